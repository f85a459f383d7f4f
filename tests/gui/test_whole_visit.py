"""A whole visit driven on screen, offscreen: sign-in, the card from a camera (a video file) with
auto-capture and OCR, a face check with liveness on another video, account, loan, the four documents,
the borrower's signature and the one-pass signing; interrupted in the middle and resumed in a new window.
Asserts on what lands in the store, and has QA verify the signed PDFs."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from station.core.models import DocumentKind, FaceDecision
from station.core.visit import Step
from station.ui.app import open_window
from station.ui.qa.window import QaWindow
from station.ui.widgets.pdf_view import PdfView
from station.validation.results import Verdict
from station.vision.liveness import Action
from tests.gui import visitdata
from tests.gui.conftest import sign_in, type_text
from tests.gui.test_visible_text import english

WAIT = 90_000  # ms: OCR and face models load on first use on a busy machine


def draw_signature(qtbot, pad) -> None:  # noqa: ANN001
    """Two strokes with the mouse (press, moves with the button held, release)."""
    for y0 in (80.0, 130.0):
        points = [QPointF(40 + 7 * i, y0 + 25 * ((i % 8) - 4) / 4) for i in range(50)]
        qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=points[0].toPoint())
        for point in points[1:]:
            QApplication.sendEvent(pad, QMouseEvent(QEvent.Type.MouseMove, point, pad.mapToGlobal(point),
                                                    Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton,
                                                    Qt.KeyboardModifier.NoModifier))
        qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=points[-1].toPoint())


def next_(qtbot, view) -> None:  # noqa: ANN001
    assert view.next_button.isEnabled(), view.message.text()
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)


def test_a_whole_visit_on_screen_interrupted_and_resumed(qtbot, tmp_path: Path, settings, store, admin):
    person = visitdata.holder()
    card_camera = visitdata.card_video(tmp_path / "card.avi", person)
    face_camera = visitdata.face_video(tmp_path / "face.avi", ("blink", "turn_left"))
    settings = settings.model_copy(update={"ui": settings.ui.model_copy(update={"camera": str(card_camera)})})
    window = open_window(settings, store)
    qtbot.addWidget(window)
    window.show()
    sign_in(qtbot, window)
    qtbot.mouseClick(window.cases_page.new_button, Qt.MouseButton.LeftButton)
    view = window.visit_view
    visit = view.visit

    # ID card: the camera (a video of the card) captures both sides; OCR reads them on a worker.
    card = view.page
    qtbot.mouseClick(card.camera_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(card.images) == 2 and not card.reading, timeout=WAIT)
    assert card.feed is None  # the camera stopped once both sides were taken
    read = card.form.read()
    assert (read.front.name, read.front.id_number, read.back.issuer) == (person.name, person.id_number, person.issuer)
    assert english(window, set(read.engine.replace("-", " ").split())) == []  # what the reader says, in Chinese
    # An ID number edited into an invalid one fails at once, in the officer's language; the field turns red.
    card.form.id_number.clear()
    type_text(qtbot, card.form.id_number, person.id_number[:-1] + ("0" if person.id_number[-1] != "0" else "1"))
    assert "校验码与其他位不符，可能有字符识别错误。" in card.checks.text_plain()
    assert "background" in card.form.id_number.styleSheet()
    card.form.id_number.clear()
    type_text(qtbot, card.form.id_number, person.id_number)
    assert "校验码与前 17 位相符。" in card.checks.text_plain()
    next_(qtbot, view)
    assert visit.current_step is Step.FACE, view.message.text()

    # Face: a different camera (a video of the same person doing the challenge); the match runs on a worker.
    view.settings = settings.model_copy(update={"ui": settings.ui.model_copy(update={"camera": str(face_camera)})})
    face = view.page
    face.challenge = lambda: (Action.BLINK, Action.TURN_LEFT)  # the random order, fixed to what the video does
    qtbot.mouseClick(face.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: face.result is not None, timeout=WAIT)
    assert face.result.decision is FaceDecision.MATCH and face.result.liveness_passed, face.figures.text()
    assert face.camera.image is not None  # the preview showed the frames
    assert english(window) == []
    next_(qtbot, view)

    # Account: the mobile number typed; the issued numbers shown.
    account = view.page
    type_text(qtbot, account.phone, "13912345678")
    next_(qtbot, view)
    assert account.card_number.text() != "—"
    # The lid closes here: the window (the process) is gone in the middle of the visit.
    case_id = visit.case_id
    window.close()

    window = open_window(view.settings, store)
    qtbot.addWidget(window)
    window.show()
    sign_in(qtbot, window)
    cases = window.cases_page
    cases.table.selectRow([c.id for c in cases.cases].index(case_id))
    qtbot.mouseClick(cases.open_button, Qt.MouseButton.LeftButton)
    view = window.visit_view
    visit = view.visit
    assert view.on_screen is Step.LOAN  # resumed where it stopped

    # Loan: the defaults (100,000 CNY, 24 months, 3.45 %) with the APR shown.
    assert view.page.apr.text() == "3.45 %"
    next_(qtbot, view)

    # Documents: made on a worker, each shown in the PDF view.
    documents = view.page
    qtbot.waitUntil(lambda: documents.documents is not None, timeout=WAIT)
    assert documents.pdf.pages() >= 1 and documents.list.count() == 4
    documents.list.setCurrentRow(1)  # straight on to the loan contract, while the first PDF is still rendering
    contract = PdfView()  # the contract alone, in a view of the same size, for comparison
    qtbot.addWidget(contract)
    contract.show_pdf(documents.documents.documents[1].content)
    contract.show()

    def same_pages_on_screen() -> bool:
        contract.view.setFixedSize(documents.pdf.view.size())  # the page's view is laid out when shown
        return documents.pdf.view.grab().toImage() == contract.view.grab().toImage()

    qtbot.waitUntil(same_pages_on_screen, timeout=10_000)
    assert documents.pdf.pages() == contract.pages()
    next_(qtbot, view)

    # Signature: an empty pad cannot be signed; two strokes, the borrower's confirmation, then one pass.
    signature = view.page
    signature.confirm.setChecked(True)
    assert not view.next_button.isEnabled()
    assert "签名板为空" in signature.handwriting.text()
    draw_signature(qtbot, signature.pad)
    assert view.next_button.isEnabled()
    started = time.perf_counter()
    next_(qtbot, view)
    qtbot.waitUntil(lambda: visit.is_done, timeout=WAIT)
    assert time.perf_counter() - started < 60
    assert view.on_screen is Step.DONE and "已排队等待同步" in view.page.waiting.text()

    # What landed in the store.
    assert visit.state.status == "done"
    stored = visit.output(Step.ID_CARD)
    assert stored.front.id_number == person.id_number and stored.engine.startswith("rapidocr")
    assert stored.front_image and stored.back_image and stored.portrait  # sealed in the store
    face_check = visit.output(Step.FACE)
    assert face_check.decision is FaceDecision.MATCH and face_check.distance < face_check.threshold
    assert face_check.live_image is None  # live frames are deleted when the case is done
    assert visit.output(Step.ACCOUNT).request.phone == "13912345678"
    signed = visit.output(Step.SIGNATURE)
    assert len(signed.capture.strokes) == 2 and all(len(s) == 50 for s in signed.capture.strokes)
    assert all(p[2] == 0.5 for s in signed.capture.strokes for p in s)  # a mouse has no pressure
    assert {d.kind for d in signed.documents if d.signed} == set(DocumentKind)
    assert {d.pades_level for d in signed.documents} == {"B-T"}
    actions = [e.action for e in store.audit_events(case_id)]
    assert "visit.resume" in actions and actions[-1] == "visit.done"

    # QA verifies the signed PDFs in its window: every one VALID against the DEMO root.
    folder = tmp_path / "signed"
    folder.mkdir()
    for doc in signed.documents:
        (folder / doc.filename).write_bytes(doc.content)
    tampered = bytearray(signed.documents[0].content)
    tampered[len(tampered) // 3] ^= 0x01
    (folder / "tampered.pdf").write_bytes(bytes(tampered))
    qa = QaWindow(settings)
    qtbot.addWidget(qa)
    qa.verify([folder])
    qtbot.waitUntil(lambda: not qa.running, timeout=WAIT)
    verdicts = {Path(r.name).name: r.verdict for r in qa.reports}
    assert verdicts == {**{d.filename: Verdict.VALID for d in signed.documents}, "tampered.pdf": Verdict.INVALID}
    report = tmp_path / "qa.csv"
    qa.write_report(report)
    assert report.read_text(encoding="utf-8").count("\n") == 6
    window.close()


def test_signing_refuses_an_empty_pad_even_if_asked(qtbot, window, store):
    """The pad's check and the visit's: nothing is signed without handwriting."""
    from tests import factories

    sign_in(qtbot, window)
    window.cases_page.new_button.click()
    visit = window.visit_view.visit
    factories.drive(visit, until="signature")
    window.visit_view.show_step(Step.SIGNATURE)
    page = window.visit_view.page
    page.confirm.setChecked(True)
    assert not page.ready()
    page.proceed()  # pressed anyway: nothing happens
    assert not page.signing and visit.current_step is Step.SIGNATURE
    outcome = window.visit_view.submit(replace(factories.signed_set(empty=True)))
    assert outcome is not None and not outcome.accepted
    assert "签名板为空：借款人须先签名，才能签署文件。" in page.checks.text_plain()
