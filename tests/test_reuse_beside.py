"""Reuse worked out on a worker beside the speaker and clustering stages writes what one process does."""

from __future__ import annotations

import logging
import sys
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
import sqlite_utils

import provenance.reuse as reuse
from db import ensure_db_shape
from provenance import clustering, pipeline

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from synthetic import generate_corpus, write_corpus  # noqa: E402

TABLES = {
    "article_reuse": "select * from article_reuse order by article_id, source_article_id",
    "reuse_echoes": "select * from reuse_echoes order by article_id, source_article_id",
    "lineage": "select * from lineage order by occurrence_id",
    "origins": "select id, origin_outlet_id, origin_article_id, origin_kind, origin_reason from quotes order by id",
}


@pytest.fixture(scope="module")
def corpus_files(tmp_path_factory) -> dict[str, Path]:
    """A synthetic corpus of planted cascades (wire reprints, copies, rewrites) as JSON Lines."""
    return write_corpus(generate_corpus(300, seed=11), tmp_path_factory.mktemp("corpus"))


def imported(path: Path, files: dict[str, Path]) -> sqlite_utils.Database:
    db = sqlite_utils.Database(path)
    ensure_db_shape(db)
    pipeline.import_paths(db, [files["articles"]], extra_registry=[files["outlets"]], workers=1)
    return db


def contents(db: sqlite_utils.Database) -> dict[str, list]:
    return {name: db.execute(sql).fetchall() for name, sql in TABLES.items()}


@pytest.fixture(scope="module")
def expected(corpus_files, tmp_path_factory) -> dict[str, list]:
    """The tables an import writes with reuse worked out in this process (too few articles for a worker)."""
    db = imported(tmp_path_factory.mktemp("here") / "here.db", corpus_files)
    found = contents(db)
    assert len(found["article_reuse"]) > 50 and found["reuse_echoes"] and found["lineage"]
    return found


@pytest.fixture
def pools(monkeypatch) -> list[int]:
    """Every worker asked for (reuse's pool size), with reuse beside the other stages from one article."""
    asked: list[int] = []
    real = reuse.process_pool

    def counted(workers: int, *args, **kwargs):
        asked.append(workers)
        return real(workers, *args, **kwargs)

    monkeypatch.setattr(reuse, "process_pool", counted)
    monkeypatch.setattr(reuse, "BESIDE_MIN_ARTICLES", 1)
    return asked


def test_an_import_with_reuse_on_a_worker_writes_the_same_rows(corpus_files, expected, tmp_path, pools, caplog):
    with caplog.at_level(logging.WARNING, logger="provenance"):
        db = imported(tmp_path / "beside.db", corpus_files)
    assert pools == [1]
    assert contents(db) == expected
    assert "reuse worker failed" not in caplog.text
    assert db.execute("select count(*) from articles where traced = 0").fetchone()[0] == 0


def test_a_whole_trace_with_reuse_on_a_worker_writes_the_same_rows(corpus_files, expected, tmp_path, pools):
    db = imported(tmp_path / "trace.db", corpus_files)
    with db.conn:
        db.conn.execute("delete from article_reuse")
        db.conn.execute("delete from lineage")
    pools.clear()
    pipeline.trace_all(db)
    assert pools == [1]
    assert contents(db) == expected


def test_a_database_in_memory_works_reuse_out_here(pools):
    db = sqlite_utils.Database(memory=True)
    ensure_db_shape(db)
    beside = reuse.ReuseBeside(db, [1, 2, 3])
    assert not beside.beside and pools == []
    assert beside.finish() == set()


class BrokenPool:
    """A pool whose worker is lost before it answers."""

    def submit(self, *args) -> Future:
        future: Future = Future()
        future.set_exception(BrokenProcessPool("a worker died"))
        return future

    def shutdown(self, *args, **kwargs) -> None:
        pass


def test_a_lost_worker_leaves_the_work_to_this_process(corpus_files, expected, tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(reuse, "BESIDE_MIN_ARTICLES", 1)
    monkeypatch.setattr(reuse, "process_pool", lambda workers: BrokenPool())
    with caplog.at_level(logging.WARNING, logger="provenance"):
        db = imported(tmp_path / "lost.db", corpus_files)
    assert "reuse worker failed (BrokenProcessPool: a worker died)" in caplog.text
    assert contents(db) == expected


def test_a_stage_that_fails_beside_the_worker_writes_no_reuse_and_the_next_run_does(
    corpus_files, expected, tmp_path, pools, monkeypatch
):
    real = clustering.assign_occurrences

    def failing(db):
        raise RuntimeError("clustering broke")

    monkeypatch.setattr(clustering, "assign_occurrences", failing)
    path = tmp_path / "failed.db"
    with pytest.raises(RuntimeError, match="clustering broke"):
        imported(path, corpus_files)
    db = sqlite_utils.Database(path)
    assert db.execute("select count(*) from article_reuse").fetchone()[0] == 0
    assert db.execute("select count(*) from articles where traced = 0").fetchone()[0] == db["articles"].count
    monkeypatch.setattr(clustering, "assign_occurrences", real)
    pipeline.update_after_import(db)
    assert contents(db) == expected


@pytest.fixture(scope="module")
def two_parts(corpus_files, tmp_path_factory) -> list[Path]:
    """The corpus's articles as two imports: the first 250, then the other 50."""
    lines = corpus_files["articles"].read_text(encoding="utf-8").splitlines(keepends=True)
    folder = tmp_path_factory.mktemp("parts")
    parts = [folder / "first.jsonl", folder / "then.jsonl"]
    parts[0].write_text("".join(lines[:250]), encoding="utf-8")
    parts[1].write_text("".join(lines[250:]), encoding="utf-8")
    assert len(lines) > 260
    return parts


def imported_in_parts(path: Path, parts: list[Path], files: dict[str, Path]) -> sqlite_utils.Database:
    db = sqlite_utils.Database(path)
    ensure_db_shape(db)
    for part in parts:
        pipeline.import_paths(db, [part], extra_registry=[files["outlets"]], workers=1)
    return db


@pytest.fixture(scope="module")
def expected_in_parts(corpus_files, two_parts, tmp_path_factory) -> dict[str, list]:
    """The tables two imports write with reuse worked out in this process."""
    return contents(imported_in_parts(tmp_path_factory.mktemp("parts-here") / "here.db", two_parts, corpus_files))


def test_an_update_of_a_database_worth_a_worker_is_split_and_writes_the_same_rows(
    corpus_files, two_parts, expected_in_parts, tmp_path, monkeypatch, caplog
):
    # the first import (250 articles) is a whole plan on a worker; the next (50 new into 250) is split
    monkeypatch.setattr(reuse, "BESIDE_MIN_ARTICLES", 100)
    monkeypatch.setattr(reuse, "BESIDE_MIN_NEW", 10)
    made: list[tuple[bool, bool, int]] = []  # each update's: on a worker, split, new articles
    real = reuse.ReuseBeside.__init__

    def recorded(self, db, article_ids):
        real(self, db, article_ids)
        made.append((self.beside, self.split, len(self.ids)))

    monkeypatch.setattr(reuse.ReuseBeside, "__init__", recorded)
    lists: list[int] = []
    real_lists = reuse.rank_candidates

    def ranked_here(db, article_ids):
        lists.append(len(article_ids))
        return real_lists(db, article_ids)

    monkeypatch.setattr(reuse, "rank_candidates", ranked_here)  # this process's calls only
    with caplog.at_level(logging.WARNING, logger="provenance"):
        db = imported_in_parts(tmp_path / "split.db", two_parts, corpus_files)
    new = len(two_parts[1].read_text(encoding="utf-8").splitlines())
    assert made == [(True, False, 250), (True, True, new)]
    assert lists[0] == new  # the new articles ranked here (then those of `dropped`); the earlier ones on the worker
    assert "reuse worker failed" not in caplog.text
    assert contents(db) == expected_in_parts


def test_a_list_does_not_hang_on_the_articles_ranked_with_it(corpus_files, tmp_path):
    # what lets a split update rank the new articles here and the earlier ones on a worker
    db = imported(tmp_path / "lists.db", corpus_files)
    ids = [row[0] for row in db.execute("select id from articles order by id")]
    first, then = set(ids[:200]), set(ids[200:])
    together = reuse.rank_candidates(db, first | then)
    assert len(together) > 100
    assert {**reuse.rank_candidates(db, first), **reuse.rank_candidates(db, then)} == together


def test_a_split_update_whose_worker_is_lost_is_worked_out_here(
    corpus_files, two_parts, expected_in_parts, tmp_path, monkeypatch, caplog
):
    monkeypatch.setattr(reuse, "BESIDE_MIN_ARTICLES", 100)
    monkeypatch.setattr(reuse, "BESIDE_MIN_NEW", 10)
    monkeypatch.setattr(reuse, "process_pool", lambda workers: BrokenPool())
    with caplog.at_level(logging.WARNING, logger="provenance"):
        db = imported_in_parts(tmp_path / "lost.db", two_parts, corpus_files)
    assert caplog.text.count("reuse worker failed (BrokenProcessPool: a worker died)") == 2
    assert contents(db) == expected_in_parts


def test_an_import_into_a_database_worth_a_worker_starts_the_fork_server_first(
    corpus_files, two_parts, tmp_path, monkeypatch
):
    started: list[int] = []
    monkeypatch.setattr(pipeline, "warm_fork_server", lambda: started.append(1))
    monkeypatch.setattr(reuse, "BESIDE_MIN_ARTICLES", 100)
    db = imported_in_parts(tmp_path / "warm.db", two_parts[:1], corpus_files)
    assert started == []  # an empty database: no update of it goes to a worker
    pipeline.import_paths(db, [two_parts[1]], extra_registry=[corpus_files["outlets"]], workers=1)
    assert started == [1]
