"""The upstream office: city and province figures from the counties (sums, recomputed ratios, weighted rates),
partial sums, level consistency, ranges fitted to the level, who has reported, the comparison's ranks and flags."""

from __future__ import annotations

import pytest

from desktop import workflow
from desktop.aggregate import core
from desktop.aggregate.compare import comparison
from desktop.aggregate.service import aggregate_region, status_report
from desktop.domain import Indicator, ValueChange
from desktop.services import Services

CITY, PROVINCE, YEAR = "330300", "330000", 2023  # 温州市: 12 counties
EXPLAINED = "本县当年未开展该项统计调查"

# 温州's 12 counties in code order, with (beds, residents in 万人, health literacy %)
WZ = ["330302", "330303", "330304", "330305", "330324", "330326", "330327", "330328", "330329", "330381",
      "330382", "330383"]
BEDS = [5200, 1800, 4100, 600, 3000, 2900, 3300, 1100, 1000, 5400, 5600, 1500]
POP = [114.2, 78.1, 96.5, 16.2, 87.0, 86.3, 85.2, 28.7, 26.5, 152.7, 144.0, 46.6]
LITERACY = [38.1, 35.2, 36.9, 30.5, 31.7, 33.0, 32.4, 29.8, 28.6, 37.2, None, None]  # two did not report
LAST = "330383"  # 龙港市: reports nothing
HANGZHOU_COUNTY = "330102"


def _fill(services: Services) -> None:
    changes = []
    for i, code in enumerate(WZ):
        if code == LAST:
            continue
        changes += [ValueChange(code, YEAR, "HOSPITAL_BEDS", BEDS[i]), ValueChange(code, YEAR, "POP_RESIDENT", POP[i])]
        if LITERACY[i] is not None:
            changes.append(ValueChange(code, YEAR, "HEALTH_LITERACY", LITERACY[i]))
    # 鹿城区 types its own ratio as 56.09 (should be 4.55): an error at every level
    changes.append(ValueChange("330302", YEAR, "BEDS_PER_1000", 56.09))
    # 瓯海区's ratio disagrees with its beds and residents by more than 2 %: an unexplained warning
    changes.append(ValueChange("330304", YEAR, "BEDS_PER_1000", 3.90))
    changes.append(ValueChange("330303", YEAR, "BEDS_PER_1000", 2.30))
    # the city's own figures: beds as the bureau counted them; the province's total
    changes.append(ValueChange(CITY, YEAR, "HOSPITAL_BEDS", 40000))
    changes.append(ValueChange(PROVINCE, YEAR, "HOSPITAL_BEDS", 246000))
    changes.append(ValueChange(PROVINCE, YEAR, "BEDS_PER_1000", 56.09))
    changes.append(ValueChange(HANGZHOU_COUNTY, YEAR, "HOSPITAL_BEDS", 7000))
    services.apply_changes(changes, source="test")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("agg") / "store.sqlite"
    with Services.init(path) as s:
        _fill(s)
        # 瑞安市 submitted, 乐清市 submitted and approved (every other indicator explained as missing)
        for code in ("330381", "330382"):
            s.apply_changes([ValueChange(code, YEAR, i.code, None, EXPLAINED) for i in s.indicators()
                             if i.code not in ("HOSPITAL_BEDS", "POP_RESIDENT", "HEALTH_LITERACY")
                             or (code == "330382" and i.code == "HEALTH_LITERACY")], source="test")
            workflow.submit(s, code, YEAR)
        workflow.approve(s, "330382", YEAR)
    return path


@pytest.fixture
def svc(store):
    s = Services.open(store)
    yield s
    s.close()


def test_city_sum_counts_only_the_counties_that_reported_and_is_partial(svc):
    agg = aggregate_region(svc, CITY, YEAR)
    beds = agg.computed["HOSPITAL_BEDS"]
    assert beds.method == "sum"
    assert beds.value == sum(BEDS[:-1])  # 龙港市 has not reported
    assert (beds.reported, beds.of, beds.partial) == (11, 12, True)
    assert beds.own == 40000
    assert agg.computed["POP_RESIDENT"].value == pytest.approx(sum(POP[:-1]))


def test_city_ratio_is_recomputed_from_the_sums_not_averaged(svc):
    agg = aggregate_region(svc, CITY, YEAR)
    ratio = agg.computed["BEDS_PER_1000"]
    assert ratio.method == "ratio"
    assert ratio.value == pytest.approx(sum(BEDS[:-1]) / (sum(POP[:-1]) * 10), abs=1e-6)  # kept to 6 decimals
    assert ratio.value == pytest.approx(34000 / 9154, abs=1e-6) and round(ratio.value, 2) == 3.71  # never 56.09, never a mean of the counties' ratios
    assert (ratio.reported, ratio.of) == (11, 12)


def test_city_rate_is_weighted_by_residents(svc):
    agg = aggregate_region(svc, CITY, YEAR)
    lit = agg.computed["HEALTH_LITERACY"]
    pairs = [(v, p) for v, p in zip(LITERACY, POP) if v is not None]
    assert lit.method == "weighted"
    assert lit.value == pytest.approx(sum(v * p for v, p in pairs) / sum(p for _, p in pairs), abs=1e-6)
    assert (lit.reported, lit.of) == (10, 12)
    none = agg.computed["LIFE_EXPECTANCY"]
    assert (none.method, none.value) == ("none", None)


def test_province_sums_over_all_its_counties(svc):
    agg = aggregate_region(svc, PROVINCE, YEAR)
    beds = agg.computed["HOSPITAL_BEDS"]
    assert beds.value == sum(BEDS[:-1]) + 7000
    assert (beds.reported, beds.of, beds.own) == (12, 90, 246000)


def test_a_county_value_with_an_error_is_left_out_of_the_sum(tmp_path):
    with Services.init(tmp_path / "s.sqlite") as s:
        s.apply_changes([ValueChange(c, YEAR, "HOSPITAL_BEDS", 1000) for c in WZ[:11]]
                        + [ValueChange(WZ[11], YEAR, "HOSPITAL_BEDS", 1000.5)], source="test")  # a fraction: error
        beds = aggregate_region(s, CITY, YEAR).computed["HOSPITAL_BEDS"]
        assert (beds.value, beds.reported, beds.of) == (11000, 11, 12)


def test_own_figure_against_the_computed_one_is_a_level_finding_only_when_all_reported(tmp_path):
    with Services.init(tmp_path / "s.sqlite") as s:
        s.apply_changes([ValueChange(c, YEAR, "HOSPITAL_BEDS", b) for c, b in zip(WZ, BEDS)]
                        + [ValueChange(CITY, YEAR, "HOSPITAL_BEDS", 40000)], source="test")
        from desktop.validation import validate

        found = [f for f in validate(s, CITY, YEAR) if f.rule == "level"]
        assert len(found) == 1 and found[0].indicator == "HOSPITAL_BEDS"
        assert found[0].value == 40000 and found[0].reference == sum(BEDS)
        assert "12/12" in found[0].message and str(sum(BEDS)) in found[0].message
        s.set_note(CITY, YEAR, "HOSPITAL_BEDS", "本级数含市属医院及民营医院床位，各县上报口径不含")
        again = [f for f in validate(s, CITY, YEAR) if f.rule == "level"]
        assert again[0].cleared
        # within 2 %: no finding
        s.set_value(CITY, YEAR, "HOSPITAL_BEDS", sum(BEDS) + 300)
        assert not [f for f in validate(s, CITY, YEAR) if f.rule == "level"]


def test_ranges_fit_the_level(svc):
    from desktop.validation import validate

    province = validate(svc, PROVINCE, YEAR)
    assert not [f for f in province if f.indicator == "HOSPITAL_BEDS" and f.rule == "range"]  # 246000 beds is fine
    assert [f for f in province if f.indicator == "BEDS_PER_1000" and f.rule == "range"]  # 56.09 per 1000 is not
    county = validate(svc, "330302", YEAR)
    assert [f for f in county if f.indicator == "BEDS_PER_1000" and f.rule == "range" and f.severity == "error"]
    inds = {i.code: i for i in core.scaled_for_level(svc.indicators(), 90)}
    assert inds["HOSPITAL_BEDS"].max == 100000 * 90 and inds["BEDS_PER_1000"].max == 20


def test_status_lists_every_county_with_its_progress(svc):
    report = status_report(svc, CITY, YEAR)
    rows = {c.region: c for c in report.counties}
    assert len(rows) == 12
    assert report.summary == {"draft": 9, "submitted": 1, "returned": 0, "approved": 1, "accepted": 0, "empty": 1}
    assert rows[LAST].status == "empty" and rows[LAST].filled == 0
    assert rows["330381"].status == "submitted" and rows["330381"].submitted_by == "admin"
    assert rows["330381"].approved_by is None
    assert rows["330382"].status == "approved" and rows["330382"].approved_by == "admin"
    assert rows["330382"].approved_at >= rows["330382"].submitted_at
    assert rows["330302"].filled == 4 and rows["330302"].total == len(svc.indicators())
    assert rows["330302"].errors == 1  # 56.09 beds per 1000
    assert rows["330304"].unexplained >= 1
    first = report.by_action()[0]
    assert first.status == "empty"
    province = status_report(svc, PROVINCE, YEAR)
    assert len(province.counties) == 90 and province.summary["empty"] == 90 - 12


def test_status_summary_keeps_an_unknown_status():
    assert core.summary(["draft", "archived", "empty"])["archived"] == 1
    assert core.action_key("archived")[0] == len(core.ACTION_ORDER)


def test_compare_ranks_rates_among_valid_values_and_shares_counts(svc):
    data = comparison(svc, CITY, YEAR)
    rows = {r.indicator.code: r for r in data.rows}
    lit = rows["HEALTH_LITERACY"]
    assert lit.comparable
    assert lit.stats["n"] == 10 and lit.stats["max"] == 38.1 and lit.stats["min"] == 28.6
    assert lit.cells["330302"].rank == 1 and lit.cells["330329"].rank == 10
    ratio = rows["BEDS_PER_1000"]
    assert ratio.cells["330302"].flag == "error" and ratio.cells["330302"].rank is None
    assert ratio.stats["n"] == 2  # 56.09 does not count
    assert ratio.cells["330304"].flag == "warning" and ratio.cells["330304"].rank is not None
    assert ratio.cells["330303"].flag is None
    beds = rows["HOSPITAL_BEDS"]
    assert not beds.comparable and all(c.rank is None for c in beds.cells.values())
    total = sum(BEDS[:-1])
    assert beds.cells["330382"].share == pytest.approx(5600 / total * 100)
    assert beds.parent.value == total and beds.parent.own == 40000
    assert data.completeness_line.startswith("已报 11/12，未报：龙港市")
    numbers = [f for f in data.footnotes if f.county.code == "330302" and f.indicator.code == "BEDS_PER_1000"]
    assert numbers and "56.09" in numbers[0].message


def test_province_comparison_groups_counties_by_city_with_each_city_computed(svc):
    data = comparison(svc, PROVINCE, YEAR)
    assert data.by_city and len(data.groups) == 11 and len(data.counties) == 90
    city, counties = data.groups[2]
    assert city.code == CITY and [c.code for c in counties] == WZ
    beds = next(r for r in data.rows if r.indicator.code == "HOSPITAL_BEDS")
    assert beds.groups[CITY].value == sum(BEDS[:-1]) and beds.groups["330100"].value == 7000
    assert beds.parent.value == sum(BEDS[:-1]) + 7000


def test_parse_method_refuses_bad_texts_with_the_reason():
    codes = ["A", "B", "POP"]
    assert core.parse_method("ratio: A / (POP * 10)", "X", codes).codes() == ("A", "POP")
    assert core.parse_method("weighted: pop", "X", codes).weight == "POP"
    for text, words in (("avg", "无效"), ("ratio:", "缺少"), ("ratio: A /", "计算式有误"),
                        ("ratio: A / C", "未知指标代码 C"), ("weighted: C", "不存在"), ("sum: A", "不应")):
        with pytest.raises(core.AggregationError, match=words):
            core.parse_method(text, "X", codes)


def test_aggregation_is_a_catalog_column_an_admin_edits(services):
    from desktop import catalog_admin
    from desktop.errors import AppError

    assert services.indicator("BEDS_PER_1000").aggregation == "ratio: HOSPITAL_BEDS / (POP_RESIDENT * 10)"
    new = catalog_admin.edit_indicator(services, "GP_PER_10000", aggregation="none")
    assert new.aggregation == "none" and services.indicator("GP_PER_10000").aggregation == "none"
    with pytest.raises(AppError, match="汇总方式"):
        catalog_admin.edit_indicator(services, "GP_PER_10000", aggregation="ratio: GP_COUNT / POP_RESIDENT")
    assert services.indicator("GP_PER_10000").aggregation == "none"


def test_an_older_store_takes_the_shipped_aggregation_on_upgrade(tmp_path):
    import sqlite3

    from desktop.db.schema import migrate
    from desktop.db.store import open_store

    path = tmp_path / "old.sqlite"
    Services.init(path).close()
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE indicator DROP COLUMN aggregation")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    store = open_store(path)
    try:
        with store.write() as db:
            migrate(db)
    finally:
        store.close()
    with Services.open(path) as s:
        assert s.indicator("HOSPITAL_BEDS").aggregation == "sum"
        assert s.indicator("HEALTH_LITERACY").aggregation == "weighted: POP_RESIDENT"


def test_cli_aggregate_status_compare_json_keys(store, cli):
    out = cli(store, "aggregate", CITY, YEAR, "--json")
    assert out.code == 0
    data = out.json()
    assert set(data) == {"region", "year", "values"} and data["region"] == CITY
    assert data["values"]["HOSPITAL_BEDS"] == {"value": sum(BEDS[:-1]), "method": "sum", "reported": 11, "of": 12,
                                               "own": 40000}
    st = cli(store, "status", CITY, YEAR, "--json").json()
    assert set(st) == {"region", "year", "counties", "summary"}
    assert set(st["counties"][0]) == {"region", "name", "status", "filled", "total", "errors", "unexplained",
                                      "submitted_by", "submitted_at", "approved_by", "approved_at"}
    assert {"draft", "submitted", "returned", "approved", "empty"} <= set(st["summary"])
    text = cli(store, "status", CITY, YEAR)
    lines = text.out.splitlines()
    assert "已报 11/12" in lines[0] and "龙港市" in lines[3] and "未填报" in lines[3]
    cmp = cli(store, "compare", CITY, YEAR, "--json").json()
    assert set(cmp) == {"region", "year", "counties", "indicators"}
    assert set(cmp["counties"][0]) == {"region", "name", "parent", "status"}
    ind = next(i for i in cmp["indicators"] if i["code"] == "BEDS_PER_1000")
    assert {"code", "comparable", "stats", "parent", "cells"} <= set(ind)
    assert set(ind["stats"]) == {"n", "min", "median", "max"} and {"value", "method"} <= set(ind["parent"])
    assert ind["cells"]["330302"]["flag"] == "error" and ind["cells"]["330302"]["rank"] is None
    many = cli(store, "compare", CITY, "2022:2023", "--json").json()
    assert many["years"] == [2022, 2023] and len(many["comparisons"]) == 2
    county = cli(store, "aggregate", "330302", YEAR)
    assert county.code == 2 and "县" in county.err
    assert cli(store, "compare", CITY, "2023:2021").code == 2


def test_core_is_headless():
    import subprocess
    import sys

    code = "import desktop.aggregate.compare, sys; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_scaled_ranges_leave_rates_alone():
    ind = Indicator("X", "s", "x", "%", "rate", 2, 0, 100, 1, 10)
    count = Indicator("C", "s", "c", "个", "count", 0, 0, 500, 1, 10)
    scaled = core.scaled_for_level([ind, count], 12)
    assert scaled[0].max == 100 and scaled[1].max == 6000


def test_a_citys_blockers_from_figures_already_computed_are_the_same(tmp_path, monkeypatch):
    """The window hands the figures its form computed at load to blocking_for_submit: the counties are not
    aggregated again, and the blockers (the level finding on the city's own beds) are the same."""
    from desktop.aggregate import service as aggregate_service

    with Services.init(tmp_path / "s.sqlite") as s:
        s.apply_changes([ValueChange(c, YEAR, "HOSPITAL_BEDS", b) for c, b in zip(WZ, BEDS)]
                        + [ValueChange(CITY, YEAR, "HOSPITAL_BEDS", 40000)], source="test")
        fresh = workflow.blocking_for_submit(s, CITY, YEAR)
        assert "HOSPITAL_BEDS" in {f.indicator for f in fresh if f.rule == "level"}
        computed = s.aggregate_region(CITY, YEAR).computed
        assert computed["HOSPITAL_BEDS"].value == sum(BEDS)
        calls = []
        real = aggregate_service.aggregate_region
        monkeypatch.setattr(aggregate_service, "aggregate_region", lambda *a, **k: calls.append(a) or real(*a, **k))
        given = workflow.blocking_for_submit(s, CITY, YEAR, computed)
        assert calls == []
        assert [(f.indicator, f.rule, f.severity, f.message) for f in given] == \
            [(f.indicator, f.rule, f.severity, f.message) for f in fresh]


def test_the_values_left_out_are_those_with_an_error_in_a_full_validation(tmp_path):
    """aggregate_region finds the values to leave out from the year's values alone (errors_of_values); a full
    validation of every county, earlier years and notes included, finds the same errors and the same figures."""
    import random

    from desktop.aggregate.service import flags_and_findings
    from desktop.demo import simulate
    from desktop.validation import errors_of_values, validate_many

    years = range(YEAR - 4, YEAR + 1)
    with Services.init(tmp_path / "s.sqlite") as s:
        rnd = random.Random(5)
        values = simulate(s.indicators(), {}, {c: round(rnd.uniform(15, 150), 1) for c in WZ}, years, seed=5)
        changes = [ValueChange(c, y, code, v) for (c, y, code), v in values.items()]
        changes += [
            ValueChange(WZ[0], YEAR, "BEDS_PER_1000", 56.09),  # range: an error
            ValueChange(WZ[1], YEAR, "HOSPITAL_BEDS", 1000.5),  # format (a fraction of a count): an error
            ValueChange(WZ[2], YEAR, "POP_ELDERLY_60", 999.0),  # logic error: more elderly than residents
            ValueChange(WZ[3], YEAR, "HOSPITAL_BEDS", values[(WZ[3], YEAR - 1, "HOSPITAL_BEDS")] * 10),  # yoy
        ]
        s.apply_changes(changes, source="test")
        full = validate_many(s, WZ, YEAR)
        stored = {c: {code: v for (cc, y, code), v in values.items() if cc == c and y == YEAR} for c in WZ}
        stored[WZ[0]]["BEDS_PER_1000"], stored[WZ[1]]["HOSPITAL_BEDS"] = 56.09, 1000.5
        stored[WZ[2]]["POP_ELDERLY_60"] = 999.0
        stored[WZ[3]]["HOSPITAL_BEDS"] = values[(WZ[3], YEAR - 1, "HOSPITAL_BEDS")] * 10
        light = errors_of_values(s, stored, YEAR)

        assert light == {c: [f for f in full[c] if f.severity == "error"] for c in WZ}
        assert {(c, f.indicator, f.rule) for c in WZ for f in light[c]} >= {
            (WZ[0], "BEDS_PER_1000", "range"), (WZ[1], "HOSPITAL_BEDS", "format"), (WZ[2], "POP_ELDERLY_60", "logic")}
        assert any(f.rule == "yoy" for f in full[WZ[3]])  # a warning: judged by the full validation only

        fast = aggregate_region(s, CITY, YEAR).computed
        assert fast == aggregate_region(s, CITY, YEAR, flags=flags_and_findings(s, WZ, YEAR)[0]).computed
        beds = fast["HOSPITAL_BEDS"]
        assert beds.value == pytest.approx(sum(v for c, v in ((c, stored[c]["HOSPITAL_BEDS"]) for c in WZ)
                                               if c != WZ[1]))  # the fraction is left out; the tenfold stays
        assert (beds.reported, beds.of) == (11, 12)

        # one indicator over the years judges only what its figure is made of, and comes out the same
        from desktop.aggregate.service import computed_history

        for code in ("HOSPITAL_BEDS", "BEDS_PER_1000", "POP_ELDERLY_60", "HEALTH_LITERACY"):
            history = computed_history(s, CITY, code)
            assert sorted(history) == list(years)
            assert all(history[y] == aggregate_region(s, CITY, y).computed[code] for y in years), code



def test_computed_history_recomputes_a_ratio_each_year_from_the_sums(tmp_path):
    from desktop.aggregate.service import computed_history

    with Services.init(tmp_path / "s.sqlite") as s:
        s.apply_changes([ValueChange(c, y, code, v) for y, k in ((2021, 1.0), (2022, 1.1))
                         for c, beds, pop in (("330302", 5000, 100.0), ("330303", 1000, 50.0))
                         for code, v in (("HOSPITAL_BEDS", beds * k), ("POP_RESIDENT", pop))], source="test")
        ratio = computed_history(s, CITY, "BEDS_PER_1000")
        assert sorted(ratio) == [2021, 2022]
        assert ratio[2021].value == pytest.approx(6000 / 150 / 10)  # beds per 1000 residents (万人 × 10)
        assert ratio[2022].value == pytest.approx(6600 / 150 / 10)
        assert (ratio[2021].method, ratio[2021].reported, ratio[2021].of) == ("ratio", 2, 12)
        assert computed_history(s, "330302", "BEDS_PER_1000") == {}


# ---- a city takes the computed figures as its own ----------------------------------------------------------
ZHOUSHAN = "330900"
ZS = ["330902", "330903", "330921", "330922"]  # 定海区, 普陀区, 岱山县, 嵊泗县
ZS_BEDS, ZS_POP = [2100, 1700, 900, 300], [51.0, 38.7, 20.1, 7.3]


def test_a_city_adopts_the_figures_all_its_counties_reported(services):
    from desktop.aggregate.service import adopt, adoption
    from desktop.errors import AppError

    services.apply_changes([ValueChange(c, YEAR, "HOSPITAL_BEDS", b) for c, b in zip(ZS, ZS_BEDS)]
                           + [ValueChange(c, YEAR, "POP_RESIDENT", p) for c, p in zip(ZS, ZS_POP)]
                           + [ValueChange(c, YEAR, "HEALTH_LITERACY", 35.0) for c in ZS[:3]]  # 3 of 4
                           + [ValueChange(ZHOUSHAN, YEAR, "POP_RESIDENT", 117.3)], source="test")  # its own
    plan = adoption(services, "舟山市", YEAR)
    assert plan.take == {"HOSPITAL_BEDS": 5000, "BEDS_PER_1000": round(5000 / (117.1 * 10), 2)}  # 4.27
    assert plan.partial == {"HEALTH_LITERACY": (3, 4)} and plan.kept == ["POP_RESIDENT"]
    adopt(services, ZHOUSHAN, YEAR)
    values = services.get_region_year(ZHOUSHAN, YEAR).values
    assert values["HOSPITAL_BEDS"].value == 5000 and values["BEDS_PER_1000"].value == 4.27
    assert values["POP_RESIDENT"].value == 117.3  # never overwritten
    assert "HEALTH_LITERACY" not in values
    rows = [r for r in services.audit(ZHOUSHAN, YEAR) if r.indicator == "HOSPITAL_BEDS" and r.field == "value"]
    assert [(r.source, float(r.new)) for r in rows] == [("aggregate", 5000)]
    assert adoption(services, ZHOUSHAN, YEAR).take == {}  # taken: nothing left to adopt
    with pytest.raises(AppError, match="县"):
        adoption(services, ZS[0], YEAR)


def test_adopting_into_a_submitted_year_is_refused_and_writes_nothing(services, cli):
    services.apply_changes([ValueChange(c, YEAR, "HOSPITAL_BEDS", b) for c, b in zip(ZS, ZS_BEDS)], source="test")
    db = services.store.path
    r = cli(db, "aggregate", "舟山市", str(YEAR), "--adopt", "--dry-run")
    assert r.code == 0 and "将采用 1 个" in r.out and "5000" in r.out
    assert "HOSPITAL_BEDS" not in services.get_region_year(ZHOUSHAN, YEAR).values
    services.apply_changes([ValueChange(ZHOUSHAN, YEAR, i.code, None, EXPLAINED) for i in services.indicators()],
                           source="test")
    workflow.submit(services, ZHOUSHAN, YEAR)
    r = cli(db, "aggregate", "舟山市", str(YEAR), "--adopt")
    assert r.code != 0 and "已提交" in r.err
    assert services.get_region_year(ZHOUSHAN, YEAR).values["HOSPITAL_BEDS"].value is None
