"""The registry files a database was given, where each registry outlet came from, and the searches for unmet ones."""

from __future__ import annotations

import sqlite_utils

VERSION = 19
DESCRIPTION = (
    "registry_files: the user's registry files the last run was given (name, path, text), read by a run given none; "
    "outlets.registry: the file a registry outlet comes from ('built-in' or a file's name), filled by the next run; "
    "registry_searches: the outlets of those files no article has met, with what they were last searched for; "
    "articles.outlet_given: the outlet an import record named, '' for none, null for an article saved before"
)


def apply(db: sqlite_utils.Database) -> None:
    """Add the tables, empty, and the columns, null: a database saved before knows no files of its own, nor the
    outlet its import records named.

    Kept if already there, as a database made to look older (its later migrations unrecorded) runs it again.
    """
    db.execute(
        "create table if not exists registry_files ("
        "position integer primary key, name text not null, path text, text text not null, digest text not null, "
        "given_at text)"
    )
    db.execute(
        "create table if not exists registry_searches ("
        "key text primary key, signature text not null, searched_to integer not null, searched_at text)"
    )
    if "registry" not in db["outlets"].columns_dict:
        db.execute("alter table outlets add column registry text")
    if "outlet_given" not in db["articles"].columns_dict:
        db.execute("alter table articles add column outlet_given text")
