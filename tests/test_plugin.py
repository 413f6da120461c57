"""The Datasette plugin's pages on a small fictional story: quote, outlet, article, timeline."""

from __future__ import annotations

import asyncio
import re
import sqlite3
from pathlib import Path
import urllib.parse

import pytest
import sqlite_utils

from db import ensure_db_shape
from provenance.web.drift import describe_change, diff_words, render_drift
from provenance.web.formatting import format_time
from provenance.web.sql import parse_row_id
from provenance.web.svg_graph import GraphEdge, GraphNode, group_times, layout_graph
from provenance.web.timeline import TimelineFilters, load_timeline
from tests.served import served_metadata

Q1 = "We will not sell the ferry line to anyone who cannot keep the night crossings running."
Q1_ALTERED = "We won't sell the ferry line to anyone who can't keep the night crossings running."
Q2 = "The crossings lose money every winter and the council has known it for years."
UNTRACED = "The harbour wall will need another repair before the spring storms arrive."

OUTLETS = [
    {"id": 1, "key": "islandledger", "name": "The Island Ledger", "domain": "islandledger.example", "kind": "newspaper"},
    {"id": 2, "key": "tidewire", "name": "Tide Wire", "domain": "tidewire.example", "kind": "wire"},
    {"id": 3, "key": "harbourpost", "name": "Harbour Post", "domain": "harbourpost.example", "kind": "newspaper"},
    {"id": 4, "key": "clickferry", "name": "ClickFerry", "domain": "clickferry.example", "kind": "aggregator"},
    {"id": 5, "key": "ferrynotes", "name": "Ferry Notes", "domain": "ferrynotes.example", "kind": "blog"},
    {"id": 6, "key": "gullmonitor", "name": "Gull Monitor", "domain": "gullmonitor.example", "kind": "newspaper"},
    {"id": 7, "key": "straitstimes", "name": "Straits Evening", "domain": "straitsevening.example", "kind": "newspaper"},
]
ARTICLES = [
    (1, 1, "2026-03-02T06:00:00Z", "Ferry chief rules out quick sale"),
    (2, 2, "2026-03-02T08:30:00Z", "Ferry line sale faces conditions, chief says"),
    (3, 3, "2026-03-02T09:15:00Z", "Ferry line sale faces conditions, chief says"),
    (4, 4, "2026-03-02T11:20:00Z", "You won't believe what the ferry boss said"),
    (5, 5, "2026-03-02", "Notes on the ferry sale"),
    (6, 7, "2026-03-02T14:00:00Z", "Night crossings in doubt"),
]
# (occurrence id, quote id, article id, text, speaker, evidence, source article, source outlet, confidence, depth)
OCCURRENCES = [
    (1, 1, 1, Q1, "Mara Quill", "origin", None, None, 1.0, 0),
    (2, 1, 2, Q1, "Mara Quill", "credit", 1, 1, 0.95, 1),
    (3, 2, 2, Q2, "Mara Quill", "origin", None, None, 1.0, 0),
    (4, 1, 3, Q1, "Mara Quill", "credit", 2, 2, 0.9, 2),
    (5, 2, 3, Q2, "Mara Quill", "credit", 2, 2, 0.9, 1),
    (6, 1, 4, Q1_ALTERED, "Quill", "earlier", 3, 3, 0.35, 3),
    (7, 1, 5, Q1, "Mara Quill", "link", 1, 1, 0.85, 1),
    (8, 1, 6, Q1, "Mara Quill", "credit", None, 6, 0.8, 1),
]


def build_story_db(path: Path) -> Path:
    """A small fictional ferry story with every kind of lineage edge."""
    database = sqlite_utils.Database(path)
    ensure_db_shape(database)
    database["outlets"].insert_all(dict(outlet, in_registry=1) for outlet in OUTLETS)
    for article_id, outlet_id, time_key, title in ARTICLES:
        database["articles"].insert(
            {
                "id": article_id,
                "url": f"https://{OUTLETS[outlet_id - 1]['domain']}/ferry-{article_id}",
                "outlet_id": outlet_id,
                "title": title,
                "published": time_key,
                "first_seen": "2026-03-02T18:00:00Z",
                "time_key": time_key,
                "text": f"Article {article_id} about the ferry line.",
                "word_count": 6,
            }
        )
    database["quotes"].insert_all(
        [
            {"id": 1, "text": Q1, "speaker": "Mara Quill", "first_seen": "2026-03-02T06:00:00Z",
             "article_count": 6, "outlet_count": 6, "variant_count": 1, "origin_outlet_id": 1,
             "origin_article_id": 1, "origin_kind": "exclusive",
             "origin_reason": "only The Island Ledger printed it before anyone credited it"},
            {"id": 2, "text": Q2, "speaker": "Mara Quill", "first_seen": "2026-03-02T08:30:00Z",
             "article_count": 2, "outlet_count": 2, "variant_count": 0, "origin_outlet_id": 2,
             "origin_article_id": 2, "origin_kind": "wire", "origin_reason": "wire copy reprinted"},
        ]
    )
    for occ_id, quote_id, article_id, text, speaker, evidence, src_article, src_outlet, confidence, depth in OCCURRENCES:
        database["quote_occurrences"].insert(
            {"id": occ_id, "quote_id": quote_id, "article_id": article_id, "text": text,
             "normalized": text.lower(), "speaker": speaker, "speaker_name": "Mara Quill",
             "cue": "said", "kind": "speech", "start": occ_id * 10, "end": occ_id * 10 + len(text),
             "is_canonical": int(text in (Q1, Q2))}
        )
        database["lineage"].insert(
            {"occurrence_id": occ_id, "quote_id": quote_id, "source_occurrence_id": None,
             "source_article_id": src_article, "source_outlet_id": src_outlet, "evidence": evidence,
             "confidence": confidence, "reason": f"{evidence} evidence for occurrence {occ_id}", "depth": depth}
        )
    database["people"].insert({"id": 1, "name": "Mara Quill", "kind": "person", "aliases": '["Mara Quill", "Quill"]'})
    # A quote not traced yet: no origin, no lineage rows.
    database["quotes"].insert({"id": 3, "text": UNTRACED, "speaker": None, "article_count": 1, "outlet_count": 1})
    database["quote_occurrences"].insert(
        {"id": 9, "quote_id": 3, "article_id": 6, "text": UNTRACED, "normalized": UNTRACED.lower(),
         "kind": "speech", "start": 500, "end": 500 + len(UNTRACED)}
    )
    database["credits"].insert_all(
        [
            {"id": 1, "article_id": 2, "outlet_id": 1, "kind": "told", "cue": "told", "sentence": "Quill told The Island Ledger.", "scope": "quote", "is_copy": 0},
            {"id": 2, "article_id": 3, "outlet_id": 2, "kind": "copyright", "cue": "Copyright 2026", "sentence": "Copyright 2026 Tide Wire", "scope": "story", "is_copy": 1},
            {"id": 3, "article_id": 3, "outlet_id": 1, "kind": "told", "cue": "told", "sentence": "Quill told The Island Ledger.", "scope": "quote", "is_copy": 0},
            {"id": 4, "article_id": 5, "outlet_id": 1, "kind": "link", "cue": "reported", "sentence": "The Ledger reported this morning.", "scope": "story", "is_copy": 0, "url": "https://islandledger.example/ferry-1"},
            {"id": 5, "article_id": 6, "outlet_id": 6, "kind": "according_to", "cue": "according to", "sentence": "according to the Gull Monitor", "scope": "story", "is_copy": 0},
        ]
    )
    database["article_reuse"].insert_all(
        [
            {"article_id": 3, "source_article_id": 2, "containment": 0.97, "verdict": "wholly", "shared_sentences": 9},
            {"article_id": 4, "source_article_id": 2, "containment": 0.7, "verdict": "partially", "shared_sentences": 3},
        ]
    )
    database["crawl_urls"].insert_all(
        {"url": f"https://crawl.example/{article_id}", "story": story, "kind": "article", "state": "done",
         "found_at": "2026-03-02T18:00:00Z", "article_id": article_id}
        for article_id, story in [(1, "ferry-sale"), (2, "ferry-sale"), (3, "ferry-sale"), (4, "ferry-gossip")]
    )
    database.conn.commit()
    database.conn.close()
    return path


def fetch(db_path: Path, path: str, metadata: dict | None = None):
    """GET `path` from a fresh Datasette over `db_path` (read-only, metadata.yml unless given)."""
    from datasette.app import Datasette

    if metadata is None:
        metadata = served_metadata()

    async def run():
        datasette = Datasette([], immutables=[str(db_path)], metadata=metadata)
        return await datasette.client.get(path)

    return asyncio.run(run())


@pytest.fixture(scope="module")
def story_db(tmp_path_factory) -> Path:
    return build_story_db(tmp_path_factory.mktemp("story") / "story.db")


def text_of(html: str) -> str:
    """The visible text of an HTML fragment, whitespace collapsed."""
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    return re.sub(r" ([,.])", r"\1", text)


def warnings_of(db_path: Path, path: str, kind: str) -> list[str]:
    """The visible text of each warning of this kind a page puts above its form (`provenance-KIND`)."""
    html = fetch(db_path, path).text
    return [text_of(note) for note in re.findall(rf'<p class="message-warning provenance-{kind}">(.*?)</p>', html, re.S)]


def nodes_and_edges(html: str) -> tuple[dict[str, str], set[tuple[str, str, str]]]:
    """The lineage graph's nodes (key -> outlet) and edges (source, target, evidence)."""
    nodes = dict(re.findall(r'data-node="([^"]+)" data-outlet="([^"]*)"', html))
    edges = set(re.findall(r'data-source="([^"]+)" data-target="([^"]+)" data-evidence="([^"]+)"', html))
    return nodes, edges


def test_quote_page_draws_the_lineage_graph(story_db):
    response = fetch(story_db, "/story/-/quote/1")
    assert response.status_code == 200
    nodes, edges = nodes_and_edges(response.text)
    assert nodes == {
        "a1": "The Island Ledger",
        "a2": "Tide Wire",
        "a3": "Harbour Post",
        "a4": "ClickFerry",
        "a5": "Ferry Notes",
        "a6": "Straits Evening",
        "o6": "Gull Monitor",
    }
    assert edges == {
        ("a1", "a2", "credit"),
        ("a2", "a3", "credit"),
        ("a3", "a4", "earlier"),
        ("a1", "a5", "link"),
        ("o6", "a6", "credit"),
    }
    assert ">credit 0.95</text>" in response.text
    assert 'class="node node-origin" data-node="a1"' in response.text


def test_quote_page_states_the_origin_and_every_printing(story_db):
    html = fetch(story_db, "/story/-/quote/1").text
    statement = re.search(r'<p class="origin-statement">(.*?)</p>', html, re.S).group(1)
    assert text_of(statement) == (
        "Origin: The Island Ledger (newspaper), in Ferry chief rules out quick sale, 2026-03-02 06:00 UTC."
    )
    assert "an exclusive: one outlet had it first-hand" in html
    facts = text_of(re.search(r'<p class="quote-facts">(.*?)</p>', html, re.S).group(1))
    assert facts == (
        "Said by Mara Quill. Printed 6 times in 6 articles by 6 outlets, in 2 wordings. "
        "First seen 2026-03-02 06:00 UTC."
    )
    assert "Why: only The Island Ledger printed it before anyone credited it" in html
    assert html.count('<tr class="evidence-') == 6
    # in time order, article 5's date alone after every time of its day, as in the graph above
    assert re.findall(r'data-occurrence="(\d+)"', html) == ["1", "2", "4", "6", "8", "7"]
    assert (
        'We <del class="drift-removed">will not</del> <ins class="drift-added">won&#39;t</ins> sell the ferry line '
        'to anyone who <del class="drift-removed">cannot</del> <ins class="drift-added">can&#39;t</ins>'
    ) in html
    assert '<a href="https://islandledger.example/ferry-1" rel="nofollow noopener noreferrer" class="external">source page</a>' in html
    assert 'href="/story/quotes/1"' in html
    assert 'href="/story/lineage?quote_id=1"' in html
    assert "2026-03-02 (date only)" in html


def test_a_public_statement_names_its_first_printing_not_an_origin_and_one_label_everywhere(tmp_path):
    """Said at a rally or in a post, a quote starts with its speaker: the outlet only printed it first here."""
    path = build_story_db(tmp_path / "story.db")
    with sqlite3.connect(path) as conn:
        conn.execute(
            "update quotes set origin_kind = 'public_statement', origin_reason = ? where id = 2",
            ['public statement: said at a public occasion ("at a rally"), as article 2 (Tide Wire) says'],
        )
        conn.execute("update outlets set kind = 'unknown' where id = 2")
    with sqlite3.connect(path) as conn:
        conn.execute("pragma wal_checkpoint(truncate)")  # Datasette opens it immutable: no WAL read
    html = fetch(path, "/story/-/quote/2").text
    statement = re.search(r'<p class="origin-statement">(.*?)</p>', html, re.S).group(1)
    assert text_of(statement) == (
        "Said in public; first printed here by Tide Wire, in Ferry line sale faces conditions, chief says, "
        "2026-03-02 08:30 UTC."
    )
    kind = text_of(re.search(r'<p class="origin-kind">(.*?)</p>', html, re.S).group(1))
    assert kind.startswith("public statement This quote is a public statement: said in public")
    assert "the earliest printing found, not its source" in kind
    # an exclusive keeps its origin outlet
    assert "<strong>Origin: <a" in fetch(path, "/story/-/quote/1").text
    # the outlet page's list of quotes it had first uses the quote page's label
    wire = fetch(path, "/story/-/outlet/2").text
    originated = re.search(r'<section id="originated">(.*?)</section>', wire, re.S).group(1)
    assert "<small>· public statement · 2 articles · 2 outlets ·" in originated
    # the kind is set apart from the speaker's name before it, not read as part of it
    assert "Mara Quill · public statement · 2 articles" in text_of(originated)
    assert "public_statement" not in originated
    # an outlet of kind unknown is not printed as "(unknown)" beside its name, as on the quote page
    facts = text_of(re.search(r'<p class="article-facts">(.*?)</p>', fetch(path, "/story/-/article/2").text, re.S).group(1))
    assert facts.startswith("Tide Wire · 2026-03-02 08:30 UTC")


def test_a_first_hand_printing_says_how_sure_the_tracer_is_and_why(story_db):
    """A printing traced as the origin shows its confidence and reason, as every other printing does."""
    html = fetch(story_db, "/story/-/quote/2").text
    first = re.search(r'<tr class="evidence-origin" data-occurrence="3">(.*?)</tr>', html, re.S).group(1)
    taken_from = text_of(re.search(r'<td data-column="Taken from">(.*?)</td>', first, re.S).group(1)).replace(" :", ":")
    assert taken_from == "origin 1.00: printed first-hand origin evidence for occurrence 3"
    article = fetch(story_db, "/story/-/article/2").text
    quotes = re.search(r'<section id="quotes">(.*?)</section>', article, re.S).group(1)
    assert "<strong>origin</strong> 1.00: printed first-hand here" in quotes
    assert "origin evidence for occurrence 3" in quotes


def test_a_speaker_with_no_full_name_is_shown_once_not_again_as_printed(tmp_path):
    path = build_story_db(tmp_path / "story.db")
    with sqlite3.connect(path) as conn:
        conn.execute("update quote_occurrences set speaker = 'the ferry chief', speaker_name = null where id = 7")
        conn.execute("update quote_occurrences set speaker = 'Quill' where id = 6")
    with sqlite3.connect(path) as conn:
        conn.execute("pragma wal_checkpoint(truncate)")
    html = fetch(path, "/story/-/quote/1").text

    def speaker_cell(occurrence: int) -> str:
        row = re.search(rf'data-occurrence="{occurrence}">(.*?)</tr>', html, re.S).group(1)
        return text_of(re.search(r'<td data-column="Speaker">(.*?)</td>', row, re.S).group(1))

    assert speaker_cell(7) == "the ferry chief cue: said"
    assert speaker_cell(6) == "Mara Quill as printed: “ Quill ” cue: said"  # the name stands in <bdi>


def test_untraced_quote_says_so(story_db):
    html = fetch(story_db, "/story/-/quote/3").text
    assert "No origin outlet recorded." in html
    assert "not traced yet: run `provenance trace` to find the origin" in html
    nodes, edges = nodes_and_edges(html)
    assert (nodes, edges) == ({"a6": "Straits Evening"}, set())
    assert '<span class="muted">not traced</span>' in html


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/story/-/quote/1", 200),
        ("/story/-/quote/99", 404),
        ("/story/-/quote/abc", 404),
        ("/nosuchdb/-/quote/1", 404),
        ("/story/-/outlet/1", 200),
        ("/story/-/outlet/99", 404),
        ("/story/-/article/4", 200),
        ("/story/-/article/0", 404),
        ("/story/-/timeline", 200),
        ("/story/-/timeline?q=%22unbalanced&outlet=x&after=junk", 200),
        # ids past SQLite's 64-bit integers, or digits int() refuses ("²"), are not found, not a 500
        ("/story/-/quote/99999999999999999999999", 404),
        ("/story/-/outlet/99999999999999999999999", 404),
        ("/story/-/article/99999999999999999999999", 404),
        ("/story/-/quote/9223372036854775808", 404),
        ("/story/-/quote/~C2~B2", 404),  # Datasette redirects %C2%B2 here
        ("/story/-/timeline?quote=999999999999999999999", 200),
        ("/story/-/timeline?outlet=999999999999999999999", 200),
        ("/story/-/timeline?after=2026|999999999999999999999", 200),
        ("/story/-/timeline?quote=%C2%B2&outlet=%C2%B2", 200),
        ("/story/-/timeline?after=2026%7C%C2%B2", 200),
        ("/story?sql=select+%27%C2%B2%27+as+quote_id", 200),
        ("/-/provenance/numbers", 200),
        ("/-/provenance/provenance.css", 200),
    ],
)
def test_page_status(story_db, path, status):
    assert fetch(story_db, path).status_code == status


@pytest.mark.parametrize("path", ["/story/-/quote/1", "/story/-/timeline", "/story/uncredited_copies", "/story/quotes"])
def test_every_page_links_our_stylesheet_once(story_db, path):
    # Datasette's own pages take it too: it lays out the column descriptions above a view's rows.
    html = fetch(story_db, path).text
    assert html.count('href="/-/provenance/provenance.css"') == 1


@pytest.mark.parametrize(
    ("path", "table"),
    [("/story/-/quote", "quotes"), ("/story/-/outlet/", "outlets"), ("/story/-/article", "articles")],
)
def test_a_page_without_an_id_goes_to_its_table(story_db, path, table):
    response = fetch(story_db, path)
    assert response.status_code == 302
    assert response.headers["location"] == f"/story/{table}"
    assert fetch(story_db, "/nosuchdb/-/quote").status_code == 404


def test_pages_of_a_database_whose_name_datasette_tilde_encodes(story_db, tmp_path):
    # "news 2026.v2.db" is served as /news+2026~2Ev2: our routes must decode the name as Datasette does
    renamed = tmp_path / "news 2026.v2.db"
    renamed.write_bytes(story_db.read_bytes())
    quote_page = fetch(renamed, "/news+2026~2Ev2/-/quote/1")
    assert quote_page.status_code == 200
    links = set(re.findall(r'href="(/news\+2026~2Ev2/-/[^"]+)"', quote_page.text))
    assert {"/news+2026~2Ev2/-/outlet/1", "/news+2026~2Ev2/-/article/1"} <= links
    for path in sorted(links):
        assert fetch(renamed, path.replace("&amp;", "&")).status_code == 200, path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", 1),
        ("0042", 42),
        ("9223372036854775807", 2**63 - 1),
        ("9223372036854775808", None),
        ("99999999999999999999999", None),
        ("\u00b2", None),
        ("\u0663", None),  # Arabic-Indic three
        ("-1", None),
        (" 1", None),
        ("1\n", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_row_id_takes_ascii_digits_in_sqlite_range(text, expected):
    assert parse_row_id(text) == expected


def test_timeline_ignores_ids_it_cannot_use():
    filters = TimelineFilters.from_args({"quote": "\u00b2", "outlet": "9" * 30, "after": "2026-03-02|" + "9" * 30})
    assert (filters.quote, filters.outlet, filters.after) == (None, None, None)
    assert filters.unread == (("quote", "\u00b2"), ("outlet", "9" * 30))
    filters = TimelineFilters.from_args({"quote": "2", "outlet": "4", "after": "2026-03-02|7"})
    assert (filters.quote, filters.outlet, filters.after) == (2, 4, ("2026-03-02", 7))


def test_timeline_says_when_a_quote_or_outlet_filter_is_no_id(story_db):
    html = fetch(story_db, "/story/-/timeline?quote=Q1&outlet=<b>x").text
    assert ("<code>?quote=</code> takes the id of a quote, a whole number (the number in its page's address): "
            "“<bdi>Q1</bdi>” is none, so the timeline is not narrowed by it.") in html
    assert "<code>?outlet=</code> takes the id of an outlet" in html and "&lt;b&gt;x" in html and "<b>x" not in html
    assert html.count('<tr data-article="') == len(ARTICLES)  # every article: nothing narrowed it
    assert '<a href="/story/-/timeline">clear filters</a>' in html
    html = fetch(story_db, "/story/-/timeline?quote=1&outlet=").text
    assert "takes the id of" not in html  # a good id, and an empty box, say nothing


def test_timeline_drops_control_characters_from_typed_filters():
    filters = TimelineFilters.from_args({"q": "wire\x00 copy\x1b", "story": "\x00harbour\x7f"})
    assert (filters.q, filters.story) == ("wire copy", "harbour")


def test_timeline_page_echoes_no_nul_from_the_query_string(story_db):
    response = fetch(story_db, "/story/-/timeline?story=%00harbour&q=%00")
    assert response.status_code == 200
    assert "\x00" not in response.text
    assert 'value="harbour"' in response.text


def test_our_pages_send_a_strict_content_security_policy(story_db):
    response = fetch(story_db, "/story/-/quote/1")
    directives = dict(part.split(" ", 1) for part in response.headers["content-security-policy"].split("; "))
    assert re.fullmatch(r"'sha256-[A-Za-z0-9+/=]+'( 'sha256-[A-Za-z0-9+/=]+')*", directives.pop("script-src"))
    assert directives == {
        "default-src": "'none'", "style-src": "'self'", "img-src": "'self' data:", "connect-src": "'self'",
        "form-action": "'self'", "base-uri": "'none'", "frame-ancestors": "'none'",
    }
    # Datasette's own pages get an origin-only policy.
    table = dict(part.split(" ", 1) for part in fetch(story_db, "/story/quotes").headers["content-security-policy"].split("; "))
    assert (table["default-src"], table["object-src"], table["base-uri"], table["frame-ancestors"]) == (
        "'self'", "'none'", "'self'", "'none'",
    )


def test_outlet_page_credits_both_ways_and_uncredited_copies(story_db):
    ledger = fetch(story_db, "/story/-/outlet/1").text
    received = re.search(r'<section id="credits-received">(.*?)</section>', ledger, re.S).group(1)
    assert re.findall(r'<a href="/story/-/outlet/(\d+)">([^<]+)</a>', received) == [
        ("5", "Ferry Notes"), ("3", "Harbour Post"), ("2", "Tide Wire"),
    ]  # by articles, then credits, then name
    assert "It had no quote first." not in ledger
    click = fetch(story_db, "/story/-/outlet/4").text
    uncredited = re.search(r'<section id="uncredited">(.*?)</section>', click, re.S).group(1)
    assert 'href="/story/-/quote/1"' in uncredited
    assert '<a href="/story/-/outlet/3">Harbour Post</a>' in uncredited
    assert '<a href="/story/-/outlet/2">Tide Wire</a>' in uncredited  # partial reuse, no credit
    assert "0.70" in uncredited
    # Harbour Post reprints Tide Wire wholly but credits it: not listed as uncredited reuse.
    post = fetch(story_db, "/story/-/outlet/3").text
    assert "None found." in post
    assert "It had no quote first." in post
    given = re.search(r'<section id="credits-given">(.*?)</section>', post, re.S).group(1)
    assert re.findall(r'<td class="credit-kinds"[^>]*>([^<]*)</td>', given) == ["told (1)", "copyright (1)"]  # by name


def test_outlet_page_dates_one_article_once_and_a_span_from_first_to_last(story_db, tmp_path):
    def facts(path: str, db: Path = story_db) -> str:
        return text_of(re.search(r'<p class="outlet-facts">(.*?)</p>', fetch(db, path).text, re.S).group(1))

    assert facts("/story/-/outlet/1").endswith("1 article crawled, dated 2026-03-02 06:00 UTC.")
    spread = build_story_db(tmp_path / "story.db")
    with sqlite3.connect(spread) as conn:
        conn.execute("update articles set outlet_id = 1 where id = 6")
    with sqlite3.connect(spread) as conn:
        conn.execute("pragma wal_checkpoint(truncate)")
    assert facts("/story/-/outlet/1", spread).endswith(
        "2 articles crawled, from 2026-03-02 06:00 UTC to 2026-03-02 14:00 UTC."
    )


def test_an_outlet_never_crawled_says_so_instead_of_empty_sections(story_db):
    html = fetch(story_db, "/story/-/outlet/6").text  # Gull Monitor: credited by article 6, never crawled
    page = text_of(html)
    assert "0 articles crawled. Not crawled: none of its articles is here. It is known from the articles" in page
    assert "No article of it is here to credit anyone." in page and "Its articles credit no other outlet" not in page
    assert text_of(html.split('<section id="articles">', 1)[1].split("</section>", 1)[0]) == "Latest articles None crawled."
    crawled = text_of(fetch(story_db, "/story/-/outlet/1").text)
    assert "Not crawled" not in crawled and "None crawled." not in crawled


def test_an_origin_outlet_never_crawled_is_not_said_to_have_printed_it_here(tmp_path):
    """A public statement first carried by a wire known only from the credits: no article of it is here."""
    path = build_story_db(tmp_path / "story.db")
    with sqlite3.connect(path) as conn:
        conn.execute("update quotes set origin_kind = 'public_statement', origin_outlet_id = 6, origin_article_id = null"
                     " where id = 2")  # Gull Monitor, credited by article 6, has no article
        conn.execute("update quotes set origin_outlet_id = 6, origin_article_id = null where id = 1")
        conn.execute("update lineage set evidence = 'origin', source_article_id = null, source_outlet_id = null,"
                     " depth = 0 where occurrence_id = 5")  # Harbour Post printed Q2 first-hand
    with sqlite3.connect(path) as conn:
        conn.execute("pragma wal_checkpoint(truncate)")

    def statement(quote_id: int) -> str:
        html = fetch(path, f"/story/-/quote/{quote_id}").text
        return text_of(re.search(r'<p class="origin-statement">(.*?)</p>', html, re.S).group(1))

    assert statement(2) == ("Said in public; first carried by Gull Monitor (newspaper), which was not crawled: "
                            "no article of it is here, only the articles that credit or link it.")
    assert statement(1) == ("Origin: Gull Monitor (newspaper), which was not crawled: "
                            "no article of it is here, only the articles that credit or link it.")
    also = text_of(fetch(path, "/story/-/outlet/3").text.split('<h3 id="also-first-hand">', 1)[1])
    assert "· first carried (not crawled) by Gull Monitor" in also and "first printed here" not in also


def test_outlet_page_lists_what_it_printed_first_hand_of_quotes_another_outlet_printed_first(tmp_path):
    """Heard at the same news conference, a quote is first-hand in each outlet, but only one is its origin."""
    path = build_story_db(tmp_path / "story.db")
    with sqlite3.connect(path) as conn:
        conn.execute("update quotes set origin_kind = 'public_statement' where id = 2")
        conn.execute("update lineage set evidence = 'origin', source_article_id = null, source_outlet_id = null,"
                     " depth = 0 where occurrence_id = 5")  # Harbour Post heard Q2 too
    with sqlite3.connect(path) as conn:
        conn.execute("pragma wal_checkpoint(truncate)")
    post = fetch(path, "/story/-/outlet/3").text
    originated = re.search(r'<section id="originated">(.*?)</section>', post, re.S).group(1)
    assert "It had no quote first." in originated
    also = text_of(originated.split('<h3 id="also-first-hand">', 1)[1])
    assert f"“ {Q2} ” — Mara Quill · public statement · in its article, 2026-03-02 09:15 UTC · first printed here by Tide Wire" in also
    assert 'href="/story/-/article/3">its article</a>' in originated
    # the origin's own outlet lists it among the quotes it had first, not again here
    wire = fetch(path, "/story/-/outlet/2").text
    assert 'id="also-first-hand"' not in wire and 'href="/story/-/quote/2"' in wire


def test_outlet_page_gives_each_crediting_outlet_one_row_naming_every_way_it_credits(tmp_path):
    """An outlet credited as "told" in one sentence and "according to" in another is one row, not two."""
    path = build_story_db(tmp_path / "story.db")
    with sqlite3.connect(path) as conn:
        conn.executemany(
            "insert into credits (id, article_id, outlet_id, kind, cue, sentence, scope, is_copy) values (?, ?, 1, ?, ?, ?, 'story', 0)",
            [(6, 3, "according_to", "according to", "according to The Island Ledger"),
             (7, 2, "according_to", "according to", "according to the Ledger")],
        )
    with sqlite3.connect(path) as conn:
        conn.execute("pragma wal_checkpoint(truncate)")
    ledger = fetch(path, "/story/-/outlet/1").text
    received = re.search(r'<section id="credits-received">(.*?)</section>', ledger, re.S).group(1)
    rows = [text_of(row) for row in re.findall(r"<tr>(.*?)</tr>", received.split("<tbody>", 1)[1], re.S)]
    assert rows == [
        "Harbour Post newspaper according_to (1), told (1) 1 2",  # one article crediting it twice
        "Tide Wire wire according_to (1), told (1) 1 2",
        "Ferry Notes blog link (1) 1 1",
    ]
    post = fetch(path, "/story/-/outlet/3").text
    given = re.search(r'<section id="credits-given">(.*?)</section>', post, re.S).group(1)
    assert "<th>How (articles)</th>" in given
    assert re.findall(r'<td class="credit-kinds"[^>]*>([^<]*)</td>', given) == ["according_to (1), told (1)", "copyright (1)"]


def test_timeline_orders_articles_and_marks_first_prints(story_db):
    html = fetch(story_db, "/story/-/timeline").text
    # article 5 is dated without a time: after the timed articles of its day, as on the quote page
    assert re.findall(r'<tr data-article="(\d+)">', html) == ["1", "2", "3", "4", "6", "5"]
    assert html.count('class="badge badge-first"') == 2
    assert 'class="dot dot-date-only"' in html
    only_wire = fetch(story_db, "/story/-/timeline?quote=2").text
    assert re.findall(r'<tr data-article="(\d+)">', only_wire) == ["2", "3"]
    outlet = fetch(story_db, "/story/-/timeline?outlet=4").text
    assert re.findall(r'<tr data-article="(\d+)">', outlet) == ["4"]
    story = fetch(story_db, "/story/-/timeline?story=ferry-sale").text
    assert re.findall(r'<tr data-article="(\d+)">', story) == ["1", "2", "3"]
    assert '<strong>ferry-sale</strong> <small>(3)</small>' in story
    assert '<a href="?story=ferry-gossip">ferry-gossip</a> <small>(1)</small>' in story


def test_timeline_says_where_each_printing_took_its_quote_from(story_db):
    html = fetch(story_db, "/story/-/timeline").text

    def steps(article_id: int) -> list[str]:
        row = html.split(f'<tr data-article="{article_id}">', 1)[1].split("</tr>", 1)[0]
        return [re.sub(r"<[^>]+>", "", step).strip() for step in re.findall(r'<small class="step">(.*?)</small>', row)]

    assert steps(1) == ["· first-hand 1.00"]
    assert steps(3) == ["· credit 0.90 from Tide Wire", "· credit 0.90 from Tide Wire"]
    assert steps(4) == ["· earlier 0.35 from Harbour Post"]
    assert steps(6) == ["· credit 0.80 from Gull Monitor"]  # a credited outlet never crawled: no article, still named
    assert '· <span class="evidence evidence-link">link</span> 0.85 from <a href="/story/-/outlet/1">The Island Ledger</a>' in html
    row = html.split('<tr data-article="6">', 1)[1].split("</tr>", 1)[0]
    assert row.count('class="step"') == 1  # the untraced quote beside it says nothing it does not know


def test_timeline_says_what_its_filters_name_even_when_nothing_matches(story_db):
    def notes(path: str) -> str:
        html = fetch(story_db, path).text
        notes = html[html.index("</form>") : html.index('<section id="articles">')]
        return " ".join(re.sub(r"<[^>]+>", "", notes).split())

    assert "There is no quote 999 in this database." in notes("/story/-/timeline?quote=999")
    assert "There is no outlet 999 in this database." in notes("/story/-/timeline?outlet=999")
    # quote 2 exists but no article matching the search carries it: the filter is still named
    assert f"Only articles carrying “{Q2}”" in notes("/story/-/timeline?quote=2&q=zebra")
    assert f"Only articles carrying “{Q2}”" in notes("/story/-/timeline?quote=2&q=%22")  # a search that fails
    outlet = fetch(story_db, "/story/-/timeline?outlet=4").text
    assert 'Only articles by <a href="/story/-/outlet/4">ClickFerry</a>.' in outlet
    assert "Only articles of the crawl's story ferry-sale." in notes("/story/-/timeline?story=ferry-sale")
    # the words searched for are restated, as every other filter is, and escaped
    assert "Only articles whose title or text holds the words “zebra <b>”." not in notes("/story/-/timeline?q=zebra+%3Cb%3E")
    assert "Only articles whose title or text holds the words “zebra &lt;b&gt;”." in notes("/story/-/timeline?q=zebra+%3Cb%3E")
    assert "holds the words" not in notes("/story/-/timeline?outlet=4")


def build_days_db(path: Path) -> list[int]:
    """Articles over three days, dates alone among times of the same day; their ids in timeline order."""
    database = sqlite_utils.Database(path)
    ensure_db_shape(database)
    database["outlets"].insert({"id": 1, "key": "gull", "name": "Gull", "kind": "newspaper", "in_registry": 1})
    times = []
    for day in ("2026-03-01", "2026-03-02", "2026-03-03"):
        times += [day] * 45  # date-only articles, imported before the timed ones
        times += [f"{day}T{hour:02d}:{minute:02d}:00Z" for hour in (0, 9, 23) for minute in (0, 30)] * 5
    for article_id, time_key in enumerate(times, start=1):
        database["articles"].insert(
            {"id": article_id, "url": f"https://gull.example/{article_id}", "outlet_id": 1, "title": f"A{article_id}",
             "first_seen": "2026-03-04T00:00:00Z", "time_key": time_key, "text": "Text.", "word_count": 1}
        )
    database.conn.commit()
    database.conn.close()
    return [article_id for _key, article_id in sorted(
        ((time_key[:10], len(time_key) == 10, time_key), article_id) for article_id, time_key in enumerate(times, start=1)
    )]


def test_timeline_pages_through_dates_and_times_without_gaps_or_repeats(tmp_path):
    expected = build_days_db(tmp_path / "days.db")
    seen, path, pages = [], "/days/-/timeline", 0
    while path:
        html = fetch(tmp_path / "days.db", path).text
        seen += [int(article_id) for article_id in re.findall(r'<tr data-article="(\d+)">', html)]
        after = re.search(r'href="(\?[^"]*after=[^"]+)"', html)
        path = "/days/-/timeline" + after.group(1).replace("&amp;", "&") if after else None
        pages += 1
    assert pages == 3 and len(expected) == 225
    assert seen == expected


def test_timeline_orders_and_pages_through_the_time_order_index(tmp_path):
    build_days_db(tmp_path / "days.db")
    conn = sqlite3.connect(tmp_path / "days.db")
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    load_timeline(conn, TimelineFilters(after=("2026-03-02", 100)))
    load_timeline(conn, TimelineFilters())
    conn.set_trace_callback(None)
    for sql in [statement for statement in statements if statement.startswith("select a.id, a.title")]:
        plan = " | ".join(row[3] for row in conn.execute("explain query plan " + sql))
        assert "idx_articles_time_order" in plan and "TEMP B-TREE" not in plan, plan
    after = next(statement for statement in statements if statement.startswith("select a.id, a.title") and ">=" in statement)
    # the next page starts by seeking in the index, not by scanning it from the first article
    assert "SEARCH a USING INDEX idx_articles_time_order" in " ".join(
        row[3] for row in conn.execute("explain query plan " + after)
    )


def test_article_page_lists_sources_and_credits(story_db):
    html = fetch(story_db, "/story/-/article/3").text
    assert "Copyright 2026 Tide Wire" in html
    assert "(its copy)" in html
    assert "reuses text of" in html
    assert 'href="/story/-/quote/2"' in html


def test_article_page_says_whether_each_reuse_credits_the_outlet_reused(story_db, tmp_path):
    def credited(path: str, db: Path = story_db) -> dict[str, str]:
        section = fetch(db, path).text.split('<section id="reuse">', 1)[1].split("</section>", 1)[0]
        return {article: text_of(cell) for article, cell in re.findall(
            r'href="/story/-/article/(\d+)">.*?<td class="credited-\w+"[^>]*>(.*?)</td>', section, re.S)}

    # Tide Wire's copy: Harbour Post reprints it under its copyright line, ClickFerry rewrites it crediting no one
    assert credited("/story/-/article/2") == {"3": "credits it", "4": "no credit"}
    assert credited("/story/-/article/4") == {"2": "no credit"}
    assert credited("/story/-/article/3") == {"2": "credits it"}
    same = build_story_db(tmp_path / "story.db")
    with sqlite3.connect(same) as conn:
        conn.execute("update articles set outlet_id = 2 where id = 4")  # a wire reusing its own earlier copy
    with sqlite3.connect(same) as conn:
        conn.execute("pragma wal_checkpoint(truncate)")
    assert credited("/story/-/article/4", same) == {"2": "its own outlet"}


def test_article_page_prints_a_reason_shared_by_its_quotes_once(tmp_path):
    path = build_story_db(tmp_path / "story.db")
    shared = "A wire copy of Tide Wire's story: it reprints most of its wording."
    with sqlite3.connect(path) as conn:
        conn.execute("update lineage set reason = ? where occurrence_id in (4, 5)", [shared])
    with sqlite3.connect(path) as conn:
        conn.execute("pragma wal_checkpoint(truncate)")  # Datasette opens it immutable: no WAL read
    html = fetch(path, "/story/-/article/3").text
    assert html.count("wire copy of Tide Wire&#39;s story") == 1
    assert "the same reason as above" in html


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        # foreign keys keep their label and gain our page
        ("/story/quote_occurrences", '<a class="provenance-link" href="/story/-/quote/1">'),
        ("/story/lineage", '<a class="provenance-link" href="/story/-/outlet/6">Gull Monitor</a>'),
        ("/story/articles", '<a class="provenance-link" href="/story/-/article/1">Ferry chief rules out quick sale</a>'),
        ("/story/quotes", f'<a class="provenance-link" href="/story/-/quote/2">{Q2}</a>'),
        ("/story/outlets", '<a class="provenance-link" href="/story/-/outlet/4">ClickFerry</a>'),
        # plain ids in a custom query
        ("/story?sql=select+quote_id,+source_article_id+from+lineage+where+occurrence_id=2",
         '<a class="provenance-link" href="/story/-/article/1">1</a>'),
        ("/story/who_credits_whom", '<a class="provenance-link" href="/story/-/outlet/6">6</a>'),
        # a person's name lists the person's quotes
        ("/story/people", '<a class="provenance-link" href="/story/quotes?person_id=1" title="every quote of this person">Mara Quill</a>'),
    ],
)
def test_cells_link_to_our_pages(story_db, path, expected):
    assert expected in fetch(story_db, path).text


def test_outlet_names_in_canned_queries_link_to_the_outlet_pages(story_db):
    html = fetch(story_db, "/story/trace_quote?words=night+crossings").text
    cells = re.findall(r'<td class="col-(origin_outlet|outlet|taken_from_outlet)">(.*?)</td>', html)
    assert len(cells) == 3 * 6  # Q1's six printings
    for column, cell in cells:
        assert cell == "&nbsp;" or cell.startswith('<a class="provenance-link" href="/story/-/outlet/'), (column, cell)
    # The Island Ledger (1) had it first-hand; Straits Evening (7) took it from Gull Monitor (6), which has no article here
    assert '<td class="col-origin_outlet"><a class="provenance-link" href="/story/-/outlet/1">The Island Ledger</a></td>' in html
    assert '<td class="col-outlet"><a class="provenance-link" href="/story/-/outlet/7">Straits Evening</a></td>' in html
    assert '<td class="col-taken_from_outlet"><a class="provenance-link" href="/story/-/outlet/6">Gull Monitor</a></td>' in html


def test_an_outlet_name_two_outlets_share_or_no_outlet_has_stays_text(story_db, tmp_path):
    path = tmp_path / "twins.db"
    path.write_bytes(story_db.read_bytes())
    with sqlite3.connect(path) as conn:
        conn.execute("insert into outlets (id, key, name, domain, kind) values "
                     "(8, 'gullmonitor2', 'Gull Monitor', 'gull2.example', 'newspaper')")
    with sqlite3.connect(path) as conn:
        conn.execute("pragma wal_checkpoint(truncate)")  # Datasette opens it immutable: no WAL read
    sql = "select 'Gull Monitor' as source_outlet, 'Tide Wire' as outlet, 'Tide Wire' as wire, 'Sea Post' as hop_outlet"
    html = fetch(path, "/twins?" + urllib.parse.urlencode({"sql": sql})).text
    assert '<td class="col-source_outlet">Gull Monitor</td>' in html
    assert '<td class="col-outlet"><a class="provenance-link" href="/twins/-/outlet/2">Tide Wire</a></td>' in html
    assert '<td class="col-wire">Tide Wire</td>' in html  # a column that names no outlet
    assert '<td class="col-hop_outlet">Sea Post</td>' in html


def test_cells_build_the_urls_of_a_database_once_not_once_per_cell(story_db, tmp_path, monkeypatch):
    """A page of 1,000 rows renders 7,000 cells: building the database's URLs for each was half its time."""
    from provenance.web import cells

    built = []
    original = cells.PageUrls

    def counting(datasette, database):
        built.append(database)
        return original(datasette, database)

    monkeypatch.setattr(cells, "PageUrls", counting)
    other = build_story_db(tmp_path / "other.db")
    from datasette.app import Datasette

    async def run():
        datasette = Datasette([], immutables=[str(story_db), str(other)],
                              metadata=served_metadata())
        pages = [await datasette.client.get(path) for path in ("/story/lineage", "/story/quote_occurrences", "/other/lineage")]
        return [page.text for page in pages]

    story_lineage, _, other_lineage = asyncio.run(run())
    assert sorted(built) == ["other", "story"]
    assert '<a class="provenance-link" href="/story/-/outlet/6">Gull Monitor</a>' in story_lineage
    assert '<a class="provenance-link" href="/other/-/outlet/6">Gull Monitor</a>' in other_lineage


def test_menu_links_to_the_timeline_and_the_numbers_page(story_db):
    html = fetch(story_db, "/").text
    assert '<li><a href="/story/-/timeline">Story timeline: story</a></li>' in html
    assert '<li><a href="/-/provenance/numbers">What the numbers mean</a></li>' in html


def test_robots_blocked_by_plugin_setting(story_db, monkeypatch):
    monkeypatch.delenv("PROVENANCE_BLOCK_ROBOTS", raising=False)
    metadata = {"plugins": {"provenance": {"block_robots": True}}}
    robots = fetch(story_db, "/robots.txt", metadata)
    assert robots.text == "User-agent: *\nDisallow: /\n"
    page = fetch(story_db, "/story/-/quote/1", metadata)
    assert page.headers["x-robots-tag"] == "noindex, nofollow, noarchive"
    assert '<meta name="robots" content="noindex, nofollow, noarchive">' in page.text
    monkeypatch.setenv("PROVENANCE_BLOCK_ROBOTS", "0")
    assert fetch(story_db, "/robots.txt", metadata).text == "User-agent: *\nDisallow:\n"
    assert "x-robots-tag" not in fetch(story_db, "/story/quotes", metadata).headers


@pytest.mark.parametrize(
    ("canonical", "printed", "expected"),
    [
        ("We cannot keep pouring money.", "We cannot keep pouring money.", [("equal", "We cannot keep pouring money.")]),
        ("We cannot keep pouring money.", "we cannot keep pouring money", [("equal", "we cannot keep pouring money")]),
        (
            "loses two million dollars every month",
            "loses $2 million every month",
            [("equal", "loses"), ("delete", "two"), ("insert", "$2"), ("equal", "million"),
             ("delete", "dollars"), ("equal", "every month")],
        ),
        (
            "The existing lease is dead in the water.",
            "dead in the water",
            [("delete", "The existing lease is"), ("equal", "dead in the water")],
        ),
        (
            "the only honest option left on the table, and I will",
            "the only honest option left ... and I will",
            [("equal", "the only honest option left"), ("delete", "on the table,"), ("insert", "..."), ("equal", "and I will")],
        ),
        # ending in other words: as many canonical words are replaced, the rest cut
        (
            "The harbour dues are unfair. But I am working for you now.",
            "The harbour dues are unjust.",
            [("equal", "The harbour dues are"), ("delete", "unfair."), ("insert", "unjust."),
             ("delete", "But I am working for you now.")],
        ),
    ],
)
def test_diff_words(canonical, printed, expected):
    assert diff_words(canonical, printed) == expected


@pytest.mark.parametrize(
    ("canonical", "printed", "expected"),
    [
        ("The lease is dead in the water.", "The lease is dead in the water", "canonical wording"),
        ("The existing lease with the operator is dead in the water.", "dead in the water", "excerpt: 7 words cut"),
        ("We cannot keep pouring money every month.", "We can't keep pouring money every month.", "1 word changed"),
        ("The sale is the only option left on the table.", "the only option left ... on the table.", "1 word added, 3 cut"),
        # words before the canonical ones are added, not changed; a word replaced is one word changed
        ("He is the best recruiter they have.", "We must be careful, he is the finest recruiter they have.",
         "1 word changed, 4 added"),
        ("The ferry will run all winter long.", "The ferry will run winter long.", "1 word left out"),
        ("The ferry will run all winter long.", "The old ferry will not run all winter.", "2 words added, 1 cut"),
        ("The ferry will run all winter and all spring.", "The ferry might run all year and spring.", "2 words changed, 1 left out"),
        # words replaced at the start are changed, not cut: the printing does not begin later
        ("Somebody ought to sink the ferry plan for good.", "I'll sink the ferry plan for good.",
         "1 word changed, 2 left out"),
        # words replaced at the end are as many changed, the rest cut: the printing ends sooner
        ("The harbour dues are unfair. But I am working for you now.", "The harbour dues are unjust.",
         "1 word changed, 7 cut"),
    ],
)
def test_describe_change(canonical, printed, expected):
    assert describe_change(diff_words(canonical, printed)) == expected


def test_render_drift_strikes_words_replaced_at_the_start_not_as_a_cut():
    assert str(render_drift("Somebody ought to sink the plan.", "I'll sink the plan.")) == (
        '<del class="drift-removed">Somebody ought to</del> <ins class="drift-added">I&#39;ll</ins> sink the plan.'
    )


def test_render_drift_marks_excerpt_cuts_and_escapes():
    assert str(render_drift("The lease is dead in the water.", "dead in the water")) == (
        '<del class="drift-cut" title="cut: The lease is">…</del> dead in the water'
    )
    assert str(render_drift("say <b>", "say <img src=x onerror=alert(1)>")) == (
        'say <del class="drift-removed">&lt;b&gt;</del> '
        '<ins class="drift-added">&lt;img src=x onerror=alert(1)&gt;</ins>'
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-02T06:00:00Z", "2026-03-02 06:00 UTC"),
        ("2026-03-02", "2026-03-02 (date only)"),
        ("2026-03-02T06:00:00+02:00", "2026-03-02 06:00 +02:00"),
        (None, "time unknown"),
        ("yesterday", "yesterday"),
    ],
)
def test_format_time(value, expected):
    assert format_time(value) == expected


def test_layout_puts_uncrawled_sources_first_and_ties_in_one_row():
    nodes = [
        GraphNode("a1", "Ledger", time_key="2026-03-02T06:00:00Z"),
        GraphNode("a2", "Wire", time_key="2026-03-02T08:30:00Z"),
        GraphNode("a3", "Radio", time_key="2026-03-02T08:30:00Z"),
        GraphNode("o9", "Never crawled", time_key=None),
    ]
    edges = [GraphEdge("o9", "a1", "credit"), GraphEdge("a1", "a2", "credit"), GraphEdge("a1", "a3", "link")]
    layout = layout_graph(nodes, edges)
    ys = {key: position[1] for key, position in layout.positions.items()}
    assert ys["o9"] < ys["a1"] < ys["a2"] == ys["a3"]
    assert layout.positions["a2"][0] != layout.positions["a3"][0]
    assert [heading for _y, heading in layout.rows] == [
        "credited, article not here", "2026-03-02T06:00:00Z", "2026-03-02T08:30:00Z",
    ]
    # a source keeps its lane down to its last target's row, so its targets sit in other lanes
    lane_x = {key: position[0] for key, position in layout.positions.items()}
    assert lane_x["o9"] != lane_x["a1"]
    assert lane_x["a1"] not in (lane_x["a2"], lane_x["a3"])


def test_a_date_alone_sorts_after_the_times_of_its_day():
    assert group_times(["2026-03-02", "2026-03-02T06:00:00Z", "2026-03-01T23:00:00Z"]) == [
        ["2026-03-01T23:00:00Z"], ["2026-03-02T06:00:00Z"], ["2026-03-02"],
    ]


def test_group_times_keeps_order_within_the_column_limit():
    times = [f"2026-03-02T{hour:02d}:00:00Z" for hour in range(20)]
    groups = group_times(times, max_rows=6)
    assert len(groups) == 6
    assert [time for group in groups for time in group] == times


def test_quote_page_marks_printings_added_later_and_withdrawn(tmp_path):
    path = build_story_db(tmp_path / "story.db")
    database = sqlite_utils.Database(path)
    database.execute("update quote_occurrences set withdrawn_at = '2026-03-02T18:00:00Z' where id = 4")
    database.execute("update quote_occurrences set seen_at = '2026-03-02T16:00:00Z' where id = 8")
    database.conn.commit()
    database.conn.close()
    response = fetch(path, "/story/-/quote/1")
    assert response.status_code == 200
    rows = re.findall(r'<tr class="evidence-[^"]*" data-occurrence="(\d+)">(.*?)</tr>', response.text, re.S)
    cells = {int(occurrence): text_of(body) for occurrence, body in rows}
    assert "withdrawn 2026-03-02 18:00 UTC" in cells[4]
    assert "added in a later version" in cells[8] and "2026-03-02 16:00 UTC" in cells[8]
    assert "withdrawn" not in cells[2] and "added in a later version" not in cells[2]
    # ordered by when each printing was first seen: the one added at 16:00 comes last of the timed ones,
    # before article 5's date alone (occurrence 7), which follows every time of its day
    assert [int(occurrence) for occurrence, _ in rows][-2:] == [8, 7]


def test_numbers_page_states_the_confidence_each_evidence_gives(story_db, monkeypatch):
    page = text_of(fetch(story_db, "/-/provenance/numbers").text)
    assert "origin: 0.90 printed first-hand; 0.80 one of several outlets that heard a public statement" in page
    assert "credit: 0.95 the article is the outlet's copy" in page and "0.80 a credit for the whole story" in page
    assert "earlier: 0.60 the outlet's own earlier article, 0.45 another outlet's." in page
    assert "Stronger evidence gives higher confidence" not in page
    from provenance import lineage

    monkeypatch.setitem(lineage.CONFIDENCE, "earlier", 0.4)  # the page follows the tracer's figures
    assert "0.40 another outlet's." in text_of(fetch(story_db, "/-/provenance/numbers").text)


def test_numbers_page_states_the_reuse_thresholds_in_use(story_db):
    from provenance import reuse

    page = text_of(fetch(story_db, "/-/provenance/numbers").text)
    assert f"partially derived from a score of {reuse.describe_derived_threshold()}" in page
    assert reuse.describe_wholly_threshold() in page
    chance = (
        f"Against a source {reuse.SIZE_RATIO} or more times its length (a day's live blog against a brief), "
        f"which holds most of any short text's words by chance, an article is derived only when "
        f"{reuse.MIN_RUN_SHARE * 100:.0f} % of its words also stand in runs of {reuse.RUN_WORDS} words"
    )
    assert chance in page
    late = (
        f"Printed more than {reuse.LATE_DAYS} days after its source (copies come within a day or two; set phrases "
        f"recur for months), an article is derived only when it shares a whole sentence with it or "
        f"{reuse.MIN_RUN_SHARE * 100:.0f} % of its words stand in runs of {reuse.LATE_RUN_WORDS} words found there"
    )
    assert late in page
    # metadata.yml says the same in its column description
    verdict = served_metadata()["databases"]["provenance"]["tables"][
        "article_reuse"]["columns"]["verdict"]
    assert f"Against a source {reuse.SIZE_RATIO} or more times its length" in verdict
    assert f"{reuse.MIN_RUN_SHARE * 100:.0f} % of its words stand in runs of three words" in verdict
    assert reuse.RUN_WORDS == 3
    assert f"Printed more than {reuse.LATE_DAYS} days after its source, derived only when it shares a sentence" in verdict
    assert f"{reuse.MIN_RUN_SHARE * 100:.0f} % of its words stand in runs of twelve words" in verdict
    assert reuse.LATE_RUN_WORDS == 12


def test_lists_cut_at_their_limit_say_so_and_where_the_rest_is(tmp_path):
    from provenance.web import article_page, outlet_page

    path = build_story_db(tmp_path / "story.db")
    database = sqlite_utils.Database(path)
    many = outlet_page.MAX_ROWS + 1
    database["outlets"].insert_all(
        {"id": 100 + n, "key": f"credited{n}.example", "name": f"Credited Outlet {n}",
         "domain": f"credited{n}.example", "kind": "blog", "in_registry": 0}
        for n in range(many)
    )
    database["credits"].insert_all(
        {"article_id": 2, "outlet_id": 100 + n, "kind": "according_to", "cue": "according to",
         "sentence": f"according to Credited Outlet {n}", "scope": "story", "is_copy": 0}
        for n in range(many)
    )
    database["quote_occurrences"].insert_all(
        {"id": 1000 + n, "quote_id": 3, "article_id": 2, "text": f"line {n}", "normalized": f"line {n}",
         "kind": "speech", "start": 1000 + n, "end": 1004 + n}
        for n in range(article_page.MAX_ROWS + 1)
    )
    database.conn.commit()
    database.conn.close()  # the pages read the file as immutable: nothing may wait in the WAL
    outlet = fetch(path, "/story/-/outlet/2").text  # Tide Wire, whose article 2 credits them all
    given = re.search(r'<section id="credits-given">(.*?)</section>', outlet, re.S).group(1)
    assert given.count("Credited Outlet") == outlet_page.MAX_ROWS
    assert f"Showing the {outlet_page.MAX_ROWS} it credits in the most articles" in given
    article = fetch(path, "/story/-/article/2").text
    quotes = re.search(r'<section id="quotes">(.*?)</section>', article, re.S).group(1)
    assert quotes.count("“<bdi>") == article_page.MAX_ROWS
    assert f"Showing the first {article_page.MAX_ROWS}" in quotes
    assert 'href="/story/quote_occurrences?article_id=2"' in quotes
    credits = re.search(r'<section id="credits">(.*?)</section>', article, re.S).group(1)
    assert "Showing the first" not in credits  # 102 credits: under the article page's limit
    # a list exactly at the limit is whole: no note
    database = sqlite_utils.Database(path)
    database.execute("delete from quote_occurrences where article_id = 2 and id < ?", [1000 + 1])
    database.conn.commit()
    database.conn.close()
    assert "Showing the first" not in fetch(path, "/story/-/article/2").text


def tick_labels(svg: str) -> list[tuple[str, str]]:
    """The timeline chart's tick labels as (text-anchor, text)."""
    return re.findall(r'<text class="tick-label" x="[^"]+" y="[^"]+" text-anchor="([^"]+)">([^<]*)</text>', svg)


def test_timeline_chart_invents_no_hours_for_articles_dated_without_a_time():
    from provenance.web.svg_timeline import TimelineLane, TimelinePoint, render_timeline_svg

    def chart(*days: str) -> str:
        points = [TimelinePoint(day, n, "Gull Monitor", f"/a/{n}") for n, day in enumerate(days)]
        return str(render_timeline_svg([TimelineLane(1, "We will not sell", "/q/1", points)], title="t"))

    # two days of dates alone: one tick per day, at each day's dots, and no time of day on them
    assert [text for _anchor, text in tick_labels(chart("2015-11-25", "2015-11-26"))] == ["2015-11-25", "2015-11-26"]
    assert [text for _anchor, text in tick_labels(chart("2015-11-25", "2015-11-25"))] == ["2015-11-25"]
    # many days of dates alone: at most six ticks, each on a day
    labels = [text for _anchor, text in tick_labels(chart("2016-03-01", "2016-03-12", "2016-04-17"))]
    assert 2 < len(labels) <= 6 and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) for text in labels)
    assert labels[0] == "2016-03-01" and labels[-1] == "2016-04-17"
    # a time of day where the articles have one
    timed = tick_labels(chart("2026-03-02T06:00:00Z", "2026-03-02T18:00:00Z"))
    assert [text for _anchor, text in timed][0] == "03-02 06:00"


def test_timeline_chart_ends_its_axis_labels_inside_the_chart():
    from provenance.web.svg_timeline import TimelineLane, TimelinePoint, render_timeline_svg

    points = [TimelinePoint(f"2016-0{month}-01T12:00:00Z", month, "Bay Times", f"/a/{month}") for month in (3, 8)]
    svg = str(render_timeline_svg([TimelineLane(1, "We will not sell", "/q/1", points)], title="t"))
    anchors = [anchor for anchor, _text in tick_labels(svg)]
    # the last label sits at the right edge of the plot: centred on it, half of it was cut off
    assert anchors[-1] == "end" and set(anchors[1:-1]) == {"middle"}


def test_outlet_page_lists_the_quotes_it_had_first_that_spread_most(tmp_path):
    """Hundreds of quotes only the outlet printed must not bury the one everyone took from it."""
    from provenance.web import outlet_page

    path = build_story_db(tmp_path / "story.db")
    database = sqlite_utils.Database(path)
    many = outlet_page.MAX_ROWS + 20
    database["quotes"].insert_all(
        {"id": 100 + n, "text": f"Small remark number {n} about the ferry timetable.", "speaker": "Mara Quill",
         "first_seen": f"2026-02-{1 + n % 28:02d}T06:00:00Z", "article_count": 1, "outlet_count": 1,
         "variant_count": 0, "origin_outlet_id": 1, "origin_article_id": 1, "origin_kind": "exclusive"}
        for n in range(many)
    )
    database.conn.commit()
    database.conn.close()
    ledger = fetch(path, "/story/-/outlet/1").text
    originated = re.search(r'<section id="originated">(.*?)</section>', ledger, re.S).group(1)
    # quote 1 (6 outlets), printed after every small remark, comes first
    assert re.findall(r'href="/story/-/quote/(\d+)"', originated)[0] == "1"
    assert originated.count('href="/story/-/quote/') == outlet_page.MAX_ROWS
    assert "6 articles · 6 outlets" in originated
    assert "1 article · 1 outlet ·" in originated  # not "1 articles · 1 outlets"
    note = text_of(originated)
    assert f"Showing the {outlet_page.MAX_ROWS} printed by the most outlets of the {many + 1} it had first" in note


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Quay Daily", "Quay Daily"),
        ("Harbour Post and Evening Courier", "Harbour Post and Eve…"),  # 24 characters ran 2 px past the box
        ("NORTHERN ARCHIPELAGO BROADCASTING CORPORATION", "NORTHERN ARCHIPE…"),  # 24 ran 42 px past it
    ],
)
def test_node_labels_are_cut_to_the_width_of_their_box(name, expected):
    from provenance.web.svg_graph import LABEL_FONT_SIZE, NODE_WIDTH, shorten_to_width, text_width

    label = shorten_to_width(name, NODE_WIDTH - 20, LABEL_FONT_SIZE)
    assert label == expected
    assert text_width(label, LABEL_FONT_SIZE) <= NODE_WIDTH - 20


def test_a_row_holding_a_range_of_times_puts_it_on_two_lines():
    from provenance.web.svg_graph import render_heading

    single = str(render_heading(10, "2026-03-02 06:00 UTC"))
    assert "tspan" not in single and ">2026-03-02 06:00 UTC</text>" in single
    both = str(render_heading(10, "2026-03-02 06:00 UTC – 2026-03-02 (date only)"))
    assert re.findall(r"<tspan[^>]*>([^<]*)</tspan>", both) == ["2026-03-02 06:00 UTC –", "2026-03-02 (date only)"]


def test_timeline_of_one_quote_draws_its_lane_first(story_db):
    """?quote= (the quote page's 'Its timeline'): the other quotes of its articles come after it."""
    html = fetch(story_db, "/story/-/timeline?quote=2").text
    assert re.findall(r'<g class="lane" data-quote="(\d+)"', html) == ["2", "1"]
    assert re.findall(r'<g class="lane" data-quote="(\d+)"', fetch(story_db, "/story/-/timeline").text)[0] == "1"


def test_timeline_lane_labels_end_before_the_plot():
    from provenance.web.svg_graph import text_width
    from provenance.web.svg_timeline import LABEL_WIDTH, TimelineLane, TimelinePoint, render_timeline_svg

    shout = "LIBERTÉ, ÉGALITÉ, FRATERNITÉ. WE WILL NOT SELL THE FERRY LINE TO ANYONE"
    lane = TimelineLane(1, shout, "/q/1", [TimelinePoint("2026-03-02", 1, "Bay Times", "/a/1")])
    label = re.search(r'<text class="lane-label"[^>]*><title>[^<]*</title>([^<]*)</text>',
                      str(render_timeline_svg([lane], title="t"))).group(1)
    assert label.endswith("…") and text_width(label, 12) <= LABEL_WIDTH - 10


def footer_of(html: str) -> str:
    """The text of Datasette's footer on a page."""
    return text_of(html.split('<footer class="ft">', 1)[1].split("</footer>", 1)[0])


@pytest.mark.parametrize(
    "path",
    ["/story/trace_quote?words=ferry", "/story/quote_lineage?quote_id=1", "/story/who_credits_whom", "/story/quotes", "/story/-/quote/1"],
)
def test_canned_queries_wear_the_footer_of_every_other_page(story_db, path):
    footer = footer_of(fetch(story_db, path).text)
    assert "Data license: CC BY 4.0" in footer
    assert "Data source: News articles collected" in footer
    assert "About: What the numbers mean" in footer


def test_a_canned_query_keeps_a_licence_of_its_own(story_db):
    metadata = served_metadata()
    metadata["databases"]["provenance"]["queries"]["who_credits_whom"]["license"] = "Ferry board terms"
    metadata["databases"]["provenance"]["queries"]["who_credits_whom"].pop("license_url", None)
    footer = footer_of(fetch(story_db, "/story/who_credits_whom", metadata).text)
    assert "Data license: Ferry board terms" in footer
    assert "Data license: CC BY 4.0" in footer_of(fetch(story_db, "/story/uncredited_quotes", metadata).text)


def test_a_canned_query_tab_names_its_title_not_its_sql(story_db):
    html = fetch(story_db, "/story/trace_quote?words=ferry").text
    assert re.search(r"<title>(.*?)</title>", html, re.S).group(1) == "Trace a quote: story"
    assert re.search(r"<title>(.*?)</title>", fetch(story_db, "/story/who_credits_whom").text).group(1) == (
        "Who credits whom: story"
    )
    # SQL typed by hand keeps Datasette's title: the SQL is all it has
    typed = fetch(story_db, "/story?sql=select+1+as+one").text
    assert re.search(r"<title>(.*?)</title>", typed, re.S).group(1) == "story: select 1 as one"


@pytest.mark.parametrize("query", ["quote_lineage", "quote_chain", "variants_of_a_quote"])
def test_a_canned_query_of_one_quote_says_when_the_id_names_no_quote(story_db, query):
    def note(path: str) -> str | None:
        found = warnings_of(story_db, path, "missing-quote")
        return found[0] if found else None

    assert note(f"/story/{query}?quote_id=999") == (
        "There is no quote “ 999 ” in story: quote_id takes the id of a quote, a whole number (the number in its "
        "page's address), from the quotes table or Trace a quote."
    )
    assert note(f"/story/{query}?quote_id=%3Cb%3EQ1") == note(f"/story/{query}?quote_id=999").replace("999", "&lt;b&gt;Q1")
    assert note(f"/story/{query}?quote_id=1") is None  # a quote: its rows
    assert note(f"/story/{query}") is None and note(f"/story/{query}?quote_id=") is None  # the form, nothing asked
    # SQL typed by hand is not ours to read
    assert note("/story?sql=select+:quote_id+as+q&quote_id=999") is None


def test_story_timeline_says_when_a_day_is_no_date(story_db):
    def notes(query: str) -> list[str]:
        return warnings_of(story_db, "/story/story_timeline?" + query, "unread-day")

    assert notes("title=&from_day=yesterday&to_day=2026-13-45") == [
        "from_day takes a day written YYYY-MM-DD (2026-03-02): “ yesterday ” is none, and the rows below compare "
        "it with the articles' days as text.",
        "to_day takes a day written YYYY-MM-DD (2026-03-02): “ 2026-13-45 ” is none, and the rows below compare "
        "it with the articles' days as text.",
    ]
    assert notes("title=&from_day=2026-03-02&to_day=") == []
    assert notes("title=&from_day=%3Cb%3E&to_day=")[0].startswith("from_day takes a day written YYYY-MM-DD (2026-03-02): “ &lt;b&gt; ”")


def test_quotes_spread_fast_says_when_hours_are_no_number(story_db):
    def notes(query: str) -> list[str]:
        return warnings_of(story_db, "/story/quotes_spread_fast?" + query, "unread-hours")

    assert notes("hours=an+hour") == [
        "hours takes a number of hours above 0 (1, 0.5, 24; empty for 1): “ an hour ” is none, and the rows below "
        "read it as SQLite does (text as 0)."
    ]
    assert notes("hours=-2") and notes("hours=0") and notes("hours=%3Cb%3E")[0].count("&lt;b&gt;") == 1
    assert notes("hours=") == [] and notes("hours=0.5") == [] and notes("hours=24") == []


def test_trace_quote_without_words_says_what_its_rows_are(story_db):
    note = '<p class="message-info provenance-no-words">No words given: the rows below are the 20 quotes printed most.'
    assert note in fetch(story_db, "/story/trace_quote").text
    assert note in fetch(story_db, "/story/trace_quote?words=+").text
    assert note not in fetch(story_db, "/story/trace_quote?words=ferry").text
    assert "provenance-no-words" not in fetch(story_db, "/story/quote_lineage?quote_id=1").text


def test_a_canned_query_shows_its_rows_not_its_sql_until_asked(story_db):
    html = fetch(story_db, "/story/trace_quote?words=ferry").text
    assert 'id="sql-query"' not in html and 'id="sql-editor"' not in html
    assert '_show_sql=1">show</a>' in html
    assert "Edit SQL" in html
    shown = fetch(story_db, "/story/trace_quote?words=ferry&_show_sql=1").text
    assert "with pattern(words) as" in shown


@pytest.mark.parametrize(
    ("path", "title", "table"),
    [
        ("/story/-/quote/999", "No quote 999 in story", "quotes"),
        ("/story/-/quote/abc", "No quote abc in story", "quotes"),
        ("/story/-/outlet/999", "No outlet 999 in story", "outlets"),
        ("/story/-/article/99999999999999999999999", "No article 99999999999999999999999 in story", "articles"),
    ],
)
def test_a_missing_quote_outlet_or_article_leads_back(story_db, path, title, table):
    response = fetch(story_db, path)
    assert response.status_code == 404
    html = response.text
    assert f"<h1>{title}</h1>" in html
    crumbs = html.split('<p class="crumbs">', 1)[1].split("</p>", 1)[0]
    assert '<a href="/">home</a>' in crumbs and '<a href="/story">story</a>' in crumbs
    assert f'<a href="/story/{table}">the {table} table</a>' in html
    assert ('href="/story/trace_quote"' in html) == (table == "quotes")
    assert "Data license: CC BY 4.0" in footer_of(html)


def test_a_missing_page_escapes_the_id_it_was_given(story_db):
    html = fetch(story_db, "/story/-/quote/<b>x").text
    assert "<b>x" not in html and "&lt;b&gt;x" in html


@pytest.mark.parametrize("path", ["/story/-/search", "/story/-/<b>x", "/story/-", "/story/-/quotes"])
def test_a_path_under_the_pages_that_is_no_page_is_a_404_naming_them(story_db, path):
    response = fetch(story_db, path)
    assert response.status_code == 404, response.text
    html = response.text
    from markupsafe import escape

    assert f"<h1>No page {escape(path)}</h1>" in html and "<b>x" not in html
    crumbs = html.split('<p class="crumbs">', 1)[1].split("</p>", 1)[0]
    assert '<a href="/">home</a>' in crumbs and '<a href="/story">story</a>' in crumbs
    assert "<code>/story/-/quote/ID</code>, reached from <a href=\"/story/quotes\">the quotes table</a>" in html
    assert '<a href="/story/-/timeline">the story timeline</a>' in html
    assert "no such table" not in html


def test_a_json_path_under_the_pages_that_is_no_page_is_a_json_404(story_db):
    response = fetch(story_db, "/story/-/search.json")
    assert response.status_code == 404
    assert response.json()["error"] == ("No page /story/-/search.json: the pages under /story/-/ are quote/ID, "
                                        "outlet/ID, article/ID and timeline")


@pytest.mark.parametrize("path", ["/story/quotes/99999", "/nosuch", "/story/nosuch_table"])
def test_datasette_error_pages_lead_home(story_db, path):
    response = fetch(story_db, path)
    assert response.status_code == 404
    html = response.text
    assert '<p class="crumbs"><a href="/">home</a></p>' in html
    assert '<a href="/-/provenance/numbers">' in html


def test_our_pages_name_the_datasette_version_in_the_footer(story_db):
    from datasette.version import __version__

    assert f'title="Datasette v{__version__}"' in fetch(story_db, "/story/-/quote/1").text


@pytest.mark.parametrize(
    "path, parameter, back",
    [
        ("/story/quotes?_sort=nosuch&origin_kind=wire", "_sort", "/story/quotes?origin_kind=wire"),
        ("/story/quotes?_sort_desc=nosuch&_next=2", "_sort_desc", "/story/quotes"),
        ("/story/quotes?_sort=id&_sort_desc=text", "_sort_desc", "/story/quotes?_sort=id"),
        ("/story/quote_chains?_sort=nosuch", "_sort", "/story/quote_chains"),
        ("/story/quote_chains?_next=garbage", "_next", "/story/quote_chains"),
        ("/story/quote_chains?_next=99999999999999999999999", "_next", "/story/quote_chains"),
        ("/story/quotes?_timelimit=abc&speaker=Mara+Quill", "_timelimit", "/story/quotes?speaker=Mara+Quill"),
        ("/story/trace_quote?words=ferry&_timelimit=abc", "_timelimit", "/story/trace_quote?words=ferry"),
        ("/story?sql=select+1&_timelimit=abc", "_timelimit", "/story?sql=select+1"),
        ("/story/credits?_through=x", "_through", "/story/credits"),
        ("/story/credits?_through=%7B%7D", "_through", "/story/credits"),
        ('/story/credits?_through={"table":"quotes","column":"id","value":"1"}', "_through", "/story/credits"),
        ("/story/quotes?id__in=%5B1", "id__in", "/story/quotes"),
        # fuzz25: nested thousands deep, Datasette's json.loads raised RecursionError, a 500
        ("/story/quotes?id__in=" + "%5B" * 3000 + "%5D" * 3000, "id__in", "/story/quotes"),
        ("/story/credits?_through=" + "%5B" * 3000 + "%5D" * 3000, "_through", "/story/credits"),
        ("/story/quotes?_facet=%7Bspeaker", "_facet", "/story/quotes"),
        ("/story/quotes?_facet=nosuch&_facet=origin_kind", "_facet", "/story/quotes?_facet=origin_kind"),
        ("/story/quote_origins?_facet_array=nosuch", "_facet_array", "/story/quote_origins"),
        ("/story/quotes?_col=text&_col=nosuch&_col=other", "_col", "/story/quotes?_col=text"),
        ("/story/quotes?_nocol=id&speaker=Mara+Quill", "_nocol", "/story/quotes?speaker=Mara+Quill"),
        ("/story/quote_chains?_nocol=nosuch&_nocol=reason", "_nocol", "/story/quote_chains?_nocol=reason"),
        ("/story/people?_search=Quill&kind=person", "_search", "/story/people?kind=person"),
        ("/story/quote_chains?_search=ferry&_searchmode=raw&_next=5", "_search", "/story/quote_chains"),
        ("/story/quotes?_search=%25&speaker=Mara+Quill", "_search", "/story/quotes?speaker=Mara+Quill"),
        ('/story/articles?_search="&_searchmode=raw', "_search", "/story/articles"),
        ("/story/quotes?speakr=Mara+Quill&origin_kind=wire", "speakr", "/story/quotes?origin_kind=wire"),
        ("/story/quotes?text__contians=ferry&_next=2", "text__contians", "/story/quotes"),
        ("/story/quote_chains?nosuch=1", "nosuch", "/story/quote_chains"),
        ("/story/quotes?_search=ferry&nosuch=1", "nosuch", "/story/quotes?_search=ferry"),
        ("/story/quotes?_facet=%00", "_facet", "/story/quotes"),
        ("/story/quotes?_facet_array=a%00b", "_facet_array", "/story/quotes"),
    ],
)
def test_a_bad_query_string_is_a_400_naming_it_with_the_page_without_it(story_db, path, parameter, back):
    from markupsafe import escape

    response = fetch(story_db, path)
    assert response.status_code == 400, response.text
    html = response.text
    assert f"<h1>Bad request: {parameter}</h1>" in html
    assert f"This page cannot use <code>{parameter}=" in html
    assert f'<a href="{escape(back)}">The same page without it</a>' in html
    assert '<p class="crumbs"><a href="/">home</a></p>' in html


@pytest.mark.parametrize("path", [
    "/story/quotes?_facet=nosuch",
    "/story/quotes?_facet=nosuch&_facet=origin_kind",
    "/story/quote_origins?_facet_array=nosuch",
    "/story/quotes?_facet_date=nosuch",
    "/story/quotes?_facet=%7Bspeaker",
    "/story/quotes?_facet=%00",
    '/story/quotes.json?_facet={"column": "speaker"}',  # Datasette's JSON form lacks "simple": a 500, KeyError
    '/story/quotes.json?_facet={"simple": "nosuch"}',
])
def test_a_bad_facet_is_refused_before_datasette_makes_its_facet_queries(story_db, path):
    # Datasette made every facet's query, ran them one by one and left the rest never awaited when one
    # failed: "coroutine 'ArrayFacet.facet_results' was never awaited", a RuntimeWarning each
    import gc
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        response = fetch(story_db, path)
        gc.collect()
    assert response.status_code == 400
    assert [str(warning.message) for warning in caught if warning.category is RuntimeWarning] == []


def test_a_good_facet_or_one_as_json_still_facets(story_db):
    assert fetch(story_db, "/story/quotes?_facet=speaker").status_code == 200
    assert fetch(story_db, "/story/quotes?_facet_date=first_seen").status_code == 200
    body = fetch(story_db, '/story/quotes.json?_facet={"simple": "speaker"}').json()
    assert "speaker" in body["facet_results"]


def test_an_array_facet_on_a_column_of_no_json_lists_names_it(story_db):
    # Datasette's own page read "Invalid SQL: malformed JSON"
    html = fetch(story_db, "/story/quotes?_facet_array=speaker&origin_kind=wire").text
    assert "quotes.speaker holds no JSON lists to facet by" in html
    assert '<a href="/story/quotes?origin_kind=wire">The same page without it</a>' in html


def test_a_bad_sort_names_the_column_and_the_columns_to_sort_by(story_db):
    html = fetch(story_db, "/story/outlets?_sort=<b>nosuch").text
    assert "outlets has no column &lt;b&gt;nosuch to sort by" in html and "<b>nosuch" not in html
    assert "Sort by one of its columns: <code>id</code>, <code>key</code>, <code>name</code>" in html
    response = fetch(story_db, "/story/quotes.json?_sort_desc=nosuch")
    assert response.status_code == 400
    body = response.json()
    assert (body["ok"], body["status"], body["title"]) == (False, 400, "Bad request: _sort_desc")
    assert body["error"].startswith("This page cannot use _sort_desc=nosuch: quotes has no column nosuch to sort by. "
                                    "Sort by one of its columns: id, text, ")
    assert fetch(story_db, "/story/quotes?_sort=speaker").status_code == 200  # a good one still sorts
    html = fetch(story_db, "/story/quotes?_facet=nosuch").text
    assert "quotes has no column nosuch to facet by" in html
    assert "Facet by one of its columns: <code>id</code>, <code>text</code>" in html


def test_a_search_where_there_is_no_full_text_search_says_so_and_names_the_columns_to_filter(story_db):
    response = fetch(story_db, "/story/outlets?_search=<b>Ledger")
    assert response.status_code == 400
    html = response.text
    assert ("This page cannot use <code>_search=&lt;b&gt;Ledger</code>: outlets has no full-text search "
            "(tables that have it: articles, quotes).") in html and "<b>Ledger" not in html
    assert "Filter one of its text columns instead (?COLUMN__contains=WORDS): <code>key</code>, <code>name</code>" in html
    body = fetch(story_db, "/story/quote_occurrences.json?_search=ferry").json()
    assert (body["status"], body["title"]) == (400, "Bad request: _search")
    assert body["error"].startswith("This page cannot use _search=ferry: quote_occurrences has no full-text search")
    for searchable in ("/story/quotes.json?_search=ferry", "/story/articles.json?_search=ferry&_nocol=text"):
        assert fetch(story_db, searchable).json()["filtered_table_rows_count"] >= 1  # still searched
    assert fetch(story_db, "/story/outlets?_search=").status_code == 200  # an empty box searches nothing
    assert fetch(story_db, "/story/nosuch?_search=x").status_code == 404
    metadata = served_metadata()
    metadata["databases"]["story"] = {"tables": {"outlets": {"allow": {"id": "editor"}}}}
    response = fetch(story_db, "/story/outlets?_search=Ledger", metadata)  # not for anyone's eyes: Datasette answers
    assert response.status_code == 403 and "key" not in response.text


def test_an_empty_search_box_beside_a_filter_shows_the_filtered_rows_unsearched(story_db):
    # the table form sends _search= whenever it is applied; SQLite's full-text search called "" Invalid SQL
    for table, filter_ in (("quotes", "speaker=Mara+Quill"), ("articles", "_sort=id")):
        plain = fetch(story_db, f"/story/{table}.json?{filter_}").json()
        for blank in ("", "+", "%20%20"):
            response = fetch(story_db, f"/story/{table}.json?_search={blank}&{filter_}")
            assert response.status_code == 200, response.text
            assert response.json()["rows"] == plain["rows"] and plain["rows"]
    html = fetch(story_db, "/story/quotes?_search=&speaker=Mara+Quill").text
    assert "Invalid SQL" not in html and "Mara Quill" in html
    # a search with a word in any script is still searched, punctuation beside it or not
    assert fetch(story_db, '/story/quotes.json?_search="ferry').json()["filtered_table_rows_count"] >= 1
    assert fetch(story_db, "/story/quotes.json?_search=Паром").status_code == 200
    body = fetch(story_db, "/story/quotes.json?_search=_-_").json()  # no word at all: said, not "Invalid SQL"
    assert (body["status"], body["title"]) == (400, "Bad request: _search")
    assert body["error"] == "This page cannot use _search=_-_: it holds no word to search for (letters or digits)."


@pytest.mark.parametrize(
    "words, expected",
    [
        ("crossings", [1, 2]),
        ("crossings -ferry", [2]),  # Datasette quoted "-ferry" and found the ferry quote only
        ("crossings --ferry", [2]),
        ('crossings -"night crossings"', [2]),
        ('crossings - "night crossings"', [2]),  # a lone minus leaves out the phrase after it
        ("crossings -ferry -winter", []),
        ("well-known crossings", []),  # a minus inside a word is no minus
        ("-ferry", None),  # nothing to find: a 400 that says so, not every ferry quote
        ('-"night crossings"', None),
    ],
)
def test_a_leading_minus_in_a_search_leaves_the_word_out(story_db, words, expected):
    response = fetch(story_db, "/story/quotes.json?_shape=objects&_sort=id&_search=" + urllib.parse.quote(words))
    if expected is None:
        body = response.json()
        assert (response.status_code, body["title"]) == (400, "Bad request: _search")
        assert "-word leaves out the rows that have the word, and there is no word to find" in body["error"]
        return
    assert response.status_code == 200, response.text
    assert [row["id"] for row in response.json()["rows"]] == expected


def test_a_leading_minus_is_fts5_syntax_in_raw_mode_and_said_on_the_page(story_db):
    # _searchmode=raw is FTS5's own syntax, as typed: NOT, not a minus
    body = fetch(story_db, "/story/quotes.json?_shape=objects&_searchmode=raw&_search=crossings+NOT+ferry").json()
    assert [row["id"] for row in body["rows"]] == [2]
    # SQL typed by hand calls the same escape_fts
    sql = urllib.parse.quote("select rowid from quotes_fts where quotes_fts match escape_fts('crossings -ferry')")
    assert fetch(story_db, f"/story.json?_shape=array&sql={sql}").json() == [{"rowid": 2}]
    html = fetch(story_db, "/story/quotes?_search=crossings+-ferry").text
    assert 'value="crossings -ferry"' in html  # the box keeps the words as typed
    assert "-word leaves out the quotes with that word" in html
    assert "-word leaves out the articles with that word" in fetch(story_db, "/story/articles").text


def test_a_timeline_search_leaves_out_a_word_with_a_leading_minus(story_db):
    with sqlite3.connect(story_db) as conn:
        conn.row_factory = sqlite3.Row
        ids = lambda q: [a["id"] for a in load_timeline(conn, TimelineFilters(q=q))["articles"]]  # noqa: E731
        assert 6 in ids("ferry") and 6 not in ids("ferry -crossings") and ids("ferry -crossings")
        assert ids("-ferry") == []


def test_a_filter_on_no_column_or_with_no_such_operator_is_refused_not_ignored(story_db):
    # Datasette showed every row for both, the first titled "where speakr = Mara Quill"
    body = fetch(story_db, "/story/quotes.json?speakr=Mara+Quill").json()
    assert (body["status"], body["title"]) == (400, "Bad request: speakr")
    assert body["error"].startswith("This page cannot use speakr=Mara Quill: quotes has no column speakr to filter by. "
                                    "Filter by one of its columns: id, text, ")
    body = fetch(story_db, "/story/quotes.json?text__contians=ferry").json()
    assert body["error"].startswith("This page cannot use text__contians=ferry: there is no filter __contians. "
                                    "Filter with one of: text__exact, text__not, text__contains, ")
    body = fetch(story_db, "/story/quotes.json?%00=1").json()  # a NUL is written as an escape, not put in the page
    assert body["error"].startswith("This page cannot use \\x00=1: quotes has no column \\x00 to filter by.")
    # good filters still filter: a column, an operator, the rowid of a table, a canned query's parameters
    for path, count in (("/story/quotes.json?speaker=Mara+Quill", 2), ("/story/quotes.json?text__contains=ferry", 1),
                        ("/story/quotes.json?rowid=2", 1), ("/story/quotes.json?id__in=1,2&_search=crossings", 2)):
        assert fetch(story_db, path).json()["filtered_table_rows_count"] == count, path
    assert fetch(story_db, "/story/trace_quote.json?words=ferry").status_code == 200


def test_a_bad_col_or_nocol_names_the_columns_to_choose_from(story_db):
    html = fetch(story_db, "/story/outlets?_col=name&_col=<b>nosuch&_col=other").text
    assert "outlets has no column &lt;b&gt;nosuch to show (nor other)" in html and "<b>nosuch" not in html
    assert "Show any of its columns: <code>id</code>, <code>key</code>, <code>name</code>" in html
    html = fetch(story_db, "/story/outlets?_nocol=id").text
    assert "This page cannot use <code>_nocol=id</code>: id is the primary key of outlets, which every row shows" in html
    assert "Hide any of its other columns: <code>key</code>, <code>name</code>" in html
    body = fetch(story_db, "/story/quotes.json?_nocol=nosuch").json()
    assert (body["status"], body["title"]) == (400, "Bad request: _nocol")
    assert body["error"].startswith("This page cannot use _nocol=nosuch: quotes has no column nosuch to hide. "
                                    "Hide any of its other columns: text, ")
    assert fetch(story_db, "/story/quotes?_col=text&_nocol=speaker").status_code == 200  # good ones still work


@pytest.mark.parametrize(
    "query, configured, expected",
    [
        ("_facet=speaker", ["speaker"], ""),
        ("_facet=speaker&_facet=speaker", [], "_facet=speaker"),
        ("_facet=origin_kind&speaker=Mara+Quill&_facet=speaker", ["speaker", "origin_kind"], "speaker=Mara+Quill"),
        ("_facet_array=aliases&_facet_array=aliases", [{"array": "aliases"}], ""),
        ("_facet_date=published", [{"date": "published"}], ""),
        ("_facet=speaker&_facet_size=5", [{"column": "speaker"}], "_facet_size=5"),
        ("_facet=caf%C3%A9&_facet=caf%C3%A9&x=%E2%80%9C", [], "_facet=caf%C3%A9&x=%E2%80%9C"),  # kept as written
        ("_facet=outlet_count", ["speaker"], None),  # nothing repeats: the query string stays as it came
        ("speaker=Mara", ["speaker"], None),
    ],
)
def test_drop_repeated_facets(query, configured, expected):
    from provenance.web.facets import drop_repeated_facets

    assert drop_repeated_facets(query, configured) == expected


def test_a_facet_metadata_gives_asked_for_again_shows_once(story_db):
    metadata = served_metadata()
    metadata["databases"]["story"] = metadata["databases"]["provenance"]
    configured = metadata["databases"]["story"]["tables"]["quotes"]["facets"]
    assert "speaker" in configured
    for path in ("/story/quotes.json?_facet=speaker", "/story/quotes.json?_facet=speaker&_facet=speaker&_facet=text"):
        facets = list(fetch(story_db, path, metadata).json()["facet_results"])
        assert facets == [*configured, "text"][: len(configured) + ("text" in path)]
    html = fetch(story_db, "/story/quotes?_facet=speaker", metadata).text
    assert html.count('id="facet-speaker"') == 1


def test_the_database_page_lists_tables_in_reading_order_and_the_bookkeeping_after(story_db):
    documented = list(served_metadata()["databases"]["provenance"]["tables"])
    html = fetch(story_db, "/story").text
    listed = re.findall(r'<h3><a href="/story/([a-z_]+)">', html)
    assert listed[:8] == ["quotes", "quote_occurrences", "lineage", "people", "person_names", "articles",
                          "article_reuse", "outlets"]
    assert listed.index("credits") < listed.index("runs") < listed.index("fetches") < listed.index("crawl_urls")
    assert listed == [name for name in documented if name in listed]  # metadata.yml's order, the one place
    for internal in ("code_versions", "schema_migrations", "quote_grams", "reuse_misses", "quotes_fts"):
        assert internal not in listed
    views = re.findall(r'<li><a href="/story/([a-z_]+)">\1</a>', html.split('id="views"', 1)[1])
    assert views[:3] == ["quote_chains", "quote_origins", "quote_variants"]
    assert "select * from quotes" in html  # the SQL box starts from the first table
    shown = re.findall(r'<h3><a href="/story/([a-z_]+)">', fetch(story_db, "/story?_show_hidden=1").text)
    assert shown[: len(listed)] == listed and "code_versions" in shown[len(listed):]
    assert fetch(story_db, "/story/code_versions").status_code == 200  # hidden, still reachable by URL


def test_the_index_names_the_first_tables_a_researcher_reads(story_db):
    html = fetch(story_db, "/").text
    names = re.findall(r'<a href="/story/([a-z_]+)"', html)
    assert names == ["quotes", "quote_occurrences", "lineage", "quote_chains", "quote_origins"]


def test_a_quote_page_links_its_lineage_as_prov_json_the_same_document_as_the_export(story_db):
    import json

    from provenance.prov_export import export_quote_prov

    assert '<a href="/story/-/quote/1/prov.json">Its lineage as W3C PROV-JSON</a>' in fetch(story_db, "/story/-/quote/1").text
    response = fetch(story_db, "/story/-/quote/1/prov.json")
    assert response.status_code == 200 and response.headers["content-type"] == "application/json; charset=utf-8"
    assert response.json() == json.loads(json.dumps(export_quote_prov(sqlite_utils.Database(story_db), 1)))
    assert "prov:PrimarySource" in response.text and "wasDerivedFrom" in response.json()
    for missing, item in (("/story/-/quote/99/prov.json", "99"), ("/story/-/quote/abc/prov.json", "abc")):
        response = fetch(story_db, missing)  # a script asking for JSON gets JSON back, not a page
        assert response.status_code == 404 and response.headers["content-type"].startswith("application/json")
        assert response.json()["error"] == f"No quote {item} in story: the quotes table (/story/quotes) lists the quotes by id"


@pytest.mark.parametrize(
    "path, query, expected",
    [
        ("/story/quote_chains.csv", "_stream=on", "_stream=on&_size=max"),
        ("/story/quote_chains.csv", "_labels=on&_stream=1", "_labels=on&_stream=1&_size=max"),
        ("/story/quote_chains.csv", "_stream=on&_size=50", None),  # a size asked for is kept
        ("/story/quote_chains.csv", "_stream=", None),  # Datasette does not stream then
        ("/story/quote_chains.json", "_stream=on", None),
        ("/story.csv", "sql=select+1&_stream=on", None),  # a query: no pages to stream
    ],
)
def test_a_streamed_csv_asks_for_the_largest_pages(path, query, expected):
    from provenance.web.csv_stream import add_stream_page_size

    assert add_stream_page_size(path, query) == expected


def test_a_views_streamed_csv_reaches_datasette_with_the_largest_pages_and_a_tables_does_not(story_db):
    from datasette.app import Datasette

    from provenance.web.csv_stream import wrap_csv_stream

    seen = []

    async def app(scope, receive, send):
        seen.append(scope["query_string"])

    async def run():
        wrapped = wrap_csv_stream(app, Datasette([], immutables=[str(story_db)]))
        for path in ("/story/quote_chains.csv", "/story/quotes.csv"):
            await wrapped({"type": "http", "path": path, "query_string": b"_stream=on"}, None, None)

    asyncio.run(run())
    assert seen == [b"_stream=on&_size=max", b"_stream=on"]
    rows = fetch(story_db, "/story/quote_chains.csv?_stream=on").text.splitlines()
    assert rows[0].startswith("quote_id,occurrence_id,step,") and len(rows) == 1 + len(
        fetch(story_db, "/story/quote_chains.json?_shape=array&_size=max").json())


ENDLESS_SQL = "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c"


def fetch_with_limit(db_path: Path, path: str, limit_ms: int):
    """GET `path` from a Datasette whose queries stop after `limit_ms`."""
    from datasette.app import Datasette

    metadata = served_metadata()

    async def run():
        datasette = Datasette([], immutables=[str(db_path)], metadata=metadata, settings={"sql_time_limit_ms": limit_ms})
        return await datasette.client.get(path)

    return asyncio.run(run())


@pytest.fixture(scope="module")
def endless_db(story_db, tmp_path_factory) -> Path:
    """The story database with a view that never ends (a page on it always runs out of time)."""
    path = tmp_path_factory.mktemp("endless") / "story.db"
    path.write_bytes(story_db.read_bytes())
    database = sqlite_utils.Database(path)
    database.execute(f"create view endless as {ENDLESS_SQL}")
    database.conn.close()
    return path


@pytest.mark.parametrize(
    "path, back",
    [
        ("/story/endless?_timelimit=1&_size=5", "/story/endless?_size=5"),
        ("/story?sql=" + urllib.parse.quote(ENDLESS_SQL) + "&_timelimit=5", "/story?sql=" + urllib.parse.quote_plus(ENDLESS_SQL)),
    ],
)
def test_a_query_stopped_by_the_addresss_timelimit_says_so_with_the_page_without_it(endless_db, path, back):
    from markupsafe import escape

    response = fetch_with_limit(endless_db, path, 200)
    assert response.status_code == 400
    html = response.text
    assert "<h1>The query ran out of time</h1>" in html
    limit = path.split("_timelimit=")[1].split("&")[0]
    assert (f"The query behind this page ran out of time: <code>_timelimit={limit}</code> in its address stopped it "
            f"after {limit} ms.") in html
    assert f'<a href="{escape(back)}">The same page without it</a> (the server gives a query up to 200 ms)' in html
    assert "sql_time_limit_ms configuration option" not in html  # Datasette's note on a setting the reader cannot change
    assert "<summary>The query that was stopped</summary><pre>" in html


def test_a_query_stopped_by_the_servers_limit_says_what_to_do(story_db, endless_db):
    response = fetch_with_limit(story_db, "/story?sql=" + urllib.parse.quote(ENDLESS_SQL), 50)
    assert response.status_code == 400
    html = response.text
    assert "The query behind this page ran out of time: this server stops a query after 50 ms.</p>" in html
    assert "<li>Ask for less: add a WHERE on an indexed column or a LIMIT, or start from a canned query.</li>" in html
    assert "provenance serve --sql-time-limit MS" in html
    assert f"<pre>{ENDLESS_SQL.replace('>', '&gt;')}</pre>" in html
    # a _timelimit longer than the server's does not lengthen it: the server's limit is named
    html = fetch_with_limit(story_db, "/story?_timelimit=5000&sql=" + urllib.parse.quote(ENDLESS_SQL), 50).text
    assert "this server stops a query after 50 ms" in html and "The same page without it" not in html
    body = fetch_with_limit(story_db, "/story.json?sql=" + urllib.parse.quote(ENDLESS_SQL), 50).json()
    assert body == {
        "ok": False, "status": 400, "title": "The query ran out of time",
        "error": "The query ran out of time: this server stops a query after 50 ms. Ask for less: add a WHERE on an "
                 "indexed column or a LIMIT, or start from a canned query. Whoever serves this database can give "
                 "queries longer: provenance serve --sql-time-limit MS (Datasette's sql_time_limit_ms setting).",
    }
    body = fetch_with_limit(endless_db, "/story/endless.json?_timelimit=1", 1000).json()
    assert body["error"] == ("The query ran out of time: _timelimit=1 in the address stopped it after 1 ms. "
                             "Open the same page without _timelimit: the server gives a query up to 1000 ms.")


def test_a_key_to_a_table_with_no_label_column_is_one_link_not_its_id_twice(story_db, tmp_path):
    import shutil
    from contextlib import closing

    path = tmp_path / "story.db"
    shutil.copy(story_db, path)
    with sqlite3.connect(path) as conn:
        conn.execute("insert into runs (id, command, status) values (3, 'crawl', 'ok')")
        conn.execute("insert into errors (id, run_id, source, message) values (1, 3, 'https://tidewire.example/x', 'HTTP 404')")
        conn.execute("update quotes set founder_id = 1 where id = 1")
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("pragma wal_checkpoint(truncate)")  # served immutable: the write-ahead log is not read
    html = fetch(path, "/story/errors").text
    cells = re.findall(r'<td class="col-run_id[^"]*">(.*?)</td>', html)
    assert cells == ['<a href="/story/runs/3">3</a>']  # was <a ...>3</a>&nbsp;<em>3</em>
    cells = re.findall(r'<td class="col-founder_id[^"]*">(.*?)</td>', fetch(path, "/story/quotes?id=1").text)
    assert cells == ['<a href="/story/quote_occurrences/1">1</a>']
    # a key to a labelled table keeps its label and our page's link
    assert "<em>" not in html.split("<tbody>")[1].split("</tbody>")[0]
    assert 'href="/story/-/outlet/1"' in fetch(path, "/story/articles?id=1").text
