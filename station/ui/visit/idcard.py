"""ID card: take both sides with the camera (auto-capture inside a card outline) or open image files, read
them with OCR on a worker, then check every field against the card; or type the card in.

Capturing and reading are :mod:`station.operations.idcard`'s (the CLI reads the same way); the form
shows the doubtful characters and runs the card checks again at every edit.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from station.core.checks import CheckResult
from station.core.models import IdCardRead, Record
from station.core.visit import Outcome, Step
from station.errors import StationError
from station.messages import Message
from station.ui.messages import error_text, say
from station.ui.visit.idcard_form import IdCardForm
from station.ui.visit.page import StepPage
from station.ui.widgets.camera import CameraFeed, CameraView, to_qimage
from station.ui.widgets.checks import ChecksView
from station.ui.workers import run_in_background

if TYPE_CHECKING:
    import numpy as np

    from station.vision.idcard import CardReading
    from station.vision.quality import CaptureStep

CARD_ASPECT = 85.6 / 54


class IdCardPage(StepPage):
    step = Step.ID_CARD

    def __init__(self, view: Any) -> None:
        super().__init__(view)
        self.images: list[np.ndarray | bytes] = []  # the pictures taken, at most one per side
        self.feed: CameraFeed | None = None
        self.outline: np.ndarray | None = None
        self.outline_ok = False
        self.reading = False
        self.camera = CameraView()
        self.camera.setMinimumSize(480, 320)
        self.camera_button = QPushButton(self.tr("Camera"))
        self.camera_button.setProperty("primary", True)
        self.camera_button.clicked.connect(self.start_camera)
        self.open_button = QPushButton(self.tr("Open pictures…"))
        self.open_button.clicked.connect(self.open_files)
        self.clear_button = QPushButton(self.tr("Take again"))
        self.clear_button.clicked.connect(self.clear_pictures)
        self.thumbs = [QLabel(), QLabel()]
        for thumb in self.thumbs:
            thumb.setFixedSize(214, 135)
            thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
            thumb.setStyleSheet("background:#f4f4f4; border:1px dashed #999;")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.reading_checks = ChecksView(only_problems=True)
        self.form = IdCardForm(self.today)
        self.form.checked.connect(self._checked)
        self.hint = QLabel(self.tr("Check every field against the card; doubtful characters are marked yellow, "
                                   "fields that fail a check red."))
        self.hint.setProperty("role", "hint")
        self.hint.setWordWrap(True)

        self.camera.hide()  # shown while the camera runs
        buttons = QVBoxLayout()
        for button in (self.camera_button, self.open_button, self.clear_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        info = QVBoxLayout()
        info.addWidget(self.status)
        info.addWidget(self.reading_checks)
        info.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.thumbs[0])
        top.addWidget(self.thumbs[1])
        top.addLayout(info, 1)
        top.addLayout(buttons)
        self.body.addLayout(top)
        self.body.addWidget(self.camera, 1)
        self.body.addWidget(self.hint)
        self.body.addWidget(self.form)
        self._show_thumbs([])

    # --- the visit ---------------------------------------------------------------------------

    def fill(self, record: Record | None) -> None:
        read = record if isinstance(record, IdCardRead) else None
        self.stop_camera()
        self.images = []
        self.reading_checks.show_checks([])
        self._show_thumbs([b for b in (read.front_image, read.back_image) if b] if read else [])
        self.status.setText(self.tr("Take the front and the back of the card with the camera, or open two "
                                    "pictures, or type the card in below.") if self.editable else "")
        self.form.show_read(read)

    def setEnabledInputs(self, editable: bool) -> None:  # noqa: N802
        self.form.setEnabled(editable)
        for button in (self.camera_button, self.open_button, self.clear_button):
            button.setVisible(editable)

    def _checked(self, checks: list[CheckResult]) -> None:
        self.checks.show_checks(checks)
        self.changed.emit()

    def collect(self) -> Record | None:
        return self.form.read() if self.form.complete() else None

    def ready(self) -> bool:
        return self.form.complete() and not self.reading

    def show_outcome(self, outcome: Outcome) -> None:
        self.checks.show_checks(outcome.checks)

    def leave(self) -> None:
        self.stop_camera()

    # --- pictures ----------------------------------------------------------------------------

    def start_camera(self) -> None:
        """Live preview; a side is captured when the card is sharp, glare-free and still inside the outline."""
        from station.operations.camera import open_camera
        from station.operations.idcard import SidesCapture

        self.stop_camera()
        if len(self.images) >= 2:
            self.clear_pictures()
        settings, capture = self.view.settings, SidesCapture()
        self.feed = CameraFeed(lambda: open_camera(settings), lambda frame: capture.feed(frame.image), parent=self)
        self.feed.frame.connect(self._camera_frame)
        self.feed.stopped.connect(self._camera_stopped)
        self.feed.start()
        self.camera.show()
        self.status.setText(self.tr("Hold the front of the card inside the outline."))

    def stop_camera(self) -> None:
        if self.feed is not None:
            feed, self.feed = self.feed, None
            feed.frame.disconnect()
            feed.stopped.disconnect()
            feed.stop()
        self.outline = None
        self.camera.hide()

    def _camera_frame(self, image: QImage, frame: Any, step: CaptureStep | None) -> None:
        if self.feed is None:  # a frame sent before the camera was stopped
            return
        if step is None:
            self.outline, caption = None, self.tr("Turn the card over.")
        else:
            location = step.report.location
            self.outline = location.corners if location is not None else None
            self.outline_ok = step.holding or step.captured
            caption = say(step.hint)
        self.camera.show_image(image, self._draw_outline, caption)
        if step is not None and step.captured and step.frame is not None:
            self.add_picture(step.frame)
            if len(self.images) == 1:
                self.status.setText(self.tr("Front or back taken. Now turn the card over."))

    def _camera_stopped(self, reason: Message) -> None:
        self.stop_camera()
        self.status.setText(say(reason) + " " + self.tr("Open pictures of the card, or type it in below."))

    def _draw_outline(self, painter: QPainter, target: QRectF, scale: float) -> None:
        if self.outline is None:
            w = target.width() * 0.8
            guide = QRectF(target.center().x() - w / 2, target.center().y() - w / CARD_ASPECT / 2, w, w / CARD_ASPECT)
            painter.setPen(QPen(QColor(255, 255, 255, 180), 2, Qt.PenStyle.DashLine))
            painter.drawRoundedRect(guide, 12, 12)
            return
        painter.setPen(QPen(QColor("#3fb950" if self.outline_ok else "#f0b429"), 3))
        painter.drawPolygon(QPolygonF([QPointF(target.left() + x * scale, target.top() + y * scale)
                                       for x, y in self.outline]))

    def open_files(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(self, self.tr("Pictures of the card"), "",
                                                 self.tr("Pictures (*.jpg *.jpeg *.png *.bmp *.tif *.tiff)"))
        if chosen:
            self.open_pictures([Path(p) for p in chosen[-2:]])

    def open_pictures(self, paths: list[Path]) -> None:
        """Pictures of one or both sides from files (a scanner's, a phone's)."""
        self.stop_camera()
        self.images = []
        for path in paths:
            try:
                self.add_picture(path.read_bytes(), read_now=path == paths[-1])
            except OSError as exc:
                self.status.setText(self.tr("%1 cannot be read: %2").replace("%1", path.name)
                                    .replace("%2", exc.strerror or str(exc)))
                return

    def add_picture(self, image: np.ndarray | bytes, read_now: bool | None = None) -> None:
        """Keep a picture; with both sides (or ``read_now``), read them on a worker."""
        self.images = [*self.images, image][-2:]
        self._show_thumbs(self.images)
        if read_now or (read_now is None and len(self.images) == 2):
            self.stop_camera()
            self.read_pictures()

    def clear_pictures(self) -> None:
        self.images = []
        self._show_thumbs([])
        self.reading_checks.show_checks([])

    def read_pictures(self) -> None:
        images, settings, today = list(self.images), self.view.settings, self.today()
        self.reading = True
        self.status.setText(self.tr("Reading the card…"))
        self.changed.emit()

        def work() -> CardReading:
            from station.operations.idcard import read_card

            return read_card(settings, images, today)

        run_in_background(self, work, self._read, self._read_failed)

    def _read(self, reading: CardReading) -> None:
        from station.operations.idcard import card_of, picture_problems

        self.reading = False
        sides = [s for s in (reading.front, reading.back) if s is not None and s.card is not None]
        self._show_thumbs([s.card for s in sides])
        self.reading_checks.show_checks(picture_problems(reading))  # the card rules show below the form
        try:
            read = card_of(reading)
        except StationError as exc:
            self.status.setText(error_text(exc))
            self.changed.emit()
            return
        self.status.setText(self.tr("Read by %1. Compare each field with the card.").replace("%1", read.engine))
        self.form.show_read(read)

    def _read_failed(self, exc: BaseException) -> None:
        self.reading = False
        self.status.setText(self.tr("The card could not be read: %1").replace("%1", error_text(exc)))
        self.changed.emit()

    def _show_thumbs(self, images: list[Any]) -> None:
        for i, thumb in enumerate(self.thumbs):
            image = images[i] if i < len(images) else None
            if image is None:
                thumb.setPixmap(QPixmap())
                thumb.setText(self.tr("Side %1").replace("%1", str(i + 1)))
                continue
            qimage = QImage.fromData(image) if isinstance(image, bytes) else to_qimage(image)
            thumb.setPixmap(QPixmap.fromImage(qimage).scaled(thumb.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                                             Qt.TransformationMode.SmoothTransformation))
