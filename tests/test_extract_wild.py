"""Recall and precision on the second labelled set (tests/data/extraction_wild*): 48 paragraphs in
the styles of real reports (statistical bulletins, news, summaries with prior-year comparisons,
national and province texts, plans), labelled and committed before the extractor first ran on them.

`split` = heldout marks the third of the set no rule or alias was tuned on: its figure is the honest
estimate for reports nobody has seen. Run with -s to see the tables per style and per split.

First run (the extractor as it was, before any change made because of this set):
    style        texts labels proposed  hits  recall precision
    bulletin        10     44       36    35    0.80      0.97
    national         4      0       13     0    1.00      0.00
    news            11     28       17    17    0.61      1.00
    plan             4      4        3     3    0.75      1.00
    province         8     22        9     7    0.32      0.78
    summary         11     38       32    30    0.79      0.94
    tune            32     84       70    58    0.69      0.83
    heldout         16     52       40    34    0.65      0.85
    all             48    136      110    92    0.68      0.84
The split `heldout` was not tuned on, but its failures were seen in that first run's listing. So 22 more
paragraphs (split `fresh`) were written and labelled after the rules had been changed, committed, and run
once: recall 0.88 (49 of 56), precision 0.98 (49 of 50). That is the honest estimate for unseen reports.
Changes made after that run (for the classes it showed) make today's figures on `fresh` kinder.

The split `upper` (2026-12-04): nine paragraphs of a larger place's text read for a part of it (city bulletins
and news read for a county, the province's bulletin for a city, a county-level 市 under its city's title) and
two controls (a county's own summary, a city's bulletin read for the city), labelled and committed before the
extractor ran on them. One rule for this class had been made just before, from a probe text like `u09` (a
city's sentences that name no place are not the county's). First run: recall 0.83 (20 of 24), precision 0.77
(20 of 26): the six wrong were all the city's figures given to 义乌市 (which calls itself 全市, as its city
does); the four missed were places listed before 分别 and places in series after an indicator. After the rules
for those (and for 最高/最低 and a semicolon), six more such paragraphs (`upper2`) were written, labelled,
committed and run once: recall 0.86 (6 of 7), precision 1.00 (6 of 6); the miss is a list of figures with its
places in brackets after them ("依次为98.2%、97.6%、99.1%…（吴兴区、南浔区、德清县…）"), a rule since.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from desktop.aggregate.core import scaled_for_level
from desktop.catalog import read_indicators, read_regions
from desktop.extract import extract

DATA = Path(__file__).parent / "data"
TEXTS = DATA / "extraction_wild"


def _manifest() -> list[dict]:
    with open(DATA / "extraction_wild.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _labels() -> dict[str, list[dict]]:
    out = defaultdict(list)
    with open(DATA / "extraction_wild_labels.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            out[row["file"]].append(row)
    return out


def _key(indicator, year, value) -> tuple:
    return indicator, int(year), round(float(value), 6)


def _ancestors(region, regions) -> set[str]:
    out, code = set(), region.parent_code
    while code:
        out.add(code)
        code = regions[code].parent_code
    return out


@pytest.fixture(scope="module")
def results() -> list[dict]:
    indicators = read_indicators()
    regions = {r.code: r for r in read_regions()}
    labels = _labels()
    out = []
    for entry in _manifest():
        region = regions[entry["region"]]
        own, code = {region.code}, region.parent_code
        while code:
            own.add(code)
            code = regions[code].parent_code
        places = [r.name for r in regions.values() if r.code not in own]
        text = (TEXTS / entry["file"]).read_text(encoding="utf-8")
        # the catalog as it applies to the region's level (a count's range grows with the counties)
        counties = sum(1 for r in regions.values() if r.level == "county" and region.code in _ancestors(r, regions))
        catalog = indicators if region.level == "county" else scaled_for_level(indicators, counties)
        above = [regions[c].name for c in own if c != region.code]
        proposals = extract(text, catalog, int(entry["year"]), region, places=places, above=above)
        rows = labels.get(entry["file"], [])
        wanted = {_key(r["indicator"], r["year"], r["value"]) for r in rows if r["kind"] == "value"}
        got = {_key(p.indicator, p.year, p.value) for p in proposals}
        out.append({**entry, "wanted": len(wanted), "proposed": len(got), "hits": len(got & wanted),
                    "missed": sorted(wanted - got), "wrong": sorted(got - wanted)})
    return out


def _sums(rows: list[dict]) -> tuple[int, int, int]:
    return (sum(r["wanted"] for r in rows), sum(r["proposed"] for r in rows), sum(r["hits"] for r in rows))


def _line(title: str, rows: list[dict]) -> tuple[float, float]:
    wanted, proposed, hits = _sums(rows)
    recall = hits / wanted if wanted else 1.0
    precision = hits / proposed if proposed else 1.0
    print(f"{title:12} {len(rows):5} {wanted:6} {proposed:8} {hits:5} {recall:7.2f} {precision:9.2f}")
    return recall, precision


def test_wild_set_by_style_and_split(results):
    print(f"\n{'style':12} {'texts':>5} {'labels':>6} {'proposed':>8} {'hits':>5} {'recall':>7} {'precision':>9}")
    for style in sorted({r["style"] for r in results}):
        _line(style, [r for r in results if r["style"] == style])
    for split in ("tune", "heldout", "fresh", "upper", "upper2"):
        _line(split, [r for r in results if r["split"] == split])
    recall, precision = _line("all", results)
    for r in results:
        for k in r["missed"]:
            print(f"  {r['file']:34} missed {k}")
        for k in r["wrong"]:
            print(f"  {r['file']:34} wrong  {k}")
    assert len(results) >= 40
    # the goal on reports the rules have never seen: precision first (a wrong figure ticked is wrong data)
    assert precision >= 0.95
    assert recall >= 0.85
    for split in ("tune", "heldout"):
        rows = [r for r in results if r["split"] == split]
        wanted, proposed, hits = _sums(rows)
        assert hits / proposed >= 0.95, split
    # a national text, a plan, another place: nothing proposed that is not labelled
    for r in results:
        if r["style"] in ("national", "plan"):
            assert not r["wrong"], (r["file"], r["wrong"])
