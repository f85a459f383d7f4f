"""The operating point of face matching: from genuine and impostor distances to a threshold.

Given the distances of genuine decisions (card and live face of the same person) and impostor decisions
(different people), :func:`operating_point` finds the equal-error rate and the threshold at a target
false-accept rate; :class:`Calibration` is what the station loads: that threshold with the model version
it holds for, the figures behind it and the data set it was measured on. A threshold is only valid for
the model, the preprocessing and the number of live frames it was calibrated with: loading checks that.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import MISSING, asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import numpy as np

from station.assets import asset
from station.errors import StationError

SHIPPED_CALIBRATION = asset("face", "calibration.json")
"""The calibration that ships with the station (made by ``station face calibrate`` on the data set it names)."""


def station_calibration(thresholds_file: Path | None, data_dir: Path) -> Path | None:
    """The calibration a station uses: the settings' ``face.thresholds_file``, else one made on this station
    by ``station face calibrate`` (``<data>/face/calibration.json``), else None for the shipped one."""
    if thresholds_file is not None:
        return Path(thresholds_file)
    local = Path(data_dir) / "face" / "calibration.json"
    return local if local.is_file() else None


class CalibrationError(StationError):
    """A calibration file is missing, unreadable, or made for another model or method."""


@dataclass(frozen=True)
class Rates:
    """False-accept and false-reject rates at one threshold, with the counts behind them."""

    threshold: float
    far: float
    frr: float
    false_accepts: int
    impostors: int
    false_rejects: int
    genuines: int


@dataclass(frozen=True)
class OperatingPoint:
    """The equal-error rate and the threshold chosen for a target false-accept rate."""

    eer: float
    eer_threshold: float
    target_far: float
    at_target: Rates


def rates_at(genuine: Sequence[float], impostor: Sequence[float], threshold: float) -> Rates:
    """Rates when a distance <= ``threshold`` is a match."""
    g = np.asarray(genuine, float)
    i = np.asarray(impostor, float)
    if g.size == 0 or i.size == 0:
        raise ValueError("rates need at least one genuine and one impostor distance")
    fa = int((i <= threshold).sum())
    fr = int((g > threshold).sum())
    return Rates(float(threshold), fa / i.size, fr / g.size, fa, int(i.size), fr, int(g.size))


def equal_error(genuine: Sequence[float], impostor: Sequence[float]) -> tuple[float, float]:
    """(EER, threshold): the point where FAR and FRR are closest, EER their mean there."""
    g = np.sort(np.asarray(genuine, float))
    i = np.sort(np.asarray(impostor, float))
    if g.size == 0 or i.size == 0:
        raise ValueError("an EER needs at least one genuine and one impostor distance")
    candidates = np.unique(np.concatenate([g, i]))
    far = np.searchsorted(i, candidates, side="right") / i.size
    frr = 1.0 - np.searchsorted(g, candidates, side="right") / g.size
    k = int(np.argmin(np.abs(far - frr)))
    return float((far[k] + frr[k]) / 2.0), float(candidates[k])


def threshold_at_far(impostor: Sequence[float], target_far: float) -> float:
    """The largest threshold whose false-accept rate on ``impostor`` is at most ``target_far``.

    The threshold sits halfway between the last impostor distance it may accept and the first it must
    not, so that it does not rest on one sample's exact value.
    """
    i = np.sort(np.asarray(impostor, float))
    if i.size == 0:
        raise ValueError("a threshold needs impostor distances")
    allowed = math.floor(target_far * i.size + 1e-9)  # false accepts the target allows
    if allowed >= i.size:
        return float(i[-1])
    upper = float(i[allowed])
    lower = float(i[allowed - 1]) if allowed > 0 else upper - 0.01
    return (lower + upper) / 2.0


def operating_point(genuine: Sequence[float], impostor: Sequence[float], target_far: float) -> OperatingPoint:
    """EER and the threshold at ``target_far``, with the rates there."""
    eer, eer_threshold = equal_error(genuine, impostor)
    threshold = threshold_at_far(impostor, target_far)
    return OperatingPoint(eer, eer_threshold, target_far, rates_at(genuine, impostor, threshold))


@dataclass(frozen=True)
class Calibration:
    """A calibrated threshold with everything needed to defend it (the JSON file's content)."""

    threshold: float
    model_version: str
    method: str  # preprocessing and live-frame aggregation the threshold holds for
    target_far: float
    far: float
    frr: float
    eer: float
    eer_threshold: float
    dataset: str
    protocol: str
    people: int
    genuine_decisions: int
    impostor_decisions: int
    date: str
    note: str = ""
    figures: Mapping[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """A short label recorded with every decision."""
        return f"{self.dataset.split(' ')[0]} {self.protocol.split(' ')[0]} {self.date} (FAR {self.far:.2%})"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Calibration:
        try:
            values = {f.name: data[f.name] for f in fields(cls) if f.name in data}
            calibration = cls(**values)
            float(calibration.threshold)
        except (TypeError, ValueError) as exc:
            raise CalibrationError("calibration-invalid", problem=str(exc)) from exc
        if not 0.0 < calibration.threshold < 2.0:
            raise CalibrationError("calibration-threshold", threshold=str(calibration.threshold))
        return calibration


def save_calibration(calibration: Calibration, path: Path) -> None:
    """Write the calibration as indented JSON (holds figures only, no face data)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(calibration.to_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def load_calibration(path: Path | None = None, *, model_version: str | None = None,
                     method: str | None = None) -> Calibration:
    """Read a calibration (the shipped one when ``path`` is None) and check it holds for this model and method."""
    path = Path(path) if path is not None else SHIPPED_CALIBRATION
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CalibrationError("calibration-missing", path=str(path)) from exc
    except (OSError, ValueError) as exc:
        raise CalibrationError("calibration-unreadable", path=str(path), problem=str(exc)) from exc
    if not isinstance(data, dict):
        raise CalibrationError("calibration-not-object", path=str(path))
    missing = [f.name for f in fields(Calibration)
               if f.name not in data and f.default is MISSING and f.default_factory is MISSING]
    if missing:
        raise CalibrationError("calibration-lacks", path=str(path), fields=", ".join(missing))
    calibration = Calibration.from_dict(data)
    if model_version is not None and calibration.model_version != model_version:
        raise CalibrationError("calibration-other-model", path=str(path), made_for=calibration.model_version,
                               installed=model_version)
    if method is not None and calibration.method != method:
        raise CalibrationError("calibration-other-method", path=str(path), made_for=calibration.method, method=method)
    return calibration
