"""The story timeline page: articles and the quotes they carry, in time order, with filters."""

from __future__ import annotations

import datetime
import logging
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from provenance.web.search_words import match_query
from datasette.utils.asgi import Response

from provenance.times import TIME_ORDER_SQL, time_order
from provenance.urls import CONTROL_RE
from provenance.web.formatting import format_confidence, format_time
from provenance.web.links import PageUrls, render_external_link
from provenance.web.pages import render_page, resolve_database
from provenance.web.sql import fetch_by_ids, fetch_rows, has_tables, parse_row_id
from provenance.web.svg_timeline import TimelineLane, TimelinePoint, render_timeline_svg

if TYPE_CHECKING:
    from datasette.app import Datasette
    from datasette.utils.asgi import Request

LOGGER = logging.getLogger(__name__)

PAGE_SIZE = 100
MAX_LANES = 20
MAX_FILTER_CHARS = 200
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _text_arg(args, name: str) -> str:
    """A free-text filter as typed, without control characters (a NUL would reach the page) and capped."""
    return CONTROL_RE.sub("", args.get(name) or "").strip()[:MAX_FILTER_CHARS]


def parse_day(text: str) -> datetime.date | None:
    """A calendar day written YYYY-MM-DD, else None."""
    if not _DAY.fullmatch(text):
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


@dataclass
class TimelineFilters:
    """What the researcher narrowed the timeline to."""

    q: str = ""
    story: str = ""  # a story of the scheduled crawl (crawl_urls.story)
    quote: int | None = None
    outlet: int | None = None
    day: str = ""  # YYYY-MM-DD: only the articles of that day (UTC)
    after: tuple[str, int] | None = None  # (time_key, id) of the last article on the previous page
    unread: tuple[tuple[str, str], ...] = ()  # (quote, outlet or day, the value given) that is none: said, not used

    @classmethod
    def from_args(cls, args) -> "TimelineFilters":
        """Read ?q=, ?story=, ?quote=, ?outlet=, ?day=, ?after= leniently: bad ids and days kept in `unread`."""
        time_key, _, after_id = (args.get("after") or "").rpartition("|")
        after_row = parse_row_id(after_id)
        after = (time_key, after_row) if time_key and after_row is not None else None
        quote, outlet = parse_row_id(args.get("quote")), parse_row_id(args.get("outlet"))
        unread = tuple(
            (name, _text_arg(args, name))
            for name, value in (("quote", quote), ("outlet", outlet))
            if value is None and _text_arg(args, name)
        )
        day = _text_arg(args, "day")
        if day and parse_day(day) is None:
            unread += (("day", day),)
            day = ""
        return cls(
            q=_text_arg(args, "q"),
            story=_text_arg(args, "story"),
            quote=quote,
            outlet=outlet,
            day=day,
            after=after,
            unread=unread,
        )

    def query_string(self, **changes) -> str:
        """The query string of these filters with `changes` applied (None drops a key)."""
        values = {"q": self.q, "story": self.story, "quote": self.quote, "outlet": self.outlet, "day": self.day}
        values.update(changes)
        return urlencode({key: value for key, value in values.items() if value not in (None, "")})


def load_timeline(conn: sqlite3.Connection, filters: TimelineFilters) -> dict:
    """One page of articles in time order, the quotes they carry, and the quotes' first prints."""
    where, params = [], {}
    if filters.q:
        where.append("a.id in (select rowid from articles_fts where articles_fts match :q)")
        params["q"] = match_query(filters.q)
    crawl = has_tables(conn, "crawl_urls")
    if filters.story and crawl:
        where.append("a.id in (select article_id from crawl_urls where story = :story)")
        params["story"] = filters.story
    if filters.quote is not None:
        where.append("a.id in (select article_id from quote_occurrences where quote_id = :quote)")
        params["quote"] = filters.quote
    if filters.outlet is not None:
        where.append("a.outlet_id = :outlet")
        params["outlet"] = filters.outlet
    order = TIME_ORDER_SQL.format("a.time_key")
    if filters.day:
        # a day's times and then the day alone (its time order ends in '~'): one range of the time order index
        where.append(f"{order} between :day and :day || '~'")
        params["day"] = filters.day
    if filters.after is not None:
        after = TIME_ORDER_SQL.format(":after_time")
        # the first condition lets SQLite seek in the index; the second is the keyset itself
        where.append(f"{order} >= {after} and ({order}, a.id) > ({after}, :after_id)")
        params["after_time"], params["after_id"] = filters.after
    sql = (
        "select a.id, a.title, a.url, a.time_key, a.outlet_id, o.name as outlet, o.kind as outlet_kind "
        "from articles a left join outlets o on o.id = a.outlet_id "
        + ("where " + " and ".join(where) + " " if where else "")
        + f"order by {order}, a.id limit :limit"
    )
    params["limit"] = PAGE_SIZE + 1
    articles = fetch_rows(conn, sql, params)
    has_more = len(articles) > PAGE_SIZE
    articles = articles[:PAGE_SIZE]
    by_article: dict[int, list[dict]] = defaultdict(list)
    quote_ids: set[int] = set()
    ids = [row["id"] for row in articles]
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        marks = ",".join("?" * len(part))
        for row in fetch_rows(
            conn,
            f"select o.article_id, o.quote_id, o.id, l.evidence, l.confidence, l.source_outlet_id "
            f"from quote_occurrences o left join lineage l on l.occurrence_id = o.id "
            f"where o.article_id in ({marks}) and o.quote_id is not null order by o.start",
            part,
        ):
            by_article[row["article_id"]].append(row)
            quote_ids.add(row["quote_id"])
    quotes = fetch_by_ids(
        conn,
        "select id, text, speaker, origin_article_id, origin_kind, article_count from quotes where id in",
        quote_ids,
    )
    source_ids = {row["source_outlet_id"] for rows in by_article.values() for row in rows if row["source_outlet_id"]}
    return {
        "articles": articles,
        "by_article": by_article,
        "quotes": quotes,
        "sources": fetch_by_ids(conn, "select id, name from outlets where id in", source_ids),
        "has_more": has_more,
        **load_filter_rows(conn, filters),
    }


def load_filter_rows(conn: sqlite3.Connection, filters: TimelineFilters) -> dict:
    """The outlet, quote and story the filters name (None or "" when there is none), and the stories."""
    outlet = None
    if filters.outlet is not None:
        outlet = fetch_by_ids(conn, "select id, name from outlets where id in", [filters.outlet]).get(filters.outlet)
    quote = None
    if filters.quote is not None:  # read on its own: no article of this page may carry it
        quote = fetch_by_ids(conn, "select id, text from quotes where id in", [filters.quote]).get(filters.quote)
    crawl = has_tables(conn, "crawl_urls")
    stories = []
    if crawl:
        stories = fetch_rows(
            conn,
            "select story, count(distinct article_id) as articles from crawl_urls "
            "where article_id is not null and story is not null group by story order by articles desc limit 50",
        )
    return {
        "outlet": outlet,
        "quote": quote,
        "story": filters.story if crawl else "",  # a database without crawl_urls ignores ?story=
        "stories": stories,
    }


def build_lanes(data: dict, urls: PageUrls, first: int | None = None) -> list[TimelineLane]:
    """Chart lanes for the quotes printed most often on this page, in order of first print.

    The quote `first` (the one the timeline is filtered to) leads, whatever its first print.
    """
    counts: dict[int, int] = defaultdict(int)
    for rows in data["by_article"].values():
        for quote_id in {row["quote_id"] for row in rows}:
            counts[quote_id] += 1
    chosen = sorted(counts, key=lambda quote_id: (-counts[quote_id], quote_id))[:MAX_LANES]
    lanes = {
        quote_id: TimelineLane(
            quote_id=quote_id,
            label=data["quotes"].get(quote_id, {}).get("text") or f"quote {quote_id}",
            href=urls.quote(quote_id),
        )
        for quote_id in chosen
    }
    for article in data["articles"]:
        for quote_id in {row["quote_id"] for row in data["by_article"].get(article["id"], [])}:
            if quote_id in lanes:
                lanes[quote_id].points.append(
                    TimelinePoint(
                        time_key=article["time_key"] or "",
                        article_id=article["id"],
                        outlet=article["outlet"] or "unknown outlet",
                        href=urls.article(article["id"]),
                        is_origin=data["quotes"].get(quote_id, {}).get("origin_article_id") == article["id"],
                    )
                )
    ordered = sorted(
        lanes.values(),
        key=lambda lane: (
            lane.quote_id != first,
            min((time_order(p.time_key) for p in lane.points), default=""),
            lane.quote_id,
        ),
    )
    return ordered


def describe_step(occurrence: dict, sources: dict[int, dict], urls: PageUrls) -> dict:
    """Where one printing took its quote from, as the timeline says it: evidence, confidence, source outlet."""
    source_id = occurrence.get("source_outlet_id")
    source = sources.get(source_id) if source_id else None
    return {
        "evidence": occurrence.get("evidence") or "",
        "confidence": format_confidence(occurrence.get("confidence")),
        "source_outlet": source["name"] if source else "",
        "source_href": urls.outlet(source_id) if source else None,
    }


def describe_day_links(filters: TimelineFilters) -> dict:
    """Links to the day before and after the day filtered to (other filters kept), else {}."""
    day = parse_day(filters.day) if filters.day else None
    if day is None:
        return {}
    links = {}
    for name, step in (("previous", -1), ("next", 1)):
        try:
            other = (day + datetime.timedelta(days=step)).isoformat()
        except OverflowError:  # year 1 or 9999
            continue
        links[name] = (other, "?" + filters.query_string(day=other))
    return links


def build_timeline_context(data: dict, filters: TimelineFilters, urls: PageUrls) -> dict:
    """Everything the timeline template needs."""
    rows = []
    for article in data["articles"]:
        seen = set()
        carried = []
        for occurrence in data["by_article"].get(article["id"], []):
            quote_id = occurrence["quote_id"]
            if quote_id in seen:
                continue
            seen.add(quote_id)
            quote = data["quotes"].get(quote_id, {})
            carried.append(
                {
                    "id": quote_id,
                    "href": urls.quote(quote_id),
                    "text": quote.get("text") or "",
                    "speaker": quote.get("speaker") or "",
                    "is_origin": quote.get("origin_article_id") == article["id"],
                    **describe_step(occurrence, data.get("sources", {}), urls),
                }
            )
        rows.append(
            dict(
                article,
                time=format_time(article["time_key"]),
                href=urls.article(article["id"]),
                outlet_href=urls.outlet(article["outlet_id"]) if article["outlet_id"] else None,
                source_link=render_external_link(article["url"], "source page"),
                quotes=carried,
            )
        )
    next_href = None
    if data["has_more"] and data["articles"]:
        last = data["articles"][-1]
        next_href = "?" + filters.query_string(after=f"{last['time_key'] or ''}|{last['id']}")
    lanes = build_lanes(data, urls, first=filters.quote)
    quote_filter = data.get("quote")
    return {
        "filters": filters,
        "rows": rows,
        "chart": render_timeline_svg(
            lanes, title="Quotes over time",
            description=f"{len(lanes)} quote{'' if len(lanes) == 1 else 's'}, one lane each, with a dot for each printing;"
            " the table of articles under the chart lists the same printings in words.",
        ),
        "lane_count": len(lanes),
        "max_lanes": MAX_LANES,
        "next_href": next_href,
        "first_page_href": ("?" + filters.query_string()) if filters.after else None,
        "outlet": data["outlet"],
        "outlet_href": urls.outlet(filters.outlet) if data["outlet"] else None,
        "quote_filter": quote_filter,
        "quote_filter_href": urls.quote(filters.quote) if quote_filter else None,
        "story_filter": data.get("story", ""),
        "day_links": describe_day_links(filters),
        "clear_href": urls.timeline(),
        "stories": [
            dict(row, href="?" + urlencode({"story": row["story"]}), current=row["story"] == filters.story)
            for row in data.get("stories", [])
        ],
        "page_size": PAGE_SIZE,
    }


async def show_timeline_page(request: Request, datasette: Datasette) -> Response:
    """GET /<database>/-/timeline: the story over time, filtered by ?q=, ?story=, ?quote=, ?outlet=, ?day=."""
    database, urls = await resolve_database(request, datasette)
    filters = TimelineFilters.from_args(request.args)
    try:
        data = await database.execute_fn(lambda conn: load_timeline(conn, filters))
        error = ""
    except sqlite3.OperationalError as problem:
        LOGGER.info("timeline query failed for %r: %s", filters, problem)
        filter_rows = await database.execute_fn(lambda conn: load_filter_rows(conn, filters))
        data = {"articles": [], "by_article": {}, "quotes": {}, "has_more": False, **filter_rows}
        error = f"The search could not run: {problem}"
    context = build_timeline_context(data, filters, urls)
    context["error"] = error
    return await render_page(datasette, request, "provenance_timeline.html", context, database=database.name)
