"""Excel exchange (docs/EXCHANGE.md): entry template, export, import, statuses carried between offices; no Qt here.

The package has the shape of every feature package, a pure core and the modules that do I/O around it:

- pure (plain values in, plain values out; no store, no files, no openpyxl — checked by an import-linter
  contract and tests/test_architecture.py): `format` (sheet and column names, header matching), `layouts`
  (the tables offices draw, turned into rows with each cell's address), `plan` (what an import plan holds),
  `status` (the status lines, their digest, and the rule that decides whether an imported decision is taken);
- reading files: `safety` (checks before a file is opened, limits), `sheetxml` (the worksheet XML, streamed),
  `reader` (a workbook into tables), `legacy` (.xls and .ods), `books` (which reader for which file);
- against the store: `importer` (reading rules, plan and commit through `Services.write()`), `writer`
  (template and export, formula injection), `status_store` (the statuses an export reads, a taken decision
  written inside the import's transaction).
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
