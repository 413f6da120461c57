"""Query plans: every statement the import and trace stages run reads through the right index.

Without statistics SQLite may pick an index on a column the statement only tests for NULL
(`withdrawn_at is null` matches nearly every row) or on a column with a handful of values
(`verdict in ('wholly', 'partially')`) over the index of a batch of ids. Each such read is then
a scan of the table, and a stage that does one per batch or per article grows with the square
of the database. This test records the statements of a real workload (the sample story imported
in two runs, an edited article, a whole trace) and asks SQLite for the plan of each.
"""

from __future__ import annotations

import re
from dataclasses import replace

from db import open_db
from provenance.pipeline import (
    SAMPLE_DIR,
    analyse_item,
    ingest,
    load_pipeline_registry,
    sample_articles,
    trace_all,
    update_after_import,
)

# "o.article_id in (3, 5, 8)": a batch of ids bound into the statement
_ID_LIST = re.compile(r"\b(?:\w+\.)?(\w+) in \(\s*-?\d+(?:\s*,\s*-?\d+)*\s*\)", re.IGNORECASE)
# a condition naming rows by value: "url in ('...')", "article_id = 4"
_BY_VALUE = re.compile(r"\b(?:\w+\.)?(?!not\b)(\w+) (?:= [?'\d-]|in \((?!\s*select))", re.IGNORECASE)
_SEARCH = re.compile(r"SEARCH \w+(?: AS \w+)? USING (?:COVERING )?INDEX \w+ \((\w+)[=<>]", re.IGNORECASE)


def null_tested(sql: str, column: str) -> bool:
    """Whether the statement tests `column` for NULL with the index left usable (no unary plus)."""
    return re.search(rf"(?<![+\w.])(?:\w+\.)?{column} is (?:not )?null", sql, re.IGNORECASE) is not None


def recorded_statements(db) -> list[str]:
    """Every distinct statement (values bound) of a small but complete workload on `db`."""
    statements: dict[str, None] = {}
    db.conn.set_trace_callback(lambda sql: statements.setdefault(sql.strip(), None))
    registry = load_pipeline_registry(db, [SAMPLE_DIR / "outlets.csv"])
    articles = list(sample_articles())
    for part in (articles[:7], articles[7:]):
        ingest(db, (analyse_item(article, registry) for article in part))
        update_after_import(db)
    first = articles[0]
    edited = replace(
        first, text=first.text.replace(".", ", officials said.", 1), fetched_at="2031-01-01T00:00:00Z"
    )
    # a page reached through another address, naming its canonical one
    moved = replace(articles[1], url=articles[1].url + "?ref=feed", canonical_url=articles[1].url)
    ingest(db, [analyse_item(edited, registry), analyse_item(moved, registry)])
    update_after_import(db)
    trace_all(db)
    db.conn.set_trace_callback(None)
    return [sql for sql in statements if re.match(r"(?i)(select|update|delete|insert|with)\b", sql)]


def plan_of(db, sql: str) -> list[str]:
    return [row[-1] for row in db.execute("explain query plan " + sql).fetchall()]


def test_batched_and_null_tested_reads_use_the_selective_index(tmp_path) -> None:
    db = open_db(tmp_path / "plans.db")  # the same connection: the stages' temp tables stay
    statements = recorded_statements(db)
    batched, wrong = 0, []
    for sql in statements:
        plan = plan_of(db, sql)
        conditions = re.split(r"(?i)\bwhere\b", sql, maxsplit=1)[-1]
        for line in plan:
            for match in _SEARCH.finditer(line):
                column = match.group(1)
                others = {name.lower() for name in _BY_VALUE.findall(conditions)} - {column.lower()}
                if null_tested(sql, column) and others and "(select" not in sql.lower():
                    wrong.append(f"index on {column} chosen for a NULL test over {sorted(others)}: {sql[:300]}")
        for column in {match.group(1).lower() for match in _ID_LIST.finditer(sql)}:
            batched += 1
            needle = re.compile(r"\browid=\?" if column == "id" else rf"\b{column}=\?", re.IGNORECASE)
            if not any(needle.search(line) for line in plan):
                wrong.append(f"a batch of {column} values read without its index ({plan}): {sql[:300]}")
    assert batched >= 10, "the workload ran fewer batched reads than expected"
    assert not wrong, "\n".join(wrong)


def test_asking_whether_a_failure_is_recorded_reads_the_errors_index(tmp_path) -> None:
    # an import or merge asks once per failure: months of crawl errors must not be read each time
    from provenance.pipeline import failure_recorded
    from scrapers.files import ImportFailure

    db = open_db(tmp_path / "plan.db")
    statements = []
    db.conn.set_trace_callback(statements.append)
    failure_recorded(db, ImportFailure(source="a.jsonl", item="line 3", stage="parse", message="bad JSON"))
    db.conn.set_trace_callback(None)
    (sql,) = [statement for statement in statements if "from errors" in statement]
    plan = " | ".join(row[3] for row in db.conn.execute("explain query plan " + sql))
    assert "USING INDEX idx_errors_source_item" in plan, plan
