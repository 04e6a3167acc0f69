"""Reports kept as Word 97–2003 .doc or WPS .wps (desktop.extract.doc): before, refused with "请另存为 .docx".

The .doc of tests/data/extraction_pdf/ was saved by LibreOffice Writer as "Word 97–2003"
(scripts/make_extraction_files.py): prose with figures, a table whose 数量 spans the two year columns, an empty
cell, a name written as two paragraphs in its cell, and a note under the table.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from desktop.catalog import read_indicators
from desktop.extract import UnreadableReport, extract, read_text_file
from tests.helpers.damage import FLIPS, read_or_refused, spoilt

INDS = read_indicators()
DOC = Path(__file__).parent / "data" / "extraction_pdf" / "乐清市_2023_工作总结.doc"


def found(text: str, year: int) -> dict[str, float]:
    return {p.indicator: p.value for p in extract(text, INDS, year) if p.year == year}


def test_a_doc_gives_its_prose_and_its_table():
    text = read_text_file(DOC)
    lines = text.splitlines()
    assert lines[0] == "乐清市卫生健康局2023年工作总结"
    # 数量 spans 2023年 and 2022年: each figure under its year, the change after the latest
    assert "医疗卫生机构床位数2023年为5,320张，比上年增长4.3%，医疗卫生机构床位数2022年为5,102张。" in lines
    # the empty 2022 cell ends no row: the name of two paragraphs is one name, its 2023 figure is read
    assert "每千人口执业（助理）医师数2023年为3.86人。" in lines
    assert found(text, 2023) == {"HOSPITAL_BEDS": 5320, "DOCTORS_PER_1000": 3.86, "FAMILY_DOCTOR_RATE": 45.2,
                                 "LIFE_EXPECTANCY": 82.15}
    # no 2022 figure for the doctors (the empty cell); the prose's figure without a year is the year asked for
    assert found(text, 2022) == {"HOSPITAL_BEDS": 5102, "FAMILY_DOCTOR_RATE": 43.9, "LIFE_EXPECTANCY": 82.15}
    assert lines[-2:] == ["注：2022年每千人口执业（助理）医师数口径调整，未列。", "二、健康水平稳步提高。全市人均期望寿命达到82.15岁。"]


def test_a_wps_document_is_read_as_a_doc(tmp_path):
    """WPS 文字 saves .wps in the same binary format."""
    wps = tmp_path / "工作总结.wps"
    wps.write_bytes(DOC.read_bytes())
    assert read_text_file(wps) == read_text_file(DOC)


def _word_stream_start(data: bytes) -> int:
    """Where the WordDocument stream (its FIB, 0xA5EC) begins in the compound file."""
    for at in range(512, len(data), 512):
        if data[at:at + 2] == b"\xec\xa5":
            return at
    raise AssertionError("no FIB")


def test_refusals_say_why(tmp_path):
    data = bytearray(DOC.read_bytes())
    fib = _word_stream_start(data)
    data[fib + 0x0B] |= 0x01  # fEncrypted
    locked = tmp_path / "加密.doc"
    locked.write_bytes(bytes(data))
    with pytest.raises(UnreadableReport, match="加密.doc.*已加密"):
        read_text_file(locked)
    rtf = tmp_path / "总结.doc"  # RTF inside, as web systems export "Word": read as RTF (test_extract_rtf.py)
    rtf.write_bytes(b"{\\rtf1\\ansi\\ansicpg936{\\fonttbl{\\f0 Arial;}} \\'b4\\'b2\\'ce\\'bb4215\\'d5\\'c5\\par }")
    assert read_text_file(rtf) == "床位4215张"
    sheet = tmp_path / "表.xls"
    sheet.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(UnreadableReport, match="表.xls.*电子表格"):
        read_text_file(sheet)
    # a .xlsx is a zip too: it was read as a .docx "missing word/document.xml"
    with pytest.raises(UnreadableReport, match="温岭市_2022_手填.xlsx.*电子表格.*导入"):
        read_text_file(Path(__file__).parent / "data" / "exchange" / "温岭市_2022_手填.xlsx")
    half = tmp_path / "半个.doc"
    half.write_bytes(DOC.read_bytes()[:4096])
    with pytest.raises(UnreadableReport, match="半个.doc"):
        read_text_file(half)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(FLIPS)
def test_a_damaged_doc_gives_text_or_says_it_is_damaged(tmp_path, flips):
    """Whatever bytes of the file are spoilt, reading it gives text or UnreadableReport naming the file."""
    read_or_refused(read_text_file, UnreadableReport, spoilt(DOC.read_bytes(), flips, tmp_path, "坏.doc"))
