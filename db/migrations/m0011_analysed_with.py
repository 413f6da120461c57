"""Which analysis each article was analysed with, and the credit lines found outside its text."""

from __future__ import annotations

import sqlite_utils

from provenance.times import utc_now

VERSION = 11
DESCRIPTION = (
    "articles.analysed_with: the pipeline's ANALYSIS_VERSION the article's quotes and credits come from "
    "(null: before this migration), read by `provenance reanalyse --only-stale`; articles.credit_lines: "
    "the lines outside the body that credit outlets (copyright, credit lines), so a reanalysis reads them too; "
    "lineage made before is traced again by the next import, crawl or trace"
)


def apply(db: sqlite_utils.Database) -> None:
    """Add the columns; articles saved before read null (stale: analysed by an unknown version).

    Lineage changed with this version (ties ordered by URL, not import order; a credit to an outlet
    whose article of the story is not here is a source outside the database; links on a fact): a
    database with clusters gets a full trace at its next update, as after migration 10.
    """
    db.execute("ALTER TABLE articles ADD COLUMN analysed_with INTEGER")
    db.execute("ALTER TABLE articles ADD COLUMN credit_lines TEXT")
    if db.execute("select exists(select 1 from quotes)").fetchone()[0]:
        db["runs"].insert(
            {
                "command": "trace",
                "started_at": utc_now(),
                "status": "due",
                "summary": "migration 11: lineage is traced again with the rules of this version",
            }
        )
