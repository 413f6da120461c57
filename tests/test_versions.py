"""Re-fetched articles: lineage uses the version that was live when a quote or credit was printed."""

from __future__ import annotations

import pytest
import sqlite_utils
import yaml

from db import ensure_db_shape
from db.schema import MIGRATIONS
from db.save import save_analysis
from provenance.clustering import rebuild_clusters
from provenance.lineage import Carrier, parse_time
from provenance.models import Analysis, Article, Credit, Outlet, Quotation
from provenance.pipeline import trace_all, update_after_import
from provenance.serve import METADATA_PATH

METADATA = yaml.safe_load(METADATA_PATH.read_text(encoding="utf-8"))

GAZETTE = Outlet(
    key="harborgazette.example", name="The Harbor Gazette", kind="newspaper", domains=("harborgazette.example",)
)
DAILY = Outlet(
    key="riversidedaily.example", name="Riverside Daily", kind="newspaper", domains=("riversidedaily.example",)
)
WIRE = Outlet(key="contwire.example", name="Continental Wire", kind="wire", domains=("contwire.example",))

Q_FERRY = "We will not cut a single ferry route while I sit on this board."
Q_BUDGET = "The budget for the harbour has been frozen since the storm of last winter."
Q_DREDGE = "Dredging the channel is the only way to keep the cargo ships coming."
SPEAKER = "Ines Marlow"

GAZETTE_URL = "https://harborgazette.example/2026/03/02/harbour-board/"
DAILY_URL = "https://riversidedaily.example/news/harbour-board-vote"
WIRE_URL = "https://contwire.example/story/harbour-board"


def story(
    outlet: Outlet,
    url: str,
    paragraphs: list[str],
    *,
    published: str,
    fetched_at: str,
    credits: list[tuple[Outlet, str, str]] = (),
) -> Analysis:
    """An analysed article: every '"..."' in the paragraphs is a quotation by SPEAKER; credits are story-level."""
    text = "\n".join(paragraphs)
    quotations = []
    for quote in (Q_FERRY, Q_BUDGET, Q_DREDGE):
        if f'"{quote}"' in text:
            start = text.index(quote)
            quotations.append(Quotation(
                text=quote, start=start, end=start + len(quote), speaker="Marlow", speaker_name=SPEAKER,
                cue="said", paragraph=text[:start].count("\n"),
            ))
    quotations.sort(key=lambda quote: quote.start)
    found = []
    for credited, kind, cue in credits:
        start = text.index(credited.name)
        found.append(Credit(
            outlet=credited, kind=kind, cue=cue, sentence=text[text.rfind("\n", 0, start) + 1:],
            start=start, end=start + len(credited.name),
        ))
    article = Article(
        url=url, text=text, title="Harbour board", published=published, fetched_at=fetched_at, source="fetch"
    )
    return Analysis(article=article, outlet=outlet, quotations=quotations, credits=found, fingerprints=[])


def save(db: sqlite_utils.Database, analysis: Analysis) -> int:
    """Save and trace like a crawl run does; the article id."""
    saved = save_analysis(db, analysis)
    assert saved is not None
    update_after_import(db)
    return saved.article_id


def occurrence(db: sqlite_utils.Database, article_id: int, quote: str) -> dict:
    """The one occurrence of `quote` in the article, with its lineage row and cluster."""
    rows = list(db.query(
        """select o.*, l.source_article_id, l.source_occurrence_id, l.evidence, l.reason,
        q.origin_article_id, q.origin_kind, q.first_seen as quote_first_seen, q.article_count
        from quote_occurrences o left join lineage l on l.occurrence_id = o.id
        left join quotes q on q.id = o.quote_id where o.article_id = ? and o.text = ?""",
        [article_id, quote],
    ))
    assert len(rows) == 1, rows
    return rows[0]


INTRO = "The harbour board met on Monday to weigh the ferry timetable."


def test_quote_added_later_is_dated_by_the_version_that_added_it(memory_db: sqlite_utils.Database) -> None:
    gazette_v1 = [INTRO, f'"{Q_BUDGET}" Marlow said.']
    gazette = save(memory_db, story(GAZETTE, GAZETTE_URL, gazette_v1, published="2026-03-02T09:00:00Z",
                                    fetched_at="2026-03-02T09:05:00Z"))
    daily = save(memory_db, story(DAILY, DAILY_URL, [f'"{Q_FERRY}" Marlow told the Daily.'],
                                  published="2026-03-02T12:00:00Z", fetched_at="2026-03-02T12:10:00Z"))
    budget_before = occurrence(memory_db, gazette, Q_BUDGET)
    # the next morning's re-fetch finds the ferry quote added to the Gazette's story, uncredited
    save(memory_db, story(GAZETTE, GAZETTE_URL, [*gazette_v1, f'"{Q_FERRY}" she added.'],
                          published="2026-03-02T09:00:00Z", fetched_at="2026-03-03T08:00:00Z"))

    added = occurrence(memory_db, gazette, Q_FERRY)
    assert (added["seen_at"], added["withdrawn_at"], added["version"]) == ("2026-03-03T08:00:00Z", None, 2)
    assert (added["origin_article_id"], added["origin_kind"]) == (daily, "exclusive")
    assert (added["source_article_id"], added["evidence"]) == (daily, "earlier")
    assert added["quote_first_seen"] == "2026-03-02T12:00:00Z"
    assert occurrence(memory_db, daily, Q_FERRY)["evidence"] == "origin"
    # the wording the first version printed survives the edit: same row, same cluster, undated
    budget = occurrence(memory_db, gazette, Q_BUDGET)
    assert (budget["id"], budget["quote_id"], budget["seen_at"], budget["version"]) == (
        budget_before["id"], budget_before["quote_id"], None, 2,
    )
    text = memory_db["articles"].get(gazette)["text"]
    assert text[budget["start"]:budget["end"]] == Q_BUDGET
    assert memory_db["articles"].get(gazette)["version"] == 2


def test_quote_variants_dates_a_wording_by_the_version_that_added_it(memory_db: sqlite_utils.Database) -> None:
    gazette_v1 = [INTRO, f'"{Q_BUDGET}" Marlow said.']
    save(memory_db, story(GAZETTE, GAZETTE_URL, gazette_v1, published="2026-03-02T09:00:00Z",
                          fetched_at="2026-03-02T09:05:00Z"))
    save(memory_db, story(DAILY, DAILY_URL, [f'"{Q_FERRY}" Marlow told the Daily.'],
                          published="2026-03-02T12:00:00Z", fetched_at="2026-03-02T12:10:00Z"))
    save(memory_db, story(GAZETTE, GAZETTE_URL, [*gazette_v1, f'"{Q_FERRY}" she added.'],
                          published="2026-03-02T09:00:00Z", fetched_at="2026-03-03T08:00:00Z"))
    [row] = memory_db.query("select first_printed, articles from quote_variants where wording = ?", [Q_FERRY])
    # the Gazette's story dates from 09:00, but it printed the ferry quote only from the next day
    assert (row["first_printed"], row["articles"]) == ("2026-03-02T12:00:00Z", 2)
    quote_id = memory_db.execute("select quote_id from quote_occurrences where text = ?", [Q_FERRY]).fetchone()[0]
    canned = METADATA["databases"]["provenance"]["queries"]["variants_of_a_quote"]["sql"]
    [variant] = memory_db.query(canned, {"quote_id": quote_id})
    assert variant["first_printed_at"] == "2026-03-02T12:00:00Z"


def test_removed_quote_is_kept_withdrawn_and_stays_a_source(memory_db: sqlite_utils.Database) -> None:
    gazette_v1 = [INTRO, f'"{Q_DREDGE}" Marlow said.', f'"{Q_BUDGET}" she added.']
    gazette = save(memory_db, story(GAZETTE, GAZETTE_URL, gazette_v1, published="2026-03-02T09:00:00Z",
                                    fetched_at="2026-03-02T09:05:00Z"))
    daily = save(memory_db, story(
        DAILY, DAILY_URL, [f'"{Q_DREDGE}" Marlow said, according to The Harbor Gazette.'],
        published="2026-03-02T11:00:00Z", fetched_at="2026-03-02T11:30:00Z",
        credits=[(GAZETTE, "according_to", "according to")],
    ))
    # the Gazette edits the dredging quote away in the afternoon
    save(memory_db, story(GAZETTE, GAZETTE_URL, [INTRO, f'"{Q_BUDGET}" Marlow said.'],
                          published="2026-03-02T09:00:00Z", fetched_at="2026-03-02T14:00:00Z"))

    withdrawn = occurrence(memory_db, gazette, Q_DREDGE)
    assert (withdrawn["seen_at"], withdrawn["withdrawn_at"], withdrawn["version"]) == (None, "2026-03-02T14:00:00Z", 1)
    old_text = memory_db.execute(
        "select text from article_versions where article_id = ? and version = 1", [gazette]
    ).fetchone()[0]
    assert old_text[withdrawn["start"]:withdrawn["end"]] == Q_DREDGE
    assert (withdrawn["article_count"], withdrawn["origin_article_id"], withdrawn["origin_kind"]) == (
        2, gazette, "exclusive",
    )
    assert withdrawn["evidence"] == "origin"
    copy = occurrence(memory_db, daily, Q_DREDGE)
    assert (copy["source_article_id"], copy["source_occurrence_id"], copy["evidence"]) == (
        gazette, withdrawn["id"], "credit",
    )
    assert "2026-03-02 09:00 UTC; withdrawn 2026-03-02 14:00 UTC" in copy["reason"]
    kept = occurrence(memory_db, gazette, Q_BUDGET)
    assert (kept["withdrawn_at"], kept["version"]) == (None, 2)
    assert memory_db["articles"].get(gazette)["text"][kept["start"]:kept["end"]] == Q_BUDGET
    # tracing everything again from scratch finds the same lineage as the incremental runs
    lineage = (
        "select o.text, o.article_id, l.source_article_id, l.evidence from lineage l "
        "join quote_occurrences o on o.id = l.occurrence_id order by 1, 2"
    )
    incremental = memory_db.execute(lineage).fetchall()
    rebuild_clusters(memory_db)
    trace_all(memory_db)
    assert memory_db.execute(lineage).fetchall() == incremental


def test_credit_added_later_covers_the_quotes_still_printed(memory_db: sqlite_utils.Database) -> None:
    save(memory_db, story(WIRE, WIRE_URL, [f'"{Q_FERRY}" Marlow said.', f'"{Q_DREDGE}" she said.'],
                          published="2026-03-02T08:00:00Z", fetched_at="2026-03-02T08:05:00Z"))
    wire = memory_db.execute("select id from articles where url = ?", [WIRE_URL]).fetchone()[0]
    gazette = save(memory_db, story(GAZETTE, GAZETTE_URL, [f'"{Q_FERRY}" Marlow said.', f'"{Q_DREDGE}" she said.'],
                                    published="2026-03-02T09:00:00Z", fetched_at="2026-03-02T09:05:00Z"))
    # after a complaint the Gazette credits the wire, and drops the dredging quote
    save(memory_db, story(
        GAZETTE, GAZETTE_URL, [f'"{Q_FERRY}" Marlow said, as first reported by Continental Wire.'],
        published="2026-03-02T09:00:00Z", fetched_at="2026-03-02T15:00:00Z",
        credits=[(WIRE, "reported_by", "first reported by")],
    ))

    credit = memory_db.execute(
        "select seen_at, withdrawn_at, version from credits where article_id = ?", [gazette]
    ).fetchall()
    assert credit == [("2026-03-02T15:00:00Z", None, 2)]
    ferry = occurrence(memory_db, gazette, Q_FERRY)
    assert (ferry["seen_at"], ferry["source_article_id"], ferry["evidence"]) == (None, wire, "credit")
    assert (
        "(added in the version fetched 2026-03-02 15:00 UTC; the last version printing a quote gives its credits)"
        in ferry["reason"]
    )
    assert (ferry["origin_article_id"], ferry["origin_kind"]) == (wire, "wire")
    dredge = occurrence(memory_db, gazette, Q_DREDGE)
    assert dredge["withdrawn_at"] == "2026-03-02T15:00:00Z"
    assert dredge["evidence"] != "credit"
    assert "reported_by credit to Continental Wire, not in the last version printing the quote" in dredge["reason"]


def test_quote_edited_away_keeps_the_credits_of_its_last_version(memory_db: sqlite_utils.Database) -> None:
    save(memory_db, story(WIRE, WIRE_URL, [f'"{Q_DREDGE}" Marlow said.'],
                          published="2026-03-02T08:00:00Z", fetched_at="2026-03-02T08:05:00Z"))
    wire = memory_db.execute("select id from articles where url = ?", [WIRE_URL]).fetchone()[0]
    gazette = save(memory_db, story(
        GAZETTE, GAZETTE_URL, [f'"{Q_DREDGE}" Marlow said, as first reported by Continental Wire.', f'"{Q_BUDGET}"'],
        published="2026-03-02T09:00:00Z", fetched_at="2026-03-02T09:05:00Z",
        credits=[(WIRE, "reported_by", "first reported by")],
    ))
    # the afternoon version drops the wire's quote and its credit together
    save(memory_db, story(GAZETTE, GAZETTE_URL, [INTRO, f'"{Q_BUDGET}"'],
                          published="2026-03-02T09:00:00Z", fetched_at="2026-03-02T15:00:00Z"))

    credit = memory_db.execute(
        "select seen_at, withdrawn_at, version from credits where article_id = ?", [gazette]
    ).fetchall()
    assert credit == [(None, "2026-03-02T15:00:00Z", 1)]
    dredge = occurrence(memory_db, gazette, Q_DREDGE)
    assert (dredge["withdrawn_at"], dredge["source_article_id"], dredge["evidence"]) == (
        "2026-03-02T15:00:00Z", wire, "credit",
    )
    # a later edit keeps the withdrawn credit: it still covers the printing it was last printed with
    save(memory_db, story(GAZETTE, GAZETTE_URL, [INTRO, f'"{Q_BUDGET}" Marlow said.'],
                          published="2026-03-02T09:00:00Z", fetched_at="2026-03-02T18:00:00Z"))
    assert memory_db["credits"].count == 1
    assert occurrence(memory_db, gazette, Q_DREDGE)["evidence"] == "credit"


def test_same_text_again_changes_nothing(memory_db: sqlite_utils.Database) -> None:
    paragraphs = [INTRO, f'"{Q_FERRY}" Marlow said, according to Continental Wire.']
    first = story(GAZETTE, GAZETTE_URL, paragraphs, published="2026-03-02T09:00:00Z",
                  fetched_at="2026-03-02T09:05:00Z", credits=[(WIRE, "according_to", "according to")])
    save(memory_db, first)
    tables = ("articles", "article_versions", "quote_occurrences", "credits", "credit_occurrences", "lineage", "quotes")
    before = {table: list(memory_db[table].rows) for table in tables}
    again = story(GAZETTE, GAZETTE_URL, paragraphs, published="2026-03-02T09:00:00Z",
                  fetched_at="2026-03-02T18:00:00Z", credits=[(WIRE, "according_to", "according to")])
    assert save_analysis(memory_db, again) is None
    update_after_import(memory_db)
    assert {table: list(memory_db[table].rows) for table in tables} == before


T15, T16 = "2026-03-02T15:00:00Z", "2026-03-02T16:00:00Z"
# (printing seen, withdrawn), (credit seen, withdrawn), covered: the last version printing the quote gives its credits
COVERED_BY = [
    ((None, None), (None, None), True),  # both in every version
    ((None, None), (T15, None), True),  # credit added, quote still printed
    ((None, T15), (T15, None), False),  # quote dropped by the version that added the credit
    ((None, T16), (T15, None), True),  # the 15:00 version carried both, the quote went at 16:00
    ((T15, None), (None, T15), False),  # credit dropped by the version that added the quote
    ((T15, None), (None, None), True),  # quote added under a standing credit
    ((None, None), (None, T15), False),  # credit removed while the quote stays printed
    ((None, T15), (None, T15), True),  # credit and quote removed together
    ((None, T16), (None, T15), False),  # credit removed an edit before the quote
]


@pytest.mark.parametrize(("printing", "credit", "covered"), COVERED_BY)
def test_the_last_version_printing_a_quote_gives_its_credits(printing: tuple, credit: tuple, covered: bool) -> None:
    carrier = Carrier(1, 1, parse_time("2026-03-02T09:00:00Z"), [(7, 0, "words", 1)], live={7: printing})
    assert carrier.covered_by(*credit) is covered


def test_a_version_3_database_gets_versions_for_its_rows(db_path) -> None:
    from db.migrations import m0001_initial, m0002_cheaper_indexes, m0003_crawl_frontier

    database = sqlite_utils.Database(db_path)
    database["schema_migrations"].create({"version": int, "description": str, "applied_at": str}, pk="version")
    for module in (m0001_initial, m0002_cheaper_indexes, m0003_crawl_frontier):
        module.apply(database)
        database["schema_migrations"].insert({"version": module.VERSION, "description": "", "applied_at": "2026-11-01"})
    outlet = database["outlets"].insert({"key": "harborgazette.example", "name": "The Harbor Gazette"}).last_pk
    article = database["articles"].insert(
        {"url": GAZETTE_URL, "outlet_id": outlet, "text": f'"{Q_FERRY}"', "first_seen": "2026-03-02", "version": 3}
    ).last_pk
    database["quote_occurrences"].insert({"article_id": article, "text": Q_FERRY, "start": 1, "end": 1 + len(Q_FERRY)})
    database["credits"].insert({"article_id": article, "outlet_id": outlet, "kind": "byline"})
    assert ensure_db_shape(database) == [module.VERSION for module in MIGRATIONS if module.VERSION >= 4]
    assert database.execute("select seen_at, withdrawn_at, version from quote_occurrences").fetchall() == [(None, None, 3)]
    assert database.execute("select seen_at, withdrawn_at, version from credits").fetchall() == [(None, None, 3)]
    unique = {tuple(index.columns) for index in database["quote_occurrences"].indexes if index.unique}
    assert unique == {("article_id", "version", "start")}


def test_a_withdrawn_printing_is_read_in_the_version_that_printed_it(memory_db: sqlite_utils.Database) -> None:
    # The lead's story credit to the wire does not take words the first version said were told to a
    # radio host; that sentence is gone from the current text, so it must be read in version 1.
    lead = "According to Continental Wire, the harbour board met on Monday to weigh the ferry timetable."
    told = f'Marlow told radio host Lena Voss on Sunday: "{Q_DREDGE}"'
    first = story(GAZETTE, GAZETTE_URL, [lead, told, f'"{Q_BUDGET}" Marlow said.'],
                  published="2026-03-02T09:00:00Z", fetched_at="2026-03-02T09:05:00Z",
                  credits=[(WIRE, "according_to", "According to")])
    gazette = save(memory_db, first)
    assert occurrence(memory_db, gazette, Q_DREDGE)["evidence"] == "origin"
    second = story(GAZETTE, GAZETTE_URL, [lead, INTRO + " " + INTRO, f'"{Q_BUDGET}" Marlow said.'],
                   published="2026-03-02T09:00:00Z", fetched_at="2026-03-02T14:00:00Z",
                   credits=[(WIRE, "according_to", "According to")])
    save(memory_db, second)
    dredge = occurrence(memory_db, gazette, Q_DREDGE)
    assert (dredge["withdrawn_at"], dredge["version"]) == ("2026-03-02T14:00:00Z", 1)
    assert dredge["evidence"] == "origin"
    assert "the article had the quote elsewhere (words told to another listener" in dredge["reason"]
    assert occurrence(memory_db, gazette, Q_BUDGET)["evidence"] == "credit"  # the credit still takes the rest
