"""Validation speed on a province-size store (90 counties × 56 indicators × 10 years), as ratios to reading the rows.

    .venv/bin/python bench/bench_validation.py [--db PATH] [--repeat N]

Prints the median time of validating one region-year (budget 5 ms) and all 90 counties of one year
(budget 0.5 s), each with its ratio to the floor measured in the same run: plain sqlite3 fetching the
same rows with the same SQL (the region's values up to that year and its targets) on the same connection.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timing import median_time  # noqa: E402
from desktop.db import validation as dbv  # noqa: E402
from desktop.domain import ValueChange  # noqa: E402
from desktop.services import Services  # noqa: E402
from desktop.validation import validate, validate_many  # noqa: E402

YEARS = list(range(2015, 2025))
YEAR = YEARS[-1]
RATIOS = {  # per-1000 indicator: (count, population, scale) so the shipped consistency rules hold
    "BEDS_PER_1000": ("HOSPITAL_BEDS", "POP_RESIDENT"),
    "DOCTORS_PER_1000": ("LICENSED_DOCTORS", "POP_RESIDENT"),
    "NURSES_PER_1000": ("REGISTERED_NURSES", "POP_RESIDENT"),
    "CHILDCARE_PLACES_PER_1000": ("CHILDCARE_PLACES", "POP_RESIDENT"),
    "ELDERLY_REHAB_BEDS_PER_1000": ("ELDERLY_REHAB_BEDS", "POP_ELDERLY_60"),
}


def _series(rng: random.Random, ind, start: float) -> list[float]:
    lo = ind.min if ind.min is not None else 0.0
    hi = ind.max if ind.max is not None else start * 10
    step = (ind.yoy_warn or 10) / 4
    out, v = [], start
    for _ in YEARS:
        out.append(round(min(hi, max(lo, v)), ind.decimals))
        if ind.threshold_in_points:
            v += rng.uniform(-step, step)
        else:
            v *= 1 + rng.uniform(-step, step) / 100
    return out


def build(path: Path, seed: int = 7) -> Services:
    """A store with every indicator of every county for YEARS (through Services, one audited transaction)."""
    services = Services.init(path)
    rng = random.Random(seed)
    inds = services.indicators()
    counties = [r for r in services.regions() if r.level == "county"][:90]
    changes = []
    for county in counties:
        pop = rng.uniform(20, 150)
        data: dict[str, list[float]] = {}
        for ind in inds:
            if ind.code == "POP_RESIDENT":
                start = pop
            elif ind.code == "POP_ELDERLY_60":
                start = pop * rng.uniform(0.15, 0.25)
            elif ind.code in ("HOSPITAL_BEDS", "LICENSED_DOCTORS", "REGISTERED_NURSES"):
                start = pop * 10 * rng.uniform(2.5, 6)
            elif ind.code in ("FAMILY_DOCTOR_CONTRACTS", "HEALTH_CHECKS", "EHR_RECORDS"):
                start = pop * rng.uniform(0.3, 0.6)
            elif ind.code == "ELDERLY_ACCIDENT_INSURED":
                start = pop * rng.uniform(0.02, 0.05)
            else:
                lo = ind.min or 0.0
                hi = ind.max if ind.max is not None else 100.0
                start = lo + (hi - lo) * rng.uniform(0.2, 0.5) if ind.kind != "count" else hi * rng.uniform(0.001, 0.01)
            data[ind.code] = _series(rng, ind, start)
        data["CHILDCARE_PLACES_AFFORDABLE"] = [round(p * 0.6) for p in data["CHILDCARE_PLACES"]]
        data["U5_MORTALITY"] = [max(u, i) for u, i in zip(data["U5_MORTALITY"], data["INFANT_MORTALITY"])]
        data["COUNTY_VISIT_SHARE"] = [max(c, p) for c, p in zip(data["COUNTY_VISIT_SHARE"], data["PRIMARY_VISIT_SHARE"])]
        for ratio, (count, base) in RATIOS.items():
            data[ratio] = [round(c / (b * 10), 2) for c, b in zip(data[count], data[base])]
        for code, series in data.items():
            for year, value in zip(YEARS, series):
                changes.append(ValueChange(county.code, year, code, value))
    services.apply_changes(changes, source="bench")
    return services




def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="reuse (or build once into) this store file")
    ap.add_argument("--repeat", type=int, default=21)
    args = ap.parse_args(argv)
    tmp = None
    if args.db and Path(args.db).exists():
        services = Services.open(args.db)
        print(f"store: {args.db} (reused)")
    else:
        if args.db:
            path = Path(args.db)
        else:
            tmp = tempfile.TemporaryDirectory()
            path = Path(tmp.name) / "bench.sqlite"
        t = time.perf_counter()
        services = build(path)
        print(f"store: built in {time.perf_counter() - t:.1f} s")
    try:
        counties = sorted(r.code for r in services.regions() if r.level == "county")[:90]
        conn = services.store.conn
        (rows,) = conn.execute("SELECT count(*) FROM value").fetchone()
        print(f"rows: {rows} values, {len(counties)} counties, years {YEARS[0]}–{YEAR}")

        def read_one(code):
            conn.execute(dbv.ONE_REGION_SQL, (YEAR, code, YEAR)).fetchall()
            conn.execute("SELECT indicator, value FROM target WHERE region = ? AND year = ?", (code, YEAR)).fetchall()

        def read_all():
            marks = ",".join("?" * len(counties))
            conn.execute(dbv.MANY_REGIONS_SQL.format(marks=marks), (YEAR, *counties, YEAR)).fetchall()
            conn.execute(f"SELECT region, indicator, value FROM target WHERE region IN ({marks}) AND year = ?",
                         (*counties, YEAR)).fetchall()

        validate(services, counties[0], YEAR)  # warm: catalog and rules caches, as after the first keystroke
        n_findings = sum(len(v) for v in validate_many(services, counties, YEAR).values())
        one_inner = 20

        def each_county(fn):
            def run():
                for code in counties[:one_inner]:
                    fn(code)
            return run

        floor_one = median_time(each_county(read_one), args.repeat) / one_inner
        one = median_time(each_county(lambda c: validate(services, c, YEAR)), args.repeat) / one_inner
        floor_all = median_time(read_all, args.repeat)
        many = median_time(lambda: validate_many(services, counties, YEAR), args.repeat)

        print(f"findings in {YEAR}: {n_findings} over {len(counties)} counties")
        print(f"one region-year:   validate {one * 1000:7.3f} ms   floor (read its rows) {floor_one * 1000:7.3f} ms"
              f"   ratio {one / floor_one:5.1f}x   budget 5 ms: {'ok' if one < 0.005 else 'OVER'}")
        print(f"90 counties, 1 yr: validate {many * 1000:7.1f} ms   floor (read their rows) {floor_all * 1000:7.1f} ms"
              f"   ratio {many / floor_all:5.1f}x   budget 500 ms: {'ok' if many < 0.5 else 'OVER'}")
    finally:
        services.close()
        if tmp is not None:
            tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
