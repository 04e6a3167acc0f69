"""The extract command: JSON as the contract says, a readable table, clear refusals."""

from __future__ import annotations

from pathlib import Path

SEEDS = Path(__file__).parent / "data" / "extraction_seeds"


def test_extract_json_lists_the_figures_of_the_year(cli, db_path):
    r = cli(db_path, "extract", SEEDS / "ruian_2021.txt", "--region", "瑞安市", "--year", "2021", "--json")
    assert r.code == 0, r.err
    data = r.json()
    assert isinstance(data, list) and len(data) >= 15
    assert all(set(d) == {"indicator", "value", "unit", "text", "start", "year"} for d in data)
    by_code = {d["indicator"]: d for d in data}
    assert by_code["NAT_DAILY_CAPACITY"]["value"] == 30000
    assert by_code["NAT_DAILY_CAPACITY"]["unit"] == "管"
    assert "3万管" in by_code["NAT_DAILY_CAPACITY"]["text"]
    original = (SEEDS / "ruian_2021.txt").read_text(encoding="utf-8")
    life = by_code["LIFE_EXPECTANCY"]
    assert life["value"] == 82.3 and life["year"] == 2021
    assert original[life["start"]:life["start"] + 40].replace("\n", "").startswith(life["text"][:10])


def test_extract_plan_gives_an_empty_list(cli, db_path):
    r = cli(db_path, "extract", SEEDS / "wenling_2021_plan.txt", "--region", "331081", "--year", "2021", "--json")
    assert r.code == 0 and r.json() == []


def test_extract_table_shows_names_and_stored_values(cli, demo_path):
    r = cli(demo_path, "extract", SEEDS / "wenzhou_2023h1.txt", "--region", "330300", "--year", "2023")
    assert r.code == 0, r.err
    assert "每千人口托位数" in r.out and "4.01" in r.out
    assert "＝" in r.out  # the demo store already holds these values
    assert "共 8 条建议值" in r.out


def test_extract_refusals(cli, db_path, tmp_path):
    r = cli(db_path, "extract", tmp_path / "none.txt", "--region", "瑞安市", "--year", "2021")
    assert r.code == 1 and "不存在" in r.err and "none.txt" in r.err
    r = cli(db_path, "extract", SEEDS / "ruian_2021.txt", "--region", "火星市", "--year", "2021")
    assert r.code == 1 and "未知地区" in r.err
    r = cli(db_path, "extract", SEEDS / "ruian_2021.txt", "--region", "瑞安市", "--year", "20x1")
    assert r.code == 1 and "年份无效" in r.err
    r = cli(db_path, "extract", SEEDS / "ruian_2021.txt", "--year", "2021")
    assert r.code == 2


def test_extract_warns_when_the_year_does_not_match_the_text(cli, db_path):
    r = cli(db_path, "extract", SEEDS / "ruian_2021.txt", "--region", "瑞安市", "--year", "2022", "--json")
    assert r.code == 0
    assert "2021年" in r.err and "请确认所选年份" in r.err


def test_extract_says_why_a_text_gives_nothing_and_flags_disagreement(cli, db_path, tmp_path):
    national = tmp_path / "national.txt"
    national.write_text("2021年我国卫生健康事业发展统计公报\n居民人均预期寿命为78.2岁。", encoding="utf-8")
    r = cli(db_path, "extract", national, "--region", "瑞安市", "--year", "2021")
    assert r.code == 0 and "没有提取到数值" in r.out and "其他地方" in r.out
    r = cli(db_path, "extract", national, "--region", "瑞安市", "--year", "2021", "--json")
    assert r.code == 0 and r.json() == [] and "其他地方" in r.err
    page = tmp_path / "report.html"
    page.write_text("<html><body><p>2021年，全市人均期望寿命达到82.3岁，配备急救车48辆。</p></body></html>",
                    encoding="utf-8")
    assert cli(db_path, "set", "瑞安市", "2021", "LIFE_EXPECTANCY", "81").code == 0
    r = cli(db_path, "extract", page, "--region", "瑞安市", "--year", "2021")
    assert r.code == 0, r.err
    assert "≠81.00" in r.out and "其中 1 条与库中数值不一致" in r.out
