"""Growth: the whole import pipeline on synthetic corpora of growing size, then an incremental run.

For each size N, benchmarks/synthetic.py generates N + --incremental articles (whole stories,
planted lineage); the oldest N are written as JSON Lines and imported with
`provenance.pipeline.import_paths` (the code behind `provenance import`: analysis on worker
processes, saving, reuse, clusters, lineage) into a fresh database; then the newest ones are
imported into the same database, as the next scheduled run would.

Each size runs in its own child process so its memory peaks are its own, each of the importing
process and of the largest of its worker processes: the resident set (getrusage ru_maxrss), which
counts the pages of the database file SQLite reads through a memory map, and the private memory
(RssAnon, sampled from this process every 20 ms by `memory.PrivatePeak`), which does not. Corpus
generation and scoring happen in this (parent) process.

Printed per size: import and trace (update_after_import: reuse, clusters, lineage) wall and
CPU seconds, the incremental run's, database size, memory peaks, and how much of the planted
lineage came back (scored as in bench_trace.py).

    .venv/bin/python benchmarks/bench_growth.py --sizes 10000,30000,100000 --incremental 1000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import sqlite_utils  # noqa: E402

from machine import describe_machine  # noqa: E402
from memory import PrivatePeak  # noqa: E402
from synthetic import VOCABULARY, Corpus, generate_corpus, vocabulary_size, write_corpus  # noqa: E402

MIB = 1024 * 1024


def cpu_seconds() -> float:
    """CPU seconds of this process and of its finished children so far."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def peak_rss_mib() -> tuple[float, float]:
    """Largest resident set so far of this process and of any finished child, in MiB (Linux: KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return own / 1024, children / 1024


def database_bytes(path: Path) -> int:
    """Size of the database file and its write-ahead log."""
    return sum(candidate.stat().st_size for candidate in (path, Path(f"{path}-wal")) if candidate.exists())


def import_run(db_path: Path, jsonl: Path, registry: Path, workers: int | None) -> dict:
    """Import one JSON Lines file into the database; wall and CPU seconds of the import and of its trace step."""
    from db import ensure_db_shape
    from provenance import pipeline
    from provenance.workers import stop_fork_server

    database = sqlite_utils.Database(db_path)
    ensure_db_shape(database)
    trace = {"wall": 0.0, "cpu": 0.0}
    update = pipeline.update_after_import

    def timed_update(db: sqlite_utils.Database, **options) -> set[int]:
        wall, cpu = time.perf_counter(), cpu_seconds()
        try:
            return update(db, **options)
        finally:
            trace["wall"] += time.perf_counter() - wall
            trace["cpu"] += cpu_seconds() - cpu

    pipeline.update_after_import = timed_update  # import_paths looks it up at call time
    try:
        wall, cpu = time.perf_counter(), cpu_seconds()
        report = pipeline.import_paths(database, [jsonl], extra_registry=[registry], workers=workers)
        wall = time.perf_counter() - wall
        stop_fork_server()  # the workers' CPU time is counted once their parent, the fork server, has ended
        cpu = cpu_seconds() - cpu
    finally:
        pipeline.update_after_import = update
    database.execute("pragma wal_checkpoint(truncate)")
    database.close()
    return {
        "wall": wall,
        "cpu": cpu,
        "trace wall": trace["wall"],
        "trace cpu": trace["cpu"],
        "new": report.new,
        "failed": report.failed,
        "quotes touched": report.quotes_touched,
    }


def child_main(args: argparse.Namespace) -> None:
    """In the child process: the base import, then the incremental one; one JSON line on stdout."""
    result = {"base": import_run(args.db, args.base, args.registry, args.workers)}
    result["base"]["bytes"] = database_bytes(args.db)
    if args.new is not None:
        result["incremental"] = import_run(args.db, args.new, args.registry, args.workers)
        result["incremental"]["bytes"] = database_bytes(args.db)
    own, children = peak_rss_mib()
    result["peak rss mib"] = own
    result["peak worker rss mib"] = children
    print(json.dumps(result))


def score_database(db_path: Path, corpus: Corpus) -> dict[str, float]:
    """Clusters, origins and sources recovered against the planted truth (bench_trace's scoring)."""
    from bench_trace import score

    database = sqlite_utils.Database(db_path)
    try:
        return score(database, corpus)
    finally:
        database.close()


def run_size(
    size: int, incremental: int, seed: int, workers: int | None, folder: Path, scoring: bool,
    vocabulary: int = VOCABULARY,
) -> dict:
    """Generate, import in a child process, score; the figures of one size."""
    started = time.perf_counter()
    corpus = generate_corpus(size + incremental, seed, vocabulary)
    articles = corpus.articles
    cut = len(articles) - incremental if incremental else len(articles)
    base_dir, new_dir = folder / f"base-{size}", folder / f"new-{size}"
    write_corpus(Corpus(corpus.outlets, articles[:cut], corpus.origins, corpus.canonical), base_dir)
    if incremental:
        write_corpus(Corpus(corpus.outlets, articles[cut:], corpus.origins, corpus.canonical), new_dir)
    generated = time.perf_counter() - started
    db_path = folder / f"growth-{size}.db"
    for stale in (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
        stale.unlink(missing_ok=True)
    command = [
        sys.executable, str(Path(__file__).resolve()), "--child", "--db", str(db_path),
        "--base", str(base_dir / "articles.jsonl"), "--registry", str(base_dir / "outlets.csv"),
    ]
    if incremental:
        command += ["--new", str(new_dir / "articles.jsonl")]
    if workers:
        command += ["--workers", str(workers)]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with PrivatePeak(child.pid) as private:
        stdout, stderr = child.communicate()
    if child.returncode != 0:
        raise SystemExit(f"error: import of {size} articles failed:\n{stderr.strip()[-2000:]}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result["peak private mib"] = private.own_mib
    result["peak worker private mib"] = private.descendant_mib
    result["articles"] = cut
    result["generate s"] = generated
    with sqlite_utils.Database(db_path) as database:
        result["occurrences"] = database["quote_occurrences"].count
        result["quotes"] = database["quotes"].count
    if scoring:
        result["score"] = score_database(db_path, corpus)
    return result


def print_row(result: dict) -> None:
    """One line per size."""
    base = result["base"]
    line = (
        f"{result['articles']:>7} articles {result['occurrences']:>7} occurrences {result['quotes']:>6} quotes"
        f" | import {base['wall']:7.1f} s wall {base['cpu']:7.1f} s CPU"
        f" ({result['articles'] / base['wall']:5.0f} articles/s), of which trace {base['trace wall']:6.1f} s wall"
        f" {base['trace cpu']:6.1f} s CPU | db {base['bytes'] / MIB:6.0f} MiB"
    )
    if "incremental" in result:
        added = result["incremental"]
        line += (
            f" | +{added['new']} articles: {added['wall']:5.1f} s wall {added['cpu']:5.1f} s CPU"
            f" (trace {added['trace wall']:4.1f} s, {added['quotes touched']} quotes), db {added['bytes'] / MIB:6.0f} MiB"
        )
    line += (
        f" | peak RSS {result['peak rss mib']:5.0f} MiB (workers {result['peak worker rss mib']:4.0f} MiB),"
        f" private {result['peak private mib']:5.0f} MiB (workers {result['peak worker private mib']:4.0f} MiB)"
    )
    if "score" in result:
        score = result["score"]
        line += (
            f" | clusters exact {score['clusters exact']:.3f} origins {score['origins']:.3f}"
            f" sources {score['sources']:.3f} evidence {score['evidence']:.3f}"
        )
    print(line, flush=True)


def main(argv: list[str] | None = None) -> None:
    """Parse arguments; run every size (or, with --child, one import)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,30000,100000", help="comma-separated article counts")
    parser.add_argument("--incremental", type=int, default=1000, help="newest articles imported afterwards")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--vocabulary", type=vocabulary_size, default=VOCABULARY,
                        help="content words of the corpus (0: the small one of earlier measurements)")
    parser.add_argument("--workers", type=int, default=None, help="analysis processes (default: import's choice)")
    parser.add_argument("--folder", type=Path, default=None, help="keep corpora and databases here (default: temp)")
    parser.add_argument("--no-score", action="store_true", help="skip scoring against the planted lineage")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--base", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--new", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--registry", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child_main(args)
        return
    try:
        sizes = [int(size) for size in args.sizes.split(",")]
    except ValueError:
        raise SystemExit(f"error: --sizes must be comma-separated whole numbers, got {args.sizes!r}") from None
    if any(size < 1 for size in sizes) or args.incremental < 0:
        raise SystemExit("error: sizes must be positive and --incremental not negative")
    print(describe_machine())
    print(
        f"whole pipeline (import_paths of JSON Lines: analysis, save, reuse, clusters, lineage);"
        f" workers: {args.workers or 'import default'}; CPU includes worker processes;"
        f" corpus vocabulary {args.vocabulary or 'small (247 words, even)'}"
    )
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.folder or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for size in sizes:
            print_row(run_size(
                size, args.incremental, args.seed, args.workers, folder, not args.no_score, args.vocabulary
            ))
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
