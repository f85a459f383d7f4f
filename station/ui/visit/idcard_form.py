"""The fields of a resident ID card, editable, with the reader's doubtful characters highlighted and the
card checks (:func:`station.core.idcard_rules.check_card`) run again at every edit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QWidget,
)

from station.core.checks import CheckResult
from station.core.idcard_rules import CHECK_FIELDS, check_card
from station.core.idnumber import normalize
from station.core.models import IdCardBack, IdCardFront, IdCardRead, Sex
from station.ui.theme import DOUBTFUL, INVALID
from station.ui.widgets.doubtful import mark_characters


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setCalendarPopup(True)
    edit.setDateRange(QDate(1900, 1, 1), QDate(2200, 12, 31))
    return edit


class IdCardForm(QWidget):
    """Front and back fields; ``checked`` carries the core's checks after every edit."""

    checked = Signal(list)

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.base: IdCardRead | None = None  # the reader's result (images, confidences) under the edits
        self.doubtful: dict[str, list[int]] = {}
        self.name = QLineEdit()
        self.sex = QComboBox()
        for sex in Sex:
            self.sex.addItem(sex.value, sex.value)
        self.ethnicity = QLineEdit()
        self.birth_date = _date_edit()
        self.address = QLineEdit()
        self.id_number = QLineEdit()
        self.id_number.setMaxLength(18)
        self.issuer = QLineEdit()
        self.valid_from = _date_edit()
        self.valid_to = _date_edit()
        self.permanent = QCheckBox(self.tr("Permanent (长期)"))
        self.fields: dict[str, QWidget] = {
            "name": self.name, "sex": self.sex, "ethnicity": self.ethnicity, "birth_date": self.birth_date,
            "address": self.address, "id_number": self.id_number, "issuer": self.issuer,
            "valid_from": self.valid_from, "valid_to": self.valid_to,
        }
        front = QGroupBox(self.tr("Front of the card"))
        form = QFormLayout(front)
        form.addRow(self.tr("Name"), self.name)
        sex_row = QHBoxLayout()
        sex_row.addWidget(self.sex)
        sex_row.addWidget(self.ethnicity, 1)
        form.addRow(self.tr("Sex / ethnicity"), sex_row)
        form.addRow(self.tr("Birth date"), self.birth_date)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("ID number"), self.id_number)
        back = QGroupBox(self.tr("Back of the card"))
        form_b = QFormLayout(back)
        form_b.addRow(self.tr("Issued by"), self.issuer)
        form_b.addRow(self.tr("Valid from"), self.valid_from)
        valid_row = QHBoxLayout()
        valid_row.addWidget(self.valid_to, 1)
        valid_row.addWidget(self.permanent)
        form_b.addRow(self.tr("Valid to"), valid_row)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(front, 3)
        layout.addWidget(back, 2)
        for key, edit in (("name", self.name), ("ethnicity", self.ethnicity), ("address", self.address),
                          ("id_number", self.id_number), ("issuer", self.issuer)):
            edit.textEdited.connect(lambda _text, k=key: self._edited(k))
        for key, date_edit in (("birth_date", self.birth_date), ("valid_from", self.valid_from),
                               ("valid_to", self.valid_to)):
            date_edit.dateChanged.connect(lambda _d, k=key: self._edited(k))
        self.sex.currentIndexChanged.connect(lambda _i: self._edited("sex"))
        self.permanent.toggled.connect(lambda on: (self.valid_to.setEnabled(self.isEnabled() and not on),
                                                   self._edited("valid_to")))
        self._loading = False

    # --- in and out -------------------------------------------------------------------------

    def show_read(self, read: IdCardRead | None) -> None:
        """Put a reading on screen (its doubtful characters highlighted) or clear the form."""
        self._loading = True
        self.base = read
        f, b = (read.front, read.back) if read else (None, None)
        self.name.setText(f.name if f else "")
        self.sex.setCurrentIndex(self.sex.findData(Sex(f.sex).value) if f else 0)
        self.ethnicity.setText(f.ethnicity if f else "")
        self.birth_date.setDate(QDate(f.birth_date) if f else QDate(1980, 1, 1))
        self.address.setText(f.address if f else "")
        self.id_number.setText(f.id_number if f else "")
        self.issuer.setText(b.issuer if b else "")
        self.valid_from.setDate(QDate(b.valid_from) if b else QDate(2020, 1, 1))
        self.permanent.setChecked(bool(b) and b.valid_to is None)  # type: ignore[union-attr]
        self.valid_to.setDate(QDate(b.valid_to) if b and b.valid_to else QDate(2040, 1, 1))
        self.doubtful = {k: list(v) for k, v in (read.doubtful if read else {}).items()}
        self._loading = False
        self.recheck()

    def read(self) -> IdCardRead:
        """The card as the form shows it now, over the reader's images and confidences."""
        front = IdCardFront(self.name.text().strip(), Sex(self.sex.currentData()), self.ethnicity.text().strip(),
                            self.birth_date.date().toPython(), self.address.text().strip(),
                            normalize(self.id_number.text()))
        back = IdCardBack(self.issuer.text().strip(), self.valid_from.date().toPython(),
                          None if self.permanent.isChecked() else self.valid_to.date().toPython())
        if self.base is None:
            return IdCardRead(front, back)
        return replace(self.base, front=front, back=back,
                       doubtful={k: v for k, v in self.doubtful.items() if v})

    def complete(self) -> bool:
        return all(w.text().strip() for w in (self.name, self.ethnicity, self.address, self.id_number, self.issuer))

    # --- checks and highlights --------------------------------------------------------------

    def _edited(self, key: str) -> None:
        if self._loading:
            return
        self.doubtful.pop(key, None)  # the officer has looked at this field
        self.recheck()

    def recheck(self) -> list[CheckResult]:
        """Run the card checks on what is on screen now; mark doubtful characters and failing fields."""
        checks = check_card(self.read(), self.today()) if self.complete() else []
        failing = {CHECK_FIELDS[c.name] for c in checks if not c.passed and c.name in CHECK_FIELDS}
        for key, widget in self.fields.items():
            widget.setStyleSheet(f"background:{INVALID};" if key in failing else "")
            if isinstance(widget, QLineEdit):
                mark_characters(widget, self.doubtful.get(key, []), DOUBTFUL)
        self.checked.emit(checks)
        return checks

    def setEnabled(self, enabled: bool) -> None:  # noqa: N802 - keeps "valid to" off for a permanent card
        super().setEnabled(enabled)
        self.valid_to.setEnabled(enabled and not self.permanent.isChecked())
