"""Settings of bulk stages: the page cache, and the cyclic collector's passes."""

from __future__ import annotations

import gc

import pytest

from db.bulk import FEW_COLLECTIONS, few_collections
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
