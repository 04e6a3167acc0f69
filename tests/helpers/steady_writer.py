"""Write values one after another, as `set` does, and report each one after it was saved.

    python steady_writer.py DB
Writes 331081 2021 BEDS_PER_1000 = 1, 2, 3 … (one transaction each, through Services.set_value) and prints
"saved N" after each returned; a refusal prints "refused N: …" and goes on. Stops at a line on stdin
(checked between writes) or after 100,000 writes; prints "done" last.
"""

from __future__ import annotations

import os
import select
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main(argv: list[str]) -> int:
    from desktop.errors import AppError
    from desktop.services import Services

    services = Services.open(argv[0])
    print("READY", flush=True)
    for n in range(1, 100_001):
        if select.select([sys.stdin], [], [], 0)[0]:
            break
        try:
            services.set_value("331081", 2021, "BEDS_PER_1000", float(n))
        except AppError as exc:
            print(f"refused {n}: {exc}", flush=True)
            continue
        print(f"saved {n}", flush=True)
    services.close()
    print("done", flush=True)
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
