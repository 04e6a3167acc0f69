"""Shared fixtures: fresh stores in tmp_path, the demo store, and the CLI run in-process."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.services import Services  # noqa: E402


def pytest_addoption(parser):
    parser.addoption("--long", action="store_true", default=False, help="run the long variants (slow marker)")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--long"):
        return
    skip = pytest.mark.skip(reason="long variant: run with --long")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


def _copy_store(template: Path, dest: Path) -> Path:
    """A copy of a closed store (its last close checkpointed the log into the one file)."""
    assert not Path(f"{template}-wal").exists(), "the template store must be closed"
    shutil.copyfile(template, dest)
    return dest


@pytest.fixture(scope="session")
def fresh_store_template(tmp_path_factory) -> Path:
    """One new, initialised store per test session; tests get copies of it (db_path)."""
    path = tmp_path_factory.mktemp("template") / "store.sqlite"
    Services.init(path).close()
    return path


@pytest.fixture(scope="session")
def demo_store_template(tmp_path_factory) -> Path:
    from desktop.demo import load_seeds

    path = tmp_path_factory.mktemp("template") / "demo.sqlite"
    with Services.init(path) as s:
        load_seeds(s)
    return path


@pytest.fixture
def db_path(tmp_path, fresh_store_template) -> Path:
    """A new, initialised store (catalog and regions, no values): a copy of the session's fresh store."""
    return _copy_store(fresh_store_template, tmp_path / "store.sqlite")


@pytest.fixture
def services(db_path):
    s = Services.open(db_path)
    yield s
    s.close()


@pytest.fixture
def demo_path(tmp_path, demo_store_template) -> Path:
    """A store with the seed reports' figures and targets only (init --demo adds simulated counties to them:
    tests/test_demo.py): a copy of the session's one."""
    return _copy_store(demo_store_template, tmp_path / "demo.sqlite")


@pytest.fixture
def demo_services(demo_path):
    s = Services.open(demo_path)
    yield s
    s.close()


class CliResult:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def cli(capsys):
    """cli(db, 'get', '331081', '2021', '--json') runs the command line in-process."""

    def run(db, *args) -> CliResult:
        from desktop.cli import main

        argv = (["--db", str(db)] if db is not None else []) + [str(a) for a in args]
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse usage errors
            code = exc.code if isinstance(exc.code, int) else 2
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def english_qm(tmp_path_factory) -> Path:
    """resources/translations/app_en.ts built by pyside6-lrelease, once per session (the committed .ts, never a
    stale .qm)."""
    qm = tmp_path_factory.mktemp("qm") / "app_en.qm"
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), "-silent", str(ROOT / "resources" / "translations" / "app_en.ts"), "-qm",
                    str(qm)], check=True)
    return qm


@pytest.fixture
def english_translation(qapp, english_qm):
    """`with english_translation():` the window speaks English inside the block."""
    from PySide6.QtCore import QCoreApplication, QTranslator

    @contextlib.contextmanager
    def installed():
        translator = QTranslator()
        assert translator.load(str(english_qm))
        QCoreApplication.installTranslator(translator)
        try:
            yield
        finally:
            QCoreApplication.removeTranslator(translator)

    return installed


@pytest.fixture
def quiet_run(qapp, tmp_path, monkeypatch):
    """desktop.ui.app.run() with the event loop, message boxes, settings and log redirected for a test."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QMessageBox

    import desktop.ui.messages as messages

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(messages, "log_file_path", lambda: tmp_path / "log" / "desktop.log")
    said = []
    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(lambda parent, title, text, *a, **k: said.append(text)))
    shown = []

    def fake_exec(*_a):
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()  # long enough for the first paint and what follows it (the gui-open backup)
        QTimer.singleShot(300, loop.quit)
        loop.exec()
        shown.extend(w for w in QApplication.topLevelWidgets() if w.isVisible() and w.objectName() != "x")
        for w in shown:
            w.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    yield said, shown
    QSettings.setDefaultFormat(QSettings.Format.NativeFormat)


@pytest.fixture
def xdg_home(tmp_path, monkeypatch):
    """platformdirs pointed into tmp_path (the XDG variables on Linux) and no $CHI_DB: the default store,
    the remembered store, the log and the config are the test's own."""
    for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"), ("XDG_STATE_HOME", "state")):
        monkeypatch.setenv(var, str(tmp_path / sub))
    monkeypatch.delenv("CHI_DB", raising=False)
    return tmp_path


@pytest.fixture
def window(qtbot, services, tmp_path):
    """The main window on 温岭市 2021 of a fresh store, shown (test modules may define their own `window`)."""
    from PySide6.QtCore import QSettings

    from desktop.ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    w = MainWindow(services, settings)
    qtbot.addWidget(w)
    w.select_region_year("331081", 2021)  # 温岭市
    w.show()
    qtbot.waitExposed(w)
    return w
