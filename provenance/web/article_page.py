"""The article page: where each of its quotes came from, whom it credits, what text it shares."""

from __future__ import annotations

import logging
import re
import sqlite3
from typing import TYPE_CHECKING

from datasette.utils.asgi import Response

from provenance.reuse import SENTENCE_MIN_CHARS, tokenize
from provenance.web.formatting import describe_evidence, format_confidence, format_time
from provenance.web.links import PageUrls, render_external_link
from provenance.web.pages import parse_id, render_page, resolve_database, show_missing
from provenance.web.sql import cap_rows, fetch_row, fetch_rows

if TYPE_CHECKING:
    from datasette.app import Datasette
    from datasette.utils.asgi import Request

LOGGER = logging.getLogger(__name__)

MAX_ROWS = 200
MAX_SHARED_PAIRS = 20  # reuse rows whose shared sentences are worked out (each reads the other text)
MAX_SHARED_SENTENCES = 12  # shared sentences shown per pair
# A sentence ends at . ! ? (with any closing quote or bracket) before a space, or at a line break.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?=\s|$)|\n")

ARTICLE_SQL = """
select a.id, a.url, a.canonical_url, a.outlet_id, a.title, a.author, a.published, a.first_seen,
  a.time_key, a.word_count, a.source, a.description, a.gone_at, a.gone_status, a.text,
  o.name as outlet_name, o.kind as outlet_kind
from articles a left join outlets o on o.id = a.outlet_id
where a.id = ?
"""

QUOTES_SQL = """
select q.id, q.quote_id, q.text, q.speaker, q.speaker_name, q.kind,
  l.evidence, l.confidence, l.reason, l.source_outlet_id, l.source_article_id,
  so.name as source_outlet, sa.title as source_title, sa.time_key as source_time
from quote_occurrences q
left join lineage l on l.occurrence_id = q.id
left join outlets so on so.id = l.source_outlet_id
left join articles sa on sa.id = l.source_article_id
where q.article_id = ?
order by q.start
limit ?
"""

CREDITS_SQL = """
select c.id, c.kind, c.cue, c.sentence, c.scope, c.is_copy, c.outlet_id, o.name as outlet,
  c.via_outlet_id, v.name as via_outlet, c.url
from credits c
join outlets o on o.id = c.outlet_id
left join outlets v on v.id = c.via_outlet_id
where c.article_id = ?
order by c.start, c.id
limit ?
"""

REUSE_SQL = """
select 'source' as direction, r.source_article_id as other_id, a.title, a.time_key, o.name as outlet,
  a.outlet_id, r.containment, r.verdict,
  case when a.outlet_id = :outlet then 'own'
    when exists (select 1 from credits c where c.article_id = r.article_id and c.outlet_id = a.outlet_id) then 'yes'
    else 'no' end as credited
from article_reuse r join articles a on a.id = r.source_article_id left join outlets o on o.id = a.outlet_id
where r.article_id = :article and r.verdict != 'none'
union all
select 'copy', r.article_id, a.title, a.time_key, o.name, a.outlet_id, r.containment, r.verdict,
  case when a.outlet_id = :outlet then 'own'
    when exists (select 1 from credits c where c.article_id = r.article_id and c.outlet_id = :outlet) then 'yes'
    else 'no' end
from article_reuse r join articles a on a.id = r.article_id left join outlets o on o.id = a.outlet_id
where r.source_article_id = :article and r.verdict != 'none'
limit :limit
"""  # credited: whether the reusing article credits the outlet whose text it reuses ('own': the same outlet)


def split_sentences(text: str) -> list[str]:
    """The sentences of `text` as printed, each with its closing punctuation."""
    sentences, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        sentences.append(text[start : match.end()].strip())
        start = match.end()
    sentences.append(text[start:].strip())
    return [sentence for sentence in sentences if sentence]


def _sentence_key(sentence: str) -> str:
    """A sentence's words as text reuse compares them (NFKC, casefolded, no punctuation)."""
    return " ".join(tokenize(sentence))


def find_shared_sentences(text: str, other: str) -> list[str]:
    """The sentences of `text` that `other` prints too, word for word (punctuation and case aside)."""
    others = {_sentence_key(sentence) for sentence in split_sentences(other)}
    shared, seen = [], set()
    for sentence in split_sentences(text):
        key = _sentence_key(sentence)
        if len(key) >= SENTENCE_MIN_CHARS and key in others and key not in seen:
            seen.add(key)
            shared.append(sentence)
    return shared


def add_shared_sentences(conn: sqlite3.Connection, text: str, rows: list[dict]) -> None:
    """Give the first reuse rows the sentences this article and the other both print."""
    for row in rows[:MAX_SHARED_PAIRS]:
        other = conn.execute("select text from articles where id = ?", [row["other_id"]]).fetchone()
        row["shared"] = find_shared_sentences(text, other[0] or "") if other else []


def load_article(conn: sqlite3.Connection, article_id: int) -> dict | None:
    """The article with its quotes and their sources, its credits and its text reuse."""
    article = fetch_row(conn, ARTICLE_SQL, [article_id])
    if article is None:
        return None
    data: dict = {"article": article, "more": {}}
    for name, rows in (
        ("quotes", fetch_rows(conn, QUOTES_SQL, [article_id, MAX_ROWS + 1])),
        ("credits", fetch_rows(conn, CREDITS_SQL, [article_id, MAX_ROWS + 1])),
        ("reuse", fetch_rows(conn, REUSE_SQL,
                             {"article": article_id, "outlet": article["outlet_id"], "limit": MAX_ROWS + 1})),
    ):
        data[name], data["more"][name] = cap_rows(rows, MAX_ROWS)
    add_shared_sentences(conn, article["text"] or "", data["reuse"])
    return data


def build_article_context(data: dict, urls: PageUrls) -> dict:
    """Everything the article template needs, with links and times in words."""
    article = data["article"]
    previous_reason = None
    for row in data["quotes"]:
        # a wire copy's quotes share one long reason: print it once, then point back to it
        row["reason_above"] = bool(row["reason"]) and row["reason"] == previous_reason
        previous_reason = row["reason"]
        row["quote_href"] = urls.quote(row["quote_id"]) if row["quote_id"] else None
        row["source_href"] = urls.outlet(row["source_outlet_id"]) if row["source_outlet_id"] else None
        row["source_article_href"] = urls.article(row["source_article_id"]) if row["source_article_id"] else None
        row["source_time_text"] = format_time(row["source_time"]) if row["source_time"] else ""
        row["evidence_words"] = describe_evidence(row["evidence"])
        row["confidence_text"] = format_confidence(row["confidence"])
    for row in data["credits"]:
        row["href"] = urls.outlet(row["outlet_id"])
        row["via_href"] = urls.outlet(row["via_outlet_id"]) if row["via_outlet_id"] else None
        row["link"] = render_external_link(row["url"]) if row["url"] else ""
    for row in data["reuse"]:
        row["href"] = urls.article(row["other_id"])
        row["outlet_href"] = urls.outlet(row["outlet_id"]) if row["outlet_id"] else None
        row["time"] = format_time(row["time_key"])
        row["containment_text"] = format_confidence(row["containment"])
        row["anchor"] = f"shared-{row['other_id']}"
        if "shared" in row:
            row["shared_more"] = max(0, len(row["shared"]) - MAX_SHARED_SENTENCES)
            row["shared_shown"] = row["shared"][:MAX_SHARED_SENTENCES]
    return dict(
        data,
        time=format_time(article["time_key"]),
        gone_time=format_time(article["gone_at"]) if article["gone_at"] else "",
        outlet_href=urls.outlet(article["outlet_id"]) if article["outlet_id"] else None,
        source_link=render_external_link(article["url"]),
        canonical_link=(
            render_external_link(article["canonical_url"])
            if article["canonical_url"] and article["canonical_url"] != article["url"]
            else ""
        ),
        links={
            "row": urls.row("articles", article["id"]),
            "occurrences": urls.table("quote_occurrences", article_id=article["id"]),
            "credits": urls.table("credits", article_id=article["id"]),
            "reuses": urls.table("article_reuse", article_id=article["id"]),
            "reused_by": urls.table("article_reuse", source_article_id=article["id"]),
        },
        timeline_href=urls.timeline(),
        max_rows=MAX_ROWS,
        min_shared_chars=SENTENCE_MIN_CHARS,
    )


async def show_article_page(request: Request, datasette: Datasette) -> Response:
    """GET /<database>/-/article/<id>: one article's quotes, credits and reuse."""
    database, urls = await resolve_database(request, datasette)
    article_id = parse_id(request, "article_id")
    data = None if article_id is None else await database.execute_fn(lambda conn: load_article(conn, article_id))
    if data is None:
        return await show_missing(datasette, request, urls, "article")
    context = build_article_context(data, urls)
    return await render_page(datasette, request, "provenance_article.html", context, database=database.name)
