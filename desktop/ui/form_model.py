"""The entry form of one region-year as a QAbstractTableModel, with undoable writes to the store."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QUndoCommand, QUndoStack

from desktop import policy
from desktop.domain import SIMULATED_SOURCE, Finding, Indicator, RegionYear, ValueChange
from desktop.errors import AppError, InvalidValue
from desktop.validation import validate
from desktop.ui import vocabulary
from desktop.ui.icons import severity_icon
from desktop.ui.messages import describe
from desktop.validation.notes import is_boilerplate_note

COL_NAME, COL_UNIT, COL_PRIOR, COL_VALUE, COL_CHANGE, COL_TARGET, COL_CHECK, COL_NOTE = range(8)
# last in the model, shown beside 本年 by the view, and only for a returned dataset that was submitted before
COL_SUBMITTED = 8
# a city's or the province's figure computed from its counties (汇总), shown beside 本年 for those only
COL_COMPUTED = 9
COLUMNS = 10
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
INDICATOR_ROLE = int(Qt.ItemDataRole.UserRole) + 1
DISPLAY, EDIT = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.EditRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
DECORATION, FONT = int(Qt.ItemDataRole.DecorationRole), int(Qt.ItemDataRole.FontRole)
BACKGROUND, FOREGROUND = int(Qt.ItemDataRole.BackgroundRole), int(Qt.ItemDataRole.ForegroundRole)
ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
FLAGS_HEADING = Qt.ItemFlag.ItemIsEnabled
FLAGS_CELL = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
FLAGS_EDITABLE = FLAGS_CELL | Qt.ItemFlag.ItemIsEditable
# a dataset in these states cannot be changed (the services refuse): its form opens no editor at all
LOCKED_STATUSES = policy.LOCKED_STATUSES
SECTION_BRUSH = QBrush(QColor("#e8eef5"))
ERROR_BRUSH = QBrush(QColor("#fde2e1"))
WARNING_BRUSH = QBrush(QColor("#fff3d6"))
PLAIN_BRUSH = QBrush(QColor("#ffffff"))
MUTED_BRUSH = QBrush(QColor("#555555"))
CHANGED_BRUSH = QBrush(QColor("#e1d5f5"))
COMPUTED_BRUSH = QBrush(QColor("#1f5fbf"))
BOILERPLATE_BRUSH = QBrush(QColor("#9e5c00"))
ABSENT_BRUSH = QBrush(QColor("#e9e9ef"))
ABSENT_TEXT_BRUSH = QBrush(QColor("#4a4a68"))



def run_validation(services, region: str, year: int, computed=None) -> list[Finding]:
    """The findings of a region-year (desktop.validation.validate).
    `computed`: a city's figures from its counties, made at load (spares computing them at every edit)."""
    return list(validate(services, region, year, computed=computed or None))


@dataclass
class Row:
    section: str
    indicator: Indicator | None = None  # None: a section heading row


@dataclass(frozen=True)
class Edit:
    """One indicator's value and note before and after an edit."""

    indicator: str
    old_value: float | None
    old_note: str
    new_value: float | None
    new_note: str


class EditCommand(QUndoCommand):
    """An edit already written to the store; undo writes the old values back, redo the new ones."""

    def __init__(self, model: "FormModel", region: str, year: int, edits: list[Edit], source: str, text: str,
                 marks: dict | None = None):
        super().__init__(text)
        self.model, self.region, self.year, self.edits, self.source = model, region, year, edits, source
        self.marks = marks or {}  # marks 不适用 / 本年未统计 the written values took away: undo puts them back
        self._written = True  # push() calls redo(): the first write has already happened

    def undo(self) -> None:
        self.model.write_back(self.region, self.year,
                              [ValueChange(self.region, self.year, e.indicator, e.old_value, e.old_note)
                               for e in self.edits], self.source, "撤销")
        if self.marks:
            self.model.write_absences(self.region, self.year, self.marks, "撤销")

    def redo(self) -> None:
        if self._written:
            self._written = False
            return
        self.model.write_back(self.region, self.year,
                              [ValueChange(self.region, self.year, e.indicator, e.new_value, e.new_note)
                               for e in self.edits], self.source, "重做")


class AbsenceCommand(QUndoCommand):
    """Marks 不适用 / 本年未统计 already written; undo puts each indicator's earlier mark (or none) back."""

    def __init__(self, model: "FormModel", region: str, year: int, before: dict, after: dict, text: str):
        super().__init__(text)
        self.model, self.region, self.year, self.before, self.after = model, region, year, before, after
        self._written = True

    def undo(self) -> None:
        self.model.write_absences(self.region, self.year, self.before, "撤销")

    def redo(self) -> None:
        if self._written:
            self._written = False
            return
        self.model.write_absences(self.region, self.year, self.after, "重做")


class FormModel(QAbstractTableModel):
    """Rows: section headings and indicators; columns 指标 | 单位 | 上年 | 本年 | 增减% | 目标 | 审核 | 说明.

    Only 本年 and 说明 are editable. Every accepted edit is written at once through
    services.apply_changes and revalidated; the write is pushed on `undo_stack`.
    """

    edit_refused = Signal(str)  # a message naming the indicator and why
    values_changed = Signal()  # after any write (edit, paste, undo) and reload
    findings_changed = Signal(object)  # list[Finding] | None
    submitted_shown = Signal(bool)  # whether the 上次提交 column applies to the region-year shown
    computed_shown = Signal(bool)  # whether the 汇总 column applies (a city or the province)


    def __init__(self, services, parent=None):
        super().__init__(parent)
        self.services = services
        self.undo_stack = QUndoStack(self)
        self.rows: list[Row] = []
        self.data_: RegionYear | None = None
        self.findings: list[Finding] | None = []
        self.by_indicator: dict[str, list[Finding]] = {}
        self.submission = None  # desktop.workflow.SubmissionComparison while the 上次提交 column applies
        self.review = None  # desktop.workflow.ReturnedReview: the return still in force (reason, who, when)
        self.submitted: dict = {}  # indicator code -> SubmittedValue
        self.computed: dict = {}  # indicator code -> desktop.aggregate.core.Computed, for a city or the province
        self.absent: dict = {}  # indicator code -> desktop.domain.Absence (不适用 / 本年未统计), shown while empty
        self.refused_text: str | None = None  # what the last setData could not read (the view gives it back)
        self._row_of: dict[str, int] = {}
        self._cells: list[tuple[list[dict], list] | None] = []  # per row: its cells and flags once made
        self._editable = False
        self._per_section: dict[str, tuple[int, int]] = {}
        # a supervisor or admin types targets in the 目标 column (the services check the role again)
        self.targets_editable = False
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)
        self._build_rows()

    # ---- loading ---------------------------------------------------------------------------
    def _build_rows(self) -> None:
        rows: list[Row] = []
        section = None
        for ind in self.services.indicators():
            if ind.section != section:
                section = ind.section
                rows.append(Row(section))
            rows.append(Row(section, ind))
        self.rows = rows
        self._row_of = {r.indicator.code: i for i, r in enumerate(rows) if r.indicator}
        self._build_cells(notify=False)

    def reload_catalog(self) -> None:
        self.beginResetModel()
        self._build_rows()
        self.endResetModel()

    def load(self, region: str, year: int) -> None:
        """Show another region-year; the undo history belongs to the one left behind."""
        self.undo_stack.clear()
        self.data_ = self.services.get_region_year(region, year)
        self._load_absences()
        self._compare_with_submission()
        self._aggregate()
        self._revalidate()
        self._build_cells()

    def refresh(self) -> None:
        if self.data_ is None:
            return
        self.data_ = self.services.get_region_year(self.data_.region.code, self.data_.year)
        self._load_absences()
        self._compare_with_submission()
        self._aggregate()
        self._revalidate()
        self._build_cells()
        self.values_changed.emit()

    def _compare_with_submission(self) -> None:
        """For a returned (or reopened) dataset, or a draft that was submitted before: the last submitted
        value of each indicator beside the current one (desktop.workflow.since_last_submission). For a dataset
        submitted again after a return: the version that was returned beside the resubmitted one
        (desktop.workflow.since_returned_version), until it is approved."""
        ry, shown = self.data_, self.submission is not None
        self.submission, self.submitted, self.review = None, {}, None
        if ry is not None and ry.status in ("returned", "draft", "submitted"):
            from desktop.workflow import since_last_submission, since_returned_version

            self.review = since_returned_version(self.services, ry.region.code, ry.year)
            comparison = None
            if self.review is not None:
                comparison = self.review.comparison
            elif ry.status != "submitted":
                comparison = since_last_submission(self.services, ry.region.code, ry.year)
            if comparison is not None and comparison.submission is not None:
                self.submission = comparison
                self.submitted = {r.indicator: r for r in comparison.rows}
        if shown != (self.submission is not None) or self.submission is not None:
            self.submitted_shown.emit(self.submission is not None)

    def change_lines(self) -> list[str]:
        """Each value or note changed since the compared submission, old → new, in catalog order."""
        none = self.tr("（空）")
        out = []
        for code in self.changed_since_submission():
            sub, ind = self.submitted[code], self.services.indicator_index().by_code.get(code)
            name = ind.name if ind else code
            fmt = (lambda v: ind.format(v)) if ind else (lambda v: f"{v:g}")
            if sub.submitted_value != sub.current_value:
                out.append(self.tr("{name}：{old} → {new}").format(
                    name=name, old=none if sub.submitted_value is None else fmt(sub.submitted_value),
                    new=none if sub.current_value is None else fmt(sub.current_value)))
            if sub.submitted_note != sub.current_note:
                out.append(self.tr("{name} 的说明：“{old}” → “{new}”").format(
                    name=name, old=sub.submitted_note.replace("\n", " ") or none,
                    new=sub.current_note.replace("\n", " ") or none))
        for code, before, after, reason in (self.review.marks_changed if self.review is not None else ()):
            ind = self.services.indicator_index().by_code.get(code)
            name = ind.name if ind else code
            if after:
                out.append(self.tr("{name}：标为{kind}（{reason}）").format(
                    name=name, kind=self.absence_name(after), reason=reason))
            else:
                out.append(self.tr("{name}：取消“{kind}”标记").format(name=name, kind=self.absence_name(before)))
        return out

    def _load_absences(self) -> None:
        from desktop.absent import absences

        ry = self.data_
        self.absent = absences(self.services, ry.region.code, ry.year) if ry is not None else {}

    def absence_of(self, code: str):
        """The mark 不适用 / 本年未统计 of an indicator without a value, or None."""
        return self.absent.get(code) if self.value_of(code) is None else None

    def _aggregate(self) -> None:
        """A city's or the province's figures computed from its counties, shown beside its own (汇总)."""
        ry, shown = self.data_, bool(self.computed)
        self.computed = {}
        if ry is not None and ry.region.level != "county":
            from desktop.aggregate.service import aggregate_region

            try:
                self.computed = aggregate_region(self.services, ry.region.code, ry.year).computed
            except AppError as exc:
                self.edit_refused.emit(describe(exc))
        if shown != bool(self.computed) or self.computed:
            self.computed_shown.emit(bool(self.computed))

    def simulated(self) -> bool:
        """Whether the region-year shown holds simulated demo figures (the window says 演示数据·模拟)."""
        return self.data_ is not None and any(r.source == SIMULATED_SOURCE for r in self.data_.values.values())

    def changed_since_submission(self) -> list[str]:
        """Codes whose value or note differs from the last submission (empty when the column does not apply)."""
        return [code for code, r in self.submitted.items() if r.changed]

    def _revalidate(self) -> None:
        ry = self.data_
        try:
            self.findings = run_validation(self.services, ry.region.code, ry.year, self.computed) if ry else []
        except AppError as exc:  # e.g. a rules file that no longer parses: say so, keep the form usable
            self.findings = []
            self.edit_refused.emit(describe(exc))
        self.by_indicator = {}
        for f in self.findings or []:
            self.by_indicator.setdefault(f.indicator, []).append(f)
        self.findings_changed.emit(self.findings)

    def _all_changed(self) -> None:
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, COLUMNS - 1))

    # ---- lookups -----------------------------------------------------------------------------
    @property
    def region_year(self) -> RegionYear | None:
        return self.data_

    def indicator_at(self, row: int) -> Indicator | None:
        return self.rows[row].indicator if 0 <= row < len(self.rows) else None

    def row_of(self, code: str) -> int:
        return self._row_of.get(code, -1)

    def value_of(self, code: str) -> float | None:
        rec = self.data_.values.get(code) if self.data_ else None
        return rec.value if rec else None

    def note_of(self, code: str) -> str:
        rec = self.data_.values.get(code) if self.data_ else None
        return rec.note if rec else ""

    def change_percent(self, ind: Indicator) -> float | None:
        value, prior = self.value_of(ind.code), self.data_.prior.get(ind.code) if self.data_ else None
        if value is None or prior is None or prior.value == 0:
            return None
        return (value - prior.value) / abs(prior.value) * 100.0

    # ---- Qt model interface -----------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else COLUMNS

    # one translated heading at a time (the literals stay in tr() calls for lupdate, as in headers(); the argument
    # is named self so that lupdate files them under FormModel, the context tr() looks them up in)
    _HEADING_TR = (lambda self: self.tr("指标"), lambda self: self.tr("单位"), lambda self: self.tr("上年"),
                   lambda self: self.tr("本年"), lambda self: self.tr("增减%"), lambda self: self.tr("目标"),
                   lambda self: self.tr("审核"), lambda self: self.tr("说明"), lambda self: self.tr("上次提交"),
                   lambda self: self.tr("汇总"))

    def headers(self) -> list[str]:
        return [self.tr("指标"), self.tr("单位"), self.tr("上年"), self.tr("本年"), self.tr("增减%"),
                self.tr("目标"), self.tr("审核"), self.tr("说明"), self.tr("上次提交"), self.tr("汇总")]

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < COLUMNS:  # only this heading: Qt asks for every heading at each paint, tr() is slow
                return self._HEADING_TR[section](self)
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole
                and section == COL_SUBMITTED and self.submission is not None):
            sub = self.submission.submission
            if self.review is not None and self.data_ is not None and self.data_.status == "submitted":
                return self.tr("{user} 于 {at} 提交、被退回的数值；重新提交后不同的以紫色标出（{n} 项）").format(
                    user=sub.user, at=sub.at[:16].replace("T", " "), n=len(self.changed_since_submission()))
            return self.tr("{user} 于 {at} 提交的数值；与现值不同的以紫色标出（{n} 项）").format(
                user=sub.user, at=sub.at[:16].replace("T", " "), n=len(self.changed_since_submission()))
        return None

    def flags(self, index):
        r = index.row()
        if r < 0 or r >= len(self._cells):
            return Qt.ItemFlag.NoItemFlags
        return self._row_cells(r)[1][index.column()]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        # Painting asks for every role of every visible cell: answer from the row's cells, made once.
        r = index.row()
        if r < 0 or r >= len(self._cells):
            return None
        if role == TOOLTIP:  # only on hover: not worth caching
            ind = self.rows[r].indicator
            return self._tooltip(ind, index.column()) if ind is not None else None
        return self._row_cells(r)[0][index.column()].get(role)

    def locked(self) -> bool:
        return self.data_ is not None and self.data_.status in LOCKED_STATUSES

    def locked_reason(self) -> str:
        """Why the values cannot be changed now, in the clerk's words ("" when they can)."""
        if not self.locked():
            return ""
        if self.data_.status == "submitted":
            return self.tr("已提交，等待审核：数值已锁定，不能修改。如需修改，请审核人退回。")
        return self.tr("已审核通过：数值已锁定，不能修改。如需修改，请审核人重新打开。")

    def completeness(self) -> tuple[int, int, dict[str, tuple[int, int]]]:
        """(filled, total, {section: (filled, total)}) of 本年 for the region-year shown; a value marked 不适用 or
        本年未统计 counts as filled."""
        values = self.data_.values if self.data_ is not None else {}
        per: dict[str, tuple[int, int]] = {}
        for row in self.rows:
            if row.indicator is not None:
                rec = values.get(row.indicator.code)
                filled, total = per.get(row.section, (0, 0))
                done = rec is not None and rec.value is not None or row.indicator.code in self.absent
                per[row.section] = (filled + done, total + 1)
        return sum(f for f, _t in per.values()), sum(t for _f, t in per.values()), per

    def _build_cells(self, notify: bool = True) -> None:
        """Forget the cells of every row: each is made again when Qt first asks for it (painting asks for the
        rows in sight only, so a long catalog costs nothing until it is scrolled). With notify, the rows the
        view has already shown that look different now are repainted (an edit touches one row and its
        findings)."""
        self._editable = self.data_ is not None and not self.locked()
        self._per_section = self.completeness()[2] if self.data_ is not None else {}
        old = self._cells
        self._cells = [None] * len(self.rows)
        if not notify:
            return
        if len(old) != len(self._cells):
            self._all_changed()
            return
        changed = [i for i, was in enumerate(old) if was is not None and was != self._row_cells(i)]
        start = prev = None
        for i in changed + [None]:
            if i is not None and prev is not None and i == prev + 1:
                prev = i
                continue
            if start is not None:
                self.dataChanged.emit(self.index(start, 0), self.index(prev, COLUMNS - 1))
            start = prev = i

    def _row_cells(self, r: int) -> tuple[list[dict], list]:
        """Row r's cells ({role: value} for each column) and flags, made once until the next _build_cells."""
        made = self._cells[r]
        if made is None:
            made = self._cells[r] = self._make_row(self.rows[r])
        return made

    def _make_row(self, row: Row) -> tuple[list[dict], list]:
        if row.indicator is None:
            section = {FONT: self._bold, BACKGROUND: SECTION_BRUSH}
            shown = row.section
            if row.section in self._per_section:  # always in sight: how much of the section is filled
                filled, total = self._per_section[row.section]
                shown = self.tr("{section}（已填 {filled}/{total}）").format(
                    section=row.section, filled=filled, total=total)
            cells = [{DISPLAY: shown, **section}] + [dict(section) for _ in range(COLUMNS - 1)]
            return cells, [FLAGS_HEADING] * COLUMNS
        ind = row.indicator
        worst = self._worst(ind.code)
        icon = severity_icon(worst) if worst else None
        tint = {"error": ERROR_BRUSH, "warning": WARNING_BRUSH}.get(worst, PLAIN_BRUSH)
        line = []
        sub = self.submitted.get(ind.code)
        mark = self.absence_of(ind.code)
        for col in range(COLUMNS):
            cell = {DISPLAY: self._text(ind, col, False), INDICATOR_ROLE: ind.code}
            if col in (COL_PRIOR, COL_VALUE, COL_TARGET):
                cell[EDIT] = self._text(ind, col, True)
            elif col == COL_NOTE:
                cell[EDIT] = cell[DISPLAY]
                cell[DISPLAY] = cell[DISPLAY].replace("\n", " ↵ ")  # a row shows one line
                if cell[EDIT].strip() and is_boilerplate_note(cell[EDIT]):
                    cell[FOREGROUND] = BOILERPLATE_BRUSH  # boilerplate: explains nothing (tooltip says so)
            if col in (COL_PRIOR, COL_VALUE, COL_CHANGE, COL_TARGET, COL_SUBMITTED, COL_COMPUTED):
                cell[ALIGN] = RIGHT
            if col == COL_SUBMITTED and sub is not None and sub.changed:
                cell[BACKGROUND] = CHANGED_BRUSH
                cell[FONT] = self._bold
            if col in (COL_PRIOR, COL_UNIT, COL_TARGET, COL_CHANGE):
                cell[FOREGROUND] = MUTED_BRUSH
            if col == COL_COMPUTED:
                cell[FOREGROUND] = COMPUTED_BRUSH
            if col == COL_CHECK and icon is not None:
                cell[DECORATION] = icon
            if col in (COL_VALUE, COL_NOTE):
                cell[BACKGROUND] = tint
            if col == COL_VALUE and mark is not None:  # no value on purpose: said in words, grey on grey
                cell[DISPLAY] = self.absence_name(mark.kind)
                cell[BACKGROUND] = ABSENT_BRUSH
                cell[FOREGROUND] = ABSENT_TEXT_BRUSH
                cell[FONT] = self._italic
                cell[ALIGN] = int(Qt.AlignmentFlag.AlignCenter)
            line.append(cell)
        return line, [FLAGS_EDITABLE if self._editable and (col in (COL_VALUE, COL_NOTE)
                                                            or col == COL_TARGET and self.targets_editable)
                      else FLAGS_CELL for col in range(COLUMNS)]

    def _text(self, ind: Indicator, col: int, editing: bool) -> str:
        ry = self.data_
        if col == COL_NAME:
            return ind.name
        if col == COL_UNIT:
            return ind.unit
        if ry is None:
            return ""
        if col == COL_PRIOR:
            prior = ry.prior.get(ind.code)
            if prior is None:
                return ""
            text = ind.format(prior.value)
            return text if prior.year == ry.year - 1 or editing else f"{text}（{prior.year}）"
        if col == COL_VALUE:
            return ind.format(self.value_of(ind.code))
        if col == COL_CHANGE:
            pct = self.change_percent(ind)
            return "" if pct is None else f"{pct:+.1f}"
        if col == COL_TARGET:
            return ind.format(ry.targets.get(ind.code))
        if col == COL_CHECK:
            return self._check_text(ind.code)
        if col == COL_NOTE:
            return self.note_of(ind.code)
        if col == COL_SUBMITTED:
            sub = self.submitted.get(ind.code)
            if sub is None or not sub.in_submission:
                return ""
            return ind.format(sub.submitted_value) if sub.submitted_value is not None else "—"
        if col == COL_COMPUTED:
            c = self.computed.get(ind.code)
            if c is None or c.value is None:
                return ""
            return ind.format(c.value) + (f"（{c.reported}/{c.of}）" if c.partial else "")
        return ""

    def _worst(self, code: str) -> str | None:
        open_ = [f for f in self.by_indicator.get(code, ()) if not f.cleared]
        if open_:
            return min(open_, key=lambda f: SEVERITY_RANK.get(f.severity, 9)).severity
        if self.by_indicator.get(code):
            return "cleared"
        return None

    def column_texts(self, col: int) -> list[str]:
        """The texts one column shows for the region-year loaded (the view fits the 汇总 and 上次提交 columns to
        them when they appear); made from the model's data, without making the rows' cells."""
        return [self._text(r.indicator, col, False) for r in self.rows if r.indicator is not None]

    def check_texts(self) -> list[str]:
        """Every kind of text the 审核 column can show (the view makes the column wide enough for them)."""
        return [self.tr("已说明")] + [f"{name} ×99" for name in vocabulary.words("check").values()]

    def _check_text(self, code: str) -> str:
        found = [f for f in self.by_indicator.get(code, ()) if not f.cleared]
        if not found:
            return self.tr("已说明") if self.by_indicator.get(code) else ""
        worst = min(found, key=lambda f: SEVERITY_RANK.get(f.severity, 9)).severity
        return vocabulary.word("check", worst) + (f" ×{len(found)}" if len(found) > 1 else "")

    def _tooltip(self, ind: Indicator, col: int) -> str | None:
        if col == COL_COMPUTED:
            c = self.computed.get(ind.code)
            if c is None:
                return None
            if c.method == "none":
                return self.tr("该指标不由各县汇总，以本级填报数为准")
            return self.tr("由 {reported}/{of} 个县（市、区）汇总（{how}），计算所得，不保存").format(
                reported=c.reported, of=c.of, how=vocabulary.word("method", c.method))
        mark = self.absence_of(ind.code) if col == COL_VALUE else None
        if mark is not None:
            return self.tr("{kind}：{reason}（{user}，{at}）。计为已填，提交时不算缺报；Delete 取消标记").format(
                kind=self.absence_name(mark.kind), reason=mark.reason, user=mark.updated_by,
                at=mark.updated_at[:16].replace("T", " "))
        if col == COL_VALUE and self.data_ is not None:
            rec = self.data_.values.get(ind.code)
            if rec is not None and rec.source == SIMULATED_SOURCE:
                return self.tr("演示数据·模拟：此数值为模拟生成，不是真实统计数据")
        if col == COL_SUBMITTED:
            sub = self.submitted.get(ind.code)
            if sub is None or not sub.changed:
                return None
            none = self.tr("（无）")
            return self.tr("上次提交：{old}，说明：{old_note}\n现在：{new}，说明：{new_note}").format(
                old=ind.format(sub.submitted_value) if sub.submitted_value is not None else none,
                old_note=sub.submitted_note or none,
                new=ind.format(sub.current_value) if sub.current_value is not None else none,
                new_note=sub.current_note or none)
        if col == COL_NOTE and self.note_of(ind.code).strip() and is_boilerplate_note(self.note_of(ind.code)):
            return self.tr("“{note}”是套话或过于简略，不算说明：不能消除核实提示").format(note=self.note_of(ind.code))
        if col == COL_CHECK or (col in (COL_VALUE, COL_NOTE) and self.by_indicator.get(ind.code)):
            return "\n".join(vocabulary.say(f.message) for f in self.by_indicator.get(ind.code, ())) or None
        if col == COL_NAME:
            return ind.definition or None
        if col == COL_VALUE:
            lo = "" if ind.min is None else ind.format(ind.min)
            hi = "" if ind.max is None else ind.format(ind.max)
            return self.tr("单位 {unit}，{decimals} 位小数，范围 {lo} – {hi}").format(
                unit=ind.unit or "-", decimals=ind.decimals, lo=lo, hi=hi)
        if col == COL_PRIOR and self.data_ and ind.code in self.data_.prior:
            return self.tr("{year}年的值").format(year=self.data_.prior[ind.code].year)
        return None

    def take_refused(self) -> str | None:
        """The text of the last edit refused as unreadable (then forgotten), or None."""
        text, self.refused_text = self.refused_text, None
        return text

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        self.refused_text = None
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.data_ is None:
            return False
        ind = self.indicator_at(index.row())
        if ind is not None and index.column() == COL_TARGET:
            return self.set_target(ind, value)
        if ind is None or index.column() not in (COL_VALUE, COL_NOTE):
            return False
        old_value, old_note = self.value_of(ind.code), self.note_of(ind.code)
        ry = self.data_
        if index.column() == COL_VALUE:
            try:
                new_value = self.services.parse_value(ind.code, value if value is not None else "",
                                                      where=self.tr("{region} {year}年 {name}").format(
                                                          region=ry.region.name, year=ry.year, name=ind.name))
            except InvalidValue as exc:
                self.refused_text = "" if value is None else str(value)
                self.edit_refused.emit(describe(exc))
                return False
            if new_value is not None:
                new_value = round(new_value, 10)
            new_note = old_note
        else:
            new_value, new_note = old_value, str(value or "").strip()
        if new_value == old_value and new_note == old_note:
            return False
        edit = Edit(ind.code, old_value, old_note, new_value, new_note)
        label = self.tr("修改 {name}").format(name=ind.name)
        return self.apply_edits([edit], "form", label)

    def set_target(self, ind: Indicator, text) -> bool:
        """Write the target of this region-year (supervisor or admin; not undoable: the audit keeps it)."""
        ry = self.data_
        try:
            self.services.set_target(ry.region.code, ry.year, ind.code, "" if text is None else str(text),
                                     source="form")
        except AppError as exc:
            if isinstance(exc, InvalidValue):
                self.refused_text = "" if text is None else str(text)
            self.edit_refused.emit(describe(exc))
            return False
        self.refresh()
        return True

    def absence_name(self, kind: str) -> str:
        return vocabulary.word("absence", kind)

    def mark_absent(self, codes: list[str], kind: str | None, reason: str = "") -> bool:
        """Mark the indicators 不适用 / 本年未统计 with one reason (kind None: remove their marks), through
        desktop.absent, as one undo step; False when refused (the red bar says why)."""
        ry = self.data_
        if ry is None or not codes:
            return False
        from desktop.absent import check_reason, set_absences

        try:
            if kind is not None:
                reason = check_reason(reason)
            before = {c: (self.absent[c].kind, self.absent[c].reason) if c in self.absent else None for c in codes}
            after = {c: (kind, reason) if kind is not None else None for c in codes}
            set_absences(self.services, ry.region.code, ry.year, after, "form")
        except AppError as exc:
            self.edit_refused.emit(describe(exc))
            return False
        self.refresh()
        label = (self.tr("标为{kind}：{n} 个指标").format(kind=self.absence_name(kind), n=len(codes)) if kind
                 else self.tr("取消标记：{n} 个指标").format(n=len(codes)))
        self.undo_stack.push(AbsenceCommand(self, ry.region.code, ry.year, before, after, label))
        return True

    def write_absences(self, region: str, year: int, states: dict, reason: str) -> None:
        from desktop.absent import set_absences

        try:
            set_absences(self.services, region, year, states, "form")
        except AppError as exc:
            self.edit_refused.emit(describe(exc))
            return
        if self.data_ is not None and (self.data_.region.code, self.data_.year) == (region, year):
            self.refresh()

    # ---- writing ----------------------------------------------------------------------------------
    def apply_edits(self, edits: list[Edit], source: str, label: str) -> bool:
        """Write the edits as one transaction and push them on the undo stack; False when refused."""
        ry = self.data_
        changes = [ValueChange(ry.region.code, ry.year, e.indicator, e.new_value, e.new_note) for e in edits]
        marks = {e.indicator: (self.absent[e.indicator].kind, self.absent[e.indicator].reason) for e in edits
                 if e.new_value is not None and e.indicator in self.absent}  # a value written takes the mark away
        if not self.write_back(ry.region.code, ry.year, changes, source, ""):
            return False
        self.undo_stack.push(EditCommand(self, ry.region.code, ry.year, edits, source, label, marks))
        return True

    def write_back(self, region: str, year: int, changes: list[ValueChange], source: str, reason: str) -> bool:
        try:
            self.services.apply_changes(changes, source, reason=reason)
        except AppError as exc:
            self.edit_refused.emit(describe(exc))
            return False
        if self.data_ is not None and (self.data_.region.code, self.data_.year) == (region, year):
            self.refresh()
        return True

    def paste(self, start_row: int, cells: list[str], column: int = COL_VALUE) -> bool:
        """Fill one column (本年, or 说明 when `column` is COL_NOTE) from start_row downward."""
        return self.paste_block(start_row, [[c] for c in cells], column)

    def paste_block(self, start_row: int, rows: list[list[str]], column: int = COL_VALUE) -> bool:
        """Write a block copied from Excel as it stands: its rows go down the indicators from start_row (section
        headings skipped), its columns onto 本年 and 说明 from `column` rightward. A block that does not fit
        that shape (more columns than the editable ones, rows of different widths, numbers that would land in
        说明, more rows than indicators) is refused with the reason; so is one unreadable cell. Nothing is then
        written, and a block is never reshaped into one column."""
        if self.data_ is None or not rows:
            return False
        refused = self._block_problem(start_row, rows, column)
        if refused:
            self.edit_refused.emit(refused + self.tr("：未粘贴任何数据"))
            return False
        columns = EDITABLE_ORDER[EDITABLE_ORDER.index(column):][:len(rows[0])]
        targets = [r.indicator for r in self.rows[max(start_row, 0):] if r.indicator is not None]
        edits, problems = [], []
        for pos, (line, ind) in enumerate(zip(rows, targets), start=1):
            old_value, old_note = self.value_of(ind.code), self.note_of(ind.code)
            value, note = old_value, old_note
            for text, col in zip(line, columns):
                if col == COL_NOTE:
                    note = text.strip()
                    continue
                try:
                    value = self.services.parse_value(ind.code, text, where=self.tr(
                        "粘贴的第 {n} 行（{name}）").format(n=pos, name=ind.name))
                except InvalidValue as exc:
                    problems.append(describe(exc))
                    continue
                value = None if value is None else round(value, 10)
            if (value, note) != (old_value, old_note):
                edits.append(Edit(ind.code, old_value, old_note, value, note))
        if problems:
            self.edit_refused.emit(self.tr("未粘贴任何数据：") + "\n" + "\n".join(problems))
            return False
        if not edits:
            return True
        if columns == [COL_NOTE]:
            label = self.tr("粘贴 {n} 条说明").format(n=len(rows))
        elif len(columns) > 1:
            label = self.tr("粘贴 {n} 行 × {m} 列").format(n=len(rows), m=len(columns))
        else:
            label = self.tr("粘贴 {n} 个数值").format(n=len(rows))
        return self.apply_edits(edits, "paste", label)

    def _block_problem(self, start_row: int, rows: list[list[str]], column: int) -> str:
        """Why the block cannot land as it stands from (start_row, column), or ""."""
        names = {COL_VALUE: self.tr("本年"), COL_NOTE: self.tr("说明")}
        if column not in EDITABLE_ORDER:
            return self.tr("只能粘贴到“本年”或“说明”列")
        widths = [len(r) for r in rows]
        if len(set(widths)) > 1:
            bad = next(i for i, w in enumerate(widths, start=1) if w != widths[0])
            return self.tr("复制的内容各行列数不同（第 1 行 {a} 列，第 {row} 行 {b} 列），不是一个整齐的表格块").format(
                a=widths[0], row=bad, b=widths[bad - 1])
        room = EDITABLE_ORDER[EDITABLE_ORDER.index(column):]
        if widths[0] > len(room):
            return self.tr("复制的内容有 {n} 列，从“{col}”列起只能粘贴 {cols} {m} 列（一个块不会被拆成一列）").format(
                n=widths[0], col=names[column], cols="、".join(names[c] for c in room), m=len(room))
        targets = [r for r in self.rows[max(start_row, 0):] if r.indicator is not None]
        if len(rows) > len(targets):
            return self.tr("复制的内容有 {n} 行，但当前行以下只有 {m} 个指标").format(n=len(rows), m=len(targets))
        for pos, col in enumerate(room[:widths[0]]):
            texts = [r[pos].strip() for r in rows if r[pos].strip()]
            if col == COL_NOTE and widths[0] > 1 and texts and all(_is_number(t) for t in texts):
                return self.tr("复制的内容第 {n} 列全是数字，却会落在“说明”列；看来多复制了一列数值").format(n=pos + 1)
        return ""


# the columns a pasted block fills, left to right (targets are typed, not pasted)
EDITABLE_ORDER = [COL_VALUE, COL_NOTE]


def _is_number(text: str) -> bool:
    from desktop.numbers import parse_value

    try:
        return parse_value(text) is not None
    except InvalidValue:
        return False


def clipboard_rows(text: str) -> list[list[str]]:
    """A block copied from Excel or WPS as rows of cells (tab separated cells, one line per row)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    if not text.strip():
        return []
    return [[cell.strip().strip('"') for cell in line.split("\t")] for line in text.split("\n")]


__all__ = ["FormModel", "Edit", "EditCommand", "clipboard_rows"]
