"""SQLite's errors in plain words: what happened to the database file and what the operator can do."""

from __future__ import annotations

import sqlite3
from pathlib import Path

# SQLite's primary result codes (sqlite3 names them from Python 3.11) and the message each comes with,
# for an error raised without its code (one made by hand, or by an older Python)
BUSY, LOCKED, READONLY, IOERR, CORRUPT, FULL, CANTOPEN, NOTADB = 5, 6, 8, 10, 11, 13, 14, 26
CODE_OF_MESSAGE = {
    "database is locked": BUSY,
    "database table is locked": LOCKED,
    "attempt to write a readonly database": READONLY,
    "disk I/O error": IOERR,
    "database disk image is malformed": CORRUPT,
    "database or disk is full": FULL,
    "unable to open database file": CANTOPEN,
    "file is not a database": NOTADB,
}
BUSY_SECONDS = 30  # db.schema's busy_timeout


class ForeignDatabase(sqlite3.DatabaseError):
    """A database another program made: tables of its own and none of the tracker's (`db.schema.check_ours`)."""


def error_code(error: sqlite3.Error) -> int | None:
    """SQLite's primary result code of `error`, from the error or else from its message; None when neither tells."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF
    return CODE_OF_MESSAGE.get(str(error))


def describe_database_error(db_path: str | Path | None, error: sqlite3.Error, *, opening: bool = False) -> str:
    """One line for a database error: a damaged file, a full disk, a read-only one, a lock held too long, or else."""
    name = str(db_path) if db_path is not None else "the database"
    code = error_code(error)
    kept = "" if opening else "; what was saved before stays"
    if isinstance(error, ForeignDatabase):
        return f"{name} is not a provenance database: {error}"
    if code in (CORRUPT, NOTADB) or (opening and code is None):
        return f"{name} is not a usable SQLite database: {error}"
    if code == FULL:
        return f"cannot write {name}: the disk is full ({error}){kept}"
    if code == READONLY and not opening:  # opening, it may be a -shm file that cannot be made: said below
        return (f"cannot write {name}: it is read-only here ({error}: a read-only disk, or a file or folder "
                f"this user may not write){kept}")
    if code in (BUSY, LOCKED):
        return (f"{name} is locked: another program kept a write open on it past the {BUSY_SECONDS} s wait ({error}){kept}; "
                "try again when it has finished")
    if code in (IOERR, CANTOPEN) or opening:
        return (f"cannot {'open' if opening else 'read or write'} {name}: {error} (a full disk, or a file or folder "
                "this user may not write: SQLite writes -wal and -shm files beside it)")
    return f"database error on {name}: {error}"
