"""Windows, where it can be checked from here: network paths (UNC, mapped drives) open read-only, and no
system-specific call lives outside desktop/db/store.py."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from desktop.db import store

ROOT = Path(__file__).resolve().parent.parent
REMOTE_Z = {"Z:\\": store.DRIVE_REMOTE}  # Z: is a mapped network drive; every other letter a local disk (3)


def drive_type(root: str) -> int:
    return REMOTE_Z.get(root.upper(), 3)


@pytest.mark.parametrize("path, kind", [
    (r"\\server\share\统计\indicators.sqlite", "网络共享"),
    (r"\\10.0.0.5\卫健局\indicators.sqlite", "网络共享"),
    ("//server/share/indicators.sqlite", "网络共享"),
    (r"\\?\UNC\server\share\indicators.sqlite", "网络共享"),
    (r"\\server\share", "网络共享"),
    (r"Z:\统计\indicators.sqlite", "网络驱动器"),
    (r"z:\indicators.sqlite", "网络驱动器"),
    (r"\\?\Z:\indicators.sqlite", "网络驱动器"),
    (r"C:\Users\clerk\AppData\Local\county-health-indicators\indicators.sqlite", None),
    (r"\\?\C:\very\long\path\indicators.sqlite", None),
    (r"D:\indicators.sqlite", None),
])
def test_windows_network_paths_are_recognised(path, kind):
    assert store.windows_network_kind(path, drive_type) == kind


def test_a_unc_path_is_a_share_even_without_asking_the_drive_type():
    assert store.windows_network_kind(r"\\server\share\s.sqlite") == "网络共享"
    assert store.windows_network_kind(r"Z:\s.sqlite") is None  # no drive_type: a letter alone says nothing


def test_on_windows_the_check_goes_through_the_drive_letter_and_unc_rules(monkeypatch):
    asked = []
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(store, "_windows_drive_type", lambda root: asked.append(root) or 3)
    assert store.network_filesystem(Path("//server/share/indicators.sqlite")) == "网络共享"
    assert asked == []  # a UNC path is a share whatever the drive type


def test_a_store_on_a_share_opens_read_only_and_is_never_created_there(tmp_path, db_path, monkeypatch):
    from desktop.errors import StoreError

    monkeypatch.setattr(store, "network_filesystem", lambda path, mounts_text=None: "网络共享")
    opened = store.open_store(db_path)
    try:
        assert opened.readonly and "网络共享" in opened.notice
    finally:
        opened.close()
    with pytest.raises(StoreError, match="不能在网络驱动器或共享文件夹"):
        store.open_store(tmp_path / "new.sqlite", create=True)
    assert not (tmp_path / "new.sqlite").exists()


# calls and names that exist, or mean the same, only on POSIX systems
POSIX_ONLY = [
    r"\bimport fcntl\b", r"\bfcntl\.", r"\bos\.(getuid|geteuid|getgid|getegid|getpgid|setsid|fork|killpg|"
    r"getloadavg|sync|uname|mkfifo|O_RDONLY|O_DIRECTORY)\b", r"\bsignal\.SIG(KILL|HUP|USR1|USR2|CHLD|ALRM)\b",
    r"\bsignal\.(alarm|pause|setitimer)\b", r"\bimport (pwd|grp|termios|resource)\b", r"[\"']/tmp\b",
    r"[\"']/proc/", r"[\"']/dev/(null|shm)",
]


def test_no_posix_only_call_outside_the_store_modules():
    offenders = []
    files = sorted((ROOT / "desktop").rglob("*.py")) + [ROOT / "main.py"]
    assert len(files) > 40
    for path in files:
        if path in (ROOT / "desktop" / "db" / "store.py", ROOT / "desktop" / "db" / "hold.py"):
            continue  # both say what they do on Windows beside each POSIX call
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if any(re.search(p, code) for p in POSIX_ONLY):
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert offenders == []


def test_the_check_above_finds_what_it_looks_for():
    caught = [s for s in ("import fcntl", "os.getuid()", "open('/tmp/x')", "os.kill(pid, signal.SIGKILL)",
                          'open("/proc/mounts")', "fd = os.open(p, os.O_RDONLY)")
              if any(re.search(p, s) for p in POSIX_ONLY)]
    assert len(caught) == 6


def test_the_bundle_finds_qts_translations_inside_itself(tmp_path, monkeypatch):
    """In the PyInstaller bundle Qt's prefix is not relocated (packaging/rth_qt_plugins.py): the window looks
    for qtbase_zh_CN.qm in the bundle's own PySide6 folder; outside a bundle, where QLibraryInfo says."""
    from desktop.ui.app import qt_translations_dir

    inside = tmp_path / "_internal" / "PySide6" / "Qt" / "translations"
    inside.mkdir(parents=True)
    assert qt_translations_dir("/usr/share/qt6/translations") == "/usr/share/qt6/translations"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "_internal"), raising=False)
    assert qt_translations_dir("/wrong/prefix/translations") == str(inside)
