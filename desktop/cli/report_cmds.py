"""report REGION YEAR -o FILE.pdf|FILE.xlsx; report REGION Y1:Y2 -o FILE; report CITY YEAR --each -o FOLDER."""

from __future__ import annotations

import sys

from desktop.cli.common import open_services


def register(sub) -> None:
    p = sub.add_parser("report", help="汇总报表（PDF或Excel）；市、省代码给出各县对比；Y1:Y2 给出逐年报表；"
                                      "--each 给出市、省所辖每个县的汇总及一份合并的PDF")
    p.add_argument("region")
    p.add_argument("year", metavar="YEAR|Y1:Y2")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf|FILE.xlsx|FOLDER")
    p.add_argument("--each", action="store_true", help="所辖每个县（市、区）的汇总PDF写入文件夹 -o，另合并为一份PDF")
    p.set_defaults(handler=cmd_report)


def cmd_report(args) -> int:
    from desktop.cli.upstream_cmds import parse_years
    from desktop.errors import UsageError
    from desktop.reports import write_each, write_report, write_years_report

    years = parse_years(args.year)
    with open_services(args) as services:
        region = services.region(args.region)
        if args.each:
            if len(years) != 1:
                raise UsageError("--each 只用于一个年份")
            if region.level == "county":
                raise UsageError(f"--each 需要市或省：{region.name}是县（市、区）")

            def progress(done: int, total: int) -> None:
                sys.stderr.write(f"\r已完成 {done}/{total}")
                sys.stderr.flush()

            files = write_each(services, region.code, years[0], args.output, progress)
            sys.stderr.write("\n")
            print(f"已生成 {len(files) - 1} 个县（市、区）的汇总报表及合并文件：{files[-1]}")
            return 0
        if ":" in args.year:
            path = write_years_report(services, region.code, years, args.output)
            print(f"已生成逐年报表：{path}")
            return 0
        path = write_report(services, region.code, years[0], args.output)
    kind = "各县对比" if region.level != "county" else "汇总报表"
    print(f"已生成{kind}：{path}")
    return 0
