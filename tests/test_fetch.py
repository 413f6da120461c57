"""The fetcher against a real local server with faults, and its address guard."""

from __future__ import annotations

import gzip
import threading
import time
import zlib

import httpx
import pytest

from scrapers.fetch import (
    FEED_TYPES,
    FetchConfig,
    Fetcher,
    check_url,
    FetchRefused,
    _decoded_chunks,
    refusal_reason,
    retry_after_seconds,
)
from scrapers.charsets import detect_encoding
from tests.servers import FakeWeb

PUBLIC_IP = "93.184.215.14"


def fake_resolver(host: str, port: int) -> list[str]:
    """DNS for the guard tests: never asks the network."""
    table = {
        "intranet.example": ["10.1.2.3"],
        "metadata.example": ["169.254.169.254"],
        "mixed.example": [PUBLIC_IP, "192.168.1.20"],
        "public.example": [PUBLIC_IP],
        "localhost": ["127.0.0.1", "::1"],
        "instance-data.example": ["fd00:ec2::254"],
        "lan.example": ["192.168.1.20"],
    }
    if host not in table:
        raise OSError("Name or service not known")
    return table[host]


def refusing_transport(calls: list[str]) -> httpx.MockTransport:
    """A transport that records any request that gets through the guard (URL connected, Host)."""

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(f"{request.url} Host: {request.headers['host']}")
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(302, headers={"Location": "http://10.0.0.1/admin"})

    return httpx.MockTransport(handler)


@pytest.mark.parametrize(
    "url, reason",
    [
        ("http://127.0.0.1/", "loopback"),
        ("http://127.9.9.9:8080/x", "loopback"),
        ("http://localhost/", "loopback"),
        ("http://[::1]/", "loopback"),
        ("http://169.254.169.254/latest/meta-data/", "cloud metadata"),
        ("http://metadata.example/", "cloud metadata"),
        ("http://10.0.0.5/", "private"),
        ("http://intranet.example/admin", "private"),
        ("http://mixed.example/", "private"),  # one bad address is enough
        ("http://192.168.0.1/", "private"),
        ("http://[fd00::1]/", "private"),
        ("http://[::ffff:10.0.0.1]/", "private"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://224.0.0.1/", "multicast"),
        ("http://240.0.0.1/", "reserved"),
        ("ftp://public.example/file", "scheme 'ftp'"),
        ("file:///etc/passwd", "scheme 'file'"),
        ("http://nowhere.example/", "DNS lookup failed"),
        ("http://[::1/", "malformed URL (Invalid IPv6 URL)"),
        ("http://public.example:99999/", "malformed URL (Port out of range 0-65535)"),
        ("http://public.example/a b", "malformed URL (white space in it)"),
    ],
)
def test_guard_refuses_without_connecting(url: str, reason: str) -> None:
    calls: list[str] = []
    fetcher = Fetcher(FetchConfig(min_delay=0), transport=refusing_transport(calls), resolver=fake_resolver)
    result = fetcher.fetch(url)
    assert result.status is None
    assert reason in result.error
    assert result.refused == ("temporary" if reason.startswith("DNS") else "permanent")
    assert calls == []


def test_guard_checks_every_redirect_hop() -> None:
    calls: list[str] = []
    fetcher = Fetcher(FetchConfig(min_delay=0), transport=refusing_transport(calls), resolver=fake_resolver)
    result = fetcher.fetch("http://public.example/story")
    assert result.error == "refused: 10.0.0.1 resolves to a non-public address (10.0.0.1 is a private address)"
    assert (result.status, result.refused) == (302, "permanent")  # for good, though a redirect led there
    # Connected to the address the guard checked, not to a second DNS answer.
    assert calls == [f"http://{PUBLIC_IP}/robots.txt Host: public.example", f"http://{PUBLIC_IP}/story Host: public.example"]
    assert result.redirects == ["http://10.0.0.1/admin"]


@pytest.mark.parametrize(
    "address, expected",
    [
        (PUBLIC_IP, None),
        ("2606:4700:4700::1111", None),
        ("172.16.5.4", "172.16.5.4 is a private address"),
        ("172.32.0.1", None),
        ("100.64.0.1", "100.64.0.1 is a non-global address"),  # carrier-grade NAT
        ("fe80::1%eth0", "fe80::1 is a link-local address"),
    ],
)
def test_refusal_reason(address: str, expected: str | None) -> None:
    assert refusal_reason(address) == expected


@pytest.mark.parametrize("address", [PUBLIC_IP, "10.1.2.3", "::ffff:127.0.0.1", "169.254.169.254", "not-an-ip"])
def test_refusal_reason_parses_the_address_once(address: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import scrapers.fetch as fetch_module

    seen: list[str] = []
    parse = fetch_module.parse_address

    def counting_parse(text: str):  # type: ignore[no-untyped-def]
        seen.append(text)
        return parse(text)

    monkeypatch.setattr(fetch_module, "parse_address", counting_parse)
    fetch_module.refusal_reason(address)
    assert seen == [address]


@pytest.mark.parametrize(
    "url, reason",
    [
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a cloud metadata address"),
        ("http://169.254.10.1/", "169.254.10.1 is a link-local address"),
        ("http://metadata.example/", "169.254.169.254 is a cloud metadata address"),
        ("http://[fe80::1]/", "fe80::1 is a link-local address"),
        ("http://[febf::9]/", "febf::9 is a link-local address"),  # the last of fe80::/10
        ("http://[fd00:ec2::254]/latest/meta-data/", "fd00:ec2::254 is a cloud metadata address"),
        ("http://instance-data.example/", "fd00:ec2::254 is a cloud metadata address"),
        ("http://[::ffff:169.254.169.254]/", "169.254.169.254 is a cloud metadata address"),
        ("http://[64:ff9b::a9fe:a9fe]/", "169.254.169.254 is a cloud metadata address"),  # NAT64
        ("http://100.100.100.200/latest/meta-data/", "100.100.100.200 is a cloud metadata address"),
        ("http://168.63.129.16/machine", "168.63.129.16 is a cloud metadata address"),
    ],
)
def test_link_local_and_metadata_addresses_are_refused_even_with_allow_private(url: str, reason: str) -> None:
    calls: list[str] = []
    config = FetchConfig(min_delay=0, allow_private=True)
    fetcher = Fetcher(config, transport=refusing_transport(calls), resolver=fake_resolver)
    result = fetcher.fetch(url)
    assert (result.status, result.refused, calls) == (None, "permanent", [])
    assert result.error.endswith(f"resolves to a non-public address ({reason})")


@pytest.mark.parametrize(
    "url, addresses",
    [
        ("http://127.0.0.1:9/", ["127.0.0.1"]),
        ("http://localhost/", ["127.0.0.1", "::1"]),
        ("http://lan.example/", ["192.168.1.20"]),
        ("http://[fd00::1]/", ["fd00::1"]),
    ],
)
def test_allow_private_lets_loopback_and_lan_addresses_through_checked(url: str, addresses: list[str]) -> None:
    assert check_url(url, allow_private=True, resolver=fake_resolver) == addresses


def test_allow_private_refuses_a_redirect_to_the_metadata_address(web: FakeWeb, fetcher: Fetcher) -> None:
    site = web.site("faults.example")  # a 127.0.0.1 server, allowed by allow_private
    site.fault("/to-metadata", "redirect", target="http://169.254.169.254/latest/meta-data/iam/")
    result = fetcher.fetch(site.url("/to-metadata"))
    assert (result.status, result.refused) == (301, "permanent")
    assert result.error == ("refused: 169.254.169.254 resolves to a non-public address "
                            "(169.254.169.254 is a cloud metadata address)")
    assert result.redirects == ["http://169.254.169.254/latest/meta-data/iam/"]


def test_allow_private_lets_loopback_through() -> None:
    check_url("http://127.0.0.1:9/", allow_private=True)
    with pytest.raises(FetchRefused):
        check_url("http://127.0.0.1:9/", allow_private=False)


@pytest.mark.parametrize(
    "body, content_type, expected",
    [
        ("caf\u00e9 \u201cquoted\u201d".encode(), "text/html; charset=utf-8", "utf-8"),
        ("caf\u00e9".encode("cp1252"), "text/html; charset=ISO-8859-1", "cp1252"),  # WHATWG: latin-1 is 1252
        ('<meta charset="windows-1252"><p>\u201cHi\u201d</p>'.encode("cp1252"), "text/html", "cp1252"),
        ('<?xml version="1.0" encoding="ISO-8859-15"?><rss/>'.encode("iso8859-15"), "application/xml", "iso8859-15"),
        # Header says utf-8, bytes are cp1252: the declaration is wrong, detection decides.
        ("The mayor said \u201cno comment\u201d today, and the council agreed.".encode("cp1252"),
         "text/html; charset=utf-8", "cp1252"),
        ("\ufeffbom first".encode("utf-8"), "text/html; charset=cp1252", "utf-8-sig"),
        (b"plain ascii", "text/html; charset=bogus-charset", "utf-8"),
    ],
)
def test_detect_encoding(body: bytes, content_type: str, expected: str) -> None:
    assert detect_encoding(body, content_type) == expected


# Fictional pages whose declarations lie, as bytes.
LATIN1_PAGE = (
    '<!doctype html><html><head><meta charset="utf-8"><title>Caf\u00e9 owners in Lacombe fight the na\u00efve parking plan'
    '</title></head><body><article><h1>Caf\u00e9 owners fight the plan</h1>'
    "<p>Les g\u00e9rants des caf\u00e9s de la place du March\u00e9 ont d\u00e9nonc\u00e9 mercredi un plan jug\u00e9 na\u00eff.</p>"
    '<p>"Nous ne c\u00e9derons pas nos terrasses," a d\u00e9clar\u00e9 Ana\u00efs B\u00fcrki, pr\u00e9sidente du comit\u00e9.</p>'
    "</article></body></html>"
).encode("latin-1")
CYRILLIC_PAGE = (
    "<html><head><meta charset='utf-8'><title>\u041c\u044d\u0440 \u0437\u0430\u043a\u0440\u044b\u043b \u043c\u043e\u0441\u0442</title></head><body><p>"
    "\u041c\u044d\u0440 \u0433\u043e\u0440\u043e\u0434\u0430 \u043e\u0431\u044a\u044f\u0432\u0438\u043b \u0432 \u0447\u0435\u0442\u0432\u0435\u0440\u0433, \u0447\u0442\u043e \u043c\u043e\u0441\u0442 \u0447\u0435\u0440\u0435\u0437 \u0440\u0435\u043a\u0443 \u0431\u0443\u0434\u0435\u0442 "
    "\u0437\u0430\u043a\u0440\u044b\u0442 \u043d\u0430 \u0440\u0435\u043c\u043e\u043d\u0442 \u0434\u043e \u043a\u043e\u043d\u0446\u0430 \u043b\u0435\u0442\u0430, \u0430 \u0436\u0438\u0442\u0435\u043b\u0438 \u0434\u043e\u043b\u0436\u043d\u044b \u043f\u043e\u043b\u044c\u0437\u043e\u0432\u0430\u0442\u044c\u0441\u044f \u043f\u0430\u0440\u043e\u043c\u043e\u043c.</p></body></html>"
).encode("cp1251")
# No declaration at all, latin-1 guillemets on a short English page: the statistics guessed iso8859-10 ("ŦWe are").
UNDECLARED_GUILLEMETS = (
    "<!DOCTYPE html><html lang='en'><head><title>Island café reopens | Harbour Gazette</title>"
    "<meta property='og:site_name' content='Harbour Gazette'><meta property='og:title' content='Island café reopens'>"
    "<meta property='article:published_time' content='2026-11-25T06:00:00+00:00'><meta name='author' content='Staff'>"
    "</head><body><article><h1>Island café reopens</h1><p class='byline'>By Staff</p>"
    "<p>The café on the quay reopened on Thursday after the storm damage was repaired by volunteers.</p>"
    "<p>«We are open again and the coffee is free all week for the volunteers,» said José Ferreira, the owner "
    "of the café.</p><p>The harbour master thanked the volunteers for their work on the roof and the windows of the "
    "building.</p></article><footer>Copyright 2026 Harbour Gazette</footer></body></html>"
).encode("latin-1")
# Undeclared Central European pages keep their code page: their letters inside words are no 1252 punctuation.
UNDECLARED_POLISH = (
    "<html><head><title>Prom wrócił</title></head><body><p>Prom wrócił do portu w czwartek wieczorem. "
    "Kapitan Łukasz Wiśniewski powiedział, że załoga była bardzo zmęczona po "
    "długiej podróży przez wzburzone morze.</p></body></html>"
).encode("cp1250")
ASCII_UTF16_META = b"<html><head><meta charset='utf-16'><title>Ferry</title></head><body><p>The ferry left.</p></body></html>"
UTF7_META = b"<html><head><meta charset=utf-7></head><body><p>A +ACI-quoted+ACI- word, said the clerk.</p></body></html>"


@pytest.mark.parametrize(
    "body, content_type, expected, title",
    [
        # utf-8 declared twice, latin-1 bytes: windows-1252, not a statistical guess (it said cp775)
        (LATIN1_PAGE, "text/html; charset=utf-8", "cp1252", "Caf\u00e9 owners in Lacombe fight the na\u00efve parking plan"),
        # ... but a Cyrillic page mislabelled the same way is left to detection
        (CYRILLIC_PAGE, "text/html; charset=utf-8", "cp1251", "\u041c\u044d\u0440 \u0437\u0430\u043a\u0440\u044b\u043b \u043c\u043e\u0441\u0442"),
        # a meta utf-16 we could read in ASCII is utf-8 (WHATWG); so is a header's on a body with no NUL
        (ASCII_UTF16_META, "text/html", "utf-8", "Ferry"),
        (ASCII_UTF16_META, "text/html; charset=utf-16", "utf-8", "Ferry"),
        ("<html><head><title>Ferry</title></head></html>".encode("utf-16-le"), "text/html; charset=utf-16", "utf-16-le",
         "Ferry"),
        # no browser honours utf-7
        (UTF7_META, "text/html", "utf-8", None),
        (UNDECLARED_GUILLEMETS, "text/html", "cp1252", "Island caf\u00e9 reopens | Harbour Gazette"),
        (UNDECLARED_POLISH, "text/html", "cp1250", "Prom wr\u00f3ci\u0142"),
    ],
)
def test_declarations_that_lie(body: bytes, content_type: str, expected: str, title: str | None) -> None:
    encoding = detect_encoding(body, content_type)
    assert encoding == expected
    if title is not None:
        text = body.decode(encoding)
        assert text[text.index("<title>") + 7 : text.index("</title>")] == title


@pytest.mark.parametrize(
    "value, expected",
    [("7", 7.0), ("0", 0.0), (None, None), ("soon", None), ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0)],
)
def test_retry_after_seconds(value: str | None, expected: float | None) -> None:
    assert retry_after_seconds(value) == expected


@pytest.fixture(scope="module")
def web() -> FakeWeb:
    web = FakeWeb()
    site = web.site("faults.example", "Faults Daily")
    page = "<!DOCTYPE html><html><head><title>T</title></head><body><p>\u201cHello,\u201d she said.</p></body></html>"
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    for path in ("/ok", "/slow", "/hang", "/reset", "/e500", "/flaky", "/busy", "/busy-long",
                 "/loop", "/moved", "/huge", "/binary", "/mislabelled", "/cp1252", "/private/x", "/pdf", "/gone",
                 "/trickle"):
        site.add(path, page)
    site.add("/pdf", b"%PDF-1.4 fake", "application/pdf")
    site.add("/gone", "gone", "text/plain", status=410)
    site.fault("/slow", "slow", seconds=0.2)
    site.fault("/hang", "hang", seconds=3)
    site.fault("/reset", "reset")
    site.fault("/trickle", "trickle_headers", seconds=0.2)
    site.fault("/e500", "status", status=500)
    site.fault("/flaky", "status", status=503, times=2)
    site.fault("/busy", "retry_after", seconds=1, times=1)
    site.fault("/busy-long", "retry_after", seconds=3600)
    site.fault("/loop", "redirect_loop")
    site.fault("/moved", "redirect", target="/ok")
    site.fault("/huge", "huge", size=3_000_000)
    site.fault("/binary", "binary")
    site.fault("/mislabelled", "mislabelled")
    site.fault("/cp1252", "bad_encoding")
    slow_robots = web.site("crawldelay.example")
    slow_robots.add("/robots.txt", "User-agent: *\nCrawl-delay: 0.4\n", "text/plain")
    slow_robots.add("/a", page)
    slow_robots.add("/b", page)
    broken = web.site("brokenrobots.example")
    broken.add("/robots.txt", "oops", "text/plain")
    broken.fault("/robots.txt", "status", status=500)
    broken.add("/a", page)
    patient = web.site("patient.example")
    patient.add("/robots.txt", "User-agent: *\nCrawl-delay: 3600\n", "text/plain")
    patient.add("/a", page)
    yield web
    web.close()


@pytest.fixture
def fetcher(web: FakeWeb) -> Fetcher:
    config = FetchConfig(
        user_agent="provenance-tests/1.0 (+mailto:tests@tracker.example)",
        connect_timeout=2.0, read_timeout=0.8, max_time=5.0, max_bytes=1_000_000,
        retries=2, backoff=0.05, max_retry_after=5.0, min_delay=0.0,
        allow_private=True, resolve=web.resolve,
    )
    with Fetcher(config) as fetcher:
        yield fetcher


@pytest.mark.parametrize(
    "path, status, error, attempts",
    [
        ("/ok", 200, None, 1),
        ("/slow", 200, None, 1),
        ("/mislabelled", 200, None, 1),  # HTML served as octet-stream is recognised
        ("/flaky", 200, None, 3),  # two 503s, then the page
        ("/busy", 200, None, 2),  # 429 with Retry-After: 1
        ("/hang", None, "timeout (ReadTimeout) after 3 attempts", 3),
        ("/e500", 500, "HTTP 500 after 3 attempts", 3),
        ("/busy-long", 429, "HTTP 429 (Retry-After 3600s is over the limit)", 1),
        ("/gone", 410, "HTTP 410", 1),
        ("/loop", 302, "redirect loop at {base}/loop", 1),
        ("/huge", 200, "body too large: over 1000000 bytes", 1),
        ("/binary", 200, "binary content labelled text/html", 1),
        ("/pdf", 200, "unexpected content type application/pdf", 1),
        ("/private/x", None, "disallowed by robots.txt: {base}/private/x", 0),
    ],
)
def test_fetch_faults(web: FakeWeb, fetcher: Fetcher, path: str, status: int | None, error: str | None, attempts: int) -> None:
    site = web.site("faults.example")
    before = site.hits[path]
    result = fetcher.fetch(site.url(path))
    assert result.status == status
    assert result.error == (error.format(base=site.base) if error else None)
    assert result.attempts == attempts
    assert site.hits[path] - before == attempts
    if error is None:
        assert "\u201cHello,\u201d she said." in result.text
        assert result.bytes == len(result.body) > 0
    site.hits[path] = 0  # counting faults start over for the next test


def test_a_body_of_a_type_not_asked_for_is_not_read_and_not_worth_asking_again(web: FakeWeb, fetcher: Fetcher) -> None:
    # a cited PDF or video was downloaded whole (up to max_bytes) to be refused, and again in later runs
    site = web.site("faults.example")
    site.add("/report.pdf", b"%PDF-1.7 " + b"0" * 900_000, "application/pdf")
    result = fetcher.fetch(site.url("/report.pdf"))
    assert (result.status, result.error, result.bytes, result.lasting) == (
        200, "unexpected content type application/pdf", 0, True)
    binary = fetcher.fetch(site.url("/binary"))  # labelled HTML: read, then refused for what it holds
    assert (binary.error, binary.bytes > 0, binary.lasting) == ("binary content labelled text/html", True, True)
    assert not fetcher.fetch(site.url("/e500")).lasting


def test_redirect_is_followed(web: FakeWeb, fetcher: Fetcher) -> None:
    site = web.site("faults.example")
    result = fetcher.fetch(site.url("/moved"))
    assert (result.status, result.final_url, result.redirects, result.attempts) == (
        200, site.url("/ok"), [site.url("/ok")], 2)


def test_a_redirect_to_an_address_with_credentials_is_followed_without_them(web: FakeWeb, fetcher: Fetcher) -> None:
    # `Location: http://editor:s3cret@host/...` was followed as given: the credentials sent (Basic) and kept in final_url
    site = web.site("faults.example")
    site.fault("/with-login", "redirect", target=site.url("/ok").replace("://", "://editor:s3cret@") + "#top")
    result = fetcher.fetch(site.url("/with-login"))
    assert (result.status, result.final_url, result.redirects) == (200, site.url("/ok"), [site.url("/ok")])
    path, headers, _ = site.requests[-1]
    assert path == "/ok" and "authorization" not in headers


def test_a_redirect_the_caller_declines_ends_the_fetch_there(web: FakeWeb, fetcher: Fetcher) -> None:
    site = web.site("faults.example")
    before = site.hits["/ok"]
    asked: list[str] = []
    result = fetcher.fetch(site.url("/moved"), follow=lambda target: asked.append(target) or False)
    assert asked == [site.url("/ok")] and site.hits["/ok"] == before  # the target was never requested
    assert (result.status, result.final_url, result.unfollowed, result.error, result.ok, result.body) == (
        301, site.url("/ok"), True, None, False, b"")
    followed = fetcher.fetch(site.url("/moved"), follow=lambda target: True)
    assert (followed.status, followed.final_url, followed.unfollowed, site.hits["/ok"]) == (200, site.url("/ok"), False, before + 1)


def test_reset_is_retried_then_recorded(web: FakeWeb, fetcher: Fetcher) -> None:
    result = fetcher.fetch(web.site("faults.example").url("/reset"))
    assert result.status is None
    assert result.attempts == 3
    assert result.error.endswith("after 3 attempts")
    assert result.error.split(":")[0] in ("ReadError", "RemoteProtocolError", "ConnectError")


def test_retry_after_is_waited(web: FakeWeb, fetcher: Fetcher) -> None:
    site = web.site("faults.example")
    site.hits["/busy"] = 0
    started = time.monotonic()
    result = fetcher.fetch(site.url("/busy"))
    assert result.ok
    assert time.monotonic() - started >= 0.9


def test_broken_encoding_is_detected(web: FakeWeb, fetcher: Fetcher) -> None:
    result = fetcher.fetch(web.site("faults.example").url("/cp1252"))
    assert result.ok
    assert result.encoding == "cp1252"
    assert "\u201cHello,\u201d she said." in result.text


def test_conditional_request_returns_not_modified(web: FakeWeb, fetcher: Fetcher) -> None:
    site = web.site("faults.example")
    first = fetcher.fetch(site.url("/ok"))
    assert first.etag and first.last_modified
    again = fetcher.fetch(site.url("/ok"), etag=first.etag, last_modified=first.last_modified)
    assert (again.status, again.not_modified, again.body, again.error) == (304, True, b"", None)
    assert site.requests[-1][1]["if-none-match"] == first.etag
    by_date = fetcher.fetch(site.url("/ok"), last_modified=first.last_modified)
    assert by_date.not_modified


def test_validators_go_to_the_address_that_gave_them_past_a_redirect(web: FakeWeb, fetcher: Fetcher) -> None:
    site = web.site("faults.example")
    site.fault("/moved", "redirect", target="/ok")
    first = fetcher.fetch(site.url("/moved"))
    assert (first.final_url, first.status) == (site.url("/ok"), 200)
    validators = {"etag": first.etag, "last_modified": first.last_modified}
    # sent to the redirect's target, whose they are: 304, where they were dropped at the redirect
    again = fetcher.fetch(site.url("/moved"), validated_url=first.final_url, **validators)
    assert (again.final_url, again.status, again.not_modified) == (site.url("/ok"), 304, True)
    assert [headers.get("if-none-match") for _, headers, _ in site.requests[-2:]] == [None, first.etag]
    # by default they are the first address's, not a redirect target's
    plain = fetcher.fetch(site.url("/moved"), **validators)
    assert (plain.status, site.requests[-1][1].get("if-none-match")) == (200, None)


def test_user_agent_is_sent(web: FakeWeb, fetcher: Fetcher) -> None:
    site = web.site("faults.example")
    fetcher.fetch(site.url("/ok"))
    assert site.requests[-1][1]["user-agent"] == "provenance-tests/1.0 (+mailto:tests@tracker.example)"


def test_robots_crawl_delay_spaces_requests(web: FakeWeb, fetcher: Fetcher) -> None:
    site = web.site("crawldelay.example")
    assert fetcher.delay_for(site.url("/a")) == 0.4
    started = time.monotonic()
    assert fetcher.fetch(site.url("/a")).ok
    assert fetcher.fetch(site.url("/b")).ok
    assert time.monotonic() - started >= 0.4
    assert site.hits["/robots.txt"] == 1  # cached


def test_unreachable_robots_means_disallow(web: FakeWeb, fetcher: Fetcher) -> None:
    site = web.site("brokenrobots.example")
    result = fetcher.fetch(site.url("/a"))
    assert result.error == f"robots.txt unavailable (HTTP 500), not fetched for now: {site.url('/a')}"
    assert result.refused == "temporary"
    assert site.hits["/a"] == 0


def test_headers_sent_a_line_at_a_time_end_at_the_whole_response_limit(web: FakeWeb) -> None:
    # each header line comes well within the read timeout; only the whole-response limit ends it
    config = FetchConfig(read_timeout=1.0, max_time=1.5, retries=2, min_delay=0.0, allow_private=True,
                         resolve=web.resolve, respect_robots=False)
    started = time.monotonic()
    with Fetcher(config) as fetcher:
        result = fetcher.fetch(web.site("faults.example").url("/trickle"))
    assert result.error == "response took longer than 1.5s"
    assert result.attempts == 1
    assert time.monotonic() - started < 5


def test_a_turn_after_the_run_ends_is_deferred_not_waited_for(web: FakeWeb, fetcher: Fetcher) -> None:
    site = web.site("patient.example")  # Crawl-delay: 3600
    fetcher.run_deadline = time.monotonic() + 5
    started = time.monotonic()
    result = fetcher.fetch(site.url("/a"))
    assert result.deferred and result.error.startswith("deferred: ")
    assert "after the run's end" in result.error
    assert time.monotonic() - started < 3
    assert site.hits["/a"] == 0


@pytest.mark.parametrize("path", ["/trickle", "/hang"])
def test_stop_ends_fetches_in_progress(web: FakeWeb, path: str) -> None:
    config = FetchConfig(read_timeout=30, max_time=60, min_delay=0.0, allow_private=True, resolve=web.resolve,
                         respect_robots=False)
    with Fetcher(config) as fetcher:
        timer = threading.Timer(0.5, fetcher.stop)
        timer.start()
        started = time.monotonic()
        result = fetcher.fetch(web.site("faults.example").url(path))
        timer.join()
    assert result.deferred and result.error == "deferred: the run stopped"
    assert time.monotonic() - started < 3


def test_stop_ends_a_wait_for_the_hosts_turn(web: FakeWeb) -> None:
    config = FetchConfig(min_delay=3600, allow_private=True, resolve=web.resolve, respect_robots=False)
    site = web.site("faults.example")
    with Fetcher(config) as fetcher:
        assert fetcher.fetch(site.url("/ok")).ok
        threading.Timer(0.3, fetcher.stop).start()
        started = time.monotonic()
        result = fetcher.fetch(site.url("/slow"))
    assert result.deferred and time.monotonic() - started < 3


def _compressed(data: bytes, encoding: str) -> bytes:
    if encoding == "gzip":
        return gzip.compress(data)
    if encoding == "deflate-raw":
        packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
        return packer.compress(data) + packer.flush()
    return zlib.compress(data)


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "deflate-raw"])
def test_a_compressed_body_is_inflated_a_bounded_piece_at_a_time(encoding: str) -> None:
    bomb = _compressed(b"\0" * 50_000_000, encoding)  # 50 MB of zeros in about 50 KB
    header = "deflate" if encoding.startswith("deflate") else encoding
    response = httpx.Response(200, headers={"Content-Encoding": header}, stream=httpx.ByteStream(bomb))
    pieces = iter(_decoded_chunks(response, 100_000))
    assert max(len(next(pieces)) for _ in range(5)) <= 100_001
    page = "<p>Ferry stays</p>".encode() * 1000
    packed = httpx.ByteStream(_compressed(page, encoding))
    response = httpx.Response(200, headers={"Content-Encoding": header}, stream=packed)
    assert b"".join(_decoded_chunks(response, 100_000)) == page


def test_a_broken_compressed_body_is_a_decoding_error() -> None:
    broken = httpx.ByteStream(b"\x1f\x8b not gzip at all")
    response = httpx.Response(200, headers={"Content-Encoding": "gzip"}, stream=broken)
    with pytest.raises(httpx.DecodingError):
        b"".join(_decoded_chunks(response, 1000))


def test_robots_disallow_is_a_refusal_for_good(web: FakeWeb, fetcher: Fetcher) -> None:
    site = web.site("faults.example")
    site.fault("/to-private", "redirect", target="/private/x")
    result = fetcher.fetch(site.url("/to-private"))
    assert (result.status, result.error, result.refused) == (
        301, f"disallowed by robots.txt: {site.url('/private/x')}", "permanent")
    assert site.hits["/private/x"] == 0


def test_a_malformed_redirect_target_is_an_error_not_an_exception(web: FakeWeb, fetcher: Fetcher) -> None:
    site = web.site("faults.example")
    site.fault("/bad-redirect", "redirect", target="http://[oops/x")
    result = fetcher.fetch(site.url("/bad-redirect"))
    assert (result.status, result.error) == (301, "malformed redirect target: 'http://[oops/x'")


@pytest.mark.parametrize("target", ["javascript:alert(1)", "data:text/html,<p>hi</p>", "mailto:desk@faults.example",
                                    "tel:+15550100"])
def test_a_redirect_to_an_address_that_is_no_web_page_is_answered_and_refused(web: FakeWeb, fetcher: Fetcher,
                                                                               target: str) -> None:
    # httpx raised InvalidURL reading such a Location: the fetch ended with no status, as if no server had answered
    site = web.site("faults.example")
    site.fault("/to-script", "redirect", target=target)
    result = fetcher.fetch(site.url("/to-script"))
    scheme = target.split(":", 1)[0]
    assert (result.status, result.refused, result.error) == (301, "permanent", f"refused: scheme {scheme!r} is not http or https")
    assert result.headers["location"] == target


def refresh_page(content: str, head: str = "") -> str:
    return (f"<!DOCTYPE html><html><head>{head}<meta http-equiv='refresh' content=\"{content}\">"
            "<title>Moved</title></head><body><p>This page has moved.</p></body></html>")


@pytest.mark.parametrize("path, content, head, final, error", [
    ("/refresh-now", "0; url=/ok", "", "/ok", None),
    ("/refresh-quoted", "1;URL='/ok'", "", "/ok", None),
    ("/refresh-login", "0; url=http://editor:s3cret@faults.example:{port}/ok", "", "/ok", None),  # credentials dropped
    ("/refresh-private", "0; url=/private/x", "", "/refresh-private", "disallowed by robots.txt: {base}/private/x"),
    ("/refresh-metadata", "0; url=http://169.254.169.254/latest/", "", "/refresh-metadata",
     "refused: 169.254.169.254 resolves to a non-public address (169.254.169.254 is a cloud metadata address)"),
    ("/refresh-self", "0; url=/refresh-self", "", "/refresh-self", "redirect loop at {base}/refresh-self"),
    ("/refresh-slow", "30; url=/ok", "", "/refresh-slow", None),  # a reader's page first: not a move
    ("/refresh-reload", "300", "", "/refresh-reload", None),
    ("/refresh-old-ie", "0; url=/ok", "<!--[if lte IE 9]>", "/refresh-old-ie", None),  # inside a comment
])
def test_a_meta_refresh_page_is_followed_as_a_redirect(web: FakeWeb, fetcher: Fetcher, path: str, content: str,
                                                        head: str, final: str, error: str | None) -> None:
    # `<meta http-equiv="refresh" content="0; url=...">` was read as the page: "no article text found"
    site = web.site("faults.example")
    port = site.url("/").split(":")[2].split("/")[0]
    page = refresh_page(content.format(port=port), head)
    site.add(path, page.replace("<meta", head + "<meta").replace(head + head, head) if not head else
             page.replace("<title>", "<![endif]--><title>"))
    result = fetcher.fetch(site.url(path))
    assert result.error == (error.format(base=site.base) if error else None)
    if error is None:
        assert result.final_url == site.url(final)
        assert ("she said" in result.text) == (final == "/ok")
    if final == "/ok":
        assert result.redirects == [site.url("/ok")]
        assert "authorization" not in site.requests[-1][1]


def test_min_delay_floor_per_host(web: FakeWeb) -> None:
    config = FetchConfig(min_delay=0.3, allow_private=True, resolve=web.resolve, respect_robots=False)
    site = web.site("faults.example")
    with Fetcher(config) as fetcher:
        started = time.monotonic()
        results = list(fetcher.fetch_many([site.url("/ok"), site.url("/slow"), site.url("/mislabelled")], workers=3))
    assert [r.ok for r in results] == [True, True, True]
    assert time.monotonic() - started >= 0.6


def test_feed_types_accept_xml(web: FakeWeb, fetcher: Fetcher) -> None:
    site = web.site("faults.example")
    site.add("/feed", '<?xml version="1.0"?><rss version="2.0"><channel/></rss>', "application/rss+xml")
    assert fetcher.fetch(site.url("/feed"), accept=FEED_TYPES).ok
    assert fetcher.fetch(site.url("/feed")).error == "unexpected content type application/rss+xml"


PAD = "# a comment the site's tooling wrote\n"


@pytest.fixture
def restored_site(web: FakeWeb):
    """The fixture's site, its robots.txt and faults put back after the test (the server is the module's)."""
    site = web.site("faults.example")  # the fetcher resolves the hosts the fixture started
    pages, faults = dict(site.pages), dict(site.faults)
    yield site
    site.pages, site.faults = pages, faults


@pytest.mark.parametrize(
    "body, content_type, allowed, disallowed",
    [
        # longer than the 500 KiB parse limit (RFC 9309 2.5): its head is read, the rest ignored
        ("User-agent: *\nDisallow: /private/\n" + PAD * 20_000 + "Disallow: /late/\n", "text/plain",
         ["/late/x", "/news/a"], ["/private/x"]),
        # bytes that are no text: a robots.txt that answered 200 with no rule in it forbids nothing
        (b"\x00\x01\x02garbage\xff\xfe" * 200, "text/plain", ["/news/a"], []),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4 + b"\nUser-agent: *\nDisallow: /private/\n", "image/png",
         ["/news/a"], ["/private/x"]),
        # a site's home page served at /robots.txt
        ("<html><body><h1>Welcome</h1></body></html>", "text/html", ["/news/a"], []),
    ],
)
def test_a_robots_txt_that_answered_is_read_however_odd(restored_site, fetcher: Fetcher, body, content_type, allowed,
                                                        disallowed) -> None:
    site = restored_site
    site.add("/robots.txt", body, content_type)
    before = site.hits["/robots.txt"]
    for path in allowed + disallowed:
        site.add(path, "<html><body><p>a page</p></body></html>")
    for path in allowed:
        assert fetcher.fetch(site.url(path)).ok, path
    for path in disallowed:
        assert fetcher.fetch(site.url(path)).error == f"disallowed by robots.txt: {site.url(path)}"
    robots = [side for side in fetcher.drain_side_fetches() if side.url.endswith("/robots.txt")]
    assert [(side.status, side.bytes <= 500 * 1024) for side in robots] == [(200, True)]
    assert site.hits["/robots.txt"] == before + 1


@pytest.mark.parametrize("kind", ["redirect_loop", "too_many"])
def test_a_robots_txt_behind_redirects_that_reach_no_file_is_unavailable_not_unreachable(restored_site, fetcher: Fetcher,
                                                                                        kind: str) -> None:
    # RFC 9309 2.3.1.2: no robots.txt within five redirects is an unavailable one (allow), not a down site (refuse)
    site = restored_site
    site.add("/news/a", "<html><body><p>a page</p></body></html>")
    if kind == "redirect_loop":
        site.fault("/robots.txt", "redirect_loop")
    else:
        for hop in range(8):
            site.fault(f"/robots{hop}.txt" if hop else "/robots.txt", "redirect", target=f"/robots{hop + 1}.txt")
    result = fetcher.fetch(site.url("/news/a"))
    assert result.ok and result.error is None


@pytest.mark.parametrize("encoding", ["br", "zstd", "compress", "gzip, br"])
def test_a_content_encoding_not_asked_for_is_refused_unread(restored_site, fetcher: Fetcher, encoding: str) -> None:
    # 500 bytes of brotli are 300 MB, and httpx inflates a chunk of it whole: a bomb no cap would see in time
    restored_site.add("/news/bomb", b"\x1b\xff\xff\x7f" + b"\0" * 400, headers={"Content-Encoding": encoding})
    result = fetcher.fetch(restored_site.url("/news/bomb"))
    assert (result.status, result.error, result.body) == (
        200, f"content encoding {encoding!r} not asked for (we accept gzip, deflate)", b"")
    assert result.attempts == 1
    restored_site.add("/news/plain", "<html><body><p>a page</p></body></html>", headers={"Content-Encoding": "identity"})
    assert fetcher.fetch(restored_site.url("/news/plain")).ok
