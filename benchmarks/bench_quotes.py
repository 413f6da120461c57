"""Time extract_quotes (quotes, cues and speakers) on real article text; print MB/s on one core.

Usage: .venv/bin/python benchmarks/bench_quotes.py [TEXT_DIR ...] [--repeat N]
TEXT_DIR defaults to the PolNeAR texts (../shared/corpora/polnear/*/text); any folder of .txt files works.
The goal is at least 2 MB of article text per second on one core.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from machine import describe_machine  # noqa: E402
from provenance.quotes import extract_quotes  # noqa: E402

DEFAULT_DIRS = [ROOT.parent / "shared" / "corpora" / "polnear" / "train" / "text",
                ROOT.parent / "shared" / "corpora" / "polnear" / "dev" / "text"]


def load_texts(folders: list[Path]) -> list[tuple[str, str]]:
    """(name, text) of every .txt file under the folders."""
    texts = []
    for folder in folders:
        for path in sorted(folder.rglob("*.txt")):
            texts.append((path.name, path.read_bytes().decode("utf-8", errors="replace")))
    return texts


def time_slowest(texts: list[tuple[str, str]]) -> tuple[float, str, int]:
    """The document taking the most CPU time per byte: (seconds, name, bytes)."""
    slowest = (0.0, "", 0, 0.0)
    for name, text in texts:
        started = time.process_time()
        extract_quotes(text)
        seconds = time.process_time() - started
        size = len(text.encode("utf-8")) or 1
        if seconds / size > slowest[3]:
            slowest = (seconds, name, size, seconds / size)
    return slowest[0], slowest[1], slowest[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=DEFAULT_DIRS)
    parser.add_argument("--repeat", type=int, default=3, help="passes over the texts (best one is reported)")
    args = parser.parse_args()
    missing = [folder for folder in args.folders if not folder.is_dir()]
    if missing:
        raise SystemExit(f"error: no such folder: {missing[0]}")
    texts = load_texts(args.folders)
    if not texts:
        raise SystemExit("error: no .txt files found")
    size = sum(len(text.encode("utf-8")) for _, text in texts)
    best_wall = best_cpu = float("inf")
    quotes = 0
    for _ in range(max(1, args.repeat)):
        wall, cpu = time.perf_counter(), time.process_time()
        quotes = sum(len(extract_quotes(text)) for _, text in texts)
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    print(describe_machine())
    print(f"texts: {len(texts)} documents, {size / 1e6:.2f} MB, {quotes} quotations")
    print(f"extract_quotes, one process: {size / 1e6 / best_cpu:.2f} MB/s of CPU time ({best_cpu:.2f} s), "
          f"{size / 1e6 / best_wall:.2f} MB/s wall clock ({best_wall:.2f} s); best of {args.repeat}")
    print(f"per document: {best_cpu / len(texts) * 1000:.2f} ms of CPU")
    seconds, name, slow_size = time_slowest(texts)
    print(f"slowest per byte: {name} ({slow_size} bytes) in {seconds * 1000:.1f} ms, "
          f"{slow_size / 1e6 / seconds if seconds else float('inf'):.2f} MB/s")


if __name__ == "__main__":
    main()
