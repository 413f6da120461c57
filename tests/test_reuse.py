"""Text reuse: fingerprints, time order, containment verdicts and the incremental table."""

from __future__ import annotations

import pytest
import sqlite_utils

import provenance.reuse as reuse
from provenance.reuse import (
    decide_verdict,
    derived_threshold,
    fingerprint_text,
    numbers_of,
    profile_text,
    rebuild_reuse,
    run_share,
    score_containment,
    sentence_hashes,
    tokenize,
    time_order,
    tokenize_sentences,
    update_reuse,
    wholly_threshold,
    winnow,
)

WIRE = (
    "HARBORTON (CP) — The Harborton Port Authority voted on Tuesday to sell the Eastpoint "
    "container terminal to a private operator for 140 million dollars.\n"
    "Chair Dana Whitfield told reporters the terminal had lost two million dollars every month "
    "since the shipping line Meridia Freight moved its vessels to Saltmarsh Bay.\n"
    "Dockworkers Local 12 said it would challenge the sale before the regional labour board, "
    "arguing that the authority never consulted the crane operators and pilots.\n"
    "The council of Harborton must still approve the transfer at its meeting next Thursday, "
    "when Mayor Marcus Oyelaran is expected to ask for an independent valuation of the docks."
)
# The wire story reprinted word for word, dateline and all, with a copyright line added.
REPRINT = WIRE + "\nCopyright 2026 Continental Press."
# A rewrite: two sentences kept nearly verbatim, the rest the outlet's own.
REWRITE = (
    "Harborton is about to lose its oldest public asset. The Harborton Port Authority voted on "
    "Tuesday to sell the Eastpoint container terminal to a private operator for 140 million "
    "dollars.\n"
    "Residents who gathered outside the harbour office on Wednesday morning were divided, with "
    "some fishermen welcoming fresh investment and retired dockers fearing for their pensions.\n"
    "Dockworkers Local 12 said it would challenge the sale before the regional labour board.\n"
    "Local shopkeepers along Quay Street told our reporter that trade had already slowed."
)
UNRELATED = (
    "The Valley Herald chess club crowned a new champion on Saturday after a tense final round "
    "in the library hall, where twelve-year-old Nadia Ferro defeated the defending titleholder.\n"
    "Organisers thanked the volunteers who carried tables from the school gymnasium and promised "
    "a larger tournament next spring with players from three neighbouring towns."
)

TRIMMED = "\n".join(WIRE.split("\n")[:3])  # the wire story without its last paragraph
# Three wire paragraphs and one of its own.
PARTIAL = "\n".join(WIRE.split("\n")[:3]) + "\n" + UNRELATED.split("\n")[0]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Dana Whitfield said: “No.”", ["dana", "whitfield", "said", "no"]),
        ("ÉCOLE Ünïcode", ["école", "ünïcode"]),
        ("ﬁnal ｆｕｌｌwidth", ["final", "fullwidth"]),  # NFKC folds ligatures and full width
        ("snake_case £140,000", ["snake", "case", "140", "000"]),
        ("``Quoted'' PA style<", ["quoted", "pa", "style"]),
        ("", []),
    ],
)
def test_tokenize(text: str, expected: list[str]) -> None:
    assert tokenize(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("One. Two! Three? Four", [["one"], ["two"], ["three"], ["four"]]),
        ("He said “Go.” Then left.", [["he", "said", "go"], ["then", "left"]]),
        ("(Really?) Yes...", [["really"], ["yes"]]),
        ("First line\nSecond line", [["first", "line"], ["second", "line"]]),
        ("Dr. Who met 3.5 people", [["dr"], ["who", "met", "3", "5", "people"]]),  # abbreviations split
        ("e.g.this and www.example.com", [["e", "g", "this", "and", "www", "example", "com"]]),
        ("\n\n. !", []),
    ],
)
def test_tokenize_sentences(text: str, expected: list[list[str]]) -> None:
    assert tokenize_sentences(text) == expected
    assert [word for sentence in expected for word in sentence] == tokenize(text)


def test_fingerprints_are_stable_signed_64_bit_and_sorted() -> None:
    hashes = fingerprint_text(WIRE)
    assert hashes == sorted(set(hashes))
    assert hashes == fingerprint_text(WIRE)
    assert all(-(2**63) <= value < 2**63 for value in hashes)
    assert 20 <= len(hashes) <= 60  # about one per 2-3 content words (winnowed)


@pytest.mark.parametrize(
    "variant",
    [
        WIRE.upper(),  # case
        WIRE.replace("\n", " "),  # line breaks
        WIRE.replace(",", "").replace(".", ""),  # punctuation
        WIRE.replace(" the ", " a "),  # function words are not in the shingles
    ],
)
def test_fingerprints_ignore_case_punctuation_and_function_words(variant: str) -> None:
    assert fingerprint_text(variant) == fingerprint_text(WIRE)


@pytest.mark.parametrize("text", ["", "   ", "the of and", "Harborton", "!!! ???"])
def test_fingerprints_of_tiny_texts(text: str) -> None:
    assert fingerprint_text(text) == []


def test_shared_passage_shares_fingerprints() -> None:
    shared = set(fingerprint_text(WIRE)) & set(fingerprint_text(REWRITE))
    assert shared
    assert not set(fingerprint_text(WIRE)) & set(fingerprint_text(UNRELATED))


@pytest.mark.parametrize(
    "hashes, window, expected",
    [
        ([5, 3, 9, 1, 7], 2, {3, 1}),
        ([5, 3, 9, 1, 7], 5, {1}),
        ([5, 3], 4, {3}),
        ([], 4, set()),
    ],
)
def test_winnow(hashes: list[int], window: int, expected: set[int]) -> None:
    assert winnow(hashes, window) == expected


def test_sentence_hashes_need_32_characters() -> None:
    assert len(sentence_hashes("Short one. " + "This sentence is clearly long enough to count.")) == 1


@pytest.mark.parametrize(
    "sentence, counted",
    [("The harbour board sold the piers.", 1), ("The harbour board sold the pier.", 0)],
    ids=["32 characters normalised", "31"],
)
def test_a_sentence_of_exactly_32_characters_counts(sentence: str, counted: int) -> None:
    assert len(sentence_hashes(sentence)) == counted


@pytest.mark.parametrize(
    "first, second, expected",
    [
        ("2026-03-02T06:00:00Z", "2026-03-02T08:30:00Z", -1),
        ("2026-03-02T08:30:00Z", "2026-03-02T06:00:00Z", 1),
        ("2026-03-02T08:30:00+02:00", "2026-03-02T07:00:00Z", -1),  # 06:30 UTC
        ("2026-03-02T06:00:00", "2026-03-02T06:00:00Z", 0),  # no zone: UTC
        ("2026-03-02", "2026-03-02T23:59:00Z", 1),  # a date sorts after the times of its day
        ("2026-03-02T23:30:00-05:00", "2026-03-03", -1),  # 04:30 UTC on the 3rd
        ("2026-03-02", "2026-03-02", 0),
        ("2026-03-02", "2026-03-03T00:01:00Z", -1),
        ("2026-03-03", "2026-03-02", 1),
        (None, "2026-03-02", 1),  # an unknown time sorts after every known one
        ("yesterday", "2026-03-02", 1),  # unreadable: unknown
        (None, "", 0),
    ],
)
def test_time_order(first: str | None, second: str | None, expected: int) -> None:
    a, b = time_order(first), time_order(second)
    assert (a > b) - (a < b) == expected


@pytest.mark.parametrize(
    "score, words, verdict",
    [
        (0.74, 30, "wholly"),  # a brief: the bar is 0.53 + 0.06 x ln 30 = 0.734
        (0.73, 30, "partially"),
        (0.88, 300, "wholly"),  # a news story: 0.872
        (0.87, 300, "partially"),
        (0.95, 5000, "wholly"),  # a long feature: 1.041, capped at 0.95
        (0.9499, 5000, "partially"),
        (0.625, 300, "partially"),
        (0.6249, 30, "none"),
        (0.65, 1, "wholly"),  # one word: the bar is the base, under the 'partially' one
        (0.0, 0, "none"),
    ],
)
def test_decide_verdict(score: float, words: int, verdict: str) -> None:
    assert decide_verdict(score, words) == verdict


@pytest.mark.parametrize(
    "score, words, new_numbers, verdict",
    [
        (0.625, 300, 0, "partially"),  # no number of its own: the bar is 0.625
        (0.65, 300, 1, "partially"),  # one: 0.625 + 0.035 x ln 2 = 0.6493
        (0.649, 300, 1, "none"),
        (0.68, 300, 4, "none"),  # four: 0.6813 (a court report with its own sums and ages)
        (0.682, 300, 4, "partially"),
        (0.70, 300, 8, "none"),  # eight: 0.7019
        (0.74, 30, 9, "wholly"),  # a brief: derived from 0.7056, wholly from 0.734
    ],
)
def test_decide_verdict_rises_with_the_numbers_the_reuser_adds(
    score: float, words: int, new_numbers: int, verdict: str
) -> None:
    assert decide_verdict(score, words, new_numbers) == verdict


@pytest.mark.parametrize("new_numbers, expected", [(0, 0.625), (1, 0.6493), (4, 0.6813), (8, 0.7019), (99, 0.7862)])
def test_derived_threshold(new_numbers: int, expected: float) -> None:
    assert round(derived_threshold(new_numbers), 4) == expected
    assert reuse.describe_derived_threshold() == (
        "0.625 + 0.035 × ln(1 + numbers the reuser prints that the source lacks)"
    )


@pytest.mark.parametrize(
    "text, numbers",
    [
        ("fined £250,000 with £13,000 costs", {"250000", "13000"}),  # a sum is one value, not 250 and 000
        ("at 7.30pm on May 6", {"7.30", "6"}),
        ("Smith, 34, a 34-year-old from Leeds, aged 34", {"34"}),
        ("four men and Four women", {"4"}),  # a number word is its value ...
        ("one by one, at one o'clock", set()),  # ... but not 'one', mostly a pronoun
        ("1,100 votes, 1100 in all", {"1100"}),
        ("No numbers here.", set()),
    ],
)
def test_numbers_of(text: str, numbers: set[str]) -> None:
    assert numbers_of(text) == numbers
    assert profile_text(1, text).numbers == numbers


def test_a_rewrite_adding_its_own_numbers_needs_a_closer_match() -> None:
    wire = profile_text(2, WIRE, "2026-01-01", wire=True)
    copy = profile_text(1, PARTIAL, "2026-01-02")
    assert (reuse.compare_pair(copy, wire).containment, reuse.compare_pair(copy, wire).verdict) == (0.7196, "partially")
    own = PARTIAL + "\nDockworkers said 412 crane operators, 38 pilots and 17 tug crews lost 24 shifts in 2025."
    reporting = profile_text(1, own, "2026-01-02")
    assert sorted(reporting.numbers - wire.numbers) == ["17", "2025", "24", "38", "412"]
    row = reuse.compare_pair(reporting, wire)
    # 0.658 would be derived from a source printing those numbers; with five of its own the bar is 0.6877
    assert (row.containment, row.verdict) == (0.658, "none")
    assert decide_verdict(row.containment, reporting.length) == "partially"


@pytest.mark.parametrize(
    "words, expected", [(0, 0.53), (1, 0.53), (30, 0.7341), (300, 0.8722), (1097, 0.95), (10**6, 0.95)]
)
def test_wholly_threshold_rises_with_length_up_to_a_cap(words: int, expected: float) -> None:
    assert round(wholly_threshold(words), 4) == expected
    assert reuse.describe_wholly_threshold() == "min(0.95, 0.53 + 0.06 × ln(words of the reuser))"


@pytest.mark.parametrize(
    "reuser, source, verdict",
    [
        (REPRINT, WIRE, "wholly"),
        (WIRE, WIRE, "wholly"),
        (PARTIAL, WIRE, "partially"),
        (REWRITE, WIRE, "none"),  # half its text is the outlet's own
        (UNRELATED, WIRE, "none"),
        ("", WIRE, "none"),
    ],
)
def test_score_containment_verdicts(reuser: str, source: str, verdict: str) -> None:
    profile = profile_text(1, reuser)
    score = score_containment(profile, profile_text(2, source))
    assert decide_verdict(score, profile.length) == verdict


def test_score_containment_exact_values() -> None:
    wire = profile_text(2, WIRE)
    assert score_containment(profile_text(1, WIRE), wire) == 1.0
    assert score_containment(profile_text(1, REPRINT), wire) == 0.9487
    assert score_containment(profile_text(1, PARTIAL), wire) == 0.7196
    assert score_containment(profile_text(1, REWRITE), wire) == 0.4933
    assert score_containment(profile_text(1, UNRELATED), wire) == 0.0977


CANDIDATE_PATHS = ["indexed lookups", "whole-index pass"]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run each test with a database down both candidate paths; a test of a pure function once (it reaches neither)."""
    if "memory_db" in metafunc.fixturenames:
        metafunc.parametrize("candidate_path", CANDIDATE_PATHS, indirect=True)


@pytest.fixture(autouse=True)
def candidate_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str | None:
    """Per-article lookups or one pass over the index, as the test is parametrised."""
    path = getattr(request, "param", None)
    if path == "indexed lookups":
        monkeypatch.setattr(reuse, "article_count", lambda db: 10**9)
    elif path == "whole-index pass":
        monkeypatch.setattr(reuse, "article_count", lambda db: 0)
    return path


def add_article(db: sqlite_utils.Database, url: str, text: str, time_key: str | None) -> int:
    """Insert an article the way the pipeline saves one: row plus fingerprints."""
    article_id = db["articles"].insert(
        {"url": url, "text": text, "first_seen": time_key or "2026-03-05", "time_key": time_key}
    ).last_pk
    set_fingerprints(db, article_id, text)
    return article_id


def set_fingerprints(db: sqlite_utils.Database, article_id: int, text: str) -> None:
    db.execute("delete from article_fingerprints where article_id = ?", [article_id])
    db["article_fingerprints"].insert_all(
        [{"hash": value, "article_id": article_id} for value in fingerprint_text(text)]
    )


def reuse_rows(db: sqlite_utils.Database) -> list[tuple]:
    return [
        tuple(row)
        for row in db.execute(
            "select article_id, source_article_id, containment, verdict, shared_sentences "
            "from article_reuse order by article_id, source_article_id"
        )
    ]


def test_update_reuse_rows_and_direction(memory_db: sqlite_utils.Database) -> None:
    wire = add_article(memory_db, "https://cpress.example/a2", WIRE, "2026-03-02T08:30:00Z")
    # Saved first but published later: direction follows time, not ids.
    reprint = add_article(memory_db, "https://herald.example/a3", REPRINT, "2026-03-02T09:15:00Z")
    partial = add_article(memory_db, "https://buzz.example/a6", PARTIAL, "2026-03-02T11:20:00Z")
    other = add_article(memory_db, "https://herald.example/chess", UNRELATED, "2026-03-01")
    changed = update_reuse(memory_db, [wire, reprint, partial, other])
    assert reuse_rows(memory_db) == [
        (reprint, wire, 0.9487, "wholly", 4),
        (partial, wire, 0.7196, "partially", 3),
    ]  # `partial` against `reprint` is an echo of the wire; the chess paragraph is too small a part
    assert changed == {wire, reprint, partial}
    # Idempotent: a second run changes nothing.
    assert update_reuse(memory_db, [wire, reprint, partial, other]) == set()
    assert update_reuse(memory_db, []) == set()


def test_update_reuse_is_incremental(memory_db: sqlite_utils.Database) -> None:
    wire = add_article(memory_db, "https://cpress.example/a2", WIRE, "2026-03-02T08:30:00Z")
    assert update_reuse(memory_db, [wire]) == set()
    reprint = add_article(memory_db, "https://herald.example/a3", REPRINT, "2026-03-02T09:15:00Z")
    assert update_reuse(memory_db, [reprint]) == {wire, reprint}
    assert reuse_rows(memory_db) == [(reprint, wire, 0.9487, "wholly", 4)]
    # The reprint is corrected into something else: its row goes, both sides are reported.
    memory_db["articles"].update(reprint, {"text": UNRELATED})
    set_fingerprints(memory_db, reprint, UNRELATED)
    assert update_reuse(memory_db, [reprint]) == {wire, reprint}
    assert reuse_rows(memory_db) == []


@pytest.mark.parametrize(
    "wire_time, trimmed_time",
    [
        ("2026-03-02T09:15:00Z", "2026-03-02T09:15:00Z"),  # equal keys tie
        ("2026-03-02", "2026-03-02"),
        (None, None),  # unknown ties with unknown
    ],
)
def test_tie_the_trimmed_copy_reuses_the_fuller_text(
    memory_db: sqlite_utils.Database, wire_time: str | None, trimmed_time: str | None
) -> None:
    trimmed = add_article(memory_db, "https://herald.example/t", TRIMMED, trimmed_time)
    wire = add_article(memory_db, "https://cpress.example/w", WIRE, wire_time)
    update_reuse(memory_db, [wire])
    assert reuse_rows(memory_db) == [(trimmed, wire, 1.0, "wholly", 3)]


@pytest.mark.parametrize("wire_time", ["2026-03-02", None])
def test_a_date_alone_or_no_time_is_the_later_printing(
    memory_db: sqlite_utils.Database, wire_time: str | None
) -> None:
    trimmed = add_article(memory_db, "https://herald.example/t", TRIMMED, "2026-03-02T09:15:00Z")
    wire = add_article(memory_db, "https://cpress.example/w", WIRE, wire_time)
    update_reuse(memory_db, [wire])
    assert [row[:2] for row in reuse_rows(memory_db)] == [(wire, trimmed)]


def test_same_day_printings_with_and_without_hours_make_no_cycle(
    memory_db: sqlite_utils.Database,
) -> None:
    # The wire at 07:00 is the source of every copy, however the date-only one is imported.
    times = ["2026-03-02T08:10:00Z", "2026-03-02", "2026-03-02T09:00:00Z", "2026-03-02T07:00:00Z"]
    ids = [add_article(memory_db, f"https://o{i}.example/w", WIRE, t) for i, t in enumerate(times)]
    update_reuse(memory_db, ids)
    wire = ids[3]
    assert sorted(reuse_rows(memory_db)) == sorted(
        (copy, wire, 1.0, "wholly", 4) for copy in ids[:3]
    )


@pytest.mark.parametrize("kind", ["wire", "agency"])
def test_at_the_same_time_the_wire_is_the_source_even_of_a_fuller_reprint(
    memory_db: sqlite_utils.Database, kind: str
) -> None:
    # the reprint adds a line of its own: by the texts alone the wire would be the trimmed copy
    reprint = add_article(memory_db, "https://herald.example/r", WIRE + "\nMore on this story tonight.", "2026-03-02")
    wire = add_article(memory_db, "https://cpress.example/w", WIRE, "2026-03-02")
    outlet = memory_db["outlets"].insert({"key": "cp", "name": "Continental Press", "kind": kind}).last_pk
    memory_db["articles"].update(wire, {"outlet_id": outlet})
    update_reuse(memory_db, [wire])
    assert [row[:2] for row in reuse_rows(memory_db)] == [(reprint, wire)]


@pytest.mark.parametrize("saved", [["a", "b"], ["b", "a"]], ids=["in URL order", "reversed"])
def test_tie_with_equal_scores_the_url_sorting_last_reuses(memory_db: sqlite_utils.Database, saved: list[str]) -> None:
    # one text printed twice on one day: its source is the printing whose URL sorts first, as in
    # lineage and clustering, whichever was saved (and numbered) first
    ids = {name: add_article(memory_db, f"https://{name}.example/1", WIRE, "2026-03-02") for name in saved}
    update_reuse(memory_db, [ids[saved[0]]])
    assert reuse_rows(memory_db) == [(ids["b"], ids["a"], 1.0, "wholly", 4)]


def test_common_fingerprints_link_nothing(
    memory_db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [
        add_article(memory_db, f"https://o{i}.example/a", WIRE, f"2026-03-0{i + 1}") for i in range(3)
    ]
    monkeypatch.setattr(reuse, "MAX_POSTINGS", 2)  # every hash is now held by too many
    assert update_reuse(memory_db, ids) == set()
    assert reuse_rows(memory_db) == []
    monkeypatch.setattr(reuse, "MAX_POSTINGS", 3)
    assert update_reuse(memory_db, ids) == set(ids)
    assert [row[:2] for row in reuse_rows(memory_db)] == [(ids[1], ids[0]), (ids[2], ids[0])]


def test_rebuild_matches_incremental(memory_db: sqlite_utils.Database) -> None:
    ids = [
        add_article(memory_db, "https://cpress.example/a2", WIRE, "2026-03-02T08:30:00Z"),
        add_article(memory_db, "https://herald.example/a3", REPRINT, "2026-03-02T09:15:00Z"),
        add_article(memory_db, "https://buzz.example/a6", PARTIAL, "2026-03-02T11:20:00Z"),
        add_article(memory_db, "https://herald.example/t", TRIMMED, "2026-03-02"),
        add_article(memory_db, "https://herald.example/chess", UNRELATED, "2026-03-01"),
    ]
    for article_id in ids:
        update_reuse(memory_db, [article_id])
    incremental = reuse_rows(memory_db)
    memory_db.execute("insert into article_reuse values (?, ?, 0.1, 'none', 0)", [ids[0], ids[4]])
    rebuild_reuse(memory_db)
    assert reuse_rows(memory_db) == incremental
    assert [row[:2] for row in incremental] == [(2, 1), (3, 1), (4, 1)]  # all from the wire


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 2, 0), (2, 0, 1)])
def test_echoes_of_a_copy_are_pruned_in_any_saving_order(
    memory_db: sqlite_utils.Database, order: tuple[int, ...]
) -> None:
    """Two reprints of the wire: the later one reuses the wire, not the earlier reprint."""
    stories = [
        ("https://cpress.example/a2", WIRE, "2026-03-02T08:30:00Z"),
        ("https://herald.example/a3", REPRINT, "2026-03-02T09:15:00Z"),
        ("https://gazette.example/a4", "By Continental Press staff\n" + WIRE, "2026-03-02T10:05:00Z"),
    ]
    ids = {}
    for index in order:
        url, text, time_key = stories[index]
        ids[index] = add_article(memory_db, url, text, time_key)
        update_reuse(memory_db, [ids[index]])
    found = {(row[0], row[1]): row[3] for row in reuse_rows(memory_db)}
    assert found == {(ids[1], ids[0]): "wholly", (ids[2], ids[0]): "wholly"}
    rebuild_reuse(memory_db)
    assert {(row[0], row[1]): row[3] for row in reuse_rows(memory_db)} == found


def test_a_copy_that_holds_more_is_not_an_echo(memory_db: sqlite_utils.Database) -> None:
    """X reuses C's added paragraph too: both rows stay, C being the closer source."""
    wire = add_article(memory_db, "https://cpress.example/a2", TRIMMED, "2026-03-02T08:30:00Z")
    copy = add_article(memory_db, "https://herald.example/a3", WIRE, "2026-03-02T09:15:00Z")
    later = add_article(memory_db, "https://buzz.example/a6", REPRINT, "2026-03-02T11:20:00Z")
    update_reuse(memory_db, [wire, copy, later])
    assert [row[:4] for row in reuse_rows(memory_db)] == [
        (copy, wire, 0.7597, "partially"),
        (later, wire, 0.721, "partially"),
        (later, copy, 0.9487, "wholly"),
    ]


def test_candidates_need_a_share_of_fingerprints_and_probes(
    memory_db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two stories quoting the same words share a few fingerprints: the filters decide."""
    phrase = " Whitfield called the decision “a dead terminal walking, honest option” yesterday."
    first = add_article(memory_db, "https://a.example/1", WIRE + phrase, "2026-03-02")
    second = add_article(memory_db, "https://b.example/2", UNRELATED + phrase, "2026-03-03")
    counts = len(fingerprint_text(WIRE + phrase)), len(fingerprint_text(UNRELATED + phrase))
    shared = set(fingerprint_text(WIRE + phrase)) & set(fingerprint_text(UNRELATED + phrase))
    assert (counts, len(shared)) == ((27, 17), 2)  # 2 of the smaller's 17: a share of 0.118
    monkeypatch.setattr(reuse, "MIN_FINGERPRINT_SHARE", 0.12)
    assert reuse.find_candidates(memory_db, {second}) == set()
    assert update_reuse(memory_db, [first, second]) == set()
    monkeypatch.setattr(reuse, "MIN_FINGERPRINT_SHARE", 0.11)
    assert reuse.find_candidates(memory_db, {second}) == {(first, second)}
    monkeypatch.setattr(reuse, "MIN_SHARED_FINGERPRINTS", 3)  # but they share only 2 probes
    assert reuse.find_candidates(memory_db, {second}) == set()


# A headline-style brief rewriting the wire story: it shares only two-word runs with it.
BRIEF = (
    "Harborton sells Eastpoint container terminal for 140 million dollars; Dockworkers Local 12 "
    "protests; Mayor Marcus Oyelaran seeks independent valuation of the docks."
)


def test_short_texts_keep_every_fingerprint() -> None:
    pairs = reuse.shingle_hashes(tokenize(BRIEF))
    assert len(pairs) == 18
    assert fingerprint_text(BRIEF) == sorted(reuse._signed(value) for value in set(pairs))
    assert len(fingerprint_text(WIRE)) < len(reuse.shingle_hashes(tokenize(WIRE)))  # winnowed


def test_a_text_of_exactly_40_pairs_keeps_every_fingerprint() -> None:
    def text(words: int) -> str:
        return " ".join(f"pier{number}" for number in range(words))  # every word a content word: words - 1 pairs

    assert len(fingerprint_text(text(41))) == 40
    assert len(fingerprint_text(text(42))) < 41  # winnowed from one pair more


def test_shingles_are_the_same_with_word_codes_cached_or_not(monkeypatch: pytest.MonkeyPatch) -> None:
    words = tokenize(WIRE)
    cold = reuse.shingle_hashes(words)  # codes made and cached on the way (or read, cached by earlier tests)
    monkeypatch.setattr(reuse, "_WORD_CODES_LIMIT", 1)  # every new code now clears the cache first
    reuse._WORD_CODES.clear()
    assert reuse.shingle_hashes(words) == cold
    assert reuse.shingle_hashes(words) == cold


@pytest.mark.parametrize("short_text_shingles, expected", [(40, [(2, 1, 0.8507, "wholly", 0)]), (0, [])])
def test_a_brief_finds_its_source_only_with_every_fingerprint(
    memory_db: sqlite_utils.Database,
    monkeypatch: pytest.MonkeyPatch,
    short_text_shingles: int,
    expected: list[tuple],
) -> None:
    """Winnowed, the brief and the wire share no fingerprint; with all of its pairs, two."""
    monkeypatch.setattr(reuse, "SHORT_TEXT_SHINGLES", short_text_shingles)
    wire = add_article(memory_db, "https://cpress.example/a2", WIRE, "2026-03-02T08:30:00Z")
    brief = add_article(memory_db, "https://newspulse.example/b", BRIEF, "2026-03-02T09:00:00Z")
    update_reuse(memory_db, [wire, brief])
    assert reuse_rows(memory_db) == expected


# The wire story with three more paragraphs: long enough (over SHORT_TEXT_SHINGLES fingerprints)
# to be winnowed.
LONG_WIRE = WIRE + (
    "\nWhitfield added that the buyer, the logistics group Corvane Holdings, had promised to keep "
    "the terminal's two hundred jobs for at least five years and to dredge the northern berth.\n"
    "Union organiser Pilar Esteves said the promise was worthless without a signed agreement and "
    "called on the council to delay its vote until the valuation was published.\n"
    "Shipping analysts at Brennock Maritime expect container traffic through Saltmarsh Bay to "
    "double within three years, leaving the older quays of Harborton to ferries and fishing boats."
)
# A brief rewriting it in its own words: one indexed fingerprint in common.
TERSE_BRIEF = (
    "Harborton sells Eastpoint container terminal; Dockworkers Local 12 vows to fight the sale at "
    "the labour board while the mayor wants an outside valuation."
)


@pytest.mark.parametrize("rare_link, expected", [(5, [(2, 1, 0.7235, "wholly", 0)]), (0, [])])
def test_a_brief_sharing_one_rare_fingerprint_with_a_long_source_is_scored(
    memory_db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch, rare_link: int, expected: list
) -> None:
    """The brief keeps all its pairs, the long story a winnowed share: one rare link suffices."""
    counts = len(fingerprint_text(TERSE_BRIEF)), len(fingerprint_text(LONG_WIRE))
    shared = set(fingerprint_text(TERSE_BRIEF)) & set(fingerprint_text(LONG_WIRE))
    assert (counts, len(shared)) == ((16, 44), 1)
    monkeypatch.setattr(reuse, "RARE_LINK", rare_link)
    wire = add_article(memory_db, "https://cpress.example/a2", LONG_WIRE, "2026-03-02T08:30:00Z")
    brief = add_article(memory_db, "https://newspulse.example/b", TERSE_BRIEF, "2026-03-02T09:00:00Z")
    assert reuse.find_candidates(memory_db, {brief}) == ({(wire, brief)} if expected else set())
    update_reuse(memory_db, [wire, brief])
    assert reuse_rows(memory_db) == expected


def test_a_near_duplicate_does_not_spend_every_probe(
    memory_db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch, candidate_path: str
) -> None:
    """The story's second copy holds its rarest fingerprints; the rewrite is still a candidate."""
    rewrite = add_article(memory_db, "https://herald.example/r", REWRITE, "2026-03-02T07:00:00Z")
    story = add_article(memory_db, "https://cpress.example/a2", LONG_WIRE, "2026-03-02T08:30:00Z")
    copy = add_article(memory_db, "https://cpress.example/a2?amp", LONG_WIRE, "2026-03-02T08:31:00Z")
    expected = {(rewrite, story), (story, copy)}
    assert reuse.find_candidates(memory_db, {story}) == expected
    # Only the rarest PROBES: all of them are held by the story and its copy alone, so the story's
    # own list misses the rewrite, by lookups or in a pass over the whole index alike (the
    # rewrite's list still holds the story and its copy)
    monkeypatch.setattr(reuse, "_probes", lambda hashes, holder_keys: hashes[: reuse.PROBES])
    assert reuse.find_candidates(memory_db, {story}) == {(story, copy)}
    assert reuse.find_candidates(memory_db, {rewrite}) == {(rewrite, story), (rewrite, copy)}


def test_profiles_are_dropped_after_their_last_batch_and_latest_needed_first(
    memory_db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # three distinct words each: a budget of six words holds two profiles
    ids = [add_article(memory_db, f"https://a.example/{n}", f"Text number {n}.", "2026-03-02") for n in range(5)]
    built: list[int] = []
    original = reuse.profile_text
    monkeypatch.setattr(reuse, "profile_text", lambda article_id, *rest: built.append(article_id) or original(article_id, *rest))
    a, b, c, d, e = ids
    batches = [{a, b}, {a, c}, {d, b}, {e, a}]
    profiles = reuse._Profiles(memory_db, batches, words=3 * 2)
    for needed in batches:
        assert set(profiles.load(needed)) == needed
        profiles.done(needed)
    # after batch 1, {a, b, c}: c is never needed again and goes; after batch 2, {a, b, d}: b and d
    # are done, a (needed in batch 4) is kept; nothing is built twice
    assert sorted(built) == sorted(ids)
    assert profiles.cache == {}

    built.clear()
    profiles = reuse._Profiles(memory_db, [{a, b, c}, {c}, {b}, {a}], words=3 * 2)
    for needed in [{a, b, c}, {c}, {b}, {a}]:
        profiles.load(needed)
        profiles.done(needed)
    # three live after batch 1 with room for two: a (needed last) goes and is built again
    assert sorted(built) == sorted([a, b, c, a])


# A brief whose every word a day's live blog holds, scattered: chance, not a copy.
SCATTERED_BRIEF = (
    "The council backs the terminal sale. Mayor Marcus Oyelaran said the vote was close and the docks "
    "would stay open while the port authority looks for a buyer."
)
LIVE_BLOG = "\n".join(
    [
        "9:05 a.m. The ferry to Saltmarsh Bay left late because the docks were short of pilots this morning.",
        "9:40 a.m. Marcus Oyelaran, the mayor, opened the session with a minute of silence for a retired crane operator.",
        "10:15 a.m. A buyer from the north has asked to see the accounts, a council clerk said.",
        "10:50 a.m. The port authority says the terminal lost money for a sixth month in a row.",
        "11:30 a.m. Fishermen want the slipway to stay open all winter; the vote on that comes next week.",
        "12:10 p.m. Trade on Quay Street looks slow, shopkeepers said, and the close of the market was early.",
        "1:00 p.m. The sale of the old customs house backs onto a busy road and would need a new gate.",
        "1:45 p.m. Council members who support the plan say the mayor will look at every offer while the harbour waits.",
    ]
    + [UNRELATED] * 3
)


@pytest.mark.parametrize(
    "reuser, source, share",
    [
        ("a b c d", "x a b c d y", 1.0),
        ("a b c d", "a b x c d", 0.0),  # pairs are not runs of three
        ("a b c x y z", "q a b c r", 0.5),
        ("a b", "a b", 0.0),  # shorter than a run
        ("", "a b c", 0.0),
    ],
)
def test_run_share(reuser: str, source: str, share: float) -> None:
    assert run_share(reuser.split(), source.split()) == share


@pytest.mark.parametrize(
    "blog, size_ratio, verdict",
    [
        (LIVE_BLOG, reuse.SIZE_RATIO, "none"),  # every word found, a tenth of them in runs: chance
        (LIVE_BLOG + "\n2:30 p.m. " + SCATTERED_BRIEF, reuse.SIZE_RATIO, "wholly"),  # the brief printed in the blog
        (LIVE_BLOG, 100, "wholly"),  # without the chance rule the words alone would make it a copy
    ],
)
def test_a_brief_against_a_source_many_times_its_length_needs_shared_runs(
    memory_db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch, blog: str, size_ratio: int, verdict: str
) -> None:
    monkeypatch.setattr(reuse, "SIZE_RATIO", size_ratio)
    source = add_article(memory_db, "https://ledger.example/live", blog, "2026-03-02T08:00:00Z")
    brief = add_article(memory_db, "https://newspulse.example/brief", SCATTERED_BRIEF, "2026-03-02T15:00:00Z")
    assert len(tokenize(blog)) >= 8 * len(tokenize(SCATTERED_BRIEF))
    rows = reuse.score_pairs(memory_db, [(source, brief)])
    row = rows[(brief, source)]
    assert row.containment == 1.0
    assert row.verdict == verdict


def misses(db: sqlite_utils.Database) -> list[tuple]:
    return db.execute("select article_id, other_article_id from reuse_misses order by 1, 2").fetchall()


def test_a_pair_too_unlike_for_a_row_is_kept_as_a_miss_and_not_compared_again(
    memory_db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    wire = add_article(memory_db, "https://cpress.example/a2", WIRE, "2026-03-02T08:30:00Z")
    rewrite = add_article(memory_db, "https://gazette.example/r", REWRITE, "2026-03-02T12:00:00Z")
    update_reuse(memory_db, [wire, rewrite])
    assert reuse_rows(memory_db) == []  # the rewrite scores 0.4933 against the wire: under the floor
    assert misses(memory_db) == [(wire, rewrite)]

    compared: list[set[int]] = []
    compare = reuse.compare_pair
    monkeypatch.setattr(reuse, "compare_pair", lambda first, second: compared.append({first.id, second.id}) or compare(first, second))
    reprint = add_article(memory_db, "https://herald.example/a3", REPRINT, "2026-03-02T09:15:00Z")
    plan = reuse.plan_update(memory_db, [reprint])
    assert plan.revisited  # the wire's list is ranked again, its pair with the rewrite among it ...
    assert {reprint, wire} in compared and {wire, rewrite} not in compared  # ... but not compared again
    reuse.apply_plan(memory_db, plan)
    assert [row[:2] for row in reuse_rows(memory_db)] == [(reprint, wire)]
    assert (wire, rewrite) in misses(memory_db)

    # what a rebuild, comparing every pair, makes of the same articles
    rows, kept = reuse_rows(memory_db), misses(memory_db)
    rebuild_reuse(memory_db)
    assert (reuse_rows(memory_db), misses(memory_db)) == (rows, kept)

    # the rewrite becomes a copy of the wire: its misses go, and the pair is compared again
    compared.clear()
    memory_db["articles"].update(rewrite, {"text": TRIMMED})
    set_fingerprints(memory_db, rewrite, TRIMMED)
    update_reuse(memory_db, [rewrite])
    assert {wire, rewrite} in compared
    assert (rewrite, wire) in [row[:2] for row in reuse_rows(memory_db)]
    assert (wire, rewrite) not in misses(memory_db)


# A brief stitched from the set phrases of a live blog: most of its words in short runs the blog holds, no sentence
# and no run of twelve words shared.
SET_PHRASE_BRIEF = (
    "The port authority says the sale of the terminal is close. A buyer from the north will look at every offer, "
    "and the docks were short of money for a sixth month in a row."
)
# A later story on the terminal that takes the earlier wire story's background, lightly edited (no sentence the same).
BACKGROUND_STORY = (
    "Bidders toured the Eastpoint container terminal on Monday as the sale moved a step closer, and two of them "
    "asked to inspect the cranes, the cold store and the rail siding before they make a final offer next month.\n"
    "The terminal had lost two million dollars every month since the shipping line Meridia Freight moved its "
    "vessels to Saltmarsh Bay, chair Dana Whitfield said in March.\n"
    "Dockworkers Local 12 has said it would challenge the sale before the regional labour board, arguing that the "
    "authority never consulted the crane operators and pilots of the port."
)


@pytest.mark.parametrize(
    "source_text, reuser_text, reuser_time, verdict",
    [
        (LIVE_BLOG, SET_PHRASE_BRIEF, "2026-03-02T15:00:00Z", "wholly"),  # the same day: the chance rule lets it by
        (LIVE_BLOG, SET_PHRASE_BRIEF, "2026-03-05", "wholly"),  # three days on: not late
        (LIVE_BLOG, SET_PHRASE_BRIEF, "2026-03-06T09:00:00Z", "none"),  # four days on: set phrases are no copy
        (LIVE_BLOG, SET_PHRASE_BRIEF, "2026-04-20", "none"),  # seven weeks on
        (LIVE_BLOG, SET_PHRASE_BRIEF, None, "wholly"),  # time unknown: the gap is not measured
        (WIRE, REPRINT, "2026-04-20", "wholly"),  # an old story reprinted weeks later: shared sentences
        (WIRE, BACKGROUND_STORY, "2026-04-20", "partially"),  # a later story taking its background: long runs
    ],
)
def test_a_reuser_printed_days_after_its_source_needs_a_shared_sentence_or_long_runs(
    memory_db: sqlite_utils.Database, source_text: str, reuser_text: str, reuser_time: str | None, verdict: str
) -> None:
    source = add_article(memory_db, "https://ledger.example/source", source_text, "2026-03-02T08:00:00Z")
    reuser = add_article(memory_db, "https://newspulse.example/later", reuser_text, reuser_time)
    row = reuse.score_pairs(memory_db, [(source, reuser)])[(reuser, source)]
    assert row.containment >= reuse.PARTIALLY_THRESHOLD
    assert row.verdict == verdict


def test_the_background_story_shares_long_runs_and_no_sentence() -> None:
    """The case above rests on the runs, not on a shared sentence; the set-phrase brief has neither."""
    assert not sentence_hashes(BACKGROUND_STORY) & sentence_hashes(WIRE)
    assert run_share(tokenize(BACKGROUND_STORY), tokenize(WIRE), reuse.LATE_RUN_WORDS) >= reuse.MIN_RUN_SHARE
    assert not sentence_hashes(SET_PHRASE_BRIEF) & sentence_hashes(LIVE_BLOG)
    assert run_share(tokenize(SET_PHRASE_BRIEF), tokenize(LIVE_BLOG), reuse.RUN_WORDS) >= reuse.MIN_RUN_SHARE
    assert run_share(tokenize(SET_PHRASE_BRIEF), tokenize(LIVE_BLOG), reuse.LATE_RUN_WORDS) == 0.0


@pytest.mark.parametrize(
    "later, earlier, days",
    [
        ("2026-03-06T09:00:00Z", "2026-03-02T08:00:00Z", 4),
        ("2026-03-03T01:00:00+05:00", "2026-03-02T08:00:00Z", 0),  # the same UTC day
        ("2026-03-05", "2026-03-02T23:00:00Z", 3),
        (None, "2026-03-02", 0),  # unknown: not measured
        ("2026-13-45", "2026-03-02", 0),  # unreadable
    ],
)
def test_days_apart(later: str | None, earlier: str, days: int) -> None:
    assert reuse.days_apart(time_order(later), time_order(earlier)) == days
