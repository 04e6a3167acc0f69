"""No path writes around a password. Every command of the command line is listed here as
writing or reading; a command added later without a place in the lists fails the first test. Each writing
command, run without admin's password, is refused with exit 1 and leaves every table as it was (only the
audit rows recording the refusal may be added); with the password it is not refused for the password.
`init --demo` needs admin's password on an existing store and never writes over entered data; an approved
year's reports keep their indicators' unit, decimals, kind and rows."""

from __future__ import annotations

import io
import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop import workflow
from desktop.catalog_admin import CatalogEditError, default_rules_text, edit_indicator, hide_indicator
from desktop.domain import ValueChange
from desktop.services import Services

REGION, YEAR, IND = "331081", 2021, "BEDS_PER_1000"
ADMIN_PW = "adm-pass"
EXPLAINED = "本县当年未开展该项统计调查"

# command -> arguments ({dir} is the test's folder); each writes to the store (or, for backup, its content out)
WRITES = {
    "init": [["init"], ["init", "--demo"]],
    "set": [["set", REGION, YEAR, IND, "5.5"]],
    "target": [["target", REGION, YEAR, IND, "6"]],
    "user": [["user", "add", "王五", "--role", "admin"]],
    "restore": [["restore", "--yes", "{dir}/old.sqlite"]],
    "submit": [["submit", "330381", YEAR]],
    "approve": [["approve", "330382", YEAR]],
    "return": [["return", "330382", YEAR, "--reason", "再核"]],
    "reopen": [["reopen", "330383", YEAR, "--reason", "再核"]],
    "accept": [["accept", "330383", YEAR]],
    "passwd": [["passwd", "张三", "--remove"]],
    "import": [["import", "{dir}/in.xlsx"]],
    "indicator": [["indicator", "add", "NEW_ONE", "--section", "其他", "--name", "新指标", "--unit", "个",
                   "--kind", "count"], ["indicator", "edit", IND, "--max", "30"], ["indicator", "hide", IND],
                  ["indicator", "show", "HOSPITAL_BEDS"]],
    "rules": [["rules", "set", "{dir}/rules.txt"]],
    "backup": [["backup", "-o", "{dir}/copy.sqlite"]],
    "mark-absent": [["mark-absent", "330381", YEAR, "HOSPITAL_BEDS", "--reason", "本县卫健局当年未开展床位统计调查"]],
    "clear-absent": [["clear-absent", "330382", YEAR, "HOSPITAL_BEDS"]],
}
# reading commands (they need the password too when the acting user has one: checked for a few)
READS = {"catalog", "regions", "get", "audit", "verify", "validate", "changes", "audit-export", "template",
         "export", "report", "extract", "about", "aggregate", "status", "compare"}


def _commands() -> set[str]:
    from desktop.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return set(sub.choices)


def test_every_command_is_listed_as_writing_or_reading():
    assert _commands() == set(WRITES) | READS


def _fingerprint(db: Path) -> dict:
    """Every table's rows; of the audit only the rows that are no refusal or failed log-in."""
    conn = sqlite3.connect(db)
    try:
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND name NOT LIKE 'sqlite_%' AND name != 'audit'")]
        out = {t: sorted(map(repr, conn.execute(f'SELECT * FROM "{t}"'))) for t in tables}
        out["audit"] = conn.execute("SELECT id, field, new FROM audit WHERE field NOT IN ('denied', 'login') "
                                    "ORDER BY id").fetchall()
        return out
    finally:
        conn.close()


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """admin with a password, a clerk with one; 瑞安市 ready to submit, 乐清市 submitted, 龙港市 approved;
    a backup, a workbook to import and a rules file beside it."""
    folder = tmp_path_factory.mktemp("auth")
    db = folder / "base.sqlite"
    with Services.init(db) as s:
        s.add_user("张三", "clerk", "zs-pass")
        for county in ("330381", "330382", "330383"):
            s.apply_changes([ValueChange(county, YEAR, i.code, 4.6 if i.code == IND else None,
                                         None if i.code == IND else EXPLAINED) for i in s.indicators()], "test")
        s.set_value(REGION, YEAR, IND, 4.1)
        s.backup(folder / "old.sqlite")
        workflow.submit(s, "330382", YEAR)
        workflow.submit(s, "330383", YEAR)
        workflow.approve(s, "330383", YEAR)
        from desktop.exchange import export_workbook

        export_workbook(s, [REGION], [YEAR], folder / "in.xlsx")
        s.set_value(REGION, YEAR, IND, 4.2)  # the workbook (4.1) would change it
        workflow.set_password(s, "admin", ADMIN_PW)
    (folder / "rules.txt").write_text(default_rules_text() + "\n# 本地补充\n", encoding="utf-8")
    return db


def _run(cli, base: Path, tmp_path: Path, args: list, monkeypatch, password: str | None):
    db = tmp_path / "store.sqlite"
    shutil.copy(base, db)
    for name in ("old.sqlite", "in.xlsx", "rules.txt"):
        shutil.copy(base.with_name(name), tmp_path / name)
    if password is None:
        monkeypatch.delenv("CHI_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("CHI_PASSWORD", password)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    argv = [str(a).replace("{dir}", str(tmp_path)) for a in args]
    return db, cli(db, *argv)


@pytest.mark.parametrize("args", [a for group in WRITES.values() for a in group], ids=lambda a: " ".join(map(str, a[:2])))
def test_a_writing_command_without_admins_password_writes_nothing(base, tmp_path, cli, monkeypatch, args):
    before = _fingerprint(base)
    db, r = _run(cli, base, tmp_path, args, monkeypatch, None)
    assert r.code == 1, (args, r.out, r.err)
    assert "设有密码，但未提供密码" in r.err, r.err
    assert _fingerprint(db) == before
    assert not (tmp_path / "copy.sqlite").exists()
    # with the password the same command is not refused for the password
    (tmp_path / "with").mkdir()
    _, r = _run(cli, base, tmp_path / "with", args, monkeypatch, ADMIN_PW)
    assert "未提供密码" not in r.err and "密码错误" not in r.err, r.err


def test_a_wrong_password_is_refused_too(base, tmp_path, cli, monkeypatch):
    before = _fingerprint(base)
    db, r = _run(cli, base, tmp_path, ["set", REGION, YEAR, IND, "9"], monkeypatch, "wrong")
    assert r.code == 1 and "密码错误：用户 admin" in r.err
    assert _fingerprint(db) == before


@pytest.mark.parametrize("args", [["get", REGION, YEAR], ["export", REGION, YEAR, "-o", "{dir}/x.xlsx"],
                                  ["audit-export", "-o", "{dir}/a.xlsx"], ["verify"]])
def test_reading_needs_the_password_of_a_user_who_has_one(base, tmp_path, cli, monkeypatch, args):
    _, r = _run(cli, base, tmp_path, args, monkeypatch, None)
    assert r.code == 1 and "设有密码" in r.err
    assert not (tmp_path / "x.xlsx").exists() and not (tmp_path / "a.xlsx").exists()


# ---- init --demo -------------------------------------------------------------------------------------

def test_init_demo_never_writes_over_entered_values(tmp_path, cli):
    db = tmp_path / "s.sqlite"
    assert cli(db, "init").code == 0
    assert cli(db, "set", "330381", 2021, "POP_RESIDENT", "150.5", "--note", "统计公报").code == 0
    r = cli(db, "init", "--demo")
    assert r.code == 1 and "已有录入的数据" in r.err and "未载入" in r.err
    with Services.open(db) as s:
        rec = s.get_region_year("330381", 2021).values["POP_RESIDENT"]
        assert (rec.value, rec.note) == (150.5, "统计公报")
        assert s.statuses(2021) == {}


def test_init_demo_into_a_new_store_needs_no_password(tmp_path, cli):
    r = cli(tmp_path / "new.sqlite", "init", "--demo")
    assert r.code == 0, r.err
    assert "已载入演示数据" in r.out


# ---- approved years keep their catalog ----------------------------------------------------------------

@pytest.fixture
def approved(db_path):
    with Services.open(db_path) as s:
        s.apply_changes([ValueChange(REGION, YEAR, i.code, 4.6 if i.code == IND else None,
                                     None if i.code == IND else EXPLAINED) for i in s.indicators()], "test")
        workflow.submit(s, REGION, YEAR)
        workflow.approve(s, REGION, YEAR)
    return db_path


@pytest.mark.parametrize("change", [{"unit": "张/千人"}, {"decimals": 0}])
def test_unit_or_decimals_of_an_indicator_in_an_approved_year_are_refused(approved, tmp_path, cli, change):
    pdf = tmp_path / "before.pdf"
    assert cli(approved, "report", REGION, YEAR, "-o", pdf).code == 0
    with Services.open(approved) as s:
        version = s.catalog_version()
        with pytest.raises(CatalogEditError) as info:
            edit_indicator(s, IND, reason="改", **change)
        assert "温岭市 2021年" in str(info.value) and "已审核" in str(info.value)
        assert s.catalog_version() == version
        ind = s.indicator(IND)
        assert (ind.unit, ind.decimals) == ("张", 2)
        edit_indicator(s, IND, reason="名称可以改", definition="新的定义")  # what no report figure shows
    assert cli(approved, "verify").code == 0


def test_hiding_an_indicator_of_an_approved_year_is_refused_and_the_report_keeps_its_row(approved, tmp_path, cli):
    with Services.open(approved) as s:
        with pytest.raises(CatalogEditError, match="停用"):
            hide_indicator(s, IND)
        assert s.indicator(IND).hidden is False
    r = cli(approved, "indicator", "hide", IND)
    assert r.code == 1 and "已审核" in r.err


def test_after_a_reopen_the_unit_may_change(approved):
    with Services.open(approved) as s:
        workflow.reopen(s, REGION, YEAR, "改单位")
        edit_indicator(s, IND, reason="改", unit="张/千人")
        assert s.indicator(IND).unit == "张/千人"
