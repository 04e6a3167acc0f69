"""Rolling backups by SQLite's backup API, kept to a bounded number, named by time and reason."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
import sys
from pathlib import Path

from desktop import command_name
from desktop.db import hold
from desktop.db.restore import backup_into, check_backup, copy_database
from desktop.db.schema import APPLICATION_ID
from desktop.errors import NotAStore, StoreError, StoreFull
from desktop.phrases import Phrase

KEEP = 10
STALE_PART_S = 3600


def backup_dir(store_path: Path) -> Path:
    store_path = Path(store_path)
    return store_path.with_name(store_path.name + ".backups")


def list_backups(store_path: Path) -> list[Path]:
    """Backups of this store, newest first."""
    folder = backup_dir(store_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.sqlite"), key=lambda p: p.name, reverse=True)


def _failed(exc: Exception, dest: Path):

    text = str(exc).lower()
    if "full" in text or getattr(exc, "errno", None) == 28:
        return StoreFull(Phrase("磁盘已满，备份未能写入：{path}（数据库本身未受影响）", path=str(dest)))
    why = getattr(exc, "strerror", None) or (Phrase("文件夹不存在或没有写入权限") if "unable to open" in text else str(exc))
    return StoreError(Phrase("无法写入备份文件：{path}（{reason}）", path=str(dest), reason=why))


def copy_to(conn: sqlite3.Connection, dest: Path) -> Path:
    """A consistent copy of the open database into `dest` (written to a temporary name, then renamed).

    Raises StoreError (StoreFull for a full disk) naming the file; a failed copy leaves no file behind."""
    dest = Path(dest)
    tmp = dest.with_name(dest.name + ".part")
    try:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        backup_into(conn, tmp)
        os.replace(tmp, dest)
        hold.sync_dir(dest.parent)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise _failed(exc, dest) from exc
    return dest


def rolling_backup(conn: sqlite3.Connection, store_path: Path, reason: str, keep: int = KEEP) -> Path:
    """A backup beside the store (folder <store>.backups), keeping the newest `keep`. Raises StoreError."""
    folder = backup_dir(store_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _failed(exc, folder) from exc
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", reason)[:40] or "backup"
    dest = copy_to(conn, folder / f"{Path(store_path).stem}-{stamp}-{safe}.sqlite")
    for old in list_backups(store_path)[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()
    # a backup cut off by a crash leaves its .part file: drop those old enough not to be another
    # program's backup in progress
    for part in [*folder.glob("*.sqlite.part"), *folder.glob("restore-*.staging")]:
        with contextlib.suppress(OSError):
            if dt.datetime.now().timestamp() - part.stat().st_mtime > STALE_PART_S:
                part.unlink()
    return dest


def committed_backup(store_path: Path, reason: str, keep: int = KEEP) -> Path:
    """A rolling backup made through a read-only connection of its own: what is committed, not the open write
    transaction of the caller (which holds the write lock, so nothing is committed meanwhile)."""
    reader = sqlite3.connect(Path(os.path.abspath(store_path)).as_uri() + "?mode=ro", uri=True)
    try:
        return rolling_backup(reader, store_path, reason, keep)
    finally:
        reader.close()


def is_good_store(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            if f.read(16) != b"SQLite format 3\x00":
                return False
        conn = sqlite3.connect(Path(os.path.abspath(path)).as_uri() + "?mode=ro", uri=True)
        try:
            return conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return False


def newest_good_backup(store_path: Path) -> Path | None:
    """The newest backup that a restore would take: whole and intact (desktop.db.restore.check_backup)."""
    for candidate in list_backups(store_path):
        try:
            check_backup(candidate)
        except NotAStore:
            continue
        return candidate
    return None


def _quote(path: Path) -> str:
    text = str(path)
    if sys.platform == "win32":
        return f'"{text}"' if any(c in text for c in ' &()^%!') else text
    import shlex

    return shlex.quote(text)


def restore_hint(store_path: Path) -> str:
    good = newest_good_backup(store_path)
    if good is None:
        return Phrase("没有找到可用的备份。")
    return Phrase("最新的完好备份：{good}，恢复命令：{command} --db {store} restore {quoted}", good=str(good),
                  command=command_name(), store=_quote(Path(store_path)), quoted=_quote(good))


def check_restorable(source: Path) -> tuple[int, int]:
    """(application_id, user_version) of a whole, intact store of this program not newer than it
    (desktop.db.restore.check_backup). Raises NotAStore naming the file and why it cannot be restored."""
    return APPLICATION_ID, check_backup(Path(source))


def restore_damaged(store_path: Path, source: Path) -> Path:
    """Put an intact backup in place of a store that cannot be opened (damaged).

    The damaged file and its -wal/-shm are first moved into the backups folder (as *.damaged, never
    taken for a good backup); a stale -wal left beside the restored file would be replayed onto it.
    Returns where the damaged file was kept. Raises NotAStore for a source that is no good backup."""
    import shutil

    store_path, source = Path(store_path), Path(source)
    check_restorable(source)
    if os.path.abspath(source) == os.path.abspath(store_path):

        raise NotAStore(Phrase("备份文件不能是数据库本身：{source}", source=str(source)))
    try:
        folder = backup_dir(store_path)
        folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        kept = folder / f"{store_path.stem}-{stamp}-damaged.sqlite.damaged"
        tmp = store_path.with_name(store_path.name + ".restore-part")
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        copy_database(Path(source), tmp)
        if store_path.exists():
            shutil.copy2(store_path, kept)
        for suffix in ("-wal", "-shm"):
            side = store_path.with_name(store_path.name + suffix)
            if side.exists():
                shutil.copy2(side, kept.with_name(kept.name + suffix))
                side.unlink()
        os.replace(tmp, store_path)
        hold.sync_dir(store_path.parent)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError, UnboundLocalError):
            tmp.unlink()
        raise _failed(exc, store_path) from exc
    return kept
