"""People carry the number of quotes that are theirs, kept by triggers on quotes.

Researchers ask the people table "who is quoted most?"; until now only the quotes table's speaker
facet answered it. `people.quote_count` is the number of quotes whose person it is
(`quotes.person_id`). Triggers on quotes keep it as quotes are made, deleted and given another
person, by clustering, `provenance trace`, re-analysis or a merge alike, so no code path has to
remember it.
"""

from __future__ import annotations

import sqlite_utils

VERSION = 22
DESCRIPTION = "people.quote_count: the quotes whose person it is, kept by triggers on quotes"

TRIGGERS = {
    "quotes_people_ai": """CREATE TRIGGER quotes_people_ai AFTER INSERT ON quotes
        WHEN new.person_id IS NOT NULL BEGIN
        UPDATE people SET quote_count = quote_count + 1 WHERE id = new.person_id;
        END""",
    "quotes_people_ad": """CREATE TRIGGER quotes_people_ad AFTER DELETE ON quotes
        WHEN old.person_id IS NOT NULL BEGIN
        UPDATE people SET quote_count = quote_count - 1 WHERE id = old.person_id;
        END""",
    "quotes_people_au": """CREATE TRIGGER quotes_people_au AFTER UPDATE OF person_id ON quotes
        WHEN old.person_id IS NOT new.person_id BEGIN
        UPDATE people SET quote_count = quote_count - 1 WHERE id = old.person_id;
        UPDATE people SET quote_count = quote_count + 1 WHERE id = new.person_id;
        END""",
}


def apply(db: sqlite_utils.Database) -> None:
    """Add the column, count the quotes already there, and make the triggers (again, if they exist)."""
    if "quote_count" not in db["people"].columns_dict:
        db.execute("ALTER TABLE people ADD COLUMN quote_count INTEGER NOT NULL DEFAULT 0")
    db.execute(
        "UPDATE people SET quote_count = (SELECT count(*) FROM quotes WHERE quotes.person_id = people.id)"
    )
    db.execute("CREATE INDEX IF NOT EXISTS idx_people_quote_count ON people (quote_count)")
    for name, sql in TRIGGERS.items():
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
        db.execute(sql)
