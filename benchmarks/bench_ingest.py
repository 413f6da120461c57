"""Ingest cost: `provenance import` of a folder of HTML pages against bare trafilatura extraction.

Both run in the same process on the same files. Bare extraction is trafilatura.bare_extraction
with metadata, one page after another on one core. The import is the whole pipeline (HTML ->
article, links, quotes, speakers, credits, fingerprints, database writes, reuse, clusters,
lineage) into a fresh database, first with one process, then with all cores.

    .venv/bin/python benchmarks/bench_ingest.py [HTML_DIR] [--limit N] [--profile]

HTML_DIR defaults to ../shared/corpora/article-extraction-benchmark/html.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import sqlite_utils  # noqa: E402
import trafilatura  # noqa: E402

from db import ensure_db_shape  # noqa: E402
from machine import describe_machine  # noqa: E402
from provenance.pipeline import import_paths  # noqa: E402

DEFAULT_DIR = ROOT.parent / "shared" / "corpora" / "article-extraction-benchmark" / "html"


def time_bare(files: list[Path]) -> float:
    """Seconds for trafilatura's bare extraction of every file, one after another."""
    started = time.perf_counter()
    for path in files:
        trafilatura.bare_extraction(path.read_bytes(), url=None, with_metadata=True)
    return time.perf_counter() - started


def time_import(folder: Path, workers: int, profile: bool = False) -> tuple[float, int, str]:
    """Seconds, quote occurrences saved, and an optional profile of importing `folder`."""
    with tempfile.TemporaryDirectory() as scratch:
        database = sqlite_utils.Database(Path(scratch) / "bench.db")
        ensure_db_shape(database)
        profiler = cProfile.Profile() if profile else None
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        report = import_paths(database, [folder], workers=workers)
        if profiler:
            profiler.disable()
        seconds = time.perf_counter() - started
        if report.failed:
            print(f"  ({report.failed} pages failed: {report.failures[0].message})")
        occurrences = database["quote_occurrences"].count
        text = ""
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
            text = out.getvalue()
        return seconds, occurrences, text


def run(folder: Path, limit: int | None, profile: bool) -> dict[str, float]:
    """Time bare extraction and the import; print and return the figures."""
    files = sorted(folder.glob("*.html"))[:limit] if limit else sorted(folder.glob("*.html"))
    if limit:
        scratch = Path(tempfile.mkdtemp())
        for path in files:
            (scratch / path.name).symlink_to(path.resolve())
        folder = scratch
    print(describe_machine())
    print(f"{len(files)} pages, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB of HTML from {folder}")
    bare = time_bare(files)
    one, quotes, profile_text = time_import(folder, workers=1, profile=profile)
    cores = os.cpu_count() or 1
    many, _, _ = time_import(folder, workers=cores)
    figures = {
        "pages": len(files),
        "bare_seconds": bare,
        "import_1_seconds": one,
        "import_n_seconds": many,
        "workers": cores,
        "ratio_1_core": one / bare,
        "ratio_n_cores": many / bare,
        "quote_occurrences": quotes,
    }
    print(f"bare trafilatura, 1 core:     {bare:6.2f} s  ({len(files) / bare:5.1f} pages/s)")
    print(f"provenance import, 1 process: {one:6.2f} s  ({len(files) / one:5.1f} pages/s)  = {one / bare:.2f} x bare")
    print(f"provenance import, {cores} procs:  {many:6.2f} s  ({len(files) / many:5.1f} pages/s)  = {many / bare:.2f} x bare")
    print(f"{quotes} quote occurrences saved")
    if profile_text:
        print(profile_text)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the 1-process import")
    args = parser.parse_args()
    if not args.folder.is_dir():
        raise SystemExit(f"error: no folder of HTML pages at {args.folder}")
    run(args.folder, args.limit, args.profile)


if __name__ == "__main__":
    main()
