"""Figure: which matching methods beat the previous one out of sample (card-vs-live protocol on ORL).

    nice -n 10 uv run python bench/face_methods.py [DATASET]   # about 8 minutes on 2 quiet cores

Every method is measured the same way: two folds split by person (people 1-20 and 21-40); the threshold
for FAR 0.1 % and any cohort are taken from the fitting half only, the FAR and FRR measured on the other
half, both ways, pooled. Columns: the pooled out-of-sample FAR and FRR; the EER of each test half; the
FRR at FAR 0.1 % with each test half's own threshold (the curve's quality, free of threshold transfer);
and the change in out-of-sample FRR against the previous method with a 95 % interval from a bootstrap
over the test people (the same cards, resampled by person). Rows:

- the previous method (5-point alignment, mean distance to three live photos) and the station's
  (68-point alignment, card averaged with its mirror image);
- each change alone: 68-point alignment; the card mirrored (5 and 68 points); two dlib jitters on the card;
- score normalisation with a cohort of the fitting half's encodings (Z-norm: card against the cohort's
  live encodings; T-norm: live photos against the cohort's cards; S-norm: both averaged; adaptive S-norm:
  the 50 closest only; "centred": the cohort's mean subtracted, not divided by its spread). When scoring
  the fitting half itself, the two people of a decision are left out of the cohort;
- other fusions: the quality-weighted mean, the median and the minimum over the three live photos, and
  the mean of the 5-point and 68-point distances (four or six passes of the network, over the budget).

Encodings stay in memory. CPU-bound; prints a Markdown table with the load average.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import cv2
import numpy as np

from station.vision.calibration import equal_error, rates_at, threshold_at_far
from station.vision.face import FaceBox, detect, find_faces, to_grey
from station.vision.face_match import ENCODE_BLUR, FIND_BLUR, encode_card, prepare_card
from station.vision.face_models import load_models
from station.vision.face_protocol import as_live_frame, load_dataset
from station.vision.face_simulate import simulate_card_portrait

ROOT = Path(__file__).resolve().parents[1]
TARGET_FAR = 0.001
Key = tuple[int, int]
Trial = tuple[Key, list[Key], bool]
Scorer = Callable[[list[Trial], list[int], bool], np.ndarray]


def encode_all(people: list) -> tuple[dict[str, dict[Key, np.ndarray]], dict[Key, float]]:
    """Live photos with 5- and 68-point alignment; cards with both, mirrored, and with two jitters."""
    api = load_models().api.api
    predictors = {"5": api.pose_predictor_5_point, "68": api.pose_predictor_68_point}

    def encode(grey: np.ndarray, box: FaceBox, points: str, jitters: int = 1) -> np.ndarray:
        rgb = np.ascontiguousarray(np.dstack([grey] * 3))
        return np.array(api.face_encoder.compute_face_descriptor(rgb, predictors[points](rgb, box.rect()), jitters))

    enc: dict[str, dict[Key, np.ndarray]] = {k: {} for k in ("live5", "live68", "card5", "card68", "mirror5",
                                                              "mirror68", "jitter2")}
    quality: dict[Key, float] = {}
    for pi, person in enumerate(people):
        for j, path in enumerate(person.photos):
            grey = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
            frame = as_live_frame(grey, seed=pi * 1000 + j)
            observation = find_faces(frame)
            if observation.faces == 1:
                for points in ("5", "68"):
                    enc["live" + points][(pi, j)] = encode(to_grey(frame), observation.box, points)
                quality[(pi, j)] = max(observation.score, 1e-3)
            portrait = simulate_card_portrait(grey, seed=pi * 100 + j)
            if not encode_card(portrait).ok:  # the station's gates decide which cards are usable
                continue
            finding = prepare_card(to_grey(portrait), FIND_BLUR)
            box = (detect(finding, 0) or detect(finding, 1))[0]
            card = prepare_card(to_grey(portrait), ENCODE_BLUR)
            right = card.shape[1] - 1
            mirrored = FaceBox(right - box.right, box.top, right - box.left, box.bottom)
            for points in ("5", "68"):
                enc["card" + points][(pi, j)] = encode(card, box, points)
                enc["mirror" + points][(pi, j)] = encode(np.ascontiguousarray(card[:, ::-1]), mirrored, points)
            enc["jitter2"][(pi, j)] = encode(card, box, "5", 2)
    return enc, quality


class Protocol:
    """Decisions of the card-vs-live protocol, split by person into two folds."""

    def __init__(self, people: list) -> None:
        self.people = people
        half = len(people) // 2
        self.folds = ((list(range(half)), list(range(half, len(people)))),
                      (list(range(half, len(people))), list(range(half))))

    def _groups(self, q: int, i: int, live: dict[Key, np.ndarray]) -> Iterator[list[Key]]:
        photos = [j for j in range(len(self.people[q].photos)) if j != i]
        for start in range(0, len(photos), 3):
            keys = [(q, j) for j in photos[start:start + 3] if (q, j) in live]
            if keys:
                yield keys

    def trials(self, chosen: list[int], cards: dict[Key, np.ndarray], live: dict[Key, np.ndarray]) -> list[Trial]:
        return [((p, i), keys, p == q) for (p, i) in cards if p in chosen for q in chosen
                for keys in self._groups(q, i, live)]

    def run(self, scorer: Scorer, cards: dict[Key, np.ndarray],
            live: dict[Key, np.ndarray]) -> tuple[dict[Key, list[bool]], list[bool], list[float], list[float]]:
        """Rejected genuine decisions by card, impostor acceptances, EER and own-threshold FRR per fold."""
        rejects: dict[Key, list[bool]] = {}
        accepts: list[bool] = []
        eers, own = [], []
        for fit, test in self.folds:
            fitted, tested = self.trials(fit, cards, live), self.trials(test, cards, live)
            s_fit, s_test = scorer(fitted, fit, True), scorer(tested, fit, False)
            genuine_fit = np.array([t[2] for t in fitted])
            genuine = np.array([t[2] for t in tested])
            threshold = threshold_at_far(s_fit[~genuine_fit], TARGET_FAR)
            for (card, _, same), score in zip(tested, s_test, strict=True):
                if same:
                    rejects.setdefault(card, []).append(bool(score > threshold))
                else:
                    accepts.append(bool(score <= threshold))
            eers.append(equal_error(s_test[genuine], s_test[~genuine])[0])
            own.append(rates_at(s_test[genuine], s_test[~genuine],
                                threshold_at_far(s_test[~genuine], TARGET_FAR)).frr)
        return rejects, accepts, eers, own


def distance_scorer(cards: dict[Key, np.ndarray], live: dict[Key, np.ndarray],
                    aggregate: Callable[[list[float], list[Key]], float] = lambda d, _: float(np.mean(d))) -> Scorer:
    def score(trials: list[Trial], _cohort: list[int], _fitting: bool) -> np.ndarray:
        return np.array([aggregate([float(np.linalg.norm(cards[c] - live[k])) for k in keys], keys)
                         for c, keys, _ in trials])
    return score


def cohort_scorer(cards: dict[Key, np.ndarray], live: dict[Key, np.ndarray], mode: str, top: int | None = None,
                  centred: bool = False) -> Scorer:
    """Z-norm ('z'), T-norm ('t') or S-norm ('s') of the mean distance against the fitting half's cohort."""
    def score(trials: list[Trial], cohort: list[int], fitting: bool) -> np.ndarray:
        z_keys = [k for k in live if k[0] in cohort]
        t_keys = [k for k in cards if k[0] in cohort]
        z_set, z_people = np.array([live[k] for k in z_keys]), np.array([k[0] for k in z_keys])
        t_set, t_people = np.array([cards[k] for k in t_keys]), np.array([k[0] for k in t_keys])
        by_card = {c: np.linalg.norm(z_set - cards[c], axis=1) for c in {t[0] for t in trials}}
        by_live = {k: np.linalg.norm(t_set - live[k], axis=1) for k in {k for t in trials for k in t[1]}}

        def normalise(d: float, values: np.ndarray) -> float:
            if top:
                values = np.sort(values)[:top]
            return (d - values.mean()) / (1.0 if centred else values.std())

        out = np.empty(len(trials))
        for n, (c, keys, _) in enumerate(trials):
            d = float(np.mean([np.linalg.norm(cards[c] - live[k]) for k in keys]))
            p, q = c[0], keys[0][0]
            parts = []
            if mode in "zs":
                values = by_card[c]
                parts.append(normalise(d, values[(z_people != p) & (z_people != q)] if fitting else values))
            if mode in "ts":
                values = np.mean([by_live[k] for k in keys], axis=0)
                parts.append(normalise(d, values[(t_people != p) & (t_people != q)] if fitting else values))
            out[n] = float(np.mean(parts))
        return out
    return score


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", nargs="?", type=Path, default=ROOT / "tests" / "data" / "faces" / "orl")
    args = parser.parse_args()
    people = load_dataset(args.dataset)
    enc, quality = encode_all(people)
    print(f"# Matching methods, out of sample (card-vs-live on {args.dataset.name}, two folds by person; load "
          f"average {os.getloadavg()[0]:.1f})\n")
    table(people, enc, quality)
    return 0


def table(people: list, enc: dict[str, dict[Key, np.ndarray]], quality: dict[Key, float]) -> None:
    """Print one row a method."""
    protocol = Protocol(people)

    def averaged(a: str, b: str) -> dict[Key, np.ndarray]:
        return {k: (enc[a][k] + enc[b][k]) / 2.0 for k in enc[a]}

    m5, m68 = averaged("card5", "mirror5"), averaged("card68", "mirror68")

    def fused(*scorers: Scorer) -> Scorer:
        return lambda t, c, f: np.mean([s(t, c, f) for s in scorers], axis=0)

    weighted = distance_scorer(enc["card5"], enc["live5"],
                               lambda d, keys: float(np.average(d, weights=[quality[k] for k in keys])))
    rows: list[tuple[str, str, Scorer, dict[Key, np.ndarray], dict[Key, np.ndarray]]] = [
        ("previous method: 5 points, mean of 3 (baseline)", "2", distance_scorer(enc["card5"], enc["live5"]),
         enc["card5"], enc["live5"]),
        ("station: 68 points, card + mirror averaged", "3", distance_scorer(m68, enc["live68"]), m68, enc["live68"]),
        ("68 points", "2", distance_scorer(enc["card68"], enc["live68"]), enc["card68"], enc["live68"]),
        ("5 points, card + mirror averaged", "3", distance_scorer(m5, enc["live5"]), m5, enc["live5"]),
        ("5 points, card with 2 jitters", "3", distance_scorer(enc["jitter2"], enc["live5"]), enc["jitter2"],
         enc["live5"]),
    ]
    for mode, top, centred, name in (("z", None, False, "Z-norm"), ("t", None, False, "T-norm"),
                                     ("s", None, False, "S-norm"), ("s", 50, False, "adaptive S-norm (top 50)"),
                                     ("s", None, True, "S-norm, centred only")):
        rows.append((f"5 points, {name}", "2", cohort_scorer(enc["card5"], enc["live5"], mode, top, centred),
                     enc["card5"], enc["live5"]))
    rows.append(("68 points, S-norm, centred only", "2", cohort_scorer(enc["card68"], enc["live68"], "s", None, True),
                 enc["card68"], enc["live68"]))
    rows += [
        ("5 points, quality-weighted mean of 3", "2", weighted, enc["card5"], enc["live5"]),
        ("5 points, median of 3", "2", distance_scorer(enc["card5"], enc["live5"], lambda d, _: float(np.median(d))),
         enc["card5"], enc["live5"]),
        ("5 points, minimum of 3", "2", distance_scorer(enc["card5"], enc["live5"], lambda d, _: min(d)),
         enc["card5"], enc["live5"]),
        ("68 points, card + mirror, minimum of 3", "3", distance_scorer(m68, enc["live68"], lambda d, _: min(d)),
         m68, enc["live68"]),
        ("5 + 68 points, distances averaged", "4", fused(distance_scorer(enc["card5"], enc["live5"]),
                                                         distance_scorer(enc["card68"], enc["live68"])),
         enc["card5"], enc["live5"]),
        ("5 + 68 points, card + mirror, distances averaged", "6", fused(distance_scorer(m5, enc["live5"]),
                                                                        distance_scorer(m68, enc["live68"])),
         m5, enc["live5"]),
    ]
    print("| method | network passes per decision (card + best frame) | FAR | FRR | EER (folds) | "
          "FRR at FAR 0.1 %, own threshold (folds) | FRR change vs previous [95 %] |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    rng = np.random.default_rng(0)
    baseline: dict[Key, list[bool]] | None = None
    for name, passes, scorer, cards, live in rows:
        rejects, accepts, eers, own = protocol.run(scorer, cards, live)
        frr = float(np.mean([r for v in rejects.values() for r in v]))
        change = ""
        if baseline is None:
            baseline = rejects
        else:
            persons = sorted({k[0] for k in rejects})
            per = {p: np.array([(sum(rejects[k]), sum(baseline[k]), len(rejects[k])) for k in rejects if k[0] == p]
                               ).sum(axis=0) for p in persons}
            draws = []
            for _ in range(2000):
                total = np.sum([per[p] for p in rng.choice(persons, len(persons))], axis=0)
                draws.append((total[0] - total[1]) / total[2])
            low, high = np.percentile(draws, (2.5, 97.5))
            change = f"{np.mean(draws):+.1%} [{low:+.1%}, {high:+.1%}]"
        print(f"| {name} | {passes} | {np.mean(accepts):.3%} ({sum(accepts)}) | {frr:.2%} | "
              f"{eers[0]:.2%} / {eers[1]:.2%} | {own[0]:.1%} / {own[1]:.1%} | {change} |")


if __name__ == "__main__":
    sys.exit(main())
