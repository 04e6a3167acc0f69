#!/usr/bin/env bash
# Set up (with the bench extra: python-calamine) and run every benchmark; each prints its times as ratios
# to a floor measured in the same run. Pass a benchmark's name to run one: bash scripts/bench.sh reports
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m pip install -q -e '.[test,bench]' >/dev/null
export QT_QPA_PLATFORM=offscreen
status=0
for name in ${*:-validation exchange reports upstream ui workflow extract}; do
  echo "=== bench/bench_$name.py"
  .venv/bin/python "bench/bench_$name.py" || status=1  # a benchmark over its budget exits 1; run the rest
done
exit $status
