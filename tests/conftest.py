"""Shared fixtures: databases, the traced sample story, the shared corpora (skipped when absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sqlite_utils

from db import ensure_db_shape
from provenance.clustering import assign_occurrences
from provenance.lineage import trace_quotes
from scrapers.fetch import FetchConfig, Fetcher
from tests.lineage_story import build_story
from tests.servers import build_story_web

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("PROVENANCE_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under the shared folder; skips the test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared corpus not present: {path}")
    return path


def database_at_version(path: Path, version: int) -> sqlite_utils.Database:
    """A database as an older tracker left it: migrations 1 to `version` applied and recorded."""
    from db.schema import MIGRATIONS

    database = sqlite_utils.Database(path)
    database["schema_migrations"].create({"version": int, "description": str, "applied_at": str}, pk="version")
    for module in MIGRATIONS:
        if module.VERSION <= version:
            module.apply(database)
            database["schema_migrations"].insert(
                {"version": module.VERSION, "description": module.DESCRIPTION, "applied_at": "2026-11-01"}
            )
    return database


@pytest.fixture(scope="session")
def shaped_memory_template() -> sqlite_utils.Database:
    """An in-memory database in the current shape, made once by the migrations; copy it, never write to it."""
    database = sqlite_utils.Database(memory=True)
    ensure_db_shape(database)
    return database


@pytest.fixture
def memory_db(shaped_memory_template) -> sqlite_utils.Database:
    """An in-memory database in the current shape: a copy of the template (running the 25 migrations again cost
    each of 200 tests 30-50 ms of CPU), its connection set up by `ensure_db_shape` as a new database's is."""
    database = sqlite_utils.Database(memory=True)
    shaped_memory_template.conn.backup(database.conn)
    assert ensure_db_shape(database) == []
    return database


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A path for an on-disk database (not yet created)."""
    return tmp_path / "provenance.db"


@pytest.fixture
def story(memory_db):
    """The sample story, clustered and traced: (database, ids from build_story)."""
    ids = build_story(memory_db)
    assign_occurrences(memory_db)
    trace_quotes(memory_db, None)
    return memory_db, ids


@pytest.fixture(scope="module")
def story_fetcher():
    """The story's outlets served on 127.0.0.1 (tests.servers): (FakeWeb, articles, a Fetcher that reaches them)."""
    web, articles = build_story_web()
    config = FetchConfig(min_delay=0, allow_private=True, resolve=web.resolve, retries=0, read_timeout=2)
    with Fetcher(config) as fetcher:
        yield web, articles, fetcher
    web.close()


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> Path:
    """The built-in sample story imported and traced into sample.db, WAL folded in; read it only."""
    from provenance.pipeline import build_sample
    from provenance.serve import checkpoint_wal

    path = tmp_path_factory.mktemp("sample") / "sample.db"
    build_sample(path)
    checkpoint_wal(path)  # immutable mode (`datasette -i`) reads the main file only
    return path
