"""A built-in sample borrower, invented, for ``station sign documents --sample``, QA and the benchmark.

Everything here is made up and marked as a sample: the person (a valid-looking but invented ID
number), the account, the loan and a handwritten signature drawn from fixed strokes. The keyed hash
of the ID number uses a fixed DEMO key, never the station's.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from datetime import date, datetime
from decimal import Decimal

from stdnum.cn import ric

from station.core.accounts import compose
from station.core.loan import quote
from station.core.models import (
    AccountOpened,
    AccountRequest,
    IdCardBack,
    IdCardFront,
    IdCardRead,
    LoanOffer,
    LoanTerms,
    RepaymentMethod,
    Sex,
    SignatureCapture,
)
from station.documents.handwriting import capture_with_png
from station.documents.render import DocumentInput
from station.signing.sign import BorrowerIdentity

SAMPLE_NAME = "李晓梅"
SAMPLE_ID_HASH_KEY = b"DEMO station sample: not a real key"
_ID_BODY = "32058219900307462"  # invented: 320582 (Zhangjiagang, Jiangsu), 1990-03-07, sequence 462 (even: female)
SAMPLE_ID_NUMBER = _ID_BODY + ric.calc_check_digit(_ID_BODY + "0")
SAMPLE_ADDRESS = "江苏省苏州市张家港市杨舍镇东湖路18号2幢301室"

Stroke = list[tuple[float, float, float, float]]


def sample_identity() -> BorrowerIdentity:
    """The sample borrower's name and the DEMO-keyed hash of the sample ID number."""
    digest = hmac.new(SAMPLE_ID_HASH_KEY, SAMPLE_ID_NUMBER.encode("ascii"), hashlib.sha256).hexdigest()
    return BorrowerIdentity(SAMPLE_NAME, digest)


def sample_input(bank_name: str, issued_at: datetime) -> DocumentInput:
    """Everything the four documents print, for the sample borrower and a 100,000 CNY, 24-month loan."""
    card = IdCardRead(
        IdCardFront(SAMPLE_NAME, Sex.FEMALE, "汉", date(1990, 3, 7), SAMPLE_ADDRESS, SAMPLE_ID_NUMBER),
        IdCardBack("张家港市公安局", date(2016, 5, 20), date(2036, 5, 20)),
        engine="sample",
    )
    account = AccountOpened(
        AccountRequest("惠农卡", "13912345678", SAMPLE_ADDRESS),
        compose("9900", "0001", "01", 1, 19),
        compose("629900", "0001", "01", 1, 19),
    )
    terms = LoanTerms(Decimal("100000"), 24, Decimal("3.45"), RepaymentMethod.EQUAL_INSTALMENT)
    offer = LoanOffer(terms, quote(terms, issued_at.date()))
    return DocumentInput(card, account, offer, bank_name, "SAMPLE-0001", issued_at)


def sample_strokes() -> list[Stroke]:
    """A flowing made-up signature: three strokes of (x, y, pressure, t_ms) points on a 600x240 pad."""
    strokes: list[Stroke] = []
    t = 0.0
    for start, width, turns, lift in ((40, 170, 2.0, 30), (230, 150, 1.5, 10), (400, 170, 2.5, 25)):
        points: Stroke = []
        for i in range(40):
            u = i / 39
            x = start + width * u
            y = 120 - 60 * math.sin(turns * math.pi * u) * (1 - 0.3 * u) + lift * u
            pressure = 0.35 + 0.5 * math.sin(math.pi * u)
            points.append((round(x, 1), round(y, 1), round(pressure, 3), round(t, 1)))
            t += 8
        strokes.append(points)
        t += 120
    return strokes


def sample_capture() -> SignatureCapture:
    """The sample strokes with their PNG, as the signature pad hands them over."""
    return capture_with_png(SignatureCapture(sample_strokes()))
