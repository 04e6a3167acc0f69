"""Opening the store safely: pragmas, quick_check, migrations with a backup first, error translation."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import sys
import threading
from pathlib import Path
from typing import Callable, Iterator

from desktop import command_name
from desktop.db import backups, hold
from desktop.db.connection import Db as Database
from desktop.db.schema import APPLICATION_ID, SCHEMA_VERSION, migrate, user_version
from desktop.errors import (
    AppError,
    NotAStore,
    StoreDamaged,
    StoreError,
    StoreFull,
    StoreLocked,
    StoreMissing,
    StoreReadOnly,
    StoreTooNew,
)
from desktop.phrases import Phrase, reason_of

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 5.0
NETWORK_FS = {"nfs", "nfs4", "cifs", "smb", "smbfs", "smb2", "smb3", "sshfs", "9p", "afs", "ncpfs", "davfs",
              "davfs2", "ceph", "glusterfs", "lustre", "gpfs", "rclone", "s3fs", "gcsfuse", "webdav"}


def parse_mounts(text: str) -> list[tuple[str, str]]:
    """(mount point, file system type) pairs of a /proc/mounts text; octal escapes (\\040) decoded."""
    out = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), parts[1])
            out.append((point, parts[2]))
    return out


def _network_kind(real: str, mounts: list[tuple[str, str]]) -> str | None:
    """The network file system type of the deepest mount containing `real`, or None."""
    best, kind = "", None
    for point, fstype in mounts:
        if (real == point or real.startswith(point.rstrip("/") + "/")) and len(point) >= len(best):
            best, kind = point, fstype
    if kind is None:
        return None
    return kind if kind in NETWORK_FS or kind.split(".")[-1] in NETWORK_FS else None


DRIVE_REMOTE = 4  # GetDriveTypeW: a mapped network drive


def windows_network_kind(path: str, drive_type: Callable[[str], int] | None = None) -> str | None:
    """For a Windows path: "网络共享" for a UNC path (\\\\server\\share\\…, //server/share/…, \\\\?\\UNC\\…),
    "网络驱动器" for a drive letter `drive_type` says is remote, else None. Pure: testable on any system."""
    from pathlib import PureWindowsPath

    drive = PureWindowsPath(path).drive.replace("/", "\\")
    if drive.startswith("\\\\?\\") or drive.startswith("\\\\.\\"):  # \\?\C:\… is local, \\?\UNC\… is not
        rest = drive[4:]
        if rest.upper().startswith("UNC\\"):
            return Phrase("网络共享")
        drive = rest
    elif drive.startswith("\\\\"):
        return Phrase("网络共享")
    if drive_type is not None and len(drive) == 2 and drive[1] == ":":
        if drive_type(drive + "\\") == DRIVE_REMOTE:
            return Phrase("网络驱动器")
    return None


def _windows_drive_type(root: str) -> int:
    """GetDriveTypeW; 0 (unknown) where it cannot be asked, as off Windows: then only UNC paths count."""
    try:
        import ctypes

        return int(ctypes.windll.kernel32.GetDriveTypeW(root))
    except (AttributeError, OSError):
        return 0


def network_filesystem(path: Path, mounts_text: str | None = None) -> str | None:
    """The type of network file system `path` lives on, or None. SQLite's locking is unsafe there.

    `mounts_text` stands in for /proc/mounts (tests).
    """
    text = str(path)
    if sys.platform == "win32" and mounts_text is None:
        import ntpath  # os.path on Windows; named so the rule can be checked from any system

        return windows_network_kind(ntpath.abspath(text), _windows_drive_type)
    if mounts_text is None:
        try:
            with open("/proc/mounts", encoding="utf-8", errors="replace") as f:
                mounts_text = f.read()
        except OSError:
            return None
    return _network_kind(os.path.realpath(text), parse_mounts(mounts_text))


def translate(exc: sqlite3.Error, path: Path, busy_timeout: float | None = None) -> StoreError:
    """One clear line for what SQLite said."""
    text = str(exc).lower()
    waited = BUSY_TIMEOUT_S if busy_timeout is None else busy_timeout
    if "locked" in text or "busy" in text:
        return StoreLocked(Phrase("数据库正被其他程序占用，等待{seconds}秒后仍未释放，本次操作未执行：{path}。"
                                  "请稍后重试，或关闭正在使用该数据库的另一个程序", seconds=f"{waited:g}", path=str(path)))
    if "readonly" in text or "read-only" in text:
        return StoreReadOnly(Phrase("数据库文件只读，无法写入，本次修改未保存：{path}", path=str(path)))
    if "full" in text:
        return StoreFull(Phrase("磁盘已满或数据库达到容量上限，本次修改未保存（已保存的数据不受影响）：{path}。请腾出磁盘空间后重试",
                                path=str(path)))
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return StoreDamaged(Phrase("数据库文件已损坏：{path}。{hint}", path=str(path), hint=backups.restore_hint(path)))
    if "disk i/o" in text:
        return StoreError(Phrase("读写数据库文件时发生磁盘错误，本次修改未保存：{path}。请检查磁盘或U盘是否已拔出", path=str(path)))
    if "unable to open" in text:
        return StoreError(Phrase("无法打开数据库文件：{path}（文件或所在文件夹不可访问）", path=str(path)))
    return StoreError(Phrase("数据库错误：{detail}（{path}）", detail=str(exc), path=str(path)))


# Store files this process has open, by real path, with how many Store objects hold each. Closing ANY
# file descriptor of a file drops every POSIX lock this process holds on it, SQLite's included: reading
# the header again with open() while a connection is open made another program take the store for
# unused and delete its WAL under the open connection ("database disk image is malformed").
_OPEN_HERE: dict[str, int] = {}
_OPEN_LOCK = threading.Lock()


def _key(path: Path) -> str:
    return os.path.realpath(path)


def open_in_this_process(path: Path) -> bool:
    with _OPEN_LOCK:
        return _OPEN_HERE.get(_key(path), 0) > 0


# The files SQLite keeps beside a store, and the window's lock file: none of them may be opened by
# anything but SQLite (or desktop/db/hold.py) while the store is open.
STORE_SIDE_FILES = ("", "-wal", "-shm", "-journal", hold.SUFFIX)


def is_store_file(path: str | os.PathLike) -> bool:
    """True when `path` is a store open in this process, one of its -wal/-shm/-journal files or its lock
    file (by real path, or the same file by another name). Looks only at names and stat(): never opens."""
    real = os.path.normcase(os.path.realpath(path))
    with _OPEN_LOCK:
        open_here = list(_OPEN_HERE)
    for key in open_here:
        for suffix in STORE_SIDE_FILES:
            other = os.path.normcase(key + suffix)
            if real == other:
                return True
            with contextlib.suppress(OSError):
                if os.path.exists(real) and os.path.exists(other) and os.path.samefile(real, other):
                    return True
    return False


def refuse_store_file(path: str | os.PathLike, action: str) -> None:
    """Raise AppError when `path` is the open store or one of its files (see is_store_file): opening it for
    anything else (reading a workbook, writing a report, a backup over it) would break the store."""
    if is_store_file(path):
        raise AppError(Phrase("{path} 是正在使用的数据库文件（或它的日志、锁文件），不能{action}；请另选一个文件",
                              path=str(path), action=action))


NAME_MAX_BYTES = 255  # a file name's longest on the usual file systems (ext4, NTFS in UTF-16 units, APFS)


def refuse_output_file(path: str | os.PathLike, action: str) -> None:
    """Raise AppError before anything is written when `path` may not be an output file: the open store or
    one of its files (refuse_store_file), anything inside the store's backups folder (a report written over
    a backup, or a file the rolling backups would prune), or a name too long for the file system."""
    refuse_store_file(path, action)
    name = os.path.basename(os.fspath(path))
    if len(os.fsencode(name)) > NAME_MAX_BYTES:
        raise AppError(Phrase("文件名过长（{n} 个字符），不能{action}；请用短一些的文件名：{name}…", n=str(len(name)),
                              action=action, name=name[:40]))
    real = os.path.normcase(os.path.realpath(path))
    with _OPEN_LOCK:
        open_here = list(_OPEN_HERE)
    for key in open_here:
        folder = os.path.normcase(key + ".backups")
        if real == folder or real.startswith(folder + os.sep):
            raise AppError(Phrase("{path} 在数据库的备份文件夹中，不能{action}（会覆盖或混入备份）；请另选一个位置",
                                  path=str(path), action=action))


class Store:
    """One connection to one store file. Writes go through `write()`: a transaction whose
    SQLite errors come out as StoreError subclasses."""

    def __init__(self, path: Path, conn: sqlite3.Connection, readonly: bool, busy_timeout: float | None = None):
        self.path = path
        self.busy_timeout = BUSY_TIMEOUT_S if busy_timeout is None else busy_timeout
        self.conn = conn
        self.db = Database(conn)  # sqlite-utils behind it, loaded when first asked for (desktop/db/connection.py)
        self.readonly = readonly
        self.notice: str | None = None
        self.held_by: hold.Holder | None = None  # the window (another process) holding the store: read-only
        self._counted = _key(path)
        with _OPEN_LOCK:
            _OPEN_HERE[self._counted] = _OPEN_HERE.get(self._counted, 0) + 1

    @contextlib.contextmanager
    def write(self) -> Iterator[Database]:
        if self.readonly:
            why = Phrase("（{notice}）", notice=self.notice) if self.notice else ""
            raise StoreReadOnly(Phrase("数据库以只读方式打开，本次修改未保存：{path}{why}", path=str(self.path), why=why))
        try:
            if self.conn.in_transaction:
                with self.db.atomic():  # nested: a savepoint inside the caller's transaction
                    yield self.db
                return
            # IMMEDIATE takes the write lock up front, waiting up to the busy timeout. A deferred
            # BEGIN that reads first and writes later fails at once with SQLITE_BUSY (no wait) when
            # another process committed in between: two programs on one store would lose edits.
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise translate(exc, self.path, self.busy_timeout) from exc

    @contextlib.contextmanager
    def reading(self) -> Iterator[Database]:
        try:
            yield self.db
        except sqlite3.Error as exc:
            raise translate(exc, self.path, self.busy_timeout) from exc

    def execute(self, sql: str, params=()):  # noqa: ANN001 - read helper
        try:
            return self.conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise translate(exc, self.path, self.busy_timeout) from exc

    def integrity_check(self) -> list[str]:
        rows = self.execute("PRAGMA integrity_check").fetchall()
        return [r[0] for r in rows]

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()
        key, self._counted = getattr(self, "_counted", None), None
        if key is not None:
            with _OPEN_LOCK:
                left = _OPEN_HERE.get(key, 1) - 1
                if left > 0:
                    _OPEN_HERE[key] = left
                else:
                    _OPEN_HERE.pop(key, None)

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _connect(path: Path, readonly: bool, busy_timeout: float) -> sqlite3.Connection:
    if readonly:
        conn = _connect_readonly(path, busy_timeout)
    else:
        conn = sqlite3.connect(str(path), timeout=busy_timeout)
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
    if not readonly:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise StoreError(Phrase("无法启用WAL日志模式（得到 {mode}）：{path}", mode=str(mode), path=str(path)))
    # FULL under WAL: NORMAL may lose the last commits on power loss.
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _connect_readonly(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """A read-only connection. A WAL store needs its -shm file; in a folder where that cannot be
    created (read-only medium or share) the store is opened immutable, unless a -wal file holds
    commits not yet merged (reading without it would show old data)."""
    base = Path(os.path.abspath(path)).as_uri()
    conn = None
    try:
        conn = sqlite3.connect(base + "?mode=ro", uri=True, timeout=busy_timeout)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        if conn is not None:
            conn.close()
        if "unable to open" not in str(exc).lower():
            raise
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise StoreReadOnly(Phrase(
            "数据库位于只读位置，且日志文件 {wal} 中有尚未并入的修改，无法只读打开：{path}。"
            "请把 {name} 和 {wal} 一起复制到可写的文件夹后再打开", wal=wal.name, path=str(path), name=path.name))
    return sqlite3.connect(base + "?immutable=1", uri=True, timeout=busy_timeout)


def check_header(path: Path) -> None:
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except OSError as exc:
        raise StoreError(Phrase("无法读取数据库文件：{path}（{reason}）", path=str(path),
                                reason=exc.strerror or str(exc))) from exc
    if len(head) == 0:
        return  # an empty file is a new store
    if head != SQLITE_HEADER:
        raise NotAStore(Phrase("不是本程序的数据库（文件头不是SQLite）：{path}。{hint}", path=str(path),
                               hint=backups.restore_hint(path)))


def open_store(
    path: str | os.PathLike,
    *,
    create: bool = False,
    readonly: bool = False,
    busy_timeout: float | None = None,
    migrate_store: bool = True,
    initial: Callable[[Database], None] | None = None,
) -> Store:
    """Open (or with create=True make) a store, checked and upgraded.

    `initial(db)` fills a store made now (catalog, regions, first user) in the same transaction as its
    schema: a first start cut off half-way leaves no store without its user or catalog.

    Raises StoreMissing, NotAStore, StoreDamaged (naming the newest good backup), StoreTooNew,
    StoreLocked, StoreReadOnly, StoreError. A store on a network file system opens read-only.
    """
    path = Path(path)
    if busy_timeout is None:
        busy_timeout = BUSY_TIMEOUT_S  # read at call time, so a test can shorten it
    exists = path.exists()
    if not exists and not create:
        raise StoreMissing(Phrase("数据库不存在：{path}（先运行 {command} --db {path} init）",
                                  path=str(path), command=command_name()))
    if exists and path.is_dir():
        raise StoreError(Phrase("数据库路径是一个文件夹：{path}", path=str(path)))
    if exists and not open_in_this_process(path):  # already checked; reading it again would drop the locks
        check_header(path)
    if not exists:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(Phrase("无法创建数据库所在文件夹：{folder}（{reason}）", folder=str(path.parent),
                                    reason=exc.strerror or str(exc))) from exc
    net = network_filesystem(path)
    notice = None
    if net and not readonly:
        if not exists:
            raise StoreError(Phrase("不能在网络驱动器或共享文件夹（{kind}）上建立数据库：{path}。请放在本机磁盘上。", kind=net,
                                    path=str(path)))
        readonly = True
        notice = Phrase("数据库位于网络驱动器或共享文件夹（{kind}），已只读打开：{path}", kind=net, path=str(path))
    window = hold.held_elsewhere(path) if exists and not readonly else None
    if window is not None:
        # another program's window has the store open: writing here and closing last could checkpoint and
        # delete the WAL under it (see desktop/db/hold.py); a read-only connection never does
        readonly = True
        notice = Phrase("窗口程序正在使用这个数据库（{holder}），已只读打开，不能修改；请先关闭窗口再修改：{path}",
                        holder=window.describe(), path=str(path))
    if exists and not readonly and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        # the folder must be writable too: WAL keeps its -wal and -shm files beside the store
        readonly = True
        notice = Phrase("数据库文件只读，已只读打开（不能修改）：{path}" if not os.access(path, os.W_OK) else
                        "数据库所在文件夹只读，已只读打开（不能修改）：{path}", path=str(path))
    try:
        conn = _connect(path, readonly, busy_timeout)
    except sqlite3.Error as exc:
        raise translate(exc, path, busy_timeout) from exc
    store = Store(path, conn, readonly, busy_timeout)
    store.notice = notice
    store.held_by = window
    try:
        _check_and_migrate(store, create=create, migrate_store=migrate_store, initial=initial)
    except BaseException:
        store.close()
        raise
    return store


def _check_and_migrate(store: Store, *, create: bool, migrate_store: bool,
                       initial: Callable[[Database], None] | None = None) -> None:
    path = store.path
    try:
        result = store.conn.execute("PRAGMA quick_check").fetchone()[0]
        version = user_version(store.db)
        app_id = store.conn.execute("PRAGMA application_id").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise StoreDamaged(Phrase("数据库文件已损坏：{path}（{detail}）。{hint}", path=str(path), detail=str(exc),
                                  hint=backups.restore_hint(path))) from exc
    if result != "ok":
        raise StoreDamaged(Phrase("数据库文件已损坏（quick_check: {result}）：{path}。{hint}", result=str(result), path=str(path),
                                  hint=backups.restore_hint(path)))
    if app_id not in (0, APPLICATION_ID):
        raise NotAStore(Phrase("这是另一个程序的SQLite数据库，不是本程序的：{path}", path=str(path)))
    if version == 0 and app_id == 0:
        has_tables = store.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if has_tables:
            raise NotAStore(Phrase("这是另一个程序的SQLite数据库，不是本程序的：{path}", path=str(path)))
    if version > SCHEMA_VERSION:
        raise StoreTooNew(Phrase("数据库由更新版本的程序建立（结构版本 {version}，本程序支持到 {supported}），请升级程序后再打开：{path}",
                                 version=str(version), supported=str(SCHEMA_VERSION), path=str(path)))
    if version < SCHEMA_VERSION:
        if version == 0 and not create:
            raise StoreMissing(Phrase("数据库尚未初始化：{path}（先运行 {command} --db {path} init）", path=str(path),
                                      command=command_name()))
        if store.readonly:
            raise StoreReadOnly(Phrase("数据库需要升级（结构版本 {version} → {supported}），但文件只读：{path}", version=str(version),
                                       supported=str(SCHEMA_VERSION), path=str(path)))
        if not migrate_store:
            return
        if version > 0:
            try:
                backups.rolling_backup(store.conn, path, f"before-upgrade-v{version}")
            except StoreError as exc:
                raise StoreError(Phrase("升级数据库前无法建立备份，未升级：{path}（{reason}）", path=str(path),
                                        reason=reason_of(exc))) from exc
        # BEGIN IMMEDIATE around all steps: a second program opening the same old store waits
        # and then finds it upgraded, instead of running the steps a second time.
        with store.write() as db:
            fresh = user_version(db) == 0
            if user_version(db) < SCHEMA_VERSION:
                migrate(db)
            if fresh and initial is not None:
                initial(db)
