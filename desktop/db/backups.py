"""Rolling backups by SQLite's backup API, kept to a bounded number, named by time and reason."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from pathlib import Path

KEEP = 10


def backup_dir(store_path: Path) -> Path:
    store_path = Path(store_path)
    return store_path.with_name(store_path.name + ".backups")


def list_backups(store_path: Path) -> list[Path]:
    """Backups of this store, newest first."""
    folder = backup_dir(store_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.sqlite"), key=lambda p: p.name, reverse=True)


def copy_to(conn: sqlite3.Connection, dest: Path) -> Path:
    """A consistent copy of the open database into `dest` (written to a temporary name, then renamed)."""
    dest = Path(dest)
    tmp = dest.with_name(dest.name + ".part")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    target = sqlite3.connect(str(tmp))
    try:
        conn.backup(target)
        target.execute("PRAGMA journal_mode = DELETE")
    finally:
        target.close()
    os.replace(tmp, dest)
    return dest


def rolling_backup(conn: sqlite3.Connection, store_path: Path, reason: str, keep: int = KEEP) -> Path:
    folder = backup_dir(store_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", reason)[:40] or "backup"
    dest = copy_to(conn, folder / f"{Path(store_path).stem}-{stamp}-{safe}.sqlite")
    for old in list_backups(store_path)[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()
    return dest


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
    for candidate in list_backups(store_path):
        if is_good_store(candidate):
            return candidate
    return None


def restore_hint(store_path: Path) -> str:
    good = newest_good_backup(store_path)
    if good is None:
        return "没有找到可用的备份。"
    return f"最新的完好备份：{good}，恢复命令：python main.py --db {store_path} restore {good}"
