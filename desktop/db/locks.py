"""Every read-then-write that relies on SQLite's single writer, named in one place.

Each function here is a read whose result the same transaction then writes on: the head of the audit
chain before a row is appended, the status of a dataset before values, targets or the status itself are
written, the stored values before they are overwritten (their old side goes into the audit), the catalog
version before it is raised, the next submission id. Under SQLite they are safe because every write
transaction begins IMMEDIATE (desktop.db.store.Store.write): the write lock is held before the read,
so nobody can write in between. A server database would take its row locks here
(`SELECT … FOR UPDATE`, or an advisory lock on the audit head) and nowhere else.

Only desktop/db/ calls these; call them only inside `store.write()`.
"""

from __future__ import annotations

from typing import Iterable

from desktop.db.connection import Db as Database


def audit_chain_head(db: Database) -> str:
    """The hash of the newest audit row, which the next row chains to ("" when the trail is empty)."""
    row = db.execute("SELECT hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    return row[0] if row else ""


def dataset_status(db: Database, region: str, year: int) -> str:
    """The stored status of one region-year ("draft" when it has no dataset row yet)."""
    row = db.execute("SELECT status FROM dataset WHERE region = ? AND year = ?", [region, year]).fetchone()
    return row[0] if row else "draft"


def dataset_statuses(db: Database, region_years: Iterable[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """{(region, year): status} of these region-years ("draft" for those without a dataset row)."""
    wanted = set(region_years)
    out = {key: "draft" for key in wanted}
    if not wanted:
        return out
    years = sorted({y for _, y in wanted})
    for region, year, status in db.execute(
            f"SELECT region, year, status FROM dataset WHERE year IN ({','.join('?' * len(years))})", years):
        if (region, year) in wanted:
            out[(region, year)] = status
    return out


def stored_values(db: Database, keys: Iterable[tuple[str, int, str]]) -> dict[tuple[str, int, str], tuple[float | None, str]]:
    """{(region, year, indicator): (value, note)} of the stored values among `keys` (absent: none stored)."""
    wanted = set(keys)
    out: dict[tuple[str, int, str], tuple[float | None, str]] = {}
    if not wanted:
        return out
    if len(wanted) <= 8:
        for key in wanted:
            row = db.execute("SELECT value, note FROM value WHERE region = ? AND year = ? AND indicator = ?",
                             list(key)).fetchone()
            if row:
                out[key] = (row[0], row[1] or "")
        return out
    regions = sorted({r for r, _, _ in wanted})
    years = sorted({y for _, y, _ in wanted})
    for start in range(0, len(regions), 400):
        chunk = regions[start:start + 400]
        sql = (f"SELECT region, year, indicator, value, note FROM value WHERE region IN ({','.join('?' * len(chunk))})"
               f" AND year IN ({','.join('?' * len(years))})")
        for region, year, indicator, value, note in db.execute(sql, [*chunk, *years]):
            if (region, year, indicator) in wanted:
                out[(region, year, indicator)] = (value, note or "")
    return out


def stored_target(db: Database, region: str, year: int, indicator: str) -> float | None:
    row = db.execute("SELECT value FROM target WHERE region = ? AND year = ? AND indicator = ?",
                     [region, year, indicator]).fetchone()
    return row[0] if row else None


def meta_value(db: Database, key: str) -> str | None:
    """A meta entry read before it is rewritten (the catalog version raised by every catalog edit)."""
    row = db.execute("SELECT value FROM meta WHERE name = ?", [key]).fetchone()
    return row[0] if row else None
