"""Benchmark clustering and lineage on synthetic corpora: speed from scratch, incremental, accuracy.

By default rows are inserted straight into the database as the per-article stage would save them
(occurrences, credits, links) with the planted text-reuse rows standing in for
provenance/reuse.py, so the times are the cross-article stages alone: clustering
(assign_occurrences) and lineage (trace_quotes). With --import the corpus goes as JSON Lines
through the whole pipeline (`provenance import`: extraction, quotes, credits, reuse, clustering,
lineage) and the lineage found is scored against the planted truth by (url, normalised wording).

    .venv/bin/python benchmarks/bench_trace.py --sizes 10000,30000,100000 --incremental 1000
    .venv/bin/python benchmarks/bench_trace.py --import --sizes 2000
    .venv/bin/python benchmarks/bench_trace.py --meter ../shared/corpora/meter-courts

--meter clusters the quotations of real court reports (METER: Press Association copy and nine
newspapers) and reports how often clusters cross stories (a quote linked to another story's) and,
for each newspaper quotation sharing a run of 5+ words with a PA quotation of its own story, how
often the two end in one cluster (a recall proxy that does not use the clustering rule).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import sqlite_utils

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from db import ensure_db_shape, open_db  # noqa: E402
from provenance.clustering import assign_occurrences  # noqa: E402
from provenance.lineage import trace_quotes  # noqa: E402
from provenance.normalize import normalize_quote  # noqa: E402
from synthetic import VOCABULARY, Corpus, generate_corpus, load_into_db, vocabulary_size, write_corpus  # noqa: E402


def score(db: sqlite_utils.Database, corpus: Corpus) -> dict[str, float]:
    """Clusters, origins and sources recovered, against the planted truth."""
    truth = {}
    for article in corpus.articles:
        for occurrence in article.occurrences:
            truth[(article.url, occurrence.start)] = occurrence
    outlet_keys = dict(db.execute("select id, key from outlets").fetchall())
    urls = dict(db.execute("select id, url from articles").fetchall())
    predicted_cluster = {}
    found_sources = {}
    rows = db.execute(
        """select a.url, o.start, o.quote_id, l.source_article_id, l.source_outlet_id, l.evidence
        from quote_occurrences o join articles a on a.id = o.article_id
        left join lineage l on l.occurrence_id = o.id"""
    )
    for url, start, quote_id, source_article, source_outlet, evidence in rows:
        predicted_cluster[(url, start)] = quote_id
        found_sources[(url, start)] = (
            urls.get(source_article) or (outlet_keys.get(source_outlet) if source_article is None else None),
            evidence,
        )
    members = defaultdict(set)
    for key, occurrence in truth.items():
        members[occurrence.cluster].add(key)
    predicted_members = defaultdict(set)
    for key, quote_id in predicted_cluster.items():
        predicted_members[quote_id].add(key)
    exact = sum(1 for keys in members.values() if predicted_members.get(predicted_cluster.get(next(iter(keys)))) == keys)
    origins = dict(
        (row[0], row[1:]) for row in db.execute("select id, origin_outlet_id, origin_article_id, origin_kind from quotes")
    )
    origin_hits = kind_hits = 0
    for cluster, keys in members.items():
        majority = Counter(predicted_cluster.get(key) for key in keys).most_common(1)[0][0]
        outlet_id, article_id, kind = origins.get(majority, (None, None, None))
        true_outlet, true_url, true_kind = corpus.origins[cluster]
        origin_hits += (outlet_keys.get(outlet_id), urls.get(article_id)) == (true_outlet, true_url)
        kind_hits += kind == true_kind
    source_hits = evidence_hits = 0
    for key, occurrence in truth.items():
        want = occurrence.source_url or occurrence.source_outlet
        got, evidence = found_sources.get(key, (None, None))
        source_hits += got == want
        evidence_hits += evidence == occurrence.evidence
    return {
        "clusters exact": exact / len(members),
        "origins": origin_hits / len(members),
        "origin kinds": kind_hits / len(members),
        "sources": source_hits / len(truth),
        "evidence": evidence_hits / len(truth),
    }


def run(size: int, incremental: int, seed: int, folder: Path, vocabulary: int = VOCABULARY) -> dict:
    """Time one corpus: load, cluster + trace from scratch, then add `incremental` newest articles."""
    corpus = generate_corpus(size + incremental, seed, vocabulary)
    base, new = corpus.articles[:-incremental or None], corpus.articles[len(corpus.articles) - incremental :]
    path = folder / f"bench-{size}.db"
    path.unlink(missing_ok=True)
    db = sqlite_utils.Database(path)
    ensure_db_shape(db)
    started = time.perf_counter()
    load_into_db(db, corpus, base)
    loaded = time.perf_counter() - started
    started, cpu = time.perf_counter(), time.process_time()
    assign_occurrences(db)
    clustered = time.perf_counter() - started
    started = time.perf_counter()
    trace_quotes(db, None)
    traced = time.perf_counter() - started
    scratch_cpu = time.process_time() - cpu
    result = {
        "articles": len(base),
        "occurrences": db.execute("select count(*) from quote_occurrences").fetchone()[0],
        "load s": loaded,
        "cluster s": clustered,
        "trace s": traced,
        "scratch s": clustered + traced,
        "scratch cpu s": scratch_cpu,
    }
    if new:
        load_into_db(db, corpus, new)
        started, cpu = time.perf_counter(), time.process_time()
        touched = assign_occurrences(db)
        trace_quotes(db, touched)
        result["add s"] = time.perf_counter() - started
        result["add cpu s"] = time.process_time() - cpu
        result["added"] = len(new)
        result["touched"] = len(touched)
    result.update(score(db, corpus))
    db.close()
    return result


def score_import(db: sqlite_utils.Database, corpus: Corpus) -> dict[str, float]:
    """Sources, evidence and origins found by the whole pipeline, matched to the truth by wording."""
    names = dict(db.execute("select id, name from outlets").fetchall())
    urls = dict(db.execute("select id, url from articles").fetchall())
    found = {}
    for url, text, quote_id, source_article, source_outlet, evidence in db.execute(
        """select a.url, o.text, o.quote_id, l.source_article_id, l.source_outlet_id, l.evidence
        from quote_occurrences o join articles a on a.id = o.article_id
        left join lineage l on l.occurrence_id = o.id"""
    ):
        source = urls.get(source_article) or (names.get(source_outlet) if source_article is None else None)
        found[(url, normalize_quote(text))] = (source, evidence, quote_id)
    origins = {
        row[0]: (names.get(row[1]), urls.get(row[2]), row[3])
        for row in db.execute("select id, origin_outlet_id, origin_article_id, origin_kind from quotes")
    }
    total = extracted = sources = evidence_hits = 0
    by_cluster: dict[int, Counter] = defaultdict(Counter)
    for article in corpus.articles:
        for occurrence in article.occurrences:
            total += 1
            got = found.get((article.url, normalize_quote(occurrence.text)))
            if got is None:
                continue
            extracted += 1
            outlet = corpus.outlets[occurrence.source_outlet].name if occurrence.source_outlet else None
            sources += got[0] == (occurrence.source_url or outlet)
            evidence_hits += got[1] == occurrence.evidence
            by_cluster[occurrence.cluster][got[2]] += 1
    origin_hits = kind_hits = 0
    for cluster, (outlet_key, url, kind) in corpus.origins.items():
        if not by_cluster[cluster]:
            continue
        got = origins.get(by_cluster[cluster].most_common(1)[0][0], (None, None, None))
        origin_hits += got[:2] == (corpus.outlets[outlet_key].name, url)
        kind_hits += got[2] == kind
    return {
        "occurrences extracted": extracted / total,
        "sources": sources / total,
        "evidence": evidence_hits / total,
        "origins": origin_hits / len(corpus.origins),
        "origin kinds": kind_hits / len(corpus.origins),
    }


def run_import(size: int, seed: int, folder: Path, vocabulary: int = VOCABULARY) -> dict:
    """The whole pipeline on a synthetic corpus written as JSON Lines."""
    from provenance.pipeline import import_paths

    corpus = generate_corpus(size, seed, vocabulary)
    paths = write_corpus(corpus, folder / f"corpus-{size}")
    path = folder / f"import-{size}.db"
    path.unlink(missing_ok=True)
    db = open_db(path)
    started = time.perf_counter()
    import_paths(db, [paths["articles"]], extra_registry=[paths["outlets"]])
    result = {"articles": len(corpus.articles), "import s": time.perf_counter() - started}
    result.update(score_import(db, corpus))
    db.close()
    return result


def evaluate_meter(folder: Path) -> dict[str, float]:
    """Cluster METER's quotations; cross-story links and a same-story recall proxy."""
    from provenance.evaluation.meter import read_meter
    from provenance.models import TRACKED_QUOTE_KINDS
    from provenance.normalize import quote_words
    from provenance.quotes import extract_quotes

    agency, newspapers = read_meter(folder)
    texts = [(text, "PA") for group in agency.values() for text in group] + [(t, "paper") for t, _ in newspapers]
    db = sqlite_utils.Database(memory=True)
    ensure_db_shape(db)
    outlet = db["outlets"].insert({"key": "meter", "name": "METER", "kind": "unknown"}).last_pk
    info = {}
    for index, (text, side) in enumerate(texts):
        article_id = db["articles"].insert(
            {"url": f"meter:{text.path}", "outlet_id": outlet, "text": text.text, "first_seen": text.date,
             "time_key": text.date}
        ).last_pk
        for quotation in extract_quotes(text.text):
            if quotation.kind not in TRACKED_QUOTE_KINDS:
                continue
            occurrence_id = db["quote_occurrences"].insert(
                {"article_id": article_id, "text": quotation.text, "kind": quotation.kind,
                 "speaker_name": quotation.speaker_name, "start": quotation.start, "end": quotation.end},
                replace=True,
            ).last_pk
            info[occurrence_id] = (text.group, side, quote_words(quotation.text))
    started = time.perf_counter()
    assign_occurrences(db)
    elapsed = time.perf_counter() - started
    cluster_of = dict(db.execute("select id, quote_id from quote_occurrences").fetchall())
    members = defaultdict(list)
    for occurrence_id, quote_id in cluster_of.items():
        members[quote_id].append(occurrence_id)
    linked_pairs = cross_pairs = 0
    for ids in members.values():
        groups = Counter(info[i][0] for i in ids)
        linked_pairs += len(ids) * (len(ids) - 1) // 2
        cross_pairs += (len(ids) * (len(ids) - 1) - sum(n * (n - 1) for n in groups.values())) // 2
    by_group = defaultdict(list)
    for occurrence_id, (group, side, words) in info.items():
        if side == "PA":
            by_group[group].append((occurrence_id, words))
    expected = hits = 0
    for occurrence_id, (group, side, words) in info.items():
        if side != "paper" or len(words) < 5:
            continue
        grams = {tuple(words[i : i + 5]) for i in range(len(words) - 4)}
        partners = [
            pa for pa, pa_words in by_group.get(group, [])
            if grams & {tuple(pa_words[i : i + 5]) for i in range(len(pa_words) - 4)}
        ]
        if partners:
            expected += 1
            hits += any(cluster_of[pa] == cluster_of[occurrence_id] for pa in partners)
    return {
        "texts": len(texts),
        "occurrences": len(info),
        "clusters": len(members),
        "seconds": elapsed,
        "linked pairs": linked_pairs,
        "cross-story share": cross_pairs / linked_pairs if linked_pairs else 0.0,
        "recall proxy": hits / expected if expected else 0.0,
        "recall pairs": expected,
    }


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print one line per corpus size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated article counts")
    parser.add_argument("--incremental", type=int, default=1000, help="newest articles added afterwards")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--vocabulary", type=vocabulary_size, default=VOCABULARY,
                        help="content words of the corpus (0: the small one of earlier measurements)")
    parser.add_argument("--folder", type=Path, default=None, help="where the databases go (default: a temp dir)")
    parser.add_argument("--import", dest="full", action="store_true", help="run the whole import pipeline")
    parser.add_argument("--meter", type=Path, default=None, help="METER courts folder: cluster its quotations")
    args = parser.parse_args(argv)
    if args.meter:
        if not (args.meter / "PA").is_dir():
            parser.error(f"not a METER courts folder: {args.meter}")
        result = evaluate_meter(args.meter)
        print(
            f"METER: {result['texts']} texts, {result['occurrences']} quotations -> {result['clusters']} clusters"
            f" in {result['seconds']:.1f} s | linked pairs {result['linked pairs']}, across stories"
            f" {result['cross-story share']:.4f} | same-story recall proxy {result['recall proxy']:.4f}"
            f" ({result['recall pairs']} newspaper quotations sharing 5+ words with PA's)"
        )
        return
    sizes = [int(size) for size in args.sizes.split(",")]
    if args.full:
        with tempfile.TemporaryDirectory() as tmp:
            folder = args.folder or Path(tmp)
            folder.mkdir(parents=True, exist_ok=True)
            for size in sizes:
                result = run_import(size, args.seed, folder, args.vocabulary)
                print(
                    f"whole pipeline (provenance import): {result['articles']} articles in {result['import s']:.1f} s"
                    f" | occurrences extracted {result['occurrences extracted']:.4f} sources {result['sources']:.4f}"
                    f" evidence {result['evidence']:.4f} origins {result['origins']:.4f}"
                    f" kinds {result['origin kinds']:.4f}",
                    flush=True,
                )
        return
    print(
        "cross-article stages only: analysed rows and planted reuse rows inserted directly;"
        f" corpus vocabulary {args.vocabulary or 'small (247 words, even)'}"
    )
    print(f"load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())} (2 cores shared: wall times vary)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        results = []
        for size in sizes:
            result = run(size, args.incremental, args.seed, folder, args.vocabulary)
            results.append(result)
            print(
                f"{result['articles']:>7} articles {result['occurrences']:>7} occurrences | load {result['load s']:.1f} s"
                f" | cluster {result['cluster s']:.1f} s + trace {result['trace s']:.1f} s ="
                f" {result['scratch s']:.1f} s from scratch (cpu {result['scratch cpu s']:.1f} s)"
                + (f" | +{result['added']} articles in {result['add s']:.2f} s (cpu {result['add cpu s']:.2f} s,"
                   f" {result['touched']} clusters)"
                   if "add s" in result else "")
                + f" | clusters exact {result['clusters exact']:.4f} origins {result['origins']:.4f}"
                f" kinds {result['origin kinds']:.4f} sources {result['sources']:.4f} evidence {result['evidence']:.4f}",
                flush=True,
            )
        if len(results) > 1:
            small, large = results[0], results[-1]
            n0, n1 = small["articles"], large["articles"]
            ratio = large["scratch s"] / small["scratch s"]
            cpu_ratio = large["scratch cpu s"] / small["scratch cpu s"]
            nlogn = (n1 * math.log(n1)) / (n0 * math.log(n0))
            print(
                f"growth {n0} -> {n1}: wall x{ratio:.2f}, cpu x{cpu_ratio:.2f};"
                f" linear x{n1 / n0:.2f}, n log n x{nlogn:.2f}"
            )


if __name__ == "__main__":
    main()
