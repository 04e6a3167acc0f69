"""Crash safety: a writer process killed with SIGKILL at random moments loses no reported commit,
leaves no corrupted store, no half-written commit and no value without its audit row (or the reverse).

Prints "N kills, C corrupted stores, L lost commits". 20 kills by default, 100 with --long.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from desktop.db import backups
from desktop.services import Services

ROOT = Path(__file__).resolve().parent.parent
HELPERS = ROOT / "tests" / "helpers"
sys.path.insert(0, str(HELPERS))

import crash_writer  # noqa: E402

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")


class Reader(threading.Thread):
    """Collects the writer's lines as they come (a killed process may leave a partial last line)."""

    def __init__(self, proc: subprocess.Popen):
        super().__init__(daemon=True)
        self.proc = proc
        self.lines: list[str] = []

    def run(self) -> None:
        for line in self.proc.stdout:
            if line.endswith("\n"):
                self.lines.append(line.strip())


def _state(path: Path) -> tuple[str, dict, dict]:
    """integrity_check result, {key: (value, note)}, {key: [audit new values in order]}."""
    conn = sqlite3.connect(path)
    try:
        integrity = "; ".join(r[0] for r in conn.execute("PRAGMA integrity_check"))
        values = {(r, y, i): (v, n) for r, y, i, v, n in
                  conn.execute("SELECT region, year, indicator, value, note FROM value")}
        audit: dict = {}
        for r, y, i, new in conn.execute(
                "SELECT region, year, indicator, new FROM audit WHERE field = 'value' ORDER BY id"):
            audit.setdefault((r, y, i), []).append(json.loads(new) if new is not None else None)
        return integrity, values, audit
    finally:
        conn.close()


def run_kills(path: Path, kills: int, seed: int, max_delay: float, backup_every: int = 0) -> dict:
    """Kill a writer `kills` times; after each kill check the store. Returns the figures."""
    rng = random.Random(seed)
    with _opened(path) as s:
        keys = crash_writer.all_keys([i.code for i in s.indicators(include_hidden=True)])
    confirmed: list[int] = []  # commits known to be in the store, in order
    figures = {"kills": 0, "corrupted": 0, "lost": 0, "half": 0, "mismatched": 0, "reported": 0,
               "unreported_but_kept": 0, "backups_checked": 0, "bad_backups": 0, "open_failed": 0,
               "chain_broken": 0}
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for _ in range(kills):
        proc = subprocess.Popen([sys.executable, str(HELPERS / "crash_writer.py"), str(path), str(seed)]
                                + (["--backup-every", str(backup_every)] if backup_every else []),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        reader = Reader(proc)
        reader.start()
        time.sleep(rng.uniform(0.0, max_delay))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        reader.join(5)
        err = proc.stderr.read()
        assert proc.returncode == -signal.SIGKILL, f"writer ended by itself: {err[-2000:]}"
        figures["kills"] += 1
        starts = [int(x.split()[1]) for x in reader.lines if x.startswith("START ")]
        reported = [int(x.split()[1]) for x in reader.lines if x.startswith("COMMIT ")]
        figures["reported"] += len(reported)
        confirmed += reported
        # the one commit that may have gone in without being reported
        candidate = (reported[-1] + 1) if reported else (starts[0] if starts else None)

        try:
            integrity, values, audit = _state(path)
        except sqlite3.DatabaseError:
            figures["corrupted"] += 1
            continue
        if integrity != "ok":
            figures["corrupted"] += 1
            continue
        if candidate is not None:
            cand_keys = crash_writer.keys_of(str(seed), candidate, keys)
            present = [values.get(k, (None,))[0] == float(candidate) for k in cand_keys]
            if all(present):
                confirmed.append(candidate)
                figures["unreported_but_kept"] += 1
            elif any(present):
                figures["half"] += 1
        # replay what is confirmed and compare with the store
        expected: dict = {}
        history: dict = {}
        for seq in confirmed:
            for k in crash_writer.keys_of(str(seed), seq, keys):
                expected[k] = float(seq)
                history.setdefault(k, []).append(float(seq))
        lost = {seq for seq in reported
                if any(values.get(k, (None,))[0] is None or values[k][0] < seq
                       for k in crash_writer.keys_of(str(seed), seq, keys))}
        figures["lost"] += len(lost)
        stored = {k: v for k, (v, _n) in values.items()}
        if stored != expected or any(values[k][1] != f"n{int(v)}" for k, v in stored.items()):
            figures["mismatched"] += 1
        # no audit row without its value, no value without its audit rows
        if audit != history:
            figures["mismatched"] += 1
        try:
            with _opened(path) as s:
                if s.verify_audit():
                    figures["chain_broken"] += 1
                if s.verify_values():
                    figures["mismatched"] += 1
        except Exception:  # noqa: BLE001 - counted: the program could not open what it wrote
            figures["open_failed"] += 1
        for b in backups.list_backups(path):
            figures["backups_checked"] += 1
            if not backups.is_good_store(b):
                figures["bad_backups"] += 1
    return figures


class _opened:
    def __init__(self, path):
        self.path = path

    def __enter__(self) -> Services:
        self.s = Services.open(self.path)
        return self.s

    def __exit__(self, *exc):
        self.s.close()


def _report(figures: dict, seed: int) -> None:
    print(f"\n{figures['kills']} kills, {figures['corrupted']} corrupted stores, {figures['lost']} lost commits "
          f"({figures['reported']} commits reported, {figures['unreported_but_kept']} kills landed between a "
          f"commit and its report, {figures['half']} half-written commits, {figures['mismatched']} value/audit "
          f"mismatches, {figures['chain_broken']} broken audit chains, {figures['open_failed']} failed opens, "
          f"{figures['backups_checked']} backups checked, {figures['bad_backups']} bad; seed {seed})")


def _assert_clean(figures: dict) -> None:
    assert figures["reported"] > 0, "the writer never committed: kills came too early"
    for key in ("corrupted", "lost", "half", "mismatched", "chain_broken", "open_failed", "bad_backups"):
        assert figures[key] == 0, figures


def _seed() -> int:
    return int(os.environ.get("CHI_CRASH_SEED", "0")) or random.randrange(1, 10**6)


def test_sigkill_writer_20_times_loses_nothing(db_path):
    seed = _seed()
    figures = run_kills(db_path, 20, seed, max_delay=1.0, backup_every=40)
    _report(figures, seed)
    _assert_clean(figures)


@pytest.mark.slow
def test_sigkill_writer_100_times_loses_nothing(db_path):
    seed = _seed()
    figures = run_kills(db_path, 100, seed, max_delay=1.5, backup_every=40)
    _report(figures, seed)
    _assert_clean(figures)


def run_first_start_kills(tmp_path: Path, kills: int, seed: int) -> dict:
    """`main.py init` on a new store, killed at a random moment; each on a fresh path."""
    from desktop.errors import StoreMissing

    rng = random.Random(seed)
    fig = {"kills": 0, "complete": 0, "not_made": 0, "half_made": 0}
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for k in range(kills):
        path = tmp_path / f"first{k}" / "store.sqlite"
        proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--db", str(path), "init"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        time.sleep(rng.uniform(0.2, 0.9))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        fig["kills"] += 1
        try:
            s = Services.open(path)
        except StoreMissing:
            fig["not_made"] += 1  # nothing to lose yet; init (or the window's first start) makes it whole
            Services.init(path).close()
            continue
        except Exception:  # noqa: BLE001 - a store that exists but cannot be used: counted
            fig["half_made"] += 1
            continue
        try:
            if len(s.regions()) > 50 and len(s.indicators()) > 50 and s.user.name == "admin":
                fig["complete"] += 1
            else:
                fig["half_made"] += 1
        finally:
            s.close()
    return fig


def _first_start_kills_leave_no_half_made_store(tmp_path: Path, kills: int) -> None:
    seed = _seed()
    fig = run_first_start_kills(tmp_path, kills, seed)
    print(f"\n{fig['kills']} kills during a first start: {fig['complete']} complete, {fig['not_made']} not yet made, "
          f"{fig['half_made']} half-made (seed {seed})")
    assert fig["half_made"] == 0, fig


def test_first_start_killed_leaves_no_half_made_store(tmp_path):
    _first_start_kills_leave_no_half_made_store(tmp_path, 6)


@pytest.mark.slow
def test_first_start_killed_30_times(tmp_path):
    _first_start_kills_leave_no_half_made_store(tmp_path, 30)


def test_first_start_failing_while_filling_leaves_no_schema_behind(tmp_path, monkeypatch):
    """Deterministic twin of the kill test: the fill fails after the schema was made; the schema goes too,
    so the next start makes the store whole instead of finding one without its admin."""
    from desktop.db import repo

    path = tmp_path / "new.sqlite"

    def cut(*_a, **_k):
        raise KeyboardInterrupt  # what a kill in the middle amounts to for the transaction

    monkeypatch.setattr(repo, "upsert_indicators", cut)
    with pytest.raises(KeyboardInterrupt):
        Services.init(path)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    finally:
        conn.close()
    monkeypatch.undo()
    s = Services.init(path)
    try:
        assert s.user.name == "admin" and len(s.indicators()) > 50
    finally:
        s.close()
