"""PROV-JSON export: valid for the prov package, with the lineage's relations."""

from __future__ import annotations

import json

import pytest
from prov.model import ProvDocument

from provenance.prov_export import export_quote_prov
from tests.lineage_story import Q3, Q3_FRAGMENT, QUOTE, Q5, small_db


def quote_id_of(db, text: str) -> int:
    return db.execute("select quote_id from quote_occurrences where text = ?", [text]).fetchone()[0]


def relations(document: dict, kind: str, first: str, second: str) -> set[tuple]:
    """(first, second, prov:type) of every relation of one kind."""
    found = set()
    for record in document.get(kind, {}).values():
        records = record if isinstance(record, list) else [record]
        for item in records:
            relation_type = item.get("prov:type", {})
            found.add((item[first], item[second], relation_type.get("$") if isinstance(relation_type, dict) else None))
    return found


def without_blank_ids(document: dict) -> dict:
    """The document with relations as sorted lists (blank-node ids are renumbered on re-serialising)."""
    result = {}
    for kind, records in document.items():
        if all(key.startswith("_:") for key in records):
            values = []
            for value in records.values():
                values.extend(value if isinstance(value, list) else [value])
            result[kind] = sorted(json.dumps(value, sort_keys=True) for value in values)
        else:
            result[kind] = records
    return result


def test_every_story_quote_round_trips_through_the_prov_package(story):
    db, _ = story
    quote_ids = [quote_id for (quote_id,) in db.execute("select id from quotes").fetchall()]
    assert len(quote_ids) > 1  # the story has quotes to export: the loop below checks each
    for quote_id in quote_ids:
        document = export_quote_prov(db, quote_id)
        parsed = ProvDocument.deserialize(content=json.dumps(document), format="json")
        assert without_blank_ids(json.loads(parsed.serialize(format="json"))) == without_blank_ids(document)
        occurrences = db.execute("select count(*) from quote_occurrences where quote_id = ?", [quote_id]).fetchone()[0]
        assert len([key for key in document["entity"] if key.startswith("occ:")]) == occurrences


def test_lineage_relations_of_the_lease_quote(story):
    db, ids = story
    quote_id = quote_id_of(db, Q3)
    document = export_quote_prov(db, quote_id)
    occ = {name: f"occ:{ids[(name, wording)]}" for name, wording in [
        ("A1", Q3), ("A2", Q3), ("A3", Q3), ("A4", Q3), ("A6", Q3_FRAGMENT), ("A13", Q3_FRAGMENT)
    ]}
    art = {name: f"article:{ids[name]}" for name in ("A1", "A2", "A3", "A4", "A6", "A13")}
    derived = relations(document, "wasDerivedFrom", "prov:generatedEntity", "prov:usedEntity")
    assert {(occ["A13"], occ["A2"], "prov:Quotation"), (occ["A6"], occ["A4"], "prov:Quotation"),
            (occ["A3"], occ["A2"], "prov:Quotation"), (occ["A2"], occ["A1"], "prov:Quotation")} <= derived
    assert {(occ[name], occ["A1"], "prov:PrimarySource") for name in ("A2", "A3", "A4", "A6", "A13")} <= derived
    assert (f"quote:{quote_id}", occ["A1"], "prov:PrimarySource") in derived
    # copy credits: the reprints' texts derive from the wire story
    assert {(art["A3"], art["A2"], None), (art["A4"], art["A2"], None)} == {
        item for item in derived if item[0].startswith("article:")
    }
    attributed = relations(document, "wasAttributedTo", "prov:entity", "prov:agent")
    assert (f"quote:{quote_id}", "person:dana-whitfield", None) in attributed
    assert (occ["A1"], "person:dana-whitfield", None) in attributed
    assert (art["A2"], f"outlet:{ids['cp']}", None) in attributed
    assert document["agent"][f"outlet:{ids['cp']}"]["pq:outletKind"] == "wire"
    assert document["entity"][occ["A6"]]["pq:drift"] == "excerpt: words 8-11 of 11"
    members = relations(document, "hadMember", "prov:collection", "prov:entity")
    assert (art["A13"], occ["A13"], None) in members


def test_public_statement_has_several_first_hand_occurrences(story):
    db, ids = story
    document = export_quote_prov(db, quote_id_of(db, Q5))
    attributed = relations(document, "wasAttributedTo", "prov:entity", "prov:agent")
    heard = {entity for entity, agent, _ in attributed if agent == "person:marcus-oyelaran" and entity.startswith("occ:")}
    assert len(heard) == 3
    assert document["entity"][f"quote:{quote_id_of(db, Q5)}"]["pq:originKind"] == "public_statement"


def test_credit_to_an_uncrawled_outlet_becomes_an_uncrawled_article(memory_db):
    ids = small_db(
        memory_db,
        [
            ("a1", "alpha", "newspaper", "2026-05-01T09:00:00Z", "minute", QUOTE),
            ("b1", "beta", "newspaper", "2026-05-01T10:00:00Z", "minute", QUOTE),
        ],
        credits=[("a1", "gamma", "according_to")],
    )
    quote_id = memory_db.execute("select id from quotes").fetchone()[0]
    document = export_quote_prov(memory_db, quote_id)
    gamma = ids[("outlet", "gamma")]
    uncrawled = f"uncrawled:{quote_id}-{gamma}"
    assert document["entity"][uncrawled]["prov:label"] == "Gamma's article (not crawled)"
    derived = relations(document, "wasDerivedFrom", "prov:generatedEntity", "prov:usedEntity")
    a1, b1 = f"occ:{ids[('a1', 'occ')]}", f"occ:{ids[('b1', 'occ')]}"
    assert derived == {
        (a1, uncrawled, "prov:Quotation"), (a1, uncrawled, "prov:PrimarySource"),
        (b1, a1, "prov:Quotation"), (b1, uncrawled, "prov:PrimarySource"),
        (f"quote:{quote_id}", uncrawled, "prov:PrimarySource"),
    }
    assert (uncrawled, f"outlet:{gamma}", None) in relations(document, "wasAttributedTo", "prov:entity", "prov:agent")
    ProvDocument.deserialize(content=json.dumps(document), format="json")


def test_an_article_without_a_publication_time_exports_only_when_it_was_first_seen(memory_db):
    ids = small_db(memory_db, [("a1", "alpha", "newspaper", "2026-05-01T09:00:00Z", "minute", QUOTE)])
    memory_db["articles"].update(ids["a1"], {"published": None})
    quote_id = memory_db.execute("select id from quotes").fetchone()[0]
    article = export_quote_prov(memory_db, quote_id)["entity"][f"article:{ids['a1']}"]
    assert "pq:published" not in article
    assert article["pq:firstSeen"] == "2026-05-01T00:00:00Z"
    memory_db["articles"].update(ids["a1"], {"published": "2026-05-01T09:00:00Z"})
    article = export_quote_prov(memory_db, quote_id)["entity"][f"article:{ids['a1']}"]
    assert article["pq:published"] == "2026-05-01T09:00:00Z"


def test_unknown_quote_is_a_clear_error(memory_db):
    with pytest.raises(LookupError, match="no quote with id 42"):
        export_quote_prov(memory_db, 42)
