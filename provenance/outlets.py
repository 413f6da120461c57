"""The outlet registry: news outlets by name, alias and domain, and finding them in text and URLs.

Registry files are CSV (or YAML with the same fields), one outlet a row, with the columns

    key,name,aliases,domains,kind,country,language

- key: stable identifier (letters, digits, `_`, `-`, `.`), e.g. `ap`.
- name: the outlet's name as printed ("The Associated Press"). A name or alias with a
  parenthesised qualifier ("The Times (London)") is used for name look-ups only, never
  searched for in text.
- aliases, domains: several values separated by `|` ("AP|Associated Press", "apnews.com|ap.org").
  Domains are matched with their subdomains folded (www., edition., m., ...).
- kind: one of models.OUTLET_KINDS (wire, newspaper, broadcaster, magazine, aggregator, agency,
  blog, state_media, unknown).
- country: ISO 3166 alpha-2 code; language: ISO 639-1 code (both optional).

YAML files hold a list of mappings with the same keys (or a mapping with an `outlets:` list);
aliases and domains may be lists there. Entries in later files win: a later entry with the same key
replaces the earlier one, and a later alias takes the name from whoever had it before (the sample
story's "CP" is Continental Press, not the built-in Canadian Press).

Text matching is case-sensitive on what a file says: "The Hill" matches only "The Hill", while a
name with two or more words after "The" ("The New York Times") also matches "the New York Times"
and "New York Times". One-word names and aliases ("Bloomberg", "Reuters") are skipped when they sit
inside a person's name ("Michael Bloomberg"), and once the text names such a person, a bare one
is that person too, unless it gives an outlet's figure ("Bloomberg estimates his fortune at",
"Bloomberg's billionaires list"): a ranking, list, index or estimate is the outlet's. A short form "the Times", "the Post", "the Ledger"
(the last word of a registered name) is resolved from context: the outlet of that name mentioned
last before it, else the publishing outlet, else the only registered outlet with that short form
(none when another is named by that word alone: "the Observer" may be The Observer).
"""

from __future__ import annotations

import csv
import hashlib
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from provenance.models import OUTLET_KINDS, WIRE_KINDS, Article, Outlet
from provenance.site_names import PUBLIC_SUFFIXES, clean_name, copyright_holders, page_site_name, title_site_name
from provenance.urls import split_url

LOGGER = logging.getLogger(__name__)

BUILTIN_REGISTRY = Path(__file__).resolve().parent / "data" / "outlets.csv"
COLUMNS = ("key", "name", "aliases", "domains", "kind", "country", "language")  # a registry CSV's header

# Last words of outlet names that are used alone as "the Times", "the Post", "the Ledger".
SHORT_HEADS = frozenset(
    """Times Post Journal Ledger Herald Gazette Tribune Courier Sentinel Globe Chronicle Examiner
    Inquirer Register Bee Observer Telegraph Mirror Star Dispatch Bulletin Monitor Enquirer Courant
    Advocate Sun Standard Express Beacon Mercury Record""".split()
)
# Capitalised words that may stand right before an outlet's one-word name without making a person.
FUNCTION_WORDS = frozenset(
    """The A An And But Or Nor So Then When While As In On At By For From Per Via Citing According
    Told Said Says If After Before Since Because Although Though Like Unlike With Without To Of Also
    Meanwhile However Earlier Later Last Now Both Neither Either Only Even Why How What Where Who
    That This These Those Its His Her Their Our My Your Yesterday Today Tomorrow Monday Tuesday
    Wednesday Thursday Friday Saturday Sunday January February March April May June July August
    September October November December Photo Photos Source Sources Image Credit Copyright Contact
    Follow Watch Read More Reporting Editing Writing Additional Report Reports Reported Whereas
    Here There Until Unless Whether Did Does Do Has Had Have Was Were Is Are Will Would Could
    Should Not No Yes Over Under Into Onto Upon Against Between Among Amid During Through""".split()
)
# Capitalised words that may follow a one-word name without making it part of another name
# (sections of the outlet itself: "Bloomberg Politics", "Bloomberg Opinion").
FOLLOWING_WORDS = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December News Television TV Radio Photo Photos
    Politics Opinion The I""".split()
)
# After a bare one-word name the text also gives to a person: the outlet's figure, not the person's
# words ("Bloomberg estimates his fortune at", "Bloomberg lists them", "Bloomberg's own billionaire list"),
# or the outlet telling of its reporting ("Bloomberg says its deeper reporting has found": a person's is "his").
OUTLET_FIGURE_NEXT_RE = re.compile(
    r"(?:['’]s?\s+(?:(?:own|latest|new|annual|real-time|daily)\s+)*(?:[\w-]+\s+)?"
    r"(?i:list|index|indexes|indices|ranking|rankings|estimates?|tally)"
    r"|\s+(?:estimated|estimates|pegged|pegs|listed|lists|ranked|ranks)"
    r"|\s+puts?\s+(?:his|her|their|its|the)\s+(?:[\w-]+\s+)?(?:net\s+worth|fortunes?|wealth)"
    r"|\s+(?:says|said|reports|reported|notes|noted)\s+(?:that\s+)?its\s+(?:own\s+|[a-z]+er\s+)?"
    r"(?:reporting|reporters|journalists|analysis|investigation|count|tally|list|index|ranking))\b"
)
# Abbreviated titles before a surname ("Mr. Bloomberg", "Sen. Post").
TITLES = frozenset("Mr Mrs Ms Dr Sen Rep Gov Gen Lt Col Sgt Capt Prof Rev Pres Atty Amb Adm Maj Cmdr Supt St".split())
# Platforms whose subdomains are separate publications (not in the Public Suffix List)
HOSTED_PLATFORMS = frozenset({"substack.com", "wordpress.com", "medium.com", "tumblr.com", "ghost.io", "beehiiv.com"})
# News networks that host each station or title on a subdomain of their own: "dfw.cbslocal.com" is
# CBS DFW and "detroit.cbslocal.com" CBS Detroit, "espn.go.com" is no part of "abcnews.go.com"
NEWS_NETWORKS = frozenset({"cbslocal.com", "go.com"})
# Hosts that serve other sites' pages (archives, AMP caches, caches): a page there is its canonical's outlet's.
SERVING_HOSTS = frozenset({"archive.org", "archive.ph", "archive.today", "archive.is", "archive.li", "archive.md",
                           "ampproject.org", "googleusercontent.com", "translate.goog"})
# The longest name or alias looked for in text (the longest in the registry has 44 characters): a longer one
# (a crawled site's host of 70,000 letters, a record's `site_name` holding a paragraph) is no outlet's name, and the
# mention regex, a trie of every name, nested one group a character: past about 970 no text could be analysed.
MAX_NAME_CHARS = 200
IP_HOST_RE = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3}){3}|\[?[0-9a-f:]+\]?)$")

WHITESPACE_RE = re.compile(r"\s+")
PAREN_RE = re.compile(r"\(")
NAME_EDGE_RE = re.compile(r"^[\s\"'“”‘’«»(\[:,;.\-–—]+|[\s\"'“”‘’«»)\]:,;\-–—]+$")
POSSESSIVE_RE = re.compile(r"['’]s?$")
LEADING_THE_RE = re.compile(r"^the\s+", re.IGNORECASE)
SLUG_RE = re.compile(r"[^a-z0-9]+")
WORD_SLUG_RE = re.compile(r"[\W_]+")  # a slug of a name in another script: "Нормы ГТО" -> "нормы-гто"
ASCII_LETTER_RE = re.compile(r"[a-z]")
# A byline's outlet after its writer: "Ana Ruiz, The Meridian Ledger", "Ana Ruiz | Meridian Ledger"
BYLINE_OUTLET_SPLIT_RE = re.compile(r"\s*(?:,|\||\s[-–—]\s)\s*")
DOMAINISH_RE = re.compile(r"^(?:https?://)?[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:/.*)?$", re.IGNORECASE)
PREVIOUS_TOKEN_RE = re.compile(r"(?:^|[\s(\"“])([A-Z][a-z]+\.?)[ \t\u00a0]+$")
# A name's middle initial right before a one-word name: "Michael R. Bloomberg", "Michael J. Fox" (not "U.S. Reuters")
MIDDLE_INITIAL_RE = re.compile(r"(?:^|[\s(\"“])[A-Z][a-z]+[ \t\u00a0]+[A-Z]\.[ \t\u00a0]+$")
NEXT_TOKEN_RE = re.compile(r"^[ \t\u00a0]+([A-Z][A-Za-z]+)")
STATE_COMMA_RE = re.compile(r",[ \t\u00a0]*$")
RETWEET_RE = re.compile(r"^\s*@")
CAMERA_RE = re.compile(r"^\s+(?:cameras?|footage|images|pictures|monitors?|systems?|operators?|recordings?)\b")
JOINED_NAME_RE = re.compile(r"[-/](?=[A-Z])")  # "a Washington Post-ABC News poll", "the NBC/Wall Street Journal poll"
CHANNEL_NUMBER_RE = re.compile(r"^[ \t\u00a0]+\d{1,2}(?![\d,.])")  # "ABC 7": a local station, not the network
STATION_NETWORKS = frozenset({"Fox"})  # networks named in mixed case whose local stations go by channel ("Fox 35")


@dataclass
class OutletMention:
    """An outlet named in a text: offsets of the name as printed (with a leading "the")."""

    outlet: Outlet
    start: int
    end: int
    surface: str


class RegistryError(ValueError):
    """A registry file that cannot be read."""


def normalize_name(name: str) -> str:
    """The look-up form of an outlet name: casefolded, no article, possessive or edge punctuation."""
    text = WHITESPACE_RE.sub(" ", name.replace("\u00a0", " ")).strip()
    text = NAME_EDGE_RE.sub("", text)
    text = POSSESSIVE_RE.sub("", text) if not text.endswith("s'") else text[:-1]
    text = LEADING_THE_RE.sub("", text.strip())
    return text.casefold().replace("’", "'").strip()


def slugify(name: str) -> str:
    """A key made from a name: "The Harborton Star" -> "harborton-star"."""
    text = LEADING_THE_RE.sub("", name.strip())
    slug = SLUG_RE.sub("-", text.casefold()).strip("-")
    if not ASCII_LETTER_RE.search(slug):  # a name in another script would be all its numbers, or "outlet"
        slug = WORD_SLUG_RE.sub("-", text.casefold()).strip("-") or slug
    return slug or "outlet"


def host_of(url: str) -> str | None:
    """The lower-cased host of an http(s) URL (or a bare domain), without port or trailing dot."""
    text = url.strip()
    if not text:
        return None
    if "://" not in text:
        if not DOMAINISH_RE.match(text):
            return None
        text = "http://" + text
    parts = split_url(text)
    host = parts.hostname if parts is not None else None
    if parts is None or parts.scheme not in ("http", "https") or not host:
        return None
    return host.rstrip(".").lower() or None


def reversed_host(url: str) -> str | None:
    """The URL's host with its labels in reverse ("com.cbslocal.dfw"): a domain and its subdomains sort together."""
    host = host_of(url or "")
    return ".".join(reversed(host.split("."))) if host else None


def domain_set(domains: Iterable[str]) -> frozenset[str]:
    """Domains as `url_in_domains` looks them up: lower case, without "www."."""
    return frozenset(domain.lower().removeprefix("www.") for domain in domains)


def url_in_domains(url: str, domains: frozenset[str]) -> bool:
    """Whether the URL's host is one of `domains` (a `domain_set`) or under one, as `outlet_for_url` folds subdomains."""
    labels = (host_of(url or "") or "").split(".")
    return any(".".join(labels[index:]) in domains for index in range(len(labels) - 1))


def registrable_domain(url_or_host: str) -> str | None:
    """The domain an outlet owns: "edition.cnn.com" -> "cnn.com", "news.bbc.co.uk" -> "bbc.co.uk".

    By the Public Suffix List, so a city's site under "sc.gov.br" or a blog under "blogspot.com"
    is its own; on a newsletter platform (HOSTED_PLATFORMS) or a network of stations or titles
    (NEWS_NETWORKS) the subdomain is the outlet too.
    """
    host = host_of(url_or_host) if ("/" in url_or_host or ":" in url_or_host) else url_or_host.lower().strip(".")
    if not host:
        return None
    if IP_HOST_RE.match(host) or "." not in host:
        return host  # an address or a single name ("localhost") is its own domain
    domain = PUBLIC_SUFFIXES.privatesuffix(host) or host  # a bare suffix ("co.uk") names itself
    if (domain in HOSTED_PLATFORMS or domain in NEWS_NETWORKS) and host != domain:
        label = host[: -len(domain) - 1].rsplit(".", 1)[-1]
        if label != "www":
            return f"{label}.{domain}"
    return domain


def outlet_from_name(name: str) -> Outlet:
    """An outlet not in the registry, made up from its name as credited in text."""
    clean = NAME_EDGE_RE.sub("", WHITESPACE_RE.sub(" ", name)).strip()
    clean = POSSESSIVE_RE.sub("", clean) if not clean.endswith("s'") else clean[:-1]
    if clean.startswith("the "):
        clean = clean[4:]
    return Outlet(key=slugify(clean), name=clean or name.strip(), kind="unknown", in_registry=False)


def _split_values(value: object) -> tuple[str, ...]:
    """Aliases or domains from a `|`-separated string or a YAML list."""
    if value is None:
        return ()
    items = value if isinstance(value, (list, tuple)) else str(value).split("|")
    return tuple(str(item).strip() for item in items if str(item).strip())


def outlet_from_record(record: dict, source: str = "") -> Outlet | None:
    """An Outlet from one registry row; None (logged) when the row lacks a key or name."""
    key = str(record.get("key") or "").strip()
    name = str(record.get("name") or "").strip()
    if not key or not name:
        LOGGER.warning("registry %s: skipped a row without key or name: %r", source, record)
        return None
    kind = str(record.get("kind") or "unknown").strip() or "unknown"
    if kind not in OUTLET_KINDS:
        LOGGER.warning("registry %s: outlet %s has unknown kind %r; using 'unknown'", source, key, kind)
        kind = "unknown"
    domains = tuple(d.lower().removeprefix("www.") for d in _split_values(record.get("domains")))
    return Outlet(
        key=key,
        name=name,
        kind=kind,
        domains=domains,
        aliases=_split_values(record.get("aliases")),
        country=(str(record.get("country")).strip() or None) if record.get("country") else None,
        language=(str(record.get("language")).strip() or None) if record.get("language") else None,
        in_registry=True,
    )


def yaml_problem(error: yaml.YAMLError) -> str:
    """A YAML error on one line: what is wrong and where (PyYAML's own message takes five)."""
    if isinstance(error, yaml.MarkedYAMLError) and error.problem:
        mark = error.problem_mark
        return f"{error.problem}" + (f" at line {mark.line + 1}, column {mark.column + 1}" if mark else "")
    return " ".join(str(error).split())


@dataclass(frozen=True)
class RegistryFile:
    """A user's registry file as a run read it: its name (for its format and messages), where it was, and its text.

    A database keeps the files it was last given (`db.save.save_registry_files`), so a run given none reads
    them as they were then.
    """

    name: str
    text: str
    path: str = ""

    @property
    def digest(self) -> str:
        """A hash of the file's name and text."""
        return hashlib.sha256(f"{self.name}\0{self.text}".encode("utf-8")).hexdigest()[:20]


def read_registry_text(path: Path) -> RegistryFile:
    """A registry file's text, read once; RegistryError when it cannot be read."""
    path = Path(path)
    try:
        content = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise RegistryError(f"cannot read outlet registry {path}: {error}") from error
    return RegistryFile(name=path.name, text=content, path=str(path))


def read_registry_file(source: Path | RegistryFile) -> list[Outlet]:
    """The outlets of one CSV or YAML registry file (read from disk, or as a run read it)."""
    registry_file = source if isinstance(source, RegistryFile) else read_registry_text(Path(source))
    content = registry_file.text.removeprefix("\ufeff")
    path = Path(registry_file.path or registry_file.name)
    suffix = Path(registry_file.name).suffix.lower()
    if suffix == ".csv":
        rows = list(csv.DictReader(content.splitlines()))
        missing = {"key", "name"} - set(rows[0].keys() if rows else ("key", "name"))
        if missing:
            raise RegistryError(f"outlet registry {path} lacks columns: {', '.join(sorted(missing))}")
    elif suffix in (".yaml", ".yml"):
        try:
            data = yaml.safe_load(content)
        except yaml.YAMLError as error:
            raise RegistryError(f"outlet registry {path} is not valid YAML: {yaml_problem(error)}") from error
        except RecursionError:  # brackets nested thousands deep: PyYAML reads them by recursion
            raise RegistryError(f"outlet registry {path} is not valid YAML: nested too deeply to read") from None
        if isinstance(data, dict):
            data = data.get("outlets", [])
        if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
            raise RegistryError(f"outlet registry {path} must hold a list of outlets")
        rows = data
    else:
        raise RegistryError(f"outlet registry {path} must be .csv, .yaml or .yml")
    return [outlet for row in rows if (outlet := outlet_from_record(row, str(path))) is not None]


def _text_forms(form: str) -> list[tuple[str, bool]]:
    """The literal strings to search for a name or alias, each with "may be a person's name"."""
    if PAREN_RE.search(form):
        return []
    if form.startswith("The "):
        rest = form[4:]
        # "The Hill", "The Economist": only with the capital article; longer names also without it.
        forms = [form] if len(rest.split()) < 2 else [rest]
    else:
        forms = [form]
    result = []
    for text in forms:
        variants = {text, text.replace("'", "’"), text.replace("’", "'")}
        for variant in variants:
            single = " " not in variant and not variant.isupper() and not variant.startswith(("the ", "The "))
            result.append((variant, single))
    return result


def distinctive_name(form: str) -> bool:
    """True for a name safe to search in text: several words, a digit or dot, CamelCase or caps."""
    text = form.strip()
    if len(text) < 3:
        return False
    if " " in text or any(char.isdigit() or char == "." for char in text):
        return True
    return not (text[0].isupper() and text[1:].islower())


def _short_heads(outlet: Outlet, *, whole_names: bool = False) -> set[str]:
    """The short forms ("Times", "Ledger") an outlet may be called by as "the Times".

    With `whole_names`, also the one word of a name that is nothing else ("The Observer").
    """
    heads = set()
    for form in (outlet.name, *outlet.aliases):
        if PAREN_RE.search(form):
            form = form[: form.index("(")].strip()
        words = LEADING_THE_RE.sub("", form).split()
        if (len(words) >= 2 or (whole_names and len(words) == 1)) and words and words[-1] in SHORT_HEADS:
            heads.add(words[-1])
    return heads


def short_heads(outlet: Outlet) -> set[str]:
    """The words "the <word>" may name an outlet by: a short form of its name ("the Times"), or its one word."""
    return _short_heads(outlet, whole_names=True)


def short_form_regex(heads: Iterable[str]) -> re.Pattern:
    """The short forms "the Times", "The Ledger's" of these heads as the credit reader finds them."""
    alternation = "|".join(sorted(map(re.escape, heads), key=len, reverse=True))
    return re.compile(
        r"(?<![\w-])(?P<the>[Tt]he)\s+(?P<name>" + alternation + r")(?P<poss>['’]s?)?(?![\w-]|\s+(?:of\b|[A-Z]))"
    )


def text_forms(form: str) -> list[str]:
    """The literal strings a name or alias is found by in text ("Toronto Star" for "The Toronto Star")."""
    return [text for text, _ in _text_forms(form)]


def _trie_regex(words: Iterable[str]) -> str:
    """One regex alternation for many literals, shaped as a character trie (fast to match)."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = True

    def render(node: dict) -> str:
        ends = "" in node
        branches = []
        for char in sorted(key for key in node if key):
            piece = r"\s" if char == " " else re.escape(char)
            branches.append(piece + render(node[char]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return render(trie)


class OutletRegistry:
    """Known outlets, looked up by key, name, alias, domain or mention in text."""

    def __init__(self, outlets: Iterable[Outlet] = ()) -> None:
        self._outlets: dict[str, Outlet] = {}
        self._names: dict[str, str] = {}  # normalized name or alias -> key
        self._domains: dict[str, str] = {}  # domain -> key
        self._surfaces: dict[str, tuple[str, bool]] = {}  # text form -> (key, may be a person)
        self._pattern: re.Pattern | None = None
        self._short_pattern: re.Pattern | None = None
        self._short: dict[str, list[str]] = {}
        self._whole: dict[str, list[str]] = {}  # head -> keys of outlets named by that one word ("The Observer")
        self.sources: dict[str, str] = {}  # key -> the file that lists it (`load_registry`): BUILTIN_SOURCE or a file's name
        for outlet in outlets:
            self.add(outlet)

    def __len__(self) -> int:
        return len(self._outlets)

    def __iter__(self) -> Iterator[Outlet]:
        return iter(self._outlets.values())

    def __contains__(self, key: str) -> bool:
        return key in self._outlets

    def keys(self) -> list[str]:
        """The keys of the outlets known."""
        return list(self._outlets)

    def get(self, key: str) -> Outlet | None:
        """The outlet with this key."""
        return self._outlets.get(key)

    def add(self, outlet: Outlet) -> None:
        """Add an outlet, or replace the one with the same key; its names and domains win conflicts."""
        if outlet.key in self._outlets:
            self._forget(outlet.key)
        self._outlets[outlet.key] = outlet
        for form in (outlet.name, *outlet.aliases):
            normalized = normalize_name(form)
            if normalized:
                self._names[normalized] = outlet.key
            if not outlet.in_registry and not distinctive_name(form):
                continue  # a crawled site called "News" or "Politics" must not match every such word
            for text, single in _text_forms(form):
                if len(text) <= MAX_NAME_CHARS:
                    self._surfaces[text] = (outlet.key, single)
        for domain in outlet.domains:
            host = host_of(domain) or domain.lower()
            self._domains[host.removeprefix("www.")] = outlet.key
        self._pattern = None
        self._short_pattern = None

    def _forget(self, key: str) -> None:
        """Drop the names, text forms and domains that point to an outlet being replaced."""
        self._names = {name: k for name, k in self._names.items() if k != key}
        self._domains = {domain: k for domain, k in self._domains.items() if k != key}
        self._surfaces = {text: value for text, value in self._surfaces.items() if value[0] != key}

    def outlet_for_name(self, name: str) -> Outlet | None:
        """The outlet called by this name or alias ("the AP", "Bloomberg's", "nytimes.com")."""
        if not name or not name.strip():
            return None
        key = self._names.get(normalize_name(name))
        if key is None and DOMAINISH_RE.match(name.strip()):
            return self.outlet_for_url(name.strip())
        return self._outlets.get(key) if key else None

    def outlet_for_url(self, url: str) -> Outlet | None:
        """The outlet owning the URL's domain, subdomains folded (www., edition., m., ...)."""
        host = host_of(url or "")
        if not host:
            return None
        labels = host.split(".")
        for index in range(len(labels) - 1):
            key = self._domains.get(".".join(labels[index:]))
            if key:
                return self._outlets[key]
        return None

    def _compiled(self) -> tuple[re.Pattern, re.Pattern | None]:
        """The mention regex (one trie-shaped alternation) and the short-form regex."""
        if self._pattern is None:
            trie = _trie_regex(self._surfaces) if self._surfaces else r"(?!x)x"
            self._pattern = re.compile(
                r"(?<![\w@#/.&'’-])(?:(?P<the>[Tt]he)\s+)?(?P<name>"
                + trie
                + r")(?P<poss>['’]s?)?(?![\w&]|-[a-z0-9]|['’]\w)"
            )
            self._short = {}
            self._whole = {}
            for outlet in self._outlets.values():
                heads = _short_heads(outlet)
                for head in heads:
                    self._short.setdefault(head, []).append(outlet.key)
                for head in _short_heads(outlet, whole_names=True) - heads:
                    self._whole.setdefault(head, []).append(outlet.key)
            self._short_pattern = short_form_regex(self._short) if self._short else None
        return self._pattern, self._short_pattern

    def short_form_may_change(self, head: str, outlets: Iterable[Outlet]) -> bool:
        """Whether adding these outlets may change the outlet "the <head>" names where no context decides.

        Alone (no outlet of that name before it, not the publisher's), "the Ledger" is the only outlet
        called so, none when two are (or one is called by the word alone): an outlet made the only
        one, or a second one, changes it; a name already shared keeps it none whatever is added.
        """
        self._compiled()
        shorts, wholes = self._short.get(head, []), self._whole.get(head, [])
        if wholes or len(shorts) >= 2:
            return False
        return bool(shorts) or any(head in _short_heads(outlet) for outlet in outlets)

    def find_mentions(self, text: str, home: Outlet | None = None) -> list[OutletMention]:
        """Every registered outlet named in the text, in order; `home` resolves "the Times" by default."""
        pattern, short_pattern = self._compiled()
        found: list[tuple[int, int, Outlet | None, str | None]] = []
        people: set[str] = set()  # one-word names seen inside a person's name ("Michael Bloomberg")
        bare: list[tuple[int, str]] = []  # indexes in `found` of one-word names without "the"
        for match in pattern.finditer(text):
            name = match.group("name")
            key, single = self._surfaces.get(name.replace("\n", " "), (None, False))
            if key is None:
                key, single = self._surface_for(name)
            if key is None:
                continue
            verdict = self._plausible(text, match, single)
            if verdict is not True:
                if verdict == "person":
                    people.add(name)
                continue
            following = NEXT_TOKEN_RE.match(text[match.end("name") : match.end("name") + 40]) if single else None
            if following and f"{name} {following.group(1)}" in self._surfaces:
                continue  # "a Fox News-backed group": the longer name, not an outlet there, is no "Fox" either
            start = match.start("the") if match.group("the") else match.start("name")
            if single and not match.group("the"):
                bare.append((len(found), name))
            found.append((start, match.end("name"), self._outlets[key], None))
        if people:
            # Once "Michael Bloomberg" is named, a bare "Bloomberg says" is the person too; not
            # "Bloomberg estimates his fortune at", the outlet's figure.
            drop = {
                index for index, name in bare
                if name in people and not OUTLET_FIGURE_NEXT_RE.match(text, found[index][1], found[index][1] + 60)
            }
            found = [item for index, item in enumerate(found) if index not in drop]
        for _, end, outlet, _ in list(found):
            # A name joined to an outlet's by a hyphen or slash is a second outlet (a joint poll), which the pattern,
            # keeping "Post-Gazette" whole, does not find after a hyphen: it is matched on the text after it.
            if outlet is None or not JOINED_NAME_RE.match(text, end):
                continue
            tail = text[end + 1 : end + 121]
            match = pattern.match(tail)
            if match is None or match.group("the"):
                continue
            key, single = self._surfaces.get(match.group("name"), (None, False))
            if key is not None and self._plausible(tail, match, single) is True:
                found.append((end + 1 + match.start("name"), end + 1 + match.end("name"), self._outlets[key], None))
        found.sort(key=lambda item: item[0])
        if short_pattern is not None:
            taken = [(start, end) for start, end, _, _ in found]
            for match in short_pattern.finditer(text):
                if any(start < match.end("name") and match.start() < end for start, end in taken):
                    continue
                found.append((match.start(), match.end("name"), None, match.group("name")))
        found.sort(key=lambda item: item[0])
        mentions: list[OutletMention] = []
        last_by_head: dict[str, Outlet] = {}
        for start, end, outlet, head in found:
            if outlet is None:
                outlet = self._resolve_short(head, last_by_head, home)
                if outlet is None:
                    LOGGER.debug("unresolved short form %r at %d", text[start:end], start)
                    continue
            else:
                for outlet_head in _short_heads(outlet, whole_names=True):
                    last_by_head[outlet_head] = outlet
            mentions.append(OutletMention(outlet=outlet, start=start, end=end, surface=text[start:end]))
        return mentions

    def _surface_for(self, matched: str) -> tuple[str | None, bool]:
        """The registry entry of a matched form whose whitespace differs from the registered one."""
        flat = WHITESPACE_RE.sub(" ", matched)
        return self._surfaces.get(flat, (None, False))

    def _resolve_short(self, head: str, last_by_head: dict[str, Outlet], home: Outlet | None) -> Outlet | None:
        """The outlet meant by "the <head>": last mentioned, else the home outlet, else the only one.

        An outlet named by the head alone ("The Observer") makes "the Observer" ambiguous with the
        outlets it is a short form of ("The Charlotte Observer") unless the context decides.
        """
        if head in last_by_head:
            return last_by_head[head]
        if home is not None and head in _short_heads(home, whole_names=True):
            return home
        keys = self._short.get(head, [])
        return self._outlets[keys[0]] if len(keys) == 1 and not self._whole.get(head) else None

    @staticmethod
    def _plausible(text: str, match: re.Match, single: bool) -> bool | str:
        """True for an outlet; "person" inside a person's name; False for places and other names."""
        name = match.group("name")
        before = text[max(0, match.start() - 40) : match.start()]
        if len(name) == 2 and name.isupper() and not match.group("the") and STATE_COMMA_RE.search(before):
            return False  # "Harrisburg, PA"
        if name == "RT" and RETWEET_RE.match(text[match.end() : match.end() + 3]):
            return False
        if (
            (name in STATION_NETWORKS or (name.isupper() and len(name) <= 4))
            and CHANNEL_NUMBER_RE.match(text[match.end() : match.end() + 5])
        ):
            return False  # "told ABC 7": the station on channel 7, which the network does not speak for
        if name == "CCTV" and CAMERA_RE.match(text[match.end() : match.end() + 20]):
            return False  # "seen by CCTV cameras": closed-circuit television, not the broadcaster
        if match.group("the") or name.startswith(("The ", "the ")) or name.isupper():
            return True
        if MIDDLE_INITIAL_RE.search(before):
            return "person" if single else False  # "Michael R. Bloomberg", "Michael J. Fox"
        previous = PREVIOUS_TOKEN_RE.search(before)
        if previous and previous.group(1).endswith(".") and previous.group(1)[:-1] not in TITLES:
            previous = None  # "... in Ikea. Forbes said": a sentence end, not "Mr. Forbes"
        if previous and previous.group(1).rstrip(".") not in FUNCTION_WORDS:
            # "Michael Bloomberg", "Burlington Free Press": part of a longer name.
            return "person" if single else False
        if single and not match.group("poss"):
            following = NEXT_TOKEN_RE.match(text[match.end() : match.end() + 40])
            if following and following.group(1) not in FOLLOWING_WORDS:
                return False  # "Bloomberg Philanthropies"
        return True


_BUILTIN_CACHE: list[Outlet] | None = None


def builtin_outlets() -> list[Outlet]:
    """The outlets of the built-in registry file (read once)."""
    global _BUILTIN_CACHE
    if _BUILTIN_CACHE is None:
        _BUILTIN_CACHE = read_registry_file(BUILTIN_REGISTRY)
    return list(_BUILTIN_CACHE)


BUILTIN_SOURCE = "built-in"  # outlets.registry of an outlet the built-in file lists


def load_registry(extra: Iterable[Path | RegistryFile] = ()) -> OutletRegistry:
    """The built-in registry extended by the user's CSV or YAML files (later entries win)."""
    registry = OutletRegistry(builtin_outlets())
    registry.sources = dict.fromkeys(registry.keys(), BUILTIN_SOURCE)
    for source in extra:
        registry_file = source if isinstance(source, RegistryFile) else read_registry_text(Path(source))
        for outlet in read_registry_file(registry_file):
            registry.add(outlet)
            registry.sources[outlet.key] = registry_file.name
    return registry


def named_only(outlet: Outlet, domain: str | None) -> bool:
    """Whether a page on `domain` makes this outlet anew: one from outside the registry only named so far, by a credit.

    "told the Ferrytown Ledger" saves an outlet with no domain; the Ledger's own page then gives it
    the key, name and domain its page would have given it first (`db.save.save_outlet` completes the row).
    """
    return domain is not None and not outlet.in_registry and not outlet.domains


def named_by_domain(outlet: Outlet) -> bool:
    """Whether an outlet from outside the registry has only its domain for a name (saved from a link to it).

    Its first page that names its site gives it that name, as if the page had come first.
    """
    return not outlet.in_registry and outlet.name in outlet.domains


def page_address(url: str | None, canonical: str | None) -> str:
    """The address a page's outlet is read from: its own web address, else its canonical URL.

    A page served by a site is that site's printing, whatever it names as canonical (a syndicated copy
    names the original); the canonical stands for an address with no host (a file) or one of an archive
    or a cache serving other sites' pages (`SERVING_HOSTS`).
    """
    own = host_of(url) if url else None
    if own is not None and not serving_host(own):
        return url or ""
    return canonical if canonical and host_of(canonical) else (url or "")


def read_from_canonical(url: str | None, canonical: str | None) -> bool:
    """Whether older code read the page's outlet from a canonical URL on another site (a syndicated copy's),
    where the page's own address gives it now."""
    if not url or not canonical or not host_of(url) or not host_of(canonical):
        return False
    return registrable_domain(page_address(url, canonical)) != registrable_domain(canonical)


def serving_host(host: str) -> bool:
    """Whether a host is an archive or a cache that serves other sites' pages (web.archive.org, *.cdn.ampproject.org)."""
    return any(host == name or host.endswith("." + name) for name in SERVING_HOSTS)


def outlet_for_article(article: Article, registry: OutletRegistry) -> Outlet:
    """The publishing outlet: the record's `outlet`, else the URL's domain, else the name the page gives its site.

    A record's `outlet` the registry does not know, on a domain the registry lists, is the registry's
    outlet of that domain: one domain is one outlet, whichever record comes first (and as a later import
    would adopt it, `db.save.adopt_registry_outlets`); the record's name stays in `articles.outlet_given`.
    An outlet from outside the registry found by the URL (saved from an earlier page) carries the
    name this page gives it (`site_names.page_site_name`); saving keeps the name of its first page.
    """
    url = page_address(article.url, article.canonical_url)
    domain = registrable_domain(url) if host_of(url) else None
    site = None
    if article.outlet and article.outlet.strip():
        outlet = registry.outlet_for_name(article.outlet)
        if outlet is not None and not named_only(outlet, domain):
            return outlet
        listed = registry.outlet_for_url(url) if domain else None
        if listed is not None and listed.in_registry:
            return listed
    else:
        outlet = registry.outlet_for_url(url) if domain else None
        if outlet is None and article.url and article.url != url:
            outlet = registry.outlet_for_url(article.url)
        if outlet is not None and outlet.in_registry:
            return outlet
        site = page_site_name(article, domain)
        if outlet is not None and not (named_by_domain(outlet) and site):
            if not site or outlet.key != domain or site == outlet.name:
                return outlet
            return Outlet(key=outlet.key, name=site, kind=outlet.kind, domains=outlet.domains, aliases=outlet.aliases,
                          country=outlet.country, language=outlet.language)
        if site:
            outlet = registry.outlet_for_name(site)
            if outlet is not None and not named_only(outlet, domain):
                return outlet
    name = (article.outlet or site or domain or "").strip()
    if not name:
        byline = byline_outlet(article.author, registry)
        if byline is not None:
            return byline
        name = title_site_name(article.title) or ""
        if not name:
            holder = copyright_outlet(article.credit_lines or (), registry)
            if holder is not None:
                return holder
    if not name:
        return unknown_page_outlet(url or article.url or "")
    key = domain or slugify(name)
    return Outlet(key=key, name=name, kind="unknown", domains=(domain,) if domain else (), in_registry=False)


def copyright_outlet(lines: Iterable[str], registry: OutletRegistry) -> Outlet | None:
    """The outlet a page's copyright line names as its holder ("©2026 Kestrel Media"), not a wire's or an agency's:
    theirs says whose copy the page is, not who published it."""
    for holder in copyright_holders(lines, notices_only=True):
        outlet = registry.outlet_for_name(holder)
        if outlet is None:
            return Outlet(key=slugify(holder), name=holder, kind="unknown", in_registry=False)
        if outlet.kind not in WIRE_KINDS:
            return outlet
    return None


def page_outlet_names(article: Article) -> set[str]:
    """The names a page's own fields give its outlet, by this release's rules and the older ones
    (its site name, its domain, its title's site part); not an import record's `outlet`."""
    url = page_address(article.url, article.canonical_url)
    domain = registrable_domain(url) if host_of(url) else None
    names = {article.site_name, clean_name(article.site_name), domain, title_site_name(article.title)}
    names.add(page_site_name(article, domain))
    names.update(copyright_holders(article.credit_lines or ()))
    return {name.strip() for name in names if name and name.strip()}


def byline_outlet(author: str | None, registry: OutletRegistry) -> Outlet | None:
    """The registered outlet a byline names after its writer ("By Ana Ruiz, The Meridian Ledger"), not a wire's.

    A wire's or an agency's name there says whose copy the page is, not who published it.
    """
    parts = BYLINE_OUTLET_SPLIT_RE.split(author or "")
    if len(parts) < 2:
        return None
    outlet = registry.outlet_for_name(parts[-1].strip().rstrip("."))
    return outlet if outlet is not None and outlet.kind not in WIRE_KINDS else None


# The one outlet older code saved for every page with no address and no name, which a new analysis parts
POOLED_UNKNOWN_KEY = "unknown-outlet"


def unknown_page_outlet(address: str) -> Outlet:
    """The outlet of a page that names none and has no web address: its own, never one shared with other such pages.

    Pages with no outlet known are no evidence of one publisher: pooled, the first of them would be the
    "first publication" of every quote the others print.
    """
    label = address.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1][:40] or "page"
    digest = hashlib.sha1(address.encode("utf-8")).hexdigest()[:12]
    return Outlet(key=f"unknown-{digest}", name=f"Unknown outlet ({label})", kind="unknown", in_registry=False)
