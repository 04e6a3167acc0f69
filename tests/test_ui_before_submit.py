"""What blocks the year is visible before 提交: completeness per section and overall, the findings panel counts
what 提交 would raise; stale messages disappear; 审核通过 asks first."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")


from desktop import workflow  # noqa: E402
from desktop.domain import ValueChange  # noqa: E402
from desktop.workflow import SubmissionRefused  # noqa: E402
from desktop.ui.form_model import COL_NAME, COL_VALUE  # noqa: E402

COUNTY = "331081"  # 温岭市


def _set(window, code, text):
    return window.model.setData(window.model.index(window.model.row_of(code), COL_VALUE), text)


def test_completeness_per_section_and_overall_follows_the_values(window, services):
    model = window.model
    inds = services.indicators()
    first = inds[0]
    heading_row = model.row_of(first.code) - 1
    section_total = sum(1 for i in inds if i.section == first.section)
    assert model.index(heading_row, COL_NAME).data() == f"{first.section}（已填 0/{section_total}）"
    assert f"已填 0/{len(inds)}" in window.counts_label.text()
    assert _set(window, first.code, "140.5")
    assert model.index(heading_row, COL_NAME).data() == f"{first.section}（已填 1/{section_total}）"
    assert f"已填 1/{len(inds)}" in window.counts_label.text()
    assert model.completeness()[:2] == (1, len(inds))


def test_the_findings_panel_counts_what_submission_will_raise(window, services):
    panel = window.findings
    # the panel's count is exactly what 提交 then refuses with
    with pytest.raises(SubmissionRefused) as refused:
        workflow.submit(services, COUNTY, 2021)
    blocking = workflow.blocking_for_submit(services, COUNTY, 2021)
    assert len(refused.value.findings) == len(blocking)
    missing = sum(1 for f in blocking if f.rule == "completeness")
    assert missing == len(services.indicators())  # an empty form: every value is missing
    window.refresh()
    text = panel.at_submit.text()
    assert panel.at_submit.isVisibleTo(window)
    assert f"{len(blocking)} 项须处理" in text and f"缺少数值 {missing} 项" in text
    # filling values lowers the count at once, before any 提交
    assert _set(window, "POP_RESIDENT", "140.5")
    assert f"缺少数值 {missing - 1} 项" in panel.at_submit.text()


def test_a_corrected_value_clears_the_red_bar(window, services):
    assert not _set(window, "POP_RESIDENT", "140.5x")
    assert window.message_bar.isVisibleTo(window) and window.message_bar.text()
    assert _set(window, "POP_RESIDENT", "140.5")
    assert not window.message_bar.isVisibleTo(window) and window.message_bar.text() == ""


def test_the_locked_message_goes_after_a_return(window, services, monkeypatch):
    services.apply_changes([ValueChange(COUNTY, 2021, "HOSPITAL_BEDS", 4100.0)], "cli")
    monkeypatch.setattr(workflow.service, "blocking_for_submit", lambda *a, **k: [])
    workflow.submit(services, COUNTY, 2021, source="cli")
    window.refresh()
    assert not _set(window, "POP_RESIDENT", "140.5")
    assert "已提交" in window.message_bar.text()
    monkeypatch.setattr(window, "ask_return", lambda: ("床位数请核实", {}))
    window.workflow("return")
    assert services.dataset(COUNTY, 2021).status == "returned"
    assert window.message_bar.text() == "" and not window.message_bar.isVisibleTo(window)


def test_approval_asks_for_confirmation(window, services, monkeypatch):
    monkeypatch.setattr(workflow.service, "blocking_for_submit", lambda *a, **k: [])
    workflow.submit(services, COUNTY, 2021, source="cli")
    window.refresh()
    asked = []
    monkeypatch.setattr(window, "ask_confirm", lambda title, text: asked.append(text) or False)
    window.workflow("approve")
    assert asked and "审核通过" in asked[0] and "温岭市" in asked[0]
    assert services.dataset(COUNTY, 2021).status == "submitted"  # 否: nothing happened
    monkeypatch.setattr(window, "ask_confirm", lambda title, text: True)
    window.workflow("approve")
    assert services.dataset(COUNTY, 2021).status == "approved"


@pytest.mark.parametrize("status", ["submitted", "approved"])
def test_a_locked_year_opens_no_editor_and_the_form_says_why(qtbot, window, services, monkeypatch, status):
    from PySide6.QtCore import Qt

    monkeypatch.setattr(workflow.service, "blocking_for_submit", lambda *a, **k: [])
    workflow.submit(services, COUNTY, 2021, source="cli")
    if status == "approved":
        workflow.approve(services, COUNTY, 2021, source="cli")
    window.refresh()
    model, form = window.model, window.form
    row = model.row_of("POP_RESIDENT")
    for col in (COL_VALUE, COL_NAME):
        assert not model.flags(model.index(row, col)) & Qt.ItemFlag.ItemIsEditable
    form.go_to(row, COL_VALUE)
    form.setFocus()
    qtbot.keyClick(form, "5")  # typing opens nothing
    assert form.delegate.current_editor is None
    assert window.reason_label.isVisibleTo(window) and "锁定" in window.reason_label.text()
    # returned: editable again, and the line is gone
    if status == "submitted":
        monkeypatch.setattr(window, "ask_return", lambda: ("请核实", {}))
        window.workflow("return")
        assert model.flags(model.index(row, COL_VALUE)) & Qt.ItemFlag.ItemIsEditable
        assert "锁定" not in window.reason_label.text()


def test_a_percentage_typed_as_a_fraction_is_caught_without_a_prior_year(window, services):
    from desktop.validation import validate_values

    found = validate_values(services.indicators(), None, {"HEALTH_LITERACY": 0.72}, {}, None, 2021)
    assert [(f.severity, f.indicator) for f in found] == [("warning", "HEALTH_LITERACY")]
    assert "百分比请填 72" in found[0].message
    # a rate that was that small in earlier years too is left alone; 72 itself is fine
    assert not validate_values(services.indicators(), None, {"HEALTH_LITERACY": 0.72},
                               {"HEALTH_LITERACY": {2020: 0.7}}, None, 2021)
    assert not validate_values(services.indicators(), None, {"HEALTH_LITERACY": 72}, {}, None, 2021)
    # in the window: the finding appears at once, in the panel and the row
    assert _set(window, "HEALTH_LITERACY", "0.72")
    rows = [r for r in window.findings.rows() if r[1] == "HEALTH_LITERACY"]
    assert rows and rows[0][0] == "核实" and "像是把百分数写成了小数" in rows[0][2]


def test_arrow_keys_skip_section_headings(qtbot, window):
    from PySide6.QtCore import Qt

    model, form = window.model, window.form
    inds = window.services.indicators()
    last_of_first = [i for i in inds if i.section == inds[0].section][-1]
    first_of_second = next(i for i in inds if i.section != inds[0].section)
    form.go_to(model.row_of(last_of_first.code), COL_VALUE)
    form.setFocus()
    qtbot.keyClick(form, Qt.Key.Key_Down)
    assert form.currentIndex().row() == model.row_of(first_of_second.code)  # over the heading row
    qtbot.keyClick(form, Qt.Key.Key_Up)
    assert form.currentIndex().row() == model.row_of(last_of_first.code)


def test_ctrl_f_finds_an_indicator_by_name(window, monkeypatch):
    from desktop.errors import AppError

    monkeypatch.setattr(window, "ask_text", lambda *a: "健康素养")
    window.find_indicator()
    assert window.form.currentIndex().row() == window.model.row_of("HEALTH_LITERACY")
    assert window.actions_by_name["find"].shortcut().toString() == "Ctrl+F"
    monkeypatch.setattr(window, "ask_text", lambda *a: "不存在的指标名")
    with pytest.raises(AppError, match="没有名称含"):
        window.find_indicator()
