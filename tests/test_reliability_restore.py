"""Restore: a backup is checked whole before anything is replaced; the safety backup and the
replacement are one write transaction, so a value saved by another program during a restore is never lost;
every error after the safety backup names it; `restore --latest`; what a restore undoes is said and asked."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop import workflow
from desktop.db import backups
from desktop.db import restore as restore_mod
from desktop.errors import NotAStore, StoreError
from desktop.services import Services

ROOT = Path(__file__).resolve().parent.parent
HELPERS = ROOT / "tests" / "helpers"
ENV = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
REGION, IND = "331081", "BEDS_PER_1000"


def value_of(db, year=2021):
    conn = sqlite3.connect(db)
    try:
        row = conn.execute("SELECT value FROM value WHERE region = ? AND year = ? AND indicator = ?",
                           (REGION, year, IND)).fetchone()
        return row and row[0]
    finally:
        conn.close()


def one_line(r) -> str:
    assert r.code == 1, (r.code, r.out, r.err)
    lines = [x for x in r.err.splitlines() if x.strip()]
    assert len(lines) == 1 and lines[0].startswith("错误：") and "Traceback" not in r.err, r.err
    return lines[0]


# ---- a backup checked whole ---------------------------------------------------------------------------

def _hollow(tmp_path: Path) -> Path:
    """The program's application id and a schema version, but no tables."""
    from desktop.db.schema import APPLICATION_ID, SCHEMA_VERSION

    p = tmp_path / "hollow.sqlite"
    conn = sqlite3.connect(p)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    conn.execute("CREATE TABLE x(a)")
    conn.execute("DROP TABLE x")
    conn.commit()
    conn.close()
    return p


def _edited_copy(tmp_path: Path, db: Path, name: str, *sql: str) -> Path:
    p = tmp_path / name
    src = sqlite3.connect(db)
    dst = sqlite3.connect(p)
    src.backup(dst)
    src.close()
    for statement in sql:
        dst.execute(statement)
    dst.commit()
    dst.close()
    return p


def test_a_backup_with_the_app_id_but_no_tables_is_refused_and_everything_still_works(db_path, cli, tmp_path):
    assert cli(db_path, "set", REGION, 2021, IND, "4.6").code == 0
    before = len(backups.list_backups(db_path))
    line = one_line(cli(db_path, "restore", "--yes", _hollow(tmp_path)))
    assert "没有数据表" in line and "hollow.sqlite" in line
    assert value_of(db_path) == 4.6 and len(backups.list_backups(db_path)) == before
    assert cli(db_path, "init").code == 0 and cli(db_path, "verify").code == 0


@pytest.mark.parametrize("name, sql, words", [
    ("no_value.sqlite", ["DROP TABLE value"], "缺少数据表 value"),
    ("extra.sqlite", ["CREATE TABLE stranger(a)"], "不认识的数据表 stranger"),
    ("columns.sqlite", ["ALTER TABLE users ADD COLUMN backdoor TEXT"], "数据表 users 的列"),
    ("no_admin.sqlite", ["UPDATE users SET role = 'clerk'"], "没有管理员"),
    ("dangling.sqlite", ["PRAGMA foreign_keys = OFF",
                         "INSERT INTO value VALUES ('999999', 2021, 'BEDS_PER_1000', 1, '', 't', 'admin', 'cli')"],
     "引用不存在"),
])
def test_an_incomplete_or_inconsistent_backup_is_refused_before_anything_is_replaced(db_path, cli, tmp_path,
                                                                                     name, sql, words):
    assert cli(db_path, "set", REGION, 2021, IND, "4.6").code == 0
    bad = _edited_copy(tmp_path, db_path, name, *sql)
    line = one_line(cli(db_path, "restore", "--yes", bad))
    assert words in line and name in line
    assert value_of(db_path) == 4.6 and not backups.list_backups(db_path)


def test_a_backup_damaged_beyond_the_quick_check_is_refused(db_path, tmp_path):
    # an index that no longer matches its table: quick_check passes, integrity_check does not
    with Services.open(db_path) as s:
        s.set_value(REGION, 2021, IND, 4.6)
    bad = _edited_copy(tmp_path, db_path, "index.sqlite", "PRAGMA writable_schema = ON")
    conn = sqlite3.connect(bad)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = replace(sql, 'value(indicator, year)', 'value(year, indicator)') "
                 "WHERE name = 'value_indicator'")
    conn.commit()
    conn.close()
    conn = sqlite3.connect(bad)
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
    conn.close()
    with pytest.raises(NotAStore, match="完整性检查"):
        restore_mod.check_backup(bad)


# ---- the safety backup named in every error ----------------------------------------------------------

def test_an_error_after_the_safety_backup_names_it_and_leaves_the_store_unchanged(db_path, tmp_path, monkeypatch):
    with Services.open(db_path) as s:
        s.set_value(REGION, 2021, IND, 3.3)
        old = s.backup(tmp_path / "old.sqlite")
        s.set_value(REGION, 2021, IND, 4.6)
        real = restore_mod.replace_store

        def half_then_full(conn, alias="src"):
            real(conn, alias)
            raise sqlite3.OperationalError("database or disk is full")

        monkeypatch.setattr(restore_mod, "replace_store", half_then_full)
        with pytest.raises(StoreError) as info:
            s.restore(old)
        safety = backups.list_backups(db_path)[0]
        assert "磁盘已满" in str(info.value) and str(safety) in str(info.value) and "数据库未改动" in str(info.value)
        assert "before-restore" in safety.name and value_of(safety) == 4.6
        assert s.get_region_year(REGION, 2021).values[IND].value == 4.6
        assert s.verify_audit() == [] and s.verify_values() == []
        assert s.store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert s.store.conn.execute("PRAGMA database_list").fetchall()[-1][1] != "src"  # detached
        assert not list(backups.backup_dir(db_path).glob("*.staging"))


# ---- restore --latest ------------------------------------------------------------------------------------

def test_restore_latest_takes_the_newest_good_backup(db_path, cli):
    with Services.open(db_path) as s:
        for v in (1.0, 2.0, 3.0):
            s.set_value(REGION, 2021, IND, v)
            s.backup(reason=f"v{int(v)}")
        s.set_value(REGION, 2021, IND, 9.0)
    newest = backups.list_backups(db_path)[0]
    data = bytearray(newest.read_bytes())
    data[4096 * 2:4096 * 4] = b"\xff" * 8192
    newest.write_bytes(bytes(data))  # the newest is damaged: the one before it is taken
    r = cli(db_path, "restore", "--latest", "--yes")
    assert r.code == 0, r.err
    assert value_of(db_path) == 2.0
    assert "v2" in r.out and "v3" not in r.out.split("恢复前")[0]
    r = cli(db_path, "restore")
    assert r.code == 2 and r.err.startswith("错误：请给出备份文件")


def test_restore_latest_without_backups_says_so(db_path, cli):
    line = one_line(cli(db_path, "restore", "--latest", "--yes"))
    assert "没有完好的备份" in line


# ---- what a restore undoes, asked first ------------------------------------------------------------------

@pytest.fixture
def approved_since_backup(db_path, tmp_path):
    """A backup, then: an approval, a new clerk, a password for admin's stand-in, a catalog edit."""
    from desktop.catalog_admin import edit_indicator

    from desktop.domain import ValueChange

    with Services.open(db_path) as s:
        s.add_user("王审核", "supervisor")
        s.apply_changes([ValueChange(REGION, 2021, i.code, 4.6 if i.code == IND else None,
                                     None if i.code == IND else "本县当年未开展该项统计调查") for i in s.indicators()], "test")
        old = s.backup(tmp_path / "before-approval.sqlite")
        s.add_user("李填报", "clerk")
        workflow.set_password(s, "王审核", "secret-1")
        s.set_target(REGION, 2021, IND, 5.0)
        edit_indicator(s, IND, reason="改单位", unit="张/千人")
        workflow.submit(s, REGION, 2021)
        workflow.approve(s, REGION, 2021)
    return db_path, old


def test_the_preview_names_statuses_users_catalog_and_targets_undone(approved_since_backup):
    db, old = approved_since_backup
    with Services.open(db) as s:
        undone = s.restore_preview(old)
        text = "\n".join(undone.lines({REGION: "温岭市"}))
    assert undone.statuses == [{"region": REGION, "year": 2021, "now": "approved", "after": "draft"}]
    assert "状态 温岭市 2021年：现为已审核，恢复后为草稿" in text
    assert {u["name"]: u["change"] for u in undone.users} == {"李填报": "added", "王审核": "password"}
    assert "用户 李填报：将被删除" in text and "用户 王审核：密码将变回" in text
    assert undone.catalog["indicators_changed"] == 1 and "指标目录" in text
    assert undone.targets_changed == 1 and undone.values_changed == 0
    assert undone.audit_rows_undone >= 5 and f"{undone.audit_rows_undone} 条修改记录" in text


def test_the_preview_names_a_role_by_its_word():
    """A user removed since the backup or whose role changed: the preview says 审核人 and 填报员, not the codes."""
    from desktop.db.restore import Undone

    undone = Undone(users=[{"name": "王审核", "change": "role", "now": "supervisor", "after": "clerk"},
                           {"name": "赵管理", "change": "removed", "now": None, "after": "admin"}])
    assert undone.lines() == ["用户 王审核：角色 审核人 将变回 填报员", "用户 赵管理：将恢复（角色 管理员）"]


def test_the_cli_says_what_it_undoes_and_restores_only_on_yes(approved_since_backup, cli, monkeypatch):
    import io

    db, old = approved_since_backup
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    r = cli(db, "restore", old)
    assert r.code == 1 and "未恢复（没有确认" in r.err
    assert "状态 温岭市 2021年：现为已审核，恢复后为草稿" in r.out and "用户 李填报：将被删除" in r.out
    with Services.open(db) as s:
        assert s.dataset(REGION, 2021).status == "approved"
    assert not [p for p in backups.list_backups(db) if "before-restore" in p.name]
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    r = cli(db, "restore", old)
    assert r.code == 0, r.err
    with Services.open(db) as s:
        assert s.dataset(REGION, 2021).status == "draft"
        assert "李填报" not in {u.name for u in s.users()}


# ---- a concurrent writer is never lost ------------------------------------------------------------------

def _audited_values(db: Path) -> set[int]:
    conn = sqlite3.connect(db)
    try:
        return {int(float(r[0])) for r in conn.execute(
            "SELECT new FROM audit WHERE field = 'value' AND region = ? AND year = 2021 AND indicator = ? "
            "AND new IS NOT NULL", (REGION, IND))}
    finally:
        conn.close()


def run_restore_rounds(db: Path, tmp_path: Path, rounds: int) -> dict:
    with Services.open(db) as s:
        s.set_value(REGION, 2020, IND, 1.5)
        old = s.backup(tmp_path / "old.sqlite")
    writer = subprocess.Popen([sys.executable, str(HELPERS / "steady_writer.py"), str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    assert writer.stdout.readline().strip() == "READY", writer.stderr.read()
    safeties = []
    try:
        with Services.open(db) as s:
            for k in range(rounds):
                time.sleep(0.3)
                # kept aside at once: the rolling backups keep only the newest 10
                safeties.append(Path(shutil.copy(s.restore(old), tmp_path / f"safety-{k}.sqlite")))
        time.sleep(0.3)
    finally:
        out, err = writer.communicate("stop\n", timeout=120)
    saved = [int(line.split()[1]) for line in out.splitlines() if line.startswith("saved ")]
    refused = [line for line in out.splitlines() if line.startswith("refused ")]
    found = _audited_values(db)
    for safety in safeties:
        found |= _audited_values(safety)
    lost = [n for n in saved if n not in found]
    return {"rounds": rounds, "saved": len(saved), "refused": len(refused), "lost": lost, "err": err,
            "restored": sum(1 for _ in safeties)}


def _check_rounds(fig: dict) -> None:
    print(f"\n{fig['rounds']} restores with a writer saving meanwhile: {fig['saved']} values reported saved, "
          f"{len(fig['lost'])} lost, {fig['refused']} refused")
    assert fig["saved"] > 10 * fig["rounds"], fig  # the writer really wrote during the restores
    assert fig["lost"] == [], fig
    assert "Traceback" not in fig["err"], fig["err"]


def test_a_value_saved_during_a_restore_is_in_the_store_or_the_safety_backup(db_path, tmp_path):
    _check_rounds(run_restore_rounds(db_path, tmp_path, 5))


@pytest.mark.slow
def test_a_value_saved_during_a_restore_is_never_lost_30_rounds(db_path, tmp_path):
    _check_rounds(run_restore_rounds(db_path, tmp_path, 30))
