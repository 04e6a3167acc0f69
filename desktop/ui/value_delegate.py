"""Typed editing of 本年: a line editor that shows the indicator's decimals, unit and range as you type."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate

from desktop.errors import InvalidValue
from desktop.numbers import parse_value
from desktop.ui.form_model import COL_TARGET, COL_VALUE


class ValueDelegate(QStyledItemDelegate):
    """The editor accepts what a clerk types (full-width digits, 4,839, 65.35%); the model parses it.

    While typing, text that is not a number, or a number outside the indicator's range, turns red
    and the tooltip says why; the range itself is the validation's finding once committed.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.current_editor: QLineEdit | None = None

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setFrame(False)
        if index.column() in (COL_VALUE, COL_TARGET):
            editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            ind = index.model().indicator_at(index.row())
            if ind is not None:
                editor.setPlaceholderText(ind.unit)
                editor.textChanged.connect(lambda text, e=editor, i=ind: self._check(e, i, text))
        else:
            editor.setMaxLength(2000)
        self.current_editor = editor
        editor.destroyed.connect(lambda *_: self._forget(editor))
        return editor

    def _forget(self, editor) -> None:
        if self.current_editor is editor:
            self.current_editor = None

    def _check(self, editor: QLineEdit, ind, text: str) -> None:
        problem = ""
        try:
            value = parse_value(text, ind.unit)
        except InvalidValue as exc:
            problem = exc.reason
        else:
            if value is not None:
                if ind.min is not None and value < ind.min or ind.max is not None and value > ind.max:
                    problem = self.tr("超出范围 {lo} – {hi}").format(
                        lo="" if ind.min is None else ind.format(ind.min),
                        hi="" if ind.max is None else ind.format(ind.max))
                elif ind.decimals == 0 and value != int(value):
                    problem = self.tr("该指标应为整数")
        editor.setStyleSheet("color: #c62828;" if problem else "")
        editor.setToolTip(problem)

    def setEditorData(self, editor, index):
        editor.setText(index.model().data(index, Qt.ItemDataRole.EditRole) or "")
        editor.selectAll()

    def setModelData(self, editor, model, index):
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
