"""Borrower certificates the DEMO issuer would never make: expired, or without a key usage."""

from __future__ import annotations

from datetime import datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from station.pki.demo import BORROWER_ORGANIZATION, CRL_BASE_URL, DemoPki, IssuedCertificate


def odd_borrower(pki: DemoPki, name: str, *, not_before: datetime, not_after: datetime,
                 key_usage: bool = True) -> IssuedCertificate:
    """A borrower certificate from the DEMO borrower CA with the given validity (and maybe no key usage)."""
    issuer = pki.borrower_issuer()
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, BORROWER_ORGANIZATION),
                         x509.NameAttribute(NameOID.COMMON_NAME, name)])
    ski = issuer.ca_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    builder = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(issuer.ca_cert.subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(not_before).not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False)
        .add_extension(x509.CRLDistributionPoints([x509.DistributionPoint(
            [x509.UniformResourceIdentifier(CRL_BASE_URL + "borrower-ca.crl")], None, None, None)]), critical=False)
    )
    if key_usage:
        builder = builder.add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_encipherment=False, data_encipherment=False,
            key_agreement=False, key_cert_sign=False, crl_sign=False, encipher_only=False, decipher_only=False),
            critical=True)
    cert = builder.sign(issuer.ca_key, hashes.SHA256())
    return IssuedCertificate(key, cert, (issuer.ca_cert, issuer.root_cert))
