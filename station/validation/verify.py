"""QA verification of signed PDFs: one verdict per file, its reasons, and every signature's details.

A verdict rests on more than pyHanko's word:

1. **pyHanko** validates each signature (integrity, the signer's certificate chain to the QA trust
   store with ``hard-fail`` revocation, the timestamp, coverage, changes after signing against the
   document's permissions);
2. **our own revocation check** (:mod:`station.pki.trust_store`) demands, for every certificate
   of the signer's and the timestamp authority's chains, a current CRL from its issuer that does not
   list it (pyHanko skips certificates that name no CRL distribution point);
3. **our own structural parse** (:mod:`station.validation.structure`) accounts for every byte of
   the file and checks that each ``/ByteRange`` gap is its own signature's ``/Contents``: incremental
   saving, signature wrapping and hidden revisions are caught even where pyHanko sees nothing;
4. **nothing may follow the last signature** but validation data and document timestamps: what a
   viewer would show that no signature covers fails the file, even where the first signature's
   permissions allow it (a form filled in after every party signed is a shadow attack);
5. every exception while reading is a failed check with its message, never a pass.

Verdicts: VALID; INVALID (tampered, broken, revoked, expired at signing time, changed after signing,
suspicious structure, unreadable, unsigned...); UNTRUSTED (sound, but not from a trusted root);
INDETERMINATE (revocation unknown, encrypted, too many signatures to analyse). The verdicts, reasons
and reports are the plain values of :mod:`station.validation.results`.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import logging
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from typing import Any, BinaryIO

from asn1crypto import crl as asn1_crl
from asn1crypto import ocsp as asn1_ocsp
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.generic import Reference
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESFailure, AdESIndeterminate
from pyhanko.sign.diff_analysis import DiffResult, ModificationLevel, SuspiciousModification
from pyhanko.sign.fields import MDPPerm, enumerate_sig_fields
from pyhanko.sign.validation import (
    DocumentSecurityStore,
    EmbeddedPdfSignature,
    SignatureCoverageLevel,
    async_validate_pdf_signature,
    async_validate_pdf_timestamp,
)
from pyhanko.sign.validation.errors import NoDSSFoundError
from pyhanko.sign.validation.status import DocumentTimestampStatus, PdfSignatureStatus, TimestampSignatureStatus
from pyhanko_certvalidator import ValidationContext

from station.core.checks import CheckResult, failed, passed, warned
from station.messages import verbatim
from station.pki import asn1_lengths
from station.pki.trust_store import CrlIndex, Revocation, TrustStore, revocation_status
from station.signing.levels import PadesLevel, signature_level
from station.validation import pdf_speedups
from station.validation.pages import RenderError, pages_differ
from station.validation.results import (
    DEFAULT_OPTIONS,
    CertificateInfo,
    Expectation,
    FileReport,
    Problem,
    PyHankoSummary,
    Reason,
    SignatureDetails,
    Verdict,
    VerifyOptions,
)
from station.validation.structure import Structure, StructureError, inspect_structure

# pyHanko and its certificate validator log certificate subjects (borrowers' names) with every
# warning; personal data never goes to the station's logs (PIPL), so only errors pass.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).setLevel(logging.ERROR)
pdf_speedups.install()
asn1_lengths.install()  # else a file holding a length that ends in 0x80 can take seconds to check

PADES_SUBFILTER = "/ETSI.CAdES.detached"

Status = PdfSignatureStatus | DocumentTimestampStatus
"""pyHanko's word on one signature, or on one document timestamp."""
Validated = Status | Exception
"""What validating one signature gives: its status, or the exception that stopped pyHanko."""
ChainStatus = PdfSignatureStatus | TimestampSignatureStatus
"""A status whose signer's certificate chain is judged: a signature's, or a timestamp's (of either kind)."""


# --- the entry point ----------------------------------------------------------------------------

def verify_pdf(
    source: Path | bytes,
    trust: TrustStore,
    *,
    name: str | None = None,
    expect: Expectation | None = None,
    options: VerifyOptions = DEFAULT_OPTIONS,
) -> FileReport:
    """Verify one PDF (a path, or its bytes: personal data need not touch the disk)."""
    started = time.perf_counter()
    label = name or (source.name if isinstance(source, Path) else "document.pdf")
    run = _Run(label, trust, expect, options)
    try:
        with _opened(source, options.in_memory_limit) as (stream, size, digest):
            run.size, run.sha256 = size, digest
            asyncio.run(run.verify(stream))
    except OSError as exc:
        run.problem(Reason.UNREADABLE, f"the file cannot be read ({exc.strerror or exc})")
    except Exception as exc:  # noqa: BLE001 - an exception from a parser of outside data is a failed check
        run.problem(Reason.ERROR, f"verification stopped on {type(exc).__name__}: {exc}")
    return run.report(time.perf_counter() - started)


@contextmanager
def _opened(source: Path | bytes, in_memory_limit: int) -> Iterator[tuple[BinaryIO, int, str]]:
    """(stream, size, sha256): small files are read whole, large ones are streamed from disk."""
    if isinstance(source, bytes):
        yield io.BytesIO(source), len(source), hashlib.sha256(source).hexdigest()
        return
    size = source.stat().st_size
    if size <= in_memory_limit:
        data = source.read_bytes()
        yield io.BytesIO(data), len(data), hashlib.sha256(data).hexdigest()
        return
    with source.open("rb") as handle:
        digest = hashlib.sha256()
        while chunk := handle.read(4 * 1024 * 1024):
            digest.update(chunk)
        handle.seek(0)
        yield handle, size, digest.hexdigest()


# --- one run ------------------------------------------------------------------------------------

class _Run:
    """The state of verifying one file."""

    def __init__(self, name: str, trust: TrustStore, expect: Expectation | None, options: VerifyOptions) -> None:
        self.name, self.trust, self.expect, self.options = name, trust, expect, options
        self.size = 0
        self.sha256: str | None = None
        self.problems: list[Problem] = []
        self.checks: list[CheckResult] = []
        self.signatures: list[SignatureDetails] = []
        self.structure: Structure | None = None
        self.revisions: int | None = None
        self.pages: int | None = None
        self.level: str | None = None
        self.pyhanko_accepts: bool | None = None
        self.source: BinaryIO | None = None

    def problem(self, reason: Reason, message: str, field: str | None = None, verdict: Verdict | None = None) -> None:
        self.problems.append(Problem.of(reason, message, field, verdict))

    def report(self, elapsed: float) -> FileReport:
        worst = max((p.verdict for p in self.problems), key=lambda v: v.weight, default=Verdict.VALID)
        return FileReport(
            name=self.name, size=self.size, sha256=self.sha256, verdict=worst, problems=tuple(self.problems),
            signatures=tuple(self.signatures), checks=tuple(self.checks), revisions=self.revisions,
            pages=self.pages, pdf_version=self.structure.version if self.structure else None,
            pades_level=self.level, pyhanko_accepts=self.pyhanko_accepts, elapsed_s=elapsed,
            trust=self.trust.describe(),
        )

    async def verify(self, stream: BinaryIO) -> None:
        self.source = stream
        head = stream.read(1024)
        if b"%PDF-" not in head:
            self.problem(Reason.NOT_PDF, f"no %PDF- header in the first 1024 bytes (it starts with {head[:8]!r})")
            return
        stream.seek(0)
        reader = self._reader(stream)
        if reader is None or not self._decrypted(reader):
            return
        self.revisions = reader.xrefs.total_revisions
        self.pages = _page_count(reader)
        try:
            self.structure = inspect_structure(stream, reader.xrefs)
        except StructureError as exc:
            self.problem(Reason.STRUCTURE, str(exc))
        signatures = self._signatures(reader)
        if signatures is None:
            return
        if len(signatures) > self.options.max_signatures:
            self.problem(Reason.TOO_MANY_SIGNATURES,
                         f"{len(signatures)} signatures; this verifier analyses at most {self.options.max_signatures} "
                         "per file (changes after signing grow with their square); no loan document has that many")
            self._structure_findings(())
            return
        context, embedded_crls = self._context(reader, signatures)
        crls = CrlIndex.of([*self.trust.crls, *embedded_crls])
        statuses: list[Validated] = []
        for sig in signatures:
            status = await self._validate(sig, context)
            statuses.append(status)
            self.signatures.append(self._details(reader, sig, status, crls))
        self.pyhanko_accepts = all(_pyhanko_bottom_line(s) for s in statuses)
        self.level = _file_level(self.signatures)
        covered = self._covered_ranges(statuses)
        self._structure_findings(covered)
        self._after_last_signature(reader, signatures, statuses)
        self._unsigned_fields(reader)
        if self.expect is not None:
            self._expectations(self.expect)
        for details in self.signatures:
            self.problems.extend(details.problems)

    # --- reading ------------------------------------------------------------------------------

    def _reader(self, stream: BinaryIO) -> PdfFileReader | None:
        try:
            reader = PdfFileReader(stream, strict=True)
            _ = reader.root
            return reader
        except Exception as strict_exc:  # noqa: BLE001 - reading outside data
            stream.seek(0)
            try:
                reader = PdfFileReader(stream, strict=False)
                _ = reader.root
            except Exception as exc:  # noqa: BLE001
                self.problem(Reason.UNREADABLE, f"the file is damaged or cut off: {exc or type(exc).__name__}")
                return None
            self.problem(Reason.STRUCTURE, f"the file breaks PDF syntax rules a strict reader enforces: {strict_exc}")
            return reader

    def _decrypted(self, reader: PdfFileReader) -> bool:
        if not reader.encrypted:
            return True
        try:
            result = reader.decrypt(b"")
            opened = result.status.name != "FAILED"
        except Exception:  # noqa: BLE001 - a security handler we cannot use
            opened = False
        if not opened:
            self.problem(Reason.ENCRYPTED, "the file is encrypted and needs a password (or a key) to be read; "
                         "verify the unencrypted original")
            return False
        self.checks.append(warned("pdf.encryption", "verify-empty-password"))
        return True

    def _signatures(self, reader: PdfFileReader) -> list[EmbeddedPdfSignature] | None:
        try:
            signatures = list(reader.embedded_signatures)
            filled = [name for name, value, _ in enumerate_sig_fields(reader, filled_status=True) if value is not None]
        except Exception as exc:  # noqa: BLE001
            self.problem(Reason.UNREADABLE, f"the signature fields cannot be read: {exc or type(exc).__name__}")
            return None
        ignored = sorted(set(filled) - {s.field_name for s in signatures})
        for name in ignored:
            self.problem(Reason.SIGNATURE_BROKEN, "a signature of a kind this verifier does not know "
                         "(its /SubFilter); it cannot be checked", name)
        if not signatures:
            if not ignored:
                self.problem(Reason.UNSIGNED, "the file has no signature")
            self._structure_findings(())
            return None
        return signatures

    def _context(self, reader: PdfFileReader, signatures: Sequence[EmbeddedPdfSignature]
                 ) -> tuple[ValidationContext, list[asn1_crl.CertificateList]]:
        """A validation context with the file's own validation data (DSS, signers' revocation archives)."""
        certs: list[asn1_x509.Certificate] = []
        crls: list[asn1_crl.CertificateList] = []
        ocsps: list[asn1_ocsp.OCSPResponse] = []
        try:
            dss = DocumentSecurityStore.read_dss(reader)
            certs += list(dss.load_certs())
            crls += [asn1_crl.CertificateList.load(ref.get_object().data) for ref in dss.crls]
            ocsps += [asn1_ocsp.OCSPResponse.load(ref.get_object().data) for ref in dss.ocsps]
        except NoDSSFoundError:
            pass
        for sig in signatures:
            archived_crls, archived_ocsps = _revocation_archive(sig)
            crls += archived_crls
            ocsps += archived_ocsps
        crls = list({c.dump(): c for c in crls}.values())
        return self.trust.context(certs, crls, ocsps), crls

    async def _validate(self, sig: EmbeddedPdfSignature, context: ValidationContext) -> Validated:
        try:
            if sig.sig_object_type == "/DocTimeStamp":
                return await async_validate_pdf_timestamp(sig, context)
            return await async_validate_pdf_signature(sig, context, ts_validation_context=context)
        except Exception as exc:  # noqa: BLE001 - crafted files make pyHanko raise: a failed check
            return exc

    # --- one signature ------------------------------------------------------------------------

    def _details(self, reader: PdfFileReader, sig: EmbeddedPdfSignature, status: Validated,
                 crls: CrlIndex) -> SignatureDetails:
        name = sig.field_name
        problems: list[Problem] = []
        byte_range = tuple(int(v) for v in sig.byte_range) if _is_int_list(sig.byte_range) else ()
        ref = sig.sig_object.container_ref
        if self.structure is not None and isinstance(ref, Reference):
            for finding in self.structure.signature_layout((ref.idnum, ref.generation), list(byte_range)):
                problems.append(Problem.of(Reason.STRUCTURE, finding.message, name))
        if isinstance(status, Exception):
            problems.append(Problem.of(Reason.ERROR, f"pyHanko could not validate it: {type(status).__name__}: "
                                       f"{status}", name))
            return _bare_details(sig, problems, byte_range)
        kind = "document timestamp" if isinstance(status, DocumentTimestampStatus) else "signature"
        cert = status.signing_cert
        chain = _chain(status, sig)
        timestamp = status if isinstance(status, DocumentTimestampStatus) else status.timestamp_validity
        signing_time, source = _signing_time(status)
        problems += _integrity_problems(status, name)
        problems += self._trust_problems(status, name, cert, signing_time, source)
        if isinstance(status, PdfSignatureStatus) and status.timestamp_validity is not None:
            problems += _timestamp_problems(status.timestamp_validity, name, self.trust.describe())
        revocation = self._revocation(status, chain, crls, signing_time, source, name, problems)
        level = self._pades_level(reader, sig)
        diff = status.diff_result
        changed = tuple(sorted(diff.changed_form_fields)) if isinstance(diff, DiffResult) else ()
        verdict = max((p.verdict for p in problems), key=lambda v: v.weight, default=Verdict.VALID)
        docmdp = sig.docmdp_level
        return SignatureDetails(
            field=name, kind=kind, verdict=verdict,
            problems=tuple(problems), signer=_cn(cert), chain=tuple(CertificateInfo.of(c) for c in chain),
            signing_time=signing_time, time_source=source,
            timestamp_authority=_cn(timestamp.signing_cert) if timestamp is not None else None,
            pades_level=level, certification=_permission(docmdp) if _certifies(reader, sig) else None,
            revision=sig.signed_revision + 1, byte_range=byte_range, coverage=_coverage(status.coverage, sig, reader),
            changes_after=_changes(diff), changes_allowed=status.docmdp_ok, changed_fields=changed,
            revocation=tuple(revocation), pyhanko=_pyhanko_summary(status),
        )

    def _trust_problems(self, status: Status, name: str, cert: asn1_x509.Certificate,
                        signing_time: datetime | None, source: str | None) -> list[Problem]:
        problems = []
        within = signing_time is None or cert.not_valid_before <= signing_time <= cert.not_valid_after
        if not within:
            problems.append(Problem.of(
                Reason.EXPIRED, "the signer's certificate was not valid when it signed "
                f"({signing_time:%Y-%m-%d %H:%M} UTC by the {source}; valid {cert.not_valid_before:%Y-%m-%d} to "
                f"{cert.not_valid_after:%Y-%m-%d})", name))
        if not isinstance(status, DocumentTimestampStatus) and cert.key_usage_value is None:
            problems.append(Problem.of(Reason.KEY_USAGE, "the signer's certificate declares no key usage; a signing "
                                       "certificate must allow digital signatures or non-repudiation", name))
        if status.intact and status.valid:  # a broken signature's chain is not looked at
            role = "timestamp authority" if isinstance(status, DocumentTimestampStatus) else "signer"
            problems += _chain_problems(status, role, name, self.trust.describe(), expired_since=within)
        return problems

    def _revocation(self, status: Status, chain: Sequence[asn1_x509.Certificate], crls: CrlIndex,
                    signing_time: datetime | None, source: str | None, name: str,
                    problems: list[Problem]) -> list[str]:
        """Our own CRL check of the signer's and the timestamp authority's chains (needs a trusted path)."""
        lines = []
        paths = [("signer", status.validation_path)]
        timestamp = status.timestamp_validity if isinstance(status, PdfSignatureStatus) else None
        if timestamp is not None:
            paths.append(("timestamp authority", timestamp.validation_path))
        now = datetime.now(UTC)
        for role, path in paths:
            if path is None:
                continue
            for index, result in enumerate(revocation_status(path, crls, now)):
                who = f"the {role}'s certificate" if index == 0 else f"the certificate of a CA in the {role}'s chain"
                lines.append(f"{who}: {result.status.value}, {result.detail}")
                if result.status is Revocation.UNKNOWN:
                    problems.append(Problem.of(Reason.REVOCATION_UNKNOWN, f"nothing says {who} is not "
                                               f"revoked: {result.detail} (give --crl, or use --online)", name))
                elif result.status is Revocation.REVOKED:
                    after = (result.revoked_at is not None and signing_time is not None and source == "timestamp"
                             and result.revoked_at > signing_time)
                    message = f"{who} was {result.detail}"
                    if after:
                        problems.append(Problem.of(Reason.REVOKED, f"{message}, after the timestamped signing time "
                                                   f"{signing_time:%Y-%m-%d %H:%M} UTC; whether the signature still "
                                                   "counts is a policy decision", name, Verdict.INDETERMINATE))
                    else:
                        problems.append(Problem.of(Reason.REVOKED, message, name))
        if status.revoked and not any(p.reason is Reason.REVOKED for p in problems):
            details = status.revocation_details
            when = f" on {details.revocation_date:%Y-%m-%d %H:%M} UTC" if details is not None else ""
            problems.append(Problem.of(Reason.REVOKED, f"pyHanko found a certificate of the chain revoked{when}", name))
        return lines

    def _pades_level(self, reader: PdfFileReader, sig: EmbeddedPdfSignature) -> str | None:
        if sig.sig_object_type == "/DocTimeStamp":
            return None
        if sig.sig_object.get("/SubFilter") != PADES_SUBFILTER:
            return f"not PAdES ({sig.sig_object.get('/SubFilter')})"
        return signature_level(reader, sig).value

    # --- the whole file -----------------------------------------------------------------------

    def _covered_ranges(self, statuses: Sequence[Validated]) -> list[tuple[int, int]]:
        """Byte ranges hashed by signatures that are intact, valid and laid out honestly."""
        ranges = []
        for status, details in zip(statuses, self.signatures, strict=True):
            if isinstance(status, Exception) or not (status.intact and status.valid) or len(details.byte_range) != 4:
                continue
            if any(p.reason is Reason.STRUCTURE for p in details.problems):
                continue
            _, a, b, c = details.byte_range
            ranges += [(0, a), (b, b + c)]
        return ranges

    def _structure_findings(self, covered: Sequence[tuple[int, int]]) -> None:
        if self.structure is None:
            return
        if not self.structure.findings:
            self.checks.append(passed("pdf.structure", "verify-structure-ok",
                                      {"revisions": len(self.structure.revisions)}))
        for finding in self.structure.findings:
            inside = finding.offset is not None and any(a <= finding.offset < b for a, b in covered)
            if finding.always_fails or not inside:
                self.problem(Reason.STRUCTURE, finding.message)
                self.checks.append(failed(f"pdf.{finding.code}", verbatim(finding.message), offset=finding.offset))
            else:
                self.checks.append(warned(f"pdf.{finding.code}", "verify-finding-signed",
                                          {"finding": finding.message}, offset=finding.offset))

    def _after_last_signature(self, reader: PdfFileReader, signatures: Sequence[EmbeddedPdfSignature],
                              statuses: Sequence[Validated]) -> None:
        """Nothing but validation data and document timestamps may follow the last signature."""
        total = reader.xrefs.total_revisions
        good = [(sig, st) for sig, st in zip(signatures, statuses, strict=True)
                if not isinstance(st, Exception) and st.intact and st.valid]
        if not good:
            return
        sig, status = max(good, key=lambda pair: pair[0].signed_revision)
        if sig.signed_revision == total - 1:
            self.checks.append(passed("pdf.coverage", "verify-coverage", {"field": sig.field_name}))
            return
        level = status.modification_level
        after = f"revisions {sig.signed_revision + 2} to {total}" if total - sig.signed_revision > 2 \
            else f"revision {total}"
        if level is None or level > ModificationLevel.LTA_UPDATES:
            diff = status.diff_result
            fields = diff.changed_form_fields if isinstance(diff, DiffResult) else None
            named = f" (fields: {', '.join(sorted(fields))})" if fields else ""
            self.problem(Reason.CHANGED, f"{after}, after the last valid signature ({sig.field_name}): "
                         f"{_changes(diff)}{named}; "
                         "no signature covers what a viewer shows there")
            return
        if self.options.visual_check and self.pages:
            self._compare_renders(sig, after, self.pages)

    def _compare_renders(self, sig: EmbeddedPdfSignature, after: str, pages: int) -> None:
        revision = self.structure.revisions[sig.signed_revision] if self.structure else None
        if revision is None or self.source is None or self.size > self.options.in_memory_limit:
            return
        self.source.seek(0)
        whole = self.source.read()
        try:
            differ = pages_differ(whole[:revision.end], whole, pages)
        except RenderError as exc:
            self.checks.append(warned("pdf.after-last-signature", "verify-after-unrendered",
                                      {"after": after, "problem": str(exc)}))
            return
        if differ:
            self.problem(Reason.CHANGED, f"{after} should hold validation data only, yet page(s) "
                         f"{', '.join(map(str, differ))} render differently than at the last signature")
        else:
            self.checks.append(passed("pdf.after-last-signature", "verify-after-ok", {"after": after}))

    def _unsigned_fields(self, reader: PdfFileReader) -> None:
        try:
            empty = [name for name, value, _ in enumerate_sig_fields(reader, filled_status=False) if value is None]
        except Exception:  # noqa: BLE001 - reported by _signatures already
            return
        if empty:
            self.checks.append(warned("signature.unsigned-fields", "verify-empty-fields", {"fields": ", ".join(empty)}))

    def _expectations(self, expect: Expectation) -> None:
        by_field = {s.field: s for s in self.signatures}
        for field_name, party in expect.fields.items():
            details = by_field.get(field_name)
            if details is None:
                self.problem(Reason.NOT_AS_EXPECTED, f"the {party}'s signature is missing (no signed field "
                             f"'{field_name}')")
            elif party == "borrower" and expect.customer is not None:
                if _normal(details.signer) != _normal(expect.customer):
                    self.problem(Reason.NOT_AS_EXPECTED, "the certificate in the borrower's field names another "
                                 "person than the case's customer", field_name)
                else:
                    self.checks.append(passed("station.borrower", "verify-borrower-named"))
        if expect.only_these:
            for details in self.signatures:
                if details.field not in expect.fields and details.kind == "signature":
                    self.problem(Reason.NOT_AS_EXPECTED, "a signature in a field the station does not use",
                                 details.field)


# --- helpers ------------------------------------------------------------------------------------

def _is_int_list(value: Any) -> bool:
    try:
        return all(isinstance(int(v), int) for v in value)
    except (TypeError, ValueError):
        return False


def _page_count(reader: PdfFileReader) -> int | None:
    try:
        return int(reader.root["/Pages"]["/Count"])
    except Exception:  # noqa: BLE001 - a broken page tree is not our verdict's business here
        return None


def _cn(cert: asn1_x509.Certificate | None) -> str | None:
    if cert is None:
        return None
    return cert.subject.native.get("common_name") or cert.subject.human_friendly


def _normal(text: str | None) -> str:
    return "".join((text or "").split())


def _chain(status: Status, sig: EmbeddedPdfSignature) -> list[asn1_x509.Certificate]:
    """The signer's certificate up to the root: the validated path, or what the signature carries."""
    if status.validation_path is not None:
        return list(reversed(list(status.validation_path.iter_certs(include_root=True))))
    chain = [status.signing_cert]
    others = list(sig.other_embedded_certs)
    while True:
        issuer = next((c for c in others if c.subject == chain[-1].issuer and c not in chain), None)
        if issuer is None or chain[-1].self_signed != "no":
            return chain
        chain.append(issuer)


def _signing_time(status: Status) -> tuple[datetime | None, str | None]:
    if isinstance(status, DocumentTimestampStatus):
        return status.timestamp, "timestamp"
    timestamp = status.timestamp_validity
    if timestamp is not None and timestamp.intact and timestamp.valid and timestamp.trusted:
        return timestamp.timestamp, "timestamp"
    if status.signer_reported_dt is not None:
        return status.signer_reported_dt, "signer's clock"
    return None, None


def _integrity_problems(status: Status, name: str) -> list[Problem]:
    problems = []
    if not status.intact:
        problems.append(Problem.of(Reason.TAMPERED, "the signed bytes have changed since signing (digest mismatch)",
                                   name))
    elif not status.valid:
        problems.append(Problem.of(Reason.SIGNATURE_BROKEN, "the signature value does not verify with the signer's "
                                   "certificate", name))
    if status.coverage is not None and status.coverage < SignatureCoverageLevel.ENTIRE_REVISION:
        problems.append(Problem.of(Reason.TAMPERED, "the signature does not cover a whole revision of the file "
                                   f"({status.coverage.name})", name))
    diff = status.diff_result
    if isinstance(diff, SuspiciousModification):
        problems.append(Problem.of(Reason.CHANGED, f"changed after signing in a suspicious way: {diff}", name))
    elif status.docmdp_ok is False:
        problems.append(Problem.of(Reason.CHANGED, f"changed after signing in a way its permissions do not allow "
                                   f"({_changes(diff)})", name))
    return problems


def _timestamp_problems(timestamp: TimestampSignatureStatus, name: str, trust: str) -> list[Problem]:
    if not (timestamp.intact and timestamp.valid):
        return [Problem.of(Reason.TAMPERED, "the signature's timestamp token does not verify", name)]
    return _chain_problems(timestamp, "timestamp authority", name, trust, expired_since=True)


def _chain_problems(status: ChainStatus, role: str, name: str, trust: str, *, expired_since: bool) -> list[Problem]:
    """pyHanko's word on a certificate chain, as problems (revocations are left to our own check)."""
    if status.trusted:
        return []
    indication = status.trust_problem_indic
    cert = status.signing_cert
    if status.revoked or indication in (AdESIndeterminate.REVOKED_NO_POE, AdESIndeterminate.REVOKED_CA_NO_POE,
                                        AdESFailure.REVOKED):
        return []  # our own revocation check reports it, with the date
    if indication is AdESIndeterminate.NO_CERTIFICATE_CHAIN_FOUND:
        return [Problem.of(Reason.UNTRUSTED, f"the {role}'s certificate (issued by {cert.issuer.human_friendly}) does "
                           f"not chain to a trusted root: {trust}", name)]
    if indication in (AdESIndeterminate.EXPIRED, AdESIndeterminate.OUT_OF_BOUNDS_NO_POE,
                      AdESIndeterminate.OUT_OF_BOUNDS_NOT_REVOKED, AdESIndeterminate.NOT_YET_VALID,
                      AdESFailure.NOT_YET_VALID):
        if not expired_since:
            return []  # reported as expired at signing time
        return [Problem.of(Reason.REVOCATION_UNKNOWN, f"a certificate of the {role}'s chain is no longer valid and "
                           "the file carries no long-term validation data (B-LTA) proving it was valid and "
                           "unrevoked at the time", name)]
    if indication in (AdESIndeterminate.SIG_CONSTRAINTS_FAILURE, AdESIndeterminate.CHAIN_CONSTRAINTS_FAILURE):
        return [Problem.of(Reason.KEY_USAGE, f"the {role}'s certificate is not allowed for this use "
                           f"({indication.name})", name)]
    if indication in (AdESIndeterminate.TRY_LATER, AdESIndeterminate.CERTIFICATE_CHAIN_GENERAL_FAILURE,
                      AdESIndeterminate.REVOCATION_OUT_OF_BOUNDS_NO_POE):
        return [Problem.of(Reason.REVOCATION_UNKNOWN, f"pyHanko found no usable revocation data for the {role}'s "
                           "chain (no CRL or OCSP response in the file, the trust store or --crl)", name)]
    named = indication.name if isinstance(indication, Enum) else "no reason given"
    return [Problem.of(Reason.UNTRUSTED, f"the {role}'s certificate chain could not be validated ({named})", name,
                       Verdict.INDETERMINATE)]


def _coverage(level: SignatureCoverageLevel | None, sig: EmbeddedPdfSignature, reader: PdfFileReader) -> str:
    total = reader.xrefs.total_revisions
    if level is SignatureCoverageLevel.ENTIRE_FILE:
        return "the whole file"
    if level is SignatureCoverageLevel.ENTIRE_REVISION:
        return f"revisions 1 to {sig.signed_revision + 1} of {total}"
    return f"unclear ({level.name if level else 'not evaluated'})"


def _changes(diff: DiffResult | SuspiciousModification | None) -> str:
    if diff is None:
        return "not analysed"
    if isinstance(diff, SuspiciousModification):
        return f"suspicious changes ({diff})"
    return {
        ModificationLevel.NONE: "no changes",
        ModificationLevel.LTA_UPDATES: "validation data and timestamps added",
        ModificationLevel.FORM_FILLING: "signatures added or form fields filled in",
        ModificationLevel.ANNOTATIONS: "annotations added or changed",
        ModificationLevel.OTHER: "content changed",
    }[diff.modification_level]


def _permission(docmdp: MDPPerm | None) -> str | None:
    if docmdp is None:
        return None
    return {1: "P=1: no changes", 2: "P=2: form filling and signing", 3: "P=3: also annotations"}.get(
        docmdp.value, str(docmdp))


def _certifies(reader: PdfFileReader, sig: EmbeddedPdfSignature) -> bool:
    try:
        return reader.root["/Perms"].raw_get("/DocMDP").reference == sig.sig_object.container_ref
    except (KeyError, AttributeError):
        return False


def _pyhanko_summary(status: Status) -> PyHankoSummary:
    return {
        "bottom_line": _pyhanko_bottom_line(status), "intact": status.intact, "valid": status.valid,
        "trusted": status.trusted, "revoked": status.revoked,
        "coverage": status.coverage.name if status.coverage else None,
        "modification_level": status.modification_level.name if status.modification_level else None,
        "docmdp_ok": status.docmdp_ok,
    }


def _pyhanko_bottom_line(status: Validated) -> bool:
    if isinstance(status, Exception):
        return False
    if isinstance(status, DocumentTimestampStatus):
        return bool(status.intact and status.valid and status.trusted and status.docmdp_ok is not False)
    return bool(status.bottom_line)


def _bare_details(sig: EmbeddedPdfSignature, problems: list[Problem], byte_range: tuple[int, ...]) -> SignatureDetails:
    return SignatureDetails(
        field=sig.field_name, kind="signature", verdict=max((p.verdict for p in problems), key=lambda v: v.weight),
        problems=tuple(problems), signer=None, chain=(), signing_time=None, time_source=None,
        timestamp_authority=None, pades_level=None, certification=None, revision=sig.signed_revision + 1,
        byte_range=byte_range, coverage="not evaluated", changes_after="not analysed", changes_allowed=None,
        changed_fields=(), revocation=(), pyhanko={"bottom_line": False, "error": problems[-1].message},
    )


def _file_level(signatures: Sequence[SignatureDetails]) -> str | None:
    levels = [s.pades_level for s in signatures if s.kind == "signature" and s.pades_level]
    known = [PadesLevel(v) for v in levels if v in PadesLevel._value2member_map_]
    if not levels:
        return None
    if len(known) < len(levels):
        return next(v for v in levels if v not in PadesLevel._value2member_map_)
    return min(known, key=lambda lv: lv.rank).value


def _revocation_archive(sig: EmbeddedPdfSignature) -> tuple[list[asn1_crl.CertificateList],
                                                             list[asn1_ocsp.OCSPResponse]]:
    """CRLs and OCSP responses in the signer's ``adbe-revocationInfoArchival`` attribute."""
    crls, ocsps = [], []
    try:
        for attr in sig.signer_info["signed_attrs"]:
            if attr["type"].native != "adobe_revocation_info_archival":
                continue
            for archive in attr["values"]:
                crls += list(archive["crl"]) if archive["crl"].native else []
                ocsps += list(archive["ocsp"]) if archive["ocsp"].native else []
    except (KeyError, ValueError, TypeError):
        pass
    return crls, ocsps
