"""WARC archives: read HTML responses as Articles, and keep every fetched page as evidence."""

from __future__ import annotations

import base64
import binascii
import gzip
import hashlib
import io
import logging
import re
import threading
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from http import HTTPStatus
from pathlib import Path
from types import TracebackType
from urllib.parse import urlsplit

import brotli
from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import BufferedReader, ChunkedDataReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from provenance.counts import counted
from provenance.models import Article
from provenance.times import parse_utc
from provenance.urls import is_http_url, url_scheme
from scrapers.files import MAX_ARTICLE_CHARS, ImportFailure, SkippedRecord, one_line
from scrapers.html import ExtractionError, decode_html, extract_article
from scrapers.spider import clean_url

LOGGER = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")
ARTICLE_RECORD_TYPES = ("response", "resource")
READABLE_ENCODINGS = ("identity", "")  # besides those warcio decompresses (gzip, deflate, br)
# The body handed to write_response is already decoded: these headers would make readers decode it again.
TRANSPORT_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})
HTML_SNIFF_RE = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE | re.DOTALL)
SOFTWARE = "quote-provenance (warcio)"
# The largest page read from an archive, stored or decompressed: what the crawl's max_bytes lets in by default.
MAX_PAGE_BYTES = MAX_ARTICLE_CHARS
GZIP_MAGIC = b"\x1f\x8b\x08"
WARC_VERSION_RE = re.compile(rb"WARC/1\.\d\r?\n")
DAMAGED_PAYLOAD = "damaged record: its payload does not match its digest"
TRUNCATED = "truncated record:"  # the file ends inside the record (a killed crawl, or a Content-Length too long)
# A WARC field of the crawl's own response records: what it fetched the page as (article, site,
# feed, sitemap, robots, search). An import skips every kind but `article`.
FETCHED_AS_HEADER = "Provenance-Fetched-As"
ARTICLE_KIND = "article"
SKIPPED_STAGE = "skip"
HOME_PATHS = ("", "/")
SCAN_BLOCK = 1 << 20  # bytes read at a time when looking for the next record after a malformed one
# Revisit profiles (WARC 1.0 and 1.1) that say "the same page again": its payload is the referred capture's.
REVISIT_PROFILES = ("/revisit/identical-payload-digest", "/revisit/server-not-modified")


class BrotliDecompressor:
    """The brotli package's Decompressor with the interface warcio calls (decompress, unused_data).

    warcio's own 'br' reader is written for brotlipy and fails on the brotli package
    ("'brotli.Decompressor' object has no attribute 'unused_data'").
    """

    unused_data = None  # one stream per body: nothing follows it

    def __init__(self) -> None:
        self._decompressor = brotli.Decompressor()

    def decompress(self, data: bytes) -> bytes:
        return self._decompressor.process(data)

    @property
    def eof(self) -> bool:
        """Whether the whole stream was decompressed, as zlib's decompressors say."""
        return self._decompressor.is_finished()


BufferedReader.DECOMPRESSORS["br"] = BrotliDecompressor


class Archive(ArchiveIterator):
    """warcio's reader, noting where a record is not followed by the blank lines that end it.

    warcio writes a warning to standard error for each (a scheduled job's mail fills with them)
    and skips the line it found instead. This reader skips it the same way and keeps the offset
    in `unended` for the import to report as one line.
    """

    def __init__(self, fileobj: io.BufferedIOBase) -> None:
        super().__init__(fileobj)
        self.unended: list[int] = []

    def _next_record(self, next_line: bytes | None) -> ArcWarcRecord:
        """warcio's next record; one whose headers warcio trips over is malformed, as others are.

        A response with no WARC-Target-URI makes warcio call a method on None (AttributeError):
        raised as ArchiveLoadFailed, the reader goes on at the next record instead of stopping the import.
        """
        try:
            return super()._next_record(next_line)
        except (AttributeError, TypeError, IndexError, KeyError) as error:
            raise ArchiveLoadFailed(f"record headers warcio cannot parse ({type(error).__name__}: {error})") from error

    def _consume_blanklines(self) -> tuple[bytes | None, int]:
        """Read past the lines that end a record: (the next record's first line or None, bytes read before it).

        The first line after a record is read past whatever it holds, as warcio does: when it is not
        blank, the record's Content-Length was wrong, and where the line began is noted.
        """
        skipped = 0
        while True:
            line = self.reader.readline()
            if not line:
                return None, skipped
            if line.strip():
                if skipped:
                    return line, skipped
                self.unended.append(self.fh.tell() - self.reader.rem_length() - len(line))
            skipped += len(line)


def iter_warc_articles(path: Path | str, payloads: PayloadIndex | None = None) -> Iterator[Article | ImportFailure]:
    """Articles from the HTML 200 responses (and revisits of them) of a WARC file; other records are skipped.

    A revisit is resolved through `payloads` (the archives of the same import; by default this
    file alone) and read as a capture at its own date. A record whose payload digest does not
    match, or whose record is malformed, is a failure; reading goes on at the next record, or at
    a record the damaged one swallowed (`iter_warc_records`).
    """
    source = str(path)
    if not is_warc(path):
        yield ImportFailure(source, "", "read", "unreadable WARC: the file does not start with a WARC record")
        return
    payloads = payloads if payloads is not None else PayloadIndex([path])
    damaged: set[int] = set()
    for offset, record in iter_warc_records(path, damaged):
        if isinstance(record, ImportFailure):
            yield record
            continue
        item = record.rec_headers.get_header("WARC-Target-URI") or f"offset {offset}"
        if not record.rec_headers.get_header("WARC-Type"):  # headers cut short (a killed crawl's last record)
            damaged.add(offset)  # a gzip member read as one: warcio may go on inside the next record and lose it
            yield ImportFailure(source, f"offset {offset}", "read", "a record without a WARC-Type (cut short or damaged)")
            continue
        if record.rec_type == "revisit":
            article = article_from_revisit(record, source, item, payloads)
        else:
            article = article_from_record(record, source, item)
            if isinstance(article, ImportFailure) and article.message.startswith((DAMAGED_PAYLOAD, TRUNCATED)):
                damaged.add(offset)  # a Content-Length too long may have swallowed the records after it
        if article is not None:
            yield article


def is_warc(path: Path | str) -> bool:
    """Whether a file (gzipped or not) starts with a WARC record header, or with a gzip member too damaged to tell
    (`iter_warc_records` reports it and reads on at the next record)."""
    with open(path, "rb") as handle:
        start = handle.read(2)
        handle.seek(0)
        if start == b"\x1f\x8b":
            try:
                with gzip.GzipFile(fileobj=handle) as unzipped:
                    return unzipped.read(5) == b"WARC/"
            except zlib.error:  # raised out of the import before, and the records after the damage were lost
                return True
            except (OSError, EOFError):
                return False
        return handle.read(5) == b"WARC/"


def first_capture_date(path: Path | str) -> str | None:
    """The WARC-Date (UTC, ISO 8601) of the archive's first dated record; None when unreadable."""
    try:
        with open(path, "rb") as handle:
            for record in Archive(handle):
                moment = parse_utc(record.rec_headers.get_header("WARC-Date"))
                if moment is not None:
                    return moment.isoformat()
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as error:
        LOGGER.debug("no capture date read in %s: %s", path, error)
    return None


def iter_warc_records(path: Path | str, damaged: set[int] | None = None) -> Iterator[tuple[int, ArcWarcRecord | ImportFailure]]:
    """(offset, record) of every record of a WARC file, read by warcio.

    warcio stops at a malformed record; the rest of the file is read from the next record start
    found (a line beginning `WARC/1.` in a plain file, a gzip member holding a WARC record in a
    gzipped one), and the bytes skipped are a failure. A truncated archive (a killed crawl)
    gives every record before the damage, then its failure.

    A reader that finds a record damaged (its payload does not match its digest) adds its offset
    to `damaged` before asking for the next one: in a plain file a Content-Length too long may
    have swallowed whole records after it, which parse well and would be lost without a word, so
    a record start found inside the damaged record is read again from there.
    """
    source = str(path)
    with open(path, "rb") as handle:
        gzipped = handle.read(2) == GZIP_MAGIC[:2]
        start = 0
        while True:
            handle.seek(start)
            records = Archive(handle)
            last = start - 1
            restart = None
            try:
                for record in records:
                    last = records.offset  # where this record starts (get_record_offset would read it through)
                    yield last, record
                    if damaged and last in damaged:
                        restart = (swallowed_record_start(handle, records, last) if not gzipped
                                   else next_member_start(handle, last))
                        if restart is not None:
                            LOGGER.warning("%s: the record at offset %d runs into the next one; read on from offset %d",
                                           source, last, restart)
                            break
                    report_unended(source, records)
                if restart is None:
                    report_unended(source, records)
                    cut = cut_record(handle, records.offset)
                    if cut is not None:
                        yield cut, ImportFailure(source, f"offset {cut}", "read",
                                                 "the file ends inside this record (cut short): no record in it read")
                    return
            except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as error:
                report_unended(source, records)
                end = records.offset  # past the last record read (in a plain file, as its length said)
                # A gzip member ends where its stream does; in a plain file a wrong length in the last
                # record read may have swallowed the next record's start: look from that record's start.
                after = max(end if gzipped else last, start)
                resume = find_record_start(handle, after, gzipped)
                if resume == end and not gzipped:
                    # the record warcio failed on starts there (headers it could not parse): it would again
                    resume = find_record_start(handle, end, gzipped)
                # the bytes skipped begin past the last record read, unless it ran over the record found next
                begin = end if resume is None or end <= resume else max(last, start)
                why = short_message(error)
                if resume is None:
                    yield begin, ImportFailure(source, f"offset {begin}", "read", f"unreadable WARC: {why}")
                    return
                yield begin, ImportFailure(source, f"offset {begin}", "read",
                                           f"malformed WARC record ({why}); read on from offset {resume}")
                restart = resume
            start = restart


def cut_record(handle: io.BufferedReader, end: int) -> int | None:
    """Where a record begins that warcio stopped at without a word, or None when the file ends with its records.

    warcio ends its iteration at a gzip member cut before its record's headers were whole, as at the end of
    the file: the record it began is lost unsaid.
    """
    handle.seek(end)
    rest = handle.read(SCAN_BLOCK)
    return end if rest.strip(b"\r\n\t \x00") else None


def swallowed_record_start(handle: io.BufferedReader, records: Archive, offset: int) -> int | None:
    """The start of a record inside the (plain) record at `offset`, as its Content-Length says it runs; else None."""
    end = offset + records.get_record_length()  # reads the record through: its extent as warcio took it
    position = handle.tell()
    try:
        inner = find_record_start(handle, offset + 1, gzipped=False)
    finally:
        handle.seek(position)  # warcio goes on from where it was
    return inner if inner is not None and inner < end else None


def next_member_start(handle: io.BufferedReader, offset: int) -> int | None:
    """The start of the gzip member holding a record after the damaged one at `offset`; else None.

    A damaged member (its deflate data zeroed) read as a record without headers left warcio inside the next
    member, whose record was then lost as malformed (fuzz25)."""
    position = handle.tell()
    try:
        return find_record_start(handle, offset, gzipped=True)
    finally:
        handle.seek(position)


def report_unended(source: str, records: Archive) -> None:
    """Log, once each, the places where a record was not followed by the blank lines that end it."""
    for offset in records.unended:
        LOGGER.warning("%s: the record before offset %d is not followed by a blank line (a wrong Content-Length?)",
                       source, offset)
    records.unended.clear()


def short_message(error: BaseException, limit: int = 120) -> str:
    """An error on one line, cut to `limit` characters (warcio quotes the bytes it could not read)."""
    text = one_line(error)
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def find_record_start(handle: io.BufferedReader, after: int, gzipped: bool) -> int | None:
    """The offset of the first WARC record that starts after offset `after`, or None.

    In a plain file a record starts at a line beginning `WARC/1.`; in a gzipped one, at a gzip
    member whose first bytes decompress to that.
    """
    marker = GZIP_MAGIC if gzipped else b"\nWARC/1."
    position = after + 1 if gzipped else after  # the newline before a record may be at `after` itself
    while True:
        handle.seek(position)
        window = handle.read(SCAN_BLOCK + len(marker))
        found = window.find(marker)
        if found < 0:
            if len(window) <= len(marker):
                return None
            position += SCAN_BLOCK
            continue
        candidate = position + found + (0 if gzipped else 1)
        if _starts_record(handle, candidate, gzipped):
            return candidate
        position += found + 1


def _starts_record(handle: io.BufferedReader, offset: int, gzipped: bool) -> bool:
    """Whether a WARC record header (gzipped or not) starts at `offset`."""
    handle.seek(offset)
    head = handle.read(4096)
    if gzipped:
        try:
            head = zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(head, 16)
        except zlib.error:
            return False
    return WARC_VERSION_RE.match(head) is not None


class PayloadIndex:
    """Where the pages (HTML 200 responses and resources) of an import's WARC files are, to resolve revisits.

    Built when the first revisit asks (by reading the archives' headers once), so an import
    without revisits pays nothing; keys are the record id, the target URI with its date, and
    the payload digest.
    """

    def __init__(self, archives: Iterable[Path | str]) -> None:
        self.archives = [str(path) for path in archives]
        self.places: dict[str, tuple[str, int]] | None = None

    def find(self, revisit: ArcWarcRecord) -> tuple[str, int] | None:
        """(archive, offset) of the record a revisit refers to, or None when no archive holds it."""
        if self.places is None:
            self.places = {}
            for archive in self.archives:
                self._index(archive)
        headers = revisit.rec_headers
        digest = headers.get_header("WARC-Payload-Digest")
        keys = [
            ("id", headers.get_header("WARC-Refers-To")),
            ("capture", _capture_key(headers.get_header("WARC-Refers-To-Target-URI"), headers.get_header("WARC-Refers-To-Date"))),
            ("digest", _digest_key(digest)),
        ]
        wanted = _digest_key(digest)
        for kind, key in keys:
            place = self.places.get(f"{kind} {key}") if key else None
            if place is None:
                continue
            found = self.places.get(f"digest-of {place[0]} {place[1]}")
            if wanted is None or found is None or found == wanted:  # the capture named, with the payload said
                return place
        return None

    def _index(self, archive: str) -> None:
        assert self.places is not None
        try:
            for offset, record in iter_warc_records(archive):
                if isinstance(record, ImportFailure) or not _may_be_page(record):
                    continue
                headers = record.rec_headers
                place = (archive, offset)
                digest = _digest_key(headers.get_header("WARC-Payload-Digest"))
                capture = _capture_key(headers.get_header("WARC-Target-URI"), headers.get_header("WARC-Date"))
                for kind, key in (("id", headers.get_header("WARC-Record-ID")), ("capture", capture), ("digest", digest)):
                    if key:
                        self.places.setdefault(f"{kind} {key}", place)
                if digest:
                    self.places[f"digest-of {archive} {offset}"] = digest
        except OSError as error:
            LOGGER.warning("cannot index %s for revisits: %s", archive, error)

    @contextmanager
    def open(self, place: tuple[str, int]) -> Iterator[ArcWarcRecord | None]:
        """The record at (archive, offset), readable inside the block."""
        archive, offset = place
        with open(archive, "rb") as handle:
            handle.seek(offset)
            yield next(iter(ArchiveIterator(handle)), None)


def _may_be_page(record: ArcWarcRecord) -> bool:
    """Whether a record could be an HTML page (a 200 response or a resource of an HTML type, or of none)."""
    if record.rec_type not in ARTICLE_RECORD_TYPES:
        return False
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    if headers is None or (record.rec_type == "response" and headers.get_statuscode() != "200"):
        return False
    mime = (headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    return not mime or mime in HTML_TYPES


def _capture_key(uri: str | None, date: str | None) -> str | None:
    """A capture's URI and time, as one key (None when either is missing)."""
    moment = parse_utc(date)
    return f"{uri} {moment.isoformat()}" if uri and moment else None


def _digest_key(digest: str | None) -> str | None:
    """A payload digest as algorithm and hex value, whatever encoding it was written in."""
    parsed = parse_digest(digest)
    return f"{parsed[0]}:{parsed[1].hex()}" if parsed else None


def parse_digest(digest: str | None) -> tuple[str, bytes] | None:
    """(hashlib algorithm, digest bytes) of a WARC digest (sha1:BASE32, or base16/base64), or None when unreadable."""
    if not digest or ":" not in digest:
        return None
    label, _, value = digest.strip().partition(":")
    algorithm = label.strip().lower().replace("-", "")
    try:
        size = hashlib.new(algorithm).digest_size
    except (ValueError, TypeError):
        return None
    value = value.strip()
    for decode in (lambda v: base64.b32decode(v, casefold=True), lambda v: base64.b16decode(v, casefold=True),
                   base64.b64decode, base64.urlsafe_b64decode):
        try:
            raw = decode(value)
        except (binascii.Error, ValueError):
            continue
        if len(raw) == size:
            return algorithm, raw
    return None


def inflate_brotli(data: bytes, limit: int) -> tuple[bytes, bool]:
    """Brotli `data` inflated to at most `limit` bytes, and whether its stream ended there."""
    decoder = brotli.Decompressor()
    pieces = [decoder.process(data, output_buffer_limit=limit)]
    size = len(pieces[0])
    while size < limit and not decoder.is_finished() and not decoder.can_accept_more_data():
        piece = decoder.process(b"", output_buffer_limit=limit - size)
        if not piece:
            break
        pieces.append(piece)
        size += len(piece)
    return b"".join(pieces)[:limit], decoder.is_finished()


def payload_matches(payload: bytes, digest: str | None, chunked: bool) -> bool | None:
    """Whether a payload has its record's digest; None when there is none we can compute.

    The digest is of the payload as stored; for a chunked body some tools digest it unchunked.
    """
    parsed = parse_digest(digest)
    if parsed is None:
        return None
    algorithm, expected = parsed
    if hashlib.new(algorithm, payload).digest() == expected:
        return True
    if chunked:
        try:
            unchunked = ChunkedDataReader(io.BytesIO(payload)).read()
        except Exception:  # not chunked after all: no second reading
            return False
        return hashlib.new(algorithm, unchunked).digest() == expected
    return False


def article_from_revisit(record: ArcWarcRecord, source: str, item: str, payloads: PayloadIndex) -> Article | ImportFailure | None:
    """The page a revisit record says was seen again, as a capture at the revisit's date; None when not a page."""
    profile = (record.rec_headers.get_header("WARC-Profile") or "").strip()
    if not profile.endswith(REVISIT_PROFILES):
        return None  # a profile we cannot read as "the same page again"
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode()
        mime = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
        if status and status not in ("200", "304"):
            return SkippedRecord(source, item, SKIPPED_STAGE, f"revisit of an HTTP {status}, not a page of text")
        if mime and mime not in HTML_TYPES:  # a revisit of an image, a script, a feed: no page either way
            return SkippedRecord(source, item, SKIPPED_STAGE, f"revisit of {mime}, not an HTML page")
    if not is_http_url(item):
        return None
    place = payloads.find(record)
    if place is None:
        return ImportFailure(source, item, "read", "revisit of a capture not found in the archives of this import "
                             f"(refers to {record.rec_headers.get_header('WARC-Refers-To-Target-URI') or item} "
                             f"{record.rec_headers.get_header('WARC-Refers-To-Date') or ''}".rstrip() + ")")
    try:
        with payloads.open(place) as original:
            if original is None:
                return ImportFailure(source, item, "read", "revisit: the capture it refers to cannot be read")
            return article_from_record(original, source, item, fetched_at=record.rec_headers.get_header("WARC-Date"))
    except (OSError, ArchiveLoadFailed, ValueError, zlib.error) as error:
        return ImportFailure(source, item, "read", f"revisit: the capture it refers to cannot be read: {one_line(error)}")


def not_an_article(record: ArcWarcRecord, item: str, mime: str) -> str | None:
    """Why a web page's response or resource record holds no article, or None when it may hold one.

    The crawl's own archives say what each page was fetched as; in others a robots.txt, a feed
    or sitemap (not HTML) and a site's home page (its path `/`) are no article either.
    """
    fetched_as = (record.rec_headers.get_header(FETCHED_AS_HEADER) or "").strip().lower()
    if fetched_as:
        return None if fetched_as == ARTICLE_KIND else f"fetched by the crawl as {fetched_as}, not as an article"
    path = urlsplit(item).path
    if path.lower() == "/robots.txt":
        return "robots.txt"
    if mime and mime not in HTML_TYPES:
        return f"{mime}, not an HTML page"
    if path in HOME_PATHS and not urlsplit(item).query:
        return "a site's home page"
    return None


def article_from_record(record: ArcWarcRecord, source: str, item: str, *, fetched_at: str | None = None) -> Article | ImportFailure | None:
    """An Article for an HTML 200 response record; a SkippedRecord for a web page's record that is no article
    (another status, a feed, robots.txt, a home page); None for a record that is no web page.

    `fetched_at` (a WARC-Date) replaces the record's own date: a revisit's capture of this payload.
    """
    if record.rec_type not in ARTICLE_RECORD_TYPES:
        return None  # warcinfo, request, metadata
    if not is_http_url(item):
        if url_scheme(item) in ("http", "https"):  # a page's record whose address is garbled: not one to drop unsaid
            return ImportFailure(source, repr(item)[1:-1], "read", "WARC-Target-URI is no well-formed http(s) address")
        return None  # a record for another protocol (dns:, ...)
    if record.rec_type == "response":
        if record.http_headers is None:
            return None  # a response record with no HTTP headers: no web page
        status = record.http_headers.get_statuscode()
        if status != "200":
            return SkippedRecord(source, item, SKIPPED_STAGE, f"HTTP {status}, not a page of text")
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    mime = content_type.split(";")[0].strip().lower()
    reason = not_an_article(record, item, mime)
    if reason is not None:
        return SkippedRecord(source, item, SKIPPED_STAGE, reason)
    encoding = ((record.http_headers and record.http_headers.get_header("Content-Encoding")) or "").strip().lower()
    if encoding not in READABLE_ENCODINGS and encoding not in BufferedReader.get_supported_decompressors():
        # warcio hands over the bytes still compressed: no page to read
        return ImportFailure(source, item, "read", f"unsupported Content-Encoding: {one_line(encoding)}")
    try:
        payload = record.raw_stream.read(MAX_PAGE_BYTES + 1)  # the iterator reads past the rest of a longer one
    except Exception as error:  # a damaged record of one page
        return ImportFailure(source, item, "read", f"unreadable record body: {one_line(error)}")
    if len(payload) > MAX_PAGE_BYTES:
        return ImportFailure(source, item, "read", f"record body over {MAX_PAGE_BYTES:,} bytes: no article's page")
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        # the archive ends inside this record (a killed crawl): half a page is no evidence
        return ImportFailure(source, item, "read", f"{TRUNCATED} {counted(missing, 'byte')} missing")
    digest = record.rec_headers.get_header("WARC-Payload-Digest")
    if digest is None and record.http_headers is None:
        digest = record.rec_headers.get_header("WARC-Block-Digest")  # a resource record: its block is the payload
    chunked = ((record.http_headers and record.http_headers.get_header("Transfer-Encoding")) or "").lower() == "chunked"
    if payload_matches(payload, digest, chunked) is False:
        return ImportFailure(source, item, "read", f"{DAMAGED_PAYLOAD} {one_line(digest)}")
    record.raw_stream = io.BytesIO(payload)
    try:
        if encoding == "br":  # warcio inflates each 16 KiB block of brotli whole: 16 KiB can be gigabytes
            body, complete = inflate_brotli(ChunkedDataReader(io.BytesIO(payload)).read() if chunked else payload,
                                            MAX_PAGE_BYTES + 1)
        else:  # gzip and deflate: warcio inflates a block at a time, at most about 16 MB
            stream = record.content_stream()
            body = stream.read(MAX_PAGE_BYTES + 1)
            complete = getattr(getattr(stream, "decompressor", None), "eof", True)
    except Exception as error:  # a damaged payload (bad gzip, broken chunking) of one record
        return ImportFailure(source, item, "read", f"unreadable record body: {one_line(error)}")
    if len(body) > MAX_PAGE_BYTES:
        return ImportFailure(source, item, "read", f"page over {MAX_PAGE_BYTES:,} bytes decompressed: no article's page")
    if not mime and not HTML_SNIFF_RE.match(body[:1024]):
        # no Content-Type: only a body that starts like HTML is taken for a page
        return SkippedRecord(source, item, SKIPPED_STAGE, "no Content-Type, and the body is not HTML")
    if body and not complete:
        # warcio returns what it could decompress of a cut or corrupt body, as if it were all
        return ImportFailure(source, item, "read", f"damaged record body: its {encoding} stream is cut short or corrupt")
    captured = fetched_at or record.rec_headers.get_header("WARC-Date")
    try:
        # the page's address as the crawl keeps it: a fragment or a feed's utm_source names no other page
        return extract_article(decode_html(body, content_type), clean_url(item), fetched_at=warc_date_to_iso(captured), source="warc")
    except ExtractionError as error:
        return ImportFailure(source, item, "extract", one_line(error))
    except Exception as error:  # one odd page must not stop a long import
        LOGGER.exception("extraction failed for %s in %s", item, source)
        return ImportFailure(source, item, "extract", f"{type(error).__name__}: {one_line(error)}")


def warc_date_to_iso(value: str | None) -> str | None:
    """A WARC-Date (2026-03-02T08:30:00Z) as ISO 8601 UTC with an offset."""
    moment = parse_utc(value)
    return moment.isoformat() if moment else None


def iso_to_warc_date(value: str | datetime | None) -> str:
    """A WARC-Date for a fetch time (ISO text, datetime, or None for now), in UTC."""
    if value is None:
        moment = datetime.now(timezone.utc)
    elif isinstance(value, datetime):
        moment = value
    else:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    moment = moment.astimezone(timezone.utc)
    fraction = f".{moment.microsecond:06d}" if moment.microsecond else ""
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + fraction + "Z"


class WarcWriter:
    """A gzipped WARC file that the crawler appends each fetch to, flushed after every record."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._file: io.BufferedWriter | None = None
        self._writer: WARCWriter | None = None
        self._lock = threading.Lock()  # the crawler fetches on several threads
        self._created = False  # this writer started the file (and wrote its warcinfo record)
        self.records = 0  # records written by this writer, its warcinfo aside

    def __enter__(self) -> WarcWriter:
        self.open()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def open(self) -> None:
        """Open the archive for appending; a new file starts with a warcinfo record."""
        if self._file is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        is_new = not self.path.exists() or self.path.stat().st_size == 0
        self._file = open(self.path, "ab")
        self._writer = WARCWriter(self._file, gzip=True)
        if is_new:
            info = self._writer.create_warcinfo_record(self.path.name, {"software": SOFTWARE, "format": "WARC File Format 1.1"})
            self._write(info)
            self._created, self.records = True, 0

    def close(self, *, drop_empty: bool = False) -> None:
        """Flush and close the archive; with `drop_empty`, delete a file this writer started and wrote no page to."""
        if self._file is not None:
            self._file.close()
            if drop_empty and self._created and self.records == 0:
                self.path.unlink(missing_ok=True)
        self._file = None
        self._writer = None

    def write_request(
        self,
        url: str,
        headers: dict[str, str] | None = None,
        fetched_at: str | datetime | None = None,
        *,
        method: str = "GET",
        concurrent_to: str | None = None,
    ) -> str:
        """Append a request record; returns its WARC-Record-ID."""
        writer = self._require_writer()
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        header_items = list((headers or {}).items())
        if not any(name.lower() == "host" for name, _ in header_items):
            header_items.insert(0, ("Host", parts.netloc))
        http_headers = StatusAndHeaders(f"{method} {target} HTTP/1.1", header_items, is_http_request=True)
        warc_headers = {"WARC-Date": iso_to_warc_date(fetched_at)}
        if concurrent_to:
            warc_headers["WARC-Concurrent-To"] = concurrent_to
        record = writer.create_warc_record(
            url, "request", payload=io.BytesIO(b""), http_headers=http_headers, warc_headers_dict=warc_headers
        )
        self._write(record)
        return record.rec_headers.get_header("WARC-Record-ID")

    def write_response(
        self,
        url: str,
        status: int,
        headers: dict[str, str],
        body: bytes,
        fetched_at: str | datetime | None = None,
        *,
        request_headers: dict[str, str] | None = None,
        fetched_as: str | None = None,
    ) -> str:
        """Append a response record (and its request record when request_headers is given).

        `fetched_as` (article, site, feed, sitemap, robots, search) is kept in the record's
        Provenance-Fetched-As field, so an import of the archive reads only the articles.
        """
        writer = self._require_writer()
        try:
            reason = HTTPStatus(status).phrase
        except ValueError:
            reason = "Unknown"
        header_items = [(name, str(value)) for name, value in headers.items() if name.lower() not in TRANSPORT_HEADERS]
        header_items.append(("Content-Length", str(len(body))))
        http_headers = StatusAndHeaders(f"{status} {reason}", header_items, protocol="HTTP/1.1")
        warc_date = iso_to_warc_date(fetched_at)
        warc_headers = {"WARC-Date": warc_date, **({FETCHED_AS_HEADER: fetched_as} if fetched_as else {})}
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=http_headers, warc_headers_dict=warc_headers
        )
        self._write(record)
        record_id = record.rec_headers.get_header("WARC-Record-ID")
        if request_headers is not None:
            self.write_request(url, request_headers, warc_date, concurrent_to=record_id)
        return record_id

    def _require_writer(self) -> WARCWriter:
        if self._writer is None:
            self.open()
        assert self._writer is not None
        return self._writer

    def _write(self, record) -> None:
        with self._lock:
            assert self._writer is not None and self._file is not None
            self._writer.write_record(record)
            self._file.flush()
            self.records += 1
