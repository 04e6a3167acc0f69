"""The headless command line: a thin shell over desktop.services (docs/CLI.md holds the contract: commands, exit codes, JSON shapes)."""

from __future__ import annotations

import argparse
import re
import sys

from desktop.cli import (
    about_cmds,
    absent_cmds,
    catalog_cmds,
    exchange_cmds,
    extract_cmds,
    report_cmds,
    store_cmds,
    upstream_cmds,
    validate_cmds,
    workflow_cmds,
)
from desktop.errors import AppError

COMMAND_MODULES = [store_cmds, validate_cmds, workflow_cmds, exchange_cmds, report_cmds, extract_cmds, catalog_cmds,
                   about_cmds, upstream_cmds, absent_cmds]


# argparse's own messages (Python 3.11 wording), said in Chinese: the user reads one clear Chinese line
_ARGPARSE_MESSAGES = [
    (re.compile(r"the following arguments are required: (.*)"), r"缺少参数：\1"),
    (re.compile(r"unrecognized arguments: (.*)"), r"无法识别的参数：\1"),
    (re.compile(r"one of the arguments (.*) is required"), r"须给出以下参数之一：\1"),
    (re.compile(r"argument (.*?): invalid choice: (.*?) \(choose from (.*)\)"), r"参数 \1 的值 \2 无效，可选：\3"),
    (re.compile(r"argument (.*?): expected one argument"), r"参数 \1 后面缺少一个值"),
    (re.compile(r"argument (.*?): expected at least one argument"), r"参数 \1 后面至少需要一个值"),
    (re.compile(r"argument (.*?): invalid (.*?) value: (.*)"), r"参数 \1 的值 \3 无效"),
    (re.compile(r"argument (.*?): not allowed with argument (.*)"), r"参数 \1 不能与 \2 同时使用"),
    (re.compile(r"ambiguous option: (.*?) could match (.*)"), r"选项 \1 不明确，可能是：\2"),
]


def _in_chinese(message: str) -> str:
    for pattern, words in _ARGPARSE_MESSAGES:
        if pattern.fullmatch(message):
            return pattern.sub(words, message)
    return message


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # exit 2 with one line, as argparse does, but in the house words
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: 用法错误：{_in_chinese(message)}\n")


def build_parser() -> argparse.ArgumentParser:
    import desktop

    parser = _Parser(prog="chi" if desktop.command_name() == "chi" else "main.py", description="县卫生健康指标：无界面命令行。不带命令时打开窗口。")
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
    from desktop.cli.common import NOTICES

    NOTICES.clear()
    try:
        code = int(args.handler(args) or 0)
        if code == 0:
            for notice in NOTICES:
                print(f"注意：{notice}", file=sys.stderr)
        return code
    except AppError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a file the command was given that the system refused: one line, no traceback
        where = f"：{exc.filename}" if exc.filename else ""
        print(f"错误：无法访问文件{where}（{exc.strerror or exc}）", file=sys.stderr)
        return 1
