"""Translations: every string of desktop/ui is in app_en.ts with a real English text, and English loads."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "app_en.ts"


@pytest.fixture
def english(english_translation):
    with english_translation():
        yield


def test_every_message_has_an_english_translation():
    tree = ET.parse(TS)
    messages = list(tree.getroot().iter("message"))
    assert len(messages) > 100
    for msg in messages:
        tr = msg.find("translation")
        assert tr.get("type") not in ("unfinished", "vanished", "obsolete"), msg.findtext("source")
        text = tr.text or ""
        assert text.strip(), msg.findtext("source")
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in text.replace("核实无误", "").replace("无", "")), text


def test_the_scan_finds_no_string_missing_from_the_ts(tmp_path):
    """lupdate over the window's modules finds nothing that app_en.ts lacks (run build_translations.py --update).

    extract_dialog.py is left out of this scan; build_translations.py --update still collects its strings into
    app_en.ts."""
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate not in this environment")
    copy = tmp_path / "scan.ts"
    copy.write_bytes(TS.read_bytes())
    files = [str(p) for p in sorted((ROOT / "desktop" / "ui").glob("*.py")) if p.name != "extract_dialog.py"]
    out = subprocess.run([str(lupdate), "-locations", "none", "-source-language", "zh_CN",
                          "-target-language", "en", *files, "-ts", str(copy)],
                         capture_output=True, text=True, check=True).stdout
    assert "0 new" in out or "(0 new" in out, out


def test_the_window_speaks_english_with_the_translation(qtbot, services, tmp_path, english):
    from PySide6.QtCore import QSettings, Qt

    from desktop.ui.form_model import COL_VALUE
    from desktop.ui.main_window import MainWindow

    w = MainWindow(services, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    assert w.actions_by_name["report_pdf"].text() == "PDF report…"
    assert w.actions_by_name["submit"].text() == "Submit"
    assert w.model.headerData(COL_VALUE, Qt.Orientation.Horizontal) == "This year"
    assert w.user_label.text().startswith("User: admin")


def test_the_chinese_file_dialog_has_no_english_label(qapp):
    """Qt's zh_CN catalog lacks two labels of its own file dialog (the save dialog of 导出PDF报表 on Linux)."""
    import re

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QFileDialog, QLabel

    from desktop.ui.app import install_translators

    installed = install_translators(qapp, "zh_CN")
    try:
        dialog = QFileDialog(None, "保存")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
        assert len(labels) == 3 and "文件名称(&N)：" in labels  # Qt's own translation still answers
        assert not [t for t in labels if re.search("[A-Za-z]{3}", t)], labels
        dialog.deleteLater()
    finally:
        for translator in installed:
            QCoreApplication.removeTranslator(translator)


def test_every_heading_of_the_form_fits_its_column_in_english(qtbot, services, tmp_path, english):
    """In English the 上次提交 column read "Last submittec": its 86 pixels were sized for Chinese."""
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtGui import QFontMetrics

    from desktop.ui.form_model import COL_NOTE, COL_SUBMITTED
    from desktop.ui.main_window import MainWindow

    w = MainWindow(services, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    view = w.form
    font = view.horizontalHeader().font()
    font.setBold(True)
    metrics = QFontMetrics(font)
    assert view.model().headerData(COL_SUBMITTED, Qt.Orientation.Horizontal) == "Last submitted"
    view.show_submitted(True)  # as for a returned dataset
    view.show_computed(True)  # as for a city or the province (汇总)
    for col in range(view.model().columnCount()):
        if col == COL_NOTE:
            continue  # the last column stretches
        text = view.model().headerData(col, Qt.Orientation.Horizontal)
        assert metrics.horizontalAdvance(text) + 8 < view.columnWidth(col), text


def test_the_window_shows_the_domains_words_in_chinese():
    from desktop.ui import vocabulary

    assert (vocabulary.status("approved"), vocabulary.status(None), vocabulary.role("clerk")) == \
        ("已审核", "未填报", "填报员")
    assert vocabulary.source("import:县2021.xlsx#ab12") == "导入 县2021.xlsx" and vocabulary.word("check", "odd") == "odd"


def test_every_word_of_the_domain_the_window_shows_is_translated(english):
    """The words of desktop.domain's vocabularies reach the window through desktop/ui/vocabulary.py; they are no
    literals lupdate finds, so build_translations.py --update adds them: each has its English, and a code the
    vocabulary lacks is shown as it is."""
    from desktop.ui import vocabulary

    entries = {(m.findtext("comment"), m.findtext("source")) for ctx in ET.parse(TS).getroot().iter("context")
               if ctx.findtext("name") == vocabulary.CONTEXT for m in ctx.iter("message")}
    wanted = {(name, text) for name, words in vocabulary.VOCABULARIES.items() for text in words.values()}
    assert wanted - entries == set()
    for name, words in vocabulary.VOCABULARIES.items():
        shown = vocabulary.words(name)
        assert set(shown) == set(words)
        untranslated = [t for t in shown.values() if any("\u4e00" <= ch <= "\u9fff" for ch in t)]
        assert untranslated == [], name
    assert (vocabulary.status("approved"), vocabulary.status(None), vocabulary.role("supervisor")) == \
        ("Approved", "Not reported", "supervisor")
    assert vocabulary.word("check", "warning") == "warning" and vocabulary.word("check", "odd") == "odd"
    assert vocabulary.source("import:县2021.xlsx#ab12") == "import 县2021.xlsx"
    assert vocabulary.source("paste") == "pasted"


def test_every_phrase_of_the_core_is_in_the_translation_file():
    """The core's Phrases (the findings' messages) are no literals of desktop/ui; build_translations.py --update
    collects their templates into the context "core": each of them is there (with its English, checked above)."""
    from desktop.phrases import CONTEXT, templates_in

    entries = {m.findtext("source") for ctx in ET.parse(TS).getroot().iter("context")
               if ctx.findtext("name") == CONTEXT for m in ctx.iter("message")}
    wanted = templates_in(ROOT / "desktop", skip=ROOT / "desktop" / "ui")
    assert len(wanted) > 30
    assert wanted - entries == set()


def test_the_findings_speak_english_with_the_translation(qtbot, services, tmp_path, english):
    """A region-year with a value out of range, a slip of the decimal point, a jump over the threshold and a
    target missed: the findings panel and the form's tooltip say each in English, the figures filled in, while
    the findings themselves (the command line's, the reports') stay Chinese."""
    from PySide6.QtCore import QSettings

    from desktop.ui.main_window import MainWindow

    services.set_value("330302", 2021, "FAMILY_DOCTOR_RATE", 40.0)
    services.set_value("330302", 2022, "FAMILY_DOCTOR_RATE", 60.0)
    services.set_value("330302", 2021, "BEDS_PER_1000", 5.2)
    services.set_value("330302", 2022, "BEDS_PER_1000", 52.0)
    services.set_value("330302", 2022, "HEALTH_LITERACY", 120.0)
    w = MainWindow(services, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.load("330302", 2022)
    rows = {code: message for _sev, code, message in w.findings.rows()}
    assert rows["HEALTH_LITERACY"] == "120.00 % is outside the range [0, 100] (above the upper bound)"
    assert rows["BEDS_PER_1000"].startswith("about 10 times the figure since 2021 (5.20→52.00): a misplaced decimal")
    assert rows["FAMILY_DOCTOR_RATE"] == ("up 20.00 percentage points since 2021 (40.00→60.00), more than the "
                                          "threshold of 15 percentage points")
    for message in rows.values():
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in message), message
    chinese = {f.indicator: f.message for f in w.findings.findings}
    assert chinese["HEALTH_LITERACY"] == "120.00%超出取值范围[0, 100]（高于上限）"


def test_the_cores_refusals_speak_english_with_the_translation(qtbot, services, tmp_path, english):
    """A value the form refuses, a refused submission listing its findings, a refusal of the flow and a lock:
    each is said in English in the window (describe), and stays Chinese as the core and the CLI say it."""
    from PySide6.QtCore import QSettings

    from desktop.errors import WorkflowError
    from desktop.ui.form_model import COL_VALUE
    from desktop.ui.main_window import MainWindow
    from desktop.ui.messages import describe
    from desktop.workflow.service import transition

    w = MainWindow(services, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.load("330302", 2022)
    refused = []
    w.model.edit_refused.connect(refused.append)
    assert not w.model.setData(w.model.index(w.model.row_of("HOSPITAL_BEDS"), COL_VALUE), "约6100")
    assert refused == ["鹿城区 2022 医疗机构实有床位数: the value '约6100' is invalid: is approximate: enter the exact figure"]

    services.set_value("330302", 2022, "HEALTH_LITERACY", 120.0)
    with pytest.raises(WorkflowError) as exc:
        transition(services, "submit", "330302", 2022)
    said = describe(exc.value)
    assert said.startswith("鹿城区 2022 cannot be submitted: 1 errors and ")
    assert "  [error] 居民健康素养水平: 120.00 % is outside the range [0, 100] (above the upper bound)" in said.splitlines()
    assert str(exc.value).startswith("鹿城区 2022年数据不能提交：1 个错误、")

    from desktop.errors import AppError
    from desktop.exchange.writer import write_template

    with pytest.raises(AppError) as exc:
        write_template(services, "330302", 2022, tmp_path / "没有的文件夹" / "模板.xlsx")
    assert describe(exc.value) == f"the output folder does not exist: {tmp_path / '没有的文件夹'}"
    assert str(exc.value) == f"输出文件夹不存在：{tmp_path / '没有的文件夹'}"

    from desktop.reports import write_report

    with pytest.raises(AppError) as exc:
        write_report(services, "330302", 2022, tmp_path / "没有的文件夹" / "汇总.pdf")
    assert describe(exc.value) == (f"Cannot write the report file: {tmp_path / '没有的文件夹' / '汇总.pdf'} (the folder "
                                   f"{tmp_path / '没有的文件夹'} does not exist)")
    assert str(exc.value).startswith("无法写入报表文件：")
    with pytest.raises(AppError) as exc:
        services.add_user("  ", "clerk")
    assert describe(exc.value) == "The user name cannot be empty"

    with pytest.raises(WorkflowError) as exc:
        transition(services, "approve", "330302", 2022)
    assert describe(exc.value) == "Cannot approve 鹿城区 2022: it is “Draft”, and only “Submitted” data can take this step"
    assert str(exc.value) == "鹿城区 2022年数据当前为“草稿”，不能审核通过（只有“已提交”的数据可以审核通过）"


def test_the_imports_errors_and_notices_speak_english_with_the_translation(qtbot, services, tmp_path, english):
    """The import dialog in English: an unknown indicator with its suggestion, a value refused, a year missing
    and a remark read into the note, each at its cell; the same plan says them in Chinese to the command line."""
    from openpyxl import Workbook

    from desktop.exchange import plan_import
    from desktop.ui.import_dialog import ImportDialog

    wb = Workbook()
    ws = wb.active
    ws.title = "数据"
    ws.append(["地区名称", "年份", "指标名称", "数值"])
    ws.append(["龙湾区", 2025, "卫生厕所覆盖率", 99.1])
    ws.append(["龙湾区", 2025, "常住人口", "约80"])
    ws.append(["龙湾区", None, "常住人口", 80.1])
    ws.append(["龙湾区", 2025, "人均期望寿命", "82.1（初步）"])
    wb.save(tmp_path / "县.xlsx")
    dialog = ImportDialog(services, [str(tmp_path / "县.xlsx")])
    qtbot.addWidget(dialog)
    dialog.prepare()
    shown = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert shown[:3] == [
        "File 县.xlsx, 数据!C2: unknown indicator '卫生厕所覆盖率'; similar indicators: 农村无害化卫生厕所普及率",
        "File 县.xlsx, 数据!D3: Value '约80' is invalid: is approximate: enter the exact figure",
        "File 县.xlsx, 数据!B4: the year is missing"]
    assert "File 县.xlsx, 数据!D5: Value “82.1（初步）” read as 82.1; the remark in brackets, “初步”, goes into the note" in shown
    plan = plan_import(services, [tmp_path / "县.xlsx"])
    assert str(plan.errors[2]) == "文件 县.xlsx，数据!B4：缺少年份"
    wb = Workbook()
    ws = wb.active
    ws.append(["指标名称", "数值"])
    ws.append(["常住人口", 80.1])
    wb.save(tmp_path / "龙湾区_2025年.xlsx")
    dialog = ImportDialog(services, [str(tmp_path / "龙湾区_2025年.xlsx")])
    qtbot.addWidget(dialog)
    dialog.prepare()
    shown = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert shown == ["File 龙湾区_2025年.xlsx, Sheet!A1: the table names no region; taken from the file's name as “龙湾区”: "
                     "please check",
                     "File 龙湾区_2025年.xlsx, Sheet!A1: the table names no year; taken from the file's name as 2025: please check"]
    (tmp_path / "空.xlsx").write_bytes(b"")
    dialog = ImportDialog(services, [str(tmp_path / "空.xlsx")])
    qtbot.addWidget(dialog)
    dialog.prepare()
    assert [dialog.problems.item(i).text() for i in range(dialog.problems.count())] == ["File 空.xlsx: the file is empty"]


def test_a_status_line_the_import_does_not_take_is_said_in_english(english):
    """An older workbook's decision against a later one here: the notice in English, the statuses as the
    window names them; in Chinese for the command line."""
    from desktop.domain import Dataset
    from desktop.exchange.status import OLDER, StatusLine, decide
    from desktop.ui import vocabulary

    here = Dataset("330302", 2023, "accepted", "2024-03-02T09:00:00+08:00", "李四")
    line = StatusLine("330302", 2023, "approved", decided_at="2024-03-01T10:00:00+08:00", decided_by="张三")
    d = decide(here, decided_here=False, line=line, digest_ok=True, data_changes=True, region_name="鹿城区")
    assert d.kind == OLDER
    assert vocabulary.say(d.message) == (
        "鹿城区 2023: the file's decision “Approved” (张三, 2024-03-01T10:00:00+08:00) is not later than this store's "
        "“Accepted” (李四, 2024-03-02T09:00:00+08:00); an older workbook cannot overwrite it (nothing changed)")
    assert d.message == ("鹿城区 2023年：文件中的决定“已审核”（张三，2024-03-01T10:00:00+08:00）不晚于本库的“已接收”"
                         "（李四，2024-03-02T09:00:00+08:00），较旧的工作簿不能覆盖（本库未改动）")


def test_a_report_or_workbook_refused_for_its_size_or_damage_is_said_in_english(qtbot, services, tmp_path, english):
    """A report that is no Word document, a .doc too short to be a compound file (the reason of the reason
    said too), the store itself opened as a report, and a CSV cell over Excel's limit: each refusal in English
    in the window, in Chinese for the command line."""
    from desktop.errors import AppError
    from desktop.exchange import plan_import
    from desktop.extract import UnreadableReport, read_text_file
    from desktop.ui.import_dialog import ImportDialog
    from desktop.ui.messages import describe

    fake = tmp_path / "报告.doc"
    fake.write_bytes(b"plain words, not a Word file")
    with pytest.raises(UnreadableReport) as exc:
        read_text_file(fake)
    assert describe(exc.value) == (f"Cannot read the report file {fake}: not a Word or WPS document (the content "
                                   "of the .doc file is not in the Word 97–2003 format)")
    assert str(exc.value) == f"无法读取报告文件 {fake}：不是 Word 或 WPS 文档（.doc 文件的内容不是 Word 97–2003 格式）"

    cut = tmp_path / "截断.doc"
    cut.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(UnreadableReport) as exc:
        read_text_file(cut)
    assert describe(exc.value) == f"Cannot read the report file {cut}: not an Office 97–2003 compound file"
    assert str(exc.value) == f"无法读取报告文件 {cut}：不是 Office 97–2003 复合文件"

    with pytest.raises(AppError) as exc:
        read_text_file(services.store.path)
    assert describe(exc.value) == (f"{services.store.path} is the store in use (or its journal or lock file) and "
                                   "cannot be read as a report; choose another file")

    wide = tmp_path / "县.csv"
    wide.write_text("地区名称,年份,指标名称,数值\n龙湾区,2025,常住人口,80\n龙湾区,2025," + "长" * 40_000 + ",1\n",
                    encoding="utf-8")
    dialog = ImportDialog(services, [str(wide)])
    qtbot.addWidget(dialog)
    dialog.prepare()
    assert [dialog.problems.item(i).text() for i in range(dialog.problems.count())] == [
        "File 县.csv: the text at row 3, column 3 is more than 32767 characters: not read"]
    assert [str(e) for e in plan_import(services, [str(wide)]).errors] == [
        "文件 县.csv：第 3 行第 3 列的文字超过 32767 个字符，拒绝读取"]


def test_the_catalog_editors_refusals_are_said_in_english(qtbot, services, english):
    """A field of the wrong kind, an aggregation naming no indicator, and a change to what an approved year's
    report shows: the catalog editor says each in English, the field's name in English too; the command line
    and catalog_admin say them in Chinese."""
    from desktop import catalog_admin
    from desktop.catalog_admin.core import approval_refusal, indicator_from_fields
    from desktop.errors import AppError
    from desktop.ui.catalog_dialog import FIELDS, CatalogModel
    from desktop.ui.messages import describe

    model = CatalogModel(services)
    row = [i.code for i in model.rows].index("HOSPITAL_BEDS")
    assert not model.setData(model.index(row, FIELDS.index("decimals")), "many")
    assert model.error == "Indicator HOSPITAL_BEDS: the decimals should be a number: 'many'"
    assert not model.setData(model.index(row, FIELDS.index("aggregation")), "ratio: 2 / 3")
    assert model.error == "The aggregation of indicator HOSPITAL_BEDS: the formula uses no indicator: '2 / 3'"
    with pytest.raises(AppError) as exc:
        catalog_admin.edit_indicator(services, "HOSPITAL_BEDS", decimals="many")
    assert str(exc.value) == "指标 HOSPITAL_BEDS 的小数位数应为数字：'many'"

    refused = approval_refusal(services.indicator("HOSPITAL_BEDS"), ["unit", "decimals"],
                               [("330302", 2022), ("330303", 2022), ("330304", 2022), ("330305", 2022)],
                               {"330302": "鹿城区", "330303": "龙湾区"})
    assert describe(refused) == (
        "Indicator HOSPITAL_BEDS (医疗机构实有床位数) has figures in approved years (鹿城区 2022, 龙湾区 2022, 330304 2022 "
        "and others (4 in all)), so its unit, decimals cannot change: an approved report must stay as it was approved. "
        "Have a supervisor reopen those years first, or add a new indicator in its place")
    assert str(refused).startswith("指标 HOSPITAL_BEDS（医疗机构实有床位数）在已审核的年度中有数值（鹿城区 2022年、龙湾区 2022年、"
                                   "330304 2022年 等 4 个），不能修改单位、小数位数：")
    with pytest.raises(AppError) as exc:
        indicator_from_fields({"code": "X_NEW", "section": "s", "name": "n"})
    assert describe(exc.value) == "A new indicator needs: unit, kind"


def test_the_first_starts_refusals_are_said_in_english(tmp_path, english):
    """A password too short, two that differ, a file already where the store would go: in English in the first
    start's dialog (describe), in Chinese for the command line."""
    from desktop import first_start
    from desktop.errors import AppError
    from desktop.ui.messages import describe

    with pytest.raises(AppError) as exc:
        first_start.check_new_password("abc", "abc")
    assert describe(exc.value) == f"The password is too short: at least {first_start.MIN_PASSWORD} characters."
    assert str(exc.value) == f"密码太短：至少 {first_start.MIN_PASSWORD} 个字符。"
    with pytest.raises(AppError) as exc:
        first_start.check_new_password("long enough 1", "long enough 2")
    assert describe(exc.value) == "The two passwords differ; please type them again."
    taken = tmp_path / "已有.sqlite"
    taken.write_bytes(b"not a store")
    with pytest.raises(AppError) as exc:
        first_start.create_store(taken, password="long enough 1", again="long enough 1", county="331081")
    assert describe(exc.value) == (f"A file is already there and was not overwritten: {taken}. "
                                   "Choose “An existing store file”, or another place.")
    assert taken.read_bytes() == b"not a store"


def test_a_rules_line_that_does_not_parse_is_marked_in_english(qtbot, services, english):
    """The catalog editor's rules tab: an unknown code with its near codes, and a syntax error at its column,
    said in English; the command line's check says them in Chinese."""
    from desktop import catalog_admin
    from desktop.ui.catalog_dialog import CatalogDialog

    dialog = CatalogDialog(services)
    qtbot.addWidget(dialog)
    base = dialog.rules.toPlainText()
    line = (base + "\nx").splitlines().index("x") + 1  # the line added below
    dialog.rules.setPlainText(base + "\nerror: HOSPITAL_BED <= 100\n")
    assert not dialog.check_rules()
    assert dialog.rules_message.text() == (f"Rules file rules, line {line}: unknown indicator code HOSPITAL_BED; "
                                           "similar codes: HOSPITAL_BEDS (error: HOSPITAL_BED <= 100)")
    dialog.rules.setPlainText(base + "\nwarning: min(HOSPITAL_BEDS) < 5\n")
    assert not dialog.check_rules()
    assert dialog.rules_message.text() == (f"Rules file rules, line {line}: syntax error (column 10): the function "
                                           "min takes at least 2 arguments, 1 given (warning: min(HOSPITAL_BEDS) < 5)")
    problem = catalog_admin.check_rules(services, base + "\nwarning: min(HOSPITAL_BEDS) < 5\n")
    assert problem.message == (f"规则文件 审核规则 第{line}行：语法错误（第10列）：函数 min 需要至少2个参数，给了1个"
                               "（warning: min(HOSPITAL_BEDS) < 5）")


def test_a_store_that_cannot_be_opened_or_written_is_said_in_english(tmp_path, english):
    """The message box of a store that is not ours (with the backup hint) or held by another program: the head
    and the detail both in English; the command line's line stays Chinese."""
    import sqlite3

    from desktop.db.store import translate
    from desktop.errors import StoreError
    from desktop.services import Services
    from desktop.ui.app import store_message

    other = tmp_path / "别的.sqlite"
    other.write_bytes(b"this is no database at all, only words" * 20)
    with pytest.raises(StoreError) as exc:
        Services.open(other)
    said = store_message(exc.value)
    assert said.startswith(f"Cannot open the store\n\nNot a store of this program (the file does not begin as SQLite): "
                           f"{other}. No usable backup was found."), said
    assert str(exc.value).startswith("不是本程序的数据库（文件头不是SQLite）：")
    locked = translate(sqlite3.OperationalError("database is locked"), tmp_path / "县.sqlite", busy_timeout=5)
    assert store_message(locked) == (f"The store is in use\n\nAnother program holds the store and did not let go within 5 "
                                     f"seconds, so this was not done: {tmp_path / '县.sqlite'}. Try again later, or "
                                     "close the other program using the store")


def test_the_value_editor_says_why_a_typed_value_is_refused_in_english(qtbot, services, tmp_path, english):
    """The red editor's tooltip while the clerk types: an approximate figure refused, in English."""
    from PySide6.QtCore import QSettings

    from desktop.ui.main_window import MainWindow

    w = MainWindow(services, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.load("330302", 2022)
    w.form.go_to(w.model.row_of("HOSPITAL_BEDS"))
    w.form.setFocus()
    qtbot.keyClick(w.form, "6")
    editor = w.form.delegate.current_editor
    assert editor is not None
    editor.setText("约6100")
    assert "color" in editor.styleSheet()
    assert editor.toolTip() == "is approximate: enter the exact figure"


def test_a_list_inside_a_sentence_is_joined_the_english_way(english):
    """An unknown indicator with two near names: "A、B" in Chinese, "A, B" in English."""
    from desktop.errors import UnknownIndicator
    from desktop.ui.messages import describe

    exc = UnknownIndicator("床位", ["每千人口医疗机构床位数", "医疗机构实有床位数"])
    assert str(exc) == "未知指标：'床位'；相近的指标：每千人口医疗机构床位数、医疗机构实有床位数"
    assert describe(exc) == "Unknown indicator: '床位'; similar indicators: 每千人口医疗机构床位数, 医疗机构实有床位数"
