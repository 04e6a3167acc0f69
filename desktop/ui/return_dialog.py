"""退回: the reason the clerk will read, and a note on any single value (the form's indicators with their values)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.ui.screen import resize_within_screen


class ReturnDialog(QDialog):
    """ReturnDialog(services, region_year): answer() gives (reason, {indicator code: note}) after exec()."""

    NOTE_COLUMN = 3

    def __init__(self, services, region_year, parent=None):
        super().__init__(parent)
        self.services = services
        ry = region_year
        self.setWindowTitle(self.tr("退回 {region} {year}年数据").format(region=ry.region.name, year=ry.year))
        resize_within_screen(self, 760, 560)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("退回原因（必填，填报人会看到）"))
        self.reason.setMaximumHeight(90)
        self.codes: list[str] = []
        inds = [i for i in services.indicators() if i.code in ry.values or not i.hidden]
        self.table = QTableWidget(len(inds), 4)
        self.table.setHorizontalHeaderLabels([self.tr("指标"), self.tr("本年"), self.tr("说明"),
                                              self.tr("对该数值的意见（可选）")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(self.NOTE_COLUMN, QHeaderView.ResizeMode.Stretch)
        for row, ind in enumerate(inds):
            self.codes.append(ind.code)
            rec = ry.values.get(ind.code)
            cells = [ind.name, (ind.format(rec.value) + " " + ind.unit) if rec and rec.value is not None else "",
                     rec.note if rec else ""]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, col, item)
            self.table.setItem(row, self.NOTE_COLUMN, QTableWidgetItem(""))
        self.error = QLabel()
        self.error.setStyleSheet("color: #b71c1c;")
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(self.tr("退回"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.clicked.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("退回原因：")))
        layout.addWidget(self.reason)
        layout.addWidget(QLabel(self.tr("逐项意见：在需要核实的数值后写明意见（随退回一并发给填报单位）")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def set_note(self, code: str, text: str) -> None:
        self.table.item(self.codes.index(code), self.NOTE_COLUMN).setText(text)

    def answer(self) -> tuple[str, dict[str, str]]:
        notes = {}
        for row, code in enumerate(self.codes):
            text = self.table.item(row, self.NOTE_COLUMN).text().strip()
            if text:
                notes[code] = text
        return self.reason.toPlainText().strip(), notes

    def try_accept(self) -> None:
        if not self.reason.toPlainText().strip():
            self.error.setText(self.tr("请写明退回原因"))
            return
        self.accept()
