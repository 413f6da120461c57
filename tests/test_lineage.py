"""Lineage: sources by evidence, origins, times with honest precision, cycles; the sample story's truth."""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

import pytest
import sqlite_utils

from provenance import lineage
from provenance.clustering import assign_occurrences, rebuild_clusters
from provenance.lineage import is_before, parse_time, quotes_with_stories_to_check, trace_quotes, within
from tests.lineage_story import (
    ARTICLES, OUTLETS, Q1, Q2_SHORT, Q3_FRAGMENT, Q4, Q5, QUOTE, TRUE_LINEAGE, TRUE_ORIGINS,
    insert_article, insert_outlets, one_lineage, origin_of, small_db,
)


def lineage_of(db: sqlite_utils.Database, ids: dict) -> dict:
    """Lineage as (article, wording) -> (source article name or outlet key, evidence)."""
    names = {value: key for key, value in ids.items() if isinstance(key, str) and key.startswith("A")}
    outlet_keys = {value: key for key, value in ids.items() if key in OUTLETS}
    occurrences = {value: key for key, value in ids.items() if isinstance(key, tuple)}
    found = {}
    for row in db.query("select * from lineage"):
        source = names.get(row["source_article_id"])
        if source is None and row["source_outlet_id"] is not None:
            source = outlet_keys[row["source_outlet_id"]]
        found[occurrences[row["occurrence_id"]]] = (source, row["evidence"])
    return found


def test_sample_story_lineage_is_recovered_exactly(story):
    db, ids = story
    assert lineage_of(db, ids) == TRUE_LINEAGE


def test_sample_story_origins_are_recovered_exactly(story):
    db, ids = story
    outlets = {ids[key]: key for key in OUTLETS}
    articles = {ids[name]: name for name in ARTICLES}
    found = {}
    for row in db.query("select * from quotes"):
        found[row["text"]] = (
            outlets.get(row["origin_outlet_id"]), articles.get(row["origin_article_id"]), row["origin_kind"]
        )
    assert found == TRUE_ORIGINS


def test_reasons_and_depths_are_recorded(story):
    db, ids = story
    rows = {
        row["occurrence_id"]: row
        for row in db.query("select occurrence_id, reason, depth, confidence from lineage")
    }
    herald_q1 = rows[ids[("A3", Q1)]]
    assert herald_q1["reason"].startswith('the article is Continental Press copy (dateline "HARBORTON (CP) —")')
    assert herald_q1["depth"] == 2
    assert herald_q1["confidence"] == 0.95
    assert rows[ids[("A1", Q1)]]["depth"] == 0
    sentinel = rows[ids[("A13", Q3_FRAGMENT)]]["reason"]
    assert "to The Meridian Ledger via Continental Press, the intermediary" in sentinel
    assert rows[ids[("A6", Q2_SHORT)]]["depth"] == 2  # A6 -> A5 -> A1
    assert rows[ids[("A3", Q1)]]["reason"].endswith(
        "; weaker evidence pointing elsewhere: credit to article 1 (The Meridian Ledger, 2026-03-02 06:00 UTC)"
    )
    assert rows[ids[("A9", Q5)]]["reason"] == (
        "heard first-hand: one of 3 outlets (Channel 7 Harborton, Coastal Public Radio, Harborton Tribune)"
        " that carried it within 12 h of the first, before anyone credited anyone for it; not applicable:"
        " reported_by credit to The Meridian Ledger: The Meridian Ledger's article of this story, article 1"
        " (The Meridian Ledger, 2026-03-02 06:00 UTC; this article links to it), does not carry the quote"
    )
    reason = db.execute("select origin_reason from quotes where text = ?", [Q5]).fetchone()[0]
    assert reason.startswith(
        "public statement: 3 outlets (Channel 7 Harborton, Coastal Public Radio, Harborton Tribune)"
    )


@pytest.mark.parametrize("order", ["time", "reversed", "shuffled"])
def test_articles_arriving_one_by_one_in_any_order_give_the_same_truth(memory_db, order):
    names = list(ARTICLES)
    if order == "reversed":
        names.reverse()
    elif order == "shuffled":
        names = ["A6", "A12", "A3", "A10", "A1", "A13", "A7", "A9", "A4", "A2", "A11", "A8", "A5"]
    ids: dict = {}
    insert_outlets(memory_db, ids)
    for name in names:
        insert_article(memory_db, ids, name)
        touched = assign_occurrences(memory_db)
        # as an import does: the articles whose credited outlet's story it brings (A9 linking to A1)
        trace_quotes(memory_db, touched | quotes_with_stories_to_check(memory_db, touched))
        memory_db.execute("update articles set traced = 1")
    assert lineage_of(memory_db, ids) == TRUE_LINEAGE
    origins = {row[0]: row[1] for row in memory_db.execute("select text, origin_kind from quotes")}
    assert origins == {text: kind for text, (_, _, kind) in TRUE_ORIGINS.items()}


def test_trace_is_idempotent_and_incremental(story):
    db, ids = story
    before = list(db.query("select * from lineage order by occurrence_id"))
    origins = list(db.query("select * from quotes order by id"))
    trace_quotes(db, None)
    assert list(db.query("select * from lineage order by occurrence_id")) == before
    q1 = db.execute("select quote_id from quote_occurrences where id = ?", [ids[("A1", Q1)]]).fetchone()[0]
    trace_quotes(db, [q1])
    assert list(db.query("select * from lineage order by occurrence_id")) == before
    rebuild_clusters(db)
    trace_quotes(db, None)
    assert lineage_of(db, ids) == TRUE_LINEAGE
    assert len(list(db.query("select * from quotes"))) == len(origins)


@pytest.mark.parametrize(
    "value, precision, date, moment",
    [
        ("2026-03-02", "date", "2026-03-02", None),
        ("2026-03-02T06:00:00+00:00", "minute", "2026-03-02", "2026-03-02T06:00:00+00:00"),
        ("2026-03-02T06:00:00Z", None, "2026-03-02", "2026-03-02T06:00:00+00:00"),
        ("2026-03-02T23:30:00-05:00", "minute", "2026-03-03", "2026-03-03T04:30:00+00:00"),
        ("2026-03-02T06:00:00", "minute", "2026-03-02", "2026-03-02T06:00:00+00:00"),
        ("2026-03-02T00:00:00", "date", "2026-03-02", None),  # stored padded but known as a date
        ("not a date", None, None, None),
        (None, None, None, None),
    ],
)
def test_parse_time_keeps_precision(value, precision, date, moment):
    when = parse_time(value, precision)
    assert when.date == date
    assert (when.moment.isoformat() if when.moment else None) == moment


@pytest.mark.parametrize(
    "a, b, before",
    [
        ("2026-03-02T06:00:00Z", "2026-03-02T08:00:00Z", True),
        ("2026-03-02T08:00:00Z", "2026-03-02T06:00:00Z", False),
        ("2026-03-02", "2026-03-02T08:00:00Z", False),  # a date and a time on the same day: a tie
        ("2026-03-02T08:00:00Z", "2026-03-02", False),
        ("2026-03-01", "2026-03-02T00:10:00Z", True),
        ("2026-03-02T23:59:00Z", "2026-03-03", True),
        ("2026-03-02", "2026-03-02", False),
        (None, "2026-03-02", False),
    ],
)
def test_is_before_never_invents_precision(a, b, before):
    assert is_before(parse_time(a), parse_time(b)) is before


@pytest.mark.parametrize(
    "a, b, inside",
    [
        ("2026-03-02T06:00:00Z", "2026-03-02T17:59:00Z", True),
        ("2026-03-02T06:00:00Z", "2026-03-02T18:00:00Z", True),  # 12 h apart is within 12 h
        ("2026-03-02T06:00:00Z", "2026-03-02T18:01:00Z", False),
        ("2026-03-02", "2026-03-03T11:00:00Z", True),
        ("2026-03-02", "2026-03-04", False),
        (None, "2026-03-02", False),
    ],
)
def test_within_window(a, b, inside):
    assert within(parse_time(a), parse_time(b), timedelta(hours=12)) is inside


@pytest.mark.parametrize(
    "times, words",
    [
        (["2026-03-02T06:00:00Z", "2026-03-02T17:59:00Z"], "within 12 h of the first"),
        (["2026-03-02", "2026-03-03"], "on 2026-03-02 and 2026-03-03 (dates only, which 12 h may span)"),
        (["2026-03-02", "2026-03-02"], "on 2026-03-02 (dates only)"),
        (["2026-03-02T23:00:00Z", "2026-03-03"], "on 2026-03-02 and 2026-03-03 (some dated by day only, which 12 h may span)"),
    ],
)
def test_a_public_statement_s_window_is_written_as_precisely_as_its_times_allow(times, words):
    # two printings dated by day only, on two days, were not shown to be 12 hours apart: they may have been
    assert lineage.window_words([parse_time(t) for t in times], timedelta(hours=12), after=" of the first") == words


def test_credit_to_never_crawled_outlet_is_the_origin(memory_db):
    ids = small_db(
        memory_db,
        [
            ("a1", "alpha", "newspaper", "2026-05-01T09:00:00Z", "minute", QUOTE),
            ("b1", "beta", "newspaper", "2026-05-01T10:00:00Z", "minute", QUOTE),
        ],
        credits=[("a1", "gamma", "according_to")],
    )
    assert one_lineage(memory_db, ids) == {"a1": ("gamma", "credit"), "b1": ("a1", "earlier")}
    assert origin_of(memory_db, ids) == ("gamma", None, "exclusive")
    reason = memory_db.execute("select reason from lineage where occurrence_id = ?", [ids[("a1", "occ")]]).fetchone()[0]
    assert reason.endswith("Gamma, never crawled, so the source has no article here")


@pytest.mark.parametrize("first", ["a1", "b1"])
@pytest.mark.parametrize("when, precision", [("2026-05-01", "date"), ("2026-05-01T09:00:00Z", "minute")])
def test_mutual_credits_at_the_same_time_leave_the_origin_unresolved(memory_db, first, when, precision):
    # whichever is imported (and decided) first: neither credit is taken, and no public statement
    rows = [
        ("a1", "alpha", "newspaper", when, precision, QUOTE),
        ("b1", "beta", "newspaper", when, precision, QUOTE),
    ]
    ids = small_db(
        memory_db,
        rows if first == "a1" else rows[::-1],
        credits=[("a1", "beta", "according_to"), ("b1", "alpha", "according_to")],
    )
    assert one_lineage(memory_db, ids) == {"a1": (None, "origin"), "b1": (None, "origin")}
    reason = memory_db.execute("select reason from lineage where occurrence_id = ?", [ids[("b1", "occ")]]).fetchone()[0]
    assert reason.startswith("no source taken: its credit or link closes a cycle with evidence at least as strong")
    assert "credit to article" in reason and "(Alpha, 2026-05-01" in reason
    assert origin_of(memory_db, ids) == (None, None, "unresolved")


def test_mutual_credits_in_time_order_follow_the_time(memory_db):
    ids = small_db(
        memory_db,
        [
            ("a1", "alpha", "newspaper", "2026-05-01T09:00:00Z", "minute", QUOTE),
            ("b1", "beta", "newspaper", "2026-05-01T10:00:00Z", "minute", QUOTE),
        ],
        credits=[("a1", "beta", "according_to"), ("b1", "alpha", "according_to")],
    )
    # a1 credits Beta, whose only article with the quote is later: Beta's original was not crawled
    assert one_lineage(memory_db, ids) == {"a1": ("beta", "credit"), "b1": ("a1", "credit")}
    assert origin_of(memory_db, ids) == ("beta", None, "exclusive")


TOLD_TIMES = [("a1", "alpha", "2026-06-03T08:00:00Z"), ("b1", "beta", "2026-06-03T10:00:00Z")]


def test_a_quote_said_to_the_outlet_is_its_exclusive(memory_db):
    # without the claim, two outlets printing it uncredited two hours apart read as a public statement
    rows = [(name, outlet, "newspaper", when, "minute", QUOTE) for name, outlet, when in TOLD_TIMES]
    ids = small_db(memory_db, rows, told=["a1"])
    assert one_lineage(memory_db, ids) == {"a1": (None, "origin"), "b1": ("a1", "earlier")}
    reason = memory_db.execute("select reason from lineage where occurrence_id = ?", [ids[("a1", "occ")]]).fetchone()[0]
    assert reason == 'first-hand: the article says it was said to its own outlet ("told the paper")'
    assert origin_of(memory_db, ids) == ("alpha", "a1", "exclusive")


def test_without_the_claim_the_same_printings_are_a_public_statement(memory_db):
    rows = [(name, outlet, "newspaper", when, "minute", QUOTE) for name, outlet, when in TOLD_TIMES]
    ids = small_db(memory_db, rows)
    assert origin_of(memory_db, ids)[2] == "public_statement"


def test_a_later_outlet_told_the_quote_is_not_given_an_earlier_source(memory_db):
    rows = [(name, outlet, "newspaper", when, "minute", QUOTE) for name, outlet, when in TOLD_TIMES]
    ids = small_db(memory_db, rows, told=["b1"])
    assert one_lineage(memory_db, ids) == {"a1": (None, "origin"), "b1": (None, "origin")}
    assert origin_of(memory_db, ids) == ("alpha", "a1", "exclusive")  # the earliest of two roots


def test_a_follow_up_saying_it_was_told_the_quote_has_it_from_its_own_outlet(memory_db):
    rows = [(name, outlet, "newspaper", when, "minute", QUOTE) for name, outlet, when in TOLD_TIMES]
    rows.append(("a2", "alpha", "newspaper", "2026-06-04T07:00:00Z", "minute", QUOTE))
    ids = small_db(memory_db, rows, told=["a1", "a2"])
    assert one_lineage(memory_db, ids) == {"a1": (None, "origin"), "b1": ("a1", "earlier"), "a2": ("a1", "earlier")}


def test_outlets_each_told_the_quote_heard_it_together(memory_db):
    rows = [(name, outlet, "newspaper", when, "minute", QUOTE) for name, outlet, when in TOLD_TIMES]
    rows.append(("c1", "gamma", "newspaper", "2026-06-03T11:00:00Z", "minute", QUOTE))
    ids = small_db(memory_db, rows, told=["a1", "b1"])
    assert one_lineage(memory_db, ids) == {"a1": (None, "origin"), "b1": (None, "origin"), "c1": ("b1", "earlier")}
    assert origin_of(memory_db, ids) == ("alpha", "a1", "public_statement")


def test_a_time_we_only_saw_is_labelled_so(memory_db):
    ids = small_db(memory_db, [(name, outlet, "newspaper", when, "minute", QUOTE) for name, outlet, when in TOLD_TIMES])
    memory_db["articles"].update(ids["a1"], {"published": None, "time_key": "2026-06-03T08:00:00Z"})
    trace_quotes(memory_db, None)
    reason = memory_db.execute("select origin_reason from quotes").fetchone()[0]
    assert reason.endswith("earliest is article 1 (Alpha, 2026-06-03 08:00 UTC, first seen)")


def test_a_cycle_drops_its_weakest_edge(memory_db):
    # the reuse stage could not order a same-day date against a time and guessed r1 reused c1;
    # c1 copies v1, and v1 links to r1: the guessed reuse is the edge that gives way
    ids = small_db(
        memory_db,
        [
            ("r1", "redwater", "newspaper", "2026-04-01T01:08:00Z", "minute", QUOTE),
            ("v1", "vale", "blog", "2026-04-01T12:59:00Z", "minute", QUOTE),
            ("c1", "thornbury", "blog", "2026-04-01", "date", QUOTE),
            ("d1", "dunmore", "blog", "2026-04-02T08:00:00Z", "minute", QUOTE),
            ("e1", "elmstead", "blog", "2026-04-02T09:00:00Z", "minute", QUOTE),
        ],
        # all three are credited by someone, so no same-time pair is turned round
        credits=[("d1", "thornbury", "according_to"), ("e1", "vale", "according_to")],
        links=[("v1", "r1")],
        reuse=[("r1", "c1", 0.73), ("c1", "v1", 1.0)],
    )
    assert one_lineage(memory_db, ids) == {
        "r1": (None, "origin"), "v1": ("r1", "link"), "c1": ("v1", "reuse"),
        "d1": ("c1", "credit"), "e1": ("v1", "credit"),
    }
    reason = memory_db.execute("select reason from lineage where occurrence_id = ?", [ids[("r1", "occ")]]).fetchone()[0]
    assert reason == (
        "first-hand: no credit, link, reuse or earlier article carrying the quote (not taken, as it would"
        " close a cycle: reuse to article 3 (Thornbury, 2026-04-01 (date only)))"
    )
    assert origin_of(memory_db, ids) == ("redwater", "r1", "exclusive")


def test_a_same_time_reuse_is_read_towards_the_credited_article(memory_db):
    # the wire story and an uncredited copy dated only by day: the reuse stage guessed the wire
    # reused the copy; the wire is credited by a reprint, the copy by no one
    ids = small_db(
        memory_db,
        [
            ("w1", "wire", "wire", "2026-04-01T08:00:00Z", "minute", QUOTE),
            ("c1", "copier", "aggregator", "2026-04-01", "date", QUOTE),
            ("p1", "paper", "newspaper", "2026-04-01T10:00:00Z", "minute", QUOTE),
        ],
        credits=[("p1", "wire", "dateline")],
        reuse=[("w1", "c1", 0.95)],
    )
    assert one_lineage(memory_db, ids) == {"w1": (None, "origin"), "c1": ("w1", "reuse"), "p1": ("w1", "credit")}
    assert origin_of(memory_db, ids) == ("wire", "w1", "wire")


def test_a_date_and_a_time_on_the_same_day_are_both_first_hand(memory_db):
    ids = small_db(
        memory_db,
        [
            ("a1", "alpha", "newspaper", "2026-05-01", "date", QUOTE),
            ("b1", "beta", "newspaper", "2026-05-01T08:00:00Z", "minute", QUOTE),
            ("c1", "gamma", "newspaper", "2026-05-04T08:00:00Z", "minute", QUOTE),
        ],
    )
    lineage = one_lineage(memory_db, ids)
    # the most recent earlier article: a date sorts after the times of its day
    assert lineage == {"a1": (None, "origin"), "b1": (None, "origin"), "c1": ("a1", "earlier")}
    # a date and a time on the same day: neither is earlier, both heard it first-hand; the one
    # with a time is named first, as a date never comes before that day's times
    assert origin_of(memory_db, ids) == ("beta", "b1", "public_statement")


def test_two_outlets_first_hand_within_the_window_is_a_public_statement(memory_db):
    ids = small_db(
        memory_db,
        [
            ("a1", "alpha", "newspaper", "2026-05-01T06:00:00Z", "minute", QUOTE),
            ("b1", "beta", "newspaper", "2026-05-01T07:00:00Z", "minute", QUOTE),
            ("a2", "alpha", "newspaper", "2026-05-02T07:00:00Z", "minute", QUOTE),
        ],
    )
    assert one_lineage(memory_db, ids) == {
        "a1": (None, "origin"), "b1": (None, "origin"), "a2": ("a1", "earlier"),
    }
    assert origin_of(memory_db, ids) == ("alpha", "a1", "public_statement")


def test_unknown_times_leave_the_origin_unresolved(memory_db):
    ids = small_db(
        memory_db,
        [
            ("a1", "alpha", "newspaper", None, None, QUOTE),
            ("b1", "beta", "newspaper", None, None, QUOTE),
        ],
    )
    assert one_lineage(memory_db, ids) == {"a1": (None, "origin"), "b1": (None, "origin")}
    assert origin_of(memory_db, ids) == (None, None, "unresolved")
    reason = memory_db.execute("select origin_reason from quotes").fetchone()[0]
    assert reason.startswith("unresolved: no time order or evidence decides between article 1 (Alpha, unknown time)")


def test_reuse_beats_earlier_and_wire_origin(memory_db):
    ids = small_db(
        memory_db,
        [
            ("w1", "wire", "wire", "2026-05-01T06:00:00Z", "minute", QUOTE),
            ("q1", "other", "newspaper", "2026-05-01T08:00:00Z", "minute", QUOTE),
            ("p1", "paper", "newspaper", "2026-05-01T09:00:00Z", "minute", QUOTE),
        ],
        reuse=[("q1", "w1", 0.9)],
    )
    # p1 credits no one and shares no text: the most recent earlier carrier
    assert one_lineage(memory_db, ids) == {
        "w1": (None, "origin"), "q1": ("w1", "reuse"), "p1": ("q1", "earlier"),
    }
    assert origin_of(memory_db, ids) == ("wire", "w1", "wire")


BODY_A = "Dockers gathered before dawn outside the container gates while managers counted empty berths along the northern quay."
BODY_B = "Ferry passengers waited hours as inspectors checked the damaged ramp and the council promised compensation for missed connections."


@pytest.mark.parametrize(
    "second_body, lineage",
    [
        # the reports share only the quotation: no reuse, two outlets heard it (a public statement)
        (BODY_B, {"a1": (None, "origin"), "b1": (None, "origin")}),
        # the second copies the first's reporting too: reuse
        (BODY_A, {"a1": (None, "origin"), "b1": ("a1", "reuse")}),
    ],
)
def test_reuse_needs_shared_text_outside_the_quotation(memory_db, second_body, lineage):
    ids = small_db(
        memory_db,
        [
            ("a1", "alpha", "newspaper", "2026-05-01T06:00:00Z", "minute", QUOTE),
            ("b1", "beta", "newspaper", "2026-05-01T07:00:00Z", "minute", QUOTE),
        ],
    )
    for name, body in (("a1", BODY_A), ("b1", second_body)):
        memory_db.execute("update articles set text = ? where id = ?", [f"“{QUOTE}” {body}", ids[name]])
        memory_db.execute("update quote_occurrences set start = 1, end = ? where id = ?", [1 + len(QUOTE), ids[(name, "occ")]])
    memory_db["article_reuse"].insert(
        {"article_id": ids["b1"], "source_article_id": ids["a1"], "containment": 0.7, "verdict": "partially"}
    )
    trace_quotes(memory_db, None)
    assert one_lineage(memory_db, ids) == lineage


def test_link_to_a_later_article_is_not_a_source(memory_db):
    ids = small_db(
        memory_db,
        [
            ("a1", "alpha", "newspaper", "2026-05-01T06:00:00Z", "minute", QUOTE),
            ("b1", "beta", "newspaper", "2026-05-02T09:00:00Z", "minute", QUOTE),
        ],
        links=[("a1", "b1")],
    )
    assert one_lineage(memory_db, ids) == {"a1": (None, "origin"), "b1": ("a1", "earlier")}


def test_public_statement_stays_public_when_later_credited(memory_db):
    ids = small_db(
        memory_db,
        [
            ("a1", "alpha", "broadcaster", "2026-05-01T15:00:00Z", "minute", QUOTE),
            ("b1", "beta", "newspaper", "2026-05-01T15:20:00Z", "minute", QUOTE),
            ("c1", "gamma", "aggregator", "2026-05-01T18:00:00Z", "minute", QUOTE),
        ],
        credits=[("c1", "beta", "according_to")],
    )
    assert one_lineage(memory_db, ids) == {
        "a1": (None, "origin"), "b1": (None, "origin"), "c1": ("b1", "credit"),
    }
    assert origin_of(memory_db, ids) == ("alpha", "a1", "public_statement")


def test_scoop_copied_after_credits_began_is_exclusive(memory_db):
    ids = small_db(
        memory_db,
        [
            ("a1", "alpha", "newspaper", "2026-05-01T06:00:00Z", "minute", QUOTE),
            ("b1", "beta", "newspaper", "2026-05-01T07:00:00Z", "minute", QUOTE),
            ("c1", "gamma", "aggregator", "2026-05-01T08:00:00Z", "minute", QUOTE),
        ],
        credits=[("b1", "alpha", "according_to")],
    )
    assert one_lineage(memory_db, ids) == {
        "a1": (None, "origin"), "b1": ("a1", "credit"), "c1": ("b1", "earlier"),
    }
    assert origin_of(memory_db, ids) == ("alpha", "a1", "exclusive")


def test_planted_synthetic_cascades_are_recovered(memory_db, tmp_path):
    import json
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from bench_trace import score
    from synthetic import generate_corpus, load_into_db, write_corpus

    corpus = generate_corpus(400, seed=7)
    load_into_db(memory_db, corpus)
    assign_occurrences(memory_db)
    trace_quotes(memory_db, None)
    assert score(memory_db, corpus) == {
        "clusters exact": 1.0, "origins": 1.0, "origin kinds": 1.0, "sources": 1.0, "evidence": 1.0,
    }
    kinds = {kind for _, _, kind in corpus.origins.values()}
    assert kinds == {"exclusive", "wire", "public_statement"}
    evidence = {o.evidence for a in corpus.articles for o in a.occurrences}
    assert evidence == {"origin", "credit", "link", "reuse", "mutation", "earlier"}
    paths = write_corpus(corpus, tmp_path)
    records = [json.loads(line) for line in paths["articles"].read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(corpus.articles)
    assert all({"url", "title", "outlet", "published"} <= set(r) and ("text" in r or "html" in r) for r in records)
    assert json.loads(paths["truth"].read_text())["clusters"].keys() == {str(c) for c in corpus.origins}


def test_a_cluster_that_fails_is_logged_and_skipped(story, monkeypatch, caplog):
    db, ids = story
    from provenance import lineage

    original = lineage.ClusterTracer.trace
    q4 = db.execute("select quote_id from quote_occurrences where id = ?", [ids[("A2", Q4)]]).fetchone()[0]

    def failing(self):
        if self.quote_id == q4:
            raise ValueError("odd row")
        return original(self)

    monkeypatch.setattr(lineage.ClusterTracer, "trace", failing)
    trace_quotes(db, None)
    assert db.execute("select origin_kind, origin_reason from quotes where id = ?", [q4]).fetchone() == (
        "unresolved", "tracing failed: odd row"
    )
    assert db.execute("select count(*) from lineage where quote_id = ?", [q4]).fetchone()[0] == 0
    assert db.execute("select count(*) from lineage").fetchone()[0] == len(TRUE_LINEAGE) - 4
    assert "tracing quote" in caplog.text


def test_a_large_trace_on_worker_processes_writes_what_one_process_does(tmp_path, monkeypatch, caplog):
    # the sample story traced in batches of two clusters, first here, then on worker processes
    from provenance.pipeline import build_sample

    path = tmp_path / "sample.db"
    build_sample(path)
    database = sqlite_utils.Database(path)

    def written() -> tuple[list, list]:
        return (
            database.execute("select * from lineage order by occurrence_id").fetchall(),
            database.execute("select id, origin_outlet_id, origin_article_id, origin_kind, origin_reason from quotes order by id").fetchall(),
        )

    monkeypatch.setattr(lineage, "BATCH_CLUSTERS", 2)
    expected = written()
    assert expected[0]
    database.execute("delete from lineage")
    database.execute("update quotes set origin_kind = null, origin_reason = null")
    database.conn.commit()
    monkeypatch.setattr(lineage, "PARALLEL_MIN_CLUSTERS", 1)
    with caplog.at_level(logging.WARNING, logger="provenance"):
        lineage.trace_quotes(database, None)
    assert written() == expected
    assert not [record for record in caplog.records if "in this process" in record.getMessage() or "lost" in record.getMessage()]


ALTERED = "Harbour cranes will stand still until the council agrees a fair price for the site."


def test_each_edge_s_confidence_follows_its_evidence(memory_db):
    # reuse counts 0.6 + 0.3 x containment, at most 0.9; an outlet's own earlier article more than another's
    ids = small_db(
        memory_db,
        [
            ("a1", "alpha", "newspaper", "2026-05-01T08:00:00Z", "minute", QUOTE),
            ("b1", "beta", "newspaper", "2026-05-02T09:00:00Z", "minute", QUOTE),
            ("c1", "gamma", "newspaper", "2026-05-03T10:00:00Z", "minute", ALTERED),
            ("d1", "delta", "newspaper", "2026-05-04T11:00:00Z", "minute", QUOTE),
            ("e1", "alpha", "newspaper", "2026-05-05T12:00:00Z", "minute", QUOTE),
            ("f1", "zeta", "newspaper", "2026-05-06T12:00:00Z", "minute", ALTERED),
        ],
        reuse=[("b1", "a1", 0.5), ("c1", "a1", 1.0)],
    )
    confidence = {
        name: memory_db.execute("select evidence, confidence from lineage where occurrence_id = ?", [ids[(name, "occ")]]).fetchone()
        for name in ("a1", "b1", "c1", "d1", "e1", "f1")
    }
    assert confidence == {
        "a1": ("origin", 0.9), "b1": ("reuse", 0.75), "c1": ("reuse", 0.9), "d1": ("earlier", 0.45),
        "e1": ("earlier", 0.6), "f1": ("mutation", 0.75),
    }


def test_of_two_altered_wordings_printed_before_the_most_recently_printed_is_the_source(memory_db):
    # the article prints both alterations: the latest earlier article sharing one of them is its source
    still = ALTERED
    land = "Harbour cranes will stand idle until the council agrees a fair price for the land."
    ids = small_db(
        memory_db,
        [
            ("a1", "alpha", "newspaper", "2026-05-01T08:00:00Z", "minute", (QUOTE, QUOTE, QUOTE)),  # the canonical wording
            ("b1", "beta", "newspaper", "2026-05-02T08:00:00Z", "minute", still),
            ("c1", "gamma", "newspaper", "2026-05-03T08:00:00Z", "minute", land),
            ("d1", "delta", "newspaper", "2026-05-04T08:00:00Z", "minute", (still, land)),
        ],
    )
    assert one_lineage(memory_db, ids) == {
        "a1": (None, "origin"), "b1": ("a1", "earlier"), "c1": ("b1", "earlier"), "d1": ("c1", "mutation"),
    }


def test_two_uncrawled_outlets_credited_at_the_same_time_leave_the_origin_unresolved(memory_db):
    # each tied root is credited by someone: neither is "the only one others credit"
    ids = small_db(
        memory_db,
        [
            ("a1", "alpha", "newspaper", "2026-05-01T09:00:00Z", "minute", QUOTE),
            ("b1", "beta", "newspaper", "2026-05-01T09:00:00Z", "minute", QUOTE),
        ],
        credits=[("a1", "gamma", "according_to"), ("b1", "delta", "according_to")],
    )
    assert one_lineage(memory_db, ids) == {"a1": ("gamma", "credit"), "b1": ("delta", "credit")}
    assert origin_of(memory_db, ids) == (None, None, "unresolved")


@pytest.mark.parametrize(
    "shared, evidence",
    [
        # words cut from the quotation as said, printed alone by two papers, are no shared alteration: anyone quoting
        # the quotation may print them ("New York values" from Cruz's "... described as New York values.")
        ("until the council agrees a fair price for the site", "earlier"),
        # ... a wording the quotation does not hold is one
        (ALTERED, "mutation"),
    ],
    ids=["a cut", "an alteration"],
)
def test_a_cut_from_the_canonical_wording_is_no_shared_alteration(memory_db, shared, evidence):
    ids = small_db(
        memory_db,
        [
            ("a1", "alpha", "newspaper", "2026-05-01T08:00:00Z", "minute", shared),
            ("b1", "beta", "newspaper", "2026-05-02T08:00:00Z", "minute", (QUOTE, shared)),
            ("c1", "gamma", "newspaper", "2026-05-03T08:00:00Z", "minute", QUOTE),
            ("d1", "delta", "newspaper", "2026-05-04T08:00:00Z", "minute", QUOTE),  # the canonical wording: QUOTE
        ],
    )
    assert len({row[0] for row in memory_db.execute("select quote_id from quote_occurrences")}) == 1
    assert one_lineage(memory_db, ids)["b1"] == ("a1", evidence)
