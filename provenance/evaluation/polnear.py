"""Read PolNeAR-format folders: `text/*.txt` plus brat standoff `attributions/*.ann`."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

LOGGER = logging.getLogger(__name__)

# "T12<TAB>Content 3742 4033;4188 4420<TAB>text" (the text may run on over later lines)
TEXT_BOUND_RE = re.compile(r"^(T\d+)\t([A-Za-z][\w-]*) (\d+ \d+(?:;\d+ \d+)*)(?:\t|$)")
# "E3<TAB>Attribution:T12 Cue:T11 Source:T10 Content:T9 Content2:T13"
EVENT_RE = re.compile(r"^(E\d+)\t(\S+)((?: [\w-]+:T\d+)*)\s*$")
ROLE_RE = re.compile(r"([A-Za-z]+)\d*:(T\d+)")
# The marks that make an attribution's Content a direct quotation.
QUOTE_MARK_RE = re.compile(r"[\"“”„«»]|``|''")
OPENS_AFTER = "([{—–-/:"  # what may stand right before an opening straight mark
CLOSES_BEFORE = ".,;:!?)]}—–-…"  # what may stand right after a closing straight mark
STRAIGHT_MARKS = ('"', "''")
ANNOTATOR_RE = re.compile(r"^(?P<name>.+)_(?P<annotator>[0-9a-f]{4})$")


@dataclass
class Annotation:
    """A brat text-bound annotation: a label and one or more character spans."""

    id: str
    label: str
    spans: list[tuple[int, int]]

    def text(self, document: str) -> str:
        """The annotated text; discontinuous parts joined by one space."""
        return " ".join(document[start:end] for start, end in self.spans)


@dataclass
class Attribution:
    """One attribution relation: who (source) says (cue) what (content)."""

    id: str
    content: list[tuple[int, int]] = field(default_factory=list)
    source: Annotation | None = None
    cue: Annotation | None = None


@dataclass
class PolnearDocument:
    """One article text with one annotator's attributions."""

    name: str
    text: str
    annotator: str
    attributions: list[Attribution]

    def content_text(self, attribution: Attribution) -> str:
        """The attribution's content, discontinuous parts joined by one space."""
        return " ".join(self.text[start:end] for start, end in attribution.content)

    def quoted_spans(self, attribution: Attribution) -> list[tuple[int, int]]:
        """The parts of an attribution's content that stand inside quotation marks."""
        return quoted_spans(self.text, attribution.content) or list(attribution.content)

    def quotations(self) -> list[Attribution]:
        """The attributions whose content holds quotation marks (direct quotations)."""
        return [
            attribution
            for attribution in self.attributions
            if attribution.content and QUOTE_MARK_RE.search(self.content_text(attribution))
        ]


def opens_quote(text: str, match: re.Match, *, first: bool = False) -> bool | None:
    """Whether a quotation mark opens a quote; None for a straight mark that may do either (it toggles).

    A content's first straight mark opens when a word follows it, or anything but a space after a space
    ('a "$25 billion mistake."', '"[Trump] doesn't"'); a later one opens after a space before a word and closes after
    a word before a space or punctuation; a right mark typed for a left one opens before a word after a space
    ('Doing so ”appeared to be'), as `provenance.quotes.classify_mark` reads it.
    """
    mark = match.group()
    before = text[match.start() - 1] if match.start() > 0 else " "
    after = text[match.end()] if match.end() < len(text) else " "
    if mark in ("“", "„", "«", "``"):
        return True
    if mark == "»":
        return False
    if mark == "”":
        return (before.isspace() or before in "([") and after.isalnum()
    if first:
        return after.isalnum() or (not after.isspace() and (before.isspace() or before in OPENS_AFTER))
    if (before.isspace() or before in OPENS_AFTER) and not after.isspace():
        return True  # a straight mark opening a word: a quote opens, or a multi-paragraph quote opens again
    if not before.isspace() and (after.isspace() or after in CLOSES_BEFORE):
        return False
    return None


def quoted_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The characters of these spans that stand inside quotation marks (marks paired in order, nested)."""
    marks = [match for span_start, span_end in spans for match in QUOTE_MARK_RE.finditer(text, span_start, span_end)]
    if not marks:
        return []
    # A content that starts inside a quote shows a closing mark first. Marks nest: the words around a quote inside
    # the quote are inside it too ('"I'd rather live in what he calls "hell" than see him win."'), but a straight
    # mark opening a paragraph or a content's part opens the same quote again.
    depth = 0 if opens_quote(text, marks[0], first=True) else 1
    found: list[tuple[int, int]] = []
    for span_start, span_end in spans:
        position = span_start
        for match in QUOTE_MARK_RE.finditer(text, span_start, span_end):
            if depth:
                found.append((position, match.start()))
            opens = opens_quote(text, match)
            if opens is None:
                depth = 0 if depth else 1  # a straight mark neither opening nor closing a word toggles
            elif opens and match.group() in STRAIGHT_MARKS and not text[
                max(span_start, text.rfind("\n", 0, match.start()) + 1) : match.start()
            ].strip(" \t\u00a0"):
                depth = max(depth, 1)  # a multi-paragraph quote opens again: 'A.\n\n"B."', or a content's next part
            else:
                depth = depth + 1 if opens else max(0, depth - 1)
            position = match.end()
        if depth:
            found.append((position, span_end))
    trimmed = []
    for start, end in found:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            trimmed.append((start, end))
    return trimmed


def parse_spans(value: str) -> list[tuple[int, int]]:
    """Parse brat offsets "3 9;12 20" into [(3, 9), (12, 20)]."""
    spans = []
    for part in value.split(";"):
        start, end = part.split()
        spans.append((int(start), int(end)))
    return spans


def parse_annotations(ann: str, text_length: int | None = None) -> list[Attribution]:
    """Parse a brat .ann file's attribution events; malformed lines are skipped."""
    bounds: dict[str, Annotation] = {}
    events: list[tuple[str, str]] = []
    for line in ann.splitlines():
        match = TEXT_BOUND_RE.match(line)
        if match:
            spans = parse_spans(match.group(3))
            if text_length is not None and any(end > text_length or start > end for start, end in spans):
                LOGGER.warning("span out of range in %s: %s", match.group(1), match.group(3))
                continue
            bounds[match.group(1)] = Annotation(match.group(1), match.group(2), spans)
            continue
        match = EVENT_RE.match(line)
        if match and match.group(2).startswith("Attribution"):
            events.append((match.group(1), match.group(2) + match.group(3)))
    attributions = []
    for event_id, roles in events:
        attribution = Attribution(event_id)
        for role, target in ROLE_RE.findall(roles):
            annotation = bounds.get(target)
            if annotation is None:
                continue
            if role == "Content":
                attribution.content.extend(annotation.spans)
            elif role == "Source":
                attribution.source = annotation
            elif role == "Cue":
                attribution.cue = annotation
        attribution.content.sort()
        attributions.append(attribution)
    return attributions


class DocumentError(ValueError):
    """A text or annotation file that cannot be read; the message names the file."""


def read_utf8(path: Path) -> str:
    """A file's text, or a DocumentError naming it."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise DocumentError(f"cannot read {path}: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise DocumentError(f"{path} is not UTF-8: {error.reason} at byte {error.start}") from None


def read_document(text_path: Path, ann_path: Path) -> PolnearDocument:
    """Read one text file and one annotator's .ann file."""
    text = read_utf8(text_path)
    match = ANNOTATOR_RE.match(ann_path.stem)
    annotator = match.group("annotator") if match else ""
    attributions = parse_annotations(read_utf8(ann_path), len(text))
    return PolnearDocument(text_path.stem, text, annotator, attributions)


def find_annotation_files(folder: Path) -> dict[str, Path]:
    """Map each text name to its annotation file (the first annotator in name order)."""
    found: dict[str, Path] = {}
    for path in sorted((folder / "attributions").glob("*.ann")):
        match = ANNOTATOR_RE.match(path.stem)
        name = match.group("name") if match else path.stem
        found.setdefault(name, path)
    return found


def iter_documents(folder: Path, *, limit: int | None = None) -> Iterator[PolnearDocument | Exception]:
    """Yield each annotated document of a PolNeAR split, or the error that reading it raised."""
    folder = Path(folder)
    if not (folder / "text").is_dir() or not (folder / "attributions").is_dir():
        raise FileNotFoundError(f"not a PolNeAR folder (needs text/ and attributions/): {folder}")
    annotations = find_annotation_files(folder)
    pairs = [
        (text_path, annotations[text_path.stem])
        for text_path in sorted((folder / "text").glob("*.txt"))
        if text_path.stem in annotations
    ]
    if not pairs:
        raise ValueError("no documents (text/NAME.txt with attributions/NAME_xxxx.ann)")
    for text_path, ann_path in pairs[:limit]:
        try:
            yield read_document(text_path, ann_path)
        except ValueError as error:
            LOGGER.warning("%s", error)
            yield error
