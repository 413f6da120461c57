"""The built-in sample story (provenance/sample/STORY.md): its pages, and the lineage traced from them."""

from __future__ import annotations

import csv
import json
import re
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import lxml.html
import pytest
import sqlite_utils

# On one worker when the suite runs on two (scripts/test.sh): the module's imported sample is built once.
pytestmark = pytest.mark.xdist_group("sample_story")

if TYPE_CHECKING:
    from provenance.pipeline import ImportReport

Sample = tuple[sqlite_utils.Database, "ImportReport", Path]  # database, build report, path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "provenance" / "sample"
PAGES_DIR = SAMPLE_DIR / "pages"

# ---------------------------------------------------------------------------------------------
# The written-down truth of STORY.md.
# ---------------------------------------------------------------------------------------------

ARTICLES = {  # article -> (page file, URL, outlet key, published as the page states it)
    "A1": ("a01-meridian-ledger.html", "https://www.meridianledger.example/2026/03/02/port-chair-backs-eastpoint-sale/", "meridian-ledger", "2026-03-02T06:00:00Z"),
    "A2": ("a02-continental-press.html", "https://www.cpress.example/article/harborton-port-eastpoint-terminal-sale-3f9c2a", "continental-press", "2026-03-02T08:30:00Z"),
    "A3": ("a03-valley-herald.html", "https://www.valleyherald.example/news/national/port-authority-weighs-sale-of-eastpoint-terminal-20260302", "valley-herald", "2026-03-02T09:15:00Z"),
    "A4": ("a04-northern-gazette.html", "https://northerngazette.example/2026/03/02/harborton-port-chief-defends-terminal-sale.html", "northern-gazette", "2026-03-02T10:05:00Z"),
    "A5": ("a05-newspulse.html", "https://www.newspulse.example/story/harborton-port-sale-eastpoint-terminal", "newspulse", "2026-03-02T10:40:00Z"),
    "A6": ("a06-dailybuzz.html", "https://dailybuzz.example/news/port-boss-says-terminal-is-bleeding-cash", "dailybuzz", "2026-03-02T11:20:00Z"),
    "A7": ("a07-policy-watch.html", "https://www.policywatch.example/2026/03/02/the-eastpoint-sale-and-the-missing-council-vote/", "policy-watch", "2026-03-02"),
    "A8": ("a08-bay-courier.html", "https://www.baycourier.example/local/2026/03/02/port-chair-defends-eastpoint-sale", "bay-courier", "2026-03-02T12:30:00Z"),
    "A13": ("a13-riverside-sentinel.html", "https://www.riversidesentinel.example/news/2026/03/02/dockworkers-union-objects-to-harborton-terminal-sale/", "riverside-sentinel", "2026-03-02T13:00:00Z"),
    "A9": ("a09-harborton-tribune.html", "https://www.harbortontribune.example/news/city-hall/mayor-demands-council-vote-on-eastpoint-sale", "harborton-tribune", "2026-03-02T15:10:00Z"),
    "A10": ("a10-channel7.html", "https://www.ch7harborton.example/news/mayor-oyelaran-eastpoint-terminal-sale-council-vote/article_7c1e", "channel7-harborton", "2026-03-02T15:30:00Z"),
    "A11": ("a11-coastal-radio.html", "https://www.coastalradio.example/2026/03/02/mayor-says-he-learned-of-port-sale-from-the-newspaper", "coastal-public-radio", "2026-03-02T16:00:00Z"),
    "A14": ("a14-harborton-now.html", "https://harbortonnow.example/local/2026/03/02/mayor-draws-line-on-eastpoint-no-sale-without-council-vote", "harborton-now", "2026-03-02T17:00:00Z"),
    "A12": ("a12-meridian-ledger-followup.html", "https://www.meridianledger.example/2026/03/03/whitfield-stands-by-eastpoint-sale-plan/", "meridian-ledger", "2026-03-03T07:00:00Z"),
}
URLS = {article: row[1] for article, row in ARTICLES.items()}
LETTER_OF_URL = {url: article for article, url in URLS.items()}

OUTLETS = {  # outlet key -> (name, kind, domain)
    "meridian-ledger": ("The Meridian Ledger", "newspaper", "meridianledger.example"),
    "continental-press": ("Continental Press", "wire", "cpress.example"),
    "valley-herald": ("Valley Herald", "newspaper", "valleyherald.example"),
    "northern-gazette": ("The Northern Gazette", "newspaper", "northerngazette.example"),
    "newspulse": ("NewsPulse", "aggregator", "newspulse.example"),
    "dailybuzz": ("DailyBuzz", "aggregator", "dailybuzz.example"),
    "policy-watch": ("Policy Watch", "blog", "policywatch.example"),
    "bay-courier": ("The Bay Courier", "newspaper", "baycourier.example"),
    "riverside-sentinel": ("The Riverside Sentinel", "newspaper", "riversidesentinel.example"),
    "harborton-tribune": ("Harborton Tribune", "newspaper", "harbortontribune.example"),
    "channel7-harborton": ("Channel 7 Harborton", "broadcaster", "ch7harborton.example"),
    "coastal-public-radio": ("Coastal Public Radio", "broadcaster", "coastalradio.example"),
    "harborton-now": ("Harborton Now", "aggregator", "harbortonnow.example"),
}
LEDGER, CP = "meridian-ledger", "continental-press"

WHITFIELD, RAMAN, OYELARAN = "Dana Whitfield", "Priya Raman", "Marcus Oyelaran"
QUOTES = {  # quote -> (canonical wording, speaker, distinctive phrase)
    "Q1": ("We cannot keep pouring public money into a terminal that loses two million dollars every month.", WHITFIELD, "pouring public money"),
    "Q2": ("The sale is the only honest option left on the table, and I will defend it in front of anyone.", WHITFIELD, "only honest option left"),
    "Q3": ("The existing lease with the operator is dead in the water.", WHITFIELD, "dead in the water"),
    "Q4": ("Nobody asked the people who actually work on these docks what they think of this sale.", RAMAN, "nobody asked the people"),
    "Q5": ("I learned about this proposal from the newspaper, like everybody else in this city.", OYELARAN, "learned about this proposal"),
    "Q6": ("No public asset will be sold while I am mayor without a vote of the council.", OYELARAN, "no public asset will be sold"),
    "Q7": ("I have nothing to add to what I said yesterday, and nothing to take back.", WHITFIELD, "nothing to add to what i said"),
}

# The wordings printed between quote marks (final punctuation aside).
Q1 = "We cannot keep pouring public money into a terminal that loses two million dollars every month"
Q1_ALTERED = "We can't keep pouring public money into a terminal that loses $2 million every month"
Q2 = "The sale is the only honest option left on the table, and I will defend it in front of anyone"
Q2_SHORT = "The sale is the only honest option left ... and I will defend it in front of anyone"
Q2_ALTERED = "The sale is the only honest option left on the table, and I will defend it before anyone"
Q3 = "The existing lease with the operator is dead in the water"
Q3_FRAGMENT = "dead in the water"
Q4 = "Nobody asked the people who actually work on these docks what they think of this sale"
Q5 = "I learned about this proposal from the newspaper, like everybody else in this city"
Q5_VARIANT = "I learned about this proposal from the newspaper, like everyone else in this city"
Q6 = "No public asset will be sold while I am mayor without a vote of the council"
Q6_SPLIT = ("No public asset will be sold while I am mayor", "without a vote of the council")
Q7 = "I have nothing to add to what I said yesterday, and nothing to take back"
WIRE_COPY = {"Q1": Q1, "Q2": Q2, "Q3": Q3, "Q4": Q4}

PRINTED = {  # article -> quote -> wording as printed (a tuple: the parts of a split quote)
    "A1": {"Q1": Q1, "Q2": Q2, "Q3": Q3},
    "A2": WIRE_COPY,
    "A3": WIRE_COPY,
    "A4": WIRE_COPY,
    "A5": {"Q1": Q1, "Q2": Q2_SHORT},
    "A6": {"Q1": Q1_ALTERED, "Q2": Q2_SHORT, "Q3": Q3_FRAGMENT},
    "A7": {"Q2": Q2},
    "A8": {"Q2": Q2_ALTERED},
    "A13": {"Q4": Q4, "Q3": Q3_FRAGMENT},
    "A9": {"Q5": Q5, "Q6": Q6_SPLIT},
    "A10": {"Q5": Q5_VARIANT, "Q6": Q6},
    "A11": {"Q5": Q5, "Q6": Q6},
    "A14": {"Q5": Q5, "Q6": Q6_SPLIT},
    "A12": {"Q1": Q1, "Q7": Q7},
}
SCARE_QUOTES = {"A7": ["efficiency"]}  # quote marks around a word that nobody said
FRAGMENTS = {("A6", "Q3"), ("A13", "Q3")}

# article -> quote -> (source article or None, evidence)
LINEAGE = {
    "A1": {"Q1": (None, "origin"), "Q2": (None, "origin"), "Q3": (None, "origin")},
    "A2": {"Q1": ("A1", "credit"), "Q2": ("A1", "credit"), "Q3": ("A1", "credit"), "Q4": (None, "origin")},
    "A3": {q: ("A2", "credit") for q in ("Q1", "Q2", "Q3", "Q4")},
    "A4": {q: ("A2", "credit") for q in ("Q1", "Q2", "Q3", "Q4")},
    "A5": {"Q1": ("A1", "credit"), "Q2": ("A1", "credit")},
    "A6": {"Q1": ("A5", "earlier"), "Q2": ("A5", "mutation"), "Q3": ("A4", "earlier")},
    "A7": {"Q2": ("A1", "link")},
    "A8": {"Q2": ("A1", "credit")},
    "A13": {"Q4": ("A2", "credit"), "Q3": ("A2", "credit")},
    "A9": {"Q5": (None, "origin"), "Q6": (None, "origin")},
    "A10": {"Q5": (None, "origin"), "Q6": (None, "origin")},
    "A11": {"Q5": (None, "origin"), "Q6": (None, "origin")},
    "A14": {"Q5": ("A9", "reuse"), "Q6": ("A9", "reuse")},
    "A12": {"Q1": ("A1", "earlier"), "Q7": (None, "origin")},
}

ORIGINS = {  # quote -> (origin article, origin outlet, origin kind)
    "Q1": ("A1", LEDGER, "exclusive"),
    "Q2": ("A1", LEDGER, "exclusive"),
    "Q3": ("A1", LEDGER, "exclusive"),
    "Q4": ("A2", CP, "wire"),
    "Q5": ("A9", "harborton-tribune", "public_statement"),
    "Q6": ("A9", "harborton-tribune", "public_statement"),
    "Q7": ("A12", LEDGER, "exclusive"),
}

# (article, credited outlet, kind, scope, intermediary outlet or None, quotes a quote-scope credit covers)
CREDITS = {
    ("A2", LEDGER, "according_to", "story", None, ()),
    ("A2", LEDGER, "told", "quote", None, ("Q1",)),
    ("A3", CP, "dateline", "story", None, ()),
    ("A3", CP, "copyright", "story", None, ()),
    ("A3", LEDGER, "according_to", "story", None, ()),
    ("A3", LEDGER, "told", "quote", None, ("Q1",)),
    ("A4", CP, "byline", "story", None, ()),
    ("A4", LEDGER, "according_to", "story", None, ()),
    ("A4", LEDGER, "told", "quote", None, ("Q1",)),
    ("A5", LEDGER, "according_to", "story", None, ()),
    ("A7", LEDGER, "link", "story", None, ()),
    ("A8", LEDGER, "told", "quote", None, ("Q2",)),
    ("A13", LEDGER, "reported_by", "story", CP, ()),
    ("A13", CP, "per", "story", None, ()),
    ("A13", CP, "told", "quote", None, ("Q4",)),
    ("A9", LEDGER, "reported_by", "story", None, ()),
    ("A9", LEDGER, "link", "story", None, ()),
}
COPY_KINDS = {"dateline", "byline", "copyright"}

REUSE = {("A3", "A2"): "wholly", ("A4", "A2"): "wholly", ("A14", "A9"): "partially"}  # every pair above 'none'

# Outlets each page names, other than its own (in the whole visible page, not just the body).
NAMED_OUTLETS = {
    "A1": set(), "A2": {LEDGER}, "A3": {LEDGER, CP}, "A4": {LEDGER, CP}, "A5": {LEDGER}, "A6": set(),
    "A7": set(), "A8": {LEDGER}, "A13": {LEDGER, CP}, "A9": {LEDGER}, "A10": set(), "A11": set(),
    "A14": set(), "A12": set(),
}
OFFSITE_LINKS = {"A7": {URLS["A1"]}, "A9": {URLS["A1"]}}  # links to other outlets' pages; every other page has none

# An uncredited text copy: copy -> (source, 0-based indexes of the source's body paragraphs it prints
# word for word). A14 leaves out A9's lead (with its credit to the Ledger) and its last paragraph.
COPIED_PARAGRAPHS = {"A14": ("A9", [1, 2, 3, 4, 5, 6, 7])}
BODY_XPATH = {  # article -> its body paragraphs
    "A9": '//div[@class="trib-story__body"]/p',
    "A14": '//div[contains(@class, "e-content")]/p',
}

# Tables whose rows an import writes; bookkeeping (runs, errors) is left out.
CONTENT_TABLES = (
    "outlets", "articles", "article_links", "quotes", "quote_occurrences", "quote_grams", "credits",
    "credit_occurrences", "lineage", "article_reuse", "article_fingerprints", "article_versions",
    "people", "person_names",
)

# ---------------------------------------------------------------------------------------------
# Reading the pages (no pipeline).
# ---------------------------------------------------------------------------------------------

SKIP_TAGS = ("script", "style", "noscript", "template", "head")
WHITESPACE_RE = re.compile(r"\s+")
QUOTED_RE = re.compile(r"[“\"]([^“”\"]+)[”\"]")
FINAL_PUNCTUATION_RE = re.compile(r"[.,!?;:]+$")
PUNCTUATION_RE = re.compile(r"[.,!?;:…“”\"]+")  # a split quote joins its parts with a comma
PUBLISHED_XPATH = (
    '//meta[@property="article:published_time"]/@content'
    ' | //*[@itemprop="datePublished"]/@content | //*[@itemprop="datePublished"]/@datetime'
    " | //time/@datetime"
)
TIME_OF_DAY_RE = re.compile(r"T\d|\b\d{1,2}:\d{2}\b|\b[ap]\.m\.|\b[AP]M\b")


def read_page(article: str) -> lxml.html.HtmlElement:
    """The parsed page of one sample article."""
    return lxml.html.fromstring((PAGES_DIR / ARTICLES[article][0]).read_bytes())


def visible_text(tree: lxml.html.HtmlElement) -> str:
    """What a reader sees: the page's text without scripts, styles and the head, spaces collapsed."""
    for element in tree.xpath("|".join(f"//{tag}" for tag in SKIP_TAGS)):
        element.drop_tree()
    return WHITESPACE_RE.sub(" ", tree.text_content()).strip()


def jsonld_dates(tree: lxml.html.HtmlElement) -> list[str]:
    """datePublished and uploadDate of every JSON-LD object on the page."""
    dates = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        data = json.loads(script.text)
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                dates.extend(item[key] for key in ("datePublished", "uploadDate") if key in item)
                stack.extend(item.values())
    return dates


def read_manifest() -> list[dict]:
    """The manifest's entries, in import order."""
    return json.loads((SAMPLE_DIR / "manifest.json").read_text(encoding="utf-8"))


def read_sample_outlets() -> list[dict]:
    """The rows of the sample's outlet registry file."""
    with (SAMPLE_DIR / "outlets.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def outlet_names(row: dict) -> list[str]:
    """An outlet's name and aliases."""
    return [row["name"], *(alias for alias in row["aliases"].split("|") if alias)]


def parse_time(value: str) -> datetime:
    """An ISO 8601 date-time (Z or offset) as an aware datetime."""
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


@pytest.mark.parametrize("article", list(ARTICLES))
def test_page_prints_its_quotes_exactly(article: str) -> None:
    text = visible_text(read_page(article))
    for quote, printed in PRINTED[article].items():
        parts = printed if isinstance(printed, tuple) else (printed,)
        for part in parts:
            pattern = r"[“\"]" + re.escape(part) + r"[.,]?[”\"]"
            assert re.search(pattern, text), f"{article} {quote}: {part!r} not printed in quote marks"
    if article in ("A9", "A14"):
        assert "“No public asset will be sold while I am mayor,” Oyelaran said, “without a vote of the council.”" in text


@pytest.mark.parametrize("article", list(ARTICLES))
def test_page_quotes_nothing_else(article: str) -> None:
    text = visible_text(read_page(article))
    found = sorted(FINAL_PUNCTUATION_RE.sub("", span) for span in QUOTED_RE.findall(text))
    expected = []
    for printed in PRINTED[article].values():
        expected.extend(printed if isinstance(printed, tuple) else (printed,))
    expected.extend(SCARE_QUOTES.get(article, []))
    assert found == sorted(expected)


@pytest.mark.parametrize("article", list(ARTICLES))
def test_page_names_only_the_outlets_it_credits(article: str) -> None:
    text = visible_text(read_page(article))
    own = ARTICLES[article][2]
    named = set()
    for row in read_sample_outlets():
        if row["key"] == own:
            continue
        if any(re.search(r"\b" + re.escape(name) + r"\b", text) for name in outlet_names(row)):
            named.add(row["key"])
    assert named == NAMED_OUTLETS[article]


@pytest.mark.parametrize("article", list(ARTICLES))
def test_page_links_off_site_only_to_its_cited_article(article: str) -> None:
    tree = read_page(article)
    own_domain = OUTLETS[ARTICLES[article][2]][2]
    offsite = set()
    for href in tree.xpath("//a/@href"):
        parts = urlsplit(href)
        if parts.scheme not in ("http", "https"):
            continue
        host = parts.hostname or ""
        if host != own_domain and not host.endswith("." + own_domain):
            offsite.add(href)
    assert offsite == OFFSITE_LINKS.get(article, set())


@pytest.mark.parametrize("copy", list(COPIED_PARAGRAPHS))
def test_uncredited_copy_prints_source_paragraphs_without_its_credit(copy: str) -> None:
    source, indexes = COPIED_PARAGRAPHS[copy]
    copied, original = (
        [WHITESPACE_RE.sub(" ", p.text_content()).strip() for p in read_page(article).xpath(BODY_XPATH[article])]
        for article in (copy, source)
    )
    assert [index for index, paragraph in enumerate(original) if paragraph in copied] == indexes
    assert len(copied) > len(indexes)  # and some sentences of its own
    assert "first reported" in original[0] and not any("first reported" in paragraph for paragraph in copied)


@pytest.mark.parametrize("article", list(ARTICLES))
def test_page_states_its_canonical_url_and_publish_time(article: str) -> None:
    tree = read_page(article)
    _, url, _, published = ARTICLES[article]
    assert tree.xpath('//link[@rel="canonical"]/@href') == [url]
    stated = set(tree.xpath(PUBLISHED_XPATH)) | set(jsonld_dates(tree))
    assert published in stated
    assert {value for value in stated if value[:10] == published[:10]} == {published}


def test_date_only_page_has_no_time_anywhere() -> None:
    tree = read_page("A7")
    stated = set(tree.xpath(PUBLISHED_XPATH)) | set(jsonld_dates(tree))
    assert stated == {"2026-03-02"}
    assert not TIME_OF_DAY_RE.search(visible_text(tree))
    assert not tree.xpath("//@content[contains(., 'T0') or contains(., 'T1') or contains(., 'T2')]")


def test_manifest_lists_every_page_once_in_a_non_chronological_order() -> None:
    entries = read_manifest()
    assert all(set(entry) == {"file", "url", "fetched_at"} for entry in entries)
    assert sorted(entry["file"] for entry in entries) == sorted(row[0] for row in ARTICLES.values())
    assert sorted(path.name for path in PAGES_DIR.glob("*.html")) == sorted(row[0] for row in ARTICLES.values())
    by_file = {row[0]: article for article, row in ARTICLES.items()}
    order = [by_file[entry["file"]] for entry in entries]
    chronological = sorted(ARTICLES, key=lambda article: ARTICLES[article][3])
    assert order != chronological
    assert order != list(reversed(chronological))
    for entry in entries:
        article = by_file[entry["file"]]
        assert entry["url"] == URLS[article]
        published = ARTICLES[article][3]
        fetched = parse_time(entry["fetched_at"])
        if len(published) == 10:  # a date only: fetched that evening
            assert entry["fetched_at"] == "2026-03-02T18:00:00Z"
        else:
            assert fetched - parse_time(published) == timedelta(hours=1)
        assert entry["fetched_at"].endswith("Z") and fetched.tzinfo == timezone.utc


def test_sample_registry_defines_every_outlet() -> None:
    rows = read_sample_outlets()
    builtin = ROOT / "provenance" / "data" / "outlets.csv"
    header = ["key", "name", "aliases", "domains", "kind", "country", "language"]
    if builtin.exists():
        header = builtin.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert (SAMPLE_DIR / "outlets.csv").read_text(encoding="utf-8").splitlines()[0].split(",") == header
    assert {row["key"]: (row["name"], row["kind"], row["domains"]) for row in rows} == OUTLETS
    by_key = {row["key"]: row for row in rows}
    assert outlet_names(by_key[LEDGER]) == ["The Meridian Ledger", "The Ledger", "Ledger", "Meridian Ledger"]
    assert outlet_names(by_key[CP]) == ["Continental Press", "CP"]


# ---------------------------------------------------------------------------------------------
# The sample database, built through the real pipeline.
# ---------------------------------------------------------------------------------------------


def build(path: Path, order: list[int] | None = None) -> ImportReport:
    """Build the sample database at `path` (in manifest order, or in `order`)."""
    from provenance.pipeline import build_sample

    return build_sample(path, order=order)


def manifest_indexes(articles: list[str]) -> list[int]:
    """Manifest positions of these articles, in the given order."""
    position = {entry["url"]: index for index, entry in enumerate(read_manifest())}
    return [position[URLS[article]] for article in articles]


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    """The sample database built once for this module, the build's report and its path."""
    path = tmp_path_factory.mktemp("sample") / "sample.db"
    report = build(path)
    return sqlite_utils.Database(path), report, path


def article_ids(db: sqlite_utils.Database) -> dict[str, int]:
    """Article letter -> article id."""
    ids = {LETTER_OF_URL[row["url"]]: row["id"] for row in db.query("select id, url from articles")}
    assert set(ids) == set(ARTICLES)
    return ids


def outlet_keys(db: sqlite_utils.Database) -> dict[int, str]:
    """Outlet id -> outlet key."""
    return {row["id"]: row["key"] for row in db.query("select id, key from outlets")}


def quote_ids(db: sqlite_utils.Database) -> dict[int, str]:
    """Cluster id -> quote (Q1..Q7), by the distinctive phrase of its canonical wording."""
    found = {}
    for row in db.query("select id, text from quotes"):
        matches = [quote for quote, (_, _, phrase) in QUOTES.items() if phrase in normalize(row["text"])]
        assert len(matches) == 1, f"cluster {row['id']} {row['text']!r} matches {matches}"
        found[row["id"]] = matches[0]
    return found


def normalize(text: str) -> str:
    """The words of a wording: casefolded, apostrophes unified, punctuation between words dropped."""
    text = text.replace("’", "'").replace("‘", "'")
    return WHITESPACE_RE.sub(" ", PUNCTUATION_RE.sub(" ", text)).strip().casefold()


def occurrences(db: sqlite_utils.Database) -> dict[tuple[str, str], dict]:
    """(article, quote) -> the clustered occurrence row."""
    letters = {v: k for k, v in article_ids(db).items()}
    quotes = quote_ids(db)
    found: dict[tuple[str, str], dict] = {}
    for row in db.query("select * from quote_occurrences where quote_id is not null"):
        key = (letters[row["article_id"]], quotes[row["quote_id"]])
        assert key not in found, f"two occurrences of {key}"
        found[key] = row
    return found


def lineage_facts(db: sqlite_utils.Database) -> dict[tuple[str, str], tuple[str | None, str]]:
    """(article, quote) -> (source article, evidence) for every occurrence."""
    letters = {v: k for k, v in article_ids(db).items()}
    by_id = {row["id"]: key for key, row in occurrences(db).items()}
    facts = {}
    for row in db.query("select occurrence_id, source_article_id, evidence from lineage"):
        source = letters[row["source_article_id"]] if row["source_article_id"] is not None else None
        facts[by_id[row["occurrence_id"]]] = (source, row["evidence"])
    return facts


def expected_lineage() -> dict[tuple[str, str], tuple[str | None, str]]:
    """LINEAGE flattened to (article, quote) keys."""
    return {(article, quote): fact for article, quotes in LINEAGE.items() for quote, fact in quotes.items()}


def origin_facts(db: sqlite_utils.Database) -> dict[str, tuple[str | None, str | None, str]]:
    """Quote -> (origin article, origin outlet key, origin kind)."""
    letters = {v: k for k, v in article_ids(db).items()}
    outlets = outlet_keys(db)
    quotes = quote_ids(db)
    return {
        quotes[row["id"]]: (
            letters.get(row["origin_article_id"]),
            outlets.get(row["origin_outlet_id"]),
            row["origin_kind"],
        )
        for row in db.query("select id, origin_article_id, origin_outlet_id, origin_kind from quotes")
    }


def snapshot(path: Path) -> dict[str, list[tuple]]:
    """Every row of the content tables, sorted."""
    conn = sqlite3.connect(path)
    try:
        return {table: sorted(conn.execute(f"select * from {table}").fetchall(), key=repr) for table in CONTENT_TABLES}
    finally:
        conn.close()


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a (WAL-mode) database file."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def test_build_imports_every_page(sample: Sample) -> None:
    db, report, _ = sample
    assert (report.new, report.changed, report.unchanged, report.failed) == (14, 0, 0, 0)
    assert db["articles"].count == 14


@pytest.mark.parametrize("article", list(ARTICLES))
def test_article_outlet_and_time(sample: Sample, article: str) -> None:
    db, _, _ = sample
    row = next(db.query(
        "select articles.published, outlets.key from articles join outlets on outlets.id = articles.outlet_id "
        "where articles.url = ?",
        [URLS[article]],
    ))
    published = ARTICLES[article][3]
    assert row["key"] == ARTICLES[article][2]
    if len(published) == 10:
        assert row["published"] == published  # a date stays a date
    else:
        assert parse_time(row["published"]) == parse_time(published)


def test_outlets_have_their_registry_kinds(sample: Sample) -> None:
    db, _, _ = sample
    rows = {row["key"]: (row["name"], row["kind"]) for row in db.query("select key, name, kind from outlets")}
    assert rows == {key: (name, kind) for key, (name, kind, _) in OUTLETS.items()}


def test_seven_clusters_with_canonical_wording_and_speaker(sample: Sample) -> None:
    db, _, _ = sample
    quotes = quote_ids(db)
    assert sorted(quotes.values()) == sorted(QUOTES)
    for row in db.query("select id, text, speaker from quotes"):
        canonical, speaker, _ = QUOTES[quotes[row["id"]]]
        assert normalize(row["text"]) == normalize(canonical)
        assert row["speaker"] == speaker


def test_cluster_origins(sample: Sample) -> None:
    db, _, _ = sample
    assert origin_facts(db) == ORIGINS


def test_cluster_counts(sample: Sample) -> None:
    db, _, _ = sample
    quotes = quote_ids(db)
    expected = {}
    for quote in QUOTES:
        carriers = [article for article, printed in PRINTED.items() if quote in printed]
        expected[quote] = (len(carriers), len({ARTICLES[article][2] for article in carriers}))
    found = {
        quotes[row["id"]]: (row["article_count"], row["outlet_count"])
        for row in db.query("select id, article_count, outlet_count from quotes")
    }
    assert found == expected


def test_occurrences_per_article(sample: Sample) -> None:
    db, _, _ = sample
    found = occurrences(db)
    assert set(found) == {(article, quote) for article, printed in PRINTED.items() for quote in printed}
    for (article, quote), row in found.items():
        printed = PRINTED[article][quote]
        wording = " ".join(printed) if isinstance(printed, tuple) else printed
        assert normalize(row["text"]) == normalize(wording), (article, quote)
        assert row["kind"] == ("fragment" if (article, quote) in FRAGMENTS else "speech"), (article, quote)


def test_occurrence_speakers(sample: Sample) -> None:
    db, _, _ = sample
    found = {key: row["speaker_name"] for key, row in occurrences(db).items() if key not in FRAGMENTS}
    assert found == {key: QUOTES[key[1]][1] for key in found}


def test_every_tracked_quotation_is_clustered(sample: Sample) -> None:
    db, _, _ = sample
    rows = list(db.query("select text, kind from quote_occurrences where quote_id is null"))
    assert [row["text"] for row in rows if row["kind"] in ("speech", "fragment", "document")] == []


@pytest.mark.parametrize("article", list(LINEAGE))
def test_lineage_of_each_occurrence(sample: Sample, article: str) -> None:
    db, _, _ = sample
    facts = lineage_facts(db)
    assert {quote: facts.get((article, quote)) for quote in LINEAGE[article]} == LINEAGE[article]


def test_lineage_covers_every_occurrence_and_names_source_outlets(sample: Sample) -> None:
    db, _, _ = sample
    assert lineage_facts(db) == expected_lineage()
    mismatched = list(db.query(
        "select lineage.occurrence_id from lineage join articles on articles.id = lineage.source_article_id "
        "where lineage.source_outlet_id is not articles.outlet_id"
    ))
    assert mismatched == []


def test_credits_are_exactly_the_truth(sample: Sample) -> None:
    db, _, _ = sample
    letters = {v: k for k, v in article_ids(db).items()}
    outlets = outlet_keys(db)
    quotes = quote_ids(db)
    covered: dict[int, set[str]] = {}
    for row in db.query(
        "select credit_occurrences.credit_id, quote_occurrences.quote_id from credit_occurrences "
        "join quote_occurrences on quote_occurrences.id = credit_occurrences.occurrence_id"
    ):
        covered.setdefault(row["credit_id"], set()).add(quotes[row["quote_id"]])
    found = set()
    for row in db.query("select * from credits"):
        scope = row["scope"]
        found.add((
            letters[row["article_id"]],
            outlets[row["outlet_id"]],
            row["kind"],
            scope,
            outlets.get(row["via_outlet_id"]),
            tuple(sorted(covered.get(row["id"], ()))) if scope == "quote" else (),
        ))
        assert row["is_copy"] == (row["kind"] in COPY_KINDS)
        if row["kind"] == "link":
            assert row["url"] == URLS["A1"]
    assert found == CREDITS


def test_reuse_only_for_the_wire_reprints(sample: Sample) -> None:
    db, _, _ = sample
    letters = {v: k for k, v in article_ids(db).items()}
    found = {
        (letters[row["article_id"]], letters[row["source_article_id"]]): row["verdict"]
        for row in db.query("select * from article_reuse where verdict != 'none'")
    }
    assert found == REUSE


def test_importing_twice_adds_nothing(sample: Sample, tmp_path: Path) -> None:
    _, _, path = sample
    again = tmp_path / "again.db"
    copy_database(path, again)
    before = snapshot(again)
    report = build(again)
    assert (report.new, report.changed, report.unchanged, report.failed) == (0, 0, 14, 0)
    assert snapshot(again) == before


ORDERS = {
    "chronological": sorted(ARTICLES, key=lambda article: ARTICLES[article][3]),
    "reverse chronological": sorted(ARTICLES, key=lambda article: ARTICLES[article][3], reverse=True),
    "copies before originals": ["A6", "A4", "A3", "A14", "A13", "A12", "A10", "A8", "A5", "A7", "A11", "A2", "A9", "A1"],
}


@pytest.mark.parametrize("name", list(ORDERS))
def test_lineage_does_not_depend_on_import_order(sample: Sample, tmp_path: Path, name: str) -> None:
    db, _, _ = sample
    other_path = tmp_path / "other.db"
    report = build(other_path, manifest_indexes(ORDERS[name]))
    assert report.new == 14
    other = sqlite_utils.Database(other_path)
    assert lineage_facts(other) == lineage_facts(db) == expected_lineage()
    assert origin_facts(other) == origin_facts(db) == ORIGINS


def test_late_originals_rewrite_lineage_incrementally(tmp_path: Path) -> None:
    path = tmp_path / "incremental.db"
    first = build(path, manifest_indexes(["A6", "A5", "A4", "A3", "A14", "A13", "A12", "A10", "A11"]))
    assert first.new == 9
    second = build(path)  # the whole manifest: the other five arrive last, A9 (which A14 copies) among them
    assert (second.new, second.unchanged) == (5, 9)
    db = sqlite_utils.Database(path)
    assert lineage_facts(db) == expected_lineage()
    assert origin_facts(db) == ORIGINS
