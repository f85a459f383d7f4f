"""Screenshots of every page of the station, for the README: ``uv run python scripts/screenshots.py``.

Runs a whole visit on a fresh temporary station with invented people: card photos and a camera video
made by the test generators, real OCR, face matching, documents and signing. Works offscreen (the
default) or under Xvfb (``xvfb-run -a env QT_QPA_PLATFORM=xcb uv run python scripts/screenshots.py``).
Writes small PNGs to ``docs/screenshots/`` (``--lang en`` and ``--out`` for other sets).
"""

from __future__ import annotations

import argparse
import io
import math
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QPointF, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402


def pump(ms: int = 100) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait(condition: Callable[[], bool], timeout: float = 120.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the station did not get there in time")
        pump(50)


def shoot(widget: QWidget, folder: Path, name: str, width: int) -> None:
    """Save ``widget`` as ``name``.png, ``width`` pixels wide, in 256 colours (small enough for a README)."""
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice

    pump(150)
    image = widget.grab().toImage()
    if image.width() > width:
        image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    path = folder / f"{name}.png"
    with Image.open(io.BytesIO(bytes(buffer.data()))) as shot:
        shot.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
            path, optimize=True)
    print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} ({path.stat().st_size // 1024} KB)")


def sign(pad: QWidget) -> None:
    """An invented signature: two flowing strokes."""
    for row, (x0, y0) in enumerate(((70.0, 110.0), (250.0, 140.0))):
        pad.begin(QPointF(x0, y0), 0.4)  # type: ignore[attr-defined]
        for i in range(1, 70):
            t = i / 69
            x = x0 + 300 * t + 25 * math.sin(t * 9 + row)
            y = y0 + 45 * math.sin(t * 7 + row) * (1 - t / 2)
            pad.extend(QPointF(x, y), 0.3 + 0.5 * math.sin(t * math.pi))  # type: ignore[attr-defined]
        pad.end()  # type: ignore[attr-defined]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en"])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--width", type=int, default=1100, help="width of the saved PNGs")
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="station-shots-"))
    os.environ["STATION_CONFIG"] = str(tmp / "settings.toml")

    from datetime import timedelta
    from decimal import Decimal

    from station.config import load_settings
    from station.core.checks import failures
    from station.core.session import OfficerSession
    from station.core.visit import Step, Visit, loan_checks
    from station.store.cases import Store
    from station.ui.app import application, open_window
    from station.ui.qa.window import QaWindow
    from station.ui.settings_dialog import SettingsDialog
    from station.ui.visit.override import OverrideDialog
    from station.vision.liveness import Action
    from tests import factories
    from tests.gui import visitdata

    person = visitdata.holder()
    pictures = visitdata.card_photo_files(person, tmp)
    face_video = visitdata.face_video(tmp / "face.avi", ("blink", "turn_left"))
    settings = load_settings(data_dir=tmp / "data", ui={"language": args.lang, "camera": str(face_video)})
    app = application()
    store = Store.open(settings)
    officer = store.officers.bootstrap("li.na", "李娜", "246810")
    window = open_window(settings, store)
    window.resize(1366, 768)
    window.show()
    shoot(window, out, "01-sign-in", args.width)

    earlier = OfficerSession(officer, timedelta(minutes=5), store.clock)
    for until in ("loan", "done"):
        factories.drive(Visit.start(store, earlier), until=until)
    window.signed_in(officer)
    window.cases_page.filters.buttons()[2].click()
    shoot(window, out, "02-cases", args.width)

    window.cases_page.new_button.click()
    view = window.visit_view
    visit = view.visit
    card = view.page
    card.open_pictures(pictures)
    wait(lambda: not card.reading)
    shoot(window, out, "03-id-card", args.width)
    view.go_next()

    face = view.page
    face.challenge = lambda: (Action.BLINK, Action.TURN_LEFT)
    face.start()
    wait(lambda: face.camera.image is not None and face.box is not None)
    shoot(window, out, "04-face-live", args.width)
    wait(lambda: not face.running)
    shoot(window, out, "05-face-result", args.width)
    view.go_next()

    account = view.page
    account.phone.setText("13912345678")
    view.go_next()
    shoot(window, out, "06-account", args.width)
    view.go_next()

    loan = view.page
    loan.amount.setValue(150_000)
    loan.months.setValue(36)
    loan.has_line.setChecked(True)
    loan.line.setValue(200_000)
    shoot(window, out, "07-loan", args.width)
    loan.chart.parentWidget().parentWidget().setCurrentWidget(loan.chart)  # the chart's tab
    shoot(window, out, "08-loan-chart", args.width)
    over = OverrideDialog(failures(loan_checks(factories.loan_offer("250000", credit_line=Decimal("200000")),
                                               visit.policy)))
    over.edits["loan.credit_line"].setPlainText("村委会出具增信证明，额度调整在途")
    over.show()
    shoot(over, out, "09-override", args.width)
    over.close()
    view.go_next()

    documents = view.page
    wait(lambda: documents.documents is not None)
    documents.list.setCurrentRow(1)
    pump(1500)  # the PDF view renders its pages on a thread of its own
    shoot(window, out, "10-documents", args.width)
    view.go_next()

    signature = view.page
    sign(signature.pad)
    signature.confirm.setChecked(True)
    shoot(window, out, "11-signature", args.width)
    view.go_next()
    wait(lambda: visit.is_done)
    done = view.page
    done.export_to(tmp / "evidence.p7m")  # the done page's result line then says what the bundle holds
    wait(lambda: done.export_button.isEnabled())
    shoot(window, out, "12-done", args.width)

    signed = visit.output(Step.SIGNATURE)
    folder = tmp / "signed"
    folder.mkdir()
    for doc in signed.documents:
        (folder / doc.filename).write_bytes(doc.content)
    tampered = bytearray(signed.documents[1].content)
    tampered[len(tampered) // 3] ^= 0x01
    (folder / "tampered_loan_contract.pdf").write_bytes(bytes(tampered))
    qa = QaWindow(settings)
    qa.resize(1366, 768)
    qa.show()
    qa.verify([folder])
    wait(lambda: not qa.running)
    qa.files.selectRow(1)
    shoot(qa, out, "13-qa", args.width)
    qa.close()

    dialog = SettingsDialog(window.settings, window)
    dialog.show()
    shoot(dialog, out, "14-settings", args.width)
    dialog.close()

    window.lock(window.tr("Locked by the officer."))
    shoot(window, out, "15-locked", args.width)
    window.close()
    store.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
