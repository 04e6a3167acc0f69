"""Tables saved as text (desktop.exchange.texttable): CSV in UTF-8 or GBK, tab-separated .txt, a .csv renamed
.xls as statistics systems export it; read by the same layouts as a sheet, errors named by the file's cells."""

from __future__ import annotations

import pytest

from desktop.errors import AppError
from desktop.exchange import import_files, plan_import


def values(plan) -> dict:
    return {(c.region, c.year, c.indicator): c.value for c in plan.changes}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_the_exchange_columns_in_a_csv_of_each_encoding_an_office_writes(services, tmp_path, encoding):
    path = tmp_path / "上报.csv"
    path.write_text("地区代码,地区名称,年份,指标名称,数值,说明\n"
                    "330302,鹿城区,2023,常住人口,95.1,\n"
                    '330302,鹿城区,2023年,医疗机构实有床位数,"8,120",含民营医院\n'
                    "330302,鹿城区,2023,家庭医生签约率,46.2%,\n", encoding=encoding)
    plan = plan_import(services, [path])
    assert plan.ok, [str(e) for e in plan.errors]
    assert values(plan) == {("330302", 2023, "POP_RESIDENT"): 95.1, ("330302", 2023, "HOSPITAL_BEDS"): 8120,
                            ("330302", 2023, "FAMILY_DOCTOR_RATE"): 46.2}
    assert {c.indicator: c.note for c in plan.changes}["HOSPITAL_BEDS"] == "含民营医院"


def test_a_tab_separated_table_of_counties_under_a_title(services, tmp_path):
    """A title line, then counties × indicators with units in brackets: the year from the title, the region of
    each row; a wrong figure is named at its row and column as Excel would show them."""
    path = tmp_path / "各县.txt"
    path.write_text("温州市2023年各县指标\n"
                    "县（市、区）\t常住人口（万人）\t人均期望寿命（岁）\n"
                    "鹿城区\t95.1\t82.3\n"
                    "龙湾\t78.3\t82.0\n", encoding="gb18030")
    plan = plan_import(services, [path])
    assert plan.ok, [str(e) for e in plan.errors]
    assert values(plan) == {("330302", 2023, "POP_RESIDENT"): 95.1, ("330302", 2023, "LIFE_EXPECTANCY"): 82.3,
                            ("330303", 2023, "POP_RESIDENT"): 78.3, ("330303", 2023, "LIFE_EXPECTANCY"): 82.0}
    path.write_text(path.read_text(encoding="gb18030").replace("82.0", "八十二"), encoding="gb18030")
    errors = [str(e) for e in plan_import(services, [path]).errors]
    assert len(errors) == 1 and errors[0].startswith("文件 各县.txt，各县!C4：数值 '八十二' 无效"), errors


def test_a_csv_renamed_xls_is_read_and_the_import_commits(services, tmp_path):
    path = tmp_path / "导出.xls"  # what some systems' 导出Excel writes
    path.write_bytes("地区名称,年份,指标名称,数值\n瑞安市,2023,常住人口,154.1\n".encode("gb18030"))
    import_files(services, [path])
    assert services.get_region_year("330381", 2023).values["POP_RESIDENT"].value == 154.1


def test_a_text_that_is_no_table_or_no_known_encoding_is_refused_with_the_reason(services, tmp_path):
    path = tmp_path / "乱码.csv"
    path.write_bytes(b"\xff\xfe\x00" + bytes(range(1, 40)) * 3)
    plan = plan_import(services, [path])
    assert not plan.ok and "乱码.csv" in str(plan.errors[0]), [str(e) for e in plan.errors]
    path = tmp_path / "通知.csv"
    path.write_text("各县卫生健康局：\n请于3月1日前报送。\n", encoding="utf-8")
    plan = plan_import(services, [path])
    assert not plan.ok and "找不到数据表" in str(plan.errors[0])
    with pytest.raises(AppError):
        import_files(services, [path])
    assert services.get_region_year("330381", 2023).values == {}


def test_a_field_too_long_for_a_cell_is_refused_before_anything_is_stored(services, tmp_path):
    path = tmp_path / "长.csv"
    path.write_text("地区名称,年份,指标名称,数值,说明\n瑞安市,2023,常住人口,154.1," + "长" * 40_000 + "\n",
                    encoding="utf-8")
    plan = plan_import(services, [path])
    assert not plan.ok and "长.csv" in str(plan.errors[0]) and "32767" in str(plan.errors[0]), plan.errors
