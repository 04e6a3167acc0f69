"""Reads that a write acts on are made inside the write's transaction, through desktop/db/locks.py (the
Writer's `dataset_now`, `approved_years_using`, `user_now`, `admins_now`): what another program changed
between a plan and its write is seen, not overwritten. Each case makes that change in between, as a second
program on the same store would."""

from __future__ import annotations

import sqlite3

import openpyxl
import pytest

from desktop import workflow
from desktop.catalog_admin import CatalogEditError, edit_indicator
from desktop.domain import ValueChange
from desktop.errors import WorkflowError
from desktop.exchange.importer import commit_import, plan_import
from desktop.services import Services

REGION, YEAR, IND = "331081", 2021, "BEDS_PER_1000"
EXPLAINED = "本县当年未开展该项统计调查"


def _fill(s: Services) -> None:
    s.apply_changes([ValueChange(REGION, YEAR, i.code, 4.6 if i.code == IND else None,
                                 None if i.code == IND else EXPLAINED) for i in s.indicators()], "test")


def _audit_count(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    finally:
        conn.close()


def test_a_catalog_change_sees_an_approval_made_since_it_was_asked(tmp_path):
    path = tmp_path / "store.sqlite"
    with Services.init(path) as s:
        _fill(s)
        workflow.submit(s, REGION, YEAR)
        edit_indicator(s, IND, reason="小数位", decimals=1)  # submitted, not yet approved: allowed
        with Services.open(path) as other:
            workflow.approve(other, REGION, YEAR)  # another program approves meanwhile
        version, rows = s.catalog_version(), _audit_count(path)
        with pytest.raises(CatalogEditError, match=r"在已审核的年度中有数值（温岭市 2021年）.*不能修改小数位数"):
            edit_indicator(s, IND, reason="小数位", decimals=3)
        assert s.indicator(IND).decimals == 1 and s.catalog_version() == version
        assert _audit_count(path) == rows
        # a change the approval does not touch still goes through
        assert edit_indicator(s, IND, reason="说明", definition="每千常住人口床位").definition == "每千常住人口床位"


def test_an_import_sees_a_status_changed_since_its_plan(tmp_path, cli):
    county, city = tmp_path / "county.sqlite", tmp_path / "city.sqlite"
    with Services.init(county) as s:
        _fill(s)
        workflow.submit(s, REGION, YEAR)
        workflow.approve(s, REGION, YEAR)
    Services.init(city).close()
    book = tmp_path / "county.xlsx"
    assert cli(county, "export", REGION, YEAR, "-o", book).code == 0
    assert openpyxl.load_workbook(book)["状态"]["A2"].value is not None
    with Services.open(city) as s:
        plan = plan_import(s, [book])
        assert [(d.line.region_code, d.line.status, d.local.status) for d, _, _ in plan.statuses] == \
            [(REGION, "approved", "draft")]
        with Services.open(city) as other, other.write() as w:  # another program moves the year meanwhile
            w.status(REGION, YEAR, "draft", "submitted", "test")
        rows = _audit_count(city)
        with pytest.raises(WorkflowError, match="温岭市 2021年的状态刚被改为“submitted”，请重新导入"):
            commit_import(s, plan, backup=False)
        assert s.dataset(REGION, YEAR).status == "submitted"
        assert s.get_region_year(REGION, YEAR).values == {}  # nothing of the workbook was written
        assert _audit_count(city) == rows


def test_a_password_change_keeps_a_role_changed_while_the_password_was_hashed(tmp_path, cli, monkeypatch):
    path = tmp_path / "store.sqlite"
    with Services.init(path) as s:
        s.add_user("张三", "clerk", "zs-pass")
    real_hash = workflow.service.hash_password

    def hash_while_promoted(password):  # scrypt takes a while: an admin's other program acts meanwhile
        with Services.open(path) as other:
            other.add_user("张三", "supervisor")
        return real_hash(password)

    monkeypatch.setattr(workflow.service, "hash_password", hash_while_promoted)
    with Services.open(path) as s:
        workflow.set_password(s, "张三", "new-pass")
        user = workflow.verify_password(s, "张三", "new-pass")
    assert user.role == "supervisor"  # the role as stored when the password was written, not as first read
    r = cli(path, "verify", "--json")
    assert r.code == 0 and r.json()["users"] == [], r.out


def test_a_submission_sees_a_value_changed_while_it_was_validated(tmp_path, monkeypatch):
    path = tmp_path / "store.sqlite"
    with Services.init(path) as s:
        _fill(s)
    real_check = workflow.service.blocking_for_submit

    def check_while_edited(services, region, year):  # validation reads the values; a clerk saves meanwhile
        with Services.open(path) as other:
            other.set_value(REGION, YEAR, IND, 4.7, note="更正")
        return real_check(services, region, year)

    monkeypatch.setattr(workflow.service, "blocking_for_submit", check_while_edited)
    with Services.open(path) as s:
        with pytest.raises(WorkflowError, match="温岭市 2021年数据在审核期间被修改，请重新提交"):
            workflow.submit(s, REGION, YEAR)
        assert s.dataset(REGION, YEAR).status == "draft"
        assert workflow.submission_history(s, REGION, YEAR) == []
        assert s.get_region_year(REGION, YEAR).values[IND].value == 4.7
