"""A quote's id stays the same across full traces and upgrades; a retired id is never handed out again and says where
its quote went (the quote page, prov.json, `export prov`)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from db import ensure_db_shape, open_db
from provenance import pipeline
from provenance.cli import cli
from provenance.clustering import assign_occurrences, rebuild_clusters
from provenance.pipeline import import_paths, reanalyse, trace_all
from provenance.retired import find_retired_quote
from tests.test_clustering_order import FARES_ONLY, FERRY_ONLY, WHOLE, Article, add, write_pages
from tests.test_plugin import fetch, text_of

KEEP_LINE = "The harbour board will keep the old lighthouse lit every night of the winter"
ROAD_LINE = "The county will close the coast road for repairs until the end of the spring"

ARTICLES: dict[str, Article] = {  # name -> (name, time key, printings)
    "ferry": ("ferry", "2026-03-02T06:00:00Z", [(FERRY_ONLY, "Ines Kowal", "speech")]),
    "whole": ("whole", "2026-03-03T06:00:00Z", [(WHOLE, "Ines Kowal", "speech")]),
    "fares": ("fares", "2026-03-04T06:00:00Z", [(FARES_ONLY, "Ines Kowal", "speech")]),
    "keep": ("keep", "2026-03-05T06:00:00Z", [(KEEP_LINE, "Oskar Brandt", "speech")]),
    "road": ("road", "2026-03-06T06:00:00Z", [(ROAD_LINE, "Dan Orrin", "speech")]),
    "whole-early": ("whole-early", "2026-03-01T06:00:00Z", [(WHOLE, "Ines Kowal", "speech")]),
    "ferry-early": ("ferry-early", "2026-03-01T05:00:00Z", [(FERRY_ONLY, "Ines Kowal", "speech")]),
}


def file_db(path: Path) -> sqlite_utils.Database:
    database = sqlite_utils.Database(path)
    ensure_db_shape(database)
    database["outlets"].insert({"key": "x", "name": "X", "kind": "newspaper"})
    return database


def imported(database: sqlite_utils.Database, *steps: list[str]) -> sqlite_utils.Database:
    """Each step's articles added, then clustered as one import does."""
    for names in steps:
        for name in names:
            add(database, ARTICLES[name])
        assign_occurrences(database)
    return database


def ids_by_founder(database: sqlite_utils.Database) -> dict[int, tuple[str, str]]:
    """Each quote id with its founding printing (article, wording)."""
    return {
        quote_id: (url.rsplit("/", 1)[1], text)
        for quote_id, url, text in database.execute(
            "select q.id, a.url, o.text from quotes q join quote_occurrences o on o.id = q.founder_id "
            "join articles a on a.id = o.article_id order by q.id"
        )
    }


def members(database: sqlite_utils.Database) -> dict[int, set[str]]:
    """Each quote id with the articles of its printings."""
    found: dict[int, set[str]] = {}
    for quote_id, url in database.execute(
        "select o.quote_id, a.url from quote_occurrences o join articles a on a.id = o.article_id"
    ):
        found.setdefault(quote_id, set()).add(url.rsplit("/", 1)[1])
    return found


@pytest.mark.parametrize(
    "steps, expected",
    [
        ([["ferry", "whole", "fares", "keep", "road"]], {1: ("ferry", FERRY_ONLY), 2: ("fares", FARES_ONLY),
                                                        3: ("keep", KEEP_LINE), 4: ("road", ROAD_LINE)}),
        # newest first: ids in import order, kept by the trace though a fresh import would number them otherwise;
        # 3 went from the fares half to the whole promise holding it, then to the ferry half holding that
        ([["road"], ["keep"], ["fares"], ["whole"], ["ferry"]],
         {1: ("road", ROAD_LINE), 2: ("keep", KEEP_LINE), 3: ("ferry", FERRY_ONLY), 4: ("fares", FARES_ONLY)}),
        ([["keep", "fares"], ["road", "whole"], ["ferry"]],
         {1: ("ferry", FERRY_ONLY), 2: ("keep", KEEP_LINE), 3: ("road", ROAD_LINE), 4: ("fares", FARES_ONLY)}),
    ],
    ids=["one import", "newest first", "three parts"],
)
def test_a_full_trace_of_an_unchanged_database_keeps_every_id(tmp_path, steps, expected):
    database = imported(file_db(tmp_path / "q.db"), *steps)
    assert ids_by_founder(database) == expected
    before = members(database)
    rebuild_clusters(database)
    assert ids_by_founder(database) == expected
    assert members(database) == before
    rebuild_clusters(database)  # and again
    assert ids_by_founder(database) == expected
    assert database.execute("select id from retired_quotes").fetchall() == []


def test_a_merge_retires_the_later_id_which_points_to_the_quote_holding_its_founder(tmp_path):
    # the two halves found a quote each; the whole promise printed before both founds one they both join
    database = imported(file_db(tmp_path / "q.db"), ["ferry", "fares"])
    assert ids_by_founder(database) == {1: ("ferry", FERRY_ONLY), 2: ("fares", FARES_ONLY)}
    imported(database, ["whole-early"])
    assert ids_by_founder(database) == {1: ("whole-early", WHOLE)}
    assert members(database) == {1: {"whole-early", "ferry", "fares"}}
    retired = find_retired_quote(database, 2)
    assert (retired.text, retired.speaker, retired.founder_url, retired.successor_id) == (
        FARES_ONLY, "Ines Kowal", "https://x.example/fares", 1)
    assert retired.describe() == (
        "quote 2 no longer names a quote: it was merged into quote 1, which now holds the printing that founded it")
    # the emptied id, the largest, is not handed out again
    imported(database, ["keep"])
    assert ids_by_founder(database) == {1: ("whole-early", WHOLE), 3: ("keep", KEEP_LINE)}
    assert find_retired_quote(database, 1) is None and find_retired_quote(database, 3) is None


def test_a_split_leaves_the_id_with_the_part_holding_the_founder(tmp_path):
    # the whole promise founds a quote both halves join; the ferry half printed before it takes the founding,
    # and the fares half, which cannot join the ferry half, goes off on its own under a new id
    database = imported(file_db(tmp_path / "q.db"), ["whole", "ferry", "fares"])
    assert ids_by_founder(database) == {1: ("ferry", FERRY_ONLY), 2: ("fares", FARES_ONLY)}
    database = imported(file_db(tmp_path / "r.db"), ["fares", "whole"])
    assert ids_by_founder(database) == {1: ("whole", WHOLE)}
    assert members(database) == {1: {"whole", "fares"}}
    imported(database, ["ferry-early"])
    assert ids_by_founder(database) == {1: ("ferry-early", FERRY_ONLY), 2: ("fares", FARES_ONLY)}
    assert members(database) == {1: {"ferry-early", "whole"}, 2: {"fares"}}
    assert database.execute("select id from retired_quotes").fetchall() == []


@pytest.mark.parametrize(
    "steps, emptied, then, expected",
    [
        ([["ferry", "keep", "road"]], "road", ["fares"], {1: ("ferry", FERRY_ONLY), 2: ("keep", KEEP_LINE),
                                                         4: ("fares", FARES_ONLY)}),
        ([["road"], ["keep"]], "keep", ["ferry"], {1: ("road", ROAD_LINE), 3: ("ferry", FERRY_ONLY)}),
        ([["road"], ["keep"]], "road", ["ferry"], {2: ("keep", KEEP_LINE), 3: ("ferry", FERRY_ONLY)}),
    ],
    ids=["largest id emptied", "largest id emptied, imported apart", "smallest id emptied"],
)
def test_an_emptied_cluster_s_id_is_never_handed_out_again(tmp_path, steps, emptied, then, expected):
    database = imported(file_db(tmp_path / "q.db"), *steps)
    (gone,) = database.execute(
        "select o.quote_id from quote_occurrences o join articles a on a.id = o.article_id where a.url like ?",
        [f"%/{emptied}"],
    ).fetchone()
    with database.conn:  # as a re-analysis that no longer finds the printing (`save._delete_occurrences`)
        database.execute("update quotes set founder_id = null where id = ?", [gone])
        database.execute("delete from quote_occurrences where quote_id = ?", [gone])
    pipeline._drop_empty_quotes(database)
    imported(database, then)
    assert ids_by_founder(database) == expected
    retired = find_retired_quote(database, gone)
    assert (retired.successor_id, retired.reason) == (
        None, "it is gone: the printing that founded it is no longer in the database (its article was analysed "
        "again, edited or set aside)")
    rebuild_clusters(database)  # a full trace hands it out no more than an import
    assert ids_by_founder(database) == expected


def test_a_full_trace_gives_a_cluster_whose_founder_is_gone_to_the_one_holding_most_of_its_printings(tmp_path):
    database = imported(file_db(tmp_path / "q.db"), ["whole", "fares", "keep"])
    assert ids_by_founder(database) == {1: ("whole", WHOLE), 2: ("keep", KEEP_LINE)}
    with database.conn:  # its founder deleted by a re-analysis; the fares half stays, founding nothing yet
        founder = database.execute("select founder_id from quotes where id = 1").fetchone()[0]
        database.execute("update quotes set founder_id = null where founder_id = ?", [founder])
        database.execute("delete from quote_occurrences where id = ?", [founder])
    rebuild_clusters(database)
    assert ids_by_founder(database) == {1: ("fares", FARES_ONLY), 2: ("keep", KEEP_LINE)}


def step_and_trace(tmp_path: Path, parts: list[list[int]]) -> tuple[sqlite_utils.Database, dict]:
    database = open_db(tmp_path / "stepped.db")
    for number, indexes in enumerate(parts):
        import_paths(database, [write_pages(tmp_path / f"part{number}.jsonl", indexes)], workers=1)
    return database, ids_by_founder(database)


@pytest.mark.parametrize("parts", [[[0, 1, 2, 3, 4, 5, 6]], [[6], [5], [4], [3], [2], [1], [0]], [[1, 4], [0, 3, 6], [2, 5]]],
                         ids=["whole", "newest first", "interleaved"])
def test_reanalyse_only_stale_after_version_bumps_keeps_the_ids(tmp_path, monkeypatch, parts):
    database, before = step_and_trace(tmp_path, parts)
    assert len(before) == 5
    monkeypatch.setattr(pipeline, "ANALYSIS_VERSION", pipeline.ANALYSIS_VERSION + 1)
    monkeypatch.setitem(pipeline.CODE_VERSIONS, "clustering", pipeline.CODE_VERSIONS["clustering"] + 1)
    reanalyse(database, only_stale=True, workers=1)
    assert database.execute("select status from runs where command = 'trace' order by id desc").fetchone() == ("ok",)
    assert database.execute("select count(*) from articles where analysed_with = ?", [pipeline.ANALYSIS_VERSION]).fetchone() == (7,)
    assert ids_by_founder(database) == before
    trace_all(database)
    assert ids_by_founder(database) == before


def retired_db(tmp_path: Path) -> Path:
    """A database where quote 2 was merged into 1, quote 3 is live and quote 4 is gone."""
    path = tmp_path / "ids.db"
    database = imported(file_db(path), ["ferry", "fares"], ["whole-early"], ["keep"], ["road"])
    with database.conn:
        database.execute("update quotes set text = '<b>bold</b> words' where id = 4")
        database.execute("update quotes set founder_id = null where id = 4")
        database.execute("delete from quote_occurrences where quote_id = 4")
    pipeline._drop_empty_quotes(database)
    database.conn.close()
    return path


@pytest.mark.parametrize(
    "quote_id, status, says",
    [
        (2, 410, f"<h1>Quote 2 no longer names a quote in ids</h1>\n<p>It showed “<bdi>{FARES_ONLY}</bdi>”, said by "
                 "<bdi>Ines Kowal</bdi>."),
        (4, 410, "<h1>Quote 4 no longer names a quote in ids</h1>\n<p>It showed “<bdi>&lt;b&gt;bold&lt;/b&gt; words</bdi>”"),
        (3, 200, "<title>Quote 3:"),
        (5, 404, "<h1>No quote 5 in ids</h1>"),
    ],
    ids=["merged", "gone", "live", "never used"],
)
def test_the_page_of_a_retired_id_says_where_the_quote_went(tmp_path, quote_id, status, says):
    response = fetch(retired_db(tmp_path), f"/ids/-/quote/{quote_id}")
    assert response.status_code == status
    html = response.text
    assert says in html
    assert "<b>bold" not in html
    if quote_id == 2:
        assert 'It was merged into <a href="/ids/-/quote/1">quote 1</a>' in html
        assert '<a href="https://x.example/fares" rel="nofollow noopener noreferrer" class="external">' in html
        assert '<a href="/ids/retired_quotes">the retired_quotes table</a>' in html
    if quote_id == 4:
        assert "It is gone: the printing that founded it is no longer in the database" in text_of(html)


@pytest.mark.parametrize(
    "quote_id, status, error",
    [
        (2, 410, "quote 2 no longer names a quote: it was merged into quote 1, which now holds the printing that founded it"),
        (4, 410, "quote 4 no longer names a quote: it is gone: the printing that founded it is no longer in the database "
                 "(its article was analysed again, edited or set aside)"),
    ],
)
def test_prov_of_a_retired_id_names_where_it_went(tmp_path, quote_id, status, error):
    path = retired_db(tmp_path)
    response = fetch(path, f"/ids/-/quote/{quote_id}/prov.json")
    assert response.status_code == status
    assert response.json()["error"] == error
    result = CliRunner().invoke(cli, ["export", "prov", "--db", str(path), "--quote", str(quote_id)])
    assert result.exit_code == 1
    assert result.output == f"Error: {error}\n"
