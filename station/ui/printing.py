"""Printing signed documents: every page rendered by QtPdf at the printer's resolution, drawn on the printer.

:func:`print_pdfs` is slow (a page at 600 dpi is a 35-megapixel image) and touches no widget: run it on a
worker (painting on a ``QPrinter`` off the GUI thread is allowed). The PDFs come from memory; nothing is
written to disk but what the printer (or its PDF file) receives. Signature appearances are annotations and
are rendered with the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter

from station.errors import StationError

MAX_DPI = 600
"""Pages are rendered at the printer's resolution up to this: finer costs memory and time, not legibility."""


class PrintError(StationError):
    """Nothing or not everything was printed; the message says why."""


@dataclass(frozen=True)
class Printed:
    """What went to the printer: how many documents and pages, and where (a printer or a PDF file)."""

    documents: int
    pages: int
    destination: str


def _load(title: str, content: bytes | None) -> tuple[QPdfDocument, QBuffer]:
    document = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(content or b""))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        raise PrintError("print-unreadable", title=title)
    return document, buffer


def print_pdfs(printer: QPrinter, pdfs: Sequence[tuple[str, bytes | None]]) -> Printed:
    """Print each ``(title, PDF)`` in order, every page fitted to the printable area.

    All PDFs are read before anything goes to the printer, so an unreadable one prints nothing.
    """
    loaded = [_load(title, content) for title, content in pdfs]
    dpi = min(printer.resolution(), MAX_DPI)
    options = QPdfDocumentRenderOptions()
    options.setRenderFlags(QPdfDocumentRenderOptions.RenderFlag.Annotations)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError("print-no-printer")
    pages = 0
    try:
        for document, _buffer in loaded:
            for index in range(document.pageCount()):
                if pages and not printer.newPage():
                    raise PrintError("print-stopped", pages=pages)
                points = document.pagePointSize(index)
                image = document.render(index, QSize(round(points.width() * dpi / 72),
                                                     round(points.height() * dpi / 72)), options)
                area = QRectF(painter.viewport())
                fitted = QSizeF(image.size()).scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRectF(area.x() + (area.width() - fitted.width()) / 2, area.y(),
                                         fitted.width(), fitted.height()), image)
                pages += 1
    finally:
        painter.end()
    destination = printer.outputFileName() if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat \
        else printer.printerName()
    return Printed(len(loaded), pages, destination)
