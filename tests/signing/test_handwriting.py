"""Pen strokes to the signature PNG: transparent, cropped to the ink, width from pressure; empty pads refused."""

from __future__ import annotations

import io
import math

import numpy as np
import pytest
from PIL import Image, ImageDraw

from station.core.checks import CheckStatus
from station.core.models import SignatureCapture
from station.documents.handwriting import (
    INK,
    MARGIN,
    MAX_POINTS,
    MAX_SIZE,
    HandwritingError,
    capture_from_png,
    capture_with_png,
    check_handwriting,
    render_handwriting,
)

from .documents_support import signature_strokes


def _image(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


def _alpha(png: bytes) -> np.ndarray:
    return np.asarray(_image(png).getchannel("A"))


def test_the_png_is_transparent_blue_black_ink_cropped_to_the_signature() -> None:
    png = render_handwriting(signature_strokes())
    image = _image(png)
    assert png.startswith(b"\x89PNG") and image.mode == "RGBA"
    assert image.width <= MAX_SIZE[0] and image.height <= MAX_SIZE[1]
    assert max(image.size) == MAX_SIZE[0] or image.height == MAX_SIZE[1]  # scaled up to fill the box
    alpha = _alpha(png)
    assert alpha[0, 0] == 0 and alpha.max() == 255 and 0.02 < (alpha > 0).mean() < 0.3
    rows, cols = np.nonzero(alpha)
    for gap in (rows.min(), cols.min(), image.height - 1 - rows.max(), image.width - 1 - cols.max()):
        assert MARGIN - 2 <= gap <= MARGIN + 8  # trimmed to the ink, with the margin
    colours = np.asarray(image)[alpha == 255][:, :3]
    assert (colours == INK).all()


def test_the_aspect_ratio_of_the_ink_is_kept() -> None:
    strokes = signature_strokes()
    xy = np.array([p[:2] for s in strokes for p in s])
    ratio = np.ptp(xy[:, 0]) / np.ptp(xy[:, 1])
    alpha = _alpha(render_handwriting(strokes))
    rows, cols = np.nonzero(alpha)
    drawn = (np.ptp(cols) - 8) / (np.ptp(rows) - 8)  # less the line width on both sides
    assert drawn == pytest.approx(ratio, rel=0.06)


def _wave(pressure: float) -> list[list[tuple[float, float, float, float]]]:
    return [[(10.0 + 4 * i, 50.0 + 30 * math.sin(i / 8), pressure * (0.9 + 0.1 * math.sin(i)), 10.0 * i)
             for i in range(60)]]


def test_harder_pressure_draws_a_wider_line() -> None:
    light = (_alpha(render_handwriting(_wave(0.1))) > 127).sum()
    firm = (_alpha(render_handwriting(_wave(1.0))) > 127).sum()
    assert firm > 1.8 * light


def test_a_mouse_or_touch_screen_without_pressure_draws_an_even_line() -> None:
    png = render_handwriting(signature_strokes(pressure=False))
    assert _alpha(png).max() == 255
    assert render_handwriting(signature_strokes(pressure=False)) == png


def test_raw_device_pressure_is_scaled_to_its_maximum() -> None:
    raw = signature_strokes(pressure_max=1023.0)
    top = max(p[2] for stroke in raw for p in stroke)
    scaled = [[(x, y, p / top, t) for x, y, p, t in stroke] for stroke in raw]
    assert render_handwriting(raw) == render_handwriting(scaled)


def test_the_drawing_does_not_depend_on_the_pad_resolution() -> None:
    small = _alpha(render_handwriting(signature_strokes()))
    large = _alpha(render_handwriting(signature_strokes(scale=3.0)))
    assert small.shape == large.shape
    assert np.abs(small.astype(int) - large.astype(int)).mean() < 2


def test_capture_with_png_keeps_the_strokes_as_evidence_and_survives_a_json_round_trip() -> None:
    capture = SignatureCapture(signature_strokes())
    again = SignatureCapture.from_dict(capture.to_dict())  # points come back as lists
    drawn = capture_with_png(again)
    assert drawn.strokes == again.strokes and drawn.png == render_handwriting(capture.strokes)


@pytest.mark.parametrize(("strokes", "reason"), [
    ([], "empty"),
    ([[]], "empty"),
    ([[(10.0, 10.0, 0.5, 0.0)], [(12.0, 11.0, 0.5, 90.0)]], "dot or a short scratch"),
    ([[(10.0, 10.0, 0.5, 0.0), (10.0, 10.0, 0.6, 30.0)]], "dot or a short scratch"),
    ([[(10.0, 10.0, 0.5, 0.0), (25.0, 12.0, 0.5, 40.0)]], "dot or a short scratch"),
    ([[(10.0, 10.0, 0.5, 0.0), (float("nan"), 12.0, 0.5, 40.0)]], "finite"),
    ([[(10.0, 10.0, 0.5)]], "(x, y, pressure, time in ms)"),
    ([[(float(i % 500), float(i % 300), 0.5, float(i)) for i in range(MAX_POINTS + 1)]], "more than a signature"),
])
def test_an_empty_pad_a_tap_or_bad_input_is_refused_with_its_reason(strokes: list, reason: str) -> None:
    check = check_handwriting(strokes)
    assert check.status is CheckStatus.FAIL and check.name == "handwriting_present"
    assert reason in check.reason
    with pytest.raises(HandwritingError) as refused:
        render_handwriting(strokes)
    assert refused.value.check == check


def test_a_real_signature_passes_with_its_figures() -> None:
    check = check_handwriting(signature_strokes())
    assert check.passed and check.figures["strokes"] == 5 and check.figures["extent"] > 300


def _picture(mode: str, size: tuple[int, int], background: object, draw: object = None, fmt: str = "PNG") -> bytes:
    image = Image.new(mode, size, background)  # type: ignore[arg-type]
    if draw is not None:
        draw(ImageDraw.Draw(image))  # type: ignore[operator]
    out = io.BytesIO()
    image.save(out, format=fmt)
    return out.getvalue()


def test_a_signature_picture_becomes_a_clean_stamp_with_its_ink_outlines_as_strokes() -> None:
    scan = _picture("RGB", (900, 400), (240, 238, 230),
                    lambda d: d.line([(100, 300), (300, 100), (500, 280), (800, 120)], fill=(30, 30, 40), width=9))
    capture = capture_from_png(scan)
    assert check_handwriting(capture.strokes).passed
    stamp = Image.open(io.BytesIO(capture.png or b""))
    assert stamp.mode == "RGBA" and stamp.width <= 800 and stamp.height <= 320
    alpha = np.asarray(stamp.getchannel("A"))
    assert alpha.max() == 255 and (alpha == 0).mean() > 0.5  # the paper became transparent


@pytest.mark.parametrize(("picture", "reason"), [
    (_picture("RGB", (600, 240), (255, 255, 255)), "empty"),
    (_picture("RGB", (600, 240), (255, 255, 255), lambda d: d.ellipse((300, 120, 304, 124), fill=0)), "dot"),
    (_picture("RGB", (600, 240), (255, 255, 255), fmt="JPEG"), "not PNG"),
    (b"not an image", "cannot be read"),
])
def test_a_picture_that_is_no_signature_is_refused_with_its_reason(picture: bytes, reason: str) -> None:
    with pytest.raises(HandwritingError, match=reason):
        capture_from_png(picture)
