"""Crawl frontier: the state of every URL the scheduled crawl knows, and its quote searches."""

from __future__ import annotations

import sqlite_utils

VERSION = 3
DESCRIPTION = "crawl frontier (URL state, validators, schedule) and quote searches"


def apply(db: sqlite_utils.Database) -> None:
    """Create crawl_urls and crawl_searches."""
    db["crawl_urls"].create(
        {
            "url": str,
            "story": str,  # the story that found it first
            "kind": str,  # seed | home | feed | sitemap | article | search | cited
            "depth": int,  # cited-link hops from a seed, feed, sitemap or search hit
            "found_from": str,  # URL (or search phrase) that led here
            "found_at": str,
            "state": str,  # pending | done | failed | refused
            "etag": str,
            "last_modified": str,
            "content_hash": str,  # sha1 of the last body: unchanged pages are not analysed again
            "last_status": int,
            "last_error": str,
            "last_fetched_at": str,
            "next_fetch_at": str,  # when it is due again; NULL: never
            "fetch_count": int,
            "error_count": int,
            "final_url": str,
            "published": str,  # as the feed, sitemap, search or article gave it
            "article_id": int,
        },
        pk="url",
        not_null={"kind", "state", "found_at"},
        defaults={"state": "pending", "depth": 0, "fetch_count": 0, "error_count": 0},
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["crawl_urls"].create_index(["state", "next_fetch_at"])
    db["crawl_urls"].create_index(["story"])
    db["crawl_urls"].create_index(["kind"])
    db["crawl_urls"].create_index(["article_id"])

    db["crawl_searches"].create(
        {
            "story": str,
            "source": str,  # gdelt, ...
            "phrase": str,
            "searched_at": str,
            "next_search_at": str,
            "hits": int,
            "new_urls": int,
            "error": str,
        },
        pk=("story", "source", "phrase"),
    )
