"""submit | approve | return | reopen REGION YEAR --user NAME [--reason TEXT]; changes; audit-export."""

from __future__ import annotations

from desktop.cli.common import (
    add_user_option,
    open_services,
    password_from_env,
    print_json,
    print_table,
    read_password,
)
from desktop.domain import STATUS_NAMES
from desktop.errors import AuthError, UsageError
from desktop.services import DEFAULT_USER, Services


def register(sub) -> None:
    for name, text in (("submit", "提交"), ("approve", "审核通过"), ("return", "退回（已提交的；上级：已审核或已接收的）"),
                       ("reopen", "重新打开已审核的数据"), ("accept", "上级接收已审核的县级数据（接收后锁定）")):
        p = sub.add_parser(name, help=text)
        p.add_argument("region")
        p.add_argument("year")
        p.add_argument("--reason", default="", help="原因（退回、重新打开时必填）")
        if name == "return":
            p.add_argument("--note", action="append", default=[], metavar="INDICATOR=TEXT",
                           help="对单项数值的意见（指标代码或名称=意见，可重复）")
        add_user_option(p)
        p.set_defaults(handler=_transition_handler(name))

    p = sub.add_parser("changes", help="自上次提交以来的变化：每个数值的提交值与当前值（重新提交的：与退回的版本相比）")
    p.add_argument("region")
    p.add_argument("year")
    p.add_argument("--all", action="store_true", help="也列出未变化的数值")
    p.add_argument("--json", action="store_true")
    add_user_option(p)
    p.set_defaults(handler=cmd_changes)

    p = sub.add_parser("passwd", help="设定或取消用户密码（管理员可改任何人的；其他用户只能改自己的）")
    p.add_argument("name")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--password-env", metavar="VAR", help="从该环境变量读取新密码")
    group.add_argument("--remove", action="store_true", help="取消密码")
    add_user_option(p)
    p.set_defaults(handler=cmd_passwd)

    p = sub.add_parser("audit-export", help="把修改记录导出为Excel工作簿（不给地区和年份时导出全部，含指标目录的修改）")
    p.add_argument("region", nargs="?")
    p.add_argument("year", nargs="?")
    p.add_argument("indicator", nargs="?")
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    p.add_argument("--field", action="append", default=None, metavar="FIELD",
                   help="只导出这类记录：value, note, status, target, catalog, rules, user, login, denied（可重复）")
    p.add_argument("--since", default=None, metavar="YYYY-MM-DD")
    p.add_argument("--until", default=None, metavar="YYYY-MM-DD")
    p.add_argument("--by", default=None, metavar="NAME", help="只导出该用户的记录")
    add_user_option(p)
    p.set_defaults(handler=cmd_audit_export)


def open_for_approval(args, action: str) -> Services:
    """Services acting as --user, the password checked; failed log-ins for approval commands are audited."""
    from desktop import workflow

    name = getattr(args, "user", None) or DEFAULT_USER
    try:
        services = Services.open(args.db, user=name)
    except AuthError as exc:
        # the user is unknown: record the attempt with the store's own identity, then refuse
        try:
            recorder = Services.open(args.db, user=DEFAULT_USER)
        except Exception:
            raise exc from None
        try:
            workflow.record_unknown_user(recorder, name, action, args.region, args.year, str(exc))
        finally:
            recorder.close()
        raise
    try:
        workflow.authenticate_cli(services, read_password, concerning=(action, args.region, args.year))
    except BaseException:
        services.close()
        raise
    return services


def _transition_handler(action: str):
    def handler(args) -> int:
        from desktop import workflow

        notes = {}
        for item in getattr(args, "note", None) or []:
            key, sep, text = item.replace("＝", "=").partition("=")
            if not sep or not key.strip() or not text.strip():
                raise UsageError(f"--note 应为 指标=意见：{item!r}")
            notes[key.strip()] = text.strip()
        with open_for_approval(args, action) as services:
            before = services.dataset(args.region, args.year).status
            ds = workflow.transition(services, action, args.region, args.year, reason=args.reason, source="cli",
                                     notes=notes)
            reg = services.region(args.region)
        extra = f"，原因：{ds.reason}" if ds.reason else ""
        if notes:
            extra += f"，逐项意见 {len(notes)} 条"
        print(f"{reg.name} {ds.year}年：{STATUS_NAMES[before]} → {STATUS_NAMES[ds.status]}"
              f"（{workflow.ACTION_NAMES[action]}，{ds.updated_by}{extra}）")
        return 0

    handler.__name__ = f"cmd_{action}"
    return handler


def cmd_changes(args) -> int:
    from desktop import workflow

    with open_services(args) as services:
        comp = workflow.since_last_submission(services, args.region, args.year)
        reg = services.region(args.region)
        inds = {i.code: i for i in services.indicators(include_hidden=True)}
        status = services.dataset(args.region, args.year).status
        review = workflow.since_returned_version(services, args.region, args.year) if status == "submitted" else None
        if review is not None:  # submitted again after a return: what the supervisor reviews is the change since then
            comp = review.comparison
    rows = comp.rows if args.all else comp.changed
    if args.json:
        print_json({"region": reg.code, "year": int(args.year), "status": status,
                    "submitted_at": comp.submission.at if comp.submission else None,
                    "submitted_by": comp.submission.user if comp.submission else None,
                    "compared_with": "returned" if review is not None else "last_submission",
                    "return_reason": review.reason if review is not None else None,
                    "values": [{"indicator": r.indicator, "submitted": r.submitted_value,
                                "submitted_note": r.submitted_note, "current": r.current_value,
                                "current_note": r.current_note, "changed": r.changed} for r in rows]})
        return 0
    if comp.submission is None:
        print(f"{reg.name} {int(args.year)}年数据尚未提交过")
        return 0
    if review is not None:
        print(f"{reg.name} {int(args.year)}年  状态：{STATUS_NAMES[status]}（重新提交）  退回的版本：{comp.submission.at}"
              f"（{comp.submission.user}），退回原因：{review.reason}（{review.by}），变化 {len(comp.changed)} 项")
    else:
        print(f"{reg.name} {int(args.year)}年  状态：{STATUS_NAMES[status]}  上次提交：{comp.submission.at}"
              f"（{comp.submission.user}），变化 {len(comp.changed)} 项")

    def fmt(code, v):
        ind = inds.get(code)
        return "" if v is None else (ind.format(v) if ind else f"{v:g}")

    print_table(["代码", "指标", "提交值", "当前值", "提交时说明", "当前说明", "变化"],
                [[r.indicator, inds[r.indicator].name if r.indicator in inds else r.indicator,
                  fmt(r.indicator, r.submitted_value), fmt(r.indicator, r.current_value),
                  r.submitted_note, r.current_note, "是" if r.changed else ""] for r in rows])
    return 0


def cmd_passwd(args) -> int:
    from desktop import workflow

    password = password_from_env(args.password_env)
    with open_services(args) as services:
        user = workflow.set_password(services, args.name, password)
    print(f"用户 {user.name} 的密码已{'设定' if user.has_password else '取消'}")
    return 0


def cmd_audit_export(args) -> int:
    from desktop import workflow
    from desktop.audit_export import export_audit

    if args.region is not None and args.year is None:
        raise UsageError("给出地区时也须给出年份：audit-export REGION YEAR [INDICATOR] -o FILE.xlsx")
    with open_services(args) as services:
        rows = workflow.find_audit(services, args.region, args.year, args.indicator, fields=args.field,
                                   user=args.by, since=args.since, until=args.until)
        path = export_audit(services, rows, args.output)
    print(f"已导出 {len(rows)} 条修改记录：{path}")
    return 0
