"""Test faces and camera videos made from the ORL photos in tests/data/faces/orl (see its NOTICE.md).

The ORL copy here is 23x28 pixels a photo (a quarter of the original 92x112): faces are scaled up into
640x480 frames, so they carry little detail, which the quality limits allow for. Person 26 has a real
shut-eyes photo (6) and real head turns to both sides (5: to his left, 2: to his right), which make the
liveness videos; every frame gets its own sensor noise and a small shift, as a camera gives.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

import cv2
import numpy as np

from station.vision.face_simulate import simulate_card_portrait, simulate_live_frame

ORL = Path(__file__).resolve().parents[1] / "data" / "faces" / "orl"
FPS = 15.0

# Person 26's photos for the liveness videos, measured with the 68 landmarks: EAR and head turn.
LIVE_PERSON = 26
FRONTAL, SHUT_EYES, TURNED_LEFT, TURNED_RIGHT = 1, 6, 5, 2


def orl(person: int, photo: int) -> np.ndarray:
    """One ORL photo, 8-bit grey."""
    image = cv2.imread(str(ORL / f"s{person}" / f"{photo}.png"), cv2.IMREAD_GRAYSCALE)
    assert image is not None, f"missing ORL photo s{person}/{photo}"
    return image


def frame(person: int, photo: int, *, face_width: int = 200, center: tuple[float, float] = (320, 240),
          seed: int = 0) -> np.ndarray:
    """A 640x480 BGR camera frame showing that photo."""
    return simulate_live_frame(orl(person, photo), face_width=face_width, center=center, seed=seed)


def card_png(person: int, photo: int) -> bytes:
    """A simulated card portrait of that photo, PNG-encoded in memory."""
    ok, data = cv2.imencode(".png", simulate_card_portrait(orl(person, photo), seed=person * 100 + photo))
    assert ok
    return data.tobytes()


def png(image: np.ndarray) -> bytes:
    ok, data = cv2.imencode(".png", image)
    assert ok
    return data.tobytes()


def write_video(path: Path, frames: Iterable[np.ndarray], fps: float = FPS) -> Path:
    """Frames into an MJPG .avi (or mp4v .mp4, by the suffix) that VideoFileSource and CameraSource read."""
    fourcc = cv2.VideoWriter_fourcc(*("mp4v" if path.suffix == ".mp4" else "MJPG"))
    writer = None
    for image in frames:
        if writer is None:
            writer = cv2.VideoWriter(str(path), fourcc, fps, (image.shape[1], image.shape[0]))
            assert writer.isOpened(), f"cannot write {path}"
        writer.write(image)
    assert writer is not None, "no frames"
    writer.release()
    return path


def _jittered(person: int, photo: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    dx, dy = rng.integers(-2, 3, size=2)
    return frame(person, photo, center=(320 + int(dx), 240 + int(dy)), seed=seed)


def sequence(photos: Sequence[tuple[int, int]], person: int = LIVE_PERSON, seed: int = 0) -> list[np.ndarray]:
    """Frames from (photo, count) runs: each frame its own noise and shift."""
    frames = []
    for photo, count in photos:
        for _ in range(count):
            frames.append(_jittered(person, photo, seed + len(frames)))
    return frames


def challenge_frames(actions: Sequence[str], seed: int = 0) -> list[np.ndarray]:
    """Person 26 looking ahead, then doing ``actions`` ("blink", "turn_left", "turn_right") in order."""
    runs = [(FRONTAL, 8)]
    moves = {"blink": (SHUT_EYES, 2), "turn_left": (TURNED_LEFT, 5), "turn_right": (TURNED_RIGHT, 5)}
    for action in actions:
        runs += [moves[action], (FRONTAL, 6)]
    return sequence(runs, seed=seed)


def still_frames(person: int = LIVE_PERSON, photo: int = FRONTAL, count: int = 30) -> list[np.ndarray]:
    """A still photo held in front of the camera: the same picture with sensor noise only."""
    return [frame(person, photo, seed=i) for i in range(count)]


def wipe_frame(path: Path, chunk: int = 6) -> None:
    """Zero the JPEG data of one frame of an MJPG .avi (the ``chunk``-th '00dc' chunk of the file)."""
    data = bytearray(path.read_bytes())
    chunks = [i for i in range(len(data) - 4) if data[i:i + 4] == b"00dc"]
    at = chunks[chunk] + 8
    size = int.from_bytes(data[at - 4:at], "little")
    data[at:at + size] = bytes(size)
    path.write_bytes(bytes(data))


def small_dataset(root: Path) -> Path:
    """A calibration data set in ``root``: three ORL people with four photos each, and a folder of one photo
    (not a person of the set)."""
    for person in (5, 11, 14):
        (root / f"p{person}").mkdir()
        for photo in (1, 2, 3, 4):
            shutil.copy(ORL / f"s{person}" / f"{photo}.png", root / f"p{person}" / f"{photo}.png")
    (root / "p99").mkdir()
    shutil.copy(ORL / "s1" / "1.png", root / "p99" / "1.png")
    return root
