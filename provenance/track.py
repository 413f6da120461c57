"""Tracking one story by hand: from an article URL or a quote to each quote's origin and carriers."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from provenance.counts import counted
from provenance.crawl import CrawlConfig, CrawlReport, FollowConfig, SearchConfig, StoryConfig, run_crawl
from provenance.normalize import normalize_quote
from provenance.terminal import escape_for_terminal
from provenance.urls import is_http_url
from provenance.web.formatting import label_origin_kind
from scrapers.fetch import FetchConfig, Fetcher
from scrapers.search import SearchSource, search_phrase
from scrapers.spider import clean_url

LOGGER = logging.getLogger(__name__)


@dataclass
class TrackLimits:
    """How far `track` goes: sensible defaults for an interactive command."""

    max_depth: int = 2  # cited-link hops from the seed and from each search hit
    max_pages: int = 60
    max_minutes: float = 5.0
    max_per_host: int = 10
    max_quotes: int = 8  # seed quotes searched
    max_records: int = 25  # search hits per quote
    timespan: str | None = "3m"


@dataclass
class Carrier:
    """An outlet that printed a quote, and whether it credited a source."""

    outlet: str
    article_url: str
    credited: bool
    evidence: str | None  # lineage evidence for this occurrence


@dataclass
class QuoteFinding:
    """One quote of the tracked story with its origin and the outlets that carried it."""

    quote_id: int
    text: str
    speaker: str | None
    origin_outlet: str | None
    origin_url: str | None
    origin_kind: str | None
    article_count: int
    outlet_count: int
    carriers: list[Carrier] = field(default_factory=list)

    @property
    def first_hand(self) -> int:
        """Outlets other than the origin's that heard it themselves (a public statement's other witnesses)."""
        return len({c.outlet for c in self.carriers if c.evidence == "origin"})

    @property
    def credited(self) -> int:
        """Outlets other than the origin that credited a source."""
        return len({c.outlet for c in self.carriers if c.credited})

    @property
    def uncredited(self) -> int:
        """Outlets other than the origin that took it from another and credited no one."""
        others = {c.outlet for c in self.carriers if c.credited or c.evidence == "origin"}
        return len({c.outlet for c in self.carriers if not c.credited} - others)


@dataclass
class TrackReport:
    """What `track` found."""

    target: str
    db_path: str
    crawl: CrawlReport
    findings: list[QuoteFinding] = field(default_factory=list)
    seed_article_id: int | None = None
    seed_error: str | None = None  # why the seed URL gave no article (the last error recorded for it)
    searches: list[dict] = field(default_factory=list)  # crawl_searches rows of this run's story


def is_url(target: str) -> bool:
    """Whether the target of `track` is a URL rather than a quote."""
    return target.strip().lower().startswith(("http://", "https://"))


# an address of another scheme (ftp://, file:///) or one without its scheme (www.ledger.example/story): one word
OTHER_ADDRESS_RE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:/{1,3}|www\.)\S+$", re.IGNORECASE)


def unfit_address(target: str) -> str | None:
    """Why `target` is an address `track` cannot follow (not http or https), or None: a URL it can, or a quote."""
    target = target.strip()
    if is_url(target):
        return None if is_http_url(target) else f"not a well-formed URL: {target!r}"
    if OTHER_ADDRESS_RE.match(target):
        return f"{target!r} is no http(s) address: give a web page's URL (http:// or https://) or a quote"
    return None


def story_for(target: str, limits: TrackLimits) -> StoryConfig:
    """The ad-hoc story `track` crawls: a seed URL whose quotes are searched, or a quote."""
    follow = FollowConfig(max_depth=limits.max_depth, max_per_host=limits.max_per_host)
    name = f"track: {target.strip()[:80]}"
    if is_url(target):
        # The user asks for this page now: fetch it again even when it is known.
        return StoryConfig(name=name, seeds=[target.strip()], search_quotes=True, refresh_seeds=True, follow=follow,
                           max_age_days=3650)
    return StoryConfig(name=name, quotes=[target.strip()], follow=follow, max_age_days=3650)


def track_config(target: str, limits: TrackLimits, fetch: FetchConfig, search: SearchConfig,
                 registry: list[Path] | None = None) -> CrawlConfig:
    """The crawl configuration for one `track` run."""
    search.max_quotes = limits.max_quotes
    search.max_records = limits.max_records
    search.timespan = limits.timespan
    search.interval_hours = 0  # an interactive run searches again every time
    return CrawlConfig(
        stories=[story_for(target, limits)],
        fetch=fetch,
        search=search,
        max_pages=limits.max_pages,
        max_minutes=limits.max_minutes,
        refetch_interval_hours=0,
        refetch_window_days=0,
        registry=list(registry or []),
    )


def track(
    db_path: str | Path,
    target: str,
    *,
    limits: TrackLimits | None = None,
    fetch: FetchConfig | None = None,
    search_config: SearchConfig | None = None,
    fetcher: Fetcher | None = None,
    search: SearchSource | None = None,
    registry: list[Path] | None = None,
    progress: Callable[[CrawlReport], None] | None = None,
) -> TrackReport:
    """Fetch the seed (or search the quote), follow credited links, search quotes, analyse, report."""
    limits = limits or TrackLimits()
    if (unfit := unfit_address(target)) is not None:
        raise ValueError(unfit)
    if not is_url(target) and search_phrase(target) is None:
        raise ValueError("the quote is too short to search for: give at least five words")
    if not is_url(target) and search is None and search_config is not None and search_config.source == "none":
        raise ValueError("tracking a quote needs the search (search.source is none)")
    config = track_config(target, limits, fetch or FetchConfig(), search_config or SearchConfig(), registry)
    crawl = run_crawl(db_path, config, fetcher=fetcher, search=search, progress=progress, command="track")
    database = sqlite_utils.Database(db_path)
    try:
        report = TrackReport(target=target, db_path=str(db_path), crawl=crawl)
        if is_url(target):
            report.seed_article_id = _seed_article(database, target)
            if report.seed_article_id is None:
                report.seed_error = _seed_error(database, target, crawl.run_id)
            quote_ids = _quotes_of_article(database, report.seed_article_id)
        else:
            quote_ids = _quotes_matching(database, target)
        report.findings = [find_quote(database, quote_id) for quote_id in quote_ids]
        if database["crawl_searches"].exists():
            report.searches = list(database.query(
                "select source, phrase, hits, new_urls, error from crawl_searches where story = ? order by phrase",
                [config.stories[0].name]))
        return report
    finally:
        database.close()


def _seed_article(db: sqlite_utils.Database, url: str) -> int | None:
    row = next(db.query("select article_id from crawl_urls where url = ?", [clean_url(url)]), None)
    if row and row["article_id"]:
        return row["article_id"]
    row = next(db.query("select id from articles where url = ? or canonical_url = ?", [url, url]), None)
    return row["id"] if row else None


def _seed_error(db: sqlite_utils.Database, url: str, run_id: int | None) -> str | None:
    row = next(db.query("select message from errors where run_id = ? and source = ? order by id desc limit 1",
                        [run_id, clean_url(url)]), None)
    return row["message"] if row else None


def _quotes_of_article(db: sqlite_utils.Database, article_id: int | None) -> list[int]:
    if article_id is None:
        return []
    rows = db.query(
        "select quote_id from quote_occurrences where article_id = ? and quote_id is not null "
        "group by quote_id order by min(start)", [article_id])
    return [row["quote_id"] for row in rows]


def _quotes_matching(db: sqlite_utils.Database, quote: str) -> list[int]:
    """Clusters with an occurrence containing the quote's words (or contained in them)."""
    needle = normalize_quote(quote)
    found: dict[int, int] = {}
    for row in db.query("select quote_id, normalized from quote_occurrences where quote_id is not null"):
        wording = row["normalized"] or ""
        if wording and (needle in wording or wording in needle):
            found[row["quote_id"]] = found.get(row["quote_id"], 0) + 1
    return sorted(found, key=lambda q: (-found[q], q))


def find_quote(db: sqlite_utils.Database, quote_id: int) -> QuoteFinding:
    """A cluster's origin and the outlets that carried it, credited or not."""
    quote = next(db.query(
        "select q.id, q.text, q.speaker, q.origin_kind, q.article_count, q.outlet_count, "
        "q.origin_outlet_id, o.name as origin_outlet, a.url as origin_url "
        "from quotes q left join outlets o on o.id = q.origin_outlet_id "
        "left join articles a on a.id = q.origin_article_id where q.id = ?", [quote_id]))
    finding = QuoteFinding(
        quote_id=quote["id"], text=quote["text"], speaker=quote["speaker"], origin_outlet=quote["origin_outlet"],
        origin_url=quote["origin_url"], origin_kind=quote["origin_kind"], article_count=quote["article_count"] or 0,
        outlet_count=quote["outlet_count"] or 0,
    )
    rows = db.query(
        "select o.id as occurrence_id, a.id as article_id, a.url, a.outlet_id, outlets.name as outlet, "
        "l.evidence from quote_occurrences o join articles a on a.id = o.article_id "
        "join outlets on outlets.id = a.outlet_id left join lineage l on l.occurrence_id = o.id "
        "where o.quote_id = ? order by a.time_key, a.id", [quote_id])
    origin = quote["origin_outlet_id"]
    for row in rows:
        if origin is not None and row["outlet_id"] == origin:
            continue
        credits_origin = origin is not None and bool(next(db.query(
            "select 1 from credits where article_id = ? and (outlet_id = ? or via_outlet_id = ?) "
            "union select 1 from article_links where article_id = ? and outlet_id = ? limit 1",
            [row["article_id"], origin, origin, row["article_id"], origin]), None))
        credited = credits_origin or row["evidence"] in ("credit", "link")
        finding.carriers.append(Carrier(row["outlet"], row["url"], credited, row["evidence"]))
    return finding


def format_track_report(report: TrackReport) -> str:
    """The text `provenance track` prints."""
    lines = []
    if is_url(report.target) and report.seed_article_id is None:
        lines.append(f"Could not read an article at {report.target} (see the errors table).")
    if not report.findings:
        lines.append("No quotes found for this story yet.")
    for number, finding in enumerate(report.findings, 1):
        speaker = f" \u2014 {finding.speaker}" if finding.speaker else ""
        lines.append(f"{number}. \u201c{_shorten(finding.text)}\u201d{speaker}")
        origin = finding.origin_outlet or "unresolved"
        kind = f" ({label_origin_kind(finding.origin_kind)})" if finding.origin_kind else ""
        # said in public, a quote starts with its speaker: the outlet only printed it first, as the quote page says
        lead = "origin:"
        if finding.origin_kind == "public_statement":
            lead = "said in public; first printed here by" if finding.origin_url else "said in public; first carried by"
        # an origin outlet with no article here is known only from the credits of the articles that name it
        crawled = ", not crawled" if finding.origin_outlet and not finding.origin_url else ""
        lines.append(f"   {lead} {origin}{kind}{crawled}" + (f" {finding.origin_url}" if finding.origin_url else ""))
        first_hand = f"{finding.first_hand} also heard it first-hand, " if finding.first_hand else ""
        lines.append(
            f"   carried by {finding.outlet_count} outlet{'s' if finding.outlet_count != 1 else ''} "
            f"in {finding.article_count} article{'s' if finding.article_count != 1 else ''}: "
            f"{first_hand}{finding.credited} credited a source, {finding.uncredited} credited no one"
        )
        for carrier in finding.carriers:
            mark = "credited" if carrier.credited else "first-hand" if carrier.evidence == "origin" else "no credit"
            lines.append(f"     - {carrier.outlet}: {mark} ({carrier.evidence or 'not traced'}) {carrier.article_url}")
    stem = Path(report.db_path).stem
    for search in report.searches:
        outcome = search["error"] or f"{counted(search['hits'], 'hit')}, {search['new_urls']} new"
        lines.append(f"Search {search['source']} \u201c{_shorten(search['phrase'], 100)}\u201d: {outcome}")
    lines.append(f"Crawl: {report.crawl.summary()}")
    lines.append(f"Explore: provenance serve --db {report.db_path}")
    if report.findings:
        lines.append(f"  then open /{stem}/-/quote/{report.findings[0].quote_id} (the first quote's lineage page), "
                     f"/{stem}/quotes (every quote)")
    return "\n".join(escape_for_terminal(line) for line in lines)  # quotes, names and URLs come from pages


def _shorten(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
