"""Every line a scheduled command writes begins with its UTC time, so `>> crawl.log` dates each one."""

from __future__ import annotations

import io
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

import click

from provenance.terminal import TerminalFormatter
from provenance.times import utc_now, utc_time

LOGGER = logging.getLogger(__name__)


def stamp(text: str, at: str | None = None) -> str:
    """`text` with every line prefixed by an ISO 8601 UTC time (`2026-05-04T08:00:00Z`)."""
    at = at or utc_now()
    return "\n".join(f"{at} {line}" for line in text.split("\n"))


def echo(message: str, *, err: bool = False) -> None:
    """click.echo of `message`, every line stamped."""
    click.echo(stamp(message), err=err)


class StampedFormatter(TerminalFormatter):
    """A log formatter that stamps every line of a record (a traceback's too) with the record's UTC time, escaped."""

    def format(self, record: logging.LogRecord) -> str:
        return stamp(super().format(record), utc_time(record.created))


class StampedClickException(click.ClickException):
    """A ClickException whose `Error: ...` line is stamped like the rest of the output."""

    def show(self, file: IO | None = None) -> None:
        click.echo(stamp(f"Error: {self.format_message()}"), file=file, err=file is None)


class StampedUsageError(click.UsageError):
    """Click's usage error (a missing option, a value it cannot read): its usage, hint and `Error:` lines stamped."""

    def show(self, file: IO | None = None) -> None:
        lines = io.StringIO()
        super().show(lines)
        click.echo(stamp(lines.getvalue().rstrip("\n")), file=file, err=file is None)


class StampedCommand(click.Command):
    """A command whose usage errors are stamped like the rest of its output, for a scheduled job's log."""

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra) -> click.Context:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.UsageError as error:
            if isinstance(error, StampedUsageError):
                raise
            raise StampedUsageError(error.format_message(), error.ctx) from None


def _writes_to_terminal_streams(handler: logging.Handler) -> bool:
    stream = getattr(handler, "stream", None)
    return type(handler) is logging.StreamHandler and stream in (sys.stderr, sys.__stderr__, sys.stdout, sys.__stdout__)


@contextmanager
def stamped_lines() -> Iterator[None]:
    """Inside the block, log records, Python warnings and a one-line error are stamped; put back after."""
    handlers = [handler for handler in logging.getLogger().handlers if _writes_to_terminal_streams(handler)]
    before = [handler.formatter for handler in handlers]
    for handler in handlers:
        handler.setFormatter(StampedFormatter(handler.formatter._fmt if handler.formatter else None))
    logging.captureWarnings(True)
    try:
        yield
    except click.ClickException as error:
        if isinstance(error, StampedClickException):
            raise
        raise StampedClickException(error.format_message()) from None
    finally:
        logging.captureWarnings(False)
        for handler, formatter in zip(handlers, before):
            handler.setFormatter(formatter)
