"""The visit's steps as the officer reads them."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from station.core.models import DocumentKind
from station.core.states import CaseStatus, StepState
from station.core.visit import Step

_TITLES = {
    Step.SIGN_IN: QT_TRANSLATE_NOOP("Steps", "Sign-in"),
    Step.ID_CARD: QT_TRANSLATE_NOOP("Steps", "ID card"),
    Step.FACE: QT_TRANSLATE_NOOP("Steps", "Face"),
    Step.ACCOUNT: QT_TRANSLATE_NOOP("Steps", "Account"),
    Step.LOAN: QT_TRANSLATE_NOOP("Steps", "Loan"),
    Step.DOCUMENTS: QT_TRANSLATE_NOOP("Steps", "Documents"),
    Step.SIGNATURE: QT_TRANSLATE_NOOP("Steps", "Signature"),
    Step.DONE: QT_TRANSLATE_NOOP("Steps", "Done"),
}
_STATES = {
    StepState.DONE: QT_TRANSLATE_NOOP("Steps", "done"),
    StepState.STALE: QT_TRANSLATE_NOOP("Steps", "to redo"),
    StepState.PENDING: QT_TRANSLATE_NOOP("Steps", "to do"),
}
_CASE_STATUS = {
    CaseStatus.OPEN: QT_TRANSLATE_NOOP("Steps", "open"),
    CaseStatus.DONE: QT_TRANSLATE_NOOP("Steps", "finished"),
}


def step_title(step: Step | str) -> str:
    """The step's name in the current language."""
    return QCoreApplication.translate("Steps", _TITLES[Step(step)])


def state_title(state: StepState) -> str:
    """A step's state (done, stale, pending) in the current language."""
    return QCoreApplication.translate("Steps", _STATES[state])


def case_status_title(status: CaseStatus) -> str:
    """A case's status (open, done) in the current language."""
    return QCoreApplication.translate("Steps", _CASE_STATUS[status])


_DOCUMENTS = {
    DocumentKind.ACCOUNT_APPLICATION: QT_TRANSLATE_NOOP("Steps", "Account-opening application"),
    DocumentKind.LOAN_CONTRACT: QT_TRANSLATE_NOOP("Steps", "Loan contract"),
    DocumentKind.CREDIT_AUTHORIZATION: QT_TRANSLATE_NOOP("Steps", "Credit-inquiry authorization"),
    DocumentKind.PERSONAL_INFO_CONSENT: QT_TRANSLATE_NOOP("Steps", "Consent to process personal and biometric data"),
}


def document_title(kind: DocumentKind | str) -> str:
    """A document's name in the current language."""
    return QCoreApplication.translate("Steps", _DOCUMENTS[DocumentKind(kind)])
