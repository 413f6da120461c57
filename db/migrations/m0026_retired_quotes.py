"""Retired quote ids: every cluster id that no longer names a cluster, with what it showed and its founder.

A researcher cites a quote by its id (`/-/quote/ID`, `export prov --quote ID`). Clustering keeps an id
while the cluster goes on (`clustering.reused_ids`, through a full trace too), and an id it drops is
never handed out again: the next cluster takes one above every id in `quotes` and in this table. A
trigger on `quotes` records every deleted row here, whichever code deletes it, and a row made again
with a retired id (a full trace continuing it) leaves the table, so it holds exactly the ids once used
and free now. The quote page of a retired id says where the quote went: the cluster that now holds its
founding printing, or that the printing is gone.
"""

from __future__ import annotations

import sqlite_utils

VERSION = 26
DESCRIPTION = "retired_quotes: every cluster id no longer in use, what it showed and its founding printing (triggers on quotes)"

TRIGGERS = {
    "quotes_retired_ad": """CREATE TRIGGER quotes_retired_ad AFTER DELETE ON quotes BEGIN
        INSERT OR REPLACE INTO retired_quotes (id, text, speaker, founder_id, founder_url, founder_start, retired_at)
        SELECT old.id, old.text, old.speaker, old.founder_id, a.url, o.start, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
        FROM (SELECT 1) LEFT JOIN quote_occurrences o ON o.id = old.founder_id LEFT JOIN articles a ON a.id = o.article_id;
        END""",
    "quotes_retired_ai": """CREATE TRIGGER quotes_retired_ai AFTER INSERT ON quotes BEGIN
        DELETE FROM retired_quotes WHERE id = new.id;
        END""",
}


def apply(db: sqlite_utils.Database) -> None:
    """Create the table and its triggers (again, if they exist); ids deleted before are not known."""
    db.execute(
        "create table if not exists retired_quotes ("
        " id integer primary key, text text, speaker text, founder_id integer, founder_url text,"
        " founder_start integer, retired_at text not null)"
    )
    for name, sql in TRIGGERS.items():
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
        db.execute(sql)
