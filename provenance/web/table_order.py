"""The database and index pages list tables in the order metadata.yml documents them.

Datasette lists a database's tables alphabetically (and the index its five biggest), which put the
crawl's bookkeeping (`crawl_urls`, `errors`, `fetches`) among the quotes and lineage a researcher
reads. metadata.yml documents the tables in reading order, so that order is the one place to change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datasette.app import Datasette

INDEX_TABLES = 5  # as many as Datasette's index shows of each database


def documented_order(datasette: Datasette, database: str) -> dict[str, int]:
    """Each table or view metadata.yml documents for `database`, with its place in the file."""
    tables = datasette.metadata("tables", database=database) or {}
    return {name: place for place, name in enumerate(tables)}


def order_tables(datasette: Datasette, database: str, tables: list[dict]) -> list[dict]:
    """Datasette's table (or view) entries in metadata.yml's order; hidden ones last, undocumented ones by name."""
    order = documented_order(datasette, database)
    return sorted(tables, key=lambda table: (bool(table.get("hidden")), order.get(table["name"], len(order)), table["name"]))


def first_tables(datasette: Datasette, database: str, shown: list[dict]) -> list[dict]:
    """The tables the index names for a database: the first documented ones that are not hidden.

    `shown` (Datasette's own pick, the biggest) stays for a database metadata.yml does not document.
    """
    tables = datasette.metadata("tables", database=database) or {}
    documented = [{"name": name} for name, entry in tables.items() if not (entry or {}).get("hidden")]
    return documented[:INDEX_TABLES] if documented else shown
