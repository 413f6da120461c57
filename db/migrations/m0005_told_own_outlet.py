"""Quote printings said to the article's own outlet ("..., Lind told the Eta Herald" in the Eta Herald)."""

from __future__ import annotations

import sqlite_utils

VERSION = 5
DESCRIPTION = "quote_occurrences.told_own_outlet: the article says the quote was said to its own outlet"


def apply(db: sqlite_utils.Database) -> None:
    """Add the column; printings analysed before it read 0 until their article is analysed again."""
    db.execute("ALTER TABLE quote_occurrences ADD COLUMN told_own_outlet INTEGER NOT NULL DEFAULT 0")
