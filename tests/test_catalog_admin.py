"""Catalog editing by an admin: add, edit, hide, rules; versions rise; codes stay once used; trials on history."""

from __future__ import annotations

import pytest

from desktop import catalog_admin
from desktop.catalog_admin import CatalogEditError
from desktop.validation import RuleFileError, validate

REGION = "331081"


def _catalog_rows(services):
    return [r for r in services.audit() if r.field in ("catalog", "rules")]


def test_add_indicator_appears_everywhere_with_a_new_version(services, db_path, cli):
    v0 = services.catalog_version()
    ind = catalog_admin.add_indicator(services, {"code": "gp_count", "section": "医疗资源", "name": "全科医生数",
                                                 "unit": "人", "kind": "count", "decimals": "0", "min": "0",
                                                 "max": "5000", "yoy_warn": "20", "aliases": "全科医师数"})
    assert ind.code == "GP_COUNT" and ind.max == 5000 and ind.aliases == ("全科医师数",)
    assert services.catalog_version() == catalog_admin.next_version(v0) != v0
    # placed at the end of its section, before the next section
    order = [i.code for i in services.indicators()]
    section = [i.code for i in services.indicators() if i.section == "医疗资源"]
    assert section[-1] == "GP_COUNT" and order.index("GP_COUNT") == order.index(section[-2]) + 1
    assert services.indicator("全科医师数").code == "GP_COUNT"
    services.set_value(REGION, 2022, "GP_COUNT", 350)
    codes = [i["code"] for i in cli(db_path, "catalog", "--json").json()]
    assert "GP_COUNT" in codes
    row = _catalog_rows(services)[-1]
    assert (row.indicator, row.old, row.new["name"]) == ("GP_COUNT", None, "全科医生数")


@pytest.mark.parametrize("fields, message", [
    ({"code": "BEDS_PER_1000"}, "已存在"),
    ({"code": "bad code"}, "代码无效"),
    ({"name": "每千人口医疗机构床位数"}, "已被指标 BEDS_PER_1000"),
    ({"kind": "percent"}, "类型无效"),
    ({"min": 10, "max": 5}, "下限 10 大于上限 5"),
    ({"decimals": 9}, "小数位数"),
    ({"direction": 2}, "方向"),
    ({"yoy_warn": "很多"}, "同比阈值应为数字"),
    ({"name": "  "}, "名称不能为空"),
])
def test_bad_new_indicator_refused_and_nothing_written(services, fields, message):
    base = {"code": "NEW_ONE", "section": "医疗资源", "name": "新指标", "unit": "个", "kind": "count"}
    before = services.catalog_version(), services.indicators(True), len(services.audit())
    with pytest.raises(CatalogEditError, match=message):
        catalog_admin.add_indicator(services, {**base, **fields})
    services.invalidate_catalog()
    assert (services.catalog_version(), services.indicators(True), len(services.audit())) == before


def test_edit_each_field_raises_version_and_is_audited(services):
    versions = [services.catalog_version()]
    for change in ({"name": "每千人口床位数（医疗机构）"}, {"unit": "床"}, {"min": 1, "max": 15}, {"decimals": 1},
                   {"direction": 0}, {"yoy_warn": 8}):
        catalog_admin.edit_indicator(services, "BEDS_PER_1000", reason="口径调整", **change)
        versions.append(services.catalog_version())
        row = _catalog_rows(services)[-1]
        assert set(row.new) == set(change) and row.reason == "口径调整"
    assert len(set(versions)) == len(versions)
    ind = services.indicator("BEDS_PER_1000")
    assert (ind.name, ind.unit, ind.min, ind.max, ind.decimals, ind.direction, ind.yoy_warn) == \
        ("每千人口床位数（医疗机构）", "床", 1, 15, 1, 0, 8)
    # an unchanged edit writes nothing
    catalog_admin.edit_indicator(services, "BEDS_PER_1000", yoy_warn=8)
    assert services.catalog_version() == versions[-1]
    # the range now applies in validation
    services.set_value(REGION, 2022, "BEDS_PER_1000", 16)
    assert any(f.rule == "range" and f.indicator == "BEDS_PER_1000" for f in validate(services, REGION, 2022))


def test_code_changes_only_while_unused(services):
    catalog_admin.add_indicator(services, {"code": "TMP_X", "section": "医疗资源", "name": "临时", "unit": "个",
                                           "kind": "count"})
    catalog_admin.edit_indicator(services, "TMP_X", code="TMP_Y")
    assert services.indicator("临时").code == "TMP_Y"
    with pytest.raises(CatalogEditError, match="审核规则第\\d+行用到指标 BEDS_PER_1000"):
        catalog_admin.edit_indicator(services, "BEDS_PER_1000", code="BEDS_1000")  # no values, but a rule names it
    services.set_value(REGION, 2022, "TMP_Y", 3)
    with pytest.raises(CatalogEditError, match="已有数值.*代码不能再修改"):
        catalog_admin.edit_indicator(services, "TMP_Y", code="TMP_Z")
    with pytest.raises(CatalogEditError, match="类型不能再修改"):
        catalog_admin.edit_indicator(services, "TMP_Y", kind="rate")
    assert services.indicator("TMP_Y").kind == "count"


def test_hidden_indicator_keeps_values_and_is_no_longer_asked_for(services):
    services.set_value(REGION, 2021, "FEVER_CLINICS", 12)
    catalog_admin.hide_indicator(services, "FEVER_CLINICS", reason="不再采集")
    assert "FEVER_CLINICS" not in [i.code for i in services.indicators()]
    assert services.indicator("FEVER_CLINICS").hidden
    assert services.history(REGION, "FEVER_CLINICS") == {2021: 12}
    missing = {f.indicator for f in validate(services, REGION, 2022, submission=True) if f.rule == "completeness"}
    assert "FEVER_CLINICS" not in missing and "BEDS_PER_1000" in missing
    catalog_admin.hide_indicator(services, "FEVER_CLINICS", hidden=False)
    assert "FEVER_CLINICS" in [i.code for i in services.indicators()]


def test_rules_edited_in_the_store_are_used_by_validation(services):
    services.set_value(REGION, 2022, "BEDS_PER_1000", 4.6)
    assert not [f for f in validate(services, REGION, 2022) if f.rule == "logic"]
    bad = "error: BEDS_PER_1000 <= 4\nwarning: BEDS_PER_100 > 0\n"
    problem = catalog_admin.check_rules(services, bad)
    assert problem.line == 2 and "BEDS_PER_100" in problem.reason
    version = services.catalog_version()
    with pytest.raises(RuleFileError, match="第2行"):
        catalog_admin.save_rules(services, bad)
    assert services.rules_text() is None and services.catalog_version() == version
    good = catalog_admin.rules_text(services) + "error: BEDS_PER_1000 <= 4 | 床位数测试上限\n"
    assert catalog_admin.check_rules(services, good) is None
    assert catalog_admin.save_rules(services, good, reason="增加床位上限")
    assert services.rules_text() == good and services.catalog_version() != version
    logic = [f for f in validate(services, REGION, 2022) if f.rule == "logic"]
    assert [(f.indicator, f.severity) for f in logic] == [("BEDS_PER_1000", "error")]
    assert "床位数测试上限" in logic[0].message
    row = _catalog_rows(services)[-1]
    assert row.field == "rules" and row.new == good and row.reason == "增加床位上限"
    assert not catalog_admin.save_rules(services, good)  # unchanged: nothing saved


def _history(services, values: dict[int, float], code="HOSPITAL_BEDS", region=REGION):
    from desktop.domain import ValueChange

    services.apply_changes([ValueChange(region, y, code, v) for y, v in values.items()], source="test")


def test_trying_a_threshold_counts_past_values_it_would_flag(services):
    # year-on-year changes: +4 %, +10 %, +30 % (and 2019 → 2021 over a gap in another county)
    _history(services, {2018: 1000, 2019: 1040, 2020: 1144, 2021: 1487})
    _history(services, {2019: 500, 2021: 560}, region="330381")  # +12 % over two years
    before = services.catalog_version(), len(services.audit())
    result = catalog_admin.try_indicator(services, "HOSPITAL_BEDS", yoy_warn=5)  # now 15 %
    assert result.examined == 6
    assert [(f.region, f.year) for f in result.current if f.rule == "yoy"] == [(REGION, 2021)]
    assert sorted((f.region, f.year) for f in result.proposed if f.rule == "yoy") == \
        [("330381", 2021), (REGION, 2020), (REGION, 2021)]
    assert len(result.newly_flagged) == 2 and result.no_longer_flagged == []
    assert "新增 2 处" in result.summary()
    # a range trial
    result = catalog_admin.try_indicator(services, "HOSPITAL_BEDS", max=1100)
    assert [(f.year, f.rule) for f in result.newly_flagged] == [(2020, "range"), (2021, "range")]
    # trials write nothing
    assert (services.catalog_version(), len(services.audit())) == before
    assert services.indicator("HOSPITAL_BEDS").yoy_warn == 15
    # only the years before a given year
    assert catalog_admin.try_indicator(services, "HOSPITAL_BEDS", before_year=2021, yoy_warn=5).examined == 4


def test_trying_rules_counts_region_years_they_would_flag(services):
    _history(services, {2020: 4.0, 2021: 4.5, 2022: 5.2}, code="BEDS_PER_1000")
    text = catalog_admin.rules_text(services) + "warning: BEDS_PER_1000 <= 5 | 床位试算\n"
    result = catalog_admin.try_rules(services, text)
    assert result.examined == 3 and result.current == ()
    assert [(f.year, f.indicator) for f in result.newly_flagged] == [(2022, "BEDS_PER_1000")]
    with pytest.raises(RuleFileError):
        catalog_admin.try_rules(services, "warning: NOPE <= 1")


def test_trying_rules_keeps_unchanged_rules_out_of_the_changes(services):
    from desktop.domain import ValueChange

    services.apply_changes([ValueChange(REGION, 2020, "POP_RESIDENT", 100), ValueChange(REGION, 2020, "POP_ELDERLY_60", 120),
                            ValueChange(REGION, 2021, "POP_RESIDENT", 100), ValueChange(REGION, 2021, "POP_ELDERLY_60", 30)],
                           source="test")
    text = catalog_admin.rules_text(services)
    same = catalog_admin.try_rules(services, text)
    assert [(f.year, f.indicator) for f in same.current] == [(2020, "POP_ELDERLY_60")] == \
        [(f.year, f.indicator) for f in same.proposed]
    assert same.newly_flagged == [] and same.no_longer_flagged == []
    # dropping that rule: its break is no longer flagged; tightening it to a share flags 2021 as well
    dropped = "\n".join(line for line in text.splitlines() if "POP_ELDERLY_60 <= POP_RESIDENT" not in line)
    result = catalog_admin.try_rules(services, dropped)
    assert [(f.year, f.indicator) for f in result.no_longer_flagged] == [(2020, "POP_ELDERLY_60")]
    tighter = dropped + "\nerror: POP_ELDERLY_60 <= POP_RESIDENT * 0.25 | 老年人口占比过高\n"
    result = catalog_admin.try_rules(services, tighter)
    assert sorted((f.year, f.indicator) for f in result.newly_flagged) == [(2020, "POP_ELDERLY_60"), (2021, "POP_ELDERLY_60")]
    assert all("老年人口占比过高" in f.message for f in result.newly_flagged)


def test_catalog_commands(db_path, cli, tmp_path):
    r = cli(db_path, "indicator", "add", "GP_COUNT", "--section", "医疗资源", "--name", "全科医生数", "--unit", "人",
            "--kind", "count", "--decimals", "0", "--max", "5000")
    assert r.code == 0, r.err
    assert "目录版本 2026.2" in r.out
    assert cli(db_path, "indicator", "edit", "GP_COUNT", "--max", "9000", "--yoy-warn", "25").code == 0
    r = cli(db_path, "indicator", "edit", "GP_COUNT", "--min", "10", "--max", "5")
    assert r.code == 1 and "下限 10 大于上限 5" in r.err
    assert cli(db_path, "set", REGION, 2021, "GP_COUNT", "300").code == 0
    assert cli(db_path, "set", REGION, 2022, "GP_COUNT", "420").code == 0
    r = cli(db_path, "indicator", "try", "GP_COUNT", "--yoy-warn", "30", "--json")
    assert r.code == 0 and r.json()["current"] == 1 and r.json()["proposed"] == 1
    r = cli(db_path, "indicator", "try", "GP_COUNT", "--yoy-warn", "50")
    assert "不再标记 1 处" in r.out
    r = cli(db_path, "indicator", "edit", "GP_COUNT", "--max", "400")  # the trial is shown before saving
    assert r.code == 0 and "试算" in r.out and "新增 1 处" in r.out
    assert cli(db_path, "indicator", "hide", "GP_COUNT").code == 0
    assert "GP_COUNT" not in [i["code"] for i in cli(db_path, "catalog", "--json").json()]
    rules = tmp_path / "rules.txt"
    rules.write_text("error: GP_COUNT <= 400\nwarning: GP_COUN < 1\n", encoding="utf-8")
    r = cli(db_path, "rules", "check", rules)
    assert r.code == 1 and "第2行" in r.err and "GP_COUNT" in r.err
    assert cli(db_path, "rules", "set", rules).code == 1
    rules.write_text("error: GP_COUNT <= 400\n", encoding="utf-8")
    r = cli(db_path, "rules", "try", rules, "--json")
    assert r.json()["proposed"] == 1
    assert cli(db_path, "rules", "set", rules, "--reason", "测试").code == 0
    assert cli(db_path, "rules", "show").out == "error: GP_COUNT <= 400\n"
    audit = [a for a in cli(db_path, "audit", REGION, 2022, "--json").json()]
    assert audit  # the value rows are there; catalog rows have no region


def test_catalog_changes_exported_from_the_whole_audit(db_path, cli, tmp_path):
    from openpyxl import load_workbook

    assert cli(db_path, "indicator", "edit", "BEDS_PER_1000", "--yoy-warn", "12", "--reason", "=1+1").code == 0
    out = tmp_path / "catalog.xlsx"
    r = cli(db_path, "audit-export", "-o", out, "--field", "catalog")
    assert r.code == 0, r.err
    rows = list(load_workbook(out)["修改记录"].iter_rows(values_only=True))
    # the catalog the store started from (its digest, the row verify replays from), then the edit
    assert len(rows) == 3 and rows[1][5] is None and rows[1][11].startswith("默认指标目录")
    assert rows[2][5] == "BEDS_PER_1000" and rows[2][7] == "指标目录"
    assert '"yoy_warn": 15' in rows[2][8] and '"yoy_warn": 12' in rows[2][9] and rows[2][11] == "=1+1"
    assert cli(db_path, "audit-export", REGION, "-o", out).code == 2


def test_a_catalog_edit_is_seen_by_another_open_window(db_path):
    from desktop.services import Services

    admin, clerk = Services.open(db_path), Services.open(db_path, user="admin")
    try:
        assert clerk.indicator("FEVER_CLINICS").hidden is False
        catalog_admin.hide_indicator(admin, "FEVER_CLINICS")
        catalog_admin.edit_indicator(admin, "BEDS_PER_1000", max=15)
        assert clerk.indicator("FEVER_CLINICS").hidden is True
        assert clerk.indicator("BEDS_PER_1000").max == 15
    finally:
        admin.close()
        clerk.close()
