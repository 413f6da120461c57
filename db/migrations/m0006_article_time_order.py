"""An index on the order articles are listed in: a date alone after the times of its day."""

from __future__ import annotations

import sqlite_utils

VERSION = 6
DESCRIPTION = "index idx_articles_time_order: time_key with a date alone sorting after the times of its day"

# The expression the timeline page and the story_timeline canned query order by; SQLite uses the
# index only for the very same expression, so they repeat it word for word.
TIME_ORDER = "(case when length(time_key) = 10 then time_key || '~' else time_key end)"


def apply(db: sqlite_utils.Database) -> None:
    """Create the expression index (ids come with it: they are the rowids)."""
    db.execute(f"CREATE INDEX IF NOT EXISTS idx_articles_time_order ON articles {TIME_ORDER}")
