"""Make the workbooks of tests/data/exchange/ the way offices draw them (run again only to change them).

Tables drawn by hand: a title above the header, units in brackets, section rows, signature lines and notes
below the table, percent-formatted cells; then saved by LibreOffice as .xls and .ods as an office would
("另存为"). The committed files are what the tests read: this script documents how they were made.

    .venv/bin/python scripts/make_exchange_fixtures.py          # all; needs soffice (LibreOffice) on PATH
    .venv/bin/python scripts/make_exchange_fixtures.py NAME...  # only these files
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "exchange"
SIGN = ["填报人：张三", None, "审核人：李四", None, "联系电话：0576-86123456", "日期：2023年3月1日"]


@contextlib.contextmanager
def _sheet(path: Path, title: str):
    """A new workbook of one sheet named `title`, saved to `path` once the block has filled it."""
    wb = Workbook()
    ws = wb.active
    ws.title = title
    yield ws
    wb.save(path)


def _title(ws, text: str, width: int) -> None:
    ws.append([text])
    ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=width)
    ws.cell(ws.max_row, 1).font = Font(bold=True, size=14)
    ws.cell(ws.max_row, 1).alignment = Alignment(horizontal="center")


def years_one_county(path: Path) -> None:
    """温岭市: indicators as rows, years as columns (2021年, 2022, 2023年度), the region in the title."""
    with _sheet(path, "Sheet1") as ws:
        _title(ws, "温岭市卫生健康主要指标（2021—2023年）", 6)
        ws.append(["单位：见各行"])
        ws.append(["指标名称", "计量单位", "2021年", 2022, "2023年度", "备注"])
        ws.append(["一、医疗资源"])
        ws.append(["医疗机构实有床位数", "张", 4839, 5012, 5123, None])
        ws.append(["每千人口医疗机构床位数", "张", 4.41, 4.52, "4.60", None])
        ws.append(["执业（助理）医师数", "人", "4,210", 4388, None, "2023年数据待统计局核定"])
        ws.append(["二、公共卫生"])
        ws.append(["居民健康素养水平", "%", 0.3105, 0.3386, 0.3612, None])
        for r in range(ws.max_row, ws.max_row + 1):
            for c in (3, 4, 5):
                ws.cell(r, c).number_format = "0.00%"
        ws.append(["家庭医生签约人数", "万人", 52.3, 55.1, 57.86, None])
        ws.append([])
        ws.append(["注：1. 床位数含民营医院；2. 2023年为快报数。"])
        ws.append(SIGN)


def years_two_counties(path: Path) -> None:
    """椒江区 and 黄岩区 in one sheet: a region column, indicators as rows, years as columns."""
    with _sheet(path, "报表") as ws:
        _title(ws, "台州市部分县（市、区）指标", 5)
        ws.append(["地区", "指标", "单位", "2021", "2022"])
        ws.append(["椒江区", "常住人口", "万人", 55.61, 56.02])
        ws.append(["椒江区", "医疗机构实有床位数", "张", 3120, 3305])
        ws.append(["黄岩区", "常住人口", "万人", 66.3, 66.71])
        ws.append(["黄岩区", "医疗机构实有床位数", "张", 2740, 2810])
        ws.append([])
        ws.append(["填报人：王五", None, "联系电话：0576-88001234", None, "日期：2023-02-20"])


def counties_as_rows(path: Path) -> None:
    """台州市's counties as rows, indicators as columns (units in brackets), the year in a column."""
    with _sheet(path, "各县汇总") as ws:
        _title(ws, "台州市各县（市、区）卫生健康指标汇总表", 6)
        ws.append(["序号", "地区", "年份", "常住人口（万人）", "医疗机构实有床位数（张）", "居民健康素养水平"])
        rows = [(1, "椒江区", 2022, 56.02, 3305, 0.3521), (2, "黄岩区", 2022, 66.71, 2810, 0.3344),
                (3, "331081", 2022, 152.1, 6150, 0.3386)]  # a code typed in the region column
        for r in rows:
            ws.append(list(r))
            ws.cell(ws.max_row, 6).number_format = "0.00%"
        ws.append([])
        ws.append(["说明：人口为年末常住人口。"])
        ws.append(["制表人：王五", None, "审核人：赵六", None, "日期：2023年3月10日"])


def counties_two_header_rows(path: Path) -> None:
    """温州市's counties under a header drawn over two rows: 序号 and 县（市、区） merged down, group headings
    (医疗资源, 人员, 健康水平) merged across the indicators' names; a text percent, a thousands separator, a
    dash for no value, a 合计 row written in the 序号 column, the year in the title, signature lines."""
    with _sheet(path, "2024年汇总") as ws:
        _title(ws, "温州市各县（市、区）2024年卫生健康主要指标统计表", 8)
        ws.append(["填报单位（盖章）：温州市卫生健康委员会", None, None, None, None, "单位：张、人、%"])
        ws.append(["序号", "县（市、区）", "医疗资源", None, "人员", None, "健康水平", None])
        ws.append([None, None, "医疗机构实有床位数（张）", "每千人口医疗机构床位数", "执业（助理）医师数", "注册护士数",
                   "人均期望寿命（岁）", "家庭医生签约率（%）"])
        for merged in ("A3:A4", "B3:B4", "C3:D3", "E3:F3", "G3:H3"):
            ws.merge_cells(merged)
        rows = [("鹿城区", 8120, 6.01, 4710, 5230, 83.2, "45.1%"), ("龙湾区", 2310, 3.1, 1650, 1702, 82.4, "41.0%"),
                ("瓯海区", 3012, 3.2, "1,980", 2101, 82.7, "40.2%"), ("洞头区", 520, 3.98, 301, 322, "—", "52.3%"),
                ("永嘉县", 4215, 4.98, 2760, 2905, 82.15, "43.6%")]
        for i, r in enumerate(rows, start=1):
            ws.append([i, *r])
        ws.append(["合计", None, 18177, None, 11401, 12260, None, None])
        ws.append([])
        ws.append(["填表人：", None, "审核人：", None, None, "填报日期：2025年3月10日"])


def counties_three_header_rows(path: Path) -> None:
    """丽水市's counties under a header drawn over three rows (卫生资源 › 床位 › the names; 执业（助理）医师数
    merged down over two), a row of units under the names, and a 全市合计 row."""
    with _sheet(path, "Sheet1") as ws:
        _title(ws, "丽水市2024年各县（市、区）卫生健康指标", 6)
        ws.append(["县（市、区）", "卫生资源", None, None, "健康水平", None])
        ws.append([None, "床位", None, "执业（助理）医师数"])
        ws.append([None, "医疗机构实有床位数", "每千人口医疗机构床位数", None, "人均期望寿命", "婴儿死亡率"])
        for merged in ("A2:A4", "B2:D2", "B3:C3", "D3:D4", "E2:F3"):
            ws.merge_cells(merged)
        ws.append(["单位", "张", "张", "人", "岁", "‰"])
        ws.append(["莲都区", 3400, 6.5, 2100, 82.9, 1.9])
        ws.append(["青田县", 1900, 3.9, 1250, 81.7, 2.4])
        ws.append(["全市合计", 5300, None, 3350, None, None])
        ws.append(["制表人：王五", None, "审核人：赵六"])


def targets_as_rows(path: Path) -> None:
    """A wide target table: the year in the title, counties as rows, indicators as columns."""
    with _sheet(path, "目标任务") as ws:
        _title(ws, "台州市2023年各县（市、区）主要指标目标值", 4)
        ws.append(["地区名称", "每千人口医疗机构床位数", "居民健康素养水平（%）", "家庭医生签约率（%）"])
        ws.append(["椒江区", 5.2, 38, 45])
        ws.append(["温岭市", 4.8, 36.5, 44])
        ws.append([])
        ws.append(["填报人：王五", None, "日期：2023-01-05"])


def long_by_hand(path: Path) -> None:
    """The exchange's own columns, filled by hand: a name in the code column, a code in the name column,
    a note, signature lines below."""
    with _sheet(path, "数据") as ws:
        ws.append(["温岭市 2022年卫生健康指标填报表"])
        ws.append(["地区代码", "地区名称", "年份", "指标代码", "指标名称", "单位", "数值", "说明"])
        ws.append(["温岭市", None, 2022, "HOSPITAL_BEDS", "医疗机构实有床位数", "张", 6150, None])
        ws.append([None, "331081", 2022, None, "常住人口", "万人", 152.1, None])
        ws.append(["331081", "温岭市", 2022, "LIFE_EXPECTANCY", "人均期望寿命", "岁", 81.52, "含流动人口口径"])
        ws.append([])
        ws.append(["填报人：张三", None, "审核人：李四", None, "联系电话：0576-86123456", None, "日期：2023年3月1日"])


def family_doctor_blunder(path: Path) -> None:
    """61,200 万人 signed with a family doctor in a county of 152 万: typed in 人 where the unit is 万人."""
    with _sheet(path, "数据") as ws:
        ws.append(["地区代码", "地区名称", "年份", "指标代码", "指标名称", "单位", "数值", "说明"])
        ws.append(["331081", "温岭市", 2022, "POP_RESIDENT", "常住人口", "万人", 152.1, None])
        ws.append(["331081", "温岭市", 2022, "FAMILY_DOCTOR_CONTRACTS", "家庭医生签约人数", "万人", 61200, None])


def years_with_mistakes(path: Path) -> None:
    """A wide table with mistakes whose cells the errors must name: text in a year column, an unknown
    indicator, a figure below the signature lines."""
    with _sheet(path, "Sheet1") as ws:
        _title(ws, "温岭市卫生健康主要指标", 4)
        ws.append(["指标名称", "单位", "2021年", "2022年"])
        ws.append(["医疗机构实有床位数", "张", 4839, "约五千"])
        ws.append(["床位周转次数", "次", 30.1, 31.2])
        ws.append(["填报人：张三", None, "日期：2023年3月1日"])
        ws.append(["救护车数", "辆", 41, 43])


def counties_merged_over_years(path: Path) -> None:
    """温州: each county written once, its cell merged down over its two years (2022, 2023), as offices draw it;
    the signature lines below."""
    with _sheet(path, "两年") as ws:
        _title(ws, "温州市各县（市、区）卫生资源", 4)
        ws.append(["县（市、区）", "年份", "医疗机构实有床位数（张）", "注册护士数（人）"])
        for name, beds, nurses in (("鹿城区", (8000, 8120), (5000, 5100)), ("龙湾区", (2300, 2310), (1500, 1550))):
            ws.append([name, 2022, beds[0], nurses[0]])
            ws.append([None, 2023, beds[1], nurses[1]])
            ws.merge_cells(start_row=ws.max_row - 1, start_column=1, end_row=ws.max_row, end_column=1)
            ws.cell(ws.max_row - 1, 1).alignment = Alignment(vertical="center")
        ws.append([])
        ws.append(SIGN[:4])


def main(names: list[str]) -> int:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("soffice (LibreOffice) not found: .xls and .ods cannot be made", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    plain = {"温岭市指标_按年份.xlsx": years_one_county, "温岭市_2022_手填.xlsx": long_by_hand,
             "家庭医生签约人数_61200.xlsx": family_doctor_blunder, "错误_按年份.xlsx": years_with_mistakes}
    converted = {"台州市各县_2022.xls": counties_as_rows, "椒江黄岩_按年份.xls": years_two_counties,
                 "台州市目标_2023.ods": targets_as_rows, "温岭市指标_按年份.ods": years_one_county,
                 "温州市各县_2024_两行表头.xls": counties_two_header_rows,
                 "丽水市各县_2024_三行表头.ods": counties_three_header_rows,
                 "温州市各县_合并单元格.xls": counties_merged_over_years,
                 "温州市各县_合并单元格.ods": counties_merged_over_years}
    if names:  # only these, leaving the other committed files as they are
        plain = {k: v for k, v in plain.items() if k in names}
        converted = {k: v for k, v in converted.items() if k in names}
    for name, make in plain.items():
        make(OUT / name)
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in converted.items():
            src = Path(tmp) / (Path(name).stem + ".xlsx")
            make(src)
            fmt = Path(name).suffix[1:]
            subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                            "--convert-to", fmt, "--outdir", tmp, str(src)], check=True, capture_output=True,
                           timeout=120)
            shutil.move(str(Path(tmp) / name), OUT / name)
    for p in sorted(OUT.iterdir()):
        print(p.name, p.stat().st_size)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
