"""Face: the live preview with the face box and the liveness prompts, then the match against the card
photo with its distance and threshold; or the officer confirms the person in person, with a reason.

The whole check (:func:`station.operations.face.check_face`, with the calibration
:func:`station.operations.face.calibration_path` chooses, as the CLI's) runs in the face-check process
(:mod:`station.operations.face_process`); a worker thread waits for it and passes each frame and prompt on.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QObject, QRectF, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from station.core.models import FaceCheck, FaceDecision, IdCardRead, Record
from station.core.visit import Step
from station.messages import Message, verbatim
from station.ui.messages import error_text, say
from station.ui.visit.page import StepPage
from station.ui.widgets.camera import CameraView
from station.ui.workers import run_in_background


class _Relay(QObject):
    """Carries what the face-check process sees to the GUI thread (signals are the only way across)."""

    frame = Signal(QImage)
    observed = Signal(object, str)  # the face box (left, top, right, bottom) or None, what to tell the customer


_DECISION = {
    FaceDecision.MATCH: ("#1a7f37", "✓"),
    FaceDecision.NO_MATCH: ("#b00020", "✗"),
    FaceDecision.RETRY: ("#9a6700", "⟳"),
}


class FacePage(StepPage):
    step = Step.FACE

    def __init__(self, view: Any) -> None:
        super().__init__(view)
        self.result: FaceCheck | None = None
        self.box: tuple[int, int, int, int] | None = None
        self.prompt: Message | None = None
        self.running = False
        self.stopped = False
        self.challenge: Callable[[], Sequence[Any]] | None = None  # None: a random challenge for each check
        self.relay = _Relay(self)
        self.relay.frame.connect(self._frame)
        self.relay.observed.connect(self._observed)
        self.camera = CameraView()
        self.start_button = QPushButton(self.tr("Start the face check"))
        self.start_button.setProperty("primary", True)
        self.start_button.clicked.connect(self.start)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.clicked.connect(self.stop)
        self.in_person = QPushButton(self.tr("Confirm the person in person…"))
        self.in_person.setToolTip(self.tr("When the camera or the match cannot be used: the officer compares the "
                                          "customer with the card and records why."))
        self.in_person.clicked.connect(self.confirm_in_person)
        self.decision = QLabel()
        self.decision.setProperty("role", "big")
        self.figures = QLabel()
        self.figures.setWordWrap(True)
        self.status = QLabel(self.tr("Ask the customer to face the camera, then start the check."))
        self.status.setWordWrap(True)
        self.status.setProperty("role", "hint")
        side = QVBoxLayout()
        side.addWidget(self.start_button)
        side.addWidget(self.stop_button)
        side.addWidget(self.in_person)
        side.addSpacing(12)
        side.addWidget(self.decision)
        side.addWidget(self.figures)
        side.addWidget(self.status)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.camera, 3)
        row.addLayout(side, 2)
        self.body.addLayout(row, 1)
        self.camera.setMinimumHeight(360)

    # --- showing -----------------------------------------------------------------------------

    def fill(self, record: Record | None) -> None:
        self.stop()
        self.camera.show_image(None)
        self.show_result(record if isinstance(record, FaceCheck) else None)
        if self.editable and self._portrait() is None:
            self.status.setText(self.tr("The card was typed in, so there is no card photo to match: compare the "
                                        "customer with the card yourself and confirm in person."))

    def setEnabledInputs(self, editable: bool) -> None:  # noqa: N802
        self.start_button.setVisible(editable)
        self.stop_button.setVisible(False)
        self.in_person.setVisible(editable)
        self.start_button.setEnabled(editable and self._portrait() is not None)

    def show_result(self, check: FaceCheck | None) -> None:
        self.result = check
        if check is None:
            self.decision.clear()
            self.figures.clear()
        else:
            colour, mark = _DECISION[FaceDecision(check.decision)]
            self.decision.setStyleSheet(f"color:{colour}")
            self.decision.setText(f"{mark} " + {
                FaceDecision.MATCH: self.tr("Same person"),
                FaceDecision.NO_MATCH: self.tr("Not the same person"),
                FaceDecision.RETRY: self.tr("No decision"),
            }[FaceDecision(check.decision)])
            lines = []
            if check.distance is not None:
                lines.append(self.tr("Distance %1 against the threshold %2 (lower is more alike)")
                             .replace("%1", f"{check.distance:.3f}").replace("%2", f"{check.threshold:.3f}"))
            lines.append((self.tr("Liveness: passed") if check.liveness_passed else self.tr("Liveness: not passed"))
                         + (f" — {say(_liveness_reason(check.liveness))}" if check.liveness.get("reason") else ""))
            if check.reason:
                lines.append(say(check.message or verbatim(check.reason)))
            self.figures.setText("\n".join(lines))
        self.changed.emit()

    def _frame(self, image: QImage) -> None:
        self.camera.show_image(image, self._draw_box, say(self.prompt) if self.prompt else "")

    def _observed(self, box: Any, prompt: Message) -> None:
        self.box, self.prompt = box, prompt

    def _draw_box(self, painter: QPainter, target: QRectF, scale: float) -> None:
        box = self.box
        if box is None:
            return
        left, top, right, bottom = box
        painter.setPen(QPen(QColor("#3fb950"), 3))
        painter.drawRect(QRectF(target.left() + left * scale, target.top() + top * scale,
                                (right - left) * scale, (bottom - top) * scale))

    # --- the check ---------------------------------------------------------------------------

    def _portrait(self) -> bytes | None:
        card = self.visit.output(Step.ID_CARD) if self.visit else None
        return card.portrait if isinstance(card, IdCardRead) else None

    def start(self) -> None:
        """Run the check in the face-check process: preview, liveness challenge, best frames, match."""
        portrait, settings = self._portrait(), self.view.settings
        if portrait is None or self.running:
            return
        self.running = True
        self.stopped = False
        relay, challenge = self.relay, self.challenge
        self.show_result(None)
        self.status.setText(self.tr("Checking… follow the prompts on the picture."))
        self.start_button.setEnabled(False)
        self.stop_button.setVisible(True)

        def work() -> FaceCheck:
            from station.operations.face import calibration_path, random_challenge
            from station.operations.face_process import face_worker

            asked = [str(a) for a in challenge()] if challenge else random_challenge()
            return face_worker().check(portrait, settings.ui.camera, calibration_path(settings), asked,
                                       lambda jpeg: relay.frame.emit(QImage.fromData(jpeg)),
                                       relay.observed.emit)

        run_in_background(self, work, self._checked, self._failed)

    def _checked(self, check: FaceCheck) -> None:
        self._finish()
        if self.stopped:
            self.status.setText(self.tr("Stopped."))
            return
        self.show_result(check)
        self.status.setText(self.tr("Confirm to go on, or check again."))

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        self.status.setText(error_text(exc) + " " + self.tr("You can confirm the person in person instead."))

    def _finish(self) -> None:
        self.running = False
        self.box = None
        self.camera.show_image(self.camera.image)  # the last picture, without the prompt
        self.stop_button.setVisible(False)
        self.start_button.setEnabled(self.editable)
        self.start_button.setText(self.tr("Check again"))

    def stop(self) -> None:
        """End a running check early (leaving the page, the officer's stop button)."""
        if self.running:
            from station.operations.face_process import face_worker

            self.stopped = True
            face_worker().stop()

    def confirm_in_person(self) -> None:
        """No usable match: submit what there is; the visit asks the officer's reasons for what failed."""
        self.stop()
        from station.operations.face import in_person_record

        self.view.submit(self.result or in_person_record(self.view.settings))

    # --- the visit ---------------------------------------------------------------------------

    def collect(self) -> Record | None:
        return self.result

    def ready(self) -> bool:
        return self.result is not None and not self.running

    def leave(self) -> None:
        self.stop()


def _liveness_reason(liveness: Mapping[str, Any]) -> Message:
    """The liveness result's reason by id (a record from before ids: its English sentence)."""
    stored = liveness.get("message")
    return Message.from_dict(stored) if stored else verbatim(str(liveness["reason"]))
