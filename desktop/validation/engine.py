"""The validation core over plain dicts, and the store-facing calls built on it (see the package docstring)."""

from __future__ import annotations

import math
from typing import Iterable, Mapping

from desktop.domain import RULES, SEVERITIES, Finding, Indicator, plain_number
from desktop.expr import Code
from desktop.phrases import Phrase
from desktop.validation.notes import explains
from desktop.validation.rules import RuleSet, default_rules

SLIP_TOLERANCE = 0.15  # a ratio within ±15 % of 10^k (k = ±1..±4) is a suspected slip
SLIP_POWERS = (1, 2, 3, 4)
Z_LIMIT = 3.0
HISTORY_MIN_YEARS = 3
DEFAULT_POINTS = 2.0  # without yoy_warn, the history rule's minimum change is half of these…
DEFAULT_PERCENT = 10.0  # …or of this share of the earlier mean
_EPS = 1e-9

_SEV_ORDER = {s: i for i, s in enumerate(SEVERITIES)}
_RULE_ORDER = {r: i for i, r in enumerate(RULES)}


# ---- formatting for messages ---------------------------------------------------------------------
def _num(x: float) -> str:
    """A threshold or percentage: at most one decimal, no trailing zeros (50, 46.4, 2.5)."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _calc(x: float) -> str:
    """A computed value: two decimals without trailing zeros."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _years_text(years: list[int]) -> Phrase:
    if len(years) == 1:
        return Phrase("{year}年", year=years[0])
    if len(years) == 2 and years[1] - years[0] != 1:
        return Phrase("{a}、{b}年", a=years[0], b=years[1])
    if len(years) == 3 and years[2] - years[0] != 2:
        return Phrase("{a}、{b}、{c}年", a=years[0], b=years[1], c=years[2])
    return Phrase("{first}—{last}年", first=years[0], last=years[-1])


# ---- single-indicator rules -----------------------------------------------------------------------
def _format_problem(ind: Indicator, value) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return Phrase("不是数字（{value}）", value=repr(value))
    if not math.isfinite(value):
        return Phrase("不是有限的数")
    if ind.decimals == 0 and value != round(value):
        return Phrase("应为整数，却是{value}（该指标不保留小数）", value=plain_number(value))
    return None


def _range_problem(ind: Indicator, value: float) -> str | None:
    lo, hi = ind.min, ind.max
    if (lo is not None and value < lo - _EPS) or (hi is not None and value > hi + _EPS):
        lo_t = "−∞" if lo is None else _calc(lo)
        hi_t = "+∞" if hi is None else _calc(hi)
        if lo is not None and value < lo:
            return Phrase("{value}{unit}超出取值范围[{lo}, {hi}]（低于下限）", value=ind.format(value), unit=ind.unit,
                          lo=lo_t, hi=hi_t)
        return Phrase("{value}{unit}超出取值范围[{lo}, {hi}]（高于上限）", value=ind.format(value), unit=ind.unit,
                      lo=lo_t, hi=hi_t)
    return None


def _fraction_for_percent(ind: Indicator, value: float, past: Mapping[int, float] | None) -> Finding | None:
    """A percentage typed as a fraction (0.72 for 72 %) when no earlier year is stored: it is in range, and
    with an earlier year the year-on-year slip hint (约1/100 … 百分数) already says it."""
    if ind.kind != "rate" or ind.unit != "%" or not (0 < value <= 1):
        return None
    if any(v is not None for v in (past or {}).values()):
        return None
    return Finding(ind.code, "warning", "range",
                   Phrase("{value}{unit}像是把百分数写成了小数（{fraction} 即 {percent}%）；百分比请填 {percent}。"
                          "如确为 {value}%，请在说明中写明", value=ind.format(value), unit=ind.unit,
                          fraction=_calc(value), percent=_calc(value * 100)),
                   value, None, None)


def _slip(ind: Indicator, value: float, prior: float) -> tuple[int, float] | None:
    if value == 0 or prior == 0 or (value > 0) != (prior > 0):
        return None
    ratio = value / prior
    if not math.isfinite(ratio) or ratio <= 0:  # 1e308 / 5e-324 overflows; the reverse underflows to 0
        return None
    k = round(math.log10(ratio))
    if abs(k) not in SLIP_POWERS:
        return None
    if abs(ratio / 10.0 ** k - 1) > SLIP_TOLERANCE:
        return None
    return k, ratio


def _slip_hint(ind: Indicator, k: int) -> Phrase | str:
    unit = ind.unit or ""
    if abs(k) == 4 and unit.startswith("万") and len(unit) > 1:
        return Phrase("（如按“{used}”而非“{unit}”填报）", used=unit[1:], unit=unit) if k > 0 else ""
    if k == -4 and unit and not unit.startswith("万") and unit not in ("%", "‰"):
        return Phrase("（如按“{used}”而非“{unit}”填报）", used="万" + unit, unit=unit)
    if k == -2 and unit == "%":
        return Phrase("（如按小数而非百分数填报，0.65应写作65）")
    return ""


def _yoy(ind: Indicator, value: float, year: int, earlier: dict[int, float]) -> Finding | None:
    prior_year = max(earlier)
    prior = earlier[prior_year]
    gap = year - prior_year
    since = (Phrase("较{year}年", year=prior_year) if gap == 1 else
             Phrase("较{year}年（间隔{gap}年）", year=prior_year, gap=gap))
    pair = Phrase("（{prior}→{value}）", prior=ind.format(prior), value=ind.format(value))
    slip = _slip(ind, value, prior)
    if slip:
        k, _ = slip
        times = Phrase("约{n}倍", n=10 ** k) if k > 0 else Phrase("约1/{n}", n=10 ** -k)
        return Finding(ind.code, "warning", "yoy",
                       Phrase("{since}变为原来的{times}{pair}，疑似小数点错位或单位错误{hint}", since=since, times=times,
                              pair=pair, hint=_slip_hint(ind, k)),
                       value, prior, prior_year)
    t = ind.yoy_warn
    if t is None or t < 0:
        return None
    if ind.threshold_in_points:
        diff = value - prior
        limit = gap * t
        if abs(diff) <= limit + _EPS:
            return None
        over = (Phrase("超过阈值{t}个百分点", t=_num(t)) if gap == 1 else
                Phrase("超过阈值（每年{t}个百分点，阈值按间隔放宽为{limit}个百分点）", t=_num(t), limit=_num(limit)))
        message = Phrase("{since}上升{diff}个百分点{pair}，{over}" if diff > 0 else "{since}下降{diff}个百分点{pair}，{over}",
                         since=since, diff=f"{abs(diff):.{max(ind.decimals, 1)}f}", pair=pair, over=over)
        return Finding(ind.code, "warning", "yoy", message, value, prior, prior_year)
    if prior == 0:
        return None  # no percentage change from zero; completeness and range speak for such values
    change = (value - prior) / abs(prior) * 100
    limit = ((1 + t / 100) ** gap - 1) * 100
    if abs(change) <= limit + _EPS:
        return None
    over = (Phrase("超过阈值{t}%", t=_num(t)) if gap == 1 else
            Phrase("超过阈值（每年{t}%，阈值按间隔放宽为{limit}%）", t=_num(t), limit=_num(limit)))
    message = Phrase("{since}增长{change}%{pair}，{over}" if change > 0 else "{since}下降{change}%{pair}，{over}",
                     since=since, change=f"{abs(change):.1f}", pair=pair, over=over)
    return Finding(ind.code, "warning", "yoy", message, value, prior, prior_year)


def history_min_change(ind: Indicator, mean: float) -> float:
    """The smallest departure from the earlier mean the history rule speaks of (see the package docstring)."""
    floor = 10 * 10.0 ** (-ind.decimals)
    if ind.threshold_in_points:
        t = ind.yoy_warn if ind.yoy_warn is not None else DEFAULT_POINTS
        return max(floor, t / 2)
    t = ind.yoy_warn if ind.yoy_warn is not None else DEFAULT_PERCENT
    return max(floor, abs(mean) * t / 100 / 2)


def _history(ind: Indicator, value: float, earlier: dict[int, float]) -> Finding | None:
    if len(earlier) < HISTORY_MIN_YEARS:
        return None
    years = sorted(earlier)
    xs = [earlier[y] for y in years]
    n = len(xs)
    mean = sum(xs) / n
    sd = math.sqrt(sum((x - mean) * (x - mean) for x in xs) / (n - 1))  # ** 2 raises OverflowError near 1e308
    if not (math.isfinite(mean) and math.isfinite(sd)):
        return None  # figures at the limit of floating point: no meaningful mean or deviation
    dev = value - mean
    min_change = history_min_change(ind, mean)
    if abs(dev) <= min_change + _EPS:
        return None
    span = _years_text(years)
    if sd <= _EPS * max(1.0, abs(mean)):
        msg = Phrase("此前{span}的{n}个年度值均为{mean}，本年为{value}，偏离{dev}{unit}，超出历史波动范围", span=span, n=n,
                     mean=ind.format(mean), value=ind.format(value), dev=_calc(abs(dev)), unit=ind.unit)
        return Finding(ind.code, "warning", "history", msg, value, mean, None)
    z = dev / sd
    if abs(z) <= Z_LIMIT:
        return None
    msg = Phrase("与此前{span}的{n}个年度值相比异常：本年{value}，此前均值{mean}、标准差{sd}，偏离{z}个标准差（超过{limit}个）",
                 span=span, n=n, value=ind.format(value), mean=_calc(mean), sd=_calc(sd), z=f"{abs(z):.1f}",
                 limit=_num(Z_LIMIT))
    return Finding(ind.code, "warning", "history", msg, value, mean, None)


def _target(ind: Indicator, value: float, target: float, year: int) -> Finding | None:
    v, t = round(value, ind.decimals), round(target, ind.decimals)
    if ind.direction == 1 and v < t:
        msg = Phrase("未达到目标：目标为不低于{target}，本年{value}，相差{gap}", target=ind.format(target),
                     value=ind.format(value), gap=ind.format(t - v))
    elif ind.direction == -1 and v > t:
        msg = Phrase("未达到目标：目标为不高于{target}，本年{value}，超出{gap}", target=ind.format(target),
                     value=ind.format(value), gap=ind.format(v - t))
    else:
        return None
    return Finding(ind.code, "info", "target", msg, value, target, year)


# ---- logical rules -----------------------------------------------------------------------------------
def _side_text(node, a: float, by_code: Mapping[str, Indicator], computed: str = "计算值") -> Phrase:
    if isinstance(node, Code) and node.code in by_code:
        ind = by_code[node.code]
        return Phrase("{name}为{value}", name=ind.name, value=ind.format(a))
    if computed == "右边":
        return Phrase("右边为{value}", value=_calc(a))
    return Phrase("计算值为{value}", value=_calc(a))


def _logic(rule, nums: Mapping[str, float], by_code: Mapping[str, Indicator]) -> Finding | None:
    sides = rule.condition.sides(nums)
    if sides is None:
        return None
    a, b = sides
    cond = rule.condition
    if cond.holds(a, b):
        return None
    names = {c: by_code[c].name if c in by_code else c for c in cond.codes()}
    involved = "、".join(
        f"{names[c]}{by_code[c].format(nums[c]) if c in by_code else _calc(nums[c])}" for c in cond.codes())
    if cond.op == "~=":
        off = abs(a - b) / abs(b) * 100 if b else float("inf")
        detail = Phrase("{left}，按{expression}计算为{b}，相差{off}%，超过允许的{tolerance}%",
                        left=_side_text(cond.left, a, by_code), expression=cond.right.render(names), b=_calc(b),
                        off=_num(off), tolerance=_num(cond.tolerance * 100))
    else:
        detail = Phrase("应满足 {condition}，但{left}，{right}", condition=cond.render(names),
                        left=_side_text(cond.left, a, by_code), right=_side_text(cond.right, b, by_code, "右边"))
    plain = isinstance(cond.left, Code) and isinstance(cond.right, Code)
    tail = "" if plain else Phrase("（涉及：{involved}）", involved=involved)
    # the rule's own message is the rules file's words (data), said as written
    message = Phrase("{lead}：{detail}{tail}", lead=rule.message, detail=detail, tail=tail) if rule.message else \
        Phrase("{detail}{tail}", detail=detail, tail=tail)
    return Finding(rule.indicator, rule.severity, "logic", message, a, b, None)


# ---- the core ------------------------------------------------------------------------------------------
def _catalog_list(catalog) -> list[Indicator]:
    if isinstance(catalog, Mapping):
        return list(catalog.values())
    inds = getattr(catalog, "indicators", catalog)
    return list(inds)


def validate_values(catalog, rules: RuleSet | None, values: Mapping[str, object],
                    history: Mapping[str, Mapping[int, float]], targets: Mapping[str, float] | None,
                    year: int, notes: Mapping[str, str] | None = None, submission: bool = False,
                    absent: Iterable[str] = ()) -> list[Finding]:
    """Validate one region-year given as plain dicts; never touches the store.

    catalog: Indicators (a list, a {code: Indicator} dict or an IndicatorIndex); rules: a RuleSet
    (None: the default rules file); values: {code: number} of this year (None or absent: no value;
    anything not a finite number is a `format` error); history: {code: {year: value}} (years at or
    after `year` are ignored); targets: {code: target}; notes: {code: note}, also for codes without a
    value; absent: codes marked not applicable or not collected this year (desktop.absent), which are not
    missing at submission. Returns Findings sorted errors, warnings, infos, then catalog order.
    """
    inds = _catalog_list(catalog)
    by_code = {i.code: i for i in inds}
    if rules is None:
        rules = default_rules(by_code.keys())
    notes = notes or {}
    targets = targets or {}
    findings: list[Finding] = []
    nums: dict[str, float] = {}
    for ind in inds:
        code = ind.code
        raw = values.get(code)
        if raw is None:
            continue
        problem = _format_problem(ind, raw)
        if problem:
            # a fraction of a whole count is a number the user sees: it travels with the finding (validate --json)
            shown = raw if isinstance(raw, (int, float)) and not isinstance(raw, bool) and math.isfinite(raw) else None
            findings.append(Finding(code, "error", "format", problem, shown, None, None))
            continue
        value = float(raw)
        nums[code] = value
        problem = _range_problem(ind, value)
        if problem:
            findings.append(Finding(code, "error", "range", problem, value, None, None))
        past = history.get(code)
        found = _fraction_for_percent(ind, value, past)
        if found:
            findings.append(found)
        if past:
            earlier = past if max(past) < year else {y: v for y, v in past.items() if y < year}
            if None in earlier.values():
                earlier = {y: v for y, v in earlier.items() if v is not None}
            if earlier:
                for found in (_yoy(ind, value, year, earlier), _history(ind, value, earlier)):
                    if found:
                        findings.append(found)
        target = targets.get(code)
        if target is not None:
            found = _target(ind, value, target, year)
            if found:
                findings.append(found)
    for rule in rules:
        if all(c in nums for c in rule.codes):
            found = _logic(rule, nums, by_code)
            if found:
                findings.append(found)
    if submission:
        absent_codes = frozenset(absent)
        malformed = {f.indicator for f in findings if f.rule == "format"}
        for ind in inds:
            if ind.hidden or ind.code in nums or ind.code in malformed or ind.code in absent_codes:
                continue
            past = history.get(ind.code) or {}
            earlier = [y for y, v in past.items() if y < year and v is not None]
            hint = Phrase("（{year}年为{value}）", year=max(earlier), value=ind.format(past[max(earlier)])) if earlier else ""
            findings.append(Finding(ind.code, "warning", "completeness",
                                    Phrase("本年未填报数值{hint}；如确实无法提供，请在说明中写明原因", hint=hint),
                                    None, past[max(earlier)] if earlier else None,
                                    max(earlier) if earlier else None))
    order = {code: i for i, code in enumerate(by_code)}
    out = []
    for f in findings:
        if f.severity == "warning" and explains(notes.get(f.indicator)):
            f = Finding(f.indicator, f.severity, f.rule, f.message, f.value, f.reference, f.reference_year, True)
        out.append(f)
    out.sort(key=lambda f: (_SEV_ORDER[f.severity], order.get(f.indicator, len(order)), _RULE_ORDER[f.rule]))
    return out


def blocking_findings(findings: Iterable[Finding]) -> list[Finding]:
    """What stops a submission: every error, and every warning without a real explanation."""
    return [f for f in findings if f.severity == "error" or (f.severity == "warning" and not f.cleared)]
