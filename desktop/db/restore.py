"""Restoring a backup: check it whole, say what it will undo, then replace the store in one transaction.

- `check_backup`: an intact store of this program, fully: the SQLite header, `PRAGMA integrity_check`
  (not only the quick check), `foreign_key_check`, the application id, a schema version this program knows
  and, for that version, exactly the tables and columns the migrations make, and an admin user. A file with
  the program's application id but no tables (it replaced a store once, and then neither `restore` nor
  `init` worked) is refused here, before anything is touched.
- `what_is_undone`: the differences between the store and the backup a user should see before saying yes:
  statuses, users (added, removed, role or password changed), the catalog, the rules, values, targets and the
  audit rows written since the backup.
- `replace_store`: the backup's tables copied over the store's inside ONE write transaction, which also
  upgrades an older backup and writes the restore's audit row. The caller makes the safety backup inside
  the same transaction (under the same write lock), so a value another program saves during a restore is in
  the safety backup or in the restored store, never in neither; a restore killed at any moment leaves the old
  store or the restored one with its audit row.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from desktop.domain import ROLE_NAMES, STATUS_NAMES
from desktop.errors import NotAStore
from desktop.phrases import Phrase, Word, enumeration

SQLITE_HEADER = b"SQLite format 3\x00"


@functools.lru_cache(maxsize=None)
def reference_schema(version: int) -> dict[str, tuple[str, ...]]:
    """Table → column names of a store of schema `version`, as the migrations make it."""
    from sqlite_utils import Database

    from desktop.db.schema import migrate

    conn = sqlite3.connect(":memory:")
    try:
        migrate(Database(conn), upto=version)
        return _schema(conn)
    finally:
        conn.close()


def _schema(conn: sqlite3.Connection, db: str = "main") -> dict[str, tuple[str, ...]]:
    names = [r[0] for r in conn.execute(
        f"SELECT name FROM {db}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {n: tuple(sorted(r[1] for r in conn.execute(f'PRAGMA {db}.table_info("{n}")'))) for n in names}


def _ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(Path(os.path.abspath(path)).as_uri() + "?mode=ro", uri=True)


def check_backup(source: Path, name: Path | None = None) -> int:
    """The schema version of `source` when it is a whole, intact store of this program that this program
    can restore; raises NotAStore naming the file (`name` when given: the backup a staged copy came from) and
    what is wrong. Reads only."""
    from desktop.db.schema import APPLICATION_ID, SCHEMA_VERSION, users_table

    source = Path(source)
    shown = str(name if name is not None else source)
    if not source.is_file():
        raise NotAStore(Phrase("备份文件不存在：{source}", source=shown))
    try:
        with open(source, "rb") as f:
            if f.read(16) != SQLITE_HEADER:
                raise NotAStore(Phrase("不是完好的SQLite数据库文件，未恢复：{source}", source=shown))
    except OSError as exc:
        raise NotAStore(Phrase("无法读取备份文件，未恢复：{source}（{detail}）",
                               source=shown, detail=exc.strerror or str(exc))) from exc
    try:
        conn = _ro(source)
    except sqlite3.Error as exc:
        raise NotAStore(Phrase("无法读取备份文件，未恢复：{source}（{detail}）", source=shown, detail=str(exc))) from exc
    try:
        try:
            integrity = [r[0] for r in conn.execute("PRAGMA integrity_check(20)")]
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.Error:
            raise NotAStore(Phrase("不是完好的SQLite数据库文件，未恢复：{source}", source=shown)) from None
        if integrity != ["ok"]:
            raise NotAStore(Phrase("不是完好的SQLite数据库文件（完整性检查：{detail}），未恢复：{source}",
                                   detail=integrity[0], source=shown))
        if app_id != APPLICATION_ID:
            raise NotAStore(Phrase("不是本程序的数据库备份，未恢复：{source}", source=shown))
        if version > SCHEMA_VERSION:
            raise NotAStore(Phrase("备份由更新版本的程序建立（结构版本 {version}），未恢复：{source}",
                                   version=str(version), source=shown))
        if version < 1:
            raise NotAStore(Phrase("备份中没有数据表（结构版本 {version}），不是完整的备份，未恢复：{source}",
                                   version=str(version), source=shown))
        have, want = _schema(conn), reference_schema(version)
        if not have:
            raise NotAStore(Phrase("备份中没有数据表，不是完整的备份，未恢复：{source}", source=shown))
        missing = sorted(set(want) - set(have))
        if missing:
            raise NotAStore(Phrase("备份缺少数据表 {tables}（结构版本 {version}），不是完整的备份，未恢复：{source}",
                                   tables=enumeration(missing), version=str(version), source=shown))
        extra = sorted(set(have) - set(want))
        if extra:
            raise NotAStore(Phrase("备份含有本程序不认识的数据表 {tables}，未恢复：{source}",
                                   tables=enumeration(extra), source=shown))
        for table, columns in want.items():
            if have[table] != columns:
                raise NotAStore(Phrase("备份的数据表 {table} 的列与结构版本 {version} 不符，未恢复：{source}",
                                       table=table, version=str(version), source=shown))
        if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
            raise NotAStore(Phrase("备份中有引用不存在的地区或指标的记录，未恢复：{source}", source=shown))
        if conn.execute(f"SELECT 1 FROM {users_table(version)} WHERE role = 'admin'").fetchone() is None:
            raise NotAStore(Phrase("备份中没有管理员用户，恢复后无人能管理数据库，未恢复：{source}", source=shown))
        return version
    except sqlite3.Error as exc:
        raise NotAStore(Phrase("无法读取备份文件，未恢复：{source}（{detail}）", source=shown, detail=str(exc))) from exc
    finally:
        conn.close()


def stage(source: Path, folder: Path) -> Path:
    """A private copy of `source` in `folder` (the copy is what gets checked and restored: the file the user
    named may change in between). Not named *.sqlite, so never taken for a rolling backup."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    staged = folder / f"restore-{stamp}-{os.getpid()}.staging"
    copy_database(source, staged)
    return staged


def backup_into(conn: sqlite3.Connection, dest: Path) -> None:
    """SQLite's online backup of `conn` into the file `dest` (pages written meanwhile are copied again), in
    rollback-journal mode so that the copy is one self-contained file."""
    target = sqlite3.connect(str(dest))
    try:
        conn.backup(target)
        target.execute("PRAGMA journal_mode = DELETE")
    finally:
        target.close()


def copy_database(source: Path, dest: Path) -> None:
    """A consistent copy of the SQLite file `source` (opened read-only) in `dest`, one self-contained file."""
    src = _ro(source)
    try:
        backup_into(src, dest)
    finally:
        src.close()


def discard(staged: Path | None) -> None:
    if staged is not None:
        for suffix in ("", "-journal"):
            with contextlib.suppress(OSError):
                staged.with_name(staged.name + suffix).unlink()


# ---- what a restore undoes ----------------------------------------------------------------------------

def _status(code: str | None) -> Word:
    code = code or "draft"
    return Word("status", code, STATUS_NAMES.get(code, code))


def _role(code: str | None) -> Word:
    return Word("role", code or "", ROLE_NAMES.get(code or "", code or ""))


@dataclass
class Undone:
    """What restoring a backup changes in the store, as the user must hear it before saying yes."""

    statuses: list[dict] = field(default_factory=list)  # region, year, now, after
    users: list[dict] = field(default_factory=list)  # name, change ('added'…), now, after
    catalog: dict = field(default_factory=dict)  # version_now, version_after, indicators_changed
    rules: dict = field(default_factory=dict)  # versions_now, versions_after
    values_changed: int = 0
    targets_changed: int = 0
    audit_rows_undone: int | None = 0  # None: the backup is no earlier state of this store
    backup_taken_at: str = ""

    def lines(self, region_names: dict[str, str] | None = None) -> list[str]:
        """What the restore undoes, one line each (Phrases: the window says them in its language)."""
        names = region_names or {}
        out: list[str] = []
        if self.backup_taken_at:
            out.append(Phrase("备份中最后一条修改记录的时间：{at}", at=self.backup_taken_at))
        for st in self.statuses:
            out.append(Phrase("状态 {region} {year}年：现为{now}，恢复后为{after}",
                              region=names.get(st["region"], st["region"]), year=str(st["year"]),
                              now=_status(st["now"]), after=_status(st["after"])))
        for u in self.users:
            if u["change"] == "added":
                out.append(Phrase("用户 {name}：将被删除（备份之后注册）", name=u["name"]))
            elif u["change"] == "removed":
                out.append(Phrase("用户 {name}：将恢复（角色 {role}）", name=u["name"], role=_role(u["after"])))
            elif u["change"] == "role":
                out.append(Phrase("用户 {name}：角色 {now} 将变回 {after}", name=u["name"], now=_role(u["now"]),
                                  after=_role(u["after"])))
            else:
                out.append(Phrase("用户 {name}：密码将变回备份时的密码（或没有密码）", name=u["name"]))
        c = self.catalog
        if c.get("version_now") != c.get("version_after") or c.get("indicators_changed"):
            out.append(Phrase("指标目录：版本 {now} 将变回 {after}（{n} 个指标不同）", now=str(c.get("version_now")),
                              after=str(c.get("version_after")), n=str(c.get("indicators_changed", 0))))
        r = self.rules
        if r.get("versions_now") != r.get("versions_after"):
            out.append(Phrase("审核规则：现有 {now} 个保存的版本，恢复后 {after} 个", now=str(r.get("versions_now")),
                              after=str(r.get("versions_after"))))
        if self.values_changed:
            out.append(Phrase("数值或说明：{n} 处将变回备份时的样子", n=str(self.values_changed)))
        if self.targets_changed:
            out.append(Phrase("目标值：{n} 处将变回备份时的样子", n=str(self.targets_changed)))
        if self.audit_rows_undone is None:
            out.append(Phrase("修改记录：备份不是本数据库较早时的状态（修改记录互不相连），恢复后现有的修改记录只留在恢复前的备份里"))
        elif self.audit_rows_undone:
            out.append(Phrase("修改记录：备份之后的 {n} 条修改记录将只留在恢复前的备份里", n=str(self.audit_rows_undone)))
        if len(out) <= 1:
            out.append(Phrase("与当前数据库相比没有不同"))
        return out

    def as_json(self) -> dict:
        return {"statuses": self.statuses, "users": self.users, "catalog": self.catalog, "rules": self.rules,
                "values_changed": self.values_changed, "targets_changed": self.targets_changed,
                "audit_rows_undone": self.audit_rows_undone, "backup_taken_at": self.backup_taken_at}


def _rows(conn, sql) -> dict:
    return {tuple(r[:-1]) if len(r) > 2 else r[0]: r[-1] for r in conn.execute(sql)}


def what_is_undone(current: sqlite3.Connection, staged: Path) -> Undone:
    """Compare the store (its connection, at this program's schema) with a checked backup file (of this schema
    or an older one: a table or column renamed since is read under its name in the backup)."""
    from desktop.db.schema import meta_name_column, users_table

    back = _ro(staged)
    try:
        u = Undone()
        back_version = back.execute("PRAGMA user_version").fetchone()[0]
        now_status = _rows(current, "SELECT region, year, status FROM dataset")
        after_status = _rows(back, "SELECT region, year, status FROM dataset")
        for key in sorted(set(now_status) | set(after_status)):
            a, b = now_status.get(key, "draft"), after_status.get(key, "draft")
            if a != b:
                u.statuses.append({"region": key[0], "year": key[1], "now": a, "after": b})
        users_sql = "SELECT name, role, pw_hash FROM {}".format
        now_users = {r[0]: (r[1], r[2]) for r in current.execute(users_sql(users_table()))}
        after_users = {r[0]: (r[1], r[2]) for r in back.execute(users_sql(users_table(back_version)))}
        for name in sorted(set(now_users) | set(after_users)):
            a, b = now_users.get(name), after_users.get(name)
            if b is None:
                u.users.append({"name": name, "change": "added", "now": a[0], "after": None})
            elif a is None:
                u.users.append({"name": name, "change": "removed", "now": None, "after": b[0]})
            elif a[0] != b[0]:
                u.users.append({"name": name, "change": "role", "now": a[0], "after": b[0]})
            elif a[1] != b[1]:
                u.users.append({"name": name, "change": "password", "now": a[0], "after": b[0]})
        meta = "SELECT value FROM meta WHERE {} = 'catalog_version'".format
        common = [c for c in reference_schema(1)["indicator"]]
        cols = ", ".join(common)
        now_inds = {r[0]: r for r in current.execute(f"SELECT code, {cols} FROM indicator")}
        after_inds = {r[0]: r for r in back.execute(f"SELECT code, {cols} FROM indicator")}
        u.catalog = {"version_now": (current.execute(meta(meta_name_column())).fetchone() or [None])[0],
                     "version_after": (back.execute(meta(meta_name_column(back_version))).fetchone() or [None])[0],
                     "indicators_changed": sum(now_inds.get(k) != after_inds.get(k)
                                               for k in set(now_inds) | set(after_inds))}
        count_rules = "SELECT count(*) FROM rule_set"
        has_rules = back.execute("SELECT 1 FROM sqlite_master WHERE name = 'rule_set'").fetchone()
        u.rules = {"versions_now": current.execute(count_rules).fetchone()[0],
                   "versions_after": back.execute(count_rules).fetchone()[0] if has_rules else 0}
        values_sql = "SELECT region, year, indicator, value, note FROM value"
        now_v = {r[:3]: r[3:] for r in current.execute(values_sql)}
        after_v = {r[:3]: r[3:] for r in back.execute(values_sql)}
        u.values_changed = sum(now_v.get(k) != after_v.get(k) for k in set(now_v) | set(after_v))
        targets_sql = "SELECT region, year, indicator, value FROM target"
        now_t = {r[:3]: r[3] for r in current.execute(targets_sql)}
        after_t = {r[:3]: r[3] for r in back.execute(targets_sql)}
        u.targets_changed = sum(now_t.get(k) != after_t.get(k) for k in set(now_t) | set(after_t))
        has_hash = "hash" in reference_schema(back_version)["audit"]
        last = back.execute("SELECT id, at" + (", hash" if has_hash else "") +
                            " FROM audit ORDER BY id DESC LIMIT 1").fetchone()
        if last is None:
            u.audit_rows_undone = current.execute("SELECT count(*) FROM audit").fetchone()[0]
        else:
            u.backup_taken_at = last[1]
            same = current.execute("SELECT " + ("hash" if has_hash else "at") + " FROM audit WHERE id = ?",
                                   (last[0],)).fetchone()
            if same is None or same[0] != last[2 if has_hash else 1]:
                u.audit_rows_undone = None
            else:
                u.audit_rows_undone = current.execute("SELECT count(*) FROM audit WHERE id > ?",
                                                      (last[0],)).fetchone()[0]
        return u
    finally:
        back.close()


# ---- the replacement, one transaction ---------------------------------------------------------------

def attach_staged(conn: sqlite3.Connection, staged: Path, alias: str = "src") -> None:
    """Before the replacement: foreign keys off (tables are dropped and made again; `broken_reference` checks
    them before the commit) and the staged backup attached as `alias`. Undone by `detach_staged`."""
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(f"ATTACH DATABASE ? AS {alias}", (str(staged),))


def detach_staged(conn: sqlite3.Connection, alias: str = "src") -> None:
    """After the replacement (committed or rolled back): the backup detached, foreign keys on again."""
    with contextlib.suppress(sqlite3.Error):
        conn.execute(f"DETACH DATABASE {alias}")
    conn.execute("PRAGMA foreign_keys = ON")


def broken_reference(conn: sqlite3.Connection) -> str | None:
    """The first table of the replaced store with a row that refers to a missing one, or None."""
    bad = conn.execute("PRAGMA main.foreign_key_check").fetchone()
    return None if bad is None else bad[0]


def replace_store(conn: sqlite3.Connection, alias: str = "src") -> None:
    """Inside the caller's write transaction, with the checked backup attached as `alias` and foreign keys
    off: every table of the store dropped and made again from the backup, its rows, indexes, AUTOINCREMENT
    counters and schema version copied. The caller upgrades, audits and commits."""
    q = '"{}"'.format
    for (name,) in conn.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").fetchall():
        conn.execute(f"DROP TABLE main.{q(name)}")
    tables = conn.execute(f"SELECT name, sql FROM {alias}.sqlite_master WHERE type = 'table' "
                          "AND name NOT LIKE 'sqlite_%' ORDER BY rowid").fetchall()
    for name, sql in tables:
        conn.execute(sql)  # CREATE TABLE name (...) goes into main
        conn.execute(f"INSERT INTO main.{q(name)} SELECT * FROM {alias}.{q(name)}")
    for (sql,) in conn.execute(f"SELECT sql FROM {alias}.sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                               ).fetchall():
        conn.execute(sql)
    if conn.execute("SELECT 1 FROM main.sqlite_master WHERE name = 'sqlite_sequence'").fetchone():
        conn.execute("DELETE FROM main.sqlite_sequence")
        if conn.execute(f"SELECT 1 FROM {alias}.sqlite_master WHERE name = 'sqlite_sequence'").fetchone():
            conn.execute(f"INSERT INTO main.sqlite_sequence SELECT * FROM {alias}.sqlite_sequence")
    version = conn.execute(f"PRAGMA {alias}.user_version").fetchone()[0]
    app_id = conn.execute(f"PRAGMA {alias}.application_id").fetchone()[0]
    conn.execute(f"PRAGMA main.user_version = {int(version)}")
    conn.execute(f"PRAGMA main.application_id = {int(app_id)}")
