"""The words of one sentence: catalog names (with the stems prose uses), figures with units, connectors.

`build_terms` turns a catalog into wordings, `find_mentions` and `find_figures` find them in clean text,
`read_gap` reads what stands between a name and its figure, `convert` puts a figure in the indicator's unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from desktop.domain import Indicator
from desktop.extract import lexicon as lx
from desktop.numbers import normalize_text

_PAREN = re.compile(r"\([^()]*\)")
_GROWTH_SUFFIX = ("增长率", "增幅", "增速", "增长幅度", "涨幅", "增长速度")
_NUMBER = re.compile(r"(?<![0-9A-Za-z.])(?P<neg>负|-)?(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)(?![0-9])")
CLAUSE = re.compile(r"[,;]")
_ZERO = re.compile(r"(?<=为|是)零(?=[,;。!?]|$)")
CHANGE_CLAUSE = re.compile(r"(?:同比|比上年|较上年|比去年|较去年)(?:增长|增加|上升|提高|下降|降低|减少)(?=-?\d)")
LIST_SEP = re.compile(r"^(?:、|和|及|与|以及|,)")


@dataclass(frozen=True)
class Term:
    text: str
    indicator: Indicator
    mode: str  # "name": the figure follows; "base": a growth indicator's quantity, a change verb needed;
    #            "object": what a flow indicator counts ("村卫生室" of 新增村卫生室数), its verb needed;
    #            "grouped": a service counted for a group ("接种流感疫苗" of 60岁以上老人…接种人数), the group
    #            must be named before it in the sentence
    verb: str = ""


@dataclass
class Mention:
    start: int
    end: int
    term: Term


@dataclass
class Figure:
    start: int          # clean offsets of the digits (with sign)
    end: int            # end of the figure with multiplier and unit
    num_end: int
    number: float
    multiplier: str
    unit: str
    approx: bool
    year: int | None = None  # the figure is itself a year ("2021年")


# ---- the vocabulary of one catalog --------------------------------------------------------------
def build_terms(indicators: list[Indicator]) -> dict[str, Term]:
    """Every wording of every indicator, from its name and aliases (and the stems prose uses).
    Built once per catalog (the dialog extracts again after every write); the result is not to be changed."""
    return _terms_of(tuple(indicators))


@lru_cache(maxsize=8)
def _terms_of(indicators: tuple[Indicator, ...]) -> dict[str, Term]:
    terms: dict[str, Term] = {}
    derived: list[Term] = []
    for ind in indicators:
        for raw in (ind.name, *ind.aliases):
            full = normalize_text(raw)
            variants = {full, _PAREN.sub("", full)}
            variants |= {w for v in list(variants) for w in _wordings(v)}
            if ind.kind == "count":
                derived.extend(Term(w, ind, "grouped") for w in _services(_PAREN.sub("", full)))
            for v in variants:
                if len(v) < 2:
                    continue
                if ind.kind == "growth" and not v.endswith(_GROWTH_SUFFIX):
                    terms.setdefault(v, Term(v, ind, "base"))
                    continue
                terms.setdefault(v, Term(v, ind, "name"))
                stem = v[:-2] if v.endswith("人数") else v[:-1] if v.endswith("数") and ind.kind != "growth" else ""
                if len(stem) >= 2:
                    derived.append(Term(stem, ind, "name"))
                for verb in lx.FLOW_VERBS:
                    base = stem or v
                    if base.startswith(verb) and len(base) - len(verb) >= 2:
                        derived.append(Term(base[len(verb):], ind, "object", verb))
                        break
    for t in derived:
        terms.setdefault(t.text, t)
    return terms


def _wordings(name: str) -> set[str]:
    """Other ways prose writes a name: another per-population head (千人床位数 for 每千人口床位数), a synonym."""
    out = set()
    for heads in lx.PER_HEADS:
        head = next((h for h in heads if name.startswith(h)), None)
        if head is not None:
            out |= {h + name[len(head):] for h in heads}
    for a, b in lx.SYNONYMS:
        out |= {w.replace(a, b) for w in out | {name} if a in w}
    out.discard(name)
    return out


def _services(name: str) -> list[str]:
    """"60岁以上老人免费流感疫苗接种人数" → "流感疫苗接种", "接种流感疫苗": the service without its group."""
    head = lx.GROUP_HEAD.match(name)
    if not head or not name.endswith("人数"):
        return []
    rest = name[head.end():-2].replace("免费", "")
    verb = next((v for v in lx.SERVICE_VERBS if rest.endswith(v)), None)
    if verb is None or len(rest) - len(verb) < 2:
        return []
    return [rest, verb + rest[: -len(verb)]]


_INDEXES: list[tuple[dict, dict]] = []  # (terms, wordings by their first two characters), the last few catalogs


def _by_prefix(terms: dict[str, Term]) -> dict[str, list[str]]:
    for known, index in _INDEXES:
        if known is terms:
            return index
    index: dict[str, list[str]] = {}
    for word in terms:
        index.setdefault(word[:2], []).append(word)
    _INDEXES.append((terms, index))
    del _INDEXES[:-4]
    return index


def find_mentions(text: str, terms: dict[str, Term]) -> list[Mention]:
    """Non-overlapping mentions, the longest wording winning where two overlap."""
    hits = []
    index = _by_prefix(terms)
    candidates = {w for i in range(len(text) - 1) for w in index.get(text[i:i + 2], ())}
    for word in candidates:
        term = terms[word]
        i = text.find(word)
        while i >= 0:
            hits.append(Mention(i, i + len(word), term))
            i = text.find(word, i + 1)
    hits.sort(key=lambda m: (-(m.end - m.start), m.start))
    taken: list[Mention] = []
    for m in hits:
        if all(m.end <= t.start or m.start >= t.end for t in taken):
            taken.append(m)
    return sorted(taken, key=lambda m: m.start)


def find_figures(text: str, mentions: list[Mention]) -> list[Figure]:
    inside = [(m.start, m.end) for m in mentions]
    out = []
    for m in _ZERO.finditer(text):  # "孕产妇死亡率为零": zero in any unit
        if not any(a <= m.start() < b for a, b in inside):
            out.append(Figure(m.start(), m.end(), m.end(), 0.0, "", "零", False))
    for m in _NUMBER.finditer(text):
        if any(a <= m.start() < b for a, b in inside):
            continue
        try:
            number = float(m.group("num").replace(",", ""))
        except ValueError:
            continue
        if m.group("neg"):
            number = -number
        pos = m.end()
        multiplier = ""
        if pos < len(text) and text[pos] in lx.MULTIPLIERS:
            multiplier = text[pos]
            pos += 1
        approx = False
        if pos < len(text) and text[pos] in "多余":
            approx = True
            pos += 1
        unit = ""
        for u in lx.TEXT_UNITS:
            if text.startswith(u, pos):
                unit = u
                break
        end = pos + len(unit)
        after = text[end:end + 3]
        if lx.APPROX_AFTER.match(after) or after[:1] in ("~", "-") or text[m.start() - 1:m.start()] in ("~", "第"):
            approx = True
        if lx.APPROX_BEFORE.search(text[max(0, m.start() - 4):m.start()]):
            approx = True
        year = None
        if unit == "年" and not multiplier and re.fullmatch(r"(19|20)\d\d", m.group("num")):
            year = int(m.group("num"))
        out.append(Figure(m.start(), end, m.end(), number, multiplier, unit, approx, year))
    return sorted(out, key=lambda f: f.start)


# ---- reading the words between a name and its figure ----------------------------------------
@dataclass
class Gap:
    ok: bool
    kinds: set = field(default_factory=set)
    year: int | None = None
    down: bool = False
    words: list = field(default_factory=list)
    chained: bool = False  # a later figure of a year phrase: without its own year it is the sentence's


def read_gap(gap: str) -> Gap:
    """Tokenise the connecting words; ok only if every character is a known connector."""
    if len(gap) > lx.GAP_MAX:
        return Gap(False)
    tokens = _tokens(gap, 0)
    if tokens is None:
        return Gap(False)
    out = Gap(True)
    for word, kind in tokens:
        if kind == "year":
            out.year = int(word)
            continue
        out.kinds.add(kind)
        out.words.append(word)
        if kind == "dn":
            out.down = True
    return out


def _tokens(gap: str, i: int) -> list[tuple[str, str]] | None:
    """Connecting words covering gap[i:], longest word first, trying a shorter one where the longest
    leaves a rest no word covers ("已达到" is 已 + 达到, not 已达 + 到)."""
    if i == len(gap):
        return []
    m = lx.YEAR_TOKEN.match(gap, i)
    if m:
        rest = _tokens(gap, m.end())
        if rest is not None:
            return [(m.group(1), "year"), *rest]
    for word, kind in lx.GAP_WORDS:
        if gap.startswith(word, i):
            rest = _tokens(gap, i + len(word))
            if rest is not None:
                return [(word, kind), *rest]
    return None


def convert(fig: Figure, ind: Indicator) -> float | None:
    """The figure in the indicator's unit, or None when the units disagree."""
    unit = normalize_text(ind.unit)
    value = fig.number
    if fig.unit == "零" or (fig.number == 0 and not fig.unit and not fig.multiplier):
        return 0.0  # "孕产妇死亡率为0": zero needs no unit
    if unit in ("%", "‰"):
        return value if fig.unit == unit and not fig.multiplier else None
    if unit == "1/10万":
        return value if fig.unit in ("1/10万", "/10万", "/十万") and not fig.multiplier else None
    cat_mult = 1.0
    cat_class = unit
    if unit[:1] in lx.MULTIPLIERS and len(unit) > 1:
        cat_mult, cat_class = lx.MULTIPLIERS[unit[0]], unit[1:]
    text_mult = lx.MULTIPLIERS.get(fig.multiplier, 1.0)
    if fig.unit:
        group = next((g for g in lx.UNIT_GROUPS if cat_class in g), {cat_class})
        if fig.unit not in group:
            return None
        # 人次 counts visits: it stands for persons only where the catalog counts persons by 万人 or 人
    elif not (fig.multiplier and ind.kind == "count"):
        return None  # a bare number is too ambiguous to propose
    return round(value * text_mult / cat_mult, 10)


def in_range(value: float, ind: Indicator) -> bool:
    """Within the indicator's range. For a city or the province the caller passes the catalog as it applies
    to that level (desktop.aggregate.core.scaled_for_level: a count's bounds grow with the counties)."""
    return (ind.min is None or value >= ind.min) and (ind.max is None or value <= ind.max)
