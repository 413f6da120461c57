"""Hostile scraped text: fictional articles with markup everywhere the import takes text, and their database;
and a text that counts the characters copied out of it, the work reading it costs.

Shared by the HTML-safety tests (test_hostile_html), the browser test (test_browser) and the tests of work in
proportion to a text's length (test_hostile_texts, test_html).
"""

from __future__ import annotations

import json
from pathlib import Path

import sqlite_utils

MARK = "PWNED"
SCRIPT = f"<script>alert('{MARK}')</script>"
IMG = f"<img src=x onerror=alert('{MARK}')>"
SVG = f"<svg onload=alert('{MARK}')>"
BOLD = f"<b onmouseover=alert('{MARK}')>ferry line</b>"
QUOTE = f"We will sell the {BOLD} to nobody who cannot keep the night crossings {SCRIPT} running,"
JS_URL = f"javascript:alert('{MARK}')"

# Two fictional articles: a scoop and an uncredited copy, markup everywhere the import takes text.
ARTICLES = [
    {
        "url": "https://evil-ledger.example/scoop",
        "outlet": f"{SVG}Evil Ledger",
        "title": f"{SCRIPT}{IMG}",
        "published": "2026-03-02T06:00:00Z",
        "text": (
            "The ferry board met on Monday.\n\n"
            f'"{QUOTE}" said Mara <i onclick=alert(\'{MARK}\')>Quill</i>, the board chair, in an interview.\n\n'
            "The board will vote next week."
        ),
    },
    {
        "url": "https://copycat.example/story",
        "outlet": f"Copy\"><script>alert('{MARK}')</script>",
        "title": f"<a href=\"{JS_URL}\">click</a>",
        "published": "2026-03-02T08:00:00Z",
        "text": (
            f"According to {SVG}Evil Ledger, the chair spoke.\n\n"
            f'"{QUOTE}" said Mara <i onclick=alert(\'{MARK}\')>Quill</i>.\n\nMore later.'
        ),
    },
]


def build_hostile_db(tmp_path: Path) -> Path:
    """Import the hostile articles through the pipeline, then plant markup where extractors never put it."""
    from provenance.pipeline import import_paths

    source = tmp_path / "hostile.jsonl"
    source.write_text("\n".join(json.dumps(article) for article in ARTICLES) + "\n", encoding="utf-8")
    path = tmp_path / "hostile.db"
    database = sqlite_utils.Database(path)
    report = import_paths(database, [source])
    assert report.failed == 0 and report.new == 2
    speaker = f"Mara {SCRIPT} Quill\"><img src=x onerror=alert('{MARK}')>"
    database.execute("update quote_occurrences set speaker = ?, speaker_name = ?, cue = ?", [speaker, speaker, IMG])
    database.execute("update quotes set speaker = ?, origin_reason = ?", [speaker, SCRIPT])
    database.execute("update articles set canonical_url = ?, author = ?, site_name = ?", [JS_URL, IMG, SVG])
    database.execute("update articles set url = ? where id = 2", [JS_URL])
    database.execute("update outlets set domain = ?, country = ? where id = 1", ['evil.example" onmouseover="alert(1)', SCRIPT])
    database["credits"].insert(
        {"article_id": 2, "outlet_id": 1, "kind": "link", "cue": IMG, "sentence": SCRIPT,
         "scope": "story", "is_copy": 0, "url": JS_URL}
    )
    database.conn.commit()
    assert database["quotes"].count >= 1
    database.conn.close()
    return path


class CountingText(str):
    """A text that counts the characters copied out of it in slices: the work its reading does on it."""

    copied = 0

    def __getitem__(self, key):
        piece = str.__getitem__(self, key)
        if isinstance(key, slice):
            CountingText.copied += len(piece)
        return piece
