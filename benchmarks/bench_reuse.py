"""Speed of text reuse on a synthetic corpus, and optionally its accuracy on METER.

    .venv/bin/python benchmarks/bench_reuse.py [--articles 100000] [--new 1000] [--briefs 0.1] [--meter DIR]

Prints: fingerprinting rate, fingerprints per article, time to rebuild all reuse rows, time to
add `--new` articles to the database (update_reuse), and the METER scores when asked.
The synthetic articles are random Zipf-distributed made-up words; one in ten copies an earlier
article wholly or partly, so the index finds real candidates; a share are short briefs.
"""

from __future__ import annotations

import argparse
import itertools
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import sqlite_utils  # noqa: E402

from db import ensure_db_shape  # noqa: E402
from memory import PrivatePeak  # noqa: E402
from provenance.reuse import fingerprint_text, rebuild_reuse, update_reuse  # noqa: E402

SYLLABLES = ["ka", "lo", "mi", "ren", "tu", "sha", "vo", "den", "pri", "ul", "zen", "ba", "ro", "ni"]
FUNCTION_WORDS = ["the", "of", "and", "to", "a", "in", "that", "is", "was", "he", "for", "on", "said"]


def make_vocabulary(size: int, rng: random.Random) -> list[str]:
    """`size` distinct made-up words."""
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def make_texts(count: int, rng: random.Random, briefs: float = 0.0) -> list[str]:
    """Synthetic article texts, about 400 words each; a tenth reuse an earlier one.

    A share `briefs` are news briefs of two or three sentences (short texts keep every
    fingerprint), half of them taking their sentences from an earlier article.
    """
    # Content words by Zipf's law; function words make up 45 % of running text, as in news.
    content = make_vocabulary(30_000, rng)
    zipf = [1 / (rank + 1) for rank in range(len(content))]
    vocabulary = content + FUNCTION_WORDS
    total = sum(zipf)
    weights = [0.55 * w / total for w in zipf] + [0.45 / len(FUNCTION_WORDS)] * len(FUNCTION_WORDS)
    cumulative = list(itertools.accumulate(weights))
    texts: list[str] = []
    for index in range(count):
        if rng.random() < briefs:
            if index > 10 and rng.random() < 0.5:
                source = texts[rng.randrange(index)].split(". ")
                start = rng.randrange(max(1, len(source) - 3))
                kept = source[start : start + rng.randint(2, 3)]
            else:
                kept = [" ".join(rng.choices(vocabulary, cum_weights=cumulative, k=20)) for _ in range(rng.randint(2, 3))]
            texts.append(". ".join(kept) + ".")
            continue
        if index > 10 and rng.random() < 0.1:
            source = texts[rng.randrange(index)].split(". ")
            kept = source[: rng.randint(len(source) // 2, len(source))]
            own = [" ".join(rng.choices(vocabulary, cum_weights=cumulative, k=20)) for _ in range(rng.randint(0, 4))]
            texts.append(". ".join(kept + own) + ".")
            continue
        sentences = [" ".join(rng.choices(vocabulary, cum_weights=cumulative, k=20)) for _ in range(20)]
        texts.append(". ".join(sentences) + ".")
    return texts


def insert_articles(db: sqlite_utils.Database, texts: list[str], start: int, day: str) -> list[int]:
    """Articles and their fingerprints, as the pipeline saves them; their ids."""
    rows, fingerprints = [], []
    for offset, text in enumerate(texts):
        article_id = start + offset
        stamp = f"{day}T{(offset // 3600) % 24:02d}:{(offset // 60) % 60:02d}:{offset % 60:02d}Z"
        rows.append(
            {"id": article_id, "url": f"https://n{article_id}.example/a", "text": text,
             "first_seen": stamp, "time_key": stamp}
        )
        fingerprints.extend((value, article_id) for value in fingerprint_text(text))
    with db.conn:
        db["articles"].insert_all(rows, batch_size=1000)
        db.conn.executemany("insert or ignore into article_fingerprints values (?, ?)", fingerprints)
    return [row["id"] for row in rows]


class Timer:
    """Wall-clock and CPU seconds of a block (CPU time is steadier on a shared machine)."""

    def __enter__(self) -> "Timer":
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu

    def __str__(self) -> str:
        return f"{self.wall:.2f}s wall, {self.cpu:.2f}s CPU"


def main() -> None:
    """Run the benchmark and print its numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--new", type=int, default=1000)
    parser.add_argument("--briefs", type=float, default=0.1, help="share of two-three sentence briefs")
    parser.add_argument("--meter", type=Path, help="a METER folder: also score accuracy")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    with PrivatePeak(with_descendants=False) as private:  # this process's own, as ru_maxrss here
        rng = random.Random(7)
        texts = make_texts(args.articles + args.new, rng, args.briefs)
        base, new = texts[: args.articles], texts[args.articles :]

        with Timer() as timer:
            counts = [len(fingerprint_text(text)) for text in base[:5000]]
        words = sum(len(text.split()) for text in base[:5000])
        print(f"fingerprint_text: {len(counts) / timer.cpu:,.0f} articles per CPU second, "
              f"{sum(counts) / len(counts):.1f} fingerprints per article of {words / len(counts):.0f} words")

        with tempfile.TemporaryDirectory() as folder:
            db = sqlite_utils.Database(Path(folder) / "bench.db")
            ensure_db_shape(db)
            for trigger in [row[0] for row in db.execute(
                "select name from sqlite_master where type = 'trigger' and tbl_name = 'articles'"
            )]:
                db.execute(f"drop trigger {trigger}")  # full-text indexing is not what we measure
            with Timer() as timer:
                insert_articles(db, base, 1, "2026-03-01")
            print(f"insert {len(base):,} articles with fingerprints: {timer} "
                  f"({db['article_fingerprints'].count:,} fingerprint rows)")

            with Timer() as timer:
                rebuild_reuse(db)
            print(f"rebuild_reuse over {len(base):,} articles: {timer} "
                  f"({db['article_reuse'].count:,} rows)")

            ids = insert_articles(db, new, len(base) + 1, "2026-03-02")
            with Timer() as timer:
                changed = update_reuse(db, ids)
            print(f"update_reuse of {len(ids):,} new articles in a {len(base):,} database: "
                  f"{timer} ({len(changed):,} articles changed)")
            with Timer() as timer:
                update_reuse(db, ids)
            print(f"update_reuse again (nothing changes): {timer}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:,.0f} MiB resident (ru_maxrss), {private.own_mib:,.0f} MiB private (RssAnon)")

    if args.meter:
        from provenance.evaluation.meter import evaluate_reuse

        print(evaluate_reuse(args.meter).format())


if __name__ == "__main__":
    main()
