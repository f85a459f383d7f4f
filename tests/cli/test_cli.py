"""The command line reaches the station's capabilities without Qt, with clear errors and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from factories import card_json, card_read
from typer.testing import CliRunner

from station.bootstrap import DEMO_OFFICER_ID, DEMO_OFFICER_PIN
from station.cli import app

runner = CliRunner()


def station(data: Path, *args: str, pin: str | None = DEMO_OFFICER_PIN, **env: str):  # type: ignore[no-untyped-def]
    environment = {"STATION_PIN": pin, **env} if pin else dict(env)
    return runner.invoke(app, ["--data-dir", str(data), *args], env=environment)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def test_doctor_passes_on_a_fresh_install(data: Path) -> None:
    result = station(data, "doctor", "--json")
    assert result.exit_code == 0, result.output
    lines = {line["area"]: line for line in json.loads(result.stdout[result.stdout.index("["):])}
    for area in ("database", "audit trail", "PKI chain", "bank key", "timestamps", "OCR model (det)",
                 "face model (ResNet face encoder)", "font (PDF embedding)", "disk"):
        assert lines[area]["ok"], lines[area]
    assert "DEMO" in lines["bank key"]["detail"]


def test_first_run_makes_demo_defaults_once(data: Path) -> None:
    first = station(data, "init")
    assert first.exit_code == 0, first.output
    assert "DEMO admin officer" in first.output and DEMO_OFFICER_PIN in first.output
    assert (data / "pki" / "bank.p12").exists() and (data / "station.db").exists()
    second = station(data, "init")
    assert second.exit_code == 0 and "First run" not in second.output


def test_wrong_pkcs12_passphrase_fails_the_doctor_with_a_fix(data: Path) -> None:
    station(data, "init")
    result = station(data, "--set", "signing.pkcs12_passphrase=not-the-passphrase", "doctor")
    assert result.exit_code == 1
    assert "passphrase for" in result.output and "is wrong" in result.output
    assert (data / "pki" / "bank.p12").exists()  # nothing was touched


def test_broken_settings_file_stops_with_the_line(data: Path, tmp_path: Path) -> None:
    config = tmp_path / "broken.toml"
    config.write_text("[security\nidle_lock_minutes = 5\n", encoding="utf-8")
    result = runner.invoke(app, ["--config", str(config), "--data-dir", str(data), "init"])
    assert result.exit_code == 2
    assert "not valid TOML" in result.output and "line 1" in result.output
    assert not data.exists()  # nothing was made on bad settings


def test_wrong_pin_is_refused_and_counted(data: Path) -> None:
    station(data, "init")
    result = station(data, "visit", "start", "--officer", DEMO_OFFICER_ID, pin="975310")
    assert result.exit_code == 2
    assert "wrong PIN (4 tries left)" in result.output


def test_a_visit_driven_from_json_files(data: Path, tmp_path: Path) -> None:
    started = station(data, "visit", "start", "--officer", DEMO_OFFICER_ID)
    assert started.exit_code == 0, started.output
    case_id = started.stdout.strip().splitlines()[-1]

    expired = tmp_path / "expired.json"
    read = card_read()
    expired_read = card_json(read)
    expired_read["fields"]["valid_to"]["value"] = "2020-01-01"
    expired_read["fields"]["valid_from"]["value"] = "2010-01-01"
    expired.write_text(json.dumps(expired_read, ensure_ascii=False), encoding="utf-8")
    refused = station(data, "visit", "submit", case_id, "id_card", str(expired), "--officer", DEMO_OFFICER_ID)
    assert refused.exit_code == 1
    assert "card.not_expired" in refused.output and "refused" in refused.output

    good = tmp_path / "read.json"
    good.write_text(json.dumps(card_json(read), ensure_ascii=False), encoding="utf-8")
    accepted = station(data, "visit", "submit", case_id, "id_card", str(good), "--officer", DEMO_OFFICER_ID,
                       "--json")
    assert accepted.exit_code == 0, accepted.output
    assert json.loads(accepted.stdout)["next_step"] == "face"

    status = station(data, "visit", "status", case_id, "--officer", DEMO_OFFICER_ID, "--json")
    steps = {s["step"]: s["state"] for s in json.loads(status.stdout)["steps"]}
    assert steps["id_card"] == "done" and steps["face"] == "pending"

    listed = station(data, "case", "list", "--officer", DEMO_OFFICER_ID, "--json")
    (case,) = json.loads(listed.stdout)
    assert case["id"] == case_id and case["customer"] == "王**"  # masked, never the full name

    verified = station(data, "audit", "verify")
    assert verified.exit_code == 0 and "BROKEN" not in verified.output


def test_unreadable_step_input_is_a_clear_error(data: Path, tmp_path: Path) -> None:
    case_id = station(data, "visit", "start", "--officer", DEMO_OFFICER_ID).stdout.strip().splitlines()[-1]
    junk = tmp_path / "junk.json"
    junk.write_text("{not json", encoding="utf-8")
    result = station(data, "visit", "submit", case_id, "id_card", str(junk), "--officer", DEMO_OFFICER_ID)
    assert result.exit_code == 2 and "Cannot read" in result.output
