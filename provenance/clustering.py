"""Quote clustering: variants of one quotation grouped incrementally through an n-gram index.

Each occurrence without a cluster is normalised (provenance/normalize.py) and goes, in this order:
to the cluster of an identical wording; else to a candidate cluster found through
`quote_grams` (hashed word 4-grams of every clustered wording; grams in more than
MAX_GRAM_POSTINGS clusters suggest nothing) and confirmed against the cluster's canonical
wording with the MemeTracker rule and its 6-word / 3-content-word guard (elided quotes match
segment by segment); else to a new cluster. Confirmation is against the cluster's own
wording, never a variant's, so clusters do not chain. Fragments (a few words of a quotation)
come after full quotes and join the quotation printed beside them (the one exception to the
above: a fragment is also compared with the cluster's variants printed beside it, since it may
be cut from an altered one), else one holding them word for word (same speaker first, then the
closest in time, within MAX_FRAGMENT_GAP); a wording given to another person (`speakers_agree`:
"Kowalski" is "Ines Kowalski") links only when it is mostly the cluster's (OTHER_SPEAKER_SHARE),
never as a fragment; wordings too short to be recognised ("No.") group only per speaker. Each
touched cluster then gets its canonical wording (the most frequent full wording, ties to the
earliest), counts, speaker (the person its printings name most, provenance/people.py, under that
person's canonical name), and each occurrence its word-level drift from the canonical wording.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone

import sqlite_utils

from db.bulk import bulk_stage
from provenance.normalize import (
    ELLIPSIS_RE,
    GRAM_SIZE,
    MIN_FRAGMENT_CONTENT_WORDS,
    MIN_FRAGMENT_WORDS,
    MIN_LINK_WORDS,
    STOPWORDS,
    compare_wordings,
    count_content_words,
    describe_drift,
    find_run,
    hash_grams,
    normalize_quote,
    split_elisions,
)
from provenance.people import choose_person, load_people, place_unplaced
from provenance.times import TIME_ORDER_SQL, time_order

LOGGER = logging.getLogger(__name__)

TRAILING_CLAUSE_PUNCTUATION_RE = re.compile(r"[\s,;:]+$")

MAX_GRAM_POSTINGS = 100  # a gram shared by more clusters than this is too common to suggest one
MAX_CANDIDATES = 8  # clusters confirmed per wording, best gram overlap first
MAX_FRAGMENT_GAP = 30 * 86400  # seconds: a fragment joins a quote in the news within a month
OTHER_SPEAKER_SHARE = 0.8  # another person's wording links only with this share of it in the cluster's
MAX_FRAGMENT_CANDIDATES = 50  # a short phrase's words in more quotes than this: a cliché, not a fragment
CHUNK = 500  # ids or values per "in (...)" query
FTS_WORD_RE = re.compile(r"\w+", re.UNICODE)


@dataclass
class Wording:
    """One distinct normalised wording among the occurrences being assigned."""

    normalized: str
    words: list[str]
    text: str  # as first printed
    segments: list[list[str]] | None = None  # word segments when printed with an ellipsis
    occurrences: list[tuple[int, int, str | None]] = field(default_factory=list)  # (id, article, speaker)
    speakers: Counter = field(default_factory=Counter)
    first_time: str | None = None  # time key of the earliest article printing it
    fragment: bool = True  # every occurrence is of kind 'fragment'

    @property
    def speaker(self) -> str | None:
        """The most common speaker name given to this wording."""
        return self.speakers.most_common(1)[0][0] if self.speakers else None


@dataclass
class Cluster:
    """What assignment needs to know about a cluster: its reference wording and speaker."""

    id: int
    words: list[str]
    speaker: str | None
    is_new: bool = False
    text: str = ""
    first_seen: str | None = None
    segments: list[list[str]] | None = None  # when the reference wording is printed with an ellipsis


def chunked(values: list, size: int = CHUNK) -> Iterator[list]:
    """Consecutive slices of `values` of at most `size` items."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def placeholders(values: list) -> str:
    """'?, ?, ...' for an "in (...)" clause."""
    return ", ".join("?" * len(values))


def fragment_windows(words: list[str]) -> list[str]:
    """Every run of MIN_FRAGMENT_WORDS up to GRAM_SIZE - 1 words: fragments no gram can find."""
    return [
        " ".join(words[i : i + size])
        for size in range(MIN_FRAGMENT_WORDS, GRAM_SIZE)
        for i in range(len(words) - size + 1)
    ]


def elisions_of(text: str | None) -> list[list[str]] | None:
    """The word segments of a wording printed with an ellipsis inside it, else None."""
    if not text or not ELLIPSIS_RE.search(text):
        return None
    segments = split_elisions(text)
    return segments if len(segments) > 1 else None


def is_linkable(words: list[str]) -> bool:
    """True when a wording is long enough to be recognised as one quotation wherever it is printed."""
    return len(words) >= MIN_FRAGMENT_WORDS and count_content_words(words) >= MIN_FRAGMENT_CONTENT_WORDS


def speakers_agree(first: str | None, second: str | None) -> bool | None:
    """Whether two speaker names can be one person; None when either is not known.

    "Kowalski" and "Ines Kowalski" agree (a surname alone, or any name whose words all appear in
    the other, ending with the same word); "Ines Kowalski" and "Dan Cole" do not.
    """
    if not first or not second:
        return None
    a, b = first.casefold().split(), second.casefold().split()
    if len(a) > len(b):
        a, b = b, a
    return a[-1] == b[-1] and set(a) <= set(b)


def time_value(value: str | None) -> float | None:
    """Seconds since the epoch of an ISO time key (a date counts from its midnight, UTC)."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value[:19] if len(value) > 10 else value[:10])
    except ValueError:
        return None
    return moment.replace(tzinfo=timezone.utc).timestamp()


def load_wordings(
    db: sqlite_utils.Database,
) -> tuple[list[Wording], dict[int, list[Wording]], dict[int, list]]:
    """The distinct wordings of occurrences without a cluster (earliest article first), by article, and the rows."""
    wordings: dict[str, Wording] = {}
    by_article: dict[int, list[Wording]] = defaultdict(list)
    occurrences: dict[int, list] = {}
    # earliest first, a date alone after the times of its day: the first wording founds a cluster
    rows = db.execute(
        f"""
        select o.id, o.text, o.speaker_name, o.kind, o.article_id, coalesce(o.seen_at, a.time_key) as printed,
               a.outlet_id, o.person_id
        from quote_occurrences o join articles a on a.id = o.article_id
        where o.quote_id is null
        order by printed is null, {TIME_ORDER_SQL.format("printed")}, a.id, o.start, o.id
        """
    )
    for occurrence_id, text, speaker_name, kind, article_id, time_key, outlet_id, person_id in rows:
        normalized = normalize_quote(text)
        # (id, quote id, text, normalized, kind, person, article, outlet, time, is_canonical, drift, new)
        occurrences[occurrence_id] = [
            occurrence_id, None, text, normalized, kind, person_id, article_id, outlet_id, time_key,
            None, None, True,
        ]
        words = normalized.split()
        # "No.", "appalling": too short to be one quotation wherever printed; grouped only per speaker
        key = normalized if is_linkable(words) else (normalized, speaker_name or f"#{article_id}")
        wording = wordings.get(key)
        if wording is None:
            wording = wordings[key] = Wording(normalized, words, text or "")
            wording.first_time = time_key
        wording.fragment = wording.fragment and kind == "fragment"
        if wording not in by_article[article_id]:
            by_article[article_id].append(wording)
        if wording.segments is None:
            wording.segments = elisions_of(text)
        wording.occurrences.append((occurrence_id, article_id, speaker_name))
        if speaker_name:
            wording.speakers[speaker_name] += 1
    return list(wordings.values()), by_article, occurrences


class Assigner:
    """Assigns wordings to clusters: exact match, then gram candidates confirmed by the rule."""

    def __init__(
        self, db: sqlite_utils.Database, wordings: list[Wording], by_article: dict[int, list[Wording]]
    ) -> None:
        self.db = db
        self.by_article = by_article
        self.occurrence_cluster: dict[int, int] = {}
        self.clusters: dict[int, Cluster] = {}
        self.exact: dict[str, int] = {}
        self.exact_by_speaker: dict[tuple[str, str], int] = {}  # wordings too short to link, per speaker
        self.postings: dict[int, set[int]] = defaultdict(set)
        self.common: set[int] = set()  # grams found in more than MAX_GRAM_POSTINGS clusters
        self.new_grams: list[tuple[int, int]] = []
        self.assigned: dict[str, int] = {}
        self.new_windows: dict[str, set[int]] = {}  # short wording -> new clusters containing it
        self.next_id = (db.execute("select max(id) from quotes").fetchone()[0] or 0) + 1
        self.preload(wordings)

    def preload(self, wordings: list[Wording]) -> None:
        """Load the existing clusters that share a wording or a usable gram with the batch."""
        normalized = {wording.normalized for wording in wordings}
        if self.next_id > 1:  # fragments already clustered that a new full quote may contain
            normalized.update(window for wording in wordings for window in fragment_windows(wording.words))
        for values in chunked(sorted(normalized)):
            for text, quote_id in self.db.execute(
                f"""select normalized, min(quote_id) from quote_occurrences
                where quote_id is not null and normalized in ({placeholders(values)})
                group by normalized""",
                values,
            ):
                self.exact[text] = quote_id
        unlinkable = sorted({w.normalized for w in wordings if w.speaker and not is_linkable(w.words)})
        for values in chunked(unlinkable):
            for text, speaker, quote_id in self.db.execute(
                f"""select normalized, speaker_name, min(quote_id) from quote_occurrences
                where quote_id is not null and speaker_name is not null and normalized in ({placeholders(values)})
                group by normalized, speaker_name""",
                values,
            ):
                self.exact_by_speaker[(text, speaker)] = quote_id
        grams = sorted({gram for wording in wordings for gram in hash_grams(wording.words)})
        usable = []
        for values in chunked(grams):
            for gram, count in self.db.execute(
                f"""select gram, count(*) from quote_grams where gram in ({placeholders(values)})
                group by gram""",
                values,
            ):
                if count <= MAX_GRAM_POSTINGS:
                    usable.append(gram)
                else:
                    self.common.add(gram)
        for values in chunked(usable):
            for gram, quote_id in self.db.execute(
                f"select gram, quote_id from quote_grams where gram in ({placeholders(values)})",
                values,
            ):
                self.postings[gram].add(quote_id)
        self.load_clusters({quote_id for ids in self.postings.values() for quote_id in ids})

    def load_clusters(self, quote_ids: Iterable[int]) -> None:
        """Reference wording and speaker of existing clusters not yet loaded."""
        missing = sorted(qid for qid in quote_ids if qid not in self.clusters)
        for values in chunked(missing):
            for quote_id, normalized, text, speaker, first_seen in self.db.execute(
                f"""select id, normalized, text, speaker, first_seen from quotes
                where id in ({placeholders(values)})""",
                values,
            ):
                words = (normalized or normalize_quote(text)).split()
                self.clusters[quote_id] = Cluster(
                    quote_id, words, speaker, text=text, first_seen=first_seen, segments=elisions_of(text)
                )

    def candidates_from_grams(self, wording: Wording) -> list[int]:
        """Clusters sharing the most usable 4-grams with the wording."""
        shared: Counter = Counter()
        for gram in hash_grams(wording.words):
            posting = self.postings.get(gram)
            if not posting or gram in self.common or len(posting) > MAX_GRAM_POSTINGS:
                continue
            shared.update(posting)
        return [qid for qid, _ in sorted(shared.items(), key=lambda item: (-item[1], item[0]))][
            :MAX_CANDIDATES
        ]

    def candidates_from_fragments(self, wording: Wording) -> list[int]:
        """Clusters founded by a short fragment (too short for grams) that this wording contains."""
        found = {self.exact[window] for window in fragment_windows(wording.words) if window in self.exact}
        self.load_clusters(found)
        return sorted(found)

    def index_new_windows(self, short: list[Wording]) -> None:
        """For the short wordings of this batch, the new clusters whose wordings contain them."""
        wanted = {wording.normalized for wording in short}
        self.new_windows = defaultdict(set)
        for normalized, quote_id in self.assigned.items():
            if self.clusters[quote_id].is_new:
                for window in fragment_windows(normalized.split()):
                    if window in wanted:
                        self.new_windows[window].add(quote_id)

    def candidates_from_phrase(self, wording: Wording) -> list[int]:
        """Clusters whose text holds a short wording: new ones in memory, older ones by full-text search."""
        new = sorted(self.new_windows.get(wording.normalized, ()))
        words = sorted({
            word for word in FTS_WORD_RE.findall(wording.text.casefold())
            if len(word) > 1 and word not in STOPWORDS
        })
        if not words:
            return new
        # content words only: a stopword's list of quotes is as long as the corpus
        query = " AND ".join(f'text: "{word}"' for word in words)
        try:
            rows = self.db.execute(
                "select rowid from quotes_fts where quotes_fts match ? limit ?",
                [query, MAX_FRAGMENT_CANDIDATES + 1],
            ).fetchall()
        except sqlite3.OperationalError as error:
            LOGGER.warning("full-text lookup of fragment %r failed: %s", wording.text, error)
            return new
        if len(rows) > MAX_FRAGMENT_CANDIDATES:
            return new
        ids = [row[0] for row in rows]
        self.load_clusters(ids)
        return new + [quote_id for quote_id in ids if quote_id not in new]

    def confirm(
        self, wording: Wording, candidates: list[int], speaker: str | None,
        neighbours: frozenset[int] = frozenset(), beside: dict[int, list[Wording]] | None = None,
    ) -> int | None:
        """The best candidate cluster the MemeTracker rule links the wording to, if any.

        `beside` holds, by cluster, the wordings printed in the same article as this one: a
        fragment of an altered wording links to the cluster through the wording it was cut from.
        """
        best_key, best_id = None, None
        when = time_value(wording.first_time)
        for quote_id in candidates:
            cluster = self.clusters.get(quote_id)
            if cluster is None:
                continue
            match = compare_wordings(
                wording.words, cluster.words, a_segments=wording.segments, b_segments=cluster.segments
            )
            for other in (beside or {}).get(quote_id, ()):
                if match.linked:
                    break
                match = compare_wordings(
                    wording.words, other.words, a_segments=wording.segments, b_segments=other.segments
                )
            if not match.linked:
                continue
            short = match.shorter < 6
            agree = speakers_agree(speaker, cluster.speaker)
            if agree is False and (short or match.overlap < OTHER_SPEAKER_SHARE * match.shorter):
                # a fragment of another person's quote, or another person's sentence that opens
                # the same way, is not this quote; most of the same words under another name are
                # (a misattribution is drift too)
                continue
            same_speaker = agree is True
            seen = time_value(cluster.first_seen)
            distance = abs(when - seen) if when is not None and seen is not None else float("inf")
            if short and quote_id not in neighbours and distance != float("inf") and distance > MAX_FRAGMENT_GAP:
                continue  # a stock phrase from a quote long out of the news
            # printed beside its full quote, said by the same person, closest wording, in the news then
            key = (short and quote_id in neighbours, same_speaker, match.overlap / (match.shorter + 3), -distance, -quote_id)
            if best_key is None or key > best_key:
                best_key, best_id = key, quote_id
        return best_id

    def too_far(self, wording: Wording, quote_id: int) -> bool:
        """True when the wording was printed more than MAX_FRAGMENT_GAP from the cluster's first time."""
        self.load_clusters([quote_id])
        when, seen = time_value(wording.first_time), time_value(self.clusters[quote_id].first_seen)
        return when is not None and seen is not None and abs(when - seen) > MAX_FRAGMENT_GAP

    def add_cluster(self, wording: Wording) -> int:
        """A new cluster founded by this wording."""
        quote_id = self.next_id
        self.next_id += 1
        self.clusters[quote_id] = Cluster(
            quote_id, wording.words, wording.speaker, is_new=True, text=wording.text,
            first_seen=wording.first_time, segments=wording.segments,
        )
        return quote_id

    def index(self, wording: Wording, quote_id: int) -> None:
        """Remember the wording's cluster and add its grams to the index."""
        if not is_linkable(wording.words):
            if wording.speaker:
                self.exact_by_speaker[(wording.normalized, wording.speaker)] = quote_id
            return
        self.exact[wording.normalized] = quote_id
        self.assigned[wording.normalized] = quote_id
        for gram in hash_grams(wording.words):
            posting = self.postings[gram]
            if quote_id not in posting:
                posting.add(quote_id)
                self.new_grams.append((gram, quote_id))

    def assign(self, wording: Wording) -> int:
        """The cluster of one wording, creating it when nothing matches."""
        if is_linkable(wording.words):
            quote_id = self.exact.get(wording.normalized)
        else:
            quote_id = self.exact_by_speaker.get((wording.normalized, wording.speaker)) if wording.speaker else None
        if quote_id is not None and len(wording.words) < MIN_LINK_WORDS and self.too_far(wording, quote_id):
            quote_id = None  # the same few words months apart: a stock phrase, not the same quote
        if quote_id is None and is_linkable(wording.words):
            if len(wording.words) < GRAM_SIZE:
                content = count_content_words(wording.words)
                if len(wording.words) >= MIN_FRAGMENT_WORDS and content >= MIN_FRAGMENT_CONTENT_WORDS:
                    quote_id = self.confirm(wording, self.candidates_from_phrase(wording), wording.speaker)
            else:
                quote_id = self.confirm(wording, self.candidates_from_grams(wording), wording.speaker)
                if quote_id is None:
                    quote_id = self.confirm(wording, self.candidates_from_fragments(wording), wording.speaker)
        if quote_id is None:
            quote_id = self.add_cluster(wording)
        self.load_clusters([quote_id])
        self.index(wording, quote_id)
        return quote_id

    def printed_beside(self, wording: Wording, article_id: int) -> list[Wording]:
        """The other (full, clustered) wordings printed in the same article."""
        return [
            other for other in self.by_article.get(article_id, ())
            if other is not wording and not other.fragment and other.normalized in self.assigned
        ]

    def assign_occurrences_of(self, wording: Wording, *, beside: bool) -> None:
        """Assign a wording's occurrences; with `beside`, a fragment goes to a quote printed beside it."""
        rest = wording.occurrences
        if beside:
            # occurrences grouped by the clusters of the full wordings printed in their articles,
            # with those wordings by cluster
            groups: dict[frozenset[int], list[tuple[int, int, str | None]]] = defaultdict(list)
            printed: dict[frozenset[int], dict[int, list[Wording]]] = {}
            for occurrence in wording.occurrences:
                others = self.printed_beside(wording, occurrence[1])
                neighbours = frozenset(self.assigned[other.normalized] for other in others)
                groups[neighbours].append(occurrence)
                by_cluster = printed.setdefault(neighbours, defaultdict(list))
                for other in others:
                    if other not in by_cluster[self.assigned[other.normalized]]:
                        by_cluster[self.assigned[other.normalized]].append(other)
            rest = groups.pop(frozenset(), [])
            for neighbours, occurrences in groups.items():
                self.load_clusters(neighbours)
                speakers = Counter(speaker for _, _, speaker in occurrences if speaker)
                speaker = speakers.most_common(1)[0][0] if speakers else None
                quote_id = self.confirm(wording, sorted(neighbours), speaker, neighbours, printed[neighbours])
                if quote_id is None:
                    rest.extend(occurrences)
                    continue
                for occurrence_id, _, _ in occurrences:
                    self.occurrence_cluster[occurrence_id] = quote_id
        if rest:
            quote_id = self.assign(wording)
            for occurrence_id, _, _ in rest:
                self.occurrence_cluster[occurrence_id] = quote_id

    def assign_safely(self, wording: Wording, *, beside: bool) -> None:
        """Assign a wording's occurrences; a wording that fails is logged and gets a cluster of its own."""
        try:
            self.assign_occurrences_of(wording, beside=beside)
        except Exception:  # one odd wording must not stop a long job
            LOGGER.exception("clustering %r failed; it gets a cluster of its own", wording.text[:80])
            quote_id = self.add_cluster(wording)
            for occurrence_id, _, _ in wording.occurrences:
                self.occurrence_cluster.setdefault(occurrence_id, quote_id)

    def flush(self) -> None:
        """Write the new grams (occurrences and quotes rows are written with all their columns later)."""
        conn = self.db.conn
        conn.executemany(  # in index order: neighbouring pages
            "insert or ignore into quote_grams (gram, quote_id) values (?, ?)", sorted(self.new_grams)
        )
        self.new_grams = []


def assign_occurrences(db: sqlite_utils.Database) -> set[int]:
    """Put every occurrence without a cluster into one; returns the ids of the clusters touched."""
    with bulk_stage(db):
        return assign_all(db)


def assign_all(db: sqlite_utils.Database) -> set[int]:
    """The body of `assign_occurrences`."""
    place_unplaced(db)  # a printing's person comes first: the cluster's speaker is its person
    wordings, by_article, occurrences = load_wordings(db)
    if not wordings:
        return set()
    # full quotes first; fragments and short wordings after, when the quotes they are part of
    # have clusters
    short_wordings = [w for w in wordings if len(w.words) < GRAM_SIZE or w.fragment]
    long_wordings = [w for w in wordings if not (len(w.words) < GRAM_SIZE or w.fragment)]
    with db.conn:
        # occurrences point at new quotes rows before these are written, with every column, once
        if not db.conn.in_transaction:
            db.conn.execute("begin")
        db.conn.execute("pragma defer_foreign_keys = on")  # lasts until this transaction ends
        assigner = Assigner(db, wordings, by_article)
        for wording in long_wordings:
            assigner.assign_safely(wording, beside=False)
        assigner.index_new_windows(short_wordings)
        for wording in short_wordings:
            assigner.assign_safely(wording, beside=True)
        assigner.flush()
        for occurrence_id, quote_id in assigner.occurrence_cluster.items():
            occurrences[occurrence_id][1] = quote_id
        touched = set(assigner.occurrence_cluster.values())
        new = {quote_id for quote_id in touched if assigner.clusters[quote_id].is_new}
        refresh_quotes(db, touched, new=new, assigned=list(occurrences.values()))
    LOGGER.info(
        "assigned %d occurrences (%d wordings) to %d clusters",
        sum(len(w.occurrences) for w in wordings),
        len(wordings),
        len(touched),
    )
    return touched


def tidy_wording(text: str) -> str:
    """A printed wording as a cluster's text: without the comma or colon the sentence put inside the marks."""
    return TRAILING_CLAUSE_PUNCTUATION_RE.sub("", text)


def choose_canonical(variants: dict[str, dict]) -> str:
    """The most frequent full wording (not a fragment, elided or excerpt), ties to the earliest."""

    def is_full(normalized: str, info: dict) -> bool:
        if info["elided"] or info["fragment_only"]:
            return False
        words = normalized.split()
        return not any(
            other != normalized and len(other.split()) > len(words) and find_run(words, other.split()) >= 0
            for other in variants
        )

    full = [normalized for normalized, info in variants.items() if is_full(normalized, info)]
    pool = full or list(variants)
    return min(pool, key=lambda n: (-variants[n]["count"], variants[n]["first"]))


def refresh_quotes(
    db: sqlite_utils.Database, quote_ids: Iterable[int], *, new: set[int] = frozenset(), assigned: list = ()
) -> None:
    """Recompute canonical wording, counts, speaker and each occurrence's drift; insert the `new` rows.

    `assigned` holds the rows of occurrences just put into these clusters but not yet written.
    """
    ids = sorted(set(quote_ids))
    conn = db.conn
    waiting: dict[int, list] = defaultdict(list)
    for row in assigned:
        waiting[row[1]].append(row)
    for values in chunked(ids):
        old = [quote_id for quote_id in values if quote_id not in new]
        rows = conn.execute(
            f"""
            select o.id, o.quote_id, o.text, o.normalized, o.kind, o.person_id, o.article_id,
                   a.outlet_id, coalesce(o.seen_at, a.time_key), o.is_canonical, o.drift, 0
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
            for occ_id, _, text, normalized, kind, person_id, _, _, time_key, *_ in occurrences:
                normalized = normalized if normalized is not None else normalize_quote(text)
                order = (time_key is None, time_key or "", occ_id)
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
                    votes.append((person_id, order[:2]))  # not the printing's id: import order decides nothing
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
            for occ_id, _, text, normalized, *_, is_canonical, drift, waiting_row in occurrences:
                normalized = normalized if normalized is not None else normalize_quote(text)
                if normalized == canonical:
                    update = (quote_id, normalized, 1, None, occ_id)
                else:
                    if text not in drifts:
                        drifts[text] = describe_drift(canonical_text, text)
                    update = (quote_id, normalized, 0, drifts[text], occ_id)
                if waiting_row or (is_canonical, drift) != update[2:4]:
                    occurrence_updates.append(update)
        conn.executemany(
            """insert into quotes (text, normalized, speaker, person_id, word_count, first_seen, article_count,
            outlet_count, variant_count, id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [row for row in quote_updates if row[-1] in new],
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
            "update quote_occurrences set quote_id = ?, normalized = ?, is_canonical = ?, drift = ? where id = ?",
            occurrence_updates,
        )
        if empty:
            conn.execute(f"delete from lineage where quote_id in ({placeholders(empty)})", empty)
            conn.execute(f"delete from quote_grams where quote_id in ({placeholders(empty)})", empty)
            conn.execute(f"delete from quotes where id in ({placeholders(empty)})", empty)


def rebuild_clusters(db: sqlite_utils.Database) -> None:
    """Forget every cluster, gram and lineage row, then assign all occurrences again."""
    with db.conn:
        db.execute("delete from lineage")
        db.execute(
            "update quote_occurrences set quote_id = null, is_canonical = null, drift = null"
        )
        db.execute("delete from quote_grams")
        db.execute("delete from quotes")
    assign_occurrences(db)
