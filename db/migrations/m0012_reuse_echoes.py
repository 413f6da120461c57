"""The reuse rows pruned as echoes, kept apart so that an import decides echoes as a rebuild does."""

from __future__ import annotations

import sqlite_utils

from provenance.times import utc_now

VERSION = 12
DESCRIPTION = (
    "reuse_echoes: the derived reuse pairs left out of article_reuse as echoes of a copy (an import needs "
    "them to decide echoes as a trace does); a database with reuse rows is traced again by its next update"
)


def apply(db: sqlite_utils.Database) -> None:
    """Add the table; a database with reuse rows gets a full trace at its next update.

    Earlier code did not keep the pairs it pruned, so they are found again by a rebuild
    (`pipeline.update_after_import` runs `trace_all` after a trace that did not end 'ok').
    """
    db["reuse_echoes"].create(
        {
            "article_id": int,
            "source_article_id": int,
            "containment": float,
            "verdict": str,
            "shared_sentences": int,
        },
        pk=("article_id", "source_article_id"),
        foreign_keys=[("article_id", "articles", "id"), ("source_article_id", "articles", "id")],
    )
    db["reuse_echoes"].create_index(["source_article_id"])
    if db.execute("select exists(select 1 from article_reuse)").fetchone()[0]:
        db["runs"].insert(
            {
                "command": "trace",
                "started_at": utc_now(),
                "status": "due",
                "summary": "migration 12: reuse echoes are kept apart",
            }
        )
