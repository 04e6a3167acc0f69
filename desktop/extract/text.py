"""A narrative report made ready for matching: full-width folded, broken lines joined, offsets kept.

Reports pasted from PDFs and Word break sentences across lines (even across blank lines) and
numbers across spaces ("1 071\n张"). The clean text drops that white space but remembers, for
every clean character, where it stood in the original, so a proposal can point at its sentence.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from desktop.extract.script import to_simplified

# a line shorter than this, without sentence punctuation, is a heading or a caption
HEADING_MAX = 40
_SENTENCE_PUNCT = set("。，；！？：,;!?:")
_CLOSE = set("。！？!?")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s*")
_BULLET = re.compile(r"^(?:[-*•·●▪◆■□]\s+|[•·●▪◆■□])")
_NUMBERING = re.compile(r"^(?:[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、．.](?!\d)|\d{1,2}\s+(?=\D))")


def _is_cjk(ch: str) -> bool:
    return "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" or ch in "‰%"


@dataclass
class Sentence:
    """One sentence of clean text; `pos[i]` is the original offset of clean character i."""

    text: str
    pos: list[int]
    paragraph: int
    section: int
    heading: bool = False

    @property
    def start(self) -> int:
        return self.pos[0]

    @property
    def end(self) -> int:
        return self.pos[-1] + 1


@dataclass
class Section:
    heading: str = ""
    mode: str | None = None  # "plan", "done" or None (as the text before it)


@dataclass
class Prepared:
    original: str
    sentences: list[Sentence] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    def display(self, sentence: Sentence, lo: int = 0, hi: int | None = None) -> str:
        """The original characters of a sentence (or of clean range lo:hi), white space that was dropped left out."""
        out, last = [], None
        for p in sentence.pos[lo:hi]:
            if p != last:
                out.append(self.original[p])
            last = p
        return "".join(out)


class _Builder:
    """Accumulates clean characters of one paragraph with their original offsets."""

    def __init__(self):
        self.chars: list[str] = []
        self.pos: list[int] = []
        self.pending_ws: str | None = None  # white space seen since the last character

    def add_text(self, original: str, start: int, end: int) -> None:
        """Characters start:end of `original` (already folded to simplified characters, same length)."""
        for i in range(start, end):
            ch = original[i]
            if ch.isspace():
                self.pending_ws = (self.pending_ws or "") + ch
                continue
            folded = unicodedata.normalize("NFKC", ch)
            if not folded or folded.isspace():
                self.pending_ws = (self.pending_ws or "") + ch
                continue
            if self.pending_ws is not None and self.chars:
                self._join(self.pending_ws, folded[0], original, i)
            self.pending_ws = None
            for f in folded:
                self.chars.append(f)
                self.pos.append(i)

    def line_break(self) -> None:
        self.pending_ws = (self.pending_ws or "") + "\n"

    def _join(self, ws: str, nxt: str, original: str, i: int) -> None:
        prev = self.chars[-1]
        if prev.isdigit() and nxt.isdigit():
            # "1 071" (thousands by a space) or a number broken across lines: one number
            rest = re.match(r"\d+", original[i:i + 12])
            if "\n" in ws or (rest and len(rest.group()) == 3):
                return
            self.chars.append(" ")
            self.pos.append(i - 1)
            return
        if _is_cjk(prev) or _is_cjk(nxt) or not (prev.isalnum() and nxt.isalnum()):
            return  # Chinese is written without spaces: a break inside it is an accident of layout
        self.chars.append(" ")
        self.pos.append(i - 1)


# a page number left by copying from a PDF ("— 3 —", "- 4 -", "第3页 共10页"): not text at all
_PAGE_MARK = re.compile(r"^(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|"
                        r"\d{1,4}\s*/\s*\d{1,4})$")


def _classify(line: str) -> tuple[str, int]:
    """('blank'|'heading'|'bullet'|'numbered'|'text', length of a leading marker to skip)."""
    stripped = line.strip()
    if not stripped or _PAGE_MARK.match(stripped):
        return "blank", 0
    m = _MARKDOWN_HEADING.match(stripped)
    if m:
        return "heading", m.end()
    m = _BULLET.match(stripped)
    if m:
        return "bullet", m.end()
    m = _NUMBERING.match(stripped)
    rest = stripped[m.end():] if m else stripped
    short = len(rest) <= HEADING_MAX and not (set(rest) & _SENTENCE_PUNCT)
    if short and not re.search(r"\d(?:\.\d+)?\s*[%‰％]|\d$", rest):
        return "short", m.end() if m else 0
    return ("numbered" if m else "text"), 0


PLAN_HEADING = re.compile(r"思路|计划|规划|目标|打算|展望|安排|下半年|明年|下一步|工作要点|十[四五]五")
DONE_HEADING = re.compile(r"完成情况|回顾|成效|成绩|总结|进展情况|盘点|亮点|主要工作")


def heading_mode(text: str) -> str | None:
    plan, done = bool(PLAN_HEADING.search(text)), bool(DONE_HEADING.search(text))
    if plan and not done:
        return "plan"
    if done and not plan:
        return "done"
    return None


_SPLIT = re.compile(r"[。!?;！？；]")


def prepare(original: str) -> Prepared:
    """Split a report into clean sentences, each knowing its paragraph and section.

    Traditional characters are folded to simplified ones first; offsets stay those of `original`."""
    prepared = Prepared(original)
    source = to_simplified(original)
    prepared.sections.append(Section())
    paragraphs: list[tuple[_Builder, bool, int]] = []  # builder, is heading, section
    current: _Builder | None = None
    offset = 0
    for raw_line in source.splitlines(keepends=True):
        line_start = offset
        offset += len(raw_line)
        line = raw_line.rstrip("\r\n")
        kind, skip = _classify(line)
        if kind == "blank":
            if current is not None:
                current.line_break()
            continue
        open_paragraph = current is not None and bool(current.chars) and current.chars[-1] not in _CLOSE
        if kind == "short":
            # a short line without punctuation is a heading, unless a sentence is still running
            kind, skip = ("text", 0) if open_paragraph else ("heading", skip)
        lead = len(line) - len(line.lstrip())
        start = line_start + lead + skip
        end = line_start + len(line.rstrip())
        if kind == "heading":
            current = None
            b = _Builder()
            b.add_text(source, start, end)
            if b.chars:
                text = "".join(b.chars)
                prev_mode = prepared.sections[-1].mode
                mode = heading_mode(text)
                prepared.sections.append(Section(text, mode if mode is not None else prev_mode))
                paragraphs.append((b, True, len(prepared.sections) - 1))
            continue
        if not (open_paragraph and kind == "text"):
            current = _Builder()
            paragraphs.append((current, False, len(prepared.sections) - 1))
        else:
            current.line_break()
        current.add_text(source, start, end)
        if kind == "bullet":
            current = None  # a bullet is a sentence of its own
    for index, (b, is_heading, section) in enumerate(paragraphs):
        text = "".join(b.chars)
        begin = 0
        for m in list(_SPLIT.finditer(text)) + [None]:
            stop = m.end() if m else len(text)
            if stop > begin and text[begin:stop].strip():
                prepared.sentences.append(Sentence(text[begin:stop], b.pos[begin:stop], index, section, is_heading))
            begin = stop
    return prepared
