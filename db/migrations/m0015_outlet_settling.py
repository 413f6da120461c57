"""Settling outlets: a news network's merged stations due to be split, and links looked up by host."""

from __future__ import annotations

import sqlite_utils

from provenance.outlets import reversed_host

VERSION = 15
DESCRIPTION = (
    "an outlet saved for a news network's domain (cbslocal.com, go.com) is unsettled, so the next import "
    "or crawl splits the stations it holds into an outlet each (pipeline.split_network_outlets); "
    "article_links.host_reversed (com.cbslocal.dfw) with an index of the links no outlet owns, so settling "
    "reads the links to a new outlet's domain, not every link"
)
# The networks whose stations older code merged (outlets.NEWS_NETWORKS when this migration was written).
NETWORKS = ("cbslocal.com", "go.com")
BATCH = 10_000


def apply(db: sqlite_utils.Database) -> None:
    """Unsettle the outlets owning a network's domain; add, fill and index the links' reversed hosts.

    Before NEWS_NETWORKS, "dfw.cbslocal.com" and "detroit.cbslocal.com" were one outlet keyed
    "cbslocal.com" and named after the first station seen; its articles, and the links and credits
    resolved to it, wait for `pipeline.settle_outlets`. A link's host reversed puts a domain's
    subdomains in one range of the index ("com.cbslocal", "com.cbslocal.dfw", ...).
    """
    marks = ", ".join("?" for _ in NETWORKS)
    db.execute(f"update outlets set settled = 0 where domain in ({marks}) and not coalesce(in_registry, 0)", NETWORKS)
    db.execute("ALTER TABLE article_links ADD COLUMN host_reversed TEXT")
    last = 0
    while True:
        rows = db.execute("select id, url from article_links where id > ? order by id limit ?", [last, BATCH]).fetchall()
        if not rows:
            break
        db.conn.executemany("update article_links set host_reversed = ? where id = ?", [(reversed_host(url), i) for i, url in rows])
        last = rows[-1][0]
    db.execute("CREATE INDEX article_links_unowned_host ON article_links (host_reversed) WHERE outlet_id IS NULL")
