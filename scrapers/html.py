"""HTML page -> Article: trafilatura for the body and metadata, one lxml pass for what it drops."""

from __future__ import annotations

import json
import logging
import re
from bisect import bisect_left, bisect_right
from copy import deepcopy
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from itertools import islice
from urllib.parse import urlsplit

import trafilatura
from bs4 import UnicodeDammit
import lxml.html
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html
from trafilatura.xml import xmltotxt

from provenance import signals
from provenance.models import Article, Link
from provenance.times import is_placeholder_time
from provenance.urls import is_http_url, join_url, split_url
from scrapers.charsets import detect_encoding

LOGGER = logging.getLogger(__name__)


class _ParseFailureToDebug(logging.Filter):
    """trafilatura's ERROR lines for a page lxml cannot parse, demoted to DEBUG.

    They name no page, and the caller records that page's failure with its URL: a crawl's log had
    `ERROR trafilatura.utils: parsed tree length: 0, ...` for each empty or gzipped-bytes page."""

    MESSAGES = ("lxml parser bytestring", "lxml parsing failed", "parsed tree length")

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.ERROR and str(record.msg).startswith(self.MESSAGES):
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
            return logging.getLogger(record.name).isEnabledFor(logging.DEBUG)
        return True


logging.getLogger("trafilatura.utils").addFilter(_ParseFailureToDebug())

# htmldate's extensive search reads dates out of free text (a footer's "Copyright 2026" becomes
# 2026-01-01); provenance needs the page's own publication date or none.
DATE_PARAMS = {"extensive_search": False, "original_date": True}
# trafilatura without its readability/justext fallback comparison: on the 181 pages of the
# article-extraction benchmark word F1 goes from 0.962 to 0.960 (bare trafilatura with its
# defaults: 0.956) and extraction takes a fifth less time.
FAST_EXTRACTION = True

MAX_CREDIT_LINE = 240  # characters: longer lines are body text, not a credit line
MAX_BYLINE = 120
# A link's sentence longer than this (a paragraph with no full stop, a list of links run together) is kept as
# the whole words within LINK_CONTEXT characters of the link: the longest of the 1,142 links of the 181 real
# pages is 744 characters, but for one whose anchor is not in the text, its block's 12,443.
MAX_LINK_SENTENCE = 1000
LINK_CONTEXT = 400
MAX_SCRAP_WORDS = 3  # a paragraph that is only a link this short is a button or menu entry
MAX_TIME_WORDS = 12  # more than any TIME_ONLY_RE match ("Updated: Monday, January 12, 2026, 10:30 a.m.")
MIN_WORDS, MIN_CHARS = 5, 40  # less is a navigation scrap; both, for languages written without spaces
MIN_YEAR, MAX_YEAR = 1900, 2200  # outside: a placeholder date (0001-01-01), not a publication time

SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head", "title", "textarea", "select", "option"})
PICTURE_TAGS = frozenset({"figure", "figcaption", "picture"})
INLINE_TAGS = frozenset(
    {"a", "span", "b", "strong", "em", "i", "u", "small", "time", "abbr", "cite", "sup", "sub", "font", "mark", "bdi", "q", "s", "label", "br"}
)
ARTICLE_TYPES = frozenset(
    {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting", "report",
     "backgroundnewsarticle", "opinionnewsarticle", "reviewnewsarticle", "liveblogposting", "webpage", "socialmediaposting"}
)
# schema.org types of a page that lists stories or people, no story itself: a tag, section or search page, an author's
LISTING_TYPES = frozenset({"collectionpage", "profilepage", "searchresultspage"})
LIVE_BLOG_TYPE = "liveblogposting"  # a live blog: timestamped updates, changing all day, no one story
JSONLD_KEEP = ("headline", "datePublished", "dateModified", "dateCreated", "inLanguage", "url", "isAccessibleForFree")
JSONLD_ORGS = ("publisher", "sourceOrganization", "copyrightHolder", "provider")

WHITESPACE_RE = re.compile(r"[^\S\n]+")
CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")  # no text of a page: NUL, escape, delete ...
HOSTNAME_RE = re.compile(r"^(?:https?://)?[\w-]+(?:\.[\w-]+)+(?::\d+)?/?$")
COPYRIGHT_NAME_RE = re.compile(r"^(?:copyright\b|©|\(c\)\s)", re.IGNORECASE)
DATE_ONLY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
REFRESH_HINT_RE = re.compile(rb"http-equiv\s*=\s*[\"']?\s*refresh", re.IGNORECASE)
# "0; url=/new", "0;URL='/new'", "1, url = /new", "0 /new": the delay, then the address (HTML's refresh syntax)
REFRESH_RE = re.compile(r"""^\s*(\d+)(?:\.[\d.]*)?\s*(?:[;,]\s*|\s+)(?:url\s*=\s*)?(["']?)(.+?)\2?\s*$""",
                        re.IGNORECASE | re.DOTALL)
META_REFRESH_MAX_DELAY = 5  # seconds: a page that sends the reader on at once; a reload after 45 minutes is no move
ISO_DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}")
TITLE_SEPARATOR_RE = re.compile(r"\s+(?:[|–—·•»:-]|::)\s+|\s*\|\s*")
TIME_ONLY_RE = re.compile(
    r"^(?:(?:updated|posted|published)\s*:?\s*)?(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?"
    r"|(?:[A-Z][a-z]+,?\s+)?[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}(?:,?\s+\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?)?)$",
    re.IGNORECASE,
)
DATELINE_ONLY_RE = re.compile(r"^[A-Z][A-Za-z .,'’()/-]{1,60}\s*(?:\([A-Za-z0-9 .&-]{1,30}\))?\s*[—–-]{1,2}$")
DATELINE_LIKE_RE = re.compile(r"^[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][\w.]+\.?){0,2}\s*(?:\([\w .&-]{1,30}\))?\s*[—–-]{0,2}$")
SENTENCE_END_RE = re.compile(r"[.!?]+[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
ABBREVIATION_RE = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Jr|Sr|Inc|Co|Corp|Ltd|No|Prof|Rev|Mt|Ft|vs|[A-Z])\.)+$")
# How far before a full stop ABBREVIATION_RE needs to look: its longest word and the dot, with room.
# The search keeps the characters before that in view (`\b` reads them), so the answer is the same.
ABBREVIATION_REACH = 16
NEWLINE_RE = re.compile(r"\n")

DATE_WORDS = r"(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|today|yesterday)"
# A credit line: copyright notices, reporting/editing credits, "originally published by", wire boxes.
CREDIT_CUE_RE = re.compile(
    r"copyright|©|\(c\)\s*\d{4}|ⓒ|all rights reserved"
    r"|\b(?:additional\s+)?reporting\s+by\b|\bediting\s+by\b|\bwriting\s+by\b|\bcompiled\s+by\b"
    r"|\b(?:originally|first)\s+(?:published|appeared|ran|reported)\s+(?:by|in|on|at|with)\s+(?!" + DATE_WORDS + r")"
    r"|\bappeared\s+(?:first\s+)?(?:in|on)\s+(?!" + DATE_WORDS + r")"
    r"|\breprinted\s+(?:with|by|from)\b|\brepublished\s+(?:with|by|from|under)\b|\bcontributed\s+to\s+this\b"
    r"|\bsource:\s|\bcourtesy\s+of\b|\bdistributed\s+by\b|\bsyndicated\s+by\b"
    r"|\bwire\s+(?:service|report|story)\b|\bstaff\s+and\s+(?:wire|agencies)\b|\bwith\s+(?:wire|agency)\s+reports\b",
    re.IGNORECASE,
)
CREDIT_NOISE_RE = re.compile(
    r"copyright|©|ⓒ|\(c\)|all rights reserved|policy|notice|infringement|information|agent|terms|reprints?"
    r"|permissions?|\band\b|\d{4}|[^\w]+",
    re.IGNORECASE,
)
PHOTO_CREDIT_RE = re.compile(
    r"\b(?:photo|image|picture|illustration|graphic|video|foto)s?\s*(?::|by\b|credit|copyright|©)"
    r"|getty\s+images|\bshutterstock\b",
    re.IGNORECASE,
)
BYLINE_RE = re.compile(r"^\s*By\s+[A-Z]", re.UNICODE)
RFC2822_RE = re.compile(r"^[A-Z][a-z]{2},\s+\d{1,2}\s+[A-Z][a-z]{2}\s+\d{4}")
# JavaScript's Date.toString(), which some sites print as is: "Tue Nov 19 2019 08:41:00 GMT+0000 (UTC)"
JS_DATE_RE = re.compile(
    r"^[A-Z][a-z]{2} (?P<date>[A-Z][a-z]{2} \d{1,2} \d{4} \d{1,2}:\d{2}:\d{2}) GMT(?P<offset>[+-]\d{4})(?: \([^()]*\))?$"
)
HUMAN_DATE_FORMATS = (
    "%B %d, %Y", "%b %d, %Y", "%b. %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d", "%d.%m.%Y",
)
HUMAN_DATETIME_FORMATS = (
    "%B %d, %Y %I:%M %p", "%b %d, %Y %I:%M %p", "%B %d, %Y %H:%M", "%d %B %Y %H:%M", "%Y/%m/%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
)
PUBLISHED_META = (
    "article:published_time", "og:published_time", "published_time", "datepublished", "pubdate",
    "publishdate", "publish-date", "publish_date", "date", "dc.date", "dc.date.issued", "dcterms.created",
    "sailthru.date", "parsely-pub-date", "citation_publication_date",
)
# One pass over the tree for each of these: the tags read_page_metadata needs, then every element
# with microdata or a dateline class (an XPath over attributes costs as much as a whole walk).
PAGE_TAGS = ("meta", "link", "base", "title", "script", "time")
MARKED_XPATH = etree.XPath('//*[@itemprop or contains(@class, "dateline")]')
XML_SPACE_RE = re.compile(r"[ \t\r\n]+")
ABSOLUTE_PREFIXES = ("http://", "https://", "#", "mailto:", "javascript:", "tel:")
# Cheap prefilter, on lower-cased text, for text that may hold a credit line (CREDIT_CUE_RE decides).
# Case-sensitive search of lowered text is three times faster than an IGNORECASE pattern here.
CREDIT_HINT_RE = re.compile(
    r"copyright|©|\(c\)|ⓒ|rights reserved|reporting|editing|writing|compiled|originally|first|appeared|reprinted"
    r"|republished|contributed|source:|courtesy|distributed|syndicated|wire|staff|agenc"
)


# A soft 404: a page answered 200 that says it is not there. Its title (the site's name taken off) is only
# that, or its text is short and says so; on the 181 real pages and the PolNeAR texts it matches none.
NOT_FOUND_TITLE_RE = re.compile(
    r"^(?:(?:error|oops|sorry)\W*)?(?:(?:error\s*)?(?:404|410)\b[\s:.!-]*(?:(?:page|file)?\s*not\s+found|error|gone)?"
    r"|(?:the\s+)?(?:page|article|story|content|file)\s+(?:was\s+)?(?:is\s+)?(?:not\s+found|cannot\s+be\s+found|could\s+not\s+be\s+found"
    r"|(?:does\s+not|doesn['’]?t)\s+exist|(?:is\s+)?(?:no\s+longer\s+)?(?:available|unavailable))"
    r"|not\s+found|nothing\s+(?:was\s+)?found|(?:we\s+)?(?:couldn['’]?t|could\s+not|can['’]?t|cannot)\s+find\s+(?:that|this|the)\s+page"
    r")\W*$",
    re.IGNORECASE,
)
NOT_FOUND_TEXT_RE = re.compile(
    r"\b(?:page|article|story|content)\s+(?:you\s+(?:are|were|were\s+trying\s+to\s+reach|requested|tried\s+to\s+reach)"
    r"|you(?:\s+a|\x27)re\s+looking\s+for|you\s+(?:are|were)\s+looking\s+for)\b[^.!?\n]{0,80}"
    r"\b(?:(?:could\s+not|couldn['’]?t|cannot|can['’]?t)\s+be\s+found|(?:was\s+)?not\s+found|(?:does\s+not|doesn['’]?t|no\s+longer)\s+exists?"
    r"|(?:is|was)\s+(?:no\s+longer\s+)?(?:un)?available|has\s+(?:been\s+)?(?:moved|removed|deleted))"
    r"|\b(?:we|I)\s+(?:couldn['’]?t|could\s+not|can['’]?t|cannot)\s+find\s+(?:that|this|the)\s+(?:page|article|story)\b"
    r"|^(?:error\s*)?404(?:\W+(?:page\s+)?not\s+found)?\W*$|^(?:page|article)\s+not\s+found\W*$",
    re.IGNORECASE | re.MULTILINE,
)
MAX_NOT_FOUND_WORDS = 150  # a page saying it is not there is short: longer, it is an article that says so
MAX_HEADINGS = 3  # the first h1 and h2 headings read for a soft 404
# The most elements a page may have for extraction: a real page has a few thousand (the 181 of the extraction
# benchmark 1,600 at most); the extractor's time grows faster than their number (200,000 paragraphs: 77 s)
MAX_PAGE_ELEMENTS = 50_000
MAX_NOT_FOUND_LINE_WORDS = 30  # a paragraph that is only the message, deep in a page no story dates
QUOTE_MARKS = frozenset('"“”«»„')
MAX_NOT_FOUND_TITLE_WORDS = 400  # with a title or heading that is only "Page not found": what a page of links around it leaves


# Lines of a page's text that change at every fetch with nothing said anew (see `steady_lines`): a relative time,
# "Updated 12 minutes ago"; a line that is only a time or date, a live clock or "Last updated: 09:41"; a counter,
# "1,204 views"; the headlines of a "Trending now" box. Lines of MAX_VOLATILE_WORDS words at most.
MAX_VOLATILE_WORDS = 16
TIME_UNITS = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|[smhd])"
RELATIVE_TIME_RE = re.compile(
    r"\b(?:(?:\d+|an?|one|a\s+few|few)\s+" + TIME_UNITS + r"|moments?)\s+ago\b|\bjust\s+now\b", re.IGNORECASE
)
# "Updated 3 minutes ago", "Last updated: 09:41" inside a line of any length: a page of short paragraphs can come out
# of the extractor as one line. The label stays, the time goes.
LABELLED_TIME_RE = re.compile(
    r"\b((?:last\s+)?(?:updated|modified|edited|posted|published))\s*:?\s*(?:(?:on|at)\s+)?"
    r"(?:(?:\d+|an?|one|a\s+few|few)\s+" + TIME_UNITS + r"\s+ago\b|moments?\s+ago\b|just\s+now\b"
    r"|\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?-i:\s+[A-Z]{2,4}\b)?)",
    re.IGNORECASE,
)
TIME_LABEL = r"(?:(?:last\s+)?(?:updated|modified|edited)|posted|published|as\s+of|live|now|time|date)"
MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DAYS = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?"
CLOCK_LINE_RE = re.compile(
    r"^(?:" + TIME_LABEL + r"\W*)*(?:(?:on|at)\s+)?"
    r"(?:(?:\d{1,4}(?:[:./-]\d{1,4}){0,2}(?:st|nd|rd|th)?|" + MONTHS + r"|" + DAYS + r"|[ap]\.?m\.?|utc|gmt|(?-i:[A-Z]{1,2}[ST])|at|on|today|yesterday)[\s,|·•-]*)*$",
    re.IGNORECASE,
)
COUNTER_LINE_RE = re.compile(
    r"^(?:(?:read|viewed|seen|shared)\s+)?[\d.,]+\s*[km]?\+?\s*(?:views?|reads?|readers?|times|shares?|comments?|likes?"
    r"|people\s+(?:are\s+)?(?:reading|viewing)(?:\s+this)?(?:\s+now)?)\W*$"
    r"|^(?:views?|reads?|comments?|shares?|likes?)\W*[\d.,]+\s*[km]?\+?\W*$",
    re.IGNORECASE,
)
BOX_HEADING_RE = re.compile(
    r"^(?:trending(?:\s+(?:now|stories|today))?|most\s+(?:read|popular|viewed|shared|watched)(?:\s+(?:now|today|stories))?"
    r"|popular(?:\s+(?:now|today|stories))?|what['’]?s\s+(?:hot|trending)|top\s+stories|read\s+next|latest\s+(?:news|stories)"
    r"|(?:more|related)\s+(?:stories|articles|news)|recommended(?:\s+for\s+you)?|you\s+may\s+also\s+like)\W*$",
    re.IGNORECASE,
)


class ExtractionError(ValueError):
    """No article text could be extracted from a page."""


def extract_article(
    html: str | bytes,
    url: str,
    *,
    fetched_at: str | None = None,
    source: str = "fetch",
) -> Article:
    """An Article from one HTML page: body text, metadata, links and credit lines.

    A page whose extraction takes longer than `provenance.signals.PAGE_SECONDS` is an ExtractionError."""
    try:
        with signals.page_time_limit():
            return read_article(html, url, fetched_at=fetched_at, source=source)
    except signals.PageOvertime:
        raise ExtractionError(f"extraction of {url} took longer than {signals.PAGE_SECONDS:g} s: left out") from None


def read_article(html: str | bytes, url: str, *, fetched_at: str | None, source: str) -> Article:
    """`extract_article` without its time limit."""
    markup = decode_html(html)
    try:
        tree = load_html(markup)
    except (ValueError, TypeError, etree.ParserError) as error:
        raise ExtractionError(f"not an HTML page: {url} ({' '.join(str(error).split())})") from error
    if tree is None or not isinstance(tree, HtmlElement):
        raise ExtractionError(f"not an HTML page: {url}")
    if sum(1 for _ in islice(tree.iter(), MAX_PAGE_ELEMENTS + 1)) > MAX_PAGE_ELEMENTS:
        raise ExtractionError(f"page too large to read: {url} has over {MAX_PAGE_ELEMENTS:,} HTML elements "
                              "(an article has a few thousand)")

    page = read_page_metadata(tree, url)
    headings = [" ".join(element.text_content().split()) for _, element in zip(range(MAX_HEADINGS), tree.iter("h1", "h2"))]
    absolutize_links(tree, page["base"])
    # the page's own address, not its canonical: a syndicated copy's canonical names the original site
    page_url = url if is_http_url(url) else (page["canonical"] or url)
    try:
        document = trafilatura.bare_extraction(
            tree,
            url=page_url,
            fast=FAST_EXTRACTION,
            with_metadata=True,
            include_links=True,
            include_comments=False,
            date_extraction_params=DATE_PARAMS,
        )
    except Exception as error:  # a fault inside the extractor on an odd page is that page's failure
        LOGGER.debug("trafilatura failed on %s", url, exc_info=True)
        message = " ".join(str(error).split())
        raise ExtractionError(f"extraction failed for {url}: {type(error).__name__}: {message}") from error
    if document is None or document.body is None:
        raise ExtractionError(f"no article text found in {url}")
    drop_scraps(document.body)
    body = deepcopy(document.body)
    etree.strip_tags(body, "ref")
    text = normalize_text(xmltotxt(body, False))
    og = page["og"]
    jsonld = page["jsonld"]
    site_name = pick_site_name(og.get("og:site_name"), document.sitename, jsonld.get("publisher"), page["publisher"])
    title = pick_title(og.get("og:title") or jsonld.get("headline") or page["title"] or document.title, site_name, url)
    text = keep_dateline(drop_headline(text, title), tree, page["datelines"])
    if len(text.split()) < MIN_WORDS and len(text) < MIN_CHARS:
        raise ExtractionError(f"no article text found in {url}")
    said = soft_404_words(title, text, headings)
    if said is None and not page["published"]:
        said = undated_not_found_line(text)
    if said is not None:
        raise ExtractionError(f"not an article: {url} says \"{said}\" (a page not found answered 200)")
    if page["no_story"] is not None:
        raise ExtractionError(f"not an article: {url} is {page['no_story']}")
    author = "; ".join(jsonld.get("author", [])) or document.author or page["meta"].get("author") or None
    metadata: dict = {}
    if og:
        metadata["og"] = og
    if jsonld:
        metadata["jsonld"] = jsonld
    return Article(
        url=url,
        text=text,
        title=title,
        author=author,
        published=pick_published(page["published"], document.date, page["times"]),
        site_name=site_name,
        canonical_url=page["canonical"],
        description=document.description or og.get("og:description") or None,
        language=page["language"] or document.language,
        fetched_at=fetched_at,
        source=source,
        links=extract_links(document.body, text),
        credit_lines=extract_credit_lines(tree, text),
        metadata=metadata,
    )


def soft_404_words(title: str | None, text: str, headings: list[str] = ()) -> str | None:
    """The words by which a page says it is not there (a soft 404), or None for a page that does not.

    `headings`, the page's first h1 and h2 headings: the extractor can leave out a heading saying so."""
    words = len(text.split())
    if words <= MAX_NOT_FOUND_TITLE_WORDS:  # the title or a part of it ("Error 404 | Site"), or a heading
        parts = [title, *TITLE_SEPARATOR_RE.split(title)] if title else []
        for part in [*parts, *headings]:
            if NOT_FOUND_TITLE_RE.match(part.strip()):
                return part.strip()
    if words <= MAX_NOT_FOUND_WORDS:
        match = NOT_FOUND_TEXT_RE.search(text)
        if match is not None:
            return " ".join(match.group(0).split())
    return None


def undated_not_found_line(text: str) -> str | None:
    """The paragraph by which a long page that gives no publication time says it is not there, or None.

    A site's not-found page may keep its message deep in a long text (under menus and a list of the
    latest stories). A story quoting such a message is dated, puts it in quotation marks or introduces
    it with a colon, or says it in a longer sentence; none of these is read here.
    """
    before = ""
    for line in text.split("\n"):
        line = line.strip()
        if (line and len(line.split()) <= MAX_NOT_FOUND_LINE_WORDS and not QUOTE_MARKS & set(line)
                and not before.endswith(":")):
            match = NOT_FOUND_TEXT_RE.search(line)
            if match is not None:
                return " ".join(match.group(0).split())
        before = line or before
    return None


def steady_lines(text: str) -> list[str]:
    """A page text's lines less what changes at every fetch (relative times, clocks, counters, trending boxes)."""
    lines: list[str] = []
    in_box = False
    for line in text.split("\n"):
        line = LABELLED_TIME_RE.sub(r"\1", line.strip())
        short = len(line.split()) <= MAX_VOLATILE_WORDS
        if not short or not line:
            in_box = False
        elif BOX_HEADING_RE.match(line):
            in_box = True
            continue
        elif in_box:
            continue
        if short:
            line = RELATIVE_TIME_RE.sub("", line).strip()
            if not re.search(r"\w", line) or CLOCK_LINE_RE.match(line) or COUNTER_LINE_RE.match(line):
                continue
        lines.append(line)
    return lines


def differs_only_in_volatile_lines(before: str, after: str) -> bool:
    """Whether two texts of a page differ, and only in lines that change at every fetch (see `steady_lines`)."""
    return before != after and steady_lines(before) == steady_lines(after)


def meta_refresh_target(body: bytes) -> str | None:
    """The address a `<meta http-equiv="refresh">` sends the reader to at once (a delay of 5 s at most), as written.

    A refresh inside a comment (`<!--[if lte IE 9]>`: a news site's page for old browsers) or a
    `<noscript>` is one a browser running scripts does not follow: the page is the article.
    """
    if not REFRESH_HINT_RE.search(body):
        return None
    try:
        tree = lxml.html.document_fromstring(body)
    except (etree.ParserError, ValueError):
        return None
    for meta in tree.iter("meta"):
        if (meta.get("http-equiv") or "").strip().lower() != "refresh":
            continue
        if any(parent.tag == "noscript" for parent in meta.iterancestors()):
            continue
        match = REFRESH_RE.match(meta.get("content") or "")
        if match and int(match[1]) <= META_REFRESH_MAX_DELAY and match[3].strip():
            return match[3].strip()
    return None


def decode_html(html: str | bytes, content_type: str | None = None) -> str:
    """Unicode markup: bytes in the encoding `scrapers.charsets.detect_encoding` chooses, as every
    page is decoded (fetched, archived or saved); bs4's UnicodeDammit decodes, and falls back to
    its own detection only should that encoding fail."""
    if isinstance(html, str):
        return html
    dammit = UnicodeDammit(html, known_definite_encodings=[detect_encoding(html, content_type)], is_html=True)
    if dammit.unicode_markup is None:
        return html.decode("utf-8", errors="replace")
    return dammit.unicode_markup


def normalize_text(text: str) -> str:
    """One paragraph per line, inner whitespace collapsed, control characters dropped, no blank lines."""
    lines = (WHITESPACE_RE.sub(" ", line).strip() for line in CONTROL_RE.sub("", text).split("\n"))
    return "\n".join(line for line in lines if line)


def absolutize_links(tree: HtmlElement, base: str) -> None:
    """Rewrite every <a href> to an absolute URL so the extractor keeps the resolved target."""
    resolved: dict[str, str] = {}
    for anchor in tree.iter("a"):
        href = anchor.get("href")
        if href is None or href.startswith(ABSOLUTE_PREFIXES):
            continue
        if href not in resolved:
            # a malformed one (e.g. an invalid IPv6 host) is left as it is; extract_links drops it
            resolved[href] = join_url(base, href) or href
        anchor.set("href", resolved[href])


def read_page_metadata(tree: HtmlElement, url: str) -> dict:
    """Canonical and base URL, og:/article: meta, JSON-LD article fields, language and time candidates."""
    og: dict[str, str] = {}
    meta: dict[str, str] = {}
    tagged: dict[str, list[HtmlElement]] = {tag: [] for tag in PAGE_TAGS}
    for element in tree.iter(*PAGE_TAGS):
        tagged[element.tag].append(element)
    marked = MARKED_XPATH(tree)
    for element in tagged["meta"]:
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        content = element.get("content")
        if not key or content is None:
            continue
        content = WHITESPACE_RE.sub(" ", content).strip()
        if not content:
            continue
        if key.startswith(("og:", "article:")):
            og.setdefault(key, content)
        else:
            meta.setdefault(key, content)

    canonical = None
    for element in tagged["link"]:
        rels = (element.get("rel") or "").lower().split()
        if "canonical" in rels and element.get("href"):
            canonical = resolve_url(url, element.get("href"))
            if canonical:
                break
    if not canonical and og.get("og:url"):
        canonical = resolve_url(url, og["og:url"])

    base = canonical or url
    base_element = next((element for element in tagged["base"] if element.get("href") is not None), None)
    if base_element is not None:
        base = resolve_url(url, base_element.get("href")) or base
    elif is_http_url(url):
        base = url

    objects = jsonld_objects(tagged["script"])
    jsonld = read_jsonld(objects)
    title_element = next((element for element in tagged["title"] if element is not tree), None)
    title = normalize_text(title_element.text_content()) if title_element is not None else None

    candidates = [jsonld.get("datePublished")]
    candidates += [og.get(key) or meta.get(key) for key in PUBLISHED_META]
    for element in marked:
        if element.get("itemprop") == "datePublished":
            candidates.append(element.get("content") or element.get("datetime"))
    published = [value for value in candidates if value]
    # any <time> on the page may belong to a comment or a related story: only a fallback
    times = [element.get("datetime") for element in tagged["time"] if element.get("datetime") is not None]

    language = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    language = language or og.get("og:locale") or jsonld.get("inLanguage") or meta.get("content-language")
    publisher = None
    for element in marked:
        if element.get("itemprop") != "name" or not any(
            ancestor.get("itemprop") == "publisher" for ancestor in element.iterancestors()
        ):
            continue
        publisher = WHITESPACE_RE.sub(" ", element.get("content") or element.text_content()).strip() or None
        if publisher:
            break
    return {
        "publisher": publisher,
        "og": og,
        "meta": meta,
        "canonical": canonical,
        "base": base,
        "jsonld": jsonld,
        "title": title or None,
        "published": published,
        "times": times,
        "language": normalize_language(language),
        "datelines": [element for element in marked if "dateline" in XML_SPACE_RE.split(element.get("class") or "")],
        "no_story": no_story_kind(og, objects),
    }


def no_story_kind(og: dict[str, str], objects: list[dict]) -> str | None:
    """What a page says it is when that is no story: a live blog, a list of stories, an author's page; else None.

    Read from its schema.org types (a tag page's CollectionPage with no article in it) and its og:type
    `profile`; og:type `website` is no sign, since some sites give it to every page, their stories too.
    """
    types: dict[str, str] = {}  # lower-cased -> as written
    for item in objects:
        kinds = item.get("@type")
        for kind in kinds if isinstance(kinds, list) else [kinds]:
            if isinstance(kind, str):
                types.setdefault(kind.strip().lower(), kind.strip())
    if LIVE_BLOG_TYPE in types:
        return "a live blog (schema.org LiveBlogPosting)"
    stories = {kind for kind in types if kind.endswith(("article", "posting")) or kind == "report"}
    listing = sorted(types.keys() & LISTING_TYPES)
    if listing and not stories:
        return f"a list of stories or an author's page (schema.org {types[listing[0]]})"
    if og.get("og:type", "").lower() == "profile" and not stories:
        return "an author's page (og:type profile)"
    return None


def resolve_url(base: str, href: str | None) -> str | None:
    """An absolute http(s) URL for href on a page at base, or None."""
    if not href:
        return None
    absolute = join_url(base, href)
    return absolute if absolute is not None and is_http_url(absolute) else None


def normalize_language(value: str | None) -> str | None:
    """A BCP 47 tag ("en-GB") from an HTML lang or og:locale value."""
    if not value or not isinstance(value, str):
        return None
    tag = value.strip().replace("_", "-")
    if not re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", tag):
        return None
    primary, _, rest = tag.partition("-")
    return primary.lower() + ("-" + rest.upper() if len(rest) == 2 else ("-" + rest if rest else ""))


def is_article_type(kind: str) -> bool:
    """Whether a schema.org type is an article or a page of one (NewsArticle, MedicalWebPage, ...)."""
    lowered = kind.strip().lower()
    return lowered in ARTICLE_TYPES or lowered.endswith(("article", "webpage", "posting"))


def jsonld_objects(scripts: list[HtmlElement]) -> list[dict]:
    """Every object of the page's JSON-LD blocks, in page order, each block parsed once (`iter_jsonld_objects`)."""
    objects: list[dict] = []
    for script in scripts:
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):  # RecursionError: arrays nested thousands deep, once the whole page lost
            LOGGER.debug("unreadable JSON-LD block skipped")
            continue
        objects.extend(iter_jsonld_objects(data))
    return objects


def read_jsonld(objects: list[dict]) -> dict:
    """Fields of the first JSON-LD article object (NewsArticle and kin) among the page's (`jsonld_objects`)."""
    for item in objects:
        types = item.get("@type")
        types = types if isinstance(types, list) else [types]
        if any(isinstance(kind, str) and is_article_type(kind) for kind in types):
            fields = summarize_jsonld(item)
            if fields.get("headline") or fields.get("datePublished"):
                return fields
    return {}


def iter_jsonld_objects(data: object, depth: int = 0):
    """Every object of a JSON-LD document: top level, lists and @graph members."""
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from iter_jsonld_objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from iter_jsonld_objects(data["@graph"], depth + 1)


def summarize_jsonld(item: dict) -> dict:
    """The JSON-LD article fields provenance uses, as plain strings and lists."""
    fields: dict = {}
    for key in JSONLD_KEEP:
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            fields[key] = WHITESPACE_RE.sub(" ", value).strip()
    authors = [name for name in (jsonld_name(value) for value in as_list(item.get("author"))) if name]
    if authors:
        fields["author"] = authors
    for key in JSONLD_ORGS:
        names = [name for name in (jsonld_name(value) for value in as_list(item.get(key))) if name]
        if names:
            fields[key] = names[0]
    for key in ("isBasedOn", "citation"):
        refs = [ref for ref in (jsonld_ref(value) for value in as_list(item.get(key))) if ref]
        if refs:
            fields[key] = refs
    return fields


def as_list(value: object) -> list:
    """A JSON-LD value as a list (JSON-LD allows one value or many)."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def jsonld_name(value: object) -> str | None:
    """The name of a JSON-LD person or organization given as a string or an object."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return value["name"].strip() or None
    return None


def jsonld_ref(value: object) -> str | None:
    """A cited work as its URL, else its name or headline."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        for key in ("url", "@id", "name", "headline"):
            if isinstance(value.get(key), str) and value[key].strip():
                return value[key].strip()
    return None


def pick_title(title: str | None, site_name: str | None, url: str) -> str | None:
    """The headline without a " | Site" or " - Site" suffix (or prefix)."""
    if not title:
        return None
    title = normalize_text(title).replace("\n", " ")
    parts = TITLE_SEPARATOR_RE.split(title)
    if len(parts) < 2:
        return title
    names = {name.casefold() for name in (site_name,) if name}
    address = split_url(url)
    host = (address.hostname if address else None) or ""
    labels = [label for label in host.split(".") if label not in ("www", "com", "org", "net", "co", "uk", "example")]
    names.update(label.casefold() for label in labels)
    squashed = {re.sub(r"\W+", "", name) for name in names}

    def is_site(part: str) -> bool:
        folded = part.casefold().strip()
        return folded in names or re.sub(r"\W+", "", folded) in squashed

    while len(parts) > 1 and is_site(parts[-1]):
        parts.pop()
    while len(parts) > 1 and is_site(parts[0]):
        parts.pop(0)
    if len(parts) > 1 and "|" in title:
        # "Headline | Section | Site", "Opinion | Headline": the pipe almost never occurs inside
        # a headline, and the headline is the longest part
        return max(parts, key=len).strip()
    if len(parts) == len(TITLE_SEPARATOR_RE.split(title)):
        return title
    # rebuild with the original separators between the kept parts
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if start >= 0 and end > start else title


def parse_published(value: str | None) -> str | None:
    """ISO 8601 for a published value: dates stay YYYY-MM-DD, date-times keep their offset."""
    if not value or not isinstance(value, str):
        return None
    text = value.strip()
    if DATE_ONLY_RE.match(text):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    if ISO_DATETIME_RE.match(text):
        candidate = text.replace(" ", "T", 1)
        if candidate.endswith(("Z", "z")):
            candidate = candidate[:-1] + "+00:00"
        try:
            return datetime.fromisoformat(candidate).isoformat()
        except ValueError:
            return None
    if RFC2822_RE.match(text):
        try:
            return parsedate_to_datetime(text).isoformat()
        except (TypeError, ValueError):
            return None
    js = JS_DATE_RE.match(text)
    if js:
        try:
            return datetime.strptime(f"{js['date']} {js['offset']}", "%b %d %Y %H:%M:%S %z").isoformat()
        except ValueError:
            return None
    for pattern in HUMAN_DATETIME_FORMATS:
        try:
            return datetime.strptime(text, pattern).isoformat()
        except ValueError:
            continue
    for pattern in HUMAN_DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    return None


def is_plausible(value: str) -> bool:
    """A publication time rather than a placeholder: 0001-01-01, or the Unix epoch (a time stored as 0)."""
    if not MIN_YEAR <= int(value[:4]) <= MAX_YEAR:
        return False
    return not is_placeholder_time(value)


def pick_published(candidates: list[str], extracted: str | None, times: list[str] = ()) -> str | None:
    """The published time from the page.

    In order: the first structured (JSON-LD, meta, itemprop) time with a time of day; a <time>
    element's time of day on trafilatura's date; trafilatura's date; a structured date.
    """
    parsed = [value for value in (parse_published(candidate) for candidate in candidates) if value and is_plausible(value)]
    for value in parsed:
        if "T" in value:
            return value
    extracted_value = parse_published(extracted) if extracted else None
    if extracted_value and not is_plausible(extracted_value):
        extracted_value = None
    if extracted_value and "T" not in extracted_value:
        for value in (parse_published(candidate) for candidate in times):
            if value and "T" in value and value[:10] == extracted_value:
                return value
    if extracted_value:
        return extracted_value
    return parsed[0] if parsed else None


def is_plain_site_name(name: str) -> bool:
    """Whether a site name is one a reader would use: not an address, a social handle or a copyright line.

    A host name with capitals is a brand written the site's way ('Phys.org', 'CBSSports.com').
    """
    is_address = "://" in name or (HOSTNAME_RE.match(name) is not None and name == name.lower())
    return not (is_address or name.startswith("@") or COPYRIGHT_NAME_RE.match(name))


def pick_site_name(*candidates: str | None) -> str | None:
    """The first plain site name among the candidates, best first (og:site_name, trafilatura's, publishers).

    When the page gives only an address or a handle, that made readable ('https://www.x.example/' ->
    'x.example', '@xnews' -> 'xnews'); a copyright line ('Copyright 2014') names nothing.
    """
    names = [" ".join(name.split()) for name in candidates if name and name.strip()]
    for name in names:
        if is_plain_site_name(name):
            return name
    for name in names:
        if name.startswith("@") and len(name) > 1:
            return name[1:]
        if HOSTNAME_RE.match(name) or "://" in name:
            host = urlsplit(name if "://" in name else f"//{name}").hostname
            if host:
                return host.removeprefix("www.")
    return None


def drop_scraps(body: etree._Element) -> None:
    """Remove paragraphs that are only a time of day or date, or only a short link ("Download")."""
    for element in list(body.iter("p", "head", "item")):
        raw = "".join(element.itertext())
        if len(raw.split(None, MAX_TIME_WORDS)) > MAX_TIME_WORDS:
            continue  # too long to be a time or a short link: most paragraphs stop here
        content = WHITESPACE_RE.sub(" ", raw).strip()
        if not content:
            continue
        anchors = "".join("".join(ref.itertext()) for ref in element.iter("ref"))
        is_link_scrap = len(content.split()) <= MAX_SCRAP_WORDS and WHITESPACE_RE.sub(" ", anchors).strip() == content
        if is_link_scrap or TIME_ONLY_RE.match(content):
            parent = element.getparent()
            if parent is None:
                continue
            if element.tail and element.tail.strip():
                previous = element.getprevious()
                if previous is not None:
                    previous.tail = (previous.tail or "") + element.tail
                else:
                    parent.text = (parent.text or "") + element.tail
            parent.remove(element)


def drop_headline(text: str, title: str | None) -> str:
    """Text without a first paragraph that only repeats the headline."""
    first, _, rest = text.partition("\n")
    if title and rest and first.casefold() == title.casefold():
        return rest
    return text


def keep_dateline(text: str, tree: HtmlElement, datelines: list[HtmlElement] | None = None) -> str:
    """Text whose first paragraph starts with the page's dateline, when the page marks one up.

    `datelines`: the page's elements of class "dateline" when the caller has found them already.
    """
    lines = text.split("\n")
    if len(lines) > 1 and DATELINE_ONLY_RE.match(lines[0]):
        return f"{lines[0]} {lines[1]}" + ("\n" + "\n".join(lines[2:]) if len(lines) > 2 else "")
    if datelines is None:
        datelines = [
            element for element in MARKED_XPATH(tree) if "dateline" in XML_SPACE_RE.split(element.get("class") or "")
        ]
    for element in datelines:
        dateline = normalize_text(element.text_content()).replace("\n", " ")
        if DATELINE_LIKE_RE.match(dateline) and dateline not in text[: len(dateline) + 200]:
            return f"{dateline} {text}"
        break
    return text


def extract_links(body: etree._Element, text: str) -> list[Link]:
    """Every http(s) link of the extracted body, with anchor text, sentence and offsets in text.

    Linear in the links: the text's sentences are found once (`Sentences`), an anchor's count in
    the text and a block's text are read once however many links ask, and a sentence over
    MAX_LINK_SENTENCE characters (a paragraph with no full stop) is kept as the words around the
    link (a paragraph of 10,000 links took 16 s and held its whole text once a link)."""
    links: list[Link] = []
    sentences = Sentences(text)
    counts: dict[str, int] = {}
    block_texts: dict[int, str] = {}
    cursor = 0
    for ref in body.iter("ref"):
        target = (ref.get("target") or "").strip()
        if not is_http_url(target):  # a malformed link is skipped, not the article
            continue
        anchor = WHITESPACE_RE.sub(" ", "".join(ref.itertext())).strip()
        start = text.find(anchor, cursor) if anchor else -1
        if start < 0 and anchor:
            if anchor not in counts:
                counts[anchor] = text.count(anchor)
            if counts[anchor] == 1:
                start = text.find(anchor)
        if start >= 0:
            end = start + len(anchor)
            cursor = end
            low, high = link_context(text, *sentences.bounds(start, end), start, end)
            links.append(Link(url=target, anchor=anchor, sentence=text[low:high].strip(), start=start, end=end))
        else:
            block = ref.getparent()
            while block is not None and block.tag in ("hi", "ref", "del"):
                block = block.getparent()
            if block is None:
                sentence = ""
            else:
                if id(block) not in block_texts:
                    # the anchor is not in the text, so no place in the block: a long block keeps its first words
                    block_text = normalize_text("".join(block.itertext())).replace("\n", " ")
                    block_texts[id(block)] = block_text[: link_context(block_text, 0, len(block_text), 0, 0)[1]]
                sentence = block_texts[id(block)]
            links.append(Link(url=target, anchor=anchor, sentence=sentence))
    return links


def link_context(text: str, low: int, high: int, start: int, end: int) -> tuple[int, int]:
    """The bounds of a link's sentence low:high, or, past MAX_LINK_SENTENCE characters, of the
    whole words within LINK_CONTEXT characters of the link start:end."""
    if high - low <= MAX_LINK_SENTENCE:
        return low, high
    window_low, window_high = max(low, start - LINK_CONTEXT), min(high, end + LINK_CONTEXT)
    if window_low > low:
        space = text.find(" ", window_low, start)
        window_low = space + 1 if space >= 0 else window_low
    if window_high < high:
        space = text.rfind(" ", end, window_high)
        window_high = space if space >= 0 else window_high
    return window_low, window_high


class Sentences:
    """The sentences of a text's paragraphs, each paragraph split once, for the sentence around any span."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.breaks = [match.start() for match in NEWLINE_RE.finditer(text)]
        self.split: dict[int, tuple[list[int], list[int]]] = {}

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """Where the sentence holding the span start:end begins and ends in the text (within its paragraph,
        or the paragraphs from the span's start to its end)."""
        index = bisect_left(self.breaks, start)
        para_start = self.breaks[index - 1] + 1 if index else 0
        after = bisect_left(self.breaks, end, index)
        para_end = self.breaks[after] if after < len(self.breaks) else len(self.text)
        if after != index:  # the span crosses a line
            starts, ends = sentence_ends(self.text, para_start, para_end)
        else:
            if para_start not in self.split:
                self.split[para_start] = sentence_ends(self.text, para_start, para_end)
            starts, ends = self.split[para_start]
        before = bisect_right(ends, start - para_start) - 1
        sentence_start = ends[before] if before >= 0 else 0
        following = bisect_left(starts, end - para_start - 1)
        sentence_end = ends[following] if following < len(starts) else para_end - para_start
        return para_start + sentence_start, para_start + sentence_end

    def around(self, start: int, end: int) -> str:
        """The sentence that holds the span start:end (within its paragraph)."""
        low, high = self.bounds(start, end)
        return self.text[low:high].strip()


def sentence_ends(text: str, para_start: int, para_end: int) -> tuple[list[int], list[int]]:
    """Where each sentence of text[para_start:para_end] ends: the starts and ends of the marks that
    close one (not an abbreviation's full stop), relative to the paragraph."""
    paragraph = text[para_start:para_end]
    starts: list[int] = []
    ends: list[int] = []
    for match in SENTENCE_END_RE.finditer(paragraph):
        # the abbreviation is read in the words just before the mark, not in everything before it
        if ABBREVIATION_RE.search(paragraph, max(0, match.start() - ABBREVIATION_REACH), match.start() + 1):
            continue
        starts.append(match.start())
        ends.append(match.end())
    return starts, ends


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence of text that holds the span start:end (within its paragraph)."""
    return Sentences(text).around(start, end)


def extract_credit_lines(tree: HtmlElement, text: str) -> list[str]:
    """Short lines anywhere in the page that credit an outlet and are not in the extracted text."""
    lines: list[str] = []
    seen_blocks: set[int] = set()
    for node, owner in iter_credit_hints(tree):
        is_credit = CREDIT_CUE_RE.search(node) is not None
        is_byline = not is_credit and BYLINE_RE.match(node) is not None
        if not (is_credit or is_byline):
            continue
        block = owner
        while block.tag in INLINE_TAGS and block.getparent() is not None:
            block = block.getparent()
        if id(block) in seen_blocks or any(ancestor.tag in SKIP_TAGS or ancestor.tag in PICTURE_TAGS for ancestor in block.iterancestors()):
            continue
        seen_blocks.add(id(block))
        for line in split_block_lines(block):
            if len(line) > MAX_CREDIT_LINE:
                line = sentence_with_cue(line)
            if not line or line in lines or line in text:
                continue
            if PHOTO_CREDIT_RE.search(line):
                continue  # a picture credit says nothing about whose copy the story is
            if BYLINE_RE.match(line) and len(line) <= MAX_BYLINE:
                lines.append(line)
            elif CREDIT_CUE_RE.search(line) and len(CREDIT_NOISE_RE.sub("", line)) >= 3:
                lines.append(line)
    return lines


def iter_credit_hints(tree: HtmlElement):
    """(text, element holding it) for every text or tail that may hold a credit line."""
    search = CREDIT_HINT_RE.search
    for element in tree.iter():
        tag = element.tag
        # comments and processing instructions: their text is no page text, their tail is
        if isinstance(tag, str) and tag not in SKIP_TAGS:
            text = element.text
            if text and (search(text.lower()) or text.lstrip().startswith("By ")):
                yield text, element
        tail = element.tail
        if tail and (search(tail.lower()) or tail.lstrip().startswith("By ")):
            parent = element.getparent()
            if parent is not None and parent.tag not in SKIP_TAGS:
                yield tail, parent


def split_block_lines(block: HtmlElement) -> list[str]:
    """The text of a block element as normalized lines, split at <br> and nested blocks."""
    return [line for line in normalize_text("\n".join(block_segments(block))).split("\n") if line]


def block_segments(block: HtmlElement) -> list[str]:
    """Text of block split at <br> and child blocks (one string per visual line)."""
    segments: list[str] = [""]

    def walk(element: HtmlElement) -> None:
        if not isinstance(element.tag, str) or element.tag in SKIP_TAGS:
            return
        is_block = element is not block and element.tag not in INLINE_TAGS
        if element.tag == "br" or is_block:
            segments.append("")
        if element.text:
            segments[-1] += element.text
        for child in element:
            walk(child)
            if child.tail:
                segments[-1] += child.tail
        if is_block:
            segments.append("")

    walk(block)
    return segments


def sentence_with_cue(line: str) -> str:
    """The sentence of a long line that carries the credit cue, when it is short enough."""
    match = CREDIT_CUE_RE.search(line) or BYLINE_RE.match(line)
    if match is None:
        return ""
    sentence = sentence_at(line, match.start(), match.end())
    return sentence if len(sentence) <= MAX_CREDIT_LINE else ""
