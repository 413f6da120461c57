"""Canned queries rank their candidates from indexes alone and read the rows of those shown only.

At 100,000 articles a cold cache made `copies_crediting_no_one` and `uncredited_quotes` take 2.4-2.9 s:
each candidate's article (its outlet, its time) was a page read from the scattered articles table.
Migration 23 adds the indexes that hold what the filters and orders need; these tests pin the plans
and the order of rows that tie on the shown order (made explicit, so that no index decides it).
"""

from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils
import yaml

from db import ensure_db_shape
from provenance.serve import METADATA_PATH

QUERIES = yaml.safe_load(METADATA_PATH.read_text(encoding="utf-8"))["databases"]["provenance"]["queries"]
ARTICLES_BY_ID = "USING COVERING INDEX idx_articles_id_outlet_time (id=?)"


def plan_of(database: sqlite_utils.Database, name: str, params: dict) -> str:
    """The query plan of canned query `name`, its steps joined by ' | '."""
    return " | ".join(row[3] for row in database.execute("explain query plan " + QUERIES[name]["sql"], params))


@pytest.mark.parametrize(
    ("name", "params", "reads"),
    [
        ("copies_crediting_no_one", {}, [
            "SEARCH r USING COVERING INDEX idx_article_reuse_verdict_containment (verdict=?)",
            f"SEARCH a {ARTICLES_BY_ID}", f"SEARCH sa {ARTICLES_BY_ID}",
        ]),
        ("uncredited_quotes", {}, [
            "SEARCH l USING COVERING INDEX idx_lineage_evidence_source_outlet (evidence=?)",
            "SEARCH o USING COVERING INDEX idx_quote_occurrences_id_article (id=?)",
            f"SEARCH a {ARTICLES_BY_ID}",
        ]),
        ("altered_quotes", {}, [
            "SCAN quote_occurrences USING COVERING INDEX idx_quote_occurrences_altered", f"SEARCH a {ARTICLES_BY_ID}",
        ]),
        ("outlets_copying_without_credit", {}, [
            "SEARCH r USING COVERING INDEX idx_article_reuse_verdict_containment (verdict=?)",
            "SEARCH l USING COVERING INDEX idx_lineage_evidence_source_outlet (evidence=?)",
            "SEARCH o USING COVERING INDEX idx_quote_occurrences_id_article (id=?)",
            f"SEARCH a {ARTICLES_BY_ID}", f"SEARCH sa {ARTICLES_BY_ID}",
        ]),
        ("who_credits_whom", {}, [f"SEARCH a {ARTICLES_BY_ID}"]),
        ("trace_quote", {"words": "ferry"}, [f"SEARCH a {ARTICLES_BY_ID}"]),
    ],
)
def test_candidates_are_read_from_indexes_alone(tmp_path, name, params, reads):
    database = sqlite_utils.Database(tmp_path / "plan.db")
    ensure_db_shape(database)
    plan = plan_of(database, name, params)
    for read in reads:
        assert read in plan, plan


OUTLETS = ["Gull Monitor", "Tern Daily", "Cormorant Post", "Plover News"]
# (id, outlet, time_key): 3 and 4 are printed at the same minute; 5 carries only a date
ARTICLES = [
    (1, 1, "2031-05-04T08:00:00Z"), (2, 2, "2031-05-04T08:10:00Z"),
    (3, 3, "2031-05-04T09:00:00Z"), (4, 4, "2031-05-04T09:00:00Z"), (5, 4, "2031-05-04"),
]


def build_db(path) -> sqlite_utils.Database:
    """Copies and printings that tie on the shown order, their rows saved in reverse order."""
    database = sqlite_utils.Database(path)
    ensure_db_shape(database)
    database["outlets"].insert_all(
        {"id": number, "key": f"o{number}.example", "name": name, "domain": f"o{number}.example", "kind": "newspaper"}
        for number, name in enumerate(OUTLETS, 1)
    )
    database["articles"].insert_all(
        {"id": article_id, "url": f"https://o{outlet}.example/ferry-{article_id}", "outlet_id": outlet,
         "title": f"Ferry story {article_id}", "first_seen": time_key, "time_key": time_key,
         "text": f"Ferry story {article_id}."}
        for article_id, outlet, time_key in ARTICLES
    )
    # Cormorant Post (3) and Plover News (4) copy both earlier stories equally at the same minute; 5 later
    pairs = [(3, 1), (3, 2), (4, 1), (4, 2), (5, 1)]
    database["article_reuse"].insert_all(
        {"article_id": article_id, "source_article_id": source, "containment": 0.9, "verdict": "wholly",
         "shared_sentences": 3}
        for article_id, source in reversed(pairs)
    )
    database["credits"].insert({"article_id": 4, "outlet_id": 1, "kind": "according_to", "scope": "story"})
    database["quotes"].insert({"id": 1, "text": "The ferry runs at dawn", "speaker": "Mara Quill"})
    # article 3 prints the quote three times over; article 5 once, dated by day alone
    printings = [(1, 1, 0, None), (2, 3, 0, "reuse"), (3, 3, 40, "mutation"), (4, 3, 80, "reuse"),
                 (5, 5, 0, "earlier"), (6, 4, 0, "earlier")]
    database["quote_occurrences"].insert_all(
        {"id": occurrence_id, "quote_id": 1, "article_id": article_id, "text": f"The ferry runs at dawn ({occurrence_id})",
         "start": start, "end": start + 22, "version": 1}
        for occurrence_id, article_id, start, _ in reversed(printings)
    )
    database["lineage"].insert_all(
        {"occurrence_id": occurrence_id, "quote_id": 1, "source_occurrence_id": None if evidence is None else 1,
         "source_article_id": None if evidence is None else 1, "source_outlet_id": None if evidence is None else 1,
         "evidence": evidence or "origin", "confidence": 0.5}
        for occurrence_id, _, _, evidence in reversed(printings)
    )
    return database


def rows_of(database: sqlite_utils.Database, name: str, *columns: str) -> list[tuple]:
    """The named columns of every row canned query `name` gives."""
    database.conn.row_factory = sqlite3.Row
    try:
        return [tuple(row[column] for column in columns) for row in database.execute(QUERIES[name]["sql"])]
    finally:
        database.conn.row_factory = None


def test_copies_that_tie_are_listed_by_article_then_source(tmp_path):
    database = build_db(tmp_path / "ties.db")
    # 4 credits Gull Monitor, so only its copy of Tern Daily is listed; a date alone follows the day's times
    assert rows_of(database, "copies_crediting_no_one", "article_id", "source_article_id", "outlet",
                   "source_outlet", "title", "credits_anyone") == [
        (3, 1, "Cormorant Post", "Gull Monitor", "Ferry story 3", 0),
        (3, 2, "Cormorant Post", "Tern Daily", "Ferry story 3", 0),
        (4, 2, "Plover News", "Tern Daily", "Ferry story 4", 1),
        (5, 1, "Plover News", "Gull Monitor", "Ferry story 5", 0),
    ]


def test_uncredited_printings_that_tie_are_listed_by_evidence_then_printing(tmp_path):
    database = build_db(tmp_path / "ties.db")
    # article 3's printings: mutation before reuse, then in printing order; earlier evidence last, in time order
    assert rows_of(database, "uncredited_quotes", "article_id", "wording_as_printed", "evidence", "printed_at",
                   "outlet", "taken_from_outlet") == [
        (3, "The ferry runs at dawn (3)", "mutation", "2031-05-04T09:00:00Z", "Cormorant Post", "Gull Monitor"),
        (3, "The ferry runs at dawn (2)", "reuse", "2031-05-04T09:00:00Z", "Cormorant Post", "Gull Monitor"),
        (3, "The ferry runs at dawn (4)", "reuse", "2031-05-04T09:00:00Z", "Cormorant Post", "Gull Monitor"),
        (4, "The ferry runs at dawn (6)", "earlier", "2031-05-04T09:00:00Z", "Plover News", "Gull Monitor"),
        (5, "The ferry runs at dawn (5)", "earlier", "2031-05-04", "Plover News", "Gull Monitor"),
    ]


def test_outlets_copying_without_credit_count_each_copy_once_and_copies_of_a_common_source_apart(tmp_path):
    database = build_db(tmp_path / "ties.db")
    columns = ("outlet", "articles", "uncredited_copies", "both_credit_a_third", "copied_printings", "earlier_printings")
    # Plover News: articles 4 and 5 copy without credit; Cormorant Post: article 3 copies two articles, counted once
    assert rows_of(database, "outlets_copying_without_credit", *columns) == [
        ("Plover News", 2, 2, 0, 0, 2),
        ("Cormorant Post", 1, 1, 0, 3, 0),
    ]
    # article 5 and the Gull Monitor article it copies both credit Tern Daily: a source they may share
    database["credits"].insert_all(
        [{"article_id": 5, "outlet_id": 2, "kind": "according_to", "scope": "story"},
         {"article_id": 1, "outlet_id": 2, "kind": "dateline", "scope": "story"}]
    )
    assert rows_of(database, "outlets_copying_without_credit", *columns) == [
        ("Cormorant Post", 1, 1, 0, 3, 0),
        ("Plover News", 2, 2, 1, 0, 2),
    ]
    assert rows_of(database, "copies_crediting_no_one", "article_id", "source_article_id", "both_credit") == [
        (3, 1, None), (3, 2, None), (4, 2, None), (5, 1, "Tern Daily"),
    ]


def test_an_old_database_gains_the_indexes_and_loses_the_ones_they_replace(tmp_path):
    database = build_db(tmp_path / "old.db")
    database.execute("drop index idx_articles_id_outlet_time")
    database.execute("drop index idx_lineage_evidence_source_outlet")
    database.execute("create index idx_lineage_evidence on lineage (evidence)")
    database.execute("create index idx_credits_article_id on credits (article_id)")
    database.execute("delete from schema_migrations where version = 23")
    assert ensure_db_shape(database) == [23]
    names = {row[0] for row in database.execute("select name from sqlite_master where type = 'index'")}
    assert {"idx_articles_id_outlet_time", "idx_lineage_evidence_source_outlet", "idx_quote_occurrences_id_article",
            "idx_quote_occurrences_altered"} <= names
    assert not {"idx_lineage_evidence", "idx_credits_article_id"} & names
    assert [row[0] for row in database.execute(QUERIES["uncredited_quotes"]["sql"])] == [1] * 5
