"""The window's actions (toolbar and menus) and what they call in the services; mixed into MainWindow."""

from __future__ import annotations

import functools
from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar

from desktop import policy
from desktop.errors import AppError
from desktop.workflow import allowed_actions
from desktop.ui.jobs import Cancelled, run_job

# The dialogs (message boxes, input and file dialogs) and QDesktopServices are imported where they are used:
# PySide6 builds each Qt class, and the Python enums of it, when it is first imported, and none of these is
# needed before the window's first paint (start-up time, bench/bench_ui.py).
from desktop.ui import vocabulary
from desktop.ui.messages import show_error

LANGUAGES = (("zh_CN", "简体中文"), ("en", "English"))
IMPORTED_SHOWN = 6  # region-years named in the status bar after an import


class ActionsMixin:
    """Builds the QActions; every handler first commits the cell being edited and shows refusals."""

    def _build_actions(self) -> None:
        self.actions_by_name: dict[str, QAction] = {}
        add = self._add_action
        add("import", self.tr("导入Excel…"), self.import_excel, "Ctrl+I")
        add("template", self.tr("导出填报模板…"), self.export_template, "Ctrl+T")
        add("report_xlsx", self.tr("导出Excel报表…"), lambda: self.export_report(".xlsx"), "Ctrl+E")
        add("report_pdf", self.tr("导出PDF报表…"), lambda: self.export_report(".pdf"), "Ctrl+P")
        add("extract", self.tr("从报告文本提取…"), self.extract_from_text, "Ctrl+Shift+X")
        add("report_each", self.tr("各县汇总PDF（每县一份并合并）…"), self.export_each, None)
        add("overview", self.tr("各县填报进度…"), self.show_overview, "Ctrl+Shift+O")
        add("backup", self.tr("备份数据库…"), self.backup_store, None)
        add("restore", self.tr("从备份恢复…"), self.restore_store, None)
        add("quit", self.tr("退出"), self.close, "Ctrl+Q")
        add("submit", self.tr("提交"), lambda: self.workflow("submit"), "Ctrl+Shift+S")
        add("approve", self.tr("审核通过"), lambda: self.workflow("approve"), "Ctrl+Shift+A")
        add("return", self.tr("退回…"), lambda: self.workflow("return"), "Ctrl+Shift+R")
        add("reopen", self.tr("重新打开…"), lambda: self.workflow("reopen"), None)
        add("accept", self.tr("接收（上级）"), lambda: self.workflow("accept"), None)
        add("history", self.tr("数值历史与趋势…"), self.show_history, "Ctrl+H")
        add("audit", self.tr("审计记录…"), self.show_audit, "Ctrl+Shift+H")
        add("value_audit", self.tr("该数值的审计记录…"), self.show_value_audit, None)
        add("refresh", self.tr("刷新"), self.refresh, "F5")
        add("switch_user", self.tr("切换用户…"), self.switch_user, None)
        add("catalog", self.tr("指标目录与审核规则…"), self.edit_catalog, None)
        add("paste", self.tr("粘贴复制的单元格"), self.form.paste_clipboard, None)
        add("find", self.tr("查找指标…"), self.find_indicator, "Ctrl+F")
        add("goto_section", self.tr("跳到分区…"), self.focus_sections, "Ctrl+G")
        add("mark_absent", self.tr("标为不适用或本年未统计…"), self.mark_absent, "Ctrl+M")
        add("clear_absent", self.tr("取消不适用标记"), self.clear_absent, None)
        add("adopt", self.tr("采用汇总值填入本年…"), self.adopt_computed, None)
        self.actions_by_name["paste"].setShortcuts([])

        undo = self.model.undo_stack.createUndoAction(self, self.tr("撤销"))
        undo.setShortcuts([QKeySequence.StandardKey.Undo])
        redo = self.model.undo_stack.createRedoAction(self, self.tr("重做"))
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.actions_by_name.update(undo=undo, redo=redo)

        bar = QToolBar(self.tr("工具栏"))
        bar.setObjectName("main_toolbar")
        for name in ("import", "template", "report_xlsx", "report_pdf", None, "submit", "approve", "return",
                     "accept", None, "history", "overview"):
            if name is None:
                bar.addSeparator()
            else:
                bar.addAction(self.actions_by_name[name])
        self.addToolBar(bar)

        menu = self.menuBar()
        m = menu.addMenu(self.tr("文件(&F)"))
        for name in ("import", "template", "report_xlsx", "report_pdf", "report_each", None, "extract", None, "backup", "restore",
                     "switch_user", None, "quit"):
            m.addSeparator() if name is None else m.addAction(self.actions_by_name[name])
        m = menu.addMenu(self.tr("编辑(&E)"))
        for name in ("undo", "redo", None, "paste", None, "mark_absent", "clear_absent", None, "adopt", None, "find",
                     "goto_section", None, "refresh"):
            m.addSeparator() if name is None else m.addAction(self.actions_by_name[name])
        m = menu.addMenu(self.tr("审核(&W)"))
        for name in ("submit", "approve", "return", "reopen", "accept", None, "overview", None, "history",
                     "value_audit",
                     "audit", None, "catalog"):
            m.addSeparator() if name is None else m.addAction(self.actions_by_name[name])
        m = menu.addMenu(self.tr("语言(&L)"))
        current = str(self.settings.value("language", "zh_CN"))
        for code, label in LANGUAGES:
            act = m.addAction(label)
            act.setCheckable(True)
            act.setChecked(code == current)
            act.triggered.connect(functools.partial(self.choose_language, code))
            self.actions_by_name[f"lang_{code}"] = act

    def _add_action(self, name: str, text: str, slot, shortcut) -> QAction:
        act = QAction(text, self)
        act.setObjectName(name)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
            act.setToolTip(f"{text.rstrip('…')} ({act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")
        act.triggered.connect(lambda _checked=False: self._run_action(slot))
        self.actions_by_name[name] = act
        return act

    def _run_action(self, slot) -> None:
        self.form.commit_pending()
        try:
            slot()
        except Cancelled as exc:
            self.statusBar().showMessage(str(exc), 5000)
        except AppError as exc:
            show_error(self, exc)

    def update_actions(self) -> None:
        """Enable the workflow actions the user may take on this dataset now."""
        if not hasattr(self, "actions_by_name"):
            return
        allowed = set(allowed_actions(self.services, self.region_code, self.year)) if self.region_code else None
        for name in ("submit", "approve", "return", "reopen", "accept"):
            self.actions_by_name[name].setEnabled(allowed is None or name in allowed)
        for name in ("mark_absent", "clear_absent"):
            self.actions_by_name[name].setEnabled(self.model.region_year is not None and not self.model.locked())
        upstream = bool(self.region_code) and self.services.region(self.region_code).level != "county"
        self.actions_by_name["overview"].setEnabled(upstream)
        self.actions_by_name["report_each"].setEnabled(upstream)
        self.actions_by_name["adopt"].setEnabled(upstream and self.model.region_year is not None
                                                 and not self.model.locked())

    # ---- dialogs the tests patch ------------------------------------------------------------------
    def ask_save_path(self, title: str, suggested: str, pattern: str) -> str | None:
        folder = str(self.settings.value("last/folder", str(Path.home())))
        from desktop.ui import file_dialogs

        path = file_dialogs.save_file_name(self, title, str(Path(folder) / suggested), pattern)
        if path:
            self.settings.setValue("last/folder", str(Path(path).parent))
        return path or None

    def ask_open_paths(self, title: str, pattern: str) -> list[str]:
        folder = str(self.settings.value("last/folder", str(Path.home())))
        from desktop.ui import file_dialogs

        paths = file_dialogs.open_file_names(self, title, folder, pattern)
        if paths:
            self.settings.setValue("last/folder", str(Path(paths[0]).parent))
        return paths

    def ask_folder(self, title: str) -> str | None:
        folder = str(self.settings.value("last/folder", str(Path.home())))
        from desktop.ui import file_dialogs

        path = file_dialogs.existing_directory(self, title, folder)
        if path:
            self.settings.setValue("last/folder", path)
        return path or None

    def ask_confirm(self, title: str, text: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(self, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def ask_return(self) -> tuple[str, dict[str, str]] | None:
        """The reason of a return and the notes on single values (ReturnDialog); None when cancelled."""
        from desktop.ui.return_dialog import ReturnDialog

        dialog = ReturnDialog(self.services, self.model.region_year, self)
        return dialog.answer() if dialog.exec() else None

    def ask_reason(self, title: str, label: str) -> str | None:
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getMultiLineText(self, title, label)
        return text.strip() if ok else None

    def open_file(self, path: Path) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _require_region_year(self) -> None:
        if not self.region_code or self.model.region_year is None:
            raise AppError(self.tr("请先在左侧选择一个地区和年份"))

    # ---- handlers -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.show_statuses(self.year)
        self.model.refresh()

    def import_excel(self) -> None:
        from desktop.ui.import_dialog import ImportDialog

        paths = self.ask_open_paths(self.tr("导入Excel工作簿"),
                                    self.tr("工作簿 (*.xlsx *.xls *.et *.ods *.csv);;Excel 工作簿 (*.xlsx *.xlsm *.xls);;"
                                            "WPS 表格 (*.et);;文本、网页或 XML 表格 (*.csv *.tsv *.txt *.html *.htm *.xml)"))
        if not paths:
            return
        dialog = ImportDialog(self.services, paths, self)
        if dialog.prepare() and dialog.exec() and dialog.committed:
            self.refresh()
            written = [key for key, s in sorted(dialog.plan.summary.items()) if s.new or s.changed]
            self.show_imported(written or sorted(dialog.plan.summary), dialog.committed)

    def show_imported(self, region_years: list[tuple[str, int]], headline: str = "") -> None:
        """After an import: the status bar names the region-years written and their findings (错误, 核实), each a
        link that opens it; it stays until closed (×) or the next import."""
        from desktop.validation import validate

        parts = []
        names = {r.code: r.name for r in self.services.regions()}
        for region, year in region_years[:IMPORTED_SHOWN]:
            try:
                found = [f for f in validate(self.services, region, year) if not f.cleared]
            except AppError:
                found = []
            e = sum(f.severity == "error" for f in found)
            w = sum(f.severity == "warning" for f in found)
            counts = self.tr("错误 {e}，核实 {w}").format(e=e, w=w) if e or w else self.tr("无审核问题")
            color = "#b71c1c" if e else ("#8a5a00" if w else "#1b5e20")
            bracket = self.tr("（{counts}）").format(counts=counts)
            parts.append(f'<a href="open:{region}:{year}">{names.get(region, region)} {year}</a>'
                         f'<span style="color:{color}">{bracket}</span>')
        more = (self.tr(" 等 {n} 个地区年度").format(n=len(region_years)) if len(region_years) > IMPORTED_SHOWN else "")
        self.imported_label.setText((headline + self.tr("：") if headline else self.tr("已导入："))
                                    + self.tr("、").join(parts) + more
                                    + '　<a href="close:">×</a>')
        self.imported_label.setToolTip(self.tr("点地区年度打开它"))
        self.imported_label.setVisible(bool(parts))
        self.imported = list(region_years)

    def _imported_link(self, link: str) -> None:
        kind, _, rest = link.partition(":")
        if kind == "open":
            region, year = rest.rsplit(":", 1)
            self.select_region_year(region, int(year))
        else:
            self.imported_label.setVisible(False)

    def export_template(self) -> None:
        from desktop import exchange

        self._require_region_year()
        name = f"{self.model.region_year.region.name}_{self.year}_填报模板.xlsx"
        path = self.ask_save_path(self.tr("导出填报模板"), name, self.tr("Excel 工作簿 (*.xlsx)"))
        if not path:
            return
        region, year = self.region_code, self.year
        run_job(self, self.services, self.tr("正在导出填报模板…"),
                lambda s, progress, cancelled: exchange.write_template(s, region, year, path))
        self.statusBar().showMessage(self.tr("已导出填报模板：{path}").format(path=path), 10000)
        self.open_file(Path(path))

    def export_report(self, ext: str) -> Path | None:
        from desktop import reports

        self._require_region_year()
        suggested = reports.suggested_filename(self.services, self.region_code, self.year, ext)
        pattern = self.tr("PDF 文件 (*.pdf)") if ext == ".pdf" else self.tr("Excel 工作簿 (*.xlsx)")
        path = self.ask_save_path(self.tr("导出报表"), suggested, pattern)
        if not path:
            return None
        if not path.lower().endswith(ext):
            path += ext
        region, year = self.region_code, self.year
        written = run_job(self, self.services, self.tr("正在生成报表…"),
                          lambda s, progress, cancelled: reports.write_report(s, region, year, path, progress,
                                                                              cancelled))
        written = Path(written or path)
        self.statusBar().showMessage(self.tr("已生成报表：{path}").format(path=written), 10000)
        self.open_file(written)
        return written

    def show_overview(self, code: str | None = None) -> None:
        """The counties below a city or the province: status columns, sortable, export; a double-click opens one."""
        self.make_overview(code).exec()

    def make_overview(self, code: str | None = None):
        """The county overview of a city or the province, its double-click wired to this window."""
        from desktop.ui.overview_dialog import CountyOverview

        code = code or self.region_code
        if not code or self.services.region(code).level == "county":
            raise AppError(self.tr("请先在左侧选择一个市或省"))
        dialog = CountyOverview(self.services, code, self.year, self)
        dialog.county_opened.connect(lambda county: self.select_region_year(county, self.year))
        return dialog

    def export_each(self) -> list[Path] | None:
        """Every county's summary PDF of the year below the city or province chosen, and one merged PDF."""
        from desktop import reports

        self._require_region_year()
        folder = self.ask_folder(self.tr("选择保存各县汇总报表的文件夹"))
        if not folder:
            return None
        region, year = self.region_code, self.year
        files = run_job(self, self.services, self.tr("正在生成各县汇总报表…"),
                        lambda s, progress, cancelled: reports.write_each(s, region, year, folder, progress,
                                                                          cancelled))
        self.statusBar().showMessage(self.tr("已生成 {n} 个县（市、区）的汇总报表及合并文件：{path}").format(
            n=len(files) - 1, path=files[-1]), 10000)
        self.open_file(files[-1])
        return files

    def workflow(self, action: str) -> None:
        from desktop import workflow

        self._require_region_year()
        reason = ""
        notes = None
        if action == "return":
            answer = self.ask_return()
            if answer is None:
                return
            reason, notes = answer
        if action == "reopen":
            reason = self.ask_reason(self.tr("重新打开"), self.tr("请写明原因（填报人会看到）："))
            if reason is None:
                return
        if action == "accept" and not self.ask_confirm(self.tr("接收"), self.tr(
                "确认接收 {region} {year}年的数据？接收后在本单位锁定，不能修改，也不会被较旧的工作簿覆盖。").format(
                region=self.model.region_year.region.name, year=self.year)):
            return
        if action == "approve" and not self.ask_confirm(self.tr("审核通过"), self.tr(
                "确认审核通过 {region} {year}年的数据？通过后数据锁定，填报人不能再修改。").format(
                region=self.model.region_year.region.name, year=self.year)):
            return
        ds = workflow.transition(self.services, action, self.region_code, self.year, reason=reason, source="form",
                                 notes=notes)
        self.clear_message()  # e.g. "已提交，待审核期间不能修改" is no longer true after a return
        self.refresh()
        self.statusBar().showMessage(self.tr("{region} {year}年：{status}").format(
            region=self.model.region_year.region.name, year=self.year, status=self.tree.status_text(ds.status)),
            10000)

    def find_indicator(self) -> None:
        """Ctrl+F: the indicator whose name (or code, or alias) holds the typed text, selected in the form."""
        text = self.ask_text(self.tr("查找指标"), self.tr("指标名称（或其中几个字）："))
        if not text:
            return
        needle = text.strip().lower()
        inds = [i for i in self.services.indicators() if self.model.row_of(i.code) >= 0]
        hits = [i for i in inds if needle in i.name.lower() or needle == i.code.lower()]
        if not hits:
            try:
                hits = [self.services.indicator(text.strip())]
            except AppError:
                raise AppError(self.tr("没有名称含“{text}”的指标").format(text=text.strip())) from None
        self.select_indicator(hits[0].code)
        if len(hits) > 1:
            self.statusBar().showMessage(self.tr("共 {n} 个指标含“{text}”，已选中第一个：{name}").format(
                n=len(hits), text=text.strip(), name=hits[0].name), 10000)

    def focus_sections(self) -> None:
        self.section_box.setFocus()
        self.section_box.showPopup()

    def mark_absent(self) -> None:
        """The selected indicators (several at once) marked 不适用 or 本年未统计, with one reason (desktop.absent)."""
        self._require_region_year()
        codes = self.form.selected_codes()
        if not codes:
            raise AppError(self.tr("请先在表中选中一个或几个指标"))
        names = [self.services.indicator(c).name for c in codes]
        answer = self.ask_absence(names)
        if answer is None:
            return
        kind, reason = answer
        if self.model.mark_absent(codes, kind, reason):
            self.statusBar().showMessage(self.tr("已将 {n} 个指标标为{kind}").format(
                n=len(codes), kind=self.model.absence_name(kind)), 10000)

    def adopt_computed(self) -> None:
        """A city or the province takes the figures computed from its counties as its own (本年), where it has
        none and all its counties reported (desktop.aggregate.service.adoption); one undo step."""
        from desktop.aggregate.service import ADOPT_SOURCE, adoption
        from desktop.ui.form_model import Edit

        self._require_region_year()
        plan = adoption(self.services, self.region_code, self.year)
        left = []
        if plan.kept:
            left.append(self.tr("本级已有数值或标为不适用的 {n} 个不改。").format(n=len(plan.kept)))
        if plan.partial:
            left.append(self.tr("只有部分县上报的 {n} 个未采用。").format(n=len(plan.partial)))
        if not plan.take:
            raise AppError(self.tr("没有可采用的汇总值。") + "".join(left))
        question = self.tr("把 {n} 个由所辖各县汇总的数值填入{region} {year}年的本年？").format(
            n=len(plan.take), region=plan.region.name, year=plan.year)
        if not self.ask_confirm(self.tr("采用汇总值"), "\n".join([question, *left])):
            return
        notes = {code: (rec.note or "") for code, rec in self.model.region_year.values.items()}
        edits = [Edit(code, None, notes.get(code, ""), value, notes.get(code, "")) for code, value in plan.take.items()]
        if self.model.apply_edits(edits, ADOPT_SOURCE, self.tr("采用汇总值")):
            self.statusBar().showMessage(self.tr("已采用 {n} 个汇总值为本年数值（Ctrl+Z 撤销）").format(n=len(edits)),
                                         10000)

    def clear_absent(self) -> None:
        self._require_region_year()
        codes = [c for c in self.form.selected_codes() if c in self.model.absent]
        if not codes:
            raise AppError(self.tr("所选指标没有不适用或本年未统计的标记"))
        self.model.mark_absent(codes, None)

    def ask_absence(self, names: list[str]) -> tuple[str, str] | None:
        from desktop.ui.absence_dialog import AbsenceDialog

        return AbsenceDialog.ask(self, names)

    def ask_text(self, title: str, label: str) -> str | None:
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getText(self, title, label)
        return text if ok else None

    def show_history(self) -> None:
        from desktop.ui.history_dialog import HistoryDialog

        self._require_region_year()
        ind = self.model.indicator_at(self.form.currentIndex().row())
        if ind is None:
            raise AppError(self.tr("请先在表中选中一个指标"))
        HistoryDialog(self.services, self.region_code, self.year, ind.code, self).exec()

    def show_audit(self) -> None:
        from desktop.ui.audit_dialog import AuditDialog

        self._require_region_year()
        AuditDialog(self.services, self.region_code, self.year, None, self).exec()

    def show_value_audit(self) -> None:
        from desktop.ui.audit_dialog import AuditDialog

        self._require_region_year()
        ind = self.model.indicator_at(self.form.currentIndex().row())
        if ind is None:
            raise AppError(self.tr("请先在表中选中一个指标"))
        AuditDialog(self.services, self.region_code, self.year, ind.code, self).exec()

    def extract_from_text(self) -> None:
        from desktop.ui.extract_dialog import ExtractDialog  # loaded when first used (start-up time)

        ExtractDialog(self.services, self.region_code, self.year, self).exec()
        self.refresh()

    def backup_store(self) -> None:
        path = self.ask_save_path(self.tr("备份数据库"), "indicators-backup.sqlite", self.tr("数据库 (*.sqlite)"))
        if path:
            written = self.services.backup(path)
            self.statusBar().showMessage(self.tr("已备份到：{path}").format(path=written), 10000)

    def restore_store(self) -> None:
        """Restore a backup (admin): the backup is checked whole, what the restore would undo is shown and asked,
        then Services.restore replaces the store in one transaction after a safety backup."""
        from desktop.db.backups import backup_dir

        self.services.require_role("admin", action="恢复数据库")
        folder = backup_dir(self.services.store.path)
        if folder.is_dir():
            self.settings.setValue("last/folder", str(folder))
        paths = self.ask_open_paths(self.tr("从备份恢复"), self.tr("数据库 (*.sqlite)"))
        if not paths:
            return
        undone = self.services.restore_preview(paths[0])
        names = {r.code: r.name for r in self.services.regions()}
        lines = [vocabulary.say(line) for line in undone.lines(names)]
        shown = lines[:20] + ([self.tr("……另有 {n} 项").format(n=len(lines) - 20)] if len(lines) > 20 else [])
        text = self.tr("从 {file} 恢复将撤销当前数据库中的以下内容：").format(file=paths[0]) + "\n\n" \
            + "\n".join(shown) + "\n\n" + self.tr("恢复前会先自动备份当前数据库。确定恢复吗？")
        if not self.ask_confirm(self.tr("从备份恢复"), text):
            return
        safety = self.services.restore(paths[0])
        try:
            self.services.user = self.services._load_user(self.services.user.name)
        except AppError:
            show_error(self, AppError(self.tr("恢复后的数据库中没有用户 {name}；请切换用户").format(
                name=self.services.user.name)))
        self.refresh()
        self.statusBar().showMessage(self.tr("已从 {file} 恢复；恢复前的数据库已备份到：{safety}").format(
            file=paths[0], safety=safety), 15000)

    def switch_user(self) -> None:
        from desktop.ui.login_dialog import LoginDialog

        if LoginDialog.ask(self.services, self.settings, self):
            self.model.targets_editable = self.services.user.role in ("supervisor", "admin")
            self.refresh()

    def edit_catalog(self) -> None:
        from desktop.ui.catalog_dialog import CatalogDialog

        self.services.require_role(*policy.ADMIN_ONLY, action="修改指标目录")
        dialog = CatalogDialog(self.services, self)
        dialog.exec()
        if dialog.changed:
            self.services.invalidate_catalog()
            self.model.reload_catalog()
            self.form._span_sections()
            self.refresh()

    def choose_language(self, code: str) -> None:
        self.settings.setValue("language", code)
        for c, _label in LANGUAGES:
            self.actions_by_name[f"lang_{c}"].setChecked(c == code)
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(self, self.tr("语言"), self.tr("界面语言将在重新启动程序后切换。"))
