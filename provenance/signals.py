"""SIGTERM handled like Ctrl-C while a long command runs, so it stops cleanly and says so; and a time limit
on the work of one page, so that no page holds a run."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Terminated(KeyboardInterrupt):
    """SIGTERM (systemd stop, kill, a job timeout), raised where Ctrl-C raises KeyboardInterrupt."""


def _interrupt(signum: int, frame: object) -> None:
    raise Terminated


def describe_interruption(error: BaseException) -> str:
    """What interrupted a run, in words: 'SIGTERM' or 'Ctrl-C (SIGINT)'."""
    return "SIGTERM" if isinstance(error, Terminated) else "Ctrl-C (SIGINT)"


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """Inside the block, SIGTERM (systemd stop, kill, a CI timeout) raises Terminated, a KeyboardInterrupt.

    The handler before it is put back afterwards. Outside the main thread signals cannot be
    handled, and the block runs with them as they are.
    """
    try:
        before = signal.signal(signal.SIGTERM, _interrupt)
    except ValueError:  # not the main thread (embedded use)
        before = None
    try:
        yield
    finally:
        if before is not None:
            signal.signal(signal.SIGTERM, before)


# How long the extraction or the analysis of one page may take. The costliest real pages here take a
# second or two, and a 10 MB page built to be costly (185,000 quotations) 16 s; past this limit the page
# fails alone, with a line saying so, where a page whose shape some code reads in quadratic time (a
# paragraph of 10,000 links once took 16 s, 8,000 credited paragraphs 105 s) held a crawl for hours.
PAGE_SECONDS = 120.0

_page_limit_active = False


class PageOvertime(BaseException):
    """The page's time limit ran out. A BaseException, so no `except Exception` on the way swallows it."""


def _overtime(signum: int, frame: object) -> None:
    if _page_limit_active:
        raise PageOvertime


@contextmanager
def page_time_limit(seconds: float | None = None) -> Iterator[None]:
    """Inside the block, PageOvertime is raised once `seconds` (PAGE_SECONDS) of wall time have passed.

    A timer signal (SIGALRM) interrupts the Python code the block runs, at its next bytecode: a long call
    into C (one regular expression over a huge text) ends first. Inside another such block, outside the
    main thread (crawl fetch threads, Dask workers' threads) or where there is no such timer (Windows), the
    block runs without a limit of its own.
    """
    global _page_limit_active
    limit = PAGE_SECONDS if seconds is None else seconds
    usable = (
        not _page_limit_active
        and limit > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return
    before = signal.signal(signal.SIGALRM, _overtime)
    _page_limit_active = True
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        yield
    finally:
        _page_limit_active = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)
