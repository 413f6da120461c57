"""Plain dataclasses passed between the stages: scrapers -> analysis -> database."""

from __future__ import annotations

from dataclasses import dataclass, field

OUTLET_KINDS = (
    "wire",
    "newspaper",
    "broadcaster",
    "magazine",
    "aggregator",
    "agency",
    "blog",
    "state_media",
    "unknown",
)
# The kinds whose pages are wire copy: reuse takes them as the source of an equal copy, lineage as a wire origin.
WIRE_KINDS = ("wire", "agency")

# Quotation kinds: what a pair of quote marks holds.
#   speech    a direct quotation attributed (or attributable) to a speaker
#   fragment  a partial quotation of a few words inside the reporter's own sentence
#   document  words quoted from a statement, post, filing or other written source
#   headline  a quotation in a headline-like line (kept apart from speech)
#   scare     scare quotes / titles / terms ("useful"): not speech
QUOTE_KINDS = ("speech", "fragment", "document", "headline", "scare")
TRACKED_QUOTE_KINDS = ("speech", "fragment", "document")

# Credit kinds. The first three say "this article is X's copy"; the rest credit X for a fact or quote.
COPY_CREDIT_KINDS = ("dateline", "byline", "copyright")
CREDIT_KINDS = COPY_CREDIT_KINDS + (
    "according_to",
    "reported",
    "told",
    "interview",
    "per",
    "citing",
    "said",
    "reported_by",
    "via",
    "hat_tip",
    "obtained",
    "link",
)

EVIDENCE_KINDS = ("origin", "credit", "link", "reuse", "mutation", "earlier")
ORIGIN_KINDS = ("exclusive", "wire", "public_statement", "unresolved")
REUSE_VERDICTS = ("wholly", "partially", "none")


@dataclass
class Link:
    """A hyperlink in the article body."""

    url: str
    anchor: str = ""
    sentence: str = ""
    start: int | None = None  # offset of the anchor text in Article.text, when found
    end: int | None = None


@dataclass
class Article:
    """One article as a scraper or an import produced it, before analysis."""

    url: str
    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601 as given: a date or a date-time
    site_name: str | None = None
    outlet: str | None = None  # outlet named by an import record; wins over the URL's
    canonical_url: str | None = None
    description: str | None = None
    language: str | None = None
    fetched_at: str | None = None  # ISO 8601 UTC, when the page was fetched
    source: str = "import"  # how it reached us: fetch, import, warc, sample
    links: list[Link] = field(default_factory=list)
    # Lines trafilatura drops but that credit an outlet: copyright and credit lines, bylines.
    credit_lines: list[str] = field(default_factory=list)
    metadata: dict = field(default_factory=dict)  # og:/JSON-LD extras


@dataclass
class Outlet:
    """A news outlet: from the registry, or made up from a site name or domain."""

    key: str  # stable identifier: registry key, or the registrable domain
    name: str
    kind: str = "unknown"
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    country: str | None = None
    language: str | None = None
    in_registry: bool = False

    @property
    def domain(self) -> str | None:
        return self.domains[0] if self.domains else None


@dataclass
class Quotation:
    """A direct quotation as printed in one article."""

    text: str  # the words inside the marks, as printed (split quotes joined by one space)
    start: int  # offset in Article.text of the first quoted character
    end: int  # offset just past the last quoted character
    speaker: str | None = None  # as the article names the speaker here ("he", "Whitfield")
    speaker_name: str | None = None  # the resolved full name ("Dana Whitfield")
    cue: str | None = None  # the reporting cue ("said", "told reporters", "according to")
    kind: str = "speech"  # one of QUOTE_KINDS
    spans: list[tuple[int, int]] = field(default_factory=list)  # parts of a split quote
    paragraph: int = 0  # index of the paragraph holding the start
    told_own_outlet: bool = False  # the article says it was said to its own outlet ("told the Herald")


@dataclass
class Credit:
    """An outlet that an article credits, or whose copy the article says it is."""

    outlet: Outlet
    kind: str  # one of CREDIT_KINDS
    cue: str  # the cue as printed ("according to", "(AP) —", "Copyright 2025")
    sentence: str
    start: int | None = None  # offsets of the outlet mention in Article.text (None: outside text)
    end: int | None = None
    scope: str = "story"  # story | quote | fact (a count or a poll: no source of words)
    quote_indexes: list[int] = field(default_factory=list)  # Quotation indexes it applies to
    via: Outlet | None = None  # the intermediary in a chain ("..., per the AP")
    url: str | None = None  # for link credits

    @property
    def is_copy(self) -> bool:
        return self.kind in COPY_CREDIT_KINDS


@dataclass
class Analysis:
    """Everything the per-article stage derives from one article: a pure function of the page."""

    article: Article
    outlet: Outlet
    quotations: list[Quotation]
    credits: list[Credit]
    fingerprints: list[int]  # hashes for the text-reuse index
    link_outlets: list[Outlet | None] = field(default_factory=list)  # per Article.links
    analysed_with: int | None = None  # provenance.pipeline.ANALYSIS_VERSION of the code that made it
