"""The counties of a city or the province at a glance: status, filled, errors, who submitted and approved;
sortable, exported to Excel, a double-click opens the county."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
)

from desktop.aggregate.core import ACTION_ORDER
from desktop.ui import vocabulary
from desktop.ui.screen import resize_within_screen

SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 2
CODE_ROLE = int(Qt.ItemDataRole.UserRole) + 3
STATUS_BRUSH = {"empty": QBrush(QColor("#c00000")), "returned": QBrush(QColor("#c06000")),
                "submitted": QBrush(QColor("#1f5fbf"))}


class OverviewModel(QAbstractTableModel):
    """One row per county (desktop.aggregate.service.CountyStatus)."""

    FIELDS = ("name", "region", "status", "filled", "errors", "unexplained", "submitted_by", "submitted_at",
              "approved_by", "approved_at")

    def __init__(self, rows, parent=None):
        super().__init__(parent)
        self.rows = list(rows)

    def headers(self) -> list[str]:
        return [self.tr("县（市、区）"), self.tr("代码"), self.tr("状态"), self.tr("已填"), self.tr("错误"),
                self.tr("未说明警告"), self.tr("提交人"), self.tr("提交时间"), self.tr("审核人"), self.tr("审核时间")]

    def status_text(self, status: str) -> str:
        return vocabulary.word("status", status)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.FIELDS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.FIELDS):
            return self.headers()[section]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        field = self.FIELDS[index.column()]
        value = getattr(row, field)
        if role == Qt.ItemDataRole.DisplayRole:
            if field == "status":
                return self.status_text(value)
            if field == "filled":
                return f"{row.filled}/{row.total}"
            if field in ("errors", "unexplained"):
                return str(value) if value else ""
            if field.endswith("_at"):
                return (value or "")[:16].replace("T", " ")
            return value or ""
        if role == SORT_ROLE:  # numbers as numbers; statuses in the order of what needs action
            if field == "status":
                return ACTION_ORDER.index(value) if value in ACTION_ORDER else len(ACTION_ORDER)
            if field in ("filled", "errors", "unexplained"):
                return int(value)
            return value or ""
        if role == CODE_ROLE:
            return row.region
        if role == Qt.ItemDataRole.ForegroundRole and field == "status":
            return STATUS_BRUSH.get(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and field in ("filled", "errors", "unexplained"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class CountyOverview(QDialog):
    """CountyOverview(services, region, year): the counties below `region` in `year`."""

    county_opened = Signal(str)  # a county's code, double-clicked

    def __init__(self, services, region: str, year: int, parent=None):
        super().__init__(parent)
        from desktop.aggregate.service import status_report

        self.services = services
        self.report = status_report(services, region, year)
        reg = self.report.region
        self.year = year
        self.setWindowTitle(self.tr("{region} {year}年 各县（市、区）填报进度").format(region=reg.name, year=year))
        resize_within_screen(self, 1000, 560)
        summary = self.report.summary
        words = "，".join(f"{OverviewModel([]).status_text(k)} {v}" for k, v in summary.items() if v)
        missing = "、".join(c.name for c in self.report.missing)
        text = self.tr("已报 {reported}/{total}：{words}").format(reported=len(self.report.reported),
                                                                total=len(self.report.counties), words=words)
        if missing:
            text += self.tr("；未报：{names}").format(names=missing)
        self.summary_label = QLabel(text)
        self.summary_label.setWordWrap(True)
        self.model = OverviewModel(self.report.by_action(), self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # as given: what needs action first
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((110, 70, 70, 60, 50, 80, 80, 130, 80, 130)):
            self.table.setColumnWidth(col, width)
        self.table.doubleClicked.connect(self._opened)
        buttons = QDialogButtonBox()
        self.export_button = buttons.addButton(self.tr("导出Excel…"), QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self.export)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        hint = QLabel(self.tr("点击列标题排序；双击一行打开该县（市、区）的填报表。"))
        hint.setStyleSheet("color: #555555;")
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def codes(self) -> list[str]:
        """The counties' codes in the order shown."""
        return [self.proxy.index(r, 0).data(CODE_ROLE) for r in range(self.proxy.rowCount())]

    def _opened(self, index) -> None:
        code = index.data(CODE_ROLE)
        if code:
            self.county_opened.emit(code)
            self.accept()

    def ask_save_path(self, suggested: str) -> str | None:
        parent = self.parent()
        if parent is not None and hasattr(parent, "ask_save_path"):
            return parent.ask_save_path(self.tr("导出填报进度"), suggested, self.tr("Excel 工作簿 (*.xlsx)"))
        from desktop.ui import file_dialogs

        path = file_dialogs.save_file_name(self, self.tr("导出填报进度"), suggested, self.tr("Excel 工作簿 (*.xlsx)"))
        return path or None

    def export(self) -> str | None:
        from desktop import reports
        from desktop.errors import AppError
        from desktop.ui.jobs import Cancelled, run_job
        from desktop.ui.messages import show_error

        reg = self.report.region
        path = self.ask_save_path(f"{reg.name}_{self.year}_填报进度.xlsx")
        if not path:
            return None
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        region, year = reg.code, self.year
        try:
            run_job(self, self.services, self.tr("正在导出填报进度…"),
                    lambda s, progress, cancelled: reports.write_status_report(s, region, year, path, progress,
                                                                               cancelled))
        except Cancelled:
            return None
        except AppError as exc:
            show_error(self, exc)
            return None
        parent = self.parent()
        if parent is not None and hasattr(parent, "open_file"):
            from pathlib import Path

            parent.open_file(Path(path))
        return path
