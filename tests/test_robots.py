"""robots.txt rules per origin: what a scheduled job's log says when a site's robots.txt cannot be read."""

from __future__ import annotations

import logging

import pytest

from scrapers.robots import RobotsCache


@pytest.mark.parametrize("status, answer", [(None, "no answer"), (503, "HTTP 503")])
def test_an_unavailable_robots_txt_is_one_plain_warning(caplog, status: int | None, answer: str) -> None:
    cache = RobotsCache(lambda url: (status, ""), "provenance-tests/1.0")
    with caplog.at_level(logging.WARNING, logger="scrapers.robots"):
        assert not cache.allows("http://harborton-star.example/news/pier.html")
    assert caplog.messages == [f"robots.txt of http://harborton-star.example unavailable ({answer}): not crawling it for now"]
