"""The window's 文件 → 从备份恢复…: the admin picks a backup, sees what the restore would undo and
confirms; No leaves the store as it was, Yes restores it (after a safety backup) and the form shows the
restored figures. The same checks as `restore` on the command line (Services.restore_preview/restore)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings  # noqa: E402

from desktop import workflow  # noqa: E402
from desktop.db import backups  # noqa: E402
from desktop.domain import ValueChange  # noqa: E402

COUNTY, YEAR, IND = "331081", 2021, "BEDS_PER_1000"


@pytest.fixture
def window(qtbot, services, tmp_path):
    from desktop.ui.main_window import MainWindow

    services.apply_changes([ValueChange(COUNTY, YEAR, i.code, 4.6 if i.code == IND else None,
                                        None if i.code == IND else "本县当年未开展该项统计调查")
                            for i in services.indicators()], "test")
    services.backup(tmp_path / "before.sqlite")
    services.set_value(COUNTY, YEAR, IND, 5.2)
    workflow.submit(services, COUNTY, YEAR)
    workflow.approve(services, COUNTY, YEAR)
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    w = MainWindow(services, settings)
    qtbot.addWidget(w)
    w.select_region_year(COUNTY, YEAR)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_the_window_says_what_a_restore_undoes_and_restores_only_on_yes(window, services, tmp_path, monkeypatch):
    asked = []
    monkeypatch.setattr(window, "ask_open_paths", lambda *a: [str(tmp_path / "before.sqlite")])
    monkeypatch.setattr(window, "ask_confirm", lambda title, text: asked.append(text) or False)
    window.actions_by_name["restore"].trigger()
    assert "状态 温岭市 2021年：现为已审核，恢复后为草稿" in asked[0]
    assert "数值或说明：1 处将变回备份时的样子" in asked[0]
    assert services.dataset(COUNTY, YEAR).status == "approved"  # No: nothing changed
    assert not [p for p in backups.list_backups(services.store.path) if "before-restore" in p.name]

    monkeypatch.setattr(window, "ask_confirm", lambda title, text: asked.append(text) or True)
    window.actions_by_name["restore"].trigger()
    assert services.dataset(COUNTY, YEAR).status == "draft"
    assert window.model.value_of(IND) == 4.6
    safety = [p for p in backups.list_backups(services.store.path) if "before-restore" in p.name]
    assert len(safety) == 1 and str(safety[0]) in window.statusBar().currentMessage()
    assert services.verify_audit() == [] and services.verify_values() == []


def test_a_hollow_backup_is_refused_in_the_window_with_the_reason(window, services, tmp_path, monkeypatch):
    import sqlite3

    from desktop.db.schema import APPLICATION_ID, SCHEMA_VERSION

    hollow = tmp_path / "hollow.sqlite"
    conn = sqlite3.connect(hollow)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    conn.commit()
    conn.close()
    shown = []
    monkeypatch.setattr(window, "ask_open_paths", lambda *a: [str(hollow)])
    monkeypatch.setattr(window, "ask_confirm", lambda *a: pytest.fail("asked for a refused backup"))
    monkeypatch.setattr("desktop.ui.actions.show_error", lambda parent, exc: shown.append(str(exc)))
    window.actions_by_name["restore"].trigger()
    assert shown and "没有数据表" in shown[0] and "hollow.sqlite" in shown[0]
    assert services.dataset(COUNTY, YEAR).status == "approved"


def test_in_english_the_window_says_what_a_restore_undoes_and_why_a_backup_is_refused(
        window, services, tmp_path, monkeypatch, english_translation):
    """The same preview and refusal with the English translation: each line in English, the status and role
    words too; the command line's preview (Undone.lines) stays Chinese."""
    import sqlite3

    from desktop.ui.messages import describe

    services.add_user("赵新", "supervisor")
    asked, shown = [], []
    monkeypatch.setattr(window, "ask_open_paths", lambda *a: [str(tmp_path / "before.sqlite")])
    monkeypatch.setattr(window, "ask_confirm", lambda title, text: asked.append(text) or False)
    with english_translation():
        window.actions_by_name["restore"].trigger()
        lines = asked[0].splitlines()
        assert "Status of 温岭市 2021: now Approved, after the restore Draft" in lines
        assert "Values or notes: 1 go back to what the backup holds" in lines
        assert "User 赵新: will be removed (registered after the backup)" in lines
        assert not [line for line in lines if any("\u4e00" <= ch <= "\u9fff" for ch in
                                                  line.replace("温岭市", "").replace("赵新", ""))]

        hollow = tmp_path / "空.sqlite"
        sqlite3.connect(hollow).close()
        hollow.write_bytes(b"SQLite format 3\x00" + b"\0" * 100)
        monkeypatch.setattr(window, "ask_open_paths", lambda *a: [str(hollow)])
        monkeypatch.setattr("desktop.ui.actions.show_error", lambda parent, exc: shown.append(describe(exc)))
        window.actions_by_name["restore"].trigger()
    assert shown == [f"Not an intact SQLite database; nothing restored: {hollow}"]
    preview = services.restore_preview(tmp_path / "before.sqlite")
    assert "状态 温岭市 2021年：现为已审核，恢复后为草稿" in preview.lines({"331081": "温岭市"})
    assert services.dataset(COUNTY, YEAR).status == "approved"
