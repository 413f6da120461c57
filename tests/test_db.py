"""The schema: contract tables, indexes, FTS, WAL, foreign keys, idempotent ensure_db_shape."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import sqlite_utils

from db import SCHEMA_VERSION, ensure_db_shape, open_db
from db.schema import MIGRATIONS

CONTRACT = {
    "outlets": {"id", "name", "domain", "kind"},
    "articles": {"id", "url", "outlet_id", "title", "author", "published", "fetched_at", "text"},
    "quotes": {
        "id",
        "text",
        "speaker",
        "first_seen",
        "article_count",
        "outlet_count",
        "origin_outlet_id",
        "origin_article_id",
        "origin_kind",
    },
    "quote_occurrences": {"id", "quote_id", "article_id", "text", "speaker", "start", "end"},
    "credits": {"id", "article_id", "outlet_id", "kind", "cue", "sentence"},
    "lineage": {"occurrence_id", "source_article_id", "source_outlet_id", "evidence", "confidence"},
    "article_reuse": {"article_id", "source_article_id", "containment", "verdict"},
    "runs": {"id", "started_at", "finished_at", "status"},
    "fetches": {"id", "url", "status", "bytes", "elapsed_ms", "error"},
    "errors": {"id", "source", "stage", "message"},
}


def test_contract_tables_and_columns(memory_db: sqlite_utils.Database) -> None:
    for table, columns in CONTRACT.items():
        assert memory_db[table].exists(), table
        assert columns <= set(memory_db[table].columns_dict), (table, columns - set(memory_db[table].columns_dict))


def test_ensure_db_shape_twice_is_a_no_op(db_path) -> None:
    database = sqlite_utils.Database(db_path)
    assert ensure_db_shape(database)[-1] == SCHEMA_VERSION
    schema_before = database.schema
    assert ensure_db_shape(database) == []
    assert database.schema == schema_before
    versions = [row["version"] for row in database.query("select version from schema_migrations")]
    assert versions == sorted(set(versions))


def test_wal_mode_and_foreign_keys(db_path) -> None:
    database = open_db(db_path)
    assert database.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert database.execute("pragma foreign_keys").fetchone()[0] == 1
    foreign = {(fk.column, fk.other_table) for fk in database["quote_occurrences"].foreign_keys}
    assert ("quote_id", "quotes") in foreign and ("article_id", "articles") in foreign


def _temporary_files_open() -> list[str]:
    """The SQLite temporary files (statement journals, temporary tables) this process holds open."""
    found = []
    for fd in Path("/proc/self/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if "etilqs_" in target:
            found.append(target)
    return found


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="lists open files through /proc")
def test_statement_journals_and_temporary_tables_stay_in_memory(db_path) -> None:
    database = open_db(db_path)
    assert database.execute("pragma temp_store").fetchone()[0] == 2
    assert open_db(db_path, readonly=True).execute("pragma temp_store").fetchone()[0] == 2
    with database.conn:
        database.conn.execute("create table filler (id integer primary key, body text)")
        database.conn.executemany("insert into filler (body) values (?)", [("x" * 400,) for _ in range(2000)])
    # a savepoint inside a transaction changing some 200 pages (800 KiB): SQLite copies each into a
    # statement journal first, which it would spill to a file past 64 KiB
    with database.atomic():
        with database.atomic():
            database.conn.execute("update filler set body = 'y' || substr(body, 2)")
            database.conn.execute("create temp table staged (id integer primary key)")
            database.conn.executemany("insert into temp.staged values (?)", [(i,) for i in range(20_000)])
            assert _temporary_files_open() == []
    assert database.execute("select count(*) from filler where body like 'y%'").fetchone()[0] == 2000


def test_full_text_search_on_articles_and_quotes(memory_db: sqlite_utils.Database) -> None:
    assert memory_db["articles"].detect_fts() == "articles_fts"
    assert memory_db["quotes"].detect_fts() == "quotes_fts"
    outlet = memory_db["outlets"].insert({"key": "x.example", "name": "X", "kind": "newspaper"}).last_pk
    memory_db["articles"].insert(
        {"url": "https://x.example/a", "outlet_id": outlet, "title": "Harbor sale", "text": "The terminal was sold.", "first_seen": "2026-03-02"}
    )
    memory_db["quotes"].insert({"text": "Dead in the water", "speaker": "Dana Whitfield"})
    assert [r["title"] for r in memory_db["articles"].search("terminal")] == ["Harbor sale"]
    assert [r["speaker"] for r in memory_db["quotes"].search("water")] == ["Dana Whitfield"]


def test_lookup_indexes_exist(memory_db: sqlite_utils.Database) -> None:
    def indexed(table: str) -> set[tuple[str, ...]]:
        return {tuple(index.columns) for index in memory_db[table].indexes}

    assert ("url",) in indexed("articles")
    assert ("quote_id",) in indexed("quote_occurrences")
    assert ("article_id", "outlet_id") in indexed("credits")  # serves lookups by article_id alone too
    assert ("quote_id",) in indexed("lineage")
    assert ("source_article_id",) in indexed("article_reuse")


def test_articles_have_the_time_order_index(memory_db: sqlite_utils.Database) -> None:
    sql = memory_db.execute("select sql from sqlite_master where name = 'idx_articles_time_order'").fetchone()[0]
    assert sql == (
        "CREATE INDEX idx_articles_time_order ON articles "
        "(case when length(time_key) = 10 then time_key || '~' else time_key end)"
    )


def test_fts_stays_in_step_when_only_flags_change(memory_db: sqlite_utils.Database) -> None:
    outlet = memory_db["outlets"].insert({"key": "x.example", "name": "X", "kind": "newspaper"}).last_pk
    article = memory_db["articles"].insert(
        {"url": "https://x.example/a", "outlet_id": outlet, "title": "Harbor sale", "text": "The terminal was sold.", "first_seen": "2026-03-02"}
    ).last_pk
    memory_db.execute("update articles set traced = 1 where id = ?", [article])
    assert [r["title"] for r in memory_db["articles"].search("terminal")] == ["Harbor sale"]
    memory_db.execute("update articles set text = 'A dock strike began.' where id = ?", [article])
    assert list(memory_db["articles"].search("terminal")) == []
    assert [r["title"] for r in memory_db["articles"].search("strike")] == ["Harbor sale"]


def test_fingerprints_are_a_table_without_rowids(memory_db: sqlite_utils.Database) -> None:
    sql = memory_db["article_fingerprints"].schema
    assert "WITHOUT ROWID" in sql
    assert ("article_id",) in {tuple(index.columns) for index in memory_db["article_fingerprints"].indexes}


def test_a_version_1_database_is_upgraded_with_its_rows(db_path) -> None:
    from db.migrations import m0001_initial

    database = sqlite_utils.Database(db_path)
    database["schema_migrations"].create({"version": int, "description": str, "applied_at": str}, pk="version")
    m0001_initial.apply(database)
    database["schema_migrations"].insert({"version": 1, "description": "initial schema", "applied_at": "2026-11-01"})
    outlet = database["outlets"].insert({"key": "x.example", "name": "X", "kind": "newspaper"}).last_pk
    article = database["articles"].insert(
        {"url": "https://x.example/a", "outlet_id": outlet, "text": "Sold.", "first_seen": "2026-03-02"}
    ).last_pk
    database["article_fingerprints"].insert_all([{"hash": -5, "article_id": article}, {"hash": 9, "article_id": article}])
    applied = ensure_db_shape(database)
    assert applied[0] == 2 and applied[-1] == SCHEMA_VERSION
    assert sorted(r["hash"] for r in database.query("select hash from article_fingerprints")) == [-5, 9]


def test_a_database_from_a_newer_version_is_refused_untouched(db_path) -> None:
    from db.schema import SchemaTooNew

    database = open_db(db_path)
    database["schema_migrations"].insert({"version": SCHEMA_VERSION + 1, "description": "from the future", "applied_at": "2027-01-01"})
    database.execute("drop view quote_origins")
    database.execute("create view quote_origins as select id, 'newer' as origin from quotes")
    schema_before = database.schema
    with pytest.raises(SchemaTooNew, match=f"schema version {SCHEMA_VERSION + 1} is newer than this tracker's {SCHEMA_VERSION}"):
        ensure_db_shape(database)
    assert database.schema == schema_before  # the newer version's view is not replaced by ours


def test_every_table_and_view_is_in_the_readme_schema() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    schema = readme.split("\n## Schema\n", 1)[1].split("\n## ", 1)[0]
    db = sqlite_utils.Database(memory=True)
    ensure_db_shape(db)
    names = [row[0] for row in db.execute("select name from sqlite_master where type in ('table', 'view')")]
    shadow = re.compile(r"^sqlite_|_fts_")  # SQLite's own tables, and the FTS tables' storage
    missing = [name for name in names if not shadow.search(name) and not re.search(rf"`{name}[`(]", schema)]
    assert not missing, f"not in the README's Schema section: {missing}"


def test_migration_24_marks_the_articles_whose_page_the_crawl_found_gone(tmp_path: Path) -> None:
    from tests.conftest import database_at_version

    database = database_at_version(tmp_path / "old.db", 23)
    for n in (1, 2, 3, 4):
        database["articles"].insert({"id": n, "url": f"https://x.example/{n}", "text": "Sold.", "first_seen": "2026-03-02"})
    database["crawl_urls"].insert_all([
        {"url": "https://x.example/1", "article_id": 1, "last_status": 404, "last_fetched_at": "2026-03-05T10:00:00+00:00",
         "state": "failed", "story": "s", "kind": "article", "found_at": "2026-03-02"},
        {"url": "https://x.example/2", "article_id": 2, "last_status": 410, "last_fetched_at": "2026-03-06T10:00:00+00:00",
         "state": "failed", "story": "s", "kind": "article", "found_at": "2026-03-02"},
        {"url": "https://x.example/3", "article_id": 3, "last_status": 404, "last_fetched_at": "2026-03-05T10:00:00+00:00",
         "state": "failed", "story": "s", "kind": "article", "found_at": "2026-03-02"},
        # another address of article 3 answered after that 404: the page is there
        {"url": "https://x.example/3?cmp=rss", "article_id": 3, "last_status": 200,
         "last_fetched_at": "2026-03-07T10:00:00+00:00", "state": "done", "story": "s", "kind": "article", "found_at": "2026-03-02"},
        {"url": "https://x.example/4", "article_id": 4, "last_status": 500, "last_fetched_at": "2026-03-05T10:00:00+00:00",
         "state": "failed", "story": "s", "kind": "article", "found_at": "2026-03-02"},
    ])
    assert ensure_db_shape(database) == [module.VERSION for module in MIGRATIONS if module.VERSION >= 24]
    assert database.execute("select id, gone_at, gone_status from articles order by id").fetchall() == [
        (1, "2026-03-05T10:00:00+00:00", 404), (2, "2026-03-06T10:00:00+00:00", 410), (3, None, None), (4, None, None)]
    assert ensure_db_shape(database) == []


def test_a_changed_view_makes_the_shape_not_current(db_path) -> None:
    from db.schema import shape_is_current

    database = open_db(db_path)
    assert shape_is_current(database)
    database.execute("drop view quote_origins")
    database.execute("create view quote_origins as select id from quotes")
    assert not shape_is_current(database)
    ensure_db_shape(database)
    assert shape_is_current(database)


def test_a_migration_that_fails_leaves_no_half_of_it_behind(db_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from types import SimpleNamespace

    from db import schema

    database = open_db(db_path)

    def half_then_fail(database: sqlite_utils.Database) -> None:
        database.execute("create table ferry_routes (id integer primary key)")
        raise RuntimeError("the second half failed")

    failing = SimpleNamespace(VERSION=SCHEMA_VERSION + 1, DESCRIPTION="ferry routes", apply=half_then_fail)
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, failing])
    with pytest.raises(RuntimeError, match="the second half failed"):
        ensure_db_shape(database)
    assert not database["ferry_routes"].exists()
    assert SCHEMA_VERSION + 1 not in schema.applied_versions(database)


def test_migrations_are_ordered_by_version_and_two_of_one_version_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    import db.migrations as package
    from db import schema

    for name in ("m0001_ferries", "m0002_piers"):
        (tmp_path / f"{name}.py").write_text("VERSION = 1\nDESCRIPTION = 'x'\n\ndef apply(database):\n    pass\n")
    (tmp_path / "mooring_notes.py").write_text("")  # no mNNNN_ name: not a migration
    monkeypatch.setattr(package, "__path__", [str(tmp_path)])
    try:
        with pytest.raises(RuntimeError, match=r"two migrations share a version: \[1, 1\]"):
            schema._load_migrations()
        # ordered by VERSION, not by file name
        (tmp_path / "m0001_ferries.py").write_text("VERSION = 2\nDESCRIPTION = 'x'\n\ndef apply(database):\n    pass\n")
        sys.modules.pop("db.migrations.m0001_ferries")
        assert [module.__name__ for module in schema._load_migrations()] == ["db.migrations.m0002_piers", "db.migrations.m0001_ferries"]
    finally:
        for name in ("m0001_ferries", "m0002_piers"):
            sys.modules.pop(f"db.migrations.{name}", None)
