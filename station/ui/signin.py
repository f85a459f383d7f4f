"""Signing in, and unlocking a session that locked itself; the PIN check (Argon2) runs in the background."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from station.core.session import OfficerSession
from station.ui.messages import error_text
from station.ui.workers import run_in_background

if TYPE_CHECKING:
    from station.store.cases import Store


class SignInPage(QWidget):
    """Officer id and PIN. When a session is locked, only that officer's PIN unlocks it (or switch officer)."""

    signedIn = Signal(object)  # SignedIn
    unlocked = Signal()
    switchOfficer = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.locked_session: OfficerSession | None = None
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.officer = QLineEdit()
        self.officer.setAccessibleName(self.tr("Officer id"))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName(self.tr("PIN"))
        self.pin.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData)
        self.message = QLabel()
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.demo = QLabel()
        self.demo.setProperty("role", "demo")
        self.demo.setWordWrap(True)
        self.demo.hide()
        self.button = QPushButton(self.tr("Sign in"))
        self.button.setProperty("primary", True)
        self.button.setDefault(True)
        self.button.clicked.connect(self.sign_in)
        self.switch = QPushButton(self.tr("Switch officer"))
        self.switch.clicked.connect(self.switchOfficer.emit)
        self.officer.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self.sign_in)

        form = QFormLayout()
        form.addRow(self.tr("Officer id"), self.officer)
        form.addRow(self.tr("PIN"), self.pin)
        buttons = QHBoxLayout()
        buttons.addWidget(self.switch)
        buttons.addWidget(self.button, 1)
        box = QWidget()
        box.setMaximumWidth(560)
        inner = QVBoxLayout(box)
        inner.addWidget(self.title)
        inner.addLayout(form)
        inner.addLayout(buttons)
        inner.addWidget(self.message)
        inner.addWidget(self.demo)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.setTabOrder(self.officer, self.pin)
        self.setTabOrder(self.pin, self.button)
        self.show_sign_in()

    def show_demo_officer(self, officer_id: str, pin: str) -> None:
        """Say how to try the station while its DEMO officer exists."""
        self.demo.setText(self.tr("For trying the station: DEMO officer %1, PIN %2. Add real officers and remove "
                                  "or change this one before real customers.").replace("%1", officer_id)
                          .replace("%2", pin))
        self.demo.show()

    def show_sign_in(self, message: str = "") -> None:
        """The plain sign-in form, with ``message`` (why the last session ended) if any."""
        self.locked_session = None
        self.title.setText(self.tr("Officer sign-in"))
        self.officer.setReadOnly(False)
        self.officer.clear()
        self.switch.hide()
        self._ready(message)
        self.officer.setFocus()

    def show_locked(self, session: OfficerSession, message: str) -> None:
        """The session locked itself: its officer's PIN unlocks it, and the visit goes on where it was."""
        self.locked_session = session
        self.title.setText(self.tr("Locked"))
        self.officer.setText(session.officer.officer_id)
        self.officer.setReadOnly(True)
        self.switch.show()
        self._ready(message)
        self.pin.setFocus()

    def _ready(self, message: str) -> None:
        self.pin.clear()
        self.button.setEnabled(True)
        self.message.setText(message)

    def sign_in(self) -> None:
        if not self.button.isEnabled():
            return
        officer_id, pin = self.officer.text().strip(), self.pin.text()
        if not officer_id or not pin:
            self.message.setText(self.tr("Enter your officer id and PIN."))
            return
        self.button.setEnabled(False)
        self.message.setText(self.tr("Checking…"))
        officers, session = self.store.officers, self.locked_session
        if session is not None:
            run_in_background(self, lambda: session.unlock(pin, officers),
                              lambda _: self._done(self.unlocked.emit), self._failed)
        else:
            run_in_background(self, lambda: officers.sign_in(officer_id, pin),
                              lambda signed: self._done(lambda: self.signedIn.emit(signed)), self._failed)

    def _done(self, emit: Callable[[], None]) -> None:
        self._ready("")
        emit()

    def _failed(self, exc: BaseException) -> None:
        self._ready(error_text(exc))
        self.pin.setFocus()
