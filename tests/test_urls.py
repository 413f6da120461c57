"""URLs from untrusted input: split, joined and checked without raising."""

from __future__ import annotations

import pytest

from provenance.urls import is_http_url, join_url, split_url


@pytest.mark.parametrize(
    "url, host, http",
    [
        ("https://ledger.example/story", "ledger.example", True),
        ("http://[::1]:8080/x", "::1", True),
        ("HTTP://Ledger.example/", "ledger.example", True),
        ("http://[oops/story", None, False),  # unclosed IPv6 bracket
        ("http://ledger]example/", None, False),
        ("https://ledger.example:99999/", None, False),  # port out of range
        ("https://ledger.example:rss/", None, False),  # port not a number
        ("mailto:desk@ledger.example", "", False),
        ("http:///no-host", "", False),
        ("/relative/path", "", False),
        ("https://ledger\x1d.example/", None, False),  # no URL holds a control character
        ("https://ledger.example/a\x00b", None, False),
        ("https://ledger.example/a\x7f", None, False),
        ("https://ledger.example/a\tb", "ledger.example", True),  # urlsplit drops a tab itself
    ],
)
def test_split_and_check(url: str, host: str | None, http: bool) -> None:
    parts = split_url(url)
    assert (parts.hostname or "" if parts is not None else None) == host
    assert is_http_url(url) is http


@pytest.mark.parametrize(
    "base, href, expected",
    [
        ("https://ledger.example/news/a", " b ", "https://ledger.example/news/b"),
        ("https://ledger.example/news/a", "http://[oops/story", None),
        ("http://[oops/", "story", None),
        ("https://ledger.example/", "https://ledger.example:99999/x", None),
    ],
)
def test_join(base: str, href: str, expected: str | None) -> None:
    assert join_url(base, href) == expected
