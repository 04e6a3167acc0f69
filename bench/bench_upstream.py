"""Benchmark of the upstream office on a 90-county x 10-year store: each time a median, printed as a ratio to a
floor measured in the same run (the raw library doing the same bytes of work).

  .venv/bin/python bench/bench_upstream.py [--repeat N]

- aggregate for the province (every indicator from 90 counties, judging their values of the year to leave out
  the error values) vs the floor: the same values read with sqlite3 and summed per indicator in plain Python.
  Budget 5x: the errors come from the year's values alone, so no earlier year is read or judged (with the full
  validation of ten years of history it took 12.9x).
- status for the province (90 counties: status, filled, errors and warnings, who submitted and approved)
  vs the floor: the same values, dataset rows and status audit rows read with sqlite3, no validation. Budget 25x.
- province comparison, PDF (counties as rows, 12 indicators to a block) vs reportlab laying out the same
  table rows in the same font, with no report logic. Budget 3x: the report also validates the 90 counties
  (about 0.35 s here, for the flags, ranks and footnotes), which the floor does not.
- province comparison, Excel (a sheet per section, counties as rows) vs openpyxl writing the same cells with
  no styles and no report logic. Budget 3x, as for the PDF.

Each case runs floor and report alternately, one call at a time, so a busy machine slows both alike.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timing import median_time, ratio_table  # noqa: E402
from desktop.domain import ValueChange  # noqa: E402
from desktop.services import Services  # noqa: E402

YEAR = 2023
YEARS = range(YEAR - 9, YEAR + 1)
PROVINCE = "330000"


def build_store(path: Path) -> Services:
    """90 counties x 56 indicators x 10 years of plausible figures (the demo's simulation: ratios consistent with
    their counts, rates in range, smooth years), and five counties that typed 56.09 beds per 1000 (errors)."""
    from desktop.demo import simulate

    services = Services.init(path)
    rnd = random.Random(12)
    counties = services.counties_of(PROVINCE)
    populations = {c.code: round(rnd.uniform(15, 150), 1) for c in counties}
    values = simulate(services.indicators(), {}, populations, YEARS, seed=12)
    changes = [ValueChange(c, y, code, v) for (c, y, code), v in values.items()]
    changes += [ValueChange(c.code, YEAR, "BEDS_PER_1000", 56.09) for c in counties[::18]]
    services.apply_changes(changes, source="cli")
    return services


# ---- floors ------------------------------------------------------------------------------------------------

def _rows(db: Path, counties: list[str]):
    conn = sqlite3.connect(db)
    try:
        marks = ",".join("?" * len(counties))
        return conn.execute(f"SELECT region, indicator, value FROM value WHERE year = ? AND region IN ({marks})",
                            [YEAR, *counties]).fetchall()
    finally:
        conn.close()


def floor_aggregate(db: Path, counties: list[str]) -> dict:
    sums: dict[str, float] = {}
    for _region, code, value in _rows(db, counties):
        if value is not None:
            sums[code] = sums.get(code, 0.0) + value
    return sums


def floor_status(db: Path, counties: list[str]) -> dict:
    filled: dict[str, int] = {}
    for region, _code, value in _rows(db, counties):
        if value is not None:
            filled[region] = filled.get(region, 0) + 1
    conn = sqlite3.connect(db)
    try:
        marks = ",".join("?" * len(counties))
        statuses = dict(conn.execute(f"SELECT region, status FROM dataset WHERE year = ? AND region IN ({marks})",
                                     [YEAR, *counties]).fetchall())
        events = conn.execute(f"SELECT region, at, actor, new FROM audit WHERE field = 'status' AND year = ? "
                              f"AND region IN ({marks}) ORDER BY id", [YEAR, *counties]).fetchall()
    finally:
        conn.close()
    return {"filled": filled, "statuses": statuses, "events": events}


def floor_pdf(services: Services, db: Path, out: Path) -> None:
    """The comparison's rows (counties as rows, 12 indicators to a block, value and rank or share) as plain
    reportlab tables in the same font and page size."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    from desktop.reports.fonts import MAIN_FONT, register

    register()
    counties = services.counties_of(PROVINCE)
    values: dict[str, dict[str, float]] = {}
    for region, code, value in _rows(db, [c.code for c in counties]):
        values.setdefault(region, {})[code] = value
    inds = services.indicators()
    style = TableStyle([("FONTNAME", (0, 0), (-1, -1), MAIN_FONT), ("FONTSIZE", (0, 0), (-1, -1), 6.5),
                        ("GRID", (0, 0), (-1, -1), 0.3, "grey")])
    story = []
    for b in range(0, len(inds), 12):
        block = inds[b:b + 12]
        rows = [["县（市、区）", "状态"] + [x for i in block for x in (i.name, "")],
                ["", ""] + ["数值", "位次"] * len(block)]
        for c in counties:
            rows.append([c.name, "草稿"] + [x for i in block for x in (i.format(values[c.code].get(i.code)), "1")])
        story.append(Table(rows, colWidths=[62, 30] + [37, 18.5] * len(block), repeatRows=2, style=style))
    SimpleDocTemplate(str(out), pagesize=landscape(A4), initialFontName=MAIN_FONT).build(story)


def floor_xlsx(services: Services, db: Path, out: Path) -> None:
    from openpyxl import Workbook

    counties = services.counties_of(PROVINCE)
    values: dict[str, dict[str, float]] = {}
    for region, code, value in _rows(db, [c.code for c in counties]):
        values.setdefault(region, {})[code] = value
    wb = Workbook()
    sections: dict[str, list] = {}
    for ind in services.indicators():
        sections.setdefault(ind.section, []).append(ind)
    for name, inds in sections.items():
        ws = wb.create_sheet(name)
        for col, head in enumerate(["县（市、区）", "代码", "所属市", "类型", "状态"], start=1):
            ws.cell(4, col, head)
        for k, ind in enumerate(inds):
            ws.cell(4, 6 + 2 * k, ind.name)
            ws.cell(4, 7 + 2 * k, "位次")
        for r, c in enumerate(counties, start=5):
            ws.cell(r, 1, c.name)
            ws.cell(r, 2, c.code)
            for k, ind in enumerate(inds):
                ws.cell(r, 6 + 2 * k, values[c.code].get(ind.code))
                ws.cell(r, 7 + 2 * k, 1)
    wb.save(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from desktop.aggregate.service import aggregate_region, status_report
    from desktop.reports import write_report
    from desktop.reports.fonts import register

    register()  # loaded once per process, in both the floor and the report
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        db = tmp / "bench.sqlite"
        t = time.perf_counter()
        services = build_store(db)
        print(f"store: 90 counties x 56 indicators x 10 years in {time.perf_counter() - t:.1f} s")
        counties = [c.code for c in services.counties_of(PROVINCE)]
        cases = [
            ("aggregate, province", lambda: aggregate_region(services, PROVINCE, YEAR),
             lambda: floor_aggregate(db, counties), 5.0),
            ("status, province", lambda: status_report(services, PROVINCE, YEAR),
             lambda: floor_status(db, counties), 25.0),
            ("province comparison, PDF", lambda: write_report(services, PROVINCE, YEAR, tmp / "p.pdf"),
             lambda: floor_pdf(services, db, tmp / "f.pdf"), 3.0),
            ("province comparison, Excel", lambda: write_report(services, PROVINCE, YEAR, tmp / "p.xlsx"),
             lambda: floor_xlsx(services, db, tmp / "f.xlsx"), 3.0),
        ]
        results = []
        for name, report, floor, budget in cases:
            # alternately, one call at a time, so that a busy machine slows both alike
            f_times, r_times = [], []
            for _ in range(args.repeat):
                f_times.append(median_time(floor, 1))
                r_times.append(median_time(report, 1))
            results.append((name, statistics.median(r_times), statistics.median(f_times), budget))
        services.close()
    return 0 if ratio_table(results, f"what (medians of {args.repeat})") else 1


if __name__ == "__main__":
    sys.exit(main())
