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
import statistics
import unicodedata

MAX_CELL = 40  # longer cells are prose: the table is one for layout
_YEAR = re.compile(r"^((?:19|20)\d{2})年?(?:末|底|度|年末|年底)?(?:数|数值|数据|实绩|完成|完成值|实际|实际值)?$")
_THIS_YEAR = re.compile(r"^(?:本年|本期|今年|报告期|本年度)(?:末|底)?(?:数|数值|数据|实绩|完成|完成值|实际|实际值)?$")
_LAST_YEAR = re.compile(r"^(?:上年|去年|上年同期|上期|上年度)(?:末|底)?(?:数|数值|数据|实绩)?$")
_CHANGE = re.compile(r"增长|增减|增幅|比上年|同比|增加|变化|变动")
_UNIT_HEAD = {"单位", "计量单位"}
# headings over the years that name no indicator (数量 over 2024年 and 2023年)
_GENERIC = {"数量", "数值", "数据", "指标值", "实绩", "完成", "完成值", "完成情况", "情况", "总量", "绝对数", "年份", "年度",
            "指标", "项目", "单位", "合计", "总计", "全年"}
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


def on_grid(rows: list[list[str]], edges: list[tuple[int, ...]]) -> list[list[str]]:
    """Rows of a Word or RTF table on the table's grid of columns (every edge of every row's cells, in twips): a
    cell merged across columns (数量 over 2023年 and 2022年) repeated in each. `edges` are each row's cells' edges,
    left to right, one more than its cells; the rows as they are when one is missing."""
    if any(len(e) != len(r) + 1 for r, e in zip(rows, edges)) or len(edges) != len(rows):
        return rows
    grid: list[int] = []
    for edge in sorted({x for e in edges for x in e}):
        if not grid or edge - grid[-1] > 30:  # edges a hair apart are one
            grid.append(edge)
    out = []
    for cells, e in zip(rows, edges):
        row = []
        for k, text in enumerate(cells):
            spanned = sum(1 for g in grid[:-1] if e[k] - 30 <= g < e[k + 1] - 30)
            row.extend([text] * max(1, spanned))
        out.append(row)
    return out


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
        kind = known[0] if known else _column_kind("".join(texts))
        # a year under an indicator's name (地区 | 床位数（张） over 2023年 and 2022年): the year of that indicator
        named = [t for t in texts if _column_kind(t)[0] == "named" and _norm(split_unit(t)[0]) not in _GENERIC]
        if kind[0] == "year" and named and col > 0:
            name, unit = split_unit(named[-1])
            kind = ("named", f"{name}{kind[1]}年", kind[2] or unit)
        kinds.append(kind)
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
# a table's title ("表1 2023年各县区主要卫生健康指标", "表一"): never a line of its heading, however its words fall
# over the columns
_TABLE_TITLE = re.compile(r"^\s*(?:附)?表\s*[0-9０-９一二三四五六七八九十]+")


def _title_line(line: list[_Chunk], bands: list[tuple[float, float]]) -> bool:
    """A table's title above its heading, left as text: 表1… (however it falls over the columns), or a text of six
    characters or more over three columns or more ("湖州市2023年各县区卫生健康主要指标"; a heading's text over
    its columns, 数量 over 2024年 and 2023年, is short)."""
    if _TABLE_TITLE.match("".join(c.text for c in line)):
        return True
    return any(len(_in_bands(c, bands)) >= 3 and len(c.text.strip()) >= 6 for c in line)


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


# ---- tables by the positions of a PDF's text ----------------------------------------------------------
# pypdf gives the text of a page as pieces in the order they are drawn, each with where it starts. A cell whose
# text wraps (a narrow 指标名称 column, 2024 over 年 in a heading) comes out of extract_text as lines that no
# longer line up; its pieces' positions still say which column and which row they are in. A table is found
# from its rows of figures: lines, top to bottom, whose pieces fall into the same columns, at least one of them
# a figure. The lines without a figure between them (and just under the last, or just above the first) are the
# rest of wrapped cells, each line given to a row by the cells' alignment; the lines above are the heading, each
# column's texts read top to bottom. A table is written out only when its heading says what its columns are
# (a year, 本年, 上年, 单位, a change) or it has three rows of figures under a heading of short texts; everything
# else on the page is left exactly as extract_text gives it. desktop/extract/README.md has the rules.
Piece = tuple[str, float, float, float]  # text, x and y of its start (points), font size (points)


class _Chunk:
    __slots__ = ("text", "x0", "x1", "y", "size", "pieces")

    def __init__(self, text: str, x: float, y: float, size: float, index: int):
        self.text, self.x0, self.y, self.size, self.pieces = text, x, y, size, [index]
        self.x1 = x + _width(text, size)

    def add(self, text: str, x: float, index: int) -> None:
        self.text += text
        self.x1 = max(self.x1, x + _width(text, self.size))
        self.pieces.append(index)


def _width(text: str, size: float) -> float:
    """The width a text takes, estimated: a wide (CJK) character one em, any other about half of one."""
    return size * sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55 for ch in text)


def _chunks(pieces: list[Piece]) -> list[_Chunk]:
    """The pieces joined where pypdf put nothing between them on the same line (比上年增长（ + % + ）)."""
    chunks: list[_Chunk] = []
    apart = True
    for index, (text, x, y, size) in enumerate(pieces):
        if not text.strip():
            apart = True
            continue
        size = size if size > 0 else 10.0
        last = chunks[-1] if chunks else None
        # a wide (CJK) character's width is known, a narrow one's only guessed: after a wide one, a gap of a
        # quarter of an em parts two cells set close ("人均期望寿命（岁）" | "每千人口医疗机构床位数（张）")
        slack = 0.25 if last is not None and unicodedata.east_asian_width(last.text[-1]) in "WF" else 0.8
        if not apart and last is not None and "\n" not in text and abs(y - last.y) < 0.3 * last.size \
                and last.x0 - 1 <= x <= last.x1 + slack * last.size:
            last.add(text, x, index)
        else:
            chunks.append(_Chunk(text, x, y, size, index))
        apart = text[-1].isspace()
    return [c for c in chunks if "\n" not in c.text.strip()]


def _lines(chunks: list[_Chunk]) -> list[list[_Chunk]]:
    """The chunks grouped by baseline, top to bottom, each line left to right; within a line a chunk ends where
    the next begins (the estimate of its width may be too long)."""
    lines: list[list[_Chunk]] = []
    for chunk in sorted(chunks, key=lambda c: -c.y):
        if lines and abs(lines[-1][0].y - chunk.y) <= 0.4 * max(chunk.size, lines[-1][0].size):
            lines[-1].append(chunk)
        else:
            lines.append([chunk])
    for line in lines:
        line.sort(key=lambda c: c.x0)
        for a, b in zip(line, line[1:]):
            a.x1 = max(a.x0 + 1, min(a.x1, b.x0 - 0.5))
    return lines


def _has_figure(line: list[_Chunk]) -> bool:
    return len(line) >= 2 and any(_is_number(c.text) for c in line[1:])


def _bands(lines: list[list[_Chunk]]) -> list[tuple[float, float]]:
    """The columns: the spans of the chunks of the rows of figures, overlapping spans joined."""
    spans = sorted((c.x0, c.x1) for line in lines for c in line)
    bands: list[list[float]] = []
    for x0, x1 in spans:
        if bands and x0 < bands[-1][1]:
            bands[-1][1] = max(bands[-1][1], x1)
        else:
            bands.append([x0, x1])
    return [(a, b) for a, b in bands]


def _in_bands(chunk: _Chunk, bands: list[tuple[float, float]]) -> list[int]:
    """The columns a chunk lies over (most of each of them, or most of the chunk in one)."""
    over = []
    for k, (a, b) in enumerate(bands):
        common = min(chunk.x1, b) - max(chunk.x0, a)
        if common > 0.5 * min(chunk.x1 - chunk.x0, b - a) or a <= (chunk.x0 + chunk.x1) / 2 <= b:
            over.append(k)
    return over


def _table_from(lines: list[list[_Chunk]], start: int, carried: _Heading | None = None):
    """The table whose first row of figures is lines[start]: (rows of cells, the lines it takes, its heading), or
    None. A table without a heading of its own whose columns are those of `carried` (the last table of the page
    before) goes on under that heading: a long table over two pages."""
    size = max(c.size for c in lines[start])
    rows = [start]
    j = start + 1
    while j < len(lines) and lines[j - 1][0].y - lines[j][0].y <= 4 * size:
        if _has_figure(lines[j]):
            rows.append(j)
        elif not all(len(c.text.strip()) <= MAX_CELL for c in lines[j]):
            break
        j += 1
    if len(rows) < 2:
        return None
    bands = _bands([lines[r] for r in rows])
    if len(bands) < 3 or len(bands) > _MAX_COLUMNS:
        return None
    for r in rows:  # each chunk of a row of figures in one column, no column twice
        cols = [_in_bands(c, bands) for c in lines[r]]
        if any(len(c) != 1 for c in cols) or len({c[0] for c in cols}) != len(cols):
            return None
    between = [k for k in range(start + 1, rows[-1]) if k not in rows]
    if any(len(_in_bands(c, bands)) != 1 for k in between for c in lines[k]):
        return None

    def fits(k: int) -> bool:  # short texts in the columns
        return not _has_figure(lines[k]) and all(_heading_like(c.text) and _in_bands(c, bands) for c in lines[k])

    # above the first row: the heading, then perhaps the first row's wrapped name (centred or at the bottom of
    # its cell), no farther apart than the rows are
    pitch = max(2.5 * size, 1.25 * statistics.median(lines[a][0].y - lines[b][0].y for a, b in zip(rows, rows[1:])))
    above: list[int] = []
    k = start - 1
    while k >= 0 and len(above) < 6 and lines[k][0].y - lines[k + 1][0].y <= pitch and fits(k) \
            and not _title_line(lines[k], bands):
        above.insert(0, k)
        k -= 1
    # the heading ends at its lowest line with a text outside the first column; a line above all texts outside
    # the first column holds the table's title (表1 卫生资源情况), left as text
    outside = [k for k in above if any(_in_bands(c, bands) != [0] for c in lines[k])]
    head = [k for k in above if outside and outside[0] <= k <= outside[-1]]
    lead = [k for k in above if outside and k > outside[-1]]
    below: list[int] = []
    k = rows[-1] + 1
    while k < len(lines) and len(below) < 4 and lines[k - 1][0].y - lines[k][0].y <= 1.6 * size and fits(k) \
            and all(len(_in_bands(c, bands)) == 1 for c in lines[k]):
        below.append(k)
        k += 1
    titles: list[list[str]] = [[] for _ in bands]
    over: list[str] = [""] * len(bands)  # a text over several columns of the heading (数量 over 2024年, 2023年)
    for k in head:
        for c in lines[k]:
            cols = _in_bands(c, bands)
            if len(cols) == 1:
                titles[cols[0]].append(c.text.strip())
            elif 0 in cols:
                return None  # a title across the whole table is no heading
            else:
                for col in cols:
                    over[col] = c.text.strip()
    heading = [_column_heading(t) for t in titles]
    heading_rows = ([over] if any(over) else []) + [heading]
    align = _alignment([lines[k] for k in head], bands, size)
    if not (_heading([h for h in heading if h]) or (len(rows) >= 3 and sum(1 for h in heading if h) >= 3)):
        if carried is None or not carried.fits(bands):
            return None
        heading_rows, align, head = carried.rows, carried.align, []  # what was above is no heading: left as text
    # a wrapped cell: the chunks of one column whose lines follow each other at the spacing of wrapped text.
    # Where rows are so close that one cell runs into the next, the cells' alignment says whose a line is: the
    # one-line cells of a wrapped heading sit at its top, its bottom or its middle, and so do the rows' figures.
    if align is None:  # a heading of one line: a wrapped first or last row may tell
        align = "bottom" if lead and not below else "top" if below and not lead else "middle"
    row_y = {r: lines[r][0].y for r in rows}
    cells: dict[int, list[list[_Chunk]]] = {r: [[] for _ in bands] for r in rows}
    taken = set(head + rows + between)
    for col in range(len(bands)):
        column = sorted(((k, c) for k in lead + rows + between + below for c in lines[k] if _in_bands(c, bands) == [col]),
                        key=lambda kc: -kc[1].y)
        blocks: list[list[tuple[int, _Chunk]]] = []
        for k, c in column:
            if blocks and blocks[-1][-1][1].y - c.y <= 1.6 * c.size:
                blocks[-1].append((k, c))
            else:
                blocks.append([(k, c)])
        for block in blocks:
            top, bottom = block[0][1].y, block[-1][1].y
            # the rows whose figures are level with the block (a row may have nothing in this column on its line)
            own = [r for r in rows if bottom - 0.4 * size <= row_y[r] <= top + 0.4 * size]
            centre = (top + bottom) / 2
            placed: dict[int, list[float]] = {r: [] for r in own}
            ties = []
            for k, c in block:
                if k in rows:
                    target = k
                elif own:
                    up = [r for r in own if row_y[r] > c.y]
                    down = [r for r in own if row_y[r] < c.y]
                    if align == "top" and up:
                        target = up[-1]
                    elif align == "bottom" and down:
                        target = down[0]
                    elif up and down and abs((row_y[up[-1]] - c.y) - (c.y - row_y[down[0]])) < 0.2 * size:
                        ties.append((k, c, up[-1], down[0]))  # half-way between two centred cells: below
                        continue
                    else:
                        target = min(own, key=lambda r: abs(row_y[r] - c.y))
                    placed[target].append(c.y)
                elif k in below:
                    if row_y[rows[-1]] - block[0][1].y > 1.6 * size:
                        continue
                    target = rows[-1]
                else:
                    target = min(rows, key=lambda r: abs(row_y[r] - centre))
                cells[target][col].append(c)
                taken.add(k)
            for k, c, above_row, below_row in ties:
                # a centred cell has as many lines above its row's figures as below them: a line half-way
                # between two rows is the upper row's only when that row's cell lacks a line below
                ys = placed[above_row]
                lacks = sum(1 for y in ys if y > row_y[above_row]) > sum(1 for y in ys if y < row_y[above_row])
                target = above_row if lacks else below_row
                placed[target].append(c.y)
                cells[target][col].append(c)
                taken.add(k)
    table = [list(r) for r in heading_rows]
    for r in rows:
        table.append(["".join(c.text.strip() for c in sorted(col, key=lambda c: -c.y)) for col in cells[r]])
    if any(not row[0] or _is_number(row[0]) for row in table[len(table) - len(rows):]):
        return None
    return table, taken, _Heading(bands, heading_rows, align)


class _Heading:
    """A table's heading rows, its columns and its cells' alignment: what a table carried over to the next page
    goes on under."""

    def __init__(self, bands: list[tuple[float, float]], rows: list[list[str]], align: str):
        self.bands, self.rows, self.align = bands, rows, align

    def fits(self, bands: list[tuple[float, float]]) -> bool:
        """The same columns: as many, each over the same place."""
        return len(bands) == len(self.bands) and all(
            min(b1, d1) > max(a1, c1) for (a1, b1), (c1, d1) in zip(bands, self.bands))


def _alignment(head: list[list[_Chunk]], bands: list[tuple[float, float]], size: float) -> str | None:
    """top, bottom or middle: where the one-line cells of a heading of several lines sit; None for a heading of
    one line."""
    if len(head) < 2:
        return None
    top, bottom = head[0][0].y, head[-1][0].y
    ys: dict[int, set[float]] = {}
    for line in head:
        for c in line:
            for col in _in_bands(c, bands):
                ys.setdefault(col, set()).add(round(line[0].y, 1))
    votes = {"top": 0, "bottom": 0, "middle": 0}
    for found in ys.values():
        if len(found) == 1:
            y = next(iter(found))
            votes["top" if abs(y - top) < 0.4 * size else "bottom" if abs(y - bottom) < 0.4 * size else "middle"] += 1
    return max(votes, key=lambda v: (votes[v], v == "middle"))


def _column_heading(texts: list[str]) -> str:
    """A column's heading from its texts top to bottom: the shortest run of them ending at the lowest that says
    what the column is (2023 over 年 under 数量 is 2023年), else all of them (指标 over 名称 is 指标名称)."""
    for k in range(len(texts) - 1, -1, -1):
        text = "".join(texts[k:])
        if _column_kind(text)[0] != "named":
            return text
    return "".join(texts)


def tables_in_pages(pages: list[list[Piece]]) -> list[str]:
    """The text of each page of a PDF (tables_in_pieces), a table that goes on over the next page without its
    heading read under the heading it had."""
    out: list[str] = []
    carried = None
    for pieces in pages:
        text, carried = _page_tables(pieces, carried)
        out.append(text)
    return out


def tables_in_pieces(pieces: list[Piece]) -> str:
    """The text of a PDF page (pypdf's pieces, with the whitespace it put between them) with each table found by
    its pieces' positions written out as its rows' sentences; a page without one comes back as the pieces'
    text, which is what extract_text gives."""
    return _page_tables(pieces, None)[0]


def _page_tables(pieces: list[Piece], carried: _Heading | None) -> tuple[str, _Heading | None]:
    """tables_in_pieces, and the heading of the page's last table if it runs to the page's last line of text."""
    lines = _lines(_chunks(pieces))
    owner: dict[int, int] = {}  # piece index -> table number
    tables: list[list[list[str]]] = []
    i = 0
    while i < len(lines):
        # a table at the top of the page, under a running head or page number at most, may go on from the last
        found = _table_from(lines, i, carried if not tables and i <= 3 else None) if _has_figure(lines[i]) else None
        if found is None:
            i += 1
            continue
        table, taken, heading = found
        carried = heading if max(taken) >= len(lines) - 2 else None  # a page number may follow the table
        for k in taken:
            for c in lines[k]:
                for index in c.pieces:
                    owner[index] = len(tables)
        tables.append(table)
        i = max(taken) + 1
    if not tables:
        return "".join(p[0] for p in pieces), None
    out: list[str] = []
    pending: list[str] = []  # whitespace since the last piece of text
    last = None  # the table of the last piece of text, None for text outside tables
    written: set[int] = set()
    for index, piece in enumerate(pieces):
        text = piece[0]
        if not text.strip():
            pending.append(text)
            continue
        table = owner.get(index)
        if table is not None and table == last:
            pending = []
            continue
        if last is not None or table is not None:
            out.append("\n")  # a table begins and ends a line
        else:
            out.extend(pending)
        pending = []
        if table is None:
            out.append(text)
        elif table not in written:
            written.add(table)
            out.append("\n".join(render_table(tables[table])))
        last = table
    if last is None:
        out.extend(pending)
    return "".join(out), carried
