"""The card-vs-live protocol behind ``station face calibrate`` and ``bench/face_accuracy.py``.

A data set is a folder with one sub-folder of photos per person. A person's folder may hold a real card
portrait named ``card.<ext>``; otherwise each of the person's photos in turn is made into a simulated card
portrait (:mod:`station.vision.face_simulate`). Each card is compared with that person's other photos
(genuine decisions) and with every other person's photos (impostor decisions), leaving out the photo with
the card's own number so both kinds of decision see the same number of photos. Live photos are taken
in groups of :data:`~station.vision.face_match.LIVE_FRAMES` in file order; a decision's distance is the
mean over its group, as at the station. Head photos narrower than 320 px are placed in a 640x480 frame
with the face 200 px wide, as a camera shows a customer at the counter.

Encodings live in memory for the length of the run; nothing is written but the resulting figures.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import cv2
import numpy as np

from station.vision.calibration import Calibration, CalibrationError, operating_point
from station.vision.face import find_faces
from station.vision.face_match import LIVE_FRAMES, METHOD, STATION, CardFace, Encoder, encode_card, encode_live
from station.vision.face_models import MODEL_VERSION
from station.vision.face_simulate import DESCRIPTION as CARD_SIMULATION
from station.vision.face_simulate import simulate_card_portrait, simulate_live_frame
from station.vision.frames import IMAGE_SUFFIXES, decode_image

HEAD_PHOTO_MAX_WIDTH = 320
PROTOCOL = ("card-vs-live: each photo in turn made into a simulated card portrait ({card}) unless the person "
            "has a card.* file, against the person's other photos (genuine) and every other person's photos "
            "(impostor), the photo with the card's number left out; groups of {frames} live photos in file "
            "order, mean distance; head photos placed 200 px wide in 640x480 frames; quality gates not applied")

Progress = Callable[[int, int], None]


def _natural(path: Path) -> list[object]:
    return [int(p) if p.isdigit() else p.lower() for p in re.split(r"(\d+)", path.name)]


@dataclass(frozen=True)
class Person:
    """One person's photos (natural name order) and, if the data set has one, a real card portrait."""

    name: str
    photos: tuple[Path, ...]
    card: Path | None = None


def load_dataset(folder: Path) -> list[Person]:
    """The people of a data set folder; at least two, each with at least two photos."""
    folder = Path(folder)
    if not folder.is_dir():
        raise CalibrationError("protocol-not-folder", folder=str(folder))
    people = []
    for sub in sorted((p for p in folder.iterdir() if p.is_dir()), key=_natural):
        pictures = sorted((p for p in sub.iterdir() if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES),
                          key=_natural)
        card = next((p for p in pictures if p.stem.lower() == "card"), None)
        photos = tuple(p for p in pictures if p is not card)
        if len(photos) >= 2:
            people.append(Person(sub.name, photos, card))
    if len(people) < 2:
        raise CalibrationError("protocol-too-few-people", folder=str(folder))
    return people


def _grey(path: Path) -> np.ndarray | None:
    try:
        image = decode_image(path.read_bytes())
    except OSError:
        return None
    return None if image is None else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def as_live_frame(grey: np.ndarray, seed: int = 0) -> np.ndarray:
    """The photo as the camera would give it: head photos go into a 640x480 frame, others stay as they are."""
    if grey.shape[1] < HEAD_PHOTO_MAX_WIDTH:
        return simulate_live_frame(grey, face_width=200, seed=seed)
    return cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR)


@dataclass
class Encodings:
    """Per person index: live encodings by photo number (None: no single face found) and cards by photo
    number (-1: the person's real card)."""

    people: list[Person]
    live: dict[tuple[int, int], np.ndarray | None] = field(default_factory=dict, repr=False)
    cards: dict[tuple[int, int], CardFace] = field(default_factory=dict, repr=False)

    @property
    def live_missing(self) -> int:
        return sum(v is None for v in self.live.values())

    @property
    def cards_missing(self) -> int:
        return sum(not c.ok for c in self.cards.values())


def encode_dataset(people: Sequence[Person], progress: Progress | None = None,
                   encoder: Encoder = STATION) -> Encodings:
    """Encode every live photo and every (real or simulated) card portrait (the station's way by default)."""
    result = Encodings(list(people))
    total = sum(len(p.photos) * (1 if p.card else 2) + (1 if p.card else 0) for p in people)
    done = 0
    for pi, person in enumerate(people):
        for j, path in enumerate(person.photos):
            grey = _grey(path)
            encoding = None
            if grey is not None:
                frame = as_live_frame(grey, seed=pi * 1000 + j)
                observation = find_faces(frame)
                if observation.faces == 1:
                    encoding = encode_live(frame, observation, encoder).encoding
            result.live[(pi, j)] = encoding
            done += 1
            if person.card is None:
                card = (encode_card(simulate_card_portrait(grey, seed=pi * 100 + j), encoder) if grey is not None
                        else CardFace(None, "photo does not decode"))
                result.cards[(pi, j)] = card
                done += 1
            if progress:
                progress(done, total)
        if person.card is not None:
            grey = _grey(person.card)
            result.cards[(pi, -1)] = (encode_card(grey, encoder) if grey is not None
                                      else CardFace(None, "card does not decode"))
            done += 1
            if progress:
                progress(done, total)
    return result


@dataclass(frozen=True)
class Decisions:
    """Distances of the genuine and impostor decisions, and the decisions that could not be made."""

    genuine: np.ndarray
    impostor: np.ndarray
    genuine_retries: int
    impostor_retries: int


def decisions(enc: Encodings, people: Sequence[int] | None = None, frames: int = LIVE_FRAMES) -> Decisions:
    """All decisions among the given person indexes (all by default)."""
    chosen = list(range(len(enc.people))) if people is None else list(people)
    genuine: list[float] = []
    impostor: list[float] = []
    retries = [0, 0]
    for (p, i), card in enc.cards.items():
        if p not in chosen:
            continue
        for q in chosen:
            photos = [j for j in range(len(enc.people[q].photos)) if j != i]
            for start in range(0, len(photos), frames):
                group = [enc.live[(q, j)] for j in photos[start:start + frames]]
                vectors = [v for v in group if v is not None]
                if card.encoding is None or not vectors:
                    retries[0 if q == p else 1] += 1
                    continue
                distance = float(np.mean(np.linalg.norm(np.array(vectors) - card.encoding, axis=1)))
                (genuine if q == p else impostor).append(distance)
    return Decisions(np.array(genuine), np.array(impostor), retries[0], retries[1])


def make_calibration(enc: Encodings, found: Decisions, target_far: float, dataset: str, note: str = "",
                     today: date | None = None) -> Calibration:
    """The calibration for ``target_far`` from the decisions, with every figure behind it."""
    if found.genuine.size == 0 or found.impostor.size == 0:
        raise CalibrationError("protocol-no-decisions")
    point = operating_point(found.genuine, found.impostor, target_far)
    people = len({p for p, _ in enc.cards})
    figures = {"genuine_median": round(float(np.median(found.genuine)), 4),
               "impostor_median": round(float(np.median(found.impostor)), 4),
               "false_accepts": point.at_target.false_accepts, "false_rejects": point.at_target.false_rejects,
               "genuine_retries": found.genuine_retries, "impostor_retries": found.impostor_retries,
               "live_photos_without_face": enc.live_missing, "cards_without_face": enc.cards_missing}
    return Calibration(
        threshold=round(point.at_target.threshold, 4), model_version=MODEL_VERSION, method=METHOD,
        target_far=target_far, far=point.at_target.far, frr=point.at_target.frr, eer=point.eer,
        eer_threshold=round(point.eer_threshold, 4), dataset=dataset,
        protocol=PROTOCOL.format(card=CARD_SIMULATION, frames=LIVE_FRAMES), people=people,
        genuine_decisions=int(found.genuine.size), impostor_decisions=int(found.impostor.size),
        date=(today or date.today()).isoformat(), note=note, figures=figures)
