"""The county comparison as a landscape PDF: counties as rows (each row carries the county's name with its
values, so a name never stands apart from them), indicators as columns in blocks of a section or a dozen,
each city's computed row above its counties for the province, stats below, footnotes and signatures."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from desktop.aggregate.compare import CompareRow, Comparison
from desktop.domain import FLAG_NAMES, STATUS_WORDS
from desktop.reports.fonts import MAIN_FONT, Glyphs, register
from desktop.reports.pdf import FLAG_FILL, GRID, HEAD_FILL, _canvas_class, _doc, _styles, sign_lines

PER_BLOCK = 12  # indicators side by side on a landscape page
NAME_W, STATUS_W, VALUE_W, SIDE_W = 62, 30, 37, 18.5
FONT, LEADING = 6.5, 7.6
CITY_FILL = colors.HexColor("#e8eef5")
PARENT_FILL = colors.HexColor("#d6e2f0")
STATS_FILL = colors.HexColor("#f3f3f3")
# what needs the office's attention stands out; the other statuses print plain (one style command less a row)
STATUS_COLORS = {"empty": colors.HexColor("#c00000"), "returned": colors.HexColor("#c06000")}


def blocks(rows: list[CompareRow], per_block: int = PER_BLOCK) -> list[tuple[str, list[CompareRow]]]:
    """The indicators in catalog order as (heading, rows) blocks of at most `per_block`: whole sections packed
    together while they fit, a long section cut into parts."""
    sections: list[tuple[str, list[CompareRow]]] = []
    for r in rows:
        if sections and sections[-1][0] == r.indicator.section:
            sections[-1][1].append(r)
        else:
            sections.append((r.indicator.section, [r]))
    out: list[tuple[list[str], list[CompareRow]]] = []
    for name, rs in sections:
        parts = [rs[i:i + per_block] for i in range(0, len(rs), per_block)]
        for k, part in enumerate(parts):
            label = name if len(parts) == 1 else f"{name}（{k + 1}/{len(parts)}）"
            if out and len(out[-1][1]) + len(part) <= per_block and len(parts) == 1:
                out[-1][0].append(label)
                out[-1][1].extend(part)
            else:
                out.append(([label], list(part)))
    return [("、".join(names), rs) for names, rs in out]


def _value_text(r: CompareRow, value, mark: str = "") -> str:
    return "—" if value is None else r.indicator.format(value) + mark


def _table(data: Comparison, block: list[CompareRow], glyphs: Glyphs, head_style: ParagraphStyle) -> Table:
    head1 = ["县（市、区）", "状态"]
    head2 = ["", ""]
    for r in block:
        label = f"{r.indicator.name}（{r.indicator.unit}）" if r.indicator.unit else r.indicator.name
        head1 += [Paragraph(glyphs.markup(label), head_style), ""]
        head2 += ["数值", "位次" if r.comparable else "占比%"]
    rows = [head1, head2]
    style = [("FONTNAME", (0, 0), (-1, -1), MAIN_FONT), ("FONTSIZE", (0, 0), (-1, -1), FONT),
             ("LEADING", (0, 0), (-1, -1), LEADING), ("GRID", (0, 0), (-1, -1), 0.3, GRID),
             ("BACKGROUND", (0, 0), (-1, 1), HEAD_FILL), ("ALIGN", (0, 0), (-1, 1), "CENTER"),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (2, 2), (-1, -1), "RIGHT"),
             ("ALIGN", (1, 2), (1, -1), "CENTER"),
             ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
             ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
             ("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1))]
    for k in range(len(block)):
        style.append(("SPAN", (2 + 2 * k, 0), (3 + 2 * k, 0)))
        style.append(("TEXTCOLOR", (3 + 2 * k, 2), (3 + 2 * k, -1), colors.HexColor("#1f5fbf")))

    def computed_row(label: str, pick, fill) -> None:
        line = [glyphs.plain(label), "汇总"]
        for r in block:
            c = pick(r)
            line += [_value_text(r, c.shown if c else None, "*" if c is not None and c.partial else ""), ""]
        rows.append(line)
        style.append(("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), fill))

    statuses = data.statuses
    if data.region.level != "county":
        computed_row(data.region.name, lambda r: r.parent, PARENT_FILL)
    for city, counties in data.groups:
        if city is not None:
            computed_row(city.name, lambda r, c=city.code: r.groups.get(c), CITY_FILL)
        for county in counties:
            status = statuses.get(county.code, "empty")
            line = [glyphs.plain(("　" if city is not None else "") + county.name), STATUS_WORDS.get(status, status)]
            i = len(rows)
            if status in STATUS_COLORS:
                style.append(("TEXTCOLOR", (1, i), (1, i), STATUS_COLORS[status]))
            for k, r in enumerate(block):
                cell = r.cells.get(county.code)
                note = data.footnote_of(county.code, r.indicator.code) if cell and cell.flag else None
                line.append(_value_text(r, cell.value if cell else None, f"[{note}]" if note else ""))
                side = ""
                if cell is not None and cell.value is not None:
                    side = str(cell.rank) if cell.rank is not None else (
                        f"{cell.share:.1f}" if cell.share is not None else "")
                line.append(side)
                if cell is not None and cell.flag in FLAG_FILL:
                    style.append(("BACKGROUND", (2 + 2 * k, i), (2 + 2 * k, i), FLAG_FILL[cell.flag]))
            rows.append(line)
    for label, key in (("n（有效）", "n"), ("最小", "min"), ("中位数", "median"), ("最大", "max")):
        line = [label, ""]
        for r in block:
            v = r.stats.get(key)
            line += [str(v) if key == "n" else _value_text(r, v), ""]
        rows.append(line)
        style.append(("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), STATS_FILL))
    widths = [NAME_W, STATUS_W] + [VALUE_W, SIDE_W] * len(block)
    return Table(rows, colWidths=widths, repeatRows=2, style=TableStyle(style))


def comparison_story(data: Comparison, glyphs: Glyphs, progress=None, cancelled=None) -> list:
    styles = _styles()
    head_style = ParagraphStyle("chead", parent=styles["head"], fontSize=FONT, leading=LEADING)
    # a block's heading may end a page: the table splits between rows and repeats its header anyway
    block_style = ParagraphStyle("block", parent=styles["h2"], keepWithNext=0)
    mark = f"【{data.simulated_mark}】" if data.simulated else ""
    story: list = [Paragraph(glyphs.markup(mark + data.title), styles["title"]),
                   Paragraph(glyphs.markup(f"{data.region.name}（{data.region.code}）下辖 {len(data.counties)} 个县（市、区）"
                                           f"　{data.completeness_line}"), styles["sub"]),
                   Paragraph(glyphs.markup("“汇总”行由所辖县计算（不保存），* 表示部分县未报、汇总不完整；位次只排比率、人均、"
                                           "增长率、年数和得分（1为最好，仅在有效数值中排列）；数量指标给出占合计的百分比；"
                                           "红底为审核错误（不排位次、不计入统计），黄底为未说明的警告，[n] 见文末注。"
                                           f"　生成时间：{data.generated_at}"), styles["sub"]), Spacer(1, 4)]
    if data.simulated:
        story.insert(2, Paragraph(glyphs.markup(f"{data.simulated_mark}：除种子报告中的数字外，本报告的数值均为模拟生成，"
                                                "仅供演示，不是真实统计数据。"), styles["sub"]))
    if data.empty:
        story.append(Paragraph(glyphs.markup(f"{data.region.name}及所辖各县 {data.year}年尚无任何指标数值，"
                                             f"本报告没有可对比的数据。"), styles["h2"]))
    else:
        parts = blocks(data.rows)
        for n, (heading, block) in enumerate(parts):
            if cancelled and cancelled():
                return story
            story.append(Paragraph(glyphs.markup(heading), block_style))
            story.append(_table(data, block, glyphs, head_style))
            if progress:
                progress(n + 1, len(parts) + 1)
        if data.footnotes:
            story.append(Paragraph("注：标记的数值", styles["h2"]))
            for f in data.footnotes:
                cell = next(r for r in data.rows if r.indicator.code == f.indicator.code).cells[f.county.code]
                text = (f"[{f.number}] {f.county.name} {f.indicator.name} {f.indicator.format(cell.value)}"
                        f"（{FLAG_NAMES[f.flag]}）：{f.message}")
                story.append(Paragraph(glyphs.markup(text), styles["small"]))
    story += sign_lines(data.prepared_by, data.generated_at[:10], glyphs, styles)
    return story


def write_comparison(data: Comparison, path: Path, progress=None, cancelled=None) -> None:
    register()
    glyphs = Glyphs()
    mark = f"{data.simulated_mark}　" if data.simulated else ""
    footer = glyphs.plain(f"{mark}{data.title}　生成时间：{data.generated_at}")
    story = comparison_story(data, glyphs, progress, cancelled)
    if cancelled and cancelled():
        return
    note = glyphs.missing_note()
    if note:
        story.append(Paragraph(note, _styles()["small"]))
    doc = _doc(path, landscape(A4), data.title)
    doc.build(story, canvasmaker=_canvas_class(footer, None))

