"""The county → city → county → city → province loop from the window: the import preview shows the status a
workbook carries and the findings it would raise; the city accepts and returns (reason and notes on single
values) with the window's actions; the county's form shows the reason and the notes."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings  # noqa: E402

from desktop import workflow  # noqa: E402
from desktop.domain import ValueChange  # noqa: E402
from desktop.exchange import export_workbook  # noqa: E402
from desktop.services import Services  # noqa: E402
from desktop.ui.import_dialog import ImportDialog  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402

COUNTY, CITY, YEAR = "331081", "331000", 2022
DATA = Path(__file__).resolve().parent / "data" / "exchange"


def _store(path: Path, users: dict[str, str]) -> Path:
    with Services.init(path) as s:
        for name, role in users.items():
            s.add_user(name, role)
    return path


@pytest.fixture
def offices(tmp_path):
    county = _store(tmp_path / "county.sqlite", {"张三": "clerk", "李四": "supervisor"})
    city = _store(tmp_path / "city.sqlite", {"王五": "supervisor"})
    province = _store(tmp_path / "province.sqlite", {})
    with Services.open(county) as s:
        values = {"BEDS_PER_1000": 4.6, "LIFE_EXPECTANCY": 81.5, "HOSPITAL_BEDS": 6200}
        s.apply_changes([ValueChange(COUNTY, YEAR, i.code, values.get(i.code),
                                     None if i.code in values else "本县当年未开展该项统计调查")
                         for i in s.indicators()], source="test")
    return county, city, province


def _window(qtbot, path, tmp_path, user):
    services = Services.open(path, user=user)
    w = MainWindow(services, QSettings(str(tmp_path / f"{path.stem}.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _import_in_window(window, monkeypatch, path):
    """文件 → 导入Excel…: the file chosen, the preview shown, 导入 clicked."""
    seen = {}

    def run(dialog):
        seen["rows"] = [[dialog.table.item(r, c).text() for c in range(dialog.table.columnCount())]
                        for r in range(dialog.table.rowCount())]
        seen["headline"] = dialog.headline.text()
        seen["problems"] = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
        dialog.import_button.click()
        return dialog.result()

    monkeypatch.setattr(window, "ask_open_paths", lambda *a: [str(path)])
    monkeypatch.setattr(ImportDialog, "exec", run)
    window.import_excel()
    return seen


def test_the_loop_through_the_window(qtbot, offices, tmp_path, monkeypatch):
    county, city, province = offices
    cw = _window(qtbot, county, tmp_path, "李四")
    with Services.open(county, user="张三") as clerk:
        workflow.submit(clerk, COUNTY, YEAR)
    cw.select_region_year(COUNTY, YEAR)
    cw.refresh()
    monkeypatch.setattr(cw, "ask_confirm", lambda *a: True)
    cw.actions_by_name["approve"].trigger()
    assert cw.services.dataset(COUNTY, YEAR).status == "approved"
    export_workbook(cw.services, COUNTY, YEAR, tmp_path / "c1.xlsx")

    # the city: the preview shows the status the workbook carries; imported, the year is approved there
    tw = _window(qtbot, city, tmp_path, "王五")
    seen = _import_in_window(tw, monkeypatch, tmp_path / "c1.xlsx")
    assert seen["rows"][0][:2] == ["温岭市", "2022"] and seen["rows"][0][5] == "草稿 → 已审核（李四）"
    tw.select_region_year(COUNTY, YEAR)
    tw.refresh()
    assert tw.model.region_year.status == "approved"
    assert tw.actions_by_name["accept"].isEnabled() and tw.actions_by_name["return"].isEnabled()
    # it returns the year with a reason and a note on one value
    monkeypatch.setattr(tw, "ask_return", lambda: ("床位数与年报不一致", {"HOSPITAL_BEDS": "年报为 6150 张"}))
    tw.actions_by_name["return"].trigger()
    assert tw.services.dataset(COUNTY, YEAR).status == "returned"
    export_workbook(tw.services, COUNTY, YEAR, tmp_path / "r1.xlsx")

    # the county: the return reopens the year; the form says why and what about which value
    seen = _import_in_window(cw, monkeypatch, tmp_path / "r1.xlsx")
    assert seen["rows"][0][5] == "已审核 → 已退回（王五）"
    cw.refresh()
    text = cw.reason_label.text()
    assert "床位数与年报不一致" in text and "对“医疗机构实有床位数”的意见：年报为 6150 张" in text
    assert cw.reason_label.isVisibleTo(cw)
    cw.grab().save(str(tmp_path / "county_returned.png"))
    with Services.open(county, user="张三") as clerk:
        clerk.set_value(COUNTY, YEAR, "HOSPITAL_BEDS", 6150)
        workflow.submit(clerk, COUNTY, YEAR)
    cw.refresh()
    cw.actions_by_name["approve"].trigger()
    export_workbook(cw.services, COUNTY, YEAR, tmp_path / "c2.xlsx")

    # the city takes the newer workbook and accepts
    seen = _import_in_window(tw, monkeypatch, tmp_path / "c2.xlsx")
    assert seen["rows"][0][3] == "1" and seen["rows"][0][5] == "已退回 → 已审核（李四）", seen
    tw.refresh()
    monkeypatch.setattr(tw, "ask_confirm", lambda *a: True)
    tw.actions_by_name["accept"].trigger()
    assert tw.services.dataset(COUNTY, YEAR).status == "accepted"
    assert not tw.actions_by_name["accept"].isEnabled()
    export_workbook(tw.services, CITY, YEAR, tmp_path / "city.xlsx")

    # the province receives the city's counties with their statuses
    pw = _window(qtbot, province, tmp_path, "admin")
    seen = _import_in_window(pw, monkeypatch, tmp_path / "city.xlsx")
    assert ["温岭市", "2022"] == seen["rows"][0][:2] and seen["rows"][0][5] == "草稿 → 已接收（王五）"
    assert pw.services.dataset(COUNTY, YEAR).status == "accepted"
    for w in (cw, tw, pw):
        w.services.close()


def test_the_preview_shows_the_findings_before_anything_is_stored(qtbot, services):
    dialog = ImportDialog(services, [str(DATA / "家庭医生签约人数_61200.xlsx")])
    qtbot.addWidget(dialog)
    assert dialog.prepare()
    assert dialog.table.item(0, 6).text() == "错误 2，核实 0"
    assert "导入后将有 2 个审核错误" in dialog.headline.text()
    problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert any("家庭医生签约人数" in p and "61200" in p for p in problems)
    assert services.get_region_year(COUNTY, YEAR).values == {}
