"""Outlets new to the database settle the articles saved before them: what is saved does not hang on import order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlite_utils

from db import ensure_db_shape
from db import save
from provenance import outlets, pipeline
from provenance.pipeline import import_paths, reanalyse, settle_outlets
from tests.conftest import database_at_version

# On one worker when the suite runs on two (scripts/test.sh): the module's station-first import is built once.
pytestmark = pytest.mark.xdist_group("settle")

QUOTE = "We will not let the pier rot while the council argues about the price"
# A station's story, never in the registry: its first article brings the outlet.
STATION = {
    "url": "https://kvrx.example/local/ferry-pier-vote",
    "outlet": "KVRX Channel 4",
    "title": "Council sells the ferry pier",
    "published": "2026-05-04T09:00:00Z",
    "text": (
        "The Harborton council voted on Monday night to sell the ferry pier to a private operator.\n"
        f'"{QUOTE}," Mayor Ines Calder told KVRX after the vote.\n'
        "The sale still needs the approval of the harbour board."
    ),
}
# A paper crediting the station by a link on "KVRX reports": the domain and the anchor alone do
# not say it is a news outlet, so only an analysis that knows the station reads a credit.
LINKING = {
    "url": "https://www.harborton-star.example/news/ferry-pier-sale",
    "outlet": "Harborton Star",
    "title": "Ferry pier sold",
    "published": "2026-05-04T15:00:00Z",
    "html": (
        "<html><head><title>Ferry pier sold</title></head><body><article>"
        "<p>The council sold the ferry pier to a private operator on Monday, "
        '<a href="https://kvrx.example/local/ferry-pier-vote">KVRX reports</a>.</p>'
        f"<p>\u201c{QUOTE},\u201d the mayor said.</p>"
        "<p>Dockworkers said they would ask the harbour board to stop the sale.</p>"
        "</article></body></html>"
    ),
}
# A blog naming the station in words: "told KVRX Channel 4" credits it only once it is known.
NAMING = {
    "url": "https://islandnotes.example/2026/05/pier",
    "outlet": "Island Notes",
    "title": "The pier",
    "published": "2026-05-04T18:00:00Z",
    "text": (
        f'Mayor Ines Calder told KVRX Channel 4: "{QUOTE}."\n'
        "Island Notes has asked the harbour board when it will meet."
    ),
}


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def imported_in_parts(path: Path, parts: list[list[dict]]) -> sqlite_utils.Database:
    db = sqlite_utils.Database(path)
    ensure_db_shape(db)
    for number, records in enumerate(parts):
        import_paths(db, [write_jsonl(path.with_name(f"{path.stem}-{number}.jsonl"), records)], workers=1)
    return db


def saved(db: sqlite_utils.Database) -> dict[str, set]:
    """Credits, link outlets and lineage keyed by URLs and outlet keys (ids follow import order)."""
    return {
        "credits": set(db.execute(
            "select a.url, c.kind, o.key, c.cue from credits c join articles a on a.id = c.article_id "
            "join outlets o on o.id = c.outlet_id"
        ).fetchall()),
        "links": set(db.execute(
            "select a.url, l.url, o.key from article_links l join articles a on a.id = l.article_id "
            "left join outlets o on o.id = l.outlet_id"
        ).fetchall()),
        "lineage": set(db.execute(
            "select a.url, l.evidence, sa.url, so.key from lineage l "
            "join quote_occurrences q on q.id = l.occurrence_id join articles a on a.id = q.article_id "
            "left join quote_occurrences sq on sq.id = l.source_occurrence_id left join articles sa on sa.id = sq.article_id "
            "left join outlets so on so.id = l.source_outlet_id"
        ).fetchall()),
    }


@pytest.fixture(scope="module")
def station_first(tmp_path_factory) -> dict[str, set]:
    """The station's story imported first: every later analysis knows the station."""
    path = tmp_path_factory.mktemp("first") / "first.db"
    return saved(imported_in_parts(path, [[STATION], [LINKING, NAMING]]))


def test_the_station_known_first_gives_the_credits_and_sources(station_first):
    assert ("https://www.harborton-star.example/news/ferry-pier-sale", "link", "kvrx.example", "KVRX reports") in station_first["credits"]
    assert ("https://islandnotes.example/2026/05/pier", "told", "kvrx.example", "told") in {
        row[:3] + ("told",) for row in station_first["credits"]
    }
    sources = {(url, evidence, source) for url, evidence, source, _ in station_first["lineage"]}
    assert ("https://www.harborton-star.example/news/ferry-pier-sale", "link", STATION["url"]) in sources


@pytest.mark.parametrize(
    "parts",
    [
        [[LINKING, NAMING], [STATION]],  # the station's first article comes in a later import
        [[LINKING], [NAMING], [STATION]],
        [[LINKING, NAMING, STATION]],  # ... or later in the same import
        [[NAMING, STATION, LINKING]],
    ],
    ids=["later-import", "three-imports", "same-import", "middle"],
)
def test_articles_saved_before_an_outlet_arrived_are_settled_as_if_it_came_first(tmp_path, station_first, parts):
    db = imported_in_parts(tmp_path / "later.db", parts)
    assert saved(db) == station_first
    assert db.execute("select count(*) from outlets where settled = 0").fetchone()[0] == 0


def test_an_import_is_a_fixed_point_of_reanalyse(tmp_path):
    db = imported_in_parts(tmp_path / "fixed.db", [[LINKING, NAMING], [STATION]])
    before = saved(db)
    report = reanalyse(db, workers=1)
    assert (report.changed, report.unchanged) == (0, 3)
    assert saved(db) == before


def test_settling_reads_only_the_articles_an_outlet_may_change(tmp_path, monkeypatch):
    db = imported_in_parts(tmp_path / "few.db", [[LINKING, NAMING, {**STATION, "url": "https://elsewhere.example/a", "outlet": "Elsewhere"}]])
    analysed: list[list[int]] = []
    real = pipeline.analyse_again
    monkeypatch.setattr(pipeline, "analyse_again", lambda db, ids, *args, **kwargs: analysed.append(ids) or real(db, ids, *args, **kwargs))
    import_paths(db, [write_jsonl(tmp_path / "station.jsonl", [STATION])], workers=1)
    ids = {row[0] for row in db.execute("select id from articles where url in (?, ?)", [LINKING["url"], NAMING["url"]])}
    assert analysed and set(analysed[0]) == ids  # the page linking to its domain and the blog naming it
    assert settle_outlets(db) == 0  # nothing left to settle


def test_a_link_home_is_the_articles_own_outlet_on_first_analysis(tmp_path):
    home = "https://www.harborton-star.example/news/port-budget"
    record = dict(LINKING, html=LINKING["html"].replace(
        "</article>", f'<p>The pier cost the port more than it earned, as <a href="{home}">our budget story</a> showed.</p></article>'
    ))
    db = imported_in_parts(tmp_path / "home.db", [[record]])
    links = saved(db)["links"]
    assert (LINKING["url"], home, "harborton-star.example") in links
    assert (LINKING["url"], STATION["url"], None) in links  # the station is not known yet


def test_a_database_from_before_settles_its_outlets_at_the_next_update(tmp_path):
    db = database_at_version(tmp_path / "old.db", 12)
    db["outlets"].insert_all([
        {"key": "kvrx.example", "name": "KVRX Channel 4", "domain": "kvrx.example", "kind": "unknown", "in_registry": 0},
        {"key": "ap", "name": "The Associated Press", "domain": "apnews.com", "kind": "wire", "in_registry": 1},
    ])
    db["articles"].insert_all([  # each outlet has a page: migration 17 deletes outlets nothing points at
        {"url": url, "outlet_id": outlet_id, "first_seen": "2026-05-04T09:00:00Z", "text": "The pier was sold."}
        for url, outlet_id in db.execute("select 'https://' || domain || '/pier', id from outlets").fetchall()
    ])
    ensure_db_shape(db)
    assert dict(db.execute("select key, settled from outlets").fetchall()) == {"kvrx.example": 0, "ap": 1}
    pipeline.update_after_import(db)
    assert db.execute("select count(*) from outlets where settled = 0").fetchone()[0] == 0


def test_settling_records_its_failures_with_the_run(tmp_path, monkeypatch):
    db = imported_in_parts(tmp_path / "failing.db", [[LINKING, NAMING]])

    def failing(db, article_id, analysis):
        raise ValueError("disk says no")

    monkeypatch.setattr(pipeline, "save_reanalysis", failing)
    report = import_paths(db, [write_jsonl(tmp_path / "station.jsonl", [STATION])], workers=1)
    rows = db.execute("select run_id, source, stage, message from errors order by source").fetchall()
    assert rows == [
        (report.run_id, NAMING["url"], "save", "ValueError: disk says no"),
        (report.run_id, LINKING["url"], "save", "ValueError: disk says no"),
    ]


# A paper called "the Ledger" by the papers that credit it, never in the registry (no other Ledger is).
LEDGER = {
    "url": "https://ferrytown-ledger.example/news/pier-sale",
    "outlet": "The Ferrytown Ledger",
    "title": "Pier sale approved",
    "published": "2026-05-04T08:00:00Z",
    "text": (
        "The Harborton council sold the ferry pier on Monday.\n"
        f'"{QUOTE}," Mayor Ines Calder said at the meeting.\n'
        "The harbour board meets next week."
    ),
}
OTHER_LEDGER = {
    "url": "https://ottersby-ledger.example/2026/05/tides",
    "outlet": "The Ottersby Ledger",
    "title": "Spring tides",
    "published": "2026-05-03T08:00:00Z",
    "text": "The spring tides reached the sea wall at Ottersby twice this week.",
}
SHORT = {
    "url": "https://dockside.example/2026/05/pier",
    "outlet": "Dockside Daily",
    "title": "Pier",
    "published": "2026-05-04T19:00:00Z",
    "text": f'Mayor Ines Calder told the Ledger: "{QUOTE}."\nThe harbour board has not said when it will meet.',
}
# "the ledger" in lower case, "the Times" (a name many outlets share): no short form a Ledger changes
PLAIN = {
    "url": "https://dockside.example/2026/05/budget",
    "outlet": "Dockside Daily",
    "title": "The port's budget",
    "published": "2026-05-05T09:00:00Z",
    "text": "The port's clerk balanced the ledger before the sale, the Times noted.\nThe board will publish the accounts.",
}
# The paper by its name without "the", as the credit reader finds a name of two words after "The".
CRIER = {
    "url": "https://harbour-crier.example/news/pier-sale",
    "outlet": "The Harbour Crier",
    "title": "Pier sale approved",
    "published": "2026-05-04T08:00:00Z",
    "text": LEDGER["text"],
}
BARE_NAME = {
    "url": "https://dockside.example/2026/05/crier",
    "outlet": "Dockside Daily",
    "title": "Pier",
    "published": "2026-05-04T19:00:00Z",
    "text": f'Mayor Ines Calder told Harbour Crier on Monday: "{QUOTE}."\nThe board has not said when it will meet.',
}


@pytest.mark.parametrize(
    "first, parts",
    [
        ([[LEDGER], [SHORT, PLAIN]], [[SHORT, PLAIN], [LEDGER]]),
        ([[LEDGER], [SHORT, PLAIN]], [[SHORT, PLAIN, LEDGER]]),
        ([[LEDGER], [SHORT, PLAIN]], [[PLAIN], [SHORT, LEDGER]]),
        # a second Ledger makes "the Ledger" alone no outlet: the credit goes
        ([[LEDGER, OTHER_LEDGER], [SHORT]], [[LEDGER], [SHORT], [OTHER_LEDGER]]),
        ([[CRIER], [BARE_NAME]], [[BARE_NAME], [CRIER]]),
    ],
    ids=["short-later-import", "short-same-import", "short-middle", "second-ledger", "no-the"],
)
def test_an_outlet_named_as_the_credit_reader_reads_it_settles_as_if_it_came_first(tmp_path, first, parts):
    expected = saved(imported_in_parts(tmp_path / "first.db", first))
    db = imported_in_parts(tmp_path / "later.db", parts)
    assert saved(db) == expected


def test_the_short_form_credits_the_outlet_once_known(tmp_path):
    db = imported_in_parts(tmp_path / "short.db", [[SHORT], [LEDGER]])
    assert (SHORT["url"], "told", "ferrytown-ledger.example", "told") in saved(db)["credits"]
    db = imported_in_parts(tmp_path / "shared.db", [[SHORT], [LEDGER, OTHER_LEDGER]])
    assert not saved(db)["credits"]


def test_settling_a_short_form_reads_only_the_articles_the_credit_reader_would(tmp_path, monkeypatch):
    db = imported_in_parts(tmp_path / "few-short.db", [[SHORT, PLAIN]])
    analysed: list[list[int]] = []
    real = pipeline.analyse_again
    monkeypatch.setattr(pipeline, "analyse_again", lambda db, ids, *args, **kwargs: analysed.append(ids) or real(db, ids, *args, **kwargs))
    times = {**OTHER_LEDGER, "url": "https://ferrytown-times.example/a", "outlet": "The Ferrytown Times"}
    import_paths(db, [write_jsonl(tmp_path / "ledger.jsonl", [LEDGER, times])], workers=1)
    short_id = db.execute("select id from articles where url = ?", [SHORT["url"]]).fetchone()[0]
    assert analysed == [[short_id]]  # not the lower-case ledger, nor "the Times" many outlets share


# The Ledger named in full before its own page arrives: the credit saves an outlet with no domain.
TOLD_LEDGER = {
    "url": "https://dockside.example/2026/05/told-ledger",
    "outlet": "Dockside Daily",
    "title": "Pier",
    "published": "2026-05-04T19:00:00Z",
    "text": f'Mayor Ines Calder told the Ferrytown Ledger: "{QUOTE}."\nThe harbour board has not said when it will meet.',
}
# The Ledger's page naming its outlet only in og:site_name, as a crawled page does.
LEDGER_PAGE = {
    "url": LEDGER["url"],
    "published": LEDGER["published"],
    "html": (
        '<html><head><title>Pier sale approved</title><meta property="og:site_name" content="The Ferrytown Ledger"></head>'
        "<body><article><p>The Harborton council sold the ferry pier on Monday.</p>"
        f"<p>\u201c{QUOTE},\u201d Mayor Ines Calder said at the meeting.</p>"
        "<p>The harbour board meets next week.</p></article></body></html>"
    ),
}


def outlet_rows(db: sqlite_utils.Database) -> set[tuple]:
    """The outlets table ids aside: key, name, domain, kind, and the articles, credits and sources pointing at each."""
    return set(db.execute(
        "select o.key, o.name, o.domain, o.kind, o.settled, "
        "(select group_concat(url, ' ') from (select url from articles a where a.outlet_id = o.id order by url)), "
        "(select count(*) from credits c where c.outlet_id = o.id), "
        "(select count(*) from lineage l where l.source_outlet_id = o.id) from outlets o"
    ).fetchall())


@pytest.mark.parametrize("page", [LEDGER, LEDGER_PAGE], ids=["record-outlet", "site-name"])
@pytest.mark.parametrize(
    "parts",
    [[[TOLD_LEDGER], [None]], [[TOLD_LEDGER, None]], [[None, TOLD_LEDGER]]],
    ids=["credit-import-first", "credit-first-in-one-import", "page-first-in-one-import"],
)
def test_an_outlet_credited_before_its_page_is_the_outlet_its_page_makes(tmp_path, page, parts):
    expected_db = imported_in_parts(tmp_path / "page-first.db", [[page], [TOLD_LEDGER]])
    expected = outlet_rows(expected_db)
    assert (
        "ferrytown-ledger.example", "The Ferrytown Ledger", "ferrytown-ledger.example", "unknown", 1, LEDGER["url"], 1, 1
    ) in expected
    db = imported_in_parts(tmp_path / "other.db", [[page if record is None else record for record in part] for part in parts])
    assert outlet_rows(db) == expected
    assert saved(db) == saved(expected_db)


def station_page(url: str, site: str, published: str, body: str) -> dict:
    """A station's page on a news network's subdomain, its name in og:site_name only."""
    return {
        "url": url,
        "published": published,
        "html": (
            f'<html><head><title>{site}</title><meta property="og:site_name" content="{site}"></head>'
            f"<body><article>{body}</article></body></html>"
        ),
    }


DETROIT = station_page(
    "https://detroit.cbslocal.com/2026/05/03/riverfront-closed/", "CBS Detroit", "2026-05-03T10:00:00Z",
    "<p>The riverfront path in Detroit closed on Sunday for repairs that will take a month.</p>"
    "<p>The city said the work had been planned since the winter.</p>",
)
DFW = station_page(
    "https://dfw.cbslocal.com/2026/05/04/ferry-pier-vote/", "CBS DFW", "2026-05-04T09:00:00Z",
    "<p>The Harborton council voted on Monday night to sell the ferry pier to a private operator.</p>"
    f"<p>\u201c{QUOTE},\u201d Mayor Ines Calder said after the vote.</p>"
    "<p>The sale still needs the approval of the harbour board.</p>",
)
DFW_LINKING = dict(LINKING, html=LINKING["html"].replace(STATION["url"], DFW["url"]).replace("KVRX reports", "CBS DFW reports"))


def merge_stations_as_older_code_did(db: sqlite_utils.Database) -> None:
    """Make a database of today look as code before NEWS_NETWORKS left it: one outlet "cbslocal.com" named after CBS Detroit."""
    (detroit,) = db.execute("select id from outlets where key = 'detroit.cbslocal.com'").fetchone()
    (dfw,) = db.execute("select id from outlets where key = 'dfw.cbslocal.com'").fetchone()
    for table, column in [
        ("articles", "outlet_id"), ("article_links", "outlet_id"), ("credits", "outlet_id"), ("credits", "via_outlet_id"),
        ("lineage", "source_outlet_id"), ("quotes", "origin_outlet_id"),
    ]:
        db.execute(f"update {table} set {column} = ? where {column} = ?", [detroit, dfw])
    db.execute("delete from outlets where id = ?", [dfw])
    db.execute("update outlets set key = 'cbslocal.com', domain = 'cbslocal.com' where id = ?", [detroit])
    as_before_migration_15(db)


def as_before_migration_15(db: sqlite_utils.Database) -> None:
    """Every outlet settled (as migration 13 and the updates since left them), no reversed hosts of links."""
    db.execute("update outlets set settled = 1")
    db.execute("drop index article_links_unowned_host")
    db.execute("alter table article_links drop column host_reversed")
    db.execute("drop table code_versions")  # migration 16's
    db.execute("drop table reuse_misses")  # migration 18's
    db.execute("delete from schema_migrations where version >= 15")
    db.conn.commit()


def outlets_of_articles(db: sqlite_utils.Database) -> set[tuple]:
    return set(db.execute("select a.url, o.key, o.name, o.domain from articles a join outlets o on o.id = a.outlet_id").fetchall())


def test_an_old_database_splits_a_news_networks_stations_at_its_next_update(tmp_path):
    fresh = imported_in_parts(tmp_path / "fresh.db", [[DETROIT, DFW, DFW_LINKING]])
    expected = saved(fresh)
    assert (LINKING["url"], "link", "dfw.cbslocal.com", "CBS DFW reports") in expected["credits"]
    assert (LINKING["url"], "credit", DFW["url"], "dfw.cbslocal.com") in expected["lineage"]
    old = imported_in_parts(tmp_path / "old.db", [[DETROIT, DFW, DFW_LINKING]])
    merge_stations_as_older_code_did(old)
    assert (LINKING["url"], "credit", DFW["url"], "cbslocal.com") in saved(old)["lineage"]
    ensure_db_shape(old)
    assert old.execute("select key, settled from outlets where domain = 'cbslocal.com'").fetchall() == [("cbslocal.com", 0)]
    pipeline.update_after_import(old)
    assert saved(old) == expected
    assert outlets_of_articles(old) == outlets_of_articles(fresh) == {
        (DETROIT["url"], "detroit.cbslocal.com", "CBS Detroit", "detroit.cbslocal.com"),
        (DFW["url"], "dfw.cbslocal.com", "CBS DFW", "dfw.cbslocal.com"),
        (LINKING["url"], "harborton-star.example", "Harborton Star", "harborton-star.example"),
    }
    assert old.execute("select count(*) from outlets where settled = 0 or domain = 'cbslocal.com'").fetchone()[0] == 0
    assert reanalyse(old, workers=1).changed == 0


def test_an_old_network_outlet_only_linked_to_gives_its_links_to_the_stations(tmp_path):
    fresh = imported_in_parts(tmp_path / "fresh.db", [[DFW_LINKING]])
    expected = saved(fresh)
    assert (LINKING["url"], "link", "dfw.cbslocal.com", "CBS DFW reports") in expected["credits"]
    old = imported_in_parts(tmp_path / "old.db", [[DFW_LINKING]])
    old.execute("update outlets set key = 'cbslocal.com', name = 'cbslocal.com', domain = 'cbslocal.com' where key = 'dfw.cbslocal.com'")
    as_before_migration_15(old)
    ensure_db_shape(old)
    pipeline.update_after_import(old)
    assert saved(old) == expected
    # the network's outlet, left with nothing pointing at it, goes: a fresh import never saved it
    assert outlet_rows(old) == outlet_rows(fresh)
    assert old.execute("select count(*) from outlets where key = 'cbslocal.com'").fetchone()[0] == 0


def test_links_saved_before_their_hosts_were_kept_are_found_when_the_outlet_arrives(tmp_path, station_first):
    db = imported_in_parts(tmp_path / "hosts.db", [[LINKING, NAMING]])
    as_before_migration_15(db)
    ensure_db_shape(db)  # migration 15 reads the hosts of the links saved
    assert db.execute("select host_reversed from article_links where url = ?", [STATION["url"]]).fetchall() == [("example.kvrx",)]
    import_paths(db, [write_jsonl(tmp_path / "station.jsonl", [STATION])], workers=1)
    assert saved(db) == station_first


def test_the_link_scan_reads_the_index_of_a_new_outlets_domain(tmp_path):
    db = imported_in_parts(tmp_path / "plan.db", [[LINKING, NAMING]])
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    import_paths(db, [write_jsonl(tmp_path / "station.jsonl", [STATION])], workers=1)
    db.conn.set_trace_callback(None)
    (scan,) = {sql for sql in statements if "host_reversed >=" in sql}
    plan = " ".join(row[3] for row in db.execute(f"explain query plan {scan}").fetchall())
    assert "USING INDEX article_links_unowned_host (host_reversed>? AND host_reversed<?)" in plan, plan


def test_a_station_saved_since_takes_its_articles_from_the_old_network_outlet(tmp_path):
    later = station_page(
        "https://dfw.cbslocal.com/2026/05/06/pier-board/", "CBS DFW", "2026-05-06T09:00:00Z",
        "<p>The harbour board in Harborton will meet on Friday to vote on the sale of the ferry pier.</p>",
    )
    fresh = imported_in_parts(tmp_path / "fresh.db", [[DETROIT, DFW, DFW_LINKING], [later]])
    old = imported_in_parts(tmp_path / "old.db", [[DETROIT, DFW, DFW_LINKING], [later]])
    # the old code's outlet holds Detroit's page and the first DFW page; the later one came under today's code
    (detroit,) = old.execute("select id from outlets where key = 'detroit.cbslocal.com'").fetchone()
    (dfw,) = old.execute("select id from outlets where key = 'dfw.cbslocal.com'").fetchone()
    old.execute("update articles set outlet_id = ? where url = ?", [detroit, DFW["url"]])
    for table, column in [("article_links", "outlet_id"), ("credits", "outlet_id"), ("lineage", "source_outlet_id"), ("quotes", "origin_outlet_id")]:
        old.execute(f"update {table} set {column} = ? where {column} = ?", [detroit, dfw])
    old.execute("update outlets set key = 'cbslocal.com', domain = 'cbslocal.com' where id = ?", [detroit])
    as_before_migration_15(old)
    ensure_db_shape(old)
    pipeline.update_after_import(old)
    assert saved(old) == saved(fresh)
    assert outlets_of_articles(old) == outlets_of_articles(fresh)
    assert old.execute("select count(*) from outlets where key like '%cbslocal.com'").fetchone()[0] == 2


def test_an_outlet_only_a_credit_no_longer_read_pointed_at_goes_with_it(tmp_path):
    fresh = imported_in_parts(tmp_path / "fresh.db", [[TOLD_LEDGER, LINKING]])
    old = imported_in_parts(tmp_path / "old.db", [[TOLD_LEDGER, LINKING]])
    # a credit an older reader read ("per the Wharf Weekly"), to an outlet nothing else names, traced as a source
    (article_id,) = old.execute("select id from articles where url = ?", [LINKING["url"]]).fetchone()
    weekly = old["outlets"].insert({"key": "wharf-weekly", "name": "Wharf Weekly", "kind": "unknown", "in_registry": 0}).last_pk
    old["credits"].insert({"article_id": article_id, "outlet_id": weekly, "kind": "per", "cue": "per", "scope": "story"})
    old.execute("update lineage set source_outlet_id = ? where occurrence_id in "
                "(select id from quote_occurrences where article_id = ?)", [weekly, article_id])
    old.conn.commit()
    assert reanalyse(old, workers=1).changed == 1
    assert old.execute("select count(*) from outlets where key = 'wharf-weekly'").fetchone()[0] == 0
    assert outlet_rows(old) == outlet_rows(fresh)
    assert saved(old) == saved(fresh)


LINKING_LEDGER = dict(
    LINKING, url="https://www.harborton-star.example/news/pier-sale-ledger",
    html=LINKING["html"].replace(STATION["url"], LEDGER["url"]).replace("KVRX reports", "the Ferrytown Ledger reports"),
)


def test_an_old_database_gives_an_outlet_credited_before_its_pages_their_domain(tmp_path, monkeypatch):
    fresh = imported_in_parts(tmp_path / "fresh.db", [[LEDGER], [TOLD_LEDGER, LINKING_LEDGER]])
    assert (LINKING_LEDGER["url"], LEDGER["url"], "ferrytown-ledger.example") in saved(fresh)["links"]
    # older code: the page took the outlet the credit had saved, with no domain, and the link to it none
    monkeypatch.setattr(outlets, "named_only", lambda outlet, domain: False)
    monkeypatch.setattr(save, "_complete_named_outlet", lambda db, outlet_id, outlet: None)
    old = imported_in_parts(tmp_path / "old.db", [[TOLD_LEDGER, LINKING_LEDGER], [LEDGER]])
    monkeypatch.undo()
    assert (LINKING_LEDGER["url"], LEDGER["url"], None) in saved(old)["links"]
    assert old.execute("select key, name, domain from outlets where name like '%Ledger'").fetchall() == [
        ("ferrytown-ledger", "Ferrytown Ledger", None)
    ]
    old.execute("delete from schema_migrations where version >= 17")
    old.conn.commit()
    ensure_db_shape(old)
    assert old.execute("select key, domain, settled from outlets where name like '%Ledger'").fetchall() == [
        ("ferrytown-ledger.example", "ferrytown-ledger.example", 0)
    ]
    pipeline.update_after_import(old)
    assert saved(old) == saved(fresh)
    # the name a record gave the page ("The Ferrytown Ledger") is not kept: the credit's stays
    assert {row[:1] + row[2:] for row in outlet_rows(old)} == {row[:1] + row[2:] for row in outlet_rows(fresh)}


def test_migration_17_deletes_the_outlets_nothing_points_at(tmp_path):
    db = imported_in_parts(tmp_path / "leftover.db", [[DFW_LINKING]])
    expected = outlet_rows(db)
    # what migration 15's split left of a network outlet only links pointed at, named in a trace since
    leftover = db["outlets"].insert({"key": "cbslocal.com", "name": "cbslocal.com", "kind": "unknown", "in_registry": 0}).last_pk
    (quote_id,) = db.execute("select id from quotes").fetchone()
    db.execute("update quotes set origin_outlet_id = ? where id = ?", [leftover, quote_id])
    db.execute("delete from schema_migrations where version >= 17")
    db.conn.commit()
    ensure_db_shape(db)
    assert db.execute("select count(*) from outlets where key = 'cbslocal.com'").fetchone()[0] == 0
    assert db.execute("select quote_id from stale_quotes").fetchall() == [(quote_id,)]
    pipeline.update_after_import(db)
    assert outlet_rows(db) == expected



# The Ledger's story at an address a link credit reads as an article's, and a paper linking it with
# "the Ferrytown Ledger reported": the link saves an outlet named by its domain, the words one named only.
LEDGER_STORY = "https://ferrytown-ledger.example/news/pier-sale.html"
LINKED_LEDGER = {
    "url": "https://www.harborton-star.example/news/pier-sale-linked",
    "outlet": "Harborton Star",
    "published": "2026-05-04T15:00:00Z",
    "html": (
        "<html><head><title>Council sells the pier</title></head><body><article>"
        f'<p>Harborton\'s council sold the ferry pier, <a href="{LEDGER_STORY}">the Ferrytown Ledger reported</a>.</p>'
        f"<p>\u201c{QUOTE},\u201d Mayor Ines Calder told the Ledger.</p>"
        "<p>The harbour board meets next week.</p></article></body></html>"
    ),
}


@pytest.mark.parametrize("page", [dict(LEDGER, url=LEDGER_STORY), dict(LEDGER_PAGE, url=LEDGER_STORY)], ids=["record-outlet", "site-name"])
@pytest.mark.parametrize(
    "parts",
    [[[LINKED_LEDGER], [None]], [[LINKED_LEDGER, None]], [[None], [LINKED_LEDGER]]],
    ids=["linking-import-first", "linking-first-in-one-import", "page-import-first"],
)
def test_an_outlet_linked_and_named_before_its_page_is_the_outlet_its_page_makes(tmp_path, page, parts):
    expected_db = imported_in_parts(tmp_path / "page-first.db", [[page, LINKED_LEDGER]])
    expected = outlet_rows(expected_db)
    assert ("ferrytown-ledger.example", "The Ferrytown Ledger", "ferrytown-ledger.example", "unknown", 1, LEDGER_STORY, 3, 1) in expected
    db = imported_in_parts(tmp_path / "other.db", [[page if record is None else record for record in part] for part in parts])
    assert outlet_rows(db) == expected
    assert saved(db) == saved(expected_db)
