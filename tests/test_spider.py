"""Following cited links: which links count as sources, and the depth/host-limited walk."""

from __future__ import annotations

import pytest

from provenance.models import Article, Link
from scrapers.html import extract_article
from scrapers.spider import SpiderLimits, cited_links, clean_url, follow_links, looks_like_article

ARTICLE_URL = "https://post.example/news/2026/05/dam.html"


def link(url: str, sentence: str = "", anchor: str = "link") -> Link:
    return Link(url=url, anchor=anchor, sentence=sentence)


@pytest.mark.parametrize(
    "links, same_host, expected",
    [
        # Another outlet's article is followed; a credited one comes first.
        ([link("https://other.example/story.html", "See also the other story."),
          link("https://wire.example/news/dam.html", "according to Northwind Wire.", "Northwind Wire")],
         False, [("https://wire.example/news/dam.html", True), ("https://other.example/story.html", False)]),
        # Own-host links only with a credit cue (or same_host), never the article itself.
        ([link("https://post.example/news/older.html", "Read our earlier coverage."),
          link("https://post.example/news/scoop.html", "as we first reported on Sunday"),
          link(ARTICLE_URL + "#comments", "Comments")],
         False, [("https://post.example/news/scoop.html", True)]),
        ([link("https://post.example/news/older.html", "Read our earlier coverage.")],
         True, [("https://post.example/news/older.html", False)]),
        # Share buttons, files, home and tag pages, mail links are not sources.
        ([link("https://twitter.com/intent/tweet?url=x", "Share on X"),
          link("https://docs.example/report.pdf", "the report, obtained by the Post"),
          link("https://observer.example/", "The Lakeside Observer reported"),
          link("https://observer.example/tag/dams", "More on dams"),
          link("mailto:tips@post.example", "Send us tips")],
         False, []),
        # Tracking parameters and fragments are dropped; duplicates collapse.
        ([link("https://wire.example/news/dam.html?utm_source=rss&id=4#top", "via Northwind"),
          link("https://Wire.example/news/dam.html?id=4", "Northwind said")],
         False, [("https://wire.example/news/dam.html?id=4", True)]),
    ],
)
def test_cited_links(links: list[Link], same_host: bool, expected: list[tuple[str, bool]]) -> None:
    article = Article(url=ARTICLE_URL, text="", links=links)
    assert [(c.url, c.cued) for c in cited_links(article, same_host=same_host)] == expected


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://a.example/news/x.html", True),
        ("https://a.example/", False),
        ("https://a.example/search?q=dam", False),
        ("https://a.example/images/dam.JPG", False),
        ("https://youtu.be/abc", False),
        ("ftp://a.example/news/x", False),
    ],
)
def test_looks_like_article(url: str, expected: bool) -> None:
    assert looks_like_article(url) is expected


def test_clean_url() -> None:
    assert clean_url("HTTPS://News.Example/a?fbclid=1&b=2#frag") == "https://news.example/a?b=2"


def extract(html: str, url: str, fetched_at: str) -> Article:
    return extract_article(html, url, fetched_at=fetched_at)


def test_rewrite_leads_to_the_original(story_fetcher) -> None:
    web, articles, fetcher = story_fetcher
    post, wire, observer = (web.site(h) for h in ("pinepost.example", "northwind.example", "observer.example"))
    seed = post.url("/news/millbrook-dam-closed.html")
    pages = list(follow_links(fetcher, [seed], extract, limits=SpiderLimits(max_depth=2)))
    assert [(p.fetch.final_url, p.depth, p.error) for p in pages] == [
        (seed, 0, None),
        (wire.url("/news/2026/05/04/millbrook-dam.html"), 1, None),
        (observer.url("/news/2026/05/millbrook-dam-spillway.html"), 2, None),
    ]
    assert pages[2].found_from == wire.url("/news/2026/05/04/millbrook-dam.html")
    assert pages[2].article.title == "Millbrook dam will stay shut, water board chief says"


@pytest.mark.parametrize(
    "limits, fetched",
    [
        (SpiderLimits(max_depth=0), 1),
        (SpiderLimits(max_depth=1), 2),
        (SpiderLimits(max_depth=5, max_pages=2), 2),
        (SpiderLimits(max_depth=5, allowed_hosts=frozenset({"pinepost.example", "northwind.example"})), 2),
    ],
)
def test_limits(story_fetcher, limits: SpiderLimits, fetched: int) -> None:
    web, _, fetcher = story_fetcher
    seed = web.site("pinepost.example").url("/news/millbrook-dam-closed.html")
    assert len(list(follow_links(fetcher, [seed], extract, limits=limits))) == fetched


def test_seen_urls_are_not_fetched_again(story_fetcher) -> None:
    web, _, fetcher = story_fetcher
    observer = web.site("observer.example")
    scoop = observer.url("/news/2026/05/millbrook-dam-spillway.html")
    seed = web.site("valleyvoice.example").url("/news/what-the-dam-chief-said.html")
    before = observer.hits["/news/2026/05/millbrook-dam-spillway.html"]
    pages = list(follow_links(fetcher, [seed], extract, seen={scoop}))
    assert [p.fetch.final_url for p in pages] == [seed]
    assert observer.hits["/news/2026/05/millbrook-dam-spillway.html"] == before


def test_bad_pages_are_reported_not_raised(story_fetcher) -> None:
    web, _, fetcher = story_fetcher
    site = web.site("quicktake.example")
    site.add("/news/empty.html", "<html><body></body></html>")
    site.fault("/news/broken.html", "status", status=500)
    pages = list(follow_links(fetcher, [site.url("/news/empty.html"), site.url("/news/broken.html")], extract))
    assert [(p.fetch.status, p.article is None, bool(p.error)) for p in pages] == [(200, True, True), (500, True, True)]
