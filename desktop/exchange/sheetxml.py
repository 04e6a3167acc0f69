"""Streaming the cells of one worksheet's XML through expat, with DTDs and entities refused.

Why not openpyxl's own worksheet parser: with defusedxml installed (as it must be), openpyxl parses through
defusedxml's pure-Python ElementTree parser, building and clearing an Element for every row, cell and value,
and an inline string (what openpyxl's write-only mode writes) costs a `Text.from_tree` each. Expat's callbacks
straight into this small state machine read the same cells 2–3× faster, which is what keeps an import of a
province workbook within 1.5× of openpyxl's bare read-only floor once the commit and its audit rows are added.
openpyxl still opens the workbook (the workbook part, shared strings, styles: all through defusedxml); only
the cell stream is read here. Safety is defusedxml's: a DOCTYPE, an entity declaration or an external entity
stops the parse; expat's own limits guard against amplification.

Semantics follow openpyxl's read-only, data_only reader: a formula cell yields its cached value; numbers are
int unless they have a '.' or an exponent; dates (a number in a date-formatted cell, or t="d") become datetime;
rows and cells without an `r` attribute count on from the previous one.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from typing import IO, Iterator

from desktop.errors import AppError
from desktop.phrases import Phrase

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
CHUNK = 1 << 16
# Excel's own limit for one cell; a longer text is refused while it streams, before it is ever held whole
MAX_CELL_CHARS = 32_767


class UnsafeXml(AppError):
    pass


class UncalculatedFormula(str):
    """A formula cell saved without its result (openpyxl and other scripts write them so): not an empty cell."""


UNCALCULATED = UncalculatedFormula("（未计算的公式）")


def _forbid(*_args) -> None:
    raise UnsafeXml(Phrase("工作表XML中含有DTD或实体定义，拒绝读取"))


def _safe_parser():
    """An expat parser (namespace and name split by a space) that refuses a DTD or an entity definition before
    any handler of the caller sees an element: no entity expansion bomb, no external entity."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = _forbid
    parser.EntityDeclHandler = _forbid
    parser.UnparsedEntityDeclHandler = _forbid
    parser.ExternalEntityRefHandler = _forbid
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    return parser


def _feed(parser, src: IO[bytes], size: int = CHUNK) -> Iterator[None]:
    """Stream `src` through the parser `size` bytes at a time, the document closed at the end; yields after each
    chunk (the handlers raise to stop early)."""
    while True:
        chunk = src.read(size)
        if not chunk:
            parser.Parse(b"", True)
            return
        parser.Parse(chunk, False)
        yield


_COL_RE = re.compile(r"^\$?([A-Za-z]{1,3})")


def _column_of(ref: str, cache: dict[str, int]) -> int:
    m = _COL_RE.match(ref)
    letters = m.group(1).upper() if m else ""
    col = cache.get(letters)
    if col is None:
        col = 0
        for ch in letters:
            col = col * 26 + (ord(ch) - 64)
        cache[letters] = col
    return col


def iter_rows(src: IO[bytes], shared_strings, date_styles=frozenset(), epoch=None,
              timedelta_styles=frozenset()) -> Iterator[tuple[int, list[tuple[int, object, int]]]]:
    """(row number, [(column, value, style id)]) for each row element of the sheet, cells without a value left out."""
    from openpyxl.utils.datetime import CALENDAR_WINDOWS_1900, from_excel, from_ISO8601

    epoch = epoch or CALENDAR_WINDOWS_1900
    parser = _safe_parser()

    ns = MAIN_NS + " "
    ROW, CELL, VALUE, INLINE, TEXT, PHONETIC = ns + "row", ns + "c", ns + "v", ns + "is", ns + "t", ns + "rPh"
    FORMULA = ns + "f"
    done: list[tuple[int, list]] = []
    cols: dict[str, int] = {}
    st = {"row": 0, "col": 0, "cells": None, "in_cell": False, "t": "n", "s": 0, "v": None, "inline": None,
          "in_is": False, "rph": False, "collect": None, "f": False, "chars": 0}

    def start(name, attrs):
        if name == CELL:
            ref = attrs.get("r")
            st["col"] = _column_of(ref, cols) if ref else st["col"] + 1
            st["t"] = attrs.get("t", "n")
            s = attrs.get("s")
            st["s"] = int(s) if s else 0
            st["v"] = None
            st["inline"] = None
            st["in_cell"] = True
            st["f"] = False
            st["chars"] = 0
        elif name == FORMULA:
            if st["in_cell"]:
                st["f"] = True
        elif name == VALUE:
            if st["in_cell"]:
                st["collect"] = []
        elif name == TEXT:
            if st["in_is"] and not st["rph"]:
                st["collect"] = []
        elif name == ROW:
            r = attrs.get("r")
            st["row"] = int(r) if r and r.isdigit() else st["row"] + 1
            st["col"] = 0
            st["cells"] = []
        elif name == INLINE:
            if st["in_cell"]:
                st["in_is"] = True
                st["inline"] = []
        elif name == PHONETIC:
            st["rph"] = True

    def end(name):
        if name == VALUE:
            if st["collect"] is not None:
                st["v"] = "".join(st["collect"])
                st["collect"] = None
        elif name == TEXT:
            if st["collect"] is not None:
                st["inline"].append("".join(st["collect"]))
                st["collect"] = None
        elif name == CELL:
            st["in_cell"] = False
            value = _value(st)
            if value is not None:
                if st["cells"] is None:
                    st["cells"] = []
                st["cells"].append((st["col"], value, st["s"]))
        elif name == ROW:
            done.append((st["row"], st["cells"] or []))
            st["cells"] = None
        elif name == INLINE:
            st["in_is"] = False
        elif name == PHONETIC:
            st["rph"] = False

    def _value(state):
        t, v = state["t"], state["v"]
        if t == "inlineStr":
            return "".join(state["inline"]) if state["inline"] is not None else None
        if v is None or v == "":
            # a formula whose result was never saved; t="str" with an empty value is a formula giving ""
            return UNCALCULATED if state["f"] and t == "n" else None
        if t == "n":
            try:
                number = float(v) if ("." in v or "E" in v or "e" in v) else int(v)
            except ValueError:
                return v
            if state["s"] in date_styles:
                try:
                    return from_excel(number, epoch, timedelta=state["s"] in timedelta_styles)
                except (OverflowError, ValueError):
                    return "#VALUE!"
            return number
        if t == "s":
            try:
                return shared_strings[int(v)]
            except (ValueError, IndexError):
                return None
        if t == "b":
            return v.strip() not in ("0", "false", "")
        if t == "d":
            try:
                return from_ISO8601(v)
            except ValueError:
                return v
        return v  # "str" (a formula's text result), "e" (an error such as #DIV/0!)

    def chars(data):
        collect = st["collect"]
        if collect is not None:
            st["chars"] += len(data)
            if st["chars"] > MAX_CELL_CHARS:
                from openpyxl.utils import get_column_letter

                raise UnsafeXml(Phrase("单元格 {cell} 的内容超过 {limit} 个字符（Excel 单元格的上限），拒绝读取",
                                       cell=f"{get_column_letter(max(st['col'], 1))}{st['row']}", limit=str(MAX_CELL_CHARS)))
            collect.append(data)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    for _ in _feed(parser, src):
        if done:
            yield from done
            done.clear()
    if done:
        yield from done
        done.clear()


class _Found(Exception):
    pass


def declared_dimension(src: IO[bytes]) -> tuple[int, int, int, int] | None:
    """(min col, min row, max col, max row) of the sheet's <dimension>, read only up to <sheetData>; None when
    the sheet declares none. openpyxl's own ReadOnlyWorksheet._get_size waits for the *end* of sheetData, i.e.
    parses the whole sheet through defusedxml's ElementTree, building every element (a 280 MB cell whole)."""
    from openpyxl.utils.cell import range_boundaries

    dim, data = MAIN_NS + " dimension", MAIN_NS + " sheetData"

    def start(name, attrs):
        if name == dim:
            try:
                raise _Found(range_boundaries(attrs.get("ref", "")))
            except (ValueError, TypeError):
                raise _Found(None) from None
        if name == data:
            raise _Found(None)

    parser = _safe_parser()
    parser.StartElementHandler = start
    try:
        for _ in _feed(parser, src, 4096):
            pass
        return None
    except _Found as found:
        bounds = found.args[0]
        return None if bounds is None or None in bounds else bounds


_REF_RE = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7}):\$?([A-Za-z]{1,3})\$?(\d{1,7})$")


def merged_ranges(src: IO[bytes]) -> list[tuple[int, int, int, int]]:
    """The merged ranges of a worksheet's XML (`<mergeCell ref="A3:A4"/>`, after the rows): (first row, first
    column, last row, last column), 1-based. Streams the whole part, so it is read only when a table needs it."""
    out: list[tuple[int, int, int, int]] = []
    cache: dict[str, int] = {}

    def start(name, attrs):
        if name.endswith("mergeCell"):
            m = _REF_RE.match(attrs.get("ref", ""))
            if m:
                c1, c2 = _column_of(m.group(1), cache), _column_of(m.group(3), cache)
                out.append((int(m.group(2)), c1, int(m.group(4)), c2))

    parser = _safe_parser()
    parser.StartElementHandler = start
    for _ in _feed(parser, src):
        pass
    return out


def scan_part(src: IO[bytes], on_start, on_chars=None) -> None:
    """Stream one XML part through expat (DTDs and entities refused) calling on_start(name) for every element
    and on_chars(length) for its text; the callbacks raise to stop. Nothing of the part is kept."""
    parser = _safe_parser()
    parser.StartElementHandler = lambda name, _attrs: on_start(name)
    if on_chars is not None:
        parser.CharacterDataHandler = lambda data: on_chars(len(data))
    for _ in _feed(parser, src):
        pass


__all__ = ["iter_rows", "merged_ranges", "scan_part", "UnsafeXml", "UncalculatedFormula", "UNCALCULATED", "MAX_CELL_CHARS"]
