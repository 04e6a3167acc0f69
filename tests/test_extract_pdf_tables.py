"""Tables in PDFs whose cells wrap: found by the positions of their text (desktop.extract.tables.tables_in_pieces).

Before, a PDF table with a wrapped cell (a narrow 指标 column, 2023 over 年 in a heading) gave no figures: pypdf's
lines no longer lined up with the heading. The four PDFs of tests/data/extraction_pdf/ were made by LibreOffice
(scripts/make_extraction_files.py); the others here by reportlab with the cells aligned at the top, the middle or
the bottom, as Word, WPS and Excel do.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.catalog import read_indicators
from desktop.extract import UnreadableReport, extract, read_text_file
from desktop.extract.tables import tables_in_pieces
from tests.helpers.damage import FLIPS, read_or_refused, spoilt

INDS = read_indicators()
DATA = Path(__file__).parent / "data" / "extraction_pdf"
PLACES = ["鹿城区", "龙湾区", "瓯海区", "洞头区", "永嘉县", "温州市"]


def found(text: str, year: int, region: str | None = None, places=None) -> dict[str, float]:
    return {p.indicator: p.value for p in extract(text, INDS, year, region, places=places or ()) if p.year == year}


def test_a_bulletin_from_writer_with_the_years_wrapped_under_a_heading_over_them():
    """指标 | 单位 | 数量 over (2023 / 年, 2022 / 年) | 增长（%）: each figure of its year, the change of the latest."""
    text = read_text_file(DATA / "永嘉县_2023_公报.pdf")
    assert "医疗卫生机构床位数2023年为4215张，比上年增长4.6%，医疗卫生机构床位数2022年为4029张。" in text.splitlines()
    assert found(text, 2023) == {"HOSPITAL_BEDS": 4215, "DOCTORS_PER_1000": 3.86, "FAMILY_DOCTOR_RATE": 45.2,
                                 "LIFE_EXPECTANCY": 81.96}
    assert found(text, 2022) == {"HOSPITAL_BEDS": 4029, "DOCTORS_PER_1000": 3.70, "FAMILY_DOCTOR_RATE": 43.9,
                                 "LIFE_EXPECTANCY": 81.96}
    # the prose around the table and the table's title are left as they were
    lines = text.splitlines()
    assert lines.index("表1 卫生资源情况") < lines.index("注：床位数含社区卫生服务中心（站）床位。")
    assert "二、健康水平。全县人均期望寿命81.96 岁。" in lines


def test_a_county_table_printed_from_calc_with_its_headings_wrapped():
    """Each county's row, its headings wrapped over three lines in narrow centred cells: each county gets its own
    figures, with the unit from the heading's brackets."""
    text = read_text_file(DATA / "温州市各县_2022_卫生资源.pdf")
    assert found(text, 2022, "鹿城区", PLACES) == {"HOSPITAL_BEDS": 9870, "LICENSED_DOCTORS": 5120,
                                                   "REGISTERED_NURSES": 6210, "BEDS_PER_1000": 7.12}
    assert found(text, 2022, "洞头区", PLACES) == {"HOSPITAL_BEDS": 520, "LICENSED_DOCTORS": 390,
                                                   "REGISTERED_NURSES": 402, "BEDS_PER_1000": 3.98}
    assert "填表人：          审核人：          日期：" in text.splitlines()


def test_a_city_bulletin_whose_table_title_runs_over_the_columns_and_whose_heading_cells_touch():
    """表1's title spans three columns and the heading's cells are set a third of an em apart: the title stays
    text, each heading cell is a column, and each county gets its row when the city's bulletin is read for it."""
    text = read_text_file(DATA / "湖州市_2023_公报.pdf")
    lines = text.splitlines()
    assert "表1 2023 年各县区主要卫生健康指标" in lines
    assert "南浔区：人均期望寿命为82.71岁，每千人口医疗机构床位数为5.36张，家庭医生签约率为44.0%。" in lines
    huzhou = ["吴兴区", "南浔区", "德清县", "长兴县", "安吉县", "杭州市"]
    assert found(text, 2023, "南浔区", [p for p in huzhou if p != "南浔区"]) == {
        "LIFE_EXPECTANCY": 82.71, "BEDS_PER_1000": 5.36, "FAMILY_DOCTOR_RATE": 44.0}
    assert found(text, 2023, "湖州市", huzhou) == {"LIFE_EXPECTANCY": 83.11, "BEDS_PER_1000": 6.72,
                                                   "FAMILY_DOCTOR_RATE": 46.3}


def test_counties_as_columns_under_a_page_heading_that_runs_over_the_table():
    """The heading line of the page (湖州市2023年各县区卫生健康主要指标) right above the table is its title, not a
    text over its columns: each indicator's row is read with its counties' figures."""
    text = read_text_file(DATA / "湖州市各县区_2023_主要指标.pdf")
    assert text.splitlines()[0] == "湖州市 2023 年各县区卫生健康主要指标"
    huzhou = ["吴兴区", "南浔区", "德清县", "长兴县", "安吉县"]
    assert found(text, 2023, "德清县", [p for p in huzhou if p != "德清县"]) == {
        "LIFE_EXPECTANCY": 83.42, "BEDS_PER_1000": 5.87, "FAMILY_DOCTOR_RATE": 47.5}


ROWS = [["指标名称", "计量单位", "2024年", "2023年", "比上年增长（%）"],
        ["医疗卫生机构床位数", "张", "5,320", "5,102", "4.3"],
        ["其中：医院", "张", "3,410", "3,320", "2.7"],
        ["每千人口执业（助理）医师数", "人", "3.86", "3.70", "4.3"],
        ["每千常住人口注册护士数", "人", "3.62", "3.41", "6.2"],
        ["家庭医生签约服务覆盖率", "%", "45.2", "43.9", "1.3"]]


def _pdf(path: Path, valign: str, padding: float, heading: list[str] | None = None) -> None:
    """A bulletin whose table has names wrapping over two and three lines, cells aligned at `valign`."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    from desktop.reports.fonts import register

    font = register()
    style = ParagraphStyle("p", fontName=font, fontSize=10, leading=13)
    table = Table([[Paragraph(c, style) for c in row] for row in [heading or ROWS[0]] + ROWS[1:]],
                  colWidths=[2.6 * cm, 1.3 * cm, 1.6 * cm, 1.6 * cm, 1.8 * cm],
                  style=[("VALIGN", (0, 0), (-1, -1), valign), ("TOPPADDING", (0, 0), (-1, -1), padding),
                         ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
                         ("LINEABOVE", (0, 0), (-1, 0), 1, "black"), ("LINEBELOW", (0, 0), (-1, 0), 0.5, "black"),
                         ("LINEBELOW", (0, -1), (-1, -1), 1, "black")])
    SimpleDocTemplate(str(path)).build([Paragraph("苍南县2024年卫生健康事业发展统计公报", style),
                                        Paragraph("表1 主要卫生资源", style), table,
                                        Paragraph("全县人均期望寿命81.96岁。", style)])


@pytest.mark.parametrize("valign", ["TOP", "MIDDLE", "BOTTOM"])
@pytest.mark.parametrize("padding", [0, 4])
def test_wrapped_names_go_to_their_own_row_whatever_the_alignment(tmp_path, valign, padding):
    """A three-line table (rules above and below only) with names over two and three lines. With no padding
    the lines of one cell run into the next: the heading's alignment (its one-line cells at the top, middle or
    bottom of the wrapped ones) says to which row a line belongs."""
    _pdf(tmp_path / "公报.pdf", valign, padding)
    text = read_text_file(tmp_path / "公报.pdf")
    lines = text.splitlines()
    assert "每千人口执业（助理）医师数2024年为3.86人，比上年增长4.3%，每千人口执业（助理）医师数2023年为3.70人。" in lines
    assert "其中：医院2024年为3,410张，比上年增长2.7%，其中：医院2023年为3,320张。" in lines
    assert found(text, 2024) == {"HOSPITAL_BEDS": 5320, "DOCTORS_PER_1000": 3.86, "NURSES_PER_1000": 3.62,
                                 "FAMILY_DOCTOR_RATE": 45.2, "LIFE_EXPECTANCY": 81.96}
    assert found(text, 2023) == {"HOSPITAL_BEDS": 5102, "DOCTORS_PER_1000": 3.70, "NURSES_PER_1000": 3.41,
                                 "FAMILY_DOCTOR_RATE": 43.9, "LIFE_EXPECTANCY": 81.96}
    assert lines[0] == "苍南县2024年卫生健康事业发展统计公报" and lines[-1] == "全县人均期望寿命81.96岁。"


@pytest.mark.parametrize("valign", ["TOP", "BOTTOM"])
def test_a_heading_of_one_line_and_rows_that_touch(tmp_path, valign):
    """With a heading of one line, the wrapped first or last row tells the alignment: a name's first line
    above the first row of figures means the cells sit at the bottom."""
    _pdf(tmp_path / "公报.pdf", valign, 0, ["指标", "单位", "本年", "上年", "增长%"])
    text = read_text_file(tmp_path / "公报.pdf")
    assert "医疗卫生机构床位数为5,320张，比上年增长4.3%，上年为5,102张。" in text.splitlines()
    assert "家庭医生签约服务覆盖率为45.2%，比上年增长1.3%，上年为43.9%。" in text.splitlines()
    assert found(text, 2024)["NURSES_PER_1000"] == 3.62 and found(text, 2024)["HOSPITAL_BEDS"] == 5320


@pytest.mark.parametrize("repeated", [False, True])
def test_a_table_over_two_pages_with_or_without_its_heading_repeated(tmp_path, repeated):
    """A long table of counties breaks across a page. The rows on the second page, under no heading (Word
    repeats it only when told), go on under the first page's heading: each county's figures of both years."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    from desktop.reports.fonts import register

    font = register()
    style = ParagraphStyle("p", fontName=font, fontSize=10, leading=14)
    counties = ["鹿城区", "龙湾区", "瓯海区", "洞头区", "永嘉县", "平阳县", "苍南县", "文成县", "泰顺县", "瑞安市"]
    rows = [["县（市、区）", "单位", "2022年", "2021年", "增长（%）"]] + [
        [f"{name}医疗卫生机构床位数", "张", str(3000 + i * 111), str(2900 + i * 100), f"{1 + i / 10:.1f}"]
        for i, name in enumerate(counties)]
    prose = [Paragraph("全市卫生健康事业稳步发展，医疗服务能力不断提升。" * 4, style) for _ in range(14)]
    SimpleDocTemplate(str(tmp_path / "公报.pdf")).build(prose + [
        Paragraph("表3 各县医疗卫生机构床位数", style),
        Table([[Paragraph(c, style) for c in row] for row in rows], colWidths=[150, 40, 60, 60, 60],
              repeatRows=1 if repeated else 0)])
    from pypdf import PdfReader

    assert len(PdfReader(tmp_path / "公报.pdf").pages) == 2
    lines = read_text_file(tmp_path / "公报.pdf").splitlines()
    for i, name in enumerate(counties):
        assert f"{name}医疗卫生机构床位数2022年为{3000 + i * 111}张，比上年增长{1 + i / 10:.1f}%，" \
               f"{name}医疗卫生机构床位数2021年为{2900 + i * 100}张。" in lines


def test_prose_with_figures_in_columns_is_no_table():
    """Two lines of prose whose figures happen to be apart (a figure in its own run of text) stay as they were:
    no heading says what columns they are in."""
    pieces = [("全县医疗卫生机构床位数", 57, 700, 12), ("4215", 189, 700, 12), (" ", 0, 0, 0), ("张，比上年增加", 216, 700, 12),
              ("\n", 0, 0, 0),
              ("执业（助理）医师数", 57, 684, 12), ("2760", 165, 684, 12), (" ", 0, 0, 0), ("人，增长4.0%。", 192, 684, 12)]
    assert tables_in_pieces(pieces) == "".join(p[0] for p in pieces)


_PIECE = st.tuples(st.sampled_from(["指标", "单位", "2024年", "2023", "年", "本年", "上年", "增长（%）", "张", "—",
                                    "医疗卫生机构床位数", "4,215", "3.5", " ", "\n", "一、卫生资源", "鹿城区"]),
                   st.floats(0, 600, allow_nan=False), st.floats(0, 800, allow_nan=False), st.sampled_from([0, 9, 10.5, 12]))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECE, max_size=40))
def test_any_page_of_pieces_gives_text_and_keeps_what_is_no_table(pieces):
    """Whatever pieces a page holds, the result is text; the pieces of a page with no row of figures come back
    exactly as extract_text gives them."""
    out = tables_in_pieces(pieces)
    assert isinstance(out, str)
    if not any(p[0].strip() and p[0][0].isdigit() for p in pieces):
        assert out == "".join(p[0] for p in pieces)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(FLIPS)
def test_a_damaged_pdf_gives_text_or_says_why(tmp_path, flips):
    """A spoilt PDF raised pypdf's LimitReachedError or NotImplementedError (a filter name spoilt) through the
    extraction; now it is read or refused naming the file."""
    path = spoilt((DATA / "永嘉县_2023_公报.pdf").read_bytes(), flips, tmp_path, "坏.pdf")
    read_or_refused(read_text_file, UnreadableReport, path)
