"""The operating point: EER and threshold maths, the calibration file, the shipped calibration, and the
``station face calibrate`` and ``station face verify`` commands."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from station.cli import app
from station.vision.calibration import (
    SHIPPED_CALIBRATION,
    Calibration,
    CalibrationError,
    equal_error,
    load_calibration,
    operating_point,
    rates_at,
    save_calibration,
    station_calibration,
    threshold_at_far,
)
from station.vision.face_match import METHOD
from station.vision.face_models import MODEL_VERSION

from . import facegen as fg

runner = CliRunner()


def test_rates_count_false_accepts_and_rejects() -> None:
    rates = rates_at([0.2, 0.3, 0.4, 0.6], [0.5, 0.7, 0.8, 0.9], 0.5)
    assert (rates.false_accepts, rates.impostors, rates.false_rejects, rates.genuines) == (1, 4, 1, 4)
    assert rates.far == rates.frr == 0.25


def test_equal_error_rate() -> None:
    assert equal_error([0.2, 0.3, 0.4, 0.6], [0.5, 0.7, 0.8, 0.9]) == (0.25, 0.5)
    eer, threshold = equal_error([0.1, 0.2, 0.3], [0.5, 0.6])
    assert eer == 0.0 and 0.3 <= threshold < 0.5
    with pytest.raises(ValueError):
        equal_error([], [0.5])


def test_threshold_at_a_target_far_allows_no_more_false_accepts_than_the_target() -> None:
    impostor = np.linspace(0.4, 1.0, 2000)
    threshold = threshold_at_far(impostor, 0.001)  # 2 of 2000 may be accepted
    assert impostor[1] < threshold < impostor[2]
    assert rates_at([0.3], impostor, threshold).false_accepts == 2
    assert threshold_at_far(impostor, 0.0) < impostor[0]
    point = operating_point(np.linspace(0.2, 0.5, 100), impostor, 0.001)
    assert point.at_target.far <= 0.001 and point.target_far == 0.001
    assert point.at_target.frr == pytest.approx(float(np.mean(np.linspace(0.2, 0.5, 100) > threshold)))


def calibration(**changes: object) -> Calibration:
    base = Calibration(threshold=0.5, model_version=MODEL_VERSION, method=METHOD, target_far=0.001, far=0.0009,
                       frr=0.1, eer=0.02, eer_threshold=0.55, dataset="test set", protocol="card-vs-live",
                       people=3, genuine_decisions=9, impostor_decisions=18, date="2026-11-23")
    return replace(base, **changes)


def test_a_calibration_file_round_trips_and_is_checked(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    save_calibration(calibration(), path)
    assert load_calibration(path, model_version=MODEL_VERSION, method=METHOD) == calibration()
    with pytest.raises(CalibrationError, match="was made for other-model"):
        save_calibration(calibration(model_version="other-model"), path)
        load_calibration(path, model_version=MODEL_VERSION)
    with pytest.raises(CalibrationError, match="method"):
        save_calibration(calibration(method="colour, 1 frame"), path)
        load_calibration(path, method=METHOD)
    with pytest.raises(CalibrationError, match="out of range"):
        save_calibration(calibration(threshold=7.0), path)
        load_calibration(path)


def test_which_calibration_a_station_uses(tmp_path: Path) -> None:
    assert station_calibration(None, tmp_path) is None  # the shipped one
    local = tmp_path / "face" / "calibration.json"
    save_calibration(calibration(), local)
    assert station_calibration(None, tmp_path) == local  # made on this station by station face calibrate
    assert station_calibration(tmp_path / "mine.json", tmp_path) == tmp_path / "mine.json"  # the settings' file


@pytest.mark.parametrize(("content", "words"), [
    (None, "is missing"),
    ("{not json", "cannot be read"),
    ("[1, 2]", "not a JSON object"),
    ('{"threshold": 0.5}', "lacks model_version"),
    ('{"threshold": "high", "model_version": "m", "method": "x", "target_far": 0.001, "far": 0, "frr": 0, '
     '"eer": 0, "eer_threshold": 0, "dataset": "d", "protocol": "p", "people": 2, "genuine_decisions": 1, '
     '"impostor_decisions": 1, "date": "2026-01-01"}', "not valid"),
])
def test_broken_calibration_files_say_what_to_do(tmp_path: Path, content: str | None, words: str) -> None:
    path = tmp_path / "c.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(CalibrationError, match=words) as caught:
        load_calibration(path)
    assert "station face calibrate" in str(caught.value) or "reinstall" in str(caught.value)


def test_the_shipped_calibration_holds_for_this_model_and_says_what_it_was_made_on() -> None:
    shipped = load_calibration(model_version=MODEL_VERSION, method=METHOD)
    assert SHIPPED_CALIBRATION.is_file() and SHIPPED_CALIBRATION.parent.name == "face"
    assert shipped.target_far == 0.001 and shipped.far <= 0.001
    assert 0.3 < shipped.threshold < 0.6  # stricter than the library's 0.6
    assert shipped.people == 40 and "ORL" in shipped.dataset and "none East-Asian" in shipped.dataset
    assert "no East-Asian faces" in shipped.note
    assert "card-vs-live" in shipped.protocol
    assert shipped.figures["false_accepts"] <= 0.001 * shipped.impostor_decisions


@pytest.fixture(scope="module")
def small_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three ORL people with four photos each, copied as a data set folder."""
    return fg.small_dataset(tmp_path_factory.mktemp("faces"))


def test_calibrate_command_writes_a_file_the_station_then_uses(tmp_path: Path, small_dataset: Path) -> None:
    data = tmp_path / "data"
    result = runner.invoke(app, ["--data-dir", str(data), "face", "calibrate", str(small_dataset), "--json",
                                 "--describe", "three ORL people"])
    assert result.exit_code == 0, result.output
    written = json.loads(result.stdout)
    path = data / "face" / "calibration.json"
    assert Path(written["written_to"]) == path and path.is_file()
    made = load_calibration(path, model_version=MODEL_VERSION, method=METHOD)
    assert made.people == 3 and made.dataset == "three ORL people"
    # each card (12) against 3 photos of each person, 3 photos a group: 12 genuine and 24 impostor, minus retries
    assert made.genuine_decisions + made.figures["genuine_retries"] == 12
    assert made.impostor_decisions + made.figures["impostor_retries"] == 24
    assert made.far <= 0.001 and 0.0 <= made.eer <= 0.5

    card = tmp_path / "card.png"
    card.write_bytes(fg.card_png(14, 1))
    live = fg.write_video(tmp_path / "live.avi", [fg.frame(14, p, seed=i) for i, p in enumerate([5, 4, 8] * 6)])
    verified = runner.invoke(app, ["--data-dir", str(data), "face", "verify", "--card", str(card), "--live",
                                   str(live), "--json"])
    assert verified.exit_code in (0, 1), verified.output
    answer = json.loads(verified.stdout)
    assert answer["threshold"] == pytest.approx(made.threshold)  # the station's own calibration, not the shipped
    assert answer["decision"] in ("match", "no_match") and answer["distance"] is not None
    assert {"card_encoding_ms", "best_frame_encoding_ms", "decision_ms"} <= set(answer["timings_ms"])
    assert answer["liveness"] is None


def test_calibrate_refuses_a_folder_without_people(tmp_path: Path) -> None:
    (tmp_path / "only").mkdir()
    result = runner.invoke(app, ["--data-dir", str(tmp_path / "d"), "face", "calibrate", str(tmp_path)])
    assert result.exit_code == 2 and "at least two people" in result.output


def test_verify_command_with_the_shipped_calibration_and_a_challenge(tmp_path: Path) -> None:
    card = tmp_path / "card.png"
    card.write_bytes(fg.card_png(fg.LIVE_PERSON, 3))
    live = fg.write_video(tmp_path / "live.avi", fg.challenge_frames(["blink", "turn_left"]))
    result = runner.invoke(app, ["--data-dir", str(tmp_path / "d"), "face", "verify", "--card", str(card),
                                 "--live", str(live), "--challenge", "blink,turn_left"])
    assert result.exit_code in (0, 1), result.output
    shipped = load_calibration()
    assert f"threshold {shipped.threshold:.3f}" in result.stdout and "liveness: passed" in result.stdout
    assert "Blink once" in result.stderr  # the prompts go to the customer, not into the result
    assert "pkg_resources" not in result.output  # face_recognition_models' import warning is kept out


@pytest.mark.parametrize(("live", "code", "words"), [
    ("nothing.avi", 2, "does not exist"),
    ("9", 2, "No camera answers at camera 9"),
])
def test_verify_command_errors(tmp_path: Path, live: str, code: int, words: str) -> None:
    card = tmp_path / "card.png"
    card.write_bytes(fg.card_png(14, 1))
    source = str(tmp_path / live) if live.endswith(".avi") else live
    result = runner.invoke(app, ["--data-dir", str(tmp_path / "d"), "face", "verify", "--card", str(card),
                                 "--live", source])
    assert result.exit_code == code and words in result.output


def test_verify_command_says_retry_for_a_card_too_small(tmp_path: Path) -> None:
    card = tmp_path / "card.png"
    card.write_bytes(fg.png(fg.orl(14, 1)))
    live = tmp_path / "live.png"
    live.write_bytes(fg.png(fg.frame(14, 5)))
    result = runner.invoke(app, ["--data-dir", str(tmp_path / "d"), "face", "verify", "--card", str(card),
                                 "--live", str(live), "--json"])
    assert result.exit_code == 3
    answer = json.loads(result.stdout)
    assert answer["decision"] == "retry" and "too small to compare" in answer["reason"]
