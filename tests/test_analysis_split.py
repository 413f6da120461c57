"""An update's analysis split with the worker started ahead saves what the analysis in one process does."""

from __future__ import annotations

import io
import logging
import os
import sys
import time
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
import sqlite_utils

import provenance.reuse as reuse
from db import ensure_db_shape
from provenance import pipeline, workers

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from synthetic import generate_corpus, write_corpus  # noqa: E402

pytestmark = pytest.mark.xdist_group("reuse_beside")  # forks from the fork server, as test_reuse_beside does

TABLES = ("articles", "outlets", "quote_occurrences", "credits", "credit_occurrences", "article_links",
          "quotes", "lineage", "article_reuse", "reuse_echoes", "article_fingerprints", "errors")
CLOCK_COLUMNS = {"fetched_at", "first_seen", "time_key", "at", "run_id"}
FIRST = 200  # articles of the database before the update (the threshold of a large one, lowered for the tests)
BAD_LINE = '{"url": "https://broken.example/a", "text": \n'  # a record that fails: its error row saved in its place


def contents(db: sqlite_utils.Database) -> dict[str, list[str]]:
    """Every row of the analysed tables (their ids with them), without the columns that hold the clock."""
    dump = {}
    for table in TABLES:
        columns = [name for name in db[table].columns_dict if name not in CLOCK_COLUMNS]
        dump[table] = sorted(map(repr, db.execute(f"select {', '.join(columns)} from {table}").fetchall()))
    return dump


@pytest.fixture(scope="module")
def parts(tmp_path_factory) -> dict[str, Path]:
    """A synthetic corpus as the database's first FIRST articles and an update of the rest (one bad line among them)."""
    folder = tmp_path_factory.mktemp("split")
    files = write_corpus(generate_corpus(260, seed=5), folder)
    lines = files["articles"].read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / "head.jsonl").write_text("".join(lines[:FIRST]), encoding="utf-8")
    tail = lines[FIRST:]
    (folder / "tail.jsonl").write_text("".join(tail[:25] + [BAD_LINE] + tail[25:]), encoding="utf-8")
    return {"head": folder / "head.jsonl", "tail": folder / "tail.jsonl", "outlets": files["outlets"]}


@pytest.fixture(scope="module")
def head(parts, tmp_path_factory) -> sqlite_utils.Database:
    """The database of the head, imported once."""
    db = sqlite_utils.Database(tmp_path_factory.mktemp("head") / "head.db")
    ensure_db_shape(db)
    pipeline.import_paths(db, [parts["head"]], extra_registry=[parts["outlets"]], workers=1)
    return db


def headed(path: Path, head: sqlite_utils.Database, monkeypatch) -> sqlite_utils.Database:
    """A copy of the head's database, which then counts as large (an update of it wants a worker)."""
    db = sqlite_utils.Database(path)
    head.conn.backup(db.conn)
    monkeypatch.setattr(reuse, "BESIDE_MIN_ARTICLES", FIRST)
    return db


def stepped(path: Path, head: sqlite_utils.Database, parts: dict[str, Path], workers: int | None, monkeypatch) -> sqlite_utils.Database:
    """The head's database, then the tail imported as an update of a database counted as large, a core idle."""
    db = headed(path, head, monkeypatch)
    monkeypatch.setattr(pipeline, "idle_core", lambda: True)  # the suite runs beside other work
    pipeline.import_paths(db, [parts["tail"]], extra_registry=[parts["outlets"]], workers=workers)
    return db


@pytest.fixture(scope="module")
def serial(parts, head, tmp_path_factory) -> dict[str, list[str]]:
    """The rows of the update analysed in this process alone (`workers=1`: no split)."""
    patch = pytest.MonkeyPatch()
    called: list[bool] = []
    patch.setattr(pipeline, "analyse_split", lambda *args, **kwargs: called.append(True))
    try:
        found = contents(stepped(tmp_path_factory.mktemp("serial") / "serial.db", head, parts, 1, patch))
    finally:
        patch.undo()
    assert called == [] and len(found["articles"]) == 261 and len(found["errors"]) == 1
    assert len(found["article_reuse"]) > 20 and found["lineage"]
    return found


class DyingPool:
    """The worker started ahead, killed once it has sent back its first analyses (a worker lost mid-split)."""

    def __init__(self, pool) -> None:
        self.pool = pool
        self.analyses = 0

    def submit(self, function, *args) -> Future:
        future = self.pool.submit(function, *args)
        if function is pipeline._analyse_task:
            future.add_done_callback(self.kill)
        return future

    def kill(self, future: Future) -> None:
        self.analyses += 1
        if self.analyses == 1 and future.exception() is None:
            os.kill(next(iter(self.pool._processes)), 9)


class BrokenPool:
    """A worker started ahead that died before the split began."""

    def submit(self, *args) -> Future:
        raise BrokenProcessPool("a worker died")


@pytest.mark.parametrize(
    "worker, on_worker, warned",
    [
        ("running", True, False),  # the worker analyses from the back while this process does the front
        ("lost mid-split", True, True),  # killed after its first task: the tasks it held are analysed here
        ("broken", False, False),  # its pool broken when the split begins: everything here
        ("never started", False, False),  # not started while this process analysed: everything here
    ],
)
def test_a_split_update_saves_the_rows_of_one_process(parts, head, serial, tmp_path, monkeypatch, caplog, worker, on_worker, warned):
    monkeypatch.setattr(pipeline, "SPLIT_LINES", 2)  # the update's 61 lines in 31 tasks
    here: list[object] = []
    real_task = pipeline.analyse_task

    def slow_here(task, registry, payloads):  # this process slower than its worker, which so takes a share
        here.append(task)
        time.sleep(0.05)
        return real_task(task, registry, payloads)

    monkeypatch.setattr(pipeline, "analyse_task", slow_here)
    real_ahead = reuse.worker_ahead
    pools: list[DyingPool] = []

    def ahead():
        pool = real_ahead()
        if pool is None or worker == "running":
            return pool
        if worker == "never started":
            return None
        pools.append(DyingPool(pool) if worker == "lost mid-split" else BrokenPool())
        return pools[-1]

    monkeypatch.setattr(reuse, "worker_ahead", ahead)
    with caplog.at_level(logging.WARNING, logger="provenance"):
        db = stepped(tmp_path / "split.db", head, parts, None, monkeypatch)
    assert contents(db) == serial
    assert 0 < len(here) and (len(here) < 31) == on_worker
    assert ("analysis worker failed" in caplog.text) == warned
    assert "reuse worker failed" not in caplog.text  # a lost worker is replaced for the update


@pytest.mark.parametrize(
    "asked, idle, split",
    [
        (None, True, True),  # analysed here by default, a core idle: split
        (1, True, False),  # one process asked for
        (None, False, False),  # no core idle: the worker's start and reads would cost more than it saves
    ],
)
def test_an_update_is_split_by_default_while_a_core_is_idle(parts, head, tmp_path, monkeypatch, asked, idle, split):
    db = headed(tmp_path / "given.db", head, monkeypatch)
    monkeypatch.setattr(pipeline, "idle_core", lambda: idle)
    splits: list[bool] = []
    monkeypatch.setattr(pipeline, "ingest", lambda db, analyses, **options: splits.append(options["as_analysed"]))
    monkeypatch.setattr(pipeline, "update_after_import", lambda db, **options: set())
    pipeline.import_paths(db, [parts["tail"]], extra_registry=[parts["outlets"]], workers=asked)
    assert splits == [split]


@pytest.mark.parametrize(
    "load, cores, idle",
    [(0.8, 2, True), (1.4, 2, True), (1.6, 2, False), (11.0, 2, False), (0.2, 1, False), (3.0, 4, True)],
)
def test_a_core_is_idle_while_the_load_leaves_half_of_one(monkeypatch, load, cores, idle):
    monkeypatch.setattr(workers.os, "getloadavg", lambda: (load, load, load))
    monkeypatch.setattr(workers.os, "cpu_count", lambda: cores)
    monkeypatch.setattr(workers, "busy_cores", lambda seconds: load)  # the cores now as busy as the average says
    assert workers.idle_core() is idle


@pytest.mark.parametrize(
    "load, busy_now, idle",
    [
        (1.9, 1.0, True),  # the average still counts a minute of work that has ended: the cores now decide
        (1.9, 1.6, False),
        (11.0, 1.9, False),
        (1.9, None, False),  # no /proc/stat: the average alone
        (0.8, 2.0, True),  # the average idle: no need to look now
    ],
)
def test_a_busy_average_asks_how_busy_the_cores_are_now(monkeypatch, load, busy_now, idle):
    monkeypatch.setattr(workers.os, "getloadavg", lambda: (load, load, load))
    monkeypatch.setattr(workers.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(workers, "busy_cores", lambda seconds: busy_now)
    assert workers.idle_core() is idle


@pytest.mark.parametrize(
    "stats, busy",
    [
        # all cores' ticks (user nice system idle iowait irq softirq steal) read twice: 2 cores, half of it idle
        (["cpu  100 0 100 800 0 0 0 0 0 0", "cpu  150 0 150 900 0 0 0 0 0 0"], 1.0),
        (["cpu  100 0 0 100 0 0 0 0", "cpu  100 0 0 300 0 0 0 0"], 0.0),
        (["cpu  100 0 0 100 0 0 0 0", "cpu  100 0 0 100 0 0 0 0"], None),  # no tick between the reads
        (["intr 1 2 3", "intr 1 2 3"], None),
    ],
)
def test_busy_cores_read_from_proc_stat(monkeypatch, stats, busy):
    reads = iter(stats)
    monkeypatch.setattr(workers, "open", lambda *args, **options: io.StringIO(next(reads) + "\n"), raising=False)
    monkeypatch.setattr(workers.os, "cpu_count", lambda: 2)
    assert workers.busy_cores(0) == busy


@pytest.mark.parametrize(
    "items, size, runs",
    [
        ([1, 2, 3, 4, 5], 2, [[1, 2], [3, 4], [5]]),
        ([1, 2, 3, 4], 2, [[1, 2], [3, 4]]),
        ([1], 3, [[1]]),
        ([], 3, []),
    ],
)
def test_runs_are_handed_out_as_read(items, size, runs):
    read: list[int] = []

    def source():
        for item in items:
            read.append(item)
            yield item

    found = []
    for run in pipeline.in_runs(source(), size):
        found.append([])
        for item in run:
            assert read[-1] == item  # not read ahead of the one handed out
            found[-1].append(item)
    assert found == runs
