"""Shared fixtures: databases, the traced sample story, the shared corpora (skipped when absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sqlite_utils

from db import ensure_db_shape
from provenance.clustering import assign_occurrences
from provenance.lineage import trace_quotes
from tests.lineage_story import build_story

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("PROVENANCE_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under the shared folder; skips the test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared corpus not present: {path}")
    return path


@pytest.fixture
def memory_db() -> sqlite_utils.Database:
    """An in-memory database in the current shape."""
    database = sqlite_utils.Database(memory=True)
    ensure_db_shape(database)
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
