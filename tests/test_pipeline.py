"""Import end to end: JSON Lines and CSV in, analysed rows out; idempotent; bad records skipped."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import sqlite_utils

from db import ensure_db_shape
from db import save
from db.save import save_analysis
from provenance import lineage, pipeline
from provenance.pipeline import import_paths, recorded_run, trace_all

ORIGINAL = {
    "url": "https://www.harborton-star.example/2026/03/02/port-chair-sale/",
    "outlet": "Harborton Star",
    "published": "2026-03-02T06:00:00Z",
    "title": "Port chair backs terminal sale",
    "author": "Lena Ortiz",
    "text": (
        "HARBORTON — The chair of the port authority has backed the sale of the Eastpoint terminal.\n"
        '"The sale is the only honest option left on the table, and I will defend it in front of anyone," '
        "Dana Whitfield said in an interview on Sunday.\n"
        "The authority's board votes next week."
    ),
}
REWRITE = {
    "url": "https://bay-digest.example/port-sale",
    "outlet": "Bay Digest",
    "published": "2026-03-02T09:30:00Z",
    "title": "Sale backed",
    "text": (
        "The port authority chair wants to sell the Eastpoint terminal, according to the Harborton Star.\n"
        '"The sale is the only honest option left on the table, and I will defend it in front of anyone," '
        "Whitfield told the paper."
    ),
}


def write_jsonl(path: Path, records: list[dict], extra_lines: list[str] = ()) -> Path:
    lines = [json.dumps(record) for record in records] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def open_db(path: Path) -> sqlite_utils.Database:
    database = sqlite_utils.Database(path)
    ensure_db_shape(database)
    return database


def test_import_analyses_and_traces(tmp_path: Path) -> None:
    database = open_db(tmp_path / "news.db")
    report = import_paths(database, [write_jsonl(tmp_path / "a.jsonl", [ORIGINAL, REWRITE])])
    assert (report.new, report.failed) == (2, 0)
    assert database["quotes"].count == 1
    quote = next(database.query("select * from quotes"))
    assert quote["speaker"] == "Dana Whitfield"
    assert (quote["article_count"], quote["outlet_count"]) == (2, 2)
    origin = next(database.query("select name from outlets where id = ?", [quote["origin_outlet_id"]]))
    assert origin["name"] == "Harborton Star"
    credit = next(database.query("select o.name, c.kind from credits c join outlets o on o.id = c.outlet_id"))
    assert credit == {"name": "Harborton Star", "kind": "according_to"}
    evidence = [
        row["evidence"]
        for row in database.query(
            "select l.evidence from lineage l join quote_occurrences q on q.id = l.occurrence_id order by q.article_id"
        )
    ]
    assert evidence == ["origin", "credit"]
    assert database.execute("select count(*) from articles where traced = 0").fetchone()[0] == 0


def test_import_twice_adds_nothing(tmp_path: Path) -> None:
    database = open_db(tmp_path / "news.db")
    source = write_jsonl(tmp_path / "a.jsonl", [ORIGINAL, REWRITE])
    import_paths(database, [source])
    tables = [t for t in database.table_names() if t not in ("runs",)]
    before = {table: database[table].count for table in tables}
    lineage = list(database.query("select * from lineage order by occurrence_id"))
    report = import_paths(database, [source])
    assert (report.new, report.changed, report.unchanged) == (0, 0, 2)
    assert {table: database[table].count for table in tables} == before
    assert list(database.query("select * from lineage order by occurrence_id")) == lineage


def test_bad_records_are_recorded_and_skipped(tmp_path: Path) -> None:
    database = open_db(tmp_path / "news.db")
    source = write_jsonl(
        tmp_path / "a.jsonl",
        [ORIGINAL],
        extra_lines=['{"url": "https://broken.example/1", "text": ', '{"title": "no url and no text"}', json.dumps(REWRITE)],
    )
    report = import_paths(database, [source])
    assert (report.new, report.failed) == (2, 2)
    errors = list(database.query("select source, stage from errors"))
    assert len(errors) == 2
    run = next(database.query("select status, articles_new, errors from runs"))
    assert run == {"status": "ok", "articles_new": 2, "errors": 2}
    # imported again: the same failures are counted and printed, not recorded twice (as `dask merge` does)
    again = import_paths(database, [source])
    assert (again.new, again.failed) == (0, 2)
    assert database["errors"].count == 2


def test_csv_import_and_full_retrace_agree(tmp_path: Path) -> None:
    source = tmp_path / "a.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["url", "outlet", "published", "title", "author", "text"])
        writer.writeheader()
        for record in (REWRITE, ORIGINAL):
            writer.writerow({key: record.get(key, "") for key in writer.fieldnames})
    database = open_db(tmp_path / "news.db")
    import_paths(database, [source])
    incremental = list(database.query("select occurrence_id, source_article_id, evidence from lineage order by 1"))
    trace_all(database)
    assert list(database.query("select occurrence_id, source_article_id, evidence from lineage order by 1")) == incremental


def test_a_changed_article_is_reanalysed(tmp_path: Path) -> None:
    database = open_db(tmp_path / "news.db")
    import_paths(database, [write_jsonl(tmp_path / "a.jsonl", [ORIGINAL, REWRITE])])
    edited = dict(REWRITE, text=REWRITE["text"].replace("according to the Harborton Star", "sources say"))
    report = import_paths(database, [write_jsonl(tmp_path / "b.jsonl", [edited])])
    assert (report.new, report.changed) == (0, 1)
    assert database["credits"].count == 0
    assert database["article_versions"].count == 1
    evidence = [row["evidence"] for row in database.query("select evidence from lineage order by occurrence_id")]
    # Without its credit the rewrite's quote is no longer traced by credit.
    assert evidence[0] == "origin" and evidence[1] != "credit" and len(evidence) == 2


def test_a_cluster_left_without_printings_goes_with_its_grams_and_lineage(tmp_path: Path) -> None:
    database = open_db(tmp_path / "news.db")
    import_paths(database, [write_jsonl(tmp_path / "a.jsonl", [ORIGINAL, REWRITE, INTERVIEW])])
    quotes = [row[0] for row in database.execute("select id from quotes order by id")]
    assert len(quotes) == 2
    gone, kept = quotes
    for table in ("quote_grams", "lineage"):
        assert database.execute(f"select count(*) from {table} where quote_id = ?", [gone]).fetchone()[0] > 0
    database.execute("insert into stale_quotes (quote_id) values (?)", [gone])
    printings = [row[0] for row in database.execute("select id from quote_occurrences where quote_id = ?", [gone])]
    with database.conn:  # as a reanalysis that no longer finds the quotation deletes its printings
        save._delete_occurrences(database, printings)
    pipeline._drop_empty_quotes(database)
    assert [row[0] for row in database.execute("select id from quotes")] == [kept]
    for table in ("quote_grams", "lineage", "stale_quotes"):
        assert database.execute(f"select count(*) from {table} where quote_id = ?", [gone]).fetchone()[0] == 0, table
    assert database.execute("select count(*) from quote_grams where quote_id = ?", [kept]).fetchone()[0] > 0


INTERVIEW = {
    "url": "https://www.quayside-post.example/2026/06/03/loan",
    "outlet": "Quayside Post",
    "published": "2026-06-03T08:00:00Z",
    "text": (
        "The finance minister broke her silence on Tuesday. \u201cNobody told me about the shipyard loan "
        "until the auditors had already found it,\u201d Minister Hanna Lind told the Quayside Post. "
        "Lind has faced calls to resign since the loan came to light last month."
    ),
}
UNCREDITED = {
    "url": "https://www.morning-lantern.example/2026/06/03/lind",
    "outlet": "Morning Lantern",
    "published": "2026-06-03T10:00:00Z",
    "text": (
        "The minister says she was kept in the dark. \u201cNobody told me about the shipyard loan until "
        "the auditors had already found it,\u201d Hanna Lind said. Opposition parties want an inquiry."
    ),
}


def test_a_quote_told_to_the_outlet_is_its_exclusive_and_the_copy_uncredited(tmp_path: Path) -> None:
    database = open_db(tmp_path / "news.db")
    import_paths(database, [write_jsonl(tmp_path / "a.jsonl", [UNCREDITED, INTERVIEW])])
    told = database.execute(
        "select a.url, o.told_own_outlet from quote_occurrences o join articles a on a.id = o.article_id order by a.url"
    ).fetchall()
    assert told == [(UNCREDITED["url"], 0), (INTERVIEW["url"], 1)]
    quote = next(database.query("select q.origin_kind, o.name from quotes q join outlets o on o.id = q.origin_outlet_id"))
    assert quote == {"origin_kind": "exclusive", "name": "Quayside Post"}
    copies = database.execute("select url, source_outlet, origin_kind from uncredited_copies").fetchall()
    assert copies == [(UNCREDITED["url"], "Quayside Post", "exclusive")]


def test_two_captures_of_one_url_imported_again_add_nothing(tmp_path: Path) -> None:
    later = dict(ORIGINAL, text=ORIGINAL["text"] + "\nUpdate: the board has moved its vote to Friday.")
    source = write_jsonl(tmp_path / "twice.jsonl", [ORIGINAL, later])
    database = open_db(tmp_path / "news.db")
    report = import_paths(database, [source])
    assert (report.new, report.changed) == (1, 1)
    tables = [t for t in database.table_names() if t != "runs"]
    before = {table: list(database[table].rows) for table in tables}
    for _ in range(2):  # the earlier capture is history already kept, not a change back
        report = import_paths(database, [source])
        assert (report.new, report.changed, report.unchanged) == (0, 0, 2)
        assert {table: list(database[table].rows) for table in tables} == before
    assert database.execute("select version, text like '%Friday.' from articles").fetchall() == [(2, 1)]


def test_two_captures_saved_in_one_batch_leave_the_reuse_index_of_the_later_text(tmp_path: Path) -> None:
    # A batch inserts its fingerprints at its end: the first capture's must not outlive the second.
    from provenance.reuse import fingerprint_text

    later = dict(ORIGINAL, text="The port authority has delayed the Eastpoint vote until the auditors report in May.")
    database = open_db(tmp_path / "news.db")
    import_paths(database, [write_jsonl(tmp_path / "twice.jsonl", [ORIGINAL, later])])
    kept = {row[0] for row in database.execute("select hash from article_fingerprints")}
    assert kept == set(fingerprint_text(later["text"])) and kept != set(fingerprint_text(ORIGINAL["text"]))


def capture_html(paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Port chair backs terminal sale</title>"
        "<link rel='canonical' href='https://www.harborton-star.example/2026/03/02/port-chair-sale/'></head>"
        f"<body><article><h1>Port chair backs terminal sale</h1>{body}</article></body></html>"
    ).encode("utf-8")


def test_warc_captures_in_order_keep_a_reverted_edit_and_import_again_unchanged(tmp_path: Path) -> None:
    from scrapers.warc import WarcWriter

    url = ORIGINAL["url"]
    first = [
        "HARBORTON — The chair of the port authority has backed the sale of the Eastpoint terminal on Sunday.",
        "\u201cThe sale is the only honest option left on the table, and I will defend it in front of anyone,\u201d "
        "Dana Whitfield said in an interview.",
        "The authority's board votes next week, and the council has asked to see the figures before then.",
    ]
    edited = first + ["Update: the board has moved its vote to Friday, a spokesman for the authority said."]
    archive = tmp_path / "captures.warc.gz"
    with WarcWriter(archive) as writer:
        for paragraphs, when in ((first, "2026-03-02T07:00:00Z"), (edited, "2026-03-02T12:00:00Z"),
                                 (first, "2026-03-02T18:00:00Z")):  # the update taken back
            writer.write_response(url, 200, {"Content-Type": "text/html; charset=utf-8"}, capture_html(paragraphs), when)
    database = open_db(tmp_path / "news.db")
    report = import_paths(database, [archive])
    assert (report.new, report.changed) == (1, 2)
    assert database.execute("select version, fetched_at, text like '%Friday%' from articles").fetchall() == [
        (3, "2026-03-02T18:00:00Z", 0)]
    assert database.execute("select version, fetched_at from article_versions order by version").fetchall() == [
        (1, "2026-03-02T07:00:00Z"), (2, "2026-03-02T12:00:00Z")]
    tables = [t for t in database.table_names() if t != "runs"]
    before = {table: list(database[table].rows) for table in tables}
    report = import_paths(database, [archive])
    assert (report.new, report.changed, report.unchanged) == (0, 0, 3)
    assert {table: list(database[table].rows) for table in tables} == before


BRIEFINGS = [
    (
        "https://www.harbour-ledger.example/2026/07/09/dredging",
        "Harbour Ledger",
        "2026-07-09T10:05:00Z",
        "Port director Alma Reyes on Thursday announced a two-year dredging plan for the inner harbour of "
        "Kestrel Bay.\n"
        "\u201cWithout deeper berths the container lines will simply sail past us and take their cargo to "
        "the southern ports,\u201d Reyes said at a briefing in the port offices.\n"
        "The regional environment board must still approve the dredging plan.",
    ),
    (
        "https://www.radio-kestrel.example/news/dredging",
        "Radio Kestrel",
        "2026-07-09T10:20:00Z",
        "Kestrel Bay's inner harbour will get a dredging plan, port director Alma Reyes announced Thursday at "
        "a briefing.\n"
        "\u201cWithout deeper berths the container lines will simply sail past us and take their cargo to "
        "the southern ports,\u201d said Reyes.\n"
        "The environment board of the region has to approve the two-year plan before work starts.",
    ),
]


def test_two_short_reports_of_one_briefing_are_a_public_statement_not_a_copy(tmp_path: Path) -> None:
    # they share the quotations, the names and the topic's words, and no sentence besides
    records = [{"url": u, "outlet": o, "published": p, "text": t} for u, o, p, t in BRIEFINGS]
    database = open_db(tmp_path / "news.db")
    import_paths(database, [write_jsonl(tmp_path / "a.jsonl", records)])
    kinds = database.execute("select distinct origin_kind from quotes").fetchall()
    assert kinds == [("public_statement",)]
    assert database.execute("select count(*) from lineage where evidence = 'reuse'").fetchone()[0] == 0


CABLE_WIRE = [
    "HARBORTON — A dock foreman who stole copper cable worth forty thousand pounds from the Eastpoint terminal"
    " was jailed for two years at Harborton Crown Court today.",
    "Victor Lindqvist, 52, of Gull Terrace, admitted theft and said he had sold the cable to a scrap dealer in"
    " three loads over the winter.",
    "The court heard that the missing cable left the terminal's cranes idle for nine days and cost the port"
    " authority a further sixty thousand pounds in lost trade.",
    "Sentencing him, Judge Marion Oakes said: \u201cYou betrayed the trust of the men who worked beside you, and"
    " you did it for the price of a used car.\u201d",
    "Lindqvist's lawyer told the court his client had run up gambling debts after his wife fell ill.",
    "The scrap dealer, who has not been named, is expected to face charges of handling stolen goods.",
]
CABLE_PAPER = [  # the wire's story sub-edited the next morning: 36 % of its runs of three words are the wire's
    "A DOCK foreman was jailed for two years yesterday for stealing copper cable worth \u00a340,000 from the"
    " Eastpoint terminal.",
    "Victor Lindqvist, 52, of Gull Terrace, Harborton, admitted the theft and told the court he sold it to a scrap"
    " dealer in three loads.",
    "Without the cable the terminal's cranes stood idle for nine days, which cost the port authority \u00a360,000"
    " more in trade.",
    "Judge Marion Oakes told him: 'You betrayed the trust of the men who worked beside you, and you did it for the"
    " price of a used car.'",
    "Lindqvist had run up gambling debts when his wife fell ill, his lawyer said.",
]


def test_a_sub_edited_copy_of_a_wire_story_has_its_quote_from_the_wire(tmp_path: Path) -> None:
    # Newspapers rewrite the wire copy they print: on METER, papers that copied PA share a median 42 %
    # (wholly derived) or 20 % (partially) of such runs with it, reports written apart 14 %
    records = [
        {"url": "https://harbour-wire.example/cable", "outlet": "Harbour Wire", "published": "2026-03-04",
         "text": "\n".join(CABLE_WIRE)},
        {"url": "https://valley-ledger.example/cable", "outlet": "Valley Ledger", "published": "2026-03-05",
         "text": "\n".join(CABLE_PAPER)},
    ]
    database = open_db(tmp_path / "news.db")
    import_paths(database, [write_jsonl(tmp_path / "a.jsonl", records)])
    assert database.execute("select verdict from article_reuse").fetchall() == [("wholly",)]
    rows = database.execute(
        "select o.article_id, l.evidence, l.source_article_id from lineage l"
        " join quote_occurrences o on o.id = l.occurrence_id order by o.article_id"
    ).fetchall()
    assert rows == [(1, "origin", None), (2, "reuse", 1)]
    assert database.execute("select origin_kind, origin_article_id from quotes").fetchall() == [("exclusive", 1)]


@pytest.mark.parametrize(
    "credited",
    [
        "Lindqvist's daughter told the Valley Ledger last month: \u201cMy father is a good man who made one"
        " terrible mistake in a hard winter.\u201d",  # for another quote
        "The terminal handled 40,000 containers last year, according to a Valley Ledger count.",  # for a figure
    ],
)
def test_a_credit_for_another_quote_does_not_turn_a_same_day_copy_round(tmp_path: Path, credited: str) -> None:
    # The wire credits the Ledger for the daughter's words, which the Ledger printed a month before, or
    # for a figure; the Ledger prints the wire's court story the same day (dates only), the judge's
    # words included. That credit does not make the Ledger the original of the court story.
    wire = {"url": "https://harbour-wire.example/cable", "outlet": "Harbour Wire", "published": "2026-03-04",
            "text": "\n".join(CABLE_WIRE[:5] + [credited] + CABLE_WIRE[5:])}
    reprint = {"url": "https://valley-ledger.example/cable", "outlet": "Valley Ledger", "published": "2026-03-04",
               "text": "\n".join(CABLE_WIRE[1:])}
    database = open_db(tmp_path / "news.db")
    import_paths(database, [write_jsonl(tmp_path / "a.jsonl", [wire, reprint])])
    rows = database.execute(
        """select a.url, l.evidence, s.url from lineage l join quote_occurrences o on o.id = l.occurrence_id
        join articles a on a.id = o.article_id left join articles s on s.id = l.source_article_id
        where o.text like 'You betrayed%' order by a.url"""
    ).fetchall()
    assert rows == [
        ("https://harbour-wire.example/cable", "origin", None),
        ("https://valley-ledger.example/cable", "reuse", "https://harbour-wire.example/cable"),
    ]


def test_an_interrupted_import_counts_only_what_it_saved(tmp_path: Path, monkeypatch) -> None:
    from provenance import pipeline

    records = [{**ORIGINAL, "url": f"https://www.harborton-star.example/2026/03/{n}/"} for n in range(5)]
    database = open_db(tmp_path / "news.db")
    monkeypatch.setattr(pipeline, "CHUNK_SIZE", 2)
    saves = []

    def save_then_stop(db, analysis, **options):
        saves.append(analysis.article.url)
        if len(saves) == 4:  # the second chunk, half saved, is rolled back
            raise KeyboardInterrupt
        return save_analysis(db, analysis, **options)

    monkeypatch.setattr(pipeline, "save_analysis", save_then_stop)
    with pytest.raises(KeyboardInterrupt):
        import_paths(database, [write_jsonl(tmp_path / "a.jsonl", records)], workers=1)
    assert database.execute("select count(*) from articles").fetchone()[0] == 2
    assert database.execute("select status, articles_new from runs").fetchall() == [("interrupted", 2)]


def test_an_import_stopped_while_tracing_is_traced_by_the_next_run(tmp_path: Path, monkeypatch) -> None:
    export = write_jsonl(tmp_path / "a.jsonl", [ORIGINAL, REWRITE])
    straight = open_db(tmp_path / "straight.db")
    import_paths(straight, [export])
    expected = straight.execute("select quote_id, evidence, source_outlet_id from lineage order by occurrence_id").fetchall()
    assert expected

    def stopped(*args, **kwargs):
        raise KeyboardInterrupt

    database = open_db(tmp_path / "news.db")
    with monkeypatch.context() as patch:
        patch.setattr(lineage, "trace_quotes", stopped)  # clusters are committed, lineage is not
        with pytest.raises(KeyboardInterrupt):
            import_paths(database, [export])
    assert database.execute("select count(*) from lineage").fetchone()[0] == 0
    report = import_paths(database, [export])
    assert (report.new, report.quotes_touched) == (0, 1)
    assert database.execute("select quote_id, evidence, source_outlet_id from lineage order by occurrence_id").fetchall() == expected
    assert database.execute("select count(*) from quotes where origin_kind is null").fetchone()[0] == 0


def test_an_interrupted_full_trace_is_finished_by_the_next_import(tmp_path: Path, monkeypatch) -> None:
    database = open_db(tmp_path / "news.db")
    import_paths(database, [write_jsonl(tmp_path / "a.jsonl", [ORIGINAL, REWRITE])])
    traced = database.execute("select count(*) from lineage").fetchone()[0]
    assert traced > 0

    def stopped(*args, **kwargs):
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(lineage, "trace_quotes", stopped)
        with pytest.raises(KeyboardInterrupt):
            trace_all(database)
    assert database.execute("select status from runs where command = 'trace'").fetchall() == [("interrupted",)]
    assert database.execute("select count(*) from lineage").fetchone()[0] == 0  # what the stopped trace undid
    brief = {**ORIGINAL, "url": "https://elsewhere.example/brief", "text": "An unrelated brief about tides."}
    import_paths(database, [write_jsonl(tmp_path / "b.jsonl", [brief])])
    assert database.execute("select count(*) from lineage").fetchone()[0] == traced
    assert database.execute("select count(*) from quotes where origin_kind is null").fetchone()[0] == 0
    assert [row[0] for row in database.execute("select status from runs where command = 'trace'")] == [
        "interrupted", "ok"
    ]


FEATURE_PARAGRAPHS = [
    "HARBORTON — The Eastpoint terminal will go to the council for a final vote on Monday.",
    "Dock workers have marched twice this month against the sale of the terminal.",
    "The port lost four million dollars last year, the authority's accounts show.",
    "The buyer paid nine million dollars for a smaller terminal in 2019, the Coastline Wire reported.",
    "Rubin Adeyemi, who has loaded ships at Eastpoint for thirty years, was blunt about it.",
    '"They are selling the one thing in this town that still works for working people," Adeyemi said.',
    "The council has not said how it will vote.",
]


def feature(paragraphs: list[str], url: str = "https://valley-ledger.example/2026/03/04/eastpoint-vote") -> dict:
    return {"url": url, "outlet": "Valley Ledger", "published": "2026-03-04T08:00:00Z", "text": "\n".join(paragraphs)}


def imported_feature(tmp_path: Path, paragraphs: list[str], name: str = "news") -> sqlite_utils.Database:
    """A database of the Valley Ledger feature of these paragraphs, imported and traced as `provenance import` does."""
    database = open_db(tmp_path / f"{name}.db")
    import_paths(database, [write_jsonl(tmp_path / f"{name}.jsonl", [feature(paragraphs)])])
    return database


def quote_source(database: sqlite_utils.Database) -> tuple:
    """(evidence, source outlet name, reason) of the one quotation's lineage."""
    row = next(database.query(
        "select l.evidence, o.name, l.reason from lineage l left join outlets o on o.id = l.source_outlet_id"
    ))
    return row["evidence"], row["name"], row["reason"]


def test_a_credit_for_one_fact_mid_story_is_no_source_of_another_persons_quote(tmp_path: Path) -> None:
    database = imported_feature(tmp_path, FEATURE_PARAGRAPHS)
    evidence, source, reason = quote_source(database)
    assert (evidence, source) == ("origin", None)
    assert "reported credit to Coastline Wire in paragraph 4, neither in the lead nor naming the speaker" in reason


@pytest.mark.parametrize(
    "sentence, source",
    [
        ("Adeyemi told the Coastline Wire on Monday that he would strike.", "Coastline Wire"),
        ("The Coastline Wire quoted Adeyemi as saying he would strike.", "Coastline Wire"),
        ("Adeyemi sold his boat to the buyer last year, the Coastline Wire reported.", None),
        ("The Coastline Wire claimed that Adeyemi owed the union money.", None),
    ],
)
def test_a_credit_mid_story_naming_the_speaker_sources_the_quote_only_when_it_gives_the_outlet_words(
    tmp_path: Path, sentence: str, source: str | None
) -> None:
    paragraphs = list(FEATURE_PARAGRAPHS)
    paragraphs[3] = sentence
    database = imported_feature(tmp_path, paragraphs)
    evidence, name, reason = quote_source(database)
    assert (evidence, name) == (("credit", source) if source else ("origin", None)), reason
    if source is None:
        assert "in paragraph 4, not in the lead, naming the speaker only in what it reported" in reason


HEARD_PARAGRAPHS = [
    "HARBORTON — Rubin Adeyemi spoke out against the sale of the Eastpoint terminal in an interview with Harbor Radio.",
    '"We will not let them sell it," Adeyemi told the Coastline Wire on Tuesday.',
    "In a statement from the union later that day, he was more measured.",
    '"The council should wait for the audit before anyone signs anything," Adeyemi said.',
]


def sources_by_quote(database: sqlite_utils.Database) -> dict[str, tuple]:
    """Each quotation's first words -> (evidence, source outlet name, reason)."""
    return {
        " ".join(row["text"].split()[:3]): (row["evidence"], row["name"], row["reason"])
        for row in database.query(
            "select q.text, l.evidence, o.name, l.reason from lineage l join quote_occurrences q on q.id = l.occurrence_id"
            " left join outlets o on o.id = l.source_outlet_id"
        )
    }


def test_a_lead_interview_credit_is_no_source_of_words_the_speaker_said_elsewhere(tmp_path: Path) -> None:
    database = imported_feature(tmp_path, HEARD_PARAGRAPHS)
    sources = sources_by_quote(database)
    assert sources["We will not"][:2] == ("credit", "Coastline Wire")
    evidence, source, reason = sources["The council should"]
    assert (evidence, source) == ("origin", None), reason
    assert "interview credit to Harbor Radio in paragraph 1, while the article has the speaker speaking to another outlet too" in reason


def test_a_lead_interview_credit_covers_the_words_of_a_speaker_heard_by_no_other_outlet(tmp_path: Path) -> None:
    paragraphs = [paragraph for paragraph in HEARD_PARAGRAPHS if "Coastline" not in paragraph]
    database = imported_feature(tmp_path, paragraphs)
    assert sources_by_quote(database)["The council should"][:2] == ("credit", "Harbor Radio")


def test_a_credit_for_a_count_beside_a_quote_is_no_source_of_it(tmp_path: Path) -> None:
    paragraphs = list(FEATURE_PARAGRAPHS)
    paragraphs[5] = (
        "Three of the five unions back the strike, by the Coastline Wire's count, "
        '"and they are selling the one thing in this town that still works," Adeyemi said.'
    )
    database = imported_feature(tmp_path, paragraphs)
    evidence, source, reason = quote_source(database)
    assert (evidence, source) == ("origin", None), reason
    assert "according_to credit to Coastline Wire for a fact, no one's words (a count, a poll" in reason


@pytest.mark.parametrize(
    "lead, source",
    [
        ("Rubin Adeyemi dismissed a report in the Coastline Wire that the union would accept the sale.", None),
        ("Rubin Adeyemi denied an earlier report from the Coastline Wire that the union would accept the sale.", None),
        ("The union will accept the sale, according to a report in the Coastline Wire.", "Coastline Wire"),
    ],
)
def test_a_report_the_speaker_dismisses_is_no_source_of_his_words(tmp_path: Path, lead: str, source: str | None) -> None:
    # West Journal: "Donald Trump dismissed a report in Politico that ..." gave Trump's answer to Politico
    paragraphs = [FEATURE_PARAGRAPHS[0], lead, *FEATURE_PARAGRAPHS[4:]]
    database = imported_feature(tmp_path, paragraphs)
    evidence, name, reason = quote_source(database)
    assert (evidence, name) == (("credit", source) if source else ("origin", None)), reason
    if source is None:
        assert "reported_by credit to Coastline Wire for a fact, no one's words" in reason


@pytest.mark.parametrize(
    "where, sentence",
    [
        ("the lead", "The buyer paid nine million dollars for a smaller terminal in 2019, the Coastline Wire reported."),
        ("the speaker named", "Adeyemi told the Coastline Wire that the workers would strike."),
    ],
)
def test_a_story_credit_in_the_lead_or_naming_the_speaker_is_the_source(
    tmp_path: Path, where: str, sentence: str
) -> None:
    paragraphs = list(FEATURE_PARAGRAPHS)
    del paragraphs[3]
    paragraphs.insert(1 if where == "the lead" else 4, sentence)
    database = imported_feature(tmp_path, paragraphs)
    evidence, source, reason = quote_source(database)
    assert (evidence, source) == ("credit", "Coastline Wire"), reason
    assert "story-level credit" in reason


@pytest.mark.parametrize(
    "paragraph, sentence, later",
    [
        # a reporting credit in the lead holding a quotation credits it and the story
        (1, 'According to the Coastline Wire, Adeyemi urged the council to call the sale "a quiet robbery" on Monday.',
         ("credit", "Coastline Wire")),
        (1, 'The Coastline Wire reported that Adeyemi called the sale "a quiet robbery" at a union meeting.',
         ("credit", "Coastline Wire")),
        # mid-story it credits its own quotation only
        (4, 'According to the Coastline Wire, Adeyemi urged the council to call the sale "a quiet robbery" on Monday.',
         ("origin", None)),
        # words said to the outlet: the teller's words there, not the story's reporting
        (1, 'Adeyemi told the Coastline Wire that the sale was "a quiet robbery" and that he would fight it.',
         ("origin", None)),
    ],
)
def test_a_reporting_credit_in_the_lead_holding_a_quotation_credits_the_story_too(
    tmp_path: Path, paragraph: int, sentence: str, later: tuple
) -> None:
    # a re-report: "According to Bloomberg, ... suggested that Putin praise Trump as a "man of peace"",
    # its later "true man of peace" from the same recordings no longer first-hand
    paragraphs = list(FEATURE_PARAGRAPHS)
    del paragraphs[3]
    paragraphs.insert(paragraph, sentence)
    database = imported_feature(tmp_path, paragraphs)
    sources = sources_by_quote(database)
    assert sources["a quiet robbery"][:2] == ("credit", "Coastline Wire")
    assert "quote-level credit" in sources["a quiet robbery"][2]
    evidence, name, reason = sources["They are selling"]
    assert (evidence, name) == later, reason
    if name:
        assert reason.startswith('story-level credit (')
    scope = database.execute("select scope from credits where kind != 'link'").fetchall()
    assert scope == [("quote",)]  # the credits table says what its sentence holds


def test_the_lead_is_counted_in_paragraphs_of_prose(tmp_path: Path) -> None:
    # a page's text: a banner, a title and a date line end no sentence, so the credit is in the second paragraph
    paragraphs = [
        "Advertisement banner",
        "Eastpoint Terminal Sale Heads to Council",
        FEATURE_PARAGRAPHS[0],
        "March 4, 2026Valley Ledger",
        "Cover Image",
        FEATURE_PARAGRAPHS[3],  # "..., the Coastline Wire reported."
        *FEATURE_PARAGRAPHS[4:],
    ]
    database = imported_feature(tmp_path, paragraphs)
    assert sources_by_quote(database)["They are selling"][:2] == ("credit", "Coastline Wire")
    # four lines of prose before it: no longer the lead, and the reason counts paragraphs so
    paragraphs[2:2] = FEATURE_PARAGRAPHS[1:3] + ["Eastpoint opened in 1961."]
    database = imported_feature(tmp_path, paragraphs, name="later")
    evidence, name, reason = sources_by_quote(database)["They are selling"]
    assert (evidence, name) == ("origin", None), reason
    assert "reported credit to Coastline Wire in paragraph 5, neither in the lead nor naming the speaker" in reason


def test_a_mid_story_credit_to_a_paper_printing_the_quote_the_same_day_is_no_source(tmp_path: Path) -> None:
    # The Harbour Wire credits the Valley Ledger for one fact; the Ledger prints the wire's story the
    # same day (dates only), quote included. The wire had the quote first-hand, the Ledger from the wire.
    paragraphs = list(FEATURE_PARAGRAPHS)
    paragraphs[3] = "The buyer paid nine million dollars for a smaller terminal in 2019, the Valley Ledger reported."
    wire = {"url": "https://harbour-wire.example/eastpoint", "outlet": "Harbour Wire", "published": "2026-03-04",
            "text": "\n".join(paragraphs)}
    reprint = {**feature(paragraphs[:3] + paragraphs[4:]), "published": "2026-03-04"}
    database = open_db(tmp_path / "news.db")
    import_paths(database, [write_jsonl(tmp_path / "a.jsonl", [wire, reprint])])
    rows = database.execute(
        """select a.url, l.evidence, s.url from lineage l join quote_occurrences o on o.id = l.occurrence_id
        join articles a on a.id = o.article_id left join articles s on s.id = l.source_article_id order by a.url"""
    ).fetchall()
    assert rows == [
        ("https://harbour-wire.example/eastpoint", "origin", None),
        ("https://valley-ledger.example/2026/03/04/eastpoint-vote", "reuse", "https://harbour-wire.example/eastpoint"),
    ]
    reason = database.execute("select reason from lineage where source_article_id is null").fetchone()[0]
    assert "reported credit to Valley Ledger in paragraph 4, neither in the lead nor naming the speaker" in reason
    origin = database.execute("select o.name, q.origin_kind from quotes q join outlets o on o.id = q.origin_outlet_id")
    assert origin.fetchall() == [("Harbour Wire", "exclusive")]


WIRE_LINK = '<a href="https://apnews.com/article/eastpoint-buyer-2019-terminal">{}</a>'


def linked_feature(link_paragraph: int, sentence: str | None = None) -> dict:
    """The feature as a page, with a link to a wire story (never crawled) in one paragraph."""
    paragraphs = list(FEATURE_PARAGRAPHS)
    del paragraphs[3]
    sentence = sentence or f"The buyer paid nine million dollars for a smaller terminal in 2019, {WIRE_LINK.format('records show')}."
    paragraphs.insert(link_paragraph, sentence)
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    record = feature([])
    record.pop("text")
    record["html"] = f"<html><head><title>Eastpoint vote</title></head><body><article>{body}</article></body></html>"
    return record


@pytest.mark.parametrize("link_paragraph, anchor, evidence", [
    (3, "records show", "origin"),
    (3, "the wire reported", "origin"),
    (1, "the wire reported", "link"),  # a link on the reporting, in the lead: the story's source
    (1, "records show", "origin"),  # a link on a fact, in the lead: background
    (1, "The Associated Press", "link"),  # the anchor names the outlet
])
def test_a_link_for_one_fact_is_no_source_of_another_persons_quote(
    tmp_path: Path, link_paragraph: int, anchor: str, evidence: str
) -> None:
    sentence = f"The buyer paid nine million dollars for a smaller terminal in 2019, {WIRE_LINK.format(anchor)}."
    database = open_db(tmp_path / "news.db")
    import_paths(database, [write_jsonl(tmp_path / "a.jsonl", [linked_feature(link_paragraph, sentence)])])
    found, source, reason = quote_source(database)
    assert found == evidence, reason
    credit = next(database.query("select kind, start, end from credits"))
    text = next(database.query("select text from articles"))["text"]
    assert credit["kind"] == "link" and text[credit["start"] : credit["end"]] == anchor
    if evidence == "link":
        assert source == "The Associated Press"
    elif link_paragraph == 3:
        assert "link credit to The Associated Press in paragraph 4, neither in the lead" in reason
    else:
        assert 'link credit to The Associated Press in paragraph 2, on a fact ("records show"): background' in reason


def test_a_link_with_no_words_to_click_is_no_credit(tmp_path: Path) -> None:
    # a stray link on a space after a fact (as Polygraph.info's on "strategically located"): no position,
    # so it was read as a credit outside the text, covering every quote of the story
    sentence = f"The buyer paid nine million dollars for a smaller {WIRE_LINK.format(' ')}terminal in 2019."
    database = open_db(tmp_path / "news.db")
    import_paths(database, [write_jsonl(tmp_path / "a.jsonl", [linked_feature(3, sentence)])])
    assert database.execute("select count(*) from credits").fetchone()[0] == 0
    assert quote_source(database)[:2] == ("origin", None)


@pytest.mark.parametrize(
    "sentence, evidence",
    [
        # the link is on a fact the speaker explains, not on anything he said to the wire
        (f"Adeyemi explained that the buyer paid nine million dollars for a {WIRE_LINK.format('smaller terminal')} in 2019.",
         "origin"),
        (f"Adeyemi {WIRE_LINK.format('said in 2019')} that the buyer had paid too much for too little.", "link"),
        (f"Adeyemi, {WIRE_LINK.format('speaking to the wire')} in 2019, said the buyer had paid too much.", "link"),
        # the link on the speaker's own words, reported: "Heyward said that he is <more focused ...>"
        (f"Adeyemi said that he is {WIRE_LINK.format('more worried about the audit than the vote')}.", "link"),
        (f"Adeyemi said the buyer could sell a {WIRE_LINK.format('smaller terminal')} in 2019.", "origin"),
    ],
)
def test_a_link_mid_story_naming_the_speaker_is_a_source_only_for_what_the_outlet_heard(
    tmp_path: Path, sentence: str, evidence: str
) -> None:
    database = open_db(tmp_path / "news.db")
    import_paths(database, [write_jsonl(tmp_path / "a.jsonl", [linked_feature(3, sentence)])])
    found, source, reason = quote_source(database)
    assert found == evidence, reason
    assert source == (None if evidence == "origin" else "The Associated Press")


@pytest.mark.parametrize(
    "note, credited",
    [
        ('This article was reprinted on <a href="https://www.wired.com/story/eastpoint-terminal-vote/">Wired.com</a>.', False),
        ('This article is republished from <a href="https://www.wired.com/story/eastpoint-terminal-vote/">Wired</a>.', True),
    ],
)
def test_a_link_to_where_this_article_was_reprinted_is_no_credit(tmp_path: Path, note: str, credited: bool) -> None:
    record = linked_feature(3)
    record["html"] = record["html"].replace("</article>", f"<p><i>{note}</i></p></article>")
    database = open_db(tmp_path / "news.db")
    import_paths(database, [write_jsonl(tmp_path / "a.jsonl", [record])])
    outlets = {row[0] for row in database.execute(
        "select o.name from credits c join outlets o on o.id = c.outlet_id"
    )}
    assert any("Wired" in name for name in outlets) == credited, outlets
    found, source, reason = quote_source(database)
    assert (found == "link" and "Wired" in (source or "")) == credited, reason


def test_the_title_field_tells_the_text_opens_with_its_lead(tmp_path: Path) -> None:
    # the text's short first line would pass for a title; the record's title says it is the lead
    record = {
        "url": "https://kestrel-courier.example/2026/03/03/pilot-banned/",
        "outlet": "Kestrel Courier",
        "title": "Ferry pilot banned for a year",
        "text": "Magistrates called the ferry pilot 'reckless beyond belief' on Monday.\nHe will appeal.",
    }
    database = open_db(tmp_path / "news.db")
    import_paths(database, [write_jsonl(tmp_path / "a.jsonl", [record])])
    assert [(row["text"], row["kind"]) for row in database.query("select text, kind from quote_occurrences")] == [
        ("reckless beyond belief", "fragment")
    ]


@pytest.mark.parametrize("order", ["wire article first", "wire article later"])
def test_a_wire_copy_is_the_wires_even_when_its_other_articles_here_do_not_print_the_quote(
    tmp_path: Path, order: str
) -> None:
    copy = {
        "url": "https://valley-ledger.example/2026/03/04/eastpoint-strike",
        "outlet": "Valley Ledger",
        "published": "2026-03-04T09:00:00Z",
        "text": "HARBORTON (AP) — Dock workers voted on Tuesday to strike at the Eastpoint terminal.\n"
        '"We have waited three winters for a contract and we will not wait a fourth," said Rubin Adeyemi.',
    }
    other = {
        "url": "https://apnews.com/article/harborton-ferry-fares",
        "published": "2026-03-01T08:00:00Z",
        "text": "HARBORTON (AP) — Ferry fares across the strait will rise by a tenth in April, the operator said.",
    }
    records = [other, copy] if order == "wire article first" else [copy, other]
    database = open_db(tmp_path / "news.db")
    for number, record in enumerate(records):
        import_paths(database, [write_jsonl(tmp_path / f"{number}.jsonl", [record])])
    trace_all(database)  # a rebuild, once the wire has an article here, says the same
    evidence, source, reason = quote_source(database)
    assert (evidence, source) == ("credit", "The Associated Press"), reason
    assert "copy" in reason


@pytest.mark.parametrize("stage", ["clustering", "reuse", "lineage"])
def test_rows_of_another_version_of_a_stage_are_traced_whole_again(tmp_path: Path, stage: str) -> None:
    from provenance.pipeline import CODE_VERSIONS, full_trace_due, recorded_version

    database = open_db(tmp_path / "news.db")
    assert not full_trace_due(database)  # nothing made yet: no version to differ
    import_paths(database, [write_jsonl(tmp_path / "a.jsonl", [ORIGINAL])], workers=1)
    assert recorded_version(database, stage) == CODE_VERSIONS[stage]  # the first rows: made by this code
    traces = "select status from runs where command = 'trace'"

    # a newer tracker's rows, which this code's would otherwise mix with
    database.execute("update code_versions set version = ? where name = ?", [CODE_VERSIONS[stage] + 1, stage])
    database.conn.commit()
    assert full_trace_due(database)
    import_paths(database, [write_jsonl(tmp_path / "b.jsonl", [REWRITE])], workers=1)
    assert database.execute(traces).fetchall() == [("ok",)]
    assert recorded_version(database, stage) == CODE_VERSIONS[stage] and not full_trace_due(database)

    # rows made before the version was recorded
    database.execute("delete from code_versions where name = ?", [stage])
    database.conn.commit()
    assert full_trace_due(database)
    import_paths(database, [write_jsonl(tmp_path / "b.jsonl", [REWRITE])], workers=1)
    assert database.execute(traces).fetchall() == [("ok",), ("ok",)]
    assert recorded_version(database, stage) == CODE_VERSIONS[stage]


def test_a_whole_trace_records_what_it_traced_not_an_import_s_counts(tmp_path: Path) -> None:
    database = open_db(tmp_path / "news.db")
    import_paths(database, [write_jsonl(tmp_path / "a.jsonl", [ORIGINAL, REWRITE])], workers=1)
    assert trace_all(database) == 1
    (summary,) = database.execute("select summary from runs where command = 'trace'").fetchone()
    assert summary.startswith("the whole database traced again: 1 quote cluster in ")


def test_a_run_stopped_inside_an_open_transaction_is_recorded_and_its_writes_go(tmp_path: Path) -> None:
    # a signal between a block's BEGIN and its handler leaves the transaction open: the runs row must still be saved
    db = sqlite_utils.Database(tmp_path / "open.db")
    ensure_db_shape(db)
    with pytest.raises(KeyboardInterrupt):
        with recorded_run(db, "import"):
            db.conn.execute("BEGIN")
            db.conn.execute("insert into outlets (key, name) values ('half-saved', 'Half Saved')")
            raise KeyboardInterrupt
    other = sqlite_utils.Database(tmp_path / "open.db")  # what another process sees
    assert [row["status"] for row in other.query("select status from runs")] == ["interrupted"]
    assert other.execute("select count(*) from outlets where key = 'half-saved'").fetchone()[0] == 0
