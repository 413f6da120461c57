"""Hostile article texts (thousands of quotations in one paragraph, only quote marks, endless sentences): the work of
analysing them grows with their length, and an article's quotations past MAX_QUOTATIONS are noted, not analysed."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pytest
import sqlite_utils

from provenance.models import Article
from provenance.outlets import load_registry
from provenance.pipeline import analyse_article, import_paths
from provenance.quotes import extract_quotes
from provenance.speakers import SpeakerIndex
from tests.hostile import CountingText

NAMES = ["Ansel Brora", "Corvin Dalla", "Eskel Fenna"]


def said_in_one_paragraph(count: int) -> str:
    return " ".join(f'"The ferry {n} runs late again," {NAMES[n % 3]} said.' for n in range(count))


# text generators of `count` parts each
HOSTILE_TEXTS = {
    "said quotations in one paragraph": said_in_one_paragraph,
    "short quotations in one paragraph": lambda count: " ".join(f'"ferry {n}"' for n in range(count)),
    "short quotations a line each": lambda count: "\n".join(f'"ferry {n}"' for n in range(count)),
    "alternating marks": lambda count: "".join(f"{mark}ferry{n}" for n in range(count) for mark in "\"'“”‘’"[n % 6]),
    "only quote marks": lambda count: '"“”\'' * count,
    "one endless sentence": lambda count: " ".join(f"ferry{n}," for n in range(count)),
    "capitalised names": lambda count: " ".join(f"{NAMES[n % 3]}{n} Harbor" for n in range(count)),
}


def copied_per_character(text: str) -> float:
    """The characters extract_quotes copies out of `text` in slices, per character of it."""
    counted = CountingText(text)
    CountingText.copied = 0
    extract_quotes(counted, "Ferry")
    return CountingText.copied / len(text)


@pytest.mark.parametrize("name", list(HOSTILE_TEXTS))
def test_analysing_a_hostile_text_copies_it_in_proportion_to_its_length(name: str) -> None:
    small, large = (copied_per_character(HOSTILE_TEXTS[name](count)) for count in (200, 800))
    # a copy of the paragraph before every quote made this four times as much, at four times the length
    assert large < 1.25 * small + 1


def test_a_paragraph_of_quotations_is_read_a_bounded_number_of_times() -> None:
    text = said_in_one_paragraph(800)
    assert [quotation.speaker for quotation in extract_quotes(text, "Ferry")[:3]] == NAMES
    assert copied_per_character(text) < 60  # 2,400 before: the paragraph copied again for every quotation


def test_quotations_past_the_cap_are_noted_not_analysed(monkeypatch) -> None:
    monkeypatch.setattr("provenance.quotes.MAX_QUOTATIONS", 5)
    text = said_in_one_paragraph(8)
    notes: list[str] = []
    quotations = extract_quotes(text, "Ferry", notes=notes)
    assert [quotation.text for quotation in quotations] == [f"The ferry {n} runs late again," for n in range(5)]
    assert notes == [f"3 quotations after the first 5 not analysed (from offset {text.index(chr(34) + 'The ferry 5')})"]
    assert extract_quotes(said_in_one_paragraph(5), "Ferry", notes=notes) and len(notes) == 1


def test_an_article_over_the_cap_keeps_a_note_and_loses_it_when_whole(monkeypatch) -> None:
    monkeypatch.setattr("provenance.quotes.MAX_QUOTATIONS", 5)
    article = Article(url="https://harbor-gazette.example/ferry", text=said_in_one_paragraph(7), title="Ferry")
    analysis = analyse_article(article, load_registry())
    assert len(analysis.quotations) == 5
    assert analysis.article.metadata["analysis_notes"][0].startswith("2 quotations after the first 5 not analysed")
    article.text = said_in_one_paragraph(4)
    assert "analysis_notes" not in analyse_article(article, load_registry()).article.metadata


def test_an_import_saves_the_first_quotations_and_the_note(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("provenance.quotes.MAX_QUOTATIONS", 5)
    source = tmp_path / "hostile.jsonl"
    source.write_text(json.dumps({"url": "https://harbor-gazette.example/ferry", "title": "Ferry",
                                  "published": "2026-02-01", "text": said_in_one_paragraph(9)}) + "\n", encoding="utf-8")
    db = sqlite_utils.Database(tmp_path / "hostile.db")
    import_paths(db, [source], workers=1)
    assert db.execute("select count(*) from quote_occurrences").fetchone()[0] == 5
    (metadata,) = db.execute("select metadata from articles").fetchone()
    assert json.loads(metadata)["analysis_notes"][0].startswith("4 quotations after the first 5 not analysed")


def test_the_speaker_index_reads_only_as_far_as_the_analysed_quotations(monkeypatch) -> None:
    text = "\n\n".join(said_in_one_paragraph(4) for _ in range(200))  # 800 quotations, four a paragraph
    whole = [(q.text, q.speaker_name, q.cue) for q in extract_quotes(text, "Ferry")[:5]]
    read: list[int] = []

    class RecordingIndex(SpeakerIndex):
        def __init__(self, text: str, quoted: Iterable[tuple[int, int]] = ()) -> None:
            read.append(len(text))
            super().__init__(text, quoted)

    monkeypatch.setattr("provenance.quotes.SpeakerIndex", RecordingIndex)
    monkeypatch.setattr("provenance.quotes.MAX_QUOTATIONS", 5)
    capped = extract_quotes(text, "Ferry", notes=[])
    assert [(q.text, q.speaker_name, q.cue) for q in capped] == whole
    # the sixth quotation opens the second paragraph: the index reads the text to that paragraph's end, not all of it
    assert read == [text.index("\n\n", text.index("\n\n") + 2)]


def credited_paragraphs(count: int) -> str:
    return "\n".join(
        f"The vote was close, according to the Harbor {n % 50} Ledger, and the Ferrytown Post reported it." for n in range(count)
    )


def copyright_marks(count: int) -> str:
    return " ".join(f"Copyright {2000 + n % 20} Harbor {n % 50} News, and more words." for n in range(count))


def name_reads_per_mention(text: str, monkeypatch) -> float:
    """How many outlet names the credit reader normalises per paragraph or mark of `text`."""
    from provenance import credits

    calls = [0]
    normalize_name = credits.normalize_name

    def counted(name: str) -> str:
        calls[0] += 1
        return normalize_name(name)

    monkeypatch.setattr(credits, "normalize_name", counted)
    article = Article(url="https://ferry-post.example/vote", text=text, title="Vote")
    credits.read_credits(article, [], load_registry())
    return calls[0]


def test_a_text_of_credited_paragraphs_reads_each_name_a_bounded_number_of_times(monkeypatch) -> None:
    small, large = (name_reads_per_mention(credited_paragraphs(count), monkeypatch) / count for count in (100, 400))
    # every short form ("the Ledger") normalised every outlet named before it: 105 s for 8,000 paragraphs
    assert large < 1.25 * small + 1


def test_a_paragraph_of_copyright_marks_is_read_in_proportion_to_its_length() -> None:
    from provenance import credits

    copied = []
    for count in (100, 400):
        text = CountingText(copyright_marks(count))
        CountingText.copied = 0
        credits.read_credits(Article(url="https://ferry-post.example/vote", text=text, title="Vote"), [], load_registry())
        copied.append(CountingText.copied / len(text))
    # each mark read the rest of its line, the whole paragraph: four times the work per character at four times the length
    assert copied[1] < 1.25 * copied[0] + 1


def heading_lookups(count: int, monkeypatch) -> int:
    """How often the speaker index asks whether a place is in a heading, for a story of `count` title-case lines."""
    calls = []
    looked_up = SpeakerIndex.in_heading
    monkeypatch.setattr(SpeakerIndex, "in_heading", lambda index, position: calls.append(position) or looked_up(index, position))
    text = '"The ferry runs late again," Ansel Brora said on Monday.\n' + "Mayor Vale Speaks\n" * count
    extract_quotes(text, "Ferry")
    return len(calls)


def test_a_text_of_headings_is_looked_up_in_proportion_to_its_length(monkeypatch) -> None:
    # fuzz25: every heading asked of every place its words are printed, each a scan of every heading: 1,000 headings
    # took 23 s, 2,000 three minutes, 10,000 (a mutated PolNeAR text of 144 KB) past the 120 s limit
    small, large = heading_lookups(200, monkeypatch), heading_lookups(800, monkeypatch)
    assert large < 4 * small + 10


@pytest.mark.parametrize("word", [
    # fuzz25: the name pattern tried every place to split a capitalised word: 20,000 letters took 7 s, a mutated METER
    # report's 78,000 two minutes, past the page limit; in one run it takes a fraction of a second
    "Dav" + "n" * 300_000, "Ines Vale Headin" + "g" * 300_000,
    # fuzz25: the sentence ends were looked for from every full stop of a run, each reading the rest of it
    "Ines Vale" + "." * 300_000, "Ines Vale" + "?!" * 150_000 + " and",
])
def test_a_run_of_300000_characters_is_read_well_within_the_page_limit(word: str, monkeypatch) -> None:
    from provenance import signals

    monkeypatch.setattr(signals, "PAGE_SECONDS", 20.0)
    article = Article(url="https://valley-courier.example/a", text=f'The court heard the case.\n"The ferry runs late again," {word} said.',
                      source="import")
    assert analyse_article(article, load_registry()).article is article
