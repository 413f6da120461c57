"""Every benchmark script runs end to end at a tiny size (the figures themselves are not asserted).

Speed goals live in the scripts' output, never in timed tests; these only keep the scripts working.
The corpus-based ones are skipped when ../shared/corpora is absent.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from provenance.pipeline import sample_pages
from tests.conftest import shared_path

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from synthetic import generate_corpus  # noqa: E402

MACHINE_RE = re.compile(r"^machine: .+, \d+ cores, \d+ GiB, load [\d.]+; Python 3\.\d+", re.MULTILINE)

# Fictional texts for the quotation benchmark (any folder of .txt files works).
TEXTS = {
    "ferry.txt": (
        "EASTPOINT \u2014 The ferry levy will rise by a third next month.\n"
        "\u201cWe cannot run the crossing on goodwill alone,\u201d harbour master Ines Moreau said on Tuesday.\n"
        "The council votes on Thursday."
    ),
    "library.txt": (
        "\u201cWe will not close the library,\u201d Ana Ruiz told the Harborton Ledger.\n"
        "Her deputy called the plan \u201ca promise to every family in town.\u201d"
    ),
}


def run_benchmark(script: str, *args: str | Path, timeout: int = 240) -> str:
    """Run benchmarks/<script> with `args`; its standard output (fails the test on a non-zero exit)."""
    completed = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return completed.stdout


def test_ingest_on_the_sample_story_pages(tmp_path: Path) -> None:
    pages = sample_pages()
    output = run_benchmark("bench_ingest.py", pages[0].parent, "--workers", "2")
    assert MACHINE_RE.search(output)
    assert f"{len(pages)} pages" in output
    for label in ("bare trafilatura, defaults, 1 core", "bare trafilatura, our settings, 1 core",
                  "provenance import, 1 process", "provenance import, 2 processes"):
        assert re.search(rf"^{re.escape(label)} +[\d.]+ s wall +[\d.]+ s CPU .+ x bare CPU", output, re.MULTILINE), label
    assert f"{len(pages)} articles, 0 failed" in output


def test_ingest_on_the_extraction_corpus() -> None:
    folder = shared_path("corpora", "article-extraction-benchmark", "html")
    output = run_benchmark("bench_ingest.py", folder, "--limit", "3", "--workers", "1")
    assert "3 pages" in output
    assert "3 articles, 0 failed" in output


def test_ingest_without_pages_says_so(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, str(BENCHMARKS / "bench_ingest.py"), str(tmp_path)],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert completed.returncode == 1
    assert completed.stderr.strip() == f"error: no .html files in {tmp_path}"


def test_growth_at_a_tiny_size() -> None:
    size, incremental = 40, 10
    articles = len(generate_corpus(size + incremental, 1).articles) - incremental
    output = run_benchmark("bench_growth.py", "--sizes", size, "--incremental", incremental, "--workers", "2")
    assert MACHINE_RE.search(output)
    row = re.search(rf"^ +{articles} articles +\d+ occurrences +\d+ quotes \| import .+$", output, re.MULTILINE)
    assert row, output
    assert f"+{incremental} articles:" in row.group(0)
    assert re.search(
        r"peak RSS +\d+ MiB \(workers +\d+ MiB\), private +\d+ MiB \(workers +\d+ MiB\) \| clusters exact [\d.]+ origins",
        row.group(0),
    )


def test_growth_rejects_bad_sizes() -> None:
    completed = subprocess.run(
        [sys.executable, str(BENCHMARKS / "bench_growth.py"), "--sizes", "10k"],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert completed.returncode == 1
    assert completed.stderr.strip() == "error: --sizes must be comma-separated whole numbers, got '10k'"


@pytest.mark.parametrize("vocabulary", ["1", "100", "-5", "1000000"])
def test_a_vocabulary_the_generator_cannot_draw_is_refused(vocabulary: str) -> None:
    # the CONTENT_WORDS (247) are always drawn and the made-up words run out: a smaller or larger
    # vocabulary must not quietly become another one
    with pytest.raises(ValueError):
        generate_corpus(10, 1, int(vocabulary))
    for script in ("synthetic.py", "bench_trace.py", "bench_growth.py"):
        completed = subprocess.run(
            [sys.executable, str(BENCHMARKS / script), "--vocabulary", vocabulary],
            capture_output=True, text=True, timeout=60, check=False,
        )
        assert completed.returncode == 2, (script, completed.stderr)
        assert "argument --vocabulary: 0, or 247 to " in completed.stderr, (script, completed.stderr)


@pytest.mark.parametrize("vocabulary", [0, 247, 6000])
def test_a_vocabulary_it_can_draw_is_drawn_from(vocabulary: int) -> None:
    from synthetic import CONTENT_WORDS, Generator, vocabulary_size

    assert vocabulary_size(str(vocabulary)) == vocabulary
    assert len(Generator(1, vocabulary).vocabulary) == (vocabulary or len(CONTENT_WORDS))


def test_trace_at_a_tiny_size() -> None:
    output = run_benchmark("bench_trace.py", "--sizes", "60", "--incremental", "10")
    assert re.search(r"^ +\d+ articles +\d+ occurrences \| load .+ clusters exact", output, re.MULTILINE), output


def test_reuse_at_a_tiny_size() -> None:
    output = run_benchmark("bench_reuse.py", "--articles", "200", "--new", "20")
    assert "update_reuse of 20 new articles in a 200 database" in output


def test_crawl_at_a_tiny_size() -> None:
    output = run_benchmark("bench_crawl.py", "--outlets", "2", "--articles", "3", "--workers", "2",
                           "--analysis-workers", "1")
    assert "saved 6 articles" in output


def test_quotes_on_fictional_texts(tmp_path: Path) -> None:
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    output = run_benchmark("bench_quotes.py", tmp_path, "--repeat", "1")
    assert MACHINE_RE.search(output)
    assert f"texts: {len(TEXTS)} documents" in output


@pytest.fixture(scope="module")
def serve_db(tmp_path_factory) -> Path:
    """Where bench_serve and bench_serve_queries keep their database: the first to run builds it, the other reuses it
    (as the scripts do between runs)."""
    return tmp_path_factory.mktemp("serve") / "serve.db"


@pytest.mark.xdist_group("serve_db")
def test_serve_at_a_small_size(serve_db: Path) -> None:
    # bench_serve plants quotes printed 3,000, 1,000 and 300 times: it needs a few thousand articles
    output = run_benchmark("bench_serve.py", "--articles", "5000", "--repeats", "1", "--db", serve_db)
    assert "database: 5000 articles" in output
    assert re.search(r"^quote page \(typical, 5-8 printings\) +[\d.]+ +[\d.]+ +[\d.]+$", output, re.MULTILINE), output


def test_extraction_on_a_few_corpus_pages() -> None:
    corpus = shared_path("corpora", "article-extraction-benchmark")
    output = run_benchmark("bench_extraction.py", corpus, "--limit", "3", "--repeat", "1")
    assert "scrapers.html.extract_article" in output


def test_dask_on_a_few_corpus_pages() -> None:
    pytest.importorskip("distributed")
    corpus = shared_path("corpora", "article-extraction-benchmark")
    output = run_benchmark("bench_dask.py", "--corpus", corpus, "--pages", "6", "--files", "2", "--workers", "1")
    assert "baseline (1 process, no Dask): 6 articles" in output


@pytest.mark.xdist_group("serve_db")
def test_serve_queries_at_a_small_size(serve_db: Path) -> None:
    output = run_benchmark("bench_serve_queries.py", "--articles", "5000", "--repeats", "1", "--db", serve_db)
    assert "database: 5000 articles" in output
    for label in ("quote page (typical quote)", "quotes table, facet origin_kind", "articles full-text search",
                  "canned query quote_lineage"):
        assert re.search(rf"^{re.escape(label)} +[\d.]+ +[\d.]+ +[\d.]+$", output, re.MULTILINE), label


def test_polnear_jsonl_writes_one_import_record_per_text(tmp_path: Path) -> None:
    folder = tmp_path / "polnear"
    (folder / "train" / "text").mkdir(parents=True)
    (folder / "dev" / "text").mkdir(parents=True)
    (folder / "metadata.tsv").write_text(
        "compartment\tfilename\tlevel\tannotators\tpublisher\tpublication_date\tauthor\ttitle\tcredit\twire\n"
        "train\tnyt_2016-05-02_ferry\tNone\ta\tnyt\t2016-05-02\tIris Kwan\tFerry levy rises\tNone\tNone\n"
        "dev\tpractice_ferry\tNone\ta\t\t\tNone\t\tNone\tNone\n",
        encoding="utf-8",
    )
    (folder / "train" / "text" / "nyt_2016-05-02_ferry.txt").write_text(TEXTS["ferry.txt"], encoding="utf-8")
    (folder / "dev" / "text" / "practice_ferry.txt").write_text(TEXTS["library.txt"], encoding="utf-8")
    out = tmp_path / "out" / "polnear.jsonl"
    output = run_benchmark("polnear_jsonl.py", folder, "--out", out)
    assert output.strip() == f"2 articles written to {out}"
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records == [
        {
            "url": "https://www.nytimes.com/polnear/nyt_2016-05-02_ferry",
            "title": "Ferry levy rises",
            "text": TEXTS["ferry.txt"],
            "outlet": "The New York Times",
            "published": "2016-05-02",
            "author": "Iris Kwan",
        },
        {"url": "https://polnear.invalid/polnear/practice_ferry", "title": "practice_ferry", "text": TEXTS["library.txt"]},
    ]


def test_polnear_jsonl_refuses_a_folder_without_metadata(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, str(BENCHMARKS / "polnear_jsonl.py"), str(tmp_path), "--out", str(tmp_path / "x.jsonl")],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    assert completed.returncode == 1
    assert completed.stderr.strip() == f"error: {tmp_path} is not a PolNeAR folder (no metadata.tsv)"
    assert not (tmp_path / "x.jsonl").exists()


CHILD_WITH_A_MAP_AND_A_WORKER = """
import mmap, subprocess, sys, time
held = b"\\x01" * (32 << 20)  # 32 MiB of the process's own memory, every page written
with open(sys.argv[1], "rb") as file:
    mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    touched = sum(mapped[i] for i in range(0, len(mapped), 4096))  # 64 MiB of file pages resident
worker = subprocess.Popen([sys.executable, "-c", "import time; held = b'\\\\x01' * (16 << 20); time.sleep(0.2)"])
worker.wait()
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="RssAnon is read from /proc (Linux)")
def test_private_peak_counts_own_memory_not_mapped_file_pages(tmp_path: Path) -> None:
    from memory import PrivatePeak

    mapped = tmp_path / "mapped.bin"
    with mapped.open("wb") as file:
        file.truncate(64 << 20)  # a sparse file: its pages are made when read, without a write
    child = subprocess.Popen([sys.executable, "-c", CHILD_WITH_A_MAP_AND_A_WORKER, str(mapped)])
    with PrivatePeak(child.pid, interval=0.005) as peak:  # descendants searched for every 50 ms
        child.wait()
    assert child.returncode == 0
    # the interpreter's own few MiB come on top; the 64 MiB mapped would triple it
    assert 32 <= peak.own_mib < 32 + 24, peak.own_mib
    assert 16 <= peak.descendant_mib < 16 + 24, peak.descendant_mib
    own_only = PrivatePeak(child.pid, with_descendants=False, interval=0.01)
    own_only.sample(set())  # the process has ended: nothing read, nothing kept
    assert (own_only.own_mib, own_only.descendant_mib) == (0.0, 0.0)
