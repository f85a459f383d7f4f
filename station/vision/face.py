"""Finding the face in a picture, and telling the officer what is wrong with it.

:func:`find_faces` looks at one picture (a card portrait, a still); :class:`FaceTracker` follows the face
through a live preview: it runs dlib's HOG detector on a downscaled frame every few frames and follows
the 68 landmarks in between, which keeps a 640x480 preview well above 15 frames per second on two cores.

Every observation carries its quality gates (:class:`Gate`): exactly one face, big enough, not cut by the
edge, frontal enough, sharp enough, lit well enough. Each gate is a named result with its measured value,
its limit and a sentence the officer can act on. Pictures are numpy arrays held in memory only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import cv2
import numpy as np

from station.messages import Message
from station.vision.face_models import load_models

# The 68-point layout (iBUG 300-W), in image terms: "left" is the image's left.
JAW = slice(0, 17)
NOSE_TIP = 30
LEFT_EYE = slice(36, 42)  # the person's right eye in an unmirrored camera picture
RIGHT_EYE = slice(42, 48)


@dataclass(frozen=True)
class FaceBox:
    """A face's box in picture pixels (dlib's HOG box: brows to chin, cheek to cheek)."""

    left: int
    top: int
    right: int
    bottom: int

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top

    @property
    def center(self) -> tuple[float, float]:
        return (self.left + self.right) / 2.0, (self.top + self.bottom) / 2.0

    def scaled(self, factor: float) -> FaceBox:
        """The box in a picture resized by ``factor``."""
        return FaceBox(*(round(v * factor) for v in (self.left, self.top, self.right, self.bottom)))

    def css(self) -> tuple[int, int, int, int]:
        """(top, right, bottom, left), the order face_recognition takes."""
        return self.top, self.right, self.bottom, self.left

    def rect(self) -> Any:
        """The box as a ``dlib.rectangle``."""
        import dlib

        return dlib.rectangle(self.left, self.top, self.right, self.bottom)

    @classmethod
    def of(cls, rect: Any) -> FaceBox:
        """The box of a ``dlib.rectangle``."""
        return cls(rect.left(), rect.top(), rect.right(), rect.bottom())


# --- landmark geometry ---------------------------------------------------------------------------

def eye_aspect_ratio(points: np.ndarray) -> float:
    """Mean eye-aspect ratio of both eyes (Soukupova and Cech 2016): about 0.25-0.35 open, near 0.1 shut."""

    def one(eye: np.ndarray) -> float:
        vertical = np.linalg.norm(eye[1] - eye[5]) + np.linalg.norm(eye[2] - eye[4])
        horizontal = np.linalg.norm(eye[0] - eye[3])
        return float(vertical / (2.0 * horizontal)) if horizontal > 0 else 0.0

    return (one(points[LEFT_EYE]) + one(points[RIGHT_EYE])) / 2.0


def head_turn(points: np.ndarray) -> float:
    """How far the nose tip sits off the middle of the face, from -1 to 1 (0 frontal).

    Positive means the nose moved towards the picture's right: in an unmirrored camera picture, the
    person turned to *their* left. A flat photo tilted in front of the camera barely moves it.
    """
    jaw = points[JAW]
    left, right = float(jaw[:, 0].min()), float(jaw[:, 0].max())
    if right - left <= 0:
        return 0.0
    return float(np.clip(2.0 * (points[NOSE_TIP, 0] - left) / (right - left) - 1.0, -1.0, 1.0))


def head_roll(points: np.ndarray) -> float:
    """Angle of the line between the eyes, in degrees (0 level)."""
    a = points[LEFT_EYE].mean(axis=0)
    b = points[RIGHT_EYE].mean(axis=0)
    return math.degrees(math.atan2(float(b[1] - a[1]), float(b[0] - a[0])))


def sharpness(grey: np.ndarray, box: FaceBox) -> float:
    """Detail in the face: variance of the Laplacian of the face scaled to 64 px and to a fixed contrast."""
    crop = _crop(grey, box, 0.0)
    if crop.size == 0:
        return 0.0
    small = cv2.resize(crop, (64, 64), interpolation=cv2.INTER_AREA).astype(np.float32)
    std = float(small.std())
    if std < 1.0:
        return 0.0
    small = (small - small.mean()) * (40.0 / std)
    return float(cv2.Laplacian(small, cv2.CV_32F).var())


def _crop(grey: np.ndarray, box: FaceBox, shrink: float) -> np.ndarray:
    dx, dy = int(box.width * shrink), int(box.height * shrink)
    h, w = grey.shape[:2]
    return grey[max(box.top + dy, 0):min(box.bottom - dy, h), max(box.left + dx, 0):min(box.right - dx, w)]


def to_grey(image: np.ndarray) -> np.ndarray:
    """8-bit grey from BGR or grey."""
    return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


# --- quality gates -------------------------------------------------------------------------------

class Gate(StrEnum):
    """The quality gates, in the order they are checked."""

    ONE_FACE = "one_face"
    SIZE = "size"
    EDGE = "edge"
    FRONTAL = "frontal"
    SHARP = "sharp"
    LIGHT = "light"


@dataclass(frozen=True)
class GateResult:
    """One gate: what was measured, the limit, and a sentence for the officer."""

    gate: Gate
    passed: bool
    value: float
    limit: str
    message: Message

    def to_dict(self) -> dict[str, object]:
        return {"gate": self.gate.value, "passed": self.passed, "value": round(self.value, 3),
                "limit": self.limit, "message": str(self.message)}


@dataclass(frozen=True)
class QualityLimits:
    """The gates' limits. ``min_face_px`` is the face box width in the full frame."""

    min_face_px: int = 100
    edge_margin: float = 0.10  # free space around the box, as a share of its width
    max_turn: float = 0.35  # head_turn()
    max_roll_deg: float = 20.0
    min_sharpness: float = 25.0
    min_brightness: float = 55.0
    max_brightness: float = 210.0
    min_contrast: float = 12.0  # standard deviation of the face's grey levels


def check_gates(grey: np.ndarray, faces: int, box: FaceBox | None, points: np.ndarray | None,
                limits: QualityLimits) -> tuple[GateResult, ...]:
    """All gates that apply: with no face or several, only the first (the rest cannot be measured)."""
    if faces != 1 or box is None or points is None:
        message = (Message("face-none") if faces == 0 else Message("face-several", {"faces": faces}))
        return (GateResult(Gate.ONE_FACE, False, faces, "= 1", message),)
    h, w = grey.shape[:2]
    gates = [GateResult(Gate.ONE_FACE, True, 1, "= 1", Message("face-one"))]
    width = box.width
    gates.append(GateResult(Gate.SIZE, width >= limits.min_face_px, width, f">= {limits.min_face_px} px",
                            Message("face-size-ok") if width >= limits.min_face_px else
                            Message("face-too-small", {"width": width, "min": limits.min_face_px})))
    margin = min(box.left, box.top, w - box.right, h - box.bottom) / max(width, 1)
    gates.append(GateResult(Gate.EDGE, margin >= limits.edge_margin, margin, f">= {limits.edge_margin:.2f}",
                            Message("face-inside") if margin >= limits.edge_margin else Message("face-cut")))
    turn, roll = head_turn(points), head_roll(points)
    frontal = abs(turn) <= limits.max_turn and abs(roll) <= limits.max_roll_deg
    gates.append(GateResult(Gate.FRONTAL, frontal, turn, f"|turn| <= {limits.max_turn}, |roll| <= "
                            f"{limits.max_roll_deg:.0f} deg",
                            Message("face-frontal") if frontal else
                            Message("face-not-frontal", {"turn": f"{turn:+.2f}", "tilt": f"{roll:+.0f}"})))
    sharp = sharpness(grey, box)
    gates.append(GateResult(Gate.SHARP, sharp >= limits.min_sharpness, sharp, f">= {limits.min_sharpness:.0f}",
                            Message("face-sharp") if sharp >= limits.min_sharpness else
                            Message("face-blurred", {"sharpness": f"{sharp:.0f}",
                                                     "min": f"{limits.min_sharpness:.0f}"})))
    face = _crop(grey, box, 0.2)
    mean, std = (float(face.mean()), float(face.std())) if face.size else (0.0, 0.0)
    if mean < limits.min_brightness:
        light = Message("face-too-dark", {"brightness": f"{mean:.0f}", "min": f"{limits.min_brightness:.0f}"})
    elif mean > limits.max_brightness:
        light = Message("face-too-bright", {"brightness": f"{mean:.0f}", "max": f"{limits.max_brightness:.0f}"})
    elif std < limits.min_contrast:
        light = Message("face-low-contrast", {"contrast": f"{std:.0f}", "min": f"{limits.min_contrast:.0f}"})
    else:
        light = None
    gates.append(GateResult(Gate.LIGHT, not light, mean, f"{limits.min_brightness:.0f}..{limits.max_brightness:.0f}"
                            f", contrast >= {limits.min_contrast:.0f}", light or Message("face-light-ok")))
    return tuple(gates)


# --- observations --------------------------------------------------------------------------------

@dataclass(frozen=True)
class FaceObservation:
    """What was found in one picture: the face (if exactly one), its 68 landmarks and the gates."""

    faces: int
    box: FaceBox | None
    points: np.ndarray | None = field(default=None, repr=False)
    gates: tuple[GateResult, ...] = ()
    detected: bool = True  # False when the face was followed by landmarks rather than detected anew
    index: int = -1
    t_ms: float = 0.0

    @property
    def ok(self) -> bool:
        """Every gate passed."""
        return bool(self.gates) and all(g.passed for g in self.gates)

    @property
    def problem(self) -> GateResult | None:
        """The first gate that failed."""
        return next((g for g in self.gates if not g.passed), None)

    @property
    def message(self) -> Message:
        """What to tell the customer about this picture."""
        problem = self.problem
        return problem.message if problem else Message("face-good")

    @property
    def reason(self) -> str:
        return str(self.message)

    def value(self, gate: Gate) -> float | None:
        return next((g.value for g in self.gates if g.gate is gate), None)

    @property
    def score(self) -> float:
        """A rank among good frames: sharper, more frontal and bigger is better (0 when a gate fails)."""
        if not self.ok:
            return 0.0
        sharp = self.value(Gate.SHARP) or 0.0
        turn = abs(self.value(Gate.FRONTAL) or 0.0)
        size = self.value(Gate.SIZE) or 0.0
        return math.log1p(sharp) * (1.0 - turn) * min(size / 200.0, 1.0)


def _landmarks(grey: np.ndarray, box: FaceBox) -> np.ndarray:
    shape = load_models().landmarks68(grey, box.rect())
    return np.array([(p.x, p.y) for p in shape.parts()], dtype=np.float32)


def detect(grey: np.ndarray, upsample: int = 0) -> list[FaceBox]:
    """Faces found by dlib's HOG detector, biggest first."""
    rects = load_models().detector(grey, upsample)
    return sorted((FaceBox.of(r) for r in rects), key=lambda b: -b.width)


def find_faces(image: np.ndarray, limits: QualityLimits = QualityLimits(), upsample: int = 0) -> FaceObservation:
    """Detect and judge the face in one picture (BGR or grey)."""
    grey = to_grey(image)
    boxes = detect(grey, upsample)
    if len(boxes) != 1:
        return FaceObservation(len(boxes), None, None, check_gates(grey, len(boxes), None, None, limits))
    points = _landmarks(grey, boxes[0])
    return FaceObservation(1, boxes[0], points, check_gates(grey, 1, boxes[0], points, limits))


class FaceTracker:
    """Follows the face in a live preview: detect every ``detect_every`` frames on a copy at most
    ``detect_width`` wide, follow the landmarks in between; detect at once when the face is lost or its box
    changed abruptly."""

    def __init__(self, limits: QualityLimits = QualityLimits(), detect_every: int = 5, detect_width: int = 480,
                 max_change: float = 12.0) -> None:
        self.limits = limits
        self.max_change = max_change  # mean grey-level change of the face's box that forces a new detection
        self.detect_every = max(1, detect_every)
        self.detect_width = detect_width
        self.reset()

    def reset(self) -> None:
        """Forget the face: the next frame is searched from scratch."""
        self._box: FaceBox | None = None
        self._faces = 0
        self._since_detect = 0
        self._offset = (0.0, 0.0)  # landmark centre minus box centre, in box widths
        self._patch: np.ndarray | None = None  # the face's box in the last frame, 24x24 grey

    def observe(self, image: np.ndarray, index: int = -1, t_ms: float = 0.0) -> FaceObservation:
        """The observation for the next frame of the preview."""
        grey = to_grey(image)
        points = None
        detected = self._box is None or self._since_detect >= self.detect_every - 1
        if not detected:
            moved = self._follow(_landmarks(grey, self._box), grey.shape)
            if moved is None or self._changed(grey, moved):  # lost, or a cut: search again
                detected = True
            else:
                self._box, self._since_detect = moved, self._since_detect + 1
                points = _landmarks(grey, moved)
        if detected:
            self._detect(grey)
            if self._box is not None:
                points = _landmarks(grey, self._box)
                self._remember(self._box, points)
        if self._faces != 1 or self._box is None or points is None:
            self._patch = None
            gates = check_gates(grey, self._faces, None, None, self.limits)
            return FaceObservation(self._faces, None, None, gates, detected, index, t_ms)
        self._patch = _patch(grey, self._box)
        gates = check_gates(grey, 1, self._box, points, self.limits)
        return FaceObservation(1, self._box, points, gates, detected, index, t_ms)

    def _changed(self, grey: np.ndarray, box: FaceBox) -> bool:
        """True when the face's box, followed, looks unlike the last frame's (a cut, a photo swapped in)."""
        if self._patch is None:
            return True
        return float(np.abs(_patch(grey, box) - self._patch).mean()) > self.max_change

    def _detect(self, grey: np.ndarray) -> None:
        h, w = grey.shape[:2]
        factor = min(1.0, self.detect_width / w)
        small = cv2.resize(grey, (round(w * factor), round(h * factor)), interpolation=cv2.INTER_AREA) \
            if factor < 1.0 else grey
        boxes = [b.scaled(1.0 / factor) for b in detect(small, 0)]
        self._faces = len(boxes)
        self._box = boxes[0] if len(boxes) == 1 else None
        self._since_detect = 0

    def _remember(self, box: FaceBox, points: np.ndarray) -> None:
        cx, cy = box.center
        mx, my = points.mean(axis=0)
        self._offset = ((mx - cx) / box.width, (my - cy) / box.width)

    def _follow(self, points: np.ndarray, shape: tuple[int, ...]) -> FaceBox | None:
        """The detected box moved with the landmarks' centre (its size is kept until the next detection:
        following the size too lets a turned face's box run away), or None when it left the picture."""
        box = self._box
        assert box is not None
        mx, my = points.mean(axis=0)
        cx, cy = mx - self._offset[0] * box.width, my - self._offset[1] * box.width
        moved = FaceBox(round(cx - box.width / 2), round(cy - box.height / 2), round(cx + box.width / 2),
                        round(cy + box.height / 2))
        h, w = shape[:2]
        if moved.right <= 0 or moved.bottom <= 0 or moved.left >= w or moved.top >= h:
            return None
        return moved




def _patch(grey: np.ndarray, box: FaceBox) -> np.ndarray:
    crop = _crop(grey, box, 0.0)
    if crop.size == 0:
        return np.zeros((24, 24), np.float32)
    return cv2.resize(crop, (24, 24), interpolation=cv2.INTER_AREA).astype(np.float32)
