"""The entry window with pytest-qt (offscreen): typing, Enter, findings, paste, undo, prior year, closing."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings, Qt  # noqa: E402

from desktop.domain import ValueChange  # noqa: E402
from desktop.ui.form_model import COL_CHECK, COL_NOTE, COL_PRIOR, COL_VALUE, FormModel  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402

COUNTY = "331081"  # 温岭市


def type_into(qtbot, view, text):
    """Type as a clerk does: the first key opens the editor on the current cell, the rest go to the editor."""
    qtbot.keyClick(view, text[0])
    editor = view.delegate.current_editor
    assert editor is not None, "typing did not start editing"
    qtbot.keyClicks(editor, text[1:])
    return editor


def stored(services, code, year=2021, region=COUNTY):
    rec = services.get_region_year(region, year).values.get(code)
    return rec.value if rec else None


def test_form_model_passes_qt_model_tester(qtmodeltester, services):
    services.apply_changes([ValueChange(COUNTY, 2020, "HOSPITAL_BEDS", 4000.0),
                            ValueChange(COUNTY, 2021, "HOSPITAL_BEDS", 4100.0)], "cli")
    model = FormModel(services)
    model.load(COUNTY, 2021)
    qtmodeltester.check(model, force_py=True)


def test_typing_a_value_and_enter_stores_it_and_moves_down(qtbot, window, services):
    row = window.model.row_of("POP_RESIDENT")
    window.form.go_to(row, COL_VALUE)
    window.form.setFocus()
    editor = type_into(qtbot, window.form, "140.5")  # typing starts editing
    assert editor.text() == "140.5"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.form.delegate.current_editor is None)  # Qt commits on Enter via a queued call
    assert stored(services, "POP_RESIDENT") == 140.5
    assert window.form.currentIndex().row() == window.model.row_of("POP_ELDERLY_60")
    assert window.form.currentIndex().column() == COL_VALUE
    assert window.model.index(row, COL_VALUE).data() == "140.50"
    audit = services.audit(COUNTY, 2021, "POP_RESIDENT")
    assert [(a.new, a.source) for a in audit if a.field == "value"] == [(140.5, "form")]


def test_tab_moves_down_past_a_section_heading(qtbot, window, services):
    last_of_section = window.model.row_of("POP_ELDERLY_60")
    window.form.go_to(last_of_section, COL_VALUE)
    window.form.setFocus()
    qtbot.keyClick(type_into(qtbot, window.form, "30"), Qt.Key.Key_Tab)
    assert stored(services, "POP_ELDERLY_60") == 30
    assert window.form.currentIndex().row() == window.model.row_of("LIFE_EXPECTANCY")


def test_an_out_of_range_value_shows_its_finding(qtbot, window, services):
    row = window.model.row_of("LIFE_EXPECTANCY")
    assert window.model.setData(window.model.index(row, COL_VALUE), "120")
    assert stored(services, "LIFE_EXPECTANCY") == 120
    assert window.model.index(row, COL_CHECK).data() == "错误"
    rows = window.findings.rows()
    mine = [i for i, r in enumerate(rows) if r[1] == "LIFE_EXPECTANCY"]
    assert mine and rows[mine[0]][0] == "错误" and "120" in rows[mine[0]][2]
    item = window.findings.list.item(mine[0])
    assert item.text().startswith("人均期望寿命：")
    assert window.counts_label.text().startswith("错误 1")
    # clicking the finding selects its row in the form
    window.form.go_to(window.model.row_of("POP_RESIDENT"))
    window.findings.list.itemClicked.emit(item)
    assert window.form.currentIndex().row() == row


def test_a_bad_number_is_refused_with_a_message_and_not_stored(window, services):
    row = window.model.row_of("HOSPITAL_BEDS")
    assert not window.model.setData(window.model.index(row, COL_VALUE), "12x3")
    assert stored(services, "HOSPITAL_BEDS") is None
    assert window.message_bar.isVisible()
    assert "医疗机构实有床位数" in window.message_bar.text() and "12x3" in window.message_bar.text()


def test_paste_fills_downward_reading_excel_texts(window, services):
    window.form.go_to(window.model.row_of("HOSPITAL_BEDS"))
    codes = [window.model.indicator_at(r).code for r in range(window.model.row_of("HOSPITAL_BEDS"),
                                                               window.model.rowCount())
             if window.model.indicator_at(r)][:3]
    assert window.form.paste_text("4,839\r\n１２３４\r\n—\r\n")
    assert [stored(services, c) for c in codes] == [4839, 1234, None]
    assert {a.source for a in services.audit(COUNTY, 2021) if a.field == "value"} == {"paste"}


def test_paste_of_a_percent_column_across_a_section_heading(window, services):
    model = window.model
    # the last indicator of a section: the next row is a heading, which the pasted column steps over
    start = next(r for r in range(model.rowCount() - 1) if model.indicator_at(r) and model.indicator_at(r + 1) is None)
    window.form.go_to(start)
    after = next(r for r in range(start + 1, model.rowCount()) if model.indicator_at(r))
    assert after == start + 2
    first, second = model.indicator_at(start), model.indicator_at(after)
    top = "35.2%" if first.unit == "%" else "35"  # a percent typed as Excel shows it, where the unit is %
    assert window.form.paste_text(f"{top}\r\n1\r\n")  # a column copied from Excel
    assert stored(services, first.code) == (35.2 if first.unit == "%" else 35)
    assert stored(services, second.code) == 1


def test_paste_with_a_bad_cell_writes_nothing(window, services):
    window.form.go_to(window.model.row_of("HOSPITAL_BEDS"))
    before = len(services.audit(COUNTY, 2021))
    assert not window.form.paste_text("4839\n12abc\n3000\n")
    assert stored(services, "HOSPITAL_BEDS") is None
    assert len(services.audit(COUNTY, 2021)) == before
    text = window.message_bar.text()
    assert window.message_bar.isVisible() and "第 2 行" in text and "12abc" in text


def test_paste_longer_than_the_form_writes_nothing(window, services):
    model = window.model
    last = max(r for r in range(model.rowCount()) if model.indicator_at(r))
    window.form.go_to(last)
    assert not window.form.paste_text("1\n2\n3")
    assert stored(services, model.indicator_at(last).code) is None
    assert "未粘贴" in window.message_bar.text()


def test_undo_restores_the_previous_stored_value_and_redo_reapplies(qtbot, window, services):
    index = window.model.index(window.model.row_of("HOSPITAL_BEDS"), COL_VALUE)
    assert window.model.setData(index, "4000")
    assert window.model.setData(index, "4100")
    assert stored(services, "HOSPITAL_BEDS") == 4100
    window.actions_by_name["undo"].trigger()
    assert stored(services, "HOSPITAL_BEDS") == 4000
    assert index.data() == "4000"
    window.actions_by_name["undo"].trigger()
    assert stored(services, "HOSPITAL_BEDS") is None
    window.actions_by_name["redo"].trigger()
    assert stored(services, "HOSPITAL_BEDS") == 4000
    reasons = [a.reason for a in services.audit(COUNTY, 2021, "HOSPITAL_BEDS") if a.field == "value"]
    assert reasons == ["", "", "撤销", "撤销", "重做"]


def test_undo_of_a_paste_restores_every_cell(window, services):
    window.form.go_to(window.model.row_of("HOSPITAL_BEDS"))
    services.set_value(COUNTY, 2021, "HOSPITAL_BEDS", 10, source="cli")
    window.refresh()
    assert window.form.paste_text("4839\n5000")
    window.model.undo_stack.undo()
    assert stored(services, "HOSPITAL_BEDS") == 10
    assert window.model.undo_stack.count() == 1


def test_a_note_is_stored_and_clears_a_warning(window, services):
    services.set_value(COUNTY, 2020, "HOSPITAL_BEDS", 4000, source="cli")
    model = window.model
    row = model.row_of("HOSPITAL_BEDS")
    assert model.setData(model.index(row, COL_VALUE), "8000")  # +100 %: a year-on-year warning
    assert model.index(row, COL_CHECK).data().startswith("核实")
    # the findings panel says what note clears the warning
    panel = window.findings
    pos = [r[1] for r in panel.rows()].index("HOSPITAL_BEDS")
    panel.list.setCurrentRow(pos)
    assert panel.hint.isVisibleTo(panel) and "说明" in panel.hint.text() and "核实无误" in panel.hint.text()
    assert model.setData(model.index(row, COL_NOTE), "新建第二人民医院院区投入使用，床位大幅增加")
    assert services.get_region_year(COUNTY, 2021).values["HOSPITAL_BEDS"].note.startswith("新建")
    assert model.index(row, COL_CHECK).data() == "已说明"


def test_switching_region_year_shows_the_right_prior_year(window, services):
    services.apply_changes([ValueChange(COUNTY, 2018, "HOSPITAL_BEDS", 3000.0),
                            ValueChange(COUNTY, 2020, "HOSPITAL_BEDS", 4000.0),
                            ValueChange("330381", 2020, "HOSPITAL_BEDS", 5555.0)], "cli")
    row = window.model.row_of("HOSPITAL_BEDS")
    window.select_region_year(COUNTY, 2021)
    window.refresh()
    assert window.model.index(row, COL_PRIOR).data() == "4000"
    window.select_region_year(COUNTY, 2020)
    assert window.model.index(row, COL_PRIOR).data() == "3000（2018）"
    assert window.model.index(row, COL_VALUE).data() == "4000"
    window.select_region_year("330381", 2021)  # 瑞安市
    assert window.model.index(row, COL_PRIOR).data() == "5555"
    assert "瑞安市 2021年" in window.title.text()
    assert window.settings.value("last/region") == "330381"


def test_closing_the_window_commits_the_cell_being_edited(qtbot, services, tmp_path):
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    w = MainWindow(services, settings)
    qtbot.addWidget(w)
    w.select_region_year(COUNTY, 2021)
    w.show()
    w.form.go_to(w.model.row_of("HOSPITAL_BEDS"))
    w.form.setFocus()
    type_into(qtbot, w.form, "4321")
    w.form.setColumnWidth(0, 321)  # 指标
    w.close()
    assert stored(services, "HOSPITAL_BEDS") == 4321
    # the last region-year and the column widths persist
    again = MainWindow(services, settings)
    qtbot.addWidget(again)
    assert (again.region_code, again.year) == (COUNTY, 2021)
    assert again.form.columnWidth(0) == 321


def test_a_submitted_dataset_refuses_edits_with_a_message(window, services):
    from desktop.db import repo
    from desktop.domain import Dataset

    services.set_value(COUNTY, 2021, "HOSPITAL_BEDS", 4000, note="", source="cli")
    with services.store.write() as db:  # as if submitted: the workflow itself is tested elsewhere
        repo.put_dataset(db, Dataset(COUNTY, 2021, "submitted"))
    window.refresh()
    assert "已提交" in window.title.text()
    assert not window.actions_by_name["submit"].isEnabled()
    assert not window.model.setData(window.model.index(window.model.row_of("HOSPITAL_BEDS"), COL_VALUE), "5")
    assert "已提交" in window.message_bar.text()
    assert stored(services, "HOSPITAL_BEDS") == 4000


def test_workflow_actions_follow_the_role_and_status(window, services):
    acts = window.actions_by_name
    assert acts["submit"].isEnabled()  # admin on a draft
    assert not acts["approve"].isEnabled()


def test_a_supervisor_types_a_target_and_a_clerk_cannot(qtbot, services, tmp_path):
    from desktop.ui.form_model import COL_TARGET
    from desktop.workflow import login

    services.add_user("李审核", "supervisor")
    services.add_user("王填报", "clerk")
    login(services, "李审核", None)
    w = MainWindow(services, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.select_region_year(COUNTY, 2021)
    index = w.model.index(w.model.row_of("HOSPITAL_BEDS"), COL_TARGET)
    assert index.flags() & Qt.ItemFlag.ItemIsEditable
    assert w.model.setData(index, "5,000")
    assert services.targets(COUNTY, 2021)["HOSPITAL_BEDS"] == 5000
    assert index.data() == "5000"
    login(services, "王填报", None)
    w.model.targets_editable = False
    w.refresh()
    assert not (index.flags() & Qt.ItemFlag.ItemIsEditable)


def test_a_toolbar_action_first_commits_the_cell_being_edited(qtbot, window, services, tmp_path, monkeypatch):
    window.form.go_to(window.model.row_of("HOSPITAL_BEDS"))
    window.form.setFocus()
    type_into(qtbot, window.form, "4321")
    monkeypatch.setattr(window, "ask_save_path", lambda *a: None)  # the save dialog is cancelled
    window.actions_by_name["report_pdf"].trigger()
    assert stored(services, "HOSPITAL_BEDS") == 4321


def test_paste_in_the_note_column_fills_notes(window, services):
    window.form.go_to(window.model.row_of("HOSPITAL_BEDS"), COL_NOTE)
    assert window.form.paste_text("新院区投入使用\r\n")
    assert services.get_region_year(COUNTY, 2021).values["HOSPITAL_BEDS"].note == "新院区投入使用"
    window.model.undo_stack.undo()
    assert "HOSPITAL_BEDS" not in services.get_region_year(COUNTY, 2021).values


def test_the_editor_shows_the_range_and_turns_red_outside_it(qtbot, window):
    window.form.go_to(window.model.row_of("LIFE_EXPECTANCY"))
    window.form.setFocus()
    editor = type_into(qtbot, window.form, "120")
    assert "color" in editor.styleSheet() and "超出范围" in editor.toolTip() and "90.00" in editor.toolTip()
    editor.setText("79.5")
    assert editor.styleSheet() == "" and editor.toolTip() == ""
    editor.setText("7９.5x")
    assert "color" in editor.styleSheet()
    assert editor.placeholderText() == "岁"


def test_the_actions_have_their_shortcuts(window):
    keys = {name: [k.toString() for k in act.shortcuts()] for name, act in window.actions_by_name.items()}
    assert keys["undo"] == ["Ctrl+Z"] and "Ctrl+Y" in keys["redo"]
    assert keys["import"] == ["Ctrl+I"] and keys["report_pdf"] == ["Ctrl+P"] and keys["report_xlsx"] == ["Ctrl+E"]
    assert keys["template"] == ["Ctrl+T"] and keys["submit"] == ["Ctrl+Shift+S"] and keys["quit"] == ["Ctrl+Q"]


def test_a_returned_dataset_shows_the_submitted_value_beside_the_current_one(window, services, qtmodeltester):
    from desktop import workflow
    from desktop.ui.form_model import CHANGED_BRUSH, COL_SUBMITTED

    header = window.form.horizontalHeader()
    assert header.isSectionHidden(COL_SUBMITTED)  # never submitted: no such column
    typed = {"HOSPITAL_BEDS": 4839.0, "LICENSED_DOCTORS": 2100.0}  # every other indicator explained as missing
    services.apply_changes([ValueChange(COUNTY, 2021, i.code, typed.get(i.code), None if i.code in typed else "本县当年未开展该项统计调查")
                            for i in services.indicators()], "form")
    workflow.submit(services, COUNTY, 2021)
    workflow.return_dataset(services, COUNTY, 2021, "床位数请核对")
    window.refresh()
    model = window.model
    assert not header.isSectionHidden(COL_SUBMITTED)
    assert header.visualIndex(COL_SUBMITTED) == header.visualIndex(COL_VALUE) + 1  # right beside 本年
    assert model.headerData(COL_SUBMITTED, Qt.Orientation.Horizontal) == "上次提交"
    beds = model.row_of("HOSPITAL_BEDS")
    assert model.data(model.index(beds, COL_SUBMITTED)) == "4839"
    assert model.data(model.index(beds, COL_SUBMITTED), Qt.ItemDataRole.BackgroundRole) != CHANGED_BRUSH
    assert "尚未修改" in window.reason_label.text()
    assert model.setData(model.index(beds, COL_VALUE), "4893")
    assert model.data(model.index(beds, COL_VALUE)) == "4893" and model.data(model.index(beds, COL_SUBMITTED)) == "4839"
    assert model.data(model.index(beds, COL_SUBMITTED), Qt.ItemDataRole.BackgroundRole) == CHANGED_BRUSH
    assert "4839" in model.data(model.index(beds, COL_SUBMITTED), Qt.ItemDataRole.ToolTipRole)
    doctors = model.row_of("LICENSED_DOCTORS")
    assert model.data(model.index(doctors, COL_SUBMITTED), Qt.ItemDataRole.BackgroundRole) != CHANGED_BRUSH
    assert "已修改 1 项" in window.reason_label.text() and "床位数请核对" in window.reason_label.text()
    qtmodeltester.check(model, force_py=True)  # with the 上次提交 column filled
    window.select_region_year(COUNTY, 2020)  # another year, never submitted: the column goes away
    assert header.isSectionHidden(COL_SUBMITTED)


def test_enter_on_a_refused_value_keeps_the_typed_text_in_the_editor(qtbot, window, services):
    row = window.model.row_of("HOSPITAL_BEDS")
    window.form.go_to(row, COL_VALUE)
    editor = type_into(qtbot, window.form, "4839x")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "4839x" in window.message_bar.text())  # Qt commits on Enter via a queued call
    assert stored(services, "HOSPITAL_BEDS") is None
    again = window.form.delegate.current_editor
    assert again is not None and again.isVisible() and again.text() == "4839x"  # not retyped
    assert window.form.currentIndex().row() == row  # still on the refused cell
    qtbot.keyClick(again, Qt.Key.Key_Backspace)  # the clerk removes the typo and commits again
    qtbot.keyClick(again, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.form.delegate.current_editor is None)
    assert stored(services, "HOSPITAL_BEDS") == 4839
    assert window.form.currentIndex().row() == window.form._next_value_row(row, 1)  # now it moves down


def test_the_selected_countys_status_icon_stands_out_on_the_highlight(qtbot, window, services):
    from PySide6.QtGui import QColor

    services.set_value(COUNTY, 2021, "HOSPITAL_BEDS", 4839, source="form")  # a draft: a blue disc
    window.refresh()
    tree = window.tree
    item = tree.items[COUNTY]
    assert item.isSelected()
    rect = tree.visualItemRect(item)
    image = tree.viewport().grab().toImage()
    highlight = tree.palette().color(tree.palette().ColorRole.Highlight)
    light = 0
    for x in range(rect.left(), rect.left() + rect.height()):  # the icon square at the item's left
        for y in range(rect.top(), rect.bottom()):
            c = QColor(image.pixel(x, y))
            light += min(c.red(), c.green(), c.blue()) > 225 and c != highlight
    assert light >= 12  # a white ring around the blue disc, where the highlight would swallow it


def test_first_start_opens_where_the_data_are(qtbot, demo_services, tmp_path):
    """No remembered region-year (a first start on the demo store): the form shows 瑞安市 2021, not an empty one."""
    settings = QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat)
    w = MainWindow(demo_services, settings)
    qtbot.addWidget(w)
    assert (w.region_code, w.year) == ("330381", 2021)
    assert w.model.index(w.model.row_of("LIFE_EXPECTANCY"), COL_VALUE).data() == "82.30"


def test_the_check_column_shows_its_text_whole(window, services):
    """With the icon, 已说明 was drawn as 已… in the 66-pixel 审核 column; 核实 ×2 neither may be cut."""
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

    services.set_value(COUNTY, 2020, "HOSPITAL_BEDS", 4000, source="cli")
    services.set_value(COUNTY, 2020, "LICENSED_DOCTORS", 1000, source="cli")
    model, view = window.model, window.form
    beds, doctors = model.row_of("HOSPITAL_BEDS"), model.row_of("LICENSED_DOCTORS")
    assert model.setData(model.index(beds, COL_VALUE), "8000")
    assert model.setData(model.index(beds, COL_NOTE), "新建第二人民医院院区投入使用，床位大幅增加")
    assert model.setData(model.index(doctors, COL_VALUE), "3000")
    texts = {model.index(r, COL_CHECK).data() for r in (beds, doctors)}
    assert "已说明" in texts
    for row in (beds, doctors):
        index = model.index(row, COL_CHECK)
        option = QStyleOptionViewItem()
        option.rect = view.visualRect(index)
        view.itemDelegate().initStyleOption(option, index)
        text_rect = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
        assert option.fontMetrics.horizontalAdvance(option.text) <= text_rect.width(), option.text
    for text in model.check_texts():  # the widest it can show, e.g. 错误 ×12
        assert view.fontMetrics().horizontalAdvance(text) + 16 < view.columnWidth(COL_CHECK)


def test_a_small_window_keeps_the_this_year_column_and_the_county_names_in_view(qtbot, window):
    """At 800 pixels the form alone shrank (the tree and findings keep their width): 本年 went out of sight."""
    from PySide6.QtWidgets import QApplication

    window.resize(max(window.minimumSizeHint().width(), 800), 500)
    QApplication.processEvents()
    view = window.form
    cell = view.visualRect(window.model.index(window.model.row_of("POP_RESIDENT"), COL_VALUE))
    assert cell.width() > 0 and cell.right() <= view.viewport().width(), "本年 is cut off"
    tree = window.tree
    item = tree.currentItem()
    assert item is not None and item.text(0) == "温岭市"
    rect = tree.visualItemRect(item)
    needed = tree.fontMetrics().horizontalAdvance("温岭市") + 16
    assert tree.viewport().width() - rect.left() >= needed, "the county name is cut"


def test_opening_on_the_last_region_year_writes_no_settings(qtbot, services, tmp_path):
    """The window opens on the region-year it remembers without writing the settings file again (a synced
    write, before the first paint on a slow office disk); choosing another one is remembered."""
    from PySide6.QtCore import QSettings

    from desktop.ui.main_window import MainWindow

    ini = tmp_path / "ui.ini"
    ini.write_text("[last]\nregion=331081\nyear=2021\n", encoding="utf-8")
    before = ini.stat().st_mtime_ns, ini.read_bytes()
    settings = QSettings(str(ini), QSettings.Format.IniFormat)
    w = MainWindow(services, settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert w.region_code == "331081" and w.year == 2021
    settings.sync()
    assert (ini.stat().st_mtime_ns, ini.read_bytes()) == before
    w.select_region_year("330381", 2020)
    settings.sync()
    assert "region=330381" in ini.read_text(encoding="utf-8") and "year=2020" in ini.read_text(encoding="utf-8")


@pytest.mark.parametrize("room, size, maximised, panes", [
    ((1920, 1040), (1360, 860), False, (250, 800, 310)),  # a desktop monitor: the window of 1360 × 860
    ((1366, 728), (1360, 728), True, (250, 800, 310)),    # a laptop: maximised, the panes as they were
    ((1024, 738), (1024, 738), True, (188, 603, 233)),    # an old office PC: the tree and the findings narrower
    ((1400, 850), (1360, 850), True, (250, 800, 310)),    # wide enough, but not high enough with the title bar
])
def test_the_first_window_fits_the_screen(room, size, maximised, panes):
    from desktop.ui.screen import first_size

    assert first_size(*room) == (size, maximised, panes)
    assert sum(panes) == size[0] and size[0] <= room[0] and size[1] <= room[1]


def test_a_first_start_on_a_small_screen_is_maximised_and_a_kept_geometry_is_restored(qtbot, services, tmp_path):
    """The offscreen screen is smaller than 1360 × 860: at a first start the window is maximised and no larger
    than the screen; its geometry kept at closing is what the next start restores, not maximised again."""
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    w = MainWindow(services, settings)
    qtbot.addWidget(w)
    room = w.screen().availableGeometry()
    assert room.width() < 1360 + 48 or room.height() < 860 + 48, "the offscreen screen is too large for this test"
    assert w.windowState() & Qt.WindowState.WindowMaximized
    assert w.width() <= room.width() and w.height() <= room.height()
    w.setWindowState(Qt.WindowState.WindowNoState)
    w.resize(700, 500)
    w.close()
    again = MainWindow(services, settings)
    qtbot.addWidget(again)
    assert not again.windowState() & Qt.WindowState.WindowMaximized
    assert (again.width(), again.height()) == (700, 500)
