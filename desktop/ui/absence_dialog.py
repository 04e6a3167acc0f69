"""标为不适用 / 本年未统计: the kind and one reason for the indicators selected in the form."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
)

from desktop.validation.notes import is_boilerplate_note


class AbsenceDialog(QDialog):
    """AbsenceDialog.ask(parent, names) -> (kind, reason) or None when cancelled."""

    def __init__(self, names: list[str], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("标为不适用或本年未统计"))
        shown = self.tr("、").join(names[:8]) + (self.tr(" 等 {n} 个").format(n=len(names)) if len(names) > 8 else "")
        heading = QLabel(self.tr("所选 {n} 个指标：{names}").format(n=len(names), names=shown))
        heading.setWordWrap(True)
        self.na = QRadioButton(self.tr("不适用（本地区没有这项工作或机构）"))
        self.uncollected = QRadioButton(self.tr("本年未统计（本年没有采集这项数据）"))
        self.na.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.na)
        group.addButton(self.uncollected)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("原因，例如：本县无三级医院"))
        self.reason.setMaxLength(500)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #8a4b00;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.na)
        layout.addWidget(self.uncollected)
        layout.addWidget(QLabel(self.tr("原因（所选指标共用，填报人和审核人都会看到）：")))
        layout.addWidget(self.reason)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(self.check)
        self.check()
        self.reason.setFocus()  # the reason is what is typed; the kind has a default
        self.resize(460, self.sizeHint().height())

    def kind(self) -> str:
        return "na" if self.na.isChecked() else "uncollected"

    def check(self) -> None:
        text = self.reason.text().strip()
        ok = bool(text) and not is_boilerplate_note(text)
        self.hint.setText("" if ok or not text else self.tr("套话或过于简略，不算原因：请写明为何没有这个数值"))
        self.hint.setVisible(bool(self.hint.text()))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    @classmethod
    def ask(cls, parent, names: list[str]) -> tuple[str, str] | None:
        dialog = cls(names, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.kind(), dialog.reason.text().strip()
