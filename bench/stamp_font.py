"""Figure: the font cost of one signature stamp in pyHanko, pre-subset stamp font against the full face.

    uv run python bench/stamp_font.py [--runs 10]

Each run does what pyHanko does for a stamp's text: open the font, shape the borrower's name and the
date, subset the font to those glyphs and write it into a PDF. Baseline, measured in the same run: the
full Noto Sans CJK SC face (65,535 glyphs, 16 MB) extracted from the .ttc, as pyHanko needs a single
face. Against: :func:`station.documents.fonts.stamp_font` (the body font's characters, Hangul left out,
desubroutinized). Also prints how long building the stamp font took when the cache was empty, if this
run had to build it.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import tempfile
import time
from pathlib import Path

STAMP_TEXT = "借款人：王小喆  签署日期：2026年11月23日"


def _stamp_ms(font: Path, runs: int) -> float:
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.writer import PdfFileWriter

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        writer = PdfFileWriter()
        engine = GlyphAccumulatorFactory(str(font), font_size=10).create_font_engine(writer)
        engine.shape(STAMP_TEXT)
        engine.prepare_write()
        writer.write(io.BytesIO())
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    from fontTools.ttLib import TTFont

    from station.documents import fonts

    start = time.perf_counter()
    stamp = fonts.stamp_font()
    first_call = time.perf_counter() - start
    source = fonts._find_face(fonts.STAMP_FAMILY)
    with tempfile.TemporaryDirectory() as folder:
        full = Path(folder) / "NotoSansCJKsc-full.otf"
        TTFont(source.path, fontNumber=source.index, recalcBBoxes=False).save(full)
        baseline = _stamp_ms(full, args.runs)
        full_mb = full.stat().st_size / 1e6
    ours = _stamp_ms(stamp, args.runs)
    print(f"Font cost of one stamp in pyHanko ({STAMP_TEXT!r}), median of {args.runs}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.2f} at the end\n")
    print("| stamp font | size MB | median ms | ratio |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| baseline: full Noto Sans CJK SC face extracted from the .ttc | {full_mb:.1f} | {baseline:.0f} | 1.0x |")
    print(f"| **station stamp font (pre-subset, desubroutinized)** | {stamp.stat().st_size / 1e6:.1f} | **{ours:.0f}** "
          f"| {ours / baseline:.2f}x |")
    print(f"\nstamp_font() took {first_call:.1f} s in this run "
          f"({'built the cache' if first_call > 2 else 'found in the cache'}: {stamp})")


if __name__ == "__main__":
    main()
