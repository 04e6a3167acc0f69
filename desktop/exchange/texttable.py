"""A table saved as text (.csv, .tsv, or a .txt of comma- or tab-separated lines), as statistics systems export
and offices save ("另存为 CSV"): read into the rows every reader gives ((row, [(column, value, percent)])), so
the layouts of desktop.exchange.layouts read it as they read a sheet, and errors name cells as a sheet's
(`温州_2023!C5`: the sheet is the file's name, the cell where Excel would show it).

The encoding is UTF-8 (with or without its BOM), UTF-16 with a BOM, or GB18030 (which GBK and GB2312, what
Excel and WPS write on a Chinese Windows, are part of); a text that is none of these is refused. The separator
is the one that splits the first lines alike: comma, tab, semicolon or a full-width comma. Cells stay text
(`"1,234"`, `46.2%`, `330302`): the importer reads numbers from text by its usual rules, and a code keeps its
leading digits. Limits: the file size, rows and cells limits of desktop.exchange.safety.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from desktop.encodings import decode_text
from desktop.exchange import safety
from desktop.phrases import Phrase

SEPARATORS = (",", "\t", ";", "，")
MAX_CELL_CHARS = 32_767  # as a sheet's cell


def decode(data: bytes, name: str, declared: str | None = None) -> str:
    """The text of a file, by the encodings an office's computer writes (desktop.encodings); refused when it is
    none of them."""
    text = decode_text(data, declared)
    if text is None:
        raise safety.UnsafeFile(name, Phrase("无法识别文本表格的编码（应为 UTF-8 或 GBK）；请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入"))
    return text


def separator(lines: list[str]) -> str:
    """The separator that splits the first non-empty lines into the most cells, alike from line to line."""
    sample = [line for line in lines[:20] if line.strip()]
    best, best_score = ",", 0
    for sep in SEPARATORS:
        counts = [line.count(sep) for line in sample]
        if not counts or max(counts) == 0:
            continue
        # a title line above the table has none: score the lines that have any, by how many and how alike
        having = [n for n in counts if n]
        score = len(having) * min(having) + max(having)
        if score > best_score:
            best, best_score = sep, score
    return best


def read_rows(path: Path, name: str) -> list[tuple[int, list[tuple[int, object, bool]]]]:
    """The rows of a text table, empty cells and rows left out, within the cells budget."""
    text = decode(path.read_bytes(), name)
    lines = text.splitlines()
    sep = separator(lines)
    rows = []
    cells_left = safety.MAX_CELLS
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep) if sep != "，" else \
        ([cell for cell in line.split(sep)] for line in lines)
    try:
        for r, fields in enumerate(reader, start=1):
            if r > safety.MAX_ROWS:
                raise safety.UnsafeFile(name, Phrase("文本表格超过 {rows} 行，拒绝读取", rows=str(safety.MAX_ROWS)))
            cells = []
            for c, field in enumerate(fields, start=1):
                value = field.strip()
                if not value:
                    continue
                if len(value) > MAX_CELL_CHARS:
                    raise safety.UnsafeFile(name, Phrase("第 {row} 行第 {col} 列的文字超过 {limit} 个字符，拒绝读取",
                                                         row=str(r), col=str(c), limit=str(MAX_CELL_CHARS)))
                cells.append((c, value, False))
            if cells:
                cells_left -= len(cells)
                if cells_left < 0:
                    raise safety.UnsafeFile(name, Phrase("文本表格超过 {cells} 个单元格，拒绝读取", cells=str(safety.MAX_CELLS)))
                rows.append((r, cells))
    except csv.Error as exc:
        raise safety.UnsafeFile(name, Phrase("文本表格格式有误（{reason}）；请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入",
                                             reason=str(exc))) from exc
    return rows
