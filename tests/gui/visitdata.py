"""What a whole visit on screen needs from the world: an invented card holder whose card photo is a real
face (ORL person 26, see tests/data/faces/NOTICE.md), photographs of the card, and camera videos."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import cv2
import numpy as np

from tests.vision import cardgen, facegen

PHOTO_SIZE = (960, 720)


def holder(seed: int = 7) -> cardgen.Person:
    """An invented adult with a valid card, whose portrait is the person the face videos show."""
    rng = np.random.default_rng(seed)
    person = cardgen.invent_person(rng, ethnicity="汉", long_address=False)
    return dataclasses.replace(person, face=facegen.ORL / f"s{facegen.LIVE_PERSON}" / f"{facegen.FRONTAL}.png")


def card_photos(person: cardgen.Person, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """A clean photograph of the front and of the back, as a phone camera takes them."""
    rng = np.random.default_rng(seed)
    front = cardgen.photograph(cardgen.render_front(person, rng), "clean", rng, size=PHOTO_SIZE).image
    back = cardgen.photograph(cardgen.render_back(person, rng), "clean", rng, size=PHOTO_SIZE).image
    return front, back


def card_photo_files(person: cardgen.Person, folder: Path) -> list[Path]:
    """The front and back photographs saved as ``front.jpg`` and ``back.jpg`` in ``folder`` (to open as images)."""
    paths = [folder / "front.jpg", folder / "back.jpg"]
    for path, image in zip(paths, card_photos(person), strict=True):
        path.write_bytes(jpeg(image))
    return paths


def card_video(path: Path, person: cardgen.Person, seed: int = 2) -> Path:
    """The camera's view: the front held still, the card lifted away (an empty table), the back held still."""
    front, back = card_photos(person, seed)
    rng = np.random.default_rng(seed)
    table = cardgen.background(rng, PHOTO_SIZE[1], PHOTO_SIZE[0], busy=False)
    noisy = [_noise(img, rng) for img in [front] * 8 + [table] * 4 + [back] * 8 + [table] * 2]
    return facegen.write_video(path, noisy)


def face_video(path: Path, actions: tuple[str, ...] = ("blink", "turn_left")) -> Path:
    """Person 26 looking at the camera, then doing ``actions``."""
    return facegen.write_video(path, facegen.challenge_frames(list(actions)))


def jpeg(image: np.ndarray) -> bytes:
    ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 92])
    assert ok
    return data.tobytes()


def _noise(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    return np.clip(image.astype(np.int16) + rng.integers(-3, 4, image.shape), 0, 255).astype(np.uint8)
