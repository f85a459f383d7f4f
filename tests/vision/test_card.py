"""Finding, flattening and turning the card; quality gates; auto-capture (no OCR here)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from station.vision.card import CARD_SIZE, find_card, rectify, turn
from station.vision.quality import (
    MIN_CARD_WIDTH,
    AutoCapture,
    CaptureState,
    assess,
    auto_capture,
)
from vision.cardgen import (
    DEGRADATIONS,
    FACES,
    blank_wall,
    face_photo,
    photocopy,
    photograph,
)


def corner_error(found: np.ndarray, truth: np.ndarray) -> float:
    """Largest corner distance, whichever corner the found outline starts from."""
    return min(float(np.abs(np.roll(found, r, axis=0) - truth).max()) for r in range(4))


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    ga = cv2.cvtColor(a, cv2.COLOR_BGR2GRAY).astype(np.float32)
    gb = cv2.cvtColor(cv2.resize(b, (a.shape[1], a.shape[0]), interpolation=cv2.INTER_AREA),
                      cv2.COLOR_BGR2GRAY).astype(np.float32)
    return float(cv2.matchTemplate(ga, gb, cv2.TM_CCOEFF_NORMED)[0, 0])


@pytest.mark.parametrize("degradation", DEGRADATIONS)
def test_card_outline_found_to_a_third_of_a_millimetre(front_card: np.ndarray, degradation: str) -> None:
    photo = photograph(front_card, degradation, np.random.default_rng(DEGRADATIONS.index(degradation)))
    location = find_card(photo.image)
    assert location is not None and location.method == "outline"
    assert corner_error(location.corners, photo.corners) < location.width / 85.6 / 3
    assert not location.cut_off()


@pytest.mark.parametrize(("degradation", "turned"), [("rotation", 0), ("perspective", 0), ("upside_down", 180)])
def test_flattened_card_matches_the_printed_one(front_card: np.ndarray, degradation: str, turned: int) -> None:
    photo = photograph(front_card, degradation, np.random.default_rng(7))
    card = rectify(photo.image, find_card(photo.image))
    assert card.shape[:2] == (CARD_SIZE[1], CARD_SIZE[0])
    assert similarity(turn(card, turned), front_card) > 0.85
    assert similarity(turn(card, turned + 180), front_card) < 0.5


def test_a_card_held_sideways_comes_out_landscape(front_card: np.ndarray) -> None:
    photo = photograph(front_card, "clean", np.random.default_rng(3))
    sideways = cv2.rotate(photo.image, cv2.ROTATE_90_CLOCKWISE)
    card = rectify(sideways, find_card(sideways))
    assert card.shape[:2] == (CARD_SIZE[1], CARD_SIZE[0])
    assert max(similarity(card, front_card), similarity(turn(card, 180), front_card)) > 0.85


def test_a_scan_cropped_to_the_card_is_taken_whole(front_card: np.ndarray) -> None:
    scan = cv2.resize(front_card, CARD_SIZE, interpolation=cv2.INTER_AREA)
    location = find_card(scan)
    assert location is not None
    card = rectify(scan, location)
    assert similarity(card, front_card) > 0.95


def test_no_card_in_a_blank_wall_or_a_face() -> None:
    rng = np.random.default_rng(5)
    assert find_card(blank_wall(rng)) is None
    report = assess(face_photo(sorted(FACES.glob("s1/*.png"))[0]))
    assert not report.ok and report.problems[0].name == "capture.card_found"


def test_gates_pass_a_good_photo_and_give_their_figures(front_card: np.ndarray) -> None:
    report = assess(photograph(front_card, "clean", np.random.default_rng(1)).image)
    assert report.ok, [c.reason for c in report.problems]
    assert {c.name for c in report.checks} == {"capture.card_found", "capture.size", "capture.cut_off",
                                               "capture.sharpness", "capture.glare", "capture.brightness",
                                               "capture.colour"}
    assert report.figures["sharpness"] > 100 and report.figures["glare"] == 0


def _failing(image: np.ndarray) -> list[str]:
    return [c.name for c in assess(image).problems]


def test_gates_name_what_is_wrong(front_card: np.ndarray) -> None:
    photo = photograph(front_card, "clean", np.random.default_rng(1)).image
    assert _failing(cv2.GaussianBlur(photo, (0, 0), 6)) == ["capture.sharpness"]
    assert "capture.brightness" in _failing((photo * 0.2).astype(np.uint8))
    h, w = photo.shape[:2]
    y, x = np.mgrid[0:h, 0:w]
    spot = np.exp(-((x - w * 0.4) ** 2 + (y - h * 0.4) ** 2) / (2 * (0.1 * w) ** 2))[..., None]
    assert _failing(np.clip(photo * (1 - spot) + 255 * spot, 0, 255).astype(np.uint8)) == ["capture.glare"]
    small = cv2.resize(photo, (400, 300), interpolation=cv2.INTER_AREA)
    assert _failing(small) == ["capture.size"]
    report = assess(small)
    assert report.figures["width_px"] < MIN_CARD_WIDTH and "move closer" in report.problems[0].reason
    cut = photo[:, : int(w * 0.7)]  # the card runs off the right edge
    assert "capture.cut_off" in _failing(cut) or "capture.card_found" in _failing(cut)


def test_a_photocopy_fails_the_colour_gate_only(front_card: np.ndarray) -> None:
    copy = photograph(photocopy(front_card), "clean", np.random.default_rng(4)).image
    report = assess(copy)
    assert [c.name for c in report.problems] == ["capture.colour"]
    assert report.problems[0].severity.value == "overridable"


def _video(frames: list[np.ndarray], path: Path) -> list[np.ndarray]:
    """Write frames to an MJPG video and read them back, as a camera would deliver them."""
    h, w = frames[0].shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 10, (w, h))
    for f in frames:
        writer.write(f)
    writer.release()
    capture = cv2.VideoCapture(str(path))
    out = []
    while True:
        ok, frame = capture.read()
        if not ok:
            break
        out.append(frame)
    capture.release()
    return out


def test_auto_capture_waits_for_a_sharp_card_that_holds_still(front_card: np.ndarray, tmp_path: Path) -> None:
    rng = np.random.default_rng(8)
    still = photograph(front_card, "clean", rng, size=(800, 600)).image
    empty = blank_wall(rng, (800, 600))
    moving = [np.roll(still, 25 * k, axis=1) for k in range(4)]
    blurred = [cv2.GaussianBlur(still, (0, 0), 5)] * 2
    sharpest = still
    frames = [empty, empty, *moving, *blurred, still, still, cv2.GaussianBlur(still, (0, 0), 0.8), sharpest, still]
    video = _video(frames, tmp_path / "camera.avi")
    assert len(video) == len(frames)

    capture = AutoCapture(hold=4)
    states = [capture.feed(f).state for f in video]
    assert states[:2] == [CaptureState.SEARCHING] * 2
    assert CaptureState.ADJUST in states[6:8]  # the blurred frames: the hint says why
    assert states.index(CaptureState.CAPTURED) == 11  # four good, still frames after the blur
    step = auto_capture(video)
    assert step is not None and step.state is CaptureState.CAPTURED
    assert step.report.figures["sharpness"] >= assess(video[10]).figures["sharpness"]


def test_auto_capture_never_fires_on_a_moving_card(front_card: np.ndarray) -> None:
    still = photograph(front_card, "clean", np.random.default_rng(9), size=(800, 600)).image
    assert auto_capture(np.roll(still, 30 * k, axis=1) for k in range(8)) is None
