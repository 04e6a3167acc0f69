"""The default catalog and regions shipped in resources/, and name matching for indicators."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from desktop.domain import Indicator, Region
from desktop.numbers import normalize_text

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
INDICATORS_CSV = RESOURCES / "indicators.csv"
REGIONS_CSV = RESOURCES / "regions.csv"
DEMO_VALUES_CSV = RESOURCES / "demo" / "seed_values.csv"
DEMO_TARGETS_CSV = RESOURCES / "demo" / "seed_targets.csv"
RULES_FILE = RESOURCES / "rules.txt"
FONT_FILE = RESOURCES / "fonts" / "wqy-microhei.ttc"

CATALOG_VERSION = "2026.1"


def _num(text: str) -> float | None:
    text = (text or "").strip()
    return float(text) if text else None


def read_indicators(path: Path = INDICATORS_CSV) -> list[Indicator]:
    """The catalog CSV as Indicators, in file order. Column `aliases` holds '|'-separated variants."""
    out = []
    with open(path, encoding="utf-8-sig", newline="") as f:
        for i, row in enumerate(csv.DictReader(f)):
            aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
            out.append(
                Indicator(
                    code=row["code"].strip(),
                    section=row["section"].strip(),
                    name=row["name"].strip(),
                    unit=row["unit"].strip(),
                    kind=row["kind"].strip(),
                    decimals=int(row["decimals"]),
                    min=_num(row["min"]),
                    max=_num(row["max"]),
                    direction=int(row["direction"] or 0),
                    yoy_warn=_num(row["yoy_warn"]),
                    definition=(row.get("definition") or "").strip(),
                    aliases=aliases,
                    sort_order=i,
                    aggregation=(row.get("aggregation") or "").strip() or "none",
                )
            )
    return out


def read_regions(path: Path = REGIONS_CSV) -> list[Region]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [
            Region(r["code"].strip(), r["name"].strip(), r["level"].strip(), (r["parent_code"] or "").strip() or None)
            for r in csv.DictReader(f)
        ]


# what a statistical table writes before a name: "其中：", and its numbering ("1.", "2、", "（3）", "④", "一、")
_NAME_PREFIX = re.compile(r"^(?:其中[:：,，]?|(?:\d{1,2}|[一二三四五六七八九十]{1,3})[.、．)）]|"
                          r"[(（](?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）]|[①-⑳])")


def bare_name(text: str) -> str:
    """A name without the 其中： and the numbering a table writes before it (其中：60岁及以上常住人口,
    1、常住人口, （二）人均期望寿命); a name that is nothing but them stays."""
    while True:
        m = _NAME_PREFIX.match(text)
        if not m or m.end() == len(text):
            return text
        text = text[m.end():].lstrip()


class IndicatorIndex:
    """Finds an indicator by code or by name (full/half width and spaces normalised, aliases too)."""

    def __init__(self, indicators: list[Indicator]):
        self.indicators = list(indicators)
        self.by_code = {i.code: i for i in indicators}
        self.by_name: dict[str, Indicator] = {}
        for ind in indicators:
            for name in (ind.name, *ind.aliases):
                self.by_name.setdefault(normalize_text(name), ind)

    def find(self, text: str) -> Indicator | None:
        if text is None:
            return None
        raw = str(text).strip()
        if raw in self.by_code:
            return self.by_code[raw]
        upper = raw.upper()
        if upper in self.by_code:
            return self.by_code[upper]
        key = normalize_text(raw)
        found = self.by_name.get(key)
        if found is None and len(key) > 2:
            # 注册护士 / 注册护士数: a count is named with or without its 数 (never a rate: 率 is kept)
            found = self.by_name.get(key[:-1]) if key.endswith("数") else self.by_name.get(key + "数")
        if found is None:
            bare = bare_name(raw)  # before normalising, which makes ④ a 4
            if bare != raw:
                return self.find(bare)
        return found

    def suggestions(self, text: str, n: int = 3) -> list[str]:
        """The nearest catalog names (and codes) for an unknown indicator, for the error message."""
        key = normalize_text(str(text))
        names = {normalize_text(i.name): i.name for i in self.indicators}
        import difflib  # only when a name is not found

        found = difflib.get_close_matches(key, list(names), n=n, cutoff=0.4)
        out = [names[k] for k in found]
        codes = difflib.get_close_matches(key.upper(), list(self.by_code), n=n, cutoff=0.6)
        out += [c for c in codes if c not in out]
        # names that contain the text or are contained in it catch short inputs difflib misses
        if len(out) < n:
            for k, name in names.items():
                if key and (key in k or k in key) and name not in out:
                    out.append(name)
        return out[:n]


PLACE_SUFFIXES = ("自治县", "市", "县", "区")
# a region's code written with its name, before or after it (330302鹿城区, 鹿城区(330302))
_CODE_IN_NAME = re.compile(r"(?P<before>\D*?)[(（\[【]?(?P<code>\d{6}(?:000000)?)[)）\]】]?(?P<after>\D*)")
PROVINCE_PREFIXES = ("浙江省", "浙江")


def short_place(name: str) -> tuple[str, str]:
    """A place's name without its 市/县/区 and that suffix: 鹿城区 → (鹿城, 区); a name too short to cut stays."""
    for suffix in PLACE_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)], suffix
    return name, ""


class RegionNames:
    """Finds a region by the name an office writes, when it is not the exact one: without its 市/县/区 (鹿城 for
    鹿城区, 瑞安 for 瑞安市), after its city's or the province's name (温州市龙湾区, 浙江省温州市), or with a suffix
    it no longer has (洞头县, a 区 since 2015). A short name two regions share finds neither, and a written 县 or
    区 finds only a county."""

    def __init__(self, regions: list[Region]):
        self.regions = {r.code: r for r in regions}
        self.exact = {normalize_text(r.name): r for r in regions}
        self.short: dict[str, Region | None] = {}
        for r in regions:
            key = short_place(normalize_text(r.name))[0]
            self.short[key] = None if key in self.short and self.short[key] is not r else r

    def find(self, text: str) -> Region | None:
        key = normalize_text(str(text))
        if not key or key in self.exact:
            return self.exact.get(key)
        coded = _CODE_IN_NAME.fullmatch(key)  # 330302鹿城区, 鹿城区（330302）: the code and the name must agree
        if coded:
            code = coded.group("code")[:6]
            name = (coded.group("before") or coded.group("after") or "").strip("()（）[]【】-—:：")
            found = self.regions.get(code)
            if found is not None and (not name or self.find(name) is found):
                return found
            return None
        for prefix in PROVINCE_PREFIXES:
            if key.startswith(prefix) and len(key) > len(prefix):
                key = key[len(prefix):]
                break
        found = self._one(key)
        if found is not None:
            return found
        for city in self.regions.values():  # 温州市龙湾区, 温州龙湾区: a county after its city's name
            if city.level != "city":
                continue
            for name in dict.fromkeys((normalize_text(city.name), short_place(normalize_text(city.name))[0])):
                if key.startswith(name) and len(key) > len(name):
                    below = self._one(key[len(name):])
                    if below is not None and below.parent_code == city.code:
                        return below
        return None

    def _one(self, key: str) -> Region | None:
        if key in self.exact:
            return self.exact[key]
        stem, suffix = short_place(key)
        found = self.short.get(stem)
        if found is None or (suffix in ("县", "区", "自治县") and found.level != "county"):
            return None
        return found
