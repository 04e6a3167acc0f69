"""The store's connection as the db modules use it: `execute`, `conn` (for executemany), `atomic`.

sqlite-utils is the store library where it serves (tables built or altered in bulk, introspection,
`db["table"].insert_all`): every attribute this class does not define is sqlite-utils's `Database` over the
same connection, created on first use. Importing sqlite-utils (click, dateutil, pluggy …) costs 75–300 ms,
so the window's start path never does: reading and the audited writes need only the three below.
`execute` and `atomic` behave exactly as sqlite-utils's do.
"""

from __future__ import annotations

import contextlib
import itertools
import sqlite3
from typing import Any, Iterator

_TRANSACTION_CONTROL = frozenset({"ROLLBACK", "BEGIN", "END", "COMMIT", "RELEASE", "SAVEPOINT"})
_SAVEPOINTS = itertools.count(1)  # a savepoint name unique in this process (nested ones differ)


def _first_keyword(sql: str) -> str:
    """The first keyword of a statement, uppercased, after blanks, comments and empty statements."""
    i, n = 0, len(sql)
    while i < n:
        if sql[i].isspace() or sql[i] in (";", "\ufeff"):
            i += 1
        elif sql.startswith("--", i):
            newline = sql.find("\n", i)
            if newline == -1:
                return ""
            i = newline + 1
        elif sql.startswith("/*", i):
            end = sql.find("*/", i + 2)
            if end == -1:
                return ""
            i = end + 2
        else:
            break
    j = i
    while j < n and (sql[j].isalpha() or sql[j] == "_"):
        j += 1
    return sql[i:j].upper()


class Db:
    """One sqlite3 connection (default transaction handling), with sqlite-utils behind it when asked for."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._utils = None

    def execute(self, sql: str, parameters: Any = None) -> sqlite3.Cursor:
        """Run one statement; a write outside a transaction is committed at once (as sqlite-utils does)."""
        was_in_transaction = self.conn.in_transaction
        try:
            cursor = self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)
        except Exception:
            if not was_in_transaction and self.conn.in_transaction:
                self.conn.execute("ROLLBACK")  # the failed statement's implicit transaction
            raise
        if (not was_in_transaction and self.conn.in_transaction and cursor.description is None
                and _first_keyword(sql) not in _TRANSACTION_CONTROL):
            self.conn.execute("COMMIT")
        return cursor

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    @contextlib.contextmanager
    def atomic(self) -> Iterator["Db"]:
        """A transaction, or a savepoint inside the one already open."""
        if self.conn.in_transaction:
            savepoint = f"chi_{next(_SAVEPOINTS)}"
            self.conn.execute(f"SAVEPOINT {savepoint}")
            try:
                yield self
            except BaseException:
                if self.conn.in_transaction:  # a failure may already have ended the whole transaction
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                    self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                raise
            else:
                self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
        else:
            self.conn.execute("BEGIN")
            try:
                yield self
            except BaseException:
                self.rollback()
                raise
            else:
                try:
                    self.conn.execute("COMMIT")
                except BaseException:
                    self.rollback()
                    raise

    @property
    def utils(self):
        """sqlite-utils's Database over this connection (no third-party plugin runs on it)."""
        if self._utils is None:
            from sqlite_utils import Database  # imported when first needed: off the window's start path

            self._utils = Database(self.conn, execute_plugins=False)
        return self._utils

    def __getitem__(self, name: str):
        return self.utils[name]

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.utils, name)
