"""An import that would change an approved dataset is refused whole, and the refusal is itself audited."""

from __future__ import annotations

import pytest

from desktop.db import repo
from desktop.domain import Dataset
from desktop.exchange import ImportRefused, export_workbook, import_files


def test_import_into_approved_dataset_refused_and_audited(demo_services, tmp_path):
    book = export_workbook(demo_services, "330381", "2021", tmp_path / "ruian.xlsx")
    demo_services.set_value("330381", 2021, "LIFE_EXPECTANCY", 82.5)  # the file now differs from the store
    with demo_services.store.write() as db:
        repo.put_dataset(db, Dataset("330381", 2021, "approved", repo.now(), "admin"))

    with pytest.raises(ImportRefused) as info:
        import_files(demo_services, [book])
    assert "已审核" in str(info.value) and "ruian.xlsx" in str(info.value)
    assert demo_services.get_region_year("330381", 2021).values["LIFE_EXPECTANCY"].value == 82.5
    denied = [r for r in demo_services.audit("330381", 2021) if r.field == "denied"]
    assert denied and denied[-1].source == "导入数据" and "已审核" in denied[-1].reason


def test_dry_run_records_nothing(demo_services, tmp_path):
    book = export_workbook(demo_services, "330381", "2021", tmp_path / "ruian.xlsx")
    demo_services.set_value("330381", 2021, "LIFE_EXPECTANCY", 82.5)
    with demo_services.store.write() as db:
        repo.put_dataset(db, Dataset("330381", 2021, "approved", repo.now(), "admin"))
    before = len(demo_services.audit("330381", 2021))
    with pytest.raises(ImportRefused):
        import_files(demo_services, [book], dry_run=True)
    assert len(demo_services.audit("330381", 2021)) == before
