"""Is this picture of the card good enough to read? Gates an officer understands, and auto-capture.

Each gate is a named :class:`~station.core.checks.CheckResult` with its measurement and a sentence saying
what to do: the card not found, too small or cut off, blurred, glare over the print, too dark, no colour
(a photocopy). The thresholds sit below what the reader still reads well (``bench/ocr_accuracy.py``
runs the degraded cards through the same gates), so a gate that fails means "take it again".

:class:`AutoCapture` watches a stream of frames and captures by itself when the card has been found in
a sharp, glare-free frame and has held still for a moment.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

import cv2
import numpy as np

from station.core.checks import CheckResult, failed, passed
from station.messages import Message
from station.vision.card import CardLocation, find_card, rectify

MIN_CARD_WIDTH = 330
"""Pixels across the card in the image: below that the address print is under ~10 px high."""
MIN_SHARPNESS = 15.0
"""Variance of the Laplacian of the flattened card (856x540 grey): print is smeared below this."""
MAX_GLARE = 0.01
"""Fraction of the card washed out by a reflection."""
MIN_BRIGHTNESS = 70.0
"""Median brightness (0-255) of the card's background."""
MIN_COLOUR = 5.0
"""Colourfulness of the card (99th percentile of chroma, CIELAB units): a photocopy has none."""


@dataclass(frozen=True)
class QualityReport:
    """The gates' results for one image, and the card found in it (flattened, not yet turned upright)."""

    checks: tuple[CheckResult, ...]
    location: CardLocation | None = None
    card: np.ndarray | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return all(c.passed for c in self.checks)

    @property
    def problems(self) -> list[CheckResult]:
        return [c for c in self.checks if not c.passed]

    @property
    def figures(self) -> dict[str, float]:
        """Every gate's measurement, by name (for logs, the audit trail and the live hints)."""
        return {k: v for c in self.checks for k, v in c.figures.items() if isinstance(v, int | float)}


def assess(image: np.ndarray, *, greyscale_file: bool = False) -> QualityReport:
    """Find the card in a BGR image, flatten it and apply every gate.

    ``greyscale_file`` says the file had no colour channels at all (a greyscale scan).
    """
    location = find_card(image)
    if location is None:
        return QualityReport((failed(
            "capture.card_found",
            "capture-no-card",
        ),))
    checks = [passed("capture.card_found", "capture-card-found", {"method": location.method}, method=location.method)]
    checks += [_size(location), _not_cut_off(location)]
    card = rectify(image, location)
    small = cv2.resize(card, (card.shape[1] // 4, card.shape[0] // 4), interpolation=cv2.INTER_AREA)
    background = _background(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY))
    checks += [_sharpness(cv2.cvtColor(card, cv2.COLOR_BGR2GRAY)), _glare(background), _brightness(background),
               _colour(small, greyscale_file)]
    return QualityReport(tuple(checks), location, card)


def sharpness(grey: np.ndarray) -> float:
    """Variance of the Laplacian: high for crisp print, low for a blurred or smeared image."""
    _, std = cv2.meanStdDev(cv2.Laplacian(grey, cv2.CV_32F))
    return float(std[0, 0] ** 2)


def _background(grey: np.ndarray) -> np.ndarray:
    """The card's paper brightness (at a quarter size) with the print taken out by a closing."""
    closed = cv2.morphologyEx(grey, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (9, 9)))
    return cv2.GaussianBlur(closed, (0, 0), 2)


def _size(location: CardLocation) -> CheckResult:
    width = round(location.width)
    if width < MIN_CARD_WIDTH:
        return failed("capture.size", "capture-too-small", {"width": width}, width_px=width,
                      min_width_px=MIN_CARD_WIDTH)
    return passed("capture.size", "capture-size-ok", {"width": width}, width_px=width, min_width_px=MIN_CARD_WIDTH)


def _not_cut_off(location: CardLocation) -> CheckResult:
    if location.cut_off():
        return failed("capture.cut_off", "capture-cut-off")
    return passed("capture.cut_off", "capture-corners-ok")


def _sharpness(grey: np.ndarray) -> CheckResult:
    value = round(sharpness(grey), 1)
    if value < MIN_SHARPNESS:
        return failed("capture.sharpness", "capture-blurred", {"sharpness": str(value), "min": str(MIN_SHARPNESS)},
                      sharpness=value, min_sharpness=MIN_SHARPNESS)
    return passed("capture.sharpness", "capture-sharp", {"sharpness": str(value)}, sharpness=value,
                  min_sharpness=MIN_SHARPNESS)


def _glare(background: np.ndarray) -> CheckResult:
    """Washed-out patches: paper blown out to white, well above the card's usual paper brightness.

    A white photocopy or scan is white all over: that is not a reflection, so the card's own median
    is the reference.
    """
    median = float(np.median(background))
    washed = (background >= 250) & (background >= median + 12)
    fraction = round(float(washed.mean()), 4)
    if fraction > MAX_GLARE:
        return failed("capture.glare", "capture-glare", {"share": f"{fraction:.0%}"}, glare=fraction,
                      max_glare=MAX_GLARE)
    return passed("capture.glare", "capture-no-glare", glare=fraction, max_glare=MAX_GLARE)


def _brightness(background: np.ndarray) -> CheckResult:
    value = round(float(np.median(background)), 1)
    if value < MIN_BRIGHTNESS:
        return failed("capture.brightness", "capture-too-dark", {"brightness": f"{value:.0f}"}, brightness=value,
                      min_brightness=MIN_BRIGHTNESS)
    return passed("capture.brightness", "capture-lit", {"brightness": f"{value:.0f}"},
                  brightness=value, min_brightness=MIN_BRIGHTNESS)


def _colour(small: np.ndarray, greyscale_file: bool) -> CheckResult:
    """A resident ID card is printed in colour; a photocopy or a greyscale scan has none.

    An original cannot be told from a copy without colour, so this does not stop the reading: the
    officer is asked to look at the original (overridable).
    """
    name = "capture.colour"
    if greyscale_file:
        return failed(name, "capture-greyscale", overridable=True, colour=0.0, min_colour=MIN_COLOUR)
    inner = small[7:-7, 7:-7]  # (a quarter-size card) inside the rounded corners, where the table may show
    lab = cv2.cvtColor(inner, cv2.COLOR_BGR2LAB)
    ab = lab[..., 1:].reshape(-1, 2).astype(np.float32)
    chroma = np.linalg.norm(ab - np.median(ab, axis=0), axis=1)  # the colour cast of the light taken out
    value = round(float(np.percentile(chroma, 99)), 1)
    if value < MIN_COLOUR:
        return failed(name, "capture-no-colour", {"colour": str(value)}, overridable=True, colour=value,
                      min_colour=MIN_COLOUR)
    return passed(name, "capture-colour", {"colour": str(value)}, colour=value, min_colour=MIN_COLOUR)


# --- auto-capture ------------------------------------------------------------------------------------


class CaptureState(StrEnum):
    SEARCHING = "searching"  # no card in view
    ADJUST = "adjust"  # a card, but a gate fails: the hint says what to change
    HOLD_STILL = "hold_still"  # good frames, waiting for the card to stay put
    CAPTURED = "captured"


@dataclass(frozen=True)
class CaptureStep:
    """What auto-capture makes of one frame: its state, a hint for the officer, and the capture if any."""

    state: CaptureState
    hint: Message
    report: QualityReport
    frame: np.ndarray | None = field(default=None, repr=False)  # the captured frame (CAPTURED only)

    @property
    def holding(self) -> bool:
        """Good frames: the card is waited on to stay put."""
        return self.state is CaptureState.HOLD_STILL

    @property
    def captured(self) -> bool:
        return self.state is CaptureState.CAPTURED


class AutoCapture:
    """Captures when a sharp, glare-free frame holds still: ``hold`` good frames in a row, the card's
    corners moving less than ``max_motion`` (a fraction of the card's width) between them. The capture is
    the sharpest of those frames.
    """

    def __init__(self, hold: int = 4, max_motion: float = 0.012) -> None:
        self.hold = hold
        self.max_motion = max_motion
        self._good: deque[tuple[np.ndarray, QualityReport]] = deque(maxlen=hold)

    def feed(self, frame: np.ndarray) -> CaptureStep:
        """Look at the next frame; CAPTURED hands over the best frame of the still stretch."""
        report = assess(frame)
        if report.location is None:
            self._good.clear()
            return CaptureStep(CaptureState.SEARCHING, report.checks[0].message, report)
        if not report.ok:
            self._good.clear()
            return CaptureStep(CaptureState.ADJUST, report.problems[0].message, report)
        if self._good and self._moved(self._good[-1][1].location, report.location):
            self._good.clear()
        self._good.append((frame, report))
        if len(self._good) < self.hold:
            return CaptureStep(CaptureState.HOLD_STILL, Message("capture-hold-still"), report)
        best_frame, best = max(self._good, key=lambda g: g[1].figures.get("sharpness", 0.0))
        self._good.clear()
        return CaptureStep(CaptureState.CAPTURED, Message("capture-captured"), best, best_frame)

    def _moved(self, before: CardLocation | None, now: CardLocation | None) -> bool:
        if before is None or now is None:
            return True
        shift = float(np.max(np.linalg.norm(before.corners - now.corners, axis=1)))
        return shift > self.max_motion * now.width


def auto_capture(frames: Iterable[np.ndarray], **options: float) -> CaptureStep | None:
    """Feed ``frames`` (a video file's frames, a camera's) to :class:`AutoCapture`; the capture, or None."""
    capture = AutoCapture(**options)  # type: ignore[arg-type]
    for frame in frames:
        step = capture.feed(frame)
        if step.state is CaptureState.CAPTURED:
            return step
    return None
