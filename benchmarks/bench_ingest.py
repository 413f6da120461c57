"""Ingest cost: `provenance import` of a folder of HTML pages against bare trafilatura extraction.

Everything runs in one invocation on the same files, and each figure is the best of --repeat runs.

- bare, defaults: trafilatura.bare_extraction(page bytes, with_metadata=True), one page after
  another on one core: "trafilatura's bare extraction".
- bare, our settings: the same call with the settings scrapers/html.py uses (the page's URL,
  links kept, comments dropped, no extensive date search, no fallback comparison: fast), on a
  tree parsed by trafilatura's load_html. The fallback comparison is a fifth of trafilatura's
  time; scrapers/html.py skips it (word F1 0.960 against 0.956 for bare defaults), so this is
  the figure to compare the import's overhead with.
- import: the whole pipeline (HTML -> article, metadata, links, credit lines, quotes, speakers,
  credits, fingerprints, database writes, reuse, clusters, lineage) into a fresh database,
  on one process, then on --workers processes.

Wall times depend on what else the machine runs (2 shared cores here), so CPU seconds are
printed too: the process's own for bare and 1-process runs, the process's plus its worker
processes' for the parallel import. Steps run in turn within each repeat, and the ratios of
each repeat (import against that repeat's bare extraction) are printed with their median,
which drifts in machine load affect less than the best-of figures.

    .venv/bin/python benchmarks/bench_ingest.py [HTML_DIR] [--limit N] [--repeat N] [--workers N] [--profile]

HTML_DIR defaults to ../shared/corpora/article-extraction-benchmark/html.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import sqlite_utils  # noqa: E402
import trafilatura  # noqa: E402
from trafilatura.utils import load_html  # noqa: E402

from db import ensure_db_shape  # noqa: E402
from machine import describe_machine  # noqa: E402
from provenance.pipeline import import_paths  # noqa: E402
from provenance.workers import stop_fork_server  # noqa: E402
from scrapers.html import DATE_PARAMS, FAST_EXTRACTION, decode_html  # noqa: E402

DEFAULT_DIR = ROOT.parent / "shared" / "corpora" / "article-extraction-benchmark" / "html"


@dataclass
class Timing:
    """Wall and CPU seconds of one measured step."""

    wall: float
    cpu: float
    workers_cpu: float = 0.0  # the part of cpu spent in child processes


def children_cpu() -> float:
    """CPU seconds of every finished child process of this one so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(step) -> tuple[Timing, object]:
    """Run `step()`; its wall time, its CPU time (this process and its children) and its result."""
    wall, cpu, children = time.perf_counter(), time.process_time(), children_cpu()
    result = step()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    stop_fork_server()  # the workers' CPU time is counted once their parent, the fork server, has ended
    workers = children_cpu() - children
    return Timing(wall, cpu + workers, workers), result


def best(timings: list[Timing]) -> Timing:
    """The fastest wall time and the smallest CPU time of repeated runs."""
    fastest = min(timings, key=lambda t: t.cpu)
    return Timing(min(t.wall for t in timings), fastest.cpu, fastest.workers_cpu)


def extract_bare_defaults(files: list[Path]) -> int:
    """trafilatura's bare extraction with metadata of every file; pages with a text."""
    found = 0
    for path in files:
        document = trafilatura.bare_extraction(path.read_bytes(), url=None, with_metadata=True)
        found += document is not None
    return found


def extract_bare_our_settings(files: list[Path]) -> int:
    """trafilatura's bare extraction with the settings of scrapers/html.py; pages with a text."""
    found = 0
    for path in files:
        tree = load_html(decode_html(path.read_bytes()))
        if tree is None:
            continue
        document = trafilatura.bare_extraction(
            tree,
            url=path.resolve().as_uri(),
            fast=FAST_EXTRACTION,
            with_metadata=True,
            include_links=True,
            include_comments=False,
            date_extraction_params=DATE_PARAMS,
        )
        found += document is not None
    return found


def import_folder(folder: Path, workers: int, profiler: cProfile.Profile | None = None) -> tuple[Timing, dict]:
    """Time `provenance import` of `folder` into a fresh database; its timing and counts."""
    with tempfile.TemporaryDirectory() as scratch:
        database = sqlite_utils.Database(Path(scratch) / "bench.db")
        ensure_db_shape(database)

        def step():
            if profiler is not None:
                profiler.enable()
            try:
                return import_paths(database, [folder], workers=workers)
            finally:
                if profiler is not None:
                    profiler.disable()

        timing, report = measure(step)
        counts = {
            "new": report.new,
            "failed": report.failed,
            "occurrences": database["quote_occurrences"].count,
            "quotes": database["quotes"].count,
            "credits": database["credits"].count,
        }
        if report.failed:
            counts["first failure"] = f"{report.failures[0].item}: {report.failures[0].message}"
        database.close()
    return timing, counts


def pick_files(folder: Path, limit: int | None) -> tuple[Path, list[Path]]:
    """The folder to import and its HTML files; with a limit, a scratch folder of links to the first N."""
    files = sorted(folder.glob("*.html"))
    if not limit:
        return folder, files
    files = files[:limit]
    scratch = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    for path in files:
        (scratch / path.name).symlink_to(path.resolve())
    return scratch, files


def run(folder: Path, limit: int | None = None, repeat: int = 1, workers: int | None = None, profile: bool = False) -> dict:
    """Time bare extraction and the import on the same files; print and return the figures."""
    folder, files = pick_files(folder, limit)
    workers = workers or os.cpu_count() or 1
    print(describe_machine())
    print(f"{len(files)} pages, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB of HTML from {folder}")
    print(f"best of {repeat}; wall s / CPU s (CPU includes worker processes)")
    bare_defaults, bare_ours, one, many = [], [], [], []
    counts: dict = {}
    for _ in range(repeat):
        timing, extracted = measure(lambda: extract_bare_defaults(files))
        bare_defaults.append(timing)
        timing, _ = measure(lambda: extract_bare_our_settings(files))
        bare_ours.append(timing)
        timing, counts = import_folder(folder, 1)
        one.append(timing)
        timing, _ = import_folder(folder, workers)
        many.append(timing)
    figures = {
        "pages": len(files),
        "workers": workers,
        "bare_defaults": best(bare_defaults),
        "bare_ours": best(bare_ours),
        "import_1": best(one),
        "import_n": best(many),
        **counts,
    }
    base = figures["bare_defaults"]
    ours = figures["bare_ours"]
    rows = [
        ("bare trafilatura, defaults, 1 core", base),
        ("bare trafilatura, our settings, 1 core", ours),
        ("provenance import, 1 process", figures["import_1"]),
        (f"provenance import, {workers} processes", figures["import_n"]),
    ]
    for label, runs in (("1 process", one), (f"{workers} processes", many)):
        cpu = [run.cpu / bare.cpu for run, bare in zip(runs, bare_defaults)]
        wall = [run.wall / bare.wall for run, bare in zip(runs, bare_defaults)]
        figures[f"median cpu ratio {label}"] = statistics.median(cpu)
        figures[f"median wall ratio {label}"] = statistics.median(wall)
        print(
            f"import on {label} / bare defaults, per repeat: CPU {' '.join(f'{r:.2f}' for r in cpu)}"
            f" (median {statistics.median(cpu):.2f}); wall {' '.join(f'{r:.2f}' for r in wall)}"
            f" (median {statistics.median(wall):.2f})"
        )
    for label, timing in rows:
        print(
            f"{label:40s} {timing.wall:7.2f} s wall {timing.cpu:7.2f} s CPU  {len(files) / timing.wall:6.1f} pages/s"
            f"  = {timing.wall / base.wall:4.2f} x bare wall, {timing.cpu / base.cpu:4.2f} x bare CPU"
            f" ({timing.cpu / ours.cpu:4.2f} x our-settings CPU)"
        )
    print(
        f"{counts['new']} articles, {counts['failed']} failed, {counts['occurrences']} quote occurrences, "
        f"{counts['quotes']} quotes, {counts['credits']} credits"
    )
    parallel = figures["import_n"]
    print(
        f"parallel import CPU: {parallel.cpu - parallel.workers_cpu:.2f} s in the saving process,"
        f" {parallel.workers_cpu:.2f} s in {workers} analysis workers"
    )
    if counts.get("first failure"):
        print(f"first failure: {counts['first failure']}")
    if profile:
        profiler = cProfile.Profile()
        import_folder(folder, 1, profiler)
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(35)
        print("cProfile of the 1-process import (profiling inflates Python-heavy code):")
        print(out.getvalue())
    return figures


def main(argv: list[str] | None = None) -> None:
    """Parse arguments and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each step; the best is printed")
    parser.add_argument("--workers", type=int, default=None, help="processes of the parallel import (default: all cores)")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile of a 1-process import")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        raise SystemExit(f"error: no folder of HTML pages at {args.folder}")
    if not any(args.folder.glob("*.html")):
        raise SystemExit(f"error: no .html files in {args.folder}")
    run(args.folder, args.limit, max(1, args.repeat), args.workers, args.profile)


if __name__ == "__main__":
    main()
