"""Reading a resident ID card: images in, checked fields (or a clear reason to retake the picture) out.

:class:`IdCardReader` takes one image per side (a camera frame, a scan or an image file's bytes), finds
and flattens the card (:mod:`station.vision.card`), applies the capture gates
(:mod:`station.vision.quality`), reads it with the OCR engine (:mod:`station.vision.ocr`) turned upright,
says which side it is, takes the fields out (:mod:`station.vision.idfields`), crops the portrait, and
checks the reading with the station's ID rules (:mod:`station.core.idcard_rules`). The result converts
to :class:`station.core.models.IdCardRead` for the visit. Images stay in memory.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from difflib import SequenceMatcher

import cv2
import numpy as np

from station.core import idcard_rules
from station.core.checks import CheckResult, failed, passed, warned
from station.core.idnumber import check_id_number
from station.core.models import PERMANENT, IdCardBack, IdCardFront, IdCardRead, Sex
from station.errors import StationError
from station.messages import Message
from station.vision.card import CARD_SIZE, Side, side_of, turn
from station.vision.idfields import (
    BACK_FIELDS,
    FRONT_FIELDS,
    FieldRead,
    back_regions,
    front_regions,
    parse_back,
    parse_front,
    place_doubts,
)
from station.vision.images import ImageError, decode_image, encode_jpeg, encode_png
from station.vision.ocr import OcrEngine, OcrLine, create_engine
from station.vision.quality import QualityReport, assess

log = logging.getLogger(__name__)

# Gates that stop the reading: the picture must be taken again. A missing colour does not stop it.
_RETAKE_GATES = ("capture.card_found", "capture.size", "capture.cut_off", "capture.sharpness", "capture.glare",
                 "capture.brightness")
# Where the portrait is printed on the upright front (856x540), and the shape of the photo (358x441).
_PORTRAIT_SEARCH = (500, 30, 836, 430)
_PORTRAIT_DEFAULT = (540, 60, 800, 380)
_PORTRAIT_ASPECT = 358 / 441


_LOCATING = ThreadPoolExecutor(max_workers=1, thread_name_prefix="card-locate")
"""Finds the card in the images after the first while the first is read (see ``IdCardReader.read``)."""
_NOT_READ = FieldRead("", 0.0, (), "that side was not read")


class CardReadError(StationError):
    """A reading that cannot become the visit's ID card step; the message says what to retake."""


@dataclass(frozen=True)
class SideRead:
    """One image read: which side, the fields, the card upright, the portrait (front), or why not.

    ``rejection`` is set when nothing could be read (no card, a picture to retake, not an ID card);
    ``rotation`` is how far (degrees, clockwise) the flattened card was turned to stand upright.
    """

    side: Side | None
    fields: Mapping[str, FieldRead] = field(default_factory=dict)
    quality: QualityReport | None = None
    rejection: CheckResult | None = None
    card: np.ndarray | None = field(default=None, repr=False)
    portrait: np.ndarray | None = field(default=None, repr=False)
    rotation: int = 0
    timings: Mapping[str, float] = field(default_factory=dict)
    lines: Sequence[OcrLine] = field(default=(), repr=False)

    @property
    def ok(self) -> bool:
        return self.rejection is None and self.side is not None


@dataclass(frozen=True)
class CardReading:
    """Front and back as read, and every check on them, in a fixed order."""

    front: SideRead | None
    back: SideRead | None
    checks: tuple[CheckResult, ...]
    engine: str
    timings: Mapping[str, float] = field(default_factory=dict)

    @property
    def fields(self) -> dict[str, FieldRead]:
        out: dict[str, FieldRead] = {}
        for side in (self.front, self.back):
            if side is not None and side.ok:
                out.update(side.fields)
        return out

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)

    def to_model(self) -> IdCardRead:
        """The reading as the visit's ID card step takes it; :class:`CardReadError` if incomplete."""
        front, back = self.front, self.back
        if front is None or not front.ok or back is None or not back.ok:
            missing = "front" if front is None or not front.ok else "back"
            raise CardReadError("card-side-not-read", side=missing)
        values = self.fields
        unusable = [n for n in (*FRONT_FIELDS, *BACK_FIELDS) if not _usable(n, values[n])]
        if unusable:
            raise CardReadError("card-fields-unreadable", fields=_field_names(unusable))
        v = {n: f.value for n, f in values.items()}
        return IdCardRead(
            IdCardFront(v["name"], Sex(v["sex"]), v["ethnicity"], date.fromisoformat(v["birth_date"]), v["address"],
                        v["id_number"]),
            IdCardBack(v["issuer"], date.fromisoformat(v["valid_from"]),
                       None if v["valid_to"] == PERMANENT else date.fromisoformat(v["valid_to"])),
            confidence={n: round(f.confidence, 4) for n, f in values.items()},
            doubtful={n: list(f.doubtful) if f.doubtful else list(range(len(f.value)))
                      for n, f in values.items() if f.is_doubtful},
            engine=self.engine,
            front_image=encode_jpeg(front.card) if front.card is not None else None,
            back_image=encode_jpeg(back.card) if back.card is not None else None,
            portrait=encode_png(front.portrait) if front.portrait is not None else None,
        )

    def to_dict(self) -> dict[str, object]:
        """Fields, checks and timings as JSON-able data (values in clear: for the officer, not for logs)."""
        sides = {}
        for name, side in (("front", self.front), ("back", self.back)):
            if side is not None:
                sides[name] = {"side": side.side.value if side.side else None, "rotation": side.rotation,
                               "rejection": side.rejection.to_dict() if side.rejection else None,
                               "timings": {k: round(v, 4) for k, v in side.timings.items()}}
        return {
            "engine": self.engine,
            "fields": {n: self.fields.get(n, _NOT_READ).to_dict() for n in (*FRONT_FIELDS, *BACK_FIELDS)},
            "checks": [c.to_dict() for c in self.checks],
            "sides": sides,
            "timings": {k: round(v, 4) for k, v in self.timings.items()},
        }


def _usable(name: str, f: FieldRead) -> bool:
    if not f.value or (f.problem and name in ("birth_date", "valid_from", "valid_to", "sex")):
        return False
    return not (name == "valid_to" and f.value != PERMANENT and f.problem)


class IdCardReader:
    """Reads ID card images with one OCR engine (loaded on first use: call ``engine.warm_up()`` early)."""

    def __init__(self, engine: OcrEngine | None = None, *, min_age: int = 18) -> None:
        self.engine = engine if engine is not None else create_engine()
        self.min_age = min_age

    def read(self, images: Sequence[bytes | np.ndarray], today: date | None = None) -> CardReading:
        """Read one or two images (front and back, in any order) and check the reading."""
        start = time.perf_counter()
        reads = self._read_sides(images)
        front = next((r for r in reads if r.side is Side.FRONT), None)
        back = next((r for r in reads if r.side is Side.BACK), None)
        if front is not None:
            front_fields, back_fields = place_doubts(front.fields, back.fields if back is not None else None)
            reads = [replace(r, fields=front_fields) if r is front else
                     replace(r, fields=back_fields) if r is back and back_fields is not None else r for r in reads]
            front = next(r for r in reads if r.side is Side.FRONT)
            back = next((r for r in reads if r.side is Side.BACK), None)
        checks = self._checks(reads, front, back, today or date.today())
        timings = {"total": time.perf_counter() - start}
        for r in reads:
            for k, v in r.timings.items():
                timings[k] = timings.get(k, 0.0) + v
        shown_front = front or next((r for r in reads if r.side is None), None)
        shown_back = back or next((r for r in reads if r.side is None and r is not shown_front), None)
        return CardReading(shown_front, shown_back, tuple(checks), self.engine.name, timings)

    def read_side(self, image: bytes | np.ndarray) -> SideRead:
        """Read one image of one side; never raises for bad input (the rejection says why)."""
        return self._read_located(_locate(image))

    def _read_sides(self, images: Sequence[bytes | np.ndarray]) -> list[SideRead]:
        """Each image read in turn, while a worker decodes the next and finds the card in it.

        The OCR engine keeps both cores busy only part of the time (between its model runs it works in
        Python on one): the next image's decoding and card finding fill those gaps. The OCR itself stays
        on this thread, one image at a time, so that its memory is not held twice.
        """
        ahead = [_LOCATING.submit(_locate, image) for image in images[1:]]
        reads = [self._read_located(_locate(images[0]))] if images else []
        return reads + [self._read_located(located.result()) for located in ahead]

    def _read_located(self, located: SideRead) -> SideRead:
        """Read the card found by :func:`_locate` (a rejection passes through as it is)."""
        report, timings = located.quality, dict(located.timings)
        if located.rejection is not None or report is None or report.card is None:
            return located
        t = time.perf_counter()
        ocr = 0.0
        attempts = []
        for degrees in _orientations(report.card):
            upright = turn(report.card, degrees)
            o = time.perf_counter()
            lines = self.engine.read(upright)
            ocr += time.perf_counter() - o
            guess = side_of([ln.text for ln in lines])
            attempts.append(guess)
            if guess.side is not None:
                break
        timings["ocr"] = ocr
        if guess.side is None:
            timings["orient"] = time.perf_counter() - t - ocr
            other = next((g.other_kind for g in attempts if g.other_kind), None)
            reason = (Message("card-other-kind", {"kind": other}) if other else Message("card-no-id-text"))
            return SideRead(None, quality=report, rejection=failed("capture.id_card", reason, other_kind=other),
                            card=upright, timings=timings)
        timings["orient"] = time.perf_counter() - t - ocr

        t = time.perf_counter()
        fields = parse_front(lines) if guess.side is Side.FRONT else parse_back(lines)
        timings["parse"] = time.perf_counter() - t
        if any(f.is_doubtful for f in fields.values()):
            t = time.perf_counter()
            fields, second = self._second_look(upright, guess.side, lines, fields)
            timings["second_look"] = time.perf_counter() - t - second  # the OCR part counts as OCR
            timings["ocr"] += second
        portrait = None
        if guess.side is Side.FRONT:
            t = time.perf_counter()
            portrait = crop_portrait(upright)
            timings["portrait"] = time.perf_counter() - t
        log.info("read the %s of a card (turned %d degrees) in %.2f s", guess.side.value, degrees,
                 sum(timings.values()))
        return SideRead(guess.side, fields, report, None, upright, portrait, degrees, timings, tuple(lines))

    def _second_look(self, card: np.ndarray, side: Side, lines: list[OcrLine],
                      fields: dict[str, FieldRead]) -> tuple[dict[str, FieldRead], float]:
        """Read each doubtful one-line field again from its own crop, enlarged; keep what is surer.

        Returns the fields and the OCR time spent. A new reading replaces the first only when it is not
        doubtful and, where the first had a value of the right form, agrees with it on every character
        the first was sure of: a second look settles doubts, it never overrules a confident read.
        """
        parse = parse_front if side is Side.FRONT else parse_back
        regions = front_regions(lines) if side is Side.FRONT else back_regions(lines)
        fields = dict(fields)
        looked: set[tuple[int, int, int, int]] = set()
        spent = 0.0
        for name, box in regions.items():
            if not fields[name].is_doubtful or box in looked:
                continue
            looked.add(box)
            start = time.perf_counter()
            new_lines = _read_crop(self.engine, card, box)
            spent += time.perf_counter() - start
            again = parse([*_outside(lines, box), *new_lines])
            for field_name in (n for n, b in regions.items() if b == box):
                if _settles(fields[field_name], again[field_name]):
                    fields[field_name] = again[field_name]
        return fields, spent

    def _checks(self, reads: list[SideRead], front: SideRead | None, back: SideRead | None,
                today: date) -> list[CheckResult]:
        checks: list[CheckResult] = []
        for i, r in enumerate(reads, 1):
            if r.rejection is not None:
                checks.append(replace(r.rejection, message=_about(r.side, i, len(reads), r.rejection.message)))
            elif r.quality is not None:
                checks.extend(replace(c, message=_about(r.side, i, len(reads), c.message)) for c in r.quality.checks
                              if c.name == "capture.colour")
        sides = [r.side for r in reads if r.side is not None]
        for side in Side:
            if sides.count(side) > 1:
                checks.append(failed("card.sides", "card-two-images-of-side", {"side": side.value}))
        for side, read, names in ((Side.FRONT, front, FRONT_FIELDS), (Side.BACK, back, BACK_FIELDS)):
            if read is None:
                checks.append(failed(f"ocr.{side.value}", "card-side-not-read-yet", {"side": side.value}))
                continue
            checks.append(_fields_check(side, read.fields, names))
        if front is not None:
            checks += _rule_checks(front.fields, back.fields if back is not None else None, today, self.min_age)
        return checks


def _locate(image: bytes | np.ndarray) -> SideRead:
    """Decode an image, find and flatten the card and apply the capture gates: a side not read yet, or
    the rejection that stops it (a file that does not decode, a gate that asks for a retake)."""
    timings: dict[str, float] = {}
    t = time.perf_counter()
    greyscale_file = False
    if isinstance(image, bytes | bytearray):
        try:
            loaded = decode_image(bytes(image))
        except ImageError as exc:
            return SideRead(None, rejection=failed("capture.image", exc.message))
        image, greyscale_file = loaded.bgr, loaded.greyscale
    elif image.ndim == 2 or (image.ndim == 3 and image.shape[2] == 1):
        image, greyscale_file = cv2.cvtColor(image.reshape(image.shape[:2]), cv2.COLOR_GRAY2BGR), True
    timings["decode"] = time.perf_counter() - t

    t = time.perf_counter()
    report = assess(image, greyscale_file=greyscale_file)
    timings["locate"] = time.perf_counter() - t
    blocking = [c for c in report.problems if c.name in _RETAKE_GATES]
    if blocking or report.card is None:
        return SideRead(None, quality=report, rejection=blocking[0], timings=timings)
    return SideRead(None, quality=report, timings=timings)


def _read_crop(engine: OcrEngine, card: np.ndarray, box: tuple[int, int, int, int]) -> list[OcrLine]:
    """OCR of one field's crop, enlarged twice with a margin; lines returned in the card's pixels."""
    x0, y0, x1, y1 = box
    h, w = card.shape[:2]
    x0, y0, x1, y1 = max(0, x0), max(0, y0), min(w, x1), min(h, y1)
    scale, pad = 2.0, 16
    crop = cv2.resize(card[y0:y1, x0:x1], None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    crop = cv2.copyMakeBorder(crop, pad, pad, pad, pad, cv2.BORDER_REPLICATE)

    def back(x: float, y: float) -> tuple[float, float]:
        return x0 + (x - pad) / scale, y0 + (y - pad) / scale

    return [replace(ln, box=tuple(back(x, y) for x, y in ln.box),
                    char_xs=tuple(x0 + (x - pad) / scale for x in ln.char_xs)) for ln in engine.read(crop)]


def _outside(lines: list[OcrLine], box: tuple[int, int, int, int]) -> list[OcrLine]:
    """The lines with the characters read inside ``box`` taken out (a label read with its value stays)."""
    x0, y0, x1, y1 = box
    out = []
    for ln in lines:
        if not y0 <= ln.centre_y <= y1:
            out.append(ln)
            continue
        keep = [i for i, x in enumerate(ln.char_xs) if not x0 <= x <= x1]
        if len(keep) == len(ln.text):
            out.append(ln)
        elif keep:
            xs = [ln.char_xs[i] for i in keep]
            half = ln.height / 2
            left, right = min(xs) - half, max(xs) + half
            out.append(ln.subset(keep, ((left, ln.top), (right, ln.top), (right, ln.bottom), (left, ln.bottom))))
    return out


def _settles(first: FieldRead, second: FieldRead) -> bool:
    """Whether a second reading of a doubtful field may replace the first (see ``_second_look``).

    It must not be doubtful itself; and where the first had a value of the right form, every change it
    makes (a character replaced, lost or found) must fall on characters the first was unsure of.
    """
    if second.is_doubtful:
        return not first.value and bool(second.value)
    if not first.value or first.problem:
        return True
    unsure = set(first.doubtful)
    changes = [op for op in SequenceMatcher(None, first.value, second.value, autojunk=False).get_opcodes()
               if op[0] != "equal"]
    for _, i1, i2, _j1, _j2 in changes:
        touched = set(range(i1, i2)) if i2 > i1 else {i1 - 1, i1}  # an insertion touches its neighbours
        if not (touched & unsure if i2 == i1 else touched <= unsure):
            return False
    return sum(max(i2 - i1, j2 - j1) for _, i1, i2, j1, j2 in changes) <= max(2, len(first.value) // 4)


def _field_names(names: Sequence[str]) -> tuple[Message, ...]:
    """Card fields to name in a sentence."""
    return tuple(Message("card-field", {"field": n}) for n in names)


def _about(side: Side | None, image: int, images: int, message: Message) -> Message:
    """A reading's message said of its side, or of its image when there are several."""
    if side is not None:
        return Message("check-on-side", {"side": side.value, "reason": message})
    return Message("check-on-image", {"image": image, "reason": message}) if images > 1 else message


def _fields_check(side: Side, fields: Mapping[str, FieldRead], names: Sequence[str]) -> CheckResult:
    """One check per side: every field read (else retake), and which fields the officer should compare."""
    name = f"ocr.{side.value}"
    unusable = [n for n in names if not _usable(n, fields[n])]
    if unusable:
        return failed(name, "card-fields-not-read", {"fields": _field_names(unusable), "side": side.value},
                      unreadable=unusable)
    doubtful = [n for n in names if fields[n].is_doubtful]
    if doubtful:
        return warned(name, "card-fields-doubtful", {"fields": _field_names(doubtful)}, doubtful=doubtful,
                      confidence={n: round(fields[n].confidence, 3) for n in names})
    return passed(name, "card-fields-read", {"side": side.value},
                  confidence={n: round(fields[n].confidence, 3) for n in names})


def _rule_checks(front: Mapping[str, FieldRead], back: Mapping[str, FieldRead] | None, today: date,
                 min_age: int) -> list[CheckResult]:
    """The station's ID rules on what was read: all of them with both sides, the front's alone otherwise."""
    number = front["id_number"].value
    if not number:
        return []
    try:
        card_front = IdCardFront(front["name"].value, Sex(front["sex"].value), front["ethnicity"].value,
                                 date.fromisoformat(front["birth_date"].value), front["address"].value, number)
    except ValueError:  # sex or birth date unreadable: the number can still be checked on its own
        return check_id_number(number, today=today)
    if back is not None and all(_usable(n, back[n]) for n in BACK_FIELDS):
        v = {n: back[n].value for n in BACK_FIELDS}
        card_back = IdCardBack(v["issuer"], date.fromisoformat(v["valid_from"]),
                               None if v["valid_to"] == PERMANENT else date.fromisoformat(v["valid_to"]))
        return idcard_rules.check_card(IdCardRead(card_front, card_back), today, min_age=min_age)
    return idcard_rules.check_front(card_front, today, min_age=min_age)


def _orientations(card: np.ndarray) -> tuple[int, int]:
    """The two ways up to try, the likelier first: the portrait block (front) or the red emblem (back)
    sits in a known corner of an upright card."""
    w, h = CARD_SIZE

    def flip(box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
        x0, y0, x1, y1 = box
        return w - x1, h - y1, w - x0, h - y0

    def dark(box: tuple[int, int, int, int]) -> float:
        x0, y0, x1, y1 = box
        return float(255 - cv2.cvtColor(card[y0:y1, x0:x1], cv2.COLOR_BGR2GRAY).mean())

    def redness(box: tuple[int, int, int, int]) -> float:
        x0, y0, x1, y1 = box
        hsv = cv2.cvtColor(card[y0:y1, x0:x1], cv2.COLOR_BGR2HSV)
        return float((((hsv[..., 0] < 10) | (hsv[..., 0] > 170)) & (hsv[..., 1] > 100)).mean())

    portrait, emblem = _PORTRAIT_DEFAULT, (50, 40, 190, 180)
    score = dark(portrait) - dark(flip(portrait)) + 200 * (redness(emblem) - redness(flip(emblem)))
    return (0, 180) if score >= 0 else (180, 0)


def crop_portrait(front: np.ndarray) -> np.ndarray:
    """The photo on the upright front, found as the block that differs from the card's paper."""
    x0, y0, x1, y1 = _PORTRAIT_SEARCH
    region = front[y0:y1, x0:x1]
    grey = cv2.cvtColor(region, cv2.COLOR_BGR2GRAY)
    paper = float(np.percentile(grey, 90))
    mask = ((paper - grey.astype(np.float32)) > 30).astype(np.uint8) * 255
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (25, 25)))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    box = _PORTRAIT_DEFAULT
    if contours:
        bx, by, bw, bh = cv2.boundingRect(max(contours, key=cv2.contourArea))
        if bw >= 150 and bh >= 180:
            box = (x0 + bx, y0 + by, x0 + bx + bw, y0 + by + bh)
    return _to_aspect(front, box)


def _to_aspect(image: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    """The crop widened or heightened about its centre to the photo's 358:441 shape, inside the image."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    if w / h < _PORTRAIT_ASPECT:
        w = h * _PORTRAIT_ASPECT
    else:
        h = w / _PORTRAIT_ASPECT
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    H, W = image.shape[:2]
    left, top = int(max(0, cx - w / 2)), int(max(0, cy - h / 2))
    right, bottom = int(min(W, cx + w / 2)), int(min(H, cy + h / 2))
    return image[top:bottom, left:right].copy()
