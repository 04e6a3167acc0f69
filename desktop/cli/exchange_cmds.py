"""template, export, import: the Excel exchange (docs/EXCHANGE.md)."""

from __future__ import annotations

import sys

from desktop.cli.common import add_user_option, open_services
from desktop.domain import CHECK_NAMES
from desktop.texts import for_terminal

MAX_DETAIL_LINES = 300


def register(sub) -> None:
    p = sub.add_parser("template", help="导出一个地区一年的填报模板；市：所属各县一县一表，目标值在数值旁")
    p.add_argument("region")
    p.add_argument("year")
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    p.set_defaults(handler=cmd_template)

    p = sub.add_parser("export", help="导出交换格式工作簿；市级代码表示其所有县（市、区）")
    p.add_argument("regions", metavar="REGION[,REGION...]")
    p.add_argument("years", metavar="YEAR[:YEAR]")
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("import", help="导入交换格式工作簿、填好的模板或各单位自制的表格（.xlsx、.xls、.et、.ods、.csv）；任何错误则全部不写入")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="只显示将要发生的变化和将出现的审核结果")
    p.add_argument("--each", action="store_true", help="每个文件单独导入：好的文件写入，有错的文件逐个列出")
    p.add_argument("--verbose", action="store_true", help="逐条列出每个数值的变化和全部审核结果")
    add_user_option(p)
    p.set_defaults(handler=cmd_import)


def cmd_template(args) -> int:
    from desktop.exchange import write_template

    with open_services(args) as services:
        path = write_template(services, args.region, args.year, args.output)
        region = services.region(args.region)
        n = len(services.indicators())
        counties = len(services.counties_of(region.code)) if region.level != "county" else 0
    extra = f"，{counties} 个县（市、区）每县一表，目标值在数值旁" if counties else ""
    print(f"已生成填报模板：{path}（{region.name} {int(args.year)}年，{n} 个指标{extra}）")
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
    for region, year, wanted, _source in plan.marks:  # marks 不适用 / 本年未统计 coming with a taken status
        put = sum(1 for m in wanted.values() if m is not None)
        parts = ([f"标记或更新 {put} 项"] if put else []) + ([f"取消 {len(wanted) - put} 项"] if len(wanted) > put else [])
        out.write(f"{'不适用标记' if done else '不适用标记（将）'} {services.region(region).name} {year}年："
                  f"{'，'.join(parts)}\n")
    for text in plan.notices:
        out.write(f"注意：{text}\n")


def _print_drift(plan, out) -> None:
    if plan.drift:
        out.write(f"上年数值与本库不一致 {len(plan.drift)} 处：\n")
        for d in plan.drift[:MAX_DETAIL_LINES]:
            out.write(f"  {d}\n")


MAX_FINDING_LINES = 20


def _counts(findings) -> tuple[int, int]:
    errors = sum(1 for fs in findings.values() for f in fs if f.severity == "error")
    warnings = sum(1 for fs in findings.values() for f in fs if f.severity == "warning" and not f.cleared)
    return errors, warnings


def file_summary_lines(plan, findings) -> list[str]:
    """One line per file: region-years, new, changed, unchanged, findings (those of its region-years)."""
    from desktop.exchange.plan import FileCounts

    lines = []
    for f in plan.files:
        c = plan.per_file.get(f.name) or FileCounts(f.name)
        mine = {k: v for k, v in findings.items() if k in c.region_years}
        errors, warnings = _counts(mine)
        detail = f"（错误 {errors}，未说明的警告 {warnings}）" if errors or warnings else ""
        lines.append(f"{f.name}：{len(c.region_years)} 个地区年度，新增 {c.new}，修改 {c.changed}，未变 {c.unchanged}，"
                     f"审核发现 {errors + warnings} 条{detail}")
    return lines


def _print_findings(services, findings, out, verbose: bool) -> None:
    """Errors always (the first MAX_FINDING_LINES), warnings too with --verbose."""
    names = {i.code: i.name for i in services.indicators(include_hidden=True)}
    shown = 0
    hidden = 0
    for (region, year), found in sorted(findings.items()):
        wanted = [f for f in found if f.severity == "error" or (verbose and f.severity == "warning" and not f.cleared)]
        if not wanted:
            hidden += sum(1 for f in found if f.severity == "warning" and not f.cleared)
            continue
        out.write(f"审核 {services.region(region).name} {year}年：{len(wanted)} 条需处理\n")
        for f in wanted:
            if not verbose and shown >= MAX_FINDING_LINES:
                hidden += 1
                continue
            shown += 1
            out.write(f"  [{CHECK_NAMES.get(f.severity, f.severity)}] {names.get(f.indicator, f.indicator)}："
                      f"{f.message}\n")
        if not verbose:
            hidden += sum(1 for f in found if f.severity == "warning" and not f.cleared)
    if hidden and not verbose:
        out.write(f"  另有 {hidden} 条审核结果未列出（--verbose 列出全部）\n")


def _report_plan(services, plan, findings, out, verbose: bool, done: bool) -> None:
    for line in file_summary_lines(plan, findings):
        out.write(line + "\n")
    if verbose:
        print_plan(services, plan, out)
    _print_statuses(services, plan, out, done)
    _print_drift(plan, out)
    _print_findings(services, findings, out, verbose)


def cmd_import(args) -> int:
    from desktop.exchange import ImportRefused, commit_import, plan_import
    from desktop.exchange.importer import preview_findings

    if args.each:
        return _import_each(args)
    with open_services(args) as services:
        plan = plan_import(services, args.files)
        if not plan.ok:
            raise ImportRefused(plan)
        out = sys.stdout
        if args.dry_run:
            out.write(f"试导入（未写入）：{len(plan.files)} 个文件，{plan.rows} 行\n")
            _report_plan(services, plan, preview_findings(services, plan), out, args.verbose, False)
            return 0
        result = commit_import(services, plan)
        sources = "、".join(f"{f.name}#{f.sha256[:12]}" for f in plan.files)
        out.write(f"已导入：{result.written} 个数值，{result.targets_written} 个目标值，"
                  f"{len(plan.summary)} 个地区年度（来源 {sources}）\n")
        if result.validation_note:
            out.write(result.validation_note + "\n")
        _report_plan(services, plan, result.findings, out, args.verbose, True)
    return 0


MAX_ERRORS_PER_FILE = 5


def _import_each(args) -> int:
    from desktop.exchange.importer import import_each

    out = sys.stdout
    with open_services(args) as services:
        outcomes = import_each(services, args.files, dry_run=args.dry_run)
        head = "试导入（未写入，每个文件单独）" if args.dry_run else "逐个导入"
        out.write(f"{head}：{len(outcomes)} 个文件\n")
        refused = 0
        for o in outcomes:
            if o.refused is not None:
                refused += 1
                errors = o.errors
                out.write(f"拒绝 {o.name}：{o.error_count} 处错误，此文件未写入任何数据\n")
                for text in errors[:MAX_ERRORS_PER_FILE if not args.verbose else len(errors)]:
                    out.write(f"  {text}\n")
                if o.error_count > MAX_ERRORS_PER_FILE and not args.verbose:
                    out.write(f"  ……另有 {o.error_count - MAX_ERRORS_PER_FILE} 处错误（--verbose 列出）\n")
                continue
            _report_plan(services, o.plan, o.findings, out, args.verbose, not args.dry_run)
        verb = "可导入" if args.dry_run else "已导入"
        out.write(f"共 {len(outcomes)} 个文件：{verb} {len(outcomes) - refused} 个，拒绝 {refused} 个\n")
    return 1 if refused else 0
