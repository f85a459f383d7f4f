"""Liveness: an active challenge (blink, and turn the head left or right, in a random order).

The check is judged from the 68 landmarks against the person's own baseline, measured on the first
frontal frames: a blink is the eye-aspect ratio dropping well below that person's open-eye value and
coming back (a smiling face or narrow eyes have a low ratio to begin with); a turn is the nose tip moving
across the face towards the asked side. A still photo, or a video of one looping, shows neither; a photo
tilted in front of the camera barely moves the nose across the face. Everything asked and everything
seen is recorded in the result for the case's evidence.

Left and right are the customer's own: in an unmirrored camera picture, a person turning to their left
moves their nose towards the picture's right. Pass ``mirrored=True`` for frames that were flipped.

What it does not stop: a replayed video of the same person doing the right moves in the right order
(one chance in four for a video holding both orders and directions), a mask, or a deep fake.
"""

from __future__ import annotations

import random
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from station.messages import Message
from station.vision.face import FaceObservation, eye_aspect_ratio, head_turn


class Action(StrEnum):
    """What the customer is asked to do."""

    BLINK = "blink"
    TURN_LEFT = "turn_left"
    TURN_RIGHT = "turn_right"


PROMPTS: Mapping[Action, Message] = {
    Action.BLINK: Message("liveness-blink"),
    Action.TURN_LEFT: Message("liveness-turn-left"),
    Action.TURN_RIGHT: Message("liveness-turn-right"),
}
BASELINE_PROMPT = Message("liveness-look")


def random_challenge(rng: random.Random | None = None) -> tuple[Action, Action]:
    """A blink and a turn to a random side, in a random order (a system random source by default)."""
    rng = rng or random.SystemRandom()
    steps = [Action.BLINK, rng.choice([Action.TURN_LEFT, Action.TURN_RIGHT])]
    rng.shuffle(steps)
    return steps[0], steps[1]


@dataclass(frozen=True)
class LivenessLimits:
    """Thresholds, relative to the person's own baseline, and time limits (frame times, ms)."""

    baseline_frames: int = 5
    max_baseline_turn: float = 0.30  # baseline frames must be about frontal
    blink_closed: float = 0.70  # eye-aspect ratio under 70 % of the baseline: eyes shut
    blink_open: float = 0.85  # back over 85 %: open again
    turn_delta: float = 0.20  # head_turn() away from the baseline towards the asked side
    turn_frames: int = 2  # frames in a row past turn_delta (one odd frame is not a turn)
    step_timeout_ms: float = 8000.0
    max_gap_ms: float = 1500.0  # the face may be missing this long during the challenge


@dataclass(frozen=True)
class LivenessResult:
    """Passed or not, why, what was asked and what was seen (times in ms from the first frame)."""

    passed: bool
    message: Message
    asked: tuple[Action, ...]
    seen: tuple[Mapping[str, Any], ...] = ()
    baseline: Mapping[str, float] = field(default_factory=dict)
    frames: int = 0

    @property
    def reason(self) -> str:
        return str(self.message)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe; ``reason`` in English and ``message`` (its id and arguments) for the GUI."""
        return {"passed": self.passed, "reason": self.reason, "message": self.message.to_dict(),
                "asked": [a.value for a in self.asked],
                "seen": [dict(s) for s in self.seen], "baseline": dict(self.baseline), "frames": self.frames}


class LivenessCheck:
    """Feed it the tracker's observations one by one; it says what to ask and, at the end, the result."""

    def __init__(self, challenge: Sequence[Action], limits: LivenessLimits = LivenessLimits(),
                 mirrored: bool = False) -> None:
        if not challenge:
            raise ValueError("a challenge needs at least one action")
        self.challenge = tuple(challenge)
        self.limits = limits
        self.mirrored = mirrored
        self._baseline: list[tuple[float, float]] = []
        self._base_ear = 0.0
        self._base_turn = 0.0
        self._step = -1  # -1: measuring the baseline
        self._step_start = 0.0
        self._closed_at: float | None = None
        self._min_ear = 1.0
        self._max_delta = 0.0
        self._held = 0  # frames in a row past turn_delta: > 0 the asked way, < 0 the other way
        self._seen: list[dict[str, Any]] = []
        self._t0: float | None = None
        self._last_face = 0.0
        self._frames = 0
        self._result: LivenessResult | None = None

    @property
    def done(self) -> bool:
        return self._result is not None

    @property
    def prompt(self) -> Message:
        """What the customer should do now."""
        if self._result is not None:
            return self._result.message
        if self._step < 0:
            return BASELINE_PROMPT
        return PROMPTS[self.challenge[self._step]]

    def feed(self, observation: FaceObservation) -> None:
        """Judge one frame's observation (with its frame time ``t_ms``)."""
        if self._result is not None:
            return
        t = observation.t_ms
        if self._t0 is None:
            self._t0 = t
            self._last_face = t
        self._frames += 1
        if observation.faces > 1:
            self._fail(Message("liveness-several-faces", {"faces": observation.faces}))
            return
        if observation.faces == 0 or observation.points is None:
            if self._step >= 0 and t - self._last_face > self.limits.max_gap_ms:
                self._fail(Message("liveness-face-left"))
            elif self._step >= 0:
                self._check_timeout(t)
            return
        self._last_face = t
        ear = eye_aspect_ratio(observation.points)
        turn = head_turn(observation.points) * (-1.0 if self.mirrored else 1.0)
        if self._step < 0:
            self._measure_baseline(t, ear, turn)
            return
        action = self.challenge[self._step]
        if action is Action.BLINK:
            self._judge_blink(t, ear)
        else:
            self._judge_turn(t, action, turn)
        if self._result is None and self._step < len(self.challenge):
            self._check_timeout(t)

    def result(self) -> LivenessResult:
        """The verdict; a challenge that stopped early (the source ended) fails with the step it was at."""
        if self._result is not None:
            return self._result
        if self._step < 0:
            reason = Message("liveness-not-started")
        else:
            reason = Message("liveness-stopped", {"action": self.challenge[self._step].value})
        return self._make(False, reason)

    # --- the steps ---------------------------------------------------------------------------

    def _measure_baseline(self, t: float, ear: float, turn: float) -> None:
        if abs(turn) > self.limits.max_baseline_turn:
            return
        self._baseline.append((ear, turn))
        if len(self._baseline) >= self.limits.baseline_frames:
            self._base_ear = statistics.median(e for e, _ in self._baseline)
            self._base_turn = statistics.median(v for _, v in self._baseline)
            self._next_step(t)

    def _next_step(self, t: float) -> None:
        self._step += 1
        self._step_start = t
        self._closed_at = None
        self._min_ear = 1.0
        self._max_delta = 0.0
        self._held = 0
        if self._step >= len(self.challenge):
            self._result = self._make(True, Message("liveness-confirmed"))

    def _judge_blink(self, t: float, ear: float) -> None:
        self._min_ear = min(self._min_ear, ear)
        if self._closed_at is None and ear <= self.limits.blink_closed * self._base_ear:
            self._closed_at = t
        elif self._closed_at is not None and ear >= self.limits.blink_open * self._base_ear:
            self._seen.append({"action": Action.BLINK.value, "at_ms": self._rel(self._closed_at),
                               "closed_ms": round(t - self._closed_at, 1),
                               "min_ear": round(self._min_ear, 3),
                               "min_ear_vs_baseline": round(self._min_ear / max(self._base_ear, 1e-6), 3)})
            self._next_step(t)

    def _judge_turn(self, t: float, action: Action, turn: float) -> None:
        delta = turn - self._base_turn
        toward = delta * (1.0 if action is Action.TURN_LEFT else -1.0)  # > 0: the asked way
        self._max_delta = max(self._max_delta, toward)
        if toward >= self.limits.turn_delta:
            self._held = max(self._held, 0) + 1
        elif -toward >= self.limits.turn_delta:
            self._held = min(self._held, 0) - 1
        else:
            self._held = 0
        if self._held >= self.limits.turn_frames:
            self._seen.append({"action": action.value, "at_ms": self._rel(t), "turn_delta": round(delta, 3)})
            self._next_step(t)
        elif -self._held >= self.limits.turn_frames:
            other = Action.TURN_RIGHT if action is Action.TURN_LEFT else Action.TURN_LEFT
            self._seen.append({"action": other.value, "at_ms": self._rel(t), "turn_delta": round(delta, 3)})
            side = "left" if action is Action.TURN_LEFT else "right"
            self._fail(Message("liveness-wrong-way", {"side": side}))

    def _check_timeout(self, t: float) -> None:
        if t - self._step_start <= self.limits.step_timeout_ms:
            return
        action = self.challenge[self._step]
        if action is Action.BLINK:
            detail = Message("liveness-no-blink", {
                "seconds": f"{self.limits.step_timeout_ms / 1000:.0f}",
                "openness": f"{self._min_ear / max(self._base_ear, 1e-6):.0%}",
                "needed": f"{self.limits.blink_closed:.0%}"})
        else:
            detail = Message("liveness-no-turn", {
                "seconds": f"{self.limits.step_timeout_ms / 1000:.0f}", "moved": f"{self._max_delta:.2f}",
                "needed": f"{self.limits.turn_delta:.2f}"})
        self._fail(Message("liveness-not-confirmed", {"detail": detail}))

    def _fail(self, reason: Message) -> None:
        self._result = self._make(False, reason)

    def _rel(self, t: float) -> float:
        return round(t - (self._t0 or 0.0), 1)

    def _make(self, passed: bool, reason: Message) -> LivenessResult:
        baseline = {"eye_aspect_ratio": round(self._base_ear, 3), "head_turn": round(self._base_turn, 3),
                    "frames": len(self._baseline)} if self._step >= 0 else {}
        return LivenessResult(passed, reason, self.challenge, tuple(self._seen), baseline, self._frames)
