"""Counts in the lines a command prints: the noun agrees with its number ("1 error", "2 errors")."""

from __future__ import annotations

import re

# nouns whose plural adds -es: fetch, search, box, address
ES_PLURAL_RE = re.compile(r"(?:s|x|z|ch|sh)$")


def plural(noun: str) -> str:
    """The regular plural of an English noun (`fetch` -> `fetches`, `error` -> `errors`)."""
    return noun + "es" if ES_PLURAL_RE.search(noun) else noun + "s"


def counted(count: int, noun: str, many: str | None = None, *, thousands: bool = False) -> str:
    """`count` then `noun`, plural (`many`, else the regular plural) unless the count is 1: "1 error", "0 errors".

    With `thousands` the count is written with commas ("2,000 quotations").
    """
    number = f"{count:,}" if thousands else str(count)
    return f"{number} {noun if count == 1 else many or plural(noun)}"
