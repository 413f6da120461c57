"""The `crawl` and `track` commands: parse, call provenance.crawl / provenance.track, print."""

from __future__ import annotations

import logging
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path

import click

from provenance.counts import counted
from db.errors import describe_database_error
from provenance.crawl import (
    ConfigError,
    CrawlConfig,
    CrawlInterrupted,
    CrawlLocked,
    CrawlReport,
    load_crawl_config,
    run_crawl,
)
from provenance.cli_options import registry_option
from provenance.signals import sigterm_as_interrupt
from provenance import stamped_output

LOGGER = logging.getLogger(__name__)


class _CrawlProgress:
    """A rewritten status line on stderr while a run goes, only on a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.last = 0.0

    def __call__(self, report: CrawlReport) -> None:
        if not self.enabled or time.monotonic() - self.last < 0.2:
            return
        self.last = time.monotonic()
        click.echo(
            f"\r{report.fetched} fetched: {report.new} new, {report.changed} changed, "
            f"{report.unchanged} unchanged, {counted(report.errors, 'error')}, {counted(report.searches, 'search')} ",
            err=True, nl=False,
        )

    def close(self) -> None:
        if self.enabled and self.last:
            click.echo("", err=True)


def _run(function, *args, progress: _CrawlProgress, echo: Callable[..., None] = click.echo, **kwargs):
    """Call a crawl entry point, turning its known failures into one-line errors.

    SIGTERM (systemd stop, kill) ends a run like Ctrl-C: the run record says interrupted, the
    run's summary says by what and what it saved, and the exit status is 130.
    """
    try:
        with sigterm_as_interrupt():
            return function(*args, progress=progress, **kwargs)
    except (CrawlLocked, ConfigError) as error:  # another run, or a WARC folder that cannot be made: before any run row
        raise click.ClickException(str(error)) from None
    except KeyboardInterrupt as interruption:
        progress.close()
        if isinstance(interruption, CrawlInterrupted):
            echo(f"{interruption.command} run {interruption.report.run_id}: {interruption.report.summary()}")
        echo("interrupted: the next run continues where this one stopped", err=True)
        sys.exit(130)
    except sqlite3.Error as error:  # read-only, disk full, locked past the wait, damaged: the run record says failed
        LOGGER.debug("run failed", exc_info=True)
        raise click.ClickException(describe_database_error(args[0] if args else None, error)) from None
    except Exception as error:  # the run record says failed; the user gets one line (-vv: traceback)
        LOGGER.debug("run failed", exc_info=True)
        raise click.ClickException(f"run failed: {type(error).__name__}: {error}") from None
    finally:
        progress.close()


@click.command("crawl", cls=stamped_output.StampedCommand)
@click.option("--config", "config_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Crawl config (YAML or TOML): stories, limits, politeness. See crawl.example.yml.")
@click.option("--db", "db_path", required=True, type=click.Path(path_type=Path), help="Database file (created if missing).")
@click.option("--max-pages", type=click.IntRange(0), default=None, help="Fetch at most this many pages in this run.")
@click.option("--progress/--no-progress", default=True, help="Show a status line on a terminal.")
def crawl_command(config_path: Path, db_path: Path, max_pages: int | None, progress: bool) -> None:
    """Run the scheduled crawl: fetch what is new or changed for each story in the config.

    A run is incremental and resumable; a second run on the same database while one is
    going is refused. Exit status: 0 when the run ended (pages that fail are recorded in
    the `errors` and `fetches` tables), 1 when it failed, when no server answered any of its
    requests (the network down), when another run holds the lock, the config is wrong or the
    database cannot be opened or written (a full disk, read-only), 2 for a command line that
    cannot be read (a misspelt option), 130 when interrupted (Ctrl-C, SIGTERM; the summary says
    so and what was saved). Every line it prints (summary,
    warnings, errors, a usage error such as a missing --config) begins with its time in UTC, for a log file.

    \b
    Example:
        provenance crawl --config crawl.yml --db news.db
    """
    with stamped_output.stamped_lines():
        try:
            config: CrawlConfig = load_crawl_config(config_path)
        except ConfigError as error:
            raise click.ClickException(str(error)) from None
        if max_pages is not None:
            config.max_pages = max_pages
        from provenance.cli import _check_db

        _check_db(db_path)
        report = _run(run_crawl, db_path, config, progress=_CrawlProgress(progress), echo=stamped_output.echo)
        stamped_output.echo(f"crawl run {report.run_id}: {report.summary()}")
        if report.nothing_answered:  # a scheduled job's alarm: no page could be asked for at all
            raise click.ClickException(
                f"no server answered any of the run's {counted(report.fetched, 'request')} (the first: {report.first_unanswered}); "
                "see the errors table"
            )


@click.command("track")
@click.argument("target")
@click.option("--db", "db_path", required=True, type=click.Path(path_type=Path), help="Database file (created if missing).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Take politeness, user agent, search and registry settings from a crawl config (its stories may be left out).")
@registry_option
@click.option("--depth", type=click.IntRange(0, 5), default=2, show_default=True, help="Cited-link hops to follow.")
@click.option("--max-pages", type=click.IntRange(1), default=60, show_default=True, help="Pages to fetch at most.")
@click.option("--max-minutes", type=click.FloatRange(0.1), default=5.0, show_default=True, help="Time limit.")
@click.option("--timespan", default="3m", show_default=True, help="How far back the quote search looks (24h, 7d, 3m).")
@click.option("--search/--no-search", default=True, help="Search the quotes through the news search source.")
@click.option("--progress/--no-progress", default=True, help="Show a status line on a terminal.")
def track_command(target: str, db_path: Path, config_path: Path | None, registries: tuple[Path, ...], depth: int,
                  max_pages: int, max_minutes: float, timespan: str, search: bool, progress: bool) -> None:
    """Track one story from an article URL or a quote, and print where each quote came from.

    From a URL: fetch the article, follow the sources it links to, search its quotes, fetch
    the hits, analyse everything. From a quote (in quotes on the shell): start with the search.

    \b
    Example:
        provenance track https://news.example/2026/05/story.html --db news.db
        provenance track "We will not open the spillway until the engineers say so" --db news.db
    """
    from provenance.crawl import FetchConfig, SearchConfig
    from provenance.track import TrackLimits, format_track_report, is_url, track, unfit_address
    from scrapers.search import TIMESPAN_RE, search_phrase

    if not TIMESPAN_RE.match(timespan):
        raise click.ClickException(f"bad --timespan {timespan!r} (use e.g. 24h, 7d, 2w, 3m)")
    if (unfit := unfit_address(target)) is not None:
        raise click.ClickException(unfit)
    if not is_url(target):
        if search_phrase(target) is None:
            raise click.ClickException("the quote is too short to search for: give at least five words")
        if not search:
            raise click.ClickException("tracking a quote needs the search (drop --no-search or give a URL)")

    fetch, search_config, registry = FetchConfig(), SearchConfig(), []
    if config_path is not None:
        try:
            config = load_crawl_config(config_path, settings_only=True)
        except ConfigError as error:
            raise click.ClickException(str(error)) from None
        fetch, search_config, registry = config.fetch, config.search, config.registry
        if not is_url(target) and search_config.source == "none":
            raise click.ClickException(
                f"tracking a quote needs the search ({config_path} has search source none; use another config or give a URL)"
            )
    if not search:
        search_config.source = "none"
    registry = [*registry, *registries]
    limits = TrackLimits(max_depth=depth, max_pages=max_pages, max_minutes=max_minutes, timespan=timespan)
    from provenance.cli import _check_db

    _check_db(db_path)
    report = _run(track, db_path, target, limits=limits, fetch=fetch, search_config=search_config,
                  registry=registry, progress=_CrawlProgress(progress))
    if is_url(target) and report.seed_article_id is None:
        why = report.seed_error or "no article found"
        raise click.ClickException(f"could not read an article at {target.strip()}: {why} (see the errors table)")
    failed = [search["error"] for search in report.searches if search["error"]]
    if not is_url(target) and not report.findings and failed and len(failed) == len(report.searches):
        raise click.ClickException(f"could not search for the quote: {failed[0]} (see the errors table)")
    click.echo(format_track_report(report))
