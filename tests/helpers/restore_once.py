"""Restore a backup through Services.restore, pausing first so that the crash test can kill the
process while the restore is under way.

    python restore_once.py DB BACKUP [--no-pause]
Prints "READY", waits for a line on stdin (unless --no-pause), then "RESTORED".
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main(argv: list[str]) -> int:
    from desktop.services import Services

    services = Services.open(argv[0])
    print("READY", flush=True)
    if "--no-pause" not in argv:
        sys.stdin.readline()
    services.restore(argv[1])
    print("RESTORED", flush=True)
    services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
