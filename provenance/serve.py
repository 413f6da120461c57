"""Serve a database safely in Datasette: read-only, time-limited SQL, optional robots blocking."""

from __future__ import annotations

import errno
import logging
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import closing
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
# Datasette settings every `provenance serve` uses besides the SQL time limit. Facet suggestions
# run a GROUP BY per column on every table page: on a recursive view (quote_chains) that is the
# whole recursion again per column, seconds at 20,000 articles; metadata.yml names the useful facets.
DATASETTE_SETTINGS = {"suggest_facets": "off"}
# Uvicorn's line once it listens: "Uvicorn running on http://127.0.0.1:53211 (Press CTRL+C to quit)".
BOUND_PORT_RE = re.compile(r"Uvicorn running on \S+:(\d+) ")


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
    immutable: bool = False,
) -> list[str]:
    """The argv that serves `db_path` read-only with our metadata and plugin.

    By default Datasette reads the file through read-only connections and sees what a running
    job writes (WAL); `immutable` serves it as a frozen snapshot (`-i`: table counts cached, no
    locking), which must then not change while served.
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
        *(["-i"] if immutable else []),
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
    for name, value in DATASETTE_SETTINGS.items():
        argv += ["--setting", name, value]
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


def upgrade_schema(db_path: Path) -> bool:
    """Bring a database made by an older version of the tracker to the current schema.

    Our pages read the current columns and views, so an older file would fail on them. Returns
    whether anything changed; a file that cannot be written is a one-line ServeError.
    """
    import sqlite3

    import sqlite_utils

    from db.schema import SCHEMA_VERSION, applied_versions, ensure_db_shape, shape_is_current

    with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as conn:
        reader = sqlite_utils.Database(conn)
        if shape_is_current(reader):
            return False
        version = max(applied_versions(reader), default=0)
    try:
        with closing(sqlite3.connect(db_path, timeout=30)) as conn:
            ensure_db_shape(sqlite_utils.Database(conn))
    except sqlite3.Error as error:
        raise ServeError(
            f"{db_path} has schema version {version}, this tracker needs {SCHEMA_VERSION}, and it cannot be "
            f"upgraded: {error}"
        ) from None
    return True


def trace_is_due(db_path: Path) -> bool:
    """Whether the next update traces the whole database again (`pipeline.full_trace_due`), read only: serving traces nothing."""
    import sqlite3

    import sqlite_utils

    from provenance.pipeline import full_trace_due

    with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as conn:
        return full_trace_due(sqlite_utils.Database(conn))


def check_port(host: str, port: int) -> None:
    """Raise ServeError unless `port` can be listened on at `host` right now.

    Binds it briefly the way uvicorn will (SO_REUSEADDR), so a port left in TIME_WAIT counts as
    free. Another program can still take the port before Datasette binds it; `serve_database`
    reports that as Datasette failing.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    shown = host or "0.0.0.0"
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except socket.gaierror as error:
        raise ServeError(f"cannot listen on {shown}: {error.strerror}") from None
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise ServeError(f"port {port} on {shown} is in use") from None
        if error.errno == errno.EACCES:
            raise ServeError(f"no permission to listen on port {port} on {shown}") from None
        raise ServeError(f"cannot listen on {shown} port {port}: {error.strerror or error}") from None


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


def relay_bound_port(process: subprocess.Popen, timeout: float = STARTUP_TIMEOUT_S, *, echo: bool = True) -> int | None:
    """The port Datasette bound for `--port 0`, read from its log (a text pipe) while the log goes on to our stderr.

    None when it stopped or said nothing of it within `timeout`. Without `echo` the log is read and dropped.
    """
    found: queue.Queue[int | None] = queue.Queue()

    def relay() -> None:
        for line in process.stderr:
            if echo:
                sys.stderr.write(line)
                sys.stderr.flush()
            if (match := BOUND_PORT_RE.search(line)) is not None:
                found.put(int(match.group(1)))
        found.put(None)  # the log ended: Datasette is gone

    threading.Thread(target=relay, name="datasette-log", daemon=True).start()
    try:
        return found.get(timeout=timeout)
    except queue.Empty:
        return None


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
    immutable: bool = False,
) -> int:
    """Run Datasette on `db_path` until it stops, Ctrl-C or SIGTERM; print its URL; return its exit code.

    Live by default: pages show what a crawl or import writes while it serves. `immutable`
    serves a frozen snapshot (see `datasette_command`).
    """
    check_database(db_path)
    if not METADATA_PATH.is_file():
        raise ServeError(f"metadata.yml is missing at {METADATA_PATH}")
    chosen = port == 0  # Datasette binds a free port itself: nothing can take it between a probe and the bind
    if not chosen:
        check_port(host, port)
    if upgrade_schema(db_path):
        click.echo(f"Brought {db_path} up to this version's schema.", err=True)
    if trace_is_due(db_path):
        click.echo(
            f"A full trace of {db_path} is due (quotes normalised by another version, or a trace left unfinished): "
            f"its clusters and lineage show as last traced until the next import, crawl or "
            f"`provenance trace --db {db_path}`.",
            err=True,
        )
    if immutable:
        checkpoint_wal(db_path)
    argv = datasette_command(
        db_path,
        port=port,
        host=host,
        allow_sql=allow_sql,
        block_robots=block_robots,
        sql_time_limit_ms=sql_time_limit_ms,
        immutable=immutable,
    )
    env = dict(os.environ, **{BLOCK_ROBOTS_ENV: "1" if block_robots else "0"})
    LOGGER.info("running %s", " ".join(argv))
    with sigterm_as_interrupt():  # `kill` or a service manager stops Datasette too, not only us
        try:
            process = subprocess.Popen(argv[2:], env=env, **(
                {"stderr": subprocess.PIPE, "encoding": "utf-8", "errors": "replace"} if chosen else {}))
        except OSError as error:  # the interpreter gone or not executable by this user
            raise ServeError(f"cannot start Datasette ({argv[2]}): {error.strerror or error}") from None
        try:
            shown_host = "127.0.0.1" if host in ("0.0.0.0", "") else host
            if chosen:
                port = relay_bound_port(process) or 0
            if not port or not wait_for_port(shown_host, port, process):
                code = process.poll()
                if code is not None:
                    raise ServeError(f"Datasette exited with code {code} before serving (its messages are above)")
                process.terminate()
                process.wait(timeout=10)
                raise ServeError(f"Datasette did not answer on {shown_host}:{port} within {STARTUP_TIMEOUT_S:.0f} s")
            url = f"http://{shown_host}:{port}/"
            notes = ["read-only, immutable snapshot" if immutable else "read-only, live", f"SQL limit {sql_time_limit_ms} ms"]
            notes.append("arbitrary SQL on" if allow_sql else "arbitrary SQL off")
            notes.append("robots blocked" if block_robots else "robots allowed")
            click.echo(f"Serving {db_path} at {url} ({', '.join(notes)}). Press Ctrl-C to stop.")
            code = process.wait()
            if code:
                raise ServeError(f"Datasette stopped with code {code} (its messages are above)")
            return code
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
