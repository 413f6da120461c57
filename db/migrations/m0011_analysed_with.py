"""Which analysis each article was analysed with, and the credit lines found outside its text."""

from __future__ import annotations

import sqlite_utils

VERSION = 11
DESCRIPTION = (
    "articles.analysed_with: the pipeline's ANALYSIS_VERSION the article's quotes and credits come from "
    "(null: before this migration), read by `provenance reanalyse --only-stale`; articles.credit_lines: "
    "the lines outside the body that credit outlets (copyright, credit lines), so a reanalysis reads them too"
)


def apply(db: sqlite_utils.Database) -> None:
    """Add the columns; articles saved before read null (stale: analysed by an unknown version)."""
    db.execute("ALTER TABLE articles ADD COLUMN analysed_with INTEGER")
    db.execute("ALTER TABLE articles ADD COLUMN credit_lines TEXT")
