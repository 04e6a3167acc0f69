"""Traditional characters folded to simplified ones before matching (醫療 → 医疗, 壽命 → 寿命).

Official sites and their mirrors publish reports in traditional characters too. OpenCC's t2s
conversion (phrases first, then characters) does the folding; the result keeps one character
for one character, so every offset into the folded text is an offset into the original.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """`text` with traditional characters replaced by simplified ones, of exactly the same length."""
    if not text or text.isascii():
        return text
    convert = _converter().convert
    out = convert(text)
    if len(out) == len(text):
        return out
    # a phrase rule changed the length somewhere: fold line by line, and a line that still
    # changes length character by character, so that offsets stay those of the original
    parts = []
    for line in text.splitlines(keepends=True):
        folded = convert(line)
        if len(folded) != len(line):
            folded = "".join(c if len(f := convert(c)) != 1 else f for c in line)
        parts.append(folded)
    return "".join(parts)

