"""Figure: card-vs-live face matching accuracy on ORL, at the shipped threshold and at the library's 0.6.

    uv run python bench/face_accuracy.py [DATASET]   # default tests/data/faces/orl (40 people x 10 photos)

The protocol is :mod:`station.vision.face_protocol` (the one ``station face calibrate`` uses): each photo in
turn made into a simulated card portrait (100x125 px, washed out, halftone, guilloche, JPEG 45), compared
with the person's other photos (genuine) and every other person's (impostor), three live photos a decision
(mean distance), head photos placed 200 px wide in 640x480 frames. Rows:

- the station's method (68-point alignment, card averaged with its mirror image) at the shipped threshold
  (``assets/face/calibration.json``: made on these same 40 people, so its FAR and FRR here are in-sample)
  and at face_recognition's default tolerance 0.6; the same with one live frame a decision;
- two-fold cross-validation split by person (people 1-20 set the threshold at FAR 0.1 %, people 21-40 are
  measured with it, and the other way round, pooled): the honest out-of-sample estimate;
- baseline in the same run: the previous method (5-point alignment, no mirror), in-sample at its own
  threshold for FAR 0.1 %, at 0.6, and cross-validated the same way.

FRR counts the decisions made; "retry" counts the decisions that could not be made (no face found on the
card, or in every live photo of the group), which a station shows as "retry", not as a rejection.
The data set is ORL: 40 people photographed in 1992-94 in Cambridge, UK, 23x28 px a photo in this copy;
none of them is East-Asian. Prints Markdown tables. CPU-bound: about 5 minutes on 2 quiet cores.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

from station.vision.calibration import equal_error, load_calibration, rates_at, threshold_at_far
from station.vision.face_match import METHOD, PREVIOUS
from station.vision.face_models import MODEL_VERSION, load_models
from station.vision.face_protocol import Decisions, Encodings, decisions, encode_dataset, load_dataset

ROOT = Path(__file__).resolve().parents[1]
TARGET_FAR, TARGET_FRR, TARGET_EER = 0.001, 0.05, 0.02
HEADER = ("| decisions | threshold | FAR | FRR | EER | retry |\n"
          "| --- | --- | --- | --- | --- | --- |")


def _row(name: str, found: Decisions, threshold: float) -> str:
    rates = rates_at(found.genuine, found.impostor, threshold)
    eer, eer_t = equal_error(found.genuine, found.impostor)
    retries = found.genuine_retries + found.impostor_retries
    total = found.genuine.size + found.impostor.size + retries
    return (f"| {name} | {threshold:.3f} | {rates.far:.3%} ({rates.false_accepts}/{rates.impostors}) | "
            f"{rates.frr:.2%} ({rates.false_rejects}/{rates.genuines}) | {eer:.2%} at {eer_t:.3f} | "
            f"{retries / total:.1%} |")


def _cross_validate(enc: Encodings, label: str) -> tuple[float, float, float]:
    """Print the two folds; return the pooled out-of-sample FAR and FRR and the folds' mean EER."""
    half = len(enc.people) // 2
    everyone = list(range(len(enc.people)))
    accepted_g: list[np.ndarray] = []
    accepted_i: list[np.ndarray] = []
    eers = []
    for fit, test in ((everyone[:half], everyone[half:]), (everyone[half:], everyone[:half])):
        threshold = threshold_at_far(decisions(enc, fit).impostor, TARGET_FAR)
        found = decisions(enc, test)
        print(_row(f"{label}: people {test[0] + 1}-{test[-1] + 1}, threshold from {fit[0] + 1}-{fit[-1] + 1}",
                   found, threshold))
        accepted_g.append(found.genuine <= threshold)
        accepted_i.append(found.impostor <= threshold)
        eers.append(equal_error(found.genuine, found.impostor)[0])
    g, i = np.concatenate(accepted_g), np.concatenate(accepted_i)
    far, frr, eer = float(i.mean()), float(1 - g.mean()), float(np.mean(eers))
    print(f"| {label}: pooled | | {far:.3%} ({i.sum()}/{i.size}) | {frr:.2%} ({(~g).sum()}/{g.size}) | "
          f"{eer:.2%} (mean of the folds) | |")
    return far, frr, eer


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", nargs="?", type=Path, default=ROOT / "tests" / "data" / "faces" / "orl")
    args = parser.parse_args()
    shipped = load_calibration(model_version=MODEL_VERSION, method=METHOD)
    people = load_dataset(args.dataset)
    load_models()
    start = time.perf_counter()
    enc = encode_dataset(people)
    encode_s = time.perf_counter() - start
    previous = encode_dataset(people, encoder=PREVIOUS)
    print(f"# Face matching, card-vs-live protocol on {args.dataset.name}: {len(people)} people, "
          f"{sum(len(p.photos) for p in people)} photos (ORL: none of them East-Asian)\n")
    print(f"model: {MODEL_VERSION}; method: {METHOD}")
    print(f"baseline (previous method): {PREVIOUS.method}")
    print(f"shipped calibration: threshold {shipped.threshold:.4f}, made on {shipped.dataset.split(':')[0]} "
          f"on {shipped.date} (in-sample for these rows)")
    print(f"live photos without a face: {enc.live_missing}; card portraits without a face: {enc.cards_missing}; "
          f"the station's encoding took {encode_s:.0f} s, load average {os.getloadavg()[0]:.1f} "
          "(measured under load if > 1)\n")

    three, one, before = decisions(enc), decisions(enc, frames=1), decisions(previous)
    print(HEADER)
    print(_row("3 live frames, shipped threshold (in-sample)", three, shipped.threshold))
    print(_row("3 live frames, library default 0.6", three, 0.6))
    print(_row("1 live frame, shipped threshold", one, shipped.threshold))
    print(_row("1 live frame, library default 0.6", one, 0.6))
    print(_row("baseline, previous method: 3 live frames, its own threshold at FAR 0.1 % (in-sample)", before,
               threshold_at_far(before.impostor, TARGET_FAR)))
    print(_row("baseline, previous method: 3 live frames, library default 0.6", before, 0.6))

    print("\nTwo-fold cross-validation by person (threshold at FAR 0.1 % on one half, measured on the other):\n")
    print(HEADER)
    far, frr, eer = _cross_validate(enc, "station")
    far_b, frr_b, eer_b = _cross_validate(previous, "previous method")
    print(f"\nout of sample, station vs previous method: FRR {frr:.2%} vs {frr_b:.2%} (at FAR {far:.3%} vs "
          f"{far_b:.3%}), EER {eer:.2%} vs {eer_b:.2%} ({eer / max(eer_b, 1e-9):.2f}x)")
    at_shipped = rates_at(three.genuine, three.impostor, shipped.threshold)
    met = at_shipped.far <= TARGET_FAR and at_shipped.frr <= TARGET_FRR and equal_error(
        three.genuine, three.impostor)[0] < TARGET_EER
    print(f"targets (FAR <= 0.1 % with FRR <= 5 %, EER < 2 %): {'met' if met else 'NOT met'} on this data set "
          f"(out of sample: {'met' if far <= TARGET_FAR and frr <= TARGET_FRR and eer < TARGET_EER else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
