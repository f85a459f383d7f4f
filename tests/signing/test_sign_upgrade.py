"""Raising signed sets to B-LT and B-LTA: revocation data in the DSS, document time-stamps."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESPassed
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko.sign.validation import DocumentSecurityStore, async_validate_pdf_signature, async_validate_pdf_timestamp
from pyhanko.sign.validation.status import ModificationLevel

from station.core.models import DocumentRecord
from station.errors import DocumentRefused
from station.pki.demo import DemoPki
from station.pki.trust import Trust
from station.signing.levels import PadesLevel
from station.signing.upgrade import upgrade_pdf, upgrade_record
from station.timestamps.service import from_demo_pki

from .sign_support import Pdfsig, documents, module_pki, pkcs12_kit, sign_sample, strict_lta_results

__all__ = ["module_pki"]  # a fixture


@pytest.fixture(scope="module")
def b_t(module_pki: DemoPki) -> list[DocumentRecord]:
    return sign_sample(pkcs12_kit(module_pki), documents()[:2]).signed.documents


@pytest.fixture(scope="module")
def b_b(module_pki: DemoPki) -> list[DocumentRecord]:
    kit = pkcs12_kit(module_pki, timestamper=HTTPTimeStamper("http://127.0.0.1:9/", timeout=2))
    return sign_sample(kit, documents()[:1]).signed.documents


def _validate_from_dss(pdf: bytes, module_pki: DemoPki) -> dict[str, object]:
    """Every signature and time-stamp checked with only the revocation data the file's DSS carries
    (revocation required for every certificate, nothing fetched, no CRL from the station)."""
    reader = PdfFileReader(io.BytesIO(pdf))
    dss = DocumentSecurityStore.read_dss(reader)

    def context():  # noqa: ANN202
        return dss.as_validation_context({"trust_roots": module_pki.trust_roots(), "revocation_mode": "require",
                                          "allow_fetching": False})

    async def run() -> dict[str, object]:
        found: dict[str, object] = {}
        for sig in reader.embedded_regular_signatures:
            found[sig.field_name] = await async_validate_pdf_signature(sig, context(), context())
        for ts in reader.embedded_timestamp_signatures:
            found[ts.field_name] = await async_validate_pdf_timestamp(ts, context())
        return found

    return asyncio.run(run())


def test_b_t_becomes_b_lta_and_validates_from_the_file_alone(b_t: list[DocumentRecord], module_pki: DemoPki,
                                                            tmp_path: Path) -> None:
    trust = Trust.from_demo_pki(module_pki)
    record, result = upgrade_record(b_t[0], trust, from_demo_pki(module_pki))
    assert (result.before, result.after, result.problem) == (PadesLevel.B_T, PadesLevel.B_LTA, None)
    assert record.pades_level == "B-LTA" and not record.awaiting_upgrade and record.sha256 != b_t[0].sha256
    content = record.content or b""
    assert content.startswith(b_t[0].content or b"x")  # incremental: the signed bytes are kept as they were
    passed = {"bank": AdESPassed.OK, "borrower": AdESPassed.OK}
    assert strict_lta_results(content, module_pki.trust_roots()) == passed
    statuses = _validate_from_dss(content, module_pki)
    # after the borrower's signature, only validation data and time-stamps were added
    expected = {"bank": ModificationLevel.FORM_FILLING, "borrower": ModificationLevel.LTA_UPDATES}
    for name, level in expected.items():
        assert statuses[name].bottom_line and statuses[name].modification_level == level, name
    timestamps = [s for n, s in statuses.items() if n not in ("bank", "borrower")]
    assert len(timestamps) == 1 and timestamps[0].valid and timestamps[0].intact and timestamps[0].trusted
    path = tmp_path / "b-lta.pdf"
    path.write_bytes(content)
    verdicts = Pdfsig(tmp_path / "nss", module_pki.root_cert_file).check(path)
    assert verdicts["bank"].accepted and verdicts["borrower"].accepted


def test_without_a_timestamp_service_b_t_becomes_b_lt(b_t: list[DocumentRecord], module_pki: DemoPki) -> None:
    result = upgrade_pdf(b_t[1].content or b"", Trust.from_demo_pki(module_pki), None)
    assert (result.before, result.after) == (PadesLevel.B_T, PadesLevel.B_LT)
    assert result.problem == "no timestamp service is configured"
    statuses = _validate_from_dss(result.content, module_pki)
    assert all(s.bottom_line and s.trusted for s in statuses.values())  # the DSS alone proves non-revocation
    # and a later upgrade adds the archive time-stamp
    later = upgrade_pdf(result.content, Trust.from_demo_pki(module_pki), from_demo_pki(module_pki))
    assert (later.before, later.after) == (PadesLevel.B_LT, PadesLevel.B_LTA)


def test_b_b_gets_a_proof_of_time_then_the_archive_time_stamp(b_b: list[DocumentRecord], module_pki: DemoPki) -> None:
    result = upgrade_pdf(b_b[0].content or b"", Trust.from_demo_pki(module_pki), from_demo_pki(module_pki))
    assert (result.before, result.after, result.problem) == (PadesLevel.B_B, PadesLevel.B_LTA, None)
    statuses = _validate_from_dss(result.content, module_pki)
    timestamps = [s for n, s in statuses.items() if n not in ("bank", "borrower")]
    assert len(timestamps) == 2 and all(t.valid and t.intact and t.trusted for t in timestamps)
    assert statuses["bank"].bottom_line and statuses["borrower"].bottom_line


def test_a_b_lta_file_is_left_as_it_is(b_t: list[DocumentRecord], module_pki: DemoPki) -> None:
    trust, tsa = Trust.from_demo_pki(module_pki), from_demo_pki(module_pki)
    once = upgrade_pdf(b_t[0].content or b"", trust, tsa)
    again = upgrade_pdf(once.content, trust, tsa)
    assert again.content == once.content and again.after is PadesLevel.B_LTA and again.problem is None


def test_a_tampered_file_is_refused(b_t: list[DocumentRecord], module_pki: DemoPki) -> None:
    content = bytearray(b_t[0].content or b"")
    offset = content.index(b"stream") + 40
    content[offset] ^= 0x01
    with pytest.raises(DocumentRefused, match="does not hold"):
        upgrade_pdf(bytes(content), Trust.from_demo_pki(module_pki), from_demo_pki(module_pki))


def test_an_unsigned_file_is_refused(module_pki: DemoPki) -> None:
    with pytest.raises(DocumentRefused, match="no signature"):
        upgrade_pdf(documents()[0].content or b"", Trust.from_demo_pki(module_pki), from_demo_pki(module_pki))
