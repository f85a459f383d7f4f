"""Every generated attack and tampered file is flagged; untouched station outputs pass.

The generators (``tests/signing/attacks/``) cover incremental saving (six variants), signature
wrapping, shadow hide / replace / hide-and-replace and plain tampering. Several of them pass
pyHanko's own bottom line; the test records which, so the defences beyond it stay necessary.
"""

from __future__ import annotations

import io

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from signing.attacks import ON_SIGNED, PREPARED
from signing.attacks import world as shared
from signing.attacks.world import World
from station.validation.results import Verdict
from station.validation.structure import inspect_structure
from station.validation.verify import verify_pdf

world = shared.world  # the session's DEMO PKI, signer and trust (a fixture)

ATTACKS = sorted([*ON_SIGNED, *PREPARED])
# the attacks pyHanko alone (same trust, hard-fail revocation) judges fine on every signature: found by
# running them; if pyHanko learns to catch one, this list shrinks and the test says so
FOOL_PYHANKO = {
    "isa-without-xref", "isa-trailer-without-xref", "isa-hidden-revision", "isa-object-defined-twice",
    "shadow-hide-cover-field", "shadow-replace-field-value", "swa-relocated-only-signature",
}
EXPECTED_REASON = {
    "isa-with-xref": "changed after signing",
    "isa-without-xref": "suspicious structure",
    "isa-trailer-without-xref": "suspicious structure",
    "isa-hidden-revision": "suspicious structure",
    "isa-object-defined-twice": "suspicious structure",
    "isa-duplicate-xref-entry": "suspicious structure",
    "swa-relocated": "suspicious structure",
    "swa-relocated-only-signature": "suspicious structure",
    "swa-duplicated-signature": "tampered",
    "shadow-hide-cover-xobject": "changed after signing",
    "shadow-hide-cover-field": "changed after signing",
    "shadow-replace-field-value": "changed after signing",
    "shadow-hide-and-replace": "changed after signing",
    "tamper-flipped-byte": "tampered",
    "tamper-new-page-content": "changed after signing",
    "tamper-removed-signature": "changed after signing",
    "tamper-broken-signature": "signature broken",
    "tamper-truncated": "unreadable",
}


def test_every_attack_class_has_a_generator_and_an_expectation() -> None:
    assert set(EXPECTED_REASON) == set(ATTACKS)
    for prefix in ("isa-", "swa-", "shadow-hide-cover", "shadow-replace", "shadow-hide-and-replace", "tamper-"):
        assert any(name.startswith(prefix) for name in ATTACKS), prefix


@pytest.mark.parametrize("name", ATTACKS)
def test_attack_is_flagged(world: World, name: str) -> None:
    report = verify_pdf(world.attacks[name], world.trust, name=name)

    assert report.verdict is not Verdict.VALID
    assert report.verdict is Verdict.INVALID
    assert EXPECTED_REASON[name] in report.reasons, [p.text() for p in report.problems]
    if name in FOOL_PYHANKO:
        assert report.pyhanko_accepts, f"pyHanko now catches {name}: update FOOL_PYHANKO"
    else:
        assert not report.pyhanko_accepts


def test_untouched_outputs_pass_and_have_no_structural_findings(world: World) -> None:
    for pdf in (world.original, world.station.signed(world.station.borrower("陈十")), world.station.bank_only()):
        report = verify_pdf(pdf, world.trust)
        assert report.verdict is Verdict.VALID, [p.text() for p in report.problems]
        structure = inspect_structure(io.BytesIO(pdf), PdfFileReader(io.BytesIO(pdf)).xrefs)
        assert structure.findings == ()
        assert [r.end for r in structure.revisions][-1] == len(pdf)


def test_wrapping_is_named_as_such(world: World) -> None:
    report = verify_pdf(world.attacks["swa-relocated-only-signature"], world.trust)

    assert any("signature wrapping" in p.message for p in report.problems)


def test_orphaned_objects_are_located(world: World) -> None:
    pdf = world.attacks["isa-without-xref"]
    report = verify_pdf(pdf, world.trust)

    orphan = next(p for p in report.problems if "listed in no cross-reference section" in p.message)
    assert f"at byte {len(world.original)}" in orphan.message
