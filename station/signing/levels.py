"""PAdES baseline levels (ETSI EN 319 142-1) and what a signed PDF carries to claim one.

- **B-B**: a CAdES-detached signature (``ETSI.CAdES.detached``) with the signing certificate bound in.
- **B-T**: plus a trusted time: a signature time-stamp token in the signature, or a document
  time-stamp added after it.
- **B-LT**: plus the validation data (certificates and CRLs/OCSP responses) in the DSS.
- **B-LTA**: plus a document time-stamp over that validation data.

:func:`signature_level` reads what one signature's file carries; it checks no signature (that is QA's
verifier and the tests' job, with pyHanko and poppler). A file's level is its weakest signature's
(:func:`pades_level`). Signing, upgrading and QA's verifier all use these.
"""

from __future__ import annotations

import io
from enum import StrEnum

from asn1crypto import core
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature


class PadesLevel(StrEnum):
    B_B = "B-B"
    B_T = "B-T"
    B_LT = "B-LT"
    B_LTA = "B-LTA"

    @property
    def rank(self) -> int:
        return list(PadesLevel).index(self)


def pades_level(reader: PdfFileReader) -> PadesLevel | None:
    """The level the file's signatures reach (the weakest one's); None when it has no signature."""
    signatures = reader.embedded_regular_signatures
    if not signatures:
        return None
    doc_timestamps, revinfo_revisions = _doc_timestamps(reader), _revinfo_revisions(reader)
    return min((_level(sig, doc_timestamps, revinfo_revisions) for sig in signatures), key=lambda lv: lv.rank)


def signature_level(reader: PdfFileReader, sig: EmbeddedPdfSignature) -> PadesLevel:
    """The level one signature of the file reaches, from its own timestamp and the later revisions."""
    return _level(sig, _doc_timestamps(reader), _revinfo_revisions(reader))


def pades_level_of(pdf: bytes) -> PadesLevel | None:
    """:func:`pades_level` of a PDF in memory."""
    return pades_level(PdfFileReader(io.BytesIO(pdf)))


def has_signature_timestamp(sig: EmbeddedPdfSignature) -> bool:
    """True when the signature carries a signature time-stamp token (unsigned attribute)."""
    attrs = sig.signer_info["unsigned_attrs"]
    if isinstance(attrs, core.Void):  # absent (reading ``.native`` would decode the whole token: slow)
        return False
    return any(attr["type"].native == "signature_time_stamp_token" for attr in attrs)


def _level(sig: EmbeddedPdfSignature, doc_timestamps: list[int], revinfo_revisions: list[int]) -> PadesLevel:
    timed_at = sig.signed_revision if has_signature_timestamp(sig) else None
    if timed_at is None:
        later = [rev for rev in doc_timestamps if rev > sig.signed_revision]
        if not later:
            return PadesLevel.B_B
        timed_at = min(later)
    # validation data must come after the time that protects the signature ...
    revinfo = [rev for rev in revinfo_revisions if rev >= timed_at]
    if not revinfo:
        return PadesLevel.B_T
    # ... and an archive time-stamp must cover it
    if any(rev > min(revinfo) for rev in doc_timestamps):
        return PadesLevel.B_LTA
    return PadesLevel.B_LT


def _doc_timestamps(reader: PdfFileReader) -> list[int]:
    return [ts.signed_revision for ts in reader.embedded_timestamp_signatures]


def _revinfo_revisions(reader: PdfFileReader) -> list[int]:
    return [rev for rev in range(reader.xrefs.total_revisions) if _has_revinfo(reader, rev)]


def _has_revinfo(reader: PdfFileReader, revision: int) -> bool:
    """True when the DSS as of ``revision`` holds revocation data (CRLs or OCSP responses)."""
    try:
        dss = reader.get_historical_root(revision).get("/DSS")
        if dss is None:
            return False
        dss = dss.get_object()
        return bool(dss.get("/CRLs")) or bool(dss.get("/OCSPs"))
    except Exception:  # noqa: BLE001 - a damaged DSS (outside data, for QA) holds no usable validation data
        return False
