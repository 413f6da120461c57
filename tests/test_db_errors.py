"""SQLite's errors said in plain words, one line: read-only, disk full, locked past the wait, damaged."""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing
from pathlib import Path

import pytest

from db.errors import describe_database_error, error_code

READ_ONLY = ("cannot write news.db: it is read-only here (attempt to write a readonly database: a read-only disk, "
             "or a file or folder this user may not write); what was saved before stays")


@pytest.mark.parametrize("message, expected", [
    ("attempt to write a readonly database", READ_ONLY),
    ("database or disk is full",
     "cannot write news.db: the disk is full (database or disk is full); what was saved before stays"),
    ("database is locked",
     "news.db is locked: another program kept a write open on it past the 30 s wait (database is locked); "
     "what was saved before stays; try again when it has finished"),
    ("database disk image is malformed", "news.db is not a usable SQLite database: database disk image is malformed"),
    ("file is not a database", "news.db is not a usable SQLite database: file is not a database"),
    ("disk I/O error", "cannot read or write news.db: disk I/O error (a full disk, or a file or folder this user may "
                       "not write: SQLite writes -wal and -shm files beside it)"),
    ("no such table: quotes", "database error on news.db: no such table: quotes"),
])
def test_a_database_error_mid_run_is_said_plainly(message: str, expected: str) -> None:
    assert describe_database_error("news.db", sqlite3.OperationalError(message)) == expected


def test_an_error_opening_says_open_and_nothing_about_what_was_saved() -> None:
    error = sqlite3.OperationalError("database or disk is full")
    assert describe_database_error("news.db", error, opening=True) == "cannot write news.db: the disk is full (database or disk is full)"
    assert describe_database_error(None, sqlite3.OperationalError("odd")).startswith("database error on the database")


def test_a_real_lock_carries_its_code(tmp_path: Path) -> None:
    db_path = tmp_path / "news.db"
    with closing(sqlite3.connect(db_path, isolation_level=None)) as holder, \
            closing(sqlite3.connect(db_path, timeout=0, isolation_level=None)) as waiter:
        holder.execute("begin immediate")
        holder.execute("create table t (x)")
        started = time.perf_counter()
        with pytest.raises(sqlite3.OperationalError) as raised:
            waiter.execute("begin immediate")
        assert time.perf_counter() - started < 1
    assert error_code(raised.value) == 5
    assert describe_database_error(db_path, raised.value).startswith(f"{db_path} is locked: another program")


def test_a_real_damaged_file_is_no_usable_database(tmp_path: Path) -> None:
    db_path = tmp_path / "news.db"
    db_path.write_bytes(b"not a database at all " * 200)
    with closing(sqlite3.connect(db_path)) as conn, pytest.raises(sqlite3.DatabaseError) as raised:
        conn.execute("select * from sqlite_master").fetchall()
    assert describe_database_error(db_path, raised.value) == f"{db_path} is not a usable SQLite database: file is not a database"
