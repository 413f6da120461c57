"""A story credit for words told to an outlet is its teller's; one for a report of one weekday is not for words said later."""

from __future__ import annotations

import pytest

from db import open_db
from provenance.lineage import Teller, credit_day, parse_time, said_after, said_elsewhere, told_by
from provenance.pipeline import import_paths, trace_all
from tests.lineage_story import QUOTE
from tests.test_lineage_order import REGISTRY, SALE, printing_lineage, write_pages

URL = "https://alpha.example/terminal"
PUBLISHED = "2026-05-05T09:00:00Z"  # a Tuesday


def lineage_of_page(tmp_path, text: str) -> dict[str, tuple]:
    """Wording -> (evidence, source outlet, source URL, reason) of each printing of one Alpha Times page."""
    registry = tmp_path / "outlets.csv"
    registry.write_text(REGISTRY, encoding="utf-8")
    db = open_db(tmp_path / "traced.db")
    pages = [(URL, "Alpha Times", PUBLISHED, text)]
    import_paths(db, [write_pages(tmp_path / "page.jsonl", pages)], extra_registry=[registry], workers=1)
    trace_all(db)
    return {row[1]: row[2:] for row in printing_lineage(db)}


CREDITED = ("credit", "Gamma Gazette", None)
FIRST_HAND = ("origin", None, None)


@pytest.mark.parametrize(
    "lead, kowal, amsel, why",
    [
        # a teller whose description holds the speaker's name is not the speaker
        (
            "A Kowal campaign aide told the Gamma Gazette on Monday that the board will sell the terminal.",
            FIRST_HAND, FIRST_HAND,
            'told credit to Gamma Gazette in paragraph 1 for words told by another ("A Kowal campaign aide"),'
            " not the speaker",
        ),
        # the teller named, with an apposition: her words reach the credit, another speaker's do not
        (
            "Ruth Amsel, the board’s chair, told the Gamma Gazette on Monday that the board will sell the terminal.",
            FIRST_HAND, CREDITED,
            'told credit to Gamma Gazette in paragraph 1 for words told by another ("Ruth Amsel, the board’s chair"),'
            " not the speaker",
        ),
        (
            "Board chair Ruth Amsel said on Gamma Gazette Radio that the board will sell the terminal.",
            FIRST_HAND, CREDITED,
            'interview credit to Gamma Gazette in paragraph 1 for words told by another ("Board chair Ruth Amsel"),'
            " not the speaker",
        ),
        # a teller the text does not name apart ("he") is no sign: the lead credit covers the story as before
        ("He told the Gamma Gazette on Monday that the board will sell the terminal.", CREDITED, CREDITED, None),
    ],
)
def test_a_story_credit_for_words_told_to_the_outlet_reaches_only_the_tellers_quotations(
    tmp_path, lead, kowal, amsel, why
):
    text = f'{lead}\n\n"{QUOTE}" Ines Kowal said.\n\n"{SALE}" Amsel said.\n\nThe port board meets again in June.'
    lineage = lineage_of_page(tmp_path, text)
    assert lineage[QUOTE][:3] == kowal
    assert lineage[SALE][:3] == amsel
    if why is not None:
        assert lineage[QUOTE][3].endswith(f"not applicable: {why}")


@pytest.mark.parametrize(
    "said, expected, why",
    [
        # words said on Monday are not in the Gazette's report of Saturday, in an article of Tuesday
        ("Ines Kowal said Monday.", FIRST_HAND, "for a report of Saturday, while the quote was said later (Monday)"),
        ("Ines Kowal on Monday said.", FIRST_HAND, "for a report of Saturday, while the quote was said later (Monday)"),
        # words said before the report, on its day, or on no day named may be in it
        ("Ines Kowal said Friday.", CREDITED, None),
        ("Ines Kowal said Saturday.", CREDITED, None),
        ("Ines Kowal said.", CREDITED, None),
    ],
)
def test_a_story_credit_for_a_report_of_one_weekday_does_not_take_words_said_later(tmp_path, said, expected, why):
    text = (
        "The Gamma Gazette on Saturday wrote that the port board will sell the harbour terminal.\n\n"
        f'"{QUOTE[:-1]}," {said}\n\nThe port board meets again in June.'
    )
    lineage = lineage_of_page(tmp_path, text)
    assert lineage[QUOTE[:-1] + ","][:3] == expected
    if why is not None:
        assert lineage[QUOTE[:-1] + ","][3].endswith(f"not applicable: said credit to Gamma Gazette in paragraph 1 {why}")


@pytest.mark.parametrize(
    "before, cue, expected",
    [
        ("A Trump campaign source told ", "told", Teller("A Trump campaign source", {"source"}, ["A Trump campaign source"])),
        ("The vote is near. Chairman Bob Goodlatte (R-Va.) told ", "told", Teller("Chairman Bob Goodlatte", {"goodlatte"})),
        ("Priya Raman, president of Local 12, told ", "told", Teller("Priya Raman, president of Local 12", {"raman"})),
        ("The cranes stood idle, an insurgent source told ", "told", Teller("an insurgent source", {"source"}, ["an insurgent source"])),
        ("Kowal, author of Cranes: A History, spoke with ", "spoke with", Teller("Kowal, author of Cranes A History", {"kowal"})),
        ("Smith later told ", "told", Teller("Smith later", {"smith"})),
        ("Raman, in contrast, told ", "told", Teller("Raman, in contrast", {"raman"})),
        (
            "Voss, who was held after one of her neighbours spoke on ", "spoke on",
            Teller("who was held after one of her neighbours", {"one"}, ["one of her neighbours"]),
        ),
        (
            "Ruiz said that the night guard at the Harbour Hotel had told ", "told",
            Teller("that the night guard at the Harbour Hotel had", {"guard"}, ["the night guard at the Harbour Hotel"]),
        ),
        # the spokeswoman is the teller, not the one she speaks for; named in apposition, she is the one named
        ("A spokeswoman for Kowal, Ana Ruiz, told ", "told", Teller("A spokeswoman for Kowal, Ana Ruiz", {"ruiz"})),
        ("A spokeswoman for Kowal told ", "told", Teller("A spokeswoman for Kowal", {"spokeswoman"}, ["A spokeswoman for Kowal"])),
        # a description is kept to be resolved to the person the article names for it (`name_teller`)
        ("The senator told ", "told", Teller("The senator", {"senator"}, ["The senator"])),
        ("Later his campaign manager said on ", "said on", Teller("Later his campaign manager", {"manager"}, ["his campaign manager"])),
        # any speech verb before "on" or "to", with a time between
        ("Raman insisted on ", "insisted on", Teller("Raman", {"raman"})),
        ("Raman argued Sunday on ", "argued Sunday on", Teller("Raman", {"raman"})),
        # a pronoun, or a cue the teller does not stand before, names no teller
        ("It came in February, when he told ", "told", None),
        ("She escalated her criticism, telling ", "telling", None),
        ("When reached by ", "reached by", None),
    ],
)
def test_told_by_reads_the_teller_before_the_cue(before, cue, expected):
    assert told_by(before, cue) == expected


@pytest.mark.parametrize(
    "sentence, cue, expected",
    [
        ("The Times on Saturday wrote that the loss was large.", "on Saturday wrote", "Saturday"),
        ("The Ledger reported Friday that the board met.", "reported", "Friday"),
        ("The Ledger reported that the board met on Friday.", "reported", None),  # the day of the meeting
        ("According to the Ledger, the board met.", "According to", None),
    ],
)
def test_credit_day_is_the_day_beside_the_cue(sentence, cue, expected):
    assert credit_day(sentence, cue) == expected


@pytest.mark.parametrize(
    "said, reported, published, later",
    [
        ("Monday", "Saturday", "2026-05-05", True),  # Tuesday's article: Saturday, then Monday
        ("Friday", "Saturday", "2026-05-05", False),
        ("Saturday", "Saturday", "2026-05-05", False),
        ("Monday", "Saturday", "2026-05-09", False),  # Saturday's own article: Monday came first
        ("Monday", "Saturday", None, True),  # no date: another day is another occasion
    ],
)
def test_said_after_orders_weekdays_back_from_the_article(said, reported, published, later):
    assert said_after(said, reported, parse_time(published)) is later


@pytest.mark.parametrize(
    "lead, kowal, amsel",
    [
        # a teller the lead only describes is the person the article names for that description
        (
            "Sen. Ruth Amsel of Harborton opened the port board’s meeting on Monday."
            " The senator told the Gamma Gazette that the board will sell the terminal.",
            FIRST_HAND, CREDITED,
        ),
        # ... and so is a party's member the article prints as one ("The Democrat", "the Harborton Republican")
        (
            "Sen. Ruth Amsel (D-Harborton) and Rep. Ines Kowal (R-Eastport) opened the port board’s meeting on Monday."
            " The Democrat told the Gamma Gazette that the board will sell the terminal.",
            FIRST_HAND, CREDITED,
        ),
        (
            "Sen. Ruth Amsel, a Republican from Harborton, and Ines Kowal, a Democrat, opened the meeting on Monday."
            " The Harborton Republican told the Gamma Gazette that the board will sell the terminal.",
            FIRST_HAND, CREDITED,
        ),
        # ... the one its paragraph names, not one printed with the party paragraphs before
        (
            "Rep. Ines Kowal (D-Eastport) spoke first.\n\nFormer Sen. Ruth Amsel, who wrote the port report, opened the"
            " meeting. The Democrat told the Gamma Gazette that the board will sell the terminal.",
            FIRST_HAND, CREDITED,
        ),
        # a spokeswoman for one person, named in apposition, is the teller, not the one she speaks for
        (
            "A spokeswoman for Ines Kowal, Ruth Amsel, told the Gamma Gazette on Monday that the board will sell the terminal.",
            FIRST_HAND, CREDITED,
        ),
        # any speech verb with "on" an outlet is words said on it
        ("Ruth Amsel insisted on Gamma Gazette Radio that the board will sell the terminal.", FIRST_HAND, CREDITED),
    ],
)
def test_a_told_credit_reaches_the_teller_the_lead_describes_or_names_in_apposition(tmp_path, lead, kowal, amsel):
    text = f'{lead}\n\n"{QUOTE}" Ines Kowal said.\n\n"{SALE}" Amsel said.\n\nThe port board meets again in June.'
    lineage = lineage_of_page(tmp_path, text)
    assert lineage[QUOTE][:3] == kowal
    assert lineage[SALE][:3] == amsel


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        # an occasion in the sentence before a quotation with its own cue is not where its words were said
        (f'Dockers will march at the convention. "{QUOTE[:-1]}," Ines Kowal said.', CREDITED),
        # ... but its own cue's clause names one
        (f'Dockers will march in June. "{QUOTE[:-1]}," Ines Kowal said at the convention.', FIRST_HAND),
        (f'Dockers will march in June. Ines Kowal said at the convention: "{QUOTE[:-1]},"', FIRST_HAND),
    ],
)
def test_a_public_occasion_is_read_in_the_quotations_own_sentence(tmp_path, paragraph, expected):
    text = (
        "The port board will sell the harbour terminal, according to the Gamma Gazette.\n\n"
        f"{paragraph}\n\nThe port board meets again in June."
    )
    lineage = lineage_of_page(tmp_path, text)
    assert lineage[QUOTE[:-1] + ","][:3] == expected


AT_RALLY = 'words said at a public occasion ("at the rally")'


@pytest.mark.parametrize(
    "before, after, cue, expected",
    [
        # the sentence before, about others, is not where the named speaker's words were said
        ('Dockers marched at the rally. "', '," Kowal said.', "said", None),
        # ... but it is when the cue names the speaker by a pronoun or a description, when that sentence's subject is
        # a pronoun, or when it names the speaker
        ('Kowal spoke at the rally. "', '," she said.', "said", (AT_RALLY, "")),
        ('Kowal spoke at the rally. "', '," the senator said.', "said", (AT_RALLY, "")),
        ('Later, she spoke at the rally. "', '," Kowal said.', "said", (AT_RALLY, "")),
        ('Ines Kowal spoke at the rally. "', '," Kowal said.', "said", (AT_RALLY, "")),
        # ... and a quotation with no cue after it goes on with the sentence before
        ('Dockers heard Kowal at the rally. "', '."\nThe vote is in June.', None, (AT_RALLY, "")),
        # the sentence before the paragraph is not the quotation's
        ('Ines Kowal spoke at the rally.\n"', '," Kowal said.', "said", None),
    ],
)
def test_said_elsewhere_reads_the_sentence_before_only_when_it_attributes_the_quotation(before, after, cue, expected):
    assert said_elsewhere(before, "Ines Kowal", "Alpha Times", after, cue) == expected


WIRE_REGISTRY = REGISTRY + "cpress,Continental Press,,cpress.example,wire,GB,en\n"
BID = SALE.rstrip(".")


@pytest.mark.parametrize(
    "paragraph, origin",
    [
        # the wire's copy says whom the words were said to: that outlet had them first, the wire relays them
        (f'"{BID}," Ines Kowal told the Gamma Gazette on Monday.', ("Gamma Gazette", "exclusive")),
        (f'"{BID}," Ines Kowal said, according to the Gamma Gazette.', ("Gamma Gazette", "exclusive")),
        # ... a report credited beside them, not for them, does not
        (f'The sale was first reported by the Gamma Gazette. "{BID}," Ines Kowal said.', ("Continental Press", "wire")),
        # ... nor does a copy that credits no one for them
        (f'"{BID}," Ines Kowal said on Monday.', ("Continental Press", "wire")),
    ],
)
def test_a_wires_copy_crediting_another_outlet_for_the_words_relays_them(tmp_path, paragraph, origin):
    registry = tmp_path / "outlets.csv"
    registry.write_text(WIRE_REGISTRY, encoding="utf-8")
    db = open_db(tmp_path / "traced.db")
    text = f"Port board weighs the terminal sale.\n\nHARBORTON (Continental Press) — The port board met on Monday.\n\n{paragraph}"
    pages = [(URL, "Alpha Times", PUBLISHED, text)]
    import_paths(db, [write_pages(tmp_path / "page.jsonl", pages)], extra_registry=[registry], workers=1)
    trace_all(db)
    assert [row[2:4] for row in printing_lineage(db)] == [("credit", "Continental Press")]  # the copy's
    found = db.execute("select o.name, q.origin_kind from quotes q join outlets o on o.id = q.origin_outlet_id").fetchall()
    assert found == [origin]
