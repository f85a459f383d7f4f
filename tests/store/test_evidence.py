"""Evidence bundles: what a finished case sends to the branch, encrypted so only the branch opens it.

The case is driven through the real visit workflow on a real store (an invented person from
tests/factories.py); bundles are opened with openssl's command line and with pyca, as the branch would.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import factories as f
import pytest
from asn1crypto import cms
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import NameOID

from station.bootstrap import station_pki, sync_recipient
from station.config import Settings, SyncSettings, load_settings
from station.core.models import case_reference
from station.errors import BankKeyError, SettingsError
from station.pki.demo import DemoPki
from station.signing.seal import BankSeal
from station.store import audit
from station.store.cases import CaseNotFoundError
from station.store.db import DiskFullError
from station.store.evidence import BundleReport, EvidenceError, export_bundle

from .bundle_support import (
    Station,
    branch,
    decrypt_with_pyca,
    hashes_match,
    open_with_pyca,
    openssl_decrypt,
    openssl_verify,
    seal,
    station_with_a_finished_case,
    unzip,
)

__all__ = ["branch", "seal"]  # fixtures
NAME = "王小喆"  # factories.card_read's invented holder


@pytest.fixture(scope="module")
def station(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Station]:
    with station_with_a_finished_case(tmp_path_factory.mktemp("station")) as opened:
        yield opened


def _export(station: Station, branch: DemoPki, seal: BankSeal, dest: Path) -> BundleReport:
    return export_bundle(station.store, station.officer, station.case_id, dest, branch.branch_sync_cert(), seal)


def _self_signed_rsa(key_usage: x509.KeyUsage | None = None) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    key = rsa.generate_private_key(65537, 2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Not the branch")])
    now = datetime.now(UTC)
    builder = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
               .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
               .not_valid_after(now + timedelta(days=30)))
    if key_usage is not None:
        builder = builder.add_extension(key_usage, critical=True)
    return key, builder.sign(key, hashes.SHA256())


# --- opening -------------------------------------------------------------------------------------

def test_bundle_opens_with_openssl_and_pyca_and_every_hash_matches(station: Station, branch: DemoPki, seal: BankSeal,
                                                                   tmp_path: Path) -> None:
    dest = tmp_path / "export" / "case.p7m"
    report = _export(station, branch, seal, dest)
    assert report.path == dest and report.case_id == station.case_id
    raw = dest.read_bytes()
    assert report.size == len(raw) and report.sha256 == hashlib.sha256(raw).hexdigest()
    assert report.recipient == "CN=DEMO Branch Sync (evidence encryption),O=DEMO Station PKI,C=CN"
    assert b"%PDF" not in raw and NAME.encode() not in raw  # encrypted, not merely packed
    assert [p.name for p in dest.parent.iterdir()] == ["case.p7m"]  # no temporary file left beside it

    result = openssl_decrypt(dest, branch.branch_sync_key_file, branch.branch_sync_cert_file, tmp_path / "o.p7m")
    assert result.returncode == 0, result.stderr
    result = openssl_verify(tmp_path / "o.p7m", branch.root_cert_file, tmp_path / "o.zip")
    assert result.returncode == 0 and "Verification successful" in result.stderr, result.stderr
    by_openssl = unzip((tmp_path / "o.zip").read_bytes())
    by_pyca = open_with_pyca(dest, branch)
    assert by_openssl.files == by_pyca.files
    assert tuple(by_pyca.files) == report.files and report.files[0] == "manifest.json"
    assert hashes_match(by_pyca)
    documents = [d for d in report.files if d.startswith("documents/")]
    assert len(documents) == 4
    assert {d["file"] for d in by_pyca.manifest["documents"]} == set(documents)


def test_the_envelope_is_aes_256_for_the_branch_certificate_only(station: Station, branch: DemoPki, seal: BankSeal,
                                                                 tmp_path: Path) -> None:
    dest = tmp_path / "case.p7m"
    _export(station, branch, seal, dest)
    envelope = cms.ContentInfo.load(dest.read_bytes())
    assert envelope["content_type"].native == "enveloped_data"
    data = envelope["content"]
    assert data["encrypted_content_info"]["content_encryption_algorithm"]["algorithm"].native == "aes256_cbc"
    (recipient,) = data["recipient_infos"]
    assert recipient.chosen["rid"].chosen["serial_number"].native == branch.branch_sync_cert().serial_number
    assert recipient.chosen["key_encryption_algorithm"]["algorithm"].native == "rsaes_pkcs1v15"


def test_a_wrong_key_cannot_open_it(station: Station, branch: DemoPki, seal: BankSeal, tmp_path: Path) -> None:
    dest = tmp_path / "case.p7m"
    _export(station, branch, seal, dest)
    key, cert = _self_signed_rsa()
    key_file = tmp_path / "other.key"
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    cert_file = tmp_path / "other.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    result = openssl_decrypt(dest, key_file, cert_file, tmp_path / "o.zip")
    assert result.returncode != 0
    assert not (tmp_path / "o.zip").exists() or (tmp_path / "o.zip").stat().st_size == 0
    with pytest.raises(ValueError):
        pkcs7.pkcs7_decrypt_der(dest.read_bytes(), cert, key, [])
    with pytest.raises(ValueError):  # the branch's certificate with another key
        pkcs7.pkcs7_decrypt_der(dest.read_bytes(), branch.branch_sync_cert(), key, [])


# --- the bank's seal -------------------------------------------------------------------------------

def test_the_bank_seals_the_zip_inside_the_envelope(station: Station, branch: DemoPki, seal: BankSeal,
                                                    tmp_path: Path) -> None:
    report = _export(station, branch, seal, tmp_path / "case.p7m")
    sealed = cms.ContentInfo.load(decrypt_with_pyca(report.path, branch))
    assert sealed["content_type"].native == "signed_data"
    (signer,) = sealed["content"]["signer_infos"]
    certs = {c.chosen.sha256: c.chosen for c in sealed["content"]["certificates"]}
    bank = branch.bank_signer_material().certificate
    assert signer["sid"].chosen["serial_number"].native == bank.serial_number
    assert bank.fingerprint(hashes.SHA256()) in certs  # with its chain, so the root alone checks it
    assert signer["digest_algorithm"]["algorithm"].native == "sha256"
    assert report.sealed_by == seal.name and "电子签章" in report.sealed_by
    assert report.audit_figures()["sealed_by"] == report.sealed_by


def test_a_changed_bundle_or_another_root_fails_the_seal(station: Station, branch: DemoPki, seal: BankSeal,
                                                         tmp_path: Path) -> None:
    report = _export(station, branch, seal, tmp_path / "case.p7m")
    sealed = cms.ContentInfo.load(decrypt_with_pyca(report.path, branch))
    archive = bytearray(sealed["content"]["encap_content_info"]["content"].native)
    archive[len(archive) // 2] ^= 0x01  # one bit of the ZIP, after sealing
    sealed["content"]["encap_content_info"]["content"] = bytes(archive)
    changed = tmp_path / "changed.p7m"
    changed.write_bytes(sealed.dump(force=True))
    result = openssl_verify(changed, branch.root_cert_file, tmp_path / "changed.zip")
    assert result.returncode != 0 and "content verify error" in result.stderr, result.stderr

    intact = tmp_path / "intact.p7m"
    intact.write_bytes(decrypt_with_pyca(report.path, branch))
    other_root = tmp_path / "other.pem"
    other_root.write_bytes(_self_signed_rsa()[1].public_bytes(serialization.Encoding.PEM))
    result = openssl_verify(intact, other_root, tmp_path / "other.zip")
    assert result.returncode != 0 and "certificate verify error" in result.stderr.lower(), result.stderr


class _TokenPulledOut:
    """A bank key whose token is pulled out while it seals (the edge of the world: hardware)."""

    name = "CN=Bank seal"

    def __call__(self, content: bytes) -> bytes:
        raise BankKeyError("seal-failed", error="DeviceRemoved")


def test_a_seal_that_fails_leaves_no_file_and_no_record(station: Station, branch: DemoPki, tmp_path: Path) -> None:
    events = len(station.store.audit_events(station.case_id))
    with pytest.raises(BankKeyError, match="nothing was written"):
        export_bundle(station.store, station.officer, station.case_id, tmp_path / "case.p7m",
                      branch.branch_sync_cert(), _TokenPulledOut())
    assert list(tmp_path.iterdir()) == [] and len(station.store.audit_events(station.case_id)) == events


# --- what is inside --------------------------------------------------------------------------------

def test_manifest_masks_the_person_and_records_checks_face_and_documents(station: Station, branch: DemoPki,
                                                                         seal: BankSeal,
                                                                         tmp_path: Path) -> None:
    station.clock.advance(minutes=3)
    opened = open_with_pyca(_export(station, branch, seal, tmp_path / "case.p7m").path, branch)
    m, case_id, officer = opened.manifest, station.case_id, station.officer.officer_id
    number = f.card_read().front.id_number
    assert m["format"] == "station-evidence-bundle" and m["format_version"] == 2
    assert m["case"]["id"] == case_id and m["case"]["reference"] == case_reference(case_id) == case_id[:8].upper()
    assert m["case"]["status"] == "done" and m["case"]["officer_id"] == officer
    assert m["station"]["id"] == "0001-01"
    assert m["exported"] == {"at": station.clock.now.isoformat(), "by": officer}
    assert m["customer"] == {"name": "王**", "id_number": number[:4] + "*" * 12 + number[-2:]}
    everything = b"".join(opened.files.values()).decode("utf-8", "replace")
    assert NAME not in everything and number not in everything  # nowhere in clear, audit lines included

    steps = {s["step"]: s for s in m["steps"]}
    assert list(steps) == ["sign_in", "id_card", "face", "account", "loan", "documents", "signature"]
    check = {c["name"]: c for c in steps["id_card"]["checks"]}["id_number.check_digit"]
    assert check["status"] == "pass" and check["reason"] and "figures" not in check
    assert {c["name"] for c in steps["face"]["checks"]} == {"face.match", "face.liveness"}

    face = f.face_match()
    assert m["face"] == {"decision": "match", "distance": face.distance, "threshold": face.threshold,
                         "model_version": face.model_version, "calibration": face.calibration,
                         "reason": face.reason, "liveness": {"passed": True, "details": dict(face.liveness)}}
    consent = {d["kind"]: d for d in m["documents"]}["personal_info_consent"]
    assert consent["signed"] and consent["pades_level"] == "B-T"
    assert opened.files[consent["file"]] == b"%PDF-1.7 signed personal_info_consent"  # as stored


def test_no_images_leave_by_default(station: Station, branch: DemoPki, seal: BankSeal, tmp_path: Path) -> None:
    report = _export(station, branch, seal, tmp_path / "case.p7m")
    opened = open_with_pyca(report.path, branch)
    assert opened.manifest["images"] == {"card": False, "face": False} and not report.card_images
    assert not any(name.startswith("card/") for name in opened.files)
    everything = b"".join(opened.files.values())
    for fake in (b"FAKE-FRONT-JPEG", b"FAKE-BACK-JPEG", b"PNG-FAKE-PORTRAIT", b"FAKE-LIVE-FRAME"):
        assert fake not in everything


def test_card_images_leave_when_policy_says_so_but_never_a_face(station: Station, branch: DemoPki, seal: BankSeal,
                                                                tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    policy = station.store.settings.model_copy(update={"sync": SyncSettings(include_card_images=True)})
    monkeypatch.setattr(station.store, "settings", policy)
    report = _export(station, branch, seal, tmp_path / "case.p7m")
    opened = open_with_pyca(report.path, branch)
    card = f.card_read()
    assert report.card_images and opened.manifest["images"] == {"card": True, "face": False}
    assert opened.files["card/front.jpg"] == card.front_image and opened.files["card/back.jpg"] == card.back_image
    assert hashes_match(opened)
    everything = b"".join(opened.files.values())
    assert b"PNG-FAKE-PORTRAIT" not in everything and b"FAKE-LIVE-FRAME" not in everything


def test_the_policy_is_a_setting_off_by_default(settings: Settings) -> None:
    assert settings.sync == SyncSettings(recipient_cert=None, include_card_images=False)
    on = load_settings(data_dir=settings.data_dir, sync={"include_card_images": "true"})
    assert on.sync.include_card_images


# --- the audit trail -------------------------------------------------------------------------------

def test_audit_lines_let_the_branch_recheck_the_chain_and_the_export_is_recorded(station: Station, branch: DemoPki,
                                                                                 seal: BankSeal,
                                                                                 tmp_path: Path) -> None:
    store, case_id = station.store, station.case_id
    before = len(store.audit_events(case_id))
    report = _export(station, branch, seal, tmp_path / "case.p7m")
    opened = open_with_pyca(report.path, branch)
    lines = [json.loads(line) for line in opened.files["audit.jsonl"].decode().splitlines()]
    assert len(lines) == before == opened.manifest["audit"]["events"]
    prev = audit.GENESIS
    for seq, e in enumerate(lines, 1):
        assert e["seq"] == seq and e["prev_hash"] == prev and e["chain"] == case_id
        assert e["hash"] == audit.event_hash(e["chain"], e["seq"], e["at"], e["actor"], e["action"], e["result"],
                                             e["figures"], e["prev_hash"])
        prev = e["hash"]
    assert opened.manifest["audit"]["head"] == {"seq": before, "hash": prev} and opened.manifest["audit"]["intact"]
    last = store.audit_events(case_id)[-1]
    assert last.seq == before + 1 and last.action == "evidence.export" and last.actor == station.officer.officer_id
    assert json.loads(last.figures) == report.audit_figures()
    assert report.sha256 in last.figures and NAME not in last.figures
    assert all(r.ok for r in store.verify_audit(case_id))


# --- refusals --------------------------------------------------------------------------------------

def test_a_case_not_finished_cannot_be_exported(station: Station, branch: DemoPki, seal: BankSeal,
                                                tmp_path: Path) -> None:
    visit = station.visit()
    f.drive(visit, until="signature")
    events = len(station.store.audit_events(visit.case_id))
    with pytest.raises(EvidenceError, match="is open \\(at the signature step\\): only a finished case"):
        export_bundle(station.store, station.officer, visit.case_id, tmp_path / "case.p7m", branch.branch_sync_cert(),
                      seal)
    assert list(tmp_path.iterdir()) == [] and len(station.store.audit_events(visit.case_id)) == events
    with pytest.raises(CaseNotFoundError):
        export_bundle(station.store, station.officer, "no-such-case", tmp_path / "case.p7m", branch.branch_sync_cert(),
                      seal)


def test_a_certificate_that_cannot_receive_is_refused(station: Station, branch: DemoPki, seal: BankSeal,
                                                      tmp_path: Path) -> None:
    dest = tmp_path / "case.p7m"
    with pytest.raises(EvidenceError, match="does not hold an RSA key"):
        export_bundle(station.store, station.officer, station.case_id, dest, branch.tsa_cert(), seal)
    signing_only = x509.KeyUsage(True, False, False, False, False, False, False, False, False)
    with pytest.raises(EvidenceError, match="not for encryption"):
        export_bundle(station.store, station.officer, station.case_id, dest, _self_signed_rsa(signing_only)[1], seal)
    assert not dest.exists()


def test_a_full_disk_leaves_no_file_and_no_record(station: Station, branch: DemoPki, seal: BankSeal, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up part-way through the file (a fake at the edge of the world: os.write says ENOSPC)."""
    real_write, calls = os.write, []

    def filling_disk(fd: int, data: bytes) -> int:
        calls.append(fd)
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, bytes(data)[:100])

    events = len(station.store.audit_events(station.case_id))
    folder = tmp_path / "out"
    monkeypatch.setattr(os, "write", filling_disk)
    with pytest.raises(DiskFullError, match="disk is full.*was not written.*nothing partial"):
        _export(station, branch, seal, folder / "case.p7m")
    monkeypatch.undo()
    assert len(calls) == 2 and list(folder.iterdir()) == []
    assert len(station.store.audit_events(station.case_id)) == events


def test_a_folder_it_may_not_write_is_a_clear_error(station: Station, branch: DemoPki, seal: BankSeal,
                                                    tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(EvidenceError, match="Cannot write the evidence bundle"):
        _export(station, branch, seal, blocker / "case.p7m")


# --- the recipient from the settings ---------------------------------------------------------------

def test_sync_recipient_is_the_demo_branch_unless_the_settings_name_one(settings: Settings, branch: DemoPki,
                                                                       tmp_path: Path) -> None:
    demo = sync_recipient(settings)
    assert demo == station_pki(settings).branch_sync_cert() != branch.branch_sync_cert()
    pem = tmp_path / "branch.pem"
    pem.write_bytes(branch.branch_sync_cert().public_bytes(serialization.Encoding.PEM))
    der = tmp_path / "branch.der"
    der.write_bytes(branch.branch_sync_cert().public_bytes(serialization.Encoding.DER))
    for path in (pem, der):
        configured = load_settings(data_dir=settings.data_dir, sync={"recipient_cert": str(path)})
        assert sync_recipient(configured) == branch.branch_sync_cert()
    junk = tmp_path / "junk.pem"
    junk.write_bytes(b"-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n")
    for bad in (junk, tmp_path / "missing.pem"):
        with pytest.raises(SettingsError, match="sync.recipient_cert"):
            sync_recipient(load_settings(data_dir=settings.data_dir, sync={"recipient_cert": str(bad)}))
