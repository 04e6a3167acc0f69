"""The pure cores of the feature packages, on plain values: no store, no services, no files.

workflow.core decides what an action may do from a status, what blocks a submission, what changed since a
submission or a return, and filters the audit; catalog_admin.core checks an indicator, places a new one, refuses
a change an approved year shows, and tries a setting or rules text on given values; exchange.status builds the
status lines an export writes and decides on an incoming one.
"""

from __future__ import annotations

from desktop.catalog_admin import core as cat
from desktop.domain import AuditRow, Dataset, Finding, Indicator, ValueRecord
from desktop.errors import AppError, AuthError
from desktop.exchange import status as st
from desktop.validation.rules import parse_rules
from desktop.workflow import core as wf

import pytest

BEDS = Indicator("HOSPITAL_BEDS", "医疗资源", "医疗机构实有床位数", "张", "count", 0, 0, 100000, 1, 15,
                 aliases=("实有床位数",), sort_order=3, aggregation="sum")
DOCTORS = Indicator("DOCTORS", "人力资源", "执业（助理）医师数", "人", "count", 0, 0, 50000, 1, 20, sort_order=7)
POP = Indicator("POP_RESIDENT", "人口", "常住人口", "万人", "count", 2, 0, 1000, 0, 10, sort_order=1)


def _audit(id_, field, old, new, at="2024-03-01T10:00:00+08:00", user="王审核", reason="", indicator=None):
    return AuditRow(id_, at, user, "331081", 2023, indicator, field, old, new, "form", reason)


# ---- workflow.core -----------------------------------------------------------------------------------

def test_a_transition_is_refused_from_a_wrong_status_with_the_words_a_clerk_reads():
    label = "温岭市 2023年数据"
    assert wf.refusal("approve", "submitted", label, "", own_county=False) is None
    assert str(wf.refusal("approve", "draft", label, "", own_county=False)) == \
        "温岭市 2023年数据当前为“草稿”，不能审核通过（只有“已提交”的数据可以审核通过）"
    assert str(wf.refusal("return", "submitted", label, "", own_county=False)) == "退回温岭市 2023年数据须注明原因"
    assert wf.refusal("return", "submitted", label, "床位数请核实", own_county=False) is None
    assert "接收由上级单位" in str(wf.refusal("accept", "approved", label, "", own_county=True))
    assert wf.target_status("reopen") == "returned"
    with pytest.raises(AppError, match="只有退回可以附逐项意见"):
        wf.check_request("approve", has_notes=True)
    with pytest.raises(AppError, match="未知操作"):
        wf.check_request("publish", has_notes=False)


def test_a_refused_submission_counts_and_names_what_blocks_it():
    blocking = [Finding("HOSPITAL_BEDS", "error", "range", "4100000 超出范围 [0, 100000]"),
                Finding("DOCTORS", "warning", "yoy", "比上年增长 48.0%，超过阈值 20%"),
                Finding(None, "warning", "logic", "床位数与人口不符")]
    refused = wf.submission_refusal("温岭市 2023年数据", blocking, {"HOSPITAL_BEDS": "医疗机构实有床位数"})
    assert refused.findings == blocking
    assert str(refused).splitlines() == [
        "温岭市 2023年数据不能提交：1 个错误、2 个未说明的警告（警告须在说明中写明原因）：",
        "  [错误] 医疗机构实有床位数：4100000 超出范围 [0, 100000]",
        "  [未说明的警告] DOCTORS：比上年增长 48.0%，超过阈值 20%",  # no name known: the code
        "  [未说明的警告] 床位数与人口不符"]
    assert wf.submission_refusal("x", [], {}) is None


def test_the_submitted_values_beside_the_current_in_catalog_order():
    order = {"POP_RESIDENT": 0, "HOSPITAL_BEDS": 1, "DOCTORS": 2}
    frozen = {"HOSPITAL_BEDS": (4100.0, ""), "POP_RESIDENT": (140.5, "")}
    current = {"HOSPITAL_BEDS": ValueRecord("331081", 2023, "HOSPITAL_BEDS", 4150.0, "新院区"),
               "POP_RESIDENT": ValueRecord("331081", 2023, "POP_RESIDENT", 140.5, ""),
               "ZZ_NEW": ValueRecord("331081", 2023, "ZZ_NEW", 1.0, "")}
    rows = wf.submitted_beside_current(order, frozen, current)
    assert [(r.indicator, r.submitted_value, r.current_value, r.changed, r.in_submission) for r in rows] == [
        ("POP_RESIDENT", 140.5, 140.5, False, True), ("HOSPITAL_BEDS", 4100.0, 4150.0, True, True),
        ("ZZ_NEW", None, 1.0, True, False)]
    assert [r.indicator for r in wf.SubmissionComparison(None, rows).changed] == ["HOSPITAL_BEDS", "ZZ_NEW"]


def test_the_return_still_in_force_and_the_version_it_sent_back():
    moves = [_audit(1, "status", None, "submitted"), _audit(2, "status", "submitted", "returned", reason="核实"),
             _audit(3, "status", "returned", "submitted"), _audit(4, "status", "submitted", "returned")]
    back, before = wf.the_return("returned", moves)
    assert (back.id, before) == (4, 2)  # the second submission was sent back
    assert wf.the_return("submitted", moves[:3])[1] == 1
    assert wf.the_return("approved", moves) is None
    approved = [*moves[:3], _audit(4, "status", "submitted", "approved")]
    assert wf.the_return("submitted", approved) is None  # approved since: the return is no longer the word
    marks = [_audit(5, "absent", None, "na", indicator="DOCTORS", reason="本县无"),
             _audit(6, "absent", None, "na", indicator="POP_RESIDENT"),
             _audit(7, "absent", "na", None, indicator="POP_RESIDENT"),
             _audit(8, "absent", "na", "not_counted", indicator="DOCTORS", reason="本年未统计")]
    assert wf.marks_changed(marks, {"POP_RESIDENT": 0, "DOCTORS": 2}) == (("DOCTORS", None, "not_counted", "本年未统计"),)


def test_the_audit_filter_by_kind_user_days_and_text():
    rows = [_audit(1, "value", None, 4100.0, at="2024-02-29T23:59:00+08:00", user="李填报"),
            _audit(2, "status", "draft", "submitted", at="2024-03-01T09:00:00+08:00", user="李填报"),
            _audit(3, "status", "submitted", "returned", at="2024-03-02T09:00:00+08:00", reason="床位数请核实")]
    assert [r.id for r in wf.filter_audit(rows, fields=["status"])] == [2, 3]
    assert [r.id for r in wf.filter_audit(rows, user="李填报", since="2024-03-01")] == [2]
    assert [r.id for r in wf.filter_audit(rows, until="2024-03-01")] == [1, 2]
    assert [r.id for r in wf.filter_audit(rows, text="核实")] == [3]
    with pytest.raises(AppError, match="日期无效"):
        wf.filter_audit(rows, since="3月1日")


def test_the_password_verdict():
    from desktop.auth import hash_password
    from desktop.domain import User

    h, salt = hash_password("s3cret-温岭")
    found = (User("wang", "supervisor", True), h, salt)
    assert wf.password_verdict("wang", found, "s3cret-温岭").name == "wang"
    with pytest.raises(AuthError, match="密码错误：用户 wang"):
        wf.password_verdict("wang", found, "wrong")
    with pytest.raises(AuthError, match="设有密码，但未提供密码"):
        wf.password_verdict("wang", found, None)
    with pytest.raises(AuthError, match="未注册的用户"):
        wf.password_verdict("zhao", None, "x")


# ---- catalog_admin.core ------------------------------------------------------------------------------

def test_an_indicator_is_checked_against_the_others():
    new = Indicator(" ICU_BEDS ", "医疗资源", " 重症床位数 ", "张", "count", "0", "", "500", 1, "20",
                    aliases=("ICU床位", " ICU床位 ", "重症床位数"))
    ok = cat.checked(new, [BEDS, DOCTORS])
    assert (ok.code, ok.name, ok.decimals, ok.min, ok.max, ok.yoy_warn, ok.aliases) == \
        ("ICU_BEDS", "重症床位数", 0, None, 500.0, 20.0, ("ICU床位",))
    with pytest.raises(cat.CatalogEditError, match="“实有床位数”已被指标 HOSPITAL_BEDS"):
        cat.checked(Indicator("X_BEDS", "医疗资源", "实有床位数", "张", "count", 0, None, None, 1, None), [BEDS])
    with pytest.raises(cat.CatalogEditError, match="下限 9 大于上限 5"):
        cat.checked(Indicator("X_BEDS", "医疗资源", "某数", "张", "count", 0, 9, 5, 1, None), [BEDS])
    # its own names are not taken by itself when edited
    assert cat.checked(BEDS, [BEDS, DOCTORS], own="HOSPITAL_BEDS").aliases == ("实有床位数",)


def test_a_new_indicator_goes_after_its_section_and_the_rest_move_down():
    new = cat.indicator_from_fields({"code": "ICU_BEDS", "section": "医疗资源", "name": "重症床位数", "unit": "张",
                                     "kind": "count", "aliases": "ICU床位|重症床位"})
    assert new.aliases == ("ICU床位", "重症床位") and new.decimals == 2
    order, moved = cat.placed(new, [POP, BEDS, DOCTORS])
    assert order == 4
    assert [(i.code, i.sort_order) for i in moved] == [("DOCTORS", 8)]
    with pytest.raises(cat.CatalogEditError, match="新指标缺少：单位、类型"):
        cat.indicator_from_fields({"code": "X", "section": "s", "name": "n"})


def test_a_change_an_approved_year_shows_is_refused_naming_the_years():
    changed = cat.changed_fields(BEDS, Indicator(**{**BEDS.__dict__, "decimals": 1, "name": "床位数"}))
    assert changed == ["name", "decimals"]
    uses = [("331081", 2021), ("331082", 2021), ("331083", 2022), ("331081", 2022)]
    refused = cat.approval_refusal(BEDS, changed, uses, {"331081": "温岭市", "331082": "临海市"})
    assert "（温岭市 2021年、临海市 2021年、331083 2022年 等 4 个），不能修改小数位数" in str(refused)
    assert cat.approval_refusal(BEDS, ["name"], uses, {}) is None  # a name is not what a report keeps
    assert cat.approval_refusal(BEDS, changed, [], {}) is None


def test_a_trial_of_a_tighter_threshold_over_given_values():
    series = {"331081": {2020: 4000.0, 2021: 4300.0, 2022: 5200.0}, "331082": {2021: 3000.0, 2022: 3100.0}}
    tighter = Indicator(**{**BEDS.__dict__, "yoy_warn": 5})
    steps = []
    result = cat.indicator_trial(BEDS, tighter, series, progress=lambda d, t: steps.append((d, t)))
    assert result.examined == 5 and steps == [(1, 2), (2, 2)]
    # 15 %: only 4300 → 5200 (+20.9 %); 5 %: also 4000 → 4300 (+7.5 %); 3000 → 3100 (+3.3 %) neither
    assert [(f.region, f.year) for f in result.current] == [("331081", 2022)]
    assert [(f.region, f.year) for f in result.newly_flagged] == [("331081", 2021)]
    assert result.no_longer_flagged == []
    assert result.summary() == "历史数据 5 个数值中，现行设置标记 1 处，新设置将标记 2 处（新增 1 处，不再标记 0 处）"


def test_a_trial_of_rules_over_given_region_years():
    codes = ["HOSPITAL_BEDS", "DOCTORS", "POP_RESIDENT"]
    current = parse_rules("error: HOSPITAL_BEDS >= DOCTORS", "现行", codes)
    proposed = parse_rules("error: HOSPITAL_BEDS >= DOCTORS\nwarning: HOSPITAL_BEDS <= POP_RESIDENT * 40",
                           "新", codes)
    by_ry = {("331081", 2022): {"HOSPITAL_BEDS": 5200.0, "DOCTORS": 3000.0, "POP_RESIDENT": 120.0},
             ("331082", 2022): {"HOSPITAL_BEDS": 900.0, "DOCTORS": 1000.0, "POP_RESIDENT": 110.0}}
    result = cat.rules_trial([BEDS, DOCTORS, POP], current, proposed, by_ry)
    assert result.examined == 2 and result.unit == "个地区年度"
    assert [(f.region, f.rule) for f in result.current] == [("331082", "logic")]  # 900 beds < 1000 doctors
    assert [(f.region, f.indicator) for f in result.newly_flagged] == [("331081", "HOSPITAL_BEDS")]  # 5200 > 4800


# ---- exchange.status ---------------------------------------------------------------------------------

def test_the_status_lines_of_an_export_and_their_digest():
    datasets = {("331081", 2023): ("returned", "2024-03-02T09:00:00+08:00", "王审核", "床位数请核实")}
    events = [("331081", 2023, "2024-03-01T09:00:00+08:00", "李填报", '"draft"', '"submitted"', "form", ""),
              ("331081", 2023, "2024-03-02T09:00:00+08:00", "王审核", '"submitted"', '"returned"', "form", "核实")]
    records = [("331081", 2023, "HOSPITAL_BEDS", 4100.0, "新院区 "), ("331082", 2023, "DOCTORS", 1000.0, "")]
    lines = st.build_lines(datasets, events, {("331081", 2023): "ab" * 32}, {("331081", 2023): {"HOSPITAL_BEDS": "请核实"}},
                           {}, records, {"331081": "温岭市"}, clean=str.strip)
    assert [(ln.region_code, ln.region_name, ln.status, ln.rows) for ln in lines] == [
        ("331081", "温岭市", "returned", 1), ("331082", "331082", "draft", 1)]
    back = lines[0]
    assert (back.returned_by, back.submitted_by, back.reason, back.notes) == \
        ("王审核", "", "床位数请核实", {"HOSPITAL_BEDS": "请核实"})
    assert back.digest == st.digest(back, [("HOSPITAL_BEDS", 4100, "新院区")])
    assert back.digest != st.digest(back, [("HOSPITAL_BEDS", 4101, "新院区")])
    line, key, why = st.parse_line({"region_code": "温岭", "year": "2023年", "status": "已退回"},
                                   lambda name: {"温岭": "331081"}[name])
    assert (line.region_code, line.year, line.status, key, why) == ("331081", 2023, "returned", "", "")


def test_an_older_decision_in_a_file_does_not_overwrite_a_newer_one():
    local = Dataset("331081", 2023, "approved", "2024-03-05T10:00:00+08:00", "王审核")
    older = st.StatusLine("331081", 2023, "submitted", "2024-03-01T09:00:00+08:00", "李填报")
    d = st.decide(local, False, older, True, True, "温岭市")
    assert d.kind == st.OLDER and "较旧的工作簿不能覆盖" in d.message
    newer = st.StatusLine("331081", 2023, "accepted", "2024-03-06T09:00:00+08:00", "市局")
    assert st.decide(local, False, newer, True, False, "温岭市").kind == st.APPLY
    assert st.decide(local, False, newer, False, False, "温岭市").kind == st.DATA_ONLY  # digest does not fit
