"""Web archives (.mht, .mhtml): a page saved as one file by a browser or by Word (单个文件网页), and the ".doc" that
web systems export as a web archive. Before, the .mht was read as text (its MIME headers and quoted-printable
codes as the report) and the ".doc" was refused.
"""

from __future__ import annotations

import base64
import quopri

import pytest
from hypothesis import HealthCheck, given, settings

from desktop.catalog import read_indicators
from desktop.extract import UnreadableReport, extract, read_text_file
from tests.helpers.damage import FLIPS, read_or_refused, spoilt

INDS = read_indicators()

PAGE = """<html><head><meta http-equiv=Content-Type content="text/html; charset=gb2312"></head><body>
<p class=MsoNormal>苍南县2023年卫生健康工作总结</p>
<p class=MsoNormal>全县医疗卫生机构床位数4215张，全县人均期望寿命81.96岁。</p>
<table border=1><tr><td>指标</td><td>单位</td><td>2023年</td><td>2022年</td></tr>
<tr><td>注册护士数</td><td>人</td><td>2905</td><td>2801</td></tr></table></body></html>"""


def archive(page: str = PAGE, charset: str = "gb2312", head: str = "") -> bytes:
    """A web archive as Word writes one: the page in quoted-printable, a picture in base64."""
    body = quopri.encodestring(page.encode(charset)).decode("ascii")
    return (f"{head}MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart_01D9\"\r\n\r\n"
            "This document is a Single File Web Page, also known as a Web Archive file.\r\n\r\n"
            "------=_NextPart_01D9\r\nContent-Location: file:///C:/x.htm\r\n"
            f"Content-Transfer-Encoding: quoted-printable\r\nContent-Type: text/html; charset=\"{charset}\"\r\n\r\n"
            f"{body}\r\n\r\n------=_NextPart_01D9\r\nContent-Location: file:///C:/x.files/image001.png\r\n"
            "Content-Transfer-Encoding: base64\r\nContent-Type: image/png\r\n\r\n"
            f"{base64.b64encode(b'not a picture').decode()}\r\n\r\n------=_NextPart_01D9--\r\n").encode("ascii")


@pytest.mark.parametrize("name", ["总结.mht", "总结.doc", "总结.mhtml"])
def test_a_web_archive_gives_its_page(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(archive())
    text = read_text_file(path)
    assert text.splitlines() == ["苍南县2023年卫生健康工作总结", "全县医疗卫生机构床位数4215张，全县人均期望寿命81.96岁。",
                                 "注册护士数2023年为2905人，注册护士数2022年为2801人。"]
    got = {p.indicator: p.value for p in extract(text, INDS, 2023) if p.year == 2023}
    assert got == {"HOSPITAL_BEDS": 4215, "LIFE_EXPECTANCY": 81.96, "REGISTERED_NURSES": 2905}


def test_a_browser_archive_in_utf8(tmp_path):
    """Chrome's .mhtml: a From: line before the MIME headers, the page in UTF-8 with no meta charset."""
    page = "<html><body><p>2023年全县注册护士2905人。</p></body></html>"
    path = tmp_path / "网页.mhtml"
    path.write_bytes(archive(page, "utf-8", head="From: <Saved by Blink>\r\nSubject: x\r\n"))
    assert read_text_file(path) == "2023年全县注册护士2905人。"


def test_an_archive_without_a_page_is_refused(tmp_path):
    path = tmp_path / "空.mht"
    path.write_bytes(b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n--b\r\n"
                     b"Content-Type: image/png\r\n\r\nxx\r\n--b--\r\n")
    with pytest.raises(UnreadableReport, match="空.mht.*没有网页"):
        read_text_file(path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(FLIPS)
def test_a_damaged_archive_gives_text_or_says_why(tmp_path, flips):
    read_or_refused(read_text_file, UnreadableReport, spoilt(archive(), flips, tmp_path, "坏.mht"))
