"""The county comparison as a workbook: a sheet of who has reported, then one sheet per section with counties
as rows and indicators as columns (so it sorts and filters), computed rows for the parent and each city,
stats, footnotes and signature lines; frozen panes, printed landscape fit to the page width with repeated titles.
Also the status list alone (the window's county overview exports it)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from desktop.aggregate.compare import Comparison
from desktop.aggregate.service import SIMULATED_MARK, StatusReport
from desktop.domain import FLAG_NAMES, LEVEL_NAMES, STATUS_WORDS
from desktop.outputs import save_workbook
from desktop.reports.xlsx import (
    BODY_FONT,
    CENTER,
    FLAG_FILL,
    FONT_NAME,
    HEAD_FILL,
    HEAD_FONT,
    TITLE_FONT,
    WRAP,
    _print_setup,
    number_format,
    put,
    sheet_title,
    shown_decimals,
    text,
)

CITY_FILL = PatternFill("solid", fgColor="E8EEF5")
PARENT_FILL = PatternFill("solid", fgColor="D6E2F0")
STATS_FILL = PatternFill("solid", fgColor="F3F3F3")
RIGHT = Alignment(horizontal="right", vertical="center")
BOLD = Font(name=FONT_NAME, size=10, bold=True)
MARK_FONT = Font(name=FONT_NAME, size=11, bold=True, color="C00000")
STATUS_HEAD = ["县（市、区）", "代码", "所属市", "状态", "已填", "应填", "错误", "未说明警告", "提交人", "提交时间",
               "审核人", "审核时间"]
STATUS_WIDTHS = [14, 9, 10, 8, 6, 6, 6, 10, 10, 17, 10, 17]


def _time(value: str | None) -> str:
    return (value or "")[:16].replace("T", " ")


def _signature_rows(ws, row: int, prepared_by: str, date: str) -> int:
    put(ws, row, 1, f"制表人：{prepared_by or '＿＿＿＿＿＿'}", border=False)
    put(ws, row, 4, "审核人：＿＿＿＿＿＿", border=False)
    put(ws, row, 8, f"日期：{date}", border=False)
    return row + 1


def _status_sheet(ws, report: StatusReport, title: str, generated_at: str, prepared_by: str,
                  mark: str = "", names: dict[str, str] | None = None) -> None:
    names = names or {}
    put(ws, 1, 1, (f"【{mark}】" if mark else "") + title, font=TITLE_FONT, border=False)
    reported = len(report.reported)
    missing = "、".join(c.name for c in report.missing)
    line = f"已报 {reported}/{len(report.counties)}" + (f"，未报：{missing}" if missing else "")
    counts = "，".join(f"{STATUS_WORDS.get(k, k)} {v}" for k, v in report.summary.items() if v)
    put(ws, 2, 1, f"{line}（{counts}）　生成时间：{generated_at}", border=False)
    for c, h in enumerate(STATUS_HEAD, start=1):
        put(ws, 3, c, h, font=HEAD_FONT, align=CENTER, fill=HEAD_FILL)
        ws.column_dimensions[get_column_letter(c)].width = STATUS_WIDTHS[c - 1]
    row = 4
    for c in report.by_action():
        values = [c.name, c.region, names.get(c.parent or "", ""), STATUS_WORDS.get(c.status, c.status), c.filled,
                  c.total, c.errors, c.unexplained, c.submitted_by or "", _time(c.submitted_at),
                  c.approved_by or "", _time(c.approved_at)]
        for k, v in enumerate(values, start=1):
            fill = FLAG_FILL["error"] if (k == 7 and c.errors) else FLAG_FILL["warning"] if (k == 8 and c.unexplained) \
                else None
            put(ws, row, k, v, "0" if isinstance(v, int) else None, fill=fill)
        row += 1
    ws.freeze_panes = "B4"
    ws.auto_filter.ref = f"A3:{get_column_letter(len(STATUS_HEAD))}{max(row - 1, 3)}"
    _signature_rows(ws, row + 1, prepared_by, generated_at[:10])
    _print_setup(ws, title, generated_at, "3:3", landscape=True, widths=STATUS_WIDTHS)


def write_status(report: StatusReport, path: Path, generated_at: str, prepared_by: str = "",
                 simulated: bool = False, names: dict[str, str] | None = None) -> None:
    """The county overview (who has reported) as one sheet, sorted by what needs action first."""
    wb = Workbook()
    ws = wb.active
    title = f"{report.region.name} {report.year}年 各县（市、区）填报进度"
    ws.title = sheet_title("填报进度")
    _status_sheet(ws, report, title, generated_at, prepared_by, SIMULATED_MARK if simulated else "", names)
    wb.properties.title = text(title)
    wb.properties.creator = "县卫生健康指标"
    save_workbook(wb, path)


PER_SHEET = 8  # indicators on one sheet: printed fit to the width of a landscape page at a readable size


def _section_sheets(data: Comparison) -> list[tuple[str, list]]:
    """One sheet per section; a section of more than PER_SHEET indicators in parts 医疗资源（1）, （2）…"""
    sections: list[tuple[str, list]] = []
    for r in data.rows:
        if sections and sections[-1][0] == r.indicator.section:
            sections[-1][1].append(r)
        else:
            sections.append((r.indicator.section, [r]))
    out = []
    for name, rows in sections:
        parts = [rows[i:i + PER_SHEET] for i in range(0, len(rows), PER_SHEET)]
        out += [(name if len(parts) == 1 else f"{name}（{k + 1}）", part) for k, part in enumerate(parts)]
    return out


def _value(ws, row: int, col: int, r, value, note: int | None = None, fill=None, font=BODY_FONT,
           partial: bool = False):
    if value is None:
        return put(ws, row, col, "—", align=RIGHT, fill=fill, font=font)
    suffix = f" [{note}]" if note else ("*" if partial else "")
    fmt = number_format(shown_decimals(value, r.indicator.decimals), suffix=suffix)
    return put(ws, row, col, value, fmt, align=RIGHT, fill=fill, font=font)


def _comparison_sheet(ws, data: Comparison, section: str, rows: list, names: dict[str, str]) -> None:
    mark = f"【{data.simulated_mark}】" if data.simulated else ""
    title = f"{data.title}：{section}"
    put(ws, 1, 1, mark + title, font=TITLE_FONT, border=False)
    put(ws, 2, 1, f"{data.completeness_line}　生成时间：{data.generated_at}", border=False)
    put(ws, 3, 1, "“汇总”行由所辖县计算（不保存）；位次只排比率、人均、增长率、年数和得分（1为最好，仅在有效数值中排列）；"
                  "数量指标给出占合计的百分比；红底为审核错误（不排位次、不计入统计），黄底为未说明的警告，[n] 见“注”表。",
        border=False)
    fixed = ["县（市、区）", "代码", "所属市", "类型", "状态"]
    widths = [14, 8, 8, 7, 7]
    for c, h in enumerate(fixed, start=1):
        put(ws, 4, c, h, font=HEAD_FONT, align=CENTER, fill=HEAD_FILL)
    col = len(fixed) + 1
    for r in rows:
        unit = f"（{r.indicator.unit}）" if r.indicator.unit else ""
        put(ws, 4, col, f"{r.indicator.name}{unit}", font=HEAD_FONT, align=CENTER, fill=HEAD_FILL)
        put(ws, 4, col + 1, "位次" if r.comparable else "占比%", font=HEAD_FONT, align=CENTER, fill=HEAD_FILL)
        widths += [12, 6]
        col += 2
    last_col = col - 1
    for c, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = w
    longest = max(len(r.indicator.name) + len(r.indicator.unit) + 2 for r in rows)
    ws.row_dimensions[4].height = 13.5 * min(6, max(2, -(-longest * 2 // 10)) + 1)
    statuses = data.statuses
    row = 5

    def computed(label: str, kind: str, city: str, pick, fill) -> None:
        nonlocal row
        for k, v in enumerate((label, "", city, kind, ""), start=1):
            put(ws, row, k, v, font=BOLD, fill=fill)
        c = len(fixed) + 1
        for r in rows:
            got = pick(r)
            _value(ws, row, c, r, got.shown if got else None, fill=fill, font=BOLD,
                   partial=got is not None and got.partial)
            put(ws, row, c + 1, f"{got.reported}/{got.of}" if got is not None and got.method != "none" else "",
                fill=fill, align=RIGHT)
            c += 2
        row += 1

    if data.region.level != "county":
        computed(data.region.name, f"{LEVEL_NAMES[data.region.level]}汇总", "",
                 lambda r: r.parent, PARENT_FILL)
    for city, counties in data.groups:
        if city is not None:
            computed(city.name, "市汇总", city.name, lambda r, c=city.code: r.groups.get(c), CITY_FILL)
        for county in counties:
            status = statuses.get(county.code, "empty")
            for k, v in enumerate((county.name, county.code, names.get(county.parent_code or "", ""), "县",
                                   STATUS_WORDS.get(status, status)), start=1):
                put(ws, row, k, v)
            c = len(fixed) + 1
            for r in rows:
                cell = r.cells.get(county.code)
                note = data.footnote_of(county.code, r.indicator.code) if cell and cell.flag else None
                _value(ws, row, c, r, cell.value if cell else None, note,
                       FLAG_FILL.get(cell.flag) if cell and cell.flag else None)
                side = None
                if cell is not None and cell.value is not None:
                    side = cell.rank if cell.rank is not None else cell.share
                put(ws, row, c + 1, side, "0" if cell is not None and cell.rank is not None else "0.0", align=RIGHT)
                c += 2
            row += 1
    ws.auto_filter.ref = f"A4:{get_column_letter(last_col)}{row - 1}"
    ws.freeze_panes = "B5"
    row += 1
    for label, key in (("n（有效）", "n"), ("最小", "min"), ("中位数", "median"), ("最大", "max")):
        put(ws, row, 1, label, font=BOLD, fill=STATS_FILL)
        c = len(fixed) + 1
        for r in rows:
            v = r.stats.get(key)
            if key == "n":
                put(ws, row, c, v, "0", fill=STATS_FILL, align=RIGHT)
            else:
                _value(ws, row, c, r, v, fill=STATS_FILL)
            c += 2
        row += 1
    _signature_rows(ws, row + 1, data.prepared_by, data.generated_at[:10])
    _print_setup(ws, title, data.generated_at, "4:4", landscape=True, title_cols="A:A", widths=widths)


def write_comparison(data: Comparison, path: Path, progress=None, cancelled=None) -> None:
    wb = Workbook()
    names = {c.code: c.name for c, _ in data.groups if c is not None}
    names[data.region.code] = data.region.name
    first = wb.active
    first.title = "填报情况"
    _status_sheet(first, data.status, f"{data.region.name} {data.year}年 各县（市、区）填报情况", data.generated_at,
                  data.prepared_by, data.simulated_mark, names)
    sections = _section_sheets(data) if not data.empty else []
    used = {"填报情况", "注"}
    for n, (section, rows) in enumerate(sections):
        if cancelled and cancelled():
            return
        name = sheet_title(section, f"指标{n + 1}")
        while name in used:
            name = sheet_title(f"{name}{n + 1}")
        used.add(name)
        _comparison_sheet(wb.create_sheet(name), data, section, rows, names)
        if progress:
            progress(n + 1, len(sections) + 1)
    notes = wb.create_sheet("注")
    for c, (h, w) in enumerate((("注", 6), ("县（市、区）", 14), ("指标", 30), ("数值", 10), ("标记", 7), ("说明", 90)),
                               start=1):
        put(notes, 1, c, h, font=HEAD_FONT, align=CENTER, fill=HEAD_FILL)
        notes.column_dimensions[get_column_letter(c)].width = w
    for i, f in enumerate(data.footnotes, start=2):
        cell = next(r for r in data.rows if r.indicator.code == f.indicator.code).cells[f.county.code]
        for c, v in enumerate((f"[{f.number}]", f.county.name, f.indicator.name, cell.value, FLAG_NAMES[f.flag],
                               f.message), start=1):
            put(notes, i, c, v, number_format(shown_decimals(v, f.indicator.decimals)) if c == 4 else None,
                align=WRAP if c == 6 else None, fill=FLAG_FILL[f.flag] if c == 5 else None)
    if not data.footnotes:
        put(notes, 2, 1, "没有标记的数值。", border=False)
    _print_setup(notes, data.title + " 注", data.generated_at, "1:1", landscape=True, widths=[6, 14, 30, 10, 7, 90])
    if data.empty:
        put(first, 2, 8, f"{data.region.name}及所辖各县 {data.year}年尚无任何指标数值，本报告没有可对比的数据。",
            font=MARK_FONT, border=False)
    wb.properties.title = text(data.title)
    wb.properties.creator = "县卫生健康指标"
    save_workbook(wb, path)
