"""The entry table: Enter and Tab move down to the next value, typing starts editing, Ctrl+V pastes a block as it stands."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QHeaderView, QTableView

from desktop.ui.form_model import (
    COL_CHECK,
    COL_COMPUTED,
    COL_NAME,
    COL_NOTE,
    COL_SUBMITTED,
    COL_VALUE,
    FormModel,
    clipboard_rows,
)
from desktop.ui.value_delegate import ValueDelegate
from desktop.ui.icons import ICON_SIZE


class FormView(QTableView):
    pasted = Signal(bool)  # True when the paste was written

    def __init__(self, model: FormModel, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.delegate = ValueDelegate(self)
        self.setItemDelegate(self.delegate)
        # several indicators at once (Shift/Ctrl+click, Shift+↓) for 标为不适用
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setTabKeyNavigation(True)
        self.setAlternatingRowColors(False)
        self.setWordWrap(False)
        # the status and severity icons are drawn 16 px square (desktop.ui.icons): shown at that size, whatever
        # the style's small icon size (asking the style for it would cost the window's start ~10 ms of enums)
        self.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in ((COL_NAME, 200), (1, 50), (2, 82), (COL_VALUE, 86), (4, 60), (5, 64), (COL_CHECK, 66)):
            self.setColumnWidth(col, width)
        # 上年 from an earlier year reads "10793（2022）": wide enough for that, not cut to "10793（20…"
        self.setColumnWidth(2, max(82, self.fontMetrics().horizontalAdvance("99999.99（2099）") + 14))
        self.setColumnWidth(COL_SUBMITTED, 86)
        self.setColumnWidth(COL_COMPUTED, 120)
        self.setColumnWidth(COL_CHECK, self.check_column_width())
        self._fit_headings()
        model.modelReset.connect(self._span_sections)
        model.submitted_shown.connect(self.show_submitted)
        model.computed_shown.connect(self.show_computed)
        self._span_sections()
        self.show_submitted(model.submission is not None)
        self.show_computed(bool(model.computed))

    def check_column_width(self) -> int:
        """Wide enough for the icon and the longest text of the 审核 column (已说明 was cut to 已…)."""
        text = max(self.fontMetrics().horizontalAdvance(t) for t in self.form_model().check_texts())
        return max(66, text + self.iconSize().width() + 18)

    def entry_width(self) -> int:
        """Pixels from the left edge through 本年 (and 上次提交 when shown): what must stay in view to type."""
        header = self.horizontalHeader()
        last = max(header.sectionViewportPosition(COL_VALUE) + header.sectionSize(COL_VALUE) + header.offset(), 0)
        return last + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()

    def heading_width(self, col: int) -> int:
        """The width a column needs for its heading (bold, as 本年 is), e.g. "Last submitted" in English."""
        font = self.horizontalHeader().font()
        font.setBold(True)
        text = str(self.model().headerData(col, Qt.Orientation.Horizontal) or "")
        return QFontMetrics(font).horizontalAdvance(text) + 16

    def fit_headings(self) -> None:
        """Widen every column (but the stretching 说明) to its heading in the language shown."""
        self._fit_headings()

    def _fit_headings(self) -> None:
        header = self.horizontalHeader()
        for col in range(self.model().columnCount()):
            # a hidden column (上次提交, 汇总) is fitted when it appears (_beside_value): a width given to it
            # now is the one it would reappear with, too narrow for its figures
            if col != COL_NOTE and not header.isSectionHidden(col) and self.columnWidth(col) < self.heading_width(col):
                self.setColumnWidth(col, self.heading_width(col))

    def form_model(self) -> FormModel:
        return self.model()

    def show_submitted(self, shown: bool) -> None:
        """The 上次提交 column sits right of 本年, visible only while the model compares with a submission."""
        self._beside_value(COL_SUBMITTED, shown, 86)

    def show_computed(self, shown: bool) -> None:
        """The 汇总 column (computed from the counties) sits right of 本年, for a city or the province only."""
        self._beside_value(COL_COMPUTED, shown, 120)

    def _beside_value(self, col: int, shown: bool, width: int) -> None:
        header = self.horizontalHeader()
        want = header.visualIndex(COL_VALUE) + 1
        if header.visualIndex(col) != want:
            header.moveSection(header.visualIndex(col), want)
        header.setSectionHidden(col, not shown)
        if shown:
            # never narrower than its default, its heading or the widest figure it shows now (a province's
            # "7063.43（85/90）"): a column kept narrower by an earlier version, or by a clerk, is widened
            metrics = self.fontMetrics()
            texts = self.form_model().column_texts(col)
            need = max([width, self.heading_width(col)] + [metrics.horizontalAdvance(t) + 16 for t in texts])
            if header.sectionSize(col) < need:
                header.resizeSection(col, need)

    def _span_sections(self) -> None:
        self.clearSpans()
        model = self.form_model()
        for row in range(model.rowCount()):
            if model.indicator_at(row) is None:
                self.setSpan(row, 0, 1, model.columnCount())

    # ---- moving -------------------------------------------------------------------------------
    def _next_value_row(self, row: int, step: int) -> int:
        model = self.form_model()
        r = row + step
        while 0 <= r < model.rowCount():
            if model.indicator_at(r) is not None and not self.isRowHidden(r):
                return r
            r += step
        return row

    # ---- filtering and sections ---------------------------------------------------------------------
    def apply_filter(self, mode: str) -> tuple[int, int]:
        """Hide the indicators the filter leaves out ("empty": no value and no 不适用 mark; "findings": an open
        finding), and the headings of sections left empty; returns (shown, total) indicators."""
        model = self.form_model()
        keep_row: dict[int, bool] = {}
        for r in range(model.rowCount()):
            ind = model.indicator_at(r)
            if ind is None:
                continue
            if mode == "empty":
                keep = model.value_of(ind.code) is None and ind.code not in model.absent
            elif mode == "findings":
                keep = any(not f.cleared for f in model.by_indicator.get(ind.code, ()))
            else:
                keep = True
            keep_row[r] = keep
        heading = None
        any_shown = False
        for r in range(model.rowCount()):
            if model.indicator_at(r) is None:
                if heading is not None:
                    self.setRowHidden(heading, not any_shown)
                heading, any_shown = r, False
                continue
            self.setRowHidden(r, not keep_row[r])
            any_shown = any_shown or keep_row[r]
        if heading is not None:
            self.setRowHidden(heading, not any_shown)
        return sum(keep_row.values()), len(keep_row)

    def go_to_section(self, section: str) -> None:
        """Select the first shown indicator of the section and put its heading at the top."""
        model = self.form_model()
        heading = next((r for r in range(model.rowCount())
                        if model.indicator_at(r) is None and model.rows[r].section == section), -1)
        if heading < 0:
            return
        first = self._next_value_row(heading, 1)
        if first == heading or model.rows[first].section != section:
            return
        self.go_to(first, COL_VALUE)
        self.scrollTo(model.index(heading, 0), QAbstractItemView.ScrollHint.PositionAtTop)

    def go_to(self, row: int, column: int = COL_VALUE) -> None:
        index = self.model().index(row, column)
        self.setCurrentIndex(index)
        self.scrollTo(index)

    def moveCursor(self, action, modifiers):
        current = self.currentIndex()
        if action in (QAbstractItemView.CursorAction.MoveNext, QAbstractItemView.CursorAction.MovePrevious):
            row = current.row() if current.isValid() else -1
            col = current.column() if current.column() in (COL_VALUE, COL_NOTE) else COL_VALUE
            step = 1 if action == QAbstractItemView.CursorAction.MoveNext else -1
            return self.model().index(self._next_value_row(row, step), col)
        if action in (QAbstractItemView.CursorAction.MoveDown, QAbstractItemView.CursorAction.MoveUp) \
                and current.isValid():
            # a section heading is no stop: ↓/↑ go on to the next indicator, in the same column
            step = 1 if action == QAbstractItemView.CursorAction.MoveDown else -1
            return self.model().index(self._next_value_row(current.row(), step), current.column())
        return super().moveCursor(action, modifiers)

    def closeEditor(self, editor, hint):
        # Enter (SubmitModelCache) and Tab (EditNextItem) commit and move down without reopening; a value the
        # model refused as unreadable stays in a reopened editor instead, for the clerk to correct
        if hint in (QAbstractItemDelegate.EndEditHint.SubmitModelCache, QAbstractItemDelegate.EndEditHint.EditNextItem):
            index = self.currentIndex()
            refused = self.form_model().take_refused()
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            if refused is not None and index.isValid():
                self.reopen_editor(index, refused)
                return
            self._move_down()
            return
        super().closeEditor(editor, hint)

    def reopen_editor(self, index, text: str) -> None:
        """Edit `index` again with `text` as typed, the cursor at its end."""
        self.setCurrentIndex(index)
        self.edit(index)
        editor = self.delegate.current_editor
        if editor is not None:
            editor.setText(text)
            editor.deselect()
            editor.end(False)

    def _move_down(self) -> None:
        current = self.currentIndex()
        if current.isValid():
            col = current.column() if current.column() in (COL_VALUE, COL_NOTE) else COL_VALUE
            self.go_to(self._next_value_row(current.row(), 1), col)

    def keyboardSearch(self, search: str) -> None:
        """No jump to a cell whose text starts with what was typed: on a locked year, typing must not move the
        selection somewhere else (where editing is allowed, typing opens the editor instead)."""

    def keyPressEvent(self, event):
        if self.state() != QAbstractItemView.State.EditingState:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._move_down()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste_clipboard()
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.currentIndex().isValid():
                index = self.currentIndex()
                model = self.form_model()
                marked = [c for c in self.selected_codes() if model.absence_of(c) is not None]
                if index.column() == COL_VALUE and marked and not model.locked():
                    model.mark_absent(marked, None)  # Delete on 不适用 takes the mark away (undoable)
                    return
                if index.flags() & Qt.ItemFlag.ItemIsEditable:
                    self.model().setData(index, "", Qt.ItemDataRole.EditRole)
                return
        super().keyPressEvent(event)

    def selected_codes(self) -> list[str]:
        """Indicator codes of the selected rows, top to bottom (the current row when nothing is selected)."""
        model = self.form_model()
        rows = sorted({i.row() for i in self.selectionModel().selectedIndexes()})
        if not rows and self.currentIndex().isValid():
            rows = [self.currentIndex().row()]
        return [model.indicator_at(r).code for r in rows if model.indicator_at(r) is not None]

    # ---- committing and pasting -------------------------------------------------------------------
    def commit_pending(self) -> None:
        """Commit the cell being edited (before any action or closing; otherwise the typed value is lost)."""
        editor = self.delegate.current_editor
        if editor is not None and self.state() == QAbstractItemView.State.EditingState:
            self.commitData(editor)
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def paste_text(self, text: str) -> bool:
        index = self.currentIndex()
        row = index.row() if index.isValid() else 0
        column = COL_NOTE if index.isValid() and index.column() == COL_NOTE else COL_VALUE
        ok = self.form_model().paste_block(row, clipboard_rows(text), column)
        self.pasted.emit(ok)
        return ok

    def paste_clipboard(self) -> bool:
        self.commit_pending()
        return self.paste_text(QGuiApplication.clipboard().text())
