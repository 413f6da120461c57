"""Crawl throughput against the local fictional outlets: fetch + extract + analyse + save, pages/s.

Usage:
    .venv/bin/python benchmarks/bench_crawl.py [--outlets 8] [--articles 100] [--workers 8]

Starts one real HTTP server per fictional outlet on 127.0.0.1, each with a sitemap of generated
article pages (boilerplate, navigation, quotes, credits and links like real news pages), runs one
crawl with politeness limits that allow it (no delay, 4 connections per host), and prints the
numbers. The goal is at least 50 pages a second on 2 cores.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlite_utils  # noqa: E402

from provenance.crawl import parse_crawl_config, run_crawl  # noqa: E402
from tests.servers import FakeWeb, render_sitemap_index  # noqa: E402

WORDS = (
    "council water board harbour ferry storm inspection engineers road valley bridge budget vote mayor "
    "residents shelter school forecast weekend morning evening report plan contract operator union port "
    "terminal sale lease public money families river dam spillway county state officials statement"
).split()
NAMES = ["Helen Marsh", "Tom Reyes", "Ada Novak", "Ivo Brandt", "Mara Quist", "Olu Okafor", "Lena Berg"]
VERBS = ["said", "told reporters", "added", "said in a statement", "wrote"]


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def article_html(rng: random.Random, outlet: str, index: int, others: list[str], quotes: list[str]) -> str:
    """A news page of about 15 KB: header, navigation, body with quotes and a credit, footer."""
    nav = "".join(f'<li><a href="/section/{w}">{w.title()}</a></li>' for w in WORDS[:25])
    paragraphs = []
    for p in range(9):
        if p in (1, 4):
            quote = rng.choice(quotes)
            paragraphs.append(f"<p>\u201c{quote}\u201d {rng.choice(NAMES)} {rng.choice(VERBS)}.</p>")
        elif p == 2 and others:
            source = rng.choice(others)
            paragraphs.append(f'<p>{sentence(rng, 12)[:-1]}, according to <a href="{source}">a report</a>.</p>')
        else:
            paragraphs.append(f"<p>{sentence(rng, 28)} {sentence(rng, 22)}</p>")
    related = "".join(f'<li><a href="/news/{outlet}-{rng.randrange(1000)}.html">{sentence(rng, 6)}</a></li>'
                      for _ in range(12))
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{sentence(rng, 7)[:-1]} | {outlet.title()} News</title>"
        f"<meta property='og:site_name' content='{outlet.title()} News'>"
        f"<meta property='article:published_time' content='2026-05-{1 + index % 28:02d}T{index % 24:02d}:00:00+00:00'>"
        "<script>window.dataLayer=[];function gtag(){dataLayer.push(arguments)}</script>"
        "<style>body{font-family:serif}nav li{display:inline}</style></head><body>"
        f"<header><a href='/'>{outlet.title()} News</a><nav><ul>{nav}</ul></nav></header>"
        f"<main><article><h1>{sentence(rng, 8)[:-1]}</h1><p class='byline'>By {rng.choice(NAMES)}</p>"
        + "".join(paragraphs)
        + f"</article><aside><h2>Related</h2><ul>{related}</ul></aside></main>"
        "<footer><p>Copyright 2026. All rights reserved.</p><p>Subscribe to our newsletter.</p></footer>"
        "</body></html>"
    )


def build_web(outlets: int, articles: int, seed: int = 7) -> tuple[FakeWeb, list[str]]:
    """Outlets with generated articles and sitemaps; returns the web and the sitemap URLs."""
    rng = random.Random(seed)
    web = FakeWeb()
    hosts = [f"outlet{n}.example" for n in range(outlets)]
    for host in hosts:
        web.site(host, host.split(".")[0].title())
    quotes = [sentence(rng, rng.randint(10, 18))[:-1] for _ in range(120)]
    urls = {host: [web.site(host).url(f"/news/{host.split('.')[0]}-{i}.html") for i in range(articles)] for host in hosts}
    sitemaps = []
    for host in hosts:
        site = web.site(host)
        others = [u for h in hosts if h != host for u in urls[h][:5]]
        for i, url in enumerate(urls[host]):
            site.add(url[len(site.base):], article_html(rng, host.split(".")[0], i, others, quotes))
        body = "".join(f"<url><loc>{u}</loc></url>" for u in urls[host])
        site.add("/sitemap-articles.xml",
                 f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</urlset>', "application/xml")
        site.add("/sitemap.xml", render_sitemap_index(site, ["/sitemap-articles.xml"]), "application/xml")
        site.add("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")
        sitemaps.append(site.url("/sitemap.xml"))
    return web, sitemaps


def serve_web(outlets: int, articles: int, queue, stop) -> None:
    """Child process: serve the outlets until told to stop (keeps their CPU off the crawler's)."""
    web, sitemaps = build_web(outlets, articles)
    queue.put((web.resolve, sitemaps))
    stop.wait()
    web.close()


def crawl_once(resolve: dict[str, str], sitemaps: list[str], args: argparse.Namespace) -> dict:
    """One crawl of every article into a fresh database; its timings and counts."""
    total = args.outlets * args.articles
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "bench.db"
        config = parse_crawl_config({
            "allow_private": True,
            "resolve": resolve,
            "politeness": {"min_delay": 0, "per_host_concurrency": 4},
            "limits": {"workers": args.workers, "analysis_workers": args.analysis_workers,
                       "max_pages": total * 2, "retries": 0},
            "warc": str(Path(tmp) / "warc"),
            "search": {"source": "none"},
            "stories": [{"name": "bench", "sitemaps": sitemaps, "max_age_days": 100000, "follow": {"max_depth": 0}}],
        })
        progress_at: list[tuple[float, int]] = []

        def progress(report) -> None:
            progress_at.append((time.perf_counter(), report.new))

        started = time.perf_counter()
        cpu_started = time.process_time()
        report = run_crawl(db_path, config, progress=progress)
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        pages_done = min((t for t, new in progress_at if new == report.new), default=time.perf_counter())
        db = sqlite_utils.Database(db_path)
        return {
            "report": report, "elapsed": elapsed, "cpu": cpu, "page_seconds": pages_done - started,
            "articles": db["articles"].count, "occurrences": db["quote_occurrences"].count,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outlets", type=int, default=8)
    parser.add_argument("--articles", type=int, default=100, help="articles per outlet")
    parser.add_argument("--workers", type=int, default=8, help="concurrent fetches")
    parser.add_argument("--analysis-workers", type=int, default=2, help="processes extracting and analysing")
    parser.add_argument("--repeat", type=int, default=1, help="crawls to run; the fastest is reported")
    args = parser.parse_args()
    context = multiprocessing.get_context("fork")
    queue, stop = context.Queue(), context.Event()
    server = context.Process(target=serve_web, args=(args.outlets, args.articles, queue, stop), daemon=True)
    server.start()
    resolve, sitemaps = queue.get(timeout=120)
    runs = []
    for number in range(max(1, args.repeat)):
        run = crawl_once(resolve, sitemaps, args)
        rate = run["report"].new / run["page_seconds"]
        print(f"run {number + 1}: {rate:.1f} pages/s (load average {os.getloadavg()[0]:.1f})")
        runs.append(run)
    stop.set()
    server.join(10)
    best = max(runs, key=lambda r: r["report"].new / r["page_seconds"])
    report = best["report"]
    print(f"outlets={args.outlets} articles={args.outlets * args.articles} workers={args.workers} "
          f"analysis_workers={args.analysis_workers} cores={os.cpu_count()} "
          f"load average={os.getloadavg()[0]:.1f} (other work on the machine slows the wall clock)")
    print(f"saved {best['articles']} articles, {best['occurrences']} quote occurrences, {report.errors} errors")
    print(f"sitemaps+fetch+extract+analyse+save (WARC on): {report.new} pages in {best['page_seconds']:.1f} s "
          f"= {report.new / best['page_seconds']:.1f} pages/s")
    print(f"whole run incl. tracing: {best['elapsed']:.1f} s = {report.new / best['elapsed']:.1f} pages/s")
    print(f"crawl process CPU time (analysis workers not counted): {best['cpu']:.1f} s")
    print(f"summary: {report.summary()}")


if __name__ == "__main__":
    main()
