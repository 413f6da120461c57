"""Publication times: UTC ISO values, dates kept as dates."""

from __future__ import annotations

import pytest

from provenance.times import normalize_time


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
        ("", (None, None)),
        (None, (None, None)),
    ],
)
def test_normalize_time(value, expected) -> None:
    assert normalize_time(value) == expected
