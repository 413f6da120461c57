"""The one fetcher every network call goes through: politeness, robots.txt, retries, caps, guard."""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import ipaddress
import logging
import re
import socket
import threading
import time
import weakref
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpcore
import httpx

from provenance.urls import join_url, without_userinfo
from scrapers.charsets import detect_encoding
from scrapers.html import meta_refresh_target
from scrapers.robots import RobotsCache, RobotsResponse

LOGGER = logging.getLogger(__name__)

DEFAULT_USER_AGENT = "quote-provenance/0.1 (research crawler; set user_agent to add a contact)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/rdf+xml",
    "application/feed+json",
    "application/json",
    "text/html",  # some servers label feeds as HTML; the feed parser decides
    "text/plain",
)
SITEMAP_TYPES = ("application/xml", "text/xml", "text/plain", "application/gzip", "application/x-gzip")
JSON_TYPES = ("application/json", "text/json", "text/plain", "text/html")
GENERIC_TYPES = ("", "application/octet-stream", "binary/octet-stream")
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
SHELTERED_LOCATION = "x-provenance-location"  # a Location httpx cannot read, kept aside (see _shelter_location)
RETRY_STATUSES = (429, 500, 502, 503, 504)

HTML_SNIFF_RE = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE | re.DOTALL)
XML_SNIFF_RE = re.compile(rb"^\s*<\?xml|^\s*<(?:rss|feed|urlset|sitemapindex)[\s>]", re.IGNORECASE)
CONTROL_BYTES_RE = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


class FetchRefused(Exception):
    """A URL that the fetcher will not request (scheme, private address, robots.txt).

    `temporary` when asking again later may succeed (robots.txt unavailable, DNS failure);
    otherwise the refusal holds for that URL (robots.txt Disallow, private address, bad URL).
    """

    def __init__(self, message: str, *, temporary: bool = False) -> None:
        super().__init__(message)
        self.temporary = temporary


@dataclass
class FetchConfig:
    """Politeness, limits and identity of the fetcher."""

    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    max_time: float = 60.0  # a whole response, so a trickling server cannot hold us
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    retries: int = 3  # extra attempts after the first
    backoff: float = 1.0  # first retry waits this long, then doubles
    max_retry_after: float = 120.0  # a longer Retry-After gives up instead of waiting
    min_delay: float = 1.0  # our floor between requests to one host
    host_delays: dict[str, float] = field(default_factory=dict)  # per-host floors
    per_host_concurrency: int = 1
    max_connections: int = 20
    respect_robots: bool = True
    robots_hours: float = 24.0  # how long a robots.txt read is trusted (RFC 9309: at most 24 hours), across runs too
    allow_private: bool = False  # private and loopback (tests, intranets); link-local and metadata never
    # Host name -> IP address to connect to instead of asking DNS (like curl --resolve); http only.
    resolve: dict[str, str] = field(default_factory=dict)


@dataclass
class FetchResult:
    """What one fetch returned; `error` is set when there is no usable body."""

    url: str
    final_url: str
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    bytes: int = 0
    elapsed_ms: int = 0
    content_type: str | None = None
    encoding: str | None = None
    error: str | None = None
    not_modified: bool = False
    fetched_at: str = ""
    attempts: int = 0
    redirects: list[str] = field(default_factory=list)
    deferred: bool = False  # not fetched: the host's turn came after the run's end, or the run stopped
    # "permanent" or "temporary" when the fetcher refused to make the request (see FetchRefused).
    refused: str | None = None
    # The redirect to final_url was not followed: the caller said it had that page already.
    unfollowed: bool = False
    # The error will not pass: the address answers with a type not asked for (a PDF, an image, bytes),
    # or with a body over the size cap (by its Content-Length, or decompressed: a gzip bomb).
    lasting: bool = False

    @property
    def ok(self) -> bool:
        """A 2xx response with a body we accept."""
        return self.error is None and self.status is not None and 200 <= self.status < 300

    @property
    def text(self) -> str:
        """The body decoded with the detected encoding."""
        return self.body.decode(self.encoding or "utf-8", errors="replace")

    @property
    def etag(self) -> str | None:
        """The ETag validator of the response."""
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        """The Last-Modified validator of the response."""
        return self.headers.get("last-modified")


def now_iso() -> str:
    """The current UTC time as ISO 8601 with seconds."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def body_hash(body: bytes) -> str:
    """The hash that tells a changed body (page, sitemap) from the one fetched before."""
    return hashlib.sha1(body).hexdigest()


def host_key(url: str) -> str:
    """host[:port] that politeness limits apply to."""
    return urlsplit(url).netloc.lower()


def resolve_host(host: str, port: int) -> list[str]:
    """Every address `host` resolves to."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({info[4][0] for info in infos})


# Cloud instance-metadata services, refused even with allow_private: 169.254.169.254 (AWS, GCP,
# Azure, OpenStack; link-local, named here for a plainer message), AWS's IPv6 endpoint (a
# unique-local address), Alibaba Cloud's (shared address space) and Azure's wireserver (public).
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(address)
    for address in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200", "168.63.129.16")
)
# The content codings asked for, and the only ones read (each inflated a bounded piece at a time).
ACCEPT_ENCODING = "gzip, deflate"
# How much of a robots.txt is read: RFC 9309 asks crawlers to parse at least 500 KiB, and Google stops there.
ROBOTS_MAX_BYTES = 500 * 1024
# IPv6 prefixes that carry an IPv4 address in their last 32 bits (RFC 6052 NAT64).
NAT64_PREFIX = ipaddress.ip_network("64:ff9b::/96")


def parse_address(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The IP address written in `address` (zone id dropped, IPv4 mapped or NAT64 unwrapped), or None."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return ip.ipv4_mapped
        if ip in NAT64_PREFIX:
            return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip


def always_refused_reason(address: str) -> str | None:
    """Why an address is off limits even with allow_private (link-local, cloud metadata), or None."""
    ip = parse_address(address)
    return _always_refused(address, ip)


def _always_refused(address: str, ip: ipaddress.IPv4Address | ipaddress.IPv6Address | None) -> str | None:
    """Why the parsed address `ip` (written `address`) is refused even with allow_private, or None."""
    if ip is None:
        return f"{address} is not an IP address"
    if ip in METADATA_ADDRESSES:
        return f"{ip} is a cloud metadata address"
    if ip.is_link_local:
        return f"{ip} is a link-local address"
    return None


def refusal_reason(address: str) -> str | None:
    """Why an IP address is off limits by default, or None when it is public."""
    ip = parse_address(address)
    reason = _always_refused(address, ip)
    if reason or ip is None:
        return reason
    for label, flag in (
        ("loopback", ip.is_loopback),
        ("unspecified", ip.is_unspecified),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
        ("non-global", not ip.is_global),
    ):
        if flag:
            return f"{ip} is a {label} address"
    return None


def check_url(url: str, *, allow_private: bool, resolver: Callable[[str, int], list[str]] = resolve_host) -> list[str]:
    """The addresses `url`'s host resolves to, all checked; FetchRefused when not http(s) or not allowed.

    Without `allow_private` every address must be public; with it, private and loopback
    addresses pass (a LAN or 127.0.0.1 test server) but link-local and cloud metadata addresses
    never do, since a redirect there would hand the crawl an instance's credentials.
    """
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises for a bad port
    except ValueError as exc:
        raise FetchRefused(f"refused: malformed URL ({exc})") from None
    if any(ch.isspace() for ch in url):
        raise FetchRefused("refused: malformed URL (white space in it)")
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(f"refused: scheme {parts.scheme or '(none)'!r} is not http or https")
    host = parts.hostname
    if not host:
        raise FetchRefused("refused: URL has no host")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        ipaddress.ip_address(host)
        addresses = [host]
    except ValueError:
        try:
            addresses = resolver(host, port)
        except (OSError, UnicodeError) as exc:
            raise FetchRefused(f"DNS lookup failed for {host}: {exc}", temporary=True) from None
    if not addresses:
        raise FetchRefused(f"DNS lookup for {host} returned no address", temporary=True)
    judge = always_refused_reason if allow_private else refusal_reason
    for address in addresses:
        reason = judge(address)
        if reason:
            raise FetchRefused(f"refused: {host} resolves to a non-public address ({reason})")
    return addresses


def media_type(content_type: str | None) -> str:
    """The bare media type of a Content-Type header, lower-cased."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def may_accept(content_type: str | None, accept: tuple[str, ...]) -> bool:
    """Whether a body declared `content_type` may be one of `accept`: declared so, or declared generic (sniffed then)."""
    declared = media_type(content_type)
    return declared in accept or declared in GENERIC_TYPES + ("text/plain",)


def looks_binary(body: bytes) -> bool:
    """Whether a body is binary rather than text (control bytes in its first kilobytes)."""
    sample = body[:2048]
    if not sample or sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return b"\x00" in sample or len(CONTROL_BYTES_RE.findall(sample)) > len(sample) // 100


def sniff_type(body: bytes) -> str | None:
    """HTML or XML recognised from the first bytes of a body."""
    head = body[:1024].lstrip(codecs.BOM_UTF8)
    if HTML_SNIFF_RE.match(head):
        return "text/html"
    if XML_SNIFF_RE.match(head):
        return "application/xml"
    if head.startswith(b"\x1f\x8b"):
        return "application/gzip"
    return None


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


class HostGate:
    """Per-host concurrency, a minimum delay between the starts of requests, and pauses (Retry-After)."""

    def __init__(self, concurrency: int, stopping: threading.Event | None = None) -> None:
        self.concurrency = max(1, concurrency)
        self.stopping = stopping or threading.Event()
        self._lock = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = {}
        self._last: dict[str, float] = {}  # start of the latest request to each host
        self._paused: dict[str, float] = {}  # no request to the host before this time
        self._held: dict[str, float] = {}  # a pause past the retry limit: the host's requests deferred until then

    def slot(self, host: str) -> threading.Semaphore:
        """The semaphore bounding concurrent requests to `host`."""
        with self._lock:
            return self._slots.setdefault(host, threading.BoundedSemaphore(self.concurrency))

    def wait_turn(self, host: str, delay: float, latest: float | None = None) -> None:
        """Block until `delay` seconds have passed since the last request to `host` started.

        A turn that would come after `latest` (a monotonic time: the run's end), or a stop while
        waiting, is a deferred failure instead: the page waits for a later run.
        """
        while True:
            with self._lock:
                now = time.monotonic()
                held = self._held.get(host, 0.0)
                if now < held:
                    raise _Failure(f"deferred: {host} asked for no request for {held - now:.0f}s more (Retry-After)",
                                   retry=False, deferred=True)
                start = max(self._last.get(host, -1e18) + delay, self._paused.get(host, 0.0))
                if now >= start:
                    self._last[host] = now
                    return
                wait = start - now
            if latest is not None and start > latest:
                raise _Failure(f"deferred: {host} takes its next request in {wait:.0f}s, after the run's end",
                               retry=False, deferred=True)
            if self.stopping.wait(wait):
                raise _Failure("deferred: the run stopped", retry=False, deferred=True)

    def push_back(self, host: str, seconds: float) -> None:
        """Hold every request to `host` for `seconds` (after a 429 or 503)."""
        with self._lock:
            self._paused[host] = max(self._paused.get(host, 0.0), time.monotonic() + seconds)

    def hold_off(self, host: str, seconds: float) -> None:
        """Defer every request to `host` for `seconds`, not wait (a Retry-After past the retry limit)."""
        with self._lock:
            self._held[host] = max(self._held.get(host, 0.0), time.monotonic() + seconds)


def _decoded_chunks(response: httpx.Response, limit: int) -> Iterator[bytes]:
    """The body, decompressed a bounded piece at a time (a gzip bomb never expands past `limit`).

    httpx inflates each network chunk whole, so 64 KiB of a bomb became 64 MiB before the size
    check saw it; here gzip and deflate are inflated at most `limit + 1` bytes per step.
    """
    encoding = response.headers.get("content-encoding", "").strip().lower()
    if encoding in ("", "identity"):
        yield from response.iter_bytes()
        return
    if encoding not in ("gzip", "x-gzip", "deflate"):
        # br (which httpx inflates whole: 500 bytes of it are 300 MB) or anything else we never asked for
        raise _Failure(f"content encoding {encoding[:40]!r} not asked for (we accept {ACCEPT_ENCODING})", retry=False,
                       status=response.status_code)
    decoder = zlib.decompressobj(zlib.MAX_WBITS | 16 if "gzip" in encoding else zlib.MAX_WBITS)
    first = True
    try:
        for raw in response.iter_raw():
            data = raw
            while data:
                try:
                    piece = decoder.decompress(data, limit + 1)
                except zlib.error:
                    if not (first and encoding == "deflate"):
                        raise
                    decoder = zlib.decompressobj(-zlib.MAX_WBITS)  # deflate sent raw, without its zlib header
                    piece = decoder.decompress(data, limit + 1)
                first = False
                data = decoder.unconsumed_tail
                if piece:
                    yield piece
        tail = decoder.flush()
        if tail:
            yield tail
    except zlib.error as exc:
        raise httpx.DecodingError(f"{encoding}: {exc}") from None


class _Failure(Exception):
    """One failed attempt: its message, whether to retry, and how long to wait first."""

    def __init__(self, message: str, *, retry: bool, wait: float | None = None, status: int | None = None,
                 deferred: bool = False, lasting: bool = False):
        super().__init__(message)
        self.retry = retry
        self.wait = wait
        self.status = status
        self.deferred = deferred
        self.lasting = lasting  # the address will answer so again (a body over the cap): not asked for in later runs


class _Deadlines:
    """A network backend whose reads and writes end at the running request's deadline.

    httpx bounds each read, not a whole response, so a server sending its headers a line at a
    time could hold a request for ever; here every socket operation gets at most the time left
    to the request (per thread: `set`), and `stop` ends the ones in progress by shutting their
    sockets down.
    """

    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        self.backend = backend
        self.local = threading.local()
        self.streams: weakref.WeakSet = weakref.WeakSet()
        self.stopped = False

    def set(self, deadline: float | None) -> None:
        """The monotonic time by which this thread's request must end (None: no bound)."""
        self.local.deadline = deadline

    def left(self, timeout: float | None) -> float | None:
        """`timeout` cut to the time left; raises ReadTimeout when none is left or on a stop."""
        if self.stopped:
            raise httpcore.ReadError("the run stopped")
        deadline = getattr(self.local, "deadline", None)
        if deadline is None:
            return timeout
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise httpcore.ReadTimeout("the response took too long")
        return remaining if timeout is None else min(timeout, remaining)

    def stop(self) -> None:
        """End every socket operation in progress and refuse new ones."""
        self.stopped = True
        for stream in list(self.streams):
            sock = stream.get_extra_info("socket")
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        stream = self.backend.connect_tcp(host, port, self.left(timeout), local_address, socket_options)
        return self._watch(stream)

    def connect_unix_socket(self, path, timeout=None, socket_options=None):
        return self._watch(self.backend.connect_unix_socket(path, self.left(timeout), socket_options))

    def sleep(self, seconds: float) -> None:
        self.backend.sleep(seconds)

    def _watch(self, stream: httpcore.NetworkStream) -> httpcore.NetworkStream:
        watched = _DeadlineStream(stream, self)
        self.streams.add(watched)
        return watched


class _DeadlineStream(httpcore.NetworkStream):
    """A network stream whose operations take at most the time its request has left."""

    def __init__(self, stream: httpcore.NetworkStream, deadlines: _Deadlines) -> None:
        self.stream = stream
        self.deadlines = deadlines

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.stream.read(max_bytes, self.deadlines.left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.stream.write(buffer, self.deadlines.left(timeout))

    def close(self) -> None:
        self.stream.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None):
        stream = self.stream.start_tls(ssl_context, server_hostname, self.deadlines.left(timeout))
        return self.deadlines._watch(stream)

    def get_extra_info(self, info: str):
        return self.stream.get_extra_info(info)


def _shelter_location(response: httpx.Response) -> None:
    """Keep a redirect's Location that httpx cannot read as a URL (`javascript:...`) under another header.

    httpx builds the next request from every redirect, followed or not, and raised InvalidURL for
    such a target: the fetch ended with no status, as if no server had answered. The fetch loop
    reads it back and refuses the target as it refuses any address that is not http(s).
    """
    location = response.headers.get("location")
    if response.status_code not in REDIRECT_STATUSES or location is None:
        return
    try:
        target = response.request.url.join(location)
        if target.scheme in ("http", "https") and target.host:
            return
    except (httpx.InvalidURL, ValueError):
        pass
    response.headers[SHELTERED_LOCATION] = location
    del response.headers["location"]


class Fetcher:
    """Fetch URLs politely: one client with pooling, robots.txt, retries, caps and the address guard."""

    def __init__(
        self,
        config: FetchConfig | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        resolver: Callable[[str, int], list[str]] = resolve_host,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.config = config or FetchConfig()
        self.resolver = self._resolve_with_overrides(resolver)
        self.sleep = sleep
        cfg = self.config
        self.stopping = threading.Event()
        self.run_deadline: float | None = None  # monotonic: no request starts after it (a run's end)
        self.deadlines: _Deadlines | None = None
        if transport is None:
            transport = httpx.HTTPTransport()
            pool = getattr(transport, "_pool", None)
            if not hasattr(pool, "_network_backend"):
                raise RuntimeError("this httpx/httpcore has no network backend to bound; pin httpx<0.29")
            self.deadlines = pool._network_backend = _Deadlines(pool._network_backend)
        self.client = httpx.Client(
            headers={"User-Agent": cfg.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
            timeout=httpx.Timeout(cfg.read_timeout, connect=cfg.connect_timeout, pool=cfg.max_time),
            limits=httpx.Limits(max_connections=cfg.max_connections, max_keepalive_connections=cfg.max_connections),
            follow_redirects=False,
            transport=transport,
            trust_env=False,
            event_hooks={"response": [_shelter_location]},
        )
        self.gate = HostGate(cfg.per_host_concurrency, self.stopping)
        self.robots = RobotsCache(self._fetch_robots, cfg.user_agent, ttl=cfg.robots_hours * 3600)
        # robots.txt fetches happen inside other fetches; callers that log every fetch drain these.
        self.side_fetches: deque[FetchResult] = deque()

    def _resolve_with_overrides(self, resolver: Callable[[str, int], list[str]]) -> Callable[[str, int], list[str]]:
        """The resolver, answering from `config.resolve` first."""
        overrides = {host.lower(): address for host, address in self.config.resolve.items()}

        def resolve(host: str, port: int) -> list[str]:
            if host.lower() in overrides:
                return [overrides[host.lower()]]
            return resolver(host, port)

        return resolve

    def _connect_url(self, url: str, headers: dict[str, str], checked: list[str]) -> str:
        """The URL to connect to: for http, the host replaced by the address checked (Host kept).

        Connecting to the address the guard checked, rather than resolving again, keeps a DNS
        answer that changes in between (rebinding) from reaching a private address. https is
        left alone: certificate verification already ties the connection to the host name.
        """
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        address = self.config.resolve.get(host)
        if address is None and checked and host not in checked:
            address = next((a for a in checked if ":" not in a), checked[0])
        if address is None or parts.scheme != "http":
            return url
        headers["Host"] = parts.netloc
        netloc = f"[{address}]" if ":" in address else address
        if parts.port:
            netloc += f":{parts.port}"
        return parts._replace(netloc=netloc).geturl()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close pooled connections."""
        self.client.close()

    def stop(self) -> None:
        """End the fetches in progress now (deferred, not failed) and start no more: Ctrl-C, SIGTERM."""
        self.stopping.set()
        if self.deadlines is not None:
            self.deadlines.stop()

    def delay_for(self, url: str, *, use_robots: bool = True) -> float:
        """Seconds between requests to the host of `url`: our floor or the site's, the larger."""
        delays = self.config.host_delays
        floor = delays.get(host_key(url), delays.get(urlsplit(url).hostname or "", self.config.min_delay))
        if not (use_robots and self.config.respect_robots):
            return floor
        asked = self.robots.delay(url)
        return max(floor, asked or 0.0)

    def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: Iterable[str] = HTML_TYPES,
        check_robots: bool = True,
        max_bytes: int | None = None,
        follow: Callable[[str], bool] | None = None,
        validated_url: str | None = None,
    ) -> FetchResult:
        """Fetch `url`; never raises for network trouble: the error is in the result.

        `max_bytes` caps this body (decompressed) instead of the configured cap (sitemaps have their own).
        `follow` is asked before each redirect is followed; when it says no, the fetch ends at the
        redirect (`unfollowed`, its target in `final_url`): the caller has that page from another fetch.
        `etag` and `last_modified` are sent to `validated_url` (by default `url`), the address whose
        answer gave them: the final URL of an earlier fetch that was redirected there.
        """
        return self._fetch(url, etag=etag, last_modified=last_modified, accept=tuple(accept),
                           check_robots=check_robots and self.config.respect_robots, max_bytes=max_bytes,
                           follow=follow, validated_url=validated_url)

    def drain_side_fetches(self) -> list[FetchResult]:
        """The robots.txt fetches made since the last call."""
        drained = []
        while self.side_fetches:
            drained.append(self.side_fetches.popleft())
        return drained

    def fetch_many(self, urls: Iterable[str], *, workers: int = 8, **kwargs) -> Iterator[FetchResult]:
        """Fetch URLs concurrently (politeness still per host), yielding results as they finish."""
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            futures = [pool.submit(self.fetch, url, **kwargs) for url in urls]
            for future in futures:
                yield future.result()

    def _fetch_robots(self, robots_url: str) -> RobotsResponse:
        """Fetch a robots.txt for the cache (no robots check, redirects followed, its first ROBOTS_MAX_BYTES read).

        As RFC 9309 has it: a file that answered 2xx is parsed whatever it holds (a line that is no
        rule is ignored, so bytes that are no text grant and forbid nothing); a longer one is read to
        the parse limit; a redirect chain that reaches no file is an unavailable robots.txt (allow all).
        """
        result = self._fetch(robots_url, accept=("text/plain",) + GENERIC_TYPES + ("text/html",),
                             check_robots=False, lenient_type=True, max_bytes=ROBOTS_MAX_BYTES, cut=True)
        self.side_fetches.append(result)
        if result.deferred:
            raise _Failure(result.error or "deferred", retry=False, deferred=True)
        if result.status is None:
            return None, ""
        if 200 <= result.status < 300 and result.body:
            return result.status, result.body.decode(result.encoding or "utf-8", errors="replace")
        if result.error and not (300 <= result.status < 500):
            return result.status if result.status >= 500 else None, ""
        return result.status, ""

    def _fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: tuple[str, ...] = HTML_TYPES,
        check_robots: bool = True,
        lenient_type: bool = False,
        max_bytes: int | None = None,
        follow: Callable[[str], bool] | None = None,
        cut: bool = False,
        validated_url: str | None = None,
    ) -> FetchResult:
        """The fetch loop: guard, robots, redirects and retries; with `cut`, a body past the cap is cut there, not refused.

        An HTML page whose `<meta http-equiv="refresh">` sends the reader on at once is followed as a
        redirect, within the same limits (hops, address guard, robots.txt, credentials dropped).
        """
        refresh = not cut and not lenient_type
        started = time.monotonic()
        result = FetchResult(url=url, final_url=url, fetched_at=now_iso())
        current = url
        seen = {url}
        try:
            while True:
                checked = check_url(current, allow_private=self.config.allow_private, resolver=self.resolver)
                if check_robots and not self.robots.allows(current):
                    raise self._robots_refusal(current)
                headers = {}
                if current == (validated_url or url):  # the validators are that address's, wherever it is reached from
                    if etag:
                        headers["If-None-Match"] = etag
                    if last_modified:
                        headers["If-Modified-Since"] = last_modified
                status, response_headers, body = self._attempts(current, headers, result, check_robots, checked,
                                                                max_bytes or self.config.max_bytes, cut=cut,
                                                                accept=None if lenient_type else accept)
                result.final_url = current
                result.status = status
                result.headers = response_headers
                location = response_headers.get("location") if status in REDIRECT_STATUSES else None
                if location is None and refresh and 200 <= status < 300 and body and \
                        media_type(response_headers.get("content-type")) in HTML_TYPES:
                    location = meta_refresh_target(body)  # a page that sends the reader on at once: a redirect
                if location is not None:
                    target = join_url(current, location.strip())
                    if target is None:
                        result.error = f"malformed redirect target: {location[:200]!r}"
                        break
                    # followed and saved without credentials: a site's redirect must not make us log in, nor keep them
                    target = without_userinfo(target.split("#", 1)[0])
                    if target in seen:
                        result.error = f"redirect loop at {target}"
                        break
                    if len(result.redirects) >= self.config.max_redirects:
                        result.error = f"too many redirects (more than {self.config.max_redirects})"
                        break
                    result.redirects.append(target)
                    if follow is not None and not follow(target):
                        result.final_url = target
                        result.unfollowed = True
                        break
                    seen.add(target)
                    current = target
                    continue
                result.body = body
                result.bytes = len(body)
                self._classify(result, accept, lenient_type)
                break
        except FetchRefused as exc:
            result.error = str(exc)
            result.refused = "temporary" if exc.temporary else "permanent"
        except _Failure as exc:
            result.error = str(exc)
            result.deferred = exc.deferred
            result.lasting = exc.lasting
            if exc.status is not None:
                result.status = exc.status
        result.elapsed_ms = int((time.monotonic() - started) * 1000)
        if result.error:
            LOGGER.info("fetch %s failed: %s", url, result.error)
        return result

    def _robots_refusal(self, url: str) -> FetchRefused:
        """Why robots.txt keeps us from `url`: its Disallow (for good), or its being unavailable (for now)."""
        rules = self.robots.rules_for(url)
        if rules.unavailable:
            why = f"HTTP {rules.status}" if rules.status else "unreachable"
            return FetchRefused(f"robots.txt unavailable ({why}), not fetched for now: {url}", temporary=True)
        return FetchRefused(f"disallowed by robots.txt: {url}")

    def _classify(self, result: FetchResult, accept: tuple[str, ...], lenient_type: bool) -> None:
        """Set content type, encoding, not_modified and errors for a final response."""
        status = result.status or 0
        result.content_type = result.headers.get("content-type")
        if status == 304:
            result.not_modified = True
            return
        if not 200 <= status < 300:
            result.error = f"HTTP {status}"
            return
        declared = media_type(result.content_type)
        sniffed = sniff_type(result.body)
        if declared not in accept and not lenient_type:
            if declared in GENERIC_TYPES + ("text/plain",) and sniffed in accept:
                LOGGER.debug("%s labelled %r but is %s", result.final_url, declared, sniffed)
            else:
                result.error = f"unexpected content type {declared or '(none)'}"
                result.lasting = True
                return
        if sniffed == "application/gzip":
            return  # compressed sitemaps: the caller decompresses
        if looks_binary(result.body):
            result.error = f"binary content labelled {declared or '(none)'}"
            result.lasting = True
            return
        result.encoding = detect_encoding(result.body, result.content_type)

    def _attempts(
        self, url: str, headers: dict[str, str], result: FetchResult, use_robots: bool, checked: list[str],
        max_bytes: int, *, cut: bool = False, accept: tuple[str, ...] | None = None,
    ) -> tuple[int, dict[str, str], bytes]:
        """One request with retries on timeouts, resets, 429 and 5xx."""
        host = host_key(url)
        delay = self.delay_for(url, use_robots=use_robots)
        wait = self.config.backoff
        last: _Failure | None = None
        for attempt in range(self.config.retries + 1):
            result.attempts += 1
            try:
                return self._request(url, host, delay, headers, checked, max_bytes, cut=cut, accept=accept)
            except _Failure as failure:
                last = failure
                if failure.wait is not None and failure.wait > self.config.max_retry_after:
                    # the site asked for a pause longer than we wait: its other pages wait for a later run
                    self.gate.hold_off(host, failure.wait)
                if not failure.retry or attempt == self.config.retries or self.stopping.is_set():
                    break
                pause = failure.wait if failure.wait is not None else wait
                if pause > self.config.max_retry_after:
                    last = _Failure(f"{failure} (Retry-After {pause:.0f}s is over the limit)", retry=False,
                                    status=failure.status)
                    break
                if failure.wait is not None:
                    self.gate.push_back(host, pause)
                else:
                    self.sleep(pause)
                wait *= 2
                LOGGER.debug("retrying %s after %s", url, failure)
        assert last is not None
        if self.stopping.is_set():
            raise _Failure("deferred: the run stopped", retry=False, deferred=True)
        if last.deferred:
            raise last
        if last.retry and last.status in RETRY_STATUSES:
            # Give the caller the final status as an ordinary HTTP error.
            raise _Failure(f"HTTP {last.status} after {result.attempts} attempts", retry=False, status=last.status)
        raise _Failure(f"{last} after {result.attempts} attempts" if result.attempts > 1 else str(last),
                       retry=False, status=last.status, lasting=last.lasting)

    def _request(
        self, url: str, host: str, delay: float, headers: dict[str, str], checked: list[str], max_bytes: int,
        *, cut: bool = False, accept: tuple[str, ...] | None = None,
    ) -> tuple[int, dict[str, str], bytes]:
        """One HTTP request within the host's politeness limits, body capped (with `cut`, cut at the cap).

        A body whose declared type is none of `accept` (nor one to sniff) is not read: a cited PDF or
        video was downloaded whole, up to max_bytes, to be refused.
        """
        slot = self.gate.slot(host)
        with slot:
            self.gate.wait_turn(host, delay, self.run_deadline)
            deadline = time.monotonic() + self.config.max_time
            headers = dict(headers)
            connect_url = self._connect_url(url, headers, checked)
            if self.deadlines is not None:
                self.deadlines.set(deadline)
            try:
                with self.client.stream("GET", connect_url, headers=headers) as response:
                    status = response.status_code
                    response_headers = {k.lower(): v for k, v in response.headers.items()}
                    if SHELTERED_LOCATION in response_headers:
                        response_headers["location"] = response_headers.pop(SHELTERED_LOCATION)
                    if status in RETRY_STATUSES:
                        after = retry_after_seconds(response_headers.get("retry-after"))
                        raise _Failure(f"HTTP {status}", retry=True, wait=after, status=status)
                    if status in REDIRECT_STATUSES or status == 304 or status >= 400:
                        return status, response_headers, b""
                    if accept is not None and not may_accept(response_headers.get("content-type"), accept):
                        return status, response_headers, b""
                    length = response_headers.get("content-length", "")
                    if length.isdigit() and int(length) > max_bytes and not cut:
                        raise _Failure(f"body too large: {int(length)} bytes (limit {max_bytes})",
                                       retry=False, status=status, lasting=True)
                    chunks = []
                    size = 0
                    for chunk in _decoded_chunks(response, max_bytes):
                        size += len(chunk)
                        if size > max_bytes and cut:
                            chunks.append(chunk[:len(chunk) - (size - max_bytes)])
                            break
                        if size > max_bytes:
                            raise _Failure(f"body too large: over {max_bytes} bytes", retry=False,
                                           status=status, lasting=True)
                        if time.monotonic() > deadline:
                            raise _Failure(f"response took longer than {self.config.max_time:g}s", retry=False)
                        chunks.append(chunk)
                    return status, response_headers, b"".join(chunks)
            except httpx.TimeoutException as exc:
                if time.monotonic() >= deadline:
                    raise _Failure(f"response took longer than {self.config.max_time:g}s", retry=False) from None
                raise _Failure(f"timeout ({type(exc).__name__})", retry=True) from None
            except httpx.DecodingError as exc:
                raise _Failure(f"broken content encoding: {exc}", retry=False) from None
            except httpx.ConnectError as exc:
                unknown_host = "Name or service not known" in str(exc) or "nodename nor servname" in str(exc)
                raise _Failure(f"ConnectError: {exc or 'connection failed'}", retry=not unknown_host) from None
            except (httpx.NetworkError, httpx.RemoteProtocolError) as exc:
                raise _Failure(f"{type(exc).__name__}: {exc or 'connection failed'}", retry=True) from None
            except (httpx.HTTPError, httpx.InvalidURL, ValueError) as exc:
                raise _Failure(f"{type(exc).__name__}: {exc}", retry=False) from None
            finally:
                if self.deadlines is not None:
                    self.deadlines.set(None)
