"""People: one row per speaker across the corpus, the names printed for each, and a person on every printing and quote."""

from __future__ import annotations

import sqlite_utils

VERSION = 9
DESCRIPTION = (
    "people, person_names, quote_occurrences.person_id and quotes.person_id: the printed speaker names "
    "of one person grouped under one canonical name; existing printings and quotes get their people"
)


def apply(db: sqlite_utils.Database) -> None:
    """Create the tables and columns, then group the speaker names already printed (provenance.people)."""
    from provenance.people import rebuild_people

    db.execute(
        """CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            aliases TEXT,
            quote_count INTEGER NOT NULL DEFAULT 0
        )"""  # quote_count: m0022 counts and keeps it; here already, since rebuild_people writes it
    )
    db.execute("CREATE INDEX idx_people_name ON people (name)")
    db.execute(
        """CREATE TABLE person_names (
            name TEXT NOT NULL,
            gender TEXT NOT NULL DEFAULT '',
            person_id INTEGER NOT NULL REFERENCES people(id),
            name_key TEXT NOT NULL,
            PRIMARY KEY (name, gender)
        ) WITHOUT ROWID"""
    )
    db.execute("CREATE INDEX idx_person_names_person_id ON person_names (person_id)")
    db.execute("CREATE INDEX idx_person_names_name_key ON person_names (name_key)")
    db.execute("ALTER TABLE quote_occurrences ADD COLUMN person_id INTEGER REFERENCES people(id)")
    db.execute("ALTER TABLE quotes ADD COLUMN person_id INTEGER REFERENCES people(id)")
    db.execute("CREATE INDEX idx_quote_occurrences_person_id ON quote_occurrences (person_id)")
    db.execute("CREATE INDEX idx_quotes_person_id ON quotes (person_id)")
    # the names of a person are read with the articles printing them (is a name established?)
    db.execute("DROP INDEX IF EXISTS idx_quote_occurrences_speaker_name")
    db.execute("CREATE INDEX idx_quote_occurrences_speaker_name_article ON quote_occurrences (speaker_name, article_id)")
    rebuild_people(db)
