"""One DEMO PKI, signer and trust store shared by the verification tests (made once per test run).

Import the ``world`` fixture into a test module (``from signing.attacks.world import world``). Tests that
change the PKI (revocations) must make their own with the ``demo_pki`` fixture instead.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest

from station.pki.demo import DemoPki, ensure_demo_pki
from station.pki.trust_store import TrustStore, load_trust

from . import all_attacks
from .documents import StationLike

BANK = "示范农村商业银行"


def demo_trust(pki: DemoPki) -> TrustStore:
    """The trust QA gets with ``--trust demo`` on a station with this PKI."""
    return load_trust(["demo"], demo_root=pki.root_cert_file,
                      demo_crls=[pki.root_crl_file, pki.issuing_crl_file, pki.borrower_crl_file])


@dataclass
class World:
    folder: Path
    pki: DemoPki
    station: StationLike
    trust: TrustStore

    @cached_property
    def original(self) -> bytes:
        """An untouched station-like output (bank certifies, borrower signs, a timestamp each)."""
        return self.station.signed()

    @cached_property
    def attacks(self) -> dict[str, bytes]:
        return dict(all_attacks(self.station, self.original))

    @cached_property
    def nss_db(self) -> Path:
        return nss_database(self.folder / "nss", self.pki.root_cert_file)


_worlds: dict[str, World] = {}


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    if "world" not in _worlds:
        folder = tmp_path_factory.mktemp("verify-world")
        pki = ensure_demo_pki(folder / "pki", BANK)
        _worlds["world"] = World(folder, pki, StationLike(pki), demo_trust(pki))
    return _worlds["world"]


def nss_database(db: Path, root_cert_file: Path) -> Path:
    """An NSS database (made with certutil) trusting ``root_cert_file`` as a CA, for poppler's pdfsig."""
    db.mkdir()
    subprocess.run(["certutil", "-N", "-d", f"sql:{db}", "--empty-password"], check=True, capture_output=True)
    subprocess.run(["certutil", "-A", "-d", f"sql:{db}", "-n", "DEMO root", "-t", "CT,C,C", "-i", str(root_cert_file)],
                   check=True, capture_output=True)
    return db


def pdfsig(pdf: Path, nss_db: Path) -> list[tuple[bool, bool]]:
    """Per signature, poppler's (signature valid, certificate trusted), parsed from its text (it exits 0 anyway)."""
    done = subprocess.run(["pdfsig", "-nssdir", f"sql:{nss_db}", str(pdf)], capture_output=True, text=True,
                          timeout=60)
    results = []
    for block in done.stdout.split("Signature #")[1:]:
        results.append(("Signature Validation: Signature is Valid." in block,
                        "Certificate Validation: Certificate is Trusted." in block))
    return results
