"""A story in several pages: its later pages read with its first, never saved as stories of their own.

A site cuts a long story into pages that link each other with `rel="next"` and `rel="prev"`, at an
address under the first page's (`/story/2/`, `/story/page/2/`, `/story?page=2`). Old WordPress themes
give the same link types to the next and previous posts: those are other stories, at other addresses,
and are left alone.
"""

from __future__ import annotations

import re
from dataclasses import replace

from provenance.models import Article
from provenance.urls import join_url, split_url

MAX_STORY_PAGES = 10  # the pages of one story read together, the first included
# a page's link to another page of the same story (attributes in any order, quoted or not)
REL_LINK_RE = re.compile(r"<(?:link|a)\b[^>]*>", re.IGNORECASE)
REL_RE = re.compile(r"""\brel\s*=\s*["']?([^"'>]+)""", re.IGNORECASE)
HREF_RE = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
PAGE_PATH_RE = re.compile(r"^(?P<base>/.+?)/(?:page/)?(?P<number>[1-9]\d?)/?$")
PAGE_QUERY_RE = re.compile(r"(?:^|&)(?:page|pg|p|seite|pagina)=(?P<number>[1-9]\d?)(?=&|$)", re.IGNORECASE)


def story_page(url: str) -> tuple[str, int] | None:
    """(the first page's address, this page's number) for an address of a later page of a story, else None."""
    parts = split_url(url)
    if parts is None:
        return None
    match = PAGE_QUERY_RE.search(parts.query)
    if match is not None and int(match.group("number")) >= 2:
        query = (parts.query[:match.start()] + parts.query[match.end():]).strip("&")
        return parts._replace(query=query, fragment="").geturl(), int(match.group("number"))
    match = PAGE_PATH_RE.match(parts.path)
    if match is not None and int(match.group("number")) >= 2 and not parts.query:
        base = match.group("base")
        return parts._replace(path=base + ("/" if parts.path.endswith("/") else ""), fragment="").geturl(), int(
            match.group("number"))
    return None


def page_key(url: str) -> tuple[str, str, str] | None:
    """An address as a page: host with port, path without its trailing slash, query (scheme and fragment aside)."""
    parts = split_url(url)
    return (parts.netloc.lower(), parts.path.rstrip("/"), parts.query) if parts is not None else None


def _same_story(first: str, url: str) -> bool:
    """Whether two addresses are the same page, a trailing slash and a fragment aside."""
    a = page_key(first)
    return a is not None and a == page_key(url)


def page_links(html: str, url: str) -> tuple[str | None, str | None]:
    """(the previous page, the next page) of the story a page is part of, from its rel links; None where none.

    The first page of a story may be a twin of it (its AMP or print page) whose next page is the second
    page of the story its canonical names, on its own host: that is its next page too.
    """
    found: dict[str, str] = {}
    for tag in REL_LINK_RE.findall(html[:500_000]):
        rel = REL_RE.search(tag)
        href = HREF_RE.search(tag)
        if rel is None or href is None:
            continue
        for kind in ("prev", "next", "canonical"):
            if kind in rel.group(1).lower().split() and kind not in found:
                target = join_url(url, next(group for group in href.groups() if group is not None).strip())
                if target:
                    found[kind] = target
    here = story_page(url)
    first, number = here if here is not None else (url, 1)
    previous = found.get("prev")
    following = found.get("next")
    if previous is not None and not _page_of(previous, first, number - 1):
        previous = None
    if following is not None and not _page_of(following, first, number + 1):
        canonical = found.get("canonical")
        if not (here is None and canonical is not None and _same_host(canonical, url) and _page_of(following, canonical, 2)):
            following = None
    return previous, following


def _same_host(a: str, b: str) -> bool:
    """Whether two addresses are on one host (with its port)."""
    first, second = split_url(a), split_url(b)
    return first is not None and second is not None and first.netloc.lower() == second.netloc.lower()


def _page_of(url: str, first: str, number: int) -> bool:
    """Whether `url` is page `number` of the story whose first page is `first`."""
    if number < 1:
        return False
    if number == 1:
        return story_page(url) is None and _same_story(first, url)
    page = story_page(url)
    return page is not None and page[1] == number and _same_story(first, page[0])


def join_pages(first: Article, later: list[Article]) -> Article:
    """A story read from its pages: their texts one after the other, their links and credit lines together."""
    text = first.text
    links = list(first.links)
    lines = list(first.credit_lines)
    for page in later:
        offset = len(text) + 1
        text = text + "\n" + page.text
        links += [replace(link, start=None if link.start is None else link.start + offset,
                          end=None if link.end is None else link.end + offset) for link in page.links]
        lines += [line for line in page.credit_lines if line not in lines]
    return replace(first, text=text, links=links, credit_lines=lines)

