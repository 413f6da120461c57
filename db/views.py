"""SQL views over the contract tables, created or replaced when their definition changes."""

from __future__ import annotations

import sqlite_utils

VIEWS: dict[str, str] = {}


def ensure_views(db: sqlite_utils.Database) -> None:
    """Create each view in VIEWS, replacing one whose SQL differs; leave equal ones alone."""
    existing = {
        row["name"]: row["sql"]
        for row in db.query("select name, sql from sqlite_master where type = 'view'")
    }
    for name, select in VIEWS.items():
        sql = f"CREATE VIEW {name} AS {select.strip()}"
        if existing.get(name) == sql:
            continue
        with db.atomic():
            db.execute(f"DROP VIEW IF EXISTS {name}")
            db.execute(sql)
