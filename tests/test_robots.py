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


ROBOTS = "User-agent: *\nDisallow: /private/\nCrawl-delay: 2\nRequest-rate: 1/5\n"


def counting_fetcher(answers: list[tuple[int | None, str]]):
    """A robots.txt fetcher giving `answers` in turn; its `asked` lists the URLs asked for."""
    def fetch(url: str) -> tuple[int | None, str]:
        fetch.asked.append(url)
        return answers[min(len(fetch.asked), len(answers)) - 1]

    fetch.asked = []
    return fetch


def test_an_unavailable_robots_txt_is_asked_again_after_the_error_ttl_a_read_one_after_the_ttl() -> None:
    fetch = counting_fetcher([(503, ""), (200, ROBOTS)])
    cache = RobotsCache(fetch, "provenance-tests/1.0", ttl=3600, error_ttl=300)
    page = "http://harborton-star.example/news/pier.html"
    assert not cache.allows(page)
    cache.rules_for(page).fetched_at -= 299
    assert not cache.allows(page) and len(fetch.asked) == 1  # still within the error ttl
    cache.rules_for(page).fetched_at -= 2
    assert cache.allows(page) and len(fetch.asked) == 2  # asked again: now read
    cache.rules_for(page).fetched_at -= 3599
    assert not cache.allows("http://harborton-star.example/private/ledger.html") and len(fetch.asked) == 2
    cache.rules_for(page).fetched_at -= 2
    cache.allows(page)
    assert fetch.asked == ["http://harborton-star.example/robots.txt"] * 3


def test_a_robots_txt_read_by_an_earlier_run_is_taken_while_young_and_never_when_unavailable() -> None:
    import time

    from scrapers.robots import RobotsRead

    fetch = counting_fetcher([(200, "User-agent: *\nDisallow:\n")])
    cache = RobotsCache(fetch, "provenance-tests/1.0", ttl=3600)
    origin = "http://harborton-star.example"
    assert not cache.remember(RobotsRead(origin, 503, "", time.time()))
    assert not cache.remember(RobotsRead(origin, 200, ROBOTS, time.time() - 3601))
    assert cache.remember(RobotsRead(origin, 200, ROBOTS, time.time() - 60))
    assert not cache.allows(origin + "/private/ledger.html")  # its rules, not asked for again
    assert fetch.asked == []


def test_the_delay_is_the_longer_of_crawl_delay_and_request_rate() -> None:
    cache = RobotsCache(counting_fetcher([(200, ROBOTS)]), "provenance-tests/1.0")
    assert cache.delay("http://harborton-star.example/news/pier.html") == 5.0  # 1 request per 5 s over Crawl-delay 2
    assert cache.allows("http://harborton-star.example/news/pier.html")
    assert not cache.allows("http://harborton-star.example/private/ledger.html")
