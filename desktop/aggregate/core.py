"""The upstream office's arithmetic over plain data: city and province figures from their counties, the
consistency of an office's own figure with them, ranges fitted to a level, county progress, the county
comparison (ranks, shares, flags, stats). No store, no services, no Qt: every function takes dicts."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Iterable, Mapping

from desktop.domain import METHOD_NAMES, Finding, Indicator
from desktop.expr import ExprError, parse_expression
from desktop.phrases import Phrase, Word, reason_of

METHODS = ("sum", "ratio", "weighted", "none")
# an office's own figure may differ from the one computed from all its counties by this share
LEVEL_TOLERANCE = {"sum": 0.02, "ratio": 0.02, "weighted": 0.05}
# kinds compared between counties by rank; a count (beds, doctors) is compared by its share of the total
RANKED_KINDS = frozenset({"rate", "growth", "permille", "per1000", "per10000", "per100k", "years", "score"})
# the order a status list is read in: what needs the office's action first
ACTION_ORDER = ("empty", "returned", "draft", "submitted", "approved", "accepted")


class AggregationError(ValueError):
    """An aggregation text that does not parse; the message names the indicator and why."""


@dataclass(frozen=True)
class Method:
    """How one indicator's parent value is built: kind sum|ratio|weighted|none; `formula` is the parsed
    expression of a ratio, `weight` the population indicator of a weighted rate."""

    kind: str
    text: str = ""
    formula: object = None
    weight: str | None = None

    def codes(self) -> tuple[str, ...]:
        if self.kind == "ratio":
            return tuple(dict.fromkeys(self.formula.codes()))
        if self.kind == "weighted":
            return (self.weight,)
        return ()


def parse_method(text: str | None, code: str = "", known_codes: Iterable[str] | None = None) -> Method:
    """'sum', 'none', 'weighted: POP_RESIDENT' or 'ratio: HOSPITAL_BEDS / (POP_RESIDENT * 10)' (empty: none).

    Raises AggregationError naming the indicator, the method and what is wrong."""
    raw = (text or "").strip()
    known = None if known_codes is None else frozenset(known_codes)
    head, _, rest = raw.partition(":")
    if not _:
        head, rest = raw, ""
    kind = head.strip().lower() or "none"
    rest = rest.strip()
    who = Phrase("指标 {code} 的汇总方式", code=code) if code else Phrase("汇总方式")
    if kind not in METHODS:
        raise AggregationError(Phrase("{who}无效：{raw}（应为 sum、none、weighted: 人口指标代码 或 ratio: 计算式）", who=who,
                                      raw=repr(raw)))
    if kind in ("sum", "none"):
        if rest:
            raise AggregationError(Phrase("{who} {kind} 后面不应再有内容：{raw}", who=who, kind=kind, raw=repr(raw)))
        return Method(kind, kind)
    if not rest:
        need = Phrase("人口指标代码，如 weighted: POP_RESIDENT" if kind == "weighted" else
                      "计算式，如 ratio: HOSPITAL_BEDS / (POP_RESIDENT * 10)")
        raise AggregationError(Phrase("{who} {kind} 缺少{need}", who=who, kind=kind, need=need))
    if kind == "weighted":
        weight = rest.upper()
        if not weight.replace("_", "").isalnum() or not weight[0].isalpha():
            raise AggregationError(Phrase("{who}的权重应为一个指标代码：{rest}", who=who, rest=repr(rest)))
        if known is not None and weight not in known:
            raise AggregationError(Phrase("{who}的权重指标不存在：{weight}", who=who, weight=weight))
        if weight == code:
            raise AggregationError(Phrase("{who}不能以自身为权重", who=who))
        return Method("weighted", f"weighted: {weight}", weight=weight)
    try:
        formula = parse_expression(rest, known)
    except ExprError as exc:
        raise AggregationError(Phrase("{who}的计算式有误（{rest}）：{reason}", who=who, rest=rest,
                                      reason=reason_of(exc))) from None
    if not formula.codes():
        raise AggregationError(Phrase("{who}的计算式没有用到任何指标：{rest}", who=who, rest=repr(rest)))
    if code and code in formula.codes():
        raise AggregationError(Phrase("{who}的计算式不能用到自身：{rest}", who=who, rest=repr(rest)))
    return Method("ratio", f"ratio: {rest}", formula=formula)


def methods_of(indicators: Iterable[Indicator]) -> dict[str, Method]:
    """{code: Method} for a catalog; an indicator whose text does not parse raises AggregationError."""
    inds = list(indicators)
    codes = [i.code for i in inds]
    return {i.code: parse_method(i.aggregation, i.code, codes) for i in inds}


# ---- computing a parent's figures ------------------------------------------------------------------------

@dataclass(frozen=True)
class Computed:
    """One indicator of a city or the province: the value computed from its counties (None when none
    contributed or the method is none), how many counties contributed of how many, the office's own figure."""

    code: str
    method: str
    value: float | None
    reported: int
    of: int
    own: float | None = None

    @property
    def partial(self) -> bool:
        """A computed value from fewer than all the counties (an office's own figure is never partial)."""
        return self.method != "none" and self.value is not None and 0 < self.reported < self.of

    @property
    def shown(self) -> float | None:
        """What a reader takes as the parent's figure: the computed one, else the office's own."""
        return self.value if self.value is not None else self.own

    def as_json(self) -> dict:
        return {"value": self.value, "method": self.method, "reported": self.reported, "of": self.of,
                "own": self.own}


def _finite(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and x == x and x not in (float("inf"), float("-inf"))


def aggregate(indicators: Iterable[Indicator], children: list[str], values: Mapping[str, Mapping[str, float]],
              own: Mapping[str, float] | None = None, methods: Mapping[str, Method] | None = None,
              exclude: Mapping[str, Iterable[str]] | None = None) -> dict[str, Computed]:
    """Each indicator's parent value from the children's values ({child: {code: value}}).

    sum: the sum over the children that reported it. weighted: Σ value·weight / Σ weight over the children
    that reported both. ratio: the formula evaluated on the sums of its codes, each summed over the children
    that reported every code of it. none: no value (only `own` counts). `exclude` {code: children} leaves out
    values that failed validation. A value that is not a finite number is left out too.
    """
    inds = list(indicators)
    methods = methods or methods_of(inds)
    own = own or {}
    exclude = {k: set(v) for k, v in (exclude or {}).items()}
    n = len(children)

    def val(child: str, code: str):
        v = values.get(child, {}).get(code)
        if not _finite(v) or child in exclude.get(code, ()):
            return None
        return float(v)

    out: dict[str, Computed] = {}
    for ind in inds:
        m = methods[ind.code]
        mine = own.get(ind.code)
        mine = float(mine) if _finite(mine) else None
        value: float | None = None
        if m.kind == "sum":
            got = [v for v in (val(c, ind.code) for c in children) if v is not None]
            reported = len(got)
            value = sum(got) if got else None
        elif m.kind == "weighted":
            pairs = [(val(c, ind.code), val(c, m.weight)) for c in children]
            pairs = [(v, w) for v, w in pairs if v is not None and w is not None and w > 0]
            reported = len(pairs)
            total = sum(w for _, w in pairs)
            value = sum(v * w for v, w in pairs) / total if pairs and total > 0 else None
        elif m.kind == "ratio":
            codes = m.codes()
            rows = []
            for c in children:
                got = {k: val(c, k) for k in codes}
                if all(v is not None for v in got.values()):
                    rows.append(got)
            reported = len(rows)
            if rows:
                sums = {k: sum(r[k] for r in rows) for k in codes}
                value = m.formula.eval(sums)
                value = value if _finite(value) else None
        else:
            reported = sum(1 for c in children if val(c, ind.code) is not None)
        if value is not None:  # a sum of figures with d decimals has d decimals (no 926.4199999999998)
            value = round(value, ind.decimals if m.kind == "sum" else ind.decimals + 4)
        out[ind.code] = Computed(ind.code, m.kind, value, reported, n, mine)
    return out


def level_findings(indicators: Iterable[Indicator], computed: Mapping[str, Computed],
                   region_name: str = "") -> list[Finding]:
    """Where an office typed its own figure and all its counties reported, a disagreement with the figure
    computed from them beyond LEVEL_TOLERANCE is a warning (rule `level`), cleared like others by a note."""
    out = []
    for ind in indicators:
        c = computed.get(ind.code)
        if c is None or c.own is None or c.value is None or c.method not in LEVEL_TOLERANCE or c.reported < c.of:
            continue
        tol = LEVEL_TOLERANCE[c.method]
        off = abs(c.own - c.value)
        if off <= tol * abs(c.value) + 0.5 * 10.0 ** (-ind.decimals):
            continue
        share = off / abs(c.value) * 100 if c.value else float("inf")
        parts = dict(own=ind.format(c.own), unit=ind.unit, method=Word("method", c.method, METHOD_NAMES[c.method]),
                     value=ind.format(c.value), reported=c.reported, of=c.of, share=f"{share:.1f}", tolerance=f"{tol * 100:g}")
        msg = (Phrase("{region}本级填报{own}{unit}，各县（市、区）汇总（{method}）为{value}{unit}（{reported}/{of}），"
                      "相差{share}%，超过允许的{tolerance}%", region=region_name, **parts) if region_name else
               Phrase("本级填报{own}{unit}，各县（市、区）汇总（{method}）为{value}{unit}（{reported}/{of}），"
                      "相差{share}%，超过允许的{tolerance}%", **parts))
        out.append(Finding(ind.code, "warning", "level", msg, c.own, c.value, None))
    return out


# ---- ranges fitted to a level ----------------------------------------------------------------------------

def scaled_for_level(indicators: Iterable[Indicator], counties: int) -> list[Indicator]:
    """The catalog as it applies to a region of `counties` counties: a count's range is a county's, so its
    bounds grow with the number of counties (246000 beds is a province's figure); rates, ratios and figures
    per head keep their range at every level (56.09 beds per 1000 is wrong anywhere)."""
    k = max(int(counties), 1)
    if k == 1:
        return list(indicators)
    return [dataclasses.replace(i, max=i.max * k if i.max is not None and i.max > 0 else i.max,
                                min=i.min * k if i.min is not None and i.min < 0 else i.min)
            if i.kind == "count" else i for i in indicators]


# ---- progress of the counties ------------------------------------------------------------------------------

def effective_status(status: str | None, values: int) -> str:
    """A county's status as the office reads it: `empty` when it has no value at all and is still a draft."""
    status = status or "draft"
    return "empty" if values == 0 and status == "draft" else status


def summary(statuses: Iterable[str]) -> dict[str, int]:
    """{draft, submitted, returned, approved, accepted, empty: n}; a status not known here gets its own key."""
    out = {s: 0 for s in ("draft", "submitted", "returned", "approved", "accepted", "empty")}
    for s in statuses:
        out[s] = out.get(s, 0) + 1
    return out


def action_key(status: str, errors: int = 0, unexplained: int = 0, code: str = "") -> tuple:
    """Sort key: what needs action first (ACTION_ORDER; an unknown status after them), errors before warnings."""
    rank = ACTION_ORDER.index(status) if status in ACTION_ORDER else len(ACTION_ORDER)
    return rank, -errors, -unexplained, code


# ---- the county comparison ----------------------------------------------------------------------------------

def comparable(ind: Indicator) -> bool:
    """Counties are ranked on rates, ratios, figures per head, growth, years and scores with a direction;
    a raw count (beds, doctors, places) only says how big a county is."""
    return ind.kind in RANKED_KINDS and ind.direction != 0


def ranks(values: Mapping[str, float], direction: int) -> dict[str, int]:
    """Competition ranks (1, 1, 3), best first by direction, of the values given (the valid ones)."""
    order = sorted(values.values(), reverse=direction > 0)
    first: dict[float, int] = {}
    for i, v in enumerate(order, start=1):
        first.setdefault(v, i)
    return {k: first[v] for k, v in values.items()}


def stats(values: Iterable[float]) -> dict:
    xs = sorted(values)
    if not xs:
        return {"n": 0, "min": None, "median": None, "max": None}
    import statistics  # with fractions and decimal: not needed to open the window

    return {"n": len(xs), "min": xs[0], "median": statistics.median(xs), "max": xs[-1]}


@dataclass(frozen=True)
class Cell:
    value: float | None
    rank: int | None = None
    flag: str | None = None  # error | warning | None
    share: float | None = None  # percent of the counties' total, for a count

    def as_json(self) -> dict:
        share = None if self.share is None else round(self.share, 2)
        return {"value": self.value, "rank": self.rank, "flag": self.flag, "share": share}


def compare_indicator(ind: Indicator, values: Mapping[str, float | None],
                      flags: Mapping[str, str | None]) -> tuple[dict[str, Cell], dict]:
    """The cells of one indicator across counties and its stats (n, min, median, max over the valid values).

    A value flagged `error` gets no rank and counts in neither n nor the stats nor the total."""
    valid = {c: float(v) for c, v in values.items() if _finite(v) and flags.get(c) != "error"}
    ranked = ranks(valid, ind.direction) if comparable(ind) else {}
    total = sum(valid.values()) if ind.kind == "count" else None
    cells = {}
    for c, v in values.items():
        share = None
        if total and c in valid:
            share = valid[c] / total * 100
        cells[c] = Cell(v if _finite(v) else None, ranked.get(c), flags.get(c), share)
    return cells, stats(valid.values())


def worst_flags(findings: Iterable[Finding]) -> dict[str, str]:
    """{indicator: 'error' | 'warning'} from one county's findings: any error, else an unexplained warning."""
    out: dict[str, str] = {}
    for f in findings:
        if f.severity == "error":
            out[f.indicator] = "error"
        elif f.severity == "warning" and not f.cleared and out.get(f.indicator) != "error":
            out[f.indicator] = "warning"
    return out
