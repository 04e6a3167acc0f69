"""The main window: region tree and year, the entry form, findings, toolbar, menus and status bar."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import MAX_YEAR, MIN_YEAR
from desktop.errors import AppError
from desktop.ui import vocabulary
from desktop.ui.actions import ActionsMixin
from desktop.ui.findings_panel import FindingsPanel
from desktop.ui.form_model import COL_VALUE, FormModel
from desktop.ui.form_view import FormView
from desktop.ui.icons import status_icon
from desktop.ui.messages import describe
from desktop.ui.region_tree import RegionTree
from desktop.ui.screen import PANE_WIDTHS, first_size


class MainWindow(ActionsMixin, QMainWindow):
    """MainWindow(services): everything the clerk sees; every write goes through the services."""

    region_year_loaded = Signal(str, int)

    def __init__(self, services, settings: QSettings | None = None, parent=None):
        super().__init__(parent)
        self.services = services
        self.settings = settings if settings is not None else QSettings()
        # the interface language of this run (a change from the 语言 menu applies at the next start): column
        # widths are kept per language, as English headings need other widths than Chinese ones
        self.language = str(self.settings.value("language", "zh_CN"))
        self.region_code: str | None = None
        self.year: int = dt.date.today().year - 1
        self.setWindowTitle(self.tr("县卫生健康指标填报系统"))
        self._build_widgets()
        self._build_actions()
        self._connect_signals()
        self._restore_state()
        self._finished = False

    def finish_start(self) -> None:
        """What the first screen does not need (the 帮助 menu), made right after the window's first paint by
        desktop.ui.app.open_window, the only place the program makes its window; a window a test makes itself
        has no 帮助 menu until the test calls this. Called twice, it does nothing the second time."""
        if self._finished:
            return
        self._finished = True
        from desktop.ui.about_dialog import add_help_menu

        add_help_menu(self)

    # ---- building --------------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.year_box = QSpinBox()
        self.year_box.setRange(MIN_YEAR, MAX_YEAR)
        self.year_box.setValue(self.year)
        self.year_box.setKeyboardTracking(False)  # a typed year loads once, not at every digit
        self.tree = RegionTree(self.services)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(4, 4, 0, 4)
        year_row = QHBoxLayout()
        year_row.addWidget(QLabel(self.tr("年份")))
        year_row.addWidget(self.year_box, 1)
        left_layout.addLayout(year_row)
        left_layout.addWidget(self.tree, 1)

        self.model = FormModel(self.services, self)
        self.model.targets_editable = self.services.user.role in ("supervisor", "admin")
        self.form = FormView(self.model)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: bold; padding: 2px;")
        self.reason_label = QLabel()
        self.reason_label.setWordWrap(True)
        self.reason_label.setStyleSheet("color: #8a1f11; background: #fbe3e0; padding: 4px;")
        self.reason_label.setVisible(False)
        self.message_bar = QLabel()
        self.message_bar.setWordWrap(True)
        self.message_bar.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_bar.setStyleSheet("color: #b71c1c; background: #fdecea; padding: 4px; border: 1px solid #f5c2bd;")
        self.message_bar.setVisible(False)
        center = QWidget()
        center_layout = QVBoxLayout(center)
        center_layout.setContentsMargins(0, 4, 0, 4)
        center_layout.addWidget(self.title)
        center_layout.addWidget(self.reason_label)
        center_layout.addWidget(self.message_bar)
        center_layout.addLayout(self._build_navigation())
        center_layout.addWidget(self.form, 1)
        # a small window squeezed the form alone (the other panes have stretch 0) until 本年 was out of sight;
        # the tree keeps room for a county's name (three levels deep, its icon, five characters)
        center.setMinimumWidth(self.form.entry_width())
        left.setMinimumWidth(self.tree.indentation() * 3 + max(self.tree.iconSize().width(), 16) + 12
                             + self.tree.fontMetrics().horizontalAdvance("县" * 5))

        self.findings = FindingsPanel(self.services)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(center)
        self.splitter.addWidget(self.findings)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes(list(PANE_WIDTHS))
        self.setCentralWidget(self.splitter)

        self.imported_label = QLabel()  # after an import: the region-years, their findings, links that open them
        self.imported_label.setTextFormat(Qt.TextFormat.RichText)
        self.imported_label.setVisible(False)
        self.imported_label.linkActivated.connect(self._imported_link)
        self.imported: list[tuple[str, int]] = []
        self.statusBar().addPermanentWidget(self.imported_label, 1)
        self.user_label = QLabel()
        self.status_label = QLabel()
        self.counts_label = QLabel()
        for w in (self.user_label, self.status_label, self.counts_label):
            self.statusBar().addPermanentWidget(w)

    def _build_navigation(self) -> QHBoxLayout:
        """Above the form: show all / the empty values / those with findings, and jump to a section."""
        self.filter_box = QComboBox()
        self.filter_box.addItem(self.tr("全部指标"), "all")
        self.filter_box.addItem(self.tr("只看未填的"), "empty")
        self.filter_box.addItem(self.tr("只看有审核问题的"), "findings")
        self.filter_box.setToolTip(self.tr("只显示本年尚未填写（也未标为不适用）的指标，或有未消除审核问题的指标"))
        self.section_box = QComboBox()
        self.section_box.setToolTip(self.tr("跳到分区（Ctrl+G）"))
        self._fill_sections()
        self.shown_label = QLabel()
        self.shown_label.setStyleSheet("color: #555555;")
        row = QHBoxLayout()
        row.setContentsMargins(2, 0, 2, 0)
        show_label = QLabel(self.tr("显示"))
        show_label.setBuddy(self.filter_box)
        jump_label = QLabel(self.tr("跳到"))
        jump_label.setBuddy(self.section_box)
        row.addWidget(show_label)
        row.addWidget(self.filter_box)
        row.addSpacing(12)
        row.addWidget(jump_label)
        row.addWidget(self.section_box, 1)
        row.addSpacing(12)
        row.addWidget(self.shown_label)
        return row

    def _fill_sections(self) -> None:
        self.section_box.blockSignals(True)
        self.section_box.clear()
        self.section_box.addItem(self.tr("（选择分区）"), None)
        for row in range(self.model.rowCount()):
            if self.model.indicator_at(row) is None:
                self.section_box.addItem(self.model.rows[row].section, self.model.rows[row].section)
        self.section_box.blockSignals(False)

    def set_filter(self, mode: str) -> None:
        """Show every indicator ("all"), the empty values ("empty") or those with findings ("findings")."""
        self.filter_box.setCurrentIndex(max(self.filter_box.findData(mode), 0))

    def _apply_filter(self, *_args) -> None:
        shown, total = self.form.apply_filter(self.filter_box.currentData() or "all")
        self.shown_label.setText("" if shown == total else self.tr("显示 {shown}/{total} 个指标").format(
            shown=shown, total=total))

    def jump_to_section(self, section: str) -> None:
        """The first indicator of the section shown at the top of the form, selected."""
        self.form.go_to_section(section)
        self.form.setFocus()

    def _section_chosen(self, index: int) -> None:
        section = self.section_box.itemData(index)
        if section:
            self.jump_to_section(section)
        self.section_box.blockSignals(True)
        self.section_box.setCurrentIndex(0)
        self.section_box.blockSignals(False)

    def _connect_signals(self) -> None:
        self.filter_box.currentIndexChanged.connect(self._apply_filter)
        self.section_box.activated.connect(self._section_chosen)
        self.model.values_changed.connect(self._apply_filter)
        self.model.modelReset.connect(self._fill_sections)
        self.tree.region_chosen.connect(self._region_chosen)
        self.tree.overview_asked.connect(lambda code: self._run_action(lambda: self.show_overview(code)))
        self.year_box.valueChanged.connect(self._year_chosen)
        self.model.edit_refused.connect(self.show_message)
        self.model.values_changed.connect(self._values_changed)
        self.model.findings_changed.connect(self._findings_changed)
        self.findings.indicator_chosen.connect(self.select_indicator)
        self.form.pasted.connect(lambda ok: ok and self.clear_message())

    def _first_size(self) -> None:
        """The size of a first start (first_size), on the screen the window opens on."""
        room = self.screen().availableGeometry()
        size, maximised, panes = first_size(room.width(), room.height())
        self.resize(*size)
        if maximised:
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        self.splitter.setSizes(list(panes))

    def _restore_state(self) -> None:
        s = self.settings
        geometry = s.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)  # Qt brings a window kept on a larger or absent screen back onto this one
        else:
            self._first_size()
        state = s.value("window/state")
        if state is not None:
            self.restoreState(state)
        splitter = s.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        columns = s.value(self.columns_key())
        if columns is None and self.language.startswith("zh"):
            columns = s.value("form/columns")  # kept by earlier versions for every language
        if columns is not None:
            self.form.horizontalHeader().restoreState(columns)
            self.form.show_submitted(self.model.submission is not None)
            self.form.show_computed(bool(self.model.computed))
        self.form.fit_headings()  # whatever was kept, no heading of this language is cut
        region = s.value("last/region")
        year = s.value("last/year")
        if not region:  # first start: the office's own county (chosen then), else where the data are (the demo's
            # 瑞安市 2021), not an empty form
            from desktop.first_start import home_region

            home = home_region(self.services)
            region, year = (home, None) if home else (self.services.last_edited_region_year() or (None, None))
        try:
            year = int(year) if year is not None else self.year
        except (TypeError, ValueError):
            year = self.year
        if not region or region not in self.tree.items:
            counties = sorted(r.code for r in self.services.regions() if r.level == "county")
            region = counties[0] if counties else next(iter(self.tree.items), None)
        self.year_box.blockSignals(True)
        self.year_box.setValue(max(MIN_YEAR, min(MAX_YEAR, year)))
        self.year_box.blockSignals(False)
        self.year = self.year_box.value()
        self.show_statuses(self.year)
        if region:
            self.tree.blockSignals(True)
            self.tree.select(region)
            self.tree.blockSignals(False)
            self.load(region, self.year)

    def columns_key(self) -> str:
        return f"form/columns/{'zh_CN' if self.language.startswith('zh') else self.language}"

    def save_state(self) -> None:
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("window/splitter", self.splitter.saveState())
        s.setValue(self.columns_key(), self.form.horizontalHeader().saveState())
        if self.region_code:
            s.setValue("last/region", self.region_code)
            s.setValue("last/year", self.year)
        s.sync()

    # ---- region-year ------------------------------------------------------------------------------
    def load(self, region: str, year: int) -> None:
        """Show one region-year (the cell being edited is committed first)."""
        self.form.commit_pending()
        try:
            self.model.load(region, year)
        except AppError as exc:
            self.show_message(describe(exc))
            return
        self.region_code, self.year = region, year
        self.clear_message()
        self._update_header()
        # remembered for the next start; written only when it changed: the window opening on the last region-year
        # wrote the settings file again (a synced write, on a slow office disk before the first paint)
        if str(self.settings.value("last/region", "")) != region:
            self.settings.setValue("last/region", region)
        if str(self.settings.value("last/year", "")) != str(year):
            self.settings.setValue("last/year", year)
        first = self.form._next_value_row(-1, 1)
        if not self.form.currentIndex().isValid():
            self.form.go_to(first, COL_VALUE)
        self.region_year_loaded.emit(region, year)

    def _region_chosen(self, code: str) -> None:
        if code != self.region_code:
            self.load(code, self.year)

    def _year_chosen(self, year: int) -> None:
        self.form.commit_pending()
        self.show_statuses(year)
        if self.region_code:
            self.load(self.region_code, year)
        else:
            self.year = year

    def select_region_year(self, region: str, year: int) -> None:
        """Pick a region-year as the clerk would: the tree and the year box (for tests and start-up)."""
        code = self.services.region(region).code
        if code == self.region_code and year == self.year:
            return
        self.form.commit_pending()
        if year != self.year_box.value():
            self.year_box.blockSignals(True)
            self.year_box.setValue(year)
            self.year_box.blockSignals(False)
            self.show_statuses(year)
        self.tree.blockSignals(True)
        self.tree.select(code)
        self.tree.blockSignals(False)
        self.load(code, year)

    def show_statuses(self, year: int) -> None:
        self.tree.set_statuses(self.services.statuses(year), year, self.services.regions_with_values(year))

    def select_indicator(self, code: str) -> None:
        row = self.model.row_of(code)
        if row >= 0:
            self.form.go_to(row, COL_VALUE)
            self.form.setFocus()

    def _values_changed(self) -> None:
        self.clear_message()  # a value was written: what the red bar said about the last refusal is no longer true
        self._update_header()

    def _findings_changed(self, findings) -> None:
        self.findings.set_findings(findings)
        if hasattr(self, "filter_box"):
            self._apply_filter()
        self._update_submission_blockers()
        self._update_status_bar()

    def _update_submission_blockers(self) -> None:
        ry = self.model.region_year
        blocking = None
        if ry is not None and ry.status in ("draft", "returned"):
            try:
                from desktop.workflow import blocking_for_submit

                blocking = blocking_for_submit(self.services, ry.region.code, ry.year, self.model.computed)
            except AppError:
                blocking = None
        filled, total, _per = self.model.completeness()
        self.findings.set_submission_blockers(blocking, filled, total)

    def _update_header(self) -> None:
        ry = self.model.region_year
        if ry is None:
            self.title.setText("")
            return
        status = self.tree.status_text(ry.status)
        title = self.tr("{region} {year}年 · {status}").format(region=ry.region.name, year=ry.year, status=status)
        if self.model.simulated():
            title += self.tr("　【演示数据·模拟】")
        self.title.setText(title)
        self.setWindowTitle(self.tr("{region} {year}年 — 县卫生健康指标填报系统").format(
            region=ry.region.name, year=ry.year))
        lines = []
        if self.model.locked():
            lines.append(self.model.locked_reason())
        review = self.model.review
        if review is not None and review.reason:  # stays in sight after the resubmission, until approval
            lines.append(self.tr("审核人退回的原因：{reason}（{user}，{at}）").format(
                reason=review.reason, user=review.by, at=review.at[:16].replace("T", " ")))
        elif ry.status == "returned" and ry.status_reason:
            lines.append(self.tr("审核人退回的原因：{reason}").format(reason=ry.status_reason))
        if ry.status == "returned":
            from desktop.workflow import review_notes

            names = {i.code: i.name for i in self.services.indicators(include_hidden=True)}
            for code, text in review_notes(self.services, ry.region.code, ry.year).items():
                lines.append(self.tr("　对“{name}”的意见：{note}").format(name=names.get(code, code), note=text))
        if self.model.submission is not None:
            n = len(self.model.changed_since_submission()) + (len(review.marks_changed) if review is not None else 0)
            if ry.status == "submitted":
                lines.append(self.tr("重新提交：与退回的版本相比修改了 {n} 项（“上次提交”列为退回的版本，不同处紫色标出）。").format(n=n)
                             if n else self.tr("重新提交：与退回的版本相比没有任何修改。"))
            else:
                lines.append(self.tr("与上次提交相比已修改 {n} 项（“上次提交”列中紫色标出）。").format(n=n) if n
                             else self.tr("与上次提交相比尚未修改（“上次提交”列为提交时的数值）。"))
            changes = self.model.change_lines()
            if changes:
                shown = changes[:6]
                more = self.tr("；另有 {n} 处").format(n=len(changes) - 6) if len(changes) > 6 else ""
                lines.append(self.tr("；").join(shown) + more)
        self.reason_label.setText("\n".join(lines))
        self.reason_label.setVisible(bool(lines))
        item = self.tree.items.get(ry.region.code)
        if item is not None:
            item.setIcon(0, status_icon(ry.status if (ry.values or ry.status != "draft") else "empty"))
        self._update_status_bar()
        self.update_actions()

    def _update_status_bar(self) -> None:
        ry = self.model.region_year
        user = self.services.user
        self.user_label.setText(self.tr("用户：{name}（{role}）").format(name=user.name,
                                                                      role=vocabulary.role(user.role)))
        self.status_label.setText(self.tr("状态：{status}").format(
            status=self.tree.status_text(ry.status) if ry else "—"))
        c = self.findings.counts()
        filled, total, _per = self.model.completeness()
        self.counts_label.setText(self.tr("错误 {e} · 核实 {w} · 已填 {filled}/{total}").format(
            filled=filled, total=total, e=c["error"], w=c["warning"]))

    # ---- messages ---------------------------------------------------------------------------------
    def show_message(self, text: str) -> None:
        self.message_bar.setText(text)
        self.message_bar.setVisible(True)
        self.statusBar().showMessage(text.splitlines()[0], 10000)

    def clear_message(self) -> None:
        self.message_bar.clear()
        self.message_bar.setVisible(False)

    # ---- closing ----------------------------------------------------------------------------------
    def closeEvent(self, event):
        self.form.commit_pending()
        self.save_state()
        super().closeEvent(event)

