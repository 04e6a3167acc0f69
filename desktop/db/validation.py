"""Reads for validation: a region-year with all its earlier years in one query, many regions in one more."""

from __future__ import annotations

from desktop.db.connection import Db as Database

Inputs = tuple[dict[str, float], dict[str, str], dict[str, dict[int, float]], dict[str, float]]


# notes matter only for the year judged: not fetching the others' saves making their strings
ONE_REGION_SQL = ("SELECT indicator, year, value, CASE WHEN year = ? THEN note END FROM value "
                  "WHERE region = ? AND year <= ?")
MANY_REGIONS_SQL = ("SELECT region, indicator, year, value, CASE WHEN year = ? THEN note END FROM value "
                    "WHERE region IN ({marks}) AND year <= ?")


def _fold(rows, year: int, out_values, out_notes, out_history) -> None:
    for code, y, value, note in rows:
        if y == year:
            if value is not None:
                out_values[code] = value
            if note:
                out_notes[code] = note
        elif value is not None:
            out_history.setdefault(code, {})[y] = value


def region_year_inputs(db: Database, region: str, year: int) -> Inputs:
    """(values, notes, history of earlier years, targets) of one region-year."""
    conn = db.conn
    values: dict[str, float] = {}
    notes: dict[str, str] = {}
    history: dict[str, dict[int, float]] = {}
    rows = conn.execute(ONE_REGION_SQL, (year, region, year))
    _fold(rows, year, values, notes, history)
    targets = dict(conn.execute("SELECT indicator, value FROM target WHERE region = ? AND year = ?",
                                (region, year)).fetchall())
    return values, notes, history, targets


def many_region_inputs(db: Database, regions: list[str], year: int) -> dict[str, Inputs]:
    """region_year_inputs for many regions: one query for values, one for targets."""
    out: dict[str, Inputs] = {r: ({}, {}, {}, {}) for r in regions}
    if not regions:
        return out
    conn = db.conn
    chunk = 500  # well under SQLite's limit on bound parameters
    for i in range(0, len(regions), chunk):
        part = regions[i:i + chunk]
        marks = ",".join("?" * len(part))
        rows = conn.execute(MANY_REGIONS_SQL.format(marks=marks), (year, *part, year))
        for region, code, y, value, note in rows:
            values, notes, history, _ = out[region]
            if y == year:
                if value is not None:
                    values[code] = value
                if note:
                    notes[code] = note
            elif value is not None:
                history.setdefault(code, {})[y] = value
        for region, code, value in conn.execute(
            f"SELECT region, indicator, value FROM target WHERE region IN ({marks}) AND year = ?", (*part, year)
        ):
            out[region][3][code] = value
    return out
