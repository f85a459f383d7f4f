"""The bank's seal on an evidence bundle: CMS SignedData (RFC 5652) with the bundle's ZIP inside, made
with the bank's key, so that the branch can tell who sent a bundle and that nothing in it changed.

:class:`BankSeal` makes it; :func:`open_sealed` decrypts a bundle with the branch's key and checks the
seal (``station sync open``). The branch can also open a bundle in two steps with openssl alone::

    openssl cms -decrypt -inform DER -in X.p7m -inkey branch.key -recip branch.pem -out X.sealed
    openssl cms -verify -inform DER -in X.sealed -CAfile bank-root.pem -out X.zip
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime

import pkcs11
from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.hazmat.primitives.serialization import pkcs7
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
from pyhanko.sign.validation.generic_cms import async_validate_cms_signature, extract_self_reported_ts

from station.errors import BankKeyError, SigningError
from station.pki.signers import BankKey
from station.pki.trust_store import CrlIndex, Revocation, TrustStore, revocation_status

DIGEST = "sha256"


@dataclass(frozen=True)
class BankSeal:
    """Seals content with an opened bank key (which the caller closes)."""

    bank: BankKey

    @property
    def name(self) -> str:
        """The sealing certificate's subject (RFC 4514), for the export report and the audit trail."""
        return _subject(self.bank.certificate)

    def __call__(self, content: bytes) -> bytes:
        """DER-encoded CMS SignedData holding ``content``, signed (signing time and content digest
        among the signed attributes) with the bank's key; the certificate and its chain go with it."""
        now = datetime.now(UTC)
        try:
            info = asyncio.run(self.bank.signer.async_sign_general_data(
                content, DIGEST, detached=False, signed_attr_settings=PdfCMSSignedAttributes(signing_time=now)))
        except (pkcs11.PKCS11Error, ValueError, TypeError) as exc:
            raise BankKeyError("seal-failed", error=f"{type(exc).__name__}: {exc}") from exc
        return bytes(info.dump())


@dataclass(frozen=True)
class SealCheck:
    """What the branch finds on opening a bundle: the sealed content, who sealed it and when (the
    sealer's own clock), and every problem with the seal (none: the seal holds and is trusted)."""

    content: bytes
    sealed_by: str | None
    sealed_at: datetime | None
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


class BundleOpenError(SigningError):
    """The bundle cannot be opened at all (not for this key, not a bundle); the message says which."""


def open_sealed(envelope: bytes, key: PrivateKeyTypes, cert: x509.Certificate, trust: TrustStore) -> SealCheck:
    """Decrypt a bundle with the branch's key and check the bank's seal inside against ``trust`` (its roots
    and CRLs; the CRL check of :mod:`station.pki.trust_store` on the whole chain, as QA does)."""
    if not isinstance(key, rsa.RSAPrivateKey):
        raise BundleOpenError("bundle-key-not-rsa")
    try:
        sealed = pkcs7.pkcs7_decrypt_der(envelope, cert, key, [])
    except ValueError as exc:
        raise BundleOpenError("bundle-not-decrypted", problem=str(exc)) from exc
    try:
        info = cms.ContentInfo.load(sealed)
        signed = info["content"] if info["content_type"].native == "signed_data" else None
        content = bytes(signed["encap_content_info"]["content"].native) if signed is not None else sealed
    except (ValueError, TypeError, KeyError):
        signed, content = None, sealed
    if signed is None:
        return SealCheck(content, None, None, ("the bundle carries no seal: it was made before sealing (format 1) "
                                               "or by something else than a station",))
    try:
        status = asyncio.run(async_validate_cms_signature(
            signed, validation_context=trust.context(certs=[c.chosen for c in signed["certificates"]])))
    except Exception as exc:  # noqa: BLE001 - a parser of outside data: any failure is a failed check
        return SealCheck(content, None, None, (f"the seal cannot be checked ({type(exc).__name__}: {exc})",))
    sealed_by = _subject(status.signing_cert)
    sealed_at = extract_self_reported_ts(signed["signer_infos"][0])
    problems: list[str] = []
    if not (status.intact and status.valid):
        problems.append("the seal does not match the content: the bundle was changed after it was sealed")
    elif status.revoked:
        details = status.revocation_details
        when = f" on {details.revocation_date:%Y-%m-%d %H:%M} UTC" if details is not None else ""
        problems.append(f"the sealing certificate was revoked{when} ({sealed_by}; or a CA of its chain)")
    elif not status.trusted:
        problems.append(f"the sealing certificate ({sealed_by}) does not chain to a trusted root "
                        f"({trust.describe()})")
    elif status.validation_path is not None:
        crls = CrlIndex.of(trust.crls)
        for index, result in enumerate(revocation_status(status.validation_path, crls, datetime.now(UTC))):
            who = "the sealing certificate" if index == 0 else "a CA certificate of the seal's chain"
            if result.status is Revocation.REVOKED:
                problems.append(f"{who} was {result.detail}")
            elif result.status is Revocation.UNKNOWN:
                problems.append(f"nothing says {who} is not revoked: {result.detail} (give --crl, or --online)")
    return SealCheck(content, sealed_by, sealed_at, tuple(problems))


def _subject(cert: asn1_x509.Certificate) -> str:
    """A certificate's subject as RFC 4514 (``CN=...,O=...,C=CN``), as the bundle report gives the recipient's."""
    return x509.load_der_x509_certificate(cert.dump()).subject.rfc4514_string()
