"""extract_quotes on every text and page of the shared corpora: no crash, no skipped quotation, sane offsets.

Speed is measured by benchmarks/bench_quotes.py (which prints the slowest document), not asserted here.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest

from provenance.models import QUOTE_KINDS
from provenance.quotes import extract_quotes
from conftest import shared_path

pytestmark = pytest.mark.corpus

def read_text(path: Path) -> str:
    """A corpus file as text, whatever its encoding."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def visible_text(path: Path) -> str:
    """The visible text of an HTML page (scripts and styles dropped), as lxml's text_content gives it."""
    document = lxml.html.document_fromstring(path.read_bytes())
    for element in document.xpath("//script|//style|//noscript"):
        element.drop_tree()
    return document.text_content()


def iter_corpus_texts(corpus: str) -> Iterator[tuple[str, str]]:
    """(name, text) for every document of one shared corpus."""
    if corpus == "polnear":
        for path in sorted(shared_path("corpora", "polnear").glob("*/text/*.txt")):
            yield path.name, read_text(path)
    elif corpus == "meter":
        for path in sorted(shared_path("corpora", "meter-courts").rglob("rawtexts/**/*.txt")):
            yield str(path), read_text(path)
    elif corpus == "html":
        for path in sorted(shared_path("corpora", "article-extraction-benchmark", "html").glob("*.html")):
            yield path.name, visible_text(path)


def check_document(name: str, text: str) -> None:
    """Extract quotes from one text and check every quotation."""
    quotes = extract_quotes(text)
    for quote in quotes:
        assert quote.kind in QUOTE_KINDS, name
        assert 0 <= quote.start <= quote.end <= len(text), name
        assert all(0 <= start < end <= len(text) for start, end in quote.spans), name
        assert quote.text == " ".join(text[start:end] for start, end in quote.spans), name


@pytest.mark.parametrize("corpus,minimum", [("polnear", 900), ("meter", 1400), ("html", 181)])
def test_every_corpus_text_extracts_without_error(corpus: str, minimum: int, caplog: pytest.LogCaptureFixture) -> None:
    count = 0
    for name, text in iter_corpus_texts(corpus):
        check_document(name, text)
        count += 1
    assert count >= minimum
    # extract_quotes logs and skips a quotation it cannot attribute; none may need to be skipped here
    assert [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR] == []


def test_gold_bodies_of_the_extraction_benchmark() -> None:
    import json

    truth = json.loads(shared_path("corpora", "article-extraction-benchmark", "ground-truth.json").read_text())
    with_quotes = 0
    for key, item in truth.items():
        check_document(key, item["articleBody"])
        with_quotes += bool(extract_quotes(item["articleBody"]))
    assert len(truth) == 181
    assert with_quotes >= 100  # 135 of the gold bodies give at least one quote (2026-11-26)
