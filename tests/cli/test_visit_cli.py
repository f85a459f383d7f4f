"""``station visit documents`` and ``station visit sign``: a visit's documents and signatures without Qt.

An invented borrower (tests/factories.py) is driven to the documents step; the commands render the
documents from the stored steps, sign them with a scanned handwriting PNG and submit each step. The
signed PDFs the case holds are checked by pyHanko and by poppler's pdfsig.
"""

from __future__ import annotations

import hashlib
import io
import json
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image
from signing.sign_support import Pdfsig, blank_png, pyhanko_statuses
from typer.testing import CliRunner

from station.bootstrap import signing_trust
from station.cli import app
from station.config import Settings
from station.core.models import DocumentKind, SignedSet
from station.core.session import OfficerSession
from station.core.visit import Step, Visit
from station.documents.handwriting import render_handwriting
from station.operations.sample import sample_strokes
from station.pki.demo import ensure_demo_pki
from station.signing.levels import PadesLevel, pades_level_of
from station.store.cases import Store
from tests.conftest import ADMIN_ID, ADMIN_PIN
from tests.factories import drive


def _case_at_documents(settings: Settings) -> str:
    """A case of the factories' invented borrower, driven up to its documents step."""
    with Store.open(settings) as store:
        admin = store.officers.bootstrap(ADMIN_ID, "管理员", ADMIN_PIN)
        visit = Visit.start(store, OfficerSession(admin, timedelta(minutes=5)))
        drive(visit, until=Step.DOCUMENTS.value)
        return visit.case_id


def _scanned(png: bytes) -> bytes:
    """The handwriting as a scan gives it: dark ink on grey-white paper, no transparency."""
    ink = Image.open(io.BytesIO(png))
    paper = Image.new("RGBA", ink.size, (236, 234, 228, 255))
    paper.alpha_composite(ink)
    out = io.BytesIO()
    paper.convert("RGB").save(out, format="PNG")
    return out.getvalue()


def _first_revision_sha256(pdf: bytes) -> str:
    """SHA-256 of a PDF's bytes up to its first ``%%EOF`` line: the file before any incremental update."""
    end = pdf.index(b"%%EOF") + len(b"%%EOF")
    rest = pdf[end:]
    end += len(rest) - len(rest.lstrip(b"\r\n"))  # and its end-of-line
    return hashlib.sha256(pdf[:end]).hexdigest()


@pytest.fixture
def station(settings: Settings, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    monkeypatch.setenv("STATION_PIN", ADMIN_PIN)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, ["--data-dir", str(settings.data_dir), *args, "--officer", ADMIN_ID])


def test_documents_and_signatures_of_a_case_from_the_command_line(settings: Settings, station, tmp_path: Path
                                                                  ) -> None:
    case_id = _case_at_documents(settings)
    handwriting = tmp_path / "signature.png"
    handwriting.write_bytes(_scanned(render_handwriting(sample_strokes())))

    early = station("visit", "sign", case_id, "--handwriting", str(handwriting))
    assert early.exit_code == 1 and "must be done before anything is signed" in early.output

    made = station("visit", "documents", case_id, "--json")
    assert made.exit_code == 0, made.output
    listed = json.loads(made.stdout)
    assert listed["accepted"] and listed["next_step"] == "signature"
    assert sorted(d["kind"] for d in listed["documents"]) == sorted(k.value for k in DocumentKind)

    blank = tmp_path / "blank.png"
    blank.write_bytes(blank_png())
    refused = station("visit", "sign", case_id, "--handwriting", str(blank))
    assert refused.exit_code == 1 and "Nothing was signed" in refused.output and "empty" in refused.output

    signed = station("visit", "sign", case_id, "--handwriting", str(handwriting), "--json")
    assert signed.exit_code == 0, signed.output
    result = json.loads(signed.stdout)
    assert result["accepted"] and result["timestamp_problem"] is None
    assert [d["level"] for d in result["documents"]] == ["B-T"] * len(DocumentKind)

    with Store.open(settings) as store:
        admin = store.officers.sign_in(ADMIN_ID, ADMIN_PIN)
        visit = Visit.resume(store, OfficerSession(admin, timedelta(minutes=5)), case_id)
        assert visit.is_done
        kept = visit.output(Step.SIGNATURE)
    assert isinstance(kept, SignedSet) and kept.capture.png and kept.capture.strokes
    assert [_first_revision_sha256(d.content or b"") for d in kept.documents] == [
        d["sha256"] for d in listed["documents"]]  # the signatures were added to the documents the command made
    pki = ensure_demo_pki(settings.pki_dir, settings.bank.name)
    trust = signing_trust(settings, pki)
    pdfsig = Pdfsig(tmp_path / "nss", pki.root_cert_file)
    for record in kept.documents:
        pdf = record.content or b""
        assert pades_level_of(pdf) is PadesLevel.B_T
        statuses = pyhanko_statuses(pdf, trust)
        assert set(statuses) == {"bank", "borrower"}, record.filename
        assert all(s.bottom_line for s in statuses.values()), record.filename
        path = tmp_path / record.filename
        path.write_bytes(pdf)
        verdicts = pdfsig.check(path)
        assert set(verdicts) == {"bank", "borrower"} and all(v.accepted for v in verdicts.values()), record.filename

    again = station("visit", "documents", case_id)
    assert again.exit_code != 0  # a signed case is done: nothing is made or submitted again


def test_documents_refused_before_the_loan_step(settings: Settings, station) -> None:
    with Store.open(settings) as store:
        admin = store.officers.bootstrap(ADMIN_ID, "管理员", ADMIN_PIN)
        case_id = Visit.start(store, OfficerSession(admin, timedelta(minutes=5))).case_id
    run = station("visit", "documents", case_id)
    assert run.exit_code == 1 and "must be done first" in run.output
