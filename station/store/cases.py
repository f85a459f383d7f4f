"""The case store: opening the database, and reading and writing cases step by step.

Each step is written in one transaction together with its audit event, so after a crash a case is
exactly at its last completed step. Personal fields are sealed with the signed-in officer's cipher
on the way in and opened on the way out; callers only ever see :mod:`station.core.models` values.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from station.config import Settings
from station.core.checks import CheckResult
from station.core.idnumber import normalize
from station.core.models import (
    AccountOpened,
    AccountRequest,
    DocumentKind,
    DocumentRecord,
    DocumentSet,
    FaceCheck,
    FaceDecision,
    IdCardRead,
    LoanOffer,
    Record,
    SignatureCapture,
    SignedSet,
)
from station.core.states import CaseStatus, StepState
from station.errors import StoreError
from station.messages import Message
from station.store import audit
from station.store.crypto import FieldCipher
from station.store.db import StationLock, create_store_engine, integrity_ok, migrate, reader, transaction
from station.store.officers import Officers, SignedIn
from station.store.schema import (
    Account,
    Case,
    CaseStep,
    Customer,
    Document,
    FaceCheckRow,
    IdCardReadRow,
    IssuedNumber,
    Loan,
    OutboxItem,
    SignatureRow,
    new_id,
)


class CaseNotFoundError(StoreError):
    """No such case on this station."""


@dataclass(frozen=True)
class StepRecord:
    """A step as stored: done or stale, and its checks.

    ``check_statuses`` (name -> pass/warn/fail) is always there; the full ``checks`` (reasons and
    figures, which can name a birth date or a region) are sealed and opened only for an officer.
    """

    step: str
    state: StepState
    attempt: int
    check_statuses: dict[str, str]
    checks: list[CheckResult]
    completed_by: str
    completed_at: datetime


@dataclass(frozen=True)
class CaseState:
    """A case as the visit workflow needs it to resume."""

    id: str
    status: CaseStatus
    step: str
    officer_id: str
    created_at: datetime
    updated_at: datetime
    steps: dict[str, StepRecord]


@dataclass(frozen=True)
class CaseSummary:
    """One line of the case list (masked name only)."""

    id: str
    status: CaseStatus
    step: str
    officer_id: str
    customer: str
    updated_at: datetime


@dataclass(frozen=True)
class OutboxEntry:
    """One outbox item (masked name only); ``bundle`` is the file written for it in the outbox folder."""

    id: int
    case_id: str
    kind: str
    created_at: datetime
    written_at: datetime | None
    bundle: str | None
    customer: str


class Store:
    """The station's database, held by one process at a time."""

    def __init__(self, engine: Engine, lock: StationLock | None, settings: Settings,
                 clock: Callable[[], datetime]) -> None:
        self.engine = engine
        self._lock = lock
        self._factory = sessionmaker(engine, expire_on_commit=False)
        self._reader = sessionmaker(reader(engine), expire_on_commit=False)
        self.settings = settings
        self.clock = clock
        self.officers = Officers(self._factory, settings.security, clock=clock)

    @classmethod
    def open(
        cls,
        settings: Settings,
        *,
        exclusive: bool = True,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> Store:
        """Open (and create or migrate) the database; ``exclusive`` takes the station lock first."""
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        lock = StationLock(settings.lock_file) if exclusive else None
        if lock:
            lock.acquire()
        engine = None
        try:
            engine = create_store_engine(settings.db_url)
            migrate(engine, settings.database_file if settings.database_url is None else None)
        except BaseException:
            if engine is not None:
                engine.dispose()  # no connection is left open on a database that was refused
            if lock:
                lock.release()
            raise
        return cls(engine, lock, settings, clock)

    def close(self) -> None:
        self.engine.dispose()
        if self._lock:
            self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def integrity(self) -> tuple[bool, str]:
        return integrity_ok(self.engine)

    # --- cases -------------------------------------------------------------------------------

    def create_case(self, by: SignedIn, first_step: str, next_step: str) -> str:
        """A new case whose first step (officer sign-in) is done by ``by``."""
        with transaction(self._factory) as session:
            now = self.clock()
            case = Case(officer_id=by.officer_id, step=next_step, created_at=now, updated_at=now)
            session.add(case)
            session.flush()
            session.add(CaseStep(case_id=case.id, step=first_step, state=StepState.DONE, check_statuses={},
                                 completed_by=by.officer_id, completed_at=now))
            audit.append(session, case.id, by.officer_id, "visit.start", "ok", {}, at=now)
            return case.id

    def case_state(self, case_id: str, by: SignedIn | None = None) -> CaseState:
        """Where a case stands; with a signed-in officer, each step's full checks too."""
        with self._reader() as session:
            case = self._case(session, case_id)
            rows = session.scalars(select(CaseStep).where(CaseStep.case_id == case_id)).all()
            steps = {r.step: _step_record(r, by.cipher if by else None) for r in rows}
            return CaseState(case.id, CaseStatus(case.status), case.step, case.officer_id, case.created_at,
                             case.updated_at, steps)

    def overrides_of(self, by: SignedIn, case_id: str, step: str) -> dict[str, str]:
        """The officer's override reasons for a step (sealed: they may name the customer)."""
        with self._reader() as session:
            row = session.get(CaseStep, (case_id, step))
            if row is None or row.overrides_enc is None:
                return {}
            return json.loads(by.cipher.open_text(row.overrides_enc, f"case_steps.overrides:{case_id}:{step}"))

    @staticmethod
    def _case(session: Session, case_id: str) -> Case:
        case = session.get(Case, case_id)
        if case is None:
            raise CaseNotFoundError("store-no-case", case=case_id)
        return case

    def list_cases(self, by: SignedIn | None = None, status: CaseStatus | None = None) -> list[CaseSummary]:
        """Cases, newest first; with a signed-in officer the customer's masked name is shown."""
        with self._reader() as session:
            query = select(Case).order_by(Case.updated_at.desc())
            if status:
                query = query.where(Case.status == status)
            return [CaseSummary(case.id, CaseStatus(case.status), case.step, case.officer_id,
                                _masked_customer(session, case, by), case.updated_at)
                    for case in session.scalars(query)]

    def complete_step(
        self,
        by: SignedIn,
        case_id: str,
        step: str,
        next_step: str,
        payload: Record | None,
        checks: list[CheckResult],
        overrides: Mapping[str, str],
        figures: Mapping[str, Any],
        finish: bool = False,
    ) -> None:
        """Write a step's output, mark it done and move the case on: all or nothing."""
        with transaction(self._factory) as session:
            now = self.clock()
            case = self._case(session, case_id)
            if case.status != CaseStatus.OPEN:
                raise StoreError("store-case-closed", case=case_id,
                                 status=Message("case-status", {"status": case.status}))
            if case.step != step:  # a caller working from an outdated view of the case
                raise StoreError("store-case-moved", case=case_id, current=Message("step-name", {"step": case.step}),
                                 step=Message("step-name", {"step": step}))
            ref_id = _write_payload(session, by.cipher, case, payload, now) if payload is not None else None
            row = session.get(CaseStep, (case_id, step))
            sealed = (by.cipher.seal_text(json.dumps(dict(overrides), ensure_ascii=False),
                                          f"case_steps.overrides:{case_id}:{step}") if overrides else None)
            if row is None:
                row = CaseStep(case_id=case_id, step=step, attempt=1)
                session.add(row)
            else:
                row.attempt += 1
            row.state, row.ref_id = StepState.DONE, ref_id
            row.check_statuses = {c.name: c.status.value for c in checks}
            row.checks_enc = by.cipher.seal_text(json.dumps([c.to_dict() for c in checks], ensure_ascii=False,
                                                            default=str), f"case_steps.checks:{case_id}:{step}")
            row.overrides_enc, row.completed_by, row.completed_at = sealed, by.officer_id, now
            case.step, case.updated_at = next_step, now
            audit_figures = {**figures, "checks": {c.name: c.status.value for c in checks},
                             "overridden": sorted(overrides), "attempt": row.attempt}
            audit.append(session, case_id, by.officer_id, f"{step}.done", "overridden" if overrides else "ok",
                         audit_figures, at=now)
            if finish:
                _finish(session, case, now)
                audit.append(session, case_id, by.officer_id, "visit.done", "ok", {}, at=now)

    def record_rejection(self, by: SignedIn, case_id: str, step: str, result: str,
                         checks: list[CheckResult]) -> None:
        """Leave the audit record of a step that was refused (nothing else changes)."""
        with transaction(self._factory) as session:
            self._case(session, case_id)
            audit.append(session, case_id, by.officer_id, f"{step}.rejected", result,
                         {"checks": {c.name: c.status.value for c in checks}}, at=self.clock())

    def reopen_steps(self, by: SignedIn, case_id: str, redo_step: str, stale: list[str], reason: str) -> None:
        """Send the case back to ``redo_step``; the steps that depend on it become stale."""
        with transaction(self._factory) as session:
            now = self.clock()
            case = self._case(session, case_id)
            if case.status != CaseStatus.OPEN:
                raise StoreError("store-case-closed-no-redo", case=case_id,
                                 status=Message("case-status", {"status": case.status}))
            for name in [redo_step, *stale]:
                row = session.get(CaseStep, (case_id, name))
                if row is not None:
                    row.state = StepState.STALE
            case.step, case.updated_at = redo_step, now
            audit.append(session, case_id, by.officer_id, "visit.redo", "ok",
                         {"step": redo_step, "stale": stale, "reason_given": bool(reason.strip())}, at=now)

    def add_event(self, by: SignedIn, case_id: str, action: str, result: str, figures: Mapping[str, Any]) -> None:
        """An audit event that changes nothing else (a resume, a lock, an abandoned attempt)."""
        with transaction(self._factory) as session:
            self._case(session, case_id)
            audit.append(session, case_id, by.officer_id, action, result, figures, at=self.clock())

    def step_output(self, by: SignedIn, case_id: str, step: str) -> Record | None:
        """What a completed step produced, opened with the officer's cipher."""
        with self._reader() as session:
            row = session.get(CaseStep, (case_id, step))
            if row is None:
                return None
            return _read_payload(session, by.cipher, self._case(session, case_id), step, row.ref_id)

    def documents(self, by: SignedIn, case_id: str) -> list[DocumentRecord]:
        """The case's documents as stored (the signed ones once signed), opened with the officer's cipher."""
        with self._reader() as session:
            return _read_documents(session, by.cipher, self._case(session, case_id), None).documents

    # --- sync outbox -------------------------------------------------------------------------

    def outbox(self, by: SignedIn | None = None, *, pending: bool = True, kind: str | None = None) -> list[OutboxEntry]:
        """Outbox items, oldest first (only those not written yet when ``pending``); masked names with an officer."""
        with self._reader() as session:
            query = select(OutboxItem).order_by(OutboxItem.id)
            if pending:
                query = query.where(OutboxItem.written_at.is_(None))
            if kind:
                query = query.where(OutboxItem.kind == kind)
            return [OutboxEntry(i.id, i.case_id, i.kind, i.created_at, i.written_at, i.bundle,
                                _masked_customer(session, self._case(session, i.case_id), by))
                    for i in session.scalars(query)]

    def mark_written(self, by: SignedIn, item_id: int, bundle: str, figures: Mapping[str, Any]) -> None:
        """Record that an item's bundle lies in the outbox folder, with the case's audit event: all or nothing."""
        with transaction(self._factory) as session:
            now = self.clock()
            item = session.get(OutboxItem, item_id)
            if item is None:
                raise StoreError("store-no-outbox-item", item=item_id)
            item.written_at, item.bundle = now, bundle
            audit.append(session, item.case_id, by.officer_id, "sync.outbox", "ok", {**figures, "bundle": bundle},
                         at=now)

    # --- numbers -----------------------------------------------------------------------------

    def reserve_sequence(self, case_id: str, kind: str) -> int:
        """The case's sequence number of ``kind``: issued once per case, never to anyone else."""
        with transaction(self._factory) as session:
            self._case(session, case_id)
            existing = session.scalar(
                select(IssuedNumber.sequence).where(IssuedNumber.kind == kind, IssuedNumber.case_id == case_id)
            )
            if existing is not None:
                return existing
            return _next_sequence(session, kind, case_id, self.clock())

    # --- audit -------------------------------------------------------------------------------

    def verify_audit(self, chain: str | None = None) -> list[audit.ChainReport]:
        """Verify one chain, or every chain in the database."""
        with self._reader() as session:
            chains = [chain] if chain else audit.all_chains(session)
            return [audit.verify_chain(session, c) for c in chains]

    def audit_events(self, chain: str) -> list[audit.AuditEvent]:
        with self._reader() as session:
            return audit.events_of(session, chain)

    def audit_trail(self, chain: str) -> tuple[list[audit.AuditEvent], audit.ChainReport]:
        """One chain's events and their verification, read at the same moment."""
        with self._reader() as session:
            events = audit.events_of(session, chain)
            return events, audit.verify_events(session, chain, events)


def _masked_customer(session: Session, case: Case, by: SignedIn | None) -> str:
    """The customer's masked name, or "-" without an officer or before the card is read."""
    from station.core.masking import mask_name

    if case.customer_id is None or by is None:
        return "-"
    customer = session.get(Customer, case.customer_id)
    assert customer is not None
    return mask_name(by.cipher.open_text(customer.name_enc, f"customers.name:{customer.id}"))


def _step_record(row: CaseStep, cipher: FieldCipher | None) -> StepRecord:
    checks: list[CheckResult] = []
    if cipher is not None and row.checks_enc is not None:
        opened = json.loads(cipher.open_text(row.checks_enc, f"case_steps.checks:{row.case_id}:{row.step}"))
        checks = [CheckResult.from_dict(c) for c in opened]
    return StepRecord(row.step, StepState(row.state), row.attempt, dict(row.check_statuses), checks, row.completed_by,
                      row.completed_at)


def _next_sequence(session: Session, kind: str, case_id: str | None, now: datetime) -> int:
    last = session.scalar(select(func.max(IssuedNumber.sequence)).where(IssuedNumber.kind == kind)) or 0
    session.add(IssuedNumber(kind=kind, sequence=last + 1, case_id=case_id, issued_at=now))
    session.flush()
    return last + 1


def _finish(session: Session, case: Case, now: datetime) -> None:
    """Close a case: drop live face images (kept only as long as needed) and queue it for sync."""
    case.status = CaseStatus.DONE
    session.execute(update(FaceCheckRow).where(FaceCheckRow.case_id == case.id).values(live_image_enc=None))
    session.add(OutboxItem(case_id=case.id, kind="case", created_at=now))
    waiting = session.scalar(select(Document.id).where(Document.case_id == case.id, Document.awaiting_upgrade))
    if waiting is not None:
        session.add(OutboxItem(case_id=case.id, kind="pades_upgrade", created_at=now))


# --- step payloads: one writer and one reader per kind of step output --------------------------

def _seal_opt(cipher: FieldCipher, data: bytes | None, context: str) -> bytes | None:
    return None if data is None else cipher.seal(data, context)


def _open_opt(cipher: FieldCipher, data: bytes | None, context: str) -> bytes | None:
    return None if data is None else cipher.open(data, context)


def _write_payload(session: Session, cipher: FieldCipher, case: Case, payload: Record, now: datetime) -> str | None:
    writer = _WRITERS.get(type(payload))
    if writer is None:
        raise TypeError(f"no store writer for {type(payload).__name__}")
    return writer(session, cipher, case, payload, now)


def _write_id_card(session: Session, cipher: FieldCipher, case: Case, read: IdCardRead, now: datetime) -> str:
    front = read.front
    index = cipher.blind_index(normalize(front.id_number))  # as the checks read it: x, Ｘ, spaces
    customer = session.scalar(select(Customer).where(Customer.id_index == index))
    if customer is None:
        customer = Customer(id_index=index, id_number_enc=b"", name_enc=b"", address_enc=b"", created_at=now)
        session.add(customer)
        session.flush()
    customer.id_number_enc = cipher.seal_text(front.id_number, f"customers.id_number:{customer.id}")
    customer.name_enc = cipher.seal_text(front.name, f"customers.name:{customer.id}")
    customer.address_enc = cipher.seal_text(front.address, f"customers.address:{customer.id}")
    case.customer_id = customer.id
    row = IdCardReadRow(case_id=case.id, engine=read.engine, fields_enc=b"", created_at=now)
    session.add(row)
    session.flush()
    fields = {k: v for k, v in read.to_dict().items() if k not in ("front_image", "back_image", "portrait")}
    row.fields_enc = cipher.seal_text(json.dumps(fields, ensure_ascii=False), f"id_card_reads.fields:{row.id}")
    row.front_image_enc = _seal_opt(cipher, read.front_image, f"id_card_reads.front_image:{row.id}")
    row.back_image_enc = _seal_opt(cipher, read.back_image, f"id_card_reads.back_image:{row.id}")
    row.portrait_enc = _seal_opt(cipher, read.portrait, f"id_card_reads.portrait:{row.id}")
    return row.id


def _read_id_card(session: Session, cipher: FieldCipher, case: Case, ref_id: str | None) -> IdCardRead:
    row = session.get(IdCardReadRow, ref_id)
    assert row is not None
    read = IdCardRead.from_dict(json.loads(cipher.open_text(row.fields_enc, f"id_card_reads.fields:{row.id}")))
    return replace(
        read,
        front_image=_open_opt(cipher, row.front_image_enc, f"id_card_reads.front_image:{row.id}"),
        back_image=_open_opt(cipher, row.back_image_enc, f"id_card_reads.back_image:{row.id}"),
        portrait=_open_opt(cipher, row.portrait_enc, f"id_card_reads.portrait:{row.id}"),
    )


def _write_face(session: Session, cipher: FieldCipher, case: Case, check: FaceCheck, now: datetime) -> str:
    row = FaceCheckRow(case_id=case.id, decision=check.decision.value, distance=check.distance,
                       threshold=check.threshold, model_version=check.model_version,
                       calibration=check.calibration,
                       liveness={"passed": check.liveness_passed, "reason": check.reason,
                                 "message": check.message.to_dict() if check.message else None,
                                 "details": dict(check.liveness)},
                       created_at=now)
    session.add(row)
    session.flush()
    row.live_image_enc = _seal_opt(cipher, check.live_image, f"face_checks.live_image:{row.id}")
    return row.id


def _read_face(session: Session, cipher: FieldCipher, case: Case, ref_id: str | None) -> FaceCheck:
    row = session.get(FaceCheckRow, ref_id)
    assert row is not None
    stored = row.liveness
    return FaceCheck(FaceDecision(row.decision), row.distance, row.threshold, row.model_version,
                     row.calibration, stored["passed"], stored["reason"], stored["details"],
                     _open_opt(cipher, row.live_image_enc, f"face_checks.live_image:{row.id}"),
                     Message.from_dict(stored["message"]) if stored.get("message") else None)


def _write_account(session: Session, cipher: FieldCipher, case: Case, opened: AccountOpened, now: datetime) -> str:
    row = session.scalar(select(Account).where(Account.case_id == case.id))
    if row is None:
        row = Account(case_id=case.id, product="", phone_enc=b"", address_enc=b"",
                      account_number_enc=b"", card_number_enc=b"", created_at=now)
        session.add(row)
        session.flush()
    row.customer_id, row.product = case.customer_id, opened.request.product
    row.phone_enc = cipher.seal_text(opened.request.phone, f"accounts.phone:{row.id}")
    row.address_enc = cipher.seal_text(opened.request.address, f"accounts.address:{row.id}")
    row.account_number_enc = cipher.seal_text(opened.account_number, f"accounts.account_number:{row.id}")
    row.card_number_enc = cipher.seal_text(opened.card_number, f"accounts.card_number:{row.id}")
    return row.id


def _read_account(session: Session, cipher: FieldCipher, case: Case, ref_id: str | None) -> AccountOpened:
    row = session.get(Account, ref_id)
    assert row is not None
    request = AccountRequest(row.product, cipher.open_text(row.phone_enc, f"accounts.phone:{row.id}"),
                             cipher.open_text(row.address_enc, f"accounts.address:{row.id}"))
    return AccountOpened(request, cipher.open_text(row.account_number_enc, f"accounts.account_number:{row.id}"),
                         cipher.open_text(row.card_number_enc, f"accounts.card_number:{row.id}"))


def _write_loan(session: Session, cipher: FieldCipher, case: Case, offer: LoanOffer, now: datetime) -> str:
    row = session.scalar(select(Loan).where(Loan.case_id == case.id))
    if row is None:
        row = Loan(id=new_id(), case_id=case.id, created_at=now)
        session.add(row)
    t = offer.terms
    row.amount, row.months, row.annual_rate, row.method = str(t.amount), t.months, str(t.annual_rate), t.method.value
    row.apr, row.quote = str(offer.quote.apr), offer.to_dict()
    return row.id


def _read_loan(session: Session, cipher: FieldCipher, case: Case, ref_id: str | None) -> LoanOffer:
    row = session.get(Loan, ref_id)
    assert row is not None
    return LoanOffer.from_dict(row.quote)


def _write_documents(session: Session, cipher: FieldCipher, case: Case, docs: DocumentSet, now: datetime) -> None:
    for doc in docs.documents:
        _upsert_document(session, cipher, case, doc, now)


def _upsert_document(session: Session, cipher: FieldCipher, case: Case, doc: DocumentRecord, now: datetime) -> None:
    row = session.scalar(select(Document).where(Document.case_id == case.id, Document.kind == doc.kind.value))
    if row is None:
        row = Document(id=new_id(), case_id=case.id, kind=doc.kind.value, created_at=now)
        session.add(row)
    row.filename, row.sha256, row.signed = doc.filename, doc.sha256, doc.signed
    row.pades_level, row.awaiting_upgrade = doc.pades_level, doc.awaiting_upgrade
    row.content_enc = _seal_opt(cipher, doc.content, f"documents.content:{row.id}")


def _read_documents(session: Session, cipher: FieldCipher, case: Case, ref_id: str | None) -> DocumentSet:
    rows = session.scalars(select(Document).where(Document.case_id == case.id).order_by(Document.created_at))
    return DocumentSet([
        DocumentRecord(DocumentKind(r.kind), r.filename, r.sha256, r.signed, r.pades_level, r.awaiting_upgrade,
                       _open_opt(cipher, r.content_enc, f"documents.content:{r.id}"))
        for r in rows
    ])


def _write_signed(session: Session, cipher: FieldCipher, case: Case, signed: SignedSet, now: datetime) -> str:
    row = SignatureRow(case_id=case.id, strokes_enc=b"", created_at=now)
    session.add(row)
    session.flush()
    strokes = json.dumps(signed.capture.to_dict()["strokes"])
    row.strokes_enc = cipher.seal_text(strokes, f"signatures.strokes:{row.id}")
    row.png_enc = _seal_opt(cipher, signed.capture.png, f"signatures.png:{row.id}")
    for doc in signed.documents:
        _upsert_document(session, cipher, case, doc, now)
    return row.id


def _read_signed(session: Session, cipher: FieldCipher, case: Case, ref_id: str | None) -> SignedSet:
    row = session.get(SignatureRow, ref_id)
    assert row is not None
    strokes = json.loads(cipher.open_text(row.strokes_enc, f"signatures.strokes:{row.id}"))
    capture = SignatureCapture.from_dict(
        {"strokes": strokes, "png": None}
    )
    capture = replace(capture, png=_open_opt(cipher, row.png_enc, f"signatures.png:{row.id}"))
    return SignedSet(capture, _read_documents(session, cipher, case, None).documents)


_WRITERS: dict[type, Callable[..., str | None]] = {
    IdCardRead: _write_id_card,
    FaceCheck: _write_face,
    AccountOpened: _write_account,
    LoanOffer: _write_loan,
    DocumentSet: _write_documents,
    SignedSet: _write_signed,
}
_READERS: dict[str, Callable[..., Record]] = {
    "id_card": _read_id_card,
    "face": _read_face,
    "account": _read_account,
    "loan": _read_loan,
    "documents": _read_documents,
    "signature": _read_signed,
}


def _read_payload(session: Session, cipher: FieldCipher, case: Case, step: str, ref_id: str | None) -> Record | None:
    reader = _READERS.get(step)
    return reader(session, cipher, case, ref_id) if reader else None
