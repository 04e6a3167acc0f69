"""The upstream office against the store: a city's or the province's computed figures, who has reported,
the county comparison. Reads through desktop.db.aggregate; the arithmetic is desktop.aggregate.core."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from desktop.aggregate import core
from desktop.db import absent as absent_db
from desktop.db import aggregate as adb
from desktop.domain import SIMULATED_SOURCE, Finding, Indicator, Region, check_year  # noqa: F401 - re-exported
from desktop.errors import AppError
from desktop.validation import errors_of_values, validate_many

SIMULATED_MARK = "演示数据·模拟"


@dataclass
class Aggregate:
    """A parent region's figures of one year: {code: Computed} over `counties`, and the level findings."""

    region: Region
    year: int
    counties: list[Region]
    computed: dict[str, core.Computed]
    indicators: list[Indicator]
    findings: list[Finding] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"region": self.region.code, "year": self.year,
                "values": {code: c.as_json() for code, c in self.computed.items()}}


def read_values(services, codes: list[str], years: list[int]) -> dict[int, dict[str, dict[str, float]]]:
    with services.store.reading() as db:
        return adb.values_by_year(db, codes, years)


def flags_and_findings(services, counties, year, progress=None, cancelled=None):
    """({county: {indicator: flag}}, {county: findings}) from validating every county of a year in one bulk read.
    Rules in force that do not parse are no reason to hide the figures: then no value is flagged."""
    try:
        found = validate_many(services, counties, year, progress=progress, cancelled=cancelled)
    except AppError:
        found = {}
    return {c: core.worst_flags(fs) for c, fs in found.items()}, found


def error_flags(services, values: dict[str, dict[str, float]], year: int,
                codes: list[str] | None = None) -> dict[str, dict[str, str]]:
    """{county: {indicator: 'error'}} of the counties' values of a year: the values a computed figure leaves
    out. Only errors matter there, and they come from the values alone (validation.errors_of_values), so the
    earlier years are not read. `codes`: the indicators whose errors matter (all when None). Rules in force
    that do not parse flag nothing, as in flags_and_findings."""
    try:
        found = errors_of_values(services, values, year, codes)
    except AppError:
        return {}
    return {c: core.worst_flags(fs) for c, fs in found.items()}


def aggregate_region(services, region: str, year: int, *, values=None, flags=None, methods=None) -> Aggregate:
    """Each indicator of a city or the province computed from all the counties below it; a county value with
    an error finding is left out (it makes the figure partial, never wrong). For a county: its own figures.

    Raises UnknownRegion, InvalidYear, AggregationError (an aggregation text in the catalog does not parse)."""
    reg = services.region(region)
    year = check_year(year)
    inds = services.indicators(include_hidden=True)
    counties = services.counties_of(reg.code) if reg.level != "county" else []
    codes = [c.code for c in counties]
    if values is None:
        values = read_values(services, codes + [reg.code], [year])[year]
    if flags is None:
        flags = error_flags(services, {c: values.get(c, {}) for c in codes}, year) if codes else {}
    exclude: dict[str, list[str]] = {}
    for county, by_code in flags.items():
        for code, flag in by_code.items():
            if flag == "error":
                exclude.setdefault(code, []).append(county)
    computed = core.aggregate(inds, codes, values, values.get(reg.code, {}), methods or core.methods_of(inds), exclude)
    findings = core.level_findings(inds, computed, reg.name) if counties else []
    return Aggregate(reg, year, counties, computed, inds, findings)


ADOPT_SOURCE = "aggregate"  # the audit source of figures an office took from its counties' (domain.SOURCE_NAMES)


@dataclass(frozen=True)
class Adoption:
    """The computed figures a city or the province can take as its own (本级填报) for one year."""

    region: Region
    year: int
    take: dict[str, float]  # indicator → the computed value, to the indicator's decimals: all counties reported
    partial: dict[str, tuple[int, int]]  # indicator → (reported, of): left, not all counties have reported
    kept: list[str]  # indicators the office has a figure of (or marked 不适用): never overwritten


def adoption(services, region: str, year: int) -> Adoption:
    """What `adopt` would write: every computed figure (sum, ratio, weighted) the office has no figure of and
    all its counties reported, rounded to the indicator's decimals. Raises UnknownRegion, InvalidYear,
    AppError for a county (it has nothing below it)."""
    agg = aggregate_region(services, region, year)
    if not agg.counties:
        raise AppError(f"{agg.region.name}是县（市、区），没有下级可以汇总")
    ry = services.get_region_year(agg.region.code, agg.year)
    with services.store.reading() as db:
        absent = absent_db.absences_of(db, agg.region.code, agg.year)
    inds = {i.code: i for i in agg.indicators}
    take, partial, kept = {}, {}, []
    for code, c in agg.computed.items():
        if c.method == "none" or c.value is None or inds[code].hidden:
            continue
        own = ry.values.get(code)
        if (own is not None and own.value is not None) or code in absent:
            kept.append(code)
        elif c.partial:
            partial[code] = (c.reported, c.of)
        else:
            take[code] = round(c.value, inds[code].decimals)
    return Adoption(agg.region, agg.year, take, partial, kept)


def adopt(services, region: str, year: int) -> Adoption:
    """Write `adoption`'s figures as the office's own, one audited change (source `aggregate`); the region-year
    must be open to edits, as for any value. Returns what was written."""
    from desktop.domain import ValueChange

    plan = adoption(services, region, year)
    if plan.take:
        services.apply_changes([ValueChange(plan.region.code, plan.year, code, value)
                                for code, value in plan.take.items()], ADOPT_SOURCE,
                               reason="采用由所辖各县汇总的数值")
    return plan


HISTORY_YEARS = 20  # the years a computed history goes back, at most (as the years report: reports.years)


def computed_history(services, region: str, indicator: str) -> dict[int, core.Computed]:
    """{year: Computed} of one indicator of a city or the province over the years in which it or any of its
    counties holds a value (the last HISTORY_YEARS of them), each computed as aggregate_region computes it; the
    years where nothing is computed (no county reported it) are left out. A county has none: {}."""
    reg = services.region(region)
    code = services.indicator(indicator).code
    if reg.level == "county":
        return {}
    codes = [c.code for c in services.counties_of(reg.code)]
    with services.store.reading() as db:
        years = adb.years_with_values(db, codes + [reg.code])[-HISTORY_YEARS:]
    stored = read_values(services, codes + [reg.code], years)
    inds = services.indicators(include_hidden=True)
    methods = core.methods_of(inds)
    # only the indicator and what its figure is made of are judged and computed (the years report, which needs
    # them all, computes every indicator: reports.years)
    uses = [code, *methods[code].codes()]
    one = [i for i in inds if i.code == code]
    out = {}
    for year in years:
        flags = error_flags(services, {c: stored[year].get(c, {}) for c in codes}, year, uses)
        exclude = {k: [c for c, by in flags.items() if by.get(k) == "error"] for k in uses}
        c = core.aggregate(one, codes, stored[year], stored[year].get(reg.code, {}), methods, exclude)[code]
        if c.value is not None:
            out[year] = c
    return out


# ---- who has reported -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CountyStatus:
    region: str
    name: str
    parent: str | None
    status: str
    filled: int
    total: int
    errors: int
    unexplained: int
    submitted_by: str | None = None
    submitted_at: str | None = None
    approved_by: str | None = None
    approved_at: str | None = None

    def as_json(self) -> dict:
        return {"region": self.region, "name": self.name, "status": self.status, "filled": self.filled,
                "total": self.total, "errors": self.errors, "unexplained": self.unexplained,
                "submitted_by": self.submitted_by, "submitted_at": self.submitted_at,
                "approved_by": self.approved_by, "approved_at": self.approved_at}


@dataclass
class StatusReport:
    region: Region
    year: int
    counties: list[CountyStatus]

    @property
    def summary(self) -> dict[str, int]:
        return core.summary(c.status for c in self.counties)

    @property
    def reported(self) -> list[CountyStatus]:
        return [c for c in self.counties if c.status != "empty"]

    @property
    def missing(self) -> list[CountyStatus]:
        return [c for c in self.counties if c.status == "empty"]

    def by_action(self) -> list[CountyStatus]:
        return sorted(self.counties, key=lambda c: core.action_key(c.status, c.errors, c.unexplained, c.region))

    def as_json(self) -> dict:
        return {"region": self.region.code, "year": self.year,
                "counties": [c.as_json() for c in self.counties], "summary": self.summary}


def _decode(text):
    try:
        return json.loads(text) if text is not None else None
    except (TypeError, ValueError):
        return text


def _rounds(events) -> dict[str, tuple]:
    """{region: (submitted_by, submitted_at, approved_by, approved_at)} of the current round: the last
    submission and the approval after it; a return or reopen starts a new round."""
    out: dict[str, list] = {}
    for region, at, user, new in events:
        new = _decode(new)
        cur = out.setdefault(region, [None, None, None, None])
        if new == "submitted":
            cur[:] = [user, at, None, None]
        elif new == "approved":
            cur[2:] = [user, at]
        elif new in ("draft", "returned"):
            cur[:] = [None, None, None, None]
        # accepted (and any later status) keeps who submitted and approved
    return {k: tuple(v) for k, v in out.items()}


def status_report(services, region: str, year: int, progress=None, cancelled=None,
                  findings: dict[str, list[Finding]] | None = None) -> StatusReport:
    """Every county below a city or the province (a county: itself) with its status, how many indicators are
    filled, its errors and unexplained warnings, and who submitted and approved it when.

    Raises UnknownRegion, InvalidYear."""
    reg = services.region(region)
    year = check_year(year)
    counties = services.counties_of(reg.code)
    codes = [c.code for c in counties]
    visible = {i.code for i in services.indicators()}
    values = read_values(services, codes, [year])[year]
    from desktop.db import absent as absent_db

    with services.store.reading() as db:
        datasets = adb.datasets(db, codes, year)
        rounds = _rounds(adb.status_events(db, codes, year))
        marked = absent_db.absent_codes_of_regions(db, codes, year)  # 不适用 / 本年未统计 count as filled
    if findings is None:
        _, findings = flags_and_findings(services, codes, year, progress, cancelled)
    rows = []
    for county in counties:
        vals = values.get(county.code, {})
        found = findings.get(county.code, [])
        ds = datasets.get(county.code)
        sub_by, sub_at, app_by, app_at = rounds.get(county.code, (None,) * 4)
        status = core.effective_status(ds.status if ds else None, len(vals))
        if status in ("draft", "returned", "empty"):
            sub_by = sub_at = app_by = app_at = None
        elif status == "submitted":
            app_by = app_at = None
        rows.append(CountyStatus(
            county.code, county.name, county.parent_code, status,
            sum(1 for k in set(vals) | marked.get(county.code, set()) if k in visible), len(visible),
            sum(1 for f in found if f.severity == "error"),
            sum(1 for f in found if f.severity == "warning" and not f.cleared),
            sub_by, sub_at, app_by, app_at))
    return StatusReport(reg, year, rows)


def is_simulated(services, regions: list[str], years: list[int]) -> bool:
    """True when any value of these regions and years is a simulated demo figure (reports say so)."""
    with services.store.reading() as db:
        return adb.count_sources(db, regions, years, SIMULATED_SOURCE) > 0


def now() -> str:
    return dt.datetime.now().strftime("%Y-%m-%d %H:%M")
