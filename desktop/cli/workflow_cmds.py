"""submit | approve | return | reopen REGION YEAR --user NAME [--reason TEXT] (issue 7)."""

from __future__ import annotations

from desktop.cli.common import add_user_option


def register(sub) -> None:
    for name, text in (("submit", "提交"), ("approve", "审核通过"), ("return", "退回"), ("reopen", "重新打开已审核的数据")):
        p = sub.add_parser(name, help=text)
        p.add_argument("region")
        p.add_argument("year")
        p.add_argument("--reason", default="", help="原因（退回、重新打开时必填）")
        add_user_option(p)
        p.set_defaults(handler=None)
