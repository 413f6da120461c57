"""File imports: JSON Lines, CSV, HTML files and folders, WARC; bad records become ImportFailures."""

from __future__ import annotations

import csv
import gzip
import io
import json
import logging
from pathlib import Path

import pytest

from provenance.models import Article
from provenance.quotes import extract_quotes
from scrapers.files import ImportFailure, ImportInputError, expand_paths, iter_articles
from scrapers.warc import WarcWriter

FIXTURES = Path(__file__).parent / "fixtures" / "html"
BLOG_HTML = (FIXTURES / "blog_post.html").read_text(encoding="utf-8")
TEXT = (
    "LAKESIDE (NW) — The Lakeside town council voted 7-2 on Tuesday night to keep the island ferry running.\n\n"
    '"The ferry is the only road our island has," councillor Mira Holt said.\r\n'
)


def write_jsonl(path: Path, records: list[object]) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def test_jsonl_records(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "export.jsonl",
        [
            {
                "url": "https://valleycourier.example/ferry",
                "text": TEXT,
                "title": "Ferry stays",
                "outlet": "North Wire",
                "published": "2026-04-14T09:05:00Z",
                "author": "Ana Torres",
            },
            {"id": 42, "text": "Short record with an id and no url, but enough words."},
        ],
    )
    first, second = list(iter_articles([path]))
    assert first == Article(
        url="https://valleycourier.example/ferry",
        text=(
            "LAKESIDE (NW) — The Lakeside town council voted 7-2 on Tuesday night to keep the island ferry running.\n"
            '"The ferry is the only road our island has," councillor Mira Holt said.'
        ),
        title="Ferry stays",
        author="Ana Torres",
        published="2026-04-14T09:05:00+00:00",
        outlet="North Wire",
        source="import",
    )
    assert (second.url, second.text, second.published) == (
        "urn:provenance:42",
        "Short record with an id and no url, but enough words.",
        None,
    )


@pytest.mark.parametrize(
    "fields, site_name",
    [
        ({"site_name": "Eastside Courier"}, "Eastside Courier"),
        ({"source": "Eastside Courier"}, "Eastside Courier"),
        ({"source": {"id": None, "name": "Eastside Courier"}}, "Eastside Courier"),  # NewsAPI's shape
        ({"publisher": "Eastside Courier", "source": "Lakeside Wire"}, "Lakeside Wire"),  # site_name, source, publisher
        ({"source": {"name": "Eastside \ud800Courier"}}, None),  # a lone surrogate names nothing
        ({"source": 7.5}, "7.5"),
        ({"source": ["Eastside Courier"]}, None),
    ],
)
def test_a_record_names_its_site(tmp_path: Path, fields: dict, site_name: str | None) -> None:
    path = write_jsonl(tmp_path / "export.jsonl", [{"id": 7, "text": TEXT, **fields}])
    (article,) = list(iter_articles([path]))
    assert article.site_name == site_name


def test_control_characters_are_dropped_from_imported_text(tmp_path: Path) -> None:
    # a trailing NUL made the quote's sentence read as a headline, and the quote was lost
    text = TEXT.replace("said.", "said.\x00").replace("Lakeside town", "Lakeside\x1b town")
    path = write_jsonl(tmp_path / "export.jsonl", [{"url": "https://valleycourier.example/f", "text": text}])
    [article] = list(iter_articles([path]))
    assert article.text.endswith("councillor Mira Holt said.")
    assert "The Lakeside town council" in article.text
    assert [q.kind for q in extract_quotes(article.text)] == ["speech"]


def test_jsonl_html_record_goes_through_extraction_and_record_fields_win(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "export.ndjson",
        [{"url": "https://islandnotes.example/ferry", "html": BLOG_HTML, "outlet": "Island Notes Blog", "published": "2026-04-16"}],
    )
    (article,) = list(iter_articles([path]))
    assert article.title == "Why the ferry vote matters"
    assert article.outlet == "Island Notes Blog"
    assert article.published == "2026-04-16"  # the record's value wins over the page's 2026-04-15
    assert article.source == "import"
    assert article.links[0].url == "https://lakesidegazette.example/ferry-debate"


@pytest.mark.parametrize(
    "line, stage, message",
    [
        ("{not json", "parse", "not a JSON record"),
        ("[1, 2]", "record", "record is a list, not an object"),
        ('{"text": "words without an address"}', "record", "record has neither url nor id"),
        ('{"url": "https://x.example/a"}', "record", "record has neither text nor html"),
        ('{"url": "https://x.example/a", "text": "   "}', "record", "record has neither text nor html"),
        # fuzz25: control characters only were dropped from the text, and an article of no text saved
        ('{"url": "https://x.example/a", "text": "\\u0000\\u0007 \\u0000"}', "record", "text holds only control characters"),
        ('{"url": "https://x.example/a", "html": "<html><body><nav>Home</nav></body></html>"}', "extract", "no article text found"),
        ('{"url": "https://x.example/a", "text": "\\ud800 half a UTF-16 pair"}', "record", "text has a lone surrogate"),
        ('{"url": "https://x.example/a", "html": "<p>\\udfff</p>"}', "record", "html has a lone surrogate"),
        ('{"url": "https://x.example/a", "text": "Words.", "title": "\\ud83d"}', "record", "title has a lone surrogate"),
        ('{"url": "https://x.example/\\ud800", "text": "Words."}', "record", "url has a lone surrogate"),
        # a control character in a URL: lxml refuses it in the links resolved against it (a crash before)
        ('{"url": "https://x.ex\\u001dample/a", "html": "<article><p>Words.</p><a href=\\"/b\\">b</a></article>"}',
         "record", "url holds a control character"),
        ('{"id": "a\\u0000b", "text": "Words."}', "record", "id holds a control character"),
        # an address that runs code or is its own content: no page's, and unsafe wherever it is shown as one
        ('{"url": "javascript:alert(1)", "text": "Words."}', "record", "url is a javascript: URL"),
        ('{"url": " JavaScript:alert(1)", "text": "Words."}', "record", "url is a javascript: URL"),
        ('{"url": "java\\tscript:alert(1)", "text": "Words."}', "record", "url is a javascript: URL"),
        ('{"url": "javascript://[x", "text": "Words."}', "record", "url is a javascript: URL"),
        ('{"url": "data:text/html,<b>Words</b>", "text": "Words."}', "record", "url is a data: URL"),
        ('{"url": "VBScript:msgbox(1)", "html": "<p>Words.</p>"}', "record", "url is a vbscript: URL"),
        # arrays or objects nested thousands deep: Python's RecursionError ended the import with a traceback
        ("[" * 100_000 + "]" * 100_000, "parse", "not a JSON record: nested too deeply to read"),
        ('{"url": "https://x.example/a", "text": "Words.", "title": ' + "[" * 50_000 + "]" * 50_000 + "}", "parse",
         "not a JSON record: nested too deeply to read"),
        # no page's address, each imported as an article: a number, a port past 65535, a space, a host no DNS has
        ('{"url": 5, "text": "Words."}', "record", "url is a int, not an address"),
        ('{"url": "https://x.example:99999/a", "text": "Words."}', "record", "url is no well-formed http(s) address"),
        ('{"url": "https://x.exa\u2028mple/a", "text": "Words."}', "record", "url is no well-formed http(s) address"),
        ('{"url": "https://[::1", "text": "Words."}', "record", "url is no well-formed http(s) address"),
        ('{"url": "https://' + "a" * 300 + '.example/", "text": "Words."}', "record", "url is no well-formed http(s)"),
        ('{"url": "https://x.example/' + "a" * 9000 + '", "text": "Words."}', "record", "url is no well-formed http(s)"),
    ],
)
def test_jsonl_bad_record_is_a_failure_and_iteration_goes_on(tmp_path: Path, line: str, stage: str, message: str) -> None:
    path = write_jsonl(tmp_path / "bad.jsonl", [line, {"url": "https://x.example/ok", "text": "A good record follows the bad one here."}])
    failure, article = list(iter_articles([path]))
    assert isinstance(failure, ImportFailure)
    assert (failure.source, failure.stage) == (str(path), stage)
    assert failure.item.startswith("line 1")
    assert failure.message.startswith(message)
    assert article.url == "https://x.example/ok"


def test_jsonl_undecodable_line_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        b'\n{"url": "https://x.example/1", "text": "caf\xc3\xa9 ferry news one"}\n\n{"url": "\xff\xfe"}\n'
        b'{"url": "https://x.example/2", "text": "ferry news two"}\n'
    )
    items = list(iter_articles([path]))
    assert [type(item).__name__ for item in items] == ["Article", "ImportFailure", "Article"]
    assert items[0].text == "café ferry news one"
    assert (items[1].item, items[1].stage) == ("line 4", "parse")


def test_jsonl_gz_and_unreadable_published(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"url": "https://x.example/1", "text": "ferry news", "published": "sometime in spring"}) + "\n")
    (article,) = list(iter_articles([path]))
    assert article.published is None
    assert article.metadata == {"published_given": "sometime in spring"}


@pytest.mark.parametrize(
    "published",
    [
        "0001-01-01", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "1066-10-14",
        # the Unix epoch: a time stored as 0, printed in UTC or in the server's zone
        "1970-01-01", "1970-01-01T00:00:00Z", "1969-12-31T19:00:00-05:00",
    ],
)
def test_implausible_published_is_ignored_and_the_article_kept(tmp_path: Path, published: str) -> None:
    # a CMS placeholder date would make the article the first-hand origin of every quote it shares
    path = write_jsonl(tmp_path / "export.jsonl", [{"url": "https://x.example/1", "text": "ferry news", "published": published}])
    (article,) = list(iter_articles([path]))
    assert (article.url, article.published, article.metadata) == ("https://x.example/1", None, {"published_given": published})


def test_jsonl_is_streamed(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "big.jsonl", [{"url": f"https://x.example/{n}", "text": f"story {n}"} for n in range(3)])
    iterator = iter_articles([path])
    assert next(iterator).url == "https://x.example/0"
    # the file can grow while it is read line by line: records are not loaded up front
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"url": "https://x.example/late", "text": "late story"}) + "\n")
    assert [item.url for item in iterator] == ["https://x.example/1", "https://x.example/2", "https://x.example/late"]


def test_csv_records_with_large_fields(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    big_text = "The ferry council vote. " * 20000  # ~480 KB, past csv's default 128 KB field limit
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["URL", "Text", "HTML", "Outlet", "Published"])
        writer.writerow(["https://x.example/big", big_text, "", "", "March 2, 2026"])
        writer.writerow(["https://islandnotes.example/ferry", "", BLOG_HTML, "Island Notes", ""])
        writer.writerow(["", "no address", "", "", ""])
    big, blog, failure = list(iter_articles([path]))
    assert (big.url, len(big.text), big.published) == ("https://x.example/big", len(big_text.strip()), "2026-03-02")
    assert (blog.title, blog.outlet) == ("Why the ferry vote matters", "Island Notes")
    assert (failure.item, failure.stage, failure.message) == ("row 3", "record", "record has neither url nor id")


@pytest.mark.parametrize(
    "content, message",
    [
        ("title,body\nA,B\n", "CSV header needs url or id and text or html columns (separated by commas, semicolons, "
                               "tabs or '|'), got: title, body"),
        ("title;body\nA;B\n", "CSV header needs url or id and text or html columns (separated by commas, semicolons, "
                               "tabs or '|'), got: title, body"),
        ("url,text\nhttps://x.example/a,one,extra\n", "row has more fields than the header"),
    ],
)
def test_csv_bad_header_or_row(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    (failure,) = list(iter_articles([path]))
    assert isinstance(failure, ImportFailure) and failure.message == message


FERRY = "The ferry will run on Sundays again, the council said."
QUOTED = 'Councillor Holt said: "The ferry is our road."\nThe vote was 7-2.'


@pytest.mark.parametrize(
    "name, encoding, delimiter, newline",
    [
        ("comma.csv", "utf-8", ",", "\n"),
        ("semicolon.csv", "utf-8", ";", "\r\n"),  # a spreadsheet export where ',' is the decimal mark
        ("semicolon-bom.csv", "utf-8-sig", ";", "\r\n"),  # Excel's "CSV UTF-8"
        ("tabs.tsv", "utf-8", "\t", "\n"),
        ("pipes.csv", "utf-8", "|", "\n"),
        ("unicode-text.csv", "utf-16", "\t", "\r\n"),  # Excel's "Unicode text": UTF-16 LE with a BOM, tabs
        ("unicode-text-be.tsv", "utf-16-be-bom", "\t", "\r\n"),
        ("semicolon.csv.gz", "utf-8", ";", "\n"),
    ],
)
def test_csv_delimiters_and_encodings(tmp_path: Path, name: str, encoding: str, delimiter: str, newline: str) -> None:
    rows = [
        ["URL", "Title", "Text", "Published"],
        ["https://x.example/ferry", "Ferry; again", FERRY, "2026-03-02"],
        ["https://x.example/vote", "Vote, 7-2", QUOTED, ""],  # quoted: a newline and quote marks inside
    ]
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows(rows)
    text = buffer.getvalue()
    data = (b"\xfe\xff" + text.encode("utf-16-be")) if encoding == "utf-16-be-bom" else text.encode(encoding)
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    ferry, vote = list(iter_articles([path]))
    assert (ferry.url, ferry.title, ferry.text, ferry.published) == ("https://x.example/ferry", "Ferry; again", FERRY, "2026-03-02")
    assert (vote.url, vote.title, vote.text) == ("https://x.example/vote", "Vote, 7-2", QUOTED)


def test_csv_header_readable_with_two_delimiters_is_settled_by_its_rows(tmp_path: Path, caplog) -> None:
    # with ',' the header is url, text, "a;id;html"; with ';' it is "url,text,a", id, html
    path = tmp_path / "both.csv"
    path.write_text("url,text,a;id;html\nhttps://x.example/1,ferry story text,x\n", encoding="utf-8")
    [article] = list(iter_articles([path]))
    assert (article.url, article.text) == ("https://x.example/1", "ferry story text")
    semicolons = tmp_path / "both-semicolons.csv"
    semicolons.write_text("url,html,a;id;text\nx;7;ferry story text\n", encoding="utf-8")
    [article] = list(iter_articles([semicolons]))
    assert article.url == "urn:provenance:7"
    assert f"{path}: the CSV header reads with commas or semicolons; using commas" in caplog.text
    assert f"{semicolons}: the CSV header reads with commas or semicolons; using semicolons" in caplog.text


@pytest.mark.parametrize(
    "data, message",
    [
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(40), "not a CSV but a zip file (an Excel workbook?): save it as CSV UTF-8 or Unicode text"),
        ("url\ttext\r\n".encode("utf-16-le"), "not a CSV: NUL bytes (UTF-16 without a byte order mark, or a binary file)"),
    ],
    ids=["xlsx", "utf-16-without-bom"],
)
def test_a_file_that_is_no_csv_is_one_failure(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    (failure,) = list(iter_articles([path]))
    assert (failure.item, failure.stage, failure.message) == ("", "read", message)


def test_csv_bom_and_empty_file(tmp_path: Path) -> None:
    bom = tmp_path / "bom.csv"
    bom.write_bytes("\ufeffid,text\n7,ferry story text\n".encode())
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    assert [item.url for item in iter_articles([bom, empty])] == ["urn:provenance:7"]


def test_csv_stray_byte_does_not_end_the_file(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes(b"url,text\nhttps://x.example/1,caf\xe9 ferry\nhttps://x.example/2,second story\n")
    first, second = list(iter_articles([path]))
    assert (first.text, second.text) == ("caf\u00e9 ferry", "second story")


def test_csv_saved_in_windows_1252_reads_as_typed(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    typed = "url;title;text\r\nhttps://x.example/1;Caf\u00e9 \u2019s ferry;The skipper said \u201cwe sail at dawn\u201d \u2013 and did.\r\n"
    path = tmp_path / "excel.csv"
    path.write_bytes(typed.encode("cp1252") + b"https://x.example/2;Odd;byte \x81 undefined\r\n")
    with caplog.at_level(logging.WARNING):
        first, second = list(iter_articles([path]))
    assert (first.title, first.text) == ("Caf\u00e9 \u2019s ferry", "The skipper said \u201cwe sail at dawn\u201d \u2013 and did.")
    assert second.text == "byte \ufffd undefined"
    assert f"{path} is not all UTF-8: 6 bytes read as Windows-1252" in caplog.text


def test_csv_in_utf8_reads_without_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "utf8.csv"
    path.write_text("url,text\nhttps://x.example/1,\u00c3\u00a9 stays two letters \u201cquoted\u201d\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        (article,) = list(iter_articles([path]))
    assert article.text == "\u00c3\u00a9 stays two letters \u201cquoted\u201d"
    assert "Windows-1252" not in caplog.text


def test_html_files_and_folders(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    (folder / "b").mkdir(parents=True)
    (folder / "b" / "wire.html").write_bytes((FIXTURES / "wire_reprint.html").read_bytes())
    (folder / "a-blog.htm").write_text(BLOG_HTML, encoding="utf-8")
    (folder / "notes.txt").write_text("not imported", encoding="utf-8")
    (folder / ".hidden.html").write_text(BLOG_HTML, encoding="utf-8")
    (folder / "z-empty.html").write_bytes((FIXTURES / "no_article.html").read_bytes())
    assert expand_paths([folder]) == [folder / "a-blog.htm", folder / "b" / "wire.html", folder / "z-empty.html"]
    blog, wire, failure = list(iter_articles([folder]))
    # no canonical in the blog page: a file:// URL; the wire page names its canonical URL
    assert blog.url == (folder / "a-blog.htm").resolve().as_uri()
    assert wire.url == "https://valleycourier.example/news/2026/04/ferry-subsidy-approved"
    assert (failure.item, failure.stage) == ("z-empty.html", "extract")


def test_warc_files_are_imported(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    with WarcWriter(path) as writer:
        writer.write_response(
            "https://islandnotes.example/ferry", 200, {"Content-Type": "text/html; charset=utf-8"}, BLOG_HTML.encode(), "2026-04-15T10:00:00Z"
        )
    (article,) = list(iter_articles([path]))
    assert (article.url, article.source, article.fetched_at) == ("https://islandnotes.example/ferry", "warc", "2026-04-15T10:00:00+00:00")


@pytest.mark.parametrize(
    "name, message",
    [
        ("missing.jsonl", "no such file or folder: {path}"),
        ("notes.txt", "unknown file type: {path} (expected one of .jsonl, .ndjson, .jsonl.gz, .ndjson.gz, .csv, .csv.gz, "
         ".tsv, .tsv.gz, .html, .htm, .xhtml, .warc, .warc.gz or a folder)"),
    ],
)
def test_bad_paths_raise_before_anything_is_read(tmp_path: Path, name: str, message: str) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", [{"url": "https://x.example/a", "text": "ferry"}])
    bad = tmp_path / name
    if name.endswith(".txt"):
        bad.write_text("hello", encoding="utf-8")
    iterator = iter_articles([good, bad])
    with pytest.raises(ImportInputError) as caught:
        next(iterator)
    assert str(caught.value) == message.format(path=bad)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_jsonl_in_utf16_with_a_bom_is_read(tmp_path: Path, encoding: str) -> None:
    # Windows PowerShell's `ConvertTo-Json -Compress | Out-File` writes UTF-16 with a BOM (every line failed)
    records = [{"url": "https://x.example/1", "text": "Caf\u00e9 ferry news \u201cone\u201d"},
               {"url": "https://x.example/2", "text": "Ferry news two"}]
    text = "\n".join(json.dumps(record, ensure_ascii=False) for record in records) + "\r\n"
    bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[encoding]
    path = tmp_path / "export.jsonl"
    path.write_bytes(bom + text.encode(encoding))
    assert [(a.url, a.text) for a in iter_articles([path])] == [
        ("https://x.example/1", "Caf\u00e9 ferry news \u201cone\u201d"), ("https://x.example/2", "Ferry news two")]


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz", ".csv"])
def test_a_record_longer_than_any_article_is_a_failure_and_the_next_is_read(tmp_path: Path, monkeypatch, suffix) -> None:
    monkeypatch.setattr("scrapers.files.MAX_ARTICLE_CHARS", 1000)
    records = [{"url": "https://x.example/dump", "text": "ferry " * 200},
               {"url": "https://x.example/page", "html": "<html><body><article><p>" + "ferry " * 200 + "</p></article></body></html>"},
               {"url": "https://x.example/ok", "text": "ferry " * 150}]
    path = tmp_path / f"export{suffix}"
    if suffix == ".csv":
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, ["url", "text", "html"])
            writer.writeheader()
            writer.writerows(records)
        unit = "row"
    else:
        data = ("\n".join(json.dumps(record) for record in records) + "\n").encode()
        path.write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
        unit = "line"
    first, second, third = list(iter_articles([path]))
    assert (first.item, first.stage, first.message) == (
        f"{unit} 1 (https://x.example/dump)", "record", "text is 1,200 characters, over the 1,000 an article may have")
    assert (second.item, second.message) == (
        f"{unit} 2 (https://x.example/page)", "html is 1,252 characters, over the 1,000 an article may have")
    assert third.url == "https://x.example/ok"


def test_a_jsonl_line_too_long_for_any_record_is_read_past_not_kept(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("scrapers.files.MAX_LINE_CHARS", 100)
    path = write_jsonl(tmp_path / "export.jsonl", [
        {"url": "https://x.example/1", "text": "ferry news one"},
        {"url": "https://x.example/huge", "text": "ferry " * 100},
        {"url": "https://x.example/3", "text": "ferry news three"},
    ])
    first, second, third = list(iter_articles([path]))
    assert first.url == "https://x.example/1"
    assert (second.item, second.stage, second.message) == ("line 2", "parse", "line longer than the 100 bytes a record may have")
    assert third.url == "https://x.example/3"


@pytest.fixture
def csv_field_limit():
    """csv's field limit as it was before the test: the import sets it (to MAX_LINE_CHARS) for the whole process."""
    limit = csv.field_size_limit()
    yield
    csv.field_size_limit(limit)


def test_a_csv_line_too_long_for_any_record_is_read_past_not_kept(tmp_path: Path, monkeypatch, csv_field_limit) -> None:
    monkeypatch.setattr("scrapers.files.MAX_LINE_CHARS", 100)
    read: list[int] = []  # the size of every read of a line: -1 (or iteration) reads a line whole

    class CountedText(io.TextIOWrapper):
        def readline(self, size: int = -1) -> str:
            read.append(size)
            return super().readline(size)

        def __next__(self) -> str:
            read.append(-1)
            return super().__next__()

    monkeypatch.setattr("scrapers.files.open_csv_text", lambda raw: CountedText(raw, encoding="utf-8", newline=""))
    path = tmp_path / "export.csv"
    path.write_text(
        "url,text\n"
        "https://x.example/1,ferry news one\n"
        f"https://x.example/huge,{'ferry ' * 100}\n"
        f'https://x.example/quoted,"ferry news\n{"ferry " * 100}\nmore ferry news"\n'
        "https://x.example/4,ferry news four\n",
        encoding="utf-8",
    )
    items = list(iter_articles([path]))
    assert [getattr(item, "url", None) for item in items] == ["https://x.example/1", None, None, "https://x.example/4"]
    for failure, row in zip(items[1:3], ("row 2", "row 3")):
        assert (failure.item, failure.stage, failure.message) == (
            row, "parse", "line longer than the 100 characters a record may have")
    assert read and all(0 < size <= 101 for size in read)  # never a whole line of any length


def test_a_csv_header_too_long_is_a_failure(tmp_path: Path, monkeypatch, csv_field_limit) -> None:
    monkeypatch.setattr("scrapers.files.MAX_LINE_CHARS", 100)
    path = tmp_path / "export.csv"
    path.write_text("url,text," + ",".join(f"column{n}" for n in range(50)) + "\nhttps://x.example/1,ferry\n", encoding="utf-8")
    (failure,) = list(iter_articles([path]))
    assert (failure.item, failure.stage, failure.message) == (
        "header", "parse", "header line longer than the 100 characters a line may have")


STRAY_QUOTE_ROWS = (
    "url,text,title\n"
    "https://harbour.example/1,The ferry runs late again,Ferry late\n"
    'https://harbour.example/2,"The levy rises by a third,Levy rises\n'  # a quote opened, never closed
    "The council, which meets on Thursday, will vote on it.\n"  # a line of row 2's text: no row, though it splits in 3
    "https://harbour.example/3,The council votes on Thursday,Council vote\n"
    "https://harbour.example/4,The harbour master resigns,Resignation\n"
)


@pytest.mark.parametrize(
    "tail, line_cap, message",
    [
        # the quote runs to the end of the file: the rows after it were imported as row 2's text, without a word
        ("", None, "a quoted field runs to the end of the file (a quote never closed); "
                   "it began on line 3, the lines after it are read again"),
        # a quoted field later in the file closes it: row 2 took row 3 and had a field too many
        ('https://harbour.example/5,"Ferries, buses and trams",Transport\n', None,
         "row has more fields than the header; it began on line 3, the lines after it are read again"),
        # past the line cap before the end of the file: one error, and every row after it lost
        ("".join(f"https://harbour.example/{n},Ferry news {n},News {n}\n" for n in range(5, 9)), 200,
         "a quoted field runs past the 200 characters a record may have (a quote never closed); "
         "it began on line 3, the lines after it are read again"),
    ],
)
def test_a_csv_quote_never_closed_costs_its_row_not_the_rows_after_it(
    tmp_path: Path, monkeypatch, csv_field_limit, tail: str, line_cap: int | None, message: str
) -> None:
    if line_cap:
        monkeypatch.setattr("scrapers.files.MAX_LINE_CHARS", line_cap)
    path = tmp_path / "export.csv"
    path.write_text(STRAY_QUOTE_ROWS + tail, encoding="utf-8")
    items = list(iter_articles([path]))
    assert [(item.item, item.stage, item.message) for item in items if isinstance(item, ImportFailure)] == [
        ("row 2", "parse", message)]
    expected = [1, 3, 4] + [int(line.split(",")[0].rsplit("/", 1)[1]) for line in tail.splitlines()]
    assert [item.url for item in items if not isinstance(item, ImportFailure)] == [
        f"https://harbour.example/{n}" for n in expected]
    assert items[2].text == "The council votes on Thursday"


def harbour_row(n: int) -> str:
    """A well-formed row of the harbour export: url, text, title."""
    return f"https://harbour.example/{n},Ferry news number {n} for the harbour,News {n}\n"


MERGED = "a quoted field runs on over line 4, which reads as a row of its own (a stray quote opened the field, " \
         "a later one closed it); it began on line 3, the lines after it are read again"
NO_ADDRESS = "is no address where the rows before gave one (a piece of a row split by a stray quote or line break?)"


@pytest.mark.parametrize(
    "rows, failures, kept, warning",
    [
        # a stray quote opens row 2's text; a quote inside row 4's unquoted text closes it: rows 2-4 were one article
        (['https://harbour.example/2,"The levy rises,Levy\n', harbour_row(3),
          'https://harbour.example/4,The mayor said "no",Mayor\n'], [("row 2", MERGED)], [1, 3, 4, 5], None),
        # opened in the last field, closed at the start of a later one
        (['https://harbour.example/2,The levy rises,"Levy\n', harbour_row(3),
          'https://harbour.example/4,Text four,"Quoted title"\n'], [("row 2", MERGED)], [1, 3, 4, 5], None),
        # closed by a quote just before a space
        (['https://harbour.example/2,"The levy rises,Levy\n', harbour_row(3),
          'https://harbour.example/4,Text" four,Title\n'], [("row 2", MERGED)], [1, 3, 4, 5], None),
        # closed by a quote just before the line's end: strict CSV, so one row, but a warning names the line
        (['https://harbour.example/2,The levy rises,"Levy\n', harbour_row(3),
          'https://harbour.example/4,Text four,Size 5"\n'], [], [1, 2, 5],
         "row 2 (lines 3-5): line 4 inside a quoted field reads as a row of its own: rows may have run together"),
        # a backslash-escaped quote closes the field at the line's end; the next line was an article at "and left""
        (['https://harbour.example/2,"He said \\"no\\"\n', 'and left",Title two\n'],
         [("row 3", f"url 'and left\"' {NO_ADDRESS}")], [1, 2, 5], "quote marks in the row may be lost"),
        # files joined together: the header again was an article at "url"
        (["url,text,title\n"], [], [1, 5], "line 3: the header row again (files joined together?), skipped"),
        # quotes not doubled on one line: read, with a warning, as the marks may be lost
        (['https://harbour.example/2,"He said "no" today",Title two\n'], [], [1, 2, 5],
         "row 2 (lines 3-3): a quote inside a quoted field is not doubled, or a field goes on after its closing quote"),
        (["https://harbour.example/2,only text\n"], [], [1, 2, 5], "row 2 (line 3): 2 fields where the header has 3"),
    ],
)
def test_a_csv_stray_quote_or_line_break_never_merges_or_drops_rows_without_a_word(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, rows: list[str], failures: list, kept: list[int], warning: str | None
) -> None:
    path = tmp_path / "export.csv"
    path.write_text("url,text,title\n" + harbour_row(1) + "".join(rows) + harbour_row(5), encoding="utf-8", newline="")
    with caplog.at_level(logging.WARNING, logger="scrapers.files"):
        items = list(iter_articles([path]))
    assert [(item.item, item.message) for item in items if type(item) is ImportFailure] == failures
    articles = [item for item in items if not isinstance(item, ImportFailure)]
    assert [article.url for article in articles] == [f"https://harbour.example/{n}" for n in kept]
    assert not any("harbour.example" in article.text or "\n" in article.text for article in articles)
    warnings = [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]
    if warning:
        assert any(warning in message for message in warnings), warnings
    else:
        assert warnings == []


@pytest.mark.parametrize("end", ["\n", "\r\n"])
@pytest.mark.parametrize(
    "row, expected",
    [
        # a lone carriage return in a field not in quotes, as Python's csv writer leaves it with lineterminator "\n":
        # it cut row 2 in two (its text ended there, the rest an article; now it failed), now the row reads whole
        ("https://harbour.example/2,text with\rcarriage return,Title two",
         ("https://harbour.example/2", "text with\ncarriage return", "Title two")),
        ("https://harbour.example/2,Text two,Title\rtwo", ("https://harbour.example/2", "Text two", "Title\rtwo")),
        # before a quoted text of several lines: they were read again as rows, one of them an article at "&amp;"
        ('https://harbour.example/2,"Five.\n\nSix, seven.\n\neight,&amp;",<s>\rnone',
         ("https://harbour.example/2", "Five.\nSix, seven.\neight,&amp;", "<s>\rnone")),
        # in the address: no address, and the row fails alone
        ("https://harbour.exa\rmple/2,Text two,Title two", None),
    ],
)
def test_a_csv_row_with_a_lone_carriage_return_reads_whole_or_fails_alone(tmp_path: Path, end: str, row: str,
                                                                           expected: tuple | None) -> None:
    path = tmp_path / "export.csv"
    rows = ["url,text,title", harbour_row(1).rstrip("\n"), row, harbour_row(5).rstrip("\n")]
    path.write_text("".join(line + end for line in rows), encoding="utf-8", newline="")
    items = list(iter_articles([path]))
    failures = [(item.item, item.message) for item in items if type(item) is ImportFailure]
    read = [(item.url, item.text, item.title) for item in items if type(item) is not ImportFailure]
    assert read[0][0] == "https://harbour.example/1" and read[-1][0] == "https://harbour.example/5"
    if expected is None:
        assert len(read) == 2 and [item for item, _ in failures] == ["row 2 (https://harbour.exa\\rmple/2)"]
        assert failures[0][1].startswith("url is no well-formed http(s) address")
    else:
        assert (read[1:-1], failures) == ([expected], [])


def test_a_csv_field_with_a_lone_carriage_return_written_by_csv_writer_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    rows = [["https://harbour.example/1", "Ferry\rnews", "Harbour\rLedger"], ["https://harbour.example/2", "Pier news",
                                                                           "Bay \r\r Wire"]]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["url", "text", "outlet"])
        writer.writerows(rows)
    assert b"\rnews" in path.read_bytes()  # written unquoted
    items = list(iter_articles([path]))
    assert [(item.url, item.text, item.outlet) for item in items] == [
        ("https://harbour.example/1", "Ferry\nnews", "Harbour\rLedger"), ("https://harbour.example/2", "Pier news", "Bay \r\r Wire")]


@pytest.mark.parametrize("end", ["\n", "\r\n"])
@pytest.mark.parametrize("title, outlet", [
    ("Ferry \ufdd0 news", "Bay Wire"),  # the stand-in alone, no carriage return in the file's row: read back as "\r"
    ("Ferry\rnews", "Bay\ufdd0Wire"),  # a lone return on the line before the stand-in: both read back as "\r"
    ("Ferry\ufdd0\rnews", "Bay Wire"),  # both in one field
    ("\ufdd0\r\ufdd0", "B\r\ufdd0\ufdd0\rW"),  # stand-ins and returns in turn, in two fields
    ("Ferry\ufdd0s news\ufdd0r", "Bay\ufdd1\r Wire"),  # what an escape of the stand-in could look like
])
def test_a_csv_field_with_the_lone_return_stand_in_reads_back_byte_for_byte(tmp_path: Path, end: str, title: str,
                                                                            outlet: str) -> None:
    # U+FDD0 stood in for a lone carriage return while csv read the row: a field holding it read "\r" back
    path = tmp_path / "export.csv"
    rows = [["https://harbour.example/1", "Ferry news.", title, outlet],
            ["https://harbour.example/2", "Pier news.", outlet, title]]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator=end)
        writer.writerow(["url", "text", "title", "outlet"])
        writer.writerows(rows)
    items = list(iter_articles([path]))
    assert [(item.url, item.title, item.outlet) for item in items] == [(url, a, b) for url, _, a, b in rows]


def test_a_csv_written_by_csv_writer_reads_back_whole(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    # lines inside quoted fields that read as rows of their own (an HTML page's srcset, its links) are no merge
    html = ('<p>The ferry "Marigold" sails again.</p>\n<img srcset="\n"https://harbour.example/a.jpg",\n'
            'https://harbour.example/b.jpg 2x,\n">\n<a href="https://harbour.example/2">https://harbour.example/2,</a>')
    path = tmp_path / "export.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["url", "html"])
        writer.writerows([[f"https://harbour.example/{n}", html] for n in (1, 2, 3)])
    with caplog.at_level(logging.WARNING, logger="scrapers.files"):
        items = list(iter_articles([path]))
    assert [item.url for item in items if not isinstance(item, ImportFailure)] == [
        f"https://harbour.example/{n}" for n in (1, 2, 3)]
    assert [record.getMessage() for record in caplog.records] == []
