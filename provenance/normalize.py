"""Quote normalisation, word n-gram hashes, the MemeTracker match rule and word-level drift."""

from __future__ import annotations

import difflib
import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass

from provenance.counts import counted

LOGGER = logging.getLogger(__name__)

GRAM_SIZE = 4
MIN_LINK_WORDS = 6  # a non-identical link needs the shorter wording to have 6+ words ...
MIN_LINK_CONTENT_WORDS = 3  # ... and 3+ content words (DESIGN.md, MemeTracker guard)
MIN_FRAGMENT_WORDS = 3  # a fragment joins the quote it is an exact part of from 3 words ...
MIN_FRAGMENT_CONTENT_WORDS = 2  # ... with 2+ content words ("man of peace", "dead in the water")
# What `normalize_quote` gives (and clustering reads from it), recorded in the database (`code_versions`,
# migration 16) by every full trace: a database recorded at another is traced whole again by its next import,
# crawl or trace (`pipeline.full_trace_due`). Bump it with every change to what a wording normalises to.
# 1: NFKC, casefold, quote marks, punctuation; 2: contractions written out (migration 14); 3: "'s" as
# "has" and "'d" as "had" before a participle (migration 16, the first version recorded); 4: a prefix
# joined to the word its hyphen binds ("re-trial" as "retrial", HYPHEN_PREFIXES).
NORMALIZATION_VERSION = 4

# Apostrophes inside words vanish ("workers'" -> "workers", "Francis's" -> "franciss"), once the
# contractions are written out; every other non-word character separates.
APOSTROPHES = "'\u2018\u2019\u02bc\u0060\u00b4"
APOSTROPHE_RE = re.compile(rf"(?<=\w)[{APOSTROPHES}](?=\w)")
# Contractions are the same words as their written-out forms ("don't" / "do not", "I'm" / "I am"),
# so both normalise to the long form. Each pattern reads the casefolded text; a word before the
# apostrophe is a whole word, so "O'Neill" and "rock 'n' roll" are left alone.
NOT_RE = re.compile(rf"\b(\w+?)n[{APOSTROPHES}]t\b")
IRREGULAR_NOT = {"wo": "will", "sha": "shall"}  # won't, shan't; "ain't" is left (am, is, are, has?)
CAN_NOT_RE = re.compile(r"\bcan not\b")  # "can't", "can not" and "cannot": one word, as most print it
SUFFIX_RE = re.compile(rf"\b(\w+)[{APOSTROPHES}](m|re|ve|ll|d|s)\b")
# what a wording needs for normalisation to write a contraction out or join a prefix to its word
# (before NFKC and QUOTE_MARKS)
REWRITE_HINT_RE = re.compile(
    rf"[{APOSTROPHES}\u201a\u201b\u2032\uff07\-\u2010\u2011\ufe63\uff0d]|can\s+not", re.IGNORECASE
)
SUFFIX_WORDS = {"m": "am", "re": "are", "ve": "have", "ll": "will"}
# 's is "is" or "has" only after these ("it's", "that's", "there's"): after a noun it may be a
# possessive ("Francis's"), so it is left. It is "has" before "been", "got" or "had" ("it's been"),
# before a participle of a verb that has no passive or adjective after "is" ("that's happened",
# "it's changed", "he's decided to"), and before any other past participle that takes an object
# ("she's made a bad decision", "he's supported a massive expansion", "he's thrown them all away"),
# except a verb whose passive names ("It's called an election"), and "that" after "it" ("it's
# assumed that" is passive, "he's admitted that" not); else "is": an adjective or a passive
# ("he's tired", "It's finished,", "he's locked up", "she's elected, that's fine", "it's written on").
# 'd is "had" before a past participle that is not also the plain verb ("I'd seen", "I'd decided";
# "I'd come", "I'd need" are "would"), and before "better", else "would". An adverb between is
# read past ("it's never happened", "he's always denied it", "I'd never seen").
S_WORDS = frozenset("it he she that there here what who where when why how".split())
HAS_WORDS = frozenset("been got gotten had".split())
PARTICIPLES = HAS_WORDS | frozenset(
    """done gone seen known made taken given told said heard thought brought bought found left kept
    lost met paid sent shown spoken stood won written begun broken chosen driven eaten fallen felt
    forgotten held hidden meant ridden risen sold spent stolen struck sworn thrown understood worn
    better""".split()
)
REGULAR_PARTICIPLE_RE = re.compile(r"[^\W\d_]{2,}ed")  # "decided", "agreed"
ED_WORDS = frozenset(  # plain verbs (and nouns) in -ed
    "shed need feed bleed breed heed speed proceed succeed exceed seed weed deed greed embed".split()
)
HAS_PARTICIPLES = frozenset(
    """happened occurred changed decided worked died arrived agreed refused promised managed tried
    wanted seemed appeared lived stayed remained waited existed become come gone looked lasted
    continued""".split()
)
NAMING_PARTICIPLES = frozenset(
    "called named termed dubbed labelled labeled considered deemed elected appointed".split()
)
OBJECT_WORDS = frozenset(
    """a an the this these those that it them us him her me you his their my our your its nothing
    everything something anything no every some lots himself herself itself themselves myself
    yourself ourselves""".split()
)
ADVERBS = frozenset(
    "never always just already not also really ever since now finally even recently still long only".split()
)
# the words after a contraction, up to the first mark: "it's proved, you" has no object after "proved"
WORDS_AFTER_RE = re.compile(r"\W*?(\w+)(?:\s+(\w+))?(?:\s+(\w+))?(?:\s+(\w+))?")
# A prefix that is no word on its own joins the word its hyphen binds it to ("re-trial" / "retrial",
# "co-operate" / "cooperate", "e-mail" / "email"): read on PolNeAR and METER, these pairs print
# joined (e 603 times, re 95, non 69, co 60, anti 28) and never as two words. Two words joined by
# a hyphen stay two words ("well-known" is "well known"): "long term" (22), "self defence" (20),
# "African American" (25) print spaced as often, and almost never joined ("wellknown" 0), so
# joining them would part what now matches. Left: "un" (the UN: "UN-backed"), "mid" ("mid-April"
# prints spaced), "ex", "pro", "self", "post", "super", "over", "under" (words, or print spaced).
# Only a hyphen between letters joins: "peace - and war", "peace--and" and "re-1990" are not one word;
# and not before a capital: "anti-English" prints spaced too ("anti English", METER), never joined.
HYPHEN_PREFIXES = "anti bi co de e mini multi non pre re semi sub trans".split()
PREFIX_HYPHEN_RE = re.compile(rf"\b({'|'.join(HYPHEN_PREFIXES)})[-\u2010\u2011](?=([^\W\d_]))", re.IGNORECASE)
SOFT_HYPHEN = "\u00ad"  # an invisible line-break hint inside a word: no break
NON_WORD_RE = re.compile(r"[\W_]+", re.UNICODE)
ELLIPSIS_RE = re.compile(r"\s*(?:\.\s*\.\s*\.|\u2026|\[\s*(?:\.\s*){3}\]|\[\u2026\])\s*")
PRINTED_WORD_RE = re.compile(r"\S+")
# "[the council]", "[sic]": the reporter's words inside a quotation, not the speaker's
BRACKETED_RE = re.compile(r"\[[^\[\]]*\]")
QUOTE_MARKS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
    }
)

# Words of the normal form that carry no content. It writes contractions out ("don't" -> "do not"),
# whose long forms are here ("mustn't" and "shan't" give "must" and "shall", left content words as
# "must" printed is); "dont", "cant" stay for wordings printed without the apostrophe, but not
# "hell", "ill", "shed", "shell", "wed" or "id", words in their own right that no contraction gives now.
STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below
    between both but by can cant could couldnt did didnt do does doesnt doing dont down during each
    few for from further had hadnt has hasnt have havent having he hed hes her here heres hers
    herself him himself his how hows i im ive if in into is isnt it its itself lets me more most
    mustnt my myself no nor not of off on once only or other ought our ours ourselves out over own
    same shant she shes should shouldnt so some such than that thats the their theirs them
    themselves then there theres these they theyd theyll theyre theyve this those through to too
    under until up very was wasnt we well were weve werent what whats when whens where wheres which
    while who whos whom why whys will with wont would wouldnt you youd youll youre youve your yours
    yourself yourselves cannot also just get got going gonna like let lot one really say said says still
    thing things think way yes yeah us""".split()
)


@dataclass(frozen=True)
class Match:
    """How two wordings compare under the MemeTracker rule."""

    shorter: int  # S: words in the shorter wording
    overlap: int  # O: longest common word run, one skipped word allowed (or elided segments)
    linked: bool  # the rule (with the length guard) says they are the same quote
    exact_part: bool  # the shorter wording is a contiguous run of the longer one
    rule: str  # which clause decided, in words
    fragment: bool = False  # linked as a fragment: an exact part under MIN_LINK_WORDS words or content words


def expand_not(match: re.Match) -> str:
    """"don't" -> "do not", "can't" -> "cannot", "won't" -> "will not"; "ain't" as printed."""
    stem = match.group(1)
    if stem == "ai":
        return match.group(0)
    if stem == "ca":
        return "cannot"
    return f"{IRREGULAR_NOT.get(stem, stem)} not"


def expand_suffix(match: re.Match) -> str:
    """"I'm" -> "i am", "we've" -> "we have", "she'd" -> "she would" or "she had", "it's" -> "it is" or "it has"."""
    word, suffix = match.group(1), match.group(2)
    if suffix in SUFFIX_WORDS:
        if suffix == "m" and word != "i":
            return match.group(0)
        return f"{word} {SUFFIX_WORDS[suffix]}"
    if suffix == "d":
        participle, _ = words_after(match)
        return f"{word} {'had' if is_participle(participle) else 'would'}"
    if word == "let":  # "let's"
        return "let us"
    if word in S_WORDS:
        return f"{word} {'has' if reads_has(word, *words_after(match)) else 'is'}"
    return match.group(0)


def words_after(match: re.Match) -> tuple[str, str]:
    """The first word after a contraction that is not an adverb, and the word after that."""
    following = WORDS_AFTER_RE.match(match.string, match.end())
    words = [word for word in following.groups() if word] if following else []
    while len(words) > 1 and words[0] in ADVERBS:
        words.pop(0)
    return (words[0] if words else "", words[1] if len(words) > 1 else "")


def is_participle(word: str) -> bool:
    """A past participle that is not also the plain verb: irregular ("seen") or regular ("decided")."""
    return word in PARTICIPLES or (bool(REGULAR_PARTICIPLE_RE.fullmatch(word)) and word not in ED_WORDS)


def reads_has(subject: str, participle: str, after: str) -> bool:
    """Whether "'s" after `subject` before `participle` (then `after`) is "has" rather than "is"."""
    if participle in HAS_WORDS:
        return True
    if after == "by":  # a passive: "he's wanted by the police"
        return False
    if participle in HAS_PARTICIPLES:
        return True
    if not is_participle(participle) or participle in NAMING_PARTICIPLES or (after == "that" and subject == "it"):
        return False
    return after in OBJECT_WORDS


def expand_contractions(text: str) -> str:
    """Contractions written out in a casefolded text (n't, 'm, 're, 've, 'll, 'd, 's where it is not a possessive)."""
    text = NOT_RE.sub(expand_not, text)
    text = CAN_NOT_RE.sub("cannot", text)
    return SUFFIX_RE.sub(expand_suffix, text)


def normalize_quote(text: str, *, as_printed: bool = False) -> str:
    """NFKC, casefold, unify quote marks, drop [bracketed insertions], write out contractions,
    join a prefix to its word ("re-trial" as "retrial"), strip punctuation.

    `as_printed`: contractions and hyphenated prefixes left as printed ("don't", "re trial").
    """
    text = unicodedata.normalize("NFKC", text or "").translate(QUOTE_MARKS).replace(SOFT_HYPHEN, "")
    if not as_printed:
        text = PREFIX_HYPHEN_RE.sub(join_prefix, text)
    text = BRACKETED_RE.sub(" ", text.casefold())
    if not as_printed:
        text = expand_contractions(text)
    text = APOSTROPHE_RE.sub("", text)
    return NON_WORD_RE.sub(" ", text).strip()


def join_prefix(match: re.Match) -> str:
    """"re-trial" -> "retrial", "Co-operation" -> "Cooperation"; "anti-English" as printed."""
    return match.group(1) if match.group(2).islower() else match.group(0)


def printed_word_key(word: str) -> str:
    """A printed word as compared for drift: normalised, but a contraction or a hyphenated prefix kept
    as printed ("don't" is not "do not", "re-trial" not "retrial")."""
    return normalize_quote(word, as_printed=True)


def quote_words(text: str) -> list[str]:
    """The normalised words of a wording as printed."""
    return normalize_quote(text).split()


def count_content_words(words: list[str]) -> int:
    """Words that are not stopwords or single characters."""
    return sum(1 for word in words if len(word) > 1 and word not in STOPWORDS)


def split_elisions(text: str) -> list[list[str]]:
    """The normalised word segments of a wording cut by ellipses ("left ... and I will")."""
    parts = [quote_words(part) for part in ELLIPSIS_RE.split(text or "")]
    return [part for part in parts if part]


def hash_gram(words: tuple[str, ...] | list[str]) -> int:
    """A stable signed 64-bit hash of a word n-gram (the same in every process)."""
    digest = hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def hash_grams(words: list[str], size: int = GRAM_SIZE) -> set[int]:
    """Hashes of every word `size`-gram of `words` (none when shorter than `size`)."""
    return {hash_gram(words[i : i + size]) for i in range(len(words) - size + 1)}


def find_run(needle: list[str], haystack: list[str], start: int = 0) -> int:
    """Index of the first contiguous occurrence of `needle` in `haystack` from `start`, else -1."""
    size = len(needle)
    if not size:
        return start
    first = needle[0]
    for index in range(start, len(haystack) - size + 1):
        if haystack[index] == first and haystack[index : index + size] == needle:
            return index
    return -1


def longest_run(a: list[str], b: list[str], weights: tuple[int, ...] | None = None) -> int:
    """Longest common run of words of `a` and `b`, allowing one skipped word in either or both.

    `weights`: what each word of `a` counts (`word_weights`); one each when None.
    """
    if not a or not b:
        return 0
    width = len(b) + 1
    exact_prev2 = [0] * width  # exact run lengths ending at row i-2
    exact_prev = [0] * width  # ... at row i-1
    skip_prev = [0] * width  # runs with one skip ending at row i-1
    best = 0
    for i in range(1, len(a) + 1):
        word = a[i - 1]
        weight = weights[i - 1] if weights else 1
        exact = [0] * width
        skip = [0] * width
        for j in range(1, width):
            if b[j - 1] != word:
                continue
            run = exact_prev[j - 1] + weight
            exact[j] = run
            gapped = skip_prev[j - 1] + weight if skip_prev[j - 1] else 0
            # one word skipped in a, in b, or in both (a substitution), inside a run
            if i >= 2 and j >= 2 and exact_prev2[j - 1]:
                gapped = max(gapped, exact_prev2[j - 1] + weight)
            if j >= 2 and exact_prev[j - 2]:
                gapped = max(gapped, exact_prev[j - 2] + weight)
            if i >= 2 and j >= 2 and exact_prev2[j - 2]:
                gapped = max(gapped, exact_prev2[j - 2] + weight)
            skip[j] = gapped
            best = max(best, run, gapped)
        exact_prev2, exact_prev, skip_prev = exact_prev, exact, skip
    return best


def elided_overlap(segments: list[list[str]], other: list[str]) -> int:
    """Words of `segments` found in order, each as a contiguous run, in `other`; 0 if one is missing."""
    position = 0
    total = 0
    for segment in segments:
        found = find_run(segment, other, position)
        if found < 0:
            return 0
        position = found + len(segment)
        total += len(segment)
    return total


def meme_rule(shorter: int, overlap: int) -> str | None:
    """The MemeTracker clause that links a pair with shorter length S and overlap O, if any."""
    if shorter <= 5 and overlap == shorter:
        return "S<=5 and O=S"
    if shorter == 6 and overlap >= 5:
        return "S=6 and O>=5"
    if overlap / (shorter + 3) > 0.5:
        return "O/(S+3)>0.5"
    if overlap > 10:
        return "O>10"
    return None


def compare_wordings(
    a: list[str],
    b: list[str],
    *,
    a_segments: list[list[str]] | None = None,
    b_segments: list[list[str]] | None = None,
    a_weights: tuple[int, ...] | None = None,
    b_weights: tuple[int, ...] | None = None,
) -> Match:
    """Compare two normalised wordings with the MemeTracker rule, the length guard and fragments.

    `a_weights`, `b_weights`: the printed words each normalised word stands for (`word_weights`),
    where contractions were written out. S and O count words as printed, so "I'm not sure" is no
    longer to the rule, and its "i am" no larger a share of another wording, than as printed.
    """
    if len(a) > len(b) or (len(a) == len(b) and a > b):
        a, b, a_segments, a_weights = b, a, b_segments, b_weights
    if not a:
        return Match(0, 0, False, False, "empty wording")
    shorter = sum(a_weights) if a_weights else len(a)
    if a == b:
        return Match(shorter, shorter, True, True, "identical")
    exact_part = find_run(a, b) >= 0
    overlap = shorter if exact_part else longest_run(a, b, a_weights)
    rule = "one word skipped"
    if a_segments and len(a_segments) > 1 and overlap < shorter:
        elided = min(elided_overlap(a_segments, b), shorter)
        if elided > overlap:
            overlap, rule = elided, "elided segments in order"
    content = count_content_words(a)
    if exact_part and (shorter < MIN_LINK_WORDS or content < MIN_LINK_CONTENT_WORDS):
        # an exact part too short for the guard is judged as a fragment, whatever its length: "got to come a
        # long way" (6 words, 2 content words) is as much a part of its sentence as "come a long way"
        linked = shorter >= MIN_FRAGMENT_WORDS and content >= MIN_FRAGMENT_CONTENT_WORDS
        reason = (
            f"fragment: all {counted(shorter, 'word')} are part of the longer wording"
            if linked
            else f"fragment too short to link ({counted(shorter, 'word')}, {counted(content, 'content word')})"
        )
        return Match(shorter, overlap, linked, True, reason, fragment=linked)
    if shorter < MIN_LINK_WORDS or content < MIN_LINK_CONTENT_WORDS:
        return Match(
            shorter, overlap, False, exact_part, f"guard: {counted(shorter, 'word')}, {counted(content, 'content word')}"
        )
    clause = meme_rule(shorter, overlap)
    if clause is None:
        return Match(shorter, overlap, False, exact_part, f"S={shorter}, O={overlap}: no clause")
    return Match(shorter, overlap, True, exact_part, f"{clause} (S={shorter}, O={overlap}, {rule})")


def word_weights(text: str) -> tuple[int, ...] | None:
    """The printed words each normalised word of a wording stands for; None when one each.

    A contraction written out is one printed word for two ("don't": "do" 1, "not" 0); "can not"
    written "cannot" two for one, and so a prefix joined to its word ("re-trial" as "retrial" 2), as
    the words were counted before they were joined.
    """
    if not REWRITE_HINT_RE.search(text or ""):
        return None
    printed = printed_word_key(text).split()
    words = normalize_quote(text).split()
    if printed == words:
        return None
    weights: list[int] = []
    matcher = difflib.SequenceMatcher(a=printed, b=words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = i2 - i1, j2 - j1
        if tag == "equal":
            weights += [1] * new
        elif tag == "insert":
            weights += [0] * new
        elif tag == "replace":
            weights += [1] * old + [0] * (new - old) if new >= old else [old - new + 1] + [1] * (new - 1)
    return tuple(weights)


def describe_drift(canonical: str, variant: str) -> str | None:
    """Word-level difference of a printed wording from the canonical one; None when equal."""
    canonical_printed = PRINTED_WORD_RE.findall(canonical or "")
    variant_printed = PRINTED_WORD_RE.findall(variant or "")
    canonical_keys = [printed_word_key(word) for word in canonical_printed]
    variant_keys = [printed_word_key(word) for word in variant_printed]
    canonical_words = [key for key in canonical_keys if key]
    variant_words = [key for key in variant_keys if key]
    if canonical_words == variant_words:
        return None
    normalized_canonical = " ".join(canonical_words).split()
    normalized_variant = " ".join(variant_words).split()
    if normalized_canonical == normalized_variant:
        return None
    position = find_run(normalized_variant, normalized_canonical)
    if normalized_variant and position >= 0:
        return (
            f"excerpt: words {position + 1}-{position + len(normalized_variant)}"
            f" of {len(normalized_canonical)}"
        )
    opcodes = difflib.SequenceMatcher(a=canonical_keys, b=variant_keys, autojunk=False).get_opcodes()
    first, last = trim_excerpt(opcodes, canonical_keys, variant_keys)
    changes = []
    for tag, i1, i2, j1, j2 in opcodes:
        i1, i2 = max(i1, first), min(i2, last)  # the words cut from the ends are the excerpt's, not changes
        if tag == "replace" and i1 >= i2:
            tag = "insert"
        old = " ".join(canonical_printed[i1:i2])
        new = " ".join(variant_printed[j1:j2])
        if tag == "replace":
            changes.append(f"[-{old}-] {{+{new}+}}")
        elif tag == "delete" and any(canonical_keys[i1:i2]):
            changes.append(f"[-{old}-]")
        elif tag == "insert" and any(variant_keys[j1:j2]):
            changes.append(f"{{+{new}+}}")
    if (first, last) != (0, len(canonical_keys)):
        sizes = [len(key.split()) for key in canonical_keys]
        start, end = sum(sizes[:first]) + 1, sum(sizes[:last])
        changes.insert(0, f"excerpt: words {start}-{end} of {len(normalized_canonical)}")
    return "; ".join(changes) if changes else None


def trim_excerpt(opcodes: list[tuple], canonical_keys: list[str], variant_keys: list[str]) -> tuple[int, int]:
    """The canonical words (first, last: printed-word indexes, end exclusive) a variant was taken from.

    Words of the canonical wording before the variant's first word in common with it, or after its
    last, were not printed (an excerpt), not left out. Where a variant ends with other words and
    MIN_LINK_WORDS or more canonical words besides, it stopped early: only as many canonical words as
    it prints there count as replaced ("laws. But I'm working for you now." printed "law.": "laws"
    changed, the rest cut), while fewer were reworded ("sold to a mainland firm" printed "sold off").
    Where it begins with other words, they replace the canonical opening ("Somebody ought to" printed
    "I'll": the printing does not begin later).
    """
    if not any(tag == "equal" and any(canonical_keys[i1:i2]) for tag, i1, i2, _, _ in opcodes):
        return 0, len(canonical_keys)
    first, last = 0, len(canonical_keys)
    tag, i1, i2, j1, j2 = opcodes[0]
    if tag == "delete":
        first = i2
    tag, i1, i2, j1, j2 = opcodes[-1]
    if tag == "delete":
        last = i1
    elif tag == "replace":
        printed = sum(1 for key in variant_keys[j1:j2] if key)
        end = i1
        while end < i2 and printed:
            printed -= bool(canonical_keys[end])
            end += 1
        if sum(1 for key in canonical_keys[end:i2] if key) >= MIN_LINK_WORDS:
            last = end
    return first, last
