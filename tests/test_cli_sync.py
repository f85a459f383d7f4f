"""``station case export`` and ``station sync``: bundles for the branch from the command line."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import factories as f
import pytest
from typer.testing import CliRunner

from station.bootstrap import DEMO_OFFICER_ID, DEMO_OFFICER_PIN
from station.cli import app
from station.config import load_settings
from station.core.models import case_reference
from station.core.session import OfficerSession
from station.core.visit import Visit
from station.signing.pki import DemoPki
from station.store.cases import Store
from tests.store.bundle_support import decrypt_with_pyca, open_with_pyca, openssl_verify

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
