"""Tables as offices draw them (tests/data/exchange/, made by scripts/make_exchange_fixtures.py and saved by
LibreOffice as .xls and .ods): both wide layouts told from the header, titles, units in brackets, signature
lines and notes below the table, a name or a code in the wrong column, percent formats kept in .xls/.ods,
and the errors naming the very cell."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.exchange import plan_import
from desktop.exchange.importer import import_each

DATA = Path(__file__).resolve().parent / "data" / "exchange"


def values(plan) -> dict:
    return {(c.region, c.year, c.indicator): (c.value, c.note) for c in plan.changes}


@pytest.mark.parametrize("name", ["温岭市指标_按年份.xlsx", "温岭市指标_按年份.ods"])
def test_indicators_as_rows_years_as_columns_one_county(services, name):
    if name.endswith(".ods"):
        pytest.importorskip("defusedxml")
    plan = plan_import(services, [DATA / name])
    assert plan.ok, [str(e) for e in plan.errors]
    got = values(plan)
    # the region from the title, years from 2021年 / 2022 / 2023年度, thousands separators, text numbers
    assert got[("331081", 2021, "HOSPITAL_BEDS")] == (4839, None)
    assert got[("331081", 2023, "HOSPITAL_BEDS")] == (5123, None)
    assert got[("331081", 2021, "LICENSED_DOCTORS")] == (4210, None)
    assert got[("331081", 2023, "BEDS_PER_1000")] == (4.6, None)
    # percent-formatted cells are percentages (0.3386 shown as 33.86% is 33.86)
    assert got[("331081", 2022, "HEALTH_LITERACY")] == (33.86, None)
    # the 备注 column belongs to the last year: a note on a value still to come
    assert got[("331081", 2023, "LICENSED_DOCTORS")] == (None, "2023年数据待统计局核定")
    assert len(got) == 15  # 5 indicators × 3 years, the section rows and the signature lines read as nothing


def test_indicators_as_rows_for_two_counties_from_xls(services):
    pytest.importorskip("xlrd")
    plan = plan_import(services, [DATA / "椒江黄岩_按年份.xls"])
    assert plan.ok, [str(e) for e in plan.errors]
    assert values(plan) == {
        ("331002", 2021, "POP_RESIDENT"): (55.61, None), ("331002", 2022, "POP_RESIDENT"): (56.02, None),
        ("331002", 2021, "HOSPITAL_BEDS"): (3120, None), ("331002", 2022, "HOSPITAL_BEDS"): (3305, None),
        ("331003", 2021, "POP_RESIDENT"): (66.3, None), ("331003", 2022, "POP_RESIDENT"): (66.71, None),
        ("331003", 2021, "HOSPITAL_BEDS"): (2740, None), ("331003", 2022, "HOSPITAL_BEDS"): (2810, None)}


def test_counties_as_rows_indicators_as_columns_from_xls(services):
    pytest.importorskip("xlrd")
    plan = plan_import(services, [DATA / "台州市各县_2022.xls"])
    assert plan.ok, [str(e) for e in plan.errors]
    got = values(plan)
    # units in brackets checked and dropped, a code typed in the region column, .xls percent format kept
    assert got[("331002", 2022, "HOSPITAL_BEDS")] == (3305, None)
    assert got[("331081", 2022, "POP_RESIDENT")] == (152.1, None)
    assert got[("331003", 2022, "HEALTH_LITERACY")] == (33.44, None)
    assert len(got) == 9


def test_counties_under_a_header_drawn_over_two_rows_from_xls(services):
    """A city's table as offices draw it: 序号 and 县（市、区） merged down over two header rows, group headings
    merged across the indicators' names, a 合计 row, saved by LibreOffice as .xls."""
    pytest.importorskip("xlrd")
    from desktop.aggregate.service import aggregate_region
    from desktop.exchange.importer import commit_import

    plan = plan_import(services, [DATA / "温州市各县_2024_两行表头.xls"])
    assert plan.ok, [str(e) for e in plan.errors]
    got = values(plan)
    # the region column headed 县（市、区）, the year from the title, the names from the lower header row
    assert got[("330302", 2024, "HOSPITAL_BEDS")] == (8120, None)
    assert got[("330304", 2024, "LICENSED_DOCTORS")] == (1980, None)  # "1,980"
    assert got[("330302", 2024, "FAMILY_DOCTOR_RATE")] == (45.1, None)  # the text "45.1%"
    assert got[("330324", 2024, "LIFE_EXPECTANCY")] == (82.15, None)
    assert ("330305", 2024, "LIFE_EXPECTANCY") not in got  # "—": no value
    assert len(got) == 5 * 6 - 1
    # the 合计 row is passed over, said at its cell; it agrees with the counties above it (no other notice)
    assert plan.notices == ["文件 温州市各县_2024_两行表头.xls，2024年汇总!A10：“合计”是合计行，未导入：市、省的数字由程序从各县汇总"]
    commit_import(services, plan)
    # the city computed from the imported counties: the office's own 合计 row, 18177 beds and 11401 doctors
    computed = aggregate_region(services, "330300", 2024).computed
    assert computed["HOSPITAL_BEDS"].value == 18177 and computed["HOSPITAL_BEDS"].reported == 5
    assert computed["LICENSED_DOCTORS"].value == 11401


def test_counties_under_a_header_of_three_rows_with_a_row_of_units_from_ods(services):
    pytest.importorskip("defusedxml")
    plan = plan_import(services, [DATA / "丽水市各县_2024_三行表头.ods"])
    assert plan.ok, [str(e) for e in plan.errors]
    assert values(plan) == {
        ("331102", 2024, "HOSPITAL_BEDS"): (3400, None), ("331102", 2024, "BEDS_PER_1000"): (6.5, None),
        ("331102", 2024, "LICENSED_DOCTORS"): (2100, None), ("331102", 2024, "LIFE_EXPECTANCY"): (82.9, None),
        ("331102", 2024, "INFANT_MORTALITY"): (1.9, None),
        ("331121", 2024, "HOSPITAL_BEDS"): (1900, None), ("331121", 2024, "BEDS_PER_1000"): (3.9, None),
        ("331121", 2024, "LICENSED_DOCTORS"): (1250, None), ("331121", 2024, "LIFE_EXPECTANCY"): (81.7, None),
        ("331121", 2024, "INFANT_MORTALITY"): (2.4, None)}
    assert [n.split("：", 1)[0] for n in plan.notices] == ["文件 丽水市各县_2024_三行表头.ods，Sheet1!A8"]


def test_a_header_over_rows_names_the_cell_each_text_is_in(services, tmp_path):
    """A wrong unit is named where it is written: in the row of units, or in a name merged down from an upper
    header row (D3, not the header's lower row D4)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["丽水市2024年各县指标"])
    ws.append(["县（市、区）", "卫生资源", None, None, "健康水平"])
    ws.append([None, "床位", None, "执业（助理）医师数（张）"])
    ws.append([None, "医疗机构实有床位数", "每千人口医疗机构床位数", None, "婴儿死亡率"])
    ws.append(["单位", "张", "张", None, "%"])
    ws.append(["莲都区", 3400, 6.5, 2100, 1.9])
    for merged in ("A2:A4", "B2:D2", "B3:C3", "D3:D4"):
        ws.merge_cells(merged)
    wb.save(tmp_path / "单位.xlsx")
    plan = plan_import(services, [tmp_path / "单位.xlsx"])
    assert sorted(str(e) for e in plan.errors) == [
        "文件 单位.xlsx，Sheet!D3：单位为“张”，但指标“执业（助理）医师数”的单位是“人”（请换算后再导入）",
        "文件 单位.xlsx，Sheet!E5：单位为“%”，但指标“婴儿死亡率”的单位是“‰”（请换算后再导入）"]


def test_a_total_row_is_passed_over_only_where_it_names_no_region(services, tmp_path):
    """合计 and 全市合计 are not regions: passed over with a notice; an unknown county is still an error."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["台州市2023年各县指标"])
    ws.append(["县（市、区）", "医疗机构实有床位数", "执业（助理）医师数"])
    ws.append(["椒江区", 3305, 2400])
    ws.append(["椒北区", 2810, 1900])  # no such county
    ws.append(["全市合计", 6115, 4300])
    wb.save(tmp_path / "合计.xlsx")
    plan = plan_import(services, [tmp_path / "合计.xlsx"])
    assert [str(e).split("：")[0] for e in plan.errors] == ["文件 合计.xlsx，Sheet!A4"]
    assert "全市合计" in plan.notices[0] and "Sheet!A5" in plan.notices[0]


def test_one_region_year_with_this_year_and_last_year_columns(services, tmp_path):
    """A county's own table (指标名称 | 单位 | 本年 | 上年 | 增减 | 备注): the region and the year from the title,
    section rows read as nothing, 备注 as the note, and 上年 held against the store's year before."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "指标"
    services.set_value("330381", 2021, "HOSPITAL_BEDS", 6150)
    ws.append(["瑞安市2022年卫生健康主要指标完成情况表"])
    ws.append(["序号", "指标名称", "单位", "本年", "上年", "增减（%）", "备注"])
    ws.append(["一、医疗资源"])
    ws.append([1, "医疗机构实有床位数", "张", 6400, 9999, None, None])
    ws.append([2, "每千人口医疗机构床位数", "张", 4.98, None, None, "按常住人口"])
    ws.append(["填表人：", None, "审核人："])
    wb.save(tmp_path / "瑞安.xlsx")
    plan = plan_import(services, [tmp_path / "瑞安.xlsx"])
    assert plan.ok, [str(e) for e in plan.errors]
    assert values(plan) == {("330381", 2022, "HOSPITAL_BEDS"): (6400, None),
                            ("330381", 2022, "BEDS_PER_1000"): (4.98, "按常住人口")}
    assert [str(d) for d in plan.drift] == [
        "文件 瑞安.xlsx，指标!E4：瑞安市 医疗机构实有床位数 上年数值为 9999，本库 2021 年为 6150（文件与本库不一致，请核实哪一个正确）"]


@pytest.mark.parametrize("header", [["指标名称", "单位", "数值"], ["地区", "医疗机构实有床位数", "执业（助理）医师数"]])
def test_a_title_with_a_range_of_years_is_not_taken_for_one_year(services, tmp_path, header):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["温岭市卫生健康主要指标（2021—2023年）"])
    ws.append(header)
    ws.append(["医疗机构实有床位数", "张", 4839] if header[0] == "指标名称" else ["温岭市", 4839, 4210])
    wb.save(tmp_path / "范围.xlsx")
    plan = plan_import(services, [tmp_path / "范围.xlsx"])
    assert [str(e) for e in plan.errors] == ["文件 范围.xlsx，Sheet!A1：标题写的是年份范围“2021—2023年”，不知道表中是哪一年："
                                             "请加一列“年份”，或在标题中只写一个年份"]


def test_an_indicator_named_with_its_unit_in_brackets_is_checked_against_it(services, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["温岭市2022年指标"])
    ws.append(["指标名称", "数值"])
    ws.append(["居民健康素养水平（%）", 33.86])
    ws.append(["婴儿死亡率（%）", 0.21])
    ws.append(["每千人口执业（助理）医师", 2.8])
    wb.save(tmp_path / "括号.xlsx")
    plan = plan_import(services, [tmp_path / "括号.xlsx"])
    assert [str(e) for e in plan.errors] == [
        "文件 括号.xlsx，Sheet!A4：单位为“%”，但指标“婴儿死亡率”的单位是“‰”（请换算后再导入）"]
    ws["A4"] = "婴儿死亡率（‰）"
    ws["B4"] = 2.1
    wb.save(tmp_path / "括号.xlsx")
    plan = plan_import(services, [tmp_path / "括号.xlsx"])
    assert values(plan) == {("331081", 2022, "HEALTH_LITERACY"): (33.86, None),
                            ("331081", 2022, "INFANT_MORTALITY"): (2.1, None),
                            ("331081", 2022, "DOCTORS_PER_1000"): (2.8, None)}


def test_years_of_values_and_a_year_of_targets_side_by_side(services, tmp_path):
    """指标名称 | 单位 | 2023年完成值 | 2024年完成值 | 2025年目标值 | 备注: values, a target, the note on the last value."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["温岭市“十四五”卫生健康主要指标目标及完成情况"])  # 目标 in the title: the columns say which
    ws.append(["指标名称", "单位", "2023年完成值", "2024年完成值", "2025年目标值", "备注"])
    ws.append(["医疗机构实有床位数", "张", 5012, 5123, 5600, None])
    ws.append(["每千人口托位数", "个", 3.9, 4.2, 4.5, "按常住人口计"])
    wb.save(tmp_path / "目标.xlsx")
    plan = plan_import(services, [tmp_path / "目标.xlsx"])
    assert plan.ok, [str(e) for e in plan.errors]
    assert values(plan) == {("331081", 2023, "HOSPITAL_BEDS"): (5012, None),
                            ("331081", 2024, "HOSPITAL_BEDS"): (5123, None),
                            ("331081", 2023, "CHILDCARE_PLACES_PER_1000"): (3.9, None),
                            ("331081", 2024, "CHILDCARE_PLACES_PER_1000"): (4.2, "按常住人口计")}
    assert {(t.region, t.year, t.indicator): t.new for t in plan.targets} == {
        ("331081", 2025, "HOSPITAL_BEDS"): 5600, ("331081", 2025, "CHILDCARE_PLACES_PER_1000"): 4.5}


def test_counties_with_two_years_of_indicators_under_year_headings(services, tmp_path):
    """县（市、区） | 2022年 over 床位数 and 医师数 | 2023年 over the same two: each column's year from the heading
    merged across above it."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["台州市各县（市、区）卫生资源情况"])
    ws.append(["县（市、区）", "2022年", None, "2023年", None])
    ws.append([None, "医疗机构实有床位数", "执业（助理）医师数", "医疗机构实有床位数", "执业（助理）医师数"])
    for merged in ("A2:A3", "B2:C2", "D2:E2"):
        ws.merge_cells(merged)
    ws.append(["椒江区", 3305, 2400, 3400, "约两千五"])
    ws.append(["黄岩区", 2810, 1900, 2900, 1950])
    wb.save(tmp_path / "两年.xlsx")
    plan = plan_import(services, [tmp_path / "两年.xlsx"])
    assert [str(e) for e in plan.errors] == ["文件 两年.xlsx，Sheet!E4：数值 '约两千五' 无效：不是数字"]
    ws["E4"] = 2500
    wb.save(tmp_path / "两年.xlsx")
    plan = plan_import(services, [tmp_path / "两年.xlsx"])
    got = values(plan)
    assert got[("331002", 2022, "HOSPITAL_BEDS")] == (3305, None)
    assert got[("331002", 2023, "HOSPITAL_BEDS")] == (3400, None)
    assert got[("331003", 2022, "LICENSED_DOCTORS")] == (1900, None)
    assert got[("331003", 2023, "LICENSED_DOCTORS")] == (1950, None)
    assert len(got) == 8


def test_a_name_heading_merged_over_a_category_column_and_the_names(services, tmp_path):
    """指标名称 merged across A:B, categories in A (merged down), the names in B; a unit column without a heading
    after the names is not taken for a name."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["瓯海区卫生健康主要指标"])
    ws.append(["指标名称", None, None, "2023年", "2024年"])
    ws.merge_cells("A2:B2")
    ws.append(["医疗资源", "医疗机构实有床位数", "张", 2950, 3012])
    ws.append([None, "执业（助理）医师数", "人", 1900, 1980])
    ws.append(["健康水平", "人均期望寿命", "岁", 82.5, 82.7])
    ws.append([None, "床位周转次数", "次", 30.1, 31.2])
    ws.merge_cells("A3:A4")
    ws.merge_cells("A5:A6")
    wb.save(tmp_path / "合并.xlsx")
    plan = plan_import(services, [tmp_path / "合并.xlsx"])
    assert [str(e).split("；")[0] for e in plan.errors] == ["文件 合并.xlsx，Sheet!B6：未知指标 '床位周转次数'"]
    ws.delete_rows(6)
    wb.save(tmp_path / "合并.xlsx")
    plan = plan_import(services, [tmp_path / "合并.xlsx"])
    assert values(plan) == {("330304", y, code): (v, None) for y, code, v in [
        (2023, "HOSPITAL_BEDS", 2950), (2024, "HOSPITAL_BEDS", 3012), (2023, "LICENSED_DOCTORS", 1900),
        (2024, "LICENSED_DOCTORS", 1980), (2023, "LIFE_EXPECTANCY", 82.5), (2024, "LIFE_EXPECTANCY", 82.7)]}


def test_a_wps_et_workbook_is_read_and_an_old_word_file_or_a_password_is_named(services, tmp_path):
    """WPS 表格 saves .et (the BIFF8 records of .xls); a .doc or .wps is no workbook; a password-protected
    .xlsx is a compound file holding an EncryptedPackage."""
    pytest.importorskip("xlrd")
    et = tmp_path / "温州市各县.et"
    et.write_bytes((DATA / "温州市各县_2024_两行表头.xls").read_bytes())
    plan = plan_import(services, [et])
    assert plan.ok and values(plan)[("330302", 2024, "HOSPITAL_BEDS")] == (8120, None)
    doc = tmp_path / "总结.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert "Word、WPS 文字" in str(plan_import(services, [doc]).errors[0])
    locked = tmp_path / "加密.xlsx"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "EncryptedPackage".encode("utf-16-le"))
    assert "打开密码" in str(plan_import(services, [locked]).errors[0])


def test_targets_and_values_under_each_year(services, tmp_path):
    """An assessment table: 2023年 and 2024年 merged over 目标值 | 完成值: each year's target and value."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["鹿城区卫生健康目标责任制考核指标"])
    ws.append(["指标名称", "单位", "2023年", None, "2024年", None])
    ws.append([None, None, "目标值", "完成值", "目标值", "完成值"])
    for merged in ("A2:A3", "B2:B3", "C2:D2", "E2:F2"):
        ws.merge_cells(merged)
    ws.append(["每千人口托位数", "个", 3.5, 3.6, 4.0, 4.1])
    ws.append(["家庭医生签约率", "%", 45, 46.2, 47, "四十七"])
    wb.save(tmp_path / "考核.xlsx")
    plan = plan_import(services, [tmp_path / "考核.xlsx"])
    assert [str(e) for e in plan.errors] == ["文件 考核.xlsx，Sheet!F5：数值 '四十七' 无效：不是数字"]
    ws["F5"] = 47.5
    wb.save(tmp_path / "考核.xlsx")
    plan = plan_import(services, [tmp_path / "考核.xlsx"])
    assert values(plan) == {("330302", 2023, "CHILDCARE_PLACES_PER_1000"): (3.6, None),
                            ("330302", 2024, "CHILDCARE_PLACES_PER_1000"): (4.1, None),
                            ("330302", 2023, "FAMILY_DOCTOR_RATE"): (46.2, None),
                            ("330302", 2024, "FAMILY_DOCTOR_RATE"): (47.5, None)}
    assert {(t.year, t.indicator): t.new for t in plan.targets} == {
        (2023, "CHILDCARE_PLACES_PER_1000"): 3.5, (2024, "CHILDCARE_PLACES_PER_1000"): 4.0,
        (2023, "FAMILY_DOCTOR_RATE"): 45, (2024, "FAMILY_DOCTOR_RATE"): 47}


def test_regions_named_as_offices_write_them(services, tmp_path):
    """鹿城 (no 区), 温州市龙湾区 (after its city), 洞头县 (a 区 since 2015) are found; 宁波县 is none."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["温州市2024年各县指标"])
    ws.append(["地区", "医疗机构实有床位数", "救护车数"])
    for name, beds in [("鹿城", 8120), ("温州市龙湾区", 2310), ("洞头县", 520), ("宁波县", 100)]:
        ws.append([name, beds, None])
    wb.save(tmp_path / "地名.xlsx")
    plan = plan_import(services, [tmp_path / "地名.xlsx"])
    assert [str(e).split("（")[0] for e in plan.errors] == ["文件 地名.xlsx，Sheet!A6：未知地区 '宁波县'"]
    ws.delete_rows(6)
    wb.save(tmp_path / "地名.xlsx")
    assert values(plan_import(services, [tmp_path / "地名.xlsx"])) == {
        ("330302", 2024, "HOSPITAL_BEDS"): (8120, None), ("330303", 2024, "HOSPITAL_BEDS"): (2310, None),
        ("330305", 2024, "HOSPITAL_BEDS"): (520, None)}


def test_a_heading_over_code_and_name_columns(services, tmp_path):
    """地区 merged over 代码 | 名称, 指标 over 代码 | 名称: read as 地区代码, 地区名称, 指标代码, 指标名称, so a code and
    a name that disagree are still caught."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "数据"
    ws.append(["地区", None, "年份", "指标", None, "单位", "数值"])
    ws.append(["代码", "名称", None, "代码", "名称", None, None])
    for merged in ("A1:B1", "C1:C2", "D1:E1", "F1:F2", "G1:G2"):
        ws.merge_cells(merged)
    ws.append(["330324", "永嘉县", 2024, "HOSPITAL_BEDS", "医疗机构实有床位数", "张", 4215])
    ws.append(["330324", "瑞安市", 2024, "AMBULANCES", "救护车数", "辆", 40])
    wb.save(tmp_path / "合并表头.xlsx")
    plan = plan_import(services, [tmp_path / "合并表头.xlsx"])
    assert [str(e) for e in plan.errors] == ["文件 合并表头.xlsx，数据!B4：地区名称“瑞安市”与地区代码 330324（永嘉县）不符"]
    assert plan.files[0].rows == 2  # the heading's lower row is no data row


def test_a_sheet_named_for_its_year(services, tmp_path):
    """No title: the sheets 2024年 and 2023 of counties × indicators are those years."""
    from openpyxl import Workbook

    wb = Workbook()
    for year, beds in (("2024年", 8120), ("2023", 8000)):
        ws = wb.create_sheet(year)
        ws.append(["县（市、区）", "医疗机构实有床位数", "执业（助理）医师数"])
        ws.append(["鹿城区", beds, None])
    del wb["Sheet"]
    wb.save(tmp_path / "分年.xlsx")
    plan = plan_import(services, [tmp_path / "分年.xlsx"])
    assert values(plan) == {("330302", 2024, "HOSPITAL_BEDS"): (8120, None),
                            ("330302", 2023, "HOSPITAL_BEDS"): (8000, None)}


def test_a_total_row_is_held_against_the_counties_above_it(services, tmp_path):
    """小计 against the counties since the last total, 合计 against all of them, for summed indicators only
    (a ratio's total is no sum): a difference is a notice at the total's cell, nothing is refused."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["2024年各县卫生资源"])
    ws.append(["县（市、区）", "医疗机构实有床位数（张）", "每千人口医疗机构床位数"])
    ws.append(["鹿城区", 8120, 6.01])
    ws.append(["龙湾区", 2310, 3.1])
    ws.append(["小计", 10430, 4.9])  # right
    ws.append(["定海区", 2100, 4.1])
    ws.append(["普陀区", 1700, 4.4])
    ws.append(["小计", 3900, 4.2])  # 3800: a county typed wrong, or the subtotal
    ws.append(["合计", 14230, 4.7])  # 14230 = all four
    wb.save(tmp_path / "合计核对.xlsx")
    plan = plan_import(services, [tmp_path / "合计核对.xlsx"])
    assert plan.ok and len(values(plan)) == 8
    checks = [n for n in plan.notices if "之和" in n]
    assert checks == ["文件 合计核对.xlsx，Sheet!B8：“小计”行的医疗机构实有床位数为 3900，上方 2 个县（市、区）之和为 3800，"
                      "相差 100：请核对各县的数值是否填错或漏填"]


def test_a_wide_target_table_imports_as_targets(services):
    plan = plan_import(services, [DATA / "台州市目标_2023.ods"])
    assert plan.ok, [str(e) for e in plan.errors]
    assert not plan.changes
    assert {(t.region, t.year, t.indicator): t.new for t in plan.targets} == {
        ("331002", 2023, "BEDS_PER_1000"): 5.2, ("331002", 2023, "HEALTH_LITERACY"): 38,
        ("331002", 2023, "FAMILY_DOCTOR_RATE"): 45, ("331081", 2023, "BEDS_PER_1000"): 4.8,
        ("331081", 2023, "HEALTH_LITERACY"): 36.5, ("331081", 2023, "FAMILY_DOCTOR_RATE"): 44}


def test_long_layout_by_hand_name_and_code_in_each_others_column(services):
    plan = plan_import(services, [DATA / "温岭市_2022_手填.xlsx"])
    assert plan.ok, [str(e) for e in plan.errors]
    assert values(plan) == {("331081", 2022, "HOSPITAL_BEDS"): (6150, None),
                            ("331081", 2022, "POP_RESIDENT"): (152.1, None),
                            ("331081", 2022, "LIFE_EXPECTANCY"): (81.52, "含流动人口口径")}


def test_wide_table_mistakes_are_named_by_their_cells(services):
    plan = plan_import(services, [DATA / "错误_按年份.xlsx"])
    assert [str(e) for e in plan.errors] == [
        "文件 错误_按年份.xlsx，Sheet1!C6：表格下方第 5 行是签名或注释行，其后不应再有数据（请把数据放在签名行上方）",
        "文件 错误_按年份.xlsx，Sheet1!D3：数值 '约五千' 无效：不是数字",
        "文件 错误_按年份.xlsx，Sheet1!A4：未知指标 '床位周转次数'；相近的指标：托位数、老年康复护理床位数、医疗机构实有床位数"]


def test_a_wide_table_without_its_region_says_where_to_put_it(services, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["指标名称", "2021年", "2022年"])
    ws.append(["医疗机构实有床位数", 4839, 5012])
    wb.save(tmp_path / "无地区.xlsx")
    plan = plan_import(services, [tmp_path / "无地区.xlsx"])
    assert len(plan.errors) == 1 and "Sheet!A1" in str(plan.errors[0]) and "找不到地区" in str(plan.errors[0])


def test_a_damaged_xls_and_ods_are_refused_with_the_reason(services, tmp_path):
    pytest.importorskip("xlrd")
    bad = tmp_path / "坏.xls"
    bad.write_bytes((DATA / "台州市各县_2022.xls").read_bytes()[:3000])
    plan = plan_import(services, [bad])
    assert not plan.ok and "坏.xls" in str(plan.errors[0]) and ".xls" in str(plan.errors[0])
    ods = tmp_path / "坏.ods"
    ods.write_bytes((DATA / "台州市目标_2023.ods").read_bytes()[:2000])
    plan = plan_import(services, [ods])
    assert not plan.ok and "坏.ods" in str(plan.errors[0]) and "损坏" in str(plan.errors[0])


def test_an_ods_with_an_entity_bomb_is_refused(services, tmp_path):
    import zipfile

    bomb = tmp_path / "炸弹.ods"
    with zipfile.ZipFile(bomb, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
                                  '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><x>&b;</x>')
    plan = plan_import(services, [bomb])
    assert not plan.ok and "不安全的XML" in str(plan.errors[0])


def test_each_file_its_own_unit_and_the_findings_before_anything_is_stored(services, tmp_path, cli):
    from openpyxl import load_workbook

    good = DATA / "温岭市_2022_手填.xlsx"
    blunder = DATA / "家庭医生签约人数_61200.xlsx"
    bad = DATA / "错误_按年份.xlsx"
    # a copy of the good file under another name: the same region-years again, said in one line
    again = tmp_path / "温岭市_2022_又一份.xlsx"
    load_workbook(good).save(again)
    db = services.store.path
    r = cli(db, "import", "--each", good, bad, again, "--dry-run")
    assert r.code == 1
    assert "温岭市_2022_手填.xlsx：1 个地区年度，新增 3，修改 0，未变 0，审核发现 0 条" in r.out
    assert "拒绝 错误_按年份.xlsx：3 处错误，此文件未写入任何数据" in r.out
    assert "错误_按年份.xlsx，Sheet1!D3" in r.out
    assert "拒绝 温岭市_2022_又一份.xlsx：1 处错误" in r.out and "与 温岭市_2022_手填.xlsx 重复" in r.out
    assert sum("重复" in line for line in r.out.splitlines()) == 1
    assert cli(db, "get", "331081", "2022", "--json").json()["values"] == {}  # a dry run writes nothing
    # the family-doctor blunder shows in the dry run, before it is stored
    r = cli(db, "import", blunder, "--dry-run")
    assert r.code == 0 and "审核发现 2 条（错误 2，未说明的警告 0）" in r.out
    assert "家庭医生签约人数" in r.out and "61200" in r.out
    assert cli(db, "get", "331081", "2022", "--json").json()["values"] == {}
    # for real: the good file lands, the bad one is named, exit 1
    r = cli(db, "import", "--each", good, bad)
    assert r.code == 1 and "共 2 个文件：已导入 1 个，拒绝 1 个" in r.out
    assert cli(db, "get", "331081", "2022", "--json").json()["values"]["HOSPITAL_BEDS"]["value"] == 6150
    outcomes = import_each(services, [good])
    assert outcomes[0].refused is None and outcomes[0].plan.per_file["温岭市_2022_手填.xlsx"].unchanged == 3


def test_city_template_one_sheet_per_county_with_its_targets_beside_the_values(services, tmp_path, cli):
    from openpyxl import load_workbook

    services.set_target("331081", 2023, "HOSPITAL_BEDS", 6300)
    services.set_target("331002", 2023, "BEDS_PER_1000", 5.2)
    services.set_value("331081", 2022, "HOSPITAL_BEDS", 6150)
    db = services.store.path
    out = tmp_path / "台州市_2023_模板.xlsx"
    r = cli(db, "template", "台州市", "2023", "-o", out)
    assert r.code == 0 and "9 个县（市、区）每县一表" in r.out
    wb = load_workbook(out)
    counties = [c.name for c in services.counties_of("331000")]
    assert wb.sheetnames == counties + ["说明"]
    ws = wb["温岭市"]
    head = [c.value for c in ws[1]]
    assert head[head.index("数值") + 1] == "目标值（参考）"  # the target right beside the value column
    rows = {row[4].value: row for row in ws.iter_rows(min_row=2)}
    beds = rows["HOSPITAL_BEDS"]
    assert beds[head.index("目标值（参考）")].value == 6300 and beds[head.index("上年数值")].value == 6150
    assert wb["椒江区"].cell(1, 1).value == "地区代码"
    assert {r[4].value: r[head.index("目标值（参考）")].value for r in wb["椒江区"].iter_rows(min_row=2)}[
        "BEDS_PER_1000"] == 5.2
    # the county fills its own sheet and sends the workbook back: its values come in, the targets stay as they are
    beds[head.index("数值")].value = 6320
    wb.save(tmp_path / "filled.xlsx")
    r = cli(db, "import", tmp_path / "filled.xlsx")
    assert r.code == 0 and "filled.xlsx：1 个地区年度，新增 1，修改 0，未变 0" in r.out, r.out + r.err
    assert cli(db, "get", "331081", "2023", "--json").json()["values"]["HOSPITAL_BEDS"]["value"] == 6320
    assert services.targets("331081", 2023) == {"HOSPITAL_BEDS": 6300}


def test_each_takes_one_backup_before_the_first_file_that_writes(services):
    outcomes = import_each(services, [DATA / "温岭市_2022_手填.xlsx", DATA / "台州市目标_2023.ods"])
    assert [o.refused for o in outcomes] == [None, None]
    assert outcomes[0].result.backup is not None and outcomes[1].result.backup is None
    assert outcomes[1].result.targets_written == 6


def test_names_after_qizhong_and_the_tables_numbering(services, tmp_path):
    """其中：, 1、, （二）, ④ before a name, in the rows and in a header; values written with their unit
    (81.9岁), full-width digits and thousands separators; the section rows and signature line read as nothing."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "2023年报"
    ws.append(["永嘉县2023年卫生健康主要指标统计表"])
    ws.append(["序号", "指标名称", "计量单位", "2023年"])
    for row in [("一、", "基础人口", None, None), ("1", "1、常住人口", "万人", "87.5"),
                ("", "其中：60岁及以上常住人口", "万人", "１８．２"), ("二、", "健康水平", None, None),
                ("2", "（二）人均期望寿命", "岁", "81.9岁"), ("3", "④婴儿死亡率", "‰", "2.1‰"),
                ("4", "医疗机构实有床位数", "张", "4,215")]:
        ws.append(list(row))
    ws.append([])
    ws.append(["填表人：张三", None, "审核人：李四", "填报日期：2024年1月5日"])
    wb.save(tmp_path / "永嘉县_2023.xlsx")
    plan = plan_import(services, [tmp_path / "永嘉县_2023.xlsx"])
    assert plan.ok, [str(e) for e in plan.errors]
    assert values(plan) == {("330324", 2023, "POP_RESIDENT"): (87.5, None),
                            ("330324", 2023, "POP_ELDERLY_60"): (18.2, None),
                            ("330324", 2023, "LIFE_EXPECTANCY"): (81.9, None),
                            ("330324", 2023, "INFANT_MORTALITY"): (2.1, None),
                            ("330324", 2023, "HOSPITAL_BEDS"): (4215, None)}

    wb = Workbook()
    ws = wb.active
    ws.append(["温州市2023年各县指标"])
    ws.append(["地区", "1.常住人口（万人）", "其中:60岁及以上常住人口（万人）"])
    ws.append(["永嘉县", 87.5, 18.2])
    wb.save(tmp_path / "各县.xlsx")
    plan = plan_import(services, [tmp_path / "各县.xlsx"])
    assert plan.ok, [str(e) for e in plan.errors]
    assert values(plan) == {("330324", 2023, "POP_RESIDENT"): (87.5, None),
                            ("330324", 2023, "POP_ELDERLY_60"): (18.2, None)}
    # a name that is only a number or a 其中 is no indicator: still named as unknown, with the cell
    ws.append(["永嘉县", 1, 2])
    ws["B2"] = "其中："
    wb.save(tmp_path / "各县.xlsx")
    assert not plan_import(services, [tmp_path / "各县.xlsx"]).ok


def test_one_regions_years_as_rows_and_indicators_as_columns(services, tmp_path):
    """年份 | 常住人口（万人） | 人均期望寿命（岁） …, one row per year, the region named in the title (or the sheet)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "历年"
    ws.append(["瑞安市历年卫生健康指标"])
    ws.append(["年份", "常住人口（万人）", "人均期望寿命（岁）", "每千人口医疗机构床位数（张）", "婴儿死亡率（‰）"])
    ws.append(["2021年", 153.2, 81.5, 4.6, 2.3])
    ws.append(["2022年", 153.8, 81.7, None, 2.2])
    ws.append([2023, 154.1, 81.9, 4.9, "2.0"])
    wb.save(tmp_path / "历年.xlsx")
    plan = plan_import(services, [tmp_path / "历年.xlsx"])
    assert plan.ok, [str(e) for e in plan.errors]
    got = values(plan)
    assert len(got) == 11  # 4 indicators x 3 years, less the empty cell
    assert got[("330381", 2021, "POP_RESIDENT")] == (153.2, None)
    assert got[("330381", 2022, "INFANT_MORTALITY")] == (2.2, None)
    assert got[("330381", 2023, "BEDS_PER_1000")] == (4.9, None)
    assert ("330381", 2022, "BEDS_PER_1000") not in got
    # a wrong unit is named at its header cell, a wrong year at its row's cell
    ws["C2"] = "人均期望寿命（月）"
    ws["A4"] = "二〇二二"
    wb.save(tmp_path / "历年.xlsx")
    errors = [str(e) for e in plan_import(services, [tmp_path / "历年.xlsx"]).errors]
    assert any("历年!C2" in e and "月" in e for e in errors), errors
    assert any("历年!A4" in e for e in errors), errors
    # without a region anywhere, it says where to write one
    ws["A1"] = "历年卫生健康指标"
    ws["C2"], ws["A4"] = "人均期望寿命（岁）", 2022
    wb.save(tmp_path / "历年.xlsx")
    errors = [str(e) for e in plan_import(services, [tmp_path / "历年.xlsx"]).errors]
    assert errors == ["文件 历年.xlsx，历年!A2：表格按“年份×指标”排列，但找不到地区：请加一列“地区名称”，"
                      "或在表头上方的标题中写明地区（如“温岭市卫生健康指标”），或在文件名中写明地区"], errors
    # the sheet named for the region
    ws.title = "瑞安市"
    wb.save(tmp_path / "历年.xlsx")
    assert len(values(plan_import(services, [tmp_path / "历年.xlsx"]))) == 11


def test_the_year_and_the_region_from_the_files_name_said_as_a_notice(services, tmp_path):
    """A sheet per district with no year anywhere in it, the year in the file's name; a county's table with no
    region in it, the county in the file's name. Two years in the name, or a date stamp, give none."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, pop in (("鹿城区", 95.1), ("龙湾区", 78.3)):
        ws = wb.create_sheet(name)
        ws.append(["指标", "单位", "数值"])
        ws.append(["常住人口", "万人", pop])
    wb.save(tmp_path / "温州市各区_2023年.xlsx")
    plan = plan_import(services, [tmp_path / "温州市各区_2023年.xlsx"])
    assert plan.ok, [str(e) for e in plan.errors]
    assert values(plan) == {("330302", 2023, "POP_RESIDENT"): (95.1, None),
                            ("330303", 2023, "POP_RESIDENT"): (78.3, None)}
    assert "文件 温州市各区_2023年.xlsx，鹿城区!A1：表中没有写年份，按文件名取为 2023 年，请核对" in plan.notices
    for name in ("温州市各区_2022-2023年.xlsx", "温州市各区_20240105.xlsx"):
        (tmp_path / "温州市各区_2023年.xlsx").rename(tmp_path / name)
        errors = [str(e) for e in plan_import(services, [tmp_path / name]).errors]
        assert errors and all("找不到年份" in e for e in errors), errors
        (tmp_path / name).rename(tmp_path / "温州市各区_2023年.xlsx")

    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["指标名称", "计量单位", "2023年"])
    ws.append(["常住人口", "万人", 87.5])
    wb.save(tmp_path / "永嘉县报表.xlsx")
    plan = plan_import(services, [tmp_path / "永嘉县报表.xlsx"])
    assert values(plan) == {("330324", 2023, "POP_RESIDENT"): (87.5, None)}
    assert plan.notices == ["文件 永嘉县报表.xlsx，Sheet1!A1：表中没有写地区，按文件名取为“永嘉县”，请核对"]
    # a region in the title is taken before the file's
    ws.insert_rows(1)
    ws["A1"] = "平阳县卫生健康指标"
    wb.save(tmp_path / "永嘉县报表.xlsx")
    plan = plan_import(services, [tmp_path / "永嘉县报表.xlsx"])
    assert values(plan) == {("330326", 2023, "POP_RESIDENT"): (87.5, None)} and not plan.notices


def test_a_heading_broken_over_lines_is_read_and_a_column_not_read_is_said(services, tmp_path):
    """人均期望\\n寿命（岁）, written with Alt+Enter, is the indicator with its unit; a heading that names no
    indicator (人均寿命) leaves its figures out with a notice at its cell, which quotes the heading on one line;
    序号 and 排名 are passed over quietly."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "表1"
    ws.append(["温州市2023年各县（市、区）卫生健康指标"])
    ws.append(["序号", "县（市、区）", "常住人口\n（万人）", "人均期望\n寿命（岁）", "人均寿命\n（岁）", "排名", "备注"])
    ws.append([1, "鹿城区", 95.1, 82.3, 82.3, 1, None])
    ws.append([2, "龙湾区", 78.3, "82.0 ", "82.0", 2, "初步数"])
    wb.save(tmp_path / "各县.xlsx")
    plan = plan_import(services, [tmp_path / "各县.xlsx"])
    assert plan.ok, [str(e) for e in plan.errors]
    assert values(plan) == {("330302", 2023, "POP_RESIDENT"): (95.1, None),
                            ("330302", 2023, "LIFE_EXPECTANCY"): (82.3, None),
                            ("330303", 2023, "POP_RESIDENT"): (78.3, None),
                            ("330303", 2023, "LIFE_EXPECTANCY"): (82.0, None)}
    assert plan.notices == ["文件 各县.xlsx，表1!E2：“人均寿命（岁）”不是目录中的指标，此列的数字未导入（若是指标，请按目录写名称）"]
    # the unit after the broken name is checked as any unit in brackets
    ws["D2"] = "人均期望\n寿命（月）"
    wb.save(tmp_path / "各县.xlsx")
    errors = [str(e) for e in plan_import(services, [tmp_path / "各县.xlsx"]).errors]
    assert errors and all("表1!D2" in e for e in errors), errors


def test_indicators_as_rows_and_counties_as_columns(services, tmp_path):
    """指标名称 | 单位 | 全市 | 鹿城区 | 龙湾 | …, as a city compares its counties: each county's figure from its
    column, the 全市 column passed over with a notice, a column of no known region said, the year from the title."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "对比"
    ws.append(["温州市2023年各县（市、区）主要卫生健康指标"])
    ws.append(["指标名称", "单位", "全市", "鹿城区", "龙湾", "宁波县"])
    ws.append(["一、基础人口", None, None, None, None, None])
    ws.append(["常住人口", "万人", 974.5, 95.1, 78.3, 50])
    ws.append(["人均期望寿命", "岁", 81.8, 82.3, None, 80])
    ws.append(["其中：60岁及以上常住人口", "万人", 190.1, 18.2, 12.5, 9])
    ws.append([])
    ws.append(["填表人：张三", None, "审核人：李四"])
    wb.save(tmp_path / "对比.xlsx")
    plan = plan_import(services, [tmp_path / "对比.xlsx"])
    assert plan.ok, [str(e) for e in plan.errors]
    assert values(plan) == {("330302", 2023, "POP_RESIDENT"): (95.1, None),
                            ("330302", 2023, "LIFE_EXPECTANCY"): (82.3, None),
                            ("330302", 2023, "POP_ELDERLY_60"): (18.2, None),
                            ("330303", 2023, "POP_RESIDENT"): (78.3, None),
                            ("330303", 2023, "POP_ELDERLY_60"): (12.5, None)}
    # the 全市 column of a summed indicator is held against the counties of its row, as a 合计 row is
    assert plan.notices == [
        "文件 对比.xlsx，对比!C2：“全市”是合计列，未导入：市、省的数字由程序从各县汇总",
        "文件 对比.xlsx，对比!F2：“宁波县”不是已知的地区，此列的数字未导入（若是地区，请按行政区划写名称）",
        "文件 对比.xlsx，对比!C4：“全市”列的常住人口为 974.50，同一行 2 个县（市、区）之和为 173.40，相差 801.10："
        "请核对各县的数值是否填错或漏填",
        "文件 对比.xlsx，对比!C6：“全市”列的60岁及以上常住人口为 190.10，同一行 2 个县（市、区）之和为 30.70，"
        "相差 159.40：请核对各县的数值是否填错或漏填"]
    ws["C4"], ws["C6"] = 173.4, 30.7  # totals that add up: no notice
    wb.save(tmp_path / "对比.xlsx")
    assert len(plan_import(services, [tmp_path / "对比.xlsx"]).notices) == 2
    # a wrong unit is named at its cell in the unit column, a wrong figure at its own cell
    ws["B5"] = "月"
    ws["D4"] = "九十五"
    wb.save(tmp_path / "对比.xlsx")
    errors = [str(e) for e in plan_import(services, [tmp_path / "对比.xlsx"]).errors]
    assert any("对比!D4" in e for e in errors) and any("对比!B5" in e for e in errors), errors
    # no year in the title, the sheet's name or the file's name: the error says where to put one
    ws["A1"] = "温州市各县（市、区）主要卫生健康指标"
    ws["B5"], ws["D4"] = "岁", 95.1
    wb.save(tmp_path / "对比.xlsx")
    errors = [str(e) for e in plan_import(services, [tmp_path / "对比.xlsx"]).errors]
    assert len(errors) == 1 and "对比!A2：表格按“指标×地区”排列，但找不到年份" in errors[0], errors


def test_an_unknown_region_in_one_file_does_not_spoil_the_next_files_title(services, tmp_path):
    """A miss of a region's name was kept among the regions a title is searched for: the next file whose region
    is in its title was called damaged."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "数据"
    ws.append(["地区名称", "年份", "指标名称", "数值"])
    ws.append(["宁波县", 2023, "常住人口", 50])
    wb.save(tmp_path / "1.xlsx")
    wb = Workbook()
    ws = wb.active
    ws.append(["瑞安市卫生健康指标"])
    ws.append(["指标名称", "2023年"])
    ws.append(["常住人口", 154.1])
    wb.save(tmp_path / "2.xlsx")
    plan = plan_import(services, [tmp_path / "1.xlsx", tmp_path / "2.xlsx"])
    assert [str(e).split("（")[0] for e in plan.errors] == ["文件 1.xlsx，数据!A2：未知地区 '宁波县'"]
    assert values(plan) == {("330381", 2023, "POP_RESIDENT"): (154.1, None)}


@pytest.mark.parametrize("name", ["温州市各县_合并单元格.xls", "温州市各县_合并单元格.ods", "xlsx"])
def test_a_county_merged_down_over_its_years(services, tmp_path, name):
    """Each county written once, its cell merged down over its two years: both rows are the county's. A county
    cell left empty without a merge is still named as missing; an unknown county is named at its own cell."""
    if name.endswith(".ods"):
        pytest.importorskip("defusedxml")
    if name == "xlsx":
        from openpyxl import load_workbook

        from scripts.make_exchange_fixtures import counties_merged_over_years

        path = tmp_path / "合并.xlsx"
        counties_merged_over_years(path)
    else:
        path = DATA / name
    plan = plan_import(services, [path])
    assert plan.ok, [str(e) for e in plan.errors]
    assert values(plan) == {("330302", 2022, "HOSPITAL_BEDS"): (8000, None), ("330302", 2022, "REGISTERED_NURSES"): (5000, None),
                            ("330302", 2023, "HOSPITAL_BEDS"): (8120, None), ("330302", 2023, "REGISTERED_NURSES"): (5100, None),
                            ("330303", 2022, "HOSPITAL_BEDS"): (2300, None), ("330303", 2022, "REGISTERED_NURSES"): (1500, None),
                            ("330303", 2023, "HOSPITAL_BEDS"): (2310, None), ("330303", 2023, "REGISTERED_NURSES"): (1550, None)}
    if name != "xlsx":
        return
    wb = load_workbook(path)
    ws = wb.active
    ws["A5"] = "宁波县"  # the merged cell's text, for both its rows
    ws.unmerge_cells("A3:A4")  # 鹿城区 now over 2022 only
    wb.save(path)
    errors = [str(e).split("（")[0] for e in plan_import(services, [path]).errors]
    assert errors == ["文件 合并.xlsx，两年!A4：缺少地区", "文件 合并.xlsx，两年!A5：未知地区 '宁波县'"], errors


def test_a_second_table_drawn_below_the_first_with_its_own_years(services, tmp_path):
    """表1 and 表2 on one sheet, each with its header: the second header is read as a header (its own years),
    not refused as an unknown indicator '指标名称'; errors in it name its cells."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["瑞安市卫生健康主要指标"])
    ws.append(["表1 基础人口与健康水平"])
    ws.append(["指标名称", "单位", "2022年", "2023年"])
    ws.append(["常住人口", "万人", 153.8, 154.1])
    ws.append(["人均期望寿命", "岁", 81.7, 81.9])
    ws.append([])
    ws.append(["表2 医疗资源"])
    ws.append(["指标名称", "单位", "2021年", "2022年", "2023年"])
    ws.append(["医疗机构实有床位数", "张", 6900, 7000, 7100])
    ws.append(["注册护士数", "人", 5900, 6000, "六千一"])
    wb.save(tmp_path / "两表.xlsx")
    errors = [str(e) for e in plan_import(services, [tmp_path / "两表.xlsx"]).errors]
    assert errors == ["文件 两表.xlsx，Sheet!E10：数值 '六千一' 无效：不是数字"], errors
    ws["E10"] = 6100
    wb.save(tmp_path / "两表.xlsx")
    plan = plan_import(services, [tmp_path / "两表.xlsx"])
    assert values(plan) == {("330381", y, code): (v, None) for y, code, v in [
        (2022, "POP_RESIDENT", 153.8), (2023, "POP_RESIDENT", 154.1), (2022, "LIFE_EXPECTANCY", 81.7),
        (2023, "LIFE_EXPECTANCY", 81.9), (2021, "HOSPITAL_BEDS", 6900), (2022, "HOSPITAL_BEDS", 7000),
        (2023, "HOSPITAL_BEDS", 7100), (2021, "REGISTERED_NURSES", 5900), (2022, "REGISTERED_NURSES", 6000),
        (2023, "REGISTERED_NURSES", 6100)]}


def test_units_written_in_other_words_are_the_catalogs(services, tmp_path):
    """张/千人 for a per-1000 figure, /10万 for 1/10万, 百分比 for %, 床 for 张 are read; 人 for 万人 needs
    converting and is refused at its cell."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["温州市2023年各县指标"])
    ws.append(["地区", "每千人口医疗机构床位数（张/千人）", "孕产妇死亡率（/10万）", "家庭医生签约率（百分比）",
               "医疗机构实有床位数（床）", "常住人口（人）"])
    ws.append(["鹿城区", 6.2, 0, 46.2, 8120, None])
    wb.save(tmp_path / "单位.xlsx")
    plan = plan_import(services, [tmp_path / "单位.xlsx"])
    assert plan.ok, [str(e) for e in plan.errors]
    assert values(plan) == {("330302", 2023, "BEDS_PER_1000"): (6.2, None), ("330302", 2023, "MATERNAL_MORTALITY"): (0, None),
                            ("330302", 2023, "FAMILY_DOCTOR_RATE"): (46.2, None),
                            ("330302", 2023, "HOSPITAL_BEDS"): (8120, None)}
    ws["F3"] = 951000
    wb.save(tmp_path / "单位.xlsx")
    errors = [str(e) for e in plan_import(services, [tmp_path / "单位.xlsx"]).errors]
    assert errors == ["文件 单位.xlsx，Sheet!F2：单位为“人”，但指标“常住人口”的单位是“万人”（请换算后再导入）"], errors


def test_a_statistical_report_form_with_its_form_lines_and_column_numbers(services, tmp_path):
    """A 统计报表 as offices fill it: 表号, 制定机关, 批准文号 and 有效期至 2025年12月 above the table (no title: the
    year is the 2023年度 beside 填报单位), 本年实际 | 上年同期 columns, the row of column numbers 甲 | 乙 | 丙 | 1 | 2
    under the header, the signature line below."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "卫健统1表"
    ws.append(["卫生健康主要指标年报表"])
    ws.append([None, None, None, "表    号：卫健统1表"])
    ws.append([None, None, None, "制定机关：浙江省卫生健康委员会"])
    ws.append([None, None, None, "批准文号：浙统制〔2022〕15号"])
    ws.append([None, None, None, "有效期至：2025年12月"])
    ws.append(["填报单位（盖章）：永嘉县卫生健康局", None, None, "2023年度"])
    ws.append(["指标名称", "计量单位", "代码", "本年实际", "上年同期"])
    ws.append(["甲", "乙", "丙", 1, 2])
    ws.append(["常住人口", "万人", "01", 87.5, 87.1])
    ws.append(["医疗机构实有床位数", "张", "02", 4215, 4100])
    ws.append(["单位负责人：王五", None, "填表人：张三", "报出日期：2024年1月10日"])
    wb.save(tmp_path / "年报.xlsx")
    plan = plan_import(services, [tmp_path / "年报.xlsx"])
    assert plan.ok, [str(e) for e in plan.errors]
    assert values(plan) == {("330324", 2023, "POP_RESIDENT"): (87.5, None),
                            ("330324", 2023, "HOSPITAL_BEDS"): (4215, None)}


def test_the_narrowest_place_the_titles_name_is_the_tables(services, tmp_path):
    """浙江省 in the form's title, 永嘉县 in the line of the unit that filled it: the table is 永嘉县's."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["浙江省卫生健康统计年报（2023年）"])
    ws.append(["填报单位：永嘉县卫生健康局"])
    ws.append(["指标名称", "计量单位", "本年"])
    ws.append(["常住人口", "万人", 87.5])
    wb.save(tmp_path / "年报.xlsx")
    assert values(plan_import(services, [tmp_path / "年报.xlsx"])) == {("330324", 2023, "POP_RESIDENT"): (87.5, None)}
    ws["A2"] = "填报单位：温州市卫生健康委员会"  # the city before the province
    wb.save(tmp_path / "年报.xlsx")
    assert values(plan_import(services, [tmp_path / "年报.xlsx"])) == {("330300", 2023, "POP_RESIDENT"): (87.5, None)}


def test_year_columns_headed_as_the_years_end_or_its_twelve_months(services, tmp_path):
    """2022年末 | 2023年1-12月 are the whole years; a 2023年1-6月 column is half a year and not read as 2023."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["瑞安市卫生健康主要指标"])
    ws.append(["指标名称", "单位", "2022年末", "2023年1-12月", "2024年1-6月"])
    ws.append(["医疗机构实有床位数", "张", 7000, 7100, 7150])
    wb.save(tmp_path / "年末.xlsx")
    plan = plan_import(services, [tmp_path / "年末.xlsx"])
    assert plan.ok, [str(e) for e in plan.errors]
    assert values(plan) == {("330381", 2022, "HOSPITAL_BEDS"): (7000, None), ("330381", 2023, "HOSPITAL_BEDS"): (7100, None)}
    assert plan.notices == ["文件 年末.xlsx，Sheet!E2：“2024年1-6月”不是某一年全年的数值（如半年数、增长率），此列的数字未导入"]


def test_years_written_as_dates(services, tmp_path):
    """A year heading that is a date cell of the year's first or last day (shown as 2023年) is that year; a
    half-year's date is a column not read, said in a notice; in a year column, 2025 typed into a cell formatted
    as a date (stored as day 2025, shown as 1905-07-17) is 2025, and another date is refused naming its cell."""
    import datetime as dt

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "瑞安市"
    ws.append(["指标名称", "单位", dt.datetime(2022, 1, 1), dt.datetime(2023, 12, 31), dt.datetime(2024, 6, 30)])
    for cell in ws[1][2:]:
        cell.number_format = 'yyyy"年"'
    ws.append(["医疗机构实有床位数", "张", 7000, 7100, 7150])
    ws.append(["家庭医生签约率", "%", 0.452, 0.468, 0.3])
    for cell in ws[3][2:]:
        cell.number_format = "0.0%"
    wb.save(tmp_path / "日期.xlsx")
    plan = plan_import(services, [tmp_path / "日期.xlsx"])
    assert plan.ok, [str(e) for e in plan.errors]
    assert values(plan) == {("330381", 2022, "HOSPITAL_BEDS"): (7000, None), ("330381", 2023, "HOSPITAL_BEDS"): (7100, None),
                            ("330381", 2022, "FAMILY_DOCTOR_RATE"): (45.2, None), ("330381", 2023, "FAMILY_DOCTOR_RATE"): (46.8, None)}
    assert plan.notices == ["文件 日期.xlsx，瑞安市!E1：“2024-06-30”不是某一年全年的数值（如半年数、增长率），此列的数字未导入"]

    wb = Workbook()
    ws = wb.active
    ws.title = "数据"
    ws.append(["地区名称", "年份", "指标名称", "数值"])
    ws.append(["龙湾区", dt.datetime(1905, 7, 17), "常住人口", 80.1])
    ws.append(["龙湾区", dt.date(2024, 12, 31), "常住人口", 79.9])
    ws["B2"].number_format = "yyyy"
    wb.save(tmp_path / "年份列.xlsx")
    plan = plan_import(services, [tmp_path / "年份列.xlsx"])
    assert plan.ok, [str(e) for e in plan.errors]
    assert values(plan) == {("330303", 2025, "POP_RESIDENT"): (80.1, None), ("330303", 2024, "POP_RESIDENT"): (79.9, None)}

    ws["B3"] = dt.datetime(2024, 6, 30)
    wb.save(tmp_path / "年份列.xlsx")
    plan = plan_import(services, [tmp_path / "年份列.xlsx"])
    assert [str(e) for e in plan.errors] == [
        "文件 年份列.xlsx，数据!B3：年份无效：是日期（2024-06-30）而非年份；年份应为四位数字，或某年1月1日、12月31日这样表示一年的日期"]


def test_a_figure_with_a_remark_and_a_target_written_as_a_bound(services, tmp_path):
    """80.1（初步）: the value 80.1, the remark into the note (after a note the row has); ≥45% where higher is
    better and 3‰以下 where lower is are targets of 45 and 3; each said in a notice. A bound against the
    indicator's direction, an approximate figure and a bound as a value are refused at their cells, saying so."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "数据"
    ws.append(["地区名称", "年份", "指标名称", "数值", "目标", "备注"])
    ws.append(["龙湾区", 2025, "常住人口", "80.1（初步）", None, None])
    ws.append(["龙湾区", 2025, "家庭医生签约率", 46.2, "≥45%", None])
    ws.append(["龙湾区", 2025, "婴儿死亡率", "1.8(预计)", "3‰以下", "快报数"])
    ws.append(["龙湾区", 2025, "医疗机构实有床位数", "3,912（张）", None, None])  # the unit again: no remark
    wb.save(tmp_path / "说明.xlsx")
    plan = plan_import(services, [tmp_path / "说明.xlsx"])
    assert plan.ok, [str(e) for e in plan.errors]
    assert values(plan) == {("330303", 2025, "POP_RESIDENT"): (80.1, "初步"), ("330303", 2025, "FAMILY_DOCTOR_RATE"): (46.2, None),
                            ("330303", 2025, "INFANT_MORTALITY"): (1.8, "快报数；预计"),
                            ("330303", 2025, "HOSPITAL_BEDS"): (3912, None)}
    assert {(t.indicator, t.new) for t in plan.targets} == {("FAMILY_DOCTOR_RATE", 45), ("INFANT_MORTALITY", 3)}
    assert plan.notices == ["文件 说明.xlsx，数据!D2：数值“80.1（初步）”读作 80.1，括号中的“初步”记入说明",
                            "文件 说明.xlsx，数据!E3：目标“≥45%”读作 45（该指标越高越好）",
                            "文件 说明.xlsx，数据!D4：数值“1.8(预计)”读作 1.8，括号中的“预计”记入说明",
                            "文件 说明.xlsx，数据!E4：目标“3‰以下”读作 3（该指标越低越好）"]

    ws.append(["龙湾区", 2025, "重大慢性病过早死亡率", "约8.5", "≥9%", None])
    ws.append(["龙湾区", 2025, "居民健康素养水平", "≥40%", None, None])
    wb.save(tmp_path / "说明.xlsx")
    plan = plan_import(services, [tmp_path / "说明.xlsx"])
    assert [str(e) for e in plan.errors] == [
        "文件 说明.xlsx，数据!D6：数值 '约8.5' 无效：是约数：请填写确切的数",
        "文件 说明.xlsx，数据!E6：目标 '≥9%' 无效：是下限，但重大慢性病过早死亡率越低越好，目标应是上限：请核对后只填目标数",
        "文件 说明.xlsx，数据!D7：数值 '≥40%' 无效：是一个范围，不是数值：请填写实际的数"]
