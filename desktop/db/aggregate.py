"""Bulk reads for the upstream office: many counties' values, statuses and approval events of a year."""

from __future__ import annotations

from desktop.db.connection import Db as Database
from desktop.domain import Dataset

_CHUNK = 500  # well under SQLite's limit on bound parameters


def _chunks(codes: list[str]):
    for i in range(0, len(codes), _CHUNK):
        part = codes[i:i + _CHUNK]
        yield part, ",".join("?" * len(part))


def values_by_year(db: Database, regions: list[str], years: list[int]) -> dict[int, dict[str, dict[str, float]]]:
    """{year: {region: {indicator: value}}} of the non-empty values of these regions and years."""
    out: dict[int, dict[str, dict[str, float]]] = {y: {} for y in years}
    if not regions or not years:
        return out
    yq = ",".join("?" * len(years))
    for part, marks in _chunks(regions):
        for region, year, code, value in db.execute(
            f"SELECT region, year, indicator, value FROM value WHERE year IN ({yq}) AND region IN ({marks}) "
            "AND value IS NOT NULL", [*years, *part]
        ):
            out[year].setdefault(region, {})[code] = value
    return out


def years_with_values(db: Database, regions: list[str]) -> list[int]:
    """The years in which any of these regions holds a value, oldest first."""
    years: set[int] = set()
    for part, marks in _chunks(regions):
        years.update(r[0] for r in db.execute(
            f"SELECT DISTINCT year FROM value WHERE region IN ({marks}) AND value IS NOT NULL", part))
    return sorted(years)


def datasets(db: Database, regions: list[str], year: int) -> dict[str, Dataset]:
    """{region: Dataset} of the regions that have a dataset row in `year` (the rest are drafts)."""
    out = {}
    for part, marks in _chunks(regions):
        for row in db.execute(f"SELECT region, year, status, updated_at, updated_by, reason FROM dataset "
                              f"WHERE year = ? AND region IN ({marks})", [year, *part]):
            out[row[0]] = Dataset(*row)
    return out


def status_events(db: Database, regions: list[str], year: int) -> list[tuple[str, str, str, str]]:
    """(region, at, user, new status) of every status change of these regions in `year`, oldest first."""
    out = []
    for part, marks in _chunks(regions):
        out += [tuple(r) for r in db.execute(
            f"SELECT region, at, actor, new FROM audit WHERE field = 'status' AND indicator IS NULL AND year = ? "
            f"AND region IN ({marks}) ORDER BY id", [year, *part])]
    return out


def count_sources(db: Database, regions: list[str], years: list[int], source: str) -> int:
    """How many stored values of these regions and years came from `source` (e.g. the simulated demo)."""
    if not regions or not years:
        return 0
    yq = ",".join("?" * len(years))
    n = 0
    for part, marks in _chunks(regions):
        n += db.execute(f"SELECT count(*) FROM value WHERE source = ? AND year IN ({yq}) AND region IN ({marks})",
                        [source, *years, *part]).fetchone()[0]
    return n
