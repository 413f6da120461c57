"""A sorted table pages through every row once, from its first page on.

Datasette 0.65 orders a sorted table's first page by the sort column alone and every later page by
the column and then the primary key, and it starts each later page after the last row shown. Rows
sharing a value come out in the same order on both only when SQLite reads them in key order: from
an index read in its own direction, or from its sorter, which keeps the order it was fed rows in.
A sort that SQLite serves from an index read backwards (a descending sort on an ascending index)
gives rows sharing a value in reverse key order on the first page, and the next page repeats some
of them and skips others; so does a streamed CSV. On the PolNeAR copy `quotes?_sort_desc=origin_kind`
paged through gave 7,705 rows, 7,606 distinct quotes of 8,260, and `articles.csv?_stream=on&_size=1000`
repeated one article and lost another.

Here the first page of such a sort starts from a cursor placed before every row (the column's
largest value and a key below every key, or for an ascending sort the nulls' cursor), so Datasette
reads it as it reads each later page: by the column, then the key, after the cursor. The rows are
the same; those sharing a value come in key order. A sort no index holds the other way round is
left as it is, and so is the articles table's own order, newest first, which its index serves
forwards (migration 21). Datasette's own table route serves what this view cannot help. The page's
query, shown by "View and edit SQL" and in its JSON, is given without the starting cursor's condition.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from datasette.utils import tilde_decode, tilde_encode

if TYPE_CHECKING:
    from datasette.app import Datasette
    from datasette.database import Database
    from datasette.utils.asgi import Request, Response

# Datasette's table route, but for its own pages under /-/ and the in-memory database's redirect.
TABLE_ROUTE = r"^/(?!-/|:memory:)(?P<database>[^/.]+)/(?P<table>[^/.]+)(\.(?P<format>\w+))?$"
NULL_TOKEN = "$null"  # the sort value Datasette's cursor gives a row whose column is null


def can_start_cursor() -> bool:
    """Whether this Datasette's table view takes a starting cursor (`data(..., _next=...)`), as 0.65 does."""
    from datasette.views.table import TableView  # not at import: Datasette loads plugins while importing its views

    try:
        return "_next" in inspect.signature(TableView.data).parameters
    except (TypeError, ValueError):
        return False


def sort_of_request(request: Request, table_metadata: dict) -> tuple[str | None, bool]:
    """The column a table page is sorted on and whether in descending order (the address, else metadata.yml)."""
    if request.args.get("_sort"):
        return request.args.get("_sort"), False
    if request.args.get("_sort_desc"):
        return request.args.get("_sort_desc"), True
    if table_metadata.get("sort"):
        return table_metadata["sort"], False
    if table_metadata.get("sort_desc"):
        return table_metadata["sort_desc"], True
    return None, False


def index_directions(conn, table: str, column: str) -> set[bool]:
    """The directions (True: descending) in which the indexes of `table` hold `column` where it can order rows.

    Behind the table's primary key (idx_articles_id_outlet_time holds time_key after id) a column orders
    one row at most: such an index serves no sort on it.
    """
    primary_key = {row[0] for row in conn.execute("select name from pragma_table_info(?) where pk", [table])}
    directions = set()
    for index in [row[0] for row in conn.execute("select name from pragma_index_list(?)", [table])]:
        before: set[str] = set()
        for name, descending, key in conn.execute("select name, desc, key from pragma_index_xinfo(?)", [index]):
            if key and name == column and not (primary_key and primary_key <= before):
                directions.add(bool(descending))
            before.add(name)
    return directions


def first_page_cursor(conn, table: str, column: str, descending: bool) -> str | None:
    """A cursor before every row of `table` sorted on `column`, or None where none is needed or possible.

    Needed where an index holds the column in the other direction than the sort, so SQLite may read
    it backwards; not possible for a view or a table whose key is not one integer (or the rowid).
    """
    found = conn.execute("select type from sqlite_master where name = ?", [table]).fetchone()
    if found is None or found[0] != "table":
        return None
    if (not descending) not in index_directions(conn, table, column):
        return None
    info = [tuple(row) for row in conn.execute("select name, type, pk from pragma_table_info(?)", [table])]
    keys = [(name, kind) for name, kind, pk in info if pk]
    if not keys:
        key = "rowid"
    elif len(keys) == 1 and "INT" in (keys[0][1] or "").upper():
        key = keys[0][0]
    else:
        return None
    quoted_table, quoted_column, quoted_key = (f'"{name}"' for name in (table, column, key))
    lowest = conn.execute(f"select min({quoted_key}) from {quoted_table}").fetchone()[0]
    if not isinstance(lowest, int):
        return None  # no rows, or keys that are not integers after all
    below = str(lowest - 1)
    largest = conn.execute(f"select max({quoted_column}) from {quoted_table}").fetchone()[0] if descending else None
    if largest is None:
        # ascending, nulls come first: every non-null value, and the nulls after a key below every key
        # (descending with every value null: the nulls, in key order)
        return f"{NULL_TOKEN},{below}"
    return f"{tilde_encode(str(largest))},{below}"


@cache
def every_row_view() -> type:
    """Datasette's table view, whose sort served by an index read backwards starts from a cursor before every row."""
    from datasette.views.table import TableView

    class EveryRowTableView(TableView):
        async def data(self, request: Request, default_labels: bool = False, _next: str | None = None, _size=None):
            """The page's data; a first page such a sort orders read as Datasette reads its later pages."""
            started = None
            if _next is None and not request.args.get("_next"):
                _next = started = await starting_cursor(self.ds, request)
            result = await super().data(request, default_labels=default_labels, _next=_next, _size=_size)
            if started and isinstance(result, tuple) and result and isinstance(result[0], dict):
                data = result[0]
                column, descending = sort_of_request(request, self.ds.table_metadata(data["database"], data["table"]))
                if column is not None and isinstance(data.get("query"), dict):
                    data["query"] = without_cursor(data["query"], started, column, descending,
                                                   list(data.get("primary_keys") or []))
            return result

    return EveryRowTableView


def without_cursor(query: dict, cursor: str, column: str, descending: bool, keys: list[str]) -> dict:
    """The page's query ("View and edit SQL") without the starting cursor's condition, which holds every row.

    The condition is the one Datasette 0.65 adds for a `_next` on a sorted table, last among the page's
    conditions, its parameters last; a query in which it is not found is kept as it is.
    """
    from datasette.utils import compound_keys_after_sql, escape_sqlite

    params = dict(query.get("params") or {})
    has_value = not cursor.startswith(NULL_TOKEN + ",")
    first = len(params) - (2 if has_value else 1)
    if first < 0:
        return query
    keyset = compound_keys_after_sql(keys, first) if keys else f"rowid > :p{first}"
    name = escape_sqlite(column)
    if not has_value:
        condition = (f"({name} is null and {keyset})" if descending
                     else f"({name} is not null or ({name} is null and {keyset}))")
    else:
        value = f":p{first + 1}"
        condition = (f"({name} < {value} or {name} is null or ({name} = {value} and {keyset}))" if descending
                     else f"({name} > {value} or ({name} = {value} and {keyset}))")
    sql = query.get("sql") or ""
    if f"where {condition} " in sql:
        sql = sql.replace(f"where {condition} ", "", 1)
    elif f" and {condition} " in sql:
        sql = sql.replace(f" and {condition} ", " ", 1)
    else:
        return query
    for number in range(first, len(params)):
        params.pop(f"p{number}", None)
    return {**query, "sql": sql, "params": params}


async def starting_cursor(datasette: Datasette, request: Request) -> str | None:
    """The cursor before every row for this table page's sort, or None."""
    try:
        database: Database = datasette.get_database(route=tilde_decode(request.url_vars["database"]))
    except KeyError:
        return None  # Datasette answers the missing database itself
    table = tilde_decode(request.url_vars["table"])
    column, descending = sort_of_request(request, datasette.table_metadata(database.name, table) or {})
    if column is None or request.args.get("_sort") and request.args.get("_sort_desc"):
        return None
    return await database.execute_fn(lambda conn: first_page_cursor(conn, table, column, descending))


async def show_table(request: Request, datasette: Datasette, send: Callable) -> Response | None:
    """A table or view page, served by `every_row_view`."""
    return await every_row_view().as_view(datasette)(request, send)
