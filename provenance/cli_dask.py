"""The `dask` commands: parse, call provenance.distributed, print. Register with `cli.add_command(dask_group)`."""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from provenance.counts import counted
from provenance.cli_options import registry_option

LOGGER = logging.getLogger(__name__)

_scheduler_option = click.option(
    "--scheduler",
    envvar="DASK_SCHEDULER_ADDRESS",
    default=None,
    metavar="ADDRESS",
    help="Dask scheduler to use (tcp://host:8786; default $DASK_SCHEDULER_ADDRESS, else a local cluster).",
)
_workers_option = click.option(
    "--workers",
    type=click.IntRange(1, 256),
    default=None,
    help="Worker processes of the local cluster (default: all cores); ignored with --scheduler.",
)
_retries_option = click.option(
    "--retries",
    type=click.IntRange(0, 20),
    default=2,
    show_default=True,
    help="Retries of a file whose task raised; a dead worker's tasks are retried by the scheduler.",
)


class _Status:
    """A rewritten status line on stderr, only on a terminal."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.used = False

    def extracted(self, report) -> None:
        if self.enabled:
            self.used = True
            click.echo(f"\r{counted(len(report.shards), 'file')} done ({counted(report.articles, 'article')})", err=True, nl=False)

    def merged(self, report) -> None:
        if self.enabled:
            self.used = True
            done = report.new + report.changed + report.unchanged + report.failed
            click.echo(f"\r{counted(done, 'article')} merged ({report.new} new, {report.failed} failed)   ", err=True,
                       nl=False)

    def close(self) -> None:
        if self.used:
            click.echo("", err=True)
            self.used = False


@contextmanager
def _one_line_errors() -> Iterator[None]:
    """Turn the known failures of a Dask run into one-line errors; keep Dask's info logs for -v."""
    from provenance.distributed import DaskUnavailable, SchedulerAddressError, ShardError, ShardFolderError
    from provenance.outlets import RegistryError
    from scrapers.files import ImportInputError

    if logging.getLogger().getEffectiveLevel() > logging.INFO:
        _quiet_dask_logs()
    try:
        yield
    except (DaskUnavailable, SchedulerAddressError, ShardError, ShardFolderError, RegistryError, ImportInputError) as error:
        raise click.ClickException(str(error)) from None
    except (OSError, TimeoutError) as error:
        raise click.ClickException(f"Dask cluster unreachable or failing: {' '.join(str(error).split())}") from None


def _quiet_dask_logs() -> None:
    """Keep Dask's cluster start and stop lines out of a run without -v (distributed logs at INFO)."""
    try:
        importlib.import_module("distributed")  # its import sets its loggers' levels: set ours after
    except ImportError:
        return
    for name in ("distributed", "distributed.scheduler", "distributed.nanny", "distributed.core", "distributed.worker"):
        logging.getLogger(name).setLevel(logging.WARNING)


def _print_failed_files(report) -> None:
    for shard in report.shards:
        if shard.status == "failed":
            click.echo(f"failed file {shard.source} (recorded in {shard.path}; a rerun tries it again)", err=True)


@click.group("dask", context_settings={"help_option_names": ["-h", "--help"]})
def dask_group() -> None:
    """Analyse WARC archives on a Dask cluster, then merge the results into a database.

    Needs the optional extra: pip install -e '.[dask]' in the checkout.

    \b
    Example:
        provenance dask run crawl/2026-03-02/ --db news.db --scheduler tcp://10.0.0.5:8786
        provenance dask extract crawl/ --shards /shared/shards
        provenance dask merge /shared/shards --db news.db
    """


@dask_group.command("run")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False), help="Database file (created if missing).")
@click.option(
    "--shards",
    "shard_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the shards, readable and writable by every worker (default: DB.shards beside the database).",
)
@_scheduler_option
@_workers_option
@registry_option
@_retries_option
def run_command(
    paths: tuple[Path, ...],
    db_path: str,
    shard_dir: Path | None,
    scheduler: str | None,
    workers: int | None,
    registries: tuple[Path, ...],
    retries: int,
) -> None:
    """Analyse WARC files (or folders of them) on a Dask cluster, then merge into the database.

    The same result as `provenance import` of the same files: each file becomes one shard,
    files already done by an earlier run are skipped, and the merge updates clusters and
    lineage incrementally.

    \b
    Example:
        provenance dask run archive/ --db news.db --workers 4
        provenance dask run /shared/cc-news/2026-03-02/ --db news.db --scheduler tcp://10.0.0.5:8786 --shards /shared/shards
    """
    from provenance.cli import _check_paths, _open_db, _print_failures
    from provenance.distributed import default_shard_dir, open_client, prepare_shard_dir, run_on_dask

    _check_paths(paths)
    database = _open_db(db_path, writer="dask run")
    status = _Status()
    with _one_line_errors():
        shards = prepare_shard_dir(shard_dir or default_shard_dir(db_path))  # before any cluster starts
        try:
            with open_client(scheduler, workers) as client:
                extracted, merged = run_on_dask(
                    database,
                    paths,
                    shards,
                    client,
                    extra_registry=registries,
                    retries=retries,
                    extract_progress=status.extracted,
                    progress=status.merged,
                )
        finally:
            status.close()
    _print_failed_files(extracted)
    _print_failures(merged.failures)
    click.echo(f"extract: {extracted.summary()}")
    click.echo(f"merge: {merged.summary()}")


@dask_group.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--shards",
    "shard_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the shards, readable and writable by every worker.",
)
@click.option(
    "--db",
    "db_path",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="The database the shards will be merged into: its outlets join the registry, as in an import.",
)
@_scheduler_option
@_workers_option
@registry_option
@_retries_option
def extract_command(
    paths: tuple[Path, ...],
    shard_dir: Path,
    db_path: str | None,
    scheduler: str | None,
    workers: int | None,
    registries: tuple[Path, ...],
    retries: int,
) -> None:
    """Analyse WARC files on a Dask cluster into shards, without touching a database.

    Run `provenance dask merge` on the shard folder afterwards. Pass --db so the workers
    know the outlets already in that database, as `provenance import` would.

    \b
    Example:
        provenance dask extract /shared/cc-news/2026-03-02/ --shards /shared/shards --scheduler tcp://10.0.0.5:8786
    """
    from provenance.cli import _check_paths, _open_db
    from provenance.distributed import collect_inputs, extract_shards, make_registry_spec, open_client, prepare_shard_dir
    from db.save import saved_registry_files
    from provenance.outlets import load_registry
    from provenance.pipeline import saved_outlets

    _check_paths(paths)
    known = []
    files = list(registries)
    if db_path is not None:
        database = _open_db(db_path, must_exist=True)
        known = saved_outlets(database)
        files = files or saved_registry_files(database)  # the files the merge will read, as an import would
    status = _Status()
    with _one_line_errors():
        inputs = collect_inputs(paths)
        load_registry(files)
        spec = make_registry_spec(files, known)
        shard_dir = prepare_shard_dir(shard_dir)
        try:
            with open_client(scheduler, workers) as client:
                report = extract_shards(client, inputs, shard_dir, spec, retries=retries, progress=status.extracted)
        finally:
            status.close()
    _print_failed_files(report)
    click.echo(report.summary())


@dask_group.command("merge")
@click.argument("shard_dir", type=click.Path(path_type=Path))
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False), help="Database file (created if missing).")
@registry_option
def merge_command(shard_dir: Path, db_path: str, registries: tuple[Path, ...]) -> None:
    """Load a folder of shards into the database, then update reuse, people, clusters and lineage.

    Shards are read in the order `provenance import` reads their input files in: by path, WARC
    archives in the order of their first capture (record order within a file). Merging the same
    shards again adds nothing. As an import, the registry outlets saved are brought to the
    registry first (--registry files, else those the shards were made with, else those the
    database keeps), and the articles an edit of it may change are analysed again.
    Needs no Dask.

    \b
    Example:
        provenance dask merge /shared/shards --db news.db
    """
    from provenance.cli import _open_db, _print_failures
    from provenance.distributed import find_shards, merge_shards

    if not shard_dir.is_dir():
        raise click.ClickException(f"no such shard folder: {shard_dir}")
    with _one_line_errors():
        unreadable: list = []
        shards = find_shards(shard_dir, unreadable)
        if not shards:
            raise click.ClickException(f"no shards in {shard_dir}")
        database = _open_db(db_path, writer="dask merge")
        status = _Status()
        try:
            report = merge_shards(
                database, shards, progress=status.merged, unreadable=unreadable, extra_registry=registries
            )
        finally:
            status.close()
    _print_failures(report.failures)
    click.echo(report.summary())
