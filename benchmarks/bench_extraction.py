"""Time extract_article against bare trafilatura on the article-extraction benchmark; print numbers.

Usage: .venv/bin/python benchmarks/bench_extraction.py [CORPUS_DIR] [--repeat N] [--limit N]
CORPUS_DIR defaults to ../shared/corpora/article-extraction-benchmark (html/*.html, ground-truth.json).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402
from bs4 import BeautifulSoup  # noqa: E402
from trafilatura.utils import load_html  # noqa: E402

from scrapers.html import DATE_PARAMS, extract_article  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "article-extraction-benchmark"
WORD_RE = re.compile(r"\w+")


def word_f1(predicted: str, gold: str) -> float:
    """Word-level F1 of an extracted body against the gold body."""
    guess = Counter(WORD_RE.findall(predicted.lower()))
    truth = Counter(WORD_RE.findall(gold.lower()))
    overlap = sum((guess & truth).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(guess.values()), overlap / sum(truth.values())
    return 2 * precision * recall / (precision + recall)


def time_runs(
    runs: list[tuple[str, Callable[[bytes, str], str]]], pages: list[tuple[bytes, str, str]], repeat: int
) -> dict[str, tuple[list[float], list[float]]]:
    """Per run: best-of-repeat seconds per page and word F1 per page.

    Runs are interleaved page by page, so load from other processes on the machine hits all alike.
    """
    results: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name, _ in runs}
    for raw, url, gold in pages:
        best = {name: float("inf") for name, _ in runs}
        texts: dict[str, str] = {}
        for _ in range(repeat):
            for name, run in runs:
                started = time.perf_counter()
                texts[name] = run(raw, url)
                best[name] = min(best[name], time.perf_counter() - started)
        for name, _ in runs:
            results[name][0].append(best[name])
            results[name][1].append(word_f1(texts[name] or "", gold))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3, help="runs per page; the fastest counts")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    args = parser.parse_args()
    gold_path = args.corpus / "ground-truth.json"
    if not gold_path.exists():
        sys.exit(f"error: no ground-truth.json in {args.corpus}")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    ids = sorted(gold)[: args.limit or None]
    pages = [((args.corpus / "html" / f"{page_id}.html").read_bytes(), gold[page_id]["url"], gold[page_id]["articleBody"]) for page_id in ids]

    def bare_default(raw: bytes, url: str) -> str:
        document = trafilatura.bare_extraction(raw, url=url, with_metadata=True)
        return document.text if document else ""

    def bare_same_options(raw: bytes, url: str) -> str:
        document = trafilatura.bare_extraction(
            raw, url=url, with_metadata=True, include_links=True, include_comments=False, date_extraction_params=DATE_PARAMS
        )
        return document.text if document else ""

    def extract_text_only(raw: bytes, url: str) -> str:
        return trafilatura.extract(raw, url=url) or ""

    def ours(raw: bytes, url: str) -> str:
        return extract_article(raw, url).text

    def lxml_parse(raw: bytes, url: str) -> str:
        load_html(raw)
        return ""

    def bs4_parse(raw: bytes, url: str) -> str:
        BeautifulSoup(raw, "lxml")
        return ""

    runs = [
        ("trafilatura.bare_extraction(with_metadata) defaults", bare_default),
        ("trafilatura.bare_extraction, extract_article's options", bare_same_options),
        ("trafilatura.extract (text only, no metadata)", extract_text_only),
        ("scrapers.html.extract_article", ours),
        ("lxml parse only (trafilatura.load_html)", lxml_parse),
        ("BeautifulSoup(lxml) parse only", bs4_parse),
    ]
    print(f"{len(pages)} pages from {args.corpus}, best of {args.repeat} interleaved runs per page")
    results = time_runs(runs, pages, args.repeat)
    for name, (times, scores) in results.items():
        # parse-only runs return no text; the links variant's text carries markdown link syntax
        f1_text = f"  word F1 {statistics.fmean(scores):.4f}" if "parse only" not in name and "options" not in name else ""
        print(
            f"{name:58s} mean {statistics.fmean(times) * 1000:6.2f} ms  median {statistics.median(times) * 1000:6.2f} ms"
            f"  total {sum(times):6.2f} s{f1_text}"
        )
    ours_total = sum(results["scrapers.html.extract_article"][0])
    for name in ("trafilatura.bare_extraction(with_metadata) defaults", "trafilatura.bare_extraction, extract_article's options"):
        print(f"extract_article / {name}: {ours_total / sum(results[name][0]):.2f}x")


if __name__ == "__main__":
    main()
