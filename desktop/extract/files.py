"""Reading a report file: plain text (UTF-8, UTF-8 with BOM, GB18030), a Word .docx, the text layer of a
.pdf (pypdf) or the text of a web page saved as .html/.htm (the standard library's html.parser)."""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

from desktop.db.store import refuse_store_file
from desktop.errors import AppError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class UnreadableReport(AppError):
    """A report file that cannot be read as text."""

    def __init__(self, path: object, reason: str):
        self.path = path
        super().__init__(f"无法读取报告文件 {path}：{reason}")


def read_text_file(path: str | Path) -> str:
    """The text of a .txt, .docx, .pdf or .html report. Raises UnreadableReport naming the file and why."""
    path = Path(path)
    if not path.is_file():
        raise UnreadableReport(path, "文件不存在")
    refuse_store_file(path, "作为报告读取")
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableReport(path, exc.strerror or str(exc)) from exc
    if suffix == ".docx" or data[:4] == b"PK\x03\x04":
        return _docx_text(path, data)
    if suffix == ".pdf" or data[:5] == b"%PDF-":
        return _pdf_text(path, data)
    if suffix in (".doc", ".xls", ".xlsx", ".wps"):
        raise UnreadableReport(path, f"不支持 {suffix} 格式，请另存为 .txt、.docx 或 .pdf")
    if suffix in (".html", ".htm", ".xhtml", ".shtml") or _looks_html(data):
        return _html_text(path, data)
    return _decode(path, data)


def _decode(path: Path, data: bytes, declared: str | None = None) -> str:
    for encoding in ((declared,) if declared else ()) + ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if "\x00" in text:
            break
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise UnreadableReport(path, "不是文本文件（编码既不是UTF-8也不是GB18030）")


def _pdf_text(path: Path, data: bytes) -> str:
    """The text layer of every page, pages separated by a blank line. A scan has no text layer."""
    import io
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # warnings about odd fonts are not the clerk's business
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableReport(path, "PDF 已加密，无法读取文字")
        pages = [page.extract_text() or "" for page in reader.pages]
    except UnreadableReport:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise UnreadableReport(path, f"PDF 文件损坏或格式不支持（{exc}）") from None
    text = "\n\n".join(p.strip("\n") for p in pages)
    if not text.strip():
        raise UnreadableReport(path, "PDF 没有文字层（可能是扫描件），请先做文字识别或另存为文本")
    return text


_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<meta|<body)", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)


def _looks_html(data: bytes) -> bool:
    return bool(_HTML_START.match(data[:512].lstrip(b"\xef\xbb\xbf")))


def _html_text(path: Path, data: bytes) -> str:
    """The visible text of a saved web page: one line per block (paragraph, heading, cell, line break)."""
    m = _META_CHARSET.search(data[:4096])
    declared = m.group(1).decode("ascii").lower() if m else None
    if declared in ("gb2312", "gbk"):
        declared = "gb18030"
    parser = _TextParser()
    parser.feed(_decode(path, data, declared))
    parser.close()
    lines = [re.sub(r"[ \t\u3000\xa0]+", " ", line).strip() for line in "".join(parser.parts).split("\n")]
    text = "\n".join(line for line in lines if line)
    if not text:
        raise UnreadableReport(path, "网页中没有正文文字")
    return text


class _TextParser(HTMLParser):
    _SKIP = {"script", "style", "noscript", "template", "head", "title"}
    _BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
              "table", "ul", "ol", "dd", "dt", "blockquote", "pre", "hr", "td", "th"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self.skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self._SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data.replace("\n", " "))


def _docx_text(path: Path, data: bytes) -> str:
    import io

    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            xml = z.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError):
        raise UnreadableReport(path, "不是有效的 Word .docx 文件（缺少 word/document.xml）") from None
    try:
        root = ElementTree.fromstring(xml)
    except (ElementTree.ParseError, DefusedXmlException) as exc:
        raise UnreadableReport(path, f".docx 内容无法解析（{exc}）") from None
    paragraphs = []
    for p in root.iter(_W + "p"):
        parts = []
        for node in p.iter():
            if node.tag == _W + "t":
                parts.append(node.text or "")
            elif node.tag == _W + "tab":
                parts.append("\t")
            elif node.tag in (_W + "br", _W + "cr"):
                parts.append("\n")
        paragraphs.append("".join(parts))
    return "\n".join(paragraphs)
