"""validate REGION YEAR [--json] (issue 3)."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("validate", help="审核一个地区一年的数据；有错误时退出码为1")
    p.add_argument("region")
    p.add_argument("year")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=None)
