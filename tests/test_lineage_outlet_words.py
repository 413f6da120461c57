"""Words whose speaker is an outlet are its own: the article's credit to it is their source, whatever else it credits."""

from __future__ import annotations

import pytest

from tests.test_lineage_tellers import CREDITED, FIRST_HAND, lineage_of_page

TITLE = "Board keeps its lead over the harbour terminal vote."
LEAD = "HARBORTON — The port board still leads the campaign for the Eastpoint terminal, a new poll shows."
HELD = "roughly the same lead the board has held all month,"
PASSAGE = "The board's lawyers met the shipping group twice in April and kept no minutes of either meeting."
OWN_WORDS = "whose own words they are (speaker: Gamma Gazette)"


@pytest.mark.parametrize(
    "paragraphs, wording, expected, why",
    [
        # a credit for a fact (the outlet's poll) stands for the outlet's words about it
        (
            (
                "The latest Gamma Gazette poll released on Monday shows the board ahead by five points.",
                f'This is "{HELD}" reported the Gamma Gazette.',
            ),
            HELD, CREDITED, OWN_WORDS,
        ),
        # ... and a story credit past the lead, naming no speaker, for a passage of the outlet's story
        (
            (
                "Opponents of the sale gathered outside the port offices on Sunday.",
                "The vote was delayed twice this spring.",
                "The Gamma Gazette reports:",
                f'"{PASSAGE}"',
            ),
            PASSAGE, CREDITED, OWN_WORDS,
        ),
        # ... but not for another speaker's words about it
        (
            (
                "The latest Gamma Gazette poll released on Monday shows the board ahead by five points.",
                f'This is "{HELD}" said Ines Kowal.',
            ),
            HELD, FIRST_HAND, "for a fact, no one's words",
        ),
    ],
)
def test_an_outlets_own_words_come_from_the_credit_to_it(tmp_path, paragraphs, wording, expected, why):
    lineage = lineage_of_page(tmp_path, "\n\n".join((TITLE, LEAD, *paragraphs)))
    assert lineage[wording][:3] == expected
    assert why in lineage[wording][3]
