"""Workbooks hostile by size: every part is bounded while it streams, so each is refused (or read)
by a `main.py import` process that stays under the memory bound. The peak memory (ru_maxrss of the child)
is asserted; the seconds are printed, never asserted. Small-but-hostile variants run by default; the sizes of
the attack (tests/helpers/hostile_sizes.py SIZES) with --long. Figures: docs/RELIABILITY.md."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HELPERS = ROOT / "tests" / "helpers"
sys.path.insert(0, str(HELPERS))

import hostile_sizes  # noqa: E402

ENV = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
MEMORY_BOUND_MB = 300  # as tests/test_hostile.py and docs/RELIABILITY.md
WORDS = {
    "long_notes": "文字合计超过",
    "huge_inline_cell": "单元格 H2 的内容超过 32767 个字符",
    "many_formats": "单元格格式过多",
    "huge_shared_string": "共享字符串超过 32767 个字符",
    "many_shared_strings": "共享字符串过多",
}


def _measured(db: Path, path: Path) -> dict:
    # an address-space limit well above the bound: a reader that ran away is stopped, not the machine
    out = subprocess.run([sys.executable, str(HELPERS / "run_measured.py"), "3000", "--", sys.executable,
                          str(ROOT / "main.py"), "--db", str(db), "import", str(path)],
                         capture_output=True, text=True, env=ENV, timeout=900)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def _check(db: Path, tmp_path: Path, kind: str, scale: str) -> dict:
    path = hostile_sizes.make(kind, scale, tmp_path / f"{kind}-{scale}.xlsx")
    r = _measured(db, path)
    print(f"\n{kind} ({scale}, {path.stat().st_size / 1048576:.1f} MB file): exit {r['rc']}, "
          f"{r['seconds']} s, peak {r['peak_rss_mb']} MB")
    assert r["rc"] == 1, r
    # (run_measured keeps the last 4,000 characters of stderr: the many duplicate rows are each a line)
    assert (r["stderr"].startswith("错误：导入被拒绝，未写入任何数据") or kind == "many_kept_cells") \
        and path.name in r["stderr"], r
    if kind == "many_kept_cells" and scale == "small":
        assert "重复" in r["stderr"]
    assert "Traceback" not in r["stderr"]
    if kind in WORDS:
        assert WORDS[kind] in r["stderr"], r["stderr"][:400]
    assert r["peak_rss_mb"] < MEMORY_BOUND_MB, r
    path.unlink()
    return r


@pytest.mark.parametrize("kind", list(hostile_sizes.SIZES))
def test_a_workbook_hostile_by_size_is_refused_under_the_memory_bound(db_path, tmp_path, kind):
    _check(db_path, tmp_path, kind, "small")


@pytest.mark.slow
@pytest.mark.parametrize("kind", list(hostile_sizes.SIZES))
def test_the_attacks_sizes_are_refused_under_the_memory_bound(db_path, tmp_path, kind):
    r = _check(db_path, tmp_path, kind, "big")
    if kind == "many_kept_cells":
        assert "过大" in r["stderr"]


def test_a_cell_of_exactly_excels_limit_is_read(services, tmp_path):
    """The per-cell bound is Excel's own limit: a cell of 32,767 characters is read (and, in the 说明 column,
    refused as a note by its own rule, naming the cell)."""
    import workbooks

    from desktop.exchange import plan_import

    row = ["331081", "温岭市", 2021, "BEDS_PER_1000", "", "", 4.6, "x" * 32767]
    path = workbooks.raw_xlsx(tmp_path / "edge.xlsx", workbooks.sheet_xml([workbooks.HEADER, row]))
    plan = plan_import(services, [path])
    text = "\n".join(str(e) for e in plan.errors)
    assert "H2" in text and "说明过长：32767 个字符" in text
