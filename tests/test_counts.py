"""Counts in printed lines: a noun agrees with its number, in every summary a command prints."""

from __future__ import annotations

import pytest

from provenance.counts import counted
from provenance.crawl import CrawlReport
from provenance.distributed import ExtractReport
from provenance.pipeline import ImportReport, ReanalysisReport, TraceReport


@pytest.mark.parametrize("count, noun, expected", [
    (0, "error", "0 errors"),
    (1, "error", "1 error"),
    (2, "error", "2 errors"),
    (1, "fetch", "1 fetch"),
    (17, "fetch", "17 fetches"),
    (1, "search", "1 search"),
    (0, "search", "0 searches"),
    (3, "quote cluster", "3 quote clusters"),
    (-1, "error", "-1 errors"),
])
def test_a_noun_is_singular_for_one_only(count: int, noun: str, expected: str) -> None:
    assert counted(count, noun) == expected


def test_an_irregular_plural_is_given() -> None:
    assert (counted(1, "entry", "entries"), counted(2, "entry", "entries")) == ("1 entry", "2 entries")


def test_a_crawl_summary_of_ones_is_singular() -> None:
    report = CrawlReport(fetched=1, new=1, errors=1, searches=1, pending=1, quotes_touched=1, seconds=2.0)
    assert report.summary() == (
        "1 new, 0 changed, 0 unchanged article; 1 fetch (0 not modified), 1 search, 1 error, "
        "1 page left for the next run; 1 quote traced in 2.0 s"
    )
    report.status, report.interrupted_by = "interrupted", "SIGTERM"
    assert report.summary() == (
        "interrupted by SIGTERM after 2.0 s; saved 1 new, 0 changed, 0 unchanged article; 1 fetch (0 not modified), "
        "1 search, 1 error; quotes not traced yet: the next run traces them and fetches the 1 page left"
    )


def test_a_crawl_summary_of_many_is_plural() -> None:
    report = CrawlReport(fetched=17, not_modified=2, new=3, errors=2, searches=0, pending=9, quotes_touched=40)
    assert report.summary() == (
        "3 new, 0 changed, 0 unchanged articles; 17 fetches (2 not modified), 0 searches, 2 errors, "
        "9 pages left for the next run; 40 quotes traced in 0.0 s"
    )


def test_import_reanalyse_and_trace_summaries_of_ones_are_singular() -> None:
    assert ImportReport(new=1, skipped=1, quotes_touched=1).summary() == (
        "1 new, 0 changed, 0 unchanged, 0 failed article; 1 record skipped, not articles; 1 quote traced in 0.0 s"
    )
    assert ImportReport(new=1, failed=1, quotes_touched=0).summary() == (
        "1 new, 0 changed, 0 unchanged, 1 failed articles; 0 quotes traced in 0.0 s"
    )
    assert ReanalysisReport(changed=1, quotes_touched=1).summary() == (
        "1 article analysed again: 1 changed, 0 unchanged, 0 failed; 1 quote traced in 0.0 s"
    )
    assert TraceReport(quotes_touched=1).summary() == "the whole database traced again: 1 quote cluster in 0.0 s"


def test_a_dask_summary_of_no_file_is_plural() -> None:
    assert ExtractReport().summary().startswith("0 files: 0 extracted (0 articles, 0 failed records)")


@pytest.mark.parametrize("explained, carriers, expected", [
    (1, 1, "1 of 1 carrying article traces back to it"),  # 8,103 origins on the PolNeAR copy said "1 of 1 carrying articles trace"
    (1, 2, "1 of 2 carrying articles traces back to it"),
    (2, 2, "2 of 2 carrying articles trace back to it"),
    (0, 3, "0 of 3 carrying articles trace back to it"),
])
def test_an_origin_reason_counts_its_carriers_in_agreement(explained: int, carriers: int, expected: str) -> None:
    from types import SimpleNamespace

    from provenance.lineage import ClusterTracer

    assert ClusterTracer.traced_back(SimpleNamespace(carriers=[None] * carriers), explained) == expected


@pytest.mark.parametrize("quotations, expected", [
    (6, "1 quotation after the first 5 not analysed"),
    (7, "2 quotations after the first 5 not analysed"),
])
def test_the_note_of_quotations_left_out_agrees_with_its_count(monkeypatch, quotations: int, expected: str) -> None:
    from provenance.quotes import extract_quotes

    monkeypatch.setattr("provenance.quotes.MAX_QUOTATIONS", 5)
    text = " ".join(f'"The ferry {n} runs late again," Ana Ruiz said.' for n in range(quotations))
    notes: list[str] = []
    extract_quotes(text, "Ferry", notes=notes)
    assert [note.split(" (from offset")[0] for note in notes] == [expected]


@pytest.mark.parametrize("longer, fragment, expected", [
    ("The ferries ran late again on Tuesday.", "ferries", "fragment too short to link (1 word, 1 content word)"),
    ("We will not be moved by threats.", "we will", "fragment too short to link (2 words, 0 content words)"),
    ("The ferries ran late again on Tuesday and Wednesday.", "late again", "fragment too short to link (2 words, 1 content word)"),
])
def test_a_fragment_reason_agrees_with_its_counts(longer: str, fragment: str, expected: str) -> None:
    from provenance.normalize import compare_wordings, quote_words

    assert compare_wordings(quote_words(longer), quote_words(fragment)).rule == expected


@pytest.mark.parametrize("count, noun, expected", [
    (1, "byte", "1 byte"),  # a WARC record cut short by one byte
    (1_000, "quotation", "1,000 quotations"),
    (1, "quotation", "1 quotation"),
])
def test_a_count_is_written_with_thousands_when_asked(count: int, noun: str, expected: str) -> None:
    assert counted(count, noun, thousands=True) == expected
