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
sys.path.insert(0, sys.argv[2])
from desktop.db.hold import WindowHold
lock = WindowHold.take(sys.argv[1])
assert lock is not None
print("locked", flush=True)
time.sleep(120)
"""


@pytest.fixture
def boxes(qapp, monkeypatch):
    """Captured QMessageBox calls; the log-in answers 'cancel' so run() returns after start-up."""
    from PySide6.QtWidgets import QMessageBox

    from desktop.ui import app

    class Shown(list):
        logins: list

    shown = Shown()
    for kind in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(lambda parent, title, text, *a, _k=kind: shown.append(
            (_k, text))))
    logins = []
    # run()'s log-in (desktop.ui.app.log_in: the sole user without a password at once, else the dialog)
    monkeypatch.setattr(app, "log_in", lambda services, settings: logins.append(services) or False)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs its own
    shown.logins = logins
    return shown


def _run(db: Path) -> int:
    from desktop.ui.app import run

    return run(str(db))


def test_a_second_copy_held_by_another_process_is_told_and_a_killed_ones_lock_is_not(db_path, boxes):
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(db_path.resolve()), str(ROOT)], stdout=subprocess.PIPE,
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


def test_opening_the_store_makes_a_rolling_backup(db_path, boxes, monkeypatch):
    """The whole start: log-in accepted, the window shown, the event loop run briefly, then closed."""
    from PySide6.QtCore import QCoreApplication, QElapsedTimer
    from PySide6.QtWidgets import QApplication

    from desktop.ui import app

    monkeypatch.setattr(app, "log_in", lambda services, settings: True)

    def brief_exec(*_a):
        timer = QElapsedTimer()
        timer.start()
        while timer.elapsed() < 300:
            QCoreApplication.processEvents()
        for w in QApplication.topLevelWidgets():
            w.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", brief_exec)
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


# ---- faults while the clerk types ------------------------------------------------------------------

HOLD_WRITE = r"""
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute('BEGIN IMMEDIATE')
print('held', flush=True)
sys.stdin.readline()
c.execute('ROLLBACK')
"""


def _form(services):
    from desktop.ui.form_model import COL_VALUE, FormModel

    model = FormModel(services)
    model.load("331081", 2021)
    refused = []
    model.edit_refused.connect(refused.append)
    row = next(i for i, r in enumerate(model.rows) if r.indicator and r.indicator.code == "BEDS_PER_1000")
    return model, model.index(row, COL_VALUE), refused


def test_typing_into_a_locked_or_full_store_says_so_and_keeps_the_value(db_path, qapp):
    s = Services.open(db_path, busy_timeout=0.3)
    try:
        s.set_value("331081", 2021, "BEDS_PER_1000", 4.6)
        model, cell, refused = _form(s)
        holder = subprocess.Popen([sys.executable, "-c", HOLD_WRITE, str(db_path)], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True)
        try:
            assert holder.stdout.readline().strip() == "held"
            assert model.setData(cell, "5.1") is False
            assert refused and "占用" in refused[-1] and "未执行" in refused[-1]
            assert model.value_of("BEDS_PER_1000") == 4.6
        finally:
            holder.communicate("go\n", timeout=10)
        assert model.setData(cell, "5.1") is True  # the lock gone, the same edit goes in
        pages = s.store.conn.execute("PRAGMA page_count").fetchone()[0]
        s.store.conn.execute(f"PRAGMA max_page_count = {pages}")
        from desktop.ui.form_model import COL_NOTE

        assert model.setData(cell.siblingAtColumn(COL_NOTE), "很长的说明" * 400) is False
        assert "磁盘已满" in refused[-1]
        assert model.value_of("BEDS_PER_1000") == 5.1
    finally:
        s.close()
    assert Services.open(db_path).get_region_year("331081", 2021).values["BEDS_PER_1000"].value == 5.1


def test_the_form_shows_another_programs_commits_when_reloaded(db_path, qapp, cli):
    s = Services.open(db_path)
    try:
        model, cell, refused = _form(s)
        assert model.setData(cell, "4.6") is True
        assert cli(db_path, "set", "331081", "2021", "HOSPITAL_BEDS", "5000", "--note", "命令行录入").code == 0
        model.load("331081", 2021)
        assert model.value_of("HOSPITAL_BEDS") == 5000 and model.value_of("BEDS_PER_1000") == 4.6
        users = {(r.indicator, r.source) for r in s.audit("331081", 2021) if r.field == "value"}
        assert users == {("BEDS_PER_1000", "form"), ("HOSPITAL_BEDS", "cli")}
    finally:
        s.close()
