"""extract FILE --region REGION --year YEAR [--json]: FILE is a .txt, .docx, .doc, .wps, .rtf, .pdf (text layer), .ofd, .html or .mht report."""

from __future__ import annotations

from desktop.cli.common import open_services, print_json, print_table


def register(sub) -> None:
    p = sub.add_parser("extract", help="从年度报告文本中提取指标数值（建议值，需确认）")
    p.add_argument("file", metavar="FILE", help=".txt、.docx、.doc、.wps、.rtf、.pdf（文字层）、.ofd、.html 或 .mht 报告")
    p.add_argument("--region", required=True)
    p.add_argument("--year", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_extract)


def _excerpt(text: str, figure: str, width: int = 36) -> str:
    """The part of the sentence around the figure, short enough for a table row."""
    i = text.find(figure)
    if len(text) <= width or i < 0:
        return text if len(text) <= width else text[:width] + "…"
    lo = max(0, i + len(figure) - width + 4)
    return ("…" if lo else "") + text[lo:lo + width] + ("…" if lo + width < len(text) else "")


def cmd_extract(args) -> int:
    import sys

    from desktop.extract import read_text_file
    from desktop.extract.service import propose_all, year_warning

    text = read_text_file(args.file)
    with open_services(args) as services:
        found = propose_all(services, text, args.region, args.year)
        inds = {i.code: i for i in services.indicators(include_hidden=True)}
    rows = found.rows
    warning = year_warning(text, int(args.year))
    if warning:
        print(f"提醒：{warning}", file=sys.stderr)
    if args.json:
        if not rows:
            print(f"提醒：没有提取到数值：{found.message}", file=sys.stderr)
        print_json([r.proposal.as_json() for r in rows])
        return 0
    if not rows:
        print(f"没有提取到数值：{found.message}")
        return 0
    table = []
    for r in rows:
        p, ind = r.proposal, inds[r.proposal.indicator]
        # the cross-check: ＝ the stored value, ≠ another value stored (shown)
        stored = "" if r.stored is None else ("＝" if r.same else "≠" + ind.format(r.stored))
        year = f"{p.year}（{p.period}）" if p.period else p.year
        table.append([p.indicator, ind.name, ind.format(p.value), p.unit, year, stored,
                      _excerpt(p.text, p.figure)])
    print_table(["代码", "指标", "数值", "单位", "年份", "库中值", "原文"], table)
    print(f"共 {len(rows)} 条建议值；确认后请在窗口“从报告文本提取”中勾选写入，或用 set 命令逐条录入")
    if found.disagreeing:
        print(f"其中 {len(found.disagreeing)} 条与库中数值不一致（≠），请核实报告与库中数据哪一个正确")
    return 0
