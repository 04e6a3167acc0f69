"""Reports: the report data, the PDF read back with pdftotext/pdffonts, the CLI, bad input."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from desktop.db import repo
from desktop.domain import ValueChange
from desktop.errors import AppError, UsageError
from desktop.reports import ReportCancelled, comparison_data, report_data, suggested_filename, write_report
from desktop.aggregate.core import ranks

WENLING, WENZHOU, ZHEJIANG = "331081", "330300", "330000"
LUCHENG, LONGWAN, OUHAI = "330302", "330303", "330304"

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def seed(services) -> None:
    """Several years of 温岭市 with a gap, targets, a warning, an error and notes; a few 温州 counties."""
    rows = {
        "LIFE_EXPECTANCY": {2016: 78.5, 2017: 78.9, 2018: 79.1, 2019: 79.4, 2021: 79.65},
        "HOSPITAL_BEDS": {2019: 4120, 2020: 4310, 2021: 4839},
        "PREMATURE_NCD_MORTALITY": {2020: 9.8, 2021: 9.06},
        "HEALTH_LITERACY": {2019: 9.5, 2020: 10.0, 2021: 35.5},
        "BEDS_PER_1000": {2020: 5.0, 2021: 7.5},
        "TCM_LITERACY": {2021: 120},
        "POP_RESIDENT": {2020: 141.5, 2021: 141.92},
    }
    changes = [ValueChange(WENLING, y, code, v) for code, by_year in rows.items() for y, v in by_year.items()]
    changes.append(ValueChange(WENLING, 2021, "HEALTH_LITERACY", 35.5,
                               "S&P <img src=http://example.invalid/x.png> 健康促进行动覆盖全部乡镇，监测口径调整"))
    for code, values in {"LIFE_EXPECTANCY": {LUCHENG: 82.1, LONGWAN: 81.5, OUHAI: 82.1, WENZHOU: 81.9},
                         "PREMATURE_NCD_MORTALITY": {LUCHENG: 9.5, LONGWAN: 8.7},
                         "HOSPITAL_BEDS": {LUCHENG: 12034, OUHAI: 3980}}.items():
        changes += [ValueChange(region, 2021, code, v) for region, v in values.items()]
    services.apply_changes(changes, source="cli")
    services.set_target(WENLING, 2021, "LIFE_EXPECTANCY", 79)
    services.set_target(WENLING, 2021, "PREMATURE_NCD_MORTALITY", 9)


def set_status(services, region: str, year: int, steps: list[tuple[str, str]]) -> None:
    """Status changes as the workflow records them: (user, new status), each with its audit row."""
    from desktop.domain import Dataset

    with services.store.write() as db:
        for user, new in steps:
            old = repo.get_dataset(db, region, year).status
            repo.put_dataset(db, Dataset(region, year, new, repo.now(), user, ""))
            repo.add_audit(db, user=user, field="status", old=old, new=new, source="cli", region=region, year=year)


@pytest.fixture
def seeded(services):
    seed(services)
    return services


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def pdf_pages(path) -> list[str]:
    return pdf_text(path).split("\f")[:-1]


def pdf_fonts(path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


# ---- report data -------------------------------------------------------------------------------------

def row_of(data, code):
    return next(r for s in data.sections for r in s.rows if r.indicator.code == code)


def test_report_data_prior_change_target_and_trend(seeded):
    data = report_data(seeded, "温岭市", 2021)
    assert data.title == "温岭市 2021年 卫生健康指标汇总"
    life = row_of(data, "LIFE_EXPECTANCY")
    assert (life.value, life.prior.year, life.prior.value, life.prior_is_gap) == (79.65, 2019, 79.4, True)
    assert life.change == pytest.approx(0.25) and life.change_pct == pytest.approx(0.31)
    assert life.met is True
    ncd = row_of(data, "PREMATURE_NCD_MORTALITY")  # lower is better: 9.06 misses 9.00
    assert ncd.met is False and ncd.prior_is_gap is False
    trend = next(t for t in data.trends if t.indicator.code == "LIFE_EXPECTANCY")
    assert trend.points == [(2017, 78.9), (2018, 79.1), (2019, 79.4), (2021, 79.65)]  # 2016 is out of the five
    assert not any(t.indicator.code == "TCM_LITERACY" for t in data.trends)  # one year is no trend
    assert row_of(data, "BEDS_PER_1000").flag == "warning"
    assert row_of(data, "TCM_LITERACY").flag == "error"
    assert row_of(data, "HEALTH_LITERACY").flag == ""  # its warning is explained by the note
    assert "POP_ELDERLY_60" in {i.code for i in data.missing}


def test_ranks_follow_direction_with_ties_and_gaps():
    assert ranks({"a": 82.1, "b": 81.5, "c": 82.1}, 1) == {"a": 1, "b": 3, "c": 1}
    assert ranks({"a": 9.5, "b": 8.7}, -1) == {"a": 2, "b": 1}


def crow(data, code):
    return next(r for r in data.rows if r.indicator.code == code)


def test_comparison_data_counties_parent_and_ranks(seeded):
    data = comparison_data(seeded, "温州市", 2021)
    assert [c.code for c in data.counties][:3] == [LUCHENG, LONGWAN, OUHAI] and len(data.counties) == 12
    life = crow(data, "LIFE_EXPECTANCY")
    assert (life.parent.method, life.parent.value, life.parent.own, life.parent.shown) == ("none", None, 81.9, 81.9)
    four = [LUCHENG, LONGWAN, OUHAI, "330305"]
    assert [life.cells[c].value for c in four] == [82.1, 81.5, 82.1, None]
    assert [life.cells[c].rank for c in four] == [1, 3, 1, None]
    assert life.stats == {"n": 3, "min": 81.5, "median": 82.1, "max": 82.1}
    ncd = crow(data, "PREMATURE_NCD_MORTALITY")
    assert (ncd.cells[LUCHENG].rank, ncd.cells[LONGWAN].rank) == (2, 1)  # lower is better
    beds = crow(data, "HOSPITAL_BEDS")
    assert not beds.comparable and beds.cells[LUCHENG].rank is None
    assert beds.parent.value == 12034 + 3980 and (beds.parent.reported, beds.parent.of) == (2, 12)
    assert beds.cells[LUCHENG].share == pytest.approx(12034 / 16014 * 100)
    assert data.completeness_line.startswith("已报 3/12，未报：洞头区、")
    assert len(comparison_data(seeded, ZHEJIANG, 2021).counties) == 90


def test_suggested_filename(seeded):
    assert suggested_filename(seeded, "331081", 2021, "pdf") == "温岭市_2021_汇总.pdf"
    assert suggested_filename(seeded, "温州市", 2023, ".xlsx") == "温州市_2023_各县对比.xlsx"


# ---- the county-year PDF -------------------------------------------------------------------------------

@needs_poppler
def test_summary_pdf_text_figures_and_fonts(seeded, tmp_path):
    path = write_report(seeded, WENLING, 2021, tmp_path / "温岭.pdf")
    text = pdf_text(path)
    assert "温岭市 2021年 卫生健康指标汇总" in text
    assert "草稿" in text
    for head in ("指标", "单位", "本年", "上年", "增减", "增减%", "目标", "达标"):
        assert head in text
    lines = {line.split()[0]: line.split() for line in text.splitlines() if line.split()}
    # the indicator's decimals, no thousands separators, the prior's year named when it is not the year before
    assert lines["人均期望寿命"][2:] == ["79.65", "79.40(2019年)", "+0.25", "+0.31", "79.00", "是"]
    assert lines["医疗机构实有床位数"][2:5] == ["4839", "4310", "+529"]
    assert lines["重大慢性病过早死亡率"][-1] == "否"
    assert "4,839" not in text
    # warnings and errors marked in the table and listed with their messages and notes
    assert "每千人口医疗机构床位数［警告］" in text
    assert "中医药健康文化素养水平［错误］" in text
    assert "审核结果" in text and "填报说明" in text
    flat = re.sub(r"\s+", "", text)
    assert "S&P<imgsrc=http://example.invalid/x.png>健康促进行动覆盖全部乡镇" in flat
    assert "近五年趋势（2017–2021年）" in text
    for label in ("填报人", "审核人", "单位负责人", "日期", "单位盖章"):
        assert label in text
    pages = pdf_pages(path)
    for n, page in enumerate(pages, start=1):
        assert f"第{n}页/共{len(pages)}页" in re.sub(r"\s+", "", page)
        assert "生成时间" in page
    fonts = pdf_fonts(path)
    assert fonts and all(f[-5] == "yes" and f[-4] == "yes" for f in fonts), fonts  # emb, sub
    assert not any("Helvetica" in f[0] for f in fonts)


@needs_poppler
def test_approved_report_has_stamp_signatures_and_chain_head(seeded, tmp_path):
    set_status(seeded, WENLING, 2021, [("张三", "submitted"), ("李四", "returned"), ("张三", "draft"),
                                       ("王五", "submitted"), ("赵六", "approved")])
    data = report_data(seeded, WENLING, 2021)
    assert (data.signatures.clerk, data.signatures.supervisor) == ("王五", "赵六")
    text = pdf_text(write_report(seeded, WENLING, 2021, tmp_path / "a.pdf"))
    assert "已审核" in text and "草稿" not in text
    assert re.search(r"填报人：\s*王五", text) and re.search(r"审核人：\s*赵六", text)
    assert seeded.audit_chain_head() in re.sub(r"\s+", "", text)


def test_submitted_report_names_the_clerk_only(seeded):
    set_status(seeded, WENLING, 2021, [("王五", "submitted")])
    s = report_data(seeded, WENLING, 2021).signatures
    assert (s.clerk, s.supervisor) == ("王五", "")
    assert report_data(seeded, WENLING, 2020).signatures.clerk == ""


@needs_poppler
def test_region_year_without_values_says_so(seeded, tmp_path):
    text = pdf_text(write_report(seeded, "330305", 2021, tmp_path / "empty.pdf"))
    assert "洞头区 2021年尚无任何指标数值" in text
    assert not any("Helvetica" in f[0] or f[-5] != "yes" for f in pdf_fonts(tmp_path / "empty.pdf"))
    text = pdf_text(write_report(seeded, "330200", 2021, tmp_path / "ningbo.pdf"))
    assert "宁波市及所辖各县 2021年尚无任何指标数值" in text


@needs_poppler
def test_names_outside_the_font_do_not_crash_or_vanish(seeded, tmp_path):
    from desktop.domain import Region

    with seeded.store.write() as db:
        repo.upsert_regions(db, [Region(WENLING, "温岭𠀀市", "county", "331000")])
    seeded._regions_cache = None
    seeded.set_note(WENLING, 2021, "POP_RESIDENT", "含流动人口😀统计口径调整说明")
    path = write_report(seeded, WENLING, 2021, tmp_path / "x.pdf")
    text = pdf_text(path)
    assert "温岭□市 2021年 卫生健康指标汇总" in text
    assert "U+20000" in text
    from desktop.reports import fonts

    if 0x1F600 in fonts._fallback():  # a system TrueType font has it: printed in that font
        assert "😀" in text
    else:
        assert "U+1F600" in text
    assert all(f[-5] == "yes" for f in pdf_fonts(path))
    write_report(seeded, WENLING, 2021, tmp_path / "x.xlsx")


# ---- the comparison PDF --------------------------------------------------------------------------------

@needs_poppler
def test_comparison_pdf_counties_as_rows_with_their_values(seeded, tmp_path):
    path = write_report(seeded, WENZHOU, 2021, tmp_path / "wz.pdf")
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    w, h = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert w > h
    pages = pdf_pages(path)
    assert len(pages) <= 6
    for page in pages[:-1]:  # the header on every page of tables
        assert "县（市、区）" in page and "数值" in page
    text = "\n".join(pages)
    assert "温州市 2021年 各县（市、区）卫生健康指标对比" in text
    assert "已报 3/12，未报：洞头区" in text
    lines = text.splitlines()
    # a county's name stands on the line of its values: population and elderly (—), life expectancy and rank, …
    lucheng = next(line.split() for line in lines if line.strip().startswith("鹿城区"))
    assert lucheng[:8] == ["鹿城区", "草稿", "—", "—", "82.10", "1", "9.50", "2"]
    longwan = next(line.split() for line in lines if line.strip().startswith("龙湾区"))
    assert longwan[:8] == ["龙湾区", "草稿", "—", "—", "81.50", "3", "8.70", "1"]
    city = next(line.split() for line in lines if line.strip().startswith("温州市") and "汇总" in line)
    assert "81.90" in city
    dongtou = next(line.split() for line in lines if line.strip().startswith("洞头区"))
    assert dongtou[1] == "未填报"
    beds = next(line.split() for line in lines if line.strip().startswith("鹿城区") and "12034" in line)
    assert beds[beds.index("12034") + 1] == "75.1"  # its share of the counties' total, not a rank
    assert "制表人" in text and "审核人" in text and "日期" in text
    assert all(f[-5] == "yes" for f in pdf_fonts(path))


@needs_poppler
def test_province_comparison_has_all_counties_grouped_by_city(seeded, tmp_path):
    path = write_report(seeded, ZHEJIANG, 2021, tmp_path / "zj.pdf")
    pages = pdf_pages(path)
    assert len(pages) <= 20  # 90 counties on full landscape pages, not 26 pages of 7
    text = "\n".join(pages)
    for name in ("上城区", "鹿城区", "温岭市", "龙港市"):
        assert name in text
    lines = [line.strip() for line in pages[0].splitlines() if line.strip()]
    starts = [line.split()[0] for line in lines if line.split()]
    # each city's computed row comes before its counties
    assert starts.index("杭州市") < starts.index("上城区") < starts.index("宁波市") < starts.index("海曙区")
    wenling = next(line.split() for line in text.splitlines() if line.strip().startswith("温岭市"))
    assert "79.65" in wenling


# ---- bad input, progress, cancel, CLI ------------------------------------------------------------------

def test_unwritable_path_gives_clear_error_and_no_file(seeded, tmp_path):
    with pytest.raises(AppError, match="无法写入报表文件.*不存在"):
        write_report(seeded, WENLING, 2021, tmp_path / "no" / "such" / "r.pdf")
    (tmp_path / "dir.pdf").mkdir()
    with pytest.raises(AppError, match="文件夹"):
        write_report(seeded, WENLING, 2021, tmp_path / "dir.pdf")
    with pytest.raises(UsageError, match=r"\.pdf 或 \.xlsx"):
        write_report(seeded, WENLING, 2021, tmp_path / "r.docx")
    if os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        try:
            with pytest.raises(AppError, match="权限"):
                write_report(seeded, WENLING, 2021, locked / "r.pdf")
        finally:
            locked.chmod(0o700)
        assert list(locked.iterdir()) == []


def test_failed_write_keeps_the_old_file_and_leaves_no_part_file(seeded, tmp_path, monkeypatch):
    path = tmp_path / "r.pdf"
    path.write_bytes(b"old report")
    from desktop.reports import pdf

    def boom(data, p):
        p.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pdf, "write_summary", boom)
    with pytest.raises(AppError, match="No space left"):
        write_report(seeded, WENLING, 2021, path)
    assert path.read_bytes() == b"old report"
    assert not any(p.name.endswith(".part") for p in tmp_path.iterdir())


def test_progress_and_cancel(seeded, tmp_path):
    seen = []
    write_report(seeded, WENZHOU, 2021, tmp_path / "c.xlsx", progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1] and len(seen) >= 3
    assert all(isinstance(d, int) and isinstance(t, int) for d, t in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    calls = iter(range(100))
    with pytest.raises(ReportCancelled):
        write_report(seeded, WENZHOU, 2021, tmp_path / "x.pdf", cancelled=lambda: next(calls) >= 2)
    assert not (tmp_path / "x.pdf").exists()
    assert not any(p.name.endswith(".part") for p in tmp_path.iterdir())


@needs_poppler
def test_cli_report(cli, db_path, tmp_path):
    from desktop.services import Services

    s = Services.open(db_path)
    seed(s)
    s.close()
    out = tmp_path / "温岭.pdf"
    r = cli(db_path, "report", "温岭市", "2021", "-o", out)
    assert r.code == 0 and out.exists() and str(out) in r.out
    assert "温岭市 2021年 卫生健康指标汇总" in pdf_text(out)
    r = cli(db_path, "report", "330300", "2021", "-o", tmp_path / "wz.xlsx")
    assert r.code == 0 and (tmp_path / "wz.xlsx").exists()
    r = cli(db_path, "report", "331081", "2021", "-o", tmp_path / "r.txt")
    assert r.code == 2 and ".pdf 或 .xlsx" in r.err
    r = cli(db_path, "report", "不存在县", "2021", "-o", tmp_path / "r.pdf")
    assert r.code == 1 and "未知地区" in r.err and "Traceback" not in r.err
    r = cli(db_path, "report", "331081", "2021", "-o", tmp_path / "nodir" / "r.pdf")
    assert r.code == 1 and "无法写入报表文件" in r.err


def test_core_stays_headless():
    code = "import desktop.reports, desktop.reports.data, sys; print('PySide6' in sys.modules, 'reportlab' in sys.modules)"
    out = subprocess.run([os.sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=os.path.dirname(os.path.dirname(__file__))).stdout.split()
    assert out == ["False", "False"]
