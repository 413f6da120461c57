"""Table cells that hold a quote, article or outlet id link to our pages (render_cell)."""

from __future__ import annotations

import logging
import re
import sqlite3
import time
import weakref
from typing import TYPE_CHECKING, Awaitable, Callable

from datasette.database import QueryInterrupted
from markupsafe import Markup

from provenance.web.links import PageUrls
from provenance.web.pages import find_provenance_databases
from provenance.web.sql import parse_row_id

if TYPE_CHECKING:
    from datasette.app import Datasette

LOGGER = logging.getLogger(__name__)

# Column name suffix -> (our page, the table its ids belong to), in any table, view or query
# result: quote_id, outlet_id, origin_outlet_id, source_article_id, credited_outlet_id, ...
ID_SUFFIXES = (
    ("quote_id", ("quote", "quotes")),
    ("outlet_id", ("outlet", "outlets")),
    ("article_id", ("article", "articles")),
)
# (table, column) -> our page: a table's own id, and the text that names the row.
OWN_COLUMNS = {
    ("quotes", "id"): "quote",
    ("outlets", "id"): "outlet",
    ("articles", "id"): "article",
    ("quotes", "text"): "quote",
    ("outlets", "name"): "outlet",
    ("articles", "title"): "article",
}
ROW_ID_COLUMN = {"quotes": "id", "outlets": "id", "articles": "id"}
# A query result's column holding a comma-separated list of ids (story_timeline's quotes_first_printed): each id links.
ID_LIST_COLUMNS = {"quotes_first_printed": "quote"}
_ID_LIST = re.compile(r"[0-9]+(?:,[0-9]+)*")
# A query result names outlets in columns `outlet` and `..._outlet` (trace_quote's origin_outlet, outlet and
# taken_from_outlet): the name leads to its outlet's page when one outlet has it, with no id columns beside it.
OUTLET_NAME_COLUMN = re.compile(r"(?:^|_)outlet$")
OUTLET_NAMES_SECONDS = 10.0  # a database's outlet names are read again after this long
# A person has no page of ours: the name on the people table lists the person's quotes, as the speaker on a quote page does.

_DATABASES: "weakref.WeakKeyDictionary[object, set[str]]" = weakref.WeakKeyDictionary()
# One PageUrls per database: render_cell runs for every cell of a page (7,000 on a canned query of 1,000
# rows), and building the database's URL each time was half of such a page's time.
_URLS: "weakref.WeakKeyDictionary[object, dict[str, PageUrls]]" = weakref.WeakKeyDictionary()
# Each database's outlet names and when they were read: once for a page's cells, not once per cell.
_OUTLET_NAMES: "weakref.WeakKeyDictionary[object, dict[str, tuple[float, dict[str, int | None]]]]" = (
    weakref.WeakKeyDictionary()
)


async def remember_provenance_databases(datasette: Datasette) -> set[str]:
    """Find the attached databases that hold our tables; cells link only in those."""
    names = set(await find_provenance_databases(datasette))
    _DATABASES[datasette] = names
    return names


def provenance_databases(datasette: Datasette) -> set[str]:
    """The databases found by `remember_provenance_databases` (empty before startup)."""
    return _DATABASES.get(datasette, set())


def page_urls(datasette: Datasette, database: str) -> PageUrls:
    """The database's PageUrls, built once per Datasette instance."""
    by_database = _URLS.setdefault(datasette, {})
    if database not in by_database:
        by_database[database] = PageUrls(datasette, database)
    return by_database[database]


async def outlet_ids_by_name(datasette: Datasette, database: str) -> dict[str, int | None]:
    """Each outlet name of `database` and its outlet's id (None for a name two outlets share)."""
    by_database = _OUTLET_NAMES.setdefault(datasette, {})
    now = time.monotonic()
    held = by_database.get(database)
    if held is not None and now - held[0] < OUTLET_NAMES_SECONDS:
        return held[1]
    ids: dict[str, int | None] = {}
    for outlet_id, name in (await datasette.get_database(database).execute("select id, name from outlets")).rows:
        ids[name] = None if name in ids else outlet_id
    by_database[database] = (now, ids)
    return ids


def render_outlet_name(name: str, database: str, datasette: Datasette) -> Callable[[], Awaitable[Markup | None]]:
    """A link to the outlet page of the one outlet named `name` (Datasette awaits it); None when no one outlet is."""

    async def inner() -> Markup | None:
        try:
            outlet_id = (await outlet_ids_by_name(datasette, database)).get(name)
        except (sqlite3.Error, QueryInterrupted) as error:
            LOGGER.warning("outlet names of %s not read: %s", database, error)
            return None
        if outlet_id is None:
            return None
        return Markup('<a class="provenance-link" href="{}">{}</a>').format(
            page_urls(datasette, database).page("outlet", outlet_id), name
        )

    return inner


def render_unlabelled_key(
    value: object, column: str, table: str, database: str, datasette: Datasette
) -> Callable[[], Awaitable[Markup | None]]:
    """A key to a table with no label column (founder_id, run_id, credit_id) as one link to its row.

    Datasette labels such a key with its own id as text, which differs from the number, so it showed
    both: `8619 8619`.
    """

    async def inner() -> Markup | None:
        keys = await datasette.get_database(database).foreign_keys_for_table(table)
        other_table = next((key["other_table"] for key in keys if key["column"] == column), None)
        if other_table is None:
            return None
        return Markup('<a href="{}">{}</a>').format(page_urls(datasette, database).row(other_table, value), value)

    return inner


def as_id(value: object) -> int | None:
    """An integer id from a cell value, or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        return parse_row_id(value)
    return None


def row_value(row, column: str) -> object:
    """A column of a sqlite3.Row or dict, or None when the row lacks it."""
    try:
        return row[column]
    except (IndexError, KeyError, TypeError):
        return None


def render_linked_cell(
    row: object, value: object, column: str, table: str | None, database: str, datasette: Datasette
) -> Markup | Callable[[], Awaitable[Markup | None]] | None:
    """A link to our page for an id cell (keeping the label and row link of a foreign key) or an outlet's name."""
    if database not in provenance_databases(datasette):
        return None
    if table is None and isinstance(value, str) and value and OUTLET_NAME_COLUMN.search(column):
        return render_outlet_name(value, database, datasette)
    urls = page_urls(datasette, database)
    if table is None and column in ID_LIST_COLUMNS and isinstance(value, str) and _ID_LIST.fullmatch(value):
        page = ID_LIST_COLUMNS[column]
        return Markup(", ").join(
            Markup('<a class="provenance-link" href="{}">{}</a>').format(urls.page(page, int(row_id)), row_id)
            for row_id in value.split(",")
        )
    if (table, column) == ("people", "name"):
        person_id = as_id(row_value(row, "id"))
        if person_id is None or value is None:
            return None
        return Markup('<a class="provenance-link" href="{}" title="every quote of this person">{}</a>').format(
            urls.table("quotes", person_id=person_id), value
        )
    own_page = OWN_COLUMNS.get((table, column)) if table else None
    if own_page:
        is_id_column = column == ROW_ID_COLUMN[table]
        row_id = as_id(value if is_id_column else row_value(row, ROW_ID_COLUMN[table]))
        if row_id is None or value is None:
            return None
        return Markup('<a class="provenance-link" href="{}">{}</a>').format(
            urls.page(own_page, row_id), value
        )
    target = next((target for suffix, target in ID_SUFFIXES if column.endswith(suffix)), None)
    if target is None:
        if table and isinstance(value, dict) and value.get("label") == str(value.get("value")):
            return render_unlabelled_key(value["value"], column, table, database, datasette)
        return None
    page, other_table = target
    if isinstance(value, dict) and "value" in value:
        row_id = as_id(value["value"])
        if row_id is None:
            return None
        label = value.get("label")
        if label is None or label == value["value"]:
            label = row_id
        return Markup(
            '<a class="provenance-link" href="{}">{}</a>&nbsp;<a class="row-link" href="{}" title="the row">#{}</a>'
        ).format(urls.page(page, row_id), label, urls.row(other_table, row_id), row_id)
    row_id = as_id(value)
    if row_id is None:
        return None
    return Markup('<a class="provenance-link" href="{}">{}</a>').format(urls.page(page, row_id), row_id)
