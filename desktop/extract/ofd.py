"""The text of an OFD document (.ofd, GB/T 33190: the format of China's electronic official documents, 电子公文).

An OFD is a zip of XML: OFD.xml names each document's Document.xml, which lists its pages; each page's
Content.xml holds text objects (TextObject: a Boundary box in millimetres, a font size, an optional CTM) whose
TextCode elements hold the Unicode text and where it starts (X, Y; y grows down the page). Some writers put a
whole line in one TextCode, others each character in its own. The pieces of text with their positions go through
the same table finding as a PDF's (desktop.extract.tables.tables_in_pages): a table's rows become sentences;
the rest is read in the order it is drawn, a piece on a new line starting a new line of text.
The XML is read with defusedxml, each part at most MAX_PART bytes unpacked.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile

from desktop.phrases import Phrase
from desktop.zips import ZIP_ERRORS

_NS = "{http://www.ofdspec.org/2016}"
MAX_PART = 64 * 1024 * 1024  # unpacked bytes of one XML part
MAX_PAGES = 5000
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


class OfdError(ValueError):
    """The file is no OFD that can be read; the message says why, in the clerk's words."""


def ofd_pages(data: bytes) -> list[list[tuple[str, float, float, float]]]:
    """Each page's pieces of text: (text, x, y, size), y upwards as in a PDF, with the whitespace between them
    that a reader would put ("\\n" for a new line, " " for a gap on the same line)."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_ERRORS as exc:
        raise OfdError(Phrase("不是有效的 OFD 文件（{detail}）", detail=str(exc))) from None
    with z:
        names = set(z.namelist())
        root = _xml(z, names, "OFD.xml")
        pages = []
        for doc_root in root.iter(_NS + "DocRoot"):
            doc_path = _path("", doc_root.text or "")
            document = _xml(z, names, doc_path)
            base = posixpath.dirname(doc_path)
            for page in document.iter(_NS + "Page"):
                location = page.get("BaseLoc")
                if location:
                    if len(pages) >= MAX_PAGES:
                        raise OfdError(Phrase("页数超过 {pages}，拒绝读取", pages=str(MAX_PAGES)))
                    pages.append(_page_pieces(_xml(z, names, _path(base, location))))
    return pages


def _path(base: str, location: str) -> str:
    """A part's name in the zip: BaseLoc is relative to the document's folder, or from the root when it starts /."""
    location = location.strip().replace("\\", "/")
    return posixpath.normpath(location.lstrip("/") if location.startswith("/") else posixpath.join(base, location))


def _xml(z: zipfile.ZipFile, names: set[str], name: str):
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    if name not in names:
        raise OfdError(Phrase("文件损坏（缺少 {name}）", name=name))
    info = z.getinfo(name)
    if info.file_size > MAX_PART:
        raise OfdError(Phrase("{name} 解压后超过 {mb} MB，拒绝读取", name=name, mb=str(MAX_PART // 1024 // 1024)))
    try:
        with z.open(info) as f:
            data = f.read(MAX_PART + 1)
        if len(data) > MAX_PART:
            raise OfdError(Phrase("{name} 解压后超过 {mb} MB，拒绝读取", name=name, mb=str(MAX_PART // 1024 // 1024)))
        return ElementTree.fromstring(data)
    except RuntimeError as exc:  # zipfile: a part encrypted with a password
        raise OfdError(Phrase("{name} 已加密，无法读取（{detail}）", name=name, detail=str(exc))) from None
    except (ElementTree.ParseError, DefusedXmlException) + ZIP_ERRORS as exc:
        raise OfdError(Phrase("{name} 无法解析（{detail}）", name=name, detail=str(exc))) from None


def _numbers(text: str | None) -> list[float]:
    return [float(n) for n in _NUMBER.findall(text or "")]


def _deltas(text: str | None) -> list[float]:
    """DeltaX: the advance after each character; `g 3 4.2` is 4.2 three times."""
    tokens = (text or "").split()
    out: list[float] = []
    i = 0
    try:
        while i < len(tokens) and len(out) < 100_000:
            if tokens[i] == "g":
                out += [float(tokens[i + 2])] * min(int(float(tokens[i + 1])), 100_000)
                i += 3
            else:
                out.append(float(tokens[i]))
                i += 1
    except (ValueError, IndexError, OverflowError):
        return []
    return out


def _page_pieces(page) -> list[tuple[str, float, float, float]]:
    pieces: list[tuple[str, float, float, float]] = []
    last: tuple[float, float, float, float] | None = None  # x, y, size and the x where the last piece ends
    for obj in page.iter(_NS + "TextObject"):
        box = _numbers(obj.get("Boundary"))
        ox, oy = (box[0], box[1]) if len(box) >= 2 else (0.0, 0.0)
        ctm = _numbers(obj.get("CTM"))
        a, b, c, d, e, f = ctm if len(ctm) == 6 else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        scale = (a * a + b * b) ** 0.5 or 1.0
        size = (_numbers(obj.get("Size")) or [3.5])[0] * scale
        x = y = 0.0
        for code in obj.iter(_NS + "TextCode"):
            text = "".join(code.itertext())
            if code.get("X") is not None:
                x = (_numbers(code.get("X")) or [x])[0]
            if code.get("Y") is not None:
                y = (_numbers(code.get("Y")) or [y])[0]
            if not text:
                continue
            px, py = ox + a * x + c * y + e, oy + b * x + d * y + f
            if last is not None:
                if abs(py - last[1]) > 0.3 * max(size, last[2]):
                    pieces.append(("\n", px, -py, size))
                elif px - last[3] > 0.3 * size:
                    pieces.append((" ", px, -py, size))
            pieces.append((text, px, -py, size))
            deltas = _deltas(code.get("DeltaX"))
            width = sum(deltas[:len(text) - 1]) + size if deltas else size * len(text)
            last = (px, py, size, px + width * scale)
            x += width
    return pieces
