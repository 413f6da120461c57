"""`provenance reanalyse`: saved articles analysed again with the current extractors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from db import ensure_db_shape
from db.save import save_analysis
from provenance import pipeline
from provenance.cli import cli
from provenance.models import Article, Quotation
from provenance.pipeline import (
    ANALYSIS_VERSION,
    SAMPLE_DIR,
    analyse_article,
    build_sample,
    load_pipeline_registry,
    reanalyse,
    update_after_import,
)
from tests.conftest import database_at_version

SAMPLE_REGISTRY = [SAMPLE_DIR / "outlets.csv"]
REAL_EXTRACT_QUOTES = pipeline.extract_quotes
REAL_READ_CREDITS = pipeline.read_credits

# what the "old" extractor of these tests gets wrong in the sample story
MISSED_QUOTE = "We cannot keep pouring public money"  # a printing it did not find (in every article printing it)
WRONG_SPEAKER = "Dana Whitfield"  # a speaker it named "Someone Else"
SCARE_WORDS = "container terminal"  # two words it took for a quotation
MISSED_CREDIT = "according_to"  # credits of this kind it did not find


def old_extract_quotes(
    text: str, title: str | None = None, language: str | None = None, *, notes: list[str] | None = None
) -> list[Quotation]:
    """The real extractor, but missing one quote, misnaming one speaker and seeing a quote that is not one."""
    quotations = [q for q in REAL_EXTRACT_QUOTES(text, title, language, notes=notes) if not q.text.startswith(MISSED_QUOTE)]
    for quote in quotations:
        if quote.speaker_name == WRONG_SPEAKER:
            quote.speaker_name = quote.speaker = "Someone Else"
    start = text.find(SCARE_WORDS)
    if start >= 0:
        quotations.append(Quotation(SCARE_WORDS, start, start + len(SCARE_WORDS), kind="fragment", cue="said"))
        quotations.sort(key=lambda quote: quote.start)
    return quotations


def old_read_credits(article, quotations, registry, own=None):
    """The real credit reader, but blind to 'according to'."""
    credits, told_own = REAL_READ_CREDITS(article, quotations, registry, own)
    return [credit for credit in credits if credit.kind != MISSED_CREDIT], told_own


def build_old_sample(path: Path, monkeypatch: pytest.MonkeyPatch) -> sqlite_utils.Database:
    """The sample story saved and traced by the 'old' extractors, as analysis version 0."""
    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "extract_quotes", old_extract_quotes)
        patch.setattr(pipeline, "read_credits", old_read_credits)
        patch.setattr(pipeline, "ANALYSIS_VERSION", 0)
        build_sample(path)
    return sqlite_utils.Database(path)


def _rows(rows) -> list:
    """Rows in one order, whatever their values (None among numbers)."""
    return sorted(rows, key=repr)


def by_place(db: sqlite_utils.Database) -> dict[str, object]:
    """The analysis and tracing of a database with rows named by URL and offset, not by id."""
    place = {
        row[0]: (row[1], row[2])
        for row in db.execute("select o.id, a.url, o.start from quote_occurrences o join articles a on a.id = o.article_id")
    }
    outlet = {row[0]: row[1] for row in db.execute("select id, key from outlets")}
    url = {row[0]: row[1] for row in db.execute("select id, url from articles")}
    credit = {
        row[0]: (url[row[1]], outlet[row[2]], row[3], row[4])
        for row in db.execute("select id, article_id, outlet_id, kind, start from credits")
    }
    printings = _rows(
        (place[row[0]], *row[1:])
        for row in db.execute(
            "select id, text, speaker, speaker_name, cue, kind, end, paragraph, spans, told_own_outlet, "
            "seen_at, withdrawn_at, version from quote_occurrences"
        )
    )
    clusters = _rows(
        (sorted(place[o] for o in json.loads(members)), text, speaker, origin_kind,
         outlet.get(origin_outlet), url.get(origin_article))
        for members, text, speaker, origin_kind, origin_outlet, origin_article in db.execute(
            "select json_group_array(o.id), q.text, q.speaker, q.origin_kind, q.origin_outlet_id, q.origin_article_id "
            "from quotes q join quote_occurrences o on o.quote_id = q.id group by q.id"
        )
    )
    return {
        "articles": _rows(db.execute("select url, outlet_id is not null, version, text from articles").fetchall()),
        "printings": printings,
        "credits": _rows(
            (*credit[row[0]], outlet.get(row[1]), *row[2:])
            for row in db.execute(
                "select id, via_outlet_id, cue, sentence, end, scope, is_copy, url, seen_at, withdrawn_at from credits"
            )
        ),
        "credit_printings": _rows(
            (credit[c], place[o]) for c, o in db.execute("select credit_id, occurrence_id from credit_occurrences")
        ),
        "links": _rows(
            (url[row[0]], row[1], row[2], outlet.get(row[3]))
            for row in db.execute("select article_id, url, start, outlet_id from article_links")
        ),
        "fingerprints": _rows(
            (url[a], h) for a, h in db.execute("select article_id, hash from article_fingerprints")
        ),
        "reuse": _rows(
            (url[a], url[s], c, v) for a, s, c, v in db.execute(
                "select article_id, source_article_id, containment, verdict from article_reuse"
            )
        ),
        "people": _rows(db.execute("select name, kind, aliases from people").fetchall()),
        "clusters": clusters,
        "lineage": _rows(
            (place[row[0]], url.get(row[1]), outlet.get(row[2]), place.get(row[3]), *row[4:])
            for row in db.execute(
                "select occurrence_id, source_article_id, source_outlet_id, source_occurrence_id, evidence, "
                "confidence, reason, depth from lineage"
            )
        ),
    }


def every_table(db: sqlite_utils.Database, *, but: tuple[str, ...] = ("runs",)) -> dict[str, list]:
    """Every row of every table (ids included), but those of `but`."""
    return {
        name: db.execute(f"select * from [{name}] order by 1").fetchall()
        for name in db.table_names()
        if name not in but and not name.startswith(("articles_fts", "quotes_fts"))
    }


def printing_ids(db: sqlite_utils.Database) -> dict[tuple, int]:
    return {
        (row[1], row[2]): row[0]
        for row in db.execute("select o.id, a.url, o.start from quote_occurrences o join articles a on a.id = o.article_id")
    }


def test_reanalysis_keeps_found_printings_and_equals_a_fresh_import(tmp_path, monkeypatch):
    old = build_old_sample(tmp_path / "old.db", monkeypatch)
    fresh = sqlite_utils.Database(tmp_path / "fresh.db")
    build_sample(tmp_path / "fresh.db")
    assert by_place(old) != by_place(fresh)
    ids_before = printing_ids(old)
    scare = {key: i for key, i in ids_before.items()
             if old.execute("select text from quote_occurrences where id = ?", [i]).fetchone()[0] == SCARE_WORDS}
    renamed = {i for (i,) in old.execute("select id from quote_occurrences where speaker_name = 'Someone Else'")}
    assert scare and renamed
    credits_before = old.execute("select count(*) from credits where kind = ?", [MISSED_CREDIT]).fetchone()[0]
    assert credits_before == 0

    report = reanalyse(old, extra_registry=SAMPLE_REGISTRY, workers=1)

    assert (report.changed, report.unchanged, report.failed) == (14, 0, 0)
    ids_after = printing_ids(old)
    # found again at the same place: same id; the scare words are gone, the missed quote is new
    kept = set(ids_before) & set(ids_after)
    assert kept == set(ids_before) - set(scare)
    assert all(ids_before[key] == ids_after[key] for key in kept)
    assert not set(scare.values()) & set(ids_after.values())
    added = set(ids_after) - set(ids_before)
    assert added and all(
        old.execute("select text from quote_occurrences where id = ?", [ids_after[key]]).fetchone()[0].startswith(MISSED_QUOTE)
        for key in added
    )
    assert {
        row[0] for row in old.execute(f"select speaker_name from quote_occurrences where id in ({','.join(map(str, renamed))})")
    } == {WRONG_SPEAKER}
    assert old.execute("select count(*) from credits where kind = ?", [MISSED_CREDIT]).fetchone()[0] > 0
    assert old.execute("select count(*) from quote_occurrences where withdrawn_at is not null").fetchone()[0] == 0
    # credits, clusters, people, reuse and lineage as a fresh import of the same texts gives them
    assert by_place(old) == by_place(fresh)
    assert {row[0] for row in old.execute("select distinct analysed_with from articles")} == {ANALYSIS_VERSION}
    runs = old.execute("select command, status from runs order by id").fetchall()
    assert runs[1:] == [("reanalyse", "ok"), ("trace", "due"), ("trace", "ok")]


def test_reanalysing_an_up_to_date_database_changes_nothing(tmp_path, monkeypatch):
    fresh = sqlite_utils.Database(tmp_path / "fresh.db")
    build_sample(tmp_path / "fresh.db")
    before = every_table(fresh)
    report = reanalyse(fresh, extra_registry=SAMPLE_REGISTRY, workers=1)
    assert (report.changed, report.unchanged) == (0, 14)
    assert every_table(fresh) == before

    old = build_old_sample(tmp_path / "old.db", monkeypatch)
    reanalyse(old, extra_registry=SAMPLE_REGISTRY, workers=1)
    once = every_table(old)
    report = reanalyse(old, extra_registry=SAMPLE_REGISTRY, workers=1)
    assert (report.changed, report.unchanged, report.failed) == (0, 14, 0)
    assert every_table(old) == once
    assert reanalyse(old, extra_registry=SAMPLE_REGISTRY, only_stale=True).summary().startswith(
        "0 articles analysed again: 0 changed"
    )
    assert every_table(old) == once


def test_an_interrupted_reanalysis_is_finished_by_the_next_run(tmp_path, monkeypatch):
    old = build_old_sample(tmp_path / "old.db", monkeypatch)
    fresh = sqlite_utils.Database(tmp_path / "fresh.db")
    build_sample(tmp_path / "fresh.db")
    monkeypatch.setattr(pipeline, "CHUNK_SIZE", 5)
    monkeypatch.setattr(pipeline, "LINES_PER_TASK", 5)

    def stop_after_the_first_chunk(report) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        reanalyse(old, extra_registry=SAMPLE_REGISTRY, workers=1, progress=stop_after_the_first_chunk)
    # the first chunk is saved with its version, and a full trace is due; the rest waits
    assert old.execute("select count(*) from articles where analysed_with = ?", [ANALYSIS_VERSION]).fetchone()[0] == 5
    statuses = old.execute("select command, status from runs order by id").fetchall()[1:]
    assert statuses == [("reanalyse", "interrupted"), ("trace", "due")]
    assert pipeline.full_trace_due(old)

    report = reanalyse(old, extra_registry=SAMPLE_REGISTRY, workers=2, only_stale=True)

    assert (report.changed, report.unchanged, report.failed) == (9, 0, 0)
    assert by_place(old) == by_place(fresh)
    assert not pipeline.full_trace_due(old)


def test_a_trace_left_due_is_done_by_the_next_import(tmp_path, monkeypatch):
    old = build_old_sample(tmp_path / "old.db", monkeypatch)
    fresh = sqlite_utils.Database(tmp_path / "fresh.db")
    build_sample(tmp_path / "fresh.db")
    monkeypatch.setattr(pipeline, "trace_all", _interrupted)
    with pytest.raises(KeyboardInterrupt):
        reanalyse(old, extra_registry=SAMPLE_REGISTRY, workers=1)
    monkeypatch.undo()
    assert pipeline.full_trace_due(old)
    update_after_import(old)  # what an import or crawl runs after saving
    assert by_place(old) == by_place(fresh)


def _interrupted(db) -> int:
    raise KeyboardInterrupt


def test_an_article_that_fails_is_recorded_and_the_others_are_done(tmp_path, monkeypatch):
    old = build_old_sample(tmp_path / "old.db", monkeypatch)
    bad_url = old.execute("select url from articles order by id limit 1").fetchone()[0]
    bad_text = old.execute("select text from articles order by id limit 1").fetchone()[0]

    def failing(text, title=None, language=None, *, notes=None):
        if text == bad_text:
            raise ValueError("a rule that breaks")
        return REAL_EXTRACT_QUOTES(text, title, language, notes=notes)

    monkeypatch.setattr(pipeline, "extract_quotes", failing)
    report = reanalyse(old, extra_registry=SAMPLE_REGISTRY, workers=1)
    assert (report.changed, report.failed) == (13, 1)
    assert old.execute("select source, stage, message from errors").fetchall() == [
        (bad_url, "analyse", "ValueError: a rule that breaks")
    ]
    # the failed article keeps the analysis it had, and stays stale for --only-stale
    assert old.execute("select analysed_with from articles where url = ?", [bad_url]).fetchone()[0] == 0
    monkeypatch.setattr(pipeline, "extract_quotes", REAL_EXTRACT_QUOTES)
    report = reanalyse(old, extra_registry=SAMPLE_REGISTRY, only_stale=True)
    assert (report.changed + report.unchanged, report.failed) == (1, 0)


COPY_LINE = "Copyright 2026 Continental Press. All rights reserved."


def test_credit_lines_of_articles_saved_before_they_were_kept(tmp_path):
    """An article saved before credit lines were kept gets them back from the credits they gave."""
    build_sample(tmp_path / "s.db")
    db = sqlite_utils.Database(tmp_path / "s.db")
    text = (
        'Harborton\'s port chief wants to sell the Eastpoint terminal.\n"We cannot wait another year," '
        "Dana Whitfield said on Monday."
    )
    article = Article(
        url="https://eastpointpost.example/2026/03/02/port-sale/", text=text, title="Port sale", source="fetch",
        fetched_at="2026-03-02T18:00:00Z", credit_lines=["Photo: Eastpoint Post", COPY_LINE],
    )
    save_analysis(db, analyse_article(article, load_pipeline_registry(db, SAMPLE_REGISTRY)))
    update_after_import(db)
    copy_credits = db.execute("select id, kind, sentence from credits where sentence = ?", [COPY_LINE]).fetchall()
    assert [row[1] for row in copy_credits] == ["copyright"]
    db.execute("update articles set credit_lines = null, analysed_with = null")
    db.conn.commit()
    before = every_table(db, but=("runs", "articles"))

    report = reanalyse(db, extra_registry=SAMPLE_REGISTRY, workers=1)

    assert (report.changed, report.unchanged) == (0, 15)
    assert every_table(db, but=("runs", "articles")) == before
    # the line that gave no credit is not known; the one that did is kept for the next run
    assert db.execute("select credit_lines from articles where url = ?", [article.url]).fetchone()[0] == json.dumps(
        [COPY_LINE]
    )


HARBOUR = "https://eastpointpost.example/2026/05/04/ferry-board/"
V1 = (
    'The ferry board met on Monday.\n"We will not cut a single ferry route this year," said Ines Marlow, '
    'the board chair.\n"The budget has been frozen since the storm," Marlow said.'
)
V2 = (
    'The ferry board met on Monday.\n"We will not cut a single ferry route this year," said Ines Marlow, '
    'the board chair.\n"Dredging the channel is the only way to keep the ships coming," Marlow added.'
)


def test_an_article_with_versions_is_analysed_in_its_current_text(tmp_path, monkeypatch):
    """Withdrawn printings stay as they are; a printing found again in the current text is dated by the first version printing it."""
    db = sqlite_utils.Database(tmp_path / "v.db")
    ensure_db_shape(db)
    registry = load_pipeline_registry(db)
    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "extract_quotes", lambda text, title=None, language=None, notes=None: [
            q for q in REAL_EXTRACT_QUOTES(text, title, language) if "ferry route" not in q.text and "Dredging" not in q.text
        ])
        for text, fetched in ((V1, "2026-05-04T08:00:00Z"), (V2, "2026-05-04T12:00:00Z")):
            article = Article(url=HARBOUR, text=text, title="Ferry board", fetched_at=fetched, source="fetch")
            save_analysis(db, analyse_article(article, registry))
    update_after_import(db)
    withdrawn = db.execute("select id, text, seen_at, withdrawn_at, version from quote_occurrences").fetchall()
    assert withdrawn == [(1, "The budget has been frozen since the storm,", None, "2026-05-04T12:00:00Z", 1)]

    report = reanalyse(db, workers=1)

    assert report.changed == 1
    rows = db.execute(
        "select id, text, seen_at, withdrawn_at, version from quote_occurrences order by start, id"
    ).fetchall()
    assert rows == [
        (2, "We will not cut a single ferry route this year,", None, None, 2),  # printed since version 1
        withdrawn[0],  # untouched, offsets in version 1's text
        (3, "Dredging the channel is the only way to keep the ships coming,", "2026-05-04T12:00:00Z", None, 2),
    ]
    assert {row[0] for row in db.execute("select occurrence_id from lineage")} == {1, 2, 3}


def test_migration_11_leaves_earlier_articles_stale(tmp_path):
    db = database_at_version(tmp_path / "m.db", 10)
    db["outlets"].insert({"key": "x.example", "name": "X", "kind": "unknown"})
    db["articles"].insert(
        {"url": "https://x.example/a", "outlet_id": 1, "text": "Text.", "first_seen": "2026-01-01", "time_key": "2026-01-01"}
    )
    ensure_db_shape(db)
    assert db.execute("select analysed_with, credit_lines from articles").fetchall() == [(None, None)]
    assert {"analysed_with", "credit_lines"} <= set(db["articles"].columns_dict)


def test_import_records_the_analysis_version(tmp_path):
    build_sample(tmp_path / "s.db")
    db = sqlite_utils.Database(tmp_path / "s.db")
    assert db.execute("select distinct analysed_with from articles").fetchall() == [(ANALYSIS_VERSION,)]


def test_cli_reanalyse(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(cli, ["reanalyse", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1
    assert missing.output == (
        f"Error: no database at {tmp_path / 'none.db'} (build one with `provenance import` or `provenance demo`)\n"
    )
    build_sample(tmp_path / "s.db")
    result = runner.invoke(cli, ["reanalyse", "--db", str(tmp_path / "s.db"), "--registry", str(SAMPLE_REGISTRY[0])])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("14 articles analysed again: 0 changed, 14 unchanged, 0 failed; ")
    result = runner.invoke(cli, ["reanalyse", "--db", str(tmp_path / "s.db"), "--only-stale"])
    assert result.output.startswith("0 articles analysed again: 0 changed, 0 unchanged, 0 failed; ")


def test_registry_outlets_saved_by_an_older_registry_are_brought_up_to_it(tmp_path):
    build_sample(tmp_path / "sample.db")
    db = sqlite_utils.Database(tmp_path / "sample.db")
    current = every_table(db)
    # as a release whose registry knew the Ledger by one alias only, and not as a newspaper, saved it
    db.execute("update outlets set aliases = ?, kind = 'unknown' where key = 'meridian-ledger'", [json.dumps(["The Ledger"])])
    db.conn.commit()

    reanalyse(db, extra_registry=SAMPLE_REGISTRY, only_stale=True)

    assert every_table(db) == current
    row = db.execute("select kind, aliases from outlets where key = 'meridian-ledger'").fetchone()
    assert row == ("newspaper", json.dumps(["The Ledger", "Ledger", "Meridian Ledger"]))


def test_an_outlet_saved_from_its_pages_becomes_the_registry_outlet_a_later_registry_lists(tmp_path):
    build_sample(tmp_path / "sample.db")
    db = sqlite_utils.Database(tmp_path / "sample.db")
    current = every_table(db)
    # as a release whose registry did not list the Ledger saved it: named by its pages, keyed by its domain
    db.execute(
        "update outlets set key = domain, name = 'Meridian Ledger', kind = 'unknown', country = null, language = null, "
        "aliases = null, in_registry = 0 where key = 'meridian-ledger'"
    )
    db.conn.commit()

    reanalyse(db, extra_registry=SAMPLE_REGISTRY, only_stale=True)

    assert every_table(db) == current


def test_an_import_brings_registry_outlets_up_to_the_registry_the_database_keeps(tmp_path):
    build_sample(tmp_path / "sample.db")
    db = sqlite_utils.Database(tmp_path / "sample.db")
    db.execute("update outlets set name = 'Meridian Ledger' where key = 'meridian-ledger'")
    # an outlet of the registry file the database was given (the sample's): an import given none reads that one
    db.execute("update outlets set aliases = ? where key = 'bay-courier'", [json.dumps(["Courier"])])
    db.conn.commit()
    records = tmp_path / "more.jsonl"
    records.write_text(json.dumps({
        "url": "https://baycourier.example/ferry",
        "title": "Ferry levy to rise",
        "text": "The ferry levy will rise by a third, the harbour board said on Tuesday.",
    }) + "\n", encoding="utf-8")

    pipeline.import_paths(db, [records], extra_registry=[], workers=1)

    assert db.execute("select name from outlets where key = 'meridian-ledger'").fetchone()[0] == "The Meridian Ledger"
    assert db.execute("select aliases from outlets where key = 'bay-courier'").fetchone()[0] == json.dumps(["Bay Courier"])
    assert db.execute("select registry from outlets where key = 'bay-courier'").fetchone()[0] == "outlets.csv"


def test_pages_pooled_in_one_unknown_outlet_are_each_given_their_own(tmp_path):
    """Older code saved every page with no address and no name under one "Unknown outlet": reanalyse parts them."""
    db = sqlite_utils.Database(tmp_path / "pooled.db")
    ensure_db_shape(db)
    registry = load_pipeline_registry(db, ())
    pages = [
        Article(url="urn:provenance:1", text='"The terminal is sold," Ines Marlow said.', title="Sold"),
        Article(url="urn:provenance:2", text='"The ferry stays," Tobias Renn said.', title="Ferry stays for now - Eastside Courier"),
    ]
    for page in pages:
        save_analysis(db, analyse_article(page, registry))
    pooled = db["outlets"].insert({"key": "unknown-outlet", "name": "Unknown outlet", "kind": "unknown"}).last_pk
    db.execute("update articles set outlet_id = ?, analysed_with = null", [pooled])
    db.execute("delete from outlets where id != ?", [pooled])
    db.conn.commit()
    update_after_import(db)

    report = reanalyse(db, workers=1)

    assert report.changed == 2
    assert db.execute(
        "select a.url, o.key, o.name from articles a join outlets o on o.id = a.outlet_id order by a.url"
    ).fetchall() == [
        ("urn:provenance:1", "unknown-2ce6765bfab6", "Unknown outlet (1)"),
        ("urn:provenance:2", "eastside-courier", "Eastside Courier"),
    ]
    assert db.execute("select count(*) from outlets where key = 'unknown-outlet'").fetchone() == (0,)
    assert db.execute(
        "select count(*) from quotes q join outlets o on o.id = q.origin_outlet_id where o.key = 'unknown-outlet'"
    ).fetchone() == (0,)


def test_outlets_older_code_named_from_the_page_are_named_again(tmp_path):
    """A site title, a slug or "Unknown outlet (...)" saved by older code becomes what a fresh import names the outlet;
    an outlet an import record named (not stored, not the page's own reading) is kept."""
    db = sqlite_utils.Database(tmp_path / "named.db")
    ensure_db_shape(db)
    registry = load_pipeline_registry(db, ())
    pages = [
        Article(url="https://www.quillfeed.example/1", text='"The terminal is sold," Ines Marlow said.', title="Sold",
                site_name="Quillfeed | Lagos's busiest news platform"),
        Article(url="https://www.quillfeed.example/2", text='"The ferry stays," Tobias Renn said.', title="Stays",
                site_name="Quillfeed | Lagos's busiest news platform"),
        Article(url="file:///saved/kestrel.html", text='"We signed," Ana Ruiz said.', title="Kestrel signs a deal",
                credit_lines=["©2026 Kestrel"]),
        Article(url="https://harbourweekly.example/3", text='"Fares rise," Tom Lee said.', title="Fares",
                site_name="Harbour Weekly Online", outlet="The Harbour Weekly"),
        Article(url="file:///saved/quill.html", text='"Tolls fall," Eva Holm said.', title="Tolls", site_name="Quillfeed"),
    ]
    for page in pages:
        save_analysis(db, analyse_article(page, registry))
    update_after_import(db)
    fresh = db.execute("select key, name, domain from outlets where in_registry = 0 order by key").fetchall()
    # as older code saved them: the whole site title, and a page of its own with no name
    db.execute("update outlets set name = ? where key = 'quillfeed.example'", ["Quillfeed | Lagos's busiest news platform"])
    db.execute("update outlets set key = 'unknown-5ae11e58', name = 'Unknown outlet (kestrel.html)' where key = 'kestrel'")
    # the saved page naming "Quillfeed" found no outlet of that name: one of its own
    own = db["outlets"].insert({"key": "quillfeed", "name": "Quillfeed", "kind": "unknown"}).last_pk
    db.execute("update articles set outlet_id = ? where url = 'file:///saved/quill.html'", [own])
    db.execute("update articles set analysed_with = 8")
    db.conn.commit()

    reanalyse(db, workers=1, only_stale=True)

    assert db.execute("select key, name, domain from outlets where in_registry = 0 order by key").fetchall() == fresh
    assert fresh == [
        ("harbourweekly.example", "The Harbour Weekly", "harbourweekly.example"),
        ("kestrel", "Kestrel", None),
        ("quillfeed.example", "Quillfeed", "quillfeed.example"),
    ]
    assert db.execute(
        "select count(*) from quotes q join outlets o on o.id = q.origin_outlet_id where o.key = 'kestrel'"
    ).fetchone() == (1,)
    assert db.execute(
        "select o.key from articles a join outlets o on o.id = a.outlet_id where a.url = 'file:///saved/quill.html'"
    ).fetchone() == ("quillfeed.example",)
    assert db.execute("select origin_reason from quotes where text like 'The ferry stays%'").fetchone()[0].count("Quillfeed,") == 1
