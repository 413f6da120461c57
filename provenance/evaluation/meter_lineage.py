"""Score quote lineage against the METER corpus (courts): do the quotes of papers that copied PA trace to PA?

METER holds the Press Association's wire copy of court cases and the stories nine British
newspapers printed about the same cases, each labelled wholly, partially or non derived from the
PA copy. It says nothing about quotes or times: what it gives lineage is which texts copied PA.

Setting. The corpus is imported through the product's own path, as a JSON Lines import with ids
would be (`article_from_record`, `analyse_article`, `ingest`, `update_after_import`): each story's
PA copy is one article of the outlet "Press Association" (the registry's PA Media, a wire; with
`pa_mode="each"` one article per PA text, pages and substitutes apart), each newspaper text an
article of its paper. Times are dates only: PA's is the date of its story folder, and a paper's is
either the same date (`same-day`, the date METER gives it) or the next (`next-day`: the papers
are morning papers and say "yesterday"). Both are scored, since they test different evidence: on
the same day time orders nothing, so only a credit, a link or text reuse can send a paper's quote
to PA; the next day PA is earlier, and a paper with no other evidence gets `earlier`, unless
several outlets printed the quote first-hand within PUBLIC_WINDOW (a date stands for its whole
day, so PA's date and the next one can be hours apart, as they are) and it becomes a public
statement.

What can be scored honestly:
- A printing is a tracked quote occurrence (speech, fragment, document) in a newspaper text. It is
  "in scope" when its cluster also holds a PA printing, and it "reaches PA" when its source chain
  (lineage rows, hop by hop) meets a PA article or PA as a credited outlet. For printings in scope
  in wholly and in partially derived texts, the share that reaches PA is scored: the paper copied
  PA's text and PA printed the quote, so the quote came through PA. That is sure for wholly
  derived texts; a partially derived text adds its own reporting, and the court is public, so some
  of its quotes the paper may have heard itself: the partially figure is a lower bound on recall.
  Printings in non-derived texts are counted the same way but not scored: a paper writing its own
  story may have heard a quote in court or taken it from PA.
- A cluster printed by PA and by derived papers only (at least one, no non-derived paper) should
  have PA as its origin with kind wire; the shares with origin PA, and with origin PA and kind
  wire, are scored, and the kinds given are listed.
- Clusters printed by PA and by two or more non-derived papers, and clusters printed by two or
  more papers and not by PA, are described (origin kinds, origin PA or not), not scored: several
  reporters in one courtroom is what a public statement is, and METER cannot tell.
- Printings in derived texts that miss PA are sorted by why: out of scope (the quote is too short
  to compare, PA's copy prints none of its four-word runs, or a PA printing shares four words in a
  row with it but another cluster holds it: a split or a different quote); in scope, no wholly or
  partially reuse row against a PA article carrying the quote (the reuse verdict), a reuse row that
  lineage did not take because the paper's wording outside quotations is too little PA's
  (MIN_OUTSIDE_SHARE), or other evidence (a credit to another outlet, an earlier paper, ...).

Quote extraction is counted too (lineage can only trace quotes it finds): printings and texts
without any, by kind of text, and for the papers by the marks they quote with (double, single,
which are also apostrophes, or none at all).

Read on the corpus (PA one article a story; figures of `provenance eval lineage`):
- Quotes: 293 papers quote with double marks (1,376 printings), 296 with single ones (1,492),
  181 print no quotation mark at all (114 of the 116 wholly derived texts without a printing):
  their only marks are 121 apostrophes of possessives and contractions, and 12 of them read end
  to end report speech, if any, without quoting it (the 8 other papers with no printing quote
  only one- or two-word terms).
  Read in 16 texts (10 single-marked), then scored by hand on 44 single-marked papers (186
  quotations, split and multi-paragraph quotes one each): a plural possessive closed a quote a
  word early ('... suffered by victims' families.'); a quote nested in a single-marked one ('If
  they said ..., he would say, 'You must come as my guest'') lost the outer one; an opening mark
  after a full stop inside a quote, a paragraph break lost in print ('... his own misfortune. 'I
  have been ...'), cost the quote its first part; a lead's quote was taken for a headline's
  (a paper in print has no title line, and PolNeAR's titles, 682 of 840 ending with a full stop,
  look like leads) and the line under the lead for a deck; double marks inside a single-marked
  quote hid it; a quote after 'said:' whose closing mark was lost was dropped; a reply after a
  colon-introduced question ('Mr Langstaff asked: '...?' Dr Bolsin replied: '...'') was its
  cue and its second half, and the listener of 'told Mr Justice Owen:' its speaker. All fixed:
  on the 44, recall 0.919 -> 0.984 (at 80 % of a quote's characters 0.855 -> 0.978), precision
  1.000 -> 1.000 (0.972 -> 0.978), speaker 120 of 156 -> 142 of 166 found quotes; on 12 more read
  after the fixes (51 quotations) recall 0.980 -> 1.000. Left: marks garbled in the corpus ('sue
  me' They know ... law' They ...'), a quote opened by a lone double mark (''serious criminal
  offences'), papers mixing double- and single-marked quotes in one paragraph. Speakers go wrong
  more often than quotes (pronouns after another person's sentence, "Jobless Albert", "a tenant
  farmer"), and a printing whose speaker disagrees with PA's joins PA's cluster only when 80 % of
  it is PA's.
- The eval's own cleaning once left PA's nested quotes (`Stop thief') unread: 158 backticks; and
  21 PA paragraphs opening with '' (PA's `` mistyped) were read as closing marks, losing the first
  part of their multi-paragraph quotes.
- Misses, before the fixes of this round (same-day, wholly / partially derived printings in
  scope): reuse of PA found but not taken by lineage, as under 40 % of the paper's wording
  outside quotations was PA's, 94 / 486 (papers rewrite the copy they print: on the pairs the
  reuse stage calls derived, wholly derived papers share a median 42 %, partially 20 %, papers
  written apart from PA 14 %, 47 of 50 under 30 %; now 30 %: 49 / 397 left); no derived reuse
  row against PA 1 / 39; PA's own copy traced elsewhere: its byline 'By PA News Reporters' read
  as another outlet's (registry alias added), a mid-story credit to The Sunday Times or a credit
  for another quote to the Sunday Telegraph making those papers, which printed PA's story the
  same day, its source (fixed); a credit PA gave the Oxford Mail for a witness's words, which
  the papers' chains follow (right: she said them to the Oxford Mail).
- In the Hamilton libel case PA mentions "a March 1985 article in The Observer" and "Mr
  Browne said that The Observer claimed ..." in sentences naming counsel and Al Fayed, so their
  quotes were credited to The Observer (84 printings, 30 clusters of PA and derived papers):
  an article a case is over is no credit now, and a mid-story credit names the speaker for
  lineage only when it gives the outlet someone's words (told, an interview, quoted), not in
  what the outlet reported. Left as they are: out of scope, 47 / 261 printings shared four words
  in a row with a PA printing of their story in another cluster (two in three paraphrase or
  cut PA's wording beyond the MemeTracker rule, one in four name a speaker that disagrees with
  PA's, mostly a misattribution on one side, a few a title or a spelling: 'WPC Hendricks' /
  'Miss Hendricks', 'Brian Dodds' / 'Brian Dodd'). Clustering now compares names as people
  (titles, ranks, post-nominals and short forms aside) and lets a name read from "he" or "the
  judge" count against another only for a fragment: 44 / 251 such printings became 33 / 223
  (47 / 263 became 37 / 229 with the speaker names of the round before; the 57 clusters that
  regrouped were read, each one quote under two names);
  left are 26 / 170 rewordings (expanding contractions would join 10: written out now, 1 / 9
  join PA's cluster, and 2 / 8 others share a four-word run with PA only once written out), 3 / 24 misattributed
  names printed beside the quote or fragments given another person, and 4 / 29 placed beside
  another quote or cut from a PA wording that is not its cluster's founding one;
  84 / 290 are under four words.
- With PA's texts as separate articles (`pa_mode="each"`, pages and substitutes apart, as a
  wire's feed sends them) the reuse stage scores each paper against each piece alone and binary
  reuse F1 falls from 0.775 to 0.606; wholly derived printings reaching PA fall to 0.485
  (same-day), nearly all misses "no wholly or partially reuse row against a PA article".
"""

from __future__ import annotations

import logging
import re
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from functools import cached_property
from datetime import date, timedelta
from pathlib import Path

import sqlite_utils

from db import ensure_db_shape
from provenance.evaluation.meter import LABELS, MeterText, read_meter
from provenance.evaluation.scores import ratio
from provenance.lineage import MIN_OUTSIDE_SHARE, outside_quote_shares
from provenance.pipeline import analyse_item, ingest, load_pipeline_registry, update_after_import
from scrapers.files import ImportFailure, article_from_record

LOGGER = logging.getLogger(__name__)

AGENCY = "Press Association"
# METER's paper codes (the file name's suffix) as the registry names them
PAPERS = {
    "express": "Daily Express",
    "ft": "Financial Times",
    "guardian": "The Guardian",
    "independent": "The Independent",
    "mail": "Daily Mail",
    "mirror": "Daily Mirror",
    "morningstar": "Morning Star",
    "star": "Daily Star",
    "sun": "The Sun (UK)",
    "telegraph": "The Daily Telegraph",
    "times": "The Times (London)",
}
DATINGS = ("same-day", "next-day")
TEXT_KINDS = ("pa", *LABELS)  # PA copy, then the newspapers by gold label
DERIVED = ("wholly", "partially")
MARK_STYLES = ("double", "single", "no marks")
RUN_WORDS = 4  # a printing and a PA printing sharing this many words in a row may be one quote
ID_PREFIX = "meter/"
_DOUBLE_MARK = re.compile("[\"\u201c\u201d]")
_SINGLE_OPENING = re.compile("(?:^|[\\s(\\[])['\u2018][^\\W\\d_]", re.MULTILINE)
_WORD = re.compile(r"[^\W_]+")


def mark_style(text: str) -> str:
    """How a text marks its quotes: 'double', 'single' (a single mark opening before a letter) or 'no marks'."""
    if len(_DOUBLE_MARK.findall(text)) >= 2:
        return "double"
    return "single" if _SINGLE_OPENING.search(text) else "no marks"


def paper_name(text: MeterText) -> str:
    """The registry name of a newspaper text's paper (its code when unknown)."""
    code = text.path.rsplit("_", 1)[-1].removesuffix(".txt")
    return PAPERS.get(code, code)


def meter_records(
    agency: dict[str, list[MeterText]],
    newspapers: list[tuple[MeterText, str]],
    *,
    dating: str,
    pa_mode: str = "union",
) -> tuple[list[dict], dict[str, tuple[str, str]]]:
    """JSON Lines import records of METER, and each record's (kind of text, story) by id.

    The kind is 'pa' or the newspaper text's gold label; the story is its "<date>/<catchline>".
    """
    if dating not in DATINGS:
        raise ValueError(f"dating must be one of {', '.join(DATINGS)}, not {dating!r}")
    if pa_mode not in ("union", "each"):
        raise ValueError(f"pa_mode must be union or each, not {pa_mode!r}")
    records, kinds = [], {}
    for group, texts in sorted(agency.items()):
        parts = [texts] if pa_mode == "union" else [[text] for text in texts]
        for part in parts:
            record_id = ID_PREFIX + (f"PA/rawtexts/courts/{group}" if pa_mode == "union" else part[0].path)
            body = "\n".join(text.text for text in part)
            records.append({"id": record_id, "outlet": AGENCY, "published": texts[0].date, "text": body})
            kinds[record_id] = ("pa", group)
    shift = timedelta(days=1 if dating == "next-day" else 0)
    for text, label in newspapers:
        record_id = ID_PREFIX + text.path
        published = (date.fromisoformat(text.date) + shift).isoformat()
        records.append({"id": record_id, "outlet": paper_name(text), "published": published, "text": text.text})
        kinds[record_id] = (label, text.group)
    return records, kinds


def import_records(db: sqlite_utils.Database, records: list[dict]) -> list[str]:
    """Import records as `provenance import` would a JSON Lines file; the failures, in words."""
    registry = load_pipeline_registry(db)
    failures: list[str] = []
    analyses = []
    for number, record in enumerate(records, 1):
        item = analyse_item(article_from_record(record, "meter", str(number)), registry)
        if isinstance(item, ImportFailure):  # an empty text, say
            failures.append(f"{record['id']}: {item.message}")
        else:
            analyses.append(item)
    ingest(db, analyses)
    update_after_import(db)
    return failures


@dataclass
class Share:
    """A scored share: hits of a total."""

    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        """hits / total (0.0 when empty)."""
        return ratio(self.hits, self.total)

    def describe(self) -> str:
        """'0.742 (273 of 368)'."""
        return f"{self.value:.3f} ({self.hits} of {self.total})"


@dataclass
class PrintingFigures:
    """Newspaper printings of one gold label and how their lineage reaches PA."""

    printings: int = 0
    reach: Share = field(default_factory=Share)  # of printings whose cluster holds a PA printing
    evidence: dict[str, int] = field(default_factory=dict)  # first-hop evidence of the printings in scope
    misses: dict[str, int] = field(default_factory=dict)  # why a printing does not reach PA (derived texts)


@dataclass
class ClusterFigures:
    """Clusters of one kind of carrier set, with the origins lineage gave them."""

    clusters: int = 0
    origin_pa: Share = field(default_factory=Share)
    origin_pa_wire: Share = field(default_factory=Share)
    kinds: dict[str, int] = field(default_factory=dict)  # 'origin_kind (PA)', '... (other)' -> clusters


@dataclass
class DatingResult:
    """The lineage figures of one way of dating the papers."""

    dating: str
    printings: dict[str, PrintingFigures]  # by gold label
    clusters: dict[str, ClusterFigures]  # by carrier set (CLUSTER_SETS)
    examples: list[str]  # a few printings of derived texts that miss PA, with the reason
    seconds: float = 0.0


CLUSTER_SETS = {
    "pa_derived": "printed by PA and by derived papers only",
    "pa_wholly": "  of which by wholly derived papers only",
    "pa_non_derived": "printed by PA and by 2+ non-derived papers",
    "papers_only": "printed by 2+ papers, not by PA",
}


@dataclass
class LineageEvaluation:
    """Quote extraction and lineage on METER, scored against its derivation labels."""

    folder: str
    pa_mode: str
    agency_articles: int
    newspaper_texts: int
    texts: dict[str, int]  # by kind of text: pa, wholly, partially, none
    printings: dict[str, int]  # tracked quote occurrences by kind of text
    texts_without: dict[str, int]  # texts where no quote was found, by kind of text
    quote_kinds: dict[str, dict[str, int]]  # kind of text -> speech / fragment / document -> count
    mark_styles: dict[str, dict[str, int]]  # papers: style -> texts, printings, without
    datings: list[DatingResult]
    rule: str  # the lineage constant this measure watches most
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_dict(self) -> dict:
        """A JSON-ready dict (shares with their value)."""
        data = asdict(self)
        for result, raw in zip(self.datings, data["datings"]):
            for label, figures in result.printings.items():
                raw["printings"][label]["reach"]["value"] = round(figures.reach.value, 4)
            for name, figures in result.clusters.items():
                for key in ("origin_pa", "origin_pa_wire"):
                    raw["clusters"][name][key]["value"] = round(getattr(figures, key).value, 4)
        return data

    def format(self) -> str:
        """A plain-text report."""
        lines = [
            f"METER courts quote lineage: {self.newspaper_texts} newspaper texts and {self.agency_articles}"
            f" PA articles ({self.pa_mode}) from {self.folder}",
            "quotes found (speech, fragment, document printings):",
        ]
        for kind in TEXT_KINDS:
            kinds = ", ".join(f"{name} {n}" for name, n in self.quote_kinds[kind].items())
            lines.append(
                f"  {_TEXT_NAMES[kind]:<22}{self.texts[kind]:>4} texts  {self.printings[kind]:>5} printings"
                f" ({ratio(self.printings[kind], self.texts[kind]):.2f} a text; {kinds});"
                f" {self.texts_without[kind]} texts with none"
            )
        lines.append("  newspaper texts by the marks they quote with:")
        for style in MARK_STYLES:
            figures = self.mark_styles[style]
            lines.append(
                f"    {style:<10}{figures['texts']:>4} texts  {figures['printings']:>5} printings;"
                f" {figures['without']} texts with none"
            )
        for result in self.datings:
            lines.append(f"papers dated {result.dating} ({result.seconds:.1f}s):")
            lines.append("  printings whose cluster holds a PA printing, share whose source chain reaches PA:")
            for label in LABELS:
                figures = result.printings[label]
                scored = "" if label in DERIVED else " (not scored)"
                evidence = ", ".join(f"{name} {n}" for name, n in by_count(figures.evidence))
                lines.append(
                    f"    {_TEXT_NAMES[label]:<20}{figures.reach.describe()}{scored}; of"
                    f" {figures.printings} printings; first hop: {evidence}"
                )
            missed = [(label, item) for label in DERIVED for item in by_count(result.printings[label].misses)]
            lines.append(f"  printings of derived texts that miss PA, by why:{'' if missed else ' none'}")
            lines += [f"    {label:<10}{n:>5}  {reason}" for label, (reason, n) in missed]
            lines.append("  clusters:")
            for name, title in CLUSTER_SETS.items():
                figures = result.clusters[name]
                kinds = ", ".join(f"{kind} {n}" for kind, n in by_count(figures.kinds))
                line = f"    {title}: {figures.clusters}"
                if figures.clusters and name.startswith("pa_"):
                    line += f"; origin PA {figures.origin_pa.describe()}"
                if figures.clusters and name in ("pa_derived", "pa_wholly"):
                    line += f", PA and wire {figures.origin_pa_wire.describe()}"
                lines.append(f"{line}; origins: {kinds}" if kinds else line)
            lines += [f"  e.g. {example}" for example in result.examples]
        lines.append(f"rule: {self.rule}")
        lines += [f"error: {message}" for message in self.errors]
        return "\n".join(lines)


def count(counts: dict[str, int], key: str) -> None:
    """Add one to a count."""
    counts[key] = counts.get(key, 0) + 1


def by_count(counts: dict[str, int]) -> list[tuple[str, int]]:
    """Counts, largest first (ties by name)."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


_TEXT_NAMES = {
    "pa": "PA copy",
    "wholly": "wholly derived",
    "partially": "partially derived",
    "none": "non-derived",
}


def word_runs(text: str, size: int = RUN_WORDS) -> set[tuple[str, ...]]:
    """Distinct runs of `size` words of a normalised quote."""
    words = _WORD.findall(text.casefold())
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


class LineageReader:
    """The rows of one traced METER database, read once, and the figures drawn from them."""

    def __init__(self, db: sqlite_utils.Database, kinds: dict[str, tuple[str, str]]) -> None:
        self.db = db
        self.article_outlet: dict[int, int] = {}
        self.article_kind: dict[int, str] = {}
        self.article_story: dict[int, str] = {}
        for article_id, outlet_id, url in db.execute("select id, outlet_id, url from articles"):
            kind, story = kinds[url.removeprefix("urn:provenance:")]
            self.article_outlet[article_id] = outlet_id
            self.article_kind[article_id] = kind
            self.article_story[article_id] = story
        self.pa_outlets = {self.article_outlet[a] for a, kind in self.article_kind.items() if kind == "pa"}
        self.occurrences = {
            row[0]: row[1:]
            for row in db.execute(
                "select id, quote_id, article_id, normalized, kind from quote_occurrences where withdrawn_at is null"
            )
        }
        self.lineage = {
            row[0]: row[1:]
            for row in db.execute("select occurrence_id, source_occurrence_id, source_article_id, source_outlet_id,"
                                  " evidence from lineage")
        }
        self.origins = {row[0]: row[1:] for row in db.execute("select id, origin_outlet_id, origin_kind from quotes")}
        self.carriers: dict[int, set[int]] = defaultdict(set)
        for quote_id, article_id, _, _ in self.occurrences.values():
            self.carriers[quote_id].add(article_id)
        self.reuse: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for article_id, source_id, verdict in db.execute(
            "select article_id, source_article_id, verdict from article_reuse where verdict in ('wholly', 'partially')"
        ):
            self.reuse[article_id].append((source_id, verdict))

    def is_pa(self, article_id: int | None) -> bool:
        """True for an article of PA."""
        return article_id is not None and self.article_outlet.get(article_id) in self.pa_outlets

    def reaches_pa(self, occurrence_id: int) -> bool:
        """True when the occurrence's source chain meets a PA article, or PA as a credited outlet."""
        seen: set[int] = set()
        current: int | None = occurrence_id
        while current is not None and current not in seen and current in self.lineage:
            seen.add(current)
            source_occurrence, source_article, source_outlet, _ = self.lineage[current]
            if self.is_pa(source_article) or source_outlet in self.pa_outlets:
                return True
            current = source_occurrence
        return False

    @cached_property
    def pa_runs(self) -> dict[str, list[set[tuple[str, ...]]]]:
        """The word runs of every PA printing, by story."""
        runs: dict[str, list[set[tuple[str, ...]]]] = defaultdict(list)
        for _, article_id, normalized, _ in self.occurrences.values():
            if self.is_pa(article_id):
                runs[self.article_story[article_id]].append(word_runs(normalized or ""))
        return runs

    def miss_reason(self, occurrence_id: int, in_scope: bool, shares: dict[tuple[int, int], float]) -> str:
        """Why a printing of a derived text does not reach PA."""
        quote_id, article_id, normalized, _ = self.occurrences[occurrence_id]
        if not in_scope:
            runs = word_runs(normalized or "")
            if not runs:
                return f"out of scope: under {RUN_WORDS} words, too short to compare with PA's"
            if any(runs & pa_runs for pa_runs in self.pa_runs.get(self.article_story[article_id], ())):
                return f"out of scope: a PA printing shares {RUN_WORDS} words in a row, in another cluster"
            return f"out of scope: PA's copy prints none of its {RUN_WORDS}-word runs"
        pa_carriers = {a for a in self.carriers[quote_id] if self.is_pa(a)}
        rows = [source for source, _ in self.reuse[article_id] if source in pa_carriers]
        if not rows:
            return "no wholly or partially reuse row against a PA article carrying it"
        if all(shares.get((article_id, source), 1.0) < MIN_OUTSIDE_SHARE for source in rows):
            return f"reuse of PA not taken: under {MIN_OUTSIDE_SHARE:.0%} of its wording outside quotations is PA's"
        evidence = self.lineage[occurrence_id][3] if occurrence_id in self.lineage else "no lineage row"
        return f"other evidence: {evidence}"

    def printing_figures(self) -> tuple[dict[str, PrintingFigures], list[str]]:
        """Printing figures by gold label, and a few derived printings that miss PA."""
        figures = {label: PrintingFigures() for label in LABELS}
        misses: list[tuple[int, bool]] = []
        for occurrence_id, (quote_id, article_id, _, _) in sorted(self.occurrences.items()):
            label = self.article_kind[article_id]
            if label == "pa":
                continue
            result = figures[label]
            result.printings += 1
            in_scope = any(self.is_pa(carrier) for carrier in self.carriers[quote_id])
            reached = in_scope and self.reaches_pa(occurrence_id)
            if in_scope:
                result.reach.total += 1
                result.reach.hits += reached
                count(result.evidence, self.lineage[occurrence_id][3] if occurrence_id in self.lineage else "none")
            if label in DERIVED and not reached:
                misses.append((occurrence_id, in_scope))
        pairs = sorted({
            (article_id, source)
            for occurrence_id, in_scope in misses if in_scope
            for article_id in [self.occurrences[occurrence_id][1]]
            for source, _ in self.reuse[article_id] if self.is_pa(source)
        })
        shares = outside_quote_shares(self.db, pairs)
        examples = []
        for occurrence_id, in_scope in misses:
            reason = self.miss_reason(occurrence_id, in_scope, shares)
            label = self.article_kind[self.occurrences[occurrence_id][1]]
            count(figures[label].misses, reason)
            if in_scope and len(examples) < EXAMPLES and not any(reason in example for example in examples):
                examples.append(self.describe_miss(occurrence_id, reason))
        return figures, examples

    def describe_miss(self, occurrence_id: int, reason: str) -> str:
        """'occurrence 12 ("We will...", Daily Mirror, wholly derived): reason'."""
        quote_id, article_id, normalized, _ = self.occurrences[occurrence_id]
        url = self.db.execute("select url from articles where id = ?", [article_id]).fetchone()[0]
        words = (normalized or "").split()
        shown = " ".join(words[:8]) + (" ..." if len(words) > 8 else "")
        return f"{url.rsplit('/', 1)[-1]} \"{shown}\" ({self.article_kind[article_id]}): {reason}"

    def cluster_figures(self) -> dict[str, ClusterFigures]:
        """Origins of the clusters of each carrier set of CLUSTER_SETS."""
        figures = {name: ClusterFigures() for name in CLUSTER_SETS}
        for quote_id, carriers in self.carriers.items():
            kinds = Counter(self.article_kind[a] for a in carriers)
            papers = sum(count for kind, count in kinds.items() if kind != "pa")
            derived = kinds["wholly"] + kinds["partially"]
            names = []
            if kinds["pa"] and derived and not kinds["none"]:
                names.append("pa_derived")
                if not kinds["partially"]:
                    names.append("pa_wholly")
            if kinds["pa"] and kinds["none"] >= 2:
                names.append("pa_non_derived")
            if not kinds["pa"] and papers >= 2:
                names.append("papers_only")
            outlet_id, origin_kind = self.origins.get(quote_id, (None, None))
            from_pa = outlet_id in self.pa_outlets
            for name in names:
                result = figures[name]
                result.clusters += 1
                result.origin_pa.total += 1
                result.origin_pa.hits += from_pa
                result.origin_pa_wire.total += 1
                result.origin_pa_wire.hits += from_pa and origin_kind == "wire"
                count(result.kinds, f"{origin_kind} ({'PA' if from_pa else 'other' if outlet_id else 'none'})")
        return figures

    def extraction(self) -> tuple[dict[str, int], dict[str, int], dict[str, dict[str, int]]]:
        """Printings, texts without any, and printings by quote kind, by kind of text."""
        printings = Counter()
        kinds: dict[str, Counter] = {kind: Counter() for kind in TEXT_KINDS}
        carrying = set()
        for _, article_id, _, quote_kind in self.occurrences.values():
            kind = self.article_kind[article_id]
            printings[kind] += 1
            kinds[kind][quote_kind] += 1
            carrying.add(article_id)
        without = Counter(self.article_kind[a] for a in self.article_kind if a not in carrying)
        return (
            {kind: printings[kind] for kind in TEXT_KINDS},
            {kind: without[kind] for kind in TEXT_KINDS},
            {kind: dict(kinds[kind].most_common()) for kind in TEXT_KINDS},
        )


EXAMPLES = 6  # printings that miss PA shown per dating, one per reason


def evaluate_lineage(folder: Path, *, pa_mode: str = "union", datings: tuple[str, ...] = DATINGS) -> LineageEvaluation:
    """Import METER into a fresh database per dating of the papers, trace it, score its lineage."""
    if not datings:
        raise ValueError("no dating of the papers to score")
    folder = Path(folder)
    started = time.perf_counter()
    errors: list[str] = []
    agency, newspapers = read_meter(folder, errors)
    results = []
    for dating in datings:
        began = time.perf_counter()
        records, kinds = meter_records(agency, newspapers, dating=dating, pa_mode=pa_mode)
        db = sqlite_utils.Database(memory=True)
        ensure_db_shape(db)
        failures = import_records(db, records)
        reader = LineageReader(db, kinds)
        if not results:  # what does not depend on the dating: read from the first database
            errors += failures
            texts = Counter(reader.article_kind.values())
            printings, without, quote_kinds = reader.extraction()
            styles = mark_styles(db, reader)
        figures, examples = reader.printing_figures()
        seconds = round(time.perf_counter() - began, 3)
        results.append(DatingResult(dating, figures, reader.cluster_figures(), examples, seconds))
    return LineageEvaluation(
        folder=str(folder),
        pa_mode=pa_mode,
        agency_articles=texts["pa"],
        newspaper_texts=len(newspapers),
        texts={kind: texts[kind] for kind in TEXT_KINDS},
        printings=printings,
        texts_without=without,
        quote_kinds=quote_kinds,
        mark_styles=styles,
        datings=results,
        rule=f"lineage takes text reuse as evidence when at least {MIN_OUTSIDE_SHARE:.0%} of the reuser's"
        " wording outside quotations is the source's (MIN_OUTSIDE_SHARE)",
        errors=errors,
        seconds=round(time.perf_counter() - started, 3),
    )


def mark_styles(db: sqlite_utils.Database, reader: LineageReader) -> dict[str, dict[str, int]]:
    """For the newspaper texts, by the marks they quote with: texts, printings, texts with none."""
    figures = {style: {"texts": 0, "printings": 0, "without": 0} for style in MARK_STYLES}
    counts = Counter(article_id for _, article_id, _, _ in reader.occurrences.values())
    for article_id, text in db.execute("select id, text from articles"):
        if reader.article_kind[article_id] == "pa":
            continue
        style = figures[mark_style(text)]
        style["texts"] += 1
        style["printings"] += counts[article_id]
        style["without"] += not counts[article_id]
    return figures
