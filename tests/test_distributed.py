"""The per-article stage on Dask: shards, their encoding, the merge, and equality with `provenance import`."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
import traceback
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from db import ensure_db_shape
from provenance import distributed as D
from provenance.cli_dask import dask_group
from provenance.pipeline import SAMPLE_DIR, analyse_article, import_paths, load_pipeline_registry
from scrapers.files import ImportFailure, ImportInputError, SkippedRecord
from scrapers.html import extract_article
from scrapers.warc import WarcWriter

# On one worker when the suite runs on two (scripts/test.sh): one LocalCluster of two worker processes for the module.
pytestmark = pytest.mark.xdist_group("distributed")

MANIFEST = {entry["file"][:3]: entry for entry in json.loads((SAMPLE_DIR / "manifest.json").read_text(encoding="utf-8"))}
SAMPLE_REGISTRY = SAMPLE_DIR / "outlets.csv"
HTML = "text/html; charset=utf-8"
EMPTY_PAGE = b"<html><head><title>Menu</title></head><body><nav>Home</nav></body></html>"

# Tables of the database contract whose rows must come out the same, ids aside.
CONTENT_TABLES = (
    "outlets", "articles", "article_links", "quotes", "quote_occurrences", "quote_grams", "credits",
    "credit_occurrences", "lineage", "article_reuse", "article_fingerprints", "article_versions",
    "stale_quotes", "errors", "people", "person_names",
)
VOLATILE_COLUMNS = {"id", "run_id", "at"}


def write_sample_warc(path: Path, codes: list[str], extra: list[tuple[str, int, str, bytes]] = ()) -> Path:
    """A WARC of sample-story pages (by manifest code: a01, a02, ...) and extra raw records."""
    with WarcWriter(path) as writer:
        for code in codes:
            entry = MANIFEST[code]
            body = (SAMPLE_DIR / "pages" / entry["file"]).read_bytes()
            writer.write_response(entry["url"], 200, {"Content-Type": HTML}, body, entry["fetched_at"])
        for url, status, content_type, body in extra:
            writer.write_response(url, status, {"Content-Type": content_type}, body, "2026-03-02T12:00:00Z")
    return path


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of two small WARC files of the sample story, odd records and a damaged archive."""
    folder = tmp_path_factory.mktemp("archive")
    write_sample_warc(
        folder / "day1.warc.gz",
        ["a01", "a02", "a07"],
        [
            ("https://www.meridianledger.example/gone", 404, HTML, b"<html>gone</html>"),
            ("https://www.meridianledger.example/logo.png", 200, "image/png", b"\x89PNG\r\n"),
            ("https://www.meridianledger.example/menu", 200, HTML, EMPTY_PAGE),
        ],
    )
    write_sample_warc(folder / "day2.warc.gz", ["a08", "a09", "a13"])
    (folder / "zz-damaged.warc.gz").write_bytes(b"this is not an archive\n" * 20)
    return folder


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    """A LocalCluster of two worker processes, one thread each."""
    distributed = pytest.importorskip("distributed")
    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the test tasks below run on workers
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as dask_client:
        yield dask_client


def content_rows(db: sqlite_utils.Database) -> dict[str, list[tuple]]:
    """Every content table's rows, sorted, with ids replaced by natural keys (outlet key, article URL, ...)."""
    keys: dict[str, dict[int, object]] = {}
    keys["outlets"] = {r["id"]: r["key"] for r in db.query("select id, key from outlets")}
    keys["articles"] = {r["id"]: r["url"] for r in db.query("select id, url from articles")}
    keys["people"] = {r["id"]: r["name"] for r in db.query("select id, name from people")}
    keys["quote_occurrences"] = {
        r["id"]: (keys["articles"][r["article_id"]], r["start"])
        for r in db.query("select id, article_id, start from quote_occurrences")
    }
    members: dict[int, list] = {}
    for r in db.query("select id, quote_id from quote_occurrences where quote_id is not null"):
        members.setdefault(r["quote_id"], []).append(keys["quote_occurrences"][r["id"]])
    keys["quotes"] = {r["id"]: tuple(sorted(members.get(r["id"], []))) for r in db.query("select id from quotes")}
    keys["credits"] = {
        r["id"]: (keys["articles"][r["article_id"]], r["start"], r["kind"], keys["outlets"][r["outlet_id"]], r["cue"])
        for r in db.query("select id, article_id, start, kind, outlet_id, cue from credits")
    }
    tables: dict[str, list[tuple]] = {}
    for table in CONTENT_TABLES:
        foreign = {fk.column: fk.other_table for fk in db[table].foreign_keys if fk.other_table in keys}
        rows = []
        for row in db[table].rows:
            rows.append(
                tuple(
                    (column, keys[foreign[column]][value] if column in foreign and value is not None else value)
                    for column, value in sorted(row.items())
                    if column not in VOLATILE_COLUMNS
                )
            )
        tables[table] = sorted(rows, key=repr)
    return tables


def sample_analysis(code: str):
    """The analysis of one sample page, with the sample registry."""
    entry = MANIFEST[code]
    html = (SAMPLE_DIR / "pages" / entry["file"]).read_text(encoding="utf-8")
    article = extract_article(html, entry["url"], fetched_at=entry["fetched_at"], source="warc")
    database = sqlite_utils.Database(memory=True)
    ensure_db_shape(database)
    return analyse_article(article, load_pipeline_registry(database, [SAMPLE_REGISTRY]))


# --- Encoding and shards (no cluster) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "feature"),
    [
        ("a01", lambda a: a.article.metadata and a.quotations),  # the scoop: og/JSON-LD metadata, quotes
        ("a07", lambda a: a.article.links and a.link_outlets[0] is not None),  # a linked outlet
        ("a09", lambda a: any(len(q.spans) > 1 for q in a.quotations)),  # a split quote
        ("a13", lambda a: any(c.via is not None for c in a.credits)),  # a chain credit ("..., per CP")
    ],
)
def test_an_analysis_survives_the_shard_encoding(code: str, feature) -> None:
    analysis = sample_analysis(code)
    assert feature(analysis)
    kind, url, payload = D.encode_item(analysis)
    assert (kind, url) == ("analysis", MANIFEST[code]["url"])
    assert D.decode_item(kind, payload) == analysis


def test_a_failure_survives_the_shard_encoding() -> None:
    failure = ImportFailure("day1.warc.gz", "https://x.example/menu", "extract", "no article text found")
    assert D.encode_item(failure)[:2] == ("failure", "https://x.example/menu")
    assert D.decode_item(*D.encode_item(failure)[::2]) == failure


def test_a_skipped_record_stays_one_through_the_shard_encoding() -> None:
    skipped = SkippedRecord("day1.warc.gz", "https://x.example/feed.xml", "skip", "fetched by the crawl as feed, not as an article")
    assert D.encode_item(skipped)[:2] == ("skipped", "https://x.example/feed.xml")
    decoded = D.decode_item(*D.encode_item(skipped)[::2])
    assert type(decoded) is SkippedRecord and decoded == skipped


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("CC-NEWS-20260302081500-00421.warc.gz", "CC-NEWS-20260302081500-00421"),
        ("crawl.warc", "crawl"),
        ("day one (copy).warc.gz", "day_one_copy_"),
        ("stories.jsonl", "stories.jsonl"),
    ],
)
def test_shard_names_keep_the_input_name(tmp_path: Path, name: str, stem: str) -> None:
    (tmp_path / name).write_bytes(b"WARC/1.1\r\n")
    (source,) = D.collect_inputs([tmp_path / name])
    assert source.shard_name == f"{stem}-{source.key}.shard.db"
    assert len(source.key) == 20


def test_a_shard_key_follows_the_file_not_its_spelling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.warc"
    path.write_bytes(b"WARC/1.1\r\n")
    monkeypatch.chdir(tmp_path)
    (relative,) = D.collect_inputs(["a.warc"])
    (absolute,) = D.collect_inputs([path])
    assert relative.key == absolute.key and relative.label == "a.warc" and absolute.label == str(path)
    os.utime(path, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    (touched,) = D.collect_inputs([path])
    assert touched.key != absolute.key
    path.write_bytes(b"WARC/1.1\r\nmore")
    os.utime(path, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    (grown,) = D.collect_inputs([path])
    assert grown.key not in (touched.key, absolute.key)


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("missing.warc.gz", "no such file or folder: {tmp}/missing.warc.gz"),
        ("notes.txt", "unknown file type: {tmp}/notes.txt (expected one of .jsonl, .ndjson, .jsonl.gz, .ndjson.gz, .csv, "
         ".csv.gz, .tsv, .tsv.gz, .html, .htm, .xhtml, .warc, .warc.gz or a folder)"),
        ("empty", "no importable files in {tmp}/empty"),
    ],
)
def test_bad_inputs_are_one_line_errors(tmp_path: Path, given: str, message: str) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ImportInputError) as raised:
        D.collect_inputs([tmp_path / given])
    assert str(raised.value) == message.format(tmp=tmp_path)


def test_a_shard_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    (source,) = D.collect_inputs([write_sample_warc(tmp_path / "one.warc.gz", ["a01"])])
    items = [sample_analysis("a01"), ImportFailure(source.label, "https://x.example/menu", "extract", "no article text found")]
    summary = D.write_shard(tmp_path / "shards" / source.shard_name, source, items, registry_digest="r1")
    assert (summary.status, summary.articles, summary.failures, summary.source) == ("ok", 1, 1, source.label)
    assert list(D.read_shard(Path(summary.path))) == items
    assert D.read_shard_summary(Path(summary.path)).articles == 1

    def breaks_halfway():
        yield items[0]
        raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError):
        D.write_shard(tmp_path / "shards" / "other.shard.db", source, breaks_halfway())
    assert sorted(p.name for p in (tmp_path / "shards").iterdir()) == [source.shard_name]


def test_a_file_that_is_not_a_shard_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "x.shard.db"
    bogus.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(D.ShardError, match="is not a shard"):
        D.read_shard_summary(bogus)
    assert D.finished_shard(bogus) is None
    assert D.find_shards(tmp_path) == []
    with pytest.raises(D.ShardError) as raised:
        D.merge_shards(sqlite_utils.Database(memory=True), [tmp_path / "elsewhere" / "x.shard.db"])
    assert str(raised.value) == (
        f"no shard at {tmp_path}/elsewhere/x.shard.db "
        "(is the shard folder on a file system this machine shares with the workers?)"
    )


def test_workers_build_the_import_registry(tmp_path: Path) -> None:
    database = sqlite_utils.Database(memory=True)
    ensure_db_shape(database)
    database["outlets"].insert({"key": "harbor-wire", "name": "Harbor Wire", "domain": "harborwire.example", "kind": "wire"})
    spec = D.make_registry_spec([SAMPLE_REGISTRY], D.saved_outlets(database))
    registry = D.build_registry(spec)
    expected = load_pipeline_registry(database, [SAMPLE_REGISTRY])
    assert sorted(o.key for o in registry) == sorted(o.key for o in expected)
    assert registry.outlet_for_name("CP").key == expected.outlet_for_name("CP").key == "continental-press"
    assert registry.outlet_for_name("Harbor Wire").kind == "wire"
    assert D.worker_registry(spec) is D.worker_registry(spec)


# --- On a LocalCluster of two processes -------------------------------------------------------


def test_dask_run_gives_the_rows_of_a_single_machine_import(tmp_path: Path, archive: Path, client) -> None:
    single = sqlite_utils.Database(tmp_path / "single.db")
    report = import_paths(single, [archive], extra_registry=[SAMPLE_REGISTRY], workers=1)
    assert (report.new, report.failed) == (6, 2)

    distributed_db = sqlite_utils.Database(tmp_path / "dask.db")
    extracted, merged = D.run_on_dask(distributed_db, [archive], tmp_path / "shards", client, extra_registry=[SAMPLE_REGISTRY])
    assert [(Path(s.source).name, s.status, s.articles, s.failures) for s in extracted.shards] == [
        ("day1.warc.gz", "ok", 3, 1),
        ("day2.warc.gz", "ok", 3, 0),
        ("zz-damaged.warc.gz", "ok", 0, 1),
    ]
    assert (merged.new, merged.changed, merged.unchanged, merged.failed) == (6, 0, 0, 2)

    expected = content_rows(single)
    assert content_rows(distributed_db) == expected
    assert [len(expected[table]) for table in ("articles", "errors")] == [6, 2]
    assert all(expected[table] for table in ("quotes", "quote_occurrences", "credits", "lineage", "article_links", "article_reuse"))
    assert sorted((r["source"].rsplit("/", 1)[-1], r["item"], r["stage"]) for r in distributed_db["errors"].rows) == [
        ("day1.warc.gz", "https://www.meridianledger.example/menu", "extract"),
        ("zz-damaged.warc.gz", "", "read"),
    ]

    # A rerun over the same files extracts nothing and adds nothing.
    again, merged_again = D.run_on_dask(distributed_db, [archive], tmp_path / "shards", client, extra_registry=[SAMPLE_REGISTRY])
    assert (again.extracted, again.skipped) == (0, 3)
    assert (merged_again.new, merged_again.changed, merged_again.unchanged, merged_again.failed) == (0, 0, 6, 2)
    assert content_rows(distributed_db) == expected


def test_shards_merge_in_import_order_whatever_order_workers_finish(tmp_path: Path, archive: Path, client) -> None:
    inputs = D.collect_inputs([archive])
    spec = D.make_registry_spec([SAMPLE_REGISTRY])
    report = D.extract_shards(client, list(reversed(inputs)), tmp_path / "shards", spec)
    assert [s.source for s in report.shards] == [i.label for i in reversed(inputs)]
    assert [Path(s.input_path).name for s in D.find_shards(tmp_path / "shards")] == [
        "day1.warc.gz", "day2.warc.gz", "zz-damaged.warc.gz"
    ]
    single = sqlite_utils.Database(tmp_path / "single.db")
    import_paths(single, [archive], extra_registry=[SAMPLE_REGISTRY], workers=1)
    merged = sqlite_utils.Database(tmp_path / "merged.db")
    D.merge_shards(merged, D.find_shards(tmp_path / "shards"))
    assert content_rows(merged) == content_rows(single)
    ids = [r["url"] for r in merged.query("select url from articles order by id")]
    assert ids == [r["url"] for r in single.query("select url from articles order by id")]


def die_on_first_attempt(source: D.InputFile, shard_dir: str, spec: D.RegistrySpec) -> D.ShardSummary:
    """A task whose first run kills its worker process (as an out-of-memory kill would)."""
    marker = Path(shard_dir) / f"attempt-{source.key}"
    if not marker.exists():
        marker.write_text("1")
        os._exit(1)
    return D.extract_to_shard(source, shard_dir, spec)


def always_raise(source: D.InputFile, shard_dir: str, spec: D.RegistrySpec) -> D.ShardSummary:
    """A task that fails on every attempt, counting its attempts in a file."""
    counter = Path(shard_dir) / f"attempts-{source.key}"
    counter.write_text(str(int(counter.read_text()) + 1 if counter.exists() else 1))
    raise ValueError(f"cannot parse {Path(source.path).name}")


def test_a_task_whose_worker_dies_is_retried(tmp_path: Path, archive: Path, client) -> None:
    inputs = D.collect_inputs([archive / "day2.warc.gz"])
    spec = D.make_registry_spec([SAMPLE_REGISTRY])
    report = D.extract_shards(client, inputs, tmp_path / "shards", spec, task=die_on_first_attempt)
    (shard,) = report.shards
    assert (shard.status, shard.articles, shard.failures) == ("ok", 3, 0), list(D.read_shard(Path(shard.path)))
    assert [a.article.url for a in D.read_shard(Path(shard.path))] == [MANIFEST[c]["url"] for c in ("a08", "a09", "a13")]
    client.wait_for_workers(2, timeout=30)


def test_a_file_that_keeps_failing_is_retried_then_recorded(tmp_path: Path, archive: Path, client) -> None:
    inputs = D.collect_inputs([archive / "day2.warc.gz"])
    shards = tmp_path / "shards"
    report = D.extract_shards(client, inputs, shards, D.make_registry_spec(), task=always_raise, retries=2)
    (shard,) = report.shards
    assert (shard.status, report.failed_files, report.extracted) == ("failed", 1, 0)
    assert (shards / f"attempts-{inputs[0].key}").read_text() == "3"
    database = sqlite_utils.Database(tmp_path / "db.db")
    merged = D.merge_shards(database, D.find_shards(shards))
    assert merged.failed == 1
    assert [(r["source"], r["item"], r["stage"], r["message"]) for r in database["errors"].rows] == [
        (inputs[0].label, "", "worker", "ValueError: cannot parse day2.warc.gz")
    ]
    # a failed file is not "done": the next run extracts it again, and its articles arrive
    again = D.extract_shards(client, inputs, shards, D.make_registry_spec([SAMPLE_REGISTRY]))
    assert (again.extracted, again.skipped, again.articles) == (1, 0, 3)
    assert D.merge_shards(database, again.shards).new == 3


# --- Merging without a cluster ----------------------------------------------------------------


def test_a_folder_merges_the_newest_shard_of_each_input(tmp_path: Path) -> None:
    warc = write_sample_warc(tmp_path / "one.warc.gz", ["a01"])
    os.utime(warc, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    (old,) = D.collect_inputs([warc])
    D.write_shard(tmp_path / "shards" / old.shard_name, old, [sample_analysis("a01")])
    write_sample_warc(warc, ["a05"])  # the crawl appended a page: a new size and mtime, a new shard
    (new,) = D.collect_inputs([warc])
    D.write_shard(tmp_path / "shards" / new.shard_name, new, [sample_analysis("a01"), sample_analysis("a05")])
    (found,) = D.find_shards(tmp_path / "shards")
    assert (found.path, found.articles) == (str(tmp_path / "shards" / new.shard_name), 2)


def test_a_damaged_shard_is_recorded_and_the_merge_goes_on(tmp_path: Path) -> None:
    (source,) = D.collect_inputs([write_sample_warc(tmp_path / "one.warc.gz", ["a01"])])
    good = D.write_shard(tmp_path / "shards" / source.shard_name, source, [sample_analysis("a01")])
    with sqlite3.connect(good.path) as conn:
        conn.execute("update items set payload = '{\"article\": 1}'")
    database = sqlite_utils.Database(memory=True)
    report = D.merge_shards(database, [good])
    assert (report.new, report.failed) == (0, 1)
    (error,) = database["errors"].rows
    assert (error["source"], error["stage"]) == (good.path, "read")
    assert error["message"].startswith("damaged shard: ")


def test_a_file_in_the_shard_folder_that_is_no_shard_is_recorded_once(tmp_path: Path) -> None:
    (source,) = D.collect_inputs([write_sample_warc(tmp_path / "one.warc.gz", ["a01"])])
    D.write_shard(tmp_path / "shards" / source.shard_name, source, [sample_analysis("a01")])
    bogus = tmp_path / "shards" / "half-copied.shard.db"
    bogus.write_bytes(b"not sqlite at all" * 100)
    db_path = tmp_path / "news.db"
    for run in range(2):
        result = CliRunner().invoke(dask_group, ["merge", str(tmp_path / "shards"), "--db", str(db_path)])
        assert result.exit_code == 0, result.output
        database = sqlite_utils.Database(db_path)
        errors = [(r["source"], r["stage"], r["message"][:16]) for r in database["errors"].rows]
        assert errors == [(str(bogus), "read", "unreadable shard")], run  # recorded, and only once
        assert database["articles"].count == 1
        database.conn.close()


# --- The command line -------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(dask_group.commands))
def test_every_dask_command_has_help_with_an_example(name: str) -> None:
    result = CliRunner().invoke(dask_group, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output
    assert f"provenance dask {name}" in result.output


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["run", "{tmp}/missing", "--db", "{tmp}/x.db"], "Error: no such file or folder: {tmp}/missing"),
        (["extract", "{tmp}/missing", "--shards", "{tmp}/s"], "Error: no such file or folder: {tmp}/missing"),
        (["merge", "{tmp}/missing", "--db", "{tmp}/x.db"], "Error: no such shard folder: {tmp}/missing"),
        (["merge", "{tmp}", "--db", "{tmp}/x.db"], "Error: no shards in {tmp}"),
        (["extract", "{tmp}/notes.txt", "--shards", "{tmp}/s"], "Error: unknown file type: {tmp}/notes.txt (expected one "
         "of .jsonl, .ndjson, .jsonl.gz, .ndjson.gz, .csv, .csv.gz, .tsv, .tsv.gz, .html, .htm, .xhtml, .warc, .warc.gz or a folder)"),
    ],
)
def test_dask_command_errors_are_one_line(tmp_path: Path, arguments: list[str], message: str) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    result = CliRunner().invoke(dask_group, [a.format(tmp=tmp_path) for a in arguments])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [message.format(tmp=tmp_path)]


@pytest.mark.parametrize("address, reason", [
    # Before: a traceback ending in distributed's ValueError
    ("harbour-cluster", "missing port number in address 'harbour-cluster'"),
    ("tcp://[::1:8786", "invalid address '[::1:8786'; maybe: ipv6 needs brackets like [::1]"),
])
@pytest.mark.parametrize("command", ["run", "extract"])
def test_a_scheduler_address_dask_cannot_read_is_a_one_line_error(tmp_path: Path, archive: Path, command: str,
                                                                  address: str, reason: str) -> None:
    pytest.importorskip("distributed")
    where = ["--db", str(tmp_path / "news.db")] if command == "run" else ["--shards", str(tmp_path / "s")]
    result = CliRunner().invoke(dask_group, [command, str(archive), *where, "--scheduler", address])
    assert (result.exit_code, result.output) == (1, f"Error: bad Dask scheduler address {address!r}: {reason} "
                                                    "(give tcp://HOST:PORT, e.g. tcp://10.0.0.5:8786)\n"), (
        "".join(traceback.format_exception(result.exception)) if result.exception else None)


def test_an_unreachable_scheduler_is_a_one_line_error(tmp_path: Path, archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    monkeypatch.setattr(D, "CONNECT_TIMEOUT", "1s")
    started = time.perf_counter()
    result = CliRunner().invoke(
        dask_group, ["extract", str(archive), "--shards", str(tmp_path / "s"), "--scheduler", "tcp://127.0.0.1:9"]
    )
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert line.startswith("Error: Dask cluster unreachable or failing: ")
    assert time.perf_counter() - started < 30


@pytest.mark.parametrize("command", ["run", "extract"])
@pytest.mark.parametrize(
    ("shards", "message"),
    [
        ("/proc/shards", "cannot create the shard folder /proc/shards: No such file or directory"),
        ("{tmp}/notes.txt/shards", "cannot create the shard folder {tmp}/notes.txt/shards: Not a directory"),
    ],
)
def test_a_shard_folder_that_cannot_be_made_is_one_line_before_any_cluster(
    tmp_path: Path, archive: Path, monkeypatch: pytest.MonkeyPatch, command: str, shards: str, message: str
) -> None:
    (tmp_path / "notes.txt").write_text("hello")

    def no_cluster(*args, **kwargs):
        raise AssertionError("a cluster was started")

    monkeypatch.setattr(D, "open_client", no_cluster)
    database = ["--db", str(tmp_path / "x.db")] if command == "run" else []
    result = CliRunner().invoke(dask_group, [command, str(archive), *database, "--shards", shards.format(tmp=tmp_path)])
    assert (result.exit_code, result.output) == (1, f"Error: {message.format(tmp=tmp_path)}\n")


def test_a_shard_folder_that_cannot_be_written_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    def read_only(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", read_only)
    with pytest.raises(D.ShardFolderError, match=f"cannot write to the shard folder {tmp_path}: Permission denied"):
        D.prepare_shard_dir(tmp_path)


def test_extract_then_merge_on_the_command_line(tmp_path: Path, archive: Path, client) -> None:
    address = client.scheduler.address
    shards = tmp_path / "shards"
    result = CliRunner().invoke(
        dask_group,
        ["extract", str(archive), "--shards", str(shards), "--scheduler", address, "--registry", str(SAMPLE_REGISTRY)],
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith(
        "3 files: 3 extracted (6 articles, 2 failed records), 0 already done, 0 failed in "
    )
    result = CliRunner().invoke(dask_group, ["merge", str(shards), "--db", str(tmp_path / "news.db")])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith("6 new, 0 changed, 0 unchanged, 2 failed articles; ")
    single = sqlite_utils.Database(tmp_path / "single.db")
    import_paths(single, [archive], extra_registry=[SAMPLE_REGISTRY], workers=1)
    assert content_rows(sqlite_utils.Database(tmp_path / "news.db")) == content_rows(single)


def test_dask_run_on_the_command_line_keeps_shards_beside_the_database(tmp_path: Path, archive: Path, client) -> None:
    arguments = [
        "run", str(archive / "day2.warc.gz"), "--db", str(tmp_path / "news.db"),
        "--scheduler", client.scheduler.address, "--registry", str(SAMPLE_REGISTRY),
    ]
    first = CliRunner().invoke(dask_group, arguments)
    assert first.exit_code == 0, first.output
    assert first.output.splitlines()[0].startswith("extract: 1 file: 1 extracted (3 articles, 0 failed records), 0 already done")
    assert first.output.splitlines()[1].startswith("merge: 3 new, 0 changed, 0 unchanged, 0 failed articles; ")
    (shard,) = (tmp_path / "news.db.shards").iterdir()
    assert shard.name.startswith("day2-") and shard.name.endswith(".shard.db")
    second = CliRunner().invoke(dask_group, arguments)
    assert second.output.splitlines()[0].startswith("extract: 1 file: 0 extracted (0 articles, 0 failed records), 1 already done")
    assert second.output.splitlines()[1].startswith("merge: 0 new, 0 changed, 3 unchanged, 0 failed articles; ")


def test_a_dask_run_adds_to_an_existing_database_as_an_import_would(tmp_path: Path, archive: Path, client) -> None:
    # Both databases start from day 1 imported with the sample registry; day 2 then comes without it,
    # so the Bay Courier's mention of the Meridian Ledger is a credit only through the outlets already
    # saved: the workers must know them.
    single = sqlite_utils.Database(tmp_path / "single.db")
    distributed_db = sqlite_utils.Database(tmp_path / "dask.db")
    for database in (single, distributed_db):
        import_paths(database, [archive / "day1.warc.gz"], extra_registry=[SAMPLE_REGISTRY], workers=1)
    import_paths(single, [archive / "day2.warc.gz"], workers=1)
    _, merged = D.run_on_dask(distributed_db, [archive / "day2.warc.gz"], tmp_path / "shards", client)
    assert merged.new == 3
    credited = (
        "select distinct o.key from credits c join outlets o on o.id = c.outlet_id join articles a on a.id = c.article_id "
        "where a.url = ?"
    )
    assert [r["key"] for r in distributed_db.query(credited, [MANIFEST["a08"]["url"]])] == ["meridian-ledger"]
    assert content_rows(distributed_db) == content_rows(single)


def test_a_revisit_finds_its_payload_in_another_archive_of_the_run(tmp_path: Path) -> None:
    # the per-file task of `dask run` reads revisits as `provenance import` does: across the run's archives
    from tests.test_warc import EDITED, FERRY, T1, T2, T3, WIRE, response, revisit
    from warcio.warcwriter import WARCWriter

    with (tmp_path / "a.warc.gz").open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        response(writer, FERRY, WIRE, T1)
        response(writer, FERRY, EDITED, T2)
    with (tmp_path / "b.warc.gz").open("wb") as handle:
        revisit(WARCWriter(handle, gzip=True), FERRY, WIRE, T3, "uri and date", refers_to_date=T1)
    first, second = D.collect_inputs([tmp_path])
    registry = D.build_registry(D.make_registry_spec())
    [analysis] = list(D.analyse_file(second, registry))
    assert (analysis.article.url, analysis.article.fetched_at) == (FERRY, "2026-04-15T08:00:00+00:00")
    assert "wrong ferry operator" not in analysis.article.text
    # the shard of a file whose revisits read other files is made again when one of them changes
    alone = D.collect_inputs([tmp_path / "b.warc.gz"])[0]
    assert alone.key != second.key and D.collect_inputs([tmp_path])[1].key == second.key
    [failure] = list(D.analyse_file(alone, registry))
    assert (failure.source, failure.stage) == (str(tmp_path / "b.warc.gz"), "read")


def test_shards_of_archives_named_out_of_capture_order_merge_in_capture_order(tmp_path: Path) -> None:
    # as `provenance import` reads them: the earlier capture first, so the later edit is the current text
    from tests.test_warc import EDITED, FERRY, T1, T2, WIRE, response
    from warcio.warcwriter import WARCWriter

    inputs_dir = tmp_path / "crawls"
    inputs_dir.mkdir()
    with (inputs_dir / "a-second.warc.gz").open("wb") as handle:
        response(WARCWriter(handle, gzip=True), FERRY, EDITED, T2)
    with (inputs_dir / "b-first.warc.gz").open("wb") as handle:
        response(WARCWriter(handle, gzip=True), FERRY, WIRE, T1)
    registry = D.build_registry(D.make_registry_spec())
    for source in D.collect_inputs([inputs_dir]):
        D.write_shard(tmp_path / "shards" / f"{source.key}{D.SHARD_SUFFIX}", source, D.analyse_file(source, registry))
    shards = D.find_shards(tmp_path / "shards")
    assert [Path(s.input_path).name for s in shards] == ["b-first.warc.gz", "a-second.warc.gz"]
    merged = sqlite_utils.Database(tmp_path / "merged.db")
    D.merge_shards(merged, shards)
    assert merged.execute("select version, fetched_at, text like '%wrong ferry operator%' from articles").fetchall() == [
        (2, "2026-04-14T12:00:00Z", 1)]
