"""Workbooks spoilt byte by byte, as a bad disk, a cut download or a mail gateway leaves them: the import reads
them or refuses them with UnsafeFile naming the file, never an exception of the library underneath.

Before: a damaged .xlsx raised zlib.error or EOFError from the zip check, a damaged .ods UnicodeDecodeError or
NotImplementedError from zipfile, and a damaged .xls xlrd's AssertionError or struct.error from a sheet (and one
whose chain of sectors loops ran xlrd out of memory: tests/test_compound.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from desktop.exchange import safety
from desktop.exchange.books import read_workbook
from desktop.exchange.reader import WorkbookData
from tests.helpers.damage import FLIPS, read_or_refused, spoilt

EXCHANGE = Path(__file__).parent / "data" / "exchange"


CSV_GBK = ("温州市2023年各县指标\n县（市、区）,常住人口（万人）,人均期望寿命（岁）\n鹿城区,95.1,82.3\n"
           '龙湾区,"78.3",82.0\n').encode("gb18030")


@pytest.mark.parametrize("name", ["温岭市_2022_手填.xlsx", "丽水市各县_2024_三行表头.ods", "台州市各县_2022.xls",
                                  "各县.csv", "导出.xls", "导出.xml"])
def test_a_damaged_workbook_is_read_or_refused_naming_it(tmp_path_factory, name, request):
    from tests.test_exchange_text import EXPORTED_PAGE, XML_SPREADSHEET

    good = {"各县.csv": CSV_GBK, "导出.xls": EXPORTED_PAGE.replace("@", "1550").encode("gb18030"),
            "导出.xml": XML_SPREADSHEET.replace("@", "78.3").encode("utf-8")}.get(name) or (EXCHANGE / name).read_bytes()
    suffix = Path(name).suffix

    @settings(max_examples=400 if request.config.getoption("--long") else 60, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(FLIPS)
    def one(flips):
        path = spoilt(good, flips, tmp_path_factory.mktemp("bad"), f"坏{suffix}")
        read_or_refused(read_workbook, safety.UnsafeFile, path, gives=WorkbookData)

    one()
