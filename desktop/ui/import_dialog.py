"""Import: the dry run first (new / changed / unchanged per region-year, every error with its cell), then 导入 or 取消."""

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


class ImportDialog(QDialog):
    """ImportDialog(services, paths): prepare() plans in a worker; exec() shows it; 导入 commits."""

    def __init__(self, services, paths: list[str], parent=None):
        super().__init__(parent)
        self.services = services
        self.paths = [str(p) for p in paths]
        self.plan = None
        self.committed = ""
        self.setWindowTitle(self.tr("导入Excel：检查结果"))
        self.resize(820, 560)
        self.files_label = QLabel(self.tr("文件：{names}").format(names="、".join(Path(p).name for p in self.paths)))
        self.files_label.setWordWrap(True)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("地区"), self.tr("年份"), self.tr("新增"), self.tr("修改"),
                                              self.tr("不变")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
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

        paths = self.paths
        try:
            plan = run_job(self.parentWidget(), self.services, self.tr("正在检查导入文件…"),
                           lambda s, progress, cancelled: plan_import(s, paths, progress, cancelled))
        except Cancelled:
            return False
        except AppError as exc:
            show_error(self.parentWidget(), exc)
            return False
        self.show_plan(plan)
        return True

    def show_plan(self, plan) -> None:
        self.plan = plan
        summaries = [plan.summary[k] for k in sorted(plan.summary)]
        self.table.setRowCount(len(summaries))
        for row, s in enumerate(summaries):
            cells = [s.region_name, str(s.year), str(len(s.new)), str(len(s.changed)), str(len(s.unchanged))]
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.problems.clear()
        for issue in plan.errors:
            item = QListWidgetItem(severity_icon("error"), str(issue))
            self.problems.addItem(item)
        if plan.more_errors:
            self.problems.addItem(QListWidgetItem(severity_icon("error"),
                                                  self.tr("另有 {n} 处错误未列出").format(n=plan.more_errors)))
        for drift in plan.drift:
            self.problems.addItem(QListWidgetItem(severity_icon("warning"), str(drift)))
        new = sum(len(s.new) for s in summaries)
        changed = sum(len(s.changed) for s in summaries)
        if plan.ok:
            self.headline.setText(self.tr("可以导入：{n} 个地区年度，新增 {new} 个数值，修改 {changed} 个数值。"
                                          "点“导入”写入，点“取消”不写入任何数据。").format(
                n=len(summaries), new=new, changed=changed))
            self.headline.setStyleSheet("color: #1b5e20;")
        else:
            self.headline.setText(self.tr("文件有 {n} 处错误，不能导入；改正后重新导入。未写入任何数据。").format(
                n=len(plan.errors) + plan.more_errors))
            self.headline.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.import_button.setEnabled(plan.ok and bool(plan.changes or plan.targets))

    def commit(self) -> None:
        from desktop.exchange import commit_import

        plan = self.plan
        try:
            result = run_job(self, self.services, self.tr("正在导入…"),
                             lambda s, progress, cancelled: commit_import(s, plan))
        except AppError as exc:
            show_error(self, exc)
            return
        self.committed = self.tr("已导入 {n} 个数值（{files}）").format(
            n=result.written, files="、".join(f.name for f in plan.files))
        self.accept()
