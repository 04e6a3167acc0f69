"""Reading a report file: plain text (UTF-8, UTF-8 with BOM, UTF-16 with BOM, GB18030: desktop.encodings), a Word .docx, a Word 97–2003 .doc or WPS
.wps (desktop.extract.doc), an RTF (desktop.extract.rtf), an OFD (desktop.extract.ofd), the text layer of a .pdf (pypdf) or the text of a web page saved as .html/.htm (the
standard library's html.parser)."""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

from desktop.db.store import refuse_store_file
from desktop.encodings import decode_text, declared_charset
from desktop.errors import AppError
from desktop.phrases import Phrase, reason_of

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class UnreadableReport(AppError):
    """A report file that cannot be read as text."""

    def __init__(self, path: object, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(Phrase("无法读取报告文件 {path}：{reason}", path=str(path), reason=reason))


def read_text_file(path: str | Path) -> str:
    """The text of a .txt, .docx, .doc, .wps, .rtf, .pdf, .ofd or .html report. Raises UnreadableReport naming the
    file and why."""
    path = Path(path)
    if not path.is_file():
        raise UnreadableReport(path, Phrase("文件不存在"))
    refuse_store_file(path, Phrase("作为报告读取"))
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableReport(path, exc.strerror or str(exc)) from exc
    if suffix in (".xls", ".xlsx", ".et", ".ods"):
        raise UnreadableReport(path, Phrase("{suffix} 是电子表格，不是报告：请用“导入”读取，或把报告另存为 .txt、.docx 或 .pdf",
                                            suffix=suffix))
    if suffix == ".ofd" or data[:4] == b"PK\x03\x04" and _is_ofd(data):
        return _ofd_text(path, data)
    if suffix == ".docx" or data[:4] == b"PK\x03\x04":
        return _docx_text(path, data)
    if suffix == ".pdf" or data[:5] == b"%PDF-":
        return _pdf_text(path, data)
    if data[:8] == _OLE2:
        return _doc_text(path, data)
    if data.lstrip()[:5] == b"{\\rtf":
        return _rtf_text(path, data)
    if suffix in (".mht", ".mhtml") or _MIME_START.match(data[:1024]):
        return _html_text(path, _mht_html(path, data))
    if suffix in (".html", ".htm", ".xhtml", ".shtml") or _looks_html(data):
        return _html_text(path, data)
    if suffix in (".doc", ".wps"):
        raise UnreadableReport(path, Phrase("不是 Word 或 WPS 文档（{suffix} 文件的内容不是 Word 97–2003 格式）", suffix=suffix))
    return _decode(path, data)


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file of Word 97–2003, WPS 文字, Excel 97–2003


def _doc_text(path: Path, data: bytes) -> str:
    """A Word 97–2003 .doc or a WPS .wps (desktop.extract.doc)."""
    from desktop.extract.doc import DocError, doc_text

    return _read_with(path, data, doc_text, DocError)


def _rtf_text(path: Path, data: bytes) -> str:
    """An RTF document, whatever its name (.rtf, or a web system's ".doc") (desktop.extract.rtf)."""
    from desktop.extract.rtf import RtfError, rtf_text

    return _read_with(path, data, rtf_text, RtfError)


def _read_with(path: Path, data: bytes, reader, error: type[Exception]) -> str:
    """The text a reader gives, its error and an empty text refused naming the file."""
    try:
        text = reader(data)
    except error as exc:
        raise UnreadableReport(path, reason_of(exc)) from None
    if not text.strip():
        raise UnreadableReport(path, Phrase("文档中没有正文文字"))
    return text


def _decode(path: Path, data: bytes, declared: str | None = None) -> str:
    text = decode_text(data, declared)
    if text is None:
        raise UnreadableReport(path, Phrase("不是文本文件（编码既不是UTF-8也不是GB18030）"))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _is_ofd(data: bytes) -> bool:
    import io

    from desktop.zips import ZIP_ERRORS

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "OFD.xml" in z.namelist()
    except ZIP_ERRORS:
        return False  # read as a .docx, which says what is wrong


def _ofd_text(path: Path, data: bytes) -> str:
    """An OFD (desktop.extract.ofd): its pages' text, tables found by position as in a PDF."""
    from desktop.extract.ofd import OfdError, ofd_pages
    from desktop.extract.tables import tables_in_lines, tables_in_pages

    try:
        pages = ofd_pages(data)
    except OfdError as exc:
        raise UnreadableReport(path, reason_of(exc)) from None
    texts = ["\n".join(tables_in_lines(p.split("\n"))) for p in tables_in_pages(pages)]
    text = "\n\n".join(t.strip("\n") for t in texts)
    if not text.strip():
        raise UnreadableReport(path, Phrase("OFD 中没有文字（可能是扫描件），请先做文字识别或另存为文本"))
    return text


def _pdf_text(path: Path, data: bytes) -> str:
    """The text layer of every page, pages separated by a blank line. A scan has no text layer."""
    import io
    import logging

    import struct
    import zlib

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    from desktop.extract.tables import tables_in_lines, tables_in_pages

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # warnings about odd fonts are not the clerk's business
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableReport(path, Phrase("PDF 已加密，无法读取文字"))
        # tables as their rows' sentences: found by the positions of the text, then in the lines of what is left
        pages = ["\n".join(tables_in_lines(p.split("\n"))) for p in tables_in_pages([_pieces(pg) for pg in reader.pages])]
    except UnreadableReport:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, IndexError, AttributeError, NotImplementedError,
            RecursionError, ZeroDivisionError, OverflowError, zlib.error, struct.error) as exc:
        # what pypdf raises on a damaged file: its own errors (a limit reached, a stream that does not decode), and
        # a filter it does not know (NotImplementedError) or a broken object table
        raise UnreadableReport(path, Phrase("PDF 文件损坏或格式不支持（{detail}）", detail=str(exc) or type(exc).__name__)) from None
    text = "\n\n".join(p.strip("\n") for p in pages)
    if not text.strip():
        raise UnreadableReport(path, Phrase("PDF 没有文字层（可能是扫描件），请先做文字识别或另存为文本"))
    return text


def _pieces(page) -> list[tuple[str, float, float, float]]:
    """The text of a pypdf page as it is drawn: each piece with where it starts on the page and its font size
    (pypdf's text matrix times the current transformation), the whitespace pypdf puts between them included."""
    pieces: list[tuple[str, float, float, float]] = []

    def visit(text, cm, tm, _font, size) -> None:
        if text:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            pieces.append((text, x, y, abs(size or 0) * scale))

    page.extract_text(visitor_text=visit)
    return pieces


_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<meta|<body)", re.I)


def _looks_html(data: bytes) -> bool:
    return bool(_HTML_START.match(data[:512].lstrip(b"\xef\xbb\xbf")))


_MIME_START = re.compile(rb"\s*(?:MIME-Version:|From:[^\n]*\n(?:[^\n]+\n)*?MIME-Version:|Content-Type:\s*multipart/related)", re.I)


def _mht_html(path: Path, data: bytes) -> bytes:
    """The page of a web archive (.mht, .mhtml: a page saved as one file by a browser or by Word's 单个文件网页, or a
    web system's ".doc" export that is one inside): its first text/html part, decoded from quoted-printable or
    base64, with a meta charset naming the part's charset so that _html_text decodes it right."""
    import email
    import email.policy

    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
        part = next((p for p in message.walk() if p.get_content_type() == "text/html"), None)
        body = part.get_payload(decode=True) if part is not None else None
    except (ValueError, LookupError, TypeError, IndexError) as exc:
        raise UnreadableReport(path, Phrase("网页存档（.mht）已损坏（{detail}）", detail=str(exc))) from None
    if not body:
        raise UnreadableReport(path, Phrase("网页存档（.mht）中没有网页"))
    charset = part.get_content_charset()
    if charset and declared_charset(body) is None:
        body = f'<meta charset="{charset}">'.encode("ascii", errors="ignore") + body
    return body


def _html_text(path: Path, data: bytes) -> str:
    """The visible text of a saved web page: one line per block (paragraph, heading, cell, line break)."""
    parser = _TextParser()
    parser.feed(_decode(path, data, declared_charset(data)))
    parser.close()
    lines = [re.sub(r"[ \t\u3000\xa0]+", " ", line).strip() for line in "".join(parser.parts).split("\n")]
    text = "\n".join(line for line in lines if line)
    if not text:
        raise UnreadableReport(path, Phrase("网页中没有正文文字"))
    return text


def _span(value) -> int:
    """A colspan or rowspan attribute: 1 when missing or odd, at most 50."""
    return max(1, min(int(value), 50)) if isinstance(value, str) and value.strip().isdigit() else 1


class _TextParser(HTMLParser):
    """The visible text, one line per block. A table of figures is written out as the lines it says
    (desktop.extract.tables); a layout table (long cells, or a table holding a table) one line per cell."""

    _SKIP = {"script", "style", "noscript", "template", "head", "title"}
    _BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
              "ul", "ol", "dd", "dt", "blockquote", "pre", "hr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.tables: list[dict] = []  # the open tables, innermost last: rows of cells, the open cell, nested

    def _out(self, text: str) -> None:
        table = self.tables[-1] if self.tables else None
        if table is None:
            self.parts.append(text)
        elif table["cell"] is not None:
            table["cell"].append(text)
        elif text.strip():  # text between cells (bad markup): a cell of its own
            table["rows"].append([text])

    @staticmethod
    def _carried(table: dict, to_the_end: bool) -> None:
        """Put into the row the cells merged down from rows above (rowspan) that come next; at the row's end,
        all that are left (with empty cells before any beyond the row's last cell)."""
        row, carry = table["row"], table["carry"]
        while True:
            col = len(row)
            if col in carry:
                text, left = carry[col]
                row.append(text)
                if left <= 1:
                    del carry[col]
                else:
                    carry[col] = (text, left - 1)
            elif to_the_end and any(c > col for c in carry):
                row.append("")
            else:
                return

    def _close_cell(self, table: dict) -> None:
        if table["cell"] is not None:
            text = "".join(table["cell"])
            if table["row"] is None:
                table["row"] = []
                table["rows"].append(table["row"])
            self._carried(table, False)
            start = len(table["row"])
            table["row"].extend([text] * table["span"])
            if table["rowspan"] > 1:
                for col in range(start, start + table["span"]):
                    table["carry"][col] = (text, table["rowspan"] - 1)
            table["cell"] = None

    def _close_row(self, table: dict) -> None:
        self._close_cell(table)
        if table["row"] is not None:
            self._carried(table, True)
        table["row"] = None

    def _close_table(self) -> None:
        from desktop.extract.tables import is_data_table, render_table

        table = self.tables.pop()
        self._close_row(table)
        raw = [[" ".join(c.split()) if "\n" not in c else c for c in row] for row in table["rows"]]
        flat = [[re.sub(r"\s*\n\s*", "", c) for c in row] for row in raw]
        if not table["nested"] and is_data_table(flat):
            lines = render_table(flat)
        else:
            lines = [c for row in raw for c in row]
        self._out("\n" + "\n".join(lines) + "\n")

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self.skipping += 1
        elif tag == "table":
            if self.tables:
                self.tables[-1]["nested"] = True
            self.tables.append({"rows": [], "row": None, "cell": None, "span": 1, "rowspan": 1, "carry": {},
                                "nested": False})
        elif tag == "tr" and self.tables:
            table = self.tables[-1]
            self._close_row(table)
            table["row"] = []
            table["rows"].append(table["row"])
        elif tag in ("td", "th") and self.tables:
            table = self.tables[-1]
            self._close_cell(table)
            attrs = dict(attrs)
            table["span"], table["rowspan"] = _span(attrs.get("colspan")), _span(attrs.get("rowspan"))
            table["cell"] = []
        elif tag in self._BLOCK:
            self._out("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in self._BLOCK:
            self._out("\n")

    def handle_endtag(self, tag):
        if tag in self._SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "table":
            if self.tables:
                self._close_table()
        elif tag in ("td", "th") and self.tables:
            self._close_cell(self.tables[-1])
        elif tag == "tr" and self.tables:
            self._close_row(self.tables[-1])
        elif tag in self._BLOCK:
            self._out("\n")

    def handle_data(self, data):
        if not self.skipping:
            self._out(data.replace("\n", " "))

    def close(self):
        super().close()
        while self.tables:  # a page cut off inside a table
            self._close_table()


def _docx_text(path: Path, data: bytes) -> str:
    import io

    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    from desktop.zips import ZIP_ERRORS

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if z.getinfo("word/document.xml").file_size > 256 * 1024 * 1024:
                raise UnreadableReport(path, Phrase("{name} 解压后超过 {mb} MB，拒绝读取", name="word/document.xml", mb="256"))
            xml = z.read("word/document.xml")
    except KeyError:
        raise UnreadableReport(path, Phrase("不是有效的 Word .docx 文件（缺少 word/document.xml）")) from None
    except ZIP_ERRORS as exc:
        raise UnreadableReport(path, Phrase("不是有效的 Word .docx 文件（{detail}）", detail=str(exc))) from None
    try:
        root = ElementTree.fromstring(xml)
    except (ElementTree.ParseError, DefusedXmlException) as exc:
        raise UnreadableReport(path, Phrase(".docx 内容无法解析（{detail}）", detail=str(exc))) from None
    body = root.find(_W + "body")
    paragraphs: list[str] = []
    for node in (body if body is not None else root):
        if node.tag == _W + "tbl":
            paragraphs.extend(_docx_table(node))
        elif node.tag == _W + "p":
            paragraphs.append(_docx_paragraph(node))
        else:  # a content control (w:sdt) or the like: its paragraphs as they come
            paragraphs.extend(_docx_paragraph(p) for p in _paragraphs(node))
    return "\n".join(paragraphs)


_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _paragraphs(node):
    """The paragraphs under a node in order, not those of the text boxes in them (_docx_paragraph reads those)."""
    for child in node:
        if child.tag == _W + "p":
            yield child
        elif child.tag != _MC_FALLBACK:
            yield from _paragraphs(child)


def _docx_paragraph(p) -> str:
    """A paragraph's text, then on lines of their own the paragraphs of the text boxes anchored in it. Word
    writes each text box twice (the drawing, and an old-style fallback): the fallback is left out. A box's text
    was read twice and glued into the paragraph it is anchored in, one sentence with the next."""
    parts: list[str] = []
    boxes: list[str] = []

    def walk(node) -> None:
        for child in node:
            tag = child.tag
            if tag == _MC_FALLBACK:
                continue
            if tag == _W + "txbxContent":
                boxes.extend(_docx_paragraph(q) for q in child.findall(_W + "p"))
                continue
            if tag == _W + "t":
                parts.append(child.text or "")
            elif tag == _W + "tab":
                parts.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                parts.append("\n")
            walk(child)

    walk(p)
    return "\n".join(["".join(parts)] + [b for b in boxes if b])


def _docx_table(tbl) -> list[str]:
    """A Word table: a table of figures as the lines it says (desktop.extract.tables), any other (a layout
    table, a table holding a table) one line per paragraph of its cells."""
    from desktop.extract.tables import is_data_table, render_table

    rows: list[list[str]] = []
    for tr in tbl.iter(_W + "tr"):
        cells: list[str] = []
        for tc in tr.findall(_W + "tc"):
            text = "".join(_docx_paragraph(p) for p in _paragraphs(tc))
            merged = tc.find(f"{_W}tcPr/{_W}vMerge")
            if merged is not None and merged.get(_W + "val", "continue") == "continue" and rows:
                above = rows[-1]
                text = above[len(cells)] if len(cells) < len(above) else text  # merged down from the row above
            span = tc.find(f"{_W}tcPr/{_W}gridSpan")
            cells.extend([text] * _span(span.get(_W + "val") if span is not None else None))  # each column it spans
        rows.append(cells)
    nested = any(True for _ in tbl.iter(_W + "tbl") if _ is not tbl)
    if not nested and is_data_table(rows):
        return render_table(rows)
    return [_docx_paragraph(p) for p in _paragraphs(tbl)]
