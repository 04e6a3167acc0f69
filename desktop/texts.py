"""Free text a user types (notes): its limits at entry, and how it is shown on a terminal.

A note is refused at entry when it is longer than NOTE_MAX_CHARS or holds a control character, so that
every output (the exchange workbook, the report workbook, the PDF, the audit export) carries it whole:
Excel's cell limit is 32,767 characters, a PDF table cell of 2,000 characters lays out in milliseconds,
and openpyxl refuses control characters. Line breaks and tabs are allowed (Excel cells hold them).
Notes stored before this limit existed are still shown: outputs clean what they cannot carry, and the
terminal never receives an escape sequence (`for_terminal`).
"""

from __future__ import annotations

import re

NOTE_MAX_CHARS = 2000

# C0 controls but tab, line feed and carriage return; DEL; the C1 controls (U+0080–U+009F, among them
# CSI U+009B, which terminals take as ESC [)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# everything a terminal acts on, line breaks included (a table row stays one line)
_TERMINAL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def note_problem(text: str) -> str | None:
    """Why `text` cannot be stored as a note, or None when it can."""
    if len(text) > NOTE_MAX_CHARS:
        return f"说明过长：{len(text)} 个字符，最多 {NOTE_MAX_CHARS} 个"
    found = _CONTROL.search(text)
    if found:
        return (f"说明含有控制字符 U+{ord(found.group()):04X}（第 {found.start() + 1} 个字符），"
                "不能保存；请删去后重试")
    return None


def check_note(text: str | None, where: str = "") -> str | None:
    """`text` unchanged when it may be stored as a note; raises InvalidNote naming `where` otherwise."""
    if text is None:
        return None
    problem = note_problem(text)
    if problem:
        from desktop.errors import InvalidNote

        raise InvalidNote(f"{where}：{problem}" if where else problem)
    return text


def without_controls(text: str) -> str:
    """`text` without the characters a note may not hold (for outputs of notes stored before the limit)."""
    return _CONTROL.sub("", text)


def for_terminal(text: object) -> str:
    """Text safe to print on a terminal: every control character (ESC, CSI, BEL, line breaks …) shown as
    a visible escape such as \\x1b instead of acted on."""
    return _TERMINAL.sub(lambda m: f"\\x{ord(m.group()):02x}", "" if text is None else str(text))
