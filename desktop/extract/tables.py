"""Tables in a report (a .docx table, an HTML <table>, a table in a PDF's text layer) written out as the lines a
reader would say aloud.

A bulletin's table

    指标                | 单位 | 2024年 | 2023年 | 增长（%）
    医疗卫生机构床位数  | 张   | 4215   | 4029   | 4.6

becomes the line `医疗卫生机构床位数2024年为4215张，比上年增长4.6%，医疗卫生机构床位数2023年为4029张。`, which
the extractor reads like any sentence of prose: the year of each figure from its column, the unit from the 单位
column (or a unit in brackets after a name or a heading), 本年 and 上年 columns as this year and the year before,
a change column as a change. A table of regions as rows (`永嘉县：医疗卫生机构床位数为4215张，…`) is read the
same way, and the extractor's place rules keep only the region's own row.

Only data tables are written out so: short cells, at least two rows and two columns. A layout table (a web
page's whole text inside one cell) gives its cells one line each, as before. A PDF keeps no cells:
`tables_in_lines` finds its tables from their headings (below).
"""

from __future__ import annotations

import re
import unicodedata

MAX_CELL = 40  # longer cells are prose: the table is one for layout
_YEAR = re.compile(r"^((?:19|20)\d{2})年?(?:末|底|度|年末|年底)?(?:数|数值|数据|实绩|完成|完成值|实际|实际值)?$")
_THIS_YEAR = re.compile(r"^(?:本年|本期|今年|报告期|本年度)(?:末|底)?(?:数|数值|数据|实绩|完成|完成值|实际|实际值)?$")
_LAST_YEAR = re.compile(r"^(?:上年|去年|上年同期|上期|上年度)(?:末|底)?(?:数|数值|数据|实绩)?$")
_CHANGE = re.compile(r"增长|增减|增幅|比上年|同比|增加|变化|变动")
_UNIT_HEAD = {"单位", "计量单位"}
_SEQ_HEAD = {"序号", "编号", "序"}
_TRAILING_UNIT = re.compile(r"^(.*?)\s*[（(]\s*([^（）()]{1,6})\s*[)）]\s*$")
_NOT_A_UNIT = re.compile(r"含|包括|不含|其中|以上|以下|及")
_EMPTY = {"", "-", "—", "——", "/", "－", "…", "...", "无"}
_HAS_UNIT = re.compile(r"[%‰％]$|[^\d.,，\s]$")


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def split_unit(text: str) -> tuple[str, str]:
    """`床位数（张）` → (`床位数`, `张`); `执业医师（含助理）` keeps its bracket (it is no unit)."""
    m = _TRAILING_UNIT.match(text.strip())
    if m and m.group(1) and not _NOT_A_UNIT.search(m.group(2)):
        return m.group(1).strip(), m.group(2).strip()
    return text.strip(), ""


def is_data_table(rows: list[list[str]]) -> bool:
    """Rows of short cells, at least two rows of at least two filled cells: a table of figures."""
    if len(rows) < 2 or any(len(c.strip()) > MAX_CELL for row in rows for c in row):
        return False
    return sum(1 for row in rows if sum(1 for c in row if c.strip()) >= 2) >= 2


def _is_number(text: str) -> bool:
    """A figure, with or without a short unit after it (`4215`, `4.6%`, `4215张`); a year heading is none."""
    key = _norm(text)
    return bool(re.fullmatch(r"[-+−]?\d[\d,，]*(?:\.\d+)?[^\d\s]{0,4}", key)) and not _YEAR.match(key)


def _column_kind(head: str) -> tuple[str, str, str]:
    """(kind, label, unit) of a column by its heading: kind is year (label the year), this, last, change,
    unit, seq or named (label the heading without its unit)."""
    name, unit = split_unit(head)
    key = _norm(name)
    if key in _UNIT_HEAD:
        return "unit", "", ""
    if key in _SEQ_HEAD:
        return "seq", "", ""
    m = _YEAR.match(key)
    if m:
        return "year", m.group(1), unit
    if _THIS_YEAR.match(key):
        return "this", "", unit
    if _LAST_YEAR.match(key):
        return "last", "", unit
    if _CHANGE.search(key):
        return "change", "", unit or ("%" if "%" in head or "％" in head or "率" in key else "")
    return "named", name, unit


def render_table(rows: list[list[str]]) -> list[str]:
    """The lines a data table says (see the module's docstring); `rows` are its cells' texts, a merged cell's
    text repeated in each column it spans."""
    rows = [[c.strip() for c in row] for row in rows if any(c.strip() for c in row)]
    if not rows:
        return []
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    # the heading rows: the leading rows with no figure beyond the first column and at least two different
    # texts (a row of one text spanning the table is a section heading), read as one per column
    n_head = 0
    while n_head < len(rows) - 1 and not any(_is_number(c) for c in rows[n_head][1:]) \
            and len({c for c in rows[n_head] if c}) >= 2:
        n_head += 1
    if n_head == 0:
        return ["，".join(c for c in r if c) + "。" for r in rows]
    kinds = []
    for col in range(width):
        texts: list[str] = []
        for r in rows[:n_head]:
            if r[col] and r[col] not in texts:
                texts.append(r[col])
        # the lowest heading that says what the column is (数量 over 2024年 and 2023年: the years), else all
        known = [k for k in map(_column_kind, reversed(texts)) if k[0] != "named"]
        kinds.append(known[0] if known else _column_kind("".join(texts)))
    label_col = next((c for c, k in enumerate(kinds) if k[0] not in ("seq", "unit")), 0)
    unit_col = next((c for c, k in enumerate(kinds) if k[0] == "unit"), None)
    lines: list[str] = []
    for r in rows[n_head:]:
        label, row_unit = split_unit(r[label_col])
        if unit_col is not None and r[unit_col]:
            row_unit = r[unit_col]
        cells = [(c, v) for c, v in enumerate(r) if c != label_col and kinds[c][0] not in ("seq", "unit")
                 and _norm(v) not in _EMPTY and v != r[label_col]]
        if not label or not cells:
            text = label or "，".join(dict.fromkeys(v for v in r if v))
            if text:
                lines.append(text)  # a section heading (一、医疗资源) or a note
            continue
        lines.append(_row_line(label, row_unit, [(kinds[c], v) for c, v in cells]))
    return lines


def _row_line(label: str, row_unit: str, cells: list[tuple[tuple[str, str, str], str]]) -> str:
    """One row of figures as a sentence. The latest year (or 本年) first, then the change from the year before
    (it is the latest year's), then the earlier years; each year with the row's name again, so each figure
    stands in a clause of its own (`床位数2024年为4215张，比上年增长4.6%，床位数2023年为4029张。`). Columns named
    otherwise (indicators, in a table of regions as rows) follow the row's name (`永嘉县：床位数为4215张，…`)."""
    row_year = _YEAR.match(_norm(label))
    if row_year:  # a row of one year (年份 | 床位数 | 医师数): each figure with its indicator and the year
        parts = []
        for (kind, name, head_unit), v in cells:
            unit = "" if _HAS_UNIT.search(_norm(v)) else (head_unit or row_unit)
            parts.append(f"{name}{row_year.group(1)}年为{v}{unit}" if kind == "named" and name else f"{v}{unit}")
        return "，".join(parts) + "。"
    years = [int(k[1]) for k, _v in cells if k[0] == "year"]
    latest = max(years, default=None)

    def order(cell) -> int:
        (kind, name, _u), _v = cell
        if kind == "this" or (kind == "year" and int(name) == latest):
            return 0
        return {"change": 1, "last": 2, "year": 3}.get(kind, 4)

    parts = []
    named = False
    for (kind, name, head_unit), v in sorted(cells, key=order):
        has_unit = bool(_HAS_UNIT.search(_norm(v)))
        unit = "" if has_unit else (head_unit or row_unit)
        if kind == "year":
            parts.append(f"{label}{name}年为{v}{unit}")
        elif kind == "this":
            parts.append(f"{label}为{v}{unit}")
        elif kind == "last":
            parts.append(f"上年为{v}{unit}")
        elif kind == "change":
            parts.append(f"比上年增长{v}{'' if has_unit else head_unit}")
        else:
            named = True
            parts.append(f"{name}为{v}{unit}" if name else f"{v}{unit}")
    if named or not parts or parts[0].startswith(("上年", "比上年")):
        return f"{label}：{'，'.join(parts)}。"
    return "，".join(parts) + "。"


# ---- tables in the text layer of a PDF ------------------------------------------------------------------
# A PDF keeps no cells, only text: a table comes out of pypdf either one cell to a line, or one row to a line
# with the cells apart by spaces. Both are found from a heading that says what its columns are (a year, 本年,
# 上年, 单位, a change) and taken for as long as the rows under it fit it; the first row that does not ends the
# table and is left as it was.
_MAX_COLUMNS = 12
_SENTENCE = re.compile(r"[。，；：:;,]")


def _heading_like(text: str) -> bool:
    t = text.strip()
    return 0 < len(t) <= 16 and not _is_number(t) and not _SENTENCE.search(t)


def _heading(cells: list[str]) -> bool:
    """Cells that may head a table of figures: short texts, one of them a year, 本年, 上年, 单位 or a change."""
    return 3 <= len(cells) <= _MAX_COLUMNS and all(_heading_like(c) for c in cells) and \
        any(_column_kind(c)[0] in ("year", "this", "last", "unit", "change") for c in cells)


def _fits(kinds: list[tuple[str, str, str]], cells: list[str]) -> bool:
    """A row of figures under the heading: a name first, figures (or an empty mark) under the year, 本年, 上年
    and change columns, a short word under 单位, at least one figure."""
    if len(cells) != len(kinds) or not cells[0].strip() or _is_number(cells[0]) or len(cells[0]) > MAX_CELL:
        return False
    figures = 0
    for (kind, _name, _unit), cell in zip(kinds[1:], cells[1:]):
        if _is_number(cell):
            figures += 1
        elif kind == "unit":
            if len(cell.strip()) > 6:
                return False
        elif _norm(cell) not in _EMPTY:
            return False
    return figures > 0


def tables_in_lines(lines: list[str]) -> list[str]:
    """The lines of a PDF page with each table found in them written out as its rows' sentences."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        found = _table_at(lines, i)
        if found is None:
            out.append(lines[i])
            i += 1
            continue
        rows, i = found
        out.extend(render_table(rows))
    return out


def _table_at(lines: list[str], i: int) -> tuple[list[list[str]], int] | None:
    """The table whose heading starts at line i, and the line after it; None when there is none."""
    # one row to a line, cells apart by spaces
    cells = lines[i].split()
    if _heading(cells):
        kinds = [_column_kind(c) for c in cells]
        rows, j = [cells], i + 1
        while j < len(lines) and _fits(kinds, lines[j].split()):
            rows.append(lines[j].split())
            j += 1
        if len(rows) > 1:
            return rows, j
    # one cell to a line: the heading is the longest run of heading-like lines that heads rows fitting it
    run = 0
    while i + run < len(lines) and run < _MAX_COLUMNS and _heading_like(lines[i + run]):
        run += 1
    for k in range(run, 2, -1):
        head = [c.strip() for c in lines[i:i + k]]
        if not _heading(head):
            continue
        kinds = [_column_kind(c) for c in head]
        rows, j = [head], i + k
        while j + k <= len(lines) and _fits(kinds, [c.strip() for c in lines[j:j + k]]):
            rows.append([c.strip() for c in lines[j:j + k]])
            j += k
        if len(rows) > 1:
            return rows, j
    return None
