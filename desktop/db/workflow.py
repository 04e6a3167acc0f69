"""Queries of the approval flow and catalog editing: submission snapshots, stored rule sets, code changes."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from desktop.db.connection import Db as Database
from desktop.domain import ValueRecord


@dataclass(frozen=True)
class Submission:
    id: int
    region: str
    year: int
    at: str
    user: str
    catalog_version: str


@dataclass(frozen=True)
class RuleSet:
    id: int
    text: str
    at: str
    user: str
    reason: str


# ---- submissions ------------------------------------------------------------------------------

def add_submission(db: Database, region: str, year: int, at: str, user: str, catalog_version: str,
                   values: dict[str, ValueRecord]) -> int:
    """Freeze the dataset as submitted; returns the submission id. Call inside the transition's transaction."""
    cur = db.execute("INSERT INTO submission(region, year, at, actor, catalog_version) VALUES (?, ?, ?, ?, ?)",
                     [region, year, at, user, catalog_version])
    sid = cur.lastrowid
    db.conn.executemany("INSERT INTO submission_value(submission, indicator, value, note) VALUES (?, ?, ?, ?)",
                        [(sid, rec.indicator, rec.value, rec.note) for rec in values.values()])
    return sid


def last_submission(db: Database, region: str, year: int) -> Submission | None:
    row = db.execute("SELECT id, region, year, at, actor, catalog_version FROM submission "
                     "WHERE region = ? AND year = ? ORDER BY id DESC LIMIT 1", [region, year]).fetchone()
    return Submission(*row) if row else None


def submissions(db: Database, region: str, year: int) -> list[Submission]:
    rows = db.execute("SELECT id, region, year, at, actor, catalog_version FROM submission "
                      "WHERE region = ? AND year = ? ORDER BY id", [region, year]).fetchall()
    return [Submission(*r) for r in rows]


def submission_values(db: Database, submission_id: int) -> dict[str, tuple[float | None, str]]:
    """{indicator: (value, note)} as they were submitted."""
    rows = db.execute("SELECT indicator, value, note FROM submission_value WHERE submission = ?",
                      [submission_id]).fetchall()
    return {code: (value, note) for code, value, note in rows}


# ---- rule sets --------------------------------------------------------------------------------

def current_rule_set(db: Database) -> RuleSet | None:
    """The rules in force when an admin saved any: the newest saved rule set (None: resources/rules.txt).
    The one query of the rules in force; Services.rules_text is its one caller."""
    try:
        row = db.execute("SELECT id, text, at, actor, reason FROM rule_set ORDER BY id DESC LIMIT 1").fetchone()
    except sqlite3.OperationalError:  # a store from before the rule_set table (schema < 3)
        return None
    return RuleSet(*row) if row else None


def add_rule_set(db: Database, text: str, at: str, user: str, reason: str) -> int:
    cur = db.execute("INSERT INTO rule_set(text, at, actor, reason) VALUES (?, ?, ?, ?)", [text, at, user, reason])
    return cur.lastrowid


def rule_sets(db: Database) -> list[RuleSet]:
    return [RuleSet(*r) for r in db.execute("SELECT id, text, at, actor, reason FROM rule_set ORDER BY id")]


# ---- catalog ----------------------------------------------------------------------------------

def indicator_in_use(db: Database, code: str) -> bool:
    """True when any value, target or submitted snapshot refers to the indicator code."""
    for table, col in (("value", "indicator"), ("target", "indicator"), ("submission_value", "indicator"),
                       ("absent_value", "indicator")):
        if db.execute(f"SELECT 1 FROM {table} WHERE {col} = ? LIMIT 1", [code]).fetchone():
            return True
    return False


def rename_indicator(db: Database, old: str, new: str) -> None:
    """Change an unused indicator's code (the caller checks it is unused)."""
    db.execute("UPDATE indicator SET code = ? WHERE code = ?", [new, old])


def max_sort_order(db: Database) -> int:
    row = db.execute("SELECT max(sort_order) FROM indicator").fetchone()
    return int(row[0]) if row and row[0] is not None else -1


def all_values(db: Database, indicators: list[str] | None = None,
               before_year: int | None = None) -> list[tuple[str, int, str, float]]:
    """(region, year, indicator, value) of every stored non-empty value, optionally of some indicators
    and before a year, ordered by region, indicator, year (for trying thresholds and rules on history)."""
    sql = "SELECT region, year, indicator, value FROM value WHERE value IS NOT NULL"
    params: list = []
    if indicators is not None:
        if not indicators:
            return []
        sql += f" AND indicator IN ({','.join('?' * len(indicators))})"
        params += indicators
    if before_year is not None:
        sql += " AND year < ?"
        params.append(before_year)
    return [tuple(r) for r in db.execute(sql + " ORDER BY region, indicator, year", params)]


def region_years(db: Database, before_year: int | None = None) -> list[tuple[str, int]]:
    sql = "SELECT DISTINCT region, year FROM value"
    params: list = []
    if before_year is not None:
        sql += " WHERE year < ?"
        params.append(before_year)
    return [tuple(r) for r in db.execute(sql + " ORDER BY region, year", params)]


# ---- notes on single values of a return (an upstream office's review) ---------------------------

def review_notes(db: Database, region: str, year: int) -> dict[str, str]:
    """{indicator: note} the last return wrote on single values of this region-year."""
    return dict(db.execute("SELECT indicator, note FROM review_note WHERE region = ? AND year = ? "
                           "ORDER BY indicator", [region, year]).fetchall())


def review_notes_many(db: Database, regions: list[str], years: list[int]) -> dict[tuple[str, int], dict[str, str]]:
    out: dict[tuple[str, int], dict[str, str]] = {}
    if not regions or not years:
        return out
    sql = (f"SELECT region, year, indicator, note FROM review_note WHERE region IN ({','.join('?' * len(regions))})"
           f" AND year IN ({','.join('?' * len(years))}) ORDER BY region, year, indicator")
    for region, year, indicator, note in db.execute(sql, [*regions, *years]):
        out.setdefault((region, year), {})[indicator] = note
    return out


def replace_review_notes(db: Database, region: str, year: int, notes: dict[str, str], at: str, user: str) -> None:
    """The notes of the newest return replace those of any earlier one (call inside the transition's transaction)."""
    db.execute("DELETE FROM review_note WHERE region = ? AND year = ?", [region, year])
    db.conn.executemany("INSERT INTO review_note(region, year, indicator, note, at, actor) VALUES (?, ?, ?, ?, ?, ?)",
                        [(region, year, code, note, at, user) for code, note in notes.items()])
