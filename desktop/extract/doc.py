"""The text of a Word 97–2003 document (.doc) and of a WPS 文字 document (.wps, the same format): its paragraphs, and
its tables as rows of cells (desktop.extract.tables writes those out as sentences).

Many offices keep their year-end reports as .doc. The format ([MS-DOC]) keeps the main text as pieces (the piece
table, in the Clx of the table stream) of UTF-16 or of one byte per character; paragraphs end with \\r and table
cells with \\x07. A row of a table ends with a paragraph of its own (\\x07 again), told apart from an empty cell by
its paragraph property sprmPFTtp, read from the paragraph properties (PAPX) of the document. The compound file
(OLE2) is read by desktop.compound, which follows each chain of sectors soundly: no library more.
"""

from __future__ import annotations

import struct

from desktop.compound import CompoundError, streams
from desktop.extract.tables import is_data_table, on_grid, render_table
from desktop.phrases import Phrase, reason_of

_SPRM_TTP = (0x2417, 0x244C)  # sprmPFTtp, sprmPFInnerTtp: this paragraph ends a row of a table
_SPRM_IN_TABLE = (0x2416,)  # sprmPFInTable: this paragraph is in a table
_CELL, _PARA = "\x07", "\r"
_FIELD_BEGIN, _FIELD_SEP, _FIELD_END = "\x13", "\x14", "\x15"
# characters of the text that stand for no text: an anchor of a picture or an object, a note's mark, an optional
# hyphen; a line, page or column break ends a line
_DROP = dict.fromkeys(map(ord, "\x01\x02\x03\x04\x05\x08\x1f"), None) | {0x0B: "\n", 0x0C: "\n", 0x0E: "\n",
                                                                          0x1E: "-", 0xA0: " "}


# what reading a damaged document raises: offsets and sizes out of range, a stream cut short
_DAMAGED = (ValueError, IndexError, KeyError, OverflowError, struct.error)


class DocError(ValueError):
    """The file is no Word document that can be read; the message says why, in the clerk's words."""


def doc_text(data: bytes) -> str:
    """The text of a .doc (or .wps): one line per paragraph, each table as the lines it says."""
    try:
        found = {k.lower(): v for k, v in streams(data, ("WordDocument", "0Table", "1Table")).items()}
    except CompoundError as exc:
        raise DocError(reason_of(exc)) from None
    word = found.get("worddocument")
    if word is None or len(word) < 0x1A2 + 8 or struct.unpack_from("<H", word, 0)[0] != 0xA5EC:
        raise DocError(Phrase("不是 Word 97–2003 文档"))
    flags = struct.unpack_from("<H", word, 0x0A)[0]
    if flags & 0x0100:
        raise DocError(Phrase("文档已加密，无法读取文字"))
    table = found.get("1table" if flags & 0x0200 else "0table")
    if table is None:
        raise DocError(Phrase("文件损坏（缺少表流）"))
    try:
        return _text(word, table)
    except _DAMAGED as exc:
        raise DocError(Phrase("文件损坏（{detail}）", detail=reason_of(exc) or type(exc).__name__)) from None


def _fib_pair(word: bytes, index: int) -> tuple[int, int]:
    """(fc, lcb) of FibRgFcLcb97 pair `index` (33: the Clx, 13: the PAPX bin table)."""
    csw = struct.unpack_from("<H", word, 0x20)[0]
    at = 0x22 + 2 * csw
    cslw = struct.unpack_from("<H", word, at)[0]
    at += 2 + 4 * cslw
    count = struct.unpack_from("<H", word, at)[0]
    if index >= count:
        raise ValueError(Phrase("FIB 过短"))
    return struct.unpack_from("<II", word, at + 2 + 8 * index)


def _pieces(word: bytes, table: bytes) -> list[tuple[int, int, int, bool]]:
    """The piece table: (first cp, last cp, fc of the first character, compressed) of each piece."""
    fc, lcb = _fib_pair(word, 33)
    at, end = fc, fc + lcb
    while at < end and table[at] == 0x01:  # Prc: property modifiers of pieces, not needed
        at += 3 + struct.unpack_from("<h", table, at + 1)[0]
    if at >= end or table[at] != 0x02:
        raise ValueError(Phrase("没有文字分段表"))
    size = struct.unpack_from("<I", table, at + 1)[0]
    plc = table[at + 5:at + 5 + size]
    n = (len(plc) - 4) // 12
    cps = struct.unpack_from(f"<{n + 1}I", plc, 0)
    pieces = []
    for i in range(n):
        raw = struct.unpack_from("<I", plc, 4 * (n + 1) + 8 * i + 2)[0]
        compressed = bool(raw & 0x40000000)
        start = (raw & 0x3FFFFFFF) // 2 if compressed else raw & 0x3FFFFFFF
        pieces.append((cps[i], cps[i + 1], start, compressed))
    return pieces


_IN_TABLE, _ROW_END = 1, 2  # what the paragraph properties say of a paragraph's last character


def _paragraph_ends(word: bytes, table: bytes) -> dict[int, tuple[int, tuple[int, ...]]]:
    """The file offset of the last byte of each paragraph in a table -> (_IN_TABLE, ()), or (_ROW_END, the edges
    of the row's cells) for the paragraph that ends a row (sprmPFInTable, sprmPFTtp and sprmTDefTable in the PAPX
    of the document's formatted disk pages)."""
    fc, lcb = _fib_pair(word, 13)
    if lcb < 8:
        return {}
    n = (lcb - 4) // 8
    pages = struct.unpack_from(f"<{n}I", table, fc + 4 * (n + 1))
    ends: dict[int, tuple[int, tuple[int, ...]]] = {}
    for pn in pages:
        page = word[pn * 512:pn * 512 + 512]
        if len(page) < 512:
            continue
        crun = page[511]
        rgfc = struct.unpack_from(f"<{crun + 1}I", page, 0)
        for i in range(crun):
            offset = page[4 * (crun + 1) + 13 * i] * 2
            if offset == 0:
                continue
            cb = page[offset]
            if cb == 0:
                size, start = page[offset + 1] * 2, offset + 2
            else:
                size, start = cb * 2 - 1, offset + 1
            kind = _table_kind(page[start + 2:start + size])  # after the style's index
            if kind[0]:
                ends[rgfc[i + 1] - 1] = kind
    return ends


def _table_kind(grpprl: bytes) -> tuple[int, tuple[int, ...]]:
    """(_ROW_END, _IN_TABLE or 0, the edges of the row's cells in twips when it ends a row), from a paragraph's
    properties."""
    kind, edges = 0, ()
    at = 0
    while at + 2 <= len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, at)[0]
        at += 2
        spra = sprm >> 13
        if spra in (0, 1):
            size = 1
        elif spra in (2, 4, 5):
            size = 2
        elif spra == 3:
            size = 4
        elif spra == 7:
            size = 3
        elif sprm in (0xD608, 0xD606):  # sprmTDefTable, sprmTDefTable10: a two-byte size
            size = struct.unpack_from("<H", grpprl, at)[0] + 1 if at + 2 <= len(grpprl) else 0
        else:
            size = 1 + (grpprl[at] if at < len(grpprl) else 0)
        if sprm == 0xD608 and at + 3 <= len(grpprl):  # sprmTDefTable: itcMac, then the cells' itcMac+1 edges
            count = grpprl[at + 2]
            if at + 3 + 2 * (count + 1) <= len(grpprl):
                edges = struct.unpack_from(f"<{count + 1}h", grpprl, at + 3)
        if at < len(grpprl) and grpprl[at]:
            if sprm in _SPRM_TTP:
                kind = _ROW_END
            elif sprm in _SPRM_IN_TABLE and kind != _ROW_END:
                kind = _IN_TABLE
        at += size
    return kind, edges if kind == _ROW_END else ()


def _text(word: bytes, table: bytes) -> str:
    ccp_text = struct.unpack_from("<i", word, 0x22 + 2 * struct.unpack_from("<H", word, 0x20)[0] + 2 + 12)[0]
    ends = _paragraph_ends(word, table)
    chars: list[tuple[str, int]] = []  # each character of the main text, and what it ends (0, _IN_TABLE, _ROW_END)
    edges: dict[int, tuple[int, ...]] = {}  # the index in chars of each row's end -> the edges of its cells
    for first, last, fc, compressed in _pieces(word, table):
        if first >= ccp_text:
            break
        count = min(last, ccp_text) - first
        if compressed:
            text = word[fc:fc + count].decode("cp1252", errors="replace")
            offsets = range(fc, fc + count)
        else:
            text = word[fc:fc + 2 * count].decode("utf-16-le", errors="replace")
            offsets = range(fc + 1, fc + 2 * count, 2)  # the last byte of each character
        for ch, at in zip(text, offsets):
            kind, cell_edges = ends.get(at, (0, ())) if ch in "\r\x07" else (0, ())
            if cell_edges:
                edges[len(chars)] = cell_edges
            chars.append((ch, kind))
    if not any(kind == _ROW_END for _ch, kind in chars):
        # no paragraph properties that say where rows end (a writer that leaves them out): a cell mark right
        # after a cell mark ends the row, which an empty cell would too
        chars = [(ch, _ROW_END if ch == _CELL and i and chars[i - 1][0] == _CELL and chars[i - 1][1] != _ROW_END
                  else kind) for i, (ch, kind) in enumerate(chars)]
    return "\n".join(_lines(chars, edges))


def _lines(chars: list[tuple[str, int]], edges: dict[int, tuple[int, ...]]) -> list[str]:
    """Paragraphs as lines, a field's code left out (its result kept), a table's rows written out (a cell merged
    across columns repeated in each, by the edges of each row's cells)."""
    lines: list[str] = []
    rows: list[list[str]] = []  # the table being read
    row_edges: list[tuple[int, ...]] = []
    cells: list[str] = []  # the row being read
    buffer: list[str] = []
    shown = [True]  # in a field: False in its code, True in its result

    def flush_table() -> None:
        if rows:
            grid = on_grid(rows, row_edges)
            if is_data_table(grid):
                lines.extend(render_table(grid))
            else:
                lines.extend(c for row in rows for c in row if c)
            rows.clear()
            row_edges.clear()

    for index, (ch, kind) in enumerate(chars):
        if ch == _FIELD_BEGIN:
            shown.append(False)
        elif ch == _FIELD_SEP and len(shown) > 1:
            shown[-1] = True
        elif ch == _FIELD_END and len(shown) > 1:
            shown.pop()
        elif not shown[-1]:
            continue
        elif ch == _CELL:
            if kind == _ROW_END:
                rows.append(cells)
                row_edges.append(edges.get(index, ()))
                cells = []
            else:
                cells.append(_clean("".join(buffer)))
            buffer = []
        elif ch == _PARA:
            if kind == _IN_TABLE:
                continue  # a paragraph inside a cell: the cell's text goes on
            flush_table()
            text = _clean("".join(buffer))
            buffer = []
            if text:
                lines.append(text)
        else:
            buffer.append(ch)
    if cells:
        rows.append(cells)
        row_edges.append(())
    flush_table()
    rest = _clean("".join(buffer))
    if rest:
        lines.append(rest)
    return lines


def _clean(text: str) -> str:
    return " ".join(text.translate(_DROP).split("\n")).strip()
