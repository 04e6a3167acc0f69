"""Benchmark of extraction from report text: time printed as a ratio to a floor measured in the same run.

  .venv/bin/python bench/bench_extract.py [--repeat N] [--copies N]

Text: the three seed reports, repeated --copies times (default 10, about 100,000 characters: several years of
reports). Floor: the raw library doing the bytes of work any extractor must do on that text: NFKC folding,
one regex pass for the figures and a str.find of every catalog wording over the whole text.
Budget: 25x the floor, and under 0.5 s for one year's report (the dialog runs it on the GUI thread).
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timing import median_time  # noqa: E402
from desktop.catalog import read_indicators  # noqa: E402
from desktop.extract import extract  # noqa: E402
from desktop.extract.words import build_terms  # noqa: E402

SEEDS = ROOT / "tests" / "data" / "extraction_seeds"




def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--copies", type=int, default=10)
    args = ap.parse_args()
    inds = read_indicators()
    one = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    text = "\n".join([one] * args.copies)
    words = list(build_terms(inds))
    number = re.compile(r"\d+(?:\.\d+)?")

    def floor():
        folded = unicodedata.normalize("NFKC", text)
        sum(1 for _ in number.finditer(folded))
        for w in words:
            folded.find(w)

    t_floor = median_time(floor, args.repeat)
    t_extract = median_time(lambda: extract(text, inds, 2021), args.repeat)
    t_one = median_time(lambda: extract(one, inds, 2021), args.repeat)
    ratio = t_extract / t_floor
    print(f"text: {len(text)} characters ({args.copies} copies of the three seeds), {len(words)} catalog wordings")
    print(f"floor (NFKC + figure regex + find of every wording): {t_floor * 1000:.1f} ms")
    print(f"extract: {t_extract * 1000:.1f} ms = {ratio:.1f}x the floor (budget 25x)")
    print(f"one copy of the three seeds ({len(one)} characters): {t_one * 1000:.1f} ms (budget 500 ms)")
    return 0 if ratio <= 25 and t_one < 0.5 else 1


if __name__ == "__main__":
    sys.exit(main())
