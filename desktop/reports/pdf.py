"""The PDF writer (reportlab platypus): lays out ReportData, nothing computed here (the county comparison:
compare_pdf.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from desktop.domain import FLAG_NAMES, SEVERITY_NAMES
from desktop.reports.data import ReportData, Row
from desktop.reports.fonts import MAIN_FONT, Glyphs, covered, register
from desktop.reports.years import YearsData, axis_range

STAMP_COLORS = {"draft": colors.HexColor("#777777"), "submitted": colors.HexColor("#1f5fbf"),
                "returned": colors.HexColor("#c06000"), "approved": colors.HexColor("#c00000")}
FLAG_FILL = {"error": colors.HexColor("#f8d0d0"), "warning": colors.HexColor("#fff0b0")}
HEAD_FILL = colors.HexColor("#dde6f0")
GRID = colors.HexColor("#808080")
MARGIN = 15 * mm


def _styles() -> dict[str, ParagraphStyle]:
    base = dict(fontName=MAIN_FONT, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", fontSize=16, leading=22, alignment=1, spaceAfter=4, **base),
        "sub": ParagraphStyle("sub", fontSize=9, leading=13, alignment=1, textColor=colors.HexColor("#444444"),
                              **base),
        "h2": ParagraphStyle("h2", fontSize=11.5, leading=16, spaceBefore=8, spaceAfter=4, keepWithNext=1, **base),
        "body": ParagraphStyle("body", fontSize=9, leading=13, **base),
        "cell": ParagraphStyle("cell", fontSize=8.5, leading=10.5, **base),
        "small": ParagraphStyle("small", fontSize=7.5, leading=9.5, **base),
        "head": ParagraphStyle("head", fontSize=8, leading=10, alignment=1, **base),
    }


def _canvas_class(footer_left: str, stamp: tuple[str, colors.Color] | None,
                  sections: list[tuple[str, tuple | None]] | None = None):
    """A canvas that knows the page count when it saves: page X / Y, generation time, the status stamp.
    With `sections` [(footer, stamp)], pages are numbered within each section a SectionMark opens (the
    merged PDF of many county summaries: each county its own X / Y and its stamp on its first page)."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            which = [state.get("_section", 0) for state in self._pages]
            for page, state in enumerate(self._pages):
                self.__dict__.update(state)
                k = which[page]
                number = page - which.index(k) + 1
                foot, mark = sections[k] if sections else (footer_left, stamp)
                self._decorate(number, which.count(k), foot, mark)
                super().showPage()
            super().save()

        def _decorate(self, number: int, total: int, footer: str, stamp) -> None:
            width, height = self._pagesize
            self.saveState()
            self.setFont(MAIN_FONT, 8)
            self.setFillColor(colors.HexColor("#555555"))
            self.drawString(MARGIN, 8 * mm, footer)
            self.drawRightString(width - MARGIN, 8 * mm, f"第 {number} 页 / 共 {total} 页")
            if stamp and number == 1:
                text, color = stamp
                self.setStrokeColor(color)
                self.setFillColor(color)
                self.setLineWidth(2)
                # in the top margin, above the title (a long title ran under it when it sat on the first line)
                self.translate(width - MARGIN - 30 * mm, height - MARGIN + 1.5 * mm)
                self.rotate(3)
                self.roundRect(0, 0, 28 * mm, 9 * mm, 2 * mm, stroke=1, fill=0)
                self.setFont(MAIN_FONT, 14)
                self.drawCentredString(14 * mm, 2.6 * mm, text)
            self.restoreState()

    return NumberedCanvas


class Sparkline(Flowable):
    """A small line chart of up to five years with its title, drawn straight on the canvas: one path for
    the line, one for the markers, one text object for the labels (cheap: a report may hold 56 of them)."""

    TITLE_H = 11

    def __init__(self, title: str, points: list[tuple[int, float]], years: list[int],
                 fmt: Callable[[float], str], width: float, height: float, hollow=frozenset()):
        super().__init__()
        self.title, self.points, self.years, self.fmt = title, points, years, fmt
        self.width, self.height = width, height
        self.hollow = frozenset(hollow)  # years drawn as an open marker: a sum over fewer than all counties

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        c = self.canv
        left, right, bottom, top = 14, self.width - 14, 12, self.height - self.TITLE_H - 9
        values = [v for _, v in self.points]
        lo, hi = axis_range(values)
        if hi == lo:
            lo, hi = lo - 1, hi + 1
        n = len(self.years)
        index = {y: i for i, y in enumerate(self.years)}

        def x_of(year):
            return left + (right - left) * (index[year] / max(n - 1, 1))

        def y_of(v):
            return bottom + (top - bottom) * (v - lo) / (hi - lo)

        c.setStrokeColor(colors.HexColor("#bbbbbb"))
        c.setLineWidth(0.5)
        c.line(left, bottom, right, bottom)
        c.setStrokeColor(colors.HexColor("#1f5fbf"))
        c.setFillColor(colors.HexColor("#1f5fbf"))
        c.setLineWidth(1.2)
        line, marks, open_marks = c.beginPath(), c.beginPath(), c.beginPath()
        for i, (y, v) in enumerate(self.points):
            x, yy = x_of(y), y_of(v)
            (line.lineTo if i else line.moveTo)(x, yy)
            (open_marks if y in self.hollow else marks).rect(x - 1.5, yy - 1.5, 3, 3)
        c.drawPath(line, stroke=1, fill=0)
        c.drawPath(marks, stroke=0, fill=1)
        if self.hollow:
            c.setFillColor(colors.white)
            c.setLineWidth(0.8)
            c.drawPath(open_marks, stroke=1, fill=1)
            c.setFillColor(colors.HexColor("#1f5fbf"))
        text = c.beginText()
        text.setFont(MAIN_FONT, 6)
        for y, v in self.points:
            label = self.fmt(v)
            text.setTextOrigin(x_of(y) - stringWidth(label, MAIN_FONT, 6) / 2, y_of(v) + 3)
            text.textOut(label)
        text.setFillColor(colors.HexColor("#555555"))
        text.setFont(MAIN_FONT, 5)
        for v, yy in ((lo, bottom), (hi, top)):  # where the axis starts and ends: not always at zero
            text.setTextOrigin(0, yy - 2)
            text.textOut(f"{v:g}")
        text.setFont(MAIN_FONT, 6)
        for y in self.years:
            text.setTextOrigin(x_of(y) - stringWidth(str(y), MAIN_FONT, 6) / 2, 3)
            text.textOut(str(y))
        text.setFillColor(colors.black)
        text.setFont(MAIN_FONT, 7.5)
        text.setTextOrigin(2, self.height - self.TITLE_H + 2)
        text.textOut(self.title)
        c.drawText(text)


def _signed(value: float | None, decimals: int) -> str:
    if value is None:
        return ""
    text = f"{value:+.{decimals}f}"
    return text[1:] if float(text) == 0 else text


class _Cells:
    """Text for table cells: a plain string when it fits and the main font has every character (twice as
    fast to lay out), else a wrapping, escaped Paragraph."""

    def __init__(self, glyphs: Glyphs, style: ParagraphStyle):
        self.glyphs, self.style = glyphs, style

    def __call__(self, text: str, width: float):
        if covered(text) and "\n" not in text and \
                stringWidth(text, MAIN_FONT, self.style.fontSize) <= width - 6:
            return text
        return Paragraph(self.glyphs.markup(text), self.style)


def _doc(path: Path, pagesize, title: str) -> SimpleDocTemplate:
    return SimpleDocTemplate(str(path), pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN,
                             topMargin=MARGIN, bottomMargin=MARGIN + 4 * mm, title=title,
                             author="县卫生健康指标", initialFontName=MAIN_FONT, initialFontSize=9)


# ---- county-year summary ---------------------------------------------------------------------------

SUMMARY_HEAD = ["指标", "单位", "本年", "上年", "增减", "增减%", "目标", "达标"]
SUMMARY_WIDTHS = [142, 38, 54, 78, 52, 48, 54, 34]


def _summary_row(row: Row, cells: _Cells, glyphs: Glyphs) -> list:
    ind = row.indicator
    flag = FLAG_NAMES.get(row.flag)  # an info finding gets no mark
    name = ind.name + (f"［{flag}］" if flag else "")
    prior = ""
    if row.prior is not None:
        prior = ind.format(row.prior.value)
        if row.prior_is_gap:
            one_line = f"{prior}({row.prior.year}年)"
            fits = stringWidth(one_line, MAIN_FONT, 8.5) <= SUMMARY_WIDTHS[3] - 6
            prior = one_line if fits else f"{prior}\n({row.prior.year}年)"
    met = "" if row.met is None else ("是" if row.met else "否")
    pct = row.change_pct
    value = row.absent if row.value is None and row.absent else ind.format(row.value)
    return [cells(name, SUMMARY_WIDTHS[0]), glyphs.plain(ind.unit), value, prior,
            _signed(row.change, ind.decimals), "" if pct is None else _signed(pct, 2),
            ind.format(row.target), met]


def _section_table(rows: list[Row], cells: _Cells, glyphs: Glyphs, styles) -> Table:
    data = [SUMMARY_HEAD] + [_summary_row(r, cells, glyphs) for r in rows]
    style = [
        ("FONTNAME", (0, 0), (-1, -1), MAIN_FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("LEADING", (0, 0), (-1, -1), 10.5),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
        ("ALIGN", (1, 1), (1, -1), "CENTER"),
        ("ALIGN", (-1, 1), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for i, r in enumerate(rows, start=1):
        if r.flag in FLAG_FILL:
            style.append(("BACKGROUND", (0, i), (-1, i), FLAG_FILL[r.flag]))
        if r.met is False:
            style.append(("TEXTCOLOR", (-1, i), (-1, i), colors.HexColor("#c00000")))
    return Table(data, colWidths=SUMMARY_WIDTHS, repeatRows=1, style=TableStyle(style))


def _findings_table(data: ReportData, glyphs: Glyphs, styles) -> Table:
    p = styles["cell"]
    cells = _Cells(glyphs, p)
    rows = [["级别", "指标", "审核意见", "说明"]]
    fills = []
    for i, rf in enumerate(data.findings, start=1):
        f = rf.finding
        level = SEVERITY_NAMES.get(f.severity, f.severity) + ("\n（已说明）" if f.cleared else "")
        rows.append([level, cells(rf.indicator_name, 110), cells(f.message, 216), cells(rf.note, 120) if rf.note else ""])
        if f.severity in FLAG_FILL and not f.cleared:
            fills.append(("BACKGROUND", (0, i), (0, i), FLAG_FILL[f.severity]))
    style = [("FONTNAME", (0, 0), (-1, -1), MAIN_FONT), ("FONTSIZE", (0, 0), (-1, -1), 8.5),
             ("LEADING", (0, 0), (-1, -1), 10.5), ("GRID", (0, 0), (-1, -1), 0.4, GRID),
             ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL), ("ALIGN", (0, 0), (-1, 0), "CENTER"),
             ("ALIGN", (0, 1), (0, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), *fills]
    return Table(rows, colWidths=[54, 110, 216, 120], repeatRows=1, style=TableStyle(style))


def _trend_grid(data, glyphs: Glyphs, styles, per_row: int = 3, cell_w: float = 166) -> Table:
    """Sparklines of data.trends (rows with .indicator and .points) over data.trend_years, per_row to a line."""
    cells = []
    for t in data.trends:
        ind = t.indicator
        label = f"{ind.name}（{ind.unit}）"
        if covered(label) and stringWidth(label, MAIN_FONT, 7.5) <= cell_w - 10:
            cells.append(Sparkline(label, t.points, data.trend_years, ind.format, cell_w - 10, 73,
                                   getattr(t, "partial_years", ())))
        else:  # wraps, or needs the fallback font: a Paragraph above an untitled chart
            cells.append([Paragraph(glyphs.markup(label), styles["small"]),
                          Sparkline("", t.points, data.trend_years, ind.format, cell_w - 10, 62,
                                    getattr(t, "partial_years", ()))])
    rows = [cells[i:i + per_row] for i in range(0, len(cells), per_row)]
    rows[-1] += [""] * (per_row - len(rows[-1]))
    return Table(rows, colWidths=[cell_w] * per_row, style=TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), MAIN_FONT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BOX", (0, 0), (-1, -1), 0.4, GRID),
        ("INNERGRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#cccccc")),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))


def _signature_block(data: ReportData, glyphs: Glyphs, styles) -> list:
    s = data.signatures
    line = "＿" * 8

    def field(label, value):
        return Paragraph(f"{label}：" + (f"<u>{glyphs.markup(value)}</u>" if value else line), styles["body"])

    stamp = Table([["单位盖章"]], colWidths=[42 * mm], rowHeights=[30 * mm], style=TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), MAIN_FONT), ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("TEXTCOLOR", (0, 0), (-1, -1), colors.HexColor("#999999")),
        ("BOX", (0, 0), (-1, -1), 0.6, colors.HexColor("#999999")),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
    grid = Table([[field("填报人", s.clerk), field("审核人", s.supervisor), stamp],
                  [field("单位负责人", ""), field("日期", s.date), ""]],
                 colWidths=[150, 150, 48 * mm], rowHeights=[15 * mm, 15 * mm],
                 style=TableStyle([("FONTNAME", (0, 0), (-1, -1), MAIN_FONT), ("SPAN", (2, 0), (2, 1)), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                   ("ALIGN", (2, 0), (2, -1), "RIGHT")]))
    out = [Paragraph("签字", styles["h2"]), grid]
    if data.audit_head:
        out.append(Paragraph(f"审计链头：{data.audit_head}", styles["small"]))
    if data.digest:
        out.append(Paragraph(f"本年度数据摘要：{data.digest}（核对：verify {data.region.code} {data.year} "
                             f"--digest 摘要）", styles["small"]))
    return [KeepTogether(out)]


def summary_story(data: ReportData, glyphs: Glyphs) -> list:
    styles = _styles()
    cells = _Cells(glyphs, styles["cell"])
    story: list = [Paragraph(glyphs.markup(("【演示数据·模拟】" if data.simulated else "") + data.title), styles["title"]),
                   Paragraph(glyphs.markup(f"地区：{data.region.name}（{data.region.code}）　年份：{data.year}"
                                           f"　状态：{data.status_name}　生成时间：{data.generated_at}"),
                             styles["sub"]), Spacer(1, 6)]
    if data.empty:
        story.append(Paragraph(glyphs.markup(f"{data.region.name} {data.year}年尚无任何指标数值，本报告没有可汇总的数据。"),
                               styles["h2"]))
    for section in data.sections if not data.empty else []:
        story.append(Paragraph(glyphs.markup(section.name), styles["h2"]))
        story.append(_section_table(section.rows, cells, glyphs, styles))
    if not data.empty and data.missing:
        story.append(Spacer(1, 6))
        names = "、".join(i.name for i in data.missing)
        story.append(Paragraph(glyphs.markup(f"本年未填报的指标（{len(data.missing)}项）：{names}"),
                               styles["small"]))
    story.append(Paragraph("审核结果", styles["h2"]))
    if data.validation_note:
        story.append(Paragraph(glyphs.markup(data.validation_note), styles["body"]))
    elif data.findings:
        story.append(_findings_table(data, glyphs, styles))
    else:
        story.append(Paragraph("未发现问题。", styles["body"]))
    if data.notes and not data.empty:
        story.append(Paragraph("填报说明", styles["h2"]))
        for r in data.notes:
            story.append(Paragraph(glyphs.markup(f"{r.indicator.name}：{r.note}"), styles["body"]))
    if data.trends:
        story.append(Paragraph(f"近五年趋势（{data.trend_years[0]}–{data.year}年）", styles["h2"]))
        story.append(_trend_grid(data, glyphs, styles))
    story += _signature_block(data, glyphs, styles)
    return story


class SectionMark(Flowable):
    """Opens section `index` of a merged PDF where it is drawn (see _canvas_class)."""

    def __init__(self, index: int):
        super().__init__()
        self.index = index
        self.width = self.height = 0

    def wrap(self, avail_width, avail_height):
        return 0, 0

    def draw(self):
        self.canv._section = self.index


def _summary_footer(data: ReportData, glyphs: Glyphs) -> str:
    mark = "演示数据·模拟　" if data.simulated else ""
    return glyphs.plain(f"{mark}{data.title}　生成时间：{data.generated_at}")


def _stamp(data: ReportData) -> tuple:
    return data.status_name, STAMP_COLORS.get(data.status, colors.black)


def write_summary(data: ReportData, path: Path) -> None:
    register()
    glyphs = Glyphs()
    story = summary_story(data, glyphs)
    note = glyphs.missing_note()
    if note:
        story.append(Paragraph(note, _styles()["small"]))
    doc = _doc(path, A4, data.title)
    doc.build(story, canvasmaker=_canvas_class(_summary_footer(data, glyphs), _stamp(data)))


def write_summaries(datas: list[ReportData], path: Path) -> None:
    """Many county summaries in one PDF, each opening a new page with its own page numbers and stamp."""
    register()
    glyphs = Glyphs()
    story: list = []
    sections = []
    for k, data in enumerate(datas):
        if k:
            story.append(PageBreak())
        story.append(SectionMark(k))
        story += summary_story(data, glyphs)
        sections.append((_summary_footer(data, glyphs), _stamp(data)))
    note = glyphs.missing_note()
    if note:
        story.append(Paragraph(note, _styles()["small"]))
    title = datas[0].title if len(datas) == 1 else f"{len(datas)} 个县（市、区）汇总"
    doc = _doc(path, A4, title)
    doc.build(story, canvasmaker=_canvas_class("", None, sections or [("", None)]))


# ---- a region over years -------------------------------------------------------------------------------

YEARS_NAME_W, YEARS_UNIT_W = 128, 34


def _year_text(ind, cell, first: bool) -> str:
    if cell.value is None:
        return "—"
    text = ind.format(cell.value) + ("*" if cell.partial else "")
    if first or cell.change is None:
        return text
    change = _signed(cell.change, ind.decimals)
    pct = "" if cell.change_pct is None else f" {_signed(cell.change_pct, 1)}%"
    return f"{text}\n{change}{pct}"


def years_story(data: YearsData, glyphs: Glyphs) -> list:
    styles = _styles()
    cells = _Cells(glyphs, styles["cell"])
    mark = "【演示数据·模拟】" if data.simulated else ""
    story: list = [Paragraph(glyphs.markup(mark + data.title), styles["title"])]
    sub = f"地区：{data.region.name}（{data.region.code}）　生成时间：{data.generated_at}"
    if data.computed:
        sub += "　数值由所辖县（市、区）汇总计算（不保存），* 表示部分县未报；不能汇总的指标为本级填报数"
        sub += "　已报：" + "，".join(f"{y}年 {r}/{n}" for y, (r, n) in data.completeness.items())
    story.append(Paragraph(glyphs.markup(sub), styles["sub"]))
    if data.simulated:
        story.append(Paragraph(glyphs.markup("演示数据·模拟：除种子报告中的数字外，本报告的数值均为模拟生成，仅供演示。"),
                               styles["sub"]))
    story.append(Paragraph("每格上行为当年数值，下行为较上年的增减及增减%。", styles["sub"]))
    if data.empty:
        story.append(Paragraph(glyphs.markup(f"{data.region.name} {data.years[0]}—{data.years[-1]}年尚无任何指标数值。"),
                               styles["h2"]))
    avail = landscape(A4)[0] - 2 * MARGIN - YEARS_NAME_W - YEARS_UNIT_W
    year_w = min(80.0, avail / len(data.years))
    for name, rows in data.sections if not data.empty else []:
        table = [["指标", "单位", *[f"{y}年" for y in data.years]]]
        for r in rows:
            ind = r.indicator
            table.append([cells(ind.name, YEARS_NAME_W), glyphs.plain(ind.unit),
                          *[_year_text(ind, c, i == 0) for i, c in enumerate(r.cells)]])
        style = [("FONTNAME", (0, 0), (-1, -1), MAIN_FONT), ("FONTSIZE", (0, 0), (-1, -1), 7.5),
                 ("LEADING", (0, 0), (-1, -1), 9), ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                 ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL), ("ALIGN", (0, 0), (-1, 0), "CENTER"),
                 ("ALIGN", (2, 1), (-1, -1), "RIGHT"), ("ALIGN", (1, 1), (1, -1), "CENTER"),
                 ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                 ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
        story.append(Paragraph(glyphs.markup(name), styles["h2"]))
        story.append(Table(table, colWidths=[YEARS_NAME_W, YEARS_UNIT_W] + [year_w] * len(data.years),
                           repeatRows=1, style=TableStyle(style)))
    if data.trends:
        story.append(Paragraph(f"趋势（{data.years[0]}–{data.years[-1]}年）", styles["h2"]))
        if data.computed:
            story.append(Paragraph("空心点：该年部分县未报，汇总不完整。", styles["small"]))
        story.append(_trend_grid(data, glyphs, styles, per_row=4, cell_w=(landscape(A4)[0] - 2 * MARGIN) / 4))
    return story


def sign_lines(prepared_by: str, date: str, glyphs: Glyphs, styles) -> list:
    """制表人, 审核人, 日期 on one line to sign, kept with its heading (the comparison and the years report)."""
    line = "＿" * 8

    def field(label, value=""):
        return Paragraph(f"{label}：" + (f"<u>{glyphs.markup(value)}</u>" if value else line), styles["body"])

    grid = Table([[field("制表人", prepared_by), field("审核人"), field("日期", date)]],
                 colWidths=[180, 180, 180], rowHeights=[14 * mm],
                 style=TableStyle([("FONTNAME", (0, 0), (-1, -1), MAIN_FONT), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return [KeepTogether([Paragraph("签字", styles["h2"]), grid])]


def write_years(data: YearsData, path: Path) -> None:
    """The region over its years, landscape, with signature lines."""
    register()
    glyphs = Glyphs()
    mark = "演示数据·模拟　" if data.simulated else ""
    footer = glyphs.plain(f"{mark}{data.title}　生成时间：{data.generated_at}")
    story = years_story(data, glyphs) + sign_lines(data.prepared_by, data.generated_at[:10], glyphs, _styles())
    note = glyphs.missing_note()
    if note:
        story.append(Paragraph(note, _styles()["small"]))
    doc = _doc(path, landscape(A4), data.title)
    doc.build(story, canvasmaker=_canvas_class(footer, None))
