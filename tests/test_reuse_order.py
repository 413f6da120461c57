"""Text reuse does not depend on import order: the rows are those a rebuild makes of the same articles."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
import sqlite_utils

import provenance.reuse as reuse
from db import ensure_db_shape
from provenance.pipeline import import_paths, trace_all
from provenance.reuse import rebuild_reuse, update_reuse
from tests.conftest import database_at_version
from tests.test_reuse import REWRITE, UNRELATED, WIRE, add_article

PARAGRAPHS = WIRE.split("\n")
FERRY = "Ferry timetables for the Eastpoint crossing will change from the first Monday of April, harbour pilots confirmed."
BONDS = "The authority's finance director Priya Lamond said the proceeds would repay bonds issued for the dredging works in 2019."
MERIDIA = "Meridia Freight declined to comment on whether its vessels would return to Harborton under the new operator."
PETITION = "A petition against the sale gathered nine thousand signatures in four days, organisers from the tenants' union said."

Article = tuple[str, str, str]  # URL, text, time key


def urls_of(db: sqlite_utils.Database, table: str = "article_reuse") -> set[tuple]:
    """The rows of a reuse table keyed by URLs, never by ids (they follow import order)."""
    return set(
        db.execute(
            "select r.url, s.url, containment, verdict, shared_sentences "
            f"from {table} join articles r on r.id = article_id join articles s on s.id = source_article_id"
        ).fetchall()
    )


def saved_one_by_one(articles: list[Article]) -> sqlite_utils.Database:
    """A database of these articles, each saved and its reuse brought up to date in turn."""
    db = sqlite_utils.Database(memory=True)
    ensure_db_shape(db)
    for url, text, time_key in articles:
        update_reuse(db, [add_article(db, url, text, time_key)])
    return db


def misses_of(db: sqlite_utils.Database) -> set[tuple[str, str]]:
    """The pairs kept in `reuse_misses`, by URLs."""
    return set(
        db.execute(
            "select a.url, b.url from reuse_misses join articles a on a.id = article_id "
            "join articles b on b.id = other_article_id"
        ).fetchall()
    )


def assert_as_rebuilt(db: sqlite_utils.Database, expected: set[tuple]) -> None:
    """The incremental rows are `expected`, and a rebuild leaves them (the echoes and the misses) as they are."""
    rows, echoes, misses = urls_of(db), urls_of(db, "reuse_echoes"), misses_of(db)
    assert rows == expected
    rebuild_reuse(db)
    assert (urls_of(db), urls_of(db, "reuse_echoes"), misses_of(db)) == (rows, echoes, misses)


# A short wire story, the full story a day later, and a copy of its first three paragraphs: the
# copy ranks the full story first, the short story ranks it first too (their own paragraph)
SHORT = ("https://s1.example/1", "\n".join(PARAGRAPHS[:2]) + "\n" + FERRY, "2026-03-02T08:00:00Z")
FULL = ("https://a.example/2", WIRE + "\n" + FERRY, "2026-03-02T09:00:00Z")
COPY = ("https://r.example/3", "\n".join(PARAGRAPHS[:3]), "2026-03-02T10:00:00Z")


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_a_new_article_revisits_the_lists_it_enters(monkeypatch: pytest.MonkeyPatch, order: tuple[int, ...]) -> None:
    # one candidate each: the full story pushes the short one out of the copy's list, and the
    # copy out of the short story's; saved last, it takes away the row of the copy against the
    # short story and brings its own against the short story, as a rebuild has them
    monkeypatch.setattr(reuse, "MAX_CANDIDATES", 1)
    articles = [SHORT, FULL, COPY]
    db = saved_one_by_one([articles[i] for i in order])
    assert_as_rebuilt(db, {
        (FULL[0], SHORT[0], 0.6249, "none", 3),
        (COPY[0], FULL[0], 1.0, "wholly", 3),
    })


# Without the short story's own paragraph both stories share as much with it: the URL decides
TIED_SHORT = ("https://s1.example/1", "\n".join(PARAGRAPHS[:2]), "2026-03-02T08:00:00Z")
TIED_FULL = ("https://a.example/2", WIRE, "2026-03-02T09:00:00Z")


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_candidates_sharing_as_much_are_ranked_by_url(monkeypatch: pytest.MonkeyPatch, order: tuple[int, ...]) -> None:
    # the short story ranks the full story (a.example) before the copy (r.example), never by id
    monkeypatch.setattr(reuse, "MAX_CANDIDATES", 1)
    articles = [TIED_SHORT, TIED_FULL, COPY]
    db = saved_one_by_one([articles[i] for i in order])
    assert_as_rebuilt(db, {
        (TIED_FULL[0], TIED_SHORT[0], 0.5466, "none", 2),
        (COPY[0], TIED_FULL[0], 1.0, "wholly", 3),
    })


# Three days of one story told in shared paragraphs: the roundup of March 1 is the source of the
# March 2 report, both of the two March 3 stories; the brief of March 3 shares a paragraph with
# the later one only. Pool paragraphs by number: wire 0-3, chess 4-5, rewrite 6-9, extra 10-13.
POOL = [*PARAGRAPHS, *UNRELATED.split("\n"), *REWRITE.split("\n"), FERRY, BONDS, MERIDIA, PETITION]
ECHO_STORY = {
    "roundup": ("https://o36.example/6", [7, 8, 10, 9, 13, 0], "2026-03-01"),
    "report": ("https://o53.example/4", [7, 8, 13, 4], "2026-03-02T08:00:00Z"),
    "first": ("https://o52.example/1", [0, 4, 10, 8, 13], "2026-03-03T08:00:00Z"),
    "second": ("https://o61.example/2", [4, 8, 5], "2026-03-03T09:00:00Z"),
    "brief": ("https://o78.example/7", [5, 9], "2026-03-03T09:00:00Z"),
}


@pytest.mark.parametrize(
    "order",
    [
        ["report", "first", "second", "roundup", "brief"],
        ["brief", "roundup", "second", "first", "report"],
        ["first", "second", "report", "brief", "roundup"],
        ["second", "report", "roundup", "first", "brief"],
    ],
)
def test_an_echo_stays_evidence_of_echoes_after_it_is_pruned(order: list[str]) -> None:
    # 'first' takes the report's text from the roundup (an echo, kept apart); 'second' reuses the
    # report and 'first', whose copy of the report is that echo: 'second' against 'first' is an
    # echo too, however late the roundup came and whichever article was saved after it
    articles = [
        (ECHO_STORY[name][0], "\n".join(POOL[i] for i in ECHO_STORY[name][1]), ECHO_STORY[name][2]) for name in order
    ]
    db = saved_one_by_one(articles)
    url = {name: story[0] for name, story in ECHO_STORY.items()}
    derived = {row[:2] for row in urls_of(db) if row[3] != "none"}
    assert derived == {
        (url["report"], url["roundup"]), (url["first"], url["roundup"]), (url["second"], url["report"]),
        (url["brief"], url["second"]),
    }
    assert {row[:2] for row in urls_of(db, "reuse_echoes")} == {
        (url["first"], url["report"]), (url["second"], url["first"]),
    }
    assert update_reuse(db, [row[0] for row in db.execute("select id from articles")]) == set()  # nothing left to do
    assert_as_rebuilt(db, urls_of(db))


def write_articles(path: Path, articles: list[Article]) -> Path:
    """A JSON Lines import of these articles."""
    path.write_text(
        "".join(json.dumps({"url": url, "published": time_key, "text": text}) + "\n" for url, text, time_key in articles),
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("parts", [[[0], [1], [2]], [[2], [1], [0]], [[0, 2], [1]]], ids=["1-2-3", "3-2-1", "13-2"])
def test_imports_in_parts_give_the_rows_of_a_trace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parts: list[list[int]]
) -> None:
    monkeypatch.setattr(reuse, "MAX_CANDIDATES", 1)
    articles = [SHORT, FULL, COPY]
    db = sqlite_utils.Database(tmp_path / "parts.db")
    for number, indexes in enumerate(parts):
        import_paths(db, [write_articles(tmp_path / f"part{number}.jsonl", [articles[i] for i in indexes])], workers=1)
    imported = urls_of(db)
    trace_all(db)
    assert urls_of(db) == imported
    assert {row[:2] for row in imported} == {(FULL[0], SHORT[0]), (COPY[0], FULL[0])}


def test_migration_12_traces_a_database_with_reuse_rows_again(tmp_path: Path) -> None:
    database = database_at_version(tmp_path / "old.db", 11)
    import_paths(database, [write_articles(tmp_path / "first.jsonl", [SHORT, FULL, COPY])], workers=1)  # migrates first
    rows = urls_of(database)
    database.execute("delete from schema_migrations where version = 12")
    database.conn.commit()
    database.execute("drop table reuse_echoes")
    ensure_db_shape(database)
    assert database.execute("select status from runs where command = 'trace' order by id desc").fetchone() == ("due",)
    import_paths(database, [write_articles(tmp_path / "again.jsonl", [SHORT])], workers=1)
    assert database.execute("select status from runs where command = 'trace' order by id desc").fetchone() == ("ok",)
    assert urls_of(database) == rows


def test_migration_12_leaves_a_database_without_reuse_rows_alone(tmp_path: Path) -> None:
    database = database_at_version(tmp_path / "old.db", 11)
    ensure_db_shape(database)
    assert database["reuse_echoes"].exists()
    assert database.execute("select count(*) from runs where command = 'trace'").fetchone() == (0,)


@pytest.mark.parametrize("last", range(3))
def test_a_fingerprint_made_too_common_stops_linking_earlier_pairs(monkeypatch: pytest.MonkeyPatch, last: int) -> None:
    # two printings of the wire share every fingerprint; a third makes each held by more than
    # MAX_POSTINGS: nothing links them any longer, whichever printing came last
    monkeypatch.setattr(reuse, "MAX_POSTINGS", 2)
    printings = [(f"https://o{i}.example/w", WIRE, f"2026-03-0{i + 1}") for i in range(3)]
    db = saved_one_by_one([printing for i, printing in enumerate(printings) if i != last] + [printings[last]])
    assert_as_rebuilt(db, set())


@pytest.mark.parametrize("first", range(3))
def test_many_new_articles_against_few_earlier_ones_revisit_as_few_against_many(
    monkeypatch: pytest.MonkeyPatch, first: int
) -> None:
    # one article saved, then the two others at once: the index is read from the earlier side
    # (fewer articles), and the rows are those of the first test, whichever came first
    monkeypatch.setattr(reuse, "MAX_CANDIDATES", 1)
    articles = [SHORT, FULL, COPY]
    db = sqlite_utils.Database(memory=True)
    ensure_db_shape(db)
    update_reuse(db, [add_article(db, *articles[first])])
    update_reuse(db, [add_article(db, *article) for number, article in enumerate(articles) if number != first])
    assert_as_rebuilt(db, {
        (FULL[0], SHORT[0], 0.6249, "none", 3),
        (COPY[0], FULL[0], 1.0, "wholly", 3),
    })


def reuse_recorded(db: sqlite_utils.Database) -> tuple | None:
    return db.execute("select version from code_versions where name = 'reuse'").fetchone()


def test_reuse_rows_of_another_version_are_traced_whole_and_their_misses_made_again(tmp_path: Path) -> None:
    from provenance.pipeline import full_trace_due

    rewrite = ("https://gazette.example/r", REWRITE, "2026-03-02T12:00:00Z")  # under the floor against the wire
    wire = ("https://cpress.example/w", WIRE, "2026-03-02T08:00:00Z")
    database = sqlite_utils.Database(tmp_path / "news.db")
    ensure_db_shape(database)
    assert not full_trace_due(database)  # no rows: no version to differ
    import_paths(database, [write_articles(tmp_path / "first.jsonl", [wire, rewrite])], workers=1)
    assert reuse_recorded(database) == (reuse.REUSE_VERSION,)  # the first rows: made by this code
    assert database.execute("select count(*) from reuse_misses").fetchone() == (1,)
    assert database.execute("select count(*) from runs where command = 'trace'").fetchone() == (0,)

    # rows of a newer tracker's rules, which this code's would otherwise mix with: all traced again
    database.execute("update code_versions set version = ? where name = 'reuse'", [reuse.REUSE_VERSION + 1])
    database.execute("delete from reuse_misses")
    database.conn.commit()
    assert full_trace_due(database)
    import_paths(database, [write_articles(tmp_path / "second.jsonl", [SHORT])], workers=1)
    assert database.execute("select status from runs where command = 'trace'").fetchall() == [("ok",)]
    assert reuse_recorded(database) == (reuse.REUSE_VERSION,)
    assert database.execute("select count(*) from reuse_misses").fetchone()[0] >= 1
    assert not full_trace_due(database)


def test_reuse_rows_with_no_version_recorded_are_traced_again_at_the_next_update(tmp_path: Path) -> None:
    from provenance.pipeline import full_trace_due

    database = database_at_version(tmp_path / "old.db", 17)
    import_paths(database, [write_articles(tmp_path / "first.jsonl", [SHORT, FULL, COPY])], workers=1)
    rows = urls_of(database)
    # as the code before migration 18 left it: no misses kept, no version of the reuse rows recorded
    database.execute("delete from reuse_misses")
    database.execute("delete from code_versions where name = 'reuse'")
    database.conn.commit()
    assert full_trace_due(database)
    import_paths(database, [write_articles(tmp_path / "again.jsonl", [SHORT])], workers=1)
    assert database.execute("select status from runs where command = 'trace'").fetchall() == [("ok",)]
    assert reuse_recorded(database) == (reuse.REUSE_VERSION,) and urls_of(database) == rows


# Two stories opening with the same wire paragraph, too unlike for a row (a miss), and a later brief holding that
# paragraph and the first story's next ones: with one candidate each, the brief pushes each story's other out of its
# list (the brief's URL sorts first), so the pair is no candidate any longer and a rebuild keeps no miss of it
REWRITE_PARAGRAPHS = REWRITE.split("\n")
FEATURE = ("https://z.example/1", "\n".join([PARAGRAPHS[0], *REWRITE_PARAGRAPHS]), "2026-03-02T08:00:00Z")
COLUMN = ("https://b.example/2", "\n".join([PARAGRAPHS[0], *UNRELATED.split("\n")]), "2026-03-02T09:00:00Z")
BRIEF = ("https://c.example/3", "\n".join([PARAGRAPHS[0], *REWRITE_PARAGRAPHS[:3]]), "2026-03-02T10:00:00Z")


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_a_miss_goes_when_its_pair_leaves_both_lists(monkeypatch: pytest.MonkeyPatch, order: tuple[int, ...]) -> None:
    monkeypatch.setattr(reuse, "MAX_CANDIDATES", 1)
    articles = [FEATURE, COLUMN, BRIEF]
    db = saved_one_by_one([articles[i] for i in order])
    assert (FEATURE[0], COLUMN[0]) not in misses_of(db) and (COLUMN[0], FEATURE[0]) not in misses_of(db)
    assert_as_rebuilt(db, {(BRIEF[0], FEATURE[0], 1.0, "wholly", 5)})
