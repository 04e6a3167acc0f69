"""The compound file (OLE2) of .xls and .doc read soundly (desktop.compound).

A damaged .xls whose chain of sectors loops made xlrd read round the loop until memory ran out (a fuzzed 6 KB
workbook: 30 s and all memory of the test process), and a damaged sheet raised xlrd's own AssertionError and
struct.error through the import. Both are now refusals naming the file.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from desktop import compound
from desktop.exchange import safety
from desktop.exchange.books import read_workbook

DATA = Path(__file__).parent / "data"
XLS = DATA / "exchange" / "台州市各县_2022.xls"
DOC = DATA / "extraction_pdf" / "乐清市_2023_工作总结.doc"


def _looped(data: bytes, name: str) -> bytes:
    """The file with the first sector of stream `name` chained to itself (in the FAT or the mini FAT)."""
    f = compound._File(data)
    _n, _kind, start, size = next(e for e in f.entries if e[0] == name)
    out = bytearray(data)
    per = f.size // 4
    if size >= f.cutoff:  # the FAT's sectors: the first 109 are listed in the header
        fat_sector = struct.unpack_from("<I", data, 0x4C + 4 * (start // per))[0]
    else:  # the mini FAT's sectors: a chain in the FAT from the header's first
        fat_sector = struct.unpack_from("<I", data, 0x3C)[0]
        for _ in range(start // per):
            fat_sector = f.fat[fat_sector]
    struct.pack_into("<I", out, (fat_sector + 1) * f.size + 4 * (start % per), start)
    return bytes(out)


def test_sound_files_give_their_streams():
    book = compound.streams(XLS.read_bytes(), ("Workbook",))
    assert list(book) == ["Workbook"] and book["Workbook"][:2] == b"\x09\x08"  # a BIFF8 BOF record
    doc = compound.streams(DOC.read_bytes(), ("WordDocument", "1Table", "0Table"))
    assert sorted(doc) == ["1Table", "WordDocument"] and doc["WordDocument"][:2] == b"\xec\xa5"
    compound.check_chains(XLS.read_bytes())
    compound.check_chains(DOC.read_bytes())


def test_a_chain_that_loops_is_refused_naming_the_file(tmp_path):
    looped = tmp_path / "循环.xls"
    looped.write_bytes(_looped(XLS.read_bytes(), "Workbook"))
    with pytest.raises(compound.CompoundError, match="Workbook的扇区链"):
        compound.check_chains(looped.read_bytes())
    with pytest.raises(safety.UnsafeFile, match="循环.xls.*扇区链.*另存为 .xlsx"):
        read_workbook(looped)
    from desktop.extract import UnreadableReport, read_text_file

    doc = tmp_path / "循环.doc"
    doc.write_bytes(_looped(DOC.read_bytes(), "WordDocument"))
    with pytest.raises(UnreadableReport, match="循环.doc.*扇区链"):
        read_text_file(doc)


def test_not_a_compound_file():
    with pytest.raises(compound.CompoundError, match="不是"):
        compound.check_chains(b"PK\x03\x04" + bytes(600))
    with pytest.raises(compound.CompoundError, match="不是"):
        compound.check_chains(compound.SIGNATURE + bytes(100))
