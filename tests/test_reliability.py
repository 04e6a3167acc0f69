"""Faults a clerk's PC meets: a full disk, a read-only file or medium, a store locked by another
program, a store from a newer program, a damaged store, a network drive, two programs on one
store, a migration killed half-way. Each through the services and the command line: a clear
line, exit 1, and nothing already committed lost."""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import desktop.db.store as store_mod
from desktop.db import backups
from desktop.db.schema import SCHEMA_VERSION
from desktop.db.store import network_filesystem, open_store, parse_mounts
from desktop.errors import StoreDamaged, StoreFull, StoreLocked, StoreReadOnly, StoreTooNew
from desktop.services import Services

ROOT = Path(__file__).resolve().parent.parent
HELPERS = ROOT / "tests" / "helpers"
ENV = dict(os.environ, PYTHONPATH=str(ROOT))


def one_line(r) -> str:
    """The refusal of a CLI run: exit 1 and exactly one line on stderr, no traceback."""
    assert r.code == 1, (r.code, r.out, r.err)
    lines = [x for x in r.err.splitlines() if x.strip()]
    assert len(lines) == 1 and lines[0].startswith("错误："), r.err
    assert "Traceback" not in r.err
    return lines[0]


def value_of(cli, db, year=2021, code="BEDS_PER_1000"):
    r = cli(db, "get", "331081", year, "--json")
    assert r.code == 0, r.err
    return r.json()["values"].get(code, {}).get("value")


def sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _can_unshare() -> bool:
    if sys.platform != "linux" or os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c",
                            "mount -t tmpfs -o size=64k tmpfs /mnt 2>/dev/null || "
                            "mount -t tmpfs -o size=64k tmpfs /tmp"], capture_output=True)
    return probe.returncode == 0


CAN_UNSHARE = _can_unshare()


# ---- pragmas ---------------------------------------------------------------------------------------

def test_every_connection_is_wal_full_sync_with_foreign_keys(db_path):
    for kw in ({}, {"readonly": True}):
        s = Services.open(db_path, **kw)
        try:
            conn = s.store.conn
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
            assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        finally:
            s.close()


# ---- full disk -------------------------------------------------------------------------------------

def test_full_store_refuses_the_change_and_keeps_what_was_committed(services):
    services.set_value("331081", 2021, "BEDS_PER_1000", 4.6, note="旧说明")
    pages = services.store.conn.execute("PRAGMA page_count").fetchone()[0]
    services.store.conn.execute(f"PRAGMA max_page_count = {pages}")
    from desktop.domain import ValueChange

    big = [ValueChange("331081", y, "BEDS_PER_1000", 5.0, "很长的说明" * 400) for y in range(2000, 2021)]
    with pytest.raises(StoreFull, match="磁盘已满.*未保存"):
        services.apply_changes(big + [ValueChange("331081", 2021, "BEDS_PER_1000", 9.9)], "cli")
    ry = services.get_region_year("331081", 2021)
    assert ry.values["BEDS_PER_1000"].value == 4.6 and ry.values["BEDS_PER_1000"].note == "旧说明"
    assert not services.get_region_year("331081", 2000).values  # nothing of the refused batch
    assert services.store.integrity_check() == ["ok"]
    # space again: the same program goes on writing
    services.store.conn.execute("PRAGMA max_page_count = 1073741823")
    services.set_value("331081", 2021, "BEDS_PER_1000", 4.7)
    assert services.get_region_year("331081", 2021).values["BEDS_PER_1000"].value == 4.7
    assert services.verify_audit() == []


def test_full_disk_on_the_command_line(db_path, cli, monkeypatch):
    assert cli(db_path, "set", "331081", "2021", "BEDS_PER_1000", "4.6").code == 0
    real = store_mod._connect

    def tight(path, readonly, busy_timeout):
        conn = real(path, readonly, busy_timeout)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(store_mod, "_connect", tight)
    line = one_line(cli(db_path, "set", "331081", "2021", "BEDS_PER_1000", "5", "--note", "满" * 2000))
    assert "磁盘已满" in line and str(db_path) in line
    monkeypatch.setattr(store_mod, "_connect", real)
    assert value_of(cli, db_path) == 4.6


@pytest.mark.skipif(not CAN_UNSHARE, reason="needs root and mount namespaces for a small file system")
def test_really_full_file_system(tmp_path):
    """A 1 MiB file system filled by commits of long notes: the refusal is StoreFull, every
    reported commit is kept, and after space is freed the program writes again."""
    small = tmp_path / "small"
    small.mkdir()
    script = (f"mount -t tmpfs -o size=1m tmpfs {shlex.quote(str(small))} && "
              f"{shlex.quote(sys.executable)} main.py --db {shlex.quote(str(small / 's.sqlite'))} init >/dev/null && "
              f"dd if=/dev/zero of={shlex.quote(str(small / 'ballast.bin'))} bs=1k count=200 2>/dev/null; "
              f"{shlex.quote(sys.executable)} {shlex.quote(str(HELPERS / 'fill_disk.py'))} "
              f"{shlex.quote(str(small / 's.sqlite'))}")
    out = subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c", script],
                         capture_output=True, text=True, cwd=ROOT, env=ENV, timeout=120)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"\nfull file system: {result['reported']} commits kept, then {result['refusal']['type']}")
    assert result["reported"] >= 1
    assert result["refusal"]["type"] == "StoreFull" and "磁盘已满" in result["refusal"]["message"]
    assert result["reads_ok"] and result["all_present"] and result["integrity"] == ["ok"]
    assert result["write_after_freeing"] is True and result["chain"] == []


# ---- read-only -------------------------------------------------------------------------------------

@pytest.mark.skipif(not CAN_UNSHARE and (sys.platform == "win32" or os.geteuid() == 0),
                    reason="root ignores file modes: needs a read-only mount")
def test_read_only_medium_opens_read_only_and_refuses_writes(tmp_path):
    """The store on a read-only medium (a CD, a write-protected USB stick): read works, a write is
    one clear line, exit 1, and the file is untouched."""
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "s.sqlite"
    py, main_py = shlex.quote(sys.executable), shlex.quote(str(ROOT / "main.py"))
    q = shlex.quote(str(db))
    subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), "init"], check=True,
                   capture_output=True, env=ENV)
    subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), "set", "331081", "2021",
                    "BEDS_PER_1000", "4.6"], check=True, capture_output=True, env=ENV)
    before = sha(db)
    body = (f"{py} {main_py} --db {q} get 331081 2021 --json; echo \"rc=$?\"; "
            f"{py} {main_py} --db {q} set 331081 2021 BEDS_PER_1000 5; echo \"rc=$?\"")
    if CAN_UNSHARE:
        d = shlex.quote(str(folder))
        cmd = ["unshare", "-m", "--propagation", "private", "sh", "-c",
               f"mount --bind {d} {d} && mount -o remount,bind,ro {d} && {body}"]
    else:
        os.chmod(db, 0o444)
        os.chmod(folder, 0o555)
        cmd = ["sh", "-c", body]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, env=ENV, timeout=60)
    finally:
        os.chmod(folder, 0o755)
        os.chmod(db, 0o644)
    rcs = [line for line in out.stdout.splitlines() if line.startswith("rc=")]
    assert rcs == ["rc=0", "rc=1"], out.stdout + out.stderr
    got = json.loads(out.stdout.split("rc=0")[0])
    assert got["values"]["BEDS_PER_1000"]["value"] == 4.6
    err = [x for x in out.stderr.splitlines() if x.strip()]
    assert len(err) == 1 and "只读" in err[0] and "Traceback" not in out.stderr, out.stderr
    assert sha(db) == before


def test_read_only_location_with_unmerged_log_is_refused_clearly(tmp_path, monkeypatch):
    """Reading a read-only copy without its -wal would show old figures: refused with a clear word."""
    db = tmp_path / "s.sqlite"
    Services.init(db).close()
    wal = db.with_name(db.name + "-wal")
    wal.write_bytes(b"\x37\x7f\x06\x82" + b"\0" * 28)
    import sqlite3 as sq

    real_connect = sq.connect

    def no_shm(target, *a, **kw):  # what SQLite says when the -shm cannot be created
        if isinstance(target, str) and target.endswith("?mode=ro"):
            raise sq.OperationalError("unable to open database file")
        return real_connect(target, *a, **kw)

    monkeypatch.setattr(store_mod.sqlite3, "connect", no_shm)
    with pytest.raises(StoreReadOnly, match="-wal.*复制到可写的文件夹"):
        open_store(db, readonly=True)


# ---- locked ----------------------------------------------------------------------------------------

def _hold_write_lock(db: Path) -> subprocess.Popen:
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3,sys; c=sqlite3.connect(sys.argv[1], isolation_level=None); c.execute('BEGIN IMMEDIATE');"
         "c.execute(\"INSERT INTO meta(name, value) VALUES ('held', 'yes')\"); print('held', flush=True);"
         "sys.stdin.readline(); c.execute('COMMIT'); print('released', flush=True)", str(db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_locked_store_on_the_command_line_waits_then_one_line(db_path, cli, monkeypatch):
    assert cli(db_path, "set", "331081", "2021", "BEDS_PER_1000", "4.6").code == 0
    monkeypatch.setattr(store_mod, "BUSY_TIMEOUT_S", 0.6)
    holder = _hold_write_lock(db_path)
    try:
        line = one_line(cli(db_path, "set", "331081", "2021", "BEDS_PER_1000", "5"))
        assert "占用" in line and "0.6秒" in line
        # the wait itself is SQLite's busy handler, set to the timeout the message names (no clock read here;
        # test_a_lock_released_within_the_busy_timeout_is_waited_for shows the wait succeeding)
        store = store_mod.open_store(db_path)
        try:
            assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 600
        finally:
            store.close()
        # reading is not blocked by another program's write (WAL)
        assert value_of(cli, db_path) == 4.6
    finally:
        holder.communicate("go\n", timeout=10)
    # the other program's commit and ours both kept once the lock is gone
    assert cli(db_path, "set", "331081", "2021", "BEDS_PER_1000", "5").code == 0
    assert value_of(cli, db_path) == 5
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT value FROM meta WHERE name = 'held'").fetchone() == ("yes",)
    conn.close()


def test_a_lock_released_within_the_busy_timeout_is_waited_for(db_path):
    holder = _hold_write_lock(db_path)
    s = Services.open(db_path, busy_timeout=5)
    try:
        import threading

        def release():
            holder.stdin.write("go\n")
            holder.stdin.flush()

        threading.Timer(0.4, release).start()
        s.set_value("331081", 2021, "BEDS_PER_1000", 4.6)  # waits, then succeeds
        assert s.get_region_year("331081", 2021).values["BEDS_PER_1000"].value == 4.6
    finally:
        s.close()
        holder.wait(10)


# ---- two programs on one store ---------------------------------------------------------------------

def test_two_programs_editing_at_once_both_kept_and_audited(db_path, cli):
    """Two processes (two windows, or the CLI while the GUI is open) commit at the same time: no
    refusal, every edit of both kept, each audited under its user; the audit chain stays one chain."""
    assert cli(db_path, "user", "add", "clerk_a", "--role", "clerk").code == 0
    assert cli(db_path, "user", "add", "clerk_b", "--role", "clerk").code == 0
    n = 150
    procs = [subprocess.Popen([sys.executable, str(HELPERS / "edit_loop.py"), str(db_path), user, str(year), str(n)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
             for user, year in (("clerk_a", 2020), ("clerk_b", 2021))]
    outs = [p.communicate(timeout=120) for p in procs]
    for (out, err), p in zip(outs, procs):
        assert p.returncode == 0, err
        assert out.splitlines()[0] == f"DONE {n} 0", out
    s = Services.open(db_path)
    try:
        for user, year in (("clerk_a", 2020), ("clerk_b", 2021)):
            rows = [r for r in s.audit("331081", year) if r.field == "value"]
            assert len(rows) == n and {r.user for r in rows} == {user}
            values = s.get_region_year("331081", year).values
            assert len(values) == 10 and max(v.value for v in values.values()) == n
        assert s.verify_audit() == []
    finally:
        s.close()
    print(f"\ntwo programs on one store: {2 * n} commits, 0 refused")


def test_an_open_program_sees_the_other_programs_commits_on_reload(db_path, cli):
    gui = Services.open(db_path)  # what the window holds
    try:
        gui.set_value("331081", 2021, "BEDS_PER_1000", 4.6)
        assert cli(db_path, "set", "331081", "2021", "HOSPITAL_BEDS", "5000").code == 0
        ry = gui.get_region_year("331081", 2021)  # the region-year reloaded
        assert ry.values["HOSPITAL_BEDS"].value == 5000 and ry.values["BEDS_PER_1000"].value == 4.6
        gui.set_value("331081", 2021, "HOSPITAL_BEDS", 5100)
        assert value_of(cli, db_path, code="HOSPITAL_BEDS") == 5100
    finally:
        gui.close()


# ---- newer program, damaged store --------------------------------------------------------------------

def test_store_from_a_newer_program_one_line_and_untouched(db_path, cli):
    assert cli(db_path, "set", "331081", "2021", "BEDS_PER_1000", "4.6").code == 0
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = sha(db_path)
    for args in (("get", "331081", "2021"), ("set", "331081", "2021", "BEDS_PER_1000", "5"), ("backup", "-o",
                                                                                               db_path.with_name("b"))):
        line = one_line(cli(db_path, *args))
        assert "更新版本" in line and f"结构版本 {SCHEMA_VERSION + 1}" in line
    assert sha(db_path) == before
    with pytest.raises(StoreTooNew):
        Services.open(db_path)
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    conn.close()
    assert value_of(cli, db_path) == 4.6


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 2, min(len(data), 4096 * 6)):
        data[offset] = 0xFF
    path.write_bytes(bytes(data))


def test_damaged_store_names_the_backup_and_its_restore_command_works(tmp_path, cli):
    db = tmp_path / "县 数据.sqlite"  # a space in the path: the advised command must still work
    Services.init(db).close()
    assert cli(db, "set", "331081", "2021", "BEDS_PER_1000", "4.6").code == 0
    s = Services.open(db)
    older = s.backup(reason="older")
    s.close()
    assert cli(db, "set", "331081", "2021", "BEDS_PER_1000", "4.7").code == 0
    s = Services.open(db)
    newest = s.backup(reason="newest")
    s.close()
    _damage(older)  # the newest GOOD backup is meant, not merely the newest file
    newest, older = newest, older
    _damage(db)
    line = one_line(cli(db, "get", "331081", "2021"))
    assert "损坏" in line and str(newest) in line and str(older) not in line
    command = line.split("恢复命令：", 1)[1]
    argv = shlex.split(command)
    assert argv[:4] == ["python", "main.py", "--db", str(db)] and argv[4] == "restore"
    r = cli(db, *argv[4:])
    assert r.code == 0, r.err
    assert value_of(cli, db) == 4.7
    assert cli(db, "verify").code == 0
    kept = [p for p in backups.backup_dir(db).iterdir() if p.name.endswith(".damaged")]
    assert len(kept) == 1 and kept[0] not in backups.list_backups(db)


def test_damaged_store_without_backups_says_so(db_path, cli):
    _damage(db_path)
    line = one_line(cli(db_path, "get", "331081", "2021"))
    assert "损坏" in line and "没有找到可用的备份" in line


def test_restore_over_a_file_that_is_no_store_of_ours_is_refused(tmp_path, cli, db_path):
    stranger = tmp_path / "report.xlsx"
    stranger.write_bytes(b"PK\x03\x04" + b"\0" * 5000)
    good = tmp_path / "good.sqlite"
    assert cli(db_path, "backup", "-o", good).code == 0
    line = one_line(cli(stranger, "restore", "--yes", good))
    assert "不是本程序的数据库" in line
    assert stranger.read_bytes().startswith(b"PK\x03\x04")


# ---- network drives ----------------------------------------------------------------------------------

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
server:/export /mnt/share nfs4 rw,relatime 0 0
//fs01/统计 /mnt/统计\\040科 cifs rw 0 0
/dev/sdb1 /mnt/share/local ext4 rw 0 0
user@host:/data /home/u/remote fuse.sshfs rw 0 0
tmpfs /tmp tmpfs rw 0 0
"""


def test_mounts_parser_and_network_detection():
    mounts = parse_mounts(MOUNTS)
    assert ("/mnt/统计 科", "cifs") in mounts and ("/mnt/share", "nfs4") in mounts
    assert network_filesystem(Path("/mnt/share/county.sqlite"), MOUNTS) == "nfs4"
    assert network_filesystem(Path("/mnt/统计 科/a/b.sqlite"), MOUNTS) == "cifs"
    assert network_filesystem(Path("/home/u/remote/x.sqlite"), MOUNTS) == "fuse.sshfs"
    # a local disk mounted inside the share is local; a look-alike prefix is not inside the mount
    assert network_filesystem(Path("/mnt/share/local/x.sqlite"), MOUNTS) is None
    assert network_filesystem(Path("/mnt/shared/x.sqlite"), MOUNTS) is None
    assert network_filesystem(Path("/tmp/x.sqlite"), MOUNTS) is None
    assert network_filesystem(Path("/home/me/x.sqlite"), MOUNTS) is None


def test_store_on_a_network_drive(db_path, tmp_path, cli, monkeypatch):
    assert cli(db_path, "set", "331081", "2021", "BEDS_PER_1000", "4.6").code == 0
    monkeypatch.setattr(store_mod, "network_filesystem", lambda p, mounts_text=None: "cifs")
    line = one_line(cli(tmp_path / "new.sqlite", "init"))
    assert "网络驱动器" in line and not (tmp_path / "new.sqlite").exists()
    s = Services.open(db_path)
    try:
        assert s.store.readonly and "网络驱动器" in s.store.notice
        assert s.get_region_year("331081", 2021).values["BEDS_PER_1000"].value == 4.6
        with pytest.raises(StoreReadOnly, match="网络驱动器"):
            s.set_value("331081", 2021, "BEDS_PER_1000", 5)
    finally:
        s.close()
    line = one_line(cli(db_path, "set", "331081", "2021", "BEDS_PER_1000", "5"))
    assert "网络驱动器" in line and "未保存" in line
    assert value_of(cli, db_path) == 4.6


# ---- migrations ----------------------------------------------------------------------------------------

MIGRATE_AND_HANG = r"""
import sys, time
sys.path.insert(0, sys.argv[2])
from desktop.db import schema, store
from desktop.db.schema import MIGRATIONS
last = MIGRATIONS[-1]
def slow_last(db):
    last(db)
    db.execute("CREATE TABLE half_done(x)")
    db.conn.executemany("INSERT INTO half_done VALUES (?)", [(i,) for i in range(20000)])
    print("MIGRATING", flush=True)
    time.sleep(60)
MIGRATIONS[-1] = slow_last
store.open_store(sys.argv[1])
"""


def test_migration_killed_half_way_leaves_the_old_store(tmp_path):
    path = tmp_path / "old.sqlite"
    store = open_store(path, create=True, migrate_store=False)
    from desktop.db.schema import migrate

    migrate(store.db, upto=SCHEMA_VERSION - 1)
    store.close()
    before = SCHEMA_VERSION - 1
    proc = subprocess.Popen([sys.executable, "-c", MIGRATE_AND_HANG, str(path), str(ROOT)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    try:
        assert proc.stdout.readline().strip() == "MIGRATING", proc.stderr.read()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == before
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0
    finally:
        conn.close()
    saved = backups.list_backups(path)
    assert saved and f"before-upgrade-v{before}" in saved[0].name and backups.is_good_store(saved[0])
    # the next start upgrades it properly
    open_store(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_quick_check_runs_on_open(db_path, monkeypatch):
    """A store whose quick_check fails is refused on open, even when its header is fine."""
    import desktop.db.store as sm

    class Fake:
        def __init__(self, conn):
            self._c = conn

        def execute(self, sql, *a):
            if sql.strip().upper() == "PRAGMA QUICK_CHECK":
                return self._c.execute("SELECT '*** in database main *** Page 7: btreeInitPage() returns error code 11'")
            return self._c.execute(sql, *a)

        def __getattr__(self, name):
            return getattr(self._c, name)

    real = sm._connect
    monkeypatch.setattr(sm, "_connect", lambda *a: Fake(real(*a)))
    with pytest.raises(StoreDamaged, match="quick_check"):
        open_store(db_path)


# ---- faults during an import ---------------------------------------------------------------------------

def _book(tmp_path: Path, n_years: int = 6) -> Path:
    sys.path.insert(0, str(HELPERS))
    import workbooks

    rows = [["331081", "温岭市", y, "BEDS_PER_1000", "", "", 4.0 + y % 5, "很长的说明" * 400] for y in
            range(2015, 2015 + n_years)]
    return workbooks.write_exchange(tmp_path / "上报.xlsx", rows)


def test_import_into_a_locked_store_is_one_line_and_writes_nothing(db_path, cli, tmp_path, monkeypatch):
    book = _book(tmp_path)
    monkeypatch.setattr(store_mod, "BUSY_TIMEOUT_S", 0.5)
    holder = _hold_write_lock(db_path)
    try:
        line = one_line(cli(db_path, "import", book))
        assert "占用" in line
    finally:
        holder.communicate("go\n", timeout=10)
    assert value_of(cli, db_path, year=2015) is None
    assert cli(db_path, "import", book).code == 0  # once free, the same file goes in whole
    assert value_of(cli, db_path, year=2015) == 4.0 + 2015 % 5


def test_import_onto_a_full_disk_is_one_line_and_writes_nothing(db_path, cli, tmp_path, monkeypatch):
    book = _book(tmp_path, n_years=10)
    real = store_mod._connect

    def tight(path, readonly, busy_timeout):
        conn = real(path, readonly, busy_timeout)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        return conn

    monkeypatch.setattr(store_mod, "_connect", tight)
    line = one_line(cli(db_path, "import", book))
    assert "磁盘已满" in line
    monkeypatch.setattr(store_mod, "_connect", real)
    assert value_of(cli, db_path, year=2015) is None
    assert cli(db_path, "verify").code == 0


# ---- one transaction: counted, not sampled ---------------------------------------------------------------

def _traced(services) -> list[str]:
    statements: list[str] = []
    services.store.conn.set_trace_callback(statements.append)
    return statements


def _transactions(statements: list[str]) -> list[str]:
    """The transaction statements of a trace: 'BEGIN IMMEDIATE', 'COMMIT', 'ROLLBACK'."""
    out = []
    for statement in statements:
        words = statement.strip().upper().rstrip(";").split()
        if words and words[0] == "BEGIN":
            out.append(" ".join(words[:2]))
        elif words and words[0] in ("COMMIT", "ROLLBACK", "END"):
            out.append(words[0])
    return out


def test_an_import_of_thousands_of_rows_is_one_transaction(services, tmp_path):
    """sqlite-utils and executemany commit per batch unless wrapped: the trace shows one BEGIN IMMEDIATE
    and one COMMIT around every row of a 1,200-row import (the backup before it is another connection)."""
    sys.path.insert(0, str(HELPERS))
    import workbooks

    from desktop.exchange import commit_import, plan_import

    regions = [(r.code, r.name) for r in services.regions() if r.level == "county"][:10]
    inds = [(i.code, i.name, i.unit) for i in services.indicators()][:12]
    book = workbooks.write_exchange(tmp_path / "big.xlsx", workbooks.exchange_rows(regions, list(range(2011, 2021)),
                                                                                  inds))
    plan = plan_import(services, [book])
    statements = _traced(services)
    result = commit_import(services, plan, validate=False)
    services.store.conn.set_trace_callback(None)
    assert result.written == 1200
    tx = _transactions(statements)
    assert tx.count("BEGIN IMMEDIATE") == 1 and tx.count("COMMIT") == 1, tx
    assert tx[0] == "BEGIN IMMEDIATE" and tx[-1] == "COMMIT"


def test_all_pending_migrations_are_one_transaction(tmp_path):
    path = tmp_path / "old.sqlite"
    store = open_store(path, create=True, migrate_store=False)
    from desktop.db.schema import migrate

    migrate(store.db, upto=1)
    store.close()
    statements: list[str] = []
    real = store_mod._connect

    def traced(*a):
        conn = real(*a)
        conn.set_trace_callback(statements.append)
        return conn

    import unittest.mock

    with unittest.mock.patch.object(store_mod, "_connect", traced):
        open_store(path).close()
    tx = _transactions(statements)
    assert tx.count("BEGIN IMMEDIATE") == 1 and tx.count("COMMIT") == 1, tx
    ddl = [s for s in statements if s.strip().upper().startswith(("CREATE", "ALTER"))]
    begin, commit = statements.index(next(s for s in statements if s.upper().startswith("BEGIN IMMEDIATE"))), \
        max(i for i, s in enumerate(statements) if s.strip().upper() == "COMMIT")
    assert ddl and all(begin < statements.index(s) < commit for s in ddl)


def test_windows_network_paths(monkeypatch):
    monkeypatch.setattr(store_mod.sys, "platform", "win32")
    assert network_filesystem(Path("\\\\fs01\\统计科\\county.sqlite")) == "网络共享"
    assert network_filesystem(Path("//fs01/统计科/county.sqlite")) == "网络共享"
    assert network_filesystem(Path("C:\\data\\county.sqlite")) is None  # GetDriveTypeW not reachable here
