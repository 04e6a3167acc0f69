"""Benchmark of the reports: each time printed as a ratio to a floor measured in the same run.

  .venv/bin/python bench/bench_reports.py [--repeat N] [--batch N]

(The county comparison of a city or the province is measured in bench_upstream.py.)
- a batch of county-year PDFs (90 counties, five years of data each): write_report vs reportlab writing each
  county's indicator rows as one plain table in the same font. Budget 2x.
- one county-year PDF in a fresh process (imports and font loading included). Budget 1 s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.domain import ValueChange  # noqa: E402
from desktop.services import Services  # noqa: E402
from timing import ratio_table  # noqa: E402

YEAR = 2021
PROVINCE = "330000"


def build_store(path: Path) -> Services:
    services = Services.init(path)
    rnd = random.Random(5)
    changes = []
    for county in services.counties_of(PROVINCE):
        for year in range(YEAR - 4, YEAR + 1):
            for ind in services.indicators():
                lo, hi = ind.min or 0, min(ind.max or 100, (ind.min or 0) + 100)
                value = lo + (hi - lo) * (0.3 + 0.02 * (year - YEAR) + 0.05 * rnd.random())
                changes.append(ValueChange(county.code, year, ind.code, round(value, ind.decimals)))
    services.apply_changes(changes, source="cli")
    return services


# ---- floors: the same library, the same cells or rows, no report logic -----------------------------

def floor_county_pdfs(services: Services, outdir: Path, counties) -> None:
    """The same table rows a county-year report prints (indicator rows, one row per finding, the five-year
    figures), as plain tables in the same font: no validation, no Paragraphs, no charts, no signatures."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    from desktop.db import reports as dbr
    from desktop.reports.fonts import MAIN_FONT, register
    from desktop.validation import validate

    register()
    inds = services.indicators()
    style = TableStyle([("FONTNAME", (0, 0), (-1, -1), MAIN_FONT), ("FONTSIZE", (0, 0), (-1, -1), 8),
                        ("GRID", (0, 0), (-1, -1), 0.4, "grey")])
    # the findings' texts are taken outside the timed part's logic: computed here once per county
    findings = {c.code: [(f.severity, f.indicator, f.message, "") for f in validate(services, c.code, YEAR)]
                for c in counties}
    t0 = time.perf_counter()
    for c in counties:
        ry = services.get_region_year(c.code, YEAR)
        with services.store.reading():
            history = dbr.history_between(services.store.db, c.code, YEAR - 4, YEAR)
        rows = [["指标", "单位", "本年", "上年", "增减", "增减%", "目标", "达标"]]
        trend = [["指标", "单位"] + [f"{y}年" for y in range(YEAR - 4, YEAR + 1)]]
        for ind in inds:
            rec, prior = ry.values.get(ind.code), ry.prior.get(ind.code)
            rows.append([ind.name, ind.unit, ind.format(rec.value if rec else None),
                         ind.format(prior.value if prior else None), "", "", "", ""])
            by_year = history.get(ind.code, {})
            trend.append([ind.name, ind.unit] + [ind.format(by_year.get(y)) for y in range(YEAR - 4, YEAR + 1)])
        frows = [["级别", "指标", "审核意见", "说明"]] + [list(f) for f in findings[c.code]]
        doc = SimpleDocTemplate(str(outdir / f"floor_{c.code}.pdf"), pagesize=A4, initialFontName=MAIN_FONT)
        doc.build([Table(rows, colWidths=[142, 38, 54, 78, 52, 48, 54, 34], repeatRows=1, style=style),
                   Table(frows, colWidths=[54, 110, 216, 120], repeatRows=1, style=style),
                   Table(trend, colWidths=[142, 38] + [60] * 5, repeatRows=1, style=style)])
    return time.perf_counter() - t0


def single_cold(db: Path, out: Path) -> float:
    code = (f"import sys, time; sys.path.insert(0, {str(ROOT)!r}); t = time.perf_counter(); "
            "from desktop.services import Services; from desktop.reports import write_report; "
            f"s = Services.open({str(db)!r}); write_report(s, '331081', {YEAR}, {str(out)!r}); "
            "print(time.perf_counter() - t)")
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--batch", type=int, default=90, help="county-year PDFs in the batch")
    args = ap.parse_args()
    from desktop.reports import write_report
    from desktop.reports.fonts import register

    register()  # loaded once per process, in both the floor and the report
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t = time.perf_counter()
        services = build_store(tmp / "bench.sqlite")
        print(f"store: 90 counties x 56 indicators x 5 years in {time.perf_counter() - t:.1f} s")

        results = []

        counties = services.counties_of(PROVINCE)[: args.batch]
        fb = floor_county_pdfs(services, tmp, counties)

        def batch():
            for c in counties:
                write_report(services, c.code, YEAR, tmp / f"{c.code}.pdf")

        t = time.perf_counter()
        batch()
        rb = time.perf_counter() - t
        results.append((f"{len(counties)} county-year PDFs", rb, fb, 2.0))
        services.close()
        cold = statistics.median(single_cold(tmp / "bench.sqlite", tmp / "one.pdf") for _ in range(args.repeat))

    ok = ratio_table(results, digits=2)
    print(f"{'one county-year PDF, fresh process':34} {cold:8.2f}s {'':>9} {'':>6} {'1.0 s':>7} "
          f"{'ok' if cold < 1 else 'OVER'}")
    return 0 if ok and cold < 1 else 1


if __name__ == "__main__":
    sys.exit(main())
