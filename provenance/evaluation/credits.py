"""Score wire-copy credits against PolNeAR's `wire` metadata column.

An article is wire copy when its `wire` is AP, Reuters, AFP or UPI; `None` marks an article that
is not (a negative); `NA` and empty values are not annotated and are skipped. Recall is the share of
wire-copy articles whose wire is found as a copy credit (dateline, byline or copyright); precision is
the share of found copy credits that name the article's gold wire.
"""

from __future__ import annotations

import csv
import logging
import re
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from provenance.credits import extract_credits, same_outlet
from provenance.evaluation.polnear import find_annotation_files, parse_annotations
from provenance.evaluation.scores import ratio
from provenance.models import Article, Credit, Outlet
from provenance.outlets import OutletRegistry, load_registry, outlet_for_article

LOGGER = logging.getLogger(__name__)

# PolNeAR `wire` values and `publisher` codes, as registry names.
WIRE_NAMES = {
    "ap": "The Associated Press",
    "reuters": "Reuters",
    "afp": "Agence France-Presse",
    "upi": "United Press International",
}
PUBLISHER_NAMES = {
    "breitbart": "Breitbart News",
    "huff-post": "HuffPost",
    "nyt": "The New York Times",
    "politico": "Politico",
    "usa-today": "USA Today",
    "wash-post": "The Washington Post",
    "west-journal": "The Western Journal",
}
UNANNOTATED = {"", "na"}
# Credits that name an outlet as the source of a statement ("according to X", "X reported").
SOURCE_CREDIT_KINDS = ("according_to", "reported", "said", "reported_by", "per", "citing", "via", "obtained")
PARAGRAPH_RE = re.compile(r"[^\n]+")
CONTEXT_CHARS = 160  # characters of the paragraph shown on each side of a listed span


@dataclass
class SourceFinding:
    """An annotated outlet Source not credited there, or a source credit outside every annotated Source."""

    name: str  # the PolNeAR file
    outlet: str  # the outlet's name
    span: str  # the annotated Source, or the credit's cue
    context: str  # the paragraph around it
    credits: list[str]  # "kind:outlet name" of the credits found in that paragraph

    def format(self) -> str:
        found = "; ".join(self.credits) or "none"
        return f"  {self.name}: {self.outlet} [{self.span}] credits here: {found}\n    {self.context}"


@dataclass
class ArticleResult:
    """What the credit extractor found in one PolNeAR article."""

    name: str
    publisher: str
    gold_wire: str | None  # registry key of the gold wire, None for a negative
    copy_credits: list[str]  # registry keys of the outlets found as copy credits
    credits: list[str]  # "kind:outlet name" of every credit found, copy or not

    @property
    def hit(self) -> bool:
        return self.gold_wire is not None and self.gold_wire in self.copy_credits


@dataclass
class CreditEvaluation:
    """Precision and recall of wire-copy credits on one PolNeAR split."""

    folder: str
    articles: int = 0
    skipped: int = 0
    wire_articles: int = 0
    detected: int = 0  # copy credits found (article, outlet) pairs
    correct: int = 0  # of those, naming the gold wire
    recalled: int = 0  # wire articles whose wire was found
    other_credits: int = 0  # credits for a fact or a quote (not copy)
    # Proxy for fact credits: attributions whose annotated Source is an outlet ("X reported ...").
    source_spans: int = 0  # annotated Source spans that name an outlet other than the publisher
    source_spans_credited: int = 0  # of those, credited to that outlet at that place
    source_credits: int = 0  # credits of SOURCE_CREDIT_KINDS found in the text
    source_credits_annotated: int = 0  # of those, lying in an annotated Source span
    missed_sources: list[SourceFinding] = field(default_factory=list)  # annotated, not credited
    unannotated_credits: list[SourceFinding] = field(default_factory=list)  # credited, not annotated
    seconds: float = 0.0
    results: list[ArticleResult] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return ratio(self.correct, self.detected)

    @property
    def recall(self) -> float:
        return ratio(self.recalled, self.wire_articles)

    @property
    def source_recall(self) -> float:
        return ratio(self.source_spans_credited, self.source_spans)

    @property
    def source_precision(self) -> float:
        return ratio(self.source_credits_annotated, self.source_credits)

    @property
    def ms_per_article(self) -> float:
        return ratio(1000 * self.seconds, self.articles)

    def errors(self) -> list[ArticleResult]:
        """Articles with a missed wire or a copy credit that is not the gold wire."""
        return [r for r in self.results if (r.gold_wire and not r.hit) or any(k != r.gold_wire for k in r.copy_credits)]

    def to_dict(self) -> dict:
        """The figures and per-article findings as plain data."""
        return {
            "folder": self.folder,
            "articles": self.articles,
            "skipped_unannotated": self.skipped,
            "wire_articles": self.wire_articles,
            "copy_credits_detected": self.detected,
            "copy_credits_correct": self.correct,
            "wire_articles_recalled": self.recalled,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "other_credits": self.other_credits,
            "source_spans": self.source_spans,
            "source_recall": round(self.source_recall, 4),
            "source_credits": self.source_credits,
            "source_precision": round(self.source_precision, 4),
            "ms_per_article": round(self.ms_per_article, 3),
            "missed_sources": [asdict(finding) for finding in self.missed_sources],
            "unannotated_credits": [asdict(finding) for finding in self.unannotated_credits],
            "errors": [self._row(r) for r in self.errors()],
            "per_article": [self._row(r) for r in self.results if r.credits],
        }

    @staticmethod
    def _row(result: ArticleResult) -> dict:
        return {
            "name": result.name,
            "publisher": result.publisher,
            "gold_wire": result.gold_wire,
            "copy_credits": result.copy_credits,
            "credits": result.credits,
        }

    def format_misses(self) -> str:
        """The annotated outlet Sources not credited, then the source credits in no annotated Source."""
        lines = [f"outlet sources not credited ({len(self.missed_sources)}):"]
        lines += [finding.format() for finding in self.missed_sources]
        lines.append(f"source credits in no annotated Source ({len(self.unannotated_credits)}):")
        lines += [finding.format() for finding in self.unannotated_credits]
        return "\n".join(lines)

    def format(self) -> str:
        """A readable report: figures, errors, then the credits found per article."""
        lines = [
            f"PolNeAR credits: {self.folder}",
            f"articles scored: {self.articles} (skipped, not annotated: {self.skipped}); wire copy: {self.wire_articles}",
            f"copy-credit precision: {self.precision:.3f} ({self.correct}/{self.detected})",
            f"copy-credit recall:    {self.recall:.3f} ({self.recalled}/{self.wire_articles})",
            f"credits for a fact or quote: {self.other_credits}",
        ]
        if self.source_spans or self.source_credits:
            lines += [
                "proxy, against annotated attributions whose Source is an outlet (first annotator):",
                f"  outlet sources credited: {self.source_recall:.3f} ({self.source_spans_credited}/{self.source_spans})",
                f"  source credits in an annotated Source: {self.source_precision:.3f} ({self.source_credits_annotated}/{self.source_credits})",
            ]
        lines.append(f"time: {self.ms_per_article:.2f} ms per article")
        errors = self.errors()
        if errors:
            lines.append("errors:")
            for result in errors:
                found = ", ".join(result.copy_credits) or "none"
                lines.append(f"  {result.name}: gold {result.gold_wire or 'none'}, found {found}")
        lines.append("credits per article:")
        for result in self.results:
            if result.credits:
                lines.append(f"  {result.name}: {'; '.join(result.credits)}")
        return "\n".join(lines)


def read_metadata(folder: Path) -> dict[str, dict]:
    """PolNeAR metadata rows by file name, from the split folder or its parent."""
    for candidate in (folder / "metadata.tsv", folder.parent / "metadata.tsv"):
        if candidate.is_file():
            with candidate.open(encoding="utf-8", newline="") as handle:
                reader = csv.DictReader(handle, delimiter="\t")
                if "filename" not in (reader.fieldnames or ()) or "wire" not in (reader.fieldnames or ()):
                    raise ValueError(f"{candidate} lacks the PolNeAR columns filename and wire")
                return {row["filename"]: row for row in reader}
    raise FileNotFoundError(f"no metadata.tsv in {folder} or {folder.parent}")


def polnear_article(name: str, text: str, row: dict, *, with_author: bool = False) -> Article:
    """An Article from a PolNeAR text and its metadata row (plain text, no URL)."""
    publisher = row.get("publisher") or ""
    author = row.get("author") if with_author and row.get("author") not in (None, "", "None") else None
    return Article(
        url=f"polnear:{name}",
        text=text,
        title=row.get("title") or None,
        author=author,
        published=row.get("publication_date") or None,
        outlet=PUBLISHER_NAMES.get(publisher, publisher or None),
        source="import",
    )


def gold_wire(value: str | None, registry: OutletRegistry) -> str | None | bool:
    """The registry key of a `wire` value; None for a negative; False when not annotated."""
    text = (value or "").strip()
    if text.casefold() in UNANNOTATED:
        return False
    if text.casefold() == "none":
        return None
    outlet = registry.outlet_for_name(WIRE_NAMES.get(text.casefold(), text))
    return outlet.key if outlet else text.casefold()


def evaluate_credits(
    folder: Path, *, with_author: bool = False, registry: OutletRegistry | None = None
) -> CreditEvaluation:
    """Precision and recall of wire-copy credits on a PolNeAR split folder (e.g. polnear/dev)."""
    folder = Path(folder)
    registry = registry or load_registry()
    metadata = read_metadata(folder)
    texts = sorted((folder / "text").glob("*.txt"))
    annotations = find_annotation_files(folder) if (folder / "attributions").is_dir() else {}
    if not texts:
        raise FileNotFoundError(f"no PolNeAR texts in {folder / 'text'}")
    evaluation = CreditEvaluation(folder=str(folder))
    for path in texts:
        name = path.stem
        row = metadata.get(name)
        if row is None:
            LOGGER.warning("no metadata for %s; skipped", name)
            evaluation.skipped += 1
            continue
        gold = gold_wire(row.get("wire"), registry)
        if gold is False:
            evaluation.skipped += 1
            continue
        article = polnear_article(name, path.read_text(encoding="utf-8"), row, with_author=with_author)
        started = time.perf_counter()
        credits = extract_credits(article, [], registry)
        evaluation.seconds += time.perf_counter() - started
        copies = []
        for credit in credits:
            if credit.is_copy and credit.outlet.key not in copies:
                copies.append(credit.outlet.key)
        result = ArticleResult(
            name=name,
            publisher=row.get("publisher") or "",
            gold_wire=gold,
            copy_credits=copies,
            credits=[f"{c.kind}:{c.outlet.name}" for c in credits],
        )
        evaluation.results.append(result)
        evaluation.articles += 1
        evaluation.detected += len(copies)
        evaluation.correct += sum(1 for key in copies if key == gold)
        evaluation.other_credits += sum(1 for c in credits if not c.is_copy)
        if gold is not None:
            evaluation.wire_articles += 1
            evaluation.recalled += int(result.hit)
        if name in annotations:
            own = outlet_for_article(article, registry)
            _compare_sources(evaluation, name, article.text, annotations[name], credits, own, registry)
    return evaluation


def outlet_sources(text: str, ann_path: Path, own: Outlet, registry: OutletRegistry) -> list[tuple[int, int, str]]:
    """(start, end, outlet key) of annotated Source spans that are an outlet's name, not the publisher's."""
    try:
        attributions = parse_annotations(ann_path.read_text(encoding="utf-8"), len(text))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        LOGGER.warning("cannot read %s: %s", ann_path, error)
        return []
    # Names are read in the whole text, which tells "Bloomberg" the person (after "Michael Bloomberg") from the outlet.
    mentions = registry.find_mentions(text, home=own)
    sources = []
    for attribution in attributions:
        if attribution.source is None or not attribution.source.spans:
            continue
        start = min(s for s, _ in attribution.source.spans)
        end = max(e for _, e in attribution.source.spans)
        span = text[start:end].strip()
        inside = [m for m in mentions if start <= m.start < end]
        # The Source must be the outlet itself ("Reuters", "the AP's"), not "a Reuters reporter".
        if inside and len(span) <= len(inside[0].surface) + 4 and not same_outlet(inside[0].outlet, own):
            sources.append((start, end, inside[0].outlet.key))
    return sources


def _compare_sources(
    evaluation: CreditEvaluation,
    name: str,
    text: str,
    ann_path: Path,
    credits: list[Credit],
    own: Outlet,
    registry: OutletRegistry,
) -> None:
    """Count annotated outlet Sources that are credited, and source credits that are annotated."""
    sources = outlet_sources(text, ann_path, own, registry)
    located = [c for c in credits if c.kind in SOURCE_CREDIT_KINDS and c.start is not None]
    evaluation.source_spans += len(sources)
    for start, end, key in sources:
        if any(c.outlet.key == key and start - 1 <= c.start < end + 1 for c in located):
            evaluation.source_spans_credited += 1
        else:
            outlet = registry.get(key)
            found = _finding(name, outlet.name if outlet else key, text, start, end, credits)
            evaluation.missed_sources.append(found)
    evaluation.source_credits += len(located)
    for credit in located:
        if any(start - 1 <= credit.start < end + 1 for start, end, _ in sources):
            evaluation.source_credits_annotated += 1
        else:
            end = credit.end if credit.end is not None else credit.start
            found = _finding(name, credit.outlet.name, text, credit.start, end, credits)
            evaluation.unannotated_credits.append(found)


def _finding(name: str, outlet: str, text: str, start: int, end: int, credits: list[Credit]) -> SourceFinding:
    """A listed span with its paragraph (cut to CONTEXT_CHARS a side) and the credits found in it."""
    paragraph = next((m for m in PARAGRAPH_RE.finditer(text) if m.start() <= start <= m.end()), None)
    low, high = (paragraph.start(), paragraph.end()) if paragraph else (start, end)
    shown_low, shown_high = max(low, start - CONTEXT_CHARS), min(high, end + CONTEXT_CHARS)
    context = text[shown_low:start] + "[[" + text[start:end] + "]]" + text[end:shown_high]
    here = [f"{c.kind}:{c.outlet.name}" for c in credits if c.start is not None and low <= c.start < high]
    return SourceFinding(name, outlet, text[start:end], " ".join(context.split()), here)
