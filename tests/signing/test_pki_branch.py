"""The DEMO branch sync certificate: what evidence bundles are encrypted to until branch IT names its own."""

from __future__ import annotations

from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from station.pki.demo import DemoPki, check_pki, ensure_demo_pki


def test_branch_sync_certificate_is_rsa_3072_for_key_encipherment_under_the_issuing_ca(demo_pki: DemoPki) -> None:
    cert = demo_pki.branch_sync_cert()
    assert isinstance(cert.public_key(), rsa.RSAPublicKey) and cert.public_key().key_size == 3072
    assert cert.public_key() == demo_pki.branch_sync_key().public_key()
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "DEMO Branch Sync (evidence encryption)"
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical and usage.value.key_encipherment
    assert not (usage.value.digital_signature or usage.value.content_commitment or usage.value.key_cert_sign)
    assert not cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    cert.verify_directly_issued_by(demo_pki.issuing_cert())
    assert demo_pki.branch_sync_key_file.stat().st_mode & 0o777 == 0o600


def test_openssl_verifies_it_for_encryption(demo_pki: DemoPki, tmp_path: Path, openssl, write_pem) -> None:
    chain = write_pem(tmp_path / "chain.pem", [demo_pki.issuing_cert(), demo_pki.root_cert()])
    result = openssl("verify", "-CAfile", chain, "-purpose", "smimeencrypt", demo_pki.branch_sync_cert_file)
    assert result.returncode == 0 and ": OK" in result.stdout, result.stdout + result.stderr


def test_a_pki_folder_from_before_gets_it_added_and_nothing_else_touched(demo_pki: DemoPki, bank_name: str) -> None:
    demo_pki.branch_sync_cert_file.unlink()
    demo_pki.branch_sync_key_file.unlink()
    before = {p: p.read_bytes() for p in demo_pki.files() if p.exists()}
    assert not check_pki(demo_pki)[0][1]  # the missing files are named
    ensure_demo_pki(demo_pki.directory, bank_name)
    assert {p: p.read_bytes() for p in before} == before
    assert demo_pki.branch_sync_cert_file.exists() and demo_pki.branch_sync_key_file.exists()
    assert all(ok for _, ok, _ in check_pki(demo_pki)), check_pki(demo_pki)


def test_a_reissue_keeps_the_branch_key_so_queued_bundles_still_open(demo_pki: DemoPki, bank_name: str) -> None:
    key, cert = demo_pki.branch_sync_key_file.read_bytes(), demo_pki.branch_sync_cert()
    demo_pki.issuing_key_file.unlink()  # a lost issuing CA takes its subordinates with it
    ensure_demo_pki(demo_pki.directory, bank_name)
    assert demo_pki.branch_sync_key_file.read_bytes() == key and demo_pki.branch_sync_cert() != cert
    demo_pki.branch_sync_cert().verify_directly_issued_by(demo_pki.issuing_cert())


def test_check_pki_names_a_branch_key_that_does_not_match(demo_pki: DemoPki) -> None:
    other = rsa.generate_private_key(65537, 2048)
    demo_pki.branch_sync_key_file.write_bytes(other.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    verdict = {name: (ok, message) for name, ok, message in check_pki(demo_pki)}
    ok, message = verdict["PKI chain"]
    assert not ok and "branch sync key does not match" in message


def test_check_pki_names_a_damaged_branch_key(demo_pki: DemoPki) -> None:
    demo_pki.branch_sync_key_file.write_bytes(demo_pki.tsa_key_file.read_bytes())  # an EC key is no RSA key
    verdict = {name: (ok, message) for name, ok, message in check_pki(demo_pki)}
    ok, message = verdict["PKI files readable"]
    assert not ok and "branch-sync.key" in message and "RSA" in message
