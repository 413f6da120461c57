"""Scraped text is untrusted: hostile titles, quotes, speakers, outlets and URLs stay inert on every page."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
import sqlite_utils
import yaml
from bs4 import BeautifulSoup

from provenance.serve import METADATA_PATH
from tests.hostile import JS_URL, MARK, SCRIPT, build_hostile_db

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
    ]
    database.conn.close()
    return paths


def fetch_all(db_path: Path, paths: list[str]) -> dict[str, tuple[int, dict, str]]:
    """(status, headers, body) of each path, from one Datasette with our metadata and plugin."""
    from datasette.app import Datasette

    metadata = yaml.safe_load(METADATA_PATH.read_text(encoding="utf-8"))

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
        ("https://evil-ledger.example/\" onmouseover=\"alert(1)", False),
        ("https://evil-ledger.example/\njavascript:alert(1)", False),
        (None, False),
    ],
)
def test_only_http_urls_become_links(url, linked):
    from provenance.web.links import is_web_url, render_external_link

    assert is_web_url(url) is linked
    assert str(render_external_link(url, "source")).startswith("<a href=") is linked
