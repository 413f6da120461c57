"""The per-article stage on a Dask cluster: WARC files -> SQLite shards -> the project database.

Each input file is one task. A worker reads the file, analyses every article in it (the same
`analyse_article` as a single-machine import, with the same registry), and writes the results as
one shard: a small SQLite file holding every Analysis and every failed record, in record order,
written to a temporary name and renamed when complete. A shard's name is derived from the input's
resolved path, size and modification time, so a rerun skips the inputs already done.

The merge step reads shards in the order `provenance import` would read the same files (the given
order, folders sorted, WARC archives in the order of their first capture; record order within a file), feeds them to `pipeline.ingest` and runs
`pipeline.update_after_import`: reuse, people, clusters and lineage, incrementally. Merging the same shards
twice changes nothing.

Dask is an optional dependency (`pip install -e '.[dask]'` in the checkout): this module imports it only
where a cluster is used, so shards can be read and merged without it.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import logging
import os
import re
import socket
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
import dataclasses
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlite_utils

from db.save import refresh_registry_outlets
from db.schema import ensure_db_shape
from provenance.counts import counted
from provenance.models import Analysis, Article, Credit, Link, Outlet, Quotation
from provenance.outlets import OutletRegistry, RegistryFile, load_registry, read_registry_text
from provenance.pipeline import (
    ImportReport,
    add_outlets,
    analyse_item,
    failure_recorded,
    ingest,
    recorded_run,
    run_registry_files,
    saved_outlets,
    update_after_import,
)
from provenance.times import utc_now
from scrapers.files import (
    ImportFailure,
    ImportInputError,
    SkippedRecord,
    expand_paths,
    in_capture_order,
    iter_articles,
    kind_of,
    one_line,
    warc_files,
)

if TYPE_CHECKING:
    from distributed import Client

    from scrapers.warc import PayloadIndex

LOGGER = logging.getLogger(__name__)

SHARD_FORMAT = 1
SHARD_SUFFIX = ".shard.db"
DEFAULT_RETRIES = 2  # task retries after an exception; a dying worker is retried by the scheduler
CONNECT_TIMEOUT = "10s"
INSTALL_HINT = "Dask is not installed: run pip install -e '.[dask]' in the checkout"

_UNSAFE_NAME_RE = re.compile(r"[^A-Za-z0-9._-]+")
_ARCHIVE_SUFFIX_RE = re.compile(r"(\.warc)?(\.gz)?$", re.IGNORECASE)


class DaskUnavailable(RuntimeError):
    """Dask (the optional `dask` extra) is not installed."""


class SchedulerAddressError(ValueError):
    """A --scheduler address Dask cannot read (no port, an unclosed bracket)."""


class ShardError(ValueError):
    """A file that is not a readable shard of this format."""


class ShardFolderError(ValueError):
    """A shard folder that cannot be created or written."""


# --- Inputs and shard names ------------------------------------------------------------------


@dataclass(frozen=True)
class InputFile:
    """One file to analyse: where workers read it, how failures name it, and its shard name."""

    path: str  # absolute path, as workers open it
    label: str  # the path as the user gave it (what `provenance import` records as the source)
    size: int
    mtime_ns: int
    # A WARC file's revisits find their payloads in the run's WARC files (absolute path, size, mtime).
    archives: tuple[tuple[str, int, int], ...] = ()

    @property
    def key(self) -> str:
        """A hash of the resolved path, size and modification time (and of the archives its revisits read)."""
        text = f"{self.path}\0{self.size}\0{self.mtime_ns}"
        if len(self.archives) > 1:  # another file of the run may hold what a revisit here refers to
            text += "".join(f"\0{path}\0{size}\0{mtime}" for path, size, mtime in self.archives)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]

    @property
    def shard_name(self) -> str:
        """The file name of this input's shard: readable stem plus the key."""
        stem = _ARCHIVE_SUFFIX_RE.sub("", Path(self.path).name) or "input"
        stem = _UNSAFE_NAME_RE.sub("_", stem)[:60]
        return f"{stem}-{self.key}{SHARD_SUFFIX}"


def collect_inputs(paths: Iterable[Path | str]) -> list[InputFile]:
    """The files to analyse, in `provenance import` order; ImportInputError for a bad path."""
    given = [Path(p) for p in paths]
    files = expand_paths(given)  # the import's own expansion: same files, same order, same errors
    archives = tuple((str(path.resolve()), path.stat().st_size, path.stat().st_mtime_ns) for path in warc_files(files))
    inputs = []
    for path in files:
        stat = path.stat()
        inputs.append(InputFile(path=str(path.resolve()), label=str(path), size=stat.st_size, mtime_ns=stat.st_mtime_ns,
                                archives=archives if kind_of(path) == "warc" else ()))
    if not inputs:
        raise ImportInputError("no importable files in " + ", ".join(str(p) for p in given))
    return inputs


# --- Encoding analyses as JSON ---------------------------------------------------------------


def encode_outlet(outlet: Outlet | None) -> dict | None:
    """An Outlet as a JSON-ready dict."""
    if outlet is None:
        return None
    return {
        "key": outlet.key,
        "name": outlet.name,
        "kind": outlet.kind,
        "domains": list(outlet.domains),
        "aliases": list(outlet.aliases),
        "country": outlet.country,
        "language": outlet.language,
        "in_registry": outlet.in_registry,
    }


def decode_outlet(data: dict | None) -> Outlet | None:
    """The Outlet of `encode_outlet`."""
    if data is None:
        return None
    return Outlet(
        key=data["key"],
        name=data["name"],
        kind=data["kind"],
        domains=tuple(data["domains"]),
        aliases=tuple(data["aliases"]),
        country=data["country"],
        language=data["language"],
        in_registry=data["in_registry"],
    )


def encode_analysis(analysis: Analysis) -> dict:
    """An Analysis as a JSON-ready dict (every field, nothing recomputed on decoding)."""
    article = analysis.article
    return {
        "article": {
            "url": article.url,
            "text": article.text,
            "title": article.title,
            "author": article.author,
            "published": article.published,
            "site_name": article.site_name,
            "outlet": article.outlet,
            "canonical_url": article.canonical_url,
            "description": article.description,
            "language": article.language,
            "fetched_at": article.fetched_at,
            "source": article.source,
            "links": [
                {"url": l.url, "anchor": l.anchor, "sentence": l.sentence, "start": l.start, "end": l.end}
                for l in article.links
            ],
            "credit_lines": list(article.credit_lines),
            "metadata": article.metadata,
        },
        "outlet": encode_outlet(analysis.outlet),
        "quotations": [
            {
                "text": q.text,
                "start": q.start,
                "end": q.end,
                "speaker": q.speaker,
                "speaker_name": q.speaker_name,
                "cue": q.cue,
                "kind": q.kind,
                "spans": [list(span) for span in q.spans],
                "paragraph": q.paragraph,
                "told_own_outlet": q.told_own_outlet,
            }
            for q in analysis.quotations
        ],
        "credits": [
            {
                "outlet": encode_outlet(c.outlet),
                "kind": c.kind,
                "cue": c.cue,
                "sentence": c.sentence,
                "start": c.start,
                "end": c.end,
                "scope": c.scope,
                "quote_indexes": list(c.quote_indexes),
                "via": encode_outlet(c.via),
                "url": c.url,
            }
            for c in analysis.credits
        ],
        "fingerprints": list(analysis.fingerprints),
        "link_outlets": [encode_outlet(o) for o in analysis.link_outlets],
        "analysed_with": analysis.analysed_with,
    }


def decode_analysis(data: dict) -> Analysis:
    """The Analysis of `encode_analysis`."""
    a = data["article"]
    article = Article(
        url=a["url"],
        text=a["text"],
        title=a["title"],
        author=a["author"],
        published=a["published"],
        site_name=a["site_name"],
        outlet=a["outlet"],
        canonical_url=a["canonical_url"],
        description=a["description"],
        language=a["language"],
        fetched_at=a["fetched_at"],
        source=a["source"],
        links=[Link(**link) for link in a["links"]],
        credit_lines=list(a["credit_lines"]),
        metadata=a["metadata"],
    )
    return Analysis(
        article=article,
        outlet=decode_outlet(data["outlet"]),
        quotations=[
            Quotation(**{**q, "spans": [tuple(span) for span in q["spans"]]}) for q in data["quotations"]
        ],
        credits=[
            Credit(**{**c, "outlet": decode_outlet(c["outlet"]), "via": decode_outlet(c["via"])})
            for c in data["credits"]
        ],
        fingerprints=list(data["fingerprints"]),
        link_outlets=[decode_outlet(o) for o in data["link_outlets"]],
        analysed_with=data.get("analysed_with"),  # None in a shard written before the column
    )


def encode_item(item: Analysis | ImportFailure) -> tuple[str, str, str]:
    """(kind, url or item, JSON payload) of one shard row."""
    if isinstance(item, ImportFailure):
        payload = {"source": item.source, "item": item.item, "stage": item.stage, "message": item.message}
        kind = "skipped" if isinstance(item, SkippedRecord) else "failure"
        return kind, item.item, json.dumps(payload, ensure_ascii=False)
    # default=str: metadata values JSON cannot hold are saved as text anyway (db.save does the same)
    return "analysis", item.article.url, json.dumps(encode_analysis(item), ensure_ascii=False, default=str)


def decode_item(kind: str, payload: str) -> Analysis | ImportFailure:
    """The Analysis or ImportFailure of one shard row."""
    data = json.loads(payload)
    if kind in ("failure", "skipped"):
        failure_class = SkippedRecord if kind == "skipped" else ImportFailure
        return failure_class(source=data["source"], item=data["item"], stage=data["stage"], message=data["message"])
    if kind == "analysis":
        return decode_analysis(data)
    raise ShardError(f"unknown shard row kind: {kind!r}")


# --- Shards ----------------------------------------------------------------------------------


@dataclass
class ShardSummary:
    """What one shard holds: the input it came from, its status and its counts."""

    path: str  # the shard file
    source: str  # the input's label
    input_path: str
    size: int
    mtime_ns: int
    status: str  # ok | failed
    articles: int = 0
    failures: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # CPU time of the worker process while it made the shard
    worker: str = ""
    skipped: bool = False  # already done by an earlier run: not extracted again


def write_shard(
    shard_path: Path,
    source: InputFile,
    items: Iterable[Analysis | ImportFailure],
    *,
    status: str = "ok",
    registry_digest: str = "",
    registry_files: Sequence[tuple[str, str]] = (),
    started: tuple[float, float] | None = None,
) -> ShardSummary:
    """Write items to a shard atomically (temporary file, then rename); return its summary.

    `registry_files`: (name, text) of the user's registry files the items were analysed with, which a
    merge given none reads (`shard_registry_files`). `started` is (perf_counter, process_time) when the
    work began, for the timings.
    """
    started = started or (time.perf_counter(), time.process_time())
    shard_path.parent.mkdir(parents=True, exist_ok=True)
    temporary = shard_path.with_name(f".{shard_path.name}.{uuid.uuid4().hex}.tmp")
    summary = ShardSummary(
        path=str(shard_path),
        source=source.label,
        input_path=source.path,
        size=source.size,
        mtime_ns=source.mtime_ns,
        status=status,
        worker=f"{socket.gethostname()}:{os.getpid()}",
    )
    try:
        conn = sqlite3.connect(temporary)
        try:
            conn.execute("pragma journal_mode = off")
            conn.execute("pragma synchronous = off")
            conn.execute("create table items (seq integer primary key, kind text not null, url text, payload text not null)")
            rows = []
            for seq, item in enumerate(items):
                kind, url, payload = encode_item(item)
                if kind == "failure":
                    summary.failures += 1
                elif kind == "analysis":
                    summary.articles += 1
                rows.append((seq, kind, url, payload))
                if len(rows) >= 100:
                    conn.executemany("insert into items values (?, ?, ?, ?)", rows)
                    rows.clear()
            conn.executemany("insert into items values (?, ?, ?, ?)", rows)
            conn.execute("create table registry_files (position integer primary key, name text, text text)")
            conn.executemany("insert into registry_files values (?, ?, ?)", [
                (position, name, text) for position, (name, text) in enumerate(registry_files)
            ])
            summary.seconds = time.perf_counter() - started[0]
            summary.cpu_seconds = time.process_time() - started[1]
            conn.execute(
                "create table shard (format integer, source text, input_path text, size integer, mtime_ns integer, "
                "status text, articles integer, failures integer, seconds real, cpu_seconds real, worker text, registry text, "
                "created_at text)"
            )
            conn.execute(
                "insert into shard values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    SHARD_FORMAT,
                    summary.source,
                    summary.input_path,
                    summary.size,
                    summary.mtime_ns,
                    summary.status,
                    summary.articles,
                    summary.failures,
                    summary.seconds,
                    summary.cpu_seconds,
                    summary.worker,
                    registry_digest,
                    utc_now(),
                ],
            )
            conn.commit()
        finally:
            conn.close()
        with open(temporary, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, shard_path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return summary


def read_shard_summary(shard_path: Path) -> ShardSummary:
    """The summary row of a shard; ShardError when the file is not one."""
    if not Path(shard_path).is_file():
        raise ShardError(
            f"no shard at {shard_path} (is the shard folder on a file system this machine shares with the workers?)"
        )
    try:
        conn = sqlite3.connect(f"file:{shard_path}?mode=ro", uri=True)
        try:
            row = conn.execute(
                "select format, source, input_path, size, mtime_ns, status, articles, failures, seconds, cpu_seconds, "
                "worker from shard"
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error as error:
        raise ShardError(f"{shard_path} is not a shard: {error}") from None
    if row is None:
        raise ShardError(f"{shard_path} is not a shard: no summary row")
    if row[0] != SHARD_FORMAT:
        raise ShardError(f"{shard_path} has shard format {row[0]}, this version reads format {SHARD_FORMAT}")
    return ShardSummary(
        path=str(shard_path),
        source=row[1],
        input_path=row[2],
        size=row[3],
        mtime_ns=row[4],
        status=row[5],
        articles=row[6],
        failures=row[7],
        seconds=row[8],
        cpu_seconds=row[9],
        worker=row[10],
    )


def read_shard(shard_path: Path) -> Iterator[Analysis | ImportFailure]:
    """Every item of a shard, in record order."""
    try:
        conn = sqlite3.connect(f"file:{shard_path}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise ShardError(f"{shard_path} is not a shard: {error}") from None
    try:
        for kind, payload in conn.execute("select kind, payload from items order by seq"):
            yield decode_item(kind, payload)
    except sqlite3.Error as error:
        raise ShardError(f"{shard_path} is not a shard: {error}") from None
    finally:
        conn.close()


def shard_registry_files(shard_path: Path | str) -> list[RegistryFile]:
    """The user's registry files a shard's items were analysed with (none for a shard written before they were kept)."""
    try:
        conn = sqlite3.connect(f"file:{shard_path}?mode=ro", uri=True)
        try:
            rows = conn.execute("select name, text from registry_files order by position").fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return []
    return [RegistryFile(name=name, text=text) for name, text in rows]


def finished_shard(shard_path: Path) -> ShardSummary | None:
    """The summary of a complete, successful shard at this path, else None (absent, failed, unreadable)."""
    if not shard_path.is_file():
        return None
    try:
        summary = read_shard_summary(shard_path)
    except ShardError as error:
        LOGGER.warning("%s; extracting its input again", error)
        return None
    return summary if summary.status == "ok" else None


def find_shards(shard_dir: Path, unreadable: list[ImportFailure] | None = None) -> list[ShardSummary]:
    """The newest shard of each input in a folder, ordered as an import of the inputs reads them.

    A file that is not a readable shard is skipped; with `unreadable`, it is listed there as a
    failure for the merge to record.
    """
    if not shard_dir.is_dir():
        raise ShardError(f"no such shard folder: {shard_dir}")
    newest: dict[str, ShardSummary] = {}
    for path in sorted(shard_dir.glob(f"*{SHARD_SUFFIX}")):
        try:
            summary = read_shard_summary(path)
        except ShardError as error:
            LOGGER.warning("skipped %s", error)
            if unreadable is not None:
                unreadable.append(
                    ImportFailure(source=str(path), item="", stage="read", message=f"unreadable shard: {one_line(error)}")
                )
            continue
        # an input that changed between runs has a shard per version: the current file is the newest
        kept = newest.get(summary.input_path)
        if kept is None or (summary.mtime_ns, summary.size) > (kept.mtime_ns, kept.size):
            if kept is not None:
                LOGGER.info("skipped %s: an older version of %s", kept.path, kept.input_path)
            newest[summary.input_path] = summary
        else:
            LOGGER.info("skipped %s: an older version of %s", summary.path, summary.input_path)
    by_input = {Path(summary.input_path): summary for summary in newest.values()}
    # WARC inputs in the order of their first capture, as the import reads them (inputs no longer
    # readable here keep their place behind the one before them)
    return [by_input[path] for path in in_capture_order(sorted(by_input))]


# --- The worker task -------------------------------------------------------------------------


@dataclass(frozen=True)
class RegistrySpec:
    """What workers need to build the import's registry: extra registry files and the database's outlets."""

    extra_files: tuple[tuple[str, str], ...]  # (file name, text) of each --registry file
    known: tuple[Outlet, ...]  # outlets already in the target database

    @cached_property
    def digest(self) -> str:
        """A hash of the registry's inputs (the built-in file is the worker's own)."""
        hasher = hashlib.sha256()
        for name, text in self.extra_files:
            hasher.update(f"{name}\0{text}\0".encode("utf-8"))
        for outlet in self.known:
            hasher.update(json.dumps(encode_outlet(outlet), sort_keys=True).encode("utf-8"))
        return hasher.hexdigest()[:20]


def make_registry_spec(extra_files: Iterable[Path | RegistryFile] = (), known: Iterable[Outlet] = ()) -> RegistrySpec:
    """Read the extra registry files on this machine, so workers need not see them."""
    files = [item if isinstance(item, RegistryFile) else read_registry_text(Path(item)) for item in extra_files]
    return RegistrySpec(extra_files=tuple((item.name, item.text) for item in files), known=tuple(known))


def build_registry(spec: RegistrySpec) -> OutletRegistry:
    """The registry `provenance import` would use: built-in, extra files in order, known outlets."""
    with tempfile.TemporaryDirectory(prefix="provenance-registry-") as folder:
        paths = []
        for index, (name, text) in enumerate(spec.extra_files):
            path = Path(folder) / f"{index:03d}-{name}"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        registry = load_registry(paths)
    add_outlets(registry, spec.known)
    return registry


_WORKER_REGISTRIES: dict[str, OutletRegistry] = {}


def worker_registry(spec: RegistrySpec) -> OutletRegistry:
    """The registry for `spec`, built once per worker process."""
    digest = spec.digest
    registry = _WORKER_REGISTRIES.get(digest)
    if registry is None:
        _WORKER_REGISTRIES.clear()
        registry = _WORKER_REGISTRIES[digest] = build_registry(spec)
    return registry


_WORKER_PAYLOADS: dict[tuple, PayloadIndex] = {}


def worker_payloads(source: InputFile) -> PayloadIndex:
    """Where `source`'s revisits find their payloads: the run's archives, indexed once per worker process."""
    from scrapers.warc import PayloadIndex

    payloads = _WORKER_PAYLOADS.get(source.archives)
    if payloads is None:
        _WORKER_PAYLOADS.clear()
        payloads = _WORKER_PAYLOADS[source.archives] = PayloadIndex([path for path, _, _ in source.archives] or [source.path])
    return payloads


def analyse_file(source: InputFile, registry: OutletRegistry) -> Iterator[Analysis | ImportFailure]:
    """Analyses and failures of every record in one input file, in record order."""
    for item in iter_articles([source.path], worker_payloads(source)):
        if isinstance(item, ImportFailure) and item.source == source.path:
            item = dataclasses.replace(item, source=source.label)  # a SkippedRecord stays one
        yield analyse_item(item, registry)


def extract_to_shard(source: InputFile, shard_dir: str, spec: RegistrySpec) -> ShardSummary:
    """The Dask task: analyse one input file and write its shard (or find it already written)."""
    shard_path = Path(shard_dir) / source.shard_name
    done = finished_shard(shard_path)
    if done is not None:
        done.skipped = True
        return done
    started = (time.perf_counter(), time.process_time())
    registry = worker_registry(spec)
    return write_shard(
        shard_path, source, analyse_file(source, registry), registry_digest=spec.digest,
        registry_files=spec.extra_files, started=started,
    )


def write_failed_shard(shard_dir: Path, source: InputFile, message: str) -> ShardSummary:
    """A shard recording that a whole input failed (its task raised, or killed its workers)."""
    failure = ImportFailure(source=source.label, item="", stage="worker", message=message)
    return write_shard(shard_dir / source.shard_name, source, [failure], status="failed")


# --- Running on a cluster --------------------------------------------------------------------


@dataclass
class ExtractReport:
    """What an extraction did: one shard summary per input, in input order."""

    shards: list[ShardSummary] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def extracted(self) -> int:
        """Inputs analysed by this run."""
        return sum(1 for s in self.shards if not s.skipped and s.status == "ok")

    @property
    def skipped(self) -> int:
        """Inputs whose shard an earlier run had written."""
        return sum(1 for s in self.shards if s.skipped)

    @property
    def failed_files(self) -> int:
        """Inputs whose task failed after its retries."""
        return sum(1 for s in self.shards if s.status == "failed")

    @property
    def articles(self) -> int:
        """Articles analysed by this run."""
        return sum(s.articles for s in self.shards if not s.skipped)

    @property
    def cpu_seconds(self) -> float:
        """Worker CPU time spent by this run."""
        return sum(s.cpu_seconds for s in self.shards if not s.skipped)

    @property
    def failures(self) -> int:
        """Records that failed in the inputs analysed by this run."""
        return sum(s.failures for s in self.shards if not s.skipped and s.status == "ok")

    def summary(self) -> str:
        """One line: files, articles, failures and time."""
        return (
            f"{counted(len(self.shards), 'file')}: {self.extracted} extracted ({counted(self.articles, 'article')}, "
            f"{self.failures} failed {'record' if self.failures == 1 else 'records'}), {self.skipped} already done, "
            f"{self.failed_files} failed "
            f"in {self.seconds:.1f} s"
        )


def require_dask() -> None:
    """Raise DaskUnavailable with the install hint when distributed cannot be imported."""
    try:
        importlib.import_module("distributed")  # only to learn whether it imports
    except ImportError:
        raise DaskUnavailable(INSTALL_HINT) from None


def check_scheduler_address(scheduler: str) -> None:
    """Raise SchedulerAddressError for an address Dask cannot read, before any client or event loop starts."""
    from distributed.comm.addressing import parse_address, parse_host_port

    try:
        scheme, location = parse_address(scheduler)
        if scheme in ("tcp", "tls"):
            parse_host_port(location)
    except ValueError as error:
        raise SchedulerAddressError(f"bad Dask scheduler address {scheduler!r}: {error} "
                                    "(give tcp://HOST:PORT, e.g. tcp://10.0.0.5:8786)") from None


@contextmanager
def open_client(scheduler: str | None = None, workers: int | None = None) -> Iterator[Client]:
    """A Dask client: on the cluster at `scheduler`, else on a LocalCluster of `workers` processes."""
    require_dask()
    from distributed import Client, LocalCluster

    if scheduler:
        check_scheduler_address(scheduler)
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        try:
            yield client
        finally:
            client.close()
        return
    count = workers or max(1, os.cpu_count() or 1)
    # Workers log to stderr on their own; without -v keep only what is fatal (task errors reach us anyway,
    # and stopping a cluster can log a heartbeat to the scheduler that is already gone).
    worker_logs = logging.WARNING if LOGGER.isEnabledFor(logging.INFO) else logging.CRITICAL
    with LocalCluster(
        n_workers=count, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=worker_logs
    ) as cluster, Client(cluster) as client:
        yield client


def extract_shards(
    client: Client,
    inputs: Sequence[InputFile],
    shard_dir: Path | str,
    spec: RegistrySpec,
    *,
    retries: int = DEFAULT_RETRIES,
    progress: Callable[[ExtractReport], None] | None = None,
    task: Callable[[InputFile, str, RegistrySpec], ShardSummary] = extract_to_shard,
) -> ExtractReport:
    """Run `task` for every input without a finished shard; failed inputs get a failed shard."""
    from distributed import as_completed

    started = time.perf_counter()
    shard_dir = prepare_shard_dir(shard_dir)
    report = ExtractReport()
    results: dict[int, ShardSummary] = {}
    pending: dict[Any, int] = {}
    todo = []
    for index, source in enumerate(inputs):
        done = finished_shard(shard_dir / source.shard_name)
        if done is not None:
            done.skipped = True
            results[index] = done
        else:
            todo.append(index)
    if todo:
        # A task, not scattered data: the scheduler can compute it again when the worker holding it dies.
        spec_future = client.submit(_hand_over, spec, key=f"provenance-registry-{spec.digest}-{uuid.uuid4().hex[:8]}")
        for index in todo:
            source = inputs[index]
            future = client.submit(
                task, source, str(shard_dir), spec_future, key=f"provenance-shard-{source.key}-{uuid.uuid4().hex[:8]}",
                retries=retries, pure=False,
            )
            pending[future] = index
        try:
            for future in as_completed(list(pending)):
                index = pending[future]
                source = inputs[index]
                if future.status == "finished":
                    results[index] = future.result()
                else:
                    message = _task_error(future)
                    LOGGER.warning("extraction of %s failed after retries: %s", source.label, message)
                    results[index] = write_failed_shard(shard_dir, source, message)
                report.shards.append(results[index])  # completion order until the end
                if progress is not None:
                    progress(report)
        except BaseException:
            client.cancel(list(pending))
            raise
    report.shards = [results[i] for i in range(len(inputs))]
    report.seconds = time.perf_counter() - started
    return report


def _hand_over(spec: RegistrySpec) -> RegistrySpec:
    """The registry spec, as a task result the tasks of every file depend on."""
    return spec


def _task_error(future: Any) -> str:
    """One line saying why a task ended without a result."""
    if future.status == "cancelled":
        return "task cancelled (its worker or the scheduler went away)"
    error = future.exception()
    return f"{type(error).__name__}: {one_line(error)}"


# --- Merging shards into the database --------------------------------------------------------


def merge_shards(
    db: sqlite_utils.Database,
    shards: Iterable[ShardSummary | Path | str],
    *,
    command: str = "dask merge",
    progress: Callable[[ImportReport], None] | None = None,
    unreadable: Iterable[ImportFailure] = (),
    extra_registry: Iterable[Path | RegistryFile] = (),
) -> ImportReport:
    """Save the shards' analyses in the given order, then bring reuse, people, clusters and lineage up to date.

    `unreadable` holds the files of the shard folder that were no shard (`find_shards`): they are
    recorded in `errors` with the run. `extra_registry`: the registry files of the run, as an
    import's `--registry` (else those the shards were analysed with, else those the database keeps,
    `pipeline.run_registry_files`): the saved registry outlets are brought to them first
    (`db.save.refresh_registry_outlets`), and the articles new or edited outlets may change are
    analysed again after (`pipeline.settle_outlets`).
    """
    ensure_db_shape(db)
    paths = [Path(s.path) if isinstance(s, ShardSummary) else Path(s) for s in shards]
    for path in paths:
        read_shard_summary(path)  # refuse a bad shard before the run starts
    given = list(extra_registry)
    if not given:  # the files the shards were made with, when they agree on them
        made_with = {tuple(shard_registry_files(path)) for path in paths}
        if len(made_with) == 1:
            given = list(next(iter(made_with)))
    extra = run_registry_files(db, given)
    refresh_registry_outlets(db, load_registry(extra))
    with recorded_run(db, command) as report:
        items = chain(_not_recorded(db, list(unreadable), report), _new_items(db, paths, report))
        ingest(db, items, report=report, progress=progress)
        report.quotes_touched = len(update_after_import(db, extra_registry=extra, run_id=report.run_id))
    return report


def _new_items(
    db: sqlite_utils.Database, paths: list[Path], report: ImportReport
) -> Iterator[Analysis | ImportFailure]:
    """The shards' items; a failure already in the errors table is counted but not recorded again."""
    for path in paths:
        yield from _not_recorded(db, _shard_items(path), report)


def _not_recorded(
    db: sqlite_utils.Database, items: Iterable[Analysis | ImportFailure], report: ImportReport
) -> Iterator[Analysis | ImportFailure]:
    """The items, less the failures the errors table already holds (those are counted in the report)."""
    for item in items:
        if isinstance(item, ImportFailure) and failure_recorded(db, item):
            LOGGER.info("failure already recorded: %s %s: %s", item.source, item.item, item.message)
            report.failed += 1
            report.failures.append(item)
            continue
        yield item


def _shard_items(path: Path) -> Iterator[Analysis | ImportFailure]:
    """A shard's items; a shard damaged after it was written ends in a recorded failure."""
    try:
        yield from read_shard(path)
    except (ShardError, ValueError, KeyError, TypeError) as error:
        yield ImportFailure(source=str(path), item="", stage="read", message=f"damaged shard: {one_line(error)}")


def prepare_shard_dir(shard_dir: Path | str) -> Path:
    """The shard folder as an absolute path, created if missing; ShardFolderError unless it can be written.

    Checked here, on the machine that starts the run; workers on other machines need it too.
    """
    path = Path(shard_dir).resolve()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise ShardFolderError(f"the shard folder {path} is a file") from None
    except OSError as error:
        raise ShardFolderError(f"cannot create the shard folder {path}: {error.strerror or error}") from None
    try:
        with tempfile.NamedTemporaryFile(dir=path, prefix=".write-check-"):
            pass
    except OSError as error:
        raise ShardFolderError(f"cannot write to the shard folder {path}: {error.strerror or error}") from None
    return path


def default_shard_dir(db_path: Path | str) -> Path:
    """Where `dask run` keeps shards when not told: a folder beside the database."""
    path = Path(db_path)
    return path.with_name(path.name + ".shards")


def run_on_dask(
    db: sqlite_utils.Database,
    paths: Iterable[Path | str],
    shard_dir: Path | str,
    client: Client,
    *,
    extra_registry: Iterable[Path | RegistryFile] = (),
    retries: int = DEFAULT_RETRIES,
    extract_progress: Callable[[ExtractReport], None] | None = None,
    progress: Callable[[ImportReport], None] | None = None,
) -> tuple[ExtractReport, ImportReport]:
    """Extract the inputs on the cluster, then merge their shards: `provenance import`, distributed."""
    ensure_db_shape(db)
    inputs = collect_inputs(paths)
    extra = run_registry_files(db, extra_registry)  # a bad registry file fails here, once, not on every worker
    refresh_registry_outlets(db, load_registry(extra))  # before the saved rows teach the registry their names
    spec = make_registry_spec(extra, saved_outlets(db))
    extracted = extract_shards(client, inputs, shard_dir, spec, retries=retries, progress=extract_progress)
    merged = merge_shards(db, extracted.shards, command="dask run", progress=progress, extra_registry=extra)
    return extracted, merged
