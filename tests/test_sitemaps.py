"""Sitemaps: url sets, news sitemaps, indexes, gzip, plain text; walking them over HTTP."""

from __future__ import annotations

import gzip
import re

import pytest

from scrapers import sitemaps
from provenance.times import utc_now
from scrapers.sitemaps import SitemapState, parse_sitemap, walk_sitemaps
from tests.servers import render_sitemap_index

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://post.example/news/a.html</loc><lastmod>2026-05-04</lastmod></url>
<url><loc> https://post.example/news/b.html </loc></url>
<url><lastmod>2026-05-04</lastmod></url>
<url><loc>http://[oops/story</loc></url>
</urlset>"""

NEWS = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://post.example/news/dam.html</loc>
<news:news><news:publication><news:name>Pine County Post</news:name><news:language>en</news:language></news:publication>
<news:publication_date>2026-05-04T09:30:00+00:00</news:publication_date><news:title>Dam &amp; road</news:title></news:news></url>
</urlset>"""

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://post.example/sitemap-news.xml</loc></sitemap><sitemap><loc>/sitemap-2026.xml.gz</loc></sitemap><sitemap><loc>http://[oops/sitemap.xml</loc></sitemap>
</sitemapindex>"""

XXE = b"""<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://p.example/&x;</loc></url></urlset>"""


@pytest.mark.parametrize(
    "body, entries, children, is_index",
    [
        (URLSET, [("https://post.example/news/a.html", "2026-05-04", None, None),
                  ("https://post.example/news/b.html", None, None, None)], [], False),
        (NEWS, [("https://post.example/news/dam.html", None, "Dam & road", "2026-05-04T09:30:00+00:00")], [], False),
        (gzip.compress(NEWS, mtime=0), [("https://post.example/news/dam.html", None, "Dam & road", "2026-05-04T09:30:00+00:00")], [], False),
        (INDEX, [], ["https://post.example/sitemap-news.xml", "https://post.example/sitemap-2026.xml.gz"], True),
        (b"https://post.example/one.html\n\n  https://post.example/two.html\nnot a url\n",
         [("https://post.example/one.html", None, None, None), ("https://post.example/two.html", None, None, None)], [], False),
        # Entities are never resolved: no file is read.
        (XXE, [("https://p.example/", None, None, None)], [], False),
        # A bare ampersand in a URL (common in the wild): the recovering parser dropped it and the name after it
        (b"<urlset><url><loc>https://p.example/a?id=1&page=2&amp;x=3</loc></url></urlset>",
         [("https://p.example/a?id=1&page=2&x=3", None, None, None)], [], False),
        # UTF-16 with a BOM was "neither XML nor a list of addresses"
        ('<?xml version="1.0" encoding="UTF-16"?><urlset><url><loc>https://p.example/caf\u00e9</loc></url></urlset>'
         .encode("utf-16"), [("https://p.example/caf\u00e9", None, None, None)], [], False),
        # No namespace at all (common in the wild) still parses.
        (b"<urlset><url><loc>https://p.example/x</loc></url></urlset>", [("https://p.example/x", None, None, None)], [], False),
        # fuzz25: a line with a control character is no address (it was an entry, and a fetch of it)
        (b"https://p.example/one\x04\nhttps://p.example/two\n", [("https://p.example/two", None, None, None)], [], False),
    ],
)
def test_parse_sitemap(body: bytes, entries: list, children: list[str], is_index: bool) -> None:
    sitemap = parse_sitemap(body, "https://post.example/sitemap.xml")
    assert [(e.url, e.lastmod, e.news_title, e.news_published) for e in sitemap.entries] == entries
    assert sitemap.sitemaps == children
    assert sitemap.is_index is is_index


@pytest.mark.parametrize(
    "body, message",
    [
        (b"<html><body>404</body></html>", "not a sitemap: root element <html>"),
        (b"\x1f\x8b\x08\x00broken", "broken gzip sitemap"),
        # text that names no address is no sitemap (it read as an empty one, the fetch recorded as fine)
        (b'{"error": "rate limited"}', "not a sitemap: neither XML nor a list of http(s) addresses, one a line"),
        (b"Service temporarily unavailable\r\n", "not a sitemap: neither XML nor a list of http(s) addresses"),
        (b"ftp://post.example/one.html\njavascript:void(0)\n", "not a sitemap: neither XML nor a list of http(s)"),
        (b"", "not a sitemap: empty document"),
        (b" \n\t", "not a sitemap: empty document"),
        (gzip.compress(b"", mtime=0), "not a sitemap: empty document"),
    ],
)
def test_parse_sitemap_rejects(body: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_sitemap(body, "https://post.example/sitemap.xml")


def test_walk_index_to_news_sitemap(story_fetcher) -> None:
    web, articles, fetcher = story_fetcher
    post = web.site("pinepost.example")
    assert fetcher.robots.sitemaps(post.url("/")) == [post.url("/sitemap.xml")]
    walk = walk_sitemaps(fetcher, [post.url("/sitemap.xml")])
    assert [e.url for e in walk.entries] == [post.url(a.path) for a in articles if a.host == "pinepost.example"]
    assert [(r.final_url, r.status) for r in walk.fetches] == [(post.url("/sitemap.xml"), 200), (post.url("/sitemap-news.xml"), 200)]


def test_walk_limits_and_dates(story_fetcher) -> None:
    web, _, fetcher = story_fetcher
    post = web.site("pinepost.example")
    post.add("/loop-index.xml", b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             + f"<sitemap><loc>{post.url('/loop-index.xml')}</loc></sitemap>".encode()
             + f"<sitemap><loc>{post.url('/sitemap-news.xml')}</loc></sitemap>".encode()
             + b"<sitemap><loc>https://elsewhere.example/s.xml</loc></sitemap></sitemapindex>", "application/xml")
    walk = walk_sitemaps(fetcher, [post.url("/loop-index.xml")], since="2026-05-05")
    assert walk.entries == []  # the one article is dated 2026-05-04
    assert len(walk.fetches) == 2  # the loop is visited once, the foreign host never
    walk = walk_sitemaps(fetcher, [post.url("/loop-index.xml")], max_sitemaps=0)  # the index given is not counted
    assert walk.skipped == [post.url("/sitemap-news.xml")]
    missing = walk_sitemaps(fetcher, [post.url("/nope.xml")])
    assert [(r.status, r.error) for r in missing.fetches] == [(404, "HTTP 404")]


def urlset(count: int, host: str = "https://post.example") -> bytes:
    """A url set of `count` entries."""
    items = "".join(f"<url><loc>{host}/news/{i}.html</loc></url>\n" for i in range(count))
    return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</urlset>'.encode()


@pytest.mark.parametrize("kind", ["xml", "gzip", "text"])
def test_a_sitemap_is_read_up_to_the_standards_50000_urls(kind: str) -> None:
    def body(count: int) -> bytes:
        if kind == "text":
            return "".join(f"https://post.example/news/{i}.html\n" for i in range(count)).encode()
        return gzip.compress(urlset(count)) if kind == "gzip" else urlset(count)

    sitemap = parse_sitemap(body(50_001), "https://post.example/sitemap.xml")
    assert len(sitemap.entries) == 50_000 and sitemap.over_limit
    assert sitemap.entries[-1].url == "https://post.example/news/49999.html"
    exactly = parse_sitemap(body(50_000), "https://post.example/sitemap.xml")
    assert len(exactly.entries) == 50_000 and not exactly.over_limit


def test_sitemaps_have_the_standards_size_cap_not_the_pages_one(story_fetcher, monkeypatch) -> None:
    web, _, fetcher = story_fetcher
    post = web.site("pinepost.example")
    fetcher.config.max_bytes = 100_000  # the cap for article pages
    big = urlset(4_000)  # 231 KB
    assert len(big) > fetcher.config.max_bytes
    post.add("/big.xml", big, "application/xml")
    walk = walk_sitemaps(fetcher, [post.url("/big.xml")])
    assert [(r.status, r.error) for r in walk.fetches] == [(200, None)] and len(walk.entries) == 4_000
    # past the sitemap cap (lowered here from 50 MB), as fetched or once gunzipped (a bomb stops there)
    monkeypatch.setattr(sitemaps, "MAX_SITEMAP_BYTES", 200_000)
    post.add("/big.xml.gz", gzip.compress(big), "application/gzip")
    walk = walk_sitemaps(fetcher, [post.url("/big.xml"), post.url("/big.xml.gz")])
    assert [r.error for r in walk.fetches] == [
        f"body too large: {len(big)} bytes (limit 200000)",
        "sitemap larger than 200000 bytes uncompressed (the sitemaps.org limit)",
    ]
    assert walk.entries == []


def test_walk_reads_again_only_what_changed(story_fetcher) -> None:
    web, articles, fetcher = story_fetcher
    post = web.site("pinepost.example")
    index, news = post.url("/sitemap.xml"), post.url("/sitemap-news.xml")
    first = walk_sitemaps(fetcher, [index])
    assert first.children == {index: [news]} and first.unchanged == []
    assert (first.states[news].parent, first.states[news].lastmod) == (index, None)

    # validators sent: both answer 304, and the unchanged index still leads to its child
    second = walk_sitemaps(fetcher, [index], known=first.states)
    assert [(r.final_url, r.status) for r in second.fetches] == [(index, 304), (news, 304)]
    assert (second.entries, second.unchanged, second.children) == ([], [index, news], {})

    # no validators kept (a server that sends none): the same body is nothing new either
    bare = {url: SitemapState(url, state.parent, content_hash=state.content_hash) for url, state in first.states.items()}
    third = walk_sitemaps(fetcher, [index], known=bare)
    assert [r.status for r in third.fetches] == [200, 200] and third.entries == [] and third.unchanged == [index, news]

    # a child whose lastmod in the index is the one it had is not fetched; a moved lastmod is read
    dated = {index: first.states[index], news: SitemapState(news, index, lastmod="2026-05-04", read_at=utc_now())}
    post.add("/sitemap.xml", render_sitemap_index(post, ["/sitemap-news.xml"]).replace(
        "</loc>", "</loc><lastmod>2026-05-04</lastmod>"), "application/xml")
    fourth = walk_sitemaps(fetcher, [index], known=dated)
    assert [r.final_url for r in fourth.fetches] == [index] and fourth.unchanged == [news]
    dated[news].lastmod = "2026-05-03"
    fifth = walk_sitemaps(fetcher, [index], known=dated)
    assert [r.final_url for r in fifth.fetches] == [index, news]
    assert [e.url for e in fifth.entries] == [post.url(a.path) for a in articles if a.host == "pinepost.example"]


def test_children_past_the_limit_or_failed_are_read_in_later_walks(story_fetcher) -> None:
    # an unchanged index leads only to the children it is known to list: those not read must be known too
    web, _, fetcher = story_fetcher
    post = web.site("pinepost.example")
    post.add("/dated-index.xml", render_sitemap_index(post, ["/sitemap-news.xml", "/sitemap-gone.xml", "/sitemap-b.xml"])
             .replace("</loc>", "</loc><lastmod>2026-05-04</lastmod>"), "application/xml")
    post.add("/sitemap-b.xml", b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>', "application/xml")
    index = post.url("/dated-index.xml")
    first = walk_sitemaps(fetcher, [index], max_sitemaps=2)
    assert [(r.final_url, r.status) for r in first.fetches] == [
        (index, 200), (post.url("/sitemap-news.xml"), 200), (post.url("/sitemap-gone.xml"), 404)]
    assert first.skipped == [post.url("/sitemap-b.xml")]
    assert {url: state.lastmod for url, state in first.states.items() if state.parent} == {
        post.url("/sitemap-news.xml"): "2026-05-04", post.url("/sitemap-gone.xml"): None, post.url("/sitemap-b.xml"): None}
    second = walk_sitemaps(fetcher, [index], max_sitemaps=2, known=first.states)
    assert [(r.final_url, r.status) for r in second.fetches] == [  # the child never asked for comes first
        (index, 304), (post.url("/sitemap-b.xml"), 200), (post.url("/sitemap-gone.xml"), 404)]
    assert second.states[post.url("/sitemap-b.xml")].content_hash is not None


def test_a_long_index_of_undated_children_is_read_through_in_turn(story_fetcher) -> None:
    # every child of an index without <lastmod> answered 304 in every walk and took a slot: of 120 children the
    # same 49 were asked for walk after walk and the other 71 never
    web, _, fetcher = story_fetcher
    post = web.site("pinepost.example")
    paths = [f"/sitemap-{i:03d}.xml" for i in range(120)]
    for path in paths:
        post.add(path, '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                 f"<url><loc>{post.url('/news' + path + '.html')}</loc></url></urlset>", "application/xml")
    post.add("/long-index.xml", render_sitemap_index(post, paths), "application/xml")
    index = post.url("/long-index.xml")
    known: dict[str, SitemapState] = {}
    asked: list[list[tuple[str, int | None]]] = []
    for run in range(4):
        walk = walk_sitemaps(fetcher, [index], known=known)
        asked.append([(r.final_url.rsplit("/", 1)[1], r.status) for r in walk.fetches])
        known = walk.states
        for result in walk.fetches:  # walks an hour apart, as runs are (the fetch times are to the second)
            known[result.url].read_at = f"2026-05-04T0{run}:00:00Z"
    assert [len(fetches) for fetches in asked] == [51] * 4  # the index and 50 children, each walk
    firsts = [{name for name, status in fetches if status == 200 and name != "long-index.xml"} for fetches in asked]
    assert [len(names) for names in firsts] == [50, 50, 20, 0] and len(set().union(*firsts)) == 120
    # the third walk reads the 20 left first, then asks again for the 30 checked longest ago: 30 of the first walk's
    assert [status for _, status in asked[2][1:]] == [200] * 20 + [304] * 30
    assert {name for name, _ in asked[2][21:]} <= firsts[0]
    # the fourth the first walk's 20 others, then 30 of the second's
    assert {name for name, _ in asked[3][1:21]} == firsts[0] - {name for name, _ in asked[2][21:]}
    assert {name for name, _ in asked[3][21:]} <= firsts[1]


def test_a_failing_child_does_not_hold_back_the_children_never_asked_for(story_fetcher) -> None:
    web, _, fetcher = story_fetcher
    post = web.site("pinepost.example")
    paths = ["/gone-a.xml", "/gone-b.xml", "/sitemap-c.xml", "/sitemap-d.xml"]
    for path in paths[2:]:
        post.add(path, b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>', "application/xml")
    post.add("/index-gone.xml", render_sitemap_index(post, paths), "application/xml")
    index = post.url("/index-gone.xml")
    first = walk_sitemaps(fetcher, [index], max_sitemaps=2)
    assert [(r.final_url, r.status) for r in first.fetches] == [
        (index, 200), (post.url("/gone-a.xml"), 404), (post.url("/gone-b.xml"), 404)]
    for path in paths[:2]:  # asked for an hour before the next walk (the fetch times are to the second)
        first.states[post.url(path)].read_at = "2026-05-04T00:00:00Z"
    second = walk_sitemaps(fetcher, [index], max_sitemaps=2, known=first.states)
    assert [(r.final_url, r.status) for r in second.fetches] == [
        (index, 304), (post.url("/sitemap-c.xml"), 200), (post.url("/sitemap-d.xml"), 200)]
    third = walk_sitemaps(fetcher, [index], max_sitemaps=2, known=second.states)
    assert [(r.final_url, r.status) for r in third.fetches] == [
        (index, 304), (post.url("/gone-a.xml"), 404), (post.url("/gone-b.xml"), 404)]


@pytest.mark.parametrize(
    "body, entries, why",
    [
        (b"<urlset><url><loc>https://p.example/1</loc></url><url><loc>https://p.exa", ["https://p.example/1", "https://p.exa"],
         "Premature end of data"),
        (b"<urlset><url><loc>https://p.example/" + b"a" * 11_000_000 + b"</loc></url><url><loc>https://p.example/2</loc>"
         b"</url></urlset>", [], "Resource limit exceeded"),
        (b"<urlset>" + b"<x>" * 300 + b"</x>" * 300 + b"<url><loc>https://p.example/1</loc></url></urlset>", [],
         "Excessive depth"),
        (b"<urlset><url><loc>https://p.example/1</loc></url></urlset>", ["https://p.example/1"], None),
        # fuzz25: cut inside the root's own start tag, it read as an empty sitemap without a word
        (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.go',
         [], "Couldn't find end of Start Tag urlset"),
        (b'<sm:sitemapindex xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9"', [], "Couldn't find end of Start Tag"),
        # fuzz25: cut just after a `<`, which the parser reads as a tag with no name: the entries after it lost unsaid
        (b"<urlset><url><loc>https://p.example/1</loc></url><", ["https://p.example/1"],
         "the document ends before its </urlset> (cut short?)"),
        (b"<urlset><url><loc>https://p.example/1</loc></url></urlset>\n<!-- generated -->\n", ["https://p.example/1"], None),
        # fuzz25: tags opened and never closed cost libxml2 the square of their stretch (25 s for these, days for 50 MB)
        (b"<urlset><url><loc>https://p.example/1</loc></url><url>" + b"<lo" * 200_000 + b"<loc>https://p.example/2</loc>"
         b"</url></urlset>", ["https://p.example/1"], "200,001 tags opened and never closed from byte 54: read up to there"),
    ],
)
def test_a_sitemap_whose_xml_stops_early_says_why(body: bytes, entries: list[str], why: str | None) -> None:
    # recovering, the parser stopped at a cut, a text too long or nesting too deep: what came after was lost unsaid
    sitemap = parse_sitemap(body, "https://p.example/sitemap.xml")
    assert [entry.url for entry in sitemap.entries] == entries
    assert (sitemap.damaged or "").startswith(why or "") and bool(sitemap.damaged) == bool(why)


def test_a_child_that_is_an_error_page_is_asked_for_conditionally_next_time(story_fetcher) -> None:
    # an index's child answering 200 with an HTML error page was downloaded again, and an error recorded, every walk
    web, _, fetcher = story_fetcher
    post = web.site("pinepost.example")
    post.add("/sitemap-oops.xml", "<html><body><h1>Something went wrong</h1></body></html>", "text/html")
    post.add("/index-oops.xml", render_sitemap_index(post, ["/sitemap-oops.xml"]), "application/xml")
    index, child = post.url("/index-oops.xml"), post.url("/sitemap-oops.xml")
    first = walk_sitemaps(fetcher, [index])
    assert [(r.final_url, r.status, r.error) for r in first.fetches] == [
        (index, 200, None), (child, 200, "unexpected content type text/html")]
    second = walk_sitemaps(fetcher, [index], known=first.states)
    assert [(r.final_url, r.status, r.error) for r in second.fetches] == [(index, 304, None), (child, 304, None)]
    post.add("/sitemap-oops.xml", f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{post.url("/news/x.html")}'
             "</loc></url></urlset>", "application/xml")  # the sitemap is back: a new ETag, read
    third = walk_sitemaps(fetcher, [index], known=second.states)
    assert [(r.final_url, r.status) for r in third.fetches] == [(index, 304), (child, 200)]
    assert [entry.url for entry in third.entries] == [post.url("/news/x.html")]
