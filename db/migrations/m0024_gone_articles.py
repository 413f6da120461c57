"""Articles whose page is gone: `gone_at` and `gone_status`, kept by the crawl.

A page that answered 404 or 410 when the crawl fetched it again kept its article and printings
(a vanished page still printed its quotes) but nothing said it was gone. The crawl now stamps the
article with the time of the first such answer and its status, and clears both when the page
answers again. A database crawled before has the answer in its frontier (`crawl_urls`: the row's
article, `last_status` 404 or 410, `last_fetched_at`), and such a row is never asked for again, so
the columns are filled from it, unless another address of the article answered later.
"""

from __future__ import annotations

import sqlite_utils

VERSION = 24
DESCRIPTION = "articles.gone_at and gone_status: when the crawl found the page gone (404, 410), filled from crawl_urls"


def apply(db: sqlite_utils.Database) -> None:
    """Add the columns (kept if already there) and fill them from the frontier rows that met a 404 or 410."""
    columns = {column.name for column in db["articles"].columns}
    if "gone_at" not in columns:
        db.execute("alter table articles add column gone_at text")
    if "gone_status" not in columns:
        db.execute("alter table articles add column gone_status integer")
    if not db["crawl_urls"].exists():
        return
    db.execute(
        "update articles set (gone_at, gone_status) = ("
        "  select c.last_fetched_at, c.last_status from crawl_urls c"
        "  where c.article_id = articles.id and c.last_status in (404, 410) order by c.last_fetched_at limit 1) "
        "where gone_at is null and exists ("
        "  select 1 from crawl_urls c where c.article_id = articles.id and c.last_status in (404, 410)"
        "  and not exists (select 1 from crawl_urls d where d.article_id = articles.id"
        "    and d.last_status in (200, 304) and d.last_fetched_at > c.last_fetched_at))"
    )
