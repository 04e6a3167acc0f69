"""The command-line contract of the store commands: JSON shapes, exit codes, one clear line on bad input."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_init_regions_catalog_json(tmp_path, cli):
    db = tmp_path / "x.sqlite"
    assert cli(db, "init").code == 0
    regions = cli(db, "regions", "--json").json()
    assert len(regions) == 102
    assert {"code": "331081", "name": "温岭市", "level": "county", "parent_code": "331000"} in regions
    catalog = cli(db, "catalog", "--json").json()
    assert len(catalog) == 56
    first = catalog[0]
    for col in ("code", "section", "name", "unit", "kind", "decimals", "min", "max", "direction", "yoy_warn",
                "definition"):
        assert col in first


def test_set_get_audit_round_trip(db_path, cli):
    r = cli(db_path, "set", "温岭市", "2021", "BEDS_PER_1000", "4.65", "--note", "新院区投用")
    assert r.code == 0 and "4.65" in r.out
    got = cli(db_path, "get", "331081", "2021", "--json").json()
    assert got == {"region": "331081", "year": 2021, "status": "draft", "status_reason": None, "status_notes": {},
                   "values": {"BEDS_PER_1000": {"value": 4.65, "note": "新院区投用"}}}
    cli(db_path, "set", "331081", "2021", "BEDS_PER_1000", "4.7")
    audit = cli(db_path, "audit", "331081", "2021", "BEDS_PER_1000", "--json").json()
    values = [a for a in audit if a["field"] == "value"]
    assert [(a["old"], a["new"]) for a in values] == [(None, 4.65), (4.65, 4.7)]
    assert all(a["indicator"] == "BEDS_PER_1000" and a["user"] == "admin" and a["source"] == "cli"
               for a in audit)
    assert set(audit[0]) >= {"indicator", "old", "new", "user", "at", "source", "reason"}


def test_get_text_shows_prior_year(db_path, cli):
    cli(db_path, "set", "331081", "2019", "BEDS_PER_1000", "4.2")
    out = cli(db_path, "get", "331081", "2021").out
    assert "4.20（2019年）" in out and "草稿" in out


@pytest.mark.parametrize("args, words", [
    (("set", "温岭镇", "2021", "BEDS_PER_1000", "1"), "未知地区"),
    (("set", "331081", "20x1", "BEDS_PER_1000", "1"), "年份无效"),
    (("set", "331081", "2021", "BEDS", "1"), "未知指标"),
    (("set", "331081", "2021", "BEDS_PER_1000", "四点五"), "无效"),
    (("get", "331099", "2021"), "未知地区"),
    (("target", "331081", "2021", "BEDS_PER_1000", "x"), "无效"),
])
def test_bad_input_one_line_exit_1_nothing_written(db_path, cli, args, words):
    r = cli(db_path, *args)
    assert r.code == 1
    assert words in r.err and len(r.err.strip().splitlines()) == 1 and "Traceback" not in r.err
    assert cli(db_path, "audit", "331081", "2021", "--json").json() == []


def test_usage_error_exit_2(db_path, cli):
    assert cli(db_path, "set", "331081").code == 2
    assert cli(db_path, "nosuchcommand").code == 2


def test_missing_store_is_one_line(tmp_path, cli):
    r = cli(tmp_path / "none.sqlite", "get", "331081", "2021")
    assert r.code == 1 and "init" in r.err


def test_store_locked_by_another_process(db_path):
    """A store held by another writer longer than the busy timeout: one clear line, exit 1, nothing lost."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3,sys,time; c=sqlite3.connect(sys.argv[1]); c.execute('BEGIN IMMEDIATE');"
         "c.execute(\"UPDATE meta SET value=value\"); print('held', flush=True); time.sleep(30)", str(db_path)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        from desktop.errors import StoreLocked
        from desktop.services import Services

        s = Services.open(db_path, busy_timeout=0.3)
        try:
            with pytest.raises(StoreLocked, match="占用"):
                s.set_value("331081", 2021, "BEDS_PER_1000", "4.6")
        finally:
            s.close()
    finally:
        holder.kill()
        holder.wait()


def test_read_only_store_file(db_path, cli, monkeypatch):
    cli(db_path, "set", "331081", "2021", "BEDS_PER_1000", "4.6")
    os.chmod(db_path, 0o444)
    try:
        if os.access(db_path, os.W_OK):  # root writes read-only files: make the store see what a clerk's would
            import desktop.db.store as store_mod

            real_access = os.access
            monkeypatch.setattr(store_mod.os, "access",
                                lambda p, mode: False if mode == os.W_OK else real_access(p, mode))
        r = cli(db_path, "set", "331081", "2021", "BEDS_PER_1000", "5")
        assert r.code == 1 and "只读" in r.err
        assert cli(db_path, "get", "331081", "2021", "--json").json()["values"]["BEDS_PER_1000"]["value"] == 4.6
    finally:
        os.chmod(db_path, 0o644)


def test_user_add_and_unknown_user(db_path, cli):
    assert cli(db_path, "user", "add", "张三", "--role", "clerk").code == 0
    assert cli(db_path, "set", "331081", "2021", "BEDS_PER_1000", "4.6", "--user", "张三").code == 0
    audit = cli(db_path, "audit", "331081", "2021", "--json").json()
    assert audit[-1]["user"] == "张三"
    r = cli(db_path, "set", "331081", "2021", "BEDS_PER_1000", "4.7", "--user", "李四")
    assert r.code == 1 and "李四" in r.err


def test_backup_restore_commands(db_path, cli, tmp_path):
    cli(db_path, "set", "331081", "2021", "BEDS_PER_1000", "4.6")
    assert cli(db_path, "backup", "-o", tmp_path / "b.sqlite").code == 0
    cli(db_path, "set", "331081", "2021", "BEDS_PER_1000", "5.1")
    r = cli(db_path, "restore", "--yes", tmp_path / "b.sqlite")
    assert r.code == 0
    assert cli(db_path, "get", "331081", "2021", "--json").json()["values"]["BEDS_PER_1000"]["value"] == 4.6
    (tmp_path / "bad.sqlite").write_text("not a store")
    r = cli(db_path, "restore", "--yes", tmp_path / "bad.sqlite")
    assert r.code == 1 and "未恢复" in r.err


def test_main_py_runs_headless_as_a_process(tmp_path):
    db = tmp_path / "p.sqlite"
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    out = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), "init", "--demo"],
                         capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    out = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), "get", "瑞安市", "2021", "--json"],
                         capture_output=True, text=True, env=env)
    assert out.returncode == 0 and '"LIFE_EXPECTANCY"' in out.stdout


def test_set_shows_the_findings_on_the_value(db_path, cli):
    cli(db_path, "set", "331081", "2020", "AMBULANCES", "30")
    r = cli(db_path, "set", "331081", "2021", "AMBULANCES", "4.8")
    assert r.code == 0 and "4.8 辆" in r.out  # printed as stored, not rounded to the indicator's decimals
    assert "审核错误" in r.out and "整数" in r.out
    r = cli(db_path, "set", "331081", "2021", "AMBULANCES", "300")
    assert "审核核实" in r.out and "2020" in r.out


def test_audit_text_names_fields_and_statuses_in_chinese(db_path, cli):
    cli(db_path, "set", "331081", "2021", "BEDS_PER_1000", "4.65", "--note", "新院区投用")
    assert cli(db_path, "submit", "331081", "2021").code == 1  # incomplete: refused, and the refusal audited
    out = cli(db_path, "audit", "331081", "2021").out
    assert "数值" in out and "说明" in out and "被拒绝的操作" in out
    assert not any(word in out for word in ("value", "note", "denied"))


@pytest.mark.parametrize("args, words", [
    (("report", "331081", "2021"), "缺少参数：-o/--output"),
    (("get", "331081"), "缺少参数：year"),
    (("frob",), "参数 COMMAND 的值 'frob' 无效"),
    (("get", "331081", "2021", "--bogus"), "无法识别的参数：--bogus"),
    (("user", "add", "x", "--role", "boss"), "参数 --role 的值 'boss' 无效"),
    (("report", "331081", "2021", "-o"), "参数 -o/--output 后面缺少一个值"),
    (("passwd", "admin"), "须给出以下参数之一：--password-env --remove"),
])
def test_usage_errors_exit_2_with_one_chinese_line(db_path, cli, args, words):
    r = cli(db_path, *args)
    last = r.err.strip().splitlines()[-1]
    assert r.code == 2 and "用法错误：" in last and words in last, r.err
    assert not any(english in last for english in ("required", "invalid choice", "unrecognized", "expected one"))


def test_large_counts_and_long_fractions_printed_with_every_digit(db_path, cli):
    # 1234567 shown as 1.23457e+06 loses digits the clerk typed; ranges such as 0–1e+07 read as code, not figures
    r = cli(db_path, "set", "331081", "2021", "FLU_VACCINE_ELDERLY", "1234567")
    assert "1234567 人" in r.out and "e+" not in r.out
    r = cli(db_path, "set", "331081", "2021", "POP_RESIDENT", "140.123456789")
    assert "140.123456789 万人" in r.out
    r = cli(db_path, "set", "331081", "2021", "HOSPITAL_BEDS", "12345.5")
    assert "12345.5 张" in r.out and "却是12345.5" in r.out and "e+" not in r.out
    out = cli(db_path, "catalog").out
    assert "0–10000000" in out and "e+" not in out


def test_regions_text_names_levels_in_chinese_json_keeps_the_contract(db_path, cli):
    out = cli(db_path, "regions").out
    assert "330000  浙江省" in out and "省" in out and "县（市、区）" in out
    assert not any(word in out for word in ("province", "county"))
    assert {r["level"] for r in cli(db_path, "regions", "--json").json()} == {"province", "city", "county"}


def test_backup_to_a_folder_says_so_in_chinese(db_path, cli, tmp_path):
    r = cli(db_path, "backup", "-o", tmp_path)
    assert r.code == 1 and "是一个文件夹" in r.err and "Is a directory" not in r.err


def test_set_clearing_a_value_prints_empty_without_a_unit(db_path, cli):
    cli(db_path, "set", "331081", "2021", "U5_MORTALITY", "3.1")
    r = cli(db_path, "set", "331081", "2021", "U5_MORTALITY", "—", "--note", "本年未统计")
    assert r.code == 0 and "5岁以下儿童死亡率：（空），说明：本年未统计" in r.out
    assert "3.1 ‰" in cli(db_path, "set", "331081", "2021", "U5_MORTALITY", "3.1").out
