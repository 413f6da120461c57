"""`provenance track`: from an article URL or a quote to each quote's origin and carriers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from provenance.cli_crawl import track_command
from provenance.crawl import CrawlReport, SearchConfig, parse_crawl_config
from provenance.track import Carrier, QuoteFinding, TrackLimits, TrackReport, format_track_report, track
from scrapers.fetch import FetchConfig
from tests.servers import Q_BAGS, Q_ROAD, Q_SPILLWAY, build_story_web, write_registry

SCOOP = "/news/2026/05/millbrook-dam-spillway.html"
WIRE = "/news/2026/05/04/millbrook-dam.html"
POST = "/news/millbrook-dam-closed.html"
QUICK = "/news/dam-bags-packed.html"
VOICE = "/news/what-the-dam-chief-said.html"


@pytest.fixture
def web():
    web, _ = build_story_web()
    gdelt = web.site("api.gdelt.example")
    hits = [web.site("quicktake.example").url(QUICK), web.site("valleyvoice.example").url(VOICE)]
    gdelt.add("/api/v2/doc/doc", json.dumps({"articles": [
        {"url": url, "title": "t", "seendate": "20260504T120000Z"} for url in hits]}), "application/json")
    yield web
    web.close()


def settings(web, tmp_path: Path) -> dict:
    write_registry(tmp_path / "outlets.csv")
    return {
        "allow_private": True, "resolve": web.resolve, "politeness": {"min_delay": 0},
        "limits": {"read_timeout": 1, "retries": 0}, "registry": [str(tmp_path / "outlets.csv")],
        "search": {"base_url": web.site("api.gdelt.example").url("/api/v2/doc/doc"), "delay": 0},
        "stories": [{"name": "unused", "quotes": ["placeholder words for the config"]}],
    }


def run_track(web, tmp_path: Path, db_path: Path, target: str, **limits):
    config = parse_crawl_config(settings(web, tmp_path), base_dir=tmp_path)
    return track(db_path, target, limits=TrackLimits(**limits), fetch=config.fetch, search_config=config.search,
                 registry=config.registry)


def test_track_from_an_article(web, tmp_path: Path, db_path: Path) -> None:
    seed = web.site("pinepost.example").url(POST)
    report = run_track(web, tmp_path, db_path, seed)
    observer, wire, post = (web.site(h) for h in ("observer.example", "northwind.example", "pinepost.example"))
    quick, voice = web.site("quicktake.example"), web.site("valleyvoice.example")
    # Followed the credited links to the wire and the scoop; searched both seed quotes; fetched the hits.
    assert report.crawl.searches == 2
    assert observer.hits[SCOOP] == wire.hits[WIRE] == quick.hits[QUICK] == voice.hits[VOICE] == 1
    summary = [(f.text, f.origin_outlet, f.origin_url, f.origin_kind, f.article_count, f.outlet_count, f.credited,
                f.uncredited) for f in report.findings]
    assert summary == [
        (Q_BAGS, "The Lakeside Observer", observer.url(SCOOP), "exclusive", 4, 4, 2, 1),
        (Q_ROAD, "Northwind Wire", wire.url(WIRE), "wire", 2, 2, 1, 0),
    ]
    assert report.findings[0].carriers == [
        Carrier("Northwind Wire", wire.url(WIRE), True, "credit"),
        Carrier("Pine County Post", post.url(POST), True, "credit"),
        Carrier("QuickTake", quick.url(QUICK), False, "earlier"),
    ]
    text = format_track_report(report)
    assert text.splitlines()[:4] == [
        f"1. \u201c{Q_BAGS}\u201d \u2014 Helen Marsh",
        f"   origin: The Lakeside Observer (exclusive) {observer.url(SCOOP)}",
        "   carried by 4 outlets in 4 articles: 2 credited a source, 1 credited no one",
        f"     - Northwind Wire: credited (credit) {wire.url(WIRE)}",
    ]
    explore = text.splitlines().index(f"Explore: provenance serve --db {db_path}")
    assert text.splitlines()[explore + 1] == (
        f"  then open /{db_path.stem}/-/quote/{report.findings[0].quote_id} (the first quote's lineage page), "
        f"/{db_path.stem}/quotes (every quote)"
    )
    assert [line for line in text.splitlines() if line.startswith("Search")] == [
        "Search gdelt \u201cEvery family below the dam should have a bag packed tonight just\u201d: 2 hits, 2 new",
        "Search gdelt \u201cThe road to the valley will stay closed for at least three\u201d: 2 hits, 0 new",
    ]
    assert f"/provenance/-/quote/{report.findings[0].quote_id}" in text
    assert [p.name.split("-")[0] for p in (db_path.parent / "warc").glob("*.warc.gz")] == ["track"]


def test_track_from_a_quote(web, tmp_path: Path, db_path: Path) -> None:
    report = run_track(web, tmp_path, db_path, Q_SPILLWAY, max_depth=1)
    observer, voice = web.site("observer.example"), web.site("valleyvoice.example")
    assert report.crawl.searches == 1
    assert [(f.text, f.origin_url, f.carriers) for f in report.findings] == [
        (Q_SPILLWAY, observer.url(SCOOP), [Carrier("Valley Voice", voice.url(VOICE), True, "credit")]),
    ]


def test_track_again_refreshes_the_seed(web, tmp_path: Path, db_path: Path) -> None:
    seed = web.site("pinepost.example").url(POST)
    run_track(web, tmp_path, db_path, seed, max_depth=0)
    again = run_track(web, tmp_path, db_path, seed, max_depth=0)
    assert web.site("pinepost.example").hits[POST] == 2
    assert (again.crawl.new, again.crawl.not_modified) == (0, 1)
    assert [f.text for f in again.findings] == [Q_BAGS, Q_ROAD]


def test_track_cli(web, tmp_path: Path, db_path: Path) -> None:
    data = settings(web, tmp_path)
    del data["registry"]  # given on the command line instead
    (tmp_path / "c.yml").write_text(yaml.safe_dump(data))
    runner = CliRunner()
    seed = web.site("pinepost.example").url(POST)
    result = runner.invoke(track_command, [seed, "--db", str(db_path), "--config", str(tmp_path / "c.yml"),
                                           "--registry", str(tmp_path / "outlets.csv")])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"1. \u201c{Q_BAGS}\u201d \u2014 Helen Marsh\n   origin: The Lakeside Observer")
    assert "Crawl: " in result.output and "Explore: provenance serve --db" in result.output
    for args, message in [
        (["dead in the water"], "Error: the quote is too short to search for: give at least five words\n"),
        ([Q_BAGS, "--no-search"], "Error: tracking a quote needs the search (drop --no-search or give a URL)\n"),
        ([seed, "--timespan", "forever"], "Error: bad --timespan 'forever' (use e.g. 24h, 7d, 2w, 3m)\n"),
    ]:
        result = runner.invoke(track_command, [*args, "--db", str(db_path)])
        assert (result.exit_code, result.output) == (1, message)


def test_a_quote_with_a_config_whose_search_is_off_is_refused(tmp_path: Path, db_path: Path) -> None:
    config = tmp_path / "c.yml"
    config.write_text(yaml.safe_dump({
        "stories": [{"name": "unused", "quotes": ["placeholder words for the config"]}],
        "search": {"source": "none"},
    }))
    result = CliRunner().invoke(track_command, [Q_BAGS, "--db", str(db_path), "--config", str(config)])
    assert (result.exit_code, result.output) == (
        1, f"Error: tracking a quote needs the search ({config} has search source none; use another config or give a URL)\n"
    )
    assert not db_path.exists()
    with pytest.raises(ValueError, match="tracking a quote needs the search"):
        track(db_path, Q_BAGS, search_config=SearchConfig(source="none"))
    with pytest.raises(ValueError, match="^'ftp://ledger.example/x' is no http"):  # the library says so too
        track(db_path, "ftp://ledger.example/x", search_config=SearchConfig(source="none"))


def test_track_unreachable_seed_is_reported(tmp_path: Path, db_path: Path) -> None:
    fetch = FetchConfig(min_delay=0, retries=0)  # private addresses refused by default
    report = track(db_path, "http://127.0.0.1:9/news/x.html", fetch=fetch, search_config=SearchConfig(source="none"))
    assert report.findings == []
    assert format_track_report(report).splitlines()[:2] == [
        "Could not read an article at http://127.0.0.1:9/news/x.html (see the errors table).",
        "No quotes found for this story yet.",
    ]
    assert report.crawl.errors == 1
    assert report.seed_error == "refused: 127.0.0.1 resolves to a non-public address (127.0.0.1 is a loopback address)"


@pytest.mark.parametrize(
    "url, message",
    [
        ("http://127.0.0.1:9/news/x.html", "could not read an article at http://127.0.0.1:9/news/x.html: refused: "
         "127.0.0.1 resolves to a non-public address (127.0.0.1 is a loopback address) (see the errors table)"),
        ("http://[::1/news/x.html", "not a well-formed URL: 'http://[::1/news/x.html'"),
        # Before: "the quote is too short to search for: give at least five words", for an address
        ("ftp://ledger.example/ferry.html", "'ftp://ledger.example/ferry.html' is no http(s) address: give a web page's "
         "URL (http:// or https://) or a quote"),
        ("file:///home/ana/ferry.html", "'file:///home/ana/ferry.html' is no http(s) address: give a web page's URL "
         "(http:// or https://) or a quote"),
        ("www.ledger.example/2026/05/ferry-strike-ends/", "'www.ledger.example/2026/05/ferry-strike-ends/' is no "
         "http(s) address: give a web page's URL (http:// or https://) or a quote"),
        ("HTTPS://ledger.example:99999/x", "not a well-formed URL: 'HTTPS://ledger.example:99999/x'"),
    ],
)
def test_track_cli_seed_not_read_exits_non_zero(tmp_path: Path, db_path: Path, url: str, message: str) -> None:
    result = CliRunner().invoke(track_command, [url, "--db", str(db_path), "--no-search", "--no-progress"])
    assert (result.exit_code, result.output) == (1, f"Error: {message}\n")


def test_track_cli_quote_whose_search_failed_exits_non_zero(web, tmp_path: Path, db_path: Path) -> None:
    # a scheduled job must see that nothing could be looked for, not a quiet "no quotes found"
    data = settings(web, tmp_path)
    data["search"]["base_url"] = web.site("api.gdelt.example").url("/no/such/api")
    (tmp_path / "c.yml").write_text(yaml.safe_dump(data))
    result = CliRunner().invoke(track_command, [Q_SPILLWAY, "--db", str(db_path), "--config", str(tmp_path / "c.yml"),
                                                "--no-progress"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: could not search for the quote: ")
    assert result.output.endswith(" (see the errors table)\n") and result.output.count("\n") == 1


def test_a_public_statements_other_witnesses_are_not_counted_as_uncredited() -> None:
    finding = QuoteFinding(
        quote_id=3, text="We will rebuild the pier this year.", speaker="Dana Whitfield", origin_outlet="Harbour Ledger",
        origin_url="https://ledger.example/1", origin_kind="public_statement", article_count=3, outlet_count=3,
        carriers=[
            Carrier("Radio Kestrel", "https://kestrel.example/1", False, "origin"),
            Carrier("Bay Blog", "https://bayblog.example/1", False, "earlier"),
        ],
    )
    assert (finding.first_hand, finding.credited, finding.uncredited) == (1, 0, 1)
    text = format_track_report(TrackReport("pier", "news.db", CrawlReport(), [finding]))
    assert text.splitlines()[1:5] == [
        "   said in public; first printed here by Harbour Ledger (public statement) https://ledger.example/1",
        "   carried by 3 outlets in 3 articles: 1 also heard it first-hand, 0 credited a source, 1 credited no one",
        "     - Radio Kestrel: first-hand (origin) https://kestrel.example/1",
        "     - Bay Blog: no credit (earlier) https://bayblog.example/1",
    ]


def test_an_origin_outlet_never_crawled_is_not_said_to_have_printed_it_here() -> None:
    def origin_line(kind: str) -> str:
        finding = QuoteFinding(
            quote_id=4, text="The pier opens in May.", speaker="Dana Whitfield", origin_outlet="Coast Wire",
            origin_url=None, origin_kind=kind, article_count=2, outlet_count=2,
            carriers=[Carrier("Bay Blog", "https://bayblog.example/2", True, "credit")],
        )
        return format_track_report(TrackReport("pier", "news.db", CrawlReport(), [finding])).splitlines()[1]

    assert origin_line("public_statement") == "   said in public; first carried by Coast Wire (public statement), not crawled"
    assert origin_line("wire") == "   origin: Coast Wire (wire), not crawled"


def test_the_report_prints_a_pages_escape_sequences_as_text() -> None:
    # a quote, a speaker and an outlet's name come from pages: a terminal must not obey what they hold
    finding = QuoteFinding(
        quote_id=4, text="The pier opens\x1b]0;owned\x07 on Monday.", speaker="Dana\u202eWhitfield",
        origin_outlet="Harbour\x1b[2J Ledger", origin_url="https://ledger.example/2", origin_kind="exclusive",
        article_count=1, outlet_count=1, carriers=[Carrier("Bay\rBlog", "https://bayblog.example/2", False, "origin")],
    )
    text = format_track_report(TrackReport("pier", "news.db", CrawlReport(), [finding]))
    assert "\x1b" not in text and "\u202e" not in text and "\r" not in text and "\x07" not in text
    lines = text.splitlines()
    assert lines[0] == "1. \u201cThe pier opens\\x1b]0;owned\\x07 on Monday.\u201d \u2014 Dana\\u202eWhitfield"
    assert lines[1].startswith("   origin: Harbour\\x1b[2J Ledger")
    assert lines[3] == "     - Bay\\x0dBlog: first-hand (origin) https://bayblog.example/2"


@pytest.mark.parametrize("text, message", [
    ("limits: {read_timeout: 1, retries: 0}\nsearch: {source: none}\n", None),
    ("stories: []\nsearch: {source: none}\n", None),
    ("", None),  # an empty file: the defaults
    ("limits: {retries: many}\n", "Error: limits.retries: expected int, got 'many'\n"),
    ("stories: [{name: s}]\n", "Error: story 's': nothing to crawl (give seeds, url_files, sites, feeds, sitemaps, "
                               "quotes or search_terms)\n"),
    ("stories: {name: s}\n", "Error: config: 'stories' must be a non-empty list of stories\n"),
    ("politness: {min_delay: 1}\n", None),  # the unknown key's message is checked below
])
def test_track_config_may_hold_settings_alone(tmp_path: Path, db_path: Path, text: str, message: str | None) -> None:
    # a config with no story was refused: "'stories' must be a non-empty list", though track reads only its settings
    config = tmp_path / "track.yml"
    config.write_text(text)
    seed = "http://127.0.0.1:9/news/x.html"  # refused: private addresses are not allowed by these settings
    result = CliRunner().invoke(track_command, [seed, "--db", str(db_path), "--config", str(config), "--no-search",
                                                "--no-progress"])
    lines = result.output.splitlines()
    assert result.exit_code == 1 and len(lines) == 1, result.output
    if text.startswith("politness"):
        assert lines[0].startswith("Error: config: unknown key 'politness' (expected one of: ")
    elif message is None:
        assert lines[0].startswith(f"Error: could not read an article at {seed}: refused: ")
    else:
        assert result.output == message
