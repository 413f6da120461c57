"""In a real browser: `provenance serve` on the sample story, from the quotes table to a lineage page.

Needs Debian's chromium (/usr/bin/chromium) and the `playwright` Python package (the test
extra); scripts/test.sh installs both. Outside CI the test is skipped when they are absent;
in CI (CI=true) their absence is a failure.
"""

from __future__ import annotations

import importlib
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


# One worker runs them all (scripts/test.sh runs the suite on two): one demo build, one server, one Chromium at a time.
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("browser")]

CHROMIUM = Path(os.environ.get("PROVENANCE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
QUOTE_WORDS = "pouring public money"


def require_browser():
    """The playwright module, or a skip (a failure in CI) saying what to install."""
    problem = None
    if not CHROMIUM.exists():
        problem = f"{CHROMIUM} is absent: install Debian's chromium (apt-get install -y chromium)"
    try:
        importlib.import_module("playwright.sync_api")  # only to learn whether it imports
    except ImportError:
        problem = "the playwright package is absent: pip install -e '.[test]'"
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"browser test cannot run in CI: {problem}")
        pytest.skip(problem)


@contextmanager
def serving(db_path: Path) -> Iterator[str]:
    """`provenance serve` on a database while the block runs; yields its base URL."""
    process = subprocess.Popen(  # port 0: the server binds a free port and prints which
        [sys.executable, "-m", "provenance", "serve", "--db", str(db_path), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        line = process.stdout.readline()
        match = re.search(r" at (http://127\.0\.0\.1:\d+)/ ", line)
        assert match, f"serve printed {line!r}"
        yield match.group(1)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def browser_page(**options):
    """A page of headless Chromium while the block runs (`options` go to `new_page`)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser.new_page(**options)
        finally:
            browser.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`provenance demo --no-serve` then `provenance serve` on it; yields (base URL, db path)."""
    require_browser()
    folder = tmp_path_factory.mktemp("browser")
    db_path = folder / "sample.db"
    subprocess.run(
        [sys.executable, "-m", "provenance", "demo", "--no-serve", "--db", str(db_path)],
        check=True, capture_output=True, timeout=300,
    )
    with serving(db_path) as base:
        yield base, db_path


def expected_graph(db_path: Path, quote_id: int) -> tuple[dict[str, str], set[tuple[str, str, str]]]:
    """The nodes (key -> outlet) and edges the lineage table says the quote's graph must have."""
    conn = sqlite3.connect(db_path)
    try:
        rows = conn.execute(
            """
            select o.article_id, ao.name, l.evidence, l.source_article_id, l.source_outlet_id, so.name,
              sa_outlet.name
            from quote_occurrences o
            join articles a on a.id = o.article_id
            join outlets ao on ao.id = a.outlet_id
            join lineage l on l.occurrence_id = o.id
            left join outlets so on so.id = l.source_outlet_id
            left join articles sa on sa.id = l.source_article_id
            left join outlets sa_outlet on sa_outlet.id = sa.outlet_id
            where o.quote_id = ?
            """,
            [quote_id],
        ).fetchall()
    finally:
        conn.close()
    nodes, edges = {}, set()
    for article_id, outlet, evidence, source_article, source_outlet, source_name, source_article_outlet in rows:
        nodes[f"a{article_id}"] = outlet
        if evidence == "origin":
            continue
        if source_article:
            nodes[f"a{source_article}"] = source_article_outlet
            edges.add((f"a{source_article}", f"a{article_id}", evidence))
        elif source_outlet:
            nodes[f"o{source_outlet}"] = source_name
            edges.add((f"o{source_outlet}", f"a{article_id}", evidence))
    return nodes, edges


def test_from_the_quotes_table_to_the_lineage_graph(server, tmp_path):
    base, db_path = server
    screenshot = tmp_path / "quote-lineage.png"
    with browser_page(viewport={"width": 1280, "height": 900}) as page:
        errors: list[str] = []
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{base}/sample/quotes", wait_until="load")
        link = page.locator("a.provenance-link", has_text=QUOTE_WORDS)
        assert link.count() == 1
        link.click()
        page.wait_for_url("**/sample/-/quote/*")
        quote_id = int(page.url.rstrip("/").rsplit("/", 1)[1])

        graph = page.locator("svg.lineage-graph")
        box = graph.bounding_box()
        assert box and box["width"] > 300 and box["height"] > 300
        nodes = {
            node.get_attribute("data-node"): node.get_attribute("data-outlet")
            for node in page.locator("svg.lineage-graph g.node").all()
        }
        edges = {
            (edge.get_attribute("data-source"), edge.get_attribute("data-target"), edge.get_attribute("data-evidence"))
            for edge in page.locator("svg.lineage-graph g.edge").all()
        }
        expected_nodes, expected_edges = expected_graph(db_path, quote_id)
        assert nodes == expected_nodes
        assert edges == expected_edges
        # The sample story's truth for this quote: seven articles, the Ledger's scoop first-hand.
        assert sorted(nodes.values()) == sorted(
            ["The Meridian Ledger", "The Meridian Ledger", "Continental Press", "Valley Herald",
             "The Northern Gazette", "NewsPulse", "DailyBuzz"]
        )
        assert page.locator("svg.lineage-graph g.node-origin").count() == 1
        for node in page.locator("svg.lineage-graph g.node rect").all():
            node_box = node.bounding_box()
            assert node_box and node_box["width"] > 100 and node_box["height"] > 30

        statement = page.locator("p.origin-statement").inner_text()
        assert statement.startswith("Origin: The Meridian Ledger (newspaper), in ")
        assert "2026-03-02 06:00 UTC" in statement
        assert "exclusive" in page.locator("p.origin-kind").inner_text()

        page.screenshot(path=str(screenshot), full_page=True)
        assert errors == [], errors  # nothing blocked by the Content-Security-Policy, no script errors
    assert screenshot.stat().st_size > 20_000
    keep = os.environ.get("PROVENANCE_SCREENSHOT_DIR")
    if keep:
        shutil.copy(screenshot, Path(keep) / screenshot.name)


def test_hostile_pages_run_no_script_in_the_browser(tmp_path):
    """Articles full of script tags, handlers and javascript: URLs: no dialog ever opens."""
    require_browser()
    from playwright.sync_api import Error as PlaywrightError

    from tests.hostile import build_hostile_db

    db_path = build_hostile_db(tmp_path)
    dialogs: list[str] = []
    with serving(db_path) as server_url, browser_page() as page:
        base = f"{server_url}/hostile"
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in ("/-/quote/1", "/-/article/1", "/-/article/2", "/-/outlet/1", "/-/outlet/2",
                     "/-/timeline", "/articles", "/quotes", "/quote_occurrences", "/credits", "/outlets"):
            page.goto(base + path, wait_until="load")
            for element in page.locator("b, i, img, svg.lineage-graph a, td a").all()[:40]:
                try:  # mouse-over handlers, had any survived
                    element.hover(timeout=1000, force=True)
                except PlaywrightError:
                    pass  # hidden or empty elements cannot be hovered
            page.wait_for_timeout(100)
    assert dialogs == []


def test_a_scraped_word_thousands_of_letters_long_does_not_widen_our_pages(tmp_path):
    """A title, country or reason made of one endless token wraps inside the page."""
    require_browser()
    from tests.hostile import build_hostile_db

    db_path = build_hostile_db(tmp_path)
    word = "Nightferry" + "crossing" * 300  # no hyphen, no space: nowhere to break
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("update articles set title = title || ' ' || ?, author = ?", [word, word])
        conn.execute("update outlets set country = ?", [word])
        conn.execute("update lineage set reason = ?", [word])
        conn.execute("update quote_occurrences set cue = ?", [word])
    conn.close()
    widths = {}
    with serving(db_path) as server_url, browser_page(viewport={"width": 1280, "height": 900}) as page:
        for path in ("/-/quote/1", "/-/article/1", "/-/article/2", "/-/outlet/1", "/-/timeline"):
            page.goto(f"{server_url}/hostile{path}", wait_until="load")
            widths[path] = page.evaluate("document.documentElement.scrollWidth")
    assert widths == {path: 1280 for path in widths}


def build_wide_story_db(path: Path) -> Path:
    """One quote printed in 24 articles by 20 outlets, some with long names, at 20 distinct times."""
    import sqlite_utils

    from db import ensure_db_shape

    names = [
        "The Island Ledger", "Tide Wire", "Harbour Post and Evening Courier", "ClickFerry",
        "NORTHERN ARCHIPELAGO BROADCASTING CORPORATION", "The Lighthouse Keeper's Journal",
        "Straits Evening Standard-Gazette", "Quay Daily", "Salt Spray Weekly", "Pier News",
        "Coastal Radio Network", "Bay Times", "Anchor", "The Mariner's Daily Telegraph and Advertiser",
        "Dock Digest", "Estuary Examiner", "Wharf Wire", "Sound Herald", "Gull Monitor", "Ferry Notes",
    ]
    quote = "We will not sell the ferry line to anyone who cannot keep the night crossings running."
    database = sqlite_utils.Database(path)
    ensure_db_shape(database)
    database["outlets"].insert_all(
        {"id": n + 1, "key": f"outlet{n + 1}", "name": name, "domain": f"outlet{n + 1}.example",
         "kind": "newspaper", "in_registry": 1}
        for n, name in enumerate(names)
    )
    times = [f"2026-03-02T{6 + n // 2:02d}:{30 * (n % 2):02d}:00Z" for n in range(20)] + ["2026-03-02"] * 4
    for n, time_key in enumerate(times):
        database["articles"].insert(
            {"id": n + 1, "url": f"https://outlet{n % 20 + 1}.example/ferry-{n + 1}", "outlet_id": n % 20 + 1,
             "title": f"Ferry line story {n + 1}", "published": time_key, "first_seen": time_key,
             "time_key": time_key, "text": "The ferry line.", "word_count": 3}
        )
    database["quotes"].insert(
        {"id": 1, "text": quote, "speaker": "Mara Quill", "first_seen": times[0], "article_count": 24,
         "outlet_count": 20, "variant_count": 0, "origin_outlet_id": 1, "origin_article_id": 1,
         "origin_kind": "exclusive", "origin_reason": "only The Island Ledger had it first-hand"}
    )
    evidence = ["credit", "link", "reuse", "mutation", "earlier"]
    for n in range(24):
        source = None if n == 0 else (n * 7) % n + 1  # always an earlier article
        database["quote_occurrences"].insert(
            {"id": n + 1, "quote_id": 1, "article_id": n + 1, "text": quote, "normalized": quote.lower(),
             "speaker": "Mara Quill", "speaker_name": "Mara Quill", "cue": "said", "kind": "speech",
             "start": 0, "end": len(quote), "is_canonical": 1}
        )
        database["lineage"].insert(
            {"occurrence_id": n + 1, "quote_id": 1, "source_article_id": source,
             "source_outlet_id": None if source is None else (source - 1) % 20 + 1,
             "evidence": "origin" if source is None else evidence[n % 5], "confidence": 0.8,
             "reason": "fictional", "depth": 0 if source is None else 1}
        )
    database.conn.commit()
    database.conn.close()
    return path


# Every text of our charts that ends outside its SVG, and every node label outside its box.
TEXT_OUTSIDE_JS = """
() => {
  const outside = [];
  for (const svg of document.querySelectorAll('svg.lineage-graph, svg.timeline-chart')) {
    const box = svg.getBoundingClientRect();
    let firstLane = Infinity;
    for (const rect of svg.querySelectorAll('g.node rect')) firstLane = Math.min(firstLane, rect.getBoundingClientRect().left);
    for (const text of svg.querySelectorAll('text')) {
      const r = text.getBoundingClientRect();
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5) outside.push('past the chart: ' + text.textContent);
      const node = text.closest('g.node');
      if (node && r.right > node.querySelector('rect').getBoundingClientRect().right - 2) outside.push('past its box: ' + text.textContent);
      if (text.classList.contains('row-heading') && r.right > firstLane) outside.push('under a node: ' + text.textContent);
    }
  }
  return outside;
}
"""


def test_chart_texts_stay_inside_their_boxes_with_many_long_named_outlets(tmp_path):
    """20 outlets at 20 times: long names, grouped time rows and the axis end are all readable."""
    require_browser()
    db_path = build_wide_story_db(tmp_path / "wide.db")
    found = {}
    with serving(db_path) as server_url, browser_page(viewport={"width": 1280, "height": 900}) as page:
        base = f"{server_url}/wide"
        for path in ("/-/quote/1", "/-/timeline"):
            page.goto(base + path, wait_until="load")
            found[path] = page.evaluate(TEXT_OUTSIDE_JS)
        page.goto(base + "/-/quote/1", wait_until="load")
        nodes = page.locator("svg.lineage-graph g.node").count()
        headings = page.locator("svg.lineage-graph text.row-heading").all_text_contents()
    assert nodes == 24
    assert any("–" in heading for heading in headings)  # more times than rows: some rows hold a range
    assert found == {"/-/quote/1": [], "/-/timeline": []}


def test_trace_quote_at_laptop_width_shows_where_each_printing_came_from(server):
    """Its wordings keep a readable width, and the evidence and source are on screen without scrolling."""
    base, _ = server
    with browser_page(viewport={"width": 1280, "height": 900}) as page:
        page.goto(f"{base}/sample/trace_quote?words=pouring+public+money", wait_until="load")
        wording = page.locator("td.col-canonical_wording").first.bounding_box()
        assert wording and wording["width"] >= 200, wording  # 149 px without the stylesheet's min-width
        for column in ("evidence", "taken_from_outlet"):
            box = page.locator(f"th.col-{column}").bounding_box()
            assert box and box["x"] + box["width"] <= 1280, (column, box)


# --- The pages on a phone, by keyboard, for a screen reader and on paper -------------------------------------------

def sample_quote_id(db_path: Path) -> int:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("select id from quotes where text like ?", [f"%{QUOTE_WORDS}%"]).fetchone()[0]
    finally:
        conn.close()


def researcher_pages(db_path: Path) -> list[str]:
    """One page of each kind: ours, a table, a canned query."""
    return [f"/sample/-/quote/{sample_quote_id(db_path)}", "/sample/-/article/2", "/sample/-/outlet/1", "/sample/-/timeline",
            "/-/provenance/numbers", "/sample/articles", "/sample/quote_occurrences", "/sample/trace_quote?words=pouring+public+money"]


def test_on_a_phone_no_page_scrolls_sideways_and_table_cells_keep_their_column_names(server):
    """375 px: long URLs and names wrap, wide tables and the graph scroll inside their own boxes."""
    base, db_path = server
    widths, labels = {}, []
    with browser_page(viewport={"width": 375, "height": 800}) as page:
        for path in researcher_pages(db_path):
            page.goto(base + path, wait_until="load")
            widths[path] = page.evaluate("document.documentElement.scrollWidth")
            if "/-/quote/" in path:
                graph = page.evaluate("(() => { const box = document.querySelector('.graph-scroll');"
                                      " return [box.scrollWidth > box.clientWidth, box.tabIndex]; })()")
                labels = page.evaluate("[...document.querySelectorAll('tr[data-occurrence]')[0].cells]"
                                       ".map(cell => getComputedStyle(cell, '::before').content)")
    assert widths == {path: 375 for path in widths}
    assert graph == [True, 0]  # wider than the phone: it scrolls, and the keyboard can scroll it
    assert labels == ['"When"', '"Outlet"', '"Speaker"', '"Wording"', '"Taken from"', '"Article"']


CONTRAST_JS = r"""
(selector) => {
  const parse = (c) => {
    const m = /rgba?\(([^)]+)\)/.exec(c || "");
    if (!m) return null;
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const blend = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const backdrop = (element) => {
    const layers = [];
    for (let e = element; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let colour = [255, 255, 255, 1];
    for (const c of layers.reverse()) colour = blend(c, colour);
    return colour;
  };
  const failures = [];
  for (const element of document.querySelectorAll(selector)) {
    const button = element.matches("input[type=submit], input[type=button]");
    if (!button && ![...element.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
    const box = element.getBoundingClientRect();
    if (!box.width || !box.height || element.closest(".visually-hidden, title, option")) continue;
    const style = getComputedStyle(element);
    if (style.visibility === "hidden") continue;
    let fg, bg;
    if (element instanceof SVGElement) {
      const node = element.closest("g.node");
      bg = node ? parse(getComputedStyle(node.querySelector("rect")).fill) : backdrop(element.closest("svg").parentElement);
      fg = parse(style.fill);
    } else {
      bg = backdrop(element);
      fg = parse(style.color);
    }
    if (!fg || !bg) continue;
    fg = blend(fg, bg);
    const [light, dark] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const ratio = (light + 0.05) / (dark + 0.05);
    const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight, 10) >= 700;
    const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < needed) failures.push(`${element.tagName.toLowerCase()}.${element.getAttribute("class") || ""} "${(button ? element.value : element.textContent).trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
  }
  return [...new Set(failures)];
}
"""


def test_text_keeps_a_contrast_of_4_5_to_1_and_focus_is_seen(server):
    """WCAG AA for every text on our pages and a table (visited links aside: browsers hide their colour)."""
    base, db_path = server
    failures = {}
    with browser_page(viewport={"width": 1280, "height": 900}) as page:
        for path in (f"/sample/-/quote/{sample_quote_id(db_path)}", "/sample/-/timeline", "/sample/-/outlet/1", "/sample/articles"):
            page.goto(base + path, wait_until="load")
            failures[path] = page.evaluate(CONTRAST_JS, "body *")
        for _ in range(12):  # past the crumbs and the menu, into the page's own links
            page.keyboard.press("Tab")
            if page.evaluate("!!document.activeElement.closest('section.content') && document.activeElement.tagName === 'A'"):
                break
        focused = page.evaluate("(() => { const style = getComputedStyle(document.activeElement);"
                                " return [style.outlineStyle, parseFloat(style.outlineWidth) >= 2]; })()")
        focused_contrast = page.evaluate(CONTRAST_JS, ":focus")
    assert failures == {path: [] for path in failures}
    assert focused == ["solid", True]
    assert focused_contrast == []


def test_a_printed_quote_page_holds_the_quote_origin_graph_and_chain_without_navigation(server, tmp_path):
    """Print media at a page's width (700 px of an A4 sheet): no header, menu, footer or links to rows; the graph fits."""
    base, db_path = server
    with browser_page(viewport={"width": 700, "height": 1000}) as page:
        page.goto(f"{base}/sample/-/quote/{sample_quote_id(db_path)}", wait_until="load")
        page.emulate_media(media="print")
        shown = {selector: page.locator(selector).first.is_visible()
                 for selector in ("header", "footer", "section.rows", ".provenance-footnote", "blockquote.canonical-quote",
                                  "#origin", "svg.lineage-graph", "ol.chain", ".print-only")}
        graph_width = page.locator("svg.lineage-graph").bounding_box()["width"]
        page_width = page.evaluate("document.documentElement.scrollWidth")
        chain = page.locator("ol.chain li").count()
        pdf = page.pdf(format="A4")
    assert shown == {"header": False, "footer": False, "section.rows": False, ".provenance-footnote": False,
                     "blockquote.canonical-quote": True, "#origin": True, "svg.lineage-graph": True, "ol.chain": True,
                     ".print-only": True}
    assert graph_width <= 700 and page_width == 700
    assert chain == 7  # the sample quote's seven articles, each told once
    assert pdf.startswith(b"%PDF")
