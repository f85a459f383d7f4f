"""The bank signs from a real PKCS#11 token: SoftHSM2, a key generated on the token (never
extractable), its certificate from the DEMO issuing CA, set up by the tests themselves."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from station.errors import BankKeyError, TokenRemovedError
from station.pki.demo import DemoPki
from station.pki.signers import Pkcs11Key, open_bank_key
from station.pki.trust import Trust
from station.signing.seal import BankSeal

from .sign_support import (
    SOFTHSM_MODULE,
    Pdfsig,
    SoftHsm,
    Token,
    documents,
    module_pki,
    pkcs12_kit,
    pyhanko_statuses,
    sign_sample,
    softhsm,
)

__all__ = ["module_pki", "softhsm"]  # fixtures


@pytest.fixture
def token(softhsm: SoftHsm, module_pki: DemoPki, request: pytest.FixtureRequest) -> Token:
    return softhsm.new_token(f"bank-{request.node.name[-24:]}", module_pki)


def _source(token: Token, pin: str | None = None, label: str | None = None) -> Pkcs11Key:
    return Pkcs11Key(SOFTHSM_MODULE, label or token.label, token.key_label, pin or token.pin)


def _token_kit(module_pki: DemoPki, token: Token):  # noqa: ANN202 - a SigningKit
    kit = pkcs12_kit(module_pki)
    kit.bank = open_bank_key(_source(token), chain=[*Trust.from_demo_pki(module_pki).intermediates,
                                                    *module_pki.trust_roots()])
    return kit


def test_the_set_signed_with_the_token_is_accepted(module_pki: DemoPki, token: Token, tmp_path: Path) -> None:
    kit = _token_kit(module_pki, token)
    try:
        outcome = sign_sample(kit)
    finally:
        kit.bank.close()
    assert outcome.level.value == "B-T"
    trust = Trust.from_demo_pki(module_pki)
    pdfsig = Pdfsig(tmp_path / "nss", module_pki.root_cert_file)
    for record in outcome.signed.documents:
        statuses = pyhanko_statuses(record.content or b"", trust)
        assert all(s.bottom_line and s.trusted for s in statuses.values()), record.filename
        assert statuses["bank"].signing_cert.public_key.dump() == kit.bank.certificate.public_key.dump()
        path = tmp_path / record.filename
        path.write_bytes(record.content or b"")
        verdicts = pdfsig.check(path)
        assert set(verdicts) == {"bank", "borrower"} and all(v.accepted for v in verdicts.values()), verdicts


def test_a_wrong_pin_is_refused(token: Token) -> None:
    with pytest.raises(BankKeyError, match="PIN .* is wrong"):
        open_bank_key(_source(token, pin="999999"))


def test_a_token_that_is_not_plugged_in_is_refused(token: Token) -> None:
    with pytest.raises(BankKeyError, match="cannot be opened"):
        open_bank_key(_source(token, label="no-such-token"))


@pytest.mark.parametrize("how", ["token pulled out", "session closed"])
def test_a_token_lost_midway_stops_the_whole_set(module_pki: DemoPki, token: Token, how: str) -> None:
    kit = _token_kit(module_pki, token)

    def lose_token(done: int, _total: int) -> None:
        if done == 1:
            if how == "token pulled out":
                shutil.rmtree(token.folder)  # SoftHSM2's token is this folder: gone, as if pulled out
            else:
                kit.bank.close()

    try:
        with pytest.raises(TokenRemovedError, match="went away while signing"):
            sign_sample(kit, documents(), progress=lose_token)
    finally:
        kit.bank.close()


def test_the_token_seals_an_evidence_bundle_and_a_closed_session_is_an_error(module_pki: DemoPki, token: Token,
                                                                              tmp_path: Path) -> None:
    """The bundle seal (CMS SignedData) made on the token checks with openssl against the DEMO root."""
    bank = open_bank_key(_source(token), chain=[*Trust.from_demo_pki(module_pki).intermediates,
                                                *module_pki.trust_roots()])
    seal = BankSeal(bank)
    try:
        sealed = tmp_path / "bundle.sealed"
        sealed.write_bytes(seal(b"PK\x03\x04 the bundle's ZIP"))
    finally:
        bank.close()
    verified = subprocess.run(["openssl", "cms", "-verify", "-inform", "DER", "-in", str(sealed), "-CAfile",
                               str(module_pki.root_cert_file)], capture_output=True, timeout=30)
    assert verified.returncode == 0, verified.stderr
    assert verified.stdout == b"PK\x03\x04 the bundle's ZIP"
    with pytest.raises(BankKeyError, match="could not seal the evidence bundle.*nothing was written"):
        seal(b"after the session was closed")
