"""Versions of printings: when each quote and credit was first seen in an article, and when it was withdrawn."""

from __future__ import annotations

import sqlite_utils

VERSION = 4
DESCRIPTION = (
    "quote_occurrences and credits: seen_at, withdrawn_at and the article version their offsets "
    "point into; withdrawn printings are kept"
)


def apply(db: sqlite_utils.Database) -> None:
    """Add the version columns and make occurrences unique per (article, version, start)."""
    for table in ("quote_occurrences", "credits"):
        # NULL: present in the first version analysed; else the fetch time of the version that introduced it
        db.execute(f"ALTER TABLE {table} ADD COLUMN seen_at TEXT")
        # NULL: still printed; else the fetch time of the version that dropped it
        db.execute(f"ALTER TABLE {table} ADD COLUMN withdrawn_at TEXT")
        # the article version whose text the offsets point into (articles or article_versions)
        db.execute(f"ALTER TABLE {table} ADD COLUMN version INTEGER")
        db.execute(
            f"UPDATE {table} SET version = (SELECT coalesce(a.version, 1) FROM articles a "
            f"WHERE a.id = {table}.article_id)"
        )
    # A withdrawn printing's offsets point into an older text, so two printings may share a start.
    db.execute("DROP INDEX IF EXISTS idx_quote_occurrences_article_id_start")
    db["quote_occurrences"].create_index(["article_id", "version", "start"], unique=True, if_not_exists=True)
    db["quote_occurrences"].create_index(["withdrawn_at"], if_not_exists=True)
