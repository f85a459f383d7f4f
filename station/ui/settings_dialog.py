"""The settings window: camera, OCR engine, face thresholds, the bank's key, timestamps, the trust store
(further roots, CRL files, online revocation checks), language.

Changes are checked (:mod:`station.operations.settings`) before the file is written; a refused change
says why and leaves the file as it was.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from station.config import Settings
from station.errors import StationError
from station.operations import settings as settings_edit
from station.ui.i18n import LANGUAGES
from station.ui.messages import error_text


class _PathField(QWidget):
    """A path with a browse button; empty means the default."""

    def __init__(self, caption: str, pattern: str, folder: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption, self.pattern, self.folder = caption, pattern, folder
        self.edit = QLineEdit()
        self.edit.setAccessibleName(caption)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(browse)

    def _browse(self) -> None:
        if self.folder:
            chosen = QFileDialog.getExistingDirectory(self, self.caption)
        else:
            chosen, _ = QFileDialog.getOpenFileName(self, self.caption, "", self.pattern)
        if chosen:
            self.edit.setText(chosen)

    def value(self) -> str | None:
        return self.edit.text().strip() or None


class _PathList(QWidget):
    """A list of files with add and remove buttons (empty: none)."""

    def __init__(self, caption: str, pattern: str, paths: list[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption, self.pattern = caption, pattern
        self.list = QListWidget()
        self.list.setAccessibleName(caption)
        self.list.setMaximumHeight(78)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.addItems([str(p) for p in paths])
        self.add_button = QPushButton(self.tr("Add…"))
        self.add_button.clicked.connect(self._add)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self._remove)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def _add(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(self, self.caption, "", self.pattern)
        self.add(chosen)

    def add(self, paths: list[str]) -> None:
        """Add files not listed yet."""
        for path in paths:
            if path not in self.values():
                self.list.addItem(path)

    def _remove(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))

    def values(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]


class SettingsDialog(QDialog):
    """Edits the settings file; ``saved`` carries the new settings once they are checked and written."""

    saved = Signal(object)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(960)
        s = settings
        self.camera = QComboBox()
        self.camera.setEditable(True)
        self.camera.addItems(["0", "1", "2"])
        self.camera.setCurrentText(s.ui.camera)
        self.camera.setToolTip(self.tr("A camera number, or a video file or image folder that stands in for one."))
        camera_file = QPushButton(self.tr("Video file…"))
        camera_file.clicked.connect(self._camera_file)
        self.ocr = QComboBox()
        self.ocr.addItem(self.tr("RapidOCR (PP-OCR on ONNX Runtime)"), "rapidocr")
        self.ocr.addItem(self.tr("PaddleOCR (needs the paddle extra)"), "paddle")
        self.ocr.setCurrentIndex(self.ocr.findData(s.ocr.engine))
        self.thresholds = _PathField(self.tr("Face thresholds file"), "JSON (*.json)")
        self.thresholds.edit.setText(str(s.face.thresholds_file or ""))
        self.thresholds.edit.setPlaceholderText(self.tr("the calibration shipped with the station"))
        self.pkcs12 = QRadioButton(self.tr("PKCS#12 file"))
        self.pkcs11 = QRadioButton(self.tr("PKCS#11 token (HSM, smart card)"))
        (self.pkcs11 if s.signing.bank_key == "pkcs11" else self.pkcs12).setChecked(True)
        self.p12_file = _PathField(self.tr("PKCS#12 file"), "PKCS#12 (*.p12 *.pfx)")
        self.p12_file.edit.setText(str(s.signing.pkcs12_file or ""))
        self.p12_file.edit.setPlaceholderText(self.tr("the DEMO bank certificate"))
        self.p11_module = _PathField(self.tr("PKCS#11 module"), "PKCS#11 (*.so *.dll *.dylib)")
        self.p11_module.edit.setText(str(s.signing.pkcs11_module or ""))
        self.p11_token = QLineEdit(s.signing.pkcs11_token_label or "")
        self.p11_key = QLineEdit(s.signing.pkcs11_key_label or "")
        self.tsa = QLineEdit(s.signing.tsa_url)
        self.tsa.setToolTip(self.tr("\"local\" for the station's own timestamp service, or the bank's RFC 3161 URL."))
        self.trust_roots = _PathList(self.tr("Further trusted roots"),
                                     self.tr("Certificates (*.pem *.crt *.cer *.der)"), s.signing.trust_roots)
        self.trust_roots.setToolTip(self.tr("Root certificates (PEM or DER) trusted besides the DEMO root: the "
                                            "bank's, its timestamp service's."))
        self.crl_files = _PathList(self.tr("CRL files"), self.tr("CRLs (*.crl *.pem *.der)"), s.signing.crl_files)
        self.online_revocation = QCheckBox(self.tr("Fetch CRLs and OCSP answers over the network when signing"))
        self.online_revocation.setChecked(s.signing.online_revocation)
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(s.ui.language))
        self.message = QLabel()
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)

        station = QGroupBox(self.tr("Station"))
        form = QFormLayout(station)
        camera_row = QHBoxLayout()
        camera_row.addWidget(self.camera, 1)
        camera_row.addWidget(camera_file)
        form.addRow(self.tr("Camera"), camera_row)
        form.addRow(self.tr("OCR engine"), self.ocr)
        form.addRow(self.tr("Face thresholds"), self.thresholds)
        form.addRow(self.tr("Language"), self.language)
        keys = QGroupBox(self.tr("Certificates and timestamps"))
        form_k = QFormLayout(keys)
        kind_row = QVBoxLayout()  # stacked: the token's label is long
        kind_row.addWidget(self.pkcs12)
        kind_row.addWidget(self.pkcs11)
        form_k.addRow(self.tr("Bank key"), kind_row)
        form_k.addRow(self.tr("PKCS#12 file"), self.p12_file)
        form_k.addRow(self.tr("PKCS#11 module"), self.p11_module)
        form_k.addRow(self.tr("Token label"), self.p11_token)
        form_k.addRow(self.tr("Key label"), self.p11_key)
        form_k.addRow(self.tr("Timestamp service"), self.tsa)
        secret = QLabel(self.tr("Passphrases and PINs are never stored here: set STATION_SIGNING__PKCS12_PASSPHRASE "
                                "or STATION_SIGNING__PKCS11_PIN in the station's environment."))
        secret.setProperty("role", "hint")
        secret.setWordWrap(True)
        form_k.addRow(secret)
        trust = QGroupBox(self.tr("Trust store for signing"))
        form_t = QFormLayout(trust)
        form_t.addRow(self.tr("Trusted roots"), self.trust_roots)
        form_t.addRow(self.tr("CRL files"), self.crl_files)
        form_t.addRow(self.tr("Revocation"), self.online_revocation)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(self.tr("Check and save"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.pkcs12.toggled.connect(self._key_kind)
        self._key_kind()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Settings file: %1").replace("%1", str(s.config_file))))
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(station)
        left.addWidget(trust)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(keys)
        right.addStretch(1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout.addLayout(columns)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _camera_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Video file"), "",
                                                self.tr("Videos (*.mp4 *.avi *.mkv *.webm)"))
        if chosen:
            self.camera.setCurrentText(chosen)

    def _key_kind(self) -> None:
        p12 = self.pkcs12.isChecked()
        self.p12_file.setEnabled(p12)
        for widget in (self.p11_module, self.p11_token, self.p11_key):
            widget.setEnabled(not p12)

    def changes(self) -> dict[str, dict[str, object]]:
        """What the window shows, as settings-file sections (None: back to the default)."""
        p12 = self.pkcs12.isChecked()
        return {
            "ui": {"camera": self.camera.currentText().strip() or None, "language": self.language.currentData()},
            "ocr": {"engine": self.ocr.currentData()},
            "face": {"thresholds_file": self.thresholds.value()},
            "signing": {
                "bank_key": "pkcs12" if p12 else "pkcs11",
                "pkcs12_file": self.p12_file.value() if p12 else None,
                "pkcs11_module": None if p12 else self.p11_module.value(),
                "pkcs11_token_label": None if p12 else self.p11_token.text().strip() or None,
                "pkcs11_key_label": None if p12 else self.p11_key.text().strip() or None,
                "tsa_url": self.tsa.text().strip() or None,
                "trust_roots": self.trust_roots.values() or None,
                "crl_files": self.crl_files.values() or None,
                "online_revocation": self.online_revocation.isChecked() or None,
            },
        }

    def save(self) -> None:
        try:
            settings = settings_edit.save(Path(self.settings.config_file), self.changes())
        except StationError as exc:
            self.message.setText(error_text(exc))
            return
        self.saved.emit(settings)
        self.accept()
