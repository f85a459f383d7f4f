"""The settings window (checked before saved; the language switch), no camera, a camera that stops,
the officer confirming a person in person."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from station.core.models import FaceDecision
from station.core.visit import Step
from station.ui.app import open_window
from station.ui.settings_dialog import SettingsDialog
from station.ui.window import MainWindow
from tests import factories
from tests.gui import visitdata
from tests.gui.conftest import sign_in
from tests.gui.test_pages import answer_dialog
from tests.vision import facegen


def test_a_setting_that_does_not_check_out_is_not_saved(qtbot, settings, tmp_path: Path):
    settings.config_file.parent.mkdir(parents=True, exist_ok=True)
    settings.config_file.write_text("[security]\nidle_lock_minutes = 3\n", encoding="utf-8")
    before = settings.config_file.read_bytes()
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    saved: list[object] = []
    dialog.saved.connect(saved.append)
    dialog.camera.setCurrentText(str(tmp_path / "no-such-video.mp4"))
    dialog.save_button.click()
    assert "既不是摄像头编号，也不是视频文件或图片文件夹" in dialog.message.text()
    dialog.camera.setCurrentText("0")
    dialog.pkcs11.setChecked(True)
    dialog.p11_module.edit.setText(str(tmp_path / "missing.so"))
    dialog.save_button.click()
    assert "signing.pkcs11_module：文件" in dialog.message.text()
    assert settings.config_file.read_bytes() == before and saved == []


def test_checked_settings_are_written_and_keep_what_the_file_had(qtbot, settings, tmp_path: Path):
    settings.config_file.parent.mkdir(parents=True, exist_ok=True)
    settings.config_file.write_text("[security]\nidle_lock_minutes = 3\n", encoding="utf-8")
    video = visitdata.face_video(tmp_path / "face.avi", ("blink",))
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    saved: list[object] = []
    dialog.saved.connect(saved.append)
    dialog.camera.setCurrentText(str(video))
    dialog.tsa.setText("http://tsa.bank.example/rfc3161")
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    data = tomllib.loads(settings.config_file.read_text(encoding="utf-8"))
    assert data["security"] == {"idle_lock_minutes": 3}
    assert data["ui"] == {"camera": str(video), "language": "zh_CN"}
    assert data["signing"] == {"bank_key": "pkcs12", "tsa_url": "http://tsa.bank.example/rfc3161"}
    assert saved[0].signing.tsa_url == "http://tsa.bank.example/rfc3161"  # type: ignore[attr-defined]


def test_switching_to_english_rebuilds_the_window_in_english(qtbot, window):
    sign_in(qtbot, window)
    dialog = SettingsDialog(window.settings, window)
    dialog.saved.connect(window._settings_saved)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.save_button.click()
    english = next(w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w is not window and w.isVisible())
    qtbot.addWidget(english)
    assert english.settings.ui.language == "en"
    assert english.sign_in_page.button.text() == "Sign in"  # signed out: the new window starts at sign-in
    english.close()


def test_no_camera_says_so_and_the_card_can_still_be_typed(qtbot, settings, store, admin):
    settings = settings.model_copy(update={"ui": settings.ui.model_copy(update={"camera": "7"})})
    window = open_window(settings, store)
    qtbot.addWidget(window)
    window.show()
    sign_in(qtbot, window)
    window.cases_page.new_button.click()
    page = window.visit_view.page
    qtbot.mouseClick(page.camera_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.feed is None, timeout=20_000)
    assert page.status.text().startswith("摄像头 7没有响应")
    assert page.form.isEnabled()  # typing the card in is still possible
    window.close()


def test_a_camera_that_stops_mid_check_fails_liveness_and_the_officer_confirms_in_person(
        qtbot, settings, store, admin, tmp_path: Path):
    short = visitdata.face_video(tmp_path / "short.avi", ())  # a few frames, then nothing more
    settings = settings.model_copy(update={"ui": settings.ui.model_copy(update={"camera": str(short)})})
    window = open_window(settings, store)
    qtbot.addWidget(window)
    window.show()
    sign_in(qtbot, window)
    window.cases_page.new_button.click()
    visit = window.visit_view.visit

    visit.submit_id_card(replace(factories.card_read(), portrait=facegen.card_png(26, 1)))
    window.visit_view.show_step(Step.FACE)
    page = window.visit_view.page
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.running, timeout=60_000)
    assert page.result is not None and not page.result.liveness_passed  # the video ended before the challenge
    assert "活体检测：未通过" in page.figures.text()
    asked: list[str] = []

    def reasons(dialog: QDialog) -> None:
        asked.extend(dialog.edits)
        for edit in dialog.edits.values():
            edit.setPlainText("摄像头中断，已当面核对本人与证件")
        dialog.ok.click()

    answer_dialog(qtbot, reasons)
    qtbot.mouseClick(page.in_person, Qt.MouseButton.LeftButton)
    assert visit.current_step is Step.ACCOUNT
    assert "face.liveness" in asked
    assert ("face.match" in asked) == (page.result.decision is not FaceDecision.MATCH)
    assert sorted(store.overrides_of(admin, visit.case_id, "face")) == sorted(asked)
    window.close()
