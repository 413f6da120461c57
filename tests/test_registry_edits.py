"""A registry file edited between runs: the database comes out as a fresh import with the edited file would save it."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils

from db import ensure_db_shape
from provenance import pipeline
from provenance.pipeline import import_paths, reanalyse
from tests.generated import row_dump
from tests.test_settle import saved, write_jsonl

QUOTE = "The harbour will not close while I am mayor of this town"
# "told the Kestrel Post": read as an outlet of that name even when no registry lists it
TOLD = {
    "url": "https://gullbay-times.example/harbour",
    "outlet": "Gullbay Times",
    "title": "Harbour stays open",
    "published": "2026-03-01T10:00:00Z",
    "text": f'"{QUOTE}," Mayor Ada Fenn told the Kestrel Post on Monday.\nThe board meets next week.',
}
# "KPost reported": a credit only once the registry gives the Post that alias
ALIAS = {
    "url": "https://islandnotes.example/harbour",
    "outlet": "Island Notes",
    "title": "Harbour",
    "published": "2026-03-01T12:00:00Z",
    "text": f'The mayor repeated her promise, KPost reported.\n"{QUOTE}," Fenn said.',
}
# a link to the Post's domain on words that name no outlet: a link credit once the domain is an outlet's
LINK = {
    "url": "https://pierwatch.example/harbour",
    "outlet": "Pier Watch",
    "title": "Open harbour",
    "published": "2026-03-01T13:00:00Z",
    "html": (
        "<html><body><article><p>The mayor spoke on Monday, "
        '<a href="https://kestrelpost.example/news/harbour">as reported</a>.</p>'
        f"<p>\u201c{QUOTE},\u201d Fenn said.</p><p>The board meets next week to decide.</p></article></body></html>"
    ),
}
# the Post's own page, with no site name: saved under its domain before a registry lists it
PAGE = {
    "url": "https://kestrelpost.example/news/harbour",
    "title": "Mayor: harbour stays open",
    "published": "2026-03-01T08:00:00Z",
    "text": (
        "HARBORTON - Mayor Ada Fenn said on Monday the harbour would stay open.\n"
        f'"{QUOTE}," she said at the town hall.\n'
        "The harbour board meets next week to decide on the lease of the old ferry pier and the dredging contract."
    ),
}
# the page reprinted whole: reuse reads it as wire copy once the Post is a wire
REPRINT = dict(PAGE, url="https://dockside.example/harbour-copy", outlet="Dockside", published="2026-03-01T09:00:00Z")
LATER = {
    "url": "https://dockside.example/ferry",
    "outlet": "Dockside",
    "title": "Ferry",
    "published": "2026-03-02T09:00:00Z",
    "text": "The ferry will run on Sundays from April, the operator said.",
}
POST = "kestrel-post,Kestrel Post,KPost,kestrelpost.example,newspaper"
HERON = "heron-radio,Heron Radio,,heronradio.example,broadcaster"
HERON_CREDIT = {
    "url": "https://gullbay-times.example/ferry",
    "outlet": "Gullbay Times",
    "title": "Ferry",
    "published": "2026-03-02T10:00:00Z",
    "text": '"The ferry stays," the operator told Heron Radio on Tuesday.\nTickets go on sale in May.',
}

EDITS = {
    "new-outlet-a-credit-named": ([], [POST], [TOLD, ALIAS, LINK]),
    "new-outlet-never-met": ([], [POST], [ALIAS, LINK]),
    "new-outlet-with-pages": ([], [POST], [TOLD, ALIAS, LINK, PAGE]),
    "new-alias": (["kestrel-post,Kestrel Post,,kestrelpost.example,newspaper"], [POST], [TOLD, ALIAS, LINK]),
    "renamed": (["kestrel-post,Kestrel Courier,KPost,kestrelpost.example,newspaper"], [POST], [TOLD, ALIAS, LINK]),
    "kind-now-wire": ([POST], [POST.replace("newspaper", "wire")], [TOLD, ALIAS, LINK, PAGE, REPRINT]),
    # a row removed from the file: the outlet saved as the file's is what a fresh import without it saves
    "removed": ([POST], [], [TOLD, ALIAS, LINK]),
    "removed-never-named-alone": ([POST], [], [ALIAS, LINK]),
    "removed-with-pages": ([POST], [], [TOLD, ALIAS, LINK, PAGE]),
    "removed-pages-named-by-their-records": ([POST], [], [TOLD, ALIAS, LINK, dict(PAGE, outlet="KPost")]),
    "removed-wire-with-copies": ([POST.replace("newspaper", "wire")], [], [TOLD, ALIAS, LINK, PAGE, REPRINT]),
    "removed-beside-another": ([POST, HERON], [HERON], [TOLD, ALIAS, LINK, PAGE, HERON_CREDIT]),
    "alias-removed": ([POST], ["kestrel-post,Kestrel Post,,kestrelpost.example,newspaper"], [TOLD, ALIAS, LINK]),
    "key-changed": ([POST], [POST.replace("kestrel-post,", "kpost,")], [TOLD, ALIAS, LINK, PAGE]),
}


def registry_file(path: Path, rows: list[str]) -> Path:
    path.write_text("key,name,aliases,domains,kind\n" + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def imported(path: Path, parts: list[tuple[list[dict], Path]]) -> sqlite_utils.Database:
    db = sqlite_utils.Database(path)
    ensure_db_shape(db)
    for number, (records, registry) in enumerate(parts):
        import_paths(db, [write_jsonl(path.with_name(f"{path.stem}-{number}.jsonl"), records)], extra_registry=[registry], workers=1)
    return db


def rows(db: sqlite_utils.Database) -> dict[str, set]:
    """What a researcher reads: credits, links, lineage, outlets, reuse and origins, by URL and outlet key."""
    found = saved(db)
    found["outlets"] = set(db.execute("select key, name, domain, kind, aliases, in_registry from outlets").fetchall())
    found["reuse"] = set(db.execute(
        "select a.url, s.url, r.verdict from article_reuse r join articles a on a.id = r.article_id "
        "join articles s on s.id = r.source_article_id"
    ).fetchall())
    found["origins"] = set(db.execute(
        "select q.origin_kind, o.key from quotes q left join outlets o on o.id = q.origin_outlet_id"
    ).fetchall())
    return found


@pytest.mark.parametrize("edit", list(EDITS))
def test_an_import_after_a_registry_edit_saves_what_a_fresh_import_with_it_would(tmp_path, edit):
    before, after, records = EDITS[edit]
    old, new = registry_file(tmp_path / "old.csv", before), registry_file(tmp_path / "new.csv", after)
    fresh = rows(imported(tmp_path / "fresh.db", [(records + [LATER], new)]))

    db = imported(tmp_path / "edited.db", [(records, old), ([LATER], new)])

    assert rows(db) == fresh
    assert db.execute("select count(*) from outlets where settled = 0").fetchone()[0] == 0


@pytest.mark.parametrize("edit", list(EDITS))
def test_reanalysing_the_stale_after_a_registry_edit_saves_what_a_fresh_import_with_it_would(tmp_path, edit):
    before, after, records = EDITS[edit]
    old, new = registry_file(tmp_path / "old.csv", before), registry_file(tmp_path / "new.csv", after)
    fresh = rows(imported(tmp_path / "fresh.db", [(records, new)]))
    db = imported(tmp_path / "edited.db", [(records, old)])

    report = reanalyse(db, extra_registry=[new], only_stale=True, workers=1)

    assert report.changed + report.unchanged == 0  # every article is at this version: settling alone reads them
    assert rows(db) == fresh


def test_a_removed_outlet_with_pages_saved_before_records_named_outlets_were_kept(tmp_path):
    old, new = registry_file(tmp_path / "old.csv", [POST]), registry_file(tmp_path / "new.csv", [])
    fresh = rows(imported(tmp_path / "fresh.db", [([TOLD, PAGE], new)]))
    db = imported(tmp_path / "edited.db", [([TOLD, PAGE], old)])
    db.execute("update articles set outlet_given = null")  # as before migration 19: read at its address
    db.conn.commit()

    reanalyse(db, extra_registry=[new], only_stale=True, workers=1)

    assert rows(db) == fresh
    assert db.execute("select count(*) from outlets where key like 'retired:%'").fetchone()[0] == 0


def test_an_outlet_a_credit_named_becomes_the_registry_outlet_with_its_pages(tmp_path):
    db = imported(tmp_path / "edited.db", [([TOLD, PAGE], registry_file(tmp_path / "old.csv", []))])
    assert {row[0] for row in db.execute("select key from outlets where key like 'kestrel%'")} == {
        "kestrel-post", "kestrelpost.example"
    }

    reanalyse(db, extra_registry=[registry_file(tmp_path / "new.csv", [POST])], only_stale=True, workers=1)

    assert db.execute("select key, domain, kind, in_registry from outlets where key like 'kestrel%'").fetchall() == [
        ("kestrel-post", "kestrelpost.example", "newspaper", 1)
    ]
    assert db.execute(
        "select count(*) from articles a join outlets o on o.id = a.outlet_id where o.key = 'kestrel-post'"
    ).fetchone()[0] == 1


def test_an_outlet_of_the_registry_file_nothing_met_reads_only_the_articles_naming_it(tmp_path, monkeypatch):
    db = imported(tmp_path / "edited.db", [([ALIAS, LATER], registry_file(tmp_path / "old.csv", []))])
    read = []
    real = pipeline.analyse_again
    monkeypatch.setattr(pipeline, "analyse_again", lambda db, ids, *args, **kw: (read.extend(ids), real(db, ids, *args, **kw)))

    reanalyse(db, extra_registry=[registry_file(tmp_path / "new.csv", [POST])], only_stale=True, workers=1)

    assert [db["articles"].get(article_id)["url"] for article_id in read] == [ALIAS["url"]]
    # met now ("KPost reported"): the next run searches for it no more
    read.clear()
    reanalyse(db, extra_registry=[tmp_path / "new.csv"], only_stale=True, workers=1)
    assert read == []


def reading(monkeypatch) -> list[int]:
    """The ids of the articles every later analysis reads again (`pipeline.analyse_again`)."""
    read: list[int] = []
    real = pipeline.analyse_again
    monkeypatch.setattr(pipeline, "analyse_again", lambda db, ids, *args, **kw: (read.extend(ids), real(db, ids, *args, **kw)))
    return read


@pytest.mark.parametrize("edit", ["removed", "removed-with-pages", "alias-removed", "new-alias"])
def test_a_second_run_after_a_registry_edit_reads_nothing_and_changes_nothing(tmp_path, edit, monkeypatch):
    before, after, records = EDITS[edit]
    old, new = registry_file(tmp_path / "old.csv", before), registry_file(tmp_path / "new.csv", after)
    db = imported(tmp_path / "edited.db", [(records, old)])
    reanalyse(db, extra_registry=[new], only_stale=True, workers=1)
    done = rows(db)
    read = reading(monkeypatch)

    reanalyse(db, extra_registry=[new], only_stale=True, workers=1)
    import_paths(db, [tmp_path / "edited-0.jsonl"], extra_registry=[new], workers=1)

    assert read == []
    assert rows(db) == done


def test_a_run_given_no_registry_file_reads_the_files_the_database_was_given(tmp_path, caplog):
    new = registry_file(tmp_path / "new.csv", [POST])
    fresh = rows(imported(tmp_path / "fresh.db", [([TOLD, ALIAS, LINK, PAGE, LATER], new)]))
    db = imported(tmp_path / "edited.db", [([TOLD, ALIAS, LINK, PAGE], new)])

    import_paths(db, [write_jsonl(tmp_path / "later.jsonl", [LATER])], workers=1)  # no --registry
    reanalyse(db, workers=1)

    assert rows(db) == fresh
    assert db.execute("select name, text from registry_files").fetchall() == [("new.csv", new.read_text())]
    # the file edited on disk: read as the database kept it, with a warning, until a run is given it
    registry_file(new, [])
    reanalyse(db, only_stale=True, workers=1)
    assert rows(db) == fresh
    assert "new.csv has changed since this database read it" in caplog.text


def test_a_run_given_other_registry_files_saves_what_a_fresh_import_with_them_would(tmp_path):
    post, heron = registry_file(tmp_path / "post.csv", [POST]), registry_file(tmp_path / "heron.csv", [HERON])
    records = [TOLD, ALIAS, LINK, PAGE, HERON_CREDIT]
    fresh = rows(imported(tmp_path / "fresh.db", [(records, heron)]))
    db = imported(tmp_path / "edited.db", [(records, post)])

    reanalyse(db, extra_registry=[heron], only_stale=True, workers=1)

    assert rows(db) == fresh
    assert db.execute("select name from registry_files").fetchall() == [("heron.csv",)]


def test_each_registry_outlet_names_the_file_it_comes_from(tmp_path):
    post = registry_file(tmp_path / "post.csv", [POST, HERON.replace("broadcaster", "magazine")])
    db = imported(tmp_path / "edited.db", [([ALIAS, HERON_CREDIT, dict(LATER, text="DOCKSIDE (AP) \u2014 The ferry will run on Sundays from April, the operator said.")], post)])

    found = dict(db.execute("select key, registry from outlets").fetchall())

    assert {key: found[key] for key in ("kestrel-post", "heron-radio", "ap")} == {
        "kestrel-post": "post.csv", "heron-radio": "post.csv", "ap": "built-in"
    }
    assert found["islandnotes.example"] is None
    reanalyse(db, extra_registry=[registry_file(tmp_path / "heron.csv", [HERON])], only_stale=True, workers=1)
    assert db.execute("select key, registry from outlets where key like 'heron%' or key like 'kestrel%'").fetchall() == [
        ("heron-radio", "heron.csv")
    ]


NAMED = {  # names the Post with no credit: found by its name, read again, and nothing saved
    "url": "https://dockside.example/auction",
    "outlet": "Dockside",
    "title": "Auction",
    "published": "2026-03-03T09:00:00Z",
    "text": "The old Kestrel Post building on Dock Street was sold at auction for a pound.",
}


def test_an_unmet_registry_outlet_is_searched_once_then_only_in_what_came_since(tmp_path, monkeypatch):
    db = imported(tmp_path / "edited.db", [([NAMED, LATER], registry_file(tmp_path / "old.csv", []))])
    new = registry_file(tmp_path / "new.csv", [POST])
    read = reading(monkeypatch)

    reanalyse(db, extra_registry=[new], only_stale=True, workers=1)
    assert [db["articles"].get(article_id)["url"] for article_id in read] == [NAMED["url"]]
    assert db.execute("select count(*) from outlets where key = 'kestrel-post'").fetchone()[0] == 0  # still unmet

    read.clear()
    reanalyse(db, extra_registry=[new], only_stale=True, workers=1)
    import_paths(db, [tmp_path / "edited-0.jsonl"], extra_registry=[new], workers=1)  # nothing new
    assert read == []

    again = dict(NAMED, url="https://dockside.example/auction-2")
    import_paths(db, [write_jsonl(tmp_path / "more.jsonl", [again])], extra_registry=[new], workers=1)
    assert [db["articles"].get(article_id)["url"] for article_id in read] == [again["url"]]

    read.clear()  # its entry edited: every article naming it is searched again
    reanalyse(db, extra_registry=[registry_file(new, [POST.replace("KPost", "KPost|Kestrel")])], only_stale=True, workers=1)
    assert sorted(db["articles"].get(article_id)["url"] for article_id in read) == [NAMED["url"], again["url"]]


def test_a_dask_merge_brings_the_registry_outlets_to_its_registry_as_an_import_does(tmp_path):
    from provenance import distributed

    records = [TOLD, ALIAS, LINK, PAGE]
    old, new = registry_file(tmp_path / "old.csv", [POST]), registry_file(tmp_path / "new.csv", [])
    fresh = rows(imported(tmp_path / "fresh.db", [(records + [LATER], new)]))
    db = imported(tmp_path / "edited.db", [(records, old)])
    (source,) = distributed.collect_inputs([write_jsonl(tmp_path / "later.jsonl", [LATER])])
    shard = distributed.extract_to_shard(source, str(tmp_path / "shards"), distributed.make_registry_spec([new]))

    distributed.merge_shards(db, [shard], extra_registry=[new])

    assert rows(db) == fresh
    assert db.execute("select name from registry_files").fetchall() == [("new.csv",)]


# leftovers26: a record's `outlet` on a domain the registry lists under another name. The first import saves what
# every later one keeps: a name the registry does not know is the registry's outlet of the domain (one domain, one
# outlet, in any record order); a name the registry knows is that outlet, as the record says.
ZETA = dict(PAGE, outlet="Zeta Daily")  # on kestrelpost.example
UNNAMED = dict(PAGE, url="https://kestrelpost.example/news/ferry", published="2026-03-02T08:00:00Z")
HERON_NAMED = dict(PAGE, url="https://kestrelpost.example/news/pier", outlet="Heron Radio")
NAMED_RECORDS = {
    "unknown-name": ([ZETA], {(ZETA["url"], "kestrel-post", "Kestrel Post")}),
    "unknown-name-first": (
        [ZETA, UNNAMED], {(ZETA["url"], "kestrel-post", "Kestrel Post"), (UNNAMED["url"], "kestrel-post", "Kestrel Post")}
    ),
    "unknown-name-second": (
        [UNNAMED, ZETA], {(ZETA["url"], "kestrel-post", "Kestrel Post"), (UNNAMED["url"], "kestrel-post", "Kestrel Post")}
    ),
    "another-registry-name": ([HERON_NAMED], {(HERON_NAMED["url"], "heron-radio", "Heron Radio")}),
}


@pytest.mark.parametrize("case", list(NAMED_RECORDS))
def test_a_record_naming_a_listed_domain_otherwise_saves_at_once_what_later_imports_keep(tmp_path, case):
    records, expected = NAMED_RECORDS[case]
    registry = registry_file(tmp_path / "outlets.csv", [POST, HERON])
    source = write_jsonl(tmp_path / "records.jsonl", records)
    db = sqlite_utils.Database(tmp_path / "news.db")
    dumps = []
    for _ in range(3):
        import_paths(db, [source], extra_registry=[registry], workers=1)
        dumps.append(row_dump(tmp_path / "news.db"))
        assert set(db.execute(
            "select a.url, o.key, o.name from articles a join outlets o on o.id = a.outlet_id"
        ).fetchall()) == expected
    assert dumps[1] == dumps[0] and dumps[2] == dumps[0]
    assert {url for (url,) in db.execute("select outlet_given from articles where outlet_given != ''")} == {
        record["outlet"] for record in records if record.get("outlet")
    }
