"""Serve a database safely in Datasette: read-only, time-limited SQL, optional robots blocking."""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import click

import provenance
from provenance.signals import sigterm_as_interrupt
from provenance.web.security import BLOCK_ROBOTS_ENV

LOGGER = logging.getLogger(__name__)

# The project's metadata.yml; an installed (non-editable) copy carries it inside the package.
_PACKAGE = Path(provenance.__file__).resolve().parent
METADATA_PATH = next(
    (path for path in (_PACKAGE.parent / "metadata.yml", _PACKAGE / "metadata.yml") if path.is_file()),
    _PACKAGE.parent / "metadata.yml",
)
STARTUP_TIMEOUT_S = 60.0


class ServeError(click.ClickException):
    """A one-line reason the database cannot be served."""


def datasette_command(
    db_path: Path,
    *,
    port: int = 8001,
    host: str = "127.0.0.1",
    allow_sql: bool = True,
    block_robots: bool = True,
    sql_time_limit_ms: int = 1000,
) -> list[str]:
    """The argv that serves `db_path` read-only with our metadata and plugin.

    Robots blocking is read by our plugin from the PROVENANCE_BLOCK_ROBOTS environment
    variable, so the argv starts with `env PROVENANCE_BLOCK_ROBOTS=1|0`.
    """
    argv = [
        "env",
        f"{BLOCK_ROBOTS_ENV}={1 if block_robots else 0}",
        sys.executable,
        "-m",
        "datasette",
        "serve",
        "-i",
        str(Path(db_path)),
        "--metadata",
        str(METADATA_PATH),
        "--host",
        host,
        "--port",
        str(port),
        "--setting",
        "sql_time_limit_ms",
        str(int(sql_time_limit_ms)),
    ]
    if not allow_sql:
        argv += ["--setting", "default_allow_sql", "off"]
    return argv


def check_database(db_path: Path) -> None:
    """Raise ServeError unless `db_path` is a readable SQLite file with our tables."""
    import sqlite3

    path = Path(db_path)
    if not path.is_file():
        raise ServeError(f"no database at {path} (create one with `provenance import` or `provenance demo`)")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            names = {row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise ServeError(f"{path} is not a SQLite database: {error}") from None
    if "quotes" not in names or "articles" not in names:
        raise ServeError(f"{path} is not a provenance database (no quotes or articles table)")


def find_free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free on `host` right now."""
    with socket.socket() as probe:
        probe.bind((host if host not in ("", "0.0.0.0") else "127.0.0.1", 0))
        return probe.getsockname()[1]


def checkpoint_wal(db_path: Path) -> None:
    """Fold a pending write-ahead log into the file: immutable mode reads the file alone."""
    import sqlite3

    wal = Path(f"{db_path}-wal")
    if not wal.exists() or wal.stat().st_size == 0:
        return
    try:
        conn = sqlite3.connect(str(db_path), timeout=30)
        try:
            busy, _pages, _done = conn.execute("pragma wal_checkpoint(truncate)").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as error:
        LOGGER.warning("could not checkpoint %s: %s; recent writes may not show", wal, error)
        return
    if busy:
        LOGGER.warning("%s is being written; recent writes may not show until the next serve", db_path)


def wait_for_port(host: str, port: int, process: subprocess.Popen, timeout: float = STARTUP_TIMEOUT_S) -> bool:
    """True once something listens on host:port; False if the process died or time ran out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.1)
    return False


def serve_database(
    db_path: Path,
    *,
    port: int = 8001,
    host: str = "127.0.0.1",
    allow_sql: bool = True,
    block_robots: bool = True,
    sql_time_limit_ms: int = 1000,
) -> int:
    """Run Datasette on `db_path` until it stops, Ctrl-C or SIGTERM; print its URL; return its exit code."""
    check_database(db_path)
    checkpoint_wal(db_path)
    if port == 0:
        port = find_free_port(host)
    if not METADATA_PATH.is_file():
        raise ServeError(f"metadata.yml is missing at {METADATA_PATH}")
    argv = datasette_command(
        db_path,
        port=port,
        host=host,
        allow_sql=allow_sql,
        block_robots=block_robots,
        sql_time_limit_ms=sql_time_limit_ms,
    )
    env = dict(os.environ, **{BLOCK_ROBOTS_ENV: "1" if block_robots else "0"})
    LOGGER.info("running %s", " ".join(argv))
    with sigterm_as_interrupt():  # `kill` or a service manager stops Datasette too, not only us
        process = subprocess.Popen(argv[2:], env=env)
        try:
            shown_host = "127.0.0.1" if host in ("0.0.0.0", "") else host
            if not wait_for_port(shown_host, port, process):
                code = process.poll()
                if code is not None:
                    raise ServeError(f"Datasette exited with code {code} before serving (its messages are above)")
                process.terminate()
                process.wait(timeout=10)
                raise ServeError(f"Datasette did not answer on {shown_host}:{port} within {STARTUP_TIMEOUT_S:.0f} s")
            url = f"http://{shown_host}:{port}/"
            notes = ["read-only", f"SQL limit {sql_time_limit_ms} ms"]
            notes.append("arbitrary SQL on" if allow_sql else "arbitrary SQL off")
            notes.append("robots blocked" if block_robots else "robots allowed")
            click.echo(f"Serving {db_path} at {url} ({', '.join(notes)}). Press Ctrl-C to stop.")
            return process.wait()
        except KeyboardInterrupt:
            # Ctrl-C (or SIGTERM) is how a user stops the server: pass it on, let it shut down, report success.
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            return 0
