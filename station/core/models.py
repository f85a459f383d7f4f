"""The data a visit takes and produces.

Plain dataclasses with no behaviour beyond (de)serialisation: the vision, signing and store libraries
return and take these, and the visit workflow passes them between steps. Personal fields live here in
clear; the store seals them before they touch the disk.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, Self, get_type_hints

from station.messages import Message

PERMANENT = "长期"
"""Printed on the back of a card that never expires (holders aged 46 or over at issue)."""


def case_reference(case_id: str) -> str:
    """The short reference of a case, as its documents print it: the id's first 8 characters, upper case."""
    return case_id[:8].upper()


class Sex(StrEnum):
    MALE = "男"
    FEMALE = "女"


class RepaymentMethod(StrEnum):
    EQUAL_INSTALMENT = "等额本息"
    EQUAL_PRINCIPAL = "等额本金"
    INTEREST_ONLY = "按月付息到期还本"


class DocumentKind(StrEnum):
    ACCOUNT_APPLICATION = "account_application"
    LOAN_CONTRACT = "loan_contract"
    CREDIT_AUTHORIZATION = "credit_authorization"
    PERSONAL_INFO_CONSENT = "personal_info_consent"


class FaceDecision(StrEnum):
    MATCH = "match"
    NO_MATCH = "no_match"
    RETRY = "retry"


class Record:
    """Mixin: JSON-safe dict round trip for the dataclasses below (dates ISO, Decimal as str, bytes b64)."""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _dump(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        hints = get_type_hints(cls)
        kwargs = {f.name: _load(hints[f.name], data[f.name]) for f in fields(cls) if f.name in data}  # type: ignore[arg-type]
        return cls(**kwargs)


def _dump(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, (list, tuple)):
        return [_dump(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _dump(v) for k, v in value.items()}
    return value


def _load(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    import types
    import typing

    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if isinstance(value, str) and str in options:
            return value
        return _load(options[0], value)
    if origin in (list, tuple):
        (item,) = typing.get_args(hint)[:1]
        loaded = [_load(item, v) for v in value]
        return tuple(loaded) if origin is tuple else loaded
    if origin in (dict, Mapping) or hint in (dict, Mapping):
        return dict(value)
    if isinstance(hint, type):
        if issubclass(hint, Record | Message):
            return hint.from_dict(value)
        if issubclass(hint, StrEnum):
            return hint(value)
        if issubclass(hint, date):
            return date.fromisoformat(value)
        if issubclass(hint, Decimal):
            return Decimal(value)
        if issubclass(hint, bytes):
            return base64.b64decode(value)
    return value


@dataclass(frozen=True)
class IdCardFront(Record):
    """The printed fields on the front of a resident ID card."""

    name: str
    sex: Sex
    ethnicity: str
    birth_date: date
    address: str
    id_number: str


@dataclass(frozen=True)
class IdCardBack(Record):
    """The printed fields on the back of a resident ID card; ``valid_to`` None means 长期."""

    issuer: str
    valid_from: date
    valid_to: date | None


@dataclass(frozen=True)
class IdCardRead(Record):
    """One reading of a card, front and back, with the images it came from.

    ``confidence`` maps a field name to the reader's confidence (0..1); ``doubtful`` maps a field name
    to the indexes of characters the reader is unsure of, so a UI can highlight them.
    """

    front: IdCardFront
    back: IdCardBack
    confidence: Mapping[str, float] = field(default_factory=dict)
    doubtful: Mapping[str, list[int]] = field(default_factory=dict)
    engine: str = "manual"
    front_image: bytes | None = None
    back_image: bytes | None = None
    portrait: bytes | None = None


@dataclass(frozen=True)
class FaceCheck(Record):
    """The outcome of matching the live face against the card portrait, with liveness."""

    decision: FaceDecision
    distance: float | None
    threshold: float
    model_version: str
    calibration: str
    liveness_passed: bool
    reason: str = ""  # in English, for the record
    liveness: Mapping[str, Any] = field(default_factory=dict)
    live_image: bytes | None = None
    message: Message | None = None  # the reason by id, for the officer's language


@dataclass(frozen=True)
class AccountRequest(Record):
    """What the officer enters to open the account."""

    product: str
    phone: str
    address: str


@dataclass(frozen=True)
class AccountOpened(Record):
    """The account as opened: what was asked, and the numbers issued (never reused, Luhn-valid)."""

    request: AccountRequest
    account_number: str
    card_number: str


@dataclass(frozen=True)
class LoanTerms(Record):
    """What the borrower asks for; ``annual_rate`` is the nominal rate in percent (3.45 = 3.45 %);
    ``fees`` are one-off, in CNY, paid at drawdown (the APR counts them)."""

    amount: Decimal
    months: int
    annual_rate: Decimal
    method: RepaymentMethod
    fees: Decimal = Decimal("0")
    credit_line: Decimal | None = None
    excluded: bool = False  # on the dishonest-persons (失信被执行人) list


@dataclass(frozen=True)
class LoanQuote(Record):
    """The figures shown to the borrower before anything is signed."""

    apr: Decimal
    total_interest: Decimal
    first_payment: Decimal
    schedule: list[dict[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class LoanOffer(Record):
    """The loan as agreed at the loan step: the terms and the figures shown for them."""

    terms: LoanTerms
    quote: LoanQuote
    start: date | None = None  # drawdown date; the schedule's due dates fall monthly after it


@dataclass(frozen=True)
class DocumentRecord(Record):
    """A document of the set, before or after signing; ``content`` is the PDF itself."""

    kind: DocumentKind
    filename: str
    sha256: str
    signed: bool = False
    pades_level: str | None = None
    awaiting_upgrade: bool = False
    content: bytes | None = None


@dataclass(frozen=True)
class DocumentSet(Record):
    """The documents generated for a case (the documents step)."""

    documents: list[DocumentRecord]




@dataclass(frozen=True)
class SignatureCapture(Record):
    """The borrower's handwriting: the strokes as evidence, the PNG for the stamp."""

    strokes: list[list[tuple[float, float, float, float]]]  # per stroke: (x, y, pressure, t_ms)
    png: bytes | None = None

    @property
    def is_empty(self) -> bool:
        return not any(len(s) >= 2 for s in self.strokes)


@dataclass(frozen=True)
class SignedSet(Record):
    """The result of the one-pass signing (the signature step): the handwriting and signed documents."""

    capture: SignatureCapture
    documents: list[DocumentRecord]
