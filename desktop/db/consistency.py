"""Values against their audit rows: a value or note changed, added or deleted outside the program."""

from __future__ import annotations

import json

from sqlite_utils import Database

_MISSING = object()


def value_audit_problems(db: Database, limit: int = 50) -> list[str]:
    """Where the value table disagrees with the last audit row of a value or note; [] when they agree.

    Every write of the program records the new value and note in the audit (same transaction), so a
    difference means a change made outside the program (or a store put together by hand)."""
    stored = {(r, y, i): (v, n or "") for r, y, i, v, n in
              db.execute("SELECT region, year, indicator, value, note FROM value")}
    last: dict[tuple, object] = {}
    # SQLite takes the bare columns of an aggregate with max() from the row holding the maximum
    for r, y, i, field, new, _id in db.execute(
            "SELECT region, year, indicator, field, new, max(id) FROM audit "
            "WHERE field IN ('value', 'note') AND indicator IS NOT NULL GROUP BY region, year, indicator, field"):
        last[(r, y, i, field)] = None if new is None else json.loads(new)
    problems = []
    keys = set(stored) | {k[:3] for k in last}
    for key in sorted(keys, key=lambda k: (str(k[0]), k[1] or 0, str(k[2]))):
        value, note = stored.get(key, (None, ""))
        audited_value = last.get((*key, "value"), _MISSING)
        audited_note = last.get((*key, "note"), _MISSING)
        where = f"{key[0]} {key[1]}年 {key[2]}"
        if audited_value is _MISSING:
            if value is not None:
                problems.append(f"数值 {where}：库中为 {value:g}，但没有任何审计记录（在程序之外被写入）")
        elif (audited_value is None) != (value is None) or (value is not None and float(audited_value) != value):
            shown = "（空）" if value is None else f"{value:g}"
            was = "（空）" if audited_value is None else f"{float(audited_value):g}"
            problems.append(f"数值 {where}：库中为 {shown}，审计记录最后为 {was}（在程序之外被改动或删除）")
        if audited_note is _MISSING:
            if note:
                problems.append(f"说明 {where}：库中有说明，但没有任何审计记录（在程序之外被写入）")
        elif (audited_note or "") != note:
            problems.append(f"说明 {where}：与审计记录最后的说明不符（在程序之外被改动）")
        if len(problems) >= limit:
            problems.append(f"……（只列出前 {limit} 处）")
            break
    return problems
