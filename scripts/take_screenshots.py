"""The screenshots in docs/screenshots/: the real window and file dialog on a demo store, grabbed under Xvfb.

    python main.py --db /tmp/shot/store.sqlite init --demo
    python main.py --db /tmp/shot/store.sqlite export 330382 2023 -o /tmp/shot/乐清市_2023.xlsx
    Xvfb :14 -screen 0 1400x900x24 &
    DISPLAY=:14 XDG_CONFIG_HOME=/tmp/shotcfg python scripts/take_screenshots.py /tmp/shot/store.sqlite docs/screenshots
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from desktop.ui.app import make_application, open_services, preload_core
preload_core()
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from desktop.db.hold import WindowHold
from desktop.ui.main_window import MainWindow
from desktop.ui.form_model import COL_VALUE
from desktop.ui.file_dialogs import make_dialog
db = Path(sys.argv[1]); out = Path(sys.argv[2])
app = make_application()
lock = WindowHold.take(db)
services = open_services(db)
w = MainWindow(services, QSettings())
w.resize(1360, 860); w.show()
def wait(ms):
    from PySide6.QtCore import QEventLoop
    loop = QEventLoop(); QTimer.singleShot(ms, loop.quit); loop.exec()
# 1: a returned year with blockers
w.select_region_year("330382", 2023); wait(400)
w.grab().save(str(out / "before-submit.png"))
# 2: empty year 2024 with a fraction typed
w.select_region_year("330381", 2024); wait(300)
m = w.model
m.setData(m.index(m.row_of("HEALTH_LITERACY"), COL_VALUE), "0.72")
w.form.go_to(m.row_of("HEALTH_LITERACY"), COL_VALUE); wait(400)
w.grab().save(str(out / "completeness-fraction.png"))
# 3: a submitted (locked) year
w.select_region_year("330381", 2023); wait(400)
w.grab().save(str(out / "locked.png"))
# 4: the import dialog on the store's folder
d = make_dialog(w, "导入Excel工作簿", str(db.parent), "所有文件 (*)")
d.show(); wait(1200)
d.grab().save(str(out / "file-dialog.png"))
d.reject()
w.close(); services.close(); lock.release()
