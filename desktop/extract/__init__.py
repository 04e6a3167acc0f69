"""Figures out of narrative year-end reports (issue 9): proposals a clerk confirms before they are stored.

    extract(text, indicators, year, region=None) -> list[Proposal]
    read_text_file(path) -> str          (.txt in UTF-8 or GB18030, .docx)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from desktop.domain import Indicator, Region
from desktop.extract.files import UnreadableReport, read_text_file

__all__ = ["Proposal", "extract", "read_text_file", "UnreadableReport"]


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


def extract(text: str, indicators: list[Indicator], year: int, region: Region | str | None = None,
            progress=None, cancelled=None, places: Iterable[str] = ()) -> list[Proposal]:
    """Every catalog indicator the text states for `year` (and for earlier years in year phrases).

    Plans and targets, approximate figures, changes of non-growth indicators, figures of other places
    and units that disagree with the indicator's unit are not proposed. Raises nothing on odd text.
    `progress(done, total)` counts sentences; when `cancelled()` turns true the result is empty.
    `places` are names of other regions: a figure whose clause names one of them is not this region's.
    """
    from desktop.extract.engine import run

    names: tuple[str, ...] = ()
    if isinstance(region, Region):
        names = (region.name,)
    elif isinstance(region, str) and region:
        names = (region,)
    prepared, found = run(text or "", list(indicators), int(year), names, progress, cancelled, tuple(places))
    out = []
    for f in found:
        s = f.sentence
        out.append(Proposal(
            indicator=f.indicator.code, value=f.value, unit=f.indicator.unit,
            text=prepared.display(s), start=s.start, year=f.year, end=s.end,
            value_start=s.pos[f.figure.start], value_end=s.pos[f.figure.end - 1] + 1,
            name=f.indicator.name, figure=prepared.display(s, f.figure.start, f.figure.end), period=f.period))
    return out
