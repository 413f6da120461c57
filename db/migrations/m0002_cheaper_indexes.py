"""Cheaper upkeep: FTS re-indexes only when indexed text changes; fingerprints without rowids."""

from __future__ import annotations

import sqlite_utils

VERSION = 2
DESCRIPTION = (
    "FTS update triggers on indexed columns only; article_fingerprints WITHOUT ROWID; "
    "indexes for origin articles and reuse verdicts"
)

_UPDATE_TRIGGERS = {
    "articles": ("title", "text"),
    "quotes": ("text", "speaker"),
}


def apply(db: sqlite_utils.Database) -> None:
    """Replace the FTS update triggers and rebuild the fingerprint index table."""
    for table, columns in _UPDATE_TRIGGERS.items():
        quoted = ", ".join(f'"{column}"' for column in columns)
        old_values = ", ".join(f'old."{column}"' for column in columns)
        new_values = ", ".join(f'new."{column}"' for column in columns)
        db.execute(f'DROP TRIGGER IF EXISTS "{table}_au"')
        # Flags such as articles.traced or quote counts change often; only text changes re-index.
        db.execute(
            f'CREATE TRIGGER "{table}_au" AFTER UPDATE OF {quoted} ON "{table}" BEGIN\n'
            f'  INSERT INTO "{table}_fts" ("{table}_fts", rowid, {quoted}) VALUES(\'delete\', old.rowid, {old_values});\n'
            f'  INSERT INTO "{table}_fts" (rowid, {quoted}) VALUES (new.rowid, {new_values});\n'
            "END"
        )
    db.execute(
        "CREATE TABLE article_fingerprints_new ("
        "hash INTEGER NOT NULL, article_id INTEGER NOT NULL REFERENCES articles(id), "
        "PRIMARY KEY (hash, article_id)) WITHOUT ROWID"
    )
    db.execute("INSERT INTO article_fingerprints_new (hash, article_id) SELECT hash, article_id FROM article_fingerprints")
    db.execute("DROP TABLE article_fingerprints")
    db.execute("ALTER TABLE article_fingerprints_new RENAME TO article_fingerprints")
    db.execute("CREATE INDEX idx_article_fingerprints_article_id ON article_fingerprints (article_id)")
    # The story timeline lists the quotes each article printed first; uncredited copies start from verdicts.
    db["quotes"].create_index(["origin_article_id"], if_not_exists=True)
    db["article_reuse"].create_index(["verdict", "containment"], if_not_exists=True)
    # "Does this article credit that outlet?" is asked for every copy and every occurrence.
    db["credits"].create_index(["article_id", "outlet_id"], if_not_exists=True)
