"""Evidence bundle tests' support: a station with a finished case, and opening bundles as the branch does."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import factories as f
import pytest
from asn1crypto import cms
from conftest import ADMIN_ID, ADMIN_PIN, FakeClock
from cryptography.hazmat.primitives.serialization import pkcs7

from station.config import load_settings
from station.core.session import OfficerSession
from station.core.visit import Visit
from station.pki.demo import DemoPki, ensure_demo_pki
from station.pki.signers import Pkcs12Key, open_bank_key
from station.signing.seal import BankSeal
from station.store.cases import Store
from station.store.officers import SignedIn


@dataclass(frozen=True)
class Opened:
    """A decrypted bundle: the ZIP's files by name and the parsed manifest."""

    files: dict[str, bytes]
    manifest: dict

    def other_files(self) -> dict[str, bytes]:
        return {name: data for name, data in self.files.items() if name != "manifest.json"}


def unzip(archive: bytes) -> Opened:
    with zipfile.ZipFile(io.BytesIO(archive)) as z:
        assert z.testzip() is None
        files = {name: z.read(name) for name in z.namelist()}
    return Opened(files, json.loads(files["manifest.json"]))


def open_with_pyca(bundle: Path, pki: DemoPki) -> Opened:
    """Decrypt with the branch's key and take the ZIP out of the bank's seal (not checking the seal)."""
    return unzip(sealed_content(decrypt_with_pyca(bundle, pki)))


def decrypt_with_pyca(bundle: Path, pki: DemoPki) -> bytes:
    return pkcs7.pkcs7_decrypt_der(bundle.read_bytes(), pki.branch_sync_cert(), pki.branch_sync_key(), [])


def sealed_content(sealed: bytes) -> bytes:
    info = cms.ContentInfo.load(sealed)
    assert info["content_type"].native == "signed_data"
    return bytes(info["content"]["encap_content_info"]["content"].native)


def openssl_decrypt(bundle: Path, key: Path, cert: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["openssl", "cms", "-decrypt", "-inform", "DER", "-in", str(bundle), "-inkey", str(key),
                           "-recip", str(cert), "-out", str(out)], capture_output=True, text=True, timeout=30)


def openssl_verify(sealed: Path, root: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """Check the bank's seal against ``root`` (the chain travels in the seal) and write the ZIP to ``out``."""
    return subprocess.run(["openssl", "cms", "-verify", "-inform", "DER", "-in", str(sealed), "-CAfile", str(root),
                           "-out", str(out)], capture_output=True, text=True, timeout=30)


@contextmanager
def bank_seal(pki: DemoPki) -> Iterator[BankSeal]:
    """The DEMO bank key of ``pki`` as a bundle seal."""
    with open_bank_key(Pkcs12Key(pki.bank_p12_file, pki.bank_passphrase()),
                       chain=[*pki.intermediates(), *pki.trust_roots()]) as bank:
        yield BankSeal(bank)


@pytest.fixture(scope="module")
def branch(tmp_path_factory: pytest.TempPathFactory) -> DemoPki:
    """The DEMO branch: its sync certificate receives the bundles, its key opens them."""
    return ensure_demo_pki(tmp_path_factory.mktemp("branch") / "pki", "示范农村商业银行")


@pytest.fixture(scope="module")
def seal(branch: DemoPki) -> Iterator[BankSeal]:
    """The DEMO bank's key (the branch trusts the DEMO root it chains to)."""
    with bank_seal(branch) as opened:
        yield opened


def hashes_match(opened: Opened) -> bool:
    """Every file but the manifest is listed in it with its SHA-256, and nothing else is listed."""
    listed = opened.manifest["files"]
    return listed == {name: hashlib.sha256(data).hexdigest() for name, data in opened.other_files().items()}


@dataclass(frozen=True)
class Station:
    """A station on its own data folder with a signed-in officer and one finished case."""

    store: Store
    officer: SignedIn
    clock: FakeClock
    case_id: str

    def visit(self) -> Visit:
        return Visit.start(self.store, OfficerSession(self.officer, timedelta(minutes=5), self.clock))


@contextmanager
def station_with_a_finished_case(folder: Path, **settings: Any) -> Iterator[Station]:
    """For module-scoped fixtures (signing in costs an Argon2 hash): the settings are read with the
    environment isolated, as tests/conftest.py does for each test."""
    with pytest.MonkeyPatch.context() as env:
        for key in [k for k in os.environ if k.startswith("STATION_")]:
            env.delenv(key)
        env.setenv("STATION_CONFIG", str(folder / "config" / "settings.toml"))
        loaded = load_settings(data_dir=folder / "data", **settings)
    clock = FakeClock()
    with Store.open(loaded, clock=clock) as store:
        officer = store.officers.bootstrap(ADMIN_ID, "管理员", ADMIN_PIN)
        visit = Visit.start(store, OfficerSession(officer, timedelta(minutes=5), clock))
        f.drive(visit)
        yield Station(store, officer, clock, visit.case_id)
