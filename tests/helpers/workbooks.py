"""Workbooks for the crash, hostile-input and fuzz tests, written with openpyxl or by hand (zip)."""

from __future__ import annotations

import zipfile
from pathlib import Path

HEADER = ["地区代码", "地区名称", "年份", "指标代码", "指标名称", "单位", "数值", "说明"]


def exchange_rows(regions: list[tuple[str, str]], years: list[int], indicators: list[tuple[str, str, str]],
                  value=lambda r, y, i: 1.0 + (y % 7) + i) -> list[list[object]]:
    """Rows of the exchange format for every region × year × indicator (code, name, unit)."""
    rows = []
    for rc, rn in regions:
        for y in years:
            for k, (ic, iname, unit) in enumerate(indicators):
                rows.append([rc, rn, y, ic, iname, unit, value(rc, y, k), ""])
    return rows


def write_exchange(path: Path, rows: list[list[object]], header: list[str] | None = None) -> Path:
    """A version-1 exchange workbook: sheet 数据 (header + rows) and sheet 说明; write-only mode."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("数据")
    ws.append(header or HEADER)
    for row in rows:
        ws.append(row)
    info = wb.create_sheet("说明")
    info.append(["格式", "县卫生健康指标交换格式"])
    info.append(["版本", 1])
    wb.save(path)
    return path


def raw_xlsx(path: Path, sheet_xml: str | bytes, extra: dict[str, bytes] | None = None,
             content_types_extra: str = "", compress: int = zipfile.ZIP_DEFLATED) -> Path:
    """A minimal .xlsx written by hand: one sheet named 数据 with the given sheet XML."""
    ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
          'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
          'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
          '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
          'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
          'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' + content_types_extra + '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    wb = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
          'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
          '<sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>')
    wbrels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
              'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
              'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w", compress) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", wbrels)
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return path


def sheet_xml(rows: list[list[object]], prolog: str = "") -> str:
    """Sheet XML with inline strings and numbers (row 1 first)."""
    from xml.sax.saxutils import escape

    out = [prolog + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    for r, row in enumerate(rows, start=1):
        out.append(f'<row r="{r}">')
        for c, v in enumerate(row):
            ref = f"{chr(65 + c)}{r}"
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                out.append(f'<c r="{ref}"><v>{v}</v></c>')
            elif v is not None:
                out.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(v))}</t></is></c>')
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)
