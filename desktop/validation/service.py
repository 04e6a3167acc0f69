"""Validation against the store: the rules in force, one region-year, many region-years of one year.

The adapter around the pure engine (desktop.validation.engine): it reads the inputs through
desktop.db.validation and hands them to `validate_values`. `services` is a desktop.services.Services;
a city's or the province's level findings take its figures computed from the counties from
`services.aggregate_region` (which validates the counties in turn).
"""

from __future__ import annotations

import dataclasses
from typing import Callable, Iterable, Mapping

from desktop.db import absent as adb
from desktop.db import validation as dbv
from desktop.domain import Finding, Indicator, check_year
from desktop.validation.engine import _RULE_ORDER, _SEV_ORDER, validate_values
from desktop.validation.notes import explains
from desktop.validation.rules import RuleSet, cached_rules_text, default_rules


def rules_for(services, indicators=None) -> RuleSet:
    """The rules in force for this store: the newest saved rule set, else resources/rules.txt.

    Raises RuleFileError when the rules do not parse against the store's catalog.
    """
    inds = indicators if indicators is not None else services.indicators(include_hidden=True)
    codes = frozenset(i.code for i in inds)
    text = services.rules_text()
    if text is not None:
        return cached_rules_text(text, "（数据库中保存的规则）", codes)
    return default_rules(codes)


def validate(services, region, year, *, submission: bool = False, computed=None) -> list[Finding]:
    """Validate one region-year of the store (submission=True adds completeness).

    Raises UnknownRegion, InvalidYear, RuleFileError (the rules in force do not parse), StoreError.
    """
    reg = services.region(region)
    y = check_year(year)
    inds = services.indicators(include_hidden=True)
    rules = rules_for(services, inds)
    with services.store.reading() as db:
        values, notes, history, targets = dbv.region_year_inputs(db, reg.code, y)
        absent = adb.absences_of(db, reg.code, y) if submission else {}
    if reg.level == "county":
        return validate_values(inds, rules, values, history, targets, y, notes, submission, absent)
    found = validate_values(for_level(services, reg, inds), rules, values, history, targets, y, notes, submission,
                            absent)
    return _with_level_findings(services, reg, y, found, values, notes, inds, computed)


def errors_of_values(services, values: Mapping[str, Mapping[str, object]], year,
                     codes: Iterable[str] | None = None) -> dict[str, list[Finding]]:
    """The error findings of many regions' values of one year, {region code: findings}, from the values alone.

    An error comes only from a value itself (`format`, `range`) or from this year's values together (a
    `logic` rule of severity error): no rule that reads earlier years, targets or notes makes one, so the store
    is not read again. What aggregate_region leaves out of a computed figure; far cheaper than validate_many,
    which reads and judges every earlier year too. `codes`: only the errors filed under these indicators (the
    values of the other codes their rules compare are still read). Raises RuleFileError when the rules in
    force do not parse.
    """
    y = check_year(year)
    inds = services.indicators(include_hidden=True)
    rules = rules_for(services, inds)
    if codes is not None:
        wanted = set(codes)
        rules = RuleSet(rules.origin, tuple(r for r in rules if r.severity == "error" and r.indicator in wanted))
        needed = wanted.union(*(r.codes for r in rules))
        inds = [i for i in inds if i.code in needed]
    out: dict[str, list[Finding]] = {}
    for code, by_code in values.items():
        reg = services.region(code)
        found = validate_values(for_level(services, reg, inds), rules, by_code, {}, None, y)
        out[reg.code] = [f for f in found if f.severity == "error" and (codes is None or f.indicator in wanted)]
    return out


def for_level(services, reg, inds: list[Indicator]) -> list[Indicator]:
    """The catalog's ranges as they apply to a city or the province (a count's range is a county's)."""
    if reg.level == "county":
        return inds
    from desktop.aggregate.core import scaled_for_level  # a city's or the province's only

    return scaled_for_level(inds, len(services.counties_of(reg.code)))


def _with_level_findings(services, reg, year: int, found: list[Finding], values, notes, inds,
                         computed=None) -> list[Finding]:
    """A city's or the province's own figures against the ones computed from its counties (rule `level`).
    `computed` ({code: Computed}, e.g. the form's, made when it loaded) spares computing the counties again:
    the region's own typing does not change them; its own figures are taken from `values`, as they are now."""
    from desktop.aggregate.core import AggregationError, level_findings

    try:
        if computed is None:
            computed = services.aggregate_region(reg.code, year).computed
    except AggregationError:
        return found  # a catalog aggregation that does not parse: the editor refuses it; nothing to compare
    own = {code: dataclasses.replace(c, own=values.get(code)) for code, c in computed.items()}
    level = level_findings(inds, own, reg.name)
    if not level:
        return found
    out = list(found)
    for f in level:
        if explains(notes.get(f.indicator)):
            f = Finding(f.indicator, f.severity, f.rule, f.message, f.value, f.reference, f.reference_year, True)
        out.append(f)
    order = {i.code: n for n, i in enumerate(inds)}
    out.sort(key=lambda f: (_SEV_ORDER[f.severity], order.get(f.indicator, len(order)), _RULE_ORDER[f.rule]))
    return out


def validate_many(services, regions, year, *, submission: bool = False,
                  progress: Callable[[int, int], None] | None = None,
                  cancelled: Callable[[], bool] | None = None) -> dict[str, list[Finding]]:
    """Validate many region-years of one year from one bulk read: {region code: findings}.

    `regions`: codes or names (a city's counties: services.counties_of(code)). Stops early, returning
    what is done, when cancelled() is true.
    """
    codes = [services.region(getattr(r, "code", r)).code for r in regions]
    y = check_year(year)
    inds = services.indicators(include_hidden=True)
    rules = rules_for(services, inds)
    with services.store.reading() as db:
        inputs = dbv.many_region_inputs(db, codes, y)
        absent = adb.absent_codes_of_regions(db, codes, y) if submission else {}
    out: dict[str, list[Finding]] = {}
    for i, code in enumerate(codes):
        if cancelled is not None and cancelled():
            break
        values, notes, history, targets = inputs[code]
        reg = services.region(code)
        out[code] = validate_values(for_level(services, reg, inds), rules, values, history, targets, y, notes,
                                    submission, absent.get(code, ()))
        if progress is not None:
            progress(i + 1, len(codes))
    return out
