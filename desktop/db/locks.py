"""Every read-then-write that relies on SQLite's single writer, named in one place.

Each function here is a read whose result the same transaction then writes on: the head of the audit
chain before a row is appended, the status of a dataset before values, targets or the status itself are
written (and the whole dataset row an import compares with the one it planned against), the region-years
whose approval keeps an indicator's figures before the catalog changes them, the stored values before they
are overwritten (their old side goes into the audit) or frozen by a submission, the marks 不适用 / 本年未统计
before they are replaced, a target before it is replaced, whether an indicator is in use before its code
changes, a user and the admins before a role changes, the catalog version before it is raised. Under SQLite they are safe
because every write transaction begins IMMEDIATE (desktop.db.store.Store.write): the write lock is held
before the read, so nobody can write in between. A server database would take its row locks here
(`SELECT … FOR UPDATE`, or an advisory lock on the audit head) and nowhere else.

Only desktop/db/ calls these (the features through desktop.db.writes.Writer); call them only inside
`store.write()`. tests/test_architecture.py fails when a status or the chain head is read inside a write
anywhere else.
"""

from __future__ import annotations

from typing import Iterable

from desktop.db import absent
from desktop.db import workflow as wdb
from desktop.db.connection import Db as Database
from desktop.domain import Absence, Dataset, User, ValueRecord


def audit_chain_head(db: Database) -> str:
    """The hash of the newest audit row, which the next row chains to ("" when the trail is empty)."""
    row = db.execute("SELECT hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    return row[0] if row else ""


def dataset_status(db: Database, region: str, year: int) -> str:
    """The stored status of one region-year ("draft" when it has no dataset row yet)."""
    row = db.execute("SELECT status FROM dataset WHERE region = ? AND year = ?", [region, year]).fetchone()
    return row[0] if row else "draft"


def dataset(db: Database, region: str, year: int) -> Dataset:
    """The stored dataset row of one region-year: status, when and by whom it was set, the reason."""
    row = db.execute("SELECT region, year, status, updated_at, updated_by, reason FROM dataset "
                     "WHERE region = ? AND year = ?", [region, year]).fetchone()
    return Dataset(*row) if row else Dataset(region, year)


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


def approved_years_using(db: Database, indicator: str) -> list[tuple[str, int]]:
    """(region, year) of the approved or accepted region-years holding a value of `indicator`, by year: what
    a catalog change of its unit, decimals, kind or visibility would alter after the approval."""
    return [(r, y) for r, y in db.execute(
        "SELECT DISTINCT v.region, v.year FROM value v JOIN dataset d ON d.region = v.region AND d.year = v.year "
        "WHERE v.indicator = ? AND d.status IN ('approved', 'accepted') ORDER BY v.year, v.region", [indicator])]


def region_year_values(db: Database, region: str, year: int) -> dict[str, ValueRecord]:
    """{indicator: record} of one region-year, read before a write that depends on them: a submission
    compares them with the values it validated and freezes them; a mark refuses an indicator holding one."""
    rows = db.execute("SELECT region, year, indicator, value, note, updated_at, updated_by, source FROM value "
                      "WHERE region = ? AND year = ?", [region, year]).fetchall()
    return {r[2]: ValueRecord(*r) for r in rows}


def stored_marks(db: Database, region: str, year: int) -> dict[str, Absence]:
    """{indicator: mark} of one region-year (不适用 / 本年未统计), read before a mark is replaced or removed
    (its old side goes into the audit)."""
    return absent.absences_of(db, region, year)


def indicator_in_use(db: Database, code: str) -> bool:
    """Whether any value, target, submitted snapshot or mark refers to the indicator, read before its code
    is changed."""
    return wdb.indicator_in_use(db, code)


def stored_target(db: Database, region: str, year: int, indicator: str) -> float | None:
    row = db.execute("SELECT value FROM target WHERE region = ? AND year = ? AND indicator = ?",
                     [region, year, indicator]).fetchone()
    return row[0] if row else None


def stored_user(db: Database, name: str) -> tuple[User, str | None, str | None] | None:
    """(user, pw_hash, pw_salt) before the user's row is rewritten (a role change keeps the password, a
    password change keeps the role); None for a name not registered."""
    row = db.execute("SELECT name, role, pw_hash, pw_salt FROM users WHERE name = ?", [name]).fetchone()
    return (User(row[0], row[1], row[2] is not None), row[2], row[3]) if row else None


def admin_names(db: Database) -> list[str]:
    """The admins, read before one of them loses the role (the last admin keeps it)."""
    return [n for (n,) in db.execute("SELECT name FROM users WHERE role = 'admin' ORDER BY name")]


def meta_value(db: Database, key: str) -> str | None:
    """A meta entry read before it is rewritten (the catalog version raised by every catalog edit)."""
    row = db.execute("SELECT value FROM meta WHERE name = ?", [key]).fetchone()
    return row[0] if row else None
