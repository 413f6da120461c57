"""Figures shared by the evaluations: safe ratios and F1."""

from __future__ import annotations


def ratio(numerator: float, denominator: float) -> float:
    """A safe ratio (0.0 for an empty denominator)."""
    return numerator / denominator if denominator else 0.0


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
