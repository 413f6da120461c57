"""What every page of ours shares: finding the database, permissions, rendering with a CSP."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from urllib.parse import unquote

from datasette.utils import tilde_decode
from datasette.version import __version__ as datasette_version
from datasette.utils.asgi import Forbidden, NotFound, Response

from provenance.web.links import PageUrls
from provenance.web.security import PAGE_CSP, ROBOTS_HEADER, should_block_robots
from provenance.web.sql import parse_row_id

if TYPE_CHECKING:
    from datasette.app import Datasette
    from datasette.database import Database
    from datasette.utils.asgi import Request

LOGGER = logging.getLogger(__name__)

CONTRACT_TABLES = ("outlets", "articles", "quotes", "quote_occurrences", "lineage", "credits")


async def find_provenance_databases(datasette: Datasette) -> list[str]:
    """The attached databases (not _internal) that hold every contract table, in attach order."""
    names = []
    for name, database in datasette.databases.items():
        if name == "_internal":
            continue
        try:
            tables = set(await database.table_names())
        except Exception as error:  # a broken file must not stop the server
            LOGGER.warning("cannot list tables of %s: %s", name, error)
            continue
        if all(table in tables for table in CONTRACT_TABLES):
            names.append(name)
    return names


async def resolve_database(request: Request, datasette: Datasette) -> tuple[Database, PageUrls]:
    """The Datasette database named in the URL, checked for permission and for our tables."""
    route = tilde_decode(request.url_vars["database"])  # as Datasette's views do: "news~2E2026" is news.2026
    try:
        database = datasette.get_database(route=route)
    except KeyError:
        raise NotFound(f"Database not found: {route}")
    allowed = await datasette.permission_allowed(
        request.actor, "view-database", resource=database.name, default=True
    )
    if not allowed:
        raise Forbidden("You may not view this database")
    tables = set(await database.table_names())
    missing = [name for name in CONTRACT_TABLES if name not in tables]
    if missing:
        raise NotFound(f"{database.name} is not a provenance database (no {', '.join(missing)})")
    return database, PageUrls(datasette, database.name)


PAGE_TABLES = {"quote": "quotes", "outlet": "outlets", "article": "articles"}


async def show_page_index(request: Request, datasette: Datasette) -> Response:
    """GET /<database>/-/quote (no id): the table of quotes, outlets or articles to pick one from."""
    _, urls = await resolve_database(request, datasette)
    return Response.redirect(urls.table(PAGE_TABLES[request.url_vars["page"]]))


def parse_id(request, name: str) -> int | None:
    """An integer id from the URL, or None when it is not one."""
    return parse_row_id(request.url_vars.get(name, ""))


# What a page of ours shows when its row is missing: the table to look in, and how to find one there.
MISSING_HINTS = {
    "quote": ("quotes", "searchable by their words"),
    "outlet": ("outlets", "listed by name and domain"),
    "article": ("articles", "searchable by title and text"),
}


async def show_missing(datasette: Datasette, request: Request, urls: PageUrls, page: str) -> Response:
    """A 404 for a quote, outlet or article id the database lacks, with the way back and where to look."""
    table, hint = MISSING_HINTS[page]
    context = {
        "page": page,
        "item": unquote(request.url_vars.get(f"{page}_id", "")),  # shown as typed; the template escapes it
        "table": table,
        "table_href": urls.table(table),
        "hint": hint,
        "trace_href": urls.base + "/trace_quote" if page == "quote" else "",
        "timeline_href": urls.timeline(),
    }
    return await render_page(datasette, request, "provenance_missing.html", context, database=urls.database, status=404)


async def show_unknown_page(datasette: Datasette, request: Request) -> Response | None:
    """A 404 for a path under /<database>/-/ that is none of our pages, naming the ones there are.

    Datasette reads `/news/-/search` as row `search` of a table `-`, and answered a 400 "Invalid SQL:
    no such table: -"; None when the URL is no such path (or the database has a table named `-`).
    """
    route, table = request.url_vars.get("database"), request.url_vars.get("table")
    if not route or table is None or tilde_decode(table) != "-":
        return None
    try:
        database = datasette.get_database(route=tilde_decode(route))
    except KeyError:
        return None
    if "-" in await database.table_names():
        return None
    if not await datasette.permission_allowed(request.actor, "view-database", resource=database.name, default=True):
        return None  # Datasette's own answer, which names nothing in it
    path = unquote(request.path)  # shown as typed; the template escapes it
    if path.endswith(".json"):
        message = (f"No page {path}: the pages under {datasette.urls.database(database.name)}/-/ are "
                   "quote/ID, outlet/ID, article/ID and timeline")
        return Response.json({"ok": False, "error": message, "status": 404, "title": "Not found"}, status=404)
    urls = PageUrls(datasette, database.name)
    context = {
        "path": path,
        "pages_base": urls.base + "/-/",
        "links": [
            ("a quote's lineage", "quote/ID", urls.table("quotes"), "the quotes table"),
            ("an outlet", "outlet/ID", urls.table("outlets"), "the outlets table"),
            ("an article", "article/ID", urls.table("articles"), "the articles table"),
        ],
        "timeline_href": urls.timeline(),
    }
    return await render_page(datasette, request, "provenance_no_page.html", context, database=database.name, status=404)


FOOTER_KEYS = ("license", "license_url", "source", "source_url", "about", "about_url")


async def render_page(
    datasette: Datasette,
    request: Request,
    template: str,
    context: dict,
    *,
    database: str | None,
    status: int = 200,
) -> Response:
    """Render one of our templates inside Datasette's layout, with our strict CSP."""
    block = should_block_robots(datasette.plugin_config("provenance"))
    footer = {key: datasette.metadata(key, database=database) for key in FOOTER_KEYS}
    context = dict(
        context,
        database=database,
        metadata={key: value for key, value in footer.items() if value},
        robots_meta=ROBOTS_HEADER if block else "",
        numbers_href=datasette.urls.path("/-/provenance/numbers"),
        datasette_version=datasette_version,
    )
    html = await datasette.render_template(template, context, request=request)
    return Response.html(html, status=status, headers={"Content-Security-Policy": PAGE_CSP})
