"""Station-like signed documents made with pyHanko directly, for the verification tests and the bench.

They stand in for ``station/signing/sign.py``'s output where a test needs to shape the document
(attacks prepared before signing) or needs it fast and independent of that module: a Chinese page
rendered by reportlab with two empty signature fields (``bank`` and ``borrower``); as the station
does, the bank signs first and certifies (DocMDP P=2: form filling and signing only), then the
borrower signs with an event certificate from the DEMO borrower CA; each signature carries an
RFC 3161 timestamp from the local timestamp service (PAdES B-T). Test people are invented.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import MDPPerm, SigFieldSpec, SigSeedSubFilter
from pyhanko.sign.timestamps import TimeStamper
from pyhanko.stamp import TextStampStyle
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from station.pki.demo import Clock, DemoPki, IssuedCertificate, wall_clock
from station.timestamps.service import from_demo_pki

CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")  # fonts-wqy-microhei, installed by setup.sh
BORROWER_BOX = (72, 90, 252, 160)
BANK_BOX = (340, 90, 520, 160)
STAMP = TextStampStyle(stamp_text="DEMO signature\n%(ts)s")

CONTRACT_LINES = (
    "第一条 借款金额：人民币 100,000.00 元整。",
    "第二条 借款期限：24 个月，自放款之日起计算。",
    "第三条 年化利率（APR）：3.45%，按月等额本息还款。",
    "第四条 借款人应按还款计划表按期足额还款。",
    "第五条 本合同经借款人与贷款人签署后生效。",
)


@cache
def _font() -> str:
    pdfmetrics.registerFont(TTFont("station-cjk", str(CJK_FONT), subfontIndex=0))
    return "station-cjk"


def unsigned_document(title: str = "个人借款合同（DEMO）", lines: tuple[str, ...] = CONTRACT_LINES,
                      *, fields_too: bool = True) -> bytes:
    """A one-page Chinese document; with ``fields_too`` the empty ``borrower`` and ``bank`` fields are added."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    font = _font()
    page.setFont(font, 18)
    page.drawString(72, 770, title)
    page.setFont(font, 12)
    for i, line in enumerate(lines):
        page.drawString(72, 730 - 22 * i, line)
    page.drawString(72, 175, "借款人（签字）：")
    page.drawString(340, 175, "贷款人（盖章）：")
    page.showPage()
    page.save()
    if not fields_too:
        return buffer.getvalue()
    writer = IncrementalPdfFileWriter(io.BytesIO(buffer.getvalue()))
    fields.append_signature_field(writer, SigFieldSpec("borrower", box=BORROWER_BOX))
    fields.append_signature_field(writer, SigFieldSpec("bank", box=BANK_BOX))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def sign(pdf: bytes, field: str, material: IssuedCertificate, *, timestamper: TimeStamper | None,
         certify: bool = False) -> bytes:
    """Sign the existing field ``field`` of ``pdf`` (PAdES, with a signature timestamp when given one)."""
    meta = signers.PdfSignatureMetadata(
        field_name=field, certify=certify, docmdp_permissions=MDPPerm.FILL_FORMS,
        subfilter=SigSeedSubFilter.PADES,
    )
    signer = signers.PdfSigner(meta, material.signer(), timestamper=timestamper, stamp_style=STAMP)
    out = signer.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), existing_fields_only=True)
    return out.getvalue()


@dataclass
class StationLike:
    """Makes documents the way the station signs them: bank certifies, borrower signs, a timestamp each.

    ``clock`` dates the timestamps and the borrowers' certificates.
    """

    pki: DemoPki
    clock: Clock = wall_clock

    def __post_init__(self) -> None:
        self.timestamper = from_demo_pki(self.pki, self.clock)
        self.bank = self.pki.bank_signer_material()
        self._issuer = self.pki.borrower_issuer(self.clock)

    def borrower(self, name: str = "王小明") -> IssuedCertificate:
        """An event certificate for an invented borrower (serialNumber: a hash standing in for the keyed one)."""
        return self._issuer.issue(name, hashlib.sha256(f"demo-id:{name}".encode()).hexdigest())

    def signed(self, borrower: IssuedCertificate | None = None, *, title: str = "个人借款合同（DEMO）",
               lines: tuple[str, ...] = CONTRACT_LINES, timestamp: bool = True) -> bytes:
        """An untouched station-like output: bank (certifying) then borrower, each timestamped."""
        stamper = self.timestamper if timestamp else None
        pdf = sign(unsigned_document(title, lines), "bank", self.bank, timestamper=stamper, certify=True)
        return sign(pdf, "borrower", borrower or self.borrower(), timestamper=stamper)

    def signed_from(self, pdf: bytes, borrower: IssuedCertificate | None = None) -> bytes:
        """Sign a document someone else prepared (it must have the two empty fields)."""
        pdf = sign(pdf, "bank", self.bank, timestamper=self.timestamper, certify=True)
        return sign(pdf, "borrower", borrower or self.borrower(), timestamper=self.timestamper)

    def bank_only(self) -> bytes:
        """The document after the bank signed and before the borrower did."""
        return sign(unsigned_document(), "bank", self.bank, timestamper=self.timestamper, certify=True)
