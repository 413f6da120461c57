"""URLs from untrusted pages, feeds, sitemaps and files: split, joined and checked without raising."""

from __future__ import annotations

import re
from urllib.parse import SplitResult, urljoin, urlsplit

HTTP_SCHEMES = ("http", "https")
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


def is_http_url(url: str) -> bool:
    """Whether `url` is a well-formed http(s) URL with a host."""
    parts = split_url(url)
    return parts is not None and parts.scheme in HTTP_SCHEMES and bool(parts.hostname)
