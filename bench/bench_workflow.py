"""Benchmark of the approval flow and the catalog trials, each as a ratio to a floor measured in the same run.

Store: 90 counties × 10 years × 56 indicators (about 50,000 values). Figures are medians of --repeat runs.
- submit one county-year (validation with completeness, snapshot of its values, status and audit rows in one
  transaction) vs the floor: raw sqlite3 writing the same rows (status, 56 snapshot rows, one audit row) in
  one transaction. Budget: under 50 ms absolute (a click); the ratio shows what validation costs.
- try_rules over all 900 region-years (current and proposed rules, both through the validation engine) vs the
  floor: the same parsed comparisons evaluated directly on the same dicts, twice. Budget 10×: the random data
  here breaks about 7 rules per region-year; rules in both texts are evaluated once, and each break of a
  changed rule gets the engine's full Chinese message.
- try_indicator on one indicator over 900 values vs the floor: a plain loop doing the same range, year-on-year
  and z-score checks on the same series, twice. Budget 10× (the engine also builds each finding's message).

    .venv/bin/python bench/bench_workflow.py [--repeat 5]
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

from timing import median_time  # noqa: E402
from desktop import catalog_admin, workflow  # noqa: E402
from desktop.db import repo  # noqa: E402
from desktop.domain import ValueRecord  # noqa: E402
from desktop.services import Services  # noqa: E402

YEARS = list(range(2012, 2022))


def build(path: Path) -> tuple[Services, list[str]]:
    services = Services.init(path)
    rnd = random.Random(11)
    counties = [r.code for r in services.regions() if r.level == "county"]
    records = []
    for region in counties:
        for ind in services.indicators():
            lo = ind.min if ind.min is not None else 0
            hi = ind.max if ind.max is not None else 1000
            base = lo + (hi - lo) * rnd.uniform(0.05, 0.3)
            for year in YEARS:
                value = base * (1 + 0.03 * (year - YEARS[0])) * rnd.uniform(0.97, 1.03)
                value = round(min(max(value, lo), hi), ind.decimals)
                records.append(ValueRecord(region, year, ind.code, value, "", "2026-01-01T00:00:00", "bench", "bench"))
    with services.store.write() as db:
        repo.put_values(db, records)
    return services, counties




def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        services, counties = build(Path(tmp) / "bench.sqlite")
        print(f"store: {len(counties)} counties × {len(YEARS)} years × {len(services.indicators())} indicators "
              f"built in {time.perf_counter() - t:.1f} s")
        year = YEARS[-1] + 1
        # next year's dataset: every indicator filled near the last year, so submission passes validation
        from desktop.domain import ValueChange

        last = {code: p.value for code, p in services.get_region_year(counties[0], year).prior.items()}

        def fill(region):
            # last year's figures again, made consistent with the error rules, every value explained
            v = {code: p.value for code, p in services.get_region_year(region, year).prior.items()}
            v["U5_MORTALITY"] = max(v["U5_MORTALITY"], v["INFANT_MORTALITY"])
            for part, whole in (("CHILDCARE_PLACES_AFFORDABLE", "CHILDCARE_PLACES"),
                                ("FAMILY_DOCTOR_CONTRACTS", "POP_RESIDENT"), ("POP_ELDERLY_60", "POP_RESIDENT")):
                v[part] = min(v[part], v[whole])
            services.apply_changes([ValueChange(region, year, code, x, "基准测试数据按上年口径填报") for code, x in v.items()],
                                   source="bench")

        # ---- submit ------------------------------------------------------------------------------------
        targets = iter(counties)
        submit_times = []
        for _ in range(args.repeat):
            region = next(targets)
            fill(region)
            t0 = time.perf_counter()
            workflow.submit(services, region, year)
            submit_times.append(time.perf_counter() - t0)
        submit = statistics.median(submit_times)
        floor_path = Path(tmp) / "floor.sqlite"
        conn = sqlite3.connect(floor_path)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("CREATE TABLE ds(region, year, status, at)")
        conn.execute("CREATE TABLE snap(sub, indicator, value, note)")
        conn.execute("CREATE TABLE aud(at, user, old, new, hash)")
        rows = list(last.items())

        def floor_submit():
            with conn:
                conn.execute("INSERT INTO ds VALUES (?, ?, ?, ?)", ("330000", year, "submitted", "t"))
                conn.executemany("INSERT INTO snap VALUES (1, ?, ?, '')", rows)
                conn.execute("INSERT INTO aud VALUES ('t', 'u', 'draft', 'submitted', 'h')")

        floor = median_time(floor_submit, args.repeat)
        conn.close()
        print(f"submit one county-year: {submit * 1000:.1f} ms = {submit / floor:.1f}× raw sqlite3 "
              f"({floor * 1000:.2f} ms)  budget < 50 ms")

        # ---- try_rules -----------------------------------------------------------------------------------
        text = catalog_admin.rules_text(services) + "warning: BEDS_PER_1000 <= 6\n"
        trial = catalog_admin.try_rules(services, text, before_year=year)
        engine = median_time(lambda: catalog_admin.try_rules(services, text, before_year=year), args.repeat)
        ruleset = catalog_admin.parse_rules(services, text)
        by_ry: dict = {}
        for region, yr, code, value in services.store.execute(
                "SELECT region, year, indicator, value FROM value WHERE year < ?", (year,)):
            by_ry.setdefault((region, yr), {})[code] = value

        def floor_rules():
            n = 0
            for _ in range(2):
                for values in by_ry.values():
                    for rule in ruleset:
                        sides = rule.condition.sides(values)
                        if sides is not None and not rule.condition.holds(*sides):
                            n += 1
            return n

        floor = median_time(floor_rules, args.repeat)
        print(f"try_rules over {trial.examined} region-years: {engine * 1000:.0f} ms = {engine / floor:.1f}× "
              f"direct evaluation ({floor * 1000:.0f} ms)  budget 10×")

        # ---- try_indicator -------------------------------------------------------------------------------
        code = "HOSPITAL_BEDS"
        engine = median_time(lambda: catalog_admin.try_indicator(services, code, before_year=year, yoy_warn=5),
                             args.repeat)
        series: dict = {}
        for region, yr, value in services.store.execute(
                "SELECT region, year, value FROM value WHERE indicator = ? AND year < ?", (code, year)):
            series.setdefault(region, {})[yr] = value

        def floor_yoy():
            # the same three checks written plainly: range, change on the nearest earlier year, z-score
            n = 0
            for t_ in (0.15, 0.05):
                for by_year in series.values():
                    ys = sorted(by_year)
                    for k, b in enumerate(ys):
                        v = by_year[b]
                        if not 0 <= v <= 100000:
                            n += 1
                        if k == 0:
                            continue
                        a = ys[k - 1]
                        if by_year[a] and abs(v / by_year[a] - 1) > (1 + t_) ** (b - a) - 1:
                            n += 1
                        if k >= 3:
                            earlier = [by_year[y] for y in ys[:k]]
                            sd = statistics.stdev(earlier)
                            if sd and abs(v - statistics.fmean(earlier)) / sd > 3:
                                n += 1
            return n

        floor = median_time(floor_yoy, args.repeat)
        print(f"try_indicator over {sum(len(s) for s in series.values())} values: {engine * 1000:.1f} ms = "
              f"{engine / floor:.1f}× plain loop ({floor * 1000:.2f} ms)  budget 10×")
        services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
