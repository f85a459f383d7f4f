"""Done: what the visit came to, and what still waits (sync to the branch, timestamp upgrades)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from station.core.masking import mask_card_number, mask_name
from station.core.models import AccountOpened, IdCardRead, LoanOffer, Record, SignedSet
from station.core.visit import Step
from station.ui.messages import join
from station.ui.visit.page import StepPage
from station.ui.visit.steps import document_title, step_title


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
        self.body.addWidget(self.summary)
        self.body.addWidget(self.waiting)
        self.body.addStretch(1)

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
