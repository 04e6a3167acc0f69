"""template, export, import: the Excel exchange format version 1 (issue 4)."""

from __future__ import annotations

import sys

from desktop.cli.common import add_user_option, open_services
from desktop.texts import for_terminal

MAX_DETAIL_LINES = 300


def register(sub) -> None:
    p = sub.add_parser("template", help="导出一个地区一年的填报模板")
    p.add_argument("region")
    p.add_argument("year")
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    p.set_defaults(handler=cmd_template)

    p = sub.add_parser("export", help="导出交换格式工作簿；市级代码表示其所有县（市、区）")
    p.add_argument("regions", metavar="REGION[,REGION...]")
    p.add_argument("years", metavar="YEAR[:YEAR]")
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("import", help="导入交换格式工作簿或填好的模板；任何错误则全部不写入")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="只显示将要发生的变化")
    add_user_option(p)
    p.set_defaults(handler=cmd_import)


def cmd_template(args) -> int:
    from desktop.exchange import write_template

    with open_services(args) as services:
        path = write_template(services, args.region, args.year, args.output)
        region = services.region(args.region)
        n = len(services.indicators())
    print(f"已生成填报模板：{path}（{region.name} {int(args.year)}年，{n} 个指标）")
    return 0


def cmd_export(args) -> int:
    from desktop.exchange import expand_regions, export_workbook, parse_years

    with open_services(args) as services:
        regions = expand_regions(services, args.regions)
        years = parse_years(args.years)
        path = export_workbook(services, regions, years, args.output)
    span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    print(f"已导出：{path}（{len(regions)} 个地区，{span}年）")
    return 0


def _fmt(services, code: str, value) -> str:
    if value is None:
        return "（空）"
    try:
        return services.indicator(code).format(value)
    except Exception:
        return f"{value:g}"


def print_plan(services, plan, out=sys.stdout) -> None:
    """Per region-year: new, changed (old → new) and unchanged counts, then the lines."""
    names = {i.code: i for i in services.indicators(include_hidden=True)}
    lines = 0
    for key in plan.region_years:
        s = plan.summary[key]
        out.write(f"{s.region_name}（{s.region}）{s.year}年：新增 {len(s.new)}，修改 {len(s.changed)}，"
                  f"未变 {len(s.unchanged)}\n")
        for kind, items in (("修改", s.changed), ("新增", s.new)):
            for line in items:
                if lines >= MAX_DETAIL_LINES:
                    continue
                lines += 1
                ind = names.get(line.indicator)
                label = ind.name if ind else line.indicator
                text = f"  {kind} {label}：" + (f"{_fmt(services, line.indicator, line.old)} → " if kind == "修改" else "")
                text += _fmt(services, line.indicator, line.new)
                if line.new_note != line.old_note:
                    text += f"（说明：{for_terminal(line.new_note) or '（清空）'}）"
                out.write(text + "\n")
    total = sum(len(s.new) + len(s.changed) for s in plan.summary.values())
    if total > lines and lines >= MAX_DETAIL_LINES:
        out.write(f"  ……另有 {total - lines} 项变化未逐条列出\n")
    for t in plan.targets:
        ind = names.get(t.indicator)
        region_name = services.region(t.region).name
        out.write(f"目标 {region_name} {t.year}年 {ind.name if ind else t.indicator}："
                  f"{_fmt(services, t.indicator, t.old)} → {_fmt(services, t.indicator, t.new)}\n")


def _print_statuses(services, plan, out, done: bool) -> None:
    """The decisions the files carry (format version 2) that this import takes, and what it says about others."""
    from desktop.domain import STATUS_NAMES

    for d, _source, file in plan.statuses:
        line = d.line
        name = services.region(line.region_code).name
        why = f"，原因：{line.reason}" if line.status == "returned" and line.reason else ""
        notes = f"，逐项意见 {len(line.notes)} 条" if line.status == "returned" and line.notes else ""
        verb = "状态" if done else "状态（将）"
        out.write(f"{verb} {name} {line.year}年：{STATUS_NAMES.get(d.local.status, d.local.status)} → "
                  f"{STATUS_NAMES.get(line.status, line.status)}（{line.decided_by}，{line.decided_at}{why}{notes}；"
                  f"来自 {file}）\n")
    for text in plan.notices:
        out.write(f"注意：{text}\n")


def _print_drift(plan, out) -> None:
    if plan.drift:
        out.write(f"上年数值与本库不一致 {len(plan.drift)} 处：\n")
        for d in plan.drift[:MAX_DETAIL_LINES]:
            out.write(f"  {d}\n")


def cmd_import(args) -> int:
    from desktop.exchange import ImportRefused, commit_import, plan_import

    with open_services(args) as services:
        plan = plan_import(services, args.files)
        if not plan.ok:
            raise ImportRefused(plan)
        out = sys.stdout
        if args.dry_run:
            out.write(f"试导入（未写入）：{len(plan.files)} 个文件，{plan.rows} 行\n")
            print_plan(services, plan, out)
            _print_statuses(services, plan, out, False)
            _print_drift(plan, out)
            return 0
        result = commit_import(services, plan)
        sources = "、".join(f"{f.name}#{f.sha256[:12]}" for f in plan.files)
        out.write(f"已导入：{result.written} 个数值，{result.targets_written} 个目标值，"
                  f"{len(plan.summary)} 个地区年度（来源 {sources}）\n")
        print_plan(services, plan, out)
        _print_statuses(services, plan, out, True)
        _print_drift(plan, out)
        if result.validation_note:
            out.write(result.validation_note + "\n")
        names = {i.code: i.name for i in services.indicators(include_hidden=True)}
        severity_names = {"error": "错误", "warning": "核实", "info": "提示"}
        for (region, year), findings in sorted(result.findings.items()):
            shown = [f for f in findings if f.severity in ("error", "warning") and not f.cleared]
            if not shown:
                continue
            region_name = services.region(region).name
            out.write(f"审核 {region_name} {year}年：{len(shown)} 条需处理\n")
            for f in shown[:50]:
                out.write(f"  [{severity_names.get(f.severity, f.severity)}] {names.get(f.indicator, f.indicator)}："
                          f"{f.message}\n")
    return 0
