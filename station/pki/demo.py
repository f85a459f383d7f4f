"""The embedded DEMO PKI made on first run, PKCS#12 loading and per-borrower certificate issuers.

The DEMO PKI lives in one folder::

    DEMO Station Root CA ──┬── DEMO Station Issuing CA ──┬── the bank's document-signing certificate
                           │                             ├── the TSA certificate (local RFC 3161 service)
                           │                             └── the DEMO branch's sync (encryption) certificate
                           └── DEMO Borrower Event CA ────── per-borrower event certificates

Every subject name says DEMO, so nobody mistakes these certificates for production ones. Keys are
ECDSA P-256, signatures SHA-256; only the branch sync key is RSA 3072, because evidence bundles are
CMS EnvelopedData and cryptography encrypts those with RSA key transport only. In a real deployment
the branch keeps that key and gives the stations its certificate (``sync.recipient_cert``).

The bank's key and certificate sit in a PKCS#12 file whose random passphrase is in a 0600 file beside
it. The private keys of the CAs, the TSA and the DEMO branch are **unencrypted** PEM files with mode
0600: acceptable for a demo PKI on the station's own disk, never for production, where keys belong
on a token or with a licensed CA (电子签名法 articles 16-17).

What makes certificates, CRLs and revocations takes a ``clock`` (the wall clock by default), so tests
can date them as they need (revoke at one time, sign at a later one) instead of waiting.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol, TypeVar

from asn1crypto import crl as asn1_crl
from asn1crypto import keys as asn1_keys
from asn1crypto import pkcs12 as asn1_pkcs12
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.signers import SimpleSigner
from pyhanko_certvalidator.registry import SimpleCertificateStore

ROOT_CN = "DEMO Station Root CA"
ISSUING_CN = "DEMO Station Issuing CA"
BORROWER_CA_CN = "DEMO Borrower Event CA"
TSA_CN = "DEMO Station Time Stamping Authority"
BRANCH_SYNC_CN = "DEMO Branch Sync (evidence encryption)"
CA_ORGANIZATION = "DEMO Station PKI"
BORROWER_ORGANIZATION = "DEMO Borrower Event Certificates"

ROOT_LIFETIME = timedelta(days=20 * 365)
CA_LIFETIME = timedelta(days=10 * 365)
BANK_LIFETIME = timedelta(days=3 * 365)
TSA_LIFETIME = timedelta(days=5 * 365)
BRANCH_SYNC_LIFETIME = timedelta(days=3 * 365)
BRANCH_SYNC_KEY_BITS = 3072
BORROWER_LIFETIME = timedelta(days=2 * 365)
CRL_LIFETIME = timedelta(days=90)
EXPIRY_WARNING = timedelta(days=30)  # check_pki fails, and ensure_demo_pki reissues CRLs, this early
CLOCK_SKEW = timedelta(minutes=5)  # certificates are back-dated this much
# Where certificates say their issuer's CRL is. Nothing answers there (.invalid never resolves): the
# station embeds the CRLs itself. pyHanko only consults CRLs a certificate declares, hence the URLs.
CRL_BASE_URL = "http://pki.demo-station.invalid/"

_CRL_NAMES = {ROOT_CN: "root.crl", ISSUING_CN: "issuing.crl", BORROWER_CA_CN: "borrower-ca.crl"}
_ID_HASH = re.compile(r"[0-9a-fA-F]{32,64}")  # X.520 caps serialNumber at 64 characters

SigningKey = ec.EllipticCurvePrivateKey
Clock = Callable[[], datetime]
"""The current time, timezone-aware: :func:`wall_clock`, or a fixed or moving time in tests."""
_T = TypeVar("_T")
_K = TypeVar("_K", bound=PrivateKeyTypes)


def wall_clock() -> datetime:
    """The station's clock, in UTC."""
    return datetime.now(UTC)


class PkiError(Exception):
    """A PKI file is missing, corrupt or locked; the message tells the officer what to do."""


@dataclass(frozen=True)
class IssuedCertificate:
    """A private key, its certificate and the chain up to (and including) the root."""

    private_key: PrivateKeyTypes
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]

    def signer(self) -> SimpleSigner:
        """A pyHanko signer holding this key, certificate and chain."""
        key_der = self.private_key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        return SimpleSigner(
            signing_cert=to_asn1(self.certificate),
            signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
            cert_registry=SimpleCertificateStore.from_certs([to_asn1(c) for c in self.chain]),
        )


class BorrowerCertificateIssuer(Protocol):
    """Issues an event certificate for one borrower (a local DEMO CA or a real CA service)."""

    def issue(self, name: str, id_hash: str) -> IssuedCertificate:
        """Issue a certificate for ``name``; ``id_hash`` is a keyed hash of the ID number."""
        ...


@dataclass(frozen=True)
class _KeyPair:
    cert: x509.Certificate
    key: SigningKey


@dataclass(frozen=True)
class DemoPki:
    """Where the DEMO PKI's files are, with loaders for what later code needs."""

    directory: Path
    root_cert_file: Path
    root_key_file: Path
    issuing_cert_file: Path
    issuing_key_file: Path
    borrower_ca_cert_file: Path
    borrower_ca_key_file: Path
    tsa_cert_file: Path
    tsa_key_file: Path
    bank_p12_file: Path
    bank_pass_file: Path
    root_crl_file: Path
    issuing_crl_file: Path
    borrower_crl_file: Path
    branch_sync_cert_file: Path
    branch_sync_key_file: Path

    @classmethod
    def at(cls, directory: Path) -> DemoPki:
        """The file layout of a DEMO PKI in ``directory`` (nothing is read or written)."""
        d = Path(directory)
        return cls(
            directory=d,
            root_cert_file=d / "root.pem",
            root_key_file=d / "root.key",
            issuing_cert_file=d / "issuing.pem",
            issuing_key_file=d / "issuing.key",
            borrower_ca_cert_file=d / "borrower-ca.pem",
            borrower_ca_key_file=d / "borrower-ca.key",
            tsa_cert_file=d / "tsa.pem",
            tsa_key_file=d / "tsa.key",
            bank_p12_file=d / "bank.p12",
            bank_pass_file=d / "bank.pass",
            root_crl_file=d / _CRL_NAMES[ROOT_CN],
            issuing_crl_file=d / _CRL_NAMES[ISSUING_CN],
            borrower_crl_file=d / _CRL_NAMES[BORROWER_CA_CN],
            branch_sync_cert_file=d / "branch-sync.pem",
            branch_sync_key_file=d / "branch-sync.key",
        )

    def files(self) -> list[Path]:
        """Every file of the PKI."""
        return [getattr(self, f.name) for f in fields(self) if f.name != "directory"]

    def root_cert(self) -> x509.Certificate:
        return _load_cert(self.root_cert_file)

    def issuing_cert(self) -> x509.Certificate:
        return _load_cert(self.issuing_cert_file)

    def borrower_ca_cert(self) -> x509.Certificate:
        return _load_cert(self.borrower_ca_cert_file)

    def tsa_cert(self) -> x509.Certificate:
        return _load_cert(self.tsa_cert_file)

    def branch_sync_cert(self) -> x509.Certificate:
        """The DEMO branch's encryption certificate: evidence bundles are encrypted to it."""
        return _load_cert(self.branch_sync_cert_file)

    def branch_sync_key(self) -> rsa.RSAPrivateKey:
        """The DEMO branch's private key, which opens the bundles (the branch's side; tests use it)."""
        return _load_rsa_key(self.branch_sync_key_file)

    def trust_roots(self) -> list[asn1_x509.Certificate]:
        """The DEMO root as an asn1crypto certificate, ready for pyHanko's ``ValidationContext``."""
        return [to_asn1(self.root_cert())]

    def intermediates(self) -> list[asn1_x509.Certificate]:
        """The issuing and borrower CAs as asn1crypto certificates (``other_certs`` for validation)."""
        return [to_asn1(self.issuing_cert()), to_asn1(self.borrower_ca_cert())]

    def crls(self) -> list[asn1_crl.CertificateList]:
        """The CRLs of the three CAs, as asn1crypto objects (``crls`` for validation)."""
        files = (self.root_crl_file, self.issuing_crl_file, self.borrower_crl_file)
        return [asn1_crl.CertificateList.load(_load_crl(f).public_bytes(serialization.Encoding.DER)) for f in files]

    def bank_passphrase(self) -> str:
        return _read_passphrase(self.bank_pass_file)

    def bank_signer_material(self) -> IssuedCertificate:
        """The bank's document-signing key, certificate and chain, from its PKCS#12 file."""
        key, cert, chain = load_pkcs12(self.bank_p12_file, self.bank_passphrase())
        return IssuedCertificate(key, cert, tuple(chain))

    def tsa_signer_material(self) -> IssuedCertificate:
        """The TSA key, certificate and chain for the local timestamp service."""
        return IssuedCertificate(_load_key(self.tsa_key_file), self.tsa_cert(), (self.issuing_cert(), self.root_cert()))

    def borrower_issuer(self, clock: Clock = wall_clock) -> DemoBorrowerIssuer:
        """The issuer of per-borrower event certificates, backed by the DEMO borrower CA."""
        return DemoBorrowerIssuer(self.borrower_ca_cert(), _load_key(self.borrower_ca_key_file), self.root_cert(),
                                  clock)


@dataclass(frozen=True)
class DemoBorrowerIssuer:
    """Issues per-borrower event certificates with the DEMO borrower CA, dated by ``clock``."""

    ca_cert: x509.Certificate
    ca_key: SigningKey
    root_cert: x509.Certificate
    clock: Clock = wall_clock

    def issue(self, name: str, id_hash: str) -> IssuedCertificate:
        """A fresh P-256 key and a 2-year certificate: CN = the borrower's name, serialNumber = ``id_hash``.

        The ID number itself never enters the certificate; pass its keyed hash (hex, 32-64 characters).
        """
        name = name.strip()
        if not name:
            raise PkiError("the borrower's name is empty; read it from the ID card first")
        if not _ID_HASH.fullmatch(id_hash):
            raise PkiError("the borrower certificate needs the keyed hash of the ID number (32-64 hex characters)")
        key = _new_key()
        subject = _name(name, BORROWER_ORGANIZATION, serial_number=id_hash)
        cert = _issue(subject, key, _KeyPair(self.ca_cert, self.ca_key), BORROWER_LIFETIME, _signer_extensions(),
                      self.clock())
        return IssuedCertificate(key, cert, (self.ca_cert, self.root_cert))


def ensure_demo_pki(pki_dir: Path, bank_name: str, *, clock: Clock = wall_clock) -> DemoPki:
    """Create what is missing of the DEMO PKI in ``pki_dir`` and keep what exists.

    A CA made anew takes its subordinates with it (they are reissued so the chain holds). CRLs are
    reissued when missing or within 30 days of their next update. An existing bank certificate is kept
    even if ``bank_name`` changed. What is made is dated ``clock()``.
    """
    bank_name = bank_name.strip()
    if not bank_name:
        raise PkiError("the bank name is empty; set it in the station settings")
    pki = DemoPki.at(pki_dir)
    pki.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    now = clock()
    root, root_new = _ensure_pair(
        pki.root_cert_file, pki.root_key_file,
        lambda key: _issue(_name(ROOT_CN, CA_ORGANIZATION), key, None, ROOT_LIFETIME, _ca_extensions(1), now),
        renew=False,
    )
    issuing, issuing_new = _ensure_ca(pki.issuing_cert_file, pki.issuing_key_file, ISSUING_CN, root, root_new, now)
    borrower, borrower_new = _ensure_ca(
        pki.borrower_ca_cert_file, pki.borrower_ca_key_file, BORROWER_CA_CN, root, root_new, now
    )
    _ensure_pair(
        pki.tsa_cert_file, pki.tsa_key_file,
        lambda key: _issue(_name(TSA_CN, CA_ORGANIZATION), key, issuing, TSA_LIFETIME, _tsa_extensions(), now),
        renew=issuing_new,
    )
    _ensure_bank(pki, bank_name, issuing, root.cert, issuing_new, now)
    _ensure_branch_sync(pki, issuing, issuing_new, now)
    _ensure_crl(pki.root_crl_file, root, root_new, now)
    _ensure_crl(pki.issuing_crl_file, issuing, issuing_new, now)
    _ensure_crl(pki.borrower_crl_file, borrower, borrower_new, now)
    return pki


def load_pkcs12(
    path: Path, passphrase: bytes | str
) -> tuple[PrivateKeyTypes, x509.Certificate, list[x509.Certificate]]:
    """The key, certificate and chain in a PKCS#12 file; :class:`PkiError` says what is wrong."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise PkiError(f"the key file {path} is missing; restore it from the backup") from None
    except OSError as exc:
        raise PkiError(f"the key file {path} cannot be read ({exc.strerror})") from exc
    if not _is_pkcs12(data):
        raise PkiError(f"the key file {path} is damaged (not a PKCS#12 file); restore it from the backup")
    secret = passphrase.encode("utf-8") if isinstance(passphrase, str) else passphrase
    try:
        key, cert, chain = pkcs12.load_key_and_certificates(data, secret)
    except ValueError:
        raise PkiError(f"the passphrase for {path} is wrong") from None
    if key is None or cert is None:
        raise PkiError(f"the key file {path} holds no private key or no certificate; restore it from the backup")
    return key, cert, list(chain)


def revoke(pki: DemoPki, certificate: x509.Certificate, reason: x509.ReasonFlags | None = None, *,
           clock: Clock = wall_clock) -> Path:
    """Add ``certificate`` to its DEMO issuer's CRL (reissued with the next CRL number); return the CRL file.

    The revocation and the new CRL are dated ``clock()``.
    """
    now = clock()
    for cert_file, key_file, crl_file in _parts(pki).values():  # noqa: B007 - used after the loop
        if crl_file is not None and _issued_by(certificate, _load_cert(cert_file)):
            break
    else:
        raise PkiError("that certificate was not issued by a DEMO CA of this station")
    ca = _KeyPair(_load_cert(cert_file), _load_key(key_file))
    crl = _load_crl(crl_file)
    revoked = list(crl)
    if crl.get_revoked_certificate_by_serial_number(certificate.serial_number) is None:
        entry = x509.RevokedCertificateBuilder().serial_number(certificate.serial_number).revocation_date(now)
        if reason is not None:
            entry = entry.add_extension(x509.CRLReason(reason), critical=False)
        revoked.append(entry.build())
    _write_crl(crl_file, ca, revoked, _crl_number(crl) + 1, now)
    return crl_file


def check_pki(pki: DemoPki, now: datetime | None = None) -> list[tuple[str, bool, str]]:
    """Health check of the DEMO PKI: (name, ok, message with the fix) for each aspect."""
    now = now or wall_clock()
    missing = [p.name for p in pki.files() if not p.exists()]
    if missing:
        return [("PKI files", False, f"missing in {pki.directory}: {', '.join(missing)}; {_RECREATE}")]
    results = [("PKI files", True, f"all {len(pki.files())} files present in {pki.directory}")]
    parts = _parts(pki)
    try:
        certs = {label: _load_cert(cert_file) for label, (cert_file, _, _) in parts.items()}
        keys: dict[str, PrivateKeyTypes] = {label: _load_key(key_file) for label, (_, key_file, _) in parts.items()}
        crls = {label: _load_crl(crl_file) for label, (_, _, crl_file) in parts.items() if crl_file is not None}
        certs["branch sync"] = _load_cert(pki.branch_sync_cert_file)
        keys["branch sync"] = _load_rsa_key(pki.branch_sync_key_file)
    except PkiError as exc:
        return [*results, ("PKI files readable", False, f"{exc}; {_RECREATE}")]
    key_mismatch = [label for label, key in keys.items() if not _same_key(key, certs[label])]
    bank_result, bank_cert = _check_bank_pkcs12(pki)
    results.append(bank_result)
    if bank_cert is not None:
        certs["bank"] = bank_cert
    results.append(_check_chain(certs, crls, key_mismatch))
    results.append(_check_validity(certs, now))
    results.append(_check_crl_freshness(crls, now))
    return results


def to_asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    """The same certificate as an asn1crypto object (what pyHanko works with)."""
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


# --- certificate making -------------------------------------------------------------------------

def _new_key() -> SigningKey:
    return ec.generate_private_key(ec.SECP256R1())


def _name(common_name: str, organization: str, serial_number: str | None = None) -> x509.Name:
    try:
        attributes = [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
        if serial_number is not None:
            attributes.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, serial_number))
    except ValueError as exc:
        raise PkiError(f"cannot put {common_name!r} in a certificate: {exc}") from exc
    return x509.Name(attributes)


def _key_usage(*, digital_signature: bool = False, non_repudiation: bool = False, ca: bool = False,
               key_encipherment: bool = False) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=digital_signature,
        content_commitment=non_repudiation,
        key_encipherment=key_encipherment,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


_Extensions = list[tuple[x509.ExtensionType, bool]]


def _ca_extensions(path_length: int) -> _Extensions:
    return [(x509.BasicConstraints(ca=True, path_length=path_length), True), (_key_usage(ca=True), True)]


def _signer_extensions() -> _Extensions:
    return [
        (x509.BasicConstraints(ca=False, path_length=None), True),
        (_key_usage(digital_signature=True, non_repudiation=True), True),
    ]


def _tsa_extensions() -> _Extensions:
    return [
        (x509.BasicConstraints(ca=False, path_length=None), True),
        (_key_usage(digital_signature=True), True),
        (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), True),  # RFC 3161 §2.3: critical
    ]


def _issue(
    subject: x509.Name,
    key: SigningKey | rsa.RSAPrivateKey,
    issuer: _KeyPair | None,
    lifetime: timedelta,
    extensions: _Extensions,
    now: datetime,
) -> x509.Certificate:
    """Certify ``key`` under ``subject`` from ``now``; self-signed when ``issuer`` is None."""
    public_key = key.public_key()
    if issuer is None:
        issuer_name, signing_key, not_after = subject, key, now + lifetime
        aki = x509.AuthorityKeyIdentifier.from_issuer_public_key(public_key)
    else:
        issuer_name, signing_key = issuer.cert.subject, issuer.key
        not_after = min(now + lifetime, issuer.cert.not_valid_after_utc)
        aki = _aki_of(issuer.cert)
        extensions = [*extensions, (_crl_distribution_point(issuer.cert), False)]
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - CLOCK_SKEW)
        .not_valid_after(not_after)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(aki, critical=False)
    )
    for extension, critical in extensions:
        builder = builder.add_extension(extension, critical=critical)
    return builder.sign(signing_key, hashes.SHA256())


def _crl_distribution_point(issuer: x509.Certificate) -> x509.CRLDistributionPoints:
    url = CRL_BASE_URL + _CRL_NAMES[issuer.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value]
    point = x509.DistributionPoint([x509.UniformResourceIdentifier(url)], None, None, None)
    return x509.CRLDistributionPoints([point])


def _aki_of(issuer: x509.Certificate) -> x509.AuthorityKeyIdentifier:
    ski = issuer.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    return x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski)


def _ensure_pair(
    cert_file: Path, key_file: Path, issue: Callable[[SigningKey], x509.Certificate], *, renew: bool
) -> tuple[_KeyPair, bool]:
    """Load a PEM certificate and key, or make them (also when ``renew``); True when made."""
    if not renew and cert_file.exists() and key_file.exists():
        return _KeyPair(_load_cert(cert_file), _load_key(key_file)), False
    key = _new_key()
    cert = issue(key)
    _write(key_file, _key_pem(key), private=True)
    _write(cert_file, cert.public_bytes(serialization.Encoding.PEM))
    return _KeyPair(cert, key), True


def _ensure_ca(
    cert_file: Path, key_file: Path, common_name: str, root: _KeyPair, renew: bool, now: datetime
) -> tuple[_KeyPair, bool]:
    return _ensure_pair(
        cert_file, key_file,
        lambda key: _issue(_name(common_name, CA_ORGANIZATION), key, root, CA_LIFETIME, _ca_extensions(0), now),
        renew=renew,
    )


def _ensure_bank(pki: DemoPki, bank_name: str, issuing: _KeyPair, root: x509.Certificate, renew: bool,
                 now: datetime) -> None:
    if not renew and pki.bank_p12_file.exists() and pki.bank_pass_file.exists():
        return
    key = _new_key()
    organization = bank_name if bank_name.startswith("DEMO") else f"DEMO {bank_name}"
    common_name = f"{organization} 电子签章"
    cert = _issue(_name(common_name, organization), key, issuing, BANK_LIFETIME, _signer_extensions(), now)
    passphrase = secrets.token_urlsafe(32)
    p12 = pkcs12.serialize_key_and_certificates(
        common_name.encode("utf-8"), key, cert, [issuing.cert, root],
        serialization.BestAvailableEncryption(passphrase.encode("ascii")),
    )
    _write(pki.bank_pass_file, passphrase.encode("ascii"), private=True)
    _write(pki.bank_p12_file, p12, private=True)


def _ensure_branch_sync(pki: DemoPki, issuing: _KeyPair, renew: bool, now: datetime) -> None:
    """The DEMO branch's RSA encryption certificate; a reissue keeps an existing key, so bundles already
    in the outbox still open."""
    cert_file, key_file = pki.branch_sync_cert_file, pki.branch_sync_key_file
    if not renew and cert_file.exists() and key_file.exists():
        return
    key = _load_rsa_key(key_file) if key_file.exists() else rsa.generate_private_key(65537, BRANCH_SYNC_KEY_BITS)
    extensions: _Extensions = [(x509.BasicConstraints(ca=False, path_length=None), True),
                               (_key_usage(key_encipherment=True), True)]
    cert = _issue(_name(BRANCH_SYNC_CN, CA_ORGANIZATION), key, issuing, BRANCH_SYNC_LIFETIME, extensions, now)
    _write(key_file, _key_pem(key), private=True)
    _write(cert_file, cert.public_bytes(serialization.Encoding.PEM))


# --- CRLs ---------------------------------------------------------------------------------------

def _ensure_crl(path: Path, ca: _KeyPair, renew: bool, now: datetime) -> None:
    if renew or not path.exists():
        _write_crl(path, ca, [], 1, now)
        return
    crl = _load_crl(path)
    if crl.next_update_utc is None or crl.next_update_utc - now < EXPIRY_WARNING:
        _write_crl(path, ca, list(crl), _crl_number(crl) + 1, now)


def _write_crl(
    path: Path, ca: _KeyPair, revoked: Sequence[x509.RevokedCertificate], number: int, now: datetime
) -> None:
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca.cert.subject)
        .last_update(now)
        .next_update(now + CRL_LIFETIME)
        .add_extension(x509.CRLNumber(number), critical=False)
        .add_extension(_aki_of(ca.cert), critical=False)
    )
    for entry in revoked:
        builder = builder.add_revoked_certificate(entry)
    _write(path, builder.sign(ca.key, hashes.SHA256()).public_bytes(serialization.Encoding.PEM))


def _crl_number(crl: x509.CertificateRevocationList) -> int:
    return crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number


# --- files --------------------------------------------------------------------------------------

def _write(path: Path, data: bytes, *, private: bool = False) -> None:
    """Write atomically; private files get mode 0600, others 0644."""
    mode = 0o600 if private else 0o644
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "wb") as handle:
        os.fchmod(handle.fileno(), mode)
        handle.write(data)
    os.replace(tmp, path)


def _key_pem(key: SigningKey | rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _load_cert(path: Path) -> x509.Certificate:
    return _parse(path, x509.load_pem_x509_certificate)


def _load_key(path: Path) -> SigningKey:
    return _load_private_key(path, ec.EllipticCurvePrivateKey, "EC")


def _load_rsa_key(path: Path) -> rsa.RSAPrivateKey:
    return _load_private_key(path, rsa.RSAPrivateKey, "RSA")


def _load_private_key(path: Path, kind: type[_K], kind_name: str) -> _K:
    key = _parse(path, lambda data: serialization.load_pem_private_key(data, password=None))
    if not isinstance(key, kind):
        raise PkiError(f"the PKI file {path} does not hold an {kind_name} private key")
    return key


def _load_crl(path: Path) -> x509.CertificateRevocationList:
    return _parse(path, x509.load_pem_x509_crl)


def _parse(path: Path, parse: Callable[[bytes], _T]) -> _T:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise PkiError(f"the PKI file {path} is missing") from None
    try:
        return parse(data)
    except (ValueError, TypeError) as exc:
        raise PkiError(f"the PKI file {path} is damaged ({exc})") from exc


def _read_passphrase(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise PkiError(f"the passphrase file {path} is missing") from None


def _is_pkcs12(data: bytes) -> bool:
    """True when ``data`` parses as a PKCS#12 PFX structure (so a load failure means a wrong passphrase)."""
    try:
        pfx = asn1_pkcs12.Pfx.load(data, strict=True)
        return pfx["version"].native == "v3" and pfx["auth_safe"]["content_type"].native in ("data", "signed_data")
    except (ValueError, TypeError, KeyError):
        return False


# --- health check -------------------------------------------------------------------------------

_RECREATE = (
    "restart the station to recreate the DEMO PKI (documents signed earlier then no longer chain to "
    "the new root: restore the folder from the backup instead if you have one)"
)


def _parts(pki: DemoPki) -> dict[str, tuple[Path, Path, Path | None]]:
    """Certificate, key and CRL file (None for the TSA) of each PEM-stored part, by label."""
    return {
        "root CA": (pki.root_cert_file, pki.root_key_file, pki.root_crl_file),
        "issuing CA": (pki.issuing_cert_file, pki.issuing_key_file, pki.issuing_crl_file),
        "borrower CA": (pki.borrower_ca_cert_file, pki.borrower_ca_key_file, pki.borrower_crl_file),
        "TSA": (pki.tsa_cert_file, pki.tsa_key_file, None),
    }


def _issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _same_key(key: PrivateKeyTypes, cert: x509.Certificate) -> bool:
    return key.public_key() == cert.public_key()


def _check_bank_pkcs12(pki: DemoPki) -> tuple[tuple[str, bool, str], x509.Certificate | None]:
    name = "Bank signing key (PKCS#12)"
    try:
        material = pki.bank_signer_material()
    except PkiError as exc:
        fix = f"delete {pki.bank_p12_file.name} and {pki.bank_pass_file.name} and restart the station to reissue it"
        return (name, False, f"{exc}; {fix}"), None
    if not _same_key(material.private_key, material.certificate):
        return (name, False, f"the key in {pki.bank_p12_file} does not match its certificate; {_RECREATE}"), None
    return (name, True, f"{pki.bank_p12_file.name} opens with {pki.bank_pass_file.name}"), material.certificate


def _check_chain(
    certs: dict[str, x509.Certificate],
    crls: dict[str, x509.CertificateRevocationList],
    key_mismatch: list[str],
) -> tuple[str, bool, str]:
    issuer_of = {"root CA": "root CA", "issuing CA": "root CA", "borrower CA": "root CA",
                 "TSA": "issuing CA", "bank": "issuing CA", "branch sync": "issuing CA"}
    problems = [f"the {n} certificate is not signed by the {issuer_of[n]}"
                for n in certs if not _issued_by(certs[n], certs[issuer_of[n]])]
    problems += [f"the CRL of the {n} is not signed by it" for n, c in crls.items()
                 if not c.is_signature_valid(certs[n].public_key())]
    problems += [f"the {n} key does not match its certificate" for n in key_mismatch]
    if problems:
        return "PKI chain", False, f"{'; '.join(problems)}; {_RECREATE}"
    return "PKI chain", True, "every certificate and CRL is signed by its issuer, every key matches"


def _check_validity(certs: dict[str, x509.Certificate], now: datetime) -> tuple[str, bool, str]:
    problems = []
    for name, cert in certs.items():
        if cert.not_valid_before_utc > now:
            problems.append(f"{name} is not valid before {cert.not_valid_before_utc:%Y-%m-%d} (check the clock)")
        elif cert.not_valid_after_utc <= now:
            problems.append(f"{name} expired on {cert.not_valid_after_utc:%Y-%m-%d}")
        elif cert.not_valid_after_utc - now < EXPIRY_WARNING:
            problems.append(f"{name} expires on {cert.not_valid_after_utc:%Y-%m-%d}")
    if problems:
        fix = "delete the certificate's files and restart the station to reissue it"
        return "PKI validity", False, f"{'; '.join(problems)}; {fix}"
    return "PKI validity", True, f"no certificate expires within {EXPIRY_WARNING.days} days"


def _check_crl_freshness(crls: dict[str, x509.CertificateRevocationList], now: datetime) -> tuple[str, bool, str]:
    stale = [n for n, c in crls.items() if c.next_update_utc is None or c.next_update_utc - now < EXPIRY_WARNING]
    if stale:
        names = ", ".join(f"the {n}" for n in stale)
        return "PKI CRLs", False, f"the CRLs of {names} are due for renewal; restart the station to reissue them"
    return "PKI CRLs", True, f"every CRL is current for at least {EXPIRY_WARNING.days} more days"
