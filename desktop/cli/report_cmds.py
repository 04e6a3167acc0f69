"""report REGION YEAR -o FILE.pdf|FILE.xlsx (issue 5)."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("report", help="汇总报表（PDF或Excel）；市、省代码给出各县对比")
    p.add_argument("region")
    p.add_argument("year")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf|FILE.xlsx")
    p.set_defaults(handler=None)
