"""Face: which calibration decides, the check itself (card portrait against live frames, with liveness),
the record when no match can be made, and calibrating on a data set.

The GUI runs :func:`check_face` in the face-check process (:mod:`station.operations.face_process`), the
CLI in its own process; both take the calibration from :func:`calibration_path`, so the same pair of
faces gets the same distance, threshold and decision whichever front end asks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from station.config import Settings
from station.core.models import FaceCheck, FaceDecision
from station.errors import StationError
from station.messages import Message

if TYPE_CHECKING:
    from station.vision.calibration import Calibration
    from station.vision.face_session import FaceVerification
    from station.vision.frames import FrameSource
    from station.vision.liveness import Action

IN_PERSON = Message("face-in-person")
"""Recorded when no match could be made."""

Listener = Callable[[Any, str], None]
"""``(observation, prompt)``: what the camera sees of the face and what to tell the customer, per frame."""


def calibration_path(settings: Settings) -> Path | None:
    """The calibration the station decides with: ``face.thresholds_file``, else one made here by
    ``station face calibrate`` (``<data>/face/calibration.json``), else None for the shipped one."""
    from station.vision.calibration import station_calibration

    return station_calibration(settings.face.thresholds_file, settings.data_dir)


def load_face_calibration(path: Path | None) -> Calibration:
    """The calibration at ``path`` (None: the shipped one), refused unless made for the installed model and
    method."""
    from station.vision.calibration import load_calibration
    from station.vision.face_match import METHOD
    from station.vision.face_models import MODEL_VERSION

    return load_calibration(path, model_version=MODEL_VERSION, method=METHOD)


def parse_challenge(text: str | None) -> list[Action] | None:
    """Liveness actions from ``blink,turn_left``; ``random`` for a random pair; None or empty for none.

    Raises :class:`ValueError` naming the actions allowed."""
    from station.vision.liveness import Action, random_challenge

    if not text:
        return None
    if text.strip() == "random":
        return list(random_challenge())
    try:
        return [Action(part.strip().replace("-", "_")) for part in text.split(",") if part.strip()]
    except ValueError as exc:
        raise ValueError("the challenge is a comma-separated list of blink, turn_left, turn_right") from exc


def random_challenge() -> list[str]:
    """A random liveness challenge, as the names the face-check process takes."""
    from station.vision.liveness import random_challenge as pick

    return [str(action) for action in pick()]


def check_face(portrait: bytes, source: FrameSource, calibration: Calibration, *,
               challenge: Sequence[Action] | None = None, listener: Listener | None = None,
               max_frames: int = 300) -> FaceVerification:
    """Match the live face in ``source`` against the card ``portrait``, with the liveness ``challenge``."""
    from station.vision.face_session import verify

    return verify(portrait, source, calibration, challenge=challenge, listener=listener, max_frames=max_frames)


def face_record(verification: FaceVerification) -> FaceCheck:
    """The visit's record of a check the station ran."""
    from station.vision.face_session import to_face_check

    return to_face_check(verification)


def in_person_record(settings: Settings) -> FaceCheck:
    """The record when no match could be run at all (no camera, no card photo, no calibration): a retry
    whose checks fail, so the visit asks the officer's reasons for going on."""
    try:
        calibration = load_face_calibration(calibration_path(settings))
        threshold, name, model = calibration.threshold, calibration.name, calibration.model_version
    except StationError:
        threshold, name, model = 0.0, "-", "-"
    return FaceCheck(FaceDecision.RETRY, None, threshold, model, name, False, str(IN_PERSON), {"asked": [], "seen": []},
                     message=IN_PERSON)


@dataclass(frozen=True)
class CalibrationRun:
    """A calibration made on a data set, and where it was written."""

    calibration: Calibration
    written_to: Path


def calibrate(settings: Settings, dataset: Path, *, target_far: float, description: str | None = None,
              note: str = "", out_file: Path | None = None,
              progress: Callable[[int, int], None] | None = None) -> CalibrationRun:
    """Measure genuine and impostor distances on ``dataset`` (card-vs-live protocol), set the threshold at
    ``target_far`` and write it where the station will load it (``out_file``, else the settings'
    ``face.thresholds_file``, else ``<data>/face/calibration.json``)."""
    from station.vision.calibration import save_calibration
    from station.vision.face_protocol import decisions, encode_dataset, load_dataset, make_calibration

    if not 0.0 < target_far < 0.5:
        raise ValueError("the target FAR is a fraction between 0 and 0.5, e.g. 0.001 for 0.1 %")
    people = load_dataset(dataset)
    photos = sum(len(p.photos) for p in people)
    encodings = encode_dataset(people, progress)
    calibration = make_calibration(encodings, decisions(encodings), target_far,
                                   description or f"{dataset.name}: {len(people)} people, {photos} photos", note)
    target = out_file or Path(settings.face.thresholds_file or Path(settings.data_dir) / "face" / "calibration.json")
    try:
        save_calibration(calibration, target)
    except OSError as exc:
        raise CalibrationWriteError("calibration-not-written", path=str(target),
                                    problem=exc.strerror or str(exc)) from exc
    return CalibrationRun(calibration, target)


class CalibrationWriteError(StationError):
    """The calibration was made but its file could not be written."""
