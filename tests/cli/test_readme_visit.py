"""The README's visit from the command line, as written, on the shipped sample set (assets/sample): the
station reads the card, matches the face, quotes the loan, makes and signs the documents and hands them
out; what an officer did not type is never taken from a file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from station.assets import asset
from station.bootstrap import DEMO_OFFICER_ID, DEMO_OFFICER_PIN
from station.cli import app

runner = CliRunner()
SAMPLE = asset("sample")


@pytest.fixture
def station(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    monkeypatch.setenv("STATION_PIN", DEMO_OFFICER_PIN)
    monkeypatch.setenv("STATION_OFFICER", DEMO_OFFICER_ID)
    data = tmp_path / "data"
    return lambda *args: runner.invoke(app, ["--data-dir", str(data), *map(str, args)])


def test_the_readme_visit_runs_as_written(station, tmp_path: Path) -> None:
    read = station("idcard", "read", SAMPLE / "card-front.jpg", SAMPLE / "card-back.jpg", "--json")
    assert read.exit_code == 0, read.output
    card = tmp_path / "card.json"
    card.write_text(read.stdout, encoding="utf-8")

    case = station("visit", "start").stdout.strip().splitlines()[-1]
    typed = station("visit", "submit", case, "id_card", card, "--json")
    assert typed.exit_code == 0, typed.output  # the idcard read --json output is the card format
    assert station("visit", "redo", case, "id_card", "--reason", "read it from the pictures").exit_code == 0
    pictures = station("visit", "card", case, SAMPLE / "card-front.jpg", SAMPLE / "card-back.jpg", "--json")
    assert pictures.exit_code == 0, pictures.output

    forged = tmp_path / "face.json"
    forged.write_text(json.dumps({"decision": "match", "distance": 0.3}), encoding="utf-8")
    refused = station("visit", "submit", case, "face", forged)
    assert refused.exit_code == 2 and "computed by the station" in refused.output

    face = station("visit", "face", case, "--live", SAMPLE / "face.avi", "--challenge", "blink,turn_left", "--json")
    assert face.exit_code == 0, face.output
    matched = json.loads(face.stdout)
    assert matched["decision"] == "match" and matched["next_step"] == "account"
    assert {c["name"]: c["status"] for c in matched["checks"]} == {"face.match": "pass", "face.liveness": "pass"}

    assert station("visit", "submit", case, "account", SAMPLE / "account.json").exit_code == 0
    loan = station("visit", "submit", case, "loan", SAMPLE / "loan.json", "--json")
    assert loan.exit_code == 0, loan.output
    assert station("visit", "documents", case).exit_code == 0
    signed = station("visit", "sign", case, "--handwriting", SAMPLE / "signature.png")
    assert signed.exit_code == 0, signed.output

    status = json.loads(station("visit", "status", case, "--json").stdout)
    assert status["status"] == "done" and {s["state"] for s in status["steps"]} == {"done"}

    handed = station("visit", "finish", case, "--out", tmp_path / "signed", "--json")
    assert handed.exit_code == 0, handed.output
    files = [Path(d["file"]) for d in json.loads(handed.stdout)["documents"]]
    assert len(files) == 4 and all(f.read_bytes().startswith(b"%PDF") for f in files)
    verified = station("verify", tmp_path / "signed", "--trust", "demo", "--json")
    assert verified.exit_code == 0, verified.output


def test_a_case_not_signed_hands_out_nothing(station, tmp_path: Path) -> None:
    case = station("visit", "start").stdout.strip().splitlines()[-1]
    result = station("visit", "finish", case, "--out", tmp_path / "out")
    assert result.exit_code == 1 and "not finished" in result.output
    assert not (tmp_path / "out").exists()


def test_the_loan_quote_is_the_stations_not_the_files(station, tmp_path: Path) -> None:
    """A whole offer handed in keeps only its terms: the APR and schedule are worked out again."""
    case = station("visit", "start").stdout.strip().splitlines()[-1]
    read = station("idcard", "read", SAMPLE / "card-front.jpg", SAMPLE / "card-back.jpg", "--json")
    card = tmp_path / "card.json"
    card.write_text(read.stdout, encoding="utf-8")
    assert station("visit", "submit", case, "id_card", card).exit_code == 0
    assert station("visit", "face", case, "--in-person", "--override", "face.match=当面核对本人与证件一致",
                   "--override", "face.liveness=当面核对为本人在场").exit_code == 0
    assert station("visit", "submit", case, "account", SAMPLE / "account.json").exit_code == 0
    terms = json.loads((SAMPLE / "loan.json").read_text(encoding="utf-8"))
    offer = tmp_path / "offer.json"
    offer.write_text(json.dumps({"terms": terms, "quote": {"apr": "0.01"}}), encoding="utf-8")
    accepted = station("visit", "submit", case, "loan", offer, "--json")
    assert accepted.exit_code == 0, accepted.output
    apr = next(c for c in json.loads(accepted.stdout)["checks"] if c["name"] == "loan.apr_disclosed")
    assert apr["status"] == "pass" and "0.01" not in apr["reason"]
