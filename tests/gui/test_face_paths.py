"""One face pair, two front ends: after ``station face calibrate`` on this station, the GUI's face page and
``station face verify`` decide the same pair with the same calibration, distance and decision."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from typer.testing import CliRunner

import tests.factories as factories
from station.cli import app
from station.core.models import FaceCheck
from station.core.visit import Step
from station.ui.app import open_window
from tests.gui import visitdata
from tests.gui.conftest import sign_in
from tests.vision import facegen

runner = CliRunner()
CHALLENGE = ("blink", "turn_left")


def test_gui_and_cli_decide_one_pair_alike_after_a_local_calibration(qtbot, settings, store, admin,
                                                                     tmp_path: Path) -> None:
    data, faces = str(settings.data_dir), tmp_path / "faces"
    faces.mkdir()
    made = runner.invoke(app, ["--data-dir", data, "face", "calibrate", str(facegen.small_dataset(faces)), "--json"])
    assert made.exit_code == 0, made.output
    calibration = json.loads(made.stdout)
    assert Path(calibration["written_to"]) == settings.data_dir / "face" / "calibration.json"

    portrait = facegen.card_png(facegen.LIVE_PERSON, 3)
    card = tmp_path / "card.png"
    card.write_bytes(portrait)
    live = visitdata.face_video(tmp_path / "live.avi", CHALLENGE)
    cli = runner.invoke(app, ["--data-dir", data, "face", "verify", "--card", str(card), "--live", str(live),
                              "--challenge", ",".join(CHALLENGE), "--json"])
    assert cli.exit_code in (0, 1, 3), cli.output
    by_cli = json.loads(cli.stdout)

    settings = settings.model_copy(update={"ui": settings.ui.model_copy(update={"camera": str(live)})})
    window = open_window(settings, store)
    qtbot.addWidget(window)
    window.show()
    sign_in(qtbot, window)
    window.cases_page.new_button.click()
    visit = window.visit_view.visit
    visit.submit_id_card(replace(factories.card_read(), portrait=portrait))
    window.visit_view.show_step(Step.FACE)
    page = window.visit_view.page
    page.challenge = lambda: list(CHALLENGE)
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.running, timeout=90_000)
    by_gui = page.result
    window.close()

    assert isinstance(by_gui, FaceCheck)
    assert by_gui.threshold == pytest.approx(calibration["threshold"])  # the local calibration, not the shipped
    assert by_cli["threshold"] == pytest.approx(calibration["threshold"])
    assert by_gui.calibration == by_cli["calibration"]
    assert by_gui.decision.value == by_cli["decision"]
    assert by_gui.distance is not None and round(by_gui.distance, 4) == by_cli["distance"]  # the CLI prints 4 places
    assert by_gui.liveness_passed == by_cli["liveness"]["passed"]
