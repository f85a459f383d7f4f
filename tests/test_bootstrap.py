"""First-run defaults and the settings-to-signing glue."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from station.bootstrap import prepare, signing_trust
from station.config import load_settings
from station.errors import SettingsError
from station.pki.demo import ensure_demo_pki
from station.store.cases import Store


def test_prepare_is_idempotent(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path / "data")
    with Store.open(settings) as store:
        first = prepare(settings, store)
        second = prepare(settings, store)
    assert first.demo_officer and len(first.created) == 3
    assert not second.anything


def test_configured_roots_and_crls_join_the_demo_trust(tmp_path: Path) -> None:
    other = ensure_demo_pki(tmp_path / "other-pki", "别的银行")  # stands in for a bank's own CA
    roots = tmp_path / "roots.pem"
    roots.write_bytes(other.root_cert().public_bytes(Encoding.PEM))
    settings = load_settings(data_dir=tmp_path / "data", signing={
        "trust_roots": [str(roots)], "crl_files": [str(other.root_crl_file)]})
    trust = signing_trust(settings, ensure_demo_pki(settings.pki_dir, settings.bank.name))
    subjects = {r.subject.human_friendly for r in trust.roots}
    assert len(trust.roots) == 2 and any("DEMO" in s for s in subjects)
    assert len(trust.crls) == len(ensure_demo_pki(settings.pki_dir, settings.bank.name).crls()) + 1
    assert trust.revocation_mode == "require" and not trust.allow_fetching


def test_a_damaged_trust_file_is_a_settings_error(tmp_path: Path) -> None:
    junk = tmp_path / "roots.pem"
    junk.write_bytes(b"-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n")
    settings = load_settings(data_dir=tmp_path / "data", signing={"trust_roots": [str(junk)]})
    with pytest.raises(SettingsError, match="not a certificate"):
        signing_trust(settings, ensure_demo_pki(settings.pki_dir, settings.bank.name))
    missing = load_settings(data_dir=tmp_path / "data", signing={"crl_files": [str(tmp_path / "none.crl")]})
    with pytest.raises(SettingsError, match="Cannot read"):
        signing_trust(missing, ensure_demo_pki(missing.pki_dir, missing.bank.name))
