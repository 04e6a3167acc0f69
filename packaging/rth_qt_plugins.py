# Runtime hook of packaging/chi.spec, in place of PyInstaller's pyi_rth_pyside6. That hook imports PySide6.QtCore
# at every start (to register an in-memory qt.conf), which cost each headless command 0.13 s for a Qt it never
# uses. Qt finds its plugins through QT_PLUGIN_PATH; the window looks for Qt's own translations in the bundle
# itself (desktop/ui/app.py: qt_translations_dir).
import os
import sys


def _qt_dir() -> str:
    if sys.platform.startswith("win"):
        return os.path.join(sys._MEIPASS, "PySide6")
    return os.path.join(sys._MEIPASS, "PySide6", "Qt")


os.environ["QT_PLUGIN_PATH"] = os.path.join(_qt_dir(), "plugins")
