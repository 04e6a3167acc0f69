"""Roles, submission and approval: the walk draft → submitted → returned → submitted → approved → reopened,
every forbidden action refused (service and command line), and every refusal in the audit."""

from __future__ import annotations

import io

import pytest

from desktop import workflow
from desktop.domain import ValueChange
from desktop.errors import AuthError, DatasetLocked, PermissionDenied, WorkflowError
from desktop.services import Services

REGION, YEAR = "331081", 2022  # 温岭市
EXPLAINED = "本县当年未开展该项统计调查"


def fill_ready(services: Services, region: str = REGION, year: int = YEAR) -> None:
    """A dataset that can be submitted: a few real values, every other indicator explained as missing."""
    values = {"BEDS_PER_1000": 4.6, "LIFE_EXPECTANCY": 81.5, "HOSPITAL_BEDS": 6200}
    changes = [ValueChange(region, year, i.code, values.get(i.code), None if i.code in values else EXPLAINED)
               for i in services.indicators()]
    services.apply_changes(changes, source="test")


@pytest.fixture
def office(db_path):
    """A store with clerk 张三 (password zs-pass) and supervisor 李四 (password ls-pass), a ready dataset."""
    admin = Services.open(db_path)
    admin.add_user("张三", "clerk", "zs-pass")
    admin.add_user("李四", "supervisor", "ls-pass")
    fill_ready(admin)
    admin.close()
    opened = []

    def as_user(name):
        s = Services.open(db_path, user=name)
        opened.append(s)
        return s

    yield as_user
    for s in opened:
        s.close()


def status_rows(services, region=REGION, year=YEAR):
    return [(r.old, r.new, r.user, r.reason) for r in services.audit(region, year) if r.field == "status"]


def denied_rows(services, region=REGION, year=YEAR):
    return [r for r in services.audit(region, year) if r.field in ("denied", "login")]


# ---- the whole walk -------------------------------------------------------------------------------------

def test_walk_through_the_flow_with_two_users(office):
    clerk, sup = office("张三"), office("李四")
    assert workflow.allowed_actions(clerk, REGION, YEAR) == ["submit"]
    assert workflow.submit(clerk, REGION, YEAR).status == "submitted"
    assert workflow.allowed_actions(sup, REGION, YEAR) == ["approve", "return"]
    assert workflow.return_dataset(sup, REGION, YEAR, "床位数与上年口径不一致").status == "returned"
    ry = clerk.get_region_year(REGION, YEAR)
    assert ry.status == "returned" and ry.status_reason == "床位数与上年口径不一致"  # the clerk sees why
    clerk.set_value(REGION, YEAR, "BEDS_PER_1000", 4.8, note="按新口径含康复床位")
    assert workflow.submit(clerk, REGION, YEAR).status == "submitted"
    assert workflow.approve(sup, REGION, YEAR).status == "approved"
    with pytest.raises(DatasetLocked, match="已审核"):
        clerk.set_value(REGION, YEAR, "BEDS_PER_1000", 5.0)
    assert workflow.reopen(sup, REGION, YEAR, "统计局反馈床位数有误").status == "returned"
    clerk.set_value(REGION, YEAR, "BEDS_PER_1000", 4.7, note="按统计局反馈核减重复床位")

    assert status_rows(clerk) == [
        ("draft", "submitted", "张三", ""),
        ("submitted", "returned", "李四", "床位数与上年口径不一致"),
        ("returned", "submitted", "张三", ""),
        ("submitted", "approved", "李四", ""),
        ("approved", "returned", "李四", "统计局反馈床位数有误"),
    ]
    assert [r for r in denied_rows(clerk)][0].user == "张三"  # the refused edit of approved data
    assert clerk.verify_audit() == []

    # what changed since the last submission: the submitted value beside the current one
    comp = workflow.since_last_submission(sup, REGION, YEAR)
    assert comp.submission.user == "张三"
    changed = {r.indicator: r for r in comp.changed}
    assert list(changed) == ["BEDS_PER_1000"]
    assert (changed["BEDS_PER_1000"].submitted_value, changed["BEDS_PER_1000"].current_value) == (4.8, 4.7)
    assert changed["BEDS_PER_1000"].submitted_note == "按新口径含康复床位"
    assert len(workflow.submission_history(sup, REGION, YEAR)) == 2


def test_walk_through_on_the_command_line(office, db_path, cli, monkeypatch):
    def run(user, password, *args):
        monkeypatch.setenv("CHI_PASSWORD", password)
        return cli(db_path, *args, "--user", user)

    r = run("张三", "zs-pass", "submit", "温岭市", YEAR)
    assert r.code == 0, r.err
    assert "已提交" in r.out
    r = run("张三", "zs-pass", "approve", REGION, YEAR)
    assert r.code == 1 and "无权审核通过" in r.err
    r = run("李四", "ls-pass", "return", REGION, YEAR)
    assert r.code == 1 and "原因" in r.err  # a return needs a reason
    assert run("李四", "ls-pass", "return", REGION, YEAR, "--reason", "请核实床位数").code == 0
    assert run("张三", "zs-pass", "set", REGION, YEAR, "BEDS_PER_1000", "4.9", "--note", "新院区开放床位").code == 0
    assert run("张三", "zs-pass", "submit", REGION, YEAR).code == 0
    assert run("李四", "ls-pass", "approve", REGION, YEAR).code == 0
    r = run("张三", "zs-pass", "set", REGION, YEAR, "BEDS_PER_1000", "5.1")
    assert r.code == 1 and "已审核" in r.err
    assert run("李四", "ls-pass", "reopen", REGION, YEAR, "--reason", "统计局反馈需更正").code == 0

    monkeypatch.delenv("CHI_PASSWORD")
    got = cli(db_path, "get", REGION, YEAR, "--json").json()
    assert got["status"] == "returned"
    contract = cli(db_path, "audit", REGION, YEAR, "--json").json()
    # the design's shape: every row is a value change (numbers) or a status change (indicator null, statuses)
    statuses = {"draft", "submitted", "returned", "approved"}
    for a in contract:
        if a["indicator"] is None:
            assert a["old"] in statuses and a["new"] in statuses
        else:
            assert all(v is None or isinstance(v, (int, float)) for v in (a["old"], a["new"]))
    audit = cli(db_path, "audit", REGION, YEAR, "--json", "--all").json()
    status = [(a["old"], a["new"], a["user"]) for a in audit if a["indicator"] is None and a["field"] == "status"]
    assert status == [("draft", "submitted", "张三"), ("submitted", "returned", "李四"),
                      ("returned", "submitted", "张三"), ("submitted", "approved", "李四"),
                      ("approved", "returned", "李四")]
    refused = [a for a in audit if a["field"] == "denied"]
    assert {a["user"] for a in refused} == {"张三", "李四"}
    assert any("无权审核通过" in a["reason"] for a in refused)
    assert any("须注明原因" in a["reason"] for a in refused)
    assert any("已审核" in a["reason"] and a["indicator"] == "BEDS_PER_1000" for a in refused)

    changes = cli(db_path, "changes", REGION, YEAR, "--json").json()
    assert [(v["indicator"], v["submitted"], v["current"]) for v in changes["values"]] == []  # nothing edited since
    assert changes["submitted_by"] == "张三"


# ---- authentication ---------------------------------------------------------------------------------------

def test_wrong_password_is_refused_writes_nothing_and_is_audited(office, db_path, cli, monkeypatch):
    workflow.submit(office("张三"), REGION, YEAR)
    monkeypatch.setenv("CHI_PASSWORD", "guess")
    r = cli(db_path, "approve", REGION, YEAR, "--user", "李四")
    assert r.code == 1 and "密码错误" in r.err and "李四" in r.err
    admin = office("admin")
    assert admin.dataset(REGION, YEAR).status == "submitted"
    rows = denied_rows(admin)
    assert [(x.field, x.user, x.source) for x in rows] == [("login", "李四", "审核通过")]


def test_missing_password_refused_for_any_command(office, db_path, cli, monkeypatch):
    monkeypatch.delenv("CHI_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    r = cli(db_path, "set", REGION, YEAR, "BEDS_PER_1000", "4.1", "--user", "张三")
    assert r.code == 1 and "未提供密码" in r.err
    assert office("admin").get_region_year(REGION, YEAR).values["BEDS_PER_1000"].value == 4.6


def test_password_read_from_standard_input(office, db_path, cli, monkeypatch):
    monkeypatch.delenv("CHI_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO("zs-pass\n"))
    r = cli(db_path, "submit", REGION, YEAR, "--user", "张三")
    assert r.code == 0, r.err
    assert office("admin").dataset(REGION, YEAR).status == "submitted"


def test_unknown_user_refused_and_audited_for_approval(office, db_path, cli):
    workflow.submit(office("张三"), REGION, YEAR)
    r = cli(db_path, "approve", REGION, YEAR, "--user", "王五")
    assert r.code == 1 and "未注册的用户" in r.err and "王五" in r.err
    admin = office("admin")
    assert admin.dataset(REGION, YEAR).status == "submitted"
    assert [(x.field, x.user) for x in denied_rows(admin)] == [("login", "王五")]
    # an unknown user is refused for other commands too; only approval attempts are recorded
    r = cli(db_path, "set", REGION, YEAR + 1, "BEDS_PER_1000", "4", "--user", "王五")
    assert r.code == 1 and "未注册的用户" in r.err
    assert len(denied_rows(admin)) == 1


def test_gui_login_switches_user_only_with_the_right_password(office):
    services = office("admin")
    assert workflow.needs_password(services, "李四") and not workflow.needs_password(services, "admin")
    with pytest.raises(AuthError, match="密码错误"):
        workflow.login(services, "李四", "nope")
    assert services.user.name == "admin"
    with pytest.raises(AuthError, match="未注册"):
        workflow.login(services, "赵六", "")
    assert workflow.login(services, "李四", "ls-pass").role == "supervisor"
    assert services.user.name == "李四"


def test_password_changes(office):
    clerk = office("张三")
    workflow.set_password(clerk, "张三", "new-pass")  # a user changes their own
    with pytest.raises(AuthError):
        workflow.verify_password(clerk, "张三", "zs-pass")
    assert workflow.verify_password(clerk, "张三", "new-pass").name == "张三"
    with pytest.raises(PermissionDenied):
        workflow.set_password(clerk, "李四", "x")  # but not someone else's
    workflow.set_password(office("admin"), "李四", None)
    assert not workflow.needs_password(clerk, "李四")


# ---- wrong states and refusals -----------------------------------------------------------------------------

def test_transitions_from_the_wrong_state_refused_and_audited(office):
    clerk, sup = office("张三"), office("李四")
    with pytest.raises(WorkflowError, match="当前为“草稿”，不能审核通过"):
        workflow.approve(sup, REGION, YEAR)
    with pytest.raises(WorkflowError, match="不能退回"):
        workflow.return_dataset(sup, REGION, YEAR, "x")
    with pytest.raises(WorkflowError, match="不能重新打开"):
        workflow.reopen(sup, REGION, YEAR, "x")
    workflow.submit(clerk, REGION, YEAR)
    with pytest.raises(WorkflowError, match="当前为“已提交”，不能提交"):
        workflow.submit(clerk, REGION, YEAR)
    with pytest.raises(WorkflowError, match="不能重新打开"):
        workflow.reopen(sup, REGION, YEAR, "x")
    with pytest.raises(WorkflowError, match="须注明原因"):
        workflow.return_dataset(sup, REGION, YEAR, "  ")
    assert sup.dataset(REGION, YEAR).status == "submitted"
    assert status_rows(sup) == [("draft", "submitted", "张三", "")]
    assert len(denied_rows(sup)) == 6


def test_clerk_refused_every_supervisor_action(office):
    clerk = office("张三")
    workflow.submit(clerk, REGION, YEAR)
    for call in (lambda: workflow.approve(clerk, REGION, YEAR),
                 lambda: workflow.return_dataset(clerk, REGION, YEAR, "自己退回"),
                 lambda: workflow.reopen(clerk, REGION, YEAR, "x")):
        with pytest.raises(PermissionDenied, match="张三（clerk）无权"):
            call()
    assert clerk.dataset(REGION, YEAR).status == "submitted"
    assert [r.source for r in denied_rows(clerk)] == ["审核通过", "退回", "重新打开"]


def test_submit_refused_while_errors_or_unexplained_warnings_remain(office):
    admin, clerk = office("admin"), office("张三")
    admin.set_value(REGION, YEAR - 1, "HOSPITAL_BEDS", 5000)
    clerk.set_value(REGION, YEAR, "BEDS_PER_1000", 45)  # beyond the catalog's range: an error
    clerk.set_value(REGION, YEAR, "HOSPITAL_BEDS", 8000)  # +60 % on 5000: a warning without a note
    with pytest.raises(workflow.SubmissionRefused) as info:
        workflow.submit(clerk, REGION, YEAR)
    text = str(info.value)
    assert "1 个错误、1 个未说明的警告" in text
    assert "每千人口医疗机构床位数" in text and "医疗机构实有床位数" in text
    assert {f.indicator for f in info.value.findings} == {"BEDS_PER_1000", "HOSPITAL_BEDS"}
    assert clerk.dataset(REGION, YEAR).status == "draft"
    assert workflow.submission_history(clerk, REGION, YEAR) == []
    # fixing the error and explaining the jump lets it through
    clerk.set_value(REGION, YEAR, "BEDS_PER_1000", 4.5)
    with pytest.raises(workflow.SubmissionRefused, match="0 个错误、1 个未说明的警告"):
        workflow.submit(clerk, REGION, YEAR)
    clerk.set_note(REGION, YEAR, "HOSPITAL_BEDS", "核实无误")  # boilerplate is not an explanation
    with pytest.raises(workflow.SubmissionRefused):
        workflow.submit(clerk, REGION, YEAR)
    clerk.set_note(REGION, YEAR, "HOSPITAL_BEDS", "县第二人民医院新院区投用新增床位")
    assert workflow.submit(clerk, REGION, YEAR).status == "submitted"


def test_submit_refusal_on_the_command_line_lists_the_findings(office, db_path, cli):
    office("admin").set_value(REGION, YEAR, "LIFE_EXPECTANCY", 95)
    r = cli(db_path, "submit", REGION, YEAR)
    assert r.code == 1
    assert "不能提交" in r.err and "人均期望寿命" in r.err
    assert cli(db_path, "get", REGION, YEAR, "--json").json()["status"] == "draft"


# ---- forbidden writes, each through the service ------------------------------------------------------------

def _forbidden(call, exc, services, match=None):
    before = len(services.audit())
    with pytest.raises(exc, match=match):
        call()
    after = services.audit()
    assert len(after) == before + 1 and after[-1].field == "denied"  # refused, recorded, nothing else written
    return after[-1]


def test_nobody_edits_a_submitted_or_approved_dataset(office):
    clerk, sup, admin = office("张三"), office("李四"), office("admin")
    workflow.submit(clerk, REGION, YEAR)
    for who in (clerk, sup, admin):
        row = _forbidden(lambda: who.set_value(REGION, YEAR, "BEDS_PER_1000", 9.9), DatasetLocked, admin, "已提交")
        assert row.user == who.user.name and row.indicator == "BEDS_PER_1000"
        _forbidden(lambda: who.set_note(REGION, YEAR, "BEDS_PER_1000", "改说明"), DatasetLocked, admin)
    workflow.approve(sup, REGION, YEAR)
    for who in (clerk, sup, admin):
        _forbidden(lambda: who.apply_changes([ValueChange(REGION, YEAR, "BEDS_PER_1000", 1.0),
                                              ValueChange(REGION, YEAR, "LIFE_EXPECTANCY", 80.0)], "import:x.xlsx#0"),
                   DatasetLocked, admin, "已审核")
    _forbidden(lambda: sup.set_target(REGION, YEAR, "BEDS_PER_1000", 5), DatasetLocked, admin, "目标值只读")
    values = admin.get_region_year(REGION, YEAR).values
    assert values["BEDS_PER_1000"].value == 4.6 and values["LIFE_EXPECTANCY"].value == 81.5
    assert values["BEDS_PER_1000"].note == ""
    # other years of the same region stay editable
    clerk.set_value(REGION, YEAR + 1, "BEDS_PER_1000", 4.7)


def test_roles_refuse_targets_catalog_rules_and_users(office):
    from desktop import catalog_admin

    clerk, sup, admin = office("张三"), office("李四"), office("admin")
    _forbidden(lambda: clerk.set_target(REGION, YEAR, "LIFE_EXPECTANCY", 82), PermissionDenied, admin, "设定目标值")
    sup.set_target(REGION, YEAR, "LIFE_EXPECTANCY", 82)  # a supervisor may
    assert admin.targets(REGION, YEAR) == {"LIFE_EXPECTANCY": 82}
    for who in (clerk, sup):
        _forbidden(lambda: who.add_user("赵六", "admin"), PermissionDenied, admin, "添加用户")
        _forbidden(lambda: catalog_admin.edit_indicator(who, "BEDS_PER_1000", max=30), PermissionDenied, admin,
                   "修改指标目录")
        _forbidden(lambda: catalog_admin.hide_indicator(who, "BEDS_PER_1000"), PermissionDenied, admin)
        _forbidden(lambda: catalog_admin.save_rules(who, "error: BEDS_PER_1000 <= 10\n"), PermissionDenied, admin,
                   "修改审核规则")
    assert admin.indicator("BEDS_PER_1000").max == 20 and admin.rules_text() is None
    assert {u.name for u in admin.users()} == {"admin", "张三", "李四"}


def test_forbidden_writes_on_the_command_line(office, db_path, cli, monkeypatch, tmp_path):
    rules = tmp_path / "rules.txt"
    rules.write_text("error: BEDS_PER_1000 <= 10\n", encoding="utf-8")
    monkeypatch.setenv("CHI_PASSWORD", "zs-pass")
    for args in (("target", REGION, YEAR, "LIFE_EXPECTANCY", "82"),
                 ("user", "add", "赵六", "--role", "admin"),
                 ("indicator", "edit", "BEDS_PER_1000", "--max", "30"),
                 ("indicator", "hide", "BEDS_PER_1000"),
                 ("indicator", "add", "GP_COUNT", "--section", "医疗资源", "--name", "全科医生数", "--unit", "人",
                  "--kind", "count"),
                 ("rules", "set", rules),
                 ("return", REGION, YEAR, "--reason", "x"),
                 ("reopen", REGION, YEAR, "--reason", "x")):
        r = cli(db_path, *args, "--user", "张三")
        assert r.code == 1, args
        assert "无权" in r.err, (args, r.err)
    assert cli(db_path, "submit", REGION, YEAR, "--user", "张三").code == 0
    r = cli(db_path, "set", REGION, YEAR, "BEDS_PER_1000", "5", "--user", "张三")
    assert r.code == 1 and "已提交" in r.err
    monkeypatch.delenv("CHI_PASSWORD")
    r = cli(db_path, "set", REGION, YEAR, "BEDS_PER_1000", "5")  # admin neither, until it is returned
    assert r.code == 1 and "已提交" in r.err
    monkeypatch.setenv("CHI_PASSWORD", "ls-pass")
    assert cli(db_path, "approve", REGION, YEAR, "--user", "李四").code == 0
    r = cli(db_path, "target", REGION, YEAR, "LIFE_EXPECTANCY", "82", "--user", "李四")
    assert r.code == 1 and "已审核" in r.err
    r = cli(db_path, "approve", REGION, YEAR, "--user", "李四")
    assert r.code == 1 and "当前为“已审核”" in r.err
    admin = office("admin")
    assert len([x for x in denied_rows(admin, None, None) if x.user == "张三"]) == 9
    assert len([x for x in denied_rows(admin, None, None) if x.user == "李四"]) == 2
    assert admin.get_region_year(REGION, YEAR).values["BEDS_PER_1000"].value == 4.6
    assert admin.targets(REGION, YEAR) == {} and admin.rules_text() is None
    assert "GP_COUNT" not in [i.code for i in admin.indicators(include_hidden=True)]


# ---- the audit view ------------------------------------------------------------------------------------------

def test_find_audit_filters(office):
    clerk, sup = office("张三"), office("李四")
    clerk.set_value(REGION, YEAR, "BEDS_PER_1000", 4.4)
    workflow.submit(clerk, REGION, YEAR)
    workflow.return_dataset(sup, REGION, YEAR, "请补充说明")
    one_value = workflow.find_audit(sup, REGION, YEAR, "每千人口医疗机构床位数")
    assert [(r.old, r.new) for r in one_value if r.field == "value"] == [(None, 4.6), (4.6, 4.4)]
    assert [r.new for r in workflow.find_audit(sup, REGION, YEAR, fields=["status"])] == ["submitted", "returned"]
    assert {r.user for r in workflow.find_audit(sup, REGION, YEAR, user="李四")} == {"李四"}
    assert [r.reason for r in workflow.find_audit(sup, REGION, YEAR, text="补充")] == ["请补充说明"]
    today = sup.audit()[-1].at[:10]
    assert len(workflow.find_audit(sup, REGION, YEAR, since=today, until=today)) == len(sup.audit(REGION, YEAR))
    assert workflow.find_audit(sup, REGION, YEAR, until="2000-01-01") == []
    with pytest.raises(Exception, match="日期无效"):
        workflow.find_audit(sup, REGION, YEAR, since="昨天")


def test_audit_export_to_excel_keeps_formula_text_as_text(office, db_path, cli, tmp_path):
    from openpyxl import load_workbook

    clerk = office("张三")
    clerk.set_value(REGION, YEAR, "BEDS_PER_1000", 4.4, note="=HYPERLINK(\"http://x\",\"点击\")")
    out = tmp_path / "审计.xlsx"
    r = cli(db_path, "audit-export", REGION, YEAR, "BEDS_PER_1000", "-o", out)
    assert r.code == 0, r.err
    ws = load_workbook(out)["修改记录"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:8] == ("时间", "用户", "地区代码", "地区", "年份", "指标代码", "指标", "项目")
    body = [row for row in rows[1:]]
    assert [(b[7], b[8], b[9]) for b in body if b[7] == "数值"] == [("数值", None, 4.6), ("数值", 4.6, 4.4)]
    note_cells = [c for c in ws["J"] if isinstance(c.value, str) and c.value.startswith("=")]
    assert note_cells and all(c.data_type == "s" for c in note_cells)
    assert all(b[3] == "温岭市" for b in body)
    assert ws.freeze_panes == "A2"


def test_users_passwords_and_roles_on_the_command_line(office, db_path, cli, monkeypatch):
    monkeypatch.setenv("NEW_PW", "zs-new")
    monkeypatch.setenv("CHI_PASSWORD", "zs-pass")
    assert cli(db_path, "passwd", "张三", "--password-env", "NEW_PW", "--user", "张三").code == 0
    r = cli(db_path, "set", REGION, YEAR, "BEDS_PER_1000", "4.4", "--user", "张三")
    assert r.code == 1 and "密码错误" in r.err  # the old one no longer works
    monkeypatch.setenv("CHI_PASSWORD", "zs-new")
    assert cli(db_path, "set", REGION, YEAR, "BEDS_PER_1000", "4.4", "--user", "张三").code == 0
    r = cli(db_path, "passwd", "李四", "--remove", "--user", "张三")
    assert r.code == 1 and "无权" in r.err
    monkeypatch.delenv("CHI_PASSWORD")
    # changing a role keeps the password; the only admin cannot stop being one
    assert cli(db_path, "user", "add", "张三", "--role", "supervisor").code == 0
    assert workflow.needs_password(office("admin"), "张三")
    r = cli(db_path, "user", "add", "admin", "--role", "clerk")
    assert r.code == 1 and "唯一的管理员" in r.err
    assert {u.name: u.role for u in office("admin").users()}["admin"] == "admin"


def test_libreoffice_reads_exported_formula_text_as_text(office, db_path, cli, tmp_path):
    import csv
    import shutil
    import subprocess

    if not shutil.which("soffice"):
        pytest.skip("LibreOffice not installed")
    office("张三").set_value(REGION, YEAR, "BEDS_PER_1000", 4.4, note="=SUM(1,2)")
    out = tmp_path / "audit.xlsx"
    assert cli(db_path, "audit-export", REGION, YEAR, "-o", out).code == 0
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=180)
    with open(tmp_path / "audit.csv", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    notes = [r[9] for r in rows if r[7] == "说明" and r[5] == "BEDS_PER_1000"]
    assert notes == ["=SUM(1,2)"]  # not evaluated to 3


def test_submission_refused_when_data_changes_while_it_is_checked(office, monkeypatch):
    clerk, other = office("张三"), office("admin")
    real = workflow.blocking_for_submit

    def edit_meanwhile(services, region, year):
        found = real(services, region, year)
        other.set_value(region, year, "BEDS_PER_1000", 4.9)  # another window saves while validation runs
        return found

    monkeypatch.setattr(workflow.service, "blocking_for_submit", edit_meanwhile)
    with pytest.raises(WorkflowError, match="审核期间被修改"):
        workflow.submit(clerk, REGION, YEAR)
    assert clerk.dataset(REGION, YEAR).status == "draft"
    assert workflow.submission_history(clerk, REGION, YEAR) == []


def test_store_of_schema_v2_upgrades_and_keeps_its_flow(tmp_path):
    import sqlite3

    from desktop.db.schema import migrate
    from desktop.db.store import open_store

    path = tmp_path / "v2.sqlite"
    store = open_store(path, create=True, migrate_store=False)
    migrate(store.db, upto=2)
    store.close()
    services = Services.init(path)  # upgrades to the current schema, loads catalog and regions
    services.close()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM submission").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM rule_set").fetchone() == (0,)
    conn.close()
    services = Services.open(path)
    try:
        fill_ready(services)
        workflow.submit(services, REGION, YEAR)
        assert workflow.since_last_submission(services, REGION, YEAR).submission is not None
        assert services.rules_text() is None
    finally:
        services.close()


def test_audit_export_bad_paths_and_cancel(office, tmp_path):
    from desktop.audit_export import export_audit
    from desktop.errors import AppError

    services = office("admin")
    rows = workflow.find_audit(services, REGION, YEAR)
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(AppError, match="无法写入文件"):
        export_audit(services, rows, blocker / "audit.xlsx")
    with pytest.raises(AppError, match=".xlsx"):
        export_audit(services, rows, tmp_path / "audit.csv")
    many = rows * 100  # more than one progress step
    seen = []
    assert export_audit(services, many, tmp_path / "c.xlsx", progress=lambda d, t: seen.append((d, t)),
                        cancelled=lambda: True) is None
    assert not (tmp_path / "c.xlsx").exists() and seen == []
    assert export_audit(services, many, tmp_path / "d.xlsx", progress=lambda d, t: seen.append((d, t))).exists()
    assert seen[-1] == (len(many), len(many))


def test_a_decision_made_elsewhere_is_written_by_the_writer_with_its_decider_and_round(services):
    """The exchange's path for an imported status: the dataset row keeps the other office's decider and time,
    one audit row per step of its round (old side: the step before), each with its own source; a status
    moved meanwhile refuses it and nothing is written."""
    rounds = [("submitted", "张三", "2022-03-01T09:00:00+08:00", "import:c1.xlsx｜县级决定", ""),
              ("approved", "李四", "2022-03-02T10:30:00+08:00", "import:c1.xlsx｜县级决定", "")]
    with services.write() as w:
        ds = w.status(REGION, YEAR, "draft", "approved", "import:c1.xlsx", at="2022-03-02T10:30:00+08:00",
                      by="李四", rounds=rounds)
    assert (ds.status, ds.updated_by, ds.updated_at) == ("approved", "李四", "2022-03-02T10:30:00+08:00")
    stored = services.dataset(REGION, YEAR)
    assert (stored.status, stored.updated_by, stored.updated_at) == ("approved", "李四", "2022-03-02T10:30:00+08:00")
    trail = [(a.old, a.new, a.user, a.at, a.source) for a in services.audit(REGION, YEAR) if a.field == "status"]
    assert trail == [("draft", "submitted", "张三", "2022-03-01T09:00:00+08:00", "import:c1.xlsx｜县级决定"),
                     ("submitted", "approved", "李四", "2022-03-02T10:30:00+08:00", "import:c1.xlsx｜县级决定")]
    before = len(services.audit(REGION, YEAR))
    with pytest.raises(WorkflowError, match="状态刚被改为“已审核”"):
        with services.write() as w:
            w.status(REGION, YEAR, "draft", "returned", "import:r1.xlsx", "不一致", at="2022-04-01T08:00:00+08:00",
                     by="王五", rounds=[("returned", "王五", "2022-04-01T08:00:00+08:00", "import:r1.xlsx", "不一致")])
    assert services.dataset(REGION, YEAR).status == "approved" and len(services.audit(REGION, YEAR)) == before
