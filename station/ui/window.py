"""The main window: a header (who is signed in, where to go), and one page at a time under it.

Pages: sign-in (also the lock screen), the case list, the visit. The session locks itself after the
idle time the settings give; the visit stays where it was and goes on after the officer's PIN.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from station.config import Settings
from station.core.session import OfficerSession, SessionLockedError
from station.operations.visit import resume_visit, session_for, start_visit
from station.ui.cases import CasesPage
from station.ui.messages import error_text
from station.ui.signin import SignInPage
from station.ui.visit.pages import PAGE_TYPES
from station.ui.visit.view import VisitView

if TYPE_CHECKING:
    from station.store.cases import Store
    from station.store.officers import SignedIn

_ACTIVITY = {QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress, QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
             QEvent.Type.Wheel}


class MainWindow(QMainWindow):
    """The station's window. ``languageChanged`` asks the application to rebuild it in another language."""

    languageChanged = Signal(object)  # the new Settings

    def __init__(self, settings: Settings, store: Store, demo: bool = False) -> None:
        super().__init__()
        self.settings, self.store = settings, store
        self.session: OfficerSession | None = None
        self.setWindowTitle(self.tr("Station") + f" — {settings.bank.name}")
        self.setMinimumSize(1024, 640)

        self.officer_label = QLabel()
        self.cases_button = QPushButton(self.tr("Cases"))
        self.cases_button.clicked.connect(self.show_cases)
        self.qa_button = QPushButton(self.tr("Verify PDFs"))
        self.qa_button.clicked.connect(self.open_qa)
        self.settings_button = QPushButton(self.tr("Settings"))
        self.settings_button.clicked.connect(self.open_settings)
        self.lock_button = QPushButton(self.tr("Lock"))
        self.lock_button.clicked.connect(lambda: self.lock(self.tr("Locked by the officer.")))
        self.sign_out_button = QPushButton(self.tr("Sign out"))
        self.sign_out_button.clicked.connect(self.sign_out)
        self.signed_in_buttons = (self.cases_button, self.qa_button, self.settings_button, self.lock_button,
                                  self.sign_out_button)
        for button in self.signed_in_buttons:
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        header = QHBoxLayout()
        bank = QLabel(settings.bank.name)
        bank.setProperty("role", "title")
        header.addWidget(bank)
        if demo:
            badge = QLabel(self.tr("DEMO: test certificates and the demo officer; not for real customers"))
            badge.setProperty("role", "demo")
            header.addWidget(badge)
        header.addStretch(1)
        header.addWidget(self.officer_label)
        for button in self.signed_in_buttons:
            header.addWidget(button)

        self.sign_in_page = SignInPage(store)
        self.sign_in_page.signedIn.connect(self.signed_in)
        self.sign_in_page.unlocked.connect(self.unlocked)
        self.sign_in_page.switchOfficer.connect(lambda: self.sign_out())
        self.cases_page = CasesPage(store)
        self.cases_page.newVisit.connect(self.new_visit)
        self.cases_page.openCase.connect(self.open_case)
        self.visit_view = VisitView(settings, PAGE_TYPES)
        self.visit_view.closed.connect(self.show_cases)
        self.visit_view.locked.connect(self.lock)
        self.pages = QStackedWidget()
        for page in (self.sign_in_page, self.cases_page, self.visit_view):
            self.pages.addWidget(page)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(header)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        QShortcut(QKeySequence("Ctrl+L"), self, lambda: self.session and self.lock(self.tr("Locked by the officer.")))

        self.idle_timer = QTimer(self, interval=5_000, timeout=self.check_idle)
        self.idle_timer.start()
        QApplication.instance().installEventFilter(self)
        self._show(self.sign_in_page)

    # --- pages ------------------------------------------------------------------------------

    def _show(self, page: QWidget) -> None:
        self.pages.setCurrentWidget(page)
        signed = self.session is not None and page is not self.sign_in_page
        for button in self.signed_in_buttons:
            button.setVisible(signed)
        self.cases_button.setEnabled(page is not self.cases_page)
        self.officer_label.setText(self.session.officer.display_name if signed and self.session else "")

    def signed_in(self, signed: SignedIn) -> None:
        self.session = session_for(self.store, self.settings, signed)
        self.show_cases()

    def show_cases(self) -> None:
        if self.session is None:
            return
        self.visit_view.close_visit()
        self._show(self.cases_page)
        self.cases_page.show_for(self.session.officer)  # type: ignore[arg-type]

    def new_visit(self) -> None:
        self._open(lambda session: start_visit(self.store, session))

    def open_case(self, case_id: str) -> None:
        self._open(lambda session: resume_visit(self.store, session, case_id))

    def _open(self, make) -> None:  # noqa: ANN001 - a function of the session giving a Visit
        session = self.session
        if session is None:
            return
        try:
            visit = make(session)
        except SessionLockedError as exc:
            self.lock(error_text(exc))
            return
        self._show(self.visit_view)
        self.visit_view.open(visit)

    # --- the session ------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Any touch, click or key press is activity: it keeps the session open (or finds it locked)."""
        if event.type() in _ACTIVITY and self.session is not None and not self.session.locked \
                and self.pages.currentWidget() is not self.sign_in_page:
            try:
                self.session.require_active()
            except SessionLockedError as exc:
                self.lock(error_text(exc))
                return True  # the input that found the lock does nothing else
        return False

    def check_idle(self) -> None:
        """Lock once the session has been idle too long, without counting this check as activity."""
        session = self.session
        if session is None or session.locked or self.pages.currentWidget() is self.sign_in_page:
            return
        if session.is_idle():
            try:
                session.require_active()
            except SessionLockedError as exc:
                self.lock(error_text(exc))

    def lock(self, message: str) -> None:
        """Hide everything behind the PIN; the visit stays as it was, under the lock."""
        if self.session is None:
            return
        self.session.lock()
        self.cases_page.clear()
        self.visit_view.page.leave()
        self._show(self.sign_in_page)
        self.sign_in_page.show_locked(self.session, message)

    def unlocked(self) -> None:
        if self.visit_view.visit is not None:
            self._show(self.visit_view)
            self.visit_view.page.resume()
        else:
            self.show_cases()

    def sign_out(self, message: str = "") -> None:
        self.visit_view.close_visit()
        self.cases_page.clear()
        self.session = None
        self._show(self.sign_in_page)
        self.sign_in_page.show_sign_in(message)

    # --- other windows ----------------------------------------------------------------------

    def open_settings(self) -> None:
        from station.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self)
        dialog.saved.connect(self._settings_saved)
        dialog.exec()

    def _settings_saved(self, settings: Settings) -> None:
        old_language = self.settings.ui.language
        self.settings = self.visit_view.settings = settings
        if settings.ui.language != old_language:
            self.languageChanged.emit(settings)

    def open_qa(self) -> None:
        from station.ui.qa.window import QaWindow

        window = QaWindow(self.settings, self)
        window.show()

    def closeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        QApplication.instance().removeEventFilter(self)
        self.visit_view.close_visit()
        super().closeEvent(event)  # type: ignore[arg-type]
