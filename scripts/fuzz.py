"""A long fuzzing campaign over every reader of untrusted input, outside the test suite.

Two parts, each given a share of the time:

* `properties`: the strategies and properties of tests/generated.py (the suite runs them a few dozen examples
  each), run with hypothesis unseeded, round after round, for as long as the share lasts.
* `corpus`: byte-level mutation of the real corpora, read from their paths and never copied into the project:
  the article-extraction benchmark's pages (extraction and analysis, and inside WARC archives), PolNeAR as JSON
  Lines (/tmp/pt/polnear.jsonl: the lines, the same records as CSV, and imports into a database, twice each), the
  METER texts (analysis of a text record), and a sitemap and a feed made of PolNeAR's addresses and titles.

Every failure of a property (an exception other than the documented one, a message over several lines, a record
lost without a word, a second import that changes a row) and every input taking more than --slow seconds of CPU is
written to OUT/findings.jsonl, its input to OUT/inputs/ (outside the project: it may hold corpus text).

    nice -n 19 .venv/bin/python scripts/fuzz.py --minutes 25 --out /tmp/fuzz
    nice -n 19 .venv/bin/python scripts/fuzz.py --minutes 10 --part corpus --only html,jsonl

The summary closes with one line per target: inputs run, failures, distinct failures.
"""

from __future__ import annotations

import argparse
import collections
import csv
import hashlib
import io
import json
import logging
import random
import resource
import signal
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import Phase, given, settings, strategies as st  # noqa: E402
from hypothesis.errors import HypothesisException  # noqa: E402

from tests import generated  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"
BENCHMARK_PAGES = CORPORA / "article-extraction-benchmark" / "html"
METER = CORPORA / "meter-courts"
POLNEAR_JSONL = Path("/tmp/pt/polnear.jsonl")
# What the mutations put in: the bytes that end or open a structure in one of the formats read
TOKENS = [b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\r", b"\n", b"\r\n", b'"', b"'", b"<", b">", b"&", b"&#0;", b"]]>",
          b"<![CDATA[", b"<!--", b"-->", b"<script>", b"</script>", b"</html>", b"<p>", b"</p>", b"{", b"}", b"[", b"]",
          b",", b";", b"\t", b"|", b"\\", b"\\u0000", b"\\ud800", b"WARC/1.0\r\n", b"Content-Length: 99999999\r\n",
          b"\x1f\x8b", b"javascript:", b"<meta charset=utf-7>", b"\xc0\x80", b"\xed\xa0\x80", b"%00", "\u2028".encode(),
          *(s.encode("utf-8", "surrogatepass") for s in generated.HOSTILE)]


class Overtime(Exception):
    """An input that took longer than the watchdog allows (CPU time)."""


def _overtime(signum, frame):
    raise Overtime("more than the watchdog's CPU seconds")


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class Campaign:
    """Runs inputs through checks and keeps the findings."""

    def __init__(self, out: Path, slow: float, watchdog: float) -> None:
        self.out = out
        (out / "inputs").mkdir(parents=True, exist_ok=True)
        self.findings = (out / "findings.jsonl").open("a", encoding="utf-8")
        self.slow = slow
        self.watchdog = watchdog
        self.runs: collections.Counter[str] = collections.Counter()
        self.failures: collections.Counter[str] = collections.Counter()
        self.distinct: dict[str, set[str]] = collections.defaultdict(set)
        signal.signal(signal.SIGVTALRM, _overtime)

    def record(self, target: str, kind: str, signature: str, detail: str, data: bytes | None) -> None:
        """One finding: to findings.jsonl, its input (if any) to inputs/."""
        self.failures[target] += 1
        new = signature not in self.distinct[target]
        self.distinct[target].add(signature)
        if not new and kind != "slow":
            return  # counted; its first input and traceback are kept
        name = None
        if data is not None:
            name = f"{target}-{hashlib.sha1(data).hexdigest()[:12]}"
            (self.out / "inputs" / name).write_bytes(data)
        self.findings.write(json.dumps({"target": target, "kind": kind, "signature": signature, "input": name,
                                        "detail": detail[-4000:], "time": time.strftime("%H:%M:%S")}) + "\n")
        self.findings.flush()
        if new:
            print(f"[{time.strftime('%H:%M:%S')}] {target}: {kind}: {signature}", flush=True)

    def run(self, target: str, check: Callable[[], None], data: bytes | None) -> None:
        """Run one input's check under the watchdog; a failure or a slow input is a finding."""
        self.runs[target] += 1
        start = cpu_seconds()
        signal.setitimer(signal.ITIMER_VIRTUAL, self.watchdog)
        try:
            check()
        except Overtime:
            self.record(target, "hang", "over the watchdog", "", data)
        except (Exception, RecursionError) as error:  # noqa: B014 - what escaped a reader is the finding
            self.record(target, "failure", signature_of(error), "".join(traceback.format_exception(error)), data)
        finally:
            signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        spent = cpu_seconds() - start
        if spent > self.slow:
            self.record(target, "slow", f"{spent:.0f} s of CPU", "", data)

    def summary(self) -> str:
        lines = [f"{'target':<12} {'inputs':>8} {'failures':>9} {'distinct':>9}"]
        for target in sorted(self.runs):
            lines.append(f"{target:<12} {self.runs[target]:>8} {self.failures[target]:>9} {len(self.distinct[target]):>9}")
        lines.append(f"{'all':<12} {sum(self.runs.values()):>8} {sum(self.failures.values()):>9} "
                     f"{sum(len(found) for found in self.distinct.values()):>9}")
        return "\n".join(lines)


def signature_of(error: BaseException) -> str:
    """The exception's type, the innermost frame of our code it passed, and its message's first words."""
    frames = [frame for frame in traceback.extract_tb(error.__traceback__)
              if "/site-packages/" not in frame.filename and "hypothesis" not in frame.filename]
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    message = " ".join(str(error).split())[:100]
    return f"{type(error).__name__} at {where}: {message}"


# ------------------------------------------------------------------------------------------------- properties

PROPERTIES: dict[str, tuple[st.SearchStrategy, Callable]] = {
    "jsonl": (generated.json_lines_files(), lambda file: generated.check_jsonl_file(*file)),
    "csv": (generated.csv_files(), lambda file: generated.check_csv_file(*file)),
    "warc": (generated.warc_files(), lambda file: generated.check_warc_file(*file)),
    "html": (generated.html_pages(), generated.check_html_page),
    "feeds": (generated.feed_bodies(), generated.check_feed),
    "sitemaps": (generated.sitemap_bodies(), lambda sitemap: generated.check_sitemap(*sitemap)),
    "search": (generated.gdelt_bodies(), generated.check_gdelt),
    "robots": (st.tuples(generated.robots_bodies(), st.sampled_from([200, 404, 429, 500, None]), generated.any_url(),
                         generated.hostile_text(max_size=12)), lambda args: generated.check_robots(*args)),
    "config": (generated.config_texts(), lambda file: generated.check_config(*file)),
    "urls": (st.tuples(generated.any_url(), generated.any_url()), lambda args: generated.check_url(*args)),
    "import": (generated.import_files(), lambda file: generated.check_import(*file)),
    "cli": (generated.import_inputs(), lambda file: generated.check_cli_import(*file)),
    "web": (generated.web_requests(), generated.check_web_request),
    "pages": (generated.import_files(), lambda file: generated.check_import(*file, pages=generated.live_markup)),
}
# Examples per round: a round ends in a failure or after these many (the cheap readers get more)
ROUND = {"import": 10, "pages": 3, "cli": 30, "html": 50, "warc": 50}


def run_properties(campaign: Campaign, seconds: float, only: set[str] | None) -> None:
    """Each property in turn, a round at a time, unseeded, until the time is spent."""
    names = [name for name in PROPERTIES if not only or name in only]
    end = time.monotonic() + seconds
    while time.monotonic() < end and names:
        for name in list(names):
            if time.monotonic() >= end:
                break
            strategy, check = PROPERTIES[name]
            examples = ROUND.get(name, 300)
            count = [0]
            test = counting(check, count)
            runner = settings(max_examples=examples, deadline=None, database=None, derandomize=False,
                              phases=[Phase.generate], suppress_health_check=generated.QUICK["suppress_health_check"],
                              report_multiple_bugs=False, print_blob=False)(given(strategy)(test))
            target = f"p:{name}"
            signal.setitimer(signal.ITIMER_VIRTUAL, campaign.watchdog * examples)
            try:
                runner()
            except Overtime:
                campaign.record(target, "hang", "over the watchdog", "", None)
            except HypothesisException as error:  # the strategy's fault, not the reader's: the property is dropped
                print(f"{target}: {signature_of(error)}: dropped", flush=True)
                names.remove(name)
            except (Exception, RecursionError) as error:  # noqa: B014
                notes = "\n".join(getattr(error, "__notes__", []))
                campaign.record(target, "failure", signature_of(error),
                                notes + "\n" + "".join(traceback.format_exception(error)), None)
            finally:
                signal.setitimer(signal.ITIMER_VIRTUAL, 0)
            campaign.runs[target] += count[0]


def counting(check: Callable, count: list[int]) -> Callable:
    """`check` counting its calls in count[0] (hypothesis takes no function with defaults)."""
    def test(value) -> None:
        count[0] += 1
        check(value)

    return test


# ---------------------------------------------------------------------------------------------------- corpus

def mutate(data: bytes, rng: random.Random, others: list[bytes]) -> bytes:
    """`data` changed in 1 to 8 places: bits flipped, bytes set, tokens inserted, ranges deleted, copied, repeated,
    spliced from another input, or the end cut off."""
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        how = rng.choice(["flip", "byte", "token", "token", "delete", "copy", "repeat", "splice", "cut"])
        place = rng.randint(0, len(data))
        if how == "flip" and data:
            at = min(place, len(data) - 1)
            data[at] ^= 1 << rng.randint(0, 7)
        elif how == "byte" and data:
            data[min(place, len(data) - 1)] = rng.choice([0, 0xFF, 0x7F, 0x80, 0x0D, 0x22, 0x3C, rng.randint(0, 255)])
        elif how == "token":
            data[place:place] = rng.choice(TOKENS)
        elif how == "delete":
            del data[place:place + rng.choice([1, 8, 64, 1024])]
        elif how == "copy":
            end = min(len(data), place + rng.choice([4, 64, 4096]))
            data[place:place] = data[place:end]
        elif how == "repeat":
            piece = bytes(data[place:place + rng.choice([1, 3, 16])]) or b"<"
            data[place:place] = piece * rng.choice([100, 10_000, 200_000])
        elif how == "splice" and others:
            other = rng.choice(others)
            start = rng.randint(0, len(other))
            data[place:place] = other[start:start + rng.choice([16, 512, 8192])]
        elif how == "cut" and rng.random() < 0.3:
            del data[place:]
    return bytes(data)


class Seeds:
    """The real inputs mutated, read once from the corpora's paths."""

    def __init__(self, rng: random.Random) -> None:
        self.pages = [path.read_bytes() for path in sorted(BENCHMARK_PAGES.glob("*.html"))]
        self.polnear = POLNEAR_JSONL.read_bytes().splitlines() if POLNEAR_JSONL.exists() else []
        meter = sorted(METER.rglob("rawtexts/**/*.txt"))
        self.meter = [path.read_bytes() for path in rng.sample(meter, min(400, len(meter)))]
        self.meter_sgml = [path.read_bytes() for path in sorted(METER.rglob("annotated/**/*"))
                           if path.is_file()][:100]
        records = [json.loads(line) for line in self.polnear[:300]]
        self.urls = [record.get("url", "") for record in records if isinstance(record, dict)]
        self.titles = [record.get("title") or "" for record in records if isinstance(record, dict)]

    def jsonl(self, rng: random.Random) -> bytes:
        return b"\n".join(rng.sample(self.polnear, rng.randint(1, 12))) + b"\n"

    def csv(self, rng: random.Random) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out, delimiter=rng.choice([",", ";", "\t", "|"]))
        writer.writerow(["url", "title", "text"])
        for line in rng.sample(self.polnear, rng.randint(1, 8)):
            record = json.loads(line)
            writer.writerow([record.get("url", ""), record.get("title", ""), record.get("text", "")])
        return out.getvalue().encode("utf-8")

    def sitemap(self, rng: random.Random) -> bytes:
        urls = rng.sample(self.urls, min(len(self.urls), rng.randint(1, 60)))
        return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                + "".join(f"<url><loc>{url.replace('&', '&amp;')}</loc><lastmod>2026-03-02</lastmod></url>" for url in urls)
                + "</urlset>").encode("utf-8")

    def feed(self, rng: random.Random) -> bytes:
        pairs = rng.sample(list(zip(self.urls, self.titles)), min(len(self.urls), rng.randint(1, 30)))
        return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wire</title>'
                + "".join(f"<item><title><![CDATA[{title}]]></title><link>{url.replace('&', '&amp;')}</link>"
                          "<pubDate>Mon, 02 Mar 2026 06:00:00 +0000</pubDate></item>" for url, title in pairs)
                + "</channel></rss>").encode("utf-8")


def check_text(data: bytes) -> None:
    """A text record (a METER report) mutated: its article analyses without an exception."""
    from provenance.models import Article
    from provenance.pipeline import AnalysisOvertime, analyse_article
    from scrapers.html import normalize_text

    text = normalize_text(data.decode("utf-8", "replace"))
    if not text.strip():
        return
    try:
        analyse_article(Article(url="https://meter.example/report", text=text, source="import"), generated.registry())
    except AnalysisOvertime:
        pass


def check_imported_twice(data: bytes) -> None:
    """A mutated JSON Lines file imports without an exception, and a second import changes no row."""
    import tempfile

    import sqlite_utils

    from provenance.pipeline import import_paths

    with tempfile.TemporaryDirectory(prefix="fuzz-import-") as folder:
        source = Path(folder) / "records.jsonl"
        source.write_bytes(data)
        path = Path(folder) / "import.db"
        database = sqlite_utils.Database(path)
        import_paths(database, [source], workers=1)
        database.conn.close()
        first = generated.row_dump(path)
        database = sqlite_utils.Database(path)
        again = import_paths(database, [source], workers=1)
        database.conn.close()
        assert (again.new, again.changed) == (0, 0), again.summary()
        second = generated.row_dump(path)
        moved = [name for name in first if first[name] != second.get(name)]
        assert not moved, f"a second import changed {moved}"


def run_corpus(campaign: Campaign, seconds: float, only: set[str] | None, rng: random.Random) -> None:
    """Mutations of the corpora through each reader, chosen by weight, until the time is spent."""
    seeds = Seeds(rng)
    targets: dict[str, tuple[int, Callable[[], tuple[bytes, Callable[[bytes], None]]]]] = {
        "html": (6, lambda: (mutate(rng.choice(seeds.pages), rng, seeds.pages), generated.check_html_page)),
        "sgml": (1, lambda: (mutate(rng.choice(seeds.meter_sgml), rng, seeds.meter_sgml), generated.check_html_page)),
        "meter": (3, lambda: (mutate(rng.choice(seeds.meter), rng, seeds.meter), check_text)),
        "jsonl": (4, lambda: (mutate(seeds.jsonl(rng), rng, seeds.polnear),
                              lambda data: generated.check_jsonl_file("records.jsonl", data))),
        "csv": (4, lambda: (mutate(seeds.csv(rng), rng, seeds.polnear),
                            lambda data: generated.check_csv_file(rng.choice(["a.csv", "a.tsv"]), data, None))),
        "warc": (3, lambda: warc_case(seeds, rng)),
        "sitemap": (2, lambda: (mutate(seeds.sitemap(rng), rng, []), lambda data: generated.check_sitemap(data, None, True))),
        "feed": (2, lambda: (mutate(seeds.feed(rng), rng, []), generated.check_feed)),
        "import": (1, lambda: (mutate(seeds.jsonl(rng), rng, seeds.polnear), check_imported_twice)),
    }
    names = [name for name in targets if not only or name in only]
    weights = [targets[name][0] for name in names]
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        name = rng.choices(names, weights)[0]
        data, check = targets[name][1]()
        campaign.run(f"c:{name}", lambda: check(data), data)


def warc_case(seeds: Seeds, rng: random.Random) -> tuple[bytes, Callable[[bytes], None]]:
    """An archive of 1-3 benchmark pages, mutated (anything lost must be said) or cut (what precedes it is read)."""
    pages = rng.sample(seeds.pages, rng.randint(1, 3))
    gzipped = rng.random() < 0.5
    data, spans = generated.build_warc(pages, gzipped=gzipped)
    name = "capture.warc.gz" if gzipped else "capture.warc"
    if rng.random() < 0.3:
        place = rng.randint(0, len(data))
        kept = [url for url, _, end in spans if end <= place]
        return data[:place], lambda cut: generated.check_warc_file(name, cut, kept)
    return mutate(data, rng, seeds.pages), lambda damaged: generated.check_warc_file(name, damaged, [])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=25.0, help="the whole campaign's wall time")
    parser.add_argument("--part", choices=["both", "properties", "corpus"], default="both")
    parser.add_argument("--only", default="", help="targets to run, comma-separated (e.g. html,jsonl)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/fuzz"), help="findings and their inputs (outside the project)")
    parser.add_argument("--seed", type=int, default=None, help="the corpus part's random seed (default: the time)")
    parser.add_argument("--slow", type=float, default=20.0, help="CPU seconds past which an input is a finding")
    parser.add_argument("--watchdog", type=float, default=120.0, help="CPU seconds after which an input is stopped")
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)  # the readers log every bad record they skip: millions of lines
    seed = args.seed if args.seed is not None else int(time.time())
    campaign = Campaign(args.out, args.slow, args.watchdog)
    only = {name for name in args.only.split(",") if name} or None
    seconds = args.minutes * 60
    print(f"fuzz: {args.minutes:g} minutes, part {args.part}, seed {seed}, findings in {args.out}", flush=True)
    started = time.monotonic()
    if args.part in ("both", "properties"):
        run_properties(campaign, seconds / 2 if args.part == "both" else seconds, only)
    if args.part in ("both", "corpus"):
        run_corpus(campaign, seconds - (time.monotonic() - started), only, random.Random(seed))
    print(campaign.summary())
    print(f"{time.monotonic() - started:.0f} s wall, {cpu_seconds():.0f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
