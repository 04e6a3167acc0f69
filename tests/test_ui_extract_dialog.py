"""The 从报告文本提取 dialog: proposals with the stored value beside, the sentence highlighted, ticked ones written."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.ui.extract_dialog import COL_CHECK, COL_STORED, COL_TAKE, ExtractDialog

SEEDS = Path(__file__).parent / "data" / "extraction_seeds"
RUIAN = (SEEDS / "ruian_2021.txt").read_text(encoding="utf-8")


@pytest.fixture
def dialog(qtbot, services):
    services.set_value("330381", 2021, "LIFE_EXPECTANCY", 81.0)  # a different value already stored
    d = ExtractDialog(services, "330381", 2021)
    qtbot.addWidget(d)
    return d


def _row(d, code):
    return next(i for i, r in enumerate(d.model.rows) if r.proposal.indicator == code)


def test_model_passes_the_model_tester(qtmodeltester, dialog):
    dialog.set_text(RUIAN)
    dialog.run_extraction()
    assert dialog.model.rowCount() == 18
    qtmodeltester.check(dialog.model)


def test_proposals_show_stored_values_and_default_ticks(dialog):
    dialog.set_text(RUIAN)
    dialog.extract_button.click()
    m = dialog.model
    life = _row(dialog, "LIFE_EXPECTANCY")
    assert m.data(m.index(life, COL_STORED)) == "81.00"
    assert m.data(m.index(life, COL_TAKE), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    nat = _row(dialog, "NAT_DAILY_CAPACITY")
    assert m.data(m.index(nat, COL_STORED)) == "—"
    assert m.data(m.index(nat, COL_TAKE), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert len(m.chosen()) == 17
    assert "18" in dialog.status.text()


def test_selecting_a_row_highlights_its_sentence_and_figure(dialog):
    dialog.set_text(RUIAN)
    dialog.run_extraction()
    row = _row(dialog, "NAT_DAILY_CAPACITY")
    dialog.table.selectRow(row)
    sentence, figure = dialog.source.extraSelections()
    assert figure.cursor.selectedText() == "3万管"
    assert "".join(sentence.cursor.selectedText().split()).endswith("全市核酸日最大检测能力达到3万管。")
    assert "3万管" in dialog.sentence_view.toPlainText()


def test_commit_writes_ticked_values_as_one_audited_change(dialog, services):
    dialog.set_text(RUIAN)
    dialog.run_extraction()
    m = dialog.model
    m.set_all(False)
    for code in ("NAT_DAILY_CAPACITY", "LIFE_EXPECTANCY", "FAMILY_DOCTOR_RATE"):
        assert m.setData(m.index(_row(dialog, code), COL_TAKE), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert dialog.commit_button.isEnabled()
    dialog.commit_button.click()
    values = services.get_region_year("330381", 2021).values
    assert {k: v.value for k, v in values.items()} == {
        "NAT_DAILY_CAPACITY": 30000, "LIFE_EXPECTANCY": 82.3, "FAMILY_DOCTOR_RATE": 44.97}
    rows = [a for a in services.audit("330381", 2021) if a.field == "value" and a.source == "extraction"]
    assert len(rows) == 3 and len({a.at for a in rows}) == 1
    assert dialog.written == 3
    assert "已写入 3" in dialog.status.text()
    # the stored value beside is now the new one, and nothing stays ticked that is already stored
    assert dialog.model.data(dialog.model.index(_row(dialog, "LIFE_EXPECTANCY"), COL_STORED)).startswith("82.30")


def test_editing_the_text_clears_stale_proposals(dialog):
    dialog.set_text(RUIAN)
    dialog.run_extraction()
    assert dialog.model.rowCount() > 0
    dialog.source.appendPlainText("补充一句。")
    assert dialog.model.rowCount() == 0
    assert not dialog.commit_button.isEnabled()
    assert "重新" in dialog.status.text()


def test_open_docx_through_the_file_question(dialog, tmp_path, monkeypatch):
    docx = tmp_path / "report.docx"
    body = ("<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'><w:body>"
            "<w:p><w:r><w:t>2021年，我市人均期望寿命达到82.3岁，儿童健康管理率达97.63%。</w:t></w:r></w:p>"
            "</w:body></w:document>")
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("word/document.xml", body)
    monkeypatch.setattr(dialog, "ask_open_path", lambda: str(docx))
    dialog.open_button.click()
    assert {r.proposal.indicator for r in dialog.model.rows} == {"LIFE_EXPECTANCY", "CHILD_HEALTH_MGMT_RATE"}


def test_an_unreadable_file_is_refused_with_its_name(dialog, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("desktop.ui.extract_dialog.show_error", lambda parent, exc, title=None: shown.append(str(exc)))
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4")
    assert dialog.open_file(str(bad)) is False
    assert shown and "scan.pdf" in shown[0]
    assert dialog.model.rowCount() == 0


def test_ask_returns_how_many_were_written(qtbot, services, monkeypatch):
    def fake_exec(self):
        qtbot.addWidget(self)
        self.commit()
        return 1

    monkeypatch.setattr(ExtractDialog, "exec", fake_exec)
    n = ExtractDialog.ask(services, "330381", 2021, text="2021年，全市设置14个急救站点，配备急救车48辆。")
    assert n == 2
    assert services.get_region_year("330381", 2021).values["AMBULANCES"].value == 48


def test_a_plan_gives_nothing_to_write(dialog):
    dialog.set_text((SEEDS / "wenling_2021_plan.txt").read_text(encoding="utf-8"))
    dialog.run_extraction()
    assert dialog.model.rowCount() == 0
    assert not dialog.commit_button.isEnabled()
    assert "没有提取到数值" in dialog.status.text() and "计划或目标" in dialog.status.text()


def test_a_long_text_is_read_off_the_gui_thread(dialog, monkeypatch):
    import threading

    import desktop.extract.service as service

    monkeypatch.setattr("desktop.ui.extract_dialog.BACKGROUND_CHARS", 1000)
    threads = []
    real = service.propose_all

    def spy(*args, **kw):
        threads.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kw)

    monkeypatch.setattr(service, "propose_all", spy)
    dialog.set_text(RUIAN)
    dialog.run_extraction()
    assert threads == [False]
    assert dialog.model.rowCount() == 18
    assert dialog.model.data(dialog.model.index(_row(dialog, "LIFE_EXPECTANCY"), COL_STORED)) == "81.00"


def test_a_file_is_opened_off_the_gui_thread(dialog, monkeypatch, tmp_path):
    """A long PDF takes seconds to read: the file is read in a job, the window stays live."""
    import threading

    import desktop.extract as extract

    threads = []
    real = extract.read_text_file

    def spy(path):
        threads.append(threading.current_thread() is threading.main_thread())
        return real(path)

    monkeypatch.setattr(extract, "read_text_file", spy)
    report = tmp_path / "瑞安.txt"
    report.write_text(RUIAN, encoding="utf-8")
    assert dialog.open_file(str(report))
    assert threads == [False]
    assert dialog.source.toPlainText() == RUIAN and dialog.model.rowCount() == 18


def test_without_a_region_the_dialog_says_so(qtbot, services):
    from desktop.errors import AppError

    with pytest.raises(AppError, match="选择一个地区"):
        ExtractDialog(services, None, 2021)


def test_opened_from_the_main_window_menu(qtbot, services, monkeypatch):
    """The main window's 从报告文本提取 action builds the dialog as ExtractDialog(services, region, year, parent)."""
    from desktop.ui.main_window import MainWindow

    seen = {}

    def fake_exec(self):
        seen["args"] = (self.region.code, self.year, self.parent() is window)
        return 0

    monkeypatch.setattr(ExtractDialog, "exec", fake_exec)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.load("330381", 2021)
    window.extract_from_text()
    assert seen["args"] == ("330381", 2021, True)


def test_the_dialog_warns_when_the_text_is_about_another_year(qtbot, services):
    d = ExtractDialog(services, "330381", 2022)
    qtbot.addWidget(d)
    d.set_text(RUIAN)
    d.run_extraction()
    assert "请确认所选年份" in d.status.text()


def test_the_cross_check_flags_a_report_figure_that_disagrees_with_the_stored_one(dialog, services):
    services.set_value("330381", 2021, "AMBULANCES", 48)  # the same as the report
    dialog.set_text(RUIAN)
    dialog.run_extraction()
    m = dialog.model
    life = _row(dialog, "LIFE_EXPECTANCY")  # report 82.3, stored 81.0
    assert m.data(m.index(life, COL_STORED)) == "81.00"
    assert m.data(m.index(life, COL_CHECK)) == "不一致（+1.6%）"
    tip = m.data(m.index(life, COL_CHECK), Qt.ItemDataRole.ToolTipRole)
    assert "82.30" in tip and "81.00" in tip
    assert m.data(m.index(life, COL_CHECK), Qt.ItemDataRole.BackgroundRole) is not None
    amb = _row(dialog, "AMBULANCES")
    assert m.data(m.index(amb, COL_CHECK)) == "一致"
    assert m.data(m.index(amb, COL_CHECK), Qt.ItemDataRole.BackgroundRole) is None
    nat = _row(dialog, "NAT_DAILY_CAPACITY")
    assert m.data(m.index(nat, COL_CHECK)) == ""
    assert "1 条与库中数值不一致" in dialog.status.text()


def test_a_text_about_another_place_says_so(dialog):
    dialog.set_text("2021年我国卫生健康事业发展统计公报\n居民人均预期寿命为78.2岁，婴儿死亡率5.0‰。")
    dialog.run_extraction()
    assert dialog.model.rowCount() == 0
    assert "其他地方" in dialog.status.text() and "瑞安市" in dialog.status.text()


def test_open_an_html_page(dialog, tmp_path, monkeypatch):
    page = tmp_path / "news.html"
    page.write_text("<html><body><p>2021年，全市设置14个急救站点，配备急救车48辆。</p></body></html>",
                    encoding="utf-8")
    monkeypatch.setattr(ExtractDialog, "ask_open_path", lambda self: str(page))
    assert dialog.open_file()
    assert {r.proposal.indicator: r.proposal.value for r in dialog.model.rows} == {"EMS_STATIONS": 14, "AMBULANCES": 48}
