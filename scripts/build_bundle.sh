#!/usr/bin/env bash
# Build the one-folder bundle dist/chi/ (Python, Qt, the program, resources/) from packaging/chi.spec.
#   bash scripts/build_bundle.sh          # → dist/chi/chi  (dist/chi/chi.exe on Windows, see docs/INSTALL.md)
# Needs the project's .venv (scripts/setup.sh) and the `build` extra (PyInstaller), installed here when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if ! .venv/bin/python -c "import PyInstaller" 2>/dev/null; then
  echo "build_bundle: installing the build extra (PyInstaller) into .venv"
  .venv/bin/python -m pip install -q -e '.[test,build]'
fi
.venv/bin/python scripts/build_translations.py   # the .qm files the bundle carries
rm -rf build/chi dist/chi
.venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN \
  --workpath build --distpath dist packaging/chi.spec
# a bundle that cannot start its own command line is not a bundle: fail the build here
env -i HOME="$(mktemp -d)" PATH=/usr/bin:/bin dist/chi/chi --help >/dev/null
echo "build_bundle: dist/chi/ $(du -sm dist/chi | cut -f1) MiB, $(find dist/chi -type f | wc -l) files"
