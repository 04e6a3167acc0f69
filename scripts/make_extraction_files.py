"""Make the reports of tests/data/extraction_pdf/ the way offices make theirs (run again only to change them).

A county's and a city's bulletin written in LibreOffice Writer, each with its table (a heading over two rows, 数量 over the years, the years
wrapped under their digits) saved as PDF; a year's summary saved as Word 97–2003 .doc and as RTF (an empty cell,
a cell of two paragraphs); a county table printed from LibreOffice Calc to PDF (headings wrapped in narrow
columns, centred). The committed files are what tests/test_extract_pdf_tables.py, test_extract_doc.py and
test_extract_rtf.py read: this script documents how they were made.

    .venv/bin/python scripts/make_extraction_files.py     # needs soffice (LibreOffice Writer and Calc) on PATH
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Side

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "extraction_pdf"

BULLETIN = """<html><head><meta charset="utf-8"></head><body>
<h2 align="center">永嘉县2023年卫生健康事业发展统计公报</h2>
<p>一、卫生资源。年末全县卫生资源总量继续增长，主要指标见表1。</p>
<p>表1 卫生资源情况</p>
<table border="1" cellpadding="2">
<tr><td rowspan="2">指标</td><td rowspan="2">单位</td><td colspan="2">数量</td><td rowspan="2">增长（%）</td></tr>
<tr><td>2023年</td><td>2022年</td></tr>
<tr><td>医疗卫生机构床位数</td><td>张</td><td>4215</td><td>4029</td><td>4.6</td></tr>
<tr><td>每千人口执业（助理）医师数</td><td>人</td><td>3.86</td><td>3.70</td><td>4.3</td></tr>
<tr><td>卫生技术人员</td><td>人</td><td>9876</td><td>9512</td><td>3.8</td></tr>
<tr><td>家庭医生签约服务覆盖率</td><td>%</td><td>45.2</td><td>43.9</td><td>—</td></tr>
</table>
<p>注：床位数含社区卫生服务中心（站）床位。</p>
<p>二、健康水平。全县人均期望寿命81.96岁。</p>
</body></html>
"""

# a city's bulletin with its counties' table, under a title (表1 …) long enough to run over the table's columns
CITY_BULLETIN = """<html><head><meta charset="utf-8"></head><body>
<h2 align="center">湖州市2023年卫生健康事业发展统计公报</h2>
<p>2023年，全市人均期望寿命83.11岁，每千人口医疗机构床位数6.72张。</p>
<p>表1 2023年各县区主要卫生健康指标</p>
<table border="1">
<tr><td>地区</td><td>人均期望寿命（岁）</td><td>每千人口医疗机构床位数（张）</td><td>家庭医生签约率（%）</td></tr>
<tr><td>全市</td><td>83.11</td><td>6.72</td><td>46.3</td></tr>
<tr><td>吴兴区</td><td>83.08</td><td>8.12</td><td>45.1</td></tr>
<tr><td>南浔区</td><td>82.71</td><td>5.36</td><td>44.0</td></tr>
<tr><td>德清县</td><td>83.42</td><td>5.87</td><td>47.5</td></tr>
<tr><td>长兴县</td><td>82.96</td><td>7.01</td><td>45.9</td></tr>
<tr><td>安吉县</td><td>83.25</td><td>5.64</td><td>48.2</td></tr>
</table>
<p>注：签约率按常住人口计算。</p>
</body></html>
"""

# a city's counties as columns, the indicators as rows, under a heading line of the page (no 表1) that runs over
# the table's columns
CITY_COLUMNS = """<html><head><meta charset="utf-8"></head><body>
<h2>湖州市2023年各县区卫生健康主要指标</h2>
<table border="1">
<tr><td>指标</td><td>单位</td><td>全市</td><td>吴兴区</td><td>南浔区</td><td>德清县</td><td>长兴县</td><td>安吉县</td></tr>
<tr><td>人均期望寿命</td><td>岁</td><td>83.11</td><td>83.08</td><td>82.71</td><td>83.42</td><td>82.96</td><td>83.25</td></tr>
<tr><td>每千人口医疗机构床位数</td><td>张</td><td>6.72</td><td>8.12</td><td>5.36</td><td>5.87</td><td>7.01</td><td>5.64</td></tr>
<tr><td>家庭医生签约率</td><td>%</td><td>46.3</td><td>45.1</td><td>44.0</td><td>47.5</td><td>45.9</td><td>48.2</td></tr>
</table></body></html>
"""

COUNTIES = [["鹿城区", 9870, 5120, 6210, 7.12], ["龙湾区", 3120, 1880, 2010, 4.35], ["瓯海区", 4410, 2650, 2980, 4.51],
            ["洞头区", 520, 390, 402, 3.98], ["永嘉县", 4215, 2760, 2890, 4.89]]


# the summary of a year saved as .doc: prose with figures, a table whose heading spans two rows, a cell left
# empty (no figure for 2022), a name written as two paragraphs in its cell, a note under the table
SUMMARY = """<html><head><meta charset="utf-8"></head><body>
<h2 align="center">乐清市卫生健康局2023年工作总结</h2>
<p>2023年，全市卫生健康系统坚持以人民健康为中心，各项工作取得新进展。</p>
<p>一、卫生资源持续增长。年末全市共有医疗卫生机构412个，卫生技术人员9876人。</p>
<table border="1" cellpadding="2">
<tr><td rowspan="2">指标</td><td rowspan="2">单位</td><td colspan="2">数量</td><td rowspan="2">增长（%）</td></tr>
<tr><td>2023年</td><td>2022年</td></tr>
<tr><td>医疗卫生机构床位数</td><td>张</td><td>5,320</td><td>5,102</td><td>4.3</td></tr>
<tr><td><p>每千人口执业</p><p>（助理）医师数</p></td><td>人</td><td>3.86</td><td></td><td>—</td></tr>
<tr><td>家庭医生签约服务覆盖率</td><td>%</td><td>45.2</td><td>43.9</td><td>1.3</td></tr>
</table>
<p>注：2022年每千人口执业（助理）医师数口径调整，未列。</p>
<p>二、健康水平稳步提高。全市人均期望寿命达到82.15岁。</p>
</body></html>
"""


def _county_table(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "表2"
    ws["A1"] = "温州市各县（市、区）2022年主要卫生资源"
    ws.merge_cells("A1:E1")
    ws.append([])
    ws.append(["县（市、区）", "医疗卫生机构床位数（张）", "执业（助理）医师数（人）", "注册护士数（人）", "每千人口床位数（张）"])
    for row in COUNTIES:
        ws.append(row)
    ws.cell(row=ws.max_row + 1, column=1, value="填表人：          审核人：          日期：")
    thin = Side(style="thin")
    for row in ws.iter_rows(min_row=3, max_row=3 + len(COUNTIES)):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for col, width in zip("ABCDE", (10, 9, 9, 8, 8)):
        ws.column_dimensions[col].width = width
    ws.row_dimensions[3].height = 48
    wb.save(path)


def main() -> int:
    soffice = shutil.which("soffice")
    if soffice is None:
        print("soffice (LibreOffice) is not on PATH", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "永嘉县_2023_公报.html").write_text(BULLETIN, encoding="utf-8")
        (work / "乐清市_2023_工作总结.html").write_text(SUMMARY, encoding="utf-8")
        (work / "湖州市_2023_公报.html").write_text(CITY_BULLETIN, encoding="utf-8")
        (work / "湖州市各县区_2023_主要指标.html").write_text(CITY_COLUMNS, encoding="utf-8")
        _county_table(work / "温州市各县_2022_卫生资源.xlsx")
        # the page read as a Writer document (the default, Writer/Web, starts it on a second page)
        for name, args in (("永嘉县_2023_公报.html", ["--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export"]),
                           ("湖州市_2023_公报.html", ["--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export"]),
                           ("湖州市各县区_2023_主要指标.html",
                            ["--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export"]),
                           ("乐清市_2023_工作总结.html", ["--infilter=HTML (StarWriter)", "--convert-to", "doc:MS Word 97"]),
                           ("乐清市_2023_工作总结.html", ["--infilter=HTML (StarWriter)", "--convert-to", "rtf"]),
                           ("温州市各县_2022_卫生资源.xlsx", ["--convert-to", "pdf"])):
            subprocess.run([soffice, "--headless", *args, "--outdir", str(OUT), str(work / name)],
                           check=True, capture_output=True, timeout=300)
    return 0


if __name__ == "__main__":
    sys.exit(main())
