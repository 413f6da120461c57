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


FEW_COLLECTIONS = 50_000  # allocations between the collector's youngest-generation passes while articles are saved and traced


@contextmanager
def few_collections() -> Iterator[None]:
    """The cyclic collector's first threshold raised from 700 to FEW_COLLECTIONS while the block runs.

    An article's analysis and saving allocate tens of thousands of objects that live until the
    article is done: at 700, each pass walks them again, and the passes reach the older generations
    too. The +1,000-article step into 100,000 articles made 160 passes (0.14 s of CPU) outside the
    bulk stages, which turn the collector off; with this 14 (0.07 s). Cycles are still collected.
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], FEW_COLLECTIONS), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
