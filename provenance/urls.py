"""URLs from untrusted pages, feeds, sitemaps and files: split, joined and checked without raising."""

from __future__ import annotations

import re
from urllib.parse import SplitResult, urljoin, urlsplit

HTTP_SCHEMES = ("http", "https")
# Schemes whose URL is code or content rather than an address: followed from a page, they run or show it
SCRIPT_SCHEMES = ("javascript", "vbscript", "data")
SCHEME_RE = re.compile(r"[\x00-\x20]*([A-Za-z][A-Za-z0-9+.-]*):")  # after leading controls and spaces
BROWSER_IGNORED_RE = re.compile(r"[\t\n\r]")  # what the URL standard removes anywhere in a URL
# C0 controls and DEL but tab and line breaks: no URL holds one (urlsplit itself drops a tab or a line break inside
# one), nor does a filter a researcher types (the timeline's ?q= and ?story=)
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def split_url(url: str) -> SplitResult | None:
    """The parts of `url`, or None when it is malformed (an unclosed IPv6 bracket, a bad port, a control character)."""
    if CONTROL_RE.search(url):
        return None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises for a port that is not a number in range
    except ValueError:
        return None
    return parts


def join_url(base: str, href: str) -> str | None:
    """`href` resolved against `base`, or None when either is malformed."""
    try:
        joined = urljoin(base, href.strip())
    except ValueError:
        return None
    return joined if split_url(joined) is not None else None


def without_userinfo(url: str) -> str:
    """`url` without a user name or password before its host (`https://user:pw@host/` -> `https://host/`)."""
    parts = split_url(url)
    if parts is None or "@" not in parts.netloc:
        return url
    return parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()


def is_http_url(url: str) -> bool:
    """Whether `url` is a well-formed http(s) URL with a host."""
    parts = split_url(url)
    return parts is not None and parts.scheme in HTTP_SCHEMES and bool(parts.hostname)


def url_scheme(url: str) -> str:
    """The scheme of `url`, lowercased, as a browser reads it (tabs and line breaks inside ignored), or ''."""
    parts = split_url(url)
    if parts is not None:
        return parts.scheme
    # malformed after its scheme ('javascript://[', an unclosed bracket): a browser still runs it
    match = SCHEME_RE.match(BROWSER_IGNORED_RE.sub("", url))
    return match.group(1).lower() if match else ""


def has_script_scheme(url: str) -> bool:
    """Whether `url` is a javascript:, vbscript: or data: URL (in any case, with tabs or spaces around its parts)."""
    return url_scheme(url) in SCRIPT_SCHEMES
