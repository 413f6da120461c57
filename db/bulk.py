"""Settings for a bulk stage (reuse, clustering, lineage over many rows at once)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

import sqlite_utils

BULK_CACHE_KIB = -131072  # page cache of bulk stages: 128 MiB (negative: KiB, as SQLite reads it)


@contextmanager
def bulk_stage(db: sqlite_utils.Database) -> Iterator[None]:
    """A larger page cache, and no cyclic garbage collection, while a bulk stage runs.

    The stages make no reference cycles but hold millions of objects (article profiles, word
    sets): every full collection would walk them all, and cost the reuse stage 40 % of its time.
    """
    enabled = gc.isenabled()
    gc.disable()
    cache_size = db.conn.execute("pragma cache_size").fetchone()[0]
    db.conn.execute(f"pragma cache_size = {BULK_CACHE_KIB}")
    try:
        yield
    finally:
        db.conn.execute(f"pragma cache_size = {int(cache_size)}")
        if enabled:
            gc.enable()
