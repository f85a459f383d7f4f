"""Matching the live face against the card portrait: encodings, distances and the decision.

Both sides are turned grey (the card portrait is often printed in faded colour, the live camera is not).
The card portrait is then normalised to 140 px wide, contrast-stretched (1st to 99th percentile: the
print is washed out) and smoothed with a Gaussian (1.5 % of its width to find the face, 2 % to encode
it), which removes the halftone screen and guilloche lines that otherwise hide the face from the
detector. The encoding blur was chosen on ORL people 1-20 only, the finding blur by the share of
simulated cards in which a face is found (bench/face.md). Each side is encoded by dlib's ResNet
through face_recognition (128 numbers, the face aligned on its 68 landmarks); the card's encoding is the
mean of the portrait's and its mirror image's (test-time augmentation: one more pass of the network,
which lowered the false rejects out of sample, bench/face.md). The distance is the mean Euclidean
distance between the card and the best :data:`LIVE_FRAMES` live frames. The decision compares it with a
calibrated threshold (:mod:`station.vision.calibration`), never with the library's default 0.6.

Encodings and pictures stay in memory; nothing here writes a file or logs a face.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np

from station.core.models import FaceDecision
from station.messages import Message
from station.vision.calibration import Calibration
from station.vision.face import FaceBox, FaceObservation, detect, to_grey
from station.vision.face_models import MODEL_VERSION, load_models
from station.vision.frames import decode_image

LIVE_FRAMES = 3
CARD_WIDTH = 140  # px: the portrait is resized to this width before it is searched and encoded
MIN_CARD_PORTRAIT_PX = 60  # narrower portraits carry too little of the face to compare
MIN_CARD_FACE_PX = 40  # face width in the portrait's own pixels
FIND_BLUR, ENCODE_BLUR = 0.015, 0.02  # Gaussian sigma as a share of the portrait's width


@dataclass(frozen=True)
class Encoder:
    """How faces are encoded: face_recognition's landmark model (``large``: 68 points, ``small``: 5) and
    whether the card's encoding is averaged with its mirror image's."""

    landmarks: str = "large"
    mirror_card: bool = True

    @property
    def method(self) -> str:
        """The preprocessing and aggregation a calibration holds for (stored in it and checked on load)."""
        points = {"large": 68, "small": 5}[self.landmarks]
        mirror = ", card encoding averaged with its mirror image's" if self.mirror_card else ""
        return (f"grey both sides; card resized to {CARD_WIDTH} px wide, 1-99 % contrast stretch, Gaussian blur "
                f"sigma {FIND_BLUR:.1%} of width to find the face and {ENCODE_BLUR:.0%} to encode it; dlib ResNet "
                f"v1 on {points}-point-aligned faces, 1 jitter{mirror}; mean distance to the best {LIVE_FRAMES} "
                "live frames")


STATION = Encoder()
PREVIOUS = Encoder("small", mirror_card=False)
"""The method used until 2026-11 (5-point alignment, no mirror): the benchmarks' baseline."""
METHOD = STATION.method


@dataclass(frozen=True)
class CardFace:
    """The card portrait's encoding, or why there is none. ``face_px`` is the face width in the portrait."""

    encoding: np.ndarray | None = field(repr=False)
    message: Message | None
    face_px: int = 0
    ms: float = 0.0

    @property
    def ok(self) -> bool:
        return self.encoding is not None

    @property
    def reason(self) -> str:
        return "" if self.message is None else str(self.message)


@dataclass(frozen=True)
class LiveFace:
    """One live frame's encoding with the observation it came from."""

    encoding: np.ndarray = field(repr=False)
    observation: FaceObservation
    ms: float = 0.0


@dataclass(frozen=True)
class FaceMatch:
    """The decision: match, no match or retry, with the distance, the threshold and why."""

    decision: FaceDecision
    distance: float | None
    threshold: float
    message: Message
    model_version: str
    calibration: str
    frame_distances: tuple[float, ...] = ()
    timings_ms: Mapping[str, float] = field(default_factory=dict)

    @property
    def reason(self) -> str:
        return str(self.message)

    def to_dict(self) -> dict[str, Any]:
        return {"decision": self.decision.value,
                "distance": None if self.distance is None else round(self.distance, 4),
                "threshold": round(self.threshold, 4), "reason": self.reason,
                "model_version": self.model_version, "calibration": self.calibration,
                "frame_distances": [round(d, 4) for d in self.frame_distances],
                "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()}}


def stretch(grey: np.ndarray, low: float = 1.0, high: float = 99.0) -> np.ndarray:
    """Contrast-stretch so the ``low`` and ``high`` percentiles become black and white."""
    a, b = np.percentile(grey, (low, high))
    if b - a < 1.0:
        return grey.copy()
    return np.clip((grey.astype(np.float32) - a) * (255.0 / (b - a)), 0, 255).astype(np.uint8)


def prepare_card(grey: np.ndarray, blur: float = ENCODE_BLUR) -> np.ndarray:
    """The portrait as the encoder should see it: 140 px wide, stretched, smoothed by ``blur`` times its width
    (descreening), with a flat margin of a quarter of its width so a tightly cropped head is still found."""
    scale = CARD_WIDTH / grey.shape[1]
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    img = cv2.resize(grey, (CARD_WIDTH, max(1, round(grey.shape[0] * scale))), interpolation=interpolation)
    img = cv2.GaussianBlur(stretch(img), (0, 0), blur * CARD_WIDTH)
    pad = CARD_WIDTH // 4
    return cv2.copyMakeBorder(img, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=int(np.median(img[:, :4])))


def _encode(grey: np.ndarray, box: FaceBox, encoder: Encoder) -> np.ndarray:
    rgb = np.ascontiguousarray(np.dstack([grey, grey, grey]))
    return load_models().api.face_encodings(rgb, [box.css()], num_jitters=1, model=encoder.landmarks)[0]


def _encode_card(grey: np.ndarray, box: FaceBox, encoder: Encoder) -> np.ndarray:
    encoding = _encode(grey, box, encoder)
    if not encoder.mirror_card:
        return encoding
    right = grey.shape[1] - 1
    mirrored = FaceBox(right - box.right, box.top, right - box.left, box.bottom)
    return (encoding + _encode(np.ascontiguousarray(grey[:, ::-1]), mirrored, encoder)) / 2.0


def encode_card(portrait: np.ndarray | bytes, encoder: Encoder = STATION) -> CardFace:
    """Encode the card portrait (an image array, or encoded bytes as the ID card reader gives them)."""
    load_models()  # once per process; not part of the timings
    start = time.perf_counter()
    image = decode_image(portrait) if isinstance(portrait, bytes | bytearray) else portrait
    if image is None or not isinstance(image, np.ndarray) or image.size == 0:
        return CardFace(None, Message("card-photo-undecodable"))
    grey = to_grey(image)
    if grey.shape[1] < MIN_CARD_PORTRAIT_PX:
        return CardFace(None, Message("card-photo-too-small", {"width": grey.shape[1], "min": MIN_CARD_PORTRAIT_PX}),
                        ms=_ms(start))
    finding = prepare_card(grey, FIND_BLUR)
    boxes = detect(finding, 0) or detect(finding, 1)
    if not boxes:
        return CardFace(None, Message("card-photo-no-face"),
                        ms=_ms(start))
    box = boxes[0]
    if len(boxes) > 1 and boxes[1].width > 0.6 * box.width:
        return CardFace(None, Message("card-photo-several-faces"),
                        ms=_ms(start))
    face_px = round(box.width * grey.shape[1] / CARD_WIDTH)
    if face_px < MIN_CARD_FACE_PX:
        return CardFace(None, Message("card-photo-face-too-small", {"width": face_px, "min": MIN_CARD_FACE_PX}),
                        face_px, _ms(start))
    return CardFace(_encode_card(prepare_card(grey, ENCODE_BLUR), box, encoder), None, face_px, _ms(start))


def encode_live(image: np.ndarray, observation: FaceObservation, encoder: Encoder = STATION) -> LiveFace:
    """Encode a live frame's face at the box the tracker found (grey, like the card)."""
    if observation.box is None:
        raise ValueError("a live frame without a face cannot be encoded")
    start = time.perf_counter()
    return LiveFace(_encode(to_grey(image), observation.box, encoder), observation, _ms(start))


def distances(card: CardFace, live: Sequence[LiveFace]) -> list[float]:
    """Euclidean distance from the card to each live encoding."""
    if card.encoding is None or not live:
        return []
    return [float(d) for d in load_models().api.face_distance(np.array([f.encoding for f in live]), card.encoding)]


def decide(card: CardFace, live: Sequence[LiveFace], calibration: Calibration, *,
           no_live_reason: Message | None = None, timings_ms: Mapping[str, float] | None = None) -> FaceMatch:
    """Match, no match or retry from the card and up to :data:`LIVE_FRAMES` live encodings (best first)."""
    timings = dict(timings_ms or {})
    common = {"threshold": calibration.threshold, "model_version": MODEL_VERSION, "calibration": calibration.name}
    if not card.ok:
        assert card.message is not None
        return FaceMatch(FaceDecision.RETRY, None, message=card.message, timings_ms=timings, **common)
    used = list(live)[:LIVE_FRAMES]
    if not used:
        reason = no_live_reason or Message("face-no-live-picture")
        return FaceMatch(FaceDecision.RETRY, None, message=reason, timings_ms=timings, **common)
    frame_distances = distances(card, used)
    distance = float(np.mean(frame_distances))
    if distance <= calibration.threshold:
        decision = FaceDecision.MATCH
        reason = Message("face-same-person", {"distance": f"{distance:.3f}",
                                              "threshold": f"{calibration.threshold:.3f}", "frames": len(used)})
    else:
        decision = FaceDecision.NO_MATCH
        reason = Message("face-other-person", {"distance": f"{distance:.3f}",
                                               "threshold": f"{calibration.threshold:.3f}", "frames": len(used)})
    return FaceMatch(decision, distance, message=reason, frame_distances=tuple(frame_distances),
                     timings_ms=timings, **common)


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000.0
