"""One-click summary reports: report data from one function, laid out as Excel or PDF.

API: write_report, write_years_report, write_each, report_data, comparison_data, suggested_filename. reportlab and openpyxl are imported
only when a report is written (start-up time)."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from desktop.aggregate.compare import Comparison as ComparisonData
from desktop.aggregate.compare import comparison as comparison_data
from desktop.db.store import refuse_output_file
from desktop.domain import check_year
from desktop.errors import AppError, UsageError
from desktop.phrases import Phrase
from desktop.reports.data import ReportData, report_data

if TYPE_CHECKING:  # the services hand themselves in; this package never imports them
    from desktop.services import Services

__all__ = ["write_report", "write_years_report", "write_each", "write_status_report", "report_data", "comparison_data",
           "suggested_filename", "ReportCancelled", "ReportData", "ComparisonData"]

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
        raise AppError(Phrase("无法写入报表文件：{path}（文件夹 {folder} 不存在）", path=str(path), folder=str(path.parent))) from None
    except PermissionError:
        raise AppError(Phrase("无法写入报表文件：{path}（没有写入文件夹 {folder} 的权限）",
                              path=str(path), folder=str(path.parent))) from None
    except OSError as exc:
        raise AppError(Phrase("无法写入报表文件：{path}（{reason}）", path=str(path), reason=str(exc.strerror or exc))) from None
    os.close(fd)
    with contextlib.suppress(OSError):
        os.chmod(tmp, 0o666 & ~_UMASK)
    return Path(tmp)


def _checked_path(path: str | os.PathLike) -> tuple[Path, str]:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(Phrase("报表文件应以 .pdf 或 .xlsx 结尾：{path}", path=str(path)))
    refuse_output_file(path, Phrase("写成报表"))
    if path.is_dir():
        raise AppError(Phrase("无法写入报表文件：{path} 是一个文件夹", path=str(path)))
    return path, suffix


def _write_whole(path: Path, write: Callable[[Path], None]) -> None:
    """write(tmp) into a temporary file beside `path`, then rename it over `path`: whole or not at all."""
    tmp = _temp_beside(path)
    try:
        write(tmp)
        try:
            os.replace(tmp, path)
        except PermissionError:
            raise AppError(Phrase("无法写入报表文件：{path}（文件被占用或没有权限；若已在其他程序中打开，请先关闭）", path=str(path))) from None
        except OSError as exc:
            raise AppError(Phrase("无法写入报表文件：{path}（{reason}）",
                                  path=str(path), reason=str(exc.strerror or exc))) from None
    except OSError as exc:
        raise AppError(Phrase("无法写入报表文件：{path}（{reason}）", path=str(path), reason=str(exc.strerror or exc))) from None
    finally:
        with contextlib.suppress(OSError):
            if tmp.exists():
                tmp.unlink()


def _stepper(path: Path, progress, cancelled, total: int = 100):
    def step(done: int) -> None:
        if cancelled and cancelled():
            raise ReportCancelled(path)
        if progress:
            progress(done, total)

    def inner(done: int, of: int) -> None:  # a writer's own progress, mapped to 10–90 %
        if progress:
            progress(10 + int(80 * done / max(of, 1)), total)

    return step, inner


def write_report(services: Services, region: str, year: int, path: str | os.PathLike,
                 progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> Path:
    """Write the summary of a county-year, or the county comparison of a city or province, as PDF or Excel
    (by the suffix). The file appears whole or not at all (temporary file, then rename).

    Raises UsageError (suffix), UnknownRegion, InvalidYear, AppError (path cannot be written), ReportCancelled.
    """
    path, suffix = _checked_path(path)
    reg = services.region(region)
    year = check_year(year)
    comparison = reg.level != "county"
    step, inner = _stepper(path, progress, cancelled)
    step(0)
    data = comparison_data(services, reg.code, year) if comparison else report_data(services, reg.code, year)
    step(10)

    def write(tmp: Path) -> None:
        if comparison:
            if suffix == ".pdf":
                from desktop.reports import compare_pdf as cwriter
            else:
                from desktop.reports import compare_xlsx as cwriter
            cwriter.write_comparison(data, tmp, inner, cancelled)
        else:
            if suffix == ".pdf":
                from desktop.reports import pdf as writer
            else:
                from desktop.reports import xlsx as writer
            writer.write_summary(data, tmp)
        step(95)

    _write_whole(path, write)
    if progress:
        progress(100, 100)
    return path


def write_years_report(services: Services, region: str, years: list[int], path: str | os.PathLike,
                       progress: Callable[[int, int], None] | None = None,
                       cancelled: Callable[[], bool] | None = None) -> Path:
    """A region over a range of years (computed from the counties for a city or the province), PDF or Excel.

    Raises UsageError, UnknownRegion, InvalidYear, AppError, ReportCancelled."""
    from desktop.reports.years import years_data

    path, suffix = _checked_path(path)
    step, inner = _stepper(path, progress, cancelled)
    step(0)
    data = years_data(services, region, years, inner, cancelled)
    step(90)

    def write(tmp: Path) -> None:
        if suffix == ".pdf":
            from desktop.reports import pdf as writer
        else:
            from desktop.reports import xlsx as writer
        writer.write_years(data, tmp)

    _write_whole(path, write)
    if progress:
        progress(100, 100)
    return path


def write_each(services: Services, region: str, year: int, folder: str | os.PathLike,
               progress: Callable[[int, int], None] | None = None,
               cancelled: Callable[[], bool] | None = None) -> list[Path]:
    """Every county's summary PDF of `year` under a city or the province into `folder`, then one merged PDF of
    them all (each county with its own page numbers and status stamp): one process, the font loaded once.
    Returns the files written, the merged one last.

    Raises UnknownRegion, InvalidYear, AppError (folder), ReportCancelled (the files done so far stay)."""
    from desktop.reports import pdf as writer

    folder = Path(folder)
    reg = services.region(region)
    year = check_year(year)
    refuse_output_file(folder, Phrase("作为报表文件夹"))
    if folder.exists() and not folder.is_dir():
        raise AppError(Phrase("输出路径不是文件夹：{folder}", folder=str(folder)))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AppError(Phrase("无法建立文件夹：{folder}（{reason}）",
                              folder=str(folder), reason=str(exc.strerror or exc))) from None
    counties = services.counties_of(reg.code)
    total = len(counties) + 1
    done: list[Path] = []
    datas = []
    for i, county in enumerate(counties):
        if cancelled and cancelled():
            raise ReportCancelled(folder)
        data = report_data(services, county.code, year)
        path = folder / suggested_filename(services, county.code, year, ".pdf")
        _write_whole(path, lambda tmp, d=data: writer.write_summary(d, tmp))
        done.append(path)
        datas.append(data)
        if progress:
            progress(i + 1, total)
    if cancelled and cancelled():
        raise ReportCancelled(folder)
    name = _BAD_FILE_CHARS.sub("_", reg.name).strip(" .") or reg.code
    merged = folder / f"{name}_{year}_各县汇总（合并）.pdf"
    _write_whole(merged, lambda tmp: writer.write_summaries(datas, tmp))
    done.append(merged)
    if progress:
        progress(total, total)
    return done


def write_status_report(services: Services, region: str, year: int, path: str | os.PathLike,
                        progress: Callable[[int, int], None] | None = None,
                        cancelled: Callable[[], bool] | None = None) -> Path:
    """The counties' progress below a city or the province (the window's county overview) as a workbook,
    what needs action first. Raises UsageError (not .xlsx), UnknownRegion, InvalidYear, AppError."""
    from desktop.aggregate.service import is_simulated, now, status_report
    from desktop.reports import compare_xlsx

    path, suffix = _checked_path(path)
    if suffix != ".xlsx":
        raise UsageError(Phrase("填报进度只导出为Excel工作簿（.xlsx）：{path}", path=str(path)))
    report = status_report(services, region, year, progress, cancelled)
    names = {r.code: r.name for r in services.regions() if r.level != "county"}
    simulated = is_simulated(services, [c.region for c in report.counties], [report.year])
    _write_whole(path, lambda tmp: compare_xlsx.write_status(report, tmp, now(), services.user.name, simulated,
                                                             names))
    return path
