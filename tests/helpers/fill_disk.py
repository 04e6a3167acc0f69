"""Fill the disk under a store with commits until the program refuses one; then check what is kept.

    python fill_disk.py DB
Run on a small file system. Prints one JSON line: the commits reported, the refusal (type and
message), integrity_check, whether every reported commit is there, and whether a write after
space was freed succeeds.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main(argv: list[str]) -> int:
    from desktop.domain import ValueChange
    from desktop.errors import AppError
    from desktop.services import Services

    db = Path(argv[0])
    ballast = db.with_name("ballast.bin")
    services = Services.open(db)
    codes = sorted(i.code for i in services.indicators())
    reported, refusal = [], None
    for k in range(10_000):
        year = 2000 + k // len(codes)
        note = f"说明{k}：" + "很长的说明" * 390  # ~6 KB a note (notes are at most 2,000 characters)
        # the note five times over under other years: ~30 KB a commit
        extra = [ValueChange("331081", 1950 + (k * 5 + j) % 49, codes[k % len(codes)], float(k), note)
                 for j in range(4)]
        try:
            services.apply_changes([ValueChange("331081", year, codes[k % len(codes)], float(k), note)] + extra,
                                   "cli")
            reported.append(k)
        except AppError as exc:
            refusal = {"type": type(exc).__name__, "message": str(exc)}
            break
    # the same connection keeps working for reads after the refusal
    ry_ok = all(services.get_region_year("331081", 2000 + k // len(codes)).values[codes[k % len(codes)]].value
                == float(k) for k in reported)
    services.close()
    # free space (the clerk deletes a file) and write again, in a new program
    if ballast.exists():
        ballast.unlink()
    again = Services.open(db)
    try:
        again.set_value("331081", 2030, codes[0], "1")
        write_after = True
    except AppError as exc:
        write_after = str(exc)
    integrity = again.store.integrity_check()
    present = all(again.get_region_year("331081", 2000 + k // len(codes)).values[codes[k % len(codes)]].note
                  .startswith(f"说明{k}：") for k in reported)
    chain = again.verify_audit()
    again.close()
    print(json.dumps({"reported": len(reported), "refusal": refusal, "reads_ok": ry_ok, "integrity": integrity,
                      "all_present": present, "write_after_freeing": write_after, "chain": chain},
                     ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
