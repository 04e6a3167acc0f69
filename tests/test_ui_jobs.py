"""Long work off the GUI thread: its own Services, a progress dialog after half a second, cancel."""

from __future__ import annotations

import threading
import time

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton  # noqa: E402

from desktop.ui.jobs import Cancelled, run_job  # noqa: E402


def test_a_job_runs_in_another_thread_with_its_own_services(qapp, services):
    seen = {}

    def work(s, progress, cancelled):
        seen["thread"] = threading.get_ident()
        seen["same"] = s is services
        progress(1, 1)
        return s.region("331081").name

    assert run_job(None, services, "…", work) == "温岭市"
    assert seen["thread"] != threading.get_ident() and seen["same"] is False


def test_a_long_job_shows_its_progress_and_can_be_cancelled(qapp, services):
    shown = {}

    def slow(s, progress, cancelled):
        for i in range(300):
            if cancelled():
                shown["stopped_at"] = i
                return None
            progress(i, 300)
            time.sleep(0.01)
        return "finished"

    def cancel():
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
        shown["value"] = dialogs[0].value() if dialogs else None
        for d in dialogs:
            d.findChild(QPushButton).click()  # the dialog's 取消 button, as the user clicks it

    QTimer.singleShot(1200, cancel)
    with pytest.raises(Cancelled):
        run_job(None, services, "正在生成…", slow)
    assert shown["value"] is not None and shown["value"] > 0  # the dialog was up, showing progress
    assert 0 < shown["stopped_at"] < 300  # the job itself saw the cancel and stopped before its end


def test_an_error_in_a_job_comes_back_to_the_caller(qapp, services):
    from desktop.errors import UnknownRegion

    with pytest.raises(UnknownRegion):
        run_job(None, services, "…", lambda s, progress, cancelled: s.region("火星市"))
