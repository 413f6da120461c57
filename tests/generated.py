"""Generated hostile input: hypothesis strategies for every reader of untrusted input, and the properties each must keep.

Shared by the property tests (test_generated_input, a small budget each) and the long campaign (scripts/fuzz.py, a large
budget and byte-level mutation of the real corpora). A `check_*` function raises AssertionError when a property breaks:
an exception other than the documented one escapes, a message runs over several lines, a record is lost without a word,
a second import changes a row. Every text is fictional; the hostile strings are those of tests/hostile.py.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import re
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, settings, strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.hostile import BOLD, IMG, JS_URL, QUOTE, SCRIPT, SVG

# Every property test: the same examples on every run (CI repeats what a developer saw), no example database
# written into the tree, no deadline (the machine is shared), and room for the large inputs some strategies make.
QUICK = dict(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example,
                           HealthCheck.filter_too_much],
)


def quick(examples: int) -> settings:
    """The settings of one property test of the suite: `examples` examples, derandomized."""
    return settings(max_examples=examples, **QUICK)


PAGES = sorted((Path(__file__).parent.parent / "provenance" / "sample" / "pages").glob("*.html"))
HOSTILE = [SCRIPT, IMG, SVG, BOLD, JS_URL, QUOTE, "\x00", "\ufeff", "\u202e", "\ud7ff", "&#0;", "&amp;&lt;", "]]>",
           "\r", "\u2028", "'\"><", "%00", "..//..", "\\u0000"]
HOSTS = ["harbor-ledger.example", "valley-wire.example", "north-bell.example", "xn--bcher-kva.example", "127.0.0.1",
         "[::1]", "UPPER.EXAMPLE", "a" * 70, "tide.example:8080", "tide.example:99999", "user:pw@tide.example"]
SENTENCES = [
    '"The ferry will run until the ice comes," harbour master Ines Vale said on Tuesday.',
    "The council met for three hours and voted to keep the night crossing.",
    '"We have no money left for the second boat," said treasurer Olek Brand.',
    "Residents of the island gathered outside the town hall before the vote.",
    'According to the Harbor Ledger, the board will meet again next week.',
    '"Nobody told us the timetable would change," one commuter said.',
]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "latin-1", "cp1252", "utf-7", "shift_jis"]
CHARSET_NAMES = ["utf-8", "UTF-16", "utf-7", "x-unknown", "iso-2022-jp", "", "\x00", "binary", "big5", "utf-32",
                 "windows-1252\"><script>", "latin1" * 50]


def hostile_text(*, max_size: int = 40) -> st.SearchStrategy[str]:
    """Short text: any characters, the hostile strings, and their mixtures."""
    return st.one_of(
        st.text(max_size=max_size),
        st.sampled_from(HOSTILE),
        st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=8)), max_size=4).map("".join),
    )


def any_url() -> st.SearchStrategy[str]:
    """Addresses of every shape: well-formed, relative, schemed oddly, with controls, brackets and ports."""
    schemes = st.sampled_from(["http", "https", "HTTP", "ftp", "javascript", "JaVaScRiPt", " javascript", "data",
                               "vbscript", "file", "mailto", "", "h\ttp", "\x01https"])
    hosts = st.one_of(st.sampled_from(HOSTS), st.text(max_size=12))
    paths = st.one_of(st.just("/"), st.text(max_size=20), st.sampled_from(["/a b", "/%zz", "/../..", "/?q=1&x", "/#f"]))
    seps = st.sampled_from(["://", ":", ":/", ":\\\\", "", "://["])
    built = st.builds(lambda s, sep, h, p: f"{s}{sep}{h}{p}", schemes, seps, hosts, paths)
    return st.one_of(built, st.text(max_size=30), st.sampled_from(HOSTILE + [JS_URL, "http://[", "https://x:0/",
                                                                        "//tide.example/a", "?q=1", "#top"]))


def good_url(index: int) -> str:
    """The address of the index-th fictional article of a generated file."""
    return f"https://{HOSTS[index % 3]}/news/2026/ferry-{index}"


def good_text(choice: list[int]) -> str:
    """A fictional article text of the sentences named by `choice`."""
    return "\n\n".join(SENTENCES[index % len(SENTENCES)] for index in choice) or SENTENCES[0]


# ---------------------------------------------------------------------------------------------------- JSON Lines

JSON_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
                         hostile_text(), any_url())
JSON_VALUES = st.recursive(JSON_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                                 st.dictionaries(st.text(max_size=6), inner, max_size=3)),
                           max_leaves=8)
FIELD_NAMES = st.sampled_from(["url", "id", "html", "text", "published", "title", "outlet", "author", "site_name",
                               "source", "publisher", "URL", "Text", "", "url "])


def json_records() -> st.SearchStrategy[object]:
    """Records of import files: objects with the fields we read holding any value, and values that are no object."""
    fields = st.dictionaries(FIELD_NAMES, JSON_VALUES, max_size=6)
    plausible = st.builds(
        lambda url, text, extra: {"url": url, "text": text, **extra},
        any_url(), st.one_of(hostile_text(max_size=200), st.lists(st.integers(0, 5), max_size=4).map(good_text)),
        st.dictionaries(FIELD_NAMES, JSON_VALUES, max_size=3),
    )
    return st.one_of(plausible, fields, JSON_VALUES)


@st.composite
def json_lines_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """(file name, bytes) of a JSON Lines file: records serialized or raw, any line ends, encodings, BOMs, gzip, cuts."""
    lines: list[bytes] = []
    for record in draw(st.lists(json_records(), max_size=6)):
        how = draw(st.sampled_from(["json", "ascii", "raw", "nul", "deep", "bytes"]))
        if how == "json":
            lines.append(json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        elif how == "ascii":
            lines.append(json.dumps(record).encode("ascii"))
        elif how == "raw":
            lines.append(draw(hostile_text(max_size=60)).encode("utf-8", "surrogatepass"))
        elif how == "nul":
            text = json.dumps(record)
            place = draw(st.integers(0, len(text)))
            lines.append((text[:place] + "\x00" + text[place:]).encode("utf-8"))
        elif how == "deep":
            depth = draw(st.sampled_from([10, 1000, 100_000]))
            lines.append(b'{"url": "https://harbor-ledger.example/a", "text": ' + b"[" * depth + b"]" * depth + b"}")
        else:
            lines.append(draw(st.binary(max_size=60)))
    ending = draw(st.sampled_from([b"\n", b"\r\n", b"\r", b"\n\n"]))
    data = ending.join(lines) + draw(st.sampled_from([ending, b""]))
    encoding = draw(st.sampled_from(["utf-8", "bom", "utf-16", "latin-1"]))
    if encoding == "bom":
        data = codecs.BOM_UTF8 + data
    elif encoding != "utf-8":
        data = data.decode("utf-8", "replace").encode(encoding, "replace")
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    name = "records.jsonl"
    if draw(st.integers(0, 4)) == 0:
        data = gzip.compress(data)
        if draw(st.booleans()):
            data = data[: draw(st.integers(0, len(data)))]  # a gzip cut short
        name += ".gz"
    return name, data


# ---------------------------------------------------------------------------------------------------------- CSV

CSV_COLUMNS = ["url", "text", "html", "title", "outlet", "published", "id", "author", "URL", " Text ", "", "notes"]


@st.composite
def csv_files(draw: st.DrawFn) -> tuple[str, bytes, list[str] | None]:
    """(file name, bytes, the urls every row must give or None) of a CSV file.

    Well-made files (csv's own quoting, a delimiter we read, UTF-8 or UTF-16 with its BOM, every row an address
    and a text) must give one article per row; the others (naive joins, odd delimiters, NULs, stray quotes, cuts,
    rows cut short or too long, huge fields) must only give failures with a one-line reason for what they lose.
    """
    well_made = draw(st.booleans())
    if well_made:
        header = ["url", "text", *draw(st.lists(st.sampled_from(["title", "outlet", "published", "author"]),
                                                unique=True, max_size=3))]
        header = draw(st.permutations(header))
        delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
        rows = []
        urls = []
        for index in range(draw(st.integers(1, 4))):
            row = {"url": good_url(index), "text": good_text(draw(st.lists(st.integers(0, 5), min_size=1, max_size=4)))}
            for name in header:
                if name not in row:
                    row[name] = draw(st.one_of(hostile_text(), st.sampled_from(['say "no"', "a,b;c|d\te", "line\nbreak"])))
            rows.append([row[name].replace("\x00", "") for name in header])
            urls.append(row["url"])
        out = io.StringIO()
        ending = draw(st.sampled_from(["\r\n", "\n"]))
        quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
        if ending == "\n" and quoting == csv.QUOTE_MINIMAL:
            rows = [[field.replace("\r", "") for field in row] for row in rows]  # Python 3.11 leaves a lone CR unquoted
        writer = csv.writer(out, delimiter=delimiter, lineterminator=ending, quoting=quoting)
        writer.writerow(header)
        writer.writerows(rows)
        text = out.getvalue()
        encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
        return "articles.csv", text.encode(encoding, "surrogatepass"), urls
    header = draw(st.lists(st.sampled_from(CSV_COLUMNS), min_size=0, max_size=6))
    delimiter = draw(st.sampled_from([",", ";", "\t", "|", ":", " ", '"', "\x00"]))
    rows = draw(st.lists(st.lists(st.one_of(hostile_text(), any_url(), st.sampled_from(['"', '""', '"a', 'b"', "\r", "\n"])),
                                  max_size=7), max_size=6))
    lines = [delimiter.join(header)] + [delimiter.join(row) for row in rows]
    text = draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"]))
    data = text.encode(encoding, "replace")
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    if draw(st.integers(0, 4)) == 0:
        data += draw(st.binary(max_size=40))
    name = draw(st.sampled_from(["articles.csv", "articles.tsv", "articles.csv.gz"]))
    if name.endswith(".gz"):
        data = gzip.compress(data)
    return name, data, None


# ---------------------------------------------------------------------------------------------------------- WARC

def article_html(index: int, choice: list[int]) -> bytes:
    """A small fictional article page."""
    paragraphs = "".join(f"<p>{line}</p>" for line in good_text(choice).split("\n\n"))
    return (f"<html><head><title>Ferry vote {index}</title></head><body><article><h1>Ferry vote {index}</h1>"
            f"{paragraphs}<p>The crossing takes forty minutes in good weather and an hour in a storm.</p>"
            "</article></body></html>").encode("utf-8")


def build_warc(pages: list[bytes], *, gzipped: bool) -> tuple[bytes, list[tuple[str, int, int]]]:
    """An archive of one warcinfo and a 200 response per page, and (target URI, offset, end) of each response.

    Every byte is the same for the same pages (ids and dates given): hypothesis draws its cuts from the length."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    info = {"WARC-Date": "2026-03-01T05:00:00Z", "WARC-Record-ID": "<urn:uuid:00000000-0000-0000-0000-000000000000>",
            "WARC-Filename": "generated.warc", "Content-Type": "application/warc-fields"}
    writer.write_record(writer.create_warc_record("", "warcinfo", payload=io.BytesIO(b"software: tests/generated.py\r\n"),
                                                  warc_headers_dict=info))
    spans = []
    for index, page in enumerate(pages):
        url = good_url(index)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(page), http_headers=headers,
                                           warc_headers_dict={"WARC-Date": f"2026-03-0{index + 1}T06:00:00Z",
                                                              "WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-00000000000{index + 1}>"})
        start = out.tell()
        writer.write_record(record)
        spans.append((url, start, out.tell()))
    return out.getvalue(), spans


@st.composite
def warc_files(draw: st.DrawFn) -> tuple[str, bytes, list[str]]:
    """(file name, bytes, the target URIs that must still be read) of an archive damaged one way.

    A cut keeps every record that ends before it; other damage (a wrong length, bytes overwritten or inserted, a
    control character in a URI) may lose the records it touches, but only with a failure, never silently.
    """
    pages = [article_html(index, draw(st.lists(st.integers(0, 5), min_size=1, max_size=3)))
             for index in range(draw(st.integers(1, 3)))]
    gzipped = draw(st.booleans())
    data, spans = build_warc(pages, gzipped=gzipped)
    damage = draw(st.sampled_from(["none", "cut", "length", "overwrite", "insert", "uri", "duplicate"]))
    kept = [url for url, _, _ in spans]
    if damage == "cut":
        place = draw(st.integers(0, len(data)))
        data = data[:place]
        kept = [url for url, _, end in spans if end <= place]
    elif damage == "length" and not gzipped:
        matches = list(re.finditer(rb"Content-Length: (\d+)", data))
        match = draw(st.sampled_from(matches))
        length = max(0, int(match.group(1)) + draw(st.sampled_from([-500, -40, -1, 1, 40, 500, 10**9])))
        data = data[: match.start(1)] + str(length).encode() + data[match.end(1):]
        kept = []
    elif damage in ("overwrite", "insert", "duplicate"):
        place = draw(st.integers(0, len(data)))
        noise = draw(st.binary(min_size=1, max_size=16))
        if damage == "overwrite":
            data = data[:place] + noise + data[place + len(noise):]
        elif damage == "insert":
            data = data[:place] + noise + data[place:]
        else:
            end = draw(st.integers(place, len(data)))
            data = data[:end] + data[place:end] + data[end:]
        kept = []
    elif damage == "uri" and not gzipped:
        data = data.replace(b"/news/2026/ferry-0", b"/news/2026/fe\x00rry-0", 1)
        kept = [url for url in kept if not url.endswith("ferry-0")]
    return ("capture.warc.gz" if gzipped else "capture.warc"), data, kept


# ---------------------------------------------------------------------------------------------------------- HTML

TAG_RE = re.compile(rb"<[^<>]{0,200}>")


@st.composite
def html_pages(draw: st.DrawFn) -> bytes:
    """A fictional sample page mutated: tags deleted or duplicated, odd charsets, deep nesting, huge attributes,
    control characters, scripts, a cut."""
    page = draw(st.sampled_from(PAGES)).read_bytes()
    for _ in range(draw(st.integers(1, 4))):
        how = draw(st.sampled_from(["delete", "duplicate", "charset", "nest", "attribute", "control", "script", "cut",
                                    "encode", "bytes", "entity", "jsonld"]))
        tags = list(TAG_RE.finditer(page))
        if how in ("delete", "duplicate") and tags:
            tag = draw(st.sampled_from(tags))
            copy = b"" if how == "delete" else tag.group() * draw(st.integers(2, 50))
            page = page[: tag.start()] + copy + page[tag.end():]
        elif how == "charset":
            name = draw(st.sampled_from(CHARSET_NAMES)).encode("utf-8")
            page = page.replace(b"<head>", b'<head><meta charset="' + name + b'">'
                                b'<meta http-equiv="Content-Type" content="text/html; charset=' + name + b'">', 1)
        elif how == "nest":
            depth = draw(st.sampled_from([300, 3000, 30000]))
            tag = draw(st.sampled_from([b"div", b"span", b"blockquote", b"p", b"table", b"q"]))
            page = page.replace(b"<body>", b"<body>" + b"<" + tag + b">" * 1 + (b"<" + tag + b">") * depth, 1)
        elif how == "attribute":
            size = draw(st.sampled_from([1_000, 100_000, 2_000_000]))
            page = page.replace(b"<p>", b'<p class="' + b"x" * size + b'" data-q=\'"' + SCRIPT.encode() + b"'>", 1)
        elif how == "control":
            place = draw(st.integers(0, len(page)))
            page = page[:place] + draw(st.binary(min_size=1, max_size=8)) + page[place:]
        elif how == "script":
            place = draw(st.sampled_from([m.end() for m in tags] or [0]))
            page = page[:place] + draw(st.sampled_from(HOSTILE)).encode("utf-8", "surrogatepass") + page[place:]
        elif how == "cut":
            page = page[: draw(st.integers(0, len(page)))]
        elif how == "encode":
            page = page.decode("utf-8", "replace").encode(draw(st.sampled_from(ENCODINGS)), "replace")
        elif how == "jsonld":
            block = draw(st.one_of(JSON_VALUES.map(json.dumps), st.sampled_from(["[" * 5000 + "]" * 5000, "{", "</script>"]),
                                   st.builds(lambda value: json.dumps({"@type": "NewsArticle", "datePublished": value,
                                                                       "author": value, "headline": value}), JSON_VALUES)))
            page = page.replace(b"</head>", b'<script type="application/ld+json">' + block.encode("utf-8", "surrogatepass")
                                + b"</script></head>", 1)
        elif how == "entity":
            page = page.replace(b"the ", draw(st.sampled_from([b"&#0; ", b"&#xD800; ", b"&#x110000; ", b"&bogus; ",
                                                               b"&#99999999999; "])), 3)
        else:
            page = draw(st.binary(max_size=200)) + page
    return page


# --------------------------------------------------------------------------------------------- feeds, sitemaps

@st.composite
def feed_bodies(draw: st.DrawFn) -> bytes:
    """RSS, Atom and JSON feeds with items of any link, title and date; encodings declared or not; cut or not."""
    kind = draw(st.sampled_from(["rss", "atom", "json", "rdf", "bytes"]))
    items = draw(st.lists(st.tuples(any_url(), hostile_text(), st.one_of(hostile_text(),
                                                                       st.sampled_from(["Tue, 10 Mar 2026 06:00:00 +0000",
                                                                                        "2026-03-10T06:00:00Z",
                                                                                        "99 Foo 2026 99:99", "0001-01-01"]))),
                          max_size=5))

    def esc(text: str) -> str:
        return draw(st.sampled_from([lambda t: t, lambda t: t.replace("&", "&amp;").replace("<", "&lt;"),
                                     lambda t: f"<![CDATA[{t}]]>"]))(text)

    if kind == "json":
        body = json.dumps({"version": draw(st.sampled_from(["https://jsonfeed.org/version/1.1", "", 1])),
                           "items": [draw(st.sampled_from([{"url": url, "title": title, "date_published": date},
                                                           {"external_url": url}, url, None, {"url": 7}]))
                                     for url, title, date in items]}, ensure_ascii=draw(st.booleans()))
    elif kind == "bytes":
        return draw(st.binary(max_size=300))
    elif kind == "atom":
        body = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Harbor Ledger</title>'
                + "".join(f'<entry><title>{esc(title)}</title><link href="{esc(url)}"/><updated>{esc(date)}</updated>'
                          f"<id>{esc(url)}</id></entry>" for url, title, date in items) + "</feed>")
    elif kind == "rdf":
        body = ('<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
                'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>x</title>'
                "</channel>" + "".join(f"<item><title>{esc(title)}</title><link>{esc(url)}</link><dc:date>{esc(date)}"
                                       "</dc:date></item>" for url, title, date in items) + "</rdf:RDF>")
    else:
        body = ('<?xml version="1.0" encoding="' + draw(st.sampled_from(CHARSET_NAMES)) + '"?><rss version="2.0"><channel>'
                + "".join(f"<item><title>{esc(title)}</title><link>{esc(url)}</link><pubDate>{esc(date)}</pubDate>"
                          "</item>" for url, title, date in items) + "</channel></rss>")
    data = body.encode(draw(st.sampled_from(["utf-8", "utf-16", "latin-1"])), "replace")
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return data


@st.composite
def sitemap_bodies(draw: st.DrawFn) -> tuple[bytes, int | None, bool]:
    """(body, entries it must give or None, whether it was cut) of a sitemap: a url set, an index or a list,
    gzipped or not."""
    locs = draw(st.lists(st.one_of(st.integers(0, 9).map(good_url), any_url()), max_size=6))
    kind = draw(st.sampled_from(["urlset", "sitemapindex", "text", "bytes"]))
    if kind == "bytes":
        return draw(st.binary(max_size=300)), None, False
    if kind == "text":
        return "\n".join(locs).encode("utf-8", "surrogatepass"), None, False
    entry = "url" if kind == "urlset" else "sitemap"
    plain = all(re.fullmatch(r"https://[a-z.-]+/news/2026/ferry-\d", loc) for loc in locs)
    body = (f'<?xml version="1.0" encoding="UTF-8"?><{kind} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
            + "".join(f"<{entry}><loc>{loc}</loc><lastmod>{draw(hostile_text(max_size=10)).replace('<', '')}</lastmod>"
                      f"</{entry}>" for loc in locs) + f"</{kind}>")
    data = body.encode(draw(st.sampled_from(["utf-8", "utf-16"])), "surrogatepass")
    expected = len(locs) if plain else None
    cut = False
    if draw(st.booleans()):
        place = draw(st.integers(0, len(data)))
        cut = place < len(data)
        data = data[:place]
    if draw(st.integers(0, 3)) == 0:
        data = gzip.compress(data)
    return data, expected, cut


def gdelt_bodies() -> st.SearchStrategy[str]:
    """Search responses: the API's JSON with fields of any type, plain-text errors, JSON nested deep."""
    hit = st.dictionaries(st.sampled_from(["url", "title", "seendate", "domain", "language", "sourcecountry"]),
                          st.one_of(JSON_VALUES, st.sampled_from(["20260504T080000Z", "20261345T080000Z"])), max_size=6)
    return st.one_of(
        st.builds(lambda hits: json.dumps({"articles": hits}), st.lists(st.one_of(hit, JSON_VALUES), max_size=4)),
        st.builds(lambda value: json.dumps({"articles": value}), JSON_VALUES),
        hostile_text(max_size=60),
        st.sampled_from(["{" + '"a":' + "[" * 5000 + "]" * 5000 + "}", "{\\", '{"articles": [{"url": "\\q"}]}']),
    )


# ------------------------------------------------------------------------------------------- robots, config

ROBOTS_LINES = st.one_of(
    st.builds(lambda key, value: f"{key}:{value}",
              st.sampled_from(["User-agent", "Disallow", "Allow", "Crawl-delay", "Request-rate", "Sitemap", "Host",
                               "user-AGENT", "Disallow ", "Crawl-delay"]),
              st.one_of(hostile_text(max_size=20), st.sampled_from([" *", " /", " /*?", " $", " 1e308", " -5", " nan",
                                                                    " 1/0", " 0/0", " 3/10m", " inf", " 10"]))),
    hostile_text(max_size=30),
)


def robots_bodies() -> st.SearchStrategy[str]:
    """robots.txt bodies: directives with odd values, noise lines, any line ends."""
    return st.builds(lambda lines, end: end.join(lines), st.lists(ROBOTS_LINES, max_size=10),
                     st.sampled_from(["\n", "\r\n", "\r"]))


CONFIG_KEYS = ["user_agent", "allow_private", "resolve", "politeness", "limits", "schedule", "warc", "registry", "search",
               "stories", "min_delay", "per_host_concurrency", "respect_robots", "robots_hours", "host_delays",
               "max_pages", "max_minutes", "workers", "max_bytes", "retries", "backoff", "name", "seeds", "url_files",
               "sites", "feeds", "sitemaps", "quotes", "search_terms", "timespan", "source", "max_records", "bogus"]
CONFIG_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10, 10**12), st.floats(), any_url(),
                           hostile_text(max_size=12))
CONFIG_VALUES = st.recursive(CONFIG_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(CONFIG_KEYS), inner, max_size=4)), max_leaves=12)


@st.composite
def config_texts(draw: st.DrawFn) -> tuple[str, bytes]:
    """(file name, bytes) of a crawl config: random settings dumped as YAML or TOML-ish text, the example mutated."""
    how = draw(st.sampled_from(["data", "example", "text", "deep"]))
    if how == "data":
        data = draw(st.dictionaries(st.sampled_from(CONFIG_KEYS), CONFIG_VALUES, max_size=6))
        import yaml

        return "crawl.yml", yaml.safe_dump(data, allow_unicode=True).encode("utf-8", "surrogatepass")
    if how == "deep":
        depth = draw(st.sampled_from([100, 10_000, 100_000]))
        opener = draw(st.sampled_from(["[", "{a: ", "- "]))
        return draw(st.sampled_from(["crawl.yml", "crawl.toml"])), ("stories: " + opener * depth).encode()
    if how == "example":
        text = (Path(__file__).parent.parent / "crawl.example.yml").read_bytes()
        place = draw(st.integers(0, len(text)))
        change = draw(st.sampled_from(["cut", "insert", "delete"]))
        if change == "cut":
            text = text[:place]
        elif change == "insert":
            text = text[:place] + draw(st.binary(max_size=10)) + text[place:]
        else:
            text = text[:place] + text[place + draw(st.integers(1, 200)):]
        return "crawl.yml", text
    return draw(st.sampled_from(["crawl.yml", "crawl.toml"])), draw(st.binary(max_size=200))


# ------------------------------------------------------------------------------------------------ properties

def assert_one_line(message: str, where: str) -> None:
    assert isinstance(message, str) and message, f"{where}: no message"
    assert "\n" not in message and "\r" not in message, f"{where}: message over several lines: {message!r}"


def check_items(items: list) -> None:
    """Articles or failures, every failure with a one-line message, every article a text and an address."""
    from provenance.models import Article
    from provenance.urls import CONTROL_RE
    from scrapers.files import ImportFailure

    for item in items:
        assert isinstance(item, (Article, ImportFailure)), f"yielded a {type(item).__name__}"
        if isinstance(item, ImportFailure):
            assert_one_line(item.message, f"{item.source} {item.item}")
            assert not item.message.startswith(("Traceback", "RecursionError")), item.message
        else:
            assert item.url and not CONTROL_RE.search(item.url), f"article address {item.url!r}"
            assert item.text.strip(), f"article {item.url} with no text"
            item.text.encode("utf-8")


def written(name: str, data: bytes) -> tuple[tempfile.TemporaryDirectory, Path]:
    folder = tempfile.TemporaryDirectory(prefix="generated-")
    path = Path(folder.name) / name
    path.write_bytes(data)
    return folder, path


def check_jsonl_file(name: str, data: bytes) -> None:
    """A JSON Lines file of any bytes reads as articles and one-line failures, never an exception."""
    from scrapers.files import iter_jsonl_articles

    folder, path = written(name, data)
    with folder:
        check_items(list(iter_jsonl_articles(path)))


def check_csv_file(name: str, data: bytes, urls: list[str] | None) -> None:
    """A CSV file reads as articles and one-line failures; a well-made one gives an article for every row."""
    from provenance.models import Article
    from scrapers.files import iter_csv_articles

    folder, path = written(name, data)
    with folder:
        items = list(iter_csv_articles(path))
    check_items(items)
    if urls is not None:
        assert [item.url for item in items if isinstance(item, Article)] == urls, items


def check_warc_file(name: str, data: bytes, kept: list[str]) -> None:
    """A damaged archive reads as articles and one-line failures; the records the damage did not reach are read."""
    from provenance.models import Article
    from scrapers.warc import iter_warc_articles

    folder, path = written(name, data)
    with folder:
        items = list(iter_warc_articles(path))
    check_items(items)
    read = [item.url for item in items if isinstance(item, Article)]
    lost = [url for url in kept if url not in read]
    assert not lost, f"records lost: {lost}; read {items}"


def check_html_page(page: bytes) -> None:
    """A mutated page extracts to an article or an ExtractionError with a one-line message, and the article
    analyses without an exception."""
    from provenance.pipeline import AnalysisOvertime, analyse_article
    from scrapers.html import ExtractionError, extract_article

    try:
        article = extract_article(page, "https://harbor-ledger.example/news/ferry", source="import")
    except ExtractionError as error:
        assert_one_line(str(error), "ExtractionError")
        return
    check_items([article])
    try:
        analyse_article(article, registry())
    except AnalysisOvertime:
        pass


_REGISTRY = []


def registry():
    """The built-in outlet registry, loaded once."""
    if not _REGISTRY:
        from provenance.outlets import load_registry

        _REGISTRY.append(load_registry())
    return _REGISTRY[0]


def check_feed(body: bytes) -> None:
    """Any feed body gives entries with addresses that split, never an exception."""
    from provenance.urls import split_url
    from scrapers.feeds import FeedEntry, discover_feeds, parse_feed

    entries = parse_feed(body, "https://harbor-ledger.example/feed.xml", max_items=3)
    for entry in entries:
        assert isinstance(entry, FeedEntry) and split_url(entry.url) is not None, entry
        assert entry.title is None or isinstance(entry.title, str), entry
    for url in discover_feeds(body.decode("utf-8", "replace"), "https://harbor-ledger.example/"):
        assert split_url(url) is not None, url


def check_sitemap(body: bytes, expected: int | None, cut: bool) -> None:
    """A sitemap reads, or raises ValueError with a one-line reason; one cut short reads whole or says it is damaged."""
    from provenance.urls import split_url
    from scrapers.sitemaps import parse_sitemap

    try:
        sitemap = parse_sitemap(body, "https://harbor-ledger.example/sitemap.xml")
    except ValueError as error:
        assert_one_line(str(error), "sitemap")
        return
    for url in [entry.url for entry in sitemap.entries] + sitemap.sitemaps:
        assert split_url(url) is not None, url
    found = len(sitemap.entries) + len(sitemap.sitemaps)
    if expected is not None and not cut:
        assert (found, sitemap.damaged) == (expected, None), (found, expected, sitemap.damaged)
    elif expected is not None:
        assert found == expected or sitemap.damaged, f"cut short: {found} of {expected} entries read without a word"


def check_robots(body: str, status: int | None, url: str, agent: str) -> None:
    """Any robots.txt answers whether a URL may be fetched, its delay and its sitemaps, never an exception."""
    from scrapers.robots import parse_robots

    rules = parse_robots("https://harbor-ledger.example", status, body)
    assert rules.allows(url, agent) in (True, False)
    delay = rules.delay(agent)
    assert delay is None or delay >= 0 or delay != delay, delay
    assert all(isinstance(sitemap, str) for sitemap in rules.sitemaps())


def check_gdelt(body: str) -> None:
    """Any search response gives hits of text fields and an error of one line or none, never an exception."""
    from scrapers.search import parse_gdelt_response

    hits, error = parse_gdelt_response(body)
    if error is not None:
        assert_one_line(error, "GDELT")
    for hit in hits:
        for value in (hit.title, hit.seen_at, hit.domain, hit.language, hit.country):
            assert value is None or isinstance(value, str), hit


def check_config(name: str, data: bytes) -> None:
    """A crawl config of any bytes loads, or raises ConfigError with a one-line message."""
    from provenance.crawl import ConfigError, load_crawl_config

    folder, path = written(name, data)
    with folder:
        try:
            load_crawl_config(path)
        except ConfigError as error:
            assert_one_line(str(error), "ConfigError")


def check_url(url: str, base: str) -> None:
    """The URL helpers answer for any text without raising, and agree with one another."""
    from provenance import urls

    parts = urls.split_url(url)
    joined = urls.join_url(base, url)
    assert joined is None or urls.split_url(joined) is not None, joined
    assert isinstance(urls.without_userinfo(url), str)
    if urls.is_http_url(url):
        assert parts is not None and urls.url_scheme(url) in urls.HTTP_SCHEMES and not urls.has_script_scheme(url)
    if urls.has_script_scheme(url):
        assert not urls.is_http_url(url)
    stripped = urls.without_userinfo(url)
    assert "@" not in (urls.split_url(stripped).netloc if urls.split_url(stripped) else ""), stripped


# --------------------------------------------------------------------------------------- query strings served

WEB_PATHS = ["/hostile/quotes", "/hostile/articles", "/hostile/credits", "/hostile/quote_chains", "/hostile/-/timeline",
             "/hostile/-/quote/1", "/hostile/-/article/1", "/hostile/-/outlet/1", "/hostile/trace_quote",
             "/hostile/story_timeline", "/hostile/quote_lineage", "/hostile/quotes.json", "/hostile"]
WEB_PARAMETERS = ["_sort", "_sort_desc", "_next", "_facet", "_facet_array", "_through", "id__in", "speaker__in",
                  "_search", "_searchmode", "_col", "_nocol", "_timelimit", "_size", "_shape", "q", "story", "day",
                  "quote_id", "words", "title", "from_day", "to_day", "sql", "text__contains", "id__gt", "_where",
                  "_labels", "_json", "page", "nosuch"]


def web_requests() -> st.SearchStrategy[str]:
    """Addresses of our pages and Datasette's with query strings of any parameter we or Datasette read."""
    from urllib.parse import quote

    values = st.one_of(hostile_text(max_size=20), st.integers(-2**70, 2**70).map(str),
                       st.sampled_from(["[" * 3000 + "]" * 3000, '{"table":"quotes"}', "{", "[1", "speaker", "id",
                                        "1e999", "-1", "nan", "raw", "select 1", "2026-02-30", "\x00"]))
    pairs = st.lists(st.tuples(st.sampled_from(WEB_PARAMETERS), values), max_size=4)
    return st.builds(lambda path, args: path + ("?" + "&".join(f"{name}={quote(value, safe='')}"
                                                                 for name, value in args) if args else ""),
                     st.sampled_from(WEB_PATHS), pairs)


_SERVED: list = []


def check_web_request(path: str) -> None:
    """Any query string on any page answers 200, 302, 400 or 404 (a named bad parameter), never a 500."""
    import asyncio

    from datasette.app import Datasette

    from tests.hostile import build_hostile_db
    from tests.served import served_metadata

    if not _SERVED:
        folder = Path(tempfile.mkdtemp(prefix="generated-web-"))
        _SERVED.append(build_hostile_db(folder))
    metadata = served_metadata()

    async def fetch():
        datasette = Datasette([], immutables=[str(_SERVED[0])], metadata=metadata)
        return await datasette.client.get(path)

    response = asyncio.run(fetch())
    assert response.status_code in (200, 302, 400, 404), (path, response.status_code, response.text[:300])


# ------------------------------------------------------------------------------------ imports into a database

def import_inputs() -> st.SearchStrategy[tuple[str, bytes]]:
    """(file name, bytes) of any file `provenance import` takes: JSON Lines, CSV, WARC, HTML."""
    return st.one_of(
        json_lines_files(),
        csv_files().map(lambda file: file[:2]),
        warc_files().map(lambda file: file[:2]),
        html_pages().map(lambda page: ("page.html", page)),
    )


def check_cli_import(name: str, data: bytes) -> None:
    """`provenance import` of any file ends with 0 (imported) or 1 (nothing read, said on one line), no traceback."""
    from click.testing import CliRunner

    from provenance.cli import cli

    with tempfile.TemporaryDirectory(prefix="generated-") as folder:
        source = Path(folder) / name
        source.write_bytes(data)
        result = CliRunner().invoke(cli, ["import", str(source), "--db", str(Path(folder) / "cli.db"), "--workers", "1"])
    assert result.exit_code in (0, 1), (result.exit_code, result.output[-2000:])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output, result.output[-2000:]
    if result.exit_code == 1:
        assert result.output.rstrip().splitlines()[-1].startswith("Error: "), result.output[-2000:]


BROKEN_RECORDS = {
    "not json": b'{"url": "https://harbor-ledger.example/broken", "text": "cut',
    "a list": b"[1, 2, 3]",
    "no text": b'{"url": "https://harbor-ledger.example/empty"}',
    "nul in url": b'{"url": "https://harbor-ledger.example/a\\u0000b", "text": "The ferry runs."}',
    "script url": json.dumps({"url": JS_URL, "text": "The ferry runs."}).encode(),
    "lone surrogate": b'{"url": "https://harbor-ledger.example/s", "text": "half \\ud800 a pair"}',
    "deep": b'{"url": "https://harbor-ledger.example/d", "text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "not utf-8": b'{"url": "https://harbor-ledger.example/b", "text": "caf\xe9"}',
    "bad port": b'{"url": "https://harbor-ledger.example:99999/p", "text": "The ferry runs."}',
    "huge text": json.dumps({"url": "https://harbor-ledger.example/h", "html": "<p>" + "x" * 10_000_001}).encode(),
}


@st.composite
def import_files(draw: st.DrawFn) -> tuple[list[dict], bytes, int, str]:
    """(good records, file bytes, line number of the broken record, its kind): good fictional records around one
    broken record, the good ones carrying hostile strings in their title, outlet and author."""
    records = []
    for index in range(draw(st.integers(1, 3))):
        record = {"url": good_url(index), "text": good_text(draw(st.lists(st.integers(0, 5), min_size=2, max_size=4))),
                  "published": f"2026-03-0{index + 1}T06:00:00Z"}
        if draw(st.booleans()):  # a quotation and a speaker carrying markup, as tests/hostile.py's articles do
            record["text"] += (f'\n\n"We will keep the {draw(st.sampled_from(HOSTILE[:6]))} crossing open all winter," '
                               f"said {draw(st.sampled_from(HOSTILE[:6]))} Vale, the harbour master.")
        for name in draw(st.lists(st.sampled_from(["title", "outlet", "author", "site_name"]), unique=True, max_size=3)):
            record[name] = draw(st.sampled_from(HOSTILE[:6])) + f" Harbor {index}"
        records.append(record)
    kind = draw(st.sampled_from(sorted(BROKEN_RECORDS)))
    place = draw(st.integers(0, len(records)))
    lines = [json.dumps(record).encode() for record in records]
    lines.insert(place, BROKEN_RECORDS[kind])
    return records, b"\n".join(lines) + b"\n", place + 1, kind


# Tables whose rows an import writes once per run, and so may differ between two imports of one file
PER_RUN_TABLES = {"runs"}


def row_dump(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table but the runs log, sorted."""
    conn = sqlite3.connect(path)
    try:
        tables = [name for (name,) in conn.execute(
            "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' "
            "and name not like '%_fts%' order by name")]
        return {name: sorted(conn.execute(f"select * from [{name}]").fetchall(), key=repr)
                for name in tables if name not in PER_RUN_TABLES}
    finally:
        conn.close()


def live_markup(db_path: Path) -> list[str]:
    """Every way a page of the database (ours: timeline, articles, quotes, outlets; Datasette's tables) could run
    scraped markup (tests/test_hostile_html.find_live_markup), and every page that does not answer 200."""
    from tests.test_hostile_html import fetch_all, find_live_markup

    conn = sqlite3.connect(db_path)
    try:
        ids = {table: [row for (row,) in conn.execute(f"select id from {table} order by id limit 3")]
               for table in ("articles", "quotes", "outlets")}
    finally:
        conn.close()
    name = db_path.stem
    paths = [f"/{name}/-/timeline", f"/{name}/articles", f"/{name}/quotes", f"/{name}/quote_occurrences"]
    paths += [f"/{name}/-/article/{row}" for row in ids["articles"]] + [f"/{name}/-/quote/{row}" for row in ids["quotes"]]
    paths += [f"/{name}/-/outlet/{row}" for row in ids["outlets"]]
    problems = []
    for path, (status, _headers, body) in fetch_all(db_path, paths).items():
        if status != 200:
            problems.append(f"{path}: {status}")
        problems += [f"{path}: {problem}" for problem in find_live_markup(body)]
    return problems


def check_import(records: list[dict], data: bytes, line: int, kind: str,
                 pages: Callable[[Path], list[str]] | None = None) -> None:
    """An import of a file with one broken record saves the others, records the broken one in the errors table,
    and a second import of the same file changes no row."""
    import sqlite_utils

    from provenance.pipeline import import_paths

    with tempfile.TemporaryDirectory(prefix="generated-") as folder:
        source = Path(folder) / "records.jsonl"
        source.write_bytes(data)
        path = Path(folder) / "import.db"
        database = sqlite_utils.Database(path)
        report = import_paths(database, [source], workers=1)
        saved = sorted(url for (url,) in database.execute("select url from articles"))
        errors = database.execute("select item, stage, message from errors").fetchall()
        database.conn.close()
        assert saved == sorted(record["url"] for record in records), (kind, saved)
        assert (report.new, report.failed) == (len(records), 1), (kind, report.summary())
        assert len(errors) == 1 and errors[0][0].startswith(f"line {line}"), (kind, errors)
        assert_one_line(errors[0][2], kind)
        first = row_dump(path)
        database = sqlite_utils.Database(path)
        again = import_paths(database, [source], workers=1)
        database.conn.close()
        assert (again.new, again.changed, again.failed) == (0, 0, 1), (kind, again.summary())
        second = row_dump(path)
        moved = [name for name in first if first[name] != second.get(name)]
        assert not moved, f"{kind}: a second import changed {moved}"
        if pages is not None:
            problems = pages(path)
            assert not problems, problems
