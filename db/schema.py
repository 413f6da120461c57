"""Versioned migrations and the idempotent `ensure_db_shape`."""

from __future__ import annotations

import importlib
import logging
import pkgutil
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from types import ModuleType

import sqlite_utils

import db.migrations as migrations_package
from db.bulk import map_database
from db.errors import ForeignDatabase

LOGGER = logging.getLogger(__name__)


class SchemaTooNew(sqlite3.DatabaseError):
    """A database with migrations this code does not know: a newer version of the tracker made it."""


def check_ours(conn: sqlite3.Connection) -> None:
    """Raise ForeignDatabase when the database holds tables but no `schema_migrations`: another program's."""
    names = [row[0] for row in conn.execute("select name from sqlite_master where type = 'table' "
                                            "and name not like 'sqlite\\_%' escape '\\' order by name")]
    if names and "schema_migrations" not in names:
        shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
        raise ForeignDatabase(f"it holds another program's tables ({shown}) and none of the tracker's; "
                              "give a new file, or one provenance made")


def _load_migrations() -> list[ModuleType]:
    """Every module `db/migrations/mNNNN_*.py`, ordered by version."""
    modules = []
    for info in pkgutil.iter_modules(migrations_package.__path__):
        if info.name.startswith("m") and info.name[1:5].isdigit():
            modules.append(importlib.import_module(f"db.migrations.{info.name}"))
    modules.sort(key=lambda module: module.VERSION)
    versions = [module.VERSION for module in modules]
    if len(set(versions)) != len(versions):
        raise RuntimeError(f"two migrations share a version: {versions}")
    return modules


MIGRATIONS = _load_migrations()
TEMP_STORE_MEMORY = 2  # `pragma temp_store`: temporary tables and journals in memory
SCHEMA_VERSION = MIGRATIONS[-1].VERSION if MIGRATIONS else 0


def open_db(path: str | Path, *, readonly: bool = False) -> sqlite_utils.Database:
    """Open (creating if needed) the database at `path` in the shape this code expects."""
    if readonly:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        keep_temp_in_memory(conn)  # a worker's temporary tables of ids (`reuse._stage_ids`)
        map_database(conn)  # a worker of reuse or lineage reads much of the file
        return sqlite_utils.Database(conn)
    database = sqlite_utils.Database(path)
    ensure_db_shape(database)
    return database


def database_file(database: sqlite_utils.Database) -> str | None:
    """The path of the database's main file; None for a database in memory."""
    row = database.conn.execute("pragma database_list").fetchone()
    return (row[2] or None) if row else None


def applied_versions(database: sqlite_utils.Database) -> set[int]:
    """The migration versions already applied to `database`."""
    if not database["schema_migrations"].exists():
        return set()
    return {row["version"] for row in database.query("select version from schema_migrations")}


def shape_is_current(database: sqlite_utils.Database) -> bool:
    """Whether `database` has every migration and view this code expects (reads only)."""
    from db import views

    done = applied_versions(database)
    return all(module.VERSION in done for module in MIGRATIONS) and not views.stale_views(database)


def keep_temp_in_memory(conn: sqlite3.Connection) -> None:
    """Keep this connection's temporary tables and statement journals in memory (`pragma temp_store`).

    In a transaction, every insert into a table with a foreign key or a unique index, and every
    savepoint (`atomic()` inside a transaction: one per saved article), first copies each page it
    changes into a statement journal, which SQLite spills to a temporary file past 64 KiB. The
    +1,000-article step into 100,000 articles wrote 58,000 such pages (232 MiB) to files it never
    read again. A journal is emptied when its statement or savepoint ends, so in memory it stays small. Changing
    the setting drops the connection's temporary tables and cannot happen inside a transaction:
    it is set once, before any. A statement that may fail halfway through rewriting a whole table
    (a migration's) would hold that table's pages in memory: `ensure_db_shape` sets this after them.
    """
    if conn.execute("pragma temp_store").fetchone()[0] != TEMP_STORE_MEMORY and not conn.in_transaction:
        conn.execute(f"pragma temp_store = {TEMP_STORE_MEMORY}")


def ensure_db_shape(database: sqlite_utils.Database) -> list[int]:
    """Apply the migrations `database` lacks and refresh views; a no-op when up to date."""
    from db import views

    conn = database.conn
    check_ours(conn)  # before anything is written to it, its journal mode included
    mode = conn.execute("pragma journal_mode").fetchone()[0].lower()
    if mode not in ("wal", "memory"):
        conn.execute("pragma journal_mode=wal")
    conn.execute("pragma foreign_keys=on")
    conn.execute("pragma busy_timeout=30000")
    conn.execute("pragma synchronous=normal")
    if not database["schema_migrations"].exists():
        database["schema_migrations"].create(
            {"version": int, "description": str, "applied_at": str}, pk="version"
        )
    done = applied_versions(database)
    unknown = sorted(done - {module.VERSION for module in MIGRATIONS})
    if unknown:
        # writing with the older code (and its older views) would undo what the newer one made
        raise SchemaTooNew(
            f"schema version {max(unknown)} is newer than this tracker's {SCHEMA_VERSION}: "
            "a newer version of provenance made this database; upgrade provenance to use it"
        )
    applied = []
    for module in MIGRATIONS:
        if module.VERSION in done:
            continue
        LOGGER.info("applying migration %s: %s", module.VERSION, module.DESCRIPTION)
        with database.atomic():
            module.apply(database)
            database["schema_migrations"].insert(
                {
                    "version": module.VERSION,
                    "description": module.DESCRIPTION,
                    "applied_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                }
            )
        applied.append(module.VERSION)
    views.ensure_views(database)
    keep_temp_in_memory(conn)  # after the migrations: one rewriting every row of a table keeps its journal in a file
    return applied
