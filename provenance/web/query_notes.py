"""What a query page says above its rows: a quote id the database lacks is named, not left as "0 results"."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from provenance.web.cells import provenance_databases
from provenance.web.sql import parse_row_id

if TYPE_CHECKING:
    from datasette.app import Datasette
    from datasette.utils.asgi import Request

LOGGER = logging.getLogger(__name__)

# The parameter of the canned queries about one quote (quote_lineage, quote_chain, variants_of_a_quote).
QUOTE_PARAMETER = "quote_id"


async def find_missing_quote(datasette: Datasette, database: str | None, request: Request | None) -> str | None:
    """The `quote_id` given in the address when it names no quote of `database` (as typed), else None."""
    if request is None or database not in provenance_databases(datasette):
        return None
    typed = request.args.get(QUOTE_PARAMETER)
    if typed is None or not typed.strip():
        return None  # the form before anything is asked
    quote_id = parse_row_id(typed.strip())
    if quote_id is not None:
        rows = await datasette.get_database(database).execute("select 1 from quotes where id = ?", [quote_id])
        if rows.first() is not None:
            return None
    return typed
