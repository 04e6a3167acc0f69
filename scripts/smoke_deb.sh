#!/usr/bin/env bash
# Install the .deb as an office would and use it as a clerk who is not root, on a clean home directory and
# with no project virtualenv on the path; then remove it and check nothing is left. Needs root (dpkg, useradd).
#   bash scripts/smoke_deb.sh [dist/chi_X_amd64.deb]     # screenshots go to dist/smoke/
# Leaves the machine as it found it: the package removed, the test user deleted, its X server stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
if [ "$(id -u)" != 0 ]; then
  echo "smoke_deb: SKIPPED: needs root (dpkg -i, useradd)" >&2
  exit 77
fi
DEB=${1:-$(ls -t dist/chi_*.deb 2>/dev/null | head -1)}
[ -n "$DEB" ] && [ -f "$DEB" ] || { echo "smoke_deb: no dist/chi_*.deb: run scripts/build_deb.sh first" >&2; exit 1; }
DEB=$(readlink -f "$DEB")
SMOKE_USER=chi-smoke
DISPLAY_NO=${SMOKE_DISPLAY:-:93}
OUT=$REPO/dist/smoke
PY=$REPO/.venv/bin/python      # only the test's own checks (reading a PDF or workbook) use it, never the clerk
rm -rf "$OUT" && mkdir -p "$OUT"
XVFB_PID=""
GUI_PID=""

fail() { echo "smoke_deb: FAILED: $*" >&2; exit 1; }
cleanup() {
  [ -n "$GUI_PID" ] && kill "$GUI_PID" 2>/dev/null || true
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
  if dpkg-query -W -f='${Status}' chi 2>/dev/null | grep -q "installed\|config-files"; then dpkg --purge chi >/dev/null || true; fi
  id "$SMOKE_USER" >/dev/null 2>&1 && userdel -r "$SMOKE_USER" 2>/dev/null || true
}
trap cleanup EXIT

# as the clerk: a login-like clean environment, no virtualenv, no project on PATH or PYTHONPATH
as_clerk() {
  runuser -u "$SMOKE_USER" -- env -i HOME="/home/$SMOKE_USER" USER="$SMOKE_USER" LOGNAME="$SMOKE_USER" \
    PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 ${CLERK_ENV:-} "$@"
}

echo "smoke_deb: installing $DEB"
if dpkg-query -W -f='${Status}' chi 2>/dev/null | grep -q "installed\|config-files"; then dpkg --purge chi >/dev/null; fi
dpkg -i "$DEB" >/dev/null
[ -x /opt/chi/chi ] || fail "/opt/chi/chi not installed"
[ "$(readlink -f /usr/bin/chi)" = /opt/chi/chi ] || fail "/usr/bin/chi does not lead to /opt/chi/chi"
grep -q '^Name=县卫生健康指标填报系统$' /usr/share/applications/chi.desktop || fail "menu entry without its Chinese name"
grep -q '^Exec=/opt/chi/chi$' /usr/share/applications/chi.desktop || fail "menu entry does not start /opt/chi/chi"
[ -f /usr/share/icons/hicolor/256x256/apps/chi.png ] || fail "icon not installed"

id "$SMOKE_USER" >/dev/null 2>&1 && userdel -r "$SMOKE_USER" 2>/dev/null
useradd -m -s /bin/bash "$SMOKE_USER"
H=/home/$SMOKE_USER
[ -z "$(ls -A "$H" | grep -v '^\.\(bashrc\|profile\|bash_logout\)$' || true)" ] || fail "home directory of $SMOKE_USER is not clean"
as_clerk sh -c 'command -v python3 >/dev/null && python3 -c "import PySide6" 2>/dev/null' \
  && fail "PySide6 importable by the clerk's python3: the test would not show the bundle runs on its own"

echo "smoke_deb: headless, as $SMOKE_USER"
as_clerk chi init --demo > "$OUT/init.txt"
STORE=$H/.local/share/county-health-indicators/indicators.sqlite
[ -f "$STORE" ] || fail "store not in the user data directory ($STORE)"
as_clerk sh -c 'cd && chi report 瑞安市 2021 -o 瑞安市_2021.pdf' > "$OUT/report.txt"
pdftotext "$H/瑞安市_2021.pdf" "$OUT/report_text.txt"  # to a file: grep -q closing a pipe early fails pipefail
grep -q "瑞安市 2021年 卫生健康指标汇总" "$OUT/report_text.txt" || fail "the PDF's text does not give back its title"
grep -q "34.29" "$OUT/report_text.txt" || fail "the PDF lacks the demo's 医疗服务收入占比 34.29"
pdffonts "$H/瑞安市_2021.pdf" | awk 'NR > 2 && $(NF-4) != "yes" {bad = 1} END {exit bad}' || fail "a font in the PDF is not embedded"
as_clerk sh -c 'cd && chi report 温州市 2023 -o 温州市_2023.xlsx' >> "$OUT/report.txt"
[ -s "$H/温州市_2023.xlsx" ] || fail "no county comparison workbook"

# an upstream office's workbook: the entry template of 温岭市 2022, filled in by someone else
as_clerk sh -c 'cd && chi template 温岭市 2022 -o 温岭市_2022_模板.xlsx' > /dev/null
"$PY" - "$H/温岭市_2022_模板.xlsx" "$H/温岭市_2022.xlsx" <<'PYFILL'
import sys
from openpyxl import load_workbook
wb = load_workbook(sys.argv[1])
ws = wb["数据"]
head = [c.value for c in ws[1]]
code, value = head.index("指标代码"), head.index("数值")
filled = {"POP_RESIDENT": 145.67, "LIFE_EXPECTANCY": 81.52, "HOSPITAL_BEDS": 5123}
for row in ws.iter_rows(min_row=2):
    if row[code].value in filled:
        row[value].value = filled[row[code].value]
wb.save(sys.argv[2])
PYFILL
chown "$SMOKE_USER:" "$H/温岭市_2022.xlsx"
as_clerk sh -c 'cd && chi import 温岭市_2022.xlsx' > "$OUT/import.txt" || fail "import refused: $(cat "$OUT/import.txt")"
as_clerk chi get 温岭市 2022 --json > "$OUT/get.json"
"$PY" - "$OUT/get.json" <<'PYCHECK' || fail "the imported values did not come back from the store"
import json, sys
got = json.load(open(sys.argv[1]))["values"]
want = {"POP_RESIDENT": 145.67, "LIFE_EXPECTANCY": 81.52, "HOSPITAL_BEDS": 5123}
bad = {k: (got.get(k) or {}).get("value") for k in want if (got.get(k) or {}).get("value") != want[k]}
sys.exit(f"imported values differ: {bad}" if bad else 0)
PYCHECK

# figures out of a report in traditional characters: OpenCC's dictionaries travel in the bundle
printf '2021年，全市人均預期壽命達到82.30歲，每千人口醫療機構床位數達到5.12張。\n' > "$H/報告.txt"
chown "$SMOKE_USER:" "$H/報告.txt"
as_clerk sh -c 'cd && chi extract 報告.txt --region 瑞安市 --year 2021 --json' > "$OUT/extract.json" \
  || fail "extract failed: $(cat "$OUT/extract.json")"
"$PY" - "$OUT/extract.json" <<'PYCHECK' || fail "extract did not find the two figures of the traditional text"
import json, sys
got = {p["indicator"]: p["value"] for p in json.load(open(sys.argv[1]))}
sys.exit(0 if got.get("LIFE_EXPECTANCY") == 82.3 and got.get("BEDS_PER_1000") == 5.12 else f"found {got}")
PYCHECK

echo "smoke_deb: the window under Xvfb $DISPLAY_NO"
Xvfb "$DISPLAY_NO" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
sleep 1
shot() {  # wait until a top-level window named $1 is mapped, then screenshot the screen to $2
  for _ in $(seq 1 60); do
    tree=$(DISPLAY=$DISPLAY_NO xwininfo -root -tree 2>/dev/null || true)
    if grep -qF "$1" <<< "$tree"; then
      sleep 2
      DISPLAY=$DISPLAY_NO xwd -root -silent | "$PY" "$REPO/scripts/xwd_to_png.py" - "$2"
      return 0
    fi
    kill -0 "$GUI_PID" 2>/dev/null || fail "the window's process ended before showing \"$1\""
    sleep 0.5
  done
  fail "no window \"$1\" within 30 s"
}
start_window() {  # `chi` as the clerk on the Xvfb screen; GUI_PID is runuser's, which hands a TERM on to chi
  runuser -u "$SMOKE_USER" -- env -i HOME="$H" USER="$SMOKE_USER" LOGNAME="$SMOKE_USER" \
    PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 DISPLAY="$DISPLAY_NO" chi > "$1" 2>&1 &
  GUI_PID=$!
}
stop_window() {
  kill "$GUI_PID"; wait "$GUI_PID" 2>/dev/null || true; GUI_PID=""
  for _ in $(seq 1 20); do pgrep -u "$SMOKE_USER" >/dev/null || return 0; sleep 0.25; done
  fail "the window's process outlived its stop"
}
# the store made by `init --demo` above: straight to the main window (one user, admin, no password yet)
start_window "$OUT/window.log"
shot "县卫生健康指标填报系统" "$OUT/window.png"
stop_window
# a clean home and no store: the first-start dialog
rm -rf "$H/.local/share/county-health-indicators" "$H/.config/county-health-indicators"
start_window "$OUT/first_start.log"
shot "${FIRST_START_TITLE:-首次使用}" "$OUT/first_start.png"
stop_window
kill "$XVFB_PID"; wait "$XVFB_PID" 2>/dev/null || true; XVFB_PID=""

echo "smoke_deb: admin's password, as the command line takes it"
as_clerk chi init --demo > /dev/null
CLERK_ENV="NEW_PW=geheim12" as_clerk chi passwd admin --password-env NEW_PW > /dev/null
CLERK_ENV="CHI_PASSWORD=wrong-one" as_clerk chi set 温岭市 2022 POP_RESIDENT 146 > /dev/null 2>&1 </dev/null \
  && fail "a write with a wrong password was taken"
CLERK_ENV="CHI_PASSWORD=geheim12" as_clerk chi set 温岭市 2022 POP_RESIDENT 146 > /dev/null </dev/null \
  || fail "a write with admin's password was refused"
got=$(CLERK_ENV="CHI_PASSWORD=geheim12" as_clerk chi get 温岭市 2022 --json </dev/null) || fail "get with the password failed"
grep -Eq '"value": 146(\.0)?,?$' <<< "$got" \
  || fail "the value written with the password is not in the store"

echo "smoke_deb: removing"
dpkg -r chi >/dev/null
for p in /opt/chi /usr/bin/chi /usr/share/applications/chi.desktop /usr/share/icons/hicolor/256x256/apps/chi.png \
         /usr/share/icons/hicolor/scalable/apps/chi.svg; do
  [ -e "$p" ] || [ -L "$p" ] && fail "left behind after dpkg -r: $p"
done
left=$(ls /opt /usr/share/applications | grep -i '^chi' || true)
[ -z "$left" ] || fail "left behind after dpkg -r: $left"
dpkg --purge chi >/dev/null   # no configuration files: purge only clears dpkg's record of the package
dpkg-query -W chi >/dev/null 2>&1 && fail "dpkg still lists chi after --purge"
echo "smoke_deb: ok (screenshots in dist/smoke/: window.png, first_start.png)"
