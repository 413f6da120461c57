"""What a search box's words mean: each word must be there, "a phrase" in quote marks, -word left out.

Datasette quotes every word it is given for SQLite's full-text search (FTS5), so `-trump` was the word
"trump" and found the very rows it was meant to leave out. FTS5 has no leading minus: it leaves rows
out with NOT. `match_query` writes the words as Datasette does and a leading minus as NOT; the plugin
registers it as the SQL function `escape_fts` that Datasette's table search calls.
"""

from __future__ import annotations

import re

from datasette.utils import escape_fts

# Datasette's split: runs of spaces, and "quoted phrases" kept whole
TERM_RE = re.compile(r'\s+|(".*?")')


def split_terms(text: str) -> tuple[list[str], list[str]]:
    """The words and phrases to find and those to leave out (a leading minus), each quoted for FTS5."""
    if text.count('"') % 2:
        text += '"'
    bits = [bit for bit in TERM_RE.split(text) if bit and bit != '""']
    wanted: list[str] = []
    unwanted: list[str] = []
    negate = False
    for bit in bits:
        if bit.startswith('"'):
            (unwanted if negate else wanted).append(bit)
            negate = False
            continue
        if bit.startswith("-"):
            word = bit.lstrip("-")
            if not word:  # a lone minus: it applies to the phrase after it
                negate = True
                continue
            unwanted.append('"{}"'.format(word))
        else:
            (unwanted if negate else wanted).append('"{}"'.format(bit))
        negate = False
    return wanted, unwanted


def has_only_unwanted(text: str) -> bool:
    """True when every term is left out (-word): nothing to find, which FTS5 cannot search for."""
    wanted, unwanted = split_terms(text)
    return bool(unwanted) and not wanted


NOTHING = '""'  # an empty phrase: FTS5 matches no row with it


def match_query(text: str | None) -> str | None:
    """The FTS5 query for a search box's words: Datasette's quoting, and NOT for each -word."""
    if text is None:
        return None
    wanted, unwanted = split_terms(text)
    if not unwanted:
        return escape_fts(text)  # Datasette's own answer, unchanged
    if not wanted:
        # FTS5 cannot find rows by what they lack alone; a table page refuses it first (has_only_unwanted)
        return NOTHING
    return "({}) NOT {}".format(" ".join(wanted), " NOT ".join(unwanted))
