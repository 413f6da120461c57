"""News search for exact phrases: an interface, and the GDELT DOC 2.0 API as the first source."""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Protocol
from urllib.parse import urlencode

from provenance.counts import counted
from scrapers.fetch import JSON_TYPES, FetchResult, Fetcher, host_key

LOGGER = logging.getLogger(__name__)

GDELT_DOC_API = "https://api.gdeltproject.org/api/v2/doc/doc"
GDELT_MAX_RECORDS = 250  # the API's cap for mode=artlist
GDELT_DELAY = 5.0  # seconds between requests, as GDELT asks
GDELT_SEENDATE_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$")
TIMESPAN_RE = re.compile(r"^\d+(?:min|h|hours|d|days|w|weeks|m|months)$", re.IGNORECASE)
PHRASE_CHARS_RE = re.compile(r"[^\w\s'’-]+")
SPACES_RE = re.compile(r"\s+")
BAD_ESCAPE_RE = re.compile(r'\\(?!["\\/bfnrtu])')


@dataclass
class SearchHit:
    """An article a search source found."""

    url: str
    title: str | None = None
    seen_at: str | None = None  # ISO 8601 UTC: when the source first saw the article
    domain: str | None = None
    language: str | None = None
    country: str | None = None
    source: str = ""  # the search source's name


@dataclass
class SearchResult:
    """What one search returned: hits, the fetch behind them and any error."""

    query: str
    hits: list[SearchHit] = field(default_factory=list)
    fetch: FetchResult | None = None
    error: str | None = None


class SearchSource(Protocol):
    """A news search service that finds articles containing an exact phrase."""

    name: str

    def search(self, phrase: str, *, max_records: int = 50, timespan: str | None = None) -> SearchResult:
        """Articles containing `phrase` word for word."""
        ...


def search_phrase(quote: str, *, max_words: int = 12, min_words: int = 5) -> str | None:
    """The part of a quote to search for: its words without punctuation, at most `max_words`.

    None when the quote is too short to find anything specific.
    """
    text = unicodedata.normalize("NFKC", quote).replace("’", "'")
    text = PHRASE_CHARS_RE.sub(" ", text)
    words = [w.strip("'-") for w in SPACES_RE.split(text) if w.strip("'-")]
    if len(words) < min_words:
        return None
    return " ".join(words[:max_words])


def parse_gdelt_time(value: str | None) -> str | None:
    """GDELT's seendate (20260504T080000Z) as ISO 8601 UTC; None when it is no time (a month 13)."""
    match = GDELT_SEENDATE_RE.match((value or "").strip())
    if not match:
        return None
    year, month, day, hour, minute, second = (int(g) for g in match.groups())
    try:
        moment = datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc)
    except ValueError:  # one such hit raised, and the search lost every hit with it
        return None
    return moment.isoformat(timespec="seconds")


def parse_gdelt_response(body: str) -> tuple[list[SearchHit], str | None]:
    """Hits from a GDELT DOC 2.0 artlist JSON response, or the API's error message."""
    text = body.strip()
    if not text:
        return [], None
    if not text.startswith("{"):
        # GDELT answers bad queries with a plain-text sentence.
        return [], "GDELT: " + SPACES_RE.sub(" ", text)[:200]
    try:
        data = json.loads(text, strict=False)
    except RecursionError:
        return [], "GDELT: unreadable JSON (nested too deeply to read)"
    except ValueError as exc:
        try:  # GDELT titles sometimes carry backslashes that are no JSON escape (\' for ')
            data = json.loads(BAD_ESCAPE_RE.sub("", text), strict=False)
        except (ValueError, RecursionError):
            return [], f"GDELT: unreadable JSON ({exc})"
    articles = data.get("articles") or []
    if not isinstance(articles, list):  # a number or an object where the list goes: no hits, not a crash
        return [], f"GDELT: unreadable JSON (articles is a {type(articles).__name__}, not a list)"
    hits = []
    for item in articles:
        if not isinstance(item, dict) or not isinstance(item.get("url"), str):
            continue
        hits.append(
            SearchHit(
                url=item["url"].strip(),
                title=_text(item.get("title")),
                seen_at=parse_gdelt_time(_text(item.get("seendate"))),
                domain=_text(item.get("domain")),
                language=_text(item.get("language")),
                country=_text(item.get("sourcecountry")),
                source="gdelt",
            )
        )
    return hits, None


def _text(value: object) -> str | None:
    """A field of a response as text: a string stripped, anything else (a number, a list, null) None."""
    return value.strip() or None if isinstance(value, str) else None


class GdeltSearch:
    """The GDELT DOC 2.0 API (free, no key): articles of the last three months by exact phrase."""

    name = "gdelt"

    def __init__(self, fetcher: Fetcher, *, base_url: str = GDELT_DOC_API, extra_query: str = "",
                 sort: str = "dateasc", delay: float = GDELT_DELAY) -> None:
        self.fetcher = fetcher
        self.base_url = base_url
        self.extra_query = extra_query.strip()  # e.g. "sourcelang:english"
        self.sort = sort
        # The fetcher spaces requests to the API host by at least `delay` seconds.
        fetcher.config.host_delays.setdefault(host_key(base_url), max(delay, fetcher.config.min_delay))

    def query_url(self, phrase: str, *, max_records: int = 50, timespan: str | None = None) -> str:
        """The API URL for an exact-phrase search."""
        query = f'"{phrase}"' + (f" {self.extra_query}" if self.extra_query else "")
        params = {"query": query, "mode": "artlist", "format": "json",
                  "maxrecords": str(max(1, min(max_records, GDELT_MAX_RECORDS))), "sort": self.sort}
        if timespan:
            if not TIMESPAN_RE.match(timespan):
                raise ValueError(f"bad GDELT timespan {timespan!r} (use e.g. 24h, 7d, 2w, 3m)")
            params["timespan"] = timespan
        return f"{self.base_url}?{urlencode(params)}"

    def search(self, phrase: str, *, max_records: int = 50, timespan: str | None = None) -> SearchResult:
        """Articles containing `phrase`, oldest first."""
        url = self.query_url(phrase, max_records=max_records, timespan=timespan)
        result = SearchResult(query=phrase)
        # An API endpoint, not pages to crawl: robots.txt is for crawlers; the delay still applies.
        fetch = self.fetcher.fetch(url, accept=JSON_TYPES, check_robots=False)
        result.fetch = fetch
        if not fetch.ok:
            result.error = fetch.error or f"HTTP {fetch.status}"
            return result
        result.hits, result.error = parse_gdelt_response(fetch.text)
        if result.error:
            fetch.error = result.error
        LOGGER.info("GDELT %r: %s", phrase, counted(len(result.hits), "hit"))
        return result
