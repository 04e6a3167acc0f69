"""The first-start dialog and 帮助 → 关于, driven through their widgets (pytest-qt), and the window's start with no store."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from desktop import first_start, locations  # noqa: E402
from desktop.services import Services  # noqa: E402
from desktop.workflow import login  # noqa: E402


def make_dialog(qtbot, path):
    from desktop.ui.first_start_dialog import FirstStartDialog

    dialog = FirstStartDialog(path)
    qtbot.addWidget(dialog)
    return dialog


def type_password(dialog, password, again=None):
    dialog.password.setText(password)
    dialog.again.setText(password if again is None else again)


def test_a_new_store_for_the_clerks_county(qtbot, tmp_path):
    path = tmp_path / "new.sqlite"
    dialog = make_dialog(qtbot, path)
    assert dialog.choice() == "new" and dialog.region_box.currentIndex() == -1  # no county assumed
    assert str(path) in dialog.where.text()
    type_password(dialog, "geheim12")
    assert not dialog.try_accept()
    assert "县（市、区）" in dialog.error.text() and not path.exists()
    dialog.choose_region("瑞安市")
    assert dialog.region_box.currentData() == "330381"
    assert dialog.try_accept()
    result = dialog.result_
    try:
        assert result.choice == "new" and result.logged_in and result.services.user.has_password
        assert first_start.home_region(result.services) == "330381"
    finally:
        result.services.close()
    with Services.open(path) as again:
        assert login(again, "admin", "geheim12").role == "admin"


def test_the_dialog_refuses_a_weak_or_mistyped_password_and_stays_open(qtbot, tmp_path):
    path = tmp_path / "new.sqlite"
    dialog = make_dialog(qtbot, path)
    dialog.choose_region("温岭市")
    for password, again, says in (("", "", "设定密码"), ("abc", "abc", "至少 6"), ("geheim12", "geheim21", "不一致")):
        type_password(dialog, password, again)
        assert not dialog.try_accept()
        assert says in dialog.error.text()
        assert dialog.result_ is None and not path.exists()


def test_the_demo_choice(qtbot, tmp_path):
    path = tmp_path / "demo.sqlite"
    dialog = make_dialog(qtbot, path)
    dialog.choose("demo")
    assert dialog.password_box.isEnabled()
    type_password(dialog, "geheim12")
    assert dialog.try_accept()
    services = dialog.result_.services
    try:
        assert services.get_region_year("瑞安市", 2021).values["SERVICE_REVENUE_SHARE"].value == pytest.approx(34.29)
        assert services.user.has_password
    finally:
        services.close()


def test_an_existing_store_file_with_an_open_admin_asks_for_a_password(qtbot, tmp_path, demo_path, monkeypatch):
    dialog = make_dialog(qtbot, tmp_path / "unused.sqlite")
    monkeypatch.setattr(dialog, "ask_store_file", lambda: str(demo_path))
    dialog.browse_button.click()
    assert dialog.choice() == "existing"
    assert "102 个地区" in dialog.file_info.text()
    assert dialog.password_box.isEnabled() and "admin" in dialog.password_note.text()
    assert not dialog.try_accept()  # no password typed: refused, nothing written
    with Services.open(demo_path) as s:
        assert not s.user.has_password
    type_password(dialog, "geheim12")
    assert dialog.try_accept()
    result = dialog.result_
    try:
        assert result.logged_in and result.services.store.path == demo_path
    finally:
        result.services.close()
    assert first_start.inspect_store(demo_path).open_admins == ()
    assert not (tmp_path / "unused.sqlite").exists()


def test_an_existing_store_with_passwords_goes_on_to_the_log_in(qtbot, tmp_path, demo_path):
    first_start.open_existing(demo_path, password="geheim12", again="geheim12").close()
    dialog = make_dialog(qtbot, tmp_path / "unused.sqlite")
    dialog.choose("existing")
    dialog.file_edit.setText(str(demo_path))
    assert dialog.check_file(str(demo_path))
    assert not dialog.password_box.isEnabled() and "登录" in dialog.password_note.text()
    assert dialog.try_accept()
    assert not dialog.result_.logged_in
    dialog.result_.services.close()


def test_a_file_that_is_not_a_store_is_named_in_the_dialog(qtbot, tmp_path):
    bad = tmp_path / "notes.sqlite"
    bad.write_text("hello" * 100)
    dialog = make_dialog(qtbot, tmp_path / "unused.sqlite")
    dialog.choose("existing")
    dialog.file_edit.setText(str(bad))
    assert not dialog.try_accept()
    assert "不是本程序的数据库" in dialog.error.text() and str(bad) in dialog.error.text()
    assert dialog.result_ is None


def test_about_shows_version_store_catalog_and_backups(qtbot, demo_services):
    from desktop import __version__
    from desktop.db.backups import backup_dir
    from desktop.ui.about_dialog import AboutDialog

    dialog = AboutDialog(demo_services)
    qtbot.addWidget(dialog)
    text = {k: label.text() for k, label in dialog.labels.items()}
    assert text["version"] == __version__
    assert text["store"] == str(demo_services.store.path)
    assert text["catalog_version"] == demo_services.catalog_version() == "2026.1"
    assert str(backup_dir(demo_services.store.path)) in text["backups"]


def test_the_help_menu_opens_about(qtbot, demo_services, monkeypatch, tmp_path):
    from PySide6.QtCore import QSettings

    from desktop.ui.about_dialog import AboutDialog
    from desktop.ui.app import open_window

    # the window as run() opens it: the 帮助 menu is made right after the first paint
    window = open_window(demo_services, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), backup=False)
    qtbot.addWidget(window)
    assert "about" not in window.actions_by_name
    qtbot.waitUntil(lambda: "about" in window.actions_by_name, timeout=5000)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus[-1] == "帮助(&H)"
    asked = []
    monkeypatch.setattr(AboutDialog, "ask", classmethod(lambda cls, services, parent=None: asked.append(services)))
    window.actions_by_name["about"].trigger()
    assert asked == [demo_services]


def test_the_window_opens_on_the_home_county(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from desktop.ui.main_window import MainWindow

    services = first_start.create_store(tmp_path / "s.sqlite", password="geheim12", again="geheim12", county="温岭市")
    try:
        window = MainWindow(services, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        assert window.region_code == "331081"
        assert window.tree.currentItem().text(0) == "温岭市"
    finally:
        services.close()


# ---- the whole start: desktop.ui.app.run() with the first-start dialog's ask() patched ----------------------

def patch_ask(monkeypatch, make):
    """FirstStartDialog.ask replaced: `make(path)` returns the FirstStartResult (or None for 退出)."""
    from desktop.ui.first_start_dialog import FirstStartDialog

    asked = []

    def ask(cls, path, parent=None):
        asked.append(path)
        return make(path)

    monkeypatch.setattr(FirstStartDialog, "ask", classmethod(ask))
    return asked


def test_no_store_opens_the_first_start_and_then_the_window_on_the_county(quiet_run, monkeypatch, xdg_home):
    from desktop.ui.app import run
    from desktop.ui.first_start_dialog import FirstStartResult
    from desktop.ui.login_dialog import LoginDialog
    from desktop.ui.main_window import MainWindow

    said, shown = quiet_run
    monkeypatch.setattr(LoginDialog, "ask", classmethod(lambda *a, **k: pytest.fail("admin just typed the password")))
    asked = patch_ask(monkeypatch, lambda path: FirstStartResult(
        first_start.create_store(path, password="geheim12", again="geheim12", county="瑞安市"), "new", True))
    assert run(None) == 0
    store = locations.data_dir() / "indicators.sqlite"
    assert asked == [store]
    windows = [w for w in shown if isinstance(w, MainWindow)]
    assert windows and windows[0].region_code == "330381" and said == []
    with Services.open(store) as s:
        assert s.user.has_password


def test_quitting_the_first_start_leaves_no_store(quiet_run, monkeypatch, xdg_home):
    from desktop.ui.app import run

    said, shown = quiet_run
    patch_ask(monkeypatch, lambda path: None)
    assert run(None) == 0
    assert not (locations.data_dir() / "indicators.sqlite").exists() and shown == []


@pytest.mark.parametrize("leftover", ["empty", "no schema"])
def test_a_first_start_cut_off_early_is_offered_again(quiet_run, monkeypatch, xdg_home, tmp_path, leftover):
    import sqlite3

    from desktop.ui.app import run

    path = tmp_path / "first.sqlite"
    if leftover == "empty":
        path.write_bytes(b"")
    else:
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.close()
    asked = patch_ask(monkeypatch, lambda p: first_start_result(p))
    assert run(str(path)) == 0
    assert asked == [path]
    with Services.open(path) as s:
        assert s.user.has_password and first_start.home_region(s) == "331081"


def first_start_result(path):
    from desktop.ui.first_start_dialog import FirstStartResult

    return FirstStartResult(first_start.create_store(path, password="geheim12", again="geheim12", county="温岭市"),
                            "new", True)


def test_an_existing_store_chosen_at_first_start_is_used_from_then_on(quiet_run, monkeypatch, xdg_home, demo_path, cli):
    from desktop.ui.app import run
    from desktop.ui.first_start_dialog import FirstStartResult
    from desktop.ui.login_dialog import LoginDialog

    said, shown = quiet_run
    monkeypatch.setattr(LoginDialog, "ask", classmethod(lambda cls, services, settings, parent=None: True))
    patch_ask(monkeypatch, lambda path: FirstStartResult(
        first_start.open_existing(demo_path, password="geheim12", again="geheim12"), "existing", True))
    assert run(None) == 0
    assert locations.remembered_store() == demo_path
    assert not (locations.data_dir() / "indicators.sqlite").exists()
    # the next start, window or command line, goes to that store without asking
    patch_ask(monkeypatch, lambda path: pytest.fail("asked again"))
    assert run(None) == 0
    out = cli(None, "about", "--json")
    assert out.json()["store"] == str(demo_path)
