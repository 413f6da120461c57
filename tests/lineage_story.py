"""The sample story as analysed rows (outlets, articles, quotes, credits, links) and its true lineage.

Shared by the lineage, clustering, views and PROV export tests; the `story` fixture is in conftest.py.
"""

from __future__ import annotations

import sqlite_utils

from provenance.clustering import assign_occurrences
from provenance.lineage import trace_quotes

Q1 = "We cannot keep pouring public money into a terminal that loses two million dollars every month."
Q1_ALTERED = "We can't keep pouring public money into a terminal that loses $2 million every month."
Q2 = "The sale is the only honest option left on the table, and I will defend it in front of anyone."
Q2_SHORT = "The sale is the only honest option left ... and I will defend it in front of anyone."
Q2_ALTERED = "The sale is the only honest option left on the table, and I will defend it before anyone."
Q3 = "The existing lease with the operator is dead in the water."
Q3_FRAGMENT = "dead in the water"
Q4 = "Nobody asked the people who actually work on these docks what they think of this sale."
Q5 = "I learned about this proposal from the newspaper, like everybody else in this city."
Q5_VARIANT = "I learned about this proposal from the newspaper, like everyone else in this city."
Q6 = "No public asset will be sold while I am mayor without a vote of the council."
Q7 = "I have nothing to add to what I said yesterday, and nothing to take back."

WHITFIELD, RAMAN, OYELARAN = "Dana Whitfield", "Priya Raman", "Marcus Oyelaran"
SPEAKERS = {
    Q1: WHITFIELD, Q1_ALTERED: WHITFIELD, Q2: WHITFIELD, Q2_SHORT: WHITFIELD, Q2_ALTERED: WHITFIELD,
    Q3: WHITFIELD, Q3_FRAGMENT: None, Q4: RAMAN, Q5: OYELARAN, Q5_VARIANT: OYELARAN, Q6: OYELARAN,
    Q7: WHITFIELD,
}

OUTLETS = {
    "ledger": ("The Meridian Ledger", "newspaper", "meridianledger.example"),
    "cp": ("Continental Press", "wire", "cpress.example"),
    "herald": ("Valley Herald", "newspaper", "valleyherald.example"),
    "gazette": ("The Northern Gazette", "newspaper", "northerngazette.example"),
    "pulse": ("NewsPulse", "aggregator", "newspulse.example"),
    "buzz": ("DailyBuzz", "aggregator", "dailybuzz.example"),
    "policy": ("Policy Watch", "blog", "policywatch.example"),
    "courier": ("The Bay Courier", "newspaper", "baycourier.example"),
    "sentinel": ("The Riverside Sentinel", "newspaper", "riversidesentinel.example"),
    "tribune": ("Harborton Tribune", "newspaper", "harbortontribune.example"),
    "ch7": ("Channel 7 Harborton", "broadcaster", "ch7harborton.example"),
    "coastal": ("Coastal Public Radio", "broadcaster", "coastalradio.example"),
}

# name: (outlet, time key, precision, quotes)
ARTICLES = {
    "A1": ("ledger", "2026-03-02T06:00:00+00:00", "minute", [Q1, Q2, Q3]),
    "A2": ("cp", "2026-03-02T08:30:00+00:00", "minute", [Q1, Q2, Q3, Q4]),
    "A3": ("herald", "2026-03-02T09:15:00+00:00", "minute", [Q1, Q2, Q3, Q4]),
    "A4": ("gazette", "2026-03-02T10:05:00+00:00", "minute", [Q1, Q2, Q3, Q4]),
    "A5": ("pulse", "2026-03-02T10:40:00+00:00", "minute", [Q1, Q2_SHORT]),
    "A6": ("buzz", "2026-03-02T11:20:00+00:00", "minute", [Q1_ALTERED, Q2_SHORT, Q3_FRAGMENT]),
    "A7": ("policy", "2026-03-02", "date", [Q2]),
    "A8": ("courier", "2026-03-02T12:30:00+00:00", "minute", [Q2_ALTERED]),
    "A13": ("sentinel", "2026-03-02T13:00:00+00:00", "minute", [Q4, Q3_FRAGMENT]),
    "A9": ("tribune", "2026-03-02T15:10:00+00:00", "minute", [Q5, Q6]),
    "A10": ("ch7", "2026-03-02T15:30:00+00:00", "minute", [Q5_VARIANT, Q6]),
    "A11": ("coastal", "2026-03-02T16:00:00+00:00", "minute", [Q5, Q6]),
    "A12": ("ledger", "2026-03-03T07:00:00+00:00", "minute", [Q1, Q7]),
}

# (article, credited outlet, kind, cue, scope, is_copy, via, quote it is scoped to)
CREDITS = [
    ("A2", "ledger", "according_to", "according to", "story", 0, None, None),
    ("A2", "ledger", "told", "told", "quote", 0, None, Q1),
    ("A3", "cp", "dateline", "HARBORTON (CP) —", "story", 1, None, None),
    ("A3", "cp", "copyright", "Copyright 2026 Continental Press", "story", 1, None, None),
    ("A3", "ledger", "according_to", "according to", "story", 0, None, None),
    ("A3", "ledger", "told", "told", "quote", 0, None, Q1),
    ("A4", "cp", "byline", "By Continental Press staff", "story", 1, None, None),
    ("A4", "ledger", "according_to", "according to", "story", 0, None, None),
    ("A4", "ledger", "told", "told", "quote", 0, None, Q1),
    ("A5", "ledger", "according_to", "according to", "story", 0, None, None),
    ("A7", "ledger", "link", "reported this morning", "story", 0, None, None),
    ("A8", "ledger", "told", "told the Ledger", "quote", 0, None, Q2_ALTERED),
    ("A13", "ledger", "reported_by", "first reported by", "story", 0, "cp", None),
    ("A13", "cp", "per", "per", "story", 0, None, None),
    ("A13", "cp", "told", "told", "quote", 0, None, Q4),
    ("A9", "ledger", "reported_by", "first reported by", "story", 0, None, None),
    ("A9", "ledger", "link", "first reported by The Meridian Ledger", "story", 0, None, None),
]
# the Tribune links its credit to the Ledger's article, which does not print the mayor's words: the
# Ledger's telling of the story is here, so the credit is no source of them
LINKS = [("A7", "A1", "reported this morning"), ("A9", "A1", "first reported by The Meridian Ledger")]

# occurrence (article, wording) -> (source article or outlet key, evidence)
TRUE_LINEAGE = {
    ("A1", Q1): (None, "origin"), ("A1", Q2): (None, "origin"), ("A1", Q3): (None, "origin"),
    ("A2", Q1): ("A1", "credit"), ("A2", Q2): ("A1", "credit"), ("A2", Q3): ("A1", "credit"),
    ("A2", Q4): (None, "origin"),
    ("A3", Q1): ("A2", "credit"), ("A3", Q2): ("A2", "credit"), ("A3", Q3): ("A2", "credit"),
    ("A3", Q4): ("A2", "credit"),
    ("A4", Q1): ("A2", "credit"), ("A4", Q2): ("A2", "credit"), ("A4", Q3): ("A2", "credit"),
    ("A4", Q4): ("A2", "credit"),
    ("A5", Q1): ("A1", "credit"), ("A5", Q2_SHORT): ("A1", "credit"),
    ("A6", Q2_SHORT): ("A5", "mutation"), ("A6", Q1_ALTERED): ("A5", "earlier"),
    ("A6", Q3_FRAGMENT): ("A4", "earlier"),
    ("A7", Q2): ("A1", "link"),
    ("A8", Q2_ALTERED): ("A1", "credit"),
    ("A13", Q4): ("A2", "credit"), ("A13", Q3_FRAGMENT): ("A2", "credit"),
    ("A9", Q5): (None, "origin"), ("A9", Q6): (None, "origin"),
    ("A10", Q5_VARIANT): (None, "origin"), ("A10", Q6): (None, "origin"),
    ("A11", Q5): (None, "origin"), ("A11", Q6): (None, "origin"),
    ("A12", Q1): ("A1", "earlier"), ("A12", Q7): (None, "origin"),
}
# cluster (canonical wording) -> (origin outlet, origin article, kind)
TRUE_ORIGINS = {
    Q1: ("ledger", "A1", "exclusive"),
    Q2: ("ledger", "A1", "exclusive"),
    Q3: ("ledger", "A1", "exclusive"),
    Q4: ("cp", "A2", "wire"),
    Q5: ("tribune", "A9", "public_statement"),
    Q6: ("tribune", "A9", "public_statement"),
    Q7: ("ledger", "A12", "exclusive"),
}


def insert_outlets(db: sqlite_utils.Database, ids: dict) -> None:
    """The story's outlets."""
    for key, (name, kind, domain) in OUTLETS.items():
        ids[key] = db["outlets"].insert(
            {"key": key, "name": name, "kind": kind, "domain": domain, "in_registry": 1}
        ).last_pk


def insert_article(db: sqlite_utils.Database, ids: dict, article: str) -> None:
    """One story article with its occurrences, credits and links, as the saver would write them."""
    outlet, time_key, precision, quotes = ARTICLES[article]
    text = " ".join(f"“{quote}”" for quote in quotes)
    url = f"https://{OUTLETS[outlet][2]}/{article.lower()}"
    ids[article] = db["articles"].insert(
        {
            "url": url,
            "outlet_id": ids[outlet],
            "published": time_key,
            "published_precision": precision,
            "first_seen": "2026-03-04T00:00:00+00:00",
            "time_key": time_key,
            "text": text,
        }
    ).last_pk
    for quote in quotes:
        start = text.index(quote)
        ids[(article, quote)] = db["quote_occurrences"].insert(
            {
                "article_id": ids[article],
                "text": quote,
                "speaker_name": SPEAKERS[quote],
                "kind": "fragment" if quote == Q3_FRAGMENT else "speech",
                "start": start,
                "end": start + len(quote),
            }
        ).last_pk
    for name, credited, kind, cue, scope, is_copy, via, quote in CREDITS:
        if name != article:
            continue
        credit_id = db["credits"].insert(
            {
                "article_id": ids[article], "outlet_id": ids[credited], "kind": kind, "cue": cue,
                "scope": scope, "is_copy": is_copy, "via_outlet_id": ids[via] if via else None,
            }
        ).last_pk
        if quote:
            db["credit_occurrences"].insert({"credit_id": credit_id, "occurrence_id": ids[(article, quote)]})
    for name, target, anchor in LINKS:
        if name == article:
            db["article_links"].insert(
                {
                    "article_id": ids[article], "url": f"https://meridianledger.example/{target.lower()}",
                    "anchor": anchor, "outlet_id": ids[ARTICLES[target][0]], "target_article_id": ids.get(target),
                }
            )
    # links saved earlier to this article's url now reach it
    db.execute("update article_links set target_article_id = ? where url = ? and target_article_id is null",
               [ids[article], url])


def build_story(db: sqlite_utils.Database) -> dict:
    """Insert the sample story's analysed rows; returns ids by outlet key, article name and (article, wording)."""
    ids: dict = {}
    insert_outlets(db, ids)
    for article in ARTICLES:
        insert_article(db, ids, article)
    return ids


QUOTE = "Harbour cranes will stand idle until the council agrees a fair price for the site."


def small_db(db, articles, credits=(), links=(), reuse=(), told=()):
    """Outlets a..z and articles (name, outlet key, kind, time, precision, wording) carrying variants of QUOTE.

    A wording may be a tuple of wordings, each printed in the article (`ids[(name, "occ")]` is the first's).
    `told` names the articles that say the quote was said to their own outlet.
    """
    ids = {}
    for name, outlet, kind, time_key, precision, wording in articles:
        if ("outlet", outlet) not in ids:
            ids[("outlet", outlet)] = db["outlets"].insert(
                {"key": outlet, "name": outlet.title(), "kind": kind}
            ).last_pk
        wordings = (wording,) if isinstance(wording, str) else wording
        ids[name] = db["articles"].insert(
            {
                "url": f"https://{outlet}.example/{name}", "outlet_id": ids[("outlet", outlet)],
                "text": " ".join(wordings), "first_seen": "2026-05-01T00:00:00Z", "time_key": time_key,
                "published": time_key, "published_precision": precision,
            }
        ).last_pk
        start = 0
        for printed in wordings:
            occurrence = db["quote_occurrences"].insert(
                {
                    "article_id": ids[name], "text": printed, "kind": "speech", "start": start, "end": start + len(printed),
                    "cue": "told the paper" if name in told else "said", "told_own_outlet": int(name in told),
                }
            ).last_pk
            ids.setdefault((name, "occ"), occurrence)
            start += len(printed) + 1
    for name, outlet, kind in credits:
        if ("outlet", outlet) not in ids:
            ids[("outlet", outlet)] = db["outlets"].insert(
                {"key": outlet, "name": outlet.title(), "kind": "newspaper"}
            ).last_pk
        db["credits"].insert(
            {"article_id": ids[name], "outlet_id": ids[("outlet", outlet)], "kind": kind, "scope": "story", "is_copy": 0}
        )
    for name, target in links:
        db["article_links"].insert(
            {"article_id": ids[name], "url": "https://x.example", "target_article_id": ids[target]}
        )
    for name, source, containment in reuse:
        db["article_reuse"].insert(
            {"article_id": ids[name], "source_article_id": ids[source], "containment": containment,
             "verdict": "wholly" if containment >= 0.82 else "partially"}
        )
    assign_occurrences(db)
    trace_quotes(db, None)
    return ids


def one_lineage(db, ids):
    """name -> (source name or outlet key, evidence)."""
    back = {value: key for key, value in ids.items() if isinstance(key, str)}
    outlets = {value: key[1] for key, value in ids.items() if key[0] == "outlet"}
    result = {}
    for row in db.query(
        "select a.url, l.* from lineage l join quote_occurrences o on o.id = l.occurrence_id"
        " join articles a on a.id = o.article_id"
    ):
        name = row["url"].rsplit("/", 1)[1]
        source = back.get(row["source_article_id"]) or outlets.get(row["source_outlet_id"])
        result[name] = (source, row["evidence"])
    return result


def origin_of(db, ids):
    """(origin outlet key, origin article name, origin kind) of the one cluster."""
    back = {value: key for key, value in ids.items() if isinstance(key, str)}
    outlets = {value: key[1] for key, value in ids.items() if key[0] == "outlet"}
    row = db.execute("select origin_outlet_id, origin_article_id, origin_kind from quotes").fetchone()
    return outlets.get(row[0]), back.get(row[1]), row[2]
