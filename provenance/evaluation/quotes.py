"""Score `extract_quotes` against PolNeAR gold direct quotations: spans, speakers, errors, speed.

Gold: every attribution whose Content holds a quotation mark; its gold quote is the text inside the
marks (an indirect "that ..." clause around a quoted fragment is not part of it). Predictions: the
speech, fragment and document quotations (headlines and scare quotes are not claimed as quotes).

Matching: overlap is counted in characters over all parts of both sides, so a split quote
(a discontinuous gold Content, or a prediction with two spans) scores as the union of its parts,
and a gold quote split where the prediction is not (or the reverse) still matches on the shared
characters. A gold quote is found when one prediction covers more than 30 % of it (80 % for the
strict figures); a prediction is correct when more than 30 % (80 %) of it lies in one gold quote.

Speaker: on found quotes whose gold Source names someone (pronouns and Sources holding only a
verb are left out), the key is the Source's surname (the last word of its first name-like run,
'Rick Tyler, a former aide' -> 'tyler') or, for a description, its head noun ('a source familiar
with the talks' -> 'source'); it is right when the key is a word of the predicted full name or of
the speaker as named.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from provenance.evaluation.polnear import Attribution, PolnearDocument, iter_documents
from provenance.evaluation.scores import f1, ratio
from provenance.models import TRACKED_QUOTE_KINDS, Quotation
from provenance.quotes import extract_quotes

LOGGER = logging.getLogger(__name__)

THRESHOLD = 0.30
STRICT_THRESHOLD = 0.80
MATCHING_RULE = (
    "A gold quote is the text inside the marks of a PolNeAR attribution whose Content holds quotation "
    "marks (all its parts); it is found when one predicted speech/fragment/document quote shares more "
    "than {loose:.0%} ({strict:.0%} for the strict figures) of its characters; a prediction is correct when more than that share "
    "of its own characters lies inside one gold quote. Split quotes are scored as the union of their parts on both sides. Speaker: the gold "
    "Source's surname (or head noun when it names no one) is a word of the predicted full name or "
    "speaker as named; gold Sources that name no one (pronouns, or only a verb) are left out."
)

WORD_RE = re.compile(r"[^\W\d_][\w.'’-]*")
TOKEN_RE = re.compile(r"[^\W\d_][\w.'’-]*|[,;:()—–]")
PUNCTUATION = frozenset(",;:()—–")
HEAD_STOPS = frozenset("of in for at who that which with from to on by about close familiar".split())
INSTITUTION_WORDS = frozenset(
    "bureau department house committee party campaign university institute center council office "
    "association foundation agency administration court senate congress".split()
)
PRONOUNS = frozenset(
    "he she they i we you it his her their its who whom which that him them me us our my your "
    "this these those one someone".split()
)
APPOSED_NAME_RE = re.compile(r"^(?=[^,]*\b[a-z])[^,]*,\s+((?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w'’-]*[a-z])\s*(?:,|$)")
LONE_VERBS = frozenset("said says say asked told added wrote noted".split())
DETERMINERS = frozenset("the a an this that these those another some".split())
TITLES = frozenset(
    "mr mr. mrs mrs. ms ms. miss dr dr. sen sen. rep rep. gov gov. president senator governor "
    "representative secretary mayor judge gen gen. lt. col. sgt. rev rev. sir dame lord lady "
    "speaker chairman chairwoman minister prime vice former candidate pope king queen prince".split()
)
OWNED_SPEECH = frozenset("words view views answer remarks comments response reply message".split())
POSSESSIVE_RE = re.compile(r"(?:['’]s|(?<=s)['’])$")
SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())
CONTEXT_BEFORE = 300  # characters shown before a listed miss (a pronoun's referent is often a sentence back)
CONTEXT_AFTER = 120
SPACE_RE = re.compile(r"[ \t]+")
PARAGRAPH_BREAK_RE = re.compile(r"\s*\n\s*")
# Capitalised words that are no part of a name: 'a CNN/ORC poll released Monday' -> 'poll'
CALENDAR_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april june july "
    "august september october november december".split()
)


def gold_speaker_key(source: str) -> str | None:
    """The word a predicted speaker must contain: the gold Source's surname, else its head noun."""
    tokens = TOKEN_RE.findall(source)
    words = [token for token in tokens if token not in PUNCTUATION]
    if not words:
        return None
    if len(words) == 1 and (
        words[0].casefold() in PRONOUNS
        or words[0].casefold().split("’")[0].split("'")[0] in PRONOUNS  # "she’s"
        or words[0].casefold() in LONE_VERBS  # a Source span holding only the verb: an annotation slip
        or len(words[0]) < 2
    ):
        return None
    for position, token in enumerate(tokens):
        if token.casefold() in HEAD_STOPS or token in PUNCTUATION:
            break  # 'the head of the RNC’s rules committee': the head comes first
        if token.casefold().endswith(("'s", "’s", "s'", "s’")):
            rest = [other for other in tokens[position + 1 :] if other not in PUNCTUATION]
            if not rest:
                # "Bolton’s", "Mr. Obama's", "The Florida senator’s": the owner speaks through their words
                return gold_speaker_key(source[: source.rfind(token)] + POSSESSIVE_RE.sub("", token))
            if not APPOSED_NAME_RE.search(source):
                # "Kelly Ayotte’s campaign", "Farley’s account", "Trump's campaign manager Kellyanne Conway"
                owned = gold_speaker_key(source[source.find(token) + len(token) :])
                if owned in OWNED_SPEECH:  # "Forbes’ words", "Bolton’s view": the owner speaks
                    return gold_speaker_key(source[: source.find(token)] + POSSESSIVE_RE.sub("", token))
                return owned
            break
    named = APPOSED_NAME_RE.search(source)
    if named and not named.group(1).split()[0].casefold() in DETERMINERS:
        # 'Another delegate on the Cruz slate, Jim Poolman': the name in apposition
        return named.group(1).split()[-1].rstrip(".,").casefold()
    runs: list[list[str]] = []
    current: list[str] = []
    for token in tokens + [","]:
        lowered = token.casefold()
        if lowered in HEAD_STOPS and not (runs or current):
            break  # 'a person close to the Clintons': a description, its head comes before the modifier
        if token in PUNCTUATION or (lowered in HEAD_STOPS and (runs or current)):
            if current:
                runs.append(current)
                current = []
            if runs:
                break  # 'Jane Roe, a Nebraska Republican', 'Stu Rothenberg of the Report': the name comes first
            continue
        possessive = lowered.endswith(("'s", "’s"))
        if lowered in CALENDAR_WORDS:
            if current:
                runs.append(current)
                current = []
            continue
        if token[:1].isupper() and lowered not in TITLES and lowered not in DETERMINERS and not possessive:
            if lowered not in SUFFIXES:
                current.append(token.rstrip("."))
            continue
        if current and (not token[:1].islower() or lowered in HEAD_STOPS):
            runs.append(current)
        # 'Florida senator', 'Federal Bureau of Investigation': a modifier or an institution, not a name
        current = []
    runs = [run for run in runs if not any(word.casefold() in INSTITUTION_WORDS for word in run)]
    if runs:
        return runs[-1][-1].casefold()  # 'CBS This Morning co-anchor DeMarco Morgan': the last name
    # 'a source involved in the talks', 'officials at the agency': the head noun before the modifiers
    head_words: list[str] = []
    for position, token in enumerate(tokens):
        following = tokens[position + 1].casefold() if position + 1 < len(tokens) else ""
        if token.casefold() in ("close", "familiar") and following not in ("to", "with"):
            head_words.append(token)  # 'a familiar voice': an adjective here
            continue
        if token in PUNCTUATION or token.casefold() in HEAD_STOPS:
            break
        head_words.append(token)
    while len(head_words) > 1 and (
        head_words[-1].casefold().endswith(("ed", "ing"))
        or head_words[-1].casefold() in CALENDAR_WORDS | {"just", "also", "now", "then", "recently"}
    ):
        head_words.pop()  # 'a poll released Monday' -> 'poll', 'a textbook just published' -> 'textbook'
    head = (head_words or words)[-1].casefold()
    return None if head in PRONOUNS else head


def speaker_words(quote: Quotation) -> set[str]:
    """The words of the predicted speaker: resolved full name and the speaker as named."""
    words: set[str] = set()
    for value in (quote.speaker_name, quote.speaker):
        if value:
            words.update(word.rstrip(",.;:").casefold() for word in WORD_RE.findall(value))
            words.update(POSSESSIVE_RE.sub("", word.casefold()) for word in WORD_RE.findall(value))
    return words


def miss_context(text: str, start: int, end: int, marked: tuple[int, int] | None = None) -> str:
    """The text around a miss on one line, paragraph breaks as ¶, the gold Source in [[ ]]."""
    low, high = max(0, start - CONTEXT_BEFORE), min(len(text), end + CONTEXT_AFTER)
    if marked and low <= marked[0] < marked[1] <= high:
        shown = text[low : marked[0]] + "[[" + text[marked[0] : marked[1]] + "]]" + text[marked[1] : high]
    else:
        shown = text[low:high]
    return SPACE_RE.sub(" ", PARAGRAPH_BREAK_RE.sub(" ¶ ", shown.strip()))


def overlap(first: list[tuple[int, int]], second: list[tuple[int, int]]) -> int:
    """Characters shared by two sets of spans."""
    total = 0
    for start, end in first:
        for other_start, other_end in second:
            total += max(0, min(end, other_end) - max(start, other_start))
    return total


def quote_spans(quote: Quotation) -> list[tuple[int, int]]:
    """A predicted quote's parts."""
    return list(quote.spans) if quote.spans else [(quote.start, quote.end)]


@dataclass
class DocumentScore:
    """Counts for one document at both thresholds."""

    gold: int = 0
    predicted: int = 0
    found: int = 0
    correct: int = 0
    found_strict: int = 0
    correct_strict: int = 0
    speaker_scored: int = 0
    speaker_right: int = 0


def score_document(
    document: PolnearDocument, quotes: list[Quotation], *, whole_content: bool = False
) -> tuple[DocumentScore, list[dict]]:
    """Score predicted quotes against one document's gold; also return the misses for inspection."""
    gold: list[Attribution] = document.quotations()
    predicted = [quote for quote in quotes if quote.kind in TRACKED_QUOTE_KINDS]
    score = DocumentScore(gold=len(gold), predicted=len(predicted))
    misses: list[dict] = []
    matched_predictions: set[int] = set()
    matched_strict: set[int] = set()
    for attribution in gold:
        gold_spans = list(attribution.content) if whole_content else document.quoted_spans(attribution)
        length = sum(end - start for start, end in gold_spans) or 1
        best_index, best_share = -1, 0.0
        for index, quote in enumerate(predicted):
            spans = quote_spans(quote)
            shared = overlap(gold_spans, spans)
            share = shared / length
            predicted_share = shared / (sum(end - start for start, end in spans) or 1)
            if predicted_share > THRESHOLD:
                matched_predictions.add(index)
            if predicted_share > STRICT_THRESHOLD:
                matched_strict.add(index)
            if share > best_share:
                best_index, best_share = index, share
        source = attribution.source.text(document.text) if attribution.source else ""
        first, last = min(start for start, _ in gold_spans), max(end for _, end in gold_spans)
        marked = (attribution.source.spans[0][0], attribution.source.spans[-1][1]) if attribution.source else None
        if best_share <= THRESHOLD:
            misses.append(
                {
                    "kind": "missed",
                    "doc": document.name,
                    "start": first,
                    "gold": document.content_text(attribution)[:300],
                    "source": source,
                    "context": miss_context(document.text, first, last, marked),
                }
            )
            continue
        score.found += 1
        if best_share > STRICT_THRESHOLD:
            score.found_strict += 1
        key = gold_speaker_key(source) if source else None
        if key is None:
            continue
        score.speaker_scored += 1
        quote = predicted[best_index]
        if key in speaker_words(quote):
            score.speaker_right += 1
        else:
            misses.append(
                {
                    "kind": "speaker",
                    "doc": document.name,
                    "start": first,
                    "gold": document.content_text(attribution)[:200],
                    "source": source,
                    "key": key,
                    "speaker": quote.speaker,
                    "speaker_name": quote.speaker_name,
                    "cue": quote.cue,
                    "quote_kind": quote.kind,
                    "context": miss_context(document.text, first, last, marked),
                }
            )
    score.correct = len(matched_predictions)
    score.correct_strict = len(matched_strict)
    for index, quote in enumerate(predicted):
        if index not in matched_predictions:
            misses.append(
                {
                    "kind": "spurious",
                    "doc": document.name,
                    "start": quote.start,
                    "text": quote.text[:200],
                    "quote_kind": quote.kind,
                    "speaker": quote.speaker,
                    "cue": quote.cue,
                    "context": miss_context(document.text, quote.start, quote.end),
                }
            )
    return score, misses


@dataclass
class QuoteEvaluation:
    """Quote and speaker figures over a PolNeAR folder."""

    folder: str
    documents: int = 0
    errors: int = 0
    gold: int = 0
    predicted: int = 0
    found: int = 0
    correct: int = 0
    found_strict: int = 0
    correct_strict: int = 0
    speaker_scored: int = 0
    speaker_right: int = 0
    text_bytes: int = 0
    seconds: float = 0.0
    misses: list[dict] = field(default_factory=list, repr=False)

    @property
    def precision(self) -> float:
        return ratio(self.correct, self.predicted)

    @property
    def recall(self) -> float:
        return ratio(self.found, self.gold)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    @property
    def precision_strict(self) -> float:
        return ratio(self.correct_strict, self.predicted)

    @property
    def recall_strict(self) -> float:
        return ratio(self.found_strict, self.gold)

    @property
    def f1_strict(self) -> float:
        return f1(self.precision_strict, self.recall_strict)

    @property
    def speaker_accuracy(self) -> float:
        return ratio(self.speaker_right, self.speaker_scored)

    @property
    def throughput(self) -> float:
        """Bytes of article text (UTF-8) per second of CPU time spent in `extract_quotes`."""
        return self.text_bytes / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict:
        """Counts and figures as plain JSON-ready values (without the misses)."""
        data = asdict(self)
        data.pop("misses")
        data.update(
            precision=round(self.precision, 4),
            recall=round(self.recall, 4),
            f1=round(self.f1, 4),
            precision_strict=round(self.precision_strict, 4),
            recall_strict=round(self.recall_strict, 4),
            f1_strict=round(self.f1_strict, 4),
            speaker_accuracy=round(self.speaker_accuracy, 4),
            bytes_per_second=round(self.throughput),
            seconds=round(self.seconds, 3),
            threshold=THRESHOLD,
            strict_threshold=STRICT_THRESHOLD,
            matching_rule=MATCHING_RULE.format(loose=THRESHOLD, strict=STRICT_THRESHOLD),
        )
        return data

    def format_misses(self) -> str:
        """The found quotes given a wrong speaker, the gold quotes not found, the predictions in no gold quote."""
        by_kind: dict[str, list[dict]] = {"speaker": [], "missed": [], "spurious": []}
        for miss in self.misses:
            by_kind[miss["kind"]].append(miss)
        lines = [f"wrong speakers ({len(by_kind['speaker'])}): the gold Source [key], the speaker found -> its full name, the cue"]
        for miss in by_kind["speaker"]:
            found = f"{miss['speaker'] or 'none'} -> {miss['speaker_name'] or 'none'}"
            lines.append(f"  {miss['doc']} @{miss['start']}: gold {miss['source']} [{miss['key']}]; found {found}; cue {miss['cue'] or 'none'}")
            lines.append(f"    {miss['context']}")
        lines.append(f"gold quotes not found ({len(by_kind['missed'])}):")
        for miss in by_kind["missed"]:
            lines.append(f"  {miss['doc']} @{miss['start']}: gold {miss['source'] or 'no Source'}")
            lines.append(f"    {miss['context']}")
        lines.append(f"predictions in no gold quote ({len(by_kind['spurious'])}):")
        for miss in by_kind["spurious"]:
            lines.append(f"  {miss['doc']} @{miss['start']}: {miss['quote_kind']}, speaker {miss['speaker'] or 'none'}; cue {miss['cue'] or 'none'}")
            lines.append(f"    {miss['context']}")
        return "\n".join(lines)

    def format(self) -> str:
        """The printed report."""
        lines = [
            f"PolNeAR quotes: {self.folder}",
            f"documents {self.documents}, with errors {self.errors}; gold quotes {self.gold}, predicted {self.predicted}",
            f"overlap > {THRESHOLD:.0%}: precision {self.precision:.3f}  recall {self.recall:.3f}  F1 {self.f1:.3f}",
            f"overlap > {STRICT_THRESHOLD:.0%}: precision {self.precision_strict:.3f}  recall {self.recall_strict:.3f}  F1 {self.f1_strict:.3f}",
            f"speaker accuracy {self.speaker_accuracy:.3f} ({self.speaker_right}/{self.speaker_scored} found quotes with a non-pronoun gold source)",
            f"throughput {self.throughput / 1e6:.2f} MB/s of article text on one core "
            f"({self.text_bytes} bytes in {self.seconds:.2f} s of CPU time)",
            "rule: " + MATCHING_RULE.format(loose=THRESHOLD, strict=STRICT_THRESHOLD),
        ]
        return "\n".join(lines)


def evaluate_quotes(folder: Path, *, limit: int | None = None, whole_content: bool = False) -> QuoteEvaluation:
    """Run `extract_quotes` over a PolNeAR-format folder and score it against the gold quotes.

    whole_content=True scores against the whole Content span (an indirect 'that ...' clause around
    a quoted fragment included), for comparison with figures computed that way.
    """
    evaluation = QuoteEvaluation(folder=str(folder))
    for document in iter_documents(Path(folder), limit=limit):
        evaluation.documents += 1
        if isinstance(document, Exception):
            evaluation.errors += 1
            continue
        started = time.process_time()  # CPU time: one core's throughput, whatever else runs
        try:
            quotes = extract_quotes(document.text)
        except Exception:  # an error in one document is counted, not fatal
            LOGGER.exception("extract_quotes failed on %s", document.name)
            evaluation.errors += 1
            continue
        evaluation.seconds += time.process_time() - started
        evaluation.text_bytes += len(document.text.encode("utf-8"))
        score, misses = score_document(document, quotes, whole_content=whole_content)
        for count in fields(DocumentScore):  # QuoteEvaluation has each of these counts
            setattr(evaluation, count.name, getattr(evaluation, count.name) + getattr(score, count.name))
        evaluation.misses.extend(misses)
    return evaluation
