"""A digest of one region-year, printed on its reports, that `verify REGION YEAR --digest D` checks later.

The audit chain's head moves with every edit anywhere in the store, so a head printed on a report says
nothing about one county's year a week later. This digest covers only what the report of that region-year
stands for: its values and notes, its status, and the history of its status changes (who submitted,
approved, returned, when and why). It does not move when another county is edited.

    sha256 over canonical JSON: {"region", "year", "status", "values": [[code, value, note] …],
                                 "history": [[old, new, user, at, reason] …]}

`check` recomputes it from the store's tables and, to say *what* changed since a printed digest, replays
the audit rows of that region-year one by one until the state whose digest was printed is found, then
compares that state with today's. Anyone can recompute a digest (there is no secret): it shows that the
store no longer holds what was printed, not who changed it (see docs/RELIABILITY.md).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from desktop.db import audit, repo
from desktop.domain import STATUS_NAMES, check_year, plain_number
from desktop.errors import UsageError

MIN_DIGEST_CHARS = 16  # a printed digest may be given shortened to this many characters


@dataclass
class State:
    region: str
    year: int
    status: str = "draft"
    values: dict = field(default_factory=dict)  # code -> (value, note)
    history: list = field(default_factory=list)  # (old, new, user, at, reason)

    def digest(self) -> str:
        canon = {"region": self.region, "year": self.year, "status": self.status,
                 "values": [[c, None if v is None else float(v), n] for c, (v, n) in sorted(self.values.items())],
                 "history": [list(h) for h in self.history]}
        text = json.dumps(canon, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _history(db, region: str, year: int) -> list:
    return [(r.old, r.new, r.user, r.at, r.reason or "") for r in audit.rows(db, region, year, fields=["status"])]


def stored_state(db, region: str, year: int) -> State:
    """The region-year as the store's tables hold it now."""
    status = repo.get_dataset(db, region, year).status
    values = {c: (r.value, r.note or "") for c, r in repo.values_of(db, region, year).items()}
    return State(region, year, status, values, _history(db, region, year))


def replayed_states(db, region: str, year: int) -> list[tuple[int, str, State]]:
    """(audit id, time, state after that row) for every audit row of the region-year, in order."""
    out = []
    state = State(region, year)
    for row in audit.rows(db, region, year, fields=["value", "note", "status"]):
        rid, at, user, indicator, fld, old, new_v, reason = (row.id, row.at, row.user, row.indicator, row.field,
                                                             row.old, row.new, row.reason)
        values = dict(state.values)
        history = list(state.history)
        status = state.status
        if fld == "status":
            status = new_v
            history.append((old, new_v, user, at, reason or ""))
        elif indicator is not None:
            v, n = values.get(indicator, (None, ""))
            if fld == "value":
                v = None if new_v is None else float(new_v)
            else:
                n = new_v or ""
            if v is None and not n:
                values.pop(indicator, None)
            else:
                values[indicator] = (v, n)
        state = State(region, year, status, values, history)
        out.append((rid, at, state))
    return out


def region_year_digest(services, region: str, year: int) -> str:
    reg, y = services.region(region), check_year(year)
    with services.store.reading() as db:
        return stored_state(db, reg.code, y).digest()


def _changes(services, then: State, now: State) -> list[str]:
    names = {i.code: i.name for i in services.indicators(include_hidden=True)}
    out = []
    if then.status != now.status:
        out.append(f"状态：{STATUS_NAMES.get(then.status, then.status)} → {STATUS_NAMES.get(now.status, now.status)}")
    for code in sorted(set(then.values) | set(now.values)):
        a, b = then.values.get(code, (None, "")), now.values.get(code, (None, ""))
        if a == b:
            continue
        label = f"{names.get(code, code)}（{code}）"
        if a[0] != b[0]:
            out.append(f"数值 {label}：{plain_number(a[0]) if a[0] is not None else '（空）'} → "
                       f"{plain_number(b[0]) if b[0] is not None else '（空）'}")
        if a[1] != b[1]:
            out.append(f"说明 {label}：已改动")
    extra = now.history[len(then.history):] if now.history[:len(then.history)] == then.history else None
    if extra is None:
        out.append("状态变更记录：与打印时不同（较早的记录被改动或删除）")
    else:
        for old, new, user, at, _reason in extra:
            out.append(f"之后的状态变更：{STATUS_NAMES.get(old or 'draft', old)} → {STATUS_NAMES.get(new, new)}"
                       f"（{user}，{at}）")
    return out


def check(services, region: str, year: int, digest: str | None = None) -> dict:
    """Whether the region-year still matches `digest` (a printed one, or None: today's digest only), what
    changed since, and whether its tables agree with its audit rows. Keys as `verify REGION YEAR --json`."""
    reg, y = services.region(region), check_year(year)
    given = (digest or "").strip().lower().replace(" ", "")
    if given and (len(given) < MIN_DIGEST_CHARS or any(c not in "0123456789abcdef" for c in given)):
        raise UsageError(f"数据摘要应为至少 {MIN_DIGEST_CHARS} 位十六进制数字：{digest}")
    with services.store.reading() as db:
        now = stored_state(db, reg.code, y)
        states = replayed_states(db, reg.code, y)
    current = now.digest()
    replayed = states[-1][2] if states else State(reg.code, y)
    audit_agrees = replayed.digest() == current
    out = {"region": reg.code, "year": y, "status": now.status, "digest": current, "given": given or None,
           "matches": None, "printed_at": None, "changes": [], "audit_agrees": audit_agrees,
           "audit_problems": [] if audit_agrees else _changes(services, replayed, now)}
    if not given:
        return out
    out["matches"] = current.startswith(given)
    if out["matches"]:
        return out
    found = next(((rid, at, s) for rid, at, s in reversed(states) if s.digest().startswith(given)), None)
    if found is None:
        out["changes"] = ["这个摘要不是本地区本年度在本数据库中出现过的任何状态（抄错，或修改记录被改动）"]
    else:
        out["printed_at"] = found[1]
        out["changes"] = _changes(services, found[2], now) or ["数值与状态相同，但状态变更记录不同"]
    return out
