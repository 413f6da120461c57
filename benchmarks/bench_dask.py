"""Throughput of the per-article stage on Dask (1 and 2 local workers), the merge, and a cluster estimate.

    .venv/bin/python benchmarks/bench_dask.py [--corpus DIR] [--pages 360] [--files 12] [--workers 1 2]
                                              [--repeat 1] [--day-gb 30] [--hours 24]

Builds gzipped WARC files in a temporary folder from real article pages (the article-extraction
benchmark, read in place from ../shared/corpora, never copied into the project; the built-in
sample story's pages when the corpus is absent), then prints:

- the pages and compressed bytes per page of the archives;
- pages/s in one process without Dask (the baseline), and on a LocalCluster of 1 and 2 worker
  processes (one thread each; cluster start-up and worker warm-up are timed apart), the scaling
  ratio, the CPU cost per page and how busy the workers were (on a shared machine other jobs take
  the rest: the CPU cost per page is then the robust number);
- pages/s of the merge (saving + reuse, clusters, lineage), which runs on one machine;
- the cluster needed for `--day-gb` of compressed WARC a day, done in `--hours`.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import sqlite_utils  # noqa: E402

from db import ensure_db_shape  # noqa: E402
from provenance import distributed as D  # noqa: E402
from provenance.pipeline import SAMPLE_DIR  # noqa: E402
from scrapers.warc import WarcWriter  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "article-extraction-benchmark"
FETCHED_AT = "2026-03-02T12:00:00Z"


def load_pages(corpus: Path) -> tuple[str, list[tuple[str, bytes]]]:
    """(corpus name, [(url, html bytes)]) from the extraction benchmark, else the sample story."""
    truth = corpus / "ground-truth.json"
    if truth.is_file():
        records = json.loads(truth.read_text(encoding="utf-8"))
        pages = [
            (record["url"], (corpus / "html" / f"{page_id}.html").read_bytes())
            for page_id, record in sorted(records.items())
            if (corpus / "html" / f"{page_id}.html").is_file()
        ]
        return f"article-extraction-benchmark ({len(pages)} real news pages)", pages
    manifest = json.loads((SAMPLE_DIR / "manifest.json").read_text(encoding="utf-8"))
    pages = [(entry["url"], (SAMPLE_DIR / "pages" / entry["file"]).read_bytes()) for entry in manifest]
    return f"sample story ({len(pages)} fictional pages; the corpus is absent)", pages


def write_archives(folder: Path, pages: list[tuple[str, bytes]], count: int, files: int) -> list[Path]:
    """`count` responses cycled from `pages`, spread over `files` gzipped WARC files."""
    paths = [folder / f"bench-{index:03d}.warc.gz" for index in range(files)]
    writers = [WarcWriter(path) for path in paths]
    for writer in writers:
        writer.open()
    for index in range(count):
        url, body = pages[index % len(pages)]
        if index >= len(pages):  # a repeat gets a URL of its own, as another outlet's copy would
            url = f"{url}{'&' if '?' in url else '?'}copy={index // len(pages)}"
        writers[index % files].write_response(url, 200, {"Content-Type": "text/html; charset=utf-8"}, body, FETCHED_AT)
    for writer in writers:
        writer.close()
    return paths


def time_baseline(inputs: list[D.InputFile], spec: D.RegistrySpec) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, articles) of the per-article stage in this process, no Dask."""
    registry = D.build_registry(spec)
    started, cpu = time.perf_counter(), time.process_time()
    articles = sum(1 for source in inputs for item in D.analyse_file(source, registry) if not isinstance(item, D.ImportFailure))
    return time.perf_counter() - started, time.process_time() - cpu, articles


def time_cluster(workers: int, inputs: list[D.InputFile], spec: D.RegistrySpec, shard_dir: Path) -> dict:
    """Start-up, warm-up and extraction seconds on a LocalCluster of `workers` processes."""
    from distributed import Client, LocalCluster

    started = time.perf_counter()
    with LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.CRITICAL
    ) as cluster, Client(cluster) as client:
        startup = time.perf_counter() - started
        started = time.perf_counter()
        client.run(D.worker_registry, spec)  # imports and the registry, once per worker
        warmup = time.perf_counter() - started
        report = D.extract_shards(client, inputs, shard_dir, spec)
    return {
        "startup": startup,
        "warmup": warmup,
        "seconds": report.seconds,
        "cpu": report.cpu_seconds,
        "articles": report.articles,
        "report": report,
    }


def time_merge(shards: list[D.ShardSummary], folder: Path) -> tuple[float, int]:
    """(seconds, articles) of merging the shards into a new database (its creation not counted)."""
    database = sqlite_utils.Database(folder / "bench.db")
    ensure_db_shape(database)
    started = time.perf_counter()
    report = D.merge_shards(database, shards)
    return time.perf_counter() - started, report.new


def estimate_cluster(seconds_per_page: float, bytes_per_page: float, day_gb: float, hours: float) -> dict:
    """Worker cores for `day_gb` of compressed WARC in `hours`, from the measured CPU cost per page."""
    pages = day_gb * 1e9 / bytes_per_page
    core_hours = pages * seconds_per_page / 3600
    return {"pages": pages, "core_hours": core_hours, "cores": math.ceil(core_hours / hours)}


def spin(count: int) -> float:
    """Seconds a pure-Python loop of `count` steps takes: the machine's CPU, as a worker sees it."""
    started = time.perf_counter()
    total = 0
    for step in range(count):
        total += step * step
    return time.perf_counter() - started


def machine_scaling(processes: int, count: int = 4_000_000) -> float:
    """How much faster `processes` processes do `processes` loops than one process does one each in turn.

    On an idle machine with that many cores this is `processes`; on a shared one it is what the
    other jobs leave, the ceiling for any parallel code measured at the same moment.
    """
    import multiprocessing

    alone = spin(count)
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        pool.map(spin, [count // 100] * processes)  # start-up out of the timing
        started = time.perf_counter()
        pool.map(spin, [count] * processes)
        together = time.perf_counter() - started
    return processes * alone / together


def load_average() -> str:
    """The 1-minute load average: on a shared machine, wall-clock rates mean little when it is high."""
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:
        return "unknown"


def main() -> None:
    """Parse arguments, build the archives, time everything, print the numbers."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--pages", type=int, default=360)
    parser.add_argument("--files", type=int, default=12)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1, help="runs of each setting, interleaved; the fastest is kept")
    parser.add_argument("--day-gb", type=float, default=30.0, help="compressed WARC per day to size the cluster for")
    parser.add_argument("--hours", type=float, default=24.0, help="time to process one day in")
    args = parser.parse_args()

    name, pages = load_pages(args.corpus)
    folder = Path(tempfile.mkdtemp(prefix="bench-dask-"))
    try:
        paths = write_archives(folder / "warc", pages, args.pages, args.files)
        inputs = D.collect_inputs(paths)
        compressed = sum(source.size for source in inputs)
        spec = D.make_registry_spec()
        print(f"corpus: {name}")
        print(f"archives: {args.pages} pages in {args.files} WARC files, {compressed / 1e6:.1f} MB gzipped, "
              f"{compressed / args.pages / 1e3:.1f} kB per page; {os.cpu_count()} cores, load average {load_average()}")

        wall, cpu, articles = min((time_baseline(inputs, spec) for _ in range(args.repeat)), key=lambda run: run[0])
        print(f"baseline (1 process, no Dask): {articles} articles in {wall:.1f} s = {args.pages / wall:.1f} pages/s, "
              f"{cpu / args.pages * 1000:.1f} ms CPU per page")

        rates: dict[int, float] = {}
        worker_cpu = cpu
        last_report = None
        runs: dict[int, list[dict]] = {workers: [] for workers in args.workers}
        ceilings: list[float] = []
        top = max(args.workers)
        for run in range(args.repeat):  # interleaved, so every setting meets the same other load
            ceilings.append(machine_scaling(top))
            for workers in args.workers:
                runs[workers].append(time_cluster(workers, inputs, spec, folder / f"shards-{workers}-{run}"))
        ceilings.append(machine_scaling(top))
        for workers in args.workers:
            timing = min(runs[workers], key=lambda result: result["seconds"])
            rates[workers] = args.pages / timing["seconds"]
            worker_cpu = max(worker_cpu, timing["cpu"])
            last_report = timing["report"]
            print(f"dask, {workers} worker process{'es' if workers > 1 else ''}: {timing['articles']} articles in "
                  f"{timing['seconds']:.1f} s = {rates[workers]:.1f} pages/s, {timing['cpu'] / args.pages * 1000:.1f} ms "
                  f"worker CPU per page, workers busy {timing['cpu'] / (timing['seconds'] * workers):.0%} of the time "
                  f"(cluster start {timing['startup']:.1f} s, warm-up {timing['warmup']:.1f} s, not counted; "
                  f"load average {load_average()})")
        if 1 in rates and len(rates) > 1:
            ratio = rates[top] / rates[1]
            ceiling = sum(ceilings) / len(ceilings)
            print(f"scaling: {top} workers / 1 worker = {ratio:.2f}x ({ratio / top:.0%} parallel efficiency); "
                  f"the machine itself gave {top} plain Python loops {ceiling:.2f}x at the same time "
                  f"({', '.join(f'{c:.2f}' for c in ceilings)}), so Dask got {ratio / ceiling:.0%} of what was there")
        if 1 in rates:
            print(f"dask on 1 worker vs the baseline: {(args.pages / rates[1]) / wall - 1:+.0%} wall time")

        merge_seconds, merged = time_merge(last_report.shards, folder)
        merge_rate = merged / merge_seconds
        print(f"merge (one machine: save, reuse, clusters, lineage): {merged} articles in {merge_seconds:.1f} s = "
              f"{merge_rate:.1f} pages/s")

        per_page = worker_cpu / args.pages
        estimate = estimate_cluster(per_page, compressed / args.pages, args.day_gb, args.hours)
        print(f"estimate: {args.day_gb:g} GB/day of gzipped WARC at {compressed / args.pages / 1e3:.1f} kB/page = "
              f"{estimate['pages'] / 1e6:.2f} M pages/day x {per_page * 1000:.1f} ms CPU = {estimate['core_hours']:.0f} "
              f"core-hours a day: {estimate['cores']} busy worker core(s) keep up in {args.hours:g} h, "
              f"a year's backlog in {args.hours:g} h needs {math.ceil(estimate['core_hours'] * 365 / args.hours)}; "
              f"the merge at {merge_rate:.0f} pages/s takes {estimate['pages'] / merge_rate / 3600:.1f} h a day on one machine")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
