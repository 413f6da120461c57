"""How fast our Datasette pages answer on a large database (goal: quote page < 200 ms at 100k articles).

Builds (once, then reuses) a fictional database of N articles with every contract table filled
the way the pipeline fills it: outlets, articles with text and FTS, quote clusters printed in
2 to 12 articles (plus a few viral quotes printed in thousands), occurrences with drift, lineage
rows for every occurrence, credits and text reuse. Then times each page through Datasette's
in-process client (the server's own time) and, with --http, through a real `datasette serve`;
live as `provenance serve` serves by default, or with --immutable as a snapshot.

    .venv/bin/python benchmarks/bench_serve.py --articles 100000 --db /tmp/bench-serve.db
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path

import sqlite_utils
import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from db import ensure_db_shape  # noqa: E402
from provenance.serve import (  # noqa: E402
    DATASETTE_SETTINGS,
    METADATA_PATH,
    datasette_command,
    relay_bound_port,
    wait_for_port,
)

WORDS = """harbour council budget terminal crane contract union workers mayor port lease vote price
tax school teacher hospital bridge river road railway station airport ferry fleet market energy
power grid water supply pipeline housing rent tenant landlord police court judge trial verdict
appeal minister cabinet election ballot campaign party leader deputy senator governor province
region city town village district county farmers harvest drought flood storm coast""".split()
KINDS = ["newspaper"] * 6 + ["wire", "broadcaster", "aggregator", "blog", "magazine"]
EVIDENCE = ["credit"] * 5 + ["link", "reuse", "reuse", "mutation", "earlier", "earlier", "earlier"]
START = datetime(2026, 1, 5, tzinfo=timezone.utc)
VIRAL_SIZES = (3000, 1000, 300)


def sentence(rng: random.Random, words: int) -> str:
    """A fictional sentence of `words` words."""
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def build_database(path: Path, n_articles: int, seed: int = 7) -> dict:
    """Fill a fresh database at `path`; return what it holds."""
    rng = random.Random(seed)
    database = sqlite_utils.Database(path)
    ensure_db_shape(database)
    n_outlets = max(20, n_articles // 300)
    outlets = [
        {"id": i, "key": f"outlet{i}", "name": f"Outlet {i} {rng.choice(WORDS).title()} News",
         "domain": f"outlet{i}.example", "kind": rng.choice(KINDS), "in_registry": 1}
        for i in range(1, n_outlets + 1)
    ]
    database["outlets"].insert_all(outlets)
    times = sorted(START + timedelta(minutes=rng.randrange(0, 60 * 24 * 120)) for _ in range(n_articles))
    articles = []
    for article_id, moment in enumerate(times, start=1):
        stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        articles.append(
            {"id": article_id, "url": f"https://outlet{article_id % n_outlets + 1}.example/news/{article_id}",
             "outlet_id": article_id % n_outlets + 1, "title": sentence(rng, 8)[:-1],
             "published": stamp, "published_precision": "second", "first_seen": stamp, "time_key": stamp,
             "text": " ".join(sentence(rng, 12) for _ in range(6)), "word_count": 72, "source": "import",
             "traced": 1}
        )
    with database.conn:
        database["articles"].insert_all(articles, batch_size=2000)
    quotes, occurrences, lineage, credits, reuse = [], [], [], [], []
    occurrence_id = 0
    quote_id = 0
    sizes = list(VIRAL_SIZES)
    used = 0
    while used < n_articles * 1.2:
        size = sizes.pop(0) if sizes else rng.randint(2, 12)
        quote_id += 1
        text = sentence(rng, rng.randint(10, 22))
        carriers = sorted(rng.sample(range(1, n_articles + 1), min(size, n_articles)))
        used += len(carriers)
        origin_article = carriers[0]
        origin_outlet = articles[origin_article - 1]["outlet_id"]
        quotes.append(
            {"id": quote_id, "text": text, "normalized": text.lower(), "speaker": f"Speaker {quote_id % 997}",
             "word_count": len(text.split()), "first_seen": articles[origin_article - 1]["time_key"],
             "article_count": len(carriers), "outlet_count": len({articles[a - 1]["outlet_id"] for a in carriers}),
             "variant_count": 2, "origin_outlet_id": origin_outlet, "origin_article_id": origin_article,
             "origin_kind": "exclusive", "origin_reason": f"exclusive: article {origin_article} had it first-hand"}
        )
        printed: list[tuple[int, int]] = []  # (article, occurrence) already carrying it
        for depth_index, article_id in enumerate(carriers):
            occurrence_id += 1
            altered = rng.random() < 0.15
            wording = text.replace(text.split()[2], "very", 1) if altered else text
            occurrences.append(
                {"id": occurrence_id, "quote_id": quote_id, "article_id": article_id, "text": wording,
                 "normalized": wording.lower(), "speaker": "she", "speaker_name": f"Speaker {quote_id % 997}",
                 "cue": "said", "kind": "speech", "start": occurrence_id, "end": occurrence_id + len(wording),
                 "paragraph": 1, "is_canonical": int(not altered),
                 "drift": f"[-{text.split()[2]}-] {{+very+}}" if altered else None}
            )
            if not printed:
                lineage.append({"occurrence_id": occurrence_id, "quote_id": quote_id, "evidence": "origin",
                                "confidence": 1.0, "reason": "first-hand", "depth": 0})
            else:
                source_article, source_occurrence = rng.choice(printed[-20:])
                evidence = rng.choice(EVIDENCE)
                lineage.append(
                    {"occurrence_id": occurrence_id, "quote_id": quote_id, "source_occurrence_id": source_occurrence,
                     "source_article_id": source_article,
                     "source_outlet_id": articles[source_article - 1]["outlet_id"], "evidence": evidence,
                     "confidence": round(rng.uniform(0.3, 0.98), 2), "reason": f"{evidence} of article {source_article}",
                     "depth": min(depth_index, 1 + depth_index % 5)}
                )
                if evidence == "credit":
                    credits.append({"article_id": article_id, "outlet_id": articles[source_article - 1]["outlet_id"],
                                    "kind": "according_to", "cue": "according to", "sentence": sentence(rng, 10),
                                    "scope": "story", "is_copy": 0})
                if evidence == "reuse" and (article_id, source_article) not in {(r["article_id"], r["source_article_id"]) for r in reuse[-50:]}:
                    reuse.append({"article_id": article_id, "source_article_id": source_article,
                                  "containment": round(rng.uniform(0.66, 0.99), 2), "verdict": "partially",
                                  "shared_sentences": rng.randint(2, 9)})
            printed.append((article_id, occurrence_id))
    with database.conn:
        database["quotes"].insert_all(quotes, batch_size=2000)
        database["quote_occurrences"].insert_all(occurrences, batch_size=5000)
        database["lineage"].insert_all(lineage, batch_size=5000)
        database["credits"].insert_all(credits, batch_size=5000)
        database["article_reuse"].insert_all(reuse, batch_size=5000, ignore=True)
    database.execute("pragma wal_checkpoint(truncate)")
    database.conn.close()
    return {"articles": n_articles, "outlets": n_outlets, "quotes": quote_id, "occurrences": occurrence_id}


def pick_paths(path: Path, name: str) -> dict[str, str]:
    """The pages to time: a typical quote, the most printed quotes, an outlet, an article, the timeline."""
    database = sqlite_utils.Database(path)
    biggest = [row["id"] for row in database.query("select id from quotes order by article_count desc limit 2")]
    typical = database.execute(
        "select id from quotes where article_count between 5 and 8 order by id limit 1 offset "
        "(select count(*) / 2 from quotes where article_count between 5 and 8)"
    ).fetchone()[0]
    busiest_outlet = database.execute(
        "select outlet_id from articles group by outlet_id order by count(*) desc limit 1"
    ).fetchone()[0]
    article = database.execute("select max(article_id) from quote_occurrences").fetchone()[0]
    database.conn.close()
    return {
        "quote page (typical, 5-8 printings)": f"/{name}/-/quote/{typical}",
        "quote page (3,000 printings)": f"/{name}/-/quote/{biggest[0]}",
        "quote page (1,000 printings)": f"/{name}/-/quote/{biggest[1]}",
        "outlet page (busiest outlet)": f"/{name}/-/outlet/{busiest_outlet}",
        "article page": f"/{name}/-/article/{article}",
        "timeline (first page)": f"/{name}/-/timeline",
        "timeline (search)": f"/{name}/-/timeline?q=harbour+ferry",
        "quotes table (Datasette, linked cells)": f"/{name}/quotes",
    }


def open_datasette(path: Path, metadata: dict, immutable: bool):
    """Datasette on `path` as `provenance serve` opens it: live (read-only connections) or a snapshot."""
    from datasette.app import Datasette

    if immutable:
        return Datasette([], immutables=[str(path)], metadata=metadata, settings=DATASETTE_SETTINGS)
    return Datasette([str(path)], metadata=metadata, settings=DATASETTE_SETTINGS)


def time_in_process(path: Path, paths: dict[str, str], repeats: int, immutable: bool = False) -> dict[str, list[float]]:
    """Milliseconds per request for each page, through Datasette's in-process client."""
    metadata = yaml.safe_load(METADATA_PATH.read_text(encoding="utf-8"))

    async def run():
        datasette = open_datasette(path, metadata, immutable)
        timings: dict[str, list[float]] = {}
        for label, page in paths.items():
            response = await datasette.client.get(page)  # warm the caches once
            assert response.status_code == 200, (page, response.status_code)
            samples = []
            for _ in range(repeats):
                started = time.perf_counter()
                response = await datasette.client.get(page)
                samples.append((time.perf_counter() - started) * 1000)
            timings[label] = samples
        return timings

    return asyncio.run(run())


def time_over_http(path: Path, paths: dict[str, str], repeats: int, immutable: bool = False) -> dict[str, list[float]]:
    """Milliseconds per request for each page from a real `datasette serve` on 127.0.0.1."""
    argv = datasette_command(path, port=0, immutable=immutable)  # it binds a free port: no other can take it first
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, encoding="utf-8",
                               errors="replace")
    try:
        port = relay_bound_port(process, echo=False)
        if port is None or not wait_for_port("127.0.0.1", port, process):
            raise SystemExit("datasette did not start")
        timings = {}
        for label, page in paths.items():
            urllib.request.urlopen(f"http://127.0.0.1:{port}{page}", timeout=60).read()
            samples = []
            for _ in range(repeats):
                started = time.perf_counter()
                urllib.request.urlopen(f"http://127.0.0.1:{port}{page}", timeout=60).read()
                samples.append((time.perf_counter() - started) * 1000)
            timings[label] = samples
        return timings
    finally:
        process.terminate()
        process.wait(timeout=20)


def report(title: str, timings: dict[str, list[float]]) -> None:
    """Print median, 95th percentile and maximum per page."""
    print(f"\n{title}")
    print(f"{'page':42} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}")
    for label, samples in timings.items():
        ordered = sorted(samples)
        p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
        print(f"{label:42} {statistics.median(ordered):10.1f} {p95:8.1f} {ordered[-1]:8.1f}")


def ensure_database(path: Path, articles: int) -> None:
    """Build the benchmark database at `path` unless it exists; a half-built one is never left there."""
    if path.exists():
        with sqlite_utils.Database(path) as database:
            ensure_db_shape(database)  # built by an older version: bring it to the current schema
        return
    started = time.perf_counter()
    building = path.with_name(path.name + ".building")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{building}{suffix}").unlink(missing_ok=True)
    counts = build_database(building, articles)
    building.rename(path)
    print(f"built {path} in {time.perf_counter() - started:.1f} s: {counts}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/bench-serve.db"))
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--rebuild", action="store_true", help="Build the database again even if it exists.")
    parser.add_argument("--http", action="store_true", help="Also time a real server over HTTP.")
    parser.add_argument("--immutable", action="store_true", help="Serve as `provenance serve --immutable` does.")
    args = parser.parse_args(argv)
    if args.rebuild:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
    ensure_database(args.db, args.articles)
    size_mb = args.db.stat().st_size / 1e6
    database = sqlite_utils.Database(args.db)
    print(f"database: {database['articles'].count} articles, {database['quotes'].count} quotes, "
          f"{database['quote_occurrences'].count} occurrences, {size_mb:.0f} MB")
    database.conn.close()
    paths = pick_paths(args.db, args.db.stem)
    mode = "immutable snapshot" if args.immutable else "live"
    report(f"in-process (Datasette client, {mode}), {args.repeats} requests each",
           time_in_process(args.db, paths, args.repeats, args.immutable))
    if args.http:
        report(f"over HTTP (datasette serve, {mode}), {args.repeats} requests each",
               time_over_http(args.db, paths, args.repeats, args.immutable))


if __name__ == "__main__":
    main()
