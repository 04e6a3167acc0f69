"""Bulk queries of the Excel exchange: stored values of many region-years, values and audit rows in bulk."""

from __future__ import annotations

from typing import Iterable

from desktop import policy
from desktop.db.connection import Db as Database


def values_for(db: Database, region_years: Iterable[tuple[str, int]]) -> dict[tuple[str, int, str], tuple[float | None, str]]:
    """{(region, year, indicator): (value, note)} of the stored values of these region-years."""
    wanted = set(region_years)
    out: dict[tuple[str, int, str], tuple[float | None, str]] = {}
    if not wanted:
        return out
    regions = sorted({r for r, _ in wanted})
    years = sorted({y for _, y in wanted})
    for chunk_start in range(0, len(regions), 400):
        chunk = regions[chunk_start:chunk_start + 400]
        sql = (f"SELECT region, year, indicator, value, note FROM value WHERE region IN ({','.join('?' * len(chunk))})"
               f" AND year IN ({','.join('?' * len(years))})")
        for region, year, indicator, value, note in db.execute(sql, [*chunk, *years]):
            if (region, year) in wanted:
                out[(region, year, indicator)] = (value, note or "")
    return out


def value_rows(db: Database, regions: list[str], years: list[int]) -> list[tuple]:
    """(region, year, indicator, value, note) of these regions and years, by region, year and catalog order."""
    if not regions or not years:
        return []
    sql = (f"""SELECT v.region, v.year, v.indicator, v.value, v.note FROM value v JOIN indicator i ON i.code = v.indicator
               WHERE v.region IN ({','.join('?' * len(regions))}) AND v.year IN ({','.join('?' * len(years))})
               ORDER BY v.region, v.year, i.sort_order, v.indicator""")
    return db.execute(sql, [*regions, *years]).fetchall()


def target_rows(db: Database, regions: list[str], years: list[int]) -> list[tuple]:
    """(region, year, indicator, target) of these regions and years, by region, year and catalog order."""
    if not regions or not years:
        return []
    sql = (f"""SELECT t.region, t.year, t.indicator, t.value FROM target t JOIN indicator i ON i.code = t.indicator
               WHERE t.region IN ({','.join('?' * len(regions))}) AND t.year IN ({','.join('?' * len(years))})
               ORDER BY t.region, t.year, i.sort_order, t.indicator""")
    return db.execute(sql, [*regions, *years]).fetchall()


def targets_for(db: Database, region_years: Iterable[tuple[str, int]]) -> dict[tuple[str, int, str], float]:
    wanted = set(region_years)
    out: dict[tuple[str, int, str], float] = {}
    if not wanted:
        return out
    regions = sorted({r for r, _ in wanted})
    years = sorted({y for _, y in wanted})
    sql = (f"SELECT region, year, indicator, value FROM target WHERE region IN ({','.join('?' * len(regions))})"
           f" AND year IN ({','.join('?' * len(years))})")
    for region, year, indicator, value in db.execute(sql, [*regions, *years]):
        if (region, year) in wanted:
            out[(region, year, indicator)] = value
    return out


def locked_region_years(db: Database, region_years: Iterable[tuple[str, int]]) -> set[tuple[str, int]]:
    """The region-years among these whose status locks their values (desktop.policy.VALUES_LOCKED)."""
    wanted = set(region_years)
    locked = sorted(policy.VALUES_LOCKED)
    rows = db.execute(f"SELECT region, year FROM dataset WHERE status IN ({','.join('?' * len(locked))})",
                      locked).fetchall()
    return {(r, y) for r, y in rows if (r, y) in wanted}


# ---- statuses carried by the exchange (format version 2) ---------------------------------------------

def _in(items) -> str:
    return ",".join("?" * len(items))


def datasets_of(db: Database, regions: list[str], years: list[int]) -> dict[tuple[str, int], tuple]:
    """{(region, year): (status, updated_at, updated_by, reason)} of the dataset rows of these regions and years."""
    if not regions or not years:
        return {}
    out = {}
    for i in range(0, len(regions), 400):
        part = regions[i:i + 400]
        for region, year, status, at, by, reason in db.execute(
                f"SELECT region, year, status, updated_at, updated_by, reason FROM dataset "
                f"WHERE region IN ({_in(part)}) AND year IN ({_in(years)})", [*part, *years]):
            out[(region, year)] = (status, at, by, reason)
    return out


def status_events(db: Database, regions: list[str], years: list[int]) -> list[tuple]:
    """(region, year, at, user, old, new, source, reason) of the status changes of these regions and years,
    oldest first (old/new as stored: JSON text)."""
    if not regions or not years:
        return []
    out = []
    for i in range(0, len(regions), 400):
        part = regions[i:i + 400]
        out += [tuple(r) for r in db.execute(
            f"SELECT region, year, at, actor, old, new, source, reason, id FROM audit WHERE field = 'status' "
            f"AND indicator IS NULL AND region IN ({_in(part)}) AND year IN ({_in(years)}) ORDER BY id",
            [*part, *years])]
    out.sort(key=lambda r: r[-1])
    return [r[:-1] for r in out]


def last_hashes(db: Database, regions: list[str], years: list[int]) -> dict[tuple[str, int], str]:
    """{(region, year): hash of the newest audit row of that region-year} (the region-year's audit chain head)."""
    if not regions or not years:
        return {}
    out = {}
    for i in range(0, len(regions), 400):
        part = regions[i:i + 400]
        for region, year, h in db.execute(
                f"SELECT region, year, hash FROM audit WHERE id IN (SELECT max(id) FROM audit "
                f"WHERE region IN ({_in(part)}) AND year IN ({_in(years)}) GROUP BY region, year)", [*part, *years]):
            out[(region, year)] = h
    return out
