"""One face check from a frame source: follow the face, run the liveness challenge, keep the best frames,
match them against the card portrait, and hand the visit a :class:`station.core.models.FaceCheck`.

The best frames are kept in memory only (the one shown as evidence is PNG-encoded in memory for the
encrypted case store); nothing is written to disk or logged.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np

from station.core.models import FaceCheck
from station.messages import Message
from station.vision.calibration import Calibration
from station.vision.face import FaceObservation, FaceTracker
from station.vision.face_match import LIVE_FRAMES, CardFace, FaceMatch, decide, encode_card, encode_live
from station.vision.frames import FrameSource, FrameStatus
from station.vision.liveness import Action, LivenessCheck, LivenessLimits, LivenessResult

Listener = Callable[[FaceObservation, Message], None]
"""Called after every frame with the observation and what to tell the customer now (for a preview)."""


@dataclass(frozen=True)
class LiveCapture:
    """What a capture gave: the best frames (best first, in memory), counts, and the problems seen."""

    best: tuple[tuple[FaceObservation, np.ndarray], ...] = field(repr=False)
    frames: int
    corrupt: int
    problem: Message | None  # why no usable frame came, or why the source stopped early (None when all went well)
    lost: bool
    liveness: LivenessResult | None
    ms: float

    @property
    def fps(self) -> float:
        return self.frames * 1000.0 / self.ms if self.ms > 0 else 0.0


def capture(source: FrameSource, *, tracker: FaceTracker | None = None, liveness: LivenessCheck | None = None,
            keep: int = LIVE_FRAMES, max_frames: int = 300, min_frames: int = 15,
            listener: Listener | None = None) -> LiveCapture:
    """Read ``source`` until the liveness challenge is decided (or, without one, ``min_frames`` frames with
    ``keep`` good faces), the source ends or is lost, or ``max_frames`` were read."""
    tracker = tracker or FaceTracker()
    start = time.perf_counter()
    best: list[tuple[float, FaceObservation, np.ndarray]] = []
    problems: Counter[Message] = Counter()
    frames = corrupt = 0
    stop_reason: Message | None = None
    lost = False
    while frames < max_frames:
        read = source.read()
        if read.status is FrameStatus.CORRUPT:
            corrupt += 1
            continue
        if read.status in (FrameStatus.END, FrameStatus.LOST):
            lost = read.status is FrameStatus.LOST
            stop_reason = read.message
            break
        frame = read.frame
        assert frame is not None
        frames += 1
        observation = tracker.observe(frame.image, frame.index, frame.t_ms)
        if observation.ok:
            best.append((observation.score, observation, frame.image))
            best.sort(key=lambda item: -item[0])
            del best[keep:]
        elif observation.problem is not None:
            problems[observation.problem.message] += 1
        if liveness is not None:
            liveness.feed(observation)
        if listener is not None:
            listener(observation, liveness.prompt if liveness else observation.message)
        if liveness is not None:
            if liveness.done and len(best) >= keep:
                break
        elif frames >= min_frames and len(best) >= keep:
            break
    if best:
        problem = stop_reason if lost else None
    elif problems:
        problem = problems.most_common(1)[0][0]
    else:
        problem = stop_reason or Message("face-no-picture")
    if not best and corrupt and not problems:
        problem = Message("face-frames-undecodable", {"frames": corrupt,
                                                      "then": stop_reason or Message("face-no-picture")})
    return LiveCapture(tuple((o, img) for _, o, img in best), frames, corrupt, problem, lost,
                       liveness.result() if liveness else None, (time.perf_counter() - start) * 1000.0)


@dataclass(frozen=True)
class FaceVerification:
    """The match decision, the liveness result (None when no challenge was run) and the evidence frame."""

    match: FaceMatch
    liveness: LivenessResult | None
    live_image: bytes | None = field(default=None, repr=False)  # PNG of the best live frame, in memory
    capture: LiveCapture | None = field(default=None, repr=False)

    def to_dict(self) -> dict[str, Any]:
        data = self.match.to_dict()
        data["liveness"] = self.liveness.to_dict() if self.liveness else None
        if self.capture is not None:
            data["frames"] = {"read": self.capture.frames, "corrupt": self.capture.corrupt,
                              "usable_kept": len(self.capture.best), "lost": self.capture.lost,
                              "preview_fps": round(self.capture.fps, 1)}
        return data


def match_capture(card: CardFace, live: LiveCapture, calibration: Calibration) -> FaceMatch:
    """Encode the capture's best frames and decide; the timings say where the time went."""
    start = time.perf_counter()
    encoded = [encode_live(image, observation) for observation, image in live.best]
    live_ms = (time.perf_counter() - start) * 1000.0
    timings = {"card_encoding_ms": card.ms, "live_encoding_ms": live_ms,
               "best_frame_encoding_ms": encoded[0].ms if encoded else 0.0,
               "decision_ms": card.ms + live_ms, "capture_ms": live.ms}
    match = decide(card, encoded, calibration, no_live_reason=live.problem, timings_ms=timings)
    return match


def verify(card_portrait: np.ndarray | bytes, source: FrameSource, calibration: Calibration, *,
           challenge: Sequence[Action] | None = None, liveness_limits: LivenessLimits | None = None,
           tracker: FaceTracker | None = None, listener: Listener | None = None,
           max_frames: int = 300) -> FaceVerification:
    """The whole face step: card encoding, capture with the challenge (if any), decision, evidence frame."""
    card = encode_card(card_portrait)
    liveness = LivenessCheck(challenge, liveness_limits or LivenessLimits()) if challenge else None
    live = capture(source, tracker=tracker, liveness=liveness, listener=listener, max_frames=max_frames)
    match = match_capture(card, live, calibration)
    evidence = None
    if live.best:
        ok, png = cv2.imencode(".png", live.best[0][1])
        evidence = png.tobytes() if ok else None
    return FaceVerification(match, live.liveness, evidence, live)


def to_face_check(verification: FaceVerification) -> FaceCheck:
    """The visit's record of the face step."""
    match, liveness = verification.match, verification.liveness
    if liveness is None:
        none = Message("liveness-not-run")
        live: dict[str, Any] = {"passed": False, "reason": str(none), "message": none.to_dict(), "asked": [],
                                "seen": []}
    else:
        live = liveness.to_dict()
    return FaceCheck(decision=match.decision, distance=match.distance, threshold=match.threshold,
                     model_version=match.model_version, calibration=match.calibration,
                     liveness_passed=bool(liveness and liveness.passed), reason=match.reason, message=match.message,
                     liveness=live,
                     live_image=verification.live_image)
