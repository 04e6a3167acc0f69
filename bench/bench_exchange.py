"""Benchmark of the Excel exchange: a province-size workbook exported and imported, as ratios to library floors.

90 counties × 56 indicators × 10 years (about 50,000 rows, 403,000 cells). Floors measured in the same run:
- read:  openpyxl read-only, iter_rows(values_only=True) over the same file (budget: import ≤ 1.5×);
- write: openpyxl write-only appending the same values (budget: export ≤ 1.5×);
- python-calamine reading the same file, printed for comparison ("n/a" when not installed);
- the same rows as a web page saved as .xls: desktop.exchange.htmltable against bare html.parser.
Import is timed as plan + commit (one transaction, audit rows) into a fresh store; the validation run after an
import is timed separately. Each figure is the median of --repeat runs.

    .venv/bin/python bench/bench_exchange.py [--repeat 3] [--years 10]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.db import repo  # noqa: E402
from desktop.domain import ValueRecord  # noqa: E402
from desktop.services import Services  # noqa: E402


def make_store(path: Path, years: list[int]) -> tuple[Services, list]:
    services = Services.init(path)
    rnd = random.Random(7)
    counties = [r for r in services.regions() if r.level == "county"]
    inds = services.indicators()
    records = []
    for region in counties:
        for year in years:
            for ind in inds:
                lo = ind.min if ind.min is not None else 0
                hi = ind.max if ind.max is not None else 1000
                value = round(rnd.uniform(lo, lo + (hi - lo) * 0.5), ind.decimals)
                note = "核实：口径调整" if rnd.random() < 0.02 else ""
                records.append(ValueRecord(region.code, year, ind.code, value, note, "2026-01-01T00:00:00", "bench",
                                           "bench"))
    with services.store.write() as db:
        repo.put_values(db, records)
    return services, counties


def floor_read(path: Path) -> tuple[float, int]:
    import openpyxl

    t = time.perf_counter()
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    n = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            n += sum(1 for v in row if v is not None)
    wb.close()
    return time.perf_counter() - t, n


def calamine_read(path: Path) -> float | None:
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        return None
    t = time.perf_counter()
    wb = CalamineWorkbook.from_path(str(path))
    for name in wb.sheet_names:
        for _row in wb.get_sheet_by_name(name).to_python():
            pass
    return time.perf_counter() - t


def floor_write(path: Path, rows: list[list]) -> float:
    from openpyxl import Workbook

    t = time.perf_counter()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("数据")
    for row in rows:
        ws.append(row)
    wb.save(path)
    return time.perf_counter() - t


def sheet_rows(path: Path) -> list[list]:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = [list(r) for r in wb["数据"].iter_rows(values_only=True)]
    wb.close()
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--years", type=int, default=10)
    args = ap.parse_args(argv)
    from desktop.exchange import commit_import, export_workbook, plan_import

    years = list(range(2015, 2015 + args.years))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src, counties = make_store(tmp / "src.sqlite", years)
        book = tmp / "province.xlsx"
        t_export, t_wfloor, t_import, t_rfloor, t_cal, t_valid = [], [], [], [], [], []
        for i in range(args.repeat):
            t = time.perf_counter()
            export_workbook(src, [c.code for c in counties], years, book)
            t_export.append(time.perf_counter() - t)
            rows = sheet_rows(book)
            t_wfloor.append(floor_write(tmp / "floor.xlsx", rows))
            dest = Services.init(tmp / f"dest{i}.sqlite")
            t = time.perf_counter()
            plan = plan_import(dest, [book])
            assert plan.ok, plan.errors[:3]
            result = commit_import(dest, plan, validate=False)
            t_import.append(time.perf_counter() - t)
            t = time.perf_counter()
            from desktop.exchange.importer import _validate

            _validate(dest, plan.region_years)
            t_valid.append(time.perf_counter() - t)
            dest.close()
            t_rfloor.append(floor_read(book)[0])
            cal = calamine_read(book)
            if cal is not None:
                t_cal.append(cal)
        cells = floor_read(book)[1]
        src.close()
    med = statistics.median
    print(f"workbook: {len(counties)} counties × {len(years)} years, {len(rows) - 1} rows, {cells} non-empty cells "
          f"(empty notes are no cells); {result.written} values imported; median of {args.repeat}")
    print(f"export: {med(t_export):.2f} s = {med(t_export) / med(t_wfloor):.2f} × openpyxl write-only floor "
          f"({med(t_wfloor):.2f} s)  [budget 1.5×]")
    print(f"import: {med(t_import):.2f} s = {med(t_import) / med(t_rfloor):.2f} × openpyxl read-only floor "
          f"({med(t_rfloor):.2f} s)  [budget 1.5×]")
    if t_cal:
        print(f"import: {med(t_import) / med(t_cal):.1f} × python-calamine ({med(t_cal):.2f} s; values only, "
              f"no number formats)")
    else:
        print("import: python-calamine n/a (not installed)")
    print(f"validation after import ({len(plan.region_years)} region-years): {med(t_valid):.2f} s = "
          f"{med(t_valid) / med(t_rfloor):.2f} × read floor (reported, not part of the import budget)")
    bench_web_page(rows, args.repeat)
    return 0


def bench_web_page(rows: list, repeat: int) -> None:
    """The same rows as a web page saved as .xls (the 导出.xls of many systems): reading its table into rows
    (desktop.exchange.htmltable) against the standard library's bare html.parser over the same text."""
    from html import escape
    from html.parser import HTMLParser

    from desktop.exchange.htmltable import read_tables

    body = "".join("<tr>" + "".join(f"<td>{escape(str(v)) if v is not None else ''}</td>" for v in row) + "</tr>"
                   for row in rows)
    page = f"<html><head><meta charset='utf-8'></head><body><table>{body}</table></body></html>"
    data = page.encode("utf-8")
    ours, floor = [], []
    for _ in range(repeat):
        t = time.perf_counter()
        read_tables(data, "导出.xls", "导出")
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        parser = HTMLParser()
        parser.feed(data.decode("utf-8"))
        parser.close()
        floor.append(time.perf_counter() - t)
    med = statistics.median
    print(f"web page read ({len(data) / 1048576:.1f} MB, {len(rows)} rows): {med(ours):.2f} s = "
          f"{med(ours) / med(floor):.2f} × bare html.parser ({med(floor):.2f} s)")


if __name__ == "__main__":
    sys.exit(main())
