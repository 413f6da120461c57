"""robots.txt rules per origin: what a scheduled job's log says when a site's robots.txt cannot be read."""

from __future__ import annotations

import logging

import pytest

from scrapers.robots import RobotsCache


@pytest.mark.parametrize("status, answer", [(None, "no answer"), (503, "HTTP 503"), (429, "HTTP 429")])
def test_an_unavailable_robots_txt_is_one_plain_warning(caplog, status: int | None, answer: str) -> None:
    cache = RobotsCache(lambda url: (status, ""), "provenance-tests/1.0")
    with caplog.at_level(logging.WARNING, logger="scrapers.robots"):
        assert not cache.allows("http://harborton-star.example/news/pier.html")
    assert caplog.messages == [f"robots.txt of http://harborton-star.example unavailable ({answer}): not crawling it for now"]


@pytest.mark.parametrize("status, allowed", [(404, True), (403, True), (410, True), (429, False), (500, False)])
def test_a_robots_txt_that_asks_us_to_slow_down_is_no_licence_to_crawl(status: int, allowed: bool) -> None:
    # RFC 9309 lets a 4xx robots.txt allow everything; a 429 is the site asking for fewer requests, not for none of
    # its rules (Google reads it as a server error): read as "no robots.txt", it was kept a day and Disallow ignored
    cache = RobotsCache(lambda url: (status, ""), "provenance-tests/1.0")
    assert cache.allows("http://harborton-star.example/private/ledger.html") is allowed
    assert bool(cache.drain_read()) is allowed  # only a file that was read is kept for the next runs
