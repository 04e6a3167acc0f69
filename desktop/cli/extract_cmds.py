"""extract FILE.txt --region REGION --year YEAR [--json] (issue 9)."""

from __future__ import annotations

from desktop.cli.common import open_services, print_json, print_table


def register(sub) -> None:
    p = sub.add_parser("extract", help="从年度报告文本中提取指标数值（建议值，需确认）")
    p.add_argument("file", metavar="FILE.txt")
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
    from desktop.extract import read_text_file
    import sys

    from desktop.extract.service import propose, year_warning

    text = read_text_file(args.file)
    with open_services(args) as services:
        rows = propose(services, text, args.region, args.year)
        inds = {i.code: i for i in services.indicators(include_hidden=True)}
    warning = year_warning(text, int(args.year))
    if warning:
        print(f"提醒：{warning}", file=sys.stderr)
    if args.json:
        print_json([r.proposal.as_json() for r in rows])
        return 0
    if not rows:
        print("未在文本中找到本年度的指标数值（计划、目标和约数不会提取）")
        return 0
    table = []
    for r in rows:
        p, ind = r.proposal, inds[r.proposal.indicator]
        stored = "" if r.stored is None else ("＝" if r.same else ind.format(r.stored))
        year = f"{p.year}（{p.period}）" if p.period else p.year
        table.append([p.indicator, ind.name, ind.format(p.value), p.unit, year, stored,
                      _excerpt(p.text, p.figure)])
    print_table(["代码", "指标", "数值", "单位", "年份", "库中值", "原文"], table)
    print(f"共 {len(rows)} 条建议值；确认后请在窗口“从报告文本提取”中勾选写入，或用 set 命令逐条录入")
    return 0
