"""People: one person, one speaker across the corpus; the naming rule, its traps, incremental runs, pages."""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from db import ensure_db_shape
from provenance.people import (
    ORGANISATION, OTHER, PERSON, SURNAME, Alias, alias_of, block_of, choose_person, group_names, parse_name,
    Speaker,
)
from provenance import people as people_module, speakers
from provenance.pipeline import import_paths, trace_all
from tests.conftest import database_at_version, shared_path
from tests.served import served_metadata

# --- Reading a name ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "given", "surname", "suffix", "gender"),
    [
        ("Donald Trump", PERSON, ("donald",), "trump", "", "m"),
        ("Donald J. Trump", PERSON, ("donald", "j."), "trump", "", "m"),
        ("George H.W. Bush", PERSON, ("george", "h.", "w."), "bush", "", "m"),
        ("Joseph R. Biden Jr.", PERSON, ("joseph", "r."), "biden", "jr", "m"),
        ("Mr. Trump", PERSON, (), "trump", "", "m"),
        ("Mrs. Clinton", PERSON, (), "clinton", "", "f"),
        ("President Obama", PERSON, (), "obama", "", ""),
        ("Pres. Obama", PERSON, (), "obama", "", ""),
        ("Chris Lamb", PERSON, ("chris",), "lamb", "", ""),  # Chris may be Christine
        ("Mr. Singer", PERSON, (), "singer", "", "m"),  # a surname that is also a role word
        ("Mrs May", PERSON, (), "may", "", "f"),  # a month after a title is a surname
        ("State Hillary Clinton", PERSON, ("hillary",), "clinton", "", "f"),  # "Secretary of State Hillary Clinton"
        ("Rev. Peter Wherry", PERSON, ("peter",), "wherry", "", "m"),
        ("Bill de Blasio", PERSON, ("bill",), "de blasio", "", "m"),
        ("Felipe Calderón", PERSON, ("felipe",), "calderon", "", "m"),  # the longer list of given names
        ("Elise Vantreel", PERSON, ("elise",), "vantreel", "", "f"),
        ("Jordan Vantreel", PERSON, ("jordan",), "vantreel", "", ""),  # a first name given to both sexes
        ("Lee Vantreel", PERSON, ("lee",), "vantreel", "", ""),  # (the short list's man)
        ("New York Times", ORGANISATION, (), "", "", ""),
        ("Islamic State", ORGANISATION, (), "", "", ""),
        ("Clinton Foundation", ORGANISATION, (), "", "", ""),
        ("Former Secretary", OTHER, (), "", "", ""),
        ("Inspector General", OTHER, (), "", "", ""),
        ("Harbour Anglers League", ORGANISATION, (), "", "", ""),
        ("Pier Watch", ORGANISATION, (), "", "", ""),
        ("CHEW", ORGANISATION, (), "", "", ""),  # initials in capitals
        ("Purple Harbour PAC", ORGANISATION, (), "", "", ""),
        ("HARBOUR TOWN ENDS PIER TAX", OTHER, (), "", "", ""),  # a heading in capitals
        ("Navy SEAL Tobin Marsh", PERSON, ("navy", "seal", "tobin"), "marsh", "", ""),  # a title in capitals
        ("Martin O’Penwick", PERSON, ("martin",), "o'penwick", "", "m"),  # one apostrophe for its typographic forms
    ],
)
def test_a_name_is_read_into_its_parts(name, kind, given, surname, suffix, gender):
    parsed = parse_name(name)
    assert (parsed.kind, parsed.given, parsed.surname, parsed.suffix, parsed.gender) == (
        kind, given, surname, suffix, gender
    )


@pytest.mark.parametrize(
    ("name", "block"),
    [("Donald J. Trump", "trump"), ("Joseph R. Biden Jr.", "biden"), ("De Blasio", "blasio"), ("Calderón's", "calderon"), ("Dana O’Rourke", "o'rourke"),
     ("Ines Harbour\u2011Smith", "harbour-smith")],
)
def test_names_that_may_be_one_person_share_a_block(name, block):
    assert block_of(name) == block


@pytest.mark.parametrize(
    ("speaker", "speaker_name", "alias"),
    [
        ("he", "Obama", Alias("Obama", "m")),
        ("She", "Clinton", Alias("Clinton", "f")),
        ("Mr. Obama", "Obama", Alias("Obama", "m")),
        ("the congresswoman", "Quillfeather", Alias("Quillfeather", "f")),
        ("President Obama", "Obama", Alias("Obama", "")),
        ("Obama", "Obama", Alias("Obama", "")),
        ("he", "Barack Obama", Alias("Barack Obama", "")),  # a full name says more than a pronoun
        ("he", None, None),
    ],
)
def test_a_printing_is_placed_by_its_name_and_for_a_surname_alone_the_sex_printed(speaker, speaker_name, alias):
    assert alias_of(speaker, speaker_name) == alias


# --- The rule ---------------------------------------------------------------------------------


def grouping(names: list[str | Alias], established: set[str] | str = "all") -> dict[str, set[str]]:
    """canonical name -> the names grouped under it ('name/m' for a surname printed as a man)."""
    aliases = [name if isinstance(name, Alias) else Alias(name) for name in names]
    everyone = established == "all"
    groups = group_names(aliases, lambda group: everyone or all(alias.name in established for alias in group))
    return {
        group.name: {alias.name + (f"/{alias.gender}" if alias.gender else "") for alias in group.aliases}
        for group in groups
    }


def kinds(names: list[str | Alias], established: set[str] | str = "all") -> dict[str, str]:
    aliases = [name if isinstance(name, Alias) else Alias(name) for name in names]
    everyone = established == "all"
    return {
        group.name: group.kind
        for group in group_names(aliases, lambda group: everyone or all(a.name in established for a in group))
    }


RULES = [
    # (what it shows, names printed, names printed in three articles or more, expected groups)
    (
        "a middle initial and a title are one person, under the ordinary form",
        ["Donald Trump", "Donald J. Trump", Alias("Mr. Trump", "m")], "all",
        {"Donald Trump": {"Donald Trump", "Donald J. Trump", "Mr. Trump/m"}},
    ),
    (
        "with only the initialled form printed, it is the canonical name",
        ["Donald J. Trump", "Trump"], "all",
        {"Donald J. Trump": {"Donald J. Trump", "Trump"}},
    ),
    (
        "'Clinton' could be Bill or Hillary: it joins neither",
        ["Hillary Clinton", "Bill Clinton", "Clinton", "Hillary Rodham Clinton"], "all",
        {"Hillary Clinton": {"Hillary Clinton", "Hillary Rodham Clinton"}, "Bill Clinton": {"Bill Clinton"},
         "Clinton": {"Clinton"}},
    ),
    (
        "'she' tells Hillary from Bill; 'he' tells Bill from Hillary",
        ["Hillary Clinton", "Bill Clinton", Alias("Clinton", "f"), Alias("Mr. Clinton", "m")], "all",
        {"Hillary Clinton": {"Hillary Clinton", "Clinton/f"}, "Bill Clinton": {"Bill Clinton", "Mr. Clinton/m"}},
    ),
    (
        "but not from Chelsea",
        ["Hillary Clinton", "Chelsea Clinton", Alias("Clinton", "f")], "all",
        {"Hillary Clinton": {"Hillary Clinton"}, "Chelsea Clinton": {"Chelsea Clinton"}, "Clinton": {"Clinton/f"}},
    ),
    (
        "'George Bush' fits the father and the son: alone, and the two stay apart",
        ["George W. Bush", "George H. W. Bush", "George Bush", "Jeb Bush", "Bush"], "all",
        {"George W. Bush": {"George W. Bush"}, "George H. W. Bush": {"George H. W. Bush"},
         "George Bush": {"George Bush"}, "Jeb Bush": {"Jeb Bush"}, "Bush": {"Bush"}},
    ),
    (
        "a 'George Bush' printed in one article is not taken for the widely printed 'George W. Bush'",
        ["George W. Bush", "George Bush"], {"George W. Bush"},
        {"George W. Bush": {"George W. Bush"}, "George Bush": {"George Bush"}},
    ),
    (
        "Kennedy: a surname of many; Jr. is another person, the father is printed without Sr.",
        ["John F. Kennedy", "Robert F. Kennedy", "Robert F. Kennedy Jr.", "Kennedy", "Robert Kennedy"], "all",
        {"John F. Kennedy": {"John F. Kennedy"}, "Robert Kennedy": {"Robert F. Kennedy", "Robert Kennedy"},
         "Robert F. Kennedy Jr.": {"Robert F. Kennedy Jr."}, "Kennedy": {"Kennedy"}},
    ),
    (
        "'Paul' may be Rand or Ron",
        ["Rand Paul", "Ron Paul", "Paul"], "all",
        {"Rand Paul": {"Rand Paul"}, "Ron Paul": {"Ron Paul"}, "Paul": {"Paul"}},
    ),
    (
        "and a surname that is a first name joins no one, even with one Paul printed",
        ["Rand Paul", "Paul"], "all",
        {"Rand Paul": {"Rand Paul"}, "Paul": {"Paul"}},
    ),
    (
        "two first names with one surname are two people",
        ["Ted Cruz", "Heidi Cruz", "Rafael Cruz", "Cruz"], "all",
        {"Ted Cruz": {"Ted Cruz"}, "Heidi Cruz": {"Heidi Cruz"}, "Rafael Cruz": {"Rafael Cruz"}, "Cruz": {"Cruz"}},
    ),
    (
        "an initial that fits two people joins neither",
        ["J. Ostrow", "John Ostrow", "Jane Ostrow"], "all",
        {"John Ostrow": {"John Ostrow"}, "Jane Ostrow": {"Jane Ostrow"}, "J. Ostrow": {"J. Ostrow"}},
    ),
    (
        "an initial that fits one person joins it",
        ["J. Ostrow", "John Ostrow"], "all",
        {"John Ostrow": {"John Ostrow", "J. Ostrow"}},
    ),
    (
        "George W. Bush and George H. W. Bush are not one person, nor W. and H.",
        ["George W. Bush", "George H. W. Bush", "George H. Bush"], "all",
        {"George W. Bush": {"George W. Bush"}, "George H. W. Bush": {"George H. W. Bush"},
         "George H. Bush": {"George H. Bush"}},
    ),
    (
        "a short first name and its full form, with the short one canonical",
        ["Joe Biden", "Joseph R. Biden", "Joseph Biden"], "all",
        {"Joe Biden": {"Joe Biden", "Joseph R. Biden", "Joseph Biden"}},
    ),
    (
        "'Chris' may be Christopher or Christine",
        ["Chris Lamb", "Christopher Lamb", "Christine Lamb"], "all",
        {"Chris Lamb": {"Chris Lamb"}, "Christopher Lamb": {"Christopher Lamb"}, "Christine Lamb": {"Christine Lamb"}},
    ),
    (
        "two short forms of one name are not enough",
        ["Bill Ostrow", "Will Ostrow"], "all",
        {"Bill Ostrow": {"Bill Ostrow"}, "Will Ostrow": {"Will Ostrow"}},
    ),
    (
        "a Bob and a Robert each printed once or twice are not taken for one person",
        ["Bob Mason", "Robert Mason"], set(),
        {"Bob Mason": {"Bob Mason"}, "Robert Mason": {"Robert Mason"}},
    ),
    (
        "the same name but for case, accents or a title needs no evidence",
        ["Felipe Calderon", "Felipe Calderón", "KellyAnne Conway", "Kellyanne Conway", "Peter Wherry", "Rev. Peter Wherry"],
        set(),
        {"Felipe Calderon": {"Felipe Calderon", "Felipe Calderón"}, "Kellyanne Conway": {"KellyAnne Conway", "Kellyanne Conway"},
         "Peter Wherry": {"Peter Wherry", "Rev. Peter Wherry"}},
    ),
    (
        "the same name but for the apostrophe's form needs no evidence",
        ["Martin O'Penwick", "Martin O’Penwick"], set(),
        {"Martin O'Penwick": {"Martin O'Penwick", "Martin O’Penwick"}},
    ),
    (
        "a surname alone joins only a person printed widely",
        ["Sean Robertson", "Robertson"], set(),
        {"Sean Robertson": {"Sean Robertson"}, "Robertson": {"Robertson"}},
    ),
    (
        "every name another person could claim counts, printed widely or not",
        ["Barack Obama", "Derelict Obama", Alias("Obama", "m")], {"Barack Obama"},
        {"Barack Obama": {"Barack Obama"}, "Derelict Obama": {"Derelict Obama"}, "Obama": {"Obama/m"}},
    ),
    (
        "the sex printed sets aside a woman of the surname",
        ["Barack Obama", "Michelle Obama", Alias("Obama", "m"), Alias("Obama"), Alias("Mr. Obama", "m")], "all",
        {"Barack Obama": {"Barack Obama", "Obama/m", "Mr. Obama/m"}, "Michelle Obama": {"Michelle Obama"},
         "Obama": {"Obama"}},
    ),
    (
        "a suffix makes another person, who leaves the father's names alone",
        ["Donald Trump", "Donald J. Trump", "Donald Trump Jr.", "Donald J. Trump Jr."], "all",
        {"Donald Trump": {"Donald Trump", "Donald J. Trump"}, "Donald Trump Jr.": {"Donald Trump Jr.", "Donald J. Trump Jr."}},
    ),
    (
        "a surname alone may be the son as well as the father",
        ["Donald Trump", "Donald Trump Jr.", Alias("Trump", "m")], "all",
        {"Donald Trump": {"Donald Trump"}, "Donald Trump Jr.": {"Donald Trump Jr."}, "Trump": {"Trump/m"}},
    ),
    (
        "organisations stay themselves and claim no one's surname",
        ["Hillary Clinton", "Clinton Foundation", "Clinton", "New York Times"], "all",
        {"Hillary Clinton": {"Hillary Clinton", "Clinton"}, "Clinton Foundation": {"Clinton Foundation"},
         "New York Times": {"New York Times"}},
    ),
    (
        "a surname printed alone with a suffix is not the surname printed alone without",
        [Alias("Vantreel", "m"), Alias("Vantreel Jr.", "m")], "all",
        {"Vantreel": {"Vantreel/m"}, "Vantreel Jr.": {"Vantreel Jr./m"}},
    ),
    (
        "a surname printed as an owner is not the canonical name",
        [Alias("Barrett’s"), Alias("Mr. Barrett", "m")], "all",
        {"Mr. Barrett": {"Barrett’s", "Mr. Barrett/m"}},
    ),
    (
        "one surname printed alone, as a man and with no sex, is one speaker when no one claims it",
        [Alias("Vantreel", "m"), Alias("Vantreel"), Alias("Mr. Vantreel", "m")], "all",
        {"Vantreel": {"Vantreel", "Vantreel/m", "Mr. Vantreel/m"}},
    ),
]


@pytest.mark.parametrize(("why", "names", "established", "expected"), RULES, ids=[rule[0] for rule in RULES])
def test_the_rule(why, names, established, expected):
    assert grouping(names, established) == expected


@pytest.mark.parametrize(("why", "names", "established", "expected"), RULES, ids=[rule[0] for rule in RULES])
def test_the_rule_does_not_depend_on_the_order_of_the_names(why, names, established, expected):
    for order in itertools.islice(itertools.permutations(names), 24):
        assert grouping(list(order), established) == expected


def test_a_surname_alone_is_of_kind_surname_and_organisations_of_kind_organisation():
    assert kinds(["Hillary Clinton", "Bill Clinton", "Clinton", "Clinton Foundation", "Former Secretary"]) == {
        "Hillary Clinton": PERSON, "Bill Clinton": PERSON, "Clinton": SURNAME, "Clinton Foundation": ORGANISATION,
        "Former Secretary": OTHER,
    }


def test_a_registered_outlets_name_is_of_kind_organisation_unless_printed_with_a_sex(monkeypatch):
    # 'According to Quayline, ...': the outlet; 'Quayline said' of a man the article calls 'he' stays a surname
    monkeypatch.setattr(speakers, "registry_outlet_names", lambda: frozenset({"quayline", "dunmore ledger"}))
    monkeypatch.setattr(people_module, "registry_outlet_names", lambda: frozenset({"quayline", "dunmore ledger"}))
    parse_name.cache_clear()
    try:
        assert kinds(["Quayline", "Dunmore Ledger", "Vantreel"]) == {
            "Quayline": ORGANISATION, "Dunmore Ledger": ORGANISATION, "Vantreel": SURNAME,
        }
        assert kinds([Alias("Quayline", "m")]) == {"Quayline": SURNAME}
        # one a person of that surname could be: the person's, as any surname alone
        assert grouping(["Ines Quayline", "Quayline"]) == {"Ines Quayline": {"Ines Quayline", "Quayline"}}
    finally:
        parse_name.cache_clear()


def test_a_quote_goes_to_the_person_printed_most_a_surname_alone_counting_for_its_one_person():
    people = {1: Speaker("Barack Obama", PERSON), 2: Speaker("Obama", SURNAME), 3: Speaker("Dana Whitfield", PERSON)}
    day = (False, "2026-03-02")
    assert choose_person([(2, day), (2, day), (1, day), (3, day), (3, day)], people) == 1  # 3 votes for Obama
    assert choose_person([(2, day), (2, day)], people) == 2
    people[4] = Speaker("Michelle Obama", PERSON)  # now 'Obama' may be either
    assert choose_person([(2, day), (2, day), (1, day), (4, day), (3, day)], people) == 2
    # ties go to the first printed, then to the name: never to the import order
    assert choose_person([(3, (False, "2026-03-03")), (1, day)], people) == 1
    assert choose_person([(3, day), (1, day)], people) == 1


# --- In the database: imports, orders, a full trace ---------------------------------------------

PAGES = {
    # (url, published, text): fictional harbour news
    "v1": ("https://tribune.example/v1", "2026-03-01T08:00:00Z",
           "Harbor board delays the vote\n\"We will not sell the north pier to anyone this year,\" Oskar Vantreel said.\n"
           "\"The city deserves a full public hearing first,\" he added."),
    "v2": ("https://ledger.example/v2", "2026-03-02T08:00:00Z",
           "Commissioner speaks\n\"Nobody has shown me the dredging contract,\" Oskar Vantreel said on Monday."),
    "v3": ("https://courier.example/v3", "2026-03-03T08:00:00Z",
           "Pier budget\n\"The ferry subsidy stays until the bridge is rebuilt,\" Oskar Vantreel said."),
    "v4": ("https://gazette.example/v4", "2026-03-04T08:00:00Z",
           "Pier talks stall\n\"Our engineers found cracks in every piling of the old wharf,\" Mr. Vantreel said."),
    "v5": ("https://herald.example/v5", "2026-03-05T08:00:00Z",
           "Board minutes\n\"We will not sell the north pier to anyone this year,\" said Oskar J. Vantreel, the commissioner."),
    "q1": ("https://tribune.example/q1", "2026-03-01T09:00:00Z",
           "Council race\n\"The tram line must reach the east docks before any new housing,\" Mara Quillfeather said."),
    "q2": ("https://ledger.example/q2", "2026-03-02T09:00:00Z",
           "Candidates meet\n\"Rents on the waterfront have doubled in four years,\" Mara Quillfeather said."),
    "q3": ("https://courier.example/q3", "2026-03-03T09:00:00Z",
           "Tram vote\n\"I will vote against the tram budget if the docks are left out,\" Mara Quillfeather said."),
    "t1": ("https://gazette.example/t1", "2026-03-02T10:00:00Z",
           "Shipyard\n\"The shipyard will hire two hundred welders by the autumn,\" Tobias Quillfeather said."),
    "t2": ("https://herald.example/t2", "2026-03-03T10:00:00Z",
           "Welders\n\"Apprentices will be paid from the first week of training,\" Tobias Quillfeather said."),
    "t3": ("https://tribune.example/t3", "2026-03-04T10:00:00Z",
           "Shipyard orders\n\"Three trawlers are already on the order book,\" Tobias Quillfeather said."),
    "x1": ("https://ledger.example/x1", "2026-03-05T10:00:00Z",
           "Who said it\n\"Nobody in this town trusts the harbour accounts any more,\" Quillfeather said."),
    "p1": ("https://courier.example/p1", "2026-03-05T11:00:00Z",
           "Port statement\n\"Dredging resumes on Thursday at the east docks and runs for nine days,\" "
           "The Harborton Times reported."),
}


def write_pages(path: Path, codes: list[str], edits: dict[str, str] | None = None) -> Path:
    """A JSON Lines file of these fictional pages."""
    records = []
    for code in codes:
        url, published, text = PAGES[code]
        records.append({"url": url, "title": text.split("\n", 1)[0], "published": published,
                        "text": (edits or {}).get(code, text)})
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def people_state(db: sqlite_utils.Database) -> dict[str, object]:
    """What the people stage decided, without ids: each printing's person, each quote's speaker, the groups."""
    printings = sorted(db.execute(
        """select a.url, o.start, o.speaker_name, p.name, p.kind from quote_occurrences o
        join articles a on a.id = o.article_id left join people p on p.id = o.person_id"""
    ).fetchall())
    quotes = sorted(
        (",".join(sorted(printings.split(","))), speaker, person)
        for printings, speaker, person in db.execute(
            """select group_concat(a.url || '#' || o.start), q.speaker, p.name from quotes q
            join quote_occurrences o on o.quote_id = q.id join articles a on a.id = o.article_id
            left join people p on p.id = q.person_id group by q.id"""
        )
    )
    groups = sorted(
        (name, kind, tuple(sorted(db.execute(
            "select name || '/' || gender from person_names where person_id = ?", [person_id]
        ).fetchall())))
        for person_id, name, kind in db.execute("select id, name, kind from people")
    )
    counts = sorted(db.execute("select name, kind, quote_count from people").fetchall())
    miscounted = db.execute(
        "select p.name, p.quote_count, (select count(*) from quotes q where q.person_id = p.id) as actual "
        "from people p where quote_count != actual"
    ).fetchall()
    assert miscounted == []  # people.quote_count is every quote whose person it is, whatever the path
    return {"printings": printings, "quotes": quotes, "groups": groups, "counts": counts}


def import_pages(db: sqlite_utils.Database, tmp_path: Path, codes: list[str], name: str = "pages") -> None:
    import_paths(db, [write_pages(tmp_path / f"{name}.jsonl", codes)], workers=1)


def new_db(path: Path) -> sqlite_utils.Database:
    database = sqlite_utils.Database(path)
    ensure_db_shape(database)
    return database


def test_an_import_groups_the_names_of_one_person(tmp_path):
    db = new_db(tmp_path / "news.db")
    import_pages(db, tmp_path, list(PAGES))
    groups = {name: (kind, names) for name, kind, names in people_state(db)["groups"]}
    # 'Mr. Vantreel' is printed 'Vantreel', a man
    assert groups["Oskar Vantreel"] == (PERSON, (("Oskar J. Vantreel/",), ("Oskar Vantreel/",), ("Vantreel/m",)))
    counts = {name: count for name, _, count in people_state(db)["counts"]}
    assert (counts["Oskar Vantreel"], counts["Mara Quillfeather"], counts["Quillfeather"]) == (5, 3, 1)
    # two Quillfeathers printed widely: the surname alone is neither
    assert groups["Mara Quillfeather"] == (PERSON, (("Mara Quillfeather/",),))
    assert groups["Tobias Quillfeather"] == (PERSON, (("Tobias Quillfeather/",),))
    assert groups["Quillfeather"] == (SURNAME, (("Quillfeather/",),))
    assert groups["Harborton Times"] == (ORGANISATION, (("Harborton Times/",),))
    speakers = {quote.split("#")[0].rsplit("/", 1)[1]: speaker for quote, speaker, _ in people_state(db)["quotes"]}
    assert {speakers[code] for code in ("v1", "v2", "v3", "v4")} == {"Oskar Vantreel"}
    # the quote v5 repeats from v1 is one cluster, printed 'Oskar Vantreel' and 'Oskar J. Vantreel'
    printed = {row[2] for row in people_state(db)["printings"] if row[3] == "Oskar Vantreel"}
    assert printed == {"Oskar Vantreel", "Oskar J. Vantreel", "Vantreel"}


def test_a_name_saved_under_another_apostrophe_joins_its_person_when_traced_again(tmp_path):
    # a database of the code that kept "O’Penwick" and "O'Penwick" apart: two people, two name keys
    records = [
        {"url": "https://gazette.example/o1", "title": "Ferry", "published": "2026-03-01T08:00:00Z",
         "text": "Ferry\n\"The ferry will run all winter,\" Martin O’Penwick said."},
        {"url": "https://herald.example/o2", "title": "Pier", "published": "2026-03-02T08:00:00Z",
         "text": "Pier\n\"The north pier stays open until May,\" Martin O'Penwick said."},
    ]
    path = tmp_path / "pages.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    db = new_db(tmp_path / "news.db")
    import_paths(db, [path], workers=1)
    expected = people_state(db)
    assert [group[0] for group in expected["groups"]] == ["Martin O'Penwick"]
    db.execute("insert into people (id, name, kind, aliases) values (99, 'Martin O’Penwick', 'person', '[]')")
    db.execute("update person_names set person_id = 99, name_key = 'o’penwick' where name = 'Martin O’Penwick'")
    db.execute("update quote_occurrences set person_id = 99 where speaker_name = 'Martin O’Penwick'")
    db.execute("update quotes set person_id = 99 where id in (select quote_id from quote_occurrences where person_id = 99)")
    trace_all(db)
    assert people_state(db) == expected
    assert db.execute("select distinct name_key from person_names").fetchall() == [("o'penwick",)]


ORDERS = {
    "as listed": list(PAGES),
    "reversed": list(reversed(PAGES)),
    "surnames first": ["x1", "v4", "p1", "q1", "t1", "v1", "q2", "v5", "t2", "v2", "q3", "t3", "v3"],
    "one person complete before the other": ["t1", "t2", "t3", "x1", "v4", "v5", "q1", "q2", "q3", "v1", "v2", "v3", "p1"],
}


@pytest.mark.parametrize("order", list(ORDERS))
def test_imports_one_page_at_a_time_in_any_order_give_the_people_of_a_full_trace(tmp_path, order):
    whole = new_db(tmp_path / "whole.db")
    import_pages(whole, tmp_path, list(PAGES), "all")
    trace_all(whole)
    expected = people_state(whole)
    db = new_db(tmp_path / "incremental.db")
    for number, code in enumerate(ORDERS[order]):
        import_pages(db, tmp_path, [code], f"page{number}")
    assert people_state(db) == expected
    trace_all(db)
    assert people_state(db) == expected


def test_a_fuller_name_printed_later_takes_the_surname_rows_and_keeps_their_id(tmp_path):
    db = new_db(tmp_path / "news.db")
    import_pages(db, tmp_path, ["v4"], "first")
    (person_id, name, kind), = db.execute("select id, name, kind from people").fetchall()
    assert (name, kind) == ("Vantreel", SURNAME)
    assert db.execute("select speaker, person_id from quotes").fetchall() == [("Vantreel", person_id)]
    import_pages(db, tmp_path, ["v1", "v2"], "second")  # printed in three articles only once v3 comes
    assert db.execute("select name from people where id = ?", [person_id]).fetchone()[0] == "Vantreel"
    import_pages(db, tmp_path, ["v3"], "third")
    assert db.execute("select name, kind from people where id = ?", [person_id]).fetchone() == ("Oskar Vantreel", PERSON)
    assert {row[0] for row in db.execute("select distinct person_id from quote_occurrences")} == {person_id}
    assert {row[0] for row in db.execute("select distinct speaker from quotes")} == {"Oskar Vantreel"}


def test_a_namesake_printed_later_takes_the_surname_back(tmp_path):
    db = new_db(tmp_path / "news.db")
    import_pages(db, tmp_path, ["v1", "v2", "v3", "v4"], "first")
    oskar = db.execute("select id from people where name = 'Oskar Vantreel'").fetchone()[0]
    later = dict(PAGES)
    PAGES_WITH_NAMESAKE = {"n1": ("https://gazette.example/n1", "2026-03-06T08:00:00Z",
                                  "Regatta\n\"The regatta moves to the outer harbour this summer,\" Kasimir Vantreel said.")}
    later.update(PAGES_WITH_NAMESAKE)
    path = tmp_path / "namesake.jsonl"
    url, published, text = PAGES_WITH_NAMESAKE["n1"]
    path.write_text(json.dumps({"url": url, "published": published, "text": text}) + "\n", encoding="utf-8")
    import_paths(db, [path], workers=1)
    # 'Mr. Vantreel' may now be Kasimir as well as Oskar: his printing leaves Oskar, who keeps his id
    assert db.execute("select id from people where name = 'Oskar Vantreel'").fetchone()[0] == oskar
    row = db.execute(
        "select p.name, p.kind from quote_occurrences o join people p on p.id = o.person_id where o.speaker_name = 'Vantreel'"
    ).fetchone()
    assert row == ("Vantreel", SURNAME)
    assert db.execute("select speaker from quotes where text like 'Our engineers%'").fetchone()[0] == "Vantreel"


def test_importing_again_changes_nothing(tmp_path):
    db = new_db(tmp_path / "news.db")
    source = write_pages(tmp_path / "all.jsonl", list(PAGES))
    import_paths(db, [source], workers=1)
    tables = ("people", "person_names", "quotes", "quote_occurrences")
    before = {table: db.execute(f"select * from {table} order by 1, 2").fetchall() for table in tables}
    report = import_paths(db, [source], workers=1)
    assert report.unchanged == len(PAGES)
    assert {table: db.execute(f"select * from {table} order by 1, 2").fetchall() for table in tables} == before
    trace_all(db)
    assert db.execute("select * from people order by id").fetchall() == before["people"]
    assert db.execute("select * from person_names order by 1, 2").fetchall() == before["person_names"]


def test_an_edit_that_changes_the_speaker_leaves_no_name_behind(tmp_path):
    db = new_db(tmp_path / "news.db")
    import_pages(db, tmp_path, ["v1", "v2", "v3", "x1"], "first")
    assert db.execute("select name from people where kind = 'surname'").fetchall() == [("Quillfeather",)]
    edited = PAGES["x1"][2].replace("Quillfeather said", "Oskar Vantreel said")
    import_paths(db, [write_pages(tmp_path / "edit.jsonl", ["x1"], {"x1": edited})], workers=1)
    assert db.execute("select count(*) from person_names where name = 'Quillfeather'").fetchone()[0] == 0
    assert db.execute("select count(*) from people where name = 'Quillfeather'").fetchone()[0] == 0
    assert db.execute("select distinct speaker from quotes").fetchall() == [("Oskar Vantreel",)]
    assert db.execute("select name, quote_count from people").fetchall() == [("Oskar Vantreel", 5)]
    orphans = db.execute(
        "select name from person_names where name not in (select speaker_name from quote_occurrences "
        "where speaker_name is not null)"
    ).fetchall()
    assert orphans == []


# --- An old database --------------------------------------------------------------------------


def version_8_database(path: Path) -> sqlite_utils.Database:
    """A database as the tracker left it before people: migrations 1 to 8, an article, quotes printed by name."""
    database = database_at_version(path, 8)
    outlet = database["outlets"].insert({"key": "tribune.example", "name": "Tribune", "kind": "newspaper"}).last_pk
    for number, (speaker, speaker_name) in enumerate(
        [("Oskar J. Vantreel", "Oskar J. Vantreel"), ("he", "Oskar Vantreel"), ("Mr. Vantreel", "Vantreel"),
         ("Quillfeather", "Mara Quillfeather")],
        start=1,
    ):
        article = database["articles"].insert(
            {"url": f"https://tribune.example/{number}", "outlet_id": outlet, "text": "Words.",
             "first_seen": f"2026-03-0{number}", "time_key": f"2026-03-0{number}", "traced": 1}
        ).last_pk
        quote = database["quotes"].insert(
            {"text": f"Quote {number}", "normalized": f"quote {number}", "speaker": speaker_name,
             "article_count": 1, "outlet_count": 1}
        ).last_pk
        database["quote_occurrences"].insert(
            {"quote_id": quote, "article_id": article, "text": f"Quote {number}", "normalized": f"quote {number}",
             "speaker": speaker, "speaker_name": speaker_name, "kind": "speech", "start": 0, "end": 5}
        )
    return database


def test_a_version_8_database_gets_its_people_when_it_is_upgraded(db_path, monkeypatch):
    import provenance.people

    database = version_8_database(db_path)
    monkeypatch.setattr(provenance.people, "is_established", lambda db, group: True)  # four articles only
    applied = ensure_db_shape(database)
    assert 9 in applied
    assert people_state(database)["groups"] == [
        ("Mara Quillfeather", PERSON, (("Mara Quillfeather/",),)),
        ("Oskar Vantreel", PERSON, (("Oskar J. Vantreel/",), ("Oskar Vantreel/",), ("Vantreel/m",))),
    ]
    assert [row[0] for row in database.execute("select speaker from quotes order by id")] == [
        "Oskar Vantreel", "Oskar Vantreel", "Oskar Vantreel", "Mara Quillfeather"
    ]
    assert database.execute("select count(*) from quote_occurrences where person_id is null").fetchone()[0] == 0
    assert database.execute("select count(*) from quotes where person_id is null").fetchone()[0] == 0
    assert ensure_db_shape(database) == []


# --- Datasette ----------------------------------------------------------------------------------


def fetch(db_path: Path, path: str, params: dict | None = None):
    """GET `path` from a Datasette over `db_path` with metadata.yml and our plugin."""
    from datasette.app import Datasette

    metadata = served_metadata()

    async def run():
        datasette = Datasette([], immutables=[str(db_path)], metadata=metadata)
        return await datasette.client.get(path, params=params or {})

    return asyncio.run(run())


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Path:
    """The fictional pages imported into news.db, its WAL folded in."""
    path = tmp_path_factory.mktemp("people") / "news.db"
    db = new_db(path)
    import_paths(db, [write_pages(path.parent / "all.jsonl", list(PAGES))], workers=1)
    db.conn.execute("pragma wal_checkpoint(truncate)")
    db.conn.close()
    return path


def test_the_speaker_facet_of_quotes_groups_by_person(served):
    facet = fetch(served, "/news/quotes.json", {"_facet": "speaker", "_shape": "objects"}).json()
    counts = {row["value"]: row["count"] for row in facet["facet_results"]["speaker"]["results"]}
    # six printings, five quotes: v5 reprints v1's words as 'Oskar J. Vantreel'
    assert counts["Oskar Vantreel"] == 5
    assert not [value for value in counts if "J." in value]


def test_the_person_facet_of_printings_groups_by_person_under_its_name(served):
    facet = fetch(served, "/news/quote_occurrences.json", {"_facet": "person_id", "_shape": "objects"}).json()
    labels = {row["label"]: row["count"] for row in facet["facet_results"]["person_id"]["results"]}
    assert labels["Oskar Vantreel"] == 6  # v1 twice ('he added'), v2, v3, v4 ('Mr. Vantreel'), v5
    assert "Oskar J. Vantreel" not in labels


def test_one_query_lists_a_persons_quotes_from_any_name_printed(served):
    for name in ("Oskar J. Vantreel", "oskar vantreel", "Vantreel"):
        rows = fetch(served, "/news/quotes_of_a_person.json", {"name": name, "_shape": "objects"}).json()["rows"]
        assert {row["person"] for row in rows} == {"Oskar Vantreel"}, name
        assert len(rows) == 5
    rows = fetch(served, "/news/quotes_of_a_person.json", {"name": "Mara Quillfeather", "_shape": "objects"}).json()["rows"]
    assert {row["person"] for row in rows} == {"Mara Quillfeather"}
    # a surname: the speaker known only by it and every person of that name, each row saying whom
    rows = fetch(served, "/news/quotes_of_a_person.json", {"name": "Quillfeather", "_shape": "objects"}).json()["rows"]
    assert {row["person"] for row in rows} == {"Quillfeather", "Mara Quillfeather", "Tobias Quillfeather"}
    # a first name alone, that no one has as a name or surname: every person of that first name
    for first, people in (("Oskar", {"Oskar Vantreel"}), ("mara", {"Mara Quillfeather"}), ("Tob%", set()), ("", set())):
        rows = fetch(served, "/news/quotes_of_a_person.json", {"name": first, "_shape": "objects"}).json()["rows"]
        assert {row["person"] for row in rows} == people, first
    rows = fetch(served, "/news/trace_quote.json", {"words": "Oskar J. Vantreel", "_shape": "objects"}).json()["rows"]
    assert {row["speaker"] for row in rows} == {"Oskar Vantreel"} and len({row["quote_id"] for row in rows}) == 5
    # each printing's words for its speaker, and the full name its article gives
    printed = {row["speaker_as_printed"] for row in rows}
    assert {"he", "Mr. Vantreel"} <= printed and printed <= {"Oskar Vantreel", "Oskar J. Vantreel", "Vantreel", "he", "Mr. Vantreel"}
    assert {row["speaker_named"] for row in rows} == {"Oskar Vantreel", "Oskar J. Vantreel", "Vantreel"}


def test_the_quote_page_names_the_person_and_each_printing_as_printed(served):
    db = sqlite3.connect(served)
    quote_id, person_id = db.execute(
        "select quote_id, q.person_id from quote_occurrences o join quotes q on q.id = o.quote_id "
        "where o.speaker_name = 'Oskar J. Vantreel'"
    ).fetchone()
    db.close()
    html = fetch(served, f"/news/-/quote/{quote_id}").text
    assert f'Said by <strong><a href="/news/quotes?person_id={person_id}" title="every quote of this person"><bdi>Oskar Vantreel</bdi></a></strong>' in html
    printed = re.findall(r'<td data-column="Speaker"><bdi>([^<]*)</bdi>', html)  # the speaker cell of each printing
    assert printed == ["Oskar Vantreel", "Oskar J. Vantreel"]  # v1, then v5 as it prints the name


def test_a_persons_row_links_every_quote_and_printing_of_that_person(served):
    db = sqlite3.connect(served)
    person_id = db.execute("select id from people where name = 'Oskar Vantreel'").fetchone()[0]
    db.close()
    html = re.sub(r"\s+", " ", fetch(served, f"/news/people/{person_id}").text)
    assert f'<a href="/news/quotes?person_id={person_id}"> 5 rows</a> from person_id in quotes' in html
    assert f'<a href="/news/quote_occurrences?person_id={person_id}"> 6 rows</a> from person_id in quote_occurrences' in html


# --- PolNeAR's gold Sources ----------------------------------------------------------------------


def gold_source_names() -> dict[Alias, set[str]]:
    """Every PolNeAR gold Source written as a name (capitalised words), with the articles annotating it."""
    from collections import defaultdict

    root = shared_path("corpora", "polnear")
    articles: dict[Alias, set[str]] = defaultdict(set)
    for annotation in sorted(root.glob("*/attributions/*.ann")):
        document = annotation.name.rsplit("_", 1)[0]
        for line in annotation.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) < 3 or not parts[1].startswith("Source "):
                continue
            words = parts[2].split()
            if 1 <= len(words) <= 5 and all(word[:1].isupper() for word in words):
                alias = alias_of(" ".join(words), " ".join(words))
                if parse_name(alias.name).kind == PERSON:
                    articles[alias].add(document)
    return articles


def test_the_gold_sources_of_polnear_group_without_mixing_people():
    from collections import defaultdict

    from provenance.people import may_be_one_person, parsed_alias

    articles = gold_source_names()
    blocks: dict[str, list[Alias]] = defaultdict(list)
    for alias in articles:
        blocks[block_of(alias.name)].append(alias)
    groups = {}
    for aliases in blocks.values():
        for group in group_names(aliases, lambda group: len(set().union(*(articles[a] for a in group))) >= 3):
            groups[group.name] = group
            full = [alias for alias in group.aliases if parsed_alias(alias).given]
            for first, second in itertools.combinations(group.aliases, 2):
                if parsed_alias(first).given or parsed_alias(second).given:
                    assert may_be_one_person(parsed_alias(first), parsed_alias(second)), (first, second)
            assert group.kind != PERSON or full
    assert len(articles) > 1000 and len(groups) < len(articles)
    # the surnames of several people printed alone stay speakers of their own
    for surname in ("Clinton", "Trump", "Bush", "Obama"):
        assert groups[surname].kind == SURNAME, surname
    # titles, possessives and middle initials are one person
    assert {a.name for a in groups["Loretta Lynch"].aliases} >= {
        "Attorney General Loretta E. Lynch", "Loretta Lynch", "Lynch"
    }
    assert {a.name for a in groups["Barack Obama"].aliases} == {"Barack Obama", "President Barack Obama"}
    assert "Bill Clinton" in groups and "Hillary Clinton" in groups


# --- A suffix, and the sex an article gives a surname elsewhere -----------------------------------


def suffix_grouping(names: list[str | Alias], established: set[str] | str = "all", apart: bool = False):
    """canonical name -> names, with `apart` the answer to 'is the suffixed name printed as another person?'."""
    aliases = [name if isinstance(name, Alias) else Alias(name) for name in names]
    groups = group_names(
        aliases,
        lambda group: established == "all" or all(alias.name in established for alias in group),
        lambda suffixed, plain: apart,
    )
    return {group.name: {alias.name + (f"/{alias.gender}" if alias.gender else "") for alias in group.aliases}
            for group in groups}


SUFFIX_RULES = [
    (
        "a name with Jr. joins the one person without it that fits, under the ordinary name",
        ["Joseph R. Kessington Jr.", "Joe Kessington", Alias("Kessington", "m")], "all", False,
        {"Joe Kessington": {"Joseph R. Kessington Jr.", "Joe Kessington", "Kessington/m"}},
    ),
    (
        "printed as two people (the father named in the son's article): two speakers",
        ["Joseph R. Kessington Jr.", "Joe Kessington"], "all", True,
        {"Joe Kessington": {"Joe Kessington"}, "Joseph R. Kessington Jr.": {"Joseph R. Kessington Jr."}},
    ),
    (
        "a Jr. printed in fewer than three articles joins no one",
        ["Joseph R. Kessington Jr.", "Joe Kessington"], {"Joe Kessington"}, False,
        {"Joe Kessington": {"Joe Kessington"}, "Joseph R. Kessington Jr.": {"Joseph R. Kessington Jr."}},
    ),
    (
        "a Sr. printed too: the name without a suffix may be either, and nothing joins",
        ["Edmund Kessington Jr.", "Edmund Kessington Sr.", "Edmund Kessington"], "all", False,
        {"Edmund Kessington": {"Edmund Kessington"}, "Edmund Kessington Jr.": {"Edmund Kessington Jr."},
         "Edmund Kessington Sr.": {"Edmund Kessington Sr."}},
    ),
    (
        "two people without a suffix fit the Jr.: it joins neither",
        ["Edmund Kessington Jr.", "Edmund Kessington", "Edmund P. Kessington", "Edmund Q. Kessington"], "all", False,
        {"Edmund Kessington": {"Edmund Kessington"}, "Edmund Kessington Jr.": {"Edmund Kessington Jr."},
         "Edmund P. Kessington": {"Edmund P. Kessington"}, "Edmund Q. Kessington": {"Edmund Q. Kessington"}},
    ),
    (
        "another first name is another person, suffix or not",
        ["Edmund Kessington Jr.", "Walter Kessington"], "all", False,
        {"Edmund Kessington Jr.": {"Edmund Kessington Jr."}, "Walter Kessington": {"Walter Kessington"}},
    ),
]


@pytest.mark.parametrize(("why", "names", "established", "apart", "expected"), SUFFIX_RULES,
                         ids=[rule[0] for rule in SUFFIX_RULES])
def test_a_suffix_splits_no_one_printed_as_one_person(why, names, established, apart, expected):
    for order in itertools.islice(itertools.permutations(names), 24):
        assert suffix_grouping(list(order), established, apart) == expected


def test_without_evidence_read_a_suffix_keeps_two_names_apart():
    assert grouping(["Joseph R. Kessington Jr.", "Joe Kessington"]) == {
        "Joe Kessington": {"Joe Kessington"}, "Joseph R. Kessington Jr.": {"Joseph R. Kessington Jr."}
    }


SUFFIX_PAGES = {
    "k1": "Mill vote\n\"The mill stays open through the winter,\" said Joseph R. Kessington Jr., the mayor.",
    "k2": "Mayor on the mill\n\"Every mill worker keeps a job until March,\" Joseph R. Kessington Jr. said.",
    "k3": "Mill budget\n\"We found the money for the mill roof,\" Joseph R. Kessington Jr. said on Monday.",
    "k4": "Mayor speaks\n\"The bridge tolls end in April,\" Joe Kessington said.",
    "k5": "Tolls\n\"No driver pays a toll after the spring,\" Joe Kessington said.",
    "k6": "Bridge\n\"The bridge repairs finish a month early,\" Joe Kessington said.",
}


def import_texts(db: sqlite_utils.Database, tmp_path: Path, texts: dict[str, str], name: str) -> None:
    path = tmp_path / f"{name}.jsonl"
    path.write_text("".join(
        json.dumps({"url": f"https://millbrook.example/{code}", "published": f"2026-04-0{number + 1}T08:00:00Z",
                    "title": text.split("\n", 1)[0], "text": text}) + "\n"
        for number, (code, text) in enumerate(texts.items())
    ), encoding="utf-8")
    import_paths(db, [path], workers=1)


def test_a_mayor_printed_with_and_without_jr_is_one_person_unless_an_article_prints_both(tmp_path):
    db = new_db(tmp_path / "news.db")
    import_texts(db, tmp_path, SUFFIX_PAGES, "mill")
    assert people_state(db)["counts"] == [("Joe Kessington", PERSON, 6)]
    # the Jr.'s own article names an Joe Kessington too: father and son, two speakers
    father = {"k7": "Family firm\n\"My father built this mill,\" Joseph R. Kessington Jr. said of Joe Kessington, 81."}
    import_texts(db, tmp_path, father, "father")
    assert {name for name, _, _ in people_state(db)["counts"]} == {"Joe Kessington", "Joseph R. Kessington Jr."}
    whole = new_db(tmp_path / "whole.db")
    import_texts(whole, tmp_path, {**father, **SUFFIX_PAGES}, "all")
    assert people_state(whole) == people_state(db)


SEX_PAGES = {
    "h1": "Library\n\"The library opens on Sundays from May,\" Helen Quillfeather said.",
    "h2": "Reading room\n\"Every school gets a reading room,\" Helen Quillfeather said.",
    "h3": "Archive\n\"The town archive goes online this year,\" Helen Quillfeather said.",
    "u1": "Shipyard\n\"The shipyard will hire two hundred welders by the autumn,\" Tobias Quillfeather said.",
    "u2": "Welders\n\"Apprentices will be paid from the first week of training,\" Tobias Quillfeather said.",
    "u3": "Shipyard orders\n\"Three trawlers are already on the order book,\" Tobias Quillfeather said.",
    "x1": "Who said it\n\"Nobody in this town trusts the harbour accounts any more,\" Quillfeather said.",
}


def test_a_surname_printed_without_a_sex_takes_the_one_its_article_gives_elsewhere(tmp_path):
    db = new_db(tmp_path / "news.db")
    import_texts(db, tmp_path, SEX_PAGES, "first")
    # printed 'Quillfeather said' in an article that gives no sex: Helen or Tobias, a surname of its own
    assert db.execute("select speaker from quotes where text like 'Nobody in this town%'").fetchone()[0] == "Quillfeather"
    later = {"x1": SEX_PAGES["x1"] + "\n\"The auditors left in March,\" he added."}
    import_texts(db, tmp_path, later, "edit")
    # the same article has him speaking as 'he': both printings are the one man of that surname
    assert db.execute(
        "select distinct p.name from quote_occurrences o join people p on p.id = o.person_id "
        "join articles a on a.id = o.article_id where a.url like '%/x1'"
    ).fetchall() == [("Tobias Quillfeather",)]
    assert db.execute("select count(*) from people where kind = 'surname'").fetchone()[0] == 0
    whole = new_db(tmp_path / "whole.db")
    import_texts(whole, tmp_path, {**SEX_PAGES, **later}, "whole")
    assert people_state(whole) == people_state(db)
    trace_all(db)
    assert people_state(whole) == people_state(db)
