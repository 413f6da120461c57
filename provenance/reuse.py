"""Text reuse between articles: fingerprints for the index, containment and a verdict per pair.

An article reuses an earlier one when much of its wording is found there (wire copy reprinted,
trimmed or rewritten). Candidates come only from the `article_fingerprints` index (winnowed
hashes of consecutive content-word pairs; a short text keeps every pair), never from comparing
all pairs: an article probes the index with its PROBES rarest fingerprints (no more than
MIN_SHARED_FINGERPRINTS of those held by the same articles, so a near-duplicate cannot spend
every probe and hide the article's other sources), and a pair needs MIN_SHARED_FINGERPRINTS
shared probes and MIN_FINGERPRINT_SHARE of the smaller article's fingerprints in common;
fingerprints held by more than MAX_POSTINGS articles are boilerplate and link nothing. A short
text (SHORT_TEXT_SHINGLES fingerprints or fewer) against a long, winnowed one may share a single
indexed fingerprint with the story it rewrites: its SHORT_LINKS rarest such links (held by at
most RARE_LINK articles) are scored too (on METER they give 5 more papers a row against PA
copy; provenance/evaluation/meter.py says what they cost and buy). Each candidate pair is then
scored on the words of both texts (each article's profile built once per round where memory allows).

Score: the share of the reuser's distinct content words found in the source, blended with the
share of its running words found there (DERIVED_WEIGHT); `containment` stores it. Verdict:
derived from PARTIALLY_THRESHOLD plus NEW_NUMBER_SLOPE x ln(1 + the numbers the reuser prints that
the source lacks) (`derived_threshold`), else none: sums, ages and counts of its own are its own
reporting, so a paper adding them must match more closely to be a copy (on METER, binary macro-F1
0.775 -> 0.790, cross-validated 0.775 -> 0.785; the one measure of eleven rounds to add 0.01 out of
sample, and only with numbers read as values: "250,000" one number, "four" 4). A derived text is
wholly derived when its score reaches a bar that rises with its length (`wholly_threshold`), else
partially. A short item that is mostly wire words is a trimmed wire story; a long feature holds as
many wire words when it paraphrases whole passages and adds its own reporting, so it must match
more closely to be a mere copy. Parameters tuned and cross-validated on METER
(provenance/evaluation/meter.py). Richer pair features (character n-grams, greedy string tiling,
the order and place of shared passages, stopword n-grams, stems, the names and quotations a reuser
adds, the structure of shared fragments, compression, learned blends of them) were measured there
too and add nothing to this score out of sample (binary macro-F1 near 0.785 at best), so it stays
this cheap. A candidate
scoring below NONE_ROW_FLOOR gets no row at all; 'none' rows are the near misses. Such a pair is
kept in `reuse_misses` instead, so that two earlier texts, unchanged, are not compared again when
a new article sends one of them back to its candidates (`plan_update`): at 100,000 articles, most
pairs an import of 1,000 more ranks are pairs of earlier articles, and most of those are misses. A
miss of a pair that no list holds any longer, among the articles an update ranks again, goes (a
rebuild keeps none): PolNeAR then the 181 pages left 20 misses a trace did not have, now 9, all of
the first kind of change not followed below (a rarest fingerprint gaining a holder).
REUSE_VERSION, recorded in `code_versions`, says which rules made the rows and the misses.

Chance: a source SIZE_RATIO or more times the reuser's length (a live blog of 5,000 words against
a brief of 40) holds most of any short text's words, so there the reuser is derived only when
MIN_RUN_SHARE of its words also stand in runs of RUN_WORDS found in the source (`run_share`);
else the pair is a near miss, verdict none. On METER this changes 9 of 770 verdicts, binary and
three-way macro-F1 a little up; on PolNeAR imported as one story it removes 26 of 45 derived
pairs, briefs and news stories "derived" from the day's live blogs.
Time: a copy is printed within a day or two of its source (METER's papers the next morning; a
weekend's delay at most), while set phrases recur for months. A reuser printed more than LATE_DAYS
after its source (`days_apart` of the dates, in UTC) is derived only when it shares a sentence
with it or MIN_RUN_SHARE of its words stand in runs of LATE_RUN_WORDS, longer than a set phrase
("wins the Democratic presidential primary in" is eight): an old story reprinted or updated weeks
later, or a later story taking an earlier one's background, keeps such runs. An unknown time is
not taken for a late one (it asks for no more). On head23 this removes the 10 briefs and short
stories derived from live blogs 5 to 101 days older, every such row, and keeps the 7 copies (all
within a day); on METER it changes 10 rows against a case's PA copy or papers of earlier months,
none a paper's best row, so its figures stand.

Direction: the later article reuses the earlier one, in one order for every pair (`time_order`,
so no chain of rows loops back): by `articles.time_key`, a date alone after the date-times of its
day and a missing key after every known one. At the same place in that order a wire's or an
agency's article is the source; else the article with the higher score against the other is the
reuser (a trimmed copy reuses the fuller text), and on an equal score the larger id (saved later).

Echoes: when X reuses S and also matches C, itself a copy of S, no better than it matches S,
X took the text from S and the row X -> C is not stored in `article_reuse` but in `reuse_echoes`
(`find_echoes`): an echo is still evidence that C copies S when a later article is weighed.

Import order: the rows are a function of the articles, the same whatever order they came in and
the same as `rebuild_reuse` makes. A pair is scored when either article ranks the other among its
MAX_CANDIDATES (`rank_candidates`; of candidates sharing as many fingerprints, those whose URLs
sort first). `update_reuse` ranks again, besides the new articles, the earlier ones whose lists a
new article can enter (`revisited_articles`, through the index: enough shared fingerprints, or a
short text's rare link) and so push an earlier candidate out of, and the pairs of stored rows
linked by a fingerprint the new articles make too common to link (held by more than
MAX_POSTINGS); echoes are decided again on every row a rebuild would see. Two things are not
followed, both among earlier articles that no new one enters the list of: one holding more than
PROBES linking fingerprints whose rarest ones gain holders may probe with others and find another
earlier candidate, and one whose candidates a too-common fingerprint no longer links may rank one
more that had no row. Ranking every article sharing a fingerprint with the new ones again costs
about as much as a rebuild where rare fingerprints are shared widely (synthetic text, 10,000 +
1,000 articles: 17 of 2,703 rows differ from a rebuild, all 'none', 11 of them the first kind;
PolNeAR imported in parts: none).
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import re
import sys
import threading
import unicodedata
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, filterfalse
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from functools import cached_property
from typing import Any

import sqlite_utils

from db import database_file, open_db
from db.bulk import bulk_stage
from provenance.counts import counted
from provenance.models import WIRE_KINDS
from provenance.workers import fork_server_started, process_pool

LOGGER = logging.getLogger(__name__)

SENTENCE_MIN_CHARS = 32  # a sentence this long counts in `shared_sentences`
WINNOW_WINDOW = 4  # hashes per winnowing window: a shared run of 5+ content words is indexed
SHORT_TEXT_SHINGLES = 40  # a text with no more shingles keeps them all (a brief shares short runs)
MAX_POSTINGS = 200  # a fingerprint held by more articles is boilerplate: it links nothing
PROBES = 32  # an article's rarest shared fingerprints that look for its candidates
MIN_SHARED_FINGERPRINTS = 2  # shared probes that make two articles a candidate pair
MIN_FINGERPRINT_SHARE = 0.05  # of the smaller article's fingerprints, shared by a candidate pair
RARE_LINK = 5  # a short text links through one fingerprint held by at most this many articles
SHORT_LINKS = 3  # ... to at most this many articles, rarest fingerprints first
MAX_CANDIDATES = 20  # candidates scored per article, those sharing the most fingerprints first
DERIVED_WEIGHT = 0.6  # weight of distinct-content-word containment against running-word share
PARTIALLY_THRESHOLD = 0.625  # a score from here is derived (partially or wholly), when the reuser adds no number ...
NEW_NUMBER_SLOPE = 0.035  # ... the bar rising by this x ln(1 + numbers the reuser has that the source lacks)
WHOLLY_BASE = 0.53  # the 'wholly' bar is WHOLLY_BASE + WHOLLY_SLOPE x ln(reuser's words) ...
WHOLLY_SLOPE = 0.06
WHOLLY_THRESHOLD = 0.95  # ... up to this: from about 1,100 words on, wholly needs 0.95
NONE_ROW_FLOOR = 0.5  # a 'none' pair scoring below this is not stored (keeps the table small)
SIZE_RATIO = 8  # a source this many times the reuser's length holds most common words by chance ...
MIN_RUN_SHARE = 0.2  # ... so the reuser is derived only with this share of its words in shared runs
RUN_WORDS = 3  # ... of this many words
LATE_DAYS = 3  # a reuser printed more than this many days after its source (past a weekend's delay) ...
LATE_RUN_WORDS = 12  # ... is derived only with a shared sentence or MIN_RUN_SHARE of its words in runs this long
ECHO_MARGIN = 0.03  # a copy of a source is an echo unless it holds this much more of the reuser
SQL_BATCH = 500  # ids per `IN (...)` query
BATCH_PROFILES = 5_000  # profiles one batch of scoring may need (its articles and their candidates)
CACHE_WORDS = 3_000_000  # distinct words of the profiles kept between batches (about 80 bytes each)
_WIRE_KINDS_SQL = ", ".join(f"'{kind}'" for kind in WIRE_KINDS)  # an SQL list of the kinds whose pages are wire copy
PRECISION = 4  # decimals kept of a score, so recomputing it changes nothing
BESIDE_MIN_ARTICLES = 20_000  # reuse of this many articles is worked out on a worker beside the other stages
SHARED_CHUNKS = 8  # parts of a stage of a shared update, which the worker and this process take from either end ...
SHARED_CHUNK_MIN = 100  # ... of at least this many lists to rank or pairs to score

# What the scoring rules make of the same texts, recorded in the database (`code_versions`, row 'reuse') by every
# full trace and the first import of a database with no reuse rows: a database recorded at another, or holding rows
# made before it was recorded (0), is traced whole again by its next import, crawl or trace
# (`pipeline.full_trace_due`), which also empties `reuse_misses`. Bump it with every change to a pair's score,
# verdict or direction, or to which pairs are stored.
# 1: the rules as of migration 18 (misses kept in `reuse_misses`).
# 2: an update forgets the misses of pairs no list holds any longer (a new article pushed each side's other out of
# its list), as a rebuild keeps none of them; the stale misses an older update left go with the full trace.
# 3: a derived pair printed more than LATE_DAYS after its source needs a shared sentence or MIN_RUN_SHARE in runs of
# LATE_RUN_WORDS, else none (head23: the 10 briefs 5-101 days after live blogs; METER's verdicts unchanged).
# 4: the derived bar starts at 0.625 and rises with the numbers the reuser has that the source lacks (its own
# reporting: sums, ages, counts), NEW_NUMBER_SLOPE x ln(1 + them); METER binary 0.775 -> 0.790.
REUSE_VERSION = 4

_WORD = re.compile(r"[^\W_]+")
# Words, and sentence ends: . ! ? before white space or the end (closing quotes and brackets
# may come between), or a line break.
_TOKEN = re.compile(r"[^\W_]+|[.!?](?=[\"'\u201d\u2019)\]]*(?:\s|$))|\n")
_SENTENCE_ENDS = frozenset(".!?\n")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A number as printed: digits with their separators ("250,000", "7.30"), read as one value.
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Number words read as the value they name ("four" is "4"); "one" is mostly a pronoun.
NUMBER_WORDS = {
    word: str(value)
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
    if value > 1
} | {"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80", "ninety": "90"}
UNKNOWN_TIME = ("9999-99-99", 2, "")
_SIGN64 = 1 << 63

# English function words: shingles skip them, so a rewrite that changes only them still matches.
STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    out over own same she should so some such than that the their theirs them themselves then
    there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours mr mrs ms said says told also s t""".split()
)


# --- fingerprints -------------------------------------------------------------------------


def tokenize(text: str) -> list[str]:
    """The words of `text`, NFKC-normalised and casefolded, without punctuation."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def tokenize_sentences(text: str) -> list[list[str]]:
    """The words of `text` as `tokenize` gives them, sentence by sentence."""
    sentences: list[list[str]] = []
    current: list[str] = []
    for token in _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold()):
        if token in _SENTENCE_ENDS:
            if current:
                sentences.append(current)
                current = []
        else:
            current.append(token)
    if current:
        sentences.append(current)
    return sentences


def _signed(value: int) -> int:
    """An unsigned 64-bit value as a signed one (SQLite INTEGER)."""
    return value - (1 << 64) if value & _SIGN64 else value


def _hash64(text: str, person: bytes) -> int:
    """A stable signed 64-bit hash (Python's own str hash is salted per process)."""
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8, person=person).digest()
    return _signed(int.from_bytes(digest, "little"))


_WORD_CODES: dict[str, int] = {}  # word -> stable 64-bit code, shared by all calls
_WORD_CODES_LIMIT = 1 << 20
_MIX = 0x9E3779B97F4A7C15  # odd 64-bit constant (golden ratio): spreads a code before xor
_MASK64 = (1 << 64) - 1


def _word_code(word: str) -> int:
    """A stable unsigned 64-bit code of one word (cached: vocabularies repeat)."""
    code = _WORD_CODES.get(word)
    if code is None:
        if len(_WORD_CODES) >= _WORD_CODES_LIMIT:
            _WORD_CODES.clear()
        digest = hashlib.blake2b(word.encode("utf-8"), digest_size=8, person=b"word").digest()
        code = _WORD_CODES[word] = int.from_bytes(digest, "little")
    return code


def sentence_hashes(text: str) -> set[int]:
    """Hashes of the normalised sentences of `text` that have SENTENCE_MIN_CHARS+ characters."""
    return _hash_sentences(tokenize_sentences(text))


def _hash_sentences(sentences: Iterable[list[str]]) -> set[int]:
    """Hashes of the tokenised sentences that have SENTENCE_MIN_CHARS+ characters."""
    hashes = set()
    for words in sentences:
        normalised = " ".join(words)
        if len(normalised) >= SENTENCE_MIN_CHARS:
            hashes.add(_hash64(normalised, b"sentence"))
    return hashes


def shingle_hashes(words: Sequence[str]) -> list[int]:
    """Unsigned 64-bit hashes of each pair of consecutive content words, in order."""
    known = _WORD_CODES.get  # the cache read inline: a call per word cost a fifth of fingerprinting
    codes = [code if (code := known(word)) is not None else _word_code(word) for word in words if word not in STOPWORDS]
    return [((first * _MIX) & _MASK64) ^ second for first, second in zip(codes, codes[1:])]


def winnow(hashes: Sequence[int], window: int | None = None) -> set[int]:
    """The minimum of every `window` (default WINNOW_WINDOW) consecutive hashes (Schleimer 2003)."""
    window = window or WINNOW_WINDOW
    if len(hashes) <= window:
        return {min(hashes)} if hashes else set()
    return set(map(min, *(hashes[offset:] for offset in range(window))))


def fingerprint_text(text: str) -> list[int]:
    """The reuse-index hashes of `text` (signed 64-bit): winnowed consecutive content-word pairs.

    A short text (SHORT_TEXT_SHINGLES or fewer) keeps every pair: a news brief rewrites its source
    and shares only short runs with it, which winnowing on both sides would mostly miss.
    """
    hashes = shingle_hashes(tokenize(text))
    kept = set(hashes) if len(hashes) <= SHORT_TEXT_SHINGLES else winnow(hashes)
    return sorted(_signed(value) for value in kept)


# --- scoring a pair -----------------------------------------------------------------------


@dataclass
class Profile:
    """What scoring needs of one article, computed once per round and kept small: thousands are held.

    A 750-word article's profile is about 25 KB (94 KB when it also kept its words sentence by
    sentence): words are interned, so profiles share them.
    """

    id: int
    time_key: str | None
    word_counts: dict[str, int]  # each distinct word and how often it occurs
    content: tuple[str, ...]  # the distinct words other than function words (all, when none)
    sentences: frozenset[int]  # hashes of the long sentences (`sentence_hashes`)
    length: int  # words in all
    numbers: frozenset[str] = frozenset()  # the values of the numbers it prints (`numbers_of`)
    wire: bool = False  # published by a wire service or news agency
    url: str = ""  # the article's URL: of two printings alike in time and wording, the one sorting first is the source

    @cached_property
    def when(self) -> tuple[str, int, str]:
        """Its place in time (`time_order`)."""
        return time_order(self.time_key)

    @cached_property
    def order(self) -> tuple[tuple[str, int, str], bool]:
        """Its place among printings: by time; at the same time, a wire's copy comes first."""
        return self.when, not self.wire


@dataclass(frozen=True)
class ReuseRow:
    """One `article_reuse` row: `article_id` reuses `source_article_id`."""

    article_id: int
    source_article_id: int
    containment: float
    verdict: str
    shared_sentences: int


def profile_text(
    article_id: int, text: str, time_key: str | None = None, wire: bool = False, url: str = ""
) -> Profile:
    """The scoring profile of one article's text."""
    sentences = tokenize_sentences(text or "")
    intern = sys.intern
    counts = {intern(word): count for word, count in Counter(chain.from_iterable(sentences)).items()}
    return Profile(
        id=article_id,
        time_key=time_key,
        word_counts=counts,
        content=tuple(word for word in counts if word not in STOPWORDS) or tuple(counts),
        sentences=frozenset(_hash_sentences(sentences)),
        length=sum(counts.values()),
        numbers=numbers_of(text or "", counts),
        wire=wire,
        url=url,
    )


def numbers_of(text: str, words: Iterable[str] | None = None) -> frozenset[str]:
    """The values of the numbers `text` prints: "250,000" is 250000, "four" is 4 (`words`: its tokens, if at hand)."""
    found = {value.replace(",", "") for value in _NUMBER.findall(text)}
    named = NUMBER_WORDS.keys() & (set(tokenize(text)) if words is None else words)
    return frozenset(found.union(NUMBER_WORDS[word] for word in named))


def score_containment(reuser: Profile, source: Profile) -> float:
    """How much of `reuser`'s wording is found in `source` (0..1)."""
    if not reuser.length:
        return 0.0
    found = source.word_counts.keys()
    share_distinct = len(found & reuser.content) / len(reuser.content)
    running = sum(map(reuser.word_counts.__getitem__, reuser.word_counts.keys() & found))
    score = DERIVED_WEIGHT * share_distinct + (1 - DERIVED_WEIGHT) * running / reuser.length
    return round(score, PRECISION)


def wholly_threshold(words: int, *, base: float = WHOLLY_BASE, slope: float = WHOLLY_SLOPE,
                     cap: float = WHOLLY_THRESHOLD) -> float:
    """The score from which a derived text of this many words is wholly derived (other constants: a rule being tuned)."""
    return min(cap, base + slope * math.log(max(words, 1)))


def describe_wholly_threshold() -> str:
    """The 'wholly' bar in words, for pages that explain the verdicts."""
    return f"min({WHOLLY_THRESHOLD}, {WHOLLY_BASE} + {WHOLLY_SLOPE} \u00d7 ln(words of the reuser))"


def derived_threshold(new_numbers: int, *, partially: float = PARTIALLY_THRESHOLD,
                      numbers: float = NEW_NUMBER_SLOPE) -> float:
    """The score from which a reuser printing this many numbers its source lacks is derived (other constants: a
    rule being tuned)."""
    return partially + numbers * math.log1p(new_numbers)


def describe_derived_threshold() -> str:
    """The 'derived' bar in words, for pages that explain the verdicts."""
    return f"{PARTIALLY_THRESHOLD} + {NEW_NUMBER_SLOPE} \u00d7 ln(1 + numbers the reuser prints that the source lacks)"


def decide_verdict(score: float, words: int, new_numbers: int = 0, *, partially: float = PARTIALLY_THRESHOLD,
                   numbers: float = NEW_NUMBER_SLOPE, base: float = WHOLLY_BASE, slope: float = WHOLLY_SLOPE,
                   cap: float = WHOLLY_THRESHOLD) -> str:
    """wholly, partially or none for a containment score of a reuser of `words` words printing `new_numbers`
    numbers its source lacks (own reporting: a sum, an age, a count); the constants of `derived_threshold` and
    `wholly_threshold` are passed on (`provenance.evaluation.meter.VerdictRule` tunes them)."""
    if score < derived_threshold(new_numbers, partially=partially, numbers=numbers):
        return "none"
    return "wholly" if score >= wholly_threshold(words, base=base, slope=slope, cap=cap) else "partially"


def run_share(reuser: Sequence[str], source: Sequence[str], size: int = RUN_WORDS) -> float:
    """The share of the reuser's words that stand in runs of `size` words also found in the source."""
    grams = {tuple(source[i : i + size]) for i in range(len(source) - size + 1)}
    covered = bytearray(len(reuser))
    for i in range(len(reuser) - size + 1):
        if tuple(reuser[i : i + size]) in grams:
            covered[i : i + size] = b"\x01" * size
    return sum(covered) / len(reuser) if reuser else 0.0


def time_order(time_key: str | None) -> tuple[str, int, str]:
    """A sort key that orders articles in time, the same for every pair (so reuse has no cycle).

    Date-times sort by their UTC moment. A date alone sorts after the date-times of its day and an
    unknown or unreadable time after every known one: an article whose hour is not known is never
    taken for the earlier of two printings of the same day, only for the later.
    """
    text = (time_key or "").strip()
    if _DATE.match(text):
        return text, 1, ""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        return UNKNOWN_TIME
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    moment = moment.astimezone(timezone.utc)
    return moment.date().isoformat(), 0, moment.isoformat()


def compare_pair(first: Profile, second: Profile) -> ReuseRow:
    """The reuse row of two candidate articles, in the direction later-reuses-earlier.

    Of two printings at the same time, a wire's is the source; else the one more of whose
    wording the other holds (a trimmed copy reuses the fuller text); else, for the same text, the
    one whose URL sorts first (as lineage and clustering order them; ids follow import order).
    """
    if first.order == second.order:
        forward = score_containment(first, second)
        backward = score_containment(second, first)
        if (forward, first.url, first.id) < (backward, second.url, second.id):
            first, second, score = second, first, backward
        else:
            score = forward
    else:
        if first.order < second.order:
            first, second = second, first
        score = score_containment(first, second)
    shared = len(first.sentences & second.sentences) if score >= NONE_ROW_FLOOR else 0
    return ReuseRow(
        article_id=first.id,
        source_article_id=second.id,
        containment=score,
        verdict=decide_verdict(score, first.length, len(first.numbers - second.numbers)),
        shared_sentences=shared,
    )


# --- the index and the table --------------------------------------------------------------


def _batches(values: Sequence[int], size: int = SQL_BATCH) -> Iterator[Sequence[int]]:
    """`values` in slices of at most `size`."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


class _Profiles:
    """Article profiles read from the database for one round of batches, each kept while needed.

    The round's batches are known beforehand, so a profile is dropped after the last batch that
    needs it, and when those still needed hold more than `words` distinct words, the ones needed
    again latest are dropped first (Belady's rule: the fewest profiles built twice; at 100,000
    articles 40 % fewer than keeping the most recently used). The budget is in words, not
    profiles, because a long article's profile is many times a brief's.
    """

    def __init__(self, db: sqlite_utils.Database, batches: list[set[int]], words: int = CACHE_WORDS) -> None:
        self.db = db
        self.budget = words
        self.cache: dict[int, Profile] = {}
        self.held = 0  # distinct words of the cached profiles
        # article -> the batches needing it, latest first (the next one is last)
        self.uses: dict[int, list[int]] = defaultdict(list)
        for index in range(len(batches) - 1, -1, -1):
            for article_id in batches[index]:
                self.uses[article_id].append(index)

    def load(self, ids: Iterable[int]) -> dict[int, Profile]:
        """Profiles of these articles (absent ones are left out)."""
        wanted = sorted(set(ids))
        missing = [article_id for article_id in wanted if article_id not in self.cache]
        for batch in _batches(missing):
            marks = ",".join("?" * len(batch))
            rows = self.db.execute(
                f"select a.id, a.text, a.time_key, coalesce(o.kind in ({_WIRE_KINDS_SQL}), 0), a.url from articles a "
                f"left join outlets o on o.id = a.outlet_id where a.id in ({marks})",
                list(batch),
            )
            for article_id, text, time_key, wire, url in rows:
                profile = self.cache[article_id] = profile_text(article_id, text, time_key, bool(wire), url)
                self.held += len(profile.word_counts)
        return {article_id: self.cache[article_id] for article_id in wanted if article_id in self.cache}

    def done(self, ids: Iterable[int]) -> None:
        """A batch needing these articles is over: drop what no later batch needs, then the latest needed."""
        for article_id in ids:
            uses = self.uses[article_id]
            uses.pop()
            if not uses:
                self.drop(article_id)
        if self.held > self.budget:
            for article_id in sorted(self.cache, key=lambda held: self.uses[held][-1], reverse=True):
                self.drop(article_id)
                if self.held <= self.budget:
                    break

    def drop(self, article_id: int) -> None:
        """Forget one article's profile (if held) and the words it held."""
        profile = self.cache.pop(article_id, None)
        if profile is not None:
            self.held -= len(profile.word_counts)


def find_candidates(db: sqlite_utils.Database, article_ids: set[int] | None) -> set[tuple[int, int]]:
    """Pairs (smaller id, larger id) of each listed article (None: all) and its ranked candidates."""
    return _pairs(rank_candidates(db, article_ids))


def _pairs(lists: dict[int, list[int]]) -> set[tuple[int, int]]:
    """Pairs (smaller id, larger id) of each article and its ranked candidates."""
    return {(min(article, other), max(article, other)) for article, ranked in lists.items() for other in ranked}


class IndexReads:
    """What ranking has read of the index, kept for the next lists ranked in the same plan.

    The index does not change while a plan is worked out, and the lists of a shared update,
    ranked in chunks, and those of the articles pushed out of them share most fingerprints: so
    each posting, fingerprint count and URL is read once per process.
    """

    def __init__(self) -> None:
        self.postings: dict[int, list[int] | None] = {}  # hash -> its holders; None: held by one, or too many
        self.keys: dict[int, str] = {}  # hash -> its holders as listed
        self.totals: dict[int, int] = {}  # article -> fingerprints it has in the index
        self.urls: dict[int, str] = {}

    def read(self, db: sqlite_utils.Database, article_ids: set[int]) -> dict[int, list[int]]:
        """Each article's fingerprints that link it (held by 2 to MAX_POSTINGS articles), their postings read."""
        _stage_ids(db, article_ids)
        own: dict[int, list[int]] = defaultdict(list)
        for article, value in db.conn.execute(
            "select article_id, hash from article_fingerprints where article_id in (select id from temp.reuse_ids)"
        ):
            own[article].append(value)
        db.conn.execute("delete from temp.reuse_ids")
        unread = {value for hashes in own.values() for value in hashes if value not in self.postings}
        db.conn.execute("create temp table if not exists reuse_hashes (hash integer primary key)")
        db.conn.execute("delete from temp.reuse_hashes")
        db.conn.executemany("insert into temp.reuse_hashes values (?)", [(value,) for value in unread])
        for value, joined in db.conn.execute(
            "select hash, group_concat(article_id) from article_fingerprints "
            "where hash in (select hash from temp.reuse_hashes) group by hash having count(*) between 2 and ?",
            [MAX_POSTINGS],
        ):
            self.postings[value] = list(map(int, joined.split(",")))
            self.keys[value] = joined
        db.conn.execute("delete from temp.reuse_hashes")
        for value in unread:
            self.postings.setdefault(value, None)
        linking = {article: [value for value in hashes if self.postings[value] is not None] for article, hashes in own.items()}
        return {article: hashes for article, hashes in linking.items() if hashes}

    def fingerprint_counts(self, db: sqlite_utils.Database, article_ids: set[int]) -> dict[int, int]:
        """`_fingerprint_counts`, each article's read once."""
        self.totals.update(_fingerprint_counts(db, article_ids - self.totals.keys()))
        return self.totals

    def urls_of(self, db: sqlite_utils.Database, article_ids: set[int]) -> dict[int, str]:
        """`_urls`, each article's read once."""
        self.urls.update(_urls(db, article_ids - self.urls.keys()))
        return self.urls


def rank_candidates(
    db: sqlite_utils.Database, article_ids: set[int] | None, reads: IndexReads | None = None
) -> dict[int, list[int]]:
    """Each listed article's (None: every article's) MAX_CANDIDATES candidates, most shared fingerprints first.

    Each article probes the index with its PROBES rarest fingerprints that some other article
    holds (at most MAX_POSTINGS do): the cost grows with the articles, not with pairs of them.
    A list depends on the index alone, never on import order: of candidates sharing as many
    fingerprints, those whose URLs sort first are kept. `reads`: what earlier rankings of the
    same plan read of the index (and this one adds to).
    """
    conn = db.conn
    if article_ids is not None and 2 * len(article_ids) >= article_count(db):
        # Most of the database: one pass over the whole index is cheaper than looking up each.
        return {article: ranked for article, ranked in rank_candidates(db, None).items() if article in article_ids}
    if reads is not None and article_ids is not None:
        held = reads.read(db, article_ids)
        postings = reads.postings
        holder_keys = reads.keys
        relevant = {value for hashes in held.values() for value in hashes}
    else:
        reads = IndexReads()
        if article_ids is None:
            where = ""
        else:
            _stage_ids(db, article_ids)
            where = (
                "where hash in (select hash from article_fingerprints "
                "where article_id in (select id from temp.reuse_ids))"
            )
        sql = (
            f"select hash, group_concat(article_id) from article_fingerprints {where} "
            "group by hash having count(*) between 2 and ?"
        )
        postings = {}
        holder_keys = {}  # hash -> its holders as listed (same set, same text)
        held = defaultdict(list)  # article -> its shared fingerprints
        for value, joined in conn.execute(sql, [MAX_POSTINGS]):
            holders = list(map(int, joined.split(",")))
            postings[value] = holders
            holder_keys[value] = joined
            for holder in holders if article_ids is None else article_ids.intersection(holders):
                held[holder].append(value)
        if article_ids is not None:
            conn.execute("delete from temp.reuse_ids")
        relevant = postings.keys()
    # Candidates: articles sharing MIN_SHARED_FINGERPRINTS of the probes, with their overlap
    # (fingerprints shared among all of the article's shared ones).
    overlaps: dict[int, dict[int, int]] = {}
    links: dict[int, list[int]] = {}  # a short text's candidates through one rare fingerprint
    # With every article in scope, shared-hash sets give overlaps by set intersection.
    hash_sets: dict[int, set[int]] = {}
    if article_ids is None:
        hash_sets = {article: set(hashes) for article, hashes in held.items()}
    # A rare fingerprint's holders in URL order: which of them a short text links to is no matter of ids.
    urls = reads.urls_of(db, {holder for value in relevant if len(postings[value]) <= RARE_LINK for holder in postings[value]})

    rarest_first = {value: (len(postings[value]), value) for value in relevant}  # sort keys, made once
    for article, hashes in held.items():
        hashes.sort(key=rarest_first.__getitem__)
        probes = _probes(hashes, holder_keys)
        shared = Counter(chain.from_iterable(postings[value] for value in probes))
        del shared[article]
        others = [other for other, count in shared.items() if count >= MIN_SHARED_FINGERPRINTS]
        if len(hashes) <= SHORT_TEXT_SHINGLES:
            links[article] = _rare_links(article, hashes, postings, others, urls)
            others += links[article]
        if not others:
            continue
        if article_ids is None:
            mine = hash_sets[article]
            overlaps[article] = {other: len(mine & hash_sets[other]) for other in others}
        else:
            # the probes are most often every shared fingerprint: then they counted the overlaps already
            holding = shared if len(probes) == len(hashes) else Counter(chain.from_iterable(postings[value] for value in hashes))
            overlaps[article] = {other: holding[other] for other in others}
    named = {i for pair in overlaps.items() for i in (pair[0], *pair[1])}
    totals = reads.fingerprint_counts(db, named)
    urls = reads.urls_of(db, named)
    ranked_lists: dict[int, list[int]] = {}
    for article, found in overlaps.items():
        mine = totals.get(article, 0)
        linked = links.get(article, ())
        ranked = sorted(
            (
                other
                for other, overlap in found.items()
                if (
                    overlap >= MIN_SHARED_FINGERPRINTS
                    and overlap >= MIN_FINGERPRINT_SHARE * min(mine, totals.get(other, 0))
                )
                or (other in linked and _linked_enough(mine, totals.get(other, 0)))
            ),
            key=lambda other: (-found[other], urls.get(other, ""), other),
        )
        if ranked:
            ranked_lists[article] = ranked[:MAX_CANDIDATES]
    return ranked_lists


def revisited_articles(db: sqlite_utils.Database, article_ids: set[int], reads: IndexReads | None = None) -> set[int]:
    """The other articles whose candidate lists these (new) articles may enter, found through the index.

    A new article can be an earlier one's candidate only when they share MIN_SHARED_FINGERPRINTS
    linking fingerprints (held by at most MAX_POSTINGS) and MIN_FINGERPRINT_SHARE of the smaller
    one's, or when the earlier one is a short text sharing a fingerprint held by at most RARE_LINK
    articles with a long one (`_rare_links`). Its list is ranked again: the new articles may push
    earlier candidates out of it.

    `reads`: what ranking the new articles' lists next will read (`IndexReads`), kept from what this
    reads of the index (the postings of every fingerprint of theirs, the fingerprint counts).
    """
    # Only a fingerprint some earlier article holds can link a new article to one, so the index is
    # read from the smaller side: the new articles' fingerprints, or the earlier articles' (a first
    # import of everything reads nothing).
    # counted, not listed: an update of a large database reads from the new side, and listing every id cost
    # more than the rest of this above 100,000 articles
    _stage_ids(db, article_ids)
    listed = db.conn.execute("select count(*) from articles where id in (select id from temp.reuse_ids)").fetchone()[0]
    earlier_count = article_count(db) - listed
    if not earlier_count:
        return set()
    new_side = len(article_ids) <= earlier_count
    if not new_side:
        _stage_ids(db, [row[0] for row in db.conn.execute(
            "select id from articles where id not in (select id from temp.reuse_ids)"
        )])
    shared: dict[int, Counter[int]] = defaultdict(Counter)  # new article -> earlier ones and their shared fingerprints
    rare: dict[int, set[int]] = defaultdict(set)  # new article -> earlier ones sharing a rare fingerprint
    silenced: list[set[int]] = []  # earlier holders of fingerprints the new articles make too common to link
    postings: dict[int, tuple[list[int], str] | None] = {}  # the new articles' fingerprints: holders, or None: links nothing
    for value, joined in db.conn.execute(
        "select hash, group_concat(article_id) from article_fingerprints "
        "where hash in (select hash from article_fingerprints where article_id in (select id from temp.reuse_ids)) "
        "group by hash having count(*) between 2 and ?",
        [MAX_POSTINGS + len(article_ids)],  # beyond that a fingerprint linked nothing before either
    ):
        holders = list(map(int, joined.split(",")))
        postings[value] = (holders, joined) if len(holders) <= MAX_POSTINGS else None
        earlier = list(filterfalse(article_ids.__contains__, holders))
        if len(holders) > MAX_POSTINGS:
            if 2 <= len(earlier) <= MAX_POSTINGS:
                silenced.append(set(earlier))
            continue
        for holder in article_ids.intersection(holders):
            shared[holder].update(earlier)
            if len(holders) <= RARE_LINK:
                rare[holder].update(earlier)
    if reads is not None and new_side:
        # the others held by one article, or by more than linking allows (the query left them out)
        unlinked = db.conn.execute(
            "select distinct hash from article_fingerprints where article_id in (select id from temp.reuse_ids)"
        )
        reads.postings.update((value, None) for (value,) in unlinked if value not in postings)
        for value, linking in postings.items():
            reads.postings[value] = None if linking is None else linking[0]
            if linking is not None:
                reads.keys[value] = linking[1]
    db.conn.execute("delete from temp.reuse_ids")
    wanted = (
        set(shared) | {other for found in shared.values() for other, count in found.items() if count >= MIN_SHARED_FINGERPRINTS}
        | {other for found in rare.values() for other in found}
    )
    totals = _fingerprint_counts(db, wanted) if reads is None else reads.fingerprint_counts(db, wanted)
    revisited: set[int] = set()
    for article, found in shared.items():
        mine = totals.get(article, 0)
        revisited.update(
            other for other, count in found.items()
            if count >= MIN_SHARED_FINGERPRINTS and count >= MIN_FINGERPRINT_SHARE * min(mine, totals.get(other, 0))
        )
        revisited.update(other for other in rare.get(article, ()) if _linked_enough(totals.get(other, 0), mine))
    # pairs of earlier articles that a silenced fingerprint linked may leave their lists: those with rows, and those
    # with misses (whose miss goes once neither ranks the other)
    holding: dict[int, set[int]] = defaultdict(set)  # earlier article -> the silenced fingerprints (numbered) it holds
    for number, holders in enumerate(silenced):
        for holder in holders:
            holding[holder].add(number)
    for reuser, source in [*_stored_rows(db, set(holding), side="reuser"), *stored_misses(db, set(holding))]:
        if not holding[reuser].isdisjoint(holding.get(source, ())):
            revisited.update((reuser, source))
    return revisited


def _stage_ids(db: sqlite_utils.Database, article_ids: Iterable[int]) -> None:
    """Put these ids in the temporary table `reuse_ids` (emptied first)."""
    db.conn.execute("create temp table if not exists reuse_ids (id integer primary key)")
    db.conn.execute("delete from temp.reuse_ids")
    db.conn.executemany("insert into temp.reuse_ids values (?)", [(i,) for i in article_ids])


def _urls(db: sqlite_utils.Database, article_ids: set[int]) -> dict[int, str]:
    """The URL of each of these articles."""
    urls: dict[int, str] = {}
    for batch in _batches(sorted(article_ids)):
        marks = ",".join("?" * len(batch))
        urls.update(db.execute(f"select id, coalesce(url, '') from articles where id in ({marks})", list(batch)).fetchall())
    return urls


def _linked_enough(short_total: int, other_total: int) -> bool:
    """Whether one rare shared fingerprint suffices: a short text against a long, winnowed one.

    The short text keeps every pair, the long one about 2/(WINNOW_WINDOW + 1) of them, so a brief
    rewriting a wire story may share a single indexed fingerprint with it. Two short texts (or
    two long ones) keep alike: the usual filters decide.
    """
    return short_total <= SHORT_TEXT_SHINGLES < other_total


def _rare_links(
    article: int, hashes: list[int], postings: dict[int, list[int]], found: list[int], urls: dict[int, str]
) -> list[int]:
    """Up to SHORT_LINKS more candidates of a short text: holders of its rarest fingerprints.

    A short text keeps every pair while a long source is winnowed, so a brief rewriting a wire
    story may share a single indexed fingerprint with it; one held by at most RARE_LINK
    articles is evidence enough to score the pair (whether the text is short is checked later).
    """
    known = {article, *found}
    links: list[int] = []
    for value in hashes:
        if len(postings[value]) > RARE_LINK or len(links) >= SHORT_LINKS:
            break
        for holder in sorted(postings[value], key=lambda holder: (urls.get(holder, ""), holder)):
            if holder not in known:
                known.add(holder)
                links.append(holder)
    return links[:SHORT_LINKS]


def _probes(hashes: list[int], holder_keys: dict[int, str]) -> list[int]:
    """Up to PROBES of an article's shared fingerprints, rarest first, holders varied.

    Fingerprints held by the same articles say the same thing: past MIN_SHARED_FINGERPRINTS of
    them, a near-duplicate would spend every probe and hide the article's other sources.
    """
    first = hashes[:PROBES]
    keys = list(map(holder_keys.__getitem__, first))
    if len(set(keys)) == len(keys) or max(Counter(keys).values()) <= MIN_SHARED_FINGERPRINTS:
        return first  # the common case: the rarest ones are varied already
    probes: list[int] = []
    seen: Counter[str] = Counter()
    for value in hashes:
        key = holder_keys[value]
        if seen[key] >= MIN_SHARED_FINGERPRINTS:
            continue
        seen[key] += 1
        probes.append(value)
        if len(probes) >= PROBES:
            break
    return probes


def article_count(db: sqlite_utils.Database) -> int:
    """How many articles the database holds."""
    return db.execute("select count(*) from articles").fetchone()[0]


def _fingerprint_counts(db: sqlite_utils.Database, article_ids: set[int]) -> dict[int, int]:
    """How many fingerprints each of these articles has in the index."""
    counts: dict[int, int] = {}
    for batch in _batches(sorted(article_ids)):
        marks = ",".join("?" * len(batch))
        counts.update(
            db.execute(
                "select article_id, count(*) from article_fingerprints "
                f"where article_id in ({marks}) group by article_id",
                list(batch),
            ).fetchall()
        )
    return counts


def score_pairs(db: sqlite_utils.Database, pairs: Iterable[tuple[int, int]]) -> dict[tuple[int, int], ReuseRow]:
    """Reuse rows of candidate pairs, keyed by (article_id, source_article_id)."""
    by_first: dict[int, list[int]] = defaultdict(list)
    for first, second in sorted(pairs):
        by_first[first].append(second)
    rows: dict[tuple[int, int], ReuseRow] = {}
    # Articles in id order, a slice at a time: a story's articles are near each other in id.
    batches: list[tuple[list[int], set[int]]] = [([], set())]
    for first in sorted(by_first):
        firsts, needed = batches[-1]
        if firsts and len(needed) + 1 + len(by_first[first]) > BATCH_PROFILES:
            firsts, needed = [], set()
            batches.append((firsts, needed))
        firsts.append(first)
        needed.add(first)
        needed.update(by_first[first])
    profiles = _Profiles(db, [needed for _, needed in batches])
    # derived pairs to check for shared runs, and the run lengths each needs (`_without_runs`)
    run_checks: dict[tuple[int, int], list[int]] = defaultdict(list)
    for firsts, needed in batches:
        loaded = profiles.load(needed)
        for first in firsts:
            if first not in loaded:
                continue
            for second in by_first[first]:
                if second not in loaded:
                    continue
                row = compare_pair(loaded[first], loaded[second])
                if row.verdict == "none" and row.containment < NONE_ROW_FLOOR:
                    continue
                pair = (row.article_id, row.source_article_id)
                rows[pair] = row
                if row.verdict == "none":
                    continue
                reuser, source = loaded[row.article_id], loaded[row.source_article_id]
                if source.length >= SIZE_RATIO * reuser.length:
                    run_checks[pair].append(RUN_WORDS)
                if not row.shared_sentences and days_apart(reuser.when, source.when) > LATE_DAYS:
                    run_checks[pair].append(LATE_RUN_WORDS)
        profiles.done(needed)
    for pair in _without_runs(db, run_checks):
        rows[pair] = replace(rows[pair], verdict="none")
    return rows


def days_apart(later: tuple[str, int, str], earlier: tuple[str, int, str]) -> int:
    """Calendar days from one `time_order` key's date to the other's; 0 when either time is unknown.

    An unknown time sorts after every known one without being late: the gap is not measured, so
    it asks for no more evidence than a printing of the same day.
    """
    try:
        return (date.fromisoformat(later[0]) - date.fromisoformat(earlier[0])).days
    except ValueError:
        return 0


def _without_runs(db: sqlite_utils.Database, checks: dict[tuple[int, int], list[int]]) -> list[tuple[int, int]]:
    """The pairs whose reuser has less than MIN_RUN_SHARE of its words in runs, of any length asked, found in its source."""
    words: dict[int, list[str]] = {}
    for batch in _batches(sorted({side for pair in checks for side in pair})):
        marks = ",".join("?" * len(batch))
        for article_id, text in db.execute(f"select id, text from articles where id in ({marks})", list(batch)):
            words[article_id] = tokenize(text or "")
    return [
        (reuser, source) for (reuser, source), sizes in checks.items()
        if any(run_share(words.get(reuser, ()), words.get(source, ()), size) < MIN_RUN_SHARE for size in sizes)
    ]


Stored = dict[tuple[int, int], tuple[ReuseRow, bool]]  # (reuser, source) -> its row and whether it is an echo


def _stored_rows(db: sqlite_utils.Database, article_ids: Iterable[int], *, side: str) -> Stored:
    """The rows of `article_reuse` and `reuse_echoes` whose reuser, source or either ('reuser', 'source', 'either') is listed."""
    columns = {"reuser": ["article_id"], "source": ["source_article_id"], "either": ["article_id", "source_article_id"]}[side]
    found: Stored = {}
    for batch in _batches(sorted(set(article_ids))):
        marks = ",".join("?" * len(batch))
        where = " or ".join(f"{column} in ({marks})" for column in columns)
        for table, echo in (("article_reuse", False), ("reuse_echoes", True)):
            for row in db.execute(
                "select article_id, source_article_id, containment, verdict, shared_sentences "
                f"from {table} where {where}",
                list(batch) * len(columns),
            ):
                found[(row[0], row[1])] = (ReuseRow(*row), echo)
    return found


def _missed(scored: set[tuple[int, int]], rows: dict[tuple[int, int], ReuseRow]) -> list[tuple[int, int]]:
    """The scored pairs (smaller id, larger) that got no row, in order: under the floor of one."""
    return sorted(scored - {(min(pair), max(pair)) for pair in rows})


def stored_misses(db: sqlite_utils.Database, article_ids: Iterable[int]) -> set[tuple[int, int]]:
    """The pairs (smaller id, larger) in `reuse_misses` that hold one of these articles."""
    found: set[tuple[int, int]] = set()
    for batch in _batches(sorted(set(article_ids))):
        marks = ",".join("?" * len(batch))
        found.update(
            db.execute(
                f"select article_id, other_article_id from reuse_misses where article_id in ({marks}) "
                f"union all select article_id, other_article_id from reuse_misses where other_article_id in ({marks})",
                list(batch) * 2,
            ).fetchall()
        )
    return found


def find_echoes(rows: dict[tuple[int, int], ReuseRow]) -> set[tuple[int, int]]:
    """Rows (X, C) where C itself reuses another source S of X that holds as much of X.

    X took the text from S, not from C's copy of it: of equal sources the earliest is kept
    (within ECHO_MARGIN of containment). A copy that holds more of X than S does is kept.
    """
    sources: dict[int, dict[int, float]] = defaultdict(dict)
    for (reuser, source), row in rows.items():
        if row.verdict != "none":
            sources[reuser][source] = row.containment
    echoes = set()
    for reuser, found in sources.items():
        for copy, copy_score in found.items():
            for source, score in found.items():
                if source != copy and score >= copy_score - ECHO_MARGIN and source in sources.get(copy, ()):
                    echoes.add((reuser, copy))
                    break
    return echoes


def _write_rows(
    db: sqlite_utils.Database,
    deleted: Iterable[tuple[int, int]],
    rows: Iterable[tuple[ReuseRow, bool]],
    misses: Iterable[tuple[int, int]] = (),
    rescored: Sequence[int] = (),
    forgotten: Iterable[tuple[int, int]] = (),
) -> None:
    """In one transaction: delete these pairs, insert these rows (into `reuse_echoes` when an echo), forget the
    misses of the rescored articles and the forgotten pairs, and keep these misses."""
    deleted = list(deleted)
    by_table: dict[str, list[tuple]] = {"article_reuse": [], "reuse_echoes": []}
    for r, echo in rows:
        by_table["reuse_echoes" if echo else "article_reuse"].append(
            (r.article_id, r.source_article_id, r.containment, r.verdict, r.shared_sentences)
        )
    with db.conn:
        for table, values in by_table.items():
            db.conn.executemany(f"delete from {table} where article_id = ? and source_article_id = ?", deleted)
            db.conn.executemany(
                f"insert or replace into {table} "
                "(article_id, source_article_id, containment, verdict, shared_sentences) values (?, ?, ?, ?, ?)",
                values,
            )
        for batch in _batches(sorted(rescored)):
            marks = ",".join("?" * len(batch))
            db.conn.execute(
                f"delete from reuse_misses where article_id in ({marks}) or other_article_id in ({marks})", list(batch) * 2
            )
        db.conn.executemany("delete from reuse_misses where article_id = ? and other_article_id = ?", forgotten)
        db.conn.executemany("insert or ignore into reuse_misses (article_id, other_article_id) values (?, ?)", misses)


@dataclass
class ReusePlan:
    """What `update_reuse` or `rebuild_reuse` writes, worked out by reading alone (so a worker can)."""

    deleted: list[tuple[int, int]]  # pairs whose rows go (from both tables), before `rows` are written
    rows: list[tuple[ReuseRow, bool]]  # rows to write, and whether each is an echo
    changed: set[int]  # articles whose `article_reuse` rows change (both sides of each changed row)
    articles: int  # articles asked for (None: a rebuild)
    revisited: int  # earlier articles ranked again
    rebuild: bool = False  # every row goes first
    misses: list[tuple[int, int]] = field(default_factory=list)  # pairs (smaller id, larger) scored below the floor
    rescored: list[int] = field(default_factory=list)  # articles whose stored misses go first (their pairs were scored)
    forgotten: list[tuple[int, int]] = field(default_factory=list)  # stored misses of pairs no longer candidates


def update_reuse(db: sqlite_utils.Database, article_ids: Iterable[int]) -> set[int]:
    """Recompute the reuse rows of these articles, and of the others whose candidates they change.

    The rows come out as `rebuild_reuse` makes them, whatever the order articles came in (but for
    the two cases the module doc names): every pair touching these articles or the earlier ones
    whose candidate lists they can enter (`revisited_articles`) is kept when either side ranks the
    other among its candidates, scored unless two earlier articles already had their row, and
    their other stored rows go when neither side does any longer (new articles push them out).
    Echoes are decided again for every reuser of a changed derived pair and every article reusing
    such a reuser, on rows that include the echoes kept in `reuse_echoes`, as a rebuild sees them.
    Returns the ids of articles whose `article_reuse` rows changed (both sides of each changed row).
    """
    return apply_plan(db, plan_update(db, article_ids))


def plan_update(
    db: sqlite_utils.Database,
    article_ids: Iterable[int],
    ranked: tuple[set[int], dict[int, list[int]]] | None = None,
    shared: _Shared | None = None,
) -> ReusePlan:
    """The writes `update_reuse` makes for these articles, found by reading the database alone.

    `ranked`: the earlier articles these send back to their candidate lists, and the lists of both,
    when they were ranked already (`ReuseBeside`, with its worker); `shared`: the worker that ranks
    and scores what is left with this process.
    """
    rank = rank_candidates if shared is None else shared.rank
    score = score_pairs if shared is None else shared.score
    ids = sorted({int(article_id) for article_id in article_ids})
    if not ids:
        return ReusePlan([], [], set(), 0, 0)
    ids_set = set(ids)
    if ranked is None:
        with bulk_stage(db):
            earlier = revisited_articles(db, ids_set)
            ranked = earlier, rank_candidates(db, ids_set | earlier)
    earlier, lists = ranked
    with bulk_stage(db):
        scope = ids_set | earlier
        stored = _stored_rows(db, scope, side="either")
        touching = set(stored)  # every pair touching the scope is decided again
        pairs = _pairs(lists)
        missed_before = stored_misses(db, scope)
        # a stored pair (a row, or a miss) the scope's lists no longer hold stays while its other side ranks it
        # among its own
        dropped = {
            side for pair in [*stored, *missed_before] if (min(pair), max(pair)) not in pairs for side in pair
        } - scope
        pairs |= {pair for pair in _pairs(rank(db, dropped)) if not scope.isdisjoint(pair)}
        # ... else it is no candidate pair any longer: its miss goes, as a rebuild would not score it
        forgotten = sorted(missed_before - pairs)
        # a pair of two earlier articles keeps the row it had: their texts did not change
        kept = {
            (min(pair), max(pair)): row for pair, (row, _) in stored.items()
            if (min(pair), max(pair)) in pairs and ids_set.isdisjoint(pair)
        }
        # ... and so does a pair of them compared before and found too unlike for a row
        scored = pairs - kept.keys() - {pair for pair in missed_before if ids_set.isdisjoint(pair)}
        new_rows = score(db, scored)
        misses = _missed(scored, new_rows)
        new_rows.update({(row.article_id, row.source_article_id): row for row in kept.values()})
    touching |= new_rows.keys()
    moved = {
        pair for pair in touching
        if (stored[pair][0] if pair in stored else None) != new_rows.get(pair)
        and any(row.verdict != "none" for row in (stored.get(pair, (None,))[0], new_rows.get(pair)) if row)
    }
    # Echoes may change for the reusers of moved derived pairs and for the articles reusing those reusers.
    reusers = {pair[0] for pair in moved}
    reusers |= {pair[0] for pair in _stored_rows(db, reusers, side="source")}
    stored.update(_stored_rows(db, reusers, side="reuser"))
    sources = {pair[1] for pair in stored if pair[0] in reusers} | {pair[1] for pair in new_rows if pair[0] in reusers}
    stored.update(_stored_rows(db, sources, side="reuser"))
    view = {pair: row for pair, (row, _) in stored.items() if pair not in touching}
    view.update(new_rows)
    echoes = {pair for pair in find_echoes(view) if pair[0] in reusers}
    # a pair whose reuser is not among them keeps its place (an unchanged row; a new one is 'none')
    wanted = {
        pair: (row, pair in echoes if pair[0] in reusers else stored.get(pair, (row, False))[1])
        for pair, row in view.items()
        if pair in touching or pair[0] in reusers
    }
    deleted = [pair for pair in touching if pair in stored and pair not in wanted]
    written = [(pair, state) for pair, state in wanted.items() if stored.get(pair) != state]
    listed = {pair: state[0] for pair, state in stored.items() if not state[1]}
    now = {pair: row for pair, (row, echo) in wanted.items() if not echo}
    changed = {
        side for pair in (listed.keys() | now.keys()) if (pair in touching or pair[0] in reusers) and listed.get(pair) != now.get(pair)
        for side in pair
    }
    return ReusePlan(
        deleted=deleted + [pair for pair, _ in written],
        rows=[state for _, state in written],
        changed=changed,
        articles=len(ids),
        revisited=len(scope) - len(ids),
        misses=misses,
        rescored=ids,
        forgotten=forgotten,
    )


def rebuild_reuse(db: sqlite_utils.Database) -> None:
    """Forget every reuse row and recompute all of them from the index (the echoes into `reuse_echoes`)."""
    apply_plan(db, plan_rebuild(db))


def plan_rebuild(db: sqlite_utils.Database) -> ReusePlan:
    """Every reuse row from the index, found by reading the database alone (`changed` is left empty)."""
    with bulk_stage(db):
        pairs = find_candidates(db, None)
        rows = score_pairs(db, pairs)
    echoes = find_echoes(rows)
    misses = _missed(pairs, rows)
    return ReusePlan([], [(row, pair in echoes) for pair, row in rows.items()], set(), 0, 0, rebuild=True, misses=misses)


def apply_plan(db: sqlite_utils.Database, plan: ReusePlan) -> set[int]:
    """Write a plan; the articles whose `article_reuse` rows changed."""
    if plan.rebuild:
        with db.conn:
            db.conn.execute("delete from article_reuse")
            db.conn.execute("delete from reuse_echoes")
            db.conn.execute("delete from reuse_misses")
        _write_rows(db, (), plan.rows, plan.misses)
        echoes = sum(echo for _, echo in plan.rows)
        LOGGER.info("reuse rebuilt: %s, %s", counted(len(plan.rows) - echoes, "row"), counted(echoes, "echo", "echoes"))
        return plan.changed
    _write_rows(db, plan.deleted, plan.rows, plan.misses, plan.rescored, plan.forgotten)  # commits too what staging ids began
    if plan.articles:
        LOGGER.info(
            "reuse: %s (%d revisited), %s written, %d removed",
            counted(plan.articles, "article"), plan.revisited, counted(len(plan.rows), "row"), len(plan.deleted) - len(plan.rows),
        )
    return plan.changed


class ReuseBeside:
    """`update_reuse` (or `rebuild_reuse`, for None) worked out on a worker while this process goes on.

    Reuse reads articles and the fingerprint index and writes only its own two tables, which the
    speaker and clustering stages never read nor write: so for BESIDE_MIN_ARTICLES articles or more
    (or any update of a database that large, when the fork server runs already), a worker reads the
    committed database file (WAL: this process's commits do not block it) and works out the plan
    while this process places speakers and clusters quotes, and `finish` writes it, as
    `update_reuse` would have. The rows are the same. Where no worker can help (one core, a
    database in memory, a transaction open, a journal that is not WAL, fewer articles) or the worker
    fails, `finish` does the work here.

    An update of fewer articles than the database held is shared (`split`): the worker finds the
    earlier articles they send back to their candidate lists, ranks the new articles' lists and
    then the earlier articles' (queued at once, so it need not wait for this process), and once
    this process has placed speakers and clustered quotes, the two share what of that is left,
    then rank the lists of articles pushed out of them, then score the pairs, in chunks
    (`_Shared`); this process works the rest of the plan out from them.
    """

    def __init__(self, db: sqlite_utils.Database, article_ids: Iterable[int] | None) -> None:
        self.db = db
        self.ids = None if article_ids is None else sorted({int(article_id) for article_id in article_ids})
        self.pool = self.future = self.shared = None
        self.new_lists: list[tuple[Future | None, list]] = []  # a shared update's first chunks: the new articles' lists
        self.earlier_lists: list[Future] = []  # ... then the earlier articles' lists, by their place among the chunks
        articles = article_count(db)
        count = articles if self.ids is None else len(self.ids)
        path = database_file(db)
        # an update of a large database too, when a worker can start at once (`pipeline.warm_workers`)
        warm = bool(self.ids) and count < BESIDE_MIN_ARTICLES and fork_server_started()
        if (
            (count >= BESIDE_MIN_ARTICLES or (warm and articles >= BESIDE_MIN_ARTICLES))
            and (os.cpu_count() or 1) > 1
            and path
            and not db.conn.in_transaction
            and db.conn.execute("pragma journal_mode").fetchone()[0].lower() == "wal"
        ):
            self.pool = _worker_pool()
            if self.ids is not None and 2 * len(self.ids) < articles:
                self.shared = _Shared(self.pool, path)
                self.future = self.pool.submit(_revisited_on_worker, self.shared.plan, self.ids)
                self.new_lists = self.shared.submit(_rank_on_worker, _chunks(self.ids))
                # which earlier articles come back is known on the worker first: it ranks them by part (`_chunks`)
                self.earlier_lists = [
                    self.pool.submit(_rank_revisited_on_worker, self.shared.plan, part) for part in range(SHARED_CHUNKS)
                ]
            else:
                self.future = self.pool.submit(_plan_on_worker, path, self.ids)

    @property
    def beside(self) -> bool:
        """Whether a worker is working the plan out."""
        return self.future is not None

    @property
    def split(self) -> bool:
        """Whether the plan is shared between the worker and this process."""
        return self.shared is not None

    def __enter__(self) -> "ReuseBeside":
        return self

    def __exit__(self, *exc_info: object) -> None:
        """Leaving without `finish` (an error in the other stages): let the worker go, write nothing."""
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self.future = self.shared = None

    def finish(self) -> set[int]:
        """Write the plan (working it out here if no worker did); the articles whose rows changed."""
        plan = None
        if self.shared is not None:
            try:
                plan = self._shared_plan()
            finally:
                self.pool.shutdown()
                self.pool = self.future = self.shared = None
        elif self.future is not None:
            try:
                plan = self.future.result()
            except Exception as error:  # a worker lost or failed: the work is done here instead
                LOGGER.warning("the reuse worker failed (%s: %s); working reuse out here", type(error).__name__, error)
            finally:
                self.pool.shutdown()
                self.pool = self.future = None
        if plan is None:
            plan = plan_rebuild(self.db) if self.ids is None else plan_update(self.db, self.ids)
        return apply_plan(self.db, plan)

    def _shared_plan(self) -> ReusePlan:
        """The plan of a shared update: what the worker began, and the rest in chunks with it."""
        ids = set(self.ids)
        with bulk_stage(self.db):
            revisited = self.shared.result(self.future, lambda: revisited_articles(self.db, ids, self.shared.reads))
            lists = self.shared.gather(self.new_lists, lambda chunk: self.shared.rank_here(self.db, chunk))
            chunks = _chunks(sorted(revisited))
            for future in self.earlier_lists[len(chunks):]:
                future.cancel()  # parts beyond the last chunk: nothing to rank (a worker that began one finds none)
            queued = list(zip(self.earlier_lists, chunks))
            lists.update(self.shared.gather(queued, lambda chunk: self.shared.rank_here(self.db, chunk)))
        return plan_update(self.db, self.ids, (revisited, lists), self.shared)


class _Shared:
    """A stage's work in chunks queued for the reuse worker; those it has not begun when this process asks are done here.

    Each candidate list is ranked alone and each pair scored alone, so the chunks give what the
    whole does wherever each is done. The worker takes chunks from the front of the queue, this
    process from the end, until they meet; a chunk the worker failed is done here. Each side keeps
    what it read of the index for its next chunks (`IndexReads`).
    """

    def __init__(self, pool: ProcessPoolExecutor, path: str) -> None:
        self.pool = pool
        self.plan = (path, uuid.uuid4().hex)  # the worker's reads are this plan's alone
        self.reads = IndexReads()
        self.failed = False  # the worker failed once: the rest is done here

    def submit(self, task: Callable[[tuple[str, str], list], Any], chunks: list[list]) -> list[tuple[Future | None, list]]:
        """Queue the chunks for the worker (none, once it failed)."""
        return [(None if self.failed else self.pool.submit(task, self.plan, chunk), chunk) for chunk in chunks]

    def gather(self, queued: list[tuple[Future | None, list]], here: Callable[[list], dict]) -> dict:
        """Every chunk's result: those the worker has not begun taken back and done here, the last first."""
        found: dict = {}
        for future, chunk in reversed(queued):
            if future is not None and not future.cancel():
                break  # the worker has begun this one, so every one before it too
            found.update(here(chunk))
        for future, chunk in queued:
            if future is not None and not future.cancelled():
                found.update(self.result(future, lambda: here(chunk)))
        return found

    def result(self, future: Future, here: Callable[[], Any]) -> Any:
        """What the worker sent back; if it failed, `here()`."""
        try:
            return future.result()
        except Exception as error:
            if not self.failed:
                LOGGER.warning("the reuse worker failed (%s: %s); doing its part here", type(error).__name__, error)
                self.failed = True
            return here()

    def rank_here(self, db: sqlite_utils.Database, article_ids: Iterable[int]) -> dict[int, list[int]]:
        """`rank_candidates` in this process, with what it read before."""
        return rank_candidates(db, set(article_ids), self.reads)

    def rank(self, db: sqlite_utils.Database, article_ids: set[int]) -> dict[int, list[int]]:
        """`rank_candidates` for these articles."""
        queued = self.submit(_rank_on_worker, _chunks(sorted(article_ids)))
        return self.gather(queued, lambda chunk: self.rank_here(db, chunk))

    def score(self, db: sqlite_utils.Database, pairs: Iterable[tuple[int, int]]) -> dict[tuple[int, int], ReuseRow]:
        """`score_pairs` for these pairs (a story's pairs stay together: chunks follow `_linked_order`)."""
        queued = self.submit(_score_on_worker, _chunks(_linked_order(pairs)))
        return self.gather(queued, lambda chunk: score_pairs(db, chunk))


def _linked_order(pairs: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pairs sorted, but those linked through their articles (a story's) together, by their group's smallest id.

    Each chunk of scoring builds the profiles of its articles again: in id order, a new article (the
    largest ids) paired with earlier ones of its story far apart in id had its profile built in
    several chunks, on both processes (4,551 profiles built for 3,028 articles in the +1,000 step;
    3,078 in this order).
    """
    ordered = sorted(pairs)
    parent: dict[int, int] = {}

    def root(article: int) -> int:
        parent.setdefault(article, article)
        while parent[article] != article:
            parent[article] = parent[parent[article]]
            article = parent[article]
        return article

    for first, second in ordered:
        one, other = root(first), root(second)
        if one != other:
            parent[max(one, other)] = min(one, other)
    groups: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for pair in ordered:
        groups[root(pair[0])].append(pair)
    return [pair for group in sorted(groups) for pair in groups[group]]


def _chunks(items: list) -> list[list]:
    """The items in at most SHARED_CHUNKS runs of at least SHARED_CHUNK_MIN (but the last), in order."""
    size = max(SHARED_CHUNK_MIN, -(-len(items) // SHARED_CHUNKS))
    return [items[start:start + size] for start in range(0, len(items), size)]


_AHEAD: list[tuple[threading.Thread, list[ProcessPoolExecutor]]] = []  # the worker `start_worker_ahead` is starting


def start_worker_ahead() -> None:
    """Start the worker of this process's next update (`ReuseBeside`) now, while the import analyses and saves.

    A worker from the fork server first runs what this process's main script imports, if it was run
    by its path (multiprocessing's rule: a console script's is the whole command line), and its
    pool's initializer: started with the import, it does so on the core the analysis leaves free,
    not in the middle of the update. A thread starts it, since the first task waits for the server
    to have imported its modules. The next update that wants a worker takes it; `drop_worker_ahead`
    lets one go that none took.
    """
    if _AHEAD:
        return
    started: list[ProcessPoolExecutor] = []

    def start() -> None:
        pool = process_pool(1)
        try:
            pool.submit(int)  # a pool starts its process with its first task
        except Exception:  # no worker ahead: the update starts its own
            pool.shutdown(wait=False)
            return
        started.append(pool)

    thread = threading.Thread(target=start, name="reuse-worker-ahead", daemon=True)
    thread.start()
    _AHEAD.append((thread, started))


def worker_ahead() -> ProcessPoolExecutor | None:
    """The pool `start_worker_ahead` started, once its worker has started (never waiting for it), left for the update."""
    if not _AHEAD:
        return None
    _, started = _AHEAD[-1]
    return started[0] if started else None


def _take_worker_ahead() -> ProcessPoolExecutor | None:
    """The pool `start_worker_ahead` started (waiting for it to have started), or None."""
    if not _AHEAD:
        return None
    thread, started = _AHEAD.pop()
    thread.join()
    return started[0] if started else None


def drop_worker_ahead() -> None:
    """Let go a worker started ahead that no update took."""
    pool = _take_worker_ahead()
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


def _worker_pool() -> ProcessPoolExecutor:
    """A pool of one worker: the one started ahead if it is still alive, else a new one."""
    pool = _take_worker_ahead()
    if pool is not None:
        try:
            pool.submit(int)  # a pool whose worker died takes no more tasks
            return pool
        except (BrokenProcessPool, RuntimeError):
            pool.shutdown(wait=False)
    return process_pool(1)


# path -> plan, connection, reads, the earlier articles `_revisited_on_worker` found for the plan (None before)
_WORKER_STATE: dict[str, list] = {}


def _worker_state(plan: tuple[str, str]) -> tuple[sqlite_utils.Database, IndexReads]:
    """On a worker: the database of a shared update's plan, read-only and opened once for its tasks (its page
    cache kept), and what the plan's tasks read of its index."""
    path, token = plan
    state = _WORKER_STATE.get(path)
    if state is None or state[0] != token:
        database = state[1] if state is not None else open_db(path, readonly=True)
        state = _WORKER_STATE[path] = [token, database, IndexReads(), None]
    return state[1], state[2]


def _plan_on_worker(path: str, article_ids: list[int] | None) -> ReusePlan:
    """On a worker: the plan for these articles (None: a rebuild), read from the database file."""
    database = open_db(path, readonly=True)
    try:
        return plan_rebuild(database) if article_ids is None else plan_update(database, article_ids)
    finally:
        database.conn.close()


def _revisited_on_worker(plan: tuple[str, str], article_ids: list[int]) -> set[int]:
    """On a worker: `revisited_articles` for these (new) articles."""
    database, reads = _worker_state(plan)
    with bulk_stage(database):
        revisited = revisited_articles(database, set(article_ids), reads)  # its reads kept for the new articles' lists
    _WORKER_STATE[plan[0]][3] = revisited  # for `_rank_revisited_on_worker`
    return revisited


def _rank_revisited_on_worker(plan: tuple[str, str], part: int) -> dict[int, list[int]]:
    """On a worker: `rank_candidates` for the `part`-th chunk (`_chunks`) of the earlier articles `_revisited_on_worker`
    found for this plan (none past the last chunk)."""
    database, reads = _worker_state(plan)
    revisited = _WORKER_STATE[plan[0]][3]
    if revisited is None:
        raise LookupError("the plan's revisited articles were not found on this worker")
    chunks = _chunks(sorted(revisited))
    if part >= len(chunks):
        return {}
    with bulk_stage(database):
        return rank_candidates(database, set(chunks[part]), reads)


def _rank_on_worker(plan: tuple[str, str], article_ids: list[int]) -> dict[int, list[int]]:
    """On a worker: `rank_candidates` for these articles."""
    database, reads = _worker_state(plan)
    with bulk_stage(database):
        return rank_candidates(database, set(article_ids), reads)


def _score_on_worker(plan: tuple[str, str], pairs: list[tuple[int, int]]) -> dict[tuple[int, int], ReuseRow]:
    """On a worker: `score_pairs` for these pairs."""
    database, _ = _worker_state(plan)
    with bulk_stage(database):
        return score_pairs(database, pairs)
