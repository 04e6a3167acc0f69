"""Who is working: the user list (the last one preselected) and a password when the user has one."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit

from desktop.errors import AppError
from desktop.ui import vocabulary
from desktop.ui.messages import describe


class LoginDialog(QDialog):
    def __init__(self, services, settings, parent=None):
        super().__init__(parent)
        self.services, self.settings = services, settings
        self.setWindowTitle(self.tr("登录"))
        self.users = {u.name: u for u in services.users()}
        self.user_box = QComboBox()
        for name, user in sorted(self.users.items()):
            self.user_box.addItem(f"{name}（{vocabulary.role(user.role)}）", name)
        last = str(settings.value("last/user", "") or "")
        pos = self.user_box.findData(last)
        if pos >= 0:
            self.user_box.setCurrentIndex(pos)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b71c1c;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登录"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.setMinimumWidth(340)
        heading = QLabel(self.tr("县卫生健康指标填报系统：请选择用户"))
        heading.setStyleSheet("font-weight: bold; padding-bottom: 6px;")
        form = QFormLayout(self)
        form.addRow(heading)
        form.addRow(self.tr("用户"), self.user_box)
        self.password_label = QLabel(self.tr("密码"))
        form.addRow(self.password_label, self.password)
        form.addRow(self.error)
        form.addRow(buttons)
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        self.user_box.currentIndexChanged.connect(self._user_changed)
        self._user_changed()

    def selected_user(self) -> str:
        return self.user_box.currentData() or ""

    def _user_changed(self, *_args) -> None:
        user = self.users.get(self.selected_user())
        needs = bool(user and user.has_password)
        self.password.setVisible(needs)
        self.password_label.setVisible(needs)
        self.password.clear()
        self.error.clear()
        if needs:  # the clerk picks a name and types the password straight away
            self.password.setFocus()
        self.adjustSize()

    def try_login(self) -> bool:
        from desktop.workflow import login

        user = self.users.get(self.selected_user())
        if user is not None and user.has_password and not self.password.text():
            # the core's message for this case speaks of the command line's CHI_PASSWORD
            self._show_error(self.tr("请输入用户 {name} 的密码。").format(name=user.name))
            return False
        try:
            login(self.services, self.selected_user(), self.password.text() or None)
        except AppError as exc:
            self._show_error(describe(exc))
            return False
        self.settings.setValue("last/user", self.selected_user())
        self.accept()
        return True

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.adjustSize()  # a wrapped message of two lines was cut to half of each
        self.password.selectAll()
        self.password.setFocus()

    @classmethod
    def ask(cls, services, settings, parent=None) -> bool:
        """Log in: True when a user was chosen (at once when there is one user without a password)."""
        from desktop.workflow import sole_user_login

        if sole_user_login(services):
            return True
        return cls(services, settings, parent).exec() == QDialog.DialogCode.Accepted
