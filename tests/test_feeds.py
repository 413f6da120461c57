"""Feeds: discovery on pages, parsing RSS/Atom/RDF/JSON Feed, fetching from the local outlets."""

from __future__ import annotations

import json

import pytest

from scrapers.feeds import FeedEntry, discover_feeds, fetch_feed, find_feeds, newest_items, parse_feed

BASE = "https://news.example/section/page.html"


@pytest.mark.parametrize(
    "html, expected",
    [
        ('<head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head>',
         ["https://news.example/feed.xml"]),
        ('<head><link rel="alternate" type="application/atom+xml" href="atom.xml">'
         '<link rel="alternate" type="application/rss+xml" href="https://news.example/rss"></head>',
         ["https://news.example/section/atom.xml", "https://news.example/rss"]),
        # Attributes in odd case and several rel tokens.
        ('<head><LINK REL="Alternate home" TYPE="Application/RSS+XML" HREF="/r.xml"></head>',
         ["https://news.example/r.xml"]),
        # <base href> changes where relative links point.
        ('<head><base href="https://cdn.news.example/"><link rel="alternate" type="application/atom+xml" href="a.xml"></head>',
         ["https://cdn.news.example/a.xml"]),
        # A stylesheet and an alternate language version are not feeds.
        ('<head><link rel="stylesheet" href="/s.css"><link rel="alternate" hreflang="fr" href="/fr/"></head>', []),
        # No <link>: feed-looking anchors on the same host, not elsewhere.
        ('<body><a href="/feeds/politics">Politics RSS</a><a href="https://other.example/rss">x</a>'
         '<a href="/about">About</a></body>', ["https://news.example/feeds/politics"]),
        ('<body><a href="javascript:void(0)">rss</a></body>', []),
        ("", []),
    ],
)
def test_discover_feeds(html: str, expected: list[str]) -> None:
    assert discover_feeds(html, BASE) == expected


RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Observer</title><link>https://observer.example/</link>
<item><title>Dam stays shut</title><link>https://observer.example/news/dam.html</link>
<pubDate>Mon, 04 May 2026 08:00:00 +0200</pubDate></item>
<item><title>Relative</title><link>/news/relative.html</link></item>
<item><title>Guid only</title><guid isPermaLink="true">https://observer.example/news/guid.html</guid></item>
<item><title>Duplicate</title><link>https://observer.example/news/dam.html</link></item>
<item><title>No link at all</title><description>x</description></item>
<item><title>Malformed link</title><link>http://[oops/story</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:x</id><updated>2026-05-04T10:00:00Z</updated>
<entry><title>Ferry</title><link rel="self" href="https://wire.example/api/1"/>
<link rel="alternate" href="https://wire.example/news/ferry.html"/><id>urn:1</id>
<published>2026-05-03T15:00:00Z</published><updated>2026-05-03T16:00:00Z</updated></entry>
<entry><title>Updated only</title><link href="https://wire.example/news/u.html"/><id>urn:2</id><updated>2026-05-04T09:30:00-04:00</updated></entry>
</feed>"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://old.example/"><title>Old</title><link>https://old.example/</link></channel>
<item rdf:about="https://old.example/a"><title>A</title><link>https://old.example/a</link></item>
</rdf:RDF>"""

JSON_FEED = b"""{"version": "https://jsonfeed.org/version/1.1", "title": "J",
 "items": [{"id": "1", "url": "https://j.example/a", "title": "A", "date_published": "2026-05-04T08:00:00+02:00"},
           {"id": "2", "external_url": "https://elsewhere.example/b"}, {"id": "3"},
           {"id": "4", "url": "https://j.example:port/c"}]}"""


@pytest.mark.parametrize(
    "body, url, expected",
    [
        (RSS, "https://observer.example/feed.xml", [
            FeedEntry("https://observer.example/news/dam.html", "Dam stays shut", "2026-05-04T06:00:00+00:00"),
            FeedEntry("https://observer.example/news/relative.html", "Relative", None),
            FeedEntry("https://observer.example/news/guid.html", "Guid only", None),
        ]),
        (ATOM, "https://wire.example/atom.xml", [
            FeedEntry("https://wire.example/news/ferry.html", "Ferry", "2026-05-03T15:00:00+00:00"),
            FeedEntry("https://wire.example/news/u.html", "Updated only", "2026-05-04T13:30:00+00:00"),
        ]),
        (RDF, "https://old.example/rdf", [FeedEntry("https://old.example/a", "A", None)]),
        (JSON_FEED, "https://j.example/feed.json", [
            FeedEntry("https://j.example/a", "A", "2026-05-04T06:00:00+00:00"),
            FeedEntry("https://elsewhere.example/b", None, None),
        ]),
        # a date past the last UTC time (9999-12-31T23:59:59 at UTC-1) is no date, not the feed's end
        (b'{"version": "https://jsonfeed.org/version/1", "items": [{"url": "https://j.example/far",'
         b' "date_published": "9999-12-31T23:59:59-01:00"}]}', "https://j.example/feed.json",
         [FeedEntry("https://j.example/far", None, None)]),
        (b"<html><body>Not a feed</body></html>", "https://x.example/", []),
        (b"\x00\x01 garbage", "https://x.example/", []),
        (b'{"not": "a feed"}', "https://x.example/", []),
        # nested thousands deep: a RecursionError, a traceback in the crawl's log and the feed an error
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
         "https://j.example/feed.json", []),
        # a title that is no text: with a story's keywords, the whole feed failed on it
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"url": "https://j.example/a", "title": {"a": 1}}]}',
         "https://j.example/feed.json", [FeedEntry("https://j.example/a", None, None)]),
        # fuzz25: tags never closed that feedparser's loose parser raised KeyError on, the feed an error with a traceback
        (b"<channel<item<link</item</link<", "https://x.example/feed.xml", []),
        # fuzz25: an encoding no codec is named by: feedparser's lookup raised ValueError, the feed an error
        (b'<?xml version="1.0" encoding="\x00"?><rss version="2.0"><channel><item><title>A</title>'
         b"<link>https://x.example/a</link></item></channel></rss>", "https://x.example/feed.xml",
         [FeedEntry("https://x.example/a", "A", None)]),
    ],
)
def test_parse_feed(body: bytes, url: str, expected: list[FeedEntry]) -> None:
    entries = parse_feed(body, url)
    assert [(e.url, e.title, e.published) for e in entries] == [(e.url, e.title, e.published) for e in expected]
    assert all(e.feed_url == url for e in entries)


def test_find_and_fetch_feeds_on_local_outlets(story_fetcher) -> None:
    web, articles, fetcher = story_fetcher
    observer, northwind, quicktake = web.site("observer.example"), web.site("northwind.example"), web.site("quicktake.example")
    fetches, feeds = find_feeds(fetcher, observer.url("/"))
    assert feeds == [observer.url("/feed.xml")]
    result, entries = fetch_feed(fetcher, feeds[0])
    assert result.ok
    assert [e.url for e in entries] == [observer.url(a.path) for a in articles if a.host == "observer.example"]
    _, feeds = find_feeds(fetcher, northwind.url("/"))
    assert feeds == [northwind.url("/atom.xml")]
    assert [e.published for e in fetch_feed(fetcher, feeds[0])[1]] == ["2026-05-04T08:00:00+00:00", "2026-05-03T15:00:00+00:00"]
    # QuickTake advertises no feed: the probe tries common paths, all 404, and says so.
    fetches, feeds = find_feeds(fetcher, quicktake.url("/"))
    assert feeds == []
    assert [r.status for r in fetches] == [200] + [404] * 7


def test_conditional_feed_fetch(story_fetcher) -> None:
    web, _, fetcher = story_fetcher
    url = web.site("observer.example").url("/feed.xml")
    first, entries = fetch_feed(fetcher, url)
    again, none = fetch_feed(fetcher, url, etag=first.etag)
    assert (again.not_modified, none, len(entries)) == (True, [], 2)


def test_html_is_not_a_feed(story_fetcher) -> None:
    web, _, fetcher = story_fetcher
    result, entries = fetch_feed(fetcher, web.site("observer.example").url("/"))
    assert (result.error, entries) == ("not a feed", [])


FERRY_RSS = (
    '<rss version="2.0"><channel><title>The Kestrel Ledger</title>'
    "<item><title>Caf\u00e9 ferry</title><link>https://kestrel-ledger.example/ferry</link></item></channel></rss>"
)


@pytest.mark.parametrize(
    "declaration, codec",
    [
        ("", "utf-16"),  # a BOM and no declaration, as XML allows: no entry was read
        ('<?xml version="1.0"?>', "utf-16"),  # no entry was read either
        ('<?xml version="1.0" encoding="UTF-16"?>', "utf-16"),
        ('<?xml version="1.0" encoding="UTF-8"?>', "utf-16"),  # re-encoded by a server: the BOM wins, as in a browser
        ('<?xml version="1.0" encoding="UTF-16"?>', "utf-8"),  # a UTF-16 declaration readable as ASCII cannot be true
        ('<?xml version="1.0" encoding="UTF-8"?>', "utf-8"),
    ],
)
def test_a_feed_is_read_in_the_encoding_its_bytes_are_in(declaration: str, codec: str) -> None:
    body = (declaration + FERRY_RSS).encode(codec)
    assert parse_feed(body, "https://kestrel-ledger.example/feed") == [
        FeedEntry(url="https://kestrel-ledger.example/ferry", title="Caf\u00e9 ferry", published=None,
                  feed_url="https://kestrel-ledger.example/feed")
    ]


def numbered_rss(order: list[int], dated: bool = True) -> bytes:
    """An RSS feed of stories numbered in `order`, story n published n hours after midnight on 4 May 2026 (or undated)."""
    items = "".join(
        f"<item><title>Story {n}</title><link>https://feed.example/news/{n}.html</link>"
        + (f"<pubDate>Mon, 04 May 2026 {n:02d}:00:00 +0000</pubDate>" if dated else "") + "</item>" for n in order)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>'.encode()


def numbered_atom(order: list[int]) -> bytes:
    entries = "".join(f"<entry><title>Story {n}</title><link href='https://feed.example/news/{n}.html'/>"
                      f"<updated>2026-05-04T{n:02d}:30:00+02:00</updated></entry>" for n in order)
    return f'<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>{entries}</feed>'.encode()


def numbered_json(order: list[int]) -> bytes:
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": [
        {"id": str(n), "url": f"https://feed.example/news/{n}.html", "date_published": f"2026-05-04T{n:02d}:00:00Z"}
        for n in order]}).encode()


@pytest.mark.parametrize("body, kept", [
    (numbered_rss([9, 8, 7, 6, 5, 4, 3, 2]), [9, 8, 7]),  # newest first, as most feeds list them
    (numbered_rss([2, 3, 4, 5, 6, 7, 8, 9]), [7, 8, 9]),  # oldest first: the newest still read, in the feed's order
    (numbered_rss([5, 9, 2, 7, 3, 8]), [9, 7, 8]),
    (numbered_rss([5, 9, 2, 7, 3, 8], dated=False), [5, 9, 2]),  # undated: the first listed
    (numbered_atom([1, 6, 2, 5, 3, 4]), [6, 5, 4]),
    (numbered_json([1, 6, 2, 5, 3, 4]), [6, 5, 4]),
    (numbered_rss([4, 3, 2]), [4, 3, 2]),  # within the cap: as it is
    (numbered_rss([9, 8, 7, 6, 5]).replace(b"</channel>", b"<junk></channel>"), [9, 8, 7, 6, 5]),  # not strict XML: whole
])
def test_a_feed_past_max_items_gives_its_newest_items(body: bytes, kept: list[int], caplog) -> None:
    # a feed of 200,000 items took feedparser 22 s, and every item went into the frontier
    entries = parse_feed(body, "https://feed.example/feed.xml", max_items=3)
    assert [e.url for e in entries] == [f"https://feed.example/news/{n}.html" for n in kept]
    listed = body.count(b"Story ") or body.count(b'"id"')
    cut = listed > 3 and b"<junk>" not in body
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == (
        [f"feed https://feed.example/feed.xml lists {listed} items: its newest 3 read"] if cut else [])


def test_a_feed_within_max_items_is_read_as_it_came() -> None:
    assert newest_items(numbered_rss([3, 2, 1]), 3) == (numbered_rss([3, 2, 1]), 0)
    assert parse_feed(RSS, "https://observer.example/feed.xml", max_items=0) == parse_feed(RSS, "https://observer.example/feed.xml")
