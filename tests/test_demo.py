"""init --demo: the seed reports' figures, five simulated years of 温州's counties marked as such, statuses a city
office meets; every report printed from it says 演示数据·模拟."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from desktop.aggregate.service import SIMULATED_SOURCE, status_report
from desktop.demo import POPULATION, YEARS
from desktop.services import Services

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    Services.init(path, demo=True).close()
    return path


@pytest.fixture
def svc(demo):
    s = Services.open(demo)
    yield s
    s.close()


def test_seed_figures_are_kept_and_the_rest_is_marked_simulated(svc):
    ruian = svc.get_region_year("瑞安市", 2021).values
    assert ruian["LIFE_EXPECTANCY"].value == 82.3 and ruian["LIFE_EXPECTANCY"].source == "demo"
    assert ruian["ELDERLY_REHAB_BEDS"].value == 1071 and ruian["ELDERLY_REHAB_BEDS"].source == "demo"
    assert ruian["HOSPITAL_BEDS"].source == SIMULATED_SOURCE
    assert svc.get_region_year("温州市", 2023).values["CHILDCARE_PLACES"].value == 38800
    # the simulated series passes through the seed figures, with ratios consistent with their counts
    beds, pop = ruian["HOSPITAL_BEDS"].value, ruian["POP_RESIDENT"].value
    assert ruian["BEDS_PER_1000"].value == pytest.approx(beds / (pop * 10), abs=0.006)
    assert ruian["ELDERLY_REHAB_BEDS_PER_1000"].value == 4.5
    for county in POPULATION:
        for year in YEARS[:-1]:
            assert len(svc.get_region_year(county, year).values) == len(svc.indicators())


def test_demo_statuses_as_a_city_office_meets_them(svc):
    report = status_report(svc, "温州市", 2023)
    assert report.summary == {"draft": 0, "submitted": 1, "returned": 1, "approved": 9, "accepted": 0, "empty": 1}
    first = report.by_action()
    assert [c.name for c in first[:3]] == ["龙港市", "乐清市", "瑞安市"]
    assert first[1].errors == 1  # 乐清市 typed 56.09 beds per 1000
    assert status_report(svc, "温州市", 2022).summary["approved"] == 12
    from desktop.validation import validate

    for county in POPULATION:  # approved datasets carry no error and no unexplained warning
        if county not in ("330382", "330383"):
            assert not [f for f in validate(svc, county, 2023) if f.severity == "error" or
                        (f.severity == "warning" and not f.cleared)]


@needs_poppler
def test_every_report_from_the_demo_says_simulated(svc, tmp_path):
    from desktop.reports import write_report, write_years_report

    for path in (write_report(svc, "瑞安市", 2022, tmp_path / "r.pdf"),
                 write_report(svc, "温州市", 2023, tmp_path / "c.pdf"),
                 write_years_report(svc, "温州市", [2019, 2020, 2021, 2022, 2023], tmp_path / "y.pdf")):
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        pages = text.split("\f")[:-1]
        assert all("演示数据·模拟" in p for p in pages), path.name
    from openpyxl import load_workbook

    for path in (write_report(svc, "温州市", 2023, tmp_path / "c.xlsx"),
                 write_report(svc, "瑞安市", 2022, tmp_path / "r.xlsx")):
        ws = load_workbook(path).worksheets[0]
        assert "演示数据·模拟" in ws["A1"].value


# ---- a region over years, every county's summary ---------------------------------------------------------

def test_axis_starts_where_the_data_do():
    from desktop.reports.years import axis_range

    lo, hi = axis_range([47.75, 48.4, 49.26])
    assert 40 < lo < 47.75 and 49.26 < hi < 56 and (49.26 - 47.75) / (hi - lo) < 0.35  # not a floor-to-ceiling rise
    assert axis_range([0.5, 4.0, 10.0])[0] == 0  # near zero for their size: from zero
    lo, hi = axis_range([-3.0, 2.5])
    assert lo <= -3 and hi >= 2.5


def test_city_over_years_computed_from_the_counties_with_changes(svc):
    from desktop.reports.years import years_data

    data = years_data(svc, "温州市", list(YEARS))
    row = next(r for _, rows in data.sections for r in rows if r.indicator.code == "HOSPITAL_BEDS")
    for year, cell in zip(YEARS, row.cells):
        counties = [svc.get_region_year(c, year).values.get("HOSPITAL_BEDS") for c in POPULATION]
        assert cell.value == sum(v.value for v in counties if v is not None) and cell.computed
    assert row.cells[1].change == row.cells[1].value - row.cells[0].value
    assert row.cells[1].change_pct == round(row.cells[1].change / row.cells[0].value * 100, 2)
    assert row.cells[-1].partial and (row.cells[-1].reported, row.cells[-1].of) == (11, 12)
    assert data.completeness[2023] == (11, 12) and data.completeness[2022] == (12, 12)


@needs_poppler
def test_years_report_pdf_and_workbook(svc, tmp_path):
    from openpyxl import load_workbook

    from desktop.reports import write_years_report
    from desktop.reports.years import axis_range

    pdf = write_years_report(svc, "温州市", list(YEARS), tmp_path / "y.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "温州市 2019—2023年 卫生健康指标" in text and "2023年" in text and "制表人" in text
    wb = load_workbook(write_years_report(svc, "温州市", list(YEARS), tmp_path / "y.xlsx"))
    ws = wb.worksheets[0]
    head = [c.value for c in ws[3]]
    assert head[:7] == ["指标", "单位", "2019年", "2020年", "2021年", "2022年", "2023年"] and "2020年增减" in head
    pop = next(r for r in ws.iter_rows(min_row=4) if r[0].value == "常住人口")
    values = [c.value for c in pop[2:7]]
    assert all(isinstance(v, float) for v in values)
    assert pop[head.index("2020年增减")].value == pytest.approx(values[1] - values[0])
    chart = wb["趋势"]._charts[0]
    assert (chart.y_axis.scaling.min, chart.y_axis.scaling.max) == axis_range(values)
    assert chart.y_axis.scaling.min > 0  # 900-odd 万人 is not drawn from zero


@needs_poppler
def test_each_county_summary_and_one_merged_pdf(svc, tmp_path, cli, demo):
    from desktop.reports import write_each

    seen = []
    files = write_each(svc, "温州市", 2022, tmp_path / "out", progress=lambda d, t: seen.append((d, t)))
    assert len(files) == 13 and files[-1].name == "温州市_2022_各县汇总（合并）.pdf"
    assert seen[-1] == (13, 13)

    def pages(path):
        out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages")))

    assert pages(files[-1]) == sum(pages(f) for f in files[:-1])
    merged = subprocess.run(["pdftotext", str(files[-1]), "-"], capture_output=True, text=True, check=True).stdout
    first_pages = [p for p in merged.split("\f") if re.search(r"第\s*1\s*页", p)]
    assert len(first_pages) == 12 and all("已审核" in p for p in first_pages)  # each county its own numbering, stamp
    r = cli(demo, "report", "温州市", "2022", "--each", "-o", tmp_path / "cli")
    assert r.code == 0 and "12 个县" in r.out and "12/13" in r.err
    assert cli(demo, "report", "瑞安市", "2022", "--each", "-o", tmp_path / "x").code == 2
