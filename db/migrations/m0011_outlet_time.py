"""An index on each outlet's articles in time: lineage looks for a credited outlet's article of a story."""

from __future__ import annotations

import sqlite_utils

VERSION = 11
DESCRIPTION = "index idx_articles_outlet_time: an outlet's articles near a time (lineage: the credited outlet's story)"


def apply(db: sqlite_utils.Database) -> None:
    """Create the index."""
    db.execute("CREATE INDEX IF NOT EXISTS idx_articles_outlet_time ON articles (outlet_id, time_key)")
