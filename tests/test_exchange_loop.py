"""County → city → county → city → province through workbooks alone (exchange format version 2).

Three stores, as three offices have: the county approves; the city sees it approved and returns it with a
reason and a note on one value; the county sees the return, corrects, resubmits, approves and sends again;
the city takes the newer workbook, refuses the older one, accepts; the province receives the city's counties
with their statuses. A workbook edited by hand after export comes in as data, not as approved.
"""

from __future__ import annotations

import shutil
import subprocess

import openpyxl
import pytest

from desktop.domain import ValueChange
from desktop.services import Services

COUNTY, CITY, YEAR = "331081", "331000", 2022  # 温岭市, 台州市
EXPLAINED = "本县当年未开展该项统计调查"


@pytest.fixture
def offices(tmp_path):
    paths = {}
    for name in ("county", "city", "province"):
        paths[name] = tmp_path / f"{name}.sqlite"
        with Services.init(paths[name]) as s:
            if name == "county":
                s.add_user("张三", "clerk")
                s.add_user("李四", "supervisor")
                values = {"BEDS_PER_1000": 4.6, "LIFE_EXPECTANCY": 81.5, "HOSPITAL_BEDS": 6200}
                s.apply_changes([ValueChange(COUNTY, YEAR, i.code, values.get(i.code),
                                             None if i.code in values else EXPLAINED) for i in s.indicators()],
                                source="test")
            else:
                s.add_user("王五", "supervisor")
    return paths


def _edit(src, dst, indicator, value):
    wb = openpyxl.load_workbook(src)
    ws = wb["数据"]
    head = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[head.index("指标代码")].value == indicator:
            row[head.index("数值")].value = value
    wb.save(dst)


def _approved_with_a_mark(cli, county, out) -> str:
    """The county marks its first empty indicator 不适用, submits, approves and exports the year to `out`;
    returns the indicator marked."""
    values = cli(county, "get", COUNTY, YEAR, "--json").json()["values"]
    code = sorted(c for c, v in values.items() if v["value"] is None)[0]
    assert cli(county, "mark-absent", COUNTY, YEAR, code, "--reason", "本县无三级医院", "--user", "张三").code == 0
    assert cli(county, "submit", COUNTY, YEAR, "--user", "张三").code == 0
    assert cli(county, "approve", COUNTY, YEAR, "--user", "李四").code == 0
    assert cli(county, "export", COUNTY, YEAR, "-o", out).code == 0
    return code


def test_the_loop_through_files_alone(offices, tmp_path, cli):
    county, city, province = offices["county"], offices["city"], offices["province"]
    c1, r1, c2, up = (tmp_path / n for n in ("c1.xlsx", "r1.xlsx", "c2.xlsx", "city.xlsx"))

    # the county approves and sends
    assert cli(county, "submit", COUNTY, YEAR, "--user", "张三").code == 0
    assert cli(county, "approve", COUNTY, YEAR, "--user", "李四").code == 0
    assert cli(county, "export", COUNTY, YEAR, "-o", c1).code == 0
    wb = openpyxl.load_workbook(c1)
    assert wb.sheetnames[:2] == ["数据", "状态"]
    status_sheet = {h.value: c.value for h, c in zip(wb["状态"][1], wb["状态"][2])}
    assert status_sheet["状态"] == "approved" and status_sheet["审核人"] == "李四" and status_sheet["提交人"] == "张三"
    assert len(status_sheet["数据摘要"]) == 64 and status_sheet["数据行数"] == 56

    # the city sees it approved, with who approved it and when
    r = cli(city, "import", c1)
    assert r.code == 0 and "草稿 → 已审核（李四" in r.out
    assert cli(city, "get", COUNTY, YEAR, "--json").json()["status"] == "approved"
    row = next(c for c in cli(city, "status", CITY, YEAR, "--json").json()["counties"] if c["region"] == COUNTY)
    county_audit = cli(county, "audit", COUNTY, YEAR, "--json").json()
    approved_at = next(a["at"] for a in county_audit if a["field"] == "status" and a["new"] == "approved")
    assert (row["status"], row["approved_by"], row["approved_at"], row["submitted_by"]) == \
        ("approved", "李四", approved_at, "张三")

    # the city returns it with a reason and a note on one value, and sends it back
    r = cli(city, "return", COUNTY, YEAR, "--user", "王五", "--reason", "床位数与卫健统计年报不一致",
            "--note", "HOSPITAL_BEDS=请按年报口径核对（年报为 6150 张）")
    assert r.code == 0, r.err
    assert cli(city, "export", COUNTY, YEAR, "-o", r1).code == 0
    assert "退回意见" in openpyxl.load_workbook(r1).sheetnames
    r = cli(county, "import", r1)
    assert r.code == 0 and "已审核 → 已退回（王五" in r.out
    got = cli(county, "get", COUNTY, YEAR, "--json").json()
    assert got["status"] == "returned" and got["status_reason"] == "床位数与卫健统计年报不一致"
    assert got["status_notes"] == {"HOSPITAL_BEDS": "请按年报口径核对（年报为 6150 张）"}
    text = cli(county, "get", COUNTY, YEAR).out
    assert "原因：床位数与卫健统计年报不一致" in text and "退回意见 医疗机构实有床位数：请按年报口径核对" in text
    trail = cli(county, "audit", COUNTY, YEAR, "--json", "--all").json()
    ret = [a for a in trail if a["field"] == "status" and a["new"] == "returned"]
    assert ret and ret[-1]["user"] == "王五" and ret[-1]["source"].startswith("import:r1.xlsx#")
    assert "｜上级决定｜由 admin 导入" in ret[-1]["source"] and ret[-1]["reason"] == "床位数与卫健统计年报不一致"
    assert any(a["field"] == "review" and a["indicator"] == "HOSPITAL_BEDS" and a["user"] == "王五" for a in trail)

    # the county corrects, resubmits, approves and sends again
    assert cli(county, "set", COUNTY, YEAR, "HOSPITAL_BEDS", "6150", "--user", "张三").code == 0
    assert cli(county, "submit", COUNTY, YEAR, "--user", "张三").code == 0
    assert cli(county, "approve", COUNTY, YEAR, "--user", "李四").code == 0
    assert cli(county, "get", COUNTY, YEAR, "--json").json()["status_notes"] == {}
    assert cli(county, "export", COUNTY, YEAR, "-o", c2).code == 0

    # at the city: the older workbook does not undo the return, the newer one replaces the city's copy
    r = cli(city, "import", c1)
    assert r.code == 0 and "文件中较早的“已审核”（李四" in r.out and "未采用" in r.out
    assert cli(city, "get", COUNTY, YEAR, "--json").json()["status"] == "returned"
    r = cli(city, "import", c2)
    assert r.code == 0 and "已退回 → 已审核（李四" in r.out, r.err
    assert "c2.xlsx：1 个地区年度，新增 0，修改 1，未变 55" in r.out
    got = cli(city, "get", COUNTY, YEAR, "--json").json()
    assert got["status"] == "approved" and got["values"]["HOSPITAL_BEDS"]["value"] == 6150

    # the city accepts: locked there, no edit, no workbook overwrites it
    assert cli(city, "accept", COUNTY, YEAR, "--user", "王五").code == 0
    assert cli(city, "get", COUNTY, YEAR, "--json").json()["status"] == "accepted"
    r = cli(city, "set", COUNTY, YEAR, "HOSPITAL_BEDS", "1")
    assert r.code == 1 and "上级接收" in r.err
    r = cli(city, "import", c1)  # older, with other figures: refused, naming the status cell
    assert r.code == 1 and "已由本单位接收" in r.err and "不能覆盖" in r.err and "c1.xlsx，状态!D2" in r.err
    r = cli(city, "import", c2)  # the same rows again: nothing changes, the older status is not taken
    assert r.code == 0 and "未采用" in r.out
    assert cli(city, "get", COUNTY, YEAR, "--json").json()["status"] == "accepted"
    city_trail = cli(city, "audit", COUNTY, YEAR, "--json").json()
    assert [(a["new"], a["user"]) for a in city_trail if a["field"] == "status"] == [
        ("submitted", "张三"), ("approved", "李四"), ("returned", "王五"), ("submitted", "张三"),
        ("approved", "李四"), ("accepted", "王五")]

    # the province receives the city's counties with their statuses
    assert cli(city, "export", CITY, YEAR, "-o", up).code == 0
    r = cli(province, "import", up)
    assert r.code == 0 and "草稿 → 已接收（王五" in r.out
    row = next(c for c in cli(province, "status", CITY, YEAR, "--json").json()["counties"] if c["region"] == COUNTY)
    assert (row["status"], row["submitted_by"], row["approved_by"]) == ("accepted", "张三", "李四")
    assert cli(province, "get", COUNTY, YEAR, "--json").json()["values"]["HOSPITAL_BEDS"]["value"] == 6150


def test_a_workbook_edited_by_hand_comes_in_as_data_not_as_approved(offices, tmp_path, cli):
    county, city = offices["county"], offices["city"]
    assert cli(county, "submit", COUNTY, YEAR, "--user", "张三").code == 0
    assert cli(county, "approve", COUNTY, YEAR, "--user", "李四").code == 0
    assert cli(county, "export", COUNTY, YEAR, "-o", tmp_path / "c1.xlsx").code == 0
    _edit(tmp_path / "c1.xlsx", tmp_path / "edited.xlsx", "HOSPITAL_BEDS", 6300)
    r = cli(city, "import", tmp_path / "edited.xlsx", "--dry-run")
    assert r.code == 0 and "摘要不符" in r.out
    r = cli(city, "import", tmp_path / "edited.xlsx")
    assert r.code == 0 and "摘要不符" in r.out and "未采用文件中的状态“已审核”" in r.out
    got = cli(city, "get", COUNTY, YEAR, "--json").json()
    assert got["status"] == "draft" and got["values"]["HOSPITAL_BEDS"]["value"] == 6300
    # the untouched workbook then brings the approval (and the county's figure back)
    r = cli(city, "import", tmp_path / "c1.xlsx")
    assert r.code == 0 and "草稿 → 已审核" in r.out
    got = cli(city, "get", COUNTY, YEAR, "--json").json()
    assert got["status"] == "approved" and got["values"]["HOSPITAL_BEDS"]["value"] == 6200


def test_a_hand_edited_workbook_cannot_unlock_an_approved_year(offices, tmp_path, cli):
    county, city = offices["county"], offices["city"]
    cli(county, "submit", COUNTY, YEAR, "--user", "张三")
    cli(county, "approve", COUNTY, YEAR, "--user", "李四")
    cli(county, "export", COUNTY, YEAR, "-o", tmp_path / "c1.xlsx")
    assert cli(city, "import", tmp_path / "c1.xlsx").code == 0
    _edit(tmp_path / "c1.xlsx", tmp_path / "edited.xlsx", "HOSPITAL_BEDS", 6300)
    r = cli(city, "import", tmp_path / "edited.xlsx")
    assert r.code == 1 and "已审核通过，只读" in r.err
    assert cli(city, "get", COUNTY, YEAR, "--json").json()["values"]["HOSPITAL_BEDS"]["value"] == 6200


def test_accept_is_for_a_supervisor_on_an_approved_year(offices, cli):
    county = offices["county"]
    r = cli(county, "accept", COUNTY, YEAR, "--user", "李四")
    assert r.code == 1 and "只有“已审核”的数据可以接收" in r.err
    cli(county, "submit", COUNTY, YEAR, "--user", "张三")
    cli(county, "approve", COUNTY, YEAR, "--user", "李四")
    r = cli(county, "accept", COUNTY, YEAR, "--user", "张三")
    assert r.code == 1 and "无权接收" in r.err
    r = cli(county, "return", COUNTY, YEAR, "--user", "李四", "--reason", "x", "--note", "NO_SUCH=看看")
    assert r.code == 1 and "NO_SUCH" in r.err
    assert cli(county, "get", COUNTY, YEAR, "--json").json()["status"] == "approved"


def test_an_older_workbook_with_other_figures_is_refused_over_a_newer_approval(offices, tmp_path, cli):
    county, city = offices["county"], offices["city"]
    cli(county, "submit", COUNTY, YEAR, "--user", "张三")
    cli(county, "approve", COUNTY, YEAR, "--user", "李四")
    cli(county, "export", COUNTY, YEAR, "-o", tmp_path / "c1.xlsx")
    cli(county, "reopen", COUNTY, YEAR, "--user", "李四", "--reason", "统计局更正床位数")
    cli(county, "set", COUNTY, YEAR, "HOSPITAL_BEDS", "6150", "--user", "张三")
    cli(county, "submit", COUNTY, YEAR, "--user", "张三")
    cli(county, "approve", COUNTY, YEAR, "--user", "李四")
    cli(county, "export", COUNTY, YEAR, "-o", tmp_path / "c2.xlsx")
    assert cli(city, "import", tmp_path / "c2.xlsx").code == 0
    r = cli(city, "import", tmp_path / "c1.xlsx")  # the first approval, with the old figure
    assert r.code == 1 and "c1.xlsx，状态!D2" in r.err and "较旧的工作簿不能覆盖" in r.err
    assert "已审核通过，只读" not in r.err  # said once, by the status cell
    got = cli(city, "get", COUNTY, YEAR, "--json").json()
    assert got["status"] == "approved" and got["values"]["HOSPITAL_BEDS"]["value"] == 6150


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_a_workbook_saved_again_by_an_office_suite_keeps_its_status(offices, tmp_path, cli, fmt):
    """Opened and saved again (here: LibreOffice, as .xls or .ods) without an edit: the digest still fits."""
    if fmt == "xls":
        pytest.importorskip("xlrd")
    county, city = offices["county"], offices["city"]
    code = _approved_with_a_mark(cli, county, tmp_path / "c1.xlsx")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to",
                    fmt, "--outdir", str(tmp_path / "out"), str(tmp_path / "c1.xlsx")], check=True,
                   capture_output=True, timeout=180)
    r = cli(city, "import", tmp_path / "out" / f"c1.{fmt}")
    assert r.code == 0 and "草稿 → 已审核（李四" in r.out and "摘要不符" not in r.out, r.out + r.err
    got = cli(city, "get", COUNTY, YEAR, "--json").json()
    assert got["status"] == "approved" and got["values"]["HOSPITAL_BEDS"]["value"] == 6200
    assert got["absent"] == {code: {"kind": "na", "reason": "本县无三级医院"}}  # the mark travels too


def test_marks_not_applicable_travel_with_the_status(offices, tmp_path, cli):
    """不适用 / 本年未统计 marks go from county to city with the approval; one taken away at the county is taken
    away at the city by the next workbook; the same workbook again changes nothing."""
    county, city = offices["county"], offices["city"]
    c1, c2 = tmp_path / "c1.xlsx", tmp_path / "c2.xlsx"
    values = cli(county, "get", COUNTY, YEAR, "--json").json()["values"]
    empty = sorted(code for code, v in values.items() if v["value"] is None)
    na, uncollected = empty[0], empty[1]
    assert cli(county, "mark-absent", COUNTY, YEAR, na, "--reason", "本县无三级医院", "--user", "张三").code == 0
    assert cli(county, "mark-absent", COUNTY, YEAR, uncollected, "--kind", "uncollected",
               "--reason", "省里今年未布置该项调查", "--user", "张三").code == 0
    assert cli(county, "submit", COUNTY, YEAR, "--user", "张三").code == 0
    assert cli(county, "approve", COUNTY, YEAR, "--user", "李四").code == 0
    assert cli(county, "export", COUNTY, YEAR, "-o", c1).code == 0
    wb = openpyxl.load_workbook(c1)
    marks_sheet = [[c.value for c in row] for row in wb["不适用标记"].iter_rows()]
    assert marks_sheet[0] == ["地区代码", "地区名称", "年份", "指标代码", "指标名称", "标记", "标记名称", "原因"]
    assert sorted((r[3], r[5], r[6], r[7]) for r in marks_sheet[1:]) == sorted(
        [(na, "na", "不适用", "本县无三级医院"), (uncollected, "uncollected", "本年未统计", "省里今年未布置该项调查")])

    r = cli(city, "import", c1)
    assert r.code == 0 and "草稿 → 已审核（李四" in r.out, r.out + r.err
    assert "不适用标记 温岭市 2022年：标记或更新 2 项" in r.out
    got = cli(city, "get", COUNTY, YEAR, "--json").json()
    assert got["status"] == "approved"
    assert got["absent"] == {na: {"kind": "na", "reason": "本县无三级医院"},
                             uncollected: {"kind": "uncollected", "reason": "省里今年未布置该项调查"}}
    trail = cli(city, "audit", COUNTY, YEAR, "--json", "--all").json()
    marks = [a for a in trail if a["field"] == "absent"]
    assert sorted((a["indicator"], a["new"], a["reason"]) for a in marks) == sorted(
        [(na, "na", "本县无三级医院"), (uncollected, "uncollected", "省里今年未布置该项调查")])
    assert all(a["source"].startswith("import:c1.xlsx#") and "由 admin 导入" in a["source"] for a in marks)

    # the same workbook again: nothing changes, no new audit row
    r = cli(city, "import", c1)
    assert r.code == 0 and "不适用标记" not in r.out
    assert cli(city, "get", COUNTY, YEAR, "--json").json()["absent"] == got["absent"]
    assert len(cli(city, "audit", COUNTY, YEAR, "--json", "--all").json()) == len(trail)

    # the county takes one mark away, enters the figure, approves again and sends
    assert cli(county, "reopen", COUNTY, YEAR, "--user", "李四", "--reason", "该项已补充调查").code == 0
    assert cli(county, "clear-absent", COUNTY, YEAR, uncollected, "--user", "张三").code == 0
    assert cli(county, "set", COUNTY, YEAR, uncollected, "12", "--user", "张三").code == 0
    assert cli(county, "submit", COUNTY, YEAR, "--user", "张三").code == 0
    assert cli(county, "approve", COUNTY, YEAR, "--user", "李四").code == 0
    assert cli(county, "export", COUNTY, YEAR, "-o", c2).code == 0

    r = cli(city, "import", c2)
    assert r.code == 0 and "状态 温岭市 2022年：已审核 → 已审核（李四" in r.out, r.out + r.err
    assert "不适用标记 温岭市 2022年：取消 1 项" in r.out
    got = cli(city, "get", COUNTY, YEAR, "--json").json()
    assert got["status"] == "approved"
    assert got["absent"] == {na: {"kind": "na", "reason": "本县无三级医院"}}
    assert got["values"][uncollected]["value"] == 12
    gone = [a for a in cli(city, "audit", COUNTY, YEAR, "--json", "--all").json()
            if a["field"] == "absent" and a["indicator"] == uncollected and a["new"] is None]
    assert len(gone) == 1


def test_a_mark_edited_by_hand_breaks_the_digest(offices, tmp_path, cli):
    """The digest covers the marks: a reason changed in Excel brings the rows as data, not the approval."""
    county, city = offices["county"], offices["city"]
    _approved_with_a_mark(cli, county, tmp_path / "c1.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "c1.xlsx")
    wb["不适用标记"]["H2"] = "本县没有三级医院，改过"
    wb.save(tmp_path / "edited.xlsx")
    r = cli(city, "import", tmp_path / "edited.xlsx")
    assert r.code == 0 and "摘要不符" in r.out
    got = cli(city, "get", COUNTY, YEAR, "--json").json()
    assert got["status"] == "draft" and "absent" not in got


def test_a_workbook_written_before_marks_travelled_still_verifies(offices, tmp_path, cli):
    """A version-2 file without the sheet 不适用标记 (written before marks travelled) keeps its digest and
    its approval, and takes away no mark the receiving store holds."""
    county, city = offices["county"], offices["city"]
    values = cli(county, "get", COUNTY, YEAR, "--json").json()["values"]
    code = sorted(c for c, v in values.items() if v["value"] is None)[0]
    assert cli(city, "mark-absent", COUNTY, YEAR, code, "--reason", "本县无三级医院").code == 0
    cli(county, "submit", COUNTY, YEAR, "--user", "张三")
    cli(county, "approve", COUNTY, YEAR, "--user", "李四")
    cli(county, "export", COUNTY, YEAR, "-o", tmp_path / "c1.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "c1.xlsx")
    assert wb["不适用标记"].max_row == 1  # the header alone: nothing marked at the county
    del wb["不适用标记"]
    wb.save(tmp_path / "old.xlsx")
    r = cli(city, "import", tmp_path / "old.xlsx")
    assert r.code == 0 and "草稿 → 已审核（李四" in r.out and "摘要不符" not in r.out, r.out + r.err
    got = cli(city, "get", COUNTY, YEAR, "--json").json()
    assert got["status"] == "approved" and got["absent"] == {code: {"kind": "na", "reason": "本县无三级医院"}}
