"""What an import plan holds: the refusals with their cells, the changes per region-year, drift, targets."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop.domain import Finding, ValueChange, plain_number
from desktop.errors import AppError
from desktop.phrases import Phrase


@dataclass(frozen=True)
class ImportIssue:
    """One refusal: the file, sheet and cell (either may be empty for a whole-file problem) and why."""

    file: str
    sheet: str
    cell: str
    message: str

    def __str__(self) -> str:
        if self.sheet and self.cell:
            return at_cell(self.file, self.sheet, self.cell, self.message)
        if self.sheet:
            return Phrase("文件 {file}，工作表“{sheet}”：{message}", file=self.file, sheet=self.sheet, message=self.message)
        return Phrase("文件 {file}：{message}", file=self.file, message=self.message)


def at_cell(file: str, sheet: str, cell: str, message: str) -> Phrase:
    """An error or a notice at one cell: 文件 a.xlsx，数据!D4：… (a Phrase: the window says it in its language)."""
    return Phrase("文件 {file}，{sheet}!{cell}：{message}", file=file, sheet=sheet, cell=cell, message=message)


@dataclass(frozen=True)
class ValueLine:
    indicator: str
    old: float | None
    new: float | None
    old_note: str = ""
    new_note: str = ""


@dataclass
class RegionYearSummary:
    region: str
    region_name: str
    year: int
    new: list[ValueLine] = field(default_factory=list)
    changed: list[ValueLine] = field(default_factory=list)
    unchanged: list[ValueLine] = field(default_factory=list)


@dataclass(frozen=True)
class Drift:
    """A `上年数值` that disagrees with what this store holds for the prior year."""

    file: str
    sheet: str
    cell: str
    region: str
    region_name: str
    year: int
    indicator: str
    indicator_name: str
    file_value: float
    stored_value: float | None
    stored_year: int | None

    def __str__(self) -> str:
        parts = dict(file=self.file, sheet=self.sheet, cell=self.cell, region=self.region_name,
                     indicator=self.indicator_name, value=plain_number(self.file_value))
        if self.stored_value is None:
            return Phrase("文件 {file}，{sheet}!{cell}：{region} {indicator} 上年数值为 {value}，本库没有 {year} 年以前的数值",
                          year=self.year, **parts)
        return Phrase("文件 {file}，{sheet}!{cell}：{region} {indicator} 上年数值为 {value}，本库 {stored_year} 年为 {stored}"
                      "（文件与本库不一致，请核实哪一个正确）", stored_year=self.stored_year,
                      stored=plain_number(self.stored_value), **parts)


@dataclass(frozen=True)
class TargetChange:
    region: str
    year: int
    indicator: str
    old: float | None
    new: float
    source: str


@dataclass(frozen=True)
class SourceFile:
    path: Path
    name: str
    sha256: str
    rows: int = 0

    @property
    def source(self) -> str:
        return f"import:{self.name}#{self.sha256}"


@dataclass
class FileCounts:
    """What one file of an import brings: its region-years and how many values are new, changed, unchanged."""

    name: str
    region_years: set = field(default_factory=set)
    new: int = 0
    changed: int = 0
    unchanged: int = 0


@dataclass
class ImportPlan:
    files: list[SourceFile] = field(default_factory=list)
    errors: list[ImportIssue] = field(default_factory=list)
    changes: list[ValueChange] = field(default_factory=list)
    change_sources: list[str] = field(default_factory=list)
    # (region, year, indicator) of changes that carry only a note: the value stored at commit time stays
    note_only: set[tuple[str, int, str]] = field(default_factory=set)
    summary: dict[tuple[str, int], RegionYearSummary] = field(default_factory=dict)
    drift: list[Drift] = field(default_factory=list)
    targets: list[TargetChange] = field(default_factory=list)
    rows: int = 0
    more_errors: int = 0
    # datasets the files would change but whose status forbids it: (region, year, error)
    locked: list[tuple[str, int, Exception]] = field(default_factory=list)
    # format version 2: decisions the files carry that this import takes (status.Decision, source, file name)
    statuses: list[tuple[object, str, str]] = field(default_factory=list)
    # (region, year, {indicator: (kind, reason) or None}, source): the marks 不适用 / 本年未统计 a taken
    # decision brings (the region-year's marks become the file's), written after the values
    marks: list[tuple[str, int, dict, str]] = field(default_factory=list)
    # what the import says without refusing: a status not taken (digest), …
    notices: list[str] = field(default_factory=list)
    per_file: dict[str, FileCounts] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def region_years(self) -> list[tuple[str, int]]:
        return sorted(self.summary)


@dataclass
class ImportResult:
    plan: ImportPlan
    written: int
    targets_written: int
    backup: Path | None
    findings: dict[tuple[str, int], list[Finding]] = field(default_factory=dict)
    validation_note: str = ""
    statuses_written: int = 0


class ImportRefused(AppError):
    """The files have errors; nothing was written. `issues` lists every one."""

    def __init__(self, plan: ImportPlan):
        self.plan = plan
        self.issues = list(plan.errors)
        n = len(self.issues) + plan.more_errors
        lines = tuple(str(i) for i in self.issues)
        super().__init__(Phrase("导入被拒绝，未写入任何数据：共 {n} 处错误；另有 {more} 处错误未列出\n{lines}", n=n,
                                more=plan.more_errors, lines=lines) if plan.more_errors else
                         Phrase("导入被拒绝，未写入任何数据：共 {n} 处错误\n{lines}", n=n, lines=lines))
