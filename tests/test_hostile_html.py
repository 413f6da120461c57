"""Scraped text is untrusted: hostile titles, quotes, speakers, outlets and URLs stay inert on every page."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
import sqlite_utils
from bs4 import BeautifulSoup

from tests.hostile import JS_URL, MARK, SCRIPT, build_hostile_db
from tests.served import served_metadata

BAD_URL_PREFIXES = ("javascript:", "vbscript:", "data:text/html")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data")


def page_paths(db_path: Path) -> list[str]:
    """Every page a researcher can reach for this data: ours, Datasette's tables, rows and queries."""
    database = sqlite_utils.Database(db_path)
    name = db_path.stem
    paths = [f"/{name}/-/timeline", f"/{name}/-/timeline?q=ferry", "/-/provenance/numbers", "/", f"/{name}"]
    paths += [f"/{name}/-/quote/{row['id']}" for row in database.query("select id from quotes")]
    paths += [f"/{name}/-/outlet/{row['id']}" for row in database.query("select id from outlets")]
    paths += [f"/{name}/-/article/{row['id']}" for row in database.query("select id from articles")]
    for table in ("articles", "outlets", "quotes", "quote_occurrences", "credits", "lineage", "article_reuse"):
        paths.append(f"/{name}/{table}")
    paths += [f"/{name}/articles/{row['id']}" for row in database.query("select id from articles")]
    paths += [f"/{name}/quotes/{row['id']}" for row in database.query("select id from quotes")]
    paths += [f"/{name}/articles?_search=ferry", f"/{name}/quotes?_facet=speaker"]
    paths += [
        f"/{name}/trace_quote?words=sell",
        f"/{name}/variants_of_a_quote?quote_id=1",
        f"/{name}/quote_chain?quote_id=1",
        f"/{name}/quote_chains",
        f"/{name}/uncredited_copies",
        f"/{name}/quote_lineage?quote_id=1",
        f"/{name}/story_timeline?title=&from_day=&to_day=",
        f"/{name}/uncredited_quotes",
        f"/{name}/who_credits_whom",
        f"/{name}/altered_quotes",
    ]
    database.conn.close()
    return paths


def fetch_all(db_path: Path, paths: list[str]) -> dict[str, tuple[int, dict, str]]:
    """(status, headers, body) of each path, from one Datasette with our metadata and plugin."""
    from datasette.app import Datasette

    metadata = served_metadata()

    async def run():
        datasette = Datasette([], immutables=[str(db_path)], metadata=metadata)
        results = {}
        for path in paths:
            response = await datasette.client.get(path)
            results[path] = (response.status_code, dict(response.headers), response.text)
        return results

    return asyncio.run(run())


def find_live_markup(html: str) -> list[str]:
    """Every way the page could run scraped code: handlers, script URLs, injected scripts or tags."""
    problems = []
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        for attribute, value in tag.attrs.items():
            values = value if isinstance(value, list) else [value]
            if attribute.lower().startswith("on"):
                problems.append(f"<{tag.name} {attribute}=...>")
            if attribute.lower() in URL_ATTRIBUTES:
                for item in values:
                    cleaned = re.sub(r"[\s\x00-\x1f]", "", str(item)).lower()
                    if cleaned.startswith(BAD_URL_PREFIXES):
                        problems.append(f"<{tag.name} {attribute}={item!r}>")
        if tag.name == "script" and (MARK in tag.get_text() or tag.get("src", "").startswith(("http:", "https:", "//"))):
            problems.append(f"<script> {tag.get_text()[:60]!r}")
        if tag.name in ("img", "svg", "b", "i") and any(MARK in str(value) for value in tag.attrs.values()):
            problems.append(f"<{tag.name}> from scraped text")
    return problems


@pytest.fixture(scope="module")
def hostile_pages(tmp_path_factory):
    db_path = build_hostile_db(tmp_path_factory.mktemp("hostile"))
    paths = page_paths(db_path)
    return fetch_all(db_path, paths)


def test_every_page_answers(hostile_pages):
    assert {path: status for path, (status, _headers, _body) in hostile_pages.items() if status != 200} == {}


def test_no_page_carries_live_markup(hostile_pages):
    found = {path: find_live_markup(body) for path, (_status, _headers, body) in hostile_pages.items()}
    assert {path: problems for path, problems in found.items() if problems} == {}


def test_hostile_text_is_shown_as_text(hostile_pages):
    name = "hostile"
    for path in (f"/{name}/-/quote/1", f"/{name}/-/article/1", f"/{name}/-/outlet/1", f"/{name}/-/timeline"):
        body = hostile_pages[path][2]
        text = BeautifulSoup(body, "html.parser").get_text()
        assert f"alert('{MARK}')" in text, path
        assert SCRIPT not in body, path
        assert "&lt;script&gt;" in body, path


def test_javascript_urls_are_not_links(hostile_pages):
    quote_page = hostile_pages["/hostile/-/quote/1"][2]
    article_page = hostile_pages["/hostile/-/article/2"][2]
    assert '<span class="unlinked-url">source page</span>' in quote_page
    assert f'<span class="unlinked-url">{JS_URL.replace(chr(39), "&#39;")}</span>' in article_page


def test_our_pages_forbid_inline_script(hostile_pages):
    for path, (_status, headers, _body) in hostile_pages.items():
        if "/-/" in path:
            policy = headers["content-security-policy"]
            assert "'unsafe-inline'" not in policy and "script-src 'sha256-" in policy, path


BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
BALANCED_ISOLATES = re.compile("[\u2066-\u2068][^\u2066-\u2069]*\u2069")  # what a tooltip can use to isolate
RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: the text after it, to the end of its isolate or paragraph, runs backwards
BLOCKS = {"td", "th", "li", "p", "h1", "h2", "h3", "dd", "dt", "blockquote", "div", "section"}


def isolated_tags() -> set[str]:
    """The inline tags our stylesheet isolates (unicode-bidi: isolate), plus those isolated by default."""
    css = (Path(__file__).resolve().parents[1] / "provenance" / "static" / "provenance.css").read_text(encoding="utf-8")
    tags = {"bdi", "title", "text", "textarea", "option"}
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", css):
        if re.search(r"unicode-bidi:\s*isolate", body):
            tags |= set(re.findall(r"\b([a-z]+)\b", selectors.split(":is(", 1)[-1])) - {"provenance", "section", "content"}
    return tags


@pytest.fixture(scope="module")
def bidi_pages(tmp_path_factory):
    """The hostile database with a right-to-left override ending every scraped text our pages show."""
    db_path = build_hostile_db(tmp_path_factory.mktemp("bidi"))
    database = sqlite_utils.Database(db_path)
    for table, columns in {
        "articles": ("title", "author"),
        "outlets": ("name", "country"),
        "quotes": ("text", "speaker", "origin_reason"),
        "quote_occurrences": ("text", "speaker", "speaker_name", "cue"),
        "credits": ("cue", "sentence"),
        "lineage": ("reason",),
    }.items():
        database.execute(f"update {table} set " + ", ".join(f"{column} = {column} || ?" for column in columns), [RLO] * len(columns))
    database["crawl_urls"].insert(
        {"url": "https://evil-ledger.example/scoop", "story": f"ferry{RLO}", "kind": "seed", "found_at": "2026-03-02", "article_id": 1}
    )
    database.conn.commit()
    database.conn.close()
    paths = [path for path in page_paths(db_path) if "/-/" in path]
    paths += ["/hostile/-/timeline?outlet=1", "/hostile/-/timeline?quote=1", "/hostile/-/timeline?story=ferry%E2%80%AE"]
    return fetch_all(db_path, paths)


def test_scraped_right_to_left_overrides_end_before_our_own_words(bidi_pages):
    # An override in a scraped title or name must not run on into the words we print after it (a time,
    # "1 article crawled", a closing quote mark): it has to end inside an element that isolates it.
    tags = isolated_tags()
    leaks = []
    for path, (status, _headers, body) in bidi_pages.items():
        assert status == 200, path
        soup = BeautifulSoup(body, "html.parser")
        for node in soup.find_all(string=BIDI_CONTROLS):
            text = BALANCED_ISOLATES.sub("", str(node))
            if not BIDI_CONTROLS.search(text):
                continue
            ours_after = BIDI_CONTROLS.split(text, 1)[1].strip()  # every planted override ends its field
            siblings_after = "".join(str(sibling) for sibling in node.next_siblings).strip()
            isolating = node.parent.name in tags or node.parent.name in BLOCKS
            if ours_after or siblings_after or not isolating:
                leaks.append((path, node.parent.name, str(node)[-40:], (ours_after or siblings_after)[:40]))
    assert leaks == []


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://evil-ledger.example/scoop", True),
        ("HTTP://EVIL-LEDGER.EXAMPLE/SCOOP", True),
        ("https://copycat.example/story?id=1&ref=feed#top", True),
        (JS_URL, False),
        ("  javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox(1)", False),
        ("//evil-ledger.example/scoop", False),
        ("ftp://evil-ledger.example/file", False),
        ("https://", False),
        ("https:///scoop", False),  # no host
        ("https://evil-ledger.example/\" onmouseover=\"alert(1)", False),
        ("https://evil-ledger.example/\njavascript:alert(1)", False),
        ("https://evil-ledger.example/scoop\x00.html", False),  # a control character no white space covers
        ("https://evil-ledger.example/scoop\x7f", False),
        (None, False),
    ],
)
def test_only_http_urls_become_links(url, linked):
    from provenance.web.links import is_web_url, render_external_link

    assert is_web_url(url) is linked
    assert str(render_external_link(url, "source")).startswith("<a href=") is linked
