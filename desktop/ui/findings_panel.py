"""The findings of the region-year: severity icon, indicator, message; a click selects the row in the form."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.domain import Finding
from desktop.ui import vocabulary
from desktop.ui.form_model import SEVERITY_RANK
from desktop.ui.icons import severity_icon

CODE_ROLE = Qt.ItemDataRole.UserRole
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1


class FindingsPanel(QWidget):
    indicator_chosen = Signal(str)  # the indicator code of the clicked finding

    def __init__(self, services, parent=None):
        super().__init__(parent)
        self.services = services
        self.findings: list[Finding] = []
        self.summary = QLabel()
        self.summary.setStyleSheet("font-weight: bold; padding: 2px;")
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setSpacing(2)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #6b4e00; background: #fff6dd; padding: 4px;")
        self.hint.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 4, 4)
        self.at_submit = QLabel()  # what 提交 would raise now, missing values included
        self.at_submit.setWordWrap(True)
        self.at_submit.setVisible(False)
        layout.addWidget(self.summary)
        layout.addWidget(self.at_submit)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hint)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.list.itemClicked.connect(self._clicked)
        self.list.currentItemChanged.connect(lambda item, _prev: self._show_hint(item))

    def severity_name(self, severity: str, cleared: bool = False) -> str:
        if cleared:
            return self.tr("已说明")
        return vocabulary.word("check", severity)

    def set_findings(self, findings: list[Finding] | None) -> None:
        self.list.clear()
        self.hint.setVisible(False)
        if findings is None:
            self.findings = []
            self.summary.setText(self.tr("审核模块未安装：暂不能审核"))
            return
        self.findings = sorted(findings, key=lambda f: (f.cleared, SEVERITY_RANK.get(f.severity, 9)))
        index = self.services.indicator_index()
        for f in self.findings:
            ind = index.by_code.get(f.indicator) if f.indicator else None
            name = ind.name if ind else (f.indicator or "")
            item = QListWidgetItem(severity_icon("cleared" if f.cleared else f.severity),
                                   self.tr("{name}：{message}").format(name=name, message=vocabulary.say(f.message)))
            item.setToolTip(self.tr("{severity}（{rule}）").format(severity=self.severity_name(f.severity, f.cleared),
                                                                  rule=f.rule))
            item.setData(CODE_ROLE, f.indicator or "")
            item.setData(FINDING_ROLE, f)
            self.list.addItem(item)
        counts = self.counts()
        self.summary.setText(self.tr("错误 {e} 条，核实 {w} 条，提示 {i} 条").format(
            e=counts["error"], w=counts["warning"], i=counts["info"]))

    def set_submission_blockers(self, blocking: list[Finding] | None, filled: int, total: int) -> None:
        """Say what 提交 would refuse now (blocking_for_submit), and how complete the form is."""
        if blocking is None:
            self.at_submit.setVisible(False)
            return
        missing = sum(1 for f in blocking if f.rule == "completeness")
        self.blocking = list(blocking)
        if blocking:
            self.at_submit.setText(self.tr("已填 {filled}/{total}。提交时将被拒绝：{n} 项须处理，其中缺少数值 {m} 项。").format(
                filled=filled, total=total, n=len(blocking), m=missing))
            self.at_submit.setStyleSheet("color: #8a1f11; background: #fbe3e0; padding: 4px;")
        else:
            self.at_submit.setText(self.tr("已填 {filled}/{total}。没有阻止提交的问题。").format(filled=filled, total=total))
            self.at_submit.setStyleSheet("color: #1b5e20; background: #e6f4ea; padding: 4px;")
        self.at_submit.setVisible(True)

    def rows(self) -> list[tuple[str, str, str]]:
        """(severity shown, indicator code, message) of each listed finding, in the order shown."""
        out = []
        for i in range(self.list.count()):
            f: Finding = self.list.item(i).data(FINDING_ROLE)
            out.append((self.severity_name(f.severity, f.cleared), f.indicator, vocabulary.say(f.message)))
        return out

    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            if not f.cleared and f.severity in out:
                out[f.severity] += 1
        return out

    def _clicked(self, item: QListWidgetItem) -> None:
        self._show_hint(item)
        code = item.data(CODE_ROLE)
        if code:
            self.indicator_chosen.emit(code)

    def _show_hint(self, item: QListWidgetItem | None) -> None:
        finding: Finding | None = item.data(FINDING_ROLE) if item else None
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
