"""Workbooks hostile by size alone: each is small on disk and asks the reader for a lot.

    python hostile_sizes.py KIND SCALE OUT.xlsx
KIND: long_notes, huge_inline_cell, many_formats, huge_shared_string, many_shared_strings, many_kept_cells.
SCALE: "small" (the default suite: refused early, fast) or "big" (the sizes of the attack, for --long).
"""

from __future__ import annotations

import os
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import workbooks  # noqa: E402

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEAD = ["地区代码", "地区名称", "年份", "指标代码", "指标名称", "单位", "数值", "说明"]
SIZES = {  # kind -> (small, big)
    "long_notes": ((800, 30_000), (9_000, 30_000)),  # (rows, characters a note)
    "huge_inline_cell": (5_000_000, 280_000_000),  # characters in one cell
    "many_formats": (100_000, 600_000),  # cell formats in styles.xml
    "huge_shared_string": (2_000_000, 60_000_000),  # characters of one shared string
    "many_shared_strings": (300_000, 2_400_000),  # shared strings
    "many_kept_cells": (20_000, 290_000),  # rows of eight filled cells (all in header columns)
}


_LETTERS = bytes((97 + b % 26) for b in range(256))


def _text(n: int, period: int = 1000) -> str:
    """n letters: a random block of `period` repeated, so that a part compresses about as much as real
    text does (the zip checks refuse a part that shrinks over 200 times: that is another refusal)."""
    block = os.urandom(period).translate(_LETTERS).decode()
    return (block * (n // period + 1))[:n]


def _row(r: int, cells: list[str]) -> str:
    return f'<row r="{r}">' + "".join(cells) + "</row>"


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _header() -> str:
    return _row(1, [_inline(f"{chr(65 + c)}1", h) for c, h in enumerate(HEAD)])


def _data_row(r: int, note_cell: str = "") -> str:
    cells = [_inline(f"A{r}", "331081"), _inline(f"B{r}", "温岭市"), f'<c r="C{r}"><v>2021</v></c>',
             _inline(f"D{r}", "BEDS_PER_1000"), _inline(f"E{r}", "每千人口医疗机构床位数"), _inline(f"F{r}", "张"),
             f'<c r="G{r}"><v>4.6</v></c>']
    return _row(r, cells + ([note_cell] if note_cell else []))


def _stream_sheet(z: zipfile.ZipFile, rows) -> None:
    with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
        f.write(f'<worksheet xmlns="{NS}"><sheetData>'.encode())
        for chunk in rows:
            f.write(chunk.encode())
        f.write(b"</sheetData></worksheet>")


def _package(path: Path, rows, extra: dict[str, bytes | object] | None = None, types: str = "") -> Path:
    workbooks.raw_xlsx(path, "", content_types_extra=types)  # the fixed parts
    # rewrite with the streamed sheet and the extra parts (written in pieces: never whole in memory)
    src = zipfile.ZipFile(path)
    parts = {i.filename: src.read(i.filename) for i in src.infolist() if i.filename != "xl/worksheets/sheet1.xml"}
    src.close()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    if extra and "xl/sharedStrings.xml" in extra:
        rels = rels.replace("</Relationships>", '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/'
                            'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                            "</Relationships>")
    if extra and "xl/styles.xml" in extra:
        rels = rels.replace("</Relationships>", '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/'
                            'officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
    parts["xl/_rels/workbook.xml.rels"] = rels.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
        _stream_sheet(z, rows)
        for name, data in (extra or {}).items():
            with z.open(name, "w", force_zip64=True) as f:
                for chunk in (data if not isinstance(data, bytes) else [data]):
                    f.write(chunk)
    return path


SST_TYPE = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sharedStrings+xml"/>')
STYLES_TYPE = ('<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
               'spreadsheetml.styles+xml"/>')


def make(kind: str, scale: str, path: Path) -> Path:
    small = scale == "small"
    size = SIZES[kind][0 if small else 1]
    if kind == "long_notes":
        n, length = size
        return _package(path, (_data_row(r, _inline(f"H{r}", _text(length))) if r > 1 else _header()
                               for r in range(1, n + 2)))
    if kind == "huge_inline_cell":
        def rows():
            yield _header()
            yield '<row r="2"><c r="H2" t="inlineStr"><is><t>'
            for _ in range(size // 1_000_000):
                yield _text(1_000_000, 4096)
            yield "</t></is></c></row>"
        return _package(path, rows())
    if kind == "many_formats":
        def styles():
            yield (f'<styleSheet xmlns="{NS}"><fonts count="1"><font/></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
                   f'<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
                   f'<cellXfs count="{size}">').encode()
            for start in range(0, size, 1000):
                yield "".join(f'<xf numFmtId="{k % 50}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="'
                              f'{k % 2}"/>' for k in range(start, start + 1000)).encode()
            yield b"</cellXfs></styleSheet>"
        return _package(path, [_header(), _data_row(2)], {"xl/styles.xml": styles()}, STYLES_TYPE)
    if kind == "huge_shared_string":
        def sst():
            yield f'<sst xmlns="{NS}" count="1" uniqueCount="1"><si><t>'.encode()
            for _ in range(size // 1_000_000):
                yield _text(1_000_000, 4096).encode()
            yield b"</t></si></sst>"
        note = '<c r="H2" t="s"><v>0</v></c>'
        return _package(path, [_header(), _data_row(2, note)], {"xl/sharedStrings.xml": sst()}, SST_TYPE)
    if kind == "many_shared_strings":
        def sst():
            yield f'<sst xmlns="{NS}" count="{size}" uniqueCount="{size}">'.encode()
            for start in range(0, size, 10_000):
                yield "".join(f"<si><t>{k}</t></si>" for k in range(start, start + 10_000)).encode()
            yield b"</sst>"
        note = '<c r="H2" t="s"><v>0</v></c>'
        return _package(path, [_header(), _data_row(2, note)], {"xl/sharedStrings.xml": sst()}, SST_TYPE)
    if kind == "many_kept_cells":
        return _package(path, [_header()] + [_data_row(r, _inline(f"H{r}", f"说明{r}")) for r in range(2, size + 2)])
    raise ValueError(kind)


if __name__ == "__main__":
    make(sys.argv[1], sys.argv[2], Path(sys.argv[3]))
