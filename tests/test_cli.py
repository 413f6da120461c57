"""The command line: help for every command, documented in the README, one-line errors."""

from __future__ import annotations

import json
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from provenance.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def all_commands(group: click.Group = cli, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix}{name}"
        if isinstance(command, click.Group):
            found.extend(all_commands(command, f"{path} "))
        else:
            found.append((path, command))
    return found


COMMANDS = all_commands()


def test_the_expected_commands_exist() -> None:
    names = {name for name, _ in COMMANDS}
    assert {
        "demo",
        "import",
        "trace",
        "serve",
        "crawl",
        "track",
        "eval quotes",
        "eval credits",
        "eval reuse",
        "eval lineage",
        "export prov",
        "compare",
        "dask run",
        "dask extract",
        "dask merge",
    } <= names


@pytest.mark.parametrize("name", [name for name, _ in COMMANDS])
def test_every_command_has_help_with_an_example(name: str) -> None:
    result = CliRunner().invoke(cli, [*name.split(), "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output
    assert f"provenance {name}" in result.output


@pytest.mark.parametrize("name", [name for name, _ in COMMANDS])
def test_every_command_is_in_the_readme(name: str) -> None:
    assert f"provenance {name}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_import_of_a_missing_path_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["import", str(tmp_path / "nope.jsonl"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code != 0
    assert result.output.strip().splitlines() == [f"Error: no such file or folder: {tmp_path / 'nope.jsonl'}"]


def test_a_database_that_cannot_be_opened_where_it_is_is_not_called_no_database(tmp_path: Path) -> None:
    # a full disk or a read-only folder answered "news.db is not a usable SQLite database: disk I/O error",
    # which sends an operator to restore a database that is fine; here its -shm file cannot be made
    db_path = tmp_path / "news.db"
    with closing(sqlite3.connect(db_path)) as conn:
        conn.execute("pragma journal_mode=wal")
        conn.execute("create table schema_migrations (version integer primary key, description text, applied_at text)")
    (tmp_path / "news.db-shm").mkdir()
    result = CliRunner().invoke(cli, ["trace", "--db", str(db_path)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: cannot open {db_path}: ") and result.output.count("\n") == 1
    assert "a full disk, or a file or folder this user may not write" in result.output
    assert "not a usable SQLite database" not in result.output


def test_a_file_that_is_not_a_database_is_a_one_line_error(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_text("this is not sqlite " * 100)
    result = CliRunner().invoke(cli, ["trace", "--db", str(bogus)])
    assert result.exit_code != 0
    assert len(result.output.strip().splitlines()) == 1
    assert "not a usable SQLite database" in result.output


def test_trace_needs_an_existing_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["trace", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code != 0
    assert "no database at" in result.output


def test_skipped_records_are_one_line_each_with_file_and_line(tmp_path: Path) -> None:
    source = tmp_path / "mixed.jsonl"
    source.write_text(
        '{"url": "https://u.example/4", "text": "The ferry runs again on Monday, the council said."}\n'
        '{"url": "https://u.example/5", "text": "\\ud800 half a UTF-16 pair"}\n'
        "{bad json\n",
        encoding="utf-8",
    )
    database = tmp_path / "x.db"
    result = subprocess.run(
        [sys.executable, "-m", "provenance", "import", str(source), "--db", str(database)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"skipped {source} line 2 (https://u.example/5): text has a lone surrogate (not valid Unicode)",
        f"skipped {source} line 3: not a JSON record: Expecting property name enclosed in double quotes: "
        "line 1 column 2 (char 1)",
    ]
    with sqlite3.connect(database) as conn:
        rows = conn.execute("select source, item, stage from errors order by id").fetchall()
    assert rows == [(str(source), "line 2 (https://u.example/5)", "record"), (str(source), "line 3", "parse")]


def test_a_whole_file_skipped_is_named_without_an_item(tmp_path: Path) -> None:
    source = tmp_path / "empty.warc"
    source.write_bytes(b"")
    result = CliRunner().invoke(cli, ["import", str(source), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"skipped {source}: unreadable WARC: the file does not start with a WARC record",
        "Error: no article could be read from the input (1 failed); see the errors table",
    ]


@pytest.mark.parametrize("name, content", [
    ("export.csv", "link;body\nhttps://ferrytown-ledger.example/1;The ferry runs on Monday.\n"),  # a renamed column
    ("export.jsonl", "{broken\n{\"url\": \"https://ferrytown-ledger.example/2\"}\n"),  # every line bad
])
def test_an_import_that_reads_nothing_exits_1_for_a_scheduler(tmp_path: Path, name: str, content: str) -> None:
    source = tmp_path / name
    source.write_text(content, encoding="utf-8")
    database = tmp_path / "x.db"
    result = CliRunner().invoke(cli, ["import", str(source), "--db", str(database)])
    assert result.exit_code == 1
    assert result.stdout.startswith("0 new, 0 changed, 0 unchanged, ")
    assert result.stderr.splitlines()[-1].startswith("Error: no article could be read from the input (")
    with sqlite3.connect(database) as conn:
        assert conn.execute("select status from runs").fetchall() == [("ok",)]
        assert conn.execute("select count(*) from errors").fetchone()[0] >= 1


def test_an_import_that_reads_one_record_among_bad_ones_exits_0(tmp_path: Path) -> None:
    source = tmp_path / "export.jsonl"
    source.write_text('{broken\n{"url": "https://ferrytown-ledger.example/3", "text": "The ferry runs on Monday."}\n',
                      encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(source), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1 new, 0 changed, 0 unchanged, 1 failed")


def test_import_keeps_trafilatura_warnings_about_markup_off_the_terminal(tmp_path: Path) -> None:
    # a link with no text in the body: trafilatura logs "empty link" with the link's attributes
    page = tmp_path / "ferry.html"
    page.write_text(
        "<html><head><title>Ferry vote</title><link rel='canonical' href='https://valleycourier.example/news/ferry'>"
        "</head><body><article><h1>Ferry vote</h1><p>The council voted on Tuesday to keep the ferry running for "
        "two more years, after a long debate about the cost of the harbour and the boats.</p><p>Read the earlier "
        "story <a href='https://valleycourier.example/news/other'>\n  </a> about the ferry and the harbour plans, "
        "which the council adopted last spring.</p></article></body></html>", encoding="utf-8")
    command = [sys.executable, "-m", "provenance", "import", str(page), "--db", str(tmp_path / "x.db")]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    verbose = subprocess.run(command[:3] + ["-v"] + command[3:-1] + [str(tmp_path / "y.db")],
                             capture_output=True, text=True, timeout=120)
    assert "empty link" in verbose.stderr


def test_a_skipped_record_cannot_send_control_characters_to_the_terminal(tmp_path: Path) -> None:
    source = tmp_path / "hostile.csv"
    source.write_bytes(b"\x1b]0;owned\x07url\x1b[2J,body\nhttps://u.example/1,text\n")
    result = CliRunner().invoke(cli, ["import", str(source), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"skipped {source} header: CSV header needs url or id and text or html columns (separated by commas, "
        "semicolons, tabs or '|'), got: "
        "\\x1b]0;owned\\x07url\\x1b[2J, body"
    )


def test_a_logged_line_cannot_send_control_characters_to_the_terminal() -> None:
    # what a command logs may quote a page (a title, an outlet's name): its escape sequences are printed as text
    script = (
        "import logging; from provenance.cli import _setup_logging; _setup_logging(1); "
        "logging.getLogger('provenance.pipeline').warning('page %s', 'Ferry\\x1b[2J\\x1b]0;owned\\x07 vote\\nline two')"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.stderr.splitlines() == ["WARNING provenance.pipeline: page Ferry\\x1b[2J\\x1b]0;owned\\x07 vote", "line two"]


def test_import_then_export_prov(tmp_path: Path) -> None:
    records = [
        {
            "url": "https://harborton-star.example/2026/03/02/sale",
            "outlet": "Harborton Star",
            "published": "2026-03-02T06:00:00Z",
            "title": "Port chair backs terminal sale",
            "text": 'The port chair backed the sale on Monday.\n"We cannot keep pouring public money into a terminal that loses money every month," Dana Whitfield said in an interview.',
        },
        {
            "url": "https://bay-digest.example/sale",
            "outlet": "Bay Digest",
            "published": "2026-03-02T09:00:00Z",
            "text": 'Dana Whitfield defended the sale.\n"We cannot keep pouring public money into a terminal that loses money every month," Whitfield told the Harborton Star.',
        },
    ]
    source = tmp_path / "articles.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    database = tmp_path / "news.db"
    result = CliRunner().invoke(cli, ["import", str(source), "--db", str(database)])
    assert result.exit_code == 0, result.output
    assert "2 new, 0 changed, 0 unchanged, 0 failed" in result.output
    again = CliRunner().invoke(cli, ["import", str(source), "--db", str(database)])
    assert "0 new, 0 changed, 2 unchanged, 0 failed" in again.output
    exported = CliRunner().invoke(cli, ["export", "prov", "--db", str(database), "--quote", "1"])
    assert exported.exit_code == 0, exported.output
    document = json.loads(exported.output)
    assert "entity" in document and "agent" in document
    missing = CliRunner().invoke(cli, ["export", "prov", "--db", str(database), "--quote", "999"])
    assert missing.exit_code != 0 and "no quote with id 999" in missing.output


@pytest.mark.parametrize("kind", ["quotes", "credits", "reuse"])
def test_an_evaluation_folder_in_the_wrong_format_is_a_one_line_error(tmp_path: Path, kind: str) -> None:
    option = "--meter" if kind == "reuse" else "--polnear"
    (tmp_path / "stray.txt").write_text("not a corpus")
    result = CliRunner().invoke(cli, ["eval", kind, option, str(tmp_path)])
    assert result.exit_code != 0
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert result.output.startswith("Error: ")


@pytest.mark.parametrize("name, content", [("outlets.csv", "this,is,not\nthe,right,header\n"),
                                           ("outlets.yml", "outlets: [unclosed\n")])
def test_a_bad_registry_file_is_a_one_line_error(tmp_path: Path, name: str, content: str) -> None:
    registry = tmp_path / name
    registry.write_text(content)
    source = tmp_path / "a.jsonl"
    source.write_text('{"url": "https://a.example/1", "text": "Hello."}\n')
    result = CliRunner().invoke(cli, ["import", str(source), "--db", str(tmp_path / "x.db"), "--registry", str(registry)])
    assert result.exit_code != 0
    assert result.output.strip().splitlines()[-1].startswith("Error: ")
    assert len(result.output.strip().splitlines()) == 1, result.output


def test_sigterm_stops_an_import_as_interrupted_and_keeps_what_was_saved(tmp_path: Path) -> None:
    export = tmp_path / "many.jsonl"
    with export.open("w", encoding="utf-8") as handle:
        for number in range(8000):
            record = {
                "url": f"https://harbor-daily.example/2026/05/{number}",
                "outlet": "Harbor Daily",
                "published": "2026-05-01",
                "text": f'Ferry pier {number} reopens on Monday. "We rebuilt pier {number} in a month," '
                        f"the harbour master, Ines Moreau, said. Traffic on route {number} resumes at dawn.",
            }
            handle.write(json.dumps(record) + "\n")
    db_path = tmp_path / "news.db"
    process = subprocess.Popen(
        [sys.executable, "-m", "provenance", "import", str(export), "--db", str(db_path), "--workers", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
    )
    deadline = time.monotonic() + 120
    saved = 0
    while not saved and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
        try:
            with sqlite3.connect(db_path) as conn:
                saved = conn.execute("select count(*) from articles").fetchone()[0]
        except sqlite3.OperationalError:  # not created yet
            pass
    assert process.poll() is None, "the import ended before it could be stopped"
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130  # as for Ctrl-C
    assert stderr.decode().strip().endswith("interrupted: what was saved stays; the next run goes on from there")
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("select command, status from runs").fetchall() == [("import", "interrupted")]
        assert 0 < conn.execute("select count(*) from articles").fetchone()[0] < 8000
        summary = conn.execute("select summary from runs").fetchone()[0]
        assert summary.endswith("; interrupted by SIGTERM"), summary  # it ended "; Terminated: "


def test_a_database_in_a_missing_folder_is_a_one_line_error(tmp_path: Path) -> None:
    export = tmp_path / "one.jsonl"
    export.write_text(json.dumps({"url": "https://harbor-daily.example/a", "text": "Pier reopens."}) + "\n")
    result = CliRunner().invoke(cli, ["import", str(export), "--db", str(tmp_path / "nowhere" / "news.db")])
    assert (result.exit_code, result.output) == (1, f"Error: no such folder for the database: {tmp_path / 'nowhere'}\n")


def test_a_database_error_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from provenance import pipeline

    db_path = tmp_path / "news.db"
    CliRunner().invoke(cli, ["demo", "--no-serve", "--db", str(db_path)])

    def locked(database):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(pipeline, "trace_all", locked)
    result = CliRunner().invoke(cli, ["trace", "--db", str(db_path)])
    assert (result.exit_code, result.output) == (1, (
        f"Error: {db_path} is locked: another program kept a write open on it past the 30 s wait (database is locked); "
        "what was saved before stays; try again when it has finished\n"))


@pytest.mark.parametrize("command", [["trace"], ["export", "prov", "--quote", "1"], ["import", "EXPORT"]])
def test_a_database_from_a_newer_version_is_a_one_line_error(tmp_path: Path, command: list[str]) -> None:
    from db.schema import SCHEMA_VERSION

    db_path = tmp_path / "news.db"
    CliRunner().invoke(cli, ["demo", "--no-serve", "--db", str(db_path)])
    with sqlite3.connect(db_path) as conn:
        conn.execute("insert into schema_migrations values (?, 'from the future', '2027-01-01')", [SCHEMA_VERSION + 1])
    export = tmp_path / "one.jsonl"
    export.write_text(json.dumps({"url": "https://harbor-daily.example/a", "text": "Pier reopens."}) + "\n")
    result = CliRunner().invoke(cli, [*(str(export) if part == "EXPORT" else part for part in command), "--db", str(db_path)])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {db_path} is not a usable SQLite database: schema version {SCHEMA_VERSION + 1} is newer than this "
        f"tracker's {SCHEMA_VERSION}: a newer version of provenance made this database; upgrade provenance to use it\n"
    )


@pytest.mark.parametrize("tables, shown", [
    (["notes"], "notes"),
    (["articles"], "articles"),  # a name of ours is not enough: m0001 failed on it ("table articles already exists")
    ([f"t{n}" for n in range(7)], "t0, t1, t2, t3, t4 and 2 more"),
])
@pytest.mark.parametrize("command", [["trace"], ["reanalyse"], ["export", "prov", "--quote", "1"], ["import", "EXPORT"],
                                     ["demo", "--no-serve"]])
def test_a_database_of_another_program_is_left_as_it_was(tmp_path: Path, command: list[str], tables: list[str],
                                                         shown: str) -> None:
    # Before: import, trace, reanalyse and export wrote the tracker's 40 tables (and WAL mode) into it, exit 0
    db_path = tmp_path / "notes.db"
    with closing(sqlite3.connect(db_path)) as conn:
        for table in tables:
            conn.execute(f"create table {table} (id integer primary key autoincrement, body text)")
            conn.execute(f"insert into {table} (body) values ('kept')")
        conn.commit()
    before = db_path.read_bytes()
    export = tmp_path / "one.jsonl"
    export.write_text(json.dumps({"url": "https://harbor-daily.example/a", "text": "Pier reopens."}) + "\n")
    result = CliRunner().invoke(cli, [*(str(export) if part == "EXPORT" else part for part in command), "--db", str(db_path)])
    assert (result.exit_code, result.output) == (1, (
        f"Error: {db_path} is not a provenance database: it holds another program's tables ({shown}) and none of the "
        "tracker's; give a new file, or one provenance made\n"))
    assert db_path.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.db", "one.jsonl"]  # no lock, -wal or -shm


@pytest.mark.parametrize("error", [PermissionError(13, "Permission denied"), FileNotFoundError(2, "No such file or directory")])
def test_serve_that_cannot_start_datasette_says_so_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               error: OSError) -> None:
    # Before: a traceback ending in PermissionError, seen serving as a user who may not run the venv's interpreter
    from provenance import serve

    db_path = tmp_path / "news.db"
    CliRunner().invoke(cli, ["demo", "--no-serve", "--db", str(db_path)])

    def refused(*args, **kwargs):
        raise error

    monkeypatch.setattr(serve.subprocess, "Popen", refused)
    result = CliRunner().invoke(cli, ["serve", "--db", str(db_path), "--port", "0"])
    assert (result.exit_code, result.output) == (1, f"Error: cannot start Datasette ({sys.executable}): {error.strerror}\n")


def test_demo_says_its_port_is_busy_before_it_builds(tmp_path: Path) -> None:
    # Before: the sample story built (14 articles, seconds), then "port N on 127.0.0.1 is in use"
    import socket

    db_path = tmp_path / "sample.db"
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = CliRunner().invoke(cli, ["demo", "--db", str(db_path), "--port", str(port)])
    assert (result.exit_code, result.output) == (1, f"Error: port {port} on 127.0.0.1 is in use\n")
    assert not db_path.exists()


@pytest.mark.parametrize("command", [["trace"], ["reanalyse"], ["export", "prov", "--quote", "1"]])
def test_a_command_that_needs_a_database_leaves_an_empty_file_empty(tmp_path: Path, command: list[str]) -> None:
    # Before: the tracker's tables were written into it, then "0 quote clusters traced" or "no quote with id 1"
    db_path = tmp_path / "news.db"
    db_path.touch()
    result = CliRunner().invoke(cli, [*command, "--db", str(db_path)])
    assert (result.exit_code, result.output) == (1, f"Error: {db_path} is empty: no database in it yet (build one "
                                                    "with `provenance import` or `provenance demo`)\n")
    assert db_path.stat().st_size == 0


def test_export_prov_refuses_an_impossible_id_and_an_unwritable_file(tmp_path: Path) -> None:
    db_path = tmp_path / "news.db"
    CliRunner().invoke(cli, ["demo", "--no-serve", "--db", str(db_path)])
    result = CliRunner().invoke(cli, ["export", "prov", "--db", str(db_path), "--quote", "9" * 25])
    assert result.exit_code == 2 and "is not in the range" in result.output
    result = CliRunner().invoke(cli, ["export", "prov", "--db", str(db_path), "--quote", "1", "-o", str(tmp_path / "no" / "x.json")])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: cannot write {tmp_path / 'no' / 'x.json'}: ") and result.output.count("\n") == 1


def test_demo_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("not a database at all\n" * 100)
    result = CliRunner().invoke(cli, ["demo", "--no-serve", "--db", str(path)])
    assert result.exit_code == 1 and result.output.startswith(f"Error: {path} is not a usable SQLite database")


@pytest.mark.parametrize("args", [["import", "EXPORT"], ["trace"], ["reanalyse"], ["demo", "--no-serve"]])
def test_a_writer_stops_before_it_starts_while_another_holds_the_database(tmp_path: Path, args: list[str]) -> None:
    # a crawl and an import at once: the import died half-way on "database is locked" after 13 s
    from provenance.crawl import database_lock

    export = tmp_path / "one.jsonl"
    export.write_text(json.dumps({"url": "https://harbor-daily.example/a", "text": "Pier reopens on Monday."}) + "\n")
    db_path = tmp_path / "news.db"
    assert CliRunner().invoke(cli, ["import", str(export), "--db", str(db_path)]).exit_code == 0
    argv = [str(export) if arg == "EXPORT" else arg for arg in args] + ["--db", str(db_path)]
    with database_lock(db_path, "crawl"):
        result = CliRunner().invoke(cli, argv)
        assert result.exit_code == 1
        assert result.output.startswith(f"Error: another crawl is running on {db_path} (pid ")
        assert result.output.endswith("; wait for it to finish or stop it\n") and result.output.count("\n") == 1
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("select count(*) from runs").fetchone()[0] == 1  # the first import only
    result = CliRunner().invoke(cli, argv)  # released
    assert result.exit_code == 0, result.output
    assert (tmp_path / "news.db.lock").read_text().startswith(f"{args[0]}: pid ")


def test_a_crawl_names_the_import_that_holds_the_database(tmp_path: Path) -> None:
    from provenance.crawl import CrawlLocked, database_lock

    db_path = tmp_path / "news.db"
    with database_lock(db_path, "import"):
        with pytest.raises(CrawlLocked, match=r"^another import is running on .*news\.db \(pid \d+, started "):
            with database_lock(db_path, "crawl"):
                pass
    (tmp_path / "news.db.lock").write_text("pid 41, started 2026-05-04T08:30:00Z")  # as older releases wrote it
    import fcntl

    with open(tmp_path / "news.db.lock") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(CrawlLocked, match=r"^another crawl is running on .* \(pid 41, started 2026-05-04T08:30:00Z\)"):
            with database_lock(db_path, "trace"):
                pass


def readme_units() -> dict[str, str]:
    """The systemd unit files the README gives, by the path each is headed with."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```ini\n(.*?)```", readme, re.DOTALL)[1]
    return {match[1]: match[2] for match in re.finditer(r"# (/etc/systemd/system/\S+)\n(.*?)(?=\n# /|\Z)", block, re.DOTALL)}


def test_the_readme_unit_bounds_a_whole_run_under_its_timer() -> None:
    # a oneshot unit has no start timeout: a trace that never ended after limits.max_minutes held the timer for good
    units = readme_units()
    service, timer = units["/etc/systemd/system/provenance-crawl.service"], units["/etc/systemd/system/provenance-crawl.timer"]
    minutes = int(re.search(r"^TimeoutStartSec=(\d+)min$", service, re.MULTILINE)[1])
    interval = int(re.search(r"^OnCalendar=\*:0/(\d+)$", timer, re.MULTILINE)[1])
    assert 20 < minutes < interval  # over the README's limits.max_minutes for a 30-minute schedule, under the interval


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_the_readme_units_pass_systemd_analyze_verify(tmp_path: Path) -> None:
    program = tmp_path / "provenance"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    for path, text in readme_units().items():
        text = text.replace("/srv/provenance/.venv/bin/provenance", str(program))
        (tmp_path / Path(path).name).write_text(text.replace("/srv/provenance", str(tmp_path)))
    units = [str(unit) for unit in sorted(tmp_path.iterdir()) if unit.suffix in (".service", ".timer")]
    result = subprocess.run(["systemd-analyze", "verify", *units],
                            capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stderr) == (0, "")  # a value systemd cannot read is only a warning on stderr


def test_a_run_whose_process_was_killed_is_marked_interrupted_by_the_next_writer(tmp_path: Path) -> None:
    # a crawl swept only crawl and track rows: an import or trace killed with -9 stayed 'running' for good
    import sqlite_utils

    from db.save import KILLED_RUN_SUMMARY

    db_path = tmp_path / "news.db"
    CliRunner().invoke(cli, ["demo", "--no-serve", "--db", str(db_path)])
    db = sqlite_utils.Database(db_path)
    killed = db["runs"].insert({"command": "import", "started_at": "2026-05-04T08:30:00Z", "status": "running"}).last_pk
    db.conn.commit()
    assert CliRunner().invoke(cli, ["compare", str(db_path), str(db_path)]).exit_code == 0  # a reader leaves it
    assert db["runs"].get(killed)["status"] == "running"
    result = CliRunner().invoke(cli, ["trace", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    row = db["runs"].get(killed)
    assert (row["status"], row["summary"]) == ("interrupted", KILLED_RUN_SUMMARY)
    assert [row["status"] for row in db.query("select status from runs where id > ?", [killed])] == ["ok"]
