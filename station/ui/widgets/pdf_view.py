"""A PDF shown page by page from bytes in memory (a signed contract is never written to a temp file)."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class PdfView(QWidget):
    """The PDF, fitted to the width, one page at a time, with previous and next page buttons.

    Each PDF gets a view and a document of its own: QPdfView renders pages on a thread and files a late
    page image under its page number, so a view reused for the next PDF could show the last one's page.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.view = self._new_view()
        self.previous = QPushButton(self.tr("Previous page"))
        self.next = QPushButton(self.tr("Next page"))
        self.page_label = QLabel()
        self.previous.clicked.connect(lambda: self.go(self.page() - 1))
        self.next.clicked.connect(lambda: self.go(self.page() + 1))
        row = QHBoxLayout()
        row.addWidget(self.previous)
        row.addStretch(1)
        row.addWidget(self.page_label)
        row.addStretch(1)
        row.addWidget(self.next)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(self.view, 1)
        self.layout_.addLayout(row)
        self._update()

    def _new_view(self) -> QPdfView:
        view = QPdfView()
        view.setDocument(self.document)
        view.setPageMode(QPdfView.PageMode.SinglePage)
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        view.setMinimumHeight(360)
        view.pageNavigator().currentPageChanged.connect(lambda _p: self._update())
        return view

    def show_pdf(self, content: bytes | None) -> bool:
        """Load a PDF from bytes (None clears the view); False when it cannot be opened."""
        old_document, old_view = self.document, self.view
        self.document = QPdfDocument(self)
        if content:
            buffer = QBuffer(self.document)  # lives as long as the document reading it
            buffer.setData(QByteArray(content))
            buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.document.load(buffer)
        self.view = self._new_view()
        self.layout_.replaceWidget(old_view, self.view)
        old_view.deleteLater()
        old_document.deleteLater()
        self.go(0)
        return self.document.status() == QPdfDocument.Status.Ready

    def page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def pages(self) -> int:
        return self.document.pageCount()

    def go(self, page: int) -> None:
        if 0 <= page < self.pages():
            self.view.pageNavigator().jump(page, self.view.pageNavigator().currentLocation())
        self._update()

    def _update(self) -> None:
        n = self.pages()
        self.page_label.setText(self.tr("Page %1 of %2").replace("%1", str(self.page() + 1 if n else 0))
                                .replace("%2", str(n)))
        self.previous.setEnabled(self.page() > 0)
        self.next.setEnabled(self.page() < n - 1)
