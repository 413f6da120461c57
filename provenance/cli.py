"""The `provenance` command: a thin layer over the library. Parse, call, print."""

from __future__ import annotations

import json
import logging
import sqlite3
import sys
from contextlib import ExitStack, closing
from pathlib import Path

import click

from db.errors import describe_database_error
from provenance import __version__
from provenance.counts import counted
from provenance.cli_options import registry_option
from provenance.compare import DEFAULT_SHOWN, TABLE_NAMES
from provenance.signals import sigterm_as_interrupt
from provenance.terminal import TerminalFormatter, escape_for_terminal

LOGGER = logging.getLogger(__name__)

DEFAULT_DEMO_DB = "provenance-demo.db"
MAX_LISTED_FAILURES = 20


def _setup_logging(verbose: int) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    for handler in logging.getLogger().handlers:
        if type(handler) is logging.StreamHandler:  # what is logged may quote a page or a file: escaped
            handler.setFormatter(TerminalFormatter(handler.formatter._fmt if handler.formatter else None))
    if verbose == 0:
        # trafilatura warns about markup it tidies ('empty link: ...', several lines each): nothing to
        # act on, and on real pages dozens of lines a run in a scheduled crawl's log
        logging.getLogger("trafilatura").setLevel(logging.ERROR)


def _open_db(path: str, *, must_exist: bool = False, writer: str | None = None):
    """Open a project database, turning low-level failures into one-line errors.

    A `writer` command holds the database's writers' lock until it ends, or stops here with one
    line when another crawl, import or trace holds it.
    """
    import sqlite_utils

    from db import ensure_db_shape
    from db.save import close_stale_runs

    db_path = Path(path)
    if must_exist and not db_path.exists():
        raise click.ClickException(f"no database at {db_path} (build one with `provenance import` or `provenance demo`)")
    if must_exist and db_path.is_file() and db_path.stat().st_size == 0:  # trace or export made their tables in it
        raise click.ClickException(f"{db_path} is empty: no database in it yet (build one with `provenance import` or "
                                   "`provenance demo`)")
    _check_db(db_path)
    if writer is not None:
        _hold_lock(db_path, writer)
    try:
        database = sqlite_utils.Database(db_path)
        ensure_db_shape(database)
        if writer is not None:
            close_stale_runs(database)  # an import, trace or reanalyse killed stayed 'running' for good
    except sqlite3.DatabaseError as error:
        raise click.ClickException(describe_db_error(db_path, error)) from None
    return database


def describe_db_error(db_path: Path, error: sqlite3.Error) -> str:
    """One line for a database that could not be opened: no database, or a disk or folder that refused it."""
    return describe_database_error(db_path, error, opening=True)


def _hold_lock(db_path: Path, command: str, stack: ExitStack | None = None) -> None:
    """Hold the database's writers' lock until `stack` closes (else for the rest of the command), or stop with one line."""
    from provenance.crawl import CrawlLocked, database_lock

    try:
        lock = database_lock(db_path, command)
        if stack is None:
            click.get_current_context().with_resource(lock)
        else:
            stack.enter_context(lock)
    except CrawlLocked as error:
        raise click.ClickException(str(error)) from None
    except OSError as error:  # a folder we may read but not write
        raise click.ClickException(f"cannot take the lock {db_path}.lock: {error.strerror or error}") from None


def _check_db(db_path: Path) -> None:
    """Refuse a database path that cannot work, with one line."""
    from db.schema import check_ours

    if db_path.is_dir():
        raise click.ClickException(f"{db_path} is a folder, not a database file")
    if db_path.exists():
        try:
            with closing(sqlite3.connect(db_path)) as conn:
                conn.execute("select count(*) from sqlite_master").fetchone()
                check_ours(conn)  # before its lock file is made beside it
        except sqlite3.DatabaseError as error:
            raise click.ClickException(describe_db_error(db_path, error)) from None
    elif not db_path.parent.exists():
        raise click.ClickException(f"no such folder for the database: {db_path.parent}")


def _check_paths(paths: tuple[Path, ...]) -> None:
    """A one-line error for the first path that does not exist."""
    for path in paths:
        if not path.exists():
            raise click.ClickException(f"no such file or folder: {path}")


def _print_failures(failures) -> None:
    """The first MAX_LISTED_FAILURES skipped records on stderr, then how many more."""
    for failure in failures[:MAX_LISTED_FAILURES]:
        where = " ".join(part for part in (failure.source, failure.item) if part)  # a whole file has no item
        line = f"skipped {where}: {failure.message}"
        click.echo(escape_for_terminal(line), err=True)
    if len(failures) > MAX_LISTED_FAILURES:
        click.echo(f"... and {len(failures) - MAX_LISTED_FAILURES} more (see the errors table)", err=True)


class _Progress:
    """Progress on a terminal: a rewritten line on stderr, silent when not a TTY."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()

    def __call__(self, report) -> None:
        if self.enabled:
            done = report.new + report.changed + report.unchanged + report.failed
            click.echo(f"\r{counted(done, 'article')} read ({report.new} new, {report.failed} failed)", err=True, nl=False)

    def close(self) -> None:
        if self.enabled:
            click.echo("", err=True)


COMMAND_LINE = "provenance.command_line"


class _Commands(click.Group):
    """The command group: an interrupt exits 130 and a database error is one line, for every command."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("interrupted: what was saved stays; the next run goes on from there", err=True)
            ctx.exit(130)
        except sqlite3.Error as error:  # locked by another writer, disk full, read-only, damaged
            LOGGER.debug("database error", exc_info=True)
            raise click.ClickException(describe_database_error(_db_argument(ctx.meta.get(COMMAND_LINE, [])),
                                                               error)) from None

    def resolve_command(self, ctx: click.Context, args: list[str]):
        ctx.meta[COMMAND_LINE] = list(args)  # the command's own arguments, kept for an error naming its --db
        return super().resolve_command(ctx, args)


def _db_argument(args: list[str]) -> str | None:
    """The `--db` a command line gives, for an error that names the database; None when it gives none."""
    for index, arg in enumerate(args):
        if arg == "--db" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--db="):
            return arg.removeprefix("--db=")
    return None


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="provenance")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def cli(verbose: int) -> None:
    """Trace quotes in the news back to the outlet that published them first-hand.

    \b
    Example:
        provenance demo
        provenance import exports/ articles.jsonl --db news.db
        provenance serve --db news.db
    """
    _setup_logging(verbose)
    # SIGTERM (a timeout, `kill`, `systemctl stop`) stops any command as Ctrl-C does: runs are
    # recorded as interrupted, servers stop their Datasette.
    click.get_current_context().with_resource(sigterm_as_interrupt())


@cli.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False), help="Database file (created if missing).")
@registry_option
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Processes for analysis (default: all cores for large folders).")
def import_command(paths: tuple[Path, ...], db_path: str, registries: tuple[Path, ...], workers: int | None) -> None:
    """Import articles from files and folders, analyse them, and update reuse, people, clusters and lineage.

    PATHS are JSON Lines (.jsonl), CSV (.csv, .tsv; commas, semicolons, tabs or
    '|'), HTML files (.html), WARC archives (.warc, .warc.gz) or folders of them. A record needs `url` or `id` and `text`
    or `html`; `title`, `outlet`, `published` and `author` are optional.
    Bad records are reported, recorded in the `errors` table and skipped. Exit status:
    0 when the import ended, 1 when no article could be read (every record or file failed),
    130 when interrupted.

    \b
    Example:
        provenance import stories.jsonl pages/ --db news.db
    """
    from provenance.outlets import RegistryError
    from provenance.pipeline import import_paths
    from provenance.workers import WorkersFailed
    from scrapers.files import ImportInputError

    _check_paths(paths)
    database = _open_db(db_path, writer="import")
    progress = _Progress(enabled=True)
    try:
        report = import_paths(database, paths, extra_registry=registries, workers=workers, progress=progress)
    except (ImportInputError, RegistryError, WorkersFailed) as error:
        raise click.ClickException(str(error)) from None
    finally:
        progress.close()
    _print_failures(report.failures)
    click.echo(report.summary())
    if report.nothing_read:  # a scheduled job's alarm: the input is not what it was
        raise click.ClickException(f"no article could be read from the input ({report.failed} failed); see the errors table")


@cli.command("trace")
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False), help="Database file.")
def trace_command(db_path: str) -> None:
    """Recompute text reuse, people, quote clusters and lineage for the whole database.

    \b
    Example:
        provenance trace --db news.db
    """
    import time

    from provenance.pipeline import trace_all

    database = _open_db(db_path, must_exist=True, writer="trace")
    started = time.perf_counter()
    clusters = trace_all(database)
    click.echo(f"{counted(clusters, 'quote cluster')} traced in {time.perf_counter() - started:.1f} s")


@cli.command("reanalyse")
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False), help="Database file.")
@registry_option
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Processes for analysis (default: all cores for large databases).")
@click.option("--only-stale", is_flag=True,
              help="Only the articles analysed by an older version of the extractors, and those an edited --registry file may change.")
@click.option("--warc", "warc_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="The crawl's WARC folder: its pages as fetched tell lists and live blogs older code stored.")
def reanalyse_command(db_path: str, registries: tuple[Path, ...], workers: int | None, only_stale: bool,
                      warc_dir: Path | None) -> None:
    """Analyse the stored articles again with the current extractors and save what changed.

    Quotes, speakers, credits and link outlets are extracted again from each article's current
    text (nothing is fetched); what changed is saved, printings found again keep their ids, and
    reuse, people, clusters and lineage are brought up to date. Run it after upgrading. Fetched
    pages the current rules would not store (a soft 404, an author page, a later page of a story;
    with --warc also a list of stories or a live blog) are set aside into `set_aside_pages`.

    \b
    Example:
        provenance reanalyse --db news.db --only-stale
    """
    from provenance.outlets import RegistryError
    from provenance.pipeline import reanalyse
    from provenance.workers import WorkersFailed

    database = _open_db(db_path, must_exist=True, writer="reanalyse")
    progress = _Progress(enabled=True)
    try:
        warc_files = sorted([*warc_dir.glob("*.warc.gz"), *warc_dir.glob("*.warc")]) if warc_dir is not None else []
        report = reanalyse(database, extra_registry=registries, workers=workers, only_stale=only_stale, progress=progress,
                           warc_files=warc_files)
    except (RegistryError, WorkersFailed) as error:
        raise click.ClickException(str(error)) from None
    finally:
        progress.close()
    _print_failures(report.failures)
    click.echo(report.summary())


def _serve(db_path: Path, port: int, host: str, allow_sql: bool, block_robots: bool, immutable: bool = False,
           sql_time_limit_ms: int = 1000) -> None:
    from provenance.serve import serve_database

    code = serve_database(db_path, port=port, host=host, allow_sql=allow_sql, block_robots=block_robots,
                          immutable=immutable, sql_time_limit_ms=sql_time_limit_ms)
    if code:
        raise SystemExit(code)


@cli.command("serve")
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False, path_type=Path), help="Database file.")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on; 0: any free one (the URL printed names it).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--no-sql", is_flag=True, help="Turn off arbitrary SQL (canned queries still run).")
@click.option("--allow-robots", is_flag=True, help="Let search engines index the pages (blocked by default).")
@click.option("--immutable", is_flag=True,
              help="Serve a frozen snapshot: cached counts, but nothing written after the start shows. "
                   "Only for a file no job writes to.")
@click.option("--sql-time-limit", "sql_time_limit_ms", default=1000, show_default=True, type=click.IntRange(1),
              metavar="MS", help="Stop a query after this many milliseconds (a page says so and what to do).")
def serve_command(db_path: Path, port: int, host: str, no_sql: bool, allow_robots: bool, immutable: bool,
                  sql_time_limit_ms: int) -> None:
    """Serve a database read-only in Datasette with our metadata, lineage pages and canned queries.

    The pages show what a running crawl or import adds (live); --immutable serves a snapshot.

    \b
    Example:
        provenance serve --db news.db --port 8001
    """
    if not db_path.exists():
        raise click.ClickException(f"no database at {db_path}")
    _serve(db_path, port, host, allow_sql=not no_sql, block_robots=not allow_robots, immutable=immutable,
           sql_time_limit_ms=sql_time_limit_ms)


@cli.command("demo")
@click.option("--db", "db_path", default=DEFAULT_DEMO_DB, show_default=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535))
@click.option("--no-serve", is_flag=True, help="Only build the database.")
def demo_command(db_path: Path, port: int, no_serve: bool) -> None:
    """Build a database from the built-in sample story and serve it in Datasette.

    The sample is a fictional scoop re-reported by a dozen fictional outlets:
    wire copy, reprints, credited and uncredited rewrites, altered quotes and a
    news conference heard by several outlets.

    \b
    Example:
        provenance demo
        provenance demo --no-serve --db sample.db
    """
    from provenance.pipeline import build_sample
    from provenance.serve import check_port

    _check_db(db_path)
    if not no_serve and port:
        check_port("127.0.0.1", port)  # before the build: a busy port was said after it
    with ExitStack() as building:  # the writers' lock while it builds, not while it serves
        _hold_lock(db_path, "demo", building)
        report = build_sample(db_path)
    click.echo(f"sample story in {db_path}: {report.summary()}")
    if not no_serve:
        _serve(db_path, port, "127.0.0.1", allow_sql=True, block_robots=True)


@cli.group("eval")
def eval_group() -> None:
    """Measure the extractors against gold corpora.

    \b
    Example:
        provenance eval quotes --polnear ../shared/corpora/polnear/dev
        provenance eval reuse --meter ../shared/corpora/meter-courts --json
        provenance eval lineage --meter ../shared/corpora/meter-courts
    """


def _evaluate(evaluate, folder: Path, **options):
    """Run an evaluation, turning a folder in the wrong format into a one-line error."""
    try:
        return evaluate(folder, **options)
    except (FileNotFoundError, NotADirectoryError, ValueError, KeyError) as error:
        raise click.ClickException(f"{folder} is not in the expected format: {error}") from None


def _print_evaluation(result, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2, sort_keys=True))
    else:
        click.echo(result.format())


@eval_group.command("quotes")
@click.option("--polnear", "folder", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path), help="A PolNeAR split folder (text/ + attributions/).")
@click.option("--limit", type=click.IntRange(1), default=None, help="Only the first N documents.")
@click.option("--misses", is_flag=True, help="Also list the found quotes given a wrong speaker, the gold quotes not found and the predictions in no gold quote, each with the text around it.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def eval_quotes_command(folder: Path, limit: int | None, misses: bool, as_json: bool) -> None:
    """Precision, recall and speaker accuracy of quotation extraction on PolNeAR.

    \b
    Example:
        provenance eval quotes --polnear ../shared/corpora/polnear/dev
        provenance eval quotes --polnear ../shared/corpora/polnear/train --misses
    """
    from provenance.evaluation.quotes import evaluate_quotes

    result = _evaluate(evaluate_quotes, folder, limit=limit)
    _print_evaluation(result, as_json)
    if misses and not as_json:
        click.echo(result.format_misses())


@eval_group.command("credits")
@click.option("--polnear", "folder", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path), help="A PolNeAR split folder; metadata.tsv is read from it or its parent.")
@click.option("--misses", is_flag=True, help="Also list the annotated outlet Sources not credited and the source credits in no annotated Source, each with its paragraph.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def eval_credits_command(folder: Path, misses: bool, as_json: bool) -> None:
    """Precision and recall of wire-copy credits against PolNeAR's `wire` column.

    \b
    Example:
        provenance eval credits --polnear ../shared/corpora/polnear/train
        provenance eval credits --polnear ../shared/corpora/polnear/train --misses
    """
    from provenance.evaluation.credits import evaluate_credits

    result = _evaluate(evaluate_credits, folder)
    _print_evaluation(result, as_json)
    if misses and not as_json:
        click.echo(result.format_misses())


@eval_group.command("reuse")
@click.option("--meter", "folder", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path), help="The METER courts folder (PA/, newspapers/, file_index/).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def eval_reuse_command(folder: Path, as_json: bool) -> None:
    """Binary and three-way macro-F1 of text-reuse verdicts on METER.

    \b
    Example:
        provenance eval reuse --meter ../shared/corpora/meter-courts
    """
    from provenance.evaluation.meter import evaluate_reuse

    _print_evaluation(_evaluate(evaluate_reuse, folder), as_json)


@eval_group.command("lineage")
@click.option("--meter", "folder", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path), help="The METER courts folder (PA/, newspapers/, file_index/).")
@click.option("--dating", type=click.Choice(["both", "same-day", "next-day"]), default="both", show_default=True, help="Date the papers on their PA story's day, the next day, or score both.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def eval_lineage_command(folder: Path, dating: str, as_json: bool) -> None:
    """Quotes found and quote lineage on METER: do the quotes of papers that copied PA trace to PA?

    \b
    Example:
        provenance eval lineage --meter ../shared/corpora/meter-courts
    """
    from provenance.evaluation.meter_lineage import DATINGS, evaluate_lineage

    datings = DATINGS if dating == "both" else (dating,)
    _print_evaluation(_evaluate(evaluate_lineage, folder, datings=datings), as_json)


@cli.group("export")
def export_group() -> None:
    """Export lineage in standard formats.

    \b
    Example:
        provenance export prov --db news.db --quote 3 -o quote-3.prov.json
    """


@export_group.command("prov")
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False), help="Database file.")
@click.option("--quote", "quote_id", required=True, type=click.IntRange(1, 2**63 - 1), help="Quote cluster id (quotes.id).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file instead of stdout.")
def export_prov_command(db_path: str, quote_id: int, output: Path | None) -> None:
    """Export one quote's lineage as W3C PROV-JSON.

    \b
    Example:
        provenance export prov --db news.db --quote 3 -o quote-3.prov.json
    """
    from provenance.prov_export import export_quote_prov
    from provenance.retired import find_retired_quote

    database = _open_db(db_path, must_exist=True)
    if database["quotes"].count_where("id = ?", [quote_id]) == 0:
        retired = find_retired_quote(database, quote_id)
        raise click.ClickException(retired.describe() if retired else f"no quote with id {quote_id}")
    document = json.dumps(export_quote_prov(database, quote_id), indent=2, sort_keys=True)
    if output:
        try:
            output.write_text(document + "\n", encoding="utf-8")
        except OSError as error:
            raise click.ClickException(f"cannot write {output}: {error.strerror or error}") from None
        click.echo(f"wrote {output}")
    else:
        click.echo(document)


class _BadInput(click.ClickException):
    """A one-line error with exit status 2, for a command whose status 1 says something else (compare: they differ)."""

    exit_code = 2


@cli.command("compare")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--tables", metavar="A,B", help=f"Only these tables, comma-separated: {', '.join(TABLE_NAMES)}.")
@click.option("--show", "shown", type=click.IntRange(0), default=DEFAULT_SHOWN, show_default=True,
              help="Example rows shown for each side of each table.")
@click.option("--json", "as_json", is_flag=True, help="Print the comparison as one JSON document.")
def compare_command(old: Path, new: Path, tables: str | None, shown: int, as_json: bool) -> None:
    """Compare two databases row for row by URL, offsets, outlet keys and wordings, ignoring ids and times.

    For each table: the rows in each, those only in OLD and only in NEW (a row whose URL and
    offset are on both sides with other values counts once in each, as changed), and a few of
    them. Both files are read only, in one snapshot each, without the writers' lock: a crawl may
    write meanwhile. A database of an older tracker is compared on the tables and columns both
    have. Exit status: 0 when identical, 1 when they differ, 2 for a file that is missing, not a
    provenance database or made by a newer tracker.

    \b
    Example:
        provenance compare before.db after.db
        provenance compare news-monday.db news.db --tables printings,lineage --show 10
    """
    from provenance.compare import CompareError, compare_databases

    names = None if tables is None else [name.strip() for name in tables.split(",") if name.strip()]
    try:
        comparison = compare_databases(old, new, tables=names, shown=shown)
    except CompareError as error:
        raise _BadInput(str(error)) from None
    except sqlite3.Error as error:  # a file damaged past its first pages
        raise _BadInput(f"database error: {error}") from None
    if as_json:
        click.echo(json.dumps(comparison.to_dict(), indent=2, sort_keys=True))
    else:
        click.echo(comparison.format())
    if not comparison.identical:
        click.get_current_context().exit(1)


def _add_commands_defined_elsewhere() -> None:
    """The crawl, track and dask commands live beside their library modules."""
    from provenance.cli_crawl import crawl_command, track_command
    from provenance.cli_dask import dask_group

    cli.add_command(crawl_command)
    cli.add_command(track_command)
    cli.add_command(dask_group)


_add_commands_defined_elsewhere()


def main() -> None:
    """Entry point for `python -m provenance`."""
    cli(prog_name="provenance")


if __name__ == "__main__":
    main()
