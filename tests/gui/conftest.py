"""GUI tests: offscreen unless the environment names a platform (CI runs them again on Xvfb with xcb)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402 - the platform must be chosen before Qt loads

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QInputMethodEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from station.config import Settings  # noqa: E402
from station.store.cases import Store  # noqa: E402
from station.store.officers import SignedIn  # noqa: E402
from station.ui.app import open_window  # noqa: E402
from station.ui.i18n import install_translations  # noqa: E402
from station.ui.window import MainWindow  # noqa: E402
from tests.conftest import ADMIN_ID, ADMIN_PIN  # noqa: E402


def type_text(qtbot, widget: QWidget, text: str) -> None:  # noqa: ANN001
    """Type ``text`` into ``widget``: ASCII as key clicks, anything else as an input-method commit
    (``qtbot.keyClicks`` with Chinese aborts the test process)."""
    widget.setFocus()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)


def press(qtbot, window: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:  # noqa: ANN001
    """A key press as the officer makes it: to the focused widget of the active window (shortcuts need an
    active window on a real window system such as Xvfb)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)


def sign_in(qtbot, window: MainWindow, officer: str = ADMIN_ID, pin: str = ADMIN_PIN) -> None:  # noqa: ANN001
    page = window.sign_in_page
    if not page.officer.isReadOnly():
        page.officer.clear()
        type_text(qtbot, page.officer, officer)
    page.pin.clear()
    type_text(qtbot, page.pin, pin)
    qtbot.mouseClick(page.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.button.isEnabled(), timeout=20_000)


@pytest.fixture(autouse=True)
def chinese(qapp) -> None:  # noqa: ANN001
    """Chinese, the station's default language, for every GUI test (a window installs its own language)."""
    install_translations(qapp, "zh_CN")


@pytest.fixture
def window(qtbot, settings: Settings, store: Store, admin: SignedIn) -> Iterator[MainWindow]:  # noqa: ANN001
    """The station's window on a fresh store with one admin officer (signed out)."""
    win = open_window(settings, store)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
