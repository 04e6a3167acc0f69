"""report REGION YEAR -o FILE.pdf|FILE.xlsx (issue 5)."""

from __future__ import annotations

from desktop.cli.common import open_services


def register(sub) -> None:
    p = sub.add_parser("report", help="汇总报表（PDF或Excel）；市、省代码给出各县对比")
    p.add_argument("region")
    p.add_argument("year")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf|FILE.xlsx")
    p.set_defaults(handler=cmd_report)


def cmd_report(args) -> int:
    from desktop.reports import write_report

    with open_services(args) as services:
        region = services.region(args.region)
        path = write_report(services, region.code, args.year, args.output)
    kind = "各县对比" if region.level != "county" else "汇总报表"
    print(f"已生成{kind}：{path}")
    return 0
