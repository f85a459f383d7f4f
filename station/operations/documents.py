"""A case's documents and signatures from its steps: what the visit's GUI pages and the CLI both do.

:func:`render_case_documents` makes the four documents from the ID card, account and loan steps'
outputs; :func:`sign_case_documents` signs them in one pass for the borrower the card names. Both
take the plain values the store hands out (:mod:`station.core.models`), so the callers only fetch
the steps' outputs and submit what comes back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from station.core.models import (
    AccountOpened,
    DocumentSet,
    IdCardRead,
    LoanOffer,
    Record,
    SignatureCapture,
    case_reference,
)
from station.errors import SigningError

if TYPE_CHECKING:  # pyHanko loads when signing starts, not when a page or command imports this module
    from station.signing.sign import SigningKit, SigningOutcome

__all__ = ["BORROWER_CERTIFICATE_PURPOSE", "StepsMissing", "render_case_documents", "sign_case_documents"]

BORROWER_CERTIFICATE_PURPOSE = "borrower_certificate"
"""The purpose under which the ID number is blind-indexed for the borrower certificate's serialNumber."""

BlindIndex = Callable[[str, str], str]
"""``(value, purpose) -> keyed hash``: the signed-in officer's ``cipher.blind_index``."""


class StepsMissing(SigningError):
    """A step the documents or signatures need is not done (or its output is of another kind)."""


def render_case_documents(card: Record | None, account: Record | None, offer: Record | None, *,
                          bank_name: str, case_id: str, issued_at: datetime) -> DocumentSet:
    """The four documents of a case from its ID card, account and loan outputs (``issued_at`` aware).

    Raises :class:`StepsMissing` when one of those steps is not done, and
    :class:`~station.documents.render.DocumentError` (or a font error) when they cannot be rendered.
    """
    from station.documents.render import DocumentInput, render_documents

    if not (isinstance(card, IdCardRead) and isinstance(account, AccountOpened) and isinstance(offer, LoanOffer)):
        raise StepsMissing("documents-steps-missing")
    data = DocumentInput(card, account, offer, bank_name, case_reference(case_id), issued_at)
    return render_documents(data).document_set()


def sign_case_documents(documents: Record | None, card: Record | None, capture: SignatureCapture,
                        blind_index: BlindIndex, kit: SigningKit, *, day: date | None = None,
                        progress: Callable[[int, int], None] | None = None) -> SigningOutcome:
    """Sign every document of the case in one pass for the borrower on ``card``; a
    :class:`~station.signing.sign.SigningOutcome` whose ``signed`` is the signature step's output.

    ``capture`` gets its PNG drawn from the strokes when it has none. Raises :class:`StepsMissing`
    when the documents or the ID card step is not done; otherwise what
    :func:`~station.signing.sign.sign_set` raises, before anything is signed or with nothing returned.
    """
    from station.documents.handwriting import capture_with_png
    from station.signing.sign import BorrowerIdentity, sign_set

    if not isinstance(documents, DocumentSet) or not isinstance(card, IdCardRead):
        raise StepsMissing("signing-steps-missing")
    borrower = BorrowerIdentity(card.front.name, blind_index(card.front.id_number, BORROWER_CERTIFICATE_PURPOSE))
    return sign_set(documents.documents, capture if capture.png else capture_with_png(capture), borrower,
                    kit, day=day, progress=progress)
