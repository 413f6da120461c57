"""A partial index on the crawl frontier rows that can be due: pending, or with a next fetch time."""

from __future__ import annotations

import sqlite_utils

VERSION = 7
DESCRIPTION = "index idx_crawl_urls_due: frontier rows pending or scheduled again, by story and kind"

# A long-lived frontier is mostly rows done for good (next_fetch_at empty). SQLite uses a partial
# index only when the query repeats its condition word for word, so the crawl's due query does.
DUE = "(state = 'pending' or next_fetch_at is not null)"


def apply(db: sqlite_utils.Database) -> None:
    """Create the partial index."""
    db.execute(f"CREATE INDEX IF NOT EXISTS idx_crawl_urls_due ON crawl_urls (story, kind) WHERE {DUE}")
