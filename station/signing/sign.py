"""One-pass signing: the borrower's one confirmation signs every document of the set.

On each document the **bank signs first** and certifies it (DocMDP P=2: afterwards only filling in
forms and signing are allowed), then the **borrower** signs the field left for them. The bank is the
document's author, so its certification is the author signature that ISO 32000 puts first; the
borrower's signature then covers the document *and* the bank's seal, i.e. exactly what the bank
issued; and any later change other than a signature breaks the certification. P=1 would make the
borrower's signature itself a forbidden change; P=3 would let anyone add annotations afterwards.

Each signature gets a signature time-stamp from the configured RFC 3161 service (PAdES B-T). If the
service gives no usable token the set is signed B-B, every document is marked for upgrade, and the
reason is returned: a time is never made up. :func:`station.signing.upgrade.upgrade_pdf` adds the
revocation data and document time-stamps later (B-LT, B-LTA).

What makes a set fast: the appearances are drawn once per set (the bank's seal once per kit), with
the stamp font subset to the characters drawn, and imported into each document; the borrower's
certificate is issued once per set; the timestamp service runs in process; the signature size is
computed, not estimated by a dry run; everything runs in one event loop.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import pkcs11
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError as PyHankoSigningError
from pyhanko.sign.timestamps import TimeStamper, TimestampRequestError

from station.core.models import DocumentRecord, SignatureCapture, SignedSet
from station.documents.stamps import StampPage, borrower_stamp, require_glyphs, seal_png, seal_stamp
from station.errors import CertificateRefused, DocumentRefused, TimestampUnavailable
from station.messages import Message
from station.pki import asn1_lengths
from station.pki.demo import BorrowerCertificateIssuer, PkiError, to_asn1
from station.pki.signers import BankKey, token_error
from station.pki.trust import Trust, check_signing_certificate
from station.signing.levels import PadesLevel
from station.timestamps.client import probe_timestamper

BANK_FIELD = "bank"
BORROWER_FIELD = "borrower"
DOCMDP = fields.MDPPerm.FILL_FORMS  # P=2
DIGEST = "sha256"
BANK_REASON = "银行盖章：认证本文件，此后仅允许签署"
BORROWER_REASON = "借款人本人确认并签署"
_SIGNATURE_SLACK = 4096  # DER bytes on top of the certificates and the timestamp token

asn1_lengths.install()  # else a length ending in 0x80 makes packaging a signature take seconds


@dataclass(frozen=True)
class BorrowerIdentity:
    """Who signs as borrower: the name printed on the ID card and a keyed hash of the ID number."""

    name: str = field(repr=False)
    id_hash: str = field(repr=False)


@dataclass
class SigningKit:
    """What a station reuses from one signing run to the next: keys, issuer, timestamps, trust, seal."""

    bank: BankKey
    issuer: BorrowerCertificateIssuer
    trust: Trust
    timestamper: TimeStamper | None
    stamp_font: Path
    seal: StampPage

    @classmethod
    def assemble(cls, bank: BankKey, issuer: BorrowerCertificateIssuer, trust: Trust,
                 timestamper: TimeStamper | None, stamp_font: Path, bank_name: str) -> SigningKit:
        """The kit, with the bank's seal (generated from ``bank_name``) drawn once."""
        return cls(bank, issuer, trust, timestamper, Path(stamp_font), seal_stamp(seal_png(bank_name, stamp_font)))


@dataclass(frozen=True)
class SigningOutcome:
    """The signed set (core models), the weakest level reached, and why it is not B-T when it is not."""

    signed: SignedSet
    level: PadesLevel
    timestamp_problem: str | None
    borrower_certificate: asn1_x509.Certificate


Progress = Callable[[int, int], None]


def sign_set(
    documents: Sequence[DocumentRecord],
    capture: SignatureCapture,
    borrower: BorrowerIdentity,
    kit: SigningKit,
    *,
    day: date | None = None,
    progress: Progress | None = None,
) -> SigningOutcome:
    """Sign every document: bank (certifying, P=2) then borrower, each with a signature time-stamp.

    Everything that can be refused is refused before the first signature: unreadable or changed
    documents, missing fields, characters the stamp font lacks, a blank handwriting image, an
    expired, revoked or untrusted certificate. A token failing midway raises and returns nothing.
    ``progress(done, total)`` is called after each document.
    """
    return asyncio.run(_sign_set(list(documents), capture, borrower, kit, day or date.today(), progress))


# --- the run ------------------------------------------------------------------------------------

@dataclass
class _Party:
    field_name: str
    signer: signers.Signer
    stamp: StampPage
    certify: bool
    reason: str
    reserve: int
    name: str | None = None

    def pdf_signer(self, timestamper: TimeStamper | None) -> signers.PdfSigner:
        meta = signers.PdfSignatureMetadata(
            field_name=self.field_name, md_algorithm=DIGEST, subfilter=fields.SigSeedSubFilter.PADES,
            certify=self.certify, docmdp_permissions=DOCMDP, reason=self.reason, name=self.name,
        )
        return signers.PdfSigner(meta, self.signer, timestamper=timestamper, stamp_style=self.stamp.style())


async def _sign_set(documents: list[DocumentRecord], capture: SignatureCapture, borrower: BorrowerIdentity,
                    kit: SigningKit, day: date, progress: Progress | None) -> SigningOutcome:
    if not documents:
        raise DocumentRefused("sign-no-documents")
    writers = [_open_unsigned(record) for record in documents]  # the first signature writes on these
    name = " ".join(borrower.name.split())
    require_glyphs(kit.stamp_font, borrower_name=name)
    stamp = borrower_stamp(capture.png, name, day, kit.stamp_font)
    await check_signing_certificate(kit.bank.certificate, kit.bank.chain, kit.trust, Message("whose-bank"))
    try:
        issued = kit.issuer.issue(name, borrower.id_hash)
    except PkiError as exc:
        raise CertificateRefused("sign-no-borrower-certificate", problem=str(exc)) from exc
    borrower_cert = to_asn1(issued.certificate)
    borrower_chain = [to_asn1(c) for c in issued.chain]
    await check_signing_certificate(borrower_cert, borrower_chain, kit.trust, Message("whose-borrower"),
                                    personal=True)

    timestamper, problem, token = kit.timestamper, None, None
    if timestamper is None:
        problem = "no timestamp service is configured"
    else:
        try:
            token = await probe_timestamper(timestamper, kit.trust)
        except TimestampUnavailable as exc:
            timestamper, problem = None, str(exc)
    token_size = len(token.dump()) if token is not None else 0
    parties = [
        _Party(BANK_FIELD, kit.bank.signer, kit.seal, True, BANK_REASON,
               _reserve([kit.bank.certificate, *kit.bank.chain], token_size)),
        _Party(BORROWER_FIELD, issued.signer(), stamp, False, BORROWER_REASON,
               _reserve([borrower_cert, *borrower_chain], token_size), name),
    ]
    signed: list[DocumentRecord] = []
    levels: list[PadesLevel] = []
    for number, (record, writer) in enumerate(zip(documents, writers, strict=True), start=1):
        content, timed = record.content or b"", True
        for party in parties:
            content, timestamper, problem, stamped = await _sign_one(
                content, writer, record, party, kit, timestamper, problem)
            writer, timed = None, timed and stamped
        level = PadesLevel.B_T if timed else PadesLevel.B_B
        levels.append(level)
        signed.append(replace(record, content=content, sha256=hashlib.sha256(content).hexdigest(), signed=True,
                              pades_level=level.value, awaiting_upgrade=True))
        if progress is not None:
            progress(number, len(documents))
    weakest = min(levels, key=lambda lv: lv.rank)
    return SigningOutcome(SignedSet(capture=capture, documents=signed), weakest, problem, borrower_cert)


async def _sign_one(content: bytes, writer: IncrementalPdfFileWriter | None, record: DocumentRecord,
                    party: _Party, kit: SigningKit, timestamper: TimeStamper | None, problem: str | None
                    ) -> tuple[bytes, TimeStamper | None, str | None, bool]:
    """One signature on ``content`` (through ``writer`` when one is open on it already).

    A timestamp failure falls back to no timestamp for this and every later signature of the set.
    """
    while True:
        writer = writer or IncrementalPdfFileWriter(io.BytesIO(content))
        try:
            out = await party.pdf_signer(timestamper).async_sign_pdf(
                writer, existing_fields_only=True, bytes_reserved=2 * party.reserve)
        except TimestampRequestError as exc:
            if timestamper is None:
                raise
            writer, timestamper = None, None
            problem = f"the timestamp service failed during signing ({exc})"
            continue
        except pkcs11.PKCS11Error as exc:
            raise token_error(kit.bank.source, exc) from exc
        except (PyHankoSigningError, PdfError) as exc:
            raise DocumentRefused("sign-field-failed", file=record.filename, field=party.field_name,
                                  problem=str(exc)) from exc
        return out.getvalue(), timestamper, problem, timestamper is not None


def _open_unsigned(record: DocumentRecord) -> IncrementalPdfFileWriter:
    """A writer on the document, once checked: there, unchanged since it was made, not signed, both fields."""
    if not record.content:
        raise DocumentRefused("sign-no-content", file=record.filename)
    if hashlib.sha256(record.content).hexdigest() != record.sha256:
        raise DocumentRefused("sign-changed", file=record.filename)
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(record.content))
        if writer.prev.embedded_signatures:
            raise DocumentRefused("sign-signed-already", file=record.filename)
        found = {name for name, _, _ in fields.enumerate_sig_fields(writer.prev, filled_status=None)}
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        raise DocumentRefused("sign-not-pdf", file=record.filename, problem=str(exc)) from exc
    for name in (BANK_FIELD, BORROWER_FIELD):
        if name not in found:
            raise DocumentRefused("sign-no-field", file=record.filename, field=name)
    return writer


def _reserve(certificates: Sequence[asn1_x509.Certificate], token_size: int) -> int:
    """DER bytes to reserve for a signature container holding these certificates and a token."""
    return sum(len(c.dump()) for c in certificates) + token_size + _SIGNATURE_SLACK

