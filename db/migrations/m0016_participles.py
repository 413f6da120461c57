"""The normalisation version a database's wordings were made with, "'s" before a participle read as "has"."""

from __future__ import annotations

import sqlite_utils

from db.migrations.m0014_contractions import normalised_before
from provenance.normalize import NORMALIZATION_VERSION
from provenance.times import utc_now

VERSION = 16
DESCRIPTION = (
    "code_versions: the version of the code the stored rows were made with, one row per stage; 'normalization' "
    "is the NORMALIZATION_VERSION of the stored normalised wordings and the clusters made from them, and another "
    "one has the next import, crawl or trace trace the whole database again. Normalisation now reads \"'s\" before "
    "a past participle as \"has\" where that is the reading (\"that's happened\", \"he's made a mistake\") and \"'d\" "
    "before a regular one as \"had\" (\"I'd decided\"): a database whose stored wordings were normalised "
    "otherwise is recorded at version 0"
)
PARTICIPLES_VERSION = 3  # NORMALIZATION_VERSION when this migration came: the wordings it vouches for


def apply(db: sqlite_utils.Database) -> None:
    """Add the table and record the normalisation the stored wordings were made with.

    With nothing clustered, nothing stored is normalised: the current version. Else migration 14's
    check, run again (a database migration 14 left, or traced since by the code before this one,
    holds wordings normalised the old way, and migration 14 does not run twice): a wording that
    normalises otherwise now records version 0, so the next update traces the whole database
    (`pipeline.full_trace_due`), as does a trace already due (no check then: it is done anyway).
    """
    db["code_versions"].create({"name": str, "version": int, "recorded_at": str}, pk="name")
    clustered = db.execute("select exists(select 1 from quote_occurrences where quote_id is not null)").fetchone()[0]
    last = db.execute("select status from runs where command = 'trace' order by id desc limit 1").fetchone()
    if not clustered:
        version = NORMALIZATION_VERSION
    elif (last is not None and last[0] != "ok") or normalised_before(db):
        version = 0
    else:
        version = PARTICIPLES_VERSION
    db["code_versions"].insert({"name": "normalization", "version": version, "recorded_at": utc_now()})
