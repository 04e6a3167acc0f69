"""python main.py validate REGION YEAR [--json]: the design's JSON shape and exit codes."""

from __future__ import annotations

FIELDS = {"indicator", "severity", "rule", "message", "value", "reference"}


def test_validate_json_shape_and_exit_1_on_error(demo_path, cli):
    assert cli(demo_path, "set", "330300", "2024", "CHILDCARE_PLACES_PER_1000", "0.43").code == 0
    assert cli(demo_path, "set", "330300", "2024", "CHILDCARE_PLACES", "38800").code == 0
    assert cli(demo_path, "set", "330300", "2024", "CHILDCARE_PLACES_AFFORDABLE", "40000").code == 0
    r = cli(demo_path, "validate", "温州市", "2024", "--json")
    assert r.code == 1, r.err
    data = r.json()
    assert set(data) == {"region", "year", "findings"}
    assert data["region"] == "330300" and data["year"] == 2024
    assert all(set(f) == FIELDS for f in data["findings"])
    assert data["findings"] == [
        {"indicator": "CHILDCARE_PLACES_AFFORDABLE", "severity": "error", "rule": "logic",
         "message": data["findings"][0]["message"], "value": 40000, "reference": 38800},
        {"indicator": "CHILDCARE_PLACES_PER_1000", "severity": "warning", "rule": "yoy",
         "message": "较2023年变为原来的约1/10（4.01→0.43），疑似小数点错位或单位错误", "value": 0.43, "reference": 4.01},
    ]


def test_validate_exit_0_with_warnings_only(demo_path, cli):
    cli(demo_path, "set", "330300", "2024", "CHILDCARE_PLACES_PER_1000", "12.52")
    r = cli(demo_path, "validate", "330300", "2024", "--json")
    assert r.code == 0
    (f,) = r.json()["findings"]
    assert f["message"] == "较2023年增长212.2%（4.01→12.52），超过阈值50%"
    r = cli(demo_path, "validate", "330300", "2024")
    assert r.code == 0 and "警告1项" in r.out and "每千人口托位数" in r.out and "超过阈值50%" in r.out


def test_validate_clean_seed_year(demo_path, cli):
    r = cli(demo_path, "validate", "瑞安市", "2021", "--json")
    assert r.code == 0 and r.json() == {"region": "330381", "year": 2021, "findings": []}
    r = cli(demo_path, "validate", "331081", "2021")
    assert r.code == 0 and "错误0项，警告0项" in r.out


def test_validate_submission_adds_completeness(demo_path, cli):
    r = cli(demo_path, "validate", "330300", "2023", "--json", "--submission")
    rules = {f["rule"] for f in r.json()["findings"]}
    assert r.code == 0 and rules == {"completeness"}


def test_validate_bad_arguments(demo_path, cli):
    r = cli(demo_path, "validate", "火星市", "2021")
    assert r.code == 1 and "未知地区" in r.err and "Traceback" not in r.err
    r = cli(demo_path, "validate", "330300", "二〇二一")
    assert r.code == 1 and "年份无效" in r.err
    r = cli(demo_path, "validate", "330300")
    assert r.code == 2


def _complete_dataset(services, region, year):
    """Every visible indicator filled in range and consistent, except beds per 1000 (10 vs 5 from the counts)."""
    from desktop.domain import ValueChange

    values = {}
    for ind in services.indicators():
        values[ind.code] = round((ind.min + ind.max) / 2, ind.decimals)
    values.update(NURSES_PER_1000=5.0, CHILDCARE_PLACES=100000, CHILDCARE_PLACES_AFFORDABLE=60000,
                  ELDERLY_REHAB_BEDS_PER_1000=10.0)
    services.apply_changes([ValueChange(region, year, c, v) for c, v in values.items()], source="cli")


def test_submit_refuses_unexplained_warnings_and_accepts_a_real_explanation(services, db_path, cli):
    from desktop.validation import validate

    _complete_dataset(services, "330302", 2024)
    (f,) = validate(services, "330302", 2024, submission=True)
    assert (f.indicator, f.rule, f.severity, f.cleared) == ("BEDS_PER_1000", "logic", "warning", False)
    r = cli(db_path, "submit", "330302", "2024")
    assert r.code == 1 and "每千人口医疗机构床位数" in r.err
    assert cli(db_path, "get", "330302", "2024", "--json").json()["status"] == "draft"
    cli(db_path, "set", "330302", "2024", "BEDS_PER_1000", "10", "--note", "核实无误")
    assert cli(db_path, "submit", "330302", "2024").code == 1
    cli(db_path, "set", "330302", "2024", "BEDS_PER_1000", "10", "--note", "床位数为医院口径，人口为户籍人口，口径不同")
    r = cli(db_path, "submit", "330302", "2024")
    assert r.code == 0, r.err
    assert cli(db_path, "get", "330302", "2024", "--json").json()["status"] == "submitted"


def test_submit_refuses_errors_even_with_a_note(services, db_path, cli):
    _complete_dataset(services, "330302", 2024)
    services.set_value("330302", 2024, "BEDS_PER_1000", 5.0)
    services.set_value("330302", 2024, "CHILDCARE_PLACES_AFFORDABLE", 200000, note="含在建项目的普惠托位计划数")
    r = cli(db_path, "validate", "330302", "2024", "--json", "--submission")
    assert r.code == 1 and [f["rule"] for f in r.json()["findings"]] == ["logic"]
    r = cli(db_path, "submit", "330302", "2024")
    assert r.code == 1 and "普惠托位数" in r.err


def test_validate_json_format_error_carries_the_value(demo_path, cli):
    # a fraction typed for a whole count: the finding names the value the clerk typed, not null
    assert cli(demo_path, "set", "331081", "2024", "HOSPITAL_BEDS", "12.5").code == 0
    r = cli(demo_path, "validate", "331081", "2024", "--json")
    assert r.code == 1
    (f,) = [f for f in r.json()["findings"] if f["indicator"] == "HOSPITAL_BEDS"]
    assert (f["rule"], f["severity"], f["value"]) == ("format", "error", 12.5)
