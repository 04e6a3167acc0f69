"""One round of the sequence that once destroyed the store, in a window process of its own:

    python window_round.py DB WORKBOOK

The window (the program's own start-up pieces: application, window lock, services, MainWindow) opens on
DB; the program's import file dialog is shown on DB's folder and left there a moment (it lists the store,
its -wal and -shm); with the dialog open and again after it, the command line runs `get` and `set` on
the same store in another process; the workbook picked in that dialog is imported through the window's
import dialog; a value is typed in the form; the window closes. Prints one line per step ("CLI get 0",
"IMPORTED 12", ...) for the test to check, and exits 0 when the window itself saw no error.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REGION, YEAR = "330382", "2023"  # 乐清市 2023: returned in the demo, so the window may write it
sys.path.insert(0, str(ROOT))


def cli(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), *args], capture_output=True,
                          text=True, cwd=ROOT, env=dict(os.environ, CHI_PASSWORD=""), timeout=120)


def store_files_deleted_under_me(db: Path) -> list[str]:
    """The store's files this process still has open although another program deleted them (Linux)."""
    fds = Path("/proc/self/fd")
    if not fds.is_dir():
        return []
    gone = []
    for fd in fds.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith(str(db)) and target.endswith(" (deleted)"):
            gone.append(Path(target[: -len(" (deleted)")]).name)
    return sorted(set(gone))


def say(*parts) -> None:
    print(*parts, flush=True)


def main(db: Path, workbook: Path) -> int:
    from desktop.ui.app import make_application, open_services, preload_core

    preload_core()
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel, QLineEdit, QListView

    from desktop.db.hold import WindowHold
    from desktop.ui.form_model import COL_VALUE
    from desktop.ui.import_dialog import ImportDialog
    from desktop.ui.main_window import MainWindow

    app = make_application()
    if os.environ.get("WINDOW_ROUND_UNSAFE"):  # the control: the stock dialog and no window lock, as before
        from desktop.ui import file_dialogs

        def stock_dialog(parent, title, folder, pattern, save=False, many=False):
            dialog = QFileDialog(parent, title, folder, pattern)
            dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
            dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
            return dialog

        file_dialogs.make_dialog = stock_dialog
        lock = None
    else:
        lock = WindowHold.take(db)
        assert lock is not None, "another window holds the store"
    services = open_services(db)
    settings = QSettings()
    settings.setValue("last/folder", str(db.parent))
    window = MainWindow(services, settings)
    window.show()
    window.select_region_year(REGION, int(YEAR))
    app.processEvents()

    def while_the_dialog_is_open() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QFileDialog) and w.isVisible())
        model = dialog.findChild(QFileSystemModel)
        root = model.index(str(db.parent))
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and model.rowCount(root) < 2:  # gathered: stat, icons, types
            app.processEvents()
        for _ in range(50):
            app.processEvents()
        view = dialog.findChild(QListView, "listView")
        shown = view.model()
        say("LISTED", *sorted(shown.index(r, 0, view.rootIndex()).data() for r in range(shown.rowCount(view.rootIndex()))))
        for args in (("get", REGION, YEAR), ("set", REGION, YEAR, "HOSPITAL_BEDS", "4321")):
            r = cli(db, *args)
            say("CLI", args[0], r.returncode, (r.stderr.strip().splitlines() or [""])[-1])
        say("DELETED", *store_files_deleted_under_me(db))
        dialog.findChild(QLineEdit, "fileNameEdit").setText(workbook.name)  # typed in the file name box
        dialog.accept()

    QTimer.singleShot(600, while_the_dialog_is_open)
    paths = window.ask_open_paths("导入Excel工作簿", "Excel 工作簿 (*.xlsx *.xlsm)")
    say("PICKED", *paths)
    for args in (("get", REGION, YEAR), ("set", REGION, YEAR, "HOSPITAL_BEDS", "4322")):
        r = cli(db, *args)
        say("CLI", args[0], r.returncode, (r.stderr.strip().splitlines() or [""])[-1])
    say("DELETED", *store_files_deleted_under_me(db))
    dialog = ImportDialog(services, paths, window)
    assert dialog.prepare(), "the import plan failed"
    dialog.import_button.click()
    say("IMPORTED", dialog.committed.replace("\n", " "))
    window.refresh()
    window.model.setData(window.model.index(window.model.row_of("HOSPITAL_BEDS"), COL_VALUE), "4100")
    say("TYPED", window.services.get_region_year(REGION, int(YEAR)).values["HOSPITAL_BEDS"].value)
    window.close()
    services.close()
    if lock is not None:
        lock.release()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()))
