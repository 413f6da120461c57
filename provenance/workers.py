"""Worker processes that are safe to start from a process that runs threads, and survive a dead worker.

Forking a process copies every lock its other threads hold at that instant (logging's, the
allocator's, SQLite's) into the child, locked, with no thread left to release it: a worker that
needs one waits for ever. A crawl runs fetch threads, a Datasette plugin or a Dask client runs
its own, so workers come from a fork server instead: a fresh interpreter with one thread that has
imported our modules once, and forks each worker from there in milliseconds.

A worker that dies (killed, out of memory, a crash in C) breaks its pool and every task in
flight with it. `map_in_order` then starts a new pool and runs those tasks again one at a time,
so only a task that kills a worker again is given up, and the run goes on.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import select
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import BaseContext
from typing import Any, TypeVar

from provenance.counts import counted

LOGGER = logging.getLogger(__name__)

# Imported once by the fork server, so each worker starts with them loaded.
PRELOAD = ["provenance.pipeline", "provenance.crawl"]

# Tasks lost before any task succeeds that mean the workers cannot run at all.
LOST_BEFORE_ANY_RESULT = 3

# A core counts as idle while the last minute's load average leaves this much of one free ...
IDLE_SHARE = 0.5
# ... or while the cores' busy time over this many seconds, read now, leaves as much (the average lags a minute
# behind: right after a large import of this process's own it still says busy)
IDLE_SAMPLE_SECONDS = 0.05

Task = TypeVar("Task")
Result = TypeVar("Result")


# Whether the platform has a fork server (Linux, macOS; not Windows)
HAS_FORK_SERVER = "forkserver" in multiprocessing.get_all_start_methods()


def idle_core() -> bool:
    """Whether another core is likely idle: the last minute's load average, or the cores' busy time over the next
    IDLE_SAMPLE_SECONDS, below the cores less IDLE_SHARE of one.

    Work handed to a worker only to use a core nothing else uses pays on such a core alone: on a busy
    machine the worker's start and reads cost more than it saves.
    """
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # no load average here (Windows)
        return False
    cores = os.cpu_count() or 1
    if cores < 2:
        return False
    if load < cores - IDLE_SHARE:
        return True
    busy = busy_cores(IDLE_SAMPLE_SECONDS)
    return busy is not None and busy < cores - IDLE_SHARE


def busy_cores(seconds: float) -> float | None:
    """How many cores' worth of time the machine spent busy over the next `seconds` (None: no /proc/stat here)."""
    first = _cpu_times()
    if first is None:
        return None
    time.sleep(seconds)
    second = _cpu_times()
    if second is None:
        return None
    total = second[0] - first[0]
    idle = second[1] - first[1]
    if total <= 0:
        return None
    return (os.cpu_count() or 1) * (total - idle) / total


def _cpu_times() -> tuple[int, int] | None:
    """All cores' time and their idle time (idle and waiting on I/O) so far, in clock ticks, from /proc/stat."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = stat.readline().split()
    except OSError:
        return None
    if not fields or fields[0] != "cpu":
        return None
    ticks = [int(value) for value in fields[1:9]]  # user nice system idle iowait irq softirq steal
    return sum(ticks), ticks[3] + ticks[4]


def process_context() -> BaseContext:
    """The fork server where the platform has one, else fresh interpreters."""
    if HAS_FORK_SERVER:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)  # no effect once the server runs, which is fine
        return context
    return multiprocessing.get_context("spawn")


def start_fork_server(preload: list[str] | None = None) -> bool:
    """Start the fork server now, without waiting for it; whether there is one to start (Linux, macOS).

    The server imports `preload` (None: PRELOAD) on a core of its own while this process goes on,
    so the first pool asked for later forks its workers in milliseconds instead of waiting about
    half a second for a fresh interpreter. A worker needing a module the server did not import
    imports it itself. Already running: nothing happens.
    """
    if not HAS_FORK_SERVER:
        return False
    from multiprocessing import forkserver

    context = process_context()  # sets the modules to preload
    if preload is not None:
        context.set_forkserver_preload(preload)
    forkserver.ensure_running()
    return True


def fork_server_started() -> bool:
    """Whether this process started a fork server that has not been stopped (a worker from it starts in milliseconds).

    The server is not reaped here (the standard library does that when it starts one again), so
    one that died unreaped counts as started: the next pool then starts a new one, as it would anyway.
    """
    if not HAS_FORK_SERVER:
        return False
    from multiprocessing import forkserver

    pid = forkserver._forkserver._forkserver_pid  # the standard library keeps it under no public name
    return pid is not None and _alive(pid)


def stop_fork_server() -> None:
    """End the fork server (a later pool starts a new one).

    Workers are the fork server's children, so their CPU time and memory reach this process's
    `RUSAGE_CHILDREN` only once the server has ended: benchmarks call this before reading it.
    """
    if not HAS_FORK_SERVER:
        return
    from multiprocessing import forkserver

    forkserver._forkserver._stop()  # the standard library's own shutdown; no public name for it


def process_pool(workers: int, initializer: Callable[..., None] | None = None, initargs: tuple = ()) -> ProcessPoolExecutor:
    """A pool of `workers` processes from `process_context`; each ends with this process, Ctrl-C is ours."""
    return ProcessPoolExecutor(
        workers, mp_context=process_context(), initializer=_start_worker,
        initargs=(os.getpid(), logging_settings(), initializer, initargs),
    )


LoggingSettings = tuple[int, "str | None", bool, dict[str, int]]


def logging_settings() -> LoggingSettings:
    """This process's log level, line format (stamped with the time or not) and quietened loggers.

    A worker starts from the fork server with no logging set up: without these, what it logs
    would reach the crawl's log unformatted, without the time every other line begins with.
    """
    from provenance.stamped_output import StampedFormatter

    root = logging.getLogger()
    handler = next((handler for handler in root.handlers if type(handler) is logging.StreamHandler), None)
    formatter = handler.formatter if handler is not None else None
    levels = {
        name: logger.level
        for name, logger in list(logging.root.manager.loggerDict.items())
        if isinstance(logger, logging.Logger) and logger.level
    }
    return root.level, formatter._fmt if formatter else None, isinstance(formatter, StampedFormatter), levels


def apply_logging_settings(settings: LoggingSettings) -> None:
    """Log in this worker as the process that started it does (see `logging_settings`)."""
    from provenance.stamped_output import StampedFormatter
    from provenance.terminal import TerminalFormatter

    level, line_format, stamped, levels = settings
    root = logging.getLogger()
    root.setLevel(level)
    for name, logger_level in levels.items():
        logging.getLogger(name).setLevel(logger_level)
    if line_format is None:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(StampedFormatter(line_format) if stamped else TerminalFormatter(line_format))
    root.handlers = [handler]
    logging.captureWarnings(stamped)


def _start_worker(main_pid: int, settings: LoggingSettings, initializer: Callable[..., None] | None,
                  initargs: tuple) -> None:
    """In a worker: leave Ctrl-C to the main process, end with it, log as it does, then run the pool's initializer."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with(main_pid)
    apply_logging_settings(settings)
    if initializer is not None:
        initializer(*initargs)


def _exit_with(pid: int) -> None:
    """End this process when process `pid` ends: a killed run must leave no worker behind.

    A worker's parent is the fork server, and its pipes to the pool stay open in the worker
    itself, so nothing else tells it that the run is gone.
    """
    try:
        handle = os.pidfd_open(pid)  # Linux: readable once the process has ended
    except (AttributeError, OSError):
        handle = None

    def watch() -> None:
        if handle is not None:
            select.select([handle], [], [])
        else:
            while _alive(pid):
                time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-run", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, someone else's (the pid was reused): ours has ended
        return False
    return True


class WorkersFailed(RuntimeError):
    """Worker processes die on every task: they cannot run here at all."""


def _outcome(future: Future) -> tuple[bool, Any]:
    """(True, result), or (False, None) when the pool broke under the task; other errors propagate."""
    try:
        return True, future.result()
    except (BrokenProcessPool, CancelledError):
        return False, None


def map_in_order(
    function: Callable[[Task], Result],
    tasks: Iterable[Task],
    *,
    workers: int,
    window: int,
    lost: Callable[[Task, str], Result],
    initializer: Callable[..., None] | None = None,
    initargs: tuple = (),
) -> Iterator[Result]:
    """`function(task)` for every task, in task order, on `workers` processes, at most `window` in flight.

    `function` and the tasks must pickle. A task that kills its worker twice (once among others,
    once alone) yields `lost(task, message)` instead of a result. When the first
    LOST_BEFORE_ANY_RESULT tasks are all lost, the workers cannot run (a script without the
    `if __name__ == "__main__":` guard, say): WorkersFailed is raised.
    """
    pool = process_pool(workers, initializer, initargs)
    in_flight: deque[tuple[Task, Future]] = deque()
    results = losses = 0

    def submit(task: Task) -> Future:
        try:
            return pool.submit(function, task)
        except BrokenProcessPool as error:  # broke since the last look: the task fails as if it were in flight
            failed: Future = Future()
            failed.set_exception(error)
            return failed

    def replace_pool() -> None:
        nonlocal pool
        pool.shutdown(wait=True, cancel_futures=True)
        pool = process_pool(workers, initializer, initargs)

    def settle(limit: int) -> Iterator[Result]:
        nonlocal results, losses
        while len(in_flight) > limit:
            task, future = in_flight.popleft()
            done, value = _outcome(future)
            if done:
                results += 1
                yield value
                continue
            # The pool broke: this task and every one behind it are suspects, tried again alone.
            suspects = [(task, future), *in_flight]
            in_flight.clear()
            LOGGER.warning("a worker process died; running the %s it may have held one at a time", counted(len(suspects), "task"))
            replace_pool()
            for suspect, earlier in suspects:
                done, value = _outcome(earlier)  # finished before the break, or broken with it
                if not done:
                    done, value = _outcome(submit(suspect))
                if done:
                    results += 1
                    yield value
                    continue
                losses += 1
                if not results and losses >= LOST_BEFORE_ANY_RESULT:
                    raise WorkersFailed(
                        f"worker processes died on each of the first {losses} tasks; they cannot run here "
                        "(a script that starts them needs the `if __name__ == \"__main__\":` guard)"
                    )
                LOGGER.error("a worker process died on %r; giving it up", suspect)
                replace_pool()
                yield lost(suspect, "its worker process died (killed, out of memory or crashed)")

    try:
        for task in tasks:
            in_flight.append((task, submit(task)))
            yield from settle(window - 1)
        yield from settle(0)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
