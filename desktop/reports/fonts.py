"""The PDF fonts: the shipped WenQuanYi Micro Hei (registered once per process) and a fallback for
characters it lacks, found at run time among TrueType fonts of the system; failing that a visible marker."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path
from xml.sax.saxutils import escape

from desktop.catalog import FONT_FILE

MAIN_FONT = "WQYMicroHei"
FALLBACK_FONT = "ReportFallback"
# What a character no font has is printed as; the report lists the code points it stands for.
MISSING_MARK = "□"

# TrueType-outline fonts that cover characters WQY lacks (CJK Extension B, symbols, emoji).
# Noto CJK is CFF, which reportlab refuses, so it is not among them.
_FALLBACK_CANDIDATES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
]
if sys.platform == "win32":
    _windir = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    _FALLBACK_CANDIDATES = [str(_windir / n) for n in ("simsunb.ttf", "seguisym.ttf", "seguiemj.ttf", "arialuni.ttf")]

_lock = threading.Lock()
_main_cmap: frozenset[int] | None = None
_fallback_cmap: frozenset[int] | None = None
_fallback_tried = False


def _fix_to_unicode() -> None:
    """reportlab writes a subset's ToUnicode entries as <%04X>, so a character beyond U+FFFF (😀 U+1F600)
    comes out of text extraction as another one (U+1F60). Write UTF-16BE, surrogate pairs included."""
    from reportlab.pdfbase import ttfonts

    original = ttfonts.makeToUnicodeCMap
    if getattr(original, "_utf16", False):
        return

    def make_to_unicode_cmap(fontname, subset):
        text = original(fontname, [v if v <= 0xFFFF else 0 for v in subset])
        for i, v in enumerate(subset):
            if v > 0xFFFF:
                text = text.replace("<%02X> <0000>" % i, "<%02X> <%s>" % (i, chr(v).encode("utf-16-be").hex().upper()), 1)
        return text

    make_to_unicode_cmap._utf16 = True
    ttfonts.makeToUnicodeCMap = make_to_unicode_cmap


def register() -> str:
    """Register the CJK font with reportlab (once per process: loading it takes ~0.3 s); returns its name."""
    global _main_cmap
    if _main_cmap is not None:
        return MAIN_FONT
    with _lock:
        if _main_cmap is None:
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFont

            _fix_to_unicode()
            font = TTFont(MAIN_FONT, str(FONT_FILE), subfontIndex=0)
            pdfmetrics.registerFont(font)
            from reportlab.lib.fonts import addMapping

            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(MAIN_FONT, bold, italic, MAIN_FONT)
            _main_cmap = frozenset(font.face.charToGlyph)
    return MAIN_FONT


def _fallback() -> frozenset[int]:
    """The code points of the fallback font, registering it on first need; empty when none is found."""
    global _fallback_cmap, _fallback_tried
    if _fallback_tried:
        return _fallback_cmap or frozenset()
    with _lock:
        if not _fallback_tried:
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFont

            for path in _FALLBACK_CANDIDATES:
                if not os.path.isfile(path):
                    continue
                try:
                    font = TTFont(FALLBACK_FONT, path)
                except Exception:  # noqa: BLE001 - a font reportlab cannot read (CFF, damaged): try the next
                    continue
                pdfmetrics.registerFont(font)
                _fallback_cmap = frozenset(font.face.charToGlyph)
                break
            _fallback_tried = True
    return _fallback_cmap or frozenset()


def _printable(ch: str) -> bool:
    return ch in "\n\t" or ord(ch) >= 32


def covered(text: str) -> bool:
    """True when the main font has every character of text (so it can go into a cell as a plain string)."""
    cmap = _main_cmap if _main_cmap is not None else frozenset()
    return all(ord(ch) in cmap or ch == " " for ch in text)


class Glyphs:
    """Turns text into reportlab markup, escaped, with fallback runs; remembers what it had to mark."""

    def __init__(self):
        register()
        self.missing: set[str] = set()

    def plain(self, text: str) -> str:
        """Text for a canvas string or a plain table cell in the main font: characters it lacks become the marker."""
        out = []
        for ch in text:
            if ord(ch) in _main_cmap or ch == " ":
                out.append(ch)
            elif not _printable(ch):
                continue
            else:
                self.missing.add(ch)
                out.append(MISSING_MARK)
        return "".join(out)

    def markup(self, text: str) -> str:
        """Paragraph markup for text: escaped (so "S&P" and "<img ...>" print as written), characters the
        main font lacks set in the fallback font, or the marker when no font has them."""
        out: list[str] = []
        run: list[str] = []

        def flush():
            if run:
                out.append(f'<font face="{FALLBACK_FONT}">{escape("".join(run))}</font>')
                run.clear()

        for ch in text:
            cp = ord(ch)
            if cp in _main_cmap or ch == " ":
                flush()
                out.append(escape(ch))
            elif not _printable(ch):
                continue
            elif cp in _fallback():
                run.append(ch)
            else:
                flush()
                self.missing.add(ch)
                out.append(MISSING_MARK)
        flush()
        return "".join(out)

    def missing_note(self) -> str:
        """One line naming the characters printed as the marker, or '' when there were none."""
        if not self.missing:
            return ""
        codes = "、".join(f"U+{ord(ch):04X}" for ch in sorted(self.missing))
        return f"注：字体中没有以下字符，以“{MISSING_MARK}”表示：{codes}"
