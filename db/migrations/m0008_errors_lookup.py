"""An index on errors by source and item: an import or merge asks whether a failure is already recorded."""

from __future__ import annotations

import sqlite_utils

VERSION = 8
DESCRIPTION = "index idx_errors_source_item: is this failure of this file and record already recorded"


def apply(db: sqlite_utils.Database) -> None:
    """Create the index (the errors of months of crawls would otherwise be read once per failure)."""
    db.execute("CREATE INDEX IF NOT EXISTS idx_errors_source_item ON errors (source, item)")
