"""The robots.txt files the crawl read, kept between runs: a scheduled job asks a site for it once a day, not every run."""

from __future__ import annotations

import sqlite_utils

VERSION = 20
DESCRIPTION = "crawl_robots: each origin's robots.txt as last read (status, text, time), trusted for a day across runs"


def apply(db: sqlite_utils.Database) -> None:
    """Add the table, empty (a run with none asks each site again, as every run did).

    Kept if already there, as a database made to look older (its later migrations unrecorded) runs it again.
    """
    db.execute(
        "create table if not exists crawl_robots ("
        "origin text primary key, "  # scheme://host[:port]
        "status integer, "  # the HTTP status of robots.txt (2xx: its rules; 3xx-4xx: none, all allowed)
        "body text, "  # what of it was read (its first 500 KiB)
        "fetched_at text"  # ISO 8601 UTC
        ")"
    )
