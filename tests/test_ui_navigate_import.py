"""Moving around a long form (filters, jump to a section), column widths kept per language, and the status bar
after an import naming the region-years and their findings, with links that open them."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings, Qt  # noqa: E402

from desktop.domain import ValueChange  # noqa: E402
from desktop.ui.form_model import COL_NAME, COL_VALUE  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402

COUNTY = "331081"  # 温岭市


def make_window(qtbot, services, settings):
    w = MainWindow(services, settings)
    qtbot.addWidget(w)
    w.select_region_year(COUNTY, 2021)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, services, settings):
    return make_window(qtbot, services, settings)


def shown_codes(window):
    m = window.model
    return [m.indicator_at(r).code for r in range(m.rowCount()) if m.indicator_at(r) and not window.form.isRowHidden(r)]


def shown_headings(window):
    m = window.model
    return [m.rows[r].section for r in range(m.rowCount()) if m.indicator_at(r) is None and not window.form.isRowHidden(r)]


def test_filter_to_the_empty_values_and_to_those_with_findings(window, services):
    inds = services.indicators()
    services.apply_changes([ValueChange(COUNTY, 2021, i.code, v) for i, v in
                            ((services.indicator("HOSPITAL_BEDS"), 4839.0), (services.indicator("HEALTH_LITERACY"), 385.0))],
                           "cli")
    from desktop.absent import mark_absent

    mark_absent(services, COUNTY, 2021, ["CHILDCARE_PLACES"], "na", "本县无托育机构登记制度")
    window.refresh()
    window.set_filter("empty")
    empty = shown_codes(window)
    assert len(empty) == len(inds) - 3
    assert not {"HOSPITAL_BEDS", "HEALTH_LITERACY", "CHILDCARE_PLACES"} & set(empty)
    assert window.shown_label.text() == f"显示 {len(inds) - 3}/{len(inds)} 个指标"
    window.set_filter("findings")
    assert shown_codes(window) == ["HEALTH_LITERACY"]  # 385 % is out of range
    assert shown_headings(window) == [services.indicator("HEALTH_LITERACY").section]  # only its section's heading
    # the finding corrected: the filter follows at once
    assert window.model.setData(window.model.index(window.model.row_of("HEALTH_LITERACY"), COL_VALUE), "38.5")
    assert shown_codes(window) == []
    window.set_filter("all")
    assert len(shown_codes(window)) == len(inds) and window.shown_label.text() == ""


def test_jump_to_a_section(window, services):
    sections = list(dict.fromkeys(i.section for i in services.indicators()))
    last = sections[2]  # the third section: the form can scroll its heading to the top
    index = window.section_box.findData(last)
    assert index > 0
    window.section_box.activated.emit(index)
    current = window.form.currentIndex()
    assert window.model.indicator_at(current.row()).section == last and current.column() == COL_VALUE
    first = next(i for i in services.indicators() if i.section == last)
    assert window.model.indicator_at(current.row()).code == first.code
    heading = window.model.row_of(first.code) - 1
    assert window.form.rowAt(0) == heading  # its heading at the top of the form
    assert window.section_box.currentIndex() == 0  # ready for the next jump


def test_column_widths_are_kept_per_language(qtbot, services, settings):
    w = make_window(qtbot, services, settings)
    w.form.setColumnWidth(COL_VALUE, 150)
    w.close()
    settings.setValue("language", "en")  # chosen from the 语言 menu; the next start is in English
    en = make_window(qtbot, services, settings)
    assert en.form.columnWidth(COL_VALUE) != 150  # not the Chinese widths
    en.form.setColumnWidth(COL_VALUE, 190)
    en.close()
    settings.setValue("language", "zh_CN")
    zh = make_window(qtbot, services, settings)
    assert zh.form.columnWidth(COL_VALUE) == 150
    zh.close()
    settings.setValue("language", "en")
    assert make_window(qtbot, services, settings).form.columnWidth(COL_VALUE) == 190


def test_english_headings_fit_even_after_narrow_chinese_widths(qtbot, services, settings, english_translation):
    from PySide6.QtGui import QFontMetrics

    w = make_window(qtbot, services, settings)
    for col in range(w.model.columnCount()):
        w.form.setColumnWidth(col, 40)  # narrowed in Chinese
    w.close()
    settings.setValue("form/columns", settings.value("form/columns/zh_CN"))  # also as an earlier version kept it
    settings.setValue("language", "en")
    with english_translation():
        en = make_window(qtbot, services, settings)
        font = en.form.horizontalHeader().font()
        font.setBold(True)
        for col in (COL_NAME, COL_VALUE):
            text = en.model.headerData(col, Qt.Orientation.Horizontal)
            assert text in ("Indicator", "This year")
            assert QFontMetrics(font).horizontalAdvance(text) < en.form.columnWidth(col)


def test_after_an_import_the_status_bar_names_the_region_years_and_opens_them(window, services):
    services.apply_changes([ValueChange(COUNTY, 2020, "HEALTH_LITERACY", 385.0),
                            ValueChange("330381", 2021, "HOSPITAL_BEDS", 4839.0)], "cli")
    window.show_imported([(COUNTY, 2020), ("330381", 2021)])
    label = window.imported_label
    assert label.isVisibleTo(window)
    text = label.text()
    assert "温岭市 2020" in text and "瑞安市 2021" in text
    assert "温岭市 2020</a>" in text and "错误 1" in text.split("温岭市 2020")[1].split("</span>")[0]
    assert "无审核问题" in text.split("瑞安市 2021")[1].split("</span>")[0]
    label.linkActivated.emit("open:330381:2021")
    assert (window.region_code, window.year) == ("330381", 2021)
    label.linkActivated.emit("close:")
    assert not label.isVisibleTo(window)


def test_the_import_action_ends_with_the_status_bar_item(window, services, demo_services, tmp_path, monkeypatch):
    from desktop.exchange import export_workbook

    workbook = tmp_path / "瑞安市_2021.xlsx"
    export_workbook(demo_services, "330381", "2021", workbook)  # the demo's figures, into the empty store
    monkeypatch.setattr(window, "ask_open_paths", lambda *a: [str(workbook)])
    import desktop.ui.import_dialog as import_dialog

    monkeypatch.setattr(import_dialog.ImportDialog, "exec", lambda self: (self.commit(), 1)[1])  # 导入 clicked
    window.actions_by_name["import"].trigger()
    assert services.get_region_year("330381", 2021).values  # written
    assert window.imported == [("330381", 2021)]
    assert "瑞安市 2021" in window.imported_label.text() and window.imported_label.isVisibleTo(window)
    assert window.imported_label.text().startswith("已导入 ") and "个数值" in window.imported_label.text()


def test_typing_on_a_locked_year_does_not_move_the_selection(qtbot, window, services, monkeypatch):
    from desktop import workflow

    services.apply_changes([ValueChange(COUNTY, 2021, "HOSPITAL_BEDS", 4100.0),
                            ValueChange(COUNTY, 2021, "LICENSED_DOCTORS", 1200.0)], "cli")
    monkeypatch.setattr(workflow.service, "blocking_for_submit", lambda *a, **k: [])
    workflow.submit(services, COUNTY, 2021)
    window.refresh()
    row = window.model.row_of("HOSPITAL_BEDS")
    window.form.go_to(row, COL_VALUE)
    window.form.setFocus()
    qtbot.keyClicks(window.form, "12")  # "1200" starts with 12: Qt's keyboard search would jump there
    assert window.form.currentIndex().row() == row and window.form.delegate.current_editor is None


def test_a_prior_value_of_an_earlier_year_is_not_cut(window, services):
    from desktop.ui.form_model import COL_PRIOR

    services.apply_changes([ValueChange(COUNTY, 2019, "LICENSED_DOCTORS", 10793.0)], "cli")  # 2020 left empty
    window.refresh()
    index = window.model.index(window.model.row_of("LICENSED_DOCTORS"), COL_PRIOR)
    assert index.data() == "10793（2019）"
    margin = 2 * window.form.style().pixelMetric(window.form.style().PixelMetric.PM_FocusFrameHMargin) + 2
    assert window.form.fontMetrics().horizontalAdvance(index.data()) + margin < window.form.columnWidth(COL_PRIOR)
