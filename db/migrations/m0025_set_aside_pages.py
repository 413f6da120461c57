"""Pages set aside: those older code stored as articles that the current rules would not store.

A tag, author or listing page, a live blog, a soft 404 (a 200 page saying it is not there) or a later
page of a story saved on its own was an article: its words were printings, traced like a story's.
`reanalyse` (and the crawl, reading such a page again) now moves each out of the articles into this
table, with the reason and the whole stored article (text, metadata, links as JSON), so a researcher
sees what was taken out and why, and can import it back (see the README, *Upgrading*).
"""

from __future__ import annotations

import sqlite_utils

VERSION = 25
DESCRIPTION = "set_aside_pages: stored articles the current rules would not store, with the reason, out of tracing"


def apply(db: sqlite_utils.Database) -> None:
    """Create the table (kept if already there)."""
    db.execute(
        "create table if not exists set_aside_pages ("
        " id integer primary key, url text not null, reason text not null, story_url text,"
        " set_aside_at text not null, run_id integer, former_id integer,"
        " canonical_url text, title text, author text, published text, outlet text, site_name text,"
        " fetched_at text, first_seen text, source text, text text not null, metadata text, credit_lines text, links text)"
    )
    db.execute("create index if not exists idx_set_aside_pages_url on set_aside_pages (url)")
