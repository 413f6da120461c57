"""robots.txt: fetched once per origin, parsed with protego, cached for a while."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from protego import Protego

LOGGER = logging.getLogger(__name__)

# What fetching robots.txt returned: (status or None on a network error, body text).
RobotsResponse = tuple[int | None, str]


@dataclass
class RobotsRules:
    """The robots.txt policy of one origin."""

    origin: str
    status: int | None  # HTTP status of robots.txt, None when it could not be fetched
    parser: Protego | None = None  # None: no rules (allow all) or unreachable (disallow all)
    disallow_all: bool = False
    fetched_at: float = field(default_factory=time.monotonic)

    @property
    def unavailable(self) -> bool:
        """Whether robots.txt could not be read (5xx, network error): everything refused until it can."""
        return self.disallow_all

    def allows(self, url: str, user_agent: str) -> bool:
        """Whether `user_agent` may fetch `url` under these rules."""
        if self.disallow_all:
            return False
        if self.parser is None:
            return True
        return self.parser.can_fetch(url, user_agent)

    def delay(self, user_agent: str) -> float | None:
        """Seconds between requests that the site asks for (Crawl-delay or Request-rate)."""
        if self.parser is None:
            return None
        delays = []
        crawl_delay = self.parser.crawl_delay(user_agent)
        if crawl_delay is not None:
            delays.append(float(crawl_delay))
        rate = self.parser.request_rate(user_agent)
        if rate is not None and rate.requests:
            delays.append(rate.seconds / rate.requests)
        return max(delays) if delays else None

    def sitemaps(self) -> list[str]:
        """Sitemap URLs that robots.txt names."""
        return list(self.parser.sitemaps) if self.parser is not None else []


def origin_of(url: str) -> str:
    """scheme://host[:port] of a URL, lower-cased."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def parse_robots(origin: str, status: int | None, body: str) -> RobotsRules:
    """Rules from a robots.txt response, following RFC 9309 for errors."""
    if status is not None and 200 <= status < 300:
        return RobotsRules(origin, status, Protego.parse(body))
    if status is not None and 300 <= status < 500 and status != 429:
        # Unavailable (404, 403, 410..., or redirects that reached no file, RFC 9309 2.3.1.2): no restrictions.
        return RobotsRules(origin, status)
    # Unreachable (5xx, network error; 429, the site asking us to slow down, as Google reads it too):
    # assume complete disallow for now. A 429 read as "no robots.txt" was kept a day and its rules ignored.
    return RobotsRules(origin, status, disallow_all=True)


@dataclass
class RobotsRead:
    """A robots.txt as read: what a later run may start from instead of asking again (`RobotsCache.remember`)."""

    origin: str
    status: int | None
    body: str
    fetched_at: float  # Unix time


class RobotsCache:
    """robots.txt rules per origin, fetched through `fetch_robots` at first use."""

    def __init__(
        self,
        fetch_robots: Callable[[str], RobotsResponse],
        user_agent: str,
        *,
        ttl: float = 3600.0,
        error_ttl: float = 300.0,
    ) -> None:
        self._fetch = fetch_robots
        self.user_agent = user_agent
        self.ttl = ttl
        self.error_ttl = error_ttl
        self._rules: dict[str, RobotsRules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()
        self._read: list[RobotsRead] = []  # the files read since `drain_read`, for keeping

    def rules_for(self, url: str) -> RobotsRules:
        """The rules for the origin of `url`, fetching robots.txt when not cached."""
        origin = origin_of(url)
        with self._guard:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:
            rules = self._rules.get(origin)
            if rules is not None and not self._expired(rules):
                return rules
            status, body = self._fetch(origin + "/robots.txt")
            rules = parse_robots(origin, status, body)
            if rules.disallow_all:
                answer = "no answer" if status is None else f"HTTP {status}"
                LOGGER.warning("robots.txt of %s unavailable (%s): not crawling it for now", origin, answer)
            else:
                with self._guard:
                    self._read.append(RobotsRead(origin, status, body, time.time()))
            self._rules[origin] = rules
            return rules

    def remember(self, read: RobotsRead) -> bool:
        """Take a robots.txt an earlier run read, while it is younger than the ttl; whether it was taken.

        An unavailable one (5xx, no answer) is never taken: it is asked for again.
        """
        age = time.time() - read.fetched_at
        rules = parse_robots(read.origin, read.status, read.body)
        if rules.disallow_all or not 0 <= age < self.ttl:
            return False
        rules.fetched_at = time.monotonic() - age
        with self._guard:
            self._rules[read.origin] = rules
        return True

    def drain_read(self) -> list[RobotsRead]:
        """The robots.txt files read (not unavailable) since the last call."""
        with self._guard:
            read, self._read = self._read, []
        return read

    def _expired(self, rules: RobotsRules) -> bool:
        """Whether cached rules are older than their time to live."""
        ttl = self.error_ttl if rules.disallow_all else self.ttl
        return time.monotonic() - rules.fetched_at > ttl

    def allows(self, url: str) -> bool:
        """Whether robots.txt lets us fetch `url`."""
        return self.rules_for(url).allows(url, self.user_agent)

    def delay(self, url: str) -> float | None:
        """The delay the origin of `url` asks for, if any."""
        return self.rules_for(url).delay(self.user_agent)

    def sitemaps(self, url: str) -> list[str]:
        """Sitemaps that the robots.txt of the origin of `url` names."""
        return self.rules_for(url).sitemaps()
