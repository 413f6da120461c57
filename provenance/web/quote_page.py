"""The quote page: a cluster's origin, lineage graph and every occurrence with its wording."""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import unquote

from datasette.utils.asgi import Response

from provenance.retired import RetiredQuote, find_retired_quote
from provenance.times import TIME_ORDER_SQL
from provenance.web.drift import describe_change, diff_words, render_drift
from provenance.web.formatting import (
    describe_evidence,
    describe_origin_kind,
    format_confidence,
    format_time,
    isolate_text,
    label_origin_kind,
)
from provenance.web.links import PageUrls, render_external_link
from provenance.web.pages import parse_id, render_page, resolve_database, show_missing
from provenance.web.sql import fetch_by_ids, fetch_row, fetch_rows
from provenance.web.svg_graph import GraphEdge, GraphNode, chain_steps, render_lineage_svg

if TYPE_CHECKING:
    from datasette.app import Datasette
    from datasette.utils.asgi import Request

LOGGER = logging.getLogger(__name__)

MAX_OCCURRENCES = 100
MAX_GRAPH_ARTICLES = 80

OCCURRENCES_SQL = f"""
select
  o.id, o.article_id, o.text, o.speaker, o.speaker_name, o.cue, o.kind, o.is_canonical,
  o.seen_at, o.withdrawn_at,
  a.url, a.canonical_url, a.title, coalesce(o.seen_at, a.time_key) as time_key, a.outlet_id,
  l.source_occurrence_id, l.source_article_id, l.source_outlet_id, l.evidence,
  l.confidence, l.reason, l.depth
from quote_occurrences o
join articles a on a.id = o.article_id
left join lineage l on l.occurrence_id = o.id
where o.quote_id = ?
order by {TIME_ORDER_SQL.format("coalesce(o.seen_at, a.time_key)")}, o.article_id, o.start
limit ?
"""  # a date alone comes after the times of its day, as in the graph

COUNTS_SQL = """
select count(*) as occurrences, count(distinct o.article_id) as articles,
  count(distinct a.outlet_id) as outlets, count(distinct o.normalized) - 1 as variants
from quote_occurrences o join articles a on a.id = o.article_id
where o.quote_id = ?
"""
COUNT_KEYS = {"articles": "article_count", "outlets": "outlet_count", "variants": "variant_count"}

# The credits behind a credit or link edge: what its article says of the source outlet.
EDGE_CREDITS_SQL = """
select article_id, outlet_id, kind, cue, sentence, scope, url from credits
where article_id = ? and outlet_id = ?
order by start, id
"""
MAX_EDGE_CREDITS = 2
CREDIT_EVIDENCE = ("credit", "link")


@dataclass
class QuoteData:
    """What the quote page shows, as read from the database."""

    quote: dict
    occurrences: list[dict]
    counts: dict
    outlets: dict[int, dict] = field(default_factory=dict)
    articles: dict[int, dict] = field(default_factory=dict)  # every article referred to
    crawled: set[int] = field(default_factory=set)  # outlets of `outlets` with an article here
    credits: dict[tuple[int, int], list[dict]] = field(default_factory=dict)  # (article, outlet) -> its credits

    @property
    def truncated(self) -> bool:
        return self.counts["occurrences"] > len(self.occurrences)


def load_quote(conn: sqlite3.Connection, quote_id: int) -> QuoteData | None:
    """The quote, its occurrences with lineage, and the outlets and articles they refer to."""
    quote = fetch_row(conn, "select * from quotes where id = ?", [quote_id])
    if quote is None:
        return None
    occurrences = fetch_rows(conn, OCCURRENCES_SQL, [quote_id, MAX_OCCURRENCES])
    if all(quote.get(column) is not None for column in COUNT_KEYS.values()):
        # Clustering keeps the counts on the quote row; only the printings need counting.
        counts = {key: quote[column] for key, column in COUNT_KEYS.items()}
        counts["occurrences"] = conn.execute(
            "select count(*) from quote_occurrences where quote_id = ?", [quote_id]
        ).fetchone()[0]
    else:
        counts = fetch_row(conn, COUNTS_SQL, [quote_id]) or {}
    counts["wordings"] = (counts.get("variants") or 0) + 1
    article_ids = {row["article_id"] for row in occurrences}
    article_ids |= {row["source_article_id"] for row in occurrences if row["source_article_id"]}
    if quote.get("origin_article_id"):
        article_ids.add(quote["origin_article_id"])
    articles = fetch_by_ids(
        conn,
        "select id, url, canonical_url, title, time_key, outlet_id from articles where id in",
        article_ids,
    )
    outlet_ids = {row["outlet_id"] for row in articles.values()}
    outlet_ids |= {row["source_outlet_id"] for row in occurrences if row["source_outlet_id"]}
    if quote.get("origin_outlet_id"):
        outlet_ids.add(quote["origin_outlet_id"])
    outlets = fetch_by_ids(conn, "select id, name, kind, domain from outlets where id in", outlet_ids)
    crawled = {row["outlet_id"] for row in articles.values()}
    crawled |= {
        outlet_id for outlet_id in outlets.keys() - crawled
        if conn.execute("select 1 from articles where outlet_id = ? limit 1", [outlet_id]).fetchone()
    }
    credits = {
        (row["article_id"], row["source_outlet_id"]): fetch_rows(
            conn, EDGE_CREDITS_SQL, [row["article_id"], row["source_outlet_id"]]
        )
        for row in occurrences
        if row["evidence"] in CREDIT_EVIDENCE and row["source_outlet_id"]
    }
    return QuoteData(quote, occurrences, counts, outlets, articles, crawled, credits)


def pick_edge_credits(credits: list[dict], evidence: str, reason: str) -> list[dict]:
    """The credits a credit or link edge rests on: those whose cue its reason quotes, else the likeliest."""
    stated = reason.split("; not applicable:", 1)[0]  # the rest names credits the tracer set aside
    quoted = [row for row in credits if row["cue"] and f'"{row["cue"]}"' in stated]
    if not quoted and evidence == "link":
        quoted = [row for row in credits if row["kind"] == "link"]
    if not quoted:
        quoted = [row for row in credits if row["scope"] != "fact"] or credits
    return quoted[:MAX_EDGE_CREDITS]


def outlet_name(data: QuoteData, outlet_id: int | None) -> str:
    """The outlet's name, or a placeholder for a missing one."""
    outlet = data.outlets.get(outlet_id) if outlet_id is not None else None
    return outlet["name"] if outlet else "unknown outlet"


def build_graph(data: QuoteData, urls: PageUrls) -> tuple[list[GraphNode], list[GraphEdge]]:
    """Nodes for the articles carrying the quote and their sources; an edge per lineage link."""
    nodes: dict[str, GraphNode] = {}
    edges: dict[tuple[str, str], GraphEdge] = {}
    drawn_articles: set[int] = set()
    for row in data.occurrences:
        if len(drawn_articles) >= MAX_GRAPH_ARTICLES and row["article_id"] not in drawn_articles:
            continue
        drawn_articles.add(row["article_id"])
    depth_of: dict[int, int] = {}
    origin_articles: set[int] = set()
    for row in data.occurrences:
        if row["article_id"] not in drawn_articles:
            continue
        depth = row["depth"] if row["depth"] is not None else 99
        depth_of[row["article_id"]] = min(depth, depth_of.get(row["article_id"], 99))
        if row["evidence"] == "origin":
            origin_articles.add(row["article_id"])

    def add_article(article_id: int) -> str:
        key = f"a{article_id}"
        if key not in nodes:
            article = data.articles.get(article_id, {})
            name = outlet_name(data, article.get("outlet_id"))
            first_hand = "; printed it first-hand" if article_id in origin_articles else ""
            nodes[key] = GraphNode(
                key=key,
                label=name,
                sublabel=format_time(article.get("time_key")),
                time_key=article.get("time_key") or "",
                href=urls.article(article_id),
                title=f"{isolate_text(name)}: {isolate_text(article.get('title') or article.get('url') or '')}{first_hand}",
                article_title=article.get("title") or "an untitled article",
                is_origin=article_id in origin_articles,
                order=(depth_of.get(article_id, 99), name.casefold()),
            )
        return key

    def add_outlet(outlet_id: int) -> str:
        key = f"o{outlet_id}"
        if key not in nodes:
            name = outlet_name(data, outlet_id)
            nodes[key] = GraphNode(
                key=key,
                label=name,
                sublabel="credited; its article not here",
                time_key=None,
                href=urls.outlet(outlet_id),
                title=f"{isolate_text(name)}: credited as the source; its article with the quote was not crawled",
                order=(0, name.casefold()),
            )
        return key

    for article_id in sorted(drawn_articles, key=lambda a: data.articles.get(a, {}).get("time_key") or ""):
        add_article(article_id)
    for row in data.occurrences:
        if row["article_id"] not in drawn_articles or not row["evidence"] or row["evidence"] == "origin":
            continue
        if row["source_article_id"]:
            source = add_article(row["source_article_id"])
        elif row["source_outlet_id"]:
            source = add_outlet(row["source_outlet_id"])
        else:
            continue
        target = f"a{row['article_id']}"
        if source == target:
            continue
        edge = GraphEdge(source, target, row["evidence"], row["confidence"], row["reason"] or "")
        known = edges.get((source, target))
        if known is None or (edge.confidence or 0) > (known.confidence or 0):
            edges[(source, target)] = edge
    return list(nodes.values()), list(edges.values())


def describe_other_roots(data: QuoteData, urls: PageUrls) -> list[dict]:
    """Where the chains that do not reach the origin end: first-hand printings, credited outlets without the article."""
    quote = data.quote
    origin_article = quote.get("origin_article_id")
    origin_outlet = None if origin_article else quote.get("origin_outlet_id")
    roots: dict[tuple[str, int], dict] = {}
    for row in data.occurrences:
        if row["evidence"] == "origin" and row["article_id"] != origin_article:
            article = data.articles.get(row["article_id"], {})
            roots.setdefault(("article", row["article_id"]), {
                "outlet": outlet_name(data, article.get("outlet_id")),
                "outlet_href": urls.outlet(article["outlet_id"]) if article.get("outlet_id") else None,
                "article_href": urls.article(row["article_id"]),
                "time": format_time(article.get("time_key")),
                "credited_by": [],
            })
        elif (row["evidence"] in CREDIT_EVIDENCE and not row["source_article_id"] and row["source_outlet_id"]
              and row["source_outlet_id"] != origin_outlet):
            root = roots.setdefault(("outlet", row["source_outlet_id"]), {
                "outlet": outlet_name(data, row["source_outlet_id"]),
                "outlet_href": urls.outlet(row["source_outlet_id"]),
                "article_href": None,
                "crawled": row["source_outlet_id"] in data.crawled,
                "credited_by": [],
            })
            crediting = outlet_name(data, row["outlet_id"])
            if crediting not in root["credited_by"]:
                root["credited_by"].append(crediting)
    return list(roots.values())


def describe_origin(data: QuoteData, urls: PageUrls) -> dict:
    """The origin in words: kind, outlet, article, the tracer's reason and the other roots."""
    quote = data.quote
    article = data.articles.get(quote.get("origin_article_id")) if quote.get("origin_article_id") else None
    outlet_id = quote.get("origin_outlet_id") or (article or {}).get("outlet_id")
    reason = quote.get("origin_reason") or ""
    return {
        # the tracer's own count wins: a credited relay of the origin (UPI crediting CNBC) is no other root
        "other_roots": [] if "(the only root)" in reason else describe_other_roots(data, urls),
        "kind": quote.get("origin_kind") or "",
        "label": label_origin_kind(quote.get("origin_kind")),
        "kind_words": describe_origin_kind(quote.get("origin_kind")),
        "outlet": data.outlets.get(outlet_id) if outlet_id else None,
        "outlet_href": urls.outlet(outlet_id) if outlet_id else None,
        "outlet_crawled": outlet_id in data.crawled,
        "article": article,
        "article_href": urls.article(article["id"]) if article else None,
        "time": format_time(article.get("time_key")) if article else "",
        "reason": quote.get("origin_reason") or "",
    }


def describe_occurrences(data: QuoteData, urls: PageUrls) -> list[dict]:
    """One display row per occurrence: outlet, time, speaker, wording with drift, source."""
    canonical = data.quote.get("text") or ""
    drifts: dict[str, tuple] = {}  # wording -> (markup, changed words): variants are few
    rows = []
    for row in data.occurrences:
        if row["text"] not in drifts:
            drifts[row["text"]] = (
                render_drift(canonical, row["text"]),
                describe_change(diff_words(canonical, row["text"])),
            )
        wording, change = drifts[row["text"]]
        article = data.articles.get(row["article_id"], {})
        source = None
        if row["evidence"] and row["evidence"] != "origin":
            source_article = data.articles.get(row["source_article_id"]) if row["source_article_id"] else None
            source_outlet_id = row["source_outlet_id"] or (source_article or {}).get("outlet_id")
            source = {
                "outlet": outlet_name(data, source_outlet_id) if source_outlet_id else None,
                "outlet_href": urls.outlet(source_outlet_id) if source_outlet_id else None,
                "outlet_crawled": source_outlet_id in data.crawled,
                "article_href": urls.article(source_article["id"]) if source_article else None,
                "time": format_time(source_article["time_key"]) if source_article else "",
                "shared_href": (
                    urls.article(row["article_id"]) + f"#shared-{source_article['id']}"
                    if row["evidence"] == "reuse" and source_article else None
                ),
                "credits": [
                    {
                        "kind": credit["kind"],
                        "cue": credit["cue"] or "",
                        "sentence": credit["sentence"] or "",
                        "link": render_external_link(credit["url"]) if credit["url"] else "",
                    }
                    for credit in pick_edge_credits(
                        data.credits.get((row["article_id"], row["source_outlet_id"]), []),
                        row["evidence"], row["reason"] or "",
                    )
                ],
            }
        rows.append(
            {
                "id": row["id"],
                "article_id": row["article_id"],
                "article_href": urls.article(row["article_id"]),
                "article_row_href": urls.row("articles", row["article_id"]),
                "title": article.get("title") or "(untitled)",
                "source_url": render_external_link(row["url"], "source page"),
                "time": format_time(row["time_key"]),
                "added_later": bool(row["seen_at"]),
                "withdrawn": format_time(row["withdrawn_at"]) if row["withdrawn_at"] else "",
                "outlet": outlet_name(data, row["outlet_id"]),
                "outlet_href": urls.outlet(row["outlet_id"]) if row["outlet_id"] else None,
                "speaker": row["speaker_name"] or row["speaker"] or "",
                # said only beside a full name: with none, the words printed are the speaker shown
                "speaker_as_printed": (
                    row["speaker"] if row["speaker"] and row["speaker_name"] and row["speaker"] != row["speaker_name"] else ""
                ),
                "cue": row["cue"] or "",
                "kind": row["kind"] or "",
                "wording": wording,
                "change": change,
                "evidence": row["evidence"] or "",
                "evidence_words": describe_evidence(row["evidence"]),
                "confidence": format_confidence(row["confidence"]),
                "reason": row["reason"] or "",
                "depth": row["depth"],
                "source": source,
                "occurrence_row_href": urls.row("quote_occurrences", row["id"]),
            }
        )
    return rows


def build_quote_context(data: QuoteData, urls: PageUrls) -> dict:
    """Everything the quote template needs."""
    nodes, edges = build_graph(data, urls)
    quote_id = data.quote["id"]
    articles = sum(1 for node in nodes if node.time_key is not None)
    description = (
        f"{articles} article{'' if articles == 1 else 's'} and the sources each took the quote from, in time order;"
        " the same lineage is told in words under the graph."
    )
    svg = render_lineage_svg(
        nodes, edges, title=f"Lineage of quote {quote_id}", description=description, time_label=format_time
    )
    return {
        "quote": data.quote,
        "counts": data.counts,
        "origin": describe_origin(data, urls),
        "graph": svg,
        "graph_nodes": len(nodes),
        "graph_edges": len(edges),
        "chain": chain_steps(nodes, edges),
        "graph_truncated": len({row["article_id"] for row in data.occurrences}) > MAX_GRAPH_ARTICLES,
        "max_graph_articles": MAX_GRAPH_ARTICLES,
        "occurrences": describe_occurrences(data, urls),
        "truncated": data.truncated,
        "max_occurrences": MAX_OCCURRENCES,
        "evidence_kinds": [
            (kind, describe_evidence(kind)) for kind in ("credit", "link", "reuse", "mutation", "earlier")
        ],
        "links": {
            "quote_row": urls.row("quotes", quote_id),
            "occurrences": urls.table("quote_occurrences", quote_id=quote_id),
            "lineage": urls.table("lineage", quote_id=quote_id),
            "timeline": urls.timeline() + f"?quote={quote_id}",
            "prov": urls.quote(quote_id) + "/prov.json",
            "person_quotes": (
                urls.table("quotes", person_id=data.quote["person_id"]) if data.quote.get("person_id") is not None else None
            ),
        },
        "first_seen": format_time(data.quote.get("first_seen")),
    }


async def show_quote_page(request: Request, datasette: Datasette) -> Response:
    """GET /<database>/-/quote/<id>: the lineage page of one quote cluster."""
    database, urls = await resolve_database(request, datasette)
    quote_id = parse_id(request, "quote_id")
    data = None if quote_id is None else await database.execute_fn(lambda conn: load_quote(conn, quote_id))
    if data is None:
        retired = None if quote_id is None else await database.execute_fn(lambda conn: find_retired_quote(conn, quote_id))
        if retired is not None:
            return await show_retired(datasette, request, urls, retired)
        return await show_missing(datasette, request, urls, "quote")
    context = build_quote_context(data, urls)
    return await render_page(datasette, request, "provenance_quote.html", context, database=database.name)


async def show_retired(datasette: Datasette, request: Request, urls: PageUrls, retired: RetiredQuote) -> Response:
    """A 410 for a retired quote id: what it showed and where the quote went (the quote holding its founding printing)."""
    context = {
        "retired": retired,
        "retired_at": format_time(retired.retired_at),
        "successor_href": urls.quote(retired.successor_id) if retired.successor_id is not None else "",
        "founder_link": render_external_link(retired.founder_url) if retired.founder_url else "",
        "retired_href": urls.table("retired_quotes"),
        "table_href": urls.table("quotes"),
        "trace_href": urls.base + "/trace_quote",
        "timeline_href": urls.timeline(),
    }
    return await render_page(datasette, request, "provenance_retired.html", context, database=urls.database, status=410)


async def show_quote_prov(request: Request, datasette: Datasette) -> Response:
    """GET /<database>/-/quote/<id>/prov.json: the quote's lineage as W3C PROV-JSON, as `provenance export prov`."""
    from provenance.prov_export import export_quote_prov

    database, urls = await resolve_database(request, datasette)
    quote_id = parse_id(request, "quote_id")

    def export(conn: sqlite3.Connection) -> dict | RetiredQuote | None:
        try:
            return export_quote_prov(conn, quote_id)
        except LookupError:
            return find_retired_quote(conn, quote_id)

    document = None if quote_id is None else await database.execute_fn(export)
    if isinstance(document, RetiredQuote):
        body = {"ok": False, "error": document.describe(), "status": 410, "title": "Gone", "retired": quote_id,
                "successor": document.successor_id}
        return Response.json(body, status=410)
    if document is None:
        # a script asking for JSON gets JSON, as from every other .json address that names nothing
        item = unquote(request.url_vars.get("quote_id", ""))
        message = f"No quote {item} in {database.name}: the quotes table ({urls.table('quotes')}) lists the quotes by id"
        return Response.json({"ok": False, "error": message, "status": 404, "title": "Not found"}, status=404)
    return Response(json.dumps(document, indent=2, sort_keys=True) + "\n",
                    content_type="application/json; charset=utf-8")
