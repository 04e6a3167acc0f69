"""Writing exchange workbooks: the entry template of one region-year and the export of many regions and years.

Both are written to a temporary file beside the target and renamed at the end: an error or a cancel leaves
no half-written workbook. Text that Excel would run as a formula (starting with = + - @, or a tab or carriage
return) is written as a string cell with Excel's quote prefix, so it shows as text and stays text when edited.
Numbers are numbers, formatted with the indicator's decimals (no thousands separators). The value cells of
'%' indicators hold the percentage itself (65.35 for 65.35%) with a plain number format, never a percent
format: the reader takes a percent-formatted cell as a fraction to multiply by 100.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from desktop.db import exchange as xdb
from desktop.db.store import refuse_output_file
from desktop.domain import Indicator, Region, check_year
from desktop.errors import AppError, UsageError
from desktop.exchange.format import (
    DATA_SHEET,
    EXCHANGE_COLUMNS,
    FORMAT_NAME,
    FORMAT_VERSION,
    HEADER,
    INFO_SHEET,
    TARGET_SHEET,
    number_format,
)
from desktop.outputs import save_workbook
from desktop.phrases import Phrase

if TYPE_CHECKING:  # the services hand themselves in; this package never imports them
    from desktop.services import Services

RISKY_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
GENERATOR = "county-health-indicators"

_WIDTHS = {"region_code": 10, "region_name": 12, "year": 7, "section": 10, "indicator_code": 26,
           "indicator_name": 34, "unit": 8, "prior": 12, "value": 12, "note": 30, "target": 12}


def _column_width(key: str, inds) -> float:
    """Wide enough for the catalog's longest code and name (an admin may add longer ones than the default)."""
    if key == "indicator_code":
        return max(_WIDTHS[key], max((len(i.code) for i in inds), default=0) + 2)
    if key == "indicator_name":
        return max(_WIDTHS[key], max((2 * len(i.name) for i in inds), default=0) + 2)
    return _WIDTHS[key]


def _generator() -> str:
    try:
        from importlib.metadata import version

        return f"{GENERATOR} {version(GENERATOR)}"
    except Exception:
        return GENERATOR


def _clean(text: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", text)


def is_risky(text: str) -> bool:
    return text.startswith(RISKY_START)


def parse_years(text: str | int | Iterable[int]) -> list[int]:
    """'2021', '2019:2021' (or 2019-2021) or a list of years; raises InvalidYear or UsageError."""
    if isinstance(text, int):
        return [check_year(text)]
    if not isinstance(text, str):
        return sorted({check_year(y) for y in text})
    raw = text.strip().replace("：", ":").replace("－", ":").replace("—", ":")
    for sep in (":", "-", "~", "～"):
        if sep in raw:
            a, b = raw.split(sep, 1)
            first, last = check_year(a), check_year(b)
            if first > last:
                raise UsageError(f"年份范围 {text!r} 无效：起始年份晚于结束年份")
            return list(range(first, last + 1))
    return [check_year(raw)]


def expand_regions(services: Services, regions: str | Iterable[str]) -> list[Region]:
    """Codes or names (comma-separated text or a list); a city or province expands to its counties."""
    if isinstance(regions, str):
        parts = [p for p in regions.replace("，", ",").split(",") if p.strip()]
    else:
        parts = list(regions)
    if not parts:
        raise UsageError("没有指定地区")
    out: dict[str, Region] = {}
    for part in parts:
        region = part if isinstance(part, Region) else services.region(str(part).strip())
        for county in services.counties_of(region.code) if region.level != "county" else [region]:
            out.setdefault(county.code, county)
    return list(out.values())


@contextlib.contextmanager
def _atomic_path(path: Path):
    """Yield a temporary path beside `path`; rename it to `path` only when the block succeeds."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise UsageError(Phrase("输出文件应以 .xlsx 结尾：{path}", path=str(path)))
    refuse_output_file(path, Phrase("写成工作簿"))
    if path.is_dir():
        raise AppError(Phrase("输出路径是一个文件夹：{path}", path=str(path)))
    if not path.parent.exists():
        raise AppError(Phrase("输出文件夹不存在：{path}", path=str(path.parent)))
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        yield tmp
        os.replace(tmp, path)
    except PermissionError as exc:
        raise AppError(Phrase("无法写入文件：{path}（没有写入权限，或文件正在 Excel/WPS 中打开，请关闭后重试）",
                              path=str(path))) from exc
    except OSError as exc:
        raise AppError(Phrase("无法写入文件：{path}（{reason}）", path=str(path), reason=str(exc.strerror or exc))) from exc
    finally:
        with contextlib.suppress(FileNotFoundError, OSError):
            tmp.unlink()


def _info_rows(services: Services, regions: str, years: str, rows: int, kind: str) -> list[tuple[str, object]]:
    return [
        ("格式", FORMAT_NAME),
        ("版本", FORMAT_VERSION),
        ("内容", kind),
        ("生成程序", _generator()),
        ("生成时间", dt.datetime.now().astimezone().isoformat(timespec="seconds")),
        ("指标目录版本", services.catalog_version()),
        ("地区", regions),
        ("年份", years),
        ("行数", rows),
        ("列", "、".join(HEADER[k] for k in EXCHANGE_COLUMNS) + "（另可有 上年数值、目标 等列）"),
        ("读取规则", "地区按代码或准确名称；指标按代码或名称；百分比格式的单元格按百分数读取；"
                 "“—”“-”“/”或空白表示无数值；有任何错误则整批不导入"),
    ]


def _write_info(ws, rows) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.properties import PageSetupProperties

    wrap = Alignment(wrap_text=True, vertical="top", horizontal="left")
    for i, (key, value) in enumerate(rows, start=1):
        ws.cell(row=i, column=1, value=key).font = Font(bold=True)
        cell = ws.cell(row=i, column=2)
        cell.value = value
        cell.alignment = wrap
        if isinstance(value, str) and is_risky(value):
            cell.data_type = "s"
            cell.quotePrefix = True
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 70
    ws.page_setup.paperSize = "9"  # A4
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def _range_text(ind: Indicator) -> str:
    def f(x: float) -> str:
        return f"{x:.{ind.decimals}f}".rstrip("0").rstrip(".") if ind.decimals else f"{x:.0f}"

    if ind.min is not None and ind.max is not None:
        return f"{f(ind.min)}–{f(ind.max)}"
    if ind.min is not None:
        return f"≥{f(ind.min)}"
    if ind.max is not None:
        return f"≤{f(ind.max)}"
    return "不限"


def _validation_for(ind: Indicator):
    from openpyxl.worksheet.datavalidation import DataValidation

    whole = ind.decimals <= 0
    kind = "whole" if whole else "decimal"
    lo, hi = ind.min, ind.max

    def num(x: float) -> str:
        return str(int(x)) if whole or float(x).is_integer() else repr(float(x))

    if lo is not None and hi is not None:
        dv = DataValidation(type=kind, operator="between", formula1=num(lo), formula2=num(hi), allow_blank=True)
    elif lo is not None:
        dv = DataValidation(type=kind, operator="greaterThanOrEqual", formula1=num(lo), allow_blank=True)
    elif hi is not None:
        dv = DataValidation(type=kind, operator="lessThanOrEqual", formula1=num(hi), allow_blank=True)
    else:
        dv = DataValidation(type=kind, operator="between", formula1="-1E+15", formula2="1E+15", allow_blank=True)
    unit = ind.unit or "无单位"
    percent = "；按百分数填写，如 65.35 表示 65.35%" if ind.unit.strip() in ("%", "％") else ""
    whole_text = "；整数" if whole else f"；保留{ind.decimals}位小数"
    dv.showInputMessage = True
    dv.showErrorMessage = True
    dv.promptTitle = ind.name[:32]
    dv.prompt = f"单位：{unit}；范围：{_range_text(ind)}{whole_text}{percent}"[:255]
    dv.errorTitle = "数值超出范围"[:32]
    dv.error = (f"{ind.name}应为{'整数' if whole else '数字'}，范围 {_range_text(ind)}（单位：{unit}）。"
                "确无数值请留空。")[:255]
    dv.errorStyle = "stop"
    return dv


TARGET_REF_HEADER = "目标值（参考）"  # not read back as a target: the county fills 数值, the office keeps its targets


def write_template(services: Services, region: str, year: int, path: str | os.PathLike) -> Path:
    """The entry workbook of one region-year: a row per catalog indicator, prior values filled, values empty.
    For a city (or the province): one sheet per county below it, each with the county's targets beside its
    value column (`目标值（参考）`, for reference: not read back as targets).

    Raises UnknownRegion, InvalidYear, UsageError (not .xlsx), AppError (cannot write).
    """
    from openpyxl import Workbook

    reg = services.region(region)
    inds = services.indicators()
    first = {}
    for i, ind in enumerate(inds):
        first.setdefault(ind.section, i)
    inds.sort(key=lambda ind: (first[ind.section], ind.sort_order))  # grouped by section, catalog order within
    wb = Workbook()
    if reg.level == "county":
        ry = services.get_region_year(reg.code, year)
        ws = wb.active
        ws.title = DATA_SHEET
        _fill_template_sheet(ws, ry, inds, with_targets=False)
        rows, desc = len(inds), f"{reg.code} {reg.name}"
    else:
        counties = services.counties_of(reg.code)
        if not counties:
            raise UsageError(f"{reg.name}下没有县（市、区）")
        wb.remove(wb.active)
        for county in counties:
            ry = services.get_region_year(county.code, year)
            ws = wb.create_sheet(_clean(county.name)[:31])
            _fill_template_sheet(ws, ry, inds, with_targets=True)
        rows, desc = len(inds) * len(counties), f"{reg.code} {reg.name}（{len(counties)} 个县（市、区），每县一表）"
    y = check_year(year)
    info = wb.create_sheet(INFO_SHEET)
    how = ("在黄色的“数值”列填写本年数值（按“单位”列的单位，百分比指标填百分数，如 65.35），"
           "异常或缺失请在“说明”列写明原因；代码、名称等列已锁定。填好后用“导入”读回本程序。")
    if reg.level != "county":
        how += "每个县（市、区）一张工作表；“目标值（参考）”列是上级下达的目标，供对照，导入时不读取。"
    _write_info(info, _info_rows(services, desc, str(y), rows, "填报模板") + [("填写方法", how)])
    with _atomic_path(Path(path)) as tmp:
        save_workbook(wb, tmp)
    return Path(path)


def _fill_template_sheet(ws, ry, inds, with_targets: bool) -> None:
    """One region-year's entry sheet: header, a row per indicator, data validation, protection, print setup."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    reg = ry.region
    keys = ("region_code", "region_name", "year", "section", "indicator_code", "indicator_name", "unit",
            "prior", "value") + (("target_ref",) if with_targets else ()) + ("note",)
    col = {k: i for i, k in enumerate(keys, start=1)}
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    input_fill = PatternFill("solid", fgColor="FFF2CC")
    target_fill = PatternFill("solid", fgColor="E2EFDA")
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    unlocked = Protection(locked=False)
    for k, i in col.items():
        c = ws.cell(row=1, column=i, value=TARGET_REF_HEADER if k == "target_ref" else HEADER[k])
        c.font, c.fill, c.border = bold, head_fill, border
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(i)].width = 12 if k == "target_ref" else _column_width(k, inds)
    validations = []
    for r, ind in enumerate(inds, start=2):
        prior = ry.prior.get(ind.code)
        cells = {"region_code": reg.code, "region_name": reg.name, "year": ry.year, "section": ind.section,
                 "indicator_code": ind.code, "indicator_name": ind.name, "unit": ind.unit,
                 "prior": prior.value if prior else None, "value": None, "note": None,
                 "target_ref": ry.targets.get(ind.code)}
        for k in keys:
            value = cells[k]
            c = ws.cell(row=r, column=col[k])
            if isinstance(value, str):
                value = _clean(value)
            c.value = value
            if isinstance(value, str) and is_risky(value):
                c.data_type = "s"
                c.quotePrefix = True
            c.border = border
            if k in ("prior", "value", "target_ref"):
                c.number_format = number_format(ind.decimals)
            if k == "target_ref" and value is not None:
                c.fill = target_fill
            if k == "prior" and prior is not None and prior.year != ry.year - 1:
                # as in the reports: the nearest earlier year with a value, its year shown when not the year before
                c.comment = Comment(f"{prior.year}年数值（{ry.year - 1}年无数据）", "本程序", width=160, height=40)
            if k in ("value", "note"):
                c.protection = unlocked
                c.fill = input_fill
            if k in ("indicator_name", "note"):
                c.alignment = Alignment(wrap_text=True, vertical="center")
        dv = _validation_for(ind)
        dv.add(f"{get_column_letter(col['value'])}{r}")
        validations.append(dv)
    for dv in validations:
        ws.add_data_validation(dv)
    ws.freeze_panes = "A2"  # header only: frozen columns up to 数值 would not fit a laptop screen
    ws.protection.sheet = True
    # the clerk may still size columns and rows, and Excel may switch a cell to a percent format when
    # "65.35%" is typed (the reader relies on that format)
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.formatCells = False
    ws.print_title_rows = "1:1"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddHeader.center.text = _clean(f"{reg.name} {ry.year}年 卫生健康指标填报表")
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.left.text = "填报人：              审核人：              日期："


def export_workbook(services: Services, regions, years, path: str | os.PathLike,
                    progress: Callable[[int, int], None] | None = None,
                    cancelled: Callable[[], bool] | None = None) -> Path:
    """The exchange sheet of many regions and years (a city or province means its counties), plus a 目标
    sheet when targets exist. Raises UnknownRegion, InvalidYear, UsageError, ImportCancelled, AppError.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    region_list = expand_regions(services, regions)
    year_list = parse_years(years)
    inds = {i.code: i for i in services.indicators(include_hidden=True)}
    codes = [r.code for r in region_list]
    names = {r.code: r.name for r in region_list}
    db = services.store.db
    with services.store.reading():
        records = xdb.value_rows(db, codes, year_list)
        targets = xdb.target_rows(db, codes, year_list)

    wb = Workbook(write_only=True)
    total = len(records) + len(targets)
    done = 0
    proto: dict[tuple[str, str], object] = {}

    def text_cell(ws, text: str):
        text = _clean(text)
        if not is_risky(text):
            return text
        c = WriteOnlyCell(ws, value=text)
        c.data_type = "s"
        c.quotePrefix = True
        return c

    def value_cell(ws, value: float | None, ind: Indicator | None):
        # One styled cell per number format, reused row after row: a write-only sheet serialises each
        # appended row at once, so the cell is free again when the next row comes.
        if value is None:
            return None
        fmt = number_format(ind.decimals) if ind else "General"
        c = proto.get((ws.title, fmt))
        if c is None:
            c = proto[(ws.title, fmt)] = WriteOnlyCell(ws, value=0)
            c.number_format = fmt
        c.value = value
        return c

    def sheet(title: str, rows, value_header: str, count: int):
        nonlocal done
        ws = wb.create_sheet(title)
        # openpyxl's write-only sheets omit <dimension>; without it a read-only reader parses the whole
        # sheet once just to size it. We know the size: declaring it halves the reading time of our exports.
        last = get_column_letter(len(EXCHANGE_COLUMNS))
        ws.calculate_dimension = lambda: f"A1:{last}{count + 1}"
        keys = EXCHANGE_COLUMNS
        for i, k in enumerate(keys, start=1):
            ws.column_dimensions[get_column_letter(i)].width = _column_width(k, services.indicators(True))
        ws.freeze_panes = "A2"
        ws.print_title_rows = "1:1"
        ws.page_setup.paperSize = "9"  # A4
        ws.page_setup.orientation = "landscape"
        bold = Font(bold=True)
        head = []
        for k in keys:
            c = WriteOnlyCell(ws, value=value_header if k == "value" else HEADER[k])
            c.font = bold
            head.append(c)
        ws.append(head)
        region_text = {c: text_cell(ws, n) for c, n in names.items()}
        ind_text = {c: (text_cell(ws, i.name), text_cell(ws, i.unit), i) for c, i in inds.items()}
        append = ws.append
        for region, year, code, value, note in rows:
            iname, iunit, ind = ind_text.get(code, (code, "", None))
            append([region, region_text.get(region, region), year, code, iname, iunit,
                    value_cell(ws, value, ind), text_cell(ws, note) if note else None])
            done += 1
            if done % 2000 == 0:
                if cancelled is not None and cancelled():
                    raise ExportCancelled()
                if progress:
                    progress(done, total)

    def status_sheets() -> None:
        from desktop.exchange import status as st
        from desktop.exchange.status_store import lines_for_export

        lines = lines_for_export(services, codes, year_list, records, clean=_clean)
        ws = wb.create_sheet(st.STATUS_SHEET)
        keys = list(st.STATUS_COLUMNS)
        widths = {"region_name": 12, "reason": 30, "chain_head": 20, "digest": 20}
        for i, k in enumerate(keys, start=1):
            ws.column_dimensions[get_column_letter(i)].width = widths.get(k, 12 if not k.endswith("_at") else 26)
        ws.freeze_panes = "A2"
        bold = Font(bold=True)
        head = []
        for k in keys:
            c = WriteOnlyCell(ws, value=st.STATUS_COLUMNS[k][0])
            c.font = bold
            head.append(c)
        ws.append(head)
        from desktop.domain import STATUS_NAMES

        for line in lines:
            row = []
            for k in keys:
                if k == "status_name":
                    value = STATUS_NAMES.get(line.status, line.status)
                else:
                    value = getattr(line, k)
                row.append(text_cell(ws, value) if isinstance(value, str) and value else (value if value != "" else None))
            ws.append(row)
        notes = [(line, code, text) for line in lines for code, text in sorted(line.notes.items())]
        if notes:
            ws = wb.create_sheet(st.REVIEW_SHEET)
            ws.append([st.REVIEW_COLUMNS[k][0] for k in st.REVIEW_COLUMNS])
            for line, code, text in notes:
                ind = inds.get(code)
                ws.append([line.region_code, text_cell(ws, line.region_name), line.year, code,
                           text_cell(ws, ind.name) if ind else None, text_cell(ws, text)])
        # always written (a header alone when nothing is marked): its presence tells the reader that a
        # region-year of 状态 without a row here has no mark (a mark taken away travels too)
        from desktop.domain import ABSENCE_KINDS

        ws = wb.create_sheet(st.ABSENT_SHEET)
        for k, width in zip("ABCDEFGH", (10, 12, 7, 26, 34, 12, 12, 40)):
            ws.column_dimensions[k].width = width
        ws.append([st.ABSENT_COLUMNS[k][0] for k in st.ABSENT_COLUMNS])
        for line in lines:
            for code, (kind, reason) in sorted(line.absent.items()):
                ind = inds.get(code)
                ws.append([line.region_code, text_cell(ws, line.region_name), line.year, code,
                           text_cell(ws, ind.name) if ind else None, kind, ABSENCE_KINDS.get(kind, kind),
                           text_cell(ws, reason)])

    try:
        sheet(DATA_SHEET, records, HEADER["value"], len(records))
        status_sheets()
        if targets:
            sheet(TARGET_SHEET, ((r, y, c, v, "") for r, y, c, v in targets), HEADER["value"], len(targets))
        info = wb.create_sheet(INFO_SHEET)
        region_desc = "、".join(f"{r.code} {r.name}" for r in region_list[:20]) + (
            f" 等 {len(region_list)} 个地区" if len(region_list) > 20 else "")
        year_desc = str(year_list[0]) if len(year_list) == 1 else f"{year_list[0]}–{year_list[-1]}"
        for key, value in _info_rows(services, region_desc, year_desc, len(records), "数据导出") + [
                ("状态表", "“状态”表：每个地区年度的状态，提交、审核、接收、退回的人和时间，退回原因，审计链头和数据摘要；"
                          "“退回意见”表：退回时对单项数值的意见；“不适用标记”表：标为不适用或本年未统计的指标及原因（其“数值”为空）。导出后改动数据，摘要即不符，导入时只作为数据、不采用其状态")]:
            info.append([key, text_cell(info, value) if isinstance(value, str) else value])
        with _atomic_path(Path(path)) as tmp:
            if cancelled is not None and cancelled():
                raise ExportCancelled()
            save_workbook(wb, tmp)
    except BaseException:
        _discard(wb)
        raise
    if progress:
        progress(total, total)
    return Path(path)


def _discard(wb) -> None:
    """Close the row writers and remove the temporary files of an abandoned write-only workbook."""
    for ws in wb.worksheets:
        with contextlib.suppress(Exception):
            if getattr(ws, "_rows", None) is not None:
                ws._rows.close()
        writer = getattr(ws, "_writer", None)
        if writer is not None:
            with contextlib.suppress(Exception):
                writer.close()
            with contextlib.suppress(Exception):
                writer.cleanup()


class ExportCancelled(AppError):
    def __init__(self):
        super().__init__("导出已取消，未生成文件")
