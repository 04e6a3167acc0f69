#!/usr/bin/env bash
# Set up, load the demo data into a new store the first time, and open the program.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python main.py init --demo --if-new >/dev/null
exec .venv/bin/python main.py "$@"
