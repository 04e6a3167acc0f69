"""Every file dialog of the window: Qt's own (not the platform's), which never opens the store's files.

Qt's file dialog asks its icon provider for each file's icon and type, and the stock provider finds them
by reading the file's first bytes (MIME sniffing): showing the dialog on the store's folder opened and
closed the store, its -wal and -shm. Closing any descriptor of a file drops all of this process's POSIX
locks on it, SQLite's included, and the command line then deleted the WAL under the open window. Here
the icons and types come from the name alone, the open store's files are not even listed, and a typed
name of one of them is refused. A platform dialog (GTK in this process) would sniff again, so none is used.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QFileInfo, QSortFilterProxyModel
from PySide6.QtGui import QAbstractFileIconProvider
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.db.store import is_store_file


class NameOnlyIconProvider(QAbstractFileIconProvider):
    """Icons and type names from the file name and stat() alone: never opens a file."""

    def icon(self, what):  # overloaded in Qt: icon(IconType) and icon(QFileInfo)
        if isinstance(what, QFileInfo):
            kind = (QAbstractFileIconProvider.IconType.Folder if what.isDir()
                    else QAbstractFileIconProvider.IconType.File)
            return super().icon(kind)
        return super().icon(what)

    def type(self, info: QFileInfo) -> str:  # noqa: A003 - Qt override
        if info.isDir():
            return QCoreApplication.translate("file_dialogs", "文件夹")
        suffix = info.suffix().upper()
        return (QCoreApplication.translate("file_dialogs", "{suffix} 文件").format(suffix=suffix) if suffix
                else QCoreApplication.translate("file_dialogs", "文件"))


class HideStoreFiles(QSortFilterProxyModel):
    """The dialog's list without the open store, its -wal/-shm/-journal and its lock file."""

    def filterAcceptsRow(self, row: int, parent) -> bool:  # noqa: N802 - Qt override
        model = self.sourceModel()
        index = model.index(row, 0, parent)
        path = model.filePath(index) if hasattr(model, "filePath") else ""
        return not (path and is_store_file(path))


def make_dialog(parent, title: str, folder: str, pattern: str, save: bool = False,
                many: bool = False) -> QFileDialog:
    """The program's file dialog (see the module text); shown by the functions below, or by a test."""
    dialog = QFileDialog(parent, title, folder, pattern)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    # the provider first: the dialog's file-system model starts gathering as soon as it has a folder
    dialog._icons = NameOnlyIconProvider()  # kept alive with the dialog
    dialog.setIconProvider(dialog._icons)
    dialog._hide = HideStoreFiles(dialog)
    dialog.setProxyModel(dialog._hide)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    else:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles if many else QFileDialog.FileMode.ExistingFile)
    return dialog


def _refused(parent, paths: list[str]) -> bool:
    bad = [p for p in paths if is_store_file(p)]
    if bad:
        QMessageBox.warning(parent, QCoreApplication.translate("file_dialogs", "不能选择数据库文件"),
                            QCoreApplication.translate(
                                "file_dialogs", "{path} 是正在使用的数据库文件（或它的日志、锁文件），不能在这里打开或覆盖。"
                                "请另选一个文件。").format(path=bad[0]))
    return bool(bad)


def _run(dialog: QFileDialog) -> list[str]:
    try:
        if not dialog.exec():
            return []
        return [str(Path(p)) for p in dialog.selectedFiles()]
    finally:
        dialog.deleteLater()


def open_file_names(parent, title: str, folder: str, pattern: str) -> list[str]:
    paths = _run(make_dialog(parent, title, folder, pattern, many=True))
    return [] if _refused(parent, paths) else paths


def open_file_name(parent, title: str, folder: str, pattern: str) -> str:
    paths = _run(make_dialog(parent, title, folder, pattern))
    return "" if not paths or _refused(parent, paths[:1]) else paths[0]


def existing_directory(parent, title: str, folder: str) -> str:
    dialog = make_dialog(parent, title, folder, "")
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    paths = _run(dialog)
    return paths[0] if paths else ""


def save_file_name(parent, title: str, path: str, pattern: str) -> str:
    target = Path(path) if path else None
    folder = str(target.parent) if target is not None and target.parent != Path("") else ""
    dialog = make_dialog(parent, title, folder, pattern, save=True)
    if target is not None and target.name:
        dialog.selectFile(target.name)
    paths = _run(dialog)
    return "" if not paths or _refused(parent, paths[:1]) else paths[0]
