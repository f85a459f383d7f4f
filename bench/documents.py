"""Figure: rendering the four documents of a visit to PDF (no signing), against baselines from the same run.

    uv run python bench/documents.py [--runs 20] [--cold-runs 3]

Rows (the sample borrower of ``station.operations.sample``, a 100,000 CNY 24-month loan, real loan maths):
- cold: the first render in a fresh Python process, fonts not yet loaded (reportlab parses the 5 MB
  WenQuanYi collection), imports excluded; the median of ``--cold-runs`` processes;
- warm: the median of ``--runs`` renders in one process, fonts loaded: what a visit after the first pays;
- warm, reportlab's own CJK wrap: the same renders with reportlab's stock ``Paragraph`` instead of
  :class:`station.documents.linebreak.ChineseParagraph`, the cost of the Chinese line-breaking rules.
Target: warm at most 300 ms for the four PDFs. Prints a Markdown table; the machine's load matters.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone

ISSUED_AT = datetime(2026, 11, 23, 10, 30, tzinfo=timezone(timedelta(hours=8)))
BANK = "DEMO 乡村商业银行"
TARGET_MS = 300.0

_COLD = f"""
import time
from datetime import datetime
from station.documents.render import render_documents
from station.operations.sample import sample_input
data = sample_input({BANK!r}, datetime.fromisoformat({ISSUED_AT.isoformat()!r}))
start, start_cpu = time.perf_counter(), time.process_time()
render_documents(data)
print((time.perf_counter() - start) * 1000, (time.process_time() - start_cpu) * 1000)
"""


def _warm(runs: int, stock_wrap: bool = False) -> tuple[float, float, list[int], int]:
    from reportlab.platypus import Paragraph

    from station.documents import render as documents
    from station.operations.sample import sample_input

    data = sample_input(BANK, ISSUED_AT)
    original = documents.Paragraph
    if stock_wrap:
        documents.Paragraph = Paragraph
    try:
        documents.render_documents(data)  # load the fonts
        times, cpu = [], []
        for _ in range(runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            rendered = documents.render_documents(data)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
    finally:
        documents.Paragraph = original
    sizes = [len(d.record.content or b"") for d in rendered.documents]
    return statistics.median(times), statistics.median(cpu), sizes, sum(d.pages for d in rendered.documents)


def _cold(runs: int) -> tuple[float, float]:
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    runs_out = [subprocess.run([sys.executable, "-c", _COLD], capture_output=True, text=True, check=True, cwd=root)
                .stdout.split() for _ in range(runs)]
    return statistics.median(float(r[0]) for r in runs_out), statistics.median(float(r[1]) for r in runs_out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--cold-runs", type=int, default=3)
    args = parser.parse_args()
    cold, cold_cpu = _cold(args.cold_runs)
    warm, warm_cpu, sizes, pages = _warm(args.runs)
    stock, stock_cpu, _, _ = _warm(args.runs, stock_wrap=True)
    load = os.getloadavg()[0]
    from reportlab.lib.rl_accel import _c_funcs

    accel = "with" if _c_funcs else "without"
    print(f"Rendering the 4 documents ({pages} pages, {', '.join(f'{s / 1024:.0f}' for s in sizes)} KB), "
          f"{os.cpu_count()} CPUs, load average {load:.2f} at the end, reportlab {accel} its C accelerator "
          "(rl-accel)\n")
    print("| case | median wall ms | median CPU ms | wall ratio to warm |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| cold: first render in a fresh process (fonts loading), median of {args.cold_runs} | {cold:.0f} "
          f"| {cold_cpu:.0f} | {cold / warm:.1f}x |")
    print(f"| **warm: fonts loaded**, median of {args.runs} | **{warm:.0f}** | {warm_cpu:.0f} | 1.0x |")
    print(f"| warm, reportlab's stock CJK wrap (no Chinese rules), median of {args.runs} | {stock:.0f} "
          f"| {stock_cpu:.0f} | {stock / warm:.2f}x |")
    verdict = "meets" if warm <= TARGET_MS else "MISSES"
    print(f"\nwarm {warm:.0f} ms {verdict} the target of {TARGET_MS:.0f} ms for the four PDFs")


if __name__ == "__main__":
    main()
