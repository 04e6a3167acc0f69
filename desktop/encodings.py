"""Text files as an office's computer writes them, decoded: UTF-8 (with or without its BOM), UTF-16 with a BOM,
or GB18030, which GBK and GB2312 (what Excel, WPS and Notepad write on a Chinese Windows) are part of. A web
page's own `<meta charset>` is tried first. Used by the import (CSV, web pages: desktop.exchange) and by the
report reader (.txt, .html: desktop.extract), each refusing in its own words what this cannot decode.
"""

from __future__ import annotations

import re

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset a web page declares in its first 4 KB; gb2312 and gbk are read as GB18030, their superset."""
    m = META_CHARSET.search(data[:4096])
    if not m:
        return None
    declared = m.group(1).decode("ascii").lower()
    return "gb18030" if declared in ("gb2312", "gbk", "x-gbk", "gb18030") else declared


def decode_text(data: bytes, declared: str | None = None) -> str | None:
    """The text of `data`, or None when it is no text in these encodings (a NUL in the result is a binary file)."""
    tried: tuple[str, ...] = ("utf-16",) if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ()
    for encoding in tried + ((declared,) if declared else ()) + ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        return None if "\x00" in text else text
    return None
