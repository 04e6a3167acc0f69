"""Turning exceptions into words for the user, and the excepthook that logs and shows them."""

from __future__ import annotations

import logging
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

from desktop.errors import AppError
from desktop.ui import vocabulary

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger("desktop.ui")


def describe(exc: BaseException) -> str:
    """One message for the user: the core's own Chinese line for an AppError, else a generic one."""
    if isinstance(exc, AppError):
        # a Phrase of the core (desktop.phrases) is said in the window's language
        return vocabulary.say(exc.args[0]) if len(exc.args) == 1 and isinstance(exc.args[0], str) else str(exc)
    return QCoreApplication.translate("messages", "意外错误：{kind}：{text}").format(kind=type(exc).__name__, text=exc)


MAX_LINES = 12  # a longer message (a refused submission lists every finding) would outgrow the screen


def fit_message(message: str) -> tuple[str, str | None]:
    """The text a message box can show whole, and the full message for its details when it is cut."""
    lines = message.splitlines()
    if len(lines) <= MAX_LINES:
        return message, None
    head = "\n".join(lines[:MAX_LINES - 1])
    more = QCoreApplication.translate("messages", "……另有 {n} 行未列出，点“显示详情”查看全部。").format(
        n=len(lines) - (MAX_LINES - 1))
    return f"{head}\n{more}", message


def error_box(parent: QWidget | None, exc: BaseException, title: str | None = None) -> QMessageBox:
    """The warning box for `exc`; a long message is cut to fit the screen, the whole of it in the details."""
    from PySide6.QtWidgets import QMessageBox  # when first needed: Qt's class and its enums cost start-up time

    text, full = fit_message(describe(exc))
    box = QMessageBox(QMessageBox.Icon.Warning, title or QCoreApplication.translate("messages", "无法完成"), text,
                      QMessageBox.StandardButton.Ok, parent)
    if full is not None:
        box.setDetailedText(full)
    return box


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> None:
    if not isinstance(exc, AppError):
        log.error("error shown to the user", exc_info=(type(exc), exc, exc.__traceback__))
    from PySide6.QtWidgets import QMessageBox

    text, full = fit_message(describe(exc))
    if full is None:
        QMessageBox.warning(parent, title or QCoreApplication.translate("messages", "无法完成"), text)
    else:
        error_box(parent, exc, title).exec()


def log_file_path() -> Path:
    from desktop.locations import log_file

    return log_file()


def setup_logging() -> Path | None:
    """Log to a file in the user log dir; a windowed program has no console to print to."""
    path = log_file_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


class ExceptHook:
    """sys.excepthook for the GUI: an exception in a slot is logged to the file and shown in a dialog.

    ExceptHook(path) logs to a file already set up; ExceptHook(None, start=setup_logging) sets the file up
    with start_logging() (the window calls it right after its first paint) or at the first exception, if
    that comes earlier: nothing is lost, and the log file costs the window's start nothing.
    """

    def __init__(self, log_path: Path | None, start: Callable[[], Path | None] | None = None):
        self.log_path = log_path
        self._start = start
        self.shown: list[str] = []

    def start_logging(self) -> Path | None:
        if self._start is not None:
            start, self._start = self._start, None
            self.log_path = start()
        return self.log_path

    def __call__(self, kind, exc, tb) -> None:
        self.start_logging()
        text = "".join(traceback.format_exception(kind, exc, tb))
        log.error("unhandled exception in the window:\n%s", text)
        message = describe(exc)
        self.shown.append(message)
        if QApplication.instance() is None:
            return
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("messages", "错误"), message)
        if not isinstance(exc, AppError):
            where = str(self.log_path) if self.log_path else QCoreApplication.translate("messages", "（无日志文件）")
            box.setInformativeText(QCoreApplication.translate("messages", "详细信息已写入日志文件：{path}").format(path=where))
            box.setDetailedText(text)
        box.exec()
