"""A streamed CSV of a view reads it in pages of the most rows Datasette returns, not of 100.

Datasette 0.65 means `?_stream=on` to read `_size=max` pages, but passes that only to a page it
never asks for: the stream goes on in pages of the default size. A view pages by offset, so each
page computes the view again up to its rows (`quote_chains.csv?_stream=on`, 8,755 rows of a
recursive view: 2.0-3.1 s in 88 pages, 0.5-0.7 s in 9). Its own export form adds `_size=max`; a
URL typed or scripted without it gets the same here. Tables are left as they are: they page by
key, and each page costs what its rows cost (`table_paging` keeps their first page in the order of
the next ones).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl


from provenance.web.facets import TABLE_PATH_RE, table_of_path

if TYPE_CHECKING:
    from datasette.app import Datasette

    from provenance.web.security import ASGIApp


def add_stream_page_size(path: str, query_string: str) -> str | None:
    """The query string of a streamed CSV with `_size=max` added; None when it needs none."""
    match = TABLE_PATH_RE.match(path)
    if match is None or match["format"] != "csv":
        return None
    args = parse_qsl(query_string, keep_blank_values=True)
    if not any(name == "_stream" and value for name, value in args) or any(name == "_size" for name, _ in args):
        return None
    return query_string + "&_size=max"


async def is_view_path(datasette: Datasette, path: str) -> bool:
    """Whether `path` is the page of a view (a table route whose table is a view)."""
    found = table_of_path(datasette, path)
    if found is None:
        return False
    database, table = found
    return table in await database.view_names()


def wrap_csv_stream(app: ASGIApp, datasette: Datasette) -> ASGIApp:
    """An ASGI app that gives a streamed CSV of a view without a `_size` the largest pages."""

    async def wrapped(scope: dict, receive: Callable, send: Callable) -> None:
        query = scope.get("query_string") or b""
        if scope.get("type") == "http" and b"_stream" in query:
            path = scope.get("path", "")
            rewritten = add_stream_page_size(path, query.decode("latin-1"))
            if rewritten is not None and await is_view_path(datasette, path):
                scope = dict(scope, query_string=rewritten.encode("latin-1"))
        await app(scope, receive, send)

    return wrapped
