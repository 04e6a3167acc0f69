"""Proposals beside stored values, and taking them as one audited change."""

from __future__ import annotations

import pytest

from desktop.errors import AppError, DatasetLocked
from desktop.extract.service import propose, take

TEXT = ("2021年，全市人均期望寿命达到82.3岁，儿童健康管理率达97.63%。"
        "每千人口托位数从2019年的2.1个提高到2021年的2.5个。")


def test_propose_shows_stored_values(services):
    services.set_value("瑞安市", 2021, "LIFE_EXPECTANCY", 81.0)
    services.set_value("瑞安市", 2021, "CHILD_HEALTH_MGMT_RATE", 97.63)
    rows = {(r.proposal.indicator, r.proposal.year): r for r in propose(services, TEXT, "瑞安市", 2021)}
    assert rows[("LIFE_EXPECTANCY", 2021)].stored == 81.0
    assert not rows[("LIFE_EXPECTANCY", 2021)].same
    assert rows[("CHILD_HEALTH_MGMT_RATE", 2021)].same
    assert rows[("CHILDCARE_PLACES_PER_1000", 2019)].stored is None


def test_take_writes_one_audited_change(services):
    rows = propose(services, TEXT, "330381", 2021)
    n = take(services, "330381", [r.proposal for r in rows])
    assert n == 4
    assert services.history("330381", "CHILDCARE_PLACES_PER_1000") == {2019: 2.1, 2021: 2.5}
    audit = [a for a in services.audit("330381") if a.field == "value"]
    assert len(audit) == 4 and {a.source for a in audit} == {"extraction"}
    assert len({a.at for a in audit}) == 1  # one change
    assert take(services, "330381", [r.proposal for r in rows]) == 0  # nothing new the second time


def test_take_refuses_two_values_for_one_indicator_and_writes_nothing(services):
    rows = propose(services, TEXT + "人均期望寿命为82.0岁。", "330381", 2021)
    life = [r.proposal for r in rows if r.proposal.indicator == "LIFE_EXPECTANCY"]
    assert len(life) == 2
    with pytest.raises(AppError, match="人均期望寿命.*两个不同的数值"):
        take(services, "330381", [r.proposal for r in rows])
    assert services.get_region_year("330381", 2021).values == {}


def test_take_on_an_approved_dataset_is_refused(services):
    rows = propose(services, TEXT, "330381", 2021)
    from desktop.db import repo
    from desktop.domain import Dataset

    with services.store.write() as db:
        repo.put_dataset(db, Dataset("330381", 2021, "approved", repo.now(), "admin"))
    with pytest.raises(DatasetLocked, match="已审核"):
        take(services, "330381", [r.proposal for r in rows])
    assert services.get_region_year("330381", 2021).values == {}
    assert [r.field for r in services.audit("330381", 2021)][-1] == "denied"


def test_a_figure_of_part_of_the_year_is_written_with_a_note(services):
    rows = propose(services, "截至6月底，全市备案托育机构994家。", "330300", 2023)
    assert take(services, "330300", [r.proposal for r in rows]) == 1
    rec = services.get_region_year("330300", 2023).values["CHILDCARE_INSTITUTIONS"]
    assert rec.value == 994 and rec.note == "报告期：截至6月底（报告文本提取）"


def test_a_text_about_another_year_is_pointed_out():
    from desktop.extract.service import year_warning

    text = "2021年，全市人均期望寿命达到82.3岁。2021年全市新建村卫生室12家。"
    assert "2022" in year_warning(text, 2022) and "2021" in year_warning(text, 2022)
    assert year_warning(text, 2021) == ""
    assert year_warning("全市人均期望寿命达到82.3岁。", 2022) == ""


def test_the_cross_check_and_the_reason_for_nothing(services):
    from desktop.extract.service import propose_all

    services.set_value("瑞安市", 2021, "LIFE_EXPECTANCY", 80.0)
    found = propose_all(services, TEXT, "瑞安市", 2021)
    life = next(r for r in found.rows if r.proposal.indicator == "LIFE_EXPECTANCY")
    assert life.differs and round(life.difference, 4) == round((82.3 - 80.0) / 80.0, 4)
    assert [r.proposal.indicator for r in found.disagreeing] == ["LIFE_EXPECTANCY"]
    assert found.reason == ""
    plan = propose_all(services, "力争到2025年，全市人均期望寿命达到83岁。", "瑞安市", 2021)
    assert plan.rows == [] and plan.reason == "plan" and "计划" in plan.message
    province = "2021年，全省人均期望寿命达到82.1岁，医疗卫生机构床位38.6万张。"
    assert propose_all(services, province, "瑞安市", 2021).reason == "place"
    rows = {r.proposal.indicator: r.proposal.value for r in propose_all(services, province, "浙江省", 2021).rows}
    assert rows == {"LIFE_EXPECTANCY": 82.1, "HOSPITAL_BEDS": 386000}


def test_the_citys_bulletin_read_for_a_county_level_city_gives_only_its_own_figures(services):
    """The service passes the regions above the region: under a title naming 温州市, 全市 is the city's, and 瑞安市
    gets only the clause that names it; read for 温州市, the same text gives the city's figures."""
    text = ("温州市2021年卫生健康事业发展统计公报\n全市人均期望寿命82.1岁，每千人口医疗机构床位数5.9张。"
            "其中瑞安市人均期望寿命82.6岁。")
    ruian = {(r.proposal.indicator, r.proposal.value) for r in propose(services, text, "瑞安市", 2021)}
    assert ruian == {("LIFE_EXPECTANCY", 82.6)}
    wenzhou = {(r.proposal.indicator, r.proposal.value) for r in propose(services, text, "温州市", 2021)}
    assert wenzhou == {("LIFE_EXPECTANCY", 82.1), ("BEDS_PER_1000", 5.9)}
