"""The evidence a researcher quotes, on the quote and article pages: credit sentences, shared sentences."""

from __future__ import annotations

import html as html_lib
import re
import sqlite3
import urllib.parse
from pathlib import Path

import pytest

from provenance.web.article_page import find_shared_sentences, split_sentences
from provenance.web.quote_page import pick_edge_credits
from tests.test_plugin import build_story_db, fetch

WIRE_TEXT = (
    "The ferry line will stay in public hands until the autumn. Quill told the council the night crossings matter.\n"
    "Tickets rise. The <i>harbour board</i> meets on Friday to read the accounts."
)
REPRINT_TEXT = (
    "THE FERRY LINE will stay in public hands until the autumn! Quill told the council the night crossings matter. "
    "Tickets rise. A sentence of its own that no other article prints <b>here</b>. "
    "The <i>harbour board</i> meets on Friday to read the accounts."
)


@pytest.fixture(scope="module")
def evidence_db(tmp_path_factory) -> Path:
    """The ferry story with texts that share sentences and credits a reason names by their cue."""
    path = build_story_db(tmp_path_factory.mktemp("evidence") / "story.db")
    write(
        path,
        ("update articles set text = ? where id = 2", [WIRE_TEXT]),
        ("update articles set text = ? where id = 3", [REPRINT_TEXT]),
        ("update lineage set reason = ? where occurrence_id = 2",
         ['quote-level credit (told "told") to The Island Ledger; not applicable: according_to credit'
          " to The Island Ledger for a fact, no one's words"]),
        ("insert into credits (id, article_id, outlet_id, kind, cue, sentence, scope, is_copy)"
         " values (9, 2, 1, 'according_to', 'according to', 'Fares rose, according to the Ledger.', 'fact', 0)", []),
        ("update lineage set evidence = 'reuse', reason = 'its text reuses article 2' where occurrence_id = 5", []),
        ("update credits set sentence = 'Copyright 2026 <b>Tide Wire</b>' where id = 2", []),
        ("update credits set start = 50 where id = 1", []),  # the fact credit comes first in the article
        ("update credits set start = 0 where id = 9", []),
    )
    return path


def write(path: Path, *statements: tuple[str, list]) -> None:
    """Run statements on the database and close it, so a read-only server sees them (no WAL left)."""
    conn = sqlite3.connect(path)
    with conn:
        for sql, params in statements:
            conn.execute(sql, params)
    conn.close()


def visible(fragment: str) -> str:
    """The text a reader sees of an HTML fragment: tags dropped, entities read, whitespace collapsed."""
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def taken_from(html: str, occurrence_id: int) -> str:
    """The visible text of the *Taken from* cell of one printing on the quote page."""
    row = re.search(rf'<tr class="evidence-\w+" data-occurrence="{occurrence_id}">(.*?)</tr>', html, re.S).group(1)
    return visible(re.search(r'<td data-column="Taken from">(.*?)</td>', row, re.S).group(1))


def test_a_credit_edge_shows_the_sentence_whose_cue_its_reason_quotes(evidence_db):
    html = fetch(evidence_db, "/story/-/quote/1").text
    cell = taken_from(html, 2)
    assert "its credit (told, “told”): “Quill told The Island Ledger.”" in cell
    assert "Fares rose" not in cell  # the fact credit the tracer set aside
    assert "its credit (link, “reported”): “The Ledger reported this morning.” https://islandledger.example/ferry-1" \
        in taken_from(html, 7)
    assert '<a href="https://islandledger.example/ferry-1" rel="nofollow noopener noreferrer"' in html


def test_a_credit_sentence_is_escaped(evidence_db):
    html = fetch(evidence_db, "/story/-/quote/1").text
    assert "Copyright 2026 &lt;b&gt;Tide Wire&lt;/b&gt;" in taken_from_html(html, 4)
    assert "<b>Tide Wire</b>" not in html


@pytest.mark.parametrize(
    ("credits", "evidence", "reason", "kinds"),
    [
        ([("fact", "according_to", "according to"), ("quote", "told", "told")], "credit", 'credit (told "told")', ["told"]),
        ([("fact", "according_to", "according to"), ("quote", "told", "told")], "credit", "no cue here", ["told"]),
        ([("story", "link", "reported"), ("quote", "told", "told")], "link", "link credit to the Ledger", ["link"]),
        ([("fact", "according_to", "according to")], "credit", "nothing quoted", ["according_to"]),
        # a cue quoted only among the credits set aside is not the edge's
        ([("quote", "told", "told"), ("story", "said", "said")], "credit",
         'the article is its copy; not applicable: told credit ("told")', ["told", "said"]),
    ],
)
def test_pick_edge_credits(credits, evidence, reason, kinds):
    rows = [{"scope": scope, "kind": kind, "cue": cue} for scope, kind, cue in credits]
    assert [row["kind"] for row in pick_edge_credits(rows, evidence, reason)] == kinds


def test_a_source_outlet_with_other_articles_is_not_called_uncrawled(tmp_path):
    path = build_story_db(tmp_path / "story.db")
    write(path, ("update quotes set origin_outlet_id = 6, origin_article_id = null where id = 1", []))
    html = fetch(path, "/story/-/quote/1").text
    assert "(not crawled)" in taken_from(html, 8)
    assert "which was not crawled: no article of it is here" in visible(html)
    write(path, ("insert into articles (id, url, outlet_id, title, time_key, first_seen, text) values"  # another story
                 " (7, 'https://gullmonitor.example/gulls', 6, 'Gull count', '2026-03-01', '2026-03-01', 'Gulls.')", []))
    html = fetch(path, "/story/-/quote/1").text
    assert "(its article with it not crawled)" in taken_from(html, 8)
    statement = visible(re.search(r'<p class="origin-statement">(.*?)</p>', html, re.S).group(1))
    assert statement == ("Origin: Gull Monitor (newspaper), whose article with it was not crawled: other articles of it"
                         " are here, but this one is known only from the articles that credit or link it.")
    assert "no article of it is here" not in visible(html)


def test_a_printing_without_a_speaker_says_so(evidence_db):
    html = fetch(evidence_db, "/story/-/quote/3").text
    assert "no speaker found" in html


def test_split_and_share_sentences():
    assert split_sentences("One here. “Two,” he said! Three?\nFour") == ["One here.", "“Two,” he said!", "Three?", "Four"]
    assert find_shared_sentences(REPRINT_TEXT, WIRE_TEXT) == [
        "THE FERRY LINE will stay in public hands until the autumn!",
        "Quill told the council the night crossings matter.",
        "The <i>harbour board</i> meets on Friday to read the accounts.",
    ]  # "Tickets rise." is shared, but too short to tell copying from chance


def test_the_article_page_shows_the_sentences_both_articles_print(evidence_db):
    html = fetch(evidence_db, "/story/-/article/3").text
    row = re.search(r'<tr id="shared-2">(.*?)</tr>', html, re.S).group(1)
    assert "3 sentences" in row
    assert "<li><bdi>Quill told the council the night crossings matter.</bdi></li>" in row
    assert "<li><bdi>The &lt;i&gt;harbour board&lt;/i&gt; meets on Friday to read the accounts.</bdi></li>" in row
    assert "<i>harbour" not in html
    assert "no other article prints" not in row
    other = re.search(r'<tr id="shared-3">(.*?)</tr>', fetch(evidence_db, "/story/-/article/2").text, re.S).group(1)
    assert "3 sentences" in other and "The ferry line will stay in public hands until the autumn." in other
    # ClickFerry's article shares no sentence with the wire's, though its words are counted as reused
    assert "none word for word" in fetch(evidence_db, "/story/-/article/4").text


def test_a_reuse_edge_links_to_the_shared_sentences(evidence_db):
    html = fetch(evidence_db, "/story/-/quote/2").text
    assert '<a href="/story/-/article/3#shared-2">the sentences both articles print</a>' in taken_from_html(html, 5)


def taken_from_html(html: str, occurrence_id: int) -> str:
    """The HTML of one printing's row on the quote page."""
    return re.search(rf'data-occurrence="{occurrence_id}">(.*?)</tr>', html, re.S).group(1)


def test_a_list_of_quote_ids_links_each_quote(evidence_db):
    html = fetch(evidence_db, "/story/story_timeline?title=&from_day=2026-03-02&to_day=2026-03-02").text
    cell = re.search(r'<td class="col-quotes_first_printed">(.*?)</td>', html, re.S).group(1)
    assert cell == '<a class="provenance-link" href="/story/-/quote/1">1</a>'  # article 1 printed quote 1 first
    sql = "select '1,2' as quotes_first_printed, '1,x' as quotes_first_printed_2, '3,4' as quote_list"
    html = fetch(evidence_db, "/story?" + urllib.parse.urlencode({"sql": sql})).text
    assert ('<td class="col-quotes_first_printed"><a class="provenance-link" href="/story/-/quote/1">1</a>, '
            '<a class="provenance-link" href="/story/-/quote/2">2</a></td>') in html
    assert '<td class="col-quotes_first_printed_2">1,x</td>' in html and '<td class="col-quote_list">3,4</td>' in html


def test_the_origin_names_the_other_roots_where_chains_end(tmp_path):
    path = build_story_db(tmp_path / "story.db")

    def roots() -> str:
        found = re.search(r'<p class="other-roots">(.*?)</p>', fetch(path, "/story/-/quote/1").text, re.S)
        return visible(found.group(1)) if found else ""

    # Straits Evening credits Gull Monitor, which has no article here: its chain does not reach the Ledger
    assert roots() == ("Not every printing traces back to it: the other chains end at Gull Monitor"
                       " (credited by Straits Evening; not crawled).")
    write(path, ("update lineage set evidence = 'origin', source_article_id = null, source_outlet_id = null"
                 " where occurrence_id = 7", []))  # Ferry Notes printed it first-hand too
    assert "Ferry Notes (its article, 2026-03-02 (date only), printed first-hand)" in roots()
    write(path, ("update quotes set origin_reason = 'exclusive: Gull Monitor had it (the only root)' where id = 1", []))
    assert roots() == ""  # the tracer's own count wins


def test_trace_quote_gives_the_credit_sentence_the_quote_page_shows(evidence_db):
    rows = fetch(evidence_db, "/story/trace_quote.json?words=night+crossings&_shape=objects").json()["rows"]
    sentences = {row["article_id"]: row["credit_sentence"] for row in rows if row["quote_id"] == 1}
    assert sentences == {
        1: None,  # first-hand
        2: "Quill told The Island Ledger.",  # the credit whose cue the reason quotes, not the earlier fact credit
        3: "Copyright 2026 <b>Tide Wire</b>",  # JSON keeps the data as it is
        4: None,  # earlier: no credit
        5: "The Ledger reported this morning.",  # the link credit
        6: "according to the Gull Monitor",
    }
