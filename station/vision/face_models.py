"""The dlib models behind face finding and matching, loaded once and checked against their pinned hashes.

They come from the ``face_recognition_models`` package (installed from PyPI, never downloaded at run time)
through ``face_recognition`` on ``dlib-bin``. Importing them has two side effects that we undo: a
``pkg_resources`` deprecation warning (kept out of the officer's way) and Pillow's
``LOAD_TRUNCATED_IMAGES`` switched on for the whole process (switched back, so a truncated picture stays
an error everywhere else).
"""

from __future__ import annotations

import functools
import warnings
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from station.errors import StationError
from station.files import file_sha256

ENCODER_FILE = "dlib_face_recognition_resnet_model_v1.dat"
LANDMARKS_68_FILE = "shape_predictor_68_face_landmarks.dat"
LANDMARKS_5_FILE = "shape_predictor_5_face_landmarks.dat"  # face_recognition loads it on import

# SHA-256 of the dlib model files in face_recognition_models 0.3.0 (``station doctor`` checks all four).
FACE_MODEL_SHA256: dict[str, str] = {
    "shape_predictor_68_face_landmarks.dat": "fbdc2cb80eb9aa7a758672cbfdda32ba6300efe9b6e6c7a299ff7e736b11b92f",
    "shape_predictor_5_face_landmarks.dat": "c4b1e9804792707d3a405c2c16a80a20269e6675021f64a41d30fffafbc41888",
    "dlib_face_recognition_resnet_model_v1.dat": "55533b28a95800a551ba546ba62fe69625c7e95a7061c338adffead08719da30",
    "mmod_human_face_detector.dat": "4cb19393e2fbaf2b1609a9319ad5386618c886a6234ec1b971f3e87c85d87fe6",
}

MODEL_VERSION = (f"dlib ResNet face encoder v1 sha256:{FACE_MODEL_SHA256[ENCODER_FILE][:12]}, "
                 f"68-point alignment sha256:{FACE_MODEL_SHA256[LANDMARKS_68_FILE][:12]}")
"""Recorded with every decision and every calibration: a threshold holds for this model only."""


class FaceModelError(StationError):
    """The face models are missing or changed: the station cannot find or match faces."""


@dataclass(frozen=True)
class FaceModels:
    """The loaded dlib objects: the HOG detector, the 68-point landmark model, and face_recognition's API."""

    detector: Any  # dlib.fhog_object_detector
    landmarks68: Any  # dlib.shape_predictor
    api: ModuleType  # face_recognition


def _import_face_recognition() -> ModuleType:
    from PIL import ImageFile

    truncated = ImageFile.LOAD_TRUNCATED_IMAGES
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
            import face_recognition
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated
    return face_recognition


@functools.cache
def load_models() -> FaceModels:
    """Check the model files' SHA-256 and load them (once per process, about a second)."""
    import importlib.util

    spec = importlib.util.find_spec("face_recognition_models")
    if spec is None or spec.origin is None:
        raise FaceModelError("face-models-missing")
    check_model_files(Path(spec.origin).parent / "models")
    api = _import_face_recognition()
    return FaceModels(detector=api.api.face_detector, landmarks68=api.api.pose_predictor_68_point, api=api)


def check_model_files(folder: Path) -> None:
    """The model files ``load_models`` loads are in ``folder`` with their pinned SHA-256; FaceModelError if not."""
    for name in (ENCODER_FILE, LANDMARKS_68_FILE, LANDMARKS_5_FILE):
        path, expected = folder / name, FACE_MODEL_SHA256[name]
        try:
            actual = file_sha256(path)
        except OSError as exc:
            raise FaceModelError("face-model-unreadable", path=str(path), problem=exc.strerror or str(exc)) from exc
        if actual != expected:
            raise FaceModelError("face-model-changed", path=str(path), actual=actual[:12], expected=expected[:12])
