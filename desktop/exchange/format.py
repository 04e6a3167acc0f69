"""The Excel exchange format (version 2; version 1 files are read too): sheet and column names (Chinese and
English) and header matching. Version 2 adds the sheets 状态 and 退回意见 (desktop.exchange.status)."""

from __future__ import annotations

import re
import unicodedata

FORMAT_NAME = "县卫生健康指标交换格式"
FORMAT_VERSION = 2
DATA_SHEET = "数据"
INFO_SHEET = "说明"
TARGET_SHEET = "目标"
DATA_SHEET_NAMES = ("数据", "data")
TARGET_SHEET_NAMES = ("目标", "targets", "target")
INFO_SHEET_NAMES = ("说明", "info", "about")
STATUS_SHEET = "状态"
REVIEW_SHEET = "退回意见"
STATUS_SHEET_NAMES = ("状态", "status")
REVIEW_SHEET_NAMES = ("退回意见", "review", "review_notes")
ABSENT_SHEET = "不适用标记"  # values left empty on purpose (desktop.absent), beside 数据; see docs/EXCHANGE.md
ABSENT_SHEET_NAMES = ("不适用标记", "absent", "absent_values")

# column key → the header written by this program (Chinese) and every header read as it.
COLUMNS: dict[str, tuple[str, ...]] = {
    "region_code": ("地区代码", "region_code", "行政区划代码", "区划代码", "地区编码", "regioncode"),
    "region_name": ("地区名称", "region_name", "地区", "行政区划名称", "区划名称", "regionname", "region",
                    # how a city's or the province's tables head the column of their counties
                    "县（市、区）", "县（市、区）名称", "县市区", "县（市区）", "区县", "县区", "县（区）", "县（市）"),
    "year": ("年份", "year", "年度"),
    "indicator_code": ("指标代码", "indicator_code", "指标编码", "indicatorcode"),
    "indicator_name": ("指标名称", "indicator_name", "指标", "indicatorname", "indicator"),
    "unit": ("单位", "unit", "计量单位"),
    # 本年实际, 本期 …: the heading of a statistical report form's column of this year's figures
    "value": ("数值", "value", "本年数值", "本年", "本期数值", "填报数值", "本年实际", "本年实际数", "本年数", "本期",
              "本期数", "本期实际", "本年度", "实际数", "实际值", "本年完成", "本年完成数", "本年值"),
    "note": ("说明", "note", "备注", "notes"),
    "prior": ("上年数值", "prior_value", "上年", "previous_value", "priorvalue", "上年同期", "上年同期数", "上年实际",
              "上年实际数", "上年数", "上期", "去年同期", "上年值"),
    "target": ("目标", "target", "目标值", "target_value"),
    "section": ("分类", "section", "类别"),
}
HEADER = {key: names[0] for key, names in COLUMNS.items()}
EXCHANGE_COLUMNS = ("region_code", "region_name", "year", "indicator_code", "indicator_name", "unit", "value", "note")


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text)).strip().lower()
    text = re.sub(r"[\s_\-·.()（）]+", "", text)
    return text


_LOOKUP = {_norm(name): key for key, names in COLUMNS.items() for name in names}


def column_key(header: object) -> str | None:
    """The column key of one header cell, or None for an extra column (ignored)."""
    if header is None:
        return None
    return _LOOKUP.get(_norm(header))


def sheet_kind(title: str) -> str | None:
    """'data', 'target', 'info', 'status', 'review' or 'absent' for the sheets of the format, by name; None for any other."""
    key = _norm(title)
    if key in {_norm(n) for n in DATA_SHEET_NAMES}:
        return "data"
    if key in {_norm(n) for n in TARGET_SHEET_NAMES}:
        return "target"
    if key in {_norm(n) for n in INFO_SHEET_NAMES}:
        return "info"
    if key in {_norm(n) for n in STATUS_SHEET_NAMES}:
        return "status"
    if key in {_norm(n) for n in REVIEW_SHEET_NAMES}:
        return "review"
    if key in {_norm(n) for n in ABSENT_SHEET_NAMES}:
        return "absent"
    return None


def is_percent_format(fmt: str | None) -> bool:
    """True when an Excel number format shows the value times 100 with a '%' (outside quoted text)."""
    if not fmt or "%" not in fmt:
        return False
    fmt = re.sub(r'"[^"]*"', "", fmt)  # quoted literals
    fmt = re.sub(r"\\.", "", fmt)  # escaped characters
    fmt = re.sub(r"\[[^\]]*\]", "", fmt)  # [Red], [$-804] and conditions
    return "%" in fmt


def number_format(decimals: int) -> str:
    return "0" if decimals <= 0 else "0." + "0" * decimals
