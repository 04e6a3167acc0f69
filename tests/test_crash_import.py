"""A large import killed with SIGKILL while its commit is under way: afterwards either the whole
import is in the store or none of it, the store is intact and the audit chain whole.

Prints "N kills during import: W whole, 0 partial, E empty". 4 kills by default, 20 with --long.
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
sys.path.insert(0, str(HELPERS))

import workbooks  # noqa: E402

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
ENV = dict(os.environ, PYTHONPATH=str(ROOT))


def _big_workbook(db: Path, path: Path, counties: int) -> int:
    s = Services.open(db)
    try:
        regions = [(r.code, r.name) for r in s.regions() if r.level == "county"][:counties]
        inds = [(i.code, i.name, i.unit) for i in s.indicators()][:20]
    finally:
        s.close()
    rows = workbooks.exchange_rows(regions, list(range(2011, 2021)), inds)
    workbooks.write_exchange(path, rows)
    return len(rows)


def _counts(db: Path) -> tuple[str, int, int]:
    conn = sqlite3.connect(db)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        values = conn.execute("SELECT count(*) FROM value WHERE source LIKE 'import:%'").fetchone()[0]
        audits = conn.execute("SELECT count(*) FROM audit WHERE source LIKE 'import:%' AND field = 'value'"
                              ).fetchone()[0]
        return integrity, values, audits
    finally:
        conn.close()


def _start(db: Path, book: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, str(HELPERS / "import_once.py"), str(db), str(book)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    line = proc.stdout.readline()
    assert line.startswith("PLANNED "), (line, proc.stderr.read() if proc.poll() is not None else "")
    proc.stdin.write("go\n")
    proc.stdin.flush()
    return proc


def run_import_kills(tmp_path: Path, db: Path, kills: int, counties: int, seed: int) -> dict:
    """Each kill on a fresh copy of the same store, at a random moment within the commit's duration
    (measured first: the rolling backup, then the one transaction)."""
    book = tmp_path / "全省汇总.xlsx"
    n = _big_workbook(db, book, counties)
    rng = random.Random(seed)
    fig = {"kills": 0, "whole": 0, "partial": 0, "empty": 0, "corrupted": 0, "chain_broken": 0, "rows": n}
    calib = tmp_path / "calibrate.sqlite"
    shutil.copy(db, calib)
    proc = _start(calib, book)
    t0 = time.perf_counter()
    assert proc.stdout.readline().startswith(f"COMMITTED {n}"), proc.stderr.read()
    window = time.perf_counter() - t0
    proc.wait()
    fig["window"] = window
    assert _counts(calib) == ("ok", n, n)
    for k in range(kills):
        copy = tmp_path / f"kill{k}.sqlite"
        shutil.copy(db, copy)
        proc = _start(copy, book)
        time.sleep(rng.uniform(0.0, window * 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        fig["kills"] += 1
        integrity, values, audits = _counts(copy)
        if integrity != "ok":
            fig["corrupted"] += 1
            continue
        if values == n and audits == n:
            fig["whole"] += 1
        elif values == 0 and audits == 0:
            fig["empty"] += 1
        else:
            fig["partial"] += 1
        s = Services.open(copy)
        try:
            if s.verify_audit():
                fig["chain_broken"] += 1
        finally:
            s.close()
        # the next start imports it whole
        if k == 0:
            done = subprocess.run([sys.executable, str(HELPERS / "import_once.py"), str(copy), str(book), "--no-pause"],
                                  capture_output=True, text=True, env=ENV, timeout=300)
            assert done.returncode == 0, done.stderr
            fig["final"] = _counts(copy)
        for side in tmp_path.glob(f"kill{k}.sqlite*"):
            if side.is_file():
                side.unlink()
    return fig


def _check(fig: dict) -> None:
    print(f"\n{fig['kills']} kills during an import of {fig['rows']} rows (commit {fig['window']:.2f} s): "
          f"{fig['whole']} whole, {fig['partial']} partial, {fig['empty']} empty, {fig['corrupted']} corrupted stores")
    assert fig["partial"] == 0 and fig["corrupted"] == 0 and fig["chain_broken"] == 0, fig
    assert fig["final"] == ("ok", fig["rows"], fig["rows"]), fig


def test_import_killed_during_commit_is_whole_or_absent(tmp_path, db_path):
    seed = int(os.environ.get("CHI_CRASH_SEED", "0")) or random.randrange(1, 10**6)
    _check(run_import_kills(tmp_path, db_path, kills=4, counties=20, seed=seed))


@pytest.mark.slow
def test_import_killed_during_commit_20_times(tmp_path, db_path):
    seed = int(os.environ.get("CHI_CRASH_SEED", "0")) or random.randrange(1, 10**6)
    _check(run_import_kills(tmp_path, db_path, kills=20, counties=60, seed=seed))
