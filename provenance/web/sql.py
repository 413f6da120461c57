"""Small helpers for the pages' read-only queries on a plain sqlite3 connection."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence

# ASCII digits only: str.isdigit() also accepts "²" and other digits int() refuses.
_ROW_ID = re.compile(r"[0-9]{1,19}")
MAX_ROW_ID = 2**63 - 1  # SQLite integers are signed 64-bit


def parse_row_id(text: str | None) -> int | None:
    """A row id written in ASCII digits within SQLite's integer range, else None."""
    if not text or not _ROW_ID.fullmatch(text):
        return None
    value = int(text)
    return value if value <= MAX_ROW_ID else None


def fetch_rows(conn: sqlite3.Connection, sql: str, params: Sequence | dict = ()) -> list[dict]:
    """Every row of a query as a dict keyed by column name."""
    cursor = conn.execute(sql, params)
    names = [column[0] for column in cursor.description or ()]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def cap_rows(rows: list[dict], cap: int) -> tuple[list[dict], bool]:
    """The first `cap` rows of a list fetched with `limit cap + 1`, and whether there were more."""
    return rows[:cap], len(rows) > cap


def fetch_row(conn: sqlite3.Connection, sql: str, params: Sequence | dict = ()) -> dict | None:
    """The first row of a query as a dict, or None."""
    cursor = conn.execute(sql, params)
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([column[0] for column in cursor.description], row))


def fetch_by_ids(
    conn: sqlite3.Connection, table_sql: str, ids: Iterable[int | None], chunk: int = 500
) -> dict[int, dict]:
    """Rows of `select ... where id in (...)` keyed by id; `table_sql` ends with `where id in`."""
    wanted = sorted({int(value) for value in ids if value is not None})
    found: dict[int, dict] = {}
    for start in range(0, len(wanted), chunk):
        part = wanted[start : start + chunk]
        marks = ",".join("?" * len(part))
        for row in fetch_rows(conn, f"{table_sql} ({marks})", part):
            found[int(row["id"])] = row
    return found


def has_tables(conn: sqlite3.Connection, *names: str) -> bool:
    """True when every table (or view) in `names` exists."""
    rows = conn.execute(
        "select name from sqlite_master where type in ('table', 'view')"
    ).fetchall()
    present = {row[0] for row in rows}
    return all(name in present for name in names)
