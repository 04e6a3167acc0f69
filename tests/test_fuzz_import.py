"""Import fuzzed with hypothesis: random cell types, strings, sizes, merged cells, hidden sheets, formulas,
dates in number cells, huge and negative numbers, NaN/inf text, shuffled or missing headers.

Every case ends in success or a clear refusal (an AppError naming the file), never a traceback and
never a partial write; a success leaves only finite numbers, each with its audit row.
Prints "N fuzz cases: I imported, R refused, 0 tracebacks, 0 partial writes". 220 cases by default,
2000 with --long.
"""

from __future__ import annotations

import datetime as dt
import math
import sqlite3
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.errors import AppError
from desktop.exchange import ImportRefused, import_files
from desktop.services import Services

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "helpers"))

import workbooks  # noqa: E402

MEMORY_BOUND_MB = 300  # the bound of docs/RELIABILITY.md, here the growth of the pytest process
EN_HEADER = ["region_code", "region_name", "year", "indicator_code", "indicator_name", "unit", "value", "note"]

HOSTILE_TEXT = ["NaN", "nan", "inf", "-inf", "Infinity", "1e309", "-1e309", "—", "-", "/", "4,839", "６５.３５",
                "65.35%", "1 234.5", "12万", "#DIV/0!", "#N/A", "TRUE", "0x1F", "1_000", "٣٫٥", "  ", "\t4.6\n",
                "=1+1", "+4.6", "@SUM(A1)", "4.6.7", "1e-400", "９９９９９９９９９９９９９９９９９９９９", "𠀀", "🙂",
                "\u202e6.4", "DROP TABLE value;--", "'4.6", "4.6\u00a0", "\ufeff4.6"]

# text a worksheet can hold (openpyxl refuses control characters when writing)
TEXT = st.characters(blacklist_categories=("Cc", "Cs"))


def _cell(regions, indicators):
    return st.one_of(
        st.none(),
        st.sampled_from(HOSTILE_TEXT),
        st.text(TEXT, max_size=40),
        st.text(alphabet="0123456789.,-%万 ", max_size=12),
        st.integers(min_value=-(10**20), max_value=10**20),
        st.floats(allow_nan=False, allow_infinity=False),
        st.sampled_from([1e308, -1e308, 5e-324, -0.0, 2**53 + 1, 10**15]),
        st.booleans(),
        st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 1, 1)),
        st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)),
        st.sampled_from(regions),
        st.sampled_from(indicators),
        st.integers(min_value=1990, max_value=2035),
        # a long text (a note over its 2,000-character limit, a cell of thousands): a short text repeated, as
        # drawing 6,000 characters one by one costs hypothesis more than the import it feeds
        st.builds(lambda s, n: (s * n)[:n], st.text(TEXT, min_size=1, max_size=20), st.integers(2000, 6000)),
    )


@st.composite
def books(draw, regions, region_names, indicators):
    """(rows as cell lists, header, features) of one workbook."""
    header = list(draw(st.sampled_from([workbooks.HEADER, EN_HEADER])))
    if draw(st.booleans()):
        header = draw(st.permutations(header))
    if draw(st.integers(0, 7)) == 0:
        header.pop(draw(st.integers(0, len(header) - 1)))  # a missing column
    if draw(st.integers(0, 7)) == 0:
        header.append(draw(st.sampled_from(header + ["上年数值", "备注", ""])))  # an extra or duplicate column
    n_rows = draw(st.integers(0, 25))
    noise = draw(st.sampled_from([0, 0, 0, 1, 2, 5]))  # in ten: how often a cell is hostile
    # the strategies of a row, made once (made again for each cell they cost more than the draws)
    region_of, with_name, year_of = st.integers(0, len(region_names) - 1), st.booleans(), st.integers(2015, 2025)
    indicator_of, note_of = st.sampled_from(indicators), st.sampled_from(["", "因统计口径调整", "新建医院投入使用"])
    value_of = st.one_of(st.floats(0, 1000, allow_nan=False), st.integers(0, 10**6), st.none())
    tenth, cell = st.integers(0, 9), _cell(regions, indicators)
    rows = []
    for _ in range(n_rows):
        k = draw(region_of)
        plausible = {
            "地区代码": regions[k], "region_code": None,
            "地区名称": region_names[k] if draw(with_name) else "", "region_name": None,
            "年份": draw(year_of), "year": None,
            "指标代码": draw(indicator_of), "indicator_code": None,
            "指标名称": "", "indicator_name": None, "单位": "", "unit": None,
            "数值": draw(value_of),
            "value": None,
            "说明": draw(note_of), "note": None,
        }
        for zh, en in zip(workbooks.HEADER, EN_HEADER):
            plausible[en] = plausible[zh]
        row = []
        for col in header:
            if col in plausible and draw(tenth) >= noise:
                row.append(plausible[col])
            else:
                row.append(draw(cell))
        rows.append(row)
    features = {
        "sheet": draw(st.sampled_from(["数据", "数据", "data", "Sheet1", "数 据"])),
        "hidden": draw(st.integers(0, 6)) == 0,
        "extra_hidden_sheet": draw(st.integers(0, 4)) == 0,
        "merge": draw(st.none() | st.tuples(st.integers(1, 8), st.integers(1, 27), st.integers(0, 2), st.integers(0, 3))),
        "percent": draw(st.integers(0, 5)) == 0,
        "info_version": draw(st.sampled_from([1, 1, 1, 1, 2, "x", None])),
        "formula_cells": draw(st.lists(st.tuples(st.integers(1, 8), st.integers(2, 27)), max_size=3)),
    }
    return header, rows, features


def _write(path: Path, header, rows, f) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = f["sheet"]
    ws.append(header)
    for row in rows:
        ws.append(row)
    if f["percent"] and rows:
        for r in range(2, len(rows) + 2):
            for c in range(1, len(header) + 1):
                ws.cell(r, c).number_format = "0.00%"
    for c, r in f["formula_cells"]:
        ws.cell(r, c).value = f"=A{r}*2"
    if f["merge"]:
        c, r, dc, dr = f["merge"]
        ws.merge_cells(start_row=r, start_column=c, end_row=r + dr, end_column=c + dc)
    if f["hidden"]:
        ws.sheet_state = "hidden"
        wb.create_sheet("封面")
    if f["extra_hidden_sheet"]:
        h = wb.create_sheet("数据2")
        h.append(workbooks.HEADER)
        h.append(["331081", "温岭市", 2021, "BEDS_PER_1000", "", "", 999, ""])
        h.sheet_state = "hidden"
    if f["info_version"] is not None:
        info = wb.create_sheet("说明")
        info.append(["版本", f["info_version"]])
    wb.save(path)


def _snapshot(db: Path) -> tuple:
    conn = sqlite3.connect(db)
    try:
        return (conn.execute("SELECT count(*), total(value), group_concat(note, '|') FROM value").fetchone(),
                conn.execute("SELECT count(*), max(id) FROM audit").fetchone())
    finally:
        conn.close()


def _consistency(db: Path) -> list[str]:
    """Problems a success must not leave: non-finite numbers, values without audit rows."""
    conn = sqlite3.connect(db)
    try:
        problems = []
        for region, year, ind, v in conn.execute("SELECT region, year, indicator, value FROM value"):
            if v is not None and (not isinstance(v, (int, float)) or not math.isfinite(v)):
                problems.append(f"non-finite {region} {year} {ind} {v!r}")
        orphan = conn.execute(
            """SELECT count(*) FROM value v WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.region = v.region
               AND a.year = v.year AND a.indicator = v.indicator)""").fetchone()[0]
        if orphan:
            problems.append(f"{orphan} values without audit rows")
        return problems
    finally:
        conn.close()


def test_fuzzed_workbooks_import_or_are_refused_cleanly(db_path, tmp_path, request):
    services = Services.open(db_path)
    regions = [r.code for r in services.regions() if r.level == "county"][:6] + ["330000", "999999", "33108"]
    names = [services.region(c).name for c in regions[:6]]
    indicators = [i.code for i in services.indicators()][:15] + ["NO_SUCH", "beds_per_1000"]
    counts = {"cases": 0, "imported": 0, "refused": 0}
    long_run = request.config.getoption("--long")
    path = tmp_path / "fuzz.xlsx"

    @settings(max_examples=2000 if long_run else 220, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(book=books(regions, names, indicators))
    def one(book):
        header, rows, features = book
        _write(path, header, rows, features)
        counts["cases"] += 1
        before = _snapshot(db_path)
        try:
            import_files(services, [path])
        except ImportRefused as exc:
            counts["refused"] += 1
            assert _snapshot(db_path) == before, "a refused import wrote something"
            assert path.name in str(exc)
            import os
            if os.environ.get("FUZZ_DEBUG"):
                print("REFUSED", features, str(exc).splitlines()[1][:150])
            return
        except AppError as exc:  # e.g. a dataset locked: still a clear refusal, still nothing written
            counts["refused"] += 1
            assert _snapshot(db_path) == before, f"a refused import wrote something: {exc}"
            return
        counts["imported"] += 1
        assert _consistency(db_path) == []
        assert services.verify_audit() == [] and services.verify_values() == []

    import resource

    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    try:
        one()
    finally:
        services.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n{counts['cases']} fuzz cases: {counts['imported']} imported, {counts['refused']} refused, "
          f"0 tracebacks, 0 partial writes; peak RSS of the test process {peak:.0f} MB")
    assert peak - peak_before < MEMORY_BOUND_MB
    assert counts["cases"] >= (2000 if long_run else 200)
    assert counts["imported"] > 0 and counts["refused"] > 0


def test_extreme_numbers_over_the_years_import_and_validate(services, tmp_path):
    """Found by the long fuzz run: a tiny prior value (5e-324) and a large one the next year made the
    year-on-year rule divide into infinity, and the import ended in a traceback after its commit."""
    rows = [["331081", "温岭市", 2019, "HOSPITAL_BEDS", "", "", 5e-324, ""],
            ["331081", "温岭市", 2020, "HOSPITAL_BEDS", "", "", 1e308, ""],
            ["331081", "温岭市", 2021, "HOSPITAL_BEDS", "", "", 1e-300, ""],
            ["331081", "温岭市", 2022, "HOSPITAL_BEDS", "", "", -1e308, ""]]
    for k, row in enumerate(rows):
        path = workbooks.write_exchange(tmp_path / f"y{k}.xlsx", [row])
        try:
            import_files(services, [path])
        except AppError:
            pass  # a clear refusal is fine; a traceback is not
    assert services.verify_audit() == [] and services.verify_values() == []
    from desktop.validation import validate

    for year in (2020, 2021, 2022):
        validate(services, "331081", year)
