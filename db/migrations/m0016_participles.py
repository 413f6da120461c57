"""Quote wordings normalised with "'s" before a past participle read as "has" ("that's happened")."""

from __future__ import annotations

import sqlite_utils

from db.migrations.m0014_contractions import normalised_before
from provenance.times import utc_now

VERSION = 16
DESCRIPTION = (
    "no new column: quote normalisation reads \"'s\" before a past participle as \"has\" where that is the "
    "reading (\"that's happened\", \"he's made a mistake\") and \"'d\" before a regular one as \"had\" "
    "(\"I'd decided\"), so a database whose stored wordings were normalised before is traced again by "
    "its next update, as migration 14 has it"
)


def apply(db: sqlite_utils.Database) -> None:
    """Make a full trace due when a stored normalised wording is not what normalisation now gives.

    Migration 14's check, run again: a database that migration 14 left, or that was traced since by
    the code before this one, holds wordings normalised the old way, and migration 14 does not run
    twice. When 14 has just made a trace due in the same upgrade, nothing is added.
    """
    last = db.execute("select status from runs where command = 'trace' order by id desc limit 1").fetchone()
    if last == ("due",) or not normalised_before(db):
        return
    db["runs"].insert(
        {
            "command": "trace",
            "started_at": utc_now(),
            "status": "due",
            "summary": "migration 16: quotes normalised with 's read as has and 'd as had before a participle",
        }
    )
