"""The window's claim on a store: a lock on a separate file beside it (`<store>.gui-lock`), never the store.

SQLite's own locks on Unix are POSIX record locks, and closing ANY descriptor of a file drops all of the
process's POSIX locks on that file. Another program (the command line) that then found the store unused
would checkpoint and delete its -wal/-shm under the open window, and the window's next write made the file
"not a database". So the window holds this lock for its whole life, and every other program that finds it
held opens the store read-only (`open_store` does it): a read-only connection never checkpoints nor deletes
the WAL. The lock is flock() on Unix (tied to the open file, not the process: no other descriptor drops
it; the kernel frees it when the holder dies) and a byte-range lock on Windows; the file's text names the
holder (pid, host) for the message.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from desktop.phrases import Phrase

SUFFIX = ".gui-lock"
_WIN_LOCK_AT = 1 << 20  # the locked byte (Windows) lies past the text, which other processes must still read

# holds taken in this process, by real store path: this process's own workers are not "another program"
_HELD_HERE: dict[str, "WindowHold"] = {}
_HELD_LOCK = threading.Lock()



def sync_dir(folder: Path) -> None:
    """fsync a folder so a rename in it is durable: without it a power cut may bring the old name back
    (POSIX only; Windows makes renames durable itself). Here with the other system-specific calls."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

@dataclass(frozen=True)
class Holder:
    pid: int
    host: str

    def describe(self) -> str:
        return Phrase("进程 {pid}，计算机 {host}", pid=str(self.pid), host=self.host) if self.pid else Phrase("另一个窗口")


def lock_path(store_path: str | os.PathLike) -> Path:
    store_path = Path(store_path)
    return store_path.with_name(store_path.name + SUFFIX)


def _key(store_path) -> str:
    return os.path.realpath(store_path)


def _try_lock(fd: int, exclusive: bool) -> bool:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WIN_LOCK_AT, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError as exc:
        import errno

        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            return False
        raise
    return True


def _unlock(fd: int) -> None:
    with contextlib.suppress(OSError):
        if sys.platform == "win32":
            import msvcrt

            os.lseek(fd, _WIN_LOCK_AT, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_UN)


def _host() -> str:
    import socket  # imported when a lock is taken or reported, not with the store

    return socket.gethostname()


def _read_holder(fd: int) -> Holder:
    import json

    try:
        os.lseek(fd, 0, os.SEEK_SET)
        data = json.loads(os.read(fd, 4096).decode("utf-8"))
        return Holder(int(data.get("pid", 0)), str(data.get("host", "")))
    except (OSError, ValueError, AttributeError):
        return Holder(0, "")


class WindowHold:
    """Held by the window from before it opens the store until after it closed it."""

    def __init__(self, store_path: Path, fd: int):
        self.store_path = Path(store_path)
        self._fd: int | None = fd

    @classmethod
    def take(cls, store_path: str | os.PathLike) -> "WindowHold | None":
        """The hold, or None when another window has it (see `holder`). Raises OSError if the lock file
        cannot be made (folder not writable)."""
        path = lock_path(store_path)
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags, 0o644)
        if not _try_lock(fd, exclusive=True):
            os.close(fd)
            return None
        import json

        text = json.dumps({"pid": os.getpid(), "host": _host()}).encode("utf-8")
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, text)
        os.ftruncate(fd, len(text))
        hold = cls(Path(store_path), fd)
        with _HELD_LOCK:
            _HELD_HERE[_key(store_path)] = hold
        return hold

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with _HELD_LOCK:
            if _HELD_HERE.get(_key(self.store_path)) is self:
                del _HELD_HERE[_key(self.store_path)]
        _unlock(fd)
        os.close(fd)  # the file stays: deleting it would race with a program opening it at that moment

    def __enter__(self) -> "WindowHold":
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def held_here(store_path: str | os.PathLike) -> bool:
    with _HELD_LOCK:
        return _key(store_path) in _HELD_HERE


def holder(store_path: str | os.PathLike) -> Holder | None:
    """Who holds the store's window lock, or None when no live window does (a crashed window's lock was
    freed by the system). This process's own hold counts too."""
    with _HELD_LOCK:
        if _key(store_path) in _HELD_HERE:
            return Holder(os.getpid(), _host())
    path = lock_path(store_path)
    try:
        fd = os.open(path, os.O_RDWR | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        return None
    except OSError:
        try:  # a lock file we may not write (another user's): flock works on a read-only descriptor too
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            return None
    try:
        if _try_lock(fd, exclusive=False):
            _unlock(fd)
            return None
        return _read_holder(fd)
    finally:
        os.close(fd)


def held_elsewhere(store_path: str | os.PathLike) -> Holder | None:
    """The holder when a window in ANOTHER process holds the store, else None."""
    if held_here(store_path):
        return None
    return holder(store_path)
