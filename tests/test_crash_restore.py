"""A restore killed with SIGKILL while it copies a large backup into the store: afterwards the store
is intact and holds either all of the old data or all of the backup, never a mixture.

Prints "N kills during a restore: O old, R restored, 0 mixed". 5 kills by default, 25 with --long.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.services import Services

ROOT = Path(__file__).resolve().parent.parent
HELPERS = ROOT / "tests" / "helpers"
ENV = dict(os.environ, PYTHONPATH=str(ROOT))
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")


def _state(db: Path) -> tuple[str, float | None, int]:
    conn = sqlite3.connect(db)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        v = conn.execute("SELECT value FROM value WHERE region = '331081' AND year = 2021 "
                         "AND indicator = 'BEDS_PER_1000'").fetchone()
        ballast = conn.execute("SELECT count(*) FROM meta WHERE name = 'ballast'").fetchone()[0]
        # the restore's audit row is written in the same transaction: a restored store always has it
        restored = conn.execute("SELECT count(*) FROM audit WHERE field = 'restore'").fetchone()[0]
        return integrity, (v[0] if v else None), ballast + 10 * restored
    finally:
        conn.close()


def _start(db: Path, backup: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, str(HELPERS / "restore_once.py"), str(db), str(backup)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    assert proc.stdout.readline().strip() == "READY", proc.stderr.read()
    proc.stdin.write("go\n")
    proc.stdin.flush()
    return proc


def run_restore_kills(tmp_path: Path, db: Path, kills: int, seed: int) -> dict:
    s = Services.open(db)
    s.set_value("331081", 2021, "BEDS_PER_1000", 3.3)
    with s.store.write() as d:  # 40 MB that the restore has to copy
        d.execute("INSERT INTO meta(name, value) VALUES ('ballast', randomblob(40000000))")
    backup = s.backup(tmp_path / "backup.sqlite")
    with s.store.write() as d:
        d.execute("DELETE FROM meta WHERE name = 'ballast'")
    s.set_value("331081", 2021, "BEDS_PER_1000", 4.6)
    s.close()
    pristine = tmp_path / "pristine.sqlite"
    conn = sqlite3.connect(db)
    conn.execute("VACUUM INTO ?", (str(pristine),))
    conn.close()
    rng = random.Random(seed)
    fig = {"kills": 0, "old": 0, "restored": 0, "mixed": 0, "corrupted": 0, "open_failed": 0}
    calib = tmp_path / "calib.sqlite"
    shutil.copy(pristine, calib)
    proc = _start(calib, backup)
    t0 = time.perf_counter()
    assert proc.stdout.readline().strip() == "RESTORED", proc.stderr.read()
    fig["window"] = window = time.perf_counter() - t0
    proc.wait()
    assert _state(calib) == ("ok", 3.3, 11)
    for k in range(kills):
        copy = tmp_path / f"kill{k}.sqlite"
        shutil.copy(pristine, copy)
        proc = _start(copy, backup)
        time.sleep(rng.uniform(0.0, window * 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        fig["kills"] += 1
        integrity, value, ballast = _state(copy)  # ballast + 10 × restore audit rows
        if integrity != "ok":
            fig["corrupted"] += 1
        elif (value, ballast) == (4.6, 0):
            fig["old"] += 1
        elif (value, ballast) == (3.3, 11):  # the backup's data and the restore's audit row
            fig["restored"] += 1
        else:
            fig["mixed"] += 1
        try:
            Services.open(copy).close()
        except Exception:  # noqa: BLE001 - counted
            fig["open_failed"] += 1
        for f in tmp_path.glob(f"kill{k}.sqlite*"):
            if f.is_file():
                f.unlink()
        shutil.rmtree(tmp_path / f"kill{k}.sqlite.backups", ignore_errors=True)
    return fig


def _check(fig: dict) -> None:
    print(f"\n{fig['kills']} kills during a restore of a 40 MB backup (restore {fig['window']:.2f} s): "
          f"{fig['old']} old, {fig['restored']} restored, {fig['mixed']} mixed, {fig['corrupted']} corrupted stores")
    assert fig["mixed"] == 0 and fig["corrupted"] == 0 and fig["open_failed"] == 0, fig


def _seed() -> int:
    return int(os.environ.get("CHI_CRASH_SEED", "0")) or random.randrange(1, 10**6)


def test_restore_killed_half_way_is_old_or_new(tmp_path, db_path):
    _check(run_restore_kills(tmp_path, db_path, 5, _seed()))


@pytest.mark.slow
def test_restore_killed_half_way_25_times(tmp_path, db_path):
    _check(run_restore_kills(tmp_path, db_path, 25, _seed()))
