"""The desktop station: sign-in and the case list so far; the visit pages come with their engines.

The window holds no business rules: it signs in through the store's officers, lists cases through
the store, and locks itself through :class:`station.core.session.OfficerSession`.
"""

from __future__ import annotations

import sys
from datetime import timedelta

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from station.bootstrap import prepare
from station.config import Settings
from station.core.session import OfficerSession, SessionLockedError
from station.errors import StationError
from station.store.cases import Store
from station.ui.workers import run_in_background


class SignInPage(QWidget):
    """Officer id and PIN; signing in (Argon2) runs in the background."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window_ = window
        self.officer = QLineEdit()
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.button = QPushButton(self.tr("Sign in"))
        self.button.setMinimumHeight(48)
        self.button.clicked.connect(self.sign_in)
        self.pin.returnPressed.connect(self.sign_in)
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("<h2>Officer sign-in</h2>")))
        form.addRow(self.tr("Officer id"), self.officer)
        form.addRow(self.tr("PIN"), self.pin)
        form.addRow(self.button)
        form.addRow(self.message)

    def sign_in(self) -> None:
        officer_id, pin = self.officer.text().strip(), self.pin.text()
        self.button.setEnabled(False)
        self.message.setText(self.tr("Checking…"))
        store = self.window_.store
        run_in_background(self, lambda: store.officers.sign_in(officer_id, pin), self._signed_in, self._failed)

    def _signed_in(self, signed: object) -> None:
        self.pin.clear()
        self.button.setEnabled(True)
        self.message.clear()
        self.window_.signed_in(signed)

    def _failed(self, exc: BaseException) -> None:
        self.button.setEnabled(True)
        self.pin.clear()
        self.message.setText(str(exc) if isinstance(exc, StationError) else self.tr("Sign-in failed: %1")
                             .replace("%1", repr(exc)))


class CasesPage(QWidget):
    """The cases on this station, newest first, with masked customer names."""

    COLUMNS = ("case", "status", "step", "officer", "customer", "updated")

    def __init__(self) -> None:
        super().__init__()
        self.title = QLabel()
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr("Case"), self.tr("Status"), self.tr("Step"),
                                              self.tr("Officer"), self.tr("Customer"), self.tr("Updated")])
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table)

    def show_cases(self, officer_name: str, cases: list) -> None:
        self.title.setText(self.tr("<h2>Cases</h2>Signed in as %1").replace("%1", officer_name))
        self.table.setRowCount(len(cases))
        for row, case in enumerate(cases):
            values = (case.id[:8], case.status, case.step, case.officer_id, case.customer,
                      f"{case.updated_at.astimezone():%Y-%m-%d %H:%M}")
            for col, value in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings, store: Store) -> None:
        super().__init__()
        self.settings, self.store = settings, store
        self.session: OfficerSession | None = None
        self.setWindowTitle(self.tr("Station") + f" — {settings.bank.name}")
        self.pages = QStackedWidget()
        self.sign_in_page = SignInPage(self)
        self.cases_page = CasesPage()
        self.pages.addWidget(self.sign_in_page)
        self.pages.addWidget(self.cases_page)
        self.setCentralWidget(self.pages)
        self.idle_timer = QTimer(self, interval=15_000, timeout=self._check_idle)
        self.idle_timer.start()

    def signed_in(self, signed: object) -> None:
        idle = timedelta(minutes=self.settings.security.idle_lock_minutes)
        self.session = OfficerSession(signed, idle, self.store.clock)  # type: ignore[arg-type]
        self.cases_page.show_cases(signed.display_name, self.store.list_cases(signed))  # type: ignore[attr-defined]
        self.pages.setCurrentWidget(self.cases_page)

    def _check_idle(self) -> None:
        if self.session is None:
            return
        try:
            self.session.require_active()
        except SessionLockedError as exc:
            self.session = None
            self.cases_page.table.setRowCount(0)
            self.sign_in_page.message.setText(str(exc))
            self.pages.setCurrentWidget(self.sign_in_page)


def _install_translations(app: QApplication, language: str) -> None:
    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(language), "qtbase", "_", path):
        app.installTranslator(translator)


def run_gui(settings: Settings) -> int:
    """Open the store (one station process per data folder), make first-run defaults, show the window."""
    app = QApplication.instance() or QApplication(sys.argv)
    _install_translations(app, settings.ui.language)  # type: ignore[arg-type]
    try:
        store = Store.open(settings)
        prepare(settings, store)
    except StationError as exc:
        print(exc, file=sys.stderr)
        return 2
    window = MainWindow(settings, store)
    window.resize(1280, 720)
    window.show()
    try:
        return app.exec()
    finally:
        store.close()
