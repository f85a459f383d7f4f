"""GUI responsiveness: start to the first usable page, and the longest stall of the event loop while
OCR, face matching and signing run (``uv run python bench/gui.py``; offscreen unless QT_QPA_PLATFORM says).

1. Start: a fresh process running ``run_gui``'s path (store opened, the defaults sign-in needs made,
   translations, window shown) until its event loop first runs with the sign-in page on screen; the DEMO
   PKI and the models are made and warmed up in the background and are not waited for. Baseline: a bare
   PySide6 window in a fresh process.
2. Stalls: a 5 ms timer on the GUI thread records the gaps between its ticks while the real pages do
   the work on their workers: reading both sides of a card (OCR), a face check on a video (detection,
   liveness, encoding, matching), signing the four documents. Baseline: the same timer with nothing to do.
   Models are warmed up first, as the station does at start.

Prints a table; the figures go to bench/gui.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_BARE = """
import time; t0 = time.perf_counter()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication([]); w = QMainWindow(); w.setCentralWidget(QLabel("ready")); w.show()
QTimer.singleShot(0, lambda: (print(f"READY {time.perf_counter() - t0:.4f}", flush=True), app.quit()))
app.exec()
"""

_STATION = """
import time; t0 = time.perf_counter()
import os, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from station.bootstrap import prepare_start
from station.config import load_settings
from station.store.cases import Store
from station.ui.app import application, open_window
settings = load_settings(data_dir=Path(sys.argv[1]))
app = application()
store = Store.open(settings)
prepare_start(settings, store)
window = open_window(settings, store)
window.resize(1366, 768)
window.show()
def ready():
    assert window.pages.currentWidget() is window.sign_in_page and window.sign_in_page.isVisible()
    print(f"READY {time.perf_counter() - t0:.4f}", flush=True)
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
from PySide6.QtCore import QThreadPool
QThreadPool.globalInstance().waitForDone()
store.close()
"""


def start_time(code: str, *args: str, bytecode: Path | None = None) -> tuple[float, float]:
    """(seconds from process launch to READY, seconds inside the interpreter to READY).

    ``bytecode``: a folder for compiled modules, as an install that compiled its bytecode has; None runs
    as the environment says (PYTHONDONTWRITEBYTECODE=1 recompiles every module at every start).
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if bytecode is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(bytecode)
    started = time.perf_counter()
    with subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env) as child:
        assert child.stdout is not None
        line = next(line for line in child.stdout if line.startswith("READY"))
        total = time.perf_counter() - started  # not counting the exit (which waits for the warm-up)
    if child.returncode:
        raise RuntimeError(f"the station exited with {child.returncode}")
    return total, float(line.split()[1])


class StallMonitor:
    """Gaps between the ticks of a 5 ms timer on the GUI thread."""

    def __init__(self) -> None:
        from PySide6.QtCore import QElapsedTimer, QTimer

        self.clock = QElapsedTimer()
        self.timer = QTimer(interval=5)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[float] = []
        self.last = 0

    def _tick(self) -> None:
        now = self.clock.nsecsElapsed()
        self.gaps.append((now - self.last) / 1e6)
        self.last = now

    def __enter__(self) -> StallMonitor:
        self.gaps = []
        self.clock.start()
        self.last = self.clock.nsecsElapsed()
        self.timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.timer.stop()


def pump_until(condition: Callable[[], bool], timeout: float = 300.0) -> float:
    from PySide6.QtCore import QEventLoop, QTimer

    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > timeout:
            raise TimeoutError("the operation did not finish")
        loop = QEventLoop()
        QTimer.singleShot(20, loop.quit)
        loop.exec()
    return time.perf_counter() - start


def stalls(runs: int) -> list[tuple[str, float, float, float]]:
    """(operation, seconds it took, longest gap ms, 99th percentile gap ms), median over ``runs``."""
    from PySide6.QtCore import QPointF

    from station.config import load_settings
    from station.core.visit import Step
    from station.operations.engines import warm_up
    from station.store.cases import Store
    from station.ui.app import application, open_window
    from station.vision.liveness import Action
    from tests import factories
    from tests.gui import visitdata

    tmp = Path(tempfile.mkdtemp(prefix="bench-gui-"))
    os.environ["STATION_CONFIG"] = str(tmp / "settings.toml")
    person = visitdata.holder()
    pictures = visitdata.card_photo_files(person, tmp)
    video = visitdata.face_video(tmp / "face.avi", ("blink", "turn_left"))
    settings = load_settings(data_dir=tmp / "data", ui={"camera": str(video)})
    application()
    store = Store.open(settings)
    officer = store.officers.bootstrap("bench", "基准", "246810")
    window = open_window(settings, store)
    window.show()
    warm_up(settings)
    window.signed_in(officer)
    view = window.visit_view
    results: dict[str, list[tuple[float, float, float]]] = {"idle (baseline)": [], "OCR: read both sides": [],
                                                            "face check (liveness + match)": [],
                                                            "signing 4 documents": []}

    def measure(name: str, start: Callable[[], None], done: Callable[[], bool]) -> None:
        with StallMonitor() as monitor:
            start()
            took = pump_until(done)
        gaps = sorted(monitor.gaps)
        results[name].append((took, gaps[-1], gaps[int(0.99 * (len(gaps) - 1))]))

    for _ in range(runs):
        measure("idle (baseline)", lambda: None, _after(1.0))
        window.new_visit()
        visit = view.visit
        card = view.page
        measure("OCR: read both sides", lambda: card.open_pictures(pictures),  # noqa: B023
                lambda: not card.reading)  # noqa: B023
        factories.drive(visit, until="face", inputs={"id_card": card.form.read()})
        view.show_step(visit.current_step)
        face = view.page
        face.challenge = lambda: (Action.BLINK, Action.TURN_LEFT)
        measure("face check (liveness + match)", face.start, lambda: not face.running)  # noqa: B023
        factories.drive(visit, until="documents", inputs={"face": face.result})
        view.show_step(Step.DOCUMENTS)
        pump_until(lambda: view.page.documents is not None)  # noqa: B023 - the real documents, made on screen
        view.go_next()
        signature = view.page
        signature.pad.begin(QPointF(40, 80), 0.5)
        for i in range(1, 60):
            signature.pad.extend(QPointF(40 + 6 * i, 80 + 30 * ((i % 10) - 5) / 5), 0.5)
        signature.pad.end()
        signature.confirm.setChecked(True)
        measure("signing 4 documents", view.go_next, lambda: visit.is_done)  # noqa: B023
    window.close()
    store.close()
    return [(name, statistics.median(r[0] for r in rows), statistics.median(r[1] for r in rows),
             statistics.median(r[2] for r in rows)) for name, rows in results.items()]


def _after(seconds: float) -> Callable[[], bool]:
    end = time.perf_counter() + seconds
    return lambda: time.perf_counter() >= end


def main() -> int:
    parser = argparse.ArgumentParser(description="GUI start time and event-loop stalls.")
    parser.add_argument("--starts", type=int, default=5, help="fresh processes per start figure")
    parser.add_argument("--runs", type=int, default=3, help="runs of each operation")
    args = parser.parse_args()

    data = Path(tempfile.mkdtemp(prefix="bench-start-"))
    os.environ["STATION_CONFIG"] = str(data / "settings.toml")
    pyc = data / "pycache"
    first = start_time(_STATION, str(data / "station"), bytecode=pyc)  # DEMO officer (PKI: background); compiles
    bare = [start_time(_BARE, bytecode=pyc) for _ in range(args.starts)]
    station = [start_time(_STATION, str(data / "station"), bytecode=pyc) for _ in range(args.starts)]
    uncompiled = [start_time(_STATION, str(data / "station")) for _ in range(args.starts)]
    print(f"load average {os.getloadavg()[0]:.1f}; {args.starts} fresh processes each (median)\n")
    print("| start | process launch to sign-in page s | inside Python s | ratio to bare window |")
    print("| --- | ---: | ---: | ---: |")
    base = statistics.median(t for t, _ in bare)
    for label, rows in (("bare PySide6 window (baseline)", bare), ("station, data folder ready", station),
                        ("station, modules not compiled (PYTHONDONTWRITEBYTECODE=1)", uncompiled),
                        ("station, very first start (makes the DEMO officer, compiles)", [first])):
        total, inner = statistics.median(t for t, _ in rows), statistics.median(i for _, i in rows)
        print(f"| {label} | {total:.2f} | {inner:.2f} | {total / base:.1f}x |")

    print(f"\n| while the GUI thread waits for | operation s | longest stall ms | 99th pct gap ms |"
          f"  (median of {args.runs})")
    print("| --- | ---: | ---: | ---: |")
    for name, took, worst, p99 in stalls(args.runs):
        print(f"| {name} | {took:.2f} | {worst:.0f} | {p99:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
