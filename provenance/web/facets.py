"""A facet asked for in the URL that metadata.yml (or the URL itself) already gives is shown once.

Datasette 0.65 adds every `?_facet=` to the table's configured facets, so asking again for one
that metadata.yml sets (`?_facet=speaker` on quotes) showed it twice (`speaker` and `speaker_2`
in JSON). The repeats are dropped from the query string before Datasette reads it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl

from datasette.utils import tilde_decode

if TYPE_CHECKING:
    from datasette.app import Datasette
    from datasette.database import Database

    from provenance.web.security import ASGIApp

LOGGER = logging.getLogger(__name__)

# Datasette's table route: /database/table or /database/table.format (dots in names are tilde-encoded).
TABLE_PATH_RE = re.compile(r"^/(?P<database>[^/.]+)/(?P<table>[^/.]+)(\.(?P<format>\w+))?$")
NOT_FACETS = {"_facet_size"}


def table_of_path(datasette: Datasette, path: str) -> tuple[Database, str] | None:
    """The database and the table (or view) a Datasette table page's path names, or None."""
    match = TABLE_PATH_RE.match(path)
    if match is None:
        return None
    try:
        database = datasette.get_database(route=tilde_decode(match["database"]))
    except KeyError:
        return None
    return database, tilde_decode(match["table"])


def facet_keys(configured: list) -> set[tuple[str, str]]:
    """The (parameter, value) pairs that ask for the facets a table's metadata configures."""
    keys = set()
    for facet in configured or []:
        if isinstance(facet, str):
            keys.add(("_facet", facet))
        elif isinstance(facet, dict) and len(facet) == 1:
            ((kind, value),) = facet.items()
            if isinstance(value, str):
                keys.add(("_facet" if kind == "column" else f"_facet_{kind}", value))
    return keys


def drop_repeated_facets(query_string: str, configured: list) -> str | None:
    """The query string without facets already configured or asked for earlier in it; None when none repeats.

    Every other parameter is kept as it was written, byte for byte.
    """
    seen = facet_keys(configured)
    kept, dropped = [], False
    for segment in query_string.split("&"):
        pairs = parse_qsl(segment, keep_blank_values=True)
        if len(pairs) == 1:
            name, value = pairs[0]
            if name.startswith("_facet") and name not in NOT_FACETS:
                if (name, value) in seen:
                    dropped = True
                    continue
                seen.add((name, value))
        kept.append(segment)
    return "&".join(kept) if dropped else None


def wrap_facets(app: ASGIApp, datasette: Datasette) -> ASGIApp:
    """An ASGI app that drops repeated facets from a table page's query string."""

    async def wrapped(scope: dict, receive: Callable, send: Callable) -> None:
        query = scope.get("query_string") or b""
        if scope.get("type") == "http" and b"_facet" in query:
            rewritten = _rewrite(datasette, scope.get("path", ""), query.decode("latin-1"))
            if rewritten is not None:
                scope = dict(scope, query_string=rewritten.encode("latin-1"))
        await app(scope, receive, send)

    return wrapped


def _rewrite(datasette: Datasette, path: str, query: str) -> str | None:
    found = table_of_path(datasette, path)
    if found is None:
        return None
    database, table = found
    configured = datasette.table_metadata(database.name, table).get("facets") or []
    return drop_repeated_facets(query, configured)
