"""The one report-data function per report: everything a writer lays out, computed once, no layout here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop.db import reports as db_reports
from desktop.digest import region_year_digest
from desktop.domain import SIMULATED_SOURCE, STATUS_NAMES, Finding, Indicator, Prior, Region, check_year
from desktop.errors import AppError
from desktop.validation import validate

if TYPE_CHECKING:  # the services hand themselves in; this package never imports them
    from desktop.services import Services

TREND_YEARS = 5
_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Row:
    """One indicator of a county-year table."""

    indicator: Indicator
    value: float | None
    note: str
    prior: Prior | None
    target: float | None
    flag: str = ""  # the worst uncleared finding on this indicator: error | warning | info | ''
    year: int = 0
    absent: str = ""  # 不适用 / 本年未统计 when the value is left empty on purpose (desktop.absent); shown for it

    @property
    def prior_is_gap(self) -> bool:
        """True when the nearest earlier value is not from the year before (its year is then shown)."""
        return self.prior is not None and self.prior.year != self.year - 1

    @property
    def change(self) -> float | None:
        if self.value is None or self.prior is None:
            return None
        return round(self.value - self.prior.value, self.indicator.decimals)

    @property
    def change_pct(self) -> float | None:
        """Relative change in percent; None for growth rates (a change of a change) and a zero prior."""
        if self.value is None or self.prior is None or self.prior.value == 0 or self.indicator.kind == "growth":
            return None
        return round((self.value - self.prior.value) / abs(self.prior.value) * 100, 2)

    @property
    def met(self) -> bool | None:
        """Whether the value meets the target by the indicator's direction; None when it cannot be said."""
        if self.value is None or self.target is None or self.indicator.direction == 0:
            return None
        if self.indicator.direction > 0:
            return self.value >= self.target
        return self.value <= self.target


@dataclass(frozen=True)
class Section:
    name: str
    rows: list[Row]


@dataclass(frozen=True)
class ReportFinding:
    finding: Finding
    indicator_name: str
    note: str
    decimals: int = 2  # the indicator's, for printing the value and reference


@dataclass(frozen=True)
class Trend:
    indicator: Indicator
    points: list[tuple[int, float]]  # (year, value), oldest first, at most TREND_YEARS


@dataclass(frozen=True)
class Signatures:
    clerk: str = ""
    clerk_at: str = ""
    supervisor: str = ""
    supervisor_at: str = ""

    @property
    def date(self) -> str:
        return (self.supervisor_at or self.clerk_at)[:10]


@dataclass
class ReportData:
    """A region-year summary: the title, status, tables by section, findings, trends and signatures."""

    region: Region
    year: int
    status: str
    sections: list[Section]
    findings: list[ReportFinding]
    trends: list[Trend]
    signatures: Signatures
    generated_at: str
    value_count: int
    missing: list[Indicator] = field(default_factory=list)
    audit_head: str = ""
    validation_note: str = ""
    simulated: bool = False  # holds simulated demo figures: every page says 演示数据·模拟
    digest: str = ""  # of an approved or accepted region-year (desktop.digest): `verify REGION YEAR --digest`

    @property
    def title(self) -> str:
        return f"{self.region.name} {self.year}年 卫生健康指标汇总"

    @property
    def status_name(self) -> str:
        return STATUS_NAMES.get(self.status, self.status)

    @property
    def empty(self) -> bool:
        return self.value_count == 0

    @property
    def notes(self) -> list[Row]:
        """The rows that carry an explanation (说明), in catalog order."""
        return [r for s in self.sections for r in s.rows if r.note]

    @property
    def trend_years(self) -> list[int]:
        return list(range(self.year - TREND_YEARS + 1, self.year + 1))


def _now() -> str:
    return dt.datetime.now().strftime("%Y-%m-%d %H:%M")


def _findings(services: Services, region: str, year: int) -> tuple[list[Finding], str]:
    try:
        return list(validate(services, region, year)), ""
    except AppError as exc:  # e.g. the rules in force do not parse: the report still prints the figures
        return [], f"审核未能进行：{exc}"


def _signatures(services: Services, region: str, year: int, status: str) -> Signatures:
    """The clerk who submitted and the supervisor who approved the current round, from the status audit rows."""
    if status not in ("submitted", "approved"):
        return Signatures()
    rows = [r for r in services.audit(region, year) if r.field == "status" and r.indicator is None]
    clerk = clerk_at = sup = sup_at = ""
    for r in rows:  # oldest first: the last submission and the approval that follows it win
        if r.new == "submitted":
            clerk, clerk_at, sup, sup_at = r.user, r.at, "", ""
        elif r.new == "approved":
            sup, sup_at = r.user, r.at
        elif r.new in ("draft", "returned"):
            clerk = clerk_at = sup = sup_at = ""
    if status == "submitted":
        sup = sup_at = ""
    return Signatures(clerk, clerk_at, sup, sup_at)


def report_data(services: Services, region: str, year: int) -> ReportData:
    """Everything the county-year summary shows. Raises UnknownRegion, InvalidYear."""
    reg = services.region(region)
    year = check_year(year)
    ry = services.get_region_year(reg.code, year)
    inds = services.indicators(include_hidden=True)
    findings, note = _findings(services, reg.code, year)
    worst: dict[str, str] = {}
    for f in findings:
        if f.cleared:
            continue
        if f.indicator not in worst or _SEVERITY_RANK.get(f.severity, 3) < _SEVERITY_RANK.get(worst[f.indicator], 3):
            worst[f.indicator] = f.severity
    from desktop.absent import absences
    from desktop.domain import ABSENCE_KINDS

    marks = absences(services, reg.code, year)
    sections: dict[str, list[Row]] = {}
    missing = []
    for ind in inds:
        rec = ry.values.get(ind.code)
        value = rec.value if rec else None
        prior = ry.prior.get(ind.code)
        target = ry.targets.get(ind.code)
        mark = marks.get(ind.code) if value is None else None
        if value is None and mark is None:
            if not ind.hidden:
                missing.append(ind)
            if ind.hidden or (prior is None and target is None and not (rec and rec.note)
                              and ind.code not in worst):
                continue
        note = (rec.note if rec else "") or (mark.reason if mark else "")
        row = Row(ind, value, note, prior, target, worst.get(ind.code, ""), year,
                  ABSENCE_KINDS[mark.kind] if mark else "")
        sections.setdefault(ind.section, []).append(row)
    by_code = {i.code: i for i in inds}
    report_findings = sorted(
        (ReportFinding(f, by_code[f.indicator].name if f.indicator in by_code else f.indicator,
                       ry.values[f.indicator].note if f.indicator in ry.values else "",
                       by_code[f.indicator].decimals if f.indicator in by_code else 2) for f in findings),
        key=lambda rf: (_SEVERITY_RANK.get(rf.finding.severity, 3),
                        by_code[rf.finding.indicator].sort_order if rf.finding.indicator in by_code else 10**6))
    trends = []
    first = year - TREND_YEARS + 1
    with services.store.reading():
        history = db_reports.history_between(services.store.db, reg.code, first, year)
    for ind in inds:
        points = sorted((y, v) for y, v in history.get(ind.code, {}).items() if first <= y <= year)
        if len(points) >= 2:
            trends.append(Trend(ind, points))
    value_count = sum(1 for r in ry.values.values() if r.value is not None)
    head = services.audit_chain_head() if ry.status == "approved" else ""
    simulated = any(r.source == SIMULATED_SOURCE for r in ry.values.values())
    digest = ""
    if ry.status in ("approved", "accepted"):
        digest = region_year_digest(services, reg.code, year)
    return ReportData(reg, year, ry.status, [Section(k, v) for k, v in sections.items()], report_findings,
                      trends, _signatures(services, reg.code, year, ry.status), _now(), value_count, missing,
                      head, note, simulated, digest)
