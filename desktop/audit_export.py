"""The audit trail as an Excel workbook (openpyxl): one row per change, text never read as a formula."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from desktop.db.store import refuse_output_file
from desktop.domain import AUDIT_FIELD_NAMES, STATUS_NAMES, AuditRow
from desktop.errors import AppError
from desktop.outputs import save_workbook
from desktop.texts import without_controls
from desktop.phrases import Phrase

HEADERS = ["时间", "用户", "地区代码", "地区", "年份", "指标代码", "指标", "项目", "原值", "新值", "来源", "原因"]
WIDTHS = [26, 10, 10, 12, 7, 28, 28, 12, 16, 16, 24, 40]
_FORMULA_START = ("=", "+", "-", "@")


def _shown(field: str, value: object) -> object:
    """Numbers stay numbers; statuses in Chinese; anything else as text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        return value
    if field == "status" and value in STATUS_NAMES:
        return STATUS_NAMES[value]
    if isinstance(value, (dict, list)):
        import json

        return json.dumps(value, ensure_ascii=False)
    return str(value)


EXCEL_CELL_MAX = 32767


def _carried(text: str) -> str:
    """What a cell can hold: without control characters (openpyxl refuses them), and a text longer than
    Excel's cell limit (only notes stored before desktop.texts limited them) cut with a mark saying so."""
    text = without_controls(text)
    if len(text) > EXCEL_CELL_MAX:
        mark = f"……（已截断：原文 {len(text)} 个字符）"
        text = text[:EXCEL_CELL_MAX - len(mark)] + mark
    return text


def _cell(ws, value: object):
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, str):
        value = _carried(value)
    cell = WriteOnlyCell(ws, value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        cell.data_type = "s"  # written as a string: a reader never evaluates it
    return cell


def export_audit(services, rows: list[AuditRow], path: str | os.PathLike, title: str = "修改记录",
                 progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> Path | None:
    """Write audit rows (e.g. from workflow.find_audit) to an .xlsx file; returns the path, or None when
    cancelled (nothing is left behind then).

    Raises AppError when the file cannot be written.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise AppError(f"导出文件应以 .xlsx 结尾：{path}")
    refuse_output_file(path, Phrase("写成审计记录"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AppError(Phrase("无法写入文件：{path}（{reason}）", path=str(path), reason=str(exc.strerror))) from exc
    regions = {r.code: r.name for r in services.regions()}
    names = {i.code: i.name for i in services.indicators(include_hidden=True)}

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31])
    for col, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS))}{len(rows) + 1}"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.orientation = "landscape"
    ws.print_title_rows = "1:1"
    bold = Font(bold=True)
    header = []
    for head in HEADERS:
        cell = _cell(ws, head)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    total = len(rows)
    for n, r in enumerate(rows, start=1):
        values = [r.at, r.user, r.region, regions.get(r.region, "") if r.region else "", r.year, r.indicator,
                  names.get(r.indicator, "") if r.indicator else "", AUDIT_FIELD_NAMES.get(r.field, r.field),
                  _shown(r.field, r.old), _shown(r.field, r.new), r.source, r.reason]
        ws.append([_cell(ws, v) for v in values])
        if n % 2000 == 0:
            if cancelled is not None and cancelled():
                ws.close()  # ends the worksheet's temporary file; nothing is saved
                return None
            if progress is not None:
                progress(n, total)
    info = wb.create_sheet("说明")
    for k, v in (("内容", title), ("记录数", total), ("目录版本", services.catalog_version()),
                 ("导出用户", services.user.name)):
        info.append([_cell(info, k), _cell(info, v)])
    tmp = path.with_name(path.name + ".part")
    try:
        save_workbook(wb, tmp)
        os.replace(tmp, path)
    except OSError as exc:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise AppError(Phrase("无法写入文件：{path}（{reason}）", path=str(path), reason=str(exc.strerror))) from exc
    if progress is not None:
        progress(total, total)
    return path
