"""Import on worker processes: the same database as on one process, failures in the same places."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
import sqlite_utils

from db import ensure_db_shape
from provenance import pipeline
from provenance.pipeline import SAMPLE_DIR, default_workers, import_paths, sample_pages

# Fictional wire story and two pickups, as JSON Lines records (one line per article).
WIRE = {
    "url": "https://www.continental-press.example/2026/04/01/ferry-levy/",
    "outlet": "Continental Press",
    "published": "2026-04-01T07:00:00Z",
    "title": "Ferry levy to rise",
    "text": (
        "EASTPOINT (CP) — The ferry levy will rise by a third next month.\n"
        '"We cannot run the crossing on goodwill alone, and every passenger will see why," '
        "harbour master Ines Moreau said on Tuesday.\n"
        "The council votes on the levy on Thursday."
    ),
}
PICKUP = {
    "url": "https://valley-herald.example/news/ferry-levy",
    "outlet": "Valley Herald",
    "published": "2026-04-01T10:15:00Z",
    "title": "Levy up by a third",
    "text": (
        "Passengers face a steeper ferry levy, Continental Press reported.\n"
        '"We cannot run the crossing on goodwill alone, and every passenger will see why," '
        "Moreau told the agency."
    ),
}
TABLES = ("articles", "outlets", "quote_occurrences", "credits", "credit_occurrences", "article_links",
          "quotes", "lineage", "article_reuse", "article_fingerprints", "errors")
CLOCK_COLUMNS = {"fetched_at", "first_seen", "time_key", "at", "run_id"}


def contents(database: sqlite_utils.Database) -> dict[str, list[str]]:
    """Every row of the analysed tables, without the columns that hold the clock."""
    dump = {}
    for table in TABLES:
        columns = [name for name in database[table].columns_dict if name not in CLOCK_COLUMNS]
        rows = database.execute(f"select {', '.join(columns)} from {table}").fetchall()
        dump[table] = sorted(map(repr, rows))
    return dump


def imported(folder: Path, paths: list[Path], workers: int) -> tuple[pipeline.ImportReport, dict[str, list[str]]]:
    database = sqlite_utils.Database(folder / f"news-{workers}.db")
    ensure_db_shape(database)
    report = import_paths(database, paths, workers=workers, extra_registry=[SAMPLE_DIR / "outlets.csv"])
    return report, contents(database)


def pickups(count: int) -> list[dict]:
    """The wire story and `count` pickups of it at different addresses, a minute apart."""
    return [WIRE] + [
        dict(
            PICKUP,
            url=f"https://valley-herald.example/news/ferry-levy-{number}",
            published=f"2026-04-01T10:{number % 60:02d}:00Z",
        )
        for number in range(count)
    ]


def test_jsonl_shared_between_workers_gives_the_serial_database(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(pipeline, "LINES_PER_TASK", 3)  # many tasks from one small file
    lines = [json.dumps(record) for record in pickups(12)]
    lines[5:5] = ["", "{not json", json.dumps({"url": "https://valley-herald.example/empty"})]
    source = tmp_path / "stories.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    serial_report, serial = imported(tmp_path, [source], workers=1)
    parallel_report, parallel = imported(tmp_path, [source], workers=2)
    assert (serial_report.new, serial_report.failed) == (13, 2)
    assert [(f.item, f.stage) for f in parallel_report.failures] == [
        ("line 7", "parse"),
        ("line 8 (https://valley-herald.example/empty)", "record"),
    ]
    assert [(f.item, f.stage) for f in serial_report.failures] == [(f.item, f.stage) for f in parallel_report.failures]
    assert parallel_report.article_ids == serial_report.article_ids
    assert parallel == serial
    assert len(serial["quotes"]) == 1
    assert len(serial["lineage"]) == 13


def test_html_folder_and_gzip_on_workers_give_the_serial_database(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for page in sample_pages():
        shutil.copy(page, pages / page.name)
    (pages / "broken.html").write_text("<html><body><p>menu</p></body></html>", encoding="utf-8")
    archive = tmp_path / "wire.jsonl.gz"
    with gzip.open(archive, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(json.dumps(record) for record in pickups(2)) + "\n")
    serial_report, serial = imported(tmp_path, [pages, archive], workers=1)
    parallel_report, parallel = imported(tmp_path, [pages, archive], workers=2)
    assert serial_report.failed == parallel_report.failed == 1
    assert parallel_report.failures[0].stage == "extract"
    assert parallel_report.new == serial_report.new == len(sample_pages()) + 3
    assert parallel == serial


def test_truncated_gzip_keeps_what_was_read_and_records_the_failure(tmp_path: Path) -> None:
    whole = gzip.compress(("\n".join(json.dumps(record) for record in pickups(40)) + "\n").encode("utf-8"))
    archive = tmp_path / "cut.jsonl.gz"
    archive.write_bytes(whole[: len(whole) * 2 // 3])
    serial_report, serial = imported(tmp_path, [archive], workers=1)
    parallel_report, parallel = imported(tmp_path, [archive], workers=2)
    assert [f.stage for f in parallel_report.failures] == [f.stage for f in serial_report.failures] == ["read"]
    assert parallel_report.new == serial_report.new > 0
    assert parallel == serial


@pytest.mark.parametrize(
    ("files", "jsonl_bytes", "cores"),
    [
        (1, 0, 1),  # one page
        (15, 999_999, 1),  # a few files, a small JSON Lines export
        (16, 0, "all"),  # a folder of pages
        (1, 1_000_000, "all"),  # one big JSON Lines export
    ],
)
def test_default_workers(files: int, jsonl_bytes: int, cores: int | str, monkeypatch) -> None:
    monkeypatch.setattr(pipeline.os, "cpu_count", lambda: 2)
    assert default_workers(files, jsonl_bytes) == (2 if cores == "all" else cores)


@pytest.mark.parametrize(
    "encoding, broken, failures",
    [
        # fuzz25: the workers read lines as UTF-8 bytes, and every record of a UTF-16 file failed
        ("utf-16", None, []),
        # fuzz25: a line nested thousands deep raised RecursionError in a worker and ended the import
        ("utf-8", "[" * 100_000 + "]" * 100_000, [("line 3", "parse", "not a JSON record: nested too deeply to read")]),
        ("utf-16", "[" * 100_000 + "]" * 100_000, [("line 3", "parse", "not a JSON record: nested too deeply to read")]),
    ],
)
def test_workers_read_the_lines_the_serial_import_reads(tmp_path: Path, encoding: str, broken: str | None,
                                                        failures: list[tuple[str, str, str]]) -> None:
    lines = [json.dumps(record) for record in pickups(3)]
    if broken is not None:
        lines.insert(2, broken)
    source = tmp_path / "stories.jsonl"
    source.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    serial_report, serial = imported(tmp_path, [source], workers=1)
    parallel_report, parallel = imported(tmp_path, [source], workers=2)
    for report in (serial_report, parallel_report):
        assert report.new == 4
        assert [(f.item, f.stage, f.message) for f in report.failures] == failures
    assert parallel == serial


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_file_with_no_record_is_said_on_one_process_and_on_workers(tmp_path: Path, workers: str) -> None:
    # Before: "0 new, 0 changed, 0 unchanged, 0 failed articles" and nothing else, where an empty folder was said
    import subprocess
    import sys

    files = {"empty.jsonl": b"", "blank.jsonl": b"\n\n  \n", "empty.jsonl.gz": gzip.compress(b""),
             "header.csv": b"url,title,text\n", "one.jsonl": (json.dumps(WIRE) + "\n").encode()}
    for name, body in files.items():
        (tmp_path / name).write_bytes(body)
    result = subprocess.run([sys.executable, "-m", "provenance", "import", *(str(tmp_path / name) for name in files),
                             "--db", str(tmp_path / "news.db"), "--workers", workers],
                            capture_output=True, text=True, timeout=300, cwd=Path(__file__).resolve().parent.parent)
    assert result.returncode == 0, result.stderr
    said = sorted(line for line in result.stderr.splitlines() if line.startswith("WARNING"))
    assert said == [f"WARNING scrapers.files: no records in {tmp_path / name}" for name in sorted(files)
                    if name != "one.jsonl"]
    assert result.stdout.startswith("1 new, 0 changed, 0 unchanged, 0 failed article; 1 quote traced")
