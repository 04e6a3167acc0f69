"""Run a command as a child under an address-space limit and report its peak memory.

    python run_measured.py LIMIT_MB -- COMMAND...
Prints one JSON line: {"rc", "stdout", "stderr", "peak_rss_mb", "seconds"}. The peak is the child's
ru_maxrss (RUSAGE_CHILDREN of this otherwise idle process, so nothing else is counted).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    limit_mb = int(argv[0])
    cmd = argv[argv.index("--") + 1:]

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit_mb * 1024 * 1024, limit_mb * 1024 * 1024))

    t0 = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, preexec_fn=limit)
    seconds = time.perf_counter() - t0
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"rc": out.returncode, "stdout": out.stdout[-4000:], "stderr": out.stderr[-4000:],
                      "peak_rss_mb": round(peak_kb / 1024, 1), "seconds": round(seconds, 2)}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
