"""Card portraits and camera frames simulated from ordinary face photos, for calibration and benchmarks.

A portrait read off a resident ID card by a camera is small (about 100x125 pixels of head), printed
(washed out, with a halftone dot screen), crossed by the card's fine guilloche lines, and JPEG-compressed.
:func:`simulate_card_portrait` applies those four in that order, deterministically for a given seed, so a
data set of ordinary photos gives card-vs-live pairs. It imitates; it is no substitute for real card
portraits, and a calibration made with it says so. :func:`simulate_live_frame` puts a photo into a
640x480 camera frame at a chosen face size and place, the way tests and benchmarks feed the camera.
"""

from __future__ import annotations

import cv2
import numpy as np

CARD_SIZE = (100, 125)  # width, height of the simulated portrait in pixels
JPEG_QUALITY = 45

DESCRIPTION = ("portrait resized to 100x125 px, washed out (contrast x0.6, blacks lifted to 70), 2.5 px 45-degree "
               "halftone screen at 15 %, 8 guilloche sine lines at 30 %, JPEG quality 45")


def simulate_card_portrait(image: np.ndarray, seed: int = 0, size: tuple[int, int] = CARD_SIZE) -> np.ndarray:
    """The photo (grey or BGR, mostly head) as a printed, photographed card portrait: 8-bit grey."""
    grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    rng = np.random.default_rng(seed)
    w, h = size
    interpolation = cv2.INTER_AREA if grey.shape[1] > w else cv2.INTER_CUBIC
    img = cv2.resize(grey, (w, h), interpolation=interpolation).astype(np.float32)
    img = 70.0 + img * 0.6  # washed out: low contrast, lifted blacks
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    a = 2.0 * np.pi / (2.5 * np.sqrt(2.0))
    screen = (np.cos(a * (xx + yy)) * np.cos(a * (xx - yy)) + 1.0) * 127.5
    img = 0.85 * img + 0.15 * np.where(img > screen, 255.0, 0.0)  # halftone dots
    lines = np.zeros((h, w), np.uint8)
    xs = np.arange(w)
    for _ in range(8):
        amplitude, wavelength = rng.uniform(3, 9), rng.uniform(18, 40)
        phase, offset = rng.uniform(0, 2 * np.pi), rng.uniform(0, h)
        ys = offset + amplitude * np.sin(2 * np.pi * xs / wavelength + phase)
        cv2.polylines(lines, [np.stack([xs, ys], 1).astype(np.int32)], False, 255, 1, cv2.LINE_AA)
    alpha = 0.3 * lines.astype(np.float32) / 255.0
    img = img * (1.0 - alpha) + alpha * 215.0  # guilloche
    ok, buffer = cv2.imencode(".jpg", np.clip(img, 0, 255).astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
    if not ok:  # pragma: no cover - OpenCV always encodes an 8-bit grey array
        raise RuntimeError("JPEG encoding failed")
    return cv2.imdecode(buffer, cv2.IMREAD_GRAYSCALE)


def simulate_live_frame(image: np.ndarray, face_width: int = 200, center: tuple[float, float] = (320.0, 240.0),
                        size: tuple[int, int] = (640, 480), seed: int = 0, noise: float = 3.0) -> np.ndarray:
    """The photo (grey or BGR, mostly head) scaled so its face is about ``face_width`` px wide and placed at
    ``center`` in a BGR frame of ``size``, on a flat background of the photo's own border grey with sensor
    noise. Parts that fall outside the frame are cut, as a camera would."""
    grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    rng = np.random.default_rng(seed)
    scale = face_width / (0.83 * grey.shape[1])  # the head photo's face is about 83 % of its width
    big = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    border = float(np.median(np.concatenate([grey[:, 0], grey[:, -1]])))
    w, h = size
    frame = np.full((h, w), border, np.float32)
    bh, bw = big.shape
    x0, y0 = round(center[0] - bw / 2), round(center[1] - bh / 2)
    xs, ys, xe, ye = max(x0, 0), max(y0, 0), min(x0 + bw, w), min(y0 + bh, h)
    if xs < xe and ys < ye:
        frame[ys:ye, xs:xe] = big[ys - y0:ye - y0, xs - x0:xe - x0]
    frame += rng.normal(0.0, noise, frame.shape).astype(np.float32)
    return cv2.cvtColor(np.clip(frame, 0, 255).astype(np.uint8), cv2.COLOR_GRAY2BGR)
