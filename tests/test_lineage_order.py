"""Lineage does not depend on import order: carriers of the same time are taken in the order of their URLs, never of their ids."""

from __future__ import annotations

import json
import re
from pathlib import Path
from unittest.mock import ANY

import pytest
import sqlite_utils

from db import ensure_db_shape, open_db
from provenance.lineage import (
    LISTENER_RE, TIME_RE, Carrier, ClusterTracer, Context, parse_time, said_elsewhere, scene_occasion,
)
from provenance.pipeline import import_paths, trace_all
from tests.lineage_story import QUOTE, one_lineage, origin_of, small_db

ALTERED = "Harbour cranes will stand idle until the council agrees a fair price for the whole site."

Row = tuple[str, str, str, str | None, str | None, str]  # name, outlet key, kind, time key, precision, wording


def traced_in_order(rows: list[Row], order: str, **evidence) -> tuple[dict, tuple]:
    """(one_lineage, origin_of) after saving the articles in this order ("listed" or "reversed"): their ids follow it."""
    db = sqlite_utils.Database(memory=True)
    ensure_db_shape(db)
    ids = small_db(db, rows if order == "listed" else rows[::-1], **evidence)
    return one_lineage(db, ids), origin_of(db, ids)


def day(name: str, outlet: str, wording: str = QUOTE, date: str = "2026-05-02") -> Row:
    """An article dated by its day only."""
    return (name, outlet, "newspaper", date, "date", wording)


def at(name: str, outlet: str, moment: str, wording: str = QUOTE) -> Row:
    """An article with a time to the minute."""
    return (name, outlet, "newspaper", moment, "minute", wording)


# (rows in the order of their URLs, evidence, lineage, origin); each is saved in that order and reversed
CASES = {
    # two outlets print it on one day, a third days later: the most recent earlier article of the
    # day is the one whose URL sorts last, and the public statement is named by the one sorting first
    "most recent earlier of one day": (
        [day("a1", "alpha"), day("b1", "beta"), at("c1", "gamma", "2026-05-05T08:00:00Z")],
        {},
        {"a1": (None, "origin"), "b1": (None, "origin"), "c1": ("b1", "earlier")},
        ("alpha", "a1", "public_statement"),
    ),
    # a credit to an outlet with two articles of the same day leads to the one whose URL sorts first
    "credited outlet's earliest article": (
        [day("b1", "beta"), day("b2", "beta"), at("c1", "gamma", "2026-05-05T08:00:00Z")],
        {"credits": [("c1", "beta", "according_to")]},
        {"b1": (None, "origin"), "b2": (None, "origin"), "c1": ("b1", "credit")},
        ("beta", "b1", "exclusive"),
    ),
    # one outlet's two first-hand articles of one day: the origin is the one whose URL sorts first
    "tied roots of one outlet": (
        [day("b1", "beta"), day("b2", "beta")],
        {},
        {"b1": (None, "origin"), "b2": (None, "origin")},
        ("beta", "b1", "exclusive"),
    ),
    # a text reusing two articles of one day as much: the one whose URL sorts first
    "reuse of two articles of one day": (
        [day("a1", "alpha"), day("b1", "beta"), at("r1", "rho", "2026-05-03T08:00:00Z")],
        {"reuse": [("r1", "a1", 0.9), ("r1", "b1", 0.9)]},
        {"a1": (None, "origin"), "b1": (None, "origin"), "r1": ("a1", "reuse")},
        ("alpha", "a1", "public_statement"),
    ),
    # the same altered wording printed by two outlets on one day: the most recent is the one whose
    # URL sorts last
    "the same alteration printed on one day": (
        [
            at("a1", "alpha", "2026-05-01T06:00:00Z"), at("a2", "alpha", "2026-05-01T07:00:00Z"),
            at("a3", "alpha", "2026-05-01T08:00:00Z"),
            day("m1", "mu", ALTERED), day("n1", "nu", ALTERED), at("p1", "pi", "2026-05-04T08:00:00Z", ALTERED),
        ],
        {},
        {
            "a1": (None, "origin"), "a2": ("a1", "earlier"), "a3": ("a2", "earlier"),
            "m1": ("a3", "earlier"), "n1": ("a3", "earlier"), "p1": ("n1", "mutation"),
        },
        ("alpha", "a1", "exclusive"),
    ),
}


@pytest.mark.parametrize("order", ["listed", "reversed"])
@pytest.mark.parametrize("case", list(CASES))
def test_carriers_of_the_same_time_are_taken_in_the_order_of_their_urls(case, order):
    rows, evidence, lineage, origin = CASES[case]
    assert traced_in_order(rows, order, **evidence) == (lineage, origin)


# --- A credited outlet's article of the story -------------------------------------------------

REGISTRY = "key,name,aliases,domains,kind,country,language\ngamma,Gamma Gazette,,gamma.example,newspaper,GB,en\n"
SALE = "The board has not yet seen a single bid that covers the debts of the harbour terminal."
LEAD = "The port board will sell the harbour terminal, according to the Gamma Gazette."
CREDITING = (
    "https://alpha.example/cranes", "Alpha Times", "2026-05-01T09:00:00Z",
    f'{LEAD}\n\n"{QUOTE}" Ines Kowal said on Monday.\n\nThe port board meets again in June.',
)
# the Gazette's article of another story, the next day
FERRIES = (
    "https://gamma.example/ferries", "Gamma Gazette", "2026-05-02T09:00:00Z",
    '"The ferry timetable will not change before the autumn," Dan Orrin said.\n\nPassengers were relieved.',
)
# the crediting article prints a quote of the Gazette's story too, and one the Gazette does not
CREDITING_BOTH = (
    "https://alpha.example/cranes", "Alpha Times", "2026-05-01T09:00:00Z",
    f'{LEAD}\n\n"{SALE}" Ruth Amsel said.\n\n"{QUOTE}" Ines Kowal said on Monday.\n\nThe board meets in June,'
    " when members expect offers from shipping lines.",  # its own words: under the reuse bar (0.625) of the story
)
SALE_STORY = (
    "https://gamma.example/terminal-sale", "Gamma Gazette", "2026-05-01T07:00:00Z",
    "The port board is to sell the harbour terminal, its chair told members in a letter seen by the Gazette."
    f'\n\n"{SALE}" Ruth Amsel said.\n\nA vote is due in June, after two public meetings at the town hall.'
    "\n\nThe terminal has lost money for six years, and its cranes have stood idle since the winter storms.",
)
# the crediting article links to the Gazette's story, and shares no quote with it
LINKING = (
    "https://alpha.example/cranes", "Alpha Times", "2026-05-01T09:00:00Z",
    f"<html><body><article><p>{LEAD}</p><p>\u201c{QUOTE}\u201d Ines Kowal said on Monday.</p>"
    f'<p>The board chair <a href="{SALE_STORY[0]}">set out the sale to members</a> last week.</p></article></body></html>',
)
# the crediting article names the person the Gazette's story quotes, and shares no quote with it
NAMING = (
    "https://alpha.example/cranes", "Alpha Times", "2026-05-01T09:00:00Z",
    f'{LEAD}\n\n"{QUOTE}" Ines Kowal said on Monday.\n\nBoard chair Ruth Amsel did not comment.',
)
SALE_STORY_DAYS_LATER = (*SALE_STORY[:2], "2026-05-06T07:00:00Z", SALE_STORY[3])

CREDIT_STANDS = (
    "credit", "Gamma Gazette", None,
    'story-level credit (according_to "according to") to Gamma Gazette; source: Gamma Gazette, whose articles'
    " here do not tell this story, so the source has no article here",
)


def not_applicable(evidence: str) -> tuple:
    return (
        "origin", None, None,
        "first-hand: no credit, link, reuse or earlier article carrying the quote; not applicable: according_to"
        " credit to Gamma Gazette: Gamma Gazette's article of this story, article # (Gamma Gazette, 2026-05-01"
        f" 07:00 UTC; {evidence}), does not carry the quote",
    )


# (pages, lineage of the crediting article's printing of QUOTE: evidence, source outlet, source URL, reason)
STORIES = {
    # the Gazette's only article here is another story: its telling of this one is outside the database
    "another story": ([CREDITING, FERRIES], CREDIT_STANDS),
    "the story with another quote": (
        [CREDITING_BOTH, SALE_STORY], not_applicable("it prints another quote this article prints"),
    ),
    "the story it links to": ([LINKING, SALE_STORY], not_applicable("this article links to it")),
    # a person named, or the same quote printed five days later, is no sign of one story
    "a person it names quoted the same day": ([NAMING, SALE_STORY], CREDIT_STANDS),
    "the same quote days later": ([CREDITING_BOTH, SALE_STORY_DAYS_LATER], CREDIT_STANDS),
}


def write_pages(path: Path, pages: list[tuple[str, str, str, str]]) -> Path:
    path.write_text(
        "".join(
            json.dumps({"url": url, "outlet": outlet, "published": published, ("html" if text[0] == "<" else "text"): text})
            + "\n"
            for url, outlet, published, text in pages
        ),
        encoding="utf-8",
    )
    return path


def printing_lineage(db: sqlite_utils.Database) -> set[tuple]:
    """(article URL, wording, evidence, source outlet, source article URL, reason) of every printing.

    Article ids in reasons are written '#': they follow the order of imports.
    """
    return {
        (*row[:5], re.sub(r"article \d+ ", "article # ", row[5]))
        for row in db.execute(
            """select a.url, o.text, l.evidence, so.name, sa.url, l.reason from lineage l
            join quote_occurrences o on o.id = l.occurrence_id join articles a on a.id = o.article_id
            left join outlets so on so.id = l.source_outlet_id left join articles sa on sa.id = l.source_article_id"""
        )
    }


@pytest.mark.parametrize("order", ["listed", "reversed"])
@pytest.mark.parametrize("case", list(STORIES))
def test_a_credited_outlet_is_a_source_outside_unless_its_article_of_the_story_is_here(tmp_path, case, order):
    pages, expected = STORIES[case]
    registry = tmp_path / "outlets.csv"
    registry.write_text(REGISTRY, encoding="utf-8")
    traced = open_db(tmp_path / "traced.db")
    import_paths(traced, [write_pages(tmp_path / "all.jsonl", pages)], extra_registry=[registry], workers=1)
    trace_all(traced)
    lineage = printing_lineage(traced)
    assert {row[2:] for row in lineage if row[:2] == (pages[0][0], QUOTE)} == {expected}
    # one article at a time, in either order: the same rows as a trace of the whole
    imported = open_db(tmp_path / "imported.db")
    for number, page in enumerate(pages if order == "listed" else pages[::-1]):
        import_paths(imported, [write_pages(tmp_path / f"part{number}.jsonl", [page])], extra_registry=[registry], workers=1)
    assert printing_lineage(imported) == lineage


# --- The same text printed twice on one day ---------------------------------------------------

REPRINTED = (
    "The port board voted on Tuesday to sell the harbour terminal to a private operator after months of debate. "
    "Dockers gathered before dawn outside the container gates while managers counted empty berths along the"
    f' northern quay. "{QUOTE}" Ines Kowal said. The sale must still be approved by the full council, which meets'
    " again in June to consider the bids from three operators. Union leaders said they would fight the plan in the"
    " courts and at the ballot box if the council approved it."
)
REPRINTS = [
    ("https://alpha.example/terminal", "Alpha Times", "2026-05-02", REPRINTED),
    ("https://beta.example/terminal", "Beta Herald", "2026-05-02", REPRINTED),
]


@pytest.mark.parametrize("parts", [[[0], [1]], [[1], [0]]], ids=["in URL order", "reversed"])
def test_one_text_printed_twice_on_one_day_has_the_same_origin_in_either_import_order(tmp_path, parts):
    # which copies which is read from the texts, equal both ways: the URL sorting first is the source
    db = open_db(tmp_path / "imported.db")
    for number, indexes in enumerate(parts):
        import_paths(db, [write_pages(tmp_path / f"part{number}.jsonl", [REPRINTS[i] for i in indexes])], workers=1)
    assert {row[:5] for row in printing_lineage(db)} == {
        ("https://alpha.example/terminal", QUOTE, "origin", None, None),
        ("https://beta.example/terminal", QUOTE, "reuse", "Alpha Times", "https://alpha.example/terminal"),
    }
    assert db.execute(
        "select a.url, q.origin_kind from quotes q join articles a on a.id = q.origin_article_id"
    ).fetchall() == [("https://alpha.example/terminal", "exclusive")]


# --- A story credit and a quotation the article plainly had elsewhere -------------------------

ON_AIR = "the only way to keep the cranes working."
PRIVATE = "circling the harbour like gulls."
ELSEWHERE = (
    "https://alpha.example/charter", "Alpha Times", "2026-05-01T09:00:00Z",
    f'{LEAD}\n\n"{QUOTE}" Ines Kowal said on Monday.'
    "\n\nThe Beta Herald made the same case in March, and the Alpha Times responded:"
    '\n\n"The board must publish every bid it has received before any vote on the terminal."'
    '\n\nThe board would break the only clause the founders wrote into the harbour Constitution "for all time."'
    '\n\nA placard outside the gates read: "Our cranes, our harbour, our jobs."'
    '\n\nKowal told radio host Lena Voss on Tuesday that the vote was "a formality."'
    f'\n\nKowal told the board’s deputy chair Tomas Brill that the buyers were "{PRIVATE}"'
    '\n\nAmsel told Kowal at the harbour debate that the board was "asleep at the wheel."'
    "\n\nOn Tuesday Ruth Amsel was a guest on Gamma Gazette Radio's Harbour Hour."
    f'\n\nAmsel told host Piet Lund the sale was "{ON_AIR}"'
    '\n\nAt a dockers’ rally on Sunday, Kowal called the sale "a fire sale of our harbour."'
    '\n\nEarlier this week Amsel said the board had "run out of patience with the council."'
    '\n\nKowal wrote on Truth Social that the bids were "worth less than the cranes."'
    '\n\nIn an interview with the Gamma Gazette last week, Amsel said the vote was "overdue."'
    '\n\n"Not one crane leaves this harbour," Kowal said at a rally in Eastport, her third this month.'
    '\n\n"The board has no buyer," Amsel said in a statement on Friday. "It has a wish list and a deadline."'
    '\n\n"We will sell to the highest bidder," Amsel said in an interview with the Gamma Gazette at the rally.'
    '\n\nThe port board meets again in June, and Kowal said she would be there.',
)
STORY_CREDIT = (
    'story-level credit (according_to "according to") to Gamma Gazette; source: Gamma Gazette, never crawled,'
    " so the source has no article here"
)


@pytest.mark.parametrize(
    "wording, why",
    [
        # words of the crediting article's own outlet
        (
            "The board must publish every bid it has received before any vote on the terminal.",
            "words of the article's own outlet, Alpha Times",
        ),
        # a document's words
        ("for all time.", 'a document\'s words ("Constitution")'),
        ("Our cranes, our harbour, our jobs.", 'a document\'s words ("placard outside the gates read")'),
        # words its own sentence says were told to another listener
        (
            "a formality.",
            'words told to another listener ("told radio host Lena Voss on Tuesday that the vote was")',
        ),
        # words its own sentence places at a public occasion, where anyone may have heard them, or at an earlier time
        ("a fire sale of our harbour.", 'words said at a public occasion ("At a dockers’ rally")'),
        ("asleep at the wheel.", 'words said at a public occasion ("at the harbour debate")'),  # told a person there
        ("run out of patience with the council.", 'words said at an earlier time ("Earlier this week")'),
        ("worth less than the cranes.", 'words said at a public occasion ("on Truth Social")'),
        # ... or its attribution after it does, up to the end of that clause
        ("Not one crane leaves this harbour,", 'words said at a public occasion ("at a rally")'),
        # ... or its attribution between the parts of a quotation printed in two
        ("The board has no buyer, It has a wish list and a deadline.", 'words said at a public occasion ("in a statement")'),
    ],
)
def test_a_story_credit_does_not_take_a_quotation_the_article_had_elsewhere(tmp_path, wording, why):
    registry = tmp_path / "outlets.csv"
    registry.write_text(REGISTRY, encoding="utf-8")
    db = open_db(tmp_path / "traced.db")
    import_paths(db, [write_pages(tmp_path / "all.jsonl", [ELSEWHERE])], extra_registry=[registry], workers=1)
    trace_all(db)
    lineage = {row[1]: row[2:] for row in printing_lineage(db)}
    assert lineage[QUOTE][:2] == ("credit", "Gamma Gazette")  # the lead credit still takes Kowal's words
    assert lineage[QUOTE][3].startswith(STORY_CREDIT)
    assert lineage[ON_AIR][0] == "credit"  # the host a credit for words said on the outlet names may be its
    # words told in private: the outlet credited for its reporting may have had them from the hearing
    assert lineage[PRIVATE][:2] == ("credit", "Gamma Gazette")
    assert lineage["overdue."][:2] == ("credit", "Gamma Gazette")  # an interview of its own, last week
    assert lineage["We will sell to the highest bidder,"][:2] == ("credit", "Gamma Gazette")  # its interview, at a rally
    assert lineage[wording][:3] == ("origin", None, None)
    assert lineage[wording][3].startswith(
        "first-hand: no credit, link, reuse or earlier article carrying the quote; not applicable: according_to"
        f" credit to Gamma Gazette: the article had the quote elsewhere ({why})"
    )


# the Gazette heard Kowal's words, not those she told the board’s deputy chair
TOLD_GAZETTE = (
    "https://alpha.example/deputy", "Alpha Times", "2026-05-01T09:00:00Z",
    "Ines Kowal told the Gamma Gazette on Monday that the port board will sell the harbour terminal."
    f'\n\n"{QUOTE}" Kowal said.'
    f'\n\nKowal told the board’s deputy chair Tomas Brill that the buyers were "{PRIVATE}"'
    "\n\nThe port board meets again in June.",
)


def test_a_credit_for_words_told_to_the_outlet_does_not_take_words_told_to_a_private_hearer(tmp_path):
    registry = tmp_path / "outlets.csv"
    registry.write_text(REGISTRY, encoding="utf-8")
    db = open_db(tmp_path / "traced.db")
    import_paths(db, [write_pages(tmp_path / "all.jsonl", [TOLD_GAZETTE])], extra_registry=[registry], workers=1)
    trace_all(db)
    lineage = {row[1]: row[2:] for row in printing_lineage(db)}
    assert lineage[QUOTE][:2] == ("credit", "Gamma Gazette")
    assert lineage[PRIVATE][:3] == ("origin", None, None)
    assert lineage[PRIVATE][3].endswith(
        "not applicable: told credit to Gamma Gazette: the article had the quote elsewhere"
        ' (words told to another listener ("told the board’s deputy chair Tomas Brill that the buyers were"))'
    )


TOLD_VOSS = ('words told to another listener ("told Lena Voss that it was")', "Lena Voss that it was ")


@pytest.mark.parametrize(
    "before, after, cue, outlets, told, reported",
    [
        # a private hearer: a person, an official; the outlet credited for its reporting may have had the words
        ("Kowal told Lena Voss that it was ", "", None, (), TOLD_VOSS, None),
        ("Kowal told his aide that it was ", "", None, (), ANY, None),
        ("Kowal told her aide that it was ", "", None, (), (  # "her" the possessive, not the one told
            'words told to another listener ("told her aide that it was")', "her aide that it was ",
        ), None),
        ("Kowal told her husband on Monday that it was ", "", None, (), (
            'words told to another listener ("told her husband on Monday that it was")', "her husband on Monday that it was ",
        ), None),
        ("Kowal told her that it was ", "", None, (), None, None),  # ... "her" the one told, who may be the outlet's
        ("Kowal told her privately it was ", "", None, (), None, None),
        ("Kowal told her one day that it was ", "", None, (), None, None),
        ("Kowal told a harbour board official that it was ", "", None, (), ANY, None),
        ("Kowal told the port police that it was ", "", None, (), ANY, None),
        # ... but not one who puts words out: an outlet by name, or by its news word, a host, a medium
        ("Kowal told Lena Voss that it was ", "", None, ("Lena Voss",), TOLD_VOSS, TOLD_VOSS),
        ("Kowal told Lena Vossberg that it was ", "", None, ("The Voss",), ANY, None),  # a name holding an outlet's
        ("Kowal told the Beta Herald that it was ", "", None, (), ANY, ANY),
        ("Kowal told radio host Lena Voss that it was ", "", None, (), ANY, ANY),
        ("Kowal told Harbour FM's morning show that it was ", "", None, (), ANY, ANY),
        # ... nor a name the tracker does not know that the sentence shows is an outlet: a domain, an interview or its
        # programme, an apposition saying what it is; a person described, or told on the telephone, is a private hearer
        ("Kowal told Kestrel.com that it was ", "", None, (), ANY, ANY),
        ("Kowal told Kestrel in an interview that it was ", "", None, (), ANY, ANY),
        ("Kowal told Kestrel on its podcast that it was ", "", None, (), ANY, ANY),
        ("Kowal told the Kestrel newsletter that it was ", "", None, (), ANY, ANY),
        ("Kowal told Kestrel, a news site in Eastport, that it was ", "", None, (), ANY, (
            'words told to another listener ("told Kestrel")', "Kestrel",
        )),
        ("Kowal told Lena Voss, a harbour pilot, that it was ", "", None, (), ANY, None),
        ("Kowal told Lena Voss, a reporter for the paper, that it was ", "", None, (), ANY, None),
        ("Kowal told Lena Voss, the paper's owner, that it was ", "", None, (), ANY, None),
        ("Kowal told Lena Voss in a phone call that it was ", "", None, (), ANY, None),
        # ... nor an audience
        ("Kowal told her supporters that it was ", "", None, (), ANY, ANY),
        ("Kowal told the dockers' conference that it was ", "", None, (), ANY, ANY),
        ("Kowal told the debate audience that it was ", "", None, (), ANY, ANY),
        ("Kowal told a town-hall meeting in Eastport that it was ", "", None, (), ANY, ANY),
        ("Kowal told a public meeting of dockers that it was ", "", None, (), ANY, ANY),
        ("Kowal told a meeting of the board that it was ", "", None, (), ANY, None),  # a meeting alone may be private
        # ... nor people who gathered to hear her, where the press may be, nor lawmakers, as at a hearing: an audience
        # heard her in public
        ("Kowal told the harbour masters who gathered in Eastport that it was ", "", None, (), ANY, (
            'words said at a public occasion ("told the harbour masters who gathered in Eastport that it was")',
            "the harbour masters who gathered in Eastport that it was ",
        )),
        ("Kowal told the senators in the council chamber that it was ", "", None, (), ANY, (
            'words said at a public occasion ("told the senators in the council chamber that it was")',
            "the senators in the council chamber that it was ",
        )),
        # ... but a group told in a closed meeting, or one's colleagues, heard her in private
        ("Kowal told lawmakers privately that it was ", "", None, (), ANY, None),
        ("Kowal told the port board's delegates at a closed-door lunch that it was ", "", None, (), ANY, None),
        ("Kowal told her colleagues on the port board that it was ", "", None, (), ANY, None),
        ("Kowal told reporters at a rally that the board met privately, calling it ", "", None, (), (  # the told words' own
            'words said at a public occasion ("at a rally")', "",
        ), ('words said at a public occasion ("at a rally")', "")),
        # a private hearer at a public occasion: the occasion
        ("Kowal told Amsel at the harbour debate that it was ", "", None, (), ANY, (
            'words said at a public occasion ("at the harbour debate")', "",
        )),
        ("", '," Kowal told the board’s deputy chair at a rally.', "told", (), None, ('words said at a public occasion ("at a rally")', "")),
        ("With a tweet of the harbour flag, Kowal told the mayor that it was ", "", None, (), ANY, (
            'words said at a public occasion ("With a tweet")', "",
        )),
    ],
)
def test_said_elsewhere_for_a_credit_to_the_outlets_reporting_reads_a_private_hearer(
    before, after, cue, outlets, told, reported
):
    assert said_elsewhere(before, "Ines Kowal", "Alpha Times", after, cue, outlets=outlets) == told
    assert said_elsewhere(before, "Ines Kowal", "Alpha Times", after, cue, reporting=True, outlets=outlets) == reported


@pytest.mark.parametrize(
    "before, hearer",
    [
        # one told, or spoken to or with: a person, people, a name, a pronoun
        ("Kowal spoke with her counterpart Lena Voss, calling it ", "her counterpart Lena Voss"),
        ("Kowal spoke to dock workers in Eastport, calling it ", "dock workers in Eastport"),
        ("Kowal told one harbour pilot that it was ", "one harbour pilot that it was "),
        ("Kowal told the story to her aide, calling it ", "her aide"),  # ... after what was told them
        ("Kowal told the same old tale to one harbour pilot, calling it ", "one harbour pilot"),
        # ... past a number's comma, up to the mark opening the next sentence's quotation ("''" in some papers' style)
        ("Kowal told 1,300 dockers in Eastport, calling it ", "1,300 dockers in Eastport"),
        ("''It stays,'' Kowal told one pilot in Eastport. ''It is ", "one pilot in Eastport. "),
        # ... not what was told, nor one who told, nor "telling" the adjective
        ("Kowal tells the story of how the board came to call the port ", None),
        ("Kowal told the story to herself, calling it ", None),
        ("Kowal told the old harbour tale of a ship that was ", None),
        ("Kowal was told by an aide that the port was ", None),
        ("Kowal told about her grandfather who wired, ", None),
        # ... nor oneself, nor one told in the passive, who is the subject
        ("Kowal kept telling herself that the port was ", None),
        ("Kowal spoke to themselves, calling it ", None),
        ("When told Amsel was leaving the board, Kowal called it ", None),
        ("Kowal was told the port was ", None),
        ("The port's most telling promise is that it will be ", None),
        # ... nor a verb or a manner after "to" or "with"
        ("As she spoke to accept the board's nomination, Kowal called it ", None),
        ("Kowal was said to be ", None),
        ("Kowal spoke with pride of the port, calling it ", None),
    ],
)
def test_said_elsewhere_reads_a_listener_only_where_one_is_named(before, hearer):
    expected = hearer and (f'words told to another listener ("{LISTENER_RE.search(before).group().strip()}")', hearer)
    assert said_elsewhere(before, "Ines Kowal", "Alpha Times") == expected


@pytest.mark.parametrize(
    "before, speaker, expected",
    [
        ("Alpha Times replied: ", "Alpha Times", ("words of the article's own outlet, Alpha Times", "")),
        ("Protesters held signs saying ", None, ('a document\'s words ("signs saying")', "")),
        ("The law states that ", None, ('a document\'s words ("The law states that")', "")),
        ("Law enforcement sources have said he said ", "Ines Kowal", None),  # no document: the police
        ("Kowal said the bill ", "Ines Kowal", None),  # her words on a bill
        ("Kowal told radio host Lena Voss that it was ", "Ines Kowal", (
            'words told to another listener ("told radio host Lena Voss that it was")',
            "radio host Lena Voss that it was ",
        )),
        ("Kowal told reporters that it was ", "Ines Kowal", None),  # the credited outlet's, maybe
        # ... not a listener named inside an earlier quotation: the quoted speaker's, whole or begun before the sentence
        ("“I told Lena Voss, this port is ours,” Kowal said when she stood down. “", "Ines Kowal", None),
        ('The port is ours. I told Lena Voss so," Kowal said. "', "Ines Kowal", None),
        ("Kowal said ''I told Lena Voss'' when she stood down. ''", "Ines Kowal", None),
        ('"It is ours," Kowal told Lena Voss. "', "Ines Kowal", (
            'words told to another listener ("told Lena Voss.")', "Lena Voss. ",
        )),
        ("Kowal told the radio show ''Harbour Talk'' that it was ", "Ines Kowal", (  # a title quoted after one is its own
            "words told to another listener (\"told the radio show ''Harbour Talk'' that it was\")",
            "the radio show ''Harbour Talk'' that it was ",
        )),
        ("Kowal told them that it was ", "Ines Kowal", None),
        ("Kowal said it was ", "Ines Kowal", None),
        # ... a mark after a space before a word opens a quotation, even a closing one mis-typed
        ("Kowal told Lena Voss the cranes were ”", "Ines Kowal", (
            'words told to another listener ("told Lena Voss the cranes were")', "Lena Voss the cranes were ",
        )),
        ('Kowal tweeted, "Amsel told the board she was "', "Ines Kowal", ('words said at a public occasion ("tweeted")', "")),
        # ... nor an occasion or a time named inside an earlier quotation: the quoted speaker's words
        ("“I said at the harbour rally that we would win,” Kowal said. “", "Ines Kowal", None),
        ('"I said last week the port was ours," Kowal said. "', "Ines Kowal", None),
        ("We won at the harbour debate,” Kowal said. “", "Ines Kowal", None),
        # a public occasion: a debate, a rally, a press conference, a statement, a post, an earlier time
        ("At the harbour debate on Monday night, Kowal called it ", "Ines Kowal", (
            'words said at a public occasion ("At the harbour debate")', "",
        )),
        ("Kowal told reporters at a press conference that it was ", "Ines Kowal", (
            'words said at a public occasion ("at a press conference")', "",
        )),
        ("In a statement, Kowal said it was ", "Ines Kowal", ('words said at a public occasion ("In a statement")', "")),
        ("Kowal tweeted that it was ", "Ines Kowal", ('words said at a public occasion ("tweeted")', "")),
        ("Kowal said on X that it was ", "Ines Kowal", ('words said at a public occasion ("on X")', "")),
        ("Kowal took to Twitter overnight to call the board ", "Ines Kowal", (
            'words said at a public occasion ("took to Twitter")', "",
        )),
        ("Kowal turned to Facebook last month to say the port was ", "Ines Kowal", (
            'words said at a public occasion ("turned to Facebook")', "",
        )),
        ("Kowal took to social media, writing ", "Ines Kowal", ('words said at a public occasion ("took to social media")', "")),
        ("Kowal posted to YouTube a clip saying ", "Ines Kowal", ('words said at a public occasion ("posted to YouTube")', "")),
        ("Kowal wrote on her blog Harbour Notes that the port was ", "Ines Kowal", (
            'words said at a public occasion ("on her blog")', "",
        )),
        ("Kowal blogged that the port was ", "Ines Kowal", ('words said at a public occasion ("blogged")', "")),
        ("With a tweet of the harbour flag, Kowal called the board ", "Ines Kowal", (
            'words said at a public occasion ("With a tweet")', "",
        )),
        ("Kowal rewarded Amsel with a post on the board, calling her ", "Ines Kowal", None),  # a post held, no post put out
        ("Kowal took to the streets, shouting ", "Ines Kowal", None),
        ("Kowal turned to her brother and said ", "Ines Kowal", None),
        ("Back in 2019 Kowal said it was ", "Ines Kowal", ('words said at an earlier time ("in 2019")', "")),
        ("Kowal said last week that it was ", "Ines Kowal", ('words said at an earlier time ("last week")', "")),
        ("Three weeks ago, at the pier, Kowal said it was ", "Ines Kowal", (
            'words said at an earlier time ("weeks ago")', "",
        )),
        # an earlier time counts only beside the speech verb of the quotation's own clause
        ("Kowal, who left the board last month, said it was ", "Ines Kowal", None),
        ("Kowal said a lawsuit filed in 2019 was ", "Ines Kowal", None),
        ("Kowal joined the board last year and said it was ", "Ines Kowal", None),
        ("Kowal said the mayor's tweets accusing the board of theft were ", "Ines Kowal", None),  # tweets, a noun
        ("Kowal did not address her tweets in which she called the board ", "Ines Kowal", (
            'words said at a public occasion ("tweets")', "",
        )),
        ("Kowal sent tweets early Friday saying the board was ", "Ines Kowal", ('words said at a public occasion ("tweets")', "")),
        ("Kowal moved to the port three weeks ago, her brother added. “", "Ines Kowal", None),
        # ... or the sentence before, when the quotation opens its own with no cue: it goes on with the words that one attributes
        ("The port is hers. Kowal recalled last week. “", "Ines Kowal", ('words said at an earlier time ("last week")', "")),
        ("Earlier this week Kowal, who chaired the port board when it bought the cranes, conceded it was ", "Ines Kowal", (
            'words said at an earlier time ("Earlier this week")', "",
        )),
        ("Kowal said in 2019 that it was ", "Ines Kowal", ('words said at an earlier time ("in 2019")', "")),
        # ... an audience's reaction, where no other occasion is named
        ("Kowal said to cheers that it was ", "Ines Kowal", ('words said at a public occasion ("to cheers")', "")),
        ("Kowal said to cheers from the dockers that it was ", "Ines Kowal", (
            'words said at a public occasion ("to cheers")', "",
        )),
        ("To a roar of laughter, Kowal called the board ", "Ines Kowal", (
            'words said at a public occasion ("To a roar of laughter")', "",
        )),
        ("Kowal, drawing applause, called the board ", "Ines Kowal", ('words said at a public occasion ("drawing applause")', "")),
        ("Kowal, to cheers at a rally, called the board ", "Ines Kowal", (
            'words said at a public occasion ("at a rally")', "",
        )),
        # ... but not a closed meeting, which is private, unless the words were said after or outside it
        ("Kowal said at a closed-door hearing of the port board that it was ", "Ines Kowal", None),
        ("Speaking at a harbour hearing behind closed doors, Kowal called it ", "Ines Kowal", None),
        ("Kowal said in a closed session at the harbour summit that it was ", "Ines Kowal", None),
        ("Kowal told reporters after a closed-door hearing that it was ", "Ines Kowal", (
            'words said at a public occasion ("after a closed-door hearing")', "",
        )),
        ("Kowal told the story to reporters after a closed-door hearing, calling it ", "Ines Kowal", (
            'words said at a public occasion ("after a closed-door hearing")', "",
        )),
        # ... said after one to no one named, they may have been said to the outlet alone
        ("Kowal said after a closed-door hearing that it was ", "Ines Kowal", None),
        ("After a closed-door briefing, Kowal called it ", "Ines Kowal", None),
        # a session or a meeting open to the press or the public is an occasion, a meeting alone is not
        ("Kowal said at a press session that it was ", "Ines Kowal", ('words said at a public occasion ("at a press session")', "")),
        ("Kowal said at a town-hall meeting in Eastport that it was ", "Ines Kowal", (
            'words said at a public occasion ("at a town-hall meeting")', "",
        )),
        ("Kowal said at a town-hall in Eastport that it was ", "Ines Kowal", (
            'words said at a public occasion ("at a town-hall")', "",
        )),
        ("Kowal said at a meeting of the port board that it was ", "Ines Kowal", None),
        ("In a Harbour Post/Eastport FM poll, dockers said they were ", None, None),  # an outlet's poll, no post
        ("Kowal wrote in a Facebook post that it was ", "Ines Kowal", ('words said at a public occasion ("in a Facebook post")', "")),
        # ... or to an account's followers on one, read as its audience (followers alone may be anyone's)
        ("Soon after Amsel was booed, Kowal wrote to her 20,000 Twitter followers, “", "Ines Kowal", (
            'words said at a public occasion ("wrote to her 20,000 Twitter followers")', "",
        )),
        ("The dockers told their Facebook followers that it was ", None, (
            'words said at a public occasion ("told their Facebook followers that it was")', "their Facebook followers that it was ",
        )),
        ("Kowal told her followers that it was ", "Ines Kowal", (
            'words told to another listener ("told her followers that it was")', "her followers that it was ",
        )),
        ("Kowal said in a session with the board that it was ", "Ines Kowal", None),
        ("Kowal said at a rally that the board had met behind closed doors and was ", "Ines Kowal", (  # what was told
            'words said at a public occasion ("at a rally")', "",
        )),
        # ... but not the outlet's own interview, words told to it, nor a statement given to someone
        ("In an interview with the Beta Herald last month, Kowal said ", "Ines Kowal", None),
        ("Kowal told the Beta Herald last week that it was ", "Ines Kowal", (
            'words told to another listener ("told the Beta Herald last week that it was")',
            "the Beta Herald last week that it was ",
        )),
        ("In a statement to the Beta Herald, Kowal said ", "Ines Kowal", None),
        ("said Kowal, in a statement provided by her office. ", "Ines Kowal", None),
        ("In writing her speech, Kowal said it was ", "Ines Kowal", None),
        ("Kowal said the free speech law was ", "Ines Kowal", None),
        ("Kowal said x was ", "Ines Kowal", None),
    ],
)
def test_said_elsewhere_reads_the_quotations_own_sentence(before, speaker, expected):
    assert said_elsewhere(before, speaker, "Alpha Times") == expected


def said_at(named: str) -> str:
    """The reason `said_elsewhere` gives for what it names: a time alone is an earlier time, not a public occasion."""
    return "words said at an earlier time" if TIME_RE.fullmatch(named) else "words said at a public occasion"


@pytest.mark.parametrize(
    "before, after, cue, expected",
    [
        # the attribution after the quotation names the occasion: its cue is there
        ("The port is ", '," Kowal said at a rally in Eastport.', "said", "at a rally"),
        ("", '," she said in a statement on Tuesday.', "said in a statement", "in a statement"),
        ("", '," he tweeted.', "tweeted", "tweeted"),
        # ... a tweet or a post with more than one word before it, not a post-debate interview
        ("", '," Kowal wrote in an early morning tweet on Wednesday.', "wrote", "in an early morning tweet"),
        ("", '," Kowal wrote in a long Sunday Facebook post.', "wrote", "in a long Sunday Facebook post"),
        ("", '," Kowal said in a post-debate interview.', "said", None),
        ("", '," Kowal said in a brief post-debate appearance.', "said", None),
        # ... a time into an occasion, not one heading into it
        ("", '," Kowal said 30 minutes into the debate.', "said", "30 minutes into the debate"),
        ("", '," Kowal said moments into her speech in Eastport.', "said", "moments into her speech"),
        ("", '," Kowal said heading into the debate.', "said", None),
        ("", '," Kowal said going into the rally.', "said", None),
        ("", '," Kowal told a cheering throng of supporters in a rally in Eastport.', "told", "in a rally"),  # an audience
        ("", '," Kowal, who chairs the board, said last week.', "said", "last week"),
        ("", '," she said to applause.', "said", "to applause"),  # an audience's reaction
        ("", '," Kowal said, drawing cheers.', "said", "drawing cheers"),  # ... just after the cue's comma
        ("", '," Kowal said to cheers at a rally in Eastport.', "said", "at a rally"),  # ... where no other is named
        ("", '," Kowal said at a closed-door hearing.', "said", None),  # a closed meeting is private
        ("", '," Kowal said after a closed-door hearing.', "said", None),  # ... after one, to no one named
        ("", '," Kowal told reporters after a closed-door hearing.', "told", "after a closed-door hearing"),
        ("", '." Kowal said at the harbour debate.', "said", "at the harbour debate"),  # the quotation opens its sentence
        # ... past a title or an initial, which ends no sentence
        ("", '," said Sen. Ines Kowal at a news conference.', "said", "at a news conference"),
        ("", '," Mrs. Kowal said in one of her debates with Mr. Amsel.', "said", "in one of her debates"),
        ("", '," said Ines J. Kowal at a rally.', "said", "at a rally"),
        ("", '," said Dr. Kowal. At the rally, she ', "said", None),  # the next sentence is not the cue's
        ("Kowal recalled last week. “", '," she said.', "said", None),  # a cue of its own: not the sentence before
        # ... with the same exclusions: an interview, words told to an outlet, a statement to someone
        ("", '," Kowal said in an interview after the rally.', "said in an interview", None),
        ("", '," Kowal told the Beta Herald after the rally.', "told the Beta Herald", None),
        ("", '," Kowal said in a statement to the Beta Herald.', "said in a statement", None),
        # ... and only the cue's own clause: not the sentence after the quotation's, nor what follows a comma
        ("Kowal said: ", '." Amsel spoke at a rally.', "said", None),
        ("", '," Kowal said. "At the rally we ', "said", None),
        ("", '," Kowal said, wind up in a debate that goes nowhere.', "said", None),
        ("", '," Kowal said, her friend added at the rally.', "said", None),
        ("", '" at a rally, Kowal said.', None, None),  # no cue read: a fragment whose cue was before it
    ],
)
def test_said_elsewhere_reads_the_attribution_after_the_quotation(before, after, cue, expected):
    found = said_elsewhere(before, "Ines Kowal", "Alpha Times", after, cue)
    assert found == (expected and (f'{said_at(expected)} ("{expected}")', ""))


@pytest.mark.parametrize(
    "after, inside, cue, expected",
    [
        # the attribution between the parts of a quotation printed in two names the occasion: its cue is there
        ('." Amsel nodded.', '," Kowal said at a rally in Eastport last week. "', "said", "at a rally"),
        ('."', '," she said in a statement. "', "said in a statement", "in a statement"),
        ('."', '," Kowal said last week, "', "said", "last week"),
        # ... as it does after the quotation, with the same exclusions
        ('."', '," Kowal told the Beta Herald at the rally. "', "told the Beta Herald", None),
        ('."', '," Kowal said in an interview after the debate. "', "said in an interview", None),
        ('."', '," Kowal said, "', "said", None),
        # ... and the attribution after the second part still counts
        ('," Kowal said at a rally.', '." "', "said", "at a rally"),
    ],
)
def test_said_elsewhere_reads_the_attribution_between_the_parts_of_a_quotation(after, inside, cue, expected):
    found = said_elsewhere("", "Ines Kowal", "Alpha Times", after, cue, inside=inside)
    assert found == (expected and (f'{said_at(expected)} ("{expected}")', ""))



# A story credit set aside for a quotation the article had elsewhere credits no one for it: it does
# not turn a same-time reuse pair round towards the credited outlet, nor stop the article from
# being one of the first-hand carriers of a public statement.
TIED_OUTLETS = {1: ("Alpha Wire", "wire"), 2: ("Beta Herald", "newspaper")}


def tied_tracer(carriers: dict[int, int], before: str) -> ClusterTracer:
    """Articles (id -> outlet) printing the quote on one day after `before`, the reuse stage reading Alpha's
    article 1 as reusing Beta's article 2, whose lead credits Alpha for the story."""
    context = Context(TIED_OUTLETS, crawled=set(TIED_OUTLETS))
    context.credits[2] = [(7, 1, "according_to", "according to", "story", 0, None, 40)]
    context.credit_places[7] = (0, False, "The vote was first reported by Alpha Wire, according to")
    context.reuse[1] = [(2, 0.9, "wholly", 0.6)]
    context.reused_by[2] = [(1, 0.9, "wholly", 0.6)]
    return ClusterTracer(99, [
        Carrier(
            article_id, outlet_id, parse_time("2026-05-02", "date"), [(10 * article_id, 300, "x", 1)],
            url=f"https://example.org/{article_id}", befores=[(before, "Ines Kowal")],
            outlet_name=TIED_OUTLETS[outlet_id][0], surnames={"kowal"},
        )
        for article_id, outlet_id in carriers.items()
    ], context)


@pytest.mark.parametrize(
    "carriers, before, sources, origin",
    [
        # the credit set aside leaves the pair as the reuse stage read it: Beta's printing is the original
        ({1: 1, 2: 2}, "Kowal told radio host Lena Voss that the vote was ", {1: 2, 2: None}, (2, 2, "exclusive")),
        # ... and one of two outlets hearing it first-hand that day, with another article of Alpha's
        (
            {1: 1, 2: 2, 3: 1}, "Kowal told radio host Lena Voss that the vote was ", {1: 2, 2: None, 3: None},
            (2, 2, "public_statement"),
        ),
        # a credit that may have heard the words still turns the pair round towards the outlet it credits
        ({1: 1, 2: 2}, "Kowal said the vote was ", {1: None, 2: 1}, (1, 1, "wire")),
    ],
    ids=["told another listener", "with another article of the credited outlet", "said"],
)
def test_a_story_credit_set_aside_for_a_quotation_credits_no_one_for_it(carriers, before, sources, origin):
    tracer = tied_tracer(carriers, before)
    _, found = tracer.trace()
    decisions = tracer.decisions
    assert {
        article_id: decision.source.article_id if decision.source else None for article_id, decision in decisions.items()
    } == sources
    assert found[:3] == origin


@pytest.mark.parametrize(
    "paragraph, anchor, before, taken",
    [
        # a link on one fact mid-story: no source of Kowal's words, though Alpha printed them that day
        (5, "records show", "Kowal said the vote was ", False),
        # a link in the lead naming the outlet credits the story's reporting
        (0, "Alpha Wire", "Kowal said the vote was ", True),
        # ... but not a quotation the article plainly had elsewhere
        (0, "Alpha Wire", "Kowal told radio host Lena Voss that the vote was ", False),
    ],
    ids=["mid-story fact", "lead", "told another listener"],
)
def test_a_link_credit_to_a_same_time_article_is_read_as_a_story_credit(paragraph, anchor, before, taken):
    # Beta's article 2 links to Alpha's article 1, both printing the quote on one day: the link may
    # have the quote from Beta as well, so it counts only where a story credit would, and the cluster's
    # carriers credit Alpha (`acknowledged`) exactly when it does
    context = Context(TIED_OUTLETS, crawled=set(TIED_OUTLETS))
    context.credits[2] = [(8, 1, "link", anchor, "story", 0, None, 400)]
    context.credit_places[8] = (paragraph, False, f"The terminal lost money last year, {anchor}.")
    tracer = ClusterTracer(99, [
        Carrier(
            article_id, outlet_id, parse_time("2026-05-02", "date"), [(10 * article_id, 300, "x", 1)],
            url=f"https://example.org/{article_id}", befores=[(before if article_id == 2 else "", "Ines Kowal")],
            outlet_name=TIED_OUTLETS[outlet_id][0], surnames={"kowal"},
        )
        for article_id, outlet_id in {1: 1, 2: 2}.items()
    ], context)
    tracer.trace()
    decision = tracer.decisions[2]
    assert (decision.evidence, decision.source.article_id if decision.source else None) == (
        ("link", 1) if taken else ("origin", None)
    ), decision.reason
    assert tracer.acknowledged == ({1} if taken else set())
    if not taken:
        assert "link credit to Alpha Wire" in decision.reason


@pytest.mark.parametrize(
    "sentence, kind, reason",
    [
        # the one article carrying the quote says it was said in public: the speaker's public statement
        ("Kowal confirmed on Truth Social that the sale was", "public_statement", (
            'public statement: said at a public occasion ("on Truth Social"), as article # (Alpha Times,'
            " 2026-05-01 09:00 UTC) says, the first here to carry it (the only root); 1 of 1 carrying article traces back to it"
        )),
        ("At a dockers’ rally, Kowal said the sale was", "public_statement", ANY),
        # ... not an earlier time alone, nor words told to one listener, nor a closed meeting
        ("Kowal said last week that the sale was", "exclusive", ANY),
        ("Kowal told her aide that the sale was", "exclusive", ANY),
        ("Kowal said at a closed-door hearing that the sale was", "exclusive", ANY),
    ],
)
def test_a_quote_its_only_article_says_was_said_in_public_is_a_public_statement(tmp_path, sentence, kind, reason):
    page = ("https://alpha.example/sale", "Alpha Times", "2026-05-01T09:00:00Z", f'{sentence} "almost finalized."')
    db = open_db(tmp_path / "traced.db")
    import_paths(db, [write_pages(tmp_path / "all.jsonl", [page])], workers=1)
    origin = db.execute("select o.name, q.origin_kind, q.origin_reason from quotes q join outlets o on o.id = q.origin_outlet_id").fetchall()
    assert [(name, found, re.sub(r"article \d+ ", "article # ", why)) for name, found, why in origin] == [("Alpha Times", kind, reason)]


WIRE_LEAD = "EASTPORT (AP) — Dock workers waited for news of the terminal on a grey morning. "


@pytest.mark.parametrize(
    "text, kind, reason",
    [
        # a wire's copy saying the words were said in public: the wire was one of those who heard them, not their only
        # hearer, so the origin is a public statement (the printing still credits the wire, whose copy it is)
        (WIRE_LEAD + "Mayor Ines Kowal told a crowd of dockers at a rally on Monday: ", "public_statement", (
            'public statement: said at a public occasion ("told a crowd of dockers at a rally on Monday"), as article #'
            " (Beta Post, 2026-05-04 09:00 UTC) says, crediting The Associated Press (not crawled), the first to carry it"
            " (the only root); 1 of 1 carrying article traces back to it"
        )),
        (WIRE_LEAD + "Mayor Ines Kowal said during a debate on Monday: ", "public_statement", ANY),
        # ... not a court's hearing, which the wire's reporter heard for the papers, nor words naming no occasion
        (WIRE_LEAD + "Mayor Ines Kowal told the court on Monday: ", "wire", ANY),
        (WIRE_LEAD + "Mayor Ines Kowal said on Monday: ", "wire", ANY),
        # an outlet's own public occasion, its town hall, with words credited to it: heard by its audience too ...
        ("Dock workers waited for news of the terminal. Mayor Ines Kowal said at a CNN town hall on Monday: ",
         "public_statement", ANY),
        # ... but not words told to it, beside another occasion the sentence names (not the words')
        ("Dock workers waited for news of the terminal. Hours after she tweeted about the terminal, Mayor Ines Kowal"
         " told CNN: ", "exclusive", ANY),
    ],
    ids=["wire copy, a rally", "wire copy, a debate", "wire copy, a court", "wire copy, nothing named",
         "an outlet's town hall", "told an outlet after a tweet"],
)
def test_an_outlet_credited_for_words_its_copy_says_were_said_in_public_is_no_exclusive(tmp_path, text, kind, reason):
    page = ("https://beta.example/sale", "Beta Post", "2026-05-04T09:00:00Z", text + SALE_WORDS)
    db = open_db(tmp_path / "traced.db")
    import_paths(db, [write_pages(tmp_path / "all.jsonl", [page])], workers=1)
    assert db.execute("select evidence from lineage").fetchall() == [("credit",)]
    origin = db.execute(
        "select q.origin_kind, q.origin_reason, q.origin_article_id from quotes q join outlets o on o.id = q.origin_outlet_id"
    ).fetchall()
    assert [(found, re.sub(r"article \d+ ", "article # ", why), article) for found, why, article in origin] == [
        (kind, reason, None)
    ]


@pytest.mark.parametrize(
    "copy, later, kind, reason",
    [
        # an outlet credited for its copy, which names no occasion ("will say", excerpts handed out), and a later article
        # that heard the words first-hand saying where they were said: public, as when the first article here says so
        (WIRE_LEAD + "Mayor Ines Kowal said on Monday: ", "At a dockers’ rally, Kowal said: ", "public_statement", (
            'public statement: said at a public occasion ("At a dockers’ rally"), as article # (Gamma Herald,'
            " 2026-05-06 09:00 UTC) says; the first to carry it is The Associated Press (not crawled) (the earliest of 2"
            " roots); 1 of 2 carrying articles traces back to it"
        )),
        # ... not a court's hearing (a news agency's court report stays the agency's), nor words told to the outlet
        (WIRE_LEAD + "Mayor Ines Kowal said on Monday: ", "Kowal told the court: ", "wire", ANY),
        ("Dock workers waited for news of the terminal. Mayor Ines Kowal told CNN on Monday: ",
         "At a dockers’ rally, Kowal said: ", "exclusive", ANY),
    ],
    ids=["wire copy, a later rally", "wire copy, a later court", "told an outlet, a later rally"],
)
def test_an_outlet_credited_for_its_copy_is_no_exclusive_where_a_later_root_names_a_public_occasion(
    tmp_path, copy, later, kind, reason
):
    pages = [
        ("https://beta.example/sale", "Beta Post", "2026-05-04T09:00:00Z", copy + SALE_WORDS),
        ("https://gamma.example/sale", "Gamma Herald", "2026-05-06T09:00:00Z", "The mayor's race turned on the port again this week, as rival slates traded charges. " + later + SALE_WORDS),
    ]
    db = open_db(tmp_path / "traced.db")
    import_paths(db, [write_pages(tmp_path / "all.jsonl", pages)], workers=1)
    assert db.execute(
        "select a.url, l.evidence from lineage l join quote_occurrences o on o.id = l.occurrence_id"
        " join articles a on a.id = o.article_id order by a.url"
    ).fetchall() == [("https://beta.example/sale", "credit"), ("https://gamma.example/sale", "origin")]
    origin = db.execute("select q.origin_kind, q.origin_reason, q.origin_article_id from quotes q").fetchall()
    assert [(found, re.sub(r"article \d+ ", "article # ", why), article) for found, why, article in origin] == [
        (kind, reason, None)
    ]


SALE_WORDS = '"The sale of the harbour is almost finalized and the cranes stay with the town."'
ALPHA_STORY = "Dock workers in Eastport waited for news of the terminal on a grey morning. Kowal said: " + SALE_WORDS
BETA_STORY = "The mayor's race turned on the port again this week, as rival slates traded charges. {}: " + SALE_WORDS


def trace_pages(tmp_path: Path, pages: list[tuple[str, str, str, str]], url: str):
    """The pages imported and traced: the database and (evidence, source URL, reason) of each printing of `url`."""
    db = open_db(tmp_path / "traced.db")
    import_paths(db, [write_pages(tmp_path / "all.jsonl", pages)], workers=1)
    found = db.execute(
        "select l.evidence, s.url, l.reason from lineage l join quote_occurrences o on o.id = l.occurrence_id"
        " join articles a on a.id = o.article_id left join articles s on s.id = l.source_article_id where a.url = ?",
        [url],
    ).fetchall()
    return db, found


def trace_beta(tmp_path: Path, later: str):
    """Alpha's story, then Beta's, whose sentence before the words is `later`, imported and traced: the database
    and (evidence, source URL, reason) of Beta's printing."""
    pages = [
        ("https://alpha.example/sale", "Alpha Times", "2026-05-01T09:00:00Z", ALPHA_STORY),
        ("https://beta.example/sale", "Beta Post", "2026-05-04T09:00:00Z", BETA_STORY.format(later)),
    ]
    return trace_pages(tmp_path, pages, "https://beta.example/sale")


@pytest.mark.parametrize(
    "later, lineage, kind, reason",
    [
        # days later, another outlet says where the words were said: it heard them there, as anyone could,
        # not from the first article by time alone, and the words were no one's exclusive
        ("At a dockers’ rally, Kowal said", ("origin", None), "public_statement", (
            'public statement: said at a public occasion ("At a dockers’ rally"), as article # (Beta Post,'
            " 2026-05-04 09:00 UTC) says; the first here to carry it is article # (Alpha Times, 2026-05-01 09:00 UTC)"
            " (the earliest of 2 roots); 1 of 2 carrying articles traces back to it"
        )),
        ("In a statement, Kowal said", ("origin", None), "public_statement", ANY),
        # ... not an earlier time alone, nor words told to one listener: the most recent earlier article
        ("Kowal said last week", ("earlier", "https://alpha.example/sale"), "exclusive", ANY),
        ("Kowal told her aide", ("earlier", "https://alpha.example/sale"), "exclusive", ANY),
        ("Kowal said", ("earlier", "https://alpha.example/sale"), "exclusive", ANY),
    ],
    ids=["rally", "statement", "earlier time", "private hearer", "nothing named"],
)
def test_a_later_article_naming_a_public_occasion_heard_the_words_there(tmp_path, later, lineage, kind, reason):
    db, found = trace_beta(tmp_path, later)
    assert [row[:2] for row in found] == [lineage]
    if lineage[0] == "origin":
        assert found[0][2].startswith("first-hand: the article says it was said at a public occasion (")
    origin = db.execute("select a.url, q.origin_kind, q.origin_reason from quotes q join articles a on a.id = q.origin_article_id").fetchall()
    assert [(url, found_kind, re.sub(r"article \d+ ", "article # ", why)) for url, found_kind, why in origin] == [
        ("https://alpha.example/sale", kind, reason)
    ]


def test_an_article_naming_a_public_occasion_still_has_the_words_from_its_own_outlet(tmp_path):
    pages = [
        ("https://alpha.example/sale", "Alpha Times", "2026-05-01T09:00:00Z", ALPHA_STORY),
        ("https://alpha.example/sale-2", "Alpha Times", "2026-05-04T09:00:00Z", BETA_STORY.format("At a dockers’ rally, Kowal said")),
    ]
    _, found = trace_pages(tmp_path, pages, "https://alpha.example/sale-2")
    assert [row[:2] for row in found] == [("earlier", "https://alpha.example/sale")]


@pytest.mark.parametrize(
    "befores, occasion",
    [
        # a headline printing naming no setting says nothing against the statement the body names
        ([("", None), ("In a statement, Kowal said the sale was ", "Ines Kowal")], "In a statement"),
        ([("At a dockers’ rally, Kowal said the sale was ", "Ines Kowal")], "At a dockers’ rally"),
        # ... but one naming another setting does: an earlier time alone, words told to one listener
        ([("Kowal said last week that the sale was ", "Ines Kowal"), ("In a statement, Kowal said ", "Ines Kowal")], None),
        ([("Kowal told her aide that the sale was ", "Ines Kowal"), ("At a rally, Kowal said ", "Ines Kowal")], None),
        ([("", None), ("Kowal said the sale was ", "Ines Kowal")], None),
    ],
)
def test_said_in_public_needs_one_printing_naming_a_public_occasion_and_none_another_setting(befores, occasion):
    carrier = Carrier(1, 1, parse_time("2026-05-01", "date"), [], befores=befores, outlet_name="Alpha Times")
    assert carrier.said_in_public == occasion


@pytest.mark.parametrize(
    "before, after, cue, expected",
    [
        # words told to an audience were said in public, where anyone could hear them
        ("Kowal told a cheering crowd in Eastport that it was ", "", None, 'told a cheering crowd in Eastport that it was'),
        ("Kowal told the forum she was ", "", None, "told the forum she was"),
        ("", '," Kowal told her supporters.', "told", "told her supporters"),
        # ... as were words printed in a published text: a study, a case report, a book, a press release
        ("", '," the patient wrote in a short note accompanying the case report.', "wrote", "in a short note accompanying the case report"),
        ("", '," Kowal wrote in her memoir.', "wrote", "in her memoir"),
        ("In a press release, the harbour board said it was ", "", None, "In a press release"),
        ("Kowal was jeered during an appearance at the dockers' club. “", '," Kowal said.', "said", "during an appearance"),
        # a paragraph ending in a colon introduces the quotation opening the next
        ("The mayor spoke for an hour. Kowal told the crowd, to loud applause:\n“", "", None, "told the crowd"),
        ("Kowal spoke at a rally:\n", "", None, "at a rally"),
        # a letter released, the announcement of a candidacy as the words' time
        ("Kowal released a letter to the dockers saying the port was “", "", None, "released a letter"),
        ("When Kowal announced her candidacy in June, she called the dockers “", "", None, "When Kowal announced her candidacy"),
        # a rope line worked, a voter's question at an event, an email to all of a campaign's supporters, a running mate
        # announced
        ("Two days after Kowal lost her temper on a rope line, shouting as she said, “", "", None, "on a rope line"),
        ("Kowal was working a rope line, shaking hands, when she said: “", "", None, "working a rope line"),
        ("", '," she said in Eastport last week in response to a voter’s question.', "said", "in response to a voter’s question"),
        ("Kowal caused a stir when an Eastport voter asked if she would sell the port:\n“", "", None, "an Eastport voter asked"),
        ("Kowal sent out a fundraising email on Tuesday vowing to “", "", None, "fundraising email"),
        ("The mayor emailed supporters saying: “", "", None, "emailed supporters"),
        ("Kowal's campaign blasted out an email to supporters stating, “", "", None, "email to supporters"),
        ("Kowal spoke on Saturday when she formally announced her running mate, calling Vale “", "", None,
         "when she formally announced her running mate"),
        # a letter or a statement put out, released after it is named, or a post on a platform opening the sentence
        ("In a letter to the dockers released Monday, Kowal attacks the sale, arguing that “", "", None,
         "a letter to the dockers released"),
        ("Her office put out a statement saying the port was “", "", None, "put out a statement"),
        ("On Facebook, Kowal wrote that the port was “", "", None, "On Facebook"),
        # where, after the description of a speaker the verb stands before
        ("", '," wrote Ines Kowal of Eastport, Vale, in a case study published Monday.', "wrote", "in a case study"),
        ("", '," said Ines Kowal, the harbour master, in a statement.', "said", "in a statement"),
        # an appearance before supporters, a celebration with them
        ("Appearing before cheering supporters on Monday at the port, Kowal said it was ", "", None,
         "Appearing before cheering supporters"),
        ("Kowal celebrated in Eastport with supporters, declaring it “", "", None, "celebrated in Eastport with supporters"),
        # lawmakers told where they sit, or where no place is named
        ("Kowal told lawmakers at a hearing on Tuesday that it was ", "", None, "told lawmakers at a hearing on Tuesday that it was"),
        ("Kowal told lawmakers on Tuesday that it was ", "", None, "told lawmakers on Tuesday that it was"),
        # a listener an apposition calls a gathering, in the cue after the quotation or the sentence before it
        ("", '," Kowal told the Harbour Dialogue, a regional shipping forum in Eastport.', "told", "told the Harbour Dialogue"),
        ("Kowal told the Eastport Round, an annual dockers' conference, that it was ", "", None, "told the Eastport Round"),
        # ... a number's comma in the listener, which ends neither the listener nor the cue's words
        ("", '," Kowal told 2,267 people gathered at the docks.', "told", "told 2,267 people gathered at the docks"),
        # statements in the plural
        ("Kowal and Vale both condemned the sale in statements, and Kowal said it was “", "", None, "in statements"),
        ("In separate statements, Kowal and Vale said it was “", "", None, "In separate statements"),
    ],
)
def test_said_elsewhere_reads_an_audience_and_a_published_text_as_public(before, after, cue, expected):
    assert said_elsewhere(before, "Ines Kowal", "Alpha Times", after, cue) == (
        f'words said at a public occasion ("{expected}")', ANY
    )


@pytest.mark.parametrize(
    "before, after, cue, expected",
    [
        # not a private hearer, nor a meeting alone, nor a document the outlet may hold alone, nor "study" as a room
        ("Kowal told her aide that it was ", "", None, ('words told to another listener ("told her aide that it was")', ANY)),
        ("Kowal told a meeting of the board that it was ", "", None, ANY),
        ("", '," Kowal wrote in a letter to the board.', "wrote", None),
        ("During an appearance on Harbour FM, Kowal said it was ", "", None, None),  # a programme's: an outlet's
        ("Kowal, a professor in the school of harbour studies, said it was ", "", None, None),
        ("Kowal, who chairs the Harbour Studies Program, said it was ", "", None, None),
        # ... nor a paragraph before that ends with a full stop, and does not introduce the quotation
        ("Kowal spoke at a rally.\n", '," the harbour master said.', "said", None),
        # ... nor lawmakers told in a private talk elsewhere than where they sit, nor a candidacy announced at another time
        ("Kowal told lawmakers on a recent visit to the harbour office that it was ", "", None, (
            'words told to another listener ("told lawmakers on a recent visit to the harbour office that it was")', ANY,
        )),
        ("Kowal told senators at a lunch that it was ", "", None, ANY),
        ("Kowal, who announced her candidacy in the spring, said the port was ", "", None, None),
        # ... nor an email to one person or to the paper, nor one's own voting
        ("", '," Kowal said in an email to the Beta Post.', "said", None),
        ("Kowal wrote in an email to her aide that the port was “", "", None, None),
        ("Kowal, a voter in Eastport, said the port was ", "", None, None),
        # ... nor a place in a clause of its own after the speaker's name, nor a letter not released
        ("", '," said Kowal, who spoke at a rally last year.', "said", None),
        ("", '," said Kowal, a docker, adding that she was at the rally.', "said", None),
        ("In a letter to the board, Kowal attacks the sale, arguing that “", "", None, None),
        # ... nor an appearance before a committee or with one's family
        ("Appearing before the harbour committee on Monday, Kowal said it was ", "", None, None),
        ("Kowal appeared with her husband on Monday and said it was ", "", None, None),
        # ... nor a listener an apposition calls a closed gathering, nor statements made to someone
        ("", '," Kowal told the Harbour Circle, a private conference of donors.', "told", ANY),
        ("Kowal said in statements made to investigators that it was ", "", None, None),
    ],
)
def test_said_elsewhere_leaves_private_words_and_unintroduced_paragraphs_as_they_were(before, after, cue, expected):
    found = said_elsewhere(before, "Ines Kowal", "Alpha Times", after, cue)
    assert found == expected
    assert not (found and found[0].startswith("words said at a public occasion"))


SCENE_CUE = '," she said.'


@pytest.mark.parametrize(
    "above, after, expected",
    [
        # the occasion a paragraph up sets the scene for the quotation that follows it, as its own sentence would
        ("Kowal went first at the town hall in Eastport, predicting a close vote.\n“", SCENE_CUE, "at the town hall"),
        ("The mayor released a letter from her physician Dr. Ines Kowal.\n“", '," Kowal wrote.', "released a letter"),
        # ... an occasion held, as one at it
        (
            "Kowal and Vale held their first joint campaign event on Monday, striking a hopeful tone.\n“The cranes stay,”"
            " Kowal said. “", "”", "held their first joint campaign event",
        ),
        ("Kowal hosted a town hall in Eastport, predicting a close vote.\n“", SCENE_CUE, "hosted a town hall"),
        # ... an announcement or an advertisement broadcast, the sentence before
        (
            "The harbour is “at risk,” Kowal said in the board's public service announcement. “", SCENE_CUE,
            "in the board's public service announcement",
        ),
        ("Kowal said in a new television ad that the port was “at risk.” “", SCENE_CUE, "in a new television ad"),
        ("Kowal made a rare appearance in a radio commercial for the port. “", SCENE_CUE, "in a radio commercial"),
        ("Kowal wrote to her mother in a letter about the port's public service. “", SCENE_CUE, None),
        # ... not one held by the speaker described ("who held"), nor a record ("has held more than 100 town halls")
        ("Kowal, who held a fundraiser for Vale in March, wants a new team.\n“", SCENE_CUE, None),
        ("Vale held a rally on Saturday while Kowal toured the docks on Monday.\n“", SCENE_CUE, None),
        ("Kowal, who brags she has held more than 100 town halls in Eastport, doubts it.\n“", SCENE_CUE, None),
        # ... two paragraphs up, past one of the speaker's quotations
        ("At the harbour debate, Kowal attacked the plan.\n“The cranes stay,” Kowal said.\n“", SCENE_CUE, "At the harbour debate"),
        ("At the harbour debate, Kowal attacked the plan. “It is a sale,” she said. “", SCENE_CUE, "At the harbour debate"),
        # ... and the speaker's next words, the cue going on to them ("before adding"), in the quotation's sentence or after it
        (
            "Kowal, speaking at a rally in Eastport, attacked the plan.\n“The cranes stay,” Kowal said before adding: “",
            "”", "at a rally",
        ),
        ("Kowal, speaking at a rally in Eastport, attacked the plan.\n“", '," Kowal said before adding: "It is a sale."', "at a rally"),
        # not another's occasion, nor past a paragraph about something else, a time, an interview
        ("Vale spoke at a rally in Eastport.\n“", SCENE_CUE, None),
        ("At the harbour debate, Kowal attacked the plan.\nThe port employs 400 people.\nThe union is split.\n“", SCENE_CUE, None),
        ("At the harbour debate, Kowal attacked the plan. But on Saturday, her tone was softer.\n“", SCENE_CUE, None),
        ("At the harbour debate, Kowal attacked the plan. For months, Kowal had praised it.\n“", SCENE_CUE, None),
        ("At the harbour debate, Kowal attacked the plan.\nIn an interview with the Beta Post, Kowal went further.\n“", SCENE_CUE, None),
        # ... nor when the quotation's own sentence places it at another time or with another hearer
        ("Kowal went first at the town hall in Eastport.\n“", '," she said on Monday.', None),
        ("Kowal went first at the town hall in Eastport.\n“", '," she said recently.', None),
        ("Kowal went first at the town hall in Eastport.\nAfter the vote, Kowal called it “", "", None),
        ("Kowal went first at the town hall in Eastport.\n“", '," she said before the vote.', None),
        ("Kowal went first at the town hall in Eastport.\n“", '," she told the Beta Post.', None),
        # ... nor an occasion in a dash's aside, in what was said or reported, to come, followed, attended, spoken about
        ("Fun as it sounds — the late harbour master wrote about it in his book — Kowal was not amused.\n“", SCENE_CUE, None),
        ("Kowal rebuked Vale for suggesting that she had not been allowed to speak at the convention.\n“", SCENE_CUE, None),
        ("Kowal said the law does not require dockers to appear at a public hearing.\n“", SCENE_CUE, None),
        ("Aides say Kowal will push the plan at the convention.\n“", SCENE_CUE, None),
        ("During her drive home after the rally, Kowal reflected on what she saw.\n“", SCENE_CUE, None),
        ("Not long after Kowal tweeted the photograph, the Beta Post asked her about it.\n“", SCENE_CUE, None),
        ("Kowal went to see Vale speak at a town hall in Eastport.\n“", SCENE_CUE, None),
        ("Kowal came from Westport to a harbour rally that drew 100 people.\n“", SCENE_CUE, None),
        ("Kowal, who was in Eastport for the convention, called it a shame.\n“", SCENE_CUE, None),
        ("Kowal gave the mayor notes on his public remarks or speeches.\n“", SCENE_CUE, None),
        ("Kowal sits on the convention’s rules committee.\n“", SCENE_CUE, None),
    ],
)
def test_scene_occasion_reads_an_occasion_set_above_for_the_quotations_that_follow(above, after, expected):
    cue = re.search(r"\b(?:said|told|wrote)\b", after)
    assert scene_occasion(above, "Ines Kowal", "Alpha Times", after, cue.group() if cue else None) == expected


@pytest.mark.parametrize(
    "above, expected",
    [
        # a scene sentence opening with "She" (or "He"), the sentences before it about the speaker, named as their subject
        ("Kowal is campaigning in Eastport. But she says the port can wait.\nShe tells the crowd: “The cranes stay.”\n“",
         "tells the crowd"),
        ("A week later, however, Kowal said the port was safe. She repeated it at a town hall in Eastport.\n“", "at a town hall"),
        ("Mayor Ines Kowal toured the docks. She spoke at a rally in Eastport.\n“", "at a rally"),
        # not when the sentence before names the speaker but not as its subject, or something of hers, or no one
        ("A spokeswoman for Ms. Kowal did not reply. She is holding a rally in Eastport instead.\n“", None),
        ("The plan drew a contrast with Dr. Ines Kowal. She first tweeted a note of concern.\n“", None),
        ("Kowal's plan drew cheers. She spoke at a rally in Eastport.\n“", None),
        ("Kowal toured the docks. The union is split. She spoke at a rally in Eastport.\n“", None),
        # ... nor a pronoun the quotation's cue does not call the speaker by ('," she said.')
        ("Kowal toured the docks. He spoke at a rally in Eastport.\n“", None),
        # ... nor an occasion before the words or to come
        ("Kowal said the port was safe. She had spoken at a rally in Eastport.\n“", None),
        ("Kowal tours the docks. She'll have her say at the convention in July.\n“", None),
    ],
)
def test_scene_occasion_reads_a_pronoun_opening_the_scene_as_the_speaker_the_sentences_before_name(above, expected):
    assert scene_occasion(above, "Ines Kowal", "Alpha Times", SCENE_CUE, "said") == expected


@pytest.mark.parametrize(
    "above, after, cue, expected",
    [
        # a text's words, its speaker no one named: the statement put out above, by its cue or going on from a quotation so
        # attributed
        ("The harbour board denied it twice.\nNow it has put out another statement - directly to the dockers.\n“",
         "," + "” it says.", "says", "put out another statement"),
        ("The harbour board released a statement on Friday.\n“The sale is off,” the statement read.\n“", "”", None,
         "released a statement"),
        # ... not a person's words with no name read ('," he says.'), nor a quotation with no cue after another's, nor a
        # rally, which is no text
        ("The harbour board denied it twice.\nNow it has put out another statement - directly to the dockers.\n“",
         "," + "” he says.", "says", None),
        ("The harbour board released a statement on Friday.\n“The sale is off,” Vale said.\n“", "”", None, None),
        ("The harbour board spoke at a rally in Eastport.\n“The sale is off,” it says.\n“", "”", None, None),
    ],
    ids=["cue it says", "going on from the statement", "he says", "after a named speaker", "a rally"],
)
def test_scene_occasion_places_a_text_whose_speaker_is_no_one_named_at_the_statement_above(above, after, cue, expected):
    assert scene_occasion(above, None, "Alpha Times", after, cue) == expected


def test_a_texts_cue_between_the_parts_of_a_quotation_places_it_at_the_statement_above():
    above = "The harbour board denied it in a statement shared to its website.\n“"
    inside = "," + "” the statement read. “The sale is off."
    assert scene_occasion(above, None, "Alpha Times", "”\nThe board met.", "read", inside) == "in a statement"
    assert scene_occasion(above, None, "Alpha Times", "”\nThe board met.", "read", "") is None


def test_said_in_public_reads_the_occasion_a_paragraph_above_sets():
    above = "The port vote is on Friday.\nKowal went first at the town hall in Eastport, predicting a close vote.\n“"
    carrier = Carrier(
        1, 1, parse_time("2026-05-01", "date"), [], befores=[(above[-300:], "Ines Kowal")],
        afters=[(SCENE_CUE, "said", "")], aboves=[above], outlet_name="Alpha Times",
    )
    assert carrier.said_in_public == "at the town hall"
    assert replace_aboves(carrier, ["Kowal went first.\n“"]).said_in_public is None


@pytest.mark.parametrize(
    "above, cue, expected",
    [
        ("The harbour board denied it in a statement shared to its website.\n“", '," the statement read.', ANY),
        ("The harbour board denied it at length.\n“", '," the statement read.', None),
        ("The harbour board denied it in a statement shared to its website.\n“", '," Kowal said.', None),
    ],
    ids=["a statement above", "no statement above", "a person's words"],
)
def test_a_texts_words_placed_at_a_statement_above_were_had_from_it_not_from_a_story_credit(above, cue, expected):
    speaker = "Ines Kowal" if "Kowal" in cue else None
    carrier = Carrier(
        1, 1, parse_time("2026-05-01", "date"), [], befores=[(above[-300:], speaker)],
        afters=[(cue, cue.split()[-1].strip("."), "")], aboves=[above], outlet_name="Alpha Times",
    )
    found = carrier.had_from(reporting=False)
    assert found == expected
    if expected is not None:
        assert found[0].startswith('words said at a public occasion ("in a statement')


def replace_aboves(carrier: Carrier, aboves: list[str]) -> Carrier:
    """The carrier with other text above its printings (said_in_public is cached)."""
    return Carrier(
        carrier.article_id, carrier.outlet_id, carrier.when, [], befores=carrier.befores, afters=carrier.afters,
        aboves=aboves, outlet_name=carrier.outlet_name,
    )


@pytest.mark.parametrize(
    "later, lineage, kind",
    [
        # the occasion a paragraph up: heard there, not taken from the first article by time alone
        ("At a dockers’ rally on the quay, Kowal spoke for an hour.\nThen Kowal said", ("origin", None), "public_statement"),
        # ... not another's occasion
        ("At a dockers’ rally on the quay, Vale spoke for an hour.\nThen Kowal said", ("earlier", "https://alpha.example/sale"), "exclusive"),
    ],
    ids=["the speaker's rally", "another's rally"],
)
def test_a_later_article_setting_the_occasion_a_paragraph_up_heard_the_words_there(tmp_path, later, lineage, kind):
    db, found = trace_beta(tmp_path, later)
    assert [row[:2] for row in found] == [lineage]
    if lineage[0] == "origin":
        assert found[0][2].startswith('first-hand: the article says it was said at a public occasion ("At a dockers’ rally")')
    assert db.execute("select origin_kind from quotes").fetchall() == [(kind,)]


# --- A link in the printing's own sentence against a story credit in the lead -------------------

CLOSER_REGISTRY = REGISTRY + "delta,Delta Daily,,delta.example,newspaper,GB,en\n"


def closer_page(sentence: str) -> tuple[str, str, str, str]:
    """Alpha's story crediting the Gazette in its lead, with `sentence` holding the quotation mid-story."""
    return (
        "https://alpha.example/terminal", "Alpha Times", "2026-05-02T09:00:00Z",
        "<html><body><article>"
        "<p>As Ana Ruiz reports for the Gamma Gazette, the port board voted on Tuesday to sell the harbour terminal.</p>"
        "<p>Dockers gathered before dawn outside the container gates while managers counted empty berths.</p>"
        "<p>The sale must still be approved by the full council, which meets again in June.</p>"
        f"<p>{sentence}</p>"
        "<p>Union leaders said they would fight the plan in the courts if the council approved it.</p>"
        "</article></body></html>",
    )


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # the sentence links the verb saying the words to the Daily: closer than the lead's credit for the story
        (
            'Kowal <a href="https://delta.example/2026/05/01/terminal">explained</a> that the board \u201c'
            f"{QUOTE}\u201d",
            ("link", "Delta Daily"),
        ),
        # ... but where it links the Gazette too, the story credit stands for these words
        (
            'Kowal has <a href="https://gamma.example/2026/05/01/terminal">said</a> that the board \u201c'
            f'{QUOTE}\u201d and <a href="https://delta.example/2026/05/01/terminal">acknowledged</a> the debts.',
            ("credit", "Gamma Gazette"),
        ),
        # with no link in its sentence, the story credit in the lead
        (f"Kowal said that the board \u201c{QUOTE}\u201d", ("credit", "Gamma Gazette")),
    ],
    ids=["link on the quotation's verb", "the story's outlet linked too", "no link"],
)
def test_a_link_credit_in_the_printings_own_sentence_comes_before_a_story_credit(tmp_path, sentence, expected):
    registry = tmp_path / "outlets.csv"
    registry.write_text(CLOSER_REGISTRY, encoding="utf-8")
    db = open_db(tmp_path / "traced.db")
    import_paths(db, [write_pages(tmp_path / "all.jsonl", [closer_page(sentence)])], extra_registry=[registry], workers=1)
    trace_all(db)
    found = db.execute(
        "select l.evidence, so.name, l.reason from lineage l join outlets so on so.id = l.source_outlet_id"
    ).fetchall()
    assert [row[:2] for row in found] == [expected], found


@pytest.mark.parametrize(
    "alpha, beta, alpha_reason, beta_reason, origin",
    [
        # two outlets heard the words first-hand the same day: the reason names where the article says they were said
        ("In a statement, Kowal said: ", "Kowal said: ",
         'heard first-hand (said at a public occasion: "In a statement"): one of 2 outlets (Alpha Times, Beta Post)',
         "heard first-hand: one of 2 outlets (Alpha Times, Beta Post)", ("public_statement", "Alpha Times")),
        # ... and words said on a programme its title names are that programme's, heard on it, not both outlets' own
        ("On The Kestrel Morning Show on Tuesday, Mayor Ines Kowal criticized the sale. Kowal said: ",
         'On Tuesday’s episode of "The Kestrel Morning Show," Kowal said: ',
         "quote-level credit (interview \"On The Kestrel Morning Show\") to Kestrel Morning Show",
         "quote-level credit (interview \"episode of \"The Kestrel Morning Show\") to Kestrel Morning Show",
         ("exclusive", "Kestrel Morning Show")),
    ],
    ids=["a statement", "a programme"],
)
def test_a_public_statements_reason_names_where_its_printing_says_the_words_were_said(
    tmp_path, alpha, beta, alpha_reason, beta_reason, origin
):
    pages = [
        ("https://alpha.example/sale", "Alpha Times", "2026-05-04T09:00:00Z", ALPHA_STORY.replace("Kowal said: ", alpha)),
        ("https://beta.example/sale", "Beta Post", "2026-05-04T10:00:00Z", BETA_STORY.format(beta.rstrip(": "))),
    ]
    db, alpha_found = trace_pages(tmp_path, pages, "https://alpha.example/sale")
    beta_found = db.execute(
        "select l.reason from lineage l join quote_occurrences o on o.id = l.occurrence_id join articles a on"
        " a.id = o.article_id where a.url = ?", ["https://beta.example/sale"],
    ).fetchall()
    assert alpha_found[0][2].startswith(alpha_reason), alpha_found[0][2]
    assert beta_found[0][0].startswith(beta_reason), beta_found[0][0]
    assert db.execute(
        "select q.origin_kind, o.name from quotes q join outlets o on o.id = q.origin_outlet_id"
    ).fetchall() == [origin]


@pytest.mark.parametrize(
    "later, kind",
    [
        # an article had the words first, naming no occasion; a wire's copy printed days later says where they were
        # said: the same words, public, no one's exclusive (the wire is a later root, not the first article's source)
        (WIRE_LEAD + "Mayor Ines Kowal said during a debate last week: ", "public_statement"),
        # ... not a court's hearing, which the wire's reporter heard for the papers, nor a copy naming no occasion
        (WIRE_LEAD + "Mayor Ines Kowal told the court last week: ", "exclusive"),
        (WIRE_LEAD + "Mayor Ines Kowal said last week: ", "exclusive"),
    ],
    ids=["a debate", "a court", "nothing named"],
)
def test_a_later_wire_copy_naming_a_public_occasion_makes_the_first_articles_words_public(tmp_path, later, kind):
    pages = [
        ("https://alpha.example/sale", "Alpha Times", "2026-05-01T09:00:00Z", ALPHA_STORY),
        ("https://beta.example/sale", "Beta Post", "2026-05-04T09:00:00Z", later + SALE_WORDS),
    ]
    db, found = trace_pages(tmp_path, pages, "https://beta.example/sale")
    assert [row[0] for row in found] == ["credit"]
    origin = db.execute(
        "select a.url, q.origin_kind from quotes q join articles a on a.id = q.origin_article_id"
    ).fetchall()
    assert origin == [("https://alpha.example/sale", kind)]


@pytest.mark.parametrize(
    "later, kind, reason",
    [
        # the outlet's first article had the words, naming no occasion; its own article weeks later, traced to it by time
        # alone, says where they were said: the same words, public, not the outlet's exclusive
        (
            "Weeks ago Kowal said at a press conference: ", "public_statement",
            'public statement: said at a public occasion ("at a press conference"), as article 2 (Alpha Times,'
            " 2026-05-21 09:00 UTC) says; the first here to carry it is article 1",
        ),
        # ... not when the later article names none, nor says they were told to one listener
        ("Weeks ago Kowal said: ", "exclusive", "exclusive: article 1"),
        ("Weeks ago Kowal told a neighbour: ", "exclusive", "exclusive: article 1"),
    ],
    ids=["a press conference", "nothing named", "a listener"],
)
def test_a_later_article_traced_by_time_alone_naming_a_public_occasion_makes_the_words_public(tmp_path, later, kind, reason):
    pages = [
        ("https://alpha.example/sale", "Alpha Times", "2026-05-01T09:00:00Z", ALPHA_STORY),
        ("https://alpha.example/sale-again", "Alpha Times", "2026-05-21T09:00:00Z", BETA_STORY.format(later.rstrip(": "))),
    ]
    db, found = trace_pages(tmp_path, pages, "https://alpha.example/sale-again")
    assert [row[:2] for row in found] == [("earlier", "https://alpha.example/sale")]
    origin = db.execute(
        "select a.url, q.origin_kind, q.origin_reason from quotes q join articles a on a.id = q.origin_article_id"
    ).fetchall()
    assert [row[:2] for row in origin] == [("https://alpha.example/sale", kind)]
    assert origin[0][2].startswith(reason), origin[0][2]


@pytest.mark.parametrize(
    "scene, occasion",
    [
        ("Kowal held a rally in Eastport on Tuesday night.", "held a rally"),
        # the scene goes on to a listener the speaker spoke to after the occasion: the words are theirs, not the rally's
        ("Kowal held a rally in Eastport on Tuesday night, then flew home to Vale and spoke to reporters after the vote.",
         None),
        ("Kowal held a rally in Eastport on Tuesday night, then told a cheering crowd in Vale that the port was safe.",
         "told a cheering crowd in Vale that the port was safe."),
    ],
    ids=["the rally", "reporters after it", "a crowd after it"],
)
def test_a_scene_going_on_to_a_listener_after_its_occasion_sets_the_words_there(scene, occasion):
    above = f"The port vote is on Friday.\n{scene}\n“"
    carrier = Carrier(
        1, 1, parse_time("2026-05-01", "date"), [], befores=[(above[-300:], "Ines Kowal")],
        afters=[(SCENE_CUE, "said", "")], aboves=[above], outlet_name="Alpha Times",
    )
    assert carrier.said_in_public == occasion


@pytest.mark.parametrize(
    "line, shown",
    [
        ("(Reporting by Ana Ruiz; Editing by Li Chen)", 'credit line "Reporting by Ana Ruiz; Editing by Li Chen"'),
        ("Copyright 2026 Reuters. All rights reserved.", 'copyright "Copyright 2026"'),
    ],
    ids=["a credit line", "a copyright line"],
)
def test_a_copy_credits_reason_calls_a_credit_line_one(tmp_path, line, shown):
    pages = [("https://beta.example/sale", "Beta Post", "2026-05-04T09:00:00Z", ALPHA_STORY + "\n" + line)]
    _, found = trace_pages(tmp_path, pages, "https://beta.example/sale")
    assert found[0][2].startswith(f"the article is Reuters copy ({shown})"), found[0][2]
