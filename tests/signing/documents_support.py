"""What the document, font and handwriting tests share: invented borrowers with their loan schedules,
poppler's view of a PDF (fonts, text with positions, page images), and made-up pen strokes.

Everything is generated at test time; every person is invented.
"""

from __future__ import annotations

import math
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from station.core.models import (
    AccountOpened,
    AccountRequest,
    IdCardBack,
    IdCardFront,
    IdCardRead,
    LoanOffer,
    LoanQuote,
    LoanTerms,
    RepaymentMethod,
    Sex,
)
from station.documents.render import DocumentInput

ISSUED_AT = datetime(2026, 11, 23, 10, 30, tzinfo=timezone(timedelta(hours=8)))
BANK = "DEMO 乡村商业银行"
LONG_ADDRESS = ("新疆维吾尔自治区乌鲁木齐市天山区解放南路街道团结路社区幸福巷七十八号院三号楼二单元五百零一室"
                "附属储藏间东侧第二间靠窗位置，自治区农业科学院家属院西门进入后沿主路向北直行约二百米右转")
FEN = Decimal("0.01")


def schedule(amount: Decimal, months: int, rate: Decimal, start: date) -> list[dict[str, str]]:
    """An equal-instalment (等额本息) schedule as the loan step hands it over: strings, fen, last row exact."""
    r = rate / 1200
    payment = (amount * r * (1 + r) ** months / ((1 + r) ** months - 1)).quantize(FEN, ROUND_HALF_UP)
    balance, rows = amount, []
    for k in range(1, months + 1):
        interest = (balance * r).quantize(FEN, ROUND_HALF_UP)
        principal = payment - interest if k < months else balance
        balance -= principal
        year, month = divmod(start.month - 1 + k, 12)
        due = date(start.year + year, month + 1, min(start.day, 28))
        rows.append({"period": str(k), "due_date": due.isoformat(), "payment": str(principal + interest),
                     "principal": str(principal), "interest": str(interest), "balance": str(balance)})
    return rows


def document_input(name: str = "王小喆", ethnicity: str = "汉", address: str = LONG_ADDRESS, months: int = 24,
                   amount: str = "100000", contact_address: str = "北京市朝阳区幸福路88号院3号楼2单元501室",
                   reference: str = "20261123-0001", rows: list[dict[str, str]] | None = None) -> DocumentInput:
    """An invented borrower with an account and a loan, ready for the documents."""
    principal = Decimal(amount)
    rows = schedule(principal, months, Decimal("3.45"), ISSUED_AT.date()) if rows is None else rows
    interest = sum((Decimal(r["interest"]) for r in rows), Decimal(0))
    card = IdCardRead(IdCardFront(name, Sex.MALE, ethnicity, date(1985, 6, 15), address, "11010519850615123X"),
                      IdCardBack("乌鲁木齐市公安局天山分局", date(2015, 3, 1), date(2035, 3, 1)))
    account = AccountOpened(AccountRequest("惠农卡", "13812345678", contact_address),
                            "9900000101000012345", "6299000001010000123")
    terms = LoanTerms(principal, months, Decimal("3.45"), RepaymentMethod.EQUAL_INSTALMENT)
    first = Decimal(rows[0]["payment"]) if rows else Decimal(0)
    offer = LoanOffer(terms, LoanQuote(Decimal("3.4999"), interest, first, rows))
    return DocumentInput(card, account, offer, BANK, reference, ISSUED_AT)


# --- poppler's view of a PDF ---------------------------------------------------------------------


def poppler_bytes(tool: str, *args: str, pdf: bytes) -> bytes:
    """Run a poppler tool on the PDF given on stdin ('-'), return what it writes to stdout."""
    path = shutil.which(tool)
    assert path is not None, f"{tool} (poppler-utils) is missing: run scripts/setup.sh"
    done = subprocess.run([path, *args], input=pdf, capture_output=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return done.stdout


def poppler(tool: str, *args: str, pdf: bytes) -> str:
    """Run a poppler tool on the PDF given on stdin ('-'), return its text output."""
    return poppler_bytes(tool, *args, pdf=pdf).decode("utf-8")


@dataclass(frozen=True)
class FontRow:
    name: str
    type: str
    embedded: bool
    subset: bool
    unicode: bool


def pdffonts(pdf: bytes) -> list[FontRow]:
    lines = poppler("pdffonts", "-", pdf=pdf).splitlines()[2:]
    rows = []
    for line in lines:
        parts = line.split()
        emb, sub, uni = parts[-5:-2]
        rows.append(FontRow(parts[0], " ".join(parts[1:-6]), emb == "yes", sub == "yes", uni == "yes"))
    return rows


def pdftotext(pdf: bytes, first: int | None = None, last: int | None = None) -> str:
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    return poppler("pdftotext", *pages, "-", "-", pdf=pdf)


@dataclass(frozen=True)
class TextLine:
    page: int  # 1-based
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


def text_lines(pdf: bytes) -> tuple[tuple[float, float], list[TextLine]]:
    """Page size and every line of text with its box (poppler's coordinates: origin top left)."""
    xhtml = poppler("pdftotext", "-bbox-layout", "-", "-", pdf=pdf)
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(xhtml)
    lines, size = [], (0.0, 0.0)
    for number, page in enumerate(root.iterfind(".//h:page", ns), start=1):
        size = (float(page.get("width")), float(page.get("height")))
        for line in page.iterfind(".//h:line", ns):
            words = [w.text or "" for w in line.iterfind("h:word", ns)]
            box = [float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")]
            lines.append(TextLine(number, " ".join(words), *box))
    return size, lines


# --- pen strokes ---------------------------------------------------------------------------------


def signature_strokes(seed: int = 7, pressure: bool = True, scale: float = 1.0,
                      pressure_max: float = 1.0) -> list[list[tuple[float, float, float, float]]]:
    """A made-up cursive signature on a 600x240 pad: four strokes and a dot, with sampling jitter."""
    rng = np.random.default_rng(seed)
    shapes = [
        (lambda s: (20 + 100 * s, 60 + 10 * math.sin(6 * s)), 60),
        (lambda s: (70 + 5 * math.sin(3 * s), 20 + 110 * s), 60),
        (lambda s: (150 + 60 * math.cos(3 * math.pi * s), 80 + 40 * math.sin(3 * math.pi * s) + 30 * s), 120),
        (lambda s: (240 + 120 * s, 90 - 60 * math.sin(2 * math.pi * s) * (1 - s)), 90),
    ]
    strokes, t = [], 0.0
    for shape, n in shapes:
        stroke = []
        for i in range(n):
            s = i / (n - 1)
            x, y = shape(s)
            p = (0.25 + 0.7 * math.sin(math.pi * s)) if pressure else 1.0
            stroke.append((scale * (x + rng.normal(0, 0.4)), scale * (y + rng.normal(0, 0.4)), p * pressure_max, t))
            t += 8.0
        strokes.append(stroke)
        t += 300.0
    strokes.append([(scale * 300.0, scale * 40.0, 0.8 * pressure_max, t)])
    return strokes
