"""Following the links an article gives for its sources, depth- and host-limited."""

from __future__ import annotations

import logging
import re
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urlunsplit

from provenance.models import Article
from provenance.urls import split_url, without_userinfo
from scrapers.fetch import HTML_TYPES, FetchResult, Fetcher

LOGGER = logging.getLogger(__name__)

# Words around a link that say "this is where we got it".
CREDIT_CUE_RE = re.compile(
    r"\b(?:according\s+to|reported|reports|reporting|told|first\s+(?:reported|published)|per|via|citing|"
    r"cited|source|sources|h/t|hat\s+tip|wrote|writes|said\s+in|published|interview|obtained|"
    r"confirmed\s+to|broke\s+the\s+news|scoop)\b",
    re.IGNORECASE,
)
# Hosts whose links are sharing buttons, social posts or tools, not sources we can read as articles.
SKIP_HOSTS = frozenset(
    {"twitter.com", "x.com", "facebook.com", "www.facebook.com", "instagram.com", "www.instagram.com",
     "linkedin.com", "www.linkedin.com", "t.co", "bit.ly", "youtube.com", "www.youtube.com", "youtu.be",
     "tiktok.com", "www.tiktok.com", "reddit.com", "www.reddit.com", "pinterest.com", "wa.me",
     "web.archive.org", "archive.ph", "news.google.com"}
)
SKIP_SUFFIX_RE = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|ico|css|js|pdf|zip|gz|mp3|mp4|mov|avi|docx?|xlsx?|pptx?|csv|json|xml)$",
    re.IGNORECASE,
)
# Parameters that say where a reader came from, not which page: analytics (utm_, AT Internet's at_, comScore's ns_),
# ads and mail campaigns (cmp, cmpid, ito, smid, mbid), social sites' click ids.
TRACKING_PARAM_RE = re.compile(
    r"^(?:utm_[a-z]+|at_[a-z]+|ns_[a-z]+|fbclid|gclid|dclid|msclkid|igshid|mc_cid|mc_eid|ocid|cmp|cmpid|ito|smid|mbid|"
    r"ref|src|_ga|_gl|_hsenc|_hsmi)=",
    re.IGNORECASE,
)
NON_ARTICLE_PATH_RE = re.compile(
    r"^/(?:$|tag/|tags/|topic/|topics/|author/|authors/|category/|section/|search|login|signin|subscribe|"
    r"account|newsletter|about|contact|privacy|terms|cookie)",
    re.IGNORECASE,
)


@dataclass
class SpiderLimits:
    """How far following cited links may go."""

    max_depth: int = 2  # hops from a seed
    max_pages: int = 50  # pages fetched in all
    max_per_host: int = 10  # pages fetched from one host
    same_host: bool = False  # also follow links to the article's own host without a credit cue
    allowed_hosts: frozenset[str] | None = None  # when set, only these hosts (and their subdomains)


@dataclass
class CitedLink:
    """A link an article gives, worth following as a possible source."""

    url: str
    anchor: str
    sentence: str
    cued: bool  # the sentence around it credits (according to, reported, via...)


@dataclass
class SpiderPage:
    """One page the spider fetched: the fetch, the article (None when extraction failed), its depth."""

    fetch: FetchResult
    article: Article | None
    depth: int
    error: str | None = None
    found_from: str | None = None


def clean_url(url: str) -> str:
    """A URL without fragment, tracking parameters and credentials, host lower-cased; a malformed one only stripped."""
    parts = split_url(without_userinfo(url.strip()))
    if parts is None:
        return url.strip()
    query = "&".join(p for p in parts.query.split("&") if p and not TRACKING_PARAM_RE.match(p))
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", query, ""))


def host_of(url: str) -> str:
    """The lower-cased host name of a URL."""
    parts = split_url(url)
    return ((parts.hostname if parts else None) or "").lower()


def host_allowed(host: str, allowed: Iterable[str] | None) -> bool:
    """Whether `host` is one of `allowed` or a subdomain of one (everything when None)."""
    if allowed is None:
        return True
    return any(host == name or host.endswith("." + name) for name in allowed)


def looks_like_article(url: str) -> bool:
    """Whether a URL could be an article page (not a home page, tag page, file or share link)."""
    parts = split_url(url)
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    if parts.hostname.lower() in SKIP_HOSTS:
        return False
    path = parts.path or "/"
    if SKIP_SUFFIX_RE.search(path) or NON_ARTICLE_PATH_RE.match(path):
        return False
    return True


def cited_links(article: Article, *, same_host: bool = False) -> list[CitedLink]:
    """Links in the article body that may lead to its sources, credited ones first."""
    own_host = host_of(article.url)
    # a canonical on another site is the page this one copies (syndication): a source, not the page itself
    own = {clean_url(u) for u in (article.url, article.canonical_url) if u and host_of(u) == own_host}
    found: dict[str, CitedLink] = {}
    for link in article.links:
        if not link.url:
            continue
        url = clean_url(link.url)
        if url in own or url in found or not looks_like_article(url):
            continue
        context = f"{link.sentence} {link.anchor}"
        cued = bool(CREDIT_CUE_RE.search(context))
        if host_of(url) == own_host and not (cued or same_host):
            continue
        found[url] = CitedLink(url=url, anchor=link.anchor, sentence=link.sentence, cued=cued)
    copied = clean_url(article.canonical_url) if article.canonical_url else None
    if copied and copied not in own and copied not in found and looks_like_article(copied):
        # the page names another site's page as canonical: a syndicated copy of it, whose original is its source
        found[copied] = CitedLink(url=copied, anchor="", sentence="", cued=True)
    return sorted(found.values(), key=lambda link: not link.cued)


def follow_links(
    fetcher: Fetcher,
    seeds: Iterable[str | tuple[str, Article]],
    extract: Callable[[str, str, str], Article],
    *,
    limits: SpiderLimits | None = None,
    seen: set[str] | None = None,
) -> Iterator[SpiderPage]:
    """Fetch seeds and, breadth-first, the sources they cite, within `limits`.

    A seed is a URL to fetch, or (url, article) already fetched. `extract(html, url, fetched_at)`
    turns a page into an Article. URLs in `seen` are not fetched again; it is updated.
    """
    limits = limits or SpiderLimits()
    seen = seen if seen is not None else set()
    per_host: Counter[str] = Counter()
    fetched = 0
    queue: deque[tuple[str, int, str | None, Article | None]] = deque()
    for seed in seeds:
        url, article = (seed, None) if isinstance(seed, str) else seed
        url = clean_url(url)
        if url not in seen:
            seen.add(url)
            queue.append((url, 0, None, article))
    while queue:
        url, depth, parent, article = queue.popleft()
        if article is None:
            host = host_of(url)
            if fetched >= limits.max_pages or per_host[host] >= limits.max_per_host:
                LOGGER.debug("spider limit reached, not fetching %s", url)
                continue
            fetched += 1
            per_host[host] += 1
            result = fetcher.fetch(url, accept=HTML_TYPES)
            seen.add(clean_url(result.final_url))
            page = SpiderPage(result, None, depth, result.error, parent)
            if result.ok:
                try:
                    page.article = extract(result.text, result.final_url, result.fetched_at)
                except Exception as exc:  # one bad page is recorded, not fatal
                    page.error = f"{type(exc).__name__}: {exc}"
            yield page
            article = page.article
        if article is None or depth >= limits.max_depth:
            continue
        for link in cited_links(article, same_host=limits.same_host):
            if link.url in seen or not host_allowed(host_of(link.url), limits.allowed_hosts):
                continue
            seen.add(link.url)
            queue.append((link.url, depth + 1, article.url, None))
