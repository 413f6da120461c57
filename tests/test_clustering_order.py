"""Clusters do not depend on import order: any order of imports, article by article or in parts, gives a rebuild's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlite_utils

from db import ensure_db_shape, open_db
from provenance.clustering import assign_occurrences, rebuild_clusters
from provenance.pipeline import import_paths, trace_all
from tests.conftest import database_at_version

# name, time key, (wording, speaker, kind); a speaker "he -> Jon Tveit" is a name read from "he", not printed
Article = tuple[str, str, list[tuple[str, str | None, str]]]

# Two halves of a long promise: a short form of each half links to the whole, never to the other half.
FERRY = "the ferry to the outer islands will run every morning from the old harbour steps"
FARES = "and the fares will stay frozen for every pensioner living on the islands"
WHOLE = f"{FERRY.capitalize()} {FARES}."
FERRY_ONLY = f"{FERRY.capitalize()} from June."
FARES_ONLY = "We also promise the fares will stay frozen for every pensioner living on the islands."


def new_db() -> sqlite_utils.Database:
    database = sqlite_utils.Database(memory=True)
    ensure_db_shape(database)
    database["outlets"].insert({"key": "x", "name": "X", "kind": "newspaper"})
    return database


def add(db: sqlite_utils.Database, article: Article) -> None:
    """One article and its printings, not yet clustered."""
    name, time_key, quotes = article
    article_id = db["articles"].insert(
        {"url": f"https://x.example/{name}", "outlet_id": 1, "text": name, "first_seen": time_key, "time_key": time_key}
    ).last_pk
    for start, (text, speaker, kind) in enumerate(quotes):
        printed, _, name = (speaker or "").rpartition(" -> ")
        db["quote_occurrences"].insert(
            {"article_id": article_id, "text": text, "speaker": printed or speaker, "speaker_name": name or None,
             "kind": kind, "cue": "said", "start": start, "end": start + 1}
        )


def clusters(db: sqlite_utils.Database) -> set[frozenset[tuple[str, str]]]:
    """Each cluster as the set of its printings, (article, wording)."""
    found: dict[int, set[tuple[str, str]]] = {}
    for url, text, quote_id in db.execute(
        "select a.url, o.text, o.quote_id from quote_occurrences o join articles a on a.id = o.article_id"
    ):
        found.setdefault(quote_id, set()).add((url.rsplit("/", 1)[1], text))
    return {frozenset(members) for members in found.values()}


def clustered_in_order(articles: list[Article], batches: list[list[int]]) -> set[frozenset[tuple[str, str]]]:
    """The clusters after importing the articles batch by batch (indexes into `articles`)."""
    db = new_db()
    for batch in batches:
        for index in batch:
            add(db, articles[index])
        assign_occurrences(db)
    return clusters(db)


def rebuilt(articles: list[Article]) -> set[frozenset[tuple[str, str]]]:
    db = new_db()
    for article in articles:
        add(db, article)
    rebuild_clusters(db)
    return clusters(db)


def orders(count: int) -> list[list[list[int]]]:
    """All at once, one by one forwards and backwards, in two parts both ways."""
    indexes = list(range(count))
    half = count // 2
    return [
        [indexes],
        [[i] for i in indexes],
        [[i] for i in reversed(indexes)],
        [indexes[half:], indexes[:half]],
        [indexes[1::2], indexes[0::2]],
    ]


def assert_alike_in_every_order(articles: list[Article]) -> set[frozenset[tuple[str, str]]]:
    expected = rebuilt(articles)
    for batches in orders(len(articles)):
        assert clustered_in_order(articles, batches) == expected, batches
    return expected


def test_a_wording_is_compared_with_the_one_that_founded_the_cluster_not_the_most_printed():
    # the fares half links to the whole promise (printed most) but not to the ferry half that
    # was printed first and founded the cluster; importing it later used to compare it with the
    # most printed wording and join
    articles: list[Article] = [
        ("a", "2026-03-02T06:00:00Z", [(FERRY_ONLY, "Ines Kowal", "speech")]),
        ("b", "2026-03-02T07:00:00Z", [(WHOLE, "Ines Kowal", "speech")]),
        ("c", "2026-03-02T08:00:00Z", [(WHOLE, "Ines Kowal", "speech")]),
        ("d", "2026-03-02T09:00:00Z", [(FARES_ONLY, "Ines Kowal", "speech")]),
    ]
    assert assert_alike_in_every_order(articles) == {
        frozenset({("a", FERRY_ONLY), ("b", WHOLE), ("c", WHOLE)}),
        frozenset({("d", FARES_ONLY)}),
    }


def test_an_earlier_printing_imported_later_founds_the_cluster():
    # imported newest first, the whole promise founded a cluster both halves joined; printed
    # first, the ferry half founds it, and the fares half cannot join it
    articles: list[Article] = [
        ("a", "2026-03-02T06:00:00Z", [(FERRY_ONLY, "Ines Kowal", "speech")]),
        ("b", "2026-03-03T06:00:00Z", [(WHOLE, "Ines Kowal", "speech")]),
        ("c", "2026-03-04T06:00:00Z", [(FARES_ONLY, "Ines Kowal", "speech")]),
    ]
    assert assert_alike_in_every_order(articles) == {
        frozenset({("a", FERRY_ONLY), ("b", WHOLE)}),
        frozenset({("c", FARES_ONLY)}),
    }


def test_printings_of_one_day_are_taken_in_the_order_of_their_urls_not_of_their_import():
    # three dates without an hour: the article whose URL sorts first founds the cluster
    articles: list[Article] = [
        ("b-whole", "2026-03-02", [(WHOLE, "Ines Kowal", "speech")]),
        ("a-ferry", "2026-03-02", [(FERRY_ONLY, "Ines Kowal", "speech")]),
        ("c-fares", "2026-03-02", [(FARES_ONLY, "Ines Kowal", "speech")]),
    ]
    assert assert_alike_in_every_order(articles) == {
        frozenset({("a-ferry", FERRY_ONLY), ("b-whole", WHOLE)}),
        frozenset({("c-fares", FARES_ONLY)}),
    }


def test_the_same_few_words_months_apart_are_two_quotes_imported_together_or_not():
    # a unit of a short wording ends a month after its first printing, whatever came in one import
    articles: list[Article] = [
        ("jan", "2026-01-05", [("a reckless gamble", "Ines Kowal", "fragment")]),
        ("jan2", "2026-01-20", [("a reckless gamble", "Ines Kowal", "fragment")]),
        ("may", "2026-05-04", [("A reckless gamble.", "Ines Kowal", "fragment")]),
        ("may2", "2026-05-30", [("a reckless gamble", "Ines Kowal", "fragment")]),
        ("jul", "2026-07-01", [("a reckless gamble", "Ines Kowal", "fragment")]),
    ]
    assert assert_alike_in_every_order(articles) == {
        frozenset({("jan", "a reckless gamble"), ("jan2", "a reckless gamble")}),
        frozenset({("may", "A reckless gamble."), ("may2", "a reckless gamble")}),
        frozenset({("jul", "a reckless gamble")}),
    }


def test_a_fragment_printed_beside_its_quote_and_alone_is_judged_printing_by_printing():
    # the words printed beside Brandt's quote belong to it; printed alone seven weeks later and
    # given to another speaker, they are another quote (in one import they were judged as one
    # wording, by the time and speaker of its first printing)
    quote = "The port board will vote on the sale of the terminal before the summer recess begins."
    articles: list[Article] = [
        ("a", "2026-03-02", [(quote, "Oskar Brandt", "speech"), ("the sale of the terminal", "Oskar Brandt", "fragment")]),
        ("b", "2026-04-20", [("the sale of the terminal", "Lena Marsh", "fragment")]),
    ]
    assert assert_alike_in_every_order(articles) == {
        frozenset({("a", quote), ("a", "the sale of the terminal")}),
        frozenset({("b", "the sale of the terminal")}),
    }


def test_a_fragment_counts_its_words_as_printed_when_a_prefix_joins_two():
    # "full co-operation" normalises to two words, "full cooperation": still three words as printed, a fragment
    # of the quotation beside it and, the next day, of the quotation that founded the cluster
    quote = "We therefore expected an explanation and an assurance of full co-operation in future."
    articles: list[Article] = [
        ("a", "2026-03-02T06:00:00Z", [(quote, "Ian Kerrow", "speech"), ("full co-operation", "Ian Kerrow", "fragment")]),
        ("b", "2026-03-03T09:00:00Z", [("full co-operation", "Ian Kerrow", "fragment")]),
        ("c", "2026-03-03T10:00:00Z", [("full cooperation", "Ian Kerrow", "fragment")]),  # two words as printed
    ]
    assert assert_alike_in_every_order(articles) == {
        frozenset({("a", quote), ("a", "full co-operation"), ("b", "full co-operation")}),
        frozenset({("c", "full cooperation")}),
    }
    # alone the next day, imported before the quotation: placed again when the quotation founds its cluster
    assert assert_alike_in_every_order([articles[0][:2] + ([articles[0][2][0]],), articles[1]]) == {
        frozenset({("a", quote), ("b", "full co-operation")}),
    }


def test_a_fragment_joins_a_longer_fragment_holding_it():
    longer = "was like an open harbour gate on the internet"
    articles: list[Article] = [
        ("a", "2026-03-02T06:00:00Z", [(longer, "Lena Marsh", "fragment")]),
        ("b", "2026-03-02T09:00:00Z", [("like an open harbour gate", "Lena Marsh", "fragment")]),
        ("c", "2026-03-03T09:00:00Z", [("like an open harbour gate", "Lena Marsh", "fragment")]),
    ]
    assert assert_alike_in_every_order(articles) == {
        frozenset({("a", longer), ("b", "like an open harbour gate"), ("c", "like an open harbour gate")}),
    }


def test_a_fragment_goes_with_the_longer_fragment_of_its_article_holding_it_in_any_order():
    # c's "keeper of promises" is held both by a's quotation of the day before and by the fragment
    # c printed just before it: it goes with its article's fragment, also when a comes after c
    full = "Call her stubborn if you like, she remains a keeper of promises to the ferrymen."
    articles: list[Article] = [
        ("a", "2026-03-02T06:00:00Z", [(full, "Mira Solberg", "speech")]),
        ("c", "2026-03-03T09:00:00Z", [("a loyal keeper of promises,", "Mira Solberg", "fragment"),
                                       ("keeper of promises", "Mira Solberg", "fragment")]),
    ]
    assert assert_alike_in_every_order(articles) == {
        frozenset({("a", full)}),
        frozenset({("c", "a loyal keeper of promises,"), ("c", "keeper of promises")}),
    }


def test_a_fragment_is_placed_again_when_the_fragment_before_it_in_its_article_moves():
    # a, h and c first: c's "keeper of promises" follows the five words c printed before it into
    # a's quotation; d's same five words, printed first but given to Jon Tveit (a name read from
    # "he"), then take c's to Jon's cluster, where "keeper of promises" cannot follow. Nothing else
    # about d reaches it (a 3-word fragment has no 4-gram): it is placed again, and goes to h's
    # quotation, nearest in time
    loyal = "Everyone on the ferry quay knows she is a loyal keeper of promises to them."
    near = "Call her stubborn if you like, she remains a keeper of promises to the ferrymen."
    articles: list[Article] = [
        ("d", "2026-03-01T06:00:00Z", [("a loyal keeper of promises", "he -> Jon Tveit", "fragment")]),
        ("a", "2026-03-02T06:00:00Z", [(loyal, "Mira Solberg", "speech")]),
        ("h", "2026-03-03T06:00:00Z", [(near, "Mira Solberg", "speech")]),
        ("c", "2026-03-03T09:00:00Z", [("a loyal keeper of promises", "Mira Solberg", "fragment"),
                                       ("keeper of promises", "Mira Solberg", "fragment")]),
    ]
    expected = assert_alike_in_every_order(articles)
    assert expected == {
        frozenset({("d", "a loyal keeper of promises"), ("c", "a loyal keeper of promises")}),
        frozenset({("a", loyal)}),
        frozenset({("h", near), ("c", "keeper of promises")}),
    }
    assert clustered_in_order(articles, [[1, 2, 3], [0]]) == expected


def test_a_longer_fragment_and_the_fragment_it_holds_are_one_quote_in_any_order():
    articles: list[Article] = [
        ("a", "2026-03-02T06:00:00Z", [("a loyal keeper of promises", "Mira Solberg", "fragment"),
                                       ("keeper of promises,", "Mira Solberg", "fragment")]),
        ("b", "2026-03-02T09:00:00Z", [("tide of greed", "Jon Tveit", "fragment"),
                                       ("a rising tide of greed", "Jon Tveit", "fragment")]),
    ]
    assert assert_alike_in_every_order(articles) == {
        frozenset({("a", "a loyal keeper of promises"), ("a", "keeper of promises,")}),
        frozenset({("b", "tide of greed"), ("b", "a rising tide of greed")}),
    }


def test_the_same_short_words_given_to_a_name_read_from_he_stay_one_quote():
    # a fragment's speaker read from "he" is often another's misread: the words decide
    articles: list[Article] = [
        ("a", "2026-03-02T06:00:00Z", [("king of the quay", "Oskar Brandt", "fragment")]),
        ("b", "2026-03-02T09:00:00Z", [("king of the quay", "he -> Lena Marsh", "fragment")]),
    ]
    assert assert_alike_in_every_order(articles) == {
        frozenset({("a", "king of the quay"), ("b", "king of the quay")}),
    }


@pytest.mark.parametrize("kind", ["fragment", "speech"])
def test_the_same_short_words_printed_under_two_names_in_two_articles_are_two_quotes(kind):
    # a stock phrase many people use ("boots on the ground") is each one's own words, not one
    # quote passed on from the first to print it; the first printed as a fragment or alone
    articles: list[Article] = [
        ("a", "2026-03-02T06:00:00Z", [("troops on the quay", "Oskar Brandt", kind)]),
        ("b", "2026-03-20T09:00:00Z", [("troops on the quay.", "Lena Marsh", "fragment")]),
        ("c", "2026-03-21T09:00:00Z", [("troops on the quay", "Oskar Brandt", "fragment")]),
    ]
    assert assert_alike_in_every_order(articles) == {
        frozenset({("a", "troops on the quay"), ("c", "troops on the quay")}),
        frozenset({("b", "troops on the quay.")}),
    }


def test_the_same_short_words_printed_under_two_names_in_one_article_stay_one_quote():
    # a headline's misread speaker beside the body's ("Talk compared to 'working the referees'")
    articles: list[Article] = [
        ("a", "2026-03-02T06:00:00Z", [("King of the Quay", "Talk", "fragment"),
                                       ("king of the quay", "Lena Marsh", "fragment")]),
    ]
    assert assert_alike_in_every_order(articles) == {
        frozenset({("a", "King of the Quay"), ("a", "king of the quay")}),
    }


@pytest.mark.parametrize("kind", ["fragment", "speech"])
def test_the_same_short_words_printed_under_two_names_within_a_week_stay_one_quote(kind):
    # the next day's paper giving the judge's words to counsel: one quote, a name misread
    articles: list[Article] = [
        ("a", "2026-03-02T06:00:00Z", [("troops on the quay", "Oskar Brandt", kind)]),
        ("b", "2026-03-08T09:00:00Z", [("troops on the quay.", "Lena Marsh", "fragment")]),
    ]
    assert assert_alike_in_every_order(articles) == {
        frozenset({("a", "troops on the quay"), ("b", "troops on the quay.")}),
    }


def test_a_cluster_keeps_its_id_when_an_earlier_printing_founds_it_again(memory_db):
    memory_db["outlets"].insert({"key": "x", "name": "X", "kind": "newspaper"})
    add(memory_db, ("b", "2026-03-03T06:00:00Z", [(WHOLE, "Ines Kowal", "speech")]))
    assign_occurrences(memory_db)
    (quote_id,) = memory_db.execute("select id from quotes").fetchone()
    add(memory_db, ("a", "2026-03-02T06:00:00Z", [(FERRY_ONLY, "Ines Kowal", "speech")]))
    assign_occurrences(memory_db)
    founder = memory_db.execute(
        "select o.text from quotes q join quote_occurrences o on o.id = q.founder_id where q.id = ?", [quote_id]
    ).fetchone()
    assert founder == (FERRY_ONLY,)
    assert memory_db.execute("select distinct quote_id from quote_occurrences").fetchall() == [(quote_id,)]


# --- Through `provenance import`, against `provenance trace` -----------------------------------

KEEP = "the council will keep every crane on the north quay working through the winter"
PENSION = "and the union will get a pension deal for the night shift before spring"
SALE = "The port board will not sell the harbour terminal to any buyer who refuses"
PAGES = [  # url, outlet, published, text
    ("https://ledger.example/cranes", "Harlowe Ledger", "2026-03-02T06:00:00Z",
     f'"{KEEP.capitalize()} this year," Ines Kowal said on Monday.\n\nIt was, Ines Kowal said, "a reckless gamble".'),
    ("https://tribune.example/pension", "Harlowe Tribune", "2026-03-02T09:00:00Z",
     f'"{KEEP.capitalize()} {PENSION}," Ines Kowal said at the quay.\n\nThe union welcomed the promise.'),
    ("https://herald.example/quay", "Quay Herald", "2026-03-02",
     f'"{KEEP.capitalize()} {PENSION}," Ines Kowal told reporters.\n\n'
     f'"{SALE} to keep the dock workers on," said Oskar Brandt.'),
    ("https://post.example/union", "Harlowe Post", "2026-03-03T08:00:00Z",
     f'"We promise the union will get a pension deal for the night shift before spring," said Dan Orrin.\n\n'
     f'"{SALE} a vote of the harbour council," said Oskar Brandt.'),
    ("https://wire.example/board", "Coast Wire", "2026-03-04T10:00:00Z",
     f'"{KEEP.capitalize()} {PENSION}," Ines Kowal said again.'),
    ("https://ledger.example/july", "Harlowe Ledger", "2026-07-10T06:00:00Z",
     'It was still, Ines Kowal said, "a reckless gamble".'),
    ("https://tribune.example/august", "Harlowe Tribune", "2026-08-01T06:00:00Z",
     'The plan remained, Ines Kowal said, "a reckless gamble".'),
]


def write_pages(path: Path, indexes: list[int], pages: list[tuple[str, str, str, str]] = PAGES) -> Path:
    """These pages (by index) as a JSON Lines import file."""
    path.write_text(
        "".join(
            json.dumps({"url": url, "outlet": outlet, "published": published, "text": text}) + "\n"
            for url, outlet, published, text in (pages[i] for i in indexes)
        ),
        encoding="utf-8",
    )
    return path


def quote_rows(db: sqlite_utils.Database) -> set[tuple]:
    """Each cluster's printings (page, wording), canonical text and speaker."""
    found: dict[int, set[tuple[str, str]]] = {}
    for url, text, quote_id in db.execute(
        "select a.url, o.text, o.quote_id from quote_occurrences o join articles a on a.id = o.article_id"
    ):
        found.setdefault(quote_id, set()).add((url.split("/", 2)[2], text))
    quotes = {row[0]: row[1:] for row in db.execute("select id, text, speaker from quotes")}
    return {(frozenset(members), *quotes[quote_id]) for quote_id, members in found.items()}


@pytest.mark.parametrize(
    "parts",
    [
        [[0, 1, 2, 3, 4, 5, 6]],
        [[6], [5], [4], [3], [2], [1], [0]],
        [[4, 5, 6], [2, 3], [0, 1]],
        [[0, 1], [2, 3], [4, 5, 6]],
        [[1, 4], [0, 3, 6], [2, 5]],
    ],
    ids=["whole", "newest first", "three parts backwards", "three parts", "interleaved"],
)
def test_imports_in_any_order_give_the_clusters_of_a_trace(tmp_path, parts):
    traced = open_db(tmp_path / "traced.db")
    import_paths(traced, [write_pages(tmp_path / "all.jsonl", list(range(len(PAGES))))], workers=1)
    trace_all(traced)
    expected = quote_rows(traced)
    assert {members for members, _, _ in expected} == {
        frozenset({("ledger.example/cranes", f"{KEEP.capitalize()} this year,"),
                   ("tribune.example/pension", f"{KEEP.capitalize()} {PENSION},"),
                   ("herald.example/quay", f"{KEEP.capitalize()} {PENSION},"),
                   ("wire.example/board", f"{KEEP.capitalize()} {PENSION},")}),
        frozenset({("post.example/union", "We promise the union will get a pension deal for the night shift before spring,")}),
        frozenset({("herald.example/quay", f"{SALE} to keep the dock workers on,"),
                   ("post.example/union", f"{SALE} a vote of the harbour council,")}),
        frozenset({("ledger.example/cranes", "a reckless gamble")}),
        frozenset({("ledger.example/july", "a reckless gamble"), ("tribune.example/august", "a reckless gamble")}),
    }
    imported = open_db(tmp_path / "imported.db")
    for number, indexes in enumerate(parts):
        import_paths(imported, [write_pages(tmp_path / f"part{number}.jsonl", indexes)], workers=1)
    assert quote_rows(imported) == expected


def test_migration_10_rebuilds_old_clusters_at_the_next_import(tmp_path):
    database = database_at_version(tmp_path / "old.db", 9)
    import_paths(database, [write_pages(tmp_path / "first.jsonl", [0, 1])], workers=1)  # migrates first
    database.execute("update quotes set founder_id = null")
    database.execute("delete from schema_migrations where version in (10, 27)")  # 27's trigger reads founder_id
    database.conn.commit()
    database.execute("drop trigger quotes_retired_ad")
    database.execute("drop index idx_quotes_founder_id")
    database.execute("alter table quotes drop column founder_id")
    ensure_db_shape(database)
    assert database.execute("select status from runs where command = 'trace' order by id desc").fetchone() == ("due",)
    import_paths(database, [write_pages(tmp_path / "second.jsonl", [2])], workers=1)
    assert database.execute("select count(*) from quotes where founder_id is null").fetchone() == (0,)
    assert database.execute("select status from runs where command = 'trace' order by id desc").fetchone() == ("ok",)


def test_migration_11_traces_old_lineage_again_at_the_next_import(tmp_path):
    database = open_db(tmp_path / "old.db")
    import_paths(database, [write_pages(tmp_path / "first.jsonl", [0, 1])], workers=1)
    database.execute("delete from schema_migrations where version = 11")
    database.conn.commit()
    database.execute("alter table articles drop column analysed_with")
    database.execute("alter table articles drop column credit_lines")
    ensure_db_shape(database)
    assert database.execute("select status from runs where command = 'trace' order by id desc").fetchone() == ("due",)
    import_paths(database, [write_pages(tmp_path / "second.jsonl", [2])], workers=1)
    assert database.execute("select status from runs where command = 'trace' order by id desc").fetchone() == ("ok",)


FERRY_SAID = "We do not want the ferry sold"
FERRY_PRINTED = "We don't want the ferry sold off,"  # as extracted: the comma inside the marks
FERRY_PAGES = [  # url, outlet, published, text: the wire's words, then a paper's contracted and cut
    ("https://wire.example/ferry", "Coast Wire", "2026-04-01T09:00:00Z",
     f'"{FERRY_SAID} to a mainland firm," Ruth Amsel said.\n\n"{FERRY_SAID}," she said again.'),
    ("https://herald.example/ferry", "Quay Herald", "2026-04-01T15:00:00Z",
     f'"{FERRY_PRINTED}" Ruth Amsel told the meeting.'),
    ("https://post.example/cranes", "Harlowe Post", "2026-04-02T08:00:00Z",
     f'"{KEEP.capitalize()}," said Ines Kowal.'),
]


def stored_wordings(db: sqlite_utils.Database) -> set[tuple]:
    """Each printing's page, wording, normalised wording, canonical flag and drift; each cluster's normalised text."""
    printings = {
        (url.split("/", 2)[2], text, normalized, is_canonical, drift)
        for url, text, normalized, is_canonical, drift in db.execute(
            "select a.url, o.text, o.normalized, o.is_canonical, o.drift"
            " from quote_occurrences o join articles a on a.id = o.article_id"
        )
    }
    return printings | {row for row in db.execute("select 'quote', text, normalized, null, null from quotes")}


def test_migration_14_normalises_and_clusters_an_old_database_again(tmp_path, monkeypatch):
    from provenance import clustering
    from provenance.normalize import printed_word_key

    # the database an older tracker built: contractions normalised by dropping the apostrophe
    database = open_db(tmp_path / "old.db")
    with monkeypatch.context() as patched:
        patched.setattr(clustering, "normalize_quote", printed_word_key)
        import_paths(database, [write_pages(tmp_path / "first.jsonl", [0, 1], FERRY_PAGES)], workers=1)
    assert database.execute("select normalized from quote_occurrences where text = ?", [FERRY_PRINTED]).fetchone() == (
        "we dont want the ferry sold off",
    )
    assert len({quote_id for (quote_id,) in database.execute("select quote_id from quote_occurrences")}) == 2
    database.execute("delete from schema_migrations where version = 14")
    database.conn.commit()
    ensure_db_shape(database)
    assert database.execute("select status from runs where command = 'trace' order by id desc").fetchone() == ("due",)
    import_paths(database, [write_pages(tmp_path / "second.jsonl", [2], FERRY_PAGES)], workers=1)
    assert database.execute("select status from runs where command = 'trace' order by id desc").fetchone() == ("ok",)

    built_after = open_db(tmp_path / "new.db")
    import_paths(built_after, [write_pages(tmp_path / "all.jsonl", [0, 1, 2], FERRY_PAGES)], workers=1)
    assert quote_rows(database) == quote_rows(built_after)
    assert stored_wordings(database) == stored_wordings(built_after)
    grams = "select gram from quote_grams order by gram"
    assert database.execute(grams).fetchall() == built_after.execute(grams).fetchall()
    # the wire's words and the paper's contracted, cut wording are one quote; the drift shows the contraction
    assert ("herald.example/ferry", FERRY_PRINTED, "we do not want the ferry sold off", 0,
            "[-do not-] {+don't+}; [-to a mainland firm-] {+off,+}") in stored_wordings(built_after)
    assert len({quote_id for (quote_id,) in built_after.execute("select quote_id from quote_occurrences")}) == 2


def test_migration_14_leaves_a_database_without_contractions_alone(tmp_path):
    database = open_db(tmp_path / "new.db")
    import_paths(database, [write_pages(tmp_path / "first.jsonl", [0, 1, 2])], workers=1)
    database.execute("delete from schema_migrations where version = 14")
    database.conn.commit()
    ensure_db_shape(database)
    assert database.execute("select status from runs where command = 'trace'").fetchall() == []


CHANGED_PAGES = [  # the wire's words written out, then a paper printing a part of them contracted
    ("https://wire.example/pier", "Coast Wire", "2026-05-04T09:00:00Z",
     '"The new pier has changed everything for the crews on the outer islands," Ruth Amsel said.'),
    ("https://herald.example/pier", "Quay Herald", "2026-05-04T15:00:00Z",
     'The pier, Ruth Amsel said, "has changed everything." Her deputy agreed: "It\'s changed everything."'),
    ("https://post.example/cranes", "Harlowe Post", "2026-05-05T08:00:00Z",
     f'"{KEEP.capitalize()}," said Ines Kowal.'),
]


def built_with_has_read_as_is(path: Path, pages: Path, monkeypatch) -> sqlite_utils.Database:
    """The database the code before version 3 built: "'s" before a participle read as "is"."""
    from provenance import normalize

    database = open_db(path)
    with monkeypatch.context() as patched:
        patched.setattr(normalize, "reads_has", lambda subject, participle, after: participle in normalize.HAS_WORDS)
        import_paths(database, [pages], workers=1)
    assert database.execute("select normalized from quote_occurrences where text like 'It%'").fetchone() == (
        "it is changed everything",
    )
    return database


def recorded_version(db: sqlite_utils.Database) -> int:
    return db.execute("select version from code_versions where name = 'normalization'").fetchone()[0]


def test_a_database_normalised_by_an_older_version_is_traced_whole_by_its_next_import(tmp_path, monkeypatch):
    from provenance.normalize import NORMALIZATION_VERSION

    database = built_with_has_read_as_is(tmp_path / "old.db", write_pages(tmp_path / "first.jsonl", [0, 1], CHANGED_PAGES),
                                         monkeypatch)
    database.execute("update code_versions set version = ? where name = 'normalization'", [NORMALIZATION_VERSION - 1])
    database.conn.commit()
    import_paths(database, [write_pages(tmp_path / "second.jsonl", [2], CHANGED_PAGES)], workers=1)
    assert database.execute("select status from runs where command = 'trace' order by id desc").fetchone() == ("ok",)
    assert recorded_version(database) == NORMALIZATION_VERSION

    built_after = open_db(tmp_path / "new.db")
    import_paths(built_after, [write_pages(tmp_path / "all.jsonl", [0, 1, 2], CHANGED_PAGES)], workers=1)
    assert quote_rows(database) == quote_rows(built_after)
    assert stored_wordings(database) == stored_wordings(built_after)
    grams = "select gram from quote_grams order by gram"
    assert database.execute(grams).fetchall() == built_after.execute(grams).fetchall()
    assert database.execute("select normalized from quote_occurrences where text like 'It%'").fetchone() == (
        "it has changed everything",
    )
    # the next import finds the version current: no whole trace again
    import_paths(database, [write_pages(tmp_path / "third.jsonl", [2], CHANGED_PAGES)], workers=1)
    assert database.execute("select count(*) from runs where command = 'trace'").fetchone() == (1,)


def test_a_database_a_newer_tracker_normalised_is_traced_whole_by_this_one(tmp_path):
    # a newer tracker's wordings, which this code's would otherwise mix with; that tracker, finding this
    # version recorded, traces the database whole again in its turn
    from provenance.normalize import NORMALIZATION_VERSION

    database = open_db(tmp_path / "newer.db")
    import_paths(database, [write_pages(tmp_path / "first.jsonl", [0, 1], CHANGED_PAGES)], workers=1)
    database.execute("update code_versions set version = ? where name = 'normalization'", [NORMALIZATION_VERSION + 1])
    database.conn.commit()
    import_paths(database, [write_pages(tmp_path / "second.jsonl", [2], CHANGED_PAGES)], workers=1)
    assert database.execute("select status from runs where command = 'trace'").fetchall() == [("ok",)]
    assert recorded_version(database) == NORMALIZATION_VERSION


def test_a_database_at_the_current_version_pays_no_check_on_open_or_import(tmp_path, monkeypatch):
    from db.migrations import m0014_contractions
    from provenance import clustering
    from provenance.normalize import NORMALIZATION_VERSION

    database = open_db(tmp_path / "current.db")
    import_paths(database, [write_pages(tmp_path / "first.jsonl", [0, 1], CHANGED_PAGES)], workers=1)
    assert recorded_version(database) == NORMALIZATION_VERSION
    database.close()

    def no_normalising(text: str, **options) -> str:
        raise AssertionError(f"a stored wording normalised again: {text!r}")

    monkeypatch.setattr(m0014_contractions, "normalize_quote", no_normalising)
    monkeypatch.setattr(clustering, "normalize_quote", no_normalising)
    database = open_db(tmp_path / "current.db")
    import_paths(database, [write_pages(tmp_path / "again.jsonl", [0, 1], CHANGED_PAGES)], workers=1)  # nothing new
    assert database.execute("select status from runs where command = 'trace'").fetchall() == []


def test_migration_16_records_version_0_for_wordings_normalised_before_and_the_next_import_traces_them(
    tmp_path, monkeypatch
):
    from provenance.normalize import NORMALIZATION_VERSION

    database = built_with_has_read_as_is(tmp_path / "old.db", write_pages(tmp_path / "first.jsonl", [0, 1], CHANGED_PAGES),
                                         monkeypatch)
    unmigrate_16(database)
    ensure_db_shape(database)
    assert recorded_version(database) == 0
    import_paths(database, [write_pages(tmp_path / "second.jsonl", [2], CHANGED_PAGES)], workers=1)
    assert recorded_version(database) == NORMALIZATION_VERSION

    built_after = open_db(tmp_path / "new.db")
    import_paths(built_after, [write_pages(tmp_path / "all.jsonl", [0, 1, 2], CHANGED_PAGES)], workers=1)
    assert quote_rows(database) == quote_rows(built_after)
    assert stored_wordings(database) == stored_wordings(built_after)


def unmigrate_16(db: sqlite_utils.Database) -> None:
    """The database as the code before migration 16 left it."""
    db.execute("drop table code_versions")
    db.execute("delete from schema_migrations where version = 16")
    db.conn.commit()


def test_migration_16_vouches_for_wordings_normalised_as_now_and_checks_none_when_a_trace_is_due(tmp_path, monkeypatch):
    from db.migrations import m0016_participles
    from provenance.normalize import NORMALIZATION_VERSION
    from provenance.pipeline import full_trace_due

    empty = open_db(tmp_path / "empty.db")
    assert recorded_version(empty) == NORMALIZATION_VERSION

    database = open_db(tmp_path / "new.db")
    import_paths(database, [write_pages(tmp_path / "first.jsonl", [0, 1], CHANGED_PAGES)], workers=1)
    unmigrate_16(database)
    ensure_db_shape(database)  # every wording normalised as now: the version the migration came with
    assert recorded_version(database) == m0016_participles.PARTICIPLES_VERSION
    assert full_trace_due(database) == (m0016_participles.PARTICIPLES_VERSION < NORMALIZATION_VERSION)

    database.execute("update quote_occurrences set normalized = 'stale' where id = 1")
    database.execute("delete from schema_migrations where version = 14")
    unmigrate_16(database)

    def no_check(db) -> bool:
        raise AssertionError("migration 16 checked the wordings with a trace due")

    monkeypatch.setattr(m0016_participles, "normalised_before", no_check)
    ensure_db_shape(database)  # migration 14 makes the trace due; 16 records 0 without checking again
    assert database.execute("select summary from runs where command = 'trace'").fetchall() == [
        ("migration 14: quotes normalised with contractions written out",)
    ]
    assert recorded_version(database) == 0


def test_a_fragment_joined_beside_its_quote_counts_towards_its_grams_commonness() -> None:
    # 101 quotations each printed with its fragment beside it make the fragment's 4-grams too common to
    # suggest a cluster; a later shorter fragment must find that whether the others were placed in the
    # same pass (a rebuild) or read from the database (a later import)
    speaker = "Ines Kowalski"
    fragment = "harbour wall will hold firm"
    founder = ("a-first", "2026-03-01", [(fragment, speaker, "fragment")])
    beside = [
        (f"b-{n:03d}", "2026-03-02", [
            (" ".join([*(f"k{n}x{i}" for i in range(10)), fragment, *(f"k{n}y{i}" for i in range(10))]), speaker, "speech"),
            (fragment, speaker, "fragment"),
        ])
        for n in range(101)
    ]
    last = ("c-last", "2026-03-03", [("harbour wall will hold", speaker, "fragment")])
    articles = [founder, *beside, last]
    imported = clustered_in_order(articles, [list(range(len(articles) - 1)), [len(articles) - 1]])
    assert imported == rebuilt(articles)
    assert frozenset({("c-last", "harbour wall will hold")}) in imported  # too common: a cluster of its own


# "We won't sell the ferry." normalises to six words, "we will not sell the ferry", five as printed: a stock
# phrase to the MemeTracker guard, so it links only within MAX_FRAGMENT_GAP wherever it is placed
WONT = "We won't sell the ferry."


def test_a_full_quotation_under_six_words_as_printed_is_two_quotes_months_apart():
    # its printings were one unit, judged by six written-out words, in any order
    articles: list[Article] = [
        ("jan", "2026-01-05", [(WONT, "Ines Kowal", "speech")]),
        ("may", "2026-05-04", [(WONT, "Ines Kowal", "speech")]),
    ]
    assert assert_alike_in_every_order(articles) == {
        frozenset({("jan", WONT)}),
        frozenset({("may", WONT)}),
    }
    # judged by its first printing: six words as printed in February join January's five, a unit of the
    # first printing's month; imported first, February's opened a unit of every printing until January came
    written = "We will not sell the ferry."
    articles = [
        ("jan", "2026-01-05", [(WONT, "Ines Kowal", "speech")]),
        ("feb", "2026-02-01", [(written, "Ines Kowal", "speech")]),
        ("jul", "2026-07-01", [(WONT, "Ines Kowal", "speech")]),
    ]
    assert assert_alike_in_every_order(articles) == {
        frozenset({("jan", WONT), ("feb", written)}),
        frozenset({("jul", WONT)}),
    }
    assert assert_alike_in_every_order(articles[1:]) == {frozenset({("feb", written), ("jul", WONT)})}


def test_a_fragment_of_a_quotation_s_words_under_six_as_printed_joins_its_unit_only_in_the_news_then():
    # the same words as a fragment months later: not the quotation's unit, which six written-out words joined
    articles: list[Article] = [
        ("jan", "2026-01-05", [(WONT, "Ines Kowal", "speech")]),
        ("may", "2026-05-04", [("we won't sell the ferry", "Ines Kowal", "fragment")]),
    ]
    assert assert_alike_in_every_order(articles) == {
        frozenset({("jan", WONT)}),
        frozenset({("may", "we won't sell the ferry")}),
    }


def test_the_same_short_words_under_six_as_printed_found_again_months_apart():
    # a fragment's cluster takes the same words months later only when they are six words as printed
    articles: list[Article] = [
        ("jan", "2026-01-05", [("we won't sell the ferry", "Ines Kowal", "fragment")]),
        ("may", "2026-05-04", [("we won't sell the ferry", "Ines Kowal", "fragment")]),
        ("jun", "2026-06-08", [("we will not sell the ferry", "Ines Kowal", "fragment")]),
        ("nov", "2026-11-09", [("we will not sell the ferry", "Ines Kowal", "fragment")]),
    ]
    assert assert_alike_in_every_order(articles) == {
        frozenset({("jan", "we won't sell the ferry")}),
        frozenset({("may", "we won't sell the ferry"), ("jun", "we will not sell the ferry"),
                   ("nov", "we will not sell the ferry")}),
    }


WONT_PAGES = [  # url, outlet, published, text: five words as printed, six written out, four months apart
    ("https://wire.example/ferry-jan", "Coast Wire", "2026-01-05T09:00:00Z",
     f'"{WONT}" Ines Kowal said at the quay.\n\nThe union welcomed the promise.'),
    ("https://herald.example/ferry-may", "Quay Herald", "2026-05-04T09:00:00Z",
     f'"{WONT}" Ines Kowal told the harbour council.\n\nThe council took no vote.'),
    ("https://post.example/cranes-may", "Harlowe Post", "2026-05-05T08:00:00Z",
     f'"{KEEP.capitalize()}," said Ines Kowal.'),
]


def clustering_recorded(db: sqlite_utils.Database) -> tuple | None:
    return db.execute("select version from code_versions where name = 'clustering'").fetchone()


def test_a_database_clustered_before_the_clustering_version_was_recorded_is_traced_whole(tmp_path, monkeypatch):
    from provenance import clustering
    from provenance.normalize import MIN_LINK_WORDS

    # the code before: a full quotation's unit judged by its words written out, no clustering version recorded
    with monkeypatch.context() as before:
        before.setattr(clustering, "is_stock_length", lambda printing: len(printing.words) < MIN_LINK_WORDS)
        database = open_db(tmp_path / "old.db")
        import_paths(database, [write_pages(tmp_path / "first.jsonl", [0, 1], WONT_PAGES)], workers=1)
    database.execute("delete from code_versions where name = 'clustering'")
    database.conn.commit()
    ferry = "select count(distinct quote_id) from quote_occurrences where text like 'We won%'"
    assert database.execute(ferry).fetchone() == (1,)

    import_paths(database, [write_pages(tmp_path / "second.jsonl", [2], WONT_PAGES)], workers=1)
    assert database.execute("select status from runs where command = 'trace'").fetchall() == [("ok",)]
    assert clustering_recorded(database) == (clustering.CLUSTERING_VERSION,)
    assert database.execute(ferry).fetchone() == (2,)
    built_after = open_db(tmp_path / "new.db")
    import_paths(built_after, [write_pages(tmp_path / "all.jsonl", [0, 1, 2], WONT_PAGES)], workers=1)
    assert quote_rows(database) == quote_rows(built_after)

    # the next import finds the version current: no whole trace again
    import_paths(database, [write_pages(tmp_path / "third.jsonl", [2], WONT_PAGES)], workers=1)
    assert database.execute("select count(*) from runs where command = 'trace'").fetchone() == (1,)


def test_a_new_database_records_the_clustering_version_at_its_first_import_and_a_newer_one_is_traced_whole(tmp_path):
    from provenance import clustering
    from provenance.pipeline import full_trace_due

    database = open_db(tmp_path / "new.db")
    assert not full_trace_due(database)  # nothing clustered: no version to differ
    import_paths(database, [write_pages(tmp_path / "first.jsonl", [0, 1], WONT_PAGES)], workers=1)
    assert database.execute("select count(*) from runs where command = 'trace'").fetchone() == (0,)
    assert clustering_recorded(database) == (clustering.CLUSTERING_VERSION,)

    # a newer tracker's clusters, which this code's would otherwise mix with
    database.execute("update code_versions set version = ? where name = 'clustering'", [clustering.CLUSTERING_VERSION + 1])
    database.conn.commit()
    assert full_trace_due(database)
    import_paths(database, [write_pages(tmp_path / "second.jsonl", [2], WONT_PAGES)], workers=1)
    assert database.execute("select status from runs where command = 'trace'").fetchall() == [("ok",)]
    assert clustering_recorded(database) == (clustering.CLUSTERING_VERSION,)
