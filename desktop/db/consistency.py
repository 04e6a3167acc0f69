"""Values against their audit rows: a value or note changed, added or deleted outside the program."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

from desktop.db.connection import Db as Database

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


# ---- the whole store against a replay of its audit trail ---------------------------------------------------
# Every legitimate change to these tables writes an audit row in the same transaction. Replaying the rows in
# order gives what each table must hold; a difference is a change made outside the program.

_USER_REASON = re.compile(r"^用户 (.+?)(?: 注册| 的密码已(?:设定|取消))?$")


def password_digest(pw_hash: str | None) -> str | None:
    """What the audit records of a password: a hash of the stored hash (never the secret, never the hash)."""
    return None if pw_hash is None else hashlib.sha256(("chi-password:" + pw_hash).encode()).hexdigest()[:32]


def catalog_digest(indicators: list[dict]) -> str:
    """A digest of a whole catalog (indicators as desktop.catalog_admin._as_json gives them)."""
    canon = json.dumps(sorted(indicators, key=lambda d: d["code"]), ensure_ascii=False, sort_keys=True,
                       separators=(",", ":"))
    return hashlib.sha256(canon.encode("utf-8")).hexdigest()


def _indicator_dict(ind) -> dict:
    import dataclasses

    d = dataclasses.asdict(ind)
    d["aliases"] = list(ind.aliases)
    return d


@dataclass
class Replay:
    """What the audit trail says each audited table holds."""

    statuses: dict = field(default_factory=dict)  # (region, year) -> status
    targets: dict = field(default_factory=dict)  # (region, year, indicator) -> value
    users: dict = field(default_factory=dict)  # name -> {"role", "pw"} (pw: digest, "" none, None unknown)
    catalog: dict | None = None  # code -> indicator dict, None when no baseline is known
    catalog_note: str = ""
    rules: list = field(default_factory=list)  # texts in order
    values: dict = field(default_factory=dict)  # (region, year, indicator) -> [value, note]
    submitted: dict = field(default_factory=dict)  # (region, year, at) -> {indicator: (value, note)}
    absent: dict = field(default_factory=dict)  # (region, year, indicator) -> (kind, reason) or None


def replay_audit(db: Database) -> Replay:
    from desktop import catalog as catalog_res

    shipped = [_indicator_dict(i) for i in catalog_res.read_indicators()]
    shipped_digest = catalog_digest(shipped)
    r = Replay()
    rows = db.execute("SELECT id, at, actor, region, year, indicator, field, old, new, source, reason FROM audit "
                      "ORDER BY id")
    for _id, at, _user, region, year, indicator, fld, old, new, source, reason in rows:
        old = None if old is None else json.loads(old)
        new = None if new is None else json.loads(new)
        if fld in ("value", "note") and indicator is not None:
            slot = r.values.setdefault((region, year, indicator), [None, ""])
            if fld == "value":
                slot[0] = None if new is None else float(new)
            else:
                slot[1] = new or ""
        elif fld == "status" and region is not None:
            r.statuses[(region, year)] = new
            if new == "submitted":
                r.submitted[(region, year, at)] = {
                    k[2]: (v[0], v[1]) for k, v in r.values.items()
                    if k[0] == region and k[1] == year and (v[0] is not None or v[1])}
        elif fld == "target" and indicator is not None:
            r.targets[(region, year, indicator)] = None if new is None else float(new)
        elif fld == "user":
            m = _USER_REASON.match(reason or "")
            if not m:
                continue
            name = m.group(1)
            if source == "password":
                entry = r.users.setdefault(name, {"role": None, "pw": None})
                # rows written by earlier versions carry no digest: only whether a password was set is known
                if isinstance(new, str):
                    entry["pw"] = new
                elif new is None and "已取消" in reason:
                    entry["pw"] = ""
                else:
                    entry["pw"] = None if "已设定" in reason else entry["pw"]
            else:
                entry = r.users.setdefault(name, {"role": None, "pw": None})
                entry["role"] = new
        elif fld == "catalog":
            if source == "init" and indicator is None and isinstance(new, dict) and "digest" in new:
                if new["digest"] == shipped_digest:
                    r.catalog = {d["code"]: dict(d) for d in shipped}
                    r.catalog_note = ""
                else:
                    r.catalog, r.catalog_note = None, "数据库由另一版本的默认目录建立，目录未逐项核对"
                continue
            if r.catalog is None or indicator is None:
                continue
            if isinstance(new, str):  # shipped aliases merged into an older store: "a|b"
                r.catalog.setdefault(indicator, {"code": indicator})["aliases"] = [a for a in new.split("|") if a]
                continue
            if isinstance(old, dict) and "code" in old and old["code"] != indicator:
                r.catalog[indicator] = r.catalog.pop(old["code"], {})
            r.catalog.setdefault(indicator, {"code": indicator}).update(new or {})
        elif fld == "rules":
            r.rules.append(new)
        elif fld == "absent" and indicator is not None:  # a value marked not applicable / not collected
            r.absent[(region, year, indicator)] = None if new is None else (new, reason or "")
    return r


def _cells_differing(label: str, stored: dict, audited: dict, show, where) -> list[str]:
    """The (region, year, indicator) entries of a table (targets, marks) that differ from the replay of the audit:
    stored without an audit row, deleted, or changed outside the program. An audited None is a removed entry."""
    out = []
    for key in sorted(set(stored) | {k for k, v in audited.items() if v is not None},
                      key=lambda k: (str(k[0]), k[1] or 0, str(k[2]))):
        have, was = stored.get(key), audited.get(key)
        if have != was:
            out.append(f"{label} {where(key[0], key[1])} {key[2]}：库中为 {'（无）' if have is None else show(have)}，"
                       f"审计记录最后为 {'（无）' if was is None else show(was)}（在程序之外被改动）")
    return out


def store_audit_problems(db: Database, limit: int = 50) -> dict[str, list[str]]:
    """Per audited table, where it disagrees with the replay of the audit trail; empty lists when all agree."""
    r = replay_audit(db)
    out: dict[str, list[str]] = {"statuses": [], "users": [], "targets": [], "catalog": [], "rules": [],
                                 "submissions": [], "absent": [], "audit_sequence": []}
    names = {c: n for c, n in db.execute("SELECT code, name FROM region")}

    def where(region, year) -> str:
        return f"{names.get(region, region)}（{region}）{year}年"

    # statuses
    stored = {(a, b): s for a, b, s in db.execute("SELECT region, year, status FROM dataset")}
    for key in sorted(set(stored) | set(r.statuses), key=lambda k: (str(k[0]), k[1] or 0)):
        have, audited = stored.get(key), r.statuses.get(key)
        if have == audited or (audited is None and have in (None, "draft")):
            continue
        if audited is None:
            out["statuses"].append(f"状态 {where(*key)}：库中为 {have}，但没有任何状态变更记录（在程序之外被写入）")
        elif have is None:
            out["statuses"].append(f"状态 {where(*key)}：审计记录最后为 {audited}，库中没有这一年度（在程序之外被删除）")
        else:
            out["statuses"].append(f"状态 {where(*key)}：库中为 {have}，审计记录最后为 {audited}（在程序之外被改动）")
    # users
    users = {n: (role, h) for n, role, h in db.execute("SELECT name, role, pw_hash FROM users")}
    for name in sorted(set(users) | set(r.users)):
        have, audited = users.get(name), r.users.get(name)
        if audited is None:
            out["users"].append(f"用户 {name}（{have[0]}）：没有注册记录（在程序之外被加入）")
            continue
        if have is None:
            out["users"].append(f"用户 {name}：审计记录中已注册，库中没有（在程序之外被删除）")
            continue
        if audited["role"] is not None and have[0] != audited["role"]:
            out["users"].append(f"用户 {name}：库中角色为 {have[0]}，审计记录最后为 {audited['role']}（在程序之外被改动）")
        pw = audited["pw"]
        if pw == "" and have[1] is not None:
            out["users"].append(f"用户 {name}：库中有密码，但审计记录中密码已取消（在程序之外被设定）")
        elif pw and have[1] is None:
            out["users"].append(f"用户 {name}：库中没有密码，但审计记录中设有密码（在程序之外被清除）")
        elif pw and password_digest(have[1]) != pw:
            out["users"].append(f"用户 {name}：库中的密码与审计记录中最后设定的不符（在程序之外被改动）")
    # targets
    stored_t = {(a, b, c): v for a, b, c, v in db.execute("SELECT region, year, indicator, value FROM target")}
    out["targets"] += _cells_differing("目标值", stored_t, r.targets, lambda v: f"{v:g}", where)
    # catalog
    from desktop.db import repo

    if r.catalog is None:
        if r.catalog_note:
            out["catalog_note"] = [r.catalog_note]
    else:
        current = {i.code: _indicator_dict(i) for i in repo.load_indicators(db)}
        for code in sorted(set(current) | set(r.catalog)):
            have, audited = current.get(code), r.catalog.get(code)
            if have is None:
                out["catalog"].append(f"指标 {code}：审计记录中有，库中没有（在程序之外被删除）")
            elif audited is None:
                out["catalog"].append(f"指标 {code}：没有任何目录记录（在程序之外被加入）")
            else:
                # the order alone moves without an audit row (an indicator added in between)
                diff = [k for k in audited if k in have and k != "sort_order" and have[k] != audited[k]
                        and not (isinstance(have[k], float) and isinstance(audited[k], (int, float))
                                 and float(audited[k]) == have[k])]
                if diff:
                    out["catalog"].append(f"指标 {code}：{'、'.join(diff)} 与目录的审计记录不符（在程序之外被改动）")
    # rules
    texts = [t for (t,) in db.execute("SELECT text FROM rule_set ORDER BY id")]
    if texts != r.rules:
        out["rules"].append(f"审核规则：库中保存了 {len(texts)} 个版本，审计记录中 {len(r.rules)} 个"
                            + ("" if len(texts) != len(r.rules) else "，内容不符") + "（在程序之外被改动）")
    # submissions: each one is the values as the audit had them at its status change to submitted
    subs = db.execute("SELECT id, region, year, at FROM submission ORDER BY id").fetchall()
    last_id = 0
    for sid, region, year, at in subs:
        if sid != last_id + 1:
            out["submissions"].append(f"提交记录 {last_id + 1}–{sid - 1} 缺失（被删除）")
        last_id = sid
        frozen = {i: (v, n or "") for i, v, n in db.execute(
            "SELECT indicator, value, note FROM submission_value WHERE submission = ?", [sid])}
        audited = r.submitted.get((region, year, at))
        if audited is None:
            out["submissions"].append(f"提交记录 {sid}（{where(region, year)}）：没有对应的提交的状态记录（在程序之外被写入）")
        elif frozen != audited:
            changed = sorted(k for k in set(frozen) | set(audited) if frozen.get(k) != audited.get(k))
            out["submissions"].append(f"提交记录 {sid}（{where(region, year)}）：冻结的数值与审计记录不符："
                                      f"{'、'.join(changed[:5])}{'等' if len(changed) > 5 else ''}（在程序之外被改动）")
    seq = db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'submission'").fetchone()
    if seq and seq[0] > last_id:
        out["submissions"].append(f"提交记录 {last_id + 1}–{seq[0]} 缺失（末尾被删除）")
    # marks 不适用 / 本年未统计 (a store from before they existed has no such table)
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'absent_value'").fetchone():
        marks = {(a, b, c): (k, why) for a, b, c, k, why in
                 db.execute("SELECT region, year, indicator, kind, reason FROM absent_value")}
        out["absent"] += _cells_differing("标记", marks, r.absent, lambda m: f"{m[0]}（{m[1]}）", where)
    # the audit table's own counter: SQLite keeps it for as long as the table has had a row
    n_audit = db.execute("SELECT count(*) FROM audit").fetchone()[0]
    if n_audit and db.execute("SELECT 1 FROM sqlite_sequence WHERE name = 'audit'").fetchone() is None:
        out["audit_sequence"].append("审计表的计数器（sqlite_sequence）被删除：末尾的审计记录可能被删除")
    for key in out:
        if len(out[key]) > limit:
            out[key] = out[key][:limit] + [f"……（只列出前 {limit} 处）"]
    return out
