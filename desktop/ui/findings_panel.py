"""The findings of the region-year: severity icon, indicator, message; a click selects the row in the form."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from desktop.domain import Finding
from desktop.ui.form_model import SEVERITY_RANK
from desktop.ui.icons import severity_icon


class FindingsPanel(QWidget):
    indicator_chosen = Signal(str)  # the indicator code of the clicked finding

    def __init__(self, services, parent=None):
        super().__init__(parent)
        self.services = services
        self.findings: list[Finding] = []
        self.summary = QLabel()
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels([self.tr("级别"), self.tr("指标"), self.tr("审核意见")])
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.tree.setColumnWidth(0, 70)
        self.tree.setColumnWidth(1, 160)
        self.tree.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #6b4e00; background: #fff6dd; padding: 4px;")
        self.hint.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.hint)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.tree.itemClicked.connect(self._clicked)
        self.tree.currentItemChanged.connect(lambda item, _prev: self._show_hint(item))

    def severity_name(self, severity: str, cleared: bool = False) -> str:
        if cleared:
            return self.tr("已说明")
        return {"error": self.tr("错误"), "warning": self.tr("核实"), "info": self.tr("提示")}.get(severity, severity)

    def set_findings(self, findings: list[Finding] | None) -> None:
        self.tree.clear()
        self.hint.setVisible(False)
        if findings is None:
            self.findings = []
            self.summary.setText(self.tr("审核模块未安装：暂不能审核"))
            return
        self.findings = sorted(findings, key=lambda f: (f.cleared, SEVERITY_RANK.get(f.severity, 9)))
        index = self.services.indicator_index()
        for f in self.findings:
            ind = index.by_code.get(f.indicator) if f.indicator else None
            item = QTreeWidgetItem([self.severity_name(f.severity, f.cleared), ind.name if ind else (f.indicator or ""),
                                    f.message])
            item.setIcon(0, severity_icon("cleared" if f.cleared else f.severity))
            item.setToolTip(2, f.message)
            item.setData(0, Qt.ItemDataRole.UserRole, f.indicator or "")
            item.setData(1, Qt.ItemDataRole.UserRole, f)
            self.tree.addTopLevelItem(item)
        counts = self.counts()
        self.summary.setText(self.tr("错误 {e} 条，核实 {w} 条，提示 {i} 条").format(
            e=counts["error"], w=counts["warning"], i=counts["info"]))

    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            if not f.cleared and f.severity in out:
                out[f.severity] += 1
        return out

    def _clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        self._show_hint(item)
        code = item.data(0, Qt.ItemDataRole.UserRole)
        if code:
            self.indicator_chosen.emit(code)

    def _show_hint(self, item: QTreeWidgetItem | None) -> None:
        finding: Finding | None = item.data(1, Qt.ItemDataRole.UserRole) if item else None
        if finding is None or finding.severity != "warning":
            self.hint.setVisible(False)
            return
        if finding.cleared:
            self.hint.setText(self.tr("已由说明消除。"))
        else:
            self.hint.setText(self.tr(
                "在该指标的「说明」栏写明变化的具体原因（如“新建院区投入使用，床位增加”），即可消除此核实性提示；"
                "“核实无误”“无”之类的套话不能消除。"))
        self.hint.setVisible(True)
