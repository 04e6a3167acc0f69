"""Repositories: all SQL of the program lives here; they return frozen dataclasses."""

from __future__ import annotations

from typing import Iterable

from desktop.db import audit
from desktop.db.connection import Db as Database
from desktop.domain import Dataset, Indicator, Region, User, ValueRecord

now = audit.now


# ---- meta -------------------------------------------------------------------------------------

def get_meta(db: Database, key: str, default: str | None = None) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE name = ?", [key]).fetchone()
    return row[0] if row else default


def set_meta(db: Database, key: str, value: str) -> None:
    db.execute("INSERT INTO meta(name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
               [key, value])


# ---- regions and catalog ---------------------------------------------------------------------

def upsert_regions(db: Database, regions: Iterable[Region]) -> None:
    db.conn.executemany(
        """INSERT INTO region(code, name, level, parent_code) VALUES (?, ?, ?, ?)
           ON CONFLICT(code) DO UPDATE SET name = excluded.name, level = excluded.level,
           parent_code = excluded.parent_code""",
        [(r.code, r.name, r.level, r.parent_code) for r in regions],
    )


def load_regions(db: Database) -> list[Region]:
    rows = db.execute("SELECT code, name, level, parent_code FROM region ORDER BY code").fetchall()
    return [Region(*r) for r in rows]


_IND_COLS = ("code, section, name, unit, kind, decimals, min, max, direction, yoy_warn, definition, aliases, hidden, "
             "sort_order, aggregation")


def _indicator(row) -> Indicator:
    (code, section, name, unit, kind, decimals, mn, mx, direction, yoy, definition, aliases, hidden, order,
     aggregation) = row
    return Indicator(code, section, name, unit, kind, int(decimals), mn, mx, int(direction), yoy, definition or "",
                     tuple(a for a in (aliases or "").split("|") if a), bool(hidden), int(order),
                     aggregation or "none")


def upsert_indicators(db: Database, indicators: Iterable[Indicator]) -> None:
    db.conn.executemany(
        f"""INSERT INTO indicator({_IND_COLS}) VALUES ({', '.join('?' * 15)})
            ON CONFLICT(code) DO UPDATE SET section = excluded.section, name = excluded.name,
            unit = excluded.unit, kind = excluded.kind, decimals = excluded.decimals, min = excluded.min,
            max = excluded.max, direction = excluded.direction, yoy_warn = excluded.yoy_warn,
            definition = excluded.definition, aliases = excluded.aliases, hidden = excluded.hidden,
            sort_order = excluded.sort_order, aggregation = excluded.aggregation""",
        [(i.code, i.section, i.name, i.unit, i.kind, i.decimals, i.min, i.max, i.direction, i.yoy_warn,
          i.definition, "|".join(i.aliases), int(i.hidden), i.sort_order, i.aggregation) for i in indicators],
    )


def load_indicators(db: Database, include_hidden: bool = True) -> list[Indicator]:
    where = "" if include_hidden else "WHERE hidden = 0"
    rows = db.execute(f"SELECT {_IND_COLS} FROM indicator {where} ORDER BY sort_order, code").fetchall()
    return [_indicator(r) for r in rows]


def indicator_has_values(db: Database, code: str) -> bool:
    return db.execute("SELECT 1 FROM value WHERE indicator = ? LIMIT 1", [code]).fetchone() is not None


# ---- values -----------------------------------------------------------------------------------

_VAL_COLS = "region, year, indicator, value, note, updated_at, updated_by, source"


def get_value(db: Database, region: str, year: int, indicator: str) -> ValueRecord | None:
    row = db.execute(f"SELECT {_VAL_COLS} FROM value WHERE region = ? AND year = ? AND indicator = ?",
                     [region, year, indicator]).fetchone()
    return ValueRecord(*row) if row else None


def values_of(db: Database, region: str, year: int) -> dict[str, ValueRecord]:
    rows = db.execute(f"SELECT {_VAL_COLS} FROM value WHERE region = ? AND year = ?", [region, year]).fetchall()
    return {r[2]: ValueRecord(*r) for r in rows}


def values_of_regions(db: Database, regions: list[str], years: list[int]) -> list[ValueRecord]:
    """All values of these regions and years, ordered by region, year, catalog order."""
    if not regions or not years:
        return []
    rq = ",".join("?" * len(regions))
    yq = ",".join("?" * len(years))
    rows = db.execute(
        f"""SELECT v.region, v.year, v.indicator, v.value, v.note, v.updated_at, v.updated_by, v.source
            FROM value v JOIN indicator i ON i.code = v.indicator
            WHERE v.region IN ({rq}) AND v.year IN ({yq})
            ORDER BY v.region, v.year, i.sort_order""",
        [*regions, *years],
    ).fetchall()
    return [ValueRecord(*r) for r in rows]


def history(db: Database, region: str, before_year: int | None = None,
            indicator: str | None = None) -> dict[str, dict[int, float]]:
    """{indicator: {year: value}} of the non-empty values of a region, earlier than before_year if given."""
    sql = "SELECT indicator, year, value FROM value WHERE region = ? AND value IS NOT NULL"
    params: list = [region]
    if before_year is not None:
        sql += " AND year < ?"
        params.append(before_year)
    if indicator is not None:
        sql += " AND indicator = ?"
        params.append(indicator)
    out: dict[str, dict[int, float]] = {}
    for code, year, value in db.execute(sql + " ORDER BY year", params):
        out.setdefault(code, {})[year] = value
    return out


def history_many(db: Database, regions: list[str], up_to_year: int) -> dict[str, dict[str, dict[int, float]]]:
    """{region: {indicator: {year: value}}} for many regions at once, years up to and including up_to_year."""
    out: dict[str, dict[str, dict[int, float]]] = {r: {} for r in regions}
    if not regions:
        return out
    q = ",".join("?" * len(regions))
    for region, code, year, value in db.execute(
        f"SELECT region, indicator, year, value FROM value WHERE region IN ({q}) AND year <= ? "
        "AND value IS NOT NULL ORDER BY year", [*regions, up_to_year]
    ):
        out[region].setdefault(code, {})[year] = value
    return out


def last_edited_region_year(db: Database) -> tuple[str, int] | None:
    """The region-year of the newest stored value, counties first (where a clerk last worked)."""
    row = db.execute(
        """SELECT v.region, v.year FROM value v JOIN region r ON r.code = v.region
           ORDER BY r.level = 'county' DESC, v.updated_at DESC, v.year DESC LIMIT 1""").fetchone()
    return (row[0], row[1]) if row else None


def put_value(db: Database, rec: ValueRecord) -> None:
    db.execute(
        f"""INSERT INTO value({_VAL_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(region, year, indicator) DO UPDATE SET value = excluded.value, note = excluded.note,
            updated_at = excluded.updated_at, updated_by = excluded.updated_by, source = excluded.source""",
        [rec.region, rec.year, rec.indicator, rec.value, rec.note, rec.updated_at, rec.updated_by, rec.source],
    )


def delete_value(db: Database, region: str, year: int, indicator: str) -> None:
    db.execute("DELETE FROM value WHERE region = ? AND year = ? AND indicator = ?", [region, year, indicator])


def put_values(db: Database, records: list[ValueRecord]) -> None:
    """Insert or replace many values with one executemany."""
    db.conn.executemany(
        f"""INSERT INTO value({_VAL_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(region, year, indicator) DO UPDATE SET value = excluded.value, note = excluded.note,
            updated_at = excluded.updated_at, updated_by = excluded.updated_by, source = excluded.source""",
        [(r.region, r.year, r.indicator, r.value, r.note, r.updated_at, r.updated_by, r.source) for r in records],
    )


def delete_values(db: Database, keys: list[tuple[str, int, str]]) -> None:
    db.conn.executemany("DELETE FROM value WHERE region = ? AND year = ? AND indicator = ?", keys)


# ---- datasets and targets ------------------------------------------------------------------------

def get_dataset(db: Database, region: str, year: int) -> Dataset:
    row = db.execute("SELECT region, year, status, updated_at, updated_by, reason FROM dataset "
                     "WHERE region = ? AND year = ?", [region, year]).fetchone()
    return Dataset(*row) if row else Dataset(region, year)


def entered_data(db: Database, except_sources: Iterable[str]) -> tuple[int, int]:
    """(values whose source is none of `except_sources`, region-years with a status): what a load of demo
    figures would write over."""
    sources = list(except_sources)
    marks = ",".join("?" * len(sources)) or "NULL"
    values = db.execute(f"SELECT count(*) FROM value WHERE source NOT IN ({marks})", sources).fetchone()[0]
    statuses = db.execute("SELECT count(*) FROM dataset").fetchone()[0]
    return values, statuses


def statuses_of_year(db: Database, year: int) -> dict[str, str]:
    return dict(db.execute("SELECT region, status FROM dataset WHERE year = ?", [year]).fetchall())


def regions_with_values(db: Database, year: int) -> set[str]:
    return {r[0] for r in db.execute("SELECT DISTINCT region FROM value WHERE year = ?", [year])}


def put_dataset(db: Database, ds: Dataset) -> None:
    db.execute(
        """INSERT INTO dataset(region, year, status, updated_at, updated_by, reason) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT(region, year) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at,
           updated_by = excluded.updated_by, reason = excluded.reason""",
        [ds.region, ds.year, ds.status, ds.updated_at, ds.updated_by, ds.reason],
    )


def targets_of(db: Database, region: str, year: int) -> dict[str, float]:
    return dict(db.execute("SELECT indicator, value FROM target WHERE region = ? AND year = ?",
                           [region, year]).fetchall())


def get_target(db: Database, region: str, year: int, indicator: str) -> float | None:
    row = db.execute("SELECT value FROM target WHERE region = ? AND year = ? AND indicator = ?",
                     [region, year, indicator]).fetchone()
    return row[0] if row else None


def put_target(db: Database, region: str, year: int, indicator: str, value: float | None, user: str) -> None:
    if value is None:
        db.execute("DELETE FROM target WHERE region = ? AND year = ? AND indicator = ?", [region, year, indicator])
        return
    db.execute(
        """INSERT INTO target(region, year, indicator, value, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT(region, year, indicator) DO UPDATE SET value = excluded.value,
           updated_at = excluded.updated_at, updated_by = excluded.updated_by""",
        [region, year, indicator, value, now(), user],
    )


# ---- users ----------------------------------------------------------------------------------------

def get_user(db: Database, name: str) -> tuple[User, str | None, str | None] | None:
    row = db.execute("SELECT name, role, pw_hash, pw_salt FROM users WHERE name = ?", [name]).fetchone()
    if not row:
        return None
    return User(row[0], row[1], row[2] is not None), row[2], row[3]


def list_users(db: Database) -> list[User]:
    return [User(n, r, h is not None) for n, r, h in db.execute("SELECT name, role, pw_hash FROM users ORDER BY name")]


def put_user(db: Database, name: str, role: str, pw_hash: str | None, pw_salt: str | None) -> None:
    db.execute(
        """INSERT INTO users(name, role, pw_hash, pw_salt, created_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT(name) DO UPDATE SET role = excluded.role, pw_hash = excluded.pw_hash,
           pw_salt = excluded.pw_salt""",
        [name, role, pw_hash, pw_salt, now()],
    )


# ---- audit: desktop/db/audit.py holds the one inserter and the hash chain --------------------------------

add_audit = audit.add
chain_head = audit.chain_head
row_hash = audit.row_hash
audit_rows = audit.rows
verify_chain = audit.verify_chain
