"""mark-absent / clear-absent: indicators with no value on purpose (不适用, 本年未统计), several at once, one reason."""

from __future__ import annotations

from desktop.cli.common import add_user_option, open_services, print_json
from desktop.domain import ABSENCE_KINDS


def register(sub) -> None:
    p = sub.add_parser("mark-absent", help="把若干指标标为不适用或本年未统计（同一原因）；提交时不算缺报")
    p.add_argument("region")
    p.add_argument("year")
    p.add_argument("indicators", nargs="+", metavar="INDICATOR", help="指标代码或名称，可给多个")
    p.add_argument("--kind", choices=sorted(ABSENCE_KINDS), default="na",
                   help="na 不适用（默认），uncollected 本年未统计")
    p.add_argument("--reason", required=True, help="原因（须写明为何没有数值，套话不算）")
    p.add_argument("--json", action="store_true")
    add_user_option(p)
    p.set_defaults(handler=cmd_mark_absent)

    p = sub.add_parser("clear-absent", help="取消指标的不适用或本年未统计标记")
    p.add_argument("region")
    p.add_argument("year")
    p.add_argument("indicators", nargs="+", metavar="INDICATOR")
    p.add_argument("--json", action="store_true")
    add_user_option(p)
    p.set_defaults(handler=cmd_clear_absent)


def _report(services, args, changed: int) -> int:
    from desktop.absent import absences

    reg = services.region(args.region)
    marks = absences(services, reg.code, int(args.year))
    if args.json:
        print_json({"region": reg.code, "year": int(args.year), "changed": changed,
                    "absent": {code: {"kind": a.kind, "reason": a.reason} for code, a in sorted(marks.items())}})
        return 0
    print(f"{reg.name} {int(args.year)}年：{changed} 个指标的标记已更改；现有标记 {len(marks)} 个")
    names = {i.code: i.name for i in services.indicators(include_hidden=True)}
    for code, a in sorted(marks.items()):
        print(f"  {names.get(code, code)}：{ABSENCE_KINDS[a.kind]}（{a.reason}）")
    return 0


def cmd_mark_absent(args) -> int:
    from desktop.absent import mark_absent

    with open_services(args) as services:
        changed = mark_absent(services, args.region, args.year, args.indicators, args.kind, args.reason, source="cli")
        return _report(services, args, changed)


def cmd_clear_absent(args) -> int:
    from desktop.absent import clear_absent

    with open_services(args) as services:
        changed = clear_absent(services, args.region, args.year, args.indicators, source="cli")
        return _report(services, args, changed)
