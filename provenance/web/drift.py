"""Word-level difference between a printed wording and the canonical wording, as safe HTML."""

from __future__ import annotations

import difflib
import re
import unicodedata

from markupsafe import Markup

from provenance.normalize import MIN_LINK_WORDS

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
    that differ only in case or surrounding punctuation count as equal. A printing that ends with
    other words than the canonical wording, with MIN_LINK_WORDS or more canonical words besides, stopped
    early: it replaces as many of its words, and the rest are cut ("laws. But I'm working for you now."
    printed "law.": "laws" changed, "But ... now." cut), as `describe_drift` reads it.
    """
    old = WORD.findall(canonical or "")
    new = WORD.findall(printed or "")
    old_keys = [normalize_word(word) for word in old]
    new_keys = [normalize_word(word) for word in new]
    matcher = difflib.SequenceMatcher(a=old_keys, b=new_keys, autojunk=False)
    opcodes = matcher.get_opcodes()
    parts: list[tuple[str, str]] = []
    for number, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            parts.append(("equal", " ".join(new[j1:j2])))
            continue
        cut = i2
        if tag == "replace" and number == len(opcodes) - 1 and number > 0 and i2 - i1 - (j2 - j1) >= MIN_LINK_WORDS:
            cut = i1 + (j2 - j1)
        if tag in ("delete", "replace"):
            parts.append(("delete", " ".join(old[i1:cut])))
        if tag in ("insert", "replace"):
            parts.append(("insert", " ".join(new[j1:j2])))
        if cut < i2:
            parts.append(("delete", " ".join(old[cut:i2])))
    return parts


def count_changed_words(parts: list[tuple[str, str]]) -> int:
    """How many words were inserted or deleted."""
    return sum(len(text.split()) for tag, text in parts if tag != "equal")


def is_cut(parts: list[tuple[str, str]], index: int) -> bool:
    """Whether the deleted words at `index` were cut from the start or end (an excerpt), not replaced."""
    if index == len(parts) - 1:
        return True
    return index == 0 and parts[1][0] != "insert"


def describe_change(parts: list[tuple[str, str]]) -> str:
    """'canonical wording', 'excerpt: 5 words cut', or what changed: '1 word changed, 23 added, 2 left out, 3 cut'.

    A word replaced by another is one changed word, not one removed and one added; words struck
    from the start or end, and not replaced, are cut (an excerpt), as render_drift shows them.
    """
    last = len(parts) - 1
    counts = {"changed": 0, "added": 0, "left out": 0}
    cut = 0
    index = 0
    while index <= last:
        tag, text = parts[index]
        words = len(text.split())
        if tag == "delete" and is_cut(parts, index):
            cut += words
        elif tag == "delete" and index < last and parts[index + 1][0] == "insert":
            inserted = len(parts[index + 1][1].split())
            counts["changed"] += min(words, inserted)
            counts["left out"] += max(words - inserted, 0)
            counts["added"] += max(inserted - words, 0)
            index += 1
        elif tag == "delete":
            counts["left out"] += words
        elif tag == "insert":
            counts["added"] += words
        index += 1
    phrases = [f"{count} {what}" for what, count in counts.items() if count]
    if not phrases:
        return f"excerpt: {cut} word{'' if cut == 1 else 's'} cut" if cut else "canonical wording"
    first = phrases[0].split(" ", 1)
    plural = "" if first[0] == "1" else "s"
    phrases[0] = f"{first[0]} word{plural} {first[1]}"
    return ", ".join(phrases + ([f"{cut} cut"] if cut else []))


def render_drift(canonical: str, printed: str) -> Markup:
    """The printed wording with words missing from it struck out and words added underlined.

    Words cut from the start or end of the canonical wording (an excerpt) show as a
    struck-out ellipsis whose tooltip holds the cut words.
    """
    parts = diff_words(canonical, printed)
    pieces: list[Markup] = []
    for index, (tag, text) in enumerate(parts):
        if tag == "equal":
            pieces.append(Markup("{}").format(text))
        elif tag == "insert":
            pieces.append(Markup('<ins class="drift-added">{}</ins>').format(text))
        elif is_cut(parts, index):
            pieces.append(
                Markup('<del class="drift-cut" title="cut: {}">…</del>').format(text)
            )
        else:
            pieces.append(Markup('<del class="drift-removed">{}</del>').format(text))
    return Markup(" ").join(pieces)
