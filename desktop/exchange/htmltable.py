"""The tables of a web page saved as a workbook: the `导出.xls` many statistics and office systems write is an HTML
page with a <table> in it (Excel opens it, with a warning). Each table is read into the rows every reader gives
((row, [(column, value, percent)])) and its merged cells (rowspan, colspan) into merged ranges, so the layouts
of desktop.exchange.layouts read it as a sheet: a county's cell spanning its two years gives both rows its name,
and errors name cells as Excel shows them on opening the page (`导出!C5`).

Parsed by the standard library's html.parser (no entities but HTML's own, nothing fetched, nothing run); the
encoding from the page's meta charset (gb2312 and gbk read as GB18030), else UTF-8, else GB18030. A table inside
a table is a table of its own. Limits: the file size, rows and cells limits of desktop.exchange.safety.
"""

from __future__ import annotations

from html.parser import HTMLParser

from desktop.encodings import declared_charset
from desktop.exchange import safety
from desktop.exchange.texttable import decode
from desktop.phrases import Phrase

MAX_SPAN = 1000  # a colspan or rowspan beyond this is taken as 1 (a hostile page's 10^9)
MAX_TABLES = 10_000  # tables in one page (a hostile page's millions of <table> tags would each hold memory)
MAX_DEPTH = 50  # tables inside tables


def _span(value) -> int:
    return int(value) if isinstance(value, str) and value.strip().isdigit() and 1 <= int(value) <= MAX_SPAN else 1


class _Table:
    def __init__(self):
        self.rows: list[tuple[int, list[tuple[int, object, bool]]]] = []
        self.merged: list[tuple[int, int, int, int]] = []
        self.taken: set[tuple[int, int]] = set()  # cells covered by a rowspan from a row above
        self.r = 0  # the current row, 1-based; 0 before the first <tr>
        self.c = 0  # the last column used in the current row
        self.cells: list[tuple[int, object, bool]] = []
        self.cell: list[str] | None = None
        self.span = (1, 1)  # the open cell's rows and columns

    def start_row(self) -> None:
        self.end_row()
        self.r += 1
        self.c = 0

    def start_cell(self, rows: int, cols: int) -> None:
        self.end_cell()
        if self.r == 0:
            self.start_row()
        self.cell, self.span = [], (rows, cols)

    def end_cell(self) -> None:
        if self.cell is None:
            return
        text = " ".join("".join(self.cell).split())
        col = self.c + 1
        while (self.r, col) in self.taken:
            col += 1
        rows, cols = self.span
        if rows > 1 or cols > 1:
            self.merged.append((self.r, col, self.r + rows - 1, col + cols - 1))
            for r in range(self.r, self.r + rows):
                for c in range(col, col + cols):
                    if r > self.r:
                        self.taken.add((r, c))
        if text:
            self.cells.append((col, text, False))
        self.c = col + cols - 1
        self.cell = None

    def end_row(self) -> None:
        self.end_cell()
        if self.cells:
            self.rows.append((self.r, self.cells))
        self.cells = []


class _Parser(HTMLParser):
    _SKIP = {"script", "style", "head", "title", "noscript", "template"}

    def __init__(self, name: str):
        super().__init__(convert_charrefs=True)
        self.name = name
        self.open: list[_Table] = []
        self.done: list[_Table] = []
        self.skipping = 0
        self.budget = safety.MAX_CELLS

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self.skipping += 1
        elif tag == "table":
            if len(self.open) >= MAX_DEPTH or len(self.open) + len(self.done) >= MAX_TABLES:
                raise safety.UnsafeFile(self.name, Phrase("网页中的表格过多或嵌套过深（上限 {tables} 个、{depth} 层），拒绝读取",
                                                          tables=str(MAX_TABLES), depth=str(MAX_DEPTH)))
            self.open.append(_Table())
        elif not self.open:
            return
        elif tag == "tr":
            self.open[-1].start_row()
        elif tag in ("td", "th"):
            a = dict(attrs)
            table = self.open[-1]
            rows, cols = _span(a.get("rowspan")), _span(a.get("colspan"))
            table.start_cell(rows, cols)
            self.budget -= rows * cols  # the cells a span covers count, so a page of huge spans is refused
            if self.budget < 0:
                raise safety.UnsafeFile(self.name, Phrase("网页表格超过 {cells} 个单元格，拒绝读取", cells=str(safety.MAX_CELLS)))
            if table.r > safety.MAX_ROWS:
                raise safety.UnsafeFile(self.name, Phrase("网页表格超过 {rows} 行，拒绝读取", rows=str(safety.MAX_ROWS)))
        elif tag == "br" and self.open[-1].cell is not None:
            self.open[-1].cell.append(" ")

    def handle_endtag(self, tag):
        if tag in self._SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif not self.open:
            return
        elif tag == "table":
            table = self.open.pop()
            table.end_row()
            self.done.append(table)
        elif tag in ("td", "th"):
            self.open[-1].end_cell()
        elif tag == "tr":
            self.open[-1].end_row()

    def handle_data(self, data):
        if self.open and not self.skipping and self.open[-1].cell is not None:
            self.open[-1].cell.append(data)


def read_tables(data: bytes, name: str, stem: str) -> list[tuple[str, bool, list, list]]:
    """The page's tables as sheets (title, visible, rows, merged ranges): one table is named after the file,
    several `stem_表1`, `stem_表2` … in the order they end; a page without a table of two rows is refused."""
    parser = _Parser(name)
    parser.feed(decode(data, name, declared_charset(data)))
    parser.close()
    while parser.open:  # a page cut off inside a table
        table = parser.open.pop()
        table.end_row()
        parser.done.append(table)
    tables = [t for t in parser.done if len(t.rows) >= 2]
    if not tables:
        raise safety.UnsafeFile(name, Phrase("这是网页（HTML）文件，其中没有表格；请在 Excel 中打开并另存为 .xlsx 后再导入"))
    if len(tables) == 1:
        return [(stem, True, tables[0].rows, tables[0].merged)]
    return [(f"{stem}_表{i}", True, t.rows, t.merged) for i, t in enumerate(tables, start=1)]
