"""extract FILE.txt --region REGION --year YEAR [--json] (issue 9)."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("extract", help="从年度报告文本中提取指标数值（建议值，需确认）")
    p.add_argument("file", metavar="FILE.txt")
    p.add_argument("--region", required=True)
    p.add_argument("--year", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=None)
