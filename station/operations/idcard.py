"""The ID card: capturing both sides from a camera, reading them, and the card as the visit takes it.

The GUI's camera feeds :class:`SidesCapture`; both front ends read pictures with :func:`read_card` (the
OCR engine made once per process) and hand the visit an :class:`~station.core.models.IdCardRead`; a
card typed in, or read elsewhere as ``station idcard read --json`` prints it, comes in through
:func:`card_from_json`, one format for both.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from station.config import Settings
from station.core.checks import CheckResult
from station.core.models import PERMANENT, IdCardBack, IdCardFront, IdCardRead, Sex
from station.errors import StationError

if TYPE_CHECKING:
    import numpy as np

    from station.vision.idcard import CardReading
    from station.vision.quality import CaptureStep

class CardInputError(StationError):
    """A card handed in as data lacks a field or has one that is not a value of its kind."""


def read_card(settings: Settings, images: Sequence[bytes | np.ndarray], today: date | None = None) -> CardReading:
    """Find, flatten and read the card on each picture (one or both sides), then check its fields as of
    ``today`` (the visit's day; the computer's when None)."""
    from station.operations.engines import ocr_engine
    from station.vision.idcard import IdCardReader

    return IdCardReader(ocr_engine(settings)).read(images, today)


def read_card_files(settings: Settings, paths: Sequence[Path], today: date | None = None) -> CardReading:
    """:func:`read_card` on image files; a file that cannot be decoded raises with the reason."""
    from station.vision.images import read_file

    return read_card(settings, [read_file(p) for p in paths], today)


def picture_problems(reading: CardReading) -> list[CheckResult]:
    """The checks about the pictures and their reading (capture, OCR, both sides there), as against the card
    rules that the ID card step runs on the fields."""
    return [c for c in reading.checks if c.name.startswith(("capture.", "ocr.")) or c.name == "card.sides"]


def card_of(reading: CardReading) -> IdCardRead:
    """The reading as the visit's ID card step takes it; raises when a side or a field is missing."""
    return reading.to_model()


class SidesCapture:
    """Auto-capture of both sides from a live camera: a side is taken when the card holds still, sharp and
    glare-free inside the outline; the next side is taken only once the card has left the view (turned
    over), so one side held still is not taken twice. Thread-safe: frames come from the camera's thread."""

    def __init__(self) -> None:
        from station.vision.quality import AutoCapture

        self._capture = AutoCapture()
        self._armed = threading.Event()
        self._armed.set()

    def feed(self, image: np.ndarray) -> CaptureStep | None:
        """The capture's view of one frame; None while the side just taken is still in view."""
        from station.vision.quality import CaptureState

        step = self._capture.feed(image)
        if step.state is CaptureState.SEARCHING:
            self._armed.set()  # the card left the view: the next one seen is the other side
        elif not self._armed.is_set():
            return None
        if step.state is CaptureState.CAPTURED:
            self._armed.clear()
        return step


def card_from_json(data: Mapping[str, Any]) -> IdCardRead:
    """A card from ``station idcard read --json`` output, or typed in the same shape: ``{"fields": {name:
    {"value": ...}}}`` (a field may also be a plain string). The station saw no picture, so the card counts
    as typed in (no images, no portrait: the face step then needs the officer in person)."""
    fields = data.get("fields") if isinstance(data, Mapping) else None
    if not isinstance(fields, Mapping):
        raise CardInputError("card-input-no-fields")

    def value(name: str) -> str:
        raw = fields.get(name)
        text = raw.get("value") if isinstance(raw, Mapping) else raw
        if not isinstance(text, str) or not text.strip():
            raise CardInputError("card-input-missing", field=name)
        return text.strip()

    def day(name: str) -> date:
        try:
            return date.fromisoformat(value(name))
        except ValueError as exc:
            raise CardInputError("card-input-not-date", field=name) from exc

    try:
        sex = Sex(value("sex"))
    except ValueError as exc:
        raise CardInputError("card-input-sex") from exc
    front = IdCardFront(value("name"), sex, value("ethnicity"), day("birth_date"), value("address"),
                        value("id_number").upper())
    back = IdCardBack(value("issuer"), day("valid_from"), None if value("valid_to") == PERMANENT else day("valid_to"))
    return IdCardRead(front, back)
