"""A time limit on one page's extraction and analysis: a page that runs past it fails alone, with a line saying so."""

from __future__ import annotations

import json
import signal
import threading
import time
from pathlib import Path

import pytest
import sqlite_utils

from provenance import pipeline, signals
from provenance.signals import PageOvertime, page_time_limit
from scrapers import html as html_module
from scrapers.html import ExtractionError, extract_article

PAGE = (
    "<html><head><title>Ferry vote</title></head><body><article><h1>Ferry vote</h1>"
    "<p>The Harborton council voted on Tuesday to keep the night ferry running through the winter, "
    "and the harbour master said the crossings would resume next week after repairs to the slipway.</p>"
    "</article></body></html>"
)


def test_a_block_past_its_limit_is_stopped_and_the_timer_put_back() -> None:
    before = signal.getsignal(signal.SIGALRM)
    started = time.monotonic()
    with pytest.raises(PageOvertime):
        with page_time_limit(0.2):
            time.sleep(5)
    assert time.monotonic() - started < 2
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is before


def test_a_block_within_its_limit_runs_to_its_end() -> None:
    with page_time_limit(5):
        value = sum(range(1000))
    assert value == 499500
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_an_inner_block_keeps_the_outer_limit() -> None:
    with pytest.raises(PageOvertime):
        with page_time_limit(0.2):
            with page_time_limit(60):  # no limit of its own: the outer one still stops the work
                time.sleep(5)


def test_outside_the_main_thread_there_is_no_limit() -> None:
    outcome: list[str] = []

    def work() -> None:
        try:
            with page_time_limit(0.05):
                time.sleep(0.3)
            outcome.append("ran")
        except PageOvertime:
            outcome.append("stopped")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert outcome == ["ran"]


def test_an_extraction_past_the_limit_is_an_extraction_error(monkeypatch) -> None:
    assert extract_article(PAGE, "https://ledger.example/ferry").title == "Ferry vote"

    def stuck(*args, **kwargs):
        time.sleep(5)

    monkeypatch.setattr(signals, "PAGE_SECONDS", 0.2)
    monkeypatch.setattr(html_module.trafilatura, "bare_extraction", stuck)
    with pytest.raises(ExtractionError, match=r"^extraction of https://ledger.example/ferry took longer than 0.2 s"):
        extract_article(PAGE, "https://ledger.example/ferry")


def test_an_import_leaves_out_the_article_whose_analysis_runs_past_the_limit(tmp_path: Path, monkeypatch) -> None:
    records = [
        {"url": f"https://ledger.example/{name}", "title": name.title(),
         "text": f'The harbour master said the {name} crossing "will run again next week, repairs or not," on Tuesday.'}
        for name in ("north", "stuck", "south")
    ]
    source = tmp_path / "articles.jsonl"
    source.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    extract_quotes = pipeline.extract_quotes

    def slow_on_one(text, *args, **kwargs):
        if "stuck" in text:
            time.sleep(60)
        return extract_quotes(text, *args, **kwargs)

    # the limit stays well above a plain page's analysis on a loaded machine: only the stuck page may reach it
    monkeypatch.setattr(signals, "PAGE_SECONDS", 2)
    monkeypatch.setattr(pipeline, "extract_quotes", slow_on_one)
    db = sqlite_utils.Database(tmp_path / "news.db")
    report = pipeline.import_paths(db, [source], workers=1)
    assert (report.new, report.failed) == (2, 1)
    assert [row["url"] for row in db.query("select url from articles order by url")] == [
        "https://ledger.example/north", "https://ledger.example/south",
    ]
    [error] = list(db.query("select * from errors"))
    assert "analysis of https://ledger.example/stuck took longer than 2 s" in error["message"]
