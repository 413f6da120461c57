"""The public contract: outlets, articles, quotes, occurrences, credits, lineage, reuse, crawl."""

from __future__ import annotations

import sqlite_utils

VERSION = 1
DESCRIPTION = "initial schema"


def apply(db: sqlite_utils.Database) -> None:
    """Create the tables, indexes and full-text search of schema version 1."""
    db["outlets"].create(
        {
            "id": int,
            "key": str,
            "name": str,
            "domain": str,
            "kind": str,
            "country": str,
            "language": str,
            "aliases": str,  # JSON list
            "in_registry": int,
        },
        pk="id",
        not_null={"key", "name", "kind"},
        defaults={"kind": "unknown", "in_registry": 0},
    )
    db["outlets"].create_index(["key"], unique=True)
    db["outlets"].create_index(["domain"])
    db["outlets"].create_index(["kind"])

    db["articles"].create(
        {
            "id": int,
            "url": str,
            "canonical_url": str,
            "outlet_id": int,
            "title": str,
            "author": str,
            "published": str,
            "published_precision": str,  # date | minute | second | None
            "fetched_at": str,
            "first_seen": str,
            "time_key": str,  # published, else first seen: what lineage orders by
            "text": str,
            "text_hash": str,
            "word_count": int,
            "site_name": str,
            "description": str,
            "language": str,
            "source": str,
            "version": int,
            "metadata": str,  # JSON
            "traced": int,  # 0 until reuse, clusters and lineage include this text
        },
        pk="id",
        not_null={"url", "text", "first_seen"},
        defaults={"version": 1, "traced": 0},
        foreign_keys=[("outlet_id", "outlets", "id")],
    )
    db["articles"].create_index(["url"], unique=True)
    db["articles"].create_index(["outlet_id"])
    db["articles"].create_index(["time_key"])
    db["articles"].create_index(["text_hash"])
    db["articles"].create_index(["canonical_url"])
    db["articles"].create_index(["traced"])
    db["articles"].enable_fts(["title", "text"], create_triggers=True, tokenize="porter")

    db["article_links"].create(
        {
            "id": int,
            "article_id": int,
            "url": str,
            "anchor": str,
            "sentence": str,
            "start": int,
            "end": int,
            "outlet_id": int,
            "target_article_id": int,
        },
        pk="id",
        not_null={"article_id", "url"},
        foreign_keys=[
            ("article_id", "articles", "id"),
            ("outlet_id", "outlets", "id"),
            ("target_article_id", "articles", "id"),
        ],
    )
    db["article_links"].create_index(["article_id"])
    db["article_links"].create_index(["url"])
    db["article_links"].create_index(["target_article_id"])

    db["quotes"].create(
        {
            "id": int,
            "text": str,  # canonical wording of the cluster
            "normalized": str,
            "speaker": str,
            "word_count": int,
            "first_seen": str,
            "article_count": int,
            "outlet_count": int,
            "variant_count": int,
            "origin_outlet_id": int,
            "origin_article_id": int,
            "origin_kind": str,
            "origin_reason": str,
        },
        pk="id",
        not_null={"text"},
        defaults={"article_count": 0, "outlet_count": 0, "variant_count": 0},
        foreign_keys=[
            ("origin_outlet_id", "outlets", "id"),
            ("origin_article_id", "articles", "id"),
        ],
    )
    db["quotes"].create_index(["normalized"])
    db["quotes"].create_index(["origin_outlet_id"])
    db["quotes"].create_index(["origin_kind"])
    db["quotes"].create_index(["first_seen"])
    db["quotes"].create_index(["speaker"])
    db["quotes"].enable_fts(["text", "speaker"], create_triggers=True, tokenize="porter")

    db["quote_occurrences"].create(
        {
            "id": int,
            "quote_id": int,
            "article_id": int,
            "text": str,  # as printed
            "normalized": str,
            "speaker": str,  # as named in this article
            "speaker_name": str,  # resolved full name
            "cue": str,
            "kind": str,
            "start": int,
            "end": int,
            "paragraph": int,
            "spans": str,  # JSON list of [start, end] for split quotes
            "is_canonical": int,  # wording equals the cluster's canonical wording
            "drift": str,  # word-level difference from the canonical wording
        },
        pk="id",
        not_null={"article_id", "text", "start", "end"},
        foreign_keys=[("quote_id", "quotes", "id"), ("article_id", "articles", "id")],
    )
    db["quote_occurrences"].create_index(["article_id", "start"], unique=True)
    db["quote_occurrences"].create_index(["quote_id"])
    db["quote_occurrences"].create_index(["normalized"])
    db["quote_occurrences"].create_index(["speaker_name"])

    # Candidate index for clustering: hashed word 4-grams of each cluster's wordings.
    db["quote_grams"].create(
        {"gram": int, "quote_id": int},
        pk=("gram", "quote_id"),
        foreign_keys=[("quote_id", "quotes", "id")],
    )
    db["quote_grams"].create_index(["quote_id"])

    db["credits"].create(
        {
            "id": int,
            "article_id": int,
            "outlet_id": int,
            "kind": str,
            "cue": str,
            "sentence": str,
            "start": int,
            "end": int,
            "scope": str,  # story | quote
            "is_copy": int,  # dateline, byline or copyright: the article is this outlet's copy
            "via_outlet_id": int,  # intermediary of a chain credit
            "url": str,  # link credits
        },
        pk="id",
        not_null={"article_id", "outlet_id", "kind"},
        foreign_keys=[
            ("article_id", "articles", "id"),
            ("outlet_id", "outlets", "id"),
            ("via_outlet_id", "outlets", "id"),
        ],
    )
    db["credits"].create_index(["article_id"])
    db["credits"].create_index(["outlet_id"])
    db["credits"].create_index(["kind"])

    db["credit_occurrences"].create(
        {"credit_id": int, "occurrence_id": int},
        pk=("credit_id", "occurrence_id"),
        foreign_keys=[
            ("credit_id", "credits", "id"),
            ("occurrence_id", "quote_occurrences", "id"),
        ],
    )
    db["credit_occurrences"].create_index(["occurrence_id"])

    db["lineage"].create(
        {
            "occurrence_id": int,
            "quote_id": int,
            "source_occurrence_id": int,
            "source_article_id": int,
            "source_outlet_id": int,
            "evidence": str,  # origin | credit | link | reuse | mutation | earlier
            "confidence": float,
            "reason": str,
            "depth": int,  # hops from the origin
        },
        pk="occurrence_id",
        not_null={"evidence"},
        foreign_keys=[
            ("occurrence_id", "quote_occurrences", "id"),
            ("quote_id", "quotes", "id"),
            ("source_occurrence_id", "quote_occurrences", "id"),
            ("source_article_id", "articles", "id"),
            ("source_outlet_id", "outlets", "id"),
        ],
    )
    db["lineage"].create_index(["quote_id"])
    db["lineage"].create_index(["source_article_id"])
    db["lineage"].create_index(["source_outlet_id"])
    db["lineage"].create_index(["evidence"])

    db["article_reuse"].create(
        {
            "article_id": int,
            "source_article_id": int,
            "containment": float,
            "verdict": str,  # wholly | partially | none
            "shared_sentences": int,
        },
        pk=("article_id", "source_article_id"),
        foreign_keys=[
            ("article_id", "articles", "id"),
            ("source_article_id", "articles", "id"),
        ],
    )
    db["article_reuse"].create_index(["source_article_id"])

    # Reuse index: fingerprints (sentence hashes, word shingles) of each article.
    db["article_fingerprints"].create(
        {"hash": int, "article_id": int},
        pk=("hash", "article_id"),
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["article_fingerprints"].create_index(["article_id"])

    db["article_versions"].create(
        {
            "id": int,
            "article_id": int,
            "version": int,
            "fetched_at": str,
            "text": str,
            "text_hash": str,
            "diff": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["article_versions"].create_index(["article_id", "version"], unique=True)

    # Clusters whose lineage must be recomputed (an article changed under them).
    db["stale_quotes"].create({"quote_id": int}, pk="quote_id")

    # Crawl bookkeeping.
    db["runs"].create(
        {
            "id": int,
            "command": str,
            "started_at": str,
            "finished_at": str,
            "status": str,  # running | ok | failed | interrupted
            "articles_new": int,
            "articles_changed": int,
            "articles_unchanged": int,
            "errors": int,
            "summary": str,
        },
        pk="id",
        defaults={"articles_new": 0, "articles_changed": 0, "articles_unchanged": 0, "errors": 0},
    )
    db["fetches"].create(
        {
            "id": int,
            "run_id": int,
            "url": str,
            "final_url": str,
            "status": int,
            "bytes": int,
            "elapsed_ms": int,
            "content_type": str,
            "error": str,
            "fetched_at": str,
            "not_modified": int,
        },
        pk="id",
        foreign_keys=[("run_id", "runs", "id")],
    )
    db["fetches"].create_index(["run_id"])
    db["fetches"].create_index(["url"])
    db["errors"].create(
        {
            "id": int,
            "run_id": int,
            "source": str,  # file, URL or record that failed
            "item": str,  # line number, record id
            "stage": str,  # read | parse | extract | analyse | save | fetch
            "message": str,
            "at": str,
        },
        pk="id",
        foreign_keys=[("run_id", "runs", "id")],
    )
    db["errors"].create_index(["run_id"])
