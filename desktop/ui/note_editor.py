"""The 说明 editor of the form: several lines, added to at the end, and a line that says at once when the
note is boilerplate. Made when a note is first edited (desktop.ui.value_delegate), not with the window."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit

from desktop.texts import NOTE_MAX_CHARS
from desktop.validation.notes import is_boilerplate_note


class NoteEditor(QPlainTextEdit):
    """The 说明 editor: several lines (Shift+Enter or Alt+Enter starts a new one), Enter or Tab commits, Esc
    cancels. Below the text, a line says at once when the note is boilerplate (无, 正常, 同上, 已核实 …) and
    does not count as an explanation (desktop.validation.notes)."""

    submitted = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFrameShape(QPlainTextEdit.Shape.Box)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #8a4b00; background: #fff3d6; padding: 2px 4px;")
        self.hint.setVisible(False)
        self.textChanged.connect(self.check)

    def keyPressEvent(self, event):
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier):
                self.insertPlainText("\n")
            else:
                self.submitted.emit()
            return
        super().keyPressEvent(event)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self.setPlainText(text)
        self.moveCursor(QTextCursor.MoveOperation.End)

    def check(self) -> None:
        """Say at once whether the note counts as an explanation."""
        text = self.toPlainText()
        problem = ""
        if len(text) > NOTE_MAX_CHARS:
            problem = self.tr("说明过长：{n} 个字，最多 {m} 个字").format(n=len(text), m=NOTE_MAX_CHARS)
        elif text.strip() and is_boilerplate_note(text):
            problem = self.tr("不算说明：“无”“正常”“同上”“已核实”之类的套话或过于简略的话不能消除核实提示，请写明具体原因。")
        self.hint.setText(problem)
        self.hint.setVisible(bool(problem))
        self.setToolTip(problem)
        self._place_hint()

    def _place_hint(self) -> None:
        if not self.hint.isVisible():
            self.setViewportMargins(0, 0, 0, 0)
            return
        width = self.width() - 2 * self.frameWidth()
        height = self.hint.heightForWidth(width) if self.hint.hasHeightForWidth() else self.hint.sizeHint().height()
        self.setViewportMargins(0, 0, 0, height)
        self.hint.setGeometry(QRect(self.frameWidth(), self.height() - self.frameWidth() - height, width, height))

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._place_hint()
