"""帮助 → 关于: the program's version, the store, its catalog version and where the backups and the log are."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QPushButton, QVBoxLayout

from desktop.errors import AppError


class AboutDialog(QDialog):
    def __init__(self, services, parent=None):
        super().__init__(parent)
        from PySide6 import __version__ as pyside_version

        from desktop.first_start import about

        self.info = about(services)
        self.setWindowTitle(self.tr("关于 县卫生健康指标填报系统"))
        self.setMinimumWidth(520)
        title = QLabel(self.tr("县卫生健康指标填报系统"))
        title.setStyleSheet("font-size: 16px; font-weight: bold;")
        form = QFormLayout()
        info = self.info
        home = info["home_region"]
        if home:
            try:
                home = services.region(home).name
            except AppError:  # a region no longer in the store's list: show its code
                pass
        schema = str(info["schema_version"])
        if info["readonly"]:
            schema += self.tr("（只读打开）")
        self.rows = {
            "version": (self.tr("版本"), info["version"]),
            "store": (self.tr("数据库"), info["store"]),
            "catalog_version": (self.tr("指标目录版本"), info["catalog_version"]),
            "schema_version": (self.tr("数据库结构版本"), schema),
            "home_region": (self.tr("本单位地区"), home or self.tr("（未设定）")),
            "backups": (self.tr("备份位置"), self.tr("{path}（现有 {n} 份）").format(path=info["backups"],
                                                                          n=info["backup_count"])),
            "log": (self.tr("日志文件"), info["log"]),
            "runtime": (self.tr("运行环境"), f"Python {_python_version()} · Qt for Python {pyside_version}"),
        }
        self.labels: dict[str, QLabel] = {}
        for key, (name, value) in self.rows.items():
            label = QLabel(str(value))
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.labels[key] = label
            form.addRow(name, label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        self.open_backups = QPushButton(self.tr("打开备份文件夹"))
        self.open_backups.setEnabled(Path(info["backups"]).is_dir())
        buttons.addButton(self.open_backups, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addStretch(1)  # extra height goes below the rows, not around the title
        layout.addWidget(buttons)
        # word-wrapped paths make Qt's size hint far too tall: size the dialog for its actual width
        width = max(self.minimumWidth(), self.sizeHint().width())
        self.resize(width, layout.totalHeightForWidth(width))
        buttons.rejected.connect(self.reject)
        self.open_backups.clicked.connect(lambda: self.open_folder(Path(info["backups"])))

    def open_folder(self, path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    @classmethod
    def ask(cls, services, parent=None) -> None:
        cls(services, parent).exec()


def _python_version() -> str:
    import platform

    return platform.python_version()


def add_help_menu(window) -> QAction:
    """The window's 帮助 menu with 关于…; returns the action (window.actions_by_name["about"])."""
    menu = window.menuBar().addMenu(QCoreApplication.translate("AboutDialog", "帮助(&H)"))
    act = QAction(QCoreApplication.translate("AboutDialog", "关于…"), window)
    act.setObjectName("about")
    act.triggered.connect(lambda _checked=False: AboutDialog.ask(window.services, window))
    menu.addAction(act)
    window.actions_by_name["about"] = act
    return act
