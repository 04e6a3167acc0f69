"""A second connection opened and closed in the window's process (a report or import worker) must not
drop the first connection's SQLite locks: another program on the store would then delete the WAL under
the window, whose next read failed with "database disk image is malformed" (found switching user in the
window after `main.py user add`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desktop.services import Services

ROOT = Path(__file__).resolve().parent.parent


def test_a_worker_connection_leaves_the_windows_locks_and_wal_alone(services, db_path):
    window = services
    assert [u.name for u in window.users()] == ["admin"]
    worker = Services.open(db_path)  # what run_job does for a report, in the same process
    worker.users()
    worker.close()
    # another program (the command line) writes and closes while the window stays open
    subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db_path), "user", "add", "王芳",
                    "--role", "clerk"], check=True, capture_output=True, cwd=ROOT)
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.exists(), "the other program took the window's store for unused and removed its WAL"
    assert [u.name for u in window.users()] == ["admin", "王芳"]
    for _ in range(3):  # and it keeps working, writes included
        window.set_value("331081", 2021, "HOSPITAL_BEDS", 4100, source="form")
    assert window.store.integrity_check() == ["ok"]
