"""Backups: rolling backups by SQLite's backup API, bounded and named by time, before every import,
restore and migration; `backup -o` and `restore FILE` checked on the command line, refusing what is
no intact store of this program, and always backing up the current store first."""

from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path

from desktop.db import backups
from desktop.db.schema import SCHEMA_VERSION, migrate
from desktop.db.store import open_store
from desktop.services import Services

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "helpers"))

import workbooks  # noqa: E402


def one_line(r) -> str:
    assert r.code == 1, (r.code, r.out, r.err)
    lines = [x for x in r.err.splitlines() if x.strip()]
    assert len(lines) == 1 and lines[0].startswith("错误：") and "Traceback" not in r.err, r.err
    return lines[0]


def value_of(cli, db, year=2021):
    r = cli(db, "get", "331081", year, "--json")
    assert r.code == 0, r.err
    return r.json()["values"].get("BEDS_PER_1000", {}).get("value")


def test_rolling_backups_are_named_by_time_bounded_and_intact(services):
    made = []
    for i in range(backups.KEEP + 3):
        services.set_value("331081", 2021, "BEDS_PER_1000", 4.0 + i / 10)
        made.append(services.backup(reason=f"step {i}/中文"))
        time.sleep(0.002)
    kept = backups.list_backups(services.store.path)
    assert len(kept) == backups.KEEP
    assert kept == sorted(kept, key=lambda p: p.stat().st_mtime_ns, reverse=True)  # newest first
    assert kept[0] == made[-1] and made[0] not in kept  # the oldest went
    assert all(backups.is_good_store(p) for p in kept)
    conn = sqlite3.connect(kept[0])
    assert conn.execute("SELECT value FROM value WHERE indicator = 'BEDS_PER_1000'").fetchone()[0] == 4.0 + (
        backups.KEEP + 2) / 10
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file, copyable alone
    conn.close()


def test_a_leftover_partial_backup_is_never_taken_for_a_good_one(services):
    good = services.backup(reason="good")
    folder = backups.backup_dir(services.store.path)
    (folder / "store-20991231-235959-000000-x.sqlite.part").write_bytes(b"SQLite format 3\x00" + b"\0" * 100)
    broken = folder / "store-20991231-235959-999999-broken.sqlite"
    broken.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    assert backups.list_backups(services.store.path)[0] == broken
    assert backups.newest_good_backup(services.store.path) == good


def test_import_makes_a_backup_first(db_path, cli, tmp_path):
    book = workbooks.write_exchange(tmp_path / "上报.xlsx", [["331081", "温岭市", 2021, "BEDS_PER_1000", "", "", 4.6, ""]])
    assert cli(db_path, "set", "331081", "2021", "BEDS_PER_1000", "4.1").code == 0
    assert cli(db_path, "import", book).code == 0
    saved = backups.list_backups(db_path)
    assert saved and "before-import" in saved[0].name
    conn = sqlite3.connect(saved[0])
    assert conn.execute("SELECT value FROM value WHERE indicator = 'BEDS_PER_1000'").fetchone()[0] == 4.1
    conn.close()
    assert value_of(cli, db_path) == 4.6


def test_backup_command_writes_an_intact_store_and_refuses_bad_targets(db_path, cli, tmp_path):
    assert cli(db_path, "set", "331081", "2021", "BEDS_PER_1000", "4.6").code == 0
    out = tmp_path / "备份 1.sqlite"
    r = cli(db_path, "backup", "-o", out)
    assert r.code == 0 and str(out) in r.out
    backups.check_restorable(out)
    line = one_line(cli(db_path, "backup", "-o", tmp_path / "no such folder" / "x.sqlite"))
    assert "备份" in line and "no such folder" in line
    line = one_line(cli(db_path, "backup", "-o", db_path))
    assert "数据库本身" in line
    assert value_of(cli, db_path) == 4.6


def _foreign(tmp_path) -> Path:
    p = tmp_path / "foreign.sqlite"
    conn = sqlite3.connect(p)
    conn.execute("CREATE TABLE value(x)")
    conn.commit()
    conn.close()
    return p


def _newer(tmp_path, db_path) -> Path:
    p = tmp_path / "newer.sqlite"
    Services.open(db_path).backup(p)
    conn = sqlite3.connect(p)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    return p


def _damaged(tmp_path, db_path) -> Path:
    p = tmp_path / "damaged.sqlite"
    s = Services.open(db_path)
    s.backup(p)
    s.close()
    data = bytearray(p.read_bytes())
    data[4096 * 2:4096 * 5] = b"\xff" * (4096 * 3)
    p.write_bytes(bytes(data))
    return p


def test_restore_refuses_what_is_no_intact_store_of_this_program(db_path, cli, tmp_path):
    assert cli(db_path, "set", "331081", "2021", "BEDS_PER_1000", "4.6").code == 0
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    cases = [(tmp_path / "missing.sqlite", "不存在"), (text, "不是完好的SQLite"), (_foreign(tmp_path), "不是本程序"),
             (_newer(tmp_path, db_path), "更新版本"), (_damaged(tmp_path, db_path), "不是完好的SQLite")]
    before = len(backups.list_backups(db_path))
    for path, words in cases:
        line = one_line(cli(db_path, "restore", "--yes", path))
        assert words in line and path.name in line
    assert value_of(cli, db_path) == 4.6
    assert len(backups.list_backups(db_path)) == before  # a refused restore touches nothing


def test_restore_backs_up_first_and_an_open_program_sees_the_restored_data(db_path, cli, tmp_path):
    assert cli(db_path, "set", "331081", "2021", "BEDS_PER_1000", "4.6").code == 0
    old = tmp_path / "old.sqlite"
    assert cli(db_path, "backup", "-o", old).code == 0
    assert cli(db_path, "set", "331081", "2021", "BEDS_PER_1000", "9.9").code == 0
    window = Services.open(db_path)  # a window holding the store open
    try:
        r = cli(db_path, "restore", "--yes", old)
        assert r.code == 0, r.err
        safety = backups.list_backups(db_path)[0]
        assert "before-restore" in safety.name and str(safety) in r.out
        conn = sqlite3.connect(safety)
        assert conn.execute("SELECT value FROM value WHERE indicator = 'BEDS_PER_1000'").fetchone()[0] == 9.9
        conn.close()
        assert window.get_region_year("331081", 2021).values["BEDS_PER_1000"].value == 4.6
        window.set_value("331081", 2021, "BEDS_PER_1000", 4.7)  # and it goes on working
    finally:
        window.close()
    assert value_of(cli, db_path) == 4.7
    assert cli(db_path, "verify").code == 0


def test_restore_of_an_older_version_backup_is_upgraded(db_path, cli, tmp_path):
    old = tmp_path / "v1.sqlite"
    store = open_store(old, create=True, migrate_store=False)
    migrate(store.db, upto=1)
    with store.write() as db:
        db.execute("INSERT INTO region VALUES ('331081', '温岭市', 'county', NULL)")
        db.execute("INSERT INTO indicator(code, section, name, unit, kind, decimals) "
                   "VALUES ('BEDS_PER_1000', '医疗资源', '每千人口医疗机构床位数', '张', 'per1000', 2)")
        db.execute("INSERT INTO value VALUES ('331081', 2021, 'BEDS_PER_1000', 3.3, '', 't', 'admin', 'cli')")
        db.execute("INSERT INTO user VALUES ('admin', 'admin', NULL, NULL, 't')")
    store.close()
    r = cli(db_path, "restore", "--yes", old)
    assert r.code == 0, r.err
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
    assert value_of(cli, db_path) == 3.3


def test_partial_backups_left_by_a_crash_are_cleared_later(services):
    import os

    folder = backups.backup_dir(services.store.path)
    folder.mkdir(exist_ok=True)
    old = folder / "store-20200101-000000-000000-crash.sqlite.part"
    fresh = folder / "store-20990101-000000-000000-running.sqlite.part"
    for p in (old, fresh):
        p.write_bytes(b"SQLite format 3\x00" + b"\0" * 4096)
    hours_ago = time.time() - 2 * backups.STALE_PART_S
    os.utime(old, (hours_ago, hours_ago))
    services.backup(reason="next")
    assert not old.exists() and fresh.exists()  # a fresh one may be another program's backup under way


def test_a_restore_is_audited_and_the_chain_stays_whole(db_path, cli, tmp_path):
    assert cli(db_path, "set", "331081", "2021", "BEDS_PER_1000", "4.6").code == 0
    old = tmp_path / "old.sqlite"
    assert cli(db_path, "backup", "-o", old).code == 0
    assert cli(db_path, "set", "331081", "2021", "BEDS_PER_1000", "9.9").code == 0
    assert cli(db_path, "restore", "--yes", old).code == 0
    s = Services.open(db_path)
    try:
        rows = [r for r in s.audit() if r.field == "restore"]
        assert len(rows) == 1 and rows[0].new == "old.sqlite" and "before-restore" in rows[0].reason
        assert s.verify_audit() == [] and s.verify_values() == []
    finally:
        s.close()
