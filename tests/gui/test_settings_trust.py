"""The trust store in the settings window: further roots, CRL files, online revocation; read before saved."""

from __future__ import annotations

import tomllib
from pathlib import Path

from cryptography.hazmat.primitives.serialization import Encoding
from PySide6.QtWidgets import QDialog

from station.pki.demo import ensure_demo_pki
from station.ui.settings_dialog import SettingsDialog


def dialog_for(qtbot, settings) -> tuple[SettingsDialog, list[object]]:  # noqa: ANN001
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    saved: list[object] = []
    dialog.saved.connect(saved.append)
    return dialog, saved


def test_trusted_roots_and_crls_are_read_then_saved_and_can_be_removed(qtbot, settings, tmp_path: Path):
    other = ensure_demo_pki(tmp_path / "other-pki", "别的银行")  # stands in for the bank's own CA
    roots = tmp_path / "bank-roots.pem"
    roots.write_bytes(other.root_cert().public_bytes(Encoding.PEM))
    dialog, saved = dialog_for(qtbot, settings)
    dialog.trust_roots.add([str(roots), str(roots)])  # a file added twice is listed once
    dialog.crl_files.add([str(other.root_crl_file)])
    dialog.online_revocation.setChecked(True)
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.message.text()
    data = tomllib.loads(settings.config_file.read_text(encoding="utf-8"))["signing"]
    assert data["trust_roots"] == [str(roots)] and data["crl_files"] == [str(other.root_crl_file)]
    assert data["online_revocation"] is True
    assert saved[0].signing.trust_roots == [roots]  # type: ignore[attr-defined]

    again, _ = dialog_for(qtbot, saved[0])
    assert again.trust_roots.values() == [str(roots)] and again.online_revocation.isChecked()
    again.trust_roots.list.selectAll()
    again.trust_roots.remove_button.click()
    again.crl_files.list.selectAll()
    again.crl_files.remove_button.click()
    again.online_revocation.setChecked(False)
    again.save_button.click()
    assert again.result() == QDialog.DialogCode.Accepted, again.message.text()
    data = tomllib.loads(settings.config_file.read_text(encoding="utf-8"))["signing"]
    assert not {"trust_roots", "crl_files", "online_revocation"} & set(data)


def test_a_damaged_or_missing_trust_file_is_refused_and_nothing_is_written(qtbot, settings, tmp_path: Path):
    settings.config_file.parent.mkdir(parents=True, exist_ok=True)
    settings.config_file.write_text("[security]\nidle_lock_minutes = 3\n", encoding="utf-8")
    before = settings.config_file.read_bytes()
    junk = tmp_path / "roots.pem"
    junk.write_bytes(b"-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n")
    dialog, saved = dialog_for(qtbot, settings)
    dialog.trust_roots.add([str(junk)])
    dialog.save_button.click()
    assert dialog.message.text().startswith(f"受信任的根证书：{junk} 不是 PEM 或 DER 格式的证书文件"), \
        dialog.message.text()
    dialog.trust_roots.list.selectAll()
    dialog.trust_roots.remove_button.click()
    dialog.crl_files.add([str(tmp_path / "gone.crl")])
    dialog.save_button.click()
    assert f"signing.crl_files：文件 {tmp_path / 'gone.crl'} 不存在" in dialog.message.text()
    assert settings.config_file.read_bytes() == before and saved == []
    assert dialog.result() != QDialog.DialogCode.Accepted
