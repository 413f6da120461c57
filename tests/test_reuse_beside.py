"""Reuse worked out on a worker beside the speaker and clustering stages writes what one process does."""

from __future__ import annotations

import functools
import logging
import sys
import time
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
import sqlite_utils

import provenance.reuse as reuse
from db import ensure_db_shape
from provenance import clustering, pipeline, workers

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from synthetic import generate_corpus, write_corpus  # noqa: E402

# On one worker when the suite runs on two (scripts/test.sh): the module's corpus and expected rows are built once.
pytestmark = pytest.mark.xdist_group("reuse_beside")

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


def test_lists_ranked_for_some_articles_are_those_of_a_whole_pass(corpus_files, tmp_path, monkeypatch):
    # a few articles' lists count overlaps with a Counter over their fingerprints' holders (or, when their
    # probes are every shared fingerprint, with the probes' count); a whole pass intersects sets
    db = imported(tmp_path / "lists.db", corpus_files)
    ids = [row[0] for row in db.execute("select id from articles order by id")]
    whole = reuse.rank_candidates(db, None)
    first, then = set(ids[:100]), set(ids[100:150])
    assert reuse.rank_candidates(db, first) == {article: whole[article] for article in first if article in whole}
    assert reuse.rank_candidates(db, then) == {article: whole[article] for article in then if article in whole}
    # chunks ranked one after another with what the earlier ones read of the index
    reads = reuse.IndexReads()
    for chunk in (ids[:60], ids[40:120], ids[120:150]):
        assert reuse.rank_candidates(db, set(chunk), reads) == {article: whole[article] for article in chunk if article in whole}
    assert len(reads.postings) > 100 and None in reads.postings.values()
    monkeypatch.setattr(reuse, "PROBES", 3)  # probes fewer than the shared fingerprints: the Counter over all
    whole = reuse.rank_candidates(db, None)
    assert len(whole) > 100
    assert reuse.rank_candidates(db, first) == {article: whole[article] for article in first if article in whole}
    assert reuse.rank_candidates(db, first, reuse.IndexReads()) == {article: whole[article] for article in first if article in whole}


@pytest.mark.parametrize("new_count", [40, 200])  # the new articles' fingerprints staged, or the earlier ones'
def test_what_finding_the_revisited_articles_read_ranks_the_new_articles_lists_as_the_index_does(
    corpus_files, tmp_path, new_count
):
    db = imported(tmp_path / "revisited.db", corpus_files)
    ids = [row[0] for row in db.execute("select id from articles order by id")]
    new = set(ids[-new_count:])
    reads = reuse.IndexReads()
    assert reuse.revisited_articles(db, new, reads) == reuse.revisited_articles(db, new)
    if 2 * new_count > len(ids):
        assert reads.postings == {}  # the earlier articles' side read: not every fingerprint of the new ones
    else:
        fresh = reuse.IndexReads()
        fresh.read(db, new)  # what ranking would read of the index for them
        assert {value: reads.postings[value] for value in fresh.postings} == fresh.postings
        assert {value: reads.keys[value] for value in fresh.keys} == fresh.keys
        assert len(fresh.keys) > 50 and None in fresh.postings.values()
        assert reads.totals == reuse._fingerprint_counts(db, set(reads.totals)) and len(reads.totals) > new_count
    assert reuse.rank_candidates(db, new, reads) == reuse.rank_candidates(db, new)


def imported_in_two(path: Path, files: dict[str, Path], first: int, monkeypatch) -> sqlite_utils.Database:
    """The corpus imported as its first `first` articles, then the rest as an update, with 200 articles
    counting as a large database (for the update only: the first import goes beside by its own size)."""
    lines = files["articles"].read_text(encoding="utf-8").splitlines(keepends=True)
    head, tail = path.with_suffix(".head.jsonl"), path.with_suffix(".tail.jsonl")
    head.write_text("".join(lines[:first]), encoding="utf-8")
    tail.write_text("".join(lines[first:]), encoding="utf-8")
    db = imported(path, {"articles": head, "outlets": files["outlets"]})
    monkeypatch.setattr(reuse, "BESIDE_MIN_ARTICLES", 200)
    pipeline.import_paths(db, [tail], extra_registry=[files["outlets"]], workers=1)
    return db


def test_an_update_of_a_large_database_is_worked_out_beside_once_the_fork_server_runs(
    corpus_files, tmp_path, monkeypatch
):
    # the 50 articles of the update would not go to a worker by their number; the 300 of the database do
    asked: list[int] = []
    real = reuse.process_pool
    monkeypatch.setattr(reuse, "process_pool", lambda count: asked.append(count) or real(count))
    workers.stop_fork_server()
    monkeypatch.setattr(pipeline, "start_fork_server", lambda preload=None: False)  # as where there is none
    cold = contents(imported_in_two(tmp_path / "cold.db", corpus_files, 250, monkeypatch))
    assert asked == [] and not workers.fork_server_started()
    monkeypatch.undo()
    monkeypatch.setattr(reuse, "process_pool", lambda count: asked.append(count) or real(count))
    warm = contents(imported_in_two(tmp_path / "warm.db", corpus_files, 250, monkeypatch))
    assert asked == [1] and workers.fork_server_started()
    assert warm == cold and len(warm["article_reuse"]) > 50


def test_a_small_database_starts_no_fork_server(tmp_path, monkeypatch):
    started: list[bool] = []
    monkeypatch.setattr(pipeline, "start_fork_server", lambda preload=None: started.append(True) or True)
    db = sqlite_utils.Database(tmp_path / "small.db")
    ensure_db_shape(db)
    assert not pipeline.warm_workers(db) and started == []
    monkeypatch.setattr(reuse, "BESIDE_MIN_ARTICLES", 0)
    assert pipeline.warm_workers(db) and started == [True]
    assert not pipeline.warm_workers(sqlite_utils.Database(memory=True))  # no file a worker could read
    monkeypatch.setattr(pipeline.os, "cpu_count", lambda: 1)
    assert not pipeline.warm_workers(db)


@pytest.mark.parametrize(
    "analysis_workers, preloaded",
    [
        (1, {"provenance.reuse": True, "provenance.pipeline": False, "provenance.crawl": False}),  # only the update's worker
        (2, {"provenance.reuse": True, "provenance.pipeline": True, "provenance.crawl": True}),  # analysis workers too
    ],
)
def test_the_fork_server_imports_what_the_import_will_fork_for(tmp_path, monkeypatch, analysis_workers, preloaded):
    monkeypatch.setattr(reuse, "BESIDE_MIN_ARTICLES", 0)
    db = sqlite_utils.Database(tmp_path / "warm.db")
    ensure_db_shape(db)
    workers.stop_fork_server()
    try:
        assert pipeline.warm_workers(db, analysis_workers)
        # eval of a string, a builtin: a task that makes the worker import nothing of ours
        asked = {name: functools.partial(eval, f"{name!r} in __import__('sys').modules") for name in preloaded}
        with workers.process_pool(1) as pool:
            assert {name: pool.submit(task).result() for name, task in asked.items()} == preloaded
    finally:
        workers.stop_fork_server()  # later tests' pools start one that imports everything


@pytest.mark.parametrize(
    "ahead, taken",
    [
        ("started", True),  # the update's pool is the one started ahead, its worker running already
        ("dead", False),  # its worker died while it waited: the update starts a new one
        ("dropped", False),  # let go (an import that wanted none): the next update starts its own
        ("none", False),
    ],
)
def test_the_update_takes_the_worker_started_ahead_while_it_lives(ahead, taken):
    pool = None
    if ahead != "none":
        reuse.start_worker_ahead()
        pool = reuse._AHEAD[-1][0].join() or reuse._AHEAD[-1][1][0]
        assert pool.submit(int).result() == 0  # its process runs
    if ahead == "dead":
        worker = next(iter(pool._processes.values()))
        worker.kill()
        worker.join()
        for _ in range(200):  # until the pool's manager has seen it (a task submitted before would fail instead)
            if pool._broken:
                break
            time.sleep(0.05)
    if ahead == "dropped":
        reuse.drop_worker_ahead()
    used = reuse._worker_pool()
    try:
        assert (used is pool) == taken and not reuse._AHEAD
        assert used.submit(int).result() == 0
    finally:
        used.shutdown()


def test_an_import_lets_go_the_worker_ahead_that_no_update_took(corpus_files, tmp_path, monkeypatch):
    db = imported(tmp_path / "again.db", corpus_files)
    monkeypatch.setattr(reuse, "BESIDE_MIN_ARTICLES", 1)
    dropped: list[bool] = []
    real = reuse.drop_worker_ahead
    monkeypatch.setattr(reuse, "drop_worker_ahead", lambda: dropped.append(bool(reuse._AHEAD)) or real())
    pipeline.import_paths(db, [corpus_files["articles"]], extra_registry=[corpus_files["outlets"]], workers=1)
    assert dropped == [True] and not reuse._AHEAD  # the same articles again: nothing new to update, no worker taken


def test_an_update_shares_the_ranking_with_the_worker(corpus_files, tmp_path, monkeypatch):
    # the worker ranks the lists of the earlier articles the update revisits, this process the new ones'
    splits: list[bool] = []
    real = reuse.ReuseBeside.finish

    def noted(self):
        splits.append(self.split)
        return real(self)

    monkeypatch.setattr(reuse.ReuseBeside, "finish", noted)
    monkeypatch.setattr(reuse, "BESIDE_MIN_ARTICLES", 200)
    whole = contents(imported(tmp_path / "whole.db", corpus_files))  # a first import: all of it on the worker
    assert splits == [False]
    shared = contents(imported_in_two(tmp_path / "shared.db", corpus_files, 250, monkeypatch))
    assert splits[-1] is True
    assert shared == whole


def test_a_shared_update_ranks_and_scores_in_chunks_taken_from_either_end(corpus_files, tmp_path, monkeypatch):
    gathered: list[tuple[int, int]] = []  # per stage: chunks queued, and how many the worker did
    real = reuse._Shared.gather

    def noted(self, queued, here):
        found = real(self, queued, here)
        gathered.append((len(queued), sum(not future.cancelled() for future, _ in queued)))
        return found

    monkeypatch.setattr(reuse._Shared, "gather", noted)
    monkeypatch.setattr(reuse, "BESIDE_MIN_ARTICLES", 200)
    whole = contents(imported(tmp_path / "whole.db", corpus_files))
    monkeypatch.setattr(reuse, "SHARED_CHUNK_MIN", 2)  # the update's few lists and pairs in several chunks too
    shared = contents(imported_in_two(tmp_path / "shared.db", corpus_files, 250, monkeypatch))
    # the new articles' lists, the earlier ones', those pushed out, the pairs: each in up to eight chunks
    assert len(gathered) == 4 and all(queued > 1 for queued, _ in gathered)
    assert sum(worker for _, worker in gathered) > 0
    assert shared == whole


def test_chunks_cover_every_item_in_order() -> None:
    items = list(range(1050))
    chunks = reuse._chunks(items)
    assert [item for chunk in chunks for item in chunk] == items and len(chunks) == 8
    assert reuse._chunks(list(range(250))) == [list(range(100)), list(range(100, 200)), list(range(200, 250))]
    assert reuse._chunks([]) == []


REAL_POOL = reuse.process_pool


class FailingLater:
    """A real pool of one worker whose tasks after the first fail (a worker lost mid-update)."""

    def __init__(self, workers: int) -> None:
        self.pool = REAL_POOL(workers)
        self.submitted = 0

    def submit(self, *args) -> Future:
        self.submitted += 1
        if self.submitted == 1:
            return self.pool.submit(*args)
        return BrokenPool().submit(*args)

    def shutdown(self, *args, **kwargs) -> None:
        self.pool.shutdown(*args, **kwargs)


def test_a_worker_lost_after_the_first_half_leaves_the_rest_here(corpus_files, tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(reuse, "BESIDE_MIN_ARTICLES", 200)
    expected = contents(imported(tmp_path / "whole.db", corpus_files))
    monkeypatch.setattr(reuse, "SHARED_CHUNK_MIN", 2)
    monkeypatch.setattr(reuse, "process_pool", FailingLater)
    with caplog.at_level(logging.WARNING, logger="provenance"):
        db = imported_in_two(tmp_path / "later.db", corpus_files, 250, monkeypatch)
    assert caplog.text.count("doing its part here") == 1  # said once; nothing more is sent to it
    assert contents(db) == expected


def test_a_shared_ranking_whose_worker_is_lost_is_done_here(corpus_files, tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(reuse, "BESIDE_MIN_ARTICLES", 200)
    expected = contents(imported(tmp_path / "whole.db", corpus_files))
    monkeypatch.setattr(reuse, "process_pool", lambda workers: BrokenPool())
    monkeypatch.setattr(reuse, "fork_server_started", lambda: True)
    with caplog.at_level(logging.WARNING, logger="provenance"):
        db = imported_in_two(tmp_path / "lost.db", corpus_files, 250, monkeypatch)
    assert "reuse worker failed (BrokenProcessPool: a worker died)" in caplog.text
    assert contents(db) == expected


def test_the_worker_ranks_the_earlier_articles_lists_before_this_process_asks(corpus_files, tmp_path, monkeypatch):
    # queued with the new articles' lists: while clustering runs here the worker ranks them all, none is left here
    monkeypatch.setattr(reuse, "BESIDE_MIN_ARTICLES", 200)
    whole = contents(imported(tmp_path / "whole.db", corpus_files))
    monkeypatch.setattr(reuse, "SHARED_CHUNK_MIN", 2)
    besides: list[reuse.ReuseBeside] = []
    real_init, real_assign = reuse.ReuseBeside.__init__, clustering.assign_occurrences

    def noted(self, *args):
        real_init(self, *args)
        besides.append(self)

    def waiting(db):
        for future in besides[-1].earlier_lists:
            future.exception(timeout=60)  # done (a part past the last chunk finds nothing)
        return real_assign(db)

    gathered: list[tuple[int, int]] = []  # per stage: chunks queued, and how many were done here
    real_gather = reuse._Shared.gather

    def counted(self, queued, here):
        done_here: list[bool] = []
        found = real_gather(self, queued, lambda chunk: done_here.append(True) or here(chunk))
        gathered.append((len(queued), len(done_here)))
        return found

    monkeypatch.setattr(reuse.ReuseBeside, "__init__", noted)
    monkeypatch.setattr(clustering, "assign_occurrences", waiting)
    monkeypatch.setattr(reuse._Shared, "gather", counted)
    revisited: list[set[int]] = []
    real_revisited = reuse.revisited_articles
    monkeypatch.setattr(reuse, "revisited_articles", lambda *args: revisited.append(real_revisited(*args)) or revisited[-1])
    shared = contents(imported_in_two(tmp_path / "shared.db", corpus_files, 250, monkeypatch))
    earlier = besides[-1].earlier_lists
    assert len(earlier) == reuse.SHARED_CHUNKS and all(future.done() and not future.cancelled() for future in earlier)
    assert revisited == []  # found on the worker, not here
    # the new articles' lists and the earlier ones' all ranked on the worker before this process asked
    assert len(gathered) == 4 and gathered[1][0] > 1 and gathered[0][1] == gathered[1][1] == 0
    assert shared == whole


@pytest.mark.parametrize(
    "found, part, ranked",
    [
        (set(range(1, 251)), 0, set(range(1, 101))),
        (set(range(1, 251)), 2, set(range(201, 251))),
        (set(range(1, 251)), 3, None),  # past the last chunk: nothing ranked
        (set(), 0, None),
        (None, 0, LookupError),  # the plan's revisited articles never found on this worker
    ],
)
def test_a_worker_ranks_a_part_of_the_revisited_articles_it_found(tmp_path, monkeypatch, found, part, ranked):
    db = sqlite_utils.Database(tmp_path / "parts.db")
    ensure_db_shape(db)
    plan = (str(tmp_path / "parts.db"), "token")
    monkeypatch.setattr(reuse, "_WORKER_STATE", {})
    monkeypatch.setattr(reuse, "revisited_articles", lambda database, ids, reads: set(found))
    monkeypatch.setattr(reuse, "rank_candidates", lambda database, ids, reads: {article: [] for article in ids})
    if found is not None:
        assert reuse._revisited_on_worker(plan, [300]) == found
    if ranked is LookupError:
        with pytest.raises(LookupError):
            reuse._rank_revisited_on_worker(plan, part)
        return
    assert reuse._rank_revisited_on_worker(plan, part) == {article: [] for article in ranked or ()}


@pytest.mark.parametrize(
    "pairs, ordered",
    [
        ([], []),
        ([(3, 4), (1, 2)], [(1, 2), (3, 4)]),
        # a new article (9) of the story of 1 and 5: its pairs together, though 3 and 4 lie between in id
        ([(5, 9), (1, 2), (2, 9), (3, 4), (4, 10), (6, 7)], [(1, 2), (2, 9), (5, 9), (3, 4), (4, 10), (6, 7)]),
        ([(7, 8), (1, 8), (2, 3)], [(1, 8), (7, 8), (2, 3)]),
    ],
)
def test_pairs_to_score_are_chunked_by_story(pairs, ordered):
    assert reuse._linked_order(pairs) == ordered
    assert reuse._linked_order(reversed(pairs)) == ordered
