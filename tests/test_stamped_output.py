"""Every line a scheduled crawl writes begins with its UTC time (ISO 8601), for `>> crawl.log`."""

from __future__ import annotations

import logging
import re
import sys
import warnings

import click
import pytest

from provenance.stamped_output import StampedClickException, echo, stamp, stamped_lines

STAMP = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"


def test_stamp_prefixes_every_line():
    assert stamp("one\ntwo", "2026-05-04T08:00:00Z") == "2026-05-04T08:00:00Z one\n2026-05-04T08:00:00Z two"
    assert re.fullmatch(f"{STAMP} crawl run 1: done", stamp("crawl run 1: done"))


def test_stamped_lines_stamp_log_records_tracebacks_warnings_and_errors(capsys):
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    log = logging.getLogger("provenance.crawl")
    try:
        with pytest.raises(StampedClickException):
            with stamped_lines():
                log.warning("robots.txt of %s unavailable", "mill.example")
                try:
                    raise ValueError("a bad page")
                except ValueError:
                    log.warning("analysis failed", exc_info=True)
                warnings.warn("a library's warning", UserWarning)
                echo("crawl run 3: 1 new\nsecond line")
                raise click.ClickException("run failed: OperationalError: disk I/O error")
        log.warning("after the block")
    finally:
        root.removeHandler(handler)
    captured = capsys.readouterr()
    err = captured.err.splitlines()
    assert re.fullmatch(f"{STAMP} WARNING provenance.crawl: robots.txt of mill.example unavailable", err[0])
    assert err[1].endswith("WARNING provenance.crawl: analysis failed")
    traceback_lines = err[2:err.index(next(line for line in err if "py.warnings" in line))]
    assert traceback_lines and all(re.match(STAMP, line) for line in traceback_lines)
    assert any(line.endswith("ValueError: a bad page") for line in traceback_lines)
    assert err[-1] == "WARNING provenance.crawl: after the block"  # the formatter put back
    assert all(re.match(STAMP, line) for line in err[:-1])
    assert [re.sub(f"^{STAMP} ", "", line) for line in captured.out.splitlines()] == ["crawl run 3: 1 new", "second line"]


def test_a_stamped_error_keeps_its_exit_code_and_one_line(capsys):
    error = StampedClickException("another crawl is running on news.db")
    error.show()
    assert error.exit_code == 1
    assert re.fullmatch(f"{STAMP} Error: another crawl is running on news.db\n", capsys.readouterr().err)


WORKER_SCRIPT = """
import logging
from provenance.stamped_output import stamped_lines
from provenance.workers import process_pool

logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
logging.getLogger("trafilatura").setLevel(logging.ERROR)
with stamped_lines():
    with process_pool(1) as pool:
        pool.submit(logging.getLogger("provenance.pipeline").warning, "a page analysed in a worker").result()
        pool.submit(logging.getLogger("trafilatura").warning, "quietened as in the crawl").result()
"""


def test_a_worker_logs_as_the_crawl_does_with_the_time():
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-c", WORKER_SCRIPT], cwd=root, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(f"{STAMP} WARNING provenance.pipeline: a page analysed in a worker\n", result.stderr)


@pytest.mark.parametrize(
    "args, error",
    [
        (["--db", "news.db"], "Error: Missing option '--config'."),
        (["--config", "c.yml", "--db", "news.db", "--max-pages", "x"],
         "Error: Invalid value for '--max-pages': 'x' is not a valid integer range."),
        (["--config", "c.yml", "--db", "news.db", "--bogus"], "Error: No such option '--bogus'."),
    ],
)
def test_a_crawls_usage_error_is_stamped_like_its_other_lines(args, error):
    from click.testing import CliRunner

    from provenance.cli import cli

    result = CliRunner().invoke(cli, ["crawl", *args], prog_name="provenance")
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert all(re.match(STAMP, line) for line in lines), result.output
    unstamped = [re.sub(f"^{STAMP} ?", "", line) for line in lines]
    assert unstamped[0] == "Usage: provenance crawl [OPTIONS]" and unstamped[-1] == error
