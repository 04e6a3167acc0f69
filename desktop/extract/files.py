"""Reading a report file: plain text (UTF-8, UTF-8 with BOM, GB18030) or a Word .docx, no extra library."""

from __future__ import annotations

import zipfile
from pathlib import Path

from desktop.errors import AppError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class UnreadableReport(AppError):
    """A report file that cannot be read as text."""

    def __init__(self, path: object, reason: str):
        self.path = path
        super().__init__(f"无法读取报告文件 {path}：{reason}")


def read_text_file(path: str | Path) -> str:
    """The text of a .txt or .docx report. Raises UnreadableReport naming the file and why."""
    path = Path(path)
    if not path.is_file():
        raise UnreadableReport(path, "文件不存在")
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableReport(path, exc.strerror or str(exc)) from exc
    if suffix == ".docx" or data[:4] == b"PK\x03\x04":
        return _docx_text(path, data)
    if suffix in (".doc", ".pdf", ".xls", ".xlsx", ".wps"):
        raise UnreadableReport(path, f"不支持 {suffix} 格式，请另存为 .txt 或 .docx")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise UnreadableReport(path, "不是文本文件（编码既不是UTF-8也不是GB18030）")


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
