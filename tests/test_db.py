"""The schema: contract tables, indexes, FTS, WAL, foreign keys, idempotent ensure_db_shape."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import sqlite_utils

from db import SCHEMA_VERSION, ensure_db_shape, open_db

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
