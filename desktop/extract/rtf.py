"""The text of an RTF document: what Word and WPS save as "RTF 格式", and what many web systems export as a ".doc".

The text is read from the groups of the document, leaving out those that hold no text of the body (the font,
colour and style tables, the document's information, pictures and objects, headers and footers, a field's code,
any group marked {\\* ...}). \\'hh bytes are decoded in the document's code page (\\ansicpg936: GBK), \\uN is a
Unicode character (and the \\ucN characters after it, its fallback, are skipped). \\par ends a paragraph; \\cell
and \\row end a table's cell and row, \\cellxN gives where each cell of the row ends, so a cell merged across
columns is repeated in each (desktop.extract.tables.on_grid) before the table is written out as sentences.
"""

from __future__ import annotations

import re

from desktop.extract.tables import is_data_table, on_grid, render_table
from desktop.phrases import Phrase

MAX_DEPTH = 200  # nested groups: deeper is no document a writer makes
_SKIP = {"fonttbl", "colortbl", "stylesheet", "info", "pict", "object", "header", "footer", "headerl", "headerr",
         "headerf", "footerl", "footerr", "footerf", "fldinst", "themedata", "colorschememapping", "datastore",
         "latentstyles", "listtable", "listoverridetable", "rsidtbl", "generator", "xmlnstbl", "mmathPr",
         "filetbl", "revtbl", "pgdsctbl", "nonshppict", "shppict", "bkmkstart", "bkmkend", "footnote", "annotation",
         "atnid", "atnauthor", "template", "userprops", "falt", "panose", "fname", "xmlopen", "wgrffmtfilter",
         "defchp", "defpap", "pn", "pntext", "listtext", "protusertbl", "ftnsep", "ftnsepc", "aftnsep", "aftnsepc"}
_TOKEN = re.compile(r"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|([\r\n]+)|([^\\{}\r\n]+)",
                    re.S)


class RtfError(ValueError):
    """The file is no RTF that can be read; the message says why."""


def rtf_text(data: bytes) -> str:
    """The text of an RTF document: one line per paragraph, each table as the lines it says."""
    text = data.decode("latin-1")
    if not text.lstrip().startswith("{\\rtf"):
        raise RtfError(Phrase("不是 RTF 文档"))
    m = re.search(r"\\ansicpg(\d+)", text[:4096])
    codepage = f"cp{m.group(1)}" if m else "cp936"
    try:
        "".encode(codepage)
    except LookupError:
        codepage = "cp936"
    return "\n".join(_Reader(codepage).read(text))


class _Reader:
    def __init__(self, codepage: str):
        self.codepage = codepage
        self.lines: list[str] = []
        self.rows: list[list[str]] = []
        self.edges: list[tuple[int, ...]] = []
        self.cells: list[str] = []
        self.text: list[str] = []
        self.pending = bytearray()  # \'hh bytes not yet decoded (a GBK character is two)
        self.row_left = 0
        self.row_edges: list[int] = []
        self.in_table = False

    def read(self, text: str) -> list[str]:
        stack: list[tuple[bool, int]] = []
        skip, uc, fallback = False, 1, 0
        first_in_group = False
        for m in _TOKEN.finditer(text):
            word, param, hexbyte, symbol, brace, newline, plain = m.groups()
            if brace == "{":
                if len(stack) >= MAX_DEPTH:
                    raise RtfError(Phrase("组嵌套超过 {depth} 层", depth=str(MAX_DEPTH)))
                stack.append((skip, uc))
                first_in_group = True
                continue
            if brace == "}":
                self._flush_bytes()
                if stack:
                    skip, uc = stack.pop()
                fallback = 0
                first_in_group = False
                continue
            starts_group, first_in_group = first_in_group, False
            if newline:
                continue  # line breaks of the file are no text
            if symbol == "*":
                skip = True  # an optional destination: no text of the body
                continue
            if skip:
                continue
            if fallback and (hexbyte or plain or symbol):
                if plain:
                    taken = min(fallback, len(plain))
                    fallback -= taken
                    plain = plain[taken:]
                    if not plain:
                        continue
                else:
                    fallback -= 1
                    continue
            if word:
                self._flush_bytes()
                if word in _SKIP and starts_group or word in ("fldinst",):
                    skip = True
                    continue
                number = int(param) if param else None
                if word == "uc" and number is not None:
                    uc = max(0, min(number, 8))
                elif word == "u" and number is not None:
                    self.text.append(chr((number + 65536) % 65536 if number < 0 else min(number, 0x10FFFF)))
                    fallback = uc
                else:
                    self._control(word, number)
            elif hexbyte:
                self.pending.append(int(hexbyte, 16))
            elif symbol:
                self._flush_bytes()
                self.text.append({"~": " ", "_": "-", "-": "", "\\": "\\", "{": "{", "}": "}"}.get(symbol, ""))
            elif plain:
                self._flush_bytes()
                self.text.append(plain)
        self._flush_bytes()
        self._end_paragraph()
        self._end_table()
        return self.lines

    def _flush_bytes(self) -> None:
        if self.pending:
            self.text.append(bytes(self.pending).decode(self.codepage, errors="replace"))
            self.pending.clear()

    def _control(self, word: str, number: int | None) -> None:
        if word in ("par", "sect", "page"):
            self._end_paragraph()
        elif word in ("line", "tab"):
            self.text.append(" ")
        elif word in ("cell", "nestcell"):
            self.cells.append(_clean("".join(self.text)))
            self.text = []
        elif word in ("row", "nestrow"):
            self.rows.append(self.cells)
            edges = [self.row_left] + self.row_edges
            self.edges.append(tuple(edges) if len(edges) == len(self.cells) + 1 else ())
            self.cells = []
        elif word == "trowd":
            self.row_left, self.row_edges = 0, []
        elif word == "trleft" and number is not None:
            self.row_left = number
        elif word == "cellx" and number is not None:
            self.row_edges.append(number)
        elif word == "intbl":
            self.in_table = True
        elif word == "pard":
            self.in_table = False

    def _end_paragraph(self) -> None:
        if self.in_table:
            self.text.append(_BREAK)  # a paragraph inside a cell: the cell goes on
            return
        self._end_table()
        line = _clean("".join(self.text))
        self.text = []
        if line:
            self.lines.append(line)

    def _end_table(self) -> None:
        if self.cells:
            self.rows.append(self.cells)
            self.edges.append(())
            self.cells = []
        if self.rows:
            grid = on_grid(self.rows, self.edges)
            if is_data_table(grid):
                self.lines.extend(render_table(grid))
            else:
                self.lines.extend(c for row in self.rows for c in row if c)
            self.rows, self.edges = [], []


_BREAK = "\x00"  # where a paragraph inside a cell ended


def _clean(text: str) -> str:
    """Spaces made one; two paragraphs of a cell joined as one text, with a space only between Latin letters or
    figures (每千人口执业 + （助理）医师数 is one name)."""
    text = re.sub(f"(?<=[^\x00-\x7f]){_BREAK}|{_BREAK}(?=[^\x00-\x7f])", "", text).replace(_BREAK, " ")
    return " ".join(text.split()).strip()
