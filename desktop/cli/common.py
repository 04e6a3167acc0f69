"""What the command modules share: opening the services for --db/--user, printing JSON and tables."""

from __future__ import annotations

import json
import os
import re
import sys
import unicodedata

from desktop.errors import AppError
from desktop.services import DEFAULT_USER, Services
from desktop.texts import for_terminal
from desktop.workflow import authenticate_cli

_C1 = re.compile(r"[\x7f-\x9f]")

PASSWORD_ENV = "CHI_PASSWORD"
# "a window holds the store, opened read-only": said at the end of a command that succeeded
NOTICES: list[str] = []


def add_user_option(parser) -> None:
    parser.add_argument("--user", default=None, metavar="NAME",
                        help=f"操作用户（默认 {DEFAULT_USER}）；有密码的用户从环境变量 {PASSWORD_ENV} 或标准输入读取密码")


def open_services(args, **kw) -> Services:
    """Services for args.db acting as args.user, the password checked when the user has one."""
    user = getattr(args, "user", None) or DEFAULT_USER
    services = Services.open(args.db, user=user, **kw)
    if services.store.held_by is not None and services.store.notice not in NOTICES:
        NOTICES.append(services.store.notice)  # said once the command succeeded (a refusal already says it)
    try:
        authenticate_cli(services, read_password)
    except BaseException:
        services.close()
        raise
    return services


def password_from_env(var: str | None) -> str | None:
    """The new password in environment variable `var` (None when no variable is named)."""
    if not var:
        return None
    password = os.environ.get(var)
    if not password:
        raise AppError(f"环境变量 {var} 未设置或为空")
    return password


def read_password(prompt: str) -> str | None:
    """The password from $CHI_PASSWORD, else a line of standard input (a prompt when it is a terminal)."""
    if PASSWORD_ENV in os.environ:
        return os.environ[PASSWORD_ENV]
    if sys.stdin is None:
        return None
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass(prompt)
    line = sys.stdin.readline()
    return line.rstrip("\r\n") if line else None


def print_json(data) -> None:
    # json escapes C0 controls itself; the C1 ones (CSI U+009B acts like ESC [ on a terminal) are escaped here
    text = json.dumps(data, ensure_ascii=False, indent=2)
    sys.stdout.write(_C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def print_table(headers: list[str], rows: list[list[object]]) -> None:
    """A plain text table that lines up Chinese (double-width) text."""
    cells = [[("" if c is None else for_terminal(c)) for c in row] for row in rows]
    widths = [max([_width(h)] + [_width(r[i]) for r in cells]) for i, h in enumerate(headers)]

    def line(values):
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()

    out = [line(headers), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    sys.stdout.write("\n".join(out) + "\n")
