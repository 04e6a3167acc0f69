"""The extraction rules one by one, as a clerk would notice them: which figure is proposed, and which is not."""

from __future__ import annotations

import json
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.catalog import read_indicators
from desktop.extract import Proposal, UnreadableReport, extract, read_text_file
from tests.helpers.damage import FLIPS, read_or_refused, spoilt

INDS = read_indicators()


def found(text: str, year: int = 2021) -> dict[str, float]:
    return {p.indicator: p.value for p in extract(text, INDS, year) if p.year == year}


def test_name_variants_come_from_the_catalog_aliases():
    assert found("2021年，全市人均预期寿命达到81.9岁。") == {"LIFE_EXPECTANCY": 81.9}
    assert found("2021年，全市人均期望寿命达到81.9岁。") == {"LIFE_EXPECTANCY": 81.9}
    assert found("千人托位数达4.01个。") == {"CHILDCARE_PLACES_PER_1000": 4.01}
    assert found("每千人口托位数达4.01个。") == {"CHILDCARE_PLACES_PER_1000": 4.01}
    assert found("孕产妇产系统管理率达96.06%。") == {"MATERNAL_MGMT_RATE": 96.06}
    assert found("孕产妇系统管理率为96.06%。") == {"MATERNAL_MGMT_RATE": 96.06}


def test_a_new_alias_in_the_catalog_is_used_without_code_change():
    import dataclasses

    inds = [dataclasses.replace(i, aliases=i.aliases + ("平均寿命",)) if i.code == "LIFE_EXPECTANCY" else i
            for i in INDS]
    assert [p.value for p in extract("全县平均寿命为80.5岁。", inds, 2021)] == [80.5]
    assert extract("全县平均寿命为80.5岁。", INDS, 2021) == []


def test_fenbie_lists_share_the_tail_and_the_head_of_the_names():
    assert found("门诊、住院次均费用分别增长3.2%、2.9%。") == {
        "OUTPATIENT_COST_GROWTH": 3.2, "INPATIENT_COST_GROWTH": 2.9}
    assert found("每千人口执业（助理）医师数和注册护士数分别为3.9人和4.6人。") == {
        "DOCTORS_PER_1000": 3.9, "NURSES_PER_1000": 4.6}
    # three names, two figures: which goes with which is unknown, so nothing
    assert found("孕产妇死亡率、婴儿死亡率和5岁以下儿童死亡率分别为5.1/10万、2.1‰。") == {}


def test_wan_multiplies_into_the_indicator_unit():
    assert found("全市核酸日最大检测能力达到3万管。") == {"NAT_DAILY_CAPACITY": 30000}
    assert found("家庭医生签约人数58.38万人。") == {"FAMILY_DOCTOR_CONTRACTS": 58.38}
    assert found("家庭医生签约人数583800人。") == {"FAMILY_DOCTOR_CONTRACTS": 58.38}
    assert found("建成托位3.88万个。") == {"CHILDCARE_PLACES": 38800}


def test_units_must_agree():
    assert found("全市医疗机构实有床位1200张。") == {"HOSPITAL_BEDS": 1200}
    assert found("全市医疗机构实有床位1200人。") == {}
    assert found("儿童健康管理率达97.63。") == {}  # no % sign: not sure it is a percentage
    assert found("全市报告法定传染病病例数同比下降17.56%。") == {}  # a change, not a count of cases
    assert found("孕产妇死亡率为8.5/10万。") == {"MATERNAL_MORTALITY": 8.5}
    assert found("婴儿死亡率为2.1‰。") == {"INFANT_MORTALITY": 2.1}


def test_changes_count_only_for_growth_indicators():
    assert found("门急诊次均费用同比增长-3.5%。") == {"OUTPATIENT_COST_GROWTH": -3.5}
    assert found("住院次均费用同比下降17.56%。") == {"INPATIENT_COST_GROWTH": -17.56}
    assert found("住院次均费用增长率为2.9%。") == {"INPATIENT_COST_GROWTH": 2.9}
    assert found("住院次均费用为8000元。") == {}  # the cost itself is not the growth
    assert found("人均期望寿命比上年提高0.3岁。") == {}  # a change of a non-growth indicator
    assert found("重大慢性病过早死亡率下降到9.06%。") == {"PREMATURE_NCD_MORTALITY": 9.06}
    assert found("重大慢性病过早死亡率下降9.06%。") == {}


def test_numbers_broken_by_spaces_and_lines():
    assert found("全市共设置老年康复护理床位1 071\n张。") == {"ELDERLY_REHAB_BEDS": 1071}
    assert found("全市共设置老年康复护理床位10\n71张。") == {"ELDERLY_REHAB_BEDS": 1071}
    assert found("该局规范健康档案管理，居民规范化电子健康档案覆\n\n盖率达65.35%。") == {"EHR_STANDARD_COVERAGE": 65.35}
    assert found("全市建立电子健康档案１１９.５万份。") == {"EHR_RECORDS": 119.5}  # full-width digits


def test_year_phrases():
    got = {(p.indicator, p.year): p.value for p in extract("每千人口托位数从2019年的2.1个提高到2022年的3.4个。", INDS, 2022)}
    assert got == {("CHILDCARE_PLACES_PER_1000", 2022): 3.4, ("CHILDCARE_PLACES_PER_1000", 2019): 2.1}
    # a sentence about another year says nothing about this one
    assert found("2020年，全市人均期望寿命为81.2岁。", 2021) == {}
    assert found("2021年，全市人均期望寿命为81.6岁。", 2021) == {"LIFE_EXPECTANCY": 81.6}
    # the paragraph's year carries to its next sentences
    assert found("2020年，全市加快卫生事业发展。人均期望寿命为81.2岁。", 2021) == {}


@pytest.mark.parametrize("text", [
    "力争人均期望寿命达到82岁。",
    "到2021年，全市居民健康素养水平达到29%。",
    "全市居民人均期望寿命达到80岁以上。",
    "居民健康素养水平目标为30%。",
    "2022年，我市将进一步提高服务能力，基层就诊率达到70%。",
    "下半年，完成城乡居民健康体检150万人。",
    "全市人均期望寿命约82岁。",
    "全省人均期望寿命为82.1岁。",
    "新增托位180个。",
    "新增照护机构6家，托位180个。",
])
def test_plans_targets_and_guesses_are_not_proposed(text):
    assert found(text) == {}


def test_plan_section_and_plan_document():
    text = "一、2021年工作成效\n全市基层就诊率为68.2%。\n二、2022年工作思路\n全市基层就诊率达到70%。\n"
    assert [p.value for p in extract(text, INDS, 2021)] == [68.2]
    plan = ("新的一年，我市将深入实施健康行动。到2021年，人均期望寿命达到79岁。"
            "力争县域就诊率达到90%。确保重点人群签约服务覆盖率达到70%以上。基层就诊率达到75%。")
    assert extract(plan, INDS, 2021) == []


def test_flow_indicators_and_figures_before_names():
    assert found("我市新增12家村卫生室(站)并投入使用。") == {"VILLAGE_CLINICS_NEW": 12}
    assert found("全市设置14个急救站点，配备急救车48辆。") == {"EMS_STATIONS": 14, "AMBULANCES": 48}
    assert found("全市设置12家村卫生室。") == {}  # not new ones


def test_a_part_after_qizhong_is_not_the_whole():
    assert found("全市备案托育机构994家，其中托育机构183家、幼儿园托育部811家。") == {"CHILDCARE_INSTITUTIONS": 994}
    assert found("建成托位3.88万个，其中普惠托位数2.7万个。") == {
        "CHILDCARE_PLACES": 38800, "CHILDCARE_PLACES_AFFORDABLE": 27000}


def test_a_bare_rate_refers_to_the_indicator_just_named():
    assert found("已完成城乡居民健康体检129.78万人，完成率达86.52%。") == {"HEALTH_CHECKS": 129.78, "HEALTH_CHECK_RATE": 86.52}
    assert found("老年健康服务专项行动任务完成率达90%。") == {}


def test_positions_point_into_the_original_text():
    text = "前言。\n\n2021年，我市医疗服务\n收入占比达34.29%，高于全省平均。"
    (p,) = extract(text, INDS, 2021)
    assert text[p.value_start:p.value_end] == "34.29%"
    assert text[p.start:].startswith("2021年")
    assert p.text == "2021年，我市医疗服务收入占比达34.29%，高于全省平均。"  # layout breaks removed
    assert p.as_json() == {"indicator": "SERVICE_REVENUE_SHARE", "value": 34.29, "unit": "%",
                           "text": p.text, "start": p.start, "year": 2021}
    json.dumps(p.as_json(), ensure_ascii=False)
    assert isinstance(p, Proposal)


def test_empty_and_odd_text():
    assert extract("", INDS, 2021) == []
    assert extract("\n\n   \n", INDS, 2021) == []
    assert extract("人均期望寿命" * 100, INDS, 2021) == []
    assert extract("2021年2022年2023年%%%‰‰ 1 2 3 4 5。；；", INDS, 2021) == []


# ---- files ------------------------------------------------------------------------------------
def test_read_text_file_in_utf8_gb18030_and_docx(tmp_path):
    text = "2021年，我市人均期望寿命达到82.3岁。"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(text.encode("gb18030"))
    (tmp_path / "c.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    docx = tmp_path / "d.docx"
    body = ("<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'><w:body>"
            "<w:p><w:r><w:t>标题</w:t></w:r></w:p>"
            "<w:p><w:r><w:t>2021年，我市人均期望</w:t></w:r><w:r><w:t>寿命达到82.3岁。</w:t></w:r></w:p>"
            "</w:body></w:document>")
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("word/document.xml", body)
    for name in ("a.txt", "b.txt", "c.txt"):
        assert read_text_file(tmp_path / name) == text
    assert read_text_file(docx) == "标题\n" + text
    assert found(read_text_file(docx)) == {"LIFE_EXPECTANCY": 82.3}


def test_unreadable_files_say_which_and_why(tmp_path):
    with pytest.raises(UnreadableReport, match="不存在"):
        read_text_file(tmp_path / "missing.txt")
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(UnreadableReport, match="bad.docx"):
        read_text_file(bad)
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(UnreadableReport, match=r"\.doc"):
        read_text_file(doc)
    binary = tmp_path / "x.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(UnreadableReport, match="编码"):
        read_text_file(binary)


def test_a_change_clause_after_the_quantity_of_a_growth_indicator():
    assert found("住院次均费用8560元，同比下降2.3%。") == {"INPATIENT_COST_GROWTH": -2.3}
    assert found("门诊次均费用245元，同比增长3.1%，住院次均费用8560元。") == {"OUTPATIENT_COST_GROWTH": 3.1}
    assert found("人均期望寿命82.1岁，同比提高0.2岁。") == {"LIFE_EXPECTANCY": 82.1}


def test_figures_of_other_named_regions_are_not_this_regions():
    text = "全市人均期望寿命82.6岁，其中平阳县人均期望寿命81.9岁，瑞安人均期望寿命82.3岁。"
    got = extract(text, INDS, 2021, "温州市", places=["平阳县", "瑞安市", "乐清市"])
    assert [(p.indicator, p.value) for p in got] == [("LIFE_EXPECTANCY", 82.6)]
    text = "2021年瑞安市人均期望寿命达到82.3岁。"
    assert [p.value for p in extract(text, INDS, 2021, "瑞安市", places=["平阳县", "温州市"])] == [82.3]


def test_zero_written_as_a_word():
    assert found("孕产妇死亡率为零，婴儿死亡率1.86‰。") == {"MATERNAL_MORTALITY": 0, "INFANT_MORTALITY": 1.86}
    assert found("孕产妇死亡率为零星报告。") == {}


def test_the_extractor_runs_without_qt():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", "import desktop.extract, desktop.extract.service, "
                          "desktop.extract.engine, desktop.cli.extract_cmds, sys; print('PySide6' in sys.modules)"],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_continuing_clauses():
    assert found("全市共有执业（助理）医师3200人，每千人口3.1人。") == {"LICENSED_DOCTORS": 3200, "DOCTORS_PER_1000": 3.1}
    assert found("近三年，全市人均期望寿命年均提高0.3岁，2021年达到82.5岁。") == {"LIFE_EXPECTANCY": 82.5}
    assert found("全县每千人口床位数由2019年的5.1张增加到6.2张。") == {"BEDS_PER_1000": 6.2}
    assert found("人均期望寿命达到82.3岁，比全省高0.5岁。") == {"LIFE_EXPECTANCY": 82.3}


def test_list_items_outside_the_catalog_keep_their_place():
    assert found("孕产妇系统管理率和3岁以下儿童系统管理率分别为95.1%和93.2%。") == {"MATERNAL_MGMT_RATE": 95.1}
    assert found("3岁以下儿童系统管理率和孕产妇系统管理率分别为93.2%和95.1%。") == {"MATERNAL_MGMT_RATE": 95.1}
    assert found("老年人和儿童中医药健康管理率、家庭医生签约率分别为72.4%、45.1%。") == {
        "TCM_MGMT_RATE": 72.4, "FAMILY_DOCTOR_RATE": 45.1}
    assert found("窗口提前办结率、群众满意度均达100%。") == {}
    assert found("儿童健康管理率、孕产妇系统管理率均达95%。") == {"CHILD_HEALTH_MGMT_RATE": 95, "MATERNAL_MGMT_RATE": 95}


def test_a_name_narrowed_to_a_part_is_not_the_indicator():
    assert found("完成65岁以上老年人健康体检5.2万人。") == {}
    assert found("配备负压救护车6辆。") == {}
    assert found("配备救护车6辆。") == {"AMBULANCES": 6}
    assert found("基层就诊率较上年提高1.8个百分点，达到68.34%。") == {"PRIMARY_VISIT_SHARE": 68.34}


def test_figures_of_part_of_the_year_say_so():
    got = extract("某市2023年上半年工作总结\n一、完成情况\n截至6月底，全市备案托育机构994家。\n全市基层就诊率为66.1%。", INDS, 2023)
    assert [(p.indicator, p.period) for p in got] == [("CHILDCARE_INSTITUTIONS", "截至6月底"),
                                                      ("PRIMARY_VISIT_SHARE", "上半年")]
    got = extract("截至2023年12月底，全市备案托育机构994家。", INDS, 2023)
    assert [p.period for p in got] == [""]


def test_our_figure_after_another_places():
    assert found("全省居民健康素养水平为38.6%，我县为35.2%，比全省低3.4个百分点。") == {"HEALTH_LITERACY": 35.2}
    assert found("全国婴儿死亡率为5.0‰，全市为2.1‰。") == {"INFANT_MORTALITY": 2.1}


_PIECES = ["人均期望寿命", "托位", "每千人口", "分别", "、", "和", "达到", "为", "增长", "下降", "，", "。", "；", "\n",
           "\n\n", " ", "1", "0", "7", ".", "5", "万", "%", "‰", "个", "张", "岁", "人次", "2021年", "2019年的", "的",
           "力争", "以上", "约", "其中", "新增", "全省", "住院次均费用", "门诊", "－", "-", "（", "）", "#", "- ",
           "一、", "工作思路", "签约率", "家庭医生签约", "为零", "截至6月底", "１２", "\u3000", "😀"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=60))
def test_any_text_gives_well_formed_proposals(pieces):
    text = "".join(pieces)
    for p in extract(text, INDS, 2021):
        ind = next(i for i in INDS if i.code == p.indicator)
        assert ind.min <= p.value <= ind.max
        assert 0 <= p.start < p.end <= len(text)
        assert p.start <= p.value_start < p.value_end <= p.end
        figure = text[p.value_start:p.value_end]
        assert any(ch.isdigit() for ch in figure) or "零" in figure
        assert p.year <= 2021


def test_the_figure_compared_with_is_not_the_value():
    assert found("人均期望寿命比上年的81.2岁提高0.3岁。") == {}
    assert found("人均期望寿命同比提高到82.3岁。") == {"LIFE_EXPECTANCY": 82.3}


def test_a_per_population_head_is_shared_along_a_list():
    assert found("每千人口执业（助理）医师数达到3.46人、注册护士数达到3.98人。") == {
        "DOCTORS_PER_1000": 3.46, "NURSES_PER_1000": 3.98}
    assert found("执业（助理）医师2108人、注册护士2390人。") == {"LICENSED_DOCTORS": 2108, "REGISTERED_NURSES": 2390}


def test_a_dated_figure_compared_with_is_that_years_value():
    got = {(p.indicator, p.year): p.value for p in extract(
        "全市重大慢性病过早死亡率为9.8%，较2021年的10.2%有所下降。", INDS, 2022)}
    assert got == {("PREMATURE_NCD_MORTALITY", 2022): 9.8, ("PREMATURE_NCD_MORTALITY", 2021): 10.2}


def test_page_numbers_of_a_pdf_inside_a_sentence_are_dropped():
    for mark in ("— 4 —", "- 4 -", "第4页", "第 4 页 共 12 页", "4/12"):
        text = f"2021年，全市重点人群签约\n\n{mark}\n\n服务覆盖率为78.9%。"
        assert found(text) == {"KEY_POP_CONTRACT_RATE": 78.9}, mark


def test_every_wording_in_the_catalog_names_one_indicator():
    from desktop.numbers import normalize_text

    owner: dict[str, str] = {}
    for ind in INDS:
        for wording in (ind.name, *ind.aliases):
            key = normalize_text(wording)
            assert owner.setdefault(key, ind.code) == ind.code, f"{wording}: {owner[key]} and {ind.code}"
            assert "," not in wording and "|" not in wording


def test_a_fraction_of_a_whole_count_is_not_a_count():
    assert found("注册护士数达到3.98人。") == {}
    assert found("注册护士数达到3980人。") == {"REGISTERED_NURSES": 3980}


# ---- tables in reports ------------------------------------------------------------------------------
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(path, blocks) -> None:
    """A .docx of paragraphs (str) and tables (lists of rows; a cell (text, span) spans columns)."""
    def p(text):
        return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"

    def cell(c):
        text, span = c if isinstance(c, tuple) else (c, 1)
        pr = f"<w:tcPr><w:gridSpan w:val='{span}'/></w:tcPr>" if span > 1 else ""
        return f"<w:tc>{pr}{p(text)}</w:tc>"

    body = "".join(p(b) if isinstance(b, str) else
                   "<w:tbl>" + "".join("<w:tr>" + "".join(cell(c) for c in row) + "</w:tr>" for row in b) + "</w:tbl>"
                   for b in blocks)
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", f"<w:document xmlns:w='{W_NS}'><w:body>{body}</w:body></w:document>")


def _page(tmp_path, body: str) -> str:
    """The text read from a saved web page of this body."""
    page = tmp_path / "公报.html"
    page.write_text(f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>", encoding="utf-8")
    return read_text_file(page)


def test_a_table_of_a_bulletin_in_a_docx_is_read_by_its_columns(tmp_path):
    _docx(tmp_path / "公报.docx", [
        "永嘉县2024年卫生健康事业发展统计公报",
        "表1 2024年卫生资源情况",
        [["指标", "单位", "2024年", "2023年", "增长（%）"],
         [("一、卫生资源", 5)],
         ["医疗卫生机构床位数", "张", "4,215", "4029", "4.6"],
         ["每千人口执业（助理）医师数（人）", "", "3.26", "3.10", "5.2"],
         ["门急诊均次费用增长率", "%", "3.5", "2.1", "—"]],
        "全县人均期望寿命82.15岁。"])
    text = read_text_file(tmp_path / "公报.docx")
    assert "医疗卫生机构床位数2024年为4,215张，比上年增长4.6%，医疗卫生机构床位数2023年为4029张。" in text.splitlines()
    assert "一、卫生资源" in text.splitlines()
    assert found(text, 2024) == {"HOSPITAL_BEDS": 4215, "DOCTORS_PER_1000": 3.26, "OUTPATIENT_COST_GROWTH": 3.5,
                                 "LIFE_EXPECTANCY": 82.15}
    # each year's figure is of its column's year: asked for 2023, the 2023 column (and the prose's bare figure)
    assert found(text, 2023) == {"HOSPITAL_BEDS": 4029, "DOCTORS_PER_1000": 3.1, "OUTPATIENT_COST_GROWTH": 2.1,
                                 "LIFE_EXPECTANCY": 82.15}


def test_a_table_of_counties_keeps_the_regions_own_row(tmp_path):
    _docx(tmp_path / "全市.docx", [
        "温州市2024年各县（市、区）卫生资源",
        [["县（市、区）", "医疗卫生机构床位数（张）", "执业（助理）医师数（人）"],
         ["鹿城区", "8120", "4710"], ["永嘉县", "4215", "2760"]]])
    text = read_text_file(tmp_path / "全市.docx")
    got = extract(text, INDS, 2024, "永嘉县", places=["鹿城区", "永嘉县", "温州市"])
    assert {(p.indicator, p.value) for p in got} == {("HOSPITAL_BEDS", 4215), ("LICENSED_DOCTORS", 2760)}


def test_a_table_of_counties_with_each_indicator_over_its_years(tmp_path):
    """地区 | 医疗卫生机构床位数（张） over 2024年 and 2023年 | 执业（助理）医师数（人） over the same: each figure is
    its indicator's of its year (the indicator's name was lost, the figures read as nothing); a generic 数量
    over the years still names nothing."""
    _docx(tmp_path / "全市.docx", [
        "温州市各县（市、区）卫生资源",
        [["地区", ("医疗卫生机构床位数（张）", 2), ("执业（助理）医师数（人）", 2)],
         ["", "2024年", "2023年", "2024年", "2023年"],
         ["鹿城区", "8120", "7990", "4710", "4620"], ["永嘉县", "4215", "4029", "2760", "2650"]]])
    text = read_text_file(tmp_path / "全市.docx")
    assert "永嘉县：医疗卫生机构床位数2024年为4215张，医疗卫生机构床位数2023年为4029张，执业（助理）医师数2024年为2760人，" \
           "执业（助理）医师数2023年为2650人。" in text.splitlines()
    places = ["鹿城区", "永嘉县", "温州市"]
    for year, beds, doctors in ((2024, 4215, 2760), (2023, 4029, 2650)):
        got = {p.indicator: p.value for p in extract(text, INDS, year, "永嘉县", places=places) if p.year == year}
        assert got == {"HOSPITAL_BEDS": beds, "LICENSED_DOCTORS": doctors}


def test_a_text_box_of_a_docx_is_read_once_on_a_line_of_its_own(tmp_path):
    """Word writes a text box twice (the drawing and an old-style fallback) inside the run it is anchored in:
    its text was read twice and glued to the paragraph's, one sentence with the next."""
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    inner = "<w:txbxContent><w:p><w:r><w:t>全县医疗卫生机构床位数4215张。</w:t></w:r></w:p></w:txbxContent>"
    box = (f"<w:r><mc:AlternateContent xmlns:mc='{mc}'><mc:Choice Requires='wps'><w:drawing><anchor><txbx>{inner}"
           f"</txbx></anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><textbox>{inner}</textbox></w:pict>"
           "</mc:Fallback></mc:AlternateContent></w:r>")
    body = ("<w:p><w:r><w:t>苍南县2023年卫生健康工作总结</w:t></w:r></w:p>"
            f"<w:p>{box}<w:r><w:t>2023年，全县每千人口执业（助理）医师数3.86人。</w:t></w:r></w:p>"
            f"<w:tbl><w:tr><w:tc><w:p>{box}<w:r><w:t>注</w:t></w:r></w:p></w:tc></w:tr></w:tbl>")
    with zipfile.ZipFile(tmp_path / "总结.docx", "w") as z:
        z.writestr("word/document.xml", f"<w:document xmlns:w='{W_NS}'><w:body>{body}</w:body></w:document>")
    text = read_text_file(tmp_path / "总结.docx")
    assert text.splitlines()[:3] == ["苍南县2023年卫生健康工作总结", "2023年，全县每千人口执业（助理）医师数3.86人。",
                                     "全县医疗卫生机构床位数4215张。"]
    assert text.count("4215") == 2  # once for the paragraph's box, once for the cell's
    assert found(text, 2023) == {"HOSPITAL_BEDS": 4215, "DOCTORS_PER_1000": 3.86}


def test_a_table_in_a_web_page_and_a_layout_table_around_it(tmp_path):
    text = _page(tmp_path, "<table><tr><td>"
                           "<h1>永嘉县2024年卫生健康统计公报</h1><p>全县卫生资源情况见下表。</p>"
                           "<table><tr><th>指标</th><th>单位</th><th>本年</th><th>上年</th></tr>"
                           "<tr><td colspan='4'>一、卫生资源</td></tr>"
                           "<tr><td>注册护士</td><td>人</td><td>2905</td><td>2801</td></tr></table>"
                           "<p>全县人均期望寿命82.15岁。</p></td></tr></table>")
    assert text.splitlines() == ["永嘉县2024年卫生健康统计公报", "全县卫生资源情况见下表。", "一、卫生资源",
                                 "注册护士为2905人，上年为2801人。", "全县人均期望寿命82.15岁。"]
    assert found(text, 2024) == {"REGISTERED_NURSES": 2905, "LIFE_EXPECTANCY": 82.15}


def test_table_rendering_without_a_heading_row_and_with_prose_cells():
    from desktop.extract.tables import is_data_table, render_table

    # no heading row (the first row holds figures): each row as its cells
    assert render_table([["床位数", "4215张"], ["护士", "2905人"]]) == ["床位数，4215张。", "护士，2905人。"]
    assert not is_data_table([["全县" * 30, "x"], ["a", "b"]])  # a cell of prose: a layout table
    assert not is_data_table([["指标", "2024年"]])  # one row


def test_a_heading_over_two_rows_merged_down_and_across(tmp_path):
    """指标, 单位 and 增长 merged down over two heading rows, 数量 across 2024年 and 2023年 (rowspan and colspan in
    a web page, vMerge and gridSpan in a .docx): each figure still under its own year."""
    text = _page(tmp_path, "<p>苍南县2024年卫生健康统计公报</p><table>"
                           "<tr><th rowspan='2'>指标</th><th rowspan='2'>单位</th><th colspan='2'>数量</th>"
                           "<th rowspan='2'>增长（%）</th></tr><tr><th>2024年</th><th>2023年</th></tr>"
                           "<tr><td>医疗卫生机构床位数</td><td>张</td><td>5,320</td><td>5,102</td><td>4.3</td></tr>"
                           "<tr><td>每千人口注册护士数</td><td>人</td><td>3.62</td><td>3.41</td><td>6.2</td></tr>"
                           "</table>")
    assert text.splitlines()[1] == "医疗卫生机构床位数2024年为5,320张，比上年增长4.3%，医疗卫生机构床位数2023年为5,102张。"
    assert found(text, 2024) == {"HOSPITAL_BEDS": 5320, "NURSES_PER_1000": 3.62}
    assert found(text, 2023) == {"HOSPITAL_BEDS": 5102, "NURSES_PER_1000": 3.41}

    def p(t):
        return f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>"

    def tc(t, merge=None, span=1):
        pr = (f"<w:vMerge w:val='{merge}'/>" if merge == "restart" else "<w:vMerge/>" if merge else "") + \
             (f"<w:gridSpan w:val='{span}'/>" if span > 1 else "")
        return f"<w:tc><w:tcPr>{pr}</w:tcPr>{p(t)}</w:tc>"

    rows = [[tc("指标", "restart"), tc("单位", "restart"), tc("数量", span=2), tc("增长（%）", "restart")],
            [tc("", "continue"), tc("", "continue"), tc("2024年"), tc("2023年"), tc("", "continue")],
            [tc("医疗卫生机构床位数"), tc("张"), tc("5,320"), tc("5,102"), tc("4.3")]]
    body = p("苍南县2024年卫生健康统计公报") + "<w:tbl>" + "".join("<w:tr>" + "".join(r) + "</w:tr>" for r in rows) + "</w:tbl>"
    with zipfile.ZipFile(tmp_path / "公报.docx", "w") as z:
        z.writestr("word/document.xml", f"<w:document xmlns:w='{W_NS}'><w:body>{body}</w:body></w:document>")
    text = read_text_file(tmp_path / "公报.docx")
    assert found(text, 2024) == {"HOSPITAL_BEDS": 5320} and found(text, 2023) == {"HOSPITAL_BEDS": 5102}


def test_a_table_in_the_text_layer_of_a_pdf(tmp_path):
    """reportlab draws each cell apart: pypdf gives one cell to a line; other writers give one row to a line."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    from desktop.extract.tables import tables_in_lines
    from desktop.reports.fonts import register

    font = register()

    style = ParagraphStyle("p", fontName=font, fontSize=11, leading=16)
    rows = [["指标", "单位", "2024年", "2023年", "增长（%）"], ["医疗卫生机构床位数", "张", "5,320", "5,102", "4.3"],
            ["每千人口注册护士数", "人", "3.62", "3.41", "6.2"]]
    table = Table(rows, style=[("FONT", (0, 0), (-1, -1), font, 10)])
    SimpleDocTemplate(str(tmp_path / "公报.pdf")).build([
        Paragraph("苍南县2024年卫生健康事业发展统计公报", style), table, Paragraph("全县人均期望寿命81.96岁。", style)])
    text = read_text_file(tmp_path / "公报.pdf")
    assert found(text, 2024) == {"HOSPITAL_BEDS": 5320, "NURSES_PER_1000": 3.62, "LIFE_EXPECTANCY": 81.96}
    assert found(text, 2023) == {"HOSPITAL_BEDS": 5102, "NURSES_PER_1000": 3.41, "LIFE_EXPECTANCY": 81.96}
    # one row to a line; the first line that does not fit the heading ends the table, left as it was
    lines = ["指标 单位 本年 上年", "注册护士 人 2905 2801", "二、健康水平", "全县人均期望寿命81.96岁。"]
    assert tables_in_lines(lines) == ["注册护士为2905人，上年为2801人。", "二、健康水平", "全县人均期望寿命81.96岁。"]
    # prose with a year on a short line is no table
    prose = ["2024年", "工作总结", "一、主要成绩", "全县床位4215张。"]
    assert tables_in_lines(prose) == prose


def test_a_table_with_a_year_to_a_row():
    """年份 | 床位数（张） | 医师数（人）: each row's figures are of its year."""
    from desktop.extract.tables import render_table

    lines = render_table([["年份", "医疗卫生机构床位数（张）", "执业（助理）医师数（人）"], ["2023", "4029", "2650"],
                          ["2024年", "4215", "2760"]])
    assert lines[1] == "医疗卫生机构床位数2024年为4215张，执业（助理）医师数2024年为2760人。"
    text = "\n".join(lines)
    assert found(text, 2024) == {"HOSPITAL_BEDS": 4215, "LICENSED_DOCTORS": 2760}
    assert found(text, 2023) == {"HOSPITAL_BEDS": 4029, "LICENSED_DOCTORS": 2650}


_CELL = st.one_of(st.sampled_from(["", "指标", "单位", "2024年", "2023", "本年", "上年", "增长（%）", "张", "—",
                                   "医疗卫生机构床位数", "一、卫生资源", "4,215", "3.5%", "-1.2", "鹿城区", "序号"]),
                  st.text(max_size=8))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_CELL, max_size=7), max_size=8))
def test_any_table_renders_to_lines_and_any_page_keeps_its_prose(rows):
    """Whatever a table holds, rendering it gives lines of text; whatever a PDF page holds (a row to a line, or
    a cell to a line), the prose after it comes back unchanged."""
    from desktop.extract.tables import render_table, tables_in_lines

    lines = render_table(rows)
    assert all(isinstance(line, str) for line in lines)
    prose = "全县人均期望寿命81.96岁。"
    for page in ([" ".join(r) for r in rows] + [prose], [c for r in rows for c in r] + [prose]):
        out = tables_in_lines(page)
        assert out[-1] == prose and all(isinstance(line, str) for line in out)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(FLIPS)
def test_a_damaged_docx_gives_text_or_says_why(tmp_path, flips):
    """A spoilt .docx (a bad deflate stream, a part marked encrypted, an unknown zip version) raised zlib.error,
    RuntimeError or NotImplementedError through the extraction; now it is read or refused naming the file."""
    good = tmp_path / "好.docx"
    _docx(good, ["苍南县2024年卫生健康统计公报", [["指标", "单位", "2024年", "2023年"], ["床位数", "张", "4215", "4029"]]])
    with zipfile.ZipFile(good) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    with zipfile.ZipFile(good, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    path = spoilt(good.read_bytes(), flips, tmp_path, "坏.docx")
    read_or_refused(read_text_file, UnreadableReport, path)
