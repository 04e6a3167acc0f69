"""What an import plan holds: the refusals with their cells, the changes per region-year, drift, targets."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop.domain import Finding, ValueChange, plain_number
from desktop.errors import AppError


@dataclass(frozen=True)
class ImportIssue:
    """One refusal: the file, sheet and cell (either may be empty for a whole-file problem) and why."""

    file: str
    sheet: str
    cell: str
    message: str

    def __str__(self) -> str:
        if self.sheet and self.cell:
            return f"文件 {self.file}，{self.sheet}!{self.cell}：{self.message}"
        if self.sheet:
            return f"文件 {self.file}，工作表“{self.sheet}”：{self.message}"
        return f"文件 {self.file}：{self.message}"


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
        where = f"文件 {self.file}，{self.sheet}!{self.cell}"
        if self.stored_value is None:
            return (f"{where}：{self.region_name} {self.indicator_name} 上年数值为 {plain_number(self.file_value)}，"
                    f"本库没有 {self.year} 年以前的数值")
        return (f"{where}：{self.region_name} {self.indicator_name} 上年数值为 {plain_number(self.file_value)}，"
                f"本库 {self.stored_year} 年为 {plain_number(self.stored_value)}（文件与本库不一致，请核实哪一个正确）")


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
        more = f"；另有 {plan.more_errors} 处错误未列出" if plan.more_errors else ""
        head = f"导入被拒绝，未写入任何数据：共 {len(self.issues) + plan.more_errors} 处错误{more}"
        super().__init__(head + "\n" + "\n".join(str(i) for i in self.issues))
