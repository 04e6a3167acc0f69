"""What the extraction dialog and the command line do with a store: propose, compare, take."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.aggregate.core import scaled_for_level
from desktop.domain import ValueChange, check_year
from desktop.errors import AppError
from desktop.extract import Proposal, extract_all
from desktop.phrases import Phrase

SOURCE = "extraction"


@dataclass(frozen=True)
class Row:
    """A proposal beside the value the store already holds for its region, year and indicator."""

    proposal: Proposal
    stored: float | None

    @property
    def same(self) -> bool:
        return self.stored is not None and abs(self.stored - self.proposal.value) < 1e-9

    @property
    def differs(self) -> bool:
        """The cross-check: the report states another figure than the one stored."""
        return self.stored is not None and not self.same

    @property
    def difference(self) -> float | None:
        """How far the report's figure is from the stored one, as a share of the stored (None if not comparable)."""
        if not self.differs or not self.stored:
            return None
        return (self.proposal.value - self.stored) / abs(self.stored)


@dataclass(frozen=True)
class Proposals:
    """The rows of one text, and when there are none, why (`reason` and `message`, see desktop.extract)."""

    rows: list[Row]
    reason: str = ""
    message: str = ""

    @property
    def disagreeing(self) -> list[Row]:
        return [r for r in self.rows if r.differs]


def year_warning(text: str, year: int) -> str:
    """A warning when the text names other years often but never this one (the wrong year picked?)."""
    import re
    from collections import Counter

    counts = Counter(int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)\s*年", text or ""))
    if not counts:
        return ""
    common, n = counts.most_common(1)[0]
    k = counts.get(year, 0)
    if common == year or n < 2 or k * 4 > n:
        return ""
    if not k:
        return f"文本中没有出现{year}年，却{n}次提到{common}年：请确认所选年份"
    return f"文本{n}次提到{common}年，{year}年只有{k}次：请确认所选年份"


def period_note(p: Proposal) -> str:
    """The note a figure of part of the year carries into the store, e.g. "报告期：截至6月底（报告文本提取）"."""
    return f"报告期：{p.period}（报告文本提取）" if p.period else ""


def catalog_for(services, reg) -> list:
    """The catalog as it applies to the region: a count's range is a county's, so for a city or the province
    its bounds grow with the number of counties (38.6万 beds is the province's figure, not an error)."""
    inds = services.indicators()
    return inds if reg.level == "county" else scaled_for_level(inds, len(services.counties_of(reg.code)))


def propose(services, text: str, region: str, year: int, progress=None, cancelled=None) -> list[Row]:
    """The figures the text states for the region-year, each with the stored value beside it.

    Raises UnknownRegion, InvalidYear.
    """
    return propose_all(services, text, region, year, progress, cancelled).rows


def propose_all(services, text: str, region: str, year: int, progress=None, cancelled=None) -> Proposals:
    """As `propose`, and when the text yields nothing, why (a plan, another place, no figure of the year,
    a script it could not read). Raises UnknownRegion, InvalidYear."""
    reg = services.region(region)
    year = check_year(year)
    # the region's own ancestors speak for it ("全市" in a city report); any other region does not
    ancestors, code = set(), reg.parent_code
    while code:
        ancestors.add(code)
        parent = next((r for r in services.regions() if r.code == code), None)
        code = parent.parent_code if parent else None
    places = [r.name for r in services.regions() if r.code != reg.code and r.code not in ancestors]
    above = [r.name for r in services.regions() if r.code in ancestors]
    found = extract_all(text, catalog_for(services, reg), year, reg, progress, cancelled, places, above)
    stored: dict[int, dict] = {}
    rows = []
    for p in found.proposals:
        if p.year not in stored:
            stored[p.year] = services.get_region_year(reg.code, p.year).values
        rec = stored[p.year].get(p.indicator)
        rows.append(Row(p, rec.value if rec else None))
    return Proposals(rows, found.reason, found.message)


def take(services, region: str, proposals: list[Proposal], reason: str = "") -> int:
    """Write the chosen proposals as one audited change (source 'extraction'); returns how many changed.

    Two different values chosen for one indicator and year are refused, naming it; nothing is written then.
    Raises what Services.apply_changes raises (DatasetLocked, PermissionDenied, InvalidValue ...).
    """
    reg = services.region(region)
    chosen: dict[tuple[str, int], Proposal] = {}
    for p in proposals:
        key = (p.indicator, p.year)
        if key in chosen and abs(chosen[key].value - p.value) > 1e-9:
            ind = services.indicator(p.indicator)
            raise AppError(Phrase("{region} {year}年 {indicator}：选了两个不同的数值（{first} 和 {second}），请只选一个",
                                  region=reg.name, year=str(p.year), indicator=ind.name,
                                  first=ind.format(chosen[key].value), second=ind.format(p.value)))
        chosen[key] = p
    # a figure of part of the year goes in with a note saying so; a whole year's leaves the note alone
    changes = [ValueChange(reg.code, p.year, p.indicator, p.value, period_note(p) or None)
               for p in chosen.values()]
    if not changes:
        return 0
    return services.apply_changes(changes, SOURCE, reason or "从报告文本提取")
