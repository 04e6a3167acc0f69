"""validate REGION YEAR [--json]: the findings of one region-year, exit code 1 when any is an error."""

from __future__ import annotations

import sys

from desktop.cli.common import open_services, print_json, print_table
from desktop.domain import RULE_NAMES, SEVERITY_NAMES, check_year


def register(sub) -> None:
    p = sub.add_parser("validate", help="审核一个地区一年的数据；有错误时退出码为1")
    p.add_argument("region")
    p.add_argument("year")
    p.add_argument("--json", action="store_true")
    p.add_argument("--submission", action="store_true", help="同时做提交时的完整性审核（缺报的指标）")
    p.set_defaults(handler=run_validate)


def run_validate(args) -> int:
    from desktop.validation import validate

    with open_services(args) as services:
        region = services.region(args.region)
        year = check_year(args.year)
        findings = validate(services, region.code, year, submission=args.submission)
        if args.json:
            print_json({"region": region.code, "year": year, "findings": [f.as_json() for f in findings]})
        else:
            _print_findings(services, region, year, findings)
    return 1 if any(f.severity == "error" for f in findings) else 0


def _print_findings(services, region, year, findings) -> None:
    index = services.indicator_index()
    rows = []
    for f in findings:
        ind = index.find(f.indicator)
        status = SEVERITY_NAMES[f.severity] + ("（已说明）" if f.cleared else "")
        rows.append([status, RULE_NAMES.get(f.rule, f.rule), ind.name if ind else f.indicator, f.message])
    n = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITY_NAMES}
    cleared = sum(1 for f in findings if f.severity == "warning" and f.cleared)
    head = f"{region.name}（{region.code}）{year}年审核：错误{n['error']}项，警告{n['warning']}项"
    head += f"（其中已说明{cleared}项）" if cleared else ""
    head += f"，提示{n['info']}项"
    sys.stdout.write(head + "\n")
    if rows:
        print_table(["级别", "规则", "指标", "说明"], rows)
