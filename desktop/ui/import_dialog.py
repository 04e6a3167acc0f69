"""Import: the dry run first (new / changed / unchanged per region-year, the status a workbook carries, the findings
the import would raise, every error with its cell), then 导入 or 取消."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.errors import AppError
from desktop.ui.icons import severity_icon
from desktop.ui.jobs import Cancelled, run_job
from desktop.ui.messages import show_error
from desktop.ui.screen import resize_within_screen


class ImportDialog(QDialog):
    """ImportDialog(services, paths): prepare() plans in a worker; exec() shows it; 导入 commits."""

    def __init__(self, services, paths: list[str], parent=None):
        super().__init__(parent)
        self.services = services
        self.paths = [str(p) for p in paths]
        self.plan = None
        self.committed = ""
        self.setWindowTitle(self.tr("导入Excel：检查结果"))
        resize_within_screen(self, 820, 560)
        self.files_label = QLabel(self.tr("文件：{names}").format(names="、".join(Path(p).name for p in self.paths)))
        self.files_label.setWordWrap(True)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.findings: dict = {}
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels([self.tr("地区"), self.tr("年份"), self.tr("新增"), self.tr("修改"),
                                              self.tr("不变"), self.tr("状态（文件）"), self.tr("审核发现")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (5, 6):  # the status a workbook carries and the findings: never cut off
            self.table.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.problems = QListWidget()
        self.problems.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(self.tr("导入"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.files_label)
        layout.addWidget(self.headline)
        layout.addWidget(self.table, 2)
        layout.addWidget(QLabel(self.tr("错误与提醒")))
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.buttons)
        self.import_button.clicked.connect(self.commit)
        self.cancel_button.clicked.connect(self.reject)

    def prepare(self) -> bool:
        """Read and check the files off the GUI thread; False when cancelled or unreadable (shown)."""
        from desktop.exchange import plan_import

        from desktop.exchange.importer import preview_findings

        paths = self.paths

        def job(s, progress, cancelled):
            plan = plan_import(s, paths, progress, cancelled)
            return plan, (preview_findings(s, plan) if plan.ok else {})

        try:
            plan, findings = run_job(self.parentWidget(), self.services, self.tr("正在检查导入文件…"), job)
        except Cancelled:
            return False
        except AppError as exc:
            show_error(self.parentWidget(), exc)
            return False
        self.show_plan(plan, findings)
        return True

    def show_plan(self, plan, findings=None) -> None:
        from desktop.ui import vocabulary

        self.plan = plan
        self.findings = findings or {}
        carried = {(d.line.region_code, d.line.year): d for d, _source, _file in plan.statuses}
        summaries = [plan.summary[k] for k in sorted(plan.summary)]
        keys = sorted(set(plan.summary) | set(carried))
        names = {r.code: r.name for r in self.services.regions()}
        self.table.setRowCount(len(keys))
        for row, key in enumerate(keys):
            s = plan.summary.get(key)
            d = carried.get(key)
            status = ""
            if d is not None:
                status = self.tr("{old} → {new}（{who}）").format(
                    old=vocabulary.word("status", d.local.status),
                    new=vocabulary.word("status", d.line.status), who=d.line.decided_by)
            found = self.findings.get(key, [])
            errors = sum(1 for f in found if f.severity == "error")
            cells = [names.get(key[0], key[0]), str(key[1]), str(len(s.new)) if s else "0",
                     str(len(s.changed)) if s else "0", str(len(s.unchanged)) if s else "0", status,
                     self.tr("错误 {e}，核实 {w}").format(e=errors, w=len(found) - errors) if found else ""]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 6 and errors:
                    item.setIcon(severity_icon("error"))
                self.table.setItem(row, col, item)
        self.problems.clear()
        for issue in plan.errors:
            item = QListWidgetItem(severity_icon("error"), vocabulary.say(str(issue)))
            self.problems.addItem(item)
        if plan.more_errors:
            self.problems.addItem(QListWidgetItem(severity_icon("error"),
                                                  self.tr("另有 {n} 处错误未列出").format(n=plan.more_errors)))
        for drift in plan.drift:
            self.problems.addItem(QListWidgetItem(severity_icon("warning"), vocabulary.say(str(drift))))
        for text in plan.notices:
            self.problems.addItem(QListWidgetItem(severity_icon("warning"), vocabulary.say(text)))
        inds_by_code = {i.code: i.name for i in self.services.indicators(include_hidden=True)}
        for d in carried.values():
            if d.line.status == "returned":
                notes = self.tr("；").join(self.tr("{name}：{note}").format(name=inds_by_code.get(c, c), note=t)
                                          for c, t in d.line.notes.items())
                self.problems.addItem(QListWidgetItem(severity_icon("info"), self.tr(
                    "{region} {year}年被退回（{who}）：{reason}{notes}").format(
                    region=names.get(d.line.region_code, d.line.region_code), year=d.line.year,
                    who=d.line.decided_by, reason=d.line.reason, notes=self.tr("；逐项意见：{notes}").format(notes=notes) if notes else "")))
        inds = {i.code: i.name for i in self.services.indicators(include_hidden=True)}
        for (region, year), found in sorted(self.findings.items()):
            for f in found:
                self.problems.addItem(QListWidgetItem(severity_icon(f.severity), self.tr(
                    "导入后审核：{region} {year}年 {name}：{message}").format(
                    region=names.get(region, region), year=year, name=inds.get(f.indicator, f.indicator),
                    message=vocabulary.say(f.message))))
        new = sum(len(s.new) for s in summaries)
        changed = sum(len(s.changed) for s in summaries)
        if plan.ok:
            errors = sum(1 for found in self.findings.values() for f in found if f.severity == "error")
            extra = self.tr("导入后将有 {e} 个审核错误（见下方），请核对后再导入。").format(e=errors) if errors else ""
            self.headline.setText(self.tr("可以导入：{n} 个地区年度，新增 {new} 个数值，修改 {changed} 个数值，"
                                          "状态 {st} 个。").format(n=len(keys), new=new, changed=changed,
                                                                 st=len(plan.statuses)) + extra
                                  + self.tr("点“导入”写入，点“取消”不写入任何数据。"))
            self.headline.setStyleSheet("color: #1b5e20;")
        else:
            self.headline.setText(self.tr("文件有 {n} 处错误，不能导入；改正后重新导入。未写入任何数据。").format(
                n=len(plan.errors) + plan.more_errors))
            self.headline.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.import_button.setEnabled(plan.ok and bool(plan.changes or plan.targets or plan.statuses))

    def commit(self) -> None:
        from desktop.exchange import commit_import

        plan = self.plan
        try:
            result = run_job(self, self.services, self.tr("正在导入…"),
                             lambda s, progress, cancelled: commit_import(s, plan))
        except AppError as exc:
            show_error(self, exc)
            return
        self.committed = self.tr("已导入 {n} 个数值、{st} 个状态（{files}）").format(
            n=result.written, st=result.statuses_written, files="、".join(f.name for f in plan.files))
        self.accept()
