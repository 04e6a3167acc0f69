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
