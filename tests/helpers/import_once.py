"""Import one workbook through desktop.exchange, pausing between plan and commit so that the
crash test can kill the process while the commit is under way.

    python import_once.py DB FILE [--no-pause]
Prints "PLANNED <changes>", waits for a line on stdin (unless --no-pause), then "COMMITTED <written>".
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main(argv: list[str]) -> int:
    from desktop.exchange import commit_import, plan_import
    from desktop.services import Services

    services = Services.open(argv[0])
    plan = plan_import(services, [argv[1]])
    print(f"PLANNED {len(plan.changes)}", flush=True)
    if "--no-pause" not in argv:
        sys.stdin.readline()
    result = commit_import(services, plan, validate=False)
    print(f"COMMITTED {result.written}", flush=True)
    services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
