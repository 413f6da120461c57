"""Retired quote ids: where a quote went when its id no longer names a cluster.

A cluster keeps its id while it goes on (`clustering.Placement.reused_ids`); an id it loses is recorded
in `retired_quotes` (migration 26) and never given to another cluster. A retired quote went where its
founding printing is now: the cluster holding that printing (it was merged into that quote), found by
the printing's id or, when an analysis made the printing again, by its article and offset. With no
such printing, the quote is gone: its founding printing is no longer in the database.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import sqlite_utils

GONE_REASON = "the printing that founded it is no longer in the database (its article was analysed again, edited or set aside)"


@dataclass(frozen=True)
class RetiredQuote:
    """A retired quote id, what its page showed, and the quote now holding its founding printing (None: gone)."""

    id: int
    text: str | None
    speaker: str | None
    retired_at: str
    founder_url: str | None
    founder_start: int | None
    successor_id: int | None
    successor_text: str | None

    @property
    def reason(self) -> str:
        """Why the id names no quote, in a clause."""
        if self.successor_id is not None:
            return f"it was merged into quote {self.successor_id}, which now holds the printing that founded it"
        return f"it is gone: {GONE_REASON}"

    def describe(self) -> str:
        """One line for the terminal: the retired id and where its quote went."""
        return f"quote {self.id} no longer names a quote: {self.reason}"


def find_retired_quote(db: sqlite_utils.Database | sqlite3.Connection, quote_id: int) -> RetiredQuote | None:
    """The retired quote of this id, with the quote that holds its founding printing now; None when not retired."""
    try:
        row = db.execute(
            "select id, text, speaker, retired_at, founder_id, founder_url, founder_start from retired_quotes where id = ?",
            [quote_id],
        ).fetchone()
    except sqlite3.OperationalError:  # a database before migration 26, opened read-only
        return None
    if row is None:
        return None
    _, text, speaker, retired_at, founder_id, founder_url, founder_start = row
    successor = None
    if founder_id is not None:
        successor = db.execute(
            "select q.id, q.text from quote_occurrences o join quotes q on q.id = o.quote_id where o.id = ?", [founder_id]
        ).fetchone()
    if successor is None and founder_url is not None:  # printed again at the same place under another id
        successor = db.execute(
            "select q.id, q.text from articles a join quote_occurrences o on o.article_id = a.id "
            "join quotes q on q.id = o.quote_id where a.url = ? and o.start = ? order by o.id limit 1",
            [founder_url, founder_start],
        ).fetchone()
    return RetiredQuote(
        quote_id, text, speaker, retired_at, founder_url, founder_start,
        successor[0] if successor else None, successor[1] if successor else None,
    )
