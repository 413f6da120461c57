"""Word-level difference between a printed wording and the canonical wording, as safe HTML."""

from __future__ import annotations

import difflib
import re
import unicodedata

from markupsafe import Markup

WORD = re.compile(r"\S+")
NOT_WORD_CHARS = re.compile(r"[^\w$%€£.]+|(?<!\d)\.|\.(?!\d)")
ELLIPSIS = re.compile(r"^(\.\.\.|…|\[\.\.\.\]|\[…\])$")


def normalize_word(word: str) -> str:
    """The comparable form of a word: NFKC, casefolded, without surrounding punctuation."""
    word = unicodedata.normalize("NFKC", word).casefold().replace("’", "'")
    if ELLIPSIS.match(word):
        return "..."
    return NOT_WORD_CHARS.sub("", word.replace("'", ""))


def diff_words(canonical: str, printed: str) -> list[tuple[str, str]]:
    """Opcodes ("equal" | "insert" | "delete", text) turning `canonical` into `printed`, by words.

    Equal and inserted text is the printed text; deleted text is the canonical text. Words
    that differ only in case or surrounding punctuation count as equal.
    """
    old = WORD.findall(canonical or "")
    new = WORD.findall(printed or "")
    old_keys = [normalize_word(word) for word in old]
    new_keys = [normalize_word(word) for word in new]
    matcher = difflib.SequenceMatcher(a=old_keys, b=new_keys, autojunk=False)
    parts: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(("equal", " ".join(new[j1:j2])))
            continue
        if tag in ("delete", "replace"):
            parts.append(("delete", " ".join(old[i1:i2])))
        if tag in ("insert", "replace"):
            parts.append(("insert", " ".join(new[j1:j2])))
    return parts


def count_changed_words(parts: list[tuple[str, str]]) -> int:
    """How many words were inserted or deleted."""
    return sum(len(text.split()) for tag, text in parts if tag != "equal")


def describe_change(parts: list[tuple[str, str]]) -> str:
    """'canonical wording', 'excerpt: 5 words cut' or '3 words changed, 2 cut', from diff_words."""
    last = len(parts) - 1
    cut = sum(
        len(text.split()) for index, (tag, text) in enumerate(parts) if tag == "delete" and index in (0, last)
    )
    changed = count_changed_words(parts) - cut
    if not changed and not cut:
        return "canonical wording"
    if not changed:
        return f"excerpt: {cut} word{'' if cut == 1 else 's'} cut"
    words = f"{changed} word{'' if changed == 1 else 's'} changed"
    return f"{words}, {cut} cut" if cut else words


def render_drift(canonical: str, printed: str) -> Markup:
    """The printed wording with words missing from it struck out and words added underlined.

    Words cut from the start or end of the canonical wording (an excerpt) show as a
    struck-out ellipsis whose tooltip holds the cut words.
    """
    parts = diff_words(canonical, printed)
    pieces: list[Markup] = []
    last = len(parts) - 1
    for index, (tag, text) in enumerate(parts):
        if tag == "equal":
            pieces.append(Markup("{}").format(text))
        elif tag == "insert":
            pieces.append(Markup('<ins class="drift-added">{}</ins>').format(text))
        elif index in (0, last):
            pieces.append(
                Markup('<del class="drift-cut" title="cut: {}">…</del>').format(text)
            )
        else:
            pieces.append(Markup('<del class="drift-removed">{}</del>').format(text))
    return Markup(" ").join(pieces)
