"""XML sitemaps: url sets, news sitemaps, sitemap indexes, gzip and plain-text sitemaps."""

from __future__ import annotations

import gzip
import io
import logging
import re
import zlib
from collections import deque
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone

from lxml import etree

from provenance.times import parse_utc
from provenance.urls import is_http_url, join_url, split_url
from scrapers.charsets import detect_encoding, xml_as_utf8
from scrapers.fetch import SITEMAP_TYPES, FetchResult, Fetcher, body_hash

LOGGER = logging.getLogger(__name__)

# The sitemaps.org limits for one file: they bound what a sitemap costs in memory (and keep a
# compressed one from expanding past them), whatever the crawl's max_bytes for pages.
MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # uncompressed, as fetched or after gunzip
MAX_SITEMAP_URLS = 50_000  # <url> entries of a url set, or <sitemap> entries of an index
PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "recover": True, "huge_tree": False}
# libxml2's errors that end a recovered parse: the entries after them are lost (a stray `&` is recovered from)
# An `&` that begins no entity or character reference: sitemaps write URLs with bare ampersands, which the
# recovering parser dropped with the name after them (`?a=1&b=2` read `?a=1=2`, another page)
BARE_AMPERSAND_RE = re.compile(rb"&(?!(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z_][\w.-]*);)")
UNENDED_TAG = "Couldn't find end of Start Tag"
# The end of a whole sitemap: its root closed, then only blanks, comments or processing instructions
ROOT_CLOSED_RE = re.compile(rb"</(?:[\w.-]+:)?(?:urlset|sitemapindex)\s*>(?:\s|<!--.*?-->|<\?.*?\?>)*\Z", re.DOTALL | re.IGNORECASE)
STOPPING_ERRORS = ("Premature end of data", "Resource limit exceeded", "Excessive depth", "Extra content at the end")
# libxml2's push parser, which iterparse feeds, looks through the rest of the input for the `>` ending each start
# tag: tags opened with none after them cost the square of that stretch (200,000 `<lo` in 600 KB took 25 s of CPU,
# a 50 MB one days). Between two `>` a sitemap has one `<`; a long stretch with many is read up to its start.
UNCLOSED_STRETCH = 64 * 1024
MAX_UNCLOSED_TAGS = 10
# A child sitemap whose <lastmod> in its index has not moved is not fetched again, but at least
# once in this many hours (conditionally): some indexes never move a child's lastmod.
RECHECK_HOURS = 24.0
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


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
    lastmods: dict[str, str] = field(default_factory=dict)  # an index's children -> the <lastmod> it gives them
    is_index: bool = False
    over_limit: bool = False  # more than MAX_SITEMAP_URLS entries: the first ones were read
    damaged: str | None = None  # why the XML parser stopped early (cut short, a text too long): the entries before it read


@dataclass
class SitemapState:
    """What an earlier walk learnt of one sitemap: its validators, its body's hash, where it was listed."""

    url: str
    parent: str | None = None  # the index that lists it (None: a sitemap the walk began with)
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    lastmod: str | None = None  # the <lastmod> its index gave it when it was read
    read_at: str | None = None  # ISO 8601 UTC: when it was last read or found unchanged
    final_url: str | None = None  # where its redirects led: the address the validators are for


@dataclass
class SitemapWalk:
    """What walking sitemaps found, and every fetch it made."""

    entries: list[SitemapEntry] = field(default_factory=list)
    fetches: list[FetchResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # sitemaps over the limit
    over_limit: list[str] = field(default_factory=list)  # sitemaps listing more than MAX_SITEMAP_URLS
    damaged: list[tuple[str, str]] = field(default_factory=list)  # (sitemap, why its XML stopped early)
    # Every sitemap read or found unchanged (304, the same body, the same lastmod), and every child of an index
    # read now that was not read (past max_sitemaps, failed: its lastmod None, so read next time): what the
    # next walk starts from.
    states: dict[str, SitemapState] = field(default_factory=dict)
    children: dict[str, list[str]] = field(default_factory=dict)  # each index read now -> the sitemaps it lists
    unchanged: list[str] = field(default_factory=list)  # sitemaps not read again: nothing new in them


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
    data = xml_as_utf8(data)  # UTF-16 as UTF-8, its declaration's encoding dropped
    sitemap = Sitemap(url=url)
    stripped = data.lstrip()
    if not stripped:
        raise ValueError("not a sitemap: empty document")
    if not stripped.startswith(b"<"):
        text = data.decode(detect_encoding(data, None), errors="replace")
        for line in text.splitlines():
            line = line.strip()
            if line.startswith(("http://", "https://")) and is_http_url(line):  # a control character: no address
                if len(sitemap.entries) == MAX_SITEMAP_URLS:
                    sitemap.over_limit = True
                    break
                sitemap.entries.append(SitemapEntry(url=line, sitemap_url=url))
        if not sitemap.entries:  # an error page, JSON, a stray file: no XML and no line an address
            raise ValueError("not a sitemap: neither XML nor a list of http(s) addresses, one a line")
        return sitemap
    kind = None
    data, unclosed = without_unclosed_tags(data)
    events = etree.iterparse(io.BytesIO(BARE_AMPERSAND_RE.sub(b"&amp;", data)), events=("start", "end"), **PARSER_OPTIONS)
    try:
        for event, node in events:
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
    sitemap.damaged = unclosed or next((" ".join(error.message.split()) for error in events.error_log
                                        if error.message.startswith(STOPPING_ERRORS) or ends_root_tag(error.message, kind)),
                                       None)
    if sitemap.damaged is None and not sitemap.over_limit and not ROOT_CLOSED_RE.search(data[-4096:]):
        # cut just after a tag's `<` ("...</url><"), the recovering parser said only "StartTag: invalid element name"
        sitemap.damaged = f"the document ends before its </{kind}> (cut short?)"
    return sitemap


def without_unclosed_tags(data: bytes) -> tuple[bytes, str | None]:
    """The document up to its first long stretch of tags opened and never closed (`UNCLOSED_STRETCH`), and what was
    left out; the document itself and None when it has none."""
    if max(map(len, data.split(b">"))) < UNCLOSED_STRETCH:
        return data, None
    start = 0
    while start < len(data):
        end = data.find(b">", start)
        end = len(data) if end < 0 else end
        opened = data.count(b"<", start, end)
        if end - start >= UNCLOSED_STRETCH and opened > MAX_UNCLOSED_TAGS:
            return data[:start], f"{opened:,} tags opened and never closed from byte {start:,}: read up to there"
        start = end + 1
    return data, None


def ends_root_tag(message: str, kind: str) -> bool:
    """Whether a parser error says the root's own start tag never ended: the document was cut inside it, and the
    recovering parser read an empty sitemap without a word."""
    named = message[len(UNENDED_TAG):].split()[:1] if message.startswith(UNENDED_TAG) else []
    return bool(named) and named[0].rpartition(":")[2].lower() == kind


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
            lastmod = _child_text(node, "lastmod")
            if lastmod:
                sitemap.lastmods[entry_url] = lastmod
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
    known: dict[str, SitemapState] | None = None,
    recheck_hours: float = RECHECK_HOURS,
) -> SitemapWalk:
    """Fetch sitemaps and the indexes' children breadth-first; keep entries dated `since` or later.

    Entries without a date are kept. With `same_host`, an index may only point at sitemaps on
    its own host (the sitemaps.org rule). With `known` (the `states` of an earlier walk), only
    what changed is read: each sitemap is asked for conditionally, a 304 or the same body is
    nothing new (an unchanged index still leads to its children), and a child whose <lastmod>
    in its index is the one it had when read is not fetched at all (once in `recheck_hours`, it is).
    At most `max_sitemaps` children are asked for (the sitemaps given are not counted): those never
    asked for first, then those whose <lastmod> moved, then the least recently checked, so that every
    child of a long index is reached within ceil(children / max_sitemaps) walks.
    """
    known = known or {}
    walk = SitemapWalk()
    level: list[tuple[str, str | None, str | None]] = [(url, None, None) for url in urls]
    seen: set[str] = set()
    fetched = 0
    recheck_before = datetime.now(timezone.utc) - timedelta(hours=recheck_hours)
    while level:
        queue: deque[tuple[str, str | None, str | None]] = deque()
        if level[0][1] is not None:  # children: the budget goes where news can be
            level.sort(key=lambda item: _child_rank(item, known, recheck_before))
        for url, parent, lastmod in level:
            if url in seen:
                continue
            seen.add(url)
            before = known.get(url)
            if _listed_unchanged(before, lastmod, recheck_before):
                walk.states[url] = replace(before, parent=parent)
                walk.unchanged.append(url)
                _queue_known_children(queue, known, url)
                continue
            if parent is not None:
                if fetched >= max_sitemaps:
                    walk.skipped.append(url)
                    walk.states[url] = _not_read(before, url, parent)
                    continue
                fetched += 1
            result = fetcher.fetch(url, accept=SITEMAP_TYPES, max_bytes=MAX_SITEMAP_BYTES,
                                   etag=before.etag if before else None,
                                   last_modified=before.last_modified if before else None,
                                   validated_url=before.final_url if before else None)
            walk.fetches.append(result)
            digest = body_hash(result.body) if result.ok else None
            if before is not None and (result.not_modified or (digest is not None and digest == before.content_hash)):
                walk.states[url] = SitemapState(url, parent, result.etag or before.etag,
                                                result.last_modified or before.last_modified, before.content_hash,
                                                lastmod, result.fetched_at, result.final_url)
                walk.unchanged.append(url)
                _queue_known_children(queue, known, url)
                continue
            sitemap = _parse_fetched(result, url) if result.ok else None
            if sitemap is None:
                if parent is not None and not result.deferred:
                    # Asked for and failed: read next time, but after the children never asked for. A body
                    # that is no sitemap (an error page answered 200) is asked for with its validators then:
                    # its 304 is nothing new, where the same page was downloaded and an error recorded every walk.
                    answered = result.status == 200 and (result.etag or result.last_modified)
                    validators = ({"etag": result.etag, "last_modified": result.last_modified,
                                   "final_url": result.final_url} if answered else {})
                    walk.states[url] = replace(before or SitemapState(url), parent=parent, lastmod=None,
                                               read_at=result.fetched_at or None, **validators)
                continue
            walk.states[url] = SitemapState(url, parent, result.etag, result.last_modified, digest, lastmod,
                                            result.fetched_at, result.final_url)
            if sitemap.over_limit:
                LOGGER.warning("sitemap %s lists more than %d entries; the first %d were read", url, MAX_SITEMAP_URLS,
                               MAX_SITEMAP_URLS)
                walk.over_limit.append(result.final_url)
            if sitemap.damaged:
                LOGGER.warning("sitemap %s is damaged (%s); the entries before the damage were read", url, sitemap.damaged)
                walk.damaged.append((result.final_url, sitemap.damaged))
            host = split_url(result.final_url).netloc
            if sitemap.is_index:
                walk.children[url] = []
            for child in sitemap.sitemaps:
                if not same_host or split_url(child).netloc == host:
                    walk.children[url].append(child)
                    queue.append((child, url, sitemap.lastmods.get(child)))
            for entry in sitemap.entries:
                when = entry.when
                if since is None or when is None or when[:len(since)] >= since[:len(when)]:
                    walk.entries.append(entry)
        level = list(queue)
    for index, listed in walk.children.items():
        for child in listed:
            if child not in walk.states:
                walk.states[child] = _not_read(known.get(child), child, index)
    return walk


def _parse_fetched(result: FetchResult, url: str) -> Sitemap | None:
    """The sitemap a fetch gave; None, with the reason in `result.error`, when it is none."""
    try:
        return parse_sitemap(result.body, result.final_url)
    except ValueError as exc:
        result.error = str(exc)
        LOGGER.info("sitemap %s: %s", url, exc)
        return None


def _child_rank(item: tuple[str, str | None, str | None], known: dict[str, SitemapState],
                recheck_before: datetime) -> tuple[int, datetime]:
    """Where a child comes in a walk's budget: never asked for, then lastmod moved, then least recently checked."""
    url, _, lastmod = item
    before = known.get(url)
    read_at = parse_utc(before.read_at) if before is not None and before.read_at else None
    if _listed_unchanged(before, lastmod, recheck_before):
        return 0, EPOCH  # not fetched: costs nothing
    if before is None or read_at is None:
        return 1, EPOCH
    return (2 if lastmod is not None and before.lastmod != lastmod else 3), read_at


def _listed_unchanged(before: SitemapState | None, lastmod: str | None, recheck_before: datetime) -> bool:
    """Whether a child's <lastmod> in its index is the one it had when read, read after `recheck_before`."""
    return before is not None and lastmod is not None and before.lastmod == lastmod and _recent(before, recheck_before)


def _not_read(before: SitemapState | None, url: str, parent: str) -> SitemapState:
    """A listed child this walk did not read: known to the next walk, its lastmod None so that it is read then."""
    return replace(before, parent=parent, lastmod=None) if before else SitemapState(url, parent)


def _recent(state: SitemapState, since: datetime) -> bool:
    """Whether a sitemap was read, or found unchanged, after `since`."""
    read_at = parse_utc(state.read_at) if state.read_at else None
    return read_at is not None and read_at >= since


def _queue_known_children(queue: deque, known: dict[str, SitemapState], parent: str) -> None:
    """Queue the children an unchanged index listed when it was read, with the lastmods it gave them then."""
    for state in known.values():
        if state.parent == parent:
            queue.append((state.url, parent, state.lastmod))
