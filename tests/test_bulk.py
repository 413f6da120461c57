"""Settings of bulk stages: the page cache, the cyclic collector's passes, and the database read through a memory map."""

from __future__ import annotations

import gc
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from db import ensure_db_shape, open_db
from db.bulk import FEW_COLLECTIONS, MAP_BYTES, few_collections, mapped
from provenance import pipeline


def test_few_collections_raises_the_first_threshold_and_restores_it() -> None:
    before = gc.get_threshold()
    with few_collections():
        assert gc.get_threshold() == (max(before[0], FEW_COLLECTIONS), *before[1:])
        assert gc.isenabled()
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError):
        with few_collections():
            raise RuntimeError("a failed stage")
    assert gc.get_threshold() == before


def test_saving_and_tracing_run_with_few_collections(monkeypatch, memory_db) -> None:
    seen = []
    monkeypatch.setattr(pipeline, "settle_outlets", lambda *args, **kwargs: seen.append(gc.get_threshold()[0]))
    pipeline.update_after_import(memory_db)
    assert seen == [max(gc.get_threshold()[0], FEW_COLLECTIONS)]


def mmap_size(conn: sqlite3.Connection) -> int:
    return conn.execute("pragma mmap_size").fetchone()[0]


def test_mapped_sets_the_map_and_restores_it(tmp_path: Path) -> None:
    database = sqlite_utils.Database(tmp_path / "map.db")
    database["ferries"].insert({"route": "Eastpoint - Harborton"})
    assert mmap_size(database.conn) == 0
    with mapped(database):
        assert mmap_size(database.conn) == MAP_BYTES
        assert database.execute("select route from ferries").fetchall() == [("Eastpoint - Harborton",)]
    assert mmap_size(database.conn) == 0
    with pytest.raises(RuntimeError):
        with mapped(database):
            raise RuntimeError("a failed stage")
    assert mmap_size(database.conn) == 0
    larger = MAP_BYTES + (1 << 20)  # a larger map of the caller's is kept (Python's SQLite caps it at 2 GiB)
    database.conn.execute(f"pragma mmap_size = {larger}")
    with mapped(database):
        assert mmap_size(database.conn) == larger
    assert mmap_size(database.conn) == larger


def test_saving_and_tracing_read_through_the_map_and_other_connections_do_not(monkeypatch, tmp_path: Path) -> None:
    path = tmp_path / "map.db"
    database = sqlite_utils.Database(path)
    ensure_db_shape(database)
    reader = sqlite3.connect(path)  # Datasette's, say: its own connection keeps its own setting
    seen = []
    def note(*args, **kwargs) -> None:
        seen.append((mmap_size(database.conn), mmap_size(reader)))

    monkeypatch.setattr(pipeline, "_save_one", note)
    monkeypatch.setattr(pipeline, "settle_outlets", note)
    pipeline.ingest(database, ["an analysis"])
    pipeline.update_after_import(database)
    assert seen == [(MAP_BYTES, 0), (MAP_BYTES, 0)]
    assert mmap_size(database.conn) == 0
    # a worker's read-only connection (reuse, lineage) reads through it for its whole life
    worker = open_db(path, readonly=True)
    assert mmap_size(worker.conn) == MAP_BYTES
    worker.conn.close()
    reader.close()
