"""Lineage does not depend on import order: carriers of the same time are taken in the order of their URLs, never of their ids."""

from __future__ import annotations

import pytest
import sqlite_utils

from db import ensure_db_shape
from tests.lineage_story import QUOTE, one_lineage, origin_of, small_db

ALTERED = "Harbour cranes will stand idle until the council agrees a fair price for the whole site."

Row = tuple[str, str, str, str | None, str | None, str]  # name, outlet key, kind, time key, precision, wording


def traced_in_order(rows: list[Row], order: str, **evidence) -> tuple[dict, tuple]:
    """(one_lineage, origin_of) after saving the articles in this order ("listed" or "reversed"): their ids follow it."""
    db = sqlite_utils.Database(memory=True)
    ensure_db_shape(db)
    ids = small_db(db, rows if order == "listed" else rows[::-1], **evidence)
    return one_lineage(db, ids), origin_of(db, ids)


def day(name: str, outlet: str, wording: str = QUOTE, date: str = "2026-05-02") -> Row:
    """An article dated by its day only."""
    return (name, outlet, "newspaper", date, "date", wording)


def at(name: str, outlet: str, moment: str, wording: str = QUOTE) -> Row:
    """An article with a time to the minute."""
    return (name, outlet, "newspaper", moment, "minute", wording)


# (rows in the order of their URLs, evidence, lineage, origin); each is saved in that order and reversed
CASES = {
    # two outlets print it on one day, a third days later: the most recent earlier article of the
    # day is the one whose URL sorts last, and the public statement is named by the one sorting first
    "most recent earlier of one day": (
        [day("a1", "alpha"), day("b1", "beta"), at("c1", "gamma", "2026-05-05T08:00:00Z")],
        {},
        {"a1": (None, "origin"), "b1": (None, "origin"), "c1": ("b1", "earlier")},
        ("alpha", "a1", "public_statement"),
    ),
    # a credit to an outlet with two articles of the same day leads to the one whose URL sorts first
    "credited outlet's earliest article": (
        [day("b1", "beta"), day("b2", "beta"), at("c1", "gamma", "2026-05-05T08:00:00Z")],
        {"credits": [("c1", "beta", "according_to")]},
        {"b1": (None, "origin"), "b2": (None, "origin"), "c1": ("b1", "credit")},
        ("beta", "b1", "exclusive"),
    ),
    # one outlet's two first-hand articles of one day: the origin is the one whose URL sorts first
    "tied roots of one outlet": (
        [day("b1", "beta"), day("b2", "beta")],
        {},
        {"b1": (None, "origin"), "b2": (None, "origin")},
        ("beta", "b1", "exclusive"),
    ),
    # a text reusing two articles of one day as much: the one whose URL sorts first
    "reuse of two articles of one day": (
        [day("a1", "alpha"), day("b1", "beta"), at("r1", "rho", "2026-05-03T08:00:00Z")],
        {"reuse": [("r1", "a1", 0.9), ("r1", "b1", 0.9)]},
        {"a1": (None, "origin"), "b1": (None, "origin"), "r1": ("a1", "reuse")},
        ("alpha", "a1", "public_statement"),
    ),
    # the same altered wording printed by two outlets on one day: the most recent is the one whose
    # URL sorts last
    "the same alteration printed on one day": (
        [
            at("a1", "alpha", "2026-05-01T06:00:00Z"), at("a2", "alpha", "2026-05-01T07:00:00Z"),
            at("a3", "alpha", "2026-05-01T08:00:00Z"),
            day("m1", "mu", ALTERED), day("n1", "nu", ALTERED), at("p1", "pi", "2026-05-04T08:00:00Z", ALTERED),
        ],
        {},
        {
            "a1": (None, "origin"), "a2": ("a1", "earlier"), "a3": ("a2", "earlier"),
            "m1": ("a3", "earlier"), "n1": ("a3", "earlier"), "p1": ("n1", "mutation"),
        },
        ("alpha", "a1", "exclusive"),
    ),
}


@pytest.mark.parametrize("order", ["listed", "reversed"])
@pytest.mark.parametrize("case", list(CASES))
def test_carriers_of_the_same_time_are_taken_in_the_order_of_their_urls(case, order):
    rows, evidence, lineage, origin = CASES[case]
    assert traced_in_order(rows, order, **evidence) == (lineage, origin)

