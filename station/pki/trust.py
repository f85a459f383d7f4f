"""What signing trusts, and the check that refuses a signing certificate before anything is signed.

:class:`Trust` holds the trust roots, the intermediate certificates and the revocation data (CRLs)
the station has, and says whether revocation data may be fetched from the network. On the embedded
default it is the DEMO root with the DEMO CRLs, all local, so revocation is *required*: a certificate
without revocation data fails instead of passing unchecked (pyHanko's default, soft-fail, accepts a
revoked certificate when it has no revocation data).

(QA's trust store for verifying files is ``verify_trust.py``; this one is the signing side's.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from asn1crypto import crl as asn1_crl
from asn1crypto import x509 as asn1_x509
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import (
    ExpiredError,
    InsufficientRevinfoError,
    InvalidCertificateError,
    NotYetValidError,
    PathBuildingError,
    PathValidationError,
    RevokedError,
)

from station.errors import CertificateRefused
from station.messages import Message
from station.pki.demo import DemoPki

SIGNING_KEY_USAGE = frozenset({"non_repudiation"})  # pyHanko's default for document signatures


@dataclass(frozen=True)
class Trust:
    """Trust roots, intermediates and revocation data for building and checking certificate paths.

    ``revocation_mode`` is pyHanko's: ``"require"`` (revocation data must be there for every
    certificate; the DEMO default, whose CRLs are local) or ``"hard-fail"``/``"soft-fail"`` for a PKI
    whose CRLs and OCSP responders are fetched (``allow_fetching``).
    """

    roots: tuple[asn1_x509.Certificate, ...]
    intermediates: tuple[asn1_x509.Certificate, ...] = ()
    crls: tuple[asn1_crl.CertificateList, ...] = ()
    allow_fetching: bool = False
    revocation_mode: str = "require"
    label: Message = field(default=Message("trust-configured-roots"), compare=False)

    @classmethod
    def from_demo_pki(cls, pki: DemoPki) -> Trust:
        """The DEMO root, its two CAs and their CRLs (read now); revocation data required, nothing fetched."""
        return cls(tuple(pki.trust_roots()), tuple(pki.intermediates()), tuple(pki.crls()),
                   label=Message("trust-demo-root"))

    def validation_context(self, moment: datetime | None = None) -> ValidationContext:
        """A fresh pyHanko validation context (contexts cache paths and revocation results)."""
        return ValidationContext(
            trust_roots=list(self.roots), other_certs=list(self.intermediates), crls=list(self.crls),
            allow_fetching=self.allow_fetching, revocation_mode=self.revocation_mode, moment=moment,
        )


async def check_signing_certificate(
    certificate: asn1_x509.Certificate,
    chain: Sequence[asn1_x509.Certificate],
    trust: Trust,
    whose: Message,
    *,
    personal: bool = False,
) -> None:
    """Raise :class:`CertificateRefused` unless ``certificate`` is valid now, trusted, not revoked and
    allowed to sign documents (non-repudiation). ``whose`` names it in the message (the bank's);
    ``personal`` keeps the subject and the validator's details (which name it) out of the message."""
    validator = CertificateValidator(certificate, intermediate_certs=list(chain),
                                     validation_context=trust.validation_context())
    subject = "" if personal else f" ({certificate.subject.human_friendly})"  # a name: the same in every language
    try:
        await validator.async_validate_usage(set(SIGNING_KEY_USAGE))
    except (PathBuildingError, PathValidationError, InvalidCertificateError) as exc:
        problem = _REFUSALS.get(type(exc), "cannot-sign")
        detail = "" if personal or isinstance(exc, PathBuildingError) else f" ({exc})"
        raise CertificateRefused("certificate-refused", whose=whose, subject=subject, problem=problem,
                                 roots=trust.label, detail=detail) from exc


# the problem of each refusal, a variant of ``certificate-refused``
_REFUSALS: dict[type[Exception], str] = {
    RevokedError: "revoked",
    ExpiredError: "expired",
    NotYetValidError: "not-yet-valid",
    InsufficientRevinfoError: "no-revocation-data",
    PathBuildingError: "no-chain",
    PathValidationError: "cannot-sign",
}
