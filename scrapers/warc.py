"""WARC archives: read HTML responses as Articles, and keep every fetched page as evidence."""

from __future__ import annotations

import gzip
import io
import logging
import re
import threading
from collections.abc import Iterator
from datetime import datetime, timezone
from http import HTTPStatus
from pathlib import Path
from types import TracebackType
from urllib.parse import urlsplit

import brotli
from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import BufferedReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from provenance.models import Article
from provenance.times import parse_utc
from provenance.urls import is_http_url
from scrapers.files import ImportFailure, one_line
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


def iter_warc_articles(path: Path | str) -> Iterator[Article | ImportFailure]:
    """Articles from the HTML 200 responses of a WARC file; other records are skipped."""
    source = str(path)
    count = 0
    try:
        if not is_warc(path):
            yield ImportFailure(source, "", "read", "unreadable WARC: the file does not start with a WARC record")
            return
        with open(path, "rb") as handle:
            records = ArchiveIterator(handle)
            for record in records:
                item = record.rec_headers.get_header("WARC-Target-URI") or f"offset {records.get_record_offset()}"
                article = article_from_record(record, source, item)
                if article is not None:
                    count += 1
                    yield article
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as error:
        # a truncated archive (a killed crawl) still gives every record before the damage
        yield ImportFailure(source, f"after {count} articles", "read", f"unreadable WARC: {one_line(error)}")


def is_warc(path: Path | str) -> bool:
    """Whether a file (gzipped or not) starts with a WARC record header."""
    with open(path, "rb") as handle:
        start = handle.read(2)
        handle.seek(0)
        if start == b"\x1f\x8b":
            try:
                with gzip.GzipFile(fileobj=handle) as unzipped:
                    return unzipped.read(5) == b"WARC/"
            except (OSError, EOFError):
                return False
        return handle.read(5) == b"WARC/"


def article_from_record(record, source: str, item: str) -> Article | ImportFailure | None:
    """An Article for an HTML 200 response record, None for a record that is not one."""
    if record.rec_type not in ARTICLE_RECORD_TYPES:
        return None  # warcinfo, request, revisit, metadata
    if record.rec_type == "response":
        if record.http_headers is None:
            return None  # a response record for another protocol (dns:, ...)
        status = record.http_headers.get_statuscode()
        if status != "200":
            LOGGER.debug("skipped %s: HTTP %s", item, status)
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    mime = content_type.split(";")[0].strip().lower()
    if (mime and mime not in HTML_TYPES) or not is_http_url(item):
        return None
    encoding = ((record.http_headers and record.http_headers.get_header("Content-Encoding")) or "").strip().lower()
    if encoding not in READABLE_ENCODINGS and encoding not in BufferedReader.get_supported_decompressors():
        # warcio hands over the bytes still compressed: no page to read
        return ImportFailure(source, item, "read", f"unsupported Content-Encoding: {one_line(encoding)}")
    try:
        stream = record.content_stream()
        body = stream.read()
    except Exception as error:  # a damaged payload (bad gzip, broken chunking) of one record
        return ImportFailure(source, item, "read", f"unreadable record body: {one_line(error)}")
    if not mime and not HTML_SNIFF_RE.match(body[:1024]):
        return None  # no Content-Type: only a body that starts like HTML is taken for a page
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        # the archive ends inside this record (a killed crawl): half a page is no evidence
        return ImportFailure(source, item, "read", f"truncated record: {missing} bytes missing")
    if body and not getattr(getattr(stream, "decompressor", None), "eof", True):
        # warcio returns what it could decompress of a cut or corrupt body, as if it were all
        return ImportFailure(source, item, "read", f"damaged record body: its {encoding} stream is cut short or corrupt")
    try:
        # the page's address as the crawl keeps it: a fragment or a feed's utm_source names no other page
        return extract_article(
            decode_html(body, content_type), clean_url(item), fetched_at=warc_date_to_iso(record.rec_headers.get_header("WARC-Date")), source="warc"
        )
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

    def close(self) -> None:
        """Flush and close the archive."""
        if self._file is not None:
            self._file.close()
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
    ) -> str:
        """Append a response record (and its request record when request_headers is given)."""
        writer = self._require_writer()
        try:
            reason = HTTPStatus(status).phrase
        except ValueError:
            reason = "Unknown"
        header_items = [(name, str(value)) for name, value in headers.items() if name.lower() not in TRANSPORT_HEADERS]
        header_items.append(("Content-Length", str(len(body))))
        http_headers = StatusAndHeaders(f"{status} {reason}", header_items, protocol="HTTP/1.1")
        warc_date = iso_to_warc_date(fetched_at)
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=http_headers, warc_headers_dict={"WARC-Date": warc_date}
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
