"""One-click summary reports (issue 5): report data from one function, laid out as Excel or PDF.

API: write_report, report_data, comparison_data, suggested_filename. reportlab and openpyxl are imported
only when a report is written (start-up time)."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path
from typing import Callable

from desktop.errors import AppError, UsageError
from desktop.aggregate.compare import Comparison as ComparisonData
from desktop.aggregate.compare import comparison as comparison_data
from desktop.reports.data import ReportData, report_data
from desktop.services import Services, check_year

__all__ = ["write_report", "report_data", "comparison_data", "suggested_filename", "ReportCancelled",
           "ReportData", "ComparisonData"]

FORMATS = (".pdf", ".xlsx")
# mkstemp makes 0600 files; the report gets the permissions a plain new file would (read once, here:
# os.umask can only be read by setting it).
_UMASK = os.umask(0o022)
os.umask(_UMASK)
_BAD_FILE_CHARS = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


class ReportCancelled(AppError):
    def __init__(self, path: Path):
        super().__init__(f"已取消，未写入报表文件：{path}")


def is_comparison(services: Services, region: str) -> bool:
    return services.region(region).level != "county"


def suggested_filename(services: Services, region: str, year: int, ext: str) -> str:
    """E.g. "温岭市_2021_汇总.pdf", or "温州市_2023_各县对比.xlsx" for a city or province."""
    reg = services.region(region)
    ext = ext if ext.startswith(".") else "." + ext
    kind = "各县对比" if reg.level != "county" else "汇总"
    name = _BAD_FILE_CHARS.sub("_", reg.name).strip(" .") or reg.code
    return f"{name}_{check_year(year)}_{kind}{ext.lower()}"


def _temp_beside(path: Path) -> Path:
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem[:40]}.", suffix=".part", dir=path.parent)
    except FileNotFoundError:
        raise AppError(f"无法写入报表文件：{path}（文件夹 {path.parent} 不存在）") from None
    except PermissionError:
        raise AppError(f"无法写入报表文件：{path}（没有写入文件夹 {path.parent} 的权限）") from None
    except OSError as exc:
        raise AppError(f"无法写入报表文件：{path}（{exc.strerror or exc}）") from None
    os.close(fd)
    with contextlib.suppress(OSError):
        os.chmod(tmp, 0o666 & ~_UMASK)
    return Path(tmp)


def write_report(services: Services, region: str, year: int, path: str | os.PathLike,
                 progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> Path:
    """Write the summary of a county-year, or the county comparison of a city or province, as PDF or Excel
    (by the suffix). The file appears whole or not at all (temporary file, then rename).

    Raises UsageError (suffix), UnknownRegion, InvalidYear, AppError (path cannot be written), ReportCancelled.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(f"报表文件应以 .pdf 或 .xlsx 结尾：{path}")
    if path.is_dir():
        raise AppError(f"无法写入报表文件：{path} 是一个文件夹")
    reg = services.region(region)
    year = check_year(year)
    comparison = reg.level != "county"
    total = 100  # percent, in whole numbers (a progress dialog takes ints)

    def step(done: int) -> None:
        if cancelled and cancelled():
            raise ReportCancelled(path)
        if progress:
            progress(done, total)

    step(0)
    data = comparison_data(services, reg.code, year) if comparison else report_data(services, reg.code, year)
    step(10)
    tmp = _temp_beside(path)
    try:
        if suffix == ".pdf":
            from desktop.reports import pdf as writer
        else:
            from desktop.reports import xlsx as writer
        inner = None
        if progress:
            def inner(done: int, of: int) -> None:
                progress(10 + int(80 * done / max(of, 1)), total)
        if comparison:
            if suffix == ".pdf":
                from desktop.reports import compare_pdf as cwriter
            else:
                from desktop.reports import compare_xlsx as cwriter
            cwriter.write_comparison(data, tmp, inner, cancelled)
        else:
            writer.write_summary(data, tmp)
        step(95)
        try:
            os.replace(tmp, path)
        except PermissionError:
            raise AppError(f"无法写入报表文件：{path}（文件被占用或没有权限；若已在其他程序中打开，请先关闭）") from None
        except OSError as exc:
            raise AppError(f"无法写入报表文件：{path}（{exc.strerror or exc}）") from None
    except OSError as exc:
        raise AppError(f"无法写入报表文件：{path}（{exc.strerror or exc}）") from None
    finally:
        with contextlib.suppress(OSError):
            if tmp.exists():
                tmp.unlink()
    if progress:
        progress(total, total)
    return path
