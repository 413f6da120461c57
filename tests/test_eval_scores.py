"""The evaluations' shared figures: safe ratios and F1."""

from __future__ import annotations

import pytest

from provenance.evaluation.scores import f1, ratio


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [(31, 40, 0.775), (0, 12, 0.0), (5, 0, 0.0), (0, 0, 0.0), (1000 * 2.5, 4, 625.0)],
)
def test_ratio(numerator, denominator, expected) -> None:
    assert ratio(numerator, denominator) == expected


@pytest.mark.parametrize(
    ("precision", "recall", "expected"),
    [(0.5, 0.5, 0.5), (1.0, 0.0, 0.0), (0.0, 0.0, 0.0), (0.8, 0.4, 0.5333333333333333)],
)
def test_f1(precision, recall, expected) -> None:
    assert f1(precision, recall) == expected
