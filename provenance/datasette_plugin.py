"""The Datasette plugin: quote, outlet, article and timeline pages, linked cells, safe headers.

Registered through the `datasette` entry point, so `datasette DB -m metadata.yml` loads it.
Only hooks that Datasette 1.0 keeps are used. One internal is: the table route is served by
Datasette 0.65's own table view given a starting cursor (`web/table_paging.py`), registered only
when that view takes one; otherwise Datasette's route serves tables as it does.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from datasette import hookimpl
from datasette.utils.asgi import Response
from jinja2 import ChoiceLoader, Environment, FileSystemLoader
from markupsafe import Markup

from provenance.web import (
    article_page, bad_input, cells, csv_stream, facets, outlet_page, quote_page, table_order, table_paging, time_out,
    timeline,
)
from provenance.web.metadata_mirror import mirror_metadata, sign_canned_queries
from provenance.web.pages import render_page, show_page_index, show_unknown_page
from provenance.web.query_notes import find_missing_quote, find_unread_days, find_unread_hours
from provenance.web.search_words import match_query
from provenance.web.security import ROBOTS_TXT, ASGIApp, should_block_robots, wrap_asgi
from provenance.web.template_patches import PatchingLoader

if TYPE_CHECKING:
    from datasette.app import Datasette
    from datasette.utils.asgi import Request

LOGGER = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"
DATABASE = r"(?P<database>[^/]+)"


@hookimpl
def prepare_jinja2_environment(env: Environment, datasette: Datasette) -> None:
    """Put our templates in front of Datasette's (the plugin is a module, not a package), and Datasette's
    with their accessibility fixes (`web/template_patches.py`)."""
    if not getattr(env, "_provenance_templates", False):
        env.loader = ChoiceLoader([FileSystemLoader(str(TEMPLATES_DIR)), PatchingLoader(env.loader)])
        env._provenance_templates = True


@hookimpl
def startup(datasette: Datasette) -> Callable[[], Awaitable[None]]:
    """Give every provenance database the documentation and canned queries of metadata.yml."""

    async def inner() -> None:
        await mirror_metadata(datasette)
        sign_canned_queries(datasette)
        await cells.remember_provenance_databases(datasette)

    return inner


@hookimpl
def register_routes(datasette: Datasette) -> list[tuple[str, Callable]]:
    """Our pages, the stylesheet, the numbers page and robots.txt; tables whose sorted pages hold every row once."""
    tables = [(table_paging.TABLE_ROUTE, table_paging.show_table)] if table_paging.can_start_cursor() else []
    return tables + [
        (rf"^/{DATABASE}/-/quote/(?P<quote_id>[^/]+)$", quote_page.show_quote_page),
        (rf"^/{DATABASE}/-/quote/(?P<quote_id>[^/]+)/prov\.json$", quote_page.show_quote_prov),
        (rf"^/{DATABASE}/-/outlet/(?P<outlet_id>[^/]+)$", outlet_page.show_outlet_page),
        (rf"^/{DATABASE}/-/article/(?P<article_id>[^/]+)$", article_page.show_article_page),
        (rf"^/{DATABASE}/-/(?P<page>quote|outlet|article)/?$", show_page_index),
        (rf"^/{DATABASE}/-/timeline$", timeline.show_timeline_page),
        (r"^/-/provenance/provenance\.css$", serve_stylesheet),
        (r"^/-/provenance/numbers$", show_numbers_page),
        (r"^/robots\.txt$", serve_robots_txt),
    ]


@hookimpl
def render_cell(
    row: object, value: object, column: str, table: str | None, database: str, datasette: Datasette
) -> Markup | Callable[[], Awaitable[Markup | None]] | None:
    """Quote, article and outlet ids (and quote texts, titles, names; outlet names in query results) link to our pages."""
    return cells.render_linked_cell(row, value, column, table, database, datasette)


@hookimpl
def asgi_wrapper(datasette: Datasette) -> Callable[[ASGIApp], ASGIApp]:
    """Add Content-Security-Policy everywhere and X-Robots-Tag when robots are blocked; drop repeated facets;
    refuse a search where there is no full-text search; stream a view's CSV in the largest pages."""

    def wrap(app: ASGIApp) -> ASGIApp:
        app = facets.wrap_facets(app, datasette)  # a facet metadata.yml already gives, asked again, shows once
        app = bad_input.wrap_search(app, datasette)  # a _search on a table without full-text search is a 400
        app = csv_stream.wrap_csv_stream(app, datasette)  # a view's streamed CSV reads pages of 1,000 rows, not 100
        return wrap_asgi(app, block_robots=should_block_robots(datasette.plugin_config("provenance")))

    return wrap


@hookimpl
def handle_exception(datasette: Datasette, request: Request, exception: Exception) -> Callable[[], Awaitable[Response | None]]:
    """A bad query-string parameter (a `_sort` column the table lacks, ...) is a 400 naming it, not a 500;
    a path under /<database>/-/ that is none of our pages is a 404 naming them; a query that ran out of
    time says so and what to do."""

    async def inner() -> Response | None:
        unknown = await show_unknown_page(datasette, request)
        if unknown is not None:
            return unknown
        stopped = time_out.find_time_out(datasette, request, exception)
        if stopped is not None:
            return await time_out.time_out_response(datasette, request, stopped)
        bad = await bad_input.find_bad_input(datasette, request, exception)
        if bad is None:
            return None  # Datasette's own handler answers
        return await bad_input.bad_input_response(datasette, request, bad)

    return inner


@hookimpl
def extra_template_vars(
    template: str, database: str | None, request: Request | None, datasette: Datasette
) -> dict | Callable[[], Awaitable[dict]]:
    """What our database.html and index.html need to list tables in metadata.yml's order; what query.html
    says of a quote id the database lacks, a day that is no date or hours that are no number."""
    if template == "query.html":

        async def query_notes() -> dict:
            return {
                "provenance_missing_quote": await find_missing_quote(datasette, database, request),
                "provenance_unread_days": find_unread_days(request),
                "provenance_unread_hours": find_unread_hours(request),
                "provenance_no_words": request is not None and not (request.args.get("words") or "").strip(),
            }

        return query_notes
    if template == "database.html":
        return {"provenance_order_tables": partial(table_order.order_tables, datasette)}
    if template == "index.html":

        def index_databases(databases: list[dict]) -> list[dict]:
            return [
                dict(entry, tables_and_views_truncated=table_order.first_tables(
                    datasette, entry["name"], entry["tables_and_views_truncated"]))
                for entry in databases
            ]

        return {"provenance_index_databases": index_databases}
    return {}


@hookimpl(trylast=True)
def prepare_connection(conn: sqlite3.Connection) -> None:
    """A table's search reads a leading minus as "leave out" (`port -trump`); run last, so it replaces Datasette's."""
    conn.create_function("escape_fts", 1, match_query, deterministic=True)


@hookimpl
def extra_css_urls(datasette: Datasette) -> list[str]:
    """Our stylesheet on every page, Datasette's own too (it lays out their column descriptions)."""
    return [datasette.urls.path("/-/provenance/provenance.css")]


@hookimpl
def menu_links(datasette: Datasette, actor: dict | None, request: Request) -> list[dict]:
    """Links to the timeline of each provenance database and to the numbers page."""
    links = [
        {"href": datasette.urls.database(name) + "/-/timeline", "label": f"Story timeline: {name}"}
        for name in sorted(cells.provenance_databases(datasette))
    ]
    links.append({"href": datasette.urls.path("/-/provenance/numbers"), "label": "What the numbers mean"})
    return links


async def serve_stylesheet(request: Request, datasette: Datasette) -> Response:
    """GET /-/provenance/provenance.css."""
    css = (STATIC_DIR / "provenance.css").read_text(encoding="utf-8")
    return Response(css, content_type="text/css; charset=utf-8", headers={"Cache-Control": "max-age=3600"})


async def serve_robots_txt(request: Request, datasette: Datasette) -> Response:
    """GET /robots.txt: everything disallowed when robots are blocked, else everything allowed."""
    if should_block_robots(datasette.plugin_config("provenance")):
        return Response.text(ROBOTS_TXT)
    return Response.text("User-agent: *\nDisallow:\n")


async def show_numbers_page(request: Request, datasette: Datasette) -> Response:
    """GET /-/provenance/numbers: what every number and word on our pages means."""
    from provenance import lineage, reuse

    context = {
        "c": {key: f"{value:.2f}" for key, value in lineage.CONFIDENCE.items()},
        "wholly_threshold": reuse.describe_wholly_threshold(),
        "derived_threshold": reuse.describe_derived_threshold(),
        "size_ratio": reuse.SIZE_RATIO,
        "run_share": f"{reuse.MIN_RUN_SHARE * 100:.0f} %",
        "run_words": reuse.RUN_WORDS,
        "late_days": reuse.LATE_DAYS,
        "late_run_words": reuse.LATE_RUN_WORDS,
    }
    return await render_page(datasette, request, "provenance_numbers.html", context, database=None)
