"""The embedded DEMO PKI: chain, names, extensions, files, PKCS#12 loading, borrower certificates."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import InvalidCertificateError, PathBuildingError, RevokedError

from station.pki.demo import (
    CLOCK_SKEW,
    BorrowerCertificateIssuer,
    DemoPki,
    PkiError,
    check_pki,
    ensure_demo_pki,
    load_pkcs12,
    revoke,
    to_asn1,
)

ID_NUMBER = "11010519491231002X"
SIGNING_USAGE = {"digital_signature", "non_repudiation"}


def _id_hash(id_number: str) -> str:
    return hmac.new(b"index key of the test", id_number.encode(), hashlib.sha256).hexdigest()


def _all_certs(pki: DemoPki) -> dict[str, x509.Certificate]:
    borrower = pki.borrower_issuer().issue("张三", _id_hash(ID_NUMBER))
    return {
        "root": pki.root_cert(),
        "issuing": pki.issuing_cert(),
        "borrower CA": pki.borrower_ca_cert(),
        "TSA": pki.tsa_cert(),
        "bank": pki.bank_signer_material().certificate,
        "borrower": borrower.certificate,
    }


def _validate(cert: x509.Certificate, pki: DemoPki, usage: set[str], **context: object) -> None:
    vc = ValidationContext(trust_roots=pki.trust_roots(), allow_fetching=False, **context)
    validator = CertificateValidator(to_asn1(cert), intermediate_certs=pki.intermediates(), validation_context=vc)
    asyncio.run(validator.async_validate_usage(usage))


def _ext(cert: x509.Certificate, kind: type[x509.ExtensionType]) -> x509.Extension:
    return cert.extensions.get_extension_for_class(kind)


# --- names, keys, extensions --------------------------------------------------------------------

def test_every_subject_and_issuer_says_demo(demo_pki: DemoPki) -> None:
    for label, cert in _all_certs(demo_pki).items():
        assert "DEMO" in cert.issuer.rfc4514_string(), label
        subject = cert.subject
        assert "DEMO" in subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value, label
        if label != "borrower":  # a borrower's CN is the borrower's own name
            assert "DEMO" in subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value, label


def test_names_of_the_parts(demo_pki: DemoPki, bank_name: str) -> None:
    def cn(cert: x509.Certificate) -> str:
        return cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value

    certs = _all_certs(demo_pki)
    assert cn(certs["root"]) == "DEMO Station Root CA"
    assert cn(certs["issuing"]) == "DEMO Station Issuing CA"
    assert cn(certs["borrower CA"]) == "DEMO Borrower Event CA"
    assert cn(certs["bank"]) == f"DEMO {bank_name} 电子签章"
    assert certs["bank"].subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == f"DEMO {bank_name}"


def test_keys_are_p256_and_signatures_sha256(demo_pki: DemoPki) -> None:
    for label, cert in _all_certs(demo_pki).items():
        key = cert.public_key()
        assert isinstance(key, ec.EllipticCurvePublicKey) and key.curve.name == "secp256r1", label
        assert isinstance(cert.signature_hash_algorithm, hashes.SHA256), label


def test_ca_extensions(demo_pki: DemoPki) -> None:
    certs = _all_certs(demo_pki)
    for label, path_length in (("root", 1), ("issuing", 0), ("borrower CA", 0)):
        bc = _ext(certs[label], x509.BasicConstraints)
        assert bc.critical and bc.value.ca and bc.value.path_length == path_length, label
        ku = _ext(certs[label], x509.KeyUsage)
        assert ku.critical and ku.value.key_cert_sign and ku.value.crl_sign and not ku.value.digital_signature


def test_signing_certificates_have_signing_key_usage(demo_pki: DemoPki) -> None:
    certs = _all_certs(demo_pki)
    for label in ("bank", "borrower"):
        assert not _ext(certs[label], x509.BasicConstraints).value.ca
        ku = _ext(certs[label], x509.KeyUsage)
        assert ku.critical and ku.value.digital_signature and ku.value.content_commitment, label
        assert not ku.value.key_cert_sign and not ku.value.key_encipherment, label


def test_tsa_certificate_has_critical_timestamping_eku(demo_pki: DemoPki) -> None:
    eku = _ext(demo_pki.tsa_cert(), x509.ExtendedKeyUsage)
    assert eku.critical
    assert list(eku.value) == [ExtendedKeyUsageOID.TIME_STAMPING]


def test_key_identifiers_link_each_certificate_to_its_issuer(demo_pki: DemoPki) -> None:
    certs = _all_certs(demo_pki)
    issuer_of = {"root": "root", "issuing": "root", "borrower CA": "root",
                 "TSA": "issuing", "bank": "issuing", "borrower": "borrower CA"}
    for label, issuer in issuer_of.items():
        aki = _ext(certs[label], x509.AuthorityKeyIdentifier).value.key_identifier
        ski = _ext(certs[issuer], x509.SubjectKeyIdentifier).value.digest
        assert aki == ski, label


def test_validity_periods(demo_pki: DemoPki) -> None:
    expected_years = {"root": 20, "issuing": 10, "borrower CA": 10, "TSA": 5, "bank": 3, "borrower": 2}
    now = datetime.now(UTC)
    for label, cert in _all_certs(demo_pki).items():
        assert cert.not_valid_before_utc <= now, label
        years = (cert.not_valid_after_utc - now) / timedelta(days=365)
        assert expected_years[label] - 0.01 < years <= expected_years[label], label


# --- chain --------------------------------------------------------------------------------------

def test_openssl_verifies_the_chain_with_crls(demo_pki: DemoPki, tmp_path: Path, openssl, write_pem) -> None:
    certs = _all_certs(demo_pki)
    root = write_pem(tmp_path / "root.pem", [certs["root"]])
    untrusted = write_pem(tmp_path / "cas.pem", [certs["issuing"], certs["borrower CA"]])
    crls = tmp_path / "crls.pem"
    crls.write_bytes(b"".join(f.read_bytes() for f in (demo_pki.root_crl_file, demo_pki.issuing_crl_file,
                                                         demo_pki.borrower_crl_file)))
    leaves = [write_pem(tmp_path / f"{n}.pem", [certs[n]]) for n in ("bank", "borrower", "TSA")]
    result = openssl("verify", "-x509_strict", "-crl_check_all", "-CRLfile", crls,
                     "-CAfile", root, "-untrusted", untrusted, *leaves)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(": OK") == 3

    tsa = openssl("verify", "-purpose", "timestampsign", "-CAfile", root, "-untrusted", untrusted, leaves[2])
    assert tsa.returncode == 0, tsa.stdout + tsa.stderr


def test_openssl_rejects_a_foreign_root(
    demo_pki: DemoPki, other_pki: DemoPki, tmp_path: Path, openssl, write_pem
) -> None:
    root = write_pem(tmp_path / "other-root.pem", [other_pki.root_cert()])
    untrusted = write_pem(tmp_path / "cas.pem", [demo_pki.issuing_cert()])
    bank = write_pem(tmp_path / "bank.pem", [demo_pki.bank_signer_material().certificate])
    result = openssl("verify", "-CAfile", root, "-untrusted", untrusted, bank)
    assert result.returncode != 0


def test_certvalidator_accepts_bank_and_borrower_for_signing(demo_pki: DemoPki) -> None:
    _validate(demo_pki.bank_signer_material().certificate, demo_pki, SIGNING_USAGE)
    borrower = demo_pki.borrower_issuer().issue("李四", _id_hash("110105194912310037"))
    _validate(borrower.certificate, demo_pki, SIGNING_USAGE, crls=demo_pki.crls(), revocation_mode="hard-fail")


def test_certvalidator_refuses_wrong_usage_and_foreign_root(demo_pki: DemoPki, other_pki: DemoPki) -> None:
    bank = demo_pki.bank_signer_material().certificate
    with pytest.raises(InvalidCertificateError):
        _validate(bank, demo_pki, {"key_cert_sign"})
    foreign = other_pki.borrower_issuer().issue("王五", _id_hash("110105194912310045")).certificate
    with pytest.raises(PathBuildingError):
        _validate(foreign, demo_pki, SIGNING_USAGE)


def test_revoked_borrower_certificate_fails_validation(demo_pki: DemoPki) -> None:
    cert = demo_pki.borrower_issuer().issue("赵六", _id_hash("110105194912310053")).certificate
    crl_file = revoke(demo_pki, cert, x509.ReasonFlags.key_compromise)
    assert crl_file == demo_pki.borrower_crl_file
    with pytest.raises(RevokedError):
        _validate(cert, demo_pki, SIGNING_USAGE, crls=demo_pki.crls(), revocation_mode="hard-fail")
    assert all(ok for _, ok, _ in check_pki(demo_pki))


def test_certificates_crls_and_revocations_are_dated_by_the_clock_given(tmp_path: Path, bank_name: str) -> None:
    made = datetime(2030, 5, 1, 8, 0, tzinfo=UTC)
    pki = ensure_demo_pki(tmp_path / "pki", bank_name, clock=lambda: made)
    borrower = pki.borrower_issuer(clock=lambda: made + timedelta(days=1)).issue("赵六", _id_hash("110105194912310053"))
    revoke(pki, borrower.certificate, clock=lambda: made + timedelta(days=2))

    assert pki.root_cert().not_valid_before_utc == made - CLOCK_SKEW
    assert borrower.certificate.not_valid_before_utc == made + timedelta(days=1) - CLOCK_SKEW
    crl = x509.load_pem_x509_crl(pki.borrower_crl_file.read_bytes())
    assert crl.last_update_utc == made + timedelta(days=2)
    assert crl[0].revocation_date_utc == made + timedelta(days=2)
    assert x509.load_pem_x509_crl(pki.root_crl_file.read_bytes()).last_update_utc == made


def test_crls_start_empty_signed_and_with_next_update(demo_pki: DemoPki) -> None:
    for crl_file, ca in ((demo_pki.root_crl_file, demo_pki.root_cert()),
                         (demo_pki.issuing_crl_file, demo_pki.issuing_cert()),
                         (demo_pki.borrower_crl_file, demo_pki.borrower_ca_cert())):
        crl = x509.load_pem_x509_crl(crl_file.read_bytes())
        assert len(crl) == 0
        assert crl.issuer == ca.subject and crl.is_signature_valid(ca.public_key())
        assert crl.next_update_utc is not None and crl.next_update_utc > datetime.now(UTC) + timedelta(days=30)


# --- files and idempotence ----------------------------------------------------------------------

def test_second_call_keeps_everything(demo_pki: DemoPki) -> None:
    before = {p: p.read_bytes() for p in demo_pki.files()}
    again = ensure_demo_pki(demo_pki.directory, "另一家银行")
    assert again == demo_pki
    assert {p: p.read_bytes() for p in again.files()} == before


def test_a_lost_ca_is_remade_with_its_subordinates(demo_pki: DemoPki, bank_name: str) -> None:
    root, borrower_ca, bank = demo_pki.root_cert(), demo_pki.borrower_ca_cert(), demo_pki.bank_p12_file.read_bytes()
    demo_pki.issuing_key_file.unlink()
    ensure_demo_pki(demo_pki.directory, bank_name)
    assert demo_pki.root_cert() == root and demo_pki.borrower_ca_cert() == borrower_ca
    assert demo_pki.bank_p12_file.read_bytes() != bank
    assert all(ok for _, ok, _ in check_pki(demo_pki)), check_pki(demo_pki)


def test_secret_files_are_private(demo_pki: DemoPki) -> None:
    secret = [demo_pki.root_key_file, demo_pki.issuing_key_file, demo_pki.borrower_ca_key_file,
              demo_pki.tsa_key_file, demo_pki.bank_pass_file, demo_pki.bank_p12_file]
    for path in secret:
        assert path.stat().st_mode & 0o777 == 0o600, path
    assert demo_pki.directory.stat().st_mode & 0o077 == 0


# --- PKCS#12 ------------------------------------------------------------------------------------

def test_pkcs12_opens_with_its_passphrase(demo_pki: DemoPki) -> None:
    key, cert, chain = load_pkcs12(demo_pki.bank_p12_file, demo_pki.bank_pass_file.read_text())
    assert key.public_key() == cert.public_key()
    assert chain == [demo_pki.issuing_cert(), demo_pki.root_cert()]
    assert len(demo_pki.bank_passphrase()) >= 32


def test_pkcs12_wrong_passphrase_says_so(demo_pki: DemoPki) -> None:
    with pytest.raises(PkiError, match=f"the passphrase for {demo_pki.bank_p12_file} is wrong"):
        load_pkcs12(demo_pki.bank_p12_file, b"not the passphrase")


def test_pkcs12_missing_and_corrupt_files(demo_pki: DemoPki, tmp_path: Path) -> None:
    with pytest.raises(PkiError, match="missing"):
        load_pkcs12(tmp_path / "nowhere.p12", "x")
    corrupt = tmp_path / "corrupt.p12"
    corrupt.write_bytes(demo_pki.bank_p12_file.read_bytes()[:200])
    with pytest.raises(PkiError, match="damaged"):
        load_pkcs12(corrupt, demo_pki.bank_passphrase())


# --- borrower certificates ----------------------------------------------------------------------

def test_borrower_certificate_has_name_and_hash_but_not_the_id_number(demo_pki: DemoPki) -> None:
    issuer: BorrowerCertificateIssuer = demo_pki.borrower_issuer()
    id_hash = _id_hash(ID_NUMBER)
    issued = issuer.issue("张三", id_hash)
    cert = issued.certificate
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "张三"
    assert cert.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)[0].value == id_hash
    der = to_asn1(cert).dump()
    assert ID_NUMBER.encode() not in der and ID_NUMBER[:17].encode() not in der
    cn = next(a for rdn in to_asn1(cert).subject.chosen for a in rdn if a["type"].native == "common_name")
    assert cn["value"].name == "utf8_string"
    assert issued.private_key.public_key() == cert.public_key()
    assert issued.chain == (demo_pki.borrower_ca_cert(), demo_pki.root_cert())
    years = (cert.not_valid_after_utc - cert.not_valid_before_utc) / timedelta(days=365)
    assert 1.99 < years <= 2.01


def test_each_borrower_gets_a_fresh_key(demo_pki: DemoPki) -> None:
    issuer = demo_pki.borrower_issuer()
    first = issuer.issue("张三", _id_hash(ID_NUMBER))
    second = issuer.issue("张三", _id_hash(ID_NUMBER))
    assert first.certificate.public_key() != second.certificate.public_key()
    assert first.certificate.serial_number != second.certificate.serial_number


@pytest.mark.parametrize(("name", "id_hash"), [("张三", ID_NUMBER), ("张三", ""), ("  ", "ab" * 32)])
def test_borrower_issuer_refuses_a_raw_id_number_or_empty_name(demo_pki: DemoPki, name: str, id_hash: str) -> None:
    with pytest.raises(PkiError):
        demo_pki.borrower_issuer().issue(name, id_hash)


def test_issued_certificate_makes_a_pyhanko_signer(demo_pki: DemoPki) -> None:
    signer = demo_pki.bank_signer_material().signer()
    assert isinstance(signer.signing_cert, asn1_x509.Certificate)
    assert "DEMO" in signer.signing_cert.subject.human_friendly
    assert len(list(signer.cert_registry)) == 2


# --- health check -------------------------------------------------------------------------------

def test_check_pki_healthy(demo_pki: DemoPki) -> None:
    results = check_pki(demo_pki)
    assert [name for name, _, _ in results] == [
        "PKI files", "Bank signing key (PKCS#12)", "PKI chain", "PKI validity", "PKI CRLs"
    ]
    assert all(ok for _, ok, _ in results), results


def test_check_pki_missing_file(demo_pki: DemoPki) -> None:
    demo_pki.tsa_key_file.unlink()
    [(name, ok, message)] = check_pki(demo_pki)
    assert not ok and "tsa.key" in message and "restart the station" in message


def test_check_pki_wrong_passphrase_file(demo_pki: DemoPki) -> None:
    demo_pki.bank_pass_file.write_text("wrong")
    verdict = {name: (ok, message) for name, ok, message in check_pki(demo_pki)}
    ok, message = verdict["Bank signing key (PKCS#12)"]
    assert not ok and "passphrase" in message and "is wrong" in message


def test_check_pki_foreign_certificate_breaks_the_chain(demo_pki: DemoPki, other_pki: DemoPki) -> None:
    other_pki.tsa_cert_file.replace(demo_pki.tsa_cert_file)
    verdict = {name: (ok, message) for name, ok, message in check_pki(demo_pki)}
    ok, message = verdict["PKI chain"]
    assert not ok and "TSA certificate is not signed by the issuing CA" in message and "TSA key" in message


def test_check_pki_expiry(demo_pki: DemoPki) -> None:
    soon = datetime.now(UTC) + timedelta(days=3 * 365 - 10)
    verdict = {name: (ok, message) for name, ok, message in check_pki(demo_pki, now=soon)}
    ok, message = verdict["PKI validity"]
    assert not ok and "bank expires" in message and "TSA" not in message
    assert not verdict["PKI CRLs"][0]
    later = datetime.now(UTC) + timedelta(days=21 * 365)
    ok, message = {name: (ok, message) for name, ok, message in check_pki(demo_pki, now=later)}["PKI validity"]
    assert not ok and "root CA expired" in message


def test_crls_near_their_next_update_are_reissued_with_their_entries(demo_pki: DemoPki, bank_name: str) -> None:
    key = serialization.load_pem_private_key(demo_pki.issuing_key_file.read_bytes(), password=None)
    ca, now = demo_pki.issuing_cert(), datetime.now(UTC)
    entry = x509.RevokedCertificateBuilder().serial_number(12345).revocation_date(now - timedelta(days=1)).build()
    stale = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca.subject)
        .last_update(now - timedelta(days=80))
        .next_update(now + timedelta(days=10))
        .add_extension(x509.CRLNumber(7), critical=False)
        .add_revoked_certificate(entry)
        .sign(key, hashes.SHA256())
    )
    demo_pki.issuing_crl_file.write_bytes(stale.public_bytes(serialization.Encoding.PEM))
    ok, message = {name: (ok, message) for name, ok, message in check_pki(demo_pki)}["PKI CRLs"]
    assert not ok and "issuing CA" in message

    ensure_demo_pki(demo_pki.directory, bank_name)
    crl = x509.load_pem_x509_crl(demo_pki.issuing_crl_file.read_bytes())
    assert crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number == 8
    assert crl.next_update_utc > now + timedelta(days=60)
    assert crl.get_revoked_certificate_by_serial_number(12345) is not None
    assert all(ok for _, ok, _ in check_pki(demo_pki))
