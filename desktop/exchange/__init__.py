"""Excel exchange format version 1 (docs/EXCHANGE.md): entry template, export, import; no Qt here.

Modules: `safety` (checks before a file is opened, limits), `reader` and `sheetxml` (the reading path, why not
calamine), `importer` (reading rules, plan and commit), `plan` (what a plan holds), `writer` (template and
export, formula injection).
"""

from desktop.exchange.importer import (
    Drift,
    ImportIssue,
    ImportPlan,
    ImportRefused,
    ImportResult,
    RegionYearSummary,
    TargetChange,
    ValueLine,
    commit_import,
    import_files,
    plan_import,
)
from desktop.exchange.reader import ImportCancelled
from desktop.exchange.safety import UnsafeFile, check_file
from desktop.exchange.writer import ExportCancelled, expand_regions, export_workbook, parse_years, write_template

__all__ = [
    "Drift", "ImportIssue", "ImportPlan", "ImportRefused", "ImportResult", "RegionYearSummary", "TargetChange",
    "ValueLine", "commit_import", "import_files", "plan_import", "ImportCancelled", "UnsafeFile", "check_file",
    "ExportCancelled", "expand_regions", "export_workbook", "parse_years", "write_template",
]
