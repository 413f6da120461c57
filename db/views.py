"""SQL views over the contract tables, created or replaced when their definition changes."""

from __future__ import annotations

import sqlite_utils

from provenance.times import TIME_ORDER_SQL

MAX_CHAIN_STEPS = 100  # a guard: lineage has no cycles, but a hand-edited table might

# One row per hop: for every occurrence (occurrence_id), step 0 is the occurrence itself, step 1
# its source, and so on up to the origin (evidence 'origin') or to a credited outlet that was
# never crawled (source_article_id null, source_outlet set).
CHAIN_CTE = f"""
WITH RECURSIVE chain(quote_id, occurrence_id, step, hop_occurrence_id, source_occurrence_id,
                     source_article_id, source_outlet_id, evidence, confidence, reason) AS (
  SELECT l.quote_id, l.occurrence_id, 0, l.occurrence_id, l.source_occurrence_id,
         l.source_article_id, l.source_outlet_id, l.evidence, l.confidence, l.reason
  FROM lineage l
  {{where}}
  UNION ALL
  SELECT c.quote_id, c.occurrence_id, c.step + 1, l.occurrence_id, l.source_occurrence_id,
         l.source_article_id, l.source_outlet_id, l.evidence, l.confidence, l.reason
  FROM chain c JOIN lineage l ON l.occurrence_id = c.source_occurrence_id
  WHERE c.step < {MAX_CHAIN_STEPS}
)
SELECT chain.quote_id, chain.occurrence_id, chain.step, chain.hop_occurrence_id,
       hop.article_id AS hop_article_id, hop_article.url AS hop_url,
       hop_article.time_key AS hop_time, hop_article.outlet_id AS hop_outlet_id,
       hop_outlet.name AS hop_outlet, hop.text AS hop_wording, chain.evidence, chain.confidence,
       chain.source_article_id, chain.source_outlet_id, source_outlet.name AS source_outlet,
       chain.reason
FROM chain
JOIN quote_occurrences hop ON hop.id = chain.hop_occurrence_id
JOIN articles hop_article ON hop_article.id = hop.article_id
LEFT JOIN outlets hop_outlet ON hop_outlet.id = hop_article.outlet_id
LEFT JOIN outlets source_outlet ON source_outlet.id = chain.source_outlet_id
"""

VIEWS: dict[str, str] = {
    # The whole chain from every occurrence to the origin (filter on quote_id or occurrence_id).
    "quote_chains": CHAIN_CTE.format(where=""),
    # Articles carrying a quote first published by another outlet while crediting no one.
    "uncredited_copies": """
SELECT o.article_id, a.url, a.title, a.published, a.time_key AS printed_at, a.outlet_id, outlet.name AS outlet,
       o.quote_id, q.text AS quote, q.speaker, min(o.id) AS occurrence_id, min(o.text) AS printed,
       l.evidence, l.source_article_id, source.url AS source_url, l.source_outlet_id,
       source_outlet.name AS source_outlet, q.origin_outlet_id, origin_outlet.name AS origin_outlet,
       q.origin_article_id, q.origin_kind, l.reason
FROM lineage l
JOIN quote_occurrences o ON o.id = l.occurrence_id
JOIN articles a ON a.id = o.article_id
JOIN quotes q ON q.id = o.quote_id
LEFT JOIN outlets outlet ON outlet.id = a.outlet_id
LEFT JOIN articles source ON source.id = l.source_article_id
LEFT JOIN outlets source_outlet ON source_outlet.id = l.source_outlet_id
LEFT JOIN outlets origin_outlet ON origin_outlet.id = q.origin_outlet_id
WHERE l.evidence IN ('reuse', 'mutation', 'earlier')
  AND q.origin_outlet_id IS NOT NULL
  AND q.origin_outlet_id IS NOT a.outlet_id
  AND NOT EXISTS (SELECT 1 FROM credits c WHERE c.article_id = a.id)
GROUP BY o.article_id, o.quote_id
""",
    # Who credits whom: one row per (crediting outlet, credited outlet).
    "outlet_credit_graph": """
SELECT a.outlet_id AS from_outlet_id, from_outlet.name AS from_outlet, c.outlet_id AS to_outlet_id,
       to_outlet.name AS to_outlet, to_outlet.kind AS to_kind, count(*) AS credits,
       count(DISTINCT c.article_id) AS articles, sum(c.is_copy) AS copy_credits,
       sum(c.scope = 'quote') AS quote_credits, group_concat(DISTINCT c.kind) AS kinds
FROM credits c
JOIN articles a ON a.id = c.article_id
LEFT JOIN outlets from_outlet ON from_outlet.id = a.outlet_id
LEFT JOIN outlets to_outlet ON to_outlet.id = c.outlet_id
GROUP BY a.outlet_id, c.outlet_id
""",
    # Who takes quotes from whom according to lineage, and how often without credit.
    "outlet_source_graph": """
SELECT a.outlet_id, outlet.name AS outlet, l.source_outlet_id, source.name AS source_outlet,
       count(*) AS occurrences, count(DISTINCT o.quote_id) AS quotes,
       sum(l.evidence = 'credit') AS credited, sum(l.evidence = 'link') AS linked,
       sum(l.evidence IN ('reuse', 'mutation', 'earlier')) AS uncredited
FROM lineage l
JOIN quote_occurrences o ON o.id = l.occurrence_id
JOIN articles a ON a.id = o.article_id
LEFT JOIN outlets outlet ON outlet.id = a.outlet_id
LEFT JOIN outlets source ON source.id = l.source_outlet_id
WHERE l.source_outlet_id IS NOT NULL AND l.source_outlet_id IS NOT a.outlet_id
GROUP BY a.outlet_id, l.source_outlet_id
""",
    # Each distinct wording of each quote, with its drift from the canonical one (the same words
    # written another way, "don't" for "do not", are a row of their own); a date alone comes after
    # the times of its day, as everywhere.
    "quote_variants": """
SELECT o.quote_id, q.text AS canonical, min(o.text) AS wording, o.normalized,
       max(o.is_canonical) AS is_canonical, min(o.drift) AS drift, count(*) AS occurrences,
       count(DISTINCT o.article_id) AS articles,
       rtrim(min(""" + TIME_ORDER_SQL.format("coalesce(o.seen_at, a.time_key)") + """), '~') AS first_printed
FROM quote_occurrences o
JOIN quotes q ON q.id = o.quote_id
JOIN articles a ON a.id = o.article_id
GROUP BY o.quote_id, o.normalized, o.drift
""",
    # Each quote with its origin spelled out.
    "quote_origins": """
SELECT q.id AS quote_id, q.text, q.speaker, q.person_id, q.first_seen, q.article_count, q.outlet_count,
       q.variant_count, q.origin_kind, q.origin_outlet_id, outlet.name AS origin_outlet,
       outlet.kind AS origin_outlet_kind, q.origin_article_id, a.url AS origin_url,
       q.origin_reason
FROM quotes q
LEFT JOIN outlets outlet ON outlet.id = q.origin_outlet_id
LEFT JOIN articles a ON a.id = q.origin_article_id
""",
}

# Parameterised queries for metadata.yml: the chain of one quote, computed for that quote alone.
CANNED_QUERIES: dict[str, str] = {
    "quote_chain": CHAIN_CTE.format(where="WHERE l.quote_id = :quote_id").strip()
    + "\nORDER BY chain.occurrence_id, chain.step",
}


def stale_views(db: sqlite_utils.Database) -> list[str]:
    """The views of VIEWS that are missing from `db` or whose SQL differs (reads only)."""
    existing = {
        row["name"]: row["sql"]
        for row in db.query("select name, sql from sqlite_master where type = 'view'")
    }
    return [name for name, select in VIEWS.items() if existing.get(name) != f"CREATE VIEW {name} AS {select.strip()}"]


def ensure_views(db: sqlite_utils.Database) -> None:
    """Create each view in VIEWS, replacing one whose SQL differs; leave equal ones alone."""
    for name in stale_views(db):
        sql = f"CREATE VIEW {name} AS {VIEWS[name].strip()}"
        with db.conn:
            db.execute(f"DROP VIEW IF EXISTS {name}")
            db.execute(sql)
