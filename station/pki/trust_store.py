"""The trust store QA configures for verification, and a revocation check of our own.

Trust comes only from what QA gives: PEM (or DER) bundles of the bank's roots, the DEMO root when asked
for by name (``demo``), CRL files. Revocation data carried in a file (its DSS, or the signer's
``adbe-revocationInfoArchival`` attribute) is added per file. Fetching CRLs or OCSP responses over the
network happens only when ``online`` is set.

pyHanko's certificate validator skips revocation for a certificate that names no CRL distribution
point or OCSP responder, and with no revocation data at all it accepts a revoked certificate
(``revocation_mode="soft-fail"``, its default). So besides asking it for ``hard-fail``,
:func:`revocation_status` checks every certificate of a path against the CRLs at hand by itself: a
certificate passes only when a CRL its issuer signed, current at the time of validation, does not
list it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from asn1crypto import crl as asn1_crl
from asn1crypto import ocsp as asn1_ocsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.path import ValidationPath

from station.pki.certs import CertificateFileError, read_certificates, read_crls

DEMO = "demo"


class TrustError(Exception):
    """A trust or CRL file is missing or holds nothing usable; the message says which and why."""


@dataclass(frozen=True)
class TrustStore:
    """Roots, helper certificates and CRLs to validate against, and whether to go online."""

    roots: tuple[asn1_x509.Certificate, ...] = ()
    intermediates: tuple[asn1_x509.Certificate, ...] = ()
    crls: tuple[asn1_crl.CertificateList, ...] = ()
    online: bool = False
    sources: tuple[str, ...] = ()

    def context(
        self,
        certs: Iterable[asn1_x509.Certificate] = (),
        crls: Iterable[asn1_crl.CertificateList] = (),
        ocsps: Iterable[asn1_ocsp.OCSPResponse] = (),
    ) -> ValidationContext:
        """A pyHanko validation context: these roots, ``hard-fail`` revocation, plus a file's own data."""
        return ValidationContext(
            trust_roots=list(self.roots),
            other_certs=[*self.intermediates, *certs],
            crls=[*self.crls, *crls],
            ocsps=list(ocsps),
            allow_fetching=self.online,
            revocation_mode="hard-fail",
        )

    def describe(self) -> str:
        """One line for reports: where trust comes from."""
        if not self.roots:
            return "no trusted roots (give --trust with the bank's roots, or --trust demo)"
        return "; ".join(self.sources) + ("; online revocation checks allowed" if self.online else "")


def load_trust(
    trust: Sequence[str | Path],
    crl_files: Sequence[Path] = (),
    *,
    demo_root: Path | None = None,
    demo_crls: Sequence[Path] = (),
    online: bool = False,
) -> TrustStore:
    """Build the trust store from ``--trust`` values (files, or ``demo``) and ``--crl`` files.

    ``demo`` needs ``demo_root`` (the station's DEMO root certificate file) and brings the DEMO
    CAs' CRLs (``demo_crls``) with it: the station is the publisher of those.
    """
    roots: list[asn1_x509.Certificate] = []
    intermediates: list[asn1_x509.Certificate] = []
    crls: list[asn1_crl.CertificateList] = []
    sources: list[str] = []
    for item in trust:
        if str(item) == DEMO:
            if demo_root is None:
                raise TrustError("--trust demo needs this station's DEMO PKI, and there is none; run 'station init'")
            certs = _certificates(Path(demo_root))
            crls += [c for f in demo_crls for c in _crls(Path(f))]
            sources.append(f"DEMO root {_cn(certs[0])} and its CRLs (asked for with 'demo')")
        else:
            certs = _certificates(Path(item))
            sources.append(f"{Path(item).name}: {len(certs)} certificate(s)")
        for cert in certs:
            (roots if cert.self_signed != "no" else intermediates).append(cert)
    for path in crl_files:
        found = _crls(Path(path))
        crls += found
        sources.append(f"{Path(path).name}: {len(found)} CRL(s)")
    if trust and not roots:
        raise TrustError("none of the --trust files holds a root (self-signed) certificate")
    return TrustStore(tuple(roots), tuple(intermediates), tuple(crls), online, tuple(sources))


def _certificates(path: Path) -> list[asn1_x509.Certificate]:
    try:
        return read_certificates(path)
    except CertificateFileError as exc:
        raise TrustError(str(exc)) from exc


def _crls(path: Path) -> list[asn1_crl.CertificateList]:
    try:
        return read_crls(path)
    except CertificateFileError as exc:
        raise TrustError(str(exc)) from exc


def _cn(cert: asn1_x509.Certificate) -> str:
    return cert.subject.native.get("common_name") or cert.subject.human_friendly


# --- our own revocation check ------------------------------------------------------------------

class Revocation(StrEnum):
    GOOD = "good"
    REVOKED = "revoked"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class RevocationResult:
    """What the CRLs at hand say about one certificate."""

    subject: str
    status: Revocation
    detail: str
    revoked_at: datetime | None = None


@dataclass
class CrlIndex:
    """The CRLs at hand, parsed once by issuer (pyca/cryptography, independent of pyHanko's code)."""

    crls: list[x509.CertificateRevocationList] = field(default_factory=list)

    @classmethod
    def of(cls, crls: Iterable[asn1_crl.CertificateList]) -> CrlIndex:
        parsed = []
        for crl in crls:
            try:
                parsed.append(x509.load_der_x509_crl(crl.dump()))
            except ValueError:
                continue  # an unparseable CRL vouches for nothing
        return cls(parsed)

    def check(self, cert: x509.Certificate, issuer: x509.Certificate, at: datetime) -> RevocationResult:
        """Revocation status of ``cert`` at ``at`` from a current CRL signed by ``issuer``."""
        subject = cert.subject.rfc4514_string()
        current = None
        for crl in self.crls:
            if crl.issuer != issuer.subject or not _signed_by(crl, issuer):
                continue
            if crl.last_update_utc > at or (crl.next_update_utc is not None and crl.next_update_utc < at):
                continue  # not current at ``at``
            if current is None or crl.last_update_utc > current.last_update_utc:
                current = crl
        if current is None:
            return RevocationResult(subject, Revocation.UNKNOWN, "no current CRL signed by its issuer is at hand")
        entry = current.get_revoked_certificate_by_serial_number(cert.serial_number)
        if entry is not None:
            return RevocationResult(subject, Revocation.REVOKED,
                                    f"revoked on {entry.revocation_date_utc:%Y-%m-%d %H:%M} UTC (CRL of "
                                    f"{current.last_update_utc:%Y-%m-%d})", entry.revocation_date_utc)
        next_update = f"{current.next_update_utc:%Y-%m-%d}" if current.next_update_utc else "unknown"
        return RevocationResult(subject, Revocation.GOOD,
                                f"not listed on its issuer's CRL of {current.last_update_utc:%Y-%m-%d} "
                                f"(next update {next_update})")


def revocation_status(path: ValidationPath, crls: CrlIndex, at: datetime) -> list[RevocationResult]:
    """Check each certificate of a validated ``path``, leaf first (the root is a trust anchor, not checked)."""
    chain = [x509.load_der_x509_certificate(c.dump()) for c in reversed(list(path.iter_certs(include_root=True)))]
    return [crls.check(cert, issuer, at) for cert, issuer in zip(chain, chain[1:], strict=False)]


def _signed_by(crl: x509.CertificateRevocationList, issuer: x509.Certificate) -> bool:
    try:
        return crl.is_signature_valid(issuer.public_key())  # type: ignore[arg-type]
    except (TypeError, ValueError, InvalidSignature):
        return False
