"""The window as a supervisor and a clerk use it: a resubmission shows what changed since the returned version;
a block pasted from Excel lands as it stands or is refused; notes are added to, and boilerplate says so at once."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from desktop import workflow  # noqa: E402
from desktop.domain import ValueChange  # noqa: E402
from desktop.ui.form_model import BOILERPLATE_BRUSH, CHANGED_BRUSH, COL_NOTE, COL_SUBMITTED, COL_VALUE  # noqa: E402
from desktop.ui.note_editor import NoteEditor  # noqa: E402

COUNTY = "331081"  # 温岭市


def record(services, code):
    return services.get_region_year(COUNTY, 2021).values.get(code)


def _submit_then_return(services):
    typed = {"HOSPITAL_BEDS": 4839.0, "LICENSED_DOCTORS": 2100.0}  # every other value explained as missing
    services.apply_changes([ValueChange(COUNTY, 2021, i.code, typed.get(i.code),
                                        None if i.code in typed else "本县当年未开展该项统计调查")
                            for i in services.indicators()], "form")
    workflow.submit(services, COUNTY, 2021)
    workflow.return_dataset(services, COUNTY, 2021, "床位数请核对")


# ---- supervisor review ----------------------------------------------------------------------------------

def test_the_service_compares_a_resubmission_with_the_returned_version(services):
    assert workflow.since_returned_version(services, COUNTY, 2021) is None  # never returned
    _submit_then_return(services)
    services.apply_changes([ValueChange(COUNTY, 2021, "HOSPITAL_BEDS", 4893.0, "新院区投入使用，床位增加54张")], "form")
    workflow.submit(services, COUNTY, 2021)
    review = workflow.since_returned_version(services, COUNTY, 2021)
    assert review.reason == "床位数请核对"
    changed = {r.indicator: r for r in review.changed}
    assert set(changed) == {"HOSPITAL_BEDS"}
    beds = changed["HOSPITAL_BEDS"]
    assert (beds.submitted_value, beds.current_value) == (4839.0, 4893.0)
    assert (beds.submitted_note, beds.current_note) == ("", "新院区投入使用，床位增加54张")
    workflow.approve(services, COUNTY, 2021)
    assert workflow.since_returned_version(services, COUNTY, 2021) is None  # the comparison ends with approval


def test_a_resubmission_shows_the_supervisor_what_changed_until_approval(window, services, monkeypatch):
    _submit_then_return(services)
    window.refresh()
    model, header = window.model, window.form.horizontalHeader()
    beds = model.row_of("HOSPITAL_BEDS")
    assert model.setData(model.index(beds, COL_VALUE), "4893")
    assert model.setData(model.index(beds, COL_NOTE), "新院区投入使用，床位增加54张")
    window.actions_by_name["submit"].trigger()
    assert services.dataset(COUNTY, 2021).status == "submitted"
    # the supervisor opens the resubmitted year: the returned version beside the new one, the reason above
    assert not header.isSectionHidden(COL_SUBMITTED)
    assert model.index(beds, COL_SUBMITTED).data() == "4839" and model.index(beds, COL_VALUE).data() == "4893"
    assert model.index(beds, COL_SUBMITTED).data(Qt.ItemDataRole.BackgroundRole) == CHANGED_BRUSH
    doctors = model.row_of("LICENSED_DOCTORS")
    assert model.index(doctors, COL_SUBMITTED).data(Qt.ItemDataRole.BackgroundRole) != CHANGED_BRUSH
    text = window.reason_label.text()
    assert window.reason_label.isVisibleTo(window)
    assert "床位数请核对" in text and "重新提交" in text and "修改了 1 项" in text
    assert "医疗机构实有床位数：4839 → 4893" in text
    assert "说明：“（空）” → “新院区投入使用，床位增加54张”" in text
    assert "被退回" in model.headerData(COL_SUBMITTED, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    # approval ends the comparison
    monkeypatch.setattr(window, "ask_confirm", lambda *a: True)
    window.actions_by_name["approve"].trigger()
    assert services.dataset(COUNTY, 2021).status == "approved"
    assert header.isSectionHidden(COL_SUBMITTED)
    assert "床位数请核对" not in window.reason_label.text()


# ---- paste a block as a block ---------------------------------------------------------------------------

def test_a_two_column_block_lands_in_value_and_note(window, services):
    model = window.model
    beds = model.row_of("HOSPITAL_BEDS")
    nxt = model.indicator_at(window.form._next_value_row(beds, 1))
    window.form.go_to(beds, COL_VALUE)
    assert window.form.paste_text("4,839\t新院区投入使用\r\n2100\t\r\n")
    assert (record(services, "HOSPITAL_BEDS").value, record(services, "HOSPITAL_BEDS").note) == (4839, "新院区投入使用")
    assert (record(services, nxt.code).value, record(services, nxt.code).note) == (2100, "")
    assert model.undo_stack.count() == 1  # one step
    model.undo_stack.undo()
    assert record(services, "HOSPITAL_BEDS") is None and record(services, nxt.code) is None


@pytest.mark.parametrize("text, at, why", [
    ("4839\t新院区\t1\r\n", COL_VALUE, "有 3 列"),  # three columns: 本年 and 说明 are only two
    ("4839\t5300\r\n2100\t2200\r\n", COL_VALUE, "全是数字"),  # two columns of figures: the second is no note
    ("4839\t新院区\r\n2100\r\n", COL_VALUE, "各行列数不同"),
    ("新院区\t床位\r\n", COL_NOTE, "有 2 列"),  # from 说明 only one column fits
])
def test_a_block_that_does_not_fit_is_refused_with_the_reason(window, services, text, at, why):
    before = len(services.audit(COUNTY, 2021))
    window.form.go_to(window.model.row_of("HOSPITAL_BEDS"), at)
    assert not window.form.paste_text(text)
    assert len(services.audit(COUNTY, 2021)) == before  # nothing written, nothing reshaped
    assert services.get_region_year(COUNTY, 2021).values == {}
    assert why in window.message_bar.text() and "未粘贴任何数据" in window.message_bar.text()


# ---- notes ------------------------------------------------------------------------------------------------

def _open_note_editor(qtbot, window, code):
    window.form.go_to(window.model.row_of(code), COL_NOTE)
    window.form.setFocus()
    qtbot.keyClick(window.form, Qt.Key.Key_F2)
    editor = window.form.delegate.current_editor
    assert isinstance(editor, NoteEditor)
    return editor


def test_typing_on_a_note_cell_adds_to_the_note(qtbot, window, services):
    services.apply_changes([ValueChange(COUNTY, 2021, "HOSPITAL_BEDS", 4839.0, "New ward")], "form")
    window.refresh()
    window.form.go_to(window.model.row_of("HOSPITAL_BEDS"), COL_NOTE)
    window.form.setFocus()
    qtbot.keyClick(window.form, "o")  # typing starts the editor; the key is added, the note is not typed over
    editor = window.form.delegate.current_editor
    qtbot.keyClicks(editor, "pened")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: window.form.delegate.current_editor is None)
    assert record(services, "HOSPITAL_BEDS").note == "New ward\nopened"


def test_the_note_editor_adds_to_the_note_on_several_lines(qtbot, window, services):
    services.apply_changes([ValueChange(COUNTY, 2021, "HOSPITAL_BEDS", 4839.0, "新院区投入使用")], "form")
    window.refresh()
    editor = _open_note_editor(qtbot, window, "HOSPITAL_BEDS")
    editor.insertPlainText("床位增加54张")  # Chinese text arrives from the input method, as a whole
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # a new line, not a commit
    editor.insertPlainText("见卫健委批复")
    assert window.form.delegate.current_editor is editor
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # Enter commits
    qtbot.waitUntil(lambda: window.form.delegate.current_editor is None)
    assert record(services, "HOSPITAL_BEDS").note == "新院区投入使用\n床位增加54张\n见卫健委批复"
    shown = window.model.index(window.model.row_of("HOSPITAL_BEDS"), COL_NOTE).data()
    assert shown.startswith("新院区投入使用 ↵ 床位增加54张")


@pytest.mark.parametrize("stock", ["无", "正常", "同上", "已核实"])
def test_a_boilerplate_note_says_at_once_it_explains_nothing(qtbot, window, services, stock):
    editor = _open_note_editor(qtbot, window, "HOSPITAL_BEDS")
    assert not editor.hint.isVisibleTo(window)
    editor.insertPlainText(stock)
    assert editor.hint.isVisibleTo(window) and "不算说明" in editor.hint.text()  # before any commit
    editor.insertPlainText("：新建第二人民医院院区投入使用")
    assert not editor.hint.isVisibleTo(window)
    editor.setText(stock)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.form.delegate.current_editor is None)
    index = window.model.index(window.model.row_of("HOSPITAL_BEDS"), COL_NOTE)
    assert record(services, "HOSPITAL_BEDS").note == stock
    assert index.data(Qt.ItemDataRole.ForegroundRole) == BOILERPLATE_BRUSH
    assert "不算说明" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_escape_leaves_the_note_as_it_was(qtbot, window, services):
    services.apply_changes([ValueChange(COUNTY, 2021, "HOSPITAL_BEDS", 4839.0, "新院区投入使用")], "form")
    window.refresh()
    editor = _open_note_editor(qtbot, window, "HOSPITAL_BEDS")
    qtbot.keyClicks(editor, "abc")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.form.delegate.current_editor is None)
    assert record(services, "HOSPITAL_BEDS").note == "新院区投入使用"


def test_a_mark_made_after_the_return_is_among_the_changes(window, services):
    from desktop.absent import mark_absent

    typed = {"HOSPITAL_BEDS": 4839.0}
    services.apply_changes([ValueChange(COUNTY, 2021, i.code, typed.get(i.code),
                                        None if i.code in typed else "本县当年未开展该项统计调查")
                            for i in services.indicators()], "form")
    workflow.submit(services, COUNTY, 2021)
    workflow.return_dataset(services, COUNTY, 2021, "托育数据请核实")
    services.apply_changes([ValueChange(COUNTY, 2021, "CHILDCARE_PLACES", None, "")], "form")
    mark_absent(services, COUNTY, 2021, ["CHILDCARE_PLACES"], "uncollected", "本年未开展托育机构调查")
    workflow.submit(services, COUNTY, 2021)
    review = workflow.since_returned_version(services, COUNTY, 2021)
    assert review.marks_changed == (("CHILDCARE_PLACES", None, "uncollected", "本年未开展托育机构调查"),)
    window.refresh()
    text = window.reason_label.text()
    assert "托位数：标为本年未统计（本年未开展托育机构调查）" in text
    assert "修改了 2 项" in text  # the note removed, and the mark
