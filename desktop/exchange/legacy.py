"""Workbooks that are not .xlsx: Excel 97-2003 (.xls) through xlrd, OpenDocument (.ods) through defusedxml, and
tables saved as text (.csv, desktop.exchange.texttable), as a web page (desktop.exchange.htmltable) or as Excel
2003's XML spreadsheet (desktop.exchange.xmlss).

Both are turned into the same rows the .xlsx path streams ((row, [(column, value, percent)])), and read by the
same layouts (desktop.exchange.layouts) and sheet rules, so their errors name the same cells (`数据!G14`).
- .xls: xlrd (maintained, reads BIFF only) with formatting_info, so each cell's number format is known: a
  cell shown as 65.35% holds 0.6535 and is read as 65.35, as in .xlsx (the percent rule). Dates become
  datetimes (refused as numbers with the usual message), error cells their Excel text (#DIV/0!).
  An encrypted or damaged file is refused with the reason.
- .ods: content.xml is parsed by defusedxml (DTDs, entities and external references refused) after the zip
  passes the same size and ratio limits as an .xlsx; a `percentage` cell is a percentage; repeated empty rows
  and columns (LibreOffice writes a million) cost nothing.
Limits: the file size, rows and cells limits of desktop.exchange.safety.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Callable

from desktop import compound
from desktop.db.store import refuse_store_file
from desktop.exchange import safety
from desktop.exchange.format import is_percent_format, sheet_kind
from desktop.exchange.layouts import read_table
from desktop.exchange.xmlss import is_spreadsheet_xml, read_sheets
from desktop.zips import ZIP_ERRORS
from desktop.exchange.reader import (
    HEADER_SCAN_ROWS,
    ImportCancelled,
    SheetProblem,
    WorkbookData,
    info_from,
    keyed_table_from,
    no_table_found,
    take_table,
)
from desktop.phrases import Phrase

ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"


# compound (OLE2) files that are no workbook: refused by desktop.exchange.safety with what they are
NOT_WORKBOOKS = (".doc", ".dot", ".wps", ".wpt", ".ppt", ".pps", ".dps", ".msg", ".vsd", ".pub")
ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")  # a password-protected .xlsx is an OLE2 file holding it


TEXT_TABLES = (".csv", ".tsv", ".txt")


def kind_of(path: Path) -> str | None:
    """'xls', 'ods', 'csv', 'html' or 'xmlss' for a workbook this module reads (by its leading bytes and name), else None;
    a text table or a web page is read whatever its name (the 导出.xls some systems write is one or the other)."""
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError:
        return None
    suffix = path.suffix.lower()
    if head.startswith(safety.OLE2_MAGIC) and suffix not in NOT_WORKBOOKS:
        return "xls"  # .xls, an .xls renamed, WPS 表格's .et (the same BIFF8 records)
    if head.startswith(safety.ZIP_MAGIC) and (suffix == ".ods" or ODS_MIME in head):
        return "ods"
    if head and not head.startswith((safety.ZIP_MAGIC, safety.OLE2_MAGIC)):
        kind = safety.looks_like_text(head)
        if kind == "csv" or (kind in ("text", None) and suffix in TEXT_TABLES):
            return "csv"  # a .csv that is no text is refused by desktop.exchange.texttable, as a text table
        if kind == "html" and is_spreadsheet_xml(head):
            return "xmlss"  # Excel 2003's XML spreadsheet
        if kind == "html" and not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml"):
            return "html"  # the 导出.xls of many systems: a web page with a table
    return None


def _check_size(path: Path, name: str) -> None:
    if not path.exists():
        raise safety.UnsafeFile(name, Phrase("文件不存在"))
    refuse_store_file(path, Phrase("作为工作簿导入"))
    size = path.stat().st_size
    if size > safety.MAX_FILE_BYTES:
        raise safety.UnsafeFile(name, Phrase("文件过大（{mb} MB，上限 {limit} MB），拒绝读取", mb=f"{size / 1048576:.1f}",
                                             limit=str(safety.MAX_FILE_BYTES // 1048576)))


class _Budget:
    def __init__(self, name: str):
        self.name, self.cells = name, safety.MAX_CELLS

    def take(self, title: str, row: int, n: int) -> None:
        self.cells -= n
        if self.cells < 0 or row > safety.MAX_ROWS:
            raise safety.UnsafeFile(self.name, Phrase("工作表“{sheet}”过大（超过 {rows} 行或工作簿超过 {cells} 个单元格），拒绝读取",
                                                      sheet=title, rows=str(safety.MAX_ROWS), cells=str(safety.MAX_CELLS)))


# ---- .xls --------------------------------------------------------------------------------------------

_PASSWORD = Phrase("这是设置了打开密码的加密工作簿：请在 Excel 或 WPS 中去掉密码后再导入")


class _NoLog:
    """A log that keeps nothing."""

    def write(self, _text: str) -> None:
        pass


def _xls_sheets(path: Path, name: str):
    try:
        import xlrd
    except ImportError as exc:
        raise safety.UnsafeFile(name, "读取 .xls 需要 xlrd 组件（pip install xlrd），未安装；"
                                      "请把文件另存为 .xlsx 后再导入") from exc
    data = path.read_bytes()
    try:
        compound.check_chains(data)  # xlrd follows a damaged file's chain of sectors round a loop for ever
    except compound.CompoundError as exc:
        if ENCRYPTED_OOXML in data:
            raise safety.UnsafeFile(name, _PASSWORD) from exc
        raise safety.UnsafeFile(name, Phrase("无法读取 .xls 工作簿（{reason}）；请在 Excel 中打开并另存为 .xlsx 后再导入",
                                             reason=str(exc))) from exc
    try:
        # xlrd writes what it finds odd to its log, stdout by default: a damaged file's noise in `--json` output
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True, logfile=_NoLog())
    except Exception as exc:  # xlrd raises XLRDError, CompDocError, struct errors … on damaged files
        detail = " ".join(str(exc).split())[:100]
        if "encrypt" in detail.lower() or ENCRYPTED_OOXML in data:
            raise safety.UnsafeFile(name, _PASSWORD) from exc
        raise safety.UnsafeFile(name, Phrase("无法读取 .xls 工作簿（文件已损坏或不是 Excel 97-2003 格式：{detail}）；"
                                             "请在 Excel 中打开并另存为 .xlsx 后再导入", detail=detail)) from exc
    budget = _Budget(name)
    percent_xf = set()
    for i, xf in enumerate(book.xf_list):
        fmt = book.format_map.get(xf.format_key)
        if fmt is not None and is_percent_format(fmt.format_str):
            percent_xf.add(i)
    out = []
    try:
        for index in range(book.nsheets):
            sh = book.sheet_by_index(index)
            title = sh.name
            if sh.nrows > safety.MAX_ROWS:
                raise safety.UnsafeFile(name, Phrase("工作表“{sheet}”有 {n} 行，超过上限 {rows} 行，拒绝读取", sheet=title,
                                                     n=str(sh.nrows), rows=str(safety.MAX_ROWS)))
            rows = []
            for r in range(sh.nrows):
                cells = []
                for c in range(sh.ncols):
                    ctype = sh.cell_type(r, c)
                    if ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                        continue
                    value = sh.cell_value(r, c)
                    if ctype == xlrd.XL_CELL_DATE:
                        try:
                            value = xlrd.xldate.xldate_as_datetime(value, book.datemode)
                        except Exception:
                            value = dt.datetime(1900, 1, 1)
                    elif ctype == xlrd.XL_CELL_BOOLEAN:
                        value = bool(value)
                    elif ctype == xlrd.XL_CELL_ERROR:
                        value = xlrd.error_text_from_code.get(value, "#VALUE!")
                    elif ctype == xlrd.XL_CELL_NUMBER and float(value).is_integer() and abs(value) < 1e15:
                        value = int(value)
                    cells.append((c + 1, value, sh.cell_xf_index(r, c) in percent_xf))
                if cells:
                    budget.take(title, r + 1, len(cells))
                    rows.append((r + 1, cells))
            merged = [(rlo + 1, clo + 1, rhi, chi) for rlo, rhi, clo, chi in sh.merged_cells]
            out.append((title, sh.visibility == 0, rows, merged))
            book.unload_sheet(index)
    except safety.UnsafeFile:
        raise
    except Exception as exc:  # a damaged sheet: xlrd parses each one only now and asserts what it expects
        detail = " ".join(str(exc).split())[:100] or type(exc).__name__
        raise safety.UnsafeFile(name, Phrase("无法读取 .xls 工作簿（文件已损坏：{detail}）；请在 Excel 中打开并另存为 .xlsx 后再导入",
                                             detail=detail)) from exc
    finally:
        book.release_resources()
    return out


# ---- .ods --------------------------------------------------------------------------------------------

_NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}


def _q(prefix: str, local: str) -> str:
    return f"{{{_NS[prefix]}}}{local}"


T_TABLE, T_ROW, T_CELL, T_COVERED = _q("table", "table"), _q("table", "table-row"), _q("table", "table-cell"), \
    _q("table", "covered-table-cell")
A_NAME, A_ROWS_REP, A_COLS_REP = _q("table", "name"), _q("table", "number-rows-repeated"), \
    _q("table", "number-columns-repeated")
A_ROWS_SPAN, A_COLS_SPAN = _q("table", "number-rows-spanned"), _q("table", "number-columns-spanned")
A_TYPE, A_VALUE, A_DATE, A_BOOL = _q("office", "value-type"), _q("office", "value"), _q("office", "date-value"), \
    _q("office", "boolean-value")
T_P, T_S = _q("text", "p"), _q("text", "s")


def _inline(node) -> str:
    out = [node.text or ""]
    for child in node:
        if child.tag == T_S:
            out.append(" " * int(child.get(_q("text", "c"), "1") or 1))
        else:
            out.append(_inline(child))
        out.append(child.tail or "")
    return "".join(out)


def _text_of(cell) -> str:
    return "\n".join(_inline(p) for p in cell.iter(T_P))


def _ods_value(cell):
    kind = cell.get(A_TYPE)
    if kind in ("float", "currency", "percentage"):
        raw = cell.get(A_VALUE)
        try:
            number = float(raw)
        except (TypeError, ValueError):
            return _text_of(cell) or None, False
        if number.is_integer() and abs(number) < 1e15:
            number = int(number)
        return number, kind == "percentage"
    if kind == "date":
        try:
            return dt.datetime.fromisoformat(cell.get(A_DATE)), False
        except (TypeError, ValueError):
            return dt.datetime(1900, 1, 1), False
    if kind == "time":
        return dt.timedelta(0), False
    if kind == "boolean":
        return cell.get(A_BOOL) == "true", False
    text = _text_of(cell)
    return (text if text else None), False


def _ods_sheets(path: Path, name: str):
    import defusedxml.ElementTree as DET

    try:
        zf = zipfile.ZipFile(path)
    except ZIP_ERRORS as exc:
        raise safety.UnsafeFile(name, Phrase("无法读取 .ods 工作簿（文件已损坏）")) from exc
    with zf:
        try:
            info = zf.getinfo("content.xml")
        except KeyError as exc:
            raise safety.UnsafeFile(name, Phrase("不是 .ods 工作簿（缺少 content.xml）")) from exc
        if len(zf.infolist()) > safety.MAX_ENTRIES:
            raise safety.UnsafeFile(name, Phrase("压缩包内文件过多（上限 {limit}），拒绝读取", limit=str(safety.MAX_ENTRIES)))
        if info.file_size > safety.MAX_ENTRY_BYTES or (
                info.file_size > safety.RATIO_APPLIES_FROM
                and info.file_size > safety.MAX_RATIO * max(1, info.compress_size)):
            raise safety.UnsafeFile(name, Phrase("content.xml 解压后过大或压缩比过高（{mb} MB），疑似压缩炸弹，拒绝读取",
                                                 mb=f"{info.file_size / 1048576:.0f}"))
        budget = _Budget(name)
        out = []
        try:
            with zf.open(info) as f:
                title, rows, r, merged = "", [], 0, []
                for event, el in DET.iterparse(f, events=("start", "end"), forbid_dtd=True):
                    if event == "start":
                        if el.tag == T_TABLE:
                            title, rows, r, merged = el.get(A_NAME, ""), [], 0, []
                        continue
                    if el.tag == T_ROW:
                        rep = int(el.get(A_ROWS_REP, "1") or 1)
                        cells, c = [], 0
                        for cell in el:
                            if cell.tag not in (T_CELL, T_COVERED):
                                continue
                            crep = int(cell.get(A_COLS_REP, "1") or 1)
                            down = int(cell.get(A_ROWS_SPAN, "1") or 1)
                            across = int(cell.get(A_COLS_SPAN, "1") or 1)
                            if cell.tag == T_CELL and (down > 1 or across > 1) and len(merged) < 100_000:
                                merged.append((r + 1, c + 1, r + down, c + across))
                            value, pct = _ods_value(cell) if cell.tag == T_CELL else (None, False)
                            if value is not None and not (isinstance(value, str) and not value.strip()):
                                for k in range(min(crep, 16384)):
                                    cells.append((c + k + 1, value, pct))
                            c += crep
                        if cells:
                            for _ in range(min(rep, safety.MAX_ROWS + 1)):
                                r += 1
                                budget.take(title, r, len(cells))
                                rows.append((r, cells))
                        else:
                            r += rep
                        el.clear()
                    elif el.tag == T_TABLE:
                        out.append((title, True, rows, merged))
                        el.clear()
        except safety.UnsafeFile:
            raise
        except Exception as exc:  # defusedxml's DTDForbidden, EntitiesForbidden, ParseError …
            raise safety.xml_refused(name, exc, "无法读取 .ods 工作簿") from exc
    return out


# ---- both --------------------------------------------------------------------------------------------

def read(path: Path, kind: str, cancelled, is_indicator: Callable[[str], bool],
         find_region: Callable[[str], str | None], is_region: Callable[[str], bool] = lambda _text: False):
    """A WorkbookData from an .xls or .ods file, by the rules of the .xlsx path (desktop.exchange.reader)."""
    name = path.name
    _check_size(path, name)
    if kind == "csv":
        from desktop.exchange.texttable import read_rows

        sheets = [(path.stem, True, read_rows(path, name), [])]
    elif kind == "xmlss":
        sheets = read_sheets(path, name)
    elif kind == "html":
        from desktop.exchange.htmltable import read_tables

        sheets = read_tables(path.read_bytes(), name, path.stem)
    else:
        sheets = _xls_sheets(path, name) if kind == "xls" else _ods_sheets(path, name)
    if cancelled is not None and cancelled():
        raise ImportCancelled()
    out = WorkbookData()
    chosen = []
    for title, visible, rows, merged in sheets:
        k = sheet_kind(title)
        if k == "info":
            out.info = info_from(rows)
        elif k in ("status", "review", "absent"):
            setattr(out, k, keyed_table_from(title, k, rows))
        elif k in ("data", "target"):
            chosen.append((title, k, rows, True, merged))
    if not chosen:
        chosen = [(title, "data", rows, False, merged) for title, visible, rows, merged in sheets
                  if sheet_kind(title) is None and visible]
    for title, k, rows, required, merged in chosen:
        table = read_table(title, k, iter(rows), is_indicator, find_region, bool, HEADER_SCAN_ROWS, name,
                           is_region, lambda merged=merged: merged)
        take_table(table, title, out, required)
    if not out.sheets and not out.problems:
        out.problems.append(SheetProblem("", "", no_table_found()))
    return out
