"""SIGTERM handled like Ctrl-C while a long command runs, so it stops cleanly and says so."""

from __future__ import annotations

import signal
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
