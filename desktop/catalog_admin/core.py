"""Catalog and rule editing decided over plain values: no store, no services, no I/O.

An indicator checked and normalised against the others (`checked`), the fields an edit changes, where a new
indicator goes in the order, the refusal of a change an approved year's reports would show, and the trials of a
proposed setting or rules text over given values (`indicator_trial`, `rules_trial`), which run the validation
engine itself so that a trial counts exactly what validation would say. `desktop.catalog_admin.service` reads
the store, calls these, and writes through `Services.write()`.
"""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

from desktop import catalog as catalog_res
from desktop.aggregate.core import AggregationError, parse_method
from desktop.domain import CATALOG_FIELD_NAMES, KINDS, Indicator
from desktop.domain import next_version as _next_version
from desktop.errors import AppError
from desktop.numbers import normalize_text
from desktop.phrases import Phrase, Word, enumeration, reason_of
from desktop.validation.engine import validate_values
from desktop.validation.rules import RuleSet

CODE_RE = re.compile(r"^[A-Z][A-Z0-9_]{1,63}$")
EDITABLE = ("code", "section", "name", "unit", "kind", "decimals", "min", "max", "direction", "yoy_warn",
            "definition", "aliases", "sort_order", "aggregation")
FIELD_NAMES = CATALOG_FIELD_NAMES
MAX_DECIMALS = 6
# what an approved or accepted year's reports show of an indicator: its figures (unit, decimals, kind) and
# whether its row is there (hidden). Changing them would change a report after it was approved.
KEPT_BY_APPROVAL = ("unit", "decimals", "kind", "hidden")


class CatalogEditError(AppError):
    """A catalog change that cannot be saved: names the indicator, the field and why. Nothing is written."""


def next_version(version: str) -> str:
    """'2026.1' → '2026.2'; a version without a trailing number gets '.1'."""
    return _next_version(version, catalog_res.CATALOG_VERSION)


# ---- checking an indicator ---------------------------------------------------------------------------

def _field(field: str) -> Word:
    return Word("catalog_field", field, FIELD_NAMES.get(field, field))


def _num(value, ind_code: str, field: str) -> float | None:
    if value is None or (isinstance(value, str) and value.strip() in ("", "—", "-")):
        return None
    try:
        x = float(str(value).strip()) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise CatalogEditError(Phrase("指标 {code} 的{field}应为数字：{value}", code=ind_code, field=_field(field),
                                      value=repr(value))) from None
    if not math.isfinite(x):
        raise CatalogEditError(Phrase("指标 {code} 的{field}应为有限的数字：{value}", code=ind_code, field=_field(field),
                                      value=repr(value)))
    return x


def _int(value, ind_code: str, field: str) -> int:
    x = _num(value, ind_code, field)
    if x is None or x != int(x):
        raise CatalogEditError(Phrase("指标 {code} 的{field}应为整数：{value}", code=ind_code, field=_field(field),
                                      value=repr(value)))
    return int(x)


def checked(ind: Indicator, others: list[Indicator], own: str | None = None) -> Indicator:
    """The indicator with its fields normalised, or CatalogEditError naming what is wrong.
    `own`: the indicator's code before an edit (its own names do not count as taken)."""
    code = (ind.code or "").strip().upper()
    if not CODE_RE.match(code):
        raise CatalogEditError(Phrase("指标代码无效：{code}（大写字母开头，只含大写字母、数字和下划线，2–64个字符）",
                                      code=repr(ind.code)))
    name = (ind.name or "").strip()
    if not name:
        raise CatalogEditError(Phrase("指标 {code} 的名称不能为空", code=code))
    unit = (ind.unit or "").strip()
    section = (ind.section or "").strip()
    if not section:
        raise CatalogEditError(Phrase("指标 {code} 的分类不能为空", code=code))
    kind = (ind.kind or "").strip()
    if kind not in KINDS:
        raise CatalogEditError(Phrase("指标 {code} 的类型无效：{kind}（应为 {kinds} 之一）", code=code, kind=repr(ind.kind),
                                      kinds=enumeration(KINDS)))
    decimals = _int(ind.decimals, code, "decimals")
    if not 0 <= decimals <= MAX_DECIMALS:
        raise CatalogEditError(Phrase("指标 {code} 的小数位数应在0–{most}之间：{decimals}", code=code,
                                      most=str(MAX_DECIMALS), decimals=str(decimals)))
    mn, mx = _num(ind.min, code, "min"), _num(ind.max, code, "max")
    if mn is not None and mx is not None and mn > mx:
        raise CatalogEditError(Phrase("指标 {code} 的下限 {min} 大于上限 {max}", code=code, min=f"{mn:g}", max=f"{mx:g}"))
    direction = _int(ind.direction, code, "direction")
    if direction not in (-1, 0, 1):
        raise CatalogEditError(Phrase("指标 {code} 的方向应为 1（越高越好）、-1（越低越好）或 0：{direction}", code=code,
                                      direction=str(direction)))
    yoy = _num(ind.yoy_warn, code, "yoy_warn")
    if yoy is not None and yoy <= 0:
        raise CatalogEditError(Phrase("指标 {code} 的同比阈值应大于0（不设请留空）：{yoy}", code=code, yoy=f"{yoy:g}"))
    aliases = tuple(dict.fromkeys(a.strip() for a in ind.aliases if a and a.strip() and a.strip() != name))
    for a in aliases:
        if "|" in a:
            raise CatalogEditError(Phrase("指标 {code} 的别名不能含“|”：{alias}", code=code, alias=repr(a)))
    # a name or alias must find exactly this indicator: imports and extraction look indicators up by name
    others = [o for o in others if o.code not in (code, own)]
    taken = {}
    for other in others:
        for n in (other.name, *other.aliases):
            taken[normalize_text(n)] = other
    for n in (name, *aliases):
        hit = taken.get(normalize_text(n))
        if hit is not None:
            raise CatalogEditError(Phrase("指标 {code} 的名称或别名“{name}”已被指标 {other}（{other_name}）使用", code=code,
                                          name=n, other=hit.code, other_name=hit.name))
        if normalize_text(n).upper() in {o.code for o in others}:
            raise CatalogEditError(Phrase("指标 {code} 的名称或别名“{name}”与另一个指标的代码相同", code=code, name=n))
    aggregation = _aggregation(ind, code, [o.code for o in others])
    return dataclasses.replace(ind, code=code, name=name, unit=unit, section=section, kind=kind,
                               decimals=decimals, min=mn, max=mx, direction=direction, yoy_warn=yoy,
                               definition=(ind.definition or "").strip(), aliases=aliases,
                               sort_order=int(ind.sort_order), aggregation=aggregation)


def _aggregation(ind: Indicator, code: str, other_codes: list[str]) -> str:
    """The aggregation text normalised ('ratio: A / (B * 10)'), or CatalogEditError naming what is wrong."""
    try:
        return parse_method(ind.aggregation, code, [*other_codes, code]).text
    except AggregationError as exc:
        raise CatalogEditError(reason_of(exc)) from None


def as_json(ind: Indicator, fields=None) -> dict:
    """The indicator's fields (all, or `fields`) as the audit row of a catalog change holds them."""
    d = dataclasses.asdict(ind)
    d["aliases"] = list(ind.aliases)
    return {k: d[k] for k in (fields or d)}


def split_aliases(fields: dict) -> dict:
    """`aliases` given as one text 'a|b' made a tuple (in place); the fields returned."""
    if isinstance(fields.get("aliases"), str):
        fields["aliases"] = tuple(a for a in fields["aliases"].split("|") if a.strip())
    return fields


def indicator_from_fields(given: dict) -> Indicator:
    """A new indicator from a dict of fields (the command line's, a form's), with the defaults of a new one.
    Raises CatalogEditError naming the fields a new indicator must have."""
    fields = split_aliases({k: v for k, v in given.items() if k in EDITABLE or k == "hidden"})
    fields.setdefault("decimals", 2)
    fields.setdefault("direction", 0)
    missing = [_field(k) for k in ("code", "section", "name", "unit", "kind") if k not in fields]
    if missing:
        raise CatalogEditError(Phrase("新指标缺少：{fields}", fields=enumeration(missing)))
    fields.setdefault("min", None)
    fields.setdefault("max", None)
    fields.setdefault("yoy_warn", None)
    return Indicator(**fields)


def placed(indicator: Indicator, existing: list[Indicator]) -> tuple[int, list[Indicator]]:
    """Where a new indicator goes (its own `sort_order`, else after the last of its section, else at the end)
    and the existing indicators moved one place down to make room (only their order changes)."""
    order = indicator.sort_order
    if not order:
        in_section = [i.sort_order for i in existing if i.section == (indicator.section or "").strip()]
        order = (max(in_section) if in_section else max([i.sort_order for i in existing], default=-1)) + 1
    moved = [dataclasses.replace(i, sort_order=i.sort_order + 1) for i in existing if i.sort_order >= order]
    return order, moved


def changed_fields(old: Indicator, new: Indicator) -> list[str]:
    return [f for f in (*EDITABLE, "hidden") if getattr(old, f) != getattr(new, f)]


def approval_refusal(old: Indicator, changed: Iterable[str], uses: list[tuple[str, int]],
                     region_names: Mapping[str, str]) -> CatalogEditError | None:
    """The refusal of a change to what an approved year's reports show (KEPT_BY_APPROVAL), when the indicator
    has values in approved or accepted region-years (`uses`: (region, year), in order); None otherwise."""
    kept = [f for f in changed if f in KEPT_BY_APPROVAL]
    if not kept or not uses:
        return None
    shown = enumeration(Phrase("{region} {year}年", region=region_names.get(r, r), year=y) for r, y in uses[:3])
    more = Phrase(" 等 {n} 个", n=str(len(uses))) if len(uses) > 3 else ""
    return CatalogEditError(Phrase(
        "指标 {code}（{name}）在已审核的年度中有数值（{shown}{more}），不能修改{fields}：已审核的报表须保持审核时的样子。"
        "请先由审核人重新打开这些年度，或新增一个指标代替它", code=old.code, name=old.name, shown=shown, more=more,
        fields=enumeration(_field(f) for f in kept)))


def kept_by_approval(changed: Iterable[str]) -> bool:
    return any(f in KEPT_BY_APPROVAL for f in changed)


@dataclass(frozen=True)
class RuleProblem:
    """Where the rules text is wrong, for showing inline: 1-based line (0: the whole text) and why."""

    line: int
    reason: str
    message: str


# ---- trying a change against history ------------------------------------------------------------------
# Both trials run the validation engine itself (desktop.validation.engine.validate_values) on the given values,
# so what a trial counts is exactly what validation would have said.

THRESHOLD_RULES = ("format", "range", "yoy", "history")


@dataclass(frozen=True)
class Flag:
    region: str
    year: int
    indicator: str
    rule: str
    message: str

    @property
    def key(self) -> tuple:
        # a logic finding is told apart by its message (several rules may file under one indicator)
        return (self.region, self.year, self.indicator, self.rule, self.message if self.rule == "logic" else "")


@dataclass(frozen=True)
class TrialResult:
    """What the current and the proposed settings flag among stored values (`examined` of them)."""

    examined: int
    current: tuple[Flag, ...]
    proposed: tuple[Flag, ...]
    unit: str = "个数值"  # what `examined` counts

    @property
    def newly_flagged(self) -> list[Flag]:
        now = {f.key for f in self.current}
        return [f for f in self.proposed if f.key not in now]

    @property
    def no_longer_flagged(self) -> list[Flag]:
        new = {f.key for f in self.proposed}
        return [f for f in self.current if f.key not in new]

    def summary(self) -> str:
        return (f"历史数据 {self.examined} {self.unit}中，现行设置标记 {len(self.current)} 处，"
                f"新设置将标记 {len(self.proposed)} 处（新增 {len(self.newly_flagged)} 处，"
                f"不再标记 {len(self.no_longer_flagged)} 处）")


def empty_rules() -> RuleSet:
    return RuleSet("（试算）", ())


def threshold_flags(ind: Indicator, series: dict[str, dict[int, float]], cancelled=None) -> list[Flag]:
    """Format, range, year-on-year and history findings for one indicator over {region: {year: value}},
    each value judged against the region's earlier years as validation judges it."""
    rules = empty_rules()
    out = []
    for region, by_year in sorted(series.items()):
        if cancelled is not None and cancelled():
            break
        for year, value in sorted(by_year.items()):
            findings = validate_values([ind], rules, {ind.code: value}, {ind.code: by_year}, None, year)
            out += [Flag(region, year, ind.code, f.rule, f.message) for f in findings if f.rule in THRESHOLD_RULES]
    return out


def indicator_trial(old: Indicator, new: Indicator, series: dict[str, dict[int, float]],
                    progress: Callable[[int, int], None] | None = None, cancelled=None) -> TrialResult:
    """What the settings `new` flag among the values {region: {year: value}} of one indicator, beside `old`."""
    examined = sum(len(v) for v in series.values())
    current = threshold_flags(old, series, cancelled)
    if progress is not None:
        progress(1, 2)
    proposed = threshold_flags(new, series, cancelled)
    if progress is not None:
        progress(2, 2)
    return TrialResult(examined, tuple(current), tuple(proposed))


def rule_flags(inds: list[Indicator], ruleset, values_by_region_year: dict[tuple[str, int], dict[str, float]],
               progress=None, cancelled=None) -> list[Flag]:
    """The logic findings of `ruleset` in each region-year (a rule with an operand without a value is not
    applied, as in validation)."""
    named = {c for rule in ruleset for c in rule.codes}
    inds = [i for i in inds if i.code in named]  # only what the rules read: the rest cannot change a logic finding
    out = []
    items = sorted(values_by_region_year.items())
    for n, ((region, year), values) in enumerate(items, start=1):
        if cancelled is not None and cancelled():
            break
        findings = validate_values(inds, ruleset, {c: v for c, v in values.items() if c in named}, {}, None, year)
        out += [Flag(region, year, f.indicator, f.rule, f.message) for f in findings if f.rule == "logic"]
        if progress is not None:
            progress(n, len(items))
    return out


def rules_trial(inds: list[Indicator], current: RuleSet, proposed: RuleSet,
                by_ry: dict[tuple[str, int], dict[str, float]], progress=None, cancelled=None) -> TrialResult:
    """What the rules `proposed` flag in the region-years `by_ry` ({(region, year): {code: value}}) beside the
    rules `current`. A rule in both texts flags the same region-years under both: it is evaluated once."""
    def key(rule):
        return (rule.source, rule.severity, rule.message)

    cur_keys, new_keys = {key(r) for r in current}, {key(r) for r in proposed}
    common = RuleSet("（试算）", tuple(r for r in proposed if key(r) in cur_keys))
    only_cur = RuleSet("（试算）", tuple(r for r in current if key(r) not in new_keys))
    only_new = RuleSet("（试算）", tuple(r for r in proposed if key(r) not in cur_keys))
    flags = [_unchanged_rule_flags(common, by_ry, cancelled)]
    for i, rs in enumerate((only_cur, only_new)):
        step = None if progress is None else (lambda d, t, i=i: progress(i * t + d, 2 * t))
        flags.append(rule_flags(inds, rs, by_ry, step, cancelled) if len(rs) else [])
    return TrialResult(len(by_ry), tuple(flags[0] + flags[1]), tuple(flags[0] + flags[2]), "个地区年度")


def _unchanged_rule_flags(ruleset, values_by_region_year, cancelled=None) -> list[Flag]:
    """Flags of rules that are the same in both texts: counted, never listed as a change, so they get a short
    message. The test is the engine's own (Comparison.sides / holds on the stored, finite values)."""
    out = []
    for (region, year), values in sorted(values_by_region_year.items()):
        if cancelled is not None and cancelled():
            break
        for rule in ruleset:
            sides = rule.condition.sides(values)
            if sides is not None and not rule.condition.holds(*sides):
                out.append(Flag(region, year, rule.indicator, "logic", rule.message or rule.source))
    return out
