"""`provenance compare`: two databases row for row by natural keys, read-only, exit 0 / 1 / 2."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import unicodedata
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from db import ensure_db_shape
from db.schema import SCHEMA_VERSION
from provenance.cli import cli
from provenance.compare import TABLE_NAMES, TABLES, compare_databases, merge_sorted, sort_key
from provenance.terminal import escape_for_terminal
from provenance.lineage import LINEAGE_VERSION
from tests.conftest import database_at_version


@pytest.fixture
def copies(sample_db: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Two copies of the traced sample story: OLD and NEW."""
    old, new = tmp_path / "old.db", tmp_path / "new.db"
    shutil.copy(sample_db, old)
    shutil.copy(sample_db, new)
    return old, new


def run(*args: str):
    return CliRunner().invoke(cli, ["compare", *map(str, args)])


def edit(path: Path, *statements: str) -> None:
    with sqlite3.connect(path) as conn:
        for statement in statements:
            conn.execute(statement)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_identical_copies_exit_0_and_leave_both_files_as_they_were(copies) -> None:
    old, new = copies
    before = digest(old), digest(new)
    result = run(old, new)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[-1] == f"identical: the {len(TABLE_NAMES)} tables compared hold the same rows"
    printings = next(line for line in lines if line.startswith("printings:"))
    assert printings.endswith("0 only in OLD, 0 only in NEW") and not printings.startswith("printings: 0 in")
    assert (digest(old), digest(new)) == before
    assert not Path(f"{old}.lock").exists() and not Path(f"{new}.lock").exists()


SET_ASIDE = (
    "insert into set_aside_pages (url, reason, story_url, set_aside_at, run_id, former_id, title, fetched_at, first_seen,"
    " source, text) values ('https://quarry-gazette.example/tag/ferry', '{reason}', null, '{at}', 7, 41, 'Ferry news',"
    " '2026-03-04T08:00:00Z', '2026-03-04', 'fetch', 'Ferry news: every story on the night crossings.')"
)


# one edit each, the table it must show in, and (only in OLD, only in NEW, of them changed); every other table equal
EDITS = [
    pytest.param(
        ["update quote_occurrences set speaker_name = 'Ossian Vell' where id = (select min(id) from quote_occurrences)"],
        "printings", (1, 1, 1), id="changed speaker",
    ),
    pytest.param(
        ["update lineage set source_article_id = (select max(id) from articles), source_occurrence_id = null"
         " where occurrence_id = (select min(occurrence_id) from lineage where source_article_id is not null)"],
        "lineage", (1, 1, 1), id="moved lineage source",
    ),
    pytest.param(
        ["delete from credit_occurrences where credit_id = (select min(id) from credits)",
         "delete from credits where id = (select min(id) from credits)"],
        "credits", (1, 0, 0), id="deleted credit",
    ),
    pytest.param(
        ["insert into articles (url, text, first_seen, analysed_with)"
         " select 'https://quarry-gazette.example/late-edition', 'A late edition.', '2026-03-05', analysed_with"
         " from articles limit 1"],
        "articles", (0, 1, 0), id="added article",
    ),
    pytest.param(
        ["update person_names set name_key = 'vell ossian'"
         " where (name, gender) = (select name, gender from person_names order by name, gender limit 1)"],
        "person_names", (1, 1, 1), id="changed name key",
    ),
    pytest.param(
        ["insert into article_versions (article_id, version, fetched_at, text, text_hash, diff)"
         " select id, 1, '2026-03-04', 'An earlier text.', 'e1', '-An earlier text.' from articles limit 1"],
        "article_versions", (0, 1, 0), id="added article version",
    ),
    pytest.param(
        [SET_ASIDE.format(reason="a list of stories", at="2026-03-05T10:00:00Z")],
        "set_aside_pages", (0, 1, 0), id="added page set aside",
    ),
    pytest.param(
        ["insert into crawl_urls (url, kind, found_at, state)"
         " values ('https://quarry-gazette.example/feed.xml', 'feed', '2026-03-05', 'done')"],
        "crawl_urls", (0, 1, 0), id="added crawl url",
    ),
    pytest.param(
        ["insert into crawl_searches (story, source, phrase, searched_at, hits, new_urls)"
         " values ('ferry', 'gdelt', 'night crossings', '2026-03-05', 4, 2)"],
        "crawl_searches", (0, 1, 0), id="added search",
    ),
    pytest.param(
        ["insert into crawl_robots (origin, status, body, fetched_at)"
         " values ('https://quarry-gazette.example', 200, 'User-agent: *', '2026-03-05')"],
        "crawl_robots", (0, 1, 0), id="added robots.txt",
    ),
]


@pytest.mark.parametrize(("statements", "table", "expected"), EDITS)
def test_each_change_shows_in_its_table_and_exits_1(copies, statements, table, expected) -> None:
    old, new = copies
    edit(new, *statements)
    comparison = compare_databases(old, new)
    found = {t.name: (t.only_in_old, t.only_in_new, t.changed) for t in comparison.tables}
    counted = {table, "analysis"} if table == "articles" else {table}  # an article added: one more analysed
    assert found[table] == expected
    assert {name for name, counts in found.items() if counts != (0, 0, 0)} == counted
    result = run(old, new)
    assert result.exit_code == 1
    assert result.output.splitlines()[-1].startswith("differ: ")
    assert result.output.splitlines()[-1].endswith(f" in {', '.join(name for name in TABLE_NAMES if name in counted)}")


@pytest.mark.parametrize(
    "old_reason, new_reason, at, expected, shown",
    [
        # set aside again by a later run: the time, run and former id are how it was made, not what it holds
        ("a list of stories", "a list of stories", "2026-03-06T10:00:00Z", (0, 0, 0), []),
        ("a list of stories", "a live blog", "2026-03-05T10:00:00Z", (1, 1, 1),
         ['  ~ url=https://quarry-gazette.example/tag/ferry  reason: "a list of stories" -> "a live blog"']),
        ("a list of stories", None, None, (1, 0, 0),
         ['  - url=https://quarry-gazette.example/tag/ferry reason="a list of stories" title="Ferry news" source=fetch '
          'text="Ferry news: every story on the night crossings."']),
    ],
)
def test_a_page_set_aside_is_compared_by_its_url(copies, old_reason, new_reason, at, expected, shown) -> None:
    old, new = copies
    edit(old, SET_ASIDE.format(reason=old_reason, at="2026-03-05T10:00:00Z"))
    if new_reason:
        edit(new, SET_ASIDE.format(reason=new_reason, at=at).replace("7, 41", "9, 52"))
    found = {t.name: (t.only_in_old, t.only_in_new, t.changed) for t in compare_databases(old, new).tables}
    assert found["set_aside_pages"] == expected
    assert {name for name, counts in found.items() if counts != (0, 0, 0)} == ({"set_aside_pages"} if shown else set())
    result = run(old, new, "--tables", "set_aside_pages")
    assert [line for line in result.output.splitlines() if line[:4] in ("  ~ ", "  - ", "  + ")] == shown


def test_a_changed_speaker_is_shown_as_its_printing_changed(copies) -> None:
    old, new = copies
    edit(new, "update quote_occurrences set speaker_name = 'Ossian Vell' where id = (select min(id) from quote_occurrences)")
    with sqlite3.connect(old) as conn:
        url, start, name = conn.execute(
            "select a.url, o.start, o.speaker_name from quote_occurrences o join articles a on a.id = o.article_id"
            " where o.id = (select min(id) from quote_occurrences)"
        ).fetchone()
    result = run(old, new, "--tables", "printings")
    changed = [line for line in result.output.splitlines() if line.startswith("  ~ ")]
    shown_name = f'"{name}"' if " " in name else name
    assert changed == [f'  ~ url={url} start={start}  speaker_name: {shown_name} -> "Ossian Vell"']


def test_json_is_one_document_with_every_table(copies) -> None:
    old, new = copies
    edit(new, "delete from code_versions where name = 'lineage'")
    result = run(old, new, "--json", "--show", "1")
    assert result.exit_code == 1
    document = json.loads(result.output)
    assert [table["name"] for table in document["tables"]] == list(TABLE_NAMES)
    assert document["identical"] is False and document["differences"] == 1
    versions = next(table for table in document["tables"] if table["name"] == "versions")
    assert versions["only_in_old"] == 1
    assert versions["examples_only_in_old"] == [{"name": "lineage", "version": LINEAGE_VERSION}]


def test_tables_limits_the_comparison(copies) -> None:
    old, new = copies
    with sqlite3.connect(old) as conn:
        rows = f"{conn.execute('select count(*) from lineage').fetchone()[0]:,}"
    edit(new, "delete from code_versions")  # not compared
    result = run(old, new, "--tables", "printings, lineage")
    assert result.exit_code == 0
    assert [line.split(":")[0] for line in result.output.splitlines()[2:-1]] == ["printings", "lineage"]
    result = run(old, new, "--tables", "lineage")
    assert result.output.splitlines()[2:] == [
        f"lineage: {rows} in OLD, {rows} in NEW; 0 only in OLD, 0 only in NEW",
        "identical: the table compared holds the same rows",
    ]


def bad_inputs(tmp_path: Path, sample: Path) -> dict[str, tuple[Path, str]]:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all " * 200)
    other = tmp_path / "other.db"
    sqlite_utils.Database(other)["notes"].insert({"text": "a shopping list"})
    newer = tmp_path / "newer.db"
    shutil.copy(sample, newer)
    edit(newer, f"insert into schema_migrations (version, description) values ({SCHEMA_VERSION + 1}, 'from the future')")
    return {
        "missing": (tmp_path / "nope.db", f"Error: no database at {tmp_path / 'nope.db'}"),
        "folder": (tmp_path, f"Error: {tmp_path} is a folder, not a database file"),
        "not sqlite": (junk, f"Error: {junk} is not a usable SQLite database: file is not a database"),
        "not ours": (other, f"Error: {other} is not a provenance database (no schema_migrations, articles or quote_occurrences table)"),
        "newer": (newer, f"Error: {newer} has schema version {SCHEMA_VERSION + 1}, newer than this tracker's {SCHEMA_VERSION}: "
                         "a newer provenance made it; upgrade provenance to compare it"),
    }


@pytest.mark.parametrize("case", ["missing", "folder", "not sqlite", "not ours", "newer"])
@pytest.mark.parametrize("side", ["old", "new"])
def test_a_bad_input_is_one_line_and_exit_2(sample_db: Path, tmp_path: Path, case: str, side: str) -> None:
    path, message = bad_inputs(tmp_path, sample_db)[case]
    result = run(path, sample_db) if side == "old" else run(sample_db, path)
    assert result.exit_code == 2
    assert result.output.splitlines() == [message]


@pytest.mark.parametrize(("tables", "named"), [("printings,gossip", "no table gossip"), (",", "no table named")])
def test_an_unknown_table_or_none_is_exit_2(sample_db: Path, tables: str, named: str) -> None:
    result = run(sample_db, sample_db, "--tables", tables)
    assert result.exit_code == 2
    assert result.output.splitlines() == [f"Error: {named} to compare (known: {', '.join(TABLE_NAMES)})"]


HOSTILE = "Quiet\x1b[2J\x1b]0;owned\x07 harbour\r\nnow\x9b31m red\u202eright-to-left\u200b end"


def test_hostile_text_reaches_the_terminal_escaped(copies) -> None:
    old, new = copies
    edit(new, f"update quote_occurrences set speaker_name = '{HOSTILE}' where id = (select min(id) from quote_occurrences)",
         f"update outlets set name = '{HOSTILE}' where id = (select min(id) from outlets)")
    result = run(old, new)
    assert result.exit_code == 1
    unsafe = [char for char in result.output if char != "\n" and unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")]
    assert unsafe == []
    assert '"Quiet\\x1b[2J\\x1b]0;owned\\x07 harbour\\x0d\\x0anow\\x9b31m red\\u202eright-to-left\\u200b end"' in result.output
    document = json.loads(run(old, new, "--json").output)  # JSON escapes them itself
    printings = next(table for table in document["tables"] if table["name"] == "printings")
    assert printings["examples_changed"][0]["new"]["speaker_name"] == HOSTILE


@pytest.mark.parametrize(("text", "shown"), [
    ("plain words, \"quoted\" and 'quoted'", "plain words, \"quoted\" and 'quoted'"),
    ("tab\there", "tab\\x09here"),
    ("emoji 🙂 and é stay", "emoji 🙂 and é stay"),
    ("\u2028line separator", "\\u2028line separator"),
])
def test_escape_for_terminal(text: str, shown: str) -> None:
    assert escape_for_terminal(text) == shown


def test_an_older_database_is_compared_on_what_both_have(tmp_path: Path) -> None:
    old = database_at_version(tmp_path / "old.db", 10)  # before analysed_with, reuse_echoes, settled, code_versions
    new = sqlite_utils.Database(tmp_path / "new.db")
    ensure_db_shape(new)
    for database in (old, new):
        database["outlets"].insert({"id": 1, "key": "quarry-gazette", "name": "Quarry Gazette", "domain": "quarry-gazette.example", "kind": "newspaper"})
        database["articles"].insert({"id": 1, "url": "https://quarry-gazette.example/ferry", "outlet_id": 1, "title": "Ferry",
                                     "text": "The ferry runs.", "first_seen": "2026-03-01"})
        database.conn.commit()
    old.close()
    new.close()
    before = digest(tmp_path / "old.db")
    result = run(tmp_path / "old.db", tmp_path / "new.db")
    assert result.exit_code == 0, result.output
    assert "echoes: not compared (no reuse_echoes table in OLD)" in result.output
    assert "versions: not compared (no code_versions table in OLD)" in result.output
    assert "analysis: not compared (no analysed_with column in OLD)" in result.output
    assert "  compared without settled, registry (not in both databases)" in result.output
    assert "articles: 1 in OLD, 1 in NEW; 0 only in OLD, 0 only in NEW" in result.output
    assert digest(tmp_path / "old.db") == before  # no migration applied


def test_it_reads_a_snapshot_while_a_writer_holds_the_lock_and_a_transaction(copies) -> None:
    from provenance.crawl import database_lock

    old, new = copies
    with database_lock(new, "crawl"), sqlite3.connect(new, isolation_level=None) as writer:
        writer.execute("begin immediate")
        writer.execute("delete from people")
        result = run(old, new)
        writer.execute("rollback")
    assert result.exit_code == 0, result.output


def test_merge_pairs_equal_rows_one_for_one() -> None:
    old = [(1, "a"), (1, "a"), (2, "b")]
    new = [(1, "a"), (3, "c")]
    assert list(merge_sorted(old, new)) == [(-1, (1, "a")), (-1, (2, "b")), (1, (3, "c"))]


def test_sort_key_orders_as_sqlite_does() -> None:
    values = [None, -1, 2.5, 10, 3, "", "B", "a", "é", "Z\u00ff", "😀", "\uffff", b"\x00", b"a"]
    conn = sqlite3.connect(":memory:")
    conn.execute("create table t (v collate nocase)")  # a declared collation the comparison must override
    conn.executemany("insert into t values (?)", [(value,) for value in values])
    ordered = [row for row in conn.execute("select v from (select v as v from t) order by v collate binary")]
    assert ordered == sorted(ordered, key=sort_key)
    assert sorted([(value,) for value in values], key=sort_key) == ordered


def test_every_table_is_read_from_one_snapshot_while_a_writer_commits(copies, monkeypatch) -> None:
    import provenance.compare as compare

    old, new = copies
    compare_table = compare._compare_table

    def then_a_crawl_commits(spec, *args):
        result = compare_table(spec, *args)
        if spec.name == "printings":  # between two tables: lineage's version row goes
            edit(new, "delete from code_versions where name = 'lineage'")
        return result

    monkeypatch.setattr(compare, "_compare_table", then_a_crawl_commits)
    assert compare_databases(old, new).identical
    assert not compare_databases(old, new).identical  # the next comparison sees the commit


@pytest.mark.parametrize("spec", TABLES, ids=TABLE_NAMES)
def test_a_key_is_the_leading_columns_the_rows_are_sorted_by(spec) -> None:
    assert [label for label, _ in spec.columns[: len(spec.key)]] == list(spec.key)


def test_a_large_table_is_streamed_not_loaded(tmp_path: Path) -> None:
    import tracemalloc

    path = tmp_path / "large.db"
    database = sqlite_utils.Database(path)
    ensure_db_shape(database)
    database.execute(
        "with recursive n(i) as (select 1 union all select i + 1 from n where i < 30000)"
        " insert into articles (id, url, text, first_seen) select i, 'https://quarry-gazette.example/' || i,"
        " 'The ferry runs at dawn.', '2026-03-01' from n"
    )
    database.execute(
        "insert into quote_occurrences (article_id, text, speaker, start, \"end\", version)"
        " select id, 'We will keep the night crossings running for the island ' || id, 'Mara Quill', 4, 60, 1 from articles"
    )
    database.conn.commit()
    database.close()
    tracemalloc.start()
    try:
        comparison = compare_databases(path, path, tables=["printings"])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert comparison.tables[0].old_rows == 30000 and comparison.identical
    assert peak < 2_000_000  # the 30,000 rows of one side alone take over 10 MB as tuples
