"""File imports: JSON Lines, CSV, HTML files and folders, WARC archives -> Article records."""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import itertools
import json
import logging
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from provenance.counts import counted
from provenance.models import Article
from provenance.urls import CONTROL_RE, has_script_scheme, is_http_url, url_scheme
from scrapers.html import ExtractionError, extract_article, is_plausible, normalize_text, parse_published

if TYPE_CHECKING:
    from scrapers.warc import PayloadIndex

LOGGER = logging.getLogger(__name__)

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
CSV_SUFFIXES = (".csv", ".csv.gz", ".tsv", ".tsv.gz")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
WARC_SUFFIXES = (".warc", ".warc.gz")
SUFFIXES = JSONL_SUFFIXES + CSV_SUFFIXES + HTML_SUFFIXES + WARC_SUFFIXES
TEXT_FIELDS = ("title", "outlet", "author")
# Fields naming the site a record came from, as exports write it (`site_name`, `source`, NewsAPI's `source.name`):
# the page's site name, which names its outlet where the record gives no `outlet` and the URL no domain
SITE_FIELDS = ("site_name", "source", "publisher")
RECORD_FIELDS = ("url", "id", "html", "text", "published", *TEXT_FIELDS, *SITE_FIELDS)
# Between CSV columns, in the order that settles a header readable with several.
CSV_DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "'|'"}
SAMPLE_LINES = 50  # lines read to settle an ambiguous header
# The longest text or HTML an imported article may have: the crawl's default max_bytes for a page. A longer
# one is no article (a dump, a field filled by mistake) and cost a minute and over a gigabyte to analyse.
MAX_ARTICLE_CHARS = 10_000_000
# The longest JSON Lines line read: room for a record holding the longest HTML, escaped.
MAX_LINE_CHARS = 64 * 1024 * 1024
# While csv reads a row, a lone carriage return inside a field is STAND_IN + "r" and the stand-in itself (a
# noncharacter, which a file may still hold) STAND_IN + "s": every field reads back as it was (`lone_crs`).
STAND_IN = "\ufdd0"
LONE_CR = STAND_IN + "r"
STAND_IN_RE = re.compile(STAND_IN + "([rs])")
ZIP_MAGIC = b"PK\x03\x04"
# The longest page address taken (servers refuse a request line past about 8 KB) and the longest host (DNS's 253).
MAX_URL_CHARS = 8_192
MAX_HOST_CHARS = 253
WINDOWS_FALLBACK = "provenance-cp1252"  # the decoding error handler of CSV text (`read_as_cp1252`)


@dataclass
class ImportFailure:
    """One record or page that could not be imported, and why."""

    source: str  # the file (or URL) it came from
    item: str  # which record: "line 12", "row 3", a URL, a file name
    stage: str  # read, parse, record, extract
    message: str


@dataclass
class SkippedRecord(ImportFailure):
    """A record that holds no article (robots.txt, a feed, a sitemap, a home page, a 404): skipped and counted, not failed.

    A subclass so that it travels wherever a failure does (worker processes, shards); only the
    import's report tells the two apart.
    """


class ImportInputError(ValueError):
    """A path given to an import that does not exist or is of an unknown kind."""


def kind_of(path: Path) -> str | None:
    """jsonl, csv, html or warc for a supported file name, else None."""
    name = path.name.lower()
    for kind, suffixes in (("jsonl", JSONL_SUFFIXES), ("csv", CSV_SUFFIXES), ("html", HTML_SUFFIXES), ("warc", WARC_SUFFIXES)):
        if name.endswith(suffixes):
            return kind
    return None


def expand_paths(paths: Iterable[Path | str]) -> list[Path]:
    """The files to import: files as given, folders searched recursively in sorted order.

    WARC archives then trade places among themselves into the order of their first capture
    (`in_capture_order`): two captures of one URL in different archives are versions in the
    order they were read, so the earlier capture must be read first.
    """
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(
                candidate
                for candidate in path.rglob("*")
                if candidate.is_file()
                and kind_of(candidate)
                and not any(part.startswith(".") for part in candidate.relative_to(path).parts)
            )
            if not found:
                LOGGER.warning("no importable files in folder %s", path)
            files.extend(found)
        elif path.is_file():
            if kind_of(path) is None:
                raise ImportInputError(
                    f"unknown file type: {path} (expected one of {', '.join(SUFFIXES)} or a folder)"
                )
            files.append(path)
        elif path.exists():
            raise ImportInputError(f"not a file or folder: {path}")
        else:
            raise ImportInputError(f"no such file or folder: {path}")
    return in_capture_order(files)


def in_capture_order(files: list[Path]) -> list[Path]:
    """The files with the WARC archives among them sorted by their first capture's date, in the places they held.

    An archive whose date cannot be read keeps its place among the others (the sort is stable,
    and it sorts as the archive read before it).
    """
    archives = [index for index, path in enumerate(files) if kind_of(path) == "warc"]
    if len(archives) < 2:
        return files
    from scrapers.warc import first_capture_date

    keys: list[str] = []
    for index in archives:
        keys.append(first_capture_date(files[index]) or (keys[-1] if keys else ""))
    ordered = [files[archives[place]] for place in sorted(range(len(archives)), key=keys.__getitem__)]
    if ordered != [files[index] for index in archives]:
        LOGGER.info("WARC archives read in the order of their captures: %s", ", ".join(path.name for path in ordered))
    result = list(files)
    for index, path in zip(archives, ordered):
        result[index] = path
    return result


def iter_articles(paths: Iterable[Path | str], payloads: PayloadIndex | None = None) -> Iterator[Article | ImportFailure]:
    """Every article in the given files and folders; a bad record yields an ImportFailure.

    WARC revisits are resolved through `payloads`, by default the WARC files among `paths`.
    """
    files = expand_paths(paths)
    for path in files:
        kind = kind_of(path)
        if kind == "jsonl":
            items = iter_jsonl_articles(path)
        elif kind == "csv":
            items = iter_csv_articles(path)
        elif kind == "html":
            items = iter([read_html_file(path)])
        else:
            from scrapers.warc import PayloadIndex, iter_warc_articles

            if payloads is None:
                payloads = PayloadIndex(warc_files(files))
            items = iter_warc_articles(path, payloads)
        read = 0
        for read, item in enumerate(items, 1):
            yield item
        if not read:
            warn_no_records(path)


def warn_no_records(path: Path) -> None:
    """Log a file that held no record: an empty export, a CSV of its header alone (said, as an empty folder is)."""
    LOGGER.warning("no records in %s", path)


def warc_files(files: Iterable[Path]) -> list[Path]:
    """The WARC archives among import files: where the revisits among them find their payloads."""
    return [path for path in files if kind_of(path) == "warc"]


def open_binary(path: Path) -> io.BufferedIOBase:
    """The file's bytes, gunzipped when the name ends in .gz."""
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")


def iter_jsonl_articles(path: Path) -> Iterator[Article | ImportFailure]:
    """Articles from a JSON Lines file, read one line at a time (UTF-8, or UTF-16 after its BOM)."""
    source = str(path)
    for line in iter_jsonl_lines(path):
        if isinstance(line, ImportFailure):
            yield line
            continue
        item = record_of_line(source, *line)
        if item is not None:
            yield item


def iter_jsonl_lines(path: Path) -> Iterator[tuple[int, bytes | str | None] | ImportFailure]:
    """(number, line) of every line of a JSON Lines file: bytes, text after a UTF-16 BOM, None when too long;
    a file that cannot be read, a failure after the lines read before it.

    The one reader of the lines of both imports, in one process and shared between workers (a file in UTF-16
    read by workers lost every record, and a line of a gigabyte was read whole).
    """
    source = str(path)
    try:
        with open_binary(path) as handle:
            start = handle.peek(2)[:2] if hasattr(handle, "peek") else b""
            if start in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):  # Windows PowerShell's Out-File writes UTF-16
                lines: Iterator[bytes | str | None] = bounded_lines(io.TextIOWrapper(handle, "utf-16", errors="replace"))
            else:
                lines = bounded_lines(handle)
            yield from enumerate(lines, start=1)
    except (OSError, EOFError, gzip.BadGzipFile) as error:
        yield ImportFailure(source, "", "read", f"cannot read file: {one_line(error)}")


def record_of_line(source: str, number: int, raw: bytes | str | None) -> Article | ImportFailure | None:
    """The article of one JSON Lines line (`iter_jsonl_lines`), its failure, or None for a blank line."""
    item = f"line {number}"
    if raw is None:
        return ImportFailure(source, item, "parse", f"line longer than the {MAX_LINE_CHARS:,} bytes a record may have")
    if not raw.strip():
        return None
    try:
        text = raw.decode("utf-8-sig" if number == 1 else "utf-8") if isinstance(raw, bytes) else raw
        record = json.loads(text)
    except (UnicodeDecodeError, ValueError) as error:
        return ImportFailure(source, item, "parse", f"not a JSON record: {one_line(error)}")
    except RecursionError:  # arrays or objects nested thousands deep ended the import
        return ImportFailure(source, item, "parse", "not a JSON record: nested too deeply to read")
    return article_from_record(record, source, item)


def bounded_lines(handle: io.BufferedIOBase | io.TextIOBase) -> Iterator[bytes | str | None]:
    """The lines of a file, each None when longer than MAX_LINE_CHARS (the rest of it is read past, not kept)."""
    while True:
        line = handle.readline(MAX_LINE_CHARS + 1)
        if not line:
            return
        if len(line) <= MAX_LINE_CHARS:
            yield line
            continue
        end = b"\n" if isinstance(line, bytes) else "\n"
        while not line.endswith(end):
            line = handle.readline(MAX_LINE_CHARS)
            if not line:
                break
        yield None


def iter_csv_articles(path: Path) -> Iterator[Article | ImportFailure]:
    """Articles from a CSV file with a header row, read one row at a time.

    The delimiter is the one of CSV_DELIMITERS that makes the header name the required columns;
    UTF-8 (with or without a BOM) and UTF-16 with a BOM (Excel's "Unicode text") are read, and
    bytes that are not UTF-8 as Windows-1252 (`WindowsBytes`), with a warning.
    """
    source = str(path)
    raise_field_size_limit()
    try:
        with open_binary(path) as raw:
            try:
                handle = open_csv_text(raw)
            except CsvFormatError as error:
                yield ImportFailure(source, "", "read", str(error))
                return
            windows_before = WindowsBytes.count
            oversized: set[int] = set()  # numbers of the lines over MAX_LINE_CHARS (`bounded_csv_lines`)
            text_lines = bounded_csv_lines(handle, oversized)
            header_line = next(text_lines, "")
            if oversized:
                yield ImportFailure(source, "header", "parse", f"header line longer than the {MAX_LINE_CHARS:,} characters a line may have")
                return
            if not header_line.strip():
                LOGGER.warning("empty CSV file: %s", path)
                return
            try:
                lines, delimiter = choose_delimiter(header_line, text_lines, source)
            except CsvFormatError as error:
                yield ImportFailure(source, "header", "parse", str(error))
                return
            except csv.Error as error:
                yield ImportFailure(source, "header", "parse", f"unreadable CSV header: {one_line(error)}")
                return
            header = lone_crs(next(csv.reader([header_line], delimiter=delimiter)))
            names = [name.strip().lower() for name in header]
            row_number = 0
            addresses = True  # every url so far an http(s) address: a row read again must give one to be a row

            def starts_row(line: str) -> bool:
                """Whether a line inside a quoted field reads as a row of its own: the field ran on over it."""
                if not addresses or "url" not in names:
                    return False
                fields = split_line(line, delimiter)
                return (looks_like_a_row(CsvRow(fields, 0, 0), header, addresses)
                        and not any(space.isspace() for space in fields[names.index("url")].strip()))

            for row in read_csv_rows(itertools.chain(lines[1:], text_lines), delimiter, len(header), starts_row=starts_row):
                if row.reread and not row.problem and not looks_like_a_row(row, header, addresses):
                    continue  # a line of the field that ran on, reported with its row
                fields = lone_crs(row.fields)
                if [field.strip().lower() for field in fields] == names:
                    LOGGER.warning("%s line %d: the header row again (files joined together?), skipped", source,
                                   row.first_line)
                    yield SkippedRecord(source, f"line {row.first_line}", "parse", "the header row again")
                    continue
                row_number += 1
                item = f"row {row_number}"
                if row.problem:
                    yield ImportFailure(source, item, "parse", row.problem)
                    continue
                if oversized and any(row.first_line <= number <= row.last_line for number in oversized):
                    yield ImportFailure(source, item, "parse", f"line longer than the {MAX_LINE_CHARS:,} characters a record may have")
                    continue
                if len(row.fields) > len(header):
                    yield ImportFailure(source, item, "parse", "row has more fields than the header")
                    continue
                record = {key.strip().lower(): value for key, value in zip(header, fields)}
                record.update({key.strip().lower(): None for key in header[len(row.fields):]})
                url = (record.get("url") or "").strip()
                if addresses and "url" in names and row_number > 1 and url and " " in url and not is_http_url(url):
                    # a piece of the row before, split off by a stray quote or line break, not an address
                    yield ImportFailure(source, item, "parse", f"url {url[:60]!r} is no address where the rows before "
                                        "gave one (a piece of a row split by a stray quote or line break?)")
                    continue
                if not row.reread:
                    addresses = addresses and is_http_url(url)
                if len(row.fields) < len(header):
                    LOGGER.warning("%s %s (line %d): %s where the header has %d (a row cut short?)", source, item,
                                   row.last_line, counted(len(row.fields), "field"), len(header))
                if row.row_like:
                    LOGGER.warning("%s %s (lines %d-%d): line %d inside a quoted field reads as a row of its own: "
                                   "rows may have run together", source, item, row.first_line, row.last_line, row.row_like)
                if row.loose:
                    LOGGER.warning("%s %s (lines %d-%d): a quote inside a quoted field is not doubled, or a field goes on "
                                   "after its closing quote: quote marks in the row may be lost%s", source, item,
                                   row.first_line, row.last_line,
                                   ", rows may have run together" if row.last_line > row.first_line else "")
                yield article_from_record(record, source, item)
            windows = WindowsBytes.count - windows_before
            if windows:
                LOGGER.warning("%s is not all UTF-8: %d bytes read as Windows-1252", source, windows)
    except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError) as error:
        yield ImportFailure(source, "", "read", f"cannot read file: {one_line(error)}")


@dataclass
class CsvRow:
    """One row of a CSV file: its fields and the lines it took (from 1, the header line 1), or why it is no row."""

    fields: list[str]
    first_line: int
    last_line: int
    problem: str | None = None
    reread: bool = False  # it began on a line that a row with a problem had read: it may be a piece of that row
    loose: bool = False  # not strict CSV (a quote not doubled inside a quoted field): read as csv reads it
    row_like: int | None = None  # strict CSV, but this line inside a quoted field reads as a row of its own


def looks_like_a_row(row: CsvRow, header: list[str], addresses: bool) -> bool:
    """Whether a row read again after a row with a problem is one: as many fields as the header, and
    an http(s) url when the rows before gave one (else a line of the field that ran on, with commas in it)."""
    if len(row.fields) != len(header):
        return False
    record = {key.strip().lower(): value for key, value in zip(header, row.fields)}
    if "url" in record and addresses:
        return is_http_url((record["url"] or "").strip())
    return True


class _RowTooLong(Exception):
    """A row that has run over MAX_LINE_CHARS: a quoted field never closed, or closed far too late."""


def read_csv_rows(lines: Iterator[str], delimiter: str, width: int, first_line: int = 2,
                  starts_row: Callable[[str], bool] | None = None) -> Iterator[CsvRow]:
    """The rows of CSV lines; a row that went wrong is reported and the lines after its first read again.

    A quote that opens a field and never closes made the rest of the file one field: the good rows
    after it were lost (the file's end reached: without a word; MAX_LINE_CHARS passed: as one error).
    Such a row (its quoted field reaching the end of the file, or running past MAX_LINE_CHARS), a row
    csv cannot read, and a row over several lines with more fields than the `width` of the header
    are each a row with a `problem`; reading goes on from the line after the one the row began on.
    So is a row over several lines that is not strict CSV and one of whose lines `starts_row` takes for a
    row of its own: a stray quote opened a field that a quote in a later row closed, merging the rows between.
    A row on one line that is not strict CSV is read as csv reads it, marked `loose`. Blank lines are no rows.
    """
    replay: deque[tuple[int, str]] = deque()
    taken: list[tuple[int, str]] = []  # the lines the current row has read, with their numbers
    number = first_line - 1  # of the last line drawn from `lines`
    ended = False  # `lines` ran out while a row was being read
    reread_until = 0  # the last line a row with a problem had read

    def feed() -> Iterator[str]:
        nonlocal number, ended
        size = 0
        while True:
            if replay:
                line_number, line = replay.popleft()
            else:
                line = next(lines, None)
                if line is None:
                    ended = True
                    return
                number += 1
                line_number = number
            if not taken:
                size = 0
            taken.append((line_number, line))
            size += len(line)
            if size > MAX_LINE_CHARS:
                raise _RowTooLong
            yield line

    reader = csv.reader(feed(), delimiter=delimiter)
    while True:
        taken.clear()
        ended = False
        problem = None
        row_like = None
        try:
            fields = next(reader)
        except StopIteration:
            return
        except _RowTooLong:
            problem = f"a quoted field runs past the {MAX_LINE_CHARS:,} characters a record may have (a quote never closed)"
        except csv.Error as error:
            problem = f"malformed CSV row: {one_line(error)}"
            if "new-line character seen in unquoted field" in str(error):
                problem = "malformed CSV row: a line break (a lone carriage return) inside a field not in quotes"
        else:
            if ended:
                problem = "a quoted field runs to the end of the file (a quote never closed)"
            elif len(taken) > 1 and len(fields) > width:
                problem = "row has more fields than the header"
            elif len(taken) > 1:
                problem, row_like = merged_rows(taken, delimiter, starts_row)
        if not taken:
            return
        first, last = taken[0][0], taken[-1][0]
        if problem is None:
            if fields:
                loose = not reads_strictly([line for _, line in taken], delimiter)
                yield CsvRow(fields, first, last, reread=first <= reread_until, loose=loose, row_like=row_like)
            continue
        if len(taken) > 1:
            problem += f"; it began on line {first}, the lines after it are read again"
            replay.extendleft(reversed(taken[1:]))
            reread_until = max(reread_until, last)
        yield CsvRow([], first, last, problem, reread=first <= reread_until)
        reader = csv.reader(feed(), delimiter=delimiter)


def merged_rows(taken: list[tuple[int, str]], delimiter: str,
                starts_row: Callable[[str], bool] | None) -> tuple[str | None, int | None]:
    """Why a row read over several lines is rows merged by a stray quote (or None), and its first line that
    reads as a row of its own.

    Only a row that is not strict CSV fails: one in strict CSV may be one row, as csv writes a field over
    several lines, and a line of it that reads as a row is a warning (a stray quote may have opened the field
    and one just before a delimiter closed it).
    """
    if starts_row is None:
        return None, None
    row_like = next((number for number, line in taken[1:] if starts_row(line)), None)
    if row_like is None or reads_strictly([line for _, line in taken], delimiter):
        return None, row_like
    return (f"a quoted field runs on over line {row_like}, which reads as a row of its own "
            "(a stray quote opened the field, a later one closed it)"), None


def reads_strictly(lines: list[str], delimiter: str) -> bool:
    """Whether the lines of one row are strict CSV: every quote in a quoted field doubled, none after it closes."""
    if not any('"' in line for line in lines):
        return True
    try:
        next(csv.reader(lines, delimiter=delimiter, strict=True), None)
    except csv.Error:
        return False
    return True


def split_line(line: str, delimiter: str) -> list[str]:
    """The fields of one line read alone in strict CSV; none when it does not read so (a quote open at its end)."""
    try:
        return next(csv.reader([line], delimiter=delimiter, strict=True), [])
    except csv.Error:
        return []


def bounded_csv_lines(handle: io.TextIOBase, oversized: set[int]) -> Iterator[str]:
    """The lines of a CSV file, each line over MAX_LINE_CHARS read past and its number (from 1) put in `oversized`.

    csv reads a line whole before its field limit applies: a gigabyte on one line cost a gigabyte.
    The long line is given to csv as an empty field instead, so that the row holding it (its own,
    or one whose quoted field it was inside) ends where it would have and is recorded as failed.
    """
    held = ""  # a line ended by a lone carriage return in a file whose lines end in line feeds: its row goes on
    taken = 0  # the lines held
    newline_ends = False
    for number, line in enumerate(bounded_lines(handle), start=1):
        if line is None:
            oversized.add(number)
            line = '""\n'
        if STAND_IN in line:
            line = line.replace(STAND_IN, STAND_IN + "s")
        if number == 1:
            newline_ends = line.endswith("\n")
        elif newline_ends and line.endswith("\r") and len(held) + len(line) <= MAX_LINE_CHARS:
            # inside a field (Python's csv writer leaves a carriage return unquoted when lines end in "\n"):
            # csv, which refuses one in a field not in quotes, reads LONE_CR there, given back as "\r" by `lone_crs`
            held += line[:-1] + LONE_CR
            taken += 1
            continue
        yield held + line
        for _ in range(taken):
            yield ""  # in the place of each line taken into this one, so that lines keep their numbers
        held, taken = "", 0
    if held:
        yield held


def lone_crs(fields: list[str]) -> list[str]:
    """The fields of a row as the file has them: the lone carriage returns and stand-ins `bounded_csv_lines` escaped given back."""
    if not any(STAND_IN in field for field in fields):
        return fields
    return [STAND_IN_RE.sub(lambda match: "\r" if match[1] == "r" else STAND_IN, field) for field in fields]


class CsvFormatError(ValueError):
    """A CSV file that cannot be read as a table of articles; the message says why, on one line."""


class WindowsBytes:
    """Bytes of a CSV file that are not UTF-8, read as Windows-1252 (the `WINDOWS_FALLBACK` handler).

    Excel on Windows saves "CSV" in the machine's code page, most often Windows-1252: curly quotes
    and accented letters there are bytes that UTF-8 cannot read. Read one by one in that code page
    they are the characters the author typed; a byte it leaves undefined becomes U+FFFD.
    """

    count = 0  # such bytes read since the process began (a file's share is the difference)

    @classmethod
    def read_as_cp1252(cls, error: UnicodeError) -> tuple[str, int]:
        """The undecodable bytes as Windows-1252 text, and where decoding goes on."""
        if not isinstance(error, UnicodeDecodeError):
            raise error
        undecoded = error.object[error.start : error.end]
        cls.count += len(undecoded)
        return undecoded.decode("cp1252", errors="replace"), error.end


codecs.register_error(WINDOWS_FALLBACK, WindowsBytes.read_as_cp1252)


def open_csv_text(raw: io.BufferedIOBase) -> io.TextIOWrapper:
    """The text of a CSV file: UTF-16 after its BOM, else UTF-8 (a byte that is not, Windows-1252)."""
    start = raw.peek(4096)[:4096]
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"  # Excel's "Unicode text": tab-delimited UTF-16 with a BOM
    elif start.startswith(ZIP_MAGIC):
        raise CsvFormatError("not a CSV but a zip file (an Excel workbook?): save it as CSV UTF-8 or Unicode text")
    elif b"\x00" in start:
        raise CsvFormatError("not a CSV: NUL bytes (UTF-16 without a byte order mark, or a binary file)")
    else:
        encoding = "utf-8-sig"
    # a byte UTF-8 cannot read is taken as Windows-1252's (UTF-16: U+FFFD) rather than ending the import
    errors = WINDOWS_FALLBACK if encoding == "utf-8-sig" else "replace"
    return io.TextIOWrapper(raw, encoding=encoding, errors=errors, newline="")


def choose_delimiter(header_line: str, handle: Iterator[str], source: str) -> tuple[list[str], str]:
    """The lines read so far and the delimiter with which the header names the required columns.

    When several delimiters do (a header such as `url,text,a;id;html`), those that split the
    first rows into as many fields as the header are kept, then the first of CSV_DELIMITERS.
    """
    lines = [header_line]
    splits = {delimiter: next(csv.reader([header_line], delimiter=delimiter), []) for delimiter in CSV_DELIMITERS}
    fitting = [delimiter for delimiter, names in splits.items() if has_required_columns(names)]
    if not fitting:
        widest = max(splits.values(), key=len)
        raise CsvFormatError(
            "CSV header needs url or id and text or html columns (separated by commas, semicolons, tabs or '|'), "
            f"got: {', '.join(widest)}"
        )
    if len(fitting) > 1:
        lines += list(itertools.islice(handle, SAMPLE_LINES))
        consistent = [delimiter for delimiter in fitting if splits_like_header(lines, delimiter)]
        chosen = (consistent or fitting)[0]
        LOGGER.warning("%s: the CSV header reads with %s; using %s", source, " or ".join(DELIMITER_NAMES[d] for d in fitting),
                       DELIMITER_NAMES[chosen])
        return lines, chosen
    return lines, fitting[0]


def has_required_columns(names: list[str]) -> bool:
    """Whether header names hold url or id, and text or html."""
    names_found = {name.strip().lower() for name in names if name}
    return bool(names_found & {"url", "id"}) and bool(names_found & {"text", "html"})


def splits_like_header(lines: list[str], delimiter: str) -> bool:
    """Whether every complete row in `lines` has as many fields as their header."""
    rows = list(csv.reader(lines, delimiter=delimiter))
    if len(lines) > SAMPLE_LINES:
        rows = rows[:-1]  # the last row may go on past the sample
    return all(len(row) == len(rows[0]) for row in rows[1:] if row)


def raise_field_size_limit() -> None:
    """Let csv read fields as large as a line may be: a whole article's HTML, and more (a field spread over lines)."""
    limit = MAX_LINE_CHARS
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 2


def article_from_record(record: object, source: str, item: str) -> Article | ImportFailure:
    """An Article from one import record (url or id; text or html; optional metadata)."""
    if not isinstance(record, dict):
        return ImportFailure(source, item, "record", f"record is a {type(record).__name__}, not an object")
    bad_field = field_with_lone_surrogate(record)
    url = field_text(record, "url")
    record_id = field_text(record, "id")
    if bad_field not in (None, "url", "id") and (url or record_id):
        item = f"{item} ({url or f'urn:provenance:{record_id}'})"
    if bad_field:
        # JSON can escape half a UTF-16 pair ("\ud800"): not text SQLite or a hash can take
        return ImportFailure(source, item, "record", f"{bad_field} has a lone surrogate (not valid Unicode)")
    if not url and not record_id:
        return ImportFailure(source, item, "record", "record has neither url nor id")
    if url and not isinstance(record.get("url"), str):
        return ImportFailure(source, item, "record", f"url is a {type(record['url']).__name__}, not an address")
    field = "url" if url else "id"
    url = url or f"urn:provenance:{record_id}"
    item = f"{item} ({url if url.isprintable() else url.encode('unicode_escape').decode('ascii')})"
    if CONTROL_RE.search(url):
        return ImportFailure(source, item, "record", f"{field} holds a control character (no URL does)")
    if has_script_scheme(url):
        # a page's address that runs code or holds its own content where a reader follows it: no article's
        return ImportFailure(source, item, "record", f"url is a {url_scheme(url)}: URL, not a page's address")
    if url_scheme(url) in ("http", "https") and not is_web_address(url):
        return ImportFailure(source, item, "record", "url is no well-formed http(s) address (its host, port or "
                             f"length: at most {MAX_URL_CHARS:,} characters, a host of {MAX_HOST_CHARS})")
    published_given = field_text(record, "published")
    published = parse_published(published_given) if published_given else None
    if published and not is_plausible(published):
        published = None  # a placeholder (0001-01-01) would make this article the first of every story
    html = field_text(record, "html", strip=False)
    text = field_text(record, "text", strip=False)
    for name, value in (("html", html), ("text", text)):
        if value is not None and len(value) > MAX_ARTICLE_CHARS:
            return ImportFailure(source, item, "record", f"{name} is {len(value):,} characters, over the "
                                 f"{MAX_ARTICLE_CHARS:,} an article may have")
    if html and html.strip():
        try:
            article = extract_article(html, url, source="import")
        except ExtractionError as error:
            return ImportFailure(source, item, "extract", one_line(error))
        except Exception as error:  # one odd page must not stop a long import
            LOGGER.exception("extraction failed for %s in %s", url, source)
            return ImportFailure(source, item, "extract", f"{type(error).__name__}: {one_line(error)}")
    elif text and text.strip():
        article = Article(url=url, text=normalize_text(text.replace("\r\n", "\n").replace("\r", "\n")), source="import")
        if not article.text:  # control characters only (NULs): an article of no text was saved before
            return ImportFailure(source, item, "record", "text holds only control characters")
    else:
        return ImportFailure(source, item, "record", "record has neither text nor html")
    for name in TEXT_FIELDS:
        value = field_text(record, name)
        if value:
            setattr(article, name, value)
    site = next((value for name in SITE_FIELDS if (value := site_field(record, name))), None)
    if site:
        article.site_name = site
    if published:
        article.published = published
    elif published_given:
        # keep the article: a date in an unknown format is no reason to lose the text
        LOGGER.warning("%s %s: unreadable or implausible published time %r ignored", source, item, published_given)
        article.metadata["published_given"] = published_given
    return article


def is_web_address(url: str) -> bool:
    """Whether an http(s) url can be a page's address: a host (of at most 253 characters, as DNS has it) and a
    port that parse, no space, and at most MAX_URL_CHARS in all."""
    if len(url) > MAX_URL_CHARS or any(char.isspace() for char in url) or not is_http_url(url):
        return False
    parts = urlsplit(url)
    try:
        parts.port
    except ValueError:  # a port past 65535, or not a number
        return False
    return len(parts.hostname or "") <= MAX_HOST_CHARS


def field_with_lone_surrogate(record: dict) -> str | None:
    """The first field we read whose text cannot be UTF-8 (a lone surrogate), else None."""
    for name in RECORD_FIELDS:
        value = record.get(name)
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return name
    return None


def site_field(record: dict, name: str) -> str | None:
    """A field naming a site: its text, or the `name` of an object holding it (`{"source": {"name": "..."}}`)."""
    value = record.get(name)
    text = field_text(value, "name") if isinstance(value, dict) else field_text(record, name)
    if text is None:
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate inside the object: no name
        return None
    return text


def field_text(record: dict, name: str, *, strip: bool = True) -> str | None:
    """A record field as text: strings as given, numbers as their text, anything else None."""
    value = record.get(name)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = value.strip() if strip else value
    return value or None


def read_html_file(path: Path) -> Article | ImportFailure:
    """An Article from one saved HTML page; its URL is the page's canonical URL, else file://."""
    source = str(path)
    try:
        markup = path.read_bytes()
    except OSError as error:
        return ImportFailure(source, path.name, "read", f"cannot read file: {one_line(error)}")
    try:
        article = extract_article(markup, path.resolve().as_uri(), source="import")
    except ExtractionError as error:
        return ImportFailure(source, path.name, "extract", one_line(error))
    except Exception as error:  # one odd page must not stop a long import
        LOGGER.exception("extraction failed for %s", path)
        return ImportFailure(source, path.name, "extract", f"{type(error).__name__}: {one_line(error)}")
    if article.canonical_url:
        article.url = article.canonical_url
    return article


def one_line(error: BaseException | str) -> str:
    """An error message on one line."""
    return " ".join(str(error).split()) or type(error).__name__
