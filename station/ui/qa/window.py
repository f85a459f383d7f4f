"""The QA window: open a signed PDF or a folder of them; a verdict per file, the signatures of the file
chosen, and the PDF beside them; export the report.

Trust, verification and the reports are :mod:`station.operations.verify`'s, the same as ``station
verify``'s; verification runs on a worker and reports each file as it is done, and the window only
shows what comes back.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from station.config import Settings
from station.ui.messages import error_text
from station.ui.widgets.pdf_view import PdfView
from station.ui.workers import run_in_background
from station.validation.results import FileReport, SignatureDetails, Verdict

if TYPE_CHECKING:
    from station.pki.trust_store import TrustStore

VERDICT_COLOURS = {Verdict.VALID: "#1a7f37", Verdict.INVALID: "#b00020", Verdict.UNTRUSTED: "#9a6700",
                   Verdict.INDETERMINATE: "#9a6700"}
_VERDICTS = {
    Verdict.VALID: QT_TRANSLATE_NOOP("QaWindow", "VALID"),
    Verdict.INVALID: QT_TRANSLATE_NOOP("QaWindow", "INVALID"),
    Verdict.UNTRUSTED: QT_TRANSLATE_NOOP("QaWindow", "UNTRUSTED"),
    Verdict.INDETERMINATE: QT_TRANSLATE_NOOP("QaWindow", "INDETERMINATE"),
}
_REASONS = {
    "not a PDF": QT_TRANSLATE_NOOP("QaWindow", "not a PDF"),
    "unreadable": QT_TRANSLATE_NOOP("QaWindow", "unreadable"),
    "encrypted": QT_TRANSLATE_NOOP("QaWindow", "encrypted"),
    "not signed": QT_TRANSLATE_NOOP("QaWindow", "not signed"),
    "tampered": QT_TRANSLATE_NOOP("QaWindow", "tampered"),
    "signature broken": QT_TRANSLATE_NOOP("QaWindow", "signature broken"),
    "changed after signing": QT_TRANSLATE_NOOP("QaWindow", "changed after signing"),
    "suspicious structure": QT_TRANSLATE_NOOP("QaWindow", "suspicious structure"),
    "certificate revoked": QT_TRANSLATE_NOOP("QaWindow", "certificate revoked"),
    "certificate expired at signing time": QT_TRANSLATE_NOOP("QaWindow", "certificate expired at signing time"),
    "certificate not for signing": QT_TRANSLATE_NOOP("QaWindow", "certificate not for signing"),
    "untrusted": QT_TRANSLATE_NOOP("QaWindow", "untrusted"),
    "revocation unknown": QT_TRANSLATE_NOOP("QaWindow", "revocation unknown"),
    "too many signatures": QT_TRANSLATE_NOOP("QaWindow", "too many signatures"),
    "not as the case expects": QT_TRANSLATE_NOOP("QaWindow", "not as the case expects"),
    "validation error": QT_TRANSLATE_NOOP("QaWindow", "validation error"),
}


def verdict_text(verdict: Verdict) -> str:
    return QCoreApplication.translate("QaWindow", _VERDICTS[Verdict(verdict)])


def reason_text(reason: str) -> str:
    return QCoreApplication.translate("QaWindow", _REASONS[reason]) if reason in _REASONS else reason


class _Relay(QObject):
    verified = Signal(object)  # one FileReport


class QaWindow(QMainWindow):
    """Verdicts of signed PDFs, with their signatures and the PDF itself."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Verify signed PDFs"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(1366, 768)
        self.reports: list[FileReport] = []
        self.paths: dict[str, Path] = {}
        self.trust_files: list[Path] = []
        self.running = False
        self.relay = _Relay(self)
        self.relay.verified.connect(self._verified)

        self.open_file = QPushButton(self.tr("Open PDF…"))
        self.open_file.setShortcut(QKeySequence.StandardKey.Open)
        self.open_file.clicked.connect(self.choose_files)
        self.open_folder = QPushButton(self.tr("Open folder…"))
        self.open_folder.clicked.connect(self.choose_folder)
        self.trust_button = QPushButton(self.tr("Trust roots…"))
        self.trust_button.clicked.connect(self.choose_trust)
        self.export_button = QPushButton(self.tr("Export report…"))
        self.export_button.clicked.connect(self.export)
        self.trust_label = QLabel()
        self.trust_label.setProperty("role", "hint")
        self.trust_label.setWordWrap(True)
        self.summary = QLabel()
        self.files = QTableWidget(0, 3)
        self.files.setHorizontalHeaderLabels([self.tr("Verdict"), self.tr("File"), self.tr("Reasons")])
        self.files.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.files.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.files.verticalHeader().hide()
        self.files.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.files.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.files.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.files.itemSelectionChanged.connect(self._selected)
        self.signatures = QTreeWidget()
        self.signatures.setHeaderLabels([self.tr("Signature"), self.tr("Details")])
        self.signatures.setColumnWidth(0, 220)
        self.signatures.setWordWrap(True)
        self.pdf = PdfView()

        buttons = QHBoxLayout()
        for button in (self.open_file, self.open_folder, self.trust_button, self.export_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.files, 2)
        left_layout.addWidget(self.signatures, 3)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.pdf)
        split.setSizes([700, 600])
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(buttons)
        layout.addWidget(self.trust_label)
        layout.addWidget(split, 1)
        layout.addWidget(self.summary)
        self.setCentralWidget(central)
        self.trust: TrustStore | None = None
        self.load_trust()
        self._update()

    # --- trust and files --------------------------------------------------------------------

    def load_trust(self) -> None:
        """The trust store: this station's DEMO root (when it has one) and the roots QA added."""
        from station.operations.verify import TrustError, station_trust

        try:
            self.trust = station_trust(self.settings, self.trust_files)
        except TrustError as exc:
            self.trust = None
            self.trust_label.setText(self.tr("Trust: %1").replace("%1", str(exc)))
        else:
            self.trust_label.setText(self.tr("Trust: %1").replace("%1", self.trust.describe()))

    def choose_trust(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(self, self.tr("Trusted root certificates"), "",
                                                 self.tr("Certificates (*.pem *.crt *.cer *.der)"))
        if chosen:
            self.trust_files = [Path(p) for p in chosen]
            self.load_trust()

    def choose_files(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(self, self.tr("Signed PDFs"), "", self.tr("PDF files (*.pdf)"))
        if chosen:
            self.verify([Path(p) for p in chosen])

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Folder of signed PDFs"))
        if chosen:
            self.verify([Path(chosen)])

    def verify(self, paths: list[Path]) -> None:
        """Verify the files named and every PDF in the folders named; results come in one by one."""
        from station.operations.verify import find_pdfs, verify_many

        trust = self.trust
        if self.running or trust is None:
            return
        files = find_pdfs(paths)
        self.reports, self.paths = [], {}
        self.files.setRowCount(0)
        self.signatures.clear()
        self.pdf.show_pdf(None)
        if not files:
            self.summary.setText(self.tr("No PDF file found there."))
            return
        self.running = True
        self.summary.setText(self.tr("Verifying %1 file(s)…").replace("%1", str(len(files))))
        self._update()
        relay = self.relay

        def work() -> int:
            return verify_many(files, trust, jobs=1, progress=relay.verified.emit).files

        run_in_background(self, work, self._done, self._failed)
        self.paths = {str(p): p for p in files}

    def _verified(self, report: FileReport) -> None:
        self.reports.append(report)
        row = self.files.rowCount()
        self.files.insertRow(row)
        verdict = QTableWidgetItem(verdict_text(report.verdict))
        verdict.setForeground(QColor(VERDICT_COLOURS[report.verdict]))
        verdict.setData(Qt.ItemDataRole.UserRole, len(self.reports) - 1)
        self.files.setItem(row, 0, verdict)
        self.files.setItem(row, 1, QTableWidgetItem(Path(report.name).name))
        self.files.setItem(row, 2, QTableWidgetItem(", ".join(reason_text(r) for r in report.reasons)))
        if row == 0:
            self.files.selectRow(0)

    def _done(self, count: int) -> None:
        self.running = False
        valid = sum(r.valid for r in self.reports)
        self.summary.setText(self.tr("%1 file(s): %2 valid, %3 not valid.").replace("%1", str(count))
                             .replace("%2", str(valid)).replace("%3", str(count - valid)))
        self._update()

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self.summary.setText(error_text(exc))
        self._update()

    def _update(self) -> None:
        self.export_button.setEnabled(bool(self.reports) and not self.running)
        self.open_file.setEnabled(not self.running)
        self.open_folder.setEnabled(not self.running)

    # --- the file chosen --------------------------------------------------------------------

    def current(self) -> FileReport | None:
        rows = self.files.selectionModel().selectedRows()
        if not rows:
            return None
        return self.reports[self.files.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)]

    def _selected(self) -> None:
        report = self.current()
        self.signatures.clear()
        if report is None:
            return
        top = QTreeWidgetItem([verdict_text(report.verdict), Path(report.name).name])
        top.setForeground(0, QColor(VERDICT_COLOURS[report.verdict]))
        for problem in report.problems:
            QTreeWidgetItem(top, [reason_text(problem.reason.value), problem.message])
        facts = ((self.tr("PAdES level"), report.pades_level or "—"), (self.tr("Revisions"), str(report.revisions)),
                 (self.tr("Pages"), str(report.pages)), ("SHA-256", report.sha256 or "—"))
        for label, value in facts:
            QTreeWidgetItem(top, [label, value])
        self.signatures.addTopLevelItem(top)
        for sig in report.signatures:
            self.signatures.addTopLevelItem(self._signature_item(sig))
        self.signatures.expandAll()
        path = self.paths.get(report.name) or Path(report.name)
        try:
            self.pdf.show_pdf(path.read_bytes())
        except OSError:
            self.pdf.show_pdf(None)

    def _signature_item(self, sig: SignatureDetails) -> QTreeWidgetItem:
        item = QTreeWidgetItem([f"{sig.field}: {verdict_text(sig.verdict)}", sig.signer or "—"])
        item.setForeground(0, QColor(VERDICT_COLOURS[sig.verdict]))
        when = (f"{sig.signing_time:%Y-%m-%d %H:%M:%S} UTC" if sig.signing_time else "—")
        rows = [
            (self.tr("Kind"), sig.kind),
            (self.tr("Signed at"), f"{when} ({sig.time_source or '—'})"),
            (self.tr("Timestamp authority"), sig.timestamp_authority or "—"),
            (self.tr("PAdES level"), sig.pades_level or "—"),
            (self.tr("Certifies"), sig.certification or "—"),
            (self.tr("Covers"), sig.coverage),
            (self.tr("Changes after it"), sig.changes_after),
            (self.tr("Certificate chain"), " → ".join(c.common_name or c.subject for c in sig.chain) or "—"),
            (self.tr("Revocation"), "; ".join(sig.revocation) or "—"),
        ]
        for label, value in rows:
            QTreeWidgetItem(item, [label, value])
        for problem in sig.problems:
            QTreeWidgetItem(item, [reason_text(problem.reason.value), problem.message])
        return item

    # --- the report -------------------------------------------------------------------------

    def export(self) -> None:
        """One file: HTML or PDF with the signatures and a thumbnail; several: CSV or JSON."""
        single = len(self.reports) == 1
        filters = self.tr("HTML report (*.html);;PDF report (*.pdf)") if single else \
            self.tr("CSV table (*.csv);;JSON (*.json)")
        target, _ = QFileDialog.getSaveFileName(self, self.tr("Export report"), "", filters)
        if target:
            self.write_report(Path(target))

    def write_report(self, target: Path) -> None:
        """Write the report ``target`` names by its suffix (:func:`station.operations.verify.write_reports`)."""
        from station.operations.verify import write_reports

        single = len(self.reports) == 1
        try:
            pdf = None
            if single and target.suffix.lower() in (".html", ".pdf"):
                pdf = (self.paths.get(self.reports[0].name) or Path(self.reports[0].name)).read_bytes()
            write_reports(self.reports, [target], pdf=pdf)
        except (OSError, ValueError) as exc:
            reason = (exc.strerror if isinstance(exc, OSError) else None) or str(exc)
            self.summary.setText(self.tr("The report could not be written: %1").replace("%1", reason))
            return
        self.summary.setText(self.tr("Report written to %1").replace("%1", str(target)))
