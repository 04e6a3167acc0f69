"""Commands over the store: init, catalog, regions, set, get, target, audit, user, backup, restore, verify."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from desktop.cli.common import add_user_option, open_services, password_from_env, print_json, print_table
from desktop.domain import ABSENCE_KINDS, AUDIT_FIELD_NAMES, CHECK_NAMES, LEVEL_NAMES, STATUS_NAMES, plain_number
from desktop.services import Services, default_db_path
from desktop.texts import for_terminal


def register(sub) -> None:
    p = sub.add_parser("init", help="建立或升级数据库；--demo 载入种子报告的数据")
    p.add_argument("--demo", action="store_true", help="载入三份种子报告中的数据（瑞安市2021、温州市2023、温岭市目标）")
    p.add_argument("--if-new", action="store_true", help="只在数据库尚不存在时载入演示数据")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("catalog", help="列出指标目录")
    p.add_argument("--json", action="store_true")
    p.add_argument("--all", action="store_true", help="包括已停用的指标")
    p.set_defaults(handler=cmd_catalog)

    p = sub.add_parser("regions", help="列出地区")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_regions)

    p = sub.add_parser("set", help="录入一个数值（'—' 清空）")
    p.add_argument("region")
    p.add_argument("year")
    p.add_argument("indicator")
    p.add_argument("value")
    p.add_argument("--note", default=None, help="说明")
    add_user_option(p)
    p.set_defaults(handler=cmd_set)

    p = sub.add_parser("get", help="显示一个地区一年的数值")
    p.add_argument("region")
    p.add_argument("year")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_get)

    p = sub.add_parser("target", help="设定目标值（'—' 删除）")
    p.add_argument("region")
    p.add_argument("year")
    p.add_argument("indicator")
    p.add_argument("value")
    add_user_option(p)
    p.set_defaults(handler=cmd_target)

    p = sub.add_parser("audit", help="修改记录")
    p.add_argument("region")
    p.add_argument("year")
    p.add_argument("indicator", nargs="?")
    p.add_argument("--json", action="store_true",
                   help="JSON：按设计约定只列数值修改与状态变化；加 --all 列出全部（说明、目标、拒绝的操作等，field 区分）")
    p.add_argument("--all", action="store_true", help="与 --json 同用：列出全部审计记录")
    p.set_defaults(handler=cmd_audit)

    p = sub.add_parser("user", help="用户管理")
    usub = p.add_subparsers(dest="user_command", metavar="add")
    pa = usub.add_parser("add", help="注册用户")
    pa.add_argument("name")
    pa.add_argument("--role", required=True, choices=["clerk", "supervisor", "admin"])
    pa.add_argument("--password-env", metavar="VAR", help="从该环境变量读取新用户的密码（不设则无密码）")
    add_user_option(pa)
    pa.set_defaults(handler=cmd_user_add)
    pl = usub.add_parser("list", help="列出用户")
    pl.add_argument("--json", action="store_true")
    pl.set_defaults(handler=cmd_user_list)

    p = sub.add_parser("backup", help="备份数据库到文件")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", help="从备份恢复（先说明将撤销什么并询问，再自动备份当前数据库）")
    p.add_argument("file", nargs="?", help="备份文件")
    p.add_argument("--latest", action="store_true", help="恢复最新的完好备份（数据库旁的备份文件夹中）")
    p.add_argument("--yes", action="store_true", help="不询问，直接恢复")
    add_user_option(p)
    p.set_defaults(handler=cmd_restore)

    p = sub.add_parser("verify", help="完整性检查：数据库 integrity_check、审计哈希链、各表与审计记录；"
                                      "给出地区和年份时核对该年度的数据摘要")
    p.add_argument("region", nargs="?", help="只核对一个地区年度（与 YEAR 同用）")
    p.add_argument("year", nargs="?")
    p.add_argument("--digest", metavar="D", help="报表上印的本年度数据摘要（至少16位）")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_verify)


def cmd_init(args) -> int:
    from desktop.errors import AuthError, StoreError

    path = Path(args.db) if args.db else default_db_path()
    existed = path.exists() and path.stat().st_size > 0
    demo = args.demo and not (args.if_new and existed)
    if existed:
        # init writes into an existing store as admin (catalog aliases, the demo): admin's password first
        try:
            open_services(args).close()
        except AuthError:
            raise
        except StoreError:
            pass  # a file without a schema yet, or one init cannot open either: init says what is wrong
    with Services.init(path, demo=False) as services:
        if demo:
            n = services.load_demo()
            print(f"已载入演示数据：{n} 个数值")
        print(f"数据库就绪：{services.store.path}（{len(services.regions())} 个地区，"
              f"{len(services.indicators(include_hidden=True))} 个指标，目录版本 {services.catalog_version()}）")
    return 0


def cmd_catalog(args) -> int:
    with open_services(args) as services:
        inds = services.indicators(include_hidden=args.all)
    if args.json:
        out = []
        for i in inds:
            d = dataclasses.asdict(i)
            d["aliases"] = list(i.aliases)
            out.append(d)
        print_json(out)
    else:
        print_table(["代码", "分类", "名称", "单位", "小数", "范围", "同比阈值"],
                    [[i.code, i.section, i.name, i.unit, i.decimals,
                      f"{plain_number(i.min)}–{plain_number(i.max)}" if i.min is not None and i.max is not None else "",
                      "" if i.yoy_warn is None else f"{i.yoy_warn:g}{'个百分点' if i.threshold_in_points else '%'}"]
                     for i in inds])
    return 0


def cmd_regions(args) -> int:
    with open_services(args) as services:
        regions = services.regions()
    if args.json:
        print_json([{"code": r.code, "name": r.name, "level": r.level, "parent_code": r.parent_code}
                    for r in regions])
    else:
        levels = LEVEL_NAMES  # the text table is read, not parsed
        print_table(["代码", "名称", "级别", "上级"],
                    [[r.code, r.name, levels.get(r.level, r.level), r.parent_code or ""] for r in regions])
    return 0


def cmd_set(args) -> int:
    with open_services(args) as services:
        rec = services.set_value(args.region, args.year, args.indicator, args.value, note=args.note, source="cli")
        ind = services.indicator(args.indicator)
        reg = services.region(args.region)
        shown = "（空）" if rec is None or rec.value is None else f"{plain_number(rec.value)} {ind.unit}"
        print(for_terminal(f"{reg.name} {int(args.year)}年 {ind.name}：{shown}"
                           + (f"，说明：{rec.note}" if rec is not None and rec.note else "")))
        # what the form would show at once: the findings on this value (stored all the same; exit 0)
        from desktop.validation import validate

        for f in validate(services, reg.code, int(args.year)):
            if f.indicator == ind.code and f.severity in ("error", "warning"):
                level = CHECK_NAMES[f.severity] + ("（已说明）" if f.cleared else "")
                print(f"  审核{level}：{for_terminal(f.message)}")
    return 0


def cmd_get(args) -> int:
    from desktop.absent import absences

    with open_services(args) as services:
        ry = services.get_region_year(args.region, args.year)
        inds = services.indicators(include_hidden=True)
        from desktop.workflow import review_notes

        status_notes = review_notes(services, ry.region.code, ry.year) if ry.status == "returned" else {}
        marks = absences(services, ry.region.code, ry.year)
    if args.json:
        out = {"region": ry.region.code, "year": ry.year, "status": ry.status,
               "status_reason": ry.status_reason or None, "status_notes": status_notes,
               "values": {code: {"value": rec.value, "note": rec.note} for code, rec in
                          sorted(ry.values.items(), key=lambda kv: [i.code for i in inds].index(kv[0]))}}
        if marks:  # only when some value is marked 不适用 / 本年未统计 (mark-absent)
            out["absent"] = {code: {"kind": a.kind, "reason": a.reason} for code, a in sorted(marks.items())}
        print_json(out)
        return 0
    print(for_terminal(f"{ry.region.name}（{ry.region.code}）{ry.year}年  状态：{STATUS_NAMES.get(ry.status, ry.status)}"
                       + (f"  原因：{ry.status_reason}" if ry.status_reason and ry.status == "returned" else "")))
    names = {i.code: i.name for i in inds}
    for code, text in status_notes.items():
        print(for_terminal(f"  退回意见 {names.get(code, code)}：{text}"))
    rows = []
    for ind in inds:
        rec = ry.values.get(ind.code)
        prior = ry.prior.get(ind.code)
        if rec is None and prior is None and ind.hidden:
            continue
        prior_text = ""
        if prior:
            prior_text = ind.format(prior.value) + ("" if prior.year == ry.year - 1 else f"（{prior.year}年）")
        mark = marks.get(ind.code)
        shown = ind.format(rec.value) if rec and rec.value is not None else (
            f"（{ABSENCE_KINDS[mark.kind]}）" if mark else "")
        rows.append([ind.code, ind.name, ind.unit, shown, prior_text,
                     (rec.note if rec else "") or (mark.reason if mark else "")])
    print_table(["代码", "指标", "单位", "本年", "上年", "说明"], rows)
    return 0


def cmd_target(args) -> int:
    with open_services(args) as services:
        services.set_target(args.region, args.year, args.indicator, args.value)
        ind, reg = services.indicator(args.indicator), services.region(args.region)
        value = services.targets(reg.code, args.year).get(ind.code)
        shown = "（已删除）" if value is None else f"{ind.format(value)} {ind.unit}"
        print(f"{reg.name} {int(args.year)}年 {ind.name} 目标：{shown}")
    return 0


def audit_dict(row) -> dict:
    return {"indicator": row.indicator, "field": row.field, "old": row.old, "new": row.new, "user": row.user,
            "at": row.at, "source": row.source, "reason": row.reason}


CONTRACT_AUDIT_FIELDS = ("value", "status")


def cmd_audit(args) -> int:
    with open_services(args) as services:
        rows = services.audit(args.region, args.year, args.indicator)
        names = {i.code: i.name for i in services.indicators(include_hidden=True)}
    if args.json:
        # the contract's rows: a value change (old/new numbers or null) or a status change (indicator null,
        # old/new statuses); notes, targets, refusals and the rest only with --all, told apart by "field"
        print_json([audit_dict(r) for r in rows if args.all or r.field in CONTRACT_AUDIT_FIELDS])
    else:
        def shown(field: str, value: object) -> object:  # statuses in Chinese, as the audit export and the window
            if value is None:
                return ""
            return STATUS_NAMES.get(value, value) if field == "status" else value

        print_table(["时间", "用户", "指标", "项目", "原值", "新值", "来源", "原因"],
                    [[r.at, r.user, names.get(r.indicator, r.indicator or "（状态）"), AUDIT_FIELD_NAMES.get(r.field, r.field),
                      shown(r.field, r.old), shown(r.field, r.new), r.source, r.reason]
                     for r in rows])
    return 0


def cmd_user_add(args) -> int:
    password = password_from_env(args.password_env)
    with open_services(args) as services:
        user = services.add_user(args.name, args.role, password)
    print(f"用户 {user.name}：{user.role}{'（有密码）' if user.has_password else ''}")
    return 0


def cmd_user_list(args) -> int:
    with open_services(args) as services:
        users = services.users()
    if args.json:
        print_json([{"name": u.name, "role": u.role, "has_password": u.has_password} for u in users])
    else:
        print_table(["用户", "角色", "密码"], [[u.name, u.role, "有" if u.has_password else ""] for u in users])
    return 0


def cmd_backup(args) -> int:
    with open_services(args) as services:
        dest = services.backup(args.output)
    print(f"已备份到：{dest}")
    return 0


def _confirmed(prompt: str) -> bool:
    """A yes from the terminal, or from a line of standard input when it is no terminal."""
    import sys

    if sys.stdin is None:
        return False
    if sys.stdin.isatty():
        try:
            answer = input(prompt)
        except EOFError:
            return False
    else:
        print(prompt, flush=True)
        answer = sys.stdin.readline()
    return answer.strip().lower() in ("y", "yes", "是")


def cmd_restore(args) -> int:
    from desktop.db import backups, hold
    from desktop.errors import AppError, NotAStore, StoreDamaged, StoreLocked, UsageError

    path = Path(args.db) if args.db else default_db_path()
    if bool(args.file) == bool(args.latest):
        raise UsageError("请给出备份文件，或用 --latest 恢复最新的完好备份（二者选一）")
    window = hold.held_elsewhere(path)
    if window is not None:
        raise StoreLocked(f"窗口程序正在使用这个数据库（{window.describe()}），不能恢复；请先关闭窗口")
    source = Path(args.file) if args.file else backups.newest_good_backup(path)
    if source is None:
        raise AppError(f"备份文件夹中没有完好的备份：{backups.backup_dir(path)}，未恢复")
    try:
        services = open_services(args)
    except (StoreDamaged, NotAStore) as exc:
        # a store that cannot be opened is restored file by file (what the damage message advises);
        # a file with no backups beside it may be no store of ours at all: refuse that
        if isinstance(exc, NotAStore) and not backups.list_backups(path):
            raise
        kept = backups.restore_damaged(path, source)
        print(f"已从 {source} 恢复；无法打开的原数据库已移到：{kept}")
        return 0
    with services:
        undone = services.restore_preview(source)
        names = {r.code: r.name for r in services.regions()}
        print(for_terminal(f"从 {source} 恢复将撤销当前数据库中的以下内容：") + "\n"
              + "\n".join("  " + for_terminal(line) for line in undone.lines(names)))
        if not args.yes and not _confirmed("确定恢复吗？输入 y 确认："):
            raise AppError(f"未恢复（没有确认；交互时输入 y，或加 --yes）：{source}")
        safety = services.restore(source)
    print(f"已从 {source} 恢复；恢复前的数据库已备份到：{safety}")
    return 0


def cmd_verify_region_year(args) -> int:
    from desktop import digest as digest_mod
    from desktop.domain import STATUS_NAMES

    with open_services(args) as services:
        out = digest_mod.check(services, args.region, args.year, args.digest)
        reg = services.region(args.region)
    ok = out["audit_agrees"] and out["matches"] is not False
    if args.json:
        print_json({"ok": ok, **out})
        return 0 if ok else 1
    print(f"{reg.name}（{reg.code}）{out['year']}年  状态：{STATUS_NAMES.get(out['status'], out['status'])}")
    print(f"本年度数据摘要：{out['digest']}")
    if out["matches"] is True:
        print("与报表上的摘要一致：数值、说明和状态变更记录都未改变")
    elif out["matches"] is False:
        when = f"（报表上的摘要对应 {out['printed_at']} 时的数据）" if out["printed_at"] else ""
        print(f"与报表上的摘要不一致{when}，之后的变化：")
        for line in out["changes"]:
            print(for_terminal(f"  {line}"))
    if not out["audit_agrees"]:
        print("库中数据与审计记录不一致（在程序之外被改动）：")
        for line in out["audit_problems"]:
            print(for_terminal(f"  {line}"))
    return 0 if ok else 1


def cmd_verify(args) -> int:
    from desktop.errors import UsageError

    if args.region is not None:
        if args.year is None:
            raise UsageError("核对一个地区年度须给出地区和年份：verify REGION YEAR [--digest D]")
        return cmd_verify_region_year(args)
    if args.digest:
        raise UsageError("--digest 须与地区和年份同用：verify REGION YEAR --digest D")
    with open_services(args) as services:
        integrity = services.store.integrity_check()
        chain = services.verify_audit()
        head = services.audit_chain_head()
        values = services.verify_values()
        tables = services.verify_store()
    notes = tables.pop("catalog_note", [])
    ok = integrity == ["ok"] and not chain and not values and not any(tables.values())
    if args.json:
        print_json({"ok": ok, "integrity": integrity, "audit_chain": chain, "chain_head": head, "values": values,
                    **tables, "notes": notes})
    else:
        print(f"integrity_check：{'ok' if integrity == ['ok'] else '；'.join(integrity)}")
        print(for_terminal(f"审计哈希链：{'完整' if not chain else '；'.join(chain)}（链头 {head[:16]}）"))
        print(for_terminal(f"数值与审计记录：{'一致' if not values else '；'.join(values)}"))
        for key, label in VERIFIED_TABLES:
            found = tables.get(key, [])
            print(for_terminal(f"{label}与审计记录：{'一致' if not found else '；'.join(found)}"))
        for note in notes:
            print(for_terminal(f"注意：{note}"))
    return 0 if ok else 1


VERIFIED_TABLES = [("statuses", "状态"), ("users", "用户与密码"), ("targets", "目标值"), ("catalog", "指标目录"),
                   ("rules", "审核规则"), ("submissions", "提交记录"), ("absent", "不适用标记"),
                   ("audit_sequence", "审计计数器")]
