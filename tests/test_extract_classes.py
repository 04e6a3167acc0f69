"""The failure classes seen on real reports, each as a rule (not as one text): lists inside year phrases,
short wordings, stock against flow, another measure with the same tail, the place, the year, zero in
words, a figure split from its measure, traditional characters, city and province counts. And the
report files (.pdf text layer, .html) and the reason a text yields nothing."""

from __future__ import annotations

import pytest

from desktop.aggregate.core import scaled_for_level
from desktop.catalog import read_indicators, read_regions
from desktop.extract import UnreadableReport, extract, extract_all, read_text_file

INDS = read_indicators()
REGIONS = {r.code: r for r in read_regions()}


def found(text: str, year: int = 2022, region: str = "330381") -> dict[str, float]:
    reg = REGIONS[region]
    own, code = {reg.code}, reg.parent_code
    while code:
        own.add(code)
        code = REGIONS[code].parent_code
    places = [r.name for r in REGIONS.values() if r.code not in own]
    counties = sum(1 for r in REGIONS.values() if r.level == "county" and _under(r, reg.code))
    catalog = INDS if reg.level == "county" else scaled_for_level(INDS, counties)
    return {(p.indicator if p.year == year else f"{p.indicator}@{p.year}"): p.value
            for p in extract(text, catalog, year, reg, places=places,
                             above=[REGIONS[c].name for c in own if c != reg.code])}


def _under(region, code: str) -> bool:
    parent = region.parent_code
    while parent:
        if parent == code:
            return True
        parent = REGIONS[parent].parent_code
    return False


def test_fenbie_list_inside_a_year_phrase_gives_each_year_its_figures():
    text = "全市每千人口床位数、每千人口注册护士数分别由2018年的5.2张、2.9人提高到2022年的6.1张、3.6人。"
    assert found(text) == {"BEDS_PER_1000": 6.1, "NURSES_PER_1000": 3.6,
                           "BEDS_PER_1000@2018": 5.2, "NURSES_PER_1000@2018": 2.9}
    # without the year of the first figures, only the later ones are known
    assert found("全市婴儿死亡率、5岁以下儿童死亡率分别由3.1‰、4.2‰下降到2.2‰、3.0‰。") == {}


def test_short_wordings_of_per_population_names_and_included_parts():
    assert found("全县千人口床位数6.3张，千人注册护士数3.4人。") == {"BEDS_PER_1000": 6.3, "NURSES_PER_1000": 3.4}
    assert found("每千常住人口执业（助理）医生数达3.7人。") == {"DOCTORS_PER_1000": 3.7}
    assert found("全县执业医师(含助理)1 950人，每千人口执业医师(含助理)数3.05人。") == {
        "LICENSED_DOCTORS": 1950, "DOCTORS_PER_1000": 3.05}


def test_a_stock_is_not_a_flow_in_any_pairing():
    assert found("全县现有村卫生室203个。") == {}
    assert found("全县共有社区卫生服务站35个。") == {}
    assert found("全县拥有卫生专业技术人员4 860人。") == {}
    assert found("全县有卫生技术人员4860人，其中当年招聘引进卫生专业技术人员152人。") == {"HEALTH_TALENT_RECRUITED": 152}
    assert found("年内新建村卫生室5家。") == {"VILLAGE_CLINICS_NEW": 5}


def test_a_measure_takes_its_head_from_the_topic_clause_before_it():
    assert found("家庭医生签约服务持续推进，签约人数38.5万人，签约率42.2%。") == {
        "FAMILY_DOCTOR_CONTRACTS": 38.5, "FAMILY_DOCTOR_RATE": 42.2}
    assert found("家庭医生签约服务扩面提质，全市累计签约居民52.3万人。") == {"FAMILY_DOCTOR_CONTRACTS": 52.3}
    # another place's figure stays another place's
    assert found("家庭医生签约服务持续推进，全省签约人数2900万人。") == {}
    # the head must make a catalog name: 签约机构 is none
    assert found("家庭医生签约服务持续推进，签约机构86家。") == {}


def test_a_rate_after_a_clause_of_adding_is_a_level():
    """"新增照护机构6家，托位180个" adds places (the list goes on adding), but a rate or a per-population figure is
    never added: it is the level reached."""
    assert found("新建改建农村卫生户厕1200户，农村无害化卫生厕所普及率99.6%。") == {
        "TOILETS_REBUILT": 1200, "SANITARY_TOILET_RATE": 99.6}
    assert found("新增托位800个，每千人口托位数4.0个。") == {"CHILDCARE_PLACES_PER_1000": 4.0}
    assert found("新增托育机构6家，托位180个。") == {}


def test_another_measure_with_the_same_tail_is_not_the_indicator():
    assert found("全县人均期望寿命82.4岁，健康期望寿命71.9岁。") == {"LIFE_EXPECTANCY": 82.4}
    assert found("全县健康预期寿命72.1岁。") == {}


def test_national_texts_are_not_a_regions():
    assert found("2022年，我国居民健康素养水平达到27.78%。") == {}
    # no place in the sentence, but a national headline over it
    assert found("2022年我国卫生健康事业发展统计公报\n居民人均预期寿命为77.93岁，婴儿死亡率4.9‰。") == {}
    # the sentence after a national one in the same paragraph is still national
    assert found("全国执业（助理）医师443.5万人。每千人口执业（助理）医师3.15人。") == {}
    # a place named only to compare with sets no scope
    assert found("全县人均期望寿命82.6岁，高于全国平均水平。居民健康素养水平38.1%，居全省前列。") == {
        "LIFE_EXPECTANCY": 82.6, "HEALTH_LITERACY": 38.1}


def test_the_province_own_text_works_for_the_province_and_not_below():
    text = "2022年，全省人均期望寿命达到82.4岁，我省居民健康素养水平达到40.05%。每千人口床位数5.9张。"
    assert found(text, region="330000") == {"LIFE_EXPECTANCY": 82.4, "HEALTH_LITERACY": 40.05, "BEDS_PER_1000": 5.9}
    assert found(text, region="330100") == {}
    assert found(text, region="330381") == {}
    # a city's figure inside the province's text is the city's
    assert found("全省每千人口床位数5.9张，其中杭州市每千人口床位数7.2张。", region="330000") == {"BEDS_PER_1000": 5.9}
    assert found("全省每千人口床位数5.9张，其中杭州市每千人口床位数7.2张。", region="330100") == {"BEDS_PER_1000": 7.2}


def test_the_city_word_is_a_districts_and_a_xians_city_above_it():
    # 瑞安市, a county-level 市, calls itself 全市; 鹿城区 and 永嘉县 call 温州市 so
    text = "2022年，全市人均期望寿命82.15岁。每千人口床位数6.1张。"
    for region in ("330381", "330300"):
        assert found(text, region=region) == {"LIFE_EXPECTANCY": 82.15, "BEDS_PER_1000": 6.1}
    for region in ("330302", "330324", "331127"):
        assert found(text, region=region) == {}
    # the district's own figure beside the city's, and the city named only to compare with
    assert found("全区人均期望寿命82.4岁，全市82.15岁。", region="330302") == {"LIFE_EXPECTANCY": 82.4}
    assert found("我县人均期望寿命82.4岁，高于全市平均水平。", region="330324") == {"LIFE_EXPECTANCY": 82.4}
    assert found("全县每千人口床位数5.2张，居全市第3位。", region="330324") == {"BEDS_PER_1000": 5.2}
    # a paragraph of the city's figures carries on; the district's next paragraph is its own
    text = "全市人均期望寿命82.15岁，每千人口床位数6.1张。\n全区每千人口床位数5.3张。"
    assert found(text, region="330302") == {"BEDS_PER_1000": 5.3}


def test_reached_years_are_facts_and_planning_periods_are_no_year():
    assert found("到2022年，全县婴儿死亡率已降至2.1‰。") == {"INFANT_MORTALITY": 2.1}
    assert found("到2022年，全县婴儿死亡率降至2.1‰以下。") == {}
    assert found("到2025年，全县婴儿死亡率已降至2.1‰。") == {}
    assert found("“十三五”末，全县每万人口全科医生数达到4.1人。", year=2020) == {}
    assert found("十三五期间，全县人均期望寿命提高到82.1岁。", year=2022) == {}


def test_zero_said_in_words():
    assert found("全年实现孕产妇零死亡。") == {"MATERNAL_MORTALITY": 0}
    assert found("2022年全县未发生孕产妇死亡，婴儿死亡率2.3‰。") == {"MATERNAL_MORTALITY": 0, "INFANT_MORTALITY": 2.3}
    assert found("确保无孕产妇死亡。") == {}
    assert found("全国无孕产妇死亡的省份有3个。") == {}


def test_a_figure_split_from_its_measure():
    assert found("今年新购救护车5辆，全县救护车总数达到26辆。") == {"AMBULANCES": 26}
    assert found("新增急救站点1个，总数达11个。") == {"EMS_STATIONS": 11}
    assert found("全县共有医疗卫生机构428个，床位3 120张。") == {"HOSPITAL_BEDS": 3120}
    assert found("每个乡镇卫生院配备救护车1辆。") == {}
    assert found("每支急救队伍增配注册护士2名。") == {}


def test_traditional_characters_are_read_and_offsets_stay_in_the_original():
    text = "2022年，全縣人均期望壽命達到82.6歲，執業（助理）醫師2 140人。"
    props = extract(text, INDS, 2022)
    assert {p.indicator: p.value for p in props} == {"LIFE_EXPECTANCY": 82.6, "LICENSED_DOCTORS": 2140}
    life = next(p for p in props if p.indicator == "LIFE_EXPECTANCY")
    assert text[life.value_start:life.value_end] == "82.6歲"
    assert text[life.start:life.end] == "2022年，全縣人均期望壽命達到82.6歲，執業（助理）醫師2 140人。"


def test_city_and_province_counts_are_not_held_to_a_countys_range():
    text = "2022年末，全省医疗卫生机构床位38.6万张，注册护士27.2万人。"
    assert found(text, region="330000") == {"HOSPITAL_BEDS": 386000, "REGISTERED_NURSES": 272000}
    # the catalog's count ranges are a county's: held to them, the province's figures would be dropped
    plain = extract(text, INDS, 2022, REGIONS["330000"])
    assert plain == []
    # a county still is, and rates keep their range everywhere
    assert found("全县医疗机构实有床位386000张。") == {}
    assert found("全省每千人口床位数58.7张。", region="330000") == {}


def test_a_text_that_yields_nothing_says_why():
    reg = REGIONS["330381"]
    plan = extract_all("力争到2025年，全市人均期望寿命达到83岁。", INDS, 2022, reg)
    assert (plan.proposals, plan.reason) == ([], "plan")
    national = extract_all("2022年，全国人均预期寿命达到77.93岁。", INDS, 2022, reg)
    assert national.reason == "place" and "其他地方" in national.message
    other_year = extract_all("2019年，全市人均期望寿命达到81.1岁。", INDS, 2022, reg)
    assert other_year.reason == "year" and "2022年" in other_year.message
    garbled = extract_all("ÈË¾ùÆÚÍûÊÙÃü´ïµ½82.3Ëê£¬ÎÒÊÐ¾ÓÃñ½¡¿µËØÑøË®Æ½", INDS, 2022, reg)
    assert garbled.reason == "unreadable"
    nothing = extract_all("今天召开了全体职工大会，传达学习了会议精神。", INDS, 2022, reg)
    assert nothing.reason == "nothing"
    ok = extract_all("2022年，全市人均期望寿命达到82.3岁。", INDS, 2022, reg)
    assert ok.reason == "" and len(ok.proposals) == 1


def _pdf(path, lines):
    from reportlab.pdfgen import canvas

    from desktop.reports.fonts import register

    font = register()
    c = canvas.Canvas(str(path))
    c.setFont(font, 11)
    y = 780
    for line in lines:
        if line is None:
            c.showPage()
            c.setFont(font, 11)
            y = 780
            continue
        c.drawString(50, y, line)
        y -= 18
    c.save()


def test_pdf_text_layer_is_read_across_lines_and_pages(tmp_path):
    path = tmp_path / "report.pdf"
    _pdf(path, ["2022年瑞安市卫生健康工作总结", "2022年，全市人均期望寿命达到82.7岁，每千常住人口医疗机构",
                "床位数5.46张。", None, "全市注册护士4 215人。"])
    text = read_text_file(path)
    assert "人均期望寿命" in text
    assert found(text) == {"LIFE_EXPECTANCY": 82.7, "BEDS_PER_1000": 5.46, "REGISTERED_NURSES": 4215}


def test_a_pdf_without_text_layer_or_broken_says_so(tmp_path):
    from reportlab.pdfgen import canvas

    scan = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(scan))
    c.rect(50, 50, 400, 600, fill=1)  # a page with only a picture-like shape: no text
    c.save()
    with pytest.raises(UnreadableReport, match="scan.pdf.*没有文字层"):
        read_text_file(scan)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj <<>> garbage")
    with pytest.raises(UnreadableReport, match="broken.pdf"):
        read_text_file(broken)


def test_html_page_text_without_scripts_in_its_declared_encoding(tmp_path):
    page = ("<!DOCTYPE html><html><head><meta charset=\"gb2312\"><title>全县床位999张</title>"
            "<script>var s='全县注册护士1人';</script><style>p{}</style></head><body>"
            "<div>首页 &gt; 工作动态</div><h1>2022年全县卫生健康工作总结</h1>"
            "<p>2022年，全县人均期望寿命达到82.7岁，\n每千人口床位数5.46张。</p>"
            "<p>全县注册护士4&nbsp;215人。</p></body></html>")
    path = tmp_path / "news.html"
    path.write_bytes(page.encode("gb18030"))
    text = read_text_file(path)
    assert "var s" not in text and "999" not in text
    assert found(text) == {"LIFE_EXPECTANCY": 82.7, "BEDS_PER_1000": 5.46, "REGISTERED_NURSES": 4215}
    utf8 = tmp_path / "page.htm"
    utf8.write_text(page.replace("gb2312", "utf-8"), encoding="utf-8")
    assert read_text_file(utf8) == text


def test_a_fact_before_a_target_in_one_sentence_is_still_a_fact():
    assert found("全县每千人口床位数为5.1张，规划目标为6张。") == {"BEDS_PER_1000": 5.1}
    assert found("全县基层就诊率为67.5%，力争明年达到70%。") == {"PRIMARY_VISIT_SHARE": 67.5}
    assert found("力争全县基层就诊率达到70%，县域就诊率达到92%。") == {}
    assert found("“十四五”中期：截至2022年底，全县每万人口全科医生数已达到4.3人。") == {"GP_PER_10000": 4.3}


def test_the_figure_of_the_year_before_written_beside():
    assert found("全县注册护士数达到2 480人（上年为2 310人）。") == {
        "REGISTERED_NURSES": 2480, "REGISTERED_NURSES@2021": 2310}
    assert found("全县婴儿死亡率1.9‰，上年为2.2‰。") == {"INFANT_MORTALITY": 1.9, "INFANT_MORTALITY@2021": 2.2}
    assert found("全县婴儿死亡率1.9‰，比上年的2.2‰有所下降。") == {"INFANT_MORTALITY": 1.9}


def test_zero_without_a_unit_and_a_measure_after_a_verb_of_having():
    assert found("全县孕产妇死亡率为0，婴儿死亡率2.1‰。") == {"MATERNAL_MORTALITY": 0, "INFANT_MORTALITY": 2.1}
    assert found("全县卫生机构共有床位2 760张。") == {"HOSPITAL_BEDS": 2760}


def test_a_part_word_narrows_unless_the_indicators_own_wordings_carry_it():
    assert found("全县累计建立规范化电子健康档案43.2万份。") == {}
    assert found("全县累计建立电子健康档案51.6万份。") == {"EHR_RECORDS": 51.6}
    assert found("全县公立医院医疗总费用增幅为6.1%。") == {"MEDICAL_COST_GROWTH": 6.1}
    assert found("其中医院床位2 410张。") == {}


def test_a_title_naming_the_nation_next_to_the_region_is_the_regions_text():
    text = "我市入选全国基层中医药工作示范市\n2022年，全市居民中医药健康文化素养水平达到26.3%。"
    assert found(text) == {"TCM_LITERACY": 26.3}
    text = "瑞安市在全国卫生健康工作会议上作交流发言\n2022年，人均期望寿命达到82.9岁。"
    assert found(text) == {"LIFE_EXPECTANCY": 82.9}


def test_a_place_named_without_figures_does_not_carry_into_the_next_sentence():
    assert found("按照全省统一部署，开展城乡居民健康体检。体检完成率达90.5%。") == {"HEALTH_CHECK_RATE": 90.5}


def test_a_larger_places_text_that_names_the_region_as_a_part_is_not_the_regions():
    # a city's bulletin read for one of its counties: the county's own clause is its, the city's sentences that
    # name no place are the city's (they were proposed as the county's)
    for title in ("湖州市2024年卫生健康事业发展统计公报\n", ""):
        text = (f"{title}2024年，全市人均期望寿命83.02岁，其中德清县人均期望寿命83.35岁。\n"
                "每千人口执业（助理）医师数3.62人。")
        assert found(text, year=2024, region="330521") == {"LIFE_EXPECTANCY": 83.35}
        assert found(text, year=2024, region="330522") == {}
        assert found(text, year=2024, region="330500") == {"LIFE_EXPECTANCY": 83.02, "DOCTORS_PER_1000": 3.62}
    # the province's bulletin read for a city, its neighbours named beside it
    text = ("浙江省2024年卫生健康事业发展统计公报\n全省人均期望寿命82.3岁，其中杭州市人均期望寿命83.6岁、"
            "宁波市人均期望寿命83.2岁。\n每千人口执业（助理）医师数3.9人。")
    assert found(text, year=2024, region="330100") == {"LIFE_EXPECTANCY": 83.6}
    assert found(text, year=2024, region="330000") == {"LIFE_EXPECTANCY": 82.3, "DOCTORS_PER_1000": 3.9}


def test_a_countys_text_that_quotes_the_nation_and_compares_with_the_city_stays_the_countys():
    expected = {"LIFE_EXPECTANCY": 83.35, "DOCTORS_PER_1000": 3.62}
    text = "全国人均期望寿命为79.0岁，全省82.3岁。德清县人均期望寿命83.35岁。\n每千人口执业（助理）医师数3.62人。"
    assert found(text, year=2024, region="330521") == expected
    text = ("2024年，德清县人均期望寿命83.35岁，居全市第一，高于全省平均水平。\n"
            "每千人口执业（助理）医师数3.62人，全国为3.40人。")
    assert found(text, year=2024, region="330521") == expected
    # never naming itself, quoting the province's figure after its own
    for text in ("2024年，人均期望寿命83.35岁，全省为82.3岁。\n每千人口执业（助理）医师数3.62人。",
                 "人均期望寿命83.35岁（全省82.3岁，全国79.0岁）。\n每千人口执业（助理）医师数3.62人。"):
        assert found(text, year=2024, region="330521") == expected


def test_places_listed_before_fenbie_each_take_their_figure():
    text = "分地区看，杭州、宁波、温州每千人口医疗机构床位数分别为7.21张、6.05张、5.88张。"
    assert found(text, region="330200") == {"BEDS_PER_1000": 6.05}
    assert found(text, region="330100") == {"BEDS_PER_1000": 7.21}
    assert found(text, region="330000") == {}
    text = "2023年，安吉县和德清县家庭医生签约率分别达到48.2%、47.5%，位居全市前两位。"
    assert found(text, year=2023, region="330523") == {"FAMILY_DOCTOR_RATE": 48.2}
    assert found(text, year=2023, region="330521") == {"FAMILY_DOCTOR_RATE": 47.5}
    assert found(text, year=2023, region="330522") == {}
    # the places after the whole's figure, the indicator named in the clause before; the whole keeps its own
    text = "全市人均期望寿命83.11岁，其中德清县、长兴县分别为83.42岁、82.96岁。"
    assert found(text, year=2023, region="330522") == {"LIFE_EXPECTANCY": 82.96}
    assert found(text, year=2023, region="330500") == {"LIFE_EXPECTANCY": 83.11}
    # 依次 as 分别, the unit written once after the last figure
    text = "吴兴区、南浔区、德清县、长兴县、安吉县每千人口医疗机构床位数依次为8.12、5.36、5.87、7.01、5.64张。"
    assert found(text, year=2023, region="330503") == {"BEDS_PER_1000": 5.36}
    assert found(text, year=2023, region="330500") == {}
    # the places in brackets after the figures
    text = "五个县区孕产妇系统管理率依次为98.2%、97.6%、99.1%、98.8%、98.5%（吴兴区、南浔区、德清县、长兴县、安吉县）。"
    assert found(text, year=2023, region="330521") == {"MATERNAL_MGMT_RATE": 99.1}
    assert found(text, year=2023, region="330500") == {}
    # a list of fewer places than figures is not a list of places
    assert found("杭州、宁波每千人口医疗机构床位数分别为7.21张、6.05张、5.88张。", region="330200") == {}


def test_places_in_series_after_an_indicator_take_their_figures():
    text = "各县区人均期望寿命：吴兴区83.08岁，南浔区82.71岁，德清县83.42岁。"
    assert found(text, year=2023, region="330503") == {"LIFE_EXPECTANCY": 82.71}
    assert found(text, year=2023, region="330521") == {"LIFE_EXPECTANCY": 83.42}
    assert found(text, year=2023, region="330500") == {}
    text = "各县区中，长兴县人均期望寿命82.96岁，德清县83.42岁，安吉县为83.25岁。"
    assert found(text, year=2023, region="330522") == {"LIFE_EXPECTANCY": 82.96}
    assert found(text, year=2023, region="330523") == {"LIFE_EXPECTANCY": 83.25}
    # the clause after the figure names another indicator, not a place
    assert found("全县人均期望寿命83.11岁，婴儿死亡率1.65‰。", year=2023, region="330522") == {
        "LIFE_EXPECTANCY": 83.11, "INFANT_MORTALITY": 1.65}


def test_a_county_level_citys_text_is_not_its_citys_bulletin():
    # 义乌市 calls itself 全市; under a title naming 金华市 and not 义乌市, 全市 is 金华市
    text = ("金华市2023年国民经济和社会发展统计公报（卫生健康部分）\n年末全市卫生机构床位数3.95万张，执业（助理）医师"
            "2.43万人。义乌市医疗卫生机构实有床位9120张。\n全市人均期望寿命82.85岁。")
    assert found(text, year=2023, region="330782") == {"HOSPITAL_BEDS": 9120}
    text = "义乌市2023年卫生健康统计公报\n年末全市医疗卫生机构实有床位9120张。\n全市人均期望寿命83.15岁。"
    assert found(text, year=2023, region="330782") == {"HOSPITAL_BEDS": 9120, "LIFE_EXPECTANCY": 83.15}
    # the city's letterhead over the county-level city's own title: its 全市 is its own
    text = "温州市卫生健康委员会\n瑞安市2023年卫生健康工作总结\n2023年，全市人均期望寿命达到83.15岁，每千人口医疗机构床位数6.1张。"
    assert found(text, year=2023, region="330381") == {"LIFE_EXPECTANCY": 83.15, "BEDS_PER_1000": 6.1}


def test_a_place_named_highest_or_lowest_has_the_figure_after_it():
    text = "各县区中，德清县人均期望寿命最高（83.42岁），南浔区最低（82.71岁）。"
    assert found(text, year=2023, region="330521") == {"LIFE_EXPECTANCY": 83.42}
    assert found(text, year=2023, region="330503") == {"LIFE_EXPECTANCY": 82.71}
    assert found(text, year=2023, region="330500") == {}
    text = "每千人口医疗机构床位数最高的是吴兴区（8.12张），最低的是安吉县（5.64张）。"
    assert found(text, year=2023, region="330523") == {"BEDS_PER_1000": 5.64}
    text = "全市每千人口医疗机构床位数6.72张，其中吴兴区最多，达到8.12张。"
    assert found(text, year=2023, region="330502") == {"BEDS_PER_1000": 8.12}
    assert found(text, year=2023, region="330500") == {"BEDS_PER_1000": 6.72}
    # "为历史最高" names no place
    assert found("全县人均期望寿命83.11岁，为历史最高。", year=2023, region="330521") == {"LIFE_EXPECTANCY": 83.11}


def test_after_a_semicolon_or_in_a_sentence_of_places_alone_the_figures_are_of_the_indicator_before():
    text = "全市人均期望寿命83.11岁，比上年提高0.2岁；德清县最高，为83.42岁。"
    assert found(text, year=2023, region="330521") == {"LIFE_EXPECTANCY": 83.42}
    assert found(text, year=2023, region="330500") == {"LIFE_EXPECTANCY": 83.11}
    text = "全市每千人口医疗机构床位数6.72张；德清县、安吉县分别为5.87张和5.64张。"
    assert found(text, year=2023, region="330523") == {"BEDS_PER_1000": 5.64}
    # a place and its figure alone after the semicolon: "全省平均为82.8岁" is the province's
    text = "全省11个设区市中，杭州市人均期望寿命最高，为84.3岁；全省平均为82.8岁。"
    assert found(text, year=2023, region="330000") == {"LIFE_EXPECTANCY": 82.8}
    assert found(text, year=2023, region="330100") == {"LIFE_EXPECTANCY": 84.3}
    # through a run of semicolons; a sentence between that names another thing (a plan) ends it
    text = "全市人均期望寿命83.11岁；德清县最高，为83.42岁；安吉县最低，为82.5岁。"
    assert found(text, year=2023, region="330523") == {"LIFE_EXPECTANCY": 82.5}
    assert found("全市人均期望寿命83.11岁；到2025年力争达到84岁。德清县最高，为83.42岁。", year=2023,
                 region="330521") == {}
    # after a full stop only a sentence of places and figures alone goes on, in the same paragraph, in the unit
    assert found("全市每千人口医疗机构床位数6.72张。德清县、安吉县分别为5.87张和5.64张。", year=2023,
                 region="330521") == {"BEDS_PER_1000": 5.87}
    assert found("全市每千人口医疗机构床位数6.72张。\n德清县、安吉县分别为5.87张和5.64张。", year=2023,
                 region="330521") == {}
    assert found("全市每千人口医疗机构床位数6.72张。德清县、安吉县分别为83.1岁和83.2岁。", year=2023,
                 region="330521") == {}


def test_a_towns_figure_is_not_the_countys():
    text = "全县家庭医生签约率48.6%。13个乡镇（街道）中，新市镇家庭医生签约率最高，为52.1%，乾元镇最低，为44.3%。"
    assert found(text, year=2023, region="330521") == {"FAMILY_DOCTOR_RATE": 48.6}
    assert found("武康街道的家庭医生签约率为55.0%。", year=2023, region="330521") == {}
    # "乡镇" alone names no town: 全县乡镇卫生院 are the county's
    assert found("全县乡镇卫生院实有床位1260张，每千人口医疗机构床位数5.87张。", year=2023, region="330521") == {
        "BEDS_PER_1000": 5.87}


def test_a_bare_measure_borrows_the_thing_counted_before_the_clauses_own_measure_and_its_change():
    text = "2023年全区法定传染病报告发病数同比下降12.4%，报告病例1 872例。"
    assert found(text, year=2023, region="330302") == {"NOTIFIABLE_DISEASE_CASES": 1872}
