"""Raise signed PDFs to PAdES B-LT and B-LTA once the revocation and timestamp services are reachable.

Every step is an incremental update, so the signatures already in the file stay valid:

1. every signature is checked first (intact, valid, trusted, only allowed changes since): a file
   that fails is refused, never vouched for;
2. the certificates and revocation data (CRLs; on the DEMO PKI the station's own) of every signature
   and of its signature time-stamp go into the DSS (**B-LT**);
3. a document time-stamp covers it all, its own validation data added after it (**B-LTA**). A B-B
   file (signed while the timestamp service was down) gets two: the first is its proof of time, the
   second the archive time-stamp over the first one's validation data.

If a service is unreachable the file keeps what could be added, and the result says what is missing.

Caveat on upgraded B-B files: a document time-stamp over a signature is the proof of time PAdES
accepts for B-T (so :mod:`station.signing.levels` counts it), and pyHanko validates such a file's
signatures and time-stamps; but pyHanko's AdES long-term validation (``ades_lta_validation``) insists
on a signature time-stamp *attribute* and calls such a signature indeterminate
(``SIG_CONSTRAINTS_FAILURE``). B-T files upgraded to B-LTA pass it.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
from dataclasses import dataclass, replace

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.signers.pdf_signer import PdfTimeStamper
from pyhanko.sign.timestamps import TimeStamper, TimestampRequestError
from pyhanko.sign.validation import DocumentSecurityStore, async_validate_pdf_signature, collect_validation_info
from pyhanko_certvalidator.errors import PathBuildingError, PathValidationError, ValidationError

from station.core.models import DocumentRecord
from station.errors import DocumentRefused, RevocationUnavailable
from station.pki.trust import Trust
from station.signing.levels import PadesLevel, pades_level
from station.signing.sign import DIGEST


@dataclass(frozen=True)
class UpgradeResult:
    """The file after the upgrade, its level before and after, and why it is not B-LTA when it is not."""

    content: bytes
    before: PadesLevel
    after: PadesLevel
    problem: str | None = None


def upgrade_pdf(content: bytes, trust: Trust, timestamper: TimeStamper | None) -> UpgradeResult:
    """Add revocation data and document time-stamps to a signed PDF (see the module docstring).

    Raises :class:`DocumentRefused` for a file that is unsigned, unreadable or whose signatures no
    longer hold; unreachable services are reported in the result, not raised.
    """
    return asyncio.run(_upgrade(content, trust, timestamper))


def upgrade_record(record: DocumentRecord, trust: Trust, timestamper: TimeStamper | None
                   ) -> tuple[DocumentRecord, UpgradeResult]:
    """:func:`upgrade_pdf` on a signed document of a case; the record comes back with its new level."""
    if not record.content:
        raise DocumentRefused("upgrade-no-content", file=record.filename)
    result = upgrade_pdf(record.content, trust, timestamper)
    updated = replace(record, content=result.content, sha256=hashlib.sha256(result.content).hexdigest(),
                      pades_level=result.after.value, awaiting_upgrade=result.after != PadesLevel.B_LTA)
    return updated, result


async def _upgrade(content: bytes, trust: Trust, timestamper: TimeStamper | None) -> UpgradeResult:
    reader = _read(content)
    before = pades_level(reader)
    if before is None:
        raise DocumentRefused("upgrade-no-signature")
    if before == PadesLevel.B_LTA:
        return UpgradeResult(content, before, before)
    await _require_valid(reader, trust)
    try:
        content = await _add_validation_data(reader, content, trust)
    except RevocationUnavailable as exc:
        return UpgradeResult(content, before, before, str(exc))
    if timestamper is None:
        return _result(content, before, "no timestamp service is configured")
    rounds = 2 if before == PadesLevel.B_B else 1  # B-B: a proof of time first, then the archive stamp
    try:
        for _ in range(rounds):
            content = await _document_timestamp(content, trust, timestamper)
    except (TimestampRequestError, OSError, PathValidationError, PathBuildingError, ValidationError) as exc:
        return _result(content, before, f"the timestamp service gave no usable token ({exc})")
    return _result(content, before, None)


def _result(content: bytes, before: PadesLevel, problem: str | None) -> UpgradeResult:
    after = pades_level(_read(content)) or before
    if problem is None and after != PadesLevel.B_LTA:
        problem = f"the file reached {after.value} only"
    return UpgradeResult(content, before, after, problem)


def _read(content: bytes) -> PdfFileReader:
    try:
        return PdfFileReader(io.BytesIO(content))
    except (PdfError, ValueError) as exc:
        raise DocumentRefused("upgrade-not-pdf", problem=str(exc)) from exc


async def _require_valid(reader: PdfFileReader, trust: Trust) -> None:
    for sig in reader.embedded_regular_signatures:
        try:
            status = await async_validate_pdf_signature(sig, trust.validation_context())
        except (PdfError, ValueError, KeyError, TypeError) as exc:
            raise DocumentRefused("upgrade-signature-unchecked", field=sig.field_name, problem=str(exc)) from exc
        if not status.bottom_line:
            raise DocumentRefused(
                "upgrade-signature-invalid", field=sig.field_name, summary=status.summary())


async def _add_validation_data(reader: PdfFileReader, content: bytes, trust: Trust) -> bytes:
    """One incremental update putting every signature's certificates and revocation data in the DSS."""
    context = trust.validation_context()
    writer = IncrementalPdfFileWriter(io.BytesIO(content))
    for sig in reader.embedded_regular_signatures:
        try:
            paths = await collect_validation_info(sig, context)
        except (PathValidationError, PathBuildingError, ValidationError) as exc:
            raise RevocationUnavailable(
                "upgrade-no-revocation-data", field=sig.field_name, problem=str(exc)) from exc
        DocumentSecurityStore.supply_dss_in_writer(
            writer, sig.pkcs7_content.hex().encode("ascii"), paths=paths, validation_context=context)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


async def _document_timestamp(content: bytes, trust: Trust, timestamper: TimeStamper) -> bytes:
    """A document time-stamp, with the validation data of its own certificate added to the DSS."""
    writer = IncrementalPdfFileWriter(io.BytesIO(content))
    out = await PdfTimeStamper(timestamper).async_timestamp_pdf(writer, DIGEST, trust.validation_context())
    return out.getvalue()
