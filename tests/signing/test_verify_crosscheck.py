"""An independent cross-check: on the station's own outputs pyHanko, the station's verifier and poppler's
``pdfsig`` (with an NSS database holding the DEMO root) agree that every signature is valid and trusted.

Two kinds of output: the station-like documents the tests make with pyHanko, and the real ones from
``station sign documents --sample`` (``station/signing/sign.py``).
"""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import async_validate_pdf_signature
from typer.testing import CliRunner

from signing.attacks import world as shared
from signing.attacks.world import World, demo_trust, nss_database, pdfsig
from station.cli import app
from station.pki.demo import ensure_demo_pki
from station.validation.results import Verdict
from station.validation.verify import verify_pdf

world = shared.world  # the session's DEMO PKI, signer and trust (a fixture)


def _pyhanko(pdf: bytes, world_trust) -> list[bool]:  # type: ignore[no-untyped-def]
    async def run() -> list[bool]:
        reader = PdfFileReader(io.BytesIO(pdf))
        return [(await async_validate_pdf_signature(s, world_trust.context())).bottom_line
                for s in reader.embedded_signatures]

    return asyncio.run(run())


def test_three_validators_agree_on_station_like_outputs(world: World, tmp_path: Path) -> None:
    outputs = {"contract": world.original, "other borrower": world.station.signed(world.station.borrower("刘一")),
               "no timestamp": world.station.signed(timestamp=False)}
    for label, pdf in outputs.items():
        path = tmp_path / f"{label}.pdf"
        path.write_bytes(pdf)
        ours = verify_pdf(path, world.trust)
        assert ours.verdict is Verdict.VALID, (label, [p.text() for p in ours.problems])
        assert _pyhanko(pdf, world.trust) == [True, True], label
        assert pdfsig(path, world.nss_db) == [(True, True), (True, True)], label


def test_pdfsig_sees_the_tampering_pyhanko_and_we_see(world: World, tmp_path: Path) -> None:
    path = tmp_path / "flipped.pdf"
    path.write_bytes(world.attacks["tamper-flipped-byte"])

    assert verify_pdf(path, world.trust).verdict is Verdict.INVALID
    assert not all(_pyhanko(path.read_bytes(), world.trust))
    assert (False, True) in pdfsig(path, world.nss_db) or (False, False) in pdfsig(path, world.nss_db)


def test_the_real_signing_pipeline_passes_all_three(tmp_path: Path) -> None:
    data, out = tmp_path / "data", tmp_path / "signed"
    runner = CliRunner()
    signed = runner.invoke(app, ["--data-dir", str(data), "sign", "documents", "--sample", "--out", str(out)])
    assert signed.exit_code == 0, signed.output
    files = sorted(out.glob("*.pdf"))
    assert len(files) == 4

    verified = runner.invoke(app, ["--data-dir", str(data), "verify", str(out), "--trust", "demo", "--jobs", "1"])
    assert verified.exit_code == 0, verified.output
    assert "VALID: 4" in verified.output

    pki = ensure_demo_pki(data / "pki", "unused: the PKI exists")
    trust = demo_trust(pki)
    nss = nss_database(tmp_path / "nss", pki.root_cert_file)
    for path in files:
        report = verify_pdf(path, trust, expect=None)
        assert report.verdict is Verdict.VALID, [p.text() for p in report.problems]
        assert {s.field for s in report.signatures} == {"bank", "borrower"}
        assert all(_pyhanko(path.read_bytes(), trust)), path.name
        assert pdfsig(path, nss) == [(True, True), (True, True)], path.name
