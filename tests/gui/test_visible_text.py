"""Every string the officer sees is in Chinese: each page of the visit, the cases, the settings and the
QA window are walked and every visible label, button, title, header, tab and placeholder is read.

A text fails when it holds an English word that is not a name of a standard or a product (PDF, APR...),
so a string that misses ``self.tr`` or a translation, or a sentence of the core not in
:mod:`station.ui.messages`, fails here."""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableWidget,
    QTabWidget,
    QTreeWidget,
    QWidget,
)

from station.core.visit import ORDER, Step
from station.ui.qa.window import QaWindow
from station.ui.settings_dialog import SettingsDialog
from tests import factories
from tests.gui.conftest import sign_in

# Names that stay as they are in Chinese text: standards, formats, products, settings keys.
ALLOWED = {"PDF", "APR", "OCR", "PIN", "DEMO", "PKCS", "HSM", "RFC", "URL", "ONNX", "Runtime", "RapidOCR", "PP",
           "PaddleOCR", "paddle", "local", "STATION", "SIGNING", "PASSPHRASE", "PAdES", "SHA", "HTML", "CSV", "JSON",
           "TOML", "mp", "avi", "mkv", "webm", "pem", "crt", "cer", "der", "pdf", "jpg", "jpeg", "png", "bmp", "tif",
           "tiff", "toml", "json", "English", "so", "dll", "dylib", "p12", "pfx", "CNY", "Alt", "Ctrl", "PKCS11", "PKCS12",
           "CRL", "OCSP"}
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]+")


def visible_texts(root: QWidget) -> list[str]:
    """The texts a person sees in ``root``: visible widgets only, data cells of tables left out."""
    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        if isinstance(widget, QLabel):
            texts.append(re.sub(r"<[^>]+>", " ", widget.text()))
        elif isinstance(widget, QAbstractButton):
            texts += [widget.text(), widget.toolTip()]
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QTableWidget):
            texts += [widget.horizontalHeaderItem(i).text() for i in range(widget.columnCount())]
        elif isinstance(widget, QTreeWidget):
            texts += [widget.headerItem().text(i) for i in range(widget.columnCount())]
        elif isinstance(widget, QComboBox) and not widget.isEditable():
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QListWidget):
            texts += [widget.item(i).text() for i in range(widget.count())]
        if widget.isWindow():
            texts.append(widget.windowTitle())
    return [t for t in texts if t]


def english(root: QWidget, data: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    """Texts holding an English word that is neither allowed nor part of the case's data."""
    return [t for t in visible_texts(root)
            if any(w not in ALLOWED and w not in data for w in _WORD.findall(t))]


def test_every_page_of_the_visit_speaks_chinese(qtbot, window, store, admin):
    sign_in(qtbot, window)
    assert english(window, {admin.officer_id}) == []
    window.cases_page.new_button.click()
    visit, view = window.visit_view.visit, window.visit_view
    for step in ORDER[1:]:
        view.show_step(visit.current_step)
        qtbot.wait(50)
        assert view.on_screen is visit.current_step
        assert english(window) == [], step
        if step is not Step.DONE:
            factories.drive(visit, until=ORDER[ORDER.index(step) + 1].value)
    view.show_step(Step.DONE)
    assert english(window) == []
    window.show_cases()
    assert english(window, {admin.officer_id}) == []


def test_the_settings_and_the_qa_window_speak_chinese(qtbot, settings):
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    assert english(dialog, set(_WORD.findall(str(settings.config_file)))) == []
    qa = QaWindow(settings)
    qtbot.addWidget(qa)
    qa.show()
    # The trust line names the DEMO root by its certificate's name, which is data.
    assert english(qa, set(_WORD.findall(qa.trust_label.text()))) == []
