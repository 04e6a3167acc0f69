"""desktop.phrases: a Phrase is its Chinese everywhere a string goes, and the window can say it in English."""

from __future__ import annotations

import copy
import json
import pickle

import pytest

from desktop.phrases import Phrase, Word, say, templates_in

EN = {"较{year}年": "since {year}", "{since}下降{change}%": "down {change}% {since}", "按{method}汇总": "summed by {method}"}


def test_a_phrase_is_its_chinese_as_a_string():
    p = Phrase("{since}下降{change}%", since=Phrase("较{year}年", year=2022), change="3.1")
    assert p == "较2022年下降3.1%" and isinstance(p, str)
    assert json.dumps({"message": p}, ensure_ascii=False) == '{"message": "较2022年下降3.1%"}'
    assert f"{p}。" == "较2022年下降3.1%。" and p + "。" == "较2022年下降3.1%。"
    assert Phrase("不是有限的数") == "不是有限的数"


def test_a_copied_or_pickled_phrase_keeps_what_it_was_made_from():
    p = Phrase("{since}下降{change}%", since=Phrase("较{year}年", year=2022), change="3.1")
    for again in (copy.deepcopy(p), pickle.loads(pickle.dumps(p)), copy.copy(p)):
        assert again == p and say(again, EN.get) == "down 3.1% since 2022"


def test_said_in_english_part_by_part_and_in_chinese_without_a_translation():
    p = Phrase("{since}下降{change}%", since=Phrase("较{year}年", year=2022), change="3.1")
    assert say(p, EN.get) == "down 3.1% since 2022"
    assert say(p, lambda t: t) == "较2022年下降3.1%"
    assert say("plain text", EN.get) == "plain text"
    words = Phrase("按{method}汇总", method=Word("method", "sum", "求和"))
    assert words == "按求和汇总"
    assert say(words, EN.get, lambda vocabulary, code: f"<{vocabulary}:{code}>") == "summed by <method:sum>"
    assert say(words, EN.get) == "summed by 求和"


def test_a_broken_translation_falls_back_to_the_chinese():
    p = Phrase("较{year}年", year=2022)
    assert say(p, {"较{year}年": "since {yaer}"}.get) == "较2022年"
    assert say(p, {"较{year}年": "since {0}"}.get) == "较2022年"


def test_the_templates_are_found_and_a_template_must_be_a_literal(tmp_path):
    (tmp_path / "a.py").write_text('x = Phrase("较{year}年", year=1)\ny = Phrase("上升" if up else "下降")\n',
                                   encoding="utf-8")
    assert templates_in(tmp_path) == {"较{year}年", "上升", "下降"}
    (tmp_path / "b.py").write_text('t = "较{year}年"\nx = Phrase(t, year=1)\n', encoding="utf-8")
    with pytest.raises(ValueError, match="b.py:2"):
        templates_in(tmp_path)
