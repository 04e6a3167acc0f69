"""template, export, import: the Excel exchange format version 1 (issue 4)."""

from __future__ import annotations

from desktop.cli.common import add_user_option


def register(sub) -> None:
    p = sub.add_parser("template", help="导出一个地区一年的填报模板")
    p.add_argument("region")
    p.add_argument("year")
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    p.set_defaults(handler=None)

    p = sub.add_parser("export", help="导出交换格式工作簿；市级代码表示其所有县（市、区）")
    p.add_argument("regions", metavar="REGION[,REGION...]")
    p.add_argument("years", metavar="YEAR[:YEAR]")
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    p.set_defaults(handler=None)

    p = sub.add_parser("import", help="导入交换格式工作簿或填好的模板；任何错误则全部不写入")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="只显示将要发生的变化")
    add_user_option(p)
    p.set_defaults(handler=None)
