"""Fake people and step data for tests. Every person here is invented; numbers are computed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from stdnum.cn import ric

from station.core.loan import quote
from station.core.models import (
    AccountRequest,
    DocumentKind,
    DocumentRecord,
    DocumentSet,
    FaceCheck,
    FaceDecision,
    IdCardBack,
    IdCardFront,
    IdCardRead,
    LoanOffer,
    LoanTerms,
    RepaymentMethod,
    Sex,
    SignatureCapture,
    SignedSet,
)


def id_number(region: str = "110105", birth: date = date(1985, 6, 15), seq: int = 123) -> str:
    """A well-formed resident ID number for an invented person."""
    body = f"{region}{birth:%Y%m%d}{seq:03d}"
    return body + ric.calc_check_digit(body + "0")  # stdnum wants a placeholder check digit


def card_read(
    name: str = "王小喆",
    birth: date = date(1985, 6, 15),
    sex: Sex = Sex.MALE,
    region: str = "110105",
    address: str = "北京市朝阳区幸福路88号院3号楼2单元501室",
    valid_from: date = date(2015, 3, 1),
    valid_to: date | None = date(2035, 3, 1),
    number: str | None = None,
    front_image: bytes | None = b"\xff\xd8FAKE-FRONT-JPEG",
) -> IdCardRead:
    seq = 123 if sex is Sex.MALE else 124
    return IdCardRead(
        IdCardFront(name, sex, "汉", birth, address, number or id_number(region, birth, seq)),
        IdCardBack("北京市公安局朝阳分局", valid_from, valid_to),
        confidence={"name": 0.99, "id_number": 0.998},
        engine="test",
        front_image=front_image,
        back_image=b"\xff\xd8FAKE-BACK-JPEG",
        portrait=b"\x89PNG-FAKE-PORTRAIT",
    )


def card_json(read: IdCardRead) -> dict[str, object]:
    """A card in the one form the CLI takes: what ``station idcard read --json`` prints (its ``fields``)."""
    f, b = read.front, read.back
    values = {"name": f.name, "sex": f.sex.value, "ethnicity": f.ethnicity, "birth_date": f.birth_date.isoformat(),
              "address": f.address, "id_number": f.id_number, "issuer": b.issuer,
              "valid_from": b.valid_from.isoformat(), "valid_to": b.valid_to.isoformat() if b.valid_to else "长期"}
    return {"engine": read.engine, "fields": {k: {"value": v, "confidence": 1.0} for k, v in values.items()}}


def face_match(decision: FaceDecision = FaceDecision.MATCH, live: bool = True) -> FaceCheck:
    distance = 0.41 if decision is FaceDecision.MATCH else 0.72
    return FaceCheck(decision, distance, 0.55, "dlib_face_recognition_resnet_model_v1", "orl-card-v1", live,
                     liveness={"asked": ["blink", "turn_left"], "seen": ["blink", "turn_left"] if live else []},
                     live_image=b"\xff\xd8FAKE-LIVE-FRAME")


def account_request(phone: str = "13812345678") -> AccountRequest:
    return AccountRequest("惠农卡", phone, "北京市朝阳区幸福路88号院3号楼2单元501室")


def loan_offer(amount: str = "100000", months: int = 24, rate: str = "3.45", **terms: object) -> LoanOffer:
    """Terms with the quote the loan maths really gives for them (drawn on 2026-11-23)."""
    t = LoanTerms(Decimal(amount), months, Decimal(rate), RepaymentMethod.EQUAL_INSTALMENT, **terms)  # type: ignore[arg-type]
    start = date(2026, 11, 23)
    return LoanOffer(t, quote(t, start), start)


def document_set(kinds: list[DocumentKind] | None = None) -> DocumentSet:
    kinds = list(DocumentKind) if kinds is None else kinds
    return DocumentSet([
        DocumentRecord(k, f"{k.value}.pdf", f"{i:064x}", content=b"%PDF-1.7 fake " + k.value.encode())
        for i, k in enumerate(kinds, 1)
    ])


def signed_set(empty: bool = False, level: str = "B-T") -> SignedSet:
    strokes = [] if empty else [[(10.0, 10.0, 0.5, 0.0), (40.0, 30.0, 0.6, 16.0), (80.0, 20.0, 0.4, 33.0)]]
    docs = [DocumentRecord(k, f"{k.value}.pdf", f"{i:064x}", signed=True, pades_level=level,
                           content=b"%PDF-1.7 signed " + k.value.encode())
            for i, k in enumerate(DocumentKind, 1)]
    return SignedSet(SignatureCapture(strokes, None if empty else b"\x89PNG-FAKE-SIGNATURE"), docs)


# --- driving a visit with the data above -------------------------------------------------------

def x_id_number(region: str = "110105", birth: date = date(1985, 6, 15)) -> str:
    """A well-formed number whose check character is X (the case OCR reads as x, Ｘ, ...)."""
    for seq in range(1, 1000, 2):  # odd: a man, like card_read's default
        number = id_number(region, birth, seq)
        if number.endswith("X"):
            return number
    raise AssertionError("no sequence gives X")  # pragma: no cover


def default_input(step: str) -> object:
    """The factories' accepted input for a step of the visit (by the step's value)."""
    return {
        "id_card": card_read,
        "face": face_match,
        "account": account_request,
        "loan": loan_offer,
        "documents": document_set,
        "signature": signed_set,
    }[str(step)]()


def drive(visit: object, until: str = "done", inputs: dict[str, object] | None = None) -> list[object]:
    """Submit each step from the visit's current one until it stands at ``until`` (or is done).

    ``inputs`` replaces the default input of a step; every submission must be accepted.
    """
    outcomes = []
    while str(visit.current_step) != str(until) and not visit.is_done:  # type: ignore[attr-defined]
        step = str(visit.current_step)  # type: ignore[attr-defined]
        payload = (inputs or {}).get(step) or default_input(step)
        outcome = getattr(visit, f"submit_{step}")(payload)
        assert outcome.accepted, f"{step} refused: {[c for c in outcome.checks if not c.passed]}"
        outcomes.append(outcome)
    return outcomes
