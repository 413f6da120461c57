"""Worker processes: results in order, a dead worker costs one task, no lock inherited from a thread."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from provenance.workers import WorkersFailed, map_in_order, process_pool

HELD = threading.Lock()  # held by a thread of the test process while its workers start


def square_or_die(number: int) -> int:
    """The square of `number`; a negative number kills the worker process that runs it."""
    if number < 0:
        os.kill(os.getpid(), signal.SIGKILL)
    return number * number


def lost(number: int, message: str) -> str:
    return f"lost {number}: {message}"


def lock_is_free() -> bool:
    """In a worker: whether HELD can be taken (a forked child inherits it taken, for ever)."""
    taken = HELD.acquire(timeout=2)
    if taken:
        HELD.release()
    return taken


def test_results_come_in_task_order_with_a_small_window() -> None:
    results = list(map_in_order(square_or_die, range(20), workers=2, window=3, lost=lost))
    assert results == [number * number for number in range(20)]


def test_a_task_that_kills_its_worker_is_lost_and_the_others_are_not() -> None:
    tasks = [1, 2, 3, -4, 5, 6, 7, 8]
    results = list(map_in_order(square_or_die, tasks, workers=2, window=4, lost=lost))
    assert results[:3] + results[4:] == [1, 4, 9, 25, 36, 49, 64]
    assert results[3].startswith("lost -4: its worker process died")


def test_two_killers_in_one_window_are_each_lost_alone() -> None:
    results = list(map_in_order(square_or_die, [-1, 2, -3, 4], workers=2, window=4, lost=lost))
    assert [result if isinstance(result, int) else result.split(":")[0] for result in results] == [
        "lost -1", 4, "lost -3", 16]


def test_workers_do_not_inherit_a_lock_another_thread_holds() -> None:
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with HELD:
            held.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(30)
    try:
        with process_pool(2) as pool:
            assert pool.submit(lock_is_free).result(timeout=30)
    finally:
        release.set()
        holder.join()


def test_the_crawl_replaces_its_analysis_pool_only_when_that_pool_broke() -> None:
    from provenance.crawl import _broke

    with process_pool(1) as broken, process_pool(1) as working:
        died = broken.submit(square_or_die, -1)
        assert died.exception(timeout=30) is not None
        raised = working.submit(int, "not a number")
        assert isinstance(raised.exception(timeout=30), ValueError)
        assert _broke(died, broken)
        assert not _broke(died, working)  # already replaced: the other pages of the broken pool change nothing
        assert not _broke(raised, working)  # an ordinary error is the page's own


def test_workers_that_die_on_every_task_end_the_map_with_one_error() -> None:
    with pytest.raises(WorkersFailed, match="died on each of the first 3 tasks"):
        list(map_in_order(square_or_die, [-1, -2, -3, -4, 5], workers=2, window=2, lost=lost))
    results = list(map_in_order(square_or_die, [1, -2, -3, -4, 5], workers=2, window=2, lost=lost))
    assert results[0] == 1 and results[-1] == 25  # one result first: the losses are the tasks' own
    assert [result.split(":")[0] for result in results[1:4]] == ["lost -2", "lost -3", "lost -4"]


RUN_WITH_WORKERS = """
import os, sys, time
sys.path.insert(0, {root!r})
from provenance.workers import process_pool

if __name__ == "__main__":
    pool = process_pool(2)
    futures = [pool.submit(time.sleep, 0.5) for _ in range(2)]  # both workers busy at once
    futures = [pool.submit(os.getpid) for _ in range(2)]
    print(" ".join(str(future.result()) for future in futures), flush=True)
    time.sleep(60)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_workers_end_when_the_run_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "run.py"
    script.write_text(RUN_WITH_WORKERS.format(root=str(Path(__file__).resolve().parents[1])))
    run = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        workers = [int(pid) for pid in run.stdout.readline().split()]
        assert workers and all(alive(pid) for pid in workers)
    finally:
        run.kill()  # SIGKILL: no handler, no clean-up in the run itself
        run.wait()
        run.stdout.close()
    deadline = time.monotonic() + 20
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(pid) for pid in workers)


def alive(pid: int) -> bool:
    """Whether process `pid` runs (a zombie waiting for its parent has ended)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):  # gone, or going between the open and the read
        return False
