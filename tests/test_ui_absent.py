"""标为不适用 in the window: several selected indicators, one reason, shown in words, counted as filled, not missing at
提交, undoable; Delete takes a mark away."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QItemSelectionModel, Qt  # noqa: E402

from desktop.absent import absences  # noqa: E402
from desktop.ui.form_model import ABSENT_BRUSH, COL_VALUE  # noqa: E402

COUNTY = "331081"  # 温岭市
CODES = ["CHILDCARE_PLACES", "CHILDCARE_PLACES_AFFORDABLE", "CHILDCARE_PLACES_PER_1000"]
REASON = "本县2021年尚未开展托育机构登记"


def _select(window, codes):
    form, model = window.form, window.model
    form.go_to(model.row_of(codes[0]), COL_VALUE)
    for code in codes[1:]:
        form.selectionModel().select(model.index(model.row_of(code), COL_VALUE),
                                     QItemSelectionModel.SelectionFlag.Select)
    assert form.selected_codes() == codes


def test_several_indicators_marked_at_once_with_one_reason(window, services, monkeypatch):
    model, panel = window.model, window.findings
    total = len(services.indicators())
    missing_before = panel.at_submit.text()
    assert f"缺少数值 {total} 项" in missing_before
    _select(window, CODES)
    asked = []
    monkeypatch.setattr(window, "ask_absence", lambda names: asked.append(names) or ("uncollected", REASON))
    window.actions_by_name["mark_absent"].trigger()
    assert asked == [[services.indicator(c).name for c in CODES]]
    assert {c: (a.kind, a.reason) for c, a in absences(services, COUNTY, 2021).items()} == {
        c: ("uncollected", REASON) for c in CODES}
    for code in CODES:  # shown distinctly, in words, with the reason in the tooltip
        index = model.index(model.row_of(code), COL_VALUE)
        assert index.data() == "本年未统计"
        assert index.data(Qt.ItemDataRole.BackgroundRole) == ABSENT_BRUSH
        assert REASON in index.data(Qt.ItemDataRole.ToolTipRole)
    # counted as filled, and no longer missing at 提交
    assert f"已填 3/{total}" in window.counts_label.text()
    assert f"缺少数值 {total - 3} 项" in panel.at_submit.text()
    heading = max(r for r in range(model.row_of(CODES[0])) if model.indicator_at(r) is None)
    assert "（已填 3/" in model.index(heading, 0).data()
    # one undo step takes all three away, redo puts them back
    window.actions_by_name["undo"].trigger()
    assert absences(services, COUNTY, 2021) == {}
    assert model.index(model.row_of(CODES[0]), COL_VALUE).data() == ""
    assert f"缺少数值 {total} 项" in panel.at_submit.text()
    window.actions_by_name["redo"].trigger()
    assert set(absences(services, COUNTY, 2021)) == set(CODES)


def test_a_boilerplate_reason_is_refused_in_the_red_bar(window, services, monkeypatch):
    _select(window, CODES[:2])
    monkeypatch.setattr(window, "ask_absence", lambda names: ("na", "无"))
    window.actions_by_name["mark_absent"].trigger()
    assert absences(services, COUNTY, 2021) == {}
    assert "套话" in window.message_bar.text()


def test_delete_takes_a_mark_away_and_typing_a_value_too(qtbot, window, services, monkeypatch):
    _select(window, CODES)
    monkeypatch.setattr(window, "ask_absence", lambda names: ("na", REASON))
    window.actions_by_name["mark_absent"].trigger()
    window.form.go_to(window.model.row_of(CODES[0]), COL_VALUE)
    window.form.setFocus()
    qtbot.keyClick(window.form, Qt.Key.Key_Delete)
    assert set(absences(services, COUNTY, 2021)) == set(CODES[1:])
    assert window.model.setData(window.model.index(window.model.row_of(CODES[1]), COL_VALUE), "120")
    assert set(absences(services, COUNTY, 2021)) == {CODES[2]}
    assert window.model.index(window.model.row_of(CODES[1]), COL_VALUE).data() == "120"


def test_undo_of_a_value_typed_over_a_mark_puts_the_mark_back(window, services, monkeypatch):
    _select(window, CODES[:1])
    monkeypatch.setattr(window, "ask_absence", lambda names: ("na", REASON))
    window.actions_by_name["mark_absent"].trigger()
    index = window.model.index(window.model.row_of(CODES[0]), COL_VALUE)
    assert window.model.setData(index, "120")
    assert absences(services, COUNTY, 2021) == {}
    window.actions_by_name["undo"].trigger()
    assert {c: (a.kind, a.reason) for c, a in absences(services, COUNTY, 2021).items()} == {CODES[0]: ("na", REASON)}
    assert index.data() == "不适用"
    window.actions_by_name["redo"].trigger()
    assert absences(services, COUNTY, 2021) == {} and index.data() == "120"
