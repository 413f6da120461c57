"""Outlets that older code made of a news network's stations, due to be split by the next update."""

from __future__ import annotations

import sqlite_utils

VERSION = 15
DESCRIPTION = (
    "an outlet saved for a news network's domain (cbslocal.com, go.com) is unsettled, so the next import "
    "or crawl splits the stations it holds into an outlet each (pipeline.split_network_outlets)"
)
# The networks whose stations older code merged (outlets.NEWS_NETWORKS when this migration was written).
NETWORKS = ("cbslocal.com", "go.com")


def apply(db: sqlite_utils.Database) -> None:
    """Unsettle the outlets owning a network's domain: settling splits their stations and reads their articles again.

    Before NEWS_NETWORKS, "dfw.cbslocal.com" and "detroit.cbslocal.com" were one outlet keyed
    "cbslocal.com" and named after the first station seen; its articles, and the links and credits
    resolved to it, wait for `pipeline.settle_outlets`.
    """
    marks = ", ".join("?" for _ in NETWORKS)
    db.execute(f"update outlets set settled = 0 where domain in ({marks}) and not coalesce(in_registry, 0)", NETWORKS)
