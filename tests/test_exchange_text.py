"""Tables saved as text (desktop.exchange.texttable): CSV in UTF-8 or GBK, tab-separated .txt, a .csv renamed
.xls as statistics systems export it; and web pages saved as .xls (desktop.exchange.htmltable), their merged
cells as merges. Read by the same layouts as a sheet, errors named by the file's cells."""

from __future__ import annotations

import pytest

from desktop.errors import AppError
from desktop.exchange import import_files, plan_import


def values(plan) -> dict:
    return {(c.region, c.year, c.indicator): c.value for c in plan.changes}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_the_exchange_columns_in_a_csv_of_each_encoding_an_office_writes(services, tmp_path, encoding):
    path = tmp_path / "上报.csv"
    path.write_text("地区代码,地区名称,年份,指标名称,数值,说明\n"
                    "330302,鹿城区,2023,常住人口,95.1,\n"
                    '330302,鹿城区,2023年,医疗机构实有床位数,"8,120",含民营医院\n'
                    "330302,鹿城区,2023,家庭医生签约率,46.2%,\n", encoding=encoding)
    plan = plan_import(services, [path])
    assert plan.ok, [str(e) for e in plan.errors]
    assert values(plan) == {("330302", 2023, "POP_RESIDENT"): 95.1, ("330302", 2023, "HOSPITAL_BEDS"): 8120,
                            ("330302", 2023, "FAMILY_DOCTOR_RATE"): 46.2}
    assert {c.indicator: c.note for c in plan.changes}["HOSPITAL_BEDS"] == "含民营医院"


def test_a_tab_separated_table_of_counties_under_a_title(services, tmp_path):
    """A title line, then counties × indicators with units in brackets: the year from the title, the region of
    each row; a wrong figure is named at its row and column as Excel would show them."""
    path = tmp_path / "各县.txt"
    path.write_text("温州市2023年各县指标\n"
                    "县（市、区）\t常住人口（万人）\t人均期望寿命（岁）\n"
                    "鹿城区\t95.1\t82.3\n"
                    "龙湾\t78.3\t82.0\n", encoding="gb18030")
    plan = plan_import(services, [path])
    assert plan.ok, [str(e) for e in plan.errors]
    assert values(plan) == {("330302", 2023, "POP_RESIDENT"): 95.1, ("330302", 2023, "LIFE_EXPECTANCY"): 82.3,
                            ("330303", 2023, "POP_RESIDENT"): 78.3, ("330303", 2023, "LIFE_EXPECTANCY"): 82.0}
    path.write_text(path.read_text(encoding="gb18030").replace("82.0", "八十二"), encoding="gb18030")
    errors = [str(e) for e in plan_import(services, [path]).errors]
    assert len(errors) == 1 and errors[0].startswith("文件 各县.txt，各县!C4：数值 '八十二' 无效"), errors


def test_a_csv_renamed_xls_is_read_and_the_import_commits(services, tmp_path):
    path = tmp_path / "导出.xls"  # what some systems' 导出Excel writes
    path.write_bytes("地区名称,年份,指标名称,数值\n瑞安市,2023,常住人口,154.1\n".encode("gb18030"))
    import_files(services, [path])
    assert services.get_region_year("330381", 2023).values["POP_RESIDENT"].value == 154.1


def test_a_text_that_is_no_table_or_no_known_encoding_is_refused_with_the_reason(services, tmp_path):
    path = tmp_path / "乱码.csv"
    path.write_bytes(b"\xff\xfe\x00" + bytes(range(1, 40)) * 3)
    plan = plan_import(services, [path])
    assert not plan.ok and "乱码.csv" in str(plan.errors[0]), [str(e) for e in plan.errors]
    path = tmp_path / "通知.csv"
    path.write_text("各县卫生健康局：\n请于3月1日前报送。\n", encoding="utf-8")
    plan = plan_import(services, [path])
    assert not plan.ok and "找不到数据表" in str(plan.errors[0])
    with pytest.raises(AppError):
        import_files(services, [path])
    assert services.get_region_year("330381", 2023).values == {}


def test_a_field_too_long_for_a_cell_is_refused_before_anything_is_stored(services, tmp_path):
    path = tmp_path / "长.csv"
    path.write_text("地区名称,年份,指标名称,数值,说明\n瑞安市,2023,常住人口,154.1," + "长" * 40_000 + "\n",
                    encoding="utf-8")
    plan = plan_import(services, [path])
    assert not plan.ok and "长.csv" in str(plan.errors[0]) and "32767" in str(plan.errors[0]), plan.errors


EXPORTED_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>
<body><table border=1>
<tr><td colspan=4 align=center><b>温州市2023年各县（市、区）卫生资源</b></td></tr>
<tr><td rowspan=2>县（市、区）</td><td rowspan=2>年份</td><td colspan=2>医疗资源</td></tr>
<tr><td>医疗机构实有床位数（张）</td><td>注册护士数（人）</td></tr>
<tr><td rowspan=2>鹿城区</td><td>2022</td><td>8,000</td><td>5000</td></tr>
<tr><td>2023</td><td>8120</td><td>5100</td></tr>
<tr><td rowspan=2>龙湾区</td><td>2022</td><td>2300</td><td>1500</td></tr>
<tr><td>2023</td><td>2310</td><td>@</td></tr>
<tr><td colspan=4>填报人：张三&nbsp;&nbsp;审核人：李四</td></tr>
</table></body></html>"""


def test_a_web_page_saved_as_xls_with_its_merged_cells(services, tmp_path):
    """The 导出.xls of a statistics system: GBK HTML, a title spanning the table, a header over two rows (rowspan,
    a group heading's colspan), each county spanning its two years; every county-year read, and a wrong figure
    named at the cell Excel shows it in."""
    path = tmp_path / "导出.xls"
    path.write_bytes(EXPORTED_PAGE.replace("@", "1550").encode("gb18030"))
    plan = plan_import(services, [path])
    assert plan.ok, [str(e) for e in plan.errors]
    assert values(plan) == {("330302", 2022, "HOSPITAL_BEDS"): 8000, ("330302", 2022, "REGISTERED_NURSES"): 5000,
                            ("330302", 2023, "HOSPITAL_BEDS"): 8120, ("330302", 2023, "REGISTERED_NURSES"): 5100,
                            ("330303", 2022, "HOSPITAL_BEDS"): 2300, ("330303", 2022, "REGISTERED_NURSES"): 1500,
                            ("330303", 2023, "HOSPITAL_BEDS"): 2310, ("330303", 2023, "REGISTERED_NURSES"): 1550}
    path.write_bytes(EXPORTED_PAGE.replace("@", "约1550").encode("gb18030"))
    errors = [str(e) for e in plan_import(services, [path]).errors]
    assert len(errors) == 1 and errors[0].startswith("文件 导出.xls，导出!D7：数值 '约1550' 无效"), errors


def test_a_page_of_two_tables_and_a_page_of_none(services, tmp_path):
    page = ("<html><meta charset='utf-8'><body><p>说明</p>"
            "<table><tr><td>地区名称</td><td>年份</td><td>指标名称</td><td>数值</td></tr>"
            "<tr><td>瑞安市</td><td>2023</td><td>常住人口</td><td>154.1</td></tr></table>"
            "<table><tr><td>地区名称</td><td>年份</td><td>指标名称</td><td>数值</td></tr>"
            "<tr><td>鹿城区</td><td>2023</td><td>常住人口</td><td>九十五</td></tr></table></body></html>")
    path = tmp_path / "两表.html"
    path.write_text(page, encoding="utf-8")
    errors = [str(e) for e in plan_import(services, [path]).errors]
    assert errors == ["文件 两表.html，两表_表2!D2：数值 '九十五' 无效：不是数字"], errors
    path.write_text(page.replace("九十五", "95.1"), encoding="utf-8")
    assert values(plan_import(services, [path])) == {("330381", 2023, "POP_RESIDENT"): 154.1,
                                                     ("330302", 2023, "POP_RESIDENT"): 95.1}
    path.write_text("<html><body><p>没有表格</p></body></html>", encoding="utf-8")
    plan = plan_import(services, [path])
    assert [str(e) for e in plan.errors] == [
        "文件 两表.html：这是网页（HTML）文件，其中没有表格；请在 Excel 中打开并另存为 .xlsx 后再导入"]


def test_a_page_whose_spans_would_cover_millions_of_cells_is_refused(services, tmp_path):
    path = tmp_path / "巨.xls"
    cells = "".join('<td rowspan="1000" colspan="1000">x</td>' for _ in range(3))
    path.write_text(f"<html><body><table><tr>{cells}</tr><tr><td>1</td></tr></table></body></html>",
                    encoding="utf-8")
    plan = plan_import(services, [path])
    assert not plan.ok and "单元格" in str(plan.errors[0]) and "巨.xls" in str(plan.errors[0])


XML_SPREADSHEET = """<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Styles><Style ss:ID="Default"/><Style ss:ID="pct"><NumberFormat ss:Format="0.0%"/></Style></Styles>
 <Worksheet ss:Name="2023年">
  <Table>
   <Row><Cell ss:MergeAcross="3"><Data ss:Type="String">温州市各县（市、区）指标</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">县（市、区）</Data></Cell><Cell><Data ss:Type="String">年份</Data></Cell>
    <Cell><Data ss:Type="String">常住人口（万人）</Data></Cell><Cell><Data ss:Type="String">家庭医生签约率</Data></Cell></Row>
   <Row><Cell ss:MergeDown="1"><Data ss:Type="String">鹿城区</Data></Cell><Cell><Data ss:Type="Number">2022</Data></Cell>
    <Cell><Data ss:Type="Number">94.8</Data></Cell><Cell ss:StyleID="pct"><Data ss:Type="Number">0.451</Data></Cell></Row>
   <Row><Cell ss:Index="2"><Data ss:Type="Number">2023</Data></Cell><Cell><Data ss:Type="Number">95.1</Data></Cell>
    <Cell ss:StyleID="pct"><Data ss:Type="Number">0.462</Data></Cell></Row>
   <Row ss:Index="6"><Cell><Data ss:Type="String">龙湾区</Data></Cell><Cell><Data ss:Type="Number">2023</Data></Cell>
    <Cell><Data ss:Type="Number">@</Data></Cell><Cell><Data ss:Type="String">45.1%</Data></Cell></Row>
  </Table>
 </Worksheet>
</Workbook>"""


def test_an_excel_2003_xml_spreadsheet(services, tmp_path):
    """SpreadsheetML under an .xls name: percent styles, a county merged down over its years (ss:MergeDown), a
    row and a cell placed by ss:Index; the year-less sheet named 2023年 is no matter, the rows carry years."""
    path = tmp_path / "导出.xls"
    path.write_text(XML_SPREADSHEET.replace("@", "78.3"), encoding="utf-8")
    plan = plan_import(services, [path])
    assert plan.ok, [str(e) for e in plan.errors]
    assert values(plan) == {("330302", 2022, "POP_RESIDENT"): 94.8, ("330302", 2022, "FAMILY_DOCTOR_RATE"): 45.1,
                            ("330302", 2023, "POP_RESIDENT"): 95.1, ("330302", 2023, "FAMILY_DOCTOR_RATE"): 46.2,
                            ("330303", 2023, "POP_RESIDENT"): 78.3, ("330303", 2023, "FAMILY_DOCTOR_RATE"): 45.1}
    path.write_text(XML_SPREADSHEET.replace('<Data ss:Type="Number">@</Data>', '<Data ss:Type="String">约78</Data>'),
                    encoding="utf-8")
    errors = [str(e) for e in plan_import(services, [path]).errors]
    assert len(errors) == 1 and errors[0].startswith("文件 导出.xls，2023年!C6：数值 '约78' 无效"), errors


def test_an_xml_spreadsheet_with_an_entity_is_refused(services, tmp_path):
    path = tmp_path / "炸弹.xml"
    bomb = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    path.write_text(XML_SPREADSHEET.replace("@", "&b;").replace('<?mso-application progid="Excel.Sheet"?>', bomb),
                    encoding="utf-8")
    plan = plan_import(services, [path])
    assert not plan.ok and "不安全的XML" in str(plan.errors[0]), [str(e) for e in plan.errors]


def test_the_region_and_year_of_a_csv_from_its_name_are_said(services, tmp_path):
    path = tmp_path / "永嘉县_2023年.csv"
    path.write_text("指标名称,数值\n常住人口,87.5\n", encoding="utf-8")
    plan = plan_import(services, [path])
    assert values(plan) == {("330324", 2023, "POP_RESIDENT"): 87.5}
    assert plan.notices == ["文件 永嘉县_2023年.csv，永嘉县_2023年!A1：表中没有写地区，按文件名取为“永嘉县”，请核对",
                            "文件 永嘉县_2023年.csv，永嘉县_2023年!A1：表中没有写年份，按文件名取为 2023 年，请核对"]


def test_a_page_of_a_million_tables_is_refused_before_it_fills_memory(services, tmp_path):
    path = tmp_path / "表格炸弹.xls"
    path.write_text("<html><body>" + "<table>" * 60 + "</body></html>", encoding="utf-8")
    plan = plan_import(services, [path])
    assert not plan.ok and "嵌套过深" in str(plan.errors[0]), [str(e) for e in plan.errors]
    path.write_text("<html><body>" + "<table><tr><td>1</td></tr></table>" * 20_000 + "</body></html>",
                    encoding="utf-8")
    plan = plan_import(services, [path])
    assert not plan.ok and "表格过多" in str(plan.errors[0]), [str(e) for e in plan.errors]


def test_overlapping_merges_of_a_hostile_sheet_stop_at_the_limit():
    """100,000 ranges each merging 10,000 rows of the region column (10^9 cells): the ranges followed stop once
    MAX_COVERED cells are, and the rows under the first still get its text."""
    from desktop.exchange import layouts

    rows = [(1, [(1, "地区", False), (2, "年份", False), (3, "指标名称", False), (4, "数值", False)]),
            (2, [(1, "瑞安市", False), (2, 2023, False), (3, "常住人口", False), (4, 1, False)]),
            (3, [(2, 2023, False), (3, "常住人口", False), (4, 2, False)])]
    pulled = []

    class Ranges(list):
        def __getitem__(self, index):
            def each():
                for _ in range(100_000):
                    pulled.append(1)
                    yield (2, 1, 10_001, 1)
            return each()

    table = layouts.read_table("数据", "data", iter(rows), lambda t: t == "常住人口", lambda t: None,
                               merged=lambda: Ranges())
    assert [r["region_name"].value for _i, r in table.rows] == ["瑞安市", "瑞安市"]
    assert len(pulled) == layouts.MAX_COVERED // 10_000 + 1  # 51 of the 100,000
