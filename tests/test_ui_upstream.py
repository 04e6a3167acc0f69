"""The city office in the window: progress on the city node, the county overview (sort, export, double-click),
the 汇总 column beside the city's own figure, the simulated demo marked."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings, Qt  # noqa: E402

from desktop import workflow  # noqa: E402
from desktop.domain import ValueChange  # noqa: E402
from desktop.services import Services  # noqa: E402
from desktop.ui.form_model import COL_COMPUTED, COL_VALUE, FormModel  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.overview_dialog import CountyOverview, OverviewModel  # noqa: E402

CITY, YEAR = "330300", 2023
WZ = ["330302", "330303", "330304", "330305", "330324", "330326", "330327", "330328", "330329", "330381",
      "330382", "330383"]
EXPLAINED = "本县当年未开展该项统计调查"


@pytest.fixture
def office(db_path):
    """温州: eleven counties with beds, three of them approved, one submitted; 龙港市 nothing; the city's own beds."""
    with Services.open(db_path) as s:
        s.apply_changes([ValueChange(c, YEAR, "HOSPITAL_BEDS", 1000 + 100 * i) for i, c in enumerate(WZ[:11])]
                        + [ValueChange(c, YEAR, "POP_RESIDENT", 50.0) for c in WZ[:11]]
                        + [ValueChange(CITY, YEAR, "HOSPITAL_BEDS", 17000)], source="test")
        for c in WZ[:4]:
            s.apply_changes([ValueChange(c, YEAR, i.code, None, EXPLAINED) for i in s.indicators()
                             if i.code not in ("HOSPITAL_BEDS", "POP_RESIDENT")], source="test")
            workflow.submit(s, c, YEAR)
            if c != WZ[3]:
                workflow.approve(s, c, YEAR)
    return db_path


@pytest.fixture
def window(qtbot, office, tmp_path):
    services = Services.open(office)
    w = MainWindow(services, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.select_region_year(CITY, YEAR)
    w.show()
    qtbot.waitExposed(w)
    yield w
    services.close()


def test_city_node_shows_its_counties_progress(window):
    item = window.tree.items[CITY]
    assert item.text(0) == "温州市  3/12 已审核"
    assert window.tree.items["330000"].text(0) == "浙江省  3/90 已审核"
    assert window.tree.items["331000"].text(0).startswith("台州市  0/")
    assert "3 个已审核" in item.toolTip(0)
    window.select_region_year(CITY, 2022)
    assert window.tree.items[CITY].text(0) == "温州市  0/12 已审核"


def test_city_form_shows_the_computed_value_beside_its_own(window):
    model = window.model
    row = model.row_of("HOSPITAL_BEDS")
    assert model.index(row, COL_VALUE).data() == "17000"
    assert model.index(row, COL_COMPUTED).data() == f"{sum(1000 + 100 * i for i in range(11))}（11/12）"
    assert "11/12" in model.index(row, COL_COMPUTED).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(model.row_of("LIFE_EXPECTANCY"), COL_COMPUTED).data() == ""
    assert not window.form.horizontalHeader().isSectionHidden(COL_COMPUTED)
    window.select_region_year("330302", YEAR)
    assert window.form.horizontalHeader().isSectionHidden(COL_COMPUTED)
    assert window.actions_by_name["overview"].isEnabled() is False



@pytest.mark.parametrize("first", ["330302", CITY], ids=["opened-on-a-county", "opened-on-the-city"])
def test_the_computed_figures_are_not_cut(qtbot, office, tmp_path, first):
    """The 汇总 column was 42 px when the window had opened on a county: its figures read "124…"."""
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    settings.setValue("last/region", first)
    settings.setValue("last/year", YEAR)
    with Services.open(office) as services:
        w = MainWindow(services, settings)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        w.select_region_year(CITY, YEAR)
        text = w.model.index(w.model.row_of("HOSPITAL_BEDS"), COL_COMPUTED).data()
        assert text == f"{sum(1000 + 100 * i for i in range(11))}（11/12）"
        assert w.form.fontMetrics().horizontalAdvance(text) + 8 <= w.form.columnWidth(COL_COMPUTED)
        assert w.form.columnWidth(COL_COMPUTED) >= 120
        w.close()

def test_overview_sorts_exports_and_opens_a_county(qtbot, window, tmp_path, monkeypatch):
    dialog = window.make_overview()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, CountyOverview)
    assert "已报 11/12" in dialog.summary_label.text() and "龙港市" in dialog.summary_label.text()
    codes = dialog.codes()
    assert codes[0] == "330383" and codes[-4:] == ["330305", "330302", "330303", "330304"]  # what needs action first
    dialog.table.sortByColumn(7, Qt.SortOrder.DescendingOrder)  # 提交时间: the four submitted ones first
    assert set(dialog.codes()[:4]) == set(WZ[:4])
    dialog.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # 已填 as numbers: 0/56 before 2/56
    assert dialog.codes()[0] == "330383"
    dialog.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # 状态 in the order of what needs action
    statuses = [dialog.proxy.index(r, 2).data() for r in range(dialog.proxy.rowCount())]
    assert statuses[0] == "未填报" and statuses[-1] == "已审核" and statuses.index("已提交") < statuses.index("已审核")
    out = tmp_path / "进度.xlsx"
    monkeypatch.setattr(window, "ask_save_path", lambda *a: str(out))
    monkeypatch.setattr(window, "open_file", lambda p: None)
    assert dialog.export() == str(out)
    from openpyxl import load_workbook

    ws = load_workbook(out).worksheets[0]
    assert ws["A4"].value == "龙港市" and ws["D4"].value == "未填报"
    rows = {r[1].value: r for r in ws.iter_rows(min_row=4) if r[1].value}
    assert rows["330302"][3].value == "已审核" and rows["330302"][10].value == "admin"
    # a double-click opens the county in the window
    index = dialog.proxy.index(dialog.codes().index("330304"), 0)
    dialog.table.doubleClicked.emit(index)
    assert window.region_code == "330304" and window.year == YEAR


def test_overview_model_passes_the_qt_model_tester(qtmodeltester, office):
    from desktop.aggregate.service import status_report

    with Services.open(office) as s:
        qtmodeltester.check(OverviewModel(status_report(s, CITY, YEAR).counties), force_py=True)
        model = FormModel(s)
        model.load(CITY, YEAR)
        qtmodeltester.check(model, force_py=True)


def test_simulated_demo_values_are_marked_in_the_window(qtbot, tmp_path):
    from desktop.demo import load_demo

    path = tmp_path / "d.sqlite"
    with Services.init(path) as s:
        load_demo(s)
    services = Services.open(path)
    try:
        w = MainWindow(services, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(w)
        w.select_region_year("330302", 2022)
        assert "演示数据·模拟" in w.title.text()
        tip = w.model.index(w.model.row_of("HOSPITAL_BEDS"), COL_VALUE).data(Qt.ItemDataRole.ToolTipRole)
        assert "演示数据·模拟" in tip
        w.select_region_year("330381", 2021)
        seed_tip = w.model.index(w.model.row_of("LIFE_EXPECTANCY"), COL_VALUE).data(Qt.ItemDataRole.ToolTipRole)
        assert "模拟" not in (seed_tip or "")  # the seed report's own figure
        assert w.tree.items[CITY].text(0) == "温州市  12/12 已审核"
    finally:
        services.close()


def test_city_form_flags_its_own_figure_against_the_counties(qtbot, db_path, tmp_path):
    with Services.open(db_path) as s:
        s.apply_changes([ValueChange(c, YEAR, "HOSPITAL_BEDS", 1000) for c in WZ], source="test")
    services = Services.open(db_path)
    try:
        model = FormModel(services)
        model.load(CITY, YEAR)
        row = model.row_of("HOSPITAL_BEDS")
        assert model.index(row, COL_COMPUTED).data() == "12000"
        assert model.setData(model.index(row, COL_VALUE), "15000")
        level = [f for f in model.findings if f.rule == "level"]
        assert len(level) == 1 and level[0].value == 15000 and level[0].reference == 12000
        assert model.setData(model.index(row, COL_VALUE), "12100")  # within 2 %
        assert not [f for f in model.findings if f.rule == "level"]
    finally:
        services.close()


def test_catalog_editor_edits_the_aggregation(qtbot, services):
    from desktop.ui.catalog_dialog import FIELDS, CatalogModel

    model = CatalogModel(services)
    row = next(i for i, ind in enumerate(model.rows) if ind.code == "GP_PER_10000")
    col = FIELDS.index("aggregation")
    assert model.index(row, col).data() == "weighted: POP_RESIDENT"
    assert model.setData(model.index(row, col), "none")
    assert services.indicator("GP_PER_10000").aggregation == "none"
    assert not model.setData(model.index(row, col), "ratio: GP_COUNT / POP_RESIDENT")
    assert "汇总方式" in model.error and services.indicator("GP_PER_10000").aggregation == "none"


def test_the_city_adopts_the_computed_figures_as_one_undo_step(qtbot, db_path, tmp_path, monkeypatch):
    """编辑 → 采用汇总值填入本年: the figures all counties reported fill the city's empty 本年; Ctrl+Z takes them out."""
    with Services.open(db_path) as s:
        s.apply_changes([ValueChange(c, YEAR, "HOSPITAL_BEDS", 1000) for c in WZ]
                        + [ValueChange(c, YEAR, "POP_RESIDENT", 50.0) for c in WZ[:11]], source="test")
    services = Services.open(db_path)
    w = MainWindow(services, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    try:
        w.select_region_year(CITY, YEAR)
        asked = []
        monkeypatch.setattr(w, "ask_confirm", lambda title, text: asked.append(text) or True)
        assert w.actions_by_name["adopt"].isEnabled()
        w.actions_by_name["adopt"].trigger()
        model = w.model
        beds = model.index(model.row_of("HOSPITAL_BEDS"), COL_VALUE)
        assert beds.data() == "12000"
        assert model.index(model.row_of("POP_RESIDENT"), COL_VALUE).data() == ""  # 11/12: not adopted
        assert "1 个" in asked[0] and "部分县上报的 2 个" in asked[0]  # residents and beds per 1000: 11/12
        model.undo_stack.undo()
        assert beds.data() == "" and "HOSPITAL_BEDS" not in services.get_region_year(CITY, YEAR).values
        w.select_region_year("330302", YEAR)
        assert not w.actions_by_name["adopt"].isEnabled()  # a county has nothing below it
    finally:
        services.close()
