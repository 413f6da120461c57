"""`provenance serve`: the Datasette command line, bad databases, and a real read-only server."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import sqlite_utils

from provenance.serve import (
    METADATA_PATH,
    ServeError,
    check_database,
    datasette_command,
)

SLOW_SQL = (
    "with recursive c(x) as (select 1 union all select x + 1 from c where x < 500000000) "
    "select count(*) from c"
)


def test_datasette_command_defaults():
    assert datasette_command(Path("/data/news.db")) == [
        "env", "PROVENANCE_BLOCK_ROBOTS=1",
        sys.executable, "-m", "datasette", "serve",
        "/data/news.db",
        "--metadata", str(METADATA_PATH),
        "--host", "127.0.0.1", "--port", "8001",
        "--setting", "sql_time_limit_ms", "1000",
        "--setting", "suggest_facets", "off",
    ]


def test_datasette_command_for_a_snapshot():
    argv = datasette_command(Path("/data/news.db"), immutable=True)
    assert argv[argv.index("serve") + 1 : argv.index("serve") + 3] == ["-i", "/data/news.db"]


def test_datasette_command_options():
    argv = datasette_command(
        Path("news.db"), port=9000, host="0.0.0.0", allow_sql=False, block_robots=False, sql_time_limit_ms=250
    )
    assert argv[:2] == ["env", "PROVENANCE_BLOCK_ROBOTS=0"]
    assert argv[argv.index("--port") + 1] == "9000"
    assert argv[argv.index("--host") + 1] == "0.0.0.0"
    assert argv[-9:] == [
        "--setting", "sql_time_limit_ms", "250",
        "--setting", "suggest_facets", "off",
        "--setting", "default_allow_sql", "off",
    ]


def test_metadata_is_at_the_repo_root():
    assert METADATA_PATH == Path(__file__).resolve().parent.parent / "metadata.yml"
    assert METADATA_PATH.is_file()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no database at"),
        (b"this is not a database at all, just text" * 50, "is not a SQLite database"),
        ("empty-sqlite", "is not a provenance database"),
    ],
)
def test_bad_databases_give_one_line_errors(tmp_path, content, message):
    path = tmp_path / "bad.db"
    if content == "empty-sqlite":
        sqlite_utils.Database(path)["other"].insert({"x": 1})
    elif content is not None:
        path.write_bytes(content)
    with pytest.raises(ServeError) as raised:
        check_database(path)
    assert message in raised.value.message
    assert "\n" not in raised.value.message


def start_server(db_path: Path, port: int, **options) -> subprocess.Popen:
    """`serve_database` in a child process, as the CLI runs it."""
    # Ctrl-C as a terminal delivers it: a test run started as `(pytest &)` by a shell without job
    # control ignores SIGINT, and so would the server; faulthandler: a server that does not stop
    # shows where it is (SIGUSR1, sent by `stop`)
    code = (
        "import faulthandler, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
        "faulthandler.register(signal.SIGUSR1, all_threads=True); "
        "from pathlib import Path; from provenance.serve import serve_database; "
        f"sys.exit(serve_database(Path({str(db_path)!r}), port={port}, **{options!r}))"
    )
    log = tempfile.TemporaryFile(mode="w+")  # what it and Datasette said, for a server that does not stop
    process = subprocess.Popen(  # its own process group: a server killed by `stop` takes Datasette with it
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=log, text=True, start_new_session=True
    )
    process.log = log
    return process


def get(url: str) -> tuple[int, dict, str]:
    """(status, headers with lower-case names, body) of a GET, HTTP errors included."""
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            status, headers, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, error.headers, error.read()
    return status, {key.lower(): value for key, value in headers.items()}, body.decode("utf-8")


def wait_for_line(process: subprocess.Popen, timeout: float = 60) -> str:
    """The first line the server prints (its URL), or fail."""
    deadline = time.monotonic() + timeout
    line = process.stdout.readline()
    assert line and time.monotonic() < deadline, "the server printed nothing"
    return line.strip()


def served_port(line: str) -> int:
    """The port of the server's first line ("Serving DB at http://127.0.0.1:PORT/ ...")."""
    match = re.search(r" at http://127\.0\.0\.1:(\d+)/ ", line)
    assert match, f"the server printed {line!r}"
    return int(match.group(1))


def stop(process: subprocess.Popen) -> int:
    """Ctrl-C the server and return its exit code (a server still running after 20 s fails the test with its log)."""
    process.send_signal(signal.SIGINT)
    try:
        return process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGUSR1)
        time.sleep(1)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        process.log.seek(0)
        pytest.fail(f"the server did not stop on Ctrl-C; it said:\n{process.log.read()[-4000:]}")


def test_serves_read_only_with_robots_blocked(sample_db):
    process = start_server(sample_db, 0, sql_time_limit_ms=200)
    try:
        line = wait_for_line(process)
        port = served_port(line)
        assert line == (
            f"Serving {sample_db} at http://127.0.0.1:{port}/ (read-only, live, SQL limit 200 ms, "
            "arbitrary SQL on, robots blocked). Press Ctrl-C to stop."
        )
        base = f"http://127.0.0.1:{port}"
        status, _headers, robots = get(f"{base}/robots.txt")
        assert (status, robots) == (200, "User-agent: *\nDisallow: /\n")
        status, headers, body = get(f"{base}/sample/-/quote/1")
        assert status == 200
        assert headers["x-robots-tag"] == "noindex, nofollow, noarchive"
        assert "default-src 'none'" in headers["content-security-policy"]
        databases = json.loads(get(f"{base}/-/databases.json")[2])
        assert [(db["name"], db["is_mutable"]) for db in databases] == [("sample", True)]
        status, _headers, body = get(f"{base}/sample.json?sql=delete+from+quotes")
        assert status == 400 and "Statement must be a SELECT" in body
        status, _headers, body = get(f"{base}/sample.json?sql=" + urllib.request.quote(SLOW_SQL))
        assert status == 400 and "The query ran out of time: this server stops a query after 200 ms." in body
        status, _headers, _body = get(f"{base}/sample.json?sql=select+count(*)+from+quotes")
        assert status == 200
    finally:
        code = stop(process)
    assert code == 0


def test_served_views_suggest_no_facets_and_recursive_ones_run_none(sample_db):
    # Suggestions re-ran the recursive quote_chains view once per column: 2.4 s of 2.8 s at 20,000 articles.
    process = start_server(sample_db, 0)
    try:
        base = f"http://127.0.0.1:{served_port(wait_for_line(process))}"
        chains = json.loads(get(f"{base}/sample/quote_chains.json?quote_id=2")[2])
        quotes = json.loads(get(f"{base}/sample/quotes.json")[2])
    finally:
        stop(process)
    assert chains["rows"] and chains["suggested_facets"] == [] and chains["facet_results"] == {}
    assert quotes["suggested_facets"] == []
    assert sorted(quotes["facet_results"]) == ["origin_kind", "origin_outlet_id", "speaker"]  # metadata's facets stay


def test_sigterm_stops_datasette_too(sample_db):
    process = start_server(sample_db, 0)
    try:
        port = served_port(wait_for_line(process))
        assert get(f"http://127.0.0.1:{port}/-/versions.json")[0] == 200
    finally:
        process.terminate()  # SIGTERM, as `kill` and service managers send it
        code = process.wait(timeout=20)
    assert code == 0
    with pytest.raises(OSError):  # nothing answers: Datasette went with us, it was not left behind
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)


@pytest.mark.parametrize("immutable", [False, True])
def test_live_serving_shows_what_a_job_writes_and_a_snapshot_does_not(sample_db, tmp_path, immutable):
    db_path = tmp_path / "sample.db"
    shutil.copy(sample_db, db_path)
    process = start_server(db_path, 0, immutable=immutable)
    try:
        line = wait_for_line(process)
        assert ("immutable snapshot" if immutable else "live") in line
        count_url = f"http://127.0.0.1:{served_port(line)}/sample.json?sql=select+count(*)+from+outlets&_shape=arrayfirst"
        before = json.loads(get(count_url)[2])[0]
        with sqlite3.connect(db_path) as conn:  # a crawl saving while the server runs
            conn.execute("insert into outlets (key, name, kind) values ('gull-gazette', 'Gull Gazette', 'newspaper')")
        after = json.loads(get(count_url)[2])[0]
    finally:
        stop(process)
    assert after == before if immutable else after == before + 1


def test_sql_off_and_robots_allowed(sample_db):
    process = start_server(sample_db, 0, allow_sql=False, block_robots=False)
    try:
        line = wait_for_line(process)
        assert "arbitrary SQL off, robots allowed" in line
        base = f"http://127.0.0.1:{served_port(line)}"
        status, _headers, _body = get(f"{base}/sample.json?sql=select+1")
        assert status == 403
        status, _headers, body = get(f"{base}/sample/variants_of_a_quote.json?quote_id=1")
        assert status == 200 and json.loads(body)["rows"]  # canned queries still run
        status, headers, robots = get(f"{base}/robots.txt")
        assert robots == "User-agent: *\nDisallow:\n"
        assert "x-robots-tag" not in headers
    finally:
        stop(process)


def test_plain_datasette_loads_the_plugin_through_its_entry_point(sample_db):
    result = subprocess.run(
        [sys.executable, "-m", "datasette", "serve", "-i", str(sample_db), "--metadata", str(METADATA_PATH),
         "--get", "/sample/-/quote/1"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert 'class="lineage-graph"' in result.stdout
    assert "Origin: " in result.stdout


@pytest.mark.parametrize("listening", [False, True], ids=["bound", "listening"])
def test_a_port_in_use_is_one_line_before_anything_is_announced(sample_db, listening):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        if listening:
            taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "provenance", "serve", "--db", str(sample_db), "--port", str(port)],
            capture_output=True, text=True, timeout=120,
        )
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"Error: port {port} on 127.0.0.1 is in use\n"


@pytest.mark.parametrize("listening", [False, True], ids=["bound", "listening"])
def test_a_port_taken_after_the_check_is_still_a_one_line_error(sample_db, listening, monkeypatch):
    """The race: another program binds the port between our check and Datasette's bind."""
    import socket

    from provenance import serve

    monkeypatch.setattr(serve, "check_port", lambda host, port: None)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        if listening:  # our readiness probe connects to the other program: Datasette fails after
            taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ServeError) as raised:
            serve.serve_database(sample_db, port=port)
    expected = "Datasette stopped with code 3" if listening else "Datasette exited with code 3 before serving"
    assert raised.value.message.startswith(expected)


@pytest.mark.parametrize("listening", [False, True], ids=["bound", "listening"])
def test_any_free_port_is_chosen_where_it_is_bound(sample_db, listening):
    """`--port 0`: the port a probe found free was taken (another test's server) before Datasette bound it.

    Before, a probe (`find_free_port`, patched here to give the taken port) chose the port and Datasette bound
    it a second later: "port N is in use", or the readiness check answered by the other program. Now Datasette
    binds port 0 itself and we read which from its log; no probe is left.
    """
    code = (
        "import socket, sys; taken = socket.socket(); taken.bind(('127.0.0.1', 0)); "
        + ("taken.listen(); " if listening else "")
        + "from provenance import serve; serve.find_free_port = lambda host='127.0.0.1': taken.getsockname()[1]; "
        "print(taken.getsockname()[1], flush=True); "
        "from pathlib import Path; import signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
        f"sys.exit(serve.serve_database(Path({str(sample_db)!r}), port=0))"
    )
    log = tempfile.TemporaryFile(mode="w+")
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=log, text=True,
                               start_new_session=True)
    process.log = log
    try:
        taken = int(process.stdout.readline())
        line = wait_for_line(process)
        port = served_port(line)
        assert port != taken
        assert get(f"http://127.0.0.1:{port}/-/databases.json")[0] == 200
    finally:
        code = stop(process)
    assert code == 0
    log.seek(0)
    assert "Uvicorn running on" in log.read()  # Datasette's log still reaches our stderr


def test_a_database_from_an_older_version_is_upgraded_before_serving(tmp_path):
    from db.schema import MIGRATIONS, SCHEMA_VERSION, applied_versions, shape_is_current
    from provenance.serve import upgrade_schema

    db_path = tmp_path / "older.db"
    older = sqlite_utils.Database(db_path)
    older["schema_migrations"].create({"version": int, "description": str, "applied_at": str}, pk="version")
    for module in MIGRATIONS[:-1]:  # as the previous release left it: no last migration, no views
        module.apply(older)
        older["schema_migrations"].insert({"version": module.VERSION, "description": module.DESCRIPTION,
                                           "applied_at": "2026-01-01T00:00:00+00:00"})
    older.close()
    assert upgrade_schema(db_path)
    upgraded = sqlite_utils.Database(db_path)
    assert max(applied_versions(upgraded)) == SCHEMA_VERSION and shape_is_current(upgraded)
    upgraded.close()
    modified = db_path.stat().st_mtime_ns
    assert not upgrade_schema(db_path)  # a current file is only read
    assert db_path.stat().st_mtime_ns == modified


def test_a_trace_due_is_read_without_writing(tmp_path):
    from db import open_db
    from provenance.serve import trace_is_due

    db_path = tmp_path / "served.db"
    database = open_db(db_path)
    database.close()
    assert not trace_is_due(db_path)
    database = sqlite_utils.Database(db_path)
    database.execute("update code_versions set version = version - 1 where name = 'normalization'")
    database.conn.commit()
    database.execute("pragma wal_checkpoint(truncate)")
    database.close()
    modified = db_path.stat().st_mtime_ns
    assert trace_is_due(db_path)  # the clusters were made by an older normalisation: serving says so, traces nothing
    assert db_path.stat().st_mtime_ns == modified
    assert sqlite_utils.Database(db_path).execute("select count(*) from runs").fetchone() == (0,)


@pytest.mark.parametrize("args, limit", [([], 1000), (["--sql-time-limit", "5000"], 5000)])
def test_serve_passes_its_sql_time_limit_on(sample_db, monkeypatch, args, limit):
    from click.testing import CliRunner

    import provenance.serve
    from provenance.cli import cli

    seen: dict = {}
    monkeypatch.setattr(provenance.serve, "serve_database", lambda path, **kwargs: seen.update(kwargs) or 0)
    result = CliRunner().invoke(cli, ["serve", "--db", str(sample_db), *args])
    assert result.exit_code == 0, result.output
    assert seen["sql_time_limit_ms"] == limit


def test_serve_refuses_a_sql_time_limit_below_one_ms(sample_db):
    from click.testing import CliRunner

    from provenance.cli import cli

    result = CliRunner().invoke(cli, ["serve", "--db", str(sample_db), "--sql-time-limit", "0"])
    assert result.exit_code == 2 and "--sql-time-limit" in result.output
