"""Peak private memory of a process and of its descendants, sampled in a thread (Linux).

getrusage's ru_maxrss, the peak our benchmarks printed first, is the largest resident set: it
counts the file pages a process maps as well as its own memory, so a database SQLite
memory-maps (`pragma mmap_size`) enters it as far as it was read, though those pages are the
OS's page cache, shared and dropped under pressure. RssAnon (/proc/PID/status) is the process's
anonymous memory alone: Python's objects, SQLite's page cache, buffers. It has no kernel-kept
peak, so a thread reads it every SAMPLE_SECONDS: a peak shorter than that can be missed.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

SAMPLE_SECONDS = 0.02
FIND_EVERY = 10  # samples between two searches of /proc for descendants (each reads every process's stat)
PROC = Path("/proc")


def anonymous_kib(pid: int) -> int | None:
    """RssAnon of the process in KiB; None once it has ended (or where /proc has no such line)."""
    try:
        with open(PROC / str(pid) / "status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("RssAnon:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def descendants(pid: int) -> set[int]:
    """The processes running under `pid`: its children, theirs, and so on."""
    children: dict[int, list[int]] = {}
    for entry in PROC.iterdir() if PROC.is_dir() else ():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="ascii", errors="replace")
        except OSError:
            continue
        parent = int(stat[stat.rindex(")") + 2:].split()[1])  # the name in parentheses may hold spaces
        children.setdefault(parent, []).append(int(entry.name))
    found: set[int] = set()
    waiting = list(children.get(pid, []))
    while waiting:
        child = waiting.pop()
        if child not in found:
            found.add(child)
            waiting.extend(children.get(child, []))
    return found


class PrivatePeak:
    """Largest RssAnon of a process and of any one of its descendants while the block runs, sampled in a thread.

    `own_mib` and `descendant_mib` are 0.0 where /proc gives no RssAnon (not Linux). With
    `with_descendants=False` only the process is read (its descendants are searched for in all of
    /proc, a few milliseconds each time: a cost to a process that samples itself).
    """

    def __init__(self, pid: int | None = None, *, with_descendants: bool = True, interval: float = SAMPLE_SECONDS) -> None:
        self.pid = pid if pid is not None else os.getpid()
        self.with_descendants = with_descendants
        self.interval = interval
        self.own_kib = 0
        self.descendant_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="private-peak", daemon=True)

    @property
    def own_mib(self) -> float:
        return self.own_kib / 1024

    @property
    def descendant_mib(self) -> float:
        return self.descendant_kib / 1024

    def sample(self, others: set[int]) -> None:
        """Read the process's RssAnon and that of each of `others` once, keeping the peaks."""
        self.own_kib = max(self.own_kib, anonymous_kib(self.pid) or 0)
        for pid in list(others):
            kib = anonymous_kib(pid)
            if kib is None:
                others.discard(pid)
            else:
                self.descendant_kib = max(self.descendant_kib, kib)

    def _run(self) -> None:
        others: set[int] = set()
        count = 0
        while True:
            if self.with_descendants and count % FIND_EVERY == 0:
                others |= descendants(self.pid)
            self.sample(others)
            count += 1
            if self._stop.wait(self.interval):
                return

    def __enter__(self) -> PrivatePeak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
