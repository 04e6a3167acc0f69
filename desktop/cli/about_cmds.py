"""`about`: the program's version, the store in use, its catalog and schema versions, backups and log."""

from __future__ import annotations

from desktop.cli.common import print_json, print_table


def register(sub) -> None:
    p = sub.add_parser("about", help="版本、数据库位置、指标目录版本、备份位置与日志文件")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_about)


def cmd_about(args) -> int:
    from desktop.first_start import about
    from desktop.services import Services

    # tells where things are, changes nothing: no password asked (the window shows the same under 帮助 → 关于)
    with Services.open(args.db) as services:
        info = about(services)
    if args.json:
        print_json(info)
        return 0
    names = {"version": "版本", "store": "数据库", "catalog_version": "指标目录版本", "schema_version": "数据库结构版本",
             "program_schema_version": "程序支持的结构版本", "backups": "备份位置", "backup_count": "现有备份",
             "log": "日志文件（窗口）", "home_region": "本单位地区", "readonly": "只读打开"}
    print_table(["项目", "内容"], [[names[k], "—" if v is None else ("是" if v is True else "否" if v is False else v)]
                                 for k, v in info.items()])
    return 0
