"""Bad query-string input on Datasette's pages: a 400 that names what was wrong and links back, not a 500.

Datasette 0.65 answers some mistakes in a URL with its 500 page: a `_sort` or `_sort_desc`
column the table lacks, both at once, a `_timelimit` that is no number, a `_through` or
`?column__in=[` that is no JSON, a `_next` on a view that is no row offset; others with a terse 400
(`_col=x - invalid columns`); a `_search` on a table or view without full-text search it ignores,
showing every row as if each matched; and an empty `_search` (the table form's empty search box) or one with
no word it calls "Invalid SQL". Our `handle_exception` hook finds the parameter to blame (only
when one is), and `wrap_search` the search before Datasette runs, and answers 400, through Datasette's
own error page (our error.html) or its JSON for a `.json` URL.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, unquote_plus, urlencode

from datasette.filters import Filters
from datasette.utils import detect_fts, tilde_decode
from datasette.utils.asgi import Request, Response
from datasette.views.base import DatasetteError
from markupsafe import Markup

from provenance.web.facets import NOT_FACETS, table_of_path
from provenance.web.search_words import has_only_unwanted

if TYPE_CHECKING:
    from datasette.app import Datasette
    from datasette.database import Database

    from provenance.web.security import ASGIApp

LOGGER = logging.getLogger(__name__)

SORT_ERROR_RE = re.compile(r"^Cannot sort table by (?P<column>.*)$", re.DOTALL)
BOTH_SORTS_ERROR = "Cannot use _sort and _sort_desc at the same time"
THROUGH_ERROR = "Invalid _through"
MALFORMED_JSON = "malformed JSON"  # SQLite's words for an array facet on a column of texts that are no JSON
# Datasette's 400 for a facet on a column the table lacks (an array facet names it inner.column).
NO_SUCH_COLUMN_RE = re.compile(r"^no such column: (?:inner\.)?(?P<column>.*)$", re.DOTALL)
# Datasette's 400 for a `_col` the table lacks, or a `_nocol` it lacks or that is its primary key.
INVALID_COLUMNS_RE = re.compile(r"^(?P<parameter>_col|_nocol)=.* - invalid columns$", re.DOTALL)
# What Datasette raises when it cannot read a parameter's value (int(), json.loads(), a missing key).
# RecursionError: Datasette's json.loads of a _through or an __in list nested thousands deep
READING_ERRORS = (ValueError, KeyError, TypeError, OverflowError, RecursionError, sqlite3.IntegrityError,
                  sqlite3.ProgrammingError)  # a NUL in a facet's column name: "the query contains a null character"
MAX_SQLITE_INTEGER = 2**63 - 1
SHOWN_VALUE_CHARS = 200
WORD_RE = re.compile(r"[^\W_]")  # what full-text search can match: a letter or a digit, in any script
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")


@dataclass
class BadInput:
    """The query-string parameter to blame for a failed page, and what the link back leaves out."""

    parameter: str
    value: str
    problem: str
    dropped: tuple[str, ...]
    columns: tuple[str, ...] = ()
    only_value: bool = False  # the link back drops only this parameter's bad values, not its other values
    columns_label: str = "Sort by one of its columns"
    other_values: tuple[str, ...] = ()  # more bad values of the same parameter, dropped with `value`

    def shown_value(self) -> str:
        """The bad value as the message shows it: cut at SHOWN_VALUE_CHARS."""
        return self.value if len(self.value) <= SHOWN_VALUE_CHARS else self.value[:SHOWN_VALUE_CHARS] + "…"


def _is_int(value: str, *, low: int = -MAX_SQLITE_INTEGER - 1) -> bool:
    try:
        number = int(value.strip())
    except ValueError:
        return False
    return low <= number <= MAX_SQLITE_INTEGER


def _is_json(value: str, kind: type, keys: tuple[str, ...] = ()) -> bool:
    try:
        data = json.loads(value)
    except (ValueError, RecursionError):  # RecursionError: brackets nested thousands deep, once a 500
        return False
    return isinstance(data, kind) and all(key in data for key in keys)


def blame_parameter(args: list[tuple[str, str]], *, is_view: bool) -> BadInput | None:
    """The first parameter whose value Datasette cannot read, or None."""
    for name, value in args:
        if name == "_timelimit" and not _is_int(value, low=0):
            return BadInput(name, value, "_timelimit is a time limit in milliseconds: a whole number", (name,))
        if name == "_through" and not _is_json(value, dict, ("table", "column", "value")):
            return BadInput(name, value, '_through is JSON naming a table, a column and a value, as in '
                            '{"table": "credits", "column": "outlet_id", "value": "3"}', (name, "_next"))
        if name.endswith("__in") and value.startswith("[") and not _is_json(value, list):
            return BadInput(name, value, f"{name} takes values separated by commas, or a JSON list", (name, "_next"))
        if name.startswith("_facet") and CONTROL_RE.search(value):
            return BadInput(name, _shown(value), "a column name holds no control character", (name,))
        if name.startswith("_facet") and value.startswith("{") and not _is_json(value, dict):
            return BadInput(name, value, f"{name} takes a column name, or a JSON object", (name,))
        if name == "_next" and is_view and not _is_int(value, low=0):
            return BadInput(name, value, "_next on a view is the number of rows to skip: a whole number", (name,))
    return None


async def find_bad_input(datasette: Datasette, request: Request, exception: BaseException) -> BadInput | None:
    """The query-string parameter that made a Datasette page fail, when one did."""
    if not request.query_string:
        return None
    names = _database_and_table(datasette, request)
    args = parse_qsl(request.query_string, keep_blank_values=True)
    if isinstance(exception, DatasetteError) and exception.status == 400 and names is not None:
        match = INVALID_COLUMNS_RE.match(_message(exception))
        if match:
            return await _bad_columns(datasette, request, match["parameter"], *names)
    if isinstance(exception, DatasetteError) and exception.status == 400 and names is not None:
        array_facets = [value for name, value in args if name == "_facet_array"]
        if _message(exception) == MALFORMED_JSON and array_facets:  # SQLite's json_each on a text that is no JSON
            return BadInput("_facet_array", array_facets[0], f"{names[1]}.{array_facets[0]} holds no JSON lists to "
                            "facet by (an array facet counts the items of JSON lists)", ("_facet_array",),
                            await _table_columns(datasette, *names), only_value=True,
                            columns_label="Facet by one of its columns with _facet")
    if isinstance(exception, DatasetteError) and exception.status == 400:
        # Datasette's own 400 for a facet on a column the table lacks reads "Invalid SQL: no such column"
        match = NO_SUCH_COLUMN_RE.match(_message(exception))
        facet = next((name for name, value in args if name.startswith("_facet") and match and value == match["column"]),
                     None)
        if facet is None or names is None:
            return None
        column = match["column"]
        columns = await _table_columns(datasette, *names)
        return BadInput(facet, column, f"{names[1]} has no column {column} to facet by", (facet,), columns,
                        only_value=True, columns_label="Facet by one of its columns")
    if isinstance(exception, DatasetteError) and exception.status != 500:
        return None
    if isinstance(exception, DatasetteError):
        message = _message(exception)
        if message == BOTH_SORTS_ERROR:
            value = request.args.get("_sort_desc", "")
            return BadInput("_sort_desc", value, "a page sorts by one column: give _sort or _sort_desc, not both",
                            ("_sort_desc", "_next"))
        if message.startswith(THROUGH_ERROR):
            value = request.args.get("_through", "")
            table = names[1] if names else "this table"
            return BadInput("_through", value, f"no foreign key joins {table} to the table and column it names",
                            ("_through", "_next"))
        match = SORT_ERROR_RE.match(message)
        if match is None or names is None:
            return None
        column = match["column"]
        parameter = next((name for name in ("_sort", "_sort_desc") if request.args.get(name) == column), None)
        if parameter is None:
            return None  # a sort that metadata.yml names: the configuration is wrong, not the URL
        database, table = names
        return BadInput(parameter, column, f"{table} has no column {column} to sort by",
                        ("_sort", "_sort_desc", "_next"), await _sortable_columns(datasette, database, table))
    if not isinstance(exception, READING_ERRORS):
        return None
    is_view = False
    if names is not None:
        database, table = names
        is_view = table in await datasette.get_database(database).view_names()
    return blame_parameter(args, is_view=is_view)


async def _bad_columns(datasette: Datasette, request: Request, parameter: str, database: str,
                       table: str) -> BadInput | None:
    """The `_col` or `_nocol` values a table cannot show or hide, and the columns it can."""
    columns = await _table_columns(datasette, database, table)
    keys = await _primary_keys(datasette, database, table)
    choices = columns if parameter == "_col" else tuple(column for column in columns if column not in keys)
    bad = [value for value in request.args.getlist(parameter) if value not in choices]
    if not bad:
        return None
    if bad[0] in keys:
        problem = f"{bad[0]} is the primary key of {table}, which every row shows"
    else:
        problem = f"{table} has no column {bad[0]} to {'show' if parameter == '_col' else 'hide'}"
    if len(bad) > 1:
        problem += f" (nor {', '.join(bad[1:])})"
    label = "Show any of its columns" if parameter == "_col" else "Hide any of its other columns"
    return BadInput(parameter, bad[0], problem, (parameter,), choices, only_value=True, columns_label=label,
                    other_values=tuple(bad[1:]))


async def _primary_keys(datasette: Datasette, database: str, table: str) -> tuple[str, ...]:
    try:
        return tuple(await datasette.get_database(database).primary_keys(table))
    except sqlite3.Error:
        return ()


def _message(exception: DatasetteError) -> str:
    """A DatasetteError's message as text ("" when it is markup or no string)."""
    return exception.message if isinstance(exception.message, str) else ""


def _database_and_table(datasette: Datasette, request: Request) -> tuple[str, str] | None:
    """The database name and table (or view, or canned query) of a Datasette table page's URL."""
    route, table = request.url_vars.get("database"), request.url_vars.get("table")
    if not route or not table:
        return None
    try:
        database = datasette.get_database(route=tilde_decode(route))
    except KeyError:
        return None
    return database.name, tilde_decode(table)


async def _sortable_columns(datasette: Datasette, database: str, table: str) -> tuple[str, ...]:
    """The columns a table page can sort by, as Datasette decides (metadata's sortable_columns, else all)."""
    configured = datasette.table_metadata(database, table).get("sortable_columns")
    if configured:
        return tuple(configured)
    return await _table_columns(datasette, database, table)


async def _table_columns(datasette: Datasette, database: str, table: str) -> tuple[str, ...]:
    try:
        return tuple(await datasette.get_database(database).table_columns(table))
    except sqlite3.Error:
        return ()


def link_back(request: Request, bad: BadInput) -> str:
    """This page's URL without the parameters to blame (or only without the bad value)."""

    def blamed(name: str, value: str) -> bool:
        return name in bad.dropped and (not bad.only_value or value in (bad.value, *bad.other_values))

    kept = [(name, value) for name, value in parse_qsl(request.query_string, keep_blank_values=True)
            if not blamed(name, value)]
    return request.path + (f"?{urlencode(kept)}" if kept else "")


def describe_bad_input(request: Request, bad: BadInput) -> Markup:
    """The error page's message: what was wrong, the columns to choose from, the link back."""
    value = bad.shown_value()
    html = Markup("<p>This page cannot use <code>{}={}</code>: {}.</p>").format(bad.parameter, value, bad.problem)
    if bad.columns:
        html += Markup("<p>{}: {}.</p>").format(
            bad.columns_label, Markup(", ").join(Markup("<code>{}</code>").format(column) for column in bad.columns)
        )
    html += Markup('<p><a href="{}">The same page without it</a></p>').format(link_back(request, bad))
    return html


def describe_bad_input_plainly(bad: BadInput) -> str:
    """The same message as text, for a `.json` URL."""
    value = bad.shown_value()
    text = f"This page cannot use {bad.parameter}={value}: {bad.problem}."
    if bad.columns:
        text += f" {bad.columns_label}: {', '.join(bad.columns)}."
    return text


def bad_input_error(request: Request, bad: BadInput) -> DatasetteError:
    """A 400 DatasetteError for Datasette's own error page (or JSON) to show."""
    return DatasetteError(
        describe_bad_input(request, bad), title=f"Bad request: {bad.parameter}", status=400, message_is_html=True
    )


async def bad_input_response(datasette: Datasette, request: Request, bad: BadInput) -> Response:
    """The 400 for `bad`: Datasette's error page naming it, or its JSON for a `.json` URL."""
    LOGGER.info("bad request %s: %s=%r", request.path, bad.parameter, bad.value)
    if request.path.endswith(".json"):
        return Response.json(
            {"ok": False, "error": describe_bad_input_plainly(bad), "status": 400,
             "title": f"Bad request: {bad.parameter}"},
            status=400,
        )
    from datasette.handle_exception import handle_exception as datasette_handle_exception

    return await datasette_handle_exception(datasette, request, bad_input_error(request, bad))()


async def find_unsearchable(datasette: Datasette, path: str, query_string: str) -> BadInput | None:
    """A `_search` on a table or view page that has no full-text search (Datasette ignores it), or None."""
    value = next((value for name, value in parse_qsl(query_string, keep_blank_values=True)
                  if name == "_search" and value.strip()), None)
    if value is None:
        return None
    found = table_of_path(datasette, path)
    if found is None:
        return None
    database, table = found
    if datasette.table_metadata(database.name, table).get("fts_table"):
        return None  # quotes, articles: searched as asked, with no query of ours
    if table not in {*await database.table_names(), *await database.view_names()}:
        return None  # Datasette's 404
    # the actor is not known yet out here: name columns only to whom anyone may see them, else Datasette answers
    if not await datasette.permission_allowed(None, "view-table", resource=(database.name, table), default=True):
        return None

    def searchable_tables(conn) -> tuple[bool, list[str], list[str]]:
        names = [row[0] for row in conn.execute(
            "select name from sqlite_master where type = 'table' and sql not like 'create virtual table%' "
            "order by name")]
        searchable = [name for name in names if detect_fts(conn, name)]
        text_columns = [row[1] for row in conn.execute("select * from pragma_table_info(?)", [table])
                        if (row[2] or "").upper() == "TEXT"]
        return table in searchable, searchable, text_columns

    has_search, searchable, text_columns = await database.execute_fn(searchable_tables)
    if has_search:
        return None
    elsewhere = f" (tables that have it: {', '.join(searchable)})" if searchable else ""
    return BadInput("_search", value, f"{table} has no full-text search{elsewhere}",
                    ("_search", "_searchmode", "_next"), tuple(text_columns),
                    columns_label="Filter one of its text columns instead (?COLUMN__contains=WORDS)")


def drop_blank_searches(query_string: bytes) -> bytes:
    """The query string without a `_search` that holds nothing (the table form's empty search box)."""
    kept = []
    for piece in query_string.split(b"&"):
        name, _, value = piece.partition(b"=")
        if unquote_plus(name.decode("latin-1")) == "_search" and not unquote_plus(value.decode("latin-1")).strip():
            continue
        kept.append(piece)
    return b"&".join(kept)


async def find_wordless_search(datasette: Datasette, path: str, query_string: str) -> BadInput | None:
    """A `_search` on a full-text searchable table that holds no word ("%", a lone quote mark), or None.

    SQLite's full-text search has nothing to match in it, and Datasette answered "Invalid SQL".
    """
    value = next((value for name, value in parse_qsl(query_string, keep_blank_values=True)
                  if name == "_search" and value.strip() and not WORD_RE.search(value)), None)
    if value is None:
        return None
    found = table_of_path(datasette, path)
    if found is None or not datasette.table_metadata(found[0].name, found[1]).get("fts_table"):
        return None
    return BadInput("_search", value, "it holds no word to search for (letters or digits)",
                    ("_search", "_searchmode", "_next"))


async def find_unwanted_only_search(datasette: Datasette, path: str, query_string: str) -> BadInput | None:
    """A `_search` on a full-text searchable table whose every word is left out (`-trump`), or None.

    FTS5 finds rows by what they hold, never by what they lack alone; Datasette read `-trump` as "trump".
    """
    args = parse_qsl(query_string, keep_blank_values=True)
    if any(name == "_searchmode" and value == "raw" for name, value in args):
        return None  # FTS5's own syntax, as typed
    value = next((value for name, value in args if name == "_search" and has_only_unwanted(value)), None)
    if value is None:
        return None
    found = table_of_path(datasette, path)
    if found is None or not datasette.table_metadata(found[0].name, found[1]).get("fts_table"):
        return None
    return BadInput("_search", value, "-word leaves out the rows that have the word, and there is no word to "
                    "find: give one as well (port -ferry finds port but not ferry)", ("_search", "_searchmode", "_next"))


def _shown(text: str) -> str:
    """A parameter's name or value with its control characters written as escapes (a NUL has no place in a page)."""
    return CONTROL_RE.sub(lambda match: "\\x%02x" % ord(match[0]), text)


async def find_unusable_filter(datasette: Datasette, path: str, query_string: str) -> BadInput | None:
    """A filter (`?column=`, `?column__op=`) on a column the table or view lacks, or with no such operator; or None.

    Datasette answered as if the filter were good: SQLite takes an unknown "speakr" for a string, so
    `?speakr=Quill` ("where speakr = Quill") matched no row and `?speakr__gt=1` every row, and
    `?text__contains=ferry` misspelt (`__contians`) was left out, showing every row unfiltered.
    """
    filters = [(name, value) for name, value in parse_qsl(query_string, keep_blank_values=True)
               if not (name.startswith("_") and "__" not in name)]  # Datasette's own test for a filter
    if not filters:
        return None
    found = await _shown_table(datasette, path)
    if found is None:
        return None  # a canned query's parameters, or Datasette's 404
    database, table = found
    columns = await _table_columns(datasette, database.name, table)
    known = {*columns, *(() if table in await database.view_names() else ("rowid",))}
    for name, value in filters:
        column, lookup = name.rsplit("__", 1) if "__" in name else (name, "exact")
        if column not in known:
            return BadInput(_shown(name), _shown(value), f"{table} has no column {_shown(column)} to filter by",
                            (name, "_next"), columns, columns_label="Filter by one of its columns")
        if lookup not in Filters._filters_by_key:
            return BadInput(_shown(name), _shown(value), f"there is no filter __{_shown(lookup)}",
                            (name, "_next"), tuple(f"{column}__{key}" for key in Filters._filters_by_key),
                            columns_label="Filter with one of")
    return None


async def find_unusable_facet(datasette: Datasette, path: str, query_string: str) -> BadInput | None:
    """A `_facet`, `_facet_array` or `_facet_date` naming no column of the table, or that no column name can be; or None.

    Found before Datasette runs the page: Datasette makes the query of every facet before it runs the first,
    and one that failed left the others never run ("coroutine 'ArrayFacet.facet_results' was never awaited",
    a RuntimeWarning each in the server's log); the 400 is the one `find_bad_input` gave after it.
    """
    facets = [(name, value) for name, value in parse_qsl(query_string, keep_blank_values=True)
              if name.startswith("_facet") and name not in NOT_FACETS]
    if not facets:
        return None
    found = await _shown_table(datasette, path)
    if found is None:
        return None
    database, table = found
    bad = blame_parameter(facets, is_view=False)  # a control character, or a `{` that is no JSON object
    if bad is not None:
        return bad
    columns = await _table_columns(datasette, database.name, table)
    for name, value in facets:
        column = value
        if value.startswith("{"):  # Datasette's JSON form: {"simple": "speaker"}; without "simple" it failed, a 500
            config = json.loads(value)
            column = config.get("column") or config.get("simple")
            if not isinstance(config.get("simple"), str) or not isinstance(column, str):
                return BadInput(name, value, f'{name} takes a column name, or a JSON object naming it as in '
                                '{"simple": "speaker"}', (name,), columns, columns_label="Facet by one of its columns")
        if column not in columns:
            return BadInput(name, value, f"{table} has no column {column} to facet by", (name,), columns,
                            only_value=True, columns_label="Facet by one of its columns")
    return None


async def _shown_table(datasette: Datasette, path: str) -> tuple[Database, str] | None:
    """The database and table (or view) of a table page this server shows to anyone, else None."""
    found = table_of_path(datasette, path)
    if found is None:
        return None
    await datasette.invoke_startup()  # as Datasette's router does first: the metadata that says who may see what
    database, table = found
    if table not in {*await database.table_names(), *await database.view_names()}:
        return None  # a canned query, or Datasette's 404
    if not await datasette.permission_allowed(None, "view-table", resource=(database.name, table), default=True):
        return None
    return database, table


def wrap_search(app: ASGIApp, datasette: Datasette) -> ASGIApp:
    """An ASGI app answering a `_search` where there is no full-text search, or with no word, with a 400.

    An empty `_search` (what the table form sends with an empty search box beside a filter) is left out,
    so the page shows the rows unsearched rather than Datasette's "Invalid SQL".
    """

    async def wrapped(scope: dict, receive: Callable, send: Callable) -> None:
        query = scope.get("query_string") or b""
        if scope.get("type") == "http" and query:
            path = scope.get("path", "")
            bad = None
            if b"_search=" in query:
                query = drop_blank_searches(query)
                scope = dict(scope, query_string=query)
                await datasette.invoke_startup()  # as Datasette's router does first: our templates, the plugins' startup
                text = query.decode("latin-1")
                bad = (await find_unsearchable(datasette, path, text) or await find_wordless_search(datasette, path, text)
                       or await find_unwanted_only_search(datasette, path, text))
            bad = bad or await find_unusable_filter(datasette, path, query.decode("latin-1"))
            if bad is None and b"_facet" in query:
                bad = await find_unusable_facet(datasette, path, query.decode("latin-1"))
            if bad is not None:
                response = await bad_input_response(datasette, Request(scope, receive), bad)
                await response.asgi_send(send)
                return
        await app(scope, receive, send)

    return wrapped
