"""Benchmark of extraction from report text: time printed as a ratio to a floor measured in the same run.

  .venv/bin/python bench/bench_extract.py [--repeat N] [--copies N]

Text: the three seed reports, repeated --copies times (default 10, about 100,000 characters: several years of
reports). Floor: the raw library doing the bytes of work any extractor must do on that text: NFKC folding,
one regex pass for the figures and a str.find of every catalog wording over the whole text.
Budget: 25x the floor, and under 0.5 s for one year's report (the dialog runs it on the GUI thread).

Reading a PDF: a 12-page bulletin made by reportlab (prose, and on each page a table whose names wrap) read by
read_text_file (the text layer with each piece's position, the tables found by those positions and written out
as sentences), against the bare pypdf extract_text of every page. Budget: 2x.
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
    pdf_ratio = bench_pdf(args.repeat)
    return 0 if ratio <= 25 and t_one < 0.5 and pdf_ratio <= 2 else 1


def bench_pdf(repeat: int) -> float:
    import io
    import tempfile

    from pypdf import PdfReader
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table

    from desktop.extract import read_text_file
    from desktop.reports.fonts import register

    font = register()
    style = ParagraphStyle("p", fontName=font, fontSize=10.5, leading=15)
    cell = ParagraphStyle("c", fontName=font, fontSize=9, leading=11)
    one = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    paragraphs = [line for line in one.splitlines() if line.strip()]
    story = []
    for page in range(12):
        story += [Paragraph(line, style) for line in paragraphs[page * 4:page * 4 + 4]]
        rows = [["指标名称", "单位", "2024年", "2023年", "增长（%）"]] + [
            [f"第{r + 1}项每千常住人口执业（助理）医师数", "人", f"{3 + r / 10:.2f}", f"{2.9 + r / 10:.2f}", f"{r / 3:.1f}"]
            for r in range(8)]
        story += [Table([[Paragraph(c, cell) for c in row] for row in rows], colWidths=[90, 40, 55, 55, 55]),
                  PageBreak()]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "公报.pdf"
        SimpleDocTemplate(str(path)).build(story)
        data = path.read_bytes()
        t_floor = median_time(lambda: [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages], repeat)
        t_read = median_time(lambda: read_text_file(path), repeat)
    ratio = t_read / t_floor
    print(f"read a 12-page PDF with a wrapped table on each page: {t_read * 1000:.0f} ms = {ratio:.2f}x pypdf's "
          f"extract_text of its pages ({t_floor * 1000:.0f} ms) (budget 2x)")
    return ratio


if __name__ == "__main__":
    sys.exit(main())
