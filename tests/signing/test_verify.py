"""Verdicts on station-like signed documents: what makes one VALID, and each reason one is not."""

from __future__ import annotations

import asyncio
import io
from datetime import UTC, datetime, timedelta

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from signing.attacks import world as shared
from signing.attacks.certificates import odd_borrower
from signing.attacks.documents import StationLike
from signing.attacks.world import World, demo_trust
from station.core.checks import CheckStatus
from station.pki.demo import DemoPki, revoke
from station.pki.trust_store import load_trust
from station.validation.results import Expectation, Reason, Verdict
from station.validation.verify import verify_pdf

world = shared.world  # the session's DEMO PKI, signer and trust (a fixture)


def test_untouched_station_output_is_valid_with_every_detail(world: World) -> None:
    report = verify_pdf(world.original, world.trust, name="loan_contract.pdf")

    assert report.verdict is Verdict.VALID, [p.text() for p in report.problems]
    assert report.pyhanko_accepts is True
    bank, borrower = report.signatures
    assert (bank.field, borrower.field) == ("bank", "borrower")
    assert bank.signer.startswith("DEMO ") and borrower.signer == "王小明"
    assert [c.common_name for c in borrower.chain] == ["王小明", "DEMO Borrower Event CA", "DEMO Station Root CA"]
    for sig in report.signatures:
        assert sig.time_source == "timestamp"
        assert sig.timestamp_authority == "DEMO Station Time Stamping Authority"
        assert abs(sig.signing_time - datetime.now(UTC)) < timedelta(hours=1)
        assert sig.pades_level == "B-T"
        assert all(": good," in line for line in sig.revocation) and len(sig.revocation) == 4
    assert bank.certification == "P=2: form filling and signing"
    assert bank.changes_after == "signatures added or form fields filled in" and bank.changes_allowed
    assert bank.coverage == "revisions 1 to 3 of 4"
    assert borrower.coverage == "the whole file" and borrower.changes_after == "no changes"
    assert report.pades_level == "B-T" and report.revisions == 4 and report.pages == 1
    assert {c.name: c.status for c in report.checks}["pdf.structure"] is CheckStatus.PASS


def test_a_signature_without_timestamp_takes_the_signers_clock(world: World) -> None:
    report = verify_pdf(world.station.signed(timestamp=False), world.trust)

    assert report.verdict is Verdict.VALID
    assert {s.time_source for s in report.signatures} == {"signer's clock"}
    assert report.pades_level == "B-B"


def test_another_root_makes_it_untrusted(world: World, other_pki: DemoPki) -> None:
    report = verify_pdf(world.original, demo_trust(other_pki))

    assert report.verdict is Verdict.UNTRUSTED
    assert report.reasons == ["untrusted"]


def test_no_trusted_root_at_all_is_untrusted(world: World) -> None:
    assert verify_pdf(world.original, load_trust([])).verdict is Verdict.UNTRUSTED


def test_revocation_unknown_is_never_valid_though_plain_pyhanko_accepts(demo_pki: DemoPki) -> None:
    station = StationLike(demo_pki)
    borrower = station.borrower("李四")
    pdf = station.signed(borrower)
    revoke(demo_pki, borrower.certificate)
    roots_only = load_trust([demo_pki.root_cert_file])  # no CRL anywhere

    report = verify_pdf(pdf, roots_only)

    assert report.verdict is Verdict.INDETERMINATE
    assert report.reasons == ["revocation unknown"]
    # the pitfall this guards against: pyHanko's defaults with no revocation data accept the revoked certificate
    assert all(_plain_pyhanko(pdf, demo_pki))


def test_revoked_before_signing_is_invalid(demo_pki: DemoPki) -> None:
    revoked_at = datetime.now(UTC) - timedelta(minutes=1)  # the past: the CRL is current when QA checks
    station = StationLike(demo_pki, clock=lambda: revoked_at + timedelta(seconds=2))  # CRL times are whole seconds
    borrower = station.borrower("周九")
    revoke(demo_pki, borrower.certificate, clock=lambda: revoked_at)

    report = verify_pdf(station.signed(borrower), demo_trust(demo_pki))

    assert report.verdict is Verdict.INVALID
    assert report.reasons == ["certificate revoked"]
    assert any(p.field == "borrower" and "revoked on" in p.message for p in report.problems)


def test_revoked_after_the_timestamp_is_a_policy_question(demo_pki: DemoPki) -> None:
    signed_at = datetime.now(UTC) - timedelta(minutes=1)
    station = StationLike(demo_pki, clock=lambda: signed_at)
    borrower = station.borrower("孙八")
    pdf = station.signed(borrower)
    revoke(demo_pki, borrower.certificate, clock=lambda: signed_at + timedelta(seconds=2))

    report = verify_pdf(pdf, demo_trust(demo_pki))

    assert report.verdict is Verdict.INDETERMINATE
    assert "after the timestamped signing time" in report.problems[0].message


def test_certificate_expired_at_signing_time_is_invalid(world: World) -> None:
    now = datetime.now(UTC)
    expired = odd_borrower(world.pki, "赵六", not_before=now - timedelta(days=60), not_after=now - timedelta(days=1))

    report = verify_pdf(world.station.signed(expired), world.trust)

    assert report.verdict is Verdict.INVALID
    assert Reason.EXPIRED.value in report.reasons
    assert "was not valid when it signed" in report.problems[0].message


def test_expectations_name_the_customer_and_the_parties(world: World) -> None:
    good = verify_pdf(world.original, world.trust, expect=Expectation(customer="王 小明"))
    someone_else = verify_pdf(world.original, world.trust, expect=Expectation(customer="张三"))
    bank_only = verify_pdf(world.station.bank_only(), world.trust, expect=Expectation(customer="王小明"))

    assert good.verdict is Verdict.VALID
    assert any(c.name == "station.borrower" for c in good.checks)
    assert someone_else.verdict is Verdict.INVALID and someone_else.reasons == ["not as the case expects"]
    assert "names another person" in someone_else.problems[0].message
    assert "张三" not in someone_else.problems[0].message  # names stay out of messages
    assert bank_only.verdict is Verdict.INVALID
    assert "borrower's signature is missing" in bank_only.problems[0].message
    assert verify_pdf(world.station.bank_only(), world.trust).verdict is Verdict.VALID  # no expectation: fine


def test_report_serialises_and_converts_to_a_check(world: World) -> None:
    report = verify_pdf(world.original, world.trust, name="a.pdf")

    data = report.to_dict()
    assert data["verdict"] == "VALID" and data["signatures"][1]["signer"] == "王小明"
    assert report.row()["verdict"] == "VALID" and report.row()["signatures"] == 2
    assert report.as_check().status is CheckStatus.PASS


def _plain_pyhanko(pdf: bytes, pki: DemoPki) -> list[bool]:
    async def run() -> list[bool]:
        reader = PdfFileReader(io.BytesIO(pdf))
        context = ValidationContext(trust_roots=pki.trust_roots(), allow_fetching=False)
        return [(await async_validate_pdf_signature(s, context)).bottom_line for s in reader.embedded_signatures]

    return asyncio.run(run())


def test_long_term_validation_data_in_the_file_is_enough(world: World) -> None:
    from station.pki.trust import Trust
    from station.signing.upgrade import upgrade_pdf

    upgraded = upgrade_pdf(world.original, Trust.from_demo_pki(world.pki), world.station.timestamper)
    assert upgraded.after.value == "B-LTA", upgraded.problem
    roots_only = load_trust([world.pki.root_cert_file])  # no CRL files: the DSS must carry them

    report = verify_pdf(upgraded.content, roots_only)

    assert report.verdict is Verdict.VALID, [p.text() for p in report.problems]
    assert report.pades_level == "B-LTA"
    assert [s.kind for s in report.signatures][-1] == "document timestamp"
    checks = {c.name: c for c in report.checks}
    assert checks["pdf.after-last-signature"].status is CheckStatus.PASS, checks
