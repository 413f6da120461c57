"""The outlet page: whom it credits, who credits it, what it carried without credit."""

from __future__ import annotations

import logging
import sqlite3
from typing import TYPE_CHECKING

from datasette.utils.asgi import Response

from provenance.web.formatting import describe_evidence, format_confidence, format_time, label_origin_kind
from provenance.web.links import PageUrls, render_external_link
from provenance.web.pages import parse_id, render_page, resolve_database, show_missing
from provenance.web.sql import cap_rows, fetch_row, fetch_rows

if TYPE_CHECKING:
    from datasette.app import Datasette
    from datasette.utils.asgi import Request

LOGGER = logging.getLogger(__name__)

MAX_ROWS = 100

SUMMARY_SQL = """
select count(*) as articles, min(time_key) as first_time, max(time_key) as last_time
from articles where outlet_id = ?
"""

# One row per outlet, however many ways it is credited (CREDIT_KINDS_* say how, each with its articles).
CREDITS_GIVEN_SQL = """
select c.outlet_id as id, o.name, o.kind, count(*) as credits, count(distinct c.article_id) as articles
from articles a
join credits c on c.article_id = a.id
join outlets o on o.id = c.outlet_id
where a.outlet_id = :outlet and c.outlet_id != :outlet
group by c.outlet_id
order by articles desc, credits desc, o.name
limit :limit
"""

CREDIT_KINDS_GIVEN_SQL = """
select c.outlet_id as id, c.kind as credit_kind, count(distinct c.article_id) as articles
from articles a
join credits c on c.article_id = a.id
where a.outlet_id = :outlet and c.outlet_id != :outlet
group by c.outlet_id, c.kind
"""

CREDITS_RECEIVED_SQL = """
select a.outlet_id as id, o.name, o.kind, count(*) as credits, count(distinct c.article_id) as articles
from credits c
join articles a on a.id = c.article_id
join outlets o on o.id = a.outlet_id
where c.outlet_id = :outlet and a.outlet_id != :outlet
group by a.outlet_id
order by articles desc, credits desc, o.name
limit :limit
"""

CREDIT_KINDS_RECEIVED_SQL = """
select a.outlet_id as id, c.kind as credit_kind, count(distinct c.article_id) as articles
from credits c
join articles a on a.id = c.article_id
where c.outlet_id = :outlet and a.outlet_id != :outlet
group by a.outlet_id, c.kind
"""

# Quotes this outlet printed whose traced source is another outlet it did not credit or link.
# CROSS JOIN keeps SQLite starting from the outlet's articles, not from every lineage row.
UNCREDITED_QUOTES_SQL = """
select q.id as occurrence_id, q.quote_id, q.text, a.id as article_id, a.title, a.time_key,
  l.evidence, l.confidence, l.reason, l.source_outlet_id, l.source_article_id,
  so.name as source_outlet
from articles a
cross join quote_occurrences q on q.article_id = a.id
cross join lineage l on l.occurrence_id = q.id
left join outlets so on so.id = l.source_outlet_id
where a.outlet_id = :outlet
  and l.evidence in ('reuse', 'mutation', 'earlier')
  and coalesce(l.source_outlet_id, -1) != :outlet
order by a.time_key desc, q.id
limit :limit
"""

# Articles that reuse another outlet's text and credit that outlet nowhere.
UNCREDITED_REUSE_SQL = """
select r.article_id, a.title, a.time_key, r.source_article_id, sa.title as source_title,
  sa.time_key as source_time, sa.outlet_id as source_outlet_id, so.name as source_outlet,
  r.containment, r.verdict
from articles a
join article_reuse r on r.article_id = a.id
join articles sa on sa.id = r.source_article_id
left join outlets so on so.id = sa.outlet_id
where a.outlet_id = :outlet
  and r.verdict in ('wholly', 'partially')
  and sa.outlet_id != :outlet
  and not exists (
    select 1 from credits c where c.article_id = a.id and c.outlet_id = sa.outlet_id
  )
order by a.time_key desc
limit :limit
"""

# The ones others took up first: most of an outlet's quotes are printed by it alone.
ORIGINATED_SQL = """
select id, text, speaker, origin_kind, article_count, outlet_count, first_seen
from quotes where origin_outlet_id = ?
order by outlet_count desc, article_count desc, first_seen, id
limit ?
"""

# Printings it had first-hand of quotes another outlet printed here first (a public statement heard by several).
ALSO_FIRST_HAND_SQL = """
select q.id, q.text, q.speaker, q.origin_kind, q.origin_outlet_id, origin.name as origin_outlet,
  q.origin_article_id, a.id as article_id, a.time_key,
  exists (select 1 from articles crawled where crawled.outlet_id = q.origin_outlet_id) as origin_crawled
from articles a
cross join quote_occurrences o on o.article_id = a.id
cross join lineage l on l.occurrence_id = o.id
join quotes q on q.id = o.quote_id
left join outlets origin on origin.id = q.origin_outlet_id
where a.outlet_id = :outlet and l.evidence = 'origin' and coalesce(q.origin_outlet_id, -1) != :outlet
order by a.time_key desc, o.id
limit :limit
"""

RECENT_SQL = """
select id, title, url, time_key from articles where outlet_id = ?
order by time_key desc, id desc limit ?
"""


def load_outlet(conn: sqlite3.Connection, outlet_id: int) -> dict | None:
    """The outlet with its credits given and received, uncredited copies, origins, articles."""
    outlet = fetch_row(conn, "select * from outlets where id = ?", [outlet_id])
    if outlet is None:
        return None
    params = {"outlet": outlet_id, "limit": MAX_ROWS + 1}
    data: dict = {
        "outlet": outlet,
        "summary": fetch_row(conn, SUMMARY_SQL, [outlet_id]),
        "recent": fetch_rows(conn, RECENT_SQL, [outlet_id, 20]),
        "originated_count": conn.execute(
            "select count(*) from quotes where origin_outlet_id = ?", [outlet_id]
        ).fetchone()[0],
        "more": {},
    }
    for name, kinds_sql in (("credits_given", CREDIT_KINDS_GIVEN_SQL), ("credits_received", CREDIT_KINDS_RECEIVED_SQL)):
        data[name + "_kinds"] = fetch_rows(conn, kinds_sql, {"outlet": outlet_id})
    for name, rows in (
        ("credits_given", fetch_rows(conn, CREDITS_GIVEN_SQL, params)),
        ("credits_received", fetch_rows(conn, CREDITS_RECEIVED_SQL, params)),
        ("uncredited_quotes", fetch_rows(conn, UNCREDITED_QUOTES_SQL, params)),
        ("uncredited_reuse", fetch_rows(conn, UNCREDITED_REUSE_SQL, params)),
        ("originated", fetch_rows(conn, ORIGINATED_SQL, [outlet_id, MAX_ROWS + 1])),
        ("also_first_hand", fetch_rows(conn, ALSO_FIRST_HAND_SQL, params)),
    ):
        data[name], data["more"][name] = cap_rows(rows, MAX_ROWS)
    return data


def group_credit_kinds(rows: list[dict]) -> dict[int, list[tuple[str, int]]]:
    """Each outlet's credit kinds with their articles, most articles first (then by kind)."""
    kinds: dict[int, list[tuple[str, int]]] = {}
    for row in rows:
        kinds.setdefault(row["id"], []).append((row["credit_kind"], row["articles"]))
    return {outlet_id: sorted(pairs, key=lambda pair: (-pair[1], pair[0])) for outlet_id, pairs in kinds.items()}


def build_outlet_context(data: dict, urls: PageUrls) -> dict:
    """Everything the outlet template needs, with links and times in words."""
    outlet = data["outlet"]
    summary = data["summary"] or {}
    for name in ("credits_given", "credits_received"):
        kinds = group_credit_kinds(data[name + "_kinds"])
        for row in data[name]:
            row["href"] = urls.outlet(row["id"])
            row["how"] = kinds.get(row["id"], [])
    for row in data["uncredited_quotes"]:
        row["quote_href"] = urls.quote(row["quote_id"])
        row["article_href"] = urls.article(row["article_id"])
        row["time"] = format_time(row["time_key"])
        row["source_href"] = urls.outlet(row["source_outlet_id"]) if row["source_outlet_id"] else None
        row["source_article_href"] = urls.article(row["source_article_id"]) if row["source_article_id"] else None
        row["evidence_words"] = describe_evidence(row["evidence"])
        row["confidence_text"] = format_confidence(row["confidence"])
    for row in data["uncredited_reuse"]:
        row["article_href"] = urls.article(row["article_id"])
        row["source_article_href"] = urls.article(row["source_article_id"])
        row["source_href"] = urls.outlet(row["source_outlet_id"]) if row["source_outlet_id"] else None
        row["time"] = format_time(row["time_key"])
        row["containment_text"] = format_confidence(row["containment"])
    for row in data["originated"]:
        row["href"] = urls.quote(row["id"])
        row["time"] = format_time(row["first_seen"])
        row["origin_label"] = label_origin_kind(row["origin_kind"])
    for row in data["also_first_hand"]:
        row["href"] = urls.quote(row["id"])
        row["article_href"] = urls.article(row["article_id"])
        row["time"] = format_time(row["time_key"])
        row["origin_label"] = label_origin_kind(row["origin_kind"])
        row["origin_href"] = urls.outlet(row["origin_outlet_id"]) if row["origin_outlet_id"] else None
    for row in data["recent"]:
        row["href"] = urls.article(row["id"])
        row["time"] = format_time(row["time_key"])
        row["source_link"] = render_external_link(row["url"], "source page")
    domain = outlet.get("domain")
    return dict(
        data,
        summary=dict(
            summary,
            first=format_time(summary.get("first_time")) if summary.get("first_time") else "",
            last=format_time(summary.get("last_time")) if summary.get("last_time") else "",
        ),
        kind_words=(outlet.get("kind") or "unknown").replace("_", " "),
        domain_link=render_external_link(f"https://{domain}/", domain) if domain else "",
        max_rows=MAX_ROWS,
        links={
            "row": urls.row("outlets", outlet["id"]),
            "articles": urls.table("articles", outlet_id=outlet["id"]),
            "credits_received": urls.table("credits", outlet_id=outlet["id"]),
            "originated": urls.table("quotes", origin_outlet_id=outlet["id"]),
            "lineage_sourced": urls.table("lineage", source_outlet_id=outlet["id"]),
        },
        timeline_href=urls.timeline() + f"?outlet={outlet['id']}",
    )


async def show_outlet_page(request: Request, datasette: Datasette) -> Response:
    """GET /<database>/-/outlet/<id>: one outlet's credits, copies and origins."""
    database, urls = await resolve_database(request, datasette)
    outlet_id = parse_id(request, "outlet_id")
    data = None if outlet_id is None else await database.execute_fn(lambda conn: load_outlet(conn, outlet_id))
    if data is None:
        return await show_missing(datasette, request, urls, "outlet")
    context = build_outlet_context(data, urls)
    return await render_page(datasette, request, "provenance_outlet.html", context, database=database.name)
