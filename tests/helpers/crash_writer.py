"""A writer process for the crash tests: commits values through Services.apply_changes and prints
each commit only after it returned, so the parent knows which commits were reported.

    python crash_writer.py DB SEED [--backup-every N]

Commit number s writes the value s (and the note "n<s>") to the keys `keys_of(seed, s)`; values
only grow, so the parent can replay the reported commits and compare the store with them.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

REGIONS = ("331081", "330381", "330302")
YEARS = tuple(range(2016, 2024))
N_INDICATORS = 12
MAX_BATCH = 6


def all_keys(indicator_codes: list[str]) -> list[tuple[str, int, str]]:
    codes = sorted(indicator_codes)[:N_INDICATORS]
    return [(r, y, c) for r in REGIONS for y in YEARS for c in codes]


def keys_of(seed: str, seq: int, keys: list[tuple[str, int, str]]) -> list[tuple[str, int, str]]:
    rng = random.Random(f"{seed}:{seq}")
    return rng.sample(keys, rng.randint(1, MAX_BATCH))


def main(argv: list[str]) -> int:
    from desktop.domain import ValueChange
    from desktop.services import Services

    db, seed = argv[0], argv[1]
    backup_every = int(argv[argv.index("--backup-every") + 1]) if "--backup-every" in argv else 0
    services = Services.open(db)
    keys = all_keys([i.code for i in services.indicators(include_hidden=True)])
    # the next commit number: one past the largest committed (reported or not)
    with services.store.reading() as d:
        top = d.execute("SELECT max(value) FROM value").fetchone()[0]
    seq = int(top or 0) + 1
    print(f"START {seq}", flush=True)
    while True:
        changes = [ValueChange(r, y, c, float(seq), f"n{seq}") for r, y, c in keys_of(seed, seq, keys)]
        services.apply_changes(changes, source="cli")
        print(f"COMMIT {seq}", flush=True)
        if backup_every and seq % backup_every == 0:
            services.backup(reason="crash-test")
            print(f"BACKUP {seq}", flush=True)
        seq += 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
