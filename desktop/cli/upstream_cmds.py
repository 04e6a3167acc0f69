"""aggregate | status | compare: the city and province office's commands (who has reported, computed figures,
the county comparison)."""

from __future__ import annotations

import sys

from desktop.cli.common import add_user_option, open_services, print_json, print_table
from desktop.domain import FLAG_NAMES, METHOD_NAMES, STATUS_WORDS, check_year
from desktop.errors import UsageError


def register(sub) -> None:
    p = sub.add_parser("aggregate", help="市、省：各指标由所辖各县（市、区）汇总计算（不保存），并与本级填报数比较；"
                                         "--adopt 把所有县都已上报的汇总值填入本级空着的数值")
    p.add_argument("region")
    p.add_argument("year")
    p.add_argument("--adopt", action="store_true",
                   help="采用汇总值：写入本级尚无数值、且所辖各县都已上报的汇总值（本级已有的数值不改）")
    p.add_argument("--dry-run", action="store_true", help="与 --adopt 同用：只列出将采用的数值，不写入")
    p.add_argument("--json", action="store_true")
    add_user_option(p)
    p.set_defaults(handler=cmd_aggregate)

    p = sub.add_parser("status", help="填报进度：县（市、区）本身，或市、省所辖每个县的状态、填报数、错误与警告")
    p.add_argument("region")
    p.add_argument("year")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_status)

    p = sub.add_parser("compare", help="各县对比的数据（位次、占比、标记、统计量）；YEAR 可为 Y1:Y2")
    p.add_argument("region")
    p.add_argument("year", metavar="YEAR[:YEAR]")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_compare)


def parse_years(text: str) -> list[int]:
    """'2021' → [2021]; '2019:2023' → [2019, …, 2023]. Raises InvalidYear, UsageError (a range backwards)."""
    first, sep, last = str(text).partition(":")
    if not sep:
        return [check_year(first)]
    a, b = check_year(first), check_year(last)
    if b < a:
        raise UsageError(f"年份范围应从早到晚：{text}")
    return list(range(a, b + 1))


def cmd_aggregate(args) -> int:
    from desktop.aggregate.service import aggregate_region

    if args.dry_run and not args.adopt:
        raise UsageError("--dry-run 只与 --adopt 同用")
    with open_services(args) as services:
        region = services.region(args.region)
        if region.level == "county":
            raise UsageError(f"{region.name}是县（市、区），没有下级可以汇总；请给出市或省（用 get 查看本县数值）")
        if args.adopt:
            return _adopt(services, region.code, args.year, args.dry_run, args.json)
        result = aggregate_region(services, region.code, args.year)
        if args.json:
            print_json(result.as_json())
            return 0
        _print_aggregate(result)
    return 0


def _adopt(services, region: str, year, dry_run: bool, as_json: bool) -> int:
    from desktop.aggregate.service import adopt, adoption

    done = (adoption if dry_run else adopt)(services, region, year)
    if as_json:
        print_json({"region": done.region.code, "year": done.year, "dry_run": dry_run, "adopted": done.take,
                    "partial": {code: list(counts) for code, counts in done.partial.items()}, "kept": done.kept})
        return 0
    inds = {i.code: i for i in services.indicators(include_hidden=True)}
    verb = "将采用" if dry_run else "已采用"
    sys.stdout.write(f"{done.region.name} {done.year}年：{verb} {len(done.take)} 个由各县汇总的数值为本级数值"
                     f"（本级已有数值或标为不适用的 {len(done.kept)} 个不改）\n")
    rows = [[code, inds[code].name, inds[code].format(value), inds[code].unit] for code, value in done.take.items()]
    if rows:
        print_table(["代码", "指标", "数值", "单位"], rows)
    if done.partial:
        left = "、".join(f"{inds[c].name}（{r}/{n}）" for c, (r, n) in done.partial.items())
        sys.stdout.write(f"未采用 {len(done.partial)} 个只有部分县上报的汇总值：{left}\n")
    return 0


def _print_aggregate(result) -> None:
    out = sys.stdout
    n = len(result.counties)
    out.write(f"{result.region.name}（{result.region.code}）{result.year}年 由所辖 {n} 个县（市、区）汇总"
              f"（汇总值为计算所得，不保存；“部分”表示并非所有县都已填报）\n")
    rows = []
    for ind in result.indicators:
        if ind.hidden:
            continue
        c = result.computed[ind.code]
        value = "—" if c.value is None else ind.format(c.value)
        mark = "" if c.method == "none" else f"{c.reported}/{c.of}" + ("（部分）" if c.partial else "")
        own = "" if c.own is None else ind.format(c.own)
        rows.append([ind.code, ind.name, ind.unit, METHOD_NAMES.get(c.method, c.method), value, mark, own])
    print_table(["代码", "指标", "单位", "方式", "汇总", "已报/应报", "本级填报"], rows)
    if result.findings:
        out.write("\n层级一致性（本级填报与汇总不符）：\n")
        for f in result.findings:
            out.write(f"  {f.indicator}：{f.message}\n")


def cmd_status(args) -> int:
    from desktop.aggregate.service import status_report

    with open_services(args) as services:
        report = status_report(services, args.region, args.year)
    if args.json:
        print_json(report.as_json())
        return 0
    summary = report.summary
    words = "，".join(f"{STATUS_WORDS.get(k, k)} {v}" for k, v in summary.items() if v)
    sys.stdout.write(f"{report.region.name}（{report.region.code}）{report.year}年 "
                     f"已报 {len(report.reported)}/{len(report.counties)}：{words or '无'}\n")
    rows = [[c.region, c.name, STATUS_WORDS.get(c.status, c.status), f"{c.filled}/{c.total}", c.errors or "",
             c.unexplained or "", c.submitted_by or "", (c.submitted_at or "")[:16].replace("T", " "),
             c.approved_by or "", (c.approved_at or "")[:16].replace("T", " ")] for c in report.by_action()]
    print_table(["代码", "县（市、区）", "状态", "已填", "错误", "未说明警告", "提交人", "提交时间", "审核人", "审核时间"],
                rows)
    return 0


def cmd_compare(args) -> int:
    from desktop.aggregate.compare import comparison

    with open_services(args) as services:
        region = services.region(args.region)
        years = parse_years(args.year)
        data = [comparison(services, region.code, y) for y in years]
    if args.json:
        if len(years) == 1:
            print_json(data[0].as_json())
        else:
            print_json({"region": region.code, "years": years, "comparisons": [d.as_json() for d in data]})
        return 0
    for d in data:
        _print_comparison(d)
    return 0


def _print_comparison(data) -> None:
    out = sys.stdout
    out.write(f"{data.title}\n{data.completeness_line}\n")
    rows = []
    for row in data.rows:
        ind = row.indicator
        st = row.stats
        best = ""
        if row.comparable:
            firsts = [data.name_of(c) for c, cell in row.cells.items() if cell.rank == 1]
            best = "、".join(firsts)
        flagged = [f"{data.name_of(c)}（{FLAG_NAMES[cell.flag]}）"
                   for c, cell in row.cells.items() if cell.flag]
        rows.append([ind.name, ind.unit, "" if row.parent.shown is None else ind.format(row.parent.shown),
                     st["n"], "" if st["min"] is None else ind.format(st["min"]),
                     "" if st["median"] is None else ind.format(st["median"]),
                     "" if st["max"] is None else ind.format(st["max"]), best, "、".join(flagged)])
    print_table(["指标", "单位", data.region.name, "n", "最小", "中位数", "最大", "第1位", "标记"], rows)
    out.write("\n")
