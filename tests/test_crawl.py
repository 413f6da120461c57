"""The scheduled crawl against real local outlets with faults: collection, faults, reruns, kills, locks."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import sqlite_utils
import yaml
from click.testing import CliRunner
from markupsafe import Markup
from warcio.archiveiterator import ArchiveIterator

from provenance import crawl as crawl_module
from provenance.cli_crawl import crawl_command
from provenance.times import utc_time
from provenance.crawl import (
    ConfigError,
    CrawlLocked,
    crawl_lock,
    due_rows_sql,
    load_crawl_config,
    parse_crawl_config,
    run_crawl,
)
from scrapers.fetch import HostGate
from tests.servers import FakeWeb, Q_SPILLWAY, StoryArticle, build_story_web, render_article, render_rss, write_registry

ROOT = Path(__file__).resolve().parent.parent


def gdelt_body(urls: list[str]) -> str:
    return json.dumps({"articles": [
        {"url": url, "title": "t", "seendate": "20260504T120000Z", "domain": "x", "language": "English",
         "sourcecountry": ""} for url in urls]})


def add_fault_outlet(web: FakeWeb) -> dict[str, str]:
    """An outlet whose feed lists pages with every fault; returns path -> expected outcome."""
    site = web.site("faults.example", "Faults Daily")
    base = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>{t} | Faults Daily</title>"
        "<meta property='og:site_name' content='Faults Daily'></head><body><article><h1>{t}</h1>"
        "<p>Faults Daily reports on the weather in Lakeside every day of the year, rain or shine.</p>"
        "<p>\u201cThe rain will stop when it stops and not a minute before,\u201d said Mara Quist, a forecaster.</p>"
        "<p>The forecast for the weekend is more rain, with wind from the west in the afternoon.</p>"
        "</article></body></html>"
    )
    outcomes = {
        "/news/slow.html": "article",
        "/news/mislabelled.html": "article",
        "/news/cp1252.html": "article",
        "/news/flaky.html": "article",  # 503 once, then fine
        "/news/busy.html": "article",  # 429 with Retry-After once
        "/news/moved.html": "redirect",  # to /news/slow.html: the same article, kept once
        "/news/hang.html": "timeout",
        "/news/reset.html": "reset",
        "/news/e500.html": "HTTP 500 after 2 attempts",
        "/news/loop.html": "redirect loop",
        "/news/huge.html": "body too large",
        "/news/binary.html": "binary content labelled text/html",
        "/news/gone.html": "HTTP 404",
        "/news/empty.html": "extract",
        "/private/secret.html": "disallowed by robots.txt",
    }
    for path in outcomes:
        site.add(path, base.format(t=path.rsplit("/", 1)[1].split(".")[0].title()))
    site.pages.pop("/news/gone.html")
    site.add("/news/empty.html", "<html><body><nav>Home</nav></body></html>")
    site.fault("/news/slow.html", "slow", seconds=0.2)
    site.fault("/news/mislabelled.html", "mislabelled")
    site.fault("/news/cp1252.html", "bad_encoding")
    site.fault("/news/flaky.html", "status", status=503, times=1)
    site.fault("/news/busy.html", "retry_after", seconds=1, times=1)
    site.fault("/news/moved.html", "redirect", target="/news/slow.html")
    site.fault("/news/hang.html", "hang", seconds=4)  # longer than the read timeout
    site.fault("/news/reset.html", "reset")
    site.fault("/news/e500.html", "status", status=500)
    site.fault("/news/loop.html", "redirect_loop")
    site.fault("/news/huge.html", "huge", size=600_000)
    site.fault("/news/binary.html", "binary")
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    items = "".join(f"<item><title>x</title><link>{site.url(p)}</link></item>" for p in outcomes)
    site.add("/feed.xml", f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>',
             "application/rss+xml")
    return outcomes


def config_for(web: FakeWeb, tmp_path: Path, **story) -> dict:
    """A crawl config reaching the local outlets quickly."""
    gdelt = web.site("api.gdelt.example")
    write_registry(tmp_path / "outlets.csv")
    story_data = {"name": "millbrook", "max_age_days": 3650, "follow": {"max_depth": 2}, **story}
    return {
        "user_agent": "provenance-tests/1.0 (+mailto:tests@tracker.example)",
        "allow_private": True,
        "resolve": web.resolve,
        "politeness": {"min_delay": 0},
        "limits": {"connect_timeout": 2, "read_timeout": 1.5, "max_time": 10, "retries": 1, "backoff": 0.05,
                   "max_bytes": 500_000, "workers": 8},
        "schedule": {"feed_interval_hours": 0},
        "warc": str(tmp_path / "warc"),
        "registry": [str(tmp_path / "outlets.csv")],
        "search": {"base_url": gdelt.url("/api/v2/doc/doc"), "delay": 0, "interval_hours": 0},
        "stories": [story_data],
    }


STAMP_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ ")


def index_only_config(web: FakeWeb, tmp_path: Path, post):
    """A crawl of the site's sitemap index alone: no links followed, no search."""
    data = config_for(web, tmp_path, sitemaps=[post.url("/sitemap-index.xml")], follow={"max_depth": 0})
    data["search"]["source"] = "none"
    return parse_crawl_config(data, base_dir=tmp_path)


def unstamped(output: str) -> str:
    """The crawl's output without the UTC time that begins every line (asserted), for cron's log."""
    lines = output.splitlines(keepends=True)
    assert lines and all(STAMP_RE.match(line) for line in lines), output
    return "".join(STAMP_RE.sub("", line, count=1) for line in lines)


@pytest.fixture
def story_web():
    web, articles = build_story_web()
    gdelt = web.site("api.gdelt.example")
    gdelt.add("/api/v2/doc/doc", gdelt_body([web.site("valleyvoice.example").url("/news/what-the-dam-chief-said.html")]),
              "application/json")
    yield web, articles
    web.close()


def story_urls(web: FakeWeb, articles) -> set[str]:
    return {web.site(a.host).url(a.path) for a in articles}


def full_story(web: FakeWeb) -> dict:
    """Every discovery path at once: feed, home page with a feed, robots.txt sitemap, seed, search, links."""
    return {
        "feeds": [web.site("observer.example").url("/feed.xml"), web.site("faults.example").url("/feed.xml")],
        "sites": [web.site("northwind.example").url("/"), web.site("pinepost.example").url("/")],
        "seeds": [web.site("quicktake.example").url("/news/dam-bags-packed.html")],
        "quotes": [Q_SPILLWAY],
    }


def test_config_example_in_repository_loads() -> None:
    config = load_crawl_config(ROOT / "crawl.example.yml")
    assert [s.name for s in config.stories] == ["millbrook-dam"]
    assert (config.fetch.allow_private, config.fetch.respect_robots, config.search.source) == (False, True, "gdelt")


@pytest.mark.parametrize(
    "data, message",
    [
        (None, "config: 'stories' must be a non-empty list of stories"),
        ({"stories": []}, "config: 'stories' must be a non-empty list of stories"),
        ({"storys": []}, "config: unknown key 'storys'"),
        ({"stories": [{"seeds": ["https://a.example/x"]}]}, "stories[0]: every story needs a name"),
        ({"stories": [{"name": "s"}]}, "story 's': nothing to crawl"),
        ({"stories": [{"name": "s", "seeds": ["a.example/x"]}]}, "story 's'.seeds: not an http(s) URL: 'a.example/x'"),
        ({"stories": [{"name": "s", "seeds": ["http://[::1"]}]}, "story 's'.seeds: not an http(s) URL: 'http://[::1'"),
        ({"stories": [{"name": "s", "feeds": ["https://a.example:rss/feed"]}]},
         "story 's'.feeds: not an http(s) URL: 'https://a.example:rss/feed'"),
        ({"stories": [{"name": "s", "seeds": "https://a.example/x", "follow": {"depth": 2}}]},
         "story 's'.follow: unknown key 'depth'"),
        ({"stories": [{"name": "s", "quotes": ["q q q q q"], "max_age_days": "week"}]},
         "story 's'.max_age_days: expected float, got 'week'"),
        ({"limits": {"workers": -1}, "stories": [{"name": "s", "quotes": ["q"]}]},
         "limits.workers: must not be negative"),
        ({"limits": {"max_feed_items": -1}, "stories": [{"name": "s", "quotes": ["q"]}]},
         "limits.max_feed_items: must not be negative"),
        ({"limits": {"max_time": 0}, "stories": [{"name": "s", "quotes": ["q"]}]}, "limits.max_time: must be more than 0"),
        ({"limits": {"max_bytes": 0}, "stories": [{"name": "s", "quotes": ["q"]}]}, "limits.max_bytes: must be more than 0"),
        ({"limits": {"read_timeout": 0.0}, "stories": [{"name": "s", "quotes": ["q"]}]},
         "limits.read_timeout: must be more than 0"),
        ({"limits": {"connect_timeout": 0}, "stories": [{"name": "s", "quotes": ["q"]}]},
         "limits.connect_timeout: must be more than 0"),
        ({"politeness": {"respect_robots": "no"}, "stories": [{"name": "s", "quotes": ["q"]}]},
         "politeness.respect_robots: expected bool, got 'no'"),
        ({"politeness": {"robots_hours": 48}, "stories": [{"name": "s", "quotes": ["q"]}]},
         "politeness.robots_hours: at most 24 (RFC 9309 keeps a robots.txt a day at most), got 48"),
        ({"search": {"source": "bing"}, "stories": [{"name": "s", "quotes": ["q"]}]},
         "search.source: unknown search source 'bing'"),
        ({"search": {"timespan": "forever"}, "stories": [{"name": "s", "quotes": ["q"]}]},
         "search.timespan: 'forever' is not a GDELT timespan"),
        ({"stories": [{"name": "s", "quotes": ["q"]}, {"name": "s", "quotes": ["r"]}]},
         "stories: two stories share the name 's'"),
        ({"registry": ["missing.csv"], "stories": [{"name": "s", "quotes": ["q"]}]}, "registry: no such file"),
        ({"warc": True, "stories": [{"name": "s", "quotes": ["q"]}]}, "config.warc: give a folder, or false"),
        ({"limits": {"read_timeout": float("nan")}, "stories": [{"name": "s", "quotes": ["q"]}]},
         "limits.read_timeout: expected a finite number, got nan"),
        ({"politeness": {"host_delays": {"a.example": float("inf")}}, "stories": [{"name": "s", "quotes": ["q"]}]},
         "politeness.host_delays.a.example: expected a finite number, got inf"),
        ({"resolve": {"a.example": [1, 2]}, "stories": [{"name": "s", "quotes": ["q"]}]},
         "resolve.a.example: expected an IP address, got [1, 2]"),
        ({"resolve": {"a.example": "localhost"}, "stories": [{"name": "s", "quotes": ["q"]}]},
         "resolve.a.example: expected an IP address, got 'localhost'"),
        # fuzz25: a list of mappings where a mapping goes, and keys of several types, raised TypeError
        ({"resolve": [{"a.example": "203.0.113.7"}], "stories": [{"name": "s", "quotes": ["q"]}]},
         "resolve: expected a mapping, got list"),
        ({"politeness": {"host_delays": [{"a.example": 5}]}, "stories": [{"name": "s", "quotes": ["q"]}]},
         "politeness.host_delays: expected a mapping, got list"),
        ({1: "x", None: "y", "stories": [{"name": "s", "quotes": ["q"]}]}, "config: unknown key 1 "),
    ],
)
def test_config_errors(data, message: str, tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as error:
        parse_crawl_config(data, base_dir=tmp_path)
    assert str(error.value).startswith(message)


@pytest.mark.parametrize(
    "name, text, message",
    [
        ("c.yml", "stories: [name: x", "c.yml: not valid YAML"),
        # what is wrong and where, not PyYAML's first line ("while parsing a block mapping")
        ("c.yml", "limits:\n  max_pages: 5\n max_minutes: 3\n",
         r"c.yml: not valid YAML: expected <block end>, but found '<block mapping start>' at line 3, column 2$"),
        ("c.yml", "stories:\n\t- name: x\n",
         r"c.yml: not valid YAML: found character '\\t' that cannot start any token at line 2, column 1$"),
        ("c.toml", "stories = [", "c.toml: not valid TOML"),
        ("missing.yml", None, "cannot read config"),
        # a file not yet written or cut short read "config: 'stories' must be a non-empty list of stories"
        ("c.yml", "", r"c.yml is empty: a crawl config names its stories \(see crawl.example.yml\)$"),
        ("c.yml", "# stories to come\n", r"c.yml is empty: "),
        ("c.toml", "", r"c.toml is empty: "),
        # one read as a line of text read "config: expected a mapping, got str"
        ("c.yml", "stories", r"c.yml is no crawl config: it reads as a line of text, not as settings and stories$"),
        ("c.yml", "- name: x\n", r"c.yml is no crawl config: it reads as a list, "),
        # fuzz25: brackets nested thousands deep ended the command with PyYAML's RecursionError
        ("c.yml", "stories: " + "[" * 10_000, r"c.yml: not valid YAML: nested too deeply to read$"),
        ("c.yml", "stories: " + "{a: " * 10_000, r"c.yml: not valid YAML: nested too deeply to read$"),
    ],
)
def test_config_file_errors(tmp_path: Path, name: str, text: str | None, message: str) -> None:
    if text is not None:
        (tmp_path / name).write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_crawl_config(tmp_path / name)


@pytest.mark.parametrize(
    "warc, message",
    [
        ("", "config.warc: give a folder, or false to keep no WARC (leave it out for ./warc beside the database)"),
        ("  ", "config.warc: give a folder, or false to keep no WARC (leave it out for ./warc beside the database)"),
        ("notes.txt", "config.warc: {tmp}/notes.txt is a file, not a folder"),
        ("notes.txt/warc", "config.warc: cannot make the folder {tmp}/notes.txt/warc: {tmp}/notes.txt is a file"),
        ("notes.txt/a/b", "config.warc: cannot make the folder {tmp}/notes.txt/a/b: {tmp}/notes.txt is a file"),
    ],
)
def test_a_warc_folder_that_cannot_be_is_a_config_error(tmp_path: Path, warc: str, message: str) -> None:
    (tmp_path / "notes.txt").write_text("not a folder")
    with pytest.raises(ConfigError) as error:
        parse_crawl_config({"warc": warc, "stories": [{"name": "s", "quotes": ["q"]}]}, base_dir=tmp_path)
    assert str(error.value) == message.format(tmp=tmp_path)


def test_a_warc_folder_to_be_made_is_no_config_error(tmp_path: Path) -> None:
    config = parse_crawl_config({"warc": "archive/2026", "stories": [{"name": "s", "quotes": ["q"]}]}, base_dir=tmp_path)
    assert config.warc_dir == tmp_path / "archive/2026"
    assert not (tmp_path / "archive").exists()  # made by the run, not by reading the config


def test_a_file_where_the_default_warc_folder_goes_fails_before_the_run(story_web, tmp_path: Path) -> None:
    web, _ = story_web
    data = config_for(web, tmp_path, seeds=[web.site("quicktake.example").url("/news/dam-bags-packed.html")])
    del data["warc"]  # the default: warc/ beside the database
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "warc").write_text("a file in the way")
    (tmp_path / "c.yml").write_text(yaml.safe_dump(data))
    db_file = tmp_path / "data" / "news.db"
    result = CliRunner().invoke(crawl_command, ["--config", str(tmp_path / "c.yml"), "--db", str(db_file), "--no-progress"])
    assert result.exit_code == 1
    assert unstamped(result.output) == (
        f"Error: the WARC folder beside the database: {tmp_path}/data/warc is a file, not a folder "
        "(set warc: to another folder, or false to keep no WARC)\n")
    assert sum(sum(site.hits.values()) for site in web.sites.values()) == 0  # nothing fetched
    runs = sqlite_utils.Database(db_file)["runs"]
    assert not runs.exists() or runs.count == 0  # no run row: the run never started


@pytest.mark.parametrize(
    "name, text, message",
    [
        # each of these read as a config whose last block was empty, and crawled what was left
        ("c.yml", "stories:\n  - name: s\n    quotes: [q]\n    feeds:\n",
         "c.yml ends with 'feeds:' and nothing under it: is the file cut short? Give it a value ([] or {} for none) "
         "or take the line out"),
        ("c.yml", "stories:\n  - name: s\n    quotes: [q]\n    follow:   # links\n\n# more to come\n",
         "c.yml ends with 'follow:   # links' and nothing under it: "),
        ("c.yml", "stories: [{name: s, quotes: [q]}]\nlimits:\n", "c.yml ends with 'limits:' and nothing under it: "),
        ("c.toml", '[[stories]]\nname = "s"\nquotes = ["q"]\n[stories.follow]\n',
         "c.toml ends with '[stories.follow]' and nothing under it: is the file cut short? Give a key under it "
         "or take the line out"),
        ("c.toml", '[[stories]]\nname = "s"\nquotes = ["q"]\n[limits]\n', "c.toml ends with '[limits]' and nothing "),
    ],
)
def test_a_config_ending_in_an_empty_block_is_refused_as_cut_short(tmp_path: Path, name: str, text: str,
                                                                    message: str) -> None:
    (tmp_path / name).write_text(text)
    with pytest.raises(ConfigError) as error:
        load_crawl_config(tmp_path / name)
    assert str(error.value).startswith(f"{tmp_path}/{message}")


@pytest.mark.parametrize("name, text", [
    ("c.yml", "stories:\n  - name: s\n    quotes: [q]\n    feeds: []\n"),
    ("c.yml", "limits:\nstories:\n  - name: s\n    quotes: [q]\n"),  # an empty block before the end is as before
    ("c.yml", "stories:\n  - name: s\n    quotes:\n      - 'Ends: with a colon:'\n"),
    ("c.toml", '[limits]\n[[stories]]\nname = "s"\nquotes = ["q"]\n'),
])
def test_a_config_ending_in_a_value_is_read(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / name).write_text(text)
    assert [story.name for story in load_crawl_config(tmp_path / name).stories] == ["s"]


def test_the_example_config_cut_after_a_line_is_refused_unless_it_ends_inside_its_last_story(tmp_path: Path) -> None:
    # a cut inside the last story leaves a config no reader can tell from one written so (a crawl of the stories
    # before it names the stories it lost: see test_a_story_the_config_dropped_is_named_for_a_day)
    lines = (ROOT / "crawl.example.yml").read_text().splitlines(keepends=True)
    accepted = []
    for end in range(1, len(lines) + 1):
        (tmp_path / "c.yml").write_text("".join(lines[:end]))
        try:
            load_crawl_config(tmp_path / "c.yml")
        except ConfigError:
            continue
        accepted.append(lines[end - 1].strip().split("#")[0].strip() or "#")
    assert accepted == [  # 25 before, with the lines opening seeds' neighbours: "sites:", "feeds:", "follow:", ...
        "- https://observer.example/news/2026/05/millbrook-dam-spillway.html", "url_files: []", "#",
        "- https://northwind.example/", "- https://observer.example/feed.xml", "- https://pinepost.example/sitemap.xml",
        "#", "#", "keywords: [dam, spillway, millbrook]", "max_age_days: 7", "#",
        '- "We will not open the spillway until the engineers tell us the dam can take it."', "search_terms: []",
        "search_quotes: true", "refresh_seeds: false", "#", "max_depth: 2", "max_per_host: 20", "same_host: false",
        "allowed_hosts: []",
    ]


@pytest.mark.parametrize(
    "rows, expected",
    [
        # (story, kind, hours since its last fetch); the config follows "millbrook"
        ([("millbrook", "feed", 1), ("harbour", "feed", 2)], [("harbour", 2)]),
        ([("harbour", "seed", 24)], [("harbour", 24)]),
        ([("harbour", "article", 26)], []),  # past the day a schedule reaches (24 feed intervals and an hour)
        ([("harbour", "seed", None)], []),  # never fetched: nothing was followed
        ([("track: https://a.example/x", "seed", 1)], []),  # `track`'s story, no config's
        ([("harbour", "search", 1), ("harbour", "article", 30), ("ferry", "seed", 3)], [("ferry", 3), ("harbour", 1)]),
    ],
)
def test_a_story_the_config_dropped_is_named_for_a_day(db_path: Path, rows, expected, caplog) -> None:
    from datetime import datetime, timedelta, timezone

    from db.schema import ensure_db_shape
    from provenance.crawl import Crawl

    db = sqlite_utils.Database(db_path)
    ensure_db_shape(db)
    now = datetime.now(timezone.utc)
    at = {hours: None if hours is None else (now - timedelta(hours=hours, minutes=1)).isoformat(timespec="seconds")
          for _, _, hours in rows}
    db["crawl_urls"].insert_all([{"url": f"https://{story.split()[-1].split('/')[-1]}.example/{n}", "story": story,
                                  "kind": kind, "state": "done", "found_at": now.isoformat(), "last_fetched_at": at[hours]}
                                 for n, (story, kind, hours) in enumerate(rows)])
    config = parse_crawl_config({"stories": [{"name": "millbrook", "quotes": ["q"]}]})
    crawl = Crawl(db, config)
    assert crawl.dropped_stories() == [(story, at[hours]) for story, hours in expected]
    with caplog.at_level("WARNING", logger="provenance.crawl"):
        crawl.warn_of_dropped_stories()
        crawl.command = "track"  # track follows one story of its own: the config's are no loss to it
        crawl.warn_of_dropped_stories()
    assert [record.getMessage().split(",")[0] for record in caplog.records] == [
        f"the config names no story {story!r}" for story, _ in expected]


def test_a_crawl_warns_of_a_story_its_config_no_longer_names(story_web, tmp_path: Path, db_path: Path, caplog) -> None:
    web, _ = story_web
    seed = web.site("pinepost.example").url("/news/millbrook-dam-closed.html")
    data = config_for(web, tmp_path, seeds=[seed], follow={"max_depth": 0})
    data["search"]["source"] = "none"
    data["stories"].append({"name": "harbour", "quotes": ["q"], "seeds": [web.site("quicktake.example").url("/news/dam-bags-packed.html")]})
    run_crawl(db_path, parse_crawl_config(data, base_dir=tmp_path))
    caplog.clear()
    data["stories"].pop()  # the file cut after the first story
    with caplog.at_level("WARNING", logger="provenance.crawl"):
        run_crawl(db_path, parse_crawl_config(data, base_dir=tmp_path))
    warnings = [record.getMessage() for record in caplog.records if "names no story" in record.getMessage()]
    assert len(warnings) == 1 and warnings[0].startswith(
        "the config names no story 'harbour', which the runs before followed (last fetched or searched ")
    assert warnings[0].endswith("): its pages are not fetched again; a config cut short loses the stories at its end")


def test_config_nan_from_yaml_is_refused(tmp_path: Path) -> None:
    (tmp_path / "c.yml").write_text("limits: {read_timeout: .nan}\nstories: [{name: s, quotes: [q]}]\n")
    with pytest.raises(ConfigError, match=r"^limits.read_timeout: expected a finite number, got nan$"):
        load_crawl_config(tmp_path / "c.yml")


def test_toml_config(tmp_path: Path) -> None:
    (tmp_path / "urls.txt").write_text("# list\nhttps://a.example/news/1.html\n\nnot a url\n")
    (tmp_path / "c.toml").write_text(
        'user_agent = "ua/1"\n[limits]\nmax_pages = 5\n[[stories]]\nname = "s"\nurl_files = ["urls.txt"]\n'
        '[stories.follow]\nmax_depth = 0\n')
    config = load_crawl_config(tmp_path / "c.toml")
    assert (config.fetch.user_agent, config.max_pages, config.stories[0].follow.max_depth) == ("ua/1", 5, 0)
    assert config.stories[0].url_files == [tmp_path / "urls.txt"]


def test_full_crawl_with_faults(story_web, tmp_path: Path, db_path: Path) -> None:
    web, articles = story_web
    outcomes = add_fault_outlet(web)
    faults = web.site("faults.example")
    data = config_for(web, tmp_path, **full_story(web))
    data["limits"]["analysis_workers"] = 2  # extraction and analysis on worker processes
    config = parse_crawl_config(data, base_dir=tmp_path)
    readers: list[int] = []

    def progress(report) -> None:  # Datasette-style reader during the run: never blocked
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1) as conn:
            readers.append(conn.execute("select count(*) from articles").fetchone()[0])

    report = run_crawl(db_path, config, progress=progress)
    db = sqlite_utils.Database(db_path)
    good_faults = {faults.url(p) for p, outcome in outcomes.items() if outcome == "article"}
    expected = story_urls(web, articles) | good_faults
    urls = [row["url"] for row in db.query("select url from articles")]
    assert sorted(urls) == sorted(expected)  # every reachable article exactly once
    assert report.new == len(expected) and report.status == "ok"
    hits = web.article_hits()
    assert {url: hits[url] for url in story_urls(web, articles)} == {url: 1 for url in story_urls(web, articles)}
    # robots.txt honoured: the disallowed page was never requested.
    assert faults.hits["/private/secret.html"] == 0
    assert all(site.hits["/private/drafts.html"] == 0 for site in web.sites.values())
    # Every fault is recorded in fetches and errors with what went wrong.
    for path, outcome in outcomes.items():
        if outcome in ("article", "redirect"):
            continue
        url = faults.url(path)
        rows = list(db.query("select stage, message from errors where source = ?", [url]))
        assert rows and outcome.split()[0] in rows[-1]["message"] or outcome == rows[-1]["stage"], (path, rows)
        assert db.execute("select count(*) from fetches where url = ?", [url]).fetchone()[0] == 1
    states = dict(db.execute("select url, state from crawl_urls where url like ?", [faults.base + "%"]).fetchall())
    assert states[faults.url("/private/secret.html")] == "refused"
    assert states[faults.url("/news/moved.html")] == "done"
    # moved.html redirects to slow.html, listed in the same feed: that page is requested once, for both rows
    assert (faults.hits["/news/moved.html"], faults.hits["/news/slow.html"]) == (1, 1)
    pages = db.execute("select url, article_id from crawl_urls where url in (?, ?)",
                       [faults.url("/news/moved.html"), faults.url("/news/slow.html")]).fetchall()
    assert len(pages) == 2 and pages[0][1] == pages[1][1] is not None
    assert states[faults.url("/news/e500.html")] == "failed"
    # a page that is no article says why in its frontier row too, not only in `errors`
    empty = db["crawl_urls"].get(faults.url("/news/empty.html"))
    assert (empty["state"], empty["last_error"]) == (
        "failed", f"ExtractionError: no article text found in {faults.url('/news/empty.html')}")
    assert db.execute("select count(*) from fetches where run_id = ? and url not like '%/robots.txt'",
                      [report.run_id]).fetchone()[0] == report.fetched
    # robots.txt fetches are logged too: once per host.
    robots = db.execute("select url from fetches where url like '%/robots.txt'").fetchall()
    assert sorted(r[0] for r in robots) == sorted(site.url("/robots.txt") for host, site in web.sites.items()
                                                  if host != "api.gdelt.example")
    run = db["runs"].get(report.run_id)
    assert (run["status"], run["articles_new"], run["errors"]) == ("ok", len(expected), report.errors)
    assert report.errors == len([o for o in outcomes.values() if o not in ("article", "redirect")])
    # Analysed and traced: the spillway quote goes back to the Observer.
    origin = db.execute(
        "select a.url, q.origin_kind from quotes q join articles a on a.id = q.origin_article_id where q.text like ?",
        ["We will not open the spillway%"]).fetchone()
    assert origin == (web.site("observer.example").url("/news/2026/05/millbrook-dam-spillway.html"), "exclusive")
    assert db.execute("select count(*) from articles where traced = 0").fetchone()[0] == 0
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert readers and readers[-1] >= 1
    # Every page fetched with a body is kept in the WARC.
    warcs = list((tmp_path / "warc").glob("*.warc.gz"))
    with warcs[0].open("rb") as stream:
        archived = {r.rec_headers.get_header("WARC-Target-URI") for r in ArchiveIterator(stream) if r.rec_type == "response"}
    assert expected <= archived


def test_importing_the_crawls_own_warc_skips_what_is_no_article(story_web, tmp_path: Path, db_path: Path) -> None:
    # home pages, feeds, sitemaps, robots.txt, a 404 or 500 page: kept as evidence, but no article
    web, _ = story_web
    add_fault_outlet(web)
    data = config_for(web, tmp_path, **full_story(web))
    data["search"]["source"] = "none"
    crawled = run_crawl(db_path, parse_crawl_config(data, base_dir=tmp_path))
    (warc,) = (tmp_path / "warc").glob("*.warc.gz")
    with warc.open("rb") as stream:
        kinds = Counter(
            (record.rec_headers.get_header("Provenance-Fetched-As"), record.http_headers.get_statuscode() == "200")
            for record in ArchiveIterator(stream) if record.rec_type == "response"
        )
    assert {kind for kind, _ in kinds} == {"article", "site", "feed", "sitemap", "robots"}
    copy = sqlite_utils.Database(tmp_path / "copy.db")
    from provenance.pipeline import import_paths

    imported = import_paths(copy, [warc])
    db = sqlite_utils.Database(db_path)
    # failed as the crawl's own analysis failed them: pages fetched as articles that hold none
    faults = web.site("faults.example")
    assert sorted(failure.item for failure in imported.failures) == [faults.url("/news/binary.html"),
                                                                      faults.url("/news/empty.html")]
    crawl_errors = {row["source"] for row in db.query("select source from errors")}
    assert all(failure.item in crawl_errors for failure in imported.failures)
    assert imported.new == crawled.new
    assert imported.skipped == sum(count for (kind, _), count in kinds.items() if kind != "article") > 0
    assert "; 12 records skipped, not articles;" in imported.summary()
    urls = "select url from articles order by url"
    assert [row["url"] for row in copy.query(urls)] == [row["url"] for row in db.query(urls)]


def test_rerun_fetches_only_what_changed(story_web, tmp_path: Path, db_path: Path) -> None:
    web, articles = story_web
    data = config_for(web, tmp_path, **full_story(web))
    data["search"]["source"] = "none"
    first = run_crawl(db_path, parse_crawl_config(data, base_dir=tmp_path))
    before = web.article_hits()

    second = run_crawl(db_path, parse_crawl_config(data, base_dir=tmp_path))
    assert (second.new, second.changed, second.errors) == (0, 0, 0)
    assert web.article_hits() == before  # nothing due: no article requested at all
    assert second.not_modified >= 2  # feeds asked conditionally, answered 304

    # The Observer edits its scoop and publishes a new article; recent articles are due again.
    observer = web.site("observer.example")
    scoop_path = "/news/2026/05/millbrook-dam-spillway.html"
    scoop = next(a for a in articles if a.path == scoop_path)
    scoop.paragraphs.append("Correction: an earlier version of this article misstated the day of the inspection.")

    observer.add(scoop_path, render_article(scoop, web))
    extra = StoryArticle("observer.example", "/news/2026/05/dam-inspection.html", "Dam passes inspection",
                         "2026-05-05T07:00:00+00:00",
                         ["Engineers said the Millbrook dam passed its third inspection on Monday.",
                          "\u201cThe structure is sound and the spillway can stay closed,\u201d said Helen Marsh."])
    observer.add(extra.path, render_article(extra, web))
    mine = [a for a in articles if a.host == "observer.example"] + [extra]
    observer.add("/feed.xml", render_rss(observer, mine), "application/rss+xml")
    db = sqlite_utils.Database(db_path)
    db.execute("update crawl_urls set next_fetch_at = '2000-01-01T00:00:00+00:00' where article_id is not null")
    db.conn.commit()
    third = run_crawl(db_path, parse_crawl_config(data, base_dir=tmp_path))
    assert (third.new, third.changed) == (1, 1)
    assert third.unchanged == first.new - 1  # every other article answered 304
    after = web.article_hits()
    assert after[observer.url(extra.path)] == 1
    assert {u: after[u] - before[u] for u in before} == {u: 1 for u in before}
    version = db.execute(
        "select v.version, v.diff, a.version from article_versions v join articles a on a.id = v.article_id "
        "where a.url = ?", [observer.url(scoop_path)]).fetchone()
    assert version[0] == 1 and version[2] == 2
    assert "+Correction: an earlier version" in version[1]
    assert db.execute("select count(*) from articles").fetchone()[0] == first.new + 1


def test_a_304_keeps_the_validators_it_does_not_repeat(story_web, tmp_path: Path, db_path: Path) -> None:
    # the feed's 200 gave an ETag and a Last-Modified; its 304 repeats only the ETag
    web, _ = story_web
    feed = web.site("observer.example").url("/feed.xml")
    data = config_for(web, tmp_path, feeds=[feed])
    data["search"]["source"] = "none"
    query = "select last_status, etag, last_modified from crawl_urls where url = ?"
    run_crawl(db_path, parse_crawl_config(data, base_dir=tmp_path))
    with sqlite3.connect(db_path) as conn:
        status, etag, modified = conn.execute(query, [feed]).fetchone()
    assert (status, modified) == (200, "Mon, 04 May 2026 06:00:00 GMT") and etag
    second = run_crawl(db_path, parse_crawl_config(data, base_dir=tmp_path))
    assert second.not_modified == 1
    with sqlite3.connect(db_path) as conn:
        assert conn.execute(query, [feed]).fetchone() == (304, etag, modified)


def test_due_rows_come_from_the_partial_index_of_rows_that_can_be_due(db_path: Path) -> None:
    from db import open_db

    db = open_db(db_path)
    rows = [{"url": f"https://a.example/{i}", "story": "s", "kind": "article", "depth": 1, "found_at": "2026-05-01",
             "state": "done"} for i in range(50)]
    rows[7].update(state="pending")
    rows[8].update(next_fetch_at="2026-05-02T00:00:00+00:00")  # due again
    rows[9].update(next_fetch_at="2026-06-01T05:00:00+00:00")  # not yet
    rows[10].update(next_fetch_at="2099-01-01T00:00:00+00:00")  # past the horizon: set by a clock that was ahead
    db["crawl_urls"].insert_all(rows)
    values = ["article", "home", "s", "2026-06-01T00:00:00+00:00", "2026-06-02T01:00:00+00:00", -1]
    plan = " ".join(row[-1] for row in db.execute("explain query plan " + due_rows_sql(2, 1), values))
    assert "idx_crawl_urls_due" in plan
    due = [row[0] for row in db.execute(due_rows_sql(2, 1), values)]
    assert due == ["https://a.example/10", "https://a.example/7", "https://a.example/8"]


def test_a_second_run_is_refused_while_one_holds_the_lock(story_web, tmp_path: Path, db_path: Path) -> None:
    web, _ = story_web
    config = parse_crawl_config(config_for(web, tmp_path, seeds=[web.site("observer.example").url("/")]), base_dir=tmp_path)
    with crawl_lock(db_path):
        with pytest.raises(CrawlLocked, match=f"another crawl is running on {db_path} \\(pid {os.getpid()}"):
            run_crawl(db_path, config)
        (tmp_path / "c.yml").write_text(yaml.safe_dump(config_for(web, tmp_path, seeds=[web.site("observer.example").url("/")])))
        result = CliRunner().invoke(crawl_command, ["--config", str(tmp_path / "c.yml"), "--db", str(db_path)])
        assert result.exit_code == 1
        assert unstamped(result.output).startswith("Error: another crawl is running on")
    assert run_crawl(db_path, config).status == "ok"  # released


def test_cli_crawl_summary_and_exit_codes(story_web, tmp_path: Path, db_path: Path) -> None:
    web, _ = story_web
    add_fault_outlet(web)
    data = config_for(web, tmp_path, feeds=[web.site("faults.example").url("/feed.xml")])
    data["search"]["source"] = "none"
    (tmp_path / "c.yml").write_text(yaml.safe_dump(data))
    runner = CliRunner()
    handler = signal.getsignal(signal.SIGTERM)
    result = runner.invoke(crawl_command, ["--config", str(tmp_path / "c.yml"), "--db", str(db_path)])
    assert result.exit_code == 0, result.output  # bad pages are recorded errors, not a failed run
    assert signal.getsignal(signal.SIGTERM) is handler  # the run's own SIGTERM handler is gone with it
    # /news/moved.html redirects to /news/slow.html: the same article, counted unchanged the second time.
    assert unstamped(result.output).startswith("crawl run 1: 5 new, 0 changed, 1 unchanged articles; 16 fetches")
    assert " 9 errors" in result.output
    (tmp_path / "bad.yml").write_text("stories:\n  - name: x\n    seeds: [notaurl]\n")
    result = runner.invoke(crawl_command, ["--config", str(tmp_path / "bad.yml"), "--db", str(db_path)])
    assert (result.exit_code, unstamped(result.output)) == (1, "Error: story 'x'.seeds: not an http(s) URL: 'notaurl'\n")
    result = runner.invoke(crawl_command, ["--config", str(tmp_path / "c.yml"), "--db", str(tmp_path)])
    assert (result.exit_code, unstamped(result.output)) == (1, f"Error: {tmp_path} is a folder, not a database file\n")
    (tmp_path / "junk.db").write_bytes(b"not a database at all" * 100)
    result = runner.invoke(crawl_command, ["--config", str(tmp_path / "c.yml"), "--db", str(tmp_path / "junk.db")])
    assert result.exit_code == 1 and unstamped(result.output).startswith("Error: ")
    assert "not a usable SQLite database" in result.output


def start_slow_crawl(
    web, tmp_path: Path, db_path: Path, *, seconds: float, stdout: int, kind: str = "slow", **limits
) -> tuple[dict, subprocess.Popen]:
    """Slow every /news/ page by `seconds` (or another fault `kind`), then start `crawl` with one worker
    in a subprocess: (config data, process)."""
    for site in web.sites.values():
        for path in site.pages:
            if path.startswith("/news/"):
                site.fault(path, kind, seconds=seconds)
    data = config_for(web, tmp_path, **full_story(web))
    data["limits"].update(workers=1, **limits)
    (tmp_path / "c.yml").write_text(yaml.safe_dump(data))
    code = "import sys; from provenance.cli_crawl import crawl_command; crawl_command(sys.argv[1:])"
    process = subprocess.Popen(
        [sys.executable, "-c", code, "--config", str(tmp_path / "c.yml"), "--db", str(db_path), "--no-progress"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=stdout, stderr=subprocess.PIPE,
        preexec_fn=_default_sigint,
    )
    return data, process


def wait_for_article_hits(web, count: int, seconds: float = 30) -> None:
    """Wait until the site has served `count` article pages (or `seconds` pass): a crawl is then mid-run."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and sum(web.article_hits().values()) < count:
        time.sleep(0.05)


def _default_sigint() -> None:
    """Let the crawl see Ctrl-C even when the tests run with SIGINT ignored (a job started with `&` inherits that,
    and Python then installs no KeyboardInterrupt handler)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_killed_run_resumes_with_nothing_lost(story_web, tmp_path: Path, db_path: Path) -> None:
    web, articles = story_web
    # slow every article so the kill lands mid-run
    data, process = start_slow_crawl(web, tmp_path, db_path, seconds=0.25, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    saved = 0
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
        try:
            with sqlite3.connect(db_path, timeout=1) as conn:
                saved = conn.execute("select count(*) from articles").fetchone()[0]
        except sqlite3.OperationalError:
            continue
        if saved >= 2:
            break
    assert process.poll() is None, process.stderr.read().decode()
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    db = sqlite_utils.Database(db_path)
    killed = db.execute("select id, status from runs").fetchall()
    assert killed == [(1, "running")]
    saved_urls = {row["url"] for row in db.query("select url from articles")}
    assert 2 <= len(saved_urls) < len(articles)
    # Nothing half saved: every article has its frontier row and fetch row, every done row its article.
    assert db.execute("select count(*) from crawl_urls where state = 'done' and kind in ('seed', 'article', 'search', "
                      "'cited') and article_id not in (select id from articles)").fetchone()[0] == 0
    for url in saved_urls:
        assert db.execute("select count(*) from fetches where final_url = ? and status = 200", [url]).fetchone()[0] == 1
    hits_at_kill = web.article_hits()

    config = parse_crawl_config(data, base_dir=tmp_path)
    report = run_crawl(db_path, config)
    assert report.status == "ok"
    assert db.execute("select id, status from runs order by id").fetchall() == [(1, "interrupted"), (2, "ok")]
    assert sorted(row["url"] for row in db.query("select url from articles")) == sorted(story_urls(web, articles))
    assert report.new == len(articles) - len(saved_urls)
    hits = web.article_hits()
    assert all(hits[url] == hits_at_kill[url] for url in saved_urls)  # saved pages were not fetched again
    assert db.execute("select count(*) from articles where traced = 0").fetchone()[0] == 0
    assert db.execute("select count(*) from quotes").fetchone()[0] > 0


@pytest.mark.parametrize("canonical", [True, False])
def test_a_page_listed_at_several_addresses_is_one_article(story_web, tmp_path: Path, db_path: Path,
                                                           canonical: bool) -> None:
    # a feed adding parameters the site ignores; the page names one canonical URL on its own host, or none
    # (then the same path and text make it one page: without a canonical, each address was an article of its own)
    web, articles = story_web

    observer = web.site("observer.example")
    scoop = next(a for a in articles if a.host == "observer.example")
    url = observer.url(scoop.path)
    if not canonical:
        observer.add(scoop.path, re.sub(r'<link rel="canonical"[^>]*>', "", render_article(scoop, web)))
    # a copy of the very page on another outlet's host, naming the Observer's canonical: its own article
    voice = web.site("valleyvoice.example")
    voice.add("/news/copy.html", render_article(scoop, web))
    listed = [url, url + "?feed=rss", url + "?from=home", voice.url("/news/copy.html")]
    items = "".join(f"<item><title>Dam</title><link>{u}</link></item>" for u in listed)
    observer.add("/two.xml", f'<?xml version="1.0"?><rss version="2.0"><channel><title>O</title>{items}</channel></rss>',
                 "application/rss+xml")
    data = config_for(web, tmp_path, feeds=[observer.url("/two.xml")], follow={"max_depth": 0})
    data["search"]["source"] = "none"
    report = run_crawl(db_path, parse_crawl_config(data, base_dir=tmp_path))
    db = sqlite_utils.Database(db_path)
    rows = db.execute("select id, url from articles order by url").fetchall()
    assert len(rows) == 2 and rows[1][1] == voice.url("/news/copy.html") and rows[0][1] in listed[:3]
    assert (report.new, report.unchanged, report.errors) == (2, 2, 0)
    frontier = dict(db.execute("select url, article_id from crawl_urls where kind = 'article'").fetchall())
    assert frontier == {u: rows[0][0] for u in listed[:3]} | {listed[3]: rows[1][0]}


def test_a_redirect_target_is_requested_once_a_run(story_web, tmp_path: Path, db_path: Path) -> None:
    # the seed's old address redirects to the scoop, which the Northwind article then cites at its own address
    web, _ = story_web
    observer = web.site("observer.example")
    scoop = observer.url("/news/2026/05/millbrook-dam-spillway.html")
    observer.fault("/old/spillway", "redirect", target="/news/2026/05/millbrook-dam-spillway.html")
    wire = web.site("northwind.example").url("/news/2026/05/04/millbrook-dam.html")
    data = config_for(web, tmp_path, seeds=[observer.url("/old/spillway"), wire])
    data["search"]["source"] = "none"
    config = parse_crawl_config(data, base_dir=tmp_path)
    report = run_crawl(db_path, config)
    assert (report.new, report.errors, observer.hits["/news/2026/05/millbrook-dam-spillway.html"]) == (2, 0, 1)
    db = sqlite_utils.Database(db_path)
    rows = db.execute("select url, kind, state, final_url, article_id from crawl_urls order by kind, url").fetchall()
    scoop_id = db.execute("select id from articles where url = ?", [scoop]).fetchone()[0]
    wire_id = db.execute("select id from articles where url = ?", [wire]).fetchone()[0]
    assert rows == [(scoop, "cited", "done", scoop, scoop_id), (wire, "seed", "done", wire, wire_id),
                    (observer.url("/old/spillway"), "seed", "done", scoop, scoop_id)]
    # due again together: the scoop is still requested once (the redirect stops at it, or it is not asked for)
    db.execute("update crawl_urls set next_fetch_at = '2000-01-01T00:00:00+00:00'")
    db.conn.commit()
    again = run_crawl(db_path, config)
    assert (again.new, again.changed, again.errors) == (0, 0, 0)
    assert (observer.hits["/old/spillway"], observer.hits["/news/2026/05/millbrook-dam-spillway.html"]) == (2, 2)
    assert db.execute("select url, kind, state, final_url, article_id from crawl_urls order by kind, url").fetchall() == rows


@pytest.mark.parametrize("workers", [1, 2, 8])
def test_every_request_has_its_row_in_fetches_whatever_the_batches(story_web, tmp_path: Path, db_path: Path,
                                                                    workers: int) -> None:
    # An old address redirecting to a page listed on its own, fetched in an earlier batch than that page (one
    # worker: two rows a batch, the wire's and the old address): its fetch followed the redirect, so the page's
    # request had no row of its own and the 301 none at all; with the page in the same batch (8 workers) it did.
    # The Harbour Ledger's old ferry slug did either, as the second of the discovery's clock fell.
    web, _ = story_web
    observer = web.site("observer.example")
    scoop = observer.url("/news/2026/05/millbrook-dam-spillway.html")
    observer.fault("/archive/spillway", "redirect", target="/news/2026/05/millbrook-dam-spillway.html")
    old = observer.url("/archive/spillway")
    wire = web.site("northwind.example").url("/news/2026/05/04/millbrook-dam.html")
    data = config_for(web, tmp_path, seeds=[wire, old, scoop], follow={"max_depth": 0})
    data["search"]["source"] = "none"
    data["limits"]["workers"] = workers
    report = run_crawl(db_path, parse_crawl_config(data, base_dir=tmp_path))
    db = sqlite_utils.Database(db_path)
    rows = db.execute("select url, final_url, status from fetches where url not like '%/robots.txt' order by url").fetchall()
    assert rows == [(wire, wire, 200), (old, scoop, 301), (scoop, scoop, 200)]
    assert (observer.hits["/archive/spillway"], observer.hits["/news/2026/05/millbrook-dam-spillway.html"]) == (1, 1)
    assert (report.fetched, report.new, report.unchanged, report.errors) == (3, 2, 1, 0)
    scoop_id = db.execute("select id from articles where url = ?", [scoop]).fetchone()[0]
    assert db.execute("select url, state, final_url, article_id from crawl_urls where url in (?, ?) order by url",
                      [old, scoop]).fetchall() == [(old, "done", scoop, scoop_id), (scoop, "done", scoop, scoop_id)]


@pytest.mark.parametrize("fault, politeness, status", [
    # the redirect answered, its target's turn on the host after the run's end
    ({"kind": "redirect", "target": "/news/2026/05/millbrook-dam-spillway.html"}, {"min_delay": 4}, 301),
    # (a 429 whose Retry-After is past the run's end already had its row: a failure, not deferred)
])
def test_a_page_deferred_after_an_answered_request_has_its_row(story_web, tmp_path: Path, db_path: Path, fault: dict,
                                                               politeness: dict, status: int) -> None:
    # the request was made and answered, but the page waits for the next run: it had no row in `fetches`
    web, _ = story_web
    observer = web.site("observer.example")
    observer.fault("/archive/spillway", **fault)
    old = observer.url("/archive/spillway")
    data = config_for(web, tmp_path, seeds=[old], follow={"max_depth": 0})
    data["search"]["source"] = "none"
    data["politeness"] = {**politeness, "respect_robots": False}
    data["limits"]["max_minutes"] = 0.05  # 3 s
    report = run_crawl(db_path, parse_crawl_config(data, base_dir=tmp_path))
    db = sqlite_utils.Database(db_path)
    rows = db.execute("select url, final_url, status, error like 'deferred: %' from fetches").fetchall()
    assert (observer.hits["/archive/spillway"], rows) == (1, [(old, old, status, 1)])
    assert (report.fetched, report.errors, report.pending) == (1, 0, 1)
    assert db.execute("select url, state from crawl_urls").fetchall() == [(old, "pending")]


def test_config_claims_urls_an_earlier_track_found(story_web, tmp_path: Path, db_path: Path) -> None:
    web, _ = story_web
    from provenance.track import TrackLimits, track

    seed = web.site("pinepost.example").url("/news/millbrook-dam-closed.html")
    config = parse_crawl_config(config_for(web, tmp_path, seeds=[seed]), base_dir=tmp_path)
    track(db_path, seed, limits=TrackLimits(max_depth=0), fetch=config.fetch, search_config=config.search)
    db = sqlite_utils.Database(db_path)
    assert db["crawl_urls"].get(seed)["story"] == f"track: {seed}"
    report = run_crawl(db_path, config)
    assert db["crawl_urls"].get(seed)["story"] == "millbrook"
    assert (report.new, report.unchanged) == (2, 1)  # the seed again (unchanged) and the sources it cites


def test_private_addresses_are_refused_by_default(story_web, tmp_path: Path, db_path: Path) -> None:
    web, _ = story_web
    data = config_for(web, tmp_path, **full_story(web))
    del data["allow_private"]  # the outlets resolve to 127.0.0.1
    report = run_crawl(db_path, parse_crawl_config(data, base_dir=tmp_path))
    assert sum(sum(site.hits.values()) for site in web.sites.values()) == 0  # not one connection
    db = sqlite_utils.Database(db_path)
    messages = {row["message"] for row in db.query("select message from errors where run_id = ?", [report.run_id])}
    assert messages and all("resolves to a non-public address (127.0.0.1 is a loopback address)" in m for m in messages)
    assert report.errors == len(messages) == db.execute("select count(*) from fetches").fetchone()[0]
    assert (report.status, report.new) == ("ok", 0)


def test_sigterm_ends_a_run_as_interrupted(story_web, tmp_path: Path, db_path: Path) -> None:
    web, _ = story_web
    _, process = start_slow_crawl(web, tmp_path, db_path, seconds=0.3, stdout=subprocess.PIPE)
    wait_for_article_hits(web, 1)
    process.send_signal(signal.SIGTERM)
    stdout, stderr = process.communicate(timeout=20)
    assert process.returncode == 130
    assert unstamped(stderr.decode()).strip().endswith("interrupted: the next run continues where this one stopped")
    db = sqlite_utils.Database(db_path)
    assert db.execute("select status from runs").fetchall() == [("interrupted",)]
    # it says plainly what stopped it and what it saved, on stdout and in the run record, as a run that ended does
    summary = db.execute("select summary from runs").fetchone()[0]
    assert unstamped(stdout.decode()) == f"crawl run 1: {summary}\n"
    assert re.fullmatch(
        r"interrupted by SIGTERM after [\d.]+ s; saved \d+ new, 0 changed, 0 unchanged articles?; \d+ fetch(?:es)? "
        r"\(0 not modified\), \d+ search(?:es)?, \d+ errors?; quotes not traced yet: the next run traces them"
        r"( and fetches the \d+ pages? left)?", summary), summary
    assert "KeyboardInterrupt" not in summary


def test_ctrl_c_ends_a_run_as_interrupted_and_the_next_run_carries_on(story_web, tmp_path: Path, db_path: Path) -> None:
    web, articles = story_web
    data, process = start_slow_crawl(web, tmp_path, db_path, seconds=0.3, stdout=subprocess.PIPE)
    wait_for_article_hits(web, 2)
    process.send_signal(signal.SIGINT)
    stdout, _ = process.communicate(timeout=20)
    assert process.returncode == 130
    assert "interrupted by Ctrl-C (SIGINT) after " in unstamped(stdout.decode())
    db = sqlite_utils.Database(db_path)
    saved = db["articles"].count
    assert db.execute("select status from runs").fetchall() == [("interrupted",)]
    # every page not saved is left for the next run, the one whose fetch the interruption ended too (it was
    # tried this run, and was not counted)
    left = re.search(r"and fetches the (\d+) pages? left", stdout.decode())
    assert saved < len(articles) and left and int(left[1]) >= len(articles) - saved, stdout.decode()
    report = run_crawl(db_path, parse_crawl_config(data, base_dir=tmp_path))
    assert db.execute("select status from runs order by id").fetchall() == [("interrupted",), ("ok",)]
    assert sorted(row["url"] for row in db.query("select url from articles")) == sorted(story_urls(web, articles))
    assert report.new == len(articles) - saved
    assert db.execute("select count(*) from articles where traced = 0").fetchone()[0] == 0


@pytest.mark.parametrize("kind", ["hang", "trickle_headers"])
def test_sigterm_ends_a_run_whose_fetch_is_stuck(story_web, tmp_path: Path, db_path: Path, kind: str) -> None:
    # a page that never answers, or sends its headers a line at a time, within generous limits
    web, _ = story_web
    _, process = start_slow_crawl(web, tmp_path, db_path, seconds=0.5 if kind == "trickle_headers" else 120,
                                  stdout=subprocess.PIPE, kind=kind, read_timeout=60, max_time=120)
    wait_for_article_hits(web, 1)
    time.sleep(0.5)
    process.send_signal(signal.SIGTERM)
    started = time.monotonic()
    process.communicate(timeout=30)
    assert process.returncode == 130
    assert time.monotonic() - started < 5
    db = sqlite_utils.Database(db_path)
    assert db.execute("select status from runs").fetchall() == [("interrupted",)]


def test_a_crawl_delay_past_the_runs_end_leaves_the_pages_for_the_next_run(
    story_web, tmp_path: Path, db_path: Path
) -> None:
    web, _ = story_web
    quick = web.site("quicktake.example")
    quick.add("/robots.txt", "User-agent: *\nCrawl-delay: 3600\n", "text/plain")
    data = config_for(web, tmp_path, seeds=[quick.url("/news/dam-bags-packed.html")])
    data["search"]["source"] = "none"
    data["limits"]["max_minutes"] = 0.05
    started = time.monotonic()
    report = run_crawl(db_path, parse_crawl_config(data, base_dir=tmp_path))
    assert time.monotonic() - started < 10
    assert (report.status, report.fetched, report.errors, report.pending) == ("ok", 0, 0, 1)
    db = sqlite_utils.Database(db_path)
    seed = db["crawl_urls"].get(quick.url("/news/dam-bags-packed.html"))
    assert (seed["state"], seed["fetch_count"] or 0, seed["last_error"]) == ("pending", 0, None)


def test_a_failing_feed_is_retried_in_later_runs(story_web, tmp_path: Path, db_path: Path) -> None:
    web, _ = story_web
    observer = web.site("observer.example")
    observer.fault("/feed.xml", "status", status=500, times=6)  # three runs, two attempts each
    data = config_for(web, tmp_path, feeds=[observer.url("/feed.xml")])
    data["schedule"]["retry_failed_hours"] = 0
    data["search"]["source"] = "none"
    config = parse_crawl_config(data, base_dir=tmp_path)
    for _ in range(3):
        assert (run_crawl(db_path, config).errors, observer.hits["/feed.xml"] % 2) == (1, 0)
    report = run_crawl(db_path, config)  # the feed is back
    assert (report.errors, report.new) == (0, 2)
    row = sqlite_utils.Database(db_path)["crawl_urls"].get(observer.url("/feed.xml"))
    assert (row["state"], row["error_count"], row["fetch_count"]) == ("done", 3, 4)


def test_a_schedule_a_clock_ahead_set_is_due_when_the_clock_is_right_again(story_web, tmp_path: Path,
                                                                           db_path: Path) -> None:
    # a run on a machine whose clock was a year ahead scheduled its feed (and robots.txt) for a year on: the
    # crawl then read no feed for a year, with nothing said
    web, _ = story_web
    observer = web.site("observer.example")
    data = config_for(web, tmp_path, feeds=[observer.url("/feed.xml")])
    data["search"]["source"] = "none"
    config = parse_crawl_config(data, base_dir=tmp_path)
    run_crawl(db_path, config)
    db = sqlite_utils.Database(db_path)
    within = utc_time(time.time() + 3600)  # an hour on: as feed_interval_hours sets it
    db.execute("update crawl_urls set next_fetch_at = ? where kind = 'feed'", [within])
    db.conn.commit()
    run_crawl(db_path, config)
    assert (observer.hits["/feed.xml"], observer.hits["/robots.txt"]) == (1, 1)  # not due, robots.txt kept
    ahead = utc_time(time.time() + 365 * 86400)
    db.execute("update crawl_urls set next_fetch_at = ? where kind = 'feed'", [ahead])
    db.execute("update crawl_robots set fetched_at = ?", [ahead])
    db.conn.commit()
    run_crawl(db_path, config)
    assert (observer.hits["/feed.xml"], observer.hits["/robots.txt"]) == (2, 2)
    assert db["crawl_urls"].get(observer.url("/feed.xml"))["next_fetch_at"] < utc_time(time.time() + 2 * 3600)


def test_a_sitemap_past_max_bytes_is_read_to_the_standards_limits(story_web, tmp_path: Path, db_path: Path) -> None:
    # 2.9 MB, past the pages' max_bytes (500 KB here), and 50,001 URLs, one more than sitemaps.org allows
    web, _ = story_web
    post = web.site("pinepost.example")
    article = post.url("/news/millbrook-dam-closed.html")
    items = [article] + [post.url(f"/news/filler-{i}.html") for i in range(50_000)]
    body = "".join(f"<url><loc>{url}</loc></url>" for url in items)
    post.add("/sitemap-all.xml", f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</urlset>',
             "application/xml")
    data = config_for(web, tmp_path, sitemaps=[post.url("/sitemap-all.xml")], keywords=["dam"], follow={"max_depth": 0})
    data["search"]["source"] = "none"
    report = run_crawl(db_path, parse_crawl_config(data, base_dir=tmp_path))
    db = sqlite_utils.Database(db_path)
    fetched = db.execute("select status, bytes > 500000, error from fetches where url = ?", [post.url("/sitemap-all.xml")])
    assert fetched.fetchall() == [(200, 1, None)]
    assert (report.new, report.errors) == (1, 1)
    assert db.execute("select source, stage, message from errors").fetchall() == [(
        post.url("/sitemap-all.xml"), "discover",
        "the sitemap lists more than 50000 entries (the sitemaps.org limit); the first 50000 were read")]


def test_robots_unavailable_is_retried_and_disallow_is_kept(story_web, tmp_path: Path, db_path: Path) -> None:
    web, _ = story_web
    observer, wire = web.site("observer.example"), web.site("northwind.example")
    observer.fault("/robots.txt", "status", status=500, times=2)  # the first run's two attempts
    wire.fault("/news/old-draft.html", "redirect", target="/private/drafts.html")  # disallowed there
    seed = observer.url("/news/2026/05/harvest-fair.html")
    data = config_for(web, tmp_path, seeds=[seed, wire.url("/news/old-draft.html")])
    data["schedule"]["retry_failed_hours"] = 0
    data["search"]["source"] = "none"
    config = parse_crawl_config(data, base_dir=tmp_path)
    first = run_crawl(db_path, config)
    db = sqlite_utils.Database(db_path)
    rows = {row["url"]: row for row in db.query("select * from crawl_urls")}
    assert (first.new, rows[seed]["state"], rows[seed]["next_fetch_at"] is not None) == (0, "failed", True)
    assert rows[seed]["last_error"] == f"robots.txt unavailable (HTTP 500), not fetched for now: {seed}"
    moved = rows[wire.url("/news/old-draft.html")]
    assert (moved["state"], moved["last_status"], moved["next_fetch_at"]) == ("refused", 301, None)
    second = run_crawl(db_path, config)  # robots.txt is back
    assert (second.new, second.errors) == (1, 0)
    assert db["crawl_urls"].get(seed)["state"] == "done"
    assert web.hits(seed) == 1 and wire.hits["/news/old-draft.html"] == 1
    assert wire.hits["/private/drafts.html"] == 0


def test_a_run_no_server_answered_exits_non_zero_and_one_answered_with_an_error_does_not(
    story_web, tmp_path: Path, db_path: Path
) -> None:
    # cron mails a non-zero exit: a network down (or every address refused) must not look like a quiet run
    web, _ = story_web
    missing = web.site("observer.example").url("/news/no-such-page.html")  # answered: HTTP 404
    for seeds, private, code in (([missing], True, 0), (["http://127.0.0.1:9/news/x.html"], False, 1)):
        data = config_for(web, tmp_path, seeds=seeds)
        data["allow_private"] = private
        data["search"]["source"] = "none"
        (tmp_path / "c.yml").write_text(yaml.safe_dump(data))
        result = CliRunner().invoke(crawl_command, ["--config", str(tmp_path / "c.yml"), "--db", str(db_path), "--no-progress"])
        lines = unstamped(result.output).splitlines()
        assert result.exit_code == code, result.output
        assert lines[0].startswith("crawl run ") and "; 1 fetch (0 not modified), 0 searches, 1 error;" in lines[0]
        assert lines[1:] == ([] if code == 0 else [
            "Error: no server answered any of the run's 1 request (the first: http://127.0.0.1:9/news/x.html: refused: "
            "127.0.0.1 resolves to a non-public address (127.0.0.1 is a loopback address)); see the errors table"
        ])


def test_a_failed_run_exits_non_zero_with_one_line(story_web, tmp_path: Path, db_path: Path, monkeypatch) -> None:
    web, _ = story_web
    data = config_for(web, tmp_path, seeds=[web.site("observer.example").url("/news/2026/05/harvest-fair.html")])
    (tmp_path / "c.yml").write_text(yaml.safe_dump(data))

    def broken(db, **options):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr("provenance.crawl.update_after_import", broken)
    result = CliRunner().invoke(crawl_command, ["--config", str(tmp_path / "c.yml"), "--db", str(db_path)])
    assert (result.exit_code, unstamped(result.output)) == (1, (  # it read "run failed: OperationalError: ..."
        f"Error: cannot write {db_path}: it is read-only here (attempt to write a readonly database: a read-only disk, "
        "or a file or folder this user may not write); what was saved before stays\n"))
    db = sqlite_utils.Database(db_path)
    run = db["runs"].get(1)
    assert (run["status"], run["articles_new"]) == ("failed", 1)
    assert run["summary"].endswith("OperationalError: attempt to write a readonly database")
    assert db["articles"].count == 1  # what was saved stays saved; the next run traces it


def test_politeness_spaces_requests_to_each_host(story_web, tmp_path: Path, db_path: Path, monkeypatch) -> None:
    web, _ = story_web
    observer, wire = web.site("observer.example"), web.site("northwind.example")
    observer.add("/robots.txt", "User-agent: *\nCrawl-delay: 0.4\n", "text/plain")
    data = config_for(web, tmp_path, feeds=[observer.url("/feed.xml")], sites=[wire.url("/")])
    data["politeness"]["min_delay"] = 0.2
    data["search"]["source"] = "none"
    # The gate spaces the starts of requests; the times the server sees them arrive also hold the
    # test server's own scheduling, which a loaded machine stretches or squeezes by tens of ms.
    starts: dict[str, list[float]] = {}
    wait_turn = HostGate.wait_turn

    def recorded(gate, host, delay, latest=None):
        wait_turn(gate, host, delay, latest)
        starts.setdefault(host, []).append(gate._last[host])

    monkeypatch.setattr(HostGate, "wait_turn", recorded)
    run_crawl(db_path, parse_crawl_config(data, base_dir=tmp_path))
    for site, delay in ((observer, 0.4), (wire, 0.2)):  # robots.txt asks more than our floor, or not
        assert len(site.requests) >= 4
        (times,) = [times for host, times in starts.items() if site.host in host]
        assert len(times) == len(site.requests)
        assert min(b - a for a, b in zip(times, times[1:])) >= delay, site.host


def test_a_run_that_fetches_no_page_leaves_no_warc_file(story_web, tmp_path: Path, db_path: Path) -> None:
    # a scheduled job every 30 minutes whose feeds are not due again for an hour: 48 empty files a day before
    web, _ = story_web
    data = config_for(web, tmp_path, feeds=[web.site("observer.example").url("/feed.xml")])
    data["schedule"]["feed_interval_hours"] = 1
    data["search"]["source"] = "none"
    first = run_crawl(db_path, parse_crawl_config(data, base_dir=tmp_path))
    second = run_crawl(db_path, parse_crawl_config(data, base_dir=tmp_path))
    assert first.new > 0 and (second.fetched, second.new, second.errors) == (0, 0, 0)
    assert [path.name.split("-")[1] for path in (tmp_path / "warc").glob("*.warc.gz")] == [f"{first.run_id:05d}"]


def child_index(site, children: dict[str, str | None]) -> str:
    """A sitemap index listing `children` (path -> the <lastmod> it gives, or none)."""
    items = "".join(f"<sitemap><loc>{site.url(path)}</loc>" + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "")
                    + "</sitemap>" for path, lastmod in children.items())
    return f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</sitemapindex>'


def test_a_rerun_reads_only_the_sitemaps_that_changed(story_web, tmp_path: Path, db_path: Path) -> None:
    # a scheduled job every 15 minutes downloaded the index and every child sitemap whole each time
    web, articles = story_web
    post = web.site("pinepost.example")
    extra = StoryArticle("pinepost.example", "/news/ferry-timetable.html", "Ferry timetable changes", "2026-05-04",
                         ["The Millbrook ferry keeps its summer timetable until the dam reopens, the operator said."])
    post.add(extra.path, render_article(extra, web))
    urlset = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{}</urlset>'
    post.add("/sitemap-a.xml", urlset.format(f"<url><loc>{post.url('/news/millbrook-dam-closed.html')}</loc></url>"),
             "application/xml")
    post.add("/sitemap-b.xml", urlset.format(""), "application/xml")
    children = {"/sitemap-a.xml": "2026-05-04T06:00:00Z", "/sitemap-b.xml": "2026-05-04T06:00:00Z",
                "/sitemap-news.xml": None}  # no lastmod: asked for conditionally every time
    post.add("/sitemap-index.xml", child_index(post, children), "application/xml")
    config = index_only_config(web, tmp_path, post)
    db = sqlite_utils.Database(db_path)
    sitemap_fetches = "select url, status, bytes from fetches where run_id = ? and url like '%sitemap%' order by id"

    first = run_crawl(db_path, config)
    assert first.new == 1 and [r[1] for r in db.execute(sitemap_fetches, [first.run_id])] == [200] * 4
    assert db.execute("select url, found_from, published from crawl_urls where kind = 'child_sitemap' order by url"
                      ).fetchall() == [(post.url(path), post.url("/sitemap-index.xml"), lastmod)
                                       for path, lastmod in children.items()]

    requests = len(post.requests)
    second = run_crawl(db_path, config)  # nothing changed: the index and the undated child answer 304
    assert (second.new, second.errors) == (0, 0)
    assert db.execute(sitemap_fetches, [second.run_id]).fetchall() == [
        (post.url("/sitemap-index.xml"), 304, 0), (post.url("/sitemap-news.xml"), 304, 0)]
    assert [path for path, _, _ in post.requests[requests:]] == ["/sitemap-index.xml", "/sitemap-news.xml"]

    # sitemap-b gains an article and the index moves its lastmod; sitemap-b.xml goes, sitemap-a.xml stays
    post.add("/sitemap-b.xml", urlset.format(f"<url><loc>{post.url(extra.path)}</loc></url>"), "application/xml")
    children["/sitemap-b.xml"] = "2026-05-04T09:00:00Z"
    del children["/sitemap-news.xml"]
    post.add("/sitemap-index.xml", child_index(post, children), "application/xml")
    requests = len(post.requests)
    third = run_crawl(db_path, config)
    assert (third.new, third.errors) == (1, 0)
    assert [path for path, _, _ in post.requests[requests:]] == ["/sitemap-index.xml", "/sitemap-b.xml", extra.path]
    assert db.execute("select url, published from crawl_urls where kind = 'child_sitemap' order by url").fetchall() == [
        (post.url("/sitemap-a.xml"), "2026-05-04T06:00:00Z"), (post.url("/sitemap-b.xml"), "2026-05-04T09:00:00Z")]

    # a child not read for a day is asked for again (conditionally), its lastmod in the index unmoved or not
    db.execute("update crawl_urls set last_fetched_at = '2026-05-01T00:00:00+00:00' where url = ?",
               [post.url("/sitemap-a.xml")])
    db.conn.commit()
    requests = len(post.requests)
    fourth = run_crawl(db_path, config)
    assert db.execute(sitemap_fetches, [fourth.run_id]).fetchall() == [
        (post.url("/sitemap-index.xml"), 304, 0), (post.url("/sitemap-a.xml"), 304, 0)]


def test_an_index_of_undated_children_is_read_through_in_ceil_children_by_50_runs(
        story_web, tmp_path: Path, db_path: Path) -> None:
    # the index's 49 first children answered 304 run after run, each taking one of the 50 sitemaps a run reads:
    # of 120 the other 71 were never asked for
    web, _ = story_web
    post = web.site("pinepost.example")
    children = {f"/sitemap-{i:03d}.xml": None for i in range(120)}
    for path in children:
        post.add(path, '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                 f"<url><loc>{post.url('/news/millbrook-dam-closed.html')}</loc></url></urlset>", "application/xml")
    post.add("/sitemap-index.xml", child_index(post, children), "application/xml")
    config = index_only_config(web, tmp_path, post)
    db = sqlite_utils.Database(db_path)
    statuses = "select status, count(*) from fetches where run_id = ? and url like '%/sitemap-%' group by status"
    read = set()
    counts = []
    for _ in range(3):
        run = run_crawl(db_path, config)
        assert run.errors == 0
        counts.append(dict(db.execute(statuses, [run.run_id]).fetchall()))
        read |= {url for (url,) in db.execute("select url from fetches where run_id = ? and status = 200 "
                                              "and url like '%/sitemap-%' and url not like '%/sitemap-index%'", [run.run_id])}
    assert counts == [{200: 51}, {200: 50, 304: 1}, {200: 20, 304: 31}]
    assert read == {post.url(path) for path in children}
    assert db.execute("select count(*) from crawl_urls where kind = 'child_sitemap' and last_fetched_at is not null"
                      ).fetchone() == (120,)


def test_a_sitemap_cut_short_is_a_recorded_error_and_its_entries_before_the_cut_are_read(
        story_web, tmp_path: Path, db_path: Path) -> None:
    web, _ = story_web
    post = web.site("pinepost.example")
    post.add("/cut.xml", '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             f"<url><loc>{post.url('/news/millbrook-dam-closed.html')}</loc></url><url><loc>https://pinep", "application/xml")
    data = config_for(web, tmp_path, sitemaps=[post.url("/cut.xml")], follow={"max_depth": 0})
    data["search"]["source"] = "none"
    first = run_crawl(db_path, parse_crawl_config(data, base_dir=tmp_path))
    db = sqlite_utils.Database(db_path)
    assert first.new == 1
    assert db.execute("select source, stage, message from errors where message like '%sitemap is damaged%'").fetchall() == [
        (post.url("/cut.xml"), "discover", "the sitemap is damaged (Premature end of data in tag loc line 1); "
         "the entries before the damage were read")]


def test_a_rerun_asks_for_home_pages_and_redirected_feeds_conditionally(story_web, tmp_path: Path, db_path: Path) -> None:
    # a home page was downloaded whole every day, and a feed behind a redirect (/feed -> /feed.xml, http -> https)
    # every run: the validators were dropped at the redirect, though they were the target's own
    web, _ = story_web
    observer, post = web.site("observer.example"), web.site("pinepost.example")
    observer.fault("/feed", "redirect", target="/feed.xml")
    data = config_for(web, tmp_path, feeds=[observer.url("/feed")], sites=[post.url("/")], follow={"max_depth": 0})
    data["search"]["source"] = "none"
    config = parse_crawl_config(data, base_dir=tmp_path)
    db = sqlite_utils.Database(db_path)
    first = run_crawl(db_path, config)
    assert first.new > 0
    db.execute("delete from crawl_urls where kind = 'sitemap'")  # the home page's robots.txt names it again
    db.conn.commit()
    second = run_crawl(db_path, config)
    fetched = "select url, final_url, status, bytes from fetches where run_id = ? and url in (?, ?) order by url"
    assert db.execute(fetched, [second.run_id, observer.url("/feed"), post.url("/")]).fetchall() == [
        (observer.url("/feed"), observer.url("/feed.xml"), 304, 0), (post.url("/"), post.url("/"), 304, 0)]
    assert [r[0] for r in db.execute("select url from crawl_urls where kind = 'sitemap'")] == [post.url("/sitemap.xml")]
    assert (second.new, second.errors) == (0, 0)


def test_robots_txt_is_read_once_a_day_not_every_run(story_web, tmp_path: Path, db_path: Path) -> None:
    # a job every 15 minutes asked each site for robots.txt on every run, 96 times a day
    web, _ = story_web
    observer = web.site("observer.example")
    data = config_for(web, tmp_path, feeds=[observer.url("/feed.xml")], follow={"max_depth": 0})
    data["search"]["source"] = "none"
    data["schedule"]["retry_failed_hours"] = 0
    config = parse_crawl_config(data, base_dir=tmp_path)
    db = sqlite_utils.Database(db_path)
    run_crawl(db_path, config)
    assert observer.hits["/robots.txt"] == 1
    assert db.execute("select status, body from crawl_robots where origin = ?", [observer.base]).fetchone() == (
        200, "User-agent: *\nDisallow: /private/\n")
    second = run_crawl(db_path, config)
    assert (observer.hits["/robots.txt"], second.not_modified, second.errors) == (1, 1, 0)  # the feed still asked for
    # older than robots_hours: asked again; while unavailable (HTTP 500) it is not kept, and the feed waits
    db.execute("update crawl_robots set fetched_at = '2026-05-01T00:00:00Z'")
    db.conn.commit()
    observer.fault("/robots.txt", "status", status=500, times=3)  # the server counts from its first request
    third = run_crawl(db_path, config)
    assert (observer.hits["/robots.txt"], third.errors) == (3, 1)
    assert db.execute("select fetched_at from crawl_robots").fetchone() == ("2026-05-01T00:00:00Z",)
    run_crawl(db_path, config)
    assert observer.hits["/robots.txt"] == 4
    assert db.execute("select fetched_at > '2026-05-01T00:00:00Z' from crawl_robots").fetchone() == (1,)


def test_a_page_of_a_type_not_asked_for_is_not_fetched_again(story_web, tmp_path: Path, db_path: Path) -> None:
    # a seed or cited link to a PDF was downloaded whole in three runs, to be refused each time
    web, _ = story_web
    observer = web.site("observer.example")
    observer.add("/files/budget.pdf", b"%PDF-1.7 " + b"0" * 200_000, "application/pdf")
    observer.fault("/news/down.html", "status", status=503, times=100)
    data = config_for(web, tmp_path, seeds=[observer.url("/files/budget.pdf"), observer.url("/news/down.html")])
    data["search"]["source"] = "none"
    report = run_crawl(db_path, parse_crawl_config(data, base_dir=tmp_path))
    assert report.errors == 2
    rows = sqlite_utils.Database(db_path).execute(
        "select url, state, last_error, next_fetch_at is not null from crawl_urls order by url").fetchall()
    assert rows == [
        (observer.url("/files/budget.pdf"), "failed", "unexpected content type application/pdf", 0),
        (observer.url("/news/down.html"), "failed", "HTTP 503 after 2 attempts", 1),  # this may pass: tried again
    ]
    assert sqlite_utils.Database(db_path).execute("select bytes from fetches where url = ?",
                                                  [observer.url("/files/budget.pdf")]).fetchone() == (0,)


def test_a_site_asking_for_a_pause_past_the_limit_is_not_asked_again_in_the_run(story_web, tmp_path: Path,
                                                                                 db_path: Path) -> None:
    # A 429 with Retry-After: 3600 speaks for the whole site: its other pages were each asked for anyway, every one
    # answering 429 and counting an attempt of the three before being given up; now they wait for a later run.
    web, _ = story_web
    busy = web.site("busy.example", "Busy Bugle")
    paths = [f"/news/pier-{n}.html" for n in range(4)]
    for path in paths:
        busy.add(path, render_article(StoryArticle("observer.example", path, f"Pier {path[-6]}", "2026-05-04",
                                                   ["The pier stays shut today."]), web))
        busy.fault(path, "retry_after", seconds=3600)
    busy.add("/robots.txt", "User-agent: *\nDisallow:\n", "text/plain")
    data = config_for(web, tmp_path, seeds=[busy.url(path) for path in paths])
    data["search"]["source"] = "none"
    report = run_crawl(db_path, parse_crawl_config(data, base_dir=tmp_path))
    assert sum(busy.hits[path] for path in paths) == 1  # the first page's one request; no retry either
    assert (report.status, report.fetched, report.errors, report.pending) == ("ok", 1, 1, 3)
    db = sqlite_utils.Database(db_path)
    rows = db.execute("select state, fetch_count, error_count, last_error from crawl_urls order by last_error is null")
    assert rows.fetchall() == [("failed", 1, 1, "HTTP 429 (Retry-After 3600s is over the limit)")] + [("pending", 0, 0, None)] * 3


def test_a_page_the_site_moved_to_a_new_address_stays_one_article(story_web, tmp_path: Path, db_path: Path) -> None:
    # a headline edit gives the page a new slug and the old address a 301: its refetch saved a second article
    web, articles = story_web
    observer = web.site("observer.example")
    scoop = next(a for a in articles if a.host == "observer.example")
    data = config_for(web, tmp_path, seeds=[observer.url(scoop.path)], follow={"max_depth": 0}, refresh_seeds=True)
    data["search"]["source"] = "none"
    config = parse_crawl_config(data, base_dir=tmp_path)
    assert run_crawl(db_path, config).new == 1
    moved = StoryArticle(scoop.host, "/news/2026/05/millbrook-dam-spillway-stays-shut.html",
                         "Millbrook dam spillway stays shut", scoop.published, scoop.paragraphs, scoop.author)
    observer.add(moved.path, render_article(moved, web))
    observer.fault(scoop.path, "redirect", target=moved.path)
    second = run_crawl(db_path, config)
    assert (second.new, second.changed, second.unchanged, observer.hits[moved.path]) == (0, 0, 1, 1)
    db = sqlite_utils.Database(db_path)
    assert db.execute("select url from articles").fetchall() == [(observer.url(scoop.path),)]
    row = db["crawl_urls"].get(observer.url(scoop.path))
    assert (row["final_url"], row["article_id"]) == (observer.url(moved.path), 1)


@pytest.mark.parametrize("kind", ["feeds", "sitemaps"])
def test_a_feed_or_sitemap_that_is_an_error_page_stays_failed_while_it_answers_304(story_web, tmp_path: Path,
                                                                                   db_path: Path, kind: str) -> None:
    # its 304 in the next run said `done` and cleared the error: the row no longer told it had never given anything
    web, _ = story_web
    post = web.site("pinepost.example")
    post.add("/broken.xml", "<!DOCTYPE html><html><body><h1>Service unavailable</h1></body></html>", "text/html")
    data = config_for(web, tmp_path, **{kind: [post.url("/broken.xml")]}, follow={"max_depth": 0})
    data["search"]["source"] = "none"
    data["schedule"]["retry_failed_hours"] = 0
    config = parse_crawl_config(data, base_dir=tmp_path)
    why = "not a feed" if kind == "feeds" else "unexpected content type text/html"
    db = sqlite_utils.Database(db_path)
    for run in range(3):
        report = run_crawl(db_path, config)
        row = db["crawl_urls"].get(post.url("/broken.xml"))
        statuses = db.execute("select status from fetches where run_id = ? and url = ?",
                              [report.run_id, post.url("/broken.xml")]).fetchall()
        assert (row["state"], row["last_error"], report.errors, statuses) == ("failed", why, int(run == 0),
                                                                              [(200 if run == 0 else 304,)])
    post.add("/broken.xml", render_rss(post, []), "application/rss+xml") if kind == "feeds" else post.add(
        "/broken.xml", '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>', "application/xml")
    report = run_crawl(db_path, config)  # the site mended it: a new ETag, read
    row = db["crawl_urls"].get(post.url("/broken.xml"))
    assert (row["state"], row["last_error"], report.errors) == ("done", None, 0)


def test_an_edit_read_at_another_address_of_the_page_is_the_saved_articles_next_version(story_web, tmp_path: Path,
                                                                                         db_path: Path) -> None:
    # saved first at the feed's `?feed=rss`, the page then read at its own address too (the same article, saved
    # under that address now, the one its canonical names); a correction read there was saved as a second
    # article, and the first had no version
    web, articles = story_web
    observer = web.site("observer.example")
    scoop = next(a for a in articles if a.host == "observer.example")
    url = observer.url(scoop.path)

    def crawl(seeds: list[str]):
        data = config_for(web, tmp_path, seeds=seeds, follow={"max_depth": 0}, refresh_seeds=True)
        data["search"]["source"] = "none"
        return run_crawl(db_path, parse_crawl_config(data, base_dir=tmp_path))

    assert crawl([url + "?feed=rss"]).new == 1
    assert (crawl([url]).unchanged, observer.hits[scoop.path]) == (1, 2)
    corrected = StoryArticle(scoop.host, scoop.path, scoop.title, scoop.published, scoop.paragraphs[:-1] + [
        "Correction: an earlier version of this article gave the wrong day for the third inspection."], scoop.author)
    observer.add(scoop.path, render_article(corrected, web))
    report = crawl([url])
    assert (report.new, report.changed) == (0, 1)
    db = sqlite_utils.Database(db_path)
    assert db.execute("select url, version from articles").fetchall() == [(url, 2)]
    assert db.execute("select article_id, version from article_versions").fetchall() == [(1, 1)]
    assert db["crawl_urls"].get(url)["article_id"] == 1


def seed_crawl(web: FakeWeb, tmp_path: Path, db_path: Path, seeds: list[str]):
    """One run of a crawl of these seeds alone, fetched again every run."""
    data = config_for(web, tmp_path, seeds=seeds, follow={"max_depth": 0}, refresh_seeds=True)
    data["search"]["source"] = "none"
    return run_crawl(db_path, parse_crawl_config(data, base_dir=tmp_path))


@pytest.mark.parametrize("body", [
    "<h1>Page not found</h1><p>Sorry, the page you were looking for has moved or no longer exists. Try the search "
    "box or go back to the home page to find the latest news from the valley.</p>",
    "<form action='/search'><input name='q'></form><h2>Sorry, we couldn't find that page</h2><p>It may have been "
    "moved. Search our archive for the story you want, or read the latest news from the valley.</p>",
])
def test_a_soft_404_is_recorded_as_no_article(story_web, tmp_path: Path, db_path: Path, body: str) -> None:
    # a 200 page saying "Page not found" was saved as an article, and its 304 said `done`
    web, _ = story_web
    post = web.site("pinepost.example")
    title = "Page not found | Pine Post" if "<h1>" in body else "Pine Post"
    post.add("/news/gone.html", f"<!DOCTYPE html><html><head><title>{title}</title></head><body>{body}</body></html>")
    url = post.url("/news/gone.html")
    said = "Page not found" if "<h1>" in body else "Sorry, we couldn't find that page"
    why = f'ExtractionError: not an article: {url} says "{said}" (a page not found answered 200)'
    db = sqlite_utils.Database(db_path)
    for run in range(2):  # the second is answered 304
        report = seed_crawl(web, tmp_path, db_path, [url])
        row = db["crawl_urls"].get(url)
        assert (report.new, report.errors, row["state"], row["last_error"], row["last_status"], row["article_id"]) == (
            0, int(run == 0), "failed", why, 304 if run else 200, None)
    assert db.execute("select count(*) from articles").fetchone()[0] == 0
    assert db.execute("select stage, message from errors").fetchall() == [("extract", why)]


def test_a_refetch_changed_only_in_volatile_lines_is_no_new_version(story_web, tmp_path: Path, db_path: Path,
                                                                     monkeypatch) -> None:
    # "Updated 3 minutes ago" made a new version, analysed and traced again, at every refetch
    web, articles = story_web
    observer = web.site("observer.example")
    scoop = next(a for a in articles if a.host == "observer.example")
    url = observer.url(scoop.path)
    analysed: list[str] = []
    real = crawl_module.analyse_article
    monkeypatch.setattr(crawl_module, "analyse_article", lambda article, registry: analysed.append(article.url) or real(
        article, registry))

    def publish(stamp: str, paragraphs: list[str], box: list[str]) -> None:
        article = StoryArticle(scoop.host, scoop.path, scoop.title, scoop.published, [stamp, *paragraphs], scoop.author)
        observer.add(scoop.path, render_article(article, web, Markup("").join(
            Markup("<p>{}</p>").format(line) for line in box)))

    publish("Updated 3 minutes ago", scoop.paragraphs, ["Trending now", "Bridge closed for repairs", "1,204 views"])
    assert seed_crawl(web, tmp_path, db_path, [url]).new == 1
    db = sqlite_utils.Database(db_path)
    saved = db["articles"].get(1)["text"]
    publish("Updated 41 minutes ago", scoop.paragraphs, ["Trending now", "Storm warning for the valley", "1,377 views"])
    report = seed_crawl(web, tmp_path, db_path, [url])
    assert (report.new, report.changed, report.unchanged, len(analysed)) == (0, 0, 1, 1)
    assert (db["articles"].get(1)["text"], db["articles"].get(1)["version"]) == (saved, 1)
    assert db["crawl_urls"].get(url)["state"] == "done"
    # a corrected sentence, then an added paragraph: each a new version, analysed
    corrected = [scoop.paragraphs[0].replace(" ", "  ", 1) + " It was corrected on Friday.", *scoop.paragraphs[1:]]
    publish("Updated 2 hours ago", corrected, ["Trending now", "Storm warning for the valley", "1,400 views"])
    report = seed_crawl(web, tmp_path, db_path, [url])
    assert (report.changed, len(analysed), db["articles"].get(1)["version"]) == (1, 2, 2)
    publish("Updated 3 hours ago", [*corrected, "Correction: the inspection was on Thursday, not Wednesday."],
            ["Trending now", "Storm warning for the valley", "1,512 views"])
    report = seed_crawl(web, tmp_path, db_path, [url])
    assert (report.changed, len(analysed), db["articles"].get(1)["version"]) == (1, 3, 3)
    assert db.execute("select article_id, version from article_versions").fetchall() == [(1, 1), (1, 2)]


def test_a_page_reached_by_a_redirect_with_credentials_is_saved_without_them(story_web, tmp_path: Path,
                                                                              db_path: Path) -> None:
    # the article, its fetch and its frontier row were saved at `http://editor:s3cret@host/...`
    web, articles = story_web
    observer = web.site("observer.example")
    scoop = next(a for a in articles if a.host == "observer.example")
    observer.fault("/go/scoop", "redirect", target=observer.url(scoop.path).replace("://", "://editor:s3cret@"))
    seed = observer.url("/go/scoop").replace("://", "://reader:pw@")
    assert seed_crawl(web, tmp_path, db_path, [seed]).new == 1
    db = sqlite_utils.Database(db_path)
    saved = [row[0] for table, column in (("articles", "url"), ("fetches", "url"), ("fetches", "final_url"),
                                          ("crawl_urls", "url"), ("crawl_urls", "final_url"))
             for row in db.execute(f"select {column} from {table}")]
    assert saved and not [url for url in saved if "@" in url]
    assert db.execute("select url from articles").fetchall() == [(observer.url(scoop.path),)]
    assert not [headers for _, headers, _ in observer.requests if "authorization" in headers]


def article_page(db_path: Path, article_id: int) -> str:
    """An article's page in Datasette."""
    from datasette.app import Datasette

    async def get():
        datasette = Datasette([str(db_path)])  # not immutable: the crawl's last writes are in its WAL
        return await datasette.client.get(f"/{db_path.stem}/-/article/{article_id}")

    return asyncio.run(get()).text


def test_a_page_that_disappears_is_marked_gone_and_keeps_its_quotes(story_web, tmp_path: Path, db_path: Path) -> None:
    # a refetch answering 404 or 410 kept the article but nothing said the page was gone, nor since when
    web, articles = story_web
    observer = web.site("observer.example")
    scoop = next(a for a in articles if a.host == "observer.example")
    url = observer.url(scoop.path)
    assert seed_crawl(web, tmp_path, db_path, [url]).new == 1
    db = sqlite_utils.Database(db_path)

    def state() -> tuple:
        article = db.execute("select gone_at, gone_status from articles").fetchone()
        return (*article, db.execute("select count(*) from quote_occurrences").fetchone()[0],
                db.execute("select count(*) from lineage").fetchone()[0])

    kept = state()[2:]
    assert state()[:2] == (None, None) and kept[0] > 0 and kept[1] == kept[0]
    page = observer.pages.pop(scoop.path)
    report = seed_crawl(web, tmp_path, db_path, [url])
    row = db["crawl_urls"].get(url)
    assert (row["last_status"], row["last_fetched_at"]) == (404, state()[0])
    assert state() == (row["last_fetched_at"], 404, *kept) and report.changed == 0
    seed_crawl(web, tmp_path, db_path, [url])  # gone still: since the first 404, not the last
    assert state() == (row["last_fetched_at"], 404, *kept)
    assert re.search(r'<p class="article-gone">The page is gone: it answered HTTP 404 since \d{4}-\d\d-\d\d \d\d:\d\d UTC\.',
                     article_page(db_path, 1))
    observer.pages[scoop.path] = page
    seed_crawl(web, tmp_path, db_path, [url])
    assert state() == (None, None, *kept)
    observer.fault(scoop.path, "status", status=410)
    seed_crawl(web, tmp_path, db_path, [url])
    assert state()[1:] == (410, *kept)


@pytest.mark.parametrize("kind", ["content-length", "streamed", "gzip bomb"])
def test_a_body_over_the_cap_fails_for_good_on_the_first_run(story_web, tmp_path: Path, db_path: Path,
                                                              kind: str) -> None:
    # a body over max_bytes was asked for again in the next runs, each costing up to the cap, until 3 attempts
    import gzip

    web, _ = story_web
    post = web.site("pinepost.example")
    filler = "<p>" + "The water board met again. " * 40 + "</p>"
    if kind == "content-length":
        post.add("/news/long.html", f"<html><body>{filler * 500}</body></html>")  # about 600 KB, Content-Length sent
        why = re.compile(r"body too large: \d+ bytes \(limit 500000\)")
    elif kind == "streamed":
        post.add("/news/long.html", "<p>x</p>")
        post.fault("/news/long.html", "huge", size=600_000)  # no Content-Length
        why = re.compile(r"body too large: over 500000 bytes")
    else:
        post.add("/news/long.html", gzip.compress(b" " * 5_000_000), headers={"Content-Encoding": "gzip"})
        why = re.compile(r"body too large: over 500000 bytes")
    url = post.url("/news/long.html")
    data = config_for(web, tmp_path, seeds=[url], follow={"max_depth": 0})
    data["search"]["source"] = "none"
    data["schedule"]["retry_failed_hours"] = 0
    config = parse_crawl_config(data, base_dir=tmp_path)
    reports = [run_crawl(db_path, config) for _ in range(3)]
    row = sqlite_utils.Database(db_path)["crawl_urls"].get(url)
    assert [report.errors for report in reports] == [1, 0, 0] and post.hits["/news/long.html"] == 1
    assert (row["state"], row["next_fetch_at"], row["error_count"]) == ("failed", None, 1)
    assert why.fullmatch(row["last_error"]), row["last_error"]


def test_a_meta_refresh_page_gives_the_article_it_sends_the_reader_to(story_web, tmp_path: Path, db_path: Path) -> None:
    # the refresh page was fetched, found to hold no article text, and recorded failed
    web, articles = story_web
    observer = web.site("observer.example")
    scoop = next(a for a in articles if a.host == "observer.example")
    observer.add("/go/scoop", f"<html><head><meta http-equiv='refresh' content='0; url={scoop.path}'></head>"
                              "<body><p>Redirecting...</p></body></html>")
    report = seed_crawl(web, tmp_path, db_path, [observer.url("/go/scoop")])
    db = sqlite_utils.Database(db_path)
    row = db["crawl_urls"].get(observer.url("/go/scoop"))
    assert (report.new, report.errors, row["state"], row["final_url"], row["article_id"]) == (
        1, 0, "done", observer.url(scoop.path), 1)
    assert db.execute("select url from articles").fetchall() == [(observer.url(scoop.path),)]


def test_a_redirect_to_a_script_address_is_an_answer_refused_for_good(story_web, tmp_path: Path, db_path: Path) -> None:
    # it ended as "InvalidURL" with no status: a run of only such exited 1, "no server answered"
    web, _ = story_web
    post = web.site("pinepost.example")
    post.fault("/news/click.html", "redirect", target="javascript:void(0)")
    url = post.url("/news/click.html")
    report = seed_crawl(web, tmp_path, db_path, [url])
    row = sqlite_utils.Database(db_path)["crawl_urls"].get(url)
    assert (report.fetched, report.unanswered, report.nothing_answered) == (1, 0, False)
    assert (row["state"], row["last_status"], row["last_error"]) == (
        "refused", 301, "refused: scheme 'javascript' is not http or https")


def test_a_run_reads_the_newest_max_feed_items_of_a_feed(story_web, tmp_path: Path, db_path: Path) -> None:
    # every item of a feed went into the frontier, and feedparser read a feed of 200,000 items in 22 s
    web, _ = story_web
    post = web.site("pinepost.example")
    items = "".join(f"<item><title>Story {n}</title><link>{post.url(f'/news/{n}.html')}</link>"
                    f"<pubDate>Mon, 04 May 2026 {n:02d}:00:00 +0000</pubDate></item>" for n in (1, 5, 2, 4, 3))
    post.add("/big.xml", f'<?xml version="1.0"?><rss version="2.0"><channel><title>P</title>{items}</channel></rss>',
             "application/rss+xml")
    data = config_for(web, tmp_path, feeds=[post.url("/big.xml")], follow={"max_depth": 0})
    data["search"]["source"] = "none"
    data["limits"]["max_feed_items"] = 2
    config = parse_crawl_config(data, base_dir=tmp_path)
    assert parse_crawl_config(config_for(web, tmp_path, seeds=[post.url("/")]), base_dir=tmp_path).max_feed_items == 1000
    run_crawl(db_path, config)
    queued = sqlite_utils.Database(db_path).execute("select url from crawl_urls where kind = 'article' order by url")
    assert [row[0] for row in queued] == [post.url("/news/4.html"), post.url("/news/5.html")]
