"""The Excel writer (openpyxl): lays out ReportData (the comparison: compare_xlsx.py) as real numbers with number formats,
frozen panes, A4 print setup with repeated title rows and native line charts. Nothing computed here."""

from __future__ import annotations

import math
import re
from copy import copy
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import LineChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from desktop.domain import RULE_NAMES, SEVERITY_NAMES, plain_number
from desktop.outputs import save_workbook
from desktop.reports.data import ReportData
from desktop.reports.years import axis_range

FONT_NAME = "宋体"
TITLE_FONT = Font(name=FONT_NAME, size=14, bold=True)
HEAD_FONT = Font(name=FONT_NAME, size=10, bold=True)
BODY_FONT = Font(name=FONT_NAME, size=10)
SECTION_FONT = Font(name=FONT_NAME, size=11, bold=True)
HEAD_FILL = PatternFill("solid", fgColor="DDE6F0")
SECTION_FILL = PatternFill("solid", fgColor="EEF2F6")
FLAG_FILL = {"error": PatternFill("solid", fgColor="F8D0D0"), "warning": PatternFill("solid", fgColor="FFF0B0")}
_thin = Side(style="thin", color="808080")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="center", wrap_text=True)
_SHEET_BAD = re.compile(r"[\[\]:*?/\\\x00-\x1f]")


def sheet_title(text: str, fallback: str = "报表") -> str:
    """A sheet name Excel accepts: no []:*?/\\, no leading/trailing apostrophe, at most 31 characters,
    not the reserved 'History'."""
    name = _SHEET_BAD.sub("_", ILLEGAL_CHARACTERS_RE.sub("", text)).strip().strip("'").strip()
    # Excel counts UTF-16 code units: a character outside the BMP takes two of the 31.
    out, units = [], 0
    for ch in name:
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > 31:
            break
        out.append(ch)
    name = "".join(out).rstrip().rstrip("'")
    if not name or name.lower() == "history":
        return fallback
    return name


def text(value: str) -> str:
    """Cell text without the control characters the file format cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def put(ws, row: int, col: int, value, fmt: str | None = None, font=BODY_FONT, align=None, fill=None,
        border=True):
    """Write one cell. Text is always text (a leading = + - @ never becomes a formula); numbers stay numbers.

    A combination of styles is resolved once per workbook and then copied as openpyxl's style array:
    assigning Font/Border objects cell by cell costs a lookup each and doubled the time of a large sheet."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = text(value)
        cell.data_type = "s"
    else:
        cell.value = value
    cache = ws.parent.__dict__.setdefault("_report_styles", {})
    key = (fmt, id(font), id(align), id(fill), border)
    hit = cache.get(key)
    if hit is not None:
        # shared, not copied: cells of a report are styled once, here, and never restyled in place
        # (openpyxl replaces a cell's style array on assignment, it does not mutate a shared one)
        cell._style = hit[0]
        return cell
    if fmt:
        cell.number_format = fmt
    if font is not None:
        cell.font = font
    if align is not None:
        cell.alignment = align
    if fill is not None:
        cell.fill = fill
    if border:
        cell.border = BORDER
    cache[key] = (copy(cell._style), font, align, fill)  # the objects kept alive: their ids stay theirs
    return cell


def _lines(value: str, width: float) -> int:
    """How many lines a wrapped cell of this column width needs (a CJK character takes two width units):
    neither openpyxl nor LibreOffice fits row heights to wrapped text, so the writer sets them."""
    units = sum(2.0 if ord(ch) > 0x2E80 else 1.1 for ch in value)
    return max(1, -(-int(units) // max(int(width) - 1, 1)))


def shown_decimals(value, decimals: int) -> int:
    """The indicator's decimals, or as many as a stored fraction of a whole count has (a format error shown as
    stored, as the PDF and the form show it: 12.5 beds must not print as 13)."""
    if decimals == 0 and isinstance(value, float) and math.isfinite(value) and value != int(value):
        text = plain_number(value)
        return len(text.split(".", 1)[1]) if "." in text else 0
    return decimals


def number_format(decimals: int, signed: bool = False, suffix: str = "") -> str:
    base = "0" + ("." + "0" * decimals if decimals > 0 else "")
    if suffix:
        base += f'"{suffix}"'
    if signed:
        return f"+{base};-{base};{base}"
    return base


def _footer_text(value: str) -> str:
    return text(value).replace("&", "&&")


def _print_setup(ws, title: str, generated_at: str, title_rows: str, landscape: bool = False,
                 title_cols: str | None = None, widths: list[float] | None = None) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    if widths:
        # all columns on the width of one page, as many pages down as the rows need
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = title_rows
    if title_cols:
        ws.print_title_cols = title_cols
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.oddFooter.left.text = _footer_text(f"{title}  生成时间：{generated_at}")
    ws.oddFooter.left.size = 8
    ws.oddFooter.right.text = "第 &P 页 / 共 &N 页"
    ws.oddFooter.right.size = 8


# ---- county-year summary ------------------------------------------------------------------------

SUMMARY_HEAD = ["指标", "单位", "本年", "上年", "增减", "增减%", "目标", "达标", "审核", "说明"]
SUMMARY_WIDTHS = [36, 7, 10, 15, 9, 9, 9, 5, 6, 30]


def _summary_sheet(ws, data: ReportData) -> None:
    ncol = len(SUMMARY_HEAD)
    put(ws, 1, 1, ("【演示数据·模拟】" if data.simulated else "") + data.title, font=TITLE_FONT, border=False)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol - 2)
    put(ws, 1, ncol - 1, data.status_name, font=Font(name=FONT_NAME, size=14, bold=True, color="C00000"),
        align=CENTER)
    ws.merge_cells(start_row=1, start_column=ncol - 1, end_row=1, end_column=ncol)
    put(ws, 2, 1, f"地区：{data.region.name}（{data.region.code}）  年份：{data.year}  状态：{data.status_name}  "
                  f"生成时间：{data.generated_at}", border=False)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ncol)
    for c, (head, width) in enumerate(zip(SUMMARY_HEAD, SUMMARY_WIDTHS), start=1):
        put(ws, 3, c, head, font=HEAD_FONT, align=CENTER, fill=HEAD_FILL)
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = "B4"
    row = 4
    if data.empty:
        put(ws, row, 1, f"{data.region.name} {data.year}年尚无任何指标数值，本报告没有可汇总的数据。",
            font=SECTION_FONT, border=False)
        row += 1
    for section in data.sections if not data.empty else []:
        put(ws, row, 1, section.name, font=SECTION_FONT, fill=SECTION_FILL)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncol)
        row += 1
        for r in section.rows:
            ind = r.indicator
            fmt = number_format(ind.decimals)
            fill = FLAG_FILL.get(r.flag)
            put(ws, row, 1, ind.name, align=WRAP, fill=fill)
            put(ws, row, 2, ind.unit, align=CENTER, fill=fill)
            if r.value is None and r.absent:  # left empty on purpose: said in words
                put(ws, row, 3, r.absent, align=CENTER, fill=fill)
            else:
                put(ws, row, 3, r.value, number_format(shown_decimals(r.value, ind.decimals)), fill=fill)
            prior = r.prior.value if r.prior else None
            prior_fmt = number_format(shown_decimals(prior, ind.decimals),
                                      suffix=f"（{r.prior.year}年）" if r.prior_is_gap else "")
            put(ws, row, 4, prior, prior_fmt, fill=fill)
            put(ws, row, 5, r.change, number_format(shown_decimals(r.change, ind.decimals), signed=True), fill=fill)
            put(ws, row, 6, r.change_pct, number_format(2, signed=True), fill=fill)
            put(ws, row, 7, r.target, fmt, fill=fill)
            put(ws, row, 8, None if r.met is None else ("是" if r.met else "否"), align=CENTER, fill=fill)
            put(ws, row, 9, SEVERITY_NAMES.get(r.flag, "") if r.flag else None, align=CENTER, fill=fill)
            put(ws, row, 10, r.note or None, align=WRAP, fill=fill)
            lines = max(_lines(ind.name, SUMMARY_WIDTHS[0]), _lines(r.note, SUMMARY_WIDTHS[-1]) if r.note else 1)
            if lines > 1:
                ws.row_dimensions[row].height = 14 * lines
            row += 1
    row += 1
    if not data.empty and data.missing:
        line = f"本年未填报的指标（{len(data.missing)}项）：" + "、".join(i.name for i in data.missing)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncol)
        put(ws, row, 1, line, align=Alignment(vertical="top", wrap_text=True), border=False)
        ws.row_dimensions[row].height = 14 * _lines(line, sum(SUMMARY_WIDTHS))
        row += 2
    s = data.signatures
    for label, value, label2, value2 in (("填报人", s.clerk, "审核人", s.supervisor),
                                         ("单位负责人", "", "日期", s.date)):
        put(ws, row, 1, f"{label}：{value}", border=False)
        put(ws, row, 3, f"{label2}：{value2}", border=False)
        ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=6)
        ws.row_dimensions[row].height = 30
        row += 1
    put(ws, row - 2, 8, "单位盖章", align=Alignment(horizontal="center", vertical="bottom"),
        font=Font(name=FONT_NAME, size=10, color="999999"))
    ws.merge_cells(start_row=row - 2, start_column=8, end_row=row + 1, end_column=10)
    if data.audit_head:
        put(ws, row + 2, 1, f"审计链头：{data.audit_head}", border=False,
            font=Font(name=FONT_NAME, size=8))
    if data.digest:
        put(ws, row + 3, 1, f"本年度数据摘要：{data.digest}（核对：verify {data.region.code} {data.year} --digest 摘要）",
            border=False, font=Font(name=FONT_NAME, size=8))
    _print_setup(ws, ("演示数据·模拟  " if data.simulated else "") + data.title, data.generated_at, "1:3",
                 landscape=True, widths=SUMMARY_WIDTHS)


def _findings_sheet(ws, data: ReportData) -> None:
    head = ["级别", "指标", "规则", "审核意见", "数值", "参照值", "参照年份", "已说明", "说明"]
    widths = [8, 30, 12, 60, 12, 12, 10, 8, 40]
    for c, (h, w) in enumerate(zip(head, widths), start=1):
        put(ws, 1, c, h, font=HEAD_FONT, align=CENTER, fill=HEAD_FILL)
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = "A2"
    if data.validation_note:
        put(ws, 2, 1, data.validation_note, border=False)
    elif not data.findings:
        put(ws, 2, 1, "未发现问题。", border=False)
    for i, rf in enumerate(data.findings, start=2):
        f = rf.finding
        fill = None if f.cleared else FLAG_FILL.get(f.severity)
        put(ws, i, 1, SEVERITY_NAMES.get(f.severity, f.severity), align=CENTER, fill=fill)
        put(ws, i, 2, rf.indicator_name, align=WRAP)
        put(ws, i, 3, RULE_NAMES.get(f.rule, f.rule))  # the sheet is read by clerks: 同比, not yoy
        put(ws, i, 4, f.message, align=WRAP)
        put(ws, i, 5, f.value, number_format(shown_decimals(f.value, rf.decimals)))
        put(ws, i, 6, f.reference, number_format(shown_decimals(f.reference, rf.decimals)))
        put(ws, i, 7, f.reference_year, "0")
        put(ws, i, 8, "是" if f.cleared else None, align=CENTER)
        put(ws, i, 9, rf.note or None, align=WRAP)
        lines = max(_lines(f.message, widths[3]), _lines(rf.note, widths[8]), _lines(rf.indicator_name, widths[1]))
        if lines > 1:
            ws.row_dimensions[i].height = 14 * lines
    _print_setup(ws, data.title + " 审核结果", data.generated_at, "1:1", landscape=True, widths=widths)


def _chart_title(value: str):
    from openpyxl.chart.text import RichText, Text
    from openpyxl.chart.title import Title
    from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties, RegularTextRun

    props = CharacterProperties(sz=1000, b=False)
    para = Paragraph(pPr=ParagraphProperties(defRPr=props), r=[RegularTextRun(rPr=props, t=text(value))])
    return Title(tx=Text(rich=RichText(p=[para])), overlay=False)


def _trends_sheet(ws, data: ReportData) -> None:
    years = data.trend_years
    put(ws, 1, 1, "指标", font=HEAD_FONT, align=CENTER, fill=HEAD_FILL)
    put(ws, 1, 2, "单位", font=HEAD_FONT, align=CENTER, fill=HEAD_FILL)
    for c, y in enumerate(years, start=3):
        put(ws, 1, c, f"{y}年", font=HEAD_FONT, align=CENTER, fill=HEAD_FILL)
        ws.column_dimensions[get_column_letter(c)].width = 10
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 8
    ws.freeze_panes = "C2"
    if not data.trends:
        put(ws, 2, 1, "近五年不足两年有数值的指标，没有趋势可画。", border=False)
    last_col = 2 + len(years)
    chart_col = last_col + 2
    for i, t in enumerate(data.trends):
        row = 2 + i
        by_year = dict(t.points)
        put(ws, row, 1, t.indicator.name, align=WRAP)
        put(ws, row, 2, t.indicator.unit, align=CENTER)
        for c, y in enumerate(years, start=3):
            v = by_year.get(y)
            put(ws, row, c, v, number_format(shown_decimals(v, t.indicator.decimals)))
        chart = LineChart()
        chart.title = _chart_title(f"{t.indicator.name}（{t.indicator.unit}）")
        chart.legend = None
        chart.height, chart.width = 5.5, 9
        chart.y_axis.numFmt = number_format(t.indicator.decimals)
        chart.y_axis.scaling.min, chart.y_axis.scaling.max = axis_range([v for _, v in t.points])
        chart.y_axis.delete = False
        chart.x_axis.delete = False
        chart.add_data(Reference(ws, min_col=3, max_col=last_col, min_row=row, max_row=row), from_rows=True,
                       titles_from_data=False)
        chart.set_categories(Reference(ws, min_col=3, max_col=last_col, min_row=1, max_row=1))
        chart.series[0].marker.symbol = "circle"
        chart.series[0].smooth = False
        chart.display_blanks = "span"  # a year without a value is bridged, as in the PDF: not two lone dots
        anchor_col = chart_col + (i % 2) * 6
        anchor_row = 2 + (i // 2) * 12
        ws.add_chart(chart, f"{get_column_letter(anchor_col)}{anchor_row}")
    _print_setup(ws, data.title + " 近五年趋势", data.generated_at, "1:1", landscape=True,
                 widths=[30, 8] + [10] * len(years) + ([9 * 2 * 6] if data.trends else []))


def write_summary(data: ReportData, path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title(f"{data.region.name}{data.year}年汇总", "汇总")
    _summary_sheet(ws, data)
    _findings_sheet(wb.create_sheet("审核结果"), data)
    _trends_sheet(wb.create_sheet("趋势"), data)
    wb.properties.title = text(data.title)
    wb.properties.creator = "县卫生健康指标"
    save_workbook(wb, path)


# ---- county comparison ---------------------------------------------------------------------------


# ---- a region over years -------------------------------------------------------------------------------

def write_years(data, path: Path) -> None:
    """The region over its years (desktop.reports.years.YearsData): a sheet of figures per year, then the change
    from the year before and in percent; a sheet of line charts whose value axis starts where the data do."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title(f"{data.region.name}{data.years[0]}-{data.years[-1]}", "逐年")
    mark = "【演示数据·模拟】" if data.simulated else ""
    put(ws, 1, 1, mark + data.title, font=TITLE_FONT, border=False)
    sub = f"地区：{data.region.name}（{data.region.code}）  生成时间：{data.generated_at}"
    if data.computed:
        sub += "  数值由所辖县（市、区）汇总计算（不保存），* 表示部分县未报  已报：" + "，".join(
            f"{y}年 {r}/{n}" for y, (r, n) in data.completeness.items())
    put(ws, 2, 1, sub, border=False)
    years = data.years
    heads = ["指标", "单位", *[f"{y}年" for y in years], *[f"{y}年增减" for y in years[1:]],
             *[f"{y}年增减%" for y in years[1:]]]
    for c, h in enumerate(heads, start=1):
        put(ws, 3, c, h, font=HEAD_FONT, align=CENTER, fill=HEAD_FILL)
    widths = [30, 8] + [10] * len(years) + [9] * (2 * (len(years) - 1))
    for c, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = "C4"
    row = 4
    chart_rows = []
    n = len(years)
    for _, rows in data.sections:
        for r in rows:
            ind = r.indicator
            put(ws, row, 1, ind.name, align=WRAP)
            put(ws, row, 2, ind.unit, align=CENTER)
            for k, cell in enumerate(r.cells):
                fmt = number_format(shown_decimals(cell.value, ind.decimals), suffix="*" if cell.partial else "")
                put(ws, row, 3 + k, cell.value, fmt)
                if k:
                    put(ws, row, 2 + n + k, cell.change, number_format(ind.decimals, signed=True))
                    put(ws, row, 1 + 2 * n + k, cell.change_pct, number_format(2, signed=True))
            if len(r.points) >= 2:
                chart_rows.append((row, r))
            row += 1
    _print_setup(ws, data.title, data.generated_at, "3:3", landscape=True, title_cols="A:B", widths=widths)
    charts = wb.create_sheet("趋势")
    put(charts, 1, 1, mark + data.title + " 趋势", font=TITLE_FONT, border=False)
    for i, (source_row, r) in enumerate(chart_rows):
        chart = LineChart()
        chart.title = _chart_title(f"{r.indicator.name}（{r.indicator.unit}）")
        chart.legend = None
        chart.height, chart.width = 5.5, 9
        chart.y_axis.numFmt = number_format(r.indicator.decimals)
        lo, hi = axis_range([v for _, v in r.points])
        chart.y_axis.scaling.min, chart.y_axis.scaling.max = lo, hi
        chart.y_axis.delete = False
        chart.x_axis.delete = False
        chart.add_data(Reference(ws, min_col=3, max_col=2 + n, min_row=source_row, max_row=source_row), from_rows=True,
                       titles_from_data=False)
        chart.set_categories(Reference(ws, min_col=3, max_col=2 + n, min_row=3, max_row=3))
        chart.series[0].marker.symbol = "circle"
        chart.series[0].smooth = False
        chart.display_blanks = "span"
        charts.add_chart(chart, f"{get_column_letter(1 + (i % 3) * 6)}{3 + (i // 3) * 12}")
    _print_setup(charts, data.title + " 趋势", data.generated_at, "1:1", landscape=True, widths=[9 * 3 * 6])
    put(ws, row + 1, 1, f"制表人：{data.prepared_by}", border=False)
    put(ws, row + 1, 3, "审核人：＿＿＿＿＿＿", border=False)
    put(ws, row + 1, 6, f"日期：{data.generated_at[:10]}", border=False)
    wb.properties.title = text(data.title)
    wb.properties.creator = "县卫生健康指标"
    save_workbook(wb, path)
