"""A news site built the way real ones are, crawled and tracked as a user would: every story saved once."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
import sqlite_utils

from provenance.crawl import parse_crawl_config, run_crawl
from provenance.models import Article
from provenance.outlets import page_address, read_from_canonical
from provenance.track import TrackLimits, track
from scrapers.html import ExtractionError, extract_article
from scrapers.pages import join_pages, page_links, story_page
from scrapers.spider import cited_links, clean_url
from tests.news_site import LEDGER, LEDGER_REGISTRY_CSV, WIRE, build_ledger_site, render_live_blog, render_listing
from tests.servers import FakeWeb


@pytest.fixture
def ledger():
    web = FakeWeb()
    stories = build_ledger_site(web)
    yield web, stories
    web.close()


def ledger_config(web: FakeWeb, tmp_path: Path, seeds: list[str]):
    """The site's home page to discover its feeds and sitemaps (robots.txt names the index), and seeds."""
    (tmp_path / "outlets.csv").write_text(LEDGER_REGISTRY_CSV, encoding="utf-8")
    return parse_crawl_config({
        "user_agent": "provenance-tests/1.0 (+mailto:tests@tracker.example)", "allow_private": True,
        "resolve": web.resolve, "politeness": {"min_delay": 0}, "schedule": {"feed_interval_hours": 0},
        "limits": {"retries": 1, "backoff": 0.05, "workers": 4}, "warc": str(tmp_path / "warc"),
        "registry": [str(tmp_path / "outlets.csv")], "search": {"source": "none"},
        "stories": [{"name": "port-calder", "max_age_days": 3650, "follow": {"max_depth": 1},
                     "sites": [web.site(LEDGER).url("/")], "seeds": seeds}],
    }, base_dir=tmp_path)


def test_every_story_of_a_news_site_is_saved_once_and_nothing_else(ledger, tmp_path: Path, db_path: Path) -> None:
    # Before: 8 articles for 5 stories (the second page of one, a tag page, an author page and a live blog as
    # articles), the AMP address kept as a story's, the syndicated copy saved as the wire's printing and the
    # wire's page never fetched.
    web, stories = ledger
    site, wire = web.site(LEDGER), web.site(WIRE)
    ferry, wall, market, rescue = stories
    seeds = [site.url(ferry.path + "amp/"), site.url(wall.path + "print/"), site.url(market.path + "2/")]
    config = ledger_config(web, tmp_path, seeds)
    first = run_crawl(db_path, config)
    db = sqlite_utils.Database(db_path)
    rows = db.execute("select a.url, o.name, a.text from articles a join outlets o on o.id = a.outlet_id "
                      "order by a.id").fetchall()
    # the copy names the wire's page as canonical, none of its own addresses: saved at the first read
    copy = site.url(rescue.path)
    rows = [(copy if url == site.url(rescue.slug_path) else url, outlet, text) for url, outlet, text in rows]
    assert sorted((url, outlet) for url, outlet, _ in rows) == sorted(
        [(site.url(s.path), "The Harbour Ledger") for s in stories] + [(wire.url(rescue.canonical), "Northwind Wire")])
    assert (first.new, first.changed) == (5, 0)
    text = {url: words for url, _, words in rows}[site.url(market.path)]
    assert market.paragraphs[0] in text and market.page_two[-1] in text  # the story in two pages, whole
    # its other addresses are kept, each pointing at it
    ids = {copy if url == site.url(rescue.slug_path) else url: id for url, id in db.execute("select url, id from articles")}
    frontier = dict(db.execute("select url, article_id from crawl_urls where kind in ('seed', 'article', 'cited')"))
    assert frontier[site.url(ferry.path + "amp/")] == frontier[site.url("/2026/05/04/ferry-strike-talks/")] == ids[
        site.url(ferry.path)]
    assert frontier[site.url(wall.path + "print/")] == frontier[site.url(wall.slug_path)] == ids[site.url(wall.path)]
    assert frontier[site.url(market.path + "2/")] == ids[site.url(market.path)]
    # what is no story is no article, and says what it is
    reasons = dict(db.execute("select url, last_error from crawl_urls where state = 'failed'").fetchall())
    assert set(reasons) == {site.url(p) for p in ("/tag/ferries/", "/author/maren-holt/", "/live/2026/05/04/storm-live/")}
    assert "a live blog" in reasons[site.url("/live/2026/05/04/storm-live/")]
    # the syndicated copy credits the wire, the origin of its quote
    origin = db.execute(
        "select o.name from lineage l join articles a on a.id = l.source_article_id join outlets o on o.id = a.outlet_id "
        "join quote_occurrences q on q.id = l.occurrence_id where q.article_id = ?", [ids[site.url(rescue.path)]]
    ).fetchall()
    assert origin == [("Northwind Wire",)]
    # tracking the paginated story's AMP page finds the story saved, and adds nothing
    report = track(db_path, site.url(market.path + "amp/"), limits=TrackLimits(max_depth=0),
                   fetch=config.fetch, search_config=config.search)
    assert report.seed_article_id == ids[site.url(market.path)]
    assert db.execute("select count(*) from articles").fetchone()[0] == 5
    # a second run asks again for what it reads every run, and downloads nothing unchanged
    before = {path: count for path, count in site.hits.items()}
    again = run_crawl(db_path, config)
    assert (again.new, again.changed, again.errors) == (0, 0, 0)
    statuses = db.execute("select status, count(*) from fetches where run_id = ? group by status",
                          [again.run_id]).fetchall()
    assert statuses == [(304, again.fetched)] and again.fetched == 4  # the home page, two feeds, the sitemap index
    assert {path for path, count in site.hits.items() if count > before.get(path, 0)} == {
        "/", "/feed/", "/feed/atom/", "/sitemap_index.xml"}


@pytest.mark.parametrize("url,expected", [
    ("http://x.example/2026/05/03/fish/2/", ("http://x.example/2026/05/03/fish/", 2)),
    ("http://x.example/2026/05/03/fish/page/3", ("http://x.example/2026/05/03/fish", 3)),
    ("http://x.example/story?id=7&page=2", ("http://x.example/story?id=7", 2)),
    ("http://x.example/2026/05/03/fish/", None),
    ("http://x.example/story?page=1", None),
    ("http://x.example/2026/05/", None),  # a month's archive: no page number
])
def test_the_address_of_a_later_page_of_a_story(url: str, expected) -> None:
    assert story_page(url) == expected


@pytest.mark.parametrize("url,links,expected", [
    # a story's first page and its second
    ("http://x.example/fish/", '<link rel="next" href="/fish/2/">', (None, "http://x.example/fish/2/")),
    ("http://x.example/fish/2/", '<link rel="prev" href="/fish/"><link rel="next" href="/fish/3/">',
     ("http://x.example/fish/", "http://x.example/fish/3/")),
    ("http://x.example/fish/3/", "<a rel='prev' href='/fish/2/'>Back</a>", ("http://x.example/fish/2/", None)),
    # WordPress's links to the next and previous posts: other stories
    ("http://x.example/fish/", '<link rel="prev" href="/ferry/"><link rel="next" href="/harbour-wall/">', (None, None)),
    ("http://x.example/fish/", '<link rel="next" href="/fish-2/">', (None, None)),
    ("http://x.example/fish/2/", '<link rel="prev" href="/ferry/">', (None, None)),
    # a twin (AMP, print) of a story's first page: its next page is the second of the story its canonical names
    ("http://x.example/fish/amp/", '<link rel="canonical" href="https://x.example/fish/"><link rel="next" href="/fish/2/">',
     (None, "http://x.example/fish/2/")),
    ("http://x.example/fish/amp/", '<link rel="next" href="/fish/2/">', (None, None)),  # naming no canonical
    ("http://x.example/fish/", '<link rel="canonical" href="https://wire.example/fish/">'
     '<link rel="next" href="https://wire.example/fish/2/">', (None, None)),  # a copy: the original's pages are not its
    ("http://x.example/fish/amp/2/", '<link rel="canonical" href="https://x.example/fish/2/">'
     '<link rel="next" href="/fish/3/">', (None, None)),  # a later page's next is its own story's
])
def test_a_story_in_pages_is_told_from_a_page_and_its_neighbours(url: str, links: str, expected) -> None:
    assert page_links(f"<html><head>{links}</head><body></body></html>", url) == expected


def test_the_pages_of_a_story_are_one_text_and_their_links_keep_their_places() -> None:
    from provenance.models import Link

    first = Article(url="http://x.example/fish/", text="One.\nTwo.", links=[Link("http://a.example/", "One", "One.", 0, 3)])
    second = Article(url="http://x.example/fish/2/", text="Three, by Bee.", credit_lines=["By Bee"],
                     links=[Link("http://b.example/", "Bee", "Three, by Bee.", 10, 13)])
    joined = join_pages(first, [second])
    assert joined.text == "One.\nTwo.\nThree, by Bee." and joined.credit_lines == ["By Bee"]
    assert [joined.text[link.start:link.end] for link in joined.links] == ["One", "Bee"]


@pytest.mark.parametrize("kind", ["tag", "author", "live"])
def test_a_page_that_says_it_is_no_story_is_no_article(kind: str) -> None:
    web = FakeWeb()
    try:
        stories = [s for s in build_ledger_site(web) if not s.canonical]
        html = render_live_blog(web) if kind == "live" else render_listing(web, kind, "Ferries", stories)
        with pytest.raises(ExtractionError, match="not an article: .* is a"):
            extract_article(html, web.site(LEDGER).url("/x/"), fetched_at=None, source="fetch")
    finally:
        web.close()


@pytest.mark.parametrize("head,article", [
    ('<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, {"@type": "NewsArticle", '
     '"headline": "Quay reopens"}]}</script>', True),
    ('<meta property="og:type" content="website">', True),  # some sites give every page this type, stories too
    ('<script type="application/ld+json">{"@type": ["CollectionPage"]}</script>', False),
    ('<meta property="og:type" content="profile">', False),
    ('<script type="application/ld+json">{"@type": "LiveBlogPosting", "headline": "Live"}</script>', False),
])
def test_a_story_page_is_told_from_a_list_an_author_and_a_live_blog(head: str, article: bool) -> None:
    body = ("<p>The quay at Port Calder reopened on Monday after a month of repairs to its timber piles, the "
            "harbour board said in a statement.</p><p>\u201cWe are glad to have the boats back,\u201d said Ines Brook, "
            "who chairs the board.</p>")
    html = f"<html><head><title>Quay reopens</title>{head}</head><body><article><h1>Quay reopens</h1>{body}</article></body></html>"
    if article:
        assert "quay" in extract_article(html, "http://x.example/quay/", fetched_at=None, source="fetch").text
    else:
        with pytest.raises(ExtractionError, match="not an article"):
            extract_article(html, "http://x.example/quay/", fetched_at=None, source="fetch")


@pytest.mark.parametrize("url,canonical,expected", [
    ("https://ledger.example/rescue/", "https://northwind.example/rescue.html", "https://ledger.example/rescue/"),
    ("https://ledger.example/rescue/", None, "https://ledger.example/rescue/"),
    ("file:///pages/rescue.html", "https://northwind.example/rescue.html", "https://northwind.example/rescue.html"),
    ("https://web.archive.org/web/2026/https://northwind.example/r", "https://northwind.example/r",
     "https://northwind.example/r"),
    ("https://ledger-example.cdn.ampproject.org/c/s/ledger.example/r", "https://ledger.example/r",
     "https://ledger.example/r"),
])
def test_a_page_is_its_own_sites_printing_whatever_its_canonical_names(url: str, canonical, expected: str) -> None:
    assert page_address(url, canonical) == expected


def test_reanalyse_reads_again_an_outlet_older_code_took_from_another_sites_canonical() -> None:
    assert read_from_canonical("https://ledger.example/rescue/", "https://northwind.example/rescue.html")
    assert not read_from_canonical("https://ledger.example/rescue/", "https://www.ledger.example/rescue/")
    assert not read_from_canonical("file:///rescue.html", "https://northwind.example/rescue.html")


def test_a_syndicated_copy_leads_to_the_page_it_copies() -> None:
    copy = Article(url="https://ledger.example/rescue/", text="...", canonical_url="https://northwind.example/rescue.html")
    assert [link.url for link in cited_links(copy)] == ["https://northwind.example/rescue.html"]
    own = Article(url="http://ledger.example/rescue/amp/", text="...", canonical_url="https://ledger.example/rescue/")
    assert cited_links(own) == []


@pytest.mark.parametrize("url,expected", [
    ("http://x.example/a/?utm_source=rss&utm_medium=feed", "http://x.example/a/"),
    ("http://x.example/a?CMP=atom_feed&at_medium=RSS&at_campaign=64", "http://x.example/a"),
    ("http://x.example/a?ns_source=x&ns_mchannel=y&id=4&smid=tw&igshid=9", "http://x.example/a?id=4"),
    ("http://x.example/a?page=2&ito=mail", "http://x.example/a?page=2"),
])
def test_tracking_parameters_are_not_part_of_an_address(url: str, expected: str) -> None:
    assert clean_url(url) == expected


def test_reanalyse_gives_a_syndicated_copy_older_code_saved_as_the_wires_to_its_own_site(tmp_path: Path,
                                                                                        monkeypatch) -> None:
    from db import ensure_db_shape
    from db.save import save_analysis
    from provenance import outlets
    from provenance.pipeline import analyse_article, load_pipeline_registry, reanalyse, update_after_import

    (tmp_path / "outlets.csv").write_text(LEDGER_REGISTRY_CSV, encoding="utf-8")
    pages = [
        Article(url="https://northwind.example/rescue.html", text="\u201cThey had their life jackets on,\u201d said "
                "Aino Rask, the skipper.", title="Rescue", published="2026-05-04T10:00:00+00:00", source="fetch"),
        Article(url="https://ledger.example/rescue/", text="\u201cThey had their life jackets on,\u201d said Aino Rask, "
                "the skipper.", title="Rescue", published="2026-05-04T11:00:00+00:00", source="fetch",
                canonical_url="https://northwind.example/rescue.html"),
    ]

    def saved(path: Path, rule) -> sqlite_utils.Database:
        db = sqlite_utils.Database(path)
        ensure_db_shape(db)
        registry = load_pipeline_registry(db, [tmp_path / "outlets.csv"])
        with monkeypatch.context() as patch:
            patch.setattr(outlets, "page_address", rule)
            for page in pages:
                save_analysis(db, analyse_article(page, registry))
        update_after_import(db)
        return db

    def by_outlet(db: sqlite_utils.Database) -> list[tuple]:
        return db.execute("select a.url, o.key, l.evidence from articles a join outlets o on o.id = a.outlet_id "
                          "join quote_occurrences q on q.article_id = a.id join lineage l on l.occurrence_id = q.id "
                          "order by a.url").fetchall()

    older = saved(tmp_path / "old.db", lambda url, canonical: canonical if canonical else url or "")
    assert by_outlet(older)[0][:2] == ("https://ledger.example/rescue/", "northwind")
    older.execute("update articles set analysed_with = 13")
    older.conn.commit()
    reanalyse(older, extra_registry=[tmp_path / "outlets.csv"], workers=1, only_stale=True)
    fresh = saved(tmp_path / "fresh.db", page_address)
    assert by_outlet(older) == by_outlet(fresh)
    assert by_outlet(fresh)[0][:2] == ("https://ledger.example/rescue/", "harbour-ledger")


def test_another_address_of_a_story_answering_404_asks_its_own_address_before_it_is_gone(ledger, tmp_path: Path,
                                                                                         db_path: Path) -> None:
    # The site drops its AMP pages while the story's own address, out of its refetch window, is not asked for:
    # the AMP address's 404 stamped the story gone.
    web, stories = ledger
    site = web.site(LEDGER)
    ferry = stories[0]
    own, amp = site.url(ferry.path), site.url(ferry.path + "amp/")
    config = ledger_config(web, tmp_path, [own, amp])
    run_crawl(db_path, config)
    db = sqlite_utils.Database(db_path)
    assert db.execute("select count(*) from articles where url = ?", [own]).fetchone()[0] == 1

    def rerun_amp() -> tuple:
        db.execute("update crawl_urls set next_fetch_at = null where url != ?", [amp])  # out of the window
        db.execute("update crawl_urls set next_fetch_at = '2000-01-01T00:00:00+00:00' where url = ?", [amp])
        db.conn.commit()
        before = site.hits[ferry.path]
        run_crawl(db_path, config)
        return db.execute("select gone_status from articles where url = ?", [own]).fetchone()[0], site.hits[ferry.path] - before

    site.pages.pop(ferry.path + "amp/")
    assert rerun_amp() == (None, 1)  # its own address asked for, and there still
    site.pages.pop(ferry.path)
    assert rerun_amp() == (404, 1)


def _market_requests(site, path: str, since: int) -> list[tuple[str, bool]]:
    """(path, asked conditionally) of the requests for the story in pages' addresses since the `since`-th request."""
    return [(p, "if-none-match" in headers or "if-modified-since" in headers)
            for p, headers, _ in site.requests[since:] if p.startswith(path)]


@pytest.mark.parametrize("validators,second_run", [
    # the site sends ETags: page 1 answers 304 and page 2 is asked conditionally too; changed, page 1 is read again
    (True, [("/2026/05/03/fish-market-reopens/", True), ("/2026/05/03/fish-market-reopens/2/", True),
            ("/2026/05/03/fish-market-reopens/", False)]),
    # no validators: every page answers 200, page 1 byte for byte as before
    (False, [("/2026/05/03/fish-market-reopens/", False), ("/2026/05/03/fish-market-reopens/2/", False)]),
])
def test_a_change_on_a_later_page_of_a_story_is_seen_while_its_first_page_stays(ledger, tmp_path: Path, db_path: Path,
                                                                                validators: bool, second_run) -> None:
    # Before: with validators, page 1's 304 ended the check and the edit of page 2 was never seen.
    from dataclasses import replace

    from tests.news_site import render_story

    web, stories = ledger
    site = web.site(LEDGER)
    market = stories[2]
    for path, page in ((market.path, 1), (market.path + "2/", 2)):
        site.add(path, render_story(market, web, page=page), validators=validators)
    own = site.url(market.path)
    config = ledger_config(web, tmp_path, [own])
    config.stories[0].sites = []
    first = run_crawl(db_path, config)
    assert (first.new, first.changed) == (1, 0)
    db = sqlite_utils.Database(db_path)
    edited = replace(market, page_two=[*market.page_two[:-1], "The traders paid for the new cold store, and the "
                                       "council for the rest of the rebuilding, the harbour board said on Sunday."])
    site.add(market.path + "2/", render_story(edited, web, page=2), validators=validators)

    def rerun():
        db.execute("update crawl_urls set next_fetch_at = '2000-01-01T00:00:00+00:00' where url = ?", [own])
        db.conn.commit()
        since = len(site.requests)
        report = run_crawl(db_path, config)
        return report, _market_requests(site, market.path, since)

    report, asked = rerun()
    assert (report.new, report.changed, report.errors) == (0, 1, 0)
    assert asked == second_run
    text, version = db.execute("select text, version from articles where url = ?", [own]).fetchone()
    assert text.endswith(edited.page_two[-1]) and market.paragraphs[0] in text and version == 2
    report, asked = rerun()  # unchanged since: each page asked once, conditionally where the site allows
    assert (report.new, report.changed, report.unchanged) == (0, 0, 1)
    assert asked == [(p, validators) for p in (market.path, market.path + "2/")]


def test_the_twins_of_a_story_in_pages_read_its_later_page_once(ledger, tmp_path: Path, db_path: Path) -> None:
    # Before: the story's own address and its twin without the trailing slash each read page 2, and its AMP and
    # print twins none (their next page is the canonical story's page 2): the AMP page alone saved half the story.
    web, stories = ledger
    site = web.site(LEDGER)
    market = stories[2]
    seeds = [site.url(market.path + twin) for twin in ("amp/", "print/", "")] + [site.url(market.slug_path)]
    config = ledger_config(web, tmp_path, seeds)
    config.stories[0].sites = []
    first = run_crawl(db_path, config)
    db = sqlite_utils.Database(db_path)
    assert (first.new, site.hits[market.path + "2/"]) == (1, 1)
    text = db.execute("select text from articles where url = ?", [site.url(market.path)]).fetchone()[0]
    assert market.paragraphs[0] in text and market.page_two[-1] in text
    assert db.execute("select count(*) from articles").fetchone()[0] == 1
    db.execute("update crawl_urls set next_fetch_at = '2000-01-01T00:00:00+00:00' where kind = 'seed'")
    db.conn.commit()
    again = run_crawl(db_path, config)  # every twin due: each asked once, page 2 once
    assert (again.changed, again.unchanged, site.hits[market.path + "2/"]) == (0, 4, 2)


def test_the_amp_page_of_a_story_in_pages_alone_reads_the_story_whole(ledger, tmp_path: Path, db_path: Path) -> None:
    # Before: 432 characters, the first page only, saved under the AMP address.
    web, stories = ledger
    site = web.site(LEDGER)
    market = stories[2]
    config = ledger_config(web, tmp_path, [site.url(market.path + "amp/")])
    config.stories[0].sites = []
    run_crawl(db_path, config)
    db = sqlite_utils.Database(db_path)
    [(text,)] = db.execute("select text from articles").fetchall()
    assert market.paragraphs[0] in text and market.page_two[-1] in text


SOFT_404 = ("/2026/05/02/quay-notice/", (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Page not found | The Harbour Ledger</title>'
    '<meta property="og:site_name" content="The Harbour Ledger"></head><body><header><a href="/">The Harbour Ledger'
    '</a></header><main><article><h1>Page not found</h1><p>Sorry, the page you were looking for could not be found. '
    "It may have been moved, or the notice about the quay may have been taken down after the works ended, as "
    "notices of the harbour board often are.</p><p>Try the search box above, or go back to the front page of the "
    "Ledger to read the latest news from Port Calder and the bay.</p></article></main></body></html>"))


def _crawl_by_older_rules(web: FakeWeb, tmp_path: Path, seeds: list[str], monkeypatch, *, sites: bool = True) -> Path:
    """The Ledger crawled by rules that stored every page read (lists, live blogs, soft 404s) and no story whole."""
    import provenance.crawl as crawl_module
    import scrapers.html as html_module

    path = tmp_path / "older" / "news.db"
    path.parent.mkdir()
    with monkeypatch.context() as patch:
        patch.setattr(html_module, "no_story_kind", lambda og, objects: None)
        patch.setattr(html_module, "soft_404_words", lambda title, text, headings=(): None)
        patch.setattr(html_module, "undated_not_found_line", lambda text: None)
        patch.setattr(crawl_module, "page_links", lambda html, url: (None, None))
        config = ledger_config(web, path.parent, seeds)
        if not sites:
            config.stories[0].sites = []
        run_crawl(path, config)
    return path


@pytest.mark.parametrize("with_warc,left,author", [
    (True, set(), "a list of stories or an author's page (schema.org ProfilePage)"),
    # without the pages as fetched, a list of stories and a live blog are told from no stored field
    (False, {"/tag/ferries/", "/live/2026/05/04/storm-live/"}, "an author's page (og:type profile)"),
])
def test_reanalyse_sets_aside_the_pages_older_rules_stored_and_ends_as_a_fresh_crawl(
        ledger, tmp_path: Path, monkeypatch, with_warc: bool, left: set[str], author: str) -> None:
    importlib.import_module("provenance.setaside")  # bound to the current rules before they are patched
    from provenance.pipeline import reanalyse

    web, stories = ledger
    site = web.site(LEDGER)
    ferry, wall, market, rescue = stories
    site.add(*SOFT_404)
    seeds = [site.url(ferry.path + "amp/"), site.url(wall.path + "print/"), site.url(market.path + "2/"),
             site.url(SOFT_404[0])]
    older = _crawl_by_older_rules(web, tmp_path, seeds, monkeypatch)
    db = sqlite_utils.Database(older)
    paths = {url.split("/", 3)[3] for (url,) in db.execute("select url from articles")}
    assert {"tag/ferries/", "author/maren-holt/", "live/2026/05/04/storm-live/", SOFT_404[0][1:],
            market.path[1:] + "2/"} <= paths  # saved as articles, and the story in pages without its page 2
    fresh_path = tmp_path / "fresh" / "news.db"
    fresh_path.parent.mkdir()
    run_crawl(fresh_path, ledger_config(web, fresh_path.parent, seeds))
    fresh = sqlite_utils.Database(fresh_path)

    warc = sorted((older.parent / "warc").glob("*.warc.gz")) if with_warc else []
    report = reanalyse(db, extra_registry=[older.parent / "outlets.csv"], workers=1, only_stale=True, warc_files=warc)
    assert report.set_aside == 5 - len(left)
    reasons = {url.split("/", 3)[3]: reason.split(" is ", 1)[-1].split(" says ", 1)[-1]
               for url, reason in db.execute("select url, reason from set_aside_pages")}
    expected = {
        "tag/ferries/": "a list of stories or an author's page (schema.org CollectionPage)",
        "author/maren-holt/": author,
        "live/2026/05/04/storm-live/": "a live blog (schema.org LiveBlogPosting)",
        SOFT_404[0][1:]: '"Page not found" (a page not found answered 200)',
        market.path[1:] + "2/": f"page 2 of the story at {site.url(market.path)}, joined to it",
    }
    assert reasons == {path: why for path, why in expected.items() if "/" + path not in left}

    copy = site.url(rescue.path)  # the copy names no address of its own: saved at whichever twin was read first

    def rows(database, sql: str) -> list[tuple]:
        return sorted(tuple(copy if value == site.url(rescue.slug_path) else value for value in row)
                      for row in database.execute(sql).fetchall())

    def articles(database) -> list[tuple]:
        return rows(database, "select url, text from articles")

    def printings(database) -> list[tuple]:
        return rows(database, "select a.url, q.text, q.speaker from quote_occurrences q join articles a on a.id = q.article_id")

    def frontier(database) -> list[tuple]:
        return rows(database, "select c.url, c.state, a.url, c.last_error, c.next_fetch_at is null from crawl_urls c "
                              "left join articles a on a.id = c.article_id where c.kind in ('seed', 'article', 'cited')")

    kept = {site.url(path) for path in left}
    assert [row for row in articles(db) if row[0] not in kept] == articles(fresh)
    assert [row for row in printings(db) if row[0] not in kept] == printings(fresh)
    if not left:
        assert frontier(db) == frontier(fresh)
        assert db.execute("select version from articles where url = ?", [site.url(market.path)]).fetchone()[0] == 2
    again = reanalyse(db, extra_registry=[older.parent / "outlets.csv"], workers=1, only_stale=True, warc_files=warc)
    assert (again.set_aside, again.changed) == (0, 0)


def test_a_page_older_rules_saved_read_again_as_no_story_is_set_aside_by_the_crawl(ledger, tmp_path: Path,
                                                                                   monkeypatch) -> None:
    # Before: the row failed with the reason, and the article and its printings stayed, traced.
    web, stories = ledger
    site = web.site(LEDGER)
    own = [s for s in stories if not s.canonical]
    tag = site.url("/tag/ferries/")
    older = _crawl_by_older_rules(web, tmp_path, [tag], monkeypatch, sites=False)
    db = sqlite_utils.Database(older)
    assert db.execute("select count(*) from articles where url = ?", [tag]).fetchone()[0] == 1
    site.add("/tag/ferries/", render_listing(web, "tag", "Ferries", own[:2]))  # the list moved on: a 200, read again
    db.execute("update crawl_urls set next_fetch_at = '2000-01-01T00:00:00+00:00' where url = ?", [tag])
    db.conn.commit()
    config = ledger_config(web, older.parent, [tag])
    config.stories[0].sites = []
    run_crawl(older, config)
    assert db.execute("select url from articles").fetchall() == []
    assert db.execute("select url, reason from set_aside_pages").fetchall() == [
        (tag, f"not an article: {tag} is a list of stories or an author's page (schema.org CollectionPage)")]
    assert db.execute("select state, article_id from crawl_urls where url = ?", [tag]).fetchone() == ("failed", None)
    assert db.execute("select count(*) from quote_occurrences").fetchone()[0] == 0


def test_a_later_page_saved_beside_the_story_that_holds_it_is_set_aside_unjoined(tmp_path: Path) -> None:
    from db import ensure_db_shape
    from provenance.pipeline import analyse_article, load_pipeline_registry, reanalyse
    from db.save import save_analysis

    db = sqlite_utils.Database(tmp_path / "news.db")
    ensure_db_shape(db)
    registry = load_pipeline_registry(db, [])
    one = "The quay at Port Calder reopened on Monday after a month of repairs, the harbour board said."
    two = "\u201cWe are glad to have the boats back,\u201d said Ines Brook, who chairs the board."
    for url, text in (("https://ledger.example/quay/", one + "\n" + two), ("https://ledger.example/quay/2/", two)):
        save_analysis(db, analyse_article(Article(url=url, text=text, title="Quay reopens", source="fetch",
                                                  published="2026-05-04T08:00:00+00:00"), registry))
    report = reanalyse(db, workers=1)
    assert report.set_aside == 1
    assert db.execute("select url, version from articles").fetchall() == [("https://ledger.example/quay/", 1)]
    assert db.execute("select url, reason, story_url from set_aside_pages").fetchall() == [
        ("https://ledger.example/quay/2/", "not an article: https://ledger.example/quay/2/ is page 2 of the story at "
         "https://ledger.example/quay/, which holds it", "https://ledger.example/quay/")]
    assert db.execute("select count(*) from quote_occurrences").fetchone()[0] == 1


@pytest.mark.parametrize("title,text,published,metadata,expected", [
    ("Page not found", "Sorry, the page you were looking for could not be found. Try the search box.", None, {},
     'says "Page not found" (a page not found answered 200)'),
    ("Quay notice", "Sorry, we couldn't find that page.", "2026-05-04", {}, "says \"we couldn't find that page\""
     " (a page not found answered 200)"),
    ("Latest", "Ferries run again.\nSorry, the page you requested could not be found.\nWall repairs in June.", None, {},
     'says "page you requested could not be found" (a page not found answered 200)'),
    ("Maren Holt", "Maren Holt covers the harbour for the Ledger.", None, {"og": {"og:type": "profile"}},
     "is an author's page (og:type profile)"),
    # a story: its JSON-LD read an article; a dated story quoting a not-found message; a plain story
    ("Maren Holt", "Maren Holt covers the harbour.", None, {"og": {"og:type": "profile"}, "jsonld": {"headline": "x"}},
     None),
    ("Site down", "The ferry company's timetable page was down all Monday. " * 20 + "\nThe page you were looking for "
     "could not be found.", "2026-05-04", {}, None),  # a long dated story: the message is not its own
    ("Quay reopens", "The quay at Port Calder reopened on Monday.", None, {"og": {"og:type": "website"}}, None),
])
def test_what_a_stored_page_says_of_itself(title: str, text: str, published, metadata: dict, expected) -> None:
    from provenance.setaside import stored_page_problem

    problem = stored_page_problem("https://ledger.example/x/", title, text, published, metadata)
    assert problem == (None if expected is None else f"not an article: https://ledger.example/x/ {expected}")


@pytest.mark.parametrize("first,later,expected", [
    ("Fish market reopens under a new roof", "Fish market reopens under a new roof", True),
    ("Fish market reopens", "Fish market reopens - Page 2 of 3", True),
    ("Fish market reopens", "Fish market reopens (p. 2)", True),
    ("Harbour news", "Ferry strike ends after nine days", False),  # /news/2/ under /news/: another story
    ("Fish market reopens", None, False),
])
def test_a_later_page_carries_its_storys_headline(first: str, later, expected: bool) -> None:
    from provenance.setaside import same_headline

    assert same_headline(first, later) is expected


@pytest.mark.parametrize("slow", [0.0, 0.5])
def test_a_later_page_listed_on_its_own_and_read_with_its_story_is_asked_for_once(ledger, tmp_path: Path,
                                                                                   db_path: Path, slow: float) -> None:
    # Before: page 2's own row and its story's first page, fetched at once, each asked for page 2 (twice when its
    # answer was slow enough for the story to read it meanwhile), and `fetches` held both.
    web, stories = ledger
    site = web.site(LEDGER)
    market = stories[2]
    if slow:
        site.fault(market.path + "2/", "slow", seconds=slow)
    config = ledger_config(web, tmp_path, [site.url(market.path + "2/"), site.url(market.path)])
    config.stories[0].sites = []
    first = run_crawl(db_path, config)
    db = sqlite_utils.Database(db_path)
    assert (first.new, site.hits[market.path + "2/"], site.hits[market.path]) == (1, 1, 1)
    assert db.execute("select count(*) from fetches where url = ?", [site.url(market.path + "2/")]).fetchone()[0] == 1
    text = db.execute("select text from articles where url = ?", [site.url(market.path)]).fetchone()[0]
    assert market.paragraphs[0] in text and market.page_two[-1] in text
    ids = set(db.execute("select article_id from crawl_urls where kind = 'seed'").fetchall())
    assert len(ids) == 1 and None not in ids


@pytest.mark.parametrize("first_read, fetches, state", [
    # the first run: page 1 answered, page 2's turn on the host after the run's end. Before: page 2 had a row in
    # `fetches` with no request made, and the story was saved as its first page alone (432 characters), done.
    (False, [("/", 200, "deferred: its later page /2/ waits: {host} takes its next request in 4s, after the run's end")],
     ("pending", None)),
    # a rerun whose page 1 answers 304 and whose check of page 2 waits: the saved story stays, due for the next run
    (True, [("/", 304, "deferred: its later page /2/ waits: {host} takes its next request in 4s, after the run's end")],
     ("done", 1)),  # still due: the next run asks again
])
def test_a_story_whose_later_page_waits_for_the_next_run_waits_whole(ledger, tmp_path: Path, db_path: Path,
                                                                      first_read: bool, fetches, state) -> None:
    web, stories = ledger
    site = web.site(LEDGER)
    market = stories[2]
    own = site.url(market.path)
    config = ledger_config(web, tmp_path, [own])
    config.stories[0].sites = []
    config.fetch.respect_robots = False
    db = sqlite_utils.Database(db_path)
    if first_read:
        run_crawl(db_path, config)
        db.execute("update crawl_urls set next_fetch_at = '2000-01-01T00:00:00+00:00' where url = ?", [own])
        db.conn.commit()
    since = len(site.requests)
    config.fetch.min_delay = 4  # page 2's turn 4 s after page 1's, past the run's end
    config.max_minutes = 0.05  # 3 s
    report = run_crawl(db_path, config)
    host = own.split("/")[2]
    rows = db.execute("select url, status, error from fetches where run_id = ?", [report.run_id]).fetchall()
    assert [(url.removeprefix(own[:-1]), status, (error or "").replace(own, "/").replace(own[:-1], ""))
            for url, status, error in rows] == [
        (path, status, error.format(host=host)) for path, status, error in fetches]
    assert [path for path, _, _ in site.requests[since:]] == [market.path]
    assert (report.fetched, report.new, report.changed, report.unchanged, report.errors, report.pending) == (
        1, 0, 0, 0, 0, 1)
    assert db.execute("select state, article_id from crawl_urls where url = ?", [own]).fetchone() == state
    config.fetch.min_delay, config.max_minutes = 0, 60
    again = run_crawl(db_path, config)  # the next run reads the story whole
    text = db.execute("select text from articles where url = ?", [own]).fetchone()[0]
    assert market.paragraphs[0] in text and market.page_two[-1] in text
    assert (again.new, again.changed, again.pending) == (int(not first_read), 0, 0)
