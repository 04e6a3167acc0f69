"""Validation engine: each rule id fires and stays quiet on the seed figures; gaps, z-scores, notes."""

from __future__ import annotations

import math

import pytest

from desktop.catalog import read_indicators
from desktop.validation import (
    blocking_findings,
    default_rules,
    history_min_change,
    is_boilerplate_note,
    validate,
    validate_many,
    validate_values,
)

WENZHOU, RUIAN, WENLING = "330300", "330381", "331081"
CATALOG = read_indicators()
BY_CODE = {i.code: i for i in CATALOG}


def only(findings, rule=None, indicator=None):
    return [f for f in findings if (rule is None or f.rule == rule) and (indicator is None or f.indicator == indicator)]


def pure(values, history=None, year=2024, targets=None, notes=None, submission=False):
    return validate_values(CATALOG, None, values, history or {}, targets or {}, year, notes, submission)


# ---- the seed data as loaded -------------------------------------------------------------------------
@pytest.mark.parametrize("region, year", [(RUIAN, 2021), (WENZHOU, 2023), (WENLING, 2021)])
def test_seed_data_raises_no_error_or_warning(demo_services, region, year):
    findings = validate(demo_services, region, year)
    assert [f for f in findings if f.severity != "info"] == []


# ---- yoy -----------------------------------------------------------------------------------------------
def test_wenzhou_childcare_per_1000_small_rise_raises_nothing(demo_services):
    demo_services.set_value(WENZHOU, 2024, "CHILDCARE_PLACES_PER_1000", 4.3)
    assert validate(demo_services, WENZHOU, 2024) == []


def test_wenzhou_childcare_per_1000_decimal_slip(demo_services):
    demo_services.set_value(WENZHOU, 2024, "CHILDCARE_PLACES_PER_1000", 0.43)
    (f,) = validate(demo_services, WENZHOU, 2024)
    assert (f.indicator, f.severity, f.rule) == ("CHILDCARE_PLACES_PER_1000", "warning", "yoy")
    assert f.message == "较2023年变为原来的约1/10（4.01→0.43），疑似小数点错位或单位错误"
    assert (f.value, f.reference, f.reference_year) == (0.43, 4.01, 2023)


def test_wenzhou_childcare_per_1000_big_rise_message(demo_services):
    demo_services.set_value(WENZHOU, 2024, "CHILDCARE_PLACES_PER_1000", 12.52)
    (f,) = validate(demo_services, WENZHOU, 2024)
    assert f.rule == "yoy"
    assert f.message == "较2023年增长212.2%（4.01→12.52），超过阈值50%"


def test_yoy_fall_beyond_threshold(demo_services):
    demo_services.set_value(WENZHOU, 2024, "CHILDCARE_INSTITUTIONS", 400)  # 994 → 400: −59.8 %, threshold 50 %
    (f,) = only(validate(demo_services, WENZHOU, 2024), "yoy")
    assert f.message == "较2023年下降59.8%（994→400），超过阈值50%"


def test_yoy_gap_widens_relative_threshold(demo_services):
    # 瑞安 2021 EHR_RECORDS 119.5 万份, yoy_warn 15 %: over 4 years the threshold is 1.15^4 − 1 = 74.9 %
    demo_services.set_value(RUIAN, 2025, "EHR_RECORDS", 200)  # +67.4 %: a one-year change would warn
    assert only(validate(demo_services, RUIAN, 2025), "yoy") == []
    demo_services.set_value(RUIAN, 2025, "EHR_RECORDS", 220)  # +84.1 %
    (f,) = only(validate(demo_services, RUIAN, 2025), "yoy")
    assert f.message == "较2021年（间隔4年）增长84.1%（119.50→220.00），超过阈值（每年15%，阈值按间隔放宽为74.9%）"
    assert f.reference_year == 2021
    demo_services.set_value(RUIAN, 2022, "EHR_RECORDS", 180)  # the same rise within one year warns
    (f,) = only(validate(demo_services, RUIAN, 2022), "yoy")
    assert f.message == "较2021年增长50.6%（119.50→180.00），超过阈值15%"


def test_yoy_gap_widens_point_threshold(demo_services):
    # 瑞安 2021 FAMILY_DOCTOR_RATE 44.97 %, yoy_warn 15 points (a rate): g years → 15·g points
    demo_services.set_value(RUIAN, 2023, "FAMILY_DOCTOR_RATE", 72.0)  # +27.03 points over 2 years < 30
    assert only(validate(demo_services, RUIAN, 2023), "yoy") == []
    demo_services.set_value(RUIAN, 2023, "FAMILY_DOCTOR_RATE", 76.0)  # +31.03 points
    (f,) = only(validate(demo_services, RUIAN, 2023), "yoy")
    assert f.message == "较2021年（间隔2年）上升31.03个百分点（44.97→76.00），超过阈值（每年15个百分点，阈值按间隔放宽为30个百分点）"
    demo_services.set_value(RUIAN, 2022, "FAMILY_DOCTOR_RATE", 61.0)  # one year, +16.03 points
    (f,) = only(validate(demo_services, RUIAN, 2022), "yoy")
    assert f.message == "较2021年上升16.03个百分点（44.97→61.00），超过阈值15个百分点"


def test_yoy_uses_nearest_earlier_year_with_a_value():
    hist = {"HOSPITAL_BEDS": {2015: 1000.0, 2019: 2000.0}}
    (f,) = pure({"HOSPITAL_BEDS": 2700.0}, hist, year=2021)  # vs 2019: +35 % over 2 years, limit 32.25 %
    assert f.reference_year == 2019 and "较2019年（间隔2年）" in f.message and "放宽为32.2%" in f.message
    assert pure({"HOSPITAL_BEDS": 2600.0}, hist, year=2021) == []  # +30 % < 32.25 %


def test_slip_hints_name_the_unit():
    findings = pure({"POP_RESIDENT": 1520000.0}, {"POP_RESIDENT": {2023: 152.0}})
    assert [f.rule for f in findings] == ["range", "yoy"]  # 152 万 people typed as 1520000 is also out of range
    f = findings[1]
    assert "约10000倍" in f.message and "疑似小数点错位或单位错误" in f.message and "“人”而非“万人”" in f.message
    (f,) = pure({"EHR_STANDARD_COVERAGE": 0.6535}, {"EHR_STANDARD_COVERAGE": {2023: 65.35}})
    assert "约1/100" in f.message and "百分数" in f.message


def test_slip_needs_the_ratio_near_a_power_of_ten():
    # 4.01 → 0.55 is a fall of 86 % (a yoy warning) but a ratio of 0.137, not within ±15 % of 0.1
    (f,) = pure({"CHILDCARE_PLACES_PER_1000": 0.55}, {"CHILDCARE_PLACES_PER_1000": {2023: 4.01}})
    assert "疑似" not in f.message and "下降86.3%" in f.message


def test_missing_yoy_warn_switches_the_threshold_off_but_not_the_slip_check():
    from dataclasses import replace

    cat = [replace(i, yoy_warn=None) if i.code == "HOSPITAL_BEDS" else i for i in CATALOG]
    hist = {"HOSPITAL_BEDS": {2023: 1000.0}}
    assert validate_values(cat, None, {"HOSPITAL_BEDS": 3000.0}, hist, {}, 2024) == []
    (f,) = validate_values(cat, None, {"HOSPITAL_BEDS": 10000.0}, hist, {}, 2024)
    assert f.rule == "yoy" and "疑似小数点错位" in f.message


# ---- history ---------------------------------------------------------------------------------------------
BEDS_HISTORY = {2019: 5000.0, 2020: 5050.0, 2021: 4980.0, 2022: 5020.0}


def test_history_fires_beyond_three_sigma_of_earlier_years():
    findings = pure({"HOSPITAL_BEDS": 5600.0}, {"HOSPITAL_BEDS": BEDS_HISTORY}, year=2023)
    assert only(findings, "yoy") == []  # +11.6 % on 2022: within the 15 % threshold
    (f,) = only(findings, "history")
    xs = list(BEDS_HISTORY.values())
    mean = sum(xs) / 4
    sd = math.sqrt(sum((x - mean) ** 2 for x in xs) / 3)
    assert f.severity == "warning" and f.reference == pytest.approx(mean)
    assert f"偏离{(5600 - mean) / sd:.1f}个标准差" in f.message
    assert "2019—2022年的4个年度值" in f.message and "本年5600" in f.message


def test_history_z_uses_earlier_years_only():
    # Included in its own mean and deviation, 5600 among 5 values could never reach |z| = 3
    # ((n−1)/√n = 1.79): the rule only fires because the judged value is left out.
    xs = [*BEDS_HISTORY.values(), 5600.0]
    mean = sum(xs) / 5
    sd = math.sqrt(sum((x - mean) ** 2 for x in xs) / 4)
    assert abs((5600 - mean) / sd) < 3
    # Values of the judged year and of later years in the history passed in change nothing
    hist = {"HOSPITAL_BEDS": {**BEDS_HISTORY, 2023: 9999.0, 2024: 1.0}}
    base = pure({"HOSPITAL_BEDS": 5600.0}, {"HOSPITAL_BEDS": BEDS_HISTORY}, year=2023)
    assert pure({"HOSPITAL_BEDS": 5600.0}, hist, year=2023) == base


def test_history_needs_three_earlier_years():
    two = {2021: 4980.0, 2022: 5020.0}
    assert only(pure({"HOSPITAL_BEDS": 5600.0}, {"HOSPITAL_BEDS": two}, year=2023), "history") == []


def test_history_needs_a_minimum_absolute_change():
    # z = 9.5 but the change (287.5 beds) is under half of 15 % of the mean (376 beds)
    ind = BY_CODE["HOSPITAL_BEDS"]
    assert history_min_change(ind, 5012.5) == pytest.approx(5012.5 * 0.075)
    assert only(pure({"HOSPITAL_BEDS": 5300.0}, {"HOSPITAL_BEDS": BEDS_HISTORY}, year=2023), "history") == []


def test_history_on_a_flat_series():
    flat = {"EMS_STATIONS": {2019: 14.0, 2020: 14.0, 2021: 14.0}}
    assert only(pure({"EMS_STATIONS": 15.0}, flat, year=2022), "history") == []  # 1 station: under the minimum
    (f,) = only(pure({"EMS_STATIONS": 40.0}, flat, year=2022), "history")
    assert "均为14" in f.message and "本年为40" in f.message


def test_history_on_stored_data(demo_services):
    for year, value in BEDS_HISTORY.items():
        demo_services.set_value(RUIAN, year, "HOSPITAL_BEDS", value)
    demo_services.set_value(RUIAN, 2023, "HOSPITAL_BEDS", 5600)
    assert [f.rule for f in validate(demo_services, RUIAN, 2023)] == ["history"]


# ---- format and range --------------------------------------------------------------------------------------
def test_format_fires_on_non_numbers_and_fractions_of_whole_counts():
    findings = pure({"CHILDCARE_PLACES": 38800.5, "AMBULANCES": "四十八", "EMS_STATIONS": float("nan")})
    assert {(f.indicator, f.severity, f.rule) for f in findings} == {
        ("CHILDCARE_PLACES", "error", "format"), ("AMBULANCES", "error", "format"), ("EMS_STATIONS", "error", "format")}
    assert "应为整数" in only(findings, indicator="CHILDCARE_PLACES")[0].message
    assert pure({"CHILDCARE_PLACES": 38800.0, "AMBULANCES": 48}) == []


def test_range_from_the_catalog(demo_services):
    demo_services.set_value(WENZHOU, 2024, "CHILDCARE_COVERAGE", 187.11)
    (f,) = only(validate(demo_services, WENZHOU, 2024), "range")
    assert f.severity == "error" and "187.11" in f.message and "[0, 100]" in f.message
    demo_services.set_value(WENZHOU, 2024, "CHILDCARE_COVERAGE", 90.0)
    assert validate(demo_services, WENZHOU, 2024) == []
    (f,) = pure({"LIFE_EXPECTANCY": 55.0})
    assert f.rule == "range" and "低于下限" in f.message


# ---- logic -------------------------------------------------------------------------------------------------------
def test_logic_affordable_places_not_above_places(demo_services):
    assert only(validate(demo_services, WENZHOU, 2023), "logic") == []  # 27000 ≤ 38800
    demo_services.set_value(WENZHOU, 2023, "CHILDCARE_PLACES_AFFORDABLE", 39000)
    (f,) = only(validate(demo_services, WENZHOU, 2023), "logic")
    assert (f.indicator, f.severity, f.value, f.reference) == ("CHILDCARE_PLACES_AFFORDABLE", "error", 39000, 38800)
    assert "普惠托位数为39000" in f.message and "托位数为38800" in f.message


def test_logic_per_1000_agrees_with_count_and_population(demo_services):
    # 温州: 38800 places; 4.01 per 1000 fits a population of 967.6 万 (38800 / 9676 = 4.0099)
    demo_services.set_value(WENZHOU, 2023, "POP_RESIDENT", 967.6)
    assert only(validate(demo_services, WENZHOU, 2023), "logic") == []
    demo_services.set_value(WENZHOU, 2023, "POP_RESIDENT", 930.0)  # gives 4.17: 3.9 % off
    (f,) = only(validate(demo_services, WENZHOU, 2023), "logic")
    assert f.indicator == "CHILDCARE_PLACES_PER_1000" and f.severity == "warning"
    assert "计算为4.17" in f.message and "超过允许的2%" in f.message and "常住人口930.00" in f.message


def test_logic_family_doctor_contracts_and_population(demo_services):
    demo_services.set_value(RUIAN, 2021, "POP_RESIDENT", 152.0)
    assert only(validate(demo_services, RUIAN, 2021), "logic") == []
    demo_services.set_value(RUIAN, 2021, "POP_RESIDENT", 52.0)  # 58.38 万 contracts > 52 万 residents
    (f,) = only(validate(demo_services, RUIAN, 2021), "logic")
    assert f.indicator == "FAMILY_DOCTOR_CONTRACTS" and f.severity == "error"


def test_logic_visit_shares():
    assert only(pure({"PRIMARY_VISIT_SHARE": 75.0, "COUNTY_VISIT_SHARE": 91.0}), "logic") == []
    (f,) = only(pure({"PRIMARY_VISIT_SHARE": 92.0, "COUNTY_VISIT_SHARE": 91.0}), "logic")
    assert f.indicator == "PRIMARY_VISIT_SHARE" and "基层就诊率为92.00" in f.message


def test_logic_rule_with_a_missing_operand_is_not_applied():
    assert pure({"CHILDCARE_PLACES_PER_1000": 4.01, "CHILDCARE_PLACES": 38800.0}) == []  # no population
    assert pure({"CHILDCARE_PLACES_AFFORDABLE": 1e6}) == []  # no CHILDCARE_PLACES


# ---- target ------------------------------------------------------------------------------------------------------
def test_target_missed_is_info_and_met_is_quiet(demo_services):
    # 温岭 2021 targets: life expectancy 79 (higher is better)
    demo_services.set_value(WENLING, 2021, "LIFE_EXPECTANCY", 78.5)
    (f,) = validate(demo_services, WENLING, 2021)
    assert (f.severity, f.rule, f.value, f.reference) == ("info", "target", 78.5, 79)
    assert "目标为不低于79.00" in f.message and "78.50" in f.message
    demo_services.set_value(WENLING, 2021, "LIFE_EXPECTANCY", 79.0)
    assert validate(demo_services, WENLING, 2021) == []
    # 2025: out-of-pocket share at most 26 % (lower is better)
    demo_services.set_value(WENLING, 2025, "OOP_SHARE", 27.5)
    (f,) = validate(demo_services, WENLING, 2025)
    assert f.rule == "target" and "不高于26.00" in f.message
    demo_services.set_value(WENLING, 2025, "OOP_SHARE", 25.0)
    assert validate(demo_services, WENLING, 2025) == []
    assert blocking_findings([f]) == []  # info never blocks


# ---- completeness, notes, submission ---------------------------------------------------------------------------
def test_completeness_only_at_submission(demo_services):
    assert only(validate(demo_services, WENZHOU, 2023), "completeness") == []
    found = only(validate(demo_services, WENZHOU, 2023, submission=True), "completeness")
    visible = [i.code for i in demo_services.indicators()]
    assert {f.indicator for f in found} == set(visible) - {
        "CHILDCARE_INSTITUTIONS", "CHILDCARE_COVERAGE", "CHILDCARE_PLACES", "CHILDCARE_PLACES_AFFORDABLE",
        "CHILDCARE_PLACES_PER_1000", "COLORECTAL_SCREENING", "HEALTH_CHECKS", "HEALTH_CHECK_RATE"}
    assert all(f.severity == "warning" and not f.cleared for f in found)


def test_completeness_cleared_by_a_note_on_the_empty_value(demo_services):
    demo_services.set_note(WENZHOU, 2023, "POP_RESIDENT", "核实无误")
    (f,) = only(validate(demo_services, WENZHOU, 2023, submission=True), "completeness", "POP_RESIDENT")
    assert not f.cleared
    demo_services.set_note(WENZHOU, 2023, "POP_RESIDENT", "统计局年度人口数据要到次年三月才公布")
    (f,) = only(validate(demo_services, WENZHOU, 2023, submission=True), "completeness", "POP_RESIDENT")
    assert f.cleared and f not in blocking_findings([f])


def test_completeness_mentions_last_years_value(demo_services):
    (f,) = only(validate(demo_services, WENZHOU, 2024, submission=True), "completeness", "CHILDCARE_PLACES")
    assert "2023年为38800" in f.message and f.reference == 38800


@pytest.mark.parametrize("note", ["核实无误", "无", "正常", "数据准确", "经核实，数据准确无误。", " 核实 无误 ",
                                  "数据正常", "属正常波动", "已核实", "同上", "OK", "data verified, correct", "", None,
                                  "经核实数据无误"])
def test_boilerplate_notes_are_refused(note):
    assert is_boilerplate_note(note)


@pytest.mark.parametrize("note", ["新建3家普惠托育园，托位增加", "上半年数（截至6月底）", "统计口径调整：改按常住人口计算",
                                  "核实无误，系新增城东分院床位500张", "Beds of the new east campus were counted"])
def test_real_explanations_are_accepted(note):
    assert not is_boilerplate_note(note)


def test_a_real_note_clears_a_warning_and_boilerplate_does_not(demo_services):
    demo_services.set_value(WENZHOU, 2024, "CHILDCARE_PLACES_PER_1000", 12.52, note="数据准确")
    (f,) = validate(demo_services, WENZHOU, 2024)
    assert not f.cleared and blocking_findings([f]) == [f]
    demo_services.set_note(WENZHOU, 2024, "CHILDCARE_PLACES_PER_1000", "全年数，上年为上半年数，且新增托育园12家")
    (f,) = validate(demo_services, WENZHOU, 2024)
    assert f.cleared and blocking_findings([f]) == []


def test_errors_block_even_with_a_note(demo_services):
    demo_services.set_value(WENZHOU, 2023, "CHILDCARE_COVERAGE", 187.11, note="含新设街道，覆盖率超过百分之百")
    (f,) = validate(demo_services, WENZHOU, 2023)
    assert f.severity == "error" and not f.cleared and blocking_findings([f]) == [f]


# ---- order, many regions, rules in force ----------------------------------------------------------------------
def test_findings_sorted_by_severity_then_catalog_order():
    findings = pure({"LIFE_EXPECTANCY": 79.5, "CHILDCARE_PLACES": 10.5, "HOSPITAL_BEDS": 9000.0, "POP_RESIDENT": -1.0},
                    {"HOSPITAL_BEDS": {2023: 1000.0}}, targets={"LIFE_EXPECTANCY": 80})
    assert [(f.severity, f.indicator) for f in findings] == [
        ("error", "POP_RESIDENT"), ("error", "CHILDCARE_PLACES"), ("warning", "HOSPITAL_BEDS"),
        ("info", "LIFE_EXPECTANCY")]


def test_validate_many_agrees_with_validate(demo_services):
    demo_services.set_value(RUIAN, 2024, "EHR_RECORDS", 300)
    demo_services.set_value("330302", 2024, "HOSPITAL_BEDS", 1000.5)
    counties = demo_services.counties_of(WENZHOU)
    seen = []
    many = validate_many(demo_services, counties, 2024, progress=lambda d, t: seen.append((d, t)))
    assert set(many) == {c.code for c in counties} and seen[-1] == (len(counties), len(counties))
    for c in counties:
        assert many[c.code] == validate(demo_services, c.code, 2024)
    assert [f.rule for f in many[RUIAN]] == ["yoy"] and [f.rule for f in many["330302"]] == ["format"]
    stopped = validate_many(demo_services, counties, 2024, cancelled=lambda: True)
    assert stopped == {}


def test_default_rules_are_parsed_once():
    assert default_rules() is default_rules()
    assert len(default_rules()) >= 7


def test_rules_saved_in_the_store_are_in_force(demo_services):
    demo_services.set_value(WENZHOU, 2024, "CHILDCARE_INSTITUTIONS", 100)
    demo_services.set_value(WENZHOU, 2024, "CHILDCARE_PLACES", 90)
    assert only(validate(demo_services, WENZHOU, 2024), "logic") == []
    with demo_services.store.write() as db:
        db["rule_set"].insert({"text": "warning: CHILDCARE_PLACES >= CHILDCARE_INSTITUTIONS | 每家机构至少一个托位",
                               "at": "2026-01-01T00:00:00", "actor": "admin", "reason": "test"})
    (f,) = only(validate(demo_services, WENZHOU, 2024), "logic")
    assert f.indicator == "CHILDCARE_PLACES" and f.message.startswith("每家机构至少一个托位：")
