"""The story timeline narrowed to one day: `?day=YYYY-MM-DD`."""

from __future__ import annotations

import re
import sqlite3

import pytest

from provenance.web.timeline import TimelineFilters, load_timeline, parse_day
from tests.test_plugin import build_days_db, fetch


def article_ids(html: str) -> list[int]:
    """The articles the timeline lists, in its order."""
    return [int(article_id) for article_id in re.findall(r'<tr data-article="(\d+)">', html)]


def test_a_day_lists_that_days_articles_times_first_then_the_dates_alone(tmp_path):
    expected = build_days_db(tmp_path / "days.db")
    html = fetch(tmp_path / "days.db", "/days/-/timeline?day=2026-03-02").text
    conn = sqlite3.connect(tmp_path / "days.db")
    day_of = dict(conn.execute("select id, substr(time_key, 1, 10) from articles"))
    conn.close()
    assert article_ids(html) == [article_id for article_id in expected if day_of[article_id] == "2026-03-02"]
    assert len(article_ids(html)) == 75
    assert "Only articles of 2026-03-02 (UTC; one dated without a time counts on its date)" in html
    assert '<a href="?day=2026-03-01">the day before, 2026-03-01</a>' in html
    assert '<a href="?day=2026-03-03">the day after, 2026-03-03</a>' in html
    assert 'name="day" value="2026-03-02"' in html


def test_a_day_keeps_the_other_filters_in_its_links(tmp_path):
    build_days_db(tmp_path / "days.db")
    html = fetch(tmp_path / "days.db", "/days/-/timeline?day=2026-03-03&outlet=1").text
    assert '<a href="?outlet=1&amp;day=2026-03-02">the day before, 2026-03-02</a>' in html
    assert article_ids(fetch(tmp_path / "days.db", "/days/-/timeline?day=2026-03-04").text) == []


@pytest.mark.parametrize("day", ["2026-13-01", "2026-02-30", "yesterday", "2026-3-1", "<b>2026</b>"])
def test_a_day_that_is_no_date_is_said_and_narrows_nothing(tmp_path, day):
    build_days_db(tmp_path / "days.db")
    html = fetch(tmp_path / "days.db", "/days/-/timeline?day=" + day.replace("<", "%3C").replace(">", "%3E")).text
    assert "<code>?day=</code> takes a date written YYYY-MM-DD (2016-07-06)" in html
    assert len(article_ids(html)) == 100  # the first page of all 225
    assert "<b>2026" not in html


def test_parse_day():
    assert str(parse_day("2026-03-02")) == "2026-03-02"
    assert parse_day("2026-02-29") is None and parse_day("２０２６-03-02") is None and parse_day("") is None
    assert TimelineFilters.from_args({"day": "2026-02-29"}).unread == (("day", "2026-02-29"),)
    assert TimelineFilters.from_args({"day": ""}).unread == ()


def test_a_day_is_one_range_of_the_time_order_index(tmp_path):
    build_days_db(tmp_path / "days.db")
    conn = sqlite3.connect(tmp_path / "days.db")
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    data = load_timeline(conn, TimelineFilters(day="2026-03-01"))
    conn.set_trace_callback(None)
    assert len(data["articles"]) == 75
    sql = next(statement for statement in statements if statement.startswith("select a.id, a.title"))
    plan = " | ".join(row[3] for row in conn.execute("explain query plan " + sql))
    assert "SEARCH a USING INDEX idx_articles_time_order" in plan and "TEMP B-TREE" not in plan, plan
    conn.close()
