"""verify covers the whole store: statuses, users and passwords, targets, catalog, rules and
submissions are compared with a replay of the audit trail. Each tamper case is a direct SQL edit of the
file, as someone with the file and an SQLite tool would make it; `verify` must name it (exit 1). Every write
path of the fixture leaves no false alarm first."""

from __future__ import annotations

import sqlite3

import pytest

from desktop import workflow
from desktop.catalog_admin import default_rules_text, edit_indicator, save_rules
from desktop.domain import ValueChange
from desktop.services import Services

REGION, YEAR, IND = "331081", 2021, "BEDS_PER_1000"
OTHER = "330381"
EXPLAINED = "本县当年未开展该项统计调查"


def _raw(db, *statements):
    conn = sqlite3.connect(db)
    try:
        for sql in statements:
            conn.execute(sql)
        conn.commit()
    finally:
        conn.close()


@pytest.fixture
def office(tmp_path, cli):
    """A store every audited table has rows in: users with passwords, an approved and a draft year, targets,
    a catalog edit, saved rules, a submission."""
    db = tmp_path / "office.sqlite"
    with Services.init(db) as s:
        s.add_user("张三", "clerk", "zs-pass")
        s.add_user("李四", "supervisor", "ls-pass")
        s.add_user("王五", "clerk")
        s.apply_changes([ValueChange(REGION, YEAR, i.code, 4.6 if i.code == IND else None,
                                     None if i.code == IND else EXPLAINED) for i in s.indicators()], "test")
        s.set_value(OTHER, YEAR, IND, 3.9, note="草稿")
        s.set_target(REGION, YEAR, IND, 5.0)
        s.set_target(OTHER, YEAR, IND, 4.0)
        edit_indicator(s, "HOSPITAL_BEDS", reason="口径", max=100000.0)
        save_rules(s, default_rules_text() + "\n# 本地补充\n", reason="加注释")
        from desktop.absent import mark_absent

        mark_absent(s, OTHER, YEAR, ["HOSPITAL_BEDS"], "na", "本县没有这一类医疗机构，故不适用")
        workflow.submit(s, REGION, YEAR)
        workflow.approve(s, REGION, YEAR)
    r = cli(db, "verify", "--json")
    assert r.code == 0, r.out
    data = r.json()
    for key in ("statuses", "users", "targets", "catalog", "rules", "submissions", "absent", "audit_sequence"):
        assert data[key] == [], (key, data[key])
    return db


def _named(cli, db, key, *words):
    r = cli(db, "verify", "--json")
    assert r.code == 1, r.out
    data = r.json()
    assert data["ok"] is False
    found = "；".join(data[key])
    for w in words:
        assert w in found, (key, data[key])
    text = cli(db, "verify")
    assert text.code == 1 and all(w in text.out for w in words)
    return data


def test_a_dataset_set_to_approved_with_one_insert_is_named(office, cli):
    _raw(office, f"INSERT INTO dataset VALUES ('{OTHER}', {YEAR}, 'approved', 't', 'admin', '')")
    _named(cli, office, "statuses", "瑞安市", OTHER, "approved", "没有任何状态变更记录")


def test_an_approved_dataset_set_back_to_draft_is_named(office, cli):
    _raw(office, f"UPDATE dataset SET status = 'draft' WHERE region = '{REGION}' AND year = {YEAR}")
    _named(cli, office, "statuses", REGION, "库中为 draft", "审计记录最后为 approved")


def test_a_clerk_raised_to_admin_is_named(office, cli):
    _raw(office, "UPDATE users SET role = 'admin' WHERE name = '张三'")
    _named(cli, office, "users", "张三", "库中角色为 admin", "clerk")


def test_a_supervisors_password_cleared_is_named(office, cli):
    _raw(office, "UPDATE users SET pw_hash = NULL, pw_salt = NULL WHERE name = '李四'")
    _named(cli, office, "users", "李四", "没有密码")


def test_a_password_replaced_by_one_the_attacker_knows_is_named(office, cli):
    from desktop.auth import hash_password

    h, salt = hash_password("attacker")
    _raw(office, f"UPDATE users SET pw_hash = '{h}', pw_salt = '{salt}' WHERE name = '李四'")
    _named(cli, office, "users", "李四", "密码与审计记录中最后设定的不符")


def test_a_password_given_to_a_user_without_one_is_not_named_but_an_inserted_admin_is(office, cli):
    _raw(office, "INSERT INTO users VALUES ('黑客', 'admin', NULL, NULL, 't')")
    _named(cli, office, "users", "黑客", "没有注册记录")


def test_a_changed_or_deleted_target_is_named(office, cli):
    _raw(office, f"UPDATE target SET value = 9.9 WHERE region = '{REGION}'",
         f"DELETE FROM target WHERE region = '{OTHER}'")
    _named(cli, office, "targets", "库中为 9.9", "审计记录最后为 5", "库中为 （无）", "审计记录最后为 4")


@pytest.mark.parametrize("sql, field", [
    (f"UPDATE indicator SET unit = '床' WHERE code = '{IND}'", "unit"),
    (f"UPDATE indicator SET decimals = 0 WHERE code = '{IND}'", "decimals"),
    ("UPDATE indicator SET max = 5 WHERE code = 'HOSPITAL_BEDS'", "max"),
    (f"UPDATE indicator SET hidden = 1 WHERE code = '{IND}'", "hidden"),
])
def test_an_indicator_changed_in_the_file_is_named(office, cli, sql, field):
    _raw(office, sql)
    _named(cli, office, "catalog", field, "与目录的审计记录不符")


def test_a_mark_changed_or_inserted_in_the_file_is_named(office, cli):
    _raw(office, "UPDATE absent_value SET reason = '改过的原因'",
         f"INSERT INTO absent_value VALUES ('{REGION}', {YEAR}, 'LICENSED_DOCTORS', 'uncollected', 'x', 't', 'admin')")
    _named(cli, office, "absent", "改过的原因", "LICENSED_DOCTORS", "库中为 uncollected")


def test_changed_rules_are_named(office, cli):
    _raw(office, "UPDATE rule_set SET text = text || '\nerror: BEDS_PER_1000 > 1000'")
    _named(cli, office, "rules", "内容不符")


def test_a_changed_submission_snapshot_is_named(office, cli):
    _raw(office, f"UPDATE submission_value SET value = 7.7 WHERE indicator = '{IND}'")
    _named(cli, office, "submissions", "冻结的数值与审计记录不符", IND)


def test_a_deleted_submission_is_named(office, cli):
    _raw(office, "DELETE FROM submission_value", "DELETE FROM submission")
    _named(cli, office, "submissions", "缺失")


def test_the_last_audit_row_deleted_with_its_counter_set_back_is_named(office, cli):
    # the last row is the approval: deleted, and sqlite_sequence set back so the chain looks whole
    _raw(office, "DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)",
         "UPDATE sqlite_sequence SET seq = (SELECT max(id) FROM audit) WHERE name = 'audit'")
    data = _named(cli, office, "statuses", REGION, "库中为 approved", "审计记录最后为 submitted")
    assert data["audit_chain"] == []  # the chain alone cannot see it


def test_the_last_audit_row_deleted_with_sqlite_sequence_is_named(office, cli):
    _raw(office, "DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)",
         "DELETE FROM sqlite_sequence WHERE name = 'audit'")
    data = _named(cli, office, "audit_sequence", "sqlite_sequence")
    assert data["statuses"]  # and the approval it recorded is named too


def test_legitimate_paths_leave_no_false_alarm(office, cli):
    with Services.open(office, user="李四") as s:
        workflow.authenticate_cli(s, lambda prompt: "ls-pass")
        workflow.reopen(s, REGION, YEAR, "口径有误")
    with Services.open(office) as s:
        workflow.set_password(s, "王五", "ww-pass")
        workflow.set_password(s, "张三", None)
        s.add_user("张三", "supervisor")
        s.set_target(REGION, YEAR, IND, None)
        edit_indicator(s, IND, reason="改名", name="每千人口床位数")
        s.set_value(OTHER, YEAR, "HOSPITAL_BEDS", 5200)  # a value written over a mark takes the mark away
        from desktop.absent import mark_absent

        mark_absent(s, OTHER, YEAR, ["LICENSED_DOCTORS"], "uncollected", "本年度统计口径调整，暂未统计该项")
    r = cli(office, "verify", "--json")
    assert r.code == 0, r.out


# ---- the digest of one region-year, printed on its reports ------------------------------------------------

def _printed_digest(cli, db, tmp_path) -> str:
    import re

    from openpyxl import load_workbook

    pdf, xlsx = tmp_path / "r.pdf", tmp_path / "r.xlsx"
    assert cli(db, "report", REGION, YEAR, "-o", pdf).code == 0
    assert cli(db, "report", REGION, YEAR, "-o", xlsx).code == 0
    cells = [c for ws in load_workbook(xlsx).worksheets for row in ws.iter_rows(values_only=True) for c in row
             if isinstance(c, str) and "本年度数据摘要" in c]
    assert len(cells) == 1
    digest = re.search(r"[0-9a-f]{64}", cells[0]).group()
    return digest


@pytest.mark.skipif(__import__("shutil").which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_pdf_prints_the_digest_the_workbook_prints(office, cli, tmp_path):
    import subprocess

    digest = _printed_digest(cli, office, tmp_path)
    text = subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True).stdout
    assert f"本年度数据摘要：{digest}" in text


def test_an_approved_report_carries_a_digest_that_verify_confirms(office, cli, tmp_path):
    digest = _printed_digest(cli, office, tmp_path)
    r = cli(office, "verify", REGION, YEAR, "--digest", digest[:16], "--json")
    assert r.code == 0 and r.json()["matches"] is True and r.json()["digest"] == digest
    # a legitimate edit in another county moves the chain head, not this digest
    head = cli(office, "verify", "--json").json()["chain_head"]
    assert cli(office, "set", OTHER, YEAR, IND, "4.1").code == 0
    assert cli(office, "verify", "--json").json()["chain_head"] != head
    assert cli(office, "verify", REGION, YEAR, "--digest", digest).code == 0


def test_a_value_changed_in_the_file_after_printing_is_named_by_the_digest(office, cli, tmp_path):
    digest = _printed_digest(cli, office, tmp_path)
    _raw(office, f"UPDATE value SET value = 5.9 WHERE region = '{REGION}' AND year = {YEAR} AND indicator = '{IND}'")
    r = cli(office, "verify", REGION, YEAR, "--digest", digest, "--json")
    assert r.code == 1
    out = r.json()
    assert out["matches"] is False and out["audit_agrees"] is False
    assert any("4.6 → 5.9" in c and IND in c for c in out["changes"])
    text = cli(office, "verify", REGION, YEAR, "--digest", digest)
    assert "与报表上的摘要不一致" in text.out and "在程序之外被改动" in text.out


def test_a_legitimate_reopen_and_edit_after_printing_is_listed(office, cli, tmp_path):
    digest = _printed_digest(cli, office, tmp_path)
    with Services.open(office) as s:
        workflow.reopen(s, REGION, YEAR, "口径有误")
        s.set_value(REGION, YEAR, IND, 4.8)
    out = cli(office, "verify", REGION, YEAR, "--digest", digest, "--json").json()
    assert out["ok"] is False and out["matches"] is False and out["audit_agrees"] is True
    assert "状态：已审核 → 已退回" in out["changes"] and any("4.6 → 4.8" in c for c in out["changes"])
    assert any(c.startswith("之后的状态变更：已审核 → 已退回") for c in out["changes"])
    assert out["printed_at"] is not None


def test_a_digest_the_region_year_never_had_is_said(office, cli):
    out = cli(office, "verify", REGION, YEAR, "--digest", "0" * 64, "--json").json()
    assert out["matches"] is False and "不是本地区本年度" in out["changes"][0]
    r = cli(office, "verify", REGION, YEAR, "--digest", "abc")
    assert r.code == 2 and "至少 16 位" in r.err
