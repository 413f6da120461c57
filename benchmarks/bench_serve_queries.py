"""Serving: p50 and p95 of the quote page, a faceted quotes table, full-text searches and every canned query.

Uses bench_serve.py's database (built once by it, or here when missing: the same fictional
100,000-article database with every contract table filled) and its report; adds the pages the
growth issue asks for that bench_serve.py does not time: a facet, full-text search on articles
and quotes, and each canned query of metadata.yml with realistic parameters. Requests go
through Datasette's in-process client with metadata.yml, so the times are the server's own.
A page that does not answer 200 (a canned query over Datasette's time limit, say) is listed.
bench_serve.py writes every article from a vocabulary of about sixty words, so a full-text search
there matches most articles: a worst case for the search page, not a typical one.

    .venv/bin/python benchmarks/bench_serve_queries.py --articles 100000 --db /tmp/bench-serve.db
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

import sqlite_utils
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_serve import ensure_database, open_datasette, report  # noqa: E402
from machine import describe_machine  # noqa: E402
from provenance.serve import METADATA_PATH  # noqa: E402


def pick_paths(path: Path, name: str, metadata: dict) -> dict[str, str]:
    """The pages to time, with parameters taken from the database; every canned query included."""
    database = sqlite_utils.Database(path)
    typical = database.execute(
        "select id from quotes where article_count between 5 and 8 order by id limit 1 offset "
        "(select count(*) / 2 from quotes where article_count between 5 and 8)"
    ).fetchone()
    quote_id = typical[0] if typical else database.execute("select min(id) from quotes").fetchone()[0]
    words = " ".join(database.execute("select text from quotes where id = ?", [quote_id]).fetchone()[0].split()[:3])
    first_day = database.execute("select min(substr(time_key, 1, 10)) from articles").fetchone()[0]
    title_word = database.execute("select title from articles order by id limit 1").fetchone()[0].split()[0]
    database.conn.close()
    arguments = {
        "quote_id": str(quote_id),
        "words": words.strip(".,"),
        "origin_kind": "exclusive",
        "from_day": first_day,
        "to_day": first_day[:8] + "28",
        "title": title_word,
    }
    paths = {
        "quote page (typical quote)": f"/{name}/-/quote/{quote_id}",
        "quotes table, facet origin_kind": f"/{name}/quotes?_facet=origin_kind",
        "quotes table, filtered + facet speaker": f"/{name}/quotes?origin_kind=exclusive&_facet=speaker",
        "articles full-text search": f"/{name}/articles?_search=harbour+ferry",
        "quotes full-text search": f"/{name}/quotes?_search=harbour",
    }
    queries = metadata["databases"]["provenance"].get("queries", {})
    for query, spec in queries.items():
        wanted = [key for key in arguments if f":{key}" in spec["sql"]]
        query_string = "&".join(f"{key}={arguments[key].replace(' ', '+')}" for key in wanted)
        paths[f"canned query {query}"] = f"/{name}/{query}" + (f"?{query_string}" if query_string else "")
    return paths


def time_pages(
    path: Path, metadata: dict, paths: dict[str, str], repeats: int, immutable: bool = False
) -> tuple[dict[str, list[float]], dict[str, int]]:
    """Milliseconds per request for each page; the pages that answered something other than 200."""

    async def run():
        datasette = open_datasette(path, metadata, immutable)
        timings: dict[str, list[float]] = {}
        failures: dict[str, int] = {}
        for label, page in paths.items():
            response = await datasette.client.get(page)  # warm the caches once
            if response.status_code != 200:
                failures[f"{label} ({page})"] = response.status_code
                continue
            samples = []
            for _ in range(repeats):
                started = time.perf_counter()
                await datasette.client.get(page)
                samples.append((time.perf_counter() - started) * 1000)
            timings[label] = samples
        return timings, failures

    return asyncio.run(run())


def main(argv: list[str] | None = None) -> None:
    """Build the database when missing, then time every page."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000, help="size of a database built here")
    parser.add_argument("--db", type=Path, default=Path("/tmp/bench-serve.db"))
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--immutable", action="store_true", help="Serve as `provenance serve --immutable` does.")
    args = parser.parse_args(argv)
    print(describe_machine())
    ensure_database(args.db, args.articles)
    with sqlite_utils.Database(args.db) as database:
        print(f"database: {database['articles'].count} articles, {database['quotes'].count} quotes, "
              f"{database['quote_occurrences'].count} occurrences, {args.db.stat().st_size / 1e6:.0f} MB")
    metadata = yaml.safe_load(METADATA_PATH.read_text(encoding="utf-8"))
    paths = pick_paths(args.db, args.db.stem, metadata)
    timings, failures = time_pages(args.db, metadata, paths, args.repeats, args.immutable)
    mode = "immutable snapshot" if args.immutable else "live"
    report(f"in-process (Datasette client, {mode}), {args.repeats} requests each; median is p50", timings)
    for label, status in failures.items():
        print(f"NOT 200: {label}: HTTP {status}")


if __name__ == "__main__":
    main()
