"""The live camera: frames are read and analysed on a worker thread; the widget only paints them.

:class:`CameraFeed` opens a :class:`station.vision.frames.FrameSource`, reads it at the source's pace,
hands each frame to an ``analyse`` function (a card finder, a face detector: the engines'), and sends the
picture and the analysis to the GUI thread. :class:`CameraView` paints the last picture with an overlay
that the page draws from the analysis (a card outline, a face box).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF, QSize, Qt, QThread, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from station.errors import StationError
from station.messages import Message, verbatim

if TYPE_CHECKING:
    import numpy as np

    from station.vision.frames import Frame, FrameSource



def to_qimage(bgr: np.ndarray) -> QImage:
    """A BGR array as a QImage that owns its pixels."""
    import numpy as np

    h, w = bgr.shape[:2]
    return QImage(np.ascontiguousarray(bgr).data, w, h, 3 * w, QImage.Format.Format_BGR888).copy()


class CameraFeed(QThread):
    """Reads frames on its own thread. ``frame(QImage, Frame, analysis)``; ``stopped(reason)`` when it ends
    (a :class:`~station.messages.Message`)."""

    frame = Signal(QImage, object, object)
    stopped = Signal(object)

    def __init__(self, open_source: Callable[[], FrameSource], analyse: Callable[[Frame], Any] | None = None,
                 fps: float = 15.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.open_source, self.analyse, self.period = open_source, analyse, 1.0 / fps

    def run(self) -> None:
        try:
            source = self.open_source()
        except Exception as exc:  # noqa: BLE001 - a source that cannot open is said, not raised
            self.stopped.emit(_reason(exc))
            return
        try:
            self._loop(source)
        finally:
            source.close()

    def _loop(self, source: FrameSource) -> None:
        while not self.isInterruptionRequested():
            started = time.monotonic()
            read = source.read()
            if read.corrupt:
                continue
            if not read.ok or read.frame is None:
                self.stopped.emit(read.message)
                return
            try:
                analysis = self.analyse(read.frame) if self.analyse else None
            except Exception as exc:  # noqa: BLE001 - the engine's failure ends the feed with its reason
                self.stopped.emit(_reason(exc))
                return
            self.frame.emit(to_qimage(read.frame.image), read.frame, analysis)
            rest = self.period - (time.monotonic() - started)
            if rest > 0:
                self.msleep(int(rest * 1000))

    def stop(self) -> None:
        """Ask the thread to end and wait for it (the source is closed by the thread)."""
        self.requestInterruption()
        self.wait(3000)


Overlay = Callable[[QPainter, QRectF, float], None]
"""Draws over the picture: the painter, where the picture lies in the widget, and its scale."""


class CameraView(QWidget):
    """The last picture, scaled to fit, with an overlay and a line of text over it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image: QImage | None = None
        self.overlay: Overlay | None = None
        self.caption = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(400, 300))

    def show_image(self, image: QImage | None, overlay: Overlay | None = None, caption: str = "") -> None:
        self.image, self.overlay, self.caption = image, overlay, caption
        self.update()

    def image_rect(self) -> tuple[QRectF, float]:
        """Where the picture is drawn and at what scale."""
        if self.image is None or self.image.isNull():
            return QRectF(self.rect()), 1.0
        scale = min(self.width() / self.image.width(), self.height() / self.image.height())
        w, h = self.image.width() * scale, self.image.height() * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h), scale

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#202020"))
        target, scale = self.image_rect()
        if self.image is not None and not self.image.isNull():
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, self.image)
        if self.overlay is not None:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.overlay(painter, target, scale)
        if self.caption:
            painter.setPen(QColor("white"))
            band = QRectF(0, self.height() - 44, self.width(), 44)
            painter.fillRect(band, QColor(0, 0, 0, 150))
            painter.drawText(band, Qt.AlignmentFlag.AlignCenter, self.caption)
        painter.end()


def _reason(exc: Exception) -> Message:
    """Why the feed ended: the station's own message, or the library's words as they are."""
    return exc.message if isinstance(exc, StationError) else verbatim(str(exc))
