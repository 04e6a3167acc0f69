#!/usr/bin/env bash
# Before a release: build the bundle and the .deb, install and use it as a clerk (smoke_deb.sh), and print
# the figures recorded in the README (date, sizes, times). Run as root on a Debian-based machine.
#   bash scripts/release_check.sh [--bench]     # --bench adds bench/bench_bundle.py (bundle against venv start-up)
# Not part of .ci/run: the three steps take about 5-6 minutes on the shared 2-core machine (see the README).
set -euo pipefail
cd "$(dirname "$0")/.."
now() { date +%s; }
t0=$(now)
bash scripts/build_bundle.sh
t1=$(now)
bash scripts/build_deb.sh
t2=$(now)
bash scripts/smoke_deb.sh
t3=$(now)
deb=$(ls -t dist/chi_*.deb | head -1)
echo
echo "release_check: $(date -u +%Y-%m-%d) on $(nproc) cores"
echo "  bundle dist/chi/: $(du -sm dist/chi | cut -f1) MiB, built in $((t1 - t0)) s"
echo "  $deb: $(du -m "$deb" | cut -f1) MiB, built in $((t2 - t1)) s"
echo "  smoke test (install, headless, window, remove): $((t3 - t2)) s"
echo "  total $((t3 - t0)) s"
if [ "${1:-}" = "--bench" ]; then
  .venv/bin/python bench/bench_bundle.py
fi
