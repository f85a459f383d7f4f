"""Documents: the four PDFs made from the visit's data (in the background), each shown page by page."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem

from station.core.models import DocumentSet, Record
from station.core.visit import Step
from station.operations.documents import StepsMissing
from station.ui.messages import error_text
from station.ui.visit.page import StepPage
from station.ui.visit.steps import document_title
from station.ui.widgets.pdf_view import PdfView
from station.ui.workers import run_in_background


class DocumentsPage(StepPage):
    step = Step.DOCUMENTS

    def __init__(self, view: object) -> None:
        super().__init__(view)  # type: ignore[arg-type]
        self.documents: DocumentSet | None = None
        self.status = QLabel()
        self.status.setProperty("role", "hint")
        self.status.setWordWrap(True)
        self.list = QListWidget()
        self.list.setMaximumWidth(330)
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(self._show)
        self.pdf = PdfView()
        row = QHBoxLayout()
        row.addWidget(self.list)
        row.addWidget(self.pdf, 1)
        self.body.addWidget(self.status)
        self.body.addLayout(row, 1)

    def fill(self, record: Record | None) -> None:
        if self.editable and self.visit is not None:
            self._generate()
        else:
            self._show_set(record if isinstance(record, DocumentSet) else None)

    def _generate(self) -> None:
        """Make the documents from the visit's card, account and loan (rendering runs in the background)."""
        visit = self.visit
        assert visit is not None
        self._show_set(None)
        self.status.setText(self.tr("Making the documents…"))

        def work() -> DocumentSet:
            from station.operations.documents import make_documents

            return make_documents(visit)

        run_in_background(self, work, self._made, self._failed)

    def _made(self, documents: DocumentSet) -> None:
        self._show_set(documents)
        self.status.setText(self.tr("Go through each document with the borrower, page by page."))

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, StepsMissing):
            self.status.setText(self.tr("The ID card, account and loan steps must be done first."))
        else:
            self.status.setText(self.tr("The documents could not be made: %1").replace("%1", error_text(exc)))
        self.changed.emit()

    def _show_set(self, documents: DocumentSet | None) -> None:
        self.documents = documents
        self.list.clear()
        for doc in documents.documents if documents else []:
            item = QListWidgetItem(document_title(doc.kind))
            self.list.addItem(item)
        if documents and documents.documents:
            self.list.setCurrentRow(0)
        else:
            self.pdf.show_pdf(None)
        self.changed.emit()

    def _show(self, row: int) -> None:
        if self.documents and 0 <= row < len(self.documents.documents):
            self.pdf.show_pdf(self.documents.documents[row].content)

    def collect(self) -> Record | None:
        return self.documents

    def ready(self) -> bool:
        return self.documents is not None

    def next_text(self) -> str:
        return self.tr("Documents reviewed")

    def leave(self) -> None:
        self.pdf.show_pdf(None)

    def resume(self) -> None:
        self._show(self.list.currentRow())
