"""What a query page says above its rows: a quote id the database lacks, a day that is no date, or hours that
are no number, is named rather than left to "0 results"."""

from __future__ import annotations

import datetime
import logging
import re
from typing import TYPE_CHECKING

from provenance.web.cells import provenance_databases
from provenance.web.sql import parse_row_id

if TYPE_CHECKING:
    from datasette.app import Datasette
    from datasette.utils.asgi import Request

LOGGER = logging.getLogger(__name__)

# The parameter of the canned queries about one quote (quote_lineage, quote_chain, variants_of_a_quote).
QUOTE_PARAMETER = "quote_id"
# The days of story_timeline, compared as text with the articles' YYYY-MM-DD.
DAY_PARAMETERS = ("from_day", "to_day")
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# The window of quotes_spread_fast, read by SQLite as a number (text that is none reads as 0).
HOURS_PARAMETER = "hours"


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


def is_day(text: str) -> bool:
    """True for a real calendar day written YYYY-MM-DD."""
    if not DAY.fullmatch(text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def find_unread_days(request: Request | None) -> list[tuple[str, str]]:
    """Each day parameter given in the address that is no YYYY-MM-DD day, with the text given."""
    if request is None:
        return []
    unread = []
    for name in DAY_PARAMETERS:
        typed = (request.args.get(name) or "").strip()
        if typed and not is_day(typed):
            unread.append((name, typed))
    return unread


def find_unread_hours(request: Request | None) -> str | None:
    """The `hours` given in the address when it is no positive number (as typed), else None."""
    if request is None:
        return None
    typed = (request.args.get(HOURS_PARAMETER) or "").strip()
    if not typed:
        return None  # empty: the query's own default
    try:
        hours = float(typed)
    except ValueError:
        return typed
    return None if 0 < hours < float("inf") else typed
