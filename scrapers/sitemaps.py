"""XML sitemaps: url sets, news sitemaps, sitemap indexes, gzip and plain-text sitemaps."""

from __future__ import annotations

import gzip
import io
import logging
import zlib
from collections import deque
from dataclasses import dataclass, field

from lxml import etree

from provenance.urls import join_url, split_url
from scrapers.charsets import detect_encoding
from scrapers.fetch import SITEMAP_TYPES, FetchResult, Fetcher

LOGGER = logging.getLogger(__name__)

# The sitemaps.org limits for one file: they bound what a sitemap costs in memory (and keep a
# compressed one from expanding past them), whatever the crawl's max_bytes for pages.
MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # uncompressed, as fetched or after gunzip
MAX_SITEMAP_URLS = 50_000  # <url> entries of a url set, or <sitemap> entries of an index
PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "recover": True, "huge_tree": False}


@dataclass
class SitemapEntry:
    """One <url> of a sitemap, with the news extension when present."""

    url: str
    lastmod: str | None = None
    news_title: str | None = None
    news_published: str | None = None
    news_name: str | None = None
    sitemap_url: str | None = None

    @property
    def when(self) -> str | None:
        """The best date the sitemap gives: the news publication date, else lastmod."""
        return self.news_published or self.lastmod


@dataclass
class Sitemap:
    """A parsed sitemap: page entries, or (for an index) more sitemaps."""

    url: str
    entries: list[SitemapEntry] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    is_index: bool = False
    over_limit: bool = False  # more than MAX_SITEMAP_URLS entries: the first ones were read


@dataclass
class SitemapWalk:
    """What walking sitemaps found, and every fetch it made."""

    entries: list[SitemapEntry] = field(default_factory=list)
    fetches: list[FetchResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # sitemaps over the limit
    over_limit: list[str] = field(default_factory=list)  # sitemaps listing more than MAX_SITEMAP_URLS


def decompress(body: bytes) -> bytes:
    """The body, gunzipped when it is gzip data; ValueError past MAX_SITEMAP_BYTES uncompressed."""
    if body.startswith(b"\x1f\x8b"):
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as stream:
            try:
                body = stream.read(MAX_SITEMAP_BYTES + 1)  # a bomb stops expanding here
            except (OSError, EOFError, zlib.error) as exc:
                raise ValueError(f"broken gzip sitemap: {exc}") from None
    if len(body) > MAX_SITEMAP_BYTES:
        raise ValueError(f"sitemap larger than {MAX_SITEMAP_BYTES} bytes uncompressed (the sitemaps.org limit)")
    return body


def _local(tag: object) -> str:
    """The local name of an element tag, without its namespace."""
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _child_text(node: etree._Element, name: str) -> str | None:
    for child in node:
        if _local(child.tag) == name and child.text and child.text.strip():
            return child.text.strip()
    return None


def parse_sitemap(body: bytes, url: str) -> Sitemap:
    """Parse a sitemap (XML url set or index, gzip or not, or plain text with one URL a line).

    At most MAX_SITEMAP_URLS entries are read; the XML is read as a stream, each entry dropped
    once read, so a large sitemap never holds its whole tree in memory.
    """
    data = decompress(body)
    sitemap = Sitemap(url=url)
    stripped = data.lstrip()
    if not stripped:
        raise ValueError("not a sitemap: empty document")
    if not stripped.startswith(b"<"):
        text = data.decode(detect_encoding(data, None), errors="replace")
        for line in text.splitlines():
            line = line.strip()
            if line.startswith(("http://", "https://")):
                if len(sitemap.entries) == MAX_SITEMAP_URLS:
                    sitemap.over_limit = True
                    break
                sitemap.entries.append(SitemapEntry(url=line, sitemap_url=url))
        if not sitemap.entries:  # an error page, JSON, a stray file: no XML and no line an address
            raise ValueError("not a sitemap: neither XML nor a list of http(s) addresses, one a line")
        return sitemap
    kind = None
    try:
        for event, node in etree.iterparse(io.BytesIO(data), events=("start", "end"), **PARSER_OPTIONS):
            if kind is None:
                kind = _local(node.tag)
                if kind not in ("sitemapindex", "urlset"):
                    raise ValueError(f"not a sitemap: root element <{kind}>")
                sitemap.is_index = kind == "sitemapindex"
                continue
            parent = node.getparent()
            if event != "end" or parent is None or parent.getparent() is not None:
                continue  # only the root's children are entries
            if len(sitemap.entries) + len(sitemap.sitemaps) == MAX_SITEMAP_URLS:
                sitemap.over_limit = True
                break
            _read_entry(sitemap, node, url, kind)
            node.clear()
            while node.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"not a sitemap: {exc}") from None
    if kind is None:
        raise ValueError("not a sitemap: empty document")
    return sitemap


def _read_entry(sitemap: Sitemap, node: etree._Element, url: str, kind: str) -> None:
    """Add one <sitemap> of an index or <url> of a url set; a malformed one is skipped, not the sitemap."""
    name = _local(node.tag)
    loc = _child_text(node, "loc")
    entry_url = join_url(url, loc) if loc else None
    if not entry_url:
        return
    if kind == "sitemapindex":
        if name == "sitemap":
            sitemap.sitemaps.append(entry_url)
        return
    if name != "url":
        return
    entry = SitemapEntry(url=entry_url, lastmod=_child_text(node, "lastmod"), sitemap_url=url)
    for child in node:
        if _local(child.tag) == "news":
            entry.news_title = _child_text(child, "title")
            entry.news_published = _child_text(child, "publication_date")
            for publication in child:
                if _local(publication.tag) == "publication":
                    entry.news_name = _child_text(publication, "name")
    sitemap.entries.append(entry)


def walk_sitemaps(
    fetcher: Fetcher,
    urls: list[str],
    *,
    max_sitemaps: int = 50,
    since: str | None = None,
    same_host: bool = True,
) -> SitemapWalk:
    """Fetch sitemaps and the indexes' children breadth-first; keep entries dated `since` or later.

    Entries without a date are kept. With `same_host`, an index may only point at sitemaps on
    its own host (the sitemaps.org rule).
    """
    walk = SitemapWalk()
    queue = deque(urls)
    seen: set[str] = set()
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        if len(seen) >= max_sitemaps:
            walk.skipped.append(url)
            continue
        seen.add(url)
        result = fetcher.fetch(url, accept=SITEMAP_TYPES, max_bytes=MAX_SITEMAP_BYTES)
        walk.fetches.append(result)
        if not result.ok:
            continue
        try:
            sitemap = parse_sitemap(result.body, result.final_url)
        except ValueError as exc:
            result.error = str(exc)
            LOGGER.info("sitemap %s: %s", url, exc)
            continue
        if sitemap.over_limit:
            LOGGER.warning("sitemap %s lists more than %d entries; the first %d were read", url, MAX_SITEMAP_URLS,
                           MAX_SITEMAP_URLS)
            walk.over_limit.append(result.final_url)
        host = split_url(result.final_url).netloc
        for child in sitemap.sitemaps:
            if not same_host or split_url(child).netloc == host:
                queue.append(child)
        for entry in sitemap.entries:
            when = entry.when
            if since is None or when is None or when[:len(since)] >= since[:len(when)]:
                walk.entries.append(entry)
    return walk
