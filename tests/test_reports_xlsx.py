"""Reports as Excel: real numbers with formats, frozen panes, print setup, findings and trend charts,
sheet names Excel accepts, formula injection, and LibreOffice converting the workbook."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from desktop.reports import write_report
from desktop.reports.xlsx import sheet_title
from test_reports import LONGWAN, LUCHENG, WENLING, WENZHOU, seed, set_status  # noqa: F401


@pytest.fixture
def seeded(services):
    seed(services)
    return services


def find_row(ws, name, col=1):
    for row in ws.iter_rows(min_row=1):
        if row[col - 1].value == name:
            return row
    raise AssertionError(f"{name} not in {ws.title}")


def test_summary_workbook_numbers_formats_and_layout(seeded, tmp_path):
    seeded.set_note(WENLING, 2021, "POP_RESIDENT", "=HYPERLINK(\"http://x\") 人口普查后口径调整")
    wb = load_workbook(write_report(seeded, WENLING, 2021, tmp_path / "r.xlsx"))
    assert wb.sheetnames[1:] == ["审核结果", "趋势"]
    ws = wb.worksheets[0]
    assert ws["A1"].value == "温岭市 2021年 卫生健康指标汇总"
    assert [c.value for c in ws[3]][:8] == ["指标", "单位", "本年", "上年", "增减", "增减%", "目标", "达标"]
    life = find_row(ws, "人均期望寿命")
    assert [c.value for c in life[:8]] == ["人均期望寿命", "岁", 79.65, 79.4, pytest.approx(0.25),
                                           pytest.approx(0.31), 79, "是"]
    assert life[2].number_format == "0.00" and life[2].data_type == "n"
    assert "2019年" in life[3].number_format  # the prior's year shown, the cell still a number
    beds = find_row(ws, "医疗机构实有床位数")
    assert beds[2].value == 4839 and beds[2].number_format == "0"  # no thousands separator
    assert "2019年" not in beds[3].number_format
    assert find_row(ws, "每千人口医疗机构床位数")[8].value == "警告"
    assert find_row(ws, "中医药健康文化素养水平")[8].value == "错误"
    pop = find_row(ws, "常住人口")
    assert pop[9].value.startswith("=HYPERLINK") and pop[9].data_type == "s"  # text, never a formula
    assert ws.freeze_panes == "B4"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.print_title_rows.replace("$", "") == "1:3"
    assert "&P" in ws.oddFooter.right.text and "&N" in ws.oddFooter.right.text
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(t.startswith("填报人") for t in texts) and "单位盖章" in texts


def test_findings_and_trend_charts(seeded, tmp_path):
    wb = load_workbook(write_report(seeded, WENLING, 2021, tmp_path / "r.xlsx"))
    ws = wb["审核结果"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    beds = next(r for r in rows if r[1] == "每千人口医疗机构床位数" and r[2] == "同比")
    assert beds[0] == "警告" and "7.50" in beds[3]
    beds_row = next(r for r in ws.iter_rows(min_row=2) if r[1].value == "每千人口医疗机构床位数" and r[2].value == "同比")
    assert beds_row[4].value == 7.5 and beds_row[4].number_format == "0.00"
    lit = next(r for r in rows if r[1] == "居民健康素养水平" and r[2] == "同比")
    assert lit[7] == "是" and lit[8].startswith("S&P <img src=")  # explained, the note travels along
    assert ws.freeze_panes == "A2"
    tr = wb["趋势"]
    assert [c.value for c in tr[1]] == ["指标", "单位", "2017年", "2018年", "2019年", "2020年", "2021年"]
    life = find_row(tr, "人均期望寿命")
    assert [c.value for c in life[2:]] == [78.9, 79.1, 79.4, None, 79.65]
    assert life[2].number_format == "0.00"
    charts = tr._charts
    assert len(charts) == tr.max_row - 1 >= 5
    assert all(type(c).__name__ == "LineChart" for c in charts)


def test_comparison_workbook(seeded, tmp_path):
    wb = load_workbook(write_report(seeded, WENZHOU, 2021, tmp_path / "c.xlsx"))
    assert wb.sheetnames[0] == "填报情况" and wb.sheetnames[-1] == "注" and "健康水平" in wb.sheetnames
    status = wb["填报情况"]
    assert status["A1"].value == "温州市 2021年 各县（市、区）填报情况"
    assert status["A2"].value.startswith("已报 3/12，未报：洞头区")
    assert status["A4"].value == "洞头区" and status["D4"].value == "未填报"  # what needs action first
    ws = wb["健康水平"]
    assert ws["A1"].value == "温州市 2021年 各县（市、区）卫生健康指标对比：健康水平"
    assert [ws.cell(4, c).value for c in range(1, 8)] == ["县（市、区）", "代码", "所属市", "类型", "状态",
                                                         "人均期望寿命（岁）", "位次"]
    city = ws[5]
    assert (city[0].value, city[3].value, city[5].value) == ("温州市", "市汇总", 81.9)
    life = find_row(ws, "鹿城区")
    assert (life[5].value, life[6].value) == (82.1, 1) and life[5].data_type == "n"
    assert life[5].number_format == "0.00"
    longwan = find_row(ws, "龙湾区")
    assert (longwan[5].value, longwan[6].value, longwan[7].value, longwan[8].value) == (81.5, 3, 8.7, 1)
    dongtou = find_row(ws, "洞头区")
    assert dongtou[4].value == "未填报" and dongtou[5].value == "—"
    assert ws.freeze_panes == "B5" and ws.auto_filter.ref.startswith("A4:")
    assert ws.print_title_rows.replace("$", "") == "4:4"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    beds = find_row(wb["医疗资源（1）"], "鹿城区")
    header = [c.value for c in wb["医疗资源（1）"][4]]
    k = header.index("医疗机构实有床位数（张）")
    assert beds[k].value == 12034 and header[k + 1] == "占比%"
    assert beds[k + 1].value == pytest.approx(12034 / 16014 * 100)
    assert any("制表人" in str(c.value) for row in ws.iter_rows() for c in row if c.value)


@pytest.mark.parametrize("name, expected", [
    ("温岭市2021年汇总", "温岭市2021年汇总"),
    ("a[b]:c*d?e/f\\g", "a_b__c_d_e_f_g"),
    ("'引号'", "引号"),
    ("History", "报表"),
    ("很" * 40, "很" * 31),
    ("𠀀" * 20, "𠀀" * 15),
    ("\x01\x02", "报表"),
])
def test_sheet_titles_excel_accepts(name, expected):
    assert sheet_title(name) == expected


def test_odd_region_names_give_valid_workbook(seeded, tmp_path):
    from desktop.db import repo
    from desktop.domain import Region

    odd = "S&P [测试]:区/县*?'很长的名字很长的名字很长的名字很长的名字\x07"
    with seeded.store.write() as db:
        repo.upsert_regions(db, [Region(LUCHENG, odd, "county", WENZHOU)])
    seeded._regions_cache = None
    for code in (LUCHENG, WENZHOU):
        wb = load_workbook(write_report(seeded, code, 2021, tmp_path / f"{code}.xlsx"))
        ws = wb.worksheets[0]
        assert len(ws.title) <= 31 and not set("[]:*?/\\") & set(ws.title)
    assert "S&P [测试]:区/县*?'" in load_workbook(tmp_path / f"{LUCHENG}.xlsx").worksheets[0]["A1"].value


def test_empty_region_year_workbook_says_so(seeded, tmp_path):
    ws = load_workbook(write_report(seeded, "330305", 2021, tmp_path / "e.xlsx")).worksheets[0]
    assert "尚无任何指标数值" in ws["A4"].value


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_converts_the_workbooks(seeded, tmp_path):
    set_status(seeded, WENLING, 2021, [("王五", "submitted"), ("赵六", "approved")])
    books = [write_report(seeded, WENLING, 2021, tmp_path / "wl.xlsx"),
             write_report(seeded, WENZHOU, 2021, tmp_path / "wz.xlsx")]
    profile = (tmp_path / "lo-profile").as_uri()  # own profile: other soffice runs do not collide
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path / "out"), *map(str, books)], capture_output=True, timeout=180,
                   check=True)
    wl = subprocess.run(["pdftotext", "-layout", str(tmp_path / "out" / "wl.pdf"), "-"], capture_output=True,
                        text=True, check=True).stdout
    assert "温岭市 2021年 卫生健康指标汇总" in wl and "已审核" in wl
    assert "79.40(2019年)" in wl.replace("（", "(").replace("）", ")") and "4839" in wl
    assert "赵六" in wl
    wz = subprocess.run(["pdftotext", "-layout", str(tmp_path / "out" / "wz.pdf"), "-"], capture_output=True,
                        text=True, check=True).stdout
    assert "各县（市、区）卫生健康指标对比" in wz and "鹿城区" in wz and "龙港市" in wz


def test_a_fraction_of_a_whole_count_shows_as_stored_not_rounded(services, tmp_path):
    # 12.5 ambulances is a format error the report must show as typed: with the count's format "0" Excel prints 13
    services.set_value(LUCHENG, 2020, "AMBULANCES", 10)
    services.set_value(LUCHENG, 2021, "AMBULANCES", 12.5)
    services.set_value(LONGWAN, 2021, "AMBULANCES", 7.25)
    wb = load_workbook(write_report(services, LUCHENG, 2021, tmp_path / "r.xlsx"))
    amb = find_row(wb.worksheets[0], "救护车数")
    assert amb[2].value == 12.5 and amb[2].number_format == "0.0"
    assert amb[3].number_format == "0"
    trend = find_row(wb["趋势"], "救护车数")
    assert [c.number_format for c in trend[2:] if c.value is not None] == ["0", "0.0"]
    cmp = load_workbook(write_report(services, WENZHOU, 2021, tmp_path / "c.xlsx"))["医疗资源（2）"]
    k = [c.value for c in cmp[4]].index("救护车数（辆）")
    lucheng, longwan = find_row(cmp, "鹿城区")[k], find_row(cmp, "龙湾区")[k]
    assert (lucheng.value, longwan.value) == (12.5, 7.25)
    # shown as stored, with the footnote of the format error after the number
    assert lucheng.number_format.startswith('0.0"') and longwan.number_format.startswith('0.00"')
