"""The catalog editor of an admin: indicators in a table (edited in place) and the logical rules with errors inline."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QColor, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QTabWidget,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import AppError
from desktop.ui import vocabulary
from desktop.ui.messages import describe
from desktop.ui.screen import resize_within_screen

FIELDS = ("code", "section", "name", "unit", "kind", "decimals", "min", "max", "direction", "yoy_warn", "hidden",
          "aggregation", "definition")
# the fields that decide format, range and year-on-year findings: tried on the stored values before saving
TRIAL_FIELDS = ("kind", "decimals", "min", "max", "yoy_warn")


class CatalogModel(QAbstractTableModel):
    """One row per indicator (hidden ones too); a committed cell goes through desktop.catalog_admin."""

    def __init__(self, services, parent=None):
        super().__init__(parent)
        self.services = services
        self.error = ""
        self.rows = services.indicators(include_hidden=True)
        # confirm(indicator, field, text) -> bool, asked before a TRIAL_FIELDS change is written
        self.confirm = None

    def headers(self) -> list[str]:
        return [self.tr("代码"), self.tr("分类"), self.tr("名称"), self.tr("单位"), self.tr("类型"), self.tr("小数位数"),
                self.tr("下限"), self.tr("上限"), self.tr("方向"), self.tr("同比阈值"), self.tr("停用"), self.tr("汇总方式"), self.tr("定义")]

    def choices(self, field: str) -> list[tuple[str, str]] | None:
        """(stored code, words) for the fields edited from a list: 类型 and 方向 showed count, per100k, -1…"""
        if field == "kind":
            return list(vocabulary.words("kind").items())
        if field == "direction":
            return [("1", self.tr("越高越好")), ("-1", self.tr("越低越好")), ("0", self.tr("不定"))]
        return None

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(FIELDS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section] if 0 <= section < len(FIELDS) else None
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        ind = self.rows[index.row()]
        field = FIELDS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            value = getattr(ind, field)
            if field == "hidden":
                return self.tr("是") if value else ""
            text = "" if value is None else (f"{value:g}" if isinstance(value, float) else str(value))
            choices = self.choices(field)
            if choices and role == Qt.ItemDataRole.DisplayRole:
                return dict(choices).get(text, text)
            return text
        if role == Qt.ItemDataRole.ForegroundRole and ind.hidden:
            return QColor("#999999")
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        from desktop import catalog_admin

        ind = self.rows[index.row()]
        field = FIELDS[index.column()]
        text = "" if value is None else str(value).strip()
        try:
            if field == "hidden":
                new = catalog_admin.hide_indicator(self.services, ind.code, text not in ("", "否", "0", "no"))
            else:
                if text == self.data(index, Qt.ItemDataRole.EditRole):
                    return False
                if field in TRIAL_FIELDS and self.confirm is not None and not self.confirm(ind, field, text):
                    self.error = self.tr("未保存：{name}的{field}仍为 {value}。").format(
                        name=ind.name, field=self.headers()[index.column()], value=self.data(index) or "—")
                    return False
                new = catalog_admin.edit_indicator(self.services, ind.code, **{field: text})
        except AppError as exc:
            self.error = describe(exc)
            return False
        self.error = ""
        self.rows[index.row()] = new
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(FIELDS) - 1))
        return True


class ChoiceDelegate(QStyledItemDelegate):
    """A list to pick from for 类型 and 方向 (the model's `choices`), a line edit for the other fields."""

    def createEditor(self, parent, option, index):
        choices = index.model().choices(FIELDS[index.column()])
        if not choices:
            return super().createEditor(parent, option, index)
        box = QComboBox(parent)
        for code, words in choices:
            box.addItem(words, code)
        return box

    def setEditorData(self, editor, index):
        if isinstance(editor, QComboBox):
            pos = editor.findData(index.data(Qt.ItemDataRole.EditRole))
            editor.setCurrentIndex(max(pos, 0))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor, model, index):
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


class CatalogDialog(QDialog):
    def __init__(self, services, parent=None):
        super().__init__(parent)
        self.services = services
        self.changed = False
        self.setWindowTitle(self.tr("指标目录与审核规则"))
        resize_within_screen(self, 1100, 640)
        tabs = QTabWidget()
        # indicators
        self.model = CatalogModel(services, self)
        self.model.confirm = self.try_indicator_change
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(ChoiceDelegate(self.table))
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((190, 80, 200, 60, 90, 60, 60, 70, 70, 70, 45)):
            self.table.setColumnWidth(col, width)
        self.catalog_message = QLabel(self.tr(
            "双击单元格修改；每次修改立即保存并记入审计。改类型、小数位数、上下限或同比阈值前，先用历年数据试算并确认。"))
        self.catalog_message.setWordWrap(True)
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.catalog_message)
        tabs.addTab(page, self.tr("指标"))
        # rules
        self.rules = QPlainTextEdit()
        self.rules.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        from desktop import catalog_admin

        self.rules.setPlainText(catalog_admin.rules_text(services))
        self.rules_message = QLabel()
        self.rules_message.setWordWrap(True)
        self.save_rules_button = QPushButton(self.tr("保存规则"))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addWidget(self.rules, 1)
        lay.addWidget(self.rules_message)
        lay.addWidget(self.save_rules_button, 0, Qt.AlignmentFlag.AlignRight)
        tabs.addTab(page, self.tr("审核规则"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.reject)
        self.model.dataChanged.connect(self._catalog_edited)
        self.table.itemDelegate().closeEditor.connect(self._show_catalog_error)
        self.rules.textChanged.connect(self._timer.start)
        self._timer.timeout.connect(self.check_rules)
        self.save_rules_button.clicked.connect(self.save_rules)
        self.check_rules()

    def _catalog_edited(self, *_args) -> None:
        self.changed = True
        self.catalog_message.setStyleSheet("")
        self.catalog_message.setText(self.tr("已保存。"))

    def _show_catalog_error(self, *_args) -> None:
        if self.model.error:
            self.catalog_message.setStyleSheet("color: #b71c1c;")
            self.catalog_message.setText(self.model.error)

    # ---- trying a change on the stored values before it is saved --------------------------------
    def try_indicator_change(self, ind, field: str, text: str) -> bool:
        """Try the proposed field on every stored value of the indicator (off the GUI thread), show what it
        would flag beside the current setting, and ask; True to save. Raises AppError (bad value, cancelled)."""
        from desktop import catalog_admin
        from desktop.ui.jobs import run_job
        from desktop.ui.trial_dialog import TrialDialog

        result = run_job(self, self.services, self.tr("正在用历年数据试算……"),
                         lambda s, progress, cancelled: catalog_admin.try_indicator(
                             s, ind.code, progress=progress, cancelled=cancelled, **{field: text}))
        what = self.tr("{name}（{code}）的{field}改为 {value}").format(
            name=ind.name, code=ind.code, field=self.model.headers()[FIELDS.index(field)], value=text or "—")
        return TrialDialog.ask(self.services, what, result, self)

    def check_rules(self) -> bool:
        """Parse the rules text as typed; mark the first bad line and say why. True when it parses."""
        from desktop import catalog_admin

        problem = catalog_admin.check_rules(self.services, self.rules.toPlainText())
        marks = []
        if problem is None:
            self.rules_message.setStyleSheet("color: #1b5e20;")
            self.rules_message.setText(self.tr("规则无误。"))
        else:
            self.rules_message.setStyleSheet("color: #b71c1c;")
            self.rules_message.setText(vocabulary.say(problem.message))
            if problem.line > 0:
                block = self.rules.document().findBlockByLineNumber(problem.line - 1)
                mark = QTextEdit.ExtraSelection()
                mark.format.setBackground(QColor("#fde2e1"))
                mark.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
                mark.cursor = QTextCursor(block)
                marks.append(mark)
        self.rules.setExtraSelections(marks)
        self.save_rules_button.setEnabled(problem is None)
        return problem is None

    def save_rules(self) -> bool:
        from desktop import catalog_admin

        if not self.check_rules():
            return False
        text = self.rules.toPlainText()
        if text.strip() != catalog_admin.rules_text(self.services).strip():
            from desktop.ui.jobs import run_job
            from desktop.ui.trial_dialog import TrialDialog

            try:
                result = run_job(self, self.services, self.tr("正在用历年数据试算……"),
                                 lambda s, progress, cancelled: catalog_admin.try_rules(
                                     s, text, progress=progress, cancelled=cancelled))
            except AppError as exc:
                self.rules_message.setStyleSheet("color: #b71c1c;")
                self.rules_message.setText(describe(exc))
                return False
            if not TrialDialog.ask(self.services, self.tr("修改后的审核规则"), result, self):
                self.rules_message.setStyleSheet("")
                self.rules_message.setText(self.tr("未保存：审核规则仍为修改前的规则。"))
                return False
        try:
            saved = catalog_admin.save_rules(self.services, self.rules.toPlainText())
        except AppError as exc:
            self.rules_message.setStyleSheet("color: #b71c1c;")
            self.rules_message.setText(describe(exc))
            return False
        self.changed = self.changed or saved
        self.rules_message.setText(self.tr("规则已保存。") if saved else self.tr("规则没有变化。"))
        return saved
