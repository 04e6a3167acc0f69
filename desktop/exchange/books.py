"""Reading any workbook an office sends: .xlsx through desktop.exchange.reader, .xls and .ods through
desktop.exchange.legacy (which reads them by the rules of the .xlsx path)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from desktop.exchange import legacy, reader
from desktop.exchange.reader import WorkbookData


def read_workbook(path: str | Path, progress: Callable[[int, int], None] | None = None,
                  cancelled: Callable[[], bool] | None = None,
                  is_indicator: Callable[[str], bool] = reader._no_indicator,
                  find_region: Callable[[str], str | None] = reader._no_region,
                  is_region: Callable[[str], bool] = reader._no_indicator) -> WorkbookData:
    """The data and target sheets of one workbook (see desktop.exchange.reader.read_workbook)."""
    path = Path(path)
    kind = legacy.kind_of(path)
    if kind is not None:
        return legacy.read(path, kind, cancelled, is_indicator, find_region, is_region)
    return reader.read_workbook(path, progress, cancelled, is_indicator, find_region, is_region)
