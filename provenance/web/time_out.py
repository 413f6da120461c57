"""A query that ran out of time: a 400 that says so and what to do, not Datasette's note on its settings.

Datasette 0.65 answers a query stopped by its time limit with "SQL query took too long. The time limit
is controlled by the sql_time_limit_ms configuration option.": a setting a researcher at the page
cannot change, blamed even when the address's own `_timelimit=1` was the limit (and, as JSON, with
the page's script in the message). Our `handle_exception` hook answers instead with the limit that
stopped it, where it came from, and the ways to ask for less: a link without a `_timelimit` shorter
than the server's, filters, a smaller page, the canned queries, or `provenance serve --sql-time-limit`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode

from datasette.utils.asgi import Request, Response
from datasette.views.base import DatasetteError
from markupsafe import Markup

if TYPE_CHECKING:
    from datasette.app import Datasette

LOGGER = logging.getLogger(__name__)

# The title Datasette gives the DatasetteError it raises for a QueryInterrupted (views/base.py).
INTERRUPTED_TITLE = "SQL Interrupted"
TITLE = "The query ran out of time"


@dataclass
class TimeOut:
    """A page whose query the time limit stopped: the limit, and whether the address's `_timelimit` set it."""

    limit_ms: int
    server_limit_ms: int
    from_address: bool  # the address's _timelimit, shorter than the server's limit, stopped it
    is_sql: bool  # a query typed in (?sql=), not a table, view or canned query
    sql: str = ""  # the query that was stopped


def find_time_out(datasette: Datasette, request: Request, exception: BaseException) -> TimeOut | None:
    """The time-out that made a Datasette page fail, or None when it failed otherwise."""
    if not (isinstance(exception, DatasetteError) and exception.title == INTERRUPTED_TITLE):
        return None
    server_limit = int(datasette.setting("sql_time_limit_ms"))
    asked = _asked_limit(request)
    from_address = asked is not None and 0 < asked < server_limit
    interrupted = exception.__context__  # Datasette raises its error while handling the QueryInterrupted
    return TimeOut(limit_ms=asked if from_address else server_limit, server_limit_ms=server_limit,
                   from_address=from_address, is_sql="sql" in request.args, sql=str(getattr(interrupted, "sql", "") or ""))


def _asked_limit(request: Request) -> int | None:
    """The address's `_timelimit` in milliseconds (the last one, as Datasette reads it), or None."""
    value = request.args.get("_timelimit")
    try:
        return int(value) if value else None
    except ValueError:
        return None


def link_without_time_limit(request: Request) -> str:
    """This page's URL without `_timelimit`."""
    kept = [(name, value) for name, value in parse_qsl(request.query_string, keep_blank_values=True)
            if name != "_timelimit"]
    return request.path + (f"?{urlencode(kept)}" if kept else "")


def advice(time_out: TimeOut) -> list[str]:
    """What to do, one sentence each, as text."""
    if time_out.from_address:
        return [f"Open the same page without _timelimit: the server gives a query up to {time_out.server_limit_ms} ms."]
    narrower = ("Ask for less: add a WHERE on an indexed column or a LIMIT, or start from a canned query"
                if time_out.is_sql else
                "Ask for less: filter the rows (a facet, a column=value filter, a search), show fewer rows "
                "(_size=20) or no _facet, or start from a canned query")
    return [
        f"{narrower}.",
        "Whoever serves this database can give queries longer: provenance serve --sql-time-limit MS "
        "(Datasette's sql_time_limit_ms setting).",
    ]


def describe_time_out(request: Request, time_out: TimeOut) -> Markup:
    """The error page's message: the limit that stopped the query, where it came from, what to do."""
    if time_out.from_address:
        html = Markup("<p>The query behind this page ran out of time: <code>_timelimit={}</code> in its address "
                      "stopped it after {} ms.</p>").format(time_out.limit_ms, time_out.limit_ms)
        html += Markup('<p><a href="{}">The same page without it</a> (the server gives a query up to {} ms).</p>').format(
            link_without_time_limit(request), time_out.server_limit_ms)
    else:
        html = Markup("<p>The query behind this page ran out of time: this server stops a query after {} ms.</p>").format(
            time_out.limit_ms)
        html += Markup("<ul>{}</ul>").format(
            Markup("").join(Markup("<li>{}</li>").format(line) for line in advice(time_out)))
    if time_out.sql:
        html += Markup("<details><summary>The query that was stopped</summary><pre>{}</pre></details>").format(time_out.sql)
    return html


def describe_time_out_plainly(time_out: TimeOut) -> str:
    """The same message as text, for a `.json` URL."""
    if time_out.from_address:
        head = f"The query ran out of time: _timelimit={time_out.limit_ms} in the address stopped it after {time_out.limit_ms} ms."
    else:
        head = f"The query ran out of time: this server stops a query after {time_out.limit_ms} ms."
    return " ".join([head, *advice(time_out)])


async def time_out_response(datasette: Datasette, request: Request, time_out: TimeOut) -> Response:
    """The 400 for a query that ran out of time: Datasette's error page saying so, or its JSON for a `.json` URL."""
    LOGGER.info("query ran out of time on %s after %d ms", request.path, time_out.limit_ms)
    if request.path.endswith(".json"):
        return Response.json({"ok": False, "error": describe_time_out_plainly(time_out), "status": 400, "title": TITLE},
                             status=400)
    from datasette.handle_exception import handle_exception as datasette_handle_exception

    error = DatasetteError(describe_time_out(request, time_out), title=TITLE, status=400, message_is_html=True)
    return await datasette_handle_exception(datasette, request, error)()
