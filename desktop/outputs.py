"""Writing a finished workbook to disk so that a full or read-only disk is one clear error, nothing more.

openpyxl writes straight into a zipfile.ZipFile on the target file. When the disk fills half-way the
error comes out, but the ZipFile is left open, and when the garbage collector closes it the same write
fails again and Python prints "Exception ignored … OSError" tracebacks after the program's own error
line. The workbook is therefore built in memory (a finished .xlsx is compressed: a few MB for the largest
export) and written with one plain file write, whose failure closes everything in order.
"""

from __future__ import annotations

import io
import os
from pathlib import Path


def save_workbook(wb, path: str | os.PathLike) -> None:
    """wb.save(path), but no half-closed zip file is left behind when the write fails (raises OSError)."""
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getbuffer()
    try:
        with open(Path(path), "wb") as f:
            f.write(data)
    finally:
        data.release()
