"""The window's start-up against faults, through desktop.ui.app.run with the message boxes captured:
a second copy held by another process is told (and a crashed copy's stale lock is not), a damaged
store names the newest good backup and the restore command, a newer store is refused, a read-only
store is announced, and opening the store makes a rolling backup."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from desktop.db import backups  # noqa: E402
from desktop.db.schema import SCHEMA_VERSION  # noqa: E402
from desktop.services import Services  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
HOLD_LOCK = r"""
import sys, time
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1] + ".gui-lock")
lock.setStaleLockTime(0)
assert lock.tryLock(1000)
print("locked", flush=True)
time.sleep(120)
"""


@pytest.fixture
def boxes(qapp, monkeypatch):
    """Captured QMessageBox calls; the login dialog answers 'cancel' so run() returns after start-up."""
    from PySide6.QtWidgets import QMessageBox

    from desktop.ui.login_dialog import LoginDialog

    class Shown(list):
        logins: list

    shown = Shown()
    for kind in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(lambda parent, title, text, *a, _k=kind: shown.append(
            (_k, text))))
    logins = []
    monkeypatch.setattr(LoginDialog, "ask", classmethod(lambda cls, services, settings: logins.append(services) or
                                                        False))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs its own
    shown.logins = logins
    return shown


def _run(db: Path) -> int:
    from desktop.ui.app import run

    return run(str(db))


def test_a_second_copy_held_by_another_process_is_told_and_a_killed_ones_lock_is_not(db_path, boxes):
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(db_path.resolve())], stdout=subprocess.PIPE,
                              text=True, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert _run(db_path) == 1
        kind, text = boxes[-1]
        assert kind == "warning" and "已经打开" in text and str(holder.pid) in text
        assert not boxes.logins  # the store was not even opened
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    # the copy that held it died without unlocking (a crash, a power cut): the next start is not refused
    boxes.clear()
    assert _run(db_path) == 0
    assert boxes.logins and not [b for b in boxes if b[0] != "information"]


def test_opening_the_store_makes_a_rolling_backup(db_path, boxes):
    assert _run(db_path) == 0
    saved = backups.list_backups(db_path)
    assert saved and "gui-open" in saved[0].name and backups.is_good_store(saved[0])


def test_a_damaged_store_names_the_newest_good_backup(db_path, boxes):
    s = Services.open(db_path)
    s.set_value("331081", 2021, "BEDS_PER_1000", 4.6)
    good = s.backup(reason="good")
    s.close()
    data = bytearray(db_path.read_bytes())
    data[4096 * 2:4096 * 6] = b"\xff" * (4096 * 4)
    db_path.write_bytes(bytes(data))
    assert _run(db_path) == 1
    kind, text = boxes[-1]
    assert kind == "critical" and "损坏" in text and str(good) in text and "restore" in text


def test_a_store_from_a_newer_program_is_refused(db_path, boxes):
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    assert _run(db_path) == 1
    kind, text = boxes[-1]
    assert kind == "critical" and "更新版本" in text


def test_a_store_on_a_network_drive_is_announced_read_only(db_path, boxes, monkeypatch):
    import desktop.db.store as store_mod

    monkeypatch.setattr(store_mod, "network_filesystem", lambda p, mounts_text=None: "cifs")
    assert _run(db_path) == 0
    assert any(kind == "information" and "网络驱动器" in text and "只读" in text for kind, text in boxes)
    services = boxes.logins[0]
    assert services.store.readonly
