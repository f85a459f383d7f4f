"""Account: product, mobile number, address; then the account and card numbers the visit issued."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit

from station.core.models import AccountOpened, AccountRequest, IdCardRead, Record
from station.core.visit import Outcome, Step, account_checks
from station.ui.visit.page import StepPage

PRODUCTS = ("惠农卡", "借记卡")
"""Suggested products (the officer may type another); the core only requires one."""


class AccountPage(StepPage):
    step = Step.ACCOUNT

    def __init__(self, view: object) -> None:
        super().__init__(view)  # type: ignore[arg-type]
        self.product = QComboBox()
        self.product.setEditable(True)
        self.product.addItems(PRODUCTS)
        self.phone = QLineEdit()
        self.phone.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
        self.phone.setPlaceholderText("138 1234 5678")
        self.address = QPlainTextEdit()
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(72)
        self.account_number = QLabel()
        self.card_number = QLabel()
        for label in (self.account_number, self.card_number):
            label.setProperty("role", "big")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.issued_hint = QLabel(self.tr("Issued when the account step is confirmed."))
        self.issued_hint.setProperty("role", "hint")
        form = QFormLayout()
        form.addRow(self.tr("Product"), self.product)
        form.addRow(self.tr("Mobile number"), self.phone)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Account number"), self.account_number)
        form.addRow(self.tr("Card number"), self.card_number)
        form.addRow("", self.issued_hint)
        self.body.addLayout(form)
        self.body.addStretch(1)
        self.phone.textChanged.connect(self._recheck)
        self.address.textChanged.connect(self._recheck)
        self.product.currentTextChanged.connect(self._recheck)

    def fill(self, record: Record | None) -> None:
        opened = record if isinstance(record, AccountOpened) else None
        request = opened.request if opened else None
        card = self.visit.output(Step.ID_CARD) if self.visit else None
        self.product.setCurrentText(request.product if request else PRODUCTS[0])
        self.phone.setText(request.phone if request else "")
        self.address.setPlainText(request.address if request else
                                  card.front.address if isinstance(card, IdCardRead) else "")
        self._show_numbers(opened)

    def _show_numbers(self, opened: AccountOpened | None) -> None:
        self.account_number.setText(_grouped(opened.account_number) if opened else "—")
        self.card_number.setText(_grouped(opened.card_number) if opened else "—")
        self.issued_hint.setVisible(opened is None)

    def setEnabledInputs(self, editable: bool) -> None:  # noqa: N802
        for widget in (self.product, self.phone, self.address):
            widget.setEnabled(editable)

    def _request(self) -> AccountRequest:
        return AccountRequest(self.product.currentText().strip(), self.phone.text().strip(),
                              self.address.toPlainText().strip())

    def _recheck(self) -> None:
        if self.editable:
            self.checks.show_checks(account_checks(self._request()))
            self.changed.emit()

    def collect(self) -> Record | None:
        return self._request()

    def ready(self) -> bool:
        return all(check.passed for check in account_checks(self._request()))

    def next_text(self) -> str:
        return self.tr("Open the account")

    def stay_after(self, outcome: Outcome) -> bool:
        self._show_numbers(outcome.output if isinstance(outcome.output, AccountOpened) else None)
        self.editable = False
        self.setEnabledInputs(False)
        return True


def _grouped(number: str) -> str:
    """Digits in groups of four, as printed on cards."""
    return " ".join(number[i:i + 4] for i in range(0, len(number), 4))
