"""Face finding, the quality gates with their figures and messages, and tracking through a preview."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from station.vision.face import (
    FaceTracker,
    Gate,
    QualityLimits,
    eye_aspect_ratio,
    find_faces,
    head_roll,
    head_turn,
)

from . import facegen as fg


def gates(image: np.ndarray) -> dict[Gate, tuple[bool, float]]:
    return {g.gate: (g.passed, g.value) for g in find_faces(image).gates}


def test_a_good_frame_passes_every_gate_in_order() -> None:
    observation = find_faces(fg.frame(1, 1))
    assert observation.ok and observation.faces == 1 and observation.reason == "The face is good."
    assert [g.gate for g in observation.gates] == list(Gate)
    assert 180 <= observation.box.width <= 260
    assert observation.points.shape == (68, 2)
    assert observation.score > 0


@pytest.mark.parametrize(("name", "image", "gate", "words"), [
    ("no face", np.full((480, 640, 3), 100, np.uint8), Gate.ONE_FACE, "No face found"),
    ("too small", fg.frame(1, 1, face_width=90), Gate.SIZE, "too small (87 px wide, needs 100): come closer"),
    ("cut by the left edge", fg.frame(1, 1, center=(90, 240)), Gate.EDGE, "cut by the edge"),
    ("cut by the top edge", fg.frame(1, 1, center=(320, 90)), Gate.EDGE, "cut by the edge"),
    ("turned away", fg.frame(26, 5), Gate.FRONTAL, "Look straight at the camera"),
    ("blurred", cv2.GaussianBlur(fg.frame(1, 1), (0, 0), 6), Gate.SHARP, "blurred (sharpness"),
    ("dark", (fg.frame(1, 1) * 0.2).astype(np.uint8), Gate.LIGHT, "too dark (brightness"),
    ("over-exposed", np.clip(fg.frame(1, 1) * 0.3 + 190, 0, 255).astype(np.uint8), Gate.LIGHT, "too bright"),
    ("washed out", np.clip(fg.frame(1, 1) * 0.2 + 100, 0, 255).astype(np.uint8), Gate.LIGHT, "too little contrast"),
])
def test_each_problem_fails_its_own_gate_with_a_figure_and_an_action(name: str, image: np.ndarray, gate: Gate,
                                                                      words: str) -> None:
    observation = find_faces(image)
    assert not observation.ok
    problem = observation.problem
    assert problem is not None and problem.gate is gate, (name, observation.reason)
    assert words in str(problem.message)
    assert problem.limit  # the limit is shown with the value
    if gate is not Gate.ONE_FACE:
        assert all(g.passed for g in observation.gates if g.gate is not gate), name


def test_two_faces_are_refused() -> None:
    left = fg.frame(1, 1, face_width=150, center=(170, 240))
    right = fg.frame(2, 1, face_width=150, center=(470, 240))
    both = np.concatenate([left[:, :320], right[:, 320:]], axis=1)
    observation = find_faces(both)
    assert observation.faces == 2 and observation.box is None
    assert [(g.gate, g.value) for g in observation.gates] == [(Gate.ONE_FACE, 2)]
    assert "2 faces in the picture" in observation.reason


def test_limits_are_settings() -> None:
    strict = find_faces(fg.frame(1, 1), QualityLimits(min_face_px=300))
    assert strict.problem.gate is Gate.SIZE and strict.problem.limit == ">= 300 px"


def test_landmark_geometry() -> None:
    open_face = find_faces(fg.frame(26, fg.FRONTAL)).points
    shut = find_faces(fg.frame(26, fg.SHUT_EYES)).points
    assert eye_aspect_ratio(shut) < 0.6 * eye_aspect_ratio(open_face)
    assert head_turn(find_faces(fg.frame(26, fg.TURNED_LEFT)).points) > 0.3  # nose towards the picture's right
    assert head_turn(find_faces(fg.frame(26, fg.TURNED_RIGHT)).points) < -0.2
    assert abs(head_turn(open_face)) < 0.1
    level = head_roll(open_face)
    rotated = cv2.warpAffine(fg.frame(26, fg.FRONTAL), cv2.getRotationMatrix2D((320, 240), 15, 1.0), (640, 480))
    assert head_roll(find_faces(rotated).points) == pytest.approx(level - 15, abs=5)


def test_tracker_follows_a_moving_face_detecting_every_few_frames() -> None:
    tracker = FaceTracker(detect_every=5)
    centres = [(250 + 8 * i, 240 + 3 * i) for i in range(12)]
    seen = [tracker.observe(fg.frame(1, 1, center=c, seed=i), i, i * 66.7) for i, c in enumerate(centres)]
    assert all(o.faces == 1 and o.box is not None for o in seen)
    assert [o.detected for o in seen] == [True, False, False, False, False] * 2 + [True, False]
    for o, (cx, cy) in zip(seen, centres, strict=True):
        bx, by = o.box.center
        assert abs(bx - cx) < 25 and abs(by - (cy + 20)) < 40  # the box sits on the face as it moves
    assert seen[7].index == 7 and seen[7].t_ms == pytest.approx(7 * 66.7)


def test_tracker_detects_again_at_a_cut_and_when_the_face_leaves() -> None:
    tracker = FaceTracker(detect_every=30)
    first = tracker.observe(fg.frame(1, 1))
    assert first.detected
    assert not tracker.observe(fg.frame(1, 1, seed=1)).detected
    swapped = tracker.observe(fg.frame(26, fg.TURNED_LEFT, seed=2))  # another picture: detect, do not follow
    assert swapped.detected and head_turn(swapped.points) > 0.3
    gone = tracker.observe(np.full((480, 640, 3), 90, np.uint8))
    assert gone.faces == 0 and gone.problem.gate is Gate.ONE_FACE
    back = tracker.observe(fg.frame(1, 1, seed=3))
    assert back.detected and back.ok


def test_loading_the_models_leaves_pillow_strict_and_checks_their_hashes() -> None:
    from PIL import ImageFile

    from station.vision.face_models import MODEL_VERSION, load_models

    assert load_models().detector is not None
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False  # face_recognition switches it on for the whole process
    assert "55533b28a958" in MODEL_VERSION  # the encoder's pinned SHA-256, as `station doctor` checks it
    assert "68-point alignment sha256:" in MODEL_VERSION  # the landmark model the faces are aligned with


def test_a_missing_or_changed_model_file_is_refused(tmp_path: Path) -> None:
    from station.vision.face_models import ENCODER_FILE, FaceModelError, check_model_files

    with pytest.raises(FaceModelError, match=f"{ENCODER_FILE} cannot be read .*reinstall-package"):
        check_model_files(tmp_path)
    (tmp_path / ENCODER_FILE).write_bytes(b"not the dlib encoder")
    with pytest.raises(FaceModelError, match="not the pinned 55533b28a958: it was changed or corrupted"):
        check_model_files(tmp_path)
