"""Long work off the GUI thread: a QRunnable with its own Services and a cancellable progress dialog."""

from __future__ import annotations

import threading
from typing import Callable

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QWidget

from desktop.errors import AppError

# fn(services, progress, cancelled) -> result, run with a Services of its own (sqlite3 stays in its thread)
JobFn = Callable[[object, Callable[[int, int], None], Callable[[], bool]], object]


class Cancelled(AppError):
    def __init__(self):
        super().__init__(QCoreApplication.translate("jobs", "已取消：未写入任何数据。"))


class _Signals(QObject):
    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)


class Job(QRunnable):
    """Runs fn in a pool thread; opens its own Services.open(path, user); never touches a widget."""

    def __init__(self, db_path, user: str, fn: JobFn):
        super().__init__()
        self.db_path, self.user, self.fn = db_path, user, fn
        self.signals = _Signals()
        self.cancel_event = threading.Event()
        self.setAutoDelete(False)

    def run(self) -> None:
        from desktop.services import Services

        try:
            services = Services.open(self.db_path, self.user)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread
            self.signals.failed.emit(exc)
            return
        try:
            result = self.fn(services, self.signals.progressed.emit, self.cancel_event.is_set)
            if self.cancel_event.is_set():
                self.signals.failed.emit(Cancelled())
            else:
                self.signals.finished.emit(result)
        except BaseException as exc:  # noqa: BLE001
            self.signals.failed.emit(exc)
        finally:
            services.close()


def run_job(parent: QWidget | None, services, label: str, fn: JobFn):
    """Run fn off the GUI thread, show a progress dialog after half a second, wait for it.

    Returns the result; raises the job's exception (Cancelled when the user cancelled).
    """
    from PySide6.QtWidgets import QProgressDialog  # not with the window: made when a long job first runs

    job = Job(services.store.path, services.user.name, fn)
    dialog = QProgressDialog(label, QCoreApplication.translate("jobs", "取消"), 0, 0, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(500)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    outcome: dict = {}
    loop = QEventLoop()

    def progressed(done: int, total: int) -> None:
        if dialog.wasCanceled():
            job.cancel_event.set()
            return
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)

    def finished(result) -> None:
        outcome["result"] = result
        loop.quit()

    def failed(exc) -> None:
        outcome["error"] = exc
        loop.quit()

    job.signals.progressed.connect(progressed, Qt.ConnectionType.QueuedConnection)
    job.signals.finished.connect(finished, Qt.ConnectionType.QueuedConnection)
    job.signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
    dialog.canceled.connect(job.cancel_event.set)
    QThreadPool.globalInstance().start(job)
    dialog.setValue(0)
    if not outcome:
        loop.exec()
    dialog.close()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")
