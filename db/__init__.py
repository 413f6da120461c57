"""The SQLite database: schema, migrations, saving, full-text search and views."""

from db.schema import SCHEMA_VERSION, database_file, ensure_db_shape, open_db

__all__ = ["SCHEMA_VERSION", "database_file", "ensure_db_shape", "open_db"]
