"""RSS and Atom feeds: discovery on a page, parsing with feedparser, fetching through the fetcher."""

from __future__ import annotations

import io
import json
import logging
import re
import time
from calendar import timegm
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urlsplit

import feedparser
from lxml import etree, html as lxml_html

from provenance.times import parse_utc
from provenance.urls import is_http_url, join_url, split_url
from scrapers.charsets import xml_as_utf8
from scrapers.fetch import FEED_TYPES, HTML_TYPES, FetchResult, Fetcher

LOGGER = logging.getLogger(__name__)

FEED_LINK_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json",
     "application/json", "application/x.atom+xml", "application/x-rss+xml", "text/xml"}
)
FEED_HREF_RE = re.compile(r"(?:[/.](?:rss|atom|feed)(?:\.xml)?|/feeds?/[^/]*|\.rss)/?(?:\?.*)?$", re.IGNORECASE)
MAX_FEED_ITEMS = 1000  # a feed lists its newest tens or hundreds; one of 200,000 took feedparser 22 s
_NS = ("", "{http://purl.org/rss/1.0/}", "{http://www.w3.org/2005/Atom}", "{http://purl.org/atom/ns#}")
ITEM_TAGS = tuple(ns + name for ns in _NS for name in ("item", "entry"))  # RSS 2.0, RSS 1.0 (RDF), Atom 1.0 and 0.3
ITEM_DATE_TAGS = ("pubDate", "{http://purl.org/dc/elements/1.1/}date", *(
    ns + name for ns in _NS[2:] for name in ("published", "updated", "issued", "modified", "created")))
RFC822_RE = re.compile(r"(?:\w+,\s*)?(\d{1,2})\s+(\w{3})\w*\s+(\d{4})\s+(\d{1,2}):(\d\d)(?::(\d\d))?\s*([+-]\d{4})?")
MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
COMMON_FEED_PATHS = ("/feed", "/rss", "/feed.xml", "/rss.xml", "/atom.xml", "/index.xml", "/feeds/all.atom.xml")


@dataclass
class FeedEntry:
    """One item of a feed: the article URL and what the feed says about it."""

    url: str
    title: str | None = None
    published: str | None = None  # ISO 8601 UTC when the feed gives a parseable date
    feed_url: str | None = None


def discover_feeds(html: str, base_url: str) -> list[str]:
    """Feed URLs that a page advertises (<link rel=alternate>), then feed-like links in its body."""
    try:
        tree = lxml_html.fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    base = base_url
    for node in tree.iter("base"):
        if node.get("href"):
            base = join_url(base_url, node.get("href")) or base_url
            break
    found: list[str] = []
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().strip()
        if "alternate" in rel and kind in FEED_LINK_TYPES and link.get("href"):
            found.append(join_url(base, link.get("href")) or "")
    if not found:
        parts = split_url(base_url)
        host = parts.hostname if parts else None
        for anchor in tree.iter("a"):
            href = (anchor.get("href") or "").strip()
            if href and FEED_HREF_RE.search(href):
                url = join_url(base, href)
                parts = split_url(url) if url else None
                if parts is not None and parts.hostname == host:
                    found.append(url)
    return _unique(url for url in found if is_http_url(url))


def parse_feed(body: bytes, url: str, max_items: int = MAX_FEED_ITEMS) -> list[FeedEntry]:
    """The entries of an RSS, Atom or JSON feed, its newest `max_items` at most; [] when the body is not a feed."""
    if body.lstrip()[:1] == b"{":
        return parse_json_feed(body, url, max_items)
    body = xml_as_utf8(body)
    body, dropped = newest_items(body, max_items)
    if dropped:
        LOGGER.warning("feed %s lists %d items: its newest %d read", url, dropped + max_items, max_items)
    try:
        parsed = feedparser.parse(io.BytesIO(body), response_headers={"content-location": url})
    except Exception as error:  # feedparser's loose parser raised KeyError on `<channel<item<link</item</link<` (fuzz25)
        LOGGER.info("not a feed: %s (feedparser: %s: %s)", url, type(error).__name__, error)
        return []
    if not parsed.get("version") and not parsed.entries:
        if parsed.get("bozo"):
            LOGGER.info("not a feed: %s (%s)", url, parsed.get("bozo_exception"))
        return []
    entries = []
    for item in parsed.entries:
        link = _entry_link(item)
        entry_url = join_url(url, link) if link else None
        if not entry_url:  # none, or malformed: that entry is skipped, not the feed
            continue
        entries.append(
            FeedEntry(url=entry_url, title=item.get("title"), published=_entry_time(item), feed_url=url)
        )
    return _unique_entries(entries)


def newest_items(body: bytes, max_items: int) -> tuple[bytes, int]:
    """An XML feed of more than `max_items` items cut to its newest ones, and how many were left out.

    Newest by each item's date (RSS pubDate, Atom published or updated, dc:date), then the undated
    ones in the feed's order (a feed lists its newest first). Feedparser reads a feed whole, and
    slowly: this pass is lxml's, and a feed within the limit, or one lxml cannot read strictly, is
    given back as it came (feedparser's lenient reading of it is kept).
    """
    if max_items <= 0 or body.count(b"<item") + body.count(b"<entry") + body.count(b":item") + body.count(b":entry") <= max_items:
        return body, 0
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        root = etree.fromstring(body, parser)
    except (etree.XMLSyntaxError, ValueError):
        return body, 0
    items = list(root.iter(*ITEM_TAGS))
    if len(items) <= max_items:
        return body, 0
    dates: dict[etree._Element, str] = {}
    for node in root.iter(*ITEM_DATE_TAGS):  # one pass over the tree: asking each item for its date took 4 s
        dates.setdefault(node.getparent(), (node.text or "").strip())
    kept = newest_indices([_date_time(dates.get(item, "")) for item in items], max_items)
    for index, node in enumerate(items):
        if index not in kept:
            node.getparent().remove(node)
    return etree.tostring(root.getroottree(), xml_declaration=True, encoding="utf-8"), len(items) - max_items


def _date_time(text: str) -> float:
    """A feed item's date as a Unix time, for ordering; -inf for none that reads."""
    match = RFC822_RE.match(text)
    if match is not None and match[2].lower() in MONTHS:  # RSS's "Mon, 04 May 2026 08:00:00 +0200", quickly
        day, month, year, hour, minute, second, zone = match.groups()
        offset = (int(zone[1:3]) * 3600 + int(zone[3:]) * 60) * (-1 if zone[0] == "-" else 1) if zone else 0
        try:
            return timegm((int(year), MONTHS[month[:3].lower()], int(day), int(hour), int(minute), int(second or 0))) - offset
        except (ValueError, OverflowError):
            pass
    when = parse_utc(text) if text else None
    return when.timestamp() if when is not None else float("-inf")


def newest_indices(times: list[float], max_items: int) -> set[int]:
    """The positions of the newest `max_items` by time, then of the undated (-inf) in the feed's order."""
    return set(sorted(range(len(times)), key=lambda i: (-times[i], i))[:max_items])


def _newest_entries(entries: list[FeedEntry], max_items: int) -> list[FeedEntry]:
    """The newest `max_items` entries by their dates, then the undated in the feed's order."""
    if len(entries) <= max_items:
        return entries
    kept = newest_indices([_date_time(entry.published or "") for entry in entries], max_items)
    return [entry for i, entry in enumerate(entries) if i in kept]


def parse_json_feed(body: bytes, url: str, max_items: int = MAX_FEED_ITEMS) -> list[FeedEntry]:
    """The items of a JSON Feed (jsonfeed.org, versions 1 and 1.1), its newest `max_items` at most."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: arrays nested thousands deep
        LOGGER.info("not a JSON feed: %s", url)
        return []
    if not isinstance(data, dict) or "jsonfeed.org" not in str(data.get("version", "")):
        return []
    entries = []
    for item in data.get("items") or []:
        if not isinstance(item, dict):
            continue
        link = item.get("url") or item.get("external_url")
        entry_url = join_url(url, link) if isinstance(link, str) and link.strip() else None
        if not entry_url:
            continue
        published = item.get("date_published") or item.get("date_modified")
        title = item.get("title")
        entries.append(FeedEntry(url=entry_url, title=title if isinstance(title, str) else None,
                                 published=_iso_utc(published) if isinstance(published, str) else None,
                                 feed_url=url))
    if len(entries) > max_items > 0:
        LOGGER.warning("feed %s lists %d items: its newest %d read", url, len(entries), max_items)
        entries = _newest_entries(entries, max_items)
    return _unique_entries(entries)


def _iso_utc(value: str) -> str | None:
    """An RFC 3339 time as ISO 8601 UTC with seconds."""
    when = parse_utc(value)
    return when.isoformat(timespec="seconds") if when else None


def _entry_link(item: feedparser.FeedParserDict) -> str | None:
    """The article URL of a feed entry: its alternate link, else its link, else a URL-like id."""
    for link in item.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link["href"].strip()
    if item.get("link"):
        return item["link"].strip()
    guid = item.get("id") or ""
    return guid.strip() if guid.startswith(("http://", "https://")) else None


def _entry_time(item: feedparser.FeedParserDict) -> str | None:
    """The entry's publication (else update) time as ISO 8601 UTC."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value: time.struct_time | None = item.get(key)
        if value:
            return datetime.fromtimestamp(timegm(value), tz=timezone.utc).isoformat(timespec="seconds")
    return None


def fetch_feed(fetcher: Fetcher, url: str, *, etag: str | None = None, last_modified: str | None = None,
               validated_url: str | None = None, max_items: int = MAX_FEED_ITEMS) -> tuple[FetchResult, list[FeedEntry]]:
    """Fetch and parse one feed (its newest `max_items`); entries are [] when it failed, was not modified or is no feed.

    The validators are sent to `validated_url` (by default `url`): see `Fetcher.fetch`.
    """
    result = fetcher.fetch(url, accept=FEED_TYPES, etag=etag, last_modified=last_modified, validated_url=validated_url)
    if not result.ok:
        return result, []
    entries = parse_feed(result.body, result.final_url, max_items)
    if not entries and result.error is None and not _looks_like_feed(result.body):
        result.error = "not a feed"
    return result, entries


def _looks_like_feed(body: bytes) -> bool:
    """Whether a body is a feed at all (an empty feed is still one)."""
    if body.lstrip()[:1] == b"{":
        return b"jsonfeed.org" in body[:2000]
    return bool(feedparser.parse(io.BytesIO(xml_as_utf8(body))).get("version"))


def find_feeds(fetcher: Fetcher, page_url: str, *, probe: bool = True) -> tuple[list[FetchResult], list[str]]:
    """Feeds of a site from its home page; with `probe`, try common feed paths when none is advertised."""
    fetches: list[FetchResult] = []
    result = fetcher.fetch(page_url, accept=HTML_TYPES)
    fetches.append(result)
    feeds = discover_feeds(result.text, result.final_url) if result.ok else []
    if feeds or not probe:
        return fetches, feeds
    parts = urlsplit(result.final_url if result.ok else page_url)
    for path in COMMON_FEED_PATHS:
        candidate = f"{parts.scheme}://{parts.netloc}{path}"
        probe_result, entries = fetch_feed(fetcher, candidate)
        fetches.append(probe_result)
        if entries:
            feeds.append(candidate)
            break
    return fetches, feeds


def _unique(urls) -> list[str]:
    seen: dict[str, None] = {}
    for url in urls:
        seen.setdefault(url, None)
    return list(seen)


def _unique_entries(entries: list[FeedEntry]) -> list[FeedEntry]:
    seen: dict[str, FeedEntry] = {}
    for entry in entries:
        seen.setdefault(entry.url, entry)
    return list(seen.values())
