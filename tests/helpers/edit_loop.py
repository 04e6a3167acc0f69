"""One of two programs editing one store at once: N commits through Services.apply_changes as USER.

    python edit_loop.py DB USER YEAR N
Prints "DONE <commits> <refusals>" and, for each refusal, the message.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main(argv: list[str]) -> int:
    from desktop.domain import ValueChange
    from desktop.errors import AppError
    from desktop.services import Services

    db, user, year, n = argv[0], argv[1], int(argv[2]), int(argv[3])
    services = Services.open(db, user=user)
    codes = sorted(i.code for i in services.indicators())[:10]
    done, refused, messages = 0, 0, []
    for k in range(n):
        try:
            services.apply_changes([ValueChange("331081", year, codes[k % len(codes)], float(k + 1))], "cli")
            done += 1
        except AppError as exc:
            refused += 1
            messages.append(str(exc))
    print(f"DONE {done} {refused}")
    for m in messages[:5]:
        print(m)
    services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
