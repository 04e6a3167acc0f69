"""Entry point: no command opens the window; a command runs headless (python main.py --help)."""

from __future__ import annotations

import sys


def _wants_gui(argv: list[str]) -> bool:
    rest = list(argv)
    if rest[:1] == ["--db"] and len(rest) >= 2:
        rest = rest[2:]
    elif rest and rest[0].startswith("--db="):
        rest = rest[1:]
    return not rest


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if _wants_gui(argv):
        from desktop.ui.app import run

        db = None
        if argv[:1] == ["--db"]:
            db = argv[1]
        elif argv and argv[0].startswith("--db="):
            db = argv[0].split("=", 1)[1]
        return run(db)
    from desktop.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
