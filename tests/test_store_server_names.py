"""Migration 8 renames what a server database reserves: the table `user` (now `users`) and meta's column `key`
(now `name`). A store of schema 7 with users, passwords, an approved year and a catalog version must open,
be upgraded without loss, let its users log in with their passwords and pass the whole-store `verify`; a
backup of schema 7 must still restore (and be upgraded in the same transaction)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop import workflow
from desktop.catalog_admin import edit_indicator
from desktop.db import backups
from desktop.db.restore import _schema, reference_schema
from desktop.db.schema import SCHEMA_VERSION
from desktop.domain import ValueChange
from desktop.errors import AuthError
from desktop.services import Services

REGION, YEAR, IND = "331081", 2021, "BEDS_PER_1000"
EXPLAINED = "本县当年未开展该项统计调查"
USERS = {"admin": ("admin", False), "张三": ("clerk", True), "李四": ("supervisor", True), "王五": ("clerk", False)}


def _as_schema_7(path: Path) -> None:
    """Turn a store of this program back into one of schema 7, as the program before migration 8 left it."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("ALTER TABLE users RENAME TO user")
        conn.execute('ALTER TABLE meta RENAME COLUMN name TO "key"')
        conn.execute("PRAGMA user_version = 7")
        conn.commit()
        # exactly the tables and columns the migrations 1-7 make (what restore checks a backup against)
        assert _schema(conn) == reference_schema(7)
    finally:
        conn.close()


@pytest.fixture
def v7_store(tmp_path) -> tuple[Path, str]:
    """A schema-7 store: users with and without passwords (one changed once), values, a target, a catalog edit,
    a year submitted and approved. Returns its path and its catalog version."""
    path = tmp_path / "office.sqlite"
    with Services.init(path) as s:
        s.add_user("张三", "clerk", "first-pass")
        workflow.set_password(s, "张三", "zs-pass")
        s.add_user("李四", "supervisor", "ls-pass")
        s.add_user("王五", "clerk")
        s.apply_changes([ValueChange(REGION, YEAR, i.code, 4.6 if i.code == IND else None,
                                     "含新院区" if i.code == IND else EXPLAINED) for i in s.indicators()], "test")
        s.set_target(REGION, YEAR, IND, 5.0)
        edit_indicator(s, "HOSPITAL_BEDS", reason="口径", max=100000.0)
        workflow.submit(s, REGION, YEAR)
        workflow.approve(s, REGION, YEAR)
        version = s.catalog_version()
    _as_schema_7(path)
    return path, version


def _tables(path: Path) -> dict[str, tuple[str, ...]]:
    conn = sqlite3.connect(path)
    try:
        return _schema(conn)
    finally:
        conn.close()


def _users(services: Services) -> dict[str, tuple[str, bool]]:
    return {u.name: (u.role, u.has_password) for u in services.users()}


def test_a_schema_7_store_is_upgraded_and_its_users_log_in(v7_store, cli, monkeypatch):
    path, version = v7_store
    assert "user" in _tables(path) and "key" in _tables(path)["meta"]
    with Services.open(path) as s:
        assert _users(s) == USERS
        assert s.catalog_version() == version  # meta read under its new column name
        assert workflow.verify_password(s, "张三", "zs-pass").role == "clerk"
        assert workflow.verify_password(s, "李四", "ls-pass").role == "supervisor"
        with pytest.raises(AuthError, match="密码错误"):
            workflow.verify_password(s, "张三", "first-pass")  # the password changed before the upgrade holds
        assert s.get_region_year(REGION, YEAR).status == "approved"
        assert s.get_region_year(REGION, YEAR).values[IND].value == 4.6
    tables = _tables(path)
    assert "user" not in tables and tables["users"] == ("created_at", "name", "pw_hash", "pw_salt", "role")
    assert tables["meta"] == ("name", "value")
    assert tables == reference_schema(SCHEMA_VERSION)
    assert any("before-upgrade-v7" in p.name for p in backups.list_backups(path))

    # a write with a password after the upgrade, then the whole-store verify
    monkeypatch.setenv("CHI_PASSWORD", "ls-pass")
    assert cli(path, "reopen", REGION, YEAR, "--reason", "更正床位数", "--user", "李四").code == 0
    monkeypatch.setenv("CHI_PASSWORD", "wrong")
    r = cli(path, "reopen", REGION, YEAR, "--reason", "再次", "--user", "李四")
    assert r.code == 1 and "密码错误" in r.err
    monkeypatch.delenv("CHI_PASSWORD")
    r = cli(path, "verify", "--json")
    assert r.code == 0, r.out
    data = r.json()
    assert data["ok"] is True and data["integrity"] == ["ok"] and data["audit_chain"] == []
    for key in ("values", "statuses", "users", "targets", "catalog", "rules", "submissions", "absent"):
        assert data[key] == [], (key, data[key])


def test_verify_still_names_a_user_added_outside_the_program_after_the_upgrade(v7_store, cli):
    path, _ = v7_store
    with Services.open(path):
        pass
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO users VALUES ('黑客', 'admin', NULL, NULL, 't')")
    conn.commit()
    conn.close()
    r = cli(path, "verify", "--json")
    assert r.code == 1
    assert r.json()["users"] == ["用户 黑客（admin）：没有注册记录（在程序之外被加入）"]


def test_a_schema_7_backup_restores_into_an_upgraded_store(v7_store, tmp_path, cli, monkeypatch):
    path, version = v7_store
    backup = tmp_path / "v7-backup.sqlite"
    backup.write_bytes(path.read_bytes())
    with Services.open(path) as s:  # upgraded; then changes the backup does not have
        s.add_user("赵六", "clerk", "zl-pass")
        workflow.set_password(s, "李四", "new-pass")
        edit_indicator(s, "HOSPITAL_BEDS", reason="再改", max=200000.0)
        assert s.catalog_version() != version
        undone = s.restore_preview(backup)
    # the backup's users and catalog version are read under their schema-7 names
    assert {(u["name"], u["change"]) for u in undone.users} == {("赵六", "added"), ("李四", "password")}
    assert undone.catalog["version_after"] == version
    assert undone.statuses == []

    r = cli(path, "restore", "--yes", backup)
    assert r.code == 0, r.err
    assert _tables(path) == reference_schema(SCHEMA_VERSION)
    with Services.open(path) as s:
        assert _users(s) == USERS
        assert s.catalog_version() == version
        assert workflow.verify_password(s, "李四", "ls-pass").role == "supervisor"
        with pytest.raises(AuthError, match="未注册"):
            workflow.verify_password(s, "赵六", "zl-pass")
    r = cli(path, "verify", "--json")
    assert r.code == 0, r.out
    assert r.json()["users"] == [] and r.json()["audit_chain"] == []


def test_the_automatic_backup_before_the_upgrade_restores(v7_store, cli):
    """The rolling backup taken before migration 8 is a schema-7 file: it is checked against schema 7 and
    upgraded when restored."""
    path, _ = v7_store
    with Services.open(path):
        pass
    before = next(p for p in backups.list_backups(path) if "before-upgrade-v7" in p.name)
    conn = sqlite3.connect(before)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 7
    conn.close()
    r = cli(path, "restore", "--yes", before)
    assert r.code == 0, r.err
    with Services.open(path) as s:
        assert _users(s) == USERS
    assert cli(path, "verify", "--json").code == 0
