"""The audit viewer of a region-year or one value: filterable (kind, user, text), exportable to Excel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSettings, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
)

from desktop.domain import AuditRow
from desktop.errors import AppError
from desktop.ui import file_dialogs, vocabulary
from desktop.ui.messages import describe, show_error
from desktop.ui.screen import resize_within_screen


class AuditModel(QAbstractTableModel):
    """Rows of the audit, newest first: 时间 | 用户 | 年份 | 指标 | 项目 | 原值 | 新值 | 来源 | 原因."""

    def __init__(self, services, rows: list[AuditRow] | None = None, parent=None):
        super().__init__(parent)
        self.services = services
        self.rows: list[AuditRow] = []
        self.names = {i.code: i for i in services.indicators(include_hidden=True)}
        self.set_rows(rows or [])

    def set_rows(self, rows: list[AuditRow]) -> None:
        self.beginResetModel()
        self.rows = list(reversed(rows))
        self.endResetModel()

    def headers(self) -> list[str]:
        return [self.tr("时间"), self.tr("用户"), self.tr("年份"), self.tr("指标"), self.tr("项目"), self.tr("原值"),
                self.tr("新值"), self.tr("来源"), self.tr("原因")]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 9

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 9:
            return self.headers()[section]
        return None

    def field_name(self, field: str) -> str:
        return vocabulary.word("field", field)

    def source_name(self, source: str | None) -> str:
        """Where a change came from, in words: the store keeps codes (form, cli, import:FILE#sha256 …)."""
        return vocabulary.source(source)

    def _shown(self, row: AuditRow, value: object) -> str:
        if value is None:
            return ""
        if row.field == "status":
            return vocabulary.status(str(value))
        if row.field == "absent":
            return vocabulary.word("absence", str(value))
        ind = self.names.get(row.indicator or "")
        if isinstance(value, (int, float)) and ind is not None and row.field in ("value", "target"):
            return ind.format(float(value))
        return str(value)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            ind = self.names.get(r.indicator or "")
            source = self.source_name(r.source)
            cells = [r.at.replace("T", " ")[:19], r.user, "" if r.year is None else str(r.year),
                     ind.name if ind else (r.indicator or ""), self.field_name(r.field), self._shown(r, r.old),
                     self._shown(r, r.new), source if role == Qt.ItemDataRole.DisplayRole else r.source, r.reason]
            return cells[index.column()]
        return None


class AuditDialog(QDialog):
    def __init__(self, services, region: str | None, year: int | None, indicator: str | None = None, parent=None):
        super().__init__(parent)
        self.services, self.region, self.year, self.indicator = services, region, year, indicator
        self.setWindowTitle(self.tr("审计记录"))
        resize_within_screen(self, 1000, 560)
        reg = services.region(region) if region else None
        what = " ".join(x for x in (reg.name if reg else "", f"{year}年" if year else "",
                                     services.indicator(indicator).name if indicator else "") if x)
        self.heading = QLabel(self.tr("修改记录：{what}").format(what=what or self.tr("全部")))
        self.kind = QComboBox()
        self.kind.addItem(self.tr("全部项目"), None)
        for field in ("value", "note", "absent", "status", "target", "denied", "login"):
            self.kind.addItem(AuditModel(services).field_name(field), field)
        self.user = QComboBox()
        self.user.addItem(self.tr("全部用户"), None)
        for u in services.users():
            self.user.addItem(u.name, u.name)
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("查找（原值、新值、来源、原因）"))
        self.model = AuditModel(services)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        for col, width in enumerate((150, 70, 50, 170, 70, 80, 80, 90)):
            self.table.setColumnWidth(col, width)
        self.count = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        self.export_button = buttons.addButton(self.tr("导出Excel…"), QDialogButtonBox.ButtonRole.ActionRole)
        filters = QHBoxLayout()
        filters.addWidget(self.kind)
        filters.addWidget(self.user)
        filters.addWidget(self.text, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self.export)
        self.kind.currentIndexChanged.connect(self.reload)
        self.user.currentIndexChanged.connect(self.reload)
        self.text.textChanged.connect(self.reload)
        self.reload()

    def rows(self) -> list[AuditRow]:
        from desktop.workflow import find_audit

        kind = self.kind.currentData()
        return find_audit(self.services, self.region, self.year, self.indicator, fields=[kind] if kind else None,
                          user=self.user.currentData(), text=self.text.text() or None)

    def reload(self, *_args) -> None:
        try:
            rows = self.rows()
        except AppError as exc:
            self.count.setText(describe(exc))
            return
        self.model.set_rows(rows)
        self.count.setText(self.tr("共 {n} 条记录").format(n=len(rows)))

    def ask_save_path(self, suggested: str) -> str | None:
        settings = QSettings()
        folder = str(settings.value("last/folder", str(Path.home())))
        path = file_dialogs.save_file_name(self, self.tr("导出审计记录"), str(Path(folder) / suggested),
                                           self.tr("Excel 工作簿 (*.xlsx)"))
        return path or None

    def export(self) -> Path | None:
        from desktop.audit_export import export_audit

        reg = self.services.region(self.region).name if self.region else "全部"
        path = self.ask_save_path(f"{reg}_{self.year or ''}_修改记录.xlsx")
        if not path:
            return None
        try:
            return export_audit(self.services, list(reversed(self.model.rows)), path)
        except AppError as exc:
            show_error(self, exc)
            return None
