"""Figures out of narrative year-end reports: proposals a clerk confirms before they are stored.

    extract(text, indicators, year, region=None) -> list[Proposal]
    extract_all(text, indicators, year, region=None) -> Extraction   (proposals, and why there are none)
    read_text_file(path) -> str          (.txt in UTF-8 or GB18030, .docx, .pdf text layer, .html)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from desktop.domain import Indicator, Region
from desktop.extract.files import UnreadableReport, read_text_file

__all__ = ["Proposal", "Extraction", "extract", "extract_all", "read_text_file", "UnreadableReport"]


@dataclass(frozen=True)
class Proposal:
    """One figure the text states. `text` is the sentence (line breaks of the layout removed);
    `start`/`end` its offsets in the original text, `value_start`/`value_end` those of the figure."""

    indicator: str
    value: float
    unit: str
    text: str
    start: int
    year: int
    end: int = 0
    value_start: int = 0
    value_end: int = 0
    name: str = ""
    figure: str = ""  # the figure as written, e.g. "3.88万个"
    period: str = ""  # the part of the year the figure covers ("截至6月底", "上半年"); "" for the whole year

    def as_json(self) -> dict:
        return {"indicator": self.indicator, "value": self.value, "unit": self.unit, "text": self.text,
                "start": self.start, "year": self.year}


# why a text gave no proposal (Extraction.reason), most telling first
REASONS = {
    "empty": "文本是空的",
    "unreadable": "文本中几乎没有可识别的汉字（可能是乱码、扫描件或无法识别的字体编码），无法提取",
    "plan": "文本中的指标数值都是计划或目标（力争、确保、到2025年……），不作为实际数值提取",
    "place": "文本中的指标数值都属于其他地方（全国、全省、所在的市或其他市县），不是{region}的",
    "year": "文本中没有{year}年的指标数值（只有其他年份或规划时期的数值）",
    "range": "文本中找到的数值超出了指标的合理范围，未提取",
    "nothing": "文本中没有找到指标目录中的指标及其数值",
}


@dataclass(frozen=True)
class Extraction:
    """The proposals of one text, and when there are none, why (`reason`, a key of REASONS, and `message`)."""

    proposals: list[Proposal]
    skipped: dict  # reason -> how many figures were left out for it: plan, place, year, range
    reason: str = ""
    message: str = ""


def unreadable(text: str) -> bool:
    """Text that is not Chinese the program can read: mojibake, private-use glyphs of a PDF font, no hanzi."""
    letters = [c for c in text if c.isalpha() or c == "\ufffd" or "\ue000" <= c <= "\uf8ff"]
    if len(letters) < 10:
        return False
    cjk = sum(1 for c in letters if "\u3400" <= c <= "\u9fff")
    return cjk < 0.3 * len(letters)


def extract(text: str, indicators: list[Indicator], year: int, region: Region | str | None = None,
            progress=None, cancelled=None, places: Iterable[str] = (), above: Iterable[str] = ()) -> list[Proposal]:
    """Every catalog indicator the text states for `year` (and for earlier years in year phrases).

    Plans and targets, approximate figures, changes of non-growth indicators, figures of other places
    and units that disagree with the indicator's unit are not proposed. Raises nothing on odd text.
    `progress(done, total)` counts sentences; when `cancelled()` turns true the result is empty.
    `places` are names of other regions: a figure whose clause names one of them is not this region's.
    `above` are the names of the regions above it (its city, the province): naming one in a clause is no other
    place ("湖州市德清县"), but a text whose title names one and not the region is that place's text.
    A `Region` also gives the level: 全省 is the province's own, another place for a city or a county.
    """
    return extract_all(text, indicators, year, region, progress, cancelled, places, above).proposals


def extract_all(text: str, indicators: list[Indicator], year: int, region: Region | str | None = None,
                progress=None, cancelled=None, places: Iterable[str] = (), above: Iterable[str] = ()) -> Extraction:
    """As `extract`, and when nothing is found, the reason: a plan, another place, no figure of that
    year, a script it could not read, or no catalog indicator at all."""
    from desktop.extract.engine import run

    names: tuple[str, ...] = ()
    level = "county"
    if isinstance(region, Region):
        names = (region.name,)
        level = region.level
    elif isinstance(region, str) and region:
        names = (region,)
    text = text or ""
    prepared, found, skipped = run(text, list(indicators), int(year), names, progress, cancelled, tuple(places),
                                   level, tuple(above))
    out = []
    for f in found:
        s = f.sentence
        out.append(Proposal(
            indicator=f.indicator.code, value=f.value, unit=f.indicator.unit,
            text=prepared.display(s), start=s.start, year=f.year, end=s.end,
            value_start=s.pos[f.figure.start], value_end=s.pos[f.figure.end - 1] + 1,
            name=f.indicator.name, figure=prepared.display(s, f.figure.start, f.figure.end), period=f.period))
    reason = ""
    if not out:
        if not text.strip():
            reason = "empty"
        elif unreadable(text):
            reason = "unreadable"
        else:
            counted = [(skipped.get(k, 0), k) for k in ("plan", "place", "year", "range")]
            n, key = max(counted)
            reason = key if n else "nothing"
    place = names[0] if names else "本地区"
    message = REASONS[reason].format(region=place, year=int(year)) if reason else ""
    return Extraction(out, dict(skipped), reason, message)
