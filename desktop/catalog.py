"""The default catalog and regions shipped in resources/, and name matching for indicators."""

from __future__ import annotations

import csv
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
