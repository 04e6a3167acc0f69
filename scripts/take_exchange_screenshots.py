"""The exchange screenshots in docs/screenshots/: three offices' stores made in a temporary folder, the loop
county → city → county run through workbooks, and the real window and dialogs grabbed under Xvfb.

    xvfb-run -a -s "-screen 0 1400x900x24" python scripts/take_exchange_screenshots.py docs/screenshots
"""
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop import workflow  # noqa: E402
from desktop.domain import ValueChange  # noqa: E402
from desktop.exchange import export_workbook, import_files  # noqa: E402
from desktop.services import Services  # noqa: E402
from desktop.ui.import_dialog import ImportDialog  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.return_dialog import ReturnDialog  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
out = Path(sys.argv[1]).resolve()
R, Y = "331081", 2022
tmp = Path(tempfile.mkdtemp())
county = Services.init(tmp / "county.sqlite")
county.add_user("张三", "clerk")
county.add_user("李四", "supervisor")
city = Services.init(tmp / "city.sqlite")
city.add_user("王五", "supervisor")
values = {"BEDS_PER_1000": 4.58, "LIFE_EXPECTANCY": 81.5, "HOSPITAL_BEDS": 6200, "POP_RESIDENT": 135.2}
county.apply_changes([ValueChange(R, Y, i.code, values.get(i.code), None if i.code in values else "本县当年未开展该项统计调查")
                      for i in county.indicators()], source="form")
county.user = county._load_user("张三")
workflow.submit(county, R, Y)
county.user = county._load_user("李四")
workflow.approve(county, R, Y)
export_workbook(county, R, Y, tmp / "温岭2022.xlsx")
import_files(city, [tmp / "温岭2022.xlsx"])
city.user = city._load_user("王五")

app = QApplication(sys.argv)


def wait(ms):
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


# 1: the city returns the year: reason and a note on one value
ry = city.get_region_year(R, Y)
dlg = ReturnDialog(city, ry)
dlg.reason.setPlainText("床位数与卫健统计年报不一致，请核对后重报")
dlg.set_note("HOSPITAL_BEDS", "年报为 6150 张，请按年报口径填写")
dlg.show()
wait(400)
dlg.grab().save(str(out / "exchange-return-dialog.png"))
reason, notes = dlg.answer()
dlg.close()
workflow.return_dataset(city, R, Y, reason, notes=notes)
export_workbook(city, R, Y, tmp / "温岭2022-退回.xlsx")

# 2: the county's import preview of the return
county.user = county._load_user("张三")
imp = ImportDialog(county, [str(tmp / "温岭2022-退回.xlsx")])
imp.prepare()
imp.show()
wait(400)
imp.grab().save(str(out / "exchange-import-return.png"))
imp.import_button.click()

# 3: the county's form after the import: the reason and the note above the table
w = MainWindow(county, QSettings(str(tmp / "ui.ini"), QSettings.Format.IniFormat))
w.resize(1280, 760)
w.show()
w.select_region_year(R, Y)
w.refresh()
wait(500)
w.grab().save(str(out / "exchange-county-returned.png"))

# 4: a preview that shows the findings before anything is stored
imp = ImportDialog(county, [str(ROOT / "tests" / "data" / "exchange" / "家庭医生签约人数_61200.xlsx")])
imp.prepare()
imp.show()
wait(400)
imp.grab().save(str(out / "exchange-import-findings.png"))
print("written:", *sorted(p.name for p in out.glob("exchange-*.png")))
