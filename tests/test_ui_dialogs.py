"""History/trend, audit viewer, log-in, workflow and report actions of the window (pytest-qt, offscreen)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings  # noqa: E402

from desktop.domain import ValueChange  # noqa: E402
from desktop.ui.audit_dialog import AuditDialog  # noqa: E402
from desktop.ui.form_model import COL_VALUE  # noqa: E402
from desktop.ui.history_dialog import HistoryDialog  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402

COUNTY = "331081"


@pytest.fixture
def window(qtbot, services, tmp_path):
    w = MainWindow(services, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.select_region_year(COUNTY, 2021)
    return w


def test_history_dialog_lists_every_change_and_plots_the_years(qtbot, services):
    services.apply_changes([ValueChange(COUNTY, y, "HOSPITAL_BEDS", v) for y, v in
                            ((2018, 3000.0), (2019, 3200.0), (2020, 3500.0))], "cli")
    services.set_value(COUNTY, 2020, "HOSPITAL_BEDS", 3600, source="form")
    dialog = HistoryDialog(services, COUNTY, 2020, "HOSPITAL_BEDS")
    qtbot.addWidget(dialog)
    assert dialog.series_values == {2018: 3000.0, 2019: 3200.0, 2020: 3600.0}
    rows = [[dialog.model.index(r, c).data() for c in range(9)] for r in range(dialog.model.rowCount())]
    assert [(r[5], r[6]) for r in rows] == [("3500", "3600"), ("", "3500")]  # newest first
    series = dialog.chart_view.chart().series()[0]
    assert [(p.x(), p.y()) for p in series.points()] == [(2018, 3000), (2019, 3200), (2020, 3600)]



def test_history_of_a_city_plots_the_figure_computed_from_its_counties_each_year(qtbot, services):
    """A city office typed little or nothing itself: the chart showed "尚无任何年份的数值" though the 汇总 column
    had a figure every year. It now draws the computed figure beside the city's own."""
    city, counties = "330300", ["330302", "330303", "330304"]
    beds = {2019: [1000, 2000, 3000], 2020: [1100, 2100.5, 3100], 2021: [1200, 2200, 3200]}  # 2100.5: an error
    services.apply_changes([ValueChange(c, y, "HOSPITAL_BEDS", v) for y, vs in beds.items()
                            for c, v in zip(counties, vs)] + [ValueChange(city, 2021, "HOSPITAL_BEDS", 6500)], "cli")
    dialog = HistoryDialog(services, city, 2021, "HOSPITAL_BEDS")
    qtbot.addWidget(dialog)
    assert dialog.computed_values == {2019: 6000, 2020: 4200, 2021: 6600}  # 2020 without the fraction
    assert dialog.series_values == {2021: 6500}
    chart = dialog.chart_view.chart()
    lines = {s.name(): [(p.x(), p.y()) for p in s.points()] for s in chart.series() if s.name()}
    assert lines == {"由各县汇总": [(2019, 6000), (2020, 4200), (2021, 6600)], "本级填报": [(2021, 6500)]}
    assert chart.legend().isVisible()

def test_audit_dialog_filters_and_exports(qtbot, services, tmp_path, monkeypatch):
    services.set_value(COUNTY, 2021, "HOSPITAL_BEDS", 4000, source="form")
    services.set_note(COUNTY, 2021, "HOSPITAL_BEDS", "新院区投入使用")
    dialog = AuditDialog(services, COUNTY, 2021)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 2
    dialog.kind.setCurrentIndex(dialog.kind.findData("note"))
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 6).data() == "新院区投入使用"
    dialog.kind.setCurrentIndex(0)
    dialog.text.setText("新院区")
    assert dialog.model.rowCount() == 1
    out = tmp_path / "audit.xlsx"
    monkeypatch.setattr(dialog, "ask_save_path", lambda suggested: str(out))
    assert dialog.export() == out and out.stat().st_size > 0


def test_pdf_report_goes_through_the_save_dialog_with_a_sensible_name(window, tmp_path, monkeypatch):
    asked, opened = {}, []

    def ask(title, suggested, pattern):
        asked["name"] = suggested
        return str(tmp_path / suggested)

    monkeypatch.setattr(window, "ask_save_path", ask)
    monkeypatch.setattr(window, "open_file", opened.append)
    window.actions_by_name["report_pdf"].trigger()
    assert asked["name"] == "温岭市_2021_汇总.pdf"
    assert opened and opened[0].read_bytes()[:5] == b"%PDF-"


def test_return_shows_the_supervisors_reason(window, services, monkeypatch):
    from desktop.db import repo
    from desktop.domain import Dataset

    with services.store.write() as db:
        repo.put_dataset(db, Dataset(COUNTY, 2021, "submitted"))
    window.refresh()
    monkeypatch.setattr(window, "ask_return", lambda: ("床位数与卫健年报不一致，请核对", {}))
    window.actions_by_name["return"].trigger()
    assert services.dataset(COUNTY, 2021).status == "returned"
    assert window.reason_label.isVisible() or not window.isVisible()
    assert "床位数与卫健年报不一致" in window.reason_label.text()
    assert window.actions_by_name["submit"].isEnabled()


def test_submit_with_errors_is_refused_with_the_list(window, services, monkeypatch):
    shown = []
    monkeypatch.setattr("desktop.ui.actions.show_error", lambda parent, exc: shown.append(str(exc)))
    window.model.setData(window.model.index(window.model.row_of("LIFE_EXPECTANCY"), COL_VALUE), "120")
    window.actions_by_name["submit"].trigger()
    assert shown and "不能提交" in shown[0] and "人均期望寿命" in shown[0]
    assert services.dataset(COUNTY, 2021).status == "draft"


def test_login_dialog_checks_the_password_and_remembers_the_user(qtbot, services, tmp_path):
    from desktop.ui.login_dialog import LoginDialog

    services.add_user("王芳", "clerk", password="s3cret")
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    dialog = LoginDialog(services, settings)
    qtbot.addWidget(dialog)
    dialog.user_box.setCurrentIndex(dialog.user_box.findData("王芳"))
    assert dialog.password.isVisibleTo(dialog)
    dialog.password.setText("wrong")
    assert not dialog.try_login()
    assert "密码错误" in dialog.error.text()
    dialog.password.setText("s3cret")
    assert dialog.try_login()
    assert services.user.name == "王芳" and settings.value("last/user") == "王芳"
    again = LoginDialog(services, settings)
    qtbot.addWidget(again)
    assert again.selected_user() == "王芳"


def test_catalog_editor_edits_an_indicator_and_marks_a_bad_rule_line(qtbot, services, monkeypatch):
    from desktop.ui.catalog_dialog import FIELDS, CatalogDialog
    from desktop.ui.trial_dialog import TrialDialog

    dialog = CatalogDialog(services)
    qtbot.addWidget(dialog)
    model = dialog.model
    row = [i.code for i in model.rows].index("HOSPITAL_BEDS")
    monkeypatch.setattr(TrialDialog, "ask", classmethod(lambda cls, *a, **k: True))  # tried and confirmed: see the test below
    assert model.setData(model.index(row, FIELDS.index("max")), "50000")
    assert services.indicator("HOSPITAL_BEDS").max == 50000
    assert not model.setData(model.index(row, FIELDS.index("decimals")), "many")
    assert "小数位数" in model.error
    dialog.rules.setPlainText(dialog.rules.toPlainText() + "\nerror: HOSPITAL_BEDS <= NO_SUCH_CODE\n")
    assert not dialog.check_rules()
    assert "NO_SUCH_CODE" in dialog.rules_message.text()
    marked = dialog.rules.extraSelections()
    assert marked and marked[0].cursor.block().text().startswith("error: HOSPITAL_BEDS <= NO_SUCH_CODE")
    assert not dialog.save_rules_button.isEnabled()
    dialog.rules.setPlainText(dialog.rules.toPlainText().replace("NO_SUCH_CODE", "POP_RESIDENT"))
    assert dialog.check_rules() and dialog.save_rules()


@pytest.fixture
def trial_answers(monkeypatch):
    """TrialDialog.exec answered from a list (True: 保存); every dialog shown is kept for the test to read."""
    from PySide6.QtWidgets import QDialog

    from desktop.ui.trial_dialog import TrialDialog

    answers, shown = [], []

    def fake_exec(dialog):
        shown.append((dialog.summary.text(), dialog.examples.toPlainText()))
        return QDialog.DialogCode.Accepted if answers.pop(0) else QDialog.DialogCode.Rejected

    monkeypatch.setattr(TrialDialog, "exec", fake_exec)
    return answers, shown


def test_a_changed_threshold_is_tried_on_past_years_before_it_is_saved(qtbot, services, trial_answers):
    from desktop.ui.catalog_dialog import FIELDS, CatalogDialog

    answers, shown = trial_answers
    services.apply_changes([ValueChange(r, y, "HOSPITAL_BEDS", v) for r, y, v in
                            ((COUNTY, 2019, 3000.0), (COUNTY, 2020, 3400.0), ("330302", 2020, 5200.0))], "cli")
    dialog = CatalogDialog(services)
    qtbot.addWidget(dialog)
    model = dialog.model
    cell = model.index([i.code for i in model.rows].index("HOSPITAL_BEDS"), FIELDS.index("max"))
    answers.append(False)  # the admin sees what 3500 would flag and cancels: nothing is written
    assert not model.setData(cell, "3500")
    summary, examples = shown[-1]
    assert "历史数据 3 个数值" in summary and "新增 1 处" in summary
    assert "2020年" in examples and "5200" in examples
    assert services.indicator("HOSPITAL_BEDS").max == 100000 and "未保存" in model.error
    assert model.data(cell) == "100000"
    answers.append(True)  # now saved, after the same trial
    assert model.setData(cell, "3500")
    assert services.indicator("HOSPITAL_BEDS").max == 3500 and len(shown) == 2
    assert model.setData(model.index(cell.row(), FIELDS.index("name")), "医疗机构床位") and len(shown) == 2  # no trial


def test_changed_rules_are_tried_on_past_years_before_they_are_saved(qtbot, services, trial_answers):
    from desktop.catalog_admin import rules_text
    from desktop.ui.catalog_dialog import CatalogDialog

    answers, shown = trial_answers
    services.apply_changes([ValueChange(COUNTY, 2020, "HOSPITAL_BEDS", 900.0),
                            ValueChange(COUNTY, 2020, "LICENSED_DOCTORS", 1200.0),
                            ValueChange(COUNTY, 2019, "HOSPITAL_BEDS", 1300.0),
                            ValueChange(COUNTY, 2019, "LICENSED_DOCTORS", 1200.0)], "cli")
    dialog = CatalogDialog(services)
    qtbot.addWidget(dialog)
    before = rules_text(services)
    dialog.rules.setPlainText(before + "\nwarning: HOSPITAL_BEDS >= LICENSED_DOCTORS | 床位少于医师\n")
    answers.append(False)
    assert not dialog.save_rules()
    summary, examples = shown[-1]
    assert "新增 1 处" in summary and "温岭市 2020年" in examples and "床位少于医师" in examples
    assert rules_text(services) == before and "未保存" in dialog.rules_message.text()
    answers.append(True)
    assert dialog.save_rules() and "床位少于医师" in rules_text(services)


def test_audit_and_catalog_models_pass_the_qt_model_tester(qtmodeltester, services):
    from desktop.ui.audit_dialog import AuditModel
    from desktop.ui.catalog_dialog import CatalogModel

    services.set_value(COUNTY, 2021, "HOSPITAL_BEDS", 4000, note="新院区", source="form")
    qtmodeltester.check(AuditModel(services, services.audit(COUNTY, 2021)), force_py=True)
    qtmodeltester.check(CatalogModel(services), force_py=True)


def test_the_audit_of_one_value_opens_from_the_selected_row(window, services, monkeypatch):
    from desktop.ui.audit_dialog import AuditDialog

    services.set_value(COUNTY, 2021, "HOSPITAL_BEDS", 4000, source="form")
    services.set_value(COUNTY, 2021, "POP_RESIDENT", 140, source="form")
    opened = []
    monkeypatch.setattr(AuditDialog, "exec", lambda self: opened.append(self.model.rowCount()) or 0)
    window.form.go_to(window.model.row_of("HOSPITAL_BEDS"))
    window.actions_by_name["value_audit"].trigger()
    assert opened == [1]


def test_extract_from_text_opens_for_the_region_year_and_refreshes(window, services, monkeypatch):
    from desktop.ui.extract_dialog import ExtractDialog

    seen = []

    def fake_exec(dialog):
        seen.append((dialog.region.code, dialog.year))
        services.set_value(COUNTY, 2021, "HOSPITAL_BEDS", 4567, source="extraction")
        return 0

    monkeypatch.setattr(ExtractDialog, "exec", fake_exec)
    window.actions_by_name["extract"].trigger()
    assert seen == [(COUNTY, 2021)]
    assert window.model.index(window.model.row_of("HOSPITAL_BEDS"), COL_VALUE).data() == "4567"


def test_template_export_writes_the_workbook_off_the_gui_thread(window, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    opened = []
    monkeypatch.setattr(window, "ask_save_path", lambda title, suggested, pattern: str(tmp_path / suggested))
    monkeypatch.setattr(window, "open_file", opened.append)
    window.actions_by_name["template"].trigger()
    assert opened and opened[0].name == "温岭市_2021_填报模板.xlsx"
    assert "数据" in load_workbook(opened[0]).sheetnames


@pytest.mark.qt_no_exception_capture
def test_an_unexpected_error_in_an_action_reaches_the_excepthook(window, monkeypatch):
    import sys

    seen = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, exc, tb: seen.append(exc))

    def broken():
        raise RuntimeError("boom")

    monkeypatch.setattr(window, "show_statuses", lambda year: broken())  # called by the 刷新 action
    window.actions_by_name["refresh"].trigger()
    assert [str(e) for e in seen] == ["boom"]


def test_a_refused_submission_of_a_near_empty_dataset_fits_on_the_screen(qtbot, window, services, monkeypatch):
    """50-odd missing values: the box once grew taller than the screen and hid its OK button."""
    from PySide6.QtWidgets import QMessageBox

    boxes = []

    def fake_exec(box):
        box.show()
        boxes.append((box.text(), box.detailedText(), box.sizeHint().height(), box.screen().availableGeometry()))
        box.close()

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a: pytest.fail("the long list went to warning()")))
    window.model.setData(window.model.index(window.model.row_of("LIFE_EXPECTANCY"), COL_VALUE), "80")
    window.actions_by_name["submit"].trigger()
    assert services.dataset(COUNTY, 2021).status == "draft"
    (text, details, height, screen), = boxes
    assert "不能提交" in text and "显示详情" in text
    assert len(text.splitlines()) <= 12
    assert details.count("本年未填报数值") >= 50  # every finding is still there, in the details
    assert height < 600


def test_login_dialog_takes_the_password_as_typed_and_says_when_it_is_missing(qtbot, services, tmp_path):
    """Picking a user with a password put no cursor in 密码; Enter then said 未提供密码（命令行：环境变量
    CHI_PASSWORD…）, in a label cut to half its height."""
    from desktop.ui.login_dialog import LoginDialog

    services.add_user("王芳", "clerk", password="s3cret")
    dialog = LoginDialog(services, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.user_box.setCurrentIndex(dialog.user_box.findData("王芳"))
    assert dialog.focusWidget() is dialog.password
    assert not dialog.try_login()  # Enter with nothing typed
    text = dialog.error.text()
    assert "王芳" in text and "密码" in text and "CHI_PASSWORD" not in text and "命令行" not in text
    dialog.password.setText("wrong")
    assert not dialog.try_login()
    assert "密码错误" in dialog.error.text() and dialog.focusWidget() is dialog.password
    dialog._show_error("数据库正被另一个程序写入，等待 5 秒后仍未完成，本次登录未完成：D:/卫健/指标/indicators.sqlite")
    qtbot.wait(50)
    label = dialog.error
    assert label.height() >= label.heightForWidth(label.width()), "a message of two lines is cut"


def test_the_audit_viewer_names_where_each_change_came_from_in_chinese(qtbot, services):
    """The 来源 column showed the stored codes (form, cli, import:县报.xlsx) in the Chinese window."""
    import re

    services.set_value(COUNTY, 2021, "HOSPITAL_BEDS", 4000, source="form")
    services.set_value(COUNTY, 2021, "LICENSED_DOCTORS", 1500, source="cli")
    # the source an import writes (desktop/exchange/plan.py): file name and its sha256
    services.apply_changes([ValueChange(COUNTY, 2021, "POP_RESIDENT", 123.4)], "import:县报.xlsx#" + "ab" * 32)
    dialog = AuditDialog(services, COUNTY, 2021)
    qtbot.addWidget(dialog)
    shown = {dialog.model.index(r, 7).data() for r in range(dialog.model.rowCount())}
    assert {"窗口录入", "命令行", "导入 县报.xlsx"} <= shown, shown
    assert not [s for s in shown if re.fullmatch(r"[a-z:_.]+", s or "")], shown
    row = [dialog.model.index(r, 7).data() for r in range(dialog.model.rowCount())].index("导入 县报.xlsx")
    assert dialog.model.index(row, 7).data(__import__("PySide6.QtCore").QtCore.Qt.ItemDataRole.ToolTipRole) \
        .endswith("ab" * 32)  # the tooltip keeps the whole stored source


def test_the_catalog_editor_shows_type_and_direction_in_words_and_edits_them_from_a_list(qtbot, services, monkeypatch):
    """类型 showed count/per100k and 方向 1/-1, to be typed as codes, in the Chinese window."""
    import re

    from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem

    from desktop.ui.catalog_dialog import FIELDS, CatalogDialog
    from desktop.ui.trial_dialog import TrialDialog

    dialog = CatalogDialog(services)
    qtbot.addWidget(dialog)
    model = dialog.model
    shown = {model.index(r, FIELDS.index(f)).data() for r in range(model.rowCount()) for f in ("kind", "direction")}
    assert not [t for t in shown if re.fullmatch(r"[a-z0-9-]+", t or "")], shown
    row = [i.code for i in model.rows].index("INFANT_MORTALITY")
    assert model.index(row, FIELDS.index("kind")).data() == "千分率（‰）"
    assert model.index(row, FIELDS.index("direction")).data() == "越低越好"
    index = model.index(row, FIELDS.index("direction"))
    delegate = dialog.table.itemDelegate()
    editor = delegate.createEditor(dialog.table.viewport(), QStyleOptionViewItem(), index)
    assert isinstance(editor, QComboBox)
    delegate.setEditorData(editor, index)
    assert editor.currentText() == "越低越好"
    monkeypatch.setattr(TrialDialog, "ask", classmethod(lambda cls, *a, **k: True))
    editor.setCurrentIndex(editor.findText("不定"))
    delegate.setModelData(editor, model, index)
    assert services.indicator("INFANT_MORTALITY").direction == 0
    assert model.index(row, FIELDS.index("direction")).data() == "不定"


def test_a_large_dialog_opens_within_a_small_screen(qtbot, services):
    """The catalog editor asks for 1100 × 640; on the offscreen screen (smaller than that) it opens no larger
    than the screen's free area, frame included; the audit dialog (1000 × 560) the same."""
    from desktop.ui.catalog_dialog import CatalogDialog
    from desktop.ui.screen import FRAME_ROOM

    for dialog in (CatalogDialog(services), AuditDialog(services, COUNTY, 2021)):
        qtbot.addWidget(dialog)
        room = dialog.screen().availableGeometry()
        assert room.width() < 1100, "the offscreen screen is too large for this test"
        assert dialog.width() <= room.width() - FRAME_ROOM // 2 and dialog.height() <= room.height() - FRAME_ROOM
        assert dialog.width() >= min(room.width() - FRAME_ROOM // 2, 1000)  # as large as it may be, not shrunk
