"""Synthetic news corpora with planted quote cascades and their true lineage (fictional, .example).

Each story is one cascade of a few quotations: an exclusive (an outlet's scoop picked up by a wire,
reprinted, credited, linked, copied and altered), a wire original, a public statement (several
outlets at one news conference) or a scoop by an outlet that is never crawled. The generator
knows, for every occurrence, its true source and evidence, and for every cluster its origin.

Outputs: JSON Lines in the import format (url, text or html, title, outlet, published, author),
an outlet registry CSV for `provenance import --registry`, and truth.json; or the analysed rows
inserted straight into a database (`load_into_db`) to time the cross-article stages alone.

    python benchmarks/synthetic.py --articles 2000 --out /tmp/synthetic
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import sqlite_utils

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from provenance.outlets import COLUMNS as REGISTRY_COLUMNS  # noqa: E402
from provenance.reuse import STOPWORDS  # noqa: E402

START = datetime(2026, 1, 5, tzinfo=timezone.utc)
SPAN_DAYS = 120
DATE_ONLY_SHARE = 0.05  # articles published with a date only (never origins or alterations)

CONTENT_WORDS = """harbour council budget terminal crane contract union workers mayor port lease
vote price tax school teacher hospital bridge river road railway station airport ferry fleet
market energy power grid water supply pipeline housing rent tenant landlord police court judge
trial verdict appeal minister ministry cabinet election ballot campaign party leader deputy
senator governor province region city town village district county farmers harvest drought
flood storm coast beach tourism hotel museum library theatre festival stadium league coach
player season title trophy license permit factory plant mine steel timber fishing quota
shipping cargo container freight warehouse retail shop owner wages salary pension benefit
health nurse doctor clinic patient vaccine research science university student campus fees
scholarship loan debt deficit surplus revenue spending audit report inquiry review scandal
safety standard regulation reform policy plan strategy proposal deal agreement treaty border
customs trade export import tariff industry company board shareholder investor profit loss
merger takeover bid offer sale buyer seller asset property land site zone development project
construction contractor delay cost overrun estimate forecast growth recession inflation interest
mortgage bank credit lender regulator watchdog complaint customer service network signal cable
broadband mobile phone software data privacy security breach attack defence army navy
veteran memorial ceremony parade protest strike picket negotiation talks deadline promise
pledge commitment future decade generation children families parents neighbours community
volunteers charity donation funding grant scheme programme initiative pilot trial results
evidence witness statement interview lawyer advocate critic opponent supporter ally rival
partner neighbour citizen resident voter taxpayer""".split()
FUNCTION_WORDS = """the a this that every our their its we they it and but so because when if
will would must should can could not never always still only just also very""".split()
VERBS = """protect deliver fund build close open sell buy defend reject accept support oppose
review delay cancel approve demand expect promise fight save cut raise lower share explain
ignore question welcome challenge finish begin replace restore""".split()
COMMON_OPENING = "at the end of the day"  # shared by many quotes: grams too common to index
# News uses many words, a few very often: content words are drawn from VOCABULARY of them by
# the Zipf-Mandelbrot law, weight 1 / (rank + ZIPF_OFFSET) (CONTENT_WORDS first, then made-up
# words; the most common is about 1.5 % of content words). With CONTENT_WORDS alone, drawn evenly
# (vocabulary 0, the corpora of earlier measurements), pairs of content words run out: at
# 100,000 articles an indexed fingerprint was held by 25 articles on average (5 at 10,000), so
# every article shared fingerprints with hundreds of unrelated ones, as news does not.
VOCABULARY = 6000
ZIPF_OFFSET = 10  # flattens the head of the law: the most common word is not many times the next

FIRST_NAMES = """Dana Priya Marcus Ana Lee Sam Noor Tomas Ines Kofi Mei Rafael Elin Joon Farah
Otto Leila Bruno Sade Ivo Maren Yusuf Clara Dev Hana Luca Zora Emil Nia Teo""".split()
LAST_NAMES = """Whitfield Raman Oyelaran Ruiz Park Oduya Lindqvist Haddad Moreau Brandt Achebe
Novak Castell Ferreira Kowal Tanaka Duarte Mbeki Holm Quist Varga Ahn Sorensen Petit Lund
Okafor Reyes Strand Vidal Bauer""".split()
TOWNS = """Harborton Eastpoint Millbrook Carrow Danford Elmstead Fairhaven Glenmoor Hollins
Ivywater Juniper Kestrel Larkspur Marlow Northcote Oakridge Pinecrest Quarry Redwater
Stonebridge Thornbury Upton Vale Westmere Yarrow Zenith Ashby Brackley Coldwell Dunmore""".split()
PAPER_NOUNS = ["Ledger", "Herald", "Gazette", "Courier", "Sentinel", "Tribune", "Chronicle",
               "Observer", "Post", "Times", "Record", "Mercury", "Star", "Examiner", "Journal"]


@dataclass
class SynOutlet:
    key: str
    name: str
    kind: str
    domain: str
    abbreviation: str = ""
    crawled: bool = True


@dataclass
class SynOccurrence:
    text: str
    speaker: str | None
    kind: str
    cluster: int
    start: int = 0
    end: int = 0
    source_url: str | None = None  # true source article
    source_outlet: str | None = None  # true source outlet (set even when the article is unknown)
    evidence: str = "origin"


@dataclass
class SynCredit:
    outlet: str
    kind: str
    cue: str
    scope: str = "story"
    is_copy: bool = False
    via: str | None = None
    quote: int | None = None  # index into the article's occurrences, for quote-scoped credits


@dataclass
class SynArticle:
    url: str
    outlet: str
    time: datetime
    date_only: bool = False
    title: str = ""
    author: str | None = None
    text: str = ""
    occurrences: list[SynOccurrence] = field(default_factory=list)
    credits: list[SynCredit] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # urls of linked articles
    reuse: list[tuple[str, float]] = field(default_factory=list)  # (source url, containment)
    body: list[str] = field(default_factory=list)  # own sentences (copied by uncredited copies)

    @property
    def published(self) -> str:
        return self.time.strftime("%Y-%m-%d") if self.date_only else self.time.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Corpus:
    outlets: dict[str, SynOutlet]
    articles: list[SynArticle]
    origins: dict[int, tuple[str, str | None, str]]  # cluster -> (outlet key, article url, kind)
    canonical: dict[int, str]


@dataclass
class Quote:
    cluster: int
    text: str
    speaker: str


def made_up_words(count: int) -> list[str]:
    """`count` pronounceable made-up words (the same ones every time), none a function word."""
    consonants, vowels = "bdfgklmnprstvz", "aeiou"
    taken = set(CONTENT_WORDS) | set(FUNCTION_WORDS) | set(VERBS) | STOPWORDS
    words = []
    for first in consonants:
        for second in vowels:
            for third in consonants:
                for fourth in vowels:
                    for last in ("", *consonants):
                        word = first + second + third + fourth + last
                        if word not in taken:
                            words.append(word)
    random.Random(0).shuffle(words)
    return words[:count]


def vocabulary_size(text: str) -> int:
    """A `--vocabulary` value: 0, or from the CONTENT_WORDS up to as many more as there are made-up words."""
    value = int(text)
    largest = len(CONTENT_WORDS) + len(made_up_words(max(value, 0)))
    if value and not len(CONTENT_WORDS) <= value <= largest:
        raise argparse.ArgumentTypeError(f"0, or {len(CONTENT_WORDS)} to {largest} words; got {value}")
    return value


class Generator:
    """Builds stories until the corpus holds the requested number of articles."""

    def __init__(self, seed: int, vocabulary: int = VOCABULARY) -> None:
        self.random = random.Random(seed)
        self.vocabulary = CONTENT_WORDS + made_up_words(max(0, vocabulary - len(CONTENT_WORDS)))
        if vocabulary and len(self.vocabulary) != vocabulary:  # CONTENT_WORDS are always drawn
            raise ValueError(f"no vocabulary of {vocabulary} words (see `vocabulary_size`)")
        self.content = frozenset(self.vocabulary)
        self.zipf = None  # cumulative weights; None: CONTENT_WORDS drawn evenly
        if vocabulary:
            total, self.zipf = 0.0, []
            for rank in range(1, len(self.vocabulary) + 1):
                total += 1 / (rank + ZIPF_OFFSET)
                self.zipf.append(total)
        self.outlets: dict[str, SynOutlet] = {}
        self.articles: list[SynArticle] = []
        self.origins: dict[int, tuple[str, str | None, str]] = {}
        self.canonical: dict[int, str] = {}
        self.next_cluster = 1
        self.next_article = 1
        self.make_outlets()

    # --- outlets and words -----------------------------------------------------------------

    def make_outlets(self) -> None:
        rnd = self.random
        used = set()

        def add(kind: str, name: str, crawled: bool = True, abbreviation: str = "") -> None:
            key = "".join(ch for ch in name.lower() if ch.isalnum())
            if key in used:
                return
            used.add(key)
            self.outlets[key] = SynOutlet(key, name, kind, f"{key}.example", abbreviation, crawled)

        for word in ["Continental", "Meridian", "Atlas", "Beacon", "Polar", "Summit", "Harbor", "Crown"]:
            add("wire", f"{word} Press", abbreviation=word[:2].upper() + "P")
        for town in TOWNS:
            for noun in rnd.sample(PAPER_NOUNS, 5):
                add("newspaper", f"The {town} {noun}")
            add("broadcaster", f"Channel {rnd.randint(2, 12)} {town}")
            add("broadcaster", f"{town} Public Radio")
            add("aggregator", f"{town}Buzz")
            add("blog", f"{town} Watch")
            add("magazine", f"{town} Monthly")
        for town in TOWNS[:10]:
            add("newspaper", f"The {town} Dispatch", crawled=False)
        for word in ["Orbit", "Granite", "Lantern", "Compass", "Meadow"]:
            add("wire", f"{word} Wire Service", crawled=False, abbreviation=word[:2].upper() + "WS")
        self.by_kind: dict[str, list[str]] = {}
        for outlet in self.outlets.values():
            if outlet.crawled:
                self.by_kind.setdefault(outlet.kind, []).append(outlet.key)
        self.uncrawled = [o.key for o in self.outlets.values() if not o.crawled]

    def pick(self, *kinds: str, exclude: set[str] = frozenset()) -> str:
        while True:
            key = self.random.choice(self.by_kind[self.random.choice(kinds)])
            if key not in exclude:
                return key

    def sentence(self, words: int) -> str:
        rnd = self.random
        out = []
        while len(out) < words:
            out.append(rnd.choice(FUNCTION_WORDS))
            out.append(self.content_word())
            if rnd.random() < 0.4:
                out.append(rnd.choice(VERBS))
        text = " ".join(out[:words])
        return text[0].upper() + text[1:]

    def content_word(self) -> str:
        if self.zipf is None:
            return self.random.choice(CONTENT_WORDS)
        return self.random.choices(self.vocabulary, cum_weights=self.zipf)[0]

    def make_quote(self, speaker: str) -> Quote:
        words = self.random.randint(12, 24)
        text = self.sentence(words)
        if self.random.random() < 0.1:
            text = COMMON_OPENING.capitalize() + " " + text[0].lower() + text[1:]
        quote = Quote(self.next_cluster, text + ".", speaker)
        self.canonical[quote.cluster] = quote.text
        self.next_cluster += 1
        return quote

    def alter(self, text: str) -> str:
        words = text.rstrip(".").split()
        positions = [i for i, w in enumerate(words) if w.lower() in self.content]
        position = self.random.choice(positions)
        if self.zipf is None:
            words[position] = self.random.choice([w for w in CONTENT_WORDS if w != words[position].lower()])
        else:
            word = words[position].lower()
            while word == words[position].lower():
                word = self.content_word()
            words[position] = word
        return " ".join(words) + "."

    def fragment(self, text: str) -> str | None:
        words = text.rstrip(".").split()
        for _ in range(10):
            size = self.random.randint(3, 5)
            start = self.random.randint(0, len(words) - size)
            part = words[start : start + size]
            if sum(1 for w in part if w.lower() in self.content or w.lower() in VERBS) >= 2:
                return " ".join(part).lower()
        return None

    # --- articles -------------------------------------------------------------------------

    def new_article(self, outlet: str, time: datetime, *, date_only: bool = False) -> SynArticle:
        domain = self.outlets[outlet].domain
        article = SynArticle(f"https://{domain}/news/{self.next_article}", outlet, time, date_only)
        self.next_article += 1
        article.title = self.sentence(self.random.randint(5, 9))
        article.body = [self.sentence(self.random.randint(10, 18)) + "." for _ in range(self.random.randint(2, 4))]
        self.articles.append(article)
        return article

    def carry(self, article: SynArticle, quote: Quote, *, text: str | None = None, source: SynArticle | None = None,
              source_outlet: str | None = None, evidence: str = "origin", kind: str = "speech") -> SynOccurrence:
        occurrence = SynOccurrence(
            text or quote.text, quote.speaker if kind != "fragment" else None, kind, quote.cluster,
            source_url=source.url if source else None,
            source_outlet=source.outlet if source else source_outlet,
            evidence=evidence,
        )
        article.occurrences.append(occurrence)
        return occurrence

    def carry_all(self, article: SynArticle, quotes: list[Quote], source: SynArticle | None, evidence: str,
                  *, source_outlet: str | None = None, subset: bool = True, fragments: bool = True) -> None:
        chosen = quotes
        if subset and len(quotes) > 1:
            chosen = [q for q in quotes if self.random.random() < 0.7] or [self.random.choice(quotes)]
        for quote in chosen:
            self.carry(article, quote, source=source, source_outlet=source_outlet, evidence=evidence)
            if fragments and self.random.random() < 0.15:
                part = self.fragment(quote.text)
                if part:
                    self.carry(article, quote, text=part, source=source, source_outlet=source_outlet,
                               evidence=evidence, kind="fragment")

    def later(self, time: datetime, low_minutes: int, high_minutes: int) -> datetime:
        return time + timedelta(minutes=self.random.randint(low_minutes, high_minutes))

    def maybe_date_only(self) -> bool:
        return self.random.random() < DATE_ONLY_SHARE

    def copy_of(self, source: SynArticle, time: datetime, exclude: set[str]) -> SynArticle:
        """An uncredited copy: the source's sentences and quotes, no credit; found by text reuse."""
        outlet = self.pick("aggregator", "blog", "newspaper", exclude=exclude)
        copy = self.new_article(outlet, time, date_only=self.maybe_date_only())
        copy.body = [self.sentence(self.random.randint(8, 14)) + "."] + list(source.body)  # its own intro
        containment = round(self.random.uniform(0.7, 0.98), 2)
        copy.reuse.append((source.url, containment))
        by_cluster = {}
        for occurrence in source.occurrences:
            if occurrence.kind != "fragment":
                by_cluster.setdefault(occurrence.cluster, occurrence)
        for occurrence in by_cluster.values():
            copy.occurrences.append(SynOccurrence(
                occurrence.text, occurrence.speaker, occurrence.kind, occurrence.cluster,
                source_url=source.url, source_outlet=source.outlet, evidence="reuse",
            ))
        return copy

    # --- stories --------------------------------------------------------------------------

    def story(self) -> None:
        roll = self.random.random()
        if roll < 0.45:
            self.exclusive_story()
        elif roll < 0.7:
            self.wire_story()
        elif roll < 0.88:
            self.public_story()
        else:
            self.uncrawled_story()

    def quotes_for_story(self) -> list[Quote]:
        speakers = [f"{self.random.choice(FIRST_NAMES)} {self.random.choice(LAST_NAMES)}" for _ in range(2)]
        return [self.make_quote(self.random.choice(speakers)) for _ in range(self.random.randint(1, 3))]

    def spread(self, quotes: list[Quote], origin: SynArticle, t0: datetime, used: set[str],
               carriers: list[SynArticle]) -> None:
        """Credited rewrites, a link, uncredited copies, an alteration and its copies, a follow-up."""
        rnd = self.random
        for _ in range(rnd.randint(1, 4)):
            outlet = self.pick("newspaper", "aggregator", "broadcaster", "magazine", exclude=used | {origin.outlet})
            credited = origin
            wires = [c for c in carriers if self.outlets[c.outlet].kind == "wire" and c is not origin]
            if wires and rnd.random() < 0.3:
                credited = wires[0]
            time = self.later(max(t0, credited.time), 60, 600)
            article = self.new_article(outlet, time, date_only=self.maybe_date_only())
            article.credits.append(SynCredit(credited.outlet, "according_to", "according to"))
            self.carry_all(article, quotes, credited, "credit")
            carriers.append(article)
        if rnd.random() < 0.3:
            outlet = self.pick("blog", exclude=used)
            article = self.new_article(outlet, self.later(t0, 120, 900), date_only=self.maybe_date_only())
            article.links.append(origin.url)
            self.carry_all(article, quotes, origin, "link")
            carriers.append(article)
        for _ in range(rnd.choice([0, 0, 1, 2])):
            source = rnd.choice(carriers)
            time = self.later(max(source.time, t0) + timedelta(days=1 if source.date_only else 0), 30, 600)
            carriers.append(self.copy_of(source, time, used | {source.outlet}))
        quote = quotes[0]
        printed = sum(
            1 for c in carriers for o in c.occurrences if o.cluster == quote.cluster and o.kind != "fragment"
        )
        copies = rnd.randint(1, 2)
        if printed >= copies + 3 and rnd.random() < 0.35:
            altered = self.alter(quote.text)
            outlet = self.pick("aggregator", "newspaper", exclude=used | {origin.outlet})
            mutant = self.new_article(outlet, self.later(t0, 200, 400))
            mutant.credits.append(SynCredit(origin.outlet, "told", "told", scope="quote", quote=0))
            self.carry(mutant, quote, text=altered, source=origin, evidence="credit")
            previous = mutant
            for _ in range(copies):
                outlet = self.pick("aggregator", "blog", exclude=used | {origin.outlet, previous.outlet})
                copy = self.new_article(outlet, self.later(previous.time, 30, 120))
                self.carry(copy, quote, text=altered, source=previous, evidence="mutation")
                previous = copy
        if rnd.random() < 0.3:
            follow = self.new_article(origin.outlet, self.later(t0, 1500, 2900))
            self.carry(follow, quotes[0], source=origin, evidence="earlier")

    def exclusive_story(self) -> None:
        rnd = self.random
        quotes = self.quotes_for_story()
        t0 = START + timedelta(minutes=rnd.randint(0, SPAN_DAYS * 1440))
        outlet = self.pick("newspaper", "newspaper", "broadcaster", "magazine")
        origin = self.new_article(outlet, t0)
        self.carry_all(origin, quotes, None, "origin", subset=False, fragments=False)
        for quote in quotes:
            self.origins[quote.cluster] = (outlet, origin.url, "exclusive")
        carriers = [origin]
        used = {outlet}
        if rnd.random() < 0.6:
            wire = self.pick("wire")
            used.add(wire)
            wire_article = self.new_article(wire, self.later(t0, 30, 180))
            wire_article.credits.append(SynCredit(outlet, "according_to", "according to"))
            wire_article.credits.append(SynCredit(outlet, "told", "told", scope="quote", quote=0))
            self.carry_all(wire_article, quotes, origin, "credit", subset=False, fragments=False)
            carriers.append(wire_article)
            self.reprints(wire_article, quotes, rnd.randint(0, 4), used, carriers)
        self.spread(quotes, origin, t0, used, carriers)

    def reprints(self, wire_article: SynArticle, quotes: list[Quote], count: int, used: set[str],
                 carriers: list[SynArticle]) -> None:
        """Wire copy reprinted word for word with a dateline (and the wire's own credits inside)."""
        for _ in range(count):
            outlet = self.pick("newspaper", exclude=used)
            used.add(outlet)
            reprint = self.new_article(outlet, self.later(wire_article.time, 20, 240), date_only=self.maybe_date_only())
            # wire copy word for word, plus a line of local context of its own
            reprint.body = list(wire_article.body) + [self.sentence(self.random.randint(10, 16)) + "."]
            kind = self.random.choice(["dateline", "dateline", "byline", "copyright"])
            reprint.credits.append(SynCredit(wire_article.outlet, kind, kind, is_copy=True))
            reprint.credits.extend(c for c in wire_article.credits if not c.is_copy)
            for occurrence in wire_article.occurrences:
                reprint.occurrences.append(SynOccurrence(
                    occurrence.text, occurrence.speaker, occurrence.kind, occurrence.cluster,
                    source_url=wire_article.url, source_outlet=wire_article.outlet, evidence="credit",
                ))
            carriers.append(reprint)

    def wire_story(self) -> None:
        rnd = self.random
        quotes = self.quotes_for_story()
        t0 = START + timedelta(minutes=rnd.randint(0, SPAN_DAYS * 1440))
        wire = self.pick("wire")
        origin = self.new_article(wire, t0)
        self.carry_all(origin, quotes, None, "origin", subset=False, fragments=False)
        for quote in quotes:
            self.origins[quote.cluster] = (wire, origin.url, "wire")
        used = {wire}
        carriers = [origin]
        self.reprints(origin, quotes, rnd.randint(1, 5), used, carriers)
        self.spread(quotes, origin, t0, used, carriers)

    def public_story(self) -> None:
        rnd = self.random
        quotes = self.quotes_for_story()
        t0 = START + timedelta(minutes=rnd.randint(0, SPAN_DAYS * 1440))
        used: set[str] = set()
        heard = []
        for index in range(rnd.randint(2, 4)):
            outlet = self.pick("newspaper", "broadcaster", exclude=used)
            used.add(outlet)
            article = self.new_article(outlet, t0 + timedelta(minutes=index * rnd.randint(5, 30)))
            for quote in quotes:
                text = self.alter(quote.text) if index and rnd.random() < 0.15 else None
                self.carry(article, quote, text=text)
            heard.append(article)
        for quote in quotes:
            self.origins[quote.cluster] = (heard[0].outlet, heard[0].url, "public_statement")
        carriers = list(heard)
        later = heard[-1].time + timedelta(hours=3)
        for _ in range(rnd.randint(0, 3)):
            credited = rnd.choice(heard)
            outlet = self.pick("aggregator", "newspaper", exclude=used)
            article = self.new_article(outlet, self.later(later, 0, 600))
            article.credits.append(SynCredit(credited.outlet, "according_to", "according to"))
            self.carry_all(article, quotes, credited, "credit")
            carriers.append(article)
        for _ in range(rnd.choice([0, 1, 1, 2])):
            source = rnd.choice(carriers)
            time = self.later(max(source.time, later), 30, 600)
            carriers.append(self.copy_of(source, time, used | {source.outlet}))

    def uncrawled_story(self) -> None:
        rnd = self.random
        quotes = self.quotes_for_story()
        t0 = START + timedelta(minutes=rnd.randint(0, SPAN_DAYS * 1440))
        scoop = rnd.choice(self.uncrawled)
        kind = "wire" if self.outlets[scoop].kind == "wire" else "exclusive"
        for quote in quotes:
            self.origins[quote.cluster] = (scoop, None, kind)
        used = {scoop}
        first = []
        for index in range(rnd.randint(1, 3)):
            outlet = self.pick("newspaper", "aggregator", "broadcaster", exclude=used)
            used.add(outlet)
            article = self.new_article(outlet, self.later(t0, index * 30, index * 30 + 20))
            article.credits.append(SynCredit(scoop, "reported", "reported"))
            self.carry_all(article, quotes, None, "credit", source_outlet=scoop, subset=False)
            first.append(article)
        carriers = list(first)
        for _ in range(rnd.randint(0, 3)):
            credited = rnd.choice(first)
            outlet = self.pick("aggregator", "newspaper", exclude=used)
            used.add(outlet)
            article = self.new_article(outlet, self.later(first[-1].time, 60, 600), date_only=self.maybe_date_only())
            article.credits.append(SynCredit(credited.outlet, "according_to", "according to"))
            self.carry_all(article, quotes, credited, "credit")
            carriers.append(article)
        for _ in range(rnd.choice([0, 1, 2])):
            source = rnd.choice(carriers)
            time = self.later(source.time + timedelta(days=1 if source.date_only else 0), 30, 600)
            carriers.append(self.copy_of(source, time, used | {source.outlet}))

    # --- text -----------------------------------------------------------------------------

    def write_text(self, article: SynArticle) -> None:
        """Compose the article text (credits, quotes, body) and record quote offsets."""
        parts: list[str] = []
        length = 0

        def add(text: str) -> int:
            nonlocal length
            if parts:
                parts.append(" ")
                length += 1
            start = length
            parts.append(text)
            length += len(text)
            return start

        copy = next((c for c in article.credits if c.is_copy), None)
        if copy is not None and copy.kind == "dateline":
            add(f"{self.random.choice(TOWNS).upper()} ({self.outlets[copy.outlet].abbreviation}) \u2014")
        if copy is not None and copy.kind == "byline":
            article.author = f"{self.outlets[copy.outlet].name} staff"
        for credit in article.credits:
            if credit.is_copy or credit.scope == "quote":
                continue
            name = self.outlets[credit.outlet].name
            if credit.kind == "according_to":
                add(f"The plan drew sharp reactions on {article.time:%A}, according to {name}.")
            else:
                add(f"The remarks were first reported by {name}.")
        body = list(article.body)
        for index, occurrence in enumerate(article.occurrences):
            if index and body:
                add(body.pop(0))  # a sentence of reporting between two quotations
            told = next((c for c in article.credits if c.scope == "quote" and c.quote == index), None)
            if occurrence.kind == "fragment":
                add(f"{self.random.choice(LAST_NAMES)} allies called the move \u201c")
                occurrence.start = length
                parts.append(occurrence.text)
                length += len(occurrence.text)
                parts.append("\u201d on the day.")
                length += len("\u201d on the day.")
            else:
                cue = f"told {self.outlets[told.outlet].name}" if told else "said"
                start = add("\u201c") + 1
                occurrence.start = start
                parts.append(occurrence.text[:-1] + ",\u201d " + f"{occurrence.speaker} {cue}.")
                length += len(parts[-1])
            occurrence.end = occurrence.start + len(occurrence.text) - (0 if occurrence.kind == "fragment" else 1)
        for sentence in body:
            add(sentence)
        if copy is not None and copy.kind == "copyright":
            add(f"Copyright {article.time:%Y} {self.outlets[copy.outlet].name}. All rights reserved.")
        article.text = "".join(parts)
        for occurrence in article.occurrences:
            occurrence.text = article.text[occurrence.start : occurrence.end]


def generate_corpus(n_articles: int, seed: int = 0, vocabulary: int = VOCABULARY) -> Corpus:
    """A corpus of at least `n_articles` articles in whole stories, with its true lineage.

    `vocabulary` 0 gives the corpora of earlier measurements (CONTENT_WORDS drawn evenly).
    """
    generator = Generator(seed, vocabulary)
    while len(generator.articles) < n_articles:
        generator.story()
    for article in generator.articles:
        generator.write_text(article)
    generator.articles.sort(key=lambda a: (a.time, a.url))
    return Corpus(generator.outlets, generator.articles, generator.origins, generator.canonical)


def write_corpus(corpus: Corpus, folder: Path) -> dict[str, Path]:
    """articles.jsonl (import format), outlets.csv (registry) and truth.json in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"articles": folder / "articles.jsonl", "outlets": folder / "outlets.csv", "truth": folder / "truth.json"}
    with paths["articles"].open("w", encoding="utf-8") as handle:
        for article in corpus.articles:
            record = {
                "url": article.url, "title": article.title, "outlet": corpus.outlets[article.outlet].name,
                "published": article.published, "author": article.author,
            }
            if article.links:
                paragraphs = "".join(f"<p>{line}</p>" for line in article.text.split("\n"))
                anchors = "".join(f'<p>As <a href="{url}">reported earlier</a>.</p>' for url in article.links)
                record["html"] = f"<html><body><article>{paragraphs}{anchors}</article></body></html>"
            else:
                record["text"] = article.text
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    with paths["outlets"].open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(REGISTRY_COLUMNS)
        for outlet in corpus.outlets.values():
            writer.writerow([outlet.key, outlet.name, outlet.abbreviation, outlet.domain, outlet.kind, "", "en"])
    paths["truth"].write_text(json.dumps(truth_of(corpus), indent=1), encoding="utf-8")
    return paths


def truth_of(corpus: Corpus) -> dict:
    """The planted lineage: per occurrence and per cluster."""
    return {
        "occurrences": [
            {
                "url": article.url, "start": occurrence.start, "text": occurrence.text,
                "cluster": occurrence.cluster, "source_url": occurrence.source_url,
                "source_outlet": occurrence.source_outlet, "evidence": occurrence.evidence,
            }
            for article in corpus.articles
            for occurrence in article.occurrences
        ],
        "clusters": {
            str(cluster): {"origin_outlet": outlet, "origin_url": url, "origin_kind": kind,
                           "canonical": corpus.canonical[cluster]}
            for cluster, (outlet, url, kind) in corpus.origins.items()
        },
    }


def load_into_db(db: sqlite_utils.Database, corpus: Corpus, articles: list[SynArticle] | None = None) -> None:
    """Insert analysed rows (outlets, articles, occurrences, credits, links, reuse) as the saver would."""
    conn = db.conn
    articles = corpus.articles if articles is None else articles
    with conn:
        conn.executemany(
            "insert or ignore into outlets (key, name, domain, kind, in_registry) values (?, ?, ?, ?, 1)",
            [(o.key, o.name, o.domain, o.kind) for o in corpus.outlets.values()],
        )
        outlet_ids = dict(conn.execute("select key, id from outlets").fetchall())
        conn.executemany(
            """insert into articles (url, outlet_id, title, author, published, published_precision,
            first_seen, time_key, text, word_count, source) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'synthetic')""",
            [
                (a.url, outlet_ids[a.outlet], a.title, a.author, a.published, "date" if a.date_only else "second",
                 "2026-06-01T00:00:00Z", a.published, a.text, len(a.text.split()))
                for a in articles
            ],
        )
        urls = [a.url for a in articles]
        article_ids = {}
        for start in range(0, len(urls), 500):
            chunk = urls[start : start + 500]
            article_ids.update(conn.execute(
                f"select url, id from articles where url in ({', '.join('?' * len(chunk))})", chunk
            ).fetchall())
        next_occurrence = (conn.execute("select max(id) from quote_occurrences").fetchone()[0] or 0) + 1
        next_credit = (conn.execute("select max(id) from credits").fetchone()[0] or 0) + 1
        occurrence_rows, credit_rows, link_rows, scoped, reuse_rows = [], [], [], [], []
        for article in articles:
            article_id = article_ids[article.url]
            first_ids = []
            for occurrence in article.occurrences:
                occurrence_rows.append((next_occurrence, article_id, occurrence.text, occurrence.speaker,
                                        occurrence.speaker, occurrence.kind, occurrence.start, occurrence.end))
                first_ids.append(next_occurrence)
                next_occurrence += 1
            for credit in article.credits:
                credit_rows.append((next_credit, article_id, outlet_ids[credit.outlet], credit.kind, credit.cue,
                                    credit.scope, int(credit.is_copy),
                                    outlet_ids[credit.via] if credit.via else None))
                if credit.quote is not None and credit.quote < len(first_ids):
                    scoped.append((next_credit, first_ids[credit.quote]))
                next_credit += 1
            for url in article.links:
                target = article_ids.get(url) or conn.execute("select id from articles where url = ?", [url]).fetchone()
                target_id = target if isinstance(target, int) else (target[0] if target else None)
                outlet_key = url.split("/")[2].split(".")[0]
                link_rows.append((article_id, url, "reported earlier", outlet_ids.get(outlet_key), target_id))
            for source_url, containment in article.reuse:
                source = article_ids.get(source_url) or conn.execute(
                    "select id from articles where url = ?", [source_url]
                ).fetchone()
                source_id = source if isinstance(source, int) else (source[0] if source else None)
                if source_id is not None:
                    verdict = "wholly" if containment >= 0.87 else "partially"
                    reuse_rows.append((article_id, source_id, containment, verdict))
        conn.executemany(
            """insert into quote_occurrences (id, article_id, text, speaker, speaker_name, kind, start, end)
            values (?, ?, ?, ?, ?, ?, ?, ?)""",
            occurrence_rows,
        )
        conn.executemany(
            """insert into credits (id, article_id, outlet_id, kind, cue, scope, is_copy, via_outlet_id)
            values (?, ?, ?, ?, ?, ?, ?, ?)""",
            credit_rows,
        )
        conn.executemany("insert into credit_occurrences (credit_id, occurrence_id) values (?, ?)", scoped)
        conn.executemany(
            "insert into article_links (article_id, url, anchor, outlet_id, target_article_id) values (?, ?, ?, ?, ?)",
            link_rows,
        )
        conn.executemany(
            """insert or replace into article_reuse (article_id, source_article_id, containment, verdict)
            values (?, ?, ?, ?)""",
            reuse_rows,
        )


def main(argv: list[str] | None = None) -> None:
    """Write a synthetic corpus and its truth to a folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="at least this many articles")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--vocabulary", type=vocabulary_size, default=VOCABULARY,
                        help="content words drawn by the Zipf-Mandelbrot law (0: the 247 of CONTENT_WORDS, evenly)")
    parser.add_argument("--out", type=Path, required=True, help="folder for articles.jsonl, outlets.csv, truth.json")
    args = parser.parse_args(argv)
    corpus = generate_corpus(args.articles, args.seed, args.vocabulary)
    paths = write_corpus(corpus, args.out)
    occurrences = sum(len(a.occurrences) for a in corpus.articles)
    print(f"{len(corpus.articles)} articles, {occurrences} quote occurrences, {len(corpus.origins)} clusters")
    for name, path in paths.items():
        print(f"{name}: {path}")


if __name__ == "__main__":
    main()
