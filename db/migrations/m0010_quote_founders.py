"""Each cluster's founding printing: the wording its other wordings were linked to."""

from __future__ import annotations

import sqlite_utils

from provenance.times import utc_now

VERSION = 10
DESCRIPTION = (
    "quotes.founder_id: the printing whose wording founded the cluster (clustering compares new wordings "
    "with it); clusters made before are rebuilt by the next import, crawl or trace"
)


def apply(db: sqlite_utils.Database) -> None:
    """Add the column and its index; a database with clusters gets a full trace at its next update.

    Clusters made by earlier code have no founder, and their gram index holds no founders' 3-grams,
    so they are rebuilt once (`pipeline.update_after_import` runs `trace_all` after a trace that did
    not end 'ok'), rather than patched here with a guess.
    """
    db.execute("ALTER TABLE quotes ADD COLUMN founder_id INTEGER REFERENCES quote_occurrences(id)")
    db.execute("CREATE INDEX idx_quotes_founder_id ON quotes (founder_id)")
    if db.execute("select exists(select 1 from quotes)").fetchone()[0]:
        db["runs"].insert(
            {
                "command": "trace",
                "started_at": utc_now(),
                "status": "due",
                "summary": "migration 10: clusters are rebuilt with their founding printings",
            }
        )
