"""W3C PROV-JSON export of one quote's lineage, built and serialised with the `prov` package."""

from __future__ import annotations

import json
import logging
import re
import sqlite3

import sqlite_utils
from prov.constants import PROV
from prov.model import PROV_LABEL, PROV_TYPE, PROV_VALUE, ProvDocument

LOGGER = logging.getLogger(__name__)

NAMESPACE = "https://quote-provenance.example/ns#"
SLUG_RE = re.compile(r"[^a-z0-9]+")
LINEAGE_QUERY = """
select o.id, o.text, o.kind, o.speaker_name, o.is_canonical, o.drift, o.article_id,
       l.source_occurrence_id, l.source_article_id, l.source_outlet_id, l.evidence, l.confidence,
       l.reason, l.depth
from quote_occurrences o left join lineage l on l.occurrence_id = o.id
where o.quote_id = ?
order by o.id
"""


def slug(text: str) -> str:
    """A QName-safe local name."""
    return SLUG_RE.sub("-", text.casefold()).strip("-") or "unnamed"


def find_root(occurrence_id: int, sources: dict[int, int | None]) -> int:
    """The occurrence a chain of sources ends at."""
    seen = set()
    current = occurrence_id
    while sources.get(current) is not None and current not in seen:
        seen.add(current)
        current = sources[current]
    return current


def export_quote_prov(db: sqlite_utils.Database | sqlite3.Connection, quote_id: int) -> dict:
    """The PROV-JSON document (as a dict) of one quote cluster's lineage (from a database or a connection)."""
    quote = db.execute(
        "select id, text, speaker, origin_kind, origin_reason, origin_outlet_id, origin_article_id"
        " from quotes where id = ?",
        [quote_id],
    ).fetchone()
    if quote is None:
        raise LookupError(f"no quote with id {quote_id}")
    _, canonical, speaker, origin_kind, origin_reason, origin_outlet_id, origin_article_id = quote
    rows = db.execute(LINEAGE_QUERY, [quote_id]).fetchall()
    article_ids = sorted({row[6] for row in rows} | {row[8] for row in rows if row[8]})
    marks = ", ".join("?" * len(article_ids))
    articles = {
        row[0]: row[1:]
        for row in db.execute(
            f"select id, url, title, published, first_seen, outlet_id from articles where id in ({marks})",
            article_ids,
        )
    } if article_ids else {}
    outlet_ids = sorted(
        {a[4] for a in articles.values() if a[4] is not None}
        | {row[9] for row in rows if row[9] is not None}
        | ({origin_outlet_id} if origin_outlet_id else set())
    )
    outlets = {
        row[0]: row[1:]
        for row in db.execute(
            f"select id, name, kind, domain from outlets where id in ({', '.join('?' * len(outlet_ids))})",
            outlet_ids,
        )
    } if outlet_ids else {}

    document = ProvDocument()
    pq = document.add_namespace("pq", NAMESPACE)
    document.add_namespace("quote", NAMESPACE + "quote/")
    document.add_namespace("occ", NAMESPACE + "occurrence/")
    document.add_namespace("article", NAMESPACE + "article/")
    document.add_namespace("outlet", NAMESPACE + "outlet/")
    document.add_namespace("person", NAMESPACE + "person/")
    document.add_namespace("uncrawled", NAMESPACE + "uncrawled/")

    quote_entity = document.entity(
        f"quote:{quote_id}",
        {
            PROV_TYPE: pq["Quote"],
            PROV_VALUE: canonical,
            pq["originKind"]: origin_kind or "unresolved",
            pq["originReason"]: origin_reason or "",
        },
    )
    if speaker:
        person = document.agent(f"person:{slug(speaker)}", {PROV_TYPE: PROV["Person"], PROV_LABEL: speaker})
        document.wasAttributedTo(quote_entity, person)
    for outlet_id, (name, kind, domain) in outlets.items():
        attributes = {PROV_TYPE: PROV["Organization"], PROV_LABEL: name, pq["outletKind"]: kind or "unknown"}
        if domain:
            attributes[pq["domain"]] = domain
        document.agent(f"outlet:{outlet_id}", attributes)
    for article_id, (url, title, published, first_seen, outlet_id) in articles.items():
        # an article is a collection: its quote occurrences are members of it
        article_attributes = [(PROV_TYPE, pq["Article"]), (PROV_TYPE, PROV["Collection"]), (pq["url"], url)]
        if title:
            article_attributes.append((PROV_LABEL, title))
        # the publication time only when the article gave one; when we first saw it, apart
        if published:
            article_attributes.append((pq["published"], published))
        if first_seen:
            article_attributes.append((pq["firstSeen"], first_seen))
        document.entity(f"article:{article_id}", article_attributes)
        if outlet_id is not None:
            document.wasAttributedTo(f"article:{article_id}", f"outlet:{outlet_id}")

    sources = {row[0]: row[7] for row in rows}
    by_id = {row[0]: row for row in rows}
    uncrawled: dict[int, str] = {}
    derived_articles: set[tuple[int, int]] = set()

    def uncrawled_article(outlet_id: int) -> str:
        """The entity standing for a credited outlet's article that was never crawled."""
        if outlet_id not in uncrawled:
            name = outlets.get(outlet_id, (f"outlet {outlet_id}",))[0]
            uncrawled[outlet_id] = f"uncrawled:{quote_id}-{outlet_id}"
            document.entity(
                uncrawled[outlet_id],
                {PROV_TYPE: pq["UncrawledArticle"], PROV_LABEL: f"{name}'s article (not crawled)"},
            )
            document.wasAttributedTo(uncrawled[outlet_id], f"outlet:{outlet_id}")
        return uncrawled[outlet_id]

    for (occ_id, text, kind, speaker_name, is_canonical, drift, article_id, source_occ, source_article,
         source_outlet, evidence, confidence, reason, depth) in rows:
        attributes = {
            PROV_TYPE: pq["QuoteOccurrence"],
            PROV_VALUE: text,
            pq["kind"]: kind or "speech",
            pq["canonical"]: bool(is_canonical),
        }
        if drift:
            attributes[pq["drift"]] = drift
        if speaker_name:
            attributes[pq["speaker"]] = speaker_name
        occurrence = document.entity(f"occ:{occ_id}", attributes)
        document.specializationOf(occurrence, quote_entity)
        document.hadMember(f"article:{article_id}", occurrence)
        if evidence is None:
            continue  # not traced yet
        how = {pq["evidence"]: evidence, pq["confidence"]: float(confidence or 0), pq["reason"]: reason or ""}
        if source_occ is not None:
            document.wasQuotedFrom(occurrence, f"occ:{source_occ}", other_attributes=how)
            copied = evidence == "reuse" or (evidence == "credit" and (reason or "").startswith("the article is"))
            if copied and (article_id, source_article) not in derived_articles:
                # the article's text is derived from the source article (reprint or reuse)
                derived_articles.add((article_id, source_article))
                document.wasDerivedFrom(
                    f"article:{article_id}", f"article:{source_article}",
                    other_attributes={pq["evidence"]: evidence},
                )
        elif source_outlet is not None:
            document.wasQuotedFrom(occurrence, uncrawled_article(source_outlet), other_attributes=how)
        elif speaker:
            document.wasAttributedTo(occurrence, f"person:{slug(speaker)}")  # heard first-hand
        root = by_id[find_root(occ_id, sources)]
        if root[7] is None and root[9] is not None and root[10] != "origin":
            document.hadPrimarySource(occurrence, uncrawled_article(root[9]))
        elif root[0] != occ_id:
            document.hadPrimarySource(occurrence, f"occ:{root[0]}")
    if origin_article_id is not None:
        origins = [row[0] for row in rows if row[6] == origin_article_id and row[10] == "origin"]
        for occ_id in origins[:1]:
            document.hadPrimarySource(quote_entity, f"occ:{occ_id}")
    elif origin_outlet_id is not None and origin_outlet_id in uncrawled:
        document.hadPrimarySource(quote_entity, uncrawled[origin_outlet_id])
    return json.loads(document.serialize(format="json"))
