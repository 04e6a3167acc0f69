"""Exports and reports with hostile text: a note or name beginning with = + - @ stays text in Excel
(the cell's data type read back, and LibreOffice shows the text, not a result); names with characters
outside the PDF font (𠀀, emoji) do not crash a report and no font goes unembedded."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.db import repo
from desktop.domain import Region

RISKY = ["=1+1", "+86-577-1234", "-3 因口径调整", "@SUM(A1:A2)", "=HYPERLINK(\"http://x\",\"点我\")"]


def _hostile_names(services) -> None:
    """A county and an indicator whose names begin with = and hold characters outside every font."""
    with services.store.write() as db:
        repo.upsert_regions(db, [Region("331099", "=HYPERLINK(\"x\")县𠀀🙂", "county", "331000")])
        ind = services.indicator("BEDS_PER_1000")
        from dataclasses import replace

        repo.upsert_indicators(db, [replace(ind, name="+每千人口床位数𠀀🏥")])
    services.invalidate_catalog()
    services._regions_cache = None


def _cells(path: Path) -> list:
    wb = load_workbook(path)  # not read-only: data types and quote prefixes as written
    out = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str):
                    out.append(c)
    return out


def test_exported_notes_and_names_beginning_with_formula_signs_are_text(services, tmp_path):
    from desktop.exchange import export_workbook

    _hostile_names(services)
    for year, note in zip(range(2017, 2022), RISKY):
        services.set_value("331099", year, "BEDS_PER_1000", 4.0 + year % 3, note=note)
    out = export_workbook(services, ["331099"], list(range(2017, 2022)), tmp_path / "导出.xlsx")
    cells = _cells(out)
    texts = {c.value for c in cells}
    for note in RISKY:
        assert note in texts, f"{note!r} not written as text"
    for c in cells:
        if c.value.startswith(("=", "+", "-", "@")):
            assert c.data_type == "s", (c.coordinate, c.value, c.data_type)
    assert not [c for c in cells if c.data_type == "f"]


def test_report_workbook_keeps_risky_text_as_text(services, tmp_path):
    from desktop.reports import write_report

    _hostile_names(services)
    services.set_value("331099", 2021, "BEDS_PER_1000", 4.6, note="=1+1")
    services.set_value("331099", 2020, "BEDS_PER_1000", 4.2, note="@SUM(A1)")
    out = write_report(services, "331099", 2021, tmp_path / "报表.xlsx")
    cells = _cells(out)
    assert "=1+1" in {c.value for c in cells}
    for c in cells:
        assert c.data_type != "f", (c.coordinate, c.value)


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed")
def test_libreoffice_shows_the_text_not_a_result(services, tmp_path):
    """What a user would see: LibreOffice opens the export and the cell reads '=1+1', not 2."""
    from desktop.exchange import export_workbook

    services.set_value("331081", 2021, "BEDS_PER_1000", 4.6, note="=1+1")
    services.set_value("331081", 2021, "HOSPITAL_BEDS", 5000, note="=2*3")
    out = export_workbook(services, ["331081"], [2021], tmp_path / "export.xlsx")
    profile = tmp_path / "lo-profile"
    r = subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                        "--outdir", str(tmp_path / "csv"), str(out)],
                       capture_output=True, text=True, timeout=180)
    assert r.returncode == 0, r.stderr
    text = "\n".join(p.read_text(encoding="utf-8") for p in (tmp_path / "csv").glob("*.csv"))
    assert "=1+1" in text and "=2*3" in text


@pytest.mark.skipif(not shutil.which("pdffonts") or not shutil.which("pdftotext"), reason="poppler-utils")
def test_pdf_with_names_outside_the_font_is_written(services, tmp_path):
    from desktop.reports import write_report

    _hostile_names(services)
    services.set_value("331099", 2021, "BEDS_PER_1000", 4.6, note="说明含生僻字𠀀与表情🙂")
    services.set_value("331099", 2020, "BEDS_PER_1000", 4.2)
    out = write_report(services, "331099", 2021, tmp_path / "报表.pdf")
    assert out.read_bytes().startswith(b"%PDF")
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    rows = [line for line in fonts.splitlines()[2:] if line.strip()]
    assert rows, fonts
    for line in rows:  # columns: name type encoding emb sub uni object-id (two numbers)
        assert line.split()[-5] == "yes", f"a font not embedded:\n{fonts}"
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "每千人口床位数" in text and "县" in text


def test_county_comparison_with_hostile_names(services, tmp_path):
    from desktop.reports import write_report

    _hostile_names(services)
    services.set_value("331099", 2021, "BEDS_PER_1000", 4.6)
    services.set_value("331081", 2021, "BEDS_PER_1000", 5.1)
    for suffix in (".pdf", ".xlsx"):
        out = write_report(services, "331000", 2021, tmp_path / f"对比{suffix}")
        assert out.stat().st_size > 0
    for c in _cells(tmp_path / "对比.xlsx"):
        assert c.data_type != "f", (c.coordinate, c.value)
