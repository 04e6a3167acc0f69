"""Reading numbers as clerks write them."""

import pytest

from desktop.errors import InvalidValue
from desktop.numbers import bound_of, parse_value, split_remark


@pytest.mark.parametrize("raw, unit, expected", [
    ("4.65", "张", 4.65),
    ("4,839", "张", 4839.0),
    ("1,234,567.5", "人", 1234567.5),
    ("４８３９", "张", 4839.0),
    ("６５．３５％", "%", 65.35),
    ("65.35%", "%", 65.35),
    (" 82.3 岁", "岁", 82.3),
    ("1071张", "张", 1071.0),
    ("-3.5", "%", -3.5),
    ("−3.5", "%", -3.5),
    ("—", "%", None),
    ("-", "张", None),
    ("/", "张", None),
    ("", "张", None),
    (None, "张", None),
    (7, "张", 7.0),
    ("1 071", "张", 1071.0),
    ("1 071 张", "张", 1071.0),
])
def test_accepted(raw, unit, expected):
    assert parse_value(raw, unit) == expected


@pytest.mark.parametrize("raw, unit", [
    ("abc", "张"), ("4.5%", "张"), ("1,23", "张"), ("nan", "张"), ("inf", "张"),
    (True, "张"), (float("nan"), "张"), ("12 34", "张"),
])
def test_refused_with_reason(raw, unit):
    with pytest.raises(InvalidValue) as info:
        parse_value(raw, unit, where="数据!G7")
    assert "数据!G7" in str(info.value)


def test_printed_with_the_indicators_decimals_but_a_fraction_of_a_count_is_not_rounded_away():
    from desktop.catalog import read_indicators

    inds = {i.code: i for i in read_indicators()}
    assert inds["AMBULANCES"].format(48.0) == "48"
    assert inds["AMBULANCES"].format(4.8) == "4.8"  # a format error stays visible
    assert inds["BEDS_PER_1000"].format(4.656) == "4.66"
    assert inds["HOSPITAL_BEDS"].format(4839) == "4839"  # no thousands separator
    assert inds["BEDS_PER_1000"].format(None) == ""


def test_a_large_fraction_of_a_count_keeps_every_digit():
    from desktop.catalog import read_indicators
    from desktop.domain import plain_number

    inds = {i.code: i for i in read_indicators()}
    assert inds["HOSPITAL_BEDS"].format(1234567.5) == "1234567.5"
    assert plain_number(3500000.0) == "3500000" and plain_number(140.123456789) == "140.123456789"
    assert plain_number(1e-7) == "0.0000001" and plain_number(-0.5) == "-0.5"


@pytest.mark.parametrize("written,unit,kind,same", [
    ("张/千人", "张", "per1000", True), ("张/千人口", "张", "per1000", True), ("人/千常住人口", "人", "per1000", True),
    ("人/万人", "人", "per10000", True), ("张/万人", "张", "per1000", False),  # another base is another figure
    ("/10万", "1/10万", "per100k", True), ("1/100000", "1/10万", "per100k", True), ("百分比", "%", "rate", True),
    ("％", "%", "rate", True), ("千分率", "‰", "permille", True), ("床", "张", "count", True),
    ("人", "万人", "count", False), ("‰", "%", "rate", False), ("岁", "%", "rate", False),
])
def test_a_unit_written_in_other_words_is_the_same_unit(written, unit, kind, same):
    from desktop.numbers import same_unit

    assert same_unit(written, unit, kind) is same


@pytest.mark.parametrize("raw,unit,value", [
    ("8.12万", "人", 81200), ("8.12万人", "人", 81200), ("1.2万", "张", 12000), ("0.07万", "人", 700),
    ("87.5万", "万人", 87.5), ("87.5万人", "万人", 87.5),
])
def test_a_trailing_wan_counts_ten_thousands_or_is_the_units_own(raw, unit, value):
    assert parse_value(raw, unit) == value  # exactly: 8.12 × 10000 in floats is 81199.99999999999


@pytest.mark.parametrize("raw,unit", [("3万", "%"), ("2万", "‰"), ("万", "人"), ("8.12万", None)])
def test_a_wan_where_it_cannot_be_a_count_is_refused(raw, unit):
    with pytest.raises(InvalidValue):
        parse_value(raw, unit)


@pytest.mark.parametrize("raw,split", [("80.1（初步）", ("80.1", "初步")), ("1.8(预计)", ("1.8", "预计")),
                                       ("1,234 （不含民营）", ("1,234", "不含民营")), ("82", None), ("（1）23", None),
                                       ("初步(80.1)", None), ("80.1（）", None)])
def test_a_remark_in_brackets_after_a_figure(raw, split):
    assert split_remark(raw) == split


@pytest.mark.parametrize("raw,bound", [("≥95%", ("95%", 1)), ("＞＝95", ("95", 1)), ("不低于 95%", ("95%", 1)),
                                       ("95%以上", ("95%", 1)), ("8%及以下", ("8%", -1)), ("≤3‰", ("3‰", -1)),
                                       ("95", None), ("≥95%以上", None), ("-3.2", None)])
def test_a_bound_is_told_from_a_figure(raw, bound):
    assert bound_of(raw) == bound


@pytest.mark.parametrize("raw,reason", [("80.1（初步）", "数字后带有说明“（初步）”：请只填数字，说明写在说明（备注）栏"),
                                        ("≥95%", "是一个范围，不是数值：请填写实际的数"),
                                        ("约82", "是约数：请填写确切的数"), ("8x2", "无法识别为数字（单位应为%）")])
def test_a_figure_written_with_more_than_its_number_is_refused_saying_what_it_is(raw, reason):
    with pytest.raises(InvalidValue) as exc:
        parse_value(raw, "%")
    assert exc.value.reason == reason
