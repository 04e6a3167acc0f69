"""What the benchmarks share: the median wall time of repeated calls (machines here are noisy)."""

from __future__ import annotations

import statistics
import time


def median_time(fn, repeat: int) -> float:
    """Median seconds of `repeat` calls of fn()."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def ratio_table(results, title: str = "what", digits: int = 3) -> bool:
    """Print (name, ours, floor, budget) rows with their ratios, OVER where a ratio exceeds its budget; True
    when none does."""
    print(f"{title:34} {'ours':>9} {'floor':>9} {'ratio':>7} {'budget':>7}")
    ok = True
    for name, ours, floor, budget in results:
        ratio = ours / floor
        ok &= ratio <= budget
        print(f"{name:34} {ours:8.{digits}f}s {floor:8.{digits}f}s {ratio:6.2f}x {budget:6.1f}x "
              f"{'ok' if ratio <= budget else 'OVER'}")
    return ok
