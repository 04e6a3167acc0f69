"""The import dialog: the dry run is shown first; 取消 writes nothing, 导入 writes, a bad file cannot be imported."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from openpyxl import load_workbook  # noqa: E402

from desktop.ui.import_dialog import ImportDialog  # noqa: E402


@pytest.fixture
def workbook(demo_services, tmp_path):
    from desktop.exchange import export_workbook

    path = tmp_path / "瑞安市_2021.xlsx"
    export_workbook(demo_services, "330381", "2021", path)
    return path


def values_count(services):
    return len(services.get_region_year("330381", 2021).values)


def test_the_dry_run_is_shown_and_cancel_writes_nothing(qtbot, services, workbook):
    dialog = ImportDialog(services, [str(workbook)])
    qtbot.addWidget(dialog)
    assert dialog.prepare()
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text() == "瑞安市" and dialog.table.item(0, 1).text() == "2021"
    assert int(dialog.table.item(0, 2).text()) > 0  # new values
    assert dialog.import_button.isEnabled()
    dialog.cancel_button.click()
    assert not dialog.committed
    assert values_count(services) == 0


def test_import_commits_the_plan(qtbot, services, workbook):
    dialog = ImportDialog(services, [str(workbook)])
    qtbot.addWidget(dialog)
    assert dialog.prepare()
    new = int(dialog.table.item(0, 2).text())
    dialog.import_button.click()
    assert values_count(services) == new
    assert "已导入" in dialog.committed


def test_a_file_with_a_bad_cell_shows_the_cell_and_cannot_be_imported(qtbot, services, workbook):
    wb = load_workbook(workbook)
    ws = wb["数据"]
    header = [c.value for c in ws[1]]
    col = header.index("数值") + 1
    ws.cell(row=3, column=col, value="十二")
    wb.save(workbook)
    dialog = ImportDialog(services, [str(workbook)])
    qtbot.addWidget(dialog)
    assert dialog.prepare()
    texts = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    letter = "ABCDEFGHIJ"[col - 1]
    assert any(f"数据!{letter}3" in t for t in texts), texts
    assert not dialog.import_button.isEnabled()
    assert values_count(services) == 0
