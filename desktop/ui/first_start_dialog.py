"""The first start on a computer without a store: a new store for the office's county, the demo, or a store file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import AppError
from desktop.ui import file_dialogs
from desktop.ui.messages import describe


@dataclass
class FirstStartResult:
    services: object  # Services, acting as admin when the password was set here
    choice: str       # "new", "demo" or "existing"
    logged_in: bool   # admin's password was typed here: no log-in dialog after it


class FirstStartDialog(QDialog):
    """FirstStartDialog(path): `path` is where a new store goes; the work is done by desktop.first_start."""

    def __init__(self, path: Path, parent=None):
        super().__init__(parent)
        self.path = Path(path)
        self.result_: FirstStartResult | None = None
        self.checked_admins: tuple[str, ...] | None = None  # of the existing store file, once inspected
        self.setWindowTitle(self.tr("首次使用 — 县卫生健康指标填报系统"))
        self.setMinimumWidth(560)

        heading = QLabel(self.tr("欢迎使用县卫生健康指标填报系统。这台计算机上还没有数据库，请选择如何开始："))
        heading.setWordWrap(True)
        heading.setStyleSheet("font-weight: bold; padding-bottom: 4px;")

        self.new_button = QRadioButton(self.tr("新建空数据库，用于本单位所在的地区"))
        self.region_box = QComboBox()
        self.region_box.setPlaceholderText(self.tr("请选择本单位所在的县（市、区）"))
        self._fill_regions()
        self.demo_button = QRadioButton(self.tr("载入演示数据（瑞安市、温州市、温岭市报告中的数字，供试用）"))
        self.existing_button = QRadioButton(self.tr("打开已有的数据库文件（例如从原来的计算机复制来的）"))
        self.file_edit = QLineEdit()
        self.file_edit.setPlaceholderText(self.tr("数据库文件（.sqlite）"))
        self.browse_button = QPushButton(self.tr("浏览…"))
        self.file_info = QLabel()
        self.file_info.setWordWrap(True)
        self.choices = QButtonGroup(self)
        for button in (self.new_button, self.demo_button, self.existing_button):
            self.choices.addButton(button)
        self.new_button.setChecked(True)

        self.where = QLabel(self.tr("新数据库保存在：{path}").format(path=self.path))
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.where.setStyleSheet("color: #555;")

        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_box = QGroupBox(self.tr("管理员 admin 的密码"))
        pw_form = QFormLayout(self.password_box)
        self.password_note = QLabel()
        self.password_note.setWordWrap(True)
        pw_form.addRow(self.password_note)
        pw_form.addRow(self.tr("密码"), self.password)
        pw_form.addRow(self.tr("再次输入"), self.again)

        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b71c1c;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("开始使用"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("退出"))

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.new_button)
        layout.addWidget(self._indented(self.region_box))
        layout.addWidget(self.demo_button)
        layout.addWidget(self.existing_button)
        file_row = QWidget()
        row = QHBoxLayout(file_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.file_edit, 1)
        row.addWidget(self.browse_button)
        layout.addWidget(self._indented(file_row))
        layout.addWidget(self._indented(self.file_info))
        layout.addWidget(self.where)
        layout.addWidget(self.password_box)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        self.choices.buttonClicked.connect(lambda _b: self._choice_changed())
        self.browse_button.clicked.connect(self._browse)
        self.file_edit.editingFinished.connect(lambda: self.check_file(self.file_edit.text()))
        self.region_box.currentIndexChanged.connect(lambda _i: self._select(self.new_button))
        self._choice_changed()

    @staticmethod
    def _indented(widget: QWidget) -> QWidget:
        holder = QWidget()
        lay = QHBoxLayout(holder)
        lay.setContentsMargins(24, 0, 0, 0)
        lay.addWidget(widget, 1)
        return holder

    def _fill_regions(self) -> None:
        """Counties under their city, as the region tree shows them; cities and the province for their offices."""
        from desktop.catalog import read_regions

        regions = read_regions()
        names = {r.code: r.name for r in regions}
        order = {"province": 0, "city": 1, "county": 2}
        for r in sorted(regions, key=lambda r: (r.code[:4] if r.level != "province" else "", order[r.level], r.code)):
            if r.level == "county":
                label = f"{names.get(r.parent_code or '', '')} › {r.name}"
            elif r.level == "city":
                label = self.tr("{name}（市级）").format(name=r.name)
            else:
                label = self.tr("{name}（省级）").format(name=r.name)
            self.region_box.addItem(label, r.code)
        self.region_box.setCurrentIndex(-1)  # the clerk picks: no county is assumed

    # ---- state ------------------------------------------------------------------------------------
    def choice(self) -> str:
        if self.demo_button.isChecked():
            return "demo"
        if self.existing_button.isChecked():
            return "existing"
        return "new"

    def _select(self, button: QRadioButton) -> None:
        if not button.isChecked():
            button.setChecked(True)
            self._choice_changed()

    def choose(self, choice: str) -> None:
        """Pick one of the three ways in, as a click on its button does (tests and keyboard)."""
        self._select({"new": self.new_button, "demo": self.demo_button, "existing": self.existing_button}[choice])

    def choose_region(self, code_or_name: str) -> None:
        for i in range(self.region_box.count()):
            if self.region_box.itemData(i) == code_or_name or self.region_box.itemText(i).endswith(code_or_name):
                self.region_box.setCurrentIndex(i)
                return
        raise AppError(f"未知的地区：{code_or_name}")

    def _choice_changed(self) -> None:
        choice = self.choice()
        self.error.clear()
        self.where.setVisible(choice != "existing")
        self.file_info.setVisible(choice == "existing")
        needs_password = choice != "existing" or bool(self.checked_admins)
        self.password_box.setEnabled(needs_password)
        if choice == "existing":
            if self.checked_admins:
                self.password_note.setText(self.tr("该数据库的管理员 {names} 还没有密码，请现在设定（至少6个字符）。").format(
                    names="、".join(self.checked_admins)))
            else:
                self.password_note.setText(self.tr("打开后用该数据库中的用户和密码登录。"))
        else:
            self.password_note.setText(self.tr("新数据库的管理员是 admin。请现在设定密码（至少6个字符）并妥善保管："
                                               "没有密码，任何人都能以管理员身份修改数据。"))
        self.adjustSize()

    def _browse(self) -> None:
        path = self.ask_store_file()
        if path:
            self.file_edit.setText(path)
            self._select(self.existing_button)
            self.check_file(path)

    def ask_store_file(self) -> str | None:
        """The open-file dialog (tests patch this)."""
        path = file_dialogs.open_file_name(self, self.tr("打开数据库文件"), str(Path.home()),
                                           self.tr("数据库文件 (*.sqlite *.db);;所有文件 (*)"))
        return path or None

    def check_file(self, text: str) -> bool:
        """Look into the chosen store file and say what was found; False (and why) when it cannot be used."""
        from desktop.first_start import inspect_store

        self.checked_admins = None
        text = text.strip()
        if not text:
            self.file_info.clear()
            return False
        try:
            found = inspect_store(Path(text))
        except AppError as exc:
            self.file_info.clear()
            self.error.setText(describe(exc))
            self._choice_changed_keep_error()
            return False
        self.checked_admins = found.open_admins
        info = self.tr("数据库：{n} 个地区，{u} 个用户。").format(n=found.regions, u=found.users)
        if found.readonly_notice:
            info += "\n" + found.readonly_notice
        self.file_info.setText(info)
        self._choice_changed()
        return True

    def _choice_changed_keep_error(self) -> None:
        text = self.error.text()
        self._choice_changed()
        self.error.setText(text)

    # ---- doing it ---------------------------------------------------------------------------------
    def try_accept(self) -> bool:
        """Make or open the store as chosen; on a refusal the dialog stays open and says why."""
        from desktop import first_start

        choice = self.choice()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if choice == "existing":
                text = self.file_edit.text().strip()
                if not text:
                    raise AppError(self.tr("请选择要打开的数据库文件。"))
                if self.checked_admins is None and not self.check_file(text):
                    return False
                services = first_start.open_existing(Path(text), password=self.password.text(),
                                                     again=self.again.text())
                logged_in = bool(self.checked_admins)
            else:
                county = self.region_box.currentData() if choice == "new" else None
                services = first_start.create_store(self.path, password=self.password.text(),
                                                    again=self.again.text(), county=county, demo=choice == "demo")
                logged_in = True
        except AppError as exc:
            self.error.setText(describe(exc))
            self.adjustSize()
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.result_ = FirstStartResult(services, choice, logged_in)
        self.accept()
        return True

    @classmethod
    def ask(cls, path: Path, parent=None) -> FirstStartResult | None:
        """Show the dialog; the store made or opened, or None when the clerk chose 退出."""
        dialog = cls(path, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.result_
