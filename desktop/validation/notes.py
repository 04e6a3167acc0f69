"""Whether an explanation note says something: boilerplate such as "核实无误" or "无" clears nothing.

The national direct-reporting rules refuse explanations that only assert the figure is right; a note
must name a cause. We approximate "names a cause" by substance: strip the stock phrases below, and
what is left must hold at least MIN_SUBSTANCE Chinese characters (or MIN_WORDS Latin words).
"""

from __future__ import annotations

import re
import unicodedata

# Whole notes that say nothing (after normalising width, spaces and punctuation).
BOILERPLATE = frozenset("""
无 没有 无说明 暂无 略 同上 见上 详见上 同去年 如上 是 对 好 有 ok 无误 正确 准确 正常 合理 属实 真实 确认 已确认
核实无误 经核实无误 已核实无误 核对无误 已核对无误 经核对无误 审核无误 数据无误 数据准确 数据准确无误 数据正确
数据属实 数据真实 数据真实准确 真实准确 准确无误 真实有效 情况属实 确认无误 已核实 已核对 已审核 经核实 核实
数据正常 正常波动 正常变化 变化正常 波动正常 属正常波动 属于正常波动 合理波动 数据合理 符合实际 与实际相符 实际情况
按实填报 如实填报 据实填报 按实际填报 统计数据 数据来源可靠 无异常 没问题 无问题 没有问题 无特殊情况 无特殊原因
""".split())

# Stock fragments removed before the substance of a longer note is measured, longest first.
_FRAGMENTS = sorted(set("""
经核实 经核对 经审核 经确认 已核实 已核对 已审核 已确认 核实 核对 审核 确认 无误 准确 正确 真实 属实 正常 合理 可靠
数据 数值 本数 该数 此数 情况 填报 如实 据实 按实 实际 符合 相符 波动 变化 有效 来源 统计 均 皆 都 经 已 属 为 是 无 的 了
""".split()), key=len, reverse=True)

MIN_SUBSTANCE = 4  # Chinese characters left after the stock phrases are removed
MIN_WORDS = 3  # or this many Latin words (an English note)

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z]{2,}")
_STOCK_WORDS = frozenset("ok okay no none nil na normal correct accurate verified checked confirmed true fine right "
                         "data value figure figures is are was the it this all as".split())


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").lower()
    return "".join(ch for ch in text if not (ch.isspace() or unicodedata.category(ch)[0] in "PSZ"))


def is_boilerplate_note(text: str | None) -> bool:
    """True when the note does not explain anything: empty, a stock phrase, or too little beyond one."""
    norm = _normal(text or "")
    if not norm or norm in BOILERPLATE:
        return True
    rest = norm
    for frag in _FRAGMENTS:
        rest = rest.replace(frag, "")
    if len(_CJK.findall(rest)) >= MIN_SUBSTANCE:
        return False
    words = [w for w in _WORD.findall(unicodedata.normalize("NFKC", text or "").lower()) if w not in _STOCK_WORDS]
    if len(words) >= MIN_WORDS:
        return False
    return True


def explains(note: str | None) -> bool:
    return not is_boilerplate_note(note)
