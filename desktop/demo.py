"""The demo store of `init --demo`: the figures of the seed reports (resources/demo/), and around them five
years (2019–2023) of every indicator for the twelve counties of 温州市, simulated and marked as such (source
`demo-sim`: the window and every report printed from them say 演示数据·模拟). Deterministic: the same store
every time. Statuses as a city office meets them: earlier years approved; 2023 with nine counties approved,
瑞安市 submitted, 乐清市 returned with a figure still wrong, 龙港市 not yet reported."""

from __future__ import annotations

import csv
import random

from desktop import catalog as catalog_res
from desktop import policy, workflow
from desktop.db import repo
from desktop.domain import SIMULATED_SOURCE, ValueChange
from desktop.errors import AppError

CITY = "330300"
YEARS = tuple(range(2019, 2024))
ANCHOR = 2021  # the year the seed report of 瑞安市 speaks of: the simulated series pass through its figures
# residents (万人, about the 2020 census) of 温州's counties, in code order
POPULATION = {"330302": 114.2, "330303": 78.1, "330304": 96.5, "330305": 16.2, "330324": 87.0, "330326": 86.3,
              "330327": 84.4, "330328": 28.8, "330329": 26.6, "330381": 152.6, "330382": 144.7, "330383": 46.5}
RETURNED, SUBMITTED, NOT_REPORTED = "330382", "330381", "330383"  # 乐清市, 瑞安市, 龙港市 in 2023
RETURN_REASON = "每千人口床位数与床位数、常住人口不符，请核实后重新提交"
# per indicator: (how it scales, level in 2021, spread between counties, change per year)
#   pop: count per 万 residents (× residents); eld: per 万 aged 60+; rate: a level (points); fixed: a count
PROFILE = {
    "POP_ELDERLY_60": ("pop", 0.185, 0.12, 0.03),
    "LIFE_EXPECTANCY": ("rate", 81.6, 0.7, 0.2),
    "PREMATURE_NCD_MORTALITY": ("rate", 9.6, 0.7, -0.15),
    "HEALTH_LITERACY": ("rate", 34.0, 3.0, 1.4),
    "INFANT_MORTALITY": ("rate", 2.1, 0.3, -0.05),
    "U5_MORTALITY": ("rate", 2.9, 0.3, -0.06),
    "MATERNAL_MORTALITY": ("rate", 4.5, 1.5, -0.1),
    "GP_PER_10000": ("rate", 4.4, 0.6, 0.2),
    "HOSPITAL_BEDS": ("pop", 52.0, 0.15, 0.03),
    "LICENSED_DOCTORS": ("pop", 33.0, 0.12, 0.03),
    "REGISTERED_NURSES": ("pop", 36.0, 0.12, 0.04),
    "EMS_STATIONS": ("pop", 0.10, 0.2, 0.02),
    "AMBULANCES": ("pop", 0.32, 0.2, 0.04),
    "FEVER_CLINICS": ("pop", 0.11, 0.2, 0.0),
    "NAT_DAILY_CAPACITY": ("pop", 200.0, 0.2, 0.05),
    "VILLAGE_CLINICS_NEW": ("pop", 0.08, 0.3, 0.0),
    "ELDERLY_REHAB_BEDS": ("eld", 45.0, 0.15, 0.05),
    "HEALTH_TALENT_RECRUITED": ("pop", 2.4, 0.2, 0.03),
    "PRIMARY_VISIT_SHARE": ("rate", 67.0, 4.0, 0.5),
    "COUNTY_VISIT_SHARE": ("rate", 88.0, 2.5, 0.3),
    "SERVICE_REVENUE_SHARE": ("rate", 33.0, 2.5, 0.5),
    "OUTPATIENT_COST_GROWTH": ("rate", 3.0, 1.5, 0.0),
    "INPATIENT_COST_GROWTH": ("rate", 2.0, 1.5, 0.0),
    "MEDICAL_COST_GROWTH": ("rate", 6.0, 1.5, 0.0),
    "PUBLIC_HOSPITAL_REFORM_SCORE": ("rate", 85.0, 4.0, 0.5),
    "OOP_SHARE": ("rate", 26.0, 2.0, -0.4),
    "EHR_RECORDS": ("pop", 0.78, 0.06, 0.02),
    "EHR_STANDARD_COVERAGE": ("rate", 64.0, 4.0, 1.0),
    "EHR_OPEN_RATE": ("rate", 60.0, 6.0, 3.0),
    "FAMILY_DOCTOR_RATE": ("rate", 44.0, 4.0, 1.0),
    "KEY_POP_CONTRACT_RATE": ("rate", 80.0, 4.0, 1.0),
    "HEALTH_CHECKS": ("pop", 0.12, 0.12, 0.03),
    "HEALTH_CHECK_RATE": ("rate", 88.0, 4.0, 0.5),
    "FLU_VACCINE_ELDERLY": ("eld", 2500.0, 0.15, 0.06),
    "PNEUMO_VACCINE_ELDERLY": ("eld", 800.0, 0.15, 0.06),
    "COLORECTAL_SCREENING": ("pop", 200.0, 0.2, 0.05),
    "SANITARY_TOILET_RATE": ("rate", 97.5, 1.0, 0.3),
    "TOILETS_REBUILT": ("pop", 30.0, 0.25, 0.0),
    "NOTIFIABLE_DISEASE_CASES": ("pop", 40.0, 0.2, 0.0),
    "CHILD_HEALTH_MGMT_RATE": ("rate", 96.5, 1.0, 0.2),
    "MATERNAL_MGMT_RATE": ("rate", 95.5, 1.2, 0.2),
    "CHILDCARE_INSTITUTIONS": ("pop", 0.75, 0.2, 0.08),
    "CHILDCARE_PLACES": ("pop", 28.0, 0.15, 0.1),
    "CHILDCARE_COVERAGE": ("rate", 78.0, 6.0, 3.0),
    "TCM_MGMT_RATE": ("rate", 74.0, 4.0, 1.0),
    "TCM_LITERACY": ("rate", 24.0, 3.0, 1.5),
    "ELDER_CARE_PARTNER_INSTITUTIONS": ("pop", 0.36, 0.2, 0.03),
}
# counts that follow others: share of the other, (for the affordable places, the insured, the contracts)
SHARE_OF = {"CHILDCARE_PLACES_AFFORDABLE": ("CHILDCARE_PLACES", 0.62), "ELDERLY_ACCIDENT_INSURED": ("POP_ELDERLY_60", 0.46)}
RATIOS = {"BEDS_PER_1000": ("HOSPITAL_BEDS", "POP_RESIDENT"), "DOCTORS_PER_1000": ("LICENSED_DOCTORS", "POP_RESIDENT"),
          "NURSES_PER_1000": ("REGISTERED_NURSES", "POP_RESIDENT"),
          "CHILDCARE_PLACES_PER_1000": ("CHILDCARE_PLACES", "POP_RESIDENT"),
          "ELDERLY_REHAB_BEDS_PER_1000": ("ELDERLY_REHAB_BEDS", "POP_ELDERLY_60")}


def seed_rows() -> list[dict]:
    with open(catalog_res.DEMO_VALUES_CSV, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _series(rng: random.Random, kind: str, level: float, spread: float, drift: float, pop: float,
            years) -> dict[int, float]:
    if kind == "rate":
        base = level + rng.uniform(-spread, spread)
        return {y: base + drift * (y - ANCHOR) + rng.uniform(-0.15, 0.15) * spread * 0.3 for y in years}
    scale = pop if kind == "pop" else pop * 0.185  # eld: per 万 aged 60+
    base = level * scale * (1 + rng.uniform(-spread, spread))
    return {y: base * (1 + drift) ** (y - ANCHOR) * (1 + rng.uniform(-0.01, 0.01)) for y in years}


def simulate(indicators, seeds: dict[tuple[str, int, str], float], populations: dict[str, float] | None = None,
             years=YEARS, seed: int = 20231231) -> dict[tuple[str, int, str], float]:
    """{(county, year, code): value} for every visible indicator of the counties (default 温州's, residents in
    万 in 2021) over `years`, through the seed figures where they exist, ratios computed from their counts
    (consistent within the rules' 2 %). The benchmarks use it for a plausible province."""
    YEARS = tuple(years)  # noqa: N806 - the module's years unless others are asked for
    rng = random.Random(seed)
    by_code = {i.code: i for i in indicators}
    out: dict[tuple[str, int, str], float] = {}
    for county, pop2021 in (populations or POPULATION).items():
        pops = {y: pop2021 * (1 + 0.006) ** (y - ANCHOR) for y in YEARS}
        vals: dict[str, dict[int, float]] = {"POP_RESIDENT": pops}
        for code, (kind, level, spread, drift) in PROFILE.items():
            vals[code] = _series(rng, kind, level, spread, drift, pop2021, YEARS)
        # the seed figures of 瑞安市 anchor its series (and the counts its ratios speak of)
        anchor = {code: v for (r, y, code), v in seeds.items() if r == county and y == ANCHOR}
        if "ELDERLY_REHAB_BEDS" in anchor and "ELDERLY_REHAB_BEDS_PER_1000" in anchor:
            anchor.setdefault("POP_ELDERLY_60", anchor["ELDERLY_REHAB_BEDS"] / (anchor["ELDERLY_REHAB_BEDS_PER_1000"] * 10))
        if "CHILDCARE_PLACES_PER_1000" in anchor:
            anchor.setdefault("CHILDCARE_PLACES", anchor["CHILDCARE_PLACES_PER_1000"] * pops[ANCHOR] * 10)
        for code, target in anchor.items():
            if code in vals:
                series = vals[code]
                if by_code[code].kind in ("count",) and series[ANCHOR]:
                    k = target / series[ANCHOR]
                    vals[code] = {y: v * k for y, v in series.items()}
                else:
                    d = target - series[ANCHOR]
                    vals[code] = {y: v + d for y, v in series.items()}
        fd = vals["FAMILY_DOCTOR_RATE"]
        vals["FAMILY_DOCTOR_CONTRACTS"] = {y: pops[y] * fd[y] / 100 for y in YEARS}
        if "FAMILY_DOCTOR_CONTRACTS" in anchor:
            vals["FAMILY_DOCTOR_CONTRACTS"] = {y: anchor["FAMILY_DOCTOR_CONTRACTS"] * (1.02 ** (y - ANCHOR)) for y in YEARS}
        for code, (other, share) in SHARE_OF.items():
            vals[code] = {y: vals[other][y] * share for y in YEARS}
            if code in anchor:
                vals[code] = {y: v * anchor[code] / vals[code][ANCHOR] for y, v in vals[code].items()}
        for code in by_code:
            if code in RATIOS or code not in vals:
                continue
            ind = by_code[code]
            for y in YEARS:
                v = vals[code][y]
                if ind.max is not None:
                    v = min(v, ind.max - 0.5)
                v = round(max(v, 0.0) if ind.kind != "growth" else v, ind.decimals)
                vals[code][y] = v
        for code, (num, den) in RATIOS.items():
            vals[code] = {y: round(vals[num][y] / (vals[den][y] * 10), 2) for y in YEARS}
        for code, series in vals.items():
            if code in by_code and not by_code[code].hidden:
                for y, v in series.items():
                    out[(county, y, code)] = v
    return out


def load_seeds(services) -> int:
    """The seed reports' figures and targets alone (source `demo`), as audited changes; returns how many values."""
    rows = seed_rows()
    changes = [ValueChange(r["region"], int(r["year"]), r["indicator"], float(r["value"]), r.get("note") or "")
               for r in rows]
    n = services.apply_changes(changes, source="demo")
    with open(catalog_res.DEMO_TARGETS_CSV, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            services.set_target(row["region"], int(row["year"]), row["indicator"], float(row["value"]), source="demo")
    return n


def load_demo(services) -> int:
    """The seed figures (source `demo`), then the simulated counties (source `demo-sim`) as audited changes, then
    the statuses walked through the real workflow. Returns how many values were written."""
    services.require_role(*policy.ADMIN_ONLY, action="载入演示数据")
    with services.store.reading() as db:
        typed, statuses = repo.entered_data(db, ("demo", SIMULATED_SOURCE))
    if typed or statuses:
        # the demo writes figures and statuses over 温州's counties: never over what someone entered
        raise AppError(f"数据库中已有录入的数据（{typed} 个非演示数值，{statuses} 个地区年度的状态），"
                       "演示数据会覆盖它们，未载入；请在新的数据库中载入演示数据（init --demo 用新的 --db 文件）")
    n = load_seeds(services)
    seeds = {(r["region"], int(r["year"]), r["indicator"]): float(r["value"]) for r in seed_rows()}
    simulated = simulate(services.indicators(), seeds)
    sim = [ValueChange(c, y, code, v) for (c, y, code), v in sorted(simulated.items())
           if (c, y, code) not in seeds and not (c == NOT_REPORTED and y == YEARS[-1])]
    n += services.apply_changes(sim, source=SIMULATED_SOURCE)
    for y in YEARS:
        for county in POPULATION:
            if y == YEARS[-1] and county == NOT_REPORTED:
                continue
            workflow.submit(services, county, y, source="demo")
            if y == YEARS[-1] and county == SUBMITTED:
                continue
            if y == YEARS[-1] and county == RETURNED:
                workflow.return_dataset(services, county, y, RETURN_REASON, source="demo")
                continue
            workflow.approve(services, county, y, source="demo")
    # the returned county has typed its ratio as a count per 10 000 (an error the comparison marks)
    services.apply_changes([ValueChange(RETURNED, YEARS[-1], "BEDS_PER_1000", 56.09)], source=SIMULATED_SOURCE)
    return n + 1
