"""Recall and precision of the extractor on hand-labelled reports (tests/data/extraction_labels.csv).

The seeds are the three real reports the catalog came from; the `unseen` paragraphs were written for
this test in other wordings and are measured apart: they tell how the rules fare on text they were
not built on. Run with -s to see the table.

Each batch of paragraphs was measured once as soon as it was written, before any rule or alias was
changed because of it (later changes then made use of them, so today's figures on them are kinder):
    batch 1 (a–c): recall 0.86, precision 1.00      batch 2 (d–e): recall 0.81, precision 0.93
    batch 3 (f–g): recall 0.83, precision 0.90      batch 4 (h–i): recall 0.87, precision 0.93
    batch 5 (j, text copied from a PDF): recall 0.89, precision 1.00
    batch 6 (k, a county's statistical bulletin; l, a district's year-end summary; 2026-12-03):
        recall 0.94, precision 1.00 (missed: a measure taking its head from a topic clause, 家庭医生签约服务…，
        签约人数38.5万人, twice; a rate after a clause of adding, 新建改建户厕1200户，普及率99.6%)
    batch 7 (m, a city's government work report: five years' review, the province beside, next year's plan):
        recall 1.00, precision 1.00, no target proposed
    pooled: 147 of 166 figures found, 147 of 152 proposals right (recall 0.89, precision 0.97)
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from desktop.catalog import read_indicators, read_regions
from desktop.extract import extract

DATA = Path(__file__).parent / "data"
LABELS = DATA / "extraction_labels.csv"


def _labels():
    by_source = defaultdict(list)
    with open(LABELS, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            by_source[row["source"]].append(row)
    return by_source


def _key(indicator: str, year: int, value: float) -> tuple:
    return indicator, int(year), round(float(value), 6)


def measure(source: str, rows: list[dict]) -> dict:
    # the report's year: the latest year labelled as a value (or as anything, for a plan)
    region = rows[0]["region"]
    years = [int(r["year"]) for r in rows if r["kind"] == "value"] or [min(int(r["year"]) for r in rows)]
    year = max(years)
    text = (DATA / f"extraction_{source}").read_text(encoding="utf-8")
    regions = {r.code: r for r in read_regions()}
    own, code = {region}, regions[region].parent_code
    while code:
        own.add(code)
        code = regions[code].parent_code
    places = [r.name for r in regions.values() if r.code not in own]
    proposals = extract(text, read_indicators(), year, regions[region], places=places)
    wanted = {_key(r["indicator"], r["year"], r["value"]) for r in rows if r["kind"] == "value"}
    refused = {_key(r["indicator"], r["year"], r["value"]): r["kind"] for r in rows if r["kind"] != "value"}
    got = {_key(p.indicator, p.year, p.value) for p in proposals}
    return {
        "source": source, "year": year, "wanted": len(wanted), "proposed": len(got),
        "hits": len(got & wanted), "missed": sorted(wanted - got), "wrong": sorted(got - wanted),
        "targets_proposed": sorted(k for k in got if refused.get(k) == "target"),
    }


def _report(title: str, results: list[dict]) -> tuple[float, float]:
    print(f"\n{title}")
    print(f"{'source':34} {'labels':>6} {'proposed':>8} {'hits':>5} {'recall':>7} {'precision':>9}")
    for r in results:
        rec = r["hits"] / r["wanted"] if r["wanted"] else 1.0
        prec = r["hits"] / r["proposed"] if r["proposed"] else 1.0
        print(f"{r['source']:34} {r['wanted']:6} {r['proposed']:8} {r['hits']:5} {rec:7.2f} {prec:9.2f}")
        for k in r["missed"]:
            print(f"    missed {k}")
        for k in r["wrong"]:
            print(f"    wrong  {k}")
    wanted = sum(r["wanted"] for r in results)
    proposed = sum(r["proposed"] for r in results)
    hits = sum(r["hits"] for r in results)
    recall = hits / wanted if wanted else 1.0
    precision = hits / proposed if proposed else 1.0
    print(f"{'overall':34} {wanted:6} {proposed:8} {hits:5} {recall:7.2f} {precision:9.2f}")
    return recall, precision


def test_seed_reports_recall_and_precision():
    labels = _labels()
    results = [measure(s, rows) for s, rows in sorted(labels.items()) if s.startswith("seeds/")]
    assert len(results) == 3
    recall, precision = _report("seed reports (the catalog was built from these)", results)
    for r in results:
        assert not r["targets_proposed"], f"{r['source']}: targets proposed as values: {r['targets_proposed']}"
    assert recall >= 0.8
    assert precision >= 0.95


def test_plan_report_proposes_no_target():
    labels = _labels()
    r = measure("seeds/wenling_2021_plan.txt", labels["seeds/wenling_2021_plan.txt"])
    assert r["proposed"] == 0, r["wrong"]


def test_unseen_paragraphs_measured_apart():
    """Paragraphs written for this test: a lower bar, reported separately (rules were not built on them)."""
    labels = _labels()
    results = [measure(s, rows) for s, rows in sorted(labels.items()) if s.startswith("unseen/")]
    assert len(results) >= 3
    recall, precision = _report("paragraphs written for the test (unseen wording)", results)
    for r in results:
        assert not r["targets_proposed"], f"{r['source']}: targets proposed as values: {r['targets_proposed']}"
    assert precision >= 0.9
    assert recall >= 0.6
