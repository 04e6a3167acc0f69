#!/usr/bin/env bash
# The screenshots of docs/screenshots/ for the review, paste, note, 不适用, filter, section, English and import
# behaviours: the real program (python main.py) under Xvfb, driven by xdotool, grabbed by ImageMagick's import.
# Needs: xvfb, xdotool, xclip, imagemagick (apt-get install xdotool xclip imagemagick). Takes about two minutes.
#   bash scripts/take_window_screenshots.sh [OUT_DIR]      (default /tmp/window-shots; docs/screenshots holds crops)
# Coordinates are those of a 1360x860 window on a 1400x900 screen with the demo store.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-/tmp/window-shots}; WORK=$(mktemp -d); mkdir -p "$OUT"
PY=.venv/bin/python; STORE=$WORK/store.sqlite
export DISPLAY=:77
Xvfb :77 -screen 0 1400x900x24 >/dev/null 2>&1 & XVFB=$!
cleanup() { kill "$(cat "$WORK/app.pid" 2>/dev/null)" 2>/dev/null || true; kill "$XVFB" 2>/dev/null || true; }
trap cleanup EXIT
sleep 1
launch() {  # REGION YEAR [LANGUAGE]: a fresh settings file that opens the window on that region-year
  rm -rf "$WORK/cfg"; mkdir -p "$WORK/cfg/county-health-indicators"
  printf "[last]\nregion=%s\nyear=%s\n\n[General]\nlanguage=%s\n" "$1" "$2" "${3:-zh_CN}" \
    > "$WORK/cfg/county-health-indicators/county-health-indicators.conf"
  XDG_CONFIG_HOME=$WORK/cfg $PY main.py --db "$STORE" >"$WORK/app.log" 2>&1 & echo $! > "$WORK/app.pid"
  local w=""; for _ in $(seq 1 40); do sleep 0.5; w=$(xdotool search --name "县卫生健康指标填报系统|County Health" | head -1 || true); [ -n "$w" ] && break; done
  sleep 1.5; xdotool windowmove "$w" 0 0 windowsize "$w" 1360 860; sleep 0.8
}
stop() { kill "$(cat "$WORK/app.pid")"; sleep 1; }
shot() { import -window root -crop 1360x860+0+0 +repage "$OUT/$1.png"; echo "$OUT/$1.png"; }
fresh() { rm -rf "$STORE"*; $PY main.py --db "$STORE" init --demo >/dev/null 2>&1; }

# 1. a resubmission as the supervisor sees it: 乐清市 2023 (returned in the demo) corrected and submitted again
fresh
$PY main.py --db "$STORE" set 330382 2023 BEDS_PER_1000 5.38 --note "按年末常住人口146.44万重算；原填56.09是小数点错位" >/dev/null
$PY main.py --db "$STORE" set 330382 2023 HOSPITAL_BEDS 7880 --note "补报民营医院床位4张（市卫健委2024年1月核定）" >/dev/null
$PY main.py --db "$STORE" submit 330382 2023 >/dev/null
launch 330382 2023; shot review-resubmission; stop

# 2-6 on 龙港市 2023 (no data in the demo)
fresh; launch 330383 2023
xdotool mousemove 630 168 click 1; sleep 0.3
printf '46.91\t七普后按公安户籍和流动人口登记推算\r\n9.32\t\r\n' | xclip -selection clipboard; xdotool key ctrl+v; sleep 1
shot paste-block
xdotool mousemove 630 237 click 1; sleep 0.3
printf '81.70\t81.64\t+0.06\r\n9.60\t9.71\t-0.11\r\n' | xclip -selection clipboard; xdotool key ctrl+v; sleep 1
shot paste-refused
stop; launch 330383 2023
xdotool mousemove 955 191 click 1; sleep 0.3; xdotool key F2; sleep 0.5; xdotool type --delay 80 "正常"; sleep 0.8
shot note-boilerplate; xdotool key Escape; sleep 0.3
xdotool mousemove 955 168 click 1; sleep 0.3; xdotool key F2; sleep 0.5; xdotool type --delay 60 "年末数已经市统计局核定"; sleep 0.8
shot note-append; xdotool key Return; sleep 0.5
xdotool mousemove 630 168 click 1; sleep 0.3; xdotool key ctrl+g; sleep 0.5; xdotool key Down Down Down Down Down Down Return; sleep 0.8
xdotool key Down Down; xdotool key shift+Down shift+Down shift+Down; sleep 0.3; xdotool key ctrl+m; sleep 1
xdotool type --delay 60 "本县2023年尚未建立托育机构备案登记，市里未下达该项统计"; sleep 0.8
shot mark-absent-dialog; xdotool key Return; sleep 1
xdotool mousemove 628 544 click 1; sleep 0.3; xdotool mousemove 620 613; sleep 0.3; xdotool mousemove 628 614; sleep 2.5
shot mark-absent
xdotool mousemove 355 96 click 1; sleep 0.5; xdotool key Down Return; sleep 1; xdotool mousemove 1200 700; shot filter-empty
xdotool mousemove 628 636 click 1; sleep 0.3; xdotool type --delay 80 "9.6"; xdotool key Return; sleep 0.8
xdotool type --delay 80 "95.5"; xdotool key Return; sleep 0.8
xdotool mousemove 355 96 click 1; sleep 0.5; xdotool key Down Return; sleep 1; xdotool mousemove 1200 700; shot filter-findings
stop; launch 330383 2023
xdotool mousemove 630 168 click 1; sleep 0.3; xdotool key ctrl+g; sleep 0.5; xdotool key Down Down Down Down Return; sleep 1
shot jump-section; stop

# 7. English, on the returned 乐清市 2023 of a fresh demo store (no column widths kept yet)
fresh; launch 330382 2023 en; shot english; stop

# 8. an import through the real dialogs, then the status bar
$PY main.py --db "$WORK/other.sqlite" init --demo >/dev/null 2>&1
for kv in POP_RESIDENT=46.91 POP_ELDERLY_60=9.32 LIFE_EXPECTANCY=81.70 HOSPITAL_BEDS=27500 LICENSED_DOCTORS=1521; do
  $PY main.py --db "$WORK/other.sqlite" set 330383 2023 "${kv%=*}" "${kv#*=}" >/dev/null; done
for kv in POP_RESIDENT=15.3 HOSPITAL_BEDS=640; do $PY main.py --db "$WORK/other.sqlite" set 330305 2024 "${kv%=*}" "${kv#*=}" >/dev/null; done
$PY main.py --db "$WORK/other.sqlite" export 330383,330305 2023:2024 -o "$WORK/wenzhou_two_counties_2023-2024.xlsx" >/dev/null
launch 330383 2023
xdotool mousemove 630 168 click 1; sleep 0.5; xdotool key ctrl+i; sleep 2
xdotool type --delay 40 "$WORK/wenzhou_two_counties_2023-2024.xlsx"; xdotool key Return; sleep 3.5
xdotool mousemove 942 647 click 1; sleep 3; xdotool mousemove 1200 700; sleep 0.3
shot after-import; stop
