"""metadata.yml: complete documentation of the schema, valid facets, and canned queries that run."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import sqlite_utils
import yaml

from db import ensure_db_shape
from provenance.serve import METADATA_PATH
from provenance.times import time_order

METADATA = yaml.safe_load(METADATA_PATH.read_text(encoding="utf-8"))
DATABASE = METADATA["databases"]["provenance"]
TABLES = DATABASE["tables"]
QUERIES = DATABASE["queries"]
# Parameters for each canned query on the sample story (Q1: Whitfield's "pouring public money").
SAMPLE_PARAMS = {
    "trace_quote": {"words": "pouring public money"},
    "quote_lineage": {"quote_id": "1"},
    "quote_chain": {"quote_id": "1"},
    "where_quotes_started": {"origin_kind": ""},
    "who_credits_whom": {},
    "copies_crediting_no_one": {},
    "uncredited_quotes": {},
    "outlets_copying_without_credit": {},
    "quotes_of_a_person": {"name": "whitfield"},
    "variants_of_a_quote": {"quote_id": "1"},
    "story_timeline": {"title": "", "from_day": "2026-03-02", "to_day": "2026-03-02"},
    "altered_quotes": {},
    "quotes_spread_fast": {"hours": ""},
    "origin_outlets": {"origin_kind": ""},
}


def schema_columns() -> dict[str, list[str]]:
    """Every table and view of the current schema (FTS tables aside) and its columns."""
    database = sqlite_utils.Database(memory=True)
    ensure_db_shape(database)
    fts = {name for name in database.table_names() if "_fts" in name}
    columns = {
        name: [column.name for column in database[name].columns]
        for name in database.table_names()
        if name not in fts
    }
    columns.update({name: [column.name for column in database[name].columns] for name in database.view_names()})
    return columns


def run_query(db_path: Path, path: str, params: dict | None = None):
    """GET a path as JSON from Datasette serving `db_path` with metadata.yml and our plugin."""
    from datasette.app import Datasette

    async def run():
        datasette = Datasette([], immutables=[str(db_path)], metadata=METADATA)
        return await datasette.client.get(path, params=params or {})

    return asyncio.run(run())


def test_top_level_says_what_where_from_and_under_which_licence():
    for key in ("title", "description_html", "license", "license_url", "source", "about_url"):
        assert METADATA.get(key), key
    assert METADATA["plugins"]["provenance"]["block_robots"] is True


@pytest.mark.parametrize("table", sorted(schema_columns()))
def test_every_table_view_and_column_is_described(table):
    assert table in TABLES, f"metadata.yml does not describe {table}"
    assert TABLES[table].get("description"), table
    documented = TABLES[table].get("columns", {})
    columns = schema_columns()[table]
    assert [column for column in columns if not documented.get(column)] == []
    assert [column for column in documented if column not in columns] == []


@pytest.mark.parametrize(
    ("table", "facets"),
    [
        ("outlets", ["kind", "country"]),
        ("quotes", ["origin_kind", "speaker", "origin_outlet_id"]),
        ("quote_occurrences", ["person_id", "kind", "is_canonical"]),
        ("credits", ["kind", "outlet_id", "scope", "is_copy"]),
        ("lineage", ["evidence", "source_outlet_id", "depth"]),
        ("article_reuse", ["verdict"]),
    ],
)
def test_facets_that_matter(table, facets):
    assert TABLES[table]["facets"] == facets


def test_facets_and_sorts_name_real_columns():
    columns = schema_columns()
    for table, settings in TABLES.items():
        for facet in settings.get("facets", []):
            assert facet in columns[table], (table, facet)
        for key in ("sort", "sort_desc", "label_column"):
            if key in settings:
                assert settings[key] in columns[table], (table, key)


def test_every_canned_query_has_a_title_description_and_known_parameters():
    assert set(QUERIES) == set(SAMPLE_PARAMS)
    for name, query in QUERIES.items():
        assert query["title"] and query["description"], name


def test_no_canned_query_hides_a_table_or_view():
    # Datasette serves a canned query in place of a table or view of the same name.
    assert set(QUERIES) & set(schema_columns()) == set()


def test_canned_queries_of_db_views_are_copied_verbatim():
    from db.views import CANNED_QUERIES

    for name, sql in CANNED_QUERIES.items():
        assert QUERIES[name]["sql"] == sql, f"metadata.yml's {name} differs from db/views.py CANNED_QUERIES"


@pytest.mark.parametrize("name", sorted(SAMPLE_PARAMS))
def test_canned_query_runs_on_the_sample_story(sample_db, name):
    response = run_query(sample_db, f"/sample/{name}.json", dict(SAMPLE_PARAMS[name], _shape="objects"))
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["ok"] is True
    assert data["rows"], f"{name} returned no rows on the sample story"


def test_trace_quote_finds_the_origin_and_the_chain(sample_db):
    rows = run_query(
        sample_db, "/sample/trace_quote.json", {"words": "pouring public money", "_shape": "objects"}
    ).json()["rows"]
    assert {row["origin_outlet"] for row in rows} == {"The Meridian Ledger"}
    assert {row["origin_kind"] for row in rows} == {"exclusive"}
    first = rows[0]
    assert (first["outlet"], first["evidence"], first["depth"]) == ("The Meridian Ledger", "origin", 0)
    by_outlet = {(row["outlet"], row["printed_at"]): row for row in rows}
    assert by_outlet[("NewsPulse", "2026-03-02T10:40:00Z")]["taken_from_outlet"] == "The Meridian Ledger"
    assert by_outlet[("NewsPulse", "2026-03-02T10:40:00Z")]["evidence"] == "credit"


@pytest.mark.parametrize(
    ("words", "quote_ids"),
    [
        ("pouring public money", {1}),  # the canonical wording
        ("can't keep pouring", {1}),  # only DailyBuzz's altered printing has it
        ("$2 million", {1}),
        ("Priya Raman", {4}),  # the speaker
        ("%", set()),  # taken literally, not a wildcard
        ("_", set()),
        ("cannot%pouring", set()),
        ("cannot_keep", set()),
        ("\\", set()),
    ],
)
def test_trace_quote_finds_printed_wordings_and_speakers_literally(sample_db, words, quote_ids):
    rows = run_query(sample_db, "/sample/trace_quote.json", {"words": words, "_shape": "objects"}).json()["rows"]
    assert {row["quote_id"] for row in rows} == quote_ids


@pytest.mark.parametrize(
    ("title", "article_ids"),
    [
        ("$2M", [12]),
        ("Harborton_s", []),  # _ would match the apostrophe of "Harborton's"
        ("%", []),
        ("vote on any", [1]),
    ],
)
def test_story_timeline_title_is_taken_literally(sample_db, title, article_ids):
    params = {"title": title, "from_day": "", "to_day": "", "_shape": "objects"}
    rows = run_query(sample_db, "/sample/story_timeline.json", params).json()["rows"]
    assert [row["article_id"] for row in rows] == article_ids


def test_story_timeline_puts_a_date_alone_after_the_times_of_its_day(sample_db):
    params = {"title": "", "from_day": "", "to_day": "", "_shape": "objects"}
    rows = run_query(sample_db, "/sample/story_timeline.json", params).json()["rows"]
    assert [row["time_key"] for row in rows][-3:] == ["2026-03-02T17:00:00Z", "2026-03-02", "2026-03-03T07:00:00Z"]
    assert rows[0]["outlet"] == "The Meridian Ledger"  # the 06:00 scoop, above Policy Watch's article of that day


@pytest.mark.parametrize(
    ("name", "params", "key"),
    [
        ("quote_lineage", {"quote_id": "2"}, "depth"),
        ("trace_quote", {"words": "only honest option"}, None),
    ],
)
def test_canned_queries_put_a_date_alone_after_the_times_of_its_day(sample_db, name, params, key):
    rows = run_query(sample_db, f"/sample/{name}.json", dict(params, _shape="objects")).json()["rows"]
    times = [(row[key] if key else None, time_order(row["printed_at"])) for row in rows]
    groups = [group for group, _ in times]
    assert times == sorted(times, key=lambda item: (groups.index(item[0]), item[1]))
    assert "2026-03-02" in [row["printed_at"] for row in rows]  # Policy Watch's printing of quote 2


def test_a_variant_dated_alone_was_first_printed_at_the_times_of_its_day(sample_db):
    rows = run_query(sample_db, "/sample/variants_of_a_quote.json", {"quote_id": "2", "_shape": "objects"}).json()["rows"]
    canonical = next(row for row in rows if row["is_canonical"])
    assert "Policy Watch" in canonical["printed_by"]
    assert canonical["first_printed_at"] == "2026-03-02T06:00:00Z"  # the Ledger's scoop, not Policy Watch's date


def test_story_timeline_orders_through_the_time_order_index(tmp_path):
    database = sqlite_utils.Database(tmp_path / "plan.db")
    ensure_db_shape(database)
    plan = " | ".join(
        row[3]
        for row in database.execute(
            "explain query plan " + QUERIES["story_timeline"]["sql"], {"title": "", "from_day": "", "to_day": ""}
        )
    )
    assert "SCAN a USING INDEX idx_articles_time_order" in plan and "TEMP B-TREE" not in plan, plan


def test_altered_quotes_lists_changed_words_not_excerpts_most_altered_quote_first(sample_db):
    rows = run_query(sample_db, "/sample/altered_quotes.json", {"_shape": "objects"}).json()["rows"]
    printings = [(row["quote_id"], row["altered_printings"], row["outlet"]) for row in rows]
    # Whitfield's "only honest option" shortened by NewsPulse and DailyBuzz and altered by The Bay Courier,
    # then her "pouring public money" as DailyBuzz rewrote it, then the mayor's "like everyone else"
    assert printings == [
        (2, 3, "NewsPulse"), (2, 3, "DailyBuzz"), (2, 3, "The Bay Courier"),
        (1, 1, "DailyBuzz"), (5, 1, "Channel 7 Harborton"),
    ]
    assert rows[2]["drift"] == "[-in front of-] {+before+}"
    assert rows[1]["evidence"] == "mutation" and rows[1]["taken_from_outlet"] == "NewsPulse"
    # "dead in the water" is only ever printed as an excerpt of its sentence: cut, not changed
    assert all("dead in the water" not in row["wording_as_printed"] for row in rows)


def test_uncredited_copies_on_the_sample_story_is_empty_of_credited_reprints(sample_db):
    rows = run_query(sample_db, "/sample/copies_crediting_no_one.json", {"_shape": "objects"}).json()["rows"]
    # A3 and A4 reprint Continental Press and say so (dateline, copyright, byline): not uncredited.
    assert [row for row in rows if row["source_outlet"] == "Continental Press"] == []


def test_outlets_copying_without_credit_on_the_sample_story(sample_db):
    rows = run_query(sample_db, "/sample/outlets_copying_without_credit.json", {"_shape": "objects"}).json()["rows"]
    # Harborton Now lifted the Tribune's paragraphs; DailyBuzz printed NewsPulse's altered wording, crediting no one
    assert [(row["outlet"], row["uncredited_copies"], row["copied_printings"]) for row in rows] == [
        ("Harborton Now", 1, 2), ("DailyBuzz", 0, 1),
    ]


def test_quotes_of_a_person_names_the_outlets_that_printed_each_quote(sample_db):
    rows = run_query(sample_db, "/sample/quotes_of_a_person.json", {"name": "whitfield", "_shape": "objects"}).json()["rows"]
    for row in rows:
        outlets = row["printed_by"].split(", ")
        assert outlets == sorted(outlets) and len(outlets) == row["outlet_count"], row
    assert "The Meridian Ledger" in rows[0]["printed_by"]


def test_who_credits_whom_on_the_sample_story(sample_db):
    rows = run_query(sample_db, "/sample/who_credits_whom.json", {"_shape": "objects"}).json()["rows"]
    pairs = {(row["crediting_outlet"], row["credited_outlet"], row["credit_kind"]) for row in rows}
    assert ("Valley Herald", "Continental Press", "copyright") in pairs
    assert ("The Northern Gazette", "Continental Press", "byline") in pairs
    assert ("Policy Watch", "The Meridian Ledger", "link") in pairs
    assert all(row["crediting_outlet"] != row["credited_outlet"] for row in rows)


def test_origin_outlets_counts_who_reprinted_each_origins_quotes_and_credited_it(sample_db):
    def rows(kind: str) -> dict[str, dict]:
        found = run_query(sample_db, "/sample/origin_outlets.json", {"origin_kind": kind, "_shape": "objects"})
        return {row["origin_outlet"]: row for row in found.json()["rows"]}

    every = rows("")
    # the Ledger's scoop: its four exclusive quotes reprinted 17 times by 8 outlets, 3 of them not crediting it
    assert list(every) == ["The Meridian Ledger", "Continental Press", "Harborton Tribune"]
    ledger = every["The Meridian Ledger"]
    assert (ledger["quotes_first"], ledger["exclusive"], ledger["reprinted_by_others"], ledger["other_outlets"],
            ledger["crediting_it"], ledger["not_crediting_it"], ledger["crawled"]) == (4, 4, 17, 8, 14, 3, 1)
    wire = every["Continental Press"]
    assert (wire["wire"], wire["reprinted_by_others"], wire["crediting_it"], wire["not_crediting_it"]) == (1, 3, 3, 0)
    # the mayor's news conference: public statements the Tribune printed first, which others heard too
    tribune = every["Harborton Tribune"]
    assert (tribune["public_statement"], tribune["reprinted_by_others"], tribune["not_crediting_it"]) == (2, 0, 0)
    assert list(rows("wire")) == ["Continental Press"]


def test_database_with_another_name_gets_the_documentation(sample_db):
    response = run_query(sample_db, "/sample.json")
    assert response.status_code == 200
    names = {query["name"] for query in response.json()["queries"]}
    assert names == set(QUERIES)
    table = run_query(sample_db, "/sample/quotes")
    assert "One row per quote" in table.text


def test_canned_queries_show_their_rows_first_and_their_sql_on_request():
    assert {name for name, query in QUERIES.items() if query.get("hide_sql") is not True} == set()


def test_trace_quote_states_where_each_printing_came_from_before_the_long_texts(sample_db):
    # At a laptop's width the first columns are what shows: the evidence and source must be among them.
    columns = run_query(sample_db, "/sample/trace_quote.json", {"words": "pouring public money"}).json()["columns"]
    for answer in ("evidence", "confidence", "taken_from_outlet"):
        assert columns.index(answer) < columns.index("wording_as_printed"), columns
    assert columns[-2:] == ["reason", "credit_sentence"]  # the long texts last


def test_quotes_spread_fast_counts_the_outlets_within_hours_and_who_credited(sample_db):
    def rows(hours: str) -> dict[int, dict]:
        found = run_query(sample_db, "/sample/quotes_spread_fast.json", {"hours": hours, "_shape": "objects"})
        return {row["quote_id"]: row for row in found.json()["rows"]}

    within_an_hour = rows("")  # the mayor's news conference: heard by three outlets within 50 minutes
    assert list(within_an_hour) == [5, 6, 4]
    mayor = within_an_hour[5]
    assert (mayor["outlets_within"], mayor["first_hand"], mayor["crediting_a_source"],
            mayor["crediting_no_source"], mayor["outlets_credited"]) == (3, 3, 0, 0, None)
    union = within_an_hour[4]  # the wire's quote, reprinted under its dateline 45 minutes later
    assert (union["outlets_within"], union["first_hand"], union["crediting_a_source"],
            union["outlets_credited"]) == (2, 1, 1, "Continental Press")
    three_hours = rows("3")  # Harborton Now lifted the Tribune's paragraphs without credit at 17:00
    assert (three_hours[5]["outlets_within"], three_hours[5]["crediting_no_source"]) == (4, 1)
    assert list(rows("0.1")) == []  # six minutes: no second outlet yet
