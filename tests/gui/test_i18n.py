"""Translations: every string the code marks is translated, the files are in step with the code, and
every sentence the core can say reaches the officer in Chinese."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from station.core.checks import CheckResult
from station.core.idcard_rules import check_card
from station.core.models import DocumentKind, FaceDecision, IdCardBack, Sex
from station.core.visit import (
    LoanPolicy,
    account_checks,
    document_checks,
    face_checks,
    loan_checks,
    signature_checks,
)
from station.ui.i18n import I18N_DIR, install_translations
from station.ui.messages import describe
from tests import factories

TS = I18N_DIR / "station_zh_CN.ts"
ROOT = Path(__file__).resolve().parents[2]


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {(ctx.findtext("name"), m.findtext("source")): m.find("translation")
            for ctx in root.iter("context") for m in ctx.iter("message")}


def test_every_marked_string_has_a_chinese_translation():
    unfinished = [src for (_, src), tr in _messages(TS).items()
                  if tr.get("type") in ("unfinished", "vanished", "obsolete") or not (tr.text or "").strip()]
    assert unfinished == []


def test_the_translation_files_are_in_step_with_the_code(tmp_path):
    """lupdate finds no string that the .ts lacks; the .qm is the compiled .ts (run scripts/i18n.sh)."""
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh)
    sources = sorted(str(p) for p in (ROOT / "station" / "ui").rglob("*.py"))
    subprocess.run([shutil.which("pyside6-lupdate") or "pyside6-lupdate", "-no-obsolete", "-locations", "none",
                    *sources, "-ts", str(fresh)], check=True, capture_output=True)
    assert set(_messages(fresh)) == set(_messages(TS))
    qm = tmp_path / "fresh.qm"
    subprocess.run([shutil.which("pyside6-lrelease") or "pyside6-lrelease", str(TS), "-qm", str(qm)], check=True,
                   capture_output=True)
    assert qm.read_bytes() == (I18N_DIR / "station_zh_CN.qm").read_bytes()


def _number(body: str) -> str:
    """``body``'s first 17 characters with the right check character (for impossible dates)."""
    from stdnum.cn import ric

    return body[:17] + ric.calc_check_digit(body[:17] + "0")


def _core_checks() -> list[CheckResult]:
    """A check for every kind of sentence the core's checks say, passing and failing."""
    today = date(2026, 11, 23)
    card = factories.card_read()
    reads = [
        card,
        factories.card_read(number="1101051985061512"),  # too short
        factories.card_read(number="11010519850615123A"),  # bad format
        factories.card_read(number=factories.id_number()[:-1] + "0"),  # wrong check character
        factories.card_read(number=_number("110105198502301230")),  # not a real date
        factories.card_read(number=factories.id_number(birth=date(1899, 1, 1))),
        factories.card_read(number=factories.id_number(birth=date(2030, 1, 1))),
        factories.card_read(number=factories.id_number(region="990101")),  # unknown region
        factories.card_read(number=factories.id_number(region="110102")),  # another district
        factories.card_read(number=factories.id_number(region="110103")),  # a retired code
        factories.card_read(address="广东省广州市天河区"),
        factories.card_read(sex=Sex.FEMALE, number=factories.id_number()),
        factories.card_read(birth=date(2012, 1, 1), valid_from=date(2020, 1, 1), valid_to=date(2025, 1, 1)),
        factories.card_read(valid_from=date(2015, 3, 1), valid_to=date(2025, 3, 1)),
        factories.card_read(valid_from=date(2015, 3, 1), valid_to=date(2035, 3, 2)),
        factories.card_read(valid_from=date(2027, 3, 1), valid_to=date(2047, 3, 1)),
        factories.card_read(birth=date(1950, 1, 1), valid_from=date(2010, 1, 1), valid_to=None),
    ]
    reads.append(replace(card, front=replace(card.front, birth_date=date(1985, 6, 16))))
    reads.append(replace(card, back=IdCardBack("x", date(2015, 3, 1), None)))
    checks = [c for r in reads for c in check_card(r, today)]
    checks += face_checks(factories.face_match()) + face_checks(factories.face_match(FaceDecision.NO_MATCH, False))
    checks += face_checks(replace(factories.face_match(), decision=FaceDecision.RETRY, reason="too dark"))
    checks += account_checks(factories.account_request()) + account_checks(
        replace(factories.account_request("12345"), address=" ", product=""))
    policy = LoanPolicy()
    checks += loan_checks(factories.loan_offer(credit_line=Decimal("200000")), policy)
    checks += loan_checks(factories.loan_offer("600000", 99, "30", credit_line=Decimal("100"), excluded=True), policy)
    low = factories.loan_offer()
    checks += loan_checks(replace(low, quote=replace(low.quote, apr=Decimal("1"))), policy)
    checks += document_checks(factories.document_set()) + document_checks(
        replace(factories.document_set([DocumentKind.LOAN_CONTRACT]), documents=[
            replace(factories.document_set([DocumentKind.LOAN_CONTRACT]).documents[0], sha256="")]))
    checks += signature_checks(factories.signed_set()) + signature_checks(factories.signed_set(empty=True, level="B-B"))
    signed = factories.signed_set()
    checks += signature_checks(replace(signed, documents=signed.documents[:1]))
    return list({c.reason: c for c in checks if c.reason != "too dark"}.values())


@pytest.mark.parametrize("language", ["zh_CN"])
def test_every_sentence_of_the_core_checks_is_said_in_chinese(qapp, language):
    install_translations(qapp, language)
    untranslated = [c.reason for c in _core_checks()
                    if re.search(r"[A-Za-z]{3,}", describe(c).replace("too dark", ""))]
    assert untranslated == []
    assert len(_core_checks()) > 60  # the list above reaches every kind of sentence
