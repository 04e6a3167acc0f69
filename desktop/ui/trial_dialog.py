"""Before a threshold or rule change is saved: what it would have flagged among the stored values, and a confirm."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from desktop.ui import vocabulary

EXAMPLES = 5  # per list: enough to judge the change, few enough to read


class TrialDialog(QDialog):
    """Counts of `desktop.catalog_admin.TrialResult` (current vs proposed settings) and a few examples of what
    the change would newly flag or no longer flag; 保存 accepts, 取消 rejects (nothing is written here)."""

    def __init__(self, services, what: str, result, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("保存前试算"))
        self.resize(680, 360)
        self.services = services
        self.result = result
        names = {r.code: r.name for r in services.regions()}
        self.region_names = names
        unit = self.tr("个地区年度") if result.unit == "个地区年度" else self.tr("个数值")
        heading = QLabel(self.tr("{what}：用历年已存数据试算").format(what=what))
        heading.setStyleSheet("font-weight: bold;")
        heading.setWordWrap(True)
        new, gone = result.newly_flagged, result.no_longer_flagged
        self.summary = QLabel(self.tr(
            "历史数据 {n} {unit}中，现行设置标记 {cur} 处，新设置将标记 {prop} 处：新增 {new} 处，不再标记 {gone} 处。"
        ).format(n=result.examined, unit=unit, cur=len(result.current), prop=len(result.proposed),
                 new=len(new), gone=len(gone)))
        self.summary.setWordWrap(True)
        if new:
            self.summary.setStyleSheet("color: #8a4b00;")
        lines = []
        if new:
            lines.append(self.tr("新增标记（前 {k} 处，共 {n} 处）：").format(k=min(EXAMPLES, len(new)), n=len(new)))
            lines += [self._line(f) for f in new[:EXAMPLES]]
        if gone:
            if lines:
                lines.append("")
            lines.append(self.tr("不再标记（前 {k} 处，共 {n} 处）：").format(k=min(EXAMPLES, len(gone)), n=len(gone)))
            lines += [self._line(f) for f in gone[:EXAMPLES]]
        if not lines:
            lines.append(self.tr("这项修改不改变历年数据的审核结果。"))
        self.examples = QPlainTextEdit("\n".join(lines))
        self.examples.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.examples, 1)
        layout.addWidget(buttons)

    def _line(self, flag) -> str:
        region = self.region_names.get(flag.region, flag.region)
        return self.tr("{region} {year}年：{message}").format(region=region, year=flag.year,
                                                              message=vocabulary.say(flag.message))

    # ---- asking (patched in tests)
    @classmethod
    def ask(cls, services, what: str, result, parent: QWidget | None = None) -> bool:
        """Show the trial; True when the admin chose to save."""
        dialog = cls(services, what, result, parent)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
