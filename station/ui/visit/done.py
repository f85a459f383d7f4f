"""Done: what the visit came to, what still waits (sync to the branch, timestamp upgrades), printing the
signed documents (all, or the one chosen) and exporting the case's encrypted evidence bundle, both in the
background."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QComboBox, QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton

from station.core.masking import mask_card_number, mask_name
from station.core.models import AccountOpened, DocumentRecord, IdCardRead, LoanOffer, Record, SignedSet
from station.core.visit import Step
from station.operations.evidence import common_name
from station.ui.messages import error_text, join
from station.ui.printing import Printed, print_pdfs
from station.ui.visit.page import StepPage
from station.ui.visit.steps import document_title, step_title
from station.ui.workers import run_in_background

if TYPE_CHECKING:
    from station.store.evidence import BundleReport


class DonePage(StepPage):
    step = Step.DONE

    def __init__(self, view: object) -> None:
        super().__init__(view)  # type: ignore[arg-type]
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.title.show()
        self.waiting = QLabel()
        self.waiting.setWordWrap(True)
        self.signed: list[DocumentRecord] = []
        self.which = QComboBox()
        self.which.setAccessibleName(self.tr("Documents to print"))
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.clicked.connect(self.print_dialog)
        self.export_button = QPushButton(self.tr("Export evidence bundle…"))
        self.export_button.setToolTip(self.tr("The case's signed documents, checks and audit trail, encrypted to "
                                              "the branch's certificate."))
        self.export_button.clicked.connect(self.export_dialog)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        actions = QHBoxLayout()
        actions.addWidget(self.which)
        actions.addWidget(self.print_button)
        actions.addWidget(self.export_button)
        actions.addStretch(1)
        self.body.addWidget(self.summary)
        self.body.addWidget(self.waiting)
        self.body.addLayout(actions)
        self.body.addWidget(self.result)
        self.body.addStretch(1)
        self.busy = self.exporting = False
        self._printer: QPrinter | None = None  # the printer a worker paints on, kept alive until it reports

    def fill(self, record: Record | None) -> None:
        visit = self.visit
        assert visit is not None
        card, account = visit.output(Step.ID_CARD), visit.output(Step.ACCOUNT)
        offer, signed = visit.output(Step.LOAN), visit.output(Step.SIGNATURE)
        rows: list[tuple[str, str]] = []
        if isinstance(card, IdCardRead):
            rows.append((self.tr("Customer"), mask_name(card.front.name)))
        if isinstance(account, AccountOpened):
            rows.append((self.tr("Card number"), mask_card_number(account.card_number)))
        if isinstance(offer, LoanOffer):
            t = offer.terms
            rows.append((self.tr("Loan"), self.tr("%1 CNY over %2 months, APR %3 %")
                         .replace("%1", f"{t.amount:,}").replace("%2", str(t.months))
                         .replace("%3", str(offer.quote.apr))))
        upgrade: list[str] = []
        self._offer_printing(signed.documents if isinstance(signed, SignedSet) else [])
        self.export_button.setVisible(visit.is_done)
        self.export_button.setEnabled(not self.exporting)
        if isinstance(signed, SignedSet):
            for doc in signed.documents:
                rows.append((document_title(doc.kind), self.tr("signed, %1").replace("%1", doc.pades_level or "—")))
                if doc.awaiting_upgrade:
                    upgrade.append(document_title(doc.kind))
        self.summary.setText("<table cellpadding='6'>" + "".join(
            f"<tr><td><b>{html.escape(k)}</b></td><td>{html.escape(v)}</td></tr>" for k, v in rows) + "</table>")
        lines = []
        if visit.is_done:
            self.title.setText(self.tr("The visit is finished"))
            lines.append(self.tr("The case and its signed documents are queued to sync with the branch; the live "
                                 "face pictures were deleted from this station."))
        else:
            self.title.setText(step_title(Step.DONE))
        if upgrade:
            lines.append(self.tr("Queued for the long-term upgrade (revocation data and an archive timestamp), "
                                 "done when the branch services can be reached: %1")
                         .replace("%1", join(upgrade)))
        self.waiting.setText("\n\n".join(lines))
        signing = visit.state.steps.get(Step.SIGNATURE.value)
        self.checks.only_problems = True
        self.checks.show_checks(signing.checks if signing else [])

    # --- printing -----------------------------------------------------------------------------

    def _offer_printing(self, documents: list[DocumentRecord]) -> None:
        self.signed = [d for d in documents if d.signed and d.content]
        self.which.clear()
        self.which.addItem(self.tr("All signed documents"), None)
        for index, doc in enumerate(self.signed):
            self.which.addItem(document_title(doc.kind), index)
        for widget in (self.which, self.print_button):
            widget.setVisible(bool(self.signed))
        self.print_button.setEnabled(not self.busy)
        if not (self.busy or self.exporting):
            self.result.clear()

    def chosen(self) -> list[DocumentRecord]:
        """The documents the officer chose to print: all signed ones, or the one picked."""
        index = self.which.currentData()
        return self.signed if index is None else [self.signed[index]]

    def print_dialog(self) -> None:
        """Ask for the printer (and its options), then print in the background."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print the signed documents"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Print the chosen documents on ``printer`` off the GUI thread; the result line says how it went."""
        pdfs = [(document_title(d.kind), d.content) for d in self.chosen()]
        self.busy = True
        self.print_button.setEnabled(False)
        self._say("hint", self.tr("Printing %1…").replace("%1", join(title for title, _ in pdfs)))
        self._printer = printer
        run_in_background(self, lambda: print_pdfs(printer, pdfs), self._printed, self._print_failed)

    def _printed(self, printed: Printed) -> None:
        self._done_printing("hint", self.tr("Printed %1 document(s), %2 page(s), to %3.")
                            .replace("%1", str(printed.documents)).replace("%2", str(printed.pages))
                            .replace("%3", printed.destination))

    def _print_failed(self, exc: BaseException) -> None:
        self._done_printing("error", self.tr("Printing failed: %1").replace("%1", error_text(exc)))

    def _done_printing(self, role: str, text: str) -> None:
        self.busy = False
        self._printer = None
        self.print_button.setEnabled(True)
        self._say(role, text)

    def _say(self, role: str, text: str) -> None:
        self.result.setProperty("role", role)
        self.result.style().polish(self.result)
        self.result.setText(text)

    # --- the evidence bundle ----------------------------------------------------------------------

    def export_dialog(self) -> None:
        """Ask where to save the bundle (named after the case reference), then export it in the background."""
        from station.core.models import case_reference

        visit = self.visit
        assert visit is not None
        default = Path.home() / f"evidence-{case_reference(visit.case_id)}.p7m"
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export evidence bundle"), str(default),
                                                self.tr("Encrypted evidence bundles (*.p7m)"))
        if chosen:
            self.export_to(Path(chosen))

    def export_to(self, dest: Path) -> None:
        """Write the case's evidence bundle to ``dest``, encrypted to the branch's certificate, off the GUI
        thread; the result line says where it went, what it holds and to whom it is encrypted."""
        visit = self.visit
        assert visit is not None
        if not self.view.guard(visit.session.require_active):
            return
        store, officer, case_id, settings = visit.store, visit.session.officer, visit.case_id, self.view.settings

        def work() -> BundleReport:
            from station.operations.evidence import export_case

            return export_case(store, settings, officer, case_id, dest)  # type: ignore[arg-type]

        self.exporting = True
        self.export_button.setEnabled(False)
        self._say("hint", self.tr("Exporting the evidence bundle…"))
        run_in_background(self, work, self._exported, self._export_failed)

    def _exported(self, report: BundleReport) -> None:
        self.exporting = False
        self.export_button.setEnabled(True)
        self._say("hint", self.tr("Evidence bundle saved to %1 (%2 KB), holding %3; sealed by %4 and encrypted to "
                                  "%5, whose key alone opens it.")
                  .replace("%1", str(report.path)).replace("%2", f"{report.size / 1024:,.0f}")
                  .replace("%3", join(report.files)).replace("%4", common_name(report.sealed_by))
                  .replace("%5", common_name(report.recipient)))

    def _export_failed(self, exc: BaseException) -> None:
        self.exporting = False
        self.export_button.setEnabled(True)
        self._say("error", self.tr("The evidence bundle was not exported: %1").replace("%1", error_text(exc)))

