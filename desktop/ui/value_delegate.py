"""Typed editing: 本年 in a line editor that shows the indicator's decimals, unit and range as you type; 说明 in a
multi-line editor that adds to the note (the cursor at its end, on a new line) and says at once when the text is
boilerplate that does not count as an explanation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractItemDelegate, QStyledItemDelegate

from desktop.errors import InvalidValue
from desktop.numbers import parse_value
from desktop.ui import vocabulary
from desktop.ui.form_model import COL_NOTE, COL_TARGET, COL_VALUE

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLineEdit

# The editors (QLineEdit, and desktop.ui.note_editor's QPlainTextEdit) are imported when the first cell is
# edited: PySide6 makes each Qt class and its enums when first imported, which the window's start need not pay.


def _is_note(editor) -> bool:
    from desktop.ui.note_editor import NoteEditor

    return isinstance(editor, NoteEditor)


class ValueDelegate(QStyledItemDelegate):
    """The editor accepts what a clerk types (full-width digits, 4,839, 65.35%); the model parses it.

    While typing, text that is not a number, or a number outside the indicator's range, turns red
    and the tooltip says why; the range itself is the validation's finding once committed.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.current_editor: QLineEdit | None = None

    def createEditor(self, parent, option, index):
        from PySide6.QtWidgets import QLineEdit

        if index.column() == COL_NOTE:
            from desktop.ui.note_editor import NoteEditor

            note = NoteEditor(parent)
            note.submitted.connect(lambda e=note: self._submit(e))
            self.current_editor = note
            note.destroyed.connect(lambda *_: self._forget(note))
            return note
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
            problem = vocabulary.say(exc.reason)
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

    def _submit(self, editor) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.SubmitModelCache)

    def setEditorData(self, editor, index):
        text = index.model().data(index, Qt.ItemDataRole.EditRole) or ""
        if _is_note(editor):
            # what the clerk types is added to the note, on a new line; nothing is selected to be typed over
            editor.setText(text + "\n" if text.strip() else "")
            return
        editor.setText(text)
        editor.selectAll()

    def updateEditorGeometry(self, editor, option, index):
        if _is_note(editor):  # room for several lines and the hint, over the rows below
            rect = QRect(option.rect)
            rect.setHeight(max(rect.height() * 5, 110))
            rect.setWidth(max(rect.width(), 360))
            room = editor.parentWidget().rect() if editor.parentWidget() is not None else rect
            if rect.right() > room.right():  # 说明 is the last column: open leftward, inside the table
                rect.moveRight(room.right())
            if rect.bottom() > room.bottom():  # a row near the bottom: open upward
                rect.moveBottom(min(room.bottom(), option.rect.bottom()))
            editor.setGeometry(rect)
            return
        super().updateEditorGeometry(editor, option, index)

    def setModelData(self, editor, model, index):
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
