"""The signature pad: pen, touch and mouse strokes recorded as (x, y, pressure, t_ms), drawn as they come.

Coordinates are the pad's logical pixels; ``t_ms`` counts from the first point of the signature.
A pen gives its pressure; touch gives the screen's pressure when it has one; a mouse gives 0.5.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QInputDevice,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

Point = tuple[float, float, float, float]
MOUSE_PRESSURE = 0.5


class SignaturePad(QWidget):
    """Records strokes; ``changed`` fires at each stroke's end and on clear."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strokes: list[list[Point]] = []
        self._current: list[Point] | None = None
        self._t0: float | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(480, 220)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Signature pad"))
        self.setCursor(Qt.CursorShape.CrossCursor)

    # --- recording --------------------------------------------------------------------------

    def _now_ms(self) -> float:
        now = time.monotonic() * 1000.0
        if self._t0 is None:
            self._t0 = now
        return now - self._t0

    def begin(self, pos: QPointF, pressure: float) -> None:
        if not self.isEnabled():
            return
        self._current = [(pos.x(), pos.y(), pressure, self._now_ms())]
        self.strokes.append(self._current)
        self.update()

    def extend(self, pos: QPointF, pressure: float) -> None:
        if self._current is not None:
            self._current.append((pos.x(), pos.y(), pressure, self._now_ms()))
            self.update()

    def end(self) -> None:
        if self._current is not None:
            self._current = None
            self.changed.emit()

    def clear(self) -> None:
        """Start again: no strokes, the clock back to zero."""
        self.strokes, self._current, self._t0 = [], None, None
        self.update()
        self.changed.emit()

    def is_empty(self) -> bool:
        """No stroke with at least two points (the same rule the visit's check applies)."""
        return not any(len(s) >= 2 for s in self.strokes)

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self.begin(event.position(), event.pressure())
        elif kind == QEvent.Type.TabletMove:
            self.extend(event.position(), event.pressure())
        elif kind == QEvent.Type.TabletRelease:
            self.end()
        event.accept()

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            touch: QTouchEvent = event  # type: ignore[assignment]
            point = touch.points()[0]
            pressure = point.pressure() if point.pressure() > 0 else MOUSE_PRESSURE
            if event.type() == QEvent.Type.TouchBegin:
                self.begin(point.position(), pressure)
            elif event.type() == QEvent.Type.TouchUpdate:
                self.extend(point.position(), pressure)
            else:
                self.end()
            event.accept()
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and not _synthesized(event):
            self.begin(event.position(), MOUSE_PRESSURE)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.buttons() & Qt.MouseButton.LeftButton and not _synthesized(event):
            self.extend(event.position(), MOUSE_PRESSURE)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if not _synthesized(event):
            self.end()

    # --- drawing ----------------------------------------------------------------------------

    def paintEvent(self, event: QEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QPen(QColor("#bbbbbb"), 1, Qt.PenStyle.DashLine))
        baseline = self.height() * 0.75
        painter.drawLine(QPointF(24, baseline), QPointF(self.width() - 24, baseline))
        if not self.strokes:
            painter.setPen(QColor("#999999"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("The borrower signs here"))
        draw_strokes(painter, self.strokes)
        painter.end()


def draw_strokes(painter: QPainter, strokes: list[list[Point]]) -> None:
    """Each stroke as a line whose width follows the pressure."""
    for stroke in strokes:
        if len(stroke) == 1:
            x, y, p, _ = stroke[0]
            painter.setPen(QPen(QColor("#0a1f44"), 1 + 4 * p, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawPoint(QPointF(x, y))
            continue
        for (x0, y0, p0, _), (x1, y1, p1, _) in zip(stroke, stroke[1:], strict=False):
            path = QPainterPath(QPointF(x0, y0))
            path.lineTo(QPointF(x1, y1))
            painter.setPen(QPen(QColor("#0a1f44"), 1 + 4 * (p0 + p1) / 2, Qt.PenStyle.SolidLine,
                                Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
            painter.drawPath(path)


def _synthesized(event: QMouseEvent) -> bool:
    """A mouse event Qt made from a touch or a pen (already recorded as such)."""
    return event.deviceType() != QInputDevice.DeviceType.Mouse
