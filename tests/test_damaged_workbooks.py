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
from hypothesis import strategies as st

from desktop.exchange import safety
from desktop.exchange.books import read_workbook

EXCHANGE = Path(__file__).parent / "data" / "exchange"


@pytest.mark.parametrize("name", ["温岭市_2022_手填.xlsx", "丽水市各县_2024_三行表头.ods", "台州市各县_2022.xls"])
def test_a_damaged_workbook_is_read_or_refused_naming_it(tmp_path_factory, name, request):
    good = (EXCHANGE / name).read_bytes()
    suffix = Path(name).suffix

    @settings(max_examples=400 if request.config.getoption("--long") else 60, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=12))
    def one(flips):
        data = bytearray(good)
        for at, value in flips:
            data[at % len(data)] = value
        path = tmp_path_factory.mktemp("bad") / f"坏{suffix}"
        path.write_bytes(bytes(data))
        try:
            read_workbook(path)
        except safety.UnsafeFile as exc:
            assert f"坏{suffix}" in str(exc)

    one()
