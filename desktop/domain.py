"""Frozen dataclasses the store returns and the services pass around."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.errors import InvalidYear
from desktop.phrases import Phrase

LEVELS = ("province", "city", "county")
STATUSES = ("draft", "submitted", "returned", "approved", "accepted")
# statuses under which nobody edits values (a supervisor returns or reopens first; desktop.policy)
LOCKED_STATUSES = ("submitted", "approved", "accepted")
ROLES = ("clerk", "supervisor", "admin")
KINDS = ("count", "rate", "growth", "permille", "per1000", "per10000", "per100k", "years", "score")
# yoy_warn is in percentage points for these kinds, in percent of the prior value for the rest.
POINT_KINDS = frozenset({"rate", "growth"})

MIN_YEAR = 1949
MAX_YEAR = 2100

# ---- vocabularies: the store keeps codes; these are the words a clerk reads for them ----------------------
# (the window shows the same words through Qt's translation: desktop/ui/vocabulary.py; no other module keeps a
# word list of its own for these codes, tests/test_architecture.py)
STATUS_NAMES = {"draft": "草稿", "submitted": "已提交", "returned": "已退回", "approved": "已审核",
                "accepted": "已接收"}
STATUS_WORDS = {**STATUS_NAMES, "empty": "未填报"}  # a county's state as an upper office reads it
ROLE_NAMES = {"clerk": "填报员", "supervisor": "审核人", "admin": "管理员"}
LEVEL_NAMES = {"province": "省", "city": "市", "county": "县（市、区）"}
RULE_NAMES = {"format": "格式", "range": "范围", "logic": "逻辑", "yoy": "同比", "history": "历史",
              "completeness": "完整性", "target": "目标", "level": "层级"}
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
# the form, its findings and an import preview ask the clerk to check (核实) a warning: "错误 0 · 核实 2"
CHECK_NAMES = {"error": "错误", "warning": "核实", "info": "提示"}
FLAG_NAMES = {"error": "错误", "warning": "警告"}
KIND_NAMES = {"count": "数量", "rate": "比率（%）", "growth": "增长率（%）", "permille": "千分率（‰）",
              "per1000": "每千人", "per10000": "每万人", "per100k": "每10万人", "years": "年数", "score": "得分"}
# how a city's or the province's figure comes from its counties (Indicator.aggregation)
METHOD_NAMES = {"sum": "求和", "ratio": "按合计计算比率", "weighted": "按人口加权", "none": "不汇总"}
# what changed, by the audit row's field
AUDIT_FIELD_NAMES = {"value": "数值", "note": "说明", "status": "状态", "target": "目标值", "catalog": "指标目录",
                     "rules": "审核规则", "user": "用户", "login": "登录失败", "denied": "被拒绝的操作",
                     "review": "退回意见", "absent": "不适用标记", "home": "本单位地区"}
# the fields of an indicator a catalog change names (desktop.catalog_admin)
CATALOG_FIELD_NAMES = {"code": "代码", "section": "分类", "name": "名称", "unit": "单位", "kind": "类型",
                       "decimals": "小数位数", "min": "下限", "max": "上限", "direction": "方向", "yoy_warn": "同比阈值",
                       "definition": "定义", "aliases": "别名", "sort_order": "排序", "hidden": "停用",
                       "aggregation": "汇总方式"}
# the source of the demo's simulated years (not real figures): reports and the form mark them 演示数据·模拟
SIMULATED_SOURCE = "demo-sim"
# where a change came from, by the audit row's source (an import's is "import:<file>#<sha256>")
SOURCE_NAMES = {"form": "窗口录入", "paste": "粘贴", "cli": "命令行", "init": "初始化", "demo": "演示数据",
                SIMULATED_SOURCE: "演示数据·模拟",
                "restore": "恢复备份", "password": "设定密码", "extraction": "从报告文本提取", "import": "导入",
                "aggregate": "采用各县汇总"}


def source_name(source: str | None) -> str:
    """An audit source in words: "导入 2021.xlsx" for "import:2021.xlsx#<sha256>", "粘贴" for "paste"."""
    if not source:
        return ""
    if source.startswith("import:"):
        return f"导入 {source[len('import:'):].split('#', 1)[0]}"
    code = source.split("#", 1)[0]
    return SOURCE_NAMES.get(code, code)


def check_year(year: object) -> int:
    """The year as an int within the supported range; raises InvalidYear."""
    try:
        y = int(str(year).strip())
    except (TypeError, ValueError):
        raise InvalidYear(year, Phrase("应为四位数字年份")) from None
    if isinstance(year, float) and year != int(year):
        raise InvalidYear(year, Phrase("应为整数年份"))
    if not MIN_YEAR <= y <= MAX_YEAR:
        raise InvalidYear(year, Phrase("应在{low}–{high}之间", low=str(MIN_YEAR), high=str(MAX_YEAR)))
    return y


def next_version(version: str, default: str = "") -> str:
    """'2026.1' → '2026.2'; a version without a trailing number gets '.1' (an empty one: `default` + '.1')."""
    m = re.match(r"^(.*?)(\d+)$", version or "")
    if not m:
        return f"{version or default}.1"
    return f"{m.group(1)}{int(m.group(2)) + 1}"


def plain_number(value: float) -> str:
    """A number as stored, every digit and never in exponent form: 1234567 (not 1.23457e+06), 140.123456789."""
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    text = repr(float(value))
    if "e" in text:
        text = f"{value:.15f}".rstrip("0").rstrip(".")
    return text


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str
    parent_code: str | None


@dataclass(frozen=True)
class Indicator:
    code: str
    section: str
    name: str
    unit: str
    kind: str
    decimals: int
    min: float | None
    max: float | None
    direction: int
    yoy_warn: float | None
    definition: str = ""
    aliases: tuple[str, ...] = ()
    hidden: bool = False
    sort_order: int = 0
    # how a city's or the province's value comes from its counties: "sum", "none",
    # "weighted: POP_CODE" or "ratio: EXPRESSION" (desktop.aggregate parses it)
    aggregation: str = "none"

    def format(self, value: float | None) -> str:
        """The value as statistical tables print it: the indicator's decimals, no separators."""
        if value is None:
            return ""
        if self.decimals == 0 and value != int(value):
            return plain_number(value)  # a fraction where a whole number is asked (a format error): show it, never round it away
        return f"{value:.{self.decimals}f}"

    @property
    def threshold_in_points(self) -> bool:
        return self.kind in POINT_KINDS


@dataclass(frozen=True)
class ValueRecord:
    region: str
    year: int
    indicator: str
    value: float | None
    note: str = ""
    updated_at: str = ""
    updated_by: str = ""
    source: str = ""


@dataclass(frozen=True)
class Dataset:
    region: str
    year: int
    status: str = "draft"
    updated_at: str = ""
    updated_by: str = ""
    reason: str = ""


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: str
    user: str
    region: str | None
    year: int | None
    indicator: str | None
    field: str  # value, note, status, target, catalog, user, login
    old: object
    new: object
    source: str
    reason: str
    hash: str = ""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    has_password: bool = False


@dataclass(frozen=True)
class Prior:
    """The nearest earlier year with a value for one indicator."""

    year: int
    value: float


@dataclass
class RegionYear:
    """Everything the entry form shows for one region-year."""

    region: Region
    year: int
    status: str
    values: dict[str, ValueRecord] = field(default_factory=dict)
    prior: dict[str, Prior] = field(default_factory=dict)
    targets: dict[str, float] = field(default_factory=dict)
    status_reason: str = ""


# why a value is left empty on purpose (desktop.absent): counted as filled, never as missing at 提交
ABSENCE_KINDS = {"na": "不适用", "uncollected": "本年未统计"}


@dataclass(frozen=True)
class Absence:
    """An indicator of a region-year marked as having no value on purpose, with the reason."""

    region: str
    year: int
    indicator: str
    kind: str  # na | uncollected
    reason: str
    updated_at: str = ""
    updated_by: str = ""


@dataclass(frozen=True)
class ValueChange:
    """One value (and optionally its note) to write; note None leaves the note as it is."""

    region: str
    year: int
    indicator: str
    value: float | None
    note: str | None = None


SEVERITIES = ("error", "warning", "info")
RULES = ("format", "range", "logic", "yoy", "history", "completeness", "target", "level")


@dataclass(frozen=True)
class Finding:
    """One result of validation (审核). `reference` is the other value involved (prior year, target…),
    `reference_year` its year when it has one; `cleared` is True for a warning explained by its note."""

    indicator: str
    severity: str  # error | warning | info
    rule: str  # format | range | logic | yoy | history | completeness | target | level
    message: str
    value: float | None = None
    reference: float | None = None
    reference_year: int | None = None
    cleared: bool = False

    def as_json(self) -> dict:
        return {"indicator": self.indicator, "severity": self.severity, "rule": self.rule,
                "message": self.message, "value": self.value, "reference": self.reference}
