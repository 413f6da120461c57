"""Clustering: exact grouping, gram candidates, the rule, fragments, no chaining, incremental runs."""

from __future__ import annotations

import pytest
import sqlite_utils

from db import ensure_db_shape
from provenance import clustering
from provenance.clustering import (
    assign_occurrences, rebuild_clusters, speakers_agree, tidy_wording,
)
from tests.lineage_story import (
    Q1, Q1_ALTERED, Q2, Q2_ALTERED, Q2_SHORT, Q3, Q3_FRAGMENT, Q4, Q5, Q5_VARIANT, Q6, Q7,
    build_story,
)


def clusters_by_text(db: sqlite_utils.Database) -> dict[str, set[str]]:
    """canonical text -> the distinct wordings printed in the cluster."""
    found: dict[str, set[str]] = {}
    for canonical, wording in db.execute(
        "select q.text, o.text from quotes q join quote_occurrences o on o.quote_id = q.id"
    ):
        found.setdefault(canonical, set()).add(wording)
    return found


def test_sample_story_clusters(memory_db):
    build_story(memory_db)
    touched = assign_occurrences(memory_db)
    assert len(touched) == 7
    assert clusters_by_text(memory_db) == {
        Q1: {Q1, Q1_ALTERED},
        Q2: {Q2, Q2_SHORT, Q2_ALTERED},
        Q3: {Q3, Q3_FRAGMENT},
        Q4: {Q4},
        Q5: {Q5, Q5_VARIANT},
        Q6: {Q6},
        Q7: {Q7},
    }


def test_sample_story_cluster_columns(memory_db):
    build_story(memory_db)
    assign_occurrences(memory_db)
    rows = {
        row["text"]: row
        for row in memory_db.query(
            "select text, speaker, word_count, first_seen, article_count, outlet_count, variant_count"
            " from quotes"
        )
    }
    assert rows[Q1] == {
        "text": Q1, "speaker": "Dana Whitfield", "word_count": 16,
        "first_seen": "2026-03-02T06:00:00+00:00", "article_count": 7, "outlet_count": 6,
        "variant_count": 1,
    }
    assert rows[Q2]["variant_count"] == 2
    assert rows[Q2]["article_count"] == 8
    assert (rows[Q3]["speaker"], rows[Q3]["article_count"]) == ("Dana Whitfield", 6)
    assert rows[Q5]["outlet_count"] == 3
    drift = dict(
        memory_db.execute("select text, drift from quote_occurrences where is_canonical = 0").fetchall()
    )
    assert drift == {
        Q1_ALTERED: "[-cannot-] {+can't+}; [-two-] {+$2+}; [-dollars-]",
        Q2_SHORT: "[-on the table,-] {+...+}",
        Q2_ALTERED: "[-in front of-] {+before+}",
        Q3_FRAGMENT: "excerpt: words 8-11 of 11",
        Q5_VARIANT: "[-everybody-] {+everyone+}",
    }
    assert memory_db.execute(
        "select count(*) from quote_occurrences where is_canonical = 1 and drift is null"
    ).fetchone()[0] == 25


def add_article(
    db, outlet_id: int, name: str, time_key: str, quotes: list[tuple[str, str | None, str]], cue: str | None = "said"
) -> int:
    """An article carrying (wording, speaker, kind) quotations, each reported with `cue` (None: words used only)."""
    article_id = db["articles"].insert(
        {"url": f"https://x.example/{name}", "outlet_id": outlet_id, "text": name,
         "first_seen": time_key, "time_key": time_key}
    ).last_pk
    for start, (text, speaker, kind) in enumerate(quotes):
        db["quote_occurrences"].insert(
            {"article_id": article_id, "text": text, "speaker": speaker, "speaker_name": speaker, "kind": kind,
             "cue": cue, "start": start, "end": start + 1}
        )
    return article_id


@pytest.fixture
def outlet(memory_db):
    return memory_db["outlets"].insert({"key": "x", "name": "X", "kind": "newspaper"}).last_pk


def quote_of(db, text: str) -> int:
    return db.execute("select quote_id from quote_occurrences where text = ?", [text]).fetchone()[0]


def test_incremental_runs_join_existing_clusters(memory_db, outlet):
    add_article(memory_db, outlet, "a", "2026-03-02T06:00:00Z", [(Q3, "Dana Whitfield", "speech")])
    first = assign_occurrences(memory_db)
    assert assign_occurrences(memory_db) == set()  # nothing new: nothing touched
    add_article(memory_db, outlet, "b", "2026-03-02T07:00:00Z",
                [(Q3_FRAGMENT, None, "fragment"), (Q3.upper(), None, "speech"), (Q4, "Priya Raman", "speech")])
    second = assign_occurrences(memory_db)
    assert first < second
    assert quote_of(memory_db, Q3_FRAGMENT) == quote_of(memory_db, Q3) == quote_of(memory_db, Q3.upper())
    assert quote_of(memory_db, Q4) not in first
    grams = memory_db.execute("select count(*) from quote_grams").fetchone()[0]
    # 4-grams of Q3 (11 words) and Q4 (16 words), the 3-word runs of them a fragment could be
    # (two content words: "existing lease with" ..., 3 and 5), and the fragment's one 4-gram, kept
    # apart from full quotations'
    assert grams == 8 + 13 + 3 + 5 + 1


def test_a_date_alone_does_not_found_the_cluster_before_the_times_of_its_day(memory_db, outlet):
    said = "Nobody will close that airport while the harbour board still owns the terminal."
    altered = "Nobody will shut that airport while the harbour board still owns the terminal."
    # the altered wording is printed on a day with no hour; the words were said at 06:55 that day
    add_article(memory_db, outlet, "undated", "2026-03-02", [(altered, "Ines Kowal", "speech")])
    add_article(memory_db, outlet, "radio", "2026-03-02T06:55:00Z", [(said, "Ines Kowal", "speech")])
    add_article(memory_db, outlet, "buzz", "2026-03-02T12:00:00Z",
                [(said, "Ines Kowal", "speech"), ("close that airport while", None, "fragment")])
    assign_occurrences(memory_db)
    # the fragment printed beside the 06:55 wording joins through it whichever wording founded the
    # cluster (`beside`); the next test is the one that needs the 06:55 wording to found it
    assert clusters_by_text(memory_db) == {said: {said, altered, "close that airport while"}}


def test_a_fragment_printed_alone_joins_the_wording_said_first_not_a_date_only_reprint(memory_db, outlet):
    said = "Nobody will close that airport while the harbour board still owns the terminal."
    altered = "Nobody will shut that airport while the harbour board still owns the terminal."
    # nothing is printed beside the fragment: it joins only if the 06:55 wording founded the
    # cluster (a date alone sorts after the times of its day), not the altered date-only reprint
    add_article(memory_db, outlet, "undated", "2026-03-02", [(altered, "Ines Kowal", "speech")])
    add_article(memory_db, outlet, "radio", "2026-03-02T06:55:00Z", [(said, "Ines Kowal", "speech")])
    add_article(memory_db, outlet, "buzz", "2026-03-02T12:00:00Z", [("close that airport while", None, "fragment")])
    assign_occurrences(memory_db)
    assert list(clusters_by_text(memory_db).values()) == [{said, altered, "close that airport while"}]


def test_a_fragment_of_an_altered_wording_joins_through_the_wording_beside_it(memory_db, outlet):
    said = "Nobody will close that airport while the harbour board still owns the terminal."
    altered = "Nobody will shut that airport while the harbour board still owns the terminal."
    add_article(memory_db, outlet, "radio", "2026-03-02T06:55:00Z", [(said, "Ines Kowal", "speech")])
    add_article(memory_db, outlet, "buzz", "2026-03-02T12:00:00Z",
                [(altered, "Ines Kowal", "speech"), ("shut that airport while", None, "fragment")])
    assign_occurrences(memory_db)
    assert clusters_by_text(memory_db) == {said: {said, altered, "shut that airport while"}}


def test_fragment_before_its_full_quote_ends_in_one_cluster(memory_db, outlet):
    add_article(memory_db, outlet, "a", "2026-03-02T06:00:00Z", [("man of peace", None, "fragment")])
    assign_occurrences(memory_db)
    add_article(memory_db, outlet, "b", "2026-03-02T07:00:00Z",
                [("He has always been a man of peace, whatever they say now.", "Ana Ruiz", "speech")])
    assign_occurrences(memory_db)
    assert clusters_by_text(memory_db) == {
        "He has always been a man of peace, whatever they say now.": {
            "man of peace", "He has always been a man of peace, whatever they say now."
        }
    }


def test_fragment_does_not_join_another_speakers_quote(memory_db, outlet):
    add_article(memory_db, outlet, "a", "2026-03-02T06:00:00Z",
                [("The port deal is dead in the water, frankly.", "Sam Oduya", "speech")])
    add_article(memory_db, outlet, "b", "2026-03-02T07:00:00Z", [("dead in the water", "Lee Park", "fragment")])
    assign_occurrences(memory_db)
    assert len(clusters_by_text(memory_db)) == 2


def test_fragment_joins_the_quote_of_the_same_person_named_by_surname(memory_db, outlet):
    full = "Our farmers have suffered enough and we will double the emergency relief fund this summer."
    add_article(memory_db, outlet, "a", "2026-03-02T06:00:00Z", [(full, "Ines Kowalski", "speech")])
    add_article(memory_db, outlet, "b", "2026-03-02T09:00:00Z",
                [("double the emergency relief fund", "Kowalski", "fragment")])
    assign_occurrences(memory_db)
    assert quote_of(memory_db, "double the emergency relief fund") == quote_of(memory_db, full)


OPENING = "The people of this state deserve a government that listens to them and acts on their concerns"


def test_another_persons_sentence_with_the_same_opening_is_another_quote(memory_db, outlet):
    add_article(memory_db, outlet, "a", "2026-03-02T06:00:00Z",
                [(OPENING + ", which is why I will vote for the water bill.", "Rosa Vega", "speech")])
    add_article(memory_db, outlet, "b", "2026-03-02T11:00:00Z",
                [(OPENING + ", and that is exactly why I will oppose this reckless bill.", "Dan Cole", "speech")])
    assign_occurrences(memory_db)
    assert len(clusters_by_text(memory_db)) == 2


def test_a_name_read_from_he_does_not_split_a_sentence_mostly_the_clusters(memory_db, outlet):
    # the second article prints "he said": the name the extractor put on it is a guess, and most
    # of the sentence is the cluster's, so it is the same quote misattributed, not another one
    add_article(memory_db, outlet, "a", "2026-03-02T06:00:00Z",
                [(OPENING + ", which is why I will vote for the water bill.", "Rosa Vega", "speech")])
    article_id = add_article(memory_db, outlet, "b", "2026-03-02T11:00:00Z",
                             [(OPENING + ", and that is exactly why I will oppose this reckless bill.", "Dan Cole", "speech")])
    memory_db.execute("update quote_occurrences set speaker = 'he' where article_id = ?", [article_id])
    assign_occurrences(memory_db)
    assert len(clusters_by_text(memory_db)) == 1


def test_a_fragment_given_to_another_person_stays_apart_even_from_he(memory_db, outlet):
    # a few words have nothing but their speaker to tell a stock phrase from a quote
    add_article(memory_db, outlet, "a", "2026-03-02T06:00:00Z",
                [("The port deal is dead in the water, frankly.", "Sam Oduya", "speech")])
    memory_db.execute("update quote_occurrences set speaker = 'he'")
    add_article(memory_db, outlet, "b", "2026-03-02T07:00:00Z", [("is dead in the water", "Lee Park", "fragment")])
    assign_occurrences(memory_db)
    assert len(clusters_by_text(memory_db)) == 2


def test_the_same_words_given_to_another_person_stay_one_quote(memory_db, outlet):
    # a misattribution is drift, not another quotation
    said = OPENING + ", which is why I will vote for the water bill."
    add_article(memory_db, outlet, "a", "2026-03-02T06:00:00Z", [(said, "Rosa Vega", "speech")])
    add_article(memory_db, outlet, "b", "2026-03-02T11:00:00Z",
                [(said.replace("vote for", "support"), "Dan Cole", "speech")])
    assign_occurrences(memory_db)
    assert len(clusters_by_text(memory_db)) == 1


@pytest.mark.parametrize(
    "first, second, agree",
    [
        ("Ines Kowalski", "Kowalski", True),
        ("Ines Kowalski", "ines kowalski", True),
        ("Ines Kowalski", "Ines Maria Kowalski", True),
        ("Ines Kowalski", "Dan Kowalski", False),
        ("Ines Kowalski", "Ines", False),  # a first name alone is no surname
        ("Ines Kowalski", None, None),
        # titles, ranks and post-nominals as court reports print them
        ("WPC Hendra", "Miss Hendra", True),
        ("PC Hendra", "Joy Hendra", True),
        ("Arden Redwell QC", "Arden Redwell", True),
        ("Fostina Brobbe", "Mrs Brobbe", True),
        ("SHOPKEEPER Kevan Rowbury", "Kevan Rowbury", True),  # a descriptor before the name
        ("Ken Jowett", "Kenneth Jowett", True),  # a short form of the first name
        ("Miss Hendra", "Mr Hendra", False),
        ("Mr. Kowalski", "Maria Kowalski", False),  # a man's title, a woman's first name
        ("Mr Kowalski", "Ines Kowalski", False),  # a woman's first name on the longer list of given names
        ("Mrs Kowalski", "Kurt Kowalski", False),
        ("Mrs Kowalski", "Jordan Kowalski", True),  # a first name given to both sexes
        ("Dana Whitfield Jr.", "Dana Whitfield", False),
    ],
)
def test_speakers_agree(first, second, agree):
    assert speakers_agree(first, second) is agree


def test_no_chaining_merges(memory_db, outlet):
    a = "one two three four five six seven eight nine ten eleven twelve"
    b = "one two three four five six seven eight alpha beta gamma delta"  # O=8 of 12: links to a
    c = "zeta eta three four five six seven eight alpha beta gamma delta"  # links to b, not to a
    add_article(memory_db, outlet, "a", "2026-03-02T06:00:00Z", [(a, None, "speech")])
    add_article(memory_db, outlet, "b", "2026-03-02T07:00:00Z", [(b, None, "speech")])
    add_article(memory_db, outlet, "c", "2026-03-02T08:00:00Z", [(c, None, "speech")])
    assign_occurrences(memory_db)
    assert quote_of(memory_db, a) == quote_of(memory_db, b) != quote_of(memory_db, c)


def test_very_common_grams_suggest_nothing(memory_db, outlet, monkeypatch):
    monkeypatch.setattr(clustering, "MAX_GRAM_POSTINGS", 2)
    shared = "at the end of the day"
    for index, tail in enumerate(["ports matter most", "voters decide budgets", "cranes stay idle"]):
        add_article(memory_db, outlet, f"a{index}", f"2026-03-0{index + 1}", [(f"{shared} {tail}", None, "speech")])
    assign_occurrences(memory_db)
    add_article(memory_db, outlet, "z", "2026-03-09", [(f"{shared} cranes stay idle.", None, "speech")])
    assign_occurrences(memory_db)
    # identical wording still groups exactly; the shared opening alone no longer makes candidates
    assert len(clusters_by_text(memory_db)) == 3
    # the opening's three 4-grams in each of the three clusters (its 3-word runs hold one content
    # word at most: no fragment could be one of them)
    assert memory_db.execute(
        "select count(*) from quote_grams where gram in (select gram from quote_grams group by gram having count(*) > 2)"
    ).fetchone()[0] == 9


def test_rebuild_gives_the_same_clusters(memory_db):
    build_story(memory_db)
    assign_occurrences(memory_db)
    before = clusters_by_text(memory_db)
    grams = memory_db.execute("select count(*) from quote_grams").fetchone()[0]
    rebuild_clusters(memory_db)
    assert clusters_by_text(memory_db) == before
    assert memory_db.execute("select count(*) from quote_grams").fetchone()[0] == grams


def test_article_by_article_equals_all_at_once(memory_db):
    ids = build_story(memory_db)
    assign_occurrences(memory_db)
    all_at_once = clusters_by_text(memory_db)
    memory_db.execute("update quote_occurrences set quote_id = null")
    memory_db.execute("delete from quote_grams")
    memory_db.execute("delete from quotes")
    article_ids = [ids[name] for name in ("A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A13", "A9", "A10", "A11", "A12")]
    memory_db.conn.execute("pragma foreign_keys=off")
    memory_db.execute("update quote_occurrences set quote_id = -1, normalized = null")  # parked
    for article_id in article_ids:
        memory_db.execute("update quote_occurrences set quote_id = null where article_id = ?", [article_id])
        assign_occurrences(memory_db)
    memory_db.conn.execute("pragma foreign_keys=on")
    assert clusters_by_text(memory_db) == all_at_once


def test_shortened_quote_first_then_the_full_one(memory_db, outlet):
    add_article(memory_db, outlet, "a", "2026-03-02T06:00:00Z", [(Q2_SHORT, "Dana Whitfield", "speech")])
    assign_occurrences(memory_db)
    add_article(memory_db, outlet, "b", "2026-03-02T07:00:00Z", [(Q2, "Dana Whitfield", "speech")])
    add_article(memory_db, outlet, "c", "2026-03-02T08:00:00Z", [(Q2, "Dana Whitfield", "speech")])
    assign_occurrences(memory_db)
    assert clusters_by_text(memory_db) == {Q2: {Q2, Q2_SHORT}}


def test_fragment_joins_the_quote_printed_beside_it(memory_db, outlet):
    first = "Frankly the harbour deal is dead in the water and everyone at the port knows it."
    second = "The stadium plan is dead in the water unless the council finds new money for it."
    add_article(memory_db, outlet, "a", "2026-03-01T06:00:00Z", [(first, "Sam Oduya", "speech")])
    add_article(memory_db, outlet, "b", "2026-03-02T06:00:00Z", [(second, "Lee Park", "speech")])
    assign_occurrences(memory_db)
    add_article(memory_db, outlet, "c", "2026-03-03T06:00:00Z",
                [(first, "Sam Oduya", "speech"), ("dead in the water", None, "fragment")])
    add_article(memory_db, outlet, "d", "2026-03-03T07:00:00Z",
                [("dead in the water", None, "fragment"), (second, "Lee Park", "speech")])
    add_article(memory_db, outlet, "e", "2026-03-03T08:00:00Z",
                [("dead in the water", "Lee Park", "fragment")])
    assign_occurrences(memory_db)
    clusters = {
        row[0]: row[1]
        for row in memory_db.execute(
            "select a.url, q.text from quote_occurrences o join articles a on a.id = o.article_id"
            " join quotes q on q.id = o.quote_id where o.text = 'dead in the water'"
        )
    }
    assert clusters == {
        "https://x.example/c": first,  # printed beside the harbour quote
        "https://x.example/d": second,  # printed beside the stadium quote
        "https://x.example/e": second,  # alone, but given Lee Park as speaker
    }


@pytest.mark.parametrize(
    "printed, clusters",
    [
        # a 3-word fragment, then a longer one holding it: no 4-gram of the first finds it
        ([("keeper of promises", "Mira Solberg"), ("a loyal keeper of promises,", "Mira Solberg")], 1),
        # the longer first: a 3-word fragment looks only for full quotations holding it
        ([("a loyal keeper of promises", "Mira Solberg"), ("keeper of promises", "Mira Solberg")], 1),
        # a name read from "she" agrees with none
        ([("keeper of promises", None), ("a loyal keeper of promises", "Mira Solberg")], 1),
        # the same words given to two people in one article are two people's words
        ([("keeper of promises", "Mira Solberg"), ("a loyal keeper of promises", "Jon Tveit")], 2),
        # nothing held: two quotes
        ([("keeper of promises", "Mira Solberg"), ("a loyal friend of the ferrymen", "Mira Solberg")], 2),
    ],
)
def test_a_fragment_joins_a_fragment_of_its_article_holding_it_or_held_by_it(memory_db, outlet, printed, clusters):
    add_article(memory_db, outlet, "a", "2026-03-02T06:00:00Z", [(text, speaker, "fragment") for text, speaker in printed])
    assign_occurrences(memory_db)
    assert memory_db.execute("select count(distinct quote_id) from quote_occurrences").fetchone()[0] == clusters


def test_a_fragment_holding_a_fragment_of_a_quotation_is_not_that_quotation(memory_db, outlet):
    # "calm and order" is part of the sentence beside it; the later fragment holds those three
    # words but is another sentence of the speech
    said = "Tomas will bring back calm and order on the quay before the winter storms."
    other = "restore calm and order and keep the night markets open"
    add_article(memory_db, outlet, "a", "2026-03-02T06:00:00Z",
                [(said, "Tomas Berg", "speech"), ("calm and order", None, "fragment"), (other, None, "fragment")])
    assign_occurrences(memory_db)
    assert clusters_by_text(memory_db) == {said: {said, "calm and order"}, other: {other}}


def test_a_fragment_of_another_article_does_not_join_through_fragments_before_it(memory_db, outlet):
    # only the fragments its own article printed before it count: across articles a 3-word
    # founder offers no 4-gram, so the longer fragment elsewhere stays apart (as before)
    add_article(memory_db, outlet, "a", "2026-03-02T06:00:00Z", [("keeper of promises", "Mira Solberg", "fragment")])
    add_article(memory_db, outlet, "b", "2026-03-02T07:00:00Z",
                [("a loyal keeper of promises", "Mira Solberg", "fragment")])
    assign_occurrences(memory_db)
    assert memory_db.execute("select count(distinct quote_id) from quote_occurrences").fetchone()[0] == 2


@pytest.mark.parametrize(
    "first, second, same",
    [
        # one word, different speakers: not one quotation
        (("No.", "Ana Ruiz", "2026-03-02"), ("No.", "Lee Park", "2026-03-02"), False),
        # one word, same speaker: grouped
        (("Appalling.", "Ana Ruiz", "2026-03-02"), ("appalling", "Ana Ruiz", "2026-03-03"), True),
        # a stock phrase months apart: two clusters
        (("pack of lies", None, "2026-01-02"), ("pack of lies", None, "2026-06-02"), False),
        # the same phrase within days: one cluster
        (("cash for questions", None, "2026-01-02"), ("cash for questions", None, "2026-01-20"), True),
        # a full quotation is one quotation whenever it is printed again
        ((Q4, None, "2026-01-02"), (Q4, None, "2026-09-02"), True),
    ],
)
def test_short_wordings_group_only_when_they_can_be_one_quotation(memory_db, outlet, first, second, same):
    for name, (text, speaker, time_key) in (("a", first), ("b", second)):
        add_article(memory_db, outlet, name, time_key, [(text, speaker, "fragment")])
        assign_occurrences(memory_db)
    clusters = memory_db.execute("select count(distinct quote_id) from quote_occurrences").fetchone()[0]
    assert clusters == (1 if same else 2)


def test_a_wording_that_fails_gets_a_cluster_of_its_own(memory_db, outlet, monkeypatch, caplog):
    add_article(memory_db, outlet, "a", "2026-03-02T06:00:00Z", [(Q1, None, "speech"), (Q4, None, "speech")])
    original = clustering.Placement.place_unit

    def failing(self, unit):
        if unit.first.text == Q4:
            raise RuntimeError("odd wording")
        return original(self, unit)

    monkeypatch.setattr(clustering.Placement, "place_unit", failing)
    assert len(assign_occurrences(memory_db)) == 2
    assert clusters_by_text(memory_db) == {Q1: {Q1}, Q4: {Q4}}
    assert "clustering 'Nobody asked" in caplog.text


@pytest.mark.parametrize(
    ("printed", "tidy"),
    [
        ("The lease is dead in the water,", "The lease is dead in the water"),
        ("We will vote on it:", "We will vote on it"),
        ("Nobody asked us.", "Nobody asked us."),
        ("Why now?", "Why now?"),
        ("a man of peace", "a man of peace"),
    ],
)
def test_a_cluster_text_drops_the_sentence_punctuation_inside_the_marks(printed: str, tidy: str) -> None:
    assert tidy_wording(printed) == tidy


def test_first_seen_prefers_a_precise_time_to_a_bare_date_of_the_same_day() -> None:
    from provenance.times import time_order

    times = ["2026-03-02", "2026-03-02T06:00:00Z", "2026-03-02T09:15:00Z"]
    assert min(times, key=time_order) == "2026-03-02T06:00:00Z"
    assert min(["2026-03-01", "2026-03-02T06:00:00Z"], key=time_order) == "2026-03-01"


def test_the_same_words_contracted_are_the_canonical_wording_with_a_drift_shown(memory_db, outlet):
    said = "We do not know who will run the ferry next winter."
    printed = "We don't know who'll run the ferry next winter."
    add_article(memory_db, outlet, "a", "2026-03-02T06:00:00Z", [(said, "Ruth Amsel", "speech")])
    add_article(memory_db, outlet, "b", "2026-03-02T07:00:00Z", [(said, "Ruth Amsel", "speech")])
    add_article(memory_db, outlet, "c", "2026-03-02T08:00:00Z", [(printed, "Ruth Amsel", "speech")])
    assign_occurrences(memory_db)
    assert quote_of(memory_db, said) == quote_of(memory_db, printed)
    assert memory_db.execute("select text, normalized, variant_count from quotes").fetchall() == [
        (said, "we do not know who will run the ferry next winter", 0)
    ]
    assert memory_db.execute("select is_canonical, drift from quote_occurrences where text = ?", [printed]).fetchall() == [
        (1, "[-do not-] {+don't+}; [-who will-] {+who'll+}")
    ]
    # the view of a quote's wordings shows the contracted printing as a wording of its own
    assert memory_db.execute(
        "select wording, is_canonical, drift, occurrences from quote_variants order by occurrences desc"
    ).fetchall() == [(said, 1, None, 2), (printed, 1, "[-do not-] {+don't+}; [-who will-] {+who'll+}", 1)]


def test_a_contraction_written_out_does_not_lengthen_a_fragment_past_the_guard(memory_db, outlet):
    said = "He shouted: Don't take liberties with me, and pushed me against the van window."
    fragment = "Don't take liberties with me"  # five words as printed, six written out, two content words
    add_article(memory_db, outlet, "a", "2026-03-02T06:00:00Z", [(said, "Ken Marlow", "speech")])
    add_article(memory_db, outlet, "b", "2026-03-02T07:00:00Z", [(fragment, "Ken Marlow", "speech")])
    assign_occurrences(memory_db)
    assert quote_of(memory_db, said) == quote_of(memory_db, fragment)


PACK_BUDGET = "This budget is a pack of lies from the first page to the last."
PACK_HARBOUR = "The minister's report on the harbour is a pack of lies, and she knows it."


@pytest.mark.parametrize(
    "holders, fragment_speaker, joins",
    [
        # one statement holds the words: the fragment is cut from it
        ([("2026-03-01", PACK_BUDGET, "Ana Ruiz")], "Ana Ruiz", PACK_BUDGET),
        # two of her statements, over a month apart, hold them: a stock phrase of hers, neither statement's lineage
        ([("2026-03-01", PACK_BUDGET, "Ana Ruiz"), ("2026-06-20", PACK_HARBOUR, "Ana Ruiz")], "Ana Ruiz", None),
        # nor when no speaker is printed with the fragment
        ([("2026-03-01", PACK_BUDGET, "Ana Ruiz"), ("2026-06-20", PACK_HARBOUR, "Ana Ruiz")], None, None),
        # two holders a day apart are more likely one statement in two wordings: the one closer in time
        ([("2026-03-01", PACK_BUDGET, "Ana Ruiz"), ("2026-03-02", PACK_HARBOUR, "Ana Ruiz")], "Ana Ruiz", PACK_HARBOUR),
        # another person's statement holding them is no candidate: the fragment is hers
        ([("2026-03-01", PACK_BUDGET, "Ana Ruiz"), ("2026-03-02", PACK_HARBOUR, "Lee Park")], "Ana Ruiz", PACK_BUDGET),
    ],
)
def test_a_stock_phrase_held_by_two_quotations_joins_neither(memory_db, outlet, holders, fragment_speaker, joins):
    for n, (time_key, text, speaker) in enumerate(holders):
        add_article(memory_db, outlet, f"s{n}", time_key + "T06:00:00Z", [(text, speaker, "speech")])
    add_article(memory_db, outlet, "f", "2026-03-03T06:00:00Z", [("a pack of lies", fragment_speaker, "fragment")])
    assign_occurrences(memory_db)
    cluster = memory_db.execute("select text from quotes where id = ?", [quote_of(memory_db, "a pack of lies")])
    assert cluster.fetchone()[0] == (joins or "a pack of lies")


@pytest.mark.parametrize("fragment", ["a pack of lies", "pack of lies"])  # found by a 4-gram, by three words
def test_a_stock_phrase_leaves_its_quotation_when_a_second_one_holds_it(memory_db, outlet, fragment):
    # the second statement is printed after the fragment and imported later: the import places the
    # fragment again, as a rebuild would place it
    add_article(memory_db, outlet, "s0", "2026-03-01T06:00:00Z", [(PACK_BUDGET, "Ana Ruiz", "speech")])
    add_article(memory_db, outlet, "f", "2026-03-03T06:00:00Z", [(fragment, "Ana Ruiz", "fragment")])
    assign_occurrences(memory_db)
    assert quote_of(memory_db, fragment) == quote_of(memory_db, PACK_BUDGET)
    add_article(memory_db, outlet, "s1", "2026-06-20T06:00:00Z", [(PACK_HARBOUR, "Ana Ruiz", "speech")])
    assign_occurrences(memory_db)
    imported = clusters_by_text(memory_db)
    assert imported == {PACK_BUDGET: {PACK_BUDGET}, PACK_HARBOUR: {PACK_HARBOUR}, fragment: {fragment}}
    rebuild_clusters(memory_db)
    assert clusters_by_text(memory_db) == imported


def test_a_cluster_with_no_full_wording_shows_the_wording_holding_the_others(memory_db, outlet):
    # the sentence is printed with an ellipsis, so it is no full wording; the fragment cut from it
    # is not the quotation either
    elided = "We kept the ferry running all winter … and we did not lose a single sailing, not one."
    add_article(memory_db, outlet, "a", "2026-03-02T06:00:00Z",
                [("did not lose a single sailing", "Ruth Amsel", "fragment"), (elided, "Ruth Amsel", "speech")])
    assign_occurrences(memory_db)
    assert clusters_by_text(memory_db) == {elided: {elided, "did not lose a single sailing"}}


TUNNEL = "The harbour tunnel will open next spring, on time and on budget."
FERRY = "Our ferry remains a lifeline for every family on the island, and it must keep running."


@pytest.mark.parametrize(
    "first, second, same",
    [
        # one word changed in a short wording (S=7, O=6): a variant of her sentence, printed the next day
        ((TUNNEL, "Mara Lind", "2026-03-01"), ("The harbour tunnel will open in spring", "Mara Lind", "2026-03-02"), True),
        # S=6 and O=5, the same speaker within the month: one quote
        ((FERRY, "Ken Marlow", "2026-03-01"), ("Our ferry remains a vital lifeline", "Ken Marlow", "2026-03-20"), True),
        # the six words shared are a stock phrase when another person says them: apart
        ((TUNNEL, "Mara Lind", "2026-03-01"), ("The harbour tunnel will open in spring", "Olav Brandt", "2026-03-02"), False),
        (
            ("I am a big fan of Ingrid Sol, and she would make a fine mayor for this town.", "Dan Cole", "2026-03-01"),
            ("I am a big fan of Tomas", "Rosa Vega", "2026-03-02"),
            False,
        ),
        # and when the same person says them months later
        ((TUNNEL, "Mara Lind", "2026-03-01"), ("The harbour tunnel will open in spring", "Mara Lind", "2026-07-15"), False),
        ((FERRY, "Ken Marlow", "2026-03-01"), ("Our ferry remains a vital lifeline", "Ken Marlow", "2026-06-01"), False),
    ],
)
def test_a_link_on_a_stock_phrases_worth_of_words_is_judged_as_a_fragments(memory_db, outlet, first, second, same):
    for name, (text, speaker, day) in zip("ab", (first, second)):
        add_article(memory_db, outlet, name, day + "T06:00:00Z", [(text, speaker, "speech")])
    assign_occurrences(memory_db)
    assert (quote_of(memory_db, first[0]) == quote_of(memory_db, second[0])) is same
    placed = clusters_by_text(memory_db)
    rebuild_clusters(memory_db)
    assert clusters_by_text(memory_db) == placed
    # the later printing imported first, the earlier one after it: the same clusters
    other = sqlite_utils.Database(memory=True)
    ensure_db_shape(other)
    outlet_id = other["outlets"].insert({"key": "x", "name": "X", "kind": "newspaper"}).last_pk
    for name, (text, speaker, day) in zip("ba", (second, first)):
        add_article(other, outlet_id, name, day + "T06:00:00Z", [(text, speaker, "speech")])
        assign_occurrences(other)
    assert clusters_by_text(other) == placed


def test_a_name_read_from_he_does_not_split_a_link_on_a_stock_phrases_worth_of_words(memory_db, outlet):
    # a court report's "He" may be read as the wrong man: no evidence against the other name
    add_article(memory_db, outlet, "a", "2026-03-01T06:00:00Z", [(TUNNEL, "Mara Lind", "speech")])
    article_id = add_article(memory_db, outlet, "b", "2026-03-02T06:00:00Z",
                             [("The harbour tunnel will open in spring", "Olav Brandt", "speech")])
    memory_db.execute("update quote_occurrences set speaker = 'He' where article_id = ?", [article_id])
    assign_occurrences(memory_db)
    assert quote_of(memory_db, TUNNEL) == quote_of(memory_db, "The harbour tunnel will open in spring")


def test_a_stock_phrase_printed_exactly_a_month_after_its_first_printing_is_still_in_its_unit():
    def printing(number: int, time: str) -> clustering.Printing:
        return clustering.Printing(
            number, number, "a reckless gamble", "a reckless gamble", "fragment", "Ines Kowal", time,
            f"https://ledger.example/{number}", 1, 0, None, None, None,
        )

    first, month, later = (
        printing(1, "2026-01-05T09:00:00"), printing(2, "2026-02-04T09:00:00"), printing(3, "2026-02-04T09:00:01")
    )
    assert clustering.MAX_FRAGMENT_GAP == 30 * 86400
    assert clustering.split_units([later, month, first]) == [[first, month], [later]]


HARBOUR_PLEDGE = "We will keep the harbour open and we will keep every ferry crew in work this winter."


def clusters_of(db: sqlite_utils.Database) -> set[frozenset[tuple[str, str]]]:
    """The clusters as sets of (article URL, wording) printed in them."""
    found: dict[int, set[tuple[str, str]]] = {}
    for quote_id, url, text in db.execute(
        "select o.quote_id, a.url, o.text from quote_occurrences o join articles a on a.id = o.article_id"
    ):
        found.setdefault(quote_id, set()).add((url, text))
    return {frozenset(printed) for printed in found.values()}


def clustered_both_ways(articles: list[tuple[str, str, list, str | None]]) -> set[frozenset[tuple[str, str]]]:
    """The clusters of these articles (name, time key, quotations, cue) imported in order; imported in the reverse
    order, one by one, and rebuilt, they must be the same."""
    found = []
    for ordered in (articles, articles[::-1]):
        db = sqlite_utils.Database(memory=True)
        ensure_db_shape(db)
        outlet_id = db["outlets"].insert({"key": "x", "name": "X", "kind": "newspaper"}).last_pk
        for name, time_key, quotes, cue in ordered:
            add_article(db, outlet_id, name, time_key + "T06:00:00Z", quotes, cue=cue)
            assign_occurrences(db)
        found.append(clusters_of(db))
        rebuild_clusters(db)
        assert clusters_of(db) == found[-1]
    assert found[0] == found[1]
    return found[0]


@pytest.mark.parametrize(
    "words, later, cues, same",
    [
        # the writer's label ("his 'harbour revolution'"), no cue, then the words reported said three weeks later
        ("harbour revolution", "2026-03-22", (None, "said"), False),
        ("harbour revolution", "2026-03-22", ("said", None), False),
        ("green harbour revolution", "2026-03-22", (None, None), False),
        # reported said both times: one quote within the month, as before
        ("harbour revolution", "2026-03-22", ("said", "said"), True),
        ("green harbour revolution", "2026-03-22", ("pledged", "called"), True),
        # a label within the week is the same words in the news
        ("harbour revolution", "2026-03-06", (None, "said"), True),
        ("green harbour revolution", "2026-03-06", (None, None), True),
    ],
)
def test_a_stock_phrase_used_as_a_label_joins_its_other_printings_only_within_a_week(words, later, cues, same):
    clusters = clustered_both_ways([
        ("label", "2026-03-01", [(words, "Mara Lind", "fragment")], cues[0]),
        ("later", later, [(words, "Mara Lind", "fragment")], cues[1]),
    ])
    assert len(clusters) == (1 if same else 2)


def test_a_label_reported_said_elsewhere_in_its_article_is_a_report():
    # the headline uses the words with no cue; the body reports them said: the article reports them
    db = sqlite_utils.Database(memory=True)
    ensure_db_shape(db)
    outlet_id = db["outlets"].insert({"key": "x", "name": "X", "kind": "newspaper"}).last_pk
    article_id = add_article(db, outlet_id, "a", "2026-03-01T06:00:00Z",
                             [("harbour revolution", "Mara Lind", "fragment")] * 2)
    db.execute("update quote_occurrences set cue = null where article_id = ? and start = 0", [article_id])
    add_article(db, outlet_id, "b", "2026-03-18T06:00:00Z", [("harbour revolution", "Mara Lind", "fragment")])
    assign_occurrences(db)
    assert len(clusters_of(db)) == 1


@pytest.mark.parametrize(
    "first, second, same",
    [
        # "the promise to 'keep the harbour open'" three weeks after the pledge: her slogan, not the pledge
        ((HARBOUR_PLEDGE, "speech", "said"), ("keep the harbour open", "fragment", None), False),
        ((HARBOUR_PLEDGE, "speech", "said"), ("keep the harbour open", "fragment", "said"), True),
        # the slogan used first, then a pledge printed as a fragment holding it: not the slogan's printing
        (("keep the harbour open", "fragment", None), (HARBOUR_PLEDGE, "fragment", "said"), False),
    ],
)
def test_a_slogan_used_as_a_label_is_not_a_fragment_of_a_pledge_printed_weeks_apart(first, second, same):
    clusters = clustered_both_ways([
        ("first", "2026-03-01", [(first[0], "Mara Lind", first[1])], first[2]),
        ("second", "2026-03-20", [(second[0], "Mara Lind", second[1])], second[2]),
    ])
    assert len(clusters) == (1 if same else 2)


@pytest.mark.parametrize("later, same", [("2026-03-13", False), ("2026-03-04", True)])
def test_a_few_words_printed_before_the_quotation_holding_them_join_it_only_within_a_week(later, same):
    # "steady the ship", printed by a letter's signatories, then a councillor's post twelve days later holding it
    clusters = clustered_both_ways([
        ("letter", "2026-03-01", [("steady the ship", None, "fragment")], "argue"),
        ("post", later, [("We must steady the ship before we chart a new course for this city.", "Ines Kowal",
                          "document")], "wrote"),
    ])
    assert len(clusters) == (1 if same else 2)


FAR_TO_GO = "He has got to go a long way on the levy, because right now he is for the oil firms."


@pytest.mark.parametrize(
    "quotation_at, quotation_speaker, fragment_at, fragment_speaker, joins",
    [
        # six words held whole, two of them content words: a fragment of the quotation beside it
        ("2026-03-01T06:00:00Z", "Ana Ruiz", None, "Ana Ruiz", True),
        # a fragment printed before the quotation in its article joins it all the same
        ("2026-03-01T06:00:00Z", None, None, None, True),
        # in another article within a month: the quotation it was cut from
        ("2026-03-01T06:00:00Z", "Ana Ruiz", "2026-03-20T06:00:00Z", "Ana Ruiz", True),
        # months later, as any stock phrase's worth of words: a quotation long out of the news is not its source
        ("2026-03-01T06:00:00Z", "Ana Ruiz", "2026-06-20T06:00:00Z", "Ana Ruiz", False),
        # another person's words, both names printed: not hers
        ("2026-03-01T06:00:00Z", "Ana Ruiz", "2026-03-02T06:00:00Z", "Lee Park", False),
    ],
)
def test_an_exact_part_under_the_content_word_guard_is_judged_as_a_fragment(
    memory_db, outlet, quotation_at, quotation_speaker, fragment_at, fragment_speaker, joins
):
    fragment = "got to go a long way"
    if fragment_at is None:  # printed in the quotation's article, before it
        add_article(memory_db, outlet, "q", quotation_at,
                    [(fragment, fragment_speaker, "fragment"), (FAR_TO_GO, quotation_speaker, "speech")])
    else:
        add_article(memory_db, outlet, "q", quotation_at, [(FAR_TO_GO, quotation_speaker, "speech")])
        add_article(memory_db, outlet, "f", fragment_at, [(fragment, fragment_speaker, "fragment")])
    assign_occurrences(memory_db)
    assert (quote_of(memory_db, fragment) == quote_of(memory_db, FAR_TO_GO)) is joins
    rebuilt = clusters_by_text(memory_db)
    rebuild_clusters(memory_db)
    assert clusters_by_text(memory_db) == rebuilt
