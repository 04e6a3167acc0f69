"""The SQLite store through sqlite-utils: connection, schema and migrations, repositories, backups."""

from desktop.db.store import Store, open_store  # noqa: F401
