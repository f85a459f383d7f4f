"""Signature: the borrower signs once on the pad and confirms; every document is then signed in one pass
(bank seal, the borrower's handwriting on their own certificate, timestamps), with progress per document.

The handwriting check (:func:`station.operations.documents.check_handwriting`) runs at every stroke, so an
empty pad cannot be signed; signing itself (:func:`station.operations.documents.sign_documents`, which the
CLI uses too) runs on a worker.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout

from station.core.models import DocumentSet, Record, SignatureCapture, SignedSet
from station.core.visit import Step
from station.operations.documents import check_handwriting
from station.ui.messages import describe, error_text
from station.ui.visit.page import StepPage
from station.ui.visit.steps import document_title
from station.ui.widgets.signature_pad import SignaturePad
from station.ui.workers import run_in_background


class _Progress(QObject):
    """Signing progress from the worker: (documents signed, total)."""

    advanced = Signal(int, int)


class SignaturePage(StepPage):
    step = Step.SIGNATURE

    def __init__(self, view: Any) -> None:
        super().__init__(view)
        self.documents: DocumentSet | None = None
        self.signing = False
        self.progress = _Progress(self)
        self.progress.advanced.connect(self._advanced)
        self.pad = SignaturePad()
        self.pad.changed.connect(self._pad_changed)
        self.clear_button = QPushButton(self.tr("Clear and sign again"))
        self.clear_button.clicked.connect(self.pad.clear)
        self.confirm = QCheckBox(self.tr("The borrower has read the documents and signs them all with this one "
                                         "signature."))
        self.confirm.toggled.connect(lambda _on: self.changed.emit())
        self.handwriting = QLabel()
        self.handwriting.setWordWrap(True)
        self.handwriting.setProperty("role", "hint")
        self.list = QListWidget()
        self.list.setMaximumWidth(360)
        self.list.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        left = QVBoxLayout()
        left.addWidget(self.pad, 1)
        left.addWidget(self.handwriting)
        row = QHBoxLayout()
        row.addWidget(self.confirm, 1)
        row.addWidget(self.clear_button)
        left.addLayout(row)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Documents to sign")))
        right.addWidget(self.list, 1)
        right.addWidget(self.status)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        self.body.addLayout(columns, 1)

    def fill(self, record: Record | None) -> None:
        signed = record if isinstance(record, SignedSet) else None
        documents = self.visit.output(Step.DOCUMENTS) if self.visit else None
        self.documents = documents if isinstance(documents, DocumentSet) else None
        self.pad.clear()
        if signed is not None:
            self.pad.strokes = [list(map(tuple, s)) for s in signed.capture.strokes]  # type: ignore[misc]
            self.pad.update()
        self.confirm.setChecked(signed is not None)
        self.list.clear()
        for doc in (signed.documents if signed else self.documents.documents if self.documents else []):
            state = self.tr("signed, %1").replace("%1", doc.pades_level or "—") if doc.signed else self.tr("to sign")
            self.list.addItem(QListWidgetItem(f"{document_title(doc.kind)} — {state}"))
        self.status.clear()
        self._pad_changed()

    def setEnabledInputs(self, editable: bool) -> None:  # noqa: N802
        for widget in (self.pad, self.clear_button, self.confirm):
            widget.setEnabled(editable and not self.signing)

    def _pad_changed(self) -> None:
        check = check_handwriting(self.pad.strokes)
        self.handwriting.setText("" if self.pad.is_empty() and not self.editable else
                                 ("✓ " if check.passed else "✗ ") + describe(check))
        self.changed.emit()

    def capture(self) -> SignatureCapture:
        return SignatureCapture([list(s) for s in self.pad.strokes])

    def ready(self) -> bool:
        return (not self.signing and self.documents is not None and self.confirm.isChecked()
                and check_handwriting(self.pad.strokes).passed)

    def next_text(self) -> str:
        return self.tr("Sign all documents")

    def proceed(self) -> None:
        """The borrower's one confirmation: sign every document on a worker, then submit the signed set."""
        visit, documents = self.visit, self.documents
        if not self.ready() or visit is None or documents is None:
            return
        settings, capture, progress = self.view.settings, self.capture(), self.progress
        self.signing = True
        self.setEnabledInputs(False)
        self.status.setText(self.tr("Signing…"))
        self.changed.emit()

        def work() -> SignedSet:
            from station.operations.documents import sign_documents
            from station.operations.engines import signing_kit

            return sign_documents(visit, capture, signing_kit(settings), progress=progress.advanced.emit).signed

        run_in_background(self, work, self._signed, self._failed)

    def _advanced(self, done: int, total: int) -> None:
        for row in range(self.list.count()):
            kind = self.documents.documents[row].kind if self.documents else None
            state = self.tr("signed") if row < done else self.tr("signing…") if row == done else self.tr("to sign")
            self.list.item(row).setText(f"{document_title(kind) if kind else ''} — {state}")
        self.status.setText(self.tr("Signed %1 of %2").replace("%1", str(done)).replace("%2", str(total)))

    def _signed(self, signed: SignedSet) -> None:
        self.signing = False
        self.status.setText(self.tr("Every document is signed."))
        self.view.submit(signed)

    def _failed(self, exc: BaseException) -> None:
        self.signing = False
        self.setEnabledInputs(self.editable)
        self.status.setText(self.tr("Nothing was signed: %1").replace("%1", error_text(exc)))
        self.changed.emit()

