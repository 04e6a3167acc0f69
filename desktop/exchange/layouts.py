"""Tables as offices draw them, turned into the exchange's rows (one value per row) with each cell's own address.

Detected from the header row (one of the first ten rows):
- **long** (the exchange format): region, year, indicator and value columns; without the region or the year
  column (a county's table of its own year: 指标名称 | 本年 | 上年 | 备注) they come from the title rows above
  the header (the region also from the sheet's name); a title naming a range of years is refused;
- **indicators × years**: an indicator column (指标名称, 指标, 指标代码, 项目) and year columns (`2021年`, `2022`,
  `2023年度`, `2024年完成值`, a date cell of 2023-12-31 or 2023-01-01; `2025年目标值` holds targets); the region from a region column, else named in the
  title rows above the header, else the sheet's name; a 说明/备注 column belongs to the last year's value;
- **regions × indicators**: a region column and two or more columns whose headers are indicators of the
  catalog (a unit in brackets after the name, `医疗机构实有床位数（张）`, is checked like a unit column); the
  year from a year column, else from the title rows. Without a region column, a year column makes it one
  region's **years × indicators** (年份 | 常住人口 | 床位数), the region from the title rows or the sheet's name;
- **indicators × regions**: an indicator column and two or more columns headed by regions (指标名称 | 单位 | 全市 |
  鹿城区 | 龙湾 …), a 全市/合计 column passed over with a notice; the year from the title rows.
A table whose sheet is named 目标 or whose title says 目标 holds targets. A region or a year that none of the
above gives comes from the file's name, with a notice.

A header may be drawn over up to three rows (group headings merged across the names, headings merged down):
each column takes the text of the lowest of those rows that has one. A row of units under the names of a
regions × indicators table is checked like units in brackets; a row of totals (合计, 全市合计 …) is passed
over with a notice.

Rows below the table that begin with 填报人, 审核人, 联系电话, 日期, 注 … (signature lines and notes) end it;
a figure found below them is an error naming its cell (it would otherwise be silently left out).
Every produced cell keeps the sheet column and row it came from, so errors stay cell-exact; a year or an
indicator taken from a header points at that header cell, a region taken from a title at the title's cell.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable, Iterable

from desktop.exchange.format import column_key
from desktop.phrases import Phrase, enumeration


def one_line(text: str) -> str:
    """A cell's text as a message quotes it: a heading wrapped by hand (床位数 Alt+Enter （张）) on one line."""
    return re.sub(r"[ \t\u3000]*\r?\n\s*", "", str(text)).strip()


FOOTER_RE = re.compile(r"^\s*(填报人|填表人|填报单位负责人|单位负责人|统计负责人|负责人|审核人|制表人|制表|联系人|联系电话|"
                       r"电话|填报日期|报出日期|日期|注\s*[0-9０-９一二三四五六七八九十]*\s*[:：.、]|注\s*$|备注\s*[:：]|"
                       r"说明\s*[:：]|数据来源|资料来源)")
# 2023, 2023年, 2023年度, 2023年末 or 2023年1-12月 (the whole year; 2023年1-6月 or 上半年 is not), then what the column
# holds (完成值, 目标值 …)
YEAR_HEADER_RE = re.compile(r"^\s*((?:19|20)\d{2})\s*(年度|年)?\s*(?:末|底|全年|1\s*[-—–～~至]\s*12\s*月)?\s*"
                            r"(数值|数据|完成值|完成数|完成|实际值|实际|实绩|目标值|目标)?\s*$")
INDICATOR_HEADERS = {"指标名称", "指标", "指标代码", "项目", "指标项", "indicator", "indicatorname", "indicatorcode"}
UNIT_IN_HEADER_RE = re.compile(r"^(.*?)\s*[（(]\s*([^（）()]*)\s*[)）]\s*$", re.S)  # 人均期望\n寿命（岁）
# a row of totals under the counties (合计, 全市合计, 总 计 …): the program computes a city's and the province's
# figures itself, so the row is passed over with a notice rather than refused as an unknown region
TOTAL_RE = re.compile(r"^(全(市|省|县|区)|本(市|省))?(合计|总计|小计|汇总)?$")
# what a column under a year heading holds (2024年 over 目标值 | 完成值)
SUB_HEADING_RE = re.compile(r"^\s*(数值|数据|完成值|完成数|完成|实际值|实际|实绩|目标值|目标)\s*$")
TARGET_TITLE_RE = re.compile(r"目标(?!责任|管理|考核)")  # a title of targets, not of 目标责任制 or 目标管理
SHEET_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*(?:年|年度)?(?:数据|汇总|指标)?")  # a sheet named for its year
# headings of columns of numbers that are no figures to read: 序号, a rank
NOT_A_FIGURE_HEADING = re.compile(r"序号|编号|排名|排序|名次|位次|代码|编码|^No\.?$", re.I)
MAX_HEADER_ROWS = 3  # a header drawn over up to three rows (group headings above the names) is read as one


@dataclass(slots=True)
class Cell:
    column: int
    value: object
    percent: bool
    row: int | None = None  # the sheet row the cell is on, when it is not the produced row's own


@dataclass
class Table:
    layout: str  # "long", "years", "indicators", "regions"
    kind: str  # "data" or "target"
    header_row: int
    columns: dict[str, int]
    rows: list[tuple[int, dict[str, Cell]]]
    problems: list[tuple[str, str]]  # (cell, message)
    notices: list[tuple[str, str]] = field(default_factory=list)  # (cell, message): read, not refused
    # the rows of totals passed over in a table of regions × indicators: (row, label, {column: (header, Cell)}),
    # for the importer to hold against the rows above them
    totals: list[tuple[int, str, dict[int, tuple[str, Cell]]]] = field(default_factory=list)
    # the columns of totals passed over in a table of indicators × regions (全市, 合计): (column, label,
    # [(row, the row's indicator as written, the total's Cell)]), held against the counties of each row likewise
    column_totals: list[tuple[int, str, list[tuple[int, object, Cell]]]] = field(default_factory=list)


def _norm(text) -> str:
    return re.sub(r"[\s_\-·.()（）]+", "", unicodedata.normalize("NFKC", str(text)).strip().lower())


_INDICATOR_HEADS = frozenset(_norm(h) for h in INDICATOR_HEADERS)


def _says_what(head) -> bool:
    """A year heading that says what its column holds (2024年完成值, 2025年目标值), not a year alone."""
    m = YEAR_HEADER_RE.match(unicodedata.normalize("NFKC", str(head)))
    return bool(m and m.group(3))


def is_target_header(value) -> bool:
    """A year column of targets (`2025年目标`, `2025年目标值`) rather than of values (`2024年`, `2024年完成值`)."""
    return isinstance(value, str) and "目标" in value


EXCEL_EPOCH = dt.date(1899, 12, 30)  # day 0 of Excel's (and LibreOffice's) 1900 date system


def year_of_date(value) -> int | None:
    """The year a date cell stands for: 2023-01-01 or 2023-12-31 (a year's start or end, as systems export a
    year) is 2023; a date in 1905 is 2023 typed into a cell formatted as a date (Excel stores the typed 2023 as
    day 2023, and shows 1905-07-15). Any other date is no year (2023-06-30 is half of one)."""
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime) and value.time() != dt.time():
        return None
    day = value.date() if isinstance(value, dt.datetime) else value
    if (day.month, day.day) in ((1, 1), (12, 31)) and 1949 <= day.year <= 2100:
        return day.year
    serial = (day - EXCEL_EPOCH).days
    if 1949 <= serial <= 2100:
        return serial
    return None


def year_of_header(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, dt.date):
        return year_of_date(value)
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
    # the region or the year (or both) may be missing: then they come from the title above the header
    ok = (("indicator_code" in columns or "indicator_name" in columns)
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
            if n in _INDICATOR_HEADS:
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
    # regions as rows, or a region's years as rows (年份 | 常住人口 | 床位数, the region in the title)
    if ("region_code" in columns or "region_name" in columns or "year" in columns) and len(inds) >= 2:
        return columns, inds
    return None


def _header_of(cells, is_indicator: Callable[[str], bool], is_region: Callable[[str], bool] = lambda _t: False):
    """(layout, columns, extra) when `cells` are a header row, else None; a long header with a column named
    twice is ("duplicate", columns, the names)."""
    long = _long_header(cells)
    if long is not None:
        return ("duplicate" if long[1] else "long", long[0], long[1] or None)
    years = _years_header(cells)
    if years is not None:
        return ("years", years[0], years[1])
    inds = _indicators_header(cells, is_indicator)
    if inds is not None:
        return ("indicators", inds[0], inds[1])
    regions = _regions_header(cells, is_region)
    if regions is not None:
        return ("regions", regions[0], regions[1])
    return None


def _regions_header(cells, is_region: Callable[[str], bool]):
    """指标名称 | 单位 | 全市 | 鹿城区 | 龙湾区 …: an indicator column and two or more columns headed by regions (a
    column of totals, 全市 or 合计, among them)."""
    columns: dict[str, int] = {}
    regions: dict[int, str] = {}
    for column, value, _p in cells:
        if not isinstance(value, str) or not value.strip():
            continue
        text = value.strip()
        n = _norm(text)
        if n in _INDICATOR_HEADS:
            columns.setdefault("indicator_code" if "代码" in text or "code" in n else "indicator_name", column)
            continue
        key = column_key(text)
        if key in ("unit", "note", "section", "indicator_code", "indicator_name"):
            columns.setdefault(key, column)
        elif key is None and (is_region(text) or (TOTAL_RE.match(n) and n)):
            regions[column] = text
    counted = [c for c, t in regions.items() if not TOTAL_RE.match(_norm(t))]
    if ("indicator_code" in columns or "indicator_name" in columns) and len(counted) >= 2:
        return columns, regions
    return None


def _stacked(rows: list[tuple[int, list]]) -> tuple[list, dict[int, int]]:
    """One header from rows drawn as one, top to bottom: each column's text from the lowest row that has one.
    A heading merged down over the rows (序号, 县（市、区）) keeps its text in the top cell; a group heading
    merged across (医疗资源 over three indicators) gives way to the names under it. Also which sheet row each
    column's text is on."""
    cells: dict[int, tuple] = {}
    at: dict[int, int] = {}
    over: dict[int, str] = {}  # the heading above each column, reaching right across the empty cells of its row
    for idx, row in rows:
        filled = sorted((c, v, p) for c, v, p in row if not _blank(v))
        spans = {}
        for k, (c, v, p) in enumerate(filled):
            end = filled[k + 1][0] if k + 1 < len(filled) else None
            spans.update({col: str(v).strip() for col in range(c, end or c + 8)})
            head = over.get(c)
            if isinstance(v, str) and head:
                text = v.strip()
                if year_of_header(head) is not None and SUB_HEADING_RE.match(unicodedata.normalize("NFKC", text)):
                    v = head + text  # 2024年 over 目标值 | 完成值: 2024年目标值, 2024年完成值
                elif column_key(text) is None and column_key(head + text) is not None:
                    v = head + text  # 地区 over 代码 | 名称: 地区代码, 地区名称
            cells[c] = (c, v, p)
            at[c] = idx
        over.update(spans)
    return [cells[c] for c in sorted(cells)], at


# the lines of a statistical report form above its table (表号, 制定机关, 批准文号, 有效期至 2025年12月): no title
FORM_LINE_RE = re.compile(r"^\s*(表\s*号|制[定表]机关|批准机关|批准文号|文\s*号|有效期|统计代码|组织机构代码|"
                          r"统一社会信用代码|计量单位)")


def _title_text(rows) -> list[tuple[int, int, str]]:
    return [(idx, col, v) for idx, cells in rows for col, v, _p in cells if isinstance(v, str) and v.strip()
            and not FORM_LINE_RE.match(unicodedata.normalize("NFKC", v))]


# the row of column numbers under a statistical report form's header (甲 | 乙 | 丙 | 1 | 2 | 3)
_COLUMN_LETTERS = set("甲乙丙丁戊己庚辛壬癸")


def _is_column_numbers(cells) -> bool:
    marks = [v.strip() if isinstance(v, str) else v for _c, v, _p in cells if not _blank(v)]
    if len(marks) < 2:
        return False
    letters = [m for m in marks if isinstance(m, str) and m in _COLUMN_LETTERS]
    numbers = [int(m) for m in marks if (isinstance(m, int) and not isinstance(m, bool)) or
               (isinstance(m, str) and m.isdigit() and len(m) <= 2)]
    if len(letters) + len(numbers) != len(marks):
        return False
    return bool(letters) or (len(numbers) >= 3 and numbers == list(range(numbers[0], numbers[0] + len(numbers))))


@dataclass
class Header:
    layout: str  # "long", "years", "indicators", "regions", or "duplicate" (a long header naming a column twice)
    row: int  # the sheet row of the header (the lowest, when it is drawn over several rows)
    columns: dict[str, int]
    extra: dict | None  # the year or indicator columns of a wide layout (the names told twice, for "duplicate")
    before: list[tuple[int, list]]  # the rows above it: titles
    upper_rows: list[tuple[int, list]]  # the rows above the header row drawn as part of it
    text_rows: dict[int, int]  # the sheet row of a column's header text when it is not `row` (merged down)
    filled: dict[int, str] = field(default_factory=dict)  # the columns whose header has a text, and the text

    def name_columns(self) -> tuple[str, list[int]]:
        """The indicator's column key and the columns its name may be in: from the header's column up to the
        next header with a text (指标名称 merged across a category column and the names' column)."""
        key = "indicator_name" if "indicator_name" in self.columns else "indicator_code"
        if key not in self.columns:
            return key, []
        start = self.columns[key]
        end = min((c for c in self.filled if c > start), default=start + 1)
        return key, list(range(start, min(end, start + 4)))


def _shown(value) -> str:
    """A cell's text as the sheet shows it: a date cell as 2025-06-30, not 2025-06-30 00:00:00."""
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    return str(value).strip()


def _filled(cells) -> dict[int, str]:
    return {c: _shown(v) for c, v, _p in cells if not _blank(v)}


class _Rows:
    """The rows of a sheet, with one row put back after a look at it."""

    def __init__(self, rows):
        self.rows = iter(rows)
        self.back: list = []

    def __iter__(self):
        return self

    def __next__(self):
        return self.back.pop() if self.back else next(self.rows)

    def push(self, row) -> None:
        self.back.append(row)


def _only_words(cells) -> bool:
    """A row of texts and no figure (a header's lower half, or a section heading)."""
    texts = [v for _c, v, _p in cells if not _blank(v)]
    return bool(texts) and all(isinstance(v, str) and not re.search(r"\d", v) for v in texts)


def _size(found) -> int:
    """How many columns a header tells: its keyed columns and its year or indicator columns."""
    return len(found[1]) + len(found[2] or {})


def _find_header(it, is_indicator: Callable[[str], bool], scan: int,
                 is_region: Callable[[str], bool] = lambda _t: False) -> Header | None:
    """The header among the first `scan` rows of `it` (consumed up to it): a row that is a header alone, else
    the row with the one or two rows just above it read as one (a header drawn over several rows)."""
    before: list[tuple[int, list]] = []
    for idx, cells in it:
        found = _header_of(cells, is_indicator, is_region)
        if found is not None:
            # a row of words under a header may be its lower half: 2024年 over 目标值 | 完成值, 地区 over 代码 | 名称
            below = next(it, None)
            if below is not None and below[0] == idx + 1 and _only_words(below[1]):
                stacked, at = _stacked([(idx, cells), below])
                sub = _header_of(stacked, is_indicator, is_region)
                if sub is not None and sub[0] != "duplicate" and _size(sub) > _size(found):
                    return Header(sub[0], below[0], sub[1], sub[2], before, [(idx, cells)],
                                  {c: r for c, r in at.items() if r != below[0]}, _filled(stacked))
            if below is not None:
                it.push(below)
        if found is not None:
            return Header(found[0], idx, found[1], found[2], before, [], {}, _filled(cells))
        above = []  # the rows just above, nearest first, that may be the upper part of a header drawn over rows
        for i, row in reversed(before[-(MAX_HEADER_ROWS - 1):]):
            if i != idx - len(above) - 1:
                break
            above.append((i, row))
        for n in range(1, len(above) + 1):
            upper = list(reversed(above[:n]))
            stacked, at = _stacked([*upper, (idx, cells)])
            found = _header_of(stacked, is_indicator, is_region)
            if found is not None:
                return Header(found[0], idx, found[1], found[2], before[:-n], upper,
                              {c: r for c, r in at.items() if r != idx}, _filled(stacked))
        before.append((idx, cells))
        if idx >= scan:
            return None
    return None


def read_table(title: str, kind: str, rows: Iterable[tuple[int, list[tuple[int, object, object]]]],
               is_indicator: Callable[[str], bool], find_region: Callable[[str], str | None],
               is_pct: Callable[[object], bool] = bool, scan: int = 10, file_name: str = "",
               is_region: Callable[[str], bool] = lambda _text: False,
               merged: Callable[[], list[tuple[int, int, int, int]]] | None = None) -> Table | None:
    """The table of one sheet, or None when no header is found in the first `scan` rows.

    `rows`: (row index, [(column, value, style)]) of the rows that exist, `is_pct(style)` true for a
    percent-formatted cell; `find_region(text)` gives the name of a region mentioned in a text (for a
    title), or None. The region or the year that neither a column, the titles nor the sheet's name gives is
    taken from `file_name` (`永嘉县_2023年.xlsx`) when it names it, and said as a notice. `merged()` gives the
    sheet's merged ranges (first row, first column, last row, last column), asked only when a row's region, year
    or indicator cell is empty: a cell merged down over the rows below (a county over its two years) gives
    them its text."""
    stem = unicodedata.normalize("NFKC", file_name.rsplit(".", 1)[0]) if file_name else ""
    # a text table's or a web page's one sheet is named after the file: what its name gives is the file's, said so
    sheet_is_file = bool(stem) and unicodedata.normalize("NFKC", title) == stem
    it = _Rows(rows)
    header = _find_header(it, is_indicator, scan, is_region)
    if header is None:
        return None
    if header.layout == "duplicate":
        from desktop.exchange.format import HEADER

        names = enumeration(HEADER[k] for k in dict.fromkeys(header.extra))
        return Table("long", kind, header.row, header.columns, [],
                     [(f"A{header.row}", Phrase("表头重复：{names}（同一列名只能出现一次）", names=names))])
    layout, header_row, columns, extra = header.layout, header.row, header.columns, header.extra
    header_rows, upper_rows, before = header.text_rows, header.upper_rows, header.before
    name_columns = header.name_columns() if layout in ("long", "years", "regions") else ("", [])
    titles = _title_text(before)
    # a title saying 目标 (主要指标目标值) makes a table of targets, unless its columns say which are targets
    # (2024年目标值 | 2024年完成值) or 目标 is of another word (目标责任制, 目标管理)
    says_which = layout == "years" and any(_says_what(head) for _y, head in extra.values())
    if kind == "data" and not says_which and any(TARGET_TITLE_RE.search(t) for _i, _c, t in titles):
        kind = "target"
    table = Table(layout, kind, header_row, columns, [], [])
    by_col = {c: k for k, c in columns.items()}
    region_cell = None
    year_cell = None
    if layout != "regions" and "region_code" not in columns and "region_name" not in columns:
        # the narrowest place the titles name (find_region takes a county before a city before the province):
        # 浙江省卫生健康统计报表 over 填报单位：永嘉县卫生健康局 is 永嘉县's table
        named = find_region("\n".join(t for _i, _c, t in titles)) if titles else None
        for i, c, t in titles:
            if named and find_region(t) == named:
                region_cell = Cell(c, named, False, i)
                break
        if region_cell is None and not sheet_is_file and find_region(title):
            region_cell = Cell(1, find_region(title), False, header_row)
        if region_cell is None and stem and find_region(stem):
            region_cell = Cell(1, find_region(stem), False, header_row)
            table.notices.append((f"A{header_row}", Phrase("表中没有写地区，按文件名取为“{region}”，请核对",
                                                           region=region_cell.value)))
        if region_cell is None:
            shape = {"years": Phrase("按“指标×年份”排列"), "indicators": Phrase("按“年份×指标”排列")}.get(
                layout, Phrase("没有“地区名称”列"))
            table.problems.append((f"A{header_row}", Phrase("表格{shape}，但找不到地区：请加一列“地区名称”，"
                                                            "或在表头上方的标题中写明地区（如“温岭市卫生健康指标”），"
                                                            "或在文件名中写明地区", shape=shape)))
            return table
    # regions × indicators of several years: a year heading above the indicators (2023年 over 床位数 and 医师数)
    col_years = _years_above(upper_rows, extra) if layout == "indicators" and "year" not in columns else {}
    every_column_has_its_year = bool(col_years) and set(extra) <= col_years.keys()
    if layout in ("indicators", "long", "regions") and "year" not in columns and not every_column_has_its_year:
        year_cell, problem = _title_year(titles)
        if year_cell is None and problem is None and not sheet_is_file:  # a sheet named 2024 or 2024年 does
            m = SHEET_YEAR_RE.fullmatch(unicodedata.normalize("NFKC", title).strip())
            year_cell = Cell(1, int(m.group(1)), False, header_row) if m else None
        named = set(FILE_YEAR_RE.findall(stem))
        if year_cell is None and problem is None and len(named) == 1:  # one year in the file's name, not two
            year_cell = Cell(1, int(named.pop()), False, header_row)
            table.notices.append((f"A{header_row}", Phrase("表中没有写年份，按文件名取为 {year} 年，请核对",
                                                           year=year_cell.value)))
        if year_cell is None:
            shape = {"indicators": Phrase("按“地区×指标”排列"), "regions": Phrase("按“指标×地区”排列")}.get(
                layout, Phrase("没有“年份”列"))
            table.problems.append(problem or (f"A{header_row}", Phrase(
                "表格{shape}，但找不到年份：请加一列“年份”，或在表头上方的标题中写明年份（如“2022年各县指标”），"
                "或把工作表命名为年份（如“2022”），或在文件名中写明年份", shape=shape)))
            return table
    # a column of regions × indicators whose heading is no indicator nor a known column: its figures are not read,
    # which is said (a heading written another way, 人均寿命（岁）, would otherwise be lost without a word)
    unread = {c: one_line(t) for c, t in header.filled.items() if layout in ("indicators", "regions")
              and c not in extra and c not in by_col and not NOT_A_FIGURE_HEADING.search(t)}
    if layout == "years":  # a year's column of part of it (2024年1-6月, 上半年): not the year's figure, said so
        unread = {c: one_line(t) for c, t in header.filled.items() if c not in extra and c not in by_col
                  and re.search(r"(?:19|20)\d\d", t)}
    unread_figures: set[int] = set()
    total_columns: dict[int, list[tuple[int, object, Cell]]] = {}
    if layout == "regions":
        for c, text in list(extra.items()):
            if TOTAL_RE.match(_norm(text)):
                del extra[c]
                table.notices.append((f"{_letter(c)}{header.text_rows.get(c, header_row)}",
                                      Phrase("“{text}”是合计列，未导入：市、省的数字由程序从各县汇总", text=one_line(text))))
                total_columns[c] = []
                table.column_totals.append((c, text, total_columns[c]))
    fill = _MergedLabels(columns, merged, name_columns)
    ended_at = None
    ctx = _Rowing(by_col, extra, is_pct, is_indicator, name_columns, header_row, header_rows, region_cell,
                  year_cell, col_years)
    # a table drawn again below the first (表2 under 表1, its own years) repeats the header's text in the key column
    key = next((k for k in ("indicator_name", "indicator_code", "region_name", "region_code") if k in columns), None)
    key_col = columns.get(key) if layout in ("long", "years") else None
    key_text = header.filled.get(key_col) if key_col is not None else None
    for idx, cells in it:
        if not table.rows and idx <= ctx.header_row + 1 and _is_column_numbers(cells):
            continue  # 甲 | 乙 | 丙 | 1 | 2 under the header of a report form
        if key_text is not None and _text_at(cells, key_col) == key_text:
            again = _header_of(cells, is_indicator, is_region)
            if again is not None and again[0] == layout:
                columns, extra = again[1], again[2]
                by_col = {c: k for k, c in columns.items()}
                again_header = Header(layout, idx, columns, extra, [], [], {}, _filled(cells))
                name_columns = again_header.name_columns()
                ctx.by_col, ctx.extra, ctx.name_columns, ctx.header_row, ctx.header_rows = \
                    by_col, extra, name_columns, idx, {}
                fill = _MergedLabels(columns, merged, name_columns)
                continue
        if layout == "indicators" and not ctx.units and not table.rows and _is_units_row(cells, columns, extra):
            ctx.units = {c: Cell(c, v.strip(), False, idx) for c, v, _p in cells if c in extra and not _blank(v)}
            continue
        if ended_at is None and is_footer(cells):
            ended_at = idx
            continue
        if ended_at is not None:
            stray = _stray_figure(layout, cells, columns, extra)
            if stray is not None:
                table.problems.append((f"{_letter(stray)}{idx}", Phrase(
                    "表格下方第 {row} 行是签名或注释行，其后不应再有数据（请把数据放在签名行上方）", row=ended_at)))
            continue
        cells = fill.row(idx, cells, ctx)
        total = _total_label(layout, cells, columns, extra)
        if total is not None:
            c, text = total
            table.notices.append((f"{_letter(c)}{idx}", Phrase("“{text}”是合计行，未导入：市、省的数字由程序从各县汇总",
                                                               text=text)))
            if layout == "indicators":
                table.totals.append((idx, text, {cc: (str(extra[cc]).strip(), Cell(cc, v, is_pct(p)))
                                                 for cc, v, p in cells if cc in extra and not _blank(v)}))
            continue
        produced = ROWS_OF[layout](ctx, cells)
        table.rows.extend((idx, row) for row in produced)
        if total_columns and produced:
            named = produced[0].get("indicator_name") or produced[0].get("indicator_code")
            for c, v, p in cells:
                if c in total_columns and not _blank(v) and named is not None:
                    total_columns[c].append((idx, named.value, Cell(c, v, is_pct(p))))
        if unread:
            unread_figures.update(c for c, v, _p in cells if c in unread and _is_figure(v))
    for c in sorted(unread_figures):
        table.notices.append((f"{_letter(c)}{header.text_rows.get(c, header_row)}",
                              Phrase("“{text}”不是目录中的指标，此列的数字未导入（若是指标，请按目录写名称）", text=unread[c])
                              if layout == "indicators" else
                              Phrase("“{text}”不是某一年全年的数值（如半年数、增长率），此列的数字未导入", text=unread[c])
                              if layout == "years" else
                              Phrase("“{text}”不是已知的地区，此列的数字未导入（若是地区，请按行政区划写名称）", text=unread[c])))
    return table


@dataclass
class _Rowing:
    """What turning a table's rows into the exchange's rows needs to know of its header and titles."""

    by_col: dict[int, str]  # column → key (region_name, unit, note …)
    extra: dict | None  # the year columns (years) or the indicator columns (indicators)
    is_pct: Callable[[object], bool]
    is_indicator: Callable[[str], bool]
    name_columns: tuple[str, list[int]]  # the indicator's key and the columns its name may be in
    header_row: int
    header_rows: dict[int, int]  # the sheet row of a header text above the header row
    region_cell: Cell | None  # the region from the title, for a table without a region column
    year_cell: Cell | None  # the year from the title, for a table without a year column
    col_years: dict[int, Cell]  # the year of each indicator column from a year heading above it
    units: dict[int, Cell] = field(default_factory=dict)  # a row of units under the names, by column
    # the row's columns whose text is that of a cell merged down over it, and the row that text is on
    merged_from: dict[int, int] = field(default_factory=dict)

    def keyed(self, cells) -> dict[str, Cell]:
        return {self.by_col[c]: Cell(c, v, self.is_pct(p), self.merged_from.get(c))
                for c, v, p in cells if c in self.by_col and not _blank(v)}

    def head_row(self, column: int) -> int:
        return self.header_rows.get(column, self.header_row)


def _long_rows(ctx: _Rowing, cells) -> list[dict[str, Cell]]:
    row = ctx.keyed(cells)
    _name_from_span(row, cells, ctx.name_columns, ctx.is_pct, ctx.is_indicator)
    if not row or ((ctx.region_cell or ctx.year_cell) and not ({"value", "target", "note"} & row.keys())):
        return []  # an empty row, or a section heading (一、医疗资源) of a table of one region-year
    _unit_from_name(row, ctx.is_indicator)
    if ctx.region_cell is not None:
        row["region_name"] = ctx.region_cell
    if ctx.year_cell is not None:
        row["year"] = ctx.year_cell
    return [row]


def _years_rows(ctx: _Rowing, cells) -> list[dict[str, Cell]]:
    """An indicator's row of years: one row per year, its value and target (2024年目标值 | 2024年完成值) together."""
    base = ctx.keyed(cells)
    _name_from_span(base, cells, ctx.name_columns, ctx.is_pct, ctx.is_indicator)
    _unit_from_name(base, ctx.is_indicator)
    if ctx.region_cell is not None:
        base["region_name"] = ctx.region_cell
    values = {c: (v, p) for c, v, p in cells if c in ctx.extra and not _blank(v)}
    # the 备注 column goes with the last year of values (not with a column of targets after it)
    last = max((c for c, (_y, head) in ctx.extra.items() if not is_target_header(head)), default=None)
    by_year: dict[int, dict[str, Cell]] = {}
    for c, (y, head) in sorted(ctx.extra.items()):
        if c not in values and not ("note" in base and c == last):
            continue
        row = by_year.setdefault(y, {k: v for k, v in base.items() if k != "note"})
        row.setdefault("year", Cell(c, y, False, ctx.head_row(c)))
        if c in values:
            key = "target" if is_target_header(head) else "value"
            row[key] = Cell(c, values[c][0], ctx.is_pct(values[c][1]))
        if "note" in base and c == last:
            row["note"] = base["note"]
    return list(by_year.values())


def _indicator_rows(ctx: _Rowing, cells) -> list[dict[str, Cell]]:
    """A region's row of indicators: one row per filled indicator column."""
    base = ctx.keyed(cells)
    if ctx.region_cell is not None:
        base["region_name"] = ctx.region_cell
    if ctx.year_cell is not None:
        base["year"] = ctx.year_cell
    filled = {c: (v, p) for c, v, p in cells if c in ctx.extra and not _blank(v)}
    out = []
    for c, head in sorted(ctx.extra.items()):
        if c not in filled:
            continue
        v, p = filled[c]
        name, unit = split_unit(head.strip())
        whole = ctx.is_indicator(head.strip())
        row = {k: val for k, val in base.items() if k != "note"}
        if c in ctx.col_years:
            row["year"] = ctx.col_years[c]
        row["indicator_name"] = Cell(c, head.strip() if whole else name, False, ctx.head_row(c))
        if unit is not None and not whole:
            row["unit"] = Cell(c, unit, False, ctx.head_row(c))
        elif c in ctx.units:
            row["unit"] = ctx.units[c]
        row["value"] = Cell(c, v, ctx.is_pct(p))
        out.append(row)
    return out


def _region_rows(ctx: _Rowing, cells) -> list[dict[str, Cell]]:
    """An indicator's row of regions: one row per filled region column, the region from its heading."""
    base = ctx.keyed(cells)
    _name_from_span(base, cells, ctx.name_columns, ctx.is_pct, ctx.is_indicator)
    _unit_from_name(base, ctx.is_indicator)
    base.pop("note", None)
    if ctx.year_cell is not None:
        base["year"] = ctx.year_cell
    out = []
    for c, v, p in cells:
        if c in ctx.extra and not _blank(v):
            row = dict(base)
            row["region_name"] = Cell(c, ctx.extra[c], False, ctx.head_row(c))
            row["value"] = Cell(c, v, ctx.is_pct(p))
            out.append(row)
    return out


# the columns whose text a cell merged down over several rows gives to each of them (not a figure's, nor a note's;
# a unit's is not needed)
LABEL_KEYS = ("region_code", "region_name", "year", "indicator_code", "indicator_name")
MAX_COVERED = 500_000  # label cells under merged cells followed in one sheet (100,000 rows of 5 label columns)


class _MergedLabels:
    """Fills a row's empty region, year or indicator cell that lies under a cell merged down over it (a
    county written once over its two years): the sheet's merged ranges are asked for only when such a cell is
    met, and only cells merged over one column are followed (a figure is never copied)."""

    def __init__(self, columns: dict[str, int], merged, name_columns: tuple[str, list[int]]):
        # a 指标名称 merged across a category column and the names': the category merged down is no name
        span = set(name_columns[1]) if len(name_columns[1]) > 1 else set()
        self.labels = {c for k, c in columns.items() if k in LABEL_KEYS and c not in span}
        self.merged = merged
        self.cover: dict[tuple[int, int], tuple[int, int]] | None = None
        self.last: dict[int, tuple[int, object, object]] = {}  # each column's last text: its row, value, style

    def row(self, idx: int, cells: list, ctx: "_Rowing") -> list:
        if ctx.merged_from:
            ctx.merged_from = {}
        labels, found = self.labels, 0
        for c, v, p in cells:  # (every row of a province workbook passes here: kept lean)
            if c in labels and not _blank(v):
                self.last[c] = (idx, v, p)
                found += 1
        if found == len(labels) or not cells or self.merged is None:
            return cells
        missing = {c for c in labels if self.last.get(c, (0,))[0] != idx}
        if self.cover is None:
            self.cover = {}
            # a sheet has at most MAX_COVERED label cells under merges: a hostile file's ranges, overlapping or
            # far down, stop there rather than take minutes or fill memory
            spent = 0
            for r1, c1, r2, c2 in self.merged()[:100_000]:
                if c1 == c2 and c1 in self.labels and r2 > r1:
                    last = min(r2, r1 + 10_000)
                    for r in range(r1 + 1, last + 1):
                        self.cover[(r, c1)] = (r1, c1)
                    spent += last - r1
                    if spent > MAX_COVERED:
                        break
        added = []
        for c in sorted(missing):
            top = self.cover.get((idx, c))
            # the cells between the top one and this row are covered by the same range: the column's last text
            # is the top cell's, unless the top cell was empty or above the header
            if top is not None and c in self.last and self.last[c][0] == top[0]:
                added.append((c, *self.last[c][1:]))
                ctx.merged_from[c] = top[0]
        return cells + added if added else cells


ROWS_OF = {"long": _long_rows, "years": _years_rows, "indicators": _indicator_rows, "regions": _region_rows}


FILE_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")  # a year in a file's name, not in a date 20240105
YEAR_IN_TITLE_RE = re.compile(r"((?:19|20)\d{2})\s*年")
YEAR_RANGE_RE = re.compile(r"(?:19|20)\d{2}\s*年?\s*[-—–~～至到]+\s*(?:19|20)\d{2}\s*年?")


def _title_year(titles) -> tuple[Cell | None, tuple[str, str] | None]:
    """The year a title above the header names (`台州市2023年各县…`), or None and, for a title naming a range of
    years (`（2021—2023年）`: which one is meant?), the problem at its cell."""
    for i, c, t in titles:
        text = unicodedata.normalize("NFKC", t)
        span = YEAR_RANGE_RE.search(text)
        if span:
            return None, (f"{_letter(c)}{i}", Phrase("标题写的是年份范围“{span}”，不知道表中是哪一年：请加一列“年份”，"
                                                    "或在标题中只写一个年份", span=span.group(0)))
        m = YEAR_IN_TITLE_RE.search(text)
        if m:
            return Cell(c, int(m.group(1)), False, i), None
    return None, None


def _blank(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _years_above(upper_rows: list[tuple[int, list]], columns) -> dict[int, Cell]:
    """The year of each indicator column from a year heading above it in the header's upper rows: a heading
    merged across keeps its text in its leftmost cell, so it reaches right to the next filled cell of its row."""
    out: dict[int, Cell] = {}
    for i, row in upper_rows:
        filled = sorted((c, v) for c, v, _p in row if not _blank(v))
        for k, (c0, v) in enumerate(filled):
            y = year_of_header(v)
            if y is None:
                continue
            end = filled[k + 1][0] if k + 1 < len(filled) else None
            for c in columns:
                if c >= c0 and (end is None or c < end):
                    out[c] = Cell(c0, y, False, i)
    return out


def _name_from_span(row: dict[str, Cell], cells, name_columns: tuple[str, list[int]], is_pct,
                    is_indicator: Callable[[str], bool]) -> None:
    """Under a 指标名称 merged across two columns (a category, then the names), the name is the rightmost text
    of those columns in the row that names an indicator; when none does, the header's own column stays (its
    error names it)."""
    key, columns = name_columns
    if len(columns) < 2:
        return
    texts = [(c, v, p) for c, v, p in cells if c in columns and isinstance(v, str) and v.strip()]
    named = [t for t in texts if is_indicator(t[1].strip()) or is_indicator(split_unit(t[1].strip())[0])]
    if named:
        c, v, p = max(named, key=lambda t: t[0])
        row[key] = Cell(c, v, is_pct(p))
    elif key not in row and texts:
        c, v, p = min(texts, key=lambda t: t[0])
        row[key] = Cell(c, v, is_pct(p))


def _unit_from_name(row: dict[str, Cell], is_indicator: Callable[[str], bool]) -> None:
    """An indicator named with its unit in brackets (`居民健康素养水平（%）`): the name is looked up without it,
    and the unit is checked like a unit column's (at the name's cell) unless the row has one."""
    cell = row.get("indicator_name")
    if cell is None or not isinstance(cell.value, str) or is_indicator(cell.value.strip()):
        return
    name, unit = split_unit(cell.value.strip())
    if unit is None or not is_indicator(name):
        return
    row["indicator_name"] = Cell(cell.column, name, cell.percent, cell.row)
    if "unit" not in row:
        row["unit"] = Cell(cell.column, unit, False, cell.row)


def _is_units_row(cells, columns, extra) -> bool:
    """A row of units right under the header of regions × indicators: nothing in the region columns but a
    word such as 单位, and under the indicators only text that is not a number (张, 人, ‰, 1/10万)."""
    region_cols = {columns[k] for k in ("region_code", "region_name") if k in columns}
    units = 0
    for c, v, _p in cells:
        if _blank(v):
            continue
        if c in extra:
            if not isinstance(v, str) or _is_number_text(v):
                return False
            units += 1
        elif c in region_cols and column_key(v) != "unit":
            return False
    return units > 0


def _text_at(cells, column: int) -> str | None:
    """The text of a row's cell in `column` (cells come in column order), stripped; None for none."""
    for c, v, _p in cells:
        if c >= column:
            return v.strip() if c == column and isinstance(v, str) else None
    return None


def _is_figure(v) -> bool:
    return (isinstance(v, (int, float)) and not isinstance(v, bool)) or (isinstance(v, str) and _is_number_text(v)
                                                                       and bool(re.search(r"\d", v)))


def _is_number_text(text: str) -> bool:
    t = re.sub(r"[\s,，%％‰]", "", unicodedata.normalize("NFKC", text))
    try:
        float(t)
    except ValueError:
        return t in {"-", "—", "/", "－"}
    return True


def _total_label(layout, cells, columns, extra) -> tuple[int, str] | None:
    """The cell and text of a row of totals (合计, 全市合计 …): its region cell, or the first filled cell of a
    row without one (a 合计 written in the 序号 column), in a table of regions as rows."""
    if layout != "indicators" and not (layout == "years" and ("region_code" in columns or "region_name" in columns)):
        return None
    region_cols = {columns[k] for k in ("region_code", "region_name") if k in columns}
    filled = [(c, v) for c, v, _p in cells if not _blank(v) and c not in (extra or ())]
    named = [(c, v) for c, v in filled if c in region_cols]
    for c, v in named or filled[:1]:
        text = str(v).strip()
        if isinstance(v, str) and TOTAL_RE.match(_norm(text)) and _norm(text):
            return c, text
    return None


def _stray_figure(layout, cells, columns, extra) -> int | None:
    """The column of a number below the signature lines, in a column the table reads figures from."""
    figure_cols = set(extra or ()) | {columns[k] for k in ("value", "target") if k in columns}
    for c, v, _p in cells:
        if c in figure_cols and isinstance(v, (int, float)) and not isinstance(v, bool):
            return c
    return None
