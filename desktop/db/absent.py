"""Queries of values marked absent: not applicable (不适用) or not collected this year (本年未统计)."""

from __future__ import annotations

from desktop.db.connection import Db as Database
from desktop.domain import Absence

_COLS = "region, year, indicator, kind, reason, updated_at, updated_by"


def absences_of(db: Database, region: str, year: int) -> dict[str, Absence]:
    rows = db.execute(f"SELECT {_COLS} FROM absent_value WHERE region = ? AND year = ?", [region, year]).fetchall()
    return {r[2]: Absence(*r) for r in rows}


def absent_codes_of_regions(db: Database, regions: list[str], year: int) -> dict[str, set[str]]:
    """{region: codes marked absent in `year`} for many regions at once."""
    out: dict[str, set[str]] = {}
    for start in range(0, len(regions), 500):
        chunk = regions[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for region, code in db.execute(f"SELECT region, indicator FROM absent_value WHERE year = ? AND region IN ({marks})",
                                       [year, *chunk]):
            out.setdefault(region, set()).add(code)
    return out


def put_absence(db: Database, a: Absence) -> None:
    db.execute(f"""INSERT INTO absent_value({_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT(region, year, indicator) DO UPDATE SET kind = excluded.kind, reason = excluded.reason,
                   updated_at = excluded.updated_at, updated_by = excluded.updated_by""",
               [a.region, a.year, a.indicator, a.kind, a.reason, a.updated_at, a.updated_by])


def delete_absence(db: Database, region: str, year: int, indicator: str) -> None:
    db.execute("DELETE FROM absent_value WHERE region = ? AND year = ? AND indicator = ?", [region, year, indicator])
