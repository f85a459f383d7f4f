"""The visit as a resumable state machine.

Steps follow MISSION.md: officer sign-in, ID card, face, account, loan, documents, signature, done.
Each step declares what it needs, what it produces, the steps it depends on and whether it may be
redone. Submitting a step runs its checks: blocking failures refuse it; overridable failures need an
officer's reason per check; otherwise the step and its audit event are written in one transaction
and the visit moves to the first step not yet done. Redoing a step makes every step that depends on
it stale. The operations layer (:mod:`station.operations`) computes the results (the card read, the
face match, the documents, the signatures); the visit only checks and records them. No Qt, no camera,
no PDF library here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from station.config import BankSettings
from station.core import accounts
from station.core.checks import CheckResult, Severity, failed, failures, passed, warned
from station.core.idcard_rules import check_card
from station.core.models import (
    AccountOpened,
    AccountRequest,
    DocumentKind,
    DocumentSet,
    FaceCheck,
    FaceDecision,
    IdCardRead,
    LoanOffer,
    Record,
    SignedSet,
)
from station.core.session import OfficerSession
from station.core.states import CaseStatus, Step, StepState
from station.errors import StationError
from station.messages import Message, verbatim

if TYPE_CHECKING:
    from station.store.cases import CaseState, Store
    from station.store.officers import SignedIn


ORDER: tuple[Step, ...] = tuple(Step)


@dataclass(frozen=True)
class StepSpec:
    """What a step needs and produces, what it depends on, and whether it may be redone."""

    step: Step
    needs: str
    produces: str
    depends_on: tuple[Step, ...] = ()
    redo: bool = True


SPECS: dict[Step, StepSpec] = {
    s.step: s
    for s in (
        StepSpec(Step.SIGN_IN, "officer id and PIN", "an officer session that locks when idle", redo=False),
        StepSpec(Step.ID_CARD, "the card read (front and back fields, images)", "the checked card, the customer"),
        StepSpec(Step.FACE, "the face match with liveness against the card portrait", "the match decision",
                 (Step.ID_CARD,)),
        StepSpec(Step.ACCOUNT, "product, phone, address", "account and card numbers", (Step.ID_CARD,)),
        StepSpec(Step.LOAN, "amount, term, rate, method, and the quote", "the agreed loan with its APR",
                 (Step.ID_CARD,)),
        StepSpec(Step.DOCUMENTS, "the generated document set", "the four documents to sign",
                 (Step.ID_CARD, Step.ACCOUNT, Step.LOAN)),
        StepSpec(Step.SIGNATURE, "the handwriting and the signed documents", "signed documents",
                 (Step.DOCUMENTS, Step.FACE), redo=False),
        StepSpec(Step.DONE, "-", "the case queued for sync", redo=False),
    )
}


@dataclass(frozen=True)
class LoanPolicy:
    """The product's limits (rural household credit per MISSION.md)."""

    min_amount: Decimal = Decimal("50000")
    max_amount: Decimal = Decimal("500000")
    min_rate: Decimal = Decimal("3.45")
    max_rate: Decimal = Decimal("24")
    max_months: int = 60


class VisitError(StationError):
    """The visit cannot do what was asked (wrong step, missing reason, case closed)."""


@dataclass(frozen=True)
class Outcome:
    """What submitting a step came to."""

    step: Step
    accepted: bool
    checks: list[CheckResult]
    next_step: Step
    output: Record | None = None
    overridden: frozenset[str] = frozenset()  # the checks the officer gave a reason for

    @property
    def blocked(self) -> list[CheckResult]:
        return [c for c in failures(self.checks) if c.severity is Severity.BLOCKING]

    @property
    def needs_override(self) -> list[CheckResult]:
        """Overridable failures still without a reason."""
        return [c for c in failures(self.checks)
                if c.severity is Severity.OVERRIDABLE and c.name not in self.overridden]


MIN_REASON = 4
_PHONE = re.compile(r"^1[3-9]\d{9}$")


class Visit:
    """One case driven step by step by a signed-in officer."""

    def __init__(self, store: Store, session: OfficerSession, case_id: str, *,
                 bank: BankSettings | None = None, policy: LoanPolicy = LoanPolicy(),
                 today: Callable[[], date] | None = None) -> None:
        self.store = store
        self.session = session
        self.case_id = case_id
        self.bank = bank or store.settings.bank
        self.policy = policy
        self._today = today or (lambda: store.clock().astimezone().date())
        self._state = store.case_state(case_id, _signed(session))

    # --- lifecycle ---------------------------------------------------------------------------

    @classmethod
    def start(cls, store: Store, session: OfficerSession, **kwargs: object) -> Visit:
        """A new case; the sign-in step is done by the session's officer."""
        session.require_active()
        case_id = store.create_case(_signed(session), Step.SIGN_IN.value, Step.ID_CARD.value)
        return cls(store, session, case_id, **kwargs)  # type: ignore[arg-type]

    @classmethod
    def resume(cls, store: Store, session: OfficerSession, case_id: str, **kwargs: object) -> Visit:
        """Pick up an interrupted case at its step (any signed-in officer may; it is recorded)."""
        session.require_active()
        visit = cls(store, session, case_id, **kwargs)  # type: ignore[arg-type]
        if visit._state.status is CaseStatus.OPEN:
            store.add_event(_signed(session), case_id, "visit.resume", "ok", {"step": visit.current_step.value})
        return visit

    def today(self) -> date:
        """The day of the visit on the station clock: what card validity, ages and loan dates count from."""
        return self._today()

    def now(self) -> datetime:
        """The time on the station clock, in the station's time zone (what documents are dated with)."""
        return self.store.clock().astimezone()

    @property
    def current_step(self) -> Step:
        return Step(self._state.step)

    @property
    def state(self) -> CaseState:
        return self._state

    @property
    def is_done(self) -> bool:
        return self._state.status is CaseStatus.DONE

    def step_state(self, step: Step) -> StepState:
        """Done, stale, or pending (not done yet); the done step is done once the case is."""
        if step is Step.DONE:
            return StepState.DONE if self.is_done else StepState.PENDING
        record = self._state.steps.get(step.value)
        return record.state if record else StepState.PENDING

    def output(self, step: Step) -> Record | None:
        """What a step produced (opened for the signed-in officer); also the last data of a stale step."""
        self.session.require_active()
        return self.store.step_output(_signed(self.session), self.case_id, step.value)

    # --- steps -------------------------------------------------------------------------------

    def submit_id_card(self, read: IdCardRead, overrides: Mapping[str, str] | None = None) -> Outcome:
        checks = check_card(read, self.today())
        figures = {"engine": read.engine,
                   "min_confidence": round(min(read.confidence.values()), 3) if read.confidence else None}
        return self._submit(Step.ID_CARD, read, checks, overrides, figures)

    def submit_face(self, check: FaceCheck, overrides: Mapping[str, str] | None = None) -> Outcome:
        checks = face_checks(check)
        figures = {"decision": check.decision.value, "distance": check.distance, "threshold": check.threshold,
                   "model": check.model_version, "calibration": check.calibration,
                   "liveness": check.liveness_passed}
        return self._submit(Step.FACE, check, checks, overrides, figures)

    def submit_account(self, request: AccountRequest, overrides: Mapping[str, str] | None = None) -> Outcome:
        """Check the request, then issue (or reuse, on a redo) the case's account and card numbers."""
        checks = account_checks(request)
        if failures(checks):
            return self._submit(Step.ACCOUNT, None, checks, overrides, {})
        self._guard(Step.ACCOUNT)  # no numbers are issued for a refused submission
        b = self.bank
        account_seq = self.store.reserve_sequence(self.case_id, "account")
        card_seq = self.store.reserve_sequence(self.case_id, "card")
        opened = AccountOpened(
            request,
            accounts.compose(b.account_prefix, b.branch_code, b.station_number, account_seq, b.account_length),
            accounts.compose(b.card_bin, b.branch_code, b.station_number, card_seq, b.card_length),
        )
        return self._submit(Step.ACCOUNT, opened, checks, overrides, {"product": request.product})

    def submit_loan(self, offer: LoanOffer, overrides: Mapping[str, str] | None = None) -> Outcome:
        checks = loan_checks(offer, self.policy)
        t = offer.terms
        figures = {"amount": str(t.amount), "months": t.months, "rate": str(t.annual_rate),
                   "method": t.method.value, "apr": str(offer.quote.apr)}
        return self._submit(Step.LOAN, offer, checks, overrides, figures)

    def submit_documents(self, documents: DocumentSet, overrides: Mapping[str, str] | None = None) -> Outcome:
        checks = document_checks(documents)
        figures = {"documents": {d.kind.value: d.sha256[:16] for d in documents.documents}}
        return self._submit(Step.DOCUMENTS, documents, checks, overrides, figures)

    def submit_signature(self, signed: SignedSet, overrides: Mapping[str, str] | None = None) -> Outcome:
        """The borrower's one confirmation: every document signed; the case is then done."""
        checks = signature_checks(signed)
        figures = {"documents": {d.kind.value: d.pades_level for d in signed.documents},
                   "strokes": len(signed.capture.strokes)}
        return self._submit(Step.SIGNATURE, signed, checks, overrides, figures)

    def redo(self, step: Step, reason: str) -> None:
        """Go back to ``step``; every step depending on it (directly or not) becomes stale."""
        self.session.require_active()
        if self.is_done:
            raise VisitError("visit-case-signed")
        if not SPECS[step].redo:
            raise VisitError("visit-no-redo", step=Message("step-name", {"step": step.value}))
        if self.step_state(step) is not StepState.DONE:
            raise VisitError("visit-redo-not-done", step=Message("step-name", {"step": step.value}))
        stale = [s.value for s in dependents(step) if self.step_state(s) is StepState.DONE]
        self.store.reopen_steps(_signed(self.session), self.case_id, step.value, stale, reason)
        self._state = self.store.case_state(self.case_id, _signed(self.session))

    # --- the one way a step is submitted -------------------------------------------------------

    def _submit(self, step: Step, output: Record | None, checks: list[CheckResult],
                overrides: Mapping[str, str] | None, figures: Mapping[str, object]) -> Outcome:
        self._guard(step)
        officer = _signed(self.session)
        overrides = dict(overrides or {})
        failed_now = failures(checks)
        unknown = set(overrides) - {c.name for c in failed_now}
        if unknown:
            raise VisitError("visit-nothing-to-override", checks=", ".join(sorted(unknown)))
        for name, reason in overrides.items():
            if len(reason.strip()) < MIN_REASON:
                raise VisitError("visit-override-reason", check=name)
        blocked = [c for c in failed_now if c.severity is Severity.BLOCKING]
        missing = [c for c in failed_now if c.severity is Severity.OVERRIDABLE and c.name not in overrides]
        if blocked or missing:
            self.store.record_rejection(officer, self.case_id, step.value,
                                        "blocked" if blocked else "needs_override", checks)
            return Outcome(step, False, checks, step, overridden=frozenset(overrides))
        next_step = self._next_after(step)
        self.store.complete_step(officer, self.case_id, step.value, next_step.value, output, checks,
                                 overrides, figures, finish=next_step is Step.DONE)
        self._state = self.store.case_state(self.case_id, _signed(self.session))
        return Outcome(step, True, checks, self.current_step, output, frozenset(overrides))

    def _guard(self, step: Step) -> None:
        """The session is active, the case open and at ``step``; else nothing may be written."""
        self.session.require_active()
        if self.is_done:
            raise VisitError("visit-case-done")
        if step is not self.current_step:
            raise VisitError("visit-wrong-step", current=Message("step-name", {"step": self.current_step.value}),
                             step=Message("step-name", {"step": step.value}))

    def _next_after(self, step: Step) -> Step:
        """The first step not done once ``step`` is: an earlier stale step comes before later ones."""
        for candidate in ORDER:
            if candidate is Step.DONE or (candidate is not step and self.step_state(candidate) is not StepState.DONE):
                return candidate
        return Step.DONE


def dependents(step: Step) -> list[Step]:
    """Every step that depends on ``step``, directly or through another step, in visit order."""
    found: set[Step] = set()
    changed = True
    while changed:
        changed = False
        for spec in SPECS.values():
            if spec.step not in found and (step in spec.depends_on or found & set(spec.depends_on)):
                found.add(spec.step)
                changed = True
    return [s for s in ORDER if s in found]


def _signed(session: OfficerSession) -> SignedIn:
    return session.officer  # type: ignore[return-value]


# --- the checks of each step: pure functions of the step's data --------------------------------

def face_checks(check: FaceCheck) -> list[CheckResult]:
    """Match and liveness; both may be overridden, since the law wants an alternative to face recognition."""
    if check.decision is FaceDecision.MATCH:
        match = passed("face.match", "face-match", {"distance": f"{check.distance:.3f}",
                       "threshold": f"{check.threshold:.3f}"}, distance=check.distance,
                       threshold=check.threshold)
    elif check.decision is FaceDecision.NO_MATCH:
        match = failed("face.match", "face-no-match", {"distance": f"{check.distance:.3f}",
                       "threshold": f"{check.threshold:.3f}"}, overridable=True,
                       distance=check.distance, threshold=check.threshold)
    else:
        why = check.message or (verbatim(check.reason) if check.reason else Message("face-retake"))
        match = failed("face.match", "face-no-decision", {"reason": why}, overridable=True)
    if check.liveness_passed:
        live = passed("face.liveness", "face-liveness-passed")
    else:
        live = failed("face.liveness", "face-liveness-failed", overridable=True)
    return [match, live]


def account_checks(request: AccountRequest) -> list[CheckResult]:
    phone = request.phone.replace(" ", "").replace("-", "")
    return [
        passed("account.phone", "account-phone-ok") if _PHONE.match(phone)
        else failed("account.phone", "account-phone-invalid"),
        passed("account.address", "account-address-ok") if request.address.strip()
        else failed("account.address", "account-address-missing"),
        passed("account.product", "account-product-ok") if request.product.strip()
        else failed("account.product", "account-product-missing"),
    ]


def loan_checks(offer: LoanOffer, policy: LoanPolicy) -> list[CheckResult]:
    """Limits of the product, the borrower's line and eligibility, and a disclosed APR."""
    t, q = offer.terms, offer.quote
    checks = [
        passed("loan.amount", "loan-amount-ok")
        if policy.min_amount <= t.amount <= policy.max_amount
        else failed("loan.amount", "loan-amount-out-of-range", {"min": f"{policy.min_amount:,}",
                    "max": f"{policy.max_amount:,}"}, amount=str(t.amount)),
        passed("loan.term", "loan-term-ok") if 1 <= t.months <= policy.max_months
        else failed("loan.term", "loan-term-out-of-range", {"max_months": policy.max_months}, months=t.months),
        passed("loan.rate", "loan-rate-ok")
        if policy.min_rate <= t.annual_rate <= policy.max_rate
        else failed("loan.rate", "loan-rate-out-of-range", {"min": str(policy.min_rate),
                    "max": str(policy.max_rate)}, rate=str(t.annual_rate)),
        passed("loan.eligible", "loan-eligible") if not t.excluded
        else failed("loan.eligible", "loan-excluded"),
        passed("loan.apr_disclosed", "loan-apr-shown", {"apr": str(q.apr)})
        if q.apr >= t.annual_rate - Decimal("0.01")
        else failed("loan.apr_disclosed", "loan-apr-below-rate",
                    apr=str(q.apr)),
    ]
    if t.credit_line is not None:
        checks.append(
            passed("loan.credit_line", "loan-credit-line-ok")
            if t.amount <= t.credit_line
            else failed("loan.credit_line", "loan-over-credit-line", {"line": f"{t.credit_line:,}"},
                        overridable=True, line=str(t.credit_line), amount=str(t.amount))
        )
    return checks


def document_checks(documents: DocumentSet) -> list[CheckResult]:
    kinds = {d.kind for d in documents.documents}
    missing = [k.value for k in DocumentKind if k not in kinds]
    empty = [d.kind.value for d in documents.documents if not d.sha256]
    checks = [
        passed("documents.complete", "documents-complete") if not missing
        else failed("documents.complete", "documents-missing", {"kinds": _kinds(missing)},
                    missing=missing),
    ]
    if empty:
        checks.append(failed("documents.hashed", "documents-not-hashed", {"kinds": _kinds(empty)}))
    return checks


def _kinds(kinds: list[str]) -> tuple[Message, ...]:
    """Document kinds to name in a sentence."""
    return tuple(Message("document-kind", {"kind": k}) for k in kinds)


def signature_checks(signed: SignedSet) -> list[CheckResult]:
    kinds = {d.kind for d in signed.documents if d.signed}
    unsigned = [k.value for k in DocumentKind if k not in kinds]
    untimed = [d.kind.value for d in signed.documents if d.signed and d.pades_level in (None, "B-B")]
    return [
        failed("signature.handwriting", "signature-pad-empty") if signed.capture.is_empty
        else passed("signature.handwriting", "signature-captured"),
        passed("signature.all_signed", "signature-all-signed") if not unsigned
        else failed("signature.all_signed", "signature-not-signed", {"kinds": _kinds(unsigned)}, unsigned=unsigned),
        passed("signature.timestamped", "signature-timestamped") if not untimed
        else warned("signature.timestamped", "signature-untimed", untimed=untimed),
    ]
