"""Outlets whose arrival the saved articles have not yet been analysed against."""

from __future__ import annotations

import sqlite_utils

VERSION = 13
DESCRIPTION = (
    "outlets.settled: 0 for an outlet new to the database (not from the registry) until the saved articles "
    "it may change (a link to its domain, its name in the text) are analysed again with it known; "
    "outlets saved before are unsettled, so the next import or crawl settles them"
)


def apply(db: sqlite_utils.Database) -> None:
    """Add the column: registry outlets are settled, the others are due to be settled by the next update.

    An article's credits and link outlets are read against the outlets known when it was analysed:
    the registry, and those saved before. Earlier code never looked again when an outlet arrived
    later, so every outlet it saved from an article or a credit waits for `pipeline.settle_outlets`.
    """
    db.execute("ALTER TABLE outlets ADD COLUMN settled INTEGER NOT NULL DEFAULT 1")
    db.execute("update outlets set settled = 0 where not coalesce(in_registry, 0)")
