"""Bad input to one-pass signing: each is refused with a typed error before anything is signed, or
(an unreachable timestamp service) signed B-B and marked, never with a made-up time."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from PIL import Image
from pyhanko.sign.timestamps import HTTPTimeStamper
from reportlab.pdfgen import canvas

from station.core.models import DocumentRecord, SignatureCapture
from station.errors import (
    BankKeyError,
    CertificateRefused,
    DocumentRefused,
    StampImageError,
    StampTextError,
    WriteError,
)
from station.operations.sample import sample_capture, sample_identity
from station.pki.demo import DemoPki, ensure_demo_pki, load_pkcs12, revoke
from station.pki.signers import Pkcs12Key, open_bank_key
from station.pki.trust import Trust
from station.signing.levels import PadesLevel, pades_level_of
from station.signing.output import write_all_atomically
from station.signing.sign import BorrowerIdentity, sign_set
from station.timestamps.service import from_demo_pki, serve

from .sign_support import (
    BANK_NAME,
    SIGNING_DAY,
    Pdfsig,
    blank_png,
    documents,
    issue_like_bank,
    module_pki,
    pkcs12_kit,
    pyhanko_statuses,
    sign_sample,
)

__all__ = ["module_pki"]  # a fixture


@pytest.fixture(scope="module")
def records() -> list[DocumentRecord]:
    return documents()


@pytest.fixture
def pki(tmp_path: Path) -> DemoPki:
    return ensure_demo_pki(tmp_path / "pki", BANK_NAME)


def _bank_p12(pki: DemoPki, path: Path, **validity: datetime) -> Path:
    """A PKCS#12 with a new key and a bank certificate from the DEMO issuing CA, validity as given."""
    key = ec.generate_private_key(ec.SECP256R1())
    cert = issue_like_bank(pki, key.public_key(), **validity)
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"bank", key, cert, [pki.issuing_cert(), pki.root_cert()], serialization.BestAvailableEncryption(b"pw")))
    return path


# --- the bank's key and certificate ---------------------------------------------------------------

def test_a_wrong_passphrase_is_refused(pki: DemoPki) -> None:
    with pytest.raises(BankKeyError, match="passphrase .* is wrong"):
        open_bank_key(Pkcs12Key(pki.bank_p12_file, "not the passphrase"))


def test_a_missing_key_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BankKeyError, match="missing"):
        open_bank_key(Pkcs12Key(tmp_path / "nowhere.p12", "x"))


def test_an_expired_bank_certificate_is_refused_before_signing(pki: DemoPki, tmp_path: Path,
                                                               records: list[DocumentRecord]) -> None:
    now = datetime.now(UTC)
    p12 = _bank_p12(pki, tmp_path / "expired.p12", not_before=now - timedelta(days=400),
                    not_after=now - timedelta(days=1))
    kit = pkcs12_kit(pki)
    kit.bank = open_bank_key(Pkcs12Key(p12, "pw"))
    with pytest.raises(CertificateRefused, match="the bank's certificate .* has expired"):
        sign_sample(kit, records)


def test_a_revoked_bank_certificate_is_refused_before_signing(pki: DemoPki, records: list[DocumentRecord]) -> None:
    _, bank_cert, _ = load_pkcs12(pki.bank_p12_file, pki.bank_passphrase())
    revoke(pki, bank_cert)
    kit = pkcs12_kit(pki, trust=Trust.from_demo_pki(pki))  # the CRLs as they are now
    with pytest.raises(CertificateRefused, match="has been revoked"):
        sign_sample(kit, records)


def test_a_bank_certificate_from_another_pki_is_refused(pki: DemoPki, tmp_path: Path,
                                                        records: list[DocumentRecord]) -> None:
    stranger = ensure_demo_pki(tmp_path / "stranger", BANK_NAME)
    kit = pkcs12_kit(pki)
    kit.bank = open_bank_key(Pkcs12Key(stranger.bank_p12_file, stranger.bank_passphrase()))
    with pytest.raises(CertificateRefused, match="does not chain to the DEMO root"):
        sign_sample(kit, records)


# --- the timestamp service ----------------------------------------------------------------------

def test_an_unreachable_timestamp_service_gives_b_b_marked_for_upgrade(
        module_pki: DemoPki, records: list[DocumentRecord], tmp_path: Path) -> None:
    kit = pkcs12_kit(module_pki, timestamper=HTTPTimeStamper("http://127.0.0.1:9/", timeout=2))
    outcome = sign_sample(kit, records)
    assert outcome.level is PadesLevel.B_B
    assert outcome.timestamp_problem and "timestamp service" in outcome.timestamp_problem
    trust = Trust.from_demo_pki(module_pki)
    for record in outcome.signed.documents:
        assert record.signed and record.pades_level == "B-B" and record.awaiting_upgrade
        assert pades_level_of(record.content or b"") is PadesLevel.B_B
        for status in pyhanko_statuses(record.content or b"", trust).values():
            assert status.bottom_line and status.timestamp_validity is None  # valid, and no time claimed
    path = tmp_path / "b-b.pdf"
    path.write_bytes(outcome.signed.documents[0].content or b"")
    verdicts = Pdfsig(tmp_path / "nss", module_pki.root_cert_file).check(path)
    assert all(v.accepted for v in verdicts.values()) and set(verdicts) == {"bank", "borrower"}


def test_a_timestamp_service_of_another_pki_is_not_trusted(module_pki: DemoPki, tmp_path: Path,
                                                           records: list[DocumentRecord]) -> None:
    stranger = ensure_demo_pki(tmp_path / "stranger", BANK_NAME)
    outcome = sign_sample(pkcs12_kit(module_pki, timestamper=from_demo_pki(stranger)), records)
    assert outcome.level is PadesLevel.B_B
    assert "does not chain to the DEMO root" in (outcome.timestamp_problem or "")


def test_a_timestamp_service_that_dies_midway_leaves_the_rest_b_b(module_pki: DemoPki,
                                                                   records: list[DocumentRecord]) -> None:
    running = serve(from_demo_pki(module_pki))
    kit = pkcs12_kit(module_pki, timestamper=HTTPTimeStamper(running.url, timeout=2))
    try:
        outcome = sign_sample(kit, records, progress=lambda done, _total: running.close() if done == 1 else None)
    finally:
        running.close()
    levels = [d.pades_level for d in outcome.signed.documents]
    assert levels == ["B-T", "B-B", "B-B", "B-B"]
    assert outcome.level is PadesLevel.B_B and outcome.timestamp_problem
    assert all(d.awaiting_upgrade for d in outcome.signed.documents)


# --- the stamp ------------------------------------------------------------------------------------

def test_a_name_the_stamp_font_cannot_draw_is_refused_without_echoing_it(module_pki: DemoPki,
                                                                          records: list[DocumentRecord]) -> None:
    name = "李\U00020000梅"  # a CJK Extension B character: outside the stamp font
    with pytest.raises(StampTextError) as refused:
        sign_set(records, sample_capture(), BorrowerIdentity(name, sample_identity().id_hash),
                 pkcs12_kit(module_pki), day=SIGNING_DAY)
    assert "U+20000" in str(refused.value) and name not in str(refused.value)


@pytest.mark.parametrize("png", [None, b"", b"not an image", "blank", "jpeg"])
def test_a_missing_blank_or_wrong_handwriting_image_is_refused(module_pki: DemoPki, records: list[DocumentRecord],
                                                               png: object) -> None:
    if png == "blank":
        png = blank_png()
    elif png == "jpeg":
        buffer = io.BytesIO()
        Image.new("RGB", (200, 80), "white").save(buffer, format="JPEG")
        png = buffer.getvalue()
    capture = SignatureCapture(sample_capture().strokes, png)  # type: ignore[arg-type]
    with pytest.raises(StampImageError):
        sign_set(records, capture, sample_identity(), pkcs12_kit(module_pki), day=SIGNING_DAY)


# --- the documents ---------------------------------------------------------------------------------

def test_a_document_changed_since_it_was_made_is_refused(module_pki: DemoPki, records: list[DocumentRecord]) -> None:
    changed = [*records]
    changed[2] = dataclasses.replace(changed[2], content=(changed[2].content or b"") + b"\n% appended")
    with pytest.raises(DocumentRefused, match="changed since it was generated"):
        sign_sample(pkcs12_kit(module_pki), changed)


def test_a_document_without_signature_fields_is_refused(module_pki: DemoPki) -> None:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(100, 700, "no fields here")
    page.save()
    content = buffer.getvalue()
    record = DocumentRecord(documents()[0].kind, "plain.pdf", hashlib.sha256(content).hexdigest(), content=content)
    with pytest.raises(DocumentRefused, match="no 'bank' signature field"):
        sign_sample(pkcs12_kit(module_pki), [record])


def test_a_signed_document_is_not_signed_again(module_pki: DemoPki, records: list[DocumentRecord]) -> None:
    kit = pkcs12_kit(module_pki)
    signed = sign_sample(kit, records[:1]).signed.documents[0]
    with pytest.raises(DocumentRefused, match="signed already"):
        sign_sample(kit, [dataclasses.replace(signed, signed=False)])


def test_an_empty_set_is_refused(module_pki: DemoPki) -> None:
    with pytest.raises(DocumentRefused):
        sign_sample(pkcs12_kit(module_pki), [])


# --- the disk ---------------------------------------------------------------------------------------

def test_a_disk_that_fills_up_midway_leaves_no_half_written_pdf(module_pki: DemoPki, records: list[DocumentRecord],
                                                                tmp_path: Path) -> None:
    """A real short write: the child process may not grow a file past 100 kB (RLIMIT_FSIZE), so the
    kernel refuses the rest of the first signed PDF with EFBIG, as a full disk refuses with ENOSPC."""
    signed = sign_sample(pkcs12_kit(module_pki), records).signed.documents
    source, target = tmp_path / "source", tmp_path / "target"
    source.mkdir()
    target.mkdir()
    for record in signed:
        (source / record.filename).write_bytes(record.content or b"")
    assert all(len(r.content or b"") > 100_000 for r in signed)
    previous = target / signed[0].filename
    previous.write_bytes(b"%PDF- the copy saved before")
    child = textwrap.dedent("""
        import resource, signal, sys
        from pathlib import Path
        from station.errors import WriteError
        from station.signing.output import write_all_atomically
        source, target = Path(sys.argv[1]), Path(sys.argv[2])
        files = {target / p.name: p.read_bytes() for p in sorted(source.iterdir())}
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))
        try:
            write_all_atomically(files)
        except WriteError as exc:
            print(exc)
            sys.exit(3)
    """)
    run = subprocess.run([sys.executable, "-c", child, str(source), str(target)], capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == 3, run.stdout + run.stderr
    assert "nothing half-written was left" in run.stdout
    assert sorted(p.name for p in target.iterdir()) == [previous.name]  # no new file, no leftover .part
    assert previous.read_bytes() == b"%PDF- the copy saved before"


def test_a_write_that_succeeds_replaces_the_files_whole(tmp_path: Path) -> None:
    target = tmp_path / "a.pdf"
    target.write_bytes(b"old")
    write_all_atomically({target: b"new", tmp_path / "b.pdf": b"second"})
    assert target.read_bytes() == b"new" and (tmp_path / "b.pdf").read_bytes() == b"second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf", "b.pdf"]


def test_a_folder_that_cannot_be_written_is_a_write_error(tmp_path: Path) -> None:
    with pytest.raises(WriteError):
        write_all_atomically({tmp_path / "missing-folder" / "a.pdf": b"x"})
