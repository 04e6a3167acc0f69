"""The headless command line: a thin shell over desktop.services (see DESIGN.md for the contract)."""

from __future__ import annotations

import argparse
import sys

from desktop.cli import (
    catalog_cmds,
    exchange_cmds,
    extract_cmds,
    report_cmds,
    store_cmds,
    validate_cmds,
    workflow_cmds,
)
from desktop.errors import AppError

COMMAND_MODULES = [store_cmds, validate_cmds, workflow_cmds, exchange_cmds, report_cmds, extract_cmds, catalog_cmds]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # exit 2 with one line, as argparse does, but in the house words
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: 用法错误：{message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="main.py", description="县卫生健康指标：无界面命令行。不带命令时打开窗口。")
    parser.add_argument("--db", metavar="PATH", help="数据库文件（默认在用户数据目录，或环境变量 CHI_DB）")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        code = args.handler(args)
        return int(code or 0)
    except AppError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
