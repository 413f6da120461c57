"""Short human forms of the stored values: times, confidences, evidence, origin kinds."""

from __future__ import annotations

import re

ISO_TIME = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[T ](?P<hm>\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(?P<zone>Z|[+-]\d{2}:?\d{2})?)?$"
)

EVIDENCE_WORDS = {
    "origin": "origin: printed first-hand",
    "credit": "credits the source",
    "link": "links to the source",
    "reuse": "shares text with the source",
    "mutation": "shares the source's altered wording",
    "earlier": "only printed after the source",
}

ORIGIN_WORDS = {
    "exclusive": "an exclusive: one outlet had it first-hand and the others took it from there",
    "wire": "a wire story: a news agency had it first-hand and the others reprinted, rewrote or credited its report",
    "public_statement": (
        "a public statement: said in public (a news conference, a speech, a rally, a published statement "
        "or post), where any outlet could hear it first-hand: several outlets printed it first-hand, or the "
        "first article here says where it was said; that article is the earliest printing found, not its source"
    ),
    "unresolved": "unresolved: the evidence does not single out where it came from",
}
# The one short name of each origin kind on every page: a badge, a list's small print.
ORIGIN_LABELS = {
    "exclusive": "exclusive",
    "wire": "wire",
    "public_statement": "public statement",
    "unresolved": "unresolved",
}


def format_time(value: object) -> str:
    """'2026-03-02 06:00 UTC' for a date-time, '2026-03-02 (date only)' for a date, else as is."""
    if value is None or value == "":
        return "time unknown"
    text = str(value)
    match = ISO_TIME.match(text)
    if not match:
        return text
    if not match["hm"]:
        return f"{match['date']} (date only)"
    zone = match["zone"]
    if zone in (None, "Z", "+00:00", "+0000", "-00:00"):
        suffix = " UTC"
    else:
        suffix = f" {zone}"
    return f"{match['date']} {match['hm']}{suffix}"


def isolate_text(text: object) -> str:
    """Scraped text between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE, for a tooltip.

    A tooltip holds no element to isolate it with (<bdi>), so a right-to-left override in an
    outlet's name would otherwise run on, backwards, into the time or title printed after it.
    """
    return f"\u2068{text}\u2069"


def format_confidence(value: object) -> str:
    """A confidence in [0, 1] as two decimals; '' when absent."""
    if value is None or value == "":
        return ""
    try:
        return f"{float(value):.2f}"
    except (TypeError, ValueError):
        return str(value)


def describe_evidence(evidence: object) -> str:
    """What an evidence kind means, in words."""
    return EVIDENCE_WORDS.get(str(evidence), str(evidence or "no lineage recorded"))


def label_origin_kind(kind: object) -> str:
    """The short name of an origin kind ('public statement'); 'not traced' when there is none."""
    if not kind:
        return "not traced"
    return ORIGIN_LABELS.get(str(kind), str(kind))


def describe_origin_kind(kind: object) -> str:
    """What an origin kind means, in words."""
    if not kind:
        return "not traced yet: run `provenance trace` to find the origin"
    return ORIGIN_WORDS.get(str(kind), str(kind))
