"""Table cells that hold a quote, article or outlet id link to our pages (render_cell)."""

from __future__ import annotations

import logging
import weakref
from typing import TYPE_CHECKING

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
# A person has no page of ours: the name on the people table lists the person's quotes, as the speaker on a quote page does.

_DATABASES: "weakref.WeakKeyDictionary[object, set[str]]" = weakref.WeakKeyDictionary()
# One PageUrls per database: render_cell runs for every cell of a page (7,000 on a canned query of 1,000
# rows), and building the database's URL each time was half of such a page's time.
_URLS: "weakref.WeakKeyDictionary[object, dict[str, PageUrls]]" = weakref.WeakKeyDictionary()


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
) -> Markup | None:
    """A link to our page for an id cell (keeping the label and row link of a foreign key)."""
    if database not in provenance_databases(datasette):
        return None
    urls = page_urls(datasette, database)
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
