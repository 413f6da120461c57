"""Quote search: phrases, GDELT DOC 2.0 request and response parsing against a local canned API."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from scrapers.fetch import FetchConfig, Fetcher
from scrapers.search import GdeltSearch, SearchHit, parse_gdelt_response, parse_gdelt_time, search_phrase
from tests.servers import FakeWeb


@pytest.mark.parametrize(
    "quote, expected",
    [
        ("We will not open the spillway until the engineers tell us the dam can take it.",
         "We will not open the spillway until the engineers tell us the"),
        ("Every family below the dam should have a bag packed tonight, just in case.",
         "Every family below the dam should have a bag packed tonight just"),
        ("We can\u2019t keep pouring $2 million into it", "We can't keep pouring 2 million into it"),
        ("\u201cDead in the water,\u201d", None),  # four words: too unspecific
        ("\u2014 well \u2014 no \u2014", None),
        ("Na\u00efve plans \u2013 made in Z\u00fcrich \u2013 fail", "Na\u00efve plans made in Z\u00fcrich fail"),
    ],
)
def test_search_phrase(quote: str, expected: str | None) -> None:
    assert search_phrase(quote) == expected


@pytest.mark.parametrize(
    "value, expected",
    [("20260504T080000Z", "2026-05-04T08:00:00+00:00"), ("2026-05-04", None), (None, None), ("20261304T080000Z", None),
     ("20260230T080000Z", None), ("20260504T250000Z", None)],
)
def test_parse_gdelt_time(value: str | None, expected: str | None) -> None:
    assert parse_gdelt_time(value) == expected


GDELT_OK = json.dumps({"articles": [
    {"url": "https://northwind.example/news/2026/05/04/millbrook-dam.html", "url_mobile": "",
     "title": "Millbrook water board keeps dam spillway closed ", "seendate": "20260504T081500Z",
     "socialimage": "", "domain": "northwind.example", "language": "English", "sourcecountry": "United States"},
    {"url": "https://pinepost.example/news/millbrook-dam-closed.html", "title": "", "seendate": "bad",
     "domain": "pinepost.example", "language": "English", "sourcecountry": ""},
    {"title": "no url"},
]})


@pytest.mark.parametrize(
    "body, hits, error",
    [
        (GDELT_OK, [
            SearchHit("https://northwind.example/news/2026/05/04/millbrook-dam.html",
                      "Millbrook water board keeps dam spillway closed", "2026-05-04T08:15:00+00:00",
                      "northwind.example", "English", "United States", "gdelt"),
            SearchHit("https://pinepost.example/news/millbrook-dam-closed.html", None, None,
                      "pinepost.example", "English", None, "gdelt"),
        ], None),
        ("{}", [], None),  # no matches
        ("", [], None),
        ("Your search contained a phrase that was too short.\n", [],
         "GDELT: Your search contained a phrase that was too short."),
        ('{"articles": [{"url": "https://a.example/x", "title": "tab\tinside"}]}',
         [SearchHit("https://a.example/x", "tab\tinside", source="gdelt")], None),
        ('{"articles": [', [], "GDELT: unreadable JSON (Expecting value: line 1 column 15 (char 14))"),
        ('{"articles": [{"url": "https://a.example/x", "title": "Mayor\\\'s \\"no\\" vote"}]}',
         [SearchHit("https://a.example/x", "Mayor's \"no\" vote", source="gdelt")], None),
        ("[]", [], "GDELT: []"),  # anything but an object is the API talking
        # fuzz25: each of these raised, and the search lost every hit with it
        ('{"articles": [{"url": "https://a.example/x", "title": 7, "domain": ["a"], "seendate": 20260504}]}',
         [SearchHit("https://a.example/x", source="gdelt")], None),
        ('{"articles": [{"url": "https://a.example/x", "seendate": "20261345T080000Z"}]}',
         [SearchHit("https://a.example/x", source="gdelt")], None),
        ('{"articles": 5}', [], "GDELT: unreadable JSON (articles is a int, not a list)"),
        ('{"articles": ' + "[" * 100_000 + "]" * 100_000 + "}", [], "GDELT: unreadable JSON (nested too deeply to read)"),
    ],
)
def test_parse_gdelt_response(body: str, hits: list[SearchHit], error: str | None) -> None:
    assert parse_gdelt_response(body) == (hits, error)


@pytest.fixture
def api():
    web = FakeWeb()
    site = web.site("api.gdelt.example")
    site.add("/api/v2/doc/doc", GDELT_OK, "application/json; charset=utf-8")
    config = FetchConfig(min_delay=0, allow_private=True, resolve=web.resolve, retries=1, backoff=0.01)
    with Fetcher(config) as fetcher:
        yield site, fetcher
    web.close()


def test_gdelt_search_request_and_hits(api) -> None:
    site, fetcher = api
    search = GdeltSearch(fetcher, base_url=site.url("/api/v2/doc/doc"), extra_query="sourcelang:english", delay=0)
    result = search.search("We will not open the spillway", max_records=500, timespan="7d")
    assert result.error is None
    assert [hit.domain for hit in result.hits] == ["northwind.example", "pinepost.example"]
    path, headers, _ = site.requests[-1]
    assert path == "/api/v2/doc/doc"
    query = parse_qs(urlsplit(result.fetch.final_url).query)
    assert query == {"query": ['"We will not open the spillway" sourcelang:english'], "mode": ["artlist"],
                     "format": ["json"], "maxrecords": ["250"], "sort": ["dateasc"], "timespan": ["7d"]}
    assert "/robots.txt" not in site.hits  # an API, not a crawl


def test_gdelt_errors_are_results(api) -> None:
    site, fetcher = api
    search = GdeltSearch(fetcher, base_url=site.url("/api/v2/doc/doc"), delay=0)
    site.add("/api/v2/doc/doc", "Invalid query: the phrase is too common.", "text/html")
    result = search.search("the the the the")
    assert (result.hits, result.error) == ([], "GDELT: Invalid query: the phrase is too common.")
    site.fault("/api/v2/doc/doc", "status", status=503)
    result = search.search("the the the the")
    assert result.error == "HTTP 503 after 2 attempts"
    with pytest.raises(ValueError, match="bad GDELT timespan"):
        search.query_url("x y z w", timespan="forever")


def test_gdelt_default_delay_is_five_seconds() -> None:
    with Fetcher(FetchConfig(min_delay=1)) as fetcher:
        GdeltSearch(fetcher)
        assert fetcher.delay_for("https://api.gdeltproject.org/api/v2/doc/doc", use_robots=False) == 5.0
