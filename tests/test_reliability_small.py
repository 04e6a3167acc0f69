"""Small but real: a note's length and control characters refused at entry; terminal escapes
never reach the terminal; the audit export carries any stored note; no output over the store, its -wal/-shm
or its backups; an over-long file name and a full or read-only disk are one line, no traceback."""

from __future__ import annotations

import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from desktop.errors import InvalidNote
from desktop.services import Services
from desktop.texts import NOTE_MAX_CHARS, for_terminal

ROOT = Path(__file__).resolve().parent.parent
REGION, YEAR, IND = "331081", 2021, "BEDS_PER_1000"


def _raw(db, sql, *params):
    conn = sqlite3.connect(db)
    try:
        conn.execute(sql, params)
        conn.commit()
    finally:
        conn.close()


def _stored_note(db):
    conn = sqlite3.connect(db)
    try:
        row = conn.execute("SELECT note FROM value WHERE region=? AND year=? AND indicator=?",
                           (REGION, YEAR, IND)).fetchone()
        return None if row is None else row[0]
    finally:
        conn.close()


# ---- notes at entry ---------------------------------------------------------------------------------

def test_a_note_of_the_limit_is_stored_and_one_more_character_is_refused(db_path, cli):
    r = cli(db_path, "set", REGION, YEAR, IND, "4.1", "--note", "长" * NOTE_MAX_CHARS)
    assert r.code == 0
    assert _stored_note(db_path) == "长" * NOTE_MAX_CHARS
    r = cli(db_path, "set", REGION, YEAR, IND, "4.2", "--note", "短" * (NOTE_MAX_CHARS + 1))
    assert r.code == 1
    assert f"说明过长：{NOTE_MAX_CHARS + 1} 个字符，最多 {NOTE_MAX_CHARS} 个" in r.err
    assert "温岭市 2021年" in r.err and "Traceback" not in r.err
    assert _stored_note(db_path) == "长" * NOTE_MAX_CHARS  # the value of the refused call is not written either


@pytest.mark.parametrize("bad", ["\x1b[31m红", "响铃\x07", "空\x00字", "c1\x9b2J"])
def test_control_characters_in_a_note_are_refused_naming_the_character(services, bad):
    with pytest.raises(InvalidNote) as info:
        services.set_value(REGION, YEAR, IND, "4.1", note=bad)
    assert f"U+{ord(next(c for c in bad if ord(c) < 32 or 127 <= ord(c) < 160)):04X}" in str(info.value)
    assert services.get_region_year(REGION, YEAR).values == {}


def test_line_breaks_and_tabs_are_allowed_in_a_note(services):
    rec = services.set_value(REGION, YEAR, IND, "4.1", note="第一行\n第二行\t备注")
    assert rec.note == "第一行\n第二行\t备注"


def test_an_imported_note_too_long_or_with_a_control_character_refuses_the_import_naming_the_cell(
        db_path, services, tmp_path):
    from desktop.exchange import export_workbook, plan_import

    services.set_value(REGION, YEAR, IND, "4.1", note="原说明")
    path = export_workbook(services, [REGION], [YEAR], tmp_path / "x.xlsx")
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    note_col = next(i for i, h in enumerate(header, start=1) if h and "说明" in str(h))
    ws.cell(row=2, column=note_col, value="很" * (NOTE_MAX_CHARS + 5))
    wb.save(path)
    plan = plan_import(services, [path])
    assert not plan.ok
    text = "\n".join(str(e) for e in plan.errors)
    cell = f"{ws.cell(row=2, column=note_col).column_letter}2"
    assert cell in text and f"说明过长：{NOTE_MAX_CHARS + 5} 个字符" in text
    assert services.get_region_year(REGION, YEAR).values[IND].note == "原说明"


# ---- the terminal ------------------------------------------------------------------------------------

def test_for_terminal_shows_every_control_character_visibly():
    assert for_terminal("a\x1b[2Jb\x07\x9bc\n") == "a\\x1b[2Jb\\x07\\x9bc\\x0a"
    assert for_terminal("县 𠀀 😀") == "县 𠀀 😀"


def test_get_and_set_never_print_an_escape_sequence_of_a_stored_note(db_path, cli):
    assert cli(db_path, "set", REGION, YEAR, IND, "4.1", "--note", "旧").code == 0
    # a note stored before the limit existed (or by hand): the command line still shows it, defused
    _raw(db_path, "UPDATE value SET note = ? WHERE indicator = ?", "清屏\x1b[2J\x1b]0;标题\x07\x9b31m", IND)
    r = cli(db_path, "get", REGION, YEAR)
    assert r.code == 0
    assert "\x1b" not in r.out and "\x07" not in r.out and "\x9b" not in r.out
    assert "清屏\\x1b[2J" in r.out
    j = cli(db_path, "get", REGION, YEAR, "--json")
    assert "\x1b" not in j.out and "\x9b" not in j.out
    assert j.json()["values"][IND]["note"] == "清屏\x1b[2J\x1b]0;标题\x07\x9b31m"  # JSON keeps it exact
    # set of another value prints its line; set of the same value with no --note prints the old note
    r = cli(db_path, "set", REGION, YEAR, IND, "4.2")
    assert r.code == 0 and "\x1b" not in r.out and "\\x1b[2J" in r.out


def test_audit_export_carries_notes_with_control_characters_and_over_long_ones(db_path, cli, tmp_path):
    assert cli(db_path, "set", REGION, YEAR, IND, "4.1", "--note", "正常").code == 0
    # audit rows written outside the limit (an older program): a control character and 40,000 characters
    with Services.open(db_path) as s, s.store.write() as db:
        from desktop.db import repo

        repo.add_audit(db, user="admin", field="note", old="正常", new="带\x1b[31m控制\x00字符", source="old",
                       region=REGION, year=YEAR, indicator=IND)
        repo.add_audit(db, user="admin", field="note", old="x", new="长" * 40000, source="old",
                       region=REGION, year=YEAR, indicator=IND)
    out = tmp_path / "audit.xlsx"
    r = cli(db_path, "audit-export", "-o", out)
    assert r.code == 0, r.err
    cells = [c for row in load_workbook(out, read_only=True).worksheets[0].iter_rows(values_only=True)
             for c in row if isinstance(c, str)]
    assert "带[31m控制字符" in cells
    cut = next(c for c in cells if c.startswith("长长"))
    assert len(cut) == 32767 and cut.endswith("（已截断：原文 40000 个字符）")


# ---- output paths ------------------------------------------------------------------------------------

def _outputs(out: Path, folder: Path):
    return [
        ("export", REGION, YEAR, "-o", out),
        ("template", REGION, YEAR, "-o", out),
        ("report", REGION, YEAR, "-o", out),
        ("audit-export", "-o", out),
    ]


def test_no_output_is_written_over_the_store_or_its_files(tmp_path, cli):
    store = tmp_path / "s.xlsx"  # a store whose name looks like a workbook
    Services.init(store).close()
    assert cli(store, "set", REGION, YEAR, IND, "4.1").code == 0
    before = store.read_bytes()
    for cmd in _outputs(store, tmp_path):
        r = cli(store, *cmd)
        assert r.code == 1 and "正在使用的数据库文件" in r.err, cmd
    assert store.read_bytes() == before
    r = cli(store, "backup", "-o", store)
    assert r.code == 1
    wal = tmp_path / "w.xlsx"
    os.symlink(tmp_path / "s.xlsx-wal", wal)  # the -wal under another name
    r = cli(store, "export", REGION, YEAR, "-o", wal)
    assert r.code == 1 and "正在使用的数据库文件" in r.err
    r = cli(store, "verify")
    assert r.code == 0


def test_no_output_is_written_into_the_stores_backups(db_path, cli):
    with Services.open(db_path) as s:
        first = s.backup()
    kept = first.read_bytes()
    for cmd in _outputs(first.with_name("r.xlsx"), first.parent) + [("backup", "-o", first),
                                                                    ("report", REGION, YEAR, "-o", first.parent / "r.pdf")]:
        r = cli(db_path, *cmd)
        assert r.code == 1 and "备份文件夹" in r.err, (cmd, r.err)
    assert first.read_bytes() == kept
    assert sorted(p.name for p in first.parent.iterdir()) == [first.name]


def test_a_300_character_output_name_is_one_clear_line(db_path, cli, tmp_path):
    name = "表" * 300 + ".xlsx"
    for cmd in (("export", REGION, YEAR, "-o", tmp_path / name), ("report", REGION, YEAR, "-o", tmp_path / name),
                ("template", REGION, YEAR, "-o", tmp_path / name), ("audit-export", "-o", tmp_path / name),
                ("backup", "-o", tmp_path / ("b" * 300))):
        r = cli(db_path, *cmd)
        assert r.code == 1 and "文件名过长" in r.err and "Traceback" not in r.err, (cmd, r.err)
        assert len(r.err.strip().splitlines()) == 1


def _can_mount() -> bool:
    if sys.platform != "linux" or os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c",
                            "mount -t tmpfs -o size=64k tmpfs /mnt"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not _can_mount(), reason="needs root and mount namespaces (unshare -m) for a real full disk")
def test_a_full_or_read_only_disk_is_the_error_line_only(tmp_path):
    store = tmp_path / "s.sqlite"
    with Services.init(store) as s:
        for year in range(2016, 2022):
            s.set_value(REGION, year, IND, str(4 + year / 1000), note="说明" * 50)
    full, ro = tmp_path / "full", tmp_path / "ro"
    full.mkdir()
    ro.mkdir()
    main = shlex.quote(str(ROOT / "main.py"))
    py = shlex.quote(sys.executable)
    cmds = []
    for folder in ("full", "ro"):
        for args in (f"export {REGION} 2016:2021 -o {folder}/e.xlsx", f"template {REGION} 2021 -o {folder}/t.xlsx",
                     f"report {REGION} 2021 -o {folder}/r.xlsx", f"report {REGION} 2021 -o {folder}/r.pdf",
                     f"report {REGION} 2016:2021 -o {folder}/y.xlsx",
                     f"audit-export -o {folder}/a.xlsx", f"backup -o {folder}/b.sqlite"):
            cmds.append(f"echo '@@ {args}'; {py} {main} --db s.sqlite {args}; echo \"@@ rc=$?\"")
    script = (f"cd {shlex.quote(str(tmp_path))} && mount -t tmpfs -o size=16k tmpfs full && "
              "(head -c 65536 /dev/zero > full/filler 2>/dev/null; true) && mount -t tmpfs -o ro,size=12k tmpfs ro && " + "; ".join(cmds))
    out = subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c", script],
                         capture_output=True, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                         timeout=300)
    blocks = out.stdout.split("@@ ")[1:]
    assert len(blocks) == 2 * 2 * 7
    assert all(b.strip() == "rc=1" for b in blocks[1::2]), out.stdout
    lines = [line for line in out.stderr.splitlines() if line.strip()]
    assert len(lines) == 14, out.stderr  # one line per command, nothing else
    assert all(line.startswith("错误：") for line in lines), out.stderr
    assert sum("No space left" in line or "磁盘已满" in line for line in lines) == 7
    assert sum("Read-only" in line or "只读" in line for line in lines) == 7
    assert "Exception ignored" not in out.stderr and "Traceback" not in out.stderr
