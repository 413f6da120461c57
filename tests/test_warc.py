"""WARC archives: the crawler's evidence writer and the article reader, on warcio's own records."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from provenance.models import Article
from scrapers.files import ImportFailure
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
    (article,) = list(iter_warc_articles(path))
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
        ],
    )
    items = list(iter_warc_articles(path))
    assert [(type(item).__name__, getattr(item, "url", None) or item.item) for item in items] == [
        ("Article", "https://valleycourier.example/ferry"),
        ("ImportFailure", "https://valleycourier.example/empty"),
        ("Article", "https://islandnotes.example/ferry"),
        ("Article", "https://lakeside.example/fr"),
        ("Article", "https://islandnotes.example/untyped"),
    ]
    assert items[1].stage == "extract"
    assert "élus" in items[3].text


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
    ferry, unreadable, french, logo = list(iter_warc_articles(path))
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
