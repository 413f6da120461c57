"""Quote wordings normalised with their contractions written out ("don't" as "do not")."""

from __future__ import annotations

import sqlite_utils

from provenance.normalize import normalize_quote
from provenance.times import utc_now

VERSION = 14
DESCRIPTION = (
    "no new column: quote normalisation writes contractions out, so a database whose stored wordings "
    "were normalised before (quote_occurrences.normalized, quotes.normalized, quote_grams) is traced "
    "again by its next update, which normalises and clusters every printing again"
)


def apply(db: sqlite_utils.Database) -> None:
    """Make a full trace due when a stored normalised wording is not what normalisation now gives.

    Clustering compares and indexes the stored `normalized` wordings, so those made before are
    read again from `text` and the clusters rebuilt (`pipeline.update_after_import` runs
    `trace_all` after a trace that did not end 'ok'), as a database built now would have them;
    a database with no printing a contraction changes is left as it is.
    """
    if normalised_before(db):
        db["runs"].insert(
            {
                "command": "trace",
                "started_at": utc_now(),
                "status": "due",
                "summary": "migration 14: quotes normalised with contractions written out",
            }
        )


def normalised_before(db: sqlite_utils.Database) -> bool:
    """Whether a clustered printing's stored normalised wording is not what normalisation now gives."""
    rows = db.execute("select text, normalized from quote_occurrences where quote_id is not null")
    return any(normalized != normalize_quote(text) for text, normalized in rows)
