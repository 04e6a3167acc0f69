"""The county comparison of a city or the province: the one report-data function behind `compare --json`
and the comparison report in PDF and Excel (the writers only lay it out)."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.aggregate import core
from desktop.aggregate.service import (
    SIMULATED_MARK,
    StatusReport,
    aggregate_region,
    flags_and_findings,
    is_simulated,
    now,
    read_values,
    status_report,
)
from desktop.domain import STATUS_WORDS, Finding, Indicator, Region, check_year


@dataclass(frozen=True)
class CompareRow:
    """One indicator across the counties: each county's cell, the stats over the valid values, the parent's
    computed figure, and (for the province) each city's computed figure."""

    indicator: Indicator
    comparable: bool
    stats: dict
    parent: core.Computed
    cells: dict[str, core.Cell]
    groups: dict[str, core.Computed] = field(default_factory=dict)

    def as_json(self) -> dict:
        out = {"code": self.indicator.code, "comparable": self.comparable, "stats": self.stats,
               "parent": self.parent.as_json(), "cells": {c: cell.as_json() for c, cell in self.cells.items()}}
        if self.groups:
            out["cities"] = {c: g.as_json() for c, g in self.groups.items()}
        return out


@dataclass(frozen=True)
class Footnote:
    number: int
    county: Region
    indicator: Indicator
    flag: str
    message: str


@dataclass
class Comparison:
    """Counties of a city or the province, grouped by city for the province, with their status; one row per
    indicator; footnotes for flagged values; the completeness of reporting; who prints it."""

    region: Region
    year: int
    groups: list[tuple[Region | None, list[Region]]]  # (city, its counties); city None for a city's own list
    rows: list[CompareRow]
    status: StatusReport
    footnotes: list[Footnote]
    generated_at: str
    prepared_by: str = ""
    simulated: bool = False

    @property
    def counties(self) -> list[Region]:
        return [c for _, cs in self.groups for c in cs]

    @property
    def by_city(self) -> bool:
        return any(city is not None for city, _ in self.groups)

    @property
    def title(self) -> str:
        return f"{self.region.name} {self.year}年 各县（市、区）卫生健康指标对比"

    @property
    def statuses(self) -> dict[str, str]:
        return {c.region: c.status for c in self.status.counties}

    def name_of(self, code: str) -> str:
        for c in self.counties:
            if c.code == code:
                return c.name
        return code

    @property
    def completeness_line(self) -> str:
        missing = self.status.missing
        line = f"已报 {len(self.status.reported)}/{len(self.status.counties)}"
        if missing:
            names = "、".join(c.name for c in missing)
            line += f"，未报：{names}"
        counts = self.status.summary
        words = "，".join(f"{STATUS_WORDS.get(k, k)} {v}" for k, v in counts.items() if v and k != "empty")
        return line + (f"（{words}）" if words else "")

    @property
    def simulated_mark(self) -> str:
        return SIMULATED_MARK if self.simulated else ""

    @property
    def empty(self) -> bool:
        return not self.status.reported and not any(r.parent.own is not None for r in self.rows)

    def footnote_of(self, county: str, code: str) -> int | None:
        for f in self.footnotes:
            if f.county.code == county and f.indicator.code == code:
                return f.number
        return None

    def as_json(self) -> dict:
        statuses = self.statuses
        return {"region": self.region.code, "year": self.year,
                "counties": [{"region": c.code, "name": c.name, "parent": c.parent_code,
                              "status": statuses.get(c.code, "empty")} for c in self.counties],
                "indicators": [r.as_json() for r in self.rows]}


def _footnote_text(findings: list[Finding], code: str, flag: str) -> str:
    for f in findings:
        if f.indicator == code and (f.severity == "error" if flag == "error" else
                                    (f.severity == "warning" and not f.cleared)):
            return f.message
    return ""


def comparison(services, region: str, year: int, progress=None, cancelled=None) -> Comparison:
    """The comparison of every county below `region` in `year` (a county: itself alone).

    Raises UnknownRegion, InvalidYear, AggregationError."""
    reg = services.region(region)
    year = check_year(year)
    counties = services.counties_of(reg.code)
    codes = [c.code for c in counties]
    flags, findings = flags_and_findings(services, codes, year, progress, cancelled)
    cities = [r for r in services.children(reg.code) if r.level == "city"] if reg.level == "province" else []
    values = read_values(services, codes + [reg.code] + [c.code for c in cities], [year])[year]
    methods = core.methods_of(services.indicators(include_hidden=True))
    parent = aggregate_region(services, reg.code, year, values=values, flags=flags, methods=methods) \
        if reg.level != "county" else None
    city_aggs = {c.code: aggregate_region(services, c.code, year, values=values, flags=flags, methods=methods)
                 for c in cities}
    inds = [i for i in services.indicators() if not i.hidden]
    if cities:
        groups = [(c, [k for k in counties if k.parent_code == c.code]) for c in sorted(cities, key=lambda r: r.code)]
        placed = {k.code for _, ks in groups for k in ks}
        rest = [k for k in counties if k.code not in placed]
        if rest:
            groups.append((None, rest))
    else:
        groups = [(None, counties)]
    ordered = [k for _, ks in groups for k in ks]
    rows = []
    for ind in inds:
        vals = {k.code: values.get(k.code, {}).get(ind.code) for k in ordered}
        cells, st = core.compare_indicator(ind, vals, {k: flags.get(k, {}).get(ind.code) for k in vals})
        if parent is not None:
            par = parent.computed[ind.code]
        else:  # a county compared with itself: its own figure
            own = values.get(reg.code, {}).get(ind.code)
            par = core.Computed(ind.code, "none", None, 0, 0, own)
        rows.append(CompareRow(ind, core.comparable(ind), st, par, cells,
                               {c: a.computed[ind.code] for c, a in city_aggs.items()}))
    notes = []
    by_code = {k.code: k for k in ordered}
    for ind in inds:  # numbered in the reading order of the table: indicator by indicator, county by county
        for k in ordered:
            flag = flags.get(k.code, {}).get(ind.code)
            if flag and values.get(k.code, {}).get(ind.code) is not None:
                notes.append(Footnote(len(notes) + 1, by_code[k.code], ind, flag,
                                      _footnote_text(findings.get(k.code, []), ind.code, flag)))
    status = status_report(services, reg.code, year, findings=findings)
    simulated = is_simulated(services, codes + [reg.code], [year])
    return Comparison(reg, year, groups, rows, status, notes, now(),
                      services.user.name, simulated)
