"""SQLAlchemy tables of the case store.

Columns ending in ``_enc`` hold values sealed by :class:`station.store.crypto.FieldCipher`; nothing
personal is stored in clear. Primary keys of case data are UUID strings made by the station, so a
case keeps its identity when it syncs to the branch.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from station.core.states import CaseStatus


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on SQLite too (which stores naive text)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Officer(Base):
    """An officer of this station, with the PIN hash and the master-key slot for that PIN."""

    __tablename__ = "officers"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16), default="officer")  # officer | admin
    pin_hash: Mapped[str] = mapped_column(String(128))
    slot_salt: Mapped[bytes] = mapped_column(LargeBinary)
    slot_kdf: Mapped[str] = mapped_column(String(64))
    slot_wrapped: Mapped[bytes] = mapped_column(LargeBinary)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Case(Base):
    """One visit: its step, its customer and the head of its audit chain."""

    __tablename__ = "cases"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    officer_id: Mapped[str] = mapped_column(ForeignKey("officers.id"))
    status: Mapped[str] = mapped_column(String(16), default=CaseStatus.OPEN)  # a CaseStatus: open | done
    step: Mapped[str] = mapped_column(String(16))
    customer_id: Mapped[str | None] = mapped_column(ForeignKey("customers.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class CaseStep(Base):
    """A step of a case: its state, the row that holds its output, its checks and any overrides."""

    __tablename__ = "case_steps"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    step: Mapped[str] = mapped_column(String(16), primary_key=True)
    state: Mapped[str] = mapped_column(String(16))  # a StepState: done | stale
    attempt: Mapped[int] = mapped_column(Integer, default=1)
    ref_id: Mapped[str | None] = mapped_column(String(36), nullable=True)  # row of the step's table
    check_statuses: Mapped[dict] = mapped_column(JSON, default=dict)  # check name -> pass/warn/fail
    checks_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)  # reasons, figures
    overrides_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    completed_by: Mapped[str] = mapped_column(ForeignKey("officers.id"))
    completed_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Customer(Base):
    """A person the bank knows, found by the blind index of the ID number."""

    __tablename__ = "customers"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    id_index: Mapped[str] = mapped_column(String(64), unique=True)
    id_number_enc: Mapped[bytes] = mapped_column(LargeBinary)
    name_enc: Mapped[bytes] = mapped_column(LargeBinary)
    address_enc: Mapped[bytes] = mapped_column(LargeBinary)  # as printed on the card
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class IdCardReadRow(Base):
    """One reading of a card: the fields and images, sealed (its checks live with the step)."""

    __tablename__ = "id_card_reads"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    engine: Mapped[str] = mapped_column(String(32))
    fields_enc: Mapped[bytes] = mapped_column(LargeBinary)
    front_image_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    back_image_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    portrait_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class FaceCheckRow(Base):
    """A face match with liveness; the live image is sealed and dropped when the case is done."""

    __tablename__ = "face_checks"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    decision: Mapped[str] = mapped_column(String(16))
    distance: Mapped[float | None] = mapped_column(nullable=True)
    threshold: Mapped[float]
    model_version: Mapped[str] = mapped_column(String(64))
    calibration: Mapped[str] = mapped_column(String(128))
    liveness: Mapped[dict] = mapped_column(JSON, default=dict)
    live_image_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class SignatureRow(Base):
    """The borrower's handwriting: strokes as evidence and the stamp image, both sealed."""

    __tablename__ = "signatures"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    strokes_enc: Mapped[bytes] = mapped_column(LargeBinary)
    png_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Account(Base):
    """The account and card opened in a case, with the contact details given for it; all sealed."""

    __tablename__ = "accounts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), unique=True)
    customer_id: Mapped[str | None] = mapped_column(ForeignKey("customers.id"), nullable=True)
    product: Mapped[str] = mapped_column(String(64))
    phone_enc: Mapped[bytes] = mapped_column(LargeBinary)
    address_enc: Mapped[bytes] = mapped_column(LargeBinary)  # where the customer lives now
    account_number_enc: Mapped[bytes] = mapped_column(LargeBinary)
    card_number_enc: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class IssuedNumber(Base):
    """Every sequence number ever issued, per kind: the unique key is what makes numbers never reused."""

    __tablename__ = "issued_numbers"
    __table_args__ = (UniqueConstraint("kind", "sequence"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))  # account | card
    sequence: Mapped[int] = mapped_column(Integer)
    case_id: Mapped[str | None] = mapped_column(ForeignKey("cases.id"), nullable=True)
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Loan(Base):
    """The loan terms and the quote shown to the borrower (no personal data)."""

    __tablename__ = "loans"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), unique=True)
    amount: Mapped[str] = mapped_column(String(24))
    months: Mapped[int]
    annual_rate: Mapped[str] = mapped_column(String(16))
    method: Mapped[str] = mapped_column(String(16))
    apr: Mapped[str] = mapped_column(String(16))
    quote: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Document(Base):
    """A document of the case set; its bytes sealed (they name the borrower)."""

    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("case_id", "kind"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    filename: Mapped[str] = mapped_column(String(128))
    sha256: Mapped[str] = mapped_column(String(64))
    signed: Mapped[bool] = mapped_column(default=False)
    pades_level: Mapped[str | None] = mapped_column(String(16), nullable=True)
    awaiting_upgrade: Mapped[bool] = mapped_column(default=False)
    content_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class AuditEvent(Base):
    """One link of a hash chain; the table refuses UPDATE and DELETE (triggers in the migration)."""

    __tablename__ = "audit_events"
    __table_args__ = (UniqueConstraint("chain", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    chain: Mapped[str] = mapped_column(String(36))  # a case id, or "station" for station events
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[str] = mapped_column(String(40))  # ISO 8601 UTC, hashed as written
    actor: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(64))
    result: Mapped[str] = mapped_column(String(16))
    figures: Mapped[str] = mapped_column(Text)  # canonical JSON, hashed as written
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The last hash and length of each chain, updated with every append: a cut tail shows."""

    __tablename__ = "audit_heads"

    chain: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


class OutboxItem(Base):
    """What waits to sync to the branch: a finished case's evidence bundle, or a PAdES upgrade to do."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))  # case | pades_upgrade
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    written_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)  # bundle in the outbox folder
    bundle: Mapped[str | None] = mapped_column(String(128), nullable=True)  # that bundle's file name
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)  # received by a branch server


class StationMeta(Base):
    """Key-value facts about this database (station id, created with version, ...)."""

    __tablename__ = "station_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
