"""Quote clustering: variants of one quotation grouped through n-gram indexes, alike in any import order.

A cluster is founded by one wording and holds the wordings linked to that founding wording, never
to another member, so clusters do not chain. Each placement depends only on what comes before it
in one fixed order, never on ids or on the import that brought a printing, so the clusters are a
function of the printings, whatever order they were imported in:

- Printings are ordered by time (`coalesce(seen_at, time_key)`; a date alone after the times of
  its day, `provenance.times.time_order`), then by their article's URL and their offset.
- Full quotations come first: a linkable wording of GRAM_SIZE words or more not printed as a
  fragment. The printings of one wording form a unit with one cluster, judged by its first
  printing (time, speaker, ellipses); when that printing has under MIN_LINK_WORDS words as printed
  (`is_stock_length`, as the MemeTracker guard counts them: "We won't sell the ferry." is five), a
  printing more than MAX_FRAGMENT_GAP after its unit's first starts a new unit (a stock phrase
  months apart is not the same quote). In order, a unit joins the best cluster founded before it among
  those whose founding wording shares the most usable 4-grams with it (`quote_grams`; a gram of
  more than MAX_GRAM_POSTINGS clusters suggests nothing), confirmed with the MemeTracker rule and
  its 6-word / 3-content-word guard (elided quotes match segment by segment; an exact part under the guard
  links by the fragment rule, as a fragment's link, `Match.fragment`); else it founds one.
- Fragments and other short wordings come next, one printing at a time in order: to the
  quotation printed beside it in its article (compared with the wording printed there too: a
  fragment may be cut from an altered one), else to the unit printing the same words or the
  cluster the same words founded before it (the nearest in time, and for a printing under
  MIN_LINK_WORDS words as printed only within MAX_FRAGMENT_GAP; from another article over
  OTHER_PERSON_GAP before not when another person's, both names printed: `is_other_persons`), else to the cluster of a short wording its article
  printed before it that holds it or that it holds, not given to another person ("man of peace",
  then "true man of peace"), else to the best cluster whose founding wording holds it (full
  quotations' 3-grams, or 4-grams), else to a cluster of its own; on this last path a stock phrase
  (under MIN_LINK_WORDS words as printed) founds its own when two full quotations that may be its
  speaker's, first printed over MAX_FRAGMENT_GAP apart, hold it ("radical Islamic terrorism" printed
  alone is a term, not the lineage of one statement of November or one of June). Across articles a fragment founder's 3-grams are not indexed and a 3-word one has no 4-gram: a fragment and a longer one
  holding it printed apart meet only through a full quotation holding both. Under GRAM_SIZE words
  a wording counts its words as printed (`word_weights`), as the MemeTracker rule does: "full
  co-operation", normalised "full cooperation", is a 3-word fragment, found through the runs of a
  full quotation's words that are three as printed.
- Wordings too short to be recognised wherever printed ("No.") group only per speaker, in time
  units as above.
A wording given to another person (`speakers_agree`, names read as people: "Kowalski" is "Ines
Kowalski", "WPC Hendricks" is "Miss Hendricks") links only when it is mostly the cluster's wording
(OTHER_SPEAKER_SHARE), never as a fragment; a name the article does not print with the quote but
the extractor read from "he" or "the judge" counts against another only for a fragment. A link that rests
on a stock phrase's worth of words, MIN_LINK_WORDS or fewer in common and not the whole shorter wording
(`shares_few_words`: "I'm a big fan of Paul" and "I'm a big fan of Elizabeth Warren"), is judged as a
fragment's: never to another person's words (both names printed with the quotes), and not more than
MAX_FRAGMENT_GAP apart unless printed beside it. A stock phrase's link across articles spans OTHER_PERSON_GAP, not
MAX_FRAGMENT_GAP, when either printing is the writer's label, reported said by no cue in its article ("his
'political revolution'", `is_label`), or when the few words were printed before the quotation holding them
(`stock_gap`). Among
confirmed clusters the best is printed beside it (for a fragment), said by the same person, the
closest wording, the closest in time, then the one founded first.

An import places its new printings, and places again those whose placement they can change
(`Region`): the rest of a unit that a new printing starts earlier or splits, the printings of the
same short words after a new one, the short printings of an article after one of its short
printings placed again, every printing of a cluster whose founding printing is placed
again, and after each pass the printings later than a new, changed or demoted founder that could
link to it (sharing a 4-gram, holding one of its 3-grams, printed beside it); then it passes again
until nothing more moves. A printing later than everything it meets (a feed read in time order)
costs its own placement, a few index reads, and placing again the fragments printed before it
that it holds (fragments come after every quotation). A cluster keeps its id while its founding
printing founds it or is in it, through `rebuild_clusters` too; an id dropped is retired (`retired_quotes`)
and never given to another cluster (`next_quote_id`). One
thing can still differ from `rebuild_clusters`: whether a gram is too common is counted on the
clusters present when a wording is placed, so an import of printings older than those already
clustered may count a gram common that a rebuild, placing them first, did not (or the reverse).

Each touched cluster then gets its canonical wording (the most frequent full wording, ties to the
earliest; with none, the most frequent wording no other holds), counts, speaker (the person its printings name most, provenance/people.py, under that
person's canonical name), and each occurrence its word-level drift from the canonical wording.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from operator import attrgetter
from sys import intern

import sqlite_utils

from db.bulk import bulk_stage
from provenance.counts import counted
from provenance.normalize import (
    ELLIPSIS_RE,
    GRAM_SIZE,
    MIN_FRAGMENT_CONTENT_WORDS,
    MIN_FRAGMENT_WORDS,
    MIN_LINK_WORDS,
    STOPWORDS,
    Match,
    compare_wordings,
    count_content_words,
    describe_drift,
    find_run,
    hash_gram,
    hash_grams,
    normalize_quote,
    split_elisions,
    word_weights,
)
from provenance.people import (
    TITLE_WORDS, choose_person, first_names_agree, fold, load_people, place_unplaced,
)
from provenance.speakers import TITLE_GENDER, UNISEX_FIRST_NAMES, given_name_gender
from provenance.times import TIME_ORDER_SQL, time_order

LOGGER = logging.getLogger(__name__)

TRAILING_CLAUSE_PUNCTUATION_RE = re.compile(r"[\s,;:]+$")

# What the clustering rules make of the same printings and normalised wordings, recorded in the database
# (`code_versions`, row 'clustering') by every full trace and the first import of a database with nothing
# clustered: a database recorded at another, or clustered before it
# was recorded (0), is traced whole again by its next import, crawl or trace (`pipeline.full_trace_due`).
# Bump it with every change to which printings a rule links; NORMALIZATION_VERSION covers what they read.
# 1: a stock phrase is under MIN_LINK_WORDS words as printed wherever it is judged (`is_stock_length`).
# 2: a speaker's first name on the longer list of given names (speakers.given_name_gender) gives the sex that keeps
# two speakers of one surname apart ('Mr Kowalski' is not 'Ines Kowalski').
# 3: a stock phrase printed alone (under MIN_LINK_WORDS words as printed) joins no full quotation of another article
# holding its words when two that may be its speaker's, first printed over MAX_FRAGMENT_GAP apart, hold them
# (`Placement.is_stock_phrase`); a cluster with no full wording shows the wording no other holds.
# 4: a link resting on MIN_LINK_WORDS or fewer words in common, not the whole shorter wording (the rule's S=6 and O=5,
# or S=7 or 8 and O=6: `shares_few_words`), is judged as a fragment's: not to another person's words (both names
# printed with the quotes), nor across MAX_FRAGMENT_GAP unless printed beside it.
# 5: the same short words (a fragment or wording under GRAM_SIZE) printed in another article more than
# OTHER_PERSON_GAP before join that unit or cluster only when not another person's, both names printed with them
# (`is_other_persons`: Carson's "boots on the ground" and Kasich's four weeks later).
# 6: a stock phrase printed as the writer's label (no cue with it nor with the same words in its article: "his
# 'political revolution'") or printed before the quotation holding it links across articles only within
# OTHER_PERSON_GAP (`stock_gap`).
# 7: an exact part of a wording too short for the guard's content words links as a fragment, whatever its length
# ("got to come a long way": six words, two content words), judged as a fragment's link (`Match.fragment`); a drift
# shows the excerpt's word range before the changes inside it, not the unprinted ends as words removed.
CLUSTERING_VERSION = 7
MAX_GRAM_POSTINGS = 100  # a gram shared by more clusters than this is too common to suggest one
MAX_CANDIDATES = 8  # clusters confirmed per wording, most shared grams first
MAX_FRAGMENT_GAP = 30 * 86400  # seconds: a fragment joins a quote in the news within a month
OTHER_PERSON_GAP = 7 * 86400  # seconds: the same few words under two names further apart are two people's
OTHER_SPEAKER_SHARE = 0.8  # another person's wording links only with this share of it in the cluster's
MAX_FRAGMENT_CANDIDATES = 50  # three words in more founding wordings than this: a cliché, not a fragment
SHORT_GRAM_SALT = 0x5DEECE66D5A17  # a fragment's 4-grams are kept apart from full quotations' (xor)
CHUNK = 500  # ids or values per "in (...)" query

LONG, SHORT, SINGLE = "long", "short", "single"  # full quotation; fragment or short wording; unlinkable
# police ranks and post-nominals that court reports print with a name ("WPC Hendricks", "Charles Wide QC")
RANKS = frozenset("wpc pc dc ds di dci det sgt insp supt cllr".split())
POST_NOMINALS = frozenset("qc kc mp mep obe mbe cbe".split())

PRINTING_COLUMNS = (
    "o.id, o.article_id, o.text, o.normalized, o.kind, o.speaker_name, coalesce(o.seen_at, a.time_key), "
    "a.url, coalesce(o.version, 0), o.start, o.quote_id, a.outlet_id, o.person_id, o.speaker, "
    # reported said: a cue with it, or with the same words elsewhere in its article (a headline's words)
    "(coalesce(o.cue, '') != '' or exists(select 1 from quote_occurrences c where c.article_id = o.article_id "
    "and c.text = o.text and coalesce(c.cue, '') != ''))"
)
PRINTING_TIME_SQL = TIME_ORDER_SQL.format("coalesce(o.seen_at, a.time_key)")


def chunked(values: list, size: int = CHUNK) -> Iterator[list]:
    """Consecutive slices of `values` of at most `size` items."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def placeholders(values: list) -> str:
    """'?, ?, ...' for an "in (...)" clause."""
    return ", ".join("?" * len(values))


def fragment_windows(words: list[str], weights: tuple[int, ...] | None = None) -> list[str]:
    """Every run of MIN_FRAGMENT_WORDS up to GRAM_SIZE - 1 words, or fewer words printed as MIN_FRAGMENT_WORDS or
    more ("full co-operation", `weights`): fragments no 4-gram can find."""
    return [
        " ".join(words[i : i + size])
        for size in range(1, GRAM_SIZE)
        for i in range(len(words) - size + 1)
        if size >= MIN_FRAGMENT_WORDS or printed_count(words[i : i + size], weights and weights[i : i + size])
        >= MIN_FRAGMENT_WORDS
    ]


def printed_count(words: list[str], weights: tuple[int, ...] | None) -> int:
    """The words of a wording as printed (`word_weights`: "full co-operation" is three, "don't" one)."""
    return sum(weights) if weights else len(words)


def elisions_of(text: str | None) -> list[list[str]] | None:
    """The word segments of a wording printed with an ellipsis inside it, else None."""
    if not text or not ELLIPSIS_RE.search(text):
        return None
    segments = split_elisions(text)
    return segments if len(segments) > 1 else None


def is_linkable(words: list[str], weights: tuple[int, ...] | None = None) -> bool:
    """True when a wording is long enough to be recognised as one quotation wherever it is printed.

    Under GRAM_SIZE words its words count as printed (`weights`), as the MemeTracker rule counts
    them: "full co-operation", joined to "full cooperation", is a three-word fragment still.
    """
    size = printed_count(words, weights) if len(words) < GRAM_SIZE else len(words)
    return size >= MIN_FRAGMENT_WORDS and count_content_words(words) >= MIN_FRAGMENT_CONTENT_WORDS


def phase_of(words: list[str], kind: str | None, weights: tuple[int, ...] | None = None) -> str:
    """LONG for a full quotation, SHORT for a fragment or short wording, SINGLE for one too short to link."""
    if not is_linkable(words, weights):
        return SINGLE
    return LONG if len(words) >= GRAM_SIZE and kind != "fragment" else SHORT


def salted(grams: Iterable[int]) -> set[int]:
    """The index keys of a fragment's 4-grams (apart from full quotations', which count for commonness)."""
    return {gram ^ SHORT_GRAM_SALT for gram in grams}


@lru_cache(maxsize=1 << 14)
def name_parts(name: str) -> tuple[tuple[str, ...], str, str]:
    """A printed speaker name as (given words, surname, sex from a title), titles and post-nominals aside."""
    words = [word for word in (fold(token) for token in name.split()) if word]
    while len(words) > 1 and words[-1].rstrip(".") in POST_NOMINALS:  # "Adrian Redgrave QC"
        words.pop()
    gender = next((TITLE_GENDER[word] for word in words if word in TITLE_GENDER), "")
    if not gender and "wpc" in words:
        gender = "f"
    given = tuple(word for word in words[:-1] if word not in TITLE_WORDS and word not in RANKS)
    if not gender and given and given[0] not in UNISEX_FIRST_NAMES:
        gender = given_name_gender(given[0]) or ""
    return given, words[-1] if words else "", gender


def speakers_agree(first: str | None, second: str | None) -> bool | None:
    """Whether two speaker names can be one person; None when either is not known.

    The same surname, read past titles, ranks and post-nominals ("WPC Hendricks", "Miss
    Hendricks"; "Adrian Redgrave QC"), no title of the other sex, and a surname alone or given
    names that agree: all of one name's in the other ("Kevan Roberts" in "SHOPKEEPER Kevan
    Roberts"), or first names one of the other's short form or initial ("Ken Jones", "Kenneth
    Jones"). "Ines Kowalski" and "Dan Kowalski" or "Dan Cole" do not agree. A pure function of
    the two names, so clusters do not depend on the people the rest of the corpus makes.
    """
    if not first or not second:
        return None
    given_a, surname_a, gender_a = name_parts(first)
    given_b, surname_b, gender_b = name_parts(second)
    if surname_a != surname_b or (gender_a and gender_b and gender_a != gender_b):
        return False
    if not given_a or not given_b:
        return True
    if len(given_a) > len(given_b):
        given_a, given_b = given_b, given_a
    return set(given_a) <= set(given_b) or first_names_agree(given_a[0], given_b[0])


@lru_cache(maxsize=1 << 16)
def wording_grams(normalized: str, size: int = GRAM_SIZE) -> frozenset[int]:
    """The hashed word n-grams of a normalised wording (one wording is asked about many times)."""
    return frozenset(hash_grams(normalized.split(), size))


@lru_cache(maxsize=1 << 16)
def phrase_grams(normalized: str, weights: tuple[int, ...] | None = None) -> frozenset[int]:
    """The hashed runs of MIN_FRAGMENT_WORDS words of a wording that a fragment could be (linkable ones), and the
    shorter runs printed as that many words (`weights`: "full co-operation" is "full cooperation")."""
    words = normalized.split()
    size = MIN_FRAGMENT_WORDS
    content = [len(word) > 1 and word not in STOPWORDS for word in words]  # count_content_words, per word
    grams = {
        hash_gram(words[i : i + size])
        for i in range(len(words) - size + 1)
        if sum(content[i : i + size]) >= MIN_FRAGMENT_CONTENT_WORDS
    }
    if weights:
        grams.update(
            hash_gram(words[i : i + shorter])
            for shorter in range(1, size)
            for i in range(len(words) - shorter + 1)
            if sum(weights[i : i + shorter]) >= size and sum(content[i : i + shorter]) >= MIN_FRAGMENT_CONTENT_WORDS
        )
    return frozenset(grams)


@lru_cache(maxsize=1 << 16)
def time_value(value: str | None) -> float | None:
    """Seconds since the epoch of an ISO time key (a date counts from its midnight, UTC)."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value[:19] if len(value) > 10 else value[:10])
    except ValueError:
        return None
    return moment.replace(tzinfo=timezone.utc).timestamp()


def distance_of(first: str | None, second: str | None) -> float:
    """Seconds between two time keys; infinite when either is unknown."""
    a, b = time_value(first), time_value(second)
    return abs(a - b) if a is not None and b is not None else math.inf


@dataclass(eq=False, slots=True)
class Printing:
    """One occurrence as clustering sees it."""

    id: int
    article_id: int
    text: str
    normalized: str
    kind: str | None
    speaker: str | None
    time: str | None
    url: str
    version: int
    start: int
    quote_id: int | None  # its cluster in the database when the run started (None: not clustered)
    outlet_id: int | None
    person_id: int | None
    named: bool = False  # the speaker's name is printed with the quote, not read from "he" or "the judge"
    cued: bool = True  # its article reports the words said (a cue: "said", "called"), not only uses them
    words: list[str] = field(default_factory=list)
    key: tuple = ()
    phase: str = ""
    segments: list[list[str]] | None = None
    weights: tuple[int, ...] | None = None  # printed words per word, where contractions were written out

    def __post_init__(self) -> None:
        # a run holds every printing of the corpus: words, URLs and times are shared, not copied per printing
        self.words = [intern(word) for word in self.normalized.split()]
        self.weights = word_weights(self.text)
        self.url = intern(self.url)
        self.key = (self.time is None, intern(time_order(self.time)) if self.time else "", self.url, self.version, self.start)
        self.phase = phase_of(self.words, self.kind, self.weights)
        self.segments = elisions_of(self.text)

    @property
    def track(self) -> tuple | None:
        """The printings that form units with this one: the same full wording, or the same short words and speaker."""
        if self.phase == LONG:
            return (LONG, self.normalized)
        if self.phase == SINGLE:
            return (SINGLE, self.normalized, self.speaker or f"#{self.article_id}")
        return None


def printing_of(row: tuple, *, normalize: bool = False) -> Printing:
    """A Printing from a row of PRINTING_COLUMNS (`normalize`: the wording normalised again, not as stored)."""
    (occurrence_id, article_id, text, normalized, kind, speaker, time, url, version, start, quote_id, outlet, person,
     printed, cued) = row
    if normalized is None or normalize:
        normalized = normalize_quote(text)
    return Printing(
        occurrence_id, article_id, intern(text or ""), intern(normalized), kind, speaker and intern(speaker), time,
        url or "", version, start, quote_id, outlet, person, named=is_printed_name(speaker, printed), cued=bool(cued),
    )


@lru_cache(maxsize=1 << 14)
def is_printed_name(speaker: str | None, printed: str | None) -> bool:
    """Whether the article prints the speaker's name with the quote ("said Oskar Brandt", "Mr Brandt said"),
    rather than "he", "she" or "the judge", a name the extractor guessed from what came before."""
    if not speaker or not printed:
        return False
    surname = name_parts(speaker)[1]
    return bool(surname) and surname in {fold(word) for word in printed.split()}


def earliest_short(printings: Iterable[Printing], group_of) -> dict:
    """The earliest key of the short printings of each group (`group_of(printing)`)."""
    earliest: dict = {}
    for printing in printings:
        if printing.phase == SHORT:
            group = group_of(printing)
            known = earliest.get(group)
            earliest[group] = printing.key if known is None else min(known, printing.key)
    return earliest


def is_stock_length(printing: Printing) -> bool:
    """Whether a printing has under MIN_LINK_WORDS words as printed (`word_weights`), as the MemeTracker guard
    counts them: short enough to be a stock phrase, which links only within MAX_FRAGMENT_GAP."""
    return printed_count(printing.words, printing.weights) < MIN_LINK_WORDS


def is_other_persons(printing: Printing, other: Printing) -> bool:
    """Whether another article prints the other printing's words under another person's name, both names printed
    with the quotes, more than OTHER_PERSON_GAP apart: the same few words are another person's phrase then
    (Carson's "boots on the ground" and Kasich's, four weeks apart). In one article, or within days, they are one
    quote with a name misread or a quote inside a quote (a headline's "Talk compared to 'working the referees'";
    METER's papers giving the judge's "rabid anti-Semite" to counsel the same day)."""
    if printing.article_id == other.article_id or not (printing.named and other.named):
        return False
    distance = distance_of(printing.time, other.time)
    return (
        distance != math.inf and distance > OTHER_PERSON_GAP
        and speakers_agree(printing.speaker, other.speaker) is False
    )


def is_label(printing: Printing) -> bool:
    """Whether a printing of stock length is the writer's use of the words, not a report of them said: no cue
    with it nor with the same words elsewhere in its article ("his 'political revolution'", "the promise to 'make
    America great again'"). It names a phrase, not one occasion."""
    return not printing.cued and is_stock_length(printing)


def stock_gap(printing: Printing, other: Printing) -> float:
    """The longest time a link resting on a stock phrase's worth of words spans between two articles' printings:
    MAX_FRAGMENT_GAP, or OTHER_PERSON_GAP when either printing is a label (`is_label`) or the other, which the
    printing would join, was printed after it (a few words printed before any quotation holding them are that
    quotation's only when it is printed within days: "lead by example" of a letter, then a post weeks later)."""
    if printing.article_id == other.article_id:
        return math.inf
    if is_label(printing) or is_label(other) or other.key > printing.key:
        return OTHER_PERSON_GAP
    return MAX_FRAGMENT_GAP


def shares_few_words(match: Match) -> bool:
    """Whether a link rests on no more words in common than a stock phrase has (MIN_LINK_WORDS at most), not on
    the whole shorter wording: the rule's S=6 and O=5 ("I'm a big fan of Paul" and "I'm a big fan of Elizabeth
    Warren"), or S=7 or 8 and O=6 ("bad, bad things are going to happen" and "a lot of bad things are going to
    happen"). Such a link is judged as a fragment's: not to another person's words, nor a month apart."""
    return match.overlap < match.shorter and match.overlap <= MIN_LINK_WORDS


def split_units(printings: Iterable[Printing]) -> list[list[Printing]]:
    """The units of one track's printings, in order: all of them, or runs in time when the first printing has
    under MIN_LINK_WORDS words as printed (`is_stock_length`).

    A run starts at a printing more than MAX_FRAGMENT_GAP after the first printing of the run before, or more
    than OTHER_PERSON_GAP when either is a label (`stock_gap`: "his 'political revolution'" three weeks apart).
    """
    ordered = sorted(printings, key=attrgetter("key"))
    if not ordered:
        return []
    if not is_stock_length(ordered[0]):
        return [ordered]
    units: list[list[Printing]] = []
    opened: float | None = None
    for printing in ordered:
        when = time_value(printing.time)
        if units and (when is None or opened is None or when - opened <= stock_gap(printing, units[-1][0])):
            units[-1].append(printing)
            continue
        units.append([printing])
        opened = when
    return units


@dataclass(eq=False)
class Unit:
    """The printings of one wording placed together, judged by the first."""

    printings: list[Printing]

    @property
    def first(self) -> Printing:
        return self.printings[0]


def index_keys(printing: Printing) -> frozenset[int]:
    """The `quote_grams` keys of a printing's wording: 4-grams, salted for a fragment or short wording."""
    if printing.phase == LONG:
        return wording_grams(printing.normalized)
    if printing.phase == SHORT and len(printing.words) >= GRAM_SIZE:
        return frozenset(salted(wording_grams(printing.normalized)))
    return frozenset()


@dataclass(eq=False)
class Cluster:
    """A cluster as placement sees it: its founding printing (and founding unit when founded in this pass)."""

    id: int  # the database id, or a negative one for a cluster founded in this pass
    founder: Printing
    unit: Unit | None = None
    keys: frozenset[int] = frozenset()  # the founding wording's index keys: what finds it as a candidate

    def __post_init__(self) -> None:
        self.keys = index_keys(self.founder)


class Region:
    """The printings one run places: the new ones, and those of the database whose placement they can change."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self.printings: dict[int, Printing] = {}
        self.new: set[int] = set()
        self.freed: set[int] = set()  # clustered before, placed again
        self.pending: list[int] = []  # placed again, consequences not drawn yet
        self.dissolved: set[int] = set()  # clusters all of whose printings are placed again
        self.dissolved_grams: Counter = Counter()
        self.founders: dict[int, int | None] = {}  # cluster -> its founding printing, as read
        self.founded_by: dict[int, int] = {}  # founding printing -> its cluster, as read
        self.by_normalized: dict[str, list[Printing]] = defaultdict(list)
        self.by_article: dict[int, list[Printing]] = {}
        self.by_cluster: dict[int, list[Printing]] = {}
        self.normalized_read: set[str] = set()
        self.any_kept = db.execute("select exists(select 1 from quotes)").fetchone()[0] == 1
        self.rebuilding = False  # every cluster was forgotten: each id goes on through `inherit`
        self.orphans: dict[int, list[int]] = {}  # forgotten cluster without a founding printing -> its printings
        self.kept = Kept(db, self)
        # the rule's answers, for the passes after the first (a rebuild makes one pass)
        self.matches: dict[tuple[int, int], Match] | None = {} if self.any_kept else None

    def remember(self, row: tuple, *, normalize: bool = False) -> Printing:
        """The one Printing of a row (read once per run)."""
        printing = self.printings.get(row[0])
        if printing is None:
            printing = self.printings[row[0]] = printing_of(row, normalize=normalize)
        return printing

    def inherit(self, founders: dict[int, int | None], orphans: dict[int, list[int]]) -> None:
        """Take the clusters a rebuild forgot as dissolved: those it founds again keep their ids (`reused_ids`).

        `founders`: each forgotten cluster's founding printing (None when it was deleted); `orphans`: the
        printings of those without one.
        """
        self.rebuilding = True
        self.dissolved = set(founders)
        for quote_id, founder_id in founders.items():
            if founder_id is not None:
                self.founders[quote_id] = founder_id
                self.founded_by[founder_id] = quote_id
        self.orphans = orphans

    def is_kept(self, printing: Printing) -> bool:
        """Clustered before this run and left where it is."""
        return printing.quote_id is not None and printing.id not in self.freed

    def start(self) -> bool:
        """Read the printings without a cluster; False when there are none."""
        rows = self.db.execute(  # row by row: a row's memory is reused by the next as its printing keeps what it needs
            f"select {PRINTING_COLUMNS} from quote_occurrences o join articles a on a.id = o.article_id "
            "where o.quote_id is null"
        )
        for row in rows:
            printing = self.remember(row, normalize=True)  # stored wordings may predate a change of normalisation
            self.new.add(printing.id)
            self.by_normalized[printing.normalized].append(printing)
        if not self.new:
            return False
        self.pending = sorted(self.new)
        if self.any_kept:
            # a printing re-placed by an edit of its article may have founded a cluster: that goes too
            founded = []
            for values in chunked(sorted(self.new)):
                founded.extend(
                    row for row in self.db.execute(
                        f"select id, founder_id from quotes where founder_id in ({placeholders(values)})", values
                    )
                )
            for quote_id, founder_id in founded:
                self.founders[quote_id] = founder_id
                self.founded_by[founder_id] = quote_id
            self.dissolve([quote_id for quote_id, _ in founded])
        return True

    def read(self, where: str, values: list, after: tuple = ()) -> list[Printing]:
        """Printings matching `where` ({} for one chunk of `values`, then `?` for each of `after`)."""
        found = []
        for chunk in chunked(values):
            found.extend(
                self.remember(row)
                for row in self.db.execute(
                    f"select {PRINTING_COLUMNS} from quote_occurrences o join articles a on a.id = o.article_id "
                    f"where {where.format(placeholders(chunk))}",
                    [*chunk, *after],
                )
            )
        return found

    def read_normalized(self, wordings: Iterable[str]) -> None:
        """Every clustered printing of these normalised wordings (the new ones are known)."""
        missing = sorted(set(wordings) - self.normalized_read)
        self.normalized_read.update(missing)
        if not missing or not self.any_kept:
            return
        for printing in self.read("o.quote_id is not null and o.normalized in ({})", missing):
            if printing.id not in self.new:
                self.by_normalized[printing.normalized].append(printing)

    def read_articles(self, article_ids: Iterable[int]) -> None:
        """Every printing of these articles."""
        missing = sorted(set(article_ids) - self.by_article.keys())
        for article_id in missing:
            self.by_article[article_id] = []
        if not missing:
            return
        for printing in self.read("o.article_id in ({})", missing):
            self.by_article[printing.article_id].append(printing)

    def read_clusters(self, quote_ids: Iterable[int]) -> None:
        """Every printing of these clusters (as the database holds them)."""
        missing = sorted(set(quote_ids) - self.by_cluster.keys())
        for quote_id in missing:
            self.by_cluster[quote_id] = []
        if not missing or not self.any_kept:
            return
        for printing in self.read("o.quote_id in ({})", missing):
            self.by_cluster[printing.quote_id].append(printing)

    def read_founders(self, quote_ids: Iterable[int]) -> None:
        """The founding printing of these clusters."""
        missing = sorted(set(quote_ids) - self.founders.keys())
        for values in chunked(missing):
            for quote_id, founder_id in self.db.execute(
                f"select id, founder_id from quotes where id in ({placeholders(values)})", values
            ):
                self.founders[quote_id] = founder_id
                if founder_id is not None:
                    self.founded_by[founder_id] = quote_id

    def free(self, printing: Printing) -> None:
        """Place a clustered printing again."""
        if printing.quote_id is None or printing.id in self.freed:
            return
        self.freed.add(printing.id)
        self.pending.append(printing.id)

    def dissolve(self, quote_ids: Iterable[int]) -> None:
        """Place every printing of these clusters again."""
        ids = sorted(set(quote_ids) - self.dissolved)
        if not ids:
            return
        self.dissolved.update(ids)
        self.read_clusters(ids)
        for quote_id in ids:
            for printing in self.by_cluster[quote_id]:
                self.free(printing)
        for values in chunked(ids):
            self.dissolved_grams.update(
                gram for (gram,) in self.db.execute(
                    f"select gram from quote_grams where quote_id in ({placeholders(values)})", values
                )
            )

    def settle(self) -> None:
        """Draw the consequences of the printings placed again: whole units, later short words, dissolved clusters."""
        while self.pending:
            batch = [self.printings[printing_id] for printing_id in self.pending]
            self.pending = []
            self.read_normalized(printing.normalized for printing in batch)
            for track in {printing.track for printing in batch if printing.track}:
                self.settle_track(track)
            # the same short words printed after a short printing placed again may now join it
            self.free_short_after(earliest_short(batch, attrgetter("normalized")), self.by_normalized)
            # and the short printings after it in its article, which may join it (`fragments_before`)
            if self.any_kept:
                first_in_article = earliest_short(batch, attrgetter("article_id"))
                self.read_articles(first_in_article)
                self.free_short_after(first_in_article, self.by_article)
            clusters = {printing.quote_id for printing in batch if printing.id in self.freed}
            self.read_founders(clusters)
            self.dissolve(
                quote_id for quote_id in clusters if self.founders.get(quote_id) in self.freed
            )

    def free_short_after(self, earliest: dict, groups: dict) -> None:
        """Place again the kept short printings of each group that come after its earliest key."""
        for group, key in earliest.items():
            for other in groups[group]:
                if other.phase == SHORT and other.key > key and self.is_kept(other):
                    self.free(other)

    def track_printings(self, track: tuple) -> list[Printing]:
        """Every printing of a track (its normalised wording has been read)."""
        return [printing for printing in self.by_normalized[track[1]] if printing.track == track]

    def settle_track(self, track: tuple) -> None:
        """Place again every clustered printing of a unit that changed (a new first printing, split or merged)."""
        printings = self.track_printings(track)
        old_units = split_units(p for p in printings if p.quote_id is not None)
        old_of = {p.id: frozenset(q.id for q in unit) for unit in old_units for p in unit}
        for unit in split_units(printings):
            placed = [p for p in unit if p.quote_id is not None]
            if not placed:
                continue
            unchanged = unit[0].quote_id is not None and frozenset(p.id for p in placed) == old_of[placed[0].id]
            if unchanged and not any(p.id in self.freed for p in placed):
                continue  # as it was, or extended after its first printing
            for printing in placed:
                self.free(printing)

    def place_all(self) -> Placement:
        """Place, and place again what each pass shows to have changed, until nothing more moves."""
        # what a new printing could change if it founds a cluster is placed again at once rather
        # than after a pass: most do found one
        if self.any_kept:
            new_longs: dict[str, list[Printing]] = defaultdict(list)
            new_shorts = []
            for printing_id in self.new:
                printing = self.printings[printing_id]
                if printing.phase == LONG:
                    new_longs[printing.normalized].append(printing)
                elif printing.phase == SHORT:
                    new_shorts.append(printing)
            founders = [Unit(sorted(group, key=attrgetter("key"))) for group in new_longs.values()]
            self.free_after_founders(founders)
            self.free_beside(p.article_id for unit in founders for p in unit.printings)
            self.free_after_short_founders(new_shorts)
        rounds = 0
        while True:
            rounds += 1
            self.settle()
            placement = self.place()
            if not self.draw_consequences(placement):
                if rounds > 1:
                    LOGGER.info("clustering: %d passes, %s placed again", rounds, counted(len(self.freed), "printing"))
                return placement

    def place(self) -> Placement:
        """One pass over the units and printings to place."""
        tracks = {
            self.printings[i].track for i in self.new | self.freed if self.printings[i].track is not None
        }
        units: list[Unit] = []
        singles: list[Unit] = []
        extensions: dict[int, int] = {}
        for track in tracks:
            for members in split_units(self.track_printings(track)):
                placed = [p for p in members if p.quote_id is not None]
                if placed and all(self.is_kept(p) for p in placed):  # `settle`: left as it was
                    for printing in members:
                        if printing.quote_id is None:  # printed again after its first printing
                            extensions[printing.id] = members[0].quote_id
                    continue
                (units if track[0] == LONG else singles).append(Unit(members))
        shorts = [
            self.printings[i] for i in self.new | self.freed if self.printings[i].phase == SHORT
        ]
        placement = Placement(self, units, singles, shorts, extensions)
        placement.run()
        return placement

    def draw_consequences(self, placement: Placement) -> bool:
        """Place again what a pass may have changed for printings left in place; True when something was."""
        if not self.any_kept:
            return False
        before = len(self.freed)
        reused = placement.reused_ids()
        changed: list[Unit] = []  # founders that are new, have a new first printing, or found no more
        for cluster in placement.clusters.values():
            if cluster.founder.phase != LONG or cluster.founder.id in self.new:
                continue  # what a new printing could change was placed again before the first pass
            old = self.founded_by.get(cluster.unit.first.id)
            if old is None or reused.get(cluster.id) != old:
                changed.append(cluster.unit)
        founding = {cluster.unit for cluster in placement.clusters.values() if cluster.unit is not None}
        for unit in placement.units:
            if unit not in founding and any(p.id in self.founded_by for p in unit.printings):
                changed.append(unit)
        moved = [  # in another cluster, or in one with another founder
            printing for unit in placement.units for printing in unit.printings
            if printing.quote_id is not None and (
                reused.get(placement.cluster_of[printing.id], placement.cluster_of[printing.id]) != printing.quote_id
                or placement.cluster(placement.cluster_of[printing.id]).founder.id != self.founders.get(printing.quote_id)
            )
        ]
        self.free_after_founders(changed)
        self.free_beside({p.article_id for unit in changed for p in unit.printings} | {p.article_id for p in moved})
        shorts_changed = []  # short founders that are new or found no more
        for cluster in placement.clusters.values():
            founder = cluster.founder
            if founder.phase == SHORT and founder.id not in self.new:
                old = self.founded_by.get(founder.id)
                if old is None or reused.get(cluster.id) != old:
                    shorts_changed.append(founder)
        founding_printings = {cluster.founder.id for cluster in placement.clusters.values()}
        shorts_changed.extend(
            p for p in placement.shorts if p.id in self.founded_by and p.id not in founding_printings
        )
        self.free_after_short_founders(shorts_changed)
        self.read_normalized(p.normalized for p in moved)
        for printing in moved:  # the same words as a unit that moved
            for other in self.by_normalized[printing.normalized]:
                if other.phase == SHORT and self.is_kept(other):
                    self.free(other)
        return len(self.freed) > before

    def free_beside(self, article_ids: Iterable[int]) -> None:
        """Place again the short printings of these articles (printed beside a quotation that changed)."""
        articles = set(article_ids)
        self.read_articles(articles)
        for article_id in articles:
            for printing in self.by_article[article_id]:
                if printing.phase == SHORT and self.is_kept(printing):
                    self.free(printing)

    def free_after_short_founders(self, founders: list[Printing]) -> None:
        """Place again the fragments left in place, after these short founders, that share a 4-gram with one."""
        by_key: dict[int, list[Printing]] = defaultdict(list)
        for founder in founders:
            for gram in index_keys(founder):
                by_key[gram].append(founder)
        if not by_key:
            return
        self.kept.load_grams(by_key)
        clusters = {quote_id for gram in by_key for quote_id in (self.kept.postings(gram, MAX_GRAM_POSTINGS) or ())}
        self.read_clusters(clusters)
        for quote_id in clusters:
            for printing in self.by_cluster[quote_id]:
                if printing.phase != SHORT or not self.is_kept(printing):
                    continue
                if any(f.key < printing.key for gram in index_keys(printing) for f in by_key.get(gram, ())):
                    self.free(printing)

    def free_after_founders(self, founders: list[Unit]) -> None:
        """Place again the printings left in place that could link to these founders and come after them."""
        if not founders:
            return
        by_gram: dict[int, list[Unit]] = defaultdict(list)
        for unit in founders:
            for gram in wording_grams(unit.first.normalized):
                by_gram[gram].append(unit)
        # full quotations after a founder sharing a 4-gram with it
        self.kept.load_grams(by_gram)
        clusters = {
            quote_id for gram in by_gram for quote_id in (self.kept.postings(gram, MAX_GRAM_POSTINGS) or ())
        }
        earliest = min(unit.first.key for unit in founders)
        floor = earliest[1] if not earliest[0] else None
        later = self.read_after(sorted(clusters), floor)
        for printing in later:
            if printing.phase != LONG or not self.is_kept(printing):
                continue
            for gram in wording_grams(printing.normalized):
                if any(unit.first.key < printing.key for unit in by_gram.get(gram, ())):
                    self.free(printing)
                    break
        # fragments holding one of its 3-grams, or sharing a 4-gram
        windows = {window for unit in founders for window in fragment_windows(unit.first.words, unit.first.weights)}
        self.read_normalized(windows)
        for window in windows:
            for printing in self.by_normalized[window]:
                if printing.phase == SHORT and self.is_kept(printing):
                    self.free(printing)
        keys = salted(by_gram)
        self.kept.load_grams(keys)
        clusters = {quote_id for key in keys for quote_id in (self.kept.postings(key, MAX_GRAM_POSTINGS) or ())}
        self.read_clusters(clusters)
        for quote_id in clusters:
            for printing in self.by_cluster[quote_id]:
                if (
                    printing.phase == SHORT and len(printing.words) >= GRAM_SIZE and self.is_kept(printing)
                    and any(gram in by_gram for gram in wording_grams(printing.normalized))
                ):
                    self.free(printing)

    def read_after(self, quote_ids: list[int], floor: str | None) -> list[Printing]:
        """The printings of these clusters at or after a time (time order), and those without a time."""
        if not quote_ids or not self.any_kept:
            return []
        if floor is None:
            return self.read(f"o.quote_id in ({{}}) and {PRINTING_TIME_SQL} is null", quote_ids)
        return self.read(
            f"o.quote_id in ({{}}) and ({PRINTING_TIME_SQL} >= ? or {PRINTING_TIME_SQL} is null)", quote_ids, (floor,)
        )

    def write(self, placement: Placement) -> set[int]:
        """Write the pass: clusters (reusing the ids of those whose founder founds them again), grams, quotes rows."""
        conn = self.db.conn
        reused = placement.reused_ids()
        next_id = next_quote_id(self.db)
        final: dict[int, int] = {}
        fresh: set[int] = set()  # rows to insert: new clusters, and every cluster of a rebuild
        for provisional in sorted(placement.clusters, reverse=True):  # in founding order
            if provisional in reused:
                final[provisional] = reused[provisional]
                if self.rebuilding:
                    fresh.add(final[provisional])
            else:
                final[provisional] = next_id
                fresh.add(next_id)
                next_id += 1
        cluster_of = {
            printing_id: final.get(quote_id, quote_id) for printing_id, quote_id in placement.cluster_of.items()
        }
        founders = {final[provisional]: cluster.founder.id for provisional, cluster in placement.clusters.items()}
        freed = sorted(self.freed)
        for values in chunked(freed):
            conn.execute(f"update quote_occurrences set quote_id = null where id in ({placeholders(values)})", values)
        losing = {self.printings[printing_id].quote_id for printing_id in freed}
        touched = set(cluster_of.values()) | losing
        rows = [refresh_row(self.printings[printing_id], quote_id) for printing_id, quote_id in cluster_of.items()]
        refresh_quotes(self.db, touched, new=fresh, assigned=rows, founders=founders)
        # grams: whole clusters written again where printings left them, added where they only came
        existing = set()
        regram = sorted((losing | self.dissolved) - fresh) if not self.rebuilding else []
        for values in chunked(regram):
            conn.execute(f"delete from quote_grams where quote_id in ({placeholders(values)})", values)
            existing.update(
                quote_id for (quote_id,) in conn.execute(
                    f"select id from quotes where id in ({placeholders(values)})", values
                )
            )
        grams: set[tuple[int, int]] = set()
        members: dict[int, list[tuple[str, str | None]]] = defaultdict(list)
        for printing_id, quote_id in cluster_of.items():
            if quote_id not in existing:  # a new cluster, or one that only gained printings
                printing = self.printings[printing_id]
                members[quote_id].append((printing.normalized, printing.kind))
        founder_of = {final[provisional]: cluster.founder for provisional, cluster in placement.clusters.items()}
        for quote_id, printed in members.items():
            founder = founder_of.get(quote_id) if quote_id in fresh else None
            founded = (founder.normalized, founder.kind, founder.weights) if founder is not None else None
            grams.update((gram, quote_id) for gram in grams_of(printed, founded))
        grams.update(self.regrams(sorted(existing)))
        conn.executemany("insert or ignore into quote_grams (gram, quote_id) values (?, ?)", sorted(grams))
        return touched

    def regrams(self, quote_ids: list[int]) -> Iterator[tuple[int, int]]:
        """The gram rows of these clusters, from their printings and founder as now written."""
        founders: dict[int, tuple[str, str | None, tuple[int, ...] | None]] = {}
        printed: dict[int, list[tuple[str, str | None]]] = defaultdict(list)
        for values in chunked(quote_ids):
            for quote_id, normalized, kind, text in self.db.execute(
                f"""select q.id, o.normalized, o.kind, o.text from quotes q join quote_occurrences o on o.id = q.founder_id
                where q.id in ({placeholders(values)})""",
                values,
            ):
                founders[quote_id] = (normalized, kind, word_weights(text))
            for quote_id, normalized, kind in self.db.execute(
                f"select quote_id, normalized, kind from quote_occurrences where quote_id in ({placeholders(values)})",
                values,
            ):
                printed[quote_id].append((normalized, kind))
        for quote_id, members in printed.items():
            for gram in grams_of(members, founders.get(quote_id)):
                yield gram, quote_id


def grams_of(
    printed: Iterable[tuple[str, str | None]], founder: tuple[str, str | None, tuple[int, ...] | None] | None
) -> set[int]:
    """Index rows of a cluster: 4-grams of its full quotations, salted 4-grams of its fragments, its founder's 3-grams.

    `printed` are (normalised wording, kind) pairs, `founder` (normalised wording, kind, `word_weights`).
    """
    grams: set[int] = set()
    for normalized, kind in set(printed):
        words = normalized.split()
        if len(words) < GRAM_SIZE:
            continue
        phase = phase_of(words, kind)
        if phase == LONG:
            grams |= wording_grams(normalized)
        elif phase == SHORT and len(words) >= GRAM_SIZE:
            grams |= salted(wording_grams(normalized))
    if founder is not None and phase_of(founder[0].split(), founder[1]) == LONG:
        grams |= phrase_grams(founder[0], founder[2])
    return grams


class Kept:
    """What the database holds about clusters a pass leaves in place: read on demand, kept for the run."""

    def __init__(self, db: sqlite_utils.Database, region: Region) -> None:
        self.db = db
        self.region = region
        self.clusters: dict[int, Cluster | None] = {}
        self.gram_counts: dict[int, int] = {}
        self.gram_rows: dict[int, list[int]] = {}
        self.short_founded: dict[str, list[int]] = {}

    def load_grams(self, grams: Iterable[int]) -> None:
        """Count the rows of these grams and read those few enough to be usable."""
        missing = sorted(set(grams) - self.gram_counts.keys())
        for gram in missing:
            self.gram_counts[gram] = 0
        if not missing or not self.region.any_kept:
            return
        for values in chunked(missing):
            for gram, count in self.db.execute(
                f"select gram, count(*) from quote_grams where gram in ({placeholders(values)}) group by gram",
                values,
            ):
                self.gram_counts[gram] = count
        limit = max(MAX_GRAM_POSTINGS, MAX_FRAGMENT_CANDIDATES)
        self.load_rows([gram for gram in missing if 0 < self.gram_counts[gram] <= limit])

    def load_rows(self, grams: list[int]) -> None:
        """The clusters listed under these grams."""
        for gram in grams:
            self.gram_rows[gram] = []
        for values in chunked(grams):
            for gram, quote_id in self.db.execute(
                f"select gram, quote_id from quote_grams where gram in ({placeholders(values)})", values
            ):
                self.gram_rows[gram].append(quote_id)
        self.load_clusters({quote_id for gram in grams for quote_id in self.gram_rows[gram]})

    def postings(self, gram: int, limit: int) -> list[int] | None:
        """The clusters left in place listed under a gram; None when more than `limit` clusters are."""
        if not self.region.any_kept:
            return []
        if gram not in self.gram_counts:
            self.load_grams([gram])
        count = self.gram_counts[gram] - self.region.dissolved_grams[gram]
        if count > limit:
            return None
        if count <= 0:
            return []
        if gram not in self.gram_rows:
            self.load_rows([gram])
        return [quote_id for quote_id in self.gram_rows[gram] if quote_id not in self.region.dissolved]

    def load_clusters(self, quote_ids: Iterable[int]) -> None:
        """The founding printing of clusters not read yet."""
        missing = sorted(set(quote_ids) - self.clusters.keys())
        for quote_id in missing:
            self.clusters[quote_id] = None
        for values in chunked(missing):
            for row in self.db.execute(
                f"select q.id, {PRINTING_COLUMNS} from quotes q join quote_occurrences o on o.id = q.founder_id "
                f"join articles a on a.id = o.article_id where q.id in ({placeholders(values)})",
                values,
            ):
                founder = self.region.remember(row[1:])
                self.clusters[row[0]] = Cluster(row[0], founder)
                self.region.founders[row[0]] = founder.id
                self.region.founded_by[founder.id] = row[0]

    def cluster(self, quote_id: int) -> Cluster | None:
        """A cluster left in place (None when dissolved or without a founder)."""
        if quote_id in self.region.dissolved:
            return None
        if quote_id not in self.clusters:
            self.load_clusters([quote_id])
        return self.clusters[quote_id]

    def load_short_founded(self, wordings: Iterable[str]) -> None:
        """The clusters founded by these short wordings."""
        missing = sorted(set(wordings) - self.short_founded.keys())
        for wording in missing:
            self.short_founded[wording] = []
        if not missing or not self.region.any_kept:
            return
        found: list[tuple[int, str]] = []
        for values in chunked(missing):
            found.extend(
                self.db.execute(
                    f"""select q.id, o.normalized from quote_occurrences o join quotes q on q.founder_id = o.id
                    where o.normalized in ({placeholders(values)})""",
                    values,
                )
            )
        self.load_clusters(quote_id for quote_id, _ in found)
        for quote_id, wording in found:
            self.short_founded[wording].append(quote_id)

    def founded_by_words(self, wording: str) -> list[Cluster]:
        """Clusters left in place founded by these short words."""
        if wording not in self.short_founded:
            self.load_short_founded([wording])
        found = (self.cluster(quote_id) for quote_id in self.short_founded[wording])
        return [cluster for cluster in found if cluster is not None and cluster.founder.phase == SHORT]


class Placement:
    """One pass: units of full quotations in order, then short printings in order, against the clusters left in place."""

    def __init__(
        self, region: Region, units: list[Unit], singles: list[Unit], shorts: list[Printing], extensions: dict[int, int]
    ) -> None:
        self.region = region
        self.kept = region.kept
        self.units = sorted(units, key=lambda unit: unit.first.key)
        self.singles = sorted(singles, key=lambda unit: unit.first.key)
        self.shorts = sorted(shorts, key=attrgetter("key"))
        self.cluster_of: dict[int, int] = dict(extensions)  # printing -> cluster (negative: founded in this pass)
        self.clusters: dict[int, Cluster] = {}
        self.next_id = -1
        # index key (4-gram, salted for short wordings) -> clusters of this pass holding it, distinct, listed
        # up to one more than is_common's limit (a set per key costs three times the memory); founders holding it
        self.postings: dict[int, list[int]] = defaultdict(list)
        # gram -> founding clusters, in lists: a cluster is founded once, and a set costs three times the memory
        self.founder_grams: dict[int, list[int]] = defaultdict(list)
        self.founder_trigrams: dict[int, list[int]] = defaultdict(list)
        self.short_founded: dict[str, list[int]] = defaultdict(list)
        self.shorts_by_article: dict[int, list[Printing]] = defaultdict(list)  # placed in this pass, in order

    def run(self) -> None:
        """Place everything of the pass."""
        if self.region.any_kept:
            self.preload()
        for unit in self.units:
            self.safely(self.place_unit, unit)
        for unit in self.singles:
            self.safely(self.place_single, unit)
        self.index_longs()
        for printing in self.shorts:
            self.safely(self.place_short, printing)

    def preload(self) -> None:
        """Read in a few queries what the pass will ask about clusters left in place."""
        grams = {gram for unit in self.units for gram in wording_grams(unit.first.normalized)}
        grams.update(gram for printing in self.shorts for gram in wording_grams(printing.normalized))
        grams.update(gram for printing in self.shorts for gram in index_keys(printing))
        grams.update(hash_gram(p.words) for p in self.shorts if len(p.words) < GRAM_SIZE)
        self.kept.load_grams(grams)
        self.kept.load_short_founded({printing.normalized for printing in self.shorts})
        self.region.read_normalized(printing.normalized for printing in self.shorts)
        self.region.read_articles({printing.article_id for printing in self.shorts})

    def safely(self, place, item: Unit | Printing) -> None:
        """Place one unit or printing; one that fails is logged and gets a cluster of its own."""
        try:
            place(item)
        except Exception:  # one odd wording must not stop a long job
            unit = item if isinstance(item, Unit) else Unit([item])
            LOGGER.exception("clustering %r failed; it gets a cluster of its own", unit.first.text[:80])
            quote_id = self.found(unit.first, unit)
            for printing in unit.printings:
                self.cluster_of[printing.id] = quote_id

    def cluster(self, quote_id: int) -> Cluster | None:
        return self.clusters[quote_id] if quote_id < 0 else self.kept.cluster(quote_id)

    def found(self, founder: Printing, unit: Unit | None = None) -> int:
        """A new cluster founded by this printing (and unit)."""
        quote_id = self.next_id
        self.next_id -= 1
        cluster = self.clusters[quote_id] = Cluster(quote_id, founder, unit)
        for gram in cluster.keys:
            self.founder_grams[gram].append(quote_id)
        if founder.phase == LONG:
            for gram in phrase_grams(founder.normalized, founder.weights):
                self.founder_trigrams[gram].append(quote_id)
        elif founder.phase == SHORT:
            self.short_founded[founder.normalized].append(quote_id)
        return quote_id

    def post(self, gram: int, quote_id: int) -> None:
        """List a cluster of this pass under an index key (once; a key listing more than is_common's limit is common)."""
        listed = self.postings[gram]
        if len(listed) <= MAX_GRAM_POSTINGS and quote_id not in listed:
            listed.append(quote_id)

    def is_common(self, gram: int, kept: list[int] | None) -> bool:
        """Whether more than MAX_GRAM_POSTINGS clusters hold the gram (those left in place and this pass's)."""
        if kept is None:
            return True
        mine = self.postings.get(gram, ())
        if len(kept) + len(mine) <= MAX_GRAM_POSTINGS:
            return False
        return len(set(kept).union(mine)) > MAX_GRAM_POSTINGS

    def gram_candidates(self, keys: Iterable[int], key: tuple | None) -> list[Cluster]:
        """Clusters founded before `key` whose founding wording shares the most of these usable index keys."""
        shared: Counter = Counter()
        for gram in keys:
            kept = self.kept.postings(gram, MAX_GRAM_POSTINGS)
            if self.is_common(gram, kept):
                continue
            shared.update(self.founder_grams.get(gram, ()))
            for quote_id in kept:
                cluster = self.kept.cluster(quote_id)
                if cluster is not None and gram in cluster.keys:
                    shared[quote_id] += 1
        candidates = [self.cluster(quote_id) for quote_id in shared]
        candidates = [c for c in candidates if c is not None and (key is None or c.founder.key < key)]
        candidates.sort(key=lambda cluster: (-shared[cluster.id], cluster.founder.key))
        return candidates[:MAX_CANDIDATES]

    def confirm(
        self, printing: Printing, candidates: list[Cluster],
        neighbours: frozenset[int] = frozenset(), beside: dict[int, list[Printing]] | None = None,
    ) -> Cluster | None:
        """The best candidate cluster the MemeTracker rule links the printing's wording to, if any.

        `beside` holds, by cluster, the full quotations printed in the same article: a fragment of
        an altered wording links to the cluster through the wording it was cut from.
        """
        best_rank, best = None, None
        for cluster in candidates:
            founder = cluster.founder
            match = self.compare(printing, founder)
            for other in (beside or {}).get(cluster.id, ()):
                if match.linked:
                    break
                match = self.compare(printing, other)
            if not match.linked:
                continue
            # a fragment's link: under MIN_LINK_WORDS words, or an exact part under the guard's content words
            short = match.shorter < MIN_LINK_WORDS or match.fragment
            few = short or shares_few_words(match)  # a stock phrase's worth of words in common, no more
            agree = speakers_agree(printing.speaker, founder.speaker)
            if agree is False and not short and not (printing.named and founder.named):
                # a name guessed from "he" or "the judge" is no evidence against another for a
                # sentence (a court report's "He" is two men: "I don't calculate it on a daily
                # basis" and "I never calculate it ..."); a few words, such as a stock phrase,
                # have nothing but their speaker to tell them apart
                agree = None
            if agree is False and (few or match.overlap < OTHER_SPEAKER_SHARE * match.shorter):
                # a fragment of another person's quote, another person's sentence that opens
                # the same way or that shares only a stock phrase with it ("I'm a big fan of
                # ..."), is not this quote; most of the same words under another name are (a
                # misattribution is drift too)
                continue
            distance = distance_of(printing.time, founder.time)
            if few and cluster.id not in neighbours and distance != math.inf and distance > stock_gap(printing, founder):
                continue  # a stock phrase from a quote long out of the news, or used as a label
            # printed beside its full quote, said by the same person, closest wording, in the news
            # then, founded first
            rank = (
                not (short and cluster.id in neighbours), agree is not True,
                -match.overlap / (match.shorter + 3), distance, founder.key,
            )
            if best_rank is None or rank < best_rank:
                best_rank, best = rank, cluster
        return best

    def compare(self, printing: Printing, other: Printing) -> Match:
        """The rule on two printings' wordings (kept for the later passes of an import)."""
        matches = self.region.matches
        if matches is None:
            return compare_wordings(
                printing.words, other.words, a_segments=printing.segments, b_segments=other.segments,
                a_weights=printing.weights, b_weights=other.weights,
            )
        match = matches.get((printing.id, other.id))
        if match is None:
            match = matches[(printing.id, other.id)] = compare_wordings(
                printing.words, other.words, a_segments=printing.segments, b_segments=other.segments,
                a_weights=printing.weights, b_weights=other.weights,
            )
        return match

    def place_unit(self, unit: Unit) -> None:
        """A unit of a full quotation: the best cluster founded before it, else its own."""
        first = unit.first
        best = self.confirm(first, self.gram_candidates(wording_grams(first.normalized), first.key))
        quote_id = best.id if best is not None else self.found(first, unit)
        for printing in unit.printings:
            self.cluster_of[printing.id] = quote_id
        for gram in wording_grams(first.normalized):
            self.post(gram, quote_id)

    def place_single(self, unit: Unit) -> None:
        """Words too short to link anywhere: a cluster of their own."""
        quote_id = self.found(unit.first, unit)
        for printing in unit.printings:
            self.cluster_of[printing.id] = quote_id

    def index_longs(self) -> None:
        """Where the full quotations are, by article and by wording, for the short printings."""
        self.longs_by_article: dict[int, list[tuple[Printing, int]]] = defaultdict(list)
        self.longs_by_normalized: dict[str, list[tuple[Printing, int]]] = defaultdict(list)
        for printing_id, quote_id in self.cluster_of.items():
            printing = self.region.printings[printing_id]
            if printing.phase == LONG:
                self.longs_by_article[printing.article_id].append((printing, quote_id))
                self.longs_by_normalized[printing.normalized].append((printing, quote_id))

    def beside(self, printing: Printing) -> dict[int, list[Printing]]:
        """The full quotations printed in the printing's article, by cluster."""
        found: dict[int, list[Printing]] = defaultdict(list)
        pairs = list(self.longs_by_article.get(printing.article_id, ()))
        pairs.extend(
            (other, other.quote_id) for other in self.region.by_article.get(printing.article_id, ())
            if other.phase == LONG and self.region.is_kept(other)
        )
        for other, quote_id in sorted(pairs, key=lambda pair: pair[0].key):
            if other.normalized not in {o.normalized for o in found[quote_id]}:
                found[quote_id].append(other)
        return found

    def unit_cluster(self, printing: Printing) -> int | None:
        """The cluster of the unit printing the same words as a full quotation, in the news then, unless another
        person's (`is_other_persons`)."""
        pairs = list(self.longs_by_normalized.get(printing.normalized, ()))
        pairs.extend(
            (other, other.quote_id) for other in self.region.by_normalized.get(printing.normalized, ())
            if other.phase == LONG and self.region.is_kept(other)
        )
        if not pairs:
            return None
        cluster_of = {other.id: quote_id for other, quote_id in pairs}
        units = split_units(other for other, _ in pairs)
        near = []
        for unit in units:
            distance = distance_of(printing.time, unit[0].time)
            if is_other_persons(printing, unit[0]) or (
                is_stock_length(printing) and distance != math.inf and distance > stock_gap(printing, unit[0])
            ):
                continue
            near.append((distance, unit[0].key, cluster_of[unit[0].id]))
        return min(near)[2] if near else None

    def phrase_candidates(self, words: list[str]) -> list[Cluster]:
        """Clusters whose founding wording holds these three words (none for a cliché)."""
        gram = hash_gram(words)
        kept = self.kept.postings(gram, MAX_FRAGMENT_CANDIDATES)
        if kept is None:
            return []
        ids = set(kept).union(self.founder_trigrams.get(gram, ()))
        if len(ids) > MAX_FRAGMENT_CANDIDATES:
            return []
        found = (self.cluster(quote_id) for quote_id in ids)
        return sorted(
            (cluster for cluster in found if cluster is not None and cluster.founder.phase == LONG),
            key=lambda cluster: cluster.founder.key,
        )

    def place_short(self, printing: Printing) -> None:
        """A fragment or short wording: beside its quote, the same words' unit, its article's fragment holding it or
        held by it, a quote holding it, else its own."""
        beside = self.beside(printing)
        if beside:
            neighbours = [self.cluster(quote_id) for quote_id in sorted(beside)]
            best = self.confirm(
                printing, [c for c in neighbours if c is not None], frozenset(beside), beside
            )
            if best is not None:
                self.join_short(printing, best.id)
                return
        quote_id = self.unit_cluster(printing)
        if quote_id is None:
            quote_id = self.same_words_cluster(printing)
        if quote_id is None:
            before = self.fragments_before(printing)
            if before:
                held = [self.cluster(cluster_id) for cluster_id in sorted(before)]
                # all printed beside it: the closest wording is the best, a short match no better than a long one
                best = self.confirm(printing, [c for c in held if c is not None], beside=before)
                quote_id = best.id if best is not None else None
        if quote_id is None:
            if len(printing.words) < GRAM_SIZE:
                candidates = self.phrase_candidates(printing.words)
            else:  # full quotations holding it, and longer fragments founded before it
                candidates = self.gram_candidates(wording_grams(printing.normalized), None)
                candidates.extend(self.gram_candidates(index_keys(printing), printing.key))
            best = self.confirm(printing, candidates)
            if best is not None and is_stock_length(printing) and self.is_stock_phrase(printing, candidates):
                best = None  # a stock phrase or a slogan: its few words tell none of the quotations holding them
            quote_id = best.id if best is not None else self.found(printing)
        self.join_short(printing, quote_id)

    def is_stock_phrase(self, printing: Printing, candidates: list[Cluster]) -> bool:
        """Whether full quotations first printed more than MAX_FRAGMENT_GAP apart, that may be the printing's
        speaker's, hold its words: "radical Islamic terrorism" in statements of November and June. Holders printed
        closer are more likely one statement printed in two wordings the rule keeps apart."""
        dated = [
            (moment, cluster) for cluster in {cluster.id: cluster for cluster in candidates}.values()
            if cluster.founder.phase == LONG and (moment := time_value(cluster.founder.time)) is not None
        ]
        if len(dated) < 2 or max(moment for moment, _ in dated) - min(moment for moment, _ in dated) <= MAX_FRAGMENT_GAP:
            return False  # the common case, told without comparing wordings
        times = sorted(
            moment for moment, cluster in dated
            if self.compare(printing, cluster.founder).linked
            and speakers_agree(printing.speaker, cluster.founder.speaker) is not False
        )
        return len(times) > 1 and times[-1] - times[0] > MAX_FRAGMENT_GAP

    def join_short(self, printing: Printing, quote_id: int) -> None:
        """Put a short printing in a cluster, its index keys listed under it as the database will list them."""
        self.cluster_of[printing.id] = quote_id
        self.shorts_by_article[printing.article_id].append(printing)
        for gram in index_keys(printing):
            self.post(gram, quote_id)

    def fragments_before(self, printing: Printing) -> dict[int, list[Printing]]:
        """The clusters of the short wordings its article printed before it, not given to another person, with
        those longer than it (which may hold it).

        A fragment joins such a cluster when its founding wording links to it ("man of peace" founds,
        "true man of peace" follows: no 4-gram of a 3-word founder suggests it) or when one of those
        longer wordings holds it. Holding a member only is no link: "restore law and order" holds
        the "law and order" that joined another sentence of the speech.
        """
        found: dict[int, list[Printing]] = {}
        pairs = [(other, self.cluster_of[other.id]) for other in self.shorts_by_article.get(printing.article_id, ())]
        pairs.extend(
            (other, other.quote_id) for other in self.region.by_article.get(printing.article_id, ())
            if other.phase == SHORT and other.key < printing.key and self.region.is_kept(other)
        )
        for other, quote_id in sorted(pairs, key=lambda pair: pair[0].key):
            if other.normalized == printing.normalized or speakers_agree(printing.speaker, other.speaker) is False:
                continue
            longer = found.setdefault(quote_id, [])
            if len(other.words) > len(printing.words) and other.normalized not in {o.normalized for o in longer}:
                longer.append(other)
        return found

    def same_words_cluster(self, printing: Printing) -> int | None:
        """The cluster the same short words founded before, in the news then, unless another person's
        (`is_other_persons`; a name read from "he" may be anyone's: fragments' speakers err too often); its
        speaker's first, then the nearest in time."""
        same = [self.clusters[quote_id] for quote_id in self.short_founded.get(printing.normalized, ())]
        same.extend(self.kept.founded_by_words(printing.normalized))
        near = []
        for cluster in same:
            if cluster.founder.key >= printing.key:
                continue
            if is_other_persons(printing, cluster.founder):
                continue  # Carson's "boots on the ground" and Kasich's: the same words, not the same quote
            distance = distance_of(printing.time, cluster.founder.time)
            if not is_stock_length(printing) or distance == math.inf or distance <= stock_gap(printing, cluster.founder):
                # its speaker's before another's within days of it
                mine = speakers_agree(printing.speaker, cluster.founder.speaker) is True
                near.append((not mine, distance, cluster.founder.key, cluster.id))
        return min(near)[-1] if near else None

    def reused_ids(self) -> dict[int, int]:
        """The id a cluster of this pass takes over: of the dissolved cluster founded by its founding unit, else
        of one whose founding printing it now holds (the lowest), so that a quote's page stays where it was."""
        region = self.region
        founding: dict[int, int] = {}  # dissolved cluster -> the pass cluster founded by its founding unit
        holding: dict[int, int] = {}  # dissolved cluster -> the pass cluster now holding its founding printing
        for provisional, cluster in self.clusters.items():
            members = cluster.unit.printings if cluster.unit is not None else [cluster.founder]
            for printing in members:
                old = region.founded_by.get(printing.id)
                if old is not None and old in region.dissolved and region.founders.get(old) == printing.id:
                    founding[old] = provisional
        for printing_id, provisional in self.cluster_of.items():
            old = region.founded_by.get(printing_id)
            if provisional < 0 and old is not None and old in region.dissolved and old not in founding:
                holding[old] = provisional
        reused = {provisional: old for old, provisional in founding.items()}
        for old, provisional in sorted(holding.items()):
            reused.setdefault(provisional, old)
        # a cluster a rebuild forgot whose founding printing is gone: to the cluster holding most of its printings
        for old, printing_ids in sorted(region.orphans.items()):
            held = Counter(self.cluster_of[p] for p in printing_ids if p in self.cluster_of)
            if held:
                _, provisional = max((count, provisional) for provisional, count in held.items())  # ties: founded first
                if provisional < 0:
                    reused.setdefault(provisional, old)
        return reused


def next_quote_id(db: sqlite_utils.Database) -> int:
    """The id of the next new cluster: above every id in use or retired (`retired_quotes`), so none is given twice."""
    return max(
        db.execute("select coalesce(max(id), 0) from quotes").fetchone()[0],
        db.execute("select coalesce(max(id), 0) from retired_quotes").fetchone()[0],
    ) + 1


def assign_occurrences(db: sqlite_utils.Database, forgotten: tuple[dict, dict] | None = None) -> set[int]:
    """Put every occurrence without a cluster into one; returns the ids of the clusters touched.

    `forgotten`: the founders and orphans of the clusters a rebuild forgot (`Region.inherit`).
    """
    with bulk_stage(db):
        return assign_all(db, forgotten)


def assign_all(db: sqlite_utils.Database, forgotten: tuple[dict, dict] | None = None) -> set[int]:
    """The body of `assign_occurrences`."""
    place_unplaced(db)  # a printing's person comes first: the cluster's speaker is its person
    region = Region(db)
    if forgotten is not None:
        region.inherit(*forgotten)
    if not region.start():
        return set()
    with db.conn:
        # occurrences point at new quotes rows before these are written, with every column, once
        if not db.conn.in_transaction:
            db.conn.execute("begin")
        db.conn.execute("pragma defer_foreign_keys = on")  # lasts until this transaction ends
        placement = region.place_all()
        touched = region.write(placement)
    LOGGER.info(
        "assigned %s (%d placed again) to %s",
        counted(len(region.new), "new occurrence"), len(region.freed), counted(len(touched), "cluster"),
    )
    return touched


def refresh_row(printing: Printing, quote_id: int) -> list:
    """A printing as `refresh_quotes` reads it, placed in `quote_id` but not yet written."""
    return [
        printing.id, quote_id, printing.text, printing.normalized, printing.kind, printing.person_id,
        printing.article_id, printing.outlet_id, printing.time, None, None, True, printing.url, printing.start,
    ]


def tidy_wording(text: str) -> str:
    """A printed wording as a cluster's text: without the comma or colon the sentence put inside the marks."""
    return TRAILING_CLAUSE_PUNCTUATION_RE.sub("", text)


def choose_canonical(variants: dict[str, dict]) -> str:
    """The most frequent full wording (not a fragment, elided or excerpt), ties to the earliest; with none, the
    most frequent wording no other holds (not "did not lose a single person" beside the elided sentence holding it)."""

    def is_whole(normalized: str) -> bool:
        words = normalized.split()
        return not any(
            other != normalized and len(other.split()) > len(words) and find_run(words, other.split()) >= 0
            for other in variants
        )

    full = [n for n, info in variants.items() if not info["elided"] and not info["fragment_only"] and is_whole(n)]
    pool = full or [n for n in variants if is_whole(n)] or list(variants)
    return min(pool, key=lambda n: (-variants[n]["count"], variants[n]["first"]))


def refresh_quotes(
    db: sqlite_utils.Database, quote_ids: Iterable[int], *, new: set[int] = frozenset(), assigned: list = (),
    founders: dict[int, int] | None = None,
) -> None:
    """Recompute canonical wording, counts, speaker and each occurrence's drift; insert the `new` rows.

    `assigned` holds the rows of occurrences just put into these clusters but not yet written
    (`refresh_row`); `founders` the founding printing of clusters founded or founded again.
    """
    ids = sorted(set(quote_ids))
    founders = founders or {}
    conn = db.conn
    waiting: dict[int, list] = defaultdict(list)
    for row in assigned:
        waiting[row[1]].append(row)
    for values in chunked(ids):
        old = [quote_id for quote_id in values if quote_id not in new]
        rows = conn.execute(
            f"""
            select o.id, o.quote_id, o.text, o.normalized, o.kind, o.person_id, o.article_id,
                   a.outlet_id, coalesce(o.seen_at, a.time_key), o.is_canonical, o.drift, 0, a.url, o.start
            from quote_occurrences o join articles a on a.id = o.article_id
            where o.quote_id in ({placeholders(old)})
            """,
            old,
        ).fetchall() if old else []
        by_quote: dict[int, list] = defaultdict(list)
        for row in rows:
            by_quote[row[1]].append(row)
        for quote_id in values:
            by_quote[quote_id].extend(waiting.get(quote_id, ()))
            if not by_quote[quote_id]:
                del by_quote[quote_id]
        quote_updates = []
        occurrence_updates = []
        empty = [quote_id for quote_id in values if quote_id not in by_quote]
        people = load_people(db, [row[5] for rows in by_quote.values() for row in rows if row[5] is not None])
        for quote_id, occurrences in by_quote.items():
            variants: dict[str, dict] = {}
            votes: list[tuple[int, tuple]] = []
            for _, _, text, normalized, kind, person_id, _, _, time_key, _, _, _, url, start in occurrences:
                normalized = normalized if normalized is not None else normalize_quote(text)
                # time, then place: never the printing's id, so import order decides nothing
                order = (time_key is None, time_order(time_key) if time_key else "", url or "", start)
                info = variants.get(normalized)
                if info is None:
                    info = variants[normalized] = {
                        "count": 0, "first": order, "text": text, "elided": False,
                        "fragment_only": True,
                    }
                info["count"] += 1
                if order < info["first"]:
                    info["first"], info["text"] = order, text
                info["elided"] = info["elided"] or bool(ELLIPSIS_RE.search(text or ""))
                info["fragment_only"] = info["fragment_only"] and kind == "fragment"
                if person_id is not None:
                    votes.append((person_id, order[:2]))
            canonical = choose_canonical(variants)
            canonical_text = tidy_wording(variants[canonical]["text"])
            person_id = choose_person(votes, people)
            times = [row[8] for row in occurrences if row[8]]
            quote_updates.append(
                (
                    canonical_text,
                    canonical,
                    people[person_id].name if person_id is not None else None,
                    person_id,
                    len(canonical.split()),
                    min(times, key=time_order) if times else None,
                    len({row[6] for row in occurrences}),
                    len({row[7] for row in occurrences if row[7] is not None}),
                    len(variants) - 1,
                    quote_id,
                )
            )
            drifts: dict[str, str | None] = {}
            for occ_id, _, text, normalized, *_, is_canonical, drift, waiting_row, _, _ in occurrences:
                normalized = normalized if normalized is not None else normalize_quote(text)
                if text not in drifts:
                    drifts[text] = describe_drift(canonical_text, text)
                # the canonical words may be printed another way ("don't" for "do not"): a drift still shown
                update = (quote_id, normalized, int(normalized == canonical), drifts[text], occ_id)
                if waiting_row or (is_canonical, drift) != update[2:4]:
                    occurrence_updates.append(update)
        conn.executemany(
            """insert into quotes (text, normalized, speaker, person_id, word_count, first_seen, article_count,
            outlet_count, variant_count, founder_id, id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [(*row[:-1], founders.get(row[-1]), row[-1]) for row in quote_updates if row[-1] in new],
        )
        old = [quote_id for quote_id in values if quote_id not in new]
        current = {
            row[-1]: row
            for row in conn.execute(
                f"""select text, normalized, speaker, person_id, word_count, first_seen, article_count, outlet_count,
                variant_count, id from quotes where id in ({placeholders(old)})""",
                old,
            )
        } if old else {}
        conn.executemany(  # unchanged rows are left alone: every update re-indexes the quote's text
            """update quotes set text = ?, normalized = ?, speaker = ?, person_id = ?, word_count = ?,
            first_seen = ?, article_count = ?, outlet_count = ?, variant_count = ? where id = ?""",
            [row for row in quote_updates if row[-1] not in new and current.get(row[-1]) != row],
        )
        conn.executemany(
            "update quotes set founder_id = ? where id = ? and founder_id is not ?",
            [(founders[quote_id], quote_id, founders[quote_id]) for quote_id in old if quote_id in founders],
        )
        conn.executemany(
            "update quote_occurrences set quote_id = ?, normalized = ?, is_canonical = ?, drift = ? where id = ?",
            occurrence_updates,
        )
        if empty:
            conn.execute(f"delete from lineage where quote_id in ({placeholders(empty)})", empty)
            conn.execute(f"delete from quote_grams where quote_id in ({placeholders(empty)})", empty)
            conn.execute(f"delete from quotes where id in ({placeholders(empty)})", empty)


def rebuild_clusters(db: sqlite_utils.Database) -> None:
    """Forget every cluster, gram and lineage row, then assign all occurrences again.

    A cluster founded again by its founding printing (or holding it) keeps its id (`Placement.reused_ids`),
    so a quote's page and citation stay where they were; the ids left over are retired (`retired_quotes`).
    """
    founders = dict(db.execute("select id, founder_id from quotes").fetchall())
    orphans: dict[int, list[int]] = defaultdict(list)
    for printing_id, quote_id in db.execute(
        "select o.id, o.quote_id from quote_occurrences o join quotes q on q.id = o.quote_id "
        "where q.founder_id is null order by o.id"
    ):
        orphans[quote_id].append(printing_id)
    with db.conn:
        db.execute("delete from lineage")
        db.execute(
            "update quote_occurrences set quote_id = null, is_canonical = null, drift = null"
        )
        db.execute("delete from quote_grams")
        db.execute("delete from quotes")
    assign_occurrences(db, (founders, dict(orphans)))
