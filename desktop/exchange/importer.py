"""Import of exchange workbooks and filled templates: plan (read and check everything), then commit (one transaction).

Reading rules (docs/EXCHANGE.md), and the decisions taken here:
- region by code (6 digits, or 12 ending in 000000) else by exact name; indicator by code else by name or alias
  (full/half-width and spaces normalised). A code and a name on one row that name two different regions or
  indicators is an error; so is a unit that is not the catalog's unit (a value in 人 where the catalog counts 万人).
- a percent-formatted cell is a percentage: 0.6535 shown as 65.35% is read as 65.35. The entry template formats
  the value cells of '%' indicators as plain numbers ("0.00"), and its input message asks for 65.35; a clerk who
  types "65.35%" instead gets a cell Excel and LibreOffice store as 0.6535 with a percent format, which reads as
  65.35 too. A percent-formatted cell on an indicator whose unit is not '%' is an error.
- text is read by desktop.numbers.parse_value ('4,839', full-width digits, a trailing matching unit, '—' …).
- an empty value cell (blank, '—', '-', '/') supplies no value: import never deletes a stored value. A note
  beside an empty value is stored as the note of that (possibly still empty) value. A blank note leaves the
  stored note as it is.
- the same (region, year, indicator) twice in the files of one call is an error naming both cells.
- values of a submitted or approved dataset are not overwritten (an error naming the dataset); rows equal to
  what is stored are fine there.
- `上年数值` is compared with the nearest earlier stored value (the value the template was made from) and a
  disagreement beyond the indicator's rounding is reported as drift; it never refuses the import.
- targets: a `目标` column, or a sheet `目标` whose value column holds the targets; changing a target needs a
  supervisor or admin, and is refused on an approved dataset (services.set_target semantics, audited).
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from desktop import policy
from desktop.db import exchange as xdb
from desktop.db import absent as adb
from desktop.db import repo
from desktop.db import validation as dbv
from desktop.db.writes import KEEP, ValueWrite
from desktop.absent import write_absences
from desktop.domain import ABSENCE_KINDS, Finding, Indicator, Region, ValueChange, check_year, plain_number
from desktop.errors import AppError, DatasetLocked, InvalidValue, InvalidYear, WorkflowError
from desktop.exchange import status as st
from desktop.exchange import status_store
from desktop.exchange.books import read_workbook
from desktop.exchange.format import FORMAT_VERSION, HEADER
from desktop.exchange.plan import (
    Drift,
    FileCounts,
    ImportIssue,
    ImportPlan,
    ImportRefused,
    ImportResult,
    RegionYearSummary,
    SourceFile,
    TargetChange,
    ValueLine,
    at_cell,
)
from desktop.exchange.layouts import split_unit, year_of_date
from desktop.exchange.reader import Cell, ImportCancelled
from desktop.exchange.sheetxml import UncalculatedFormula
from desktop.numbers import bound_of, normalize_text, parse_value, same_unit, split_remark
from desktop.phrases import Phrase, Word, enumeration
from desktop.texts import note_problem
from desktop.validation import validate, validate_values
from desktop.validation.service import for_level, rules_for

if TYPE_CHECKING:  # the services hand themselves in; this package never imports them
    from desktop.services import Services

MAX_LISTED_ERRORS = 2000
EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
                          "#SPILL!", "#CALC!"})


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _col(n: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(n)


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class _Resolver:
    """Region, indicator and year lookups with caches (the same few texts repeat on 50,000 rows)."""

    def __init__(self, services: Services):
        self.services = services
        self.index = services.indicator_index()
        regions = services.regions()
        self.by_code = {r.code: r for r in regions}
        self.by_name = {}
        for r in regions:
            self.by_name.setdefault(normalize_text(r.name), r)
        self._region_codes: dict[str, Region | None] = {}
        self._ind: dict[str, object] = {}
        self._years: dict[object, int | str] = {}

    def region_by_code(self, raw: object) -> Region | None:
        key = _text(raw)
        if key not in self._region_codes:
            text = normalize_text(key)
            if text.isdigit() and len(text) == 12 and text.endswith("000000"):
                text = text[:6]
            self._region_codes[key] = self.by_code.get(text)
        return self._region_codes[key]

    def region_by_name(self, raw: object) -> Region | None:
        """By exact name, else as offices also write it (鹿城, 温州市龙湾区, 洞头县: desktop.catalog.RegionNames)."""
        key = normalize_text(_text(raw))
        found = self.by_name.get(key)
        if found is None and key:
            found = self._region_names().find(key)
            self.by_name[key] = found  # cached, a miss too
        return found

    def _region_names(self):
        if not hasattr(self, "_names"):
            from desktop.catalog import RegionNames

            self._names = RegionNames(list(self.by_code.values()))
        return self._names

    def region_in_text(self, text: str) -> str | None:
        """The name of a region a title mentions ("温岭市卫生健康指标" → 温岭市): a county first, then a city, then the
        province."""
        if not hasattr(self, "_mention_order"):
            self._mention_order = sorted(self.by_code.values(),
                                         key=lambda r: ({"county": 0, "city": 1}.get(r.level, 2), -len(r.name)))
        text = normalize_text(str(text))
        for r in self._mention_order:
            if normalize_text(r.name) in text:
                return r.name
        return None

    def is_region(self, text: str) -> bool:
        """A heading that is a region's name, as offices write it (鹿城区, 鹿城, 温州市龙湾区)."""
        return self.region_by_name(text) is not None

    def is_indicator(self, text: str) -> bool:
        return self.indicator_by_name(text) is not None

    def indicator_by_code(self, raw: object) -> Indicator | None:
        key = "c:" + _text(raw)
        if key not in self._ind:
            text = normalize_text(_text(raw))
            self._ind[key] = self.index.by_code.get(text) or self.index.by_code.get(text.upper())
        return self._ind[key]

    def indicator_by_name(self, raw: object) -> Indicator | None:
        key = "n:" + _text(raw)
        if key not in self._ind:
            self._ind[key] = self.index.find(_text(raw))
        return self._ind[key]

    def suggestions(self, raw: str) -> list[str]:
        # difflib over the catalog takes milliseconds: a wrong column of 50,000 rows must not take minutes
        key = "s:" + raw
        if key not in self._ind:
            self._ind[key] = self.index.suggestions(raw)
        return self._ind[key]

    def year(self, raw: object) -> int | str:
        """The year, or the reason it is not one."""
        try:
            return self._years[raw]
        except (KeyError, TypeError):
            pass
        if isinstance(raw, dt.date):
            year = year_of_date(raw)
            shown = raw.date() if isinstance(raw, dt.datetime) and raw.time() == dt.time() else raw
            result: int | str = year if year is not None else Phrase(
                "是日期（{date}）而非年份；年份应为四位数字，或某年1月1日、12月31日这样表示一年的日期", date=str(shown))
        elif isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
            result = Phrase("年份应为四位数字")
        else:
            text = raw
            if isinstance(raw, float) and raw.is_integer():
                text = int(raw)
            if isinstance(raw, str):
                text = normalize_text(raw).removesuffix("年度").removesuffix("年")
            try:
                result = check_year(text)
            except InvalidYear as exc:
                result = exc.args[0]
        try:
            self._years[raw] = result
        except TypeError:
            pass
        return result


def _number(cell: Cell, ind: Indicator, where: str) -> float | None:
    """One numeric cell by the reading rules; raises InvalidValue naming `where`."""
    value = cell.value
    if isinstance(value, bool):
        raise InvalidValue(value, Phrase("不是数字（是逻辑值）"), where)
    if isinstance(value, (int, float)):
        if cell.percent:
            if normalize_text(ind.unit) != "%":
                raise InvalidValue(f"{plain_number(round(value * 100, 10))}%",
                                   Phrase("单元格为百分比格式，但该指标单位是{unit}", unit=ind.unit) if ind.unit else
                                   Phrase("单元格为百分比格式，但该指标无单位"), where)
            return round(parse_value(value, where=where) * 100, 10)
        return parse_value(value, where=where)
    if isinstance(value, str):
        if value.strip() in EXCEL_ERRORS:
            raise InvalidValue(value, Phrase("是Excel错误值（公式出错），不是数字"), where)
        return parse_value(value, ind.unit, where)
    kind = type(value).__name__
    if kind in ("datetime", "date", "time", "timedelta"):
        raise InvalidValue(str(value), Phrase("是日期或时间，不是数字（请把单元格格式改为“数值”）"), where)
    raise InvalidValue(value, Phrase("不是数字（{kind}）", kind=kind), where)


def _figure_or_none(text: str, ind: Indicator) -> float | None:
    """The figure of `text` read as the indicator's, or None where it is none (empty, or not a number)."""
    try:
        return parse_value(text, ind.unit, "")
    except InvalidValue:
        return None


def _disagreement(ind: Indicator, first: tuple, this: tuple) -> tuple[str, str] | None:
    """(first, this) as a message shows them, when a repeated (value, note) is not the same; None when it is."""
    def shown(value, note) -> str:
        text = ind.format(value) if value is not None else Phrase("（空）")
        return Phrase("{value}（说明“{note}”）", value=text, note=note) if note else text

    if first == this:
        return None
    return shown(*first), shown(*this)


class _Planner:
    def __init__(self, services: Services, cancelled: Callable[[], bool] | None):
        self.services = services
        self.cancelled = cancelled
        self.resolve = _Resolver(services)
        self.plan = ImportPlan()
        # (region, year, indicator) → (value or None, note or None, source, where, file, sheet, cell)
        self.values: dict[tuple[str, int, str], tuple] = {}
        self.targets: dict[tuple[str, int, str], tuple] = {}
        self.priors: list[tuple] = []
        # format version 2: (region, year) → (status line, file, sheet, cell, source file)
        self.status_in: dict[tuple[str, int], tuple] = {}
        self.status_refused: set[tuple[str, int]] = set()  # already refused by decide_statuses
        self.mark_cells: dict[tuple[str, int, str], tuple[str, str]] = {}  # (region, year, code) → (sheet, cell)
        self.dups: dict[tuple[str, str, str, str], list] = {}
        self.said: set[tuple[str, str, str, str]] = set()
        self.last_read: tuple | None = None  # (region, indicator, value) of the row read_row just took

    def duplicate(self, file, sheet, cell, first_file, first_sheet, first_cell, region_year, what,
                  differs: tuple[str, str] | None = None) -> None:
        """Remember one repeated value; said once per pair of sheets (flush_duplicates), not once per cell.
        `differs`: (the first figure, this one) as shown, when the two disagree."""
        group = self.dups.setdefault((file, sheet, first_file, first_sheet), [])
        group.append((cell, first_cell, region_year, what, differs))

    def flush_duplicates(self) -> None:
        for (file, sheet, first_file, first_sheet), items in self.dups.items():
            cell, first_cell, region_year, what, differs = items[0]
            other = first_file if first_file != file else Phrase("本文件“{sheet}”表", sheet=first_sheet)
            where = dict(first_file=first_file, first_sheet=first_sheet, first_cell=first_cell)
            if len(items) == 1:
                message = Phrase("{region_year} {what} 与 {other} 重复（已在 文件 {first_file}，{first_sheet}!{first_cell} "
                                 "出现）", region_year=region_year, what=what, other=other, **where)
            else:
                years = list(dict.fromkeys(i[2] for i in items))
                shown = enumeration(years) if len(years) <= 3 else Phrase(
                    "{names} 等 {n} 个地区年度", names=enumeration(years[:3]), n=len(years))
                message = Phrase("{shown}的 {n} 个数值与 {other} 重复（第一个已在 文件 {first_file}，{first_sheet}!{first_cell} "
                                 "出现）", shown=shown, n=len(items), other=other, **where)
            # which of them disagree is what the clerk must settle before importing either file
            unlike = [i for i in items if i[4] is not None]
            if unlike:
                u_cell, u_first_cell, u_region_year, u_what, (u_first, u_this) = unlike[0]
                message = Phrase("{message}；其中 {n} 个数值不同，如 {region_year} {what}：{first_file}，{first_sheet}!"
                                 "{first_cell} 为 {first}，这里 {sheet}!{cell} 为 {this}", message=message, n=len(unlike),
                                 region_year=u_region_year, what=u_what, first_file=first_file, first_sheet=first_sheet,
                                 first_cell=u_first_cell, first=u_first, sheet=sheet, cell=u_cell, this=u_this)
            self.error(file, sheet, cell, message)
        self.dups.clear()

    def error(self, file: str, sheet: str, cell: str, message: str) -> None:
        issue = (file, sheet, cell, message)
        if issue in self.said:  # a wide table's row label read once per year column: said once
            return
        self.said.add(issue)
        if len(self.plan.errors) >= MAX_LISTED_ERRORS:
            self.plan.more_errors += 1
            return
        self.plan.errors.append(ImportIssue(file, sheet, cell, message))

    # ---- one file ----------------------------------------------------------------------------------
    def read_file(self, path: Path, progress: Callable[[int, int], None] | None = None) -> None:
        name = path.name
        if not path.exists():
            self.error(name, "", "", Phrase("文件不存在：{path}", path=str(path)))
            return
        if path.is_dir():
            self.error(name, "", "", Phrase("这是一个文件夹，不是工作簿"))
            return
        try:
            sha = _sha256(path)
        except OSError as exc:
            self.error(name, "", "", Phrase("无法读取（{reason}）", reason=str(exc.strerror or exc)))
            return
        try:
            book = read_workbook(path, progress=progress, cancelled=self.cancelled,
                                 is_indicator=self.resolve.is_indicator, find_region=self.resolve.region_in_text,
                                 is_region=self.resolve.is_region)
        except ImportCancelled:
            raise
        except AppError as exc:
            self.error(name, "", "", getattr(exc, "reason", None) or str(exc))
            return
        src = SourceFile(path, name, sha)
        for p in book.problems:
            self.error(name, p.sheet, p.cell, p.message)
        for p in book.notices:
            self.plan.notices.append(at_cell(name, p.sheet, p.cell, p.message))
        version = book.info.get("版本") or book.info.get("version") or book.info.get("格式版本")
        if version is not None:
            try:
                v = int(float(str(version).strip()))
            except ValueError:
                v = None
            if v is not None and v > FORMAT_VERSION:  # version 1 (no status sheets) and 2 are read
                self.error(name, "说明", "", Phrase("交换格式版本为 {v}，本程序只支持到版本 {supported}，请升级程序", v=v,
                                                  supported=FORMAT_VERSION))
                return
        rows = 0
        for sheet in book.sheets:
            letters = {key: _col(col) for key, col in sheet.columns.items()}
            read = []  # (row, column, region, indicator, value) of the values read, for the sheet's totals
            for idx, row in sheet.rows:
                rows += 1
                self.last_read = None
                self.read_row(src, sheet.title, sheet.kind, letters, idx, row)
                if self.last_read is not None and "value" in row:
                    read.append((idx, row["value"].column, *self.last_read))
            if sheet.totals or sheet.column_totals:
                self.check_totals(name, sheet, read)
        if book.status is not None:
            self.read_status(src, book)
        self.plan.files.append(SourceFile(path, name, sha, rows))
        self.plan.rows += rows

    def _row_keys(self, t, idx: int, row: dict):
        """A row of the sheets 退回意见 and 不适用标记: where its cells are (`at(key)` gives a column's cell) and
        the region, year (or the year's error text) and indicator it names (None when unknown)."""
        def at(key):
            return f"{_col(t.columns.get(key, 1))}{idx}"
        region = self.resolve.region_by_code(row.get("region_code", "")) or \
            self.resolve.region_by_name(row.get("region_name", ""))
        y = self.resolve.year(row.get("year"))
        ind = (self.resolve.indicator_by_code(row["indicator_code"]) if "indicator_code" in row else None) \
            or (self.resolve.indicator_by_name(row["indicator_name"]) if "indicator_name" in row else None)
        return at, region, y, ind

    def read_status(self, src: SourceFile, book) -> None:
        """The sheets 状态 and 退回意见 of format version 2 (desktop.exchange.status)."""
        file = src.name
        notes: dict[tuple[str, int], dict[str, str]] = {}
        if book.review is not None:
            t = book.review
            for idx, row in t.rows:
                at, region, y, ind = self._row_keys(t, idx, row)
                if region is None:
                    self.error(file, t.title, at("region_code"), Phrase("未知地区"))
                elif isinstance(y, str):
                    self.error(file, t.title, at("year"), y)
                elif ind is None:
                    self.error(file, t.title, at("indicator_code"), Phrase("未知指标"))
                elif "note" in row:
                    notes.setdefault((region.code, y), {})[ind.code] = _text(row["note"])
        marks: dict[tuple[str, int], dict[str, tuple[str, str]]] = {}
        if book.absent is not None:
            t = book.absent
            by_name = {v: k for k, v in ABSENCE_KINDS.items()}
            for idx, row in t.rows:
                at, region, y, ind = self._row_keys(t, idx, row)
                kind = _text(row.get("kind") or row.get("kind_name") or "")
                kind = by_name.get(kind, kind)
                reason = _text(row.get("reason") or "")
                if region is None:
                    self.error(file, t.title, at("region_code"), Phrase("未知地区"))
                elif isinstance(y, str):
                    self.error(file, t.title, at("year"), y)
                elif ind is None:
                    self.error(file, t.title, at("indicator_code"), Phrase("未知指标"))
                elif kind not in ABSENCE_KINDS:
                    self.error(file, t.title, at("kind"), Phrase("标记 {kind} 无效（应为 na 不适用，或 uncollected 本年未统计）",
                                                                 kind=repr(kind)))
                elif not reason:
                    self.error(file, t.title, at("reason"), Phrase("{name} 标为{kind}，但没有写明原因", name=ind.name,
                                                                   kind=Word("absence", kind, ABSENCE_KINDS[kind])))
                else:
                    marks.setdefault((region.code, y), {})[ind.code] = (kind, reason)
                    self.mark_cells[(region.code, y, ind.code)] = (t.title, at("indicator_code"))
        t = book.status
        for idx, row in t.rows:
            line, key, reason = st.parse_line(row, lambda name: self.services.region(name).code)
            if line is None:
                self.error(file, t.title, f"{_col(t.columns.get(key, 1))}{idx}", reason)
                continue
            line.notes = notes.get((line.region_code, line.year), {})
            line.absent = marks.get((line.region_code, line.year), {})
            line.marks_sheet = book.absent is not None
            cell = f"{_col(t.columns.get('status', 1))}{idx}"
            k = (line.region_code, line.year)
            if k in self.status_in:
                first = self.status_in[k]
                self.error(file, t.title, cell, Phrase("{region} {year}年的状态重复：已在 文件 {first_file}，{first_sheet}!"
                                                       "{first_cell} 出现", region=line.region_name or line.region_code,
                                                       year=line.year, first_file=first[1], first_sheet=first[2],
                                                       first_cell=first[3]))
                continue
            self.status_in[k] = (line, file, t.title, cell, src)

    def decide_statuses(self, first_cell: dict) -> set[tuple[str, int]]:
        """Decide what each incoming status line does; returns the region-years whose decision is taken
        (their values come in with it, whatever lock the store's older decision held)."""
        if not self.status_in:
            return set()
        rows_of: dict[tuple[str, int, str], list] = {}
        for (region, year, code), entry in self.values.items():
            rows_of.setdefault((region, year, entry[4]), []).append((code, entry[0], entry[1]))
        services = self.services
        names = {r.code: r.name for r in services.regions()}
        taken = set()
        with services.store.reading() as db:
            here = status_store.decided_here_map(db, self.status_in)
            for key in sorted(self.status_in):
                line, file, sheet, cell, src = self.status_in[key]
                local = repo.get_dataset(db, *key)
                ok = line.digest == st.digest(line, rows_of.get((*key, file), []))
                d = st.decide(local, here.get(key, True), line, ok, key in first_cell, names.get(key[0], key[0]))
                if d.kind == st.APPLY:
                    self.plan.statuses.append((d, src.source, file))
                    taken.add(key)
                    if line.marks_sheet:
                        self.plan_marks(db, line, file, src.source)
                elif d.kind in (st.OLDER, st.HELD_HERE):
                    self.error(file, sheet, cell, d.message)
                    self.status_refused.add(key)
                elif d.message:
                    self.plan.notices.append(at_cell(file, sheet, cell, d.message))
        return taken

    def plan_marks(self, db, line, file: str, source: str) -> None:
        """The marks 不适用 / 本年未统计 a taken decision brings: the region-year's marks become the file's (added,
        changed, taken away). A mark on an indicator that keeps a value here (the file brings no value for it)
        is an error at the mark's cell: the import would otherwise hold a value and a mark at once."""
        key = (line.region_code, line.year)
        stored = {c: (a.kind, a.reason) for c, a in adb.absences_of(db, *key).items()}
        values = repo.values_of(db, *key)
        for code in line.absent:
            incoming = self.values.get((*key, code))
            value = incoming[0] if incoming is not None and incoming[0] is not None else (
                values[code].value if code in values else None)
            if value is not None:
                sheet, cell = self.mark_cells.get((*key, code), ("", ""))
                mark = line.absent[code][0]
                self.error(file, sheet, cell, Phrase("{label} {code} 在本库有数值 {value}，不能按文件标为{kind}（请先删除该数值）",
                                                     label=self.services.label(*key), code=code, value=plain_number(value),
                                                     kind=Word("absence", mark, ABSENCE_KINDS[mark])))
        wanted: dict = {c: None for c in stored if c not in line.absent}
        wanted.update({c: m for c, m in line.absent.items() if stored.get(c) != m})
        if wanted:
            self.plan.marks.append((*key, wanted, source))

    def _named(self, what: str, file: str, sheet: str, row: dict[str, Cell], at, letters: dict[str, str], idx: int):
        """(the region or indicator a row names, ok) for `what` "region" or "indicator": found by the code column,
        where a name typed in is still found by name, and which the name column must not contradict; else by the
        name column, where a code typed in is still found by code. Each problem is recorded with its cell."""
        r = self.resolve
        if what == "region":
            by_code, by_name = r.region_by_code, r.region_by_name
            msg = {"unknown_code": lambda **p: Phrase("未知地区代码 {raw}{hint}", **p),
                    "mismatch": lambda **p: Phrase("地区名称“{named}”与地区代码 {code}（{name}）不符", **p),
                    "unknown": lambda **p: Phrase("未知地区 {raw}{hint}", **p),
                    "missing": lambda: Phrase("缺少地区")}

            def hint(raw: str, in_name_column: bool) -> str:
                return Phrase("（应为区划代码或准确名称）") if in_name_column else ""
        else:
            by_code, by_name = r.indicator_by_code, r.indicator_by_name
            msg = {"unknown_code": lambda **p: Phrase("未知指标代码 {raw}{hint}", **p),
                    "mismatch": lambda **p: Phrase("指标名称“{named}”与指标代码 {code}（{name}）不符", **p),
                    "unknown": lambda **p: Phrase("未知指标 {raw}{hint}", **p),
                    "missing": lambda: Phrase("缺少指标")}

            def hint(raw: str, in_name_column: bool) -> str:
                near = r.suggestions(raw)
                return Phrase("；相近的指标：{names}", names=enumeration(near)) if near else ""
        code_key, name_key = f"{what}_code", f"{what}_name"
        if code_key in row:
            raw = row[code_key].value
            found = by_code(raw) or by_name(raw)
            if found is None:
                self.error(file, sheet, at(code_key), msg["unknown_code"](raw=repr(_text(raw)), hint=hint(_text(raw), False)))
                return None, False
            if name_key in row:
                named = row[name_key].value
                other = by_name(named) or by_code(named)
                if other is not None and other.code != found.code:
                    self.error(file, sheet, at(name_key), msg["mismatch"](named=_text(named), code=found.code,
                                                                name=found.name))
                    return found, False
            return found, True
        if name_key in row:
            raw = row[name_key].value
            found = by_name(raw) or by_code(raw)
            if found is None:
                self.error(file, sheet, at(name_key), msg["unknown"](raw=repr(_text(raw)), hint=hint(_text(raw), True)))
                return None, False
            return found, True
        self.error(file, sheet, f"{letters.get(code_key) or letters.get(name_key)}{idx}", msg["missing"]())
        return None, False

    def read_row(self, src: SourceFile, sheet: str, kind: str, letters: dict[str, str], idx: int,
                 row: dict[str, Cell]) -> None:
        file = src.name
        payload = [k for k in ("value", "target", "note") if k in row]
        if not payload:
            return  # an unfilled template row, a section heading, an empty line

        def at(key: str) -> str:
            cell = row.get(key)
            if cell is not None:  # a wide table's value, or a year or indicator taken from its header
                return f"{_col(cell.column)}{cell.row or idx}"
            return f"{letters.get(key, 'A')}{idx}"

        uncalculated = [key for key, cell in row.items() if isinstance(cell.value, UncalculatedFormula)]
        for key in uncalculated:  # read as empty, the figure would silently go missing
            self.error(file, sheet, at(key), Phrase("公式没有保存计算结果（程序生成的工作簿常见），"
                                                    "请在 Excel、WPS 或 LibreOffice 中打开并保存后再导入"))
        if uncalculated:
            return
        region, ok = self._named("region", file, sheet, row, at, letters, idx)
        # year
        year = None
        if "year" in row:
            y = self.resolve.year(row["year"].value)
            if isinstance(y, str):
                self.error(file, sheet, at("year"), y if y.startswith("年份") else Phrase("年份无效：{reason}", reason=y))
                ok = False
            else:
                year = y
        else:
            self.error(file, sheet, at("year"), Phrase("缺少年份"))
            ok = False
        ind, found = self._named("indicator", file, sheet, row, at, letters, idx)
        ok = ok and found
        if ind is not None and "unit" in row:
            unit = normalize_text(_text(row["unit"].value))
            if unit and not same_unit(unit, ind.unit, ind.kind):
                self.error(file, sheet, at("unit"), Phrase("单位为“{written}”，但指标“{name}”的单位是“{unit}”（请换算后再导入）",
                                                           written=_text(row["unit"].value), name=ind.name, unit=ind.unit))
                ok = False
        if ind is None:
            return
        # numbers: in a data sheet 数值 is the value and 目标 the target; in a 目标 sheet either column is the target
        value = target = prior = None
        remark = None
        for key in ("value", "target", "prior"):
            if key not in row:
                continue
            label = (Phrase("目标") if key == "target" or (key == "value" and kind == "target") else
                     Phrase("数值") if key == "value" else Phrase("上年数值"))
            try:
                number = _number(row[key], ind, "")
            except InvalidValue as exc:
                qualified = self._qualified_number(row[key], ind, label, file, sheet, at(key))
                if qualified is None or isinstance(qualified, str):
                    self.error(file, sheet, at(key), Phrase("{label} {raw} 无效：{reason}", label=label, raw=repr(exc.raw),
                                                            reason=qualified or exc.reason))
                    ok = False
                    continue
                number, said = qualified
                remark = said or remark
            if key == "prior":
                prior = number
            elif label == "目标":
                if target is None or key == "target":
                    target = number
            else:
                value = number
        note = None
        if "note" in row:
            note = _text(row["note"].value) or None
        if remark is not None:
            note = f"{note}；{remark}" if note and remark not in note else (note or remark)
        if note is not None:
            problem = note_problem(note)
            if problem:
                self.error(file, sheet, at("note"), problem)
                ok = False
        if not ok or region is None or year is None:
            return
        self.last_read = (region, ind, value)
        where = (file, sheet)
        if kind == "data" and (value is not None or note is not None):
            k = (region.code, year, ind.code)
            cell = at("value") if "value" in row else at("note")
            if k in self.values:
                first = self.values[k]
                self.duplicate(file, sheet, cell, first[4], first[5], first[6], f"{region.name} {year}年", ind.name,
                               _disagreement(ind, first[:2], (value, note)))
            else:
                self.values[k] = (value, note, src.source, where, file, sheet, cell)
        if target is not None:
            k = (region.code, year, ind.code)
            key = "target" if "target" in row else "value"
            if k in self.targets:
                first = self.targets[k]
                self.duplicate(file, sheet, at(key), first[4], first[5], first[6], f"{region.name} {year}年",
                               f"{ind.name} 的目标值", _disagreement(ind, (first[0], None), (target, None)))
            else:
                self.targets[k] = (target, None, src.source, where, file, sheet, at(key))
        if prior is not None:
            self.priors.append((region, year, ind, prior, file, sheet, at("prior")))

    def _qualified_number(self, cell: Cell, ind: Indicator, label: str, file, sheet,
                          where: str) -> tuple[float, str | None] | str | None:
        """A figure written with more than its number, where the meaning is plain: a value with a remark in
        brackets after it (80.1（初步）: 80.1, the remark going into the note) and a target written as the bound
        the indicator's direction asks for (≥95% where higher is better, 8%以下 where lower is); each said in a
        notice. None where that is not what the cell holds (the caller then refuses it), or the reason where the
        cell says something else (a bound against the indicator's direction)."""
        if not isinstance(cell.value, str):
            return None
        if label == HEADER["value"]:
            split = split_remark(cell.value)
            if split is None:
                return None
            number = _figure_or_none(split[0], ind)
            if number is None:
                return None
            if same_unit(normalize_text(split[1]), ind.unit, ind.kind):
                return number, None  # 6812（张）: the unit, said again
            self.plan.notices.append(at_cell(file, sheet, where, Phrase(
                "{label}“{written}”读作 {value}，括号中的“{remark}”记入说明", label=label, written=cell.value.strip(),
                value=plain_number(number), remark=split[1])))
            return number, split[1]
        if label == "目标":
            bound = bound_of(cell.value)
            if bound is None:
                return None
            if bound[1] != ind.direction:
                if ind.direction == 0:
                    return (Phrase("是下限，但{name}没有越高或越低越好之分：请只填目标数", name=ind.name) if bound[1] == 1 else
                            Phrase("是上限，但{name}没有越高或越低越好之分：请只填目标数", name=ind.name))
                return (Phrase("是下限，但{name}越低越好，目标应是上限：请核对后只填目标数", name=ind.name) if bound[1] == 1 else
                        Phrase("是上限，但{name}越高越好，目标应是下限：请核对后只填目标数", name=ind.name))
            number = _figure_or_none(bound[0], ind)
            if number is None:
                return None
            self.plan.notices.append(at_cell(file, sheet, where, Phrase(
                "目标“{written}”读作 {value}（该指标越高越好）" if ind.direction == 1 else
                "目标“{written}”读作 {value}（该指标越低越好）", written=cell.value.strip(), value=plain_number(number))))
            return number, None
        return None

    def check_totals(self, file: str, sheet, read: list) -> None:
        """A row of totals the sheet drew under its counties (合计, 全市合计; 小计 for the rows since the last
        total) held against the counties' values above it, for the indicators that are summed: a difference
        points at a county's figure typed wrong, or at a county left out. Said as a notice; the total itself is
        never imported."""
        start = 0
        for idx, label, cells in sheet.totals:
            if "小计" not in label:
                start = 0
            for column, (head, cell) in sorted(cells.items()):
                ind = self.resolve.indicator_by_name(head) or self.resolve.indicator_by_name(split_unit(head)[0])
                self._hold_total(file, sheet.title, f"{_col(column)}{idx}", label, "row", ind, cell,
                                 [v for r, c, region, i, v in read
                                  if start < r < idx and c == column and i.code == (ind.code if ind else "")
                                  and region.level == "county" and v is not None])
            start = idx
        for column, label, entries in sheet.column_totals:
            for idx, named, cell in entries:
                ind = self.resolve.indicator_by_name(named) or self.resolve.indicator_by_code(named) or \
                    self.resolve.indicator_by_name(split_unit(str(named))[0])
                self._hold_total(file, sheet.title, f"{_col(column)}{idx}", label, "column", ind, cell,
                                 [v for r, _c, region, i, v in read
                                  if r == idx and i.code == (ind.code if ind else "") and region.level == "county"
                                  and v is not None])

    def _hold_total(self, file: str, sheet: str, cell_ref: str, label: str, kind: str, ind, cell,
                    parts: list[float]) -> None:
        """A notice when the total `cell` of a summed indicator differs from the sum of its counties' `parts`."""
        if ind is None or (ind.aggregation or "").strip().lower() != "sum" or not parts:
            return
        try:
            total = _number(cell, ind, "")
        except InvalidValue:
            return
        counted = sum(parts)
        if total is not None and abs(total - counted) > 0.5 * 10 ** -ind.decimals:
            parts_ = dict(label=label, name=ind.name, total=ind.format(total), n=len(parts), counted=ind.format(counted),
                          diff=ind.format(total - counted))
            self.plan.notices.append(at_cell(file, sheet, cell_ref, Phrase(
                "“{label}”行的{name}为 {total}，上方 {n} 个县（市、区）之和为 {counted}，相差 {diff}：请核对各县的数值是否填错或漏填"
                if kind == "row" else
                "“{label}”列的{name}为 {total}，同一行 {n} 个县（市、区）之和为 {counted}，相差 {diff}：请核对各县的数值是否填错或漏填",
                **parts_)))

    # ---- against the store ----------------------------------------------------------------------------
    def compare(self) -> None:
        services, plan = self.services, self.plan
        names = {i.code: i for i in services.indicators(include_hidden=True)}
        region_years = {(r, y) for r, y, _ in self.values} | {(r, y) for r, y, _ in self.targets}
        db = services.store.db
        with services.store.reading():
            stored = xdb.values_for(db, region_years)
            stored_targets = xdb.targets_for(db, {(r, y) for r, y, _ in self.targets})
            prior_regions = sorted({p[0].code for p in self.priors})
            history = repo.history_many(db, prior_regions, max((p[1] for p in self.priors), default=0))
        region_names = {r.code: r.name for r in services.regions()}
        order = {code: ind.sort_order for code, ind in names.items()}
        first_cell: dict[tuple[str, int], tuple[str, str, str]] = {}
        for (region, year, code) in sorted(self.values, key=lambda k: (k[0], k[1], order.get(k[2], 0))):
            value, note, source, _, file, sheet, cell = self.values[(region, year, code)]
            old_value, old_note = stored.get((region, year, code), (None, ""))
            exists = (region, year, code) in stored
            new_value = old_value if value is None else value
            new_note = old_note if note is None else note
            summary = plan.summary.get((region, year))
            if summary is None:
                summary = plan.summary[(region, year)] = RegionYearSummary(region, region_names.get(region, region), year)
            line = ValueLine(code, old_value, new_value, old_note, new_note)
            counts = plan.per_file.setdefault(file, FileCounts(file))
            counts.region_years.add((region, year))
            if new_value == old_value and new_note == old_note and (exists or new_value is None):
                summary.unchanged.append(line)
                counts.unchanged += 1
                continue
            (summary.changed if exists else summary.new).append(line)
            if exists:
                counts.changed += 1
            else:
                counts.new += 1
            plan.changes.append(ValueChange(region, year, code, new_value, note))
            if value is None:
                plan.note_only.add((region, year, code))
            plan.change_sources.append(source)
            first_cell.setdefault((region, year), (file, sheet, cell))
        taken = self.decide_statuses(first_cell)
        # datasets that may not change (unless a newer decision carried by the file comes with the values)
        with services.store.reading() as rdb:
            locked = xdb.locked_region_years(rdb, first_cell) - taken - self.status_refused
            for (region, year), (file, sheet, cell) in sorted(first_cell.items()):
                message = policy.value_lock(repo.get_dataset(rdb, region, year).status,
                                            services.label(region, year)) if (region, year) in locked else None
                if message is not None:
                    error = DatasetLocked(message)
                    self.error(file, sheet, cell, str(error))
                    plan.locked.append((region, year, error))
            for (region, year, code) in sorted(self.targets):
                target, _, source, _, file, sheet, cell = self.targets[(region, year, code)]
                old = stored_targets.get((region, year, code))
                if old == target:
                    continue
                ind = names[code]
                if services.user.role not in policy.SET_TARGETS:
                    self.error(file, sheet, cell, Phrase("{region} {year}年 {name} 的目标值：用户 {user}（{role}）无权设定目标值"
                                                         "（需审核人或管理员）", region=region_names.get(region, region),
                                                         year=year, name=ind.name, user=services.user.name,
                                                         role=services.user.role))
                    continue
                message = policy.target_lock(repo.get_dataset(rdb, region, year).status,
                                             services.label(region, year), ind.name)
                if message is not None:
                    self.error(file, sheet, cell, message)
                    continue
                plan.targets.append(TargetChange(region, year, code, old, target, source))
        # 上年数值 against the nearest earlier stored value
        for region, year, ind, prior, file, sheet, cell in self.priors:
            earlier = {y: v for y, v in history.get(region.code, {}).get(ind.code, {}).items() if y < year}
            tolerance = 0.5 * 10 ** (-ind.decimals) + 1e-9
            if not earlier:
                plan.drift.append(Drift(file, sheet, cell, region.code, region.name, year, ind.code, ind.name,
                                        prior, None, None))
                continue
            py = max(earlier)
            if abs(earlier[py] - prior) > tolerance:
                plan.drift.append(Drift(file, sheet, cell, region.code, region.name, year, ind.code, ind.name,
                                        prior, earlier[py], py))


def plan_import(services: Services, paths, progress: Callable[[int, int], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> ImportPlan:
    """Read and check every file; write nothing. Errors of all files are collected in plan.errors.

    Raises ImportCancelled when `cancelled()` turns true.
    """
    # The cyclic garbage collector rescans the growing heap of parsed rows again and again while
    # ElementTree allocates; nothing read here forms cycles, so it pauses for the read (about 25 % faster).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _plan(services, paths, progress, cancelled)
    finally:
        if was_enabled:
            gc.enable()


def _plan(services: Services, paths, progress, cancelled) -> ImportPlan:
    paths = [Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    planner = _Planner(services, cancelled)
    if not paths:
        planner.error("", "", "", Phrase("没有指定要导入的文件"))
    seen = {}
    for i, path in enumerate(paths):
        if progress:
            progress(i * 1000, (len(paths) + 1) * 1000)
        if cancelled is not None and cancelled():
            raise ImportCancelled()
        key = str(path.resolve()) if path.exists() else str(path)
        if key in seen:
            planner.error(path.name, "", "", Phrase("同一文件在本次导入中出现了两次"))
            continue
        seen[key] = True

        def file_progress(done: int, total: int, i=i) -> None:
            if progress and total:
                progress(i * 1000 + min(999, done * 1000 // total), (len(paths) + 1) * 1000)

        planner.read_file(path, file_progress)
    if cancelled is not None and cancelled():
        raise ImportCancelled()
    planner.flush_duplicates()
    planner.compare()
    if progress:
        progress((len(paths) + 1) * 1000, (len(paths) + 1) * 1000)
    return planner.plan


def preview_findings(services: Services, plan: ImportPlan) -> dict[tuple[str, int], list[Finding]]:
    """The findings the import would raise: each region-year validated as it would be after the commit
    (the store's values with the plan's laid over them); nothing is written. Only errors and warnings."""
    inds = services.indicators(include_hidden=True)
    rules = rules_for(services, inds)
    overlay: dict[tuple[str, int], list[ValueChange]] = {}
    for ch in plan.changes:
        overlay.setdefault((ch.region, ch.year), []).append(ch)
    out = {}
    with services.store.reading() as db:
        for region, year in plan.region_years:
            values, notes, history, targets = dbv.region_year_inputs(db, region, year)
            values, notes, targets = dict(values), dict(notes), dict(targets)
            for ch in overlay.get((region, year), []):
                if (region, year, ch.indicator) not in plan.note_only:
                    values[ch.indicator] = ch.value
                if ch.note is not None:
                    notes[ch.indicator] = ch.note
            for t in plan.targets:
                if (t.region, t.year) == (region, year):
                    targets[t.indicator] = t.new
            reg = services.region(region)
            found = validate_values(for_level(services, reg, inds), rules, values, history, targets, year, notes)
            out[(region, year)] = [f for f in found if f.severity == "error" or
                                   (f.severity == "warning" and not f.cleared)]
    return out


def _validate(services: Services, region_years) -> tuple[dict[tuple[str, int], list[Finding]], str]:
    out = {}
    for region, year in region_years:
        try:
            out[(region, year)] = validate(services, region, year)
        except Exception as exc:  # the data is already committed: report, never turn success into a traceback
            logging.getLogger(__name__).exception("validation after import failed")
            return out, f"审核未完成：{exc}"
    return out, ""


def record_refusals(services: Services, plan: ImportPlan) -> None:
    """An import refused because it would change a submitted or approved dataset is itself an audit row."""
    for region, year, error in plan.locked:
        services.refuse(error, "导入数据", region, year)


def commit_import(services: Services, plan: ImportPlan, validate: bool = True, backup: bool = True) -> ImportResult:
    """Write a checked plan in one transaction (after a rolling backup), then validate the touched region-years.

    Raises ImportRefused when the plan has errors, DatasetLocked when a dataset was submitted or approved
    since the plan was made, PermissionDenied, StoreError; in every case nothing is written.
    """
    if not plan.ok:
        record_refusals(services, plan)
        raise ImportRefused(plan)
    was_enabled = gc.isenabled()
    gc.disable()  # as in plan_import: tens of thousands of short-lived rows, no cycles
    try:
        return _commit(services, plan, validate, backup)
    finally:
        if was_enabled:
            gc.enable()


def _commit(services: Services, plan: ImportPlan, validate: bool, backup_first: bool = True) -> ImportResult:
    services.require_role(*policy.EDIT_VALUES, action="导入数据")
    if plan.targets:
        services.require_role(*policy.SET_TARGETS, action="导入目标值")
    backup = None
    if backup_first and (plan.changes or plan.targets or plan.statuses):
        backup = services.backup(reason="before-import")
    user = services.user.name
    taken = {(d.line.region_code, d.line.year) for d, _, _ in plan.statuses}
    with services.write() as w:
        for d, _, _ in plan.statuses:  # decided meanwhile in this store: the plan no longer holds
            now_ds = w.dataset_now(d.line.region_code, d.line.year)
            if (now_ds.status, now_ds.updated_at) != (d.local.status, d.local.updated_at):
                raise WorkflowError(Phrase("{region} {year}年的状态刚被改为“{status}”，请重新导入",
                                           region=d.line.region_name or d.line.region_code, year=d.line.year,
                                           status=now_ds.status))
        # values first, under the status each region-year has now; a region-year whose status this file
        # carries a newer decision for is exempt (its decision is written just after, in this transaction)
        written = w.values([ValueWrite(ch.region, ch.year, ch.indicator,
                                       KEEP if (ch.region, ch.year, ch.indicator) in plan.note_only else ch.value,
                                       ch.note, source)
                            for ch, source in zip(plan.changes, plan.change_sources)], exempt=taken)
        for t in plan.targets:
            w.target(t.region, t.year, t.indicator, t.new, t.source)
        for d, source, file in plan.statuses:
            status_store.apply(w, d, source, user, file)
        for region, year, wanted, source in plan.marks:  # the path and audit of mark-absent / clear-absent
            write_absences(services, w, region, year, wanted, f"{source}｜由 {user} 导入")
    findings, note = ({}, "")
    if validate:
        findings, note = _validate(services, sorted({(c.region, c.year) for c in plan.changes}))
    return ImportResult(plan, written, len(plan.targets), backup, findings, note, len(plan.statuses))


def import_files(services: Services, paths, dry_run: bool = False,
                 progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None):
    """Plan and (unless dry_run) commit. Returns the ImportPlan for a dry run, else the ImportResult.

    Raises ImportRefused (every error listed, nothing written), ImportCancelled, and the errors of commit_import.
    """
    plan = plan_import(services, paths, progress=progress, cancelled=cancelled)
    if not plan.ok:
        if not dry_run:
            record_refusals(services, plan)
        raise ImportRefused(plan)
    if dry_run:
        return plan
    return commit_import(services, plan)


@dataclass
class FileOutcome:
    """One file of `import --each`: its plan, and the result when it landed, or why it was refused."""

    name: str
    plan: ImportPlan
    result: ImportResult | None = None
    refused: AppError | None = None
    findings: dict[tuple[str, int], list[Finding]] = field(default_factory=dict)

    @property
    def errors(self) -> list[str]:
        if isinstance(self.refused, ImportRefused):
            return [str(i) for i in self.refused.issues]
        return [str(self.refused)] if self.refused is not None else []

    @property
    def error_count(self) -> int:
        if isinstance(self.refused, ImportRefused):
            return len(self.refused.issues) + self.refused.plan.more_errors
        return 1 if self.refused is not None else 0


def import_each(services: Services, paths, dry_run: bool = False,
                progress: Callable[[int, int], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> list[FileOutcome]:
    """Each file its own all-or-nothing import, in order: good files land, a refused one is named with its
    errors and the rest go on. A later file carrying region-years an earlier file of the call carried is
    refused in one line ("与 X.xlsx 重复"). A dry run writes nothing and gives each plan with the findings
    the import would raise."""
    paths = [Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    out: list[FileOutcome] = []
    carried: dict[tuple[str, int], str] = {}
    backed_up = False
    for i, path in enumerate(paths):
        if cancelled is not None and cancelled():
            raise ImportCancelled()
        if progress:
            progress(i, len(paths))
        plan = plan_import(services, [path], cancelled=cancelled)
        outcome = FileOutcome(path.name, plan)
        out.append(outcome)
        seen = {}
        for key in plan.region_years:
            if key in carried:
                seen.setdefault(carried[key], []).append(key)
        for other, keys in seen.items():
            names = "、".join(f"{plan.summary[k].region_name} {k[1]}年" for k in keys[:3])
            said = names if len(keys) <= 3 else Phrase("{names} 等 {n} 个地区年度", names=names, n=len(keys))
            plan.errors.append(ImportIssue(path.name, "", "", Phrase("{names}与 {other} 重复（同一地区年度只能由一个文件导入）",
                                                                     names=said, other=other)))
        if not plan.ok:
            if not dry_run:
                record_refusals(services, plan)
            outcome.refused = ImportRefused(plan)
            continue
        for key in plan.region_years:
            carried.setdefault(key, path.name)
        if dry_run:
            outcome.findings = preview_findings(services, plan)
            continue
        try:
            # one rolling backup before the first file that writes, not one per file (90 files, 90 copies)
            outcome.result = commit_import(services, plan, backup=not backed_up)
            backed_up = backed_up or outcome.result.backup is not None
            outcome.findings = {k: [f for f in v if f.severity == "error" or (f.severity == "warning" and not f.cleared)]
                                for k, v in outcome.result.findings.items()}
        except ImportCancelled:
            raise
        except AppError as exc:  # locked meanwhile, no permission, store busy …: this file only
            outcome.refused = exc
    if progress:
        progress(len(paths), len(paths))
    return out


__all__ = ["plan_import", "import_each", "preview_findings", "FileOutcome", "commit_import", "import_files", "ImportPlan", "ImportResult", "ImportIssue",
           "ImportRefused", "ImportCancelled", "RegionYearSummary", "ValueLine", "Drift", "TargetChange"]
