"""The candidate pairs whose texts were compared and found too unlike for a reuse row."""

from __future__ import annotations

import sqlite_utils

VERSION = 18
DESCRIPTION = (
    "reuse_misses: the candidate pairs of articles scored below the floor of a reuse row, so that an import does "
    "not compare two unchanged earlier texts again; filled by the next trace or import (an empty table only costs "
    "those comparisons once)"
)


def apply(db: sqlite_utils.Database) -> None:
    """Add the table, empty: a pair missing from it is compared again, which is all the table saves.

    Kept if already there, as a database made to look older (its later migrations unrecorded) runs it again.
    """
    db.execute(
        "create table if not exists reuse_misses ("
        "article_id integer not null references articles(id), "
        "other_article_id integer not null references articles(id), "
        "primary key (article_id, other_article_id)"
        ") without rowid"
    )
    db.execute("create index if not exists reuse_misses_other_article_id on reuse_misses (other_article_id)")
