"""WARC archives: the crawler's evidence writer and the article reader, on warcio's own records."""

from __future__ import annotations

import base64
import hashlib
import io
import logging
import re
from pathlib import Path

import pytest
import sqlite_utils
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from provenance.models import Article
from provenance.pipeline import import_paths
from scrapers.files import ImportFailure, SkippedRecord, expand_paths
from scrapers.warc import WarcWriter, iter_warc_articles, warc_date_to_iso

FIXTURES = Path(__file__).parent / "fixtures" / "html"
WIRE = (FIXTURES / "wire_reprint.html").read_bytes()
BLOG = (FIXTURES / "blog_post.html").read_bytes()
LATIN1 = (FIXTURES / "latin1.html").read_bytes()


def records(path: Path) -> list[tuple[str, str | None, str | None]]:
    """(type, target URI, HTTP status) of every record in an archive."""
    with path.open("rb") as handle:
        return [
            (
                record.rec_type,
                record.rec_headers.get_header("WARC-Target-URI"),
                record.http_headers.get_statuscode() if record.http_headers and record.rec_type == "response" else None,
            )
            for record in ArchiveIterator(handle)
        ]


def test_writer_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "evidence" / "crawl.warc.gz"
    with WarcWriter(path) as writer:
        record_id = writer.write_response(
            "https://valleycourier.example/ferry",
            200,
            {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip", "Content-Length": "12"},
            WIRE,
            "2026-04-14T13:10:00+00:00",
            request_headers={"User-Agent": "quote-provenance/0.1"},
        )
        writer.write_response("https://valleycourier.example/gone", 404, {"Content-Type": "text/html"}, b"<html>gone</html>", "2026-04-14T13:11:00Z")
    assert record_id.startswith("<urn:uuid:")
    assert records(path) == [
        ("warcinfo", None, None),
        ("response", "https://valleycourier.example/ferry", "200"),
        ("request", "https://valleycourier.example/ferry", None),
        ("response", "https://valleycourier.example/gone", "404"),
    ]
    with path.open("rb") as handle:
        response = next(record for record in ArchiveIterator(handle) if record.rec_type == "response")
        assert response.rec_headers.get_header("WARC-Date") == "2026-04-14T13:10:00Z"
        # the body is stored decoded: the Content-Encoding header went, Content-Length is the body's
        assert response.http_headers.get_header("Content-Encoding") is None
        assert response.http_headers.get_header("Content-Length") == str(len(WIRE))
        assert response.content_stream().read() == WIRE
    article, gone = list(iter_warc_articles(path))
    assert (type(gone), gone.item, gone.message) == (SkippedRecord, "https://valleycourier.example/gone", "HTTP 404, not a page of text")
    assert (article.url, article.fetched_at, article.source, article.title) == (
        "https://valleycourier.example/ferry",
        "2026-04-14T13:10:00+00:00",
        "warc",
        "Lakeside council approves ferry subsidy",
    )


def test_writer_appends_and_flushes_each_record(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    with WarcWriter(path) as writer:
        writer.write_response("https://islandnotes.example/1", 200, {"Content-Type": "text/html"}, BLOG, None)
        # readable while the writer is still open: each record is on disk as soon as it is written
        assert [url for _, url, _ in records(path)] == [None, "https://islandnotes.example/1"]
    with WarcWriter(path) as writer:
        writer.write_response("https://islandnotes.example/2", 200, {"Content-Type": "text/html"}, BLOG, None)
    # one warcinfo record: appending to an archive does not start a new one
    assert [kind for kind, _, _ in records(path)] == ["warcinfo", "response", "response"]
    assert [item.url for item in iter_warc_articles(path)] == ["https://islandnotes.example/1", "https://islandnotes.example/2"]


def test_a_writer_closing_with_no_page_written_can_drop_the_file_it_started(tmp_path: Path) -> None:
    empty, kept, appended = tmp_path / "empty.warc.gz", tmp_path / "kept.warc.gz", tmp_path / "appended.warc.gz"
    writer = WarcWriter(empty)
    writer.open()
    writer.close(drop_empty=True)
    assert not empty.exists()
    writer = WarcWriter(kept)
    writer.open()
    writer.write_response("https://islandnotes.example/1", 200, {"Content-Type": "text/html"}, BLOG, None)
    writer.close(drop_empty=True)
    assert [kind for kind, _, _ in records(kept)] == ["warcinfo", "response"]
    with WarcWriter(appended) as writer:
        writer.write_response("https://islandnotes.example/1", 200, {"Content-Type": "text/html"}, BLOG, None)
    writer = WarcWriter(appended)  # a file this writer did not start is never deleted
    writer.open()
    writer.close(drop_empty=True)
    assert [kind for kind, _, _ in records(appended)] == ["warcinfo", "response"]
    plain = WarcWriter(tmp_path / "plain.warc.gz")
    plain.open()
    plain.close()
    assert [kind for kind, _, _ in records(plain.path)] == ["warcinfo"]


def test_truncated_archive_keeps_records_before_the_damage(tmp_path: Path) -> None:
    path = tmp_path / "killed.warc.gz"
    with WarcWriter(path) as writer:
        writer.write_response("https://islandnotes.example/1", 200, {"Content-Type": "text/html"}, BLOG, None)
        writer.write_response("https://valleycourier.example/2", 200, {"Content-Type": "text/html"}, WIRE, None)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])  # a job killed in the middle of the last record
    items = list(iter_warc_articles(path))
    assert isinstance(items[0], Article) and items[0].url == "https://islandnotes.example/1"
    assert isinstance(items[-1], ImportFailure)
    assert (items[-1].stage, items[-1].source) == ("read", str(path))
    assert len(items) == 2


def write_raw_warc(path: Path, entries: list[tuple[str, str, str, bytes, str]], gzip: bool = False) -> None:
    """A WARC written with warcio directly: (record type, url, status line, body, content type)."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        for rec_type, url, status, body, content_type in entries:
            if rec_type == "revisit":
                record = writer.create_revisit_record(url, digest="sha1:AAAA", refers_to_uri=url, refers_to_date="2026-04-14T00:00:00Z")
            elif rec_type == "resource":
                record = writer.create_warc_record(url, "resource", payload=io.BytesIO(body), warc_content_type=content_type)
            else:
                headers = StatusAndHeaders(status, [("Content-Type", content_type)] if content_type else [], protocol="HTTP/1.1")
                record = writer.create_warc_record(url, rec_type, payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(record)


def test_reader_skips_what_is_not_an_html_page(tmp_path: Path) -> None:
    path = tmp_path / "mixed.warc"  # uncompressed, as some tools write them
    write_raw_warc(
        path,
        [
            ("response", "https://valleycourier.example/ferry", "200 OK", WIRE, "text/html"),
            ("response", "https://valleycourier.example/style.css", "200 OK", b"body{}", "text/css"),
            ("response", "https://valleycourier.example/moved", "301 Moved Permanently", b"<html></html>", "text/html"),
            ("response", "https://valleycourier.example/error", "500 Internal Server Error", WIRE, "text/html"),
            ("revisit", "https://valleycourier.example/ferry", "", b"", ""),
            ("response", "https://valleycourier.example/empty", "200 OK", b"<html><body><nav>Home</nav></body></html>", "text/html"),
            ("resource", "https://islandnotes.example/ferry", "", BLOG, "text/html"),
            ("response", "https://lakeside.example/fr", "200 OK", LATIN1, "text/html; charset=windows-1252"),
            # no Content-Type: a body that starts like HTML is a page, anything else is not
            ("response", "https://islandnotes.example/untyped", "200 OK", BLOG, ""),
            ("response", "https://islandnotes.example/data", "200 OK", b'{"ferry": true}', ""),
            # what another tool's crawl keeps besides articles: robots.txt, the home page
            ("response", "https://valleycourier.example/robots.txt", "200 OK", b"User-agent: *", "text/html"),
            ("response", "https://valleycourier.example/", "200 OK", WIRE, "text/html"),
            ("response", "https://islandnotes.example/?p=12", "200 OK", BLOG, "text/html"),  # a blog's permalink
        ],
    )
    every = list(iter_warc_articles(path))
    skipped = [(item.item, item.stage, item.message) for item in every if isinstance(item, SkippedRecord)]
    assert skipped == [  # counted as skipped by an import, not as failed articles
        ("https://valleycourier.example/style.css", "skip", "text/css, not an HTML page"),
        ("https://valleycourier.example/moved", "skip", "HTTP 301, not a page of text"),
        ("https://valleycourier.example/error", "skip", "HTTP 500, not a page of text"),
        ("https://islandnotes.example/data", "skip", "no Content-Type, and the body is not HTML"),
        ("https://valleycourier.example/robots.txt", "skip", "robots.txt"),
        ("https://valleycourier.example/", "skip", "a site's home page"),
    ]
    items = [item for item in every if not isinstance(item, SkippedRecord)]
    assert [(type(item).__name__, getattr(item, "url", None) or item.item) for item in items] == [
        ("Article", "https://valleycourier.example/ferry"),
        ("ImportFailure", "https://valleycourier.example/ferry"),  # a revisit of a capture the archive lacks
        ("ImportFailure", "https://valleycourier.example/empty"),
        ("Article", "https://islandnotes.example/ferry"),
        ("Article", "https://lakeside.example/fr"),
        ("Article", "https://islandnotes.example/untyped"),
        ("Article", "https://islandnotes.example/?p=12"),
    ]
    assert (items[1].stage, items[1].message) == ("read", "revisit of a capture not found in the archives of this "
                                                   "import (refers to https://valleycourier.example/ferry 2026-04-14T00:00:00Z)")
    assert items[2].stage == "extract"
    assert "élus" in items[4].text


def test_a_capture_at_a_fragment_or_a_feed_address_is_the_page_itself(tmp_path: Path) -> None:
    # browser-made archives keep the fragment; news archives fetch feed links with utm_ parameters
    path = tmp_path / "addresses.warc.gz"
    write_raw_warc(
        path,
        [
            ("response", "https://valleycourier.example/ferry", "200 OK", WIRE, "text/html"),
            ("response", "https://valleycourier.example/ferry#comments", "200 OK", WIRE, "text/html"),
            ("response", "https://valleycourier.example/ferry?utm_source=rss&utm_medium=feed", "200 OK", WIRE, "text/html"),
            ("response", "https://valleycourier.example/ferry?page=2&utm_campaign=x#top", "200 OK", WIRE, "text/html"),
        ],
        gzip=True,
    )
    assert [article.url for article in iter_warc_articles(path)] == [
        "https://valleycourier.example/ferry",
        "https://valleycourier.example/ferry",
        "https://valleycourier.example/ferry",
        "https://valleycourier.example/ferry?page=2",
    ]


def test_archived_pages_are_decoded_as_fetched_pages_are(tmp_path: Path) -> None:
    # an ASCII page whose header says utf-16, and a windows-1252 page whose header says utf-8
    ascii_page = WIRE.decode("utf-8").encode("ascii", "xmlcharrefreplace")
    mislabelled = LATIN1.replace(b'charset="windows-1252"', b'charset="utf-8"')
    path = tmp_path / "labels.warc"
    write_raw_warc(
        path,
        [
            ("response", "https://valleycourier.example/ferry", "200 OK", ascii_page, "text/html; charset=utf-16"),
            ("response", "https://lakeside.example/fr", "200 OK", mislabelled, "text/html; charset=utf-8"),
        ],
    )
    ferry, french = list(iter_warc_articles(path))
    assert "ferry" in ferry.text
    assert "malgré les critiques de plusieurs élus" in french.text


def test_reader_on_a_file_that_is_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc.gz"
    path.write_bytes(b"this is not an archive at all\n" * 10)
    (failure,) = list(iter_warc_articles(path))
    assert isinstance(failure, ImportFailure) and failure.stage == "read"
    assert failure.message.startswith("unreadable WARC")


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2026-04-14T13:10:00Z", "2026-04-14T13:10:00+00:00"),
        ("2026-04-14T13:10:00.123456Z", "2026-04-14T13:10:00.123456+00:00"),
        ("2026-04-14T13:10:00", "2026-04-14T13:10:00+00:00"),
        ("garbage", None),
        (None, None),
    ],
)
def test_warc_date_to_iso(value: str | None, expected: str | None) -> None:
    assert warc_date_to_iso(value) == expected


def test_writer_from_several_threads(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    path = tmp_path / "threads.warc.gz"
    with WarcWriter(path) as writer, ThreadPoolExecutor(4) as pool:
        list(
            pool.map(
                lambda n: writer.write_response(f"https://islandnotes.example/{n}", 200, {"Content-Type": "text/html"}, BLOG, None),
                range(40),
            )
        )
    urls = sorted(url for kind, url, _ in records(path) if kind == "response")
    assert urls == sorted(f"https://islandnotes.example/{n}" for n in range(40))


def test_compressed_pages_are_read_or_said_unreadable(tmp_path: Path) -> None:
    # browser-made archives keep what the browser received: brotli is common there
    import brotli

    path = tmp_path / "encodings.warc"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        for url, encoding, body in [
            ("https://valleycourier.example/ferry", "br", brotli.compress(WIRE)),
            ("https://islandnotes.example/ferry", "zstd", b"(\xb5/\xfd not a page"),
            ("https://lakeside.example/fr", "identity", LATIN1),
            ("https://valleycourier.example/logo.png", "zstd", b"\x89PNG"),  # not a page anyway
        ]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), ("Content-Encoding", encoding)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
        headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png"), ("Content-Encoding", "zstd")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record("https://valleycourier.example/map.png", "response", payload=io.BytesIO(b"\x89PNG"), http_headers=headers)
        )
    ferry, unreadable, french, logo, image = list(iter_warc_articles(path))
    assert (type(image), image.item) == (SkippedRecord, "https://valleycourier.example/map.png")
    assert isinstance(ferry, Article) and "ferry" in ferry.text
    assert (unreadable.item, unreadable.stage, unreadable.message) == (
        "https://islandnotes.example/ferry", "read", "unsupported Content-Encoding: zstd"
    )
    assert isinstance(french, Article) and "élus" in french.text
    assert logo.item == "https://valleycourier.example/logo.png"  # typed text/html: said unreadable, the image/png skipped


def test_a_cut_or_corrupt_compressed_body_is_no_page(tmp_path: Path) -> None:
    # a connection dropped mid-body, or bytes damaged on disk: warcio hands over what it decompressed
    import gzip as gzip_module

    import brotli

    whole = gzip_module.compress(WIRE)
    corrupt = bytearray(whole)
    corrupt[-6] ^= 0xFF  # the CRC of the trailer
    path = tmp_path / "damaged.warc"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        for url, encoding, body in [
            ("https://valleycourier.example/ferry", "gzip", whole),
            ("https://valleycourier.example/cut", "gzip", whole[: len(whole) // 2]),
            ("https://valleycourier.example/corrupt", "gzip", bytes(corrupt)),
            ("https://valleycourier.example/cut-br", "br", brotli.compress(WIRE)[:-40]),
            ("https://valleycourier.example/stored-decoded", "gzip", WIRE),  # header kept, body stored decoded
        ]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), ("Content-Encoding", encoding)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    items = list(iter_warc_articles(path))
    assert [(type(item).__name__, getattr(item, "url", None) or item.item) for item in items] == [
        ("Article", "https://valleycourier.example/ferry"),
        ("ImportFailure", "https://valleycourier.example/cut"),
        ("ImportFailure", "https://valleycourier.example/corrupt"),
        ("ImportFailure", "https://valleycourier.example/cut-br"),
        ("Article", "https://valleycourier.example/stored-decoded"),
    ]
    assert items[1].stage == "read"
    assert items[1].message == "damaged record body: its gzip stream is cut short or corrupt"
    assert items[3].message == "damaged record body: its br stream is cut short or corrupt"
    assert items[4].text == items[0].text


# ----- revisits, digests and malformed records ---------------------------------------------------

EDITED = WIRE.replace(b"again in the spring of 2028.</p>",
                      b"again in the spring of 2028.</p><p>An earlier version of this article named the wrong ferry operator.</p>")
T1, T2, T3 = "2026-04-14T08:00:00Z", "2026-04-14T12:00:00Z", "2026-04-15T08:00:00Z"
FERRY = "https://valleycourier.example/ferry"


def sha1_digest(body: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


def response(writer: WARCWriter, url: str, body: bytes, date: str, content_type: str = "text/html",
             digest: str | None = None, extra: list[tuple[str, str]] = ()):
    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type), *extra], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                       warc_headers_dict={"WARC-Date": date})
    if digest:  # in place of warcio's sha1, which it computes again for a record of unknown length
        record.rec_headers.replace_header("WARC-Payload-Digest", digest)
        record.http_headers.compute_headers_buffer(writer.header_filter)
        record.length = len(record.http_headers.headers_buff) + len(body)
    writer.write_record(record)
    return record


def revisit(writer: WARCWriter, url: str, body: bytes, date: str, refers: str, *, refers_to_date: str | None,
            content_type: str = "text/html") -> None:
    """A revisit of `url` at `date` whose payload is `body`, as Heritrix writes one; refers: how it names the capture."""
    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_revisit_record(url, sha1_digest(body), url, refers_to_date, http_headers=headers,
                                         warc_headers_dict={"WARC-Date": date})
    if refers != "uri and date":
        record.rec_headers.remove_header("WARC-Refers-To-Target-URI")
        record.rec_headers.remove_header("WARC-Refers-To-Date")
    if refers.startswith("record id"):
        record.rec_headers.add_header("WARC-Refers-To", refers.split(" ", 2)[2])
    if refers == "nothing found":
        record.rec_headers.replace_header("WARC-Payload-Digest", sha1_digest(b"a payload no archive holds"))
    writer.write_record(record)


@pytest.mark.parametrize("workers", [1, 2])
def test_archives_given_out_of_capture_order_are_read_in_it(tmp_path: Path, workers: int) -> None:
    # the later crawl named first: its edit must still be the current text, the first capture history
    later, first = tmp_path / "a-second-crawl.warc", tmp_path / "b-first-crawl.warc.gz"
    with later.open("wb") as handle:
        response(WARCWriter(handle, gzip=False), FERRY, EDITED, T2)
    with first.open("wb") as handle:
        response(WARCWriter(handle, gzip=True), FERRY, WIRE, T1)
    unreadable = tmp_path / "c-broken.warc"
    unreadable.write_bytes(b"WARC/1.0\r\nnot a header at all\r\n\r\n")
    # an archive without a date read stays behind the archive it followed
    assert expand_paths([later, unreadable, first]) == [first, later, unreadable]
    assert expand_paths([tmp_path]) == [first, unreadable, later]  # a folder: a-, b-, c- by name
    database = sqlite_utils.Database(tmp_path / "x.db")
    import_paths(database, [later, first], workers=workers)
    assert database.execute("select version, fetched_at from article_versions").fetchall() == [(1, "2026-04-14T08:00:00Z")]
    assert database.execute("select version, fetched_at, text like '%wrong ferry operator%' from articles").fetchall() == [
        (2, "2026-04-14T12:00:00Z", 1)]


@pytest.mark.parametrize("refers", ["uri and date", "digest", "record id"])
@pytest.mark.parametrize("workers", [1, 2])
def test_a_revert_archived_as_a_revisit_is_a_new_version(tmp_path: Path, refers: str, workers: int) -> None:
    # Heritrix and wget keep an unchanged page as a revisit of its first capture, often in a later file
    first, later = tmp_path / "a-crawl.warc.gz", tmp_path / "b-crawl.warc"
    with first.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        original = response(writer, FERRY, WIRE, T1)
        response(writer, FERRY, EDITED, T2)  # the edit
    record_id = original.rec_headers.get_header("WARC-Record-ID")
    with later.open("wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        # the edit taken back: the page holds its first text again, archived as a revisit of the first capture
        revisit(writer, FERRY, WIRE, T3, f"record id {record_id}" if refers == "record id" else refers, refers_to_date=T1)
        # a revisit of an image is no page, found or not; one of a page no archive of the import holds is an error
        revisit(writer, "https://valleycourier.example/map.png", b"\x89PNG", T3, "uri and date", refers_to_date=T1,
                content_type="image/png")
        revisit(writer, "https://valleycourier.example/other", WIRE, T3, "nothing found", refers_to_date=None)
    database = sqlite_utils.Database(tmp_path / "x.db")
    report = import_paths(database, [tmp_path], workers=workers)
    assert (report.new, report.changed, report.failed) == (1, 2, 1)
    versions = database.execute(
        "select v.version, v.fetched_at, v.text_hash = a2.text_hash from article_versions v "
        "join articles a2 on a2.id = v.article_id order by v.version").fetchall()
    assert versions == [(1, "2026-04-14T08:00:00Z", 1), (2, "2026-04-14T12:00:00Z", 0)]  # v1 had today's text
    current = database.execute("select url, version, fetched_at, text like '%wrong ferry operator%' from articles").fetchall()
    assert current == [(FERRY, 3, "2026-04-15T08:00:00Z", 0)]
    assert database.execute("select text like '%wrong ferry operator%' from article_versions where version = 2").fetchone() == (1,)
    assert database.execute("select source, item, stage, message from errors").fetchall() == [(
        str(later), "https://valleycourier.example/other", "read",
        "revisit of a capture not found in the archives of this import (refers to https://valleycourier.example/other)")]
    again = import_paths(database, [tmp_path], workers=workers)  # nothing changed: nothing added
    assert (again.new, again.changed, database.execute("select count(*) from errors").fetchone()[0]) == (0, 0, 1)


def test_a_payload_that_does_not_match_its_digest_is_a_damaged_record(tmp_path: Path) -> None:
    path = tmp_path / "digests.warc"
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (WIRE[:1000], WIRE[1000:])) + b"0\r\n\r\n"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        response(writer, "https://valleycourier.example/sha1", WIRE, T1)  # warcio's own sha1 base32
        response(writer, "https://valleycourier.example/damaged", WIRE, T1)
        response(writer, "https://valleycourier.example/sha256-hex", WIRE, T1,
                 digest="sha256:" + hashlib.sha256(WIRE).hexdigest())
        response(writer, "https://valleycourier.example/md5-base64", WIRE, T1,
                 digest="md5:" + base64.b64encode(hashlib.md5(WIRE).digest()).decode())
        response(writer, "https://valleycourier.example/unknown", WIRE, T1, digest="whirlpool-9:AAAA")  # not checkable
        response(writer, "https://valleycourier.example/chunked", chunked, T1, digest=sha1_digest(WIRE),
                 extra=[("Transfer-Encoding", "chunked")])  # digested unchunked, as some tools do
        response(writer, "https://valleycourier.example/wrong-sha256", WIRE, T1, digest="sha256:" + "0" * 64)
    data = path.read_bytes()
    damaged = data.index(b"WARC-Target-URI: https://valleycourier.example/damaged")
    at = data.index(b"ferry", damaged)
    path.write_bytes(data[:at] + b"F" + data[at + 1:])  # one byte changed on disk, the length unchanged
    items = list(iter_warc_articles(path))
    assert [(type(item).__name__, getattr(item, "url", None) or item.item) for item in items] == [
        ("Article", "https://valleycourier.example/sha1"),
        ("ImportFailure", "https://valleycourier.example/damaged"),
        ("Article", "https://valleycourier.example/sha256-hex"),
        ("Article", "https://valleycourier.example/md5-base64"),
        ("Article", "https://valleycourier.example/unknown"),
        ("Article", "https://valleycourier.example/chunked"),
        ("ImportFailure", "https://valleycourier.example/wrong-sha256"),
    ]
    assert (items[1].stage, items[1].message) == ("read", f"damaged record: its payload does not match its digest {sha1_digest(WIRE)}")
    assert items[5].text == items[0].text


def four_pages(gzipped: bool) -> tuple[bytes, list[int]]:
    """An archive of four pages and the offset of each record."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    offsets = []
    for number in range(4):
        offsets.append(buffer.tell())
        response(writer, f"https://valleycourier.example/{number}", WIRE.replace(b"ferry", b"ferry%d" % number), T1)
    return buffer.getvalue(), offsets


@pytest.mark.parametrize("damage, index", [("version line", 1), ("length not a number", 1), ("no target URI", 1),
                                           ("gzip member", 1),
                                           # fuzz25: the first member damaged raised zlib.error out of the import
                                           ("gzip member", 0)])
def test_the_records_after_a_malformed_one_are_read(tmp_path: Path, damage: str, index: int) -> None:
    # warcio stops at a malformed record; the reader goes on at the next record start
    data, offsets = four_pages(gzipped=damage == "gzip member")
    second = data[offsets[index]:offsets[index + 1]]
    if damage == "gzip member":
        # the first member's deflate data zeroed (a stored block whose lengths disagree, whatever the record's random id)
        broken = (second[:10] + bytes(len(second) - 18) + second[-8:] if index == 0
                  else second[:40] + bytes(b ^ 0xFF for b in second[40:60]) + second[60:])
    else:
        length = re.search(rb"Content-Length: (\d+)", second)  # the WARC header's: the HTTP headers have none
        broken = {
            "version line": second.replace(b"WARC/1.", b"WARX/1.", 1),
            "length not a number": second.replace(length.group(0), b"Content-Length: 1" + b"x" * (len(length.group(1)) - 1), 1),
            # warcio itself fails on a response with no target (AttributeError), not as on a malformed record
            "no target URI": second.replace(b"WARC-Target-URI:", b"X-Not-Target-UR:", 1),
        }[damage]
    path = tmp_path / ("damaged.warc.gz" if damage == "gzip member" else "damaged.warc")
    path.write_bytes(data[:offsets[index]] + broken + data[offsets[index + 1]:])
    items = list(iter_warc_articles(path))
    kinds = [(type(item).__name__, getattr(item, "url", None) or item.item) for item in items]
    pages = [("Article", f"https://valleycourier.example/{n}") for n in range(4)]
    failure = next(item for item in items if isinstance(item, ImportFailure) and item.item.startswith("offset"))
    pages[index] = ("ImportFailure", failure.item)
    assert kinds == pages
    assert offsets[index] <= int(failure.item.split()[1]) < offsets[index + 1]  # where the bytes skipped begin
    assert failure.stage == "read" and failure.message.startswith("malformed WARC record (")
    assert failure.message.endswith(f"); read on from offset {offsets[index + 1]}")


def second_record_longer(tmp_path: Path, data: bytes, offsets: list[int], extra: int) -> tuple[Path, int]:
    """The four pages' WARC with its second record's Content-Length `extra` bytes too long, written to a file: the
    file, and how many bytes longer the record's headers grew (a length with more digits)."""
    second = data[offsets[1]:offsets[2]]
    length = re.search(rb"Content-Length: (\d+)", second)
    longer = second.replace(length.group(0), b"Content-Length: %d" % (int(length.group(1)) + extra), 1)
    path = tmp_path / "long.warc"
    path.write_bytes(data[:offsets[1]] + longer + data[offsets[2]:])
    return path, len(longer) - len(second)


@pytest.mark.parametrize("swallowed", ["200 bytes", "the next record", "all but its last 4 bytes", "the next two records"])
def test_the_records_a_too_long_content_length_swallows_are_read_again(
    tmp_path: Path, swallowed: str, capfd: pytest.CaptureFixture, caplog: pytest.LogCaptureFixture
) -> None:
    # A length too long makes the record hold the start (or the whole) of the next ones: its digest
    # says it is damaged, and reading goes on inside it, where the next record starts.
    data, offsets = four_pages(gzipped=False)
    extra = {"200 bytes": 200, "the next record": offsets[3] - offsets[2], "all but its last 4 bytes": offsets[3] - offsets[2] - 4,
             "the next two records": len(data) - offsets[2]}[swallowed]
    path, grown = second_record_longer(tmp_path, data, offsets, extra)
    third = offsets[2] + grown  # a length with one more digit moves what follows
    with caplog.at_level(logging.WARNING):
        items = list(iter_warc_articles(path))
    kinds = [(type(item).__name__, getattr(item, "url", None) or item.item) for item in items]
    pages = [f"https://valleycourier.example/{n}" for n in range(4)]
    assert kinds == [("Article", pages[0]), ("ImportFailure", pages[1]), ("Article", pages[2]), ("Article", pages[3])]
    assert items[1].message.startswith("damaged record: its payload does not match its digest")
    assert f"the record at offset {offsets[1]} runs into the next one; read on from offset {third}" in caplog.text
    assert capfd.readouterr().err == ""  # warcio's own warnings are not printed


def test_a_record_not_followed_by_blank_lines_is_one_warning_not_warcio_stderr(
    tmp_path: Path, capfd: pytest.CaptureFixture, caplog: pytest.LogCaptureFixture
) -> None:
    data, offsets = four_pages(gzipped=False)
    path = tmp_path / "junk.warc"
    path.write_bytes(data[:offsets[2] - 4] + b"junk after the record\r\n\r\n" + data[offsets[2]:])
    with caplog.at_level(logging.WARNING):
        items = list(iter_warc_articles(path))
    assert [getattr(item, "url", None) for item in items] == [f"https://valleycourier.example/{n}" for n in range(4)]
    warnings = [record.getMessage() for record in caplog.records]
    assert warnings == [f"{path}: the record before offset {offsets[2] - 4} is not followed by a blank line (a wrong Content-Length?)"]
    assert capfd.readouterr().err == ""


def test_an_archive_with_nothing_readable_after_the_damage_ends_with_one_failure(tmp_path: Path) -> None:
    data, offsets = four_pages(gzipped=False)
    path = tmp_path / "tail.warc"
    path.write_bytes(data[:offsets[3]] + data[offsets[3]:].replace(b"WARC/1.", b"WARX/1.", 1))
    items = list(iter_warc_articles(path))
    assert [type(item).__name__ for item in items] == ["Article", "Article", "Article", "ImportFailure"]
    assert (items[-1].item, items[-1].message) == (
        f"offset {offsets[3]}", "unreadable WARC: Invalid WARC record, first line: WARX/1.0")


@pytest.mark.parametrize("chunked", [False, True])
def test_a_page_past_the_size_cap_stored_or_inflated_is_a_failure_and_the_next_is_read(tmp_path: Path, monkeypatch,
                                                                                     chunked: bool) -> None:
    # someone else's archive can hold a bomb: 500 bytes of brotli are 300 MB, which warcio inflated whole
    import gzip as gzip_module

    import brotli

    monkeypatch.setattr("scrapers.warc.MAX_PAGE_BYTES", 50_000)
    page = b"<html><body><p>" + b"ferry " * 20_000 + b"</p></body></html>"  # 120 KB
    bombs = [
        ("https://bomb.example/stored", "identity", page),
        ("https://bomb.example/gzip", "gzip", gzip_module.compress(page)),
        ("https://bomb.example/br", "br", brotli.compress(b"<html><body>" + b" " * 3_000_000, quality=1)),
    ]
    path = tmp_path / "bombs.warc"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        for url, encoding, body in [*bombs, ("https://valleycourier.example/ferry", "identity", WIRE)]:
            fields = [("Content-Type", "text/html"), ("Content-Encoding", encoding)]
            if chunked:
                fields.append(("Transfer-Encoding", "chunked"))
                body = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
            headers = StatusAndHeaders("200 OK", fields, protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    stored, gzipped, brotlied, ferry = list(iter_warc_articles(path))
    assert (stored.item, stored.stage, stored.message) == (
        "https://bomb.example/stored", "read", "record body over 50,000 bytes: no article's page")
    assert (gzipped.item, gzipped.message) == (
        "https://bomb.example/gzip", "page over 50,000 bytes decompressed: no article's page")
    assert (brotlied.item, brotlied.message) == (
        "https://bomb.example/br", "page over 50,000 bytes decompressed: no article's page")
    assert isinstance(ferry, Article) and "ferry" in ferry.text


@pytest.mark.parametrize("extra", [10**6, 10**15])
def test_a_content_length_past_the_end_of_the_file_loses_no_record_after_it(
        tmp_path: Path, extra: int, caplog: pytest.LogCaptureFixture) -> None:
    # the record "ran to the end of the file" and was failed as truncated: the records inside it were lost unsaid
    data, offsets = four_pages(gzipped=False)
    path, _ = second_record_longer(tmp_path, data, offsets, extra)
    with caplog.at_level(logging.WARNING):
        items = list(iter_warc_articles(path))
    kinds = [(type(item).__name__, getattr(item, "url", None) or item.item) for item in items]
    pages = [f"https://valleycourier.example/{n}" for n in range(4)]
    assert kinds == [("Article", pages[0]), ("ImportFailure", pages[1]), ("Article", pages[2]), ("Article", pages[3])]
    assert items[1].message.startswith("truncated record: ")


@pytest.mark.parametrize("kept", [1, 100, 300, 1000, 1600])
def test_an_archive_cut_inside_a_record_says_so_whatever_the_place(tmp_path: Path, kept: int) -> None:
    # cut within the first ~345 bytes of the last gzip member (its WARC headers), warcio ended as at the end of
    # the file: the record was lost unsaid
    data, offsets = four_pages(gzipped=True)
    path = tmp_path / "killed.warc.gz"
    path.write_bytes(data[:offsets[3] + kept])
    items = list(iter_warc_articles(path))
    assert [item.url for item in items[:3]] == [f"https://valleycourier.example/{n}" for n in range(3)]
    (failure,) = items[3:]
    assert isinstance(failure, ImportFailure) and failure.stage == "read"


def test_a_page_whose_address_is_garbled_is_a_failure_not_dropped(tmp_path: Path) -> None:
    # a WARC-Target-URI that is no address was taken for another protocol's record (dns:) and dropped unsaid
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    response(writer, "https://valley\x00courier.example/1", WIRE, T1)
    response(writer, "https://valleycourier.example/2", WIRE, T1)
    response(writer, "dns:valleycourier.example", b"203.0.113.9", T1)
    path = tmp_path / "garbled.warc"
    path.write_bytes(buffer.getvalue())
    items = list(iter_warc_articles(path))
    assert [(type(item).__name__, getattr(item, "url", None) or item.item) for item in items] == [
        ("ImportFailure", "https://valley\\x00courier.example/1"), ("Article", "https://valleycourier.example/2")]
    assert items[0].message == "WARC-Target-URI is no well-formed http(s) address"
