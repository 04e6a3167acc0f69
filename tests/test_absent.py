"""Values left empty on purpose (不适用, 本年未统计): stored and audited through desktop.absent, counted as filled,
not missing at 提交, refused on a locked year, gone once a value is written; the command line does the same."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from desktop import workflow
from desktop.absent import absences, clear_absent, mark_absent
from desktop.domain import ValueChange
from desktop.errors import AppError, DatasetLocked
from desktop.validation import validate

COUNTY = "331081"  # 温岭市
TWO = ["MATERNAL_MORTALITY", "CHILDCARE_PLACES"]


def _missing(services):
    return {f.indicator for f in validate(services, COUNTY, 2021, submission=True) if f.rule == "completeness"}


def test_marks_are_stored_audited_and_not_missing_at_submission(services):
    assert set(TWO) <= _missing(services)
    assert mark_absent(services, COUNTY, 2021, TWO, "na", "本县无妇幼保健院，该项由市里统计") == 2
    marks = absences(services, COUNTY, 2021)
    assert {c: (a.kind, a.reason) for c, a in marks.items()} == {c: ("na", "本县无妇幼保健院，该项由市里统计") for c in TWO}
    assert not set(TWO) & _missing(services)  # no longer missing at 提交
    rows = [a for a in services.audit(COUNTY, 2021) if a.field == "absent"]
    assert [(a.indicator, a.old, a.new, a.reason) for a in rows] == [
        (c, None, "na", "本县无妇幼保健院，该项由市里统计") for c in TWO]
    assert services.verify_audit() == []
    assert clear_absent(services, COUNTY, 2021, TWO[:1]) == 1
    assert set(absences(services, COUNTY, 2021)) == set(TWO[1:])
    assert TWO[0] in _missing(services)


@pytest.mark.parametrize("reason", ["", "无", "正常", "同上", "已核实"])
def test_a_mark_needs_a_real_reason(services, reason):
    with pytest.raises(AppError):
        mark_absent(services, COUNTY, 2021, TWO, "na", reason)
    assert absences(services, COUNTY, 2021) == {}


def test_an_indicator_with_a_value_is_not_marked_and_nothing_is(services):
    services.apply_changes([ValueChange(COUNTY, 2021, TWO[1], 300.0)], "cli")
    with pytest.raises(AppError) as refused:
        mark_absent(services, COUNTY, 2021, TWO, "uncollected", "本年未开展托育机构调查")
    assert "已有数值" in str(refused.value)
    assert absences(services, COUNTY, 2021) == {}


def test_writing_a_value_takes_the_mark_away_in_the_same_transaction(services):
    mark_absent(services, COUNTY, 2021, TWO, "uncollected", "本年未开展托育机构调查")
    services.apply_changes([ValueChange(COUNTY, 2021, TWO[1], 300.0)], "form")
    assert set(absences(services, COUNTY, 2021)) == {TWO[0]}
    last = [a for a in services.audit(COUNTY, 2021, TWO[1]) if a.field == "absent"][-1]
    assert (last.old, last.new) == ("uncollected", None)
    assert services.verify_audit() == []


def test_a_submitted_year_refuses_marks(services, monkeypatch):
    services.apply_changes([ValueChange(COUNTY, 2021, "HOSPITAL_BEDS", 4100.0)], "cli")
    monkeypatch.setattr(workflow.service, "blocking_for_submit", lambda *a, **k: [])
    workflow.submit(services, COUNTY, 2021)
    with pytest.raises(DatasetLocked):
        mark_absent(services, COUNTY, 2021, TWO, "na", "本县无妇幼保健院，该项由市里统计")
    assert absences(services, COUNTY, 2021) == {}
    assert [a.field for a in services.audit(COUNTY, 2021)][-1] == "denied"


def test_the_command_line_marks_and_clears(cli, db_path):
    r = cli(db_path, "mark-absent", COUNTY, 2021, *TWO, "--kind", "uncollected", "--reason", "本年未开展托育机构调查", "--json")
    assert r.code == 0, r.err
    assert r.json()["absent"] == {c: {"kind": "uncollected", "reason": "本年未开展托育机构调查"} for c in TWO}
    got = cli(db_path, "get", COUNTY, 2021, "--json").json()
    assert set(got["absent"]) == set(TWO)
    r = cli(db_path, "mark-absent", COUNTY, 2021, TWO[0], "--reason", "无")
    assert r.code != 0 and "套话" in r.err
    r = cli(db_path, "clear-absent", COUNTY, 2021, *TWO, "--json")
    assert r.code == 0 and r.json() == {"region": COUNTY, "year": 2021, "changed": 2, "absent": {}}


def test_the_city_overview_counts_marks_as_filled(services):
    from desktop.aggregate.service import status_report

    services.apply_changes([ValueChange(COUNTY, 2021, "HOSPITAL_BEDS", 4100.0)], "cli")
    mark_absent(services, COUNTY, 2021, TWO, "na", "本县无妇幼保健院，该项由市里统计")
    row = next(r for r in status_report(services, "331000", 2021).counties if r.region == COUNTY)
    assert (row.filled, row.total) == (3, len(services.indicators()))


def _report_with_marks(services):
    services.apply_changes([ValueChange(COUNTY, 2021, "HOSPITAL_BEDS", 4100.0)], "cli")
    mark_absent(services, COUNTY, 2021, TWO, "uncollected", "本年未开展托育机构调查")


def test_the_region_year_report_says_not_applicable_instead_of_missing(services, tmp_path):
    from openpyxl import load_workbook

    from desktop.reports import report_data, write_report

    _report_with_marks(services)
    data = report_data(services, COUNTY, 2021)
    rows = {r.indicator.code: r for s in data.sections for r in s.rows}
    assert {rows[c].absent for c in TWO} == {"本年未统计"} and rows[TWO[0]].note == "本年未开展托育机构调查"
    assert not {i.code for i in data.missing} & set(TWO)  # not listed as 未填报
    xlsx = write_report(services, COUNTY, 2021, tmp_path / "r.xlsx")
    cells = [c.value for ws in load_workbook(xlsx) for row in ws.iter_rows() for c in row]
    assert cells.count("本年未统计") == 2


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed")
def test_the_pdf_report_says_not_collected(services, tmp_path):
    from desktop.reports import write_report

    _report_with_marks(services)
    pdf = write_report(services, COUNTY, 2021, tmp_path / "r.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert text.count("本年未统计") == 2
