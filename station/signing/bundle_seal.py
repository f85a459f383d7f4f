"""The bank's seal on an evidence bundle: CMS SignedData (RFC 5652) with the bundle's ZIP inside, made
with the bank's key, so that the branch can tell who sent a bundle and that nothing in it changed.

The branch opens a bundle in two steps, with openssl alone::

    openssl cms -decrypt -inform DER -in X.p7m -inkey branch.key -recip branch.pem -out X.sealed
    openssl cms -verify -inform DER -in X.sealed -CAfile bank-root.pem -out X.zip
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import pkcs11
from cryptography import x509

from station.signing.errors import BankKeyError
from station.signing.signers import BankKey

DIGEST = "sha256"


@dataclass(frozen=True)
class BankSeal:
    """Seals content with an opened bank key (which the caller closes)."""

    bank: BankKey

    @property
    def name(self) -> str:
        """The sealing certificate's subject (RFC 4514), for the export report and the audit trail."""
        return x509.load_der_x509_certificate(self.bank.certificate.dump()).subject.rfc4514_string()

    def __call__(self, content: bytes) -> bytes:
        """DER-encoded CMS SignedData holding ``content``, signed (signing time and content digest
        among the signed attributes) with the bank's key; the certificate and its chain go with it."""
        try:
            info = asyncio.run(self.bank.signer.async_sign_general_data(content, DIGEST, detached=False))
        except (pkcs11.PKCS11Error, ValueError, TypeError) as exc:
            raise BankKeyError(f"the bank's key could not seal the evidence bundle ({type(exc).__name__}: {exc}); "
                               "nothing was written. Check that the signing token is plugged in and export "
                               "again.") from exc
        return bytes(info.dump())

