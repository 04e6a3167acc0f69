"""Start-up pieces: fonts, the excepthook (dialog and log file), store faults as messages, the PySide6 guard."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

ROOT = Path(__file__).resolve().parent.parent


def test_thousands_of_qt_calls_and_emits_do_not_abort_the_process():
    """PySide6 6.12.0 drops a reference to None per void call and to True per emit, which aborts CPython 3.11
    after a few thousand calls; pyproject.toml keeps that release out. This fails if it comes back."""
    code = """
import desktop.ui
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
class O(QObject):
    changed = Signal(object)
o, label = O(), QLabel()
for i in range(30000):
    label.setText(str(i))
    o.changed.emit(i)
print("alive")
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0 and "alive" in out.stdout, out.stderr[-500:]


def test_a_cjk_ui_font_is_chosen(qapp):
    from desktop.ui.app import UI_FONTS, setup_fonts

    family = setup_fonts(qapp)
    assert family in UI_FONTS


def test_an_exception_in_a_slot_is_logged_and_shown(qapp, tmp_path, monkeypatch, caplog):
    from PySide6.QtWidgets import QMessageBox

    from desktop.errors import StoreFull
    from desktop.ui.messages import ExceptHook

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append((self.text(), self.informativeText())))
    hook = ExceptHook(tmp_path / "desktop.log")
    try:
        raise ZeroDivisionError("division by zero")
    except ZeroDivisionError as exc:
        with caplog.at_level(logging.ERROR, logger="desktop.ui"):
            hook(type(exc), exc, exc.__traceback__)
    assert "ZeroDivisionError" in shown[0][0] and str(tmp_path / "desktop.log") in shown[0][1]
    assert "Traceback" in caplog.text
    hook(StoreFull, StoreFull("磁盘已满或数据库达到容量上限，本次修改未保存：x.sqlite"), None)
    assert shown[1][0].startswith("磁盘已满")


def test_store_faults_read_as_clear_messages(tmp_path, qapp):
    from desktop.db.store import open_store
    from desktop.errors import NotAStore, StoreTooNew
    from desktop.services import Services
    from desktop.ui.app import store_message

    bad = tmp_path / "not.sqlite"
    bad.write_text("hello", encoding="utf-8")
    with pytest.raises(NotAStore) as err:
        Services.open(bad)
    assert "不是本程序的数据库" in store_message(err.value) and str(bad) in store_message(err.value)
    new = tmp_path / "new.sqlite"
    Services.init(new).close()
    store = open_store(new)
    store.conn.execute("PRAGMA user_version = 999")
    store.close()
    with pytest.raises(StoreTooNew) as err:
        Services.open(new)
    assert store_message(err.value).startswith("程序版本过旧")


@pytest.mark.parametrize("leftover", ["missing", "empty", "no schema"])
def test_no_store_or_a_first_start_killed_early_goes_to_the_first_start_dialog(tmp_path, leftover):
    """The window never makes a store by itself (it would have an admin without a password): open_services
    says StoreMissing and run() shows the first-start dialog (tests/test_ui_first_start.py)."""
    import sqlite3

    from desktop.errors import StoreMissing
    from desktop.ui.app import open_services

    path = tmp_path / "first.sqlite"
    if leftover == "empty":
        path.write_bytes(b"")
    elif leftover == "no schema":  # what a first start killed before its one transaction leaves
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.close()
    with pytest.raises(StoreMissing):
        open_services(path)


def test_a_second_copy_on_the_same_store_is_told(tmp_path, qapp):
    from desktop.db.hold import WindowHold
    from desktop.ui.app import lock_holder, second_copy_message

    path = tmp_path / "s.sqlite"
    first = WindowHold.take(path)
    assert first is not None
    assert WindowHold.take(path) is None
    ok, pid, host = lock_holder(path)
    assert ok and pid == os.getpid()
    text = second_copy_message(ok, pid, host, path)
    assert str(pid) in text and "已经打开" in text
    first.release()
    assert lock_holder(path) == (False, 0, "")


def test_run_opens_the_window_with_a_backup_and_releases_the_lock(quiet_run, demo_path):
    from desktop.db.backups import list_backups
    from desktop.db.hold import WindowHold
    from desktop.ui.app import run
    from desktop.ui.main_window import MainWindow

    said, shown = quiet_run
    assert run(str(demo_path)) == 0
    assert any(isinstance(w, MainWindow) for w in shown), shown
    assert any("gui-open" in p.name for p in list_backups(demo_path))
    lock = WindowHold.take(demo_path)
    assert lock is not None  # released at exit
    lock.release()
    assert said == []


def test_run_refuses_a_second_copy_on_the_same_store(quiet_run, demo_path):
    from desktop.db.hold import WindowHold
    from desktop.ui.app import run

    said, shown = quiet_run
    held = WindowHold.take(demo_path)
    assert held is not None
    try:
        assert run(str(demo_path)) == 1
    finally:
        held.release()
    assert said and "已经打开" in said[0] and shown == []


def test_run_shows_a_damaged_store_as_a_message(quiet_run, tmp_path):
    from desktop.ui.app import run

    said, shown = quiet_run
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    assert run(str(bad)) == 1
    assert said and str(bad) in said[0] and shown == []


def test_the_gui_open_backup_waits_for_the_first_paint(qtbot):
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QLabel, QMainWindow

    from desktop.ui.app import after_first_paint

    order = []

    class Painted(QObject):
        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                order.append("paint")
            return False

    w = QMainWindow()
    w.setCentralWidget(QLabel("温岭市"))
    qtbot.addWidget(w)
    painted = Painted(w)
    w.installEventFilter(painted)
    after_first_paint(w, lambda: order.append("backup"))
    w.show()
    qtbot.waitUntil(lambda: "backup" in order, timeout=2000)
    assert order.index("paint") < order.index("backup") and order.count("backup") == 1
    qtbot.wait(50)
    assert order.count("backup") == 1
