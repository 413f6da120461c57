"""An import into a database reads its large tables by index: no statement of the update lists one whole
but those named here, so the +1,000-article step grows with the new articles, not with the database."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import sqlite_utils

from db import ensure_db_shape
from provenance import pipeline

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from synthetic import Corpus, generate_corpus, write_corpus  # noqa: E402

LARGE = ("articles", "quotes", "quote_occurrences", "article_fingerprints", "article_reuse", "lineage")

# The statements of an update that read a large table whole, each with why (the plan is the same at any size:
# the database keeps no statistics, so SQLite plans alike for 300 articles and for 100,000).
WHOLE = {
    "select count(*) from articles": "the article count (the worker's threshold, reuse's side): an index's pages",
    "select id from quotes where not exists (select 1 from quote_occurrences where quote_id = quotes.id)":
        "clusters left empty: each looked up in the printings' index",
    "select exists(select 1 from quotes)": "stops at the first cluster",
}


def whole_reads(db: sqlite_utils.Database, statements: list[str]) -> dict[str, list[str]]:
    """The statements (numbers as ?) whose plan scans a large table, with those scans."""
    found: dict[str, list[str]] = {}
    for sql in statements:
        shape = re.sub(r"\s+", " ", re.sub(r"\b\d+\b", "?", sql)).strip()
        if shape in found or not shape.lower().startswith(("select", "with")):
            continue
        plan = [row[3] for row in db.execute(f"explain query plan {sql}").fetchall()]
        scans = [step for step in plan if re.match(rf"SCAN ({'|'.join(LARGE)})\b", step)]
        if scans:
            found[re.sub(r"\b\d+\b", "1", re.sub(r"\s+", " ", sql)).strip()] = scans
    return found


@pytest.fixture(scope="module")
def stepped(tmp_path_factory) -> tuple[sqlite_utils.Database, list[str]]:
    """A database of 240 synthetic articles, then the statements an import of 60 more ran."""
    corpus = generate_corpus(300, seed=5)
    cut = len(corpus.articles) - 60
    folder = tmp_path_factory.mktemp("step")
    base = write_corpus(Corpus(corpus.outlets, corpus.articles[:cut], corpus.origins, corpus.canonical), folder / "base")
    new = write_corpus(Corpus(corpus.outlets, corpus.articles[cut:], corpus.origins, corpus.canonical), folder / "new")
    db = sqlite_utils.Database(folder / "step.db")
    ensure_db_shape(db)
    pipeline.import_paths(db, [base["articles"]], extra_registry=[base["outlets"]], workers=1)
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        report = pipeline.import_paths(db, [new["articles"]], extra_registry=[base["outlets"]], workers=1)
    finally:
        db.conn.set_trace_callback(None)
    assert report.new == 60 and report.quotes_touched > 0
    return db, statements


def test_the_update_reads_no_large_table_whole_but_these(stepped):
    db, statements = stepped
    assert sorted(whole_reads(db, statements)) == sorted(WHOLE)


@pytest.mark.parametrize(
    "sql, whole",
    [
        ("select id from articles", True),  # what finding the revisited articles read before
        ("select id from quotes", True),  # what the update's clusters were checked against before
        ("select id from quotes where id in (1, 2)", False),
        ("select count(*) from articles where id in (select id from temp.reuse_ids)", False),
    ],
)
def test_whole_reads_tells_a_scan_from_a_search(stepped, sql, whole):
    db, _ = stepped
    db.execute("create temp table if not exists reuse_ids (id integer primary key)")
    assert bool(whole_reads(db, [sql])) == whole
