"""The desktop station: ``run_gui(settings)`` is what ``station`` with no command starts.

It opens the store (one station process per data folder), makes the first-run defaults that sign-in
needs, loads the translations (Chinese by default, Qt's own too), shows the window at once, and makes
the DEMO PKI (when missing) and warms the models up in the background.
"""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication

from station.bootstrap import DEMO_OFFICER_ID, DEMO_OFFICER_PIN, prepare_pki, prepare_start, uses_demo_pki
from station.config import Settings
from station.errors import StationError
from station.operations.engines import warm_up
from station.operations.face_process import face_worker
from station.operations.visit import open_store
from station.ui.i18n import install_translations
from station.ui.theme import apply_theme
from station.ui.window import MainWindow
from station.ui.workers import run_in_background

if TYPE_CHECKING:
    from station.store.cases import Store

log = logging.getLogger(__name__)


def application() -> QApplication:
    """The one QApplication (made on first use), with the station's look."""
    app = QApplication.instance()
    if app is None:
        QApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(sys.argv)
        app.setApplicationName("station")
        apply_theme(app)  # type: ignore[arg-type]
    return app  # type: ignore[return-value]


def demo_officer(store: Store) -> tuple[str, str] | None:
    """The DEMO officer's id and well-known PIN while that officer exists (the README gives them too)."""
    return (DEMO_OFFICER_ID, DEMO_OFFICER_PIN) if any(o[0] == DEMO_OFFICER_ID for o in store.officers.list()) else None


def open_window(settings: Settings, store: Store) -> MainWindow:
    """Translations for the settings' language, then the main window (rebuilt when the language changes)."""
    app = application()
    install_translations(app, settings.ui.language)
    officer = demo_officer(store)
    window = MainWindow(settings, store, demo=uses_demo_pki(settings) or officer is not None)
    if officer is not None:
        window.sign_in_page.show_demo_officer(*officer)
    window.languageChanged.connect(lambda new: _rebuild(window, new, store))
    run_in_background(window, lambda: prepare_pki(settings), lambda _run: None,
                      lambda exc: log.warning("the DEMO PKI could not be made: %s", exc))
    run_in_background(window, lambda: warm_up(settings), lambda _took: None,
                      lambda exc: log.warning("models could not be warmed up: %s", exc))
    return window


def _rebuild(old: MainWindow, settings: Settings, store: Store) -> None:
    window = open_window(settings, store)
    window.setGeometry(old.geometry())
    window.show()
    old.close()
    old.deleteLater()


def run_gui(settings: Settings) -> int:
    """Open the store, make the first-run defaults sign-in needs, show the window; returns the exit status."""
    app = application()
    try:
        store = open_store(settings)
        prepare_start(settings, store)
    except StationError as exc:
        print(exc, file=sys.stderr)
        return 2
    try:
        window = open_window(settings, store)
        window.resize(1366, 768)
        window.show()
        return app.exec()
    finally:
        QThreadPool.globalInstance().waitForDone(30_000)  # no worker may outlive the store it writes to
        face_worker().close()
        store.close()
