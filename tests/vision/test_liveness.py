"""Liveness: the challenge passes for a person who blinks and turns as asked, and fails for a photo, a
looped still video, a wrong turn, a face that leaves, and a tilted photo. Videos are the camera."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import cv2
import numpy as np
import pytest

from station.vision.face import FaceTracker
from station.vision.face_session import capture
from station.vision.frames import VideoFileSource
from station.vision.liveness import Action, LivenessCheck, LivenessLimits, random_challenge

from . import facegen as fg


def judge(frames: list[np.ndarray], challenge: list[Action], limits: LivenessLimits | None = None):
    check = LivenessCheck(challenge, limits or LivenessLimits())
    tracker = FaceTracker()
    for i, image in enumerate(frames):
        check.feed(tracker.observe(image, i, i * 1000 / fg.FPS))
        if check.done:
            break
    return check.result()


@pytest.mark.parametrize("challenge", [[Action.BLINK, Action.TURN_LEFT], [Action.TURN_RIGHT, Action.BLINK]])
def test_a_person_doing_what_is_asked_passes_from_a_video(tmp_path: Path, challenge: list[Action]) -> None:
    video = fg.write_video(tmp_path / "live.avi", fg.challenge_frames([a.value for a in challenge]))
    check = LivenessCheck(challenge)
    prompts = []
    with VideoFileSource(video) as source:
        live = capture(source, liveness=check, listener=lambda _o, prompt: prompts.append(str(prompt)))
    result = live.liveness
    assert result is not None and result.passed, result
    assert result.asked == tuple(challenge)
    assert [s["action"] for s in result.seen] == [a.value for a in challenge]
    blink = next(s for s in result.seen if s["action"] == "blink")
    assert blink["min_ear_vs_baseline"] < 0.6 and blink["closed_ms"] > 0
    turn = next(s for s in result.seen if s["action"] != "blink")
    assert (turn["turn_delta"] > 0) == (turn["action"] == "turn_left")
    assert result.baseline["frames"] == 5 and 0.2 < result.baseline["eye_aspect_ratio"] < 0.35
    assert list(dict.fromkeys(prompts))[:3] == ["Look straight at the camera."] + \
        [{"blink": "Blink once, slowly.", "turn_left": "Turn your head slowly to your left, then back.",
          "turn_right": "Turn your head slowly to your right, then back."}[a.value] for a in challenge]
    assert len(live.best) == 3 and all(o.ok for o, _ in live.best)
    assert result.to_dict()["asked"] == [a.value for a in challenge]


QUICK = LivenessLimits(step_timeout_ms=2000)  # the default gives 8 s a step; 2 s keeps the tests short


def test_a_still_photo_fails() -> None:
    result = judge(fg.still_frames(count=45), [Action.BLINK, Action.TURN_LEFT], QUICK)
    assert not result.passed and result.seen == ()
    assert "no blink seen within 2 s" in result.reason and "photo" in result.reason


def test_a_looped_still_video_fails(tmp_path: Path) -> None:
    video = fg.write_video(tmp_path / "still.avi", fg.still_frames(count=10))
    check = LivenessCheck([Action.TURN_RIGHT, Action.BLINK], QUICK)
    with VideoFileSource(video, loop=True) as source:
        live = capture(source, liveness=check, max_frames=200)
    assert 30 < live.frames < 200  # looped past the clip's end, stopped on the verdict, not on the frame limit
    assert not live.liveness.passed and "no turn seen within 2 s" in live.liveness.reason


def test_a_photo_tilted_in_front_of_the_camera_is_not_a_turn() -> None:
    """Rotating a printed photo about its vertical axis foreshortens it, but the nose stays mid-face."""
    frames = []
    for i in range(45):
        image = fg.frame(fg.LIVE_PERSON, fg.FRONTAL, seed=i)
        squeeze = 60 * min(i, 20) / 20  # the right edge goes 60 px away
        src = np.float32([[120, 0], [520, 0], [520, 480], [120, 480]])
        dst = np.float32([[120, 0], [520 - squeeze, squeeze], [520 - squeeze, 480 - squeeze], [120, 480]])
        frames.append(cv2.warpPerspective(image, cv2.getPerspectiveTransform(src, dst), (640, 480),
                                          borderMode=cv2.BORDER_REPLICATE))
    result = judge(frames, [Action.TURN_LEFT, Action.BLINK], QUICK)
    assert not result.passed and "no turn seen" in result.reason


def test_turning_the_wrong_way_fails_and_is_recorded() -> None:
    result = judge(fg.challenge_frames(["turn_right"]), [Action.TURN_LEFT])
    assert not result.passed and "turned the other way" in result.reason
    assert [s["action"] for s in result.seen] == ["turn_right"]


def test_the_face_leaving_the_picture_fails() -> None:
    frames = fg.challenge_frames([]) + [np.full((480, 640, 3), 90, np.uint8)] * 30
    result = judge(frames, [Action.BLINK])
    assert not result.passed and "left the picture" in result.reason


def test_a_second_face_fails() -> None:
    two = np.concatenate([fg.frame(26, 1, face_width=150, center=(170, 240))[:, :320],
                          fg.frame(2, 1, face_width=150, center=(470, 240))[:, 320:]], axis=1)
    result = judge(fg.challenge_frames([]) + [two] * 3, [Action.BLINK])
    assert not result.passed and "2 faces appeared" in result.reason


def test_no_steady_face_never_starts() -> None:
    result = judge([fg.frame(26, fg.TURNED_LEFT, seed=i) for i in range(10)], [Action.BLINK])
    assert not result.passed and "did not start" in result.reason and result.baseline == {}


def test_a_blink_too_shallow_for_the_limit_is_not_taken() -> None:
    result = judge(fg.challenge_frames(["blink"]), [Action.BLINK], LivenessLimits(blink_closed=0.2))
    assert not result.passed and result.seen == () and "stopped before 'blink'" in result.reason


def test_the_challenge_is_random_in_order_and_side() -> None:
    rng = random.Random(4)
    drawn = Counter(random_challenge(rng) for _ in range(200))
    assert set(drawn) == {(Action.BLINK, Action.TURN_LEFT), (Action.BLINK, Action.TURN_RIGHT),
                          (Action.TURN_LEFT, Action.BLINK), (Action.TURN_RIGHT, Action.BLINK)}
    assert min(drawn.values()) > 25
    assert set(random_challenge()) & {Action.BLINK}  # the default uses the system's random source
