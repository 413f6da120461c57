"""Pages older code stored as articles that the current rules would not store: found, and set aside.

The crawl now keeps no article of a tag, author or listing page, a live blog, a soft 404 (a page
answered 200 saying it is not there) or a later page of a story read on its own (it reads the story
whole from its first page). A database crawled before may hold such pages as articles, their words
traced as printings. `find_set_aside` finds them in what is stored: the page's title and text (a soft
404), its og:type (an author's page), its address (a later page of a story saved beside it), the
frontier's answer when the crawl read it again, and, when given the crawl's WARC files, the page as
fetched (its schema.org types: a list of stories, a live blog). `set_aside` moves each out of the
articles, with its printings, credits and links, into `set_aside_pages` with the reason and the
whole stored article, where a researcher sees it and can import it back. A later page whose words its
story lacks (saved before stories were read whole) is joined to that story first, as a crawl reads it.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import sqlite_utils

from db.save import delete_article, save_analysis
from provenance.times import utc_now
from scrapers.html import ExtractionError, extract_article, no_story_kind, soft_404_words, undated_not_found_line
from scrapers.pages import join_pages, page_key as story_page_key, story_page
from scrapers.spider import clean_url

LOGGER = logging.getLogger(__name__)

NOT_AN_ARTICLE = "not an article: "  # how extraction says a page is no story (ExtractionError's message)
FRONTIER_ERROR = "ExtractionError: "  # how the crawl keeps that message in crawl_urls.last_error
PAGE_WORDS_RE = re.compile(r"\b(?:page|pg|p\.|seite|pagina)\s*\d+(?:\s*(?:of|/)\s*\d+)?\b|[^\w]+", re.IGNORECASE)


@dataclass
class SetAside:
    """A stored article to set aside, and why; a later page names the article of its story."""

    article_id: int
    url: str
    reason: str
    story_id: int | None = None
    page: int = 0  # a later page's number
    joined: bool = False  # its words were missing from the story, joined to it first


def stored_page_problem(url: str, title: str | None, text: str, published: str | None, metadata: dict) -> str | None:
    """Why the current rules would not store this stored page as an article, read from what was stored; else None.

    The same checks as extraction (`scrapers.html.read_article`) on what a stored article keeps: its
    title and text for a soft 404 (not its headings, which are not kept), an undated page for the
    not-found paragraph, og:type for an author's page when no article object was read from its JSON-LD.
    """
    said = soft_404_words(title, text)
    if said is None and not published:
        said = undated_not_found_line(text)
    if said is not None:
        return f'{NOT_AN_ARTICLE}{url} says "{said}" (a page not found answered 200)'
    kind = no_story_kind(metadata.get("og") or {}, [{"@type": "Article"}] if metadata.get("jsonld") else [])
    return f"{NOT_AN_ARTICLE}{url} is {kind}" if kind is not None else None


def same_headline(first: str | None, later: str | None) -> bool:
    """Whether a later page's title is its story's, a page number aside ("Fish market reopens - Page 2").

    An address under another's with a number last (`/news/2/` under `/news/`) may be another story: a page of
    one carries its headline.
    """
    if not first or not later:
        return False
    a, b = (" ".join(PAGE_WORDS_RE.sub(" ", title.casefold()).split()) for title in (first, later))
    return bool(a) and a == b


def page_key(url: str) -> tuple[str, str, str] | None:
    """An address as a page once cleaned (`scrapers.pages.page_key` of `clean_url`)."""
    return story_page_key(clean_url(url))


def find_set_aside(db: sqlite_utils.Database, warc_files: Iterable[Path] = ()) -> list[SetAside]:
    """The fetched articles the current rules would not store, each once, in id order."""
    found: dict[int, SetAside] = {}
    for article_id, url, title, text, published, metadata in db.conn.execute(
        "select id, url, title, text, published, metadata from articles where source = 'fetch' "
        "and (word_count is null or word_count <= 400 or published is null or metadata like '%profile%') order by id"
    ):
        reason = stored_page_problem(url, title, text or "", published, json.loads(metadata) if metadata else {})
        if reason is not None:
            found[article_id] = SetAside(article_id, url, reason)
    # the crawl read the page again at the article's own address and found it no story
    for article_id, url, row_url, final_url, error in db.conn.execute(
        "select a.id, a.url, c.url, c.final_url, c.last_error from crawl_urls c join articles a on a.id = c.article_id "
        "where a.source = 'fetch' and c.state = 'failed' and c.last_error like ? order by a.id",
        [FRONTIER_ERROR + NOT_AN_ARTICLE + "%"],
    ):
        if article_id not in found and page_key(url) in (page_key(row_url), page_key(final_url or row_url)):
            found[article_id] = SetAside(article_id, url, error[len(FRONTIER_ERROR):])
    addresses = {}
    fetched = list(db.conn.execute("select id, url, title from articles where source = 'fetch' order by id"))
    titles = {article_id: title for article_id, _, title in fetched}
    for article_id, url, _ in fetched:
        addresses.setdefault(page_key(url), article_id)
    for article_id, url, title in fetched:
        page = story_page(url)
        first = addresses.get(page_key(page[0])) if page is not None else None
        if first is not None and first != article_id and first not in found and same_headline(titles[first], title):
            found[article_id] = SetAside(article_id, url, f"{NOT_AN_ARTICLE}{url} is page {page[1]} of the story at "
                                         f"{page[0]}", story_id=first, page=page[1])
    if warc_files:  # the page as fetched, read by every rule, says best why (a ProfilePage, not only og:type profile)
        wanted = {clean_url(url): article_id for article_id, url, _ in fetched
                  if article_id not in found or found[article_id].story_id is None}
        for article_id, (url, reason) in _warc_problems(warc_files, wanted).items():
            found[article_id] = SetAside(article_id, url, reason)
    return [found[article_id] for article_id in sorted(found)]


def _warc_problems(warc_files: Iterable[Path], wanted: dict[str, int]) -> dict[int, tuple[str, str]]:
    """(address, reason) of the wanted articles whose latest capture in the crawl's WARC files reads as no story."""
    from scrapers.warc import FETCHED_AS_HEADER, PayloadIndex, iter_warc_records

    latest: dict[int, tuple[str, int, str]] = {}
    for path in sorted(warc_files):
        for offset, record in iter_warc_records(path):
            if isinstance(record, Exception) or not hasattr(record, "rec_type") or record.rec_type != "response":
                continue
            headers = record.rec_headers
            if (headers.get_header(FETCHED_AS_HEADER) or "article") != "article":
                continue
            uri = headers.get_header("WARC-Target-URI") or ""
            article_id = wanted.get(clean_url(uri)) if uri.startswith(("http://", "https://")) else None
            if article_id is not None and record.http_headers is not None and record.http_headers.get_statuscode() == "200":
                latest[article_id] = (str(path), offset, uri)  # files and records in the order they were written
    problems = {}
    reader = PayloadIndex([])
    for article_id, (path, offset, uri) in latest.items():
        with reader.open((path, offset)) as record:
            body = record.content_stream().read() if record is not None else b""
        try:
            extract_article(body, uri, fetched_at=None, source="fetch")
        except ExtractionError as error:
            if str(error).startswith(NOT_AN_ARTICLE):
                problems[article_id] = (uri, str(error))
    return problems


def set_aside(db: sqlite_utils.Database, pages: list[SetAside], *, run_id: int | None = None,
              extra_registry: Iterable = (), on_change: Callable[[], None] | None = None) -> list[SetAside]:
    """Move these articles into `set_aside_pages` and out of tracing, in one transaction; the pages set aside.

    A later page whose text its story does not hold is joined to it first (a new version of the story,
    analysed with `registry`). Frontier rows that gave a page take the story's article (a later page,
    never due on its own) or are failed with the reason, as a crawl by the current rules leaves them.
    """
    if not pages:
        return []
    with db.atomic():
        _join_missing_pages(db, [page for page in pages if page.story_id is not None], extra_registry)
        for page in pages:
            _move(db, page, run_id)
        if on_change is not None:
            on_change()
    return pages


def _join_missing_pages(db: sqlite_utils.Database, pages: list[SetAside], extra_registry: Iterable) -> None:
    """Join to each story the later pages whose words it lacks, in page order: its next version."""
    from provenance.outlets import load_registry
    from provenance.pipeline import add_outlets, analyse_article, saved_outlets, stored_articles

    registry = None
    by_story: dict[int, list[SetAside]] = {}
    for page in pages:
        by_story.setdefault(page.story_id, []).append(page)
    for story_id, later in by_story.items():
        later.sort(key=lambda page: page.page)
        stored = dict(stored_articles(db, [story_id, *(page.article_id for page in later)]))
        story = stored[story_id]
        missing = [page for page in later if not _holds(story.text, stored[page.article_id].text)]
        for page in later:
            page.reason += ", joined to it" if page in missing else ", which holds it"
        if not missing:
            continue
        if registry is None:
            registry = load_registry(list(extra_registry))
            add_outlets(registry, saved_outlets(db))
        pages_read = [stored[page.article_id] for page in missing]
        whole = join_pages(story, pages_read)
        fetched_at = max((a.fetched_at for a in [story, *pages_read] if a.fetched_at), default=story.fetched_at)
        save_analysis(db, analyse_article(replace(whole, outlet=story.outlet, fetched_at=fetched_at), registry))
        for page in missing:
            page.joined = True


def _holds(story: str, page: str) -> bool:
    """Whether a story's text holds a later page's text as whole paragraphs."""
    return bool(page) and (story.endswith("\n" + page) or ("\n" + page + "\n") in story)


def _move(db: sqlite_utils.Database, page: SetAside, run_id: int | None) -> None:
    """Keep the stored article in `set_aside_pages`, settle its frontier rows, and delete it."""
    execute = db.conn.execute
    row = execute(
        "select a.url, a.canonical_url, a.title, a.author, a.published, o.name, a.site_name, a.fetched_at, a.first_seen, "
        "a.source, a.text, a.metadata, a.credit_lines from articles a left join outlets o on o.id = a.outlet_id "
        "where a.id = ?", [page.article_id]).fetchone()
    if row is None:
        return
    links = [dict(zip(("url", "anchor", "sentence", "start", "end"), link)) for link in execute(
        "select url, anchor, sentence, start, end from article_links where article_id = ? order by id", [page.article_id])]
    story_url = None
    if page.story_id is not None:
        story_url = execute("select url from articles where id = ?", [page.story_id]).fetchone()[0]
    names = ("url", "canonical_url", "title", "author", "published", "outlet", "site_name", "fetched_at", "first_seen",
             "source", "text", "metadata", "credit_lines")
    db["set_aside_pages"].insert({
        **dict(zip(names, row)), "reason": page.reason, "story_url": story_url, "set_aside_at": utc_now(),
        "run_id": run_id, "former_id": page.article_id, "links": json.dumps(links) if links else None,
    })
    if page.story_id is not None:  # a later page: its story's, asked for with it
        execute("update crawl_urls set article_id = ?, state = 'done', next_fetch_at = null where article_id = ?",
                [page.story_id, page.article_id])
    else:
        execute("update crawl_urls set article_id = null, state = 'failed', last_error = ?, next_fetch_at = null "
                "where article_id = ?", [FRONTIER_ERROR + page.reason, page.article_id])
    delete_article(db, page.article_id)
    LOGGER.info("set aside %s: %s", page.url, page.reason)
