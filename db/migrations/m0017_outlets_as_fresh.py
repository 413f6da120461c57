"""Outlets as a fresh import saves them: a credited outlet's pages give it their domain, unused outlets go."""

from __future__ import annotations

import re

import sqlite_utils

from provenance.outlets import host_of, registrable_domain

VERSION = 17
DESCRIPTION = (
    "an outlet a credit named before its pages came ('told the Ferrytown Ledger'), which took them with no domain, "
    "gets the domain of its first page, keyed by it, and is unsettled so the next import or crawl reads the links "
    "to it again; outlets that no article, link or credit points at any more (the cbslocal.com outlet migration "
    "15's split left when only links pointed at it) are deleted, their clusters traced again by the next update"
)
LEADING_THE_RE = re.compile(r"^the\s+", re.IGNORECASE)


def apply(db: sqlite_utils.Database) -> None:
    """Give page-holding outlets with no domain their first page's domain; delete outlets nothing points at."""
    execute = db.conn.execute
    for outlet_id, name in execute(
        "select id, name from outlets where domain is null and not coalesce(in_registry, 0) "
        "and exists (select 1 from articles where outlet_id = outlets.id) order by id"
    ).fetchall():
        domain, site_name = first_page(db, outlet_id)
        if domain is None or execute("select 1 from outlets where domain = ?", [domain]).fetchone():
            continue  # no page with an address, or another outlet owns the domain: left as it is
        execute(
            "update outlets set domain = ?, settled = 0, "
            "key = case when exists (select 1 from outlets where key = ?) then key else ? end, name = ? where id = ?",
            [domain, domain, domain, site_name if site_name and same_name(site_name, name) else name, outlet_id],
        )
    used = (
        "select outlet_id from articles where outlet_id is not null union "
        "select outlet_id from article_links where outlet_id is not null union "
        "select outlet_id from credits union select via_outlet_id from credits where via_outlet_id is not null"
    )
    gone = [row[0] for row in execute(f"select id from outlets where id not in ({used}) order by id")]
    for outlet_id in gone:
        execute(
            "insert or ignore into stale_quotes (quote_id) select quote_id from lineage where source_outlet_id = ? "
            "union select id from quotes where origin_outlet_id = ?",
            [outlet_id, outlet_id],
        )
        execute("update lineage set source_outlet_id = null where source_outlet_id = ?", [outlet_id])
        execute("update quotes set origin_outlet_id = null where origin_outlet_id = ?", [outlet_id])
        execute("delete from outlets where id = ?", [outlet_id])


def first_page(db: sqlite_utils.Database, outlet_id: int) -> tuple[str | None, str | None]:
    """The registrable domain and site name of the outlet's first saved page with an address."""
    for url, canonical, site_name in db.conn.execute(
        "select url, canonical_url, site_name from articles where outlet_id = ? order by id", [outlet_id]
    ):
        address = canonical if canonical and host_of(canonical) else url
        if host_of(address or ""):
            return registrable_domain(address), site_name
    return None, None


def same_name(a: str, b: str) -> bool:
    """Whether two outlet names differ only by a leading "The" and case, as saving matches them."""
    return LEADING_THE_RE.sub("", a.strip()).casefold() == LEADING_THE_RE.sub("", b.strip()).casefold()
