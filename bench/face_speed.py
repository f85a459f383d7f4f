"""Figure: face tracking speed for a 640x480 live preview, and the time of a verification decision.

    uv run python bench/face_speed.py [--frames 150] [--runs 15]

Preview rows: per-frame time of :class:`station.vision.face.FaceTracker` (HOG on a 480-wide copy every 5th
frame, 68 landmarks followed in between, all six quality gates) over a 640x480 clip made from ORL photos
(a face moving, blinking and turning), against the baseline of detecting at full size on every frame.
Target: 15 frames per second or more. Decision rows: encoding the card portrait plus the best live frame
(the face already found by the tracker; the card is encoded twice, as itself and mirrored), with three
live frames, and the previous method (5-point alignment, no mirror: one pass of the network fewer), against
face_recognition's plain pipeline (``face_locations`` at its default upsample 1, then ``face_encodings``) on
the same two pictures.
Target: at most 300 ms. Single-threaded; prints Markdown tables with the load average (timings taken
under load are inflated).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

import cv2
import numpy as np

from station.vision.face import FaceTracker
from station.vision.face_match import PREVIOUS, encode_card, encode_live
from station.vision.face_models import load_models
from station.vision.face_simulate import simulate_card_portrait, simulate_live_frame

ORL_DIR = "tests/data/faces/orl"
TARGET_FPS, TARGET_MS = 15.0, 300.0


def _orl(person: int, photo: int) -> np.ndarray:
    return cv2.imread(f"{ORL_DIR}/s{person}/{photo}.png", cv2.IMREAD_GRAYSCALE)


def _clip(n: int) -> list[np.ndarray]:
    """A face drifting across the view, with a blink and turns (person 26's photos 1, 6, 5, 2)."""
    photos = [1] * 20 + [6] * 2 + [1] * 10 + [5] * 6 + [1] * 10 + [2] * 6 + [1] * 10
    frames = []
    for i in range(n):
        photo = photos[i % len(photos)]
        x = 320 + 60 * np.sin(i / 25.0)
        frames.append(simulate_live_frame(_orl(26, photo), center=(x, 240 + 10 * np.cos(i / 30.0)), seed=i))
    return frames


def _preview(frames: list[np.ndarray], tracker: FaceTracker) -> list[float]:
    times = []
    for i, image in enumerate(frames):
        start = time.perf_counter()
        tracker.observe(image, i, i * 66.7)
        times.append((time.perf_counter() - start) * 1000.0)
    return times


def _stats(times: list[float]) -> tuple[float, float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))], 1000.0 / statistics.mean(ordered)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=150)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    api = load_models().api
    frames = _clip(args.frames)
    print(f"# Face speed (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: measured under load "
          "if it is above 1)\n")
    print("| preview, 640x480 | median ms/frame | p95 ms/frame | frames/s | vs baseline |")
    print("| --- | --- | --- | --- | --- |")
    base = _stats(_preview(frames, FaceTracker(detect_every=1, detect_width=640)))
    tracked = _stats(_preview(frames, FaceTracker()))
    for name, (median, p95, fps) in (("baseline: HOG on every full frame + landmarks + gates", base),
                                     ("station: HOG on 480 px every 5th frame, landmarks between", tracked)):
        print(f"| {name} | {median:.1f} | {p95:.1f} | {fps:.0f} | {fps / base[2]:.1f}x |")
    print(f"\npreview target {TARGET_FPS:.0f} frames/s: {'met' if tracked[2] >= TARGET_FPS else 'NOT met'}\n")

    ok, card_png = cv2.imencode(".png", simulate_card_portrait(_orl(14, 1), seed=1401))
    card_bytes = card_png.tobytes()
    live = [simulate_live_frame(_orl(14, p), seed=p) for p in (5, 4, 8)]
    tracker = FaceTracker()
    observations = [tracker.observe(image) for image in live]
    rows: dict[str, list[float]] = {"card + best live frame": [], "card + 3 live frames": [],
                                    "previous method (5-point, no mirror), card + best live frame": [],
                                    "baseline: face_recognition defaults, card + 1 frame": []}
    for _ in range(args.runs):
        start = time.perf_counter()
        card = encode_card(card_bytes)
        encode_live(live[0], observations[0])
        rows["card + best live frame"].append((time.perf_counter() - start) * 1000.0)
        start = time.perf_counter()
        card = encode_card(card_bytes)
        for image, observation in zip(live, observations, strict=True):
            encode_live(image, observation)
        rows["card + 3 live frames"].append((time.perf_counter() - start) * 1000.0)
        start = time.perf_counter()
        encode_card(card_bytes, PREVIOUS)
        encode_live(live[0], observations[0], PREVIOUS)
        rows["previous method (5-point, no mirror), card + best live frame"].append(
            (time.perf_counter() - start) * 1000.0)
        start = time.perf_counter()
        portrait = cv2.imdecode(np.frombuffer(card_bytes, np.uint8), cv2.IMREAD_COLOR)[:, :, ::-1].copy()
        for picture in (portrait, live[0][:, :, ::-1].copy()):
            api.face_encodings(picture, api.face_locations(picture))
        rows["baseline: face_recognition defaults, card + 1 frame"].append((time.perf_counter() - start) * 1000.0)
    assert card.ok
    baseline = statistics.median(rows["baseline: face_recognition defaults, card + 1 frame"])
    print("| verification decision | median ms | p95 ms | vs baseline |")
    print("| --- | --- | --- | --- |")
    for name, times in rows.items():
        ordered = sorted(times)
        median = statistics.median(ordered)
        print(f"| {name} | {median:.0f} | {ordered[int(0.95 * (len(ordered) - 1))]:.0f} | "
              f"{median / baseline:.2f}x |")
    decision = statistics.median(rows["card + best live frame"])
    print(f"\ndecision target {TARGET_MS:.0f} ms: {'met' if decision <= TARGET_MS else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
