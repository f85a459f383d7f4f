"""A case's documents and signatures from its steps: what the visit's GUI pages and the CLI both do.

:func:`make_documents` renders the four documents from the ID card, account and loan steps;
:func:`sign_documents` signs them in one pass for the borrower the card names, with the handwriting
taken once. Both read the steps from the visit and return the record the next step takes; the caller
submits it, so the visit checks and records it the same way from either front end.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from station.core.checks import CheckResult
from station.core.models import (
    AccountOpened,
    DocumentRecord,
    DocumentSet,
    IdCardRead,
    LoanOffer,
    SignatureCapture,
    case_reference,
)
from station.core.visit import Step, Visit
from station.errors import SigningError

if TYPE_CHECKING:  # pyHanko loads when signing starts, not when a page or command imports this module
    from station.signing.sign import SigningKit, SigningOutcome

BORROWER_CERTIFICATE_PURPOSE = "borrower_certificate"
"""The purpose under which the ID number is blind-indexed for the borrower certificate's serialNumber."""


class StepsMissing(SigningError):
    """A step the documents or signatures need is not done (or its output is of another kind)."""


def make_documents(visit: Visit) -> DocumentSet:
    """The four documents of the case from its ID card, account and loan steps, dated on the station clock.

    Raises :class:`StepsMissing` when one of those steps is not done, and
    :class:`~station.documents.render.DocumentError` (or a font error) when they cannot be rendered.
    """
    from station.documents.render import DocumentInput, render_documents

    card, account, offer = (visit.output(s) for s in (Step.ID_CARD, Step.ACCOUNT, Step.LOAN))
    if not (isinstance(card, IdCardRead) and isinstance(account, AccountOpened) and isinstance(offer, LoanOffer)):
        raise StepsMissing("documents-steps-missing")
    data = DocumentInput(card, account, offer, visit.bank.name, case_reference(visit.case_id), visit.now())
    return render_documents(data).document_set()


def check_handwriting(strokes: Sequence[Sequence[Sequence[float]]]) -> CheckResult:
    """Whether the pen strokes are a signature (not empty, not a dot or a scratch)."""
    from station.documents.handwriting import check_handwriting as check

    return check(strokes)


def capture_from_png(data: bytes) -> SignatureCapture:
    """The borrower's handwriting from a PNG (dark ink on a light or transparent background)."""
    from station.documents.handwriting import capture_from_png as capture

    return capture(data)


def sign_documents(visit: Visit, capture: SignatureCapture, kit: SigningKit, *,
                   progress: Callable[[int, int], None] | None = None) -> SigningOutcome:
    """Sign every document of the case in one pass for the borrower on its ID card; the outcome's
    ``signed`` is the signature step's record.

    ``capture`` gets its PNG drawn from the strokes when it has none. Raises :class:`StepsMissing` when
    the documents or the ID card step is not done; otherwise what :func:`~station.signing.sign.sign_set`
    raises, before anything is signed or with nothing returned.
    """
    from station.documents.handwriting import capture_with_png
    from station.signing.sign import BorrowerIdentity, sign_set

    documents, card = visit.output(Step.DOCUMENTS), visit.output(Step.ID_CARD)
    if not isinstance(documents, DocumentSet) or not isinstance(card, IdCardRead):
        raise StepsMissing("signing-steps-missing")
    blind_index = visit.session.officer.cipher.blind_index  # type: ignore[attr-defined]
    borrower = BorrowerIdentity(card.front.name, blind_index(card.front.id_number, BORROWER_CERTIFICATE_PURPOSE))
    return sign_set(documents.documents, capture if capture.png else capture_with_png(capture), borrower,
                    kit, day=visit.today(), progress=progress)


def write_signed(documents: Sequence[DocumentRecord], folder: Path) -> Mapping[Path, DocumentRecord]:
    """Write signed PDFs into ``folder`` (made if missing), each whole or not at all."""
    from station.errors import WriteError
    from station.signing.output import write_all_atomically

    files = {folder / d.filename: d for d in documents}
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError("folder-not-made", folder=str(folder), problem=exc.strerror or str(exc)) from exc
    write_all_atomically({path: d.content or b"" for path, d in files.items()})
    return files
