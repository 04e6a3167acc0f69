"""从报告文本提取: paste or open a report, tick the figures to take, write them as one audited change."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import AppError
from desktop.extract.service import period_note
from desktop.ui import file_dialogs
from desktop.ui.messages import show_error
from desktop.ui.screen import resize_within_screen

# texts longer than this are read off the GUI thread (a year's report is a tenth of it)
BACKGROUND_CHARS = 300_000

COL_TAKE, COL_NAME, COL_VALUE, COL_UNIT, COL_YEAR, COL_STORED, COL_CHECK, COL_TEXT = range(8)
COLUMNS = 8
SENTENCE_COLOR = QColor(255, 243, 176)
FIGURE_COLOR = QColor(255, 196, 77)
DIFFERENT_COLOR = QColor(200, 90, 0)
DISAGREE_BACKGROUND = QColor(255, 226, 214)


def _qt_offset(text: str, index: int) -> int:
    """A Python string index as a Qt text position (UTF-16 code units)."""
    return len(text[:index].encode("utf-16-le")) // 2


def _excerpt(text: str, figure: str, before: int = 22, after: int = 10) -> str:
    """The words just before the figure and the figure itself: what the clerk checks at a glance."""
    i = text.find(figure) if figure else -1
    if i < 0:
        return text
    lo, hi = max(0, i - before), min(len(text), i + len(figure) + after)
    return ("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else "")


class ProposalModel(QAbstractTableModel):
    """The proposals, a check box each, the stored value beside and the cross-check of the two."""

    checks_changed = Signal()

    def __init__(self, indicators: dict, parent=None):
        super().__init__(parent)
        self.indicators = indicators
        self.rows: list = []
        self.checked: list[bool] = []

    def headers(self) -> list[str]:
        return [self.tr("采用"), self.tr("指标"), self.tr("数值"), self.tr("单位"), self.tr("年份"),
                self.tr("库中现值"), self.tr("核对"), self.tr("原文")]

    def set_rows(self, rows: list) -> None:
        """New proposals; ticked where the store has no value yet, and only the first of one indicator-year."""
        self.beginResetModel()
        self.rows = list(rows)
        seen = set()
        self.checked = []
        for r in self.rows:
            key = (r.proposal.indicator, r.proposal.year)
            self.checked.append(r.stored is None and key not in seen)
            seen.add(key)
        self.endResetModel()
        self.checks_changed.emit()

    def chosen(self) -> list:
        return [r.proposal for r, c in zip(self.rows, self.checked) if c]

    def set_all(self, checked: bool) -> None:
        if not self.rows:
            return
        self.checked = [checked] * len(self.rows)
        self.dataChanged.emit(self.index(0, COL_TAKE), self.index(len(self.rows) - 1, COL_TAKE),
                              [Qt.ItemDataRole.CheckStateRole])
        self.checks_changed.emit()

    # ---- Qt model interface
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else COLUMNS

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < COLUMNS:
            return self.headers()[section]
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == COL_TAKE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        p, col = row.proposal, index.column()
        ind = self.indicators.get(p.indicator)
        fmt = ind.format if ind is not None else (lambda v: f"{v:g}")
        if role == Qt.ItemDataRole.CheckStateRole and col == COL_TAKE:
            return Qt.CheckState.Checked if self.checked[index.row()] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_NAME:
                return ind.name if ind is not None else p.indicator
            if col == COL_VALUE:
                return fmt(p.value)
            if col == COL_UNIT:
                return p.unit
            if col == COL_YEAR:
                return f"{p.year}（{p.period}）" if p.period else str(p.year)
            if col == COL_STORED:
                if row.stored is None:
                    return "—"
                return self.tr("{value}（相同）").format(value=fmt(row.stored)) if row.same else fmt(row.stored)
            if col == COL_CHECK:
                return self._check_text(row)
            if col == COL_TEXT:
                return _excerpt(p.text, p.figure)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_TEXT:
                return p.text
            if col == COL_NAME:
                return p.indicator
            if col == COL_YEAR and p.period:
                return self.tr("只是一年中的一部分：写入时附说明“{note}”").format(note=period_note(p))
            if col == COL_STORED and row.differs:
                return self.tr("库中已有不同的数值；勾选后将被替换")
            if col == COL_CHECK and row.differs:
                return self.tr("报告中为 {report}，库中为 {stored}：报告与库中数据不一致，请核实哪一个正确").format(
                    report=fmt(p.value), stored=fmt(row.stored))
            return None
        if role == Qt.ItemDataRole.ForegroundRole and col in (COL_STORED, COL_CHECK) and row.differs:
            return QBrush(DIFFERENT_COLOR)
        if role == Qt.ItemDataRole.BackgroundRole and col == COL_CHECK and row.differs:
            return QBrush(DISAGREE_BACKGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_VALUE, COL_STORED, COL_YEAR):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _check_text(self, row) -> str:
        """The cross-check of the report's figure against the stored one, in words."""
        if row.stored is None:
            return ""
        if row.same:
            return self.tr("一致")
        if row.difference is None:
            return self.tr("不一致")
        return self.tr("不一致（{diff}）").format(diff=f"{row.difference * 100:+.1f}%")

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != COL_TAKE or role != Qt.ItemDataRole.CheckStateRole:
            return False
        if not 0 <= index.row() < len(self.rows):
            return False
        state = value.value if hasattr(value, "value") else value
        self.checked[index.row()] = state == Qt.CheckState.Checked.value
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checks_changed.emit()
        return True


class ExtractDialog(QDialog):
    """ExtractDialog(services, region_code, year, parent): text in, proposals out, ticked ones written."""

    values_written = Signal(int)

    def __init__(self, services, region_code: str, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        if not region_code:
            raise AppError(self.tr("请先在左侧选择一个地区，再从报告文本提取"))
        self.region = services.region(region_code)
        self.year = int(year)
        self.written = 0
        self._extracted_text: str | None = None
        self.setWindowTitle(self.tr("从报告文本提取"))
        resize_within_screen(self, 1000, 680)

        self.heading = QLabel(self.tr("{region} {year}年：粘贴年度报告的文字，或打开 .txt / .docx / .doc / .wps / .rtf / .pdf / .ofd / .html / .mht 文件，"
                                      "再点“提取”。计划、目标、约数和其他地方的数值不会提取；“核对”一栏标出与库中"
                                      "不一致的数值。请逐条核对后勾选写入。")
                              .format(region=self.region.name, year=self.year))
        self.heading.setWordWrap(True)
        self.source = QPlainTextEdit()
        self.source.setPlaceholderText(self.tr("在此粘贴报告文本"))
        self.open_button = QPushButton(self.tr("打开文件…"))
        self.extract_button = QPushButton(self.tr("提取"))
        self.model = ProposalModel({i.code: i for i in services.indicators(include_hidden=True)}, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        self.sentence_view = QTextBrowser()
        self.sentence_view.setMaximumHeight(80)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.all_button = QPushButton(self.tr("全选"))
        self.none_button = QPushButton(self.tr("全不选"))
        self.buttons = QDialogButtonBox()
        self.commit_button = self.buttons.addButton(self.tr("写入所选"), QDialogButtonBox.ButtonRole.ApplyRole)
        self.close_button = self.buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)

        top = QHBoxLayout()
        top.addWidget(self.open_button)
        top.addWidget(self.extract_button)
        top.addStretch(1)
        source_box = QWidget()
        source_layout = QVBoxLayout(source_box)
        source_layout.setContentsMargins(0, 0, 0, 0)
        source_layout.addLayout(top)
        source_layout.addWidget(self.source)
        result_box = QWidget()
        result_layout = QVBoxLayout(result_box)
        result_layout.setContentsMargins(0, 0, 0, 0)
        result_layout.addWidget(self.table, 3)
        result_layout.addWidget(self.sentence_view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(source_box)
        splitter.addWidget(result_box)
        splitter.setSizes([260, 420])
        bottom = QHBoxLayout()
        bottom.addWidget(self.all_button)
        bottom.addWidget(self.none_button)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self._connect_signals()
        self._update_buttons()

    def _connect_signals(self) -> None:
        self.open_button.clicked.connect(lambda: self.open_file())
        self.extract_button.clicked.connect(self.run_extraction)
        self.commit_button.clicked.connect(self.commit)
        self.close_button.clicked.connect(self.reject)
        self.all_button.clicked.connect(lambda: self.model.set_all(True))
        self.none_button.clicked.connect(lambda: self.model.set_all(False))
        self.model.checks_changed.connect(self._update_buttons)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self.highlight(cur.row()))
        self.source.textChanged.connect(self._text_changed)

    # ---- asking (patched in tests)
    @classmethod
    def ask(cls, services, region_code: str, year: int, parent: QWidget | None = None, text: str | None = None) -> int:
        """Open the dialog (with `text` already extracted, if given); returns how many values were written."""
        dialog = cls(services, region_code, year, parent)
        if text:
            dialog.set_text(text)
            dialog.run_extraction()
        dialog.exec()
        return dialog.written

    def ask_open_path(self) -> str | None:
        path = file_dialogs.open_file_name(self, self.tr("打开报告"), "",
                                           self.tr("报告 (*.txt *.docx *.doc *.wps *.rtf *.pdf *.ofd *.html *.htm *.mht *.mhtml);;所有文件 (*)"))
        return path or None

    # ---- actions
    def set_text(self, text: str) -> None:
        self.source.setPlainText(text)

    def open_file(self, path: str | None = None) -> bool:
        """Load a .txt, .docx, .doc, .wps, .rtf, .pdf, .ofd, .html or .mht into the text box and extract at once;
        False when nothing was loaded. The file is read off the GUI thread: a 70-page PDF takes two seconds, and
        its size says little (313 KB); the progress dialog shows only after half a second."""
        from desktop.extract import read_text_file
        from desktop.ui.jobs import Cancelled, run_job

        path = path or self.ask_open_path()
        if not path:
            return False
        try:
            try:
                text = run_job(self, self.services, self.tr("正在读取文件…"),
                               lambda _s, _progress, _cancelled: read_text_file(path))
            except Cancelled:
                return False
        except AppError as exc:
            show_error(self, exc)
            return False
        self.set_text(text)
        self.run_extraction()
        return True

    def run_extraction(self) -> None:
        from desktop.extract.service import propose_all

        text = self.source.toPlainText()
        if not text.strip():
            self.model.set_rows([])
            self._extracted_text = None
            self.status.setText(self.tr("请先粘贴报告文本或打开文件"))
            return
        region, year = self.region.code, self.year
        try:
            if len(text) > BACKGROUND_CHARS:
                from desktop.ui.jobs import Cancelled, run_job

                try:
                    found = run_job(self, self.services, self.tr("正在提取…"),
                                    lambda s, progress, cancelled: propose_all(s, text, region, year, progress,
                                                                               cancelled))
                except Cancelled:
                    return
            else:
                found = propose_all(self.services, text, region, year)
        except AppError as exc:
            show_error(self, exc)
            return
        rows = found.rows
        self._extracted_text = text
        self.model.set_rows(rows)
        self.sentence_view.clear()
        self.source.setExtraSelections([])
        if rows:
            message = self.tr("找到 {n} 条建议值，已勾选库中尚无数值的 {k} 条").format(
                n=len(rows), k=len(self.model.chosen()))
            if found.disagreeing:
                message += self.tr("；{d} 条与库中数值不一致，请核对").format(d=len(found.disagreeing))
            self.table.selectRow(0)
        else:
            message = self.tr("没有提取到数值：{why}").format(why=self._reason_text(found.reason))
        from desktop.extract.service import year_warning

        warning = year_warning(text, self.year)
        self.status.setText(message + ("；" + warning if warning else ""))
        self._update_buttons()

    def _reason_text(self, reason: str) -> str:
        """Why the text gave nothing, in the window's language (the core's reason key)."""
        texts = {
            "empty": self.tr("文本是空的"),
            "unreadable": self.tr("文本中几乎没有可识别的汉字（可能是乱码、扫描件或无法识别的字体编码）"),
            "plan": self.tr("文本中的数值都是计划或目标"),
            "place": self.tr("文本中的数值都属于其他地方（全国、全省、所在的市或其他市县），不是{region}的").format(
                region=self.region.name),
            "year": self.tr("文本中没有{year}年的数值（只有其他年份或规划时期的）").format(year=self.year),
            "range": self.tr("找到的数值超出了指标的合理范围"),
        }
        return texts.get(reason, self.tr("文本中没有找到指标目录中的指标及其数值"))

    def highlight(self, row: int) -> None:
        """Mark the proposal's sentence (and its figure) in the text and show the sentence below the table."""
        if not 0 <= row < len(self.model.rows) or self._extracted_text is None:
            self.source.setExtraSelections([])
            self.sentence_view.clear()
            return
        p = self.model.rows[row].proposal
        text = self._extracted_text
        selections = []
        for start, end, color in ((p.start, p.end, SENTENCE_COLOR), (p.value_start, p.value_end, FIGURE_COLOR)):
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.source.document())
            cursor.setPosition(_qt_offset(text, start))
            cursor.setPosition(_qt_offset(text, end), QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            fmt.setBackground(QBrush(color))
            sel.cursor, sel.format = cursor, fmt
            selections.append(sel)
        self.source.setExtraSelections(selections)
        view = QTextCursor(self.source.document())
        view.setPosition(_qt_offset(text, p.value_start))
        self.source.setTextCursor(view)
        self.source.ensureCursorVisible()
        self.sentence_view.setHtml(self._sentence_html(p))

    @staticmethod
    def _sentence_html(p) -> str:
        from html import escape

        figure = p.figure
        i = p.text.find(figure) if figure else -1
        if i < 0:
            return escape(p.text)
        return (escape(p.text[:i]) + f"<span style='background:{FIGURE_COLOR.name()};font-weight:bold'>"
                + escape(figure) + "</span>" + escape(p.text[i + len(figure):]))

    def commit(self) -> int:
        """Write the ticked proposals as one change (source extraction); returns how many values changed."""
        from desktop.extract.service import take

        chosen = self.model.chosen()
        if not chosen:
            self.status.setText(self.tr("没有勾选任何数值"))
            return 0
        try:
            n = take(self.services, self.region.code, chosen)
        except AppError as exc:
            show_error(self, exc)
            return 0
        self.written += n
        self.values_written.emit(n)
        text = self._extracted_text
        self.run_extraction()  # the stored values beside are now the new ones
        if text is not None:
            self.status.setText(self.tr("已写入 {n} 个数值（来源：报告文本提取）").format(n=n))
        return n

    # ---- state
    def _text_changed(self) -> None:
        if self._extracted_text is not None and self.source.toPlainText() != self._extracted_text:
            # positions refer to the text as it was: stale proposals must not be written
            self._extracted_text = None
            self.model.set_rows([])
            self.source.setExtraSelections([])
            self.sentence_view.clear()
            self.status.setText(self.tr("文本已修改，请重新点“提取”"))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.commit_button.setEnabled(bool(self.model.chosen()))
        has_rows = bool(self.model.rows)
        self.all_button.setEnabled(has_rows)
        self.none_button.setEnabled(has_rows)
