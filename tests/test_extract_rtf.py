"""Reports in RTF (desktop.extract.rtf): saved by Word or WPS as "RTF 格式", or exported by a web system as a
".doc" that is RTF inside. Before, both were refused with "请另存为 .docx".

One RTF here is written by LibreOffice from a bulletin (scripts/make_extraction_files.py writes the .doc the same
way); the other is written as Word and WPS write theirs: Chinese as GBK bytes (\\'d6\\'d0) under \\ansicpg936,
a heading merged across the year columns (its cell's right edge, \\cellx, past two columns of the next row), a
hyperlink field, a \\u character with its fallback, a font table and a header to leave out.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.catalog import read_indicators
from desktop.extract import UnreadableReport, extract, read_text_file
from tests.helpers.damage import read_or_refused, spoilt

INDS = read_indicators()
DATA = Path(__file__).parent / "data" / "extraction_pdf"


def found(text: str, year: int) -> dict[str, float]:
    return {p.indicator: p.value for p in extract(text, INDS, year) if p.year == year}


def gbk(text: str) -> str:
    """Text as Word writes it in RTF: each non-ASCII character as its GBK bytes, \\'hh\\'hh."""
    return "".join(ch if ord(ch) < 128 else "".join(f"\\'{b:02x}" for b in ch.encode("gbk")) for ch in text)


def row(edges: list[int], cells: list[str]) -> str:
    defs = "".join(f"\\clbrdrt\\brdrs\\cellx{e}" for e in edges)
    return (f"\\trowd\\trgaph108\\trleft0{defs}\\pard\\plain\\intbl "
            + "".join(f"{gbk(c)}\\cell " for c in cells) + f"\\pard\\plain\\intbl{{\\trowd\\trleft0{defs}\\row}}\n")


WORD_RTF = (
    "{\\rtf1\\ansi\\ansicpg936\\deff0\\deflang1033\\deflangfe2052"
    f"{{\\fonttbl{{\\f0\\fnil\\fcharset134 {gbk('宋体')};}}}}{{\\colortbl;\\red0\\green0\\blue0;}}"
    "{\\*\\generator WPS Office;}{\\info{\\title " + gbk("工作总结") + "}{\\author admin}}"
    "{\\header \\pard\\plain " + gbk("苍南县卫生健康局 第1页") + "\\par}\n"
    "\\pard\\plain\\qc\\b " + gbk("苍南县2023年卫生健康工作总结") + "\\b0\\par\n"
    "\\pard\\plain " + gbk("详见") + "{\\field{\\*\\fldinst {HYPERLINK \"http://wsjkw.zj.gov.cn\"}}{\\fldrslt {"
    + gbk("省卫生健康委网站") + "}}}" + gbk("。全县人均期望寿命81.96岁") + "\\uc2\\u12290\\'a1\\'a3\\par\n"
    + row([2000, 3000, 6000, 7500], ["指标", "单位", "数量", "增长（%）"])
    + row([2000, 3000, 4500, 6000, 7500], ["", "", "2023年", "2022年", ""])
    + row([2000, 3000, 4500, 6000, 7500], ["医疗卫生机构床位数", "张", "4,215", "4,029", "4.6"])
    + row([2000, 3000, 4500, 6000, 7500], ["家庭医生签约服务覆盖率", "%", "45.2", "", "—"])
    + "\\pard\\plain " + gbk("二、下一步工作。") + "\\par\n}")


def test_an_rtf_as_word_and_wps_write_it(tmp_path):
    path = tmp_path / "工作总结.doc"  # a web system's "Word" export: RTF inside
    path.write_bytes(WORD_RTF.encode("ascii"))
    text = read_text_file(path)
    assert text.splitlines() == [
        "苍南县2023年卫生健康工作总结",
        "详见省卫生健康委网站。全县人均期望寿命81.96岁。",
        "医疗卫生机构床位数2023年为4,215张，比上年增长4.6%，医疗卫生机构床位数2022年为4,029张。",
        "家庭医生签约服务覆盖率2023年为45.2%。",
        "二、下一步工作。"]
    assert found(text, 2023) == {"HOSPITAL_BEDS": 4215, "FAMILY_DOCTOR_RATE": 45.2, "LIFE_EXPECTANCY": 81.96}
    assert found(text, 2022)["HOSPITAL_BEDS"] == 4029


def test_an_rtf_written_by_libreoffice():
    """LibreOffice writes Chinese as \\uN with a fallback, a merged heading by its \\cellx edges, an empty cell
    and a cell of two paragraphs: the same text as the .doc it saves of the same summary."""
    rtf = read_text_file(DATA / "乐清市_2023_工作总结.rtf")
    assert "医疗卫生机构床位数2023年为5,320张，比上年增长4.3%，医疗卫生机构床位数2022年为5,102张。" in rtf.splitlines()
    assert found(rtf, 2023) == {"HOSPITAL_BEDS": 5320, "DOCTORS_PER_1000": 3.86, "FAMILY_DOCTOR_RATE": 45.2,
                                "LIFE_EXPECTANCY": 82.15}
    assert rtf == read_text_file(DATA / "乐清市_2023_工作总结.doc")


def test_refusals(tmp_path):
    deep = tmp_path / "嵌套.rtf"
    deep.write_bytes(b"{\\rtf1 " + b"{" * 500 + b"x" + b"}" * 501)
    with pytest.raises(UnreadableReport, match="嵌套.rtf.*嵌套超过"):
        read_text_file(deep)
    empty = tmp_path / "空.rtf"
    empty.write_bytes(b"{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}}")
    with pytest.raises(UnreadableReport, match="空.rtf.*没有正文"):
        read_text_file(empty)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(32, 126)), min_size=1, max_size=12))
def test_a_damaged_rtf_gives_text_or_says_why(tmp_path, flips):
    path = spoilt(WORD_RTF.encode("ascii"), flips, tmp_path, "坏.rtf")
    read_or_refused(read_text_file, UnreadableReport, path)
