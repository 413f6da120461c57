"""The name a page gives its site, read as a researcher would cite it.

A page names its site in several places: `og:site_name` (often the whole home-page title,
"LinkNaija | Nigeria's popular news platform"), its JSON-LD publisher, its copyright line
("© 2026 Eastside Courier. All rights reserved"), its title ("Harbour deal signed - Eastside
Courier", "The Harbour Review: Ferry fares rise") and its byline ("Eastside Courier Staff").
The name is the part of these that names the site's domain ("LinkNaija" for linknaija.com,
"Remember 80/90" for remember8090.it, "Practical Horseman" for practicalhorsemanmag.com): taglines
and lists of sections name nothing. A page with no web address is read against the domain its
copyright line names, if any ("© vse-diety.com, 2008").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from publicsuffixlist import PublicSuffixList

from provenance.models import Article

PUBLIC_SUFFIXES = PublicSuffixList()  # the list shipped with the package: no network (outlets uses it too)

# The parts of a site name or title: "Autoracing | F1 | Indy", "Remember 80/90 - Memorabilia anni 80/90"
NAME_PART_RE = re.compile(r"\s*\|\s*|\s+[-–—·•»]\s+|\s*::\s*")
# A title's parts also end at a colon: "The Harbour Review: Ferry fares rise"
TITLE_PART_RE = re.compile(NAME_PART_RE.pattern + r"|:\s+")
NAME_EDGE_RE = re.compile(r"^[\s\"'“”‘’(\[:,;.\-–—_*]+|[\s\"'“”‘’)\]:,;\-–—_*]+$")
NOT_ALNUM_RE = re.compile(r"[^a-z0-9]+")
ASCII_LETTER_RE = re.compile(r"[a-z]")
# The notice words and years of a copyright line: "Copyright © 2002-2019 by", "(c) 2026", "ⓒ"
COPYRIGHT_MARK_RE = re.compile(r"©|ⓒ|\((?:c|с)\)|\bcopyright\b", re.IGNORECASE)
COPYRIGHT_LEAD_RE = re.compile(
    r"^(?:\s|©|ⓒ|\((?:c|с)\)|copyright\b|\d{4}(?:\s*[-–—/]\s*\d{2,4})?|by\b|[.,:;\-–—])+", re.IGNORECASE
)
# Where a copyright holder's name ends: ", a Gannett company", ". All rights reserved", " - Designed by", ", 2019"
HOLDER_END_RE = re.compile(r",|;|\.\s|\.$|\s[-–—|/]\s|\s\d{4}\b|\s+all\s+rights?\b", re.IGNORECASE)
YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")
HOLDER_NOT_NAME_RE = re.compile(r"^(?:all\b|designed\b|powered\b|the\s+content\b|this\b|contents?\b)", re.IGNORECASE)
HOST_RE = re.compile(r"\b(?:www\.)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,})\b", re.IGNORECASE)
# A byline's staff words after an outlet's name: "Eastside Courier Editorial Staff", "Courier wire services"
BYLINE_PART_RE = re.compile(r"\s*(?:;|,|\band\b)\s*")
BY_RE = re.compile(r"^by\s+", re.IGNORECASE)
# A title opening with its site's name ("The Harbour Review: ..."): the name ends with a word naming a publication
TITLE_SITE_PREFIX_RE = re.compile(
    r"^(?P<site>(?:The\s+)?(?:[A-Z0-9][\w.&'’-]*\s+){0,3}"
    r"(?:Review|News|Times|Post|Journal|Herald|Tribune|Gazette|Magazine|Daily|Weekly|Report|Observer|Chronicle|"
    r"Monitor|Register|Courier|Dispatch|Bulletin|Inquirer|Examiner|Digest|Insider|Ledger|Sentinel|Telegraph|Standard))"
    r":\s+\S"
)
# A title's closing site name: "Harbour deal signed - Eastside Courier", "... | Entermedia" (capitalised, four words at most)
TITLE_SITE_SUFFIX_RE = re.compile(
    r"\S(?:\s+\S+){2,}\s+[-|–—]\s+(?P<site>[A-Z0-9][\w.&'’]*(?:\s[A-Z0-9][\w.&'’]*){0,3})\s*$"
)
MAX_TITLE_NAME_WORDS = 4
MAX_HOLDER_WORDS = 6
MIN_LABEL = 3  # a domain label shorter than this ("ap", "rt") names too many things to read names against
MAX_DOMAIN_TAIL = 3  # letters a domain may add to a name: "mag" (practicalhorsemanmag.com), "ng" (theparadigmng.com)


def squash(name: str) -> str:
    """A name as a domain spells it: accents dropped, lower case, letters and digits only ("Remember 80/90" -> "remember8090")."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return NOT_ALNUM_RE.sub("", text.casefold())


def clean_name(name: str | None) -> str | None:
    """A name without edge punctuation and runs of spaces ("Wday_" -> "Wday"); None when nothing is left."""
    text = NAME_EDGE_RE.sub("", " ".join((name or "").split()))
    return text or None


def domain_parts(domain: str) -> tuple[str, str]:
    """The label that names a site and its public suffix, squashed: "linknaija.com" -> ("linknaija", "com").

    The label is the first of the domain's own ("dfw" of dfw.cbslocal.com, "foo" of foo.substack.com).
    """
    domain = domain.lower().strip(".")
    suffix = PUBLIC_SUFFIXES.publicsuffix(domain) or ""
    own = domain[: -len(suffix) - 1] if suffix and domain.endswith("." + suffix) else domain
    return squash(own.split(".")[0]), squash(suffix)


def naming_words(name: str, domain: str) -> str | None:
    """The leading words of `name` that name `domain`, None when none do.

    "LinkNaija" for linknaija.com, "Remember 80/90" for remember8090.it, "The Detroit News" for
    detroitnews.com, "MacRumors.com" for macrumors.com, "Practical Horseman" (Editorial Staff) for
    practicalhorsemanmag.com, "Vortex Cannon" (Entertainment) for vortexcannon.org.
    """
    label, suffix = domain_parts(domain)
    if len(label) < MIN_LABEL or not ASCII_LETTER_RE.search(label):
        return None
    words = name.split()
    start = 1 if len(words) > 1 and words[0].casefold() == "the" else 0
    spelled = ""
    for end in range(start, len(words)):
        spelled += squash(words[end])
        if not spelled:
            continue
        fits = (
            spelled in (label, label + suffix)
            or "the" + spelled == label
            or (len(spelled) >= 5 and label.startswith(spelled) and len(label) - len(spelled) <= MAX_DOMAIN_TAIL)
        )
        if fits:
            return " ".join(words[: end + 1])
        if len(spelled) > len(label) + len(suffix) + 3:
            return None
    return None


def names_domain(name: str, domain: str) -> bool:
    """Whether a name's leading words name the domain."""
    return naming_words(name, domain) is not None


def name_parts(name: str | None, separators: re.Pattern = NAME_PART_RE) -> list[str]:
    """The parts of a site name or title ("LinkNaija | Nigeria's popular news platform" -> two), cleaned."""
    return [part for part in (clean_name(piece) for piece in separators.split(name or "")) if part]


def is_slug(name: str, domain: str) -> bool:
    """Whether a name is its domain written as an address or a slug ("detroitnews", "vortexcannon.org"), not as printed."""
    return " " not in name and name == name.lower() and ASCII_LETTER_RE.search(name) is not None and names_domain(name, domain)


def copyright_holders(lines: Iterable[str], *, notices_only: bool = False) -> Iterator[str]:
    """The holders the page's copyright lines name: "© 2026 Eastside Courier. All rights reserved" -> "Eastside Courier".

    `notices_only`: only lines that open with a dated notice ("©2026 Kestrel"), not a caption's or
    a byline's mark ("... © Reuters / Ana Ruiz", "© Ana Ruiz"), for a name read from the holder alone.
    """
    for line in lines:
        mark = COPYRIGHT_MARK_RE.search(line)
        if mark is None or (notices_only and (mark.start() > 0 or not YEAR_RE.search(line))):
            continue
        rest = COPYRIGHT_LEAD_RE.sub("", line[mark.start():])
        host = HOST_RE.match(rest)
        end = HOLDER_END_RE.search(rest, host.end() if host else 0)
        holder = clean_name(rest[: end.start()] if end else rest)
        if not holder or HOLDER_NOT_NAME_RE.match(holder) or len(holder.split()) > MAX_HOLDER_WORDS:
            continue
        if holder[0].isupper() or host is not None:
            yield holder


def copyright_domain(lines: Iterable[str]) -> str | None:
    """The domain a page's copyright line names ("© vse-diety.com, 2008", "(www.entermedia.co.kr)"), else None."""
    for line in lines:
        if COPYRIGHT_MARK_RE.search(line) is None:
            continue
        for match in HOST_RE.finditer(line):
            domain = PUBLIC_SUFFIXES.privatesuffix(match.group(1).lower())
            if domain:
                return domain
    return None


def byline_names(author: str | None) -> list[str]:
    """The parts of a byline that may name an outlet ("By Ana Ruiz, Eastside Courier Staff" -> both parts)."""
    return [part for part in (clean_name(BY_RE.sub("", piece)) for piece in BYLINE_PART_RE.split(author or "")) if part]


def title_site_name(title: str | None) -> str | None:
    """The site name a page's title ends with after a dash or a bar ("Harbour deal signed - Eastside Courier"),
    or opens with before a colon when it names a publication ("The Harbour Review: Ferry fares rise")."""
    match = TITLE_SITE_SUFFIX_RE.search(title or "") or TITLE_SITE_PREFIX_RE.match(title or "")
    return match.group("site") if match else None


def _other_names(article: Article) -> Iterator[tuple[str, bool]]:
    """The page's names for its site besides its site name, best first; True where only leading words may be the name."""
    publisher = (article.metadata or {}).get("jsonld", {}).get("publisher")
    if isinstance(publisher, str) and clean_name(publisher):
        yield clean_name(publisher), False
    for holder in copyright_holders(article.credit_lines or ()):
        yield holder, False
    for part in name_parts(article.title, TITLE_PART_RE):
        if len(part.split()) <= MAX_TITLE_NAME_WORDS:  # a headline's words are no site's name
            yield part, False
    for part in byline_names(article.author):
        yield part, True


def page_site_name(article: Article, domain: str | None) -> str | None:
    """The name the page gives its site, as a researcher would cite it; None when it gives none.

    Of the site name's parts, the one that names the domain; a site name that is its domain as a slug
    ("detroitnews"), or that names something else (a tagline), gives way to another of the page's names
    that names the domain (its publisher "The Detroit News", its byline's "Practical Horseman").
    A site name no part of which names the domain keeps the part another of the page's names repeats,
    else stays whole. A page with no web address is read against the domain its copyright line names,
    which names it when its site name names something else.
    """
    site = clean_name(article.site_name)
    address = domain
    domain = domain or (copyright_domain(article.credit_lines or ()) if site else None)
    if not domain:
        return site
    parts = name_parts(site)
    named = [part for part in parts if names_domain(part, domain)]
    if named and not is_slug(named[0], domain):
        return named[0]
    others = list(_other_names(article))
    slugs = []
    for other, leading in others:
        words = naming_words(other, domain)
        if words is not None:
            if not is_slug(words, domain):
                return words if leading else other
            slugs.append(words)
    if named:
        return named[0]
    if slugs and address is None:  # a page with no address: the domain its copyright names, not a tagline
        return slugs[0]
    if len(parts) > 1:
        repeated = {squash(other) for other, _ in others}
        for part in parts:
            if squash(part) in repeated:
                return part
    return site
