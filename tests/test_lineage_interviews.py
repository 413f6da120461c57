"""A story credit past the lead for words said to an outlet speaks only for the words said in that interview."""

from __future__ import annotations

import pytest

from provenance.lineage import heard_part, interview_setting
from tests.test_lineage_tellers import CREDITED, FIRST_HAND, lineage_of_page

TITLE = "Port board turns down the terminal sale."
LEAD = "HARBORTON — The port board voted on Monday against selling the Eastpoint terminal to a shipping group."
RALLY = "We will fight this sale in every room of this building until the board gives up."
RALLY_MORE = "The terminal is not for sale and never was for sale."
AUDIT = "They sat on the audit for a whole year and told the council nothing at all."
LATER = "Nobody will sign anything before the auditors have finished their work in June."
CREDIT = "In a Gamma Gazette interview on Monday, Ines Kowal questioned why the board had waited so long."


def page(*paragraphs: str) -> str:
    """An Alpha Times page of these paragraphs after the title and the lead."""
    return "\n\n".join((TITLE, LEAD, *paragraphs))


def test_a_mid_story_interview_credit_speaks_for_the_words_after_it_until_another_setting(tmp_path):
    text = page(
        "Opponents of the sale gathered outside the port offices on Sunday.",
        f'"{RALLY}" Ines Kowal said at a rally outside the port on Sunday.',
        f'"{RALLY_MORE}" Kowal said.',
        CREDIT,
        f'"{AUDIT}" Kowal said.',
        "At a news conference later that day, she repeated the charge.",
        f'"{LATER}" Kowal said.',
    )
    lineage = lineage_of_page(tmp_path, text)
    assert lineage[AUDIT][:3] == CREDITED
    assert lineage[RALLY][:3] == FIRST_HAND
    assert lineage[RALLY_MORE][:3] == FIRST_HAND
    assert lineage[RALLY_MORE][3].endswith('for words said to it, while the quote was said elsewhere ("at a rally")')
    assert lineage[LATER][:3] == FIRST_HAND
    assert lineage[LATER][3].endswith('while the quote was said elsewhere ("At a news conference")')


def test_an_interview_credit_in_the_last_paragraph_is_no_story_credit_for_the_words_before_it(tmp_path):
    text = page(
        f'"{RALLY}" Ines Kowal said in a statement on Sunday.',
        f'"{RALLY_MORE}" Kowal said.',
        "Kowal later told the Gamma Gazette in an interview that the board had hidden the audit from the council.",
    )
    lineage = lineage_of_page(tmp_path, text)
    assert lineage[RALLY][:3] == FIRST_HAND
    assert lineage[RALLY_MORE][:3] == FIRST_HAND


@pytest.mark.parametrize(
    "credit, expected",
    [
        # the credit looks back to the words printed before it
        ("Kowal's comments came during a Gamma Gazette interview on Monday.", CREDITED),
        # ... or does not: the words printed before it may have been said anywhere
        ("In a Gamma Gazette interview on Monday, Kowal questioned why the board had waited so long.", FIRST_HAND),
    ],
)
def test_words_printed_before_a_mid_story_interview_credit_are_its_own_only_when_it_looks_back(
    tmp_path, credit, expected
):
    text = page(
        "The vote followed months of argument over the terminal's debts.",
        f'"{AUDIT}" Ines Kowal said.',
        credit,
        "The board's chair did not answer calls on Monday.",
    )
    assert lineage_of_page(tmp_path, text)[AUDIT][:3] == expected


@pytest.mark.parametrize(
    "credit, expected",
    [
        # a paragraph mid-story that reports who printed the words just quoted credits them
        ("Kowal's remarks, first reported by the Gamma Gazette on Monday, angered the board.", CREDITED),
        ("The Gamma Gazette first reported the remarks on Monday.", CREDITED),
        # ... one reporting something else does not
        ("The vote was first reported by the Gamma Gazette on Monday.", FIRST_HAND),
    ],
)
def test_a_report_credit_looking_back_to_the_words_before_it_is_their_source(tmp_path, credit, expected):
    text = page(
        "The vote followed months of argument over the terminal's debts.",
        f'"{AUDIT}" Ines Kowal said at a meeting of the council on Friday.',
        credit,
        "The board's chair did not answer calls on Monday.",
    )
    assert lineage_of_page(tmp_path, text)[AUDIT][:3] == expected


def test_an_interview_with_someone_else_ends_the_credited_interviews_words(tmp_path):
    text = page(
        CREDIT,
        f'"{AUDIT}" Kowal said.',
        "In a radio interview with journalist Tomas Brandt last year, Kowal said she expected the vote.",
        f'"{LATER}" Kowal said.',
    )
    lineage = lineage_of_page(tmp_path, text)
    assert lineage[AUDIT][:3] == CREDITED
    assert lineage[LATER][:3] == FIRST_HAND
    assert 'said elsewhere ("an interview with journalist Tomas Brandt last year")' in lineage[LATER][3]


@pytest.mark.parametrize(
    "before, after, expected",
    [
        # its own attribution names the setting, the interview again or another
        ("", " Kowal said during the interview.", None),
        ("", " Kowal said at the rally.", "at the rally"),
        ("At the rally, Kowal was blunter. ", " she said.", "At the rally"),
        # a court, another outlet's credit before it
        ("In the district court, Kowal spoke briefly. ", " she said.", "In the district court"),
        # an occasion named inside a quotation is the speaker's words, not the setting
        ('Kowal said: "I said at the rally what I think." ', " she added.", None),
    ],
)
def test_interview_setting_reads_the_setting_in_force_at_a_printing(before, after, expected):
    credit = "Kowal spoke to the Gazette in an interview on Monday."
    head = f"{TITLE}\n{LEAD}\n{credit}\n{before}"
    quotation = '"The audit was hidden."'
    text = f"{head}{quotation}{after}\nThe board meets in June."
    start = len(head)
    assert interview_setting(text, text.index(credit), credit, start, start + len(quotation), (), "Gamma Gazette") == expected


@pytest.mark.parametrize(
    "credit, brandt",
    [
        # the one interviewed is the subject after the interview's phrase; Brandt is only what she spoke of
        ("In a Gamma Gazette interview on Monday, Ines Kowal questioned why Tomas Brandt had waited so long.", FIRST_HAND),
        ("Kowal, in a Gamma Gazette interview on Monday, questioned why Tomas Brandt had waited so long.", FIRST_HAND),
        # both named as the ones interviewed
        ("In a Gamma Gazette interview on Monday, Ines Kowal and Tomas Brandt questioned the delay.", CREDITED),
    ],
)
def test_an_interview_credit_naming_someone_only_in_what_was_said_does_not_cover_their_words(tmp_path, credit, brandt):
    text = page(
        "The vote followed months of argument over the terminal's debts.",
        credit,
        f'"{AUDIT}" Kowal said.',
        f'"{LATER}" Tomas Brandt said.',
    )
    lineage = lineage_of_page(tmp_path, text)
    assert lineage[AUDIT][:3] == CREDITED
    assert lineage[LATER][:3] == brandt
    if brandt == FIRST_HAND:
        assert "neither in the lead nor naming the speaker" in lineage[LATER][3]


@pytest.mark.parametrize(
    "sentence, cue, part",
    [
        (
            "In his first reaction, during a Gamma Gazette interview, Mr. Vale questioned why Ms. Kowal stayed away.",
            "during a",
            "In his first reaction, during a Gamma Gazette interview, Mr. Vale",
        ),
        (
            "In an interview with Gamma Gazette's Ana Ruiz on Monday, the former governor Vale denied it.",
            "In an interview with",
            "In an interview with Gamma Gazette's Ana Ruiz on Monday, the former governor Vale",
        ),
        ("Vale, in an interview with the Gamma Gazette, criticised Kowal.", "in an interview with",
         "Vale, in an interview with the Gamma Gazette"),
        # the subject before the cue: the sentence whole
        ("Vale told the Gamma Gazette that Kowal lied.", "told", "Vale told the Gamma Gazette that Kowal lied."),
        ("During a Gamma Gazette interview Vale criticised Kowal.", "During a",
         "During a Gamma Gazette interview Vale criticised Kowal."),  # no comma to end the phrase: whole
    ],
)
def test_heard_part_is_the_sentence_up_to_the_one_interviewed(sentence, cue, part):
    assert heard_part(sentence, cue) == part


@pytest.mark.parametrize(
    "lead, expected",
    [
        # several interviews named before the words: the credited one may be any of them
        ("Ines Kowal attacked the sale during multiple interviews on Monday.", FIRST_HAND),
        ("In interviews on Monday, Ines Kowal attacked the sale.", FIRST_HAND),
        # ... unless they are the outlet's own, or one interview is named: the credited one, named again
        ("In interviews with the Gamma Gazette on Monday, Ines Kowal attacked the sale.", CREDITED),
        ("Ines Kowal attacked the sale during an interview on Monday.", CREDITED),
    ],
)
def test_several_interviews_named_before_the_words_are_not_the_credited_one(tmp_path, lead, expected):
    text = "\n\n".join((
        TITLE,
        lead,
        "A radio host asked Kowal whether the board had seen the audit.",
        f'"{AUDIT}" Kowal said.',
        "The board's chair did not answer calls on Monday.",
        "Kowal repeated the charge during an interview with the Gamma Gazette on Monday afternoon.",
        f'"{LATER}" Kowal said.',
    ))
    lineage = lineage_of_page(tmp_path, text)
    assert lineage[AUDIT][:3] == expected
    assert lineage[LATER][:3] == CREDITED
