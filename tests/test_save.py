"""Saving analysed articles: new, unchanged and changed texts; outlets merged by name and domain."""

from __future__ import annotations

import sqlite_utils

from db.save import save_analysis, save_outlet
from provenance.models import Analysis, Article, Credit, Link, Outlet, Quotation

LEDGER = Outlet(key="meridianledger.example", name="The Meridian Ledger", kind="newspaper", domains=("meridianledger.example",))
PULSE = Outlet(key="newspulse.example", name="NewsPulse", kind="aggregator", domains=("newspulse.example",))

TEXT = 'The chair backed the sale.\n"The lease is dead in the water," Whitfield said, according to The Meridian Ledger.'


def analysis(text: str = TEXT, url: str = "https://newspulse.example/a") -> Analysis:
    start = text.index("The lease")
    quote = Quotation(
        text="The lease is dead in the water,",
        start=start,
        end=start + len("The lease is dead in the water,"),
        speaker="Whitfield",
        speaker_name="Dana Whitfield",
        cue="said",
        paragraph=1,
    )
    scare = Quotation(text="useful", start=0, end=6, kind="scare")
    mention = text.index("The Meridian Ledger")
    credit = Credit(
        outlet=LEDGER,
        kind="according_to",
        cue="according to",
        sentence=text.split("\n")[1],
        start=mention,
        end=mention + len("The Meridian Ledger"),
        scope="quote",
        quote_indexes=[0],
    )
    article = Article(
        url=url,
        text=text,
        title="Port chair backs sale",
        published="2026-03-02T10:40:00Z",
        links=[Link(url="https://www.meridianledger.example/2026/03/02/scoop/", anchor="reported")],
    )
    return Analysis(
        article=article,
        outlet=PULSE,
        quotations=[quote, scare],
        credits=[credit],
        fingerprints=[11, 22, 22, -33],
        link_outlets=[LEDGER],
    )


def rows(db: sqlite_utils.Database, sql: str) -> list[tuple]:
    return [tuple(row.values()) for row in db.query(sql)]


def test_new_article_saves_every_part(memory_db: sqlite_utils.Database) -> None:
    saved = save_analysis(memory_db, analysis())
    assert saved is not None and saved.status == "new"
    assert rows(memory_db, "select name, kind from outlets order by id") == [
        ("NewsPulse", "aggregator"),
        ("The Meridian Ledger", "newspaper"),
    ]
    assert rows(memory_db, "select time_key, published_precision, traced from articles") == [
        ("2026-03-02T10:40:00Z", "second", 0)
    ]
    # The scare quote is not tracked.
    assert rows(memory_db, "select text, speaker_name, cue, quote_id from quote_occurrences") == [
        ("The lease is dead in the water,", "Dana Whitfield", "said", None)
    ]
    assert rows(memory_db, "select kind, scope, is_copy, cue from credits") == [("according_to", "quote", 0, "according to")]
    assert memory_db["credit_occurrences"].count == 1
    assert sorted(r[0] for r in rows(memory_db, "select hash from article_fingerprints")) == [-33, 11, 22]
    assert rows(memory_db, "select anchor, outlet_id is not null from article_links") == [("reported", 1)]


def test_same_text_again_is_unchanged(memory_db: sqlite_utils.Database) -> None:
    save_analysis(memory_db, analysis())
    before = {table: memory_db[table].count for table in memory_db.table_names()}
    assert save_analysis(memory_db, analysis()) is None
    assert {table: memory_db[table].count for table in memory_db.table_names()} == before


def test_changed_text_keeps_the_old_version_and_marks_clusters_stale(memory_db: sqlite_utils.Database) -> None:
    first = save_analysis(memory_db, analysis())
    quote_id = memory_db["quotes"].insert({"text": "The lease is dead in the water"}).last_pk
    memory_db.execute("update quote_occurrences set quote_id = ?", [quote_id])
    changed = save_analysis(memory_db, analysis(text=TEXT + "\nAn update was added."))
    assert changed is not None and changed.status == "changed"
    assert changed.article_id == first.article_id
    assert changed.stale_quote_ids == {quote_id}
    assert rows(memory_db, "select quote_id from stale_quotes") == [(quote_id,)]
    assert rows(memory_db, "select version from articles") == [(2,)]
    version = next(memory_db.query("select version, text, diff from article_versions"))
    assert version["version"] == 1 and version["text"] == TEXT
    assert "+An update was added." in version["diff"]
    assert memory_db["quote_occurrences"].count == 1
    assert memory_db["credits"].count == 1


def test_outlet_met_by_name_gets_its_domain_later(memory_db: sqlite_utils.Database) -> None:
    by_name = save_outlet(memory_db, Outlet(key="meridian-ledger", name="Meridian Ledger"))
    crawled = save_outlet(memory_db, LEDGER)
    assert crawled == by_name
    assert rows(memory_db, "select domain from outlets") == [("meridianledger.example",)]


def test_link_to_an_article_saved_later_is_resolved(memory_db: sqlite_utils.Database) -> None:
    save_analysis(memory_db, analysis())
    target = Article(url="https://www.meridianledger.example/2026/03/02/scoop/", text="The scoop.")
    saved = save_analysis(
        memory_db, Analysis(article=target, outlet=LEDGER, quotations=[], credits=[], fingerprints=[])
    )
    assert rows(memory_db, "select target_article_id from article_links") == [(saved.article_id,)]


def test_a_credited_name_without_the_article_matches_the_saved_outlet(memory_db: sqlite_utils.Database) -> None:
    saved = save_outlet(memory_db, Outlet(key="lakesideobserver.example", name="The Lakeside Observer", domains=("lakesideobserver.example",)))
    assert save_outlet(memory_db, Outlet(key="lakeside-observer", name="Lakeside Observer")) == saved
    assert memory_db["outlets"].count == 1


def test_an_old_version_keeps_its_own_fetch_time(memory_db: sqlite_utils.Database) -> None:
    first = analysis()
    first.article.fetched_at = "2026-03-02T11:00:00Z"
    save_analysis(memory_db, first)
    second = analysis(text=TEXT + "\nA correction was appended.")
    second.article.fetched_at = "2026-03-03T11:00:00Z"
    save_analysis(memory_db, second)
    assert rows(memory_db, "select version, fetched_at from article_versions") == [(1, "2026-03-02T11:00:00Z")]
    assert rows(memory_db, "select version, fetched_at from articles") == [(2, "2026-03-03T11:00:00Z")]
