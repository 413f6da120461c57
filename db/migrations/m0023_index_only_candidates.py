"""Indexes from which the canned queries rank their candidates without reading the rows.

`copies_crediting_no_one`, `uncredited_quotes`, `altered_quotes` and `who_credits_whom` test and
order every candidate on its article's outlet and time, and the rows that held them lie scattered
over the file: at 100,000 articles a cold cache made the first two take 2.4-2.9 s, one page read
for each candidate. The queries now read the candidates from these indexes alone and the rows of
the 1,000 shown only:

- `idx_articles_id_outlet_time`: an article's outlet and time by its id (the queries name it with
  `indexed by`: SQLite prefers the row itself for a lookup by id);
- `idx_quote_occurrences_id_article`: a printing's article by its id;
- `idx_lineage_evidence_source_outlet` in place of `idx_lineage_evidence`, and
  `idx_article_reuse_verdict_containment` with the pair's two articles: each covers its query's
  filter;
- `idx_quote_occurrences_altered`: the printings not in their quote's canonical wording, with
  their drift (`altered_quotes` scanned every printing);
- `idx_credits_article_id` goes: `idx_credits_article_id_outlet_id` serves its lookups.
"""

from __future__ import annotations

import sqlite_utils

VERSION = 23
DESCRIPTION = (
    "indexes covering the canned queries' candidates: articles (id, outlet_id, time_key), printings (id, "
    "article_id) and altered printings, lineage (evidence, source_outlet_id), reuse verdicts with their "
    "articles; idx_credits_article_id dropped"
)

_INDEXES = {
    "idx_articles_id_outlet_time": "articles (id, outlet_id, time_key)",
    "idx_quote_occurrences_id_article": "quote_occurrences (id, article_id)",
    "idx_quote_occurrences_altered": (
        "quote_occurrences (quote_id, article_id, is_canonical, drift) where is_canonical = 0"
    ),
    "idx_lineage_evidence_source_outlet": "lineage (evidence, source_outlet_id)",
}


def apply(db: sqlite_utils.Database) -> None:
    """Make the covering indexes and drop the ones they replace."""
    for name, definition in _INDEXES.items():
        db.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}")
    db.execute("DROP INDEX IF EXISTS idx_lineage_evidence")
    db.execute("DROP INDEX IF EXISTS idx_credits_article_id")
    db.execute("DROP INDEX IF EXISTS idx_article_reuse_verdict_containment")
    db.execute(
        "CREATE INDEX idx_article_reuse_verdict_containment "
        "ON article_reuse (verdict, containment, article_id, source_article_id)"
    )
