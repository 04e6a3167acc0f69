"""indicator add | edit | hide | show | try, rules show | check | try | set: catalog editing by an admin."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.cli.common import add_user_option, open_services, print_json, print_table
from desktop.domain import CATALOG_FIELD_NAMES, plain_number
from desktop.errors import AppError

# the options of indicator add and edit: each field's help is its name (domain.CATALOG_FIELD_NAMES) and a hint
_FIELDS = ("section", "name", "unit", "kind", "decimals", "min", "max", "direction", "yoy_warn", "definition",
           "aliases", "aggregation")
_HINTS = {"min": "；'—' 清除", "max": "；'—' 清除", "direction": "：1、-1 或 0",
          "yoy_warn": "：rate/growth 为百分点，其余为%%；'—' 清除", "aliases": "，用 | 分隔",
          "aggregation": "（市、省）：sum、none、weighted: 人口指标代码、ratio: 计算式"}


def _add_field_options(p, with_code: bool = False) -> None:
    if with_code:
        p.add_argument("--code", dest="new_code", default=None, help="新代码（仅当尚无任何数值时）")
    for name in _FIELDS:
        p.add_argument(f"--{name.replace('_', '-')}", dest=name, default=None,
                       help=CATALOG_FIELD_NAMES[name] + _HINTS.get(name, ""))


def _changes(args) -> dict:
    out = {name: getattr(args, name) for name in _FIELDS if getattr(args, name, None) is not None}
    if getattr(args, "new_code", None):
        out["code"] = args.new_code
    return out


def register(sub) -> None:
    p = sub.add_parser("indicator", help="指标目录维护（管理员）：add, edit, hide, show, try")
    isub = p.add_subparsers(dest="indicator_command", metavar="add|edit|hide|show|try")

    pa = isub.add_parser("add", help="新增指标")
    pa.add_argument("code")
    _add_field_options(pa)
    pa.add_argument("--reason", default="")
    add_user_option(pa)
    pa.set_defaults(handler=cmd_indicator_add)

    pe = isub.add_parser("edit", help="修改指标（代码一旦有数值便不能再改）")
    pe.add_argument("indicator")
    _add_field_options(pe, with_code=True)
    pe.add_argument("--reason", default="")
    add_user_option(pe)
    pe.set_defaults(handler=cmd_indicator_edit)

    for name, text, hidden in (("hide", "停用指标（不再采集，已有数值保留）", True), ("show", "恢复采集已停用的指标", False)):
        ph = isub.add_parser(name, help=text)
        ph.add_argument("indicator")
        ph.add_argument("--reason", default="")
        add_user_option(ph)
        ph.set_defaults(handler=cmd_indicator_hide, hidden=hidden)

    pt = isub.add_parser("try", help="试算：新的范围、小数位数或同比阈值会在历史数据中标记多少个数值（不保存）")
    pt.add_argument("indicator")
    _add_field_options(pt)
    pt.add_argument("--before", type=int, default=None, metavar="YEAR", help="只看这一年以前的数据")
    pt.add_argument("--json", action="store_true")
    add_user_option(pt)
    pt.set_defaults(handler=cmd_indicator_try)

    p = sub.add_parser("rules", help="逻辑审核规则：show, check, try, set（set 需管理员）")
    rsub = p.add_subparsers(dest="rules_command", metavar="show|check|try|set")
    ps = rsub.add_parser("show", help="显示现行规则")
    ps.set_defaults(handler=cmd_rules_show)
    for name, text, handler in (("check", "检查规则文件的语法和指标代码", "check"),
                                ("try", "试算：新规则会在历史数据中标记多少个地区年度（不保存）", "try"),
                                ("set", "保存新规则（先检查）", "set")):
        pr = rsub.add_parser(name, help=text)
        pr.add_argument("file", help="规则文本文件（UTF-8）；'-' 表示标准输入")
        if name == "set":
            pr.add_argument("--reason", default="")
        if name == "try":
            pr.add_argument("--before", type=int, default=None, metavar="YEAR")
            pr.add_argument("--json", action="store_true")
        add_user_option(pr)
        pr.set_defaults(handler=cmd_rules, rules_action=handler)


def _describe(ind) -> str:
    rng = f"{'' if ind.min is None else plain_number(ind.min)}–{'' if ind.max is None else plain_number(ind.max)}"
    yoy = "" if ind.yoy_warn is None else f"，同比阈值 {ind.yoy_warn:g}{'个百分点' if ind.threshold_in_points else '%'}"
    return (f"{ind.code} {ind.name}（{ind.section}，{ind.unit}，{ind.kind}，{ind.decimals}位小数，范围 {rng}，"
            f"方向 {ind.direction}{yoy}{'，已停用' if ind.hidden else ''}）")


def cmd_indicator_add(args) -> int:
    from desktop import catalog_admin

    with open_services(args) as services:
        fields = {"code": args.code, **_changes(args)}
        ind = catalog_admin.add_indicator(services, fields, reason=args.reason, source="cli")
        version = services.catalog_version()
    print(f"已新增指标：{_describe(ind)}；目录版本 {version}")
    return 0


def cmd_indicator_edit(args) -> int:
    from desktop import catalog_admin

    changes = _changes(args)
    if not changes:
        raise AppError("没有要修改的项目（例如 --name、--max、--yoy-warn）")
    with open_services(args) as services:
        if set(changes) & {"min", "max", "decimals", "kind", "yoy_warn"}:
            # what the new thresholds would have flagged in the stored years, shown before saving
            trial = catalog_admin.try_indicator(services, args.indicator,
                                                **{k: v for k, v in changes.items() if k != "code"})
            print(f"试算：{trial.summary()}")
        ind = catalog_admin.edit_indicator(services, args.indicator, reason=args.reason, source="cli", **changes)
        version = services.catalog_version()
    print(f"已修改指标：{_describe(ind)}；目录版本 {version}")
    return 0


def cmd_indicator_hide(args) -> int:
    from desktop import catalog_admin

    with open_services(args) as services:
        ind = catalog_admin.hide_indicator(services, args.indicator, args.hidden, reason=args.reason, source="cli")
        version = services.catalog_version()
    print(f"{'已停用' if ind.hidden else '已恢复'}指标：{ind.code} {ind.name}；目录版本 {version}")
    return 0


def _print_trial(result, as_json: bool, names: dict[str, str], regions: dict[str, str]) -> None:
    if as_json:
        def flags(fs):
            return [{"region": f.region, "year": f.year, "indicator": f.indicator, "rule": f.rule,
                     "message": f.message} for f in fs]

        print_json({"examined": result.examined, "current": len(result.current), "proposed": len(result.proposed),
                    "newly_flagged": flags(result.newly_flagged), "no_longer_flagged": flags(result.no_longer_flagged)})
        return
    print(result.summary())
    rows = [["新增", regions.get(f.region, f.region), f.year, names.get(f.indicator, f.indicator), f.message]
            for f in result.newly_flagged]
    rows += [["不再标记", regions.get(f.region, f.region), f.year, names.get(f.indicator, f.indicator), f.message]
             for f in result.no_longer_flagged]
    if rows:
        print_table(["变化", "地区", "年份", "指标", "内容"], rows)


def cmd_indicator_try(args) -> int:
    from desktop import catalog_admin

    changes = _changes(args)
    with open_services(args) as services:
        result = catalog_admin.try_indicator(services, args.indicator, before_year=args.before, **changes)
        names = {i.code: i.name for i in services.indicators(include_hidden=True)}
        regions = {r.code: r.name for r in services.regions()}
    _print_trial(result, args.json, names, regions)
    return 0


def _read_text(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    path = Path(name)
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise AppError(f"规则文件不存在：{path}") from None
    except UnicodeDecodeError:
        raise AppError(f"规则文件不是UTF-8编码的文本：{path}") from None
    except OSError as exc:
        raise AppError(f"无法读取规则文件：{path}（{exc.strerror}）") from None


def cmd_rules_show(args) -> int:
    from desktop import catalog_admin

    with open_services(args) as services:
        text = catalog_admin.rules_text(services)
    sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
    return 0


def cmd_rules(args) -> int:
    from desktop import catalog_admin

    text = _read_text(args.file)
    with open_services(args) as services:
        if args.rules_action == "check":
            problem = catalog_admin.check_rules(services, text)
            if problem is not None:
                print(f"错误：{problem.message}", file=sys.stderr)
                return 1
            print(f"规则正确：{len(catalog_admin.parse_rules(services, text))} 条")
        elif args.rules_action == "try":
            result = catalog_admin.try_rules(services, text, before_year=args.before)
            names = {i.code: i.name for i in services.indicators(include_hidden=True)}
            regions = {r.code: r.name for r in services.regions()}
            _print_trial(result, args.json, names, regions)
        else:
            if catalog_admin.check_rules(services, text) is None:
                print(f"试算：{catalog_admin.try_rules(services, text).summary()}")
            changed = catalog_admin.save_rules(services, text, reason=args.reason, source="cli")
            print(f"规则已保存；目录版本 {services.catalog_version()}" if changed else "规则未变化，未保存")
    return 0
