"""Publication times: UTC ISO values, dates kept as dates."""

from __future__ import annotations

import pytest

from provenance.crawl import listed_time
from provenance.times import is_placeholder_time, normalize_time, parse_utc


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-02", ("2026-03-02", "date")),
        ("2026-03-02T06:00:00Z", ("2026-03-02T06:00:00Z", "second")),
        ("2026-03-02T08:00:00+02:00", ("2026-03-02T06:00:00Z", "second")),
        ("2026-03-02 06:00:00", ("2026-03-02T06:00:00Z", "second")),
        ("2026-03-02T01:30:00-05:00", ("2026-03-02T06:30:00Z", "second")),
        ("yesterday", (None, None)),
        ("2026-02-30", (None, None)),
        ("0001-01-01T00:00:00Z", ("0001-01-01T00:00:00Z", "second")),  # four digits, as ISO and the sort keys need
        ("9999-12-31T23:59:59-01:00", (None, None)),  # after the last UTC time: unreadable, not a crash
        ("0001-01-01T00:30:00+01:00", (None, None)),  # before the first
        ("", (None, None)),
        (None, (None, None)),
    ],
)
def test_normalize_time(value, expected) -> None:
    assert normalize_time(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-02T08:30:00Z", "2026-03-02T08:30:00+00:00"),  # a WARC-Date
        (" 2026-03-02T10:30:00+02:00 ", "2026-03-02T08:30:00+00:00"),  # a feed's RFC 3339 time, padded
        ("2026-03-02T08:30:00.250000Z", "2026-03-02T08:30:00.250000+00:00"),
        ("2026-03-02T08:30:00", "2026-03-02T08:30:00+00:00"),  # no zone: UTC
        ("2026-03-02", "2026-03-02T00:00:00+00:00"),
        ("Mon, 02 Mar 2026 08:30:00 GMT", None),
        ("9999-12-31T23:59:59-01:00", None),  # a JSON Feed or WARC-Date past the last UTC time
        ("", None),
        (None, None),
    ],
)
def test_parse_utc(value, expected) -> None:
    moment = parse_utc(value)
    assert (moment.isoformat() if moment else None) == expected


@pytest.mark.parametrize(
    ("value", "placeholder"),
    [
        ("1970-01-01", True),  # a date or time a CMS stored as 0
        ("1970-01-01T00:00:00Z", True),
        ("1969-12-31T19:00:00-05:00", True),  # the same instant, printed in the server's zone
        ("1970-01-01T00:00:01Z", False),
        ("1970-01-02", False),
        ("2026-03-02", False),
        ("not a time", False),
        (None, False),
    ],
)
def test_the_unix_epoch_is_a_placeholder_time(value, placeholder) -> None:
    assert is_placeholder_time(value) is placeholder


def test_a_feed_or_sitemap_time_that_is_a_placeholder_is_no_time() -> None:
    # a feed giving every entry 1970-01-01 must not make them too old to crawl
    assert listed_time("Thu, 01 Jan 1970 00:00:00 GMT") is None  # not ISO: unreadable
    assert listed_time("1970-01-01T00:00:00+00:00") is None  # what feeds._entry_time gives for it
    assert listed_time("2026-05-04T09:00:00+02:00").isoformat() == "2026-05-04T07:00:00+00:00"
