"""Views over lineage: chains to the origin, uncredited copies, credit and source graphs, variants."""

from __future__ import annotations

import pytest
import sqlite_utils

from db import ensure_db_shape
from db.views import CANNED_QUERIES, VIEWS, ensure_views
from tests.lineage_story import Q1, Q1_ALTERED, Q2, Q2_SHORT, Q3, Q3_FRAGMENT, Q4, Q5


def test_every_view_exists_and_runs(memory_db):
    names = {row[0] for row in memory_db.execute("select name from sqlite_master where type = 'view'")}
    assert set(VIEWS) <= names
    for name in VIEWS:
        assert memory_db.execute(f"select count(*) from {name}").fetchone()[0] == 0


def test_ensure_views_is_idempotent_and_replaces_changed_views(memory_db, monkeypatch):
    before = memory_db.execute("select name, sql from sqlite_master where type = 'view' order by name").fetchall()
    assert ensure_db_shape(memory_db) == []
    assert memory_db.execute("select name, sql from sqlite_master where type = 'view' order by name").fetchall() == before
    monkeypatch.setitem(VIEWS, "quote_origins", "SELECT 1 AS changed")
    ensure_views(memory_db)
    assert memory_db.execute("select * from quote_origins").fetchall() == [(1,)]


def hops(db: sqlite_utils.Database, occurrence_id: int) -> list[tuple]:
    """(step, hop article url, evidence, source outlet) of one occurrence's chain."""
    return db.execute(
        "select step, hop_url, evidence, source_outlet from quote_chains where occurrence_id = ? order by step",
        [occurrence_id],
    ).fetchall()


@pytest.mark.parametrize(
    "occurrence, chain",
    [
        (("A1", Q1), [(0, "https://meridianledger.example/a1", "origin", None)]),
        (("A6", Q2_SHORT), [
            (0, "https://dailybuzz.example/a6", "mutation", "NewsPulse"),
            (1, "https://newspulse.example/a5", "credit", "The Meridian Ledger"),
            (2, "https://meridianledger.example/a1", "origin", None),
        ]),
        (("A13", Q3_FRAGMENT), [
            (0, "https://riversidesentinel.example/a13", "credit", "Continental Press"),
            (1, "https://cpress.example/a2", "credit", "The Meridian Ledger"),
            (2, "https://meridianledger.example/a1", "origin", None),
        ]),
        (("A3", Q4), [
            (0, "https://valleyherald.example/a3", "credit", "Continental Press"),
            (1, "https://cpress.example/a2", "origin", None),
        ]),
    ],
)
def test_quote_chains_walk_to_the_origin(story, occurrence, chain):
    db, ids = story
    assert hops(db, ids[occurrence]) == chain


def test_canned_chain_query_equals_the_view(story):
    db, ids = story
    quote_id = db.execute("select quote_id from quote_occurrences where id = ?", [ids[("A1", Q2)]]).fetchone()[0]
    canned = db.execute(CANNED_QUERIES["quote_chain"], {"quote_id": quote_id}).fetchall()
    view = db.execute(
        "select * from quote_chains where quote_id = ? order by occurrence_id, step", [quote_id]
    ).fetchall()
    assert canned == view
    # A1 A2 A3 A4 A5 A6 A7 A8 print Q2, with 0 1 2 2 1 2 1 1 hops to A1: one row per hop and one each
    assert len(view) == 8 + (0 + 1 + 2 + 2 + 1 + 2 + 1 + 1)


def test_uncredited_copies(story):
    db, _ = story
    rows = db.execute(
        "select url, quote, evidence, source_outlet, origin_outlet from uncredited_copies order by quote"
    ).fetchall()
    assert rows == [
        ("https://dailybuzz.example/a6", Q3, "earlier", "The Northern Gazette", "The Meridian Ledger"),
        ("https://dailybuzz.example/a6", Q2, "mutation", "NewsPulse", "The Meridian Ledger"),
        ("https://dailybuzz.example/a6", Q1, "earlier", "NewsPulse", "The Meridian Ledger"),
    ]


def test_uncredited_copies_tell_a_publication_time_from_a_first_seen_one(story):
    db, _ = story
    db.execute("update articles set published = null where url = 'https://dailybuzz.example/a6'")
    rows = db.execute(
        "select distinct u.published, u.printed_at, a.time_key from uncredited_copies u join articles a on a.id = u.article_id"
    ).fetchall()
    assert len(rows) == 1 and rows[0][0] is None and rows[0][1] == rows[0][2] is not None


def test_outlet_credit_graph(story):
    db, _ = story
    rows = db.execute(
        "select from_outlet, to_outlet, credits, articles, copy_credits, quote_credits, kinds"
        " from outlet_credit_graph where from_outlet in ('Valley Herald', 'The Riverside Sentinel')"
        " order by from_outlet, to_outlet"
    ).fetchall()
    assert rows == [
        ("The Riverside Sentinel", "Continental Press", 2, 1, 0, 1, "per,told"),
        ("The Riverside Sentinel", "The Meridian Ledger", 1, 1, 0, 0, "reported_by"),
        ("Valley Herald", "Continental Press", 2, 1, 2, 0, "dateline,copyright"),
        ("Valley Herald", "The Meridian Ledger", 2, 1, 0, 1, "according_to,told"),
    ]
    assert db.execute("select sum(credits) from outlet_credit_graph").fetchone()[0] == 17


def test_outlet_source_graph(story):
    db, _ = story
    rows = db.execute(
        "select outlet, source_outlet, occurrences, credited, linked, uncredited from outlet_source_graph"
        " where outlet in ('DailyBuzz', 'Policy Watch') order by outlet, source_outlet"
    ).fetchall()
    assert rows == [
        ("DailyBuzz", "NewsPulse", 2, 0, 0, 2),
        ("DailyBuzz", "The Northern Gazette", 1, 0, 0, 1),
        ("Policy Watch", "The Meridian Ledger", 1, 0, 1, 0),
    ]


def test_quote_variants_and_origins(story):
    db, _ = story
    variants = db.execute(
        "select wording, is_canonical, drift, occurrences from quote_variants where canonical = ? order by wording",
        [Q1],
    ).fetchall()
    assert variants == [
        (Q1_ALTERED, 0, "[-cannot-] {+can't+}; [-two-] {+$2+}; [-dollars-]", 1),
        (Q1, 1, None, 6),
    ]
    origin = db.execute(
        "select origin_kind, origin_outlet, origin_outlet_kind, origin_url from quote_origins where text = ?", [Q5]
    ).fetchone()
    assert origin == ("public_statement", "Harborton Tribune", "newspaper", "https://harbortontribune.example/a9")


def test_quote_variants_puts_a_date_alone_after_the_times_of_its_day(sample_db):
    db = sqlite_utils.Database(sample_db)
    canonical = db.execute(
        "select first_printed from quote_variants where quote_id = 2 and is_canonical = 1"
    ).fetchone()
    # Policy Watch printed it on 2026-03-02 without a time; the Ledger's scoop at 06:00 is the first known printing
    assert canonical == ("2026-03-02T06:00:00Z",)
