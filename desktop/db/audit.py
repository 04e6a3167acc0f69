"""The audit trail: one inserter and one hash chain for every audit row the program writes.

Each row carries the hash of the row before it (`prev_hash`) and its own `hash`, a sha256 over that and
its fields, so a row changed, deleted or inserted outside the program breaks the chain (`verify_chain`).
`append` is the only code that inserts into the audit table; call it inside the transaction of the
change it records (in practice through `desktop.db.writes.Writer`).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Iterable

from desktop.db import locks
from desktop.db.connection import Db as Database
from desktop.domain import AuditRow

FIELDS = ("at", "user", "region", "year", "indicator", "field", "old", "new", "source", "reason")
# the columns of FIELDS ("user" is a reserved word in SQL: its column is `actor`); the hash covers the values
COLUMNS = tuple("actor" if f == "user" else f for f in FIELDS)
_INSERT_COLS = (*COLUMNS, "prev_hash", "hash")


def now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def encode(value: object) -> str | None:
    """The stored text of an old/new value: JSON (a finite float's JSON is its repr, taken directly)."""
    if type(value) is float and math.isfinite(value):
        return repr(value)
    return None if value is None else json.dumps(value, ensure_ascii=False)


def decode(text: str | None) -> object:
    return None if text is None else json.loads(text)


def row_hash(prev_hash: str, row: dict) -> str:
    """sha256 over the previous row's hash and this row's fields: a changed or deleted row breaks the chain."""
    canon = json.dumps([prev_hash, *[row[k] for k in FIELDS]], ensure_ascii=False, separators=(",", ":"))
    import hashlib  # OpenSSL's library is loaded at the first write, not when the store is opened for reading

    return hashlib.sha256(canon.encode("utf-8")).hexdigest()


def chain_head(db: Database) -> str:
    """The hash of the newest audit row ("" for an empty trail): what a report of approved data prints."""
    return locks.audit_chain_head(db)


def append(db: Database, rows: Iterable[dict]) -> int:
    """Append audit rows in order, chained to the current head, with one executemany; returns how many.

    Each row: user, field, old, new, source and optionally region, year, indicator, reason, at.
    """
    rows = list(rows)
    if not rows:
        return 0
    prev = locks.audit_chain_head(db)
    out = []
    for r in rows:
        row = {"at": r.get("at") or now(), "user": r["user"], "region": r.get("region"), "year": r.get("year"),
               "indicator": r.get("indicator"), "field": r["field"], "old": encode(r.get("old")),
               "new": encode(r.get("new")), "source": r["source"], "reason": r.get("reason") or ""}
        row["prev_hash"] = prev
        row["hash"] = prev = row_hash(prev, row)
        out.append(tuple(row[c] for c in (*FIELDS, "prev_hash", "hash")))
    db.conn.executemany(f"INSERT INTO audit({', '.join(_INSERT_COLS)}) VALUES ({', '.join('?' * len(_INSERT_COLS))})",
                        out)
    return len(out)


def add(db: Database, *, user: str, field: str, old: object, new: object, source: str,
        region: str | None = None, year: int | None = None, indicator: str | None = None,
        reason: str = "", at: str | None = None) -> None:
    """Append one audit row (see `append`)."""
    append(db, [dict(user=user, field=field, old=old, new=new, source=source, region=region, year=year,
                     indicator=indicator, reason=reason, at=at)])


def rows(db: Database, region: str | None = None, year: int | None = None,
         indicator: str | None = None, fields: Iterable[str] | None = None) -> list[AuditRow]:
    sql = "SELECT id, at, actor, region, year, indicator, field, old, new, source, reason, hash FROM audit WHERE 1=1"
    params: list = []
    for col, val in (("region", region), ("year", year), ("indicator", indicator)):
        if val is not None:
            sql += f" AND {col} = ?"
            params.append(val)
    if fields:
        fields = list(fields)
        sql += f" AND field IN ({','.join('?' * len(fields))})"
        params += fields
    found = db.execute(sql + " ORDER BY id", params).fetchall()
    return [AuditRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], decode(r[7]), decode(r[8]), r[9], r[10], r[11])
            for r in found]


def verify_chain(db: Database) -> list[str]:
    """Problems in the audit chain (rows changed, deleted or inserted outside the program); [] when intact."""
    problems = []
    prev = ""
    last_id = 0
    cols = ", ".join(("id", "prev_hash", "hash", *COLUMNS))
    for rec in db.execute(f"SELECT {cols} FROM audit ORDER BY id"):
        rid, prev_hash, h = rec[0], rec[1], rec[2]
        row = dict(zip(FIELDS, rec[3:]))
        if rid != last_id + 1 and last_id != 0:
            problems.append(f"审计记录 {last_id + 1}–{rid - 1} 缺失（被删除）")
        if prev_hash != prev:
            problems.append(f"审计记录 {rid} 的前序哈希不符（之前的记录被改动或删除）")
        if row_hash(prev_hash, row) != h:
            problems.append(f"审计记录 {rid} 的内容与哈希不符（被改动）")
        prev, last_id = h, rid
    seq = db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'audit'").fetchone()
    if seq and seq[0] > last_id:
        problems.append(f"审计记录 {last_id + 1}–{seq[0]} 缺失（末尾被删除）")
    return problems
