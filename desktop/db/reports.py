"""Bulk reads for the reports: many regions' values of one year, a region's recent history."""

from __future__ import annotations

from desktop.db.connection import Db as Database


def values_by_region(db: Database, regions: list[str], year: int) -> dict[str, dict[str, float]]:
    """{region: {indicator: value}} of the non-empty values of these regions in one year."""
    out: dict[str, dict[str, float]] = {}
    if not regions:
        return out
    q = ",".join("?" * len(regions))
    for region, code, value in db.execute(
        f"SELECT region, indicator, value FROM value WHERE year = ? AND region IN ({q}) AND value IS NOT NULL",
        [year, *regions],
    ):
        out.setdefault(region, {})[code] = value
    return out


def history_between(db: Database, region: str, first_year: int, last_year: int) -> dict[str, dict[int, float]]:
    """{indicator: {year: value}} of a region's non-empty values from first_year to last_year inclusive."""
    out: dict[str, dict[int, float]] = {}
    for code, year, value in db.execute(
        "SELECT indicator, year, value FROM value WHERE region = ? AND year BETWEEN ? AND ? "
        "AND value IS NOT NULL ORDER BY year", [region, first_year, last_year]
    ):
        out.setdefault(code, {})[year] = value
    return out
