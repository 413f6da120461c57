"""Apply metadata.yml's documentation of the `provenance` database to any provenance database.

metadata.yml documents the database under the name `provenance` (provenance.db). A database
file with another name (news.db, sample.db) holds the same tables, so at startup its entry is
filled from that one, unless metadata.yml already has an entry of its own for it.

Datasette shows a canned query's own metadata, not its database's, in the page's header and
footer, so a canned query is given the licence, source and about link it would inherit.
"""

from __future__ import annotations

import copy
import logging
from typing import TYPE_CHECKING

from provenance.web.pages import FOOTER_KEYS, find_provenance_databases

if TYPE_CHECKING:
    from datasette.app import Datasette

LOGGER = logging.getLogger(__name__)

TEMPLATE_DATABASE = "provenance"


async def mirror_metadata(datasette: Datasette) -> list[str]:
    """Copy the `provenance` database's metadata to other provenance databases; their names."""
    # Datasette 0.65 keeps the loaded metadata in this dict; 1.0 would use set_*_metadata().
    local = getattr(datasette, "_metadata_local", None)
    if not isinstance(local, dict):
        LOGGER.info("this Datasette keeps metadata elsewhere; not mirroring")
        return []
    databases = local.get("databases") or {}
    template = databases.get(TEMPLATE_DATABASE)
    if not template:
        return []
    mirrored = []
    for name in await find_provenance_databases(datasette):
        if name not in databases:
            databases[name] = copy.deepcopy(template)
            mirrored.append(name)
    if mirrored:
        local["databases"] = databases
        LOGGER.info("documented %s with the metadata of %s", ", ".join(mirrored), TEMPLATE_DATABASE)
    return mirrored


def sign_canned_queries(datasette: Datasette) -> list[str]:
    """Give every canned query the licence, source and about link of its database; the queries signed."""
    local = getattr(datasette, "_metadata_local", None)
    if not isinstance(local, dict):
        return []
    signed = []
    for name, entry in (local.get("databases") or {}).items():
        inherited = {key: datasette.metadata(key, database=name) for key in FOOTER_KEYS}
        for query_name, query in (entry.get("queries") or {}).items():
            if not isinstance(query, dict):  # a bare SQL string: Datasette turns it into a dict per request
                query = entry["queries"][query_name] = {"sql": query}
            for key, value in inherited.items():
                if value and not query.get(key):
                    query[key] = value
            signed.append(f"{name}/{query_name}")
    return signed
