"""The borrower's handwriting: pen strokes to a clean, transparent PNG for the signature stamp.

The strokes (per point ``(x, y, pressure, t_ms)`` in the pad's own units, as
:class:`~station.core.models.SignatureCapture` holds them) stay the evidence; the PNG is only their
picture. Drawing: duplicate points dropped; each stroke's sampling jitter averaged out, then smoothed
by Chaikin corner cutting (it never overshoots, unlike a spline through noisy samples); the line width
follows the pen's pressure (a mouse or touch screen without pressure gets an even width); drawn three
times oversize and reduced for anti-aliasing, cropped to the ink with a margin, scaled to fit
:data:`MAX_SIZE`.

An empty pad, a tap or a scribble too small to be a signature is refused by :func:`check_handwriting`
with its reason, before anything is drawn.

A signature that comes as a picture (:func:`capture_from_png`: a scan, or a pad that only gives an
image) is cleaned the same way: its ink becomes the transparent blue-black PNG, and the outlines of the
ink, traced from the picture, stand in for the strokes (no pressure, no timing: the picture is the
evidence), so the same checks refuse a blank or dot-sized image.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence

import numpy as np
from PIL import Image, ImageDraw

from station.core.checks import CheckResult, failed, passed
from station.core.models import SignatureCapture
from station.errors import StationError

__all__ = [
    "INK",
    "MAX_POINTS",
    "MAX_SIZE",
    "MIN_EXTENT",
    "MIN_INK_LENGTH",
    "HandwritingError",
    "capture_from_png",
    "capture_with_png",
    "check_handwriting",
    "render_handwriting",
]

Strokes = Sequence[Sequence[Sequence[float]]]

MIN_EXTENT = 20.0
"""Pad units the ink must span (the larger of its width and height): less is a tap, not a signature."""
MIN_INK_LENGTH = 40.0
"""Pad units of line the strokes must draw in all."""
MAX_POINTS = 100_000
"""More points than a pen sampling at 500 Hz gives in three minutes: refused as not a signature."""
MAX_SIZE = (800, 320)
"""Largest PNG in pixels (width, height); a signature is scaled to fit, its aspect ratio kept."""
MAX_IMAGE_PIXELS = 4000 * 4000
"""Largest handwriting picture read (a 300 dpi scan of an A5 sheet is about 1750 x 2480)."""
INK_LEVEL = (96, 208)
"""Grey levels (on white) of full ink and of no ink: paper is lighter than 208, a pen darker than 96."""
MARGIN = 16
INK = (18, 28, 82)  # blue-black, as a signing pen
WIDTH_RANGE = (2.5, 8.0)  # line width in output pixels at no and at full pressure
EVEN_PRESSURE = 0.45  # used when the device reports no pressure (all points alike)
_OVERSAMPLE = 3
_SMOOTHING_PASSES = 2


class HandwritingError(StationError):
    """The strokes are not a usable signature; ``check`` holds the reason and figures."""

    def __init__(self, check: CheckResult) -> None:
        super().__init__(check.message.id, **check.message.args)
        self.check = check


def check_handwriting(strokes: Strokes) -> CheckResult:
    """Whether the strokes are a signature worth drawing: named check ``handwriting_present``."""
    try:
        arrays = _arrays(strokes)
    except ValueError as exc:
        return failed("handwriting_present", "pen-input-unreadable", {"problem": str(exc)})
    points = sum(len(a) for a in arrays)
    if points > MAX_POINTS:
        return failed("handwriting_present", "pen-input-too-long", {"points": points, "max": MAX_POINTS},
                      points=points)
    if not arrays or points == 0:
        return failed("handwriting_present", "handwriting-empty")
    xy = np.vstack([a[:, :2] for a in arrays])
    extent = float(np.ptp(xy, axis=0).max())
    length = float(sum(np.linalg.norm(np.diff(a[:, :2], axis=0), axis=1).sum() for a in arrays))
    figures = {"strokes": len(arrays), "points": points, "extent": round(extent, 1), "ink_length": round(length, 1)}
    if extent < MIN_EXTENT or length < MIN_INK_LENGTH:
        return failed("handwriting_present", "handwriting-scratch", **figures)
    return passed("handwriting_present", "handwriting-strokes", {"strokes": len(arrays)}, **figures)


def render_handwriting(strokes: Strokes, max_size: tuple[int, int] = MAX_SIZE) -> bytes:
    """The strokes as an RGBA PNG with a transparent background, cropped to the ink.

    Raises :class:`HandwritingError` when :func:`check_handwriting` fails.
    """
    check = check_handwriting(strokes)
    if not check.passed:
        raise HandwritingError(check)
    arrays = _arrays(strokes)
    widths = _widths(arrays)
    xy = np.vstack([a[:, :2] for a in arrays])
    low, span = xy.min(axis=0), np.maximum(np.ptp(xy, axis=0), 1e-9)
    pad = MARGIN + WIDTH_RANGE[1] / 2
    scale = min((max_size[0] - 2 * pad) / span[0], (max_size[1] - 2 * pad) / span[1])
    size = tuple(min(limit, math.ceil(extent * scale + 2 * pad)) for limit, extent in zip(max_size, span, strict=True))
    mask = Image.new("L", (size[0] * _OVERSAMPLE, size[1] * _OVERSAMPLE), 0)
    draw = ImageDraw.Draw(mask)
    for points, width in zip(arrays, widths, strict=True):
        path = np.column_stack([(points[:, :2] - low) * scale + pad, width])
        _draw_stroke(draw, _smooth(path) * [_OVERSAMPLE, _OVERSAMPLE, _OVERSAMPLE])
    alpha = mask.reduce(_OVERSAMPLE)
    image = Image.new("RGBA", size, (*INK, 0))
    image.putalpha(alpha)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def capture_with_png(capture: SignatureCapture, max_size: tuple[int, int] = MAX_SIZE) -> SignatureCapture:
    """The same capture (its strokes untouched, as evidence) with ``png`` drawn from them."""
    return SignatureCapture(capture.strokes, render_handwriting(capture.strokes, max_size))


def capture_from_png(png: bytes, max_size: tuple[int, int] = MAX_SIZE) -> SignatureCapture:
    """A capture from a picture of the signature: dark ink on a light or transparent background.

    The PNG comes back as the pad draws one (ink in :data:`INK` on transparency, cropped, scaled to
    fit ``max_size``), with the ink's outlines as strokes. Raises :class:`HandwritingError` when the
    file is not a readable PNG or its ink is not a signature (:func:`check_handwriting`).
    """
    import cv2

    ink = _ink(png)
    contours, _ = cv2.findContours((ink >= 128).astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    strokes = [[(float(x), float(y), 0.0, 0.0) for x, y in c.reshape(-1, 2)] for c in contours if len(c) >= 2]
    check = check_handwriting(strokes)
    if not check.passed:
        raise HandwritingError(check)
    rows, cols = np.nonzero(ink)
    top, left = max(rows.min() - MARGIN, 0), max(cols.min() - MARGIN, 0)
    crop = Image.fromarray(ink[top:rows.max() + MARGIN + 1, left:cols.max() + MARGIN + 1])
    crop.thumbnail(max_size, Image.Resampling.LANCZOS)
    image = Image.new("RGBA", crop.size, (*INK, 0))
    image.putalpha(crop)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return SignatureCapture(strokes, out.getvalue())


def _ink(png: bytes) -> np.ndarray:
    """Ink strength 0-255 per pixel of a PNG: dark on light, transparency counting as paper."""
    try:
        with Image.open(io.BytesIO(png)) as image:
            if image.format != "PNG":
                raise ValueError(f"it is {image.format}, not PNG")
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise ValueError(f"{image.width} x {image.height} pixels is more than a signature needs")
            image.load()
            paper = Image.new("RGBA", image.size, (255, 255, 255, 255))
            grey = np.asarray(Image.alpha_composite(paper, image.convert("RGBA")).convert("L"), dtype=float)
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise HandwritingError(failed("handwriting_present", "handwriting-image-unreadable",
                                      {"problem": str(exc)})) from exc
    full, none = INK_LEVEL
    return np.clip((none - grey) * 255 / (none - full), 0, 255).astype(np.uint8)


def _arrays(strokes: Strokes) -> list[np.ndarray]:
    """Each stroke as an (n, 4) float array with repeated positions removed; empty strokes dropped."""
    arrays = []
    for stroke in strokes:
        if len(stroke) == 0:
            continue
        a = np.asarray(stroke, dtype=float)
        if a.ndim != 2 or a.shape[1] != 4:
            raise ValueError("each point must be (x, y, pressure, time in ms)")
        if not np.isfinite(a).all():
            raise ValueError("a point is not a finite number")
        moved = np.r_[True, np.any(np.diff(a[:, :2], axis=0) != 0, axis=1)]
        arrays.append(a[moved])
    return arrays


def _widths(arrays: list[np.ndarray]) -> list[np.ndarray]:
    """Line width per point from pressure, smoothed along the stroke; even when there is no pressure."""
    pressure = np.concatenate([a[:, 2] for a in arrays])
    top = pressure.max()
    even = np.ptp(pressure) < 1e-6
    low, high = WIDTH_RANGE
    widths = []
    for a in arrays:
        p = np.full(len(a), EVEN_PRESSURE) if even else np.clip(a[:, 2] / (top if top > 1 else 1), 0, 1)
        if len(p) >= 3:
            p = np.convolve(np.r_[p[0], p, p[-1]], [0.25, 0.5, 0.25], mode="valid")
        widths.append(low + (high - low) * np.maximum(p, 0.1) ** 0.8)
    return widths


def _smooth(path: np.ndarray) -> np.ndarray:
    """Sampling jitter averaged out, then Chaikin corner cutting, on (x, y, width) rows; ends kept."""
    for _ in range(_SMOOTHING_PASSES):
        if len(path) >= 3:
            path = np.vstack([path[:1], 0.25 * path[:-2] + 0.5 * path[1:-1] + 0.25 * path[2:], path[-1:]])
    for _ in range(_SMOOTHING_PASSES):
        if len(path) < 3:
            break
        cut = np.empty((2 * (len(path) - 1), path.shape[1]))
        cut[0::2] = 0.75 * path[:-1] + 0.25 * path[1:]
        cut[1::2] = 0.25 * path[:-1] + 0.75 * path[1:]
        path = np.vstack([path[:1], cut, path[-1:]])
    return path


def _draw_stroke(draw: ImageDraw.ImageDraw, path: np.ndarray) -> None:
    """Round-capped segments whose width follows the path's third column."""
    for x, y, w in path:
        r = w / 2
        draw.ellipse((x - r, y - r, x + r, y + r), fill=255)
    for (x0, y0, w0), (x1, y1, w1) in zip(path[:-1], path[1:], strict=True):
        draw.line((x0, y0, x1, y1), fill=255, width=max(1, round((w0 + w1) / 2)))
