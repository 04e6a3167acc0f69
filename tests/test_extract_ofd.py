"""Reports as OFD (GB/T 33190, the format of electronic official documents): desktop.extract.ofd.

The OFD files here are written by `_ofd` to the standard's structure (OFD.xml → Document.xml → each page's
Content.xml of TextObject / TextCode, in millimetres, y down the page): a title and prose in TextCodes of a
whole line, a line written one character to a TextCode with DeltaX (as some writers do), and a table whose one
name wraps over two lines, centred on its row's figures, on the first page; a second page of prose.
"""

from __future__ import annotations

import zipfile

import pytest
from hypothesis import HealthCheck, given, settings

from desktop.catalog import read_indicators
from desktop.extract import UnreadableReport, extract, read_text_file
from tests.helpers.damage import FLIPS, read_or_refused, spoilt

INDS = read_indicators()
NS = "http://www.ofdspec.org/2016"


def found(text: str, year: int) -> dict[str, float]:
    return {p.indicator: p.value for p in extract(text, INDS, year) if p.year == year}


def _text_object(oid: int, x: float, y: float, size: float, text: str, per_char: bool = False) -> str:
    """A TextObject whose box starts at (x, y - size); its text's baseline at y."""
    box = f"{x} {y - size} {size * len(text) + 2} {size * 1.4}"
    if per_char:
        codes = "".join(f"<ofd:TextCode X='{i * size:.2f}' Y='{size}'>{ch}</ofd:TextCode>" for i, ch in enumerate(text))
    else:
        codes = f"<ofd:TextCode X='0' Y='{size}' DeltaX='g {len(text) - 1} {size}'>{text}</ofd:TextCode>"
    return f"<ofd:TextObject ID='{oid}' Boundary='{box}' Font='2' Size='{size}'>{codes}</ofd:TextObject>"


def _ofd(path, pages: list[list[tuple]]) -> None:
    """An OFD of these pages, each a list of (x, y, size, text[, per_char])."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("OFD.xml", f"<ofd:OFD xmlns:ofd='{NS}' Version='1.0' DocType='OFD'><ofd:DocBody><ofd:DocInfo>"
                              "<ofd:DocID>x</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>"
                              "</ofd:DocBody></ofd:OFD>")
        listed = "".join(f"<ofd:Page ID='{i + 1}' BaseLoc='Pages/Page_{i}/Content.xml'/>" for i in range(len(pages)))
        z.writestr("Doc_0/Document.xml", f"<ofd:Document xmlns:ofd='{NS}'><ofd:CommonData><ofd:PageArea>"
                                         "<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
                                         f"</ofd:CommonData><ofd:Pages>{listed}</ofd:Pages></ofd:Document>")
        for i, page in enumerate(pages):
            objects = "".join(_text_object(100 * i + k, *item) for k, item in enumerate(page))
            z.writestr(f"Doc_0/Pages/Page_{i}/Content.xml",
                       f"<ofd:Page xmlns:ofd='{NS}'><ofd:Content><ofd:Layer ID='1'>{objects}</ofd:Layer>"
                       "</ofd:Content></ofd:Page>")


PAGE_1 = [(60, 25, 5.0, "苍南县2023年卫生健康事业发展统计公报"),
          (20, 40, 3.5, "一、卫生资源。年末全县卫生资源总量继续增长。"),
          (20, 46, 3.5, "全县人均期望寿命81.96岁。", True),
          # the table: 指标 | 单位 | 2023年 | 2022年 | 增长（%）
          (20, 60, 3.5, "指标"), (70, 60, 3.5, "单位"), (88, 60, 3.5, "2023年"), (110, 60, 3.5, "2022年"),
          (132, 60, 3.5, "增长（%）"),
          (20, 68, 3.5, "医疗卫生机构床位数"), (70, 68, 3.5, "张"), (88, 68, 3.5, "4215"), (110, 68, 3.5, "4029"),
          (132, 68, 3.5, "4.6"),
          (20, 74.5, 3.5, "每千人口执业（助理）"), (20, 79.5, 3.5, "医师数"),
          (70, 77, 3.5, "人"), (88, 77, 3.5, "3.86"), (110, 77, 3.5, "3.70"), (132, 77, 3.5, "4.3"),
          (20, 86, 3.5, "家庭医生签约服务覆盖率"), (70, 86, 3.5, "%"), (88, 86, 3.5, "45.2"), (110, 86, 3.5, "43.9"),
          (132, 86, 3.5, "1.3"),
          (20, 100, 3.5, "二、医疗服务。全年总诊疗人次稳步增加。")]
PAGE_2 = [(20, 30, 3.5, "三、公共卫生。孕产妇系统管理率96.8%。")]


def test_an_ofd_bulletin_gives_its_prose_and_its_table(tmp_path):
    _ofd(tmp_path / "公报.ofd", [PAGE_1, PAGE_2])
    text = read_text_file(tmp_path / "公报.ofd")
    lines = text.splitlines()
    assert lines[:3] == ["苍南县2023年卫生健康事业发展统计公报", "一、卫生资源。年末全县卫生资源总量继续增长。",
                         "全县人均期望寿命81.96岁。"]
    # the name wrapped over two lines, centred on its figures, is one name
    assert "每千人口执业（助理）医师数2023年为3.86人，比上年增长4.3%，每千人口执业（助理）医师数2022年为3.70人。" in lines
    assert found(text, 2023) == {"HOSPITAL_BEDS": 4215, "DOCTORS_PER_1000": 3.86, "FAMILY_DOCTOR_RATE": 45.2,
                                 "LIFE_EXPECTANCY": 81.96, "MATERNAL_MGMT_RATE": 96.8}
    assert found(text, 2022)["HOSPITAL_BEDS"] == 4029
    assert lines[-1] == "三、公共卫生。孕产妇系统管理率96.8%。" and "" in lines  # the second page after a blank line


def test_an_ofd_found_by_its_content_whatever_its_name(tmp_path):
    _ofd(tmp_path / "公报.zip", [PAGE_2])
    assert read_text_file(tmp_path / "公报.zip") == "三、公共卫生。孕产妇系统管理率96.8%。"


def test_bad_ofd_files_say_why(tmp_path):
    broken = tmp_path / "坏.ofd"
    broken.write_bytes(b"PK\x03\x04 no zip")
    with pytest.raises(UnreadableReport, match="坏.ofd.*不是有效的 OFD"):
        read_text_file(broken)
    missing = tmp_path / "缺页.ofd"
    with zipfile.ZipFile(missing, "w") as z:
        z.writestr("OFD.xml", f"<ofd:OFD xmlns:ofd='{NS}'><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>"
                              "</ofd:DocBody></ofd:OFD>")
    with pytest.raises(UnreadableReport, match="缺页.ofd.*缺少 Doc_0/Document.xml"):
        read_text_file(missing)
    empty = tmp_path / "扫描.ofd"
    _ofd(empty, [[]])
    with pytest.raises(UnreadableReport, match="扫描.ofd.*没有文字"):
        read_text_file(empty)
    entity = tmp_path / "实体.ofd"
    with zipfile.ZipFile(entity, "w") as z:
        z.writestr("OFD.xml", "<!DOCTYPE x [<!ENTITY a 'aaaa'>]><x>&a;</x>")
    with pytest.raises(UnreadableReport, match="实体.ofd.*无法解析"):
        read_text_file(entity)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(FLIPS)
def test_a_damaged_ofd_gives_text_or_says_why(tmp_path, flips):
    """Whatever bytes of the file are spoilt, reading it gives text or UnreadableReport naming the file."""
    good = tmp_path / "好.ofd"
    _ofd(good, [PAGE_1])
    path = spoilt(good.read_bytes(), flips, tmp_path, "坏.ofd")
    read_or_refused(read_text_file, UnreadableReport, path)
