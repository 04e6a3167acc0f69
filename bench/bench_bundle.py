"""The installed bundle against the development virtualenv: start-up of a headless command and of the window.

    .venv/bin/python bench/bench_bundle.py [--runs 7] [--chi dist/chi/chi]

Each figure is the median wall time of `--runs` interleaved runs (bundle, venv, bundle, venv …, after one
warm-up of each), printed with the ratio bundle / venv; the venv runs from compiled bytecode, as the bundle does.
- headless: `about --json` on a demo store (the command line's imports, the store opened and checked);
- report: `report 瑞安市 2021 -o FILE.pdf` (reportlab and the font loaded, one PDF written);
- window: process start until the main window is mapped on an Xvfb screen (polled with xwininfo every 20 ms,
  the same way for both), on a demo store with one user without a password (no log-in dialog).
Needs dist/chi/ (scripts/build_bundle.sh), Xvfb and xwininfo.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def env_for(home: Path, display: str | None = None) -> dict[str, str]:
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    if display:
        env["DISPLAY"] = display
    return env


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def window_time(cmd: list[str], env: dict[str, str], title: str, timeout: float = 30.0) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        while time.perf_counter() - start < timeout:
            tree = subprocess.run(["xwininfo", "-root", "-tree"], env=env, capture_output=True, text=True).stdout
            if title in tree:
                return time.perf_counter() - start
            if proc.poll() is not None:
                raise SystemExit(f"the window's process ended ({proc.returncode}) before showing {title!r}: "
                                 f"{proc.stderr.read()[-2000:]}")
            time.sleep(0.02)
        raise SystemExit(f"no window {title!r} within {timeout} s")
    finally:
        proc.terminate()
        proc.wait()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--chi", default=str(ROOT / "dist" / "chi" / "chi"))
    ap.add_argument("--display", default=":87")
    args = ap.parse_args(argv)
    chi = Path(args.chi)
    if not chi.exists():
        raise SystemExit(f"{chi} missing: run scripts/build_bundle.sh first")
    for tool in ("Xvfb", "xwininfo"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} not found")
    venv = [sys.executable, str(ROOT / "main.py")]
    work = Path(tempfile.mkdtemp(prefix="bench-bundle-"))
    home = work / "home"
    home.mkdir()
    db = work / "demo.sqlite"
    subprocess.run([str(chi), "--db", str(db), "init", "--demo"], env=env_for(home), check=True,
                   stdout=subprocess.DEVNULL)
    # the venv from bytecode, as the bundle runs: compile once into a private cache used by every venv run
    cache = work / "pycache"
    venv_env = env_for(home) | {"PYTHONPYCACHEPREFIX": str(cache)}
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "desktop"), str(ROOT / "main.py")],
                   env=venv_env, check=True)
    xvfb = subprocess.Popen(["Xvfb", args.display, "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)
    try:
        cases = {
            "headless (about --json)": lambda cmd, env: timed(cmd + ["--db", str(db), "about", "--json"], env),
            "report (one county PDF)": lambda cmd, env: timed(
                cmd + ["--db", str(db), "report", "瑞安市", "2021", "-o", str(work / "r.pdf")], env),
            "window shown": lambda cmd, env: window_time(cmd + ["--db", str(db)], env | {"DISPLAY": args.display},
                                                         "县卫生健康指标填报系统"),
        }
        print(f"bundle {chi} ({du_mib(chi.parent):.0f} MiB) against {sys.executable} main.py; "
              f"medians of {args.runs} interleaved runs")
        for name, run in cases.items():
            run([str(chi)], env_for(home))  # warm-up: the disk cache, Qt's font cache
            run(venv, venv_env)
            b, v = [], []
            for _ in range(args.runs):
                b.append(run([str(chi)], env_for(home)))
                v.append(run(venv, venv_env))
            mb, mv = statistics.median(b), statistics.median(v)
            print(f"  {name:26s} bundle {mb:6.3f} s   venv {mv:6.3f} s   ratio {mb / mv:4.2f}×")
    finally:
        xvfb.terminate()
        xvfb.wait()
        shutil.rmtree(work, ignore_errors=True)
    return 0


def du_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    sys.exit(main())
