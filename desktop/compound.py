"""The compound file (OLE2) of the Office 97–2003 formats: Excel .xls, WPS .et, Word .doc, WPS .wps.

A small strict reader: each chain of sectors is followed with every sector taken at most once and no more
sectors than the stream's size needs, so a damaged file is refused with a reason instead of read round a loop.
xlrd follows a damaged .xls's chain round a loop until memory runs out (a fuzzed 6 KB workbook: 30 s and all
memory before this check), so desktop.exchange.legacy calls `check_chains` before xlrd opens a workbook, and
desktop.extract.doc reads a .doc's streams with `streams`.
"""

from __future__ import annotations

import struct

from desktop.phrases import Phrase

SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END, _FREE = 0xFFFFFFFE, 0xFFFFFFFF
_MAX_SECTOR = 0xFFFFFFFA  # above: the special values


class CompoundError(ValueError):
    """A compound file that cannot be read soundly; the message says what is wrong, in the clerk's words."""


class _File:
    def __init__(self, data: bytes):
        if len(data) < 512 or data[:8] != SIGNATURE:
            raise CompoundError(Phrase("不是 Office 97–2003 复合文件"))
        self.data = data
        shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
        if shift not in (9, 12) or mini_shift != 6:
            raise CompoundError(Phrase("文件头损坏（扇区大小）"))
        self.size, self.mini_size = 1 << shift, 1 << mini_shift
        (n_fat, self.dir_start, _transaction, self.cutoff, mini_fat_start, n_mini_fat, difat_start,
         n_difat) = struct.unpack_from("<IIIIIIII", data, 0x2C)
        self.sectors = (len(data) - self.size) // self.size  # whole sectors after the header's
        if n_fat > self.sectors or n_mini_fat > self.sectors or n_difat > self.sectors:
            raise CompoundError(Phrase("文件头损坏（扇区数超出文件）"))
        # the FAT's own sectors: 109 in the header, the rest in the DIFAT chain
        fat_sectors = list(struct.unpack_from("<109I", data, 0x4C))
        seen: set[int] = set()
        sector = difat_start
        per = self.size // 4 - 1
        while sector <= _MAX_SECTOR and len(fat_sectors) < n_fat + per:
            if sector in seen or sector >= self.sectors:
                raise CompoundError(Phrase("文件损坏（DIFAT 链）"))
            seen.add(sector)
            entries = struct.unpack_from(f"<{per + 1}I", self._sector(sector))
            fat_sectors.extend(entries[:per])
            sector = entries[per]
        fat_sectors = fat_sectors[:n_fat]
        if any(s >= self.sectors for s in fat_sectors):
            raise CompoundError(Phrase("文件损坏（FAT 扇区超出文件）"))
        self.fat = [e for s in fat_sectors for e in struct.unpack_from(f"<{self.size // 4}I", self._sector(s))]
        mini_fat = self._chain(self.fat, mini_fat_start, n_mini_fat * self.size, self.size, "MiniFAT")
        self.mini_fat = list(struct.unpack_from(f"<{len(mini_fat) // 4}I", mini_fat))
        directory = self._chain(self.fat, self.dir_start, None, self.size, Phrase("目录"))
        self.entries: list[tuple[str, int, int, int]] = []  # name, type (1 storage, 2 stream, 5 root), start, size
        for at in range(0, len(directory) - 127, 128):
            length, kind = struct.unpack_from("<HB", directory, at + 0x40)
            start, size = struct.unpack_from("<IQ", directory, at + 0x74)
            if kind in (1, 2, 5):
                name = directory[at:at + min(max(length - 2, 0), 62)].decode("utf-16-le", errors="replace")
                self.entries.append((name, kind, start, size if shift == 12 else size & 0xFFFFFFFF))
        root = next((e for e in self.entries if e[1] == 5), None)
        if root is None:
            raise CompoundError(Phrase("文件损坏（没有根目录）"))
        self.mini_stream = self._chain(self.fat, root[2], root[3], self.size, Phrase("迷你流")) if root[3] else b""

    def _sector(self, sector: int) -> bytes:
        return self.data[(sector + 1) * self.size:(sector + 2) * self.size]

    def _chain(self, table: list[int], start: int, size: int | None, unit: int, what: str) -> bytes:
        """The bytes of a chain of sectors of `unit` bytes; `size` (None: to the chain's end) bounds it."""
        source = self.data if unit == self.size else self.mini_stream
        base = self.size if unit == self.size else 0
        limit = len(table) if size is None else -(-size // unit)
        if size is not None and size > len(source):
            raise CompoundError(Phrase("文件损坏（{what}的长度超出文件）", what=what))
        parts: list[bytes] = []
        seen: set[int] = set()
        sector = start
        while sector <= _MAX_SECTOR and len(parts) < limit:
            if sector in seen or sector >= len(table) or base + (sector + 1) * unit > len(source):
                raise CompoundError(Phrase("文件损坏（{what}的扇区链）", what=what))
            seen.add(sector)
            parts.append(source[base + sector * unit:base + (sector + 1) * unit])
            sector = table[sector]
        data = b"".join(parts)
        if size is not None:
            if len(data) < size:
                raise CompoundError(Phrase("文件损坏（{what}不完整）", what=what))
            data = data[:size]
        return data

    def stream(self, name: str, kind: int, start: int, size: int) -> bytes:
        if size < self.cutoff:
            return self._chain(self.mini_fat, start, size, self.mini_size, name)
        return self._chain(self.fat, start, size, self.size, name)


def check_chains(data: bytes) -> None:
    """Raise CompoundError unless every stream of the compound file reads soundly."""
    f = _File(data)
    for name, kind, start, size in f.entries:
        if kind == 2:
            f.stream(name, kind, start, size)


def streams(data: bytes, names: tuple[str, ...]) -> dict[str, bytes]:
    """The streams of these names (case-insensitive) that the file has, each read soundly, else CompoundError."""
    f = _File(data)
    wanted = {n.lower() for n in names}
    return {name: f.stream(name, kind, start, size) for name, kind, start, size in f.entries
            if kind == 2 and name.lower() in wanted}
