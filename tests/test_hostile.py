"""Hostile files given to import: each is refused with its own clear message naming the file, nothing
is written, no traceback, and the importing process stays under a stated memory bound.

Memory bound (peak RSS of the whole `main.py import` process): MEMORY_BOUND_MB.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from desktop.errors import AppError
from desktop.exchange import ImportRefused, import_files
from desktop.services import Services

ROOT = Path(__file__).resolve().parent.parent
HELPERS = ROOT / "tests" / "helpers"
sys.path.insert(0, str(HELPERS))

import workbooks  # noqa: E402

ENV = dict(os.environ, PYTHONPATH=str(ROOT))
MEMORY_BOUND_MB = 300  # stated in docs/RELIABILITY.md
GOOD = [workbooks.HEADER, ["331081", "温岭市", 2021, "BEDS_PER_1000", "", "", 4.6, ""]]

LOL = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
       + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 2 else "") + ";") * 10}">' for i in range(2, 10))
       + "]>")


def _snapshot(db: Path) -> tuple:
    conn = sqlite3.connect(db)
    try:
        return (conn.execute("SELECT count(*), total(value) FROM value").fetchone(),
                conn.execute("SELECT count(*), max(id) FROM audit").fetchone())
    finally:
        conn.close()


def refused(services: Services, path: Path) -> str:
    """Import `path`; it must be refused (ImportRefused) with nothing written. Returns the message."""
    before = _snapshot(services.store.path)
    with pytest.raises(ImportRefused) as info:
        import_files(services, [path])
    assert _snapshot(services.store.path) == before
    message = str(info.value)
    assert path.name in message
    return message


# ---- the files --------------------------------------------------------------------------------------
# Each maker writes its file into the folder given; the tests only read them, so `hostile` makes each once
# for the module (the 1 GiB bomb and the million rows take about 2 s each to make).


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    made: dict = {}

    def make(maker) -> Path:
        if maker not in made:
            made[maker] = maker(folder)
        return made[maker]

    return make

def make_xls(d: Path) -> Path:
    p = d / "上报.xlsx"  # a real .xls renamed
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(random.Random(1).randrange(256) for _ in range(4000)))
    return p


def make_text(d: Path) -> Path:
    """A letter renamed .xlsx: text, but no table (a CSV renamed so is read: tests/test_exchange_text.py)."""
    p = d / "表格.xlsx"
    p.write_text("各县卫生健康局：\n请于3月1日前报送2023年指标。\n", encoding="gb18030")
    return p


def make_xlsm(d: Path) -> Path:
    return workbooks.raw_xlsx(d / "带宏.xlsx", workbooks.sheet_xml(GOOD), extra={"xl/vbaProject.bin": b"\0" * 512},
                              content_types_extra='<Default Extension="bin" ContentType="application/vnd.ms-office.'
                                                  'vbaProject"/>')


def make_xlsb(d: Path) -> Path:
    """An Excel binary workbook: its content type names it macroEnabled even without a macro."""
    p = d / "二进制.xlsb"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Override PartName="/xl/workbook.bin" ContentType="application/'
                   'vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>')
        z.writestr("xl/workbook.bin", b"\x83\x01\x00")
    return p


def make_html(d: Path) -> Path:
    p = d / "网页.xlsx"
    p.write_text("<html><body><table><tr><td>331081</td></tr></table></body></html>", encoding="utf-8")
    return p


def make_noise(d: Path) -> Path:
    p = d / "乱码.xlsx"
    p.write_bytes(bytes(random.Random(2).randrange(256) for _ in range(20000)))
    return p


def make_truncated(d: Path) -> Path:
    full = workbooks.write_exchange(d / "full.xlsx", [GOOD[1]] * 50)
    p = d / "截断.xlsx"
    p.write_bytes(full.read_bytes()[: full.stat().st_size // 2])
    full.unlink()
    return p


def make_empty(d: Path) -> Path:
    p = d / "空.xlsx"
    p.write_bytes(b"")
    return p


def make_docx(d: Path) -> Path:
    p = d / "文档.xlsx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("[Content_Types].xml", '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.'
                                          'wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml", "<w:document/>")
    return p


def make_lying_zip(d: Path) -> Path:
    """The central directory claims the sheet is 300 bytes; it inflates to 10 MB."""
    p = workbooks.raw_xlsx(d / "谎报.xlsx", workbooks.sheet_xml(GOOD).replace("</worksheet>", " " * (10 << 20)
                                                                              + "</worksheet>"))
    data = bytearray(p.read_bytes())
    with zipfile.ZipFile(p) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
        real = info.file_size
    small = (300).to_bytes(4, "little")
    # patch every uncompressed-size field (local header and central directory) that holds the real size
    needle = real.to_bytes(4, "little")
    n = 0
    i = data.find(needle)
    while i != -1:
        data[i:i + 4] = small
        n += 1
        i = data.find(needle, i + 4)
    assert n >= 1
    p.write_bytes(bytes(data))
    return p


def make_ratio_bomb(d: Path) -> Path:
    return workbooks.raw_xlsx(d / "压缩比.xlsx", workbooks.sheet_xml(GOOD).replace("</worksheet>", " " * (20 << 20)
                                                                                   + "</worksheet>"))


def make_gib_bomb(d: Path) -> Path:
    """1 GiB of XML whitespace in a few MB: a real zip bomb (sizes declared truthfully)."""
    p = workbooks.raw_xlsx(d / "炸弹.xlsx", workbooks.sheet_xml(GOOD))
    with zipfile.ZipFile(p, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        with z.open("xl/worksheets/sheet2.xml", "w", force_zip64=True) as f:
            chunk = b" " * (16 << 20)
            for _ in range(64):
                f.write(chunk)
    return p


def make_entity_bomb(d: Path) -> Path:
    xml = workbooks.sheet_xml([workbooks.HEADER, ["331081", "温岭市", 2021, "BEDS_PER_1000", "", "", 4.6, "@@"]])
    return workbooks.raw_xlsx(d / "实体炸弹.xlsx", LOL + xml.replace("@@", "&lol9;"))


def make_xxe(d: Path) -> Path:
    xml = workbooks.sheet_xml([workbooks.HEADER, ["331081", "温岭市", 2021, "BEDS_PER_1000", "", "", 4.6, "@@"]])
    prolog = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return workbooks.raw_xlsx(d / "外部实体.xlsx", prolog + xml.replace("@@", "&xxe;"))


def make_million_declared(d: Path) -> Path:
    """A 1,000,000-row sheet as Excel writes it (with its <dimension>)."""
    rows = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(2, 1_000_001))
    xml = workbooks.sheet_xml([workbooks.HEADER]).replace(
        "<sheetData>", "").replace("</sheetData>", "")
    xml = xml.replace('main">', 'main"><dimension ref="A1:H1000000"/><sheetData>', 1).replace(
        "</worksheet>", rows + "</sheetData></worksheet>")
    return workbooks.raw_xlsx(d / "百万行.xlsx", xml)


def make_million_undeclared(d: Path) -> Path:
    rows = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(2, 1_000_001))
    xml = workbooks.sheet_xml([workbooks.HEADER]).replace("</sheetData>", rows + "</sheetData>")
    return workbooks.raw_xlsx(d / "百万行无声明.xlsx", xml)


CASES = [
    # (maker, words the refusal must contain)
    (make_xls, [".xls"]),
    (make_text, ["文本文件"]),
    (make_xlsm, ["宏"]),
    (make_html, ["网页"]),
    (make_xlsb, [".xlsb", "另存为 .xlsx"]),
    (make_noise, ["不是 .xlsx 工作簿"]),
    (make_truncated, ["损坏"]),
    (make_empty, ["空"]),
    (make_docx, ["不是 Excel 工作簿"]),
    (make_lying_zip, ["损坏"]),
    (make_ratio_bomb, ["压缩比"]),
    (make_gib_bomb, ["解压后过大"]),
    (make_entity_bomb, ["不安全的XML"]),
    (make_xxe, ["不安全的XML"]),
    (make_million_declared, ["1000000 行"]),
]


def test_openpyxl_parses_through_defusedxml():
    import openpyxl
    from openpyxl.xml import functions

    assert openpyxl.DEFUSEDXML is True
    assert "defusedxml" in functions.fromstring.__module__ or "defusedxml" in str(functions.iterparse)


def test_without_defusedxml_no_workbook_is_read(services, tmp_path, monkeypatch):
    import openpyxl

    good = workbooks.write_exchange(tmp_path / "good.xlsx", [GOOD[1]])
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    assert "defusedxml" in refused(services, good)


@pytest.mark.parametrize("maker,words", CASES, ids=[m.__name__[5:] for m, _ in CASES])
def test_hostile_file_refused_with_its_own_message(services, hostile, maker, words):
    path = hostile(maker)
    message = refused(services, path)
    for w in words:
        assert w in message, message
    assert "Traceback" not in message and "root:x:0" not in message
    assert all(line.strip() for line in message.splitlines())


def test_a_good_file_beside_a_hostile_one_is_not_written_either(services, tmp_path):
    good = workbooks.write_exchange(tmp_path / "good.xlsx", [GOOD[1]])
    before = _snapshot(services.store.path)
    with pytest.raises(ImportRefused) as info:
        import_files(services, [good, make_xls(tmp_path)])
    assert _snapshot(services.store.path) == before and ".xls" in str(info.value)


def _measured(db: Path, path: Path, limit_mb: int = 2000) -> dict:
    out = subprocess.run([sys.executable, str(HELPERS / "run_measured.py"), str(limit_mb), "--",
                          sys.executable, str(ROOT / "main.py"), "--db", str(db), "import", str(path)],
                         capture_output=True, text=True, env=ENV, timeout=600)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


MEASURED = [make_gib_bomb, make_ratio_bomb, make_entity_bomb, make_million_declared, make_lying_zip]


def test_hostile_files_on_the_command_line_stay_under_the_memory_bound(db_path, hostile):
    """Through `main.py import` as a separate process: exit 1, the refusal on stderr, peak RSS printed."""
    before = _snapshot(db_path)
    lines = []
    for maker in MEASURED:
        path = hostile(maker)
        r = _measured(db_path, path)
        assert r["rc"] == 1, r
        assert r["stderr"].startswith("错误：导入被拒绝，未写入任何数据") and path.name in r["stderr"], r
        assert "Traceback" not in r["stderr"]
        assert r["peak_rss_mb"] < MEMORY_BOUND_MB, r
        lines.append(f"{path.name} ({path.stat().st_size / 1048576:.1f} MB): refused in {r['seconds']} s, "
                     f"peak {r['peak_rss_mb']} MB")
    assert _snapshot(db_path) == before
    print("\n" + "\n".join(lines))


@pytest.mark.slow
def test_million_rows_without_a_declared_size_refused_under_the_bound(db_path, tmp_path):
    path = make_million_undeclared(tmp_path)
    before = _snapshot(db_path)
    r = _measured(db_path, path)
    print(f"\n{path.name}: refused in {r['seconds']} s, peak {r['peak_rss_mb']} MB")
    assert r["rc"] == 1 and "过大" in r["stderr"] and r["peak_rss_mb"] < MEMORY_BOUND_MB, r
    assert _snapshot(db_path) == before


def test_every_refusal_is_an_app_error_not_a_crash(services, tmp_path):
    """The plain service call raises only AppError subclasses for all hostile files at once."""
    paths = [m(tmp_path) for m in (make_xls, make_text, make_noise, make_empty, make_entity_bomb)]
    with pytest.raises(AppError) as info:
        import_files(services, paths)
    for p in paths:
        assert p.name in str(info.value)
