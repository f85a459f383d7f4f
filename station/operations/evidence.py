"""What leaves the station: a finished case's evidence bundle (sealed by the bank's key, encrypted to the
branch), the outbox of bundles for the branch, and the branch's check of a bundle.

The GUI's done page and the CLI's ``case export`` / ``sync outbox`` both come here, so both seal with
the same key, encrypt to the same certificate and record the same audit event.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from station.config import Settings
from station.errors import StationError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

    from station.pki.trust_store import TrustStore
    from station.signing.seal import SealCheck
    from station.store.cases import OutboxEntry, Store
    from station.store.evidence import ArchiveCheck, BundleReport, Seal
    from station.store.officers import SignedIn


@contextmanager
def bank_seal(settings: Settings) -> Iterator[Seal]:
    """The bank's key as a bundle seal: the signing kit's key when this process has one open (the GUI's,
    after signing), else the bank's key alone, opened for the bundle and closed after it."""
    from station.bootstrap import bank_key
    from station.operations.engines import made_kit
    from station.signing.seal import BankSeal

    kit = made_kit(settings)
    if kit is not None:
        yield BankSeal(kit.bank)
        return
    with bank_key(settings) as bank:
        yield BankSeal(bank)


def export_case(store: Store, settings: Settings, by: SignedIn, case_id: str, dest: Path) -> BundleReport:
    """Write the finished case's evidence bundle to ``dest`` (recorded in the case's audit trail)."""
    from station.bootstrap import sync_recipient
    from station.store.evidence import export_bundle

    recipient = sync_recipient(settings)
    with bank_seal(settings) as seal:
        return export_bundle(store, by, case_id, dest, recipient, seal)


def write_outbox(store: Store, settings: Settings, by: SignedIn) -> list[BundleReport]:
    """Write the bundle of every finished case waiting in the outbox into the outbox folder, once each."""
    from station.bootstrap import sync_recipient
    from station.store.outbox import write_outbox as write

    if not store.outbox(kind="case"):
        return []
    recipient = sync_recipient(settings)
    with bank_seal(settings) as seal:
        return write(store, by, recipient, seal)


@dataclass(frozen=True)
class OutboxState:
    """What waits for the branch: outbox items (masked names when an officer is signed in) and the bundle
    files in the outbox folder."""

    pending: list[OutboxEntry]
    folder: Path
    bundles: list[str]


def outbox_state(store: Store, settings: Settings, by: SignedIn | None) -> OutboxState:
    from station.store.outbox import BUNDLE_SUFFIX

    folder = settings.outbox_dir
    bundles = sorted(p.name for p in folder.glob(f"*{BUNDLE_SUFFIX}")) if folder.is_dir() else []
    return OutboxState(store.outbox(by), folder, bundles)


class BundleKeyError(StationError):
    """The branch's key or certificate for opening a bundle cannot be read."""


@dataclass(frozen=True)
class BundleCheck:
    """The branch's check of one bundle: the seal and the archive inside it."""

    seal: SealCheck
    archive: ArchiveCheck

    @property
    def ok(self) -> bool:
        return self.seal.ok and self.archive.ok

    @property
    def problems(self) -> list[str]:
        return [*self.seal.problems, *self.archive.problems]


def open_bundle(envelope: bytes, key: bytes, cert: Path, trust: TrustStore,
                passphrase: Callable[[], str]) -> BundleCheck:
    """Decrypt a bundle with the branch's key (PEM or DER; ``passphrase`` is asked for an encrypted one),
    check the bank's seal against ``trust`` and the archive's files and audit chain against its manifest.
    Raises :class:`BundleKeyError` or :class:`~station.signing.seal.BundleOpenError` when it cannot be opened."""
    from cryptography import x509

    from station.pki.certs import CertificateFileError, read_certificates
    from station.signing.seal import BundleOpenError, open_sealed
    from station.store.evidence import check_archive

    try:
        branch_key = _private_key(key, passphrase)
        branch_cert = x509.load_der_x509_certificate(read_certificates(cert)[0].dump())
    except (OSError, ValueError, TypeError, CertificateFileError) as exc:
        raise BundleKeyError("bundle-branch-key-unreadable", problem=str(exc)) from exc
    try:
        seal = open_sealed(envelope, branch_key, branch_cert, trust)
    except (ValueError, TypeError) as exc:  # a parser's failure is a bundle that does not open, never a pass
        raise BundleOpenError("bundle-unopenable", problem=str(exc)) from exc
    return BundleCheck(seal, check_archive(seal.content))


def _private_key(data: bytes, passphrase: Callable[[], str]) -> PrivateKeyTypes:
    from cryptography.hazmat.primitives import serialization

    load = serialization.load_pem_private_key if b"-----BEGIN" in data else serialization.load_der_private_key
    try:
        return load(data, None)
    except TypeError:  # encrypted: "Password was not given but private key is encrypted"
        return load(data, passphrase().encode("utf-8"))


def common_name(subject: str) -> str:
    """A certificate subject (RFC 4514) as a person reads it: its common name, or the subject as it is."""
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    try:
        names = x509.Name.from_rfc4514_string(subject).get_attributes_for_oid(NameOID.COMMON_NAME)
    except ValueError:
        return subject
    return str(names[0].value) if names else subject
