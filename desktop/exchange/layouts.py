"""Tables as offices draw them, turned into the exchange's rows (one value per row) with each cell's own address.

Detected from the header row (one of the first ten rows):
- **long** (the exchange format): region, year, indicator and value columns;
- **indicators × years**: an indicator column (指标名称, 指标, 指标代码, 项目) and year columns (`2021年`, `2022`,
  `2023年度`); the region from a region column, else named in the title rows above the header, else the
  sheet's name; a 说明/备注 column belongs to the last year's value;
- **regions × indicators**: a region column and two or more columns whose headers are indicators of the
  catalog (a unit in brackets after the name, `医疗机构实有床位数（张）`, is checked like a unit column); the
  year from a year column, else from the title rows.
A table whose sheet is named 目标 or whose title says 目标 holds targets.

Rows below the table that begin with 填报人, 审核人, 联系电话, 日期, 注 … (signature lines and notes) end it;
a figure found below them is an error naming its cell (it would otherwise be silently left out).
Every produced cell keeps the sheet column and row it came from, so errors stay cell-exact; a year or an
indicator taken from a header points at that header cell, a region taken from a title at the title's cell.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Iterable

from desktop.exchange.format import column_key

FOOTER_RE = re.compile(r"^\s*(填报人|填表人|填报单位负责人|单位负责人|统计负责人|负责人|审核人|制表人|制表|联系人|联系电话|"
                       r"电话|填报日期|报出日期|日期|注\s*[0-9０-９一二三四五六七八九十]*\s*[:：.、]|注\s*$|备注\s*[:：]|"
                       r"说明\s*[:：]|数据来源|资料来源)")
YEAR_HEADER_RE = re.compile(r"^\s*((?:19|20)\d{2})\s*(年度|年)?\s*(数值|数据)?\s*$")
INDICATOR_HEADERS = {"指标名称", "指标", "指标代码", "项目", "指标项", "indicator", "indicatorname", "indicatorcode"}
UNIT_IN_HEADER_RE = re.compile(r"^(.*?)\s*[（(]\s*([^（）()]*)\s*[)）]\s*$")


@dataclass(slots=True)
class Cell:
    column: int
    value: object
    percent: bool
    row: int | None = None  # the sheet row the cell is on, when it is not the produced row's own


@dataclass
class Table:
    layout: str  # "long", "years", "indicators"
    kind: str  # "data" or "target"
    header_row: int
    columns: dict[str, int]
    rows: list[tuple[int, dict[str, Cell]]]
    problems: list[tuple[str, str]]  # (cell, message)


def _norm(text) -> str:
    return re.sub(r"[\s_\-·.()（）]+", "", unicodedata.normalize("NFKC", str(text)).strip().lower())


def year_of_header(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) and float(value).is_integer() and 1949 <= int(value) <= 2100:
        return int(value)
    if isinstance(value, str):
        m = YEAR_HEADER_RE.match(unicodedata.normalize("NFKC", value))
        if m:
            return int(m.group(1))
    return None


def is_footer(cells: list[tuple[int, object, object]]) -> bool:
    """A signature line or a note below the table: its first filled cell starts with 填报人, 注 …
    (cells come in column order)."""
    for _col, value, _pct in cells:
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        return isinstance(value, str) and bool(FOOTER_RE.match(unicodedata.normalize("NFKC", value)))
    return False


def _letter(n: int) -> str:
    """A sheet column's letters: 1 → A, 26 → Z, 27 → AA (as Excel names it)."""
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _long_header(cells) -> tuple[dict[str, int], list[str]] | None:
    columns: dict[str, int] = {}
    dupes: list[str] = []
    for column, value, _p in cells:
        key = column_key(value) if isinstance(value, str) else None
        if key is None:
            continue
        if key in columns:
            dupes.append(key)
        else:
            columns[key] = column
    ok = ("year" in columns and ("region_code" in columns or "region_name" in columns)
          and ("indicator_code" in columns or "indicator_name" in columns)
          and ("value" in columns or "target" in columns))
    return (columns, dupes) if ok else None


def _years_header(cells) -> tuple[dict[str, int], dict[int, tuple[int, object]]] | None:
    columns: dict[str, int] = {}
    years: dict[int, tuple[int, object]] = {}
    for column, value, _p in cells:
        if value is None:
            continue
        y = year_of_header(value)
        if y is not None:
            years[column] = (y, value)
            continue
        if isinstance(value, str):
            n = _norm(value)
            if n in {_norm(h) for h in INDICATOR_HEADERS}:
                key = "indicator_code" if "代码" in value or "code" in n else "indicator_name"
                columns.setdefault(key, column)
                continue
            key = column_key(value)
            if key in ("region_code", "region_name", "unit", "note", "section", "indicator_code", "indicator_name"):
                columns.setdefault(key, column)
    if years and ("indicator_code" in columns or "indicator_name" in columns) and "year" not in columns:
        return columns, years
    return None


def split_unit(header: str) -> tuple[str, str | None]:
    m = UNIT_IN_HEADER_RE.match(header)
    return (m.group(1), m.group(2)) if m else (header, None)


def _indicators_header(cells, is_indicator: Callable[[str], bool]):
    columns: dict[str, int] = {}
    inds: dict[int, object] = {}
    for column, value, _p in cells:
        if not isinstance(value, str) or not value.strip():
            continue
        key = column_key(value)
        if key in ("region_code", "region_name", "year", "note", "section"):
            columns.setdefault(key, column)
            continue
        name, _unit = split_unit(value.strip())
        if is_indicator(value.strip()) or is_indicator(name):
            inds[column] = value
    if ("region_code" in columns or "region_name" in columns) and len(inds) >= 2:
        return columns, inds
    return None


def _title_text(rows) -> list[tuple[int, int, str]]:
    return [(idx, col, v) for idx, cells in rows for col, v, _p in cells if isinstance(v, str) and v.strip()]


def read_table(title: str, kind: str, rows: Iterable[tuple[int, list[tuple[int, object, object]]]],
               is_indicator: Callable[[str], bool], find_region: Callable[[str], str | None],
               is_pct: Callable[[object], bool] = bool, scan: int = 10) -> Table | None:
    """The table of one sheet, or None when no header is found in the first `scan` rows.

    `rows`: (row index, [(column, value, style)]) of the rows that exist, `is_pct(style)` true for a
    percent-formatted cell; `find_region(text)` gives the name of a region mentioned in a text (for a
    title), or None."""
    before: list[tuple[int, list]] = []
    it = iter(rows)
    header = None
    for idx, cells in it:
        long = _long_header(cells)
        if long is not None:
            if long[1]:
                from desktop.exchange.format import HEADER

                names = "、".join(HEADER[k] for k in dict.fromkeys(long[1]))
                return Table("long", kind, idx, long[0], [], [(f"A{idx}", f"表头重复：{names}（同一列名只能出现一次）")])
            header = ("long", idx, long[0], None)
            break
        years = _years_header(cells)
        if years is not None:
            header = ("years", idx, years[0], years[1])
            break
        inds = _indicators_header(cells, is_indicator)
        if inds is not None:
            header = ("indicators", idx, inds[0], inds[1])
            break
        before.append((idx, cells))
        if idx >= scan:
            return None
    if header is None:
        return None
    layout, header_row, columns, extra = header
    titles = _title_text(before)
    if kind == "data" and any("目标" in t for _i, _c, t in titles):
        kind = "target"
    table = Table(layout, kind, header_row, columns, [], [])
    by_col = {c: k for k, c in columns.items()}
    region_cell = None
    year_cell = None
    if layout == "years" and "region_code" not in columns and "region_name" not in columns:
        for i, c, t in titles:
            if find_region(t):
                region_cell = Cell(c, find_region(t), False, i)
                break
        if region_cell is None and find_region(title):
            region_cell = Cell(1, find_region(title), False, header_row)
        if region_cell is None:
            table.problems.append((f"A{header_row}", "表格按“指标×年份”排列，但找不到地区：请加一列“地区名称”，"
                                                     "或在表头上方的标题中写明地区（如“温岭市卫生健康指标”）"))
            return table
    if layout == "indicators" and "year" not in columns:
        for i, c, t in titles:
            m = re.search(r"((?:19|20)\d{2})\s*年", unicodedata.normalize("NFKC", t))
            if m:
                year_cell = Cell(c, int(m.group(1)), False, i)
                break
        if year_cell is None:
            table.problems.append((f"A{header_row}", "表格按“地区×指标”排列，但找不到年份：请加一列“年份”，"
                                                     "或在表头上方的标题中写明年份（如“2022年各县指标”）"))
            return table
    ended_at = None
    for idx, cells in it:
        if ended_at is None and is_footer(cells):
            ended_at = idx
            continue
        if ended_at is not None:
            stray = _stray_figure(layout, cells, columns, extra)
            if stray is not None:
                table.problems.append((f"{_letter(stray)}{idx}", f"表格下方第 {ended_at} 行是签名或注释行，"
                                                                 "其后不应再有数据（请把数据放在签名行上方）"))
            continue
        if layout == "long":
            row = {by_col[c]: Cell(c, v, is_pct(p)) for c, v, p in cells if c in by_col and not _blank(v)}
            if row:
                table.rows.append((idx, row))
        elif layout == "years":
            base = {by_col[c]: Cell(c, v, is_pct(p)) for c, v, p in cells if c in by_col and not _blank(v)}
            if region_cell is not None:
                base["region_name"] = region_cell
            values = {c: (v, p) for c, v, p in cells if c in extra and not _blank(v)}
            last = max(extra) if extra else None
            for c, (y, head) in sorted(extra.items()):
                if c not in values and not ("note" in base and c == last):
                    continue
                row = {k: v for k, v in base.items() if k != "note"}
                row["year"] = Cell(c, y, False, header_row)
                if c in values:
                    row["value"] = Cell(c, values[c][0], is_pct(values[c][1]))
                if "note" in base and c == last:
                    row["note"] = base["note"]
                table.rows.append((idx, row))
        else:  # regions × indicators
            base = {by_col[c]: Cell(c, v, is_pct(p)) for c, v, p in cells if c in by_col and not _blank(v)}
            if year_cell is not None:
                base["year"] = year_cell
            for c, head in sorted(extra.items()):
                found = [(cc, v, p) for cc, v, p in cells if cc == c and not _blank(v)]
                if not found:
                    continue
                _cc, v, p = found[0]
                name, unit = split_unit(head.strip())
                whole = is_indicator(head.strip())
                row = {k: val for k, val in base.items() if k != "note"}
                row["indicator_name"] = Cell(c, head.strip() if whole else name, False, header_row)
                if unit is not None and not whole:
                    row["unit"] = Cell(c, unit, False, header_row)
                row["value"] = Cell(c, v, is_pct(p))
                table.rows.append((idx, row))
    return table


def _blank(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _stray_figure(layout, cells, columns, extra) -> int | None:
    """The column of a number below the signature lines, in a column the table reads figures from."""
    figure_cols = set(extra or ()) | {columns[k] for k in ("value", "target") if k in columns}
    for c, v, _p in cells:
        if c in figure_cols and isinstance(v, (int, float)) and not isinstance(v, bool):
            return c
    return None
