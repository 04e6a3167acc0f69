"""Reading numbers as clerks write them: full-width digits, thousands separators, %, units, dashes."""

from __future__ import annotations

import math
import re
from decimal import Decimal
import unicodedata

from desktop.errors import InvalidValue
from desktop.phrases import Phrase

# Text that means "no value" in a cell or a pasted column.
EMPTY_MARKS = frozenset({"", "—", "——", "-", "--", "/", "－", "－－", "–", "…", "无数据", "n/a", "na", "N/A", "NA"})

_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_SPACED_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\s\d{3})+(\.\d+)?\s*\D*$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


def normalize_text(text: str) -> str:
    """Full-width to half-width (NFKC) and no white space at all: for matching names and numbers."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(text.split())


# a unit written in other words that mean the same (a bed is counted in 张, also written 床)
_UNIT_WORDS = {"百分比": "%", "百分率": "%", "百分数": "%", "千分比": "‰", "千分率": "‰", "床": "张"}
_PER_100K = re.compile(r"(?:1|人|例)?/(?:10万|100000)人?口?|每10万人?口?|1/10万")
_PER_BASE = {"per1000": ("千", "1000"), "per10000": ("万", "10000")}


def same_unit(written: str, unit: str, kind: str = "") -> bool:
    """Whether a unit as a table writes it is the catalog's `unit`: full and half width, spaces and case aside,
    in other words (百分比 for %, 千分率 for ‰, 床 for 张), 1/10万 as /10万 or 1/100000, and a per-population
    figure with its base (张/千人, 人/千人口 for `kind` per1000, 人/万人 for per10000). 人 for 万人 is no match:
    that figure needs converting."""
    def canonical(text: str) -> str:
        u = normalize_text(text).lower()
        u = _UNIT_WORDS.get(u, u)
        return "1/10万" if _PER_100K.fullmatch(u) else u

    w, u = canonical(written), canonical(unit)
    if w == u:
        return True
    base = _PER_BASE.get(kind)
    if base is not None:
        word, digits = base
        return re.fullmatch(rf"{re.escape(u)}?/(?:每)?(?:{word}|{digits})(?:人口?|常住人口)", w) is not None
    return False


# a figure with a remark in brackets after it: 80.1（初步）, 1.8(预计), 6812（不含民营）
_REMARK = re.compile(r"^(?P<number>[^()]*\d[^()]*?)\s*\((?P<remark>[^()]{1,30})\)$")
# a bound rather than a figure: ≥95%, >=95, 不低于95%, 95%以上, 8%及以下
_BOUND_BEFORE = {"≥": 1, ">=": 1, ">": 1, "不低于": 1, "不少于": 1, "不小于": 1, "超过": 1, "高于": 1, "大于": 1,
                 "≤": -1, "<=": -1, "<": -1, "不高于": -1, "不超过": -1, "不大于": -1, "低于": -1, "小于": -1}
_BOUND_AFTER = {"以上": 1, "及以上": 1, "以下": -1, "及以下": -1}
_BOUND = re.compile("^(?P<before>" + "|".join(re.escape(w) for w in sorted(_BOUND_BEFORE, key=len, reverse=True))
                    + r")?(?P<number>[^<>≥≤]*?\d[^<>≥≤]*?)(?P<after>及以上|及以下|以上|以下)?$")
_ABOUT = re.compile(r"^(?:约为|约|大约|将近|接近|近)\s*[+-]?[\d.]")


def split_remark(raw: str) -> tuple[str, str] | None:
    """`80.1（初步）` → ('80.1', '初步'): a figure and the remark in brackets after it; None for anything else."""
    m = _REMARK.match(unicodedata.normalize("NFKC", raw).strip())
    if not m or not m.group("remark").strip():
        return None
    return m.group("number").strip(), m.group("remark").strip()


def bound_of(raw: str) -> tuple[str, int] | None:
    """`≥95%` → ('95%', 1), `8%以下` → ('8%', -1): a bound a figure should reach (1: at least, -1: at most), as
    targets are written; None for a plain figure."""
    m = _BOUND.match("".join(unicodedata.normalize("NFKC", raw).split()))
    if not m or bool(m.group("before")) == bool(m.group("after")):
        return None
    sign = _BOUND_BEFORE[m.group("before")] if m.group("before") else _BOUND_AFTER[m.group("after")]
    return m.group("number"), sign


def _why_not_a_number(raw: str, unit: str | None) -> str:
    """The reason a text with digits is no figure, said as specifically as it can be."""
    remark = split_remark(raw)
    if remark is not None:
        return Phrase("数字后带有说明“（{remark}）”：请只填数字，说明写在说明（备注）栏", remark=remark[1])
    if bound_of(raw) is not None:
        return Phrase("是一个范围，不是数值：请填写实际的数")
    if _ABOUT.match(unicodedata.normalize("NFKC", raw).strip()):
        return Phrase("是约数：请填写确切的数")
    return Phrase("无法识别为数字（单位应为{unit}）", unit=unit) if unit else Phrase("无法识别为数字")


def is_empty_mark(raw: object) -> bool:
    if raw is None:
        return True
    if isinstance(raw, str):
        return normalize_text(raw) in EMPTY_MARKS or raw.strip() in EMPTY_MARKS
    return False


def parse_value(raw: object, unit: str | None = None, where: str = "") -> float | None:
    """Read one value; None for an empty mark.

    `unit` is the indicator's unit: a trailing unit equal to it is dropped, and a trailing
    '%' is accepted only where the unit is '%'. A trailing 万 counts ten thousands (8.12万 or 8.12万人 where
    the unit is 人: 81200), or is the unit's own (87.5万 where it is 万人). Raises InvalidValue naming `where`
    and why.
    """
    if isinstance(raw, bool):
        raise InvalidValue(raw, Phrase("不是数字"), where)
    if isinstance(raw, (int, float)):
        value = float(raw)
        if not math.isfinite(value):
            raise InvalidValue(raw, Phrase("不是有限的数"), where)
        return value
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise InvalidValue(raw, Phrase("不是数字（{kind}）", kind=type(raw).__name__), where)
    if is_empty_mark(raw):
        return None
    text = unicodedata.normalize("NFKC", raw).strip().replace("−", "-")  # U+2212 minus sign
    if _SPACED_THOUSANDS.match(text):
        text = "".join(text.split())
    elif re.search(r"\d\s+\d", text):
        raise InvalidValue(raw, Phrase("数字中间有空格"), where)
    text = "".join(text.split())
    norm_unit = normalize_text(unit) if unit else ""
    if norm_unit and norm_unit != "%" and text.endswith(norm_unit) and len(text) > len(norm_unit):
        text = text[: -len(norm_unit)]
    scale = 1
    if norm_unit.startswith("万") and text.endswith("万") and len(text) > 1:
        text = text[:-1]  # 87.5万 where the unit is 万人: the 万 is the unit's
    elif norm_unit and norm_unit not in ("%", "‰") and re.search(r"\d万$", text):
        text, scale = text[:-1], 10_000  # 8.12万 where the unit is 人: 81200
    if text.endswith("%"):
        if norm_unit != "%":
            raise InvalidValue(raw, Phrase("带有%，但该指标单位是{unit}", unit=unit) if unit else
                               Phrase("带有%，但该指标无单位"), where)
        text = text[:-1]
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    if not _PLAIN.match(text):
        if re.search(r"\d", text):
            raise InvalidValue(raw, _why_not_a_number(raw, unit), where)
        raise InvalidValue(raw, Phrase("不是数字"), where)
    value = float(text) if scale == 1 else float(Decimal(text) * scale)  # 8.12万 is 81200 exactly, not 81199.99…
    if not math.isfinite(value):
        raise InvalidValue(raw, Phrase("不是有限的数"), where)
    return value
