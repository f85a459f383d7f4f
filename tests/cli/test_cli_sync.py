"""``station case export`` and ``station sync``: bundles for the branch from the command line."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import factories as f
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs7
from typer.testing import CliRunner

from station.bootstrap import DEMO_OFFICER_ID, DEMO_OFFICER_PIN
from station.cli import app
from station.config import load_settings
from station.core.models import case_reference
from station.core.session import OfficerSession
from station.core.visit import Visit
from station.pki.demo import DemoPki, revoke
from station.store.cases import Store
from tests.store.bundle_support import bank_seal, decrypt_with_pyca, open_with_pyca, openssl_verify, sealed_content

runner = CliRunner()
NAME = "王小喆"  # factories.card_read's invented holder


def station(data: Path, *args: str, pin: str | None = DEMO_OFFICER_PIN):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--data-dir", str(data), *args], env={"STATION_PIN": pin} if pin else {})


def drive(data: Path, until: str = "done") -> str:
    """A case driven through the visit on the CLI's data folder by the DEMO officer."""
    with Store.open(load_settings(data_dir=data)) as store:
        officer = store.officers.sign_in(DEMO_OFFICER_ID, DEMO_OFFICER_PIN)
        visit = Visit.start(store, OfficerSession(officer, timedelta(minutes=5)))
        f.drive(visit, until=until)
        return visit.case_id


@pytest.fixture
def data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    assert station(data, "init").exit_code == 0
    return data


def test_export_outbox_and_status(data: Path, tmp_path: Path) -> None:
    case_id = drive(data)
    branch = DemoPki.at(data / "pki")
    bundle = tmp_path / "case.p7m"
    exported = station(data, "case", "export", case_id, "--out", str(bundle), "--officer", DEMO_OFFICER_ID)
    assert exported.exit_code == 0, exported.output
    assert "Wrote" in exported.output and "DEMO Branch Sync" in exported.output and "sealed by" in exported.output
    assert open_with_pyca(bundle, branch).manifest["case"]["id"] == case_id
    sealed = tmp_path / "case.sealed"
    sealed.write_bytes(decrypt_with_pyca(bundle, branch))
    verified = openssl_verify(sealed, branch.root_cert_file, tmp_path / "case.zip")  # the station's own bank key
    assert verified.returncode == 0, verified.stderr

    status = station(data, "sync", "status", "--officer", DEMO_OFFICER_ID)
    assert status.exit_code == 0, status.output
    assert case_reference(case_id) in status.output and "王**" in status.output and "0 bundle(s)" in status.output
    assert NAME not in status.output

    written = station(data, "sync", "outbox", "--officer", DEMO_OFFICER_ID, "--json")
    assert written.exit_code == 0, written.output
    (report,) = json.loads(written.stdout)
    assert Path(report["path"]).parent == data / "outbox" and report["case"] == case_id
    assert report["sealed_by"] == branch.bank_signer_material().certificate.subject.rfc4514_string()
    assert open_with_pyca(Path(report["path"]), branch).manifest["case"]["id"] == case_id
    again = station(data, "sync", "outbox", "--officer", DEMO_OFFICER_ID)
    assert again.exit_code == 0 and "Nothing to write" in again.output

    anonymous = station(data, "sync", "status", "--json", pin=None)
    assert anonymous.exit_code == 0, anonymous.output
    shown = json.loads(anonymous.stdout)
    assert shown["pending"] == [] and shown["bundles"] == [Path(report["path"]).name]
    with Store.open(load_settings(data_dir=data)) as store:
        actions = [e.action for e in store.audit_events(case_id)]
    assert actions[-2:] == ["evidence.export", "sync.outbox"]


def test_export_refuses_a_wrong_pin_and_an_open_case(data: Path, tmp_path: Path) -> None:
    done, open_case = drive(data), drive(data, until="signature")
    bundle = tmp_path / "case.p7m"
    wrong = station(data, "case", "export", done, "--out", str(bundle), "--officer", DEMO_OFFICER_ID, pin="975310")
    assert wrong.exit_code == 2 and "wrong PIN" in wrong.output
    unfinished = station(data, "case", "export", open_case, "--out", str(bundle), "--officer", DEMO_OFFICER_ID)
    assert unfinished.exit_code == 2 and "only a finished case can be exported" in unfinished.output
    assert not bundle.exists() and list(tmp_path.glob("*.p7m")) == []
    with Store.open(load_settings(data_dir=data)) as store:
        assert not [e for c in (done, open_case) for e in store.audit_events(c) if e.action == "evidence.export"]


# --- the branch's check: station sync open ------------------------------------------------------------

def exported(data: Path, folder: Path) -> tuple[str, Path]:
    """A finished case and its bundle, exported with the CLI."""
    case_id, bundle = drive(data), folder / "case.p7m"
    assert station(data, "case", "export", case_id, "--out", str(bundle), "--officer", DEMO_OFFICER_ID).exit_code == 0
    return case_id, bundle


def open_bundle(data: Path, bundle: Path, *extra: str):  # type: ignore[no-untyped-def]
    branch = DemoPki.at(data / "pki")
    return station(data, "sync", "open", str(bundle), "--key", str(branch.branch_sync_key_file), "--cert",
                   str(branch.branch_sync_cert_file), *extra, pin=None)


def rebuilt(data: Path, bundle: Path, out: Path, change: Callable[[dict[str, bytes]], None], *, seal: bool = True) -> Path:
    """The bundle opened, changed, then sealed again with the bank's own key and encrypted again: only the
    manifest's hashes and the audit chain can tell."""
    branch = DemoPki.at(data / "pki")
    with zipfile.ZipFile(io.BytesIO(sealed_content(decrypt_with_pyca(bundle, branch)))) as z:
        files = {name: z.read(name) for name in z.namelist()}
    change(files)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, content in files.items():
            z.writestr(name, content)
    archive = buffer.getvalue()
    if seal:
        with bank_seal(branch) as sealer:
            archive = sealer(archive)
    out.write_bytes(pkcs7.PKCS7EnvelopeBuilder().set_data(archive).add_recipient(branch.branch_sync_cert())
                    .encrypt(serialization.Encoding.DER, [pkcs7.PKCS7Options.Binary]))
    return out


def test_the_branch_opens_a_bundle_and_finds_it_intact(data: Path, tmp_path: Path) -> None:
    case_id, bundle = exported(data, tmp_path)
    opened = open_bundle(data, bundle, "--trust", "demo", "--json", "--out", str(tmp_path / "case.zip"))
    assert opened.exit_code == 0, opened.output
    report = json.loads(opened.stdout)
    assert report["ok"] and report["problems"] == [] and report["case"] == case_id
    assert "电子签章" in report["sealed_by"] and report["sealed_at"]
    assert zipfile.ZipFile(tmp_path / "case.zip").namelist() == report["files"]
    said = open_bundle(data, bundle, "--trust", "demo")
    assert said.exit_code == 0 and "INTACT" in said.output and case_reference(case_id) in said.output

    untrusted = open_bundle(data, bundle)  # no roots given: the seal cannot be trusted
    assert untrusted.exit_code == 1 and "does not chain to a trusted root" in untrusted.output


def test_the_branch_finds_a_changed_file_a_changed_audit_line_and_a_missing_seal(data: Path, tmp_path: Path) -> None:
    _, bundle = exported(data, tmp_path)

    def swap_contract(files: dict[str, bytes]) -> None:
        files["documents/loan_contract.pdf"] = files["documents/loan_contract.pdf"].replace(b"%PDF", b"%PDF ", 1)

    def edit_audit(files: dict[str, bytes]) -> None:
        lines = files["audit.jsonl"].decode().splitlines()
        first = json.loads(lines[0])
        first["actor"] = "someone-else"
        files["audit.jsonl"] = "\n".join([json.dumps(first, ensure_ascii=False), *lines[1:]]).encode() + b"\n"

    contract = open_bundle(data, rebuilt(data, bundle, tmp_path / "a.p7m", swap_contract), "--trust", "demo")
    assert contract.exit_code == 1 and "loan_contract.pdf does not match its SHA-256" in contract.output
    audit = open_bundle(data, rebuilt(data, bundle, tmp_path / "b.p7m", edit_audit), "--trust", "demo")
    assert audit.exit_code == 1 and "audit event 1" in audit.output and "was changed" in audit.output
    unsealed = open_bundle(data, rebuilt(data, bundle, tmp_path / "c.p7m", lambda files: None, seal=False),
                           "--trust", "demo")
    assert unsealed.exit_code == 1 and "carries no seal" in unsealed.output


def test_a_bundle_for_another_key_or_not_a_bundle_is_a_clear_error(data: Path, tmp_path: Path) -> None:
    _, bundle = exported(data, tmp_path)
    other = DemoPki.at(data / "pki")
    wrong_key = station(data, "sync", "open", str(bundle), "--key", str(other.tsa_key_file),
                        "--cert", str(other.branch_sync_cert_file), pin=None)
    assert wrong_key.exit_code == 2 and "RSA" in wrong_key.output
    junk = tmp_path / "junk.p7m"
    junk.write_bytes(b"not a bundle at all")
    refused = open_bundle(data, junk, "--trust", "demo")
    assert refused.exit_code == 2 and "cannot be decrypted" in refused.output


def test_a_seal_by_a_revoked_bank_certificate_is_not_intact(data: Path, tmp_path: Path) -> None:
    _, bundle = exported(data, tmp_path)
    pki = DemoPki.at(data / "pki")
    revoke(pki, pki.bank_signer_material().certificate)  # the issuing CA's CRL now lists the bank's certificate
    opened = open_bundle(data, bundle, "--trust", "demo")
    assert opened.exit_code == 1 and "the sealing certificate was revoked" in opened.output, opened.output
