"""Schema migrations, keyed by PRAGMA user_version; all pending ones run in one transaction."""

from __future__ import annotations

from desktop.catalog import read_indicators
from desktop.db.connection import Db as Database

# 'CHI1': marks a file as a store of this program (restore refuses anything else).
APPLICATION_ID = 0x43484931


def _v1(db: Database) -> None:
    db.execute("""CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)""")
    db.execute(
        """CREATE TABLE region (
            code TEXT PRIMARY KEY, name TEXT NOT NULL, level TEXT NOT NULL,
            parent_code TEXT REFERENCES region(code))"""
    )
    db.execute("CREATE INDEX region_parent ON region(parent_code)")
    db.execute(
        """CREATE TABLE indicator (
            code TEXT PRIMARY KEY, section TEXT NOT NULL, name TEXT NOT NULL, unit TEXT NOT NULL,
            kind TEXT NOT NULL, decimals INTEGER NOT NULL, min REAL, max REAL,
            direction INTEGER NOT NULL DEFAULT 0, yoy_warn REAL, definition TEXT NOT NULL DEFAULT '',
            sort_order INTEGER NOT NULL DEFAULT 0, hidden INTEGER NOT NULL DEFAULT 0)"""
    )
    db.execute(
        """CREATE TABLE value (
            region TEXT NOT NULL REFERENCES region(code),
            year INTEGER NOT NULL,
            indicator TEXT NOT NULL REFERENCES indicator(code),
            value REAL, note TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, source TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (region, year, indicator))"""
    )
    db.execute("CREATE INDEX value_indicator ON value(indicator, year)")
    db.execute(
        """CREATE TABLE dataset (
            region TEXT NOT NULL REFERENCES region(code), year INTEGER NOT NULL,
            status TEXT NOT NULL DEFAULT 'draft'
                CHECK (status IN ('draft','submitted','returned','approved')),
            updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (region, year))"""
    )
    db.execute(
        """CREATE TABLE target (
            region TEXT NOT NULL REFERENCES region(code), year INTEGER NOT NULL,
            indicator TEXT NOT NULL REFERENCES indicator(code), value REAL NOT NULL,
            updated_at TEXT NOT NULL, updated_by TEXT NOT NULL,
            PRIMARY KEY (region, year, indicator))"""
    )
    db.execute(
        """CREATE TABLE user (
            name TEXT PRIMARY KEY, role TEXT NOT NULL CHECK (role IN ('clerk','supervisor','admin')),
            pw_hash TEXT, pw_salt TEXT, created_at TEXT NOT NULL)"""
    )
    db.execute(
        """CREATE TABLE audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, user TEXT NOT NULL,
            region TEXT, year INTEGER, indicator TEXT, field TEXT NOT NULL,
            old TEXT, new TEXT, source TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '')"""
    )
    db.execute("CREATE INDEX audit_region_year ON audit(region, year, indicator)")


def _v2(db: Database) -> None:
    # Aliases of indicator names (for import and report extraction) and the audit hash chain.
    db.execute("ALTER TABLE indicator ADD COLUMN aliases TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE audit ADD COLUMN prev_hash TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE audit ADD COLUMN hash TEXT NOT NULL DEFAULT ''")


def _v3(db: Database) -> None:
    # Each submission freezes the dataset (for "what changed since the last submission"),
    # and the logical rules are edited in the store (every saved version kept; the newest is in force).
    db.execute(
        """CREATE TABLE submission (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            region TEXT NOT NULL REFERENCES region(code), year INTEGER NOT NULL,
            at TEXT NOT NULL, user TEXT NOT NULL, catalog_version TEXT NOT NULL DEFAULT '')"""
    )
    db.execute("CREATE INDEX submission_region_year ON submission(region, year, id)")
    db.execute(
        """CREATE TABLE submission_value (
            submission INTEGER NOT NULL REFERENCES submission(id), indicator TEXT NOT NULL,
            value REAL, note TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (submission, indicator))"""
    )
    db.execute(
        """CREATE TABLE rule_set (
            id INTEGER PRIMARY KEY AUTOINCREMENT, text TEXT NOT NULL,
            at TEXT NOT NULL, user TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '')"""
    )


def _v4(db: Database) -> None:
    # How a city's or the province's value comes from its counties (sum, ratio, weighted, none): a catalog
    # column like the others. An existing store takes the shipped method of each indicator it shares.
    db.execute("ALTER TABLE indicator ADD COLUMN aggregation TEXT NOT NULL DEFAULT 'none'")
    db.conn.executemany("UPDATE indicator SET aggregation = ? WHERE code = ?",
                        [(i.aggregation, i.code) for i in read_indicators()])


def _v5(db: Database) -> None:
    # Multi-level approval through files: the status `accepted` (an upstream office took the year) and the
    # notes an upstream office writes on single values when it returns a year. SQLite cannot change a CHECK
    # constraint in place: the dataset table is rebuilt with the same columns.
    db.execute("DROP TABLE IF EXISTS dataset_v5")
    db.execute(
        """CREATE TABLE dataset_v5 (
            region TEXT NOT NULL REFERENCES region(code), year INTEGER NOT NULL,
            status TEXT NOT NULL DEFAULT 'draft'
                CHECK (status IN ('draft','submitted','returned','approved','accepted')),
            updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (region, year))"""
    )
    db.execute("INSERT INTO dataset_v5(region, year, status, updated_at, updated_by, reason) "
               "SELECT region, year, status, updated_at, updated_by, reason FROM dataset")
    db.execute("DROP TABLE dataset")
    db.execute("ALTER TABLE dataset_v5 RENAME TO dataset")
    db.execute(
        """CREATE TABLE IF NOT EXISTS review_note (
            region TEXT NOT NULL REFERENCES region(code), year INTEGER NOT NULL,
            indicator TEXT NOT NULL, note TEXT NOT NULL,
            at TEXT NOT NULL, user TEXT NOT NULL,
            PRIMARY KEY (region, year, indicator))"""
    )


def _v6(db: Database) -> None:
    # Values left empty on purpose: not applicable (na) or not collected this year (uncollected), with the reason.
    db.execute(
        """CREATE TABLE IF NOT EXISTS absent_value (
            region TEXT NOT NULL REFERENCES region(code), year INTEGER NOT NULL,
            indicator TEXT NOT NULL REFERENCES indicator(code),
            kind TEXT NOT NULL CHECK (kind IN ('na','uncollected')), reason TEXT NOT NULL,
            updated_at TEXT NOT NULL, updated_by TEXT NOT NULL,
            PRIMARY KEY (region, year, indicator))"""
    )


def _v7(db: Database) -> None:
    # No reserved word as a column name, so that a server database can take the same SQL: the `user` columns
    # (who wrote an audit row, a submission, a rule set, a review note) are called `actor`. The Python names
    # and the command line's JSON keys stay `user`.
    for table in ("audit", "submission", "rule_set", "review_note"):
        columns = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        if "user" in columns:  # (a store marked older than it is has them renamed already)
            db.execute(f"ALTER TABLE {table} RENAME COLUMN user TO actor")


def _v8(db: Database) -> None:
    # The same for the names a server database reserves: the table `user` (reserved in PostgreSQL and the SQL
    # standard) is called `users`, and meta's column `key` (reserved in MySQL and MariaDB) is called `name`.
    # Rows, roles and password hashes are kept as they are; the audit chain does not cover table names.
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "user" in tables:
        db.execute('ALTER TABLE "user" RENAME TO users')
    if "key" in {row[1] for row in db.execute("PRAGMA table_info(meta)")}:
        db.execute('ALTER TABLE meta RENAME COLUMN "key" TO name')


MIGRATIONS = [_v1, _v2, _v3, _v4, _v5, _v6, _v7, _v8]
SCHEMA_VERSION = len(MIGRATIONS)


# Migration 8 renamed these; a backup of an older schema still has the old names (desktop.db.restore reads one).
USERS_RENAMED_IN = 8


def users_table(version: int = SCHEMA_VERSION) -> str:
    """The name of the users' table in a store of schema `version`."""
    return "users" if version >= USERS_RENAMED_IN else "user"


def meta_name_column(version: int = SCHEMA_VERSION) -> str:
    """The name of meta's key column in a store of schema `version`."""
    return "name" if version >= USERS_RENAMED_IN else "key"


def user_version(db: Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: Database, upto: int = SCHEMA_VERSION) -> int:
    """Run the pending migrations up to `upto` in one transaction; returns the version reached.

    A failure rolls back every step: a store is never left half-upgraded.
    """
    current = user_version(db)
    if current >= upto:
        return current
    with db.atomic():
        for number in range(current + 1, upto + 1):
            MIGRATIONS[number - 1](db)
        db.execute(f"PRAGMA user_version = {int(upto)}")
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    return upto
