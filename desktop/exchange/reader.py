"""Reading exchange workbooks: safe opening, choosing sheets, finding the header, streaming the cells.

Reading path (decision): openpyxl opens the workbook in read-only mode (workbook part, shared strings, styles,
all parsed through defusedxml); the cells of each sheet are streamed by desktop.exchange.sheetxml (expat,
DTDs and entities refused), which yields each cell's value and style id.
- python-calamine reads the same cells about 12× faster, but gives values without number formats, and the
  design's percent rule needs them (a cell showing 65.35% holds 0.6535 and means 65.35): from calamine a
  clerk's "65.35%" would silently become 0.65. So openpyxl opens the file, and the style id of each cell
  maps to its number format through a set of "percent" style ids computed once per workbook.
- `ReadOnlyWorksheet.iter_rows` pads rows up to the sheet's declared dimension and builds a cell object per
  cell; a hostile file declaring A1:XFD1048576 would make it yield a million empty rows. The stream yields
  only the rows that exist. openpyxl's own worksheet parser (`WorkSheetParser`) does too, but through
  defusedxml's pure-Python ElementTree parser, 2–3× slower than expat callbacks: with it, an import of a
  province workbook (read + checks + one transaction with 50,000 audit rows) came to 1.8× openpyxl's bare
  read-only floor, over the 1.5× budget; see sheetxml's docstring.
- data_only semantics: a formula cell gives the value Excel or LibreOffice cached when saving (a formula
  without a cached value, as openpyxl itself writes them, is marked UNCALCULATED and refused by the importer).
Limits: rows and cells per workbook are counted while streaming (safety.MAX_ROWS, safety.MAX_CELLS).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from desktop.errors import AppError
from desktop.exchange import safety
from desktop.exchange.format import HEADER, is_percent_format, sheet_kind
from desktop.exchange.layouts import Cell
from desktop.exchange.sheetxml import UnsafeXml, declared_dimension, iter_rows
from desktop.phrases import Phrase, enumeration, reason_of


class ImportCancelled(AppError):
    def __init__(self):
        super().__init__("导入已取消，未写入任何数据")


@dataclass
class SheetData:
    title: str
    kind: str  # "data" or "target"
    header_row: int
    columns: dict[str, int]
    rows: list[tuple[int, dict[str, Cell]]] = field(default_factory=list)
    layout: str = "long"  # "long", "years" (indicators × years), "indicators" (regions × indicators)
    totals: list = field(default_factory=list)  # rows of totals passed over (desktop.exchange.layouts.Table)
    column_totals: list = field(default_factory=list)  # columns of totals passed over (the same)


@dataclass
class SheetProblem:
    sheet: str
    cell: str
    message: str


@dataclass
class TableData:
    """A sheet of format version 2 (状态, 退回意见): header in row 1, one record per row."""

    title: str
    columns: dict[str, int]
    rows: list[tuple[int, dict[str, object]]] = field(default_factory=list)


@dataclass
class WorkbookData:
    sheets: list[SheetData] = field(default_factory=list)
    info: dict[str, object] = field(default_factory=dict)
    problems: list[SheetProblem] = field(default_factory=list)
    notices: list[SheetProblem] = field(default_factory=list)  # rows read past on purpose (a 合计 row)
    status: TableData | None = None
    review: TableData | None = None
    absent: TableData | None = None  # 不适用标记 (None: a file written before marks travelled)


HEADER_SCAN_ROWS = 10


def _number_format_of(wb, style) -> str:
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    fid = style.numFmtId
    if fid < BUILTIN_FORMATS_MAX_SIZE:
        return BUILTIN_FORMATS.get(fid, "General")
    try:
        return wb._number_formats[fid - BUILTIN_FORMATS_MAX_SIZE]
    except IndexError:
        return "General"


def _percent_styles(wb) -> frozenset[int]:
    return frozenset(i for i, style in enumerate(wb._cell_styles) if is_percent_format(_number_format_of(wb, style)))


def _declared_size(self) -> None:
    """ReadOnlyWorksheet._get_size, reading only up to <sheetData> (sheetxml.declared_dimension)."""
    src = self._get_source()
    try:
        dims = declared_dimension(src)
    finally:
        src.close()
    if dims is not None:
        self._min_column, self._min_row, self._max_column, self._max_row = dims


def _open(path: Path, name: str):
    import openpyxl
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    # openpyxl looks for a sheet's size by parsing the whole sheet when it declares none (21 s for a
    # million rows; a 280 MB cell built whole): it is read from the sheet's head only, so that a sheet without
    # a declared size is still refused or read within the bounds of desktop.exchange.safety
    ReadOnlyWorksheet._get_size = _declared_size
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except UnsafeXml as exc:
        raise safety.UnsafeFile(name, Phrase("工作簿中含有不安全的XML（DTD或实体定义），拒绝读取")) from exc
    except Exception as exc:  # openpyxl raises many kinds on a damaged or hostile file
        raise _translate(exc, name) from exc


def _translate(exc: Exception, name: str) -> AppError:
    if isinstance(exc, AppError):
        return exc
    kind = type(exc).__name__
    # openpyxl wraps what defusedxml raised in a ValueError ("Unable to read workbook ... from e"): look down the chain
    seen, cause = set(), exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if type(cause).__name__ in safety.UNSAFE_XML:
            return safety.xml_refused(name, cause, "")
        cause = cause.__cause__ or cause.__context__
    if isinstance(exc, MemoryError):
        return safety.UnsafeFile(name, "工作簿过大，内存不足，拒绝读取")
    detail = " ".join(str(exc).split())[:120]  # one line: openpyxl's messages span several
    # the traceback goes to the log: a fault of the program's own would otherwise pass for a damaged file
    import logging

    logging.getLogger(__name__).info("%s was refused as damaged", name, exc_info=exc)  # not on a command's stderr
    return safety.UnsafeFile(name, Phrase("工作簿已损坏或格式不受支持，无法读取（{kind}：{detail}）", kind=kind, detail=detail))


def _rows(wb, ws, budget: list[int], name: str, cancelled: Callable[[], bool] | None,
          progress: Callable[[int, int], None] | None = None):
    """(row index, [(column, value, style id)]) of the rows that exist, counting cells against the budget."""
    if ws.max_row is not None and ws.max_row > safety.MAX_ROWS:
        raise safety.UnsafeFile(name, Phrase("工作表“{sheet}”声明了 {n} 行，超过上限 {rows} 行，拒绝读取", sheet=ws.title,
                                             n=str(ws.max_row), rows=str(safety.MAX_ROWS)))
    with ws._get_source() as src:
        n = 0
        try:
            for idx, cells in iter_rows(src, ws._shared_strings, wb._date_formats, wb.epoch,
                                        wb._timedelta_formats):
                n += 1
                budget[0] -= len(cells)
                if budget[0] < 0 or idx > safety.MAX_ROWS:
                    raise safety.UnsafeFile(name, Phrase("工作表“{sheet}”过大（超过 {rows} 行或工作簿超过 {cells} 个单元格），拒绝读取",
                                                         sheet=ws.title, rows=str(safety.MAX_ROWS), cells=str(safety.MAX_CELLS)))
                # the text a reader may keep (a shared string counts each time it is used)
                budget[1] += sum(len(v) for _c, v, _s in cells if isinstance(v, str))
                if budget[1] > safety.MAX_TEXT_CHARS:
                    raise safety.UnsafeFile(name, Phrase("工作表“{sheet}”的文字合计超过 {limit} 个字符（到第 {row} 行），拒绝读取",
                                                         sheet=ws.title, limit=str(safety.MAX_TEXT_CHARS), row=str(idx)))
                if n % 2000 == 0:
                    if cancelled is not None and cancelled():
                        raise ImportCancelled()
                    if progress is not None:
                        progress(idx, ws.max_row or 0)
                yield idx, cells
        except UnsafeXml as exc:
            raise safety.UnsafeFile(name, Phrase("工作表“{sheet}”：{reason}", sheet=ws.title, reason=reason_of(exc))) from exc


def _missing(columns: dict[str, int]) -> str:
    need = []
    if "region_code" not in columns and "region_name" not in columns:
        need.append(f"{HEADER['region_code']}或{HEADER['region_name']}")
    if "year" not in columns:
        need.append(HEADER["year"])
    if "indicator_code" not in columns and "indicator_name" not in columns:
        need.append(f"{HEADER['indicator_code']}或{HEADER['indicator_name']}")
    if "value" not in columns and "target" not in columns:
        need.append(HEADER["value"])
    return "、".join(need)


def _no_indicator(_text: str) -> bool:
    return False


def _no_region(_text: str) -> str | None:
    return None


def no_table_found() -> str:
    """Why a workbook with no sheet named 数据 gave nothing: no sheet has a header the program knows."""
    return Phrase("找不到数据表：没有一个工作表的前{n}行中有可识别的表头。交换格式为名为“数据”的工作表，"
                  "表头至少包含{need}；也可按“指标×年份”“地区×指标”“指标×地区”或“年份×指标”排列，指标名称按目录填写",
                  n=HEADER_SCAN_ROWS, need=_missing({}))


def take_table(table, title: str, out: "WorkbookData", required: bool) -> None:
    """Put one sheet's table (desktop.exchange.layouts) into `out`: its rows, or why it has none."""
    if table is None:
        if required:
            names = enumeration(HEADER[k] for k in ("region_code", "region_name", "year", "indicator_code",
                                                    "indicator_name", "unit", "value", "note"))
            out.problems.append(SheetProblem(title, "A1", Phrase(
                "找不到表头（前{n}行中没有包含{need}的行；交换格式的列为：{names}；"
                "也可按“指标×年份”“地区×指标”“指标×地区”或“年份×指标”排列）", n=HEADER_SCAN_ROWS, need=_missing({}),
                names=names)))
        return
    for cell, message in table.problems:
        out.problems.append(SheetProblem(title, cell, message))
    for cell, message in table.notices:
        out.notices.append(SheetProblem(title, cell, message))
    if table.problems and not table.rows:
        return
    sheet = SheetData(title, table.kind, table.header_row, table.columns, table.rows, table.layout, table.totals,
                      table.column_totals)
    out.sheets.append(sheet)


def _read_sheet(wb, ws, kind: str, name: str, budget, percent, out: WorkbookData, cancelled, required: bool,
                progress=None, is_indicator=_no_indicator, find_region=_no_region, is_region=_no_indicator):
    from desktop.exchange.layouts import read_table

    def merged():
        from desktop.exchange.sheetxml import merged_ranges

        with ws._get_source() as src:
            return merged_ranges(src)

    table = read_table(ws.title, kind, _rows(wb, ws, budget, name, cancelled, progress), is_indicator, find_region,
                       percent.__contains__, HEADER_SCAN_ROWS, name, is_region, merged)
    take_table(table, ws.title, out, required)


# rows as every reader gives them (.xlsx here, .xls and .ods in desktop.exchange.legacy): (row number,
# [(column, value, style or percent flag)]), rows without a value left out

def info_from(rows) -> dict[str, object]:
    """The sheet 说明: a name and its value, the first two cells of each of its first 50 rows."""
    info: dict[str, object] = {}
    for idx, cells in rows:
        if idx > 50:
            break
        vals = [value for _col, value, _style in sorted(cells, key=lambda c: c[0])]
        if len(vals) >= 2 and isinstance(vals[0], str):
            info[vals[0].strip()] = vals[1]
    return info


def keyed_table_from(title: str, kind: str, rows) -> TableData:
    """A sheet 状态, 退回意见 or 不适用标记 (`kind` status, review, absent) read by its headings: the first row with
    a known heading gives the columns, every later row with a value in them is a line."""
    from desktop.exchange.format import _norm
    from desktop.exchange.status import ABSENT_COLUMNS, REVIEW_COLUMNS, STATUS_COLUMNS

    headers = {"status": STATUS_COLUMNS, "review": REVIEW_COLUMNS, "absent": ABSENT_COLUMNS}[kind]
    lookup = {_norm(h): key for key, names in headers.items() for h in names}
    table = None
    by_col: dict[int, str] = {}
    for idx, cells in rows:
        if table is None:
            columns = {}
            for column, value, _style in cells:
                key = lookup.get(_norm(value)) if isinstance(value, str) else None
                if key is not None and key not in columns:
                    columns[key] = column
            if columns:
                table = TableData(title, columns)
                by_col = {c: k for k, c in columns.items()}
            continue
        row = {by_col[c]: v for c, v, _s in cells if c in by_col and v is not None and not (isinstance(v, str) and not v.strip())}
        if row:
            table.rows.append((idx, row))
    return table or TableData(title, {})


def read_workbook(path: str | Path, progress: Callable[[int, int], None] | None = None,
                  cancelled: Callable[[], bool] | None = None, is_indicator: Callable[[str], bool] = _no_indicator,
                  find_region: Callable[[str], str | None] = _no_region,
                  is_region: Callable[[str], bool] = _no_indicator) -> WorkbookData:
    """The data and target sheets of one .xlsx workbook (desktop.exchange.books reads .xls and .ods too);
    raises UnsafeFile when it cannot be read safely. `is_indicator(text)` and `find_region(text)` let the
    wide layouts be told from their headers and titles, `is_region(text)` a heading that names a region
    (鹿城区, 鹿城) from one that does not (desktop.exchange.layouts).

    Problems a clerk can fix in the file (no header, duplicate header) come back in `problems`.
    """
    path = Path(path)
    name = path.name
    safety.check_defusedxml()
    safety.check_file(path)
    wb = _open(path, name)
    out = WorkbookData()
    try:
        percent = _percent_styles(wb)
        budget = [safety.MAX_CELLS, 0]  # cells left, text characters kept
        chosen = []
        for ws in wb.worksheets:
            if not hasattr(ws, "_get_source"):
                continue  # chartsheets
            kind = sheet_kind(ws.title)
            if kind == "info":
                out.info = info_from(_rows(wb, ws, budget, name, cancelled))
            elif kind in ("status", "review", "absent"):
                setattr(out, kind, keyed_table_from(ws.title, kind, _rows(wb, ws, budget, name, cancelled)))
            elif kind in ("data", "target"):
                chosen.append((ws, kind, True))
        if not chosen:
            # no sheet named 数据/目标 (e.g. a CSV saved as .xlsx by LibreOffice): every visible sheet with a header
            chosen = [(ws, "data", False) for ws in wb.worksheets
                      if hasattr(ws, "_get_source") and sheet_kind(ws.title) is None and ws.sheet_state == "visible"]
        for ws, kind, required in chosen:
            _read_sheet(wb, ws, kind, name, budget, percent, out, cancelled, required, progress, is_indicator,
                        find_region, is_region)
        if not out.sheets and not out.problems:
            out.problems.append(SheetProblem("", "", no_table_found()))
    except (AppError, ImportCancelled):
        raise
    except Exception as exc:
        raise _translate(exc, name) from exc
    finally:
        wb.close()
    return out


__all__ = ["read_workbook", "WorkbookData", "SheetData", "Cell", "ImportCancelled"]
