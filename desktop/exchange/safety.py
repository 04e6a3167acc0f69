"""Checks a file must pass before openpyxl opens it: kind by leading bytes, zip sizes and ratios, defusedxml.

Limits (each set by what a real office file needs, with room, and what keeps a hostile file harmless):
- a file over MAX_FILE_BYTES (50 MB) is refused: a province workbook of 50,000 rows is about 3 MB;
- a zip with more than MAX_ENTRIES entries, a worksheet that expands beyond MAX_ENTRY_BYTES (300 MB; worksheets
  are streamed), any other part beyond MAX_PART_BYTES (64 MB; shared strings and styles are parsed whole), all entries
  together beyond MAX_TOTAL_BYTES (600 MB), or an entry over 1 MB that expands more than MAX_RATIO (200×)
  is refused: openpyxl's read-only mode does not protect memory (a 1 MB file expanding to 1 GiB took 2 GB),
  and a sheet of real figures compresses about 5–20×;
- a sheet declaring or holding more than MAX_ROWS rows or MAX_CELLS cells is refused while it is read
  (desktop.exchange.reader enforces these; a province exchange is about 50,000 rows and 403,000 cells, and
  reading 600,000 cells takes about 9 s, the most the 10-second goal below allows);
- every part is bounded while it streams (the goal: any workbook, however built, refused or read in under
  300 MB and 10 s, so that a hostile file cannot stall or exhaust a county's office computer): a cell's text at MAX_CELL_CHARS (Excel's 32,767), the shared strings (parsed whole by openpyxl)
  at MAX_SHARED_STRINGS strings and MAX_SHARED_CHARS characters, the styles (parsed whole by openpyxl) at
  MAX_CELL_FORMATS cell formats and MAX_STYLE_ELEMENTS elements — these two parts are counted by a streaming
  pass (`_check_parts`) before openpyxl opens the file — and the text kept from the rows at MAX_TEXT_CHARS
  (desktop.exchange.reader). A province exchange saved by Excel holds a few thousand shared strings (names,
  units, notes; this program itself writes inline strings), a few dozen cell formats and well under 1 M
  characters of text;
- XML is parsed by openpyxl through defusedxml (entity expansion and external entities refused); opening
  is refused outright when openpyxl does not report defusedxml in use.
A real .xls (OLE2), an encrypted workbook (also OLE2), a CSV or other text, an HTML "xls", an .xlsm (macros),
an .ods and a zip that is not a workbook each get their own message. Every refusal is an UnsafeFile (AppError).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from desktop.db.store import refuse_store_file
from desktop.errors import AppError
from desktop.phrases import Phrase, reason_of
from desktop.zips import ZIP_ERRORS

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_ENTRY_BYTES = 300 * 1024 * 1024
# parts other than worksheets (shared strings, styles, workbook…) are parsed whole into memory
MAX_PART_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 600 * 1024 * 1024
MAX_RATIO = 200
RATIO_APPLIES_FROM = 1024 * 1024
MAX_ROWS = 100_000  # once 300,000: reading that many rows took over 20 s
MAX_CELLS = 600_000  # once 3,000,000; a province exchange is about 403,000
MAX_SHARED_STRINGS = 200_000
MAX_SHARED_CHARS = 10_000_000
MAX_CELL_FORMATS = 20_000
MAX_STYLE_ELEMENTS = 100_000
MAX_TEXT_CHARS = 20_000_000

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"


class UnsafeFile(AppError):
    """A file refused before or while it is opened; `file` is its name."""

    def __init__(self, file: str, message: str):
        self.file = file
        self.reason = message
        super().__init__(Phrase("文件 {file}：{message}", file=file, message=message))


def looks_like_text(head: bytes) -> str | None:
    """'csv', 'html' or 'text' when the leading bytes are text, else None."""
    sample = head[:4096]
    if not sample:
        return None
    for encoding in ("utf-8-sig", "utf-16", "gb18030"):
        text = None
        for cut in range(4):  # a multi-byte character cut at the end of the sample is still text
            try:
                text = sample[:len(sample) - cut].decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        if text is None:
            continue
        if encoding == "utf-16" and not (sample.startswith(b"\xff\xfe") or sample.startswith(b"\xfe\xff")):
            continue
        printable = sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t")
        if text and printable / len(text) > 0.95:
            low = text.lstrip().lower()
            if low.startswith(("<!doctype html", "<html", "<table", "<?xml")) or "<html" in low[:500]:
                return "html"
            first = text.splitlines()[0] if text.splitlines() else text
            if any(sep in first for sep in (",", "\t", ";", "，")):
                return "csv"
            return "text"
    return None


# what defusedxml raises on a DTD, an entity or an external reference (by name: openpyxl wraps them)
UNSAFE_XML = ("DTDForbidden", "EntitiesForbidden", "ExternalReferenceForbidden", "NotSupportedError")


def xml_refused(name: str, exc: Exception, damaged: str) -> UnsafeFile:
    """The refusal of an XML part that defusedxml stopped (unsafe) or could not parse (`damaged`, with the
    exception's kind)."""
    kind = type(exc).__name__
    if kind in UNSAFE_XML:
        return UnsafeFile(name, Phrase("工作簿中含有不安全的XML（DTD或实体定义），拒绝读取"))
    return UnsafeFile(name, Phrase("{damaged}（文件已损坏：{kind}）", damaged=damaged, kind=kind))


def check_defusedxml() -> None:
    """Refuse to read any workbook unless openpyxl parses XML through defusedxml."""
    import openpyxl

    if not getattr(openpyxl, "DEFUSEDXML", False):
        raise AppError("安全组件 defusedxml 未安装或未被 openpyxl 使用，为防止恶意XML，拒绝读取工作簿（pip install defusedxml）")


def check_file(path: str | Path) -> None:
    """Refuse a file that is not a safe .xlsx workbook; raises UnsafeFile naming the file and why."""
    path = Path(path)
    name = path.name
    if not path.exists():
        raise UnsafeFile(name, Phrase("文件不存在"))
    if path.is_dir():
        raise UnsafeFile(name, Phrase("这是一个文件夹，不是工作簿"))
    refuse_store_file(path, Phrase("作为工作簿导入"))
    try:
        size = path.stat().st_size
        with open(path, "rb") as f:
            head = f.read(8192)
    except OSError as exc:
        raise UnsafeFile(name, Phrase("无法读取（{reason}）", reason=str(exc.strerror or exc))) from exc
    if size == 0:
        raise UnsafeFile(name, Phrase("文件为空"))
    if size > MAX_FILE_BYTES:
        raise UnsafeFile(name, Phrase("文件过大（{size} MB，上限 {limit} MB），拒绝读取", size=f"{size / 1048576:.1f}",
                                      limit=MAX_FILE_BYTES // 1048576))
    if head.startswith(OLE2_MAGIC):  # a workbook of this kind (.xls, .et) is read by desktop.exchange.legacy
        raise UnsafeFile(name, Phrase("这是 Word、WPS 文字或其他旧版 Office 文档，不是工作簿；"
                               "请导入 Excel 或 WPS 表格的工作簿（.xlsx、.xls、.et、.ods）"))
    if head.startswith(EMPTY_ZIP_MAGIC):
        raise UnsafeFile(name, Phrase("这是一个空的压缩文件，不是 Excel 工作簿"))
    if not head.startswith(ZIP_MAGIC):
        kind = looks_like_text(head)
        if kind == "csv":
            raise UnsafeFile(name, Phrase("这是 CSV 或文本表格，不是 .xlsx 工作簿；请在 Excel 或 WPS 中打开并"
                                   "“另存为 Excel 工作簿(*.xlsx)”后再导入"))
        if kind == "html":  # a web page with a table is read (desktop.exchange.htmltable): this is XML
            raise UnsafeFile(name, Phrase("这是 XML 文件（如 Excel 2003 XML 表格），不是 .xlsx 工作簿；"
                                   "请在 Excel 中打开并另存为 .xlsx 后再导入"))
        if kind == "text":
            raise UnsafeFile(name, Phrase("这是文本文件，不是 .xlsx 工作簿"))
        raise UnsafeFile(name, Phrase("不是 .xlsx 工作簿（无法识别的文件格式，或文件已损坏）"))
    _check_zip(path, name)


def _part_names(names: set[str], content_types: bytes, kind: bytes, default: str) -> list[str]:
    """The zip entries of one kind of part: by the [Content_Types].xml overrides (how openpyxl finds shared
    strings) and the usual name (how it finds styles)."""
    import re

    found = {default} & names
    for part, ctype in re.findall(rb'PartName="/?([^"]+)"\s+ContentType="([^"]+)"', content_types):
        if kind in ctype and part.decode("utf-8", "replace") in names:
            found.add(part.decode("utf-8", "replace"))
    return sorted(found)


def _check_parts(zf: zipfile.ZipFile, names: set[str], content_types: bytes, name: str) -> None:
    """Count the shared strings and the styles, streaming, before openpyxl parses them whole."""
    from desktop.exchange.sheetxml import MAIN_NS, MAX_CELL_CHARS

    si, xf = MAIN_NS + " si", MAIN_NS + " xf"
    for part in _part_names(names, content_types, b"sharedStrings", "xl/sharedStrings.xml"):
        n = {"strings": 0, "chars": 0, "this": 0}

        def start(tag, n=n, part=part):
            if tag == si:
                n["strings"] += 1
                n["this"] = 0
                if n["strings"] > MAX_SHARED_STRINGS:
                    raise UnsafeFile(name, Phrase("共享字符串过多（超过 {limit} 个，{part}），拒绝读取",
                                                  limit=str(MAX_SHARED_STRINGS), part=part))

        def chars(length, n=n, part=part):
            n["chars"] += length
            n["this"] += length
            if n["this"] > MAX_CELL_CHARS:
                raise UnsafeFile(name, Phrase("第 {n} 个共享字符串超过 {limit} 个字符（Excel 单元格的上限，{part}），拒绝读取",
                                              n=str(n["strings"]), limit=str(MAX_CELL_CHARS), part=part))
            if n["chars"] > MAX_SHARED_CHARS:
                raise UnsafeFile(name, Phrase("共享字符串合计超过 {limit} 个字符（{part}），拒绝读取",
                                              limit=str(MAX_SHARED_CHARS), part=part))

        _scan(zf, part, name, start, chars)
    for part in _part_names(names, content_types, b"spreadsheetml.styles", "xl/styles.xml"):
        n = {"elements": 0, "formats": 0}

        def start(tag, n=n, part=part):
            n["elements"] += 1
            if tag == xf:
                n["formats"] += 1
                if n["formats"] > MAX_CELL_FORMATS:
                    raise UnsafeFile(name, Phrase("单元格格式过多（超过 {limit} 个，{part}），拒绝读取",
                                                  limit=str(MAX_CELL_FORMATS), part=part))
            if n["elements"] > MAX_STYLE_ELEMENTS:
                raise UnsafeFile(name, Phrase("样式定义过多（超过 {limit} 项，{part}），拒绝读取",
                                              limit=str(MAX_STYLE_ELEMENTS), part=part))

        _scan(zf, part, name, start)


def _scan(zf: zipfile.ZipFile, part: str, name: str, start, chars=None) -> None:
    import xml.parsers.expat

    from desktop.exchange.sheetxml import UnsafeXml, scan_part

    try:
        with zf.open(part) as src:
            scan_part(src, start, chars)
    except UnsafeXml as exc:
        raise UnsafeFile(name, Phrase("{part}：{reason}", part=part, reason=reason_of(exc))) from exc
    except xml.parsers.expat.ExpatError as exc:
        raise UnsafeFile(name, Phrase("工作簿已损坏，{part} 不是完好的XML（{detail}）", part=part, detail=str(exc))) from exc


def _check_zip(path: Path, name: str) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            if len(infos) > MAX_ENTRIES:
                raise UnsafeFile(name, Phrase("压缩包内文件过多（{n} 个，上限 {limit}），拒绝读取", n=str(len(infos)),
                                              limit=str(MAX_ENTRIES)))
            total = 0
            for info in infos:
                total += info.file_size
                if info.file_size > MAX_ENTRY_BYTES:
                    raise UnsafeFile(name, Phrase("其中 {part} 解压后过大（{mb} MB，上限 {limit} MB），疑似压缩炸弹，拒绝读取",
                                                  part=info.filename, mb=f"{info.file_size / 1048576:.0f}",
                                                  limit=str(MAX_ENTRY_BYTES // 1048576)))
                if info.file_size > MAX_PART_BYTES and not info.filename.startswith("xl/worksheets/"):
                    raise UnsafeFile(name, Phrase("其中 {part} 解压后过大（{mb} MB，上限 {limit} MB），拒绝读取",
                                                  part=info.filename, mb=f"{info.file_size / 1048576:.0f}",
                                                  limit=str(MAX_PART_BYTES // 1048576)))
                if info.file_size > RATIO_APPLIES_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                    raise UnsafeFile(name, Phrase("其中 {part} 压缩比异常（{ratio} 倍，上限 {limit} 倍），疑似压缩炸弹，拒绝读取",
                                                  part=info.filename, ratio=str(info.file_size // max(info.compress_size, 1)),
                                                  limit=str(MAX_RATIO)))
            if total > MAX_TOTAL_BYTES:
                raise UnsafeFile(name, Phrase("解压后总大小过大（{mb} MB，上限 {limit} MB），拒绝读取",
                                              mb=f"{total / 1048576:.0f}", limit=str(MAX_TOTAL_BYTES // 1048576)))
            if "mimetype" in names and "content.xml" in names:
                raise UnsafeFile(name, Phrase("这是 OpenDocument 表格（.ods），请在 LibreOffice 或 WPS 中另存为 .xlsx 后再导入"))
            if "[Content_Types].xml" not in names:
                raise UnsafeFile(name, Phrase("压缩包不是 Excel 工作簿（缺少 [Content_Types].xml）"))
            content_types = zf.read("[Content_Types].xml")[:MAX_ENTRY_BYTES]
            if "xl/workbook.bin" in names or b"sheet.binary" in content_types:  # its type says macroEnabled always
                raise UnsafeFile(name, Phrase("这是 Excel 二进制工作簿（.xlsb），本程序不读取这种格式；"
                                       "请在 Excel 中另存为 .xlsx 后再导入"))
            if any(n.lower().endswith("vbaproject.bin") for n in names) or b"macroEnabled" in content_types:
                raise UnsafeFile(name, Phrase("这是启用宏的工作簿（.xlsm），为安全起见不导入；请另存为不含宏的 .xlsx 后再导入"))
            if b"spreadsheetml.sheet.main" not in content_types and b"spreadsheetml.template.main" not in content_types:
                raise UnsafeFile(name, Phrase("压缩包不是 Excel 工作簿（可能是 Word、PowerPoint 或其他文件）"))
            _check_parts(zf, names, content_types, name)
    except (OSError, RuntimeError, NotImplementedError) as exc:
        raise UnsafeFile(name, Phrase("工作簿无法读取（{reason}）", reason=str(exc))) from exc
    except ZIP_ERRORS as exc:  # a broken deflate stream, a stream cut short, a name that decodes wrong
        raise UnsafeFile(name, Phrase("工作簿已损坏，无法解压（{reason}）", reason=str(exc or type(exc).__name__))) from exc
