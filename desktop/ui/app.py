"""Starting the window: QApplication, fonts, translations, the excepthook, log-in, lock, store, main window."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop import APP_NAME, APP_TITLE

RESOURCES = Path(__file__).resolve().parent.parent.parent / "resources"
FONT_FILE = RESOURCES / "fonts" / "wqy-microhei.ttc"
TRANSLATIONS = RESOURCES / "translations"
UI_FONTS = ("Microsoft YaHei", "Microsoft YaHei UI", "WenQuanYi Micro Hei", "Noto Sans CJK SC",
            "Source Han Sans SC", "PingFang SC")


def setup_fonts(app) -> str:
    """Register the shipped CJK font and pick the first CJK-capable UI font that exists; returns its family."""
    from PySide6.QtGui import QFont, QFontDatabase

    families = set(QFontDatabase.families())
    if not families.intersection(UI_FONTS) and FONT_FILE.exists():
        # no CJK UI font on this machine: the shipped one keeps the window readable (5 MB: only when needed)
        QFontDatabase.addApplicationFont(str(FONT_FILE))
        families = set(QFontDatabase.families())
    for family in UI_FONTS:
        if family in families:
            font = QFont(family)
            font.setPointSize(max(app.font().pointSize(), 10))
            app.setFont(font)
            return family
    return app.font().family()


# Qt's own strings that its shipped qtbase_zh_CN.qm lacks (Qt 6 renamed them): the file dialog of Linux
# showed "&Look in:" and "Files of &type:" in the Chinese window. (context, source) -> Chinese.
QT_ZH_GAPS = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
}


def _qt_gaps_translator(app):
    from PySide6.QtCore import QTranslator

    class QtGapsTranslator(QTranslator):
        def translate(self, context, source, disambiguation=None, n=-1):
            return QT_ZH_GAPS.get((context, source))  # None: not ours, the next translator answers

        def isEmpty(self):
            return False

    return QtGapsTranslator(app)


def qt_translations_dir(reported: str) -> str:
    """Qt's translations folder: in the installed bundle, the one inside it (Qt's prefix is not relocated there,
    see packaging/rth_qt_plugins.py); elsewhere where QLibraryInfo says."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        for candidate in (Path(bundle) / "PySide6" / "Qt" / "translations", Path(bundle) / "PySide6" / "translations"):
            if candidate.is_dir():
                return str(candidate)
    return reported


def install_translators(app, language: str) -> list:
    """Our app_<lang>.qm and Qt's own qtbase_<lang>.qm; Simplified Chinese is the source language."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    installed = []
    qt_dir = qt_translations_dir(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    qt_lang = "zh_CN" if language.startswith("zh") else language
    qt = QTranslator(app)
    if qt.load(f"qtbase_{qt_lang}", qt_dir):
        app.installTranslator(qt)
        installed.append(qt)
    if language.startswith("zh"):
        gaps = _qt_gaps_translator(app)
        app.installTranslator(gaps)
        installed.append(gaps)
    if not language.startswith("zh"):
        ours = QTranslator(app)
        if ours.load(str(TRANSLATIONS / f"app_{language}.qm")):
            app.installTranslator(ours)
            installed.append(ours)
    QLocale.setDefault(QLocale("zh_CN") if language.startswith("zh")
                       else QLocale(language))
    return installed


def preload_core() -> None:
    """Import the headless core (store, services, validation, workflow) before PySide6 is imported.

    After PySide6 is loaded, its import hook inspects every newly imported module for `__feature__` use;
    the core and its libraries (sqlite-utils with click, dateutil, pluggy…) are some 150 modules, and
    importing them first saves about 40 ms of the window's start-up. They are needed before the first
    paint anyway.
    """
    import desktop.services  # noqa: F401
    import desktop.validation  # noqa: F401
    import desktop.workflow  # noqa: F401


def make_application(argv: list[str] | None = None):
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationDisplayName(APP_TITLE)
    setup_fonts(app)
    install_translators(app, str(QSettings().value("language", "zh_CN")))
    return app


def store_message(exc) -> str:
    from PySide6.QtCore import QCoreApplication

    from desktop.errors import StoreDamaged, StoreFull, StoreLocked, StoreReadOnly, StoreTooNew
    from desktop.ui.messages import describe

    heads = {StoreLocked: QCoreApplication.translate("app", "数据库正被占用"),
             StoreReadOnly: QCoreApplication.translate("app", "数据库只读"),
             StoreFull: QCoreApplication.translate("app", "磁盘已满"),
             StoreTooNew: QCoreApplication.translate("app", "程序版本过旧"),
             StoreDamaged: QCoreApplication.translate("app", "数据库已损坏")}
    head = next((h for k, h in heads.items() if isinstance(exc, k)), QCoreApplication.translate("app", "无法打开数据库"))
    return f"{head}\n\n{describe(exc)}"


def lock_holder(store_path) -> tuple[bool, int, str]:
    """(known, pid, host) of the window holding the store (desktop.db.hold), (False, 0, "") if none."""
    from desktop.db.hold import holder

    who = holder(store_path)
    if who is None:
        return False, 0, ""
    return bool(who.pid), who.pid, who.host


def second_copy_message(known: bool, pid: int, host: str, path) -> str:
    from PySide6.QtCore import QCoreApplication

    who = QCoreApplication.translate("app", "（进程 {pid}，计算机 {host}）").format(pid=pid, host=host) if known else ""
    return QCoreApplication.translate(
        "app", "本程序已经打开了这个数据库{who}：{path}。请切换到已打开的窗口；同一数据库只能由一个窗口使用。"
    ).format(who=who, path=path)


def open_services(db_path: Path):
    """Services on an existing store; raises StoreMissing (no store, or a file without a schema: a first
    start cut off before its one transaction) for the first-start dialog, and the other StoreErrors."""
    from desktop.services import Services

    return Services.open(db_path)


def backup_on_open(services, parent=None) -> Path | None:
    """The rolling backup made when the window opens the store; a failure is said, not fatal."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from desktop.errors import AppError

    try:
        return services.backup(reason="gui-open")
    except AppError as exc:
        QMessageBox.warning(parent, APP_TITLE, QCoreApplication.translate(
            "app", "启动时未能备份数据库：{e}").format(e=exc))
        return None


def after_first_paint(window, fn, latest_ms: int = 3000) -> None:
    """Call fn once, right after the window's first paint (a 0 ms timer alone fires before it), or after
    `latest_ms` if the window is never painted (e.g. started minimised)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    done = []

    def fire() -> None:
        if not done:
            done.append(True)
            fn()

    class _FirstPaint(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint:
                obj.removeEventFilter(self)
                QTimer.singleShot(0, fire)
            return False

    watcher = _FirstPaint(window)
    window.installEventFilter(watcher)
    QTimer.singleShot(latest_ms, fire)


class _NoHold:
    def release(self) -> None:
        pass


def take_lock(path: Path):
    """The window's lock on `path` (one window per store), or None after telling the clerk who holds it."""
    from PySide6.QtWidgets import QMessageBox

    from desktop.db.hold import WindowHold

    # held from before the store is opened until after it is closed: another program that finds it held
    # opens the store read-only, and so can never delete the WAL under this window (desktop/db/hold.py)
    try:
        lock = WindowHold.take(path)
    except OSError:
        # no lock file in a folder we cannot write: the store opens read-only there, and no program can
        # delete its files either
        return _NoHold()
    if lock is None:
        QMessageBox.warning(None, APP_TITLE, second_copy_message(*lock_holder(path), path))
    return lock


def first_start(path: Path, settings, remember: bool):
    """No store at `path`: the first-start dialog (new store for a county, demo, or a store file).

    Returns (services, logged_in) or None when the clerk quits. A store file chosen here is recorded as the
    store to use from now on (window and command line) unless the store was named by --db or $CHI_DB.
    """
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from desktop.locations import remember_store
    from desktop.ui.first_start_dialog import FirstStartDialog

    result = FirstStartDialog.ask(path)
    if result is None:
        return None
    services = result.services
    for key in ("last/region", "last/year"):  # a new store opens on its own county, not the last one's place
        settings.remove(key)
    if remember:
        try:
            remember_store(services.store.path)
        except OSError as exc:
            QMessageBox.warning(None, APP_TITLE, QCoreApplication.translate(
                "app", "未能记下所选数据库的位置，下次启动需重新选择：{e}").format(e=exc))
    return services, result.logged_in


def log_in(services, settings) -> bool:
    """True when a user is logged in: the store's only user without a password at once (the log-in dialog is
    then not even built), else whom the clerk picks in the dialog."""
    from desktop.workflow import sole_user_login

    if sole_user_login(services):
        return True
    from desktop.ui.login_dialog import LoginDialog

    return LoginDialog.ask(services, settings)


def open_window(services, settings, hook=None, backup: bool = True, then=None):
    """The main window, shown on the last region-year, as run() opens it (and bench/bench_ui.py times it).

    What the first screen does not show waits until right after the first paint: the log file (`hook`, an
    ExceptHook, opens it; an exception before that opens it too), the window's rarely used parts
    (MainWindow.finish_start), and the rolling backup (a large store would keep the clerk waiting on no
    window). `then` is called when all of that is done.
    """
    from desktop.ui.main_window import MainWindow

    window = MainWindow(services, settings)
    window.show()

    def after_paint() -> None:
        if hook is not None:
            hook.start_logging()
        window.finish_start()
        if backup:
            backup_on_open(services, window)
        if then is not None:
            then()

    after_first_paint(window, after_paint)
    return window


def run(db_path: str | None = None) -> int:
    """The whole GUI session; returns the exit code."""
    preload_core()
    from PySide6.QtCore import QDir, QSettings
    from PySide6.QtWidgets import QMessageBox

    from desktop.errors import StoreError, StoreMissing
    from desktop.locations import store_from_environment
    from desktop.services import default_db_path
    from desktop.ui.messages import ExceptHook, setup_logging
    from desktop.ui.vocabulary import say

    app = make_application()
    hook = sys.excepthook = ExceptHook(None, start=setup_logging)  # the log file: after the first paint
    path = Path(db_path) if db_path else default_db_path()
    path = Path(QDir.cleanPath(str(path.resolve())))

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        QMessageBox.critical(None, APP_TITLE, str(exc))
        return 1
    lock = take_lock(path)
    if lock is None:
        return 1
    services = None
    try:
        settings = QSettings()
        logged_in = False
        try:
            services = open_services(path)
        except StoreMissing:
            started = first_start(path, settings, remember=not db_path and not store_from_environment())
            if started is None:
                return 0
            services, logged_in = started
            chosen = Path(QDir.cleanPath(str(services.store.path.resolve())))
            if chosen != path:  # an existing store file: the lock goes with it
                lock.release()
                lock = take_lock(chosen)
                if lock is None:
                    return 1
        except StoreError as exc:
            QMessageBox.critical(None, APP_TITLE, store_message(exc))
            return 1
        if services.store.notice:
            QMessageBox.information(None, APP_TITLE, say(services.store.notice))
        if not logged_in and not log_in(services, settings):
            return 0
        if logged_in:
            settings.setValue("last/user", services.user.name)
        open_window(services, settings, hook, backup=not services.store.notice)
        return app.exec()
    finally:
        if services is not None:
            services.close()
        if lock is not None:
            lock.release()
