"""Fixtures for the signing tests: a DEMO PKI in a temporary folder, and PEM files for openssl."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from station.pki.demo import DemoPki, ensure_demo_pki


@pytest.fixture
def bank_name() -> str:
    return "示范农村商业银行"


@pytest.fixture
def demo_pki(tmp_path: Path, bank_name: str) -> DemoPki:
    return ensure_demo_pki(tmp_path / "pki", bank_name)


@pytest.fixture
def other_pki(tmp_path: Path, bank_name: str) -> DemoPki:
    """A second, unrelated DEMO PKI: its root must not vouch for the first one's certificates."""
    return ensure_demo_pki(tmp_path / "other-pki", bank_name)


def _write_pem(path: Path, certs: Iterable[x509.Certificate]) -> Path:
    path.write_bytes(b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certs))
    return path


def _openssl(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["openssl", *map(str, args)], capture_output=True, text=True, timeout=30)


@pytest.fixture
def write_pem() -> Callable[[Path, Iterable[x509.Certificate]], Path]:
    """Write certificates to one PEM file (for openssl) and return its path."""
    return _write_pem


@pytest.fixture
def openssl() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the openssl command line with the given arguments; the completed process comes back."""
    return _openssl
