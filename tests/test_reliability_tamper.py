"""Tamper evidence: audit rows changed, deleted or inserted outside the program are reported by
`verify` (exit 1, naming the row); a rewrite that recomputes every hash still changes the chain head
that an approved report prints."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess

import pytest

from desktop.db import repo
from desktop.domain import Dataset


@pytest.fixture
def audited(db_path, cli):
    for year, v in ((2019, "4.1"), (2020, "4.2"), (2021, "4.3")):
        assert cli(db_path, "set", "331081", year, "BEDS_PER_1000", v, "--note", f"说明{year}").code == 0
    r = cli(db_path, "verify", "--json")
    assert r.code == 0 and r.json()["audit_chain"] == []
    return db_path


def _raw(db, sql, *params):
    conn = sqlite3.connect(db)
    try:
        out = conn.execute(sql, params).fetchall()
        conn.commit()
        return out
    finally:
        conn.close()


def _last_value_row(db) -> int:
    return _raw(db, "SELECT max(id) FROM audit WHERE field = 'value' AND year = 2020")[0][0]


def test_changed_audit_row_is_named(audited, cli):
    rid = _last_value_row(audited)
    _raw(audited, "UPDATE audit SET new = '9.9' WHERE id = ?", rid)
    r = cli(audited, "verify")
    assert r.code == 1
    assert f"审计记录 {rid} 的内容与哈希不符" in r.out
    data = cli(audited, "verify", "--json").json()
    assert data["ok"] is False and any(str(rid) in p for p in data["audit_chain"])


def test_deleted_audit_row_in_the_middle_is_named(audited, cli):
    rid = _last_value_row(audited)
    _raw(audited, "DELETE FROM audit WHERE id = ?", rid)
    r = cli(audited, "verify")
    assert r.code == 1 and f"{rid}" in r.out and "缺失" in r.out


def test_deleted_last_audit_row_is_named(audited, cli):
    last = _raw(audited, "SELECT max(id) FROM audit")[0][0]
    _raw(audited, "DELETE FROM audit WHERE id = ?", last)
    r = cli(audited, "verify")
    assert r.code == 1 and f"{last}" in r.out and "末尾" in r.out


def test_forged_row_inserted_is_named(audited, cli):
    last = _raw(audited, "SELECT max(id), hash FROM audit")[0]
    _raw(audited, "INSERT INTO audit(at, actor, region, year, indicator, field, old, new, source, reason, prev_hash, hash)"
                  " VALUES ('2021-01-01T00:00:00+08:00', 'admin', '331081', 2021, 'BEDS_PER_1000', 'value', '4.3',"
                  " '5.0', 'cli', '', ?, 'forged')", last[1])
    r = cli(audited, "verify")
    assert r.code == 1 and f"审计记录 {last[0] + 1}" in r.out


def test_swapped_rows_are_named(audited, cli):
    rows = _raw(audited, "SELECT id, new FROM audit WHERE field = 'value' ORDER BY id")
    (a, new_a), (b, new_b) = rows[0], rows[1]
    _raw(audited, "UPDATE audit SET new = ? WHERE id = ?", new_b, a)
    _raw(audited, "UPDATE audit SET new = ? WHERE id = ?", new_a, b)
    r = cli(audited, "verify")
    assert r.code == 1 and f"审计记录 {a}" in r.out and f"审计记录 {b}" in r.out


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed: the printed head is not read")
def test_rewritten_chain_changes_the_head_an_approved_report_printed(audited, cli, tmp_path):
    """Someone who changes a value, rewrites its audit row and recomputes every later hash passes
    `verify`; the chain head printed on the approved report no longer matches the store's."""
    from desktop.services import Services

    s = Services.open(audited)
    try:
        with s.store.write() as db:
            repo.put_dataset(db, Dataset("331081", 2021, "approved", repo.now(), "admin"))
            repo.add_audit(db, user="admin", field="status", old="submitted", new="approved", source="cli",
                           region="331081", year=2021)
        head = s.audit_chain_head()
    finally:
        s.close()
    pdf = tmp_path / "approved.pdf"
    r = cli(audited, "report", "331081", "2021", "-o", pdf)
    assert r.code == 0, r.err
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert head in text.replace("\n", "").replace(" ", "")

    # the rewrite: change a value row and recompute all hashes after it
    conn = sqlite3.connect(audited)
    cols = ("id", "prev_hash", "at", "user", "region", "year", "indicator", "field", "old", "new", "source", "reason")
    selected = ", ".join("actor" if c == "user" else c for c in cols)  # the column of `user` is `actor`
    rows = [dict(zip(cols, r)) for r in conn.execute(f"SELECT {selected} FROM audit ORDER BY id")]
    target = next(r for r in rows if r["field"] == "value" and r["year"] == 2020)
    target["new"] = json.dumps(9.9)
    prev = ""
    for row in rows:
        row["prev_hash"] = prev
        h = repo.row_hash(prev, row)
        conn.execute("UPDATE audit SET prev_hash = ?, hash = ?, new = ? WHERE id = ?", (prev, h, row["new"], row["id"]))
        prev = h
    conn.execute("UPDATE value SET value = 9.9 WHERE year = 2020")  # and the value itself, to match
    conn.commit()
    conn.close()
    r = cli(audited, "verify", "--json")
    assert r.json()["audit_chain"] == [] and r.json()["values"] == []  # a full rewrite is consistent in itself...
    assert r.json()["chain_head"] != head  # ...but its head differs from the one on paper


@pytest.mark.parametrize("sql,words", [
    ("UPDATE value SET value = 9.9 WHERE year = 2020", "数值 331081 2020年 BEDS_PER_1000：库中为 9.9，审计记录最后为 4.2"),
    ("DELETE FROM value WHERE year = 2019", "数值 331081 2019年 BEDS_PER_1000：库中为 （空）"),
    ("UPDATE value SET note = '改过' WHERE year = 2021", "说明 331081 2021年 BEDS_PER_1000"),
    ("INSERT INTO value VALUES ('331081', 2018, 'BEDS_PER_1000', 3.0, '', 't', 'admin', 'cli')",
     "数值 331081 2018年 BEDS_PER_1000：库中为 3，但没有任何审计记录"),
])
def test_values_changed_outside_the_program_are_named(audited, cli, sql, words):
    _raw(audited, sql)
    r = cli(audited, "verify")
    assert r.code == 1 and words in r.out, r.out


def test_values_written_by_every_path_of_the_program_agree_with_the_audit(demo_path, cli, tmp_path):
    """Typed, noted, cleared, imported: verify stays clean (no false alarm)."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent / "helpers"))
    import workbooks

    assert cli(demo_path, "set", "331081", "2021", "BEDS_PER_1000", "4.6", "--note", "新院区").code == 0
    assert cli(demo_path, "set", "331081", "2021", "BEDS_PER_1000", "—").code == 0  # cleared, note kept
    assert cli(demo_path, "set", "331081", "2021", "BEDS_PER_1000", "—", "--note", "").code == 0  # row gone
    book = workbooks.write_exchange(tmp_path / "b.xlsx", [["331081", "温岭市", 2021, "HOSPITAL_BEDS", "", "", 5000,
                                                            "扩建"]])
    assert cli(demo_path, "import", book).code == 0
    r = cli(demo_path, "verify")
    assert r.code == 0, r.out
