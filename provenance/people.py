"""People: every printed speaker name placed with one person across the corpus, under one canonical name.

A printing keeps its speaker's name as its article gives it (`quote_occurrences.speaker_name`);
`people` says who that is, so that one person's quotes are found together whatever the article
called them ('Donald Trump', 'Donald J. Trump'). `person_names` lists each name printed (a
surname alone once per sex its articles give it: 'Obama' as 'he' or 'Mr. Obama') and its person.

The rule is a function of the names the corpus prints, of how many articles print each and of
the articles printing a suffixed name, never of the order articles came in:

- A name is read as titles (dropped; Mr., Mrs., Ms. and the like give the sex), given names, a
  surname (with lower-case particles: 'Bill de Blasio') and a suffix (Jr., Sr., III). A name
  of an organisation or a place ('New York Times', 'Islamic State', initials in capitals: 'CHEW',
  'Harbour PAC') or of no one ('Former Secretary', a heading in capitals: 'FULL TEXT') stays itself.
- Only names ending in the same word (case and accents folded) can be one person: such names
  form a block, and each block is grouped on its own, which is what makes the work incremental.
- Two full names may be one person when their surnames and suffixes are equal (news prints the
  son 'Donald Trump Jr.' and the father 'Donald Trump'), their sexes do not differ, their first
  given names are equal, an initial of the other ('J.', 'John') or one a short form of the
  other ('Joe', 'Joseph'), and their middle names, when both print some, are as many and
  pairwise equal or initials of each other ('George W. Bush' and 'George H. W. Bush' are not
  one person; 'Hillary Clinton' and 'Hillary Rodham Clinton' may be).
- A full name that may be one person with two names that cannot be one person ('George Bush'
  beside 'George W. Bush' and 'George H. W. Bush'; 'Chris Lee' beside 'Christopher Lee' and
  'Christine Lee') is ambiguous and stays alone. The others join the names they may be one
  person with, when the names differ only in case, accents or titles, or when the evidence is
  established (printed in ESTABLISHED_ARTICLES articles or more): the less specific name when
  one says less ('Donald Trump' beside 'Donald J. Trump'; a 'George Bush' printed once may be
  the father of 'George W. Bush'), else both ('Bob Mason' and 'Robert Mason' printed once or
  twice are a letter carrier and a professor). A group so built holds only names that may
  pairwise be one person.
- A name with a suffix joins the one group without it that fits every name but for the suffix
  ('Joseph R. Biden Jr.' and 'Joe Biden'), when no group with another suffix fits it too, both
  are established and no article of the suffixed name prints the other one ('Donald Trump Jr.'
  with 'Donald Trump' in his articles: son and father), `join_suffixed`.
- A surname alone printed with no sex takes the one sex its article's other printings of it give
  ('Obama said' in an article printing 'he said' or 'Mr. Obama said' of the same name).
- A surname alone ('Kasich', 'Reid' as 'he') joins a group only when no other group of the
  corpus could claim it (by surname and sex), the group is established (a 'Sean Robertson'
  printed once does not take every 'Robertson' of other stories), and the surname is not also
  a common first name ('Paul'). A surname that joins no one is a speaker of its own, of kind
  'surname': someone the corpus knows only by that name, perhaps more than one person.
- The canonical name of a group is its fullest ordinary name: a given name and a surname,
  without a title or an initial, with as few middle names as printed, and the short form of a
  first name when both forms are printed ('Joe Biden'); a surname alone only when that is all.

A quote's person is the one its printings name most (`choose_person`). Person ids stay with the
person: when a block is grouped again, a person keeps its id in the group holding its canonical
name (or most of its names); the other groups get new ids.
"""

from __future__ import annotations

import json
import logging
import re
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

import sqlite_utils

from provenance.counts import counted
from provenance.speakers import (
    APOSTROPHE_FORMS,
    FIRST_NAMES,
    HONORIFICS,
    LEADING_TITLE_WORDS,
    MONTHS,
    TITLE_GENDER,
    TITLE_ROLES,
    UNISEX_FIRST_NAMES,
    given_name_gender,
    is_capitals_heading,
    is_outlet_name,
    is_person_name,
    names_an_institution,
    names_by_initials,
    registry_outlet_names,
    strip_possessive,
)

LOGGER = logging.getLogger(__name__)

ESTABLISHED_ARTICLES = 3  # a surname alone joins a person printed by full name in this many articles
CHUNK = 500  # values per "in (...)" query

PERSON, SURNAME, ORGANISATION, OTHER = "person", "surname", "organisation", "other"
# Titles a name may open with: the speaker module's, and abbreviations it reads only inside names.
TITLE_WORDS = LEADING_TITLE_WORDS | frozenset("pres. sec. hon. adm. maj. cmdr. msgr. fr. gens. govs.".split())
POSSESSIVE_ENDINGS = ("'s", "’s", "s'", "s’")
SUFFIXES = {"jr": "jr", "sr": "sr", "ii": "ii", "iii": "iii", "iv": "iv"}
PARTICLES = frozenset("de da del della van von der den le la bin al ibn du dos di st.".split())
INITIALS_RE = re.compile(r"(?:[^\W\d_]\.)+|[^\W\d_]")  # 'J.', 'H.W.', 'J'
NAME_MARKS = str.maketrans({**APOSTROPHE_FORMS, "\u2010": "-", "\u2011": "-"})  # apostrophes, hyphens
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
# Short forms of first names: 'Joe Biden' and 'Joseph R. Biden' may be one person. Only a short
# form and its full form match ('Bill', 'William'), never two short forms of one name ('Bill', 'Will').
SHORT_FORMS = {
    "abe": ("abraham",), "al": ("albert", "alan", "alfred", "alexander"), "alex": ("alexander", "alexandra"),
    "andy": ("andrew",), "ben": ("benjamin",), "bernie": ("bernard",), "beth": ("elizabeth",),
    "betsy": ("elizabeth",), "bill": ("william",), "billy": ("william",), "bob": ("robert",),
    "bobby": ("robert",), "chris": ("christopher", "christine", "christina"), "chuck": ("charles",),
    "charlie": ("charles",), "dan": ("daniel",), "danny": ("daniel",), "dave": ("david",),
    "debbie": ("deborah",), "dick": ("richard",), "don": ("donald",), "doug": ("douglas",),
    "ed": ("edward",), "eddie": ("edward",), "fred": ("frederick",), "geoff": ("geoffrey",),
    "gene": ("eugene",), "greg": ("gregory",), "hank": ("henry",), "jeff": ("jeffrey",),
    "jerry": ("gerald", "jerome"), "jim": ("james",), "jimmy": ("james",), "joe": ("joseph",),
    "johnny": ("john",), "jon": ("jonathan",), "josh": ("joshua",), "kate": ("katherine", "kathryn"),
    "kathy": ("katherine", "kathleen"), "ken": ("kenneth",), "larry": ("lawrence",), "len": ("leonard",),
    "liz": ("elizabeth",), "matt": ("matthew",), "mike": ("michael",), "mitch": ("mitchell",),
    "newt": ("newton",), "nick": ("nicholas",), "pat": ("patrick", "patricia"), "patty": ("patricia",),
    "pete": ("peter",), "phil": ("philip", "phillip"), "ray": ("raymond",), "rick": ("richard",),
    "rob": ("robert",), "ron": ("ronald",), "rudy": ("rudolph",), "sam": ("samuel", "samantha"),
    "sandy": ("sandra",), "stan": ("stanley",), "steve": ("stephen", "steven"), "sue": ("susan",),
    "ted": ("edward", "theodore"), "tim": ("timothy",), "tom": ("thomas",), "tony": ("anthony",),
    "zeke": ("ezekiel",),
}


@dataclass(frozen=True, order=True)
class Alias:
    """A speaker name as printed; for a surname alone, with the sex its article gives ('m', 'f' or '')."""

    name: str
    gender: str = ""


@dataclass(frozen=True)
class ParsedName:
    """A speaker name read into its parts; folded parts (case and accents) for comparing."""

    kind: str  # person | organisation | other
    given: tuple[str, ...] = ()  # folded; an initial is its letter and a full stop
    surname: str = ""  # folded, with its particles
    suffix: str = ""  # jr, sr, ii, iii, iv
    gender: str = ""  # from a title or the first name
    titled: bool = False  # printed with a title ('Mr. Trump', 'Sen. Ted Cruz')
    capitals: int = 0  # capital letters printed: 'Kellyanne' reads better than 'KellyAnne' or 'DONALD'

    @property
    def bare(self) -> bool:
        """A surname alone."""
        return self.kind == PERSON and not self.given


@dataclass
class Group:
    """Names the rule takes for one speaker, with its canonical name and kind."""

    aliases: list[Alias]
    name: str
    kind: str


def fold(word: str) -> str:
    """A word for comparing: case, accents, a possessive and edge punctuation dropped, one apostrophe and one hyphen
    for their typographic forms ("O’Malley" and "O'Malley" are one name)."""
    decomposed = unicodedata.normalize("NFKD", strip_possessive(word.strip(",;:()\"“”'‘’")))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold().translate(NAME_MARKS)


def block_of(name: str) -> str:
    """The block of a name: its last word folded (every name one person may go by ends with it)."""
    words = [fold(word) for word in name.split()]
    words = [word for word in words if word]
    while len(words) > 1 and words[-1].rstrip(".") in SUFFIXES:
        words.pop()
    return words[-1] if words else ""


def is_initial(word: str) -> bool:
    """'J.', 'J', 'h.w.' (folded or not)."""
    return INITIALS_RE.fullmatch(word) is not None and len(word.rstrip(".").replace(".", "")) <= 3 and (
        "." in word or len(word) == 1
    )


@lru_cache(maxsize=65536)
def parse_name(name: str) -> ParsedName:
    """Read a printed speaker name into titles, given names, surname and suffix (see the module doc)."""
    tokens = [token for token in (token.strip(",;") for token in name.split()) if token]
    capitals = sum(1 for char in name if char.isupper())
    if not tokens:
        return ParsedName(OTHER, capitals=capitals)
    titles: list[str] = []
    while len(tokens) > 1 and tokens[0].casefold() in TITLE_WORDS:
        titles.append(tokens.pop(0).casefold())
    honorific = any(title in HONORIFICS for title in titles)
    month = honorific and len(tokens) == 1 and tokens[0].casefold() in MONTHS  # 'Mrs May': a surname after a title
    if is_capitals_heading(tokens):
        return ParsedName(OTHER, capitals=capitals)  # 'FULL TEXT', a newsletter's heading: no one
    if (names_an_institution(tokens) or is_outlet_name(tokens) or names_by_initials(tokens)) and not month:
        return ParsedName(ORGANISATION, capitals=capitals)  # ('The New Yorker put it': a registered outlet's name)
    if not (month or is_person_name(tokens)) or (len(tokens) == 1 and not honorific and tokens[0].casefold() in TITLE_ROLES):
        return ParsedName(OTHER, capitals=capitals)  # 'Former Secretary', 'Inspector General'
    suffix = ""
    if len(tokens) > 1 and fold(tokens[-1]).rstrip(".") in SUFFIXES:
        suffix = SUFFIXES[fold(tokens.pop()).rstrip(".")]
    surname = [fold(tokens.pop())]
    while len(tokens) > 1 and tokens[-1] in PARTICLES:  # printed in lower case: 'Bill de Blasio'
        surname.insert(0, fold(tokens.pop()))
    given: list[str] = []
    for token in tokens:
        folded = fold(token)
        if is_initial(folded):
            given.extend(f"{letter}." for letter in folded.replace(".", ""))
        elif folded:
            given.append(folded)
    gender = next((TITLE_GENDER[title] for title in titles if title in TITLE_GENDER), "")
    if not gender and given and not is_initial(given[0]) and given[0] not in UNISEX_FIRST_NAMES:
        gender = given_name_gender(given[0]) or ""
    return ParsedName(
        PERSON, tuple(given), " ".join(surname), suffix, gender, titled=bool(titles), capitals=capitals
    )


def printed_gender(speaker: str | None) -> str:
    """The sex the printed speaker gives: 'he', 'Mr. Obama', 'the congresswoman' -> 'm' or 'f'; else ''."""
    if not speaker:
        return ""
    words = speaker.casefold().split()
    if len(words) == 1 and words[0] in PRONOUN_GENDER:
        return PRONOUN_GENDER[words[0]]
    for word in words:
        if word in TITLE_GENDER:
            return TITLE_GENDER[word]
        if word not in TITLE_WORDS and word not in ("the", "a", "an"):
            break  # the name: its first name says nothing more than the name already does
    return ""


def alias_of(speaker: str | None, speaker_name: str | None, article_sex: str = "") -> Alias | None:
    """The alias a printing's speaker is placed by: the name, and for a surname alone the sex printed (else the
    one its article gives it elsewhere, `article_sexes`)."""
    if not speaker_name or not speaker_name.strip():
        return None
    parsed = parse_name(speaker_name)
    if not parsed.bare:
        return Alias(speaker_name)
    return Alias(speaker_name, parsed.gender or printed_gender(speaker) or article_sex)


def article_sexes(db: sqlite_utils.Database, name: str) -> dict[int, str]:
    """For a surname printed alone, the one sex each article's printings of it give ('he', 'Mr. Obama').

    An article printing 'Obama said' and, of the same name, 'he said' or 'Mr. Obama said' speaks of one
    man: its printings with no sex are his too. An article giving both sexes, or none, gives none.
    """
    if not parse_name(name).bare:
        return {}
    found: dict[int, set[str]] = defaultdict(set)
    for article_id, speaker in db.execute(
        "select article_id, speaker from quote_occurrences where speaker_name = ?", [name]
    ):
        sex = alias_of(speaker, name)
        if sex is not None and sex.gender:
            found[article_id].add(sex.gender)
    return {article_id: next(iter(sexes)) for article_id, sexes in found.items() if len(sexes) == 1}


def aliases_of(
    db: sqlite_utils.Database, rows: Iterable[tuple[int, str | None, str | None, int]]
) -> dict[int, Alias | None]:
    """The alias of each (printing, speaker, speaker_name, article) row, a surname alone with its article's sex."""
    rows = list(rows)
    sexes = {name: article_sexes(db, name) for name in sorted({row[2] for row in rows if row[2] and row[2].strip()})}
    return {
        printing: alias_of(speaker, name, sexes[name].get(article_id, "") if name in sexes else "")
        for printing, speaker, name, article_id in rows
    }


def parsed_alias(alias: Alias) -> ParsedName:
    """The parsed name of an alias, with the alias's sex."""
    parsed = parse_name(alias.name)
    if alias.gender and not parsed.gender:
        return ParsedName(
            parsed.kind, parsed.given, parsed.surname, parsed.suffix, alias.gender, parsed.titled, parsed.capitals
        )
    return parsed


def first_names_agree(first: str, second: str) -> bool:
    """Equal, an initial of the other, or one a short form of the other."""
    if first == second:
        return True
    if is_initial(first) or is_initial(second):
        return first[0] == second[0]
    return second in SHORT_FORMS.get(first, ()) or first in SHORT_FORMS.get(second, ())


def middle_names_agree(first: str, second: str) -> bool:
    """Equal, or an initial of the other."""
    if first == second:
        return True
    return (is_initial(first) or is_initial(second)) and first[0] == second[0]


def may_be_one_person(a: ParsedName, b: ParsedName) -> bool:
    """Whether two person names could name one person (see the module doc).

    Full names with different suffixes never do: news prints the son 'Donald Trump Jr.' and the
    father 'Donald Trump', so an unsuffixed name is not taken for a Jr. (nor made ambiguous by one).
    """
    if a.kind != PERSON or b.kind != PERSON or a.surname != b.surname:
        return False
    if a.gender and b.gender and a.gender != b.gender:
        return False
    if not a.given or not b.given:
        return True  # a surname alone may be anyone of that surname, Jr. or Sr.
    if a.suffix != b.suffix or not first_names_agree(a.given[0], b.given[0]):
        return False
    middle_a, middle_b = a.given[1:], b.given[1:]
    if middle_a and middle_b:
        return len(middle_a) == len(middle_b) and all(map(middle_names_agree, middle_a, middle_b))
    return True


def same_name(a: ParsedName, b: ParsedName) -> bool:
    """The same name but for case, accents and titles ('KellyAnne Conway', 'Rev. Peter Wherry')."""
    return (a.given, a.surname, a.suffix) == (b.given, b.surname, b.suffix)


def specificity(name: ParsedName) -> tuple[int, int]:
    """How much a full name says: given names printed, and whether the first is more than an initial."""
    return len(name.given), int(bool(name.given) and not is_initial(name.given[0]))


def must_be_established(first: Alias, second: Alias, parsed: dict[Alias, ParsedName]) -> list[Alias]:
    """The names that must each be established for two different full names to join.

    The less specific one, when one says less: 'George Bush' printed once may be the father of
    the 'George W. Bush' printed in seven articles, while printed widely the shorter form is a
    well-known person's ordinary name. Else both: a 'Bob Mason' met once and a 'Robert Mason'
    met twice are a letter carrier and a professor.
    """
    a, b = specificity(parsed[first]), specificity(parsed[second])
    if a != b and ((a[0] <= b[0] and a[1] <= b[1]) or (a[0] >= b[0] and a[1] >= b[1])):
        return [first] if a < b else [second]
    return [first, second]


def canonical_rank(alias: Alias) -> tuple:
    """Lower is a better canonical name: untitled, no initial, few middle names, the short first name."""
    parsed = parse_name(alias.name)
    given = parsed.given
    initials = sum(1 for name in given if is_initial(name))
    return (
        not given,
        alias.name.endswith(POSSESSIVE_ENDINGS),  # "Barrett's", printed as an owner
        parsed.titled,
        bool(given) and is_initial(given[0]),
        initials,
        len(given),
        len(given[0]) if given else 0,
        parsed.capitals,
        alias.name.casefold(),
        alias.name,
        alias.gender,
    )


def never_apart(suffixed: list[Alias], plain: list[Alias]) -> bool:
    """No evidence read: a name with a suffix and one without are always taken for two people."""
    return True


def join_suffixed(
    people: list[list[Alias]],
    parsed: dict[Alias, ParsedName],
    established: Callable[[list[Alias]], bool],
    apart: Callable[[list[Alias], list[Alias]], bool],
) -> list[list[Alias]]:
    """Join a group of names with a suffix to the one group without that may be the same person.

    'Joseph R. Biden Jr.' and 'Joe Biden' are one man; 'Donald Trump Jr.' and 'Donald Trump' are son
    and father. Nothing in the names tells the two cases apart, so the suffixed group joins only when
    exactly one group without a suffix fits every one of its names (as one person but for the suffix),
    no group with another suffix fits that group too ('Sr.'), both are established, and `apart` finds
    nothing printing them as two people (an article of the suffixed name printing the other name too).
    """
    def fits(first: Alias, second: Alias) -> bool:
        a, b = parsed[first], parsed[second]
        return may_be_one_person(a, ParsedName(b.kind, b.given, b.surname, a.suffix, b.gender))

    suffixed = [index for index, group in enumerate(people) if all(parsed[alias].suffix for alias in group)]
    plain = [index for index, group in enumerate(people) if not any(parsed[alias].suffix for alias in group)]
    targets: dict[int, list[int]] = defaultdict(list)
    for index in suffixed:
        matches = [other for other in plain if all(fits(a, b) for a in people[index] for b in people[other])]
        if len(matches) == 1:
            targets[matches[0]].append(index)
    joined = set()
    for target, sources in sorted(targets.items()):
        if len(sources) != 1 or len({parsed[alias].suffix for alias in people[sources[0]]}) != 1:
            continue  # a Jr. and a Sr. both fit, or one group prints two suffixes
        source = sources[0]
        if established(people[source]) and established(people[target]) and not apart(people[source], people[target]):
            people[target] = sorted(people[target] + people[source])
            joined.add(source)
    return sorted(group for index, group in enumerate(people) if index not in joined)


def is_outlet_word(alias: Alias) -> bool:
    """A one-word name printed with no sex that is a registered outlet's ('Politico', 'PolitiFact'): when it joins no
    person, the outlet, not someone known only by that surname ('Bloomberg' printed 'he' stays a surname)."""
    return not alias.gender and fold(alias.name) in registry_outlet_names()


def group_names(
    aliases: Iterable[Alias],
    established: Callable[[list[Alias]], bool],
    apart: Callable[[list[Alias], list[Alias]], bool] = never_apart,
) -> list[Group]:
    """Group one block's aliases into speakers; `established` says whether a group of full names is, `apart`
    whether a group of names with a suffix is printed as another person than a group without (see `join_suffixed`).

    Groups come sorted by canonical name; the result does not depend on the order of `aliases`.
    """
    parsed = {alias: parsed_alias(alias) for alias in sorted(set(aliases))}
    full = [alias for alias, name in parsed.items() if name.kind == PERSON and name.given]
    bare = [alias for alias, name in parsed.items() if name.bare]
    others = [alias for alias, name in parsed.items() if name.kind != PERSON]

    neighbours = {
        alias: [other for other in full if other != alias and may_be_one_person(parsed[alias], parsed[other])]
        for alias in full
    }
    ambiguous = {
        alias for alias in full
        if any(not may_be_one_person(parsed[x], parsed[y]) for x, y in combinations(neighbours[alias], 2))
    }
    owner = {alias: alias for alias in full}

    def find(alias: Alias) -> Alias:
        while owner[alias] != alias:
            owner[alias] = owner[owner[alias]]
            alias = owner[alias]
        return alias

    for alias in full:
        if alias in ambiguous:
            continue
        for other in neighbours[alias]:
            if other in ambiguous or other < alias:
                continue
            if same_name(parsed[alias], parsed[other]) or all(
                established([name]) for name in must_be_established(alias, other, parsed)
            ):
                first, second = sorted((find(alias), find(other)))
                owner[second] = first
    members: dict[Alias, list[Alias]] = defaultdict(list)
    for alias in full:
        members[find(alias)].append(alias)
    people = join_suffixed(sorted(members.values()), parsed, established, apart)

    joined: dict[int, list[Alias]] = defaultdict(list)
    alone: dict[tuple[str, str], list[Alias]] = defaultdict(list)  # by surname and suffix
    for alias in bare:
        name = parsed[alias]
        claimants = [
            index for index, group in enumerate(people)
            if any(may_be_one_person(name, parsed[member]) for member in group)
        ]
        if (
            len(claimants) == 1
            and name.surname not in FIRST_NAMES
            and all(may_be_one_person(name, parsed[member]) for member in people[claimants[0]])
            and established(people[claimants[0]])
        ):
            joined[claimants[0]].append(alias)
        else:
            alone[name.surname, name.suffix].append(alias)

    groups = [
        Group(group + joined[index], min(group, key=canonical_rank).name, PERSON)
        for index, group in enumerate(people)
    ]
    groups += [
        Group(group, min(group, key=canonical_rank).name, ORGANISATION if all(map(is_outlet_word, group)) else SURNAME)
        for group in alone.values()
    ]
    groups += [Group([alias], alias.name, parsed[alias].kind) for alias in others]
    for group in groups:
        group.aliases.sort()
    return sorted(groups, key=lambda group: (group.name, group.aliases))


# --- The database -----------------------------------------------------------------------------


def chunked(values: Sequence, size: int = CHUNK) -> Iterable[Sequence]:
    """Consecutive slices of `values` of at most `size` items."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def marks(values: Sequence) -> str:
    """'?, ?, ...' for an "in (...)" clause."""
    return ", ".join("?" * len(values))


def place_speakers(db: sqlite_utils.Database, article_ids: Iterable[int]) -> None:
    """Give the printings of these articles their people, grouping again the surnames they print."""
    ids = sorted(set(article_ids))
    rows = []
    for values in chunked(ids):
        rows += db.execute(
            f"select id, speaker, speaker_name, person_id, quote_id, article_id from quote_occurrences "
            f"where article_id in ({marks(values)})",
            list(values),
        ).fetchall()
    place_rows(db, rows)


def place_unplaced(db: sqlite_utils.Database) -> None:
    """Give their people the printings not yet in a cluster that name a speaker but have no person."""
    rows = db.execute(
        "select id, speaker, speaker_name, person_id, quote_id, article_id from quote_occurrences "
        "where quote_id is null and speaker_name is not null and person_id is null"
    ).fetchall()
    if rows:
        place_rows(db, rows)


def place_rows(db: sqlite_utils.Database, rows: list[tuple]) -> None:
    """Place printings given as (id, speaker, speaker_name, person_id, quote_id, article_id) rows."""
    started = time.perf_counter()
    aliases = aliases_of(db, ((row[0], row[1], row[2], row[5]) for row in rows))
    names: dict[str, set[str]] = defaultdict(set)
    for alias in aliases.values():
        if alias is not None:
            names[block_of(alias.name)].add(alias.name)
    old_people = sorted({row[3] for row in rows if row[3] is not None})
    for values in chunked(old_people):  # a printing whose name changed may leave its old surname
        for (key,) in db.execute(
            f"select distinct name_key from person_names where person_id in ({marks(values)})", list(values)
        ):
            names.setdefault(key, set())
    with db.atomic():
        placed, quotes, unused = regroup(db, names)
        quotes |= repoint_printings(
            db, placed, ((row[0], aliases[row[0]], row[3], row[4]) for row in rows)
        )
        refresh_quote_people(db, quotes)
        drop_people(db, unused)
    LOGGER.info(
        "placed %s, %s grouped again, in %.2f s", counted(len(rows), "printing"), counted(len(names), "surname"),
        time.perf_counter() - started,
    )


def rebuild_people(db: sqlite_utils.Database) -> None:
    """Group every speaker name of the database again and give every printing and quote its person."""
    names: dict[str, set[str]] = defaultdict(set)
    for (name,) in db.execute("select distinct speaker_name from quote_occurrences where speaker_name is not null"):
        if name.strip():
            names[block_of(name)].add(name)
    for (key,) in db.execute("select distinct name_key from person_names"):
        names.setdefault(key, set())
    with db.atomic():
        placed, _, unused = regroup(db, names)
        for name in sorted({alias.name for alias in placed}):
            rows = db.execute(
                "select id, speaker, speaker_name, person_id, article_id from quote_occurrences where speaker_name = ?",
                [name],
            ).fetchall()
            aliases = aliases_of(db, ((row[0], row[1], row[2], row[4]) for row in rows))
            updates = [
                (placed.get(aliases[row[0]]), row[0])
                for row in rows
                if placed.get(aliases[row[0]]) != row[3]
            ]
            db.conn.executemany("update quote_occurrences set person_id = ? where id = ?", updates)
        db.execute(
            "update quote_occurrences set person_id = null where person_id is not null "
            "and (speaker_name is null or trim(speaker_name) = '')"
        )
        refresh_quote_people(db, [row[0] for row in db.execute("select id from quotes")])
        drop_people(db, unused)
    LOGGER.info("%d speaker names are %d people", len(placed), db["people"].count)


def present_aliases(db: sqlite_utils.Database, names: Iterable[str]) -> set[Alias]:
    """The aliases of these names that some printing carries (a surname alone, once per sex printed)."""
    found: set[Alias] = set()
    for name in sorted(set(names)):
        if parse_name(name).bare:
            sexes = article_sexes(db, name)
            for speaker, article_id in db.execute(
                "select distinct speaker, article_id from quote_occurrences where speaker_name = ?", [name]
            ):
                found.add(alias_of(speaker, name, sexes.get(article_id, "")))
        elif db.execute("select 1 from quote_occurrences where speaker_name = ? limit 1", [name]).fetchone():
            found.add(Alias(name))
    return found


def is_established(db: sqlite_utils.Database, aliases: list[Alias]) -> bool:
    """Whether the names of a group are printed in ESTABLISHED_ARTICLES articles or more."""
    names = sorted({alias.name for alias in aliases})
    count = db.execute(
        f"select count(*) from (select distinct article_id from quote_occurrences "
        f"where speaker_name in ({marks(names)}) limit {ESTABLISHED_ARTICLES})",
        names,
    ).fetchone()[0]
    return count >= ESTABLISHED_ARTICLES


SUFFIX_AFTER = r"(?![\w'’-])(?!,?[^\S\n]+(?:Jr|Sr|II|III|IV)\b)"  # a name ending here, with no suffix after it


def printed_name_re(name: str) -> re.Pattern[str]:
    """A full name as printed (titles dropped), with no suffix after it: 'Joe Biden' but not 'Joe Biden Jr.'."""
    words = name.split()
    while len(words) > 1 and words[0].casefold() in TITLE_WORDS:
        words.pop(0)
    return re.compile(r"(?<![\w'’-])" + r"[^\S\n]+".join(map(re.escape, words)) + SUFFIX_AFTER)


def is_printed_apart(db: sqlite_utils.Database, suffixed: list[Alias], plain: list[Alias]) -> bool:
    """Whether an article printing one of the suffixed names also prints, or quotes, one of the plain names.

    'Donald Trump Jr.' beside 'Donald Trump' in one article are son and father; 'Joseph R. Biden Jr.' in
    articles that print no 'Joe Biden' may be him.
    """
    names = sorted({alias.name for alias in suffixed})
    others = sorted({alias.name for alias in plain})
    patterns = [printed_name_re(name) for name in others]
    articles = [row[0] for row in db.execute(
        f"select distinct article_id from quote_occurrences where speaker_name in ({marks(names)})", names
    )]
    for values in chunked(articles):
        if db.execute(
            f"select 1 from quote_occurrences where article_id in ({marks(values)}) "
            f"and speaker_name in ({marks(others)}) limit 1",
            list(values) + others,
        ).fetchone():
            return True
        for (text,) in db.execute(f"select text from articles where id in ({marks(values)})", list(values)):
            if any(pattern.search(text or "") for pattern in patterns):
                return True
    return False


def regroup(
    db: sqlite_utils.Database, names: dict[str, set[str]]
) -> tuple[dict[Alias, int], set[int], set[int]]:
    """Group the blocks again (their saved names and `names`); write people, names and moved printings.

    Returns every alias of these blocks with its person, the quotes whose printings moved, and the
    people of these blocks left without a name (`drop_people` deletes them once printings and quotes moved).
    """
    placed: dict[Alias, int] = {}
    quotes: set[int] = set()
    unused: set[int] = set()
    next_id = (db.execute("select max(id) from people").fetchone()[0] or 0) + 1
    for key in sorted(names):
        rows = db.execute("select name, gender, person_id, name_key from person_names where name_key = ?", [key]).fetchall()
        for values in chunked(sorted(names[key])):  # names saved under another key ("o’malley" before apostrophes folded)
            rows += db.execute(
                f"select name, gender, person_id, name_key from person_names where name in ({marks(values)}) "
                f"and name_key != ?",
                [*values, key],
            ).fetchall()
        old = {Alias(name, gender): person_id for name, gender, person_id, _ in rows}
        rekeyed = {Alias(name, gender) for name, gender, _, name_key in rows if name_key != key}
        present = present_aliases(db, {alias.name for alias in old} | names[key])
        groups = group_names(
            present,
            lambda group: is_established(db, group),
            lambda suffixed, plain: is_printed_apart(db, suffixed, plain),
        )
        ids, next_id = reconcile(db, groups, old, next_id)
        unused |= set(old.values()) - set(ids)
        for group, person_id in zip(groups, ids):
            write_person(db, person_id, group)
            for alias in group.aliases:
                placed[alias] = person_id
        gone = [alias for alias in old if alias not in placed]
        db.conn.executemany(
            "delete from person_names where name = ? and gender = ?", [(a.name, a.gender) for a in gone]
        )
        moved = [alias for alias in present if old.get(alias) != placed[alias] or alias in rekeyed]
        db.conn.executemany(
            "insert or replace into person_names (name, gender, person_id, name_key) values (?, ?, ?, ?)",
            [(alias.name, alias.gender, placed[alias], key) for alias in moved],
        )
        for name in sorted({alias.name for alias in moved} | {alias.name for alias in gone}):
            quotes |= move_printings(db, name, placed)
    return placed, quotes, unused


def reconcile(
    db: sqlite_utils.Database, groups: list[Group], old: dict[Alias, int], next_id: int
) -> tuple[list[int], int]:
    """Ids for the groups: a person keeps its id in the group holding its name, else most of its names."""
    old_ids = sorted(set(old.values()))
    old_names = {}
    for values in chunked(old_ids):
        old_names.update(db.execute(f"select id, name from people where id in ({marks(values)})", list(values)).fetchall())
    ids: list[int | None] = [None] * len(groups)
    for person_id in old_ids:
        shares = [
            (
                groups[index].name == old_names.get(person_id),
                sum(1 for alias in group.aliases if old.get(alias) == person_id),
                any(alias.name == old_names.get(person_id) for alias in group.aliases),
                -index,
            )
            for index, group in enumerate(groups)
        ]
        candidates = [
            (share, index) for index, share in enumerate(shares)
            if ids[index] is None and share[1] > 0
        ]
        if candidates:
            ids[max(candidates)[1]] = person_id
    for index, person_id in enumerate(ids):
        if person_id is None:
            ids[index] = next_id
            next_id += 1
    return [int(person_id) for person_id in ids if person_id is not None], next_id


def write_person(db: sqlite_utils.Database, person_id: int, group: Group) -> None:
    """Insert or update a people row (left alone when unchanged); quotes of a renamed person follow."""
    aliases = json.dumps(sorted({alias.name for alias in group.aliases}), ensure_ascii=False)
    row = db.execute("select name, kind, aliases from people where id = ?", [person_id]).fetchone()
    if row is None:
        db.execute(
            "insert into people (id, name, kind, aliases, quote_count) "
            "values (?, ?, ?, ?, (select count(*) from quotes where person_id = ?))",
            [person_id, group.name, group.kind, aliases, person_id],
        )
        return
    if tuple(row) != (group.name, group.kind, aliases):
        db.execute(
            "update people set name = ?, kind = ?, aliases = ? where id = ?",
            [group.name, group.kind, aliases, person_id],
        )
    if row[0] != group.name:
        db.execute("update quotes set speaker = ? where person_id = ?", [group.name, person_id])


def move_printings(db: sqlite_utils.Database, name: str, placed: dict[Alias, int]) -> set[int]:
    """Point the printings of a name at the people its aliases now belong to; the quotes they moved in."""
    rows = db.execute(
        "select id, speaker, person_id, quote_id, article_id from quote_occurrences where speaker_name = ?", [name]
    ).fetchall()
    sexes = article_sexes(db, name)
    return repoint_printings(
        db, placed, ((occurrence_id, alias_of(speaker, name, sexes.get(article_id, "")), person_id, quote_id)
                     for occurrence_id, speaker, person_id, quote_id, article_id in rows)
    )


def repoint_printings(
    db: sqlite_utils.Database, placed: dict[Alias, int], rows: Iterable[tuple[int, Alias | None, int | None, int | None]]
) -> set[int]:
    """Set each (printing, alias, person, quote) row's person to its alias's; the quotes of those that moved."""
    updates, quotes = [], set()
    for occurrence_id, alias, person_id, quote_id in rows:
        target = placed.get(alias) if alias is not None else None
        if target != person_id:
            updates.append((target, occurrence_id))
            if quote_id is not None:
                quotes.add(quote_id)
    db.conn.executemany("update quote_occurrences set person_id = ? where id = ?", updates)
    return quotes


def drop_people(db: sqlite_utils.Database, person_ids: Iterable[int]) -> None:
    """Delete people no name belongs to any more (a quote still naming one, left empty by an edit, is refreshed)."""
    ids = sorted(set(person_ids))
    for values in chunked(ids):
        quotes = db.execute(f"select id from quotes where person_id in ({marks(values)})", list(values)).fetchall()
        refresh_quote_people(db, [row[0] for row in quotes])
        db.conn.execute(f"delete from people where id in ({marks(values)})", list(values))


@dataclass(frozen=True)
class Speaker:
    """A people row as quotes need it: canonical name and kind."""

    name: str
    kind: str

    @property
    def surname(self) -> str:
        """The folded surname of the canonical name."""
        return parse_name(self.name).surname


def load_people(db: sqlite_utils.Database, person_ids: Iterable[int]) -> dict[int, Speaker]:
    """These people's canonical names and kinds."""
    ids = sorted(set(person_ids))
    found: dict[int, Speaker] = {}
    for values in chunked(ids):
        for person_id, name, kind in db.execute(
            f"select id, name, kind from people where id in ({marks(values)})", list(values)
        ):
            found[person_id] = Speaker(name, kind)
    return found


def choose_person(votes: Iterable[tuple[int, tuple]], people: dict[int, Speaker]) -> int | None:
    """The person a quote's printings name most, ties to the one printed first, then by name.

    Votes are (person, time): a printing's (time unknown, time key), never its id, so that the
    choice does not depend on the order articles were imported in. A surname alone ('Obama', kind surname) counts for the one person of that surname among the
    quote's printings, if there is one: the same words printed as Barack Obama's elsewhere.
    """
    votes = list(votes)
    named: dict[str, list[int]] = defaultdict(list)
    for person_id in sorted({person_id for person_id, _ in votes}):
        speaker = people.get(person_id)
        if speaker is not None and speaker.kind == PERSON:
            named[speaker.surname].append(person_id)
    counts: Counter = Counter()
    first: dict[int, tuple] = {}
    for person_id, order in votes:
        speaker = people.get(person_id)
        if speaker is not None and speaker.kind == SURNAME and len(named.get(speaker.surname, ())) == 1:
            person_id = named[speaker.surname][0]
        counts[person_id] += 1
        first[person_id] = min(first.get(person_id, order), order)
    if not counts:
        return None
    return min(counts, key=lambda person_id: (-counts[person_id], first[person_id], people[person_id].name))


def refresh_quote_people(db: sqlite_utils.Database, quote_ids: Iterable[int]) -> None:
    """Set each quote's person (`choose_person`) and speaker (that person's canonical name)."""
    ids = sorted(set(quote_ids))
    for values in chunked(ids):
        votes: dict[int, list] = defaultdict(list)
        for quote_id, person_id, time_key in db.execute(
            f"""select o.quote_id, o.person_id, coalesce(o.seen_at, a.time_key)
            from quote_occurrences o join articles a on a.id = o.article_id
            where o.quote_id in ({marks(values)}) and o.person_id is not null""",
            list(values),
        ):
            votes[quote_id].append((person_id, (time_key is None, time_key or "")))
        people = load_people(db, [person_id for rows in votes.values() for person_id, _ in rows])
        chosen = {quote_id: choose_person(votes.get(quote_id, ()), people) for quote_id in values}
        rows = []
        for quote_id, person_id in chosen.items():
            name = people[person_id].name if person_id is not None else None
            rows.append((person_id, name, quote_id, person_id, name))
        db.conn.executemany(
            "update quotes set person_id = ?, speaker = ? where id = ? and (person_id is not ? or speaker is not ?)",
            rows,
        )
