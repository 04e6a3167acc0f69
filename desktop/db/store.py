"""Opening the store safely: pragmas, quick_check, migrations with a backup first, error translation."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from pathlib import Path
from typing import Iterator

from sqlite_utils import Database

from desktop.db import backups
from desktop.db.schema import APPLICATION_ID, SCHEMA_VERSION, migrate, user_version
from desktop.errors import (
    NotAStore,
    StoreDamaged,
    StoreError,
    StoreFull,
    StoreLocked,
    StoreMissing,
    StoreReadOnly,
    StoreTooNew,
)

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 5.0
NETWORK_FS = {"nfs", "nfs4", "cifs", "smb", "smbfs", "smb3", "fuse.sshfs", "9p", "afs", "ncpfs", "davfs"}


def network_filesystem(path: Path) -> str | None:
    """The type of network file system `path` lives on, or None. SQLite's locking is unsafe there."""
    text = str(path)
    if sys.platform == "win32":
        if text.startswith("\\\\"):
            return "网络共享"
        try:
            import ctypes

            drive = os.path.splitdrive(os.path.abspath(text))[0] + "\\"
            if ctypes.windll.kernel32.GetDriveTypeW(drive) == 4:  # DRIVE_REMOTE
                return "网络驱动器"
        except Exception:
            return None
        return None
    try:
        with open("/proc/mounts", encoding="utf-8") as f:
            mounts = [line.split()[1:3] for line in f if len(line.split()) >= 3]
    except OSError:
        return None
    real = os.path.realpath(text)
    best, kind = "", None
    for mount_point, fstype in mounts:
        mp = mount_point.replace("\\040", " ")
        if (real == mp or real.startswith(mp.rstrip("/") + "/")) and len(mp) >= len(best):
            best, kind = mp, fstype
    return kind if kind in NETWORK_FS else None


def translate(exc: sqlite3.Error, path: Path) -> StoreError:
    """One clear line for what SQLite said."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StoreLocked(f"数据库正被其他程序占用，等待{BUSY_TIMEOUT_S:g}秒后仍未释放：{path}")
    if "readonly" in text or "read-only" in text:
        return StoreReadOnly(f"数据库文件只读，无法写入：{path}")
    if "full" in text:
        return StoreFull(f"磁盘已满或数据库达到容量上限，本次修改未保存：{path}")
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return StoreDamaged(f"数据库文件已损坏：{path}。{backups.restore_hint(path)}")
    if "unable to open" in text:
        return StoreError(f"无法打开数据库文件：{path}（{exc}）")
    return StoreError(f"数据库错误：{exc}（{path}）")


class Store:
    """One connection to one store file. Writes go through `write()`: a transaction whose
    SQLite errors come out as StoreError subclasses."""

    def __init__(self, path: Path, conn: sqlite3.Connection, readonly: bool):
        self.path = path
        self.conn = conn
        self.db = Database(conn)
        self.readonly = readonly
        self.notice: str | None = None

    @contextlib.contextmanager
    def write(self) -> Iterator[Database]:
        if self.readonly:
            raise StoreReadOnly(f"数据库以只读方式打开，无法写入：{self.path}")
        try:
            with self.db.atomic():
                yield self.db
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc

    @contextlib.contextmanager
    def reading(self) -> Iterator[Database]:
        try:
            yield self.db
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc

    def execute(self, sql: str, params=()):  # noqa: ANN001 - read helper
        try:
            return self.conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc

    def integrity_check(self) -> list[str]:
        rows = self.execute("PRAGMA integrity_check").fetchall()
        return [r[0] for r in rows]

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _connect(path: Path, readonly: bool, busy_timeout: float) -> sqlite3.Connection:
    if readonly:
        uri = Path(os.path.abspath(path)).as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=busy_timeout, check_same_thread=True)
    else:
        conn = sqlite3.connect(str(path), timeout=busy_timeout)
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
    if not readonly:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise StoreError(f"无法启用WAL日志模式（得到 {mode}）：{path}")
    # FULL under WAL: NORMAL may lose the last commits on power loss.
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def check_header(path: Path) -> None:
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except OSError as exc:
        raise StoreError(f"无法读取数据库文件：{path}（{exc.strerror}）") from exc
    if len(head) == 0:
        return  # an empty file is a new store
    if head != SQLITE_HEADER:
        raise NotAStore(f"不是本程序的数据库（文件头不是SQLite）：{path}。{backups.restore_hint(path)}")


def open_store(
    path: str | os.PathLike,
    *,
    create: bool = False,
    readonly: bool = False,
    busy_timeout: float = BUSY_TIMEOUT_S,
    migrate_store: bool = True,
) -> Store:
    """Open (or with create=True make) a store, checked and upgraded.

    Raises StoreMissing, NotAStore, StoreDamaged (naming the newest good backup), StoreTooNew,
    StoreLocked, StoreReadOnly, StoreError. A store on a network file system opens read-only.
    """
    path = Path(path)
    exists = path.exists()
    if not exists and not create:
        raise StoreMissing(f"数据库不存在：{path}（先运行 python main.py --db {path} init）")
    if exists and path.is_dir():
        raise StoreError(f"数据库路径是一个文件夹：{path}")
    if exists:
        check_header(path)
    if not exists:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"无法创建数据库所在文件夹：{path.parent}（{exc.strerror}）") from exc
    net = network_filesystem(path)
    notice = None
    if net and not readonly:
        if not exists:
            raise StoreError(f"不能在网络驱动器或共享文件夹（{net}）上建立数据库：{path}。请放在本机磁盘上。")
        readonly = True
        notice = f"数据库位于网络驱动器或共享文件夹（{net}），已只读打开：{path}"
    if exists and not readonly and not os.access(path, os.W_OK):
        readonly = True
        notice = f"数据库文件只读，已只读打开：{path}"
    try:
        conn = _connect(path, readonly, busy_timeout)
    except sqlite3.Error as exc:
        raise translate(exc, path) from exc
    store = Store(path, conn, readonly)
    store.notice = notice
    try:
        _check_and_migrate(store, create=create, migrate_store=migrate_store)
    except BaseException:
        store.close()
        raise
    return store


def _check_and_migrate(store: Store, *, create: bool, migrate_store: bool) -> None:
    path = store.path
    try:
        result = store.conn.execute("PRAGMA quick_check").fetchone()[0]
        version = user_version(store.db)
        app_id = store.conn.execute("PRAGMA application_id").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise StoreDamaged(f"数据库文件已损坏：{path}（{exc}）。{backups.restore_hint(path)}") from exc
    if result != "ok":
        raise StoreDamaged(f"数据库文件已损坏（quick_check: {result}）：{path}。{backups.restore_hint(path)}")
    if app_id not in (0, APPLICATION_ID):
        raise NotAStore(f"这是另一个程序的SQLite数据库，不是本程序的：{path}")
    if version == 0 and app_id == 0:
        has_tables = store.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if has_tables:
            raise NotAStore(f"这是另一个程序的SQLite数据库，不是本程序的：{path}")
    if version > SCHEMA_VERSION:
        raise StoreTooNew(
            f"数据库由更新版本的程序建立（结构版本 {version}，本程序支持到 {SCHEMA_VERSION}），"
            f"请升级程序后再打开：{path}"
        )
    if version < SCHEMA_VERSION:
        if version == 0 and not create:
            raise StoreMissing(f"数据库尚未初始化：{path}（先运行 python main.py --db {path} init）")
        if store.readonly:
            raise StoreReadOnly(f"数据库需要升级（结构版本 {version} → {SCHEMA_VERSION}），但文件只读：{path}")
        if not migrate_store:
            return
        if version > 0:
            backups.rolling_backup(store.conn, path, f"before-upgrade-v{version}")
        try:
            migrate(store.db)
        except sqlite3.Error as exc:
            raise translate(exc, path) from exc
