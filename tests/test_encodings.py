"""desktop.encodings: one decoder for the text files offices write, shared by the import (CSV, web pages) and the
report reader (.txt, .html)."""

from __future__ import annotations

import pytest

from desktop.encodings import decode_text, declared_charset

TEXT = "2023年，全县人均期望寿命82.37岁。"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk"])
def test_each_encoding_an_office_writes_is_read(encoding):
    assert decode_text(TEXT.encode(encoding)) == TEXT


def test_a_pages_declared_charset_is_tried_first_and_gbk_read_as_gb18030():
    page = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>{TEXT}'
    data = page.encode("gb18030")
    assert declared_charset(data) == "gb18030" and TEXT in decode_text(data, declared_charset(data))
    assert declared_charset(b"<meta charset='utf-8'>") == "utf-8" and declared_charset(b"<p>x</p>") is None
    assert decode_text(b"abc", "no-such-codec") == "abc"  # an unknown declared charset is passed over


def test_a_binary_file_is_no_text():
    assert decode_text(b"PK\x03\x04\x00\x00binary") is None
    assert decode_text(bytes(range(256)) * 4) is None


def test_a_utf16_report_is_read_by_the_report_reader(tmp_path):
    from desktop.extract import read_text_file

    path = tmp_path / "总结.txt"
    path.write_bytes(TEXT.encode("utf-16"))
    assert read_text_file(path).strip() == TEXT
