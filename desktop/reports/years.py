"""The report of one region over a range of years: each indicator's figure per year with its change from the
year before, computed from the counties for a city or the province, and the trend of each. Data only; the
writers (pdf.write_years, xlsx.write_years) lay it out."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from desktop.aggregate.service import aggregate_region, is_simulated, read_values
from desktop.domain import Indicator, Region, check_year
from desktop.errors import UsageError

MAX_YEARS = 20


@dataclass(frozen=True)
class YearCell:
    value: float | None
    change: float | None = None  # from the year before, when both have a figure
    change_pct: float | None = None
    computed: bool = False  # built from the counties (汇总), not typed by the region itself
    partial: bool = False
    reported: int = 0
    of: int = 0


@dataclass(frozen=True)
class YearRow:
    indicator: Indicator
    method: str
    cells: list[YearCell]  # one per year, oldest first

    @property
    def points(self) -> list[tuple[int, float]]:
        return [(y, c.value) for y, c in zip(self._years, self.cells) if c.value is not None]

    @property
    def partial_years(self) -> frozenset[int]:
        """Years whose figure was computed from fewer than all the counties (the charts draw them open)."""
        return frozenset(y for y, c in zip(self._years, self.cells) if c.partial)

    _years: tuple[int, ...] = ()


@dataclass
class YearsData:
    region: Region
    years: list[int]
    sections: list[tuple[str, list[YearRow]]]
    completeness: dict[int, tuple[int, int]]  # year → (counties that reported, counties), for a city or province
    generated_at: str
    simulated: bool = False
    prepared_by: str = ""

    @property
    def trend_years(self) -> list[int]:
        return self.years

    @property
    def title(self) -> str:
        return f"{self.region.name} {self.years[0]}—{self.years[-1]}年 卫生健康指标"

    @property
    def computed(self) -> bool:
        return self.region.level != "county"

    @property
    def trends(self) -> list[YearRow]:
        return [r for _, rows in self.sections for r in rows if len(r.points) >= 2]

    @property
    def empty(self) -> bool:
        return not any(c.value is not None for _, rows in self.sections for r in rows for c in r.cells)


def axis_range(values: list[float]) -> tuple[float, float]:
    """The value axis of a trend chart: from zero when the data are near zero for their size; otherwise around
    the data, but never narrower than a tenth of their magnitude, so that 47.75 → 49.26 is not drawn as a
    rise from the floor to the ceiling. Rounded outward to a step of the span's order of magnitude."""
    lo, hi = min(values), max(values)
    if lo >= 0 and (hi == 0 or lo <= hi * 0.5):
        bottom, top = 0.0, hi if hi > 0 else 1.0
    elif hi <= 0 and (lo == 0 or hi >= lo * 0.5):
        bottom, top = lo, 0.0
    else:
        magnitude = max(abs(lo), abs(hi))
        span = max(hi - lo, magnitude * 0.1)
        mid = (lo + hi) / 2
        bottom, top = mid - span * 0.6, mid + span * 0.6
        if lo >= 0 and bottom < 0:
            bottom, top = 0.0, top - bottom
    step = 10 ** math.floor(math.log10(top - bottom)) / 2 if top > bottom else 1.0
    return math.floor(bottom / step) * step, math.ceil(top / step) * step


def years_data(services, region: str, years: list[int], progress=None, cancelled=None) -> YearsData:
    """Each indicator of a county over `years` as stored; of a city or the province as computed from its
    counties (the office's own figure where nothing is computed). Raises UnknownRegion, InvalidYear,
    UsageError (more than MAX_YEARS years)."""
    reg = services.region(region)
    years = [check_year(y) for y in years]
    if len(years) > MAX_YEARS:
        raise UsageError(f"年份范围最多{MAX_YEARS}年：{years[0]}—{years[-1]}")
    inds = [i for i in services.indicators(include_hidden=True)]
    per_year: dict[int, dict[str, YearCell]] = {}
    completeness: dict[int, tuple[int, int]] = {}
    codes = [c.code for c in services.counties_of(reg.code)] if reg.level != "county" else []
    stored = read_values(services, [reg.code] + codes, years)
    for n, y in enumerate(years):
        if cancelled and cancelled():
            break
        cells = {}
        if reg.level == "county":
            for ind in inds:
                v = stored[y].get(reg.code, {}).get(ind.code)
                cells[ind.code] = YearCell(v)
        else:
            agg = aggregate_region(services, reg.code, y, values=stored[y])
            for ind in inds:
                c = agg.computed[ind.code]
                computed = c.value is not None
                cells[ind.code] = YearCell(c.shown, computed=computed, partial=c.partial, reported=c.reported, of=c.of)
            completeness[y] = (sum(1 for k in codes if stored[y].get(k)), len(codes))
        per_year[y] = cells
        if progress:
            progress(n + 1, len(years) + 1)
    sections: list[tuple[str, list[YearRow]]] = []
    for ind in inds:
        row_cells = []
        before = None
        for y in years:
            cell = per_year.get(y, {}).get(ind.code, YearCell(None))
            if cell.value is not None and before is not None:
                change = round(cell.value - before, ind.decimals + 2)
                pct = None if before == 0 or ind.kind == "growth" else round(change / abs(before) * 100, 2)
                cell = YearCell(cell.value, change, pct, cell.computed, cell.partial, cell.reported, cell.of)
            before = cell.value
            row_cells.append(cell)
        if ind.hidden and all(c.value is None for c in row_cells):
            continue
        method = ind.aggregation.split(":")[0].strip() if reg.level != "county" else "county"
        row = YearRow(ind, method, row_cells, tuple(years))
        if sections and sections[-1][0] == ind.section:
            sections[-1][1].append(row)
        else:
            sections.append((ind.section, [row]))
    simulated = is_simulated(services, [reg.code] + codes, years)
    return YearsData(reg, years, sections, completeness, dt.datetime.now().strftime("%Y-%m-%d %H:%M"), simulated,
                     services.user.name)
