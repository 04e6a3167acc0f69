"""Excel 2003's XML spreadsheet (SpreadsheetML: `<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">`),
which older statistics systems still export under an .xls or .xml name: read into the rows every reader gives
((row, [(column, value, percent)])) with its merged cells (ss:MergeAcross, ss:MergeDown) as merged ranges, so
desktop.exchange.layouts reads each worksheet as a sheet of a workbook.

Parsed by defusedxml (DTDs, entities and external references refused), streamed and cleared row by row. A cell
whose style's number format is a percentage holds a fraction (0.462 shown as 46.2%) and is read as a percentage,
as in .xlsx. ss:Index places a row or cell after skipped ones. Limits: the file size, rows and cells limits of
desktop.exchange.safety.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop.exchange import safety
from desktop.phrases import Phrase

SS = "urn:schemas-microsoft-com:office:spreadsheet"
MARK = SS.encode("ascii")


def _q(local: str) -> str:
    return f"{{{SS}}}{local}"


WORKSHEET, TABLE, ROW, CELL, DATA, STYLE, NUMBER_FORMAT = (
    _q("Worksheet"), _q("Table"), _q("Row"), _q("Cell"), _q("Data"), _q("Style"), _q("NumberFormat"))
A_NAME, A_INDEX, A_TYPE, A_ID, A_STYLE, A_FORMAT = (
    _q("Name"), _q("Index"), _q("Type"), _q("ID"), _q("StyleID"), _q("Format"))
A_ACROSS, A_DOWN = _q("MergeAcross"), _q("MergeDown")


def is_spreadsheet_xml(head: bytes) -> bool:
    """An XML file that is an Excel 2003 XML spreadsheet, by its first bytes."""
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml") and MARK in head


def _int(value, default: int) -> int:
    return int(value) if isinstance(value, str) and value.strip().isdigit() else default


def _value(kind: str | None, text: str):
    if kind == "Number":
        try:
            number = float(text)
        except ValueError:
            return text
        return int(number) if number.is_integer() and abs(number) < 1e15 else number
    if kind == "DateTime":
        try:
            return dt.datetime.fromisoformat(text.strip())
        except ValueError:
            return text
    if kind == "Boolean":
        return text.strip() in ("1", "true")
    return text


def read_sheets(path: Path, name: str) -> list[tuple[str, bool, list, list]]:
    """The worksheets as (title, visible, rows, merged ranges)."""
    import defusedxml.ElementTree as DET

    percent_styles: set[str] = set()
    sheets = []
    title, rows, merged, r = "", [], [], 0
    cells_left = safety.MAX_CELLS
    try:
        with open(path, "rb") as f:
            for event, el in DET.iterparse(f, events=("start", "end"), forbid_dtd=True):
                if event == "start":
                    if el.tag == WORKSHEET:
                        title, rows, merged, r = el.get(A_NAME, "") or f"Sheet{len(sheets) + 1}", [], [], 0
                    continue
                if el.tag == STYLE:
                    nf = el.find(NUMBER_FORMAT)
                    fmt = nf.get(A_FORMAT, "") if nf is not None else ""
                    if "%" in fmt or fmt.lower() == "percent":
                        percent_styles.add(el.get(A_ID, ""))
                    el.clear()
                elif el.tag == ROW:
                    r = _int(el.get(A_INDEX), r + 1)
                    if r > safety.MAX_ROWS:
                        raise safety.UnsafeFile(name, Phrase("工作表“{sheet}”超过 {rows} 行，拒绝读取", sheet=title,
                                                                 rows=str(safety.MAX_ROWS)))
                    cells, c = [], 0
                    for cell in el.iter(CELL):
                        c = _int(cell.get(A_INDEX), c + 1)
                        across, down = _int(cell.get(A_ACROSS), 0), _int(cell.get(A_DOWN), 0)
                        if across or down:
                            merged.append((r, c, r + min(down, 10_000), c + min(across, 16_384)))
                        data = cell.find(DATA)
                        if data is not None:
                            text = "".join(data.itertext())
                            if text.strip():
                                pct = cell.get(A_STYLE, "") in percent_styles
                                cells.append((c, _value(data.get(A_TYPE), text), pct))
                        c += across
                    if cells:
                        cells_left -= len(cells)
                        if cells_left < 0:
                            raise safety.UnsafeFile(name, Phrase("工作簿超过 {cells} 个单元格，拒绝读取", cells=str(safety.MAX_CELLS)))
                        rows.append((r, cells))
                    el.clear()
                elif el.tag == WORKSHEET:
                    sheets.append((title, True, rows, merged))
                    el.clear()
    except safety.UnsafeFile:
        raise
    except Exception as exc:  # defusedxml's DTDForbidden, EntitiesForbidden, ParseError …
        raise safety.xml_refused(name, exc, "无法读取 XML 表格") from exc
    return sheets
