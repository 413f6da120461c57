"""The scheduled crawl: stories named in a config file, fetched incrementally into the database.

A run registers each story's seeds, sites, feeds and sitemaps in the frontier (`crawl_urls`),
reads the feeds and sitemaps that are due, searches the story's quotes, then fetches every due
page, follows the sources articles cite, and analyses and saves what is new or changed. Each
page is recorded (fetch row, frontier state, article) in one transaction, so a run killed at any
moment loses nothing saved and leaves nothing half saved; the next run picks up the pending URLs
and traces the articles the killed run had saved. A file lock keeps two runs off one database.
"""

from __future__ import annotations

import contextlib
import fcntl
import ipaddress
import logging
import math
import os
import re
import sqlite3
import threading
import time
import tomllib
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from functools import partial
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import sqlite_utils
import yaml

from db.migrations.m0007_crawl_due import DUE
from db.save import close_stale_runs, finish_run, record_error, refresh_registry_outlets, save_analysis, start_run, text_hash
from db.schema import database_file, ensure_db_shape
from provenance.counts import counted
from provenance.models import Analysis, Article, Link
from provenance.outlets import load_registry, yaml_problem
from provenance.pipeline import analyse_article, load_pipeline_registry, run_registry_files, update_after_import
from provenance.signals import describe_interruption
from provenance.times import is_placeholder_time, parse_utc, utc_now, utc_time
from provenance.urls import is_http_url, split_url
from provenance.workers import process_pool
from scrapers.feeds import MAX_FEED_ITEMS, discover_feeds, fetch_feed
from scrapers.fetch import HTML_TYPES, FetchConfig, FetchResult, Fetcher, body_hash
from scrapers.pages import MAX_STORY_PAGES, join_pages, page_links, story_page
from scrapers.robots import RobotsRead
from scrapers.search import GDELT_DELAY, GDELT_DOC_API, TIMESPAN_RE, GdeltSearch, SearchSource, search_phrase
from scrapers.sitemaps import MAX_SITEMAP_URLS, SitemapState, SitemapWalk, walk_sitemaps
from scrapers.spider import cited_links, clean_url, host_allowed, host_of

LOGGER = logging.getLogger(__name__)

PAGE_KINDS = ("seed", "article", "search", "cited")
DISCOVERY_KINDS = ("home", "feed", "sitemap")
# The frontier kind of a sitemap an index lists: never due on its own, read when its index is.
CHILD_SITEMAP = "child_sitemap"
# The frontier kind of a later page of a story in pages: never due on its own, asked for (conditionally) when its
# story's first page answers 304, so that an edit there is seen; its row keeps its validators and body hash.
STORY_PAGE = "story_page"
NO_RETRY_STATUSES = (404, 410, 451)
GONE_STATUSES = (404, 410)  # a page that answers so on a refetch is gone: its article is stamped `gone_at`


class ConfigError(ValueError):
    """A crawl config file that cannot be used; the message says what and where."""


class CrawlLocked(RuntimeError):
    """Another crawl, import or other writer holds the lock on this database."""


# What a lock file says: "import: pid 123, started 2026-05-04T08:30:00Z" (before: "pid 123, started ...", a crawl's).
LOCK_HOLDER_RE = re.compile(r"^(?:(?P<command>[a-z][a-z ]*): )?(?P<detail>pid \d+.*)$")


class CrawlInterrupted(KeyboardInterrupt):
    """A run stopped by Ctrl-C or SIGTERM, with what it did (saved and recorded as `interrupted`)."""

    def __init__(self, report: CrawlReport, command: str) -> None:
        super().__init__(report.summary())
        self.report = report
        self.command = command


# ----- configuration --------------------------------------------------------------------------


@dataclass
class FollowConfig:
    """Following the links articles cite."""

    max_depth: int = 1
    max_per_host: int = 20
    same_host: bool = False
    allowed_hosts: list[str] = field(default_factory=list)


@dataclass
class StoryConfig:
    """One story to track."""

    name: str
    seeds: list[str] = field(default_factory=list)
    url_files: list[Path] = field(default_factory=list)
    sites: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    search_terms: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    search_quotes: bool = False
    refresh_seeds: bool = False  # fetch the seeds again every run (conditionally)
    max_age_days: float = 7.0
    follow: FollowConfig = field(default_factory=FollowConfig)

    def wants(self, *texts: str | None) -> bool:
        """Whether a feed or sitemap entry belongs to the story (any keyword in title or URL)."""
        if not self.keywords:
            return True
        haystack = " ".join(t for t in texts if t).casefold()
        return any(word.casefold() in haystack for word in self.keywords)


@dataclass
class SearchConfig:
    """The quote search source."""

    source: str = "gdelt"  # gdelt | none
    base_url: str = GDELT_DOC_API
    timespan: str | None = "1w"
    max_records: int = 50
    interval_hours: float = 12.0
    extra_query: str = ""
    max_quotes: int = 10
    delay: float = GDELT_DELAY


@dataclass
class CrawlConfig:
    """Everything a crawl run needs besides the database."""

    stories: list[StoryConfig]
    fetch: FetchConfig = field(default_factory=FetchConfig)
    search: SearchConfig = field(default_factory=SearchConfig)
    max_pages: int = 1000  # pages fetched per run
    max_minutes: float = 60.0
    workers: int = 8  # concurrent fetches (politeness still per host)
    analysis_workers: int = 1  # processes extracting and analysing pages (1: in the crawl process)
    max_attempts: int = 3  # runs that retry a failing URL
    max_feed_items: int = MAX_FEED_ITEMS  # the newest items read from one feed (a feed of 200,000 took feedparser 22 s)
    feed_interval_hours: float = 1.0
    refetch_interval_hours: float = 6.0
    refetch_window_days: float = 3.0
    retry_failed_hours: float = 6.0
    warc: bool = True  # keep every fetched page in a WARC file
    warc_dir: Path | None = None  # None: a `warc` folder beside the database
    registry: list[Path] = field(default_factory=list)


def load_crawl_config(path: str | Path, *, settings_only: bool = False) -> CrawlConfig:
    """Read a crawl config from YAML (.yml, .yaml) or TOML (.toml); with `settings_only` it may name no story."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read config {path}: {exc.strerror or exc}") from None
    try:
        if path.suffix.lower() == ".toml":
            data = tomllib.loads(raw.decode("utf-8"))
        else:
            data = yaml.safe_load(raw)
    except RecursionError:  # brackets nested thousands deep: PyYAML reads them by recursion
        raise ConfigError(f"{path}: not valid {'TOML' if path.suffix.lower() == '.toml' else 'YAML'}: "
                          "nested too deeply to read") from None
    except (tomllib.TOMLDecodeError, yaml.YAMLError, UnicodeDecodeError) as exc:
        if isinstance(exc, yaml.YAMLError):  # PyYAML's first line names no line and no problem
            first = yaml_problem(exc)
        else:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ConfigError(f"{path}: not valid {'TOML' if path.suffix.lower() == '.toml' else 'YAML'}: {first}") from None
    if not data and not settings_only:  # an empty file, or comments only: one not yet written, or cut short
        raise ConfigError(f"{path} is empty: a crawl config names its stories (see crawl.example.yml)")
    if data is not None and not isinstance(data, dict):  # a line of text, a list: read as YAML, no config
        kind = {"str": "line of text", "list": "list", "bool": "yes or no"}.get(type(data).__name__, "number")
        raise ConfigError(f"{path} is no crawl config: it reads as a {kind}, not as settings and stories")
    config = parse_crawl_config(data, base_dir=path.parent, settings_only=settings_only)
    opened = unfinished_line(raw.decode("utf-8", "replace"), toml=path.suffix.lower() == ".toml")
    if opened:
        give = "a key under it" if opened.startswith("[") else "it a value ([] or {} for none)"
        raise ConfigError(f"{path} ends with {opened!r} and nothing under it: is the file cut short? Give {give} "
                          "or take the line out")
    return config


# The last line of a config that opens a block and gives nothing in it: a YAML key with no value ("  feeds:"), a
# TOML table header ("[[stories]]"). A file cut there after a complete line still parses, as if the block were empty.
YAML_OPEN_KEY_RE = re.compile(r"""^\s*(?:-\s+)?(?:[\w.-]+|"[^"]*"|'[^']*')\s*:\s*(?:#.*)?$""")
TOML_OPEN_TABLE_RE = re.compile(r"^\s*\[\[?[^\[\]]+\]\]?\s*(?:#.*)?$")


def unfinished_line(text: str, *, toml: bool) -> str | None:
    """The config's last line when it opens a block with nothing in it (see YAML_OPEN_KEY_RE), else None."""
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        return None
    last = lines[-1]
    return last.strip() if (TOML_OPEN_TABLE_RE if toml else YAML_OPEN_KEY_RE).match(last) else None


def _check_keys(data: Any, where: str, allowed: set[str]) -> dict:
    """`data` as a dict with only `allowed` keys, or a ConfigError naming the culprit."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: expected a mapping, got {type(data).__name__}")
    unknown = sorted(set(data) - allowed, key=str)  # keys YAML reads as numbers or null beside text: no TypeError
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (expected one of: {', '.join(sorted(allowed))})")
    return data


def _own_keys(data: Any) -> set:
    """The keys of a mapping whose keys are free (hosts), to be checked as its own; of anything else none, so that
    `_check_keys` names what it is (a list of mappings raised TypeError: unhashable type)."""
    return set(data) if isinstance(data, dict) else set()


def _value(data: dict, key: str, kind: type | tuple[type, ...], default: Any, where: str) -> Any:
    """data[key] checked against `kind`, or `default` when absent."""
    if key not in data or data[key] is None:
        return default
    value = data[key]
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if float in kinds and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        names = " or ".join(k.__name__ for k in kinds)
        raise ConfigError(f"{where}.{key}: expected {names}, got {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ConfigError(f"{where}.{key}: expected a finite number, got {value!r}")
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0:
        raise ConfigError(f"{where}.{key}: must not be negative, got {value!r}")
    return value


def _strings(data: dict, key: str, where: str) -> list[str]:
    """data[key] as a list of strings (a single string is a list of one)."""
    value = data.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where}.{key}: expected a list of non-empty strings")
    return [v.strip() for v in value]


def _urls(data: dict, key: str, where: str) -> list[str]:
    """data[key] as a list of well-formed http(s) URLs."""
    urls = _strings(data, key, where)
    for url in urls:
        if not url.startswith(("http://", "https://")) or not is_http_url(url) or any(ch.isspace() for ch in url):
            raise ConfigError(f"{where}.{key}: not an http(s) URL: {url!r}")
    return urls


TOP_KEYS = {"user_agent", "allow_private", "politeness", "limits", "schedule", "warc", "registry", "search",
            "stories", "resolve"}


def parse_crawl_config(data: Any, *, base_dir: Path = Path("."), settings_only: bool = False) -> CrawlConfig:
    """A CrawlConfig from parsed YAML/TOML; relative paths are relative to `base_dir`.

    With `settings_only` (`track --config`: its settings alone are used) the stories may be left
    out or empty; stories that are given are still checked.
    """
    data = _check_keys(data, "config", TOP_KEYS)
    fetch = FetchConfig()
    fetch.user_agent = _value(data, "user_agent", str, fetch.user_agent, "config")
    fetch.allow_private = _value(data, "allow_private", bool, False, "config")
    resolve = _check_keys(data.get("resolve"), "resolve", _own_keys(data.get("resolve")))
    for host, address in resolve.items():
        try:
            ipaddress.ip_address(address if isinstance(address, str) else "")
        except ValueError:
            raise ConfigError(f"resolve.{host}: expected an IP address, got {address!r}") from None
    fetch.resolve = {str(k): v for k, v in resolve.items()}

    polite = _check_keys(data.get("politeness"), "politeness",
                         {"min_delay", "per_host_concurrency", "respect_robots", "robots_hours", "host_delays"})
    fetch.min_delay = _value(polite, "min_delay", float, fetch.min_delay, "politeness")
    fetch.per_host_concurrency = _value(polite, "per_host_concurrency", int, fetch.per_host_concurrency, "politeness")
    fetch.respect_robots = _value(polite, "respect_robots", bool, True, "politeness")
    fetch.robots_hours = _value(polite, "robots_hours", float, fetch.robots_hours, "politeness")
    if fetch.robots_hours > 24:
        raise ConfigError(f"politeness.robots_hours: at most 24 (RFC 9309 keeps a robots.txt a day at most), got {fetch.robots_hours:g}")
    delays = _check_keys(polite.get("host_delays"), "politeness.host_delays", _own_keys(polite.get("host_delays")))
    fetch.host_delays = {str(h).lower(): float(_value(delays, h, float, 0.0, "politeness.host_delays")) for h in delays}

    limits = _check_keys(data.get("limits"), "limits",
                         {"max_pages", "max_minutes", "max_bytes", "max_redirects", "connect_timeout",
                          "read_timeout", "max_time", "retries", "backoff", "max_retry_after", "workers", "analysis_workers",
                          "max_attempts", "max_feed_items"})
    for key in ("max_bytes", "max_redirects", "retries"):
        setattr(fetch, key, _value(limits, key, int, getattr(fetch, key), "limits"))
    for key in ("connect_timeout", "read_timeout", "max_time", "backoff", "max_retry_after"):
        setattr(fetch, key, _value(limits, key, float, getattr(fetch, key), "limits"))
    for key in ("max_bytes", "connect_timeout", "read_timeout", "max_time"):
        if getattr(fetch, key) == 0:  # no response fits: every fetch would fail, blamed on robots.txt
            raise ConfigError(f"limits.{key}: must be more than 0")

    schedule = _check_keys(data.get("schedule"), "schedule",
                           {"feed_interval_hours", "refetch_interval_hours", "refetch_window_days", "retry_failed_hours"})
    search_data = _check_keys(data.get("search"), "search", {f.name for f in fields(SearchConfig)})
    search = SearchConfig()
    for f in fields(SearchConfig):
        kind = {"str": str, "int": int, "float": float, "str | None": str}[str(f.type)]
        setattr(search, f.name, _value(search_data, f.name, kind, getattr(search, f.name), "search"))
    if search.timespan and not TIMESPAN_RE.match(search.timespan):
        raise ConfigError(f"search.timespan: {search.timespan!r} is not a GDELT timespan (e.g. 24h, 7d, 2w, 3m)")
    if search.source not in ("gdelt", "none"):
        raise ConfigError(f"search.source: unknown search source {search.source!r} (expected gdelt or none)")

    stories_data = data.get("stories")
    if settings_only and stories_data is None:
        stories_data = []
    if not isinstance(stories_data, list) or not (stories_data or settings_only):
        raise ConfigError("config: 'stories' must be a non-empty list of stories")
    stories = [_parse_story(item, i, base_dir) for i, item in enumerate(stories_data)]
    names = [s.name for s in stories]
    if len(set(names)) != len(names):
        raise ConfigError(f"stories: two stories share the name {Counter(names).most_common(1)[0][0]!r}")

    warc = _value(data, "warc", (str, bool), None, "config")
    if warc is True or (isinstance(warc, str) and not warc.strip()):
        raise ConfigError("config.warc: give a folder, or false to keep no WARC (leave it out for ./warc beside the database)")
    if isinstance(warc, str):
        problem = warc_folder_problem(base_dir / warc)
        if problem:
            raise ConfigError(f"config.warc: {problem}")
    config = CrawlConfig(
        stories=stories,
        fetch=fetch,
        search=search,
        max_pages=_value(limits, "max_pages", int, 1000, "limits"),
        max_minutes=_value(limits, "max_minutes", float, 60.0, "limits"),
        workers=max(1, _value(limits, "workers", int, 8, "limits")),
        analysis_workers=max(1, _value(limits, "analysis_workers", int, 1, "limits")),
        max_attempts=max(1, _value(limits, "max_attempts", int, 3, "limits")),
        max_feed_items=_value(limits, "max_feed_items", int, MAX_FEED_ITEMS, "limits"),
        feed_interval_hours=_value(schedule, "feed_interval_hours", float, 1.0, "schedule"),
        refetch_interval_hours=_value(schedule, "refetch_interval_hours", float, 6.0, "schedule"),
        refetch_window_days=_value(schedule, "refetch_window_days", float, 3.0, "schedule"),
        retry_failed_hours=_value(schedule, "retry_failed_hours", float, 6.0, "schedule"),
        warc=warc is not False,
        warc_dir=(base_dir / warc) if isinstance(warc, str) else None,
        registry=[base_dir / p for p in _strings(data, "registry", "config")],
    )
    for path in config.registry:
        if not path.is_file():
            raise ConfigError(f"registry: no such file {path}")
    return config


def warc_folder_problem(folder: Path) -> str | None:
    """Why the crawl could not keep its WARC files in `folder` (a file, under a file, not writable), or None."""
    if folder.is_dir():
        return None if os.access(folder, os.W_OK | os.X_OK) else f"cannot write to the folder {folder}"
    if folder.exists() or folder.is_symlink():
        return f"{folder} is a file, not a folder"
    parent = folder.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        return f"cannot make the folder {folder}: {parent} is a file"
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"cannot make the folder {folder}: {parent} is not writable"
    return None


def _parse_story(item: Any, index: int, base_dir: Path) -> StoryConfig:
    """One story entry of the config."""
    where = f"stories[{index}]"
    item = _check_keys(item, where, {f.name for f in fields(StoryConfig)})
    name = _value(item, "name", str, None, where)
    if not name or not name.strip():
        raise ConfigError(f"{where}: every story needs a name")
    where = f"story {name!r}"
    follow_data = _check_keys(item.get("follow"), f"{where}.follow", {f.name for f in fields(FollowConfig)})
    follow = FollowConfig(
        max_depth=_value(follow_data, "max_depth", int, 1, f"{where}.follow"),
        max_per_host=_value(follow_data, "max_per_host", int, 20, f"{where}.follow"),
        same_host=_value(follow_data, "same_host", bool, False, f"{where}.follow"),
        allowed_hosts=[h.lower() for h in _strings(follow_data, "allowed_hosts", f"{where}.follow")],
    )
    story = StoryConfig(
        name=name.strip(),
        seeds=_urls(item, "seeds", where),
        url_files=[base_dir / p for p in _strings(item, "url_files", where)],
        sites=_urls(item, "sites", where),
        feeds=_urls(item, "feeds", where),
        sitemaps=_urls(item, "sitemaps", where),
        quotes=_strings(item, "quotes", where),
        search_terms=_strings(item, "search_terms", where),
        keywords=_strings(item, "keywords", where),
        search_quotes=_value(item, "search_quotes", bool, False, where),
        refresh_seeds=_value(item, "refresh_seeds", bool, False, where),
        max_age_days=_value(item, "max_age_days", float, 7.0, where),
        follow=follow,
    )
    for path in story.url_files:
        if not path.is_file():
            raise ConfigError(f"{where}.url_files: no such file {path}")
    if not any((story.seeds, story.url_files, story.sites, story.feeds, story.sitemaps, story.quotes,
                story.search_terms)):
        raise ConfigError(f"{where}: nothing to crawl (give seeds, url_files, sites, feeds, sitemaps, quotes or search_terms)")
    return story


def read_url_file(path: Path) -> list[str]:
    """http(s) URLs of a list file, one a line; blank lines and # comments skipped."""
    urls = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and line.startswith(("http://", "https://")) and is_http_url(line):
            urls.append(line)
    return urls


# ----- the run ------------------------------------------------------------------------------


@dataclass
class CrawlReport:
    """What a crawl run did."""

    run_id: int | None = None
    fetched: int = 0
    not_modified: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    errors: int = 0
    unanswered: int = 0  # fetches that failed before any server answered (DNS, refused, timeout)
    first_unanswered: str | None = None  # the first such fetch's error
    searches: int = 0
    pending: int = 0  # due pages left for the next run (limits reached)
    quotes_touched: int = 0
    seconds: float = 0.0
    status: str = "running"
    interrupted_by: str | None = None  # 'SIGTERM' or 'Ctrl-C (SIGINT)' when status is interrupted
    article_ids: list[int] = field(default_factory=list)

    @property
    def nothing_answered(self) -> bool:
        """Whether the run fetched and no server answered any of its requests (the network down, every address refused)."""
        return self.fetched > 0 and self.unanswered == self.fetched

    def summary(self) -> str:
        """One line for the terminal and the run record; each noun agrees with its count ("1 error")."""
        articles = "article" if self.new + self.changed + self.unchanged == 1 else "articles"
        counts = (
            f"{self.new} new, {self.changed} changed, {self.unchanged} unchanged {articles}; "
            f"{counted(self.fetched, 'fetch')} ({self.not_modified} not modified), {counted(self.searches, 'search')}, "
            f"{counted(self.errors, 'error')}"
        )
        if self.status == "interrupted":
            # Each page is saved in its own transaction and the trace is redone by the next run.
            left = f" and fetches the {counted(self.pending, 'page')} left" if self.pending else ""
            return (
                f"interrupted by {self.interrupted_by or 'Ctrl-C (SIGINT)'} after {self.seconds:.1f} s; saved "
                f"{counts}; quotes not traced yet: the next run traces them{left}"
            )
        left = f", {counted(self.pending, 'page')} left for the next run" if self.pending else ""
        return f"{counts}{left}; {counted(self.quotes_touched, 'quote')} traced in {self.seconds:.1f} s"


@contextmanager
def database_lock(db_path: str | Path, command: str = "crawl") -> Iterator[Path]:
    """Hold the writers' lock of a database (DB.lock beside it) for `command`, or raise CrawlLocked.

    Every command that writes a database takes it (crawl, track, import, trace, reanalyse, dask, demo):
    two writers at once failed half-way ("database is locked": SQLite cannot wait out a write that
    came between a transaction's read and its write), where the second now stops before it starts.
    """
    lock_path = Path(f"{db_path}.lock")
    handle = open(lock_path, "a+")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            match = LOCK_HOLDER_RE.match(handle.read().strip())
            holder, detail = (match["command"] or "crawl", match["detail"]) if match else ("crawl", "another process")
            raise CrawlLocked(
                f"another {holder} is running on {db_path} ({detail}); wait for it to finish or stop it"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{command}: pid {os.getpid()}, started {utc_now()}")
        handle.flush()
        yield lock_path
    finally:
        handle.close()  # closing releases the lock; the kernel does it too if we are killed


def crawl_lock(db_path: str | Path) -> contextlib.AbstractContextManager[Path]:
    """The database's writers' lock, held for a crawl."""
    return database_lock(db_path, "crawl")


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def listed_time(value: str | None) -> datetime | None:
    """The time a feed or sitemap lists for an entry; None when absent, unreadable or a placeholder (1970-01-01)."""
    return None if is_placeholder_time(value) else parse_utc(value)


def extract_page(html: str, url: str, fetched_at: str, more: tuple[tuple[str, str], ...] = ()) -> Article:
    """HTML -> Article for a fetched page; with `more`, the (html, url) of the story's later pages, read after it."""
    from scrapers.html import extract_article

    article = extract_article(html, url, fetched_at=fetched_at, source="fetch")
    return join_pages(article, [extract_article(page, address, fetched_at=fetched_at, source="fetch")
                                for page, address in more]) if more else article


# The registry of an analysis worker process, sent by the crawl when the worker starts.
_WORKER_REGISTRY = None


def _init_analysis_worker(registry: Any) -> None:
    """In a worker: keep the crawl's registry (provenance.workers ends it with the crawl)."""
    global _WORKER_REGISTRY
    _WORKER_REGISTRY = registry


def analyse_page(html: str, url: str, fetched_at: str, registry=None, saved_text: str | None = None,
                 more: tuple[tuple[str, str], ...] = ()) -> tuple[str, Any]:
    """("ok", Analysis) for a page, or (failed stage, one-line message); never raises.

    ("volatile", None) when the page's text differs from `saved_text`, its article's as saved, only in lines that
    change at every fetch ("Updated 12 minutes ago", a clock, a view counter): not analysed, no new version.
    """
    from scrapers.html import differs_only_in_volatile_lines

    stage = "extract"
    try:
        article = extract_page(html, url, fetched_at, more)
        if saved_text is not None and differs_only_in_volatile_lines(saved_text, article.text):
            return "volatile", None
        stage = "analyse"
        return "ok", analyse_article(article, registry if registry is not None else _WORKER_REGISTRY)
    except Exception as exc:
        return stage, f"{type(exc).__name__}: {exc}"


def _broke(future: Future, pool: ProcessPoolExecutor) -> bool:
    """Whether `future` failed because a worker died, and `pool` is the pool that died with it.

    Every page in flight fails with the worker; the pool is replaced once, on the first of them.
    """
    if not isinstance(future.exception(), BrokenProcessPool):
        return False
    try:
        pool.submit(os.getpid).result()
    except BrokenProcessPool:
        return True
    return False


@dataclass
class StoryRead:
    """What a fetch of a story's first page read of its later pages this run."""

    pages: list[FetchResult] = field(default_factory=list)  # the later pages, in order, each with its body
    checked: list[FetchResult] = field(default_factory=list)  # their conditional answers, after a 304 of the first
    asked: list[FetchResult] = field(default_factory=list)  # the requests this fetch made besides its last, to record
    deferred: FetchResult | None = None  # a later page whose turn waits for a later run: the story waits with it

    def fresh(self) -> list[FetchResult]:
        """The answers for later pages that this fetch asked for itself (another twin's are recorded by it)."""
        asked = {id(page) for page in self.asked}
        return [page for page in [*self.checked, *self.pages] if id(page) in asked]


def due_rows_sql(kinds: int, stories: int) -> str:
    """The frontier rows due now: parameters are the kinds, the stories, the time now, the horizon and a limit.

    The first condition on state is the partial index's (migration 7), word for word, so that a
    frontier of many rows done for good is not read through. A row scheduled past the horizon (later
    than any interval sets) was scheduled by a clock that was ahead, and is due now.
    """
    return (
        f"select * from crawl_urls where kind in ({', '.join('?' * kinds)}) "
        f"and story in ({', '.join('?' * stories)}) and {DUE} "
        "and (state = 'pending' or next_fetch_at <= ? or next_fetch_at > ?) "
        "order by depth, found_at, url limit ?"
    )


def schedule_horizon(config: CrawlConfig) -> timedelta:
    """The longest a run schedules anything ahead (a home page, a refetch, a retry, a search), and an hour."""
    hours = max(24 * config.feed_interval_hours, config.refetch_interval_hours, config.retry_failed_hours,
                config.search.interval_hours, config.fetch.robots_hours)
    return timedelta(hours=hours + 1)


class Crawl:
    """One crawl run over an open database."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        config: CrawlConfig,
        *,
        fetcher: Fetcher | None = None,
        search: SearchSource | None = None,
        progress: Callable[[CrawlReport], None] | None = None,
        command: str = "crawl",
    ) -> None:
        self.db = db
        self.config = config
        self.fetcher = fetcher or Fetcher(config.fetch)
        self._own_fetcher = fetcher is None
        if search is None and config.search.source == "gdelt":
            search = GdeltSearch(self.fetcher, base_url=config.search.base_url,
                                 extra_query=config.search.extra_query, delay=config.search.delay)
        self.search_source = search
        self.progress = progress
        self.command = command
        self.report = CrawlReport()
        self.stories = {story.name: story for story in config.stories}
        self.attempted: set[str] = set()
        # Page addresses requested this run -> the frontier URL whose fetch requested them (its own
        # address, or one its redirects reached); another row reaching one is settled from that fetch.
        self.claims: dict[str, str] = {}
        # Page addresses listed in the frontier, due this run: a redirect reaching one before its own row is
        # fetched stops there, so that its row asks for it and each request has its own row in `fetches`.
        self.listed: set[str] = set()
        self._claims_lock = threading.Lock()
        self.copies: list[tuple[str, str]] = []  # (frontier URL, frontier URL whose fetch had its page)
        self.later_pages: dict[str, StoryRead] = {}  # frontier URL -> the later pages of its story read with it
        self.story_reads: dict[str, StoryRead] = {}  # the same, until its article is known (see _keep_story_pages)
        self.page_reads: dict[str, FetchResult] = {}  # later page address -> this run's answer, shared by its twins
        self._page_locks: dict[str, threading.Lock] = {}
        self.recorded_pages: set[str] = set()  # the keys of `page_reads` whose answer is in `fetches`
        self.parts: set[str] = set()  # the addresses of later pages read with their story's first page this run
        self.deferred: set[str] = set()  # pages whose fetch waits for a later run (host busy, run stopped)
        self.host_counts: dict[str, Counter[str]] = {}
        self.deadline = time.monotonic() + config.max_minutes * 60
        self.fetcher.run_deadline = self.deadline  # a host's turn after the run's end waits for the next run
        self.registry = None
        self.warc = None

    # -- bookkeeping

    def now(self) -> datetime:
        return datetime.now(timezone.utc)

    def _later(self, hours: float) -> str:
        return _iso(self.now() + timedelta(hours=hours))

    def _horizon(self) -> str:
        """A time no schedule reaches: one later was set by a clock that was ahead (see due_rows_sql)."""
        return _iso(self.now() + schedule_horizon(self.config))

    def _tick(self) -> None:
        if self.progress is not None:
            self.progress(self.report)

    def record_fetch(self, result: FetchResult, *, counted: bool = True, fetched_as: str = "article") -> None:
        """A row in `fetches` for one fetch (and robots.txt fetches made meanwhile); `errors` when it failed.

        `fetched_as` (article, site, feed, sitemap, search; robots for the side fetches) goes into
        the page's WARC record, so an import of the archive skips what is no article.
        """
        key = clean_url(result.url)
        if self.page_reads.get(key) is result:  # a later page's answer, shared by its readers (`_read_page`)
            if key in self.recorded_pages:
                return
            self.recorded_pages.add(key)
        for side in self.fetcher.drain_side_fetches():
            self.record_fetch(side, counted=False, fetched_as="robots")
        for read in self.fetcher.robots.drain_read():  # kept for the next runs: asked for once a day, not every run
            self.db["crawl_robots"].upsert({"origin": read.origin, "status": read.status, "body": read.body,
                                            "fetched_at": utc_time(read.fetched_at)}, pk="origin")
        if counted:
            self.report.fetched += 1
        self.report.not_modified += int(result.not_modified)
        self.db["fetches"].insert({
            "run_id": self.report.run_id, "url": result.url, "final_url": result.final_url,
            "status": result.status, "bytes": result.bytes, "elapsed_ms": result.elapsed_ms,
            "content_type": result.content_type, "error": result.error, "fetched_at": result.fetched_at,
            "not_modified": int(result.not_modified),
        })
        # a missing robots.txt is no error (its absence is in `fetches`), nor a page whose next request waits for a later run
        if result.error and counted and not result.deferred:
            self.record_error(result.url, "fetch", result.error)
            if result.status is None:
                self.report.unanswered += 1
                self.report.first_unanswered = self.report.first_unanswered or f"{result.url}: {result.error}"
        if self.warc is not None and result.status and result.body:
            try:
                self.warc.write_response(result.final_url, result.status, result.headers, result.body, result.fetched_at,
                                         fetched_as=fetched_as)
            except OSError as exc:
                LOGGER.error("cannot write WARC record for %s: %s", result.final_url, exc)

    def record_error(self, source: str, stage: str, message: str, item: str = "") -> None:
        """Keep one failure in `errors` under this run."""
        self.report.errors += 1
        record_error(self.db, run_id=self.report.run_id, source=source, item=item, stage=stage, message=message)

    def enqueue(self, url: str, story: str, kind: str, *, depth: int = 0, found_from: str | None = None,
                published: str | None = None, claim: bool = False) -> bool:
        """Add a URL to the frontier unless it is there already; True when added.

        With `claim`, a URL that another story found (one not in this config, e.g. an earlier
        `track`) becomes this story's, so this config's runs keep it up to date.
        """
        if not is_http_url(url.strip()):  # a malformed search hit: nothing to fetch
            LOGGER.info("not enqueued, malformed URL: %r", url)
            return False
        url = clean_url(url)
        if claim:
            marks = ", ".join("?" for _ in self.stories)
            self.db.execute(
                f"update crawl_urls set story = ?, kind = ?, depth = 0, state = 'pending' "
                f"where url = ? and state != 'refused' and story not in ({marks})",
                [story, kind, url, *self.stories])
        cursor = self.db.execute(
            "insert or ignore into crawl_urls (url, story, kind, depth, found_from, found_at, state, published) "
            "values (?, ?, ?, ?, ?, ?, 'pending', ?)",
            [url, story, kind, depth, found_from, utc_now(), published],
        )
        if cursor.rowcount > 0 and kind in PAGE_KINDS:
            with self._claims_lock:
                self.listed.add(url)
        return cursor.rowcount > 0

    # -- the run

    def run(self) -> CrawlReport:
        """Register, discover, search, fetch, trace; the run record says how it went."""
        started = time.perf_counter()
        self._make_warc_folder()
        ensure_db_shape(self.db)
        close_stale_runs(self.db)  # run_crawl holds the lock: a run still 'running' was killed
        self.report.run_id = start_run(self.db, self.command)
        try:
            registry_files = run_registry_files(self.db, self.config.registry)  # else those the database keeps
            refresh_registry_outlets(self.db, load_registry(registry_files))
            self.registry = load_pipeline_registry(self.db, registry_files)
            self._open_warc()
            self._remember_robots()
            self.warn_of_dropped_stories()
            self.register_stories()
            self.discover()
            self.search_story_quotes(explicit=True)
            self.fetch_pages()
            if any(story.search_quotes for story in self.config.stories):
                if self.search_story_quotes(explicit=False):
                    self.fetch_pages()
            self.report.pending = self._count_due()
            self.report.quotes_touched = len(update_after_import(
                self.db, extra_registry=registry_files, run_id=self.report.run_id
            ))
        except KeyboardInterrupt as error:
            self.report.seconds = time.perf_counter() - started
            self.report.status = "interrupted"
            self.report.interrupted_by = describe_interruption(error)
            self.report.pending = self._count_due_after_interruption()
            finish_run(self.db, self.report.run_id, "interrupted", summary=self.report.summary(), **self._counts())
            raise CrawlInterrupted(self.report, self.command) from error
        except BaseException as error:
            self.report.seconds = time.perf_counter() - started
            self.report.status = "failed"
            finish_run(self.db, self.report.run_id, self.report.status,
                       summary=f"{self.report.summary()}; {type(error).__name__}: {error}", **self._counts())
            raise
        finally:
            self._close()
        self.report.seconds = time.perf_counter() - started
        self.report.status = "ok"
        finish_run(self.db, self.report.run_id, "ok", summary=self.report.summary(), **self._counts())
        return self.report

    def _counts(self) -> dict[str, int]:
        return {"articles_new": self.report.new, "articles_changed": self.report.changed,
                "articles_unchanged": self.report.unchanged, "errors": self.report.errors}

    def _warc_folder(self) -> Path:
        """Where this run keeps its WARC file: the config's folder, or `warc` beside the database."""
        return self.config.warc_dir or Path(database_file(self.db) or "").parent / "warc"

    def _make_warc_folder(self) -> None:
        """Create the WARC folder before the run starts; ConfigError when it cannot be (a file in the way)."""
        if not self.config.warc:
            return
        folder = self._warc_folder()
        problem = warc_folder_problem(folder)
        if problem is None:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                problem = f"cannot make the folder {folder}: {exc.strerror or exc}"
        if problem:
            where = "config.warc" if self.config.warc_dir else "the WARC folder beside the database"
            raise ConfigError(f"{where}: {problem} (set warc: to another folder, or false to keep no WARC)")

    def _open_warc(self) -> None:
        """Start this run's WARC file: warc/COMMAND-RUN-TIME.warc.gz."""
        if not self.config.warc:
            return
        from scrapers.warc import WarcWriter

        folder = self._warc_folder()
        stamp = self.now().strftime("%Y%m%dT%H%M%SZ")
        self.warc = WarcWriter(folder / f"{self.command}-{self.report.run_id:05d}-{stamp}.warc.gz")
        self.warc.open()

    def _close(self) -> None:
        if self.warc is not None:
            self.warc.close(drop_empty=True)  # a run that fetched no page (all 304s, nothing due) leaves no file
        if self._own_fetcher:
            self.fetcher.close()

    def _remember_robots(self) -> None:
        """Give the fetcher the robots.txt files earlier runs read within `robots_hours`."""
        since = utc_time(time.time() - self.config.fetch.robots_hours * 3600)
        # one read "later" than now was read by a clock that was ahead: its age is unknown, so it is read again
        for row in self.db.query("select * from crawl_robots where fetched_at >= ? and fetched_at <= ?",
                                 [since, utc_now()]):
            when = parse_utc(row["fetched_at"])
            if when is not None:
                self.fetcher.robots.remember(RobotsRead(row["origin"], row["status"], row["body"] or "", when.timestamp()))

    def dropped_stories(self) -> list[tuple[str, str]]:
        """The stories earlier crawls followed within the schedule's horizon that this config names no more, with when.

        A config cut short after a complete line still parses, and loses the stories at its end: their
        frontier rows are not due for a config that does not name them. A story dropped on purpose is
        named for a day (the horizon), until its last fetch or search is older; `track`'s are not stories.
        """
        since = _iso(self.now() - schedule_horizon(self.config))
        known = {row[0] for row in self.db.execute("select distinct story from crawl_urls")}
        known |= {row[0] for row in self.db.execute("select distinct story from crawl_searches")}
        dropped = []
        for story in sorted(name for name in known if name and name not in self.stories and not name.startswith("track: ")):
            last = self.db.execute(
                "select max(at) from (select max(last_fetched_at) as at from crawl_urls where story = ? "
                "union all select max(searched_at) from crawl_searches where story = ?)", [story, story]).fetchone()[0]
            if last is not None and last >= since:
                dropped.append((story, last))
        return dropped

    def warn_of_dropped_stories(self) -> None:
        """A warning for each story the runs before followed that the config no longer names (see dropped_stories)."""
        if self.command != "crawl":
            return
        for story, last in self.dropped_stories():
            LOGGER.warning(
                "the config names no story %r, which the runs before followed (last fetched or searched %s): its pages "
                "are not fetched again; a config cut short loses the stories at its end", story, last[:16].replace("T", " "),
            )

    def register_stories(self) -> None:
        """Put every story's seeds, sites, feeds and sitemaps in the frontier."""
        with self.db.atomic():
            for story in self.config.stories:
                seeds = list(story.seeds)
                for path in story.url_files:
                    try:
                        seeds.extend(read_url_file(path))
                    except OSError as exc:
                        self.record_error(str(path), "read", f"cannot read URL list: {exc}")
                for url in seeds:
                    self.enqueue(url, story.name, "seed", claim=True)
                    if story.refresh_seeds:
                        self.db.execute("update crawl_urls set state = 'pending' where url = ? and state != 'refused'",
                                        [clean_url(url)])
                for kind, urls in (("home", story.sites), ("feed", story.feeds), ("sitemap", story.sitemaps)):
                    for url in urls:
                        self.enqueue(url, story.name, kind, claim=True)

    def _due(self, kinds: tuple[str, ...], limit: int | None = None, *, tried: bool = False) -> list[dict]:
        """Frontier rows of these kinds that are pending, or due again, not yet tried this run (`tried`: tried too)."""
        # Rows tried this run are mostly no longer due; the margin covers those that are.
        sql_limit = -1 if limit is None else limit + len(self.attempted)
        rows = self.db.query(
            due_rows_sql(len(kinds), len(self.stories)),
            [*kinds, *self.stories, utc_now(), self._horizon(), sql_limit]
        )
        due = [row for row in rows if tried or row["url"] not in self.attempted]
        return due if limit is None else due[:limit]

    def _count_due(self) -> int:
        return len(self._due(PAGE_KINDS)) + len(self.deferred)

    def _count_due_after_interruption(self) -> int:
        """The pages due for the next run, or 0 when the database cannot say right now.

        Those whose fetch the interruption ended were tried this run and are still due: they count, where
        a run stopped with its whole queue in flight said nothing of the pages left.
        """
        try:
            return len({row["url"] for row in self._due(PAGE_KINDS, tried=True)} | self.deferred)
        except sqlite3.Error as error:
            LOGGER.warning("could not count the pages left: %s", error)
            return 0

    def _out_of_time(self) -> bool:
        return time.monotonic() > self.deadline or self.report.fetched >= self.config.max_pages

    def _update_url(self, url: str, result: FetchResult | None, **values: Any) -> None:
        """Update a frontier row after a fetch: validators, status, counts and `values`."""
        row = self.db["crawl_urls"].get(url)
        update: dict[str, Any] = {"fetch_count": (row["fetch_count"] or 0) + 1}
        if result is not None:
            update.update(last_status=result.status, last_error=result.error, last_fetched_at=result.fetched_at,
                          final_url=result.final_url)
            if result.not_modified:  # a 304 confirms the validators we sent; it need not repeat both
                update.update(etag=result.etag or row["etag"], last_modified=result.last_modified or row["last_modified"])
            elif result.etag or result.last_modified:
                update.update(etag=result.etag, last_modified=result.last_modified)
            if result.error and not result.not_modified:
                errors = (row["error_count"] or 0) + 1
                # Refused for good (robots.txt Disallow, private address), also after a redirect;
                # refused for now (robots.txt unavailable, DNS) is retried like any failure.
                refused = result.refused == "permanent"
                retry = (not refused and not result.lasting and result.status not in NO_RETRY_STATUSES
                         and errors < self.config.max_attempts)
                update.update(error_count=errors, state="refused" if refused else "failed",
                              next_fetch_at=self._later(self.config.retry_failed_hours) if retry else None)
        update.update(values)
        self.db["crawl_urls"].update(url, update)

    # -- discovery

    def discover(self) -> None:
        """Read due home pages (for feeds and sitemaps), feeds and sitemaps; enqueue their articles."""
        for kind in DISCOVERY_KINDS:  # homes first: they add feeds and sitemaps
            for row in self._due((kind,)):
                if self._out_of_time():
                    return
                self.attempted.add(row["url"])
                story = self.stories[row["story"]]
                try:
                    {"home": self._read_home, "feed": self._read_feed, "sitemap": self._read_sitemap}[kind](row, story)
                except Exception as exc:  # a broken feed is a recorded error, not a failed run
                    LOGGER.exception("reading %s %s failed", kind, row["url"])
                    with self.db.atomic():
                        self.record_error(row["url"], "discover", f"{type(exc).__name__}: {exc}")
                self._tick()

    def _read_home(self, row: dict, story: StoryConfig) -> None:
        # Asked for conditionally: a 304 advertises the feeds it did, which the frontier has.
        result = self.fetcher.fetch(row["url"], accept=HTML_TYPES, **self._validators(row))
        if result.deferred:
            return
        answered = result.ok or result.not_modified
        feeds = discover_feeds(result.text, result.final_url) if result.ok else []
        sitemaps = self.fetcher.robots.sitemaps(result.final_url) if answered and self.config.fetch.respect_robots else []
        with self.db.atomic():
            self.record_fetch(result, fetched_as="site")
            for url in feeds:
                self.enqueue(url, story.name, "feed", found_from=row["url"])
            for url in sitemaps:
                self.enqueue(url, story.name, "sitemap", found_from=row["url"])
            self._update_discovery(row["url"], result, answered, hours=24 * self.config.feed_interval_hours)

    @staticmethod
    def _validators(row: dict) -> dict[str, str | None]:
        """The conditional-request arguments of a frontier row: its validators, for the address that gave them."""
        return {"etag": row["etag"], "last_modified": row["last_modified"], "validated_url": row["final_url"] or row["url"]}

    def _update_discovery(self, url: str, result: FetchResult | None, ok: bool, hours: float | None = None,
                          **values: Any) -> None:
        """Schedule a home page, feed or sitemap again: a failing one too, for it is the config's."""
        hours = self.config.feed_interval_hours if hours is None else hours
        if ok and result is not None and result.not_modified:
            before = self.db["crawl_urls"].get(url)
            if before["state"] == "failed" and before["last_status"] in (200, 304):
                # the body that was no feed (sitemap, page) when last read, unchanged: failed still, for that reason
                ok = False
                values.setdefault("last_error", before["last_error"])
        if not ok:
            hours = max(hours, self.config.retry_failed_hours)
        self._update_url(url, result, **({"state": "done"} if ok else {}), next_fetch_at=self._later(hours), **values)

    def _too_old(self, story: StoryConfig, published: str | None) -> bool:
        moment = listed_time(published)
        return moment is not None and moment < self.now() - timedelta(days=story.max_age_days)

    def _read_feed(self, row: dict, story: StoryConfig) -> None:
        result, entries = fetch_feed(self.fetcher, row["url"], **self._validators(row), max_items=self.config.max_feed_items)
        if result.deferred:
            return
        with self.db.atomic():
            self.record_fetch(result, fetched_as="feed")
            added = 0
            for entry in entries:
                if story.wants(entry.title, entry.url) and not self._too_old(story, entry.published):
                    added += self.enqueue(entry.url, story.name, "article", found_from=row["url"],
                                          published=entry.published)
            self._update_discovery(row["url"], result, result.ok or result.not_modified)
        LOGGER.info("feed %s: %s, %d new", row["url"], counted(len(entries), "entry", "entries"), added)

    def _read_sitemap(self, row: dict, story: StoryConfig) -> None:
        since = _iso(self.now() - timedelta(days=story.max_age_days))[:10]
        walk = walk_sitemaps(self.fetcher, [row["url"]], since=since, known=self._known_sitemaps(row))
        if walk.fetches and walk.fetches[0].deferred:
            return
        with self.db.atomic():
            for result in walk.fetches:
                self.record_fetch(result, fetched_as="sitemap")
            for url in walk.over_limit:
                self.record_error(url, "discover", f"the sitemap lists more than {MAX_SITEMAP_URLS} entries "
                                  f"(the sitemaps.org limit); the first {MAX_SITEMAP_URLS} were read")
            for url, why in walk.damaged:
                self.record_error(url, "discover", f"the sitemap is damaged ({why}); the entries before the damage were read")
            for entry in walk.entries:
                if story.wants(entry.news_title, entry.url):
                    self.enqueue(entry.url, story.name, "article", found_from=row["url"], published=entry.when)
            self._save_child_sitemaps(walk, story)
            first = walk.fetches[0] if walk.fetches else None
            root = walk.states.get(row["url"])
            self._update_discovery(row["url"], first, first is not None and first.error is None,
                                   **({"content_hash": root.content_hash} if root else {}))

    def _known_sitemaps(self, row: dict) -> dict[str, SitemapState]:
        """What earlier runs learnt of a sitemap (its frontier row) and of the child sitemaps under it."""
        known = {row["url"]: SitemapState(row["url"], None, row["etag"], row["last_modified"], row["content_hash"],
                                          None, row["last_fetched_at"], row["final_url"])}
        children = [
            SitemapState(r["url"], r["found_from"], r["etag"], r["last_modified"], r["content_hash"], r["published"],
                         r["last_fetched_at"], r["final_url"])
            for r in self.db.query("select * from crawl_urls where kind = ?", [CHILD_SITEMAP])
        ]
        parents = {row["url"]}
        while True:  # the children under this sitemap, however deep the indexes nest
            under = [c for c in children if c.parent in parents and c.url not in known]
            if not under:
                return known
            for child in under:
                known[child.url] = child
            parents = {child.url for child in under}

    def _save_child_sitemaps(self, walk: SitemapWalk, story: StoryConfig) -> None:
        """Keep what the walk learnt of the child sitemaps (validators, hash, lastmod); forget those no longer listed."""
        for state in walk.states.values():
            if state.parent is None:
                continue
            # As the index lists it (not clean_url's form): it is looked up by that address, never fetched as a page.
            self.db.execute(
                "insert or ignore into crawl_urls (url, story, kind, depth, found_at, state) values (?, ?, ?, 0, ?, 'done')",
                [state.url, story.name, CHILD_SITEMAP, utc_now()])
            self.db.execute(
                "update crawl_urls set found_from = ?, etag = ?, last_modified = ?, content_hash = ?, published = ?, "
                "last_fetched_at = ?, final_url = ? where url = ? and kind = ?",
                [state.parent, state.etag, state.last_modified, state.content_hash, state.lastmod, state.read_at,
                 state.final_url, state.url, CHILD_SITEMAP])
        for index, listed in walk.children.items():
            keep = set(listed)
            gone = [r["url"] for r in self.db.query("select url from crawl_urls where kind = ? and found_from = ?",
                                                   [CHILD_SITEMAP, index]) if r["url"] not in keep]
            for url in gone:
                self.db.execute("delete from crawl_urls where url = ? and kind = ?", [url, CHILD_SITEMAP])

    # -- quote search

    def _story_phrases(self, story: StoryConfig, explicit: bool) -> list[tuple[str, str]]:
        """(phrase to search, what it came from) for a story."""
        phrases: list[tuple[str, str]] = []
        if explicit:
            phrases += [(p, "quote") for q in story.quotes if (p := search_phrase(q))]
            phrases += [(t, "term") for t in story.search_terms]
            return phrases
        if not story.search_quotes:
            return []
        rows = self.db.query(
            "select o.text from quote_occurrences o join crawl_urls u on u.article_id = o.article_id "
            "where u.story = ? and u.kind = 'seed' and o.kind in ('speech', 'document') "
            "order by o.article_id, o.start",
            [story.name],
        )
        for row in rows:
            phrase = search_phrase(row["text"], min_words=6)
            if phrase and phrase not in {p for p, _ in phrases}:
                phrases.append((phrase, "seed quote"))
        return phrases[: self.config.search.max_quotes]

    def search_story_quotes(self, *, explicit: bool) -> int:
        """Search each story's phrases that are due; enqueue the hits. Returns URLs added."""
        if self.search_source is None:
            return 0
        added = 0
        source = self.search_source.name
        for story in self.config.stories:
            for phrase, origin in self._story_phrases(story, explicit):
                if self._out_of_time():
                    return added
                row = next(self.db.query(
                    "select next_search_at from crawl_searches where story = ? and source = ? and phrase = ?",
                    [story.name, source, phrase]), None)
                if row is not None and utc_now() < (row["next_search_at"] or "9") <= self._horizon():
                    continue
                try:
                    result = self.search_source.search(phrase, max_records=self.config.search.max_records,
                                                       timespan=self.config.search.timespan)
                except Exception as exc:  # a broken search is a recorded error, not a failed run
                    LOGGER.exception("search for %r failed", phrase)
                    with self.db.atomic():
                        self.record_error(f"{source}: {phrase}", "search", f"{type(exc).__name__}: {exc}")
                    continue
                self.report.searches += 1
                with self.db.atomic():
                    if result.fetch is not None:
                        self.record_fetch(result.fetch, fetched_as="search")
                        if result.error and not result.fetch.error:
                            self.record_error(result.fetch.url, "search", result.error)
                    new = 0
                    for hit in result.hits:
                        new += self.enqueue(hit.url, story.name, "search", found_from=f"{origin}: {phrase}",
                                            published=hit.seen_at)
                    added += new
                    self.db["crawl_searches"].upsert({
                        "story": story.name, "source": source, "phrase": phrase, "searched_at": utc_now(),
                        "next_search_at": self._later(self.config.search.interval_hours),
                        "hits": len(result.hits), "new_urls": new, "error": result.error,
                    }, pk=("story", "source", "phrase"))
                self._tick()
        return added

    # -- pages

    def fetch_pages(self) -> None:
        """Fetch every due page (and the sources they cite) within the run's limits.

        Fetches run on threads; extraction and analysis run inline, or on `analysis_workers`
        processes; saving is always here, one page per transaction.
        """
        workers = max(1, self.config.workers)
        due = {row["url"] for row in self._due(PAGE_KINDS)}
        with self._claims_lock:
            self.listed |= due
        processes = self._start_analysis_pool()
        fetching: dict[Future, dict] = {}
        analysing: dict[Future, tuple[dict, FetchResult, str]] = {}
        try:
            with ThreadPoolExecutor(max_workers=workers) as threads, self._stopping_fetches():
                while True:
                    room = self.config.max_pages - self.report.fetched - len(fetching) - len(analysing)
                    want = min(room, workers * 2 - len(fetching))
                    # Refill when half the fetches are done: one frontier query per several pages.
                    copies = 0
                    if len(fetching) <= workers // 2 and want > 0 and not self._out_of_time():
                        for row in self._due(PAGE_KINDS, limit=want):
                            self.attempted.add(row["url"])
                            owner = self._claim(row["url"], row["url"])
                            if owner is not None:  # a redirect of this run reached it: not requested again
                                self.copies.append((row["url"], owner))
                                copies += 1
                                continue
                            future = threads.submit(self._fetch_story, row, self._stored_pages(row))
                            fetching[future] = row
                    if not fetching and not analysing:
                        if copies:
                            continue  # the rows after them may be due
                        break
                    done, _ = wait([*fetching, *analysing], return_when=FIRST_COMPLETED)
                    for future in done:
                        if future in fetching:
                            row = fetching.pop(future)
                            self._guarded(row, self._fetched, row, future, processes, analysing)
                        else:
                            row, result, digest = analysing.pop(future)
                            if processes is not None and _broke(future, processes):
                                LOGGER.error("an analysis worker died on %s; starting new workers", row["url"])
                                processes.shutdown(wait=True, cancel_futures=True)
                                processes = self._start_analysis_pool()
                            self._guarded(row, self._analysed, row, result, digest, future)
                        self._tick()
            self._settle_copies()
        finally:
            if processes is not None:
                processes.shutdown(wait=True, cancel_futures=True)

    def _stored_pages(self, row: dict) -> list[dict]:
        """The frontier rows of the later pages a saved story in pages was read with, in page order (none: not one)."""
        if row["article_id"] is None or story_page(row["url"]) is not None:
            return []
        rows = self.db.query("select url, etag, last_modified, content_hash, final_url from crawl_urls "
                             "where article_id = ? and url != ? and content_hash is not null", [row["article_id"], row["url"]])
        numbered = [(page[1], stored) for stored in rows if (page := story_page(stored["url"])) is not None]
        return [stored for _, stored in sorted(numbered, key=lambda item: item[0])]

    def _fetch_story(self, row: dict, stored: list[dict] = ()) -> FetchResult:
        """Fetch a frontier row's page, and the later pages of a story in pages (kept in `later_pages`).

        A first page answering 304 has its `stored` later pages asked for conditionally: when one of them
        changed (or is gone), the first page is asked for again unconditionally and the story read whole.
        """
        read = StoryRead()
        follow = partial(self._may_follow, row["url"])
        if story_page(row["url"]) is not None:  # a later page listed on its own: asked for once, its story reading it too
            result, _ = self._read_page(row["url"], self._validators(row), follow=follow)
        else:
            result = self.fetcher.fetch(row["url"], accept=HTML_TYPES, follow=follow, **self._validators(row))
        if result.not_modified and stored and self._pages_changed(stored, read):
            read.asked.insert(0, result)
            result = self.fetcher.fetch(row["url"], accept=HTML_TYPES, follow=partial(self._may_follow, row["url"]))
        if result.ok:
            self._read_later_pages(row, result, read)
        if read.deferred is not None:  # not saved half: the whole story waits for the run that can read it all
            result = replace(result, deferred=True, error=f"deferred: its later page {read.deferred.url} waits: "
                                                          f"{(read.deferred.error or '').removeprefix('deferred: ')}")
        if read.asked or read.checked or read.pages:
            with self._claims_lock:
                self.later_pages[row["url"]] = read
        return result

    def _pages_changed(self, stored: list[dict], read: StoryRead) -> bool:
        """Whether a later page of a story answers other than when it was read: a new body, or gone."""
        for page_row in stored:
            page, fresh = self._read_page(page_row["url"], self._validators(page_row))
            if fresh:
                read.asked.append(page)
            read.checked.append(page)
            if page.deferred:
                read.deferred = page
                return False
            if page.not_modified or (page.ok and body_hash(page.body) == page_row["content_hash"]):
                continue
            if page.ok or page.status in GONE_STATUSES:
                return True
        return False

    def _read_later_pages(self, row: dict, result: FetchResult, read: StoryRead) -> None:
        """The later pages of the story whose first page `result` is, each read once a run (its twins share it)."""
        page = result
        seen = {clean_url(result.final_url)}
        while len(read.pages) < MAX_STORY_PAGES - 1:
            previous, following = page_links(page.text, page.final_url)
            if following is None or (page is result and previous is not None):  # a later page: see _fetched
                break
            if clean_url(following) in seen:
                break
            seen.add(clean_url(following))
            with self._claims_lock:
                self.parts.add(clean_url(following))
            self._claim(following, row["url"])  # a row of its own listing it is one of no story (see _later_page)
            page, fresh = self._read_page(following)
            if fresh:
                read.asked.append(page)
            if page.deferred:
                read.deferred = page
                break
            if not page.ok:
                break
            read.pages.append(page)

    def _read_page(self, url: str, validators: dict[str, str | None] | None = None,
                   follow: Callable[[str], bool] | None = None) -> tuple[FetchResult, bool]:
        """This run's answer for a later page of a story, and whether it was asked for now (False: read before,
        or deferred before any request: no row in `fetches`).

        A page is asked for once a run whichever twin of its story reads it, and its own frontier row
        (listed on its own in a feed or a sitemap) too, whichever asks first; a conditional answer (304)
        will not do for a reader that needs the body, which asks again. The answer is recorded once
        (`record_fetch`).
        """
        key = clean_url(url)
        with self._claims_lock:
            lock = self._page_locks.setdefault(key, threading.Lock())
        with lock:
            before = self.page_reads.get(key)
            if before is not None and (validators is not None or not before.not_modified):
                return before, False
            page = self.fetcher.fetch(url, accept=HTML_TYPES, follow=follow, **(validators or {}))
            if not page.deferred:
                self.page_reads[key] = page
            return page, not page.deferred or page.status is not None

    def _claim(self, url: str, owner: str) -> str | None:
        """Claim a page address for the fetch of frontier URL `owner`; the other owner when it was claimed."""
        with self._claims_lock:
            first = self.claims.setdefault(clean_url(url), owner)
        return None if first == owner else first

    def _may_follow(self, owner: str, target: str) -> bool:
        """Whether the fetch of `owner` may follow a redirect to `target`: not when another fetch requested it,
        nor when `target` is a row of its own due this run (its own fetch asks for it, in this batch or a later one).
        """
        key = clean_url(target)
        with self._claims_lock:
            if key in self.listed and key != owner:
                self.claims.setdefault(key, key)
        return self._claim(target, owner) is None

    def _settle_copies(self) -> None:
        """Give rows whose page another fetch of this run had that fetch's outcome (article, schedule)."""
        owners = dict(self.copies)
        with self.db.atomic():
            for url, owner in self.copies:
                seen = {url}
                while owner in owners and owners[owner] not in seen:  # that fetch's page came from another one
                    seen.add(owner)
                    owner = owners[owner]
                source = self.db["crawl_urls"].get(owner)
                if url in self.parts:  # a later page of a story: asked for with its first page, never on its own;
                    # its validators and body hash are its own (`_keep_story_pages`), asked for when the first answers 304
                    self.db["crawl_urls"].update(url, {"state": source["state"], "article_id": source["article_id"],
                                                       "next_fetch_at": None})
                    continue
                self.db["crawl_urls"].update(url, {
                    "state": source["state"], "article_id": source["article_id"], "content_hash": source["content_hash"],
                    "final_url": source["final_url"] or owner, "next_fetch_at": source["next_fetch_at"],
                })
        self.copies.clear()

    @contextmanager
    def _stopping_fetches(self) -> Iterator[None]:
        """On Ctrl-C or SIGTERM, end the fetches in progress so that their threads can be joined."""
        try:
            yield
        except BaseException:
            self.fetcher.stop()
            raise

    def _start_analysis_pool(self) -> ProcessPoolExecutor | None:
        """Worker processes for extraction and analysis (from a fork server: see provenance.workers)."""
        if self.config.analysis_workers <= 1:
            return None
        pool = process_pool(self.config.analysis_workers, _init_analysis_worker, (self.registry,))
        # Start every worker now, so the first pages do not wait for them.
        for future in [pool.submit(os.getpid) for _ in range(self.config.analysis_workers * 2)]:
            future.result()
        return pool

    def _guarded(self, row: dict, handler: Callable[..., None], *args: Any) -> None:
        """Run a page handler; an exception is that page's recorded error, not the run's end."""
        try:
            handler(*args)
        except Exception as exc:
            LOGGER.exception("page %s failed", row["url"])
            with self.db.atomic():
                self.record_error(row["url"], "crawl", f"{type(exc).__name__}: {exc}")
                self._update_url(row["url"], None, state="failed", last_error=str(exc),
                                 error_count=(row["error_count"] or 0) + 1, next_fetch_at=None)

    def _fetched(self, row: dict, future: Future, processes: ProcessPoolExecutor | None,
                 analysing: dict[Future, tuple[dict, FetchResult, str]]) -> None:
        """A fetch finished: record it now, or send the page on to analysis."""
        result: FetchResult = future.result()
        with self._claims_lock:
            read = self.later_pages.pop(row["url"], None) or StoryRead()
        if read.asked:
            with self.db.atomic():
                for page in read.asked:
                    self.record_fetch(page)
        later = read.pages
        if read.pages or read.checked:
            self.story_reads[row["url"]] = read
        first = page_links(result.text, result.final_url)[0] if result.ok else None
        if first is not None:
            self._later_page(row, result, first)
            return
        digest = self.handle_fetch(row, result, later)
        if digest is None:
            return
        saved = self._saved_text(row, result)
        more = tuple((page.text, page.final_url) for page in later)
        if processes is None:
            self._analysed(row, result, digest, analyse_page(result.text, result.final_url, result.fetched_at,
                                                            self.registry, saved, more))
        else:
            analysing[processes.submit(analyse_page, result.text, result.final_url, result.fetched_at, None, saved,
                                       more)] = (row, result, digest)

    def _later_page(self, row: dict, result: FetchResult, previous: str) -> None:
        """A later page of a story in pages: no story of its own, but a page of the one its first page gives.

        The first page is asked for (it reads the later ones); this row takes its article, when saved, and
        is never due on its own.
        """
        story = self.stories[row["story"]]
        first = (story_page(result.final_url) or (previous, 0))[0]
        with self.db.atomic():
            self.record_fetch(result)
            self.enqueue(first, story.name, "article", depth=row["depth"], found_from=row["url"],
                         published=row["published"])
            saved = next(self.db.query("select article_id from crawl_urls where url = ?", [clean_url(first)]), None)
            article_id = saved["article_id"] if saved is not None else None
            self._update_url(row["url"], result, state="done", content_hash=body_hash(result.body),
                             article_id=article_id, next_fetch_at=None)
        if saved is not None and article_id is None:  # its first page is read later in the run, which settles it
            with self._claims_lock:
                self.parts.add(row["url"])
            self.copies.append((row["url"], clean_url(first)))

    def _keep_story_pages(self, row: dict, article_id: int | None) -> None:
        """Keep the later pages a story was read with as frontier rows of its article, with validators and body hash."""
        read = self.story_reads.pop(row["url"], None)
        if read is None or article_id is None:
            return
        for page in read.fresh():
            if not (page.ok or page.not_modified):
                continue
            url = clean_url(page.url)
            self.db.execute(
                "insert or ignore into crawl_urls (url, story, kind, depth, found_from, found_at, state) "
                "values (?, ?, ?, ?, ?, ?, 'done')", [url, row["story"], STORY_PAGE, row["depth"], row["url"], utc_now()])
            values = {"content_hash": body_hash(page.body)} if page.ok else {}
            self._update_url(url, page, state="done", article_id=article_id, next_fetch_at=None, **values)

    def _saved_text(self, row: dict, result: FetchResult) -> str | None:
        """The text of the article a refetched row gave, when the page is at the address that gave it."""
        if row["article_id"] is None or result.final_url != (row["final_url"] or row["url"]):
            return None
        saved = next(self.db.query("select text from articles where id = ?", [row["article_id"]]), None)
        return saved["text"] if saved is not None else None

    def _analysed(self, row: dict, result: FetchResult, digest: str, outcome: Any) -> None:
        """Extraction and analysis finished (a value, or a future of one): save the page."""
        if isinstance(outcome, Future):
            outcome = outcome.result()
        self.save_page(row, result, digest, outcome)

    def _next_refetch(self, published: str | None) -> str | None:
        """When an article is due again: soon while it is recent, never after the window."""
        if self.config.refetch_interval_hours <= 0 and self.config.refetch_window_days <= 0:
            return None
        moment = listed_time(published) or self.now()
        if moment < self.now() - timedelta(days=self.config.refetch_window_days):
            return None
        return self._later(self.config.refetch_interval_hours)

    def handle_fetch(self, row: dict, result: FetchResult, later: list[FetchResult] = ()) -> str | None:
        """Record a failed, not-modified or unchanged fetch; else the body hash of a page to analyse.

        `later`, the later pages of a story in pages: their bodies count in its hash."""
        url = row["url"]
        story = self.stories[row["story"]]
        if result.deferred:
            LOGGER.info("%s: %s", url, result.error)  # still due: the next run takes it
            self.deferred.add(url)
            if result.status is not None:  # deferred after a request that was answered (a redirect, a 429): its row
                with self.db.atomic():
                    self.record_fetch(result)
            return None
        if result.unfollowed:  # it redirects to a page another fetch of this run requested
            with self.db.atomic():
                self.record_fetch(result)
                self.report.unchanged += 1
                self._update_url(url, result)
            self.copies.append((url, self.claims[clean_url(result.final_url)]))
            return None
        if not result.ok:
            with self.db.atomic():
                self.record_fetch(result)
                if result.not_modified and row["article_id"] is None and row["content_hash"] and row["last_error"]:
                    # the page read before was no article (a soft 404, an empty page) and is still none: failed, saying why
                    self._update_url(url, result, state="failed", last_error=row["last_error"], next_fetch_at=None)
                elif result.not_modified:
                    self.report.unchanged += 1
                    self._update_url(url, result, state="done", next_fetch_at=self._next_refetch(row["published"]))
                    self._keep_story_pages(row, row["article_id"])
                    self._mark_present(row["article_id"])
                    self._follow_saved(row, story)
                else:
                    self._update_url(url, result)
                    if result.status in GONE_STATUSES and row["article_id"] is not None:
                        self._gone_at(row, result)
            return None
        digest = body_hash(result.body + b"".join(page.body for page in later))
        if digest == row["content_hash"] and row["article_id"] is not None:
            with self.db.atomic():
                self.record_fetch(result)
                self.report.unchanged += 1
                self._update_url(url, result, state="done", next_fetch_at=self._next_refetch(row["published"]))
                self._keep_story_pages(row, row["article_id"])
                self._mark_present(row["article_id"])
                self._follow_saved(row, story)
            return None
        return digest

    def _gone_at(self, row: dict, result: FetchResult) -> None:
        """A frontier address of a saved article answered 404 or 410: the article is gone when that is its own address.

        Another address of it (an AMP or print page a site dropped, a feed's address) says nothing of the
        story: its own address is asked for now, even out of its refetch window, and its answer decides.
        """
        saved = next(self.db.query("select url from articles where id = ?", [row["article_id"]]), None)
        own = clean_url(saved["url"]) if saved is not None else None
        if own is None or clean_url(row["url"]) == own or clean_url(row["final_url"] or row["url"]) == own:
            self._mark_gone(row["article_id"], result)
            return
        main = next(self.db.query("select state from crawl_urls where url = ?", [own]), None)
        if main is None:
            self._mark_gone(row["article_id"], result)  # no address of its own to ask: this one is all there is
        elif own not in self.attempted and main["state"] != "refused":
            self.db.execute("update crawl_urls set next_fetch_at = ? where url = ?", [_iso(self.now()), own])

    def _mark_gone(self, article_id: int, result: FetchResult) -> None:
        """The article's page answered 404 or 410: stamp it gone, since the first such answer; it and its printings stay."""
        self.db.execute("update articles set gone_at = ?, gone_status = ? where id = ? and gone_at is null",
                        [result.fetched_at, result.status, article_id])

    def _mark_present(self, article_id: int | None) -> None:
        """The article's page answered again: no longer gone."""
        if article_id is not None:
            self.db.execute("update articles set gone_at = null, gone_status = null where id = ? and gone_at is not null",
                            [article_id])

    def save_page(self, row: dict, result: FetchResult, digest: str, outcome: tuple[str, Any]) -> None:
        """Save an analysed page with its fetch and frontier row, in one transaction."""
        url = row["url"]
        story = self.stories[row["story"]]
        stage, value = outcome
        if stage == "volatile":  # changed only in lines that change at every fetch: the saved version stays
            with self.db.atomic():
                self.record_fetch(result)
                self.report.unchanged += 1
                self._update_url(url, result, state="done", content_hash=digest,
                                 next_fetch_at=self._next_refetch(row["published"]))
                self._keep_story_pages(row, row["article_id"])
                self._mark_present(row["article_id"])
                self._follow_saved(row, story)
            return
        if stage != "ok":  # not an article, or analysis tripped: recorded, not retried
            with self.db.atomic():
                self.record_fetch(result)
                self.record_error(url, stage, value)
                self._update_url(url, result, state="failed", content_hash=digest, last_error=value,
                                 error_count=(row["error_count"] or 0) + 1, next_fetch_at=None)
                self._set_aside_saved(row, result, value)
            return
        analysis: Analysis = value
        article = analysis.article
        published = article.published or row["published"]
        with self.db.atomic():
            self.record_fetch(result)
            same = self._same_page(article, moved_from=row["article_id"] if result.redirects else None)
            if same is None:
                analysis = self._at_saved_address(row, result, analysis)
                analysis = self._whole_story(analysis)
            else:
                self._keep_canonical_address(same, article)
            saved = save_analysis(self.db, analysis) if same is None else None
            if saved is None:
                self.report.unchanged += 1
                found = next(self.db.query("select id from articles where url = ?", [analysis.article.url]), None)
                article_id = same if same is not None else found["id"] if found else None
            else:
                article_id = saved.article_id
                self.report.article_ids.append(article_id)
                if saved.status == "new":
                    self.report.new += 1
                else:
                    self.report.changed += 1
            self._update_url(url, result, state="done", content_hash=digest, article_id=article_id,
                             published=published, next_fetch_at=self._next_refetch(published))
            self._keep_story_pages(row, article_id)
            self._mark_present(article_id)
            if row["depth"] < story.follow.max_depth:
                self._follow(article, story, row["depth"] + 1, url)

    def _set_aside_saved(self, row: dict, result: FetchResult, error: str) -> None:
        """A page older code saved as an article, read again at its own address as no story: set aside (see setaside)."""
        from provenance.setaside import FRONTIER_ERROR, NOT_AN_ARTICLE, SetAside, page_key, set_aside

        if row["article_id"] is None or not error.startswith(FRONTIER_ERROR + NOT_AN_ARTICLE):
            return
        saved = next(self.db.query("select url, source from articles where id = ?", [row["article_id"]]), None)
        if saved is None or saved["source"] != "fetch" or page_key(saved["url"]) not in (
                page_key(row["url"]), page_key(result.final_url)):
            return
        set_aside(self.db, [SetAside(row["article_id"], saved["url"], error[len(FRONTIER_ERROR):])],
                  run_id=self.report.run_id)

    def _at_saved_address(self, row: dict, result: FetchResult, analysis: Analysis) -> Analysis:
        """An edited page's analysis under the address its article was saved at, when that is another on its host.

        The frontier row's address gave that article and gives this page now, with no new redirect: an
        edit, kept as the article's next version, where an edit read at `page` after `page?cmp=rss` was
        saved became a second article and the correction no version of the first.
        """
        if row["article_id"] is None or result.final_url != (row["final_url"] or row["url"]):
            return analysis
        saved = next(self.db.query("select url from articles where id = ?", [row["article_id"]]), None)
        url = analysis.article.url
        if saved is None or saved["url"] == url or host_of(saved["url"]) != host_of(url):
            return analysis
        return replace(analysis, article=replace(analysis.article, url=saved["url"]))

    def _keep_canonical_address(self, article_id: int, page: Article) -> None:
        """Save the article under `page`'s address when that is the one its canonical names and the saved one is not.

        The first address read of a story may be its AMP, print or feed address; its own, read later, is
        the one a reader cites (http and https alike: a site served at both names one).
        """
        if not names_itself(page.url, page.canonical_url):
            return
        saved = next(self.db.query("select url, canonical_url from articles where id = ?", [article_id]), None)
        if saved is None or saved["url"] == page.url or names_itself(saved["url"], saved["canonical_url"]):
            return
        if next(self.db.query("select 1 from articles where url = ?", [page.url]), None) is None:
            self.db.execute("update articles set url = ? where id = ?", [page.url, article_id])

    def _whole_story(self, analysis: Analysis) -> Analysis:
        """A story in pages read whole, under the address its first page alone was saved at (its next version).

        Its AMP page, read first, may show the first page only; the story read whole later is that article, longer.
        """
        article = analysis.article
        if not article.canonical_url:
            return analysis
        host = host_of(article.url)
        for row in self.db.query("select url, text from articles where canonical_url = ? and url != ?",
                                 [article.canonical_url, article.url]):
            if host_of(row["url"]) == host and begins(article.text, row["text"]):
                return replace(analysis, article=replace(article, url=row["url"]))
        return analysis

    def _same_page(self, article: Article, moved_from: int | None = None) -> int | None:
        """The article saved from another address of this page: same host and text, and canonical URL or path.

        Feeds and links add parameters a site ignores (`?cmp=rss`, `?from=home`); the page still
        names one canonical URL, or, naming none, is at one path. A copy on another host naming the
        same canonical stays its own article. `moved_from`, the article a frontier row had before its
        address redirected to this page, is this page when the host and text are the same: the site
        moved it (a new slug after a headline edit), where a second article of the same text was saved.
        """
        same_text = text_hash(article.text)
        host = host_of(article.url)
        if moved_from is not None:
            before = next(self.db.query("select id, url from articles where id = ? and text_hash = ?",
                                        [moved_from, same_text]), None)
            if before is not None and host_of(before["url"]) == host:
                return before["id"]
        if article.canonical_url:
            for row in self.db.query("select id, url, text, text_hash from articles where canonical_url = ? and url != ?",
                                     [article.canonical_url, article.url]):
                if host_of(row["url"]) == host and (row["text_hash"] == same_text or begins(row["text"], article.text)):
                    return row["id"]  # the same text, or its first page (an AMP page of a story in pages)
        path = _host_and_path(article.url)
        for row in self.db.query("select id, url from articles where text_hash = ? and url != ?", [same_text, article.url]):
            if path is not None and _host_and_path(row["url"]) == path:
                return row["id"]
        return None

    def _follow_saved(self, row: dict, story: StoryConfig) -> None:
        """Follow the links of an unchanged page from what was saved of it."""
        if row["article_id"] is None or row["depth"] >= story.follow.max_depth:
            return
        saved = self.db.query("select url, anchor, sentence from article_links where article_id = ? order by id",
                              [row["article_id"]])
        links = [Link(url=r["url"], anchor=r["anchor"] or "", sentence=r["sentence"] or "") for r in saved]
        article = Article(url=row["final_url"] or row["url"], text="", links=links)
        self._follow(article, story, row["depth"] + 1, row["url"])

    def _follow(self, article: Article, story: StoryConfig, depth: int, found_from: str) -> None:
        """Enqueue the sources an article cites, within the story's host limits."""
        counts = self.host_counts.get(story.name)
        if counts is None:
            counts = Counter(host_of(r["url"]) for r in self.db.query(
                "select url from crawl_urls where story = ? and kind = 'cited'", [story.name]))
            self.host_counts[story.name] = counts
        allowed = story.follow.allowed_hosts or None
        for link in cited_links(article, same_host=story.follow.same_host):
            host = host_of(link.url)
            if not host_allowed(host, allowed) or counts[host] >= story.follow.max_per_host:
                continue
            if self.enqueue(link.url, story.name, "cited", depth=depth, found_from=found_from):
                counts[host] += 1


def begins(text: str, start: str) -> bool:
    """Whether `text` begins with all of `start`'s paragraphs and goes on (a story whole and its first page)."""
    return len(text) > len(start) and text.startswith(start) and text[len(start)] == "\n"


def names_itself(url: str | None, canonical: str | None) -> bool:
    """Whether a page's canonical URL is its own address, the scheme aside (`http://x/a/` naming `https://x/a/`)."""
    if not url or not canonical:
        return False
    return clean_url(url).partition("://")[2] == clean_url(canonical).partition("://")[2]


def _host_and_path(url: str) -> tuple[str, str] | None:
    """A URL's host (with its port) and path: the address of a page whatever query is added to it."""
    parts = split_url(url)
    return (parts.netloc.lower(), parts.path or "/") if parts is not None else None


def run_crawl(
    db_path: str | Path,
    config: CrawlConfig,
    *,
    fetcher: Fetcher | None = None,
    search: SearchSource | None = None,
    progress: Callable[[CrawlReport], None] | None = None,
    command: str = "crawl",
) -> CrawlReport:
    """Run one crawl on the database at `db_path`, holding its lock for the whole run."""
    with database_lock(db_path, command):
        db = sqlite_utils.Database(db_path)
        try:
            return Crawl(db, config, fetcher=fetcher, search=search, progress=progress, command=command).run()
        finally:
            db.close()
