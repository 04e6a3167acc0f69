"""Catalog and rule editing against the store: add, edit, hide indicators; save the logical rules; try a change
on the stored history. Reads through desktop/db, decides with `desktop.catalog_admin.core`, and writes through
`Services.write()`: every change is one transaction with its audit row (field "catalog" for an indicator,
"rules" for the rules text) and a new catalog version.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from desktop import catalog as catalog_res
from desktop import policy
from desktop.catalog_admin import core
from desktop.catalog_admin.core import CatalogEditError, RuleProblem, TrialResult
from desktop.db import workflow as wdb
from desktop.domain import Indicator
from desktop.errors import AppError
from desktop.phrases import Phrase, enumeration, reason_of
from desktop.validation.rules import RuleFileError
from desktop.validation.rules import parse_rules as _parse

if TYPE_CHECKING:  # the services hand themselves in; this package never imports them
    from desktop.services import Services


def _write_indicator(services: Services, old: Indicator | None, new: Indicator, reason: str,
                     source: str, also: list[Indicator] = ()) -> Indicator:
    """Save one indicator (old None: a new one) with its audit row and a new catalog version.

    Raises CatalogEditError for a change of unit, decimals, kind or hidden of an indicator with values in an
    approved or accepted year (checked inside the write transaction)."""
    changed = None
    if old is not None:
        changed = core.changed_fields(old, new)
        if not changed:
            return old
    with services.write() as w:
        if old is not None and core.kept_by_approval(changed):
            refused = core.approval_refusal(old, changed, w.approved_years_using(old.code),
                                            {r.code: r.name for r in services.regions()})
            if refused is not None:
                raise refused
        if old is not None and new.code != old.code:
            if w.indicator_in_use_now(old.code):
                raise CatalogEditError(Phrase("指标 {code} 已有数值、目标值或提交记录，代码不能再修改", code=old.code))
            w.rename_indicator(old.code, new.code)
        w.indicators([*also, new])
        version = w.bump_catalog_version(catalog_res.CATALOG_VERSION)
        w.record("catalog", None if old is None else core.as_json(old, changed), core.as_json(new, changed), source,
                 indicator=new.code, reason=(reason or "").strip() or f"目录版本 {version}")
    services.invalidate_catalog()
    return new


def add_indicator(services: Services, indicator: Indicator | dict, reason: str = "", source: str = "form") -> Indicator:
    """Add a new indicator at the end of its section (or at `sort_order` when given in a dict).

    Raises PermissionDenied (not an admin), CatalogEditError (bad or taken code, name, kind, range…).
    """
    services.require_role(*policy.ADMIN_ONLY, action="修改指标目录")
    if isinstance(indicator, dict):
        indicator = core.indicator_from_fields(indicator)
    existing = services.indicators(include_hidden=True)
    code = (indicator.code or "").strip().upper()
    if any(i.code == code for i in existing):
        raise CatalogEditError(Phrase("指标代码已存在：{code}", code=code))
    order, moved = core.placed(indicator, existing)
    new = core.checked(dataclasses.replace(indicator, sort_order=order, hidden=False), existing)
    # later indicators move down one place, in the same transaction
    return _write_indicator(services, None, new, reason, source, also=moved)


def edit_indicator(services: Services, indicator: str, reason: str = "", source: str = "form", **changes) -> Indicator:
    """Change fields of an indicator: section, name, unit, kind, decimals, min, max, direction, yoy_warn,
    definition, aliases, sort_order, and code (only while nothing uses it).

    Raises PermissionDenied, UnknownIndicator, CatalogEditError (bad value, code or kind of an indicator
    in use, a name another indicator has).
    """
    services.require_role(*policy.ADMIN_ONLY, action="修改指标目录")
    old = services.indicator(indicator)
    unknown = [k for k in changes if k not in core.EDITABLE]
    if unknown:
        raise CatalogEditError(Phrase("不能修改的项目：{fields}", fields=enumeration(unknown)))
    core.split_aliases(changes)
    if "kind" in changes and changes["kind"] != old.kind:
        with services.store.reading() as db:
            if wdb.indicator_in_use(db, old.code):
                raise CatalogEditError(Phrase("指标 {code} 已有数值，类型不能再修改（类型决定同比阈值的含义）", code=old.code))
    if "code" in changes and (changes["code"] or "").strip().upper() != old.code:
        with services.store.reading() as db:
            if wdb.indicator_in_use(db, old.code):
                raise CatalogEditError(Phrase("指标 {code} 已有数值、目标值或提交记录，代码不能再修改", code=old.code))
        if any(i.code == (changes["code"] or "").strip().upper() for i in services.indicators(include_hidden=True)):
            raise CatalogEditError(Phrase("指标代码已存在：{code}", code=str(changes["code"])))
        codes = [i.code for i in services.indicators(include_hidden=True) if i.code != old.code]
        try:
            _parse(rules_text(services), "审核规则", [*codes, (changes["code"] or "").strip().upper()])
        except RuleFileError as exc:
            raise CatalogEditError(Phrase("审核规则第{line}行用到指标 {code}，请先修改规则再改代码", line=str(exc.line),
                                          code=old.code)) from None
    new = core.checked(dataclasses.replace(old, **changes), services.indicators(include_hidden=True), own=old.code)
    return _write_indicator(services, old, new, reason, source)


def hide_indicator(services: Services, code: str, hidden: bool = True, reason: str = "",
                   source: str = "form") -> Indicator:
    """Stop (hidden=True) or resume collecting an indicator; its stored values stay.

    Raises PermissionDenied, UnknownIndicator.
    """
    services.require_role(*policy.ADMIN_ONLY, action="修改指标目录")
    old = services.indicator(code)
    return _write_indicator(services, old, dataclasses.replace(old, hidden=bool(hidden)), reason, source)


# ---- logical rules -------------------------------------------------------------------------------------

def default_rules_text() -> str:
    """The shipped rules (resources/rules.txt), '' when the file is missing."""
    try:
        return catalog_res.RULES_FILE.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return ""


def rules_text(services: Services) -> str:
    """The rules in force: the newest text saved in the store (Services.rules_text), else resources/rules.txt."""
    saved = services.rules_text()
    return saved if saved is not None else default_rules_text()


def rules_are_custom(services: Services) -> bool:
    return services.rules_text() is not None


def parse_rules(services: Services, text: str, origin: str = Phrase("审核规则")):
    """Parse rules text against the store's catalog; raises RuleFileError (line, reason) at the first bad line."""
    return _parse(text, origin, [i.code for i in services.indicators(include_hidden=True)])


def check_rules(services: Services, text: str) -> RuleProblem | None:
    """None when the text parses; else the first problem (line and reason) for the editor to mark."""
    try:
        parse_rules(services, text)
    except RuleFileError as exc:
        return RuleProblem(exc.line, exc.reason, reason_of(exc))
    return None


def save_rules(services: Services, text: str, reason: str = "", source: str = "form") -> bool:
    """Save new rules text (checked first) as the rules in force; False when it is unchanged.

    Raises PermissionDenied (not an admin), RuleFileError (line and reason; nothing saved).
    """
    services.require_role(*policy.ADMIN_ONLY, action="修改审核规则")
    parse_rules(services, text)
    old = rules_text(services)
    if text == old:
        return False
    with services.write() as w:
        w.rule_set(text, (reason or "").strip())
        version = w.bump_catalog_version(catalog_res.CATALOG_VERSION)
        w.record("rules", old, text, source, reason=(reason or "").strip() or f"目录版本 {version}", at=w.stamp)
    return True


# ---- trying a change against history ------------------------------------------------------------------

def try_indicator(services: Services, indicator: str, before_year: int | None = None,
                  progress=None, cancelled=None, **changes) -> TrialResult:
    """What proposed min, max, decimals, kind or yoy_warn would flag among the stored values of this
    indicator (years before `before_year` when given), beside what the current settings flag. Writes nothing.

    Raises UnknownIndicator, CatalogEditError (a proposed value that is not valid).
    """
    old = services.indicator(indicator)
    new = core.checked(dataclasses.replace(old, **{k: v for k, v in changes.items()
                                                   if k in core.EDITABLE and k != "code"}),
                       services.indicators(include_hidden=True), own=old.code)
    series: dict[str, dict[int, float]] = {}
    with services.store.reading() as db:
        for region, year, _code, value in wdb.all_values(db, [old.code], before_year):
            series.setdefault(region, {})[year] = value
    return core.indicator_trial(old, new, series, progress, cancelled)


def try_rules(services: Services, text: str, before_year: int | None = None,
              progress=None, cancelled=None) -> TrialResult:
    """What proposed rules text would flag in the stored region-years (years before `before_year` when
    given), beside the rules in force. `examined` counts region-years. Writes nothing.

    Raises RuleFileError (line and reason) for text that does not parse.
    """
    proposed = parse_rules(services, text)
    try:
        current = parse_rules(services, rules_text(services))
    except AppError:
        current = core.empty_rules()  # the rules in force no longer parse: nothing flags under them
    by_ry: dict[tuple[str, int], dict[str, float]] = {}
    with services.store.reading() as db:
        for region, year, code, value in wdb.all_values(db, None, before_year):
            by_ry.setdefault((region, year), {})[code] = value
    return core.rules_trial(services.indicators(include_hidden=True), current, proposed, by_ry, progress, cancelled)
