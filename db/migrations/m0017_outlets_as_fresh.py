"""Outlets as a fresh import saves them: a credited outlet's pages give it their domain, unused outlets go."""

from __future__ import annotations

import sqlite_utils

from db.save import drop_unused_outlets, name_key
from provenance.outlets import host_of, page_address, registrable_domain

VERSION = 17
DESCRIPTION = (
    "an outlet a credit named before its pages came ('told the Ferrytown Ledger'), which took them with no domain, "
    "gets the domain of its first page, keyed by it, and is unsettled so the next import or crawl reads the links "
    "to it again; outlets that no article, link or credit points at any more (the cbslocal.com outlet migration "
    "15's split left when only links pointed at it) are deleted, their clusters traced again by the next update"
)


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
            [domain, domain, domain, site_name if site_name and name_key(site_name) == name_key(name) else name, outlet_id],
        )
    drop_unused_outlets(db, {row[0] for row in execute("select id from outlets")})


def first_page(db: sqlite_utils.Database, outlet_id: int) -> tuple[str | None, str | None]:
    """The registrable domain and site name of the outlet's first saved page with an address."""
    for url, canonical, site_name in db.conn.execute(
        "select url, canonical_url, site_name from articles where outlet_id = ? order by id", [outlet_id]
    ):
        address = page_address(url, canonical)
        if host_of(address):
            return registrable_domain(address), site_name
    return None, None
